-- Grain: one row per procurement category of table 05 政府采购预算明细表, in published order, then the 合计 row.
-- Rows come from core.fct_procurement. The 合计 row sums the rows of the document's current
-- version (printed, blank, even when the table has no rows); it is never read from storage.
CREATE VIEW published.t05_procurement AS
WITH stored AS (
    SELECT unit_code, fiscal_year, document_version_id, row_no, procurement_category, amount
    FROM core.fct_procurement
    UNION ALL
    SELECT v.unit_code, v.fiscal_year, v.document_version_id,
           coalesce(max(f.row_no) + 1, 0),
           '合计',
           sum(f.amount)
    FROM published.current_documents v
    LEFT JOIN core.fct_procurement f ON f.document_version_id = v.document_version_id
    GROUP BY v.unit_code, v.fiscal_year, v.document_version_id
)
SELECT unit_code,
       fiscal_year,
       document_version_id,
       row_no,
       procurement_category,
       amount
FROM stored;

COMMENT ON VIEW published.t05_procurement IS
    '预算05表 政府采购预算明细表（合计与小计由事实计算） / table 05 procurement, totals computed from facts';
COMMENT ON COLUMN published.t05_procurement.unit_code IS '单位代码 / unit code of the document';
COMMENT ON COLUMN published.t05_procurement.fiscal_year IS '预算年度 / fiscal year';
COMMENT ON COLUMN published.t05_procurement.document_version_id IS '文件版本编号 / document version';
COMMENT ON COLUMN published.t05_procurement.row_no IS '公开行序 / published row order (合计 last)';
COMMENT ON COLUMN published.t05_procurement.procurement_category IS '采购类别 / procurement category as printed (code-name)';
COMMENT ON COLUMN published.t05_procurement.amount IS '金额 / procurement budget amount';
