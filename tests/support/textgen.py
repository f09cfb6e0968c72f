"""Print a ParsedDocument as a text export in the real sample's format (test support).

``render_text(doc, layout=Layout()) -> str`` is the inverse of the text parser: what a PDF
text extractor prints for a Beijing budget (``042008-2022-unit-budget.txt`` is the model).

What is printed, per table (as the sample prints it):

- the title as the document printed it (``Table.title``), ``金额单位：万元``, the table's header
  block (copied from the sample: column headings wrapped by column width), then one row per
  line with a blank line between rows, and three blank lines before the next title;
- tabular rows: the text cells in the template's ``row_fields`` order, then the amounts in
  column order with blank cells dropped (the export prints no placeholder); a 合计 row prints
  ``合    计`` (``合  计`` in 04 and 05) and its amounts; table 11's rows end with a space;
- a 04 project name wider than ``Layout.name_width`` wraps the way the sample's does: unit
  and type on the first line, the name over the next lines, subjects and amounts last;
- 01 and 06: each row is one line holding its income item and its expenditure item, each
  label followed by its amount when not blank;
- table 13: a project is its unit cell (at the top of the table, after a page break printed
  as three blank lines, and whenever the unit changes), its ``code-name`` cell wrapped at
  ``project_width`` (the 21-character code fills the first line with 19), the line
  ``category person phone amounts``, the goal wrapped at ``text_width`` (a blank line every
  ``blank_every`` lines, as the extractor prints them), then one block per indicator. An
  indicator whose texts fit prints on one line (``产出指标 数量指标 次数 ＝ 3 期 正向指标``);
  otherwise ``一级 二级`` (二级 wrapped under a lone 一级 when too wide), the 三级 text wrapped,
  a blank line and ``op value [unit] direction``.
- ``Layout.breaks`` puts page breaks into table 13, before indicator k of project p:
  ``"blank"`` is three blank lines and the merged cells printed again (unit, project cell,
  category line, goal); ``"indent"`` is the next line printed with a leading space and no
  unit. At k > 0 the project continues (its cells reprinted, as the PDF reprints merged
  cells); at k == 0 a project starts on the new page, and with p in ``Layout.cut`` its
  code's first line is lost (``" 43-应急研究院…"``), as in the sample.
- ``Layout.rows_per_page`` reprints the header block after that many rows of a tabular or
  two-list table (a page break; the parser drops the repeat).

Text is wrapped by display width (CJK characters count two) and never next to a space, so
joining the lines again (the parser removes line breaks) gives the cell back.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from loader.model.records import ParsedDocument, Row, Table
from loader.parse.template import Template, load_template

# Header blocks as the sample prints them between 金额单位 and the first row.
HEADERS = {
    "01": "收    入 支    出\n\n项    目 预算数 项    目 预算数",
    "02": "部门（单位）\n代码\n\n部门（单位）名称 合计\n\n本年收入 上年结转结余\n\n小计\n一般公共预算资\n\n金\n"
          "政府性基金预算\n\n资金\n国有资本经营预\n\n算资金\n财政专户管理资\n\n金\n事业收入\n\n事业单位经营收\n入\n\n"
          "上级补助收入\n附属单位上缴收\n\n入\n其他收入 小计\n\n一般公共预算资\n金\n\n政府性基金预算\n资金\n\n"
          "国有资本经营预\n算资金\n\n财政专户管理资\n金\n\n单位资金",
    "03": "支出功能分类科目 政府支出经济分类科目 部门支出经济分类科目 合计 基本支出 项目支出\n\n其中\n\n"
          "事业单位经营支\n出\n\n上缴上级支出\n对附属单位补助\n\n支出",
    "04": "项目单位 类型 项目名称 支出功能分类科目 政府支出经济分类科目 部门支出经济分类科目 合计\n\n"
          "本年拨款 财政拨款结转结余\n财政专户管理资\n\n金\n单位资金\n\n一般公共预算 政府性基金预算\n国有资本经营预\n\n"
          "算\n一般公共预算 政府性基金预算\n\n国有资本经营预\n算",
    "05": "采购类别 金额",
    "06": "收    入 支    出\n\n项    目 预算数 项    目 预算数",
    "07": "单位名称\n\n功能分类科目 本年预算数\n\n科目编码 科目名称 合计\n\n基本支出 项目支出\n\n"
          "小计 人员经费 公用经费 项目支出总数\n扣除基建项目后预算\n\n数",
    "08": "政府支出经济分类科目 部门支出经济分类科目\n本年预算数\n\n合计 人员经费 公用经费",
    "09": "支出功能分类科目 政府支出经济分类科目 部门支出经济分类科目\n本年预算数\n\n合计 基本支出 项目支出",
    "10": "支出功能分类科目 政府支出经济分类科目 部门支出经济分类科目\n本年国有资本经营预算支出\n\n"
          "合计 基本支出 项目支出",
    "11": "年度\n“三公”经费财政拨\n\n款预算总额\n因公出国（境）费用 公务接待费\n\n公务用车购置及运行维护费\n\n"
          "公务用车购置费\n公务用车运行维护费\n\n小计 公务用车加油 公务用车维修 公务用车保险 其他 ",
    "12": "项目名称\n指导性目录\n\n服务领域 预算金额\n一级 二级 三级",
    "13": "单位名称 项目名称 项目类别 项目责任人\n项目责任人电\n\n话\n项目总额\n\n其中：\n"
          "绩效目标 一级指标 二级指标 三级指标 绩效指标性质 本年绩效指标值 绩效度量单位 指标方向性\n\n财政资金 其他资金",
}
TOTAL_LABEL = {"04": "合  计", "05": "合  计"}  # the others print 合    计
TRAILING_SPACE = {"11"}  # the sample prints table 11's rows with a trailing space


@dataclass(frozen=True)
class Layout:
    """Knobs of the printed form; the defaults are the sample's widths, no page breaks."""

    name_width: int = 46  # 04 项目名称 column (display width)
    unit_width: int = 18  # 13 单位名称 column
    project_width: int = 19  # 13 项目名称 column: the code's first 19 characters fill a line
    text_width: int = 14  # 13 goal, 二级 and 三级 columns
    blank_every: int = 7  # 13: blank line after this many lines of one wrapped cell (0: never)
    breaks: Mapping[tuple[int, int], str] = field(default_factory=dict)  # (project, indicator) -> kind
    cut: frozenset[int] = frozenset()  # projects whose code's first line a break before them loses
    rows_per_page: int | None = None  # tabular and two-list tables: header again after this many rows


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, limit: int) -> list[str]:
    """Greedy lines of at most ``limit`` display width, never broken beside a space."""
    lines: list[str] = []
    rest = text
    while width(rest) > limit:
        cut, w = 0, 0
        while cut < len(rest) and w + width(rest[cut]) <= limit:
            w += width(rest[cut])
            cut += 1
        cut = max(cut, 1)
        k = cut
        while k > 1 and (rest[k - 1] == " " or rest[k] == " "):
            k -= 1  # the parser strips lines: a space at either side of a break would be lost
        if rest[k - 1] == " " or rest[k] == " ":
            k = cut  # no better place; extremely narrow column
        lines.append(rest[:k])
        rest = rest[k:]
    lines.append(rest)
    return lines


def _blanked(lines: list[str], every: int) -> list[str]:
    """The wrapped lines with a blank line after every ``every`` (never after the last)."""
    if not every:
        return lines
    out = []
    for i, line in enumerate(lines, start=1):
        out.append(line)
        if i % every == 0 and i < len(lines):
            out.append("")
    return out


def _amounts(row: Row, columns: tuple[str, ...]) -> list[str]:
    return [row.cells[c] for c in columns if row.cells.get(c)]


class _Printer:
    def __init__(self, doc: ParsedDocument, layout: Layout, template: Template):
        self.doc, self.layout, self.template = doc, layout, template
        self.out: list[str] = [""]

    def emit(self, *lines: str) -> None:
        self.out.extend(lines)

    def table_head(self, table: Table) -> None:
        self.emit(table.title, "", f"金额单位：{table.unit or self.template.amount_unit}", "")
        self.emit(*HEADERS[table.id].split("\n"), "")

    # -- tabular and two-list tables ---------------------------------------------------
    def row_lines(self, tid: str, row: Row) -> list[str]:
        spec = self.template.tables[tid]
        amounts = _amounts(row, spec.amount_columns)
        tail = " " if tid in TRAILING_SPACE else ""
        if spec.row_kind == "two_lists":
            words = []
            for side in ("收入", "支出"):
                if row.cells.get(f"{side}/项目"):
                    words.append(row.cells[f"{side}/项目"])
                    if row.cells.get(f"{side}/预算数"):
                        words.append(row.cells[f"{side}/预算数"])
            return [" ".join(words)]
        if row.total:
            return [" ".join([TOTAL_LABEL.get(tid, "合    计"), *amounts]) + tail]
        texts = [row.cells[f] for f in spec.row_fields if row.cells.get(f)]
        if tid == "04" and width(row.cells.get("项目名称", "")) > self.layout.name_width:
            head = [row.cells[f] for f in ("项目单位", "类型") if row.cells.get(f)]
            rest = [row.cells[f] for f in spec.row_fields[3:] if row.cells.get(f)]
            name = wrap(row.cells["项目名称"], self.layout.name_width)
            # As the sample: the wrapped name's last line after a blank one.
            return [" ".join(head), *name[:-1], "", name[-1], " ".join(rest + amounts)]
        return [" ".join(texts + amounts) + tail]

    def tabular(self, table: Table) -> None:
        per_page = self.layout.rows_per_page
        for i, row in enumerate(table.rows):
            if per_page and i and i % per_page == 0:
                self.emit("", "", "", *HEADERS[table.id].split("\n"), "")  # a page break
            self.emit(*self.row_lines(table.id, row), "")

    # -- table 13 ------------------------------------------------------------------------
    def projects(self, table: Table) -> list[list[Row]]:
        groups: list[list[Row]] = []
        for row in table.rows:
            key = (row.cells.get("单位名称"), row.cells.get("项目名称"))
            if groups and (groups[-1][0].cells.get("单位名称"), groups[-1][0].cells.get("项目名称")) == key:
                groups[-1].append(row)
            else:
                groups.append([row])
        return groups

    def project_head(self, first: Row, with_unit: bool, indent: bool, cut: bool) -> None:
        lay = self.layout
        lines: list[str] = []
        if with_unit and first.cells.get("单位名称"):
            lines += wrap(first.cells["单位名称"], lay.unit_width) + [""]
        cell = wrap(first.cells.get("项目名称", ""), lay.project_width)
        if cut:
            code = cell[0]
            assert len(cell) > 1 and code.isalnum(), f"a cut needs a code-only first line: {cell[0]!r}"
            cell = cell[1:]
        lines += cell + [""]
        spec = self.template.tables["13"]
        words = [first.cells.get(c, "") for c in ("项目类别", "项目责任人", "项目责任人电话")]
        lines += [" ".join(w for w in words if w) + "".join(
            " " + a for a in _amounts(first, spec.amount_columns)), ""]
        if first.cells.get("绩效目标"):
            lines += _blanked(wrap(first.cells["绩效目标"], lay.text_width), lay.blank_every) + [""]
        if indent:
            lines[0] = " " + lines[0]
        self.emit(*lines)

    def indicator(self, row: Row) -> None:
        c = row.cells
        if not c.get("一级指标"):
            return
        lay = self.layout
        end = " ".join(w for w in (c.get("绩效指标性质"), c.get("本年绩效指标值"), c.get("绩效度量单位"),
                                   c.get("指标方向性")) if w)
        l1, l2, l3 = c["一级指标"], c.get("二级指标", ""), c.get("三级指标", "")
        l2_fits = width(l2) <= lay.text_width
        head = [f"{l1} {l2}".strip()] if l2_fits else [l1, *wrap(l2, lay.text_width)]
        if l3 and width(l3) <= lay.text_width:
            if l2_fits:
                self.emit(f"{head[0]} {l3} {end}", "")
            else:
                self.emit(*head, "", f"{l3} {end}", "")
            return
        body = _blanked(wrap(l3, lay.text_width), lay.blank_every) + [""] if l3 else []
        self.emit(*head, *body, end, "")

    def table13(self, table: Table) -> None:
        lay = self.layout
        unit = None
        for p, rows in enumerate(self.projects(table)):
            first = rows[0]
            kind = lay.breaks.get((p, 0))
            if kind == "blank":
                self.emit("", "")  # with the row's own blank line: three
            new_unit = first.cells.get("单位名称") != unit
            self.project_head(first, with_unit=p == 0 or new_unit or kind == "blank",
                              indent=kind == "indent", cut=kind is not None and p in lay.cut)
            unit = first.cells.get("单位名称")
            for k, row in enumerate(rows):
                kind = lay.breaks.get((p, k)) if k else None
                if kind == "blank":
                    self.emit("", "")
                    self.project_head(first, with_unit=True, indent=False, cut=False)
                elif kind == "indent":
                    self.project_head(first, with_unit=False, indent=True, cut=False)
                self.indicator(row)

    def render(self) -> str:
        for i, (tid, table) in enumerate(sorted(self.doc.tables.items())):
            if i:
                self.emit("", "")  # three blank lines between tables
            self.table_head(table)
            if self.template.tables[tid].row_kind == "indicator":
                self.table13(table)
            else:
                self.tabular(table)
        return "\n".join(self.out) + "\n"


def render_text(doc: ParsedDocument, layout: Layout | None = None, template: Template | None = None) -> str:
    """The text export of ``doc`` (see module docstring)."""
    return _Printer(doc, layout or Layout(), template or load_template("beijing")).render()


def random_layout(doc: ParsedDocument, rng: random.Random) -> Layout:
    """A layout with varied widths and page breaks in table 13, as a real export might have.

    A break falls before about one indicator in six; a break before a project (not the
    first or last, nor next to another cut one, so that the code order can still recover
    its code) cuts its code in about half the cases.
    """
    t13 = doc.tables["13"]
    sizes = [len(rows) for rows in _Printer(doc, Layout(), load_template()).projects(t13)]
    breaks: dict[tuple[int, int], str] = {}
    cut: set[int] = set()
    for p, n in enumerate(sizes):
        for k in range(n):
            if (p, k) != (0, 0) and rng.random() < 1 / 6:
                breaks[(p, k)] = rng.choice(["blank", "indent"])
                if (k == 0 and 0 < p < len(sizes) - 1 and p - 1 not in cut
                        and rng.random() < 0.5):
                    cut.add(p)
    return Layout(name_width=rng.choice([16, 24, 30, 46]), unit_width=rng.choice([14, 18]),
                  text_width=rng.choice([10, 14, 20]), blank_every=rng.choice([0, 5, 7]),
                  breaks=breaks, cut=frozenset(cut), rows_per_page=rng.choice([None, 5, 12]))
