-- Grain: one row per purchased service item of table 12 政府购买服务预算财政拨款明细表, in published order, then the 合计 row.
-- Rows come from core.fct_purchased_service. The 合计 row sums the rows of the document's current
-- version (printed, blank, even when the table has no rows); it is never read from storage.
CREATE VIEW published.t12_government_purchased_services AS
WITH stored AS (
    SELECT unit_code, fiscal_year, document_version_id, row_no, item_name, catalog_level1, catalog_level2, catalog_level3, service_area, budget_amount
    FROM core.fct_purchased_service
    UNION ALL
    SELECT v.unit_code, v.fiscal_year, v.document_version_id,
           coalesce(max(f.row_no) + 1, 0),
           '合计', NULL, NULL, NULL, NULL,
           sum(f.budget_amount)
    FROM published.current_documents v
    LEFT JOIN core.fct_purchased_service f ON f.document_version_id = v.document_version_id
    GROUP BY v.unit_code, v.fiscal_year, v.document_version_id
)
SELECT unit_code,
       fiscal_year,
       document_version_id,
       row_no,
       item_name,
       catalog_level1,
       catalog_level2,
       catalog_level3,
       service_area,
       budget_amount
FROM stored;

COMMENT ON VIEW published.t12_government_purchased_services IS
    '预算12表 政府购买服务预算财政拨款明细表（合计与小计由事实计算） / table 12 government purchased services, totals computed from facts';
COMMENT ON COLUMN published.t12_government_purchased_services.unit_code IS '单位代码 / unit code of the document';
COMMENT ON COLUMN published.t12_government_purchased_services.fiscal_year IS '预算年度 / fiscal year';
COMMENT ON COLUMN published.t12_government_purchased_services.document_version_id IS '文件版本编号 / document version';
COMMENT ON COLUMN published.t12_government_purchased_services.row_no IS '公开行序 / published row order (合计 last)';
COMMENT ON COLUMN published.t12_government_purchased_services.item_name IS '项目名称 / purchased service item name';
COMMENT ON COLUMN published.t12_government_purchased_services.catalog_level1 IS '指导性目录/一级 / guiding catalogue, level 1';
COMMENT ON COLUMN published.t12_government_purchased_services.catalog_level2 IS '指导性目录/二级 / guiding catalogue, level 2';
COMMENT ON COLUMN published.t12_government_purchased_services.catalog_level3 IS '指导性目录/三级 / guiding catalogue, level 3';
COMMENT ON COLUMN published.t12_government_purchased_services.service_area IS '服务领域 / service area';
COMMENT ON COLUMN published.t12_government_purchased_services.budget_amount IS '预算金额 / budget amount';
