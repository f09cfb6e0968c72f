"""``document_to_dict(doc)``: a ParsedDocument as plain JSON-ready data (no database).

Shape (the contract of ``budget-loader parse --json``): {"document": identity fields +
"inferred": {field: {"value","how","certain"}}, "tables": {"01": {"title","unit",
"columns","rows":[{"cells","total","source":{"page","line"},"decided_by","alternatives"}]}},
"findings": [{"rule","severity","message","table","row","column","expected","found","cells"}]}.
Blank cells are absent from ``cells``; printed strings are kept exactly.
"""

from __future__ import annotations

from typing import Any

from loader.model.records import Finding, ParsedDocument, Row, Table


def _row(row: Row) -> dict[str, Any]:
    return {
        "cells": dict(row.cells),
        "total": row.total,
        "source": {"page": row.source.page, "line": row.source.line},
        "decided_by": {k: v.value for k, v in row.decided_by.items()},
        "alternatives": [dict(a.cells) for a in row.alternatives],
    }


def _table(table: Table) -> dict[str, Any]:
    return {"title": table.title, "unit": table.unit, "columns": list(table.columns),
            "rows": [_row(r) for r in table.rows]}


def finding_to_dict(f: Finding) -> dict[str, Any]:
    return {"rule": f.rule, "severity": f.severity.value, "message": f.message, "table": f.table,
            "row": f.row, "column": f.column, "expected": f.expected, "found": f.found,
            "cells": [dict(c) for c in f.cells]}


def document_to_dict(doc: ParsedDocument) -> dict[str, Any]:
    i = doc.identity
    return {
        "document": {
            "unit_code": i.unit_code, "unit_name": i.unit_name,
            "department_code": i.department_code, "department_name": i.department_name,
            "fiscal_year": i.fiscal_year, "kind": i.kind.value, "sha256": i.sha256,
            "file_name": i.file_name, "template": i.template,
            "inferred": {k: {"value": v.value, "how": v.how, "certain": v.certain} for k, v in i.inferred.items()},
        },
        "tables": {tid: _table(t) for tid, t in sorted(doc.tables.items())},
        "findings": [finding_to_dict(f) for f in doc.findings],
    }
