-- Rule: x09_04.project_by_subjects
-- Grain: one row per (function, government economic, department economic) subject triple
-- where table 09's 项目支出 differs from table 04's 政府性基金预算 project money on the same subjects.
-- Identity: 09 is the 政府性基金预算 appropriation spending (as 07 is the general budget's), so
-- its 本年预算数/项目支出 of a subject triple equals 04's 本年拨款/政府性基金预算 + 财政拨款结转结余/政府性基金预算
-- summed over the projects booked on the same three subject codes (template [identities]
-- fund_04_columns). Both directions (a triple only one table prints is a row); unreadable
-- codes are compared as NULL with NULL. Blank counts as zero.
-- difference = 09 - 04.
WITH doc AS (
    SELECT d.unit_code, d.fiscal_year
    FROM audit.document_version v
    JOIN audit.document d USING (document_id)
    WHERE v.document_version_id = :document_version_id
),
by09 AS (
    SELECT function_subject_code AS fn, gov_economic_code AS gov, dept_economic_code AS dept,
           min(function_subject) AS fn_printed, min(gov_economic_subject) AS gov_printed,
           min(dept_economic_subject) AS dept_printed,
           count(*) AS rows, coalesce(sum(project_expenditure), 0) AS amount
    FROM core.fct_government_fund_expenditure
    WHERE document_version_id = :document_version_id
    GROUP BY 1, 2, 3
),
by04 AS (
    SELECT function_subject_code AS fn, gov_economic_code AS gov, dept_economic_code AS dept,
           min(function_subject) AS fn_printed, min(gov_economic_subject) AS gov_printed,
           min(dept_economic_subject) AS dept_printed,
           count(*) AS rows,
           coalesce(sum(coalesce(current_government_fund, 0) + coalesce(carryover_government_fund, 0)), 0) AS amount
    FROM core.fct_project_expenditure
    WHERE document_version_id = :document_version_id
    GROUP BY 1, 2, 3
),
compared AS (  -- FULL JOIN needs an equality: codes are digits, so '' stands for NULL
    SELECT coalesce(a.fn, b.fn) AS fn, coalesce(a.gov, b.gov) AS gov,
           coalesce(a.dept, b.dept) AS dept,
           concat_ws(' / ', coalesce(a.fn_printed, b.fn_printed),
                     coalesce(a.gov_printed, b.gov_printed),
                     coalesce(a.dept_printed, b.dept_printed)) AS subjects,
           coalesce(a.amount, 0) AS amount09, coalesce(a.rows, 0) AS rows09,
           coalesce(b.amount, 0) AS amount04, coalesce(b.rows, 0) AS rows04
    FROM by09 a
    FULL JOIN by04 b
      ON coalesce(b.fn, '') = coalesce(a.fn, '') AND coalesce(b.gov, '') = coalesce(a.gov, '')
     AND coalesce(b.dept, '') = coalesce(a.dept, '')
)
SELECT 'x09_04.project_by_subjects' AS rule,
       'warning' AS severity,
       doc.unit_code,
       doc.fiscal_year,
       format('09 项目支出 of %s %s ≠ 04 政府性基金预算 (本年拨款 + 结转结余) of %s project rows on the same subjects %s (09 - 04 = %s)',
              c.subjects, to_char(c.amount09, 'FM999,999,999,999,999,990.000000'), c.rows04,
              to_char(c.amount04, 'FM999,999,999,999,999,990.000000'),
              to_char(c.amount09 - c.amount04, 'FM999,999,999,999,999,990.000000')) AS message,
       jsonb_build_object(
           'subjects', jsonb_build_array(c.fn, c.gov, c.dept),
           'left', jsonb_build_object('table', '09', 'cell', '本年预算数/项目支出', 'rows', c.rows09,
                                      'amount', c.amount09::numeric(24,6)::text),
           'right', jsonb_build_object('table', '04', 'cell', '本年拨款/政府性基金预算 + 财政拨款结转结余/政府性基金预算',
                                       'rows', c.rows04,
                                       'amount', c.amount04::numeric(24,6)::text)) AS figures,
       c.amount09 - c.amount04 AS difference
FROM doc CROSS JOIN compared c
WHERE c.amount09 <> c.amount04
