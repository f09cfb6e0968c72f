-- Helper for checks, not a view. Grain: one row per funded amount column of table 02 that is
-- filled on some unit row of one document version: the column summed over the unit rows (02's
-- 合计 row; department rows are derived, not stored), with the funding source and period
-- core.dim_published_column gives it. A column blank on every unit row has no row.
-- Used by published.check_summary_income (x01_02, x06_02) and sql/checks/x02_04.
-- The VALUES list only names the stored amount columns (reading each row through to_jsonb
-- was the slow part of those checks); what a column stands for comes from the dimension, and
-- tests/checks/test_column_lists.py holds the list to it.
CREATE FUNCTION published.income02_column_totals(document_version_id bigint)
    RETURNS TABLE (column_path text, funding_source_code text, budget_period text,
                   amount numeric)
    LANGUAGE sql STABLE
BEGIN ATOMIC
SELECT c.column_path, c.funding_source_code, c.budget_period, sum(a.amount)
FROM core.fct_income f
JOIN audit.document_version v ON v.document_version_id = f.document_version_id
    CROSS JOIN LATERAL (VALUES ('current_general_budget', f.current_general_budget),
                               ('current_government_fund', f.current_government_fund),
                               ('current_state_capital', f.current_state_capital),
                               ('current_fiscal_special_account', f.current_fiscal_special_account),
                               ('current_public_institution_income', f.current_public_institution_income),
                               ('current_business_income', f.current_business_income),
                               ('current_superior_subsidy', f.current_superior_subsidy),
                               ('current_subordinate_remittance', f.current_subordinate_remittance),
                               ('current_other_income', f.current_other_income),
                               ('carryover_general_budget', f.carryover_general_budget),
                               ('carryover_government_fund', f.carryover_government_fund),
                               ('carryover_state_capital', f.carryover_state_capital),
                               ('carryover_fiscal_special_account', f.carryover_fiscal_special_account),
                               ('carryover_unit_funds', f.carryover_unit_funds)
                       ) AS a (sql_name, amount)
JOIN core.dim_published_column c
  ON c.template = v.template AND c.table_id = '02' AND c.sql_name = a.sql_name
 AND c.role = 'amount' AND c.funding_source_code IS NOT NULL
WHERE f.document_version_id = income02_column_totals.document_version_id
  AND NOT f.is_department
  AND a.amount IS NOT NULL
GROUP BY 1, 2, 3;
END;

COMMENT ON FUNCTION published.income02_column_totals(bigint) IS
    '02表合计行各有资金来源的金额列 / table 02''s 合计 row per funded amount column, with its funding source and period';
