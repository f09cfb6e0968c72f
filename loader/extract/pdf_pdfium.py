"""Read one PDF page with PDFium (pypdfium2), or say why it cannot be read exactly.

Contract: ``read_page(pdf, index) -> PdfiumPage``: either ``refused`` is ``None`` and
``chars``/``rects``/``lines`` hold what pdfplumber would give for the page, or ``refused``
names why the page must go to the reference reader (pdfplumber) instead. PDFium interprets
content streams in C, some 20 times faster than pdfminer.

What PDFium does differently, and how each difference is kept out:

- A font that is not embedded is measured with a substitute: other widths than the file's
  ``/W``, and empty glyph boxes when the machine has no CJK font. Refused.
- Its text page drops a text object it takes for a repeat of one of the five before it
  (meant for "fake bold"; with empty boxes it degenerates to "same text, same left edge", so
  a wrapped ``标`` under another ``标`` vanishes). A dropped object owns no character of the
  text page: refused, unless its glyphs have no outline in an embedded font (blanks).
- A ``-`` ending a line between letters becomes a soft-hyphen marker, a glyph without a
  Unicode mapping gets its raw code, and rotated pages or text, form XObjects, a crop box
  or an origin pdfminer would shift by all move coordinates: each is refused.

Boxes are built the way pdfminer builds them, so grids see the same geometry: a glyph spans
its advance width from its origin, and the font size upwards from the baseline plus the
font's descent.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from loader.extract.pdf import Char

# A text or path object inside a form XObject is placed by the form's matrix, which the
# page-object API does not compose for us; such pages go to pdfplumber.
_FORM = raw.FPDF_PAGEOBJ_FORM
_TEXT = raw.FPDF_PAGEOBJ_TEXT
_PATH = raw.FPDF_PAGEOBJ_PATH
_IMAGE = raw.FPDF_PAGEOBJ_IMAGE
# Characters the text page may generate (word and line breaks); a real one is also possible.
_BLANKS = frozenset((0x20, 0x0A, 0x0D))
# The text page replaces a "-" that ends a line with this marker.
_HYPHEN_MARK = 0x02
_MOVETO = raw.FPDF_SEGMENT_MOVETO
_BEZIERTO = raw.FPDF_SEGMENT_BEZIERTO
# Coordinates closer than this (points) are the same, as pdfminer's float arithmetic sees them.
_EPS = 1e-3


@dataclass
class PdfiumPage:
    """One page as pdfplumber would give it: ``chars``, and ``rects`` and ``lines`` as dicts
    with ``x0``/``x1``/``top``/``bottom`` (what ``pdf.page_segments`` reads)."""

    refused: str | None = None
    width: float = 0.0
    height: float = 0.0
    chars: list[Char] = field(default_factory=list)
    rects: list[dict] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)
    images: int = 0


@dataclass(frozen=True, slots=True)
class _TextObject:
    """What the characters of one text object share."""

    embedded: bool  # its font program is in the file (else PDFium measures a substitute)
    # Glyphs of an embedded font that have no outline (an empty box) print nothing
    # visible: whitespace. The text page may drop such an object harmlessly.
    invisible: bool
    upright: bool  # neither rotated, mirrored nor scaled unevenly
    size: float  # font size in page units
    descent: float  # below the baseline, page units (pdfminer: the descriptor's /Descent)


def open_document(data: bytes) -> pdfium.PdfDocument:
    """Open the PDF's bytes; raises ``pdfium.PdfiumError`` on anything PDFium cannot open."""
    return pdfium.PdfDocument(data)


def read_page(pdf: pdfium.PdfDocument, index: int) -> PdfiumPage:
    page = pdf[index]
    try:
        return _read(page)
    finally:
        page.close()


def _handle(pointer) -> int:
    """A PDFium handle as a number, so handles from different calls compare equal."""
    return ctypes.c_void_p.from_buffer(pointer).value


def _read(page: pdfium.PdfPage) -> PdfiumPage:
    if page.get_rotation():
        return PdfiumPage(refused="rotated page")
    left, bottom, right, top = page.get_mediabox()
    if abs(left) > _EPS or abs(bottom) > _EPS:
        return PdfiumPage(refused="page origin is not (0, 0)")
    if page.get_cropbox() != page.get_mediabox():
        return PdfiumPage(refused="crop box differs from media box")
    height = top - bottom

    out = PdfiumPage(width=right - left, height=height)
    text_objects: dict[int, _TextObject] = {}
    reader = _TextObjects()
    path = _PathReader(height, out)
    handle = page.raw
    for i in range(raw.FPDFPage_CountObjects(handle)):
        obj = raw.FPDFPage_GetObject(handle, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == _TEXT:
            info = text_objects[_handle(obj)] = reader.read(obj)
            if not info.embedded:
                # Widths and boxes would come from a substitute font, not the file's /W.
                return PdfiumPage(refused="a font is not embedded")
        elif kind == _PATH:
            path.add(obj)
        elif kind == _IMAGE:
            out.images += 1
        elif kind == _FORM:
            return PdfiumPage(refused="form XObject on the page")

    textpage = page.get_textpage()
    try:
        refused = _add_chars(textpage.raw, height, text_objects, out)
    finally:
        textpage.close()
    if refused:
        return PdfiumPage(refused=refused)
    return out


class _TextObjects:
    """Reads each text object's shared facts; a font's are read once per page."""

    def __init__(self):
        self.fonts: dict[int, tuple[bool, float]] = {}  # font -> (embedded, descent per size)
        self.bounds = tuple(ctypes.c_float() for _ in range(4))
        self.matrix = raw.FS_MATRIX()
        self.size = ctypes.c_float()

    def read(self, obj) -> _TextObject:
        left, bottom, right, top = self.bounds
        raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        empty = right.value - left.value <= _EPS or top.value - bottom.value <= _EPS
        embedded, descent = self._font(raw.FPDFTextObj_GetFont(obj))
        m = self.matrix
        raw.FPDFPageObj_GetMatrix(obj, m)
        upright = abs(m.b) <= _EPS and abs(m.c) <= _EPS and m.a > 0 and abs(m.a - m.d) <= _EPS
        raw.FPDFTextObj_GetFontSize(obj, self.size)
        size = self.size.value * m.d
        return _TextObject(embedded, empty and embedded, upright, size, descent * size)

    def _font(self, font) -> tuple[bool, float]:
        key = _handle(font)
        known = self.fonts.get(key)
        if known is None:
            descent = ctypes.c_float()
            if not raw.FPDFFont_GetDescent(font, ctypes.c_float(1.0), descent):
                descent.value = 0.0
            known = self.fonts[key] = (bool(raw.FPDFFont_GetIsEmbedded(font)), descent.value)
        return known


def _add_chars(tp, height: float, text_objects: dict[int, _TextObject],
               out: PdfiumPage) -> str | None:
    # The loop runs once per glyph: PDFium calls and methods are bound to locals.
    unicode_of, generated = raw.FPDFText_GetUnicode, raw.FPDFText_IsGenerated
    map_error, owner_of = raw.FPDFText_HasUnicodeMapError, raw.FPDFText_GetTextObject
    loose_box, origin = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetCharOrigin
    as_number = ctypes.c_void_p.from_buffer
    box = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    owners: set[int] = set()
    add_owner, add_char, object_of = owners.add, out.chars.append, text_objects.get
    for i in range(raw.FPDFText_CountChars(tp)):
        code = unicode_of(tp, i)
        if code in _BLANKS and generated(tp, i):  # spaces and line breaks PDFium made up
            continue
        if code == _HYPHEN_MARK:
            return "a line ends in a hyphen PDFium rewrites"
        if map_error(tp, i):
            return "a glyph has no Unicode mapping"
        key = as_number(owner_of(tp, i)).value
        add_owner(key)
        obj = object_of(key)
        if obj is None:
            return "a character belongs to no text object of the page"
        if not obj.upright:
            return "rotated, mirrored or scaled text"
        loose_box(tp, i, box)  # left/right: the origin and the advance width, from /W
        origin(tp, i, ox, oy)
        bottom = oy.value + obj.descent  # pdfminer: descent below the baseline, then size
        add_char(Char(chr(code), box.left, box.right, height - (bottom + obj.size),
                      height - bottom))
    for key, obj in text_objects.items():
        if key not in owners and not obj.invisible:
            # Dropped as a repeat, or a text object with no glyph: its text is unknowable
            # here, and pdfplumber would show whatever it holds.
            return "PDFium dropped a text object it took for a repeat"
    return None


class _PathReader:
    """Split each path into subpaths and classify them as pdfminer does: two points make a
    line, an axis-aligned closed quadrilateral a rect; anything else is a curve (unused)."""

    def __init__(self, height: float, out: PdfiumPage):
        self.height, self.out = height, out
        self.matrix = raw.FS_MATRIX()
        self.x, self.y = ctypes.c_float(), ctypes.c_float()

    def add(self, obj) -> None:
        m, x, y = self.matrix, self.x, self.y
        raw.FPDFPageObj_GetMatrix(obj, m)
        a, b, c, d, e, f = m.a, m.b, m.c, m.d, m.e, m.f
        get_segment, get_type, get_point, get_close = (
            raw.FPDFPath_GetPathSegment, raw.FPDFPathSegment_GetType,
            raw.FPDFPathSegment_GetPoint, raw.FPDFPathSegment_GetClose)
        points: list[tuple[float, float]] = []
        is_closed = is_curved = False
        for i in range(raw.FPDFPath_CountSegments(obj)):
            seg = get_segment(obj, i)
            kind = get_type(seg)
            if kind == _MOVETO and points:  # a new subpath: the previous one is complete
                if not is_curved:
                    self._classify(points, is_closed)
                points, is_closed, is_curved = [], False, False
            elif kind == _BEZIERTO:
                is_curved = True
            get_point(seg, x, y)
            points.append((a * x.value + c * y.value + e, b * x.value + d * y.value + f))
            if get_close(seg):
                is_closed = True
        if points and not is_curved:
            self._classify(points, is_closed)

    def _classify(self, points, is_closed: bool) -> None:
        if is_closed and len(points) > 1 and _same(points[-1], points[0]):
            points = points[:-1]  # "re" may repeat its first corner before closing
        if len(points) == 2 and not is_closed:
            self.out.lines.append(_box(points, self.height))
        elif len(points) == 4 and _is_rect(points):
            self.out.rects.append(_box(points, self.height))


def _same(p, q) -> bool:
    return abs(p[0] - q[0]) <= _EPS and abs(p[1] - q[1]) <= _EPS


def _is_rect(points) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points
    eq = lambda u, v: abs(u - v) <= _EPS  # noqa: E731
    return ((eq(x0, x1) and eq(y1, y2) and eq(x2, x3) and eq(y3, y0))
            or (eq(y0, y1) and eq(x1, x2) and eq(y2, y3) and eq(x3, x0)))


def _box(points, height: float) -> dict:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return {"x0": min(xs), "x1": max(xs), "top": height - max(ys), "bottom": height - min(ys)}
