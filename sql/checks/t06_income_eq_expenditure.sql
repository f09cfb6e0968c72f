-- Rule: t06.income_eq_expenditure
-- Grain: one row per document version when the identity fails (none when it holds).
-- Identity: table 06 财政拨款收支预算总表, 收入总计 = 支出总计. The warehouse stores 06's items, not
-- its totals: 收入总计 is the sum of the income items of every group (本年收入 and 上年结转), 支出总计
-- the sum of the expenditure items (function classes and 年终结转结余), as the view
-- published.t06_appropriation_summary computes them from core.dim_summary_line.
-- A line missing from the seed (label_key NULL) is in no total: the loader reports it
-- (load.unmapped_summary_line). Blank counts as zero. difference = 收入总计 - 支出总计.
-- The comparison lives in published.check_summary_balance
-- (sql/views/00_check_summary_balance.sql), shared with t01; this file names the table.
SELECT 't06.income_eq_expenditure' AS rule,
       'warning' AS severity,
       c.unit_code, c.fiscal_year, c.message, c.figures, c.difference
FROM published.check_summary_balance(CAST(:document_version_id AS bigint), '06') AS c
