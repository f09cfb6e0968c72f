-- Rule: x04_13.project_sets
-- Grain: one row per project listed in only one of table 04 and table 13.
-- Identity: 04 and 13 list the same projects (names compared with whitespace removed, as the
-- parser's validator does). difference = the project's money in 13 - in 04, the missing side
-- counting as zero: positive for a project only 13 lists (its first row's 财政资金 + 其他资金),
-- negative for one only 04 lists (its 合计 over its rows). Blank counts as zero.
WITH doc AS (
    SELECT d.unit_code, d.fiscal_year
    FROM audit.document_version v
    JOIN audit.document d USING (document_id)
    WHERE v.document_version_id = :document_version_id
),
p13 AS (
    SELECT DISTINCT ON (regexp_replace(project_name, '\s+', '', 'g'))
           regexp_replace(project_name, '\s+', '', 'g') AS name, project AS printed,
           coalesce(fiscal_funds, 0) + coalesce(other_funds, 0) AS amount
    FROM core.fct_performance_indicator
    WHERE document_version_id = :document_version_id AND is_first_of_project
    ORDER BY regexp_replace(project_name, '\s+', '', 'g'), row_no
),
p04 AS (
    SELECT regexp_replace(project_name, '\s+', '', 'g') AS name, min(project_name) AS printed,
           coalesce(sum(coalesce(current_general_budget, 0) + coalesce(current_government_fund, 0)
                        + coalesce(current_state_capital, 0) + coalesce(carryover_general_budget, 0)
                        + coalesce(carryover_government_fund, 0)
                        + coalesce(carryover_state_capital, 0)
                        + coalesce(fiscal_special_account, 0) + coalesce(unit_funds, 0)), 0)
               AS amount
    FROM core.fct_project_expenditure
    WHERE document_version_id = :document_version_id
    GROUP BY 1
),
unmatched AS (
    SELECT coalesce(p13.name, p04.name) AS name,
           CASE WHEN p13.name IS NULL THEN '04' ELSE '13' END AS listed_in,
           CASE WHEN p13.name IS NULL THEN '13' ELSE '04' END AS missing_in,
           coalesce(p13.printed, p04.printed) AS printed,
           coalesce(p13.amount, 0) AS amount13, coalesce(p04.amount, 0) AS amount04
    FROM p13
    FULL JOIN p04 ON p04.name = p13.name
    WHERE p13.name IS NULL OR p04.name IS NULL
)
SELECT 'x04_13.project_sets' AS rule,
       'warning' AS severity,
       doc.unit_code,
       doc.fiscal_year,
       format('project %s (%s) is in %s but not in %s',
              u.printed,
              published.printed_amount(u.amount13 + u.amount04),
              u.listed_in, u.missing_in) AS message,
       jsonb_build_object('project', u.name, 'listed_in', u.listed_in,
                          'missing_in', u.missing_in,
                          'amount13', u.amount13::numeric(24,6)::text,
                          'amount04', u.amount04::numeric(24,6)::text) AS figures,
       u.amount13 - u.amount04 AS difference
FROM doc CROSS JOIN unmatched u
ORDER BY u.listed_in, u.name
