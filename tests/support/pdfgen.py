"""Render a ParsedDocument back into the published Beijing PDF layout (test support).

We hold no real Beijing PDF, so tests and benchmarks print one: each table gets its title
(``预算01表 收支总表``) and ``金额单位：万元`` above a ruled grid whose header is the
template's column tree with merged cells; cell text wraps inside its column; headers are
printed again on every page; table 13's project-level cells (unit, project, …, goal) are
merged over the project's indicator rows and printed again after a page break, optionally
cut the way real files cut them. ``Layout`` holds every quirk a variant can switch on.

Fonts (``Layout.font``): ``"cid"`` prints with reportlab's built-in CID font STSong-Light
(no font file; the viewer supplies it), with Helvetica for the Latin-1 symbols it drops.
``"embedded"`` prints every string in one TrueType font embedded in the file, as published
PDFs do: ``tests.support.fonts`` builds it from boxes for exactly the characters the
document prints (collected before drawing), because no CJK font file exists on the machine
and a reader that measures glyphs itself (PDFium) cannot measure a non-embedded one.
Widths and wrapping use the font that is drawn; drawing a character the font lacks raises.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from loader.model.records import ParsedDocument, Table
from tests.support.fonts import box_font, box_font_name

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

# Table 13's cells that belong to the project, not the indicator: merged over the
# indicator rows, like the published files do. Column paths from the template.
MERGED_COLUMNS = {
    "13": ("单位名称", "项目名称", "项目类别", "项目责任人", "项目责任人电话",
           "项目总额", "其中/财政资金", "其中/其他资金", "绩效目标"),
}


@dataclass(frozen=True)
class Layout:
    """Every layout choice a test variant can change."""

    pagesize: tuple[float, float] = landscape(A4)
    margin: float = 28.0
    font_size: float = 7.5
    title_size: float = 12.0
    pad: float = 2.5
    rules: str = "lines"  # "lines" (stroked lines) | "rects" (cell boxes) | "bars" (thin filled rects)
    thousands: bool = True  # False prints 8353.625570 instead of 8,353.625570
    table_per_page: bool = True  # False: a table starts mid-page right under the previous one
    text_chars: int = 14  # widest a text column grows, in CJK characters, before it wraps
    width_scale: dict[str, float] = field(default_factory=dict)  # column path -> width factor
    cut_reprint: str = "none"  # merged cells printed again after a break: "none" | "top" | "bottom"
    page_numbers: bool = True
    font: str = "cid"  # "cid" (STSong-Light, not embedded) | "embedded" (a TrueType font in the file)


@dataclass
class _Span:
    """A printed cell of the body: rows r0..r1 (table rows), columns c0..c1, its text."""

    r0: int
    r1: int
    c0: int
    c1: int
    text: str
    amount: bool


# Latin-1 symbols (the middle dot of 元/人·次) that the CID font's UCS-2 encoding in
# reportlab drops without a glyph: printed in Helvetica so the text survives whole.
FALLBACK = "Helvetica"

# Text the renderer prints besides the document's own: collected with it for the
# embedded font, so these constants are the only place it is spelled.
TOTAL_LABEL = "合    计"
UNIT_PREFIX = "金额单位："
DEFAULT_UNIT = "万元"
PAGE_LABEL_CHARS = "第 页0123456789"  # every character page_label can print


def page_label(n: int) -> str:
    return f"第 {n} 页"


@dataclass(frozen=True)
class Typeface:
    """The font text is set in: which font prints each character, and how wide it is.

    ``fallback`` prints Latin-1 symbols (the CID font only). ``covers``, when set, is every
    character the font has a glyph for; any other raises rather than printing as nothing.
    """

    font: str
    fallback: str | None = None
    covers: frozenset[str] | None = None

    def font_of(self, ch: str) -> str:
        if self.fallback and 0x80 <= ord(ch) <= 0xFF:
            return self.fallback
        if self.covers is not None and ch not in self.covers:
            raise ValueError(f"{ch!r} (U+{ord(ch):04X}) has no glyph in the embedded font {self.font}")
        return self.font

    def runs(self, text: str) -> list[tuple[str, str]]:
        """Split text into (font, run) pieces."""
        out: list[tuple[str, str]] = []
        for ch in text:
            font = self.font_of(ch)
            if out and out[-1][0] == font:
                out[-1] = (font, out[-1][1] + ch)
            else:
                out.append((font, ch))
        return out

    def width(self, text: str, size: float) -> float:
        return sum(pdfmetrics.stringWidth(run, font, size) for font, run in self.runs(text))

    def draw(self, c: canvas.Canvas, x: float, y: float, text: str, size: float,
             align: str = "left") -> None:
        """Draw text starting at x (or ending at x for "right", centred on x for "centre")."""
        w = self.width(text, size)
        x = x - w if align == "right" else x - w / 2 if align == "centre" else x
        for font, run in self.runs(text):
            c.setFont(font, size)
            c.drawString(x, y, run)
            x += pdfmetrics.stringWidth(run, font, size)

    def wrap(self, text: str, width: float, size: float) -> list[str]:
        """Break text into lines no wider than ``width``, character by character (as CJK prints)."""
        if not text:
            return []
        lines, cur = [], ""
        for ch in text:
            if cur and self.width(cur + ch, size) > width:
                # Never start a line with a space: the reader cannot tell it was there.
                if ch == " ":
                    cur += ch
                    continue
                lines.append(cur)
                cur = ch
            else:
                cur += ch
        lines.append(cur)
        return lines


CID = Typeface(FONT, fallback=FALLBACK)


@cache
def embedded_typeface(chars: frozenset[str]) -> Typeface:
    """A box font built for ``chars``, registered with reportlab under a name unique to them."""
    name = box_font_name(chars)
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(box_font(chars))))
    return Typeface(name, covers=frozenset(chars) | {" "})


def printed_chars(tables: Iterable[Table], columns_of: Callable[[str], Iterable[str]]) -> set[str]:
    """Every character the renderer can print for these tables (a superset is fine)."""
    chars = set(TOTAL_LABEL + UNIT_PREFIX + DEFAULT_UNIT + PAGE_LABEL_CHARS)
    for table in tables:
        chars.update(table.title)
        chars.update(table.unit or "")
        for col in columns_of(table.id):
            chars.update(col)  # its header prints each part of the path
        for row in table.rows:
            for value in row.cells.values():
                chars.update(value)
    return chars


def typeface_for(layout: Layout, chars: Iterable[str] | None = None) -> Typeface:
    """The typeface ``layout.font`` asks for; the embedded font needs the characters to print."""
    if layout.font == "cid":
        return CID
    if layout.font == "embedded":
        if chars is None:
            raise ValueError("Layout(font='embedded') needs the characters to print: use "
                             "render_pdf, or pass typeface=typeface_for(layout, printed_chars(...))")
        return embedded_typeface(frozenset(chars))
    raise ValueError(f"unknown Layout.font {layout.font!r}: 'cid' or 'embedded'")


def draw(c: canvas.Canvas, x: float, y: float, text: str, size: float, align: str = "left") -> None:
    """Draw text in the CID font (see ``Typeface.draw``)."""
    CID.draw(c, x, y, text, size, align)


def wrap(text: str, width: float, size: float) -> list[str]:
    """Wrap text set in the CID font (see ``Typeface.wrap``)."""
    return CID.wrap(text, width, size)


def _fmt(value: str, amount: bool, layout: Layout) -> str:
    if amount and not layout.thousands:
        return value.replace(",", "")
    return value


class _Renderer:
    def __init__(self, path: Path, layout: Layout, columns_of, amount_columns_of,
                 row_kind_of=lambda t: "two_lists" if t in ("01", "06") else "table",
                 typeface: Typeface | None = None):
        self.layout = layout
        self.face = typeface or typeface_for(layout)
        self.c = canvas.Canvas(str(path), pagesize=layout.pagesize, pageCompression=0)
        self.page_w, self.page_h = layout.pagesize
        self.columns_of = columns_of
        self.amount_columns_of = amount_columns_of
        self.row_kind_of = row_kind_of
        self.y = self.page_h - layout.margin  # cursor, PDF coordinates (from the bottom)
        self.page_no = 1
        self.page_used = False
        self.lead = layout.font_size * 1.25

    # -- page handling -------------------------------------------------------------
    def new_page(self) -> None:
        if self.layout.page_numbers:
            self.c.setFont(self.face.font, self.layout.font_size)
            self.face.draw(self.c, self.page_w / 2, self.layout.margin / 2, page_label(self.page_no),
                           self.layout.font_size, "centre")
        self.c.showPage()
        self.page_no += 1
        self.y = self.page_h - self.layout.margin
        self.page_used = False

    def room(self) -> float:
        return self.y - self.layout.margin

    # -- drawing primitives --------------------------------------------------------
    def box(self, x0: float, y_top: float, x1: float, y_bottom: float) -> None:
        c, rules = self.c, self.layout.rules
        if rules == "rects":
            c.rect(x0, y_bottom, x1 - x0, y_top - y_bottom, stroke=1, fill=0)
        elif rules == "bars":
            t = 0.6
            c.rect(x0, y_top - t / 2, x1 - x0, t, stroke=0, fill=1)
            c.rect(x0, y_bottom - t / 2, x1 - x0, t, stroke=0, fill=1)
            c.rect(x0 - t / 2, y_bottom, t, y_top - y_bottom, stroke=0, fill=1)
            c.rect(x1 - t / 2, y_bottom, t, y_top - y_bottom, stroke=0, fill=1)
        else:
            c.line(x0, y_top, x1, y_top)
            c.line(x0, y_bottom, x1, y_bottom)
            c.line(x0, y_top, x0, y_bottom)
            c.line(x1, y_top, x1, y_bottom)

    def text_lines(self, lines: list[str], x0: float, x1: float, y_top: float,
                   right: bool = False, centre: bool = False) -> None:
        size, pad = self.layout.font_size, self.layout.pad
        self.c.setFont(self.face.font, size)
        y = y_top - pad - size * 0.9
        for line in lines:
            if right:
                self.face.draw(self.c, x1 - pad, y, line, size, "right")
            elif centre:
                self.face.draw(self.c, (x0 + x1) / 2, y, line, size, "centre")
            else:
                self.face.draw(self.c, x0 + pad, y, line, size)
            y -= self.lead

    def height_of(self, n_lines: int) -> float:
        return max(n_lines, 1) * self.lead + 2 * self.layout.pad

    # -- one table -----------------------------------------------------------------
    def widths(self, table: Table) -> list[float]:
        size, pad, layout = self.layout.font_size, self.layout.pad, self.layout
        amounts = set(self.amount_columns_of(table.id))
        cols = self.columns_of(table.id)
        out = []
        for col in cols:
            values = [_fmt(r.cells.get(col, ""), col in amounts, layout) for r in table.rows]
            widest = max([self.face.width(v, size) for v in values] + [0.0])
            leaf = col.split("/")[-1]
            if col in amounts:
                w = max(widest, size * 5) + 2 * pad
            else:
                w = min(max(widest, self.face.width(leaf, size) / 2, size * 3), size * layout.text_chars) + 2 * pad
            out.append(w * layout.width_scale.get(col, 1.0))
        avail = self.page_w - 2 * layout.margin
        total = sum(out)
        if total > avail:
            out = [w * avail / total for w in out]
        return out

    def header_cells(self, cols: list[str]) -> tuple[list[tuple[int, int, int, int, str]], int]:
        """(level0, level1, c0, c1, text) for the merged header tree; and its depth."""
        parts = [c.split("/") for c in cols]
        depth = max(len(p) for p in parts)
        cells = []
        for level in range(depth):
            c = 0
            while c < len(cols):
                p = parts[c]
                if level >= len(p):
                    c += 1
                    continue
                if level == len(p) - 1:  # a leaf: runs down to the bottom of the header
                    cells.append((level, depth - 1, c, c, p[level]))
                    c += 1
                    continue
                end = c
                while end + 1 < len(cols) and parts[end + 1][: level + 1] == p[: level + 1] \
                        and len(parts[end + 1]) > level + 1:
                    end += 1
                cells.append((level, level, c, end, p[level]))
                c = end + 1
        return cells, depth

    def draw_header(self, cols: list[str], xs: list[float]) -> None:
        cells, depth = self.header_cells(cols)
        size = self.layout.font_size
        inner = self.layout.pad * 2
        heights = [self.height_of(1)] * depth
        for l0, l1, c0, c1, text in cells:
            need = self.height_of(len(self.face.wrap(text, xs[c1 + 1] - xs[c0] - inner, size)))
            have = sum(heights[l0: l1 + 1])
            if need > have:
                heights[l1] += need - have
        tops = [self.y]
        for h in heights:
            tops.append(tops[-1] - h)
        for l0, l1, c0, c1, text in cells:
            self.box(xs[c0], tops[l0], xs[c1 + 1], tops[l1 + 1])
            self.text_lines(self.face.wrap(text, xs[c1 + 1] - xs[c0] - inner, size), xs[c0], xs[c1 + 1],
                            tops[l0], centre=True)
        self.y = tops[-1]

    def header_height(self, cols: list[str], xs: list[float]) -> float:
        cells, depth = self.header_cells(cols)
        inner, size = self.layout.pad * 2, self.layout.font_size
        heights = [self.height_of(1)] * depth
        for l0, l1, c0, c1, text in cells:
            need = self.height_of(len(self.face.wrap(text, xs[c1 + 1] - xs[c0] - inner, size)))
            have = sum(heights[l0: l1 + 1])
            if need > have:
                heights[l1] += need - have
        return sum(heights)

    def spans(self, table: Table, cols: list[str]) -> list[_Span]:
        """The body's printed cells: merged where the table merges them."""
        amounts = set(self.amount_columns_of(table.id))
        merged = MERGED_COLUMNS.get(table.id, ())
        rows = table.rows
        out: list[_Span] = []
        for ci, col in enumerate(cols):
            r = 0
            while r < len(rows):
                val = rows[r].cells.get(col, "")
                end = r
                if col in merged:
                    key_cols = cols[: ci + 1]
                    while end + 1 < len(rows) and not rows[end + 1].total and not rows[r].total and all(
                            rows[end + 1].cells.get(k, "") == rows[r].cells.get(k, "")
                            for k in key_cols if k in merged):
                        end += 1
                out.append(_Span(r, end, ci, ci, _fmt(val, col in amounts, self.layout),
                                 col in amounts))
                r = end + 1
        # A 合计 row of a tabular table holds amounts only; the page prints the label
        # across its leading text columns. (01 and 06 print their totals as list items.)
        if self.row_kind_of(table.id) != "two_lists":
            for ri, row in enumerate(rows):
                if not row.total:
                    continue
                last = -1
                while last + 1 < len(cols) and cols[last + 1] not in amounts:
                    last += 1
                if last >= 0:
                    out = [s for s in out if not (s.r0 <= ri <= s.r1 and s.c0 <= last)]
                    out.append(_Span(ri, ri, 0, last, TOTAL_LABEL, False))
        return out

    def draw_table(self, table: Table) -> None:
        layout, size = self.layout, self.layout.font_size
        cols = list(self.columns_of(table.id))
        widths = self.widths(table)
        xs = [layout.margin]
        for w in widths:
            xs.append(xs[-1] + w)
        inner = 2 * layout.pad
        spans = self.spans(table, cols)
        n = len(table.rows)
        # Row heights: the tallest single-row cell; then grow the last row of a merged
        # group until the group's text fits.
        heights = [self.height_of(1)] * n
        for s in spans:
            if s.r0 == s.r1:
                need = self.height_of(len(self.face.wrap(s.text, xs[s.c1 + 1] - xs[s.c0] - inner, size)))
                heights[s.r0] = max(heights[s.r0], need)
        for s in spans:
            if s.r0 != s.r1:
                need = self.height_of(len(self.face.wrap(s.text, xs[s.c1 + 1] - xs[s.c0] - inner, size)))
                have = sum(heights[s.r0: s.r1 + 1])
                if need > have:
                    heights[s.r1] += need - have
        head_h = self.header_height(cols, xs)
        title_h = layout.title_size * 1.6 + self.lead * 1.4
        # A table starts mid-page only if its first row, and the text of any cell merged
        # down from it, fits under the header there.
        first_row = heights[0] if n else 0.0
        for sp in spans:
            if sp.r0 == 0:  # the rows it takes before the merged cell's text is all shown
                need = self.height_of(len(self.face.wrap(sp.text, xs[sp.c1 + 1] - xs[sp.c0] - inner, size)))
                got = 0.0
                for h in heights[: sp.r1 + 1]:
                    got += h
                    if got >= need:
                        break
                first_row = max(first_row, got)
        if self.page_used and (layout.table_per_page or self.room() < title_h + head_h + first_row):
            self.new_page()
        # Title and unit line.
        self.c.setFont(self.face.font, layout.title_size)
        self.y -= layout.title_size
        self.face.draw(self.c, self.page_w / 2, self.y, table.title, layout.title_size, "centre")
        self.y -= layout.title_size * 0.6 + self.lead
        self.c.setFont(self.face.font, size)
        self.face.draw(self.c, xs[-1], self.y, UNIT_PREFIX + (table.unit or DEFAULT_UNIT), size, "right")
        self.y -= self.lead * 0.6
        self.page_used = True
        r = 0
        while True:
            self.draw_header(cols, xs)
            if r >= n:
                break
            first, room, end = r, self.room(), r
            used = 0.0
            while end < n and used + heights[end] <= room:
                used += heights[end]
                end += 1
            if end == first:  # a row taller than a page: print it anyway, it will overflow
                end = first + 1
            end = self.keep_groups_whole(spans, heights, xs, first, end)
            self.draw_rows(spans, heights, xs, first, end)
            r = end
            if r < n:
                self.new_page()
                self.page_used = True
            else:
                break

    def keep_groups_whole(self, spans, heights, xs, first: int, end: int) -> int:
        """Move a page break up so a merged group's first print shows its whole text."""
        size, inner = self.layout.font_size, 2 * self.layout.pad
        changed = True
        while changed and end > first + 1:
            changed = False
            for s in spans:
                if s.r0 >= first and s.r0 < end <= s.r1:
                    need = self.height_of(len(self.face.wrap(s.text, xs[s.c1 + 1] - xs[s.c0] - inner, size)))
                    if sum(heights[s.r0: end]) < need and s.r0 > first:
                        end = s.r0
                        changed = True
                        break
        return end

    def draw_rows(self, spans, heights, xs, first: int, end: int) -> None:
        size, inner = self.layout.font_size, 2 * self.layout.pad
        tops = {first: self.y}
        for r in range(first, end):
            tops[r + 1] = tops[r] - heights[r]
        for s in spans:
            r0, r1 = max(s.r0, first), min(s.r1, end - 1)
            if r0 > r1:
                continue
            y_top, y_bottom = tops[r0], tops[r1 + 1]
            self.box(xs[s.c0], y_top, xs[s.c1 + 1], y_bottom)
            lines = self.face.wrap(s.text, xs[s.c1 + 1] - xs[s.c0] - inner, size)
            fits = max(int((y_top - y_bottom - 2 * self.layout.pad) // self.lead), 1)
            if s.r0 < first and self.layout.cut_reprint == "top" and len(lines) > 1:
                lines = lines[1:]  # printed again, its first line lost at the cut
            if len(lines) > fits:
                lines = lines[:fits]  # the cell is clipped at its bottom edge
            self.text_lines(lines, xs[s.c0], xs[s.c1 + 1], y_top, right=s.amount)
        self.y = tops[end]

    def finish(self) -> None:
        if self.layout.page_numbers:
            self.c.setFont(self.face.font, self.layout.font_size)
            self.face.draw(self.c, self.page_w / 2, self.layout.margin / 2, page_label(self.page_no),
                           self.layout.font_size, "centre")
        self.c.save()


def render_pdf(doc: ParsedDocument, path: str | Path, layout: Layout | None = None,
               tables: list[str] | None = None) -> Path:
    """Print ``doc`` (or only the listed table ids) as a Beijing-layout PDF at ``path``."""
    from loader.parse.pdf_template import beijing_template

    template = beijing_template()
    layout = layout or Layout()
    chosen = [doc.tables[tid] for tid in sorted(doc.tables) if tables is None or tid in tables]

    def columns_of(tid: str):
        return template.tables[tid].columns

    chars = printed_chars(chosen, columns_of) if layout.font == "embedded" else None
    typeface = typeface_for(layout, chars)
    path = Path(path)
    r = _Renderer(path, layout, columns_of=columns_of,
                  amount_columns_of=lambda t: template.tables[t].amount_columns,
                  row_kind_of=lambda t: template.tables[t].row_kind, typeface=typeface)
    for table in chosen:
        r.draw_table(table)
    r.finish()
    return path
