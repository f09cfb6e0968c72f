-- Grain: one row per published row of table 02 收入总表: the department row, its unit rows,
-- then 合计. Unit rows come from core.fct_income; a department row (3-digit code) is computed
-- as the sum of the unit rows under it, 合计 as the sum of the unit rows, and the 小计/合计
-- columns as the sum of their parts: 合计 = 本年收入/小计 + 上年结转结余/小计.
CREATE VIEW published.t02_income_summary AS
WITH units AS (
    SELECT * FROM core.fct_income WHERE NOT is_department
),
stored AS (
    SELECT f.unit_code, f.fiscal_year, f.document_version_id, f.row_no,
           f.unit_code_printed, f.unit_name_printed,
           CASE WHEN f.is_department THEN d.current_general_budget ELSE f.current_general_budget END AS current_general_budget,
           CASE WHEN f.is_department THEN d.current_government_fund ELSE f.current_government_fund END AS current_government_fund,
           CASE WHEN f.is_department THEN d.current_state_capital ELSE f.current_state_capital END AS current_state_capital,
           CASE WHEN f.is_department THEN d.current_fiscal_special_account ELSE f.current_fiscal_special_account END AS current_fiscal_special_account,
           CASE WHEN f.is_department THEN d.current_public_institution_income ELSE f.current_public_institution_income END AS current_public_institution_income,
           CASE WHEN f.is_department THEN d.current_business_income ELSE f.current_business_income END AS current_business_income,
           CASE WHEN f.is_department THEN d.current_superior_subsidy ELSE f.current_superior_subsidy END AS current_superior_subsidy,
           CASE WHEN f.is_department THEN d.current_subordinate_remittance ELSE f.current_subordinate_remittance END AS current_subordinate_remittance,
           CASE WHEN f.is_department THEN d.current_other_income ELSE f.current_other_income END AS current_other_income,
           CASE WHEN f.is_department THEN d.carryover_general_budget ELSE f.carryover_general_budget END AS carryover_general_budget,
           CASE WHEN f.is_department THEN d.carryover_government_fund ELSE f.carryover_government_fund END AS carryover_government_fund,
           CASE WHEN f.is_department THEN d.carryover_state_capital ELSE f.carryover_state_capital END AS carryover_state_capital,
           CASE WHEN f.is_department THEN d.carryover_fiscal_special_account ELSE f.carryover_fiscal_special_account END AS carryover_fiscal_special_account,
           CASE WHEN f.is_department THEN d.carryover_unit_funds ELSE f.carryover_unit_funds END AS carryover_unit_funds
    FROM core.fct_income f
    LEFT JOIN LATERAL (
        SELECT sum(u.current_general_budget) AS current_general_budget,
               sum(u.current_government_fund) AS current_government_fund,
               sum(u.current_state_capital) AS current_state_capital,
               sum(u.current_fiscal_special_account) AS current_fiscal_special_account,
               sum(u.current_public_institution_income) AS current_public_institution_income,
               sum(u.current_business_income) AS current_business_income,
               sum(u.current_superior_subsidy) AS current_superior_subsidy,
               sum(u.current_subordinate_remittance) AS current_subordinate_remittance,
               sum(u.current_other_income) AS current_other_income,
               sum(u.carryover_general_budget) AS carryover_general_budget,
               sum(u.carryover_government_fund) AS carryover_government_fund,
               sum(u.carryover_state_capital) AS carryover_state_capital,
               sum(u.carryover_fiscal_special_account) AS carryover_fiscal_special_account,
               sum(u.carryover_unit_funds) AS carryover_unit_funds
        FROM units u
        WHERE u.document_version_id = f.document_version_id
          AND left(u.row_unit_code, length(f.row_unit_code)) = f.row_unit_code
    ) d ON f.is_department
    UNION ALL
    SELECT v.unit_code, v.fiscal_year, v.document_version_id,
           (SELECT coalesce(max(a.row_no) + 1, 0) FROM core.fct_income a
            WHERE a.document_version_id = v.document_version_id),
           '合计', NULL,
           sum(u.current_general_budget), sum(u.current_government_fund),
           sum(u.current_state_capital), sum(u.current_fiscal_special_account),
           sum(u.current_public_institution_income), sum(u.current_business_income),
           sum(u.current_superior_subsidy), sum(u.current_subordinate_remittance),
           sum(u.current_other_income),
           sum(u.carryover_general_budget), sum(u.carryover_government_fund),
           sum(u.carryover_state_capital), sum(u.carryover_fiscal_special_account),
           sum(u.carryover_unit_funds)
    FROM published.current_documents v
    LEFT JOIN units u ON u.document_version_id = v.document_version_id
    GROUP BY v.unit_code, v.fiscal_year, v.document_version_id
),
subtotals AS (
    SELECT s.*,
           published.amount_sum(current_general_budget, current_government_fund,
               current_state_capital, current_fiscal_special_account,
               current_public_institution_income, current_business_income,
               current_superior_subsidy, current_subordinate_remittance,
               current_other_income) AS current_subtotal,
           published.amount_sum(carryover_general_budget, carryover_government_fund,
               carryover_state_capital, carryover_fiscal_special_account,
               carryover_unit_funds) AS carryover_subtotal
    FROM stored s
)
SELECT unit_code, fiscal_year, document_version_id, row_no,
       unit_code_printed, unit_name_printed,
       published.amount_sum(current_subtotal, carryover_subtotal) AS total,
       current_subtotal,
       current_general_budget, current_government_fund, current_state_capital,
       current_fiscal_special_account, current_public_institution_income,
       current_business_income, current_superior_subsidy, current_subordinate_remittance,
       current_other_income,
       carryover_subtotal,
       carryover_general_budget, carryover_government_fund, carryover_state_capital,
       carryover_fiscal_special_account, carryover_unit_funds
FROM subtotals;

COMMENT ON VIEW published.t02_income_summary IS
    '预算02表 收入总表（合计与小计由事实计算） / table 02 income summary, totals computed from facts';
COMMENT ON COLUMN published.t02_income_summary.unit_code IS '单位代码 / unit code of the document';
COMMENT ON COLUMN published.t02_income_summary.fiscal_year IS '预算年度 / fiscal year';
COMMENT ON COLUMN published.t02_income_summary.document_version_id IS '文件版本编号 / document version';
COMMENT ON COLUMN published.t02_income_summary.row_no IS '公开行序 / published row order (合计 last)';
COMMENT ON COLUMN published.t02_income_summary.unit_code_printed IS '部门（单位）代码 / department or unit code as printed';
COMMENT ON COLUMN published.t02_income_summary.unit_name_printed IS '部门（单位）名称 / department or unit name as printed';
COMMENT ON COLUMN published.t02_income_summary.total IS '合计 / total income (derived)';
COMMENT ON COLUMN published.t02_income_summary.current_subtotal IS '本年收入/小计 / current-year income subtotal (derived)';
COMMENT ON COLUMN published.t02_income_summary.current_general_budget IS '本年收入/一般公共预算资金 / current-year general public budget funds';
COMMENT ON COLUMN published.t02_income_summary.current_government_fund IS '本年收入/政府性基金预算资金 / current-year government fund budget funds';
COMMENT ON COLUMN published.t02_income_summary.current_state_capital IS '本年收入/国有资本经营预算资金 / current-year state capital operation budget funds';
COMMENT ON COLUMN published.t02_income_summary.current_fiscal_special_account IS '本年收入/财政专户管理资金 / current-year funds managed in fiscal special accounts';
COMMENT ON COLUMN published.t02_income_summary.current_public_institution_income IS '本年收入/事业收入 / current-year public institution (service) income';
COMMENT ON COLUMN published.t02_income_summary.current_business_income IS '本年收入/事业单位经营收入 / current-year business income of public institutions';
COMMENT ON COLUMN published.t02_income_summary.current_superior_subsidy IS '本年收入/上级补助收入 / current-year subsidy from the superior body';
COMMENT ON COLUMN published.t02_income_summary.current_subordinate_remittance IS '本年收入/附属单位上缴收入 / current-year remittances from subordinate units';
COMMENT ON COLUMN published.t02_income_summary.current_other_income IS '本年收入/其他收入 / current-year other income';
COMMENT ON COLUMN published.t02_income_summary.carryover_subtotal IS '上年结转结余/小计 / carry-over from previous years, subtotal (derived)';
COMMENT ON COLUMN published.t02_income_summary.carryover_general_budget IS '上年结转结余/一般公共预算资金 / carry-over of general public budget funds';
COMMENT ON COLUMN published.t02_income_summary.carryover_government_fund IS '上年结转结余/政府性基金预算资金 / carry-over of government fund budget funds';
COMMENT ON COLUMN published.t02_income_summary.carryover_state_capital IS '上年结转结余/国有资本经营预算资金 / carry-over of state capital operation budget funds';
COMMENT ON COLUMN published.t02_income_summary.carryover_fiscal_special_account IS '上年结转结余/财政专户管理资金 / carry-over of fiscal special account funds';
COMMENT ON COLUMN published.t02_income_summary.carryover_unit_funds IS '上年结转结余/单位资金 / carry-over of the unit''s own funds';
