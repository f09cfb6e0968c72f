-- Grain: one row per performance indicator of a project (project cells as printed on each row) of table 13 年度项目支出绩效表, in published order.
-- Rows come from core.fct_performance_indicator.
-- Derived columns, computed: project_total = fiscal_funds + other_funds.
CREATE VIEW published.t13_project_performance AS
WITH stored AS (
    SELECT unit_code, fiscal_year, document_version_id, row_no, unit, project, project_category, project_owner, owner_phone, performance_goal, indicator_level1, indicator_level2, indicator_level3, indicator_nature, indicator_value, indicator_unit, indicator_direction, fiscal_funds, other_funds
    FROM core.fct_performance_indicator
)
SELECT unit_code,
       fiscal_year,
       document_version_id,
       row_no,
       unit,
       project,
       project_category,
       project_owner,
       owner_phone,
       published.amount_sum(fiscal_funds, other_funds) AS project_total,
       fiscal_funds,
       other_funds,
       performance_goal,
       indicator_level1,
       indicator_level2,
       indicator_level3,
       indicator_nature,
       indicator_value,
       indicator_unit,
       indicator_direction
FROM stored;

COMMENT ON VIEW published.t13_project_performance IS
    '预算13表 年度项目支出绩效表（合计与小计由事实计算） / table 13 project performance, totals computed from facts';
COMMENT ON COLUMN published.t13_project_performance.unit_code IS '单位代码 / unit code of the document';
COMMENT ON COLUMN published.t13_project_performance.fiscal_year IS '预算年度 / fiscal year';
COMMENT ON COLUMN published.t13_project_performance.document_version_id IS '文件版本编号 / document version';
COMMENT ON COLUMN published.t13_project_performance.row_no IS '公开行序 / published row order (合计 last)';
COMMENT ON COLUMN published.t13_project_performance.unit IS '单位名称 / unit as printed (code-name)';
COMMENT ON COLUMN published.t13_project_performance.project IS '项目名称 / project as printed (code-name)';
COMMENT ON COLUMN published.t13_project_performance.project_category IS '项目类别 / project category as printed (code-name)';
COMMENT ON COLUMN published.t13_project_performance.project_owner IS '项目责任人 / person responsible for the project';
COMMENT ON COLUMN published.t13_project_performance.owner_phone IS '项目责任人电话 / phone of the person responsible, as printed';
COMMENT ON COLUMN published.t13_project_performance.project_total IS '项目总额 / project total (derived)';
COMMENT ON COLUMN published.t13_project_performance.fiscal_funds IS '其中/财政资金 / of which: fiscal appropriation funds';
COMMENT ON COLUMN published.t13_project_performance.other_funds IS '其中/其他资金 / of which: other funds';
COMMENT ON COLUMN published.t13_project_performance.performance_goal IS '绩效目标 / performance goal';
COMMENT ON COLUMN published.t13_project_performance.indicator_level1 IS '一级指标 / indicator, level 1';
COMMENT ON COLUMN published.t13_project_performance.indicator_level2 IS '二级指标 / indicator, level 2';
COMMENT ON COLUMN published.t13_project_performance.indicator_level3 IS '三级指标 / indicator, level 3';
COMMENT ON COLUMN published.t13_project_performance.indicator_nature IS '绩效指标性质 / indicator comparison (＝ ≥ ≤ 定性)';
COMMENT ON COLUMN published.t13_project_performance.indicator_value IS '本年绩效指标值 / indicator target value this year';
COMMENT ON COLUMN published.t13_project_performance.indicator_unit IS '绩效度量单位 / unit of measure of the indicator';
COMMENT ON COLUMN published.t13_project_performance.indicator_direction IS '指标方向性 / indicator direction (正向/反向)';
