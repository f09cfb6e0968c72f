-- Grain: one row per project × function / government economic / department economic subject of table 04 项目支出表, in published order, then the 合计 row.
-- Rows come from core.fct_project_expenditure. The 合计 row sums the rows of the document's current
-- version (printed, blank, even when the table has no rows); it is never read from storage.
-- Derived columns, computed: total = current_general_budget + current_government_fund + current_state_capital + carryover_general_budget + carryover_government_fund + carryover_state_capital + fiscal_special_account + unit_funds.
CREATE VIEW published.t04_project_expenditure AS
WITH stored AS (
    SELECT unit_code, fiscal_year, document_version_id, row_no, project_unit, unit_type, project_name, function_subject, gov_economic_subject, dept_economic_subject, current_general_budget, current_government_fund, current_state_capital, carryover_general_budget, carryover_government_fund, carryover_state_capital, fiscal_special_account, unit_funds
    FROM core.fct_project_expenditure
    UNION ALL
    SELECT v.unit_code, v.fiscal_year, v.document_version_id,
           coalesce(max(f.row_no) + 1, 0),
           '合计', NULL, NULL, NULL, NULL, NULL,
           sum(f.current_general_budget), sum(f.current_government_fund), sum(f.current_state_capital), sum(f.carryover_general_budget), sum(f.carryover_government_fund), sum(f.carryover_state_capital), sum(f.fiscal_special_account), sum(f.unit_funds)
    FROM published.current_documents v
    LEFT JOIN core.fct_project_expenditure f ON f.document_version_id = v.document_version_id
    GROUP BY v.unit_code, v.fiscal_year, v.document_version_id
)
SELECT unit_code,
       fiscal_year,
       document_version_id,
       row_no,
       project_unit,
       unit_type,
       project_name,
       function_subject,
       gov_economic_subject,
       dept_economic_subject,
       published.amount_sum(current_general_budget, current_government_fund, current_state_capital, carryover_general_budget, carryover_government_fund, carryover_state_capital, fiscal_special_account, unit_funds) AS total,
       current_general_budget,
       current_government_fund,
       current_state_capital,
       carryover_general_budget,
       carryover_government_fund,
       carryover_state_capital,
       fiscal_special_account,
       unit_funds
FROM stored;

COMMENT ON VIEW published.t04_project_expenditure IS
    '预算04表 项目支出表（合计与小计由事实计算） / table 04 project expenditure, totals computed from facts';
COMMENT ON COLUMN published.t04_project_expenditure.unit_code IS '单位代码 / unit code of the document';
COMMENT ON COLUMN published.t04_project_expenditure.fiscal_year IS '预算年度 / fiscal year';
COMMENT ON COLUMN published.t04_project_expenditure.document_version_id IS '文件版本编号 / document version';
COMMENT ON COLUMN published.t04_project_expenditure.row_no IS '公开行序 / published row order (合计 last)';
COMMENT ON COLUMN published.t04_project_expenditure.project_unit IS '项目单位 / project unit as printed (code-name)';
COMMENT ON COLUMN published.t04_project_expenditure.unit_type IS '类型 / unit type as printed (code-name)';
COMMENT ON COLUMN published.t04_project_expenditure.project_name IS '项目名称 / project name';
COMMENT ON COLUMN published.t04_project_expenditure.function_subject IS '支出功能分类科目 / function classification subject as printed';
COMMENT ON COLUMN published.t04_project_expenditure.gov_economic_subject IS '政府支出经济分类科目 / government economic classification subject as printed';
COMMENT ON COLUMN published.t04_project_expenditure.dept_economic_subject IS '部门支出经济分类科目 / department economic classification subject as printed';
COMMENT ON COLUMN published.t04_project_expenditure.total IS '合计 / total (derived)';
COMMENT ON COLUMN published.t04_project_expenditure.current_general_budget IS '本年拨款/一般公共预算 / current-year appropriation, general public budget';
COMMENT ON COLUMN published.t04_project_expenditure.current_government_fund IS '本年拨款/政府性基金预算 / current-year appropriation, government fund budget';
COMMENT ON COLUMN published.t04_project_expenditure.current_state_capital IS '本年拨款/国有资本经营预算 / current-year appropriation, state capital operation budget';
COMMENT ON COLUMN published.t04_project_expenditure.carryover_general_budget IS '财政拨款结转结余/一般公共预算 / appropriation carry-over, general public budget';
COMMENT ON COLUMN published.t04_project_expenditure.carryover_government_fund IS '财政拨款结转结余/政府性基金预算 / appropriation carry-over, government fund budget';
COMMENT ON COLUMN published.t04_project_expenditure.carryover_state_capital IS '财政拨款结转结余/国有资本经营预算 / appropriation carry-over, state capital operation budget';
COMMENT ON COLUMN published.t04_project_expenditure.fiscal_special_account IS '财政专户管理资金 / funds managed in fiscal special accounts';
COMMENT ON COLUMN published.t04_project_expenditure.unit_funds IS '单位资金 / the unit''s own funds';
