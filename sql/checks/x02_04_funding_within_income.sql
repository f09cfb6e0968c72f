-- Rule: x02_04.funding_within_income
-- Grain: one row per funding column of table 04 whose project spending exceeds what table
-- 02 receives from that source.
-- Identity: 04's project spending from a funding source does not exceed 02's income from it:
-- for each amount column of 04 (core.dim_published_column: its funding source and period),
-- the column summed over 04's rows ≤ 02's 合计 row summed over the columns of the same
-- period (any period when the 04 column has none: 财政专户管理资金, 单位资金) whose funding
-- source is the 04 column's or lies under it (core.dim_funding_source: 单位资金 covers 事业收入,
-- 事业单位经营收入, 上级补助收入, 附属单位上缴收入, 其他收入 and the 单位资金 carry-over). This is
-- the template's [identities] funding_04_within_02, read from the seeded dimensions.
-- Blank counts as zero. difference = 04 - 02 (positive: the excess).
WITH RECURSIVE doc AS (
    SELECT d.unit_code, d.fiscal_year, v.template
    FROM audit.document_version v
    JOIN audit.document d USING (document_id)
    WHERE v.document_version_id = :document_version_id
),
under (ancestor, code) AS (  -- every funding source with itself and its descendants
    SELECT code, code FROM core.dim_funding_source
    UNION ALL
    SELECT u.ancestor, f.code
    FROM under u JOIN core.dim_funding_source f ON f.parent_code = u.code
),
columns04 AS (  -- every funded amount column of 04, with a zero sum when no row fills it
    SELECT c.column_path, c.position, c.sql_name, c.funding_source_code, c.budget_period
    FROM core.dim_published_column c
    JOIN doc ON c.template = doc.template
    WHERE c.table_id = '04' AND c.role = 'amount' AND c.funding_source_code IS NOT NULL
),
spent04_by_name AS MATERIALIZED (  -- 04's funded amount columns summed over its rows, once
    -- The columns are listed by name (as sql/views/budget_lines.sql lists them): reading each
    -- row through to_jsonb was the slow part of this check. What a column stands for comes
    -- from core.dim_published_column (columns04).
    SELECT a.sql_name, sum(a.amount) AS amount
    FROM core.fct_project_expenditure f
    CROSS JOIN LATERAL (VALUES ('current_general_budget', f.current_general_budget),
                               ('current_government_fund', f.current_government_fund),
                               ('current_state_capital', f.current_state_capital),
                               ('carryover_general_budget', f.carryover_general_budget),
                               ('carryover_government_fund', f.carryover_government_fund),
                               ('carryover_state_capital', f.carryover_state_capital),
                               ('fiscal_special_account', f.fiscal_special_account),
                               ('unit_funds', f.unit_funds)
                       ) AS a (sql_name, amount)
    WHERE f.document_version_id = :document_version_id
    GROUP BY 1
),
spent04 AS (
    SELECT k.column_path, k.position, k.funding_source_code, k.budget_period,
           coalesce(s.amount, 0) AS amount
    FROM columns04 k
    LEFT JOIN spent04_by_name s ON s.sql_name = k.sql_name
),
income02 AS MATERIALIZED (  -- 02's 合计 row per funded column, computed once
    SELECT * FROM published.income02_column_totals(:document_version_id)
),
compared AS (
    SELECT s.column_path, s.position, s.amount AS amount04, m.amount02, m.columns02
    FROM spent04 s
    CROSS JOIN LATERAL (
        SELECT coalesce(sum(g.amount), 0) AS amount02,
               coalesce(jsonb_agg(g.column_path ORDER BY g.column_path), '[]') AS columns02
        FROM income02 g
        JOIN under u ON u.code = g.funding_source_code AND u.ancestor = s.funding_source_code
        WHERE s.budget_period IS NULL OR g.budget_period = s.budget_period) m
)
SELECT 'x02_04.funding_within_income' AS rule,
       'warning' AS severity,
       doc.unit_code,
       doc.fiscal_year,
       format('04 %s %s exceeds 02 合计 row income from that source %s (04 - 02 = %s)',
              c.column_path, published.printed_amount(c.amount04),
              published.printed_amount(c.amount02),
              published.printed_amount(c.amount04 - c.amount02)) AS message,
       jsonb_build_object(
           'left', jsonb_build_object('table', '04', 'cell', c.column_path,
                                      'amount', c.amount04::numeric(24,6)::text),
           'right', jsonb_build_object('table', '02', 'cell', '合计 row',
                                       'columns_summed', c.columns02,
                                       'amount', c.amount02::numeric(24,6)::text)) AS figures,
       c.amount04 - c.amount02 AS difference
FROM doc CROSS JOIN compared c
WHERE c.amount04 > c.amount02
ORDER BY c.position
