"""The round-trip proof: the published views, printed, must equal the parsed tables cell by cell.

Runs inside the load's transaction, after the facts are written. For each table it reads
``published.tNN_<english>`` for the new document version, prints each amount with the one
printing rule (``loader.load.printing``), and compares every cell with what was parsed.

Two kinds of difference:

- a **stored** cell (text as printed, or an amount kept as a fact) that differs means the
  warehouse does not hold what the document printed: ``LoadError`` naming table, row, column,
  expected and found, and the transaction rolls back;
- a **derived** cell (a 合计 row, a 小计/合计 column, a 02 department row, a 01/06 aggregate
  line) is computed by the view from stored cells that did round-trip, so a difference means
  the document's own printed total disagrees with its parts: a WARNING finding
  (``load.printed_total_differs``), the load goes on. The view shows the computed figure.

On a 合计 row the text cells are not compared: the parser keeps only its numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from loader.errors import LoadError
from loader.load.printing import printed_amount
from loader.model.records import Finding, ParsedDocument, Severity
from loader.schema.columns import COLUMNS
from loader.schema.seeds import normalise_label, summary_lines
from loader.schema.template import column_roles, load_template


@dataclass(frozen=True)
class Difference:
    table: str
    row: int
    column: str
    expected: str | None
    found: str | None
    derived: bool

    def describe(self) -> str:
        return (f"table {self.table} row {self.row} column {self.column}: "
                f"expected {self.expected!r}, found {self.found!r}")


def view_name(table_id: str, template_id: str) -> str:
    return f"published.t{table_id}_{load_template(template_id)['tables'][table_id]['english']}"


def read_view(cur, table_id: str, template_id: str, version_id: int) -> list[dict]:
    """Rows of one published view for one document version, in published order."""
    cur.execute(f"SELECT * FROM {view_name(table_id, template_id)} "
                "WHERE document_version_id = %s ORDER BY row_no", (version_id,))
    names = [d.name for d in cur.description]
    return [dict(zip(names, row, strict=False)) for row in cur.fetchall()]


@cache
def _printing_plan(table_id: str, template_id: str) -> tuple[int, tuple[tuple[str, str, bool], ...]]:
    """(amount scale, ((column path, view column, is amount), …)) of one table, read once."""
    roles = column_roles(table_id, template_id)
    scale = load_template(template_id)["amount_scale"]
    return scale, tuple((path, name, roles[path] != "text")
                        for path, (name, _en) in COLUMNS[table_id].items())


def printed_cells(table_id: str, template_id: str, view_row: dict) -> dict[str, str | None]:
    """One view row as printed strings keyed by column path (blank -> None)."""
    scale, plan = _printing_plan(table_id, template_id)
    get = view_row.get
    return {path: printed_amount(get(name), scale) if is_amount else get(name)
            for path, name, is_amount in plan}


@cache
def _aggregate_labels(table_id: str, template_id: str) -> frozenset[tuple[str, str]]:
    return frozenset({(r["side"], r["label"]) for r in summary_lines(template_id)
            if r["table_id"] == table_id and r["line_kind"] == "aggregate"})


def compare(doc: ParsedDocument, cur, version_id: int) -> list[Difference]:
    """Every cell where the views differ from the parsed tables."""
    template_id = doc.identity.template
    diffs: list[Difference] = []
    for table_id, table in sorted(doc.tables.items()):
        roles = column_roles(table_id, template_id)
        view_rows = read_view(cur, table_id, template_id, version_id)
        two_lists = table_id in ("01", "06")
        aggregates = _aggregate_labels(table_id, template_id) if two_lists else frozenset()
        if len(view_rows) != len(table.rows):
            diffs.append(Difference(table_id, min(len(view_rows), len(table.rows)), "(rows)",
                                    f"{len(table.rows)} rows", f"{len(view_rows)} rows", False))
        for row_no, (row, view_row) in enumerate(zip(table.rows, view_rows, strict=False)):
            found = printed_cells(table_id, template_id, view_row)
            department = table_id == "02" and len((row.cells.get("部门（单位）代码") or "").strip()) == 3
            for path in table.columns:
                role = roles.get(path, "text")
                if row.total and not two_lists and role == "text":
                    continue
                expected = row.cells.get(path)
                got = found.get(path)
                if _same(expected, got):
                    continue
                derived = role == "derived" or (row.total and not two_lists) or \
                    (department and role == "amount")
                if two_lists and role == "amount":
                    side = "income" if path.startswith("收入") else "expenditure"
                    label = row.cells.get("收入/项目" if side == "income" else "支出/项目") or ""
                    derived = (side, normalise_label(label)) in aggregates
                diffs.append(Difference(table_id, row_no, path, expected, got, derived))
    return diffs


def _same(expected: str | None, found: str | None) -> bool:
    if expected is None or found is None:
        return (expected or None) == (found or None)
    return expected.strip() == found.strip()


def prove(doc: ParsedDocument, cur, version_id: int) -> list[Finding]:
    """Raise LoadError on the first stored-cell difference; findings for derived ones."""
    diffs = compare(doc, cur, version_id)
    stored = [d for d in diffs if not d.derived]
    if stored:
        more = f" (and {len(stored) - 1} more)" if len(stored) > 1 else ""
        raise LoadError(f"{doc.identity.file_name}: round-trip failed: {stored[0].describe()}{more}")
    return [
        Finding("load.printed_total_differs", Severity.WARNING,
                f"table {d.table} row {d.row} column {d.column}: the document prints "
                f"{d.expected!r}, its parts sum to {d.found!r}",
                table=d.table, row=d.row, column=d.column, expected=d.expected, found=d.found)
        for d in diffs
    ]
