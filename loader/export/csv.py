"""One CSV file per published table, for spreadsheets and scripts alike.

``<unit>-<year>-<kind>-<NN>-<title>.csv``, UTF-8 with a byte-order mark (so Excel reads the
Chinese correctly). The heading rows come first, as printed: each label in the first column
it spans, the cells it merges over left empty. Amounts are plain numbers with the template's
decimals and no thousands separators (``8353.625570``), so a spreadsheet reads them as
numbers and nothing is rounded; blanks stay empty.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from loader.export.headings import heading_grid
from loader.export.source import Document, ExportTable


def file_name(doc: Document, table: ExportTable) -> str:
    return f"{doc.unit_code}-{doc.fiscal_year}-{doc.kind}-{table.table_id}-{table.title}.csv"


def _cell(value, scale: int, amount: bool) -> str:
    if value is None:
        return ""
    if amount and isinstance(value, Decimal):
        return f"{value:.{scale}f}"
    return str(value)


def write_csv(doc: Document, tables: list[ExportTable], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        path = folder / file_name(doc, table)
        amount_at = [c in table.amount_columns for c in table.columns]
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            out = csv.writer(fh)
            grid, _ = heading_grid(table.columns)
            for labels in grid:
                out.writerow([label or "" for label in labels])
            for values in table.rows:
                out.writerow([_cell(v, table.scale, a) for v, a in zip(values, amount_at,
                                                                       strict=True)])
        written.append(path)
    return written
