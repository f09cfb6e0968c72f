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

Speed: the 13 views are read in one round trip (psycopg pipeline mode, each statement
prepared on its first use), and the comparison looks each table's columns up once and
compares a row whole before cell by cell; the views' own execution is most of what is left.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from operator import itemgetter

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


def _view_query(table_id: str, template_id: str) -> str:
    return (f"SELECT * FROM {view_name(table_id, template_id)} "
            "WHERE document_version_id = %s ORDER BY row_no")


def read_view(cur, table_id: str, template_id: str, version_id: int) -> list[dict]:
    """Rows of one published view for one document version, in published order."""
    cur.execute(_view_query(table_id, template_id), (version_id,))
    names = [d.name for d in cur.description]
    return [dict(zip(names, row, strict=False)) for row in cur.fetchall()]


@dataclass(frozen=True)
class ViewRows:
    """One view's rows for one version as fetched: column names and value tuples."""
    names: tuple[str, ...]
    rows: list[tuple]


def read_views(cur, table_ids: list[str], template_id: str,
               version_id: int) -> dict[str, ViewRows]:
    """Several published views for one version, in one round trip (pipeline mode).

    Each view gets its own cursor: in a pipeline the statements are sent before any result
    is read, and a cursor holds the result of its last statement only. Leaving the block
    waits for all the results (and raises the first error, as reading them one by one would).
    """
    conn = cur.connection
    # Prepared on first use (not after five loads): the same 13 statements run for every
    # document. None keeps a connection's choice not to prepare at all.
    prepare = None if conn.prepare_threshold is None else True
    cursors = {}
    with conn.pipeline():
        for table_id in table_ids:
            cursors[table_id] = view_cur = conn.cursor()
            view_cur.execute(_view_query(table_id, template_id), (version_id,), prepare=prepare)
    return {table_id: ViewRows(tuple(d.name for d in c.description), c.fetchall())
            for table_id, c in cursors.items()}


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
    table_ids = sorted(doc.tables)
    views = read_views(cur, table_ids, template_id, version_id)
    diffs: list[Difference] = []
    for table_id in table_ids:
        diffs += _compare_table(table_id, doc.tables[table_id], views[table_id], template_id)
    return diffs


@cache
def _cell_plan(table_id: str, template_id: str, columns: tuple[str, ...],
               view_names: tuple[str, ...]) -> tuple[tuple[str, str, int | None, bool], ...]:
    """((column path, role, index in the view row or None, is amount), …) for the parsed
    table's columns: what printed_cells would look up for each, found once per table shape."""
    _scale, printing = _printing_plan(table_id, template_id)
    view_column = {path: (name, is_amount) for path, name, is_amount in printing}
    position = {name: i for i, name in enumerate(view_names)}
    roles = column_roles(table_id, template_id)
    plan = []
    for path in columns:
        name, is_amount = view_column.get(path, (None, False))
        plan.append((path, roles.get(path, "text"), position.get(name), is_amount))
    return tuple(plan)


def _compare_table(table_id: str, table, view: ViewRows, template_id: str) -> list[Difference]:
    """The differences of one table: the rule of ``printed_cells`` and ``_same`` per cell."""
    scale, _ = _printing_plan(table_id, template_id)
    plan = _cell_plan(table_id, template_id, tuple(table.columns), view.names)
    two_lists = table_id in ("01", "06")
    diffs: list[Difference] = []
    if len(view.rows) != len(table.rows):
        diffs.append(Difference(table_id, min(len(view.rows), len(table.rows)), "(rows)",
                                f"{len(table.rows)} rows", f"{len(view.rows)} rows", False))
    shapes = {skip_text: _row_shape(plan, skip_text) for skip_text in (False, True)}
    for row_no, (row, view_row) in enumerate(zip(table.rows, view.rows, strict=False)):
        skip_text = bool(row.total and not two_lists)  # a 合计 row keeps only its numbers
        shape = shapes[skip_text]
        if shape is None or not _row_matches(shape, row.cells, view_row, scale):
            diffs += _cell_differences(table_id, template_id, row_no, row, view_row, plan,
                                       skip_text, scale)
    return diffs


def _cell_differences(table_id: str, template_id: str, row_no: int, row, view_row: tuple,
                      plan: tuple, skip_text: bool, scale: int) -> list[Difference]:
    """The differing cells of one row, each printed as ``printed_cells`` prints it."""
    diffs = []
    for path, role, index, is_amount in plan:
        if skip_text and role == "text":
            continue
        expected = row.cells.get(path)
        got = None if index is None else view_row[index]
        if is_amount and got is not None:
            got = printed_amount(got, scale)
        if not _same(expected, got):
            diffs.append(Difference(table_id, row_no, path, expected, got,
                                    _is_derived(table_id, template_id, row, path, role)))
    return diffs


@cache
def _row_shape(plan: tuple, skip_text: bool) -> tuple | None:
    """(column paths, getter of their view values, positions of amounts) to compare a row
    whole; None when a column has no view column (such rows go cell by cell)."""
    kept = [(path, index, is_amount) for path, role, index, is_amount in plan
            if not (skip_text and role == "text")]
    if len(kept) < 2 or any(index is None for _, index, _ in kept):
        return None  # itemgetter of one index returns the value, not a tuple
    return (tuple(path for path, _, _ in kept), itemgetter(*(index for _, index, _ in kept)),
            tuple(k for k, (_, _, is_amount) in enumerate(kept) if is_amount))


def _row_matches(shape: tuple, cells: dict, view_row: tuple, scale: int) -> bool:
    """Whether every compared cell of a row is the very string printed (most rows are): one
    list comparison instead of one per cell; a row that is not goes through the cell rule."""
    paths, getter, amounts = shape
    found = list(getter(view_row))
    for k in amounts:
        if found[k] is not None:
            found[k] = printed_amount(found[k], scale)
    return list(map(cells.get, paths)) == found


def _is_derived(table_id: str, template_id: str, row, path: str, role: str) -> bool:
    """Whether a differing cell is computed by the view (a finding) rather than stored."""
    if table_id in ("01", "06") and role == "amount":
        side = "income" if path.startswith("收入") else "expenditure"
        label = row.cells.get("收入/项目" if side == "income" else "支出/项目") or ""
        return (side, normalise_label(label)) in _aggregate_labels(table_id, template_id)
    department = table_id == "02" and len((row.cells.get("部门（单位）代码") or "").strip()) == 3
    return role == "derived" or (row.total and table_id not in ("01", "06")) or \
        (department and role == "amount")


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
