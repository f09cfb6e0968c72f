-- Rule: x07_08.basic_totals
-- Grain: one row per basic-expenditure total (合计, 人员经费, 公用经费) where table 08's 合计
-- row differs from table 07's.
-- Identity: 08's 合计 row equals 07's 基本支出 totals: 08 本年预算数/合计 = 07 基本支出/小计,
-- 08 人员经费 = 07 人员经费, 08 公用经费 = 07 公用经费, each summed over the table's rows (the
-- 合计 rows and 小计/合计 columns are not stored; they are these sums). Blank counts as zero.
-- difference = 08 - 07.
WITH doc AS (
    SELECT d.unit_code, d.fiscal_year
    FROM audit.document_version v
    JOIN audit.document d USING (document_id)
    WHERE v.document_version_id = :document_version_id
),
t07 AS (
    SELECT coalesce(sum(basic_personnel), 0) AS personnel, coalesce(sum(basic_public), 0) AS public
    FROM core.fct_general_budget_expenditure
    WHERE document_version_id = :document_version_id
),
t08 AS (
    SELECT coalesce(sum(personnel), 0) AS personnel, coalesce(sum(public), 0) AS public
    FROM core.fct_general_budget_basic_expenditure
    WHERE document_version_id = :document_version_id
),
compared AS (
    SELECT x.ord, x.column08, x.column07, x.amount08, x.amount07
    FROM t07 CROSS JOIN t08
    CROSS JOIN LATERAL (VALUES
        (1, '本年预算数/合计', '本年预算数/基本支出/小计',
         t08.personnel + t08.public, t07.personnel + t07.public),
        (2, '本年预算数/人员经费', '本年预算数/基本支出/人员经费', t08.personnel, t07.personnel),
        (3, '本年预算数/公用经费', '本年预算数/基本支出/公用经费', t08.public, t07.public)
    ) AS x (ord, column08, column07, amount08, amount07)
)
SELECT 'x07_08.basic_totals' AS rule,
       'warning' AS severity,
       doc.unit_code,
       doc.fiscal_year,
       format('08 合计 row %s %s ≠ 07 合计 row %s %s (08 - 07 = %s)',
              c.column08, published.printed_amount(c.amount08),
              c.column07, published.printed_amount(c.amount07),
              published.printed_amount(c.amount08 - c.amount07)) AS message,
       jsonb_build_object(
           'left', jsonb_build_object('table', '08', 'cell', '合计 row ' || c.column08,
                                      'amount', c.amount08::numeric(24,6)::text),
           'right', jsonb_build_object('table', '07', 'cell', '合计 row ' || c.column07,
                                       'amount', c.amount07::numeric(24,6)::text)) AS figures,
       c.amount08 - c.amount07 AS difference
FROM doc CROSS JOIN compared c
WHERE c.amount08 <> c.amount07
ORDER BY c.ord
