-- Helper for checks, not a view. Grain: one row for one document version when summary table
-- `table_id` (01 or 06) does not balance: its 收入总计 differs from its 支出总计 (none when
-- it balances). Used by sql/checks/t01_income_eq_expenditure.sql and
-- t06_income_eq_expenditure.sql, which differ only in the table.
-- Contract: published.check_summary_balance(document_version_id, table_id) returns
-- unit_code, fiscal_year, message, figures, difference - the check-file columns without rule
-- and severity, which stay in each check file. The warehouse stores the table's items, not
-- its totals: 收入总计 is the sum of the income items of every group, 支出总计 the sum of the
-- expenditure items (core.dim_summary_line line_kind 'item'), as the published summary views
-- compute them. A line missing from the seed (label_key NULL) is in no total (the loader
-- reports it as load.unmapped_summary_line). Blank counts as zero; amounts are NUMERIC;
-- difference = 收入总计 - 支出总计.
-- Parameters are qualified with the function name below: in an SQL function a column of the
-- same name (document_version_id, table_id) would otherwise win.
CREATE FUNCTION published.check_summary_balance(document_version_id bigint, table_id text)
    RETURNS TABLE (unit_code text, fiscal_year integer, message text, figures jsonb,
                   difference numeric)
    LANGUAGE sql STABLE
BEGIN ATOMIC
WITH doc AS (
    SELECT d.unit_code, d.fiscal_year
    FROM audit.document_version v
    JOIN audit.document d USING (document_id)
    WHERE v.document_version_id = check_summary_balance.document_version_id
),
totals AS (
    SELECT coalesce(sum(l.amount) FILTER (WHERE l.side = 'income'), 0) AS income,
           coalesce(sum(l.amount) FILTER (WHERE l.side = 'expenditure'), 0) AS expenditure
    FROM core.fct_summary_line l
    JOIN core.dim_summary_line s
      ON s.template = l.template AND s.table_id = l.table_id
     AND s.side = l.side AND s.label = l.label_key
    WHERE l.document_version_id = check_summary_balance.document_version_id
      AND l.table_id = check_summary_balance.table_id
      AND s.line_kind = 'item'
)
SELECT doc.unit_code,
       doc.fiscal_year,
       format('%s 收入总计 %s ≠ 支出总计 %s (收入 - 支出 = %s)',
              check_summary_balance.table_id,
              published.printed_amount(t.income),
              published.printed_amount(t.expenditure),
              published.printed_amount(t.income - t.expenditure)),
       jsonb_build_object(
           'left', jsonb_build_object('table', check_summary_balance.table_id, 'cell', '收入总计',
                                      'amount', t.income::numeric(24,6)::text),
           'right', jsonb_build_object('table', check_summary_balance.table_id, 'cell', '支出总计',
                                       'amount', t.expenditure::numeric(24,6)::text)),
       t.income - t.expenditure
FROM doc CROSS JOIN totals t
WHERE t.income <> t.expenditure;
END;

COMMENT ON FUNCTION published.check_summary_balance(bigint, text) IS
    '01/06表收入总计与支出总计的差异（检查用） / table 01 or 06 收入总计 ≠ 支出总计 (used by checks t01, t06 income_eq_expenditure)';
