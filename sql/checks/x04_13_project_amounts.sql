-- Rule: x04_13.project_amounts
-- Grain: one row per project (in both 04 and 13) and amount (项目总额, 财政资金, 其他资金)
-- where table 13 differs from table 04.
-- Identity: 13's project money is 04's, split appropriations / everything else (template
-- [identities] project_13_from_04): 项目总额 = 04 合计; 其中/财政资金 = 04 本年拨款 + 财政拨款结转结余
-- (all three budgets); 其中/其他资金 = 04 财政专户管理资金 + 单位资金, 04 summed over the
-- project's rows (one per subject triple). 13 prints the project amounts on every indicator
-- row: its first row is taken (is_first_of_project, the lowest row_no). Projects are matched
-- by name with whitespace removed; a project only one table lists is x04_13.project_sets.
-- 项目总额 is derived (财政资金 + 其他资金), so it differs only together with one of them.
-- Blank counts as zero. difference = 13 - 04.
WITH doc AS (
    SELECT d.unit_code, d.fiscal_year
    FROM audit.document_version v
    JOIN audit.document d USING (document_id)
    WHERE v.document_version_id = :document_version_id
),
p13 AS (
    SELECT DISTINCT ON (regexp_replace(project_name, '\s+', '', 'g'))
           regexp_replace(project_name, '\s+', '', 'g') AS name, project AS printed,
           coalesce(fiscal_funds, 0) AS fiscal, coalesce(other_funds, 0) AS other
    FROM core.fct_performance_indicator
    WHERE document_version_id = :document_version_id AND is_first_of_project
    ORDER BY regexp_replace(project_name, '\s+', '', 'g'), row_no
),
p04 AS (
    SELECT regexp_replace(project_name, '\s+', '', 'g') AS name,
           count(*) AS rows,
           coalesce(sum(coalesce(current_general_budget, 0) + coalesce(current_government_fund, 0)
                        + coalesce(current_state_capital, 0) + coalesce(carryover_general_budget, 0)
                        + coalesce(carryover_government_fund, 0)
                        + coalesce(carryover_state_capital, 0)), 0) AS fiscal,
           coalesce(sum(coalesce(fiscal_special_account, 0) + coalesce(unit_funds, 0)), 0) AS other
    FROM core.fct_project_expenditure
    WHERE document_version_id = :document_version_id
    GROUP BY 1
),
compared AS (
    SELECT p13.name, p13.printed, p04.rows, x.ord, x.column13, x.columns04, x.amount13, x.amount04
    FROM p13
    JOIN p04 USING (name)
    CROSS JOIN LATERAL (VALUES
        (1, '项目总额', '合计', p13.fiscal + p13.other, p04.fiscal + p04.other),
        (2, '其中/财政资金', '本年拨款 + 财政拨款结转结余', p13.fiscal, p04.fiscal),
        (3, '其中/其他资金', '财政专户管理资金 + 单位资金', p13.other, p04.other)
    ) AS x (ord, column13, columns04, amount13, amount04)
)
SELECT 'x04_13.project_amounts' AS rule,
       'warning' AS severity,
       doc.unit_code,
       doc.fiscal_year,
       format('13 %s %s %s ≠ 04 %s of its %s rows %s (13 - 04 = %s)',
              c.printed, c.column13, published.printed_amount(c.amount13),
              c.columns04, c.rows, published.printed_amount(c.amount04),
              published.printed_amount(c.amount13 - c.amount04)) AS message,
       jsonb_build_object(
           'project', c.name,
           'left', jsonb_build_object('table', '13', 'cell', c.column13,
                                      'amount', c.amount13::numeric(24,6)::text),
           'right', jsonb_build_object('table', '04', 'cell', c.columns04, 'rows', c.rows,
                                       'amount', c.amount04::numeric(24,6)::text)) AS figures,
       c.amount13 - c.amount04 AS difference
FROM doc CROSS JOIN compared c
WHERE c.amount13 <> c.amount04
ORDER BY c.name, c.ord
