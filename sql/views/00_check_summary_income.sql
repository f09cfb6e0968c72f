-- Helper for checks, not a view. Grain: one row per income line of summary table
-- `table_id` (01 or 06; item or aggregate) of one document version whose amount differs from
-- the matching columns of table 02's 合计 row. Used by sql/checks/x01_02_income.sql and
-- x06_02_income.sql, which differ only in the table and in `aggregate_scope`.
-- Contract: published.check_summary_income(document_version_id, table_id, aggregate_scope)
-- returns unit_code, fiscal_year, message, figures, difference - the check-file columns
-- without rule and severity, which stay in each check file. An item line (its
-- core.dim_summary_line funding_source_code and item_group) equals the sum of 02's columns of
-- its period whose funding source is the item's or lies under it (core.dim_funding_source);
-- an aggregate line (本年收入合计, 收入总计, …) equals 02's columns of the periods it sums whose
-- funding source lies under `aggregate_scope` ('all' for 01, 'appropriation' for 06).
-- 02's 合计 row is the sum of its unit rows (department rows are derived, not stored); the
-- mapping of 02's columns is core.dim_published_column (published.income02_column_totals). Blank counts as zero; amounts are NUMERIC;
-- difference = table_id - 02.
-- Parameters are qualified with the function name below: in an SQL function a column of the
-- same name (document_version_id, table_id) would otherwise win.
CREATE FUNCTION published.check_summary_income(document_version_id bigint, table_id text,
                                               aggregate_scope text)
    RETURNS TABLE (unit_code text, fiscal_year integer, message text, figures jsonb,
                   difference numeric)
    LANGUAGE sql STABLE
BEGIN ATOMIC
WITH RECURSIVE doc AS (
    SELECT d.unit_code, d.fiscal_year, v.template
    FROM audit.document_version v
    JOIN audit.document d USING (document_id)
    WHERE v.document_version_id = check_summary_income.document_version_id
),
under (ancestor, code) AS (  -- every funding source with itself and its descendants
    SELECT code, code FROM core.dim_funding_source
    UNION ALL
    SELECT u.ancestor, f.code
    FROM under u JOIN core.dim_funding_source f ON f.parent_code = u.code
),
income02 AS MATERIALIZED (  -- 02's 合计 row per funded column, computed once
    SELECT * FROM published.income02_column_totals(check_summary_income.document_version_id)
),
lines AS (  -- the table's income lines with the sources and periods they stand for
    SELECT l.row_no, l.label, s.line_kind,
           CASE WHEN s.line_kind = 'item' THEN s.funding_source_code
                ELSE check_summary_income.aggregate_scope END AS scope,
           CASE WHEN s.line_kind = 'item' THEN ARRAY[s.item_group] ELSE s.sums_groups END AS periods,
           l.amount
    FROM core.fct_summary_line l
    JOIN core.dim_summary_line s
      ON s.template = l.template AND s.table_id = l.table_id
     AND s.side = l.side AND s.label = l.label_key
    WHERE l.document_version_id = check_summary_income.document_version_id
      AND l.table_id = check_summary_income.table_id AND l.side = 'income'
      AND (s.line_kind = 'aggregate' OR s.funding_source_code IS NOT NULL)
),
compared AS (
    SELECT x.row_no, x.label, x.scope, x.periods,
           CASE WHEN x.line_kind = 'item' THEN coalesce(x.amount, 0)
                ELSE (SELECT coalesce(sum(i.amount), 0) FROM lines i
                      WHERE i.line_kind = 'item' AND i.periods[1] = ANY (x.periods))
           END AS amount_left,
           m.amount02, m.columns02
    FROM lines x
    CROSS JOIN LATERAL (
        SELECT coalesce(sum(g.amount), 0) AS amount02,
               coalesce(jsonb_agg(g.column_path ORDER BY g.column_path), '[]') AS columns02
        FROM income02 g
        JOIN under u ON u.code = g.funding_source_code AND u.ancestor = x.scope
        WHERE g.budget_period = ANY (x.periods)) m
)
SELECT doc.unit_code,
       doc.fiscal_year,
       format('%s %s %s ≠ 02 合计 row %s (%s) %s (%s - 02 = %s)',
              check_summary_income.table_id,
              c.label, published.printed_amount(c.amount_left),
              fs.name_zh,
              array_to_string(ARRAY(SELECT CASE p WHEN 'current' THEN '本年收入'
                                                  WHEN 'carryover' THEN '上年结转结余' ELSE p END
                                    FROM unnest(c.periods) AS p), ' + '),
              published.printed_amount(c.amount02),
              check_summary_income.table_id,
              published.printed_amount(c.amount_left - c.amount02)),
       jsonb_build_object(
           'left', jsonb_build_object('table', check_summary_income.table_id,
                                      'row_no', c.row_no, 'cell', c.label,
                                      'amount', c.amount_left::numeric(24,6)::text),
           'right', jsonb_build_object('table', '02', 'cell', '合计 row',
                                       'funding_source', c.scope, 'periods', to_jsonb(c.periods),
                                       'columns_summed', c.columns02,
                                       'amount', c.amount02::numeric(24,6)::text)),
       c.amount_left - c.amount02
FROM doc
CROSS JOIN compared c
JOIN core.dim_funding_source fs ON fs.code = c.scope
WHERE c.amount_left <> c.amount02;
END;

COMMENT ON FUNCTION published.check_summary_income(bigint, text, text) IS
    '01/06表收入行与02表合计行的差异（检查用） / income lines of table 01 or 06 that differ from table 02''s 合计 row (used by checks x01_02, x06_02)';
