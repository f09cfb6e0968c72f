"""Cut numbered lines into one section per published table, and a section into rows.

``find_sections`` finds each table by its title text (``预算01表 收支总表``, ``表一 收支总表``,
``一、收支总表`` all match the template title ``收支总表``); a title printed again (a table
continued on a new page) continues the same section. ``row_blocks`` splits a section into
header lines and row blocks: a row starts at a line matching the table's ``row_start``
pattern and takes the following lines as its wrapped cells; a header printed again after
a page break (a line equal to the first header line) is dropped with what follows it up
to the next row start.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from loader.extract.text import TextLine
from loader.parse.template import TableTemplate, Template


@dataclass
class Section:
    table_id: str
    title: str
    title_line: TextLine
    unit: str | None = None
    lines: list[TextLine] = field(default_factory=list)


def match_title(text: str, template: Template) -> str | None:
    """The id of the table whose title this line prints, or None.

    Without a numbering prefix the line must be exactly the title; with one, any
    qualifier may precede the title (``财政拨款（含…）“三公”经费支出表``). The longest
    matching title wins, so ``…基本支出表`` is never taken for ``…支出表``.
    """
    s = text.strip()
    if not s or len(s) > 80:
        return None
    m = template.title_prefix.match(s)
    rest = s[m.end():] if m else s
    best = None
    for tid, t in template.tables.items():
        if rest.endswith(t.title) and (m or rest == t.title):
            if best is None or len(t.title) > len(template.tables[best].title):
                best = tid
    return best


def find_sections(lines: tuple[TextLine, ...], template: Template) -> list[Section]:
    sections: list[Section] = []
    current: Section | None = None
    for line in lines:
        tid = match_title(line.text, template)
        if tid is not None:
            if current is not None and current.table_id == tid:
                continue  # the title printed again on a continuation page
            current = Section(tid, line.text.strip(), line)
            sections.append(current)
            continue
        if current is None:
            continue
        m = template.unit_line.match(line.text.strip())
        if m:
            current.unit = current.unit or m.group("unit")
            continue
        current.lines.append(line)
    return sections


def is_row_start(text: str, table: TableTemplate, template: Template) -> bool:
    """Does this (stripped) line start a row? A 合计 label followed by words is a header."""
    if table.row_start is None or not table.row_start.match(text):
        return False
    total = template.total_label.match(text)
    return not total or not template.amount_token.sub("", text[total.end():]).strip()


def row_blocks(section: Section, table: TableTemplate,
               template: Template) -> tuple[list[TextLine], list[list[TextLine]]]:
    """(header lines, row blocks) of a section; blank lines are dropped."""
    header: list[TextLine] = []
    blocks: list[list[TextLine]] = []
    skipping = False
    for line in section.lines:
        s = line.text.strip()
        if not s:
            continue
        if is_row_start(s, table, template):
            skipping = False
            blocks.append([line])
            continue
        if not blocks:
            header.append(line)
            continue
        if header and s == header[0].text.strip():
            skipping = True  # a header repeated by a page break
            continue
        if skipping:
            continue
        if table.row_kind == "two_lists":
            blocks.append([line])  # every printed line of the two lists is a row
        else:
            blocks[-1].append(line)  # a wrapped cell of the row above
    return header, blocks
