"""Every rule the validator can report: stable id, severity, what it checks.

This list is data the warehouse imports to implement the same identities as SQL checks
under the same ids; docs/rules.md is the readable copy (a test keeps them in step).
Ids: ``tNN.*`` within table NN, ``xAA_BB.*`` across tables AA and BB, ``doc.*`` the
document's own mistakes, ``parse.*``/``attribution.*`` what the parser could not do.
"""

from __future__ import annotations

from dataclasses import dataclass

from loader.model.records import Severity

E, W, INF = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    description: str


RULES: tuple[Rule, ...] = (
    # --- within a table -------------------------------------------------------------
    Rule("t01.income_current_total", W, "01: 本年收入合计 equals the sum of the numbered income items"),
    Rule("t01.income_grand_total", W, "01: 收入总计 equals 本年收入合计 + 上年结转结余"),
    Rule("t01.income_parent_eq_children", W, "01: an income item with sub-items equals their sum"),
    Rule("t01.expenditure_current_total", W, "01: 本年支出合计 equals the sum of the numbered expenditure items"),
    Rule("t01.expenditure_grand_total", W, "01: 支出总计 equals 本年支出合计 + 年终结转结余"),
    Rule("t01.expenditure_parent_eq_children", W, "01: an expenditure item with sub-items equals their sum"),
    Rule("t01.income_eq_expenditure", W, "01: 收入总计 equals 支出总计"),
    Rule("t06.income_grand_total", W, "06: 收入总计 equals the sum of the top-level income items"),
    Rule("t06.income_parent_eq_children", W, "06: an income item (一、本年收入, 二、上年结转) equals the sum of its sub-items"),
    Rule("t06.expenditure_grand_total", W, "06: 支出总计 equals the sum of the top-level expenditure items"),
    Rule("t06.expenditure_parent_eq_children", W, "06: 一、本年支出 equals the sum of the function classes listed under it"),
    Rule("t06.income_eq_expenditure", W, "06: 收入总计 equals 支出总计"),
    Rule("t02.row_total", W, "02: 合计 equals 本年收入/小计 + 上年结转结余/小计 on every row"),
    Rule("t02.current_subtotal", W, "02: 本年收入/小计 equals the sum of the 本年收入 columns on every row"),
    Rule("t02.carryover_subtotal", W, "02: 上年结转结余/小计 equals the sum of the 上年结转结余 columns on every row"),
    Rule("t02.department_eq_units", W, "02: a department row equals the sum of its units' rows, per column"),
    Rule("t02.column_totals", W, "02: the 合计 row equals the sum of the top-level rows, per column"),
    Rule("t03.row_total", W, "03: 合计 equals 基本支出 + 项目支出 on every row"),
    Rule("t03.of_which_within_total", W, "03: the 其中 columns together do not exceed 合计"),
    Rule("t03.column_totals", W, "03: the 合计 row equals the sum of the rows above it, per column"),
    Rule("t04.row_total", W, "04: 合计 equals the sum of the funding columns on every row"),
    Rule("t04.column_totals", W, "04: the 合计 row equals the sum of the project rows, per column"),
    Rule("t05.column_totals", W, "05: the 合计 row equals the sum of the categories"),
    Rule("t07.row_total", W, "07: 合计 equals 基本支出/小计 + 项目支出/项目支出总数 on every row"),
    Rule("t07.basic_subtotal", W, "07: 基本支出/小计 equals 人员经费 + 公用经费 on every row"),
    Rule("t07.excl_capital_within_project", W, "07: 扣除基建项目后预算数 does not exceed 项目支出总数"),
    Rule("t07.column_totals", W, "07: the 合计 row equals the sum of the rows above it, per column"),
    Rule("t08.row_total", W, "08: 合计 equals 人员经费 + 公用经费 on every row"),
    Rule("t08.column_totals", W, "08: the 合计 row equals the sum of the rows above it, per column"),
    Rule("t09.row_total", W, "09: 合计 equals 基本支出 + 项目支出 on every row"),
    Rule("t09.column_totals", W, "09: the 合计 row equals the sum of the rows above it, per column"),
    Rule("t10.row_total", W, "10: 合计 equals 基本支出 + 项目支出 on every row"),
    Rule("t10.column_totals", W, "10: the 合计 row equals the sum of the rows above it, per column"),
    Rule("t11.row_total", W, "11: 总额 equals 因公出国（境）费用 + 公务接待费 + 公务用车购置及运行维护费/小计"),
    Rule("t11.car_subtotal", W, "11: 公务用车…/小计 equals 公务用车购置费 + 公务用车运行维护费/小计"),
    Rule("t11.car_running_subtotal", W, "11: 公务用车运行维护费/小计 equals 加油 + 维修 + 保险 + 其他"),
    Rule("t12.column_totals", W, "12: the 合计 row equals the sum of the service rows"),
    Rule("t13.project_total", W, "13: 项目总额 equals 财政资金 + 其他资金 for every project"),
    # --- across tables ---------------------------------------------------------------
    Rule("x01_02.income", W, "01's income items equal 02's 合计 row by funding source"),
    Rule("x01_03.expenditure_by_class", W, "01's expenditure per function 类 equals 03's 合计 summed by the first three digits of the function code"),
    Rule("x01_03.expenditure_total", W, "01's 本年支出合计 equals 03's 合计 row"),
    Rule("x06_02.income", W, "06's income items equal the appropriation columns of 02's 合计 row"),
    Rule("x06_07.expenditure_by_class", W, "06's expenditure per 类 equals 07 + 09 + 10 summed per 类"),
    Rule("x03_04.project_by_subjects", W, "03's 项目支出 equals 04's 合计 summed by the same three subjects"),
    Rule("x07_04.project_by_function", W, "07's 项目支出总数 per function subject equals 04's general-budget columns summed per function subject"),
    Rule("x09_04.project_by_subjects", W, "09's 项目支出 equals 04's 政府性基金预算 columns (本年拨款 + 结转结余) summed by the same three subjects"),
    Rule("x10_04.project_by_subjects", W, "10's 项目支出 equals 04's 国有资本经营预算 columns (本年拨款 + 结转结余) summed by the same three subjects"),
    Rule("x07_08.basic_totals", W, "08's 合计 row equals 07's 基本支出 totals (小计, 人员经费, 公用经费)"),
    Rule("x04_13.project_amounts", W, "13's 项目总额 / 财政资金 / 其他资金 of a project equal 04's amounts of that project"),
    Rule("x04_13.project_sets", W, "04 and 13 list the same projects"),
    Rule("x02_04.funding_within_income", W, "04's project spending from a funding source does not exceed 02's income from it"),
    Rule("x11_03.within_subjects", W, "11's current-year amounts do not exceed 03's spending on the matching economic subjects"),
    Rule("x05_03.within_expenditure", W, "05's procurement total does not exceed 03's total expenditure"),
    Rule("x12_07.within_general", W, "12's purchased services total does not exceed 07's total"),
    # --- the document's own mistakes ----------------------------------------------------
    Rule("doc.code_name_mismatch", W, "a code carries different names in different places of the document"),
    Rule("doc.phone_malformed", W, "13: a 项目责任人电话 that is not an 8-digit Beijing number (optionally 010-) or an 11-digit mobile"),
    Rule("doc.cost_indicator_forward", W, "13: a cost indicator (成本指标) marked 正向指标"),
    Rule("doc.indicator_unit_mismatch", W, "13: an indicator unit that cannot fit its value or operator (unit on 定性, non-money unit on a cost, non-% satisfaction)"),
    Rule("doc.indicator_value_not_number", W, "13: a quantitative indicator (＝ ≥ ≤) whose value is not a number"),
    Rule("doc.fiscal_year_conflict", W, "the document's evidence disagrees about the fiscal year; --year chose one of its years"),
    # --- what parsing could not do or had to infer ------------------------------------
    Rule("parse.unrecognized_row", E, "a printed row the template's row pattern does not match; its numbers are not attributed"),
    Rule("parse.amount_unit", E, "a table prints its amounts in a unit other than the template's (万元); they would load in the wrong unit"),
    Rule("parse.amount_unit_missing", W, "a table prints no amount unit; its amounts are read in the template's unit"),
    Rule("parse.indicator_incomplete", W, "13: an indicator whose value/direction line was not found before the next project"),
    Rule("parse.goal_text_differs", W, "13: a project's goal text differs between the pages it is printed on"),
    Rule("parse.project_code_recovered", INF, "13: a project code cut by a page break was completed from the code order of the document"),
    Rule("parse.project_code_fragment", W, "13: a project code cut by a page break could not be completed unambiguously; kept as printed"),
    Rule("attribution.no_assignment", E, "no assignment of a row's numbers to its columns satisfies the identities"),
    Rule("attribution.conflict", E, "the identities across tables admit no common assignment; the one violating fewest was kept"),
    Rule("attribution.prior", INF, "a row's numbers fit several column assignments; the prior picked one, the others are listed"),
)

RULES_BY_ID = {rule.id: rule for rule in RULES}


def rule(rule_id: str) -> Rule:
    """The rule named ``rule_id``; KeyError on an undocumented id (a bug, not a document error)."""
    return RULES_BY_ID[rule_id]
