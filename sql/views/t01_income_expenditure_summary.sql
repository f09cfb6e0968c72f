-- Grain: one row per printed line of table 01 (two side-by-side lists: income items on the
-- left, expenditure items on the right), in published order. Item amounts come from
-- core.fct_summary_line; aggregate lines (合计, 总计, 本年收入 …) are computed (by
-- published.summary_table) as the sum of the items of the groups core.dim_summary_line names
-- for them, never read from storage.
-- The body is published.summary_table (sql/views/00_summary_table.sql), shared with
-- published.t06_appropriation_summary; it is inlined, so filters reach the fact table's index.
CREATE VIEW published.t01_income_expenditure_summary AS
SELECT * FROM published.summary_table('01');

COMMENT ON VIEW published.t01_income_expenditure_summary IS
    '预算01表 收支总表（合计与小计由事实计算） / table 01 income expenditure summary, totals computed from facts';
COMMENT ON COLUMN published.t01_income_expenditure_summary.unit_code IS '单位代码 / unit code of the document';
COMMENT ON COLUMN published.t01_income_expenditure_summary.fiscal_year IS '预算年度 / fiscal year';
COMMENT ON COLUMN published.t01_income_expenditure_summary.document_version_id IS '文件版本编号 / document version';
COMMENT ON COLUMN published.t01_income_expenditure_summary.row_no IS '公开行序 / published row order (合计 last)';
COMMENT ON COLUMN published.t01_income_expenditure_summary.income_item IS '收入/项目 / income item as printed';
COMMENT ON COLUMN published.t01_income_expenditure_summary.income_amount IS '收入/预算数 / income budget amount';
COMMENT ON COLUMN published.t01_income_expenditure_summary.expenditure_item IS '支出/项目 / expenditure item (function class) as printed';
COMMENT ON COLUMN published.t01_income_expenditure_summary.expenditure_amount IS '支出/预算数 / expenditure budget amount';
