-- Helper for checks, not a view. Grain: one row per (function, government economic,
-- department economic) subject triple of one document version where the 项目支出 of table
-- `table_id` (03, 09 or 10) differs from table 04's project money on the same three subject
-- codes. Used by sql/checks/x03_04, x09_04 and x10_04 *_project_by_subjects.sql.
-- Contract: published.check_project_by_subjects(document_version_id, table_id, left_cell,
-- right_label, right_cell) returns unit_code, fiscal_year, message, figures, difference - the
-- check-file columns without rule and severity, which stay in each check file. What is
-- compared per table (the one place that knows it):
--   03: core.fct_expenditure.project_expenditure vs 04's 合计 (every funding column of
--       本年拨款, 财政拨款结转结余, 财政专户管理资金, 单位资金);
--   09: core.fct_government_fund_expenditure.project_expenditure vs 04's
--       本年拨款/政府性基金预算 + 财政拨款结转结余/政府性基金预算;
--   10: core.fct_state_capital_expenditure.project_expenditure vs 04's
--       本年拨款/国有资本经营预算 + 财政拨款结转结余/国有资本经营预算;
-- any other table_id returns no rows. left_cell / right_cell name the compared cells in
-- figures, right_label names 04's side in the message. Both directions (a triple only one
-- table prints is a row); unreadable codes are compared as NULL with NULL. Blank counts as
-- zero; amounts are NUMERIC; difference = table_id - 04.
-- Parameters are qualified with the function name below: in an SQL function a column of the
-- same name (document_version_id) would otherwise win.
CREATE FUNCTION published.check_project_by_subjects(document_version_id bigint, table_id text,
                                                    left_cell text, right_label text,
                                                    right_cell text)
    RETURNS TABLE (unit_code text, fiscal_year integer, message text, figures jsonb,
                   difference numeric)
    LANGUAGE sql STABLE
BEGIN ATOMIC
WITH doc AS (
    SELECT d.unit_code, d.fiscal_year
    FROM audit.document_version v
    JOIN audit.document d USING (document_id)
    WHERE v.document_version_id = check_project_by_subjects.document_version_id
),
left_rows AS (  -- the project spending lines of the table named, with their subjects
    SELECT function_subject_code, gov_economic_code, dept_economic_code, function_subject,
           gov_economic_subject, dept_economic_subject, project_expenditure
    FROM core.fct_expenditure
    WHERE document_version_id = check_project_by_subjects.document_version_id
      AND check_project_by_subjects.table_id = '03'
    UNION ALL
    SELECT function_subject_code, gov_economic_code, dept_economic_code, function_subject,
           gov_economic_subject, dept_economic_subject, project_expenditure
    FROM core.fct_government_fund_expenditure
    WHERE document_version_id = check_project_by_subjects.document_version_id
      AND check_project_by_subjects.table_id = '09'
    UNION ALL
    SELECT function_subject_code, gov_economic_code, dept_economic_code, function_subject,
           gov_economic_subject, dept_economic_subject, project_expenditure
    FROM core.fct_state_capital_expenditure
    WHERE document_version_id = check_project_by_subjects.document_version_id
      AND check_project_by_subjects.table_id = '10'
),
by_left AS (
    SELECT function_subject_code AS fn, gov_economic_code AS gov, dept_economic_code AS dept,
           min(function_subject) AS fn_printed, min(gov_economic_subject) AS gov_printed,
           min(dept_economic_subject) AS dept_printed,
           count(*) AS rows, coalesce(sum(project_expenditure), 0) AS amount
    FROM left_rows
    GROUP BY 1, 2, 3
),
by04 AS (  -- 04's money on each triple that the table named stands for
    SELECT function_subject_code AS fn, gov_economic_code AS gov, dept_economic_code AS dept,
           min(function_subject) AS fn_printed, min(gov_economic_subject) AS gov_printed,
           min(dept_economic_subject) AS dept_printed,
           count(*) AS rows,
           coalesce(sum(CASE check_project_by_subjects.table_id
               WHEN '03' THEN coalesce(current_general_budget, 0) + coalesce(current_government_fund, 0)
                              + coalesce(current_state_capital, 0) + coalesce(carryover_general_budget, 0)
                              + coalesce(carryover_government_fund, 0)
                              + coalesce(carryover_state_capital, 0)
                              + coalesce(fiscal_special_account, 0) + coalesce(unit_funds, 0)
               WHEN '09' THEN coalesce(current_government_fund, 0) + coalesce(carryover_government_fund, 0)
               WHEN '10' THEN coalesce(current_state_capital, 0) + coalesce(carryover_state_capital, 0)
           END), 0) AS amount
    FROM core.fct_project_expenditure
    WHERE document_version_id = check_project_by_subjects.document_version_id
      AND check_project_by_subjects.table_id IN ('03', '09', '10')
    GROUP BY 1, 2, 3
),
compared AS (  -- FULL JOIN needs an equality: codes are digits, so '' stands for NULL
    SELECT coalesce(a.fn, b.fn) AS fn, coalesce(a.gov, b.gov) AS gov,
           coalesce(a.dept, b.dept) AS dept,
           concat_ws(' / ', coalesce(a.fn_printed, b.fn_printed),
                     coalesce(a.gov_printed, b.gov_printed),
                     coalesce(a.dept_printed, b.dept_printed)) AS subjects,
           coalesce(a.amount, 0) AS amount_left, coalesce(a.rows, 0) AS rows_left,
           coalesce(b.amount, 0) AS amount04, coalesce(b.rows, 0) AS rows04
    FROM by_left a
    FULL JOIN by04 b
      ON coalesce(b.fn, '') = coalesce(a.fn, '') AND coalesce(b.gov, '') = coalesce(a.gov, '')
     AND coalesce(b.dept, '') = coalesce(a.dept, '')
)
SELECT doc.unit_code,
       doc.fiscal_year,
       format('%s 项目支出 of %s %s ≠ 04 %s of %s project rows on the same subjects %s (%s - 04 = %s)',
              check_project_by_subjects.table_id,
              c.subjects, published.printed_amount(c.amount_left),
              check_project_by_subjects.right_label, c.rows04,
              published.printed_amount(c.amount04),
              check_project_by_subjects.table_id,
              published.printed_amount(c.amount_left - c.amount04)),
       jsonb_build_object(
           'subjects', jsonb_build_array(c.fn, c.gov, c.dept),
           'left', jsonb_build_object('table', check_project_by_subjects.table_id,
                                      'cell', check_project_by_subjects.left_cell,
                                      'rows', c.rows_left,
                                      'amount', c.amount_left::numeric(24,6)::text),
           'right', jsonb_build_object('table', '04', 'cell', check_project_by_subjects.right_cell,
                                       'rows', c.rows04,
                                       'amount', c.amount04::numeric(24,6)::text)),
       c.amount_left - c.amount04
FROM doc CROSS JOIN compared c
WHERE c.amount_left <> c.amount04;
END;

COMMENT ON FUNCTION published.check_project_by_subjects(bigint, text, text, text, text) IS
    '03/09/10表项目支出与04表同科目项目金额的差异（检查用） / project spending of table 03, 09 or 10 that differs from table 04 on the same subjects (used by checks x03_04, x09_04, x10_04)';
