-- Grain: one row per finding about the current version of a document: a failed identity
-- (origin check), a document mistake or inference recorded while parsing (origin parse), or
-- a printed total that disagrees with its parts (origin load). Superseded versions' findings
-- stay in audit.finding; this view is what analysts (budget_reader) can read of them.
CREATE VIEW published.findings AS
SELECT f.finding_id,
       d.unit_code,
       d.fiscal_year,
       d.kind,
       f.document_version_id,
       f.origin,
       f.rule,
       f.severity,
       f.table_id,
       f.row_no,
       f.column_path,
       f.message,
       f.expected,
       f.found,
       f.difference,
       f.figures
FROM audit.finding f
JOIN published.current_documents d USING (document_version_id);

COMMENT ON VIEW published.findings IS
    '当前文件版本的发现：恒等式不成立、文件错误、推断 / findings about the current version of every document';
COMMENT ON COLUMN published.findings.finding_id IS '发现编号 / finding id';
COMMENT ON COLUMN published.findings.unit_code IS '单位代码 / unit code';
COMMENT ON COLUMN published.findings.fiscal_year IS '预算年度 / fiscal year';
COMMENT ON COLUMN published.findings.kind IS '文件类型 / document kind: 单位预算 or 部门预算';
COMMENT ON COLUMN published.findings.document_version_id IS '文件版本编号 / document version';
COMMENT ON COLUMN published.findings.origin IS '来源 / origin: parse | check (sql/checks) | load';
COMMENT ON COLUMN published.findings.rule IS '规则 / stable rule id (docs/rules.md)';
COMMENT ON COLUMN published.findings.severity IS '严重程度 / severity: error | warning | info';
COMMENT ON COLUMN published.findings.table_id IS '表号 / published table 01…13, if one';
COMMENT ON COLUMN published.findings.row_no IS '行号 / row index in the published table, if one';
COMMENT ON COLUMN published.findings.column_path IS '列路径 / published column path, if one';
COMMENT ON COLUMN published.findings.message IS '说明 / one readable line';
COMMENT ON COLUMN published.findings.expected IS '应为 / expected value as printed, if any';
COMMENT ON COLUMN published.findings.found IS '实为 / found value as printed, if any';
COMMENT ON COLUMN published.findings.difference IS '差额 / exact difference, when the rule compares amounts';
COMMENT ON COLUMN published.findings.figures IS '相关数字 / cells or figures involved (amounts as exact strings)';
