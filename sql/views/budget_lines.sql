-- Grain: one row per unit × fiscal year × (function, government economic, department economic)
-- subject × expenditure kind × funding source × source table, for analysts: comparable across
-- units and years, with subject names and their parents (类/款) resolved.
-- Sources: table 03 (every funding source together, funding_source_code 'all'; kinds basic and
-- project) and table 04 (project expenditure split by funding source, summed over projects).
-- They overlap by design (04 details 03's project column): filter on source_table before
-- summing across sources. Amount columns are unpivoted with an explicit LATERAL (VALUES …)
-- list of the amount columns (no jsonb round trip, so a filter on unit_code / fiscal_year
-- reaches the fact tables' (fiscal_year, unit_code) index), and each one's meaning -
-- funding source and expenditure kind - is read from core.dim_published_column, so the
-- mapping stays data. tests/perf/test_budget_lines.py keeps the lists equal to the amount
-- columns that dim_published_column gives a funding source and a kind.
CREATE VIEW published.budget_lines AS
WITH facts AS (
    SELECT '03' AS source_table, f.unit_code, f.fiscal_year, f.document_version_id,
           f.function_subject_code, f.gov_economic_code, f.dept_economic_code,
           a.sql_name, a.amount
    FROM core.fct_expenditure f
    CROSS JOIN LATERAL (VALUES ('basic_expenditure', f.basic_expenditure),
                               ('project_expenditure', f.project_expenditure)
                       ) AS a (sql_name, amount)
    WHERE a.amount IS NOT NULL
    UNION ALL
    SELECT '04', f.unit_code, f.fiscal_year, f.document_version_id,
           f.function_subject_code, f.gov_economic_code, f.dept_economic_code,
           a.sql_name, a.amount
    FROM core.fct_project_expenditure f
    CROSS JOIN LATERAL (VALUES ('current_general_budget', f.current_general_budget),
                               ('current_government_fund', f.current_government_fund),
                               ('current_state_capital', f.current_state_capital),
                               ('carryover_general_budget', f.carryover_general_budget),
                               ('carryover_government_fund', f.carryover_government_fund),
                               ('carryover_state_capital', f.carryover_state_capital),
                               ('fiscal_special_account', f.fiscal_special_account),
                               ('unit_funds', f.unit_funds)
                       ) AS a (sql_name, amount)
    WHERE a.amount IS NOT NULL
),
lines AS (
    SELECT x.source_table, x.unit_code, x.fiscal_year, x.document_version_id,
           x.function_subject_code, x.gov_economic_code, x.dept_economic_code,
           c.expenditure_kind, c.funding_source_code,
           sum(x.amount) AS amount
    FROM facts x
    JOIN audit.document_version v ON v.document_version_id = x.document_version_id
    JOIN core.dim_published_column c
      ON c.template = v.template AND c.table_id = x.source_table AND c.sql_name = x.sql_name
     AND c.role = 'amount' AND c.funding_source_code IS NOT NULL
     AND c.expenditure_kind IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
)
SELECT l.unit_code, u.unit_name, l.fiscal_year, l.document_version_id, l.source_table,
       l.function_subject_code, fn.name AS function_subject_name,
       fk.code AS function_kuan_code, fk.name AS function_kuan_name,
       fc.code AS function_class_code, fc.name AS function_class_name,
       l.gov_economic_code, ge.name AS gov_economic_name,
       gp.code AS gov_economic_class_code, gp.name AS gov_economic_class_name,
       l.dept_economic_code, de.name AS dept_economic_name,
       dp.code AS dept_economic_parent_code, dp.name AS dept_economic_parent_name,
       l.expenditure_kind, l.funding_source_code, fs.name_zh AS funding_source_name,
       l.amount
FROM lines l
LEFT JOIN core.dim_unit u ON u.unit_code = l.unit_code
LEFT JOIN core.dim_function_subject fn
       ON fn.fiscal_year = l.fiscal_year AND fn.code = l.function_subject_code
LEFT JOIN core.dim_function_subject fk
       ON fk.fiscal_year = l.fiscal_year AND fk.code = fn.parent_code
LEFT JOIN core.dim_function_subject fc
       ON fc.fiscal_year = l.fiscal_year AND fc.code = fk.parent_code
LEFT JOIN core.dim_gov_economic_subject ge
       ON ge.fiscal_year = l.fiscal_year AND ge.code = l.gov_economic_code
LEFT JOIN core.dim_gov_economic_subject gp
       ON gp.fiscal_year = l.fiscal_year AND gp.code = ge.parent_code
LEFT JOIN core.dim_dept_economic_subject de
       ON de.fiscal_year = l.fiscal_year AND de.code = l.dept_economic_code
LEFT JOIN core.dim_dept_economic_subject dp
       ON dp.fiscal_year = l.fiscal_year AND dp.code = de.parent_code
LEFT JOIN core.dim_funding_source fs ON fs.code = l.funding_source_code;

COMMENT ON VIEW published.budget_lines IS
    '预算支出明细（分析用）：单位×年度×科目×支出类型×资金来源 / budget lines for analysis: unit × year × subject × kind × funding source';
COMMENT ON COLUMN published.budget_lines.unit_code IS '单位代码 / unit code';
COMMENT ON COLUMN published.budget_lines.unit_name IS '单位名称 / unit name';
COMMENT ON COLUMN published.budget_lines.fiscal_year IS '预算年度 / fiscal year';
COMMENT ON COLUMN published.budget_lines.document_version_id IS '文件版本编号 / document version';
COMMENT ON COLUMN published.budget_lines.source_table IS '来源表 / source table: 03 (all funds) or 04 (projects by funding source)';
COMMENT ON COLUMN published.budget_lines.function_subject_code IS '支出功能分类科目编码 / function subject code';
COMMENT ON COLUMN published.budget_lines.function_subject_name IS '支出功能分类科目名称 / function subject name';
COMMENT ON COLUMN published.budget_lines.function_kuan_code IS '功能分类款级编码 / function 款 (5-digit) code';
COMMENT ON COLUMN published.budget_lines.function_kuan_name IS '功能分类款级名称 / function 款 name (NULL if never printed)';
COMMENT ON COLUMN published.budget_lines.function_class_code IS '功能分类类级编码 / function 类 (3-digit) code';
COMMENT ON COLUMN published.budget_lines.function_class_name IS '功能分类类级名称 / function 类 name';
COMMENT ON COLUMN published.budget_lines.gov_economic_code IS '政府支出经济分类科目编码 / government economic subject code';
COMMENT ON COLUMN published.budget_lines.gov_economic_name IS '政府支出经济分类科目名称 / government economic subject name';
COMMENT ON COLUMN published.budget_lines.gov_economic_class_code IS '政府经济分类类级编码 / government economic 类 code';
COMMENT ON COLUMN published.budget_lines.gov_economic_class_name IS '政府经济分类类级名称 / government economic 类 name';
COMMENT ON COLUMN published.budget_lines.dept_economic_code IS '部门支出经济分类科目编码 / department economic subject code';
COMMENT ON COLUMN published.budget_lines.dept_economic_name IS '部门支出经济分类科目名称 / department economic subject name';
COMMENT ON COLUMN published.budget_lines.dept_economic_parent_code IS '部门经济分类上级编码 / department economic parent code';
COMMENT ON COLUMN published.budget_lines.dept_economic_parent_name IS '部门经济分类上级名称 / department economic parent name';
COMMENT ON COLUMN published.budget_lines.expenditure_kind IS '支出类型 / expenditure kind: basic | project';
COMMENT ON COLUMN published.budget_lines.funding_source_code IS '资金来源代码 / funding source code';
COMMENT ON COLUMN published.budget_lines.funding_source_name IS '资金来源 / funding source name';
COMMENT ON COLUMN published.budget_lines.amount IS '金额（万元） / amount in 万元, exact';
