"""One failing document per SQL check, built from the real sample by changing printed cells.

Each case changes the fewest printed amounts that break its identity and nothing else: totals
within a table move with their parts (``check_mutations.shift``), and where one change would
break a second cross-table identity a compensating change elsewhere keeps that one intact
(said at each case). The expected failing rows come from the identity: their differences are
``±D`` (or the excess chosen over a bound computed from the document), never figures read
off the sample.

``CASES[rule]`` is the case for the check whose header says ``-- Rule: <rule>``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from check_mutations import add_row, set_text, shift, shift_project13, value

from loader.model.records import ParsedDocument
from loader.parse.template import load_template
from loader.schema.seeds import normalise_label, summary_lines
from loader.validate.identities import CellRef, build_relations, code_of, project_name

D = Decimal("1.5")  # the size of every change; any non-zero amount would do


@dataclass(frozen=True)
class FailCase:
    rule: str
    what: str
    build: Callable[[ParsedDocument], tuple[ParsedDocument, list[Decimal]]]
    # Other rule ids the parser's validator states over the same broken cells (same identity
    # seen from another side), allowed beside ``rule`` when comparing with the validator.
    also: frozenset[str] = field(default_factory=frozenset)


# -- finding rows by what they hold (never by a sample's row number) ----------------------

def rows(doc: ParsedDocument, tid: str) -> list[int]:
    return [i for i, r in enumerate(doc.tables[tid].rows) if not r.total]


def total_row(doc: ParsedDocument, tid: str) -> int:
    return next(i for i, r in enumerate(doc.tables[tid].rows) if r.total)


def first(items, what: str):
    for item in items:
        return item
    raise AssertionError(f"the sample has no {what}: this case needs one")


def line(doc: ParsedDocument, tid: str, label_column: str, key: str) -> int:
    """The 01/06 row whose label (numbering and spaces removed) is ``key``."""
    return first((i for i, r in enumerate(doc.tables[tid].rows)
                  if normalise_label(r.cells.get(label_column) or "") == key),
                 f"line {key} in table {tid}")


def class_lines(doc: ParsedDocument, tid: str) -> list[int]:
    """Rows of 01/06 whose expenditure label is a function 类 (per the seed)."""
    classes = {r["label"] for r in summary_lines(doc.identity.template)
               if r["table_id"] == tid and r["function_class_code"]}
    return [i for i, r in enumerate(doc.tables[tid].rows)
            if normalise_label(r.cells.get("支出/项目") or "") in classes]


# -- the cases ---------------------------------------------------------------------------

def _income_eq_expenditure(tid: str):
    def build(doc):
        # 年终结转结余 sits only in 支出总计 and in no cross-table identity.
        r = line(doc, tid, "支出/项目", "年终结转结余")
        return shift(doc, tid, r, "支出/预算数", D), [-D]
    return build


def _of_which(doc):
    r = first((i for i in rows(doc, "03") if value(doc, "03", i, "合计") > 0), "03 row with 合计")
    of_which = sum(value(doc, "03", r, c) for c in
                   ("其中/事业单位经营支出", "其中/上缴上级支出", "其中/对附属单位补助支出"))
    excess = value(doc, "03", r, "合计") - of_which + D
    return shift(doc, "03", r, "其中/事业单位经营支出", excess), [D]


def _excl_capital(doc):
    project, excl = "本年预算数/项目支出/项目支出总数", "本年预算数/项目支出/扣除基建项目后预算数"
    r = first((i for i in rows(doc, "07") if value(doc, "07", i, project) > 0),
              "07 row with project spending")
    return shift(doc, "07", r, excl, value(doc, "07", r, project) - value(doc, "07", r, excl) + D), [D]


def _x01_02(doc):
    # One unit's 事业收入 in 02 grows; 01's 事业收入 line and the two totals over it
    # (本年收入合计, 收入总计) now differ from 02 by -D each.
    r = first((i for i in rows(doc, "02")
               if len(code_of(doc.tables["02"].rows[i].cells.get("部门（单位）代码")) or "") == 6),
              "02 unit row")
    return shift(doc, "02", r, "本年收入/事业收入", D), [-D, -D, -D]


def _x06_02(doc):
    # 06's 一般公共预算资金 grows (so do 一、本年收入 and 收入总计: three lines differ from 02 by
    # D); 06's 年终结转结余 grows too, keeping 06 收入总计 = 支出总计.
    doc = shift(doc, "06", line(doc, "06", "收入/项目", "一般公共预算资金"), "收入/预算数", D)
    doc = shift(doc, "06", line(doc, "06", "支出/项目", "年终结转结余"), "支出/预算数", D)
    return doc, [D, D, D]


def _x01_03(doc):
    # A basic amount of 03 grows: its 类 in 01 is now D short. (05 and 11 are bounded by 03,
    # which only grew.)
    r = first((i for i in rows(doc, "03") if value(doc, "03", i, "基本支出") > 0), "03 basic row")
    return shift(doc, "03", r, "基本支出", D), [-D]


def _x03_04(doc):
    # 03 moves D from a basic amount to a project amount of the same 类: 01 per 类 still
    # agrees, 04 does not. The basic row taken is the largest one (keeps 11's bounds intact).
    t = doc.tables["03"]

    def cls(i):
        return (code_of(t.rows[i].cells.get("支出功能分类科目")) or "")[:3]

    pairs = ((p, max((b for b in rows(doc, "03") if cls(b) == cls(p) and b != p
                      and value(doc, "03", b, "基本支出") >= D),
                     key=lambda b: value(doc, "03", b, "基本支出"), default=None))
             for p in rows(doc, "03") if value(doc, "03", p, "项目支出") > 0)
    p, b = first(((p, b) for p, b in pairs if b is not None), "03 project and basic rows of one 类")
    doc = shift(doc, "03", p, "项目支出", D)
    return shift(doc, "03", b, "基本支出", -D), [D]


def _x07_04(doc):
    # 07 moves D of project spending between two function subjects of one 类 (06 per 类
    # still agrees); 04 did not move, so each subject differs by ±D.
    project, excl = "本年预算数/项目支出/项目支出总数", "本年预算数/项目支出/扣除基建项目后预算数"
    t = doc.tables["07"]
    code = {i: t.rows[i].cells.get("功能分类科目/科目编码") or "" for i in rows(doc, "07")}
    funded = [i for i in rows(doc, "07") if value(doc, "07", i, project) >= D]
    r1, r2 = first(((a, b) for a in funded for b in funded
                    if code[a] != code[b] and code[a][:3] == code[b][:3]),
                   "two 07 rows of one 类 with project spending")
    doc = shift(doc, "07", r1, project, D)
    doc = shift(doc, "07", r2, project, -D)
    if value(doc, "07", r2, excl) > value(doc, "07", r2, project):
        doc = shift(doc, "07", r2, excl, -D)  # keep 扣除基建项目后预算数 ≤ 项目支出总数
    return doc, [D, -D]


def _fund_04(tid: str):
    """09/10 (template fund_04_columns) spend D of project money no 04 project funds."""
    def build(doc):
        # A new row of table ``tid`` spends D of project money on subjects 03 prints; no 04
        # project is funded from that fund there, so the triple differs by +D. So that nothing
        # else breaks, 07 spends D less 人员经费 in the same 类 (06 per 类 = 07 + 09 + 10 still
        # holds) and 08 D less 人员经费 (08's totals = 07's basic totals still hold).
        template = load_template(doc.identity.template)
        (column,) = [c for t, c, _cols in template.identities["fund_04_columns"] if t == tid]
        personnel7, personnel8 = "本年预算数/基本支出/人员经费", "本年预算数/人员经费"
        subjects = ("支出功能分类科目", "政府支出经济分类科目", "部门支出经济分类科目")
        t03, t07 = doc.tables["03"], doc.tables["07"]
        r7, r3 = first(((a, b) for a in rows(doc, "07") if value(doc, "07", a, personnel7) >= D
                        for b in rows(doc, "03")
                        if (code_of(t03.rows[b].cells.get("支出功能分类科目")) or "")[:3]
                        == (code_of(t07.rows[a].cells.get("功能分类科目/科目编码")) or "-")[:3]),
                       "07 row with 人员经费 and an 03 row of its 类")
        r8 = first((i for i in rows(doc, "08") if value(doc, "08", i, personnel8) >= D), "08 row with 人员经费")
        doc, r = add_row(doc, tid, {s: t03.rows[r3].cells[s] for s in subjects})
        doc = shift(doc, tid, r, column, D)
        doc = shift(doc, "07", r7, personnel7, -D)
        return shift(doc, "08", r8, personnel8, -D), [D]
    return build


def _x06_07(doc):
    # 06 moves D from one 类 line to another: its totals hold, 07 + 09 + 10 did not move.
    lines = class_lines(doc, "06")
    src = max(lines, key=lambda i: value(doc, "06", i, "支出/预算数"))
    assert value(doc, "06", src, "支出/预算数") >= D, "06 spends on no 类"
    dst = first((i for i in lines if i != src), "a second 类 line in 06")
    doc = shift(doc, "06", src, "支出/预算数", -D)
    return shift(doc, "06", dst, "支出/预算数", D), [-D, D]


def _x07_08(doc):
    # 08's 人员经费 grows: 08's 合计 row differs from 07's in 合计 and in 人员经费.
    r = first((i for i in rows(doc, "08") if value(doc, "08", i, "本年预算数/人员经费") > 0),
              "08 row with 人员经费")
    return shift(doc, "08", r, "本年预算数/人员经费", D), [D, D]


def _first_project13(doc) -> str:
    return first((r.cells["项目名称"] for r in doc.tables["13"].rows if r.cells.get("项目名称")),
                 "project in 13")


def _x04_13_amounts(doc):
    # 13's 其他资金 of one project grows on all its rows: its 其他资金 and 项目总额 differ from 04.
    return shift_project13(doc, _first_project13(doc), "其中/其他资金", D), [D, D]


def _x04_13_sets(doc):
    # Rename one project in 13: 04's project is missing from 13 (-its 04 合计) and the renamed
    # one is missing from 04 (+its 13 项目总额).
    cell = _first_project13(doc)
    t13 = doc.tables["13"]
    rows13 = [i for i, r in enumerate(t13.rows) if r.cells.get("项目名称") == cell]
    total13 = value(doc, "13", rows13[0], "项目总额")
    name = project_name(cell)
    total04 = sum(value(doc, "04", i, "合计") for i in rows(doc, "04")
                  if project_name(doc.tables["04"].rows[i].cells.get("项目名称")) == name)
    return set_text(doc, "13", rows13, "项目名称", cell + "（更名）"), [-total04, total13]


def _x02_04(doc):
    # A project pays from 财政专户管理资金 what it paid from 单位资金: 04's totals, 13's
    # 其他资金 and every subject sum are unchanged, but 04 now spends D more special-account
    # money than 02 receives.
    t02, t04 = total_row(doc, "02"), total_row(doc, "04")
    income = sum(value(doc, "02", t02, c)
                 for c in ("本年收入/财政专户管理资金", "上年结转结余/财政专户管理资金"))
    move = income - value(doc, "04", t04, "财政专户管理资金") + D
    r = first((i for i in rows(doc, "04") if value(doc, "04", i, "单位资金") >= move),
              "04 row paid from 单位资金")
    doc = shift(doc, "04", r, "单位资金", -move)
    return shift(doc, "04", r, "财政专户管理资金", move), [D]


def _x05_03(doc):
    excess = value(doc, "03", total_row(doc, "03"), "合计") \
        - value(doc, "05", total_row(doc, "05"), "金额") + D
    r = first(rows(doc, "05"), "05 category row")
    return shift(doc, "05", r, "金额", excess), [D]


def _x12_07(doc):
    # 12 holds no row in the sample: add one service bought for more than 07 spends.
    excess = value(doc, "07", total_row(doc, "07"), "本年预算数/合计") \
        - value(doc, "12", total_row(doc, "12"), "预算金额") + D
    doc, r = add_row(doc, "12", {"项目名称": "检查用服务项目"})
    return shift(doc, "12", r, "预算金额", excess), [D]


def _x11_03(doc):
    # Every bounded amount of 11's current-year row (template subject_bounds) exceeds 03's
    # matching subjects by D; a derived bounded column (运行维护费/小计) is raised through its
    # first stored part.
    template = load_template(doc.identity.template)
    spec = template.tables["11"]
    r = first((i for i in rows(doc, "11")
               if code_of(doc.tables["11"].rows[i].cells.get("年度")) == str(doc.identity.fiscal_year)),
              "current-year row in 11")
    bounds = spec.extra["subject_bounds"]
    for column, prefixes in bounds.items():
        bound = sum(value(doc, "03", j, "合计") for j in rows(doc, "03")
                    if (code_of(doc.tables["03"].rows[j].cells.get("部门支出经济分类科目")) or "")
                    .startswith(tuple(prefixes)))
        stored = column
        while stored in spec.derived_columns:  # a 小计: move its first part instead
            rel = next(x for x in build_relations(doc.tables, template, doc.identity.fiscal_year)
                       if x.rule.startswith("t11.") and x.left == (CellRef("11", r, stored),))
            stored = rel.right[0].column
        doc = shift(doc, "11", r, stored, bound - value(doc, "11", r, column) + D)
    return doc, [D] * len(bounds)


CASES: dict[str, FailCase] = {c.rule: c for c in (
    FailCase("t01.income_eq_expenditure", "01 年终结转结余 +D", _income_eq_expenditure("01")),
    FailCase("t06.income_eq_expenditure", "06 年终结转结余 +D", _income_eq_expenditure("06")),
    FailCase("t03.of_which_within_total", "03 其中 above 合计 on one row", _of_which),
    FailCase("t07.excl_capital_within_project", "07 扣除基建 above 项目支出总数", _excl_capital),
    FailCase("x01_02.income", "02 unit 事业收入 +D", _x01_02),
    FailCase("x06_02.income", "06 一般公共预算资金 +D, 年终结转结余 +D", _x06_02),
    FailCase("x01_03.expenditure_by_class", "03 basic +D", _x01_03,
             frozenset({"x01_03.expenditure_total"})),
    FailCase("x03_04.project_by_subjects", "03 basic -> project within a 类", _x03_04),
    FailCase("x07_04.project_by_function", "07 project moved between subjects of a 类", _x07_04),
    FailCase("x09_04.project_by_subjects", "09 project row +D, 07/08 人员经费 -D", _fund_04("09")),
    FailCase("x10_04.project_by_subjects", "10 project row +D, 07/08 人员经费 -D", _fund_04("10")),
    FailCase("x06_07.expenditure_by_class", "06 moved between 类 lines", _x06_07),
    FailCase("x07_08.basic_totals", "08 人员经费 +D", _x07_08),
    FailCase("x04_13.project_amounts", "13 其他资金 of a project +D", _x04_13_amounts),
    FailCase("x04_13.project_sets", "13 project renamed", _x04_13_sets),
    FailCase("x02_04.funding_within_income", "04 单位资金 -> 财政专户管理资金", _x02_04),
    FailCase("x05_03.within_expenditure", "05 above 03 by D", _x05_03),
    FailCase("x12_07.within_general", "12 row above 07 by D", _x12_07),
    FailCase("x11_03.within_subjects", "11 current year above 03 subjects by D", _x11_03),
)}
