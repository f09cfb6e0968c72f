"""Frozen records handed from stage to stage: the loader's shared vocabulary.

Nothing here imports from the rest of the package. A parse produces a
``ParsedDocument``; validation adds ``Finding`` records; the load stage turns the
tables into facts. Printed strings are kept exactly as printed (``"1,144.000000"``);
``amount()`` turns one into an exact ``Decimal`` when a figure is needed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any


class DecidedBy(StrEnum):
    """How the column of a printed amount was decided."""

    POSITION = "position"  # PDF geometry put it under the column heading
    IDENTITY = "identity"  # the only assignment that satisfies the identities
    PRIOR = "prior"  # several satisfy them; the most plausible was picked


class Severity(StrEnum):
    ERROR = "error"  # the document cannot be trusted as parsed (e.g. no column assignment)
    WARNING = "warning"  # an identity fails or the document contradicts itself
    INFO = "info"  # something inferred or recovered, worth knowing


class DocumentKind(StrEnum):
    UNIT_BUDGET = "单位预算"
    DEPARTMENT_BUDGET = "部门预算"


@dataclass(frozen=True)
class SourceRef:
    """Where a row was printed: 1-based page (None when the source has no pages) and line."""

    page: int | None
    line: int


@dataclass(frozen=True)
class Inference:
    """A value the loader inferred, how it did so, and whether it is certain."""

    value: Any
    how: str  # e.g. "project codes 110000 22 T…", "--year option", "table 11 current year"
    certain: bool = True


@dataclass(frozen=True)
class Alternative:
    """Another column assignment of one row that also satisfied the identities."""

    cells: Mapping[str, str]


@dataclass(frozen=True)
class Row:
    """One published row. ``cells`` maps column path -> printed string; blanks are absent."""

    cells: Mapping[str, str]
    source: SourceRef
    total: bool = False  # a 合计 row: derived, checked, never stored as a fact
    decided_by: Mapping[str, DecidedBy] = field(default_factory=dict)  # amount columns only
    alternatives: tuple[Alternative, ...] = ()  # filled when decided_by has PRIOR


@dataclass(frozen=True)
class Table:
    """One published table as printed, in printed row order."""

    id: str  # "01" … "13"
    title: str  # as printed, e.g. "预算01表 收支总表"
    unit: str | None  # amount unit as printed, e.g. "万元"; None if the table prints none
    columns: tuple[str, ...]  # column paths in published order, e.g. "本年收入/事业收入"
    rows: tuple[Row, ...]
    source: SourceRef | None = None  # where the title was printed


@dataclass(frozen=True)
class Finding:
    """Something about the document worth reporting: a failed identity, a mistake, an inference."""

    rule: str  # stable rule id (docs/rules.md), e.g. "x01_02.income"
    severity: Severity
    message: str  # one line, readable without the rest
    table: str | None = None
    row: int | None = None  # index into Table.rows
    column: str | None = None
    expected: str | None = None
    found: str | None = None
    cells: tuple[Mapping[str, Any], ...] = ()  # [{"table","row","column","value"}] involved


@dataclass(frozen=True)
class DocumentIdentity:
    unit_code: str
    unit_name: str
    department_code: str
    department_name: str | None
    fiscal_year: int
    kind: DocumentKind
    sha256: str
    file_name: str
    template: str  # template id that matched, e.g. "beijing"
    inferred: Mapping[str, Inference] = field(default_factory=dict)  # field name -> how


@dataclass(frozen=True)
class ParsedDocument:
    identity: DocumentIdentity
    tables: Mapping[str, Table]  # "01" … "13", every table of the template
    findings: tuple[Finding, ...] = ()


def amount(printed: str | None) -> Decimal | None:
    """Exact value of a printed amount (``"8,353.625570"`` -> ``Decimal("8353.625570")``).

    Blank -> None. Raises ValueError on text that is not an amount.
    """
    if printed is None:
        return None
    text = printed.strip().replace(",", "")
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"not an amount: {printed!r}") from exc
