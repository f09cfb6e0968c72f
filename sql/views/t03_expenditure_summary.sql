-- Grain: one row per function subject × government economic subject × department economic subject of table 03 支出预算总表, in published order, then the 合计 row.
-- Rows come from core.fct_expenditure. The 合计 row sums the rows of the document's current
-- version (printed, blank, even when the table has no rows); it is never read from storage.
-- Derived columns, computed: total = basic_expenditure + project_expenditure.
CREATE VIEW published.t03_expenditure_summary AS
WITH stored AS (
    SELECT unit_code, fiscal_year, document_version_id, row_no, function_subject, gov_economic_subject, dept_economic_subject, basic_expenditure, project_expenditure, of_which_business_expenditure, of_which_remittance_to_superior, of_which_subsidy_to_subordinate
    FROM core.fct_expenditure
    UNION ALL
    SELECT v.unit_code, v.fiscal_year, v.document_version_id,
           coalesce(max(f.row_no) + 1, 0),
           '合计', NULL, NULL,
           sum(f.basic_expenditure), sum(f.project_expenditure), sum(f.of_which_business_expenditure), sum(f.of_which_remittance_to_superior), sum(f.of_which_subsidy_to_subordinate)
    FROM published.current_documents v
    LEFT JOIN core.fct_expenditure f ON f.document_version_id = v.document_version_id
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
       project_expenditure,
       of_which_business_expenditure,
       of_which_remittance_to_superior,
       of_which_subsidy_to_subordinate
FROM stored;

COMMENT ON VIEW published.t03_expenditure_summary IS
    '预算03表 支出预算总表（合计与小计由事实计算） / table 03 expenditure summary, totals computed from facts';
COMMENT ON COLUMN published.t03_expenditure_summary.unit_code IS '单位代码 / unit code of the document';
COMMENT ON COLUMN published.t03_expenditure_summary.fiscal_year IS '预算年度 / fiscal year';
COMMENT ON COLUMN published.t03_expenditure_summary.document_version_id IS '文件版本编号 / document version';
COMMENT ON COLUMN published.t03_expenditure_summary.row_no IS '公开行序 / published row order (合计 last)';
COMMENT ON COLUMN published.t03_expenditure_summary.function_subject IS '支出功能分类科目 / function classification subject as printed (code-name)';
COMMENT ON COLUMN published.t03_expenditure_summary.gov_economic_subject IS '政府支出经济分类科目 / government economic classification subject as printed';
COMMENT ON COLUMN published.t03_expenditure_summary.dept_economic_subject IS '部门支出经济分类科目 / department economic classification subject as printed';
COMMENT ON COLUMN published.t03_expenditure_summary.total IS '合计 / total expenditure (derived)';
COMMENT ON COLUMN published.t03_expenditure_summary.basic_expenditure IS '基本支出 / basic expenditure';
COMMENT ON COLUMN published.t03_expenditure_summary.project_expenditure IS '项目支出 / project expenditure';
COMMENT ON COLUMN published.t03_expenditure_summary.of_which_business_expenditure IS '其中/事业单位经营支出 / of which: business expenditure of public institutions';
COMMENT ON COLUMN published.t03_expenditure_summary.of_which_remittance_to_superior IS '其中/上缴上级支出 / of which: remittance to the superior body';
COMMENT ON COLUMN published.t03_expenditure_summary.of_which_subsidy_to_subordinate IS '其中/对附属单位补助支出 / of which: subsidies to subordinate units';
