-- Rule: x06_02.income
-- Grain: one row per income line of table 06 (item or aggregate) whose amount differs from
-- the appropriation columns of table 02's 合计 row for the same funding source and period.
-- Identity: 06 is the appropriation part of 02: an item (一般公共预算资金 …, 一般公共预算拨款 …)
-- equals the sum of 02's columns of its period (core.dim_summary_line item_group: current |
-- carryover) whose funding source is the item's or lies under it (core.dim_funding_source);
-- an aggregate line (本年收入, 上年结转, 收入总计) equals 02's appropriation columns
-- (funding sources under 'appropriation') of the periods it sums.
-- 02's 合计 row is the sum of its unit rows (department rows are derived, not stored); the
-- mapping of 02's columns is core.dim_published_column, never a list in this file.
-- Blank counts as zero. difference = 06 - 02.
-- The comparison lives in published.check_summary_income (sql/views/00_check_summary_income.sql),
-- shared with x01_02; this file names the table and the aggregate scope.
SELECT 'x06_02.income' AS rule,
       'warning' AS severity,
       c.unit_code, c.fiscal_year, c.message, c.figures, c.difference
FROM published.check_summary_income(CAST(:document_version_id AS bigint), '06', 'appropriation') AS c
