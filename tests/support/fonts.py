"""A small TrueType font of plain boxes, built for the characters a test PDF prints (test support).

Why it exists: published budget PDFs embed their fonts, and a reader that measures glyphs
itself needs them. PDFium (pypdfium2) cannot measure a non-embedded CJK font such as
reportlab's STSong-Light on a machine without CJK fonts: its text objects come out with
zero height and its text page drops characters it takes for duplicates. No CJK font file
exists on the test machines and none may be downloaded, so we draw one: every character
is a box (wide for CJK and full-width forms, narrow otherwise; blanks have no outline),
which is all a text extractor needs — a Unicode mapping, an advance and a real extent.

``box_font(chars)`` returns the font file's bytes; ``box_font_name(chars)`` a PostScript
name unique to the character set. Both are deterministic and cached per character set,
so a test session builds each font once.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
from collections.abc import Iterable
from functools import cache

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

UNITS_PER_EM = 1000
ASCENT, DESCENT = 880, -120
WIDE_ADVANCE, NARROW_ADVANCE, BLANK_ADVANCE = 1000, 500, 250
# The box of a wide glyph; a narrow one is the same box scaled across to its advance.
BOX_LEFT, BOX_BOTTOM, BOX_RIGHT, BOX_TOP = 60, -80, 940, 780
# A fixed date (2024-01-01, seconds since 1904) keeps the file the same on every build.
HEAD_TIMESTAMP = 3787177600
FAMILY = "BoxSans"


def is_wide(ch: str) -> bool:
    """CJK ideographs, full-width forms and East Asian ambiguous symbols (·, ≥, ≤) take a
    full em, as a Chinese font sets them."""
    return unicodedata.east_asian_width(ch) in ("W", "F", "A")


def advance(ch: str) -> int:
    """The advance width of ``ch`` in font units (per 1000 of the font size)."""
    if ch.isspace():
        return BLANK_ADVANCE
    return WIDE_ADVANCE if is_wide(ch) else NARROW_ADVANCE


def box_font(chars: Iterable[str]) -> bytes:
    """The TrueType file (bytes) covering ``chars`` and the space."""
    return _build(_charset(chars))


def box_font_name(chars: Iterable[str]) -> str:
    """A PostScript name that differs for every character set: ``BoxSans-<digest>``."""
    return _name(_charset(chars))


def _charset(chars: Iterable[str]) -> frozenset[str]:
    out = frozenset(chars) | {" "}  # reportlab always encodes code 32 as a space
    bad = sorted(ch for ch in out if len(ch) != 1 or (unicodedata.category(ch) == "Cc" and ch != " "))
    if bad:
        raise ValueError(f"not printable single characters: {bad!r}")
    return out


@cache
def _name(chars: frozenset[str]) -> str:
    digest = hashlib.sha1("".join(sorted(chars)).encode("utf-8")).hexdigest()[:12]
    return f"{FAMILY}-{digest}"


def _glyph_name(ch: str) -> str:
    code = ord(ch)
    return f"uni{code:04X}" if code <= 0xFFFF else f"u{code:05X}"


def _box(adv: int):
    """A closed, clockwise (TrueType outer) box scaled across to the advance ``adv``."""
    scale = adv / WIDE_ADVANCE
    x0, x1 = round(BOX_LEFT * scale), round(BOX_RIGHT * scale)
    pen = TTGlyphPen(None)
    pen.moveTo((x0, BOX_BOTTOM))
    pen.lineTo((x0, BOX_TOP))
    pen.lineTo((x1, BOX_TOP))
    pen.lineTo((x1, BOX_BOTTOM))
    pen.closePath()
    return pen.glyph()


def _blank():
    return TTGlyphPen(None).glyph()


@cache
def _build(chars: frozenset[str]) -> bytes:
    ordered = sorted(chars)
    names = [_glyph_name(ch) for ch in ordered]
    glyphs = {".notdef": _box(NARROW_ADVANCE)}
    metrics = {".notdef": (NARROW_ADVANCE, round(BOX_LEFT * NARROW_ADVANCE / WIDE_ADVANCE))}
    for ch, name in zip(ordered, names, strict=True):
        adv = advance(ch)
        glyphs[name] = _blank() if ch.isspace() else _box(adv)
        metrics[name] = (adv, 0 if ch.isspace() else round(BOX_LEFT * adv / WIDE_ADVANCE))

    fb = FontBuilder(UNITS_PER_EM, isTTF=True)
    fb.updateHead(created=HEAD_TIMESTAMP, modified=HEAD_TIMESTAMP)
    fb.setupGlyphOrder([".notdef", *names])
    fb.setupCharacterMap({ord(ch): name for ch, name in zip(ordered, names, strict=True)})
    fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics(metrics)
    fb.setupHorizontalHeader(ascent=ASCENT, descent=DESCENT)
    ps_name = _name(chars)
    fb.setupNameTable({"familyName": FAMILY, "styleName": "Regular",
                       "uniqueFontIdentifier": ps_name, "fullName": ps_name, "psName": ps_name,
                       "version": "Version 1.000"})
    fb.setupOS2(sTypoAscender=ASCENT, sTypoDescender=DESCENT, sTypoLineGap=0,
                usWinAscent=ASCENT, usWinDescent=-DESCENT, sCapHeight=BOX_TOP, sxHeight=BOX_TOP,
                fsType=0, achVendID="TEST")  # fsType 0: embedding allowed, reportlab subsets it
    fb.setupPost(keepGlyphNames=False)
    out = io.BytesIO()
    fb.save(out)
    return out.getvalue()
