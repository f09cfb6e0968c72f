"""Mutable intermediate rows the parser fills before column attribution.

A ``RawRow`` holds the text cells of a printed row (and amounts whose column the layout
already fixes); its unplaced numbers live in an ``AmountGroup``, shared by every row that
repeats them (table 13 repeats a project's amounts on each indicator row). Attribution
turns groups into cells; ``freeze`` turns raw tables into the frozen model records.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from loader.model.records import Alternative, DecidedBy, Row, SourceRef, Table


@dataclass
class AmountGroup:
    table: str
    numbers: tuple[str, ...]  # printed, in printed order
    columns: tuple[str, ...]  # the amount columns they may sit in, in column order
    source: SourceRef
    rows: list[int] = field(default_factory=list)  # rows of `table` that carry them
    assignment: tuple[str, ...] | None = None  # decided column of each number
    decided_by: DecidedBy | None = None
    alternatives: tuple[tuple[str, ...], ...] = ()


@dataclass
class RawRow:
    cells: dict[str, str]
    source: SourceRef
    total: bool = False
    group: AmountGroup | None = None
    decided_by: dict[str, DecidedBy] = field(default_factory=dict)


@dataclass
class RawTable:
    id: str
    title: str
    unit: str | None
    columns: tuple[str, ...]
    source: SourceRef | None
    rows: list[RawRow] = field(default_factory=list)

    def add(self, row: RawRow, numbers: tuple[str, ...], columns: tuple[str, ...]) -> AmountGroup | None:
        """Append ``row``; give it a new amount group when it printed numbers."""
        self.rows.append(row)
        if numbers:
            row.group = AmountGroup(self.id, numbers, columns, row.source, [len(self.rows) - 1])
        return row.group


def freeze_row(raw: RawRow) -> Row:
    cells = dict(raw.cells)
    decided = dict(raw.decided_by)
    alternatives: tuple[Alternative, ...] = ()
    g = raw.group
    if g is not None and g.assignment is not None:
        for number, column in zip(g.numbers, g.assignment, strict=True):
            cells[column] = number
            decided[column] = g.decided_by
        alternatives = tuple(
            Alternative({c: n for n, c in zip(g.numbers, alt, strict=True)}) for alt in g.alternatives
        )
    return Row(cells, raw.source, raw.total, decided, alternatives)


def freeze(table: RawTable) -> Table:
    """The frozen published table; cells in the table's column order."""
    rows = []
    for raw in table.rows:
        row = freeze_row(raw)
        ordered = {c: row.cells[c] for c in table.columns if c in row.cells}
        rows.append(Row(ordered, row.source, row.total, row.decided_by, row.alternatives))
    return Table(table.id, table.title, table.unit, table.columns, tuple(rows), table.source)
