-- Rule: x05_03.within_expenditure
-- Grain: one row per document version when the identity fails (none when it holds).
-- Identity: 05's procurement total (金额 summed over the categories: its 合计 row) does not
-- exceed 03's total expenditure (基本支出 + 项目支出 summed over 03's rows: its 合计 row 合计):
-- what a unit buys is paid from what it spends. Blank counts as zero.
-- difference = 05 - 03 (positive: the excess).
WITH doc AS (
    SELECT d.unit_code, d.fiscal_year
    FROM audit.document_version v
    JOIN audit.document d USING (document_id)
    WHERE v.document_version_id = :document_version_id
),
totals AS (
    SELECT (SELECT coalesce(sum(amount), 0) FROM core.fct_procurement
            WHERE document_version_id = :document_version_id) AS amount05,
           (SELECT count(*) FROM core.fct_procurement
            WHERE document_version_id = :document_version_id) AS rows05,
           (SELECT coalesce(sum(coalesce(basic_expenditure, 0) + coalesce(project_expenditure, 0)), 0)
            FROM core.fct_expenditure
            WHERE document_version_id = :document_version_id) AS amount03
)
SELECT 'x05_03.within_expenditure' AS rule,
       'warning' AS severity,
       doc.unit_code,
       doc.fiscal_year,
       format('05 合计 %s (%s categories) exceeds 03 合计 %s (05 - 03 = %s)',
              published.printed_amount(t.amount05), t.rows05,
              published.printed_amount(t.amount03),
              published.printed_amount(t.amount05 - t.amount03)) AS message,
       jsonb_build_object(
           'left', jsonb_build_object('table', '05', 'cell', '合计 row 金额', 'rows', t.rows05,
                                      'amount', t.amount05::numeric(24,6)::text),
           'right', jsonb_build_object('table', '03', 'cell', '合计 row 合计',
                                       'amount', t.amount03::numeric(24,6)::text)) AS figures,
       t.amount05 - t.amount03 AS difference
FROM doc CROSS JOIN totals t
WHERE t.amount05 > t.amount03
