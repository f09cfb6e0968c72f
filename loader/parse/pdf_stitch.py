"""Stitch a table's rows printed over several pages into one run of ``Row`` records.

Contract: ``stitch(table_id, rows, spec, total_label) -> (tuple[Row, ...], list[Finding])``.

At a page break a merged cell (table 13's unit, project, goal…) is printed again on the
next page, and either print may be cut: the reprint can lose its first line (a code
prefix) or be clipped at the bottom, and a first print squeezed at the foot of a page can
be clipped too. Where the last row before a break and the first row after it hold, in a
merged column, two texts one of which contains the other, they are one cell: every row of
both prints gets the longer text, and an INFO finding says so. Texts that differ
otherwise are left as printed (a new project starts there).
"""

from __future__ import annotations

import re

from loader.model.records import DecidedBy, Finding, Row, Severity, SourceRef
from loader.parse.pdf_tables import PrintedRow
from loader.parse.pdf_template import TableSpec

# A printed amount: digits with or without thousands separators, optional decimals.
_AMOUNT = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


def _group(rows: list[PrintedRow], i: int, col: str, step: int) -> list[int]:
    """Indexes of the rows printed in the same merged cell as row ``i`` (same page)."""
    ids = rows[i].cell_ids.get(col)
    out = [i]
    j = i + step
    while 0 <= j < len(rows) and rows[j].page == rows[i].page and rows[j].cell_ids.get(col) == ids:
        out.append(j)
        j += step
    return out


def _join_breaks(table_id: str, rows: list[PrintedRow], spec: TableSpec) -> list[Finding]:
    findings: list[Finding] = []
    for i in range(1, len(rows)):
        prev, cur = rows[i - 1], rows[i]
        if prev.page == cur.page:
            continue
        for col in spec.columns:
            if col not in prev.merged and col not in cur.merged:
                continue
            a, b = prev.cells.get(col, ""), cur.cells.get(col, "")
            if not a or not b or a == b or not (b in a or a in b):
                continue
            full = a if len(a) >= len(b) else b
            for j in _group(rows, i - 1, col, -1) + _group(rows, i, col, +1):
                rows[j].cells[col] = full
            cut_page = cur.page if full == a else prev.page
            findings.append(Finding(
                rule="pdf.cell_cut_at_page_break", severity=Severity.INFO,
                message=(f"table {table_id} column {col}: the merged cell printed on page "
                         f"{cut_page} is cut ({(b if full == a else a)[:20]!r}…); the full text "
                         f"printed on page {prev.page if full == a else cur.page} is used"),
                table=table_id, column=col, expected=full, found=b if full == a else a))
    return findings


def stitch(table_id: str, printed: list[PrintedRow], spec: TableSpec, total_label: re.Pattern[str]
           ) -> tuple[tuple[Row, ...], list[Finding]]:
    """Rows in printed order; amounts checked to look like amounts; 合计 rows flagged."""
    rows = [r for r in printed if r.cells]  # a ruled band with nothing in it is no row
    findings = _join_breaks(table_id, rows, spec)
    amount_cols = set(spec.amount_columns)
    label_col = spec.text_columns[0] if spec.text_columns else None
    two_lists = spec.row_kind == "two_lists"
    # Which list items are totals is template data (01: current and grand totals).
    list_totals = [re.compile(p) for side in spec.extra.get("lists", {}).values()
                   for role, p in side.items() if role in ("current_total", "grand_total")]
    out: list[Row] = []
    for r in rows:
        cells = dict(r.cells)
        decided: dict[str, DecidedBy] = {}
        for col in spec.columns:
            if col not in amount_cols or col not in cells:
                continue
            if _AMOUNT.match(cells[col]):
                decided[col] = DecidedBy.POSITION
            else:
                bad = cells.pop(col)
                findings.append(Finding(
                    rule="pdf.not_an_amount", severity=Severity.ERROR,
                    message=(f"table {table_id} page {r.page}: {col} holds {bad!r}, "
                             "which is not an amount; the cell is left out"),
                    table=table_id, row=len(out), column=col, found=bad))
        if two_lists:
            total = any(p.search(cells.get(c, "")) for p in list_totals for c in spec.text_columns)
        else:
            # The 合计 label is printed over the text columns; like the text path, a total
            # row keeps its amounts only.
            total = label_col is not None and bool(total_label.match(cells.get(label_col, "")))
            if total:
                rest = total_label.sub("", cells.pop(label_col), count=1).strip()
                if rest:
                    cells[label_col] = rest
        out.append(Row(cells={c: cells[c] for c in spec.columns if c in cells},
                       source=SourceRef(r.page, r.line), total=total, decided_by=decided))
    return tuple(out), findings
