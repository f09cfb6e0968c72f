-- Grain: one row per unit × function subject of table 07 一般公共预算财政拨款支出表, in published order, then the 合计 row.
-- Rows come from core.fct_general_budget_expenditure. The 合计 row sums the rows of the document's current
-- version (printed, blank, even when the table has no rows); it is never read from storage.
-- Derived columns, computed: basic_subtotal = basic_personnel + basic_public; total = basic_subtotal + project_total.
CREATE VIEW published.t07_general_budget_expenditure AS
WITH stored AS (
    SELECT unit_code, fiscal_year, document_version_id, row_no, unit, function_code, function_name, basic_personnel, basic_public, project_total, project_excluding_capital
    FROM core.fct_general_budget_expenditure
    UNION ALL
    SELECT v.unit_code, v.fiscal_year, v.document_version_id,
           coalesce(max(f.row_no) + 1, 0),
           '合计', NULL, NULL,
           sum(f.basic_personnel), sum(f.basic_public), sum(f.project_total), sum(f.project_excluding_capital)
    FROM published.current_documents v
    LEFT JOIN core.fct_general_budget_expenditure f ON f.document_version_id = v.document_version_id
    GROUP BY v.unit_code, v.fiscal_year, v.document_version_id
)
SELECT unit_code,
       fiscal_year,
       document_version_id,
       row_no,
       unit,
       function_code,
       function_name,
       published.amount_sum(published.amount_sum(basic_personnel, basic_public), project_total) AS total,
       published.amount_sum(basic_personnel, basic_public) AS basic_subtotal,
       basic_personnel,
       basic_public,
       project_total,
       project_excluding_capital
FROM stored;

COMMENT ON VIEW published.t07_general_budget_expenditure IS
    '预算07表 一般公共预算财政拨款支出表（合计与小计由事实计算） / table 07 general budget expenditure, totals computed from facts';
COMMENT ON COLUMN published.t07_general_budget_expenditure.unit_code IS '单位代码 / unit code of the document';
COMMENT ON COLUMN published.t07_general_budget_expenditure.fiscal_year IS '预算年度 / fiscal year';
COMMENT ON COLUMN published.t07_general_budget_expenditure.document_version_id IS '文件版本编号 / document version';
COMMENT ON COLUMN published.t07_general_budget_expenditure.row_no IS '公开行序 / published row order (合计 last)';
COMMENT ON COLUMN published.t07_general_budget_expenditure.unit IS '单位名称 / unit as printed (code-name)';
COMMENT ON COLUMN published.t07_general_budget_expenditure.function_code IS '功能分类科目/科目编码 / function classification subject code';
COMMENT ON COLUMN published.t07_general_budget_expenditure.function_name IS '功能分类科目/科目名称 / function classification subject name';
COMMENT ON COLUMN published.t07_general_budget_expenditure.total IS '本年预算数/合计 / current-year budget, total (derived)';
COMMENT ON COLUMN published.t07_general_budget_expenditure.basic_subtotal IS '本年预算数/基本支出/小计 / basic expenditure, subtotal (derived)';
COMMENT ON COLUMN published.t07_general_budget_expenditure.basic_personnel IS '本年预算数/基本支出/人员经费 / basic expenditure, personnel costs';
COMMENT ON COLUMN published.t07_general_budget_expenditure.basic_public IS '本年预算数/基本支出/公用经费 / basic expenditure, public (operating) costs';
COMMENT ON COLUMN published.t07_general_budget_expenditure.project_total IS '本年预算数/项目支出/项目支出总数 / project expenditure, total';
COMMENT ON COLUMN published.t07_general_budget_expenditure.project_excluding_capital IS '本年预算数/项目支出/扣除基建项目后预算数 / project expenditure excluding capital construction projects';
