"""Read a PDF into positioned characters and ruling segments, one record per page.

Contract: ``read_pdf(path) -> PdfContent``. Knows nothing of budgets. Every way a file can
fail to yield a usable text layer becomes an ``InputError`` naming the file and the reason
(empty, not a PDF, truncated or corrupt, encrypted, no text layer, unmappable glyphs);
no pdfminer exception escapes.

Two readers give the same records: PDFium (``pdf_pdfium``, fast) for every page it can read
exactly, pdfplumber (the reference) for the rest and for files PDFium cannot open.

Ruling lines occur in real files both as stroked lines and as rectangles (thin filled
rects, or boxes whose four edges are the rules), so both become ``Segment`` records.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from loader.errors import InputError

# A glyph pdfminer could not map to Unicode prints as "(cid:123)".
_CID = re.compile(r"^\(cid:\d+\)$")
# A rectangle thinner than this (points) is a drawn rule, not a box.
_THIN = 2.0
# Above this share of unmappable glyphs the text layer is garbage, not a few odd symbols.
_CID_SHARE_LIMIT = 0.05


@dataclass(frozen=True, slots=True)
class Char:
    """One printed glyph: its text and box (PDF points, ``top`` measured from the page top)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Segment:
    """A horizontal (``"h"``: at y=pos from start to end in x) or vertical rule."""

    orient: str  # "h" | "v"
    pos: float
    start: float
    end: float


@dataclass(frozen=True)
class PdfPage:
    number: int  # 1-based
    width: float
    height: float
    chars: tuple[Char, ...]
    segments: tuple[Segment, ...]
    images: int = 0
    reader: str = "pdfplumber"  # "pdfium", or "pdfplumber (why PDFium could not)"


@dataclass(frozen=True)
class PdfContent:
    path: str
    pages: tuple[PdfPage, ...]


def sniff_pdf(path: str | Path) -> bytes:
    """Return the file's bytes if it looks like a whole PDF, else raise ``InputError``."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read file ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(path, "empty file")
    if not data.lstrip()[:5] == b"%PDF-":
        raise InputError(path, f"not a PDF (starts with {data[:8]!r})")
    # A PDF ends with %%EOF (possibly followed by a little whitespace or junk). Its
    # absence means the download or copy was cut: refuse rather than read half a file.
    if b"%%EOF" not in data[-2048:]:
        raise InputError(path, "truncated PDF (no %%EOF marker at the end of the file)")
    return data


def page_segments(rects, lines) -> list[Segment]:
    """Rules from pdfminer-style ``rects`` and ``lines`` (dicts with x0, x1, top, bottom)."""
    out: list[Segment] = []
    for r in rects:
        x0, x1, top, bottom = r["x0"], r["x1"], r["top"], r["bottom"]
        # Rounded: a 2 pt bar is 1.99999 in PDFium's float32 and 2.0 in pdfminer's float64;
        # both readers must put it on the same side of the threshold.
        w, h = round(x1 - x0, 3), round(bottom - top, 3)
        if h < _THIN and w >= _THIN:
            out.append(Segment("h", (top + bottom) / 2, x0, x1))
        elif w < _THIN and h >= _THIN:
            out.append(Segment("v", (x0 + x1) / 2, top, bottom))
        elif w >= _THIN and h >= _THIN:
            out += [Segment("h", top, x0, x1), Segment("h", bottom, x0, x1),
                    Segment("v", x0, top, bottom), Segment("v", x1, top, bottom)]
    for ln in lines:
        x0, x1, top, bottom = ln["x0"], ln["x1"], ln["top"], ln["bottom"]
        w, h = round(x1 - x0, 3), round(bottom - top, 3)
        if abs(h) < _THIN and w >= _THIN:
            out.append(Segment("h", (top + bottom) / 2, x0, x1))
        elif abs(w) < _THIN and h >= _THIN:
            out.append(Segment("v", (x0 + x1) / 2, top, bottom))
    return out


READERS = ("auto", "pdfplumber")


def read_pdf(path: str | Path, reader: str = "auto") -> PdfContent:
    """Read every page's characters and rules; raise ``InputError`` when there is no usable text.

    Pages are read by PDFium where it gives exactly what pdfplumber would, and by pdfplumber
    (the reference) where it cannot (``pdf_pdfium`` says why, per page); ``PdfPage.reader``
    records which one read each page. ``reader="pdfplumber"`` reads every page with the
    reference (tests and benchmarks compare the two). The page tree is always pdfplumber's
    (cheap: no content is interpreted), so both readers place a page the same way,
    inherited media boxes included.
    """
    if reader not in READERS:
        raise ValueError(f"reader must be one of {READERS}, not {reader!r}")
    data = sniff_pdf(path)
    with _reference_errors(path):
        import pdfplumber

        with pdfplumber.open(str(path)) as reference:
            fast = _open_pdfium(data) if reader == "auto" else None
            # Why a page is not PDFium's when PDFium has no say: forced, or it cannot open it.
            label = "pdfplumber" if reader == "pdfplumber" else \
                "pdfplumber (PDFium cannot open the file)"
            try:
                pages = [_read_page(i, page, fast, label)
                         for i, page in enumerate(reference.pages)]
            finally:
                if fast is not None:
                    fast.close()
    return _checked(path, pages)


def _open_pdfium(data: bytes):
    """PDFium's view of the file, or ``None`` when it cannot open it (pdfplumber reads all)."""
    from loader.extract import pdf_pdfium

    try:
        return pdf_pdfium.open_document(data)
    except Exception:  # encrypted, damaged: the reference reader words the error, if any
        return None


def _read_page(index: int, page, fast, label: str) -> PdfPage:
    """One page: by PDFium when it reads it exactly, else by pdfplumber (saying why)."""
    from loader.extract import pdf_pdfium

    if fast is not None:
        geometry = pdf_pdfium.Geometry(float(page.width), float(page.height),
                                       tuple(map(float, page.mediabox)),
                                       tuple(map(float, page.bbox)), int(page.rotation or 0))
        try:
            read = pdf_pdfium.read_page(fast, index, geometry)
        except Exception as exc:  # a page PDFium chokes on is still the reference's to read
            read = pdf_pdfium.PdfiumPage(refused=f"PDFium failed: {type(exc).__name__}")
        if read.refused is None:
            return PdfPage(index + 1, geometry.width, geometry.height, tuple(read.chars),
                           tuple(page_segments(read.rects, read.lines)),
                           images=read.images, reader="pdfium")
        label = f"pdfplumber ({read.refused})"
    chars = tuple(Char(c["text"], c["x0"], c["x1"], c["top"], c["bottom"]) for c in page.chars)
    out = PdfPage(index + 1, float(page.width), float(page.height), chars,
                  tuple(page_segments(page.rects, page.lines)), images=len(page.images),
                  reader=label)
    page.close()  # pdfplumber caches layout per page; free it as we go
    return out


@contextmanager
def _reference_errors(path: str | Path):
    """pdfminer's many exception types, as one ``InputError`` naming the file."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        yield
    except InputError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(path, "encrypted PDF (a password is needed to read it)") from None
    except Exception as exc:  # pdfminer raises many unrelated types on a damaged file
        # pdfplumber wraps pdfminer's exception as the first argument of its own.
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise InputError(path, "encrypted PDF (a password is needed to read it)") from None
        reason = str(inner).splitlines()[0][:120] if str(inner) else type(inner).__name__
        raise InputError(path, f"corrupt PDF ({reason})") from None


def _checked(path: str | Path, pages: list[PdfPage]) -> PdfContent:
    """Refuse a file without a usable text layer."""
    if not pages:
        raise InputError(path, "PDF has no pages")
    n_chars = sum(len(p.chars) for p in pages)
    n_cid = sum(1 for p in pages for c in p.chars if _CID.match(c.text))
    n_images = sum(p.images for p in pages)
    if n_chars == 0:
        hint = f"{n_images} images and " if n_images else ""
        raise InputError(path, f"no text layer ({hint}no characters on {len(pages)} pages: "
                               "a scanned document needs OCR first)")
    if n_cid / n_chars > _CID_SHARE_LIMIT:
        raise InputError(path, f"unreadable text layer: {n_cid} of {n_chars} characters are "
                               "(cid:…) glyphs with no Unicode mapping (font lacks ToUnicode)")
    return PdfContent(str(path), tuple(pages))
