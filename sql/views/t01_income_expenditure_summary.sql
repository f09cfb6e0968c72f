-- Grain: one row per printed line of table 01 (two side-by-side lists: income items on the
-- left, expenditure items on the right), in published order. Item amounts come from
-- core.fct_summary_line; aggregate lines (合计, 总计, 本年收入 …) are computed here as the sum
-- of the items of the groups core.dim_summary_line names for them, never read from storage.
CREATE VIEW published.t01_income_expenditure_summary AS
WITH lines AS (
    SELECT l.document_version_id, l.unit_code, l.fiscal_year, l.row_no, l.side, l.label,
           l.amount, s.line_kind, s.item_group, s.sums_groups
    FROM core.fct_summary_line l
    LEFT JOIN core.dim_summary_line s
           ON s.template = l.template AND s.table_id = l.table_id
          AND s.side = l.side AND s.label = l.label_key
    WHERE l.table_id = '01'
),
valued AS (
    SELECT l.*,
           CASE WHEN l.line_kind = 'aggregate' THEN (
                    SELECT sum(i.amount)
                    FROM lines i
                    WHERE i.document_version_id = l.document_version_id
                      AND i.side = l.side
                      AND i.line_kind = 'item'
                      AND i.item_group = ANY (l.sums_groups))
                ELSE l.amount
           END AS value
    FROM lines l
),
income AS (SELECT * FROM valued WHERE side = 'income'),
expenditure AS (SELECT * FROM valued WHERE side = 'expenditure')
SELECT coalesce(i.unit_code, e.unit_code) AS unit_code,
       coalesce(i.fiscal_year, e.fiscal_year) AS fiscal_year,
       coalesce(i.document_version_id, e.document_version_id) AS document_version_id,
       coalesce(i.row_no, e.row_no) AS row_no,
       i.label AS income_item,
       i.value AS income_amount,
       e.label AS expenditure_item,
       e.value AS expenditure_amount
FROM income i
FULL JOIN expenditure e
       ON e.document_version_id = i.document_version_id AND e.row_no = i.row_no;

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
