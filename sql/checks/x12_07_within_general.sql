-- Rule: x12_07.within_general
-- Grain: one row per document version when the identity fails (none when it holds).
-- Identity: 12's purchased services total (预算金额 summed over the service rows: its 合计
-- row) does not exceed 07's total (人员经费 + 公用经费 + 项目支出总数 summed over 07's rows: its
-- 合计 row 合计): 12 lists services bought with general-budget appropriations, which 07
-- spends. Blank counts as zero. difference = 12 - 07 (positive: the excess).
WITH doc AS (
    SELECT d.unit_code, d.fiscal_year
    FROM audit.document_version v
    JOIN audit.document d USING (document_id)
    WHERE v.document_version_id = :document_version_id
),
totals AS (
    SELECT (SELECT coalesce(sum(budget_amount), 0) FROM core.fct_purchased_service
            WHERE document_version_id = :document_version_id) AS amount12,
           (SELECT count(*) FROM core.fct_purchased_service
            WHERE document_version_id = :document_version_id) AS rows12,
           (SELECT coalesce(sum(coalesce(basic_personnel, 0) + coalesce(basic_public, 0)
                                + coalesce(project_total, 0)), 0)
            FROM core.fct_general_budget_expenditure
            WHERE document_version_id = :document_version_id) AS amount07
)
SELECT 'x12_07.within_general' AS rule,
       'warning' AS severity,
       doc.unit_code,
       doc.fiscal_year,
       format('12 合计 %s (%s services) exceeds 07 合计 %s (12 - 07 = %s)',
              published.printed_amount(t.amount12), t.rows12,
              published.printed_amount(t.amount07),
              published.printed_amount(t.amount12 - t.amount07)) AS message,
       jsonb_build_object(
           'left', jsonb_build_object('table', '12', 'cell', '合计 row 预算金额', 'rows', t.rows12,
                                      'amount', t.amount12::numeric(24,6)::text),
           'right', jsonb_build_object('table', '07', 'cell', '合计 row 本年预算数/合计',
                                       'amount', t.amount07::numeric(24,6)::text)) AS figures,
       t.amount12 - t.amount07 AS difference
FROM doc CROSS JOIN totals t
WHERE t.amount12 > t.amount07
