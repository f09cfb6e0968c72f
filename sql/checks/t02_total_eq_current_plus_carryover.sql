-- Grain: one row per row of table 02 收入总表 (one document version) where the identity fails.
-- Identity: 合计 = 本年收入/小计 + 上年结转结余/小计, read from published.t02_income_summary.
-- The view computes all three from facts, so on a healthy warehouse this returns nothing: it
-- guards the view's arithmetic. A document whose *printed* 合计 disagrees is reported at load
-- by the round-trip proof (rule load.printed_total_differs).
-- Contract (every file in sql/checks/): one SELECT, bound parameter :document_version_id,
-- columns rule, severity, unit_code, fiscal_year, message, figures (jsonb), difference.
SELECT 't02.total_eq_current_plus_carryover' AS rule,
       'warning' AS severity,
       v.unit_code,
       v.fiscal_year,
       format('table 02 row %s (%s): 合计 %s <> 本年收入/小计 %s + 上年结转结余/小计 %s',
              v.row_no, coalesce(v.unit_code_printed, '合计'), v.total,
              v.current_subtotal, v.carryover_subtotal) AS message,
       jsonb_build_object('row_no', v.row_no, '合计', v.total,
                          '本年收入/小计', v.current_subtotal,
                          '上年结转结余/小计', v.carryover_subtotal) AS figures,
       coalesce(v.total, 0) - coalesce(v.current_subtotal, 0) - coalesce(v.carryover_subtotal, 0)
           AS difference
FROM published.t02_income_summary v
WHERE v.document_version_id = :document_version_id
  AND coalesce(v.total, 0) <> coalesce(v.current_subtotal, 0) + coalesce(v.carryover_subtotal, 0)
