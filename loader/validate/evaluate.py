"""Evaluate identity relations on finished tables, in exact Decimals."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from loader.model.records import Finding, Table, amount
from loader.validate.identities import CellRef, Relation
from loader.validate.rules import rule


def cell_value(tables: Mapping[str, Table], ref: CellRef) -> Decimal:
    """A cell's exact value; blank or absent is zero."""
    return amount(tables[ref.table].rows[ref.row].cells.get(ref.column)) or Decimal(0)


def relation_findings(tables: Mapping[str, Table], relations: Iterable[Relation]) -> list[Finding]:
    out = []
    for r in relations:
        left = sum((cell_value(tables, ref) for ref in r.left), Decimal(0))
        right = sum((cell_value(tables, ref) for ref in r.right), Decimal(0))
        if (left == right) if r.op == "==" else (left <= right):
            continue
        verb = "differs from" if r.op == "==" else "exceeds"
        cells = tuple(
            {"table": ref.table, "row": ref.row, "column": ref.column,
             "value": tables[ref.table].rows[ref.row].cells.get(ref.column)}
            for ref in (*r.left, *r.right)
        )
        out.append(Finding(r.rule, rule(r.rule).severity, f"{r.label}: {left} {verb} {right}",
                           table=r.table, row=r.row, column=r.column,
                           expected=str(right), found=str(left), cells=cells))
    return out
