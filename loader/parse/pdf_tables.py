"""Read one ruled grid as a template table: find its header, map cells to column paths.

Contract:
- ``match_header(grid, texts, spec) -> int | None``: how many row bands of the grid are the
  header whose merged-cell tree spells exactly the template's column paths (left to right,
  compared after ``normalize``), or None when the grid is not that table.
- ``grid_rows(grid, texts, spec, skip, page, line_of) -> list[PrintedRow]``: the body rows
  below the header. Every column is decided by position: a cell belongs to the column
  whose atomic span it starts in. A cell merged over several rows gives its text to each
  (table 13 repeats project cells on each indicator row); a cell merged across columns
  gives its text to the first (a 合计 label over the subject columns).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from loader.parse.pdf_grid import Grid
from loader.parse.pdf_template import TableSpec, normalize

MAX_HEADER_BANDS = 6  # the deepest published header (table 11) has three levels, wrapped


@dataclass
class PrintedRow:
    """One body row as printed on one page, before stitching pages together."""

    cells: dict[str, str]
    merged: set[str]  # columns whose cell spans several rows on this page
    cell_ids: dict[str, int]  # column -> grid cell index: rows sharing a merged cell share it
    page: int
    line: int
    top: float
    notes: list[str] = field(default_factory=list)


def header_paths(grid: Grid, texts: dict[int, str], bands: int) -> list[str] | None:
    """The column path each atomic column gets from the first ``bands`` header bands."""
    nc = len(grid.xs) - 1
    paths = []
    for c in range(nc):
        parts: list[str] = []
        seen: set[int] = set()
        for r in range(bands):
            idx = grid.owner[r][c]
            if idx in seen:
                continue
            seen.add(idx)
            cell = grid.cells[idx]
            if cell.row1 >= bands:  # a header cell may not reach into the body
                return None
            text = normalize(texts.get(idx, ""))
            if text:
                parts.append(text)
        paths.append("/".join(parts))
    return paths


def match_header(grid: Grid, texts: dict[int, str], spec: TableSpec) -> int | None:
    want = [normalize(c) for c in spec.columns]
    if len(grid.xs) - 1 != len(want):
        return None
    for bands in range(1, min(MAX_HEADER_BANDS, len(grid.ys) - 1) + 1):
        if header_paths(grid, texts, bands) == want:
            return bands
    return None


def grid_rows(grid: Grid, texts: dict[int, str], spec: TableSpec, skip: int, page: int,
              line_of) -> list[PrintedRow]:
    """Body rows of a grid whose first ``skip`` bands are header (0: no header printed)."""
    out: list[PrintedRow] = []
    cols = spec.columns
    for band in range(skip, len(grid.ys) - 1):
        cells: dict[str, str] = {}
        merged: set[str] = set()
        ids: dict[str, int] = {}
        for c, col in enumerate(cols):
            idx = grid.owner[band][c]
            cell = grid.cells[idx]
            if cell.row0 < skip:
                continue  # a header cell hanging down (malformed): not body text
            ids[col] = idx
            if cell.col0 != c:
                continue
            if cell.rowspan > 1:
                merged.add(col)
            text = texts.get(idx, "")
            if text:
                cells[col] = text
        top = grid.ys[band]
        out.append(PrintedRow(cells, merged, ids, page, line_of(top), top))
    return out
