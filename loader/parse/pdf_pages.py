"""Walk a PDF's pages in reading order and collect each template table's printed rows.

Contract: ``collect_tables(content, template) -> Collected``.

A page is a sequence, top to bottom, of free text lines (outside any grid: titles, the
``金额单位`` line, page numbers) and ruled grids. A title line naming a template table
opens that table; the next grid must carry the table's header (else the table is noted
as *titled but not matching*). A grid with no title above it continues the open table
when it repeats that table's header, or when it has no header but the same column
boundaries; any other grid is noted as unrelated. Nothing here raises on a foreign
document: the caller decides what is refused, from what was collected.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from loader.extract.pdf import PdfContent, PdfPage
from loader.parse.pdf_grid import (
    TOL,
    cell_text,
    chars_to_lines,
    fill_cells,
    line_text,
    segments_to_grids,
)
from loader.parse.pdf_tables import PrintedRow, grid_rows, match_header
from loader.parse.pdf_template import Template, match_title, normalize


@dataclass
class PageView:
    number: int
    items: list[tuple[float, str, object]]  # (top, "line" | "caption" | "grid", text | (Grid, texts))
    line_tops: list[float]

    def line_of(self, top: float) -> int:
        """1-based number of the printed text line at or below ``top`` on this page."""
        return bisect_left(self.line_tops, top - TOL) + 1


@dataclass
class TableRun:
    """One template table as collected: its title, unit line and rows from every page."""

    id: str
    title: str
    title_page: int
    title_line: int
    unit: str | None = None
    rows: list[PrintedRow] = field(default_factory=list)
    xs: tuple[float, ...] = ()
    pages: list[int] = field(default_factory=list)


@dataclass
class Collected:
    tables: dict[str, TableRun] = field(default_factory=dict)
    titled_not_matching: dict[str, tuple[int, str]] = field(default_factory=dict)  # id -> (page, title)
    title_lines: list[tuple[int, str]] = field(default_factory=list)  # every title-like line
    unrelated_grids: int = 0
    first_lines: list[str] = field(default_factory=list)  # free text of the first pages
    repeated: list[str] = field(default_factory=list)  # ids whose title was printed twice apart


def read_page(page: PdfPage) -> PageView:
    grids = segments_to_grids(page.segments)
    inside: list[list] = [[] for _ in grids]
    free = []
    for ch in page.chars:
        cx, cy = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        for gi, g in enumerate(grids):
            if g.contains(cx, cy):
                inside[gi].append(ch)
                break
        else:
            free.append(ch)
    items: list[tuple[float, str, object]] = []
    for line in chars_to_lines(free):
        text = line_text(line).strip()
        if text:
            items.append((line[0].top, "line", text))
    for g, chars in zip(grids, inside, strict=False):
        by_cell = fill_cells(g, chars)
        texts = {idx: cell_text(cs) for idx, cs in by_cell.items()}
        items.append((g.top, "grid", (g, texts)))
        caption = g.cells[g.owner[0][0]]
        if caption.col1 == len(g.xs) - 2 and len(g.ys) > 2:
            # Some regions print title and unit inside the grid's first, full-width cell:
            # kept as caption lines to describe the document, never to open a table.
            for line in chars_to_lines(by_cell.get(g.owner[0][0], [])):
                items.append((line[0].top, "caption", line_text(line).strip()))
    items.sort(key=lambda it: it[0])
    tops: list[float] = []
    for t in sorted(round(ch.top, 1) for ch in page.chars):
        if not tops or t - tops[-1] > TOL:
            tops.append(t)
    return PageView(page.number, items, tops)


def _unit_of(line: str) -> str | None:
    """The amount unit a ``金额单位：万元`` / ``单位：元`` line states."""
    text = normalize(line)
    for key in ("金额单位：", "金额单位:", "单位：", "单位:"):
        if key in text:
            return text.split(key, 1)[1][:4] or None
    return None


def _title_like(text: str) -> bool:
    t = normalize(text)
    return 3 < len(t) <= 40 and t.endswith("表") and "：" not in t


def _same_columns(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= 2 * TOL for x, y in zip(a, b, strict=False))


def collect_tables(content: PdfContent, template: Template) -> Collected:
    out = Collected()
    pending: TableRun | None = None  # titled, waiting for its grid
    current: TableRun | None = None  # the table the next untitled grid may continue
    for page in content.pages:
        view = read_page(page)
        for top, kind, obj in view.items:
            if kind in ("line", "caption"):
                text = str(obj)
                if page.number <= 2 and len(out.first_lines) < 60:
                    out.first_lines.append(text)
                if _title_like(text):
                    out.title_lines.append((page.number, text))
                if kind == "caption":
                    continue
                tid = match_title(text, template)
                if tid is not None:
                    if current is not None and current.id == tid:
                        pending = None  # the title printed again over a continuation
                    else:
                        if tid in out.tables:
                            out.repeated.append(tid)
                        pending = TableRun(tid, text, page.number, view.line_of(top))
                    continue
                unit = _unit_of(text)
                if unit and pending is not None and pending.unit is None:
                    pending.unit = unit
                continue
            grid, texts = obj  # type: ignore[misc]
            if pending is not None:
                spec = template.tables[pending.id]
                bands = match_header(grid, texts, spec)
                if bands is None:
                    out.titled_not_matching.setdefault(pending.id, (page.number, pending.title))
                    pending, current = None, None
                    continue
                run = out.tables.setdefault(pending.id, pending)
                if run is not pending:  # same table titled twice: keep one run, in order
                    run.unit = run.unit or pending.unit
                run.rows += grid_rows(grid, texts, spec, bands, page.number, view.line_of)
                run.xs, current, pending = grid.xs, run, None
                run.pages.append(page.number)
                continue
            if current is not None:
                spec = template.tables[current.id]
                bands = match_header(grid, texts, spec)
                if bands is None and _same_columns(grid.xs, current.xs):
                    bands = 0  # a continuation printed without its header
                if bands is not None:
                    current.rows += grid_rows(grid, texts, spec, bands, page.number, view.line_of)
                    current.pages.append(page.number)
                    continue
            out.unrelated_grids += 1
            current = None
    return out

