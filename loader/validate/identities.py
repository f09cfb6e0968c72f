"""The identities of domain.md as linear relations over cells.

``build_relations(tables, template, fiscal_year)`` reads only the text cells and the
``total`` flags of the tables (codes, labels, years): it never reads an amount. So the
same relations serve two stages: the parser's column attribution turns each referenced
cell into a solver expression before any amount has a column, and validation evaluates
them on the finished tables. A relation says ``sum(left) == sum(right)`` (or ``<=``); a
blank or absent cell counts as zero. Each relation carries its ``scope``, stated here where
it is built: ``ROW`` for a row's own sums (the only relations attribution may use as hard
filters of a row's placements), ``ACROSS`` for everything tying rows or tables together.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from loader.model.records import Table
from loader.parse.template import Template  # template data only; parse never imports validate


@dataclass(frozen=True)
class CellRef:
    table: str
    row: int
    column: str


# A relation's scope, stated where it is built (never guessed from which cells it
# happens to reach): ROW relations hold among one printed row's own cells (合计 = 基本 +
# 项目 on that row), so column attribution may use them as hard filters of that row's
# placements. ACROSS relations tie rows or tables together (column totals, 03 vs 04 by
# subjects…); they may be the identity the document breaks, and an ACROSS relation whose
# other side is empty still reaches one row only, so attribution treats them softly.
ROW = "row"
ACROSS = "across"


@dataclass(frozen=True)
class Relation:
    rule: str
    left: tuple[CellRef, ...]
    right: tuple[CellRef, ...]
    op: str  # "==" or "<="
    label: str  # what is compared, readable: "03 row 4 (2240150…): 合计 = 基本支出 + 项目支出"
    table: str | None = None  # where a finding points
    row: int | None = None
    column: str | None = None
    scope: str = ACROSS  # ROW or ACROSS (see above); the builder states it for every relation


_CODE = re.compile(r"\s*([0-9]+)")
_NUMBERED = re.compile(r"^(?:([一二三四五六七八九十]+)、|（([一二三四五六七八九十]+)）)")
_CN = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}


def code_of(text: str | None) -> str | None:
    """Leading digits of a printed code cell (``"2240109 -应急管理"`` -> ``"2240109"``)."""
    if not text:
        return None
    m = _CODE.match(text)
    return m.group(1) if m else None


def chinese_number(text: str) -> int:
    """一 -> 1, 十 -> 10, 十一 -> 11, 二十三 -> 23, 三十 -> 30."""
    if "十" not in text:
        return _CN[text]
    tens, _, ones = text.partition("十")
    return (_CN[tens] if tens else 1) * 10 + (_CN[ones] if ones else 0)


def strip_numbering(label: str) -> tuple[int | None, str]:
    """``"二十三、灾害…支出"`` -> (23, ``"灾害…支出"``); unnumbered -> (None, label)."""
    m = _NUMBERED.match(label)
    if not m:
        return None, label.strip()
    return chinese_number(m.group(1) or m.group(2)), label[m.end():].strip()


def project_name(cell: str | None) -> str | None:
    """The name part of 13's ``code-name`` cell, or 04's name; whitespace removed."""
    if not cell:
        return None
    m = re.match(r"^\s*[0-9A-Z]*\d\s*-", cell)
    name = cell[m.end():] if m else cell
    return re.sub(r"\s+", "", name)


class _Builder:
    def __init__(self, tables: Mapping[str, Table], template: Template, fiscal_year: int | None):
        self.tables = tables
        self.template = template
        self.year = fiscal_year
        self.out: list[Relation] = []

    # -- helpers -------------------------------------------------------------------
    def rows(self, tid: str) -> list[int]:
        t = self.tables.get(tid)
        return [i for i, r in enumerate(t.rows) if not r.total] if t else []

    def total_row(self, tid: str) -> int | None:
        t = self.tables.get(tid)
        if not t:
            return None
        totals = [i for i, r in enumerate(t.rows) if r.total]
        return totals[-1] if totals else None

    def cell(self, tid: str, row: int, column: str) -> str | None:
        return self.tables[tid].rows[row].cells.get(column)

    def describe(self, tid: str, row: int) -> str:
        r = self.tables[tid].rows[row]
        if r.total:
            return f"{tid} 合计 row"
        first = next((r.cells[c] for c in self.tables[tid].columns if c in r.cells), "")
        return f"{tid} row {row} ({first})"

    def add(self, rule, left, right, op, label, table=None, row=None, column=None, *, scope):
        refs = (*left, *right)
        if scope == ROW and len({(r.table, r.row) for r in refs}) > 1:
            raise ValueError(f"{rule}: a within-row relation reaches several rows ({label})")
        self.out.append(Relation(rule, tuple(left), tuple(right), op, label, table, row, column, scope))

    # -- within-table shapes -----------------------------------------------------------
    def row_sums(self, tid: str, rule: str, total: str, parts: Iterable[str], op: str = "=="):
        parts = tuple(parts)
        t = self.tables.get(tid)
        if not t:
            return
        for i in range(len(t.rows)):
            self.add(
                rule, [CellRef(tid, i, total)], [CellRef(tid, i, p) for p in parts], op,
                f"{self.describe(tid, i)}: {total} {'=' if op == '==' else '≤'} {' + '.join(parts)}",
                tid, i, total, scope=ROW)

    def column_totals(self, tid: str, rule: str, members: list[int] | None = None):
        total = self.total_row(tid)
        if total is None:
            return
        members = self.rows(tid) if members is None else members
        for column in self.template.tables[tid].amount_columns:
            self.add(
                rule, [CellRef(tid, total, column)], [CellRef(tid, i, column) for i in members],
                "==", f"{tid} 合计 row {column} = sum of {len(members)} rows", tid, total, column, scope=ACROSS)

    # -- the tables ---------------------------------------------------------------------
    def build(self) -> list[Relation]:
        self.two_lists("01")
        self.two_lists("06")
        self.table02()
        self.row_sums("03", "t03.row_total", "合计", ["基本支出", "项目支出"])
        self.of_which("03")
        self.column_totals("03", "t03.column_totals")
        amounts04 = self.template.tables["04"].amount_columns
        self.row_sums("04", "t04.row_total", "合计", amounts04[1:])
        self.column_totals("04", "t04.column_totals")
        self.column_totals("05", "t05.column_totals")
        self.row_sums("07", "t07.row_total", "本年预算数/合计",
                      ["本年预算数/基本支出/小计", "本年预算数/项目支出/项目支出总数"])
        self.row_sums("07", "t07.basic_subtotal", "本年预算数/基本支出/小计",
                      ["本年预算数/基本支出/人员经费", "本年预算数/基本支出/公用经费"])
        self.row_sums("07", "t07.excl_capital_within_project",
                      "本年预算数/项目支出/扣除基建项目后预算数",
                      ["本年预算数/项目支出/项目支出总数"], "<=")
        self.column_totals("07", "t07.column_totals")
        self.row_sums("08", "t08.row_total", "本年预算数/合计", ["本年预算数/人员经费", "本年预算数/公用经费"])
        self.column_totals("08", "t08.column_totals")
        for tid in ("09", "10"):
            cols = self.template.tables[tid].amount_columns
            self.row_sums(tid, f"t{tid}.row_total", cols[0], cols[1:])
            self.column_totals(tid, f"t{tid}.column_totals")
        c11 = self.template.tables["11"].amount_columns
        self.row_sums("11", "t11.row_total", c11[0], c11[1:4])
        self.row_sums("11", "t11.car_subtotal", c11[3], c11[4:6])
        self.row_sums("11", "t11.car_running_subtotal", c11[5], c11[6:])
        self.column_totals("12", "t12.column_totals")
        self.table13()
        self.cross()
        return self.out

    def of_which(self, tid: str):
        cols = [c for c in self.template.tables[tid].amount_columns if c.startswith("其中/")]
        t = self.tables.get(tid)
        if not t or not cols:
            return
        for i in range(len(t.rows)):
            self.add("t03.of_which_within_total", [CellRef(tid, i, c) for c in cols],
                     [CellRef(tid, i, "合计")], "<=",
                     f"{self.describe(tid, i)}: {' + '.join(cols)} ≤ 合计", tid, i, "合计", scope=ROW)

    def table02(self):
        tid = "02"
        t = self.tables.get(tid)
        if not t:
            return
        cols = self.template.tables[tid].amount_columns
        current = [c for c in cols if c.startswith("本年收入/") and not c.endswith("/小计")]
        carry = [c for c in cols if c.startswith("上年结转结余/") and not c.endswith("/小计")]
        self.row_sums(tid, "t02.row_total", "合计", ["本年收入/小计", "上年结转结余/小计"])
        self.row_sums(tid, "t02.current_subtotal", "本年收入/小计", current)
        self.row_sums(tid, "t02.carryover_subtotal", "上年结转结余/小计", carry)
        codes = {i: code_of(self.cell(tid, i, "部门（单位）代码")) for i in self.rows(tid)}
        children: dict[int, list[int]] = defaultdict(list)
        top = []
        for i, c in codes.items():
            parents = [j for j, p in codes.items() if j != i and c and p and c != p and c.startswith(p)]
            if parents:
                children[max(parents, key=lambda j: len(codes[j]))].append(i)
            else:
                top.append(i)
        for parent, kids in children.items():
            for column in cols:
                self.add("t02.department_eq_units", [CellRef(tid, parent, column)],
                         [CellRef(tid, k, column) for k in kids], "==",
                         f"{self.describe(tid, parent)} {column} = sum of its {len(kids)} units",
                         tid, parent, column, scope=ACROSS)
        self.column_totals(tid, "t02.column_totals", top)

    # -- 01 and 06: two side-by-side lists ---------------------------------------------
    def list_items(self, tid: str, side: str) -> list[tuple[int, str, int | None, str]]:
        """(row, label, number, stripped label) of one side, in printed order."""
        col = "收入/项目" if side == "left" else "支出/项目"
        t = self.tables.get(tid)
        out = []
        for i, r in enumerate(t.rows if t else ()):
            label = r.cells.get(col)
            if label:
                n, bare = strip_numbering(label)
                out.append((i, label, n, bare))
        return out

    @staticmethod
    def nest(items):
        """Nest numbered items: a list restarting at 一 is a sub-list of the item before it.

        Returns {parent row: [child rows]} and the top-level numbered rows. An item
        numbered n joins the innermost open list whose last number is n-1.
        """
        stack: list[list] = []  # each: [last number, parent row or None, members]
        children: dict[int, list[int]] = defaultdict(list)
        last_row = None
        for row, _label, n, _bare in items:
            if n is None:
                continue
            placed = False
            if n == 1 and stack and last_row is not None:
                stack.append([1, last_row, [row]])
                placed = True
            else:
                for depth in range(len(stack) - 1, -1, -1):
                    if stack[depth][0] == n - 1:
                        del stack[depth + 1:]
                        stack[depth][0] = n
                        stack[depth][2].append(row)
                        placed = True
                        break
            if not placed:
                stack = [[n, None, [row]]]
            if stack[-1][1] is not None and row in stack[-1][2]:
                children[stack[-1][1]].append(row)
            last_row = row
        nested = {r for kids in children.values() for r in kids}
        top = [row for row, _l, n, _b in items if n is not None and row not in nested]
        return children, top

    def two_lists(self, tid: str):
        t = self.tables.get(tid)
        if not t:
            return
        lists = self.template.tables[tid].extra.get("lists", {})
        grand = {}
        for side, name in (("left", "income"), ("right", "expenditure")):
            amount = "收入/预算数" if side == "left" else "支出/预算数"
            items = self.list_items(tid, side)
            children, top = self.nest(items)
            for parent, kids in children.items():
                self.add(f"t{tid}.{name}_parent_eq_children", [CellRef(tid, parent, amount)],
                         [CellRef(tid, k, amount) for k in kids], "==",
                         f"{tid} {self.cell(tid, parent, amount[:2] + '/项目')} = sum of its {len(kids)} sub-items",
                         tid, parent, amount, scope=ACROSS)
            roles = lists.get(side, {})

            def find(role, roles=roles, items=items):
                pattern = roles.get(role)
                if not pattern:
                    return None
                hits = [row for row, _l, _n, bare in items if re.search(pattern, bare)]
                return hits[0] if hits else None

            current, carry, total = find("current_total"), find("carryover"), find("grand_total")
            if current is not None:
                self.add(f"t{tid}.{name}_current_total", [CellRef(tid, current, amount)], [CellRef(tid, r, amount) for r in top], "==",
                         f"{tid} {self.cell(tid, current, amount[:2] + '/项目')} = sum of {len(top)} items",
                         tid, current, amount, scope=ACROSS)
                parts = [current] + ([carry] if carry is not None else [])
            else:
                parts = top
            if total is not None:
                self.add(f"t{tid}.{name}_grand_total", [CellRef(tid, total, amount)], [CellRef(tid, r, amount) for r in parts], "==",
                         f"{tid} {self.cell(tid, total, amount[:2] + '/项目')} = sum of {len(parts)} items",
                         tid, total, amount, scope=ACROSS)
                grand[side] = total
        if len(grand) == 2:
            self.add(f"t{tid}.income_eq_expenditure", [CellRef(tid, grand["left"], "收入/预算数")],
                     [CellRef(tid, grand["right"], "支出/预算数")], "==",
                     f"{tid} 收入总计 = 支出总计", tid, grand["left"], "收入/预算数", scope=ACROSS)

    def class_rows(self, tid: str) -> dict[str, list[int]]:
        """Function 类 code -> rows of the expenditure side of 01/06 printing that 类."""
        by_label = {label: code for code, label in self.template.function_classes.items()}
        out: dict[str, list[int]] = defaultdict(list)
        for row, _label, _n, bare in self.list_items(tid, "right"):
            if bare in by_label:
                out[by_label[bare]].append(row)
        return out

    # -- 13 -----------------------------------------------------------------------------
    def projects13(self) -> dict[str, int]:
        """Project name -> first row of table 13 printing it."""
        t = self.tables.get("13")
        out: dict[str, int] = {}
        for i, r in enumerate(t.rows if t else ()):
            name = project_name(r.cells.get("项目名称"))
            if name and name not in out:
                out[name] = i
        return out

    def table13(self):
        for name, i in self.projects13().items():
            self.add("t13.project_total", [CellRef("13", i, "项目总额")],
                     [CellRef("13", i, "其中/财政资金"), CellRef("13", i, "其中/其他资金")], "==",
                     f"13 project {name}: 项目总额 = 财政资金 + 其他资金", "13", i, "项目总额", scope=ROW)

    # -- across tables ---------------------------------------------------------------------
    SUBJECTS = ("支出功能分类科目", "政府支出经济分类科目", "部门支出经济分类科目")

    def project_by_subjects(self, rule: str, tid: str, column: str, cols04: list[str], what04: str):
        """``tid``'s ``column`` = 04's ``cols04`` summed, per triple of subject codes.

        Both directions: a triple only one table prints is a relation too (its other side
        empty, i.e. zero), so a project on subjects the table does not print pins the table's
        share to zero and the other way round. Unreadable codes compare as None with None.
        """
        if tid not in self.tables or "04" not in self.tables:
            return

        def key(t, i):
            return tuple(code_of(self.cell(t, i, s)) for s in self.SUBJECTS)

        left: dict[tuple, list[CellRef]] = defaultdict(list)
        right: dict[tuple, list[CellRef]] = defaultdict(list)
        for i in self.rows(tid):
            left[key(tid, i)].append(CellRef(tid, i, column))
        for i in self.rows("04"):
            right[key("04", i)].extend(CellRef("04", i, c) for c in cols04)
        for k in sorted(set(left) | set(right), key=lambda k: tuple(x or "" for x in k)):
            first = left[k][0].row if left.get(k) else None
            self.add(rule, left.get(k, []), right.get(k, []), "==",
                     f"{tid} {column} of {'/'.join(x or '?' for x in k)} = {what04} of the same subjects",
                     tid, first, column, scope=ACROSS)

    def sum_by(self, tid: str, key_col: str, width: int, column: str) -> dict[str, list[CellRef]]:
        out: dict[str, list[CellRef]] = defaultdict(list)
        for i in self.rows(tid):
            c = code_of(self.cell(tid, i, key_col))
            if c:
                out[c[:width]].append(CellRef(tid, i, column))
        return out

    def cross(self):
        ids = self.template.identities
        t02 = self.total_row("02")
        # 01 / 06 income against 02's 合计 row.
        for tid, key, rule in (("01", "income_01_to_02", "x01_02.income"),
                               ("06", "income_06_to_02", "x06_02.income")):
            if tid not in self.tables or t02 is None:
                continue
            mapping = {label: cols for label, cols in ids.get(key, [])}
            for row, label, _n, bare in self.list_items(tid, "left"):
                if bare in mapping:
                    self.add(rule, [CellRef(tid, row, "收入/预算数")],
                             [CellRef("02", t02, c) for c in mapping[bare]], "==",
                             f"{tid} {label} = 02 合计 row {' + '.join(mapping[bare])}", tid, row, "收入/预算数", scope=ACROSS)
        # 01 expenditure per 类 = 03 by function class.
        if "01" in self.tables and "03" in self.tables:
            by01 = self.class_rows("01")
            by03 = self.sum_by("03", "支出功能分类科目", 3, "合计")
            for code in sorted(set(by01) | set(by03)):
                rows = by01.get(code, [])
                self.add("x01_03.expenditure_by_class", [CellRef("01", r, "支出/预算数") for r in rows],
                         by03.get(code, []), "==",
                         f"01 {self.template.function_classes.get(code, code)} = 03 合计 of functions {code}*",
                         "01", rows[0] if rows else None, "支出/预算数", scope=ACROSS)
            current = [row for row, _l, _n, bare in self.list_items("01", "right")
                       if re.search(self.template.tables["01"].extra.get("lists", {}).get("right", {}).get("current_total", "^$"), bare)]
            t03 = self.total_row("03")
            if current and t03 is not None:
                self.add("x01_03.expenditure_total", [CellRef("01", current[0], "支出/预算数")],
                         [CellRef("03", t03, "合计")], "==", "01 本年支出合计 = 03 合计 row 合计",
                         "01", current[0], "支出/预算数", scope=ACROSS)
        # 06 expenditure per 类 = 07 + 09 + 10 per 类.
        if "06" in self.tables:
            by06 = self.class_rows("06")
            right: dict[str, list[CellRef]] = defaultdict(list)
            for tid, key, col in (("07", "功能分类科目/科目编码", "本年预算数/合计"),
                                  ("09", "支出功能分类科目", "本年预算数/合计"),
                                  ("10", "支出功能分类科目", "本年国有资本经营预算支出/合计")):
                if tid in self.tables:
                    for code, refs in self.sum_by(tid, key, 3, col).items():
                        right[code].extend(refs)
            for code in sorted(set(by06) | set(right)):
                rows = by06.get(code, [])
                self.add("x06_07.expenditure_by_class", [CellRef("06", r, "支出/预算数") for r in rows],
                         right.get(code, []), "==",
                         f"06 {self.template.function_classes.get(code, code)} = 07+09+10 合计 of functions {code}*",
                         "06", rows[0] if rows else None, "支出/预算数", scope=ACROSS)
        # 03 项目支出 = 04 合计 by the three subjects.
        self.project_by_subjects("x03_04.project_by_subjects", "03", "项目支出", ["合计"],
                                 "04 合计")
        # 09 / 10 项目支出 = 04's columns of the same fund by the three subjects (template
        # fund_04_columns): 09/10 are that fund's appropriation spending, as 07 is the
        # general budget's, and every project is booked on its three subjects in 04.
        for tid, column, cols04 in ids.get("fund_04_columns", []):
            self.project_by_subjects(f"x{tid}_04.project_by_subjects", tid, column, cols04,
                                     f"04 {' + '.join(cols04)}")
        # 07 项目支出总数 per function = 04 general-budget columns per function.
        if "07" in self.tables and "04" in self.tables:
            left7 = self.sum_by("07", "功能分类科目/科目编码", 7, "本年预算数/项目支出/项目支出总数")
            right7: dict[str, list[CellRef]] = defaultdict(list)
            for col in ids.get("general_04_columns", []):
                for code, refs in self.sum_by("04", "支出功能分类科目", 7, col).items():
                    right7[code].extend(refs)
            for code in sorted(set(left7) | set(right7)):
                self.add("x07_04.project_by_function", left7.get(code, []), right7.get(code, []), "==",
                         f"07 项目支出总数 of {code} = 04 general-budget project amounts of {code}",
                         "07", left7[code][0].row if left7.get(code) else None,
                         "本年预算数/项目支出/项目支出总数", scope=ACROSS)
        # 08 合计 row = 07's basic totals.
        t07, t08 = self.total_row("07"), self.total_row("08")
        if t07 is not None and t08 is not None:
            for c8, c7 in (("本年预算数/合计", "本年预算数/基本支出/小计"),
                           ("本年预算数/人员经费", "本年预算数/基本支出/人员经费"),
                           ("本年预算数/公用经费", "本年预算数/基本支出/公用经费")):
                self.add("x07_08.basic_totals", [CellRef("08", t08, c8)], [CellRef("07", t07, c7)], "==",
                         f"08 合计 row {c8} = 07 合计 row {c7}", "08", t08, c8, scope=ACROSS)
        # 13 project money = 04's.
        if "13" in self.tables and "04" in self.tables:
            rows04: dict[str, list[int]] = defaultdict(list)
            for i in self.rows("04"):
                name = project_name(self.cell("04", i, "项目名称"))
                if name:
                    rows04[name].append(i)
            for name, i13 in self.projects13().items():
                if name not in rows04:
                    continue  # reported by x04_13.project_sets
                for c13, c04s in ids.get("project_13_from_04", []):
                    self.add("x04_13.project_amounts", [CellRef("13", i13, c13)],
                             [CellRef("04", i, c) for i in rows04[name] for c in c04s], "==",
                             f"13 {name} {c13} = 04 {' + '.join(c04s)}", "13", i13, c13, scope=ACROSS)
        # Spending by source within income by source.
        t04 = self.total_row("04")
        if t02 is not None and "04" in self.tables:
            for c04s, c02s in ids.get("funding_04_within_02", []):
                self.add("x02_04.funding_within_income",
                         [CellRef("04", i, c) for i in self.rows("04") for c in c04s],
                         [CellRef("02", t02, c) for c in c02s], "<=",
                         f"04 {' + '.join(c04s)} ≤ 02 {' + '.join(c02s)}", "04", t04, c04s[0], scope=ACROSS)
        # 三公 of the current year within 03's matching subjects.
        bounds = self.template.tables["11"].extra.get("subject_bounds", {})
        if "11" in self.tables and "03" in self.tables and self.year is not None:
            for i in self.rows("11"):
                if code_of(self.cell("11", i, "年度")) != str(self.year):
                    continue
                for column, prefixes in bounds.items():
                    refs = [CellRef("03", j, "合计") for j in self.rows("03")
                            if any((code_of(self.cell("03", j, "部门支出经济分类科目")) or "").startswith(p)
                                   for p in prefixes)]
                    self.add("x11_03.within_subjects", [CellRef("11", i, column)], refs, "<=",
                             f"11 {self.year} {column} ≤ 03 合计 of subjects {'/'.join(prefixes)}*",
                             "11", i, column, scope=ACROSS)
        t03, t05, t12 = self.total_row("03"), self.total_row("05"), self.total_row("12")
        if t05 is not None and t03 is not None:
            self.add("x05_03.within_expenditure", [CellRef("05", t05, "金额")], [CellRef("03", t03, "合计")],
                     "<=", "05 合计 ≤ 03 合计", "05", t05, "金额", scope=ACROSS)
        if t12 is not None and t07 is not None:
            self.add("x12_07.within_general", [CellRef("12", t12, "预算金额")],
                     [CellRef("07", t07, "本年预算数/合计")], "<=", "12 合计 ≤ 07 合计", "12", t12, "预算金额", scope=ACROSS)


def build_relations(tables: Mapping[str, Table], template: Template,
                    fiscal_year: int | None) -> list[Relation]:
    """All relations of the template's identities over ``tables`` (see module docstring)."""
    return _Builder(tables, template, fiscal_year).build()
