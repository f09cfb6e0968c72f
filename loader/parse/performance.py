"""Table 13 (年度项目支出绩效表): one row per indicator, project cells repeated.

The text prints a project as: its unit cell (at the top of a page, and where the unit
changes in a 部门预算 listing several units), its project
cell ``code-name`` wrapped over lines, a line ``category person phone amounts``, the goal
text wrapped over many lines, then its indicators. An indicator runs from a line that
starts with a level-1 name (产出指标 …) to the line that ends with its direction
(``… ＝ 3 期 正向指标``); the lines between are level 2 (a known name, possibly wrapped)
and the level-3 text.

Page breaks show up as three blank lines or as a line printed with leading whitespace.
After one, the merged cells are printed again: the same project (same name, same code
or a code cut to its tail) continues and is merged — its goal text is dropped when it
repeats, its indicators are appended. A cut code that starts a *different* project is
completed when the code order of the document leaves one candidate (INFO finding and
an Inference); otherwise it is kept as printed with a WARNING.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loader.extract.text import TextLine
from loader.model.records import Finding, Inference, Severity, SourceRef
from loader.parse.raw import RawRow, RawTable
from loader.parse.sections import Section
from loader.parse.template import TableTemplate, Template


@dataclass
class Indicator:
    lines: list[str]
    source: SourceRef
    end: re.Match | None = None


@dataclass
class Piece:
    """A project as printed on one page (a continuation is another piece)."""

    unit: str | None
    cell: str  # project cell lines joined: "11000022T000000450643-应急研究院内部管理项目"
    source: SourceRef
    fragment: bool  # printed right after a page break without its full code
    category: re.Match | None = None
    goal: list[str] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.cell.split("-", 1)[0].strip()

    @property
    def name(self) -> str:
        return re.sub(r"\s+", "", self.cell.split("-", 1)[1]) if "-" in self.cell else self.cell


@dataclass
class Project:
    pieces: list[Piece]
    code: str
    recovered: Inference | None = None


def _is_page_break(raw: str, blanks: int) -> bool:
    return blanks >= 3 or (raw != raw.lstrip())


def scan_pieces(lines: list[TextLine], table: TableTemplate, template: Template) -> tuple[list[Piece], list[Finding]]:
    """Read the section's lines into pieces (see module docstring)."""
    x = table.extra
    unit_re, code_re = re.compile(x["unit_cell"]), re.compile(x["project_code"])
    category_re = re.compile(x["category_line"].replace("{amounts}", template.amounts_regex()))
    end_re = re.compile(x["indicator_end"])
    level1 = sorted(x["level1"], key=len, reverse=True)
    frag_re = re.compile(r"^\d{1,20}\s*-")
    findings: list[Finding] = []
    pieces: list[Piece] = []
    unit_lines: list[str] = []
    cell: list[str] | None = None
    cell_src: SourceRef | None = None
    cell_fragment = False
    mode = "header"
    blanks = 0
    for line in lines:
        raw, s = line.text, line.text.strip()
        if not s:
            blanks += 1
            continue
        brk = _is_page_break(raw, blanks)
        blanks = 0
        src = SourceRef(line.page, line.number)
        starts_code = bool(code_re.match(s) or re.match(x["project_code"].rstrip("$") + r"\s*-", s))
        if mode == "header" and not (unit_re.match(s) or starts_code):
            continue
        # A unit cell prints at the top of a page and, in a 部门预算, where the unit changes:
        # after an indicator's last line, where nothing but a level-1 name or a project may follow.
        done = (mode == "indicators" and pieces and pieces[-1].indicators
                and pieces[-1].indicators[-1].end is not None)
        if (mode == "header" or brk or done) and unit_re.match(s) and not category_re.match(s):
            unit_lines, mode = [s], "unit"
            continue
        if mode == "unit" and not (starts_code or frag_re.match(s)):
            unit_lines.append(s)
            continue
        if starts_code or ((brk or mode == "unit") and frag_re.match(s) and not category_re.match(s)):
            _close_indicator(pieces, findings)
            cell, cell_src, mode = [s], src, "cell"
            cell_fragment = not starts_code
            continue
        if mode == "cell":
            m = category_re.match(s)
            if m:
                pieces.append(Piece("".join(unit_lines) or None, "".join(cell), cell_src, cell_fragment, m))
                mode = "goal"
            else:
                cell.append(s)
            continue
        piece = pieces[-1] if pieces else None
        if piece is None:
            continue
        if mode == "goal":
            first = next((w for w in level1 if s.startswith(w)), None)
            glued = next((w for w in level1 if s.endswith(" " + w)), None)
            if first is None and glued is None:
                piece.goal.append(s)
                continue
            if glued and first is None:  # the goal's last line and a level-1 name on one line
                piece.goal.append(s[: -len(glued)].rstrip())
                s = glued
            mode = "indicators"
        pending = piece.indicators[-1] if piece.indicators and piece.indicators[-1].end is None else None
        if pending is None:
            pending = Indicator([], src)
            piece.indicators.append(pending)
        pending.lines.append(s)
        pending.end = end_re.match(s)
    _close_indicator(pieces, findings)
    return pieces, findings


def _close_indicator(pieces: list[Piece], findings: list[Finding]) -> None:
    if pieces and pieces[-1].indicators and pieces[-1].indicators[-1].end is None:
        ind = pieces[-1].indicators.pop()
        findings.append(Finding(
            "parse.indicator_incomplete", Severity.WARNING,
            f"table 13 line {ind.source.line}: indicator without a value/direction line: "
            f"{''.join(ind.lines)[:80]}", table="13", found="".join(ind.lines)))


def merge_pieces(pieces: list[Piece]) -> tuple[list[Project], list[Finding]]:
    """Merge continuation pieces into their project (same name, same or cut code).

    Either piece may hold the cut code: a project starting on a new page can lose its
    code's first line and print it whole after a later page break; the whole code wins.
    """
    projects: list[Project] = []
    findings: list[Finding] = []
    for piece in pieces:
        prev = projects[-1] if projects else None
        if prev and piece.name == prev.pieces[0].name and (
                prev.code.endswith(piece.code) or piece.code.endswith(prev.code)):
            first = prev.pieces[0]
            if len(piece.code) > len(prev.code):
                # The project's first page lost its code prefix; this page prints it whole.
                how = (f"code cut to '{prev.code}' by a page break (line {first.source.line}); printed "
                       f"whole where the project continues (line {piece.source.line})")
                prev.code, prev.recovered = piece.code, Inference(piece.code, how, certain=True)
                findings.append(Finding("parse.project_code_recovered", Severity.INFO,
                                        f"table 13 line {first.source.line}: project code recovered as "
                                        f"{piece.code}: {how}", table="13", expected=piece.code,
                                        found=first.code))
            if "".join(piece.goal) == "".join(first.goal):
                piece.goal = []
            elif piece.goal:
                findings.append(Finding(
                    "parse.goal_text_differs", Severity.WARNING,
                    f"table 13 line {piece.source.line}: the goal of {prev.code} printed again "
                    f"differs from line {first.source.line}; the first is kept",
                    table="13", expected="".join(first.goal)[:200], found="".join(piece.goal)[:200]))
                piece.goal = []
            prev.pieces.append(piece)
        else:
            projects.append(Project([piece], piece.code))
    return projects, findings


def recover_codes(projects: list[Project], length: int, names04: set[str] | None) -> list[Finding]:
    """Complete cut codes when the code order leaves exactly one candidate.

    Codes of table 13 run in ascending order; a cut code ``tail`` lying between the
    complete codes before and after it can only be ``prefix + tail`` for prefixes between
    theirs. One candidate -> recovered (INFO); none or several -> kept (WARNING).
    """
    findings: list[Finding] = []
    complete = [i for i, p in enumerate(projects) if len(p.code) == length]
    for i, project in enumerate(projects):
        tail = project.code
        if len(tail) >= length:
            continue
        before = next((projects[j].code for j in reversed(complete) if j < i), None)
        after = next((projects[j].code for j in complete if j > i), None)
        candidates = _candidates(tail, length, before, after)
        line = project.pieces[0].source.line
        in04 = names04 is None or project.pieces[0].name in names04
        if len(candidates) == 1 and in04:
            code = candidates[0]
            how = (f"code cut to '{tail}' by a page break (line {line}); the only code ending in "
                   f"'{tail}' between {before} and {after} in the document's code order"
                   + ("; the project is in table 04" if names04 is not None else ""))
            project.code, project.recovered = code, Inference(code, how, certain=True)
            findings.append(Finding("parse.project_code_recovered", Severity.INFO,
                                    f"table 13 line {line}: project code recovered as {code}: {how}",
                                    table="13", expected=code, found=tail))
        else:
            why = (f"{len(candidates)} candidate codes" if len(candidates) != 1 else "project not in table 04")
            findings.append(Finding("parse.project_code_fragment", Severity.WARNING,
                                    f"table 13 line {line}: project code cut to '{tail}' kept as printed "
                                    f"({why} between {before} and {after})", table="13", found=tail))
    return findings


def _candidates(tail: str, length: int, before: str | None, after: str | None, limit: int = 1000) -> list[str]:
    if before is None or after is None:
        return []  # open-ended: any prefix fits
    k = length - len(tail)
    lo, hi = before[:k], after[:k]
    head = re.match(r"^(.*?)(\d*)$", lo)
    if not hi.startswith(head.group(1)) or not head.group(2):
        return []
    stem, width = head.group(1), len(head.group(2))
    lo_n, hi_n = int(head.group(2)), int(hi[len(stem):] or 0)
    if hi_n - lo_n > limit:
        return []
    out = []
    for n in range(lo_n, hi_n + 1):
        code = f"{stem}{n:0{width}d}{tail}"
        if before < code < after:
            out.append(code)
    return out


def _indicator_cells(ind: Indicator, x: dict) -> dict[str, str]:
    end = ind.end
    text = "".join(ind.lines[:-1]) + (end.group("pre") if end else "")
    cells: dict[str, str] = {}
    l1 = next((w for w in sorted(x["level1"], key=len, reverse=True) if text.startswith(w)), None)
    if l1:
        cells["一级指标"] = l1
        text = text[len(l1):].lstrip()
    l2 = next((w for w in sorted(x["level2"], key=len, reverse=True) if text.startswith(w)), None)
    if l2:
        cells["二级指标"] = l2
        text = text[len(l2):].lstrip()
    if text:
        cells["三级指标"] = text
    if end:
        cells["绩效指标性质"] = end.group("op")
        cells["本年绩效指标值"] = end.group("value")
        if end.group("unit"):
            cells["绩效度量单位"] = end.group("unit")
        cells["指标方向性"] = end.group("direction")
    return cells


def parse_performance(section: Section, table: TableTemplate, template: Template,
                      names04: set[str] | None) -> tuple[RawTable, list[Finding], dict[str, Inference]]:
    """Raw table 13, findings, and the recovered codes' inferences keyed by code."""
    raw = RawTable(table.id, section.title, section.unit, table.columns,
                   SourceRef(section.title_line.page, section.title_line.number))
    pieces, findings = scan_pieces(section.lines, table, template)
    projects, merge_findings = merge_pieces(pieces)
    findings += merge_findings
    findings += recover_codes(projects, int(table.extra["project_code_length"]), names04)
    inferences = {}
    for project in projects:
        first = project.pieces[0]
        m = first.category
        cell = first.cell if project.recovered is None else f"{project.code}-{first.cell.split('-', 1)[1]}"
        if project.recovered is not None:
            inferences[project.code] = project.recovered
        base = {"单位名称": first.unit, "项目名称": cell, "项目类别": m.group("category"),
                "项目责任人": m.group("person"), "项目责任人电话": m.group("phone"),
                "绩效目标": "".join(first.goal)}
        base = {k: v for k, v in base.items() if v}
        numbers = tuple(template.amount_token.findall(m.group("amounts")))
        indicators = [ind for piece in project.pieces for ind in piece.indicators]
        rows = [RawRow({**base, **_indicator_cells(ind, table.extra)}, ind.source) for ind in indicators]
        if not rows:
            rows = [RawRow(dict(base), first.source)]
        group = raw.add(rows[0], numbers, table.amount_columns)
        for row in rows[1:]:
            raw.rows.append(row)
            row.group = group
            if group is not None:
                group.rows.append(len(raw.rows) - 1)
    return raw, findings, inferences
