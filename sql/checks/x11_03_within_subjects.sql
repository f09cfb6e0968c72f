-- Rule: x11_03.within_subjects
-- Grain: one row per 三公 amount of table 11's current-year row (the row whose year is the
-- document's fiscal year) that exceeds what table 03 plans on the matching subjects.
-- Identity: a current-year 三公 amount does not exceed 03's 合计 (基本支出 + 项目支出) summed
-- over the department economic subjects whose code starts with the matching prefix. The
-- prefixes are the template's [tables.11.subject_bounds] (national classification):
-- 因公出国（境）费用 30212, 公务接待费 30217, 公务用车购置费 31013, 公务用车运行维护费 (its 小计)
-- 30231 - listed below because a check sees only the database; tests/checks keeps the two
-- in step. The previous year's row is not checked (03 plans the current year only).
-- Blank counts as zero. difference = 11 - 03 (positive: the excess).
WITH doc AS (
    SELECT d.unit_code, d.fiscal_year
    FROM audit.document_version v
    JOIN audit.document d USING (document_id)
    WHERE v.document_version_id = :document_version_id
),
bounds (ord, column_path, prefixes) AS (
    VALUES (1, '因公出国（境）费用', ARRAY['30212']),
           (2, '公务接待费', ARRAY['30217']),
           (3, '公务用车购置及运行维护费/公务用车购置费', ARRAY['31013']),
           (4, '公务用车购置及运行维护费/公务用车运行维护费/小计', ARRAY['30231'])
),
current11 AS (  -- the current-year row, one amount per bounded column (derived ones computed)
    SELECT b.ord, b.column_path, b.prefixes, f.budget_year,
           coalesce(CASE b.ord
                        WHEN 1 THEN f.outbound_travel
                        WHEN 2 THEN f.official_reception
                        WHEN 3 THEN f.vehicle_purchase
                        WHEN 4 THEN coalesce(f.vehicle_fuel, 0) + coalesce(f.vehicle_repair, 0)
                                    + coalesce(f.vehicle_insurance, 0) + coalesce(f.vehicle_other, 0)
                    END, 0) AS amount
    FROM core.fct_three_public_expenses f
    CROSS JOIN doc
    CROSS JOIN bounds b
    WHERE f.document_version_id = :document_version_id
      AND f.row_fiscal_year = doc.fiscal_year
),
compared AS (
    SELECT c.*, m.amount03, m.rows03
    FROM current11 c
    CROSS JOIN LATERAL (
        SELECT coalesce(sum(coalesce(e.basic_expenditure, 0) + coalesce(e.project_expenditure, 0)), 0)
                   AS amount03,
               count(e.fact_id) AS rows03
        FROM core.fct_expenditure e
        WHERE e.document_version_id = :document_version_id
          AND EXISTS (SELECT 1 FROM unnest(c.prefixes) AS p
                      WHERE e.dept_economic_code LIKE p || '%')) m
)
SELECT 'x11_03.within_subjects' AS rule,
       'warning' AS severity,
       doc.unit_code,
       doc.fiscal_year,
       format('11 %s %s %s exceeds 03 合计 of %s rows on subjects %s* %s (11 - 03 = %s)',
              c.budget_year, c.column_path, published.printed_amount(c.amount),
              c.rows03, array_to_string(c.prefixes, '*/'),
              published.printed_amount(c.amount03),
              published.printed_amount(c.amount - c.amount03)) AS message,
       jsonb_build_object(
           'column', c.column_path,
           'left', jsonb_build_object('table', '11', 'cell', c.budget_year || ' ' || c.column_path,
                                      'amount', c.amount::numeric(24,6)::text),
           'right', jsonb_build_object('table', '03', 'cell', '合计', 'rows', c.rows03,
                                       'subject_prefixes', to_jsonb(c.prefixes),
                                       'amount', c.amount03::numeric(24,6)::text)) AS figures,
       c.amount - c.amount03 AS difference
FROM doc CROSS JOIN compared c
WHERE c.amount > c.amount03
ORDER BY c.ord
