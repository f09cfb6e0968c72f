-- Grain: one row per budget year (the previous and the current year) of table 11 “三公”经费支出表, in published order.
-- Rows come from core.fct_three_public_expenses.
-- Derived columns, computed: vehicle_operation_subtotal = vehicle_fuel + vehicle_repair + vehicle_insurance + vehicle_other; vehicle_subtotal = vehicle_purchase + vehicle_operation_subtotal; total = outbound_travel + official_reception + vehicle_subtotal.
CREATE VIEW published.t11_three_public_expenses AS
WITH stored AS (
    SELECT unit_code, fiscal_year, document_version_id, row_no, budget_year, outbound_travel, official_reception, vehicle_purchase, vehicle_fuel, vehicle_repair, vehicle_insurance, vehicle_other
    FROM core.fct_three_public_expenses
)
SELECT unit_code,
       fiscal_year,
       document_version_id,
       row_no,
       budget_year,
       published.amount_sum(outbound_travel, official_reception, published.amount_sum(vehicle_purchase, published.amount_sum(vehicle_fuel, vehicle_repair, vehicle_insurance, vehicle_other))) AS total,
       outbound_travel,
       official_reception,
       published.amount_sum(vehicle_purchase, published.amount_sum(vehicle_fuel, vehicle_repair, vehicle_insurance, vehicle_other)) AS vehicle_subtotal,
       vehicle_purchase,
       published.amount_sum(vehicle_fuel, vehicle_repair, vehicle_insurance, vehicle_other) AS vehicle_operation_subtotal,
       vehicle_fuel,
       vehicle_repair,
       vehicle_insurance,
       vehicle_other
FROM stored;

COMMENT ON VIEW published.t11_three_public_expenses IS
    '预算11表 “三公”经费支出表（合计与小计由事实计算） / table 11 three public expenses, totals computed from facts';
COMMENT ON COLUMN published.t11_three_public_expenses.unit_code IS '单位代码 / unit code of the document';
COMMENT ON COLUMN published.t11_three_public_expenses.fiscal_year IS '预算年度 / fiscal year';
COMMENT ON COLUMN published.t11_three_public_expenses.document_version_id IS '文件版本编号 / document version';
COMMENT ON COLUMN published.t11_three_public_expenses.row_no IS '公开行序 / published row order (合计 last)';
COMMENT ON COLUMN published.t11_three_public_expenses.budget_year IS '年度 / year the row budgets (previous or current)';
COMMENT ON COLUMN published.t11_three_public_expenses.total IS '“三公”经费财政拨款预算总额 / ''three public'' expenses appropriation total (derived)';
COMMENT ON COLUMN published.t11_three_public_expenses.outbound_travel IS '因公出国（境）费用 / official travel abroad';
COMMENT ON COLUMN published.t11_three_public_expenses.official_reception IS '公务接待费 / official reception';
COMMENT ON COLUMN published.t11_three_public_expenses.vehicle_subtotal IS '公务用车购置及运行维护费/小计 / official vehicles, subtotal (derived)';
COMMENT ON COLUMN published.t11_three_public_expenses.vehicle_purchase IS '公务用车购置及运行维护费/公务用车购置费 / official vehicle purchase';
COMMENT ON COLUMN published.t11_three_public_expenses.vehicle_operation_subtotal IS '公务用车购置及运行维护费/公务用车运行维护费/小计 / official vehicle operation, subtotal (derived)';
COMMENT ON COLUMN published.t11_three_public_expenses.vehicle_fuel IS '公务用车购置及运行维护费/公务用车运行维护费/公务用车加油 / official vehicle fuel';
COMMENT ON COLUMN published.t11_three_public_expenses.vehicle_repair IS '公务用车购置及运行维护费/公务用车运行维护费/公务用车维修 / official vehicle repair';
COMMENT ON COLUMN published.t11_three_public_expenses.vehicle_insurance IS '公务用车购置及运行维护费/公务用车运行维护费/公务用车保险 / official vehicle insurance';
COMMENT ON COLUMN published.t11_three_public_expenses.vehicle_other IS '公务用车购置及运行维护费/公务用车运行维护费/其他 / official vehicle, other operation costs';
