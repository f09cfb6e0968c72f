-- Grain: one row per printed line of table 01 (two side-by-side lists: income items on the
-- left, expenditure items on the right), in published order. Item amounts come from
-- core.fct_summary_line; aggregate lines (合计, 总计, 本年收入 …) are computed here as the sum
-- of the items of the groups core.dim_summary_line names for them, never read from storage.
CREATE VIEW published.t01_income_expenditure_summary AS
-- Written so that a filter on document_version_id (or unit_code, fiscal_year) reaches the
-- fact table's index: no CTE referenced twice (it would be materialised over every document),
-- the two sides put side by side with a GROUP BY on the line, not a FULL JOIN on coalesced keys.
SELECT l.unit_code,
       l.fiscal_year,
       l.document_version_id,
       l.row_no,
       max(l.label) FILTER (WHERE l.side = 'income') AS income_item,
       sum(l.value) FILTER (WHERE l.side = 'income') AS income_amount,
       max(l.label) FILTER (WHERE l.side = 'expenditure') AS expenditure_item,
       sum(l.value) FILTER (WHERE l.side = 'expenditure') AS expenditure_amount
FROM (
    SELECT f.document_version_id, f.unit_code, f.fiscal_year, f.row_no, f.side, f.label,
           CASE WHEN s.line_kind = 'aggregate' THEN (
                    SELECT sum(i.amount)
                    FROM core.fct_summary_line i
                    JOIN core.dim_summary_line si
                      ON si.template = i.template AND si.table_id = i.table_id
                     AND si.side = i.side AND si.label = i.label_key
                    WHERE i.document_version_id = f.document_version_id
                      AND i.table_id = f.table_id
                      AND i.side = f.side
                      AND si.line_kind = 'item'
                      AND si.item_group = ANY (s.sums_groups))
                ELSE f.amount
           END AS value
    FROM core.fct_summary_line f
    LEFT JOIN core.dim_summary_line s
           ON s.template = f.template AND s.table_id = f.table_id
          AND s.side = f.side AND s.label = f.label_key
    WHERE f.table_id = '01'
) l
GROUP BY l.unit_code, l.fiscal_year, l.document_version_id, l.row_no;

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
