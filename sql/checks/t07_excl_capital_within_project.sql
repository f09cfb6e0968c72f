-- Rule: t07.excl_capital_within_project
-- Grain: one row per row of table 07 (a unit × function subject fact) whose
-- 扣除基建项目后预算数 exceeds its 项目支出总数.
-- Identity: 项目支出/扣除基建项目后预算数 ≤ 项目支出/项目支出总数 (project spending net of
-- capital construction cannot exceed all project spending). Both are stored facts, so this
-- can fail in the warehouse. The 合计 row is their column sums: it can only fail when a row
-- fails, so it is not checked again. Blank counts as zero.
-- difference = 扣除基建项目后预算数 - 项目支出总数 (positive: the excess).
WITH doc AS (
    SELECT d.unit_code, d.fiscal_year
    FROM audit.document_version v
    JOIN audit.document d USING (document_id)
    WHERE v.document_version_id = :document_version_id
),
rows07 AS (
    SELECT f.row_no, concat_ws(' ', f.unit, f.function_code, f.function_name) AS printed,
           coalesce(f.project_total, 0) AS project_total,
           coalesce(f.project_excluding_capital, 0) AS excluding_capital
    FROM core.fct_general_budget_expenditure f
    WHERE f.document_version_id = :document_version_id
)
SELECT 't07.excl_capital_within_project' AS rule,
       'warning' AS severity,
       doc.unit_code,
       doc.fiscal_year,
       format('07 row %s (%s): 扣除基建项目后预算数 %s exceeds 项目支出总数 %s (difference %s)',
              r.row_no, r.printed,
              published.printed_amount(r.excluding_capital),
              published.printed_amount(r.project_total),
              published.printed_amount(r.excluding_capital - r.project_total))
           AS message,
       jsonb_build_object(
           'row_no', r.row_no,
           'left', jsonb_build_object('table', '07', 'cell', '项目支出/扣除基建项目后预算数',
                                      'amount', r.excluding_capital::numeric(24,6)::text),
           'right', jsonb_build_object('table', '07', 'cell', '项目支出/项目支出总数',
                                       'amount', r.project_total::numeric(24,6)::text)) AS figures,
       r.excluding_capital - r.project_total AS difference
FROM doc CROSS JOIN rows07 r
WHERE r.excluding_capital > r.project_total
ORDER BY r.row_no
