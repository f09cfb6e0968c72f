"""One workbook per document: a sheet per published table, laid out as printed.

Sheet ``01 收支总表``: row 1 the title as printed (``预算01表 收支总表``, merged across the table), row 2
the unit's name on the left and ``金额单位：万元`` on the right, then the heading rows with
merged cells (``headings.heading_grid``), then the data. Amounts are numbers written from
``Decimal`` (openpyxl writes their exact decimal text, no float) with a number format of
the template's decimals (``#,##0.000000``); blanks stay empty cells.

Exactness: openpyxl writes numbers through ``"%.16g" % value``, i.e. through a float, which
rounds amounts with more than 16 significant digits. ``_exact_number`` stores the Decimal's
own text as the cell's numeric value instead, so the file holds exactly what the warehouse
holds. (Excel itself reads numbers as doubles: amounts up to 15 significant digits, i.e.
below 10 billion 万元 at six decimals, display exactly.) The heading rows are
frozen so they stay visible while scrolling.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from loader.export.headings import heading_grid
from loader.export.source import Document, ExportTable

MAX_SHEET_NAME = 31  # Excel's limit


def _exact_number(cell, value: Decimal) -> None:
    # openpyxl writes a str value of a numeric cell as it is (compat.safe_string).
    cell._value = format(value, "f")
    cell.data_type = "n"


def sheet_name(table: ExportTable) -> str:
    return f"{table.table_id} {table.title}"[:MAX_SHEET_NAME].replace("/", "／")


def write_xlsx(doc: Document, tables: list[ExportTable], path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(sheet_name(table))
        width = len(table.columns)
        sheet.cell(1, 1, table.printed_title).font = Font(bold=True, size=14)
        sheet.cell(1, 1).alignment = Alignment(horizontal="center")
        if width > 1:
            sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        sheet.cell(2, 1, f"单位名称：{doc.unit_code}-{doc.unit_name}")
        sheet.cell(2, width, f"金额单位：{table.amount_unit}").alignment = \
            Alignment(horizontal="right")
        grid, merges = heading_grid(table.columns)
        top = 3
        for level, labels in enumerate(grid):
            for col, label in enumerate(labels):
                cell = sheet.cell(top + level, col + 1, label)
                cell.font = Font(bold=True)
                cell.alignment = center
                cell.border = box
        for r0, c0, r1, c1 in merges:
            sheet.merge_cells(start_row=top + r0, start_column=c0 + 1,
                              end_row=top + r1, end_column=c1 + 1)
        number_format = "#,##0." + "0" * table.scale if table.scale else "#,##0"
        first_data = top + len(grid)
        amount_at = [c in table.amount_columns for c in table.columns]
        for r, values in enumerate(table.rows):
            for c, value in enumerate(values):
                cell = sheet.cell(first_data + r, c + 1)
                if isinstance(value, Decimal):
                    _exact_number(cell, value)
                else:
                    cell.value = value
                cell.border = box
                if amount_at[c] and value is not None:
                    cell.number_format = number_format
        for c, is_amount in enumerate(amount_at):
            sheet.column_dimensions[get_column_letter(c + 1)].width = 16 if is_amount else 28
        sheet.freeze_panes = sheet.cell(first_data, 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
