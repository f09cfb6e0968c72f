-- Rule: x01_03.expenditure_by_class
-- Grain: one row per function 类 (3-digit code) where table 01's expenditure line differs
-- from table 03 summed over the function subjects of that 类.
-- Identity: 01's expenditure per 类 (the line core.dim_summary_line maps to the 类 code)
-- equals 03's 合计 (基本支出 + 项目支出) summed by the first three digits of the function
-- code. Both directions: a 类 03 spends on but 01 does not print is a row (01 = 0), and 03
-- rows without a readable function code form one row with 类 NULL (the loader reports the
-- code: load.unreadable_code). Because 01 stores no totals, this also covers
-- x01_03.expenditure_total (01 本年支出合计 = 03 合计 row): that total can only differ when a
-- 类 differs. Blank counts as zero. difference = 01 - 03.
WITH doc AS (
    SELECT d.unit_code, d.fiscal_year
    FROM audit.document_version v
    JOIN audit.document d USING (document_id)
    WHERE v.document_version_id = :document_version_id
),
by01 AS (  -- published.summary_expenditure_by_class (sql/views/00_check_expenditure_by_class.sql)
    SELECT class_code, label, amount
    FROM published.summary_expenditure_by_class(CAST(:document_version_id AS bigint), '01')
),
by03 AS (
    SELECT left(f.function_subject_code, 3) AS class_code,
           count(*) AS rows,
           coalesce(sum(coalesce(f.basic_expenditure, 0) + coalesce(f.project_expenditure, 0)), 0)
               AS amount
    FROM core.fct_expenditure f
    WHERE f.document_version_id = :document_version_id
    GROUP BY 1
),
compared AS (
    SELECT coalesce(a.class_code, b.class_code) AS class_code,
           a.label,
           coalesce(a.amount, 0) AS amount01,
           coalesce(b.amount, 0) AS amount03,
           coalesce(b.rows, 0) AS rows03
    FROM by01 a
    FULL JOIN by03 b ON b.class_code = a.class_code
)
SELECT 'x01_03.expenditure_by_class' AS rule,
       'warning' AS severity,
       doc.unit_code,
       doc.fiscal_year,
       format('01 %s %s ≠ 03 合计 of %s rows with function 类 %s %s (01 - 03 = %s)',
              coalesce(c.label, '(no line for 类 ' || coalesce(c.class_code, '?') || ')'),
              published.printed_amount(c.amount01),
              c.rows03, coalesce(c.class_code, '(unreadable code)'),
              published.printed_amount(c.amount03),
              published.printed_amount(c.amount01 - c.amount03)) AS message,
       jsonb_build_object(
           'function_class', c.class_code,
           'left', jsonb_build_object('table', '01', 'cell', c.label,
                                      'amount', c.amount01::numeric(24,6)::text),
           'right', jsonb_build_object('table', '03', 'cell', '合计', 'rows', c.rows03,
                                       'amount', c.amount03::numeric(24,6)::text)) AS figures,
       c.amount01 - c.amount03 AS difference
FROM doc CROSS JOIN compared c
WHERE c.amount01 <> c.amount03
