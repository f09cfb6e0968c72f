-- Rule: t06.income_eq_expenditure
-- Grain: one row per document version when the identity fails (none when it holds).
-- Identity: table 06 财政拨款收支预算总表, 收入总计 = 支出总计. The warehouse stores 06's items, not
-- its totals: 收入总计 is the sum of the income items of every group (本年收入 and 上年结转), 支出总计
-- the sum of the expenditure items (function classes and 年终结转结余), as the view
-- published.t06_appropriation_summary computes them from core.dim_summary_line.
-- A line missing from the seed (label_key NULL) is in no total: the loader reports it
-- (load.unmapped_summary_line). Blank counts as zero. difference = 收入总计 - 支出总计.
WITH doc AS (
    SELECT d.unit_code, d.fiscal_year
    FROM audit.document_version v
    JOIN audit.document d USING (document_id)
    WHERE v.document_version_id = :document_version_id
),
totals AS (
    SELECT coalesce(sum(l.amount) FILTER (WHERE l.side = 'income'), 0) AS income,
           coalesce(sum(l.amount) FILTER (WHERE l.side = 'expenditure'), 0) AS expenditure
    FROM core.fct_summary_line l
    JOIN core.dim_summary_line s
      ON s.template = l.template AND s.table_id = l.table_id
     AND s.side = l.side AND s.label = l.label_key
    WHERE l.document_version_id = :document_version_id
      AND l.table_id = '06'
      AND s.line_kind = 'item'
)
SELECT 't06.income_eq_expenditure' AS rule,
       'warning' AS severity,
       doc.unit_code,
       doc.fiscal_year,
       format('06 收入总计 %s ≠ 支出总计 %s (收入 - 支出 = %s)',
              to_char(t.income, 'FM999,999,999,999,999,990.000000'),
              to_char(t.expenditure, 'FM999,999,999,999,999,990.000000'),
              to_char(t.income - t.expenditure, 'FM999,999,999,999,999,990.000000')) AS message,
       jsonb_build_object(
           'left', jsonb_build_object('table', '06', 'cell', '收入总计',
                                      'amount', t.income::numeric(24,6)::text),
           'right', jsonb_build_object('table', '06', 'cell', '支出总计',
                                       'amount', t.expenditure::numeric(24,6)::text)) AS figures,
       t.income - t.expenditure AS difference
FROM doc CROSS JOIN totals t
WHERE t.income <> t.expenditure
