-- Helper for checks, not a view. Grain: one row per function 类 (3-digit code) that summary
-- table `table_id` (01 or 06) prints on its expenditure side for one document version: the
-- 类 code (core.dim_summary_line maps each line to it), the printed label(s) and the amount
-- (blank counts as zero). Used by sql/checks/x01_03_expenditure_by_class.sql and
-- x06_07_expenditure_by_class.sql, which compare it with different tables.
-- Parameters are qualified with the function name below: in an SQL function a column of the
-- same name (document_version_id, table_id) would otherwise win.
CREATE FUNCTION published.summary_expenditure_by_class(document_version_id bigint, table_id text)
    RETURNS TABLE (class_code text, label text, amount numeric)
    LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT s.function_class_code,
           string_agg(l.label, ' + ' ORDER BY l.row_no),
           coalesce(sum(l.amount), 0)
    FROM core.fct_summary_line l
    JOIN core.dim_summary_line s
      ON s.template = l.template AND s.table_id = l.table_id
     AND s.side = l.side AND s.label = l.label_key
    WHERE l.document_version_id = summary_expenditure_by_class.document_version_id
      AND l.table_id = summary_expenditure_by_class.table_id AND l.side = 'expenditure'
      AND s.function_class_code IS NOT NULL
    GROUP BY s.function_class_code;
END;

COMMENT ON FUNCTION published.summary_expenditure_by_class(bigint, text) IS
    '表01/06支出按功能分类类级汇总 / expenditure of table 01 or 06 per function class (类)';
