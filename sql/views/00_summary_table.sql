-- Helper, not a view. Grain: one row per printed line of summary table `table_id` (01 收支总表
-- or 06 财政拨款收支预算总表: two side-by-side lists, income items on the left, expenditure
-- items on the right), in published order, for every document version. The single body of
-- published.t01_income_expenditure_summary and published.t06_appropriation_summary, which are
-- `SELECT * FROM published.summary_table('01' | '06')`.
-- Contract: returns unit_code, fiscal_year, document_version_id, row_no, income_item,
-- income_amount, expenditure_item, expenditure_amount. Item amounts come from
-- core.fct_summary_line; aggregate lines (合计, 总计, 本年收入 …) are computed here as the sum
-- of the items of the groups core.dim_summary_line names for them, never read from storage.
-- A NUMERIC sum, blank (NULL) when no item is printed.
-- Kept inlinable (LANGUAGE sql, STABLE, one SELECT, no SET/STRICT/SECURITY DEFINER): the
-- planner then substitutes the table id and pushes a view filter on document_version_id (or
-- unit_code, fiscal_year) down to the fact table's index. Inside, no CTE referenced twice (it
-- would be materialised over every document), and the two sides are put side by side with a
-- GROUP BY on the line, not a FULL JOIN on coalesced keys.
CREATE FUNCTION published.summary_table(table_id text)
    RETURNS TABLE (unit_code text, fiscal_year integer, document_version_id bigint,
                   row_no integer, income_item text, income_amount numeric,
                   expenditure_item text, expenditure_amount numeric)
    LANGUAGE sql STABLE
BEGIN ATOMIC
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
    WHERE f.table_id = summary_table.table_id
) l
GROUP BY l.unit_code, l.fiscal_year, l.document_version_id, l.row_no;
END;

COMMENT ON FUNCTION published.summary_table(text) IS
    '收支总表01/06的公开行（合计与小计由事实计算） / printed lines of summary table 01 or 06, totals computed from facts';
