"""Change printed cells of a ParsedDocument so that exactly one cross-table identity breaks.

A check test starts from the real sample, changes a few printed amounts and loads the result.
Changing one cell alone would also make the document disagree with itself (its 合计 row and
小计/合计 columns would no longer add up), which the loader reports separately
(``load.printed_total_differs``). So ``shift`` moves a cell *and every printed total that sums
it*: the totals are found through the same within-table identities the parser validates
(``loader.validate.identities``, rules ``tNN.*`` stating ``total = sum of parts``), so the
changed document is still consistent within each table and breaks only across tables.

Every record is frozen: each helper returns a new document (``dataclasses.replace``).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from decimal import Decimal

from loader.load.printing import printed_amount
from loader.model.records import ParsedDocument, Row, SourceRef, amount
from loader.parse.template import load_template
from loader.validate.identities import CellRef, build_relations


def _sums(doc: ParsedDocument) -> dict[CellRef, list[CellRef]]:
    """part cell -> the printed totals that sum it directly (within one table)."""
    template = load_template(doc.identity.template)
    out: dict[CellRef, list[CellRef]] = {}
    for rel in build_relations(doc.tables, template, doc.identity.fiscal_year):
        # tNN.* relations with one cell on the left and == are "total = sum of parts";
        # income_eq_expenditure is an equality between two totals, not a definition.
        if not rel.rule.startswith("t") or rel.op != "==" or len(rel.left) != 1 \
                or rel.rule.endswith(".income_eq_expenditure"):
            continue
        for part in rel.right:
            out.setdefault(part, []).append(rel.left[0])
    return out


def value(doc: ParsedDocument, table: str, row: int, column: str) -> Decimal:
    """A printed cell as an exact Decimal; blank is zero."""
    return amount(doc.tables[table].rows[row].cells.get(column)) or Decimal(0)


def _set_cells(doc: ParsedDocument, changes: dict[CellRef, str | None]) -> ParsedDocument:
    tables = dict(doc.tables)
    for table_id in {c.table for c in changes}:
        table = tables[table_id]
        rows = list(table.rows)
        for ref, printed in changes.items():
            if ref.table != table_id:
                continue
            cells = dict(rows[ref.row].cells)
            if printed is None:
                cells.pop(ref.column, None)
            else:
                cells[ref.column] = printed
            rows[ref.row] = replace(rows[ref.row], cells=cells)
        tables[table_id] = replace(table, rows=tuple(rows))
    return replace(doc, tables=tables)


def shift(doc: ParsedDocument, table: str, row: int, column: str, delta: Decimal) -> ParsedDocument:
    """Add ``delta`` to one printed amount and to every printed total that includes it.

    In a consistent document each total is a plain sum, so every total reached (directly or
    through other totals) changes by exactly ``delta``; each is changed once.
    """
    start = CellRef(table, row, column)
    sums = _sums(doc)
    reached, todo = {start}, [start]
    while todo:
        for total in sums.get(todo.pop(), ()):
            if total not in reached:
                reached.add(total)
                todo.append(total)
    scale = load_template(doc.identity.template).amount_scale
    return _set_cells(doc, {
        ref: printed_amount(value(doc, ref.table, ref.row, ref.column) + delta, scale)
        for ref in reached
    })


def shift_project13(doc: ParsedDocument, project_cell: str, column: str,
                    delta: Decimal) -> ParsedDocument:
    """Shift a project amount of table 13 on every indicator row that prints the project.

    13 repeats the project's amounts on each of its rows; the within-table identity
    (项目总额 = 财政资金 + 其他资金) is stated on the project's first row only, so the other rows'
    项目总额 is moved here too.
    """
    rows = [i for i, r in enumerate(doc.tables["13"].rows) if r.cells.get("项目名称") == project_cell]
    doc = shift(doc, "13", rows[0], column, delta)
    for i in rows[1:]:
        doc = _set_cells(doc, {
            CellRef("13", i, c): printed_amount(value(doc, "13", i, c) + delta)
            for c in (column, "项目总额")
        })
    return doc


def set_text(doc: ParsedDocument, table: str, rows: list[int], column: str,
             printed: str) -> ParsedDocument:
    """Replace a text cell on some rows (e.g. rename a project)."""
    return _set_cells(doc, {CellRef(table, i, column): printed for i in rows})


def add_row(doc: ParsedDocument, table: str, cells: dict[str, str]) -> tuple[ParsedDocument, int]:
    """Insert a data row (text cells only) before the table's 合计 row; returns its index."""
    t = doc.tables[table]
    at = next((i for i, r in enumerate(t.rows) if r.total), len(t.rows))
    line = max((r.source.line for r in t.rows), default=0)
    rows = list(t.rows)
    rows.insert(at, Row(cells=dict(cells), source=SourceRef(None, line)))
    return replace(doc, tables={**doc.tables, table: replace(t, rows=tuple(rows))}), at


def as_new_version(doc: ParsedDocument, tag: str) -> ParsedDocument:
    """The same document with its own sha256, so the warehouse loads it as a new version."""
    sha = hashlib.sha256(f"{doc.identity.sha256}:{tag}".encode()).hexdigest()
    return replace(doc, identity=replace(doc.identity, sha256=sha))


def with_findings_of(doc: ParsedDocument) -> ParsedDocument:
    """Re-run the validator on a changed document, as a parse of that document would.

    The parser's own findings (parse.*, attribution.*) are kept; the identity and document
    findings are replaced by what ``loader.validate.validate`` says about the new cells.
    """
    from loader.validate import validate

    own = tuple(f for f in doc.findings if f.rule.split(".")[0] in ("parse", "attribution"))
    return replace(doc, findings=own + validate(doc))

