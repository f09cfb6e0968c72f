"""Render a published table as text, CSV or JSON: the ``show`` command's output, no database.

Input: the template's table spec and the view rows (``roundtrip.read_view``). Amounts are
printed with the one printing rule (``loader.load.printing``); blanks stay blank.

- text: the title, the ``金额单位`` line, then a header of column paths and the rows, columns
  aligned by display width (CJK characters count two);
- csv: one header row of column paths (joined with ``/`` as in the template), printed strings;
- json: a list of records keyed by column path, printed strings (null for blanks).
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata

from loader.load.roundtrip import printed_cells


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - display_width(text))
    return gap + text if right else text + gap


def printed_rows(table_id: str, template_id: str, rows: list[dict]) -> list[dict[str, str | None]]:
    return [printed_cells(table_id, template_id, row) for row in rows]


def render_text(title: str, amount_unit: str, columns: list[str], amount_columns: set[str],
                records: list[dict[str, str | None]]) -> str:
    cells = [[r.get(c) or "" for c in columns] for r in records]
    widths = [max([display_width(c)] + [display_width(row[i]) for row in cells])
              for i, c in enumerate(columns)]
    lines = [title, f"金额单位：{amount_unit}", ""]
    lines.append("  ".join(_pad(c, w, c in amount_columns) for c, w in zip(columns, widths, strict=False)).rstrip())
    for row in cells:
        lines.append("  ".join(_pad(v, w, c in amount_columns)
                               for v, c, w in zip(row, columns, widths, strict=False)).rstrip())
    return "\n".join(lines) + "\n"


def render_csv(columns: list[str], records: list[dict[str, str | None]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for r in records:
        writer.writerow([r.get(c) or "" for c in columns])
    return out.getvalue()


def render_json(columns: list[str], records: list[dict[str, str | None]]) -> str:
    return json.dumps([{c: r.get(c) for c in columns} for r in records],
                      ensure_ascii=False, indent=2) + "\n"
