"""Check each table's printed amount unit against the template's.

Contract: ``amount_unit_findings(tables, template) -> list[Finding]``, for the text and the
PDF path alike (both keep the unit line a table prints in ``Table.unit``). Amounts are
stored as printed, in the template's ``amount_unit`` (万元 for Beijing); a table printed
in another unit (元) would load 10 000 times too large, so that is an ERROR
``parse.amount_unit`` (errors block loading: the document is refused with this reason).
A table that prints no unit is read in the template's unit, which is a guess worth a
WARNING ``parse.amount_unit_missing``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from loader.model.records import Finding, Severity, Table
from loader.parse.template import Template

# The money unit at the start of what a unit line prints; a PDF line may run on into other
# text once blanks are removed (``万元2022年``), which is not part of the unit.
_MONEY = re.compile(r"^(?:亿|千万|百万|十万|万|千|百)?元")
_BLANKS = re.compile(r"[\s\u3000]+")


def printed_unit(text: str) -> str:
    """The unit a table prints: its leading money unit, else the whole text without blanks."""
    bare = _BLANKS.sub("", text)
    m = _MONEY.match(bare)
    return m.group(0) if m else bare


def amount_unit_findings(tables: Mapping[str, Table], template: Template) -> list[Finding]:
    out: list[Finding] = []
    want = template.amount_unit
    for tid, table in tables.items():
        where = f"table {tid} ({table.title})"
        if table.unit is None:
            out.append(Finding(
                "parse.amount_unit_missing", Severity.WARNING,
                f"{where} prints no amount unit; its amounts are read in the template's {want}",
                table=tid, expected=want))
            continue
        unit = printed_unit(table.unit)
        if unit != want:
            out.append(Finding(
                "parse.amount_unit", Severity.ERROR,
                f"{where} prints amounts in {unit} (金额单位：{table.unit}), but the {template.id} "
                f"template stores {want}: its amounts would load in the wrong unit",
                table=tid, expected=want, found=unit))
    return out
