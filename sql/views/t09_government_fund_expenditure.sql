-- Grain: one row per function subject × government economic subject × department economic subject of table 09 政府性基金预算财政拨款支出表, in published order, then the 合计 row.
-- Rows come from core.fct_government_fund_expenditure. The 合计 row sums the rows of the document's current
-- version (printed, blank, even when the table has no rows); it is never read from storage.
-- Derived columns, computed: total = basic_expenditure + project_expenditure.
CREATE VIEW published.t09_government_fund_expenditure AS
WITH stored AS (
    SELECT unit_code, fiscal_year, document_version_id, row_no, function_subject, gov_economic_subject, dept_economic_subject, basic_expenditure, project_expenditure
    FROM core.fct_government_fund_expenditure
    UNION ALL
    SELECT v.unit_code, v.fiscal_year, v.document_version_id,
           coalesce(max(f.row_no) + 1, 0),
           '合计', NULL, NULL,
           sum(f.basic_expenditure), sum(f.project_expenditure)
    FROM published.current_documents v
    LEFT JOIN core.fct_government_fund_expenditure f ON f.document_version_id = v.document_version_id
    GROUP BY v.unit_code, v.fiscal_year, v.document_version_id
)
SELECT unit_code,
       fiscal_year,
       document_version_id,
       row_no,
       function_subject,
       gov_economic_subject,
       dept_economic_subject,
       published.amount_sum(basic_expenditure, project_expenditure) AS total,
       basic_expenditure,
       project_expenditure
FROM stored;

COMMENT ON VIEW published.t09_government_fund_expenditure IS
    '预算09表 政府性基金预算财政拨款支出表（合计与小计由事实计算） / table 09 government fund expenditure, totals computed from facts';
COMMENT ON COLUMN published.t09_government_fund_expenditure.unit_code IS '单位代码 / unit code of the document';
COMMENT ON COLUMN published.t09_government_fund_expenditure.fiscal_year IS '预算年度 / fiscal year';
COMMENT ON COLUMN published.t09_government_fund_expenditure.document_version_id IS '文件版本编号 / document version';
COMMENT ON COLUMN published.t09_government_fund_expenditure.row_no IS '公开行序 / published row order (合计 last)';
COMMENT ON COLUMN published.t09_government_fund_expenditure.function_subject IS '支出功能分类科目 / function classification subject as printed';
COMMENT ON COLUMN published.t09_government_fund_expenditure.gov_economic_subject IS '政府支出经济分类科目 / government economic classification subject as printed';
COMMENT ON COLUMN published.t09_government_fund_expenditure.dept_economic_subject IS '部门支出经济分类科目 / department economic classification subject as printed';
COMMENT ON COLUMN published.t09_government_fund_expenditure.total IS '本年预算数/合计 / current-year budget, total (derived)';
COMMENT ON COLUMN published.t09_government_fund_expenditure.basic_expenditure IS '本年预算数/基本支出 / basic expenditure';
COMMENT ON COLUMN published.t09_government_fund_expenditure.project_expenditure IS '本年预算数/项目支出 / project expenditure';
