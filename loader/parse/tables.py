"""Turn a section's row blocks into raw rows: text cells by pattern, numbers unplaced.

Tabular tables (every kind but ``two_lists`` and table 13): a row block's lines are
joined with newlines and matched against the table's ``row_pattern``; each captured
text group becomes its ``row_fields`` cell with the line breaks removed (wrapped Chinese
cells join without a separator), and the trailing amounts stay in printed order for
attribution. A 合计 row keeps its numbers only. A block the pattern cannot read is an
ERROR finding (``parse.unrecognized_row``) and is left out, never guessed.

Two-list tables (01, 06): each printed line holds up to two items, label then amount.
With two items the first is income, the second expenditure; a line with one item goes
to the expenditure side when its label matches ``right_item`` or, numbering aside, is one
of the template's function classes (``预备费`` names no 支出). An amount printed right
after its label belongs to it, so these columns are decided by ``position``.
"""

from __future__ import annotations

import re

from loader.extract.text import TextLine
from loader.model.records import DecidedBy, Finding, Severity, SourceRef
from loader.parse.raw import RawRow, RawTable
from loader.parse.sections import Section, row_blocks
from loader.parse.template import TableTemplate, Template


def _source(line: TextLine) -> SourceRef:
    return SourceRef(line.page, line.number)


def _unrecognized(tid: str, block: list[TextLine], why: str) -> Finding:
    text = " / ".join(line.text.strip() for line in block)
    return Finding(
        "parse.unrecognized_row", Severity.ERROR,
        f"table {tid} line {block[0].number}: {why}: {text[:120]}",
        table=tid, found=text,
    )


def parse_tabular(section: Section, table: TableTemplate, template: Template) -> tuple[RawTable, list[Finding]]:
    raw = RawTable(table.id, section.title, section.unit, table.columns, _source(section.title_line))
    findings: list[Finding] = []
    _header, blocks = row_blocks(section, table, template)
    for block in blocks:
        joined = "\n".join(line.text.strip() for line in block)
        source = _source(block[0])
        total = template.total_label.match(joined)
        if total:
            rest = joined[total.end():]
            numbers = tuple(template.amount_token.findall(rest))
            leftover = template.amount_token.sub("", rest).strip()
            if leftover:
                findings.append(_unrecognized(table.id, block, "text after the 合计 label"))
                continue
            cells: dict[str, str] = {}
        else:
            m = table.row_pattern.match(joined) if table.row_pattern else None
            if not m:
                findings.append(_unrecognized(table.id, block, "row pattern does not match"))
                continue
            cells = {}
            for path, value in zip(table.row_fields, m.groups(), strict=False):
                if value is not None and value.strip():
                    cells[path] = value.replace("\n", "")
            numbers = tuple(template.amount_token.findall(m.group("amounts")))
        if len(numbers) > len(table.amount_columns):
            findings.append(_unrecognized(table.id, block, f"{len(numbers)} amounts for "
                                          f"{len(table.amount_columns)} amount columns"))
            continue
        raw.add(RawRow(cells, source, total=bool(total)), numbers, table.amount_columns)
    return raw, findings


def split_items(text: str, template: Template) -> list[tuple[str, str | None]] | None:
    """``"一、A 1.000000 一、B"`` -> [("一、A", "1.000000"), ("一、B", None)]; None if malformed."""
    items: list[list] = []
    for token in text.split():
        if template.amount_token.fullmatch(token):
            if not items or items[-1][1] is not None:
                return None  # an amount without a label of its own
            items[-1][1] = token
        else:
            items.append([token, None])
    return [(label, amount) for label, amount in items]


_ORDINAL = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def _is_expenditure_item(label: str, right: re.Pattern, template: Template) -> bool:
    """A lone item is expenditure if its label says so or names a function class."""
    return bool(right.search(label)) or _ORDINAL.sub("", label) in template.function_classes.values()


def parse_two_lists(section: Section, table: TableTemplate, template: Template) -> tuple[RawTable, list[Finding]]:
    raw = RawTable(table.id, section.title, section.unit, table.columns, _source(section.title_line))
    findings: list[Finding] = []
    right = re.compile(table.extra.get("right_item", "支出"))
    lists = table.extra.get("lists", {})
    totals = [re.compile(p) for side in lists.values()
              for role, p in side.items() if role in ("current_total", "grand_total")]
    _header, blocks = row_blocks(section, table, template)
    for block in blocks:
        line = block[0]
        items = split_items(line.text.strip(), template)
        if not items or len(items) > 2:
            findings.append(_unrecognized(table.id, block, "not one or two list items"))
            continue
        if len(items) == 2:
            sides = [("收入", items[0]), ("支出", items[1])]
        else:
            side = "支出" if _is_expenditure_item(items[0][0], right, template) else "收入"
            sides = [(side, items[0])]
        cells: dict[str, str] = {}
        decided: dict[str, DecidedBy] = {}
        for side, (label, amount) in sides:
            cells[f"{side}/项目"] = label
            if amount is not None:
                cells[f"{side}/预算数"] = amount
                decided[f"{side}/预算数"] = DecidedBy.POSITION
        is_total = any(p.search(label) for _s, (label, _a) in sides for p in totals)
        raw.rows.append(RawRow(cells, _source(line), total=is_total, decided_by=decided))
    return raw, findings
