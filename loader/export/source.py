"""The published tables of one document's current version, read from the ``published`` views.

``find_document(engine, unit, year, kind)`` picks the current version (SetupError when there
is none, or several kinds and no ``kind``); ``published_tables(engine, doc)`` reads the 13
views. Text cells stay as printed; amounts stay ``Decimal`` (the view's NUMERIC), blanks None.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import OperationalError, ProgrammingError

from loader.errors import SetupError, warehouse_unreachable


@dataclass(frozen=True)
class Document:
    document_version_id: int
    unit_code: str
    unit_name: str
    fiscal_year: int
    kind: str
    template: str
    printed_tables: dict  # table id -> {title, unit} as the document printed them

    def heading(self, table_id: str, template: Mapping[str, Any]) -> tuple[str, str]:
        """(title, amount unit) of a table as printed; the template's for older versions."""
        printed = (self.printed_tables or {}).get(table_id) or {}
        return (printed.get("title") or f"预算{table_id}表 {template['tables'][table_id]['title']}",
                printed.get("unit") or template["amount_unit"])


@dataclass(frozen=True)
class ExportTable:
    table_id: str
    title: str  # as the template names it, e.g. 收支总表 (sheet and file names)
    printed_title: str  # as the document printed it, e.g. 预算01表 收支总表
    amount_unit: str  # as printed, e.g. 万元
    scale: int  # printed decimals
    columns: list[str]  # column paths, published order
    amount_columns: set[str]  # amounts and derived (小计/合计) columns
    rows: list[list[str | Decimal | None]]


def find_document(engine, unit: str, year: int, kind: str | None) -> Document:
    try:
        with engine.connect() as conn:
            docs = conn.execute(text("""
                SELECT document_version_id, unit_code, unit_name, fiscal_year, kind, template,
                       printed_tables
                FROM published.current_documents
                WHERE unit_code = :u AND fiscal_year = :y
                  AND (CAST(:k AS text) IS NULL OR kind = :k)
                ORDER BY kind
            """), dict(u=unit, y=year, k=kind)).all()
    except (ProgrammingError, OperationalError) as exc:
        raise warehouse_unreachable(exc) from None
    if not docs:
        raise SetupError(f"no document loaded for unit {unit}, year {year}"
                         + (f", kind {kind}" if kind else ""))
    if len(docs) > 1:
        raise SetupError(f"unit {unit} year {year} has {len(docs)} documents loaded "
                         f"({', '.join(d.kind for d in docs)}); choose one with --kind")
    return Document(*docs[0])


def published_tables(engine, doc: Document) -> list[ExportTable]:
    from loader.load.roundtrip import read_view
    from loader.schema.columns import COLUMNS
    from loader.schema.template import column_roles, load_template

    template = load_template(doc.template)
    out = []
    with engine.connect() as conn:
        cur = conn.connection.driver_connection.cursor()
        for table_id in sorted(template["tables"]):
            spec = template["tables"][table_id]
            roles = column_roles(table_id, doc.template)
            view_rows = read_view(cur, table_id, doc.template, doc.document_version_id)
            names = [COLUMNS[table_id][path][0] for path in spec["columns"]]
            printed_title, amount_unit = doc.heading(table_id, template)
            out.append(ExportTable(
                table_id=table_id, title=spec["title"], printed_title=printed_title,
                amount_unit=amount_unit,
                scale=template["amount_scale"], columns=list(spec["columns"]),
                amount_columns={c for c, r in roles.items() if r != "text"},
                rows=[[row.get(name) for name in names] for row in view_rows]))
    return out
