-- Grain: one row per government economic subject × department economic subject of table 08 一般公共预算财政拨款基本支出表, in published order, then the 合计 row.
-- Rows come from core.fct_general_budget_basic_expenditure. The 合计 row sums the rows of the document's current
-- version (printed, blank, even when the table has no rows); it is never read from storage.
-- Derived columns, computed: total = personnel + public.
CREATE VIEW published.t08_general_budget_basic_expenditure AS
WITH stored AS (
    SELECT unit_code, fiscal_year, document_version_id, row_no, gov_economic_subject, dept_economic_subject, personnel, public
    FROM core.fct_general_budget_basic_expenditure
    UNION ALL
    SELECT v.unit_code, v.fiscal_year, v.document_version_id,
           coalesce(max(f.row_no) + 1, 0),
           '合计', NULL,
           sum(f.personnel), sum(f.public)
    FROM published.current_documents v
    LEFT JOIN core.fct_general_budget_basic_expenditure f ON f.document_version_id = v.document_version_id
    GROUP BY v.unit_code, v.fiscal_year, v.document_version_id
)
SELECT unit_code,
       fiscal_year,
       document_version_id,
       row_no,
       gov_economic_subject,
       dept_economic_subject,
       published.amount_sum(personnel, public) AS total,
       personnel,
       public
FROM stored;

COMMENT ON VIEW published.t08_general_budget_basic_expenditure IS
    '预算08表 一般公共预算财政拨款基本支出表（合计与小计由事实计算） / table 08 general budget basic expenditure, totals computed from facts';
COMMENT ON COLUMN published.t08_general_budget_basic_expenditure.unit_code IS '单位代码 / unit code of the document';
COMMENT ON COLUMN published.t08_general_budget_basic_expenditure.fiscal_year IS '预算年度 / fiscal year';
COMMENT ON COLUMN published.t08_general_budget_basic_expenditure.document_version_id IS '文件版本编号 / document version';
COMMENT ON COLUMN published.t08_general_budget_basic_expenditure.row_no IS '公开行序 / published row order (合计 last)';
COMMENT ON COLUMN published.t08_general_budget_basic_expenditure.gov_economic_subject IS '政府支出经济分类科目 / government economic classification subject as printed';
COMMENT ON COLUMN published.t08_general_budget_basic_expenditure.dept_economic_subject IS '部门支出经济分类科目 / department economic classification subject as printed';
COMMENT ON COLUMN published.t08_general_budget_basic_expenditure.total IS '本年预算数/合计 / current-year budget, total (derived)';
COMMENT ON COLUMN published.t08_general_budget_basic_expenditure.personnel IS '本年预算数/人员经费 / personnel costs';
COMMENT ON COLUMN published.t08_general_budget_basic_expenditure.public IS '本年预算数/公用经费 / public (operating) costs';
