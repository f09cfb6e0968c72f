"""Read one PDF page with PDFium (pypdfium2), or say why it cannot be read exactly.

Contract: ``read_page(pdf, index, geometry) -> PdfiumPage``: either ``refused`` is ``None`` and
``chars``/``rects``/``lines`` hold what pdfplumber would give for the page, or ``refused``
names why the page must go to the reference reader (pdfplumber) instead. PDFium interprets
content streams in C, some 20 times faster than pdfminer.

What PDFium does differently, and how each difference is kept out:

- A font that is not embedded is measured with a substitute: other widths than the file's
  ``/W``, and empty glyph boxes when the machine has no CJK font. Refused.
- Its text page drops a text object it takes for a repeat of one of the five before it
  (meant for "fake bold"; with empty boxes it degenerates to "same text, same left edge", so
  a wrapped ``标`` under another ``标`` vanishes). A dropped object owns no character of the
  text page: refused.
- It replaces glyphs by a marked-content ``/ActualText``, splits a glyph that maps to
  several characters (``fi``, surrogate pairs), turns a ``-`` ending a line between letters
  into a soft-hyphen marker, and gives a glyph without a Unicode mapping its raw code: each
  is refused.
- Its loose glyph box also covers ink outside the advance: refused where the ink reaches
  the box's edge (pdfminer's box is the advance only).
- Rotated pages or text, uneven scaling, a non-positive font size, form XObjects, a crop
  box or an origin pdfminer would shift by, or a page box PDFium sees otherwise than
  pdfplumber: refused. The page's size and boxes come from pdfplumber's page tree
  (``Geometry``), which resolves inherited entries as the reference does.

Boxes are built the way pdfminer builds them, so grids see the same geometry: a glyph spans
its advance width from its origin, and the font size upwards from the baseline plus the
font's descent. Paths are split and classified by pdfminer's own rules (``_PathReader``).

Known differences not detected (docs/pdf.md): pdfminer leaves out the character spacing
``Tc`` after the last glyph of each show-text operator, and the ``"`` operator's line move;
PDFium rounds fractional ``/W`` widths; a glyph stacked on itself inside one text object.
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
# Called once per path segment: bound once.
_COUNT_SEGMENTS, _GET_SEGMENT = raw.FPDFPath_CountSegments, raw.FPDFPath_GetPathSegment
_SEGMENT_TYPE, _SEGMENT_POINT = raw.FPDFPathSegment_GetType, raw.FPDFPathSegment_GetPoint
_SEGMENT_CLOSES = raw.FPDFPathSegment_GetClose
_OPERATOR = {raw.FPDF_SEGMENT_MOVETO: "m", raw.FPDF_SEGMENT_LINETO: "l",
             raw.FPDF_SEGMENT_BEZIERTO: "c"}
# FPDFPageObjMark_GetParamValueType for a key the mark does not have.
_NO_VALUE = raw.FPDF_OBJECT_UNKNOWN
# An ink box this low is PDFium's stand-in for a glyph without outline (size / 1000).
_INKLESS = 0.1
# Coordinates closer than this (points) are the same, as pdfminer's float arithmetic sees them.
_EPS = 1e-3


@dataclass(frozen=True)
class Geometry:
    """The page as pdfplumber sees it: size, media box, visible box, rotation."""

    width: float
    height: float
    mediabox: tuple[float, float, float, float]
    bbox: tuple[float, float, float, float]
    rotation: int


@dataclass
class PdfiumPage:
    """One page as pdfplumber would give it: ``chars``, and ``rects`` and ``lines`` as dicts
    with ``x0``/``x1``/``top``/``bottom`` (what ``pdf.page_segments`` reads)."""

    refused: str | None = None
    chars: list[Char] = field(default_factory=list)
    rects: list[dict] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)
    images: int = 0


class Refused(Exception):
    """This page cannot be read exactly; the message says why."""


@dataclass(frozen=True, slots=True)
class _TextObject:
    """What the characters of one text object share."""

    size: float  # font size in page units
    descent: float  # below the baseline, page units (pdfminer: the descriptor's /Descent)


def open_document(data: bytes) -> pdfium.PdfDocument:
    """Open the PDF's bytes; raises ``pdfium.PdfiumError`` on anything PDFium cannot open."""
    return pdfium.PdfDocument(data)


def read_page(pdf: pdfium.PdfDocument, index: int, geometry: Geometry) -> PdfiumPage:
    page = pdf[index]
    try:
        return _read(page, geometry)
    except Refused as why:
        return PdfiumPage(refused=str(why))
    finally:
        page.close()


def _handle(pointer) -> int:
    """A PDFium handle as a number, so handles from different calls compare equal."""
    return ctypes.c_void_p.from_buffer(pointer).value


def _check_geometry(page: pdfium.PdfPage, g: Geometry) -> None:
    if g.rotation % 360 or page.get_rotation():
        raise Refused("rotated page")
    if any(abs(v) > _EPS for v in g.mediabox[:2]):
        raise Refused("page origin is not (0, 0)")
    if any(abs(a - b) > _EPS for a, b in zip(g.bbox, g.mediabox, strict=True)):
        raise Refused("crop box differs from media box")
    box = raw.FS_RECTF()
    if not raw.FPDF_GetPageBoundingBox(page.raw, box) or any(
            abs(a - b) > _EPS for a, b in zip((box.left, box.bottom, box.right, box.top),
                                               (0.0, 0.0, g.width, g.height), strict=True)):
        raise Refused("PDFium sees another page box than pdfplumber")


def _read(page: pdfium.PdfPage, geometry: Geometry) -> PdfiumPage:
    _check_geometry(page, geometry)
    height = geometry.height
    out = PdfiumPage()
    text_objects: dict[int, _TextObject] = {}
    reader = _TextObjects()
    path = _PathReader(height, out)
    handle, get_object, type_of = page.raw, raw.FPDFPage_GetObject, raw.FPDFPageObj_GetType
    for i in range(raw.FPDFPage_CountObjects(handle)):
        obj = get_object(handle, i)
        kind = type_of(obj)
        if kind == _TEXT:
            text_objects[_handle(obj)] = reader.read(obj)
        elif kind == _PATH:
            path.add(obj)
        elif kind == _IMAGE:
            out.images += 1
        elif kind == _FORM:
            raise Refused("form XObject on the page")

    textpage = page.get_textpage()
    try:
        _add_chars(textpage.raw, height, text_objects, out)
    finally:
        textpage.close()
    return out


class _TextObjects:
    """Reads each text object's shared facts, refusing what PDFium would read otherwise;
    a font's facts are read once per page."""

    def __init__(self):
        self.fonts: dict[int, float] = {}  # font -> descent per unit of size
        self.matrix = raw.FS_MATRIX()
        self.size = ctypes.c_float()

    def read(self, obj) -> _TextObject:
        for i in range(raw.FPDFPageObj_CountMarks(obj)):
            mark = raw.FPDFPageObj_GetMark(obj, i)
            if raw.FPDFPageObjMark_GetParamValueType(mark, b"ActualText") != _NO_VALUE:
                raise Refused("marked content with /ActualText (PDFium prints it instead)")
        descent = self._descent(raw.FPDFTextObj_GetFont(obj))
        m = self.matrix
        raw.FPDFPageObj_GetMatrix(obj, m)
        if m.b != 0 or m.c != 0 or m.a <= 0 or abs(m.a - m.d) > 1e-6 * m.a:
            raise Refused("rotated, mirrored, skewed or unevenly scaled text")
        raw.FPDFTextObj_GetFontSize(obj, self.size)
        if self.size.value <= 0:
            raise Refused("font size not positive")
        size = self.size.value * m.d
        return _TextObject(size, descent * size)

    def _descent(self, font) -> float:
        key = _handle(font)
        known = self.fonts.get(key)
        if known is None:
            if not raw.FPDFFont_GetIsEmbedded(font):
                # Widths and boxes would come from a substitute font, not the file's /W.
                raise Refused("a font is not embedded")
            descent = ctypes.c_float()
            if not raw.FPDFFont_GetDescent(font, ctypes.c_float(1.0), descent):
                descent.value = 0.0
            known = self.fonts[key] = descent.value
        return known


def _add_chars(tp, height: float, text_objects: dict[int, _TextObject], out: PdfiumPage) -> None:
    # The loop runs once per glyph: PDFium calls and methods are bound to locals.
    unicode_of, generated = raw.FPDFText_GetUnicode, raw.FPDFText_IsGenerated
    map_error, owner_of = raw.FPDFText_HasUnicodeMapError, raw.FPDFText_GetTextObject
    loose_box, ink_box = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetCharBox
    origin = raw.FPDFText_GetCharOrigin
    as_number = ctypes.c_void_p.from_buffer
    box = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    ink = [ctypes.c_double() for _ in range(4)]  # left, right, bottom, top
    owners: set[int] = set()
    add_owner, add_char, object_of = owners.add, out.chars.append, text_objects.get
    last = (None, 0.0, 0.0)  # owner and origin of the previous glyph
    for i in range(raw.FPDFText_CountChars(tp)):
        code = unicode_of(tp, i)
        if code in _BLANKS and generated(tp, i):  # spaces and line breaks PDFium made up
            continue
        if code == _HYPHEN_MARK:
            raise Refused("a line ends in a hyphen PDFium rewrites")
        if 0xD800 <= code <= 0xDFFF:
            raise Refused("a glyph maps to a character outside the BMP")
        if map_error(tp, i):
            raise Refused("a glyph has no Unicode mapping")
        key = as_number(owner_of(tp, i)).value
        add_owner(key)
        obj = object_of(key)
        if obj is None:
            raise Refused("a character belongs to no text object of the page")
        origin(tp, i, ox, oy)
        if last == (key, ox.value, oy.value):
            raise Refused("a glyph maps to several characters")
        last = (key, ox.value, oy.value)
        loose_box(tp, i, box)  # the advance from /W, widened by any ink outside it
        ink_box(tp, i, *ink)  # a glyph without outline gets its advance here
        if box.left < ox.value - _EPS or (ink[3].value - ink[2].value > _INKLESS
                                           and ink[1].value >= box.right - _EPS):
            raise Refused("a glyph's ink reaches outside its advance")
        bottom = oy.value + obj.descent  # pdfminer: descent below the baseline, then size
        add_char(Char(chr(code), box.left, box.right, height - (bottom + obj.size),
                      height - bottom))
    if any(key not in owners for key in text_objects):
        # Dropped as a repeat, or a text object with no glyph: its text is unknowable
        # here, and pdfplumber shows whatever it holds.
        raise Refused("PDFium dropped a text object it took for a repeat")


class _PathReader:
    """Lines and rects of each path, by pdfminer's rules (``PDFLayoutAnalyzer.paint_path``):
    a subpath starts at each move; its shape is the string of its operators (``m``, ``l``,
    ``c`` per Bézier point, ``h`` for a close); ``ml``/``mlh`` is a line, ``mlllh``/``mllll``
    closed on its first point with axis-parallel sides is a rect, anything else a curve
    (unused). A redundant last ``l`` back to the start before ``h`` is dropped first."""

    def __init__(self, height: float, out: PdfiumPage):
        self.height, self.out = height, out
        self.matrix = raw.FS_MATRIX()
        self.x, self.y = ctypes.c_float(), ctypes.c_float()

    def add(self, obj) -> None:
        m, x, y = self.matrix, self.x, self.y
        raw.FPDFPageObj_GetMatrix(obj, m)
        a, b, c, d, e, f = m.a, m.b, m.c, m.d, m.e, m.f
        shape = ""
        points: list[tuple[float, float]] = []
        for i in range(_COUNT_SEGMENTS(obj)):
            seg = _GET_SEGMENT(obj, i)
            kind = _SEGMENT_TYPE(seg)
            if kind == _MOVETO and shape:  # a new subpath: the previous one is complete
                self._classify(shape, points)
                shape, points = "", []
            _SEGMENT_POINT(seg, x, y)
            shape += _OPERATOR.get(kind, "?")
            px, py = x.value, y.value
            points.append((a * px + c * py + e, b * px + d * py + f))
            # A move closes nothing (an "m h" subpath is no line or rect either way).
            if kind != _MOVETO and _SEGMENT_CLOSES(seg):
                shape += "h"
                points.append(points[0])
        if shape:
            self._classify(shape, points)

    def _classify(self, shape: str, points: list[tuple[float, float]]) -> None:
        if len(shape) > 3 and shape[-2:] == "lh" and points[-2] == points[0]:
            shape = shape[:-2] + "h"
            points = points[:-2] + points[-1:]
        if shape in ("ml", "mlh"):
            self.out.lines.append(_box(points[:2], self.height))
        elif shape in ("mlllh", "mllll"):
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = points
            closed = points[0] == last
            square = ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
                      or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0))
            if closed and square:
                if points[3] == points[0]:
                    # Zero height: pdfminer reads an ``re`` as a curve (its last side is
                    # "redundant") but the same sides drawn with ``l`` as a rect; PDFium
                    # gives both the same points.
                    raise Refused("a rectangle of zero height")
                self.out.rects.append(_box([points[0], points[2]], self.height))


def _box(points, height: float) -> dict:
    (xa, ya), (xb, yb) = points
    return {"x0": min(xa, xb), "x1": max(xa, xb),
            "top": height - max(ya, yb), "bottom": height - min(ya, yb)}
