"""Read a PDF into positioned characters and ruling segments, one record per page.

Contract: ``read_pdf(path) -> PdfContent``. Knows nothing of budgets. Every way a file can
fail to yield a usable text layer becomes an ``InputError`` naming the file and the reason
(empty, not a PDF, truncated or corrupt, encrypted, no text layer, unmappable glyphs);
no pdfminer exception escapes.

Ruling lines occur in real files both as stroked lines and as rectangles (thin filled
rects, or boxes whose four edges are the rules), so both become ``Segment`` records.
"""

from __future__ import annotations

import re
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
        w, h = x1 - x0, bottom - top
        if h < _THIN and w >= _THIN:
            out.append(Segment("h", (top + bottom) / 2, x0, x1))
        elif w < _THIN and h >= _THIN:
            out.append(Segment("v", (x0 + x1) / 2, top, bottom))
        elif w >= _THIN and h >= _THIN:
            out += [Segment("h", top, x0, x1), Segment("h", bottom, x0, x1),
                    Segment("v", x0, top, bottom), Segment("v", x1, top, bottom)]
    for ln in lines:
        x0, x1, top, bottom = ln["x0"], ln["x1"], ln["top"], ln["bottom"]
        if abs(bottom - top) < _THIN and x1 - x0 >= _THIN:
            out.append(Segment("h", (top + bottom) / 2, x0, x1))
        elif abs(x1 - x0) < _THIN and bottom - top >= _THIN:
            out.append(Segment("v", (x0 + x1) / 2, top, bottom))
    return out


def read_pdf(path: str | Path) -> PdfContent:
    """Read every page's characters and rules; raise ``InputError`` when there is no usable text."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    sniff_pdf(path)
    pages: list[PdfPage] = []
    n_chars = n_cid = n_images = 0
    try:
        with pdfplumber.open(str(path)) as pdf:
            for i, page in enumerate(pdf.pages, start=1):
                chars = []
                for c in page.chars:
                    text = c["text"]
                    if _CID.match(text):
                        n_cid += 1
                    chars.append(Char(text, c["x0"], c["x1"], c["top"], c["bottom"]))
                n_chars += len(chars)
                n_images += len(page.images)
                pages.append(PdfPage(i, float(page.width), float(page.height), tuple(chars),
                                     tuple(page_segments(page.rects, page.lines))))
                page.close()  # pdfplumber caches layout per page; free it as we go
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
    if not pages:
        raise InputError(path, "PDF has no pages")
    if n_chars == 0:
        hint = f"{n_images} images and " if n_images else ""
        raise InputError(path, f"no text layer ({hint}no characters on {len(pages)} pages: "
                               "a scanned document needs OCR first)")
    if n_cid / n_chars > _CID_SHARE_LIMIT:
        raise InputError(path, f"unreadable text layer: {n_cid} of {n_chars} characters are "
                               "(cid:…) glyphs with no Unicode mapping (font lacks ToUnicode)")
    return PdfContent(str(path), tuple(pages))
