-- Grain: one row per document (unit × fiscal year × kind): its current version.
-- The published views start from here, so a table with no fact rows still prints its 合计.
CREATE VIEW published.current_documents AS
SELECT v.document_version_id,
       d.unit_code,
       d.fiscal_year,
       d.kind,
       v.unit_name,
       v.template,
       v.sha256,
       v.file_name,
       v.loaded_at,
       v.printed_tables
FROM audit.document_version v
JOIN audit.document d USING (document_id)
WHERE v.status = 'current';

COMMENT ON VIEW published.current_documents IS
    '当前文件版本：每个文件一行 / current version of every document';
COMMENT ON COLUMN published.current_documents.document_version_id IS '文件版本编号 / document version';
COMMENT ON COLUMN published.current_documents.unit_code IS '单位代码 / unit code';
COMMENT ON COLUMN published.current_documents.fiscal_year IS '预算年度 / fiscal year';
COMMENT ON COLUMN published.current_documents.kind IS '文件类型 / document kind: 单位预算 (unit) or 部门预算 (department)';
COMMENT ON COLUMN published.current_documents.unit_name IS '单位名称 / unit name as printed';
COMMENT ON COLUMN published.current_documents.template IS '模板 / template id';
COMMENT ON COLUMN published.current_documents.sha256 IS '文件摘要 / sha256 of the file';
COMMENT ON COLUMN published.current_documents.file_name IS '文件名 / file name';
COMMENT ON COLUMN published.current_documents.loaded_at IS '加载时间 / loaded at';
COMMENT ON COLUMN published.current_documents.printed_tables IS '表头印刷 / table id -> {title, unit} as the document printed them';
