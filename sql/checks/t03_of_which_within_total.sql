-- Rule: t03.of_which_within_total
-- Grain: one row per row of table 03 (a function × gov. economic × dept. economic subject
-- fact) whose 其中 columns exceed its 合计.
-- Identity: 其中/事业单位经营支出 + 其中/上缴上级支出 + 其中/对附属单位补助支出 ≤ 合计, where 合计 =
-- 基本支出 + 项目支出 (derived, as published.t03_expenditure_summary computes it). Both sides
-- are stored facts, so this can fail in the warehouse. The 合计 row is their column sums: it
-- can only fail when a row fails, so it is not checked again. Blank counts as zero.
-- difference = 其中 - 合计 (positive: the excess).
WITH doc AS (
    SELECT d.unit_code, d.fiscal_year
    FROM audit.document_version v
    JOIN audit.document d USING (document_id)
    WHERE v.document_version_id = :document_version_id
),
rows03 AS (
    SELECT f.row_no, concat_ws(' / ', f.function_subject, f.gov_economic_subject,
                               f.dept_economic_subject) AS subjects,
           coalesce(f.basic_expenditure, 0) + coalesce(f.project_expenditure, 0) AS total,
           coalesce(f.of_which_business_expenditure, 0) + coalesce(f.of_which_remittance_to_superior, 0)
               + coalesce(f.of_which_subsidy_to_subordinate, 0) AS of_which,
           f.of_which_business_expenditure, f.of_which_remittance_to_superior,
           f.of_which_subsidy_to_subordinate
    FROM core.fct_expenditure f
    WHERE f.document_version_id = :document_version_id
)
SELECT 't03.of_which_within_total' AS rule,
       'warning' AS severity,
       doc.unit_code,
       doc.fiscal_year,
       format('03 row %s (%s): 其中 %s exceeds 合计 %s (其中 - 合计 = %s)',
              r.row_no, r.subjects, published.printed_amount(r.of_which),
              published.printed_amount(r.total),
              published.printed_amount(r.of_which - r.total)) AS message,
       jsonb_build_object(
           'row_no', r.row_no,
           'left', jsonb_build_object(
               'table', '03', 'cell', '其中 (3 columns)',
               'amount', r.of_which::numeric(24,6)::text,
               '其中/事业单位经营支出', r.of_which_business_expenditure::text,
               '其中/上缴上级支出', r.of_which_remittance_to_superior::text,
               '其中/对附属单位补助支出', r.of_which_subsidy_to_subordinate::text),
           'right', jsonb_build_object('table', '03', 'cell', '合计 (基本支出 + 项目支出)',
                                       'amount', r.total::numeric(24,6)::text)) AS figures,
       r.of_which - r.total AS difference
FROM doc CROSS JOIN rows03 r
WHERE r.of_which > r.total
ORDER BY r.row_no
