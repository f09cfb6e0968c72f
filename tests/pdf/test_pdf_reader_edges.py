"""Edge cases of the two PDF readers: PDFium reads a page exactly as pdfplumber does, or
refuses it and pdfplumber reads it.

Each case prints one small page in an embedded box font: with reportlab, with raw
content-stream operators where reportlab has no call for a feature (text state, path
shapes), or as a hand-written PDF where reportlab cannot make the font at all (Type0 with
Identity-H, as published files embed theirs; Type3). Pages PDFium reads must give
pdfplumber's visible characters and rules; pages it cannot read exactly must be refused,
with the reason, so the reference reads them. Cases where PDFium differs silently today are
not here (they would fail): they are reported to the reader's owner instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from loader.extract.pdf import PdfPage, read_pdf
from tests.pdf.test_pdf_readers import _same_page
from tests.support.fonts import advance, box_font
from tests.support.pdfgen import embedded_typeface

TEXT = "一级指标 合计 12.50 Abc"
FACE = embedded_typeface(frozenset(TEXT + "二北京市-"))
# Over 256 distinct characters: reportlab splits the font into several subsets on one page.
MANY = "".join(chr(0x4E00 + i) for i in range(300))

Build = Callable[[Path], None]


def _both(path: Path) -> tuple[PdfPage, PdfPage]:
    (fast,) = read_pdf(path).pages
    (reference,) = read_pdf(path, "pdfplumber").pages
    assert reference.reader == "pdfplumber"
    return fast, reference


def _printed(draw: Callable[[canvas.Canvas], object], rotate: int = 0) -> Build:
    """A page reportlab prints: ``draw`` gets the canvas, font set to the embedded face."""
    def build(path: Path) -> None:
        c = canvas.Canvas(str(path), pagesize=(595, 842), pageCompression=0)
        c.setPageRotation(rotate)
        c.setFont(FACE.font, 10)
        draw(c)
        c.showPage()
        c.save()
    return build


def _ops(ops: str, label: str = "合计 12") -> Build:
    """A line of text, then the raw content-stream operators ``ops`` (paths, mostly)."""
    return _printed(lambda c: (c.drawString(72, 780, label), c._code.append(ops)))


def _shown(ops: str, text: str = "合计") -> Build:
    """``text`` drawn at (72, 700) with its show operator replaced by ``ops``, in the same
    text object: ``{s}`` is the string as encoded in the font subset, ``{f}`` the font."""
    def draw(c: canvas.Canvas) -> None:
        c.drawString(72, 700, text)
        code = c._code[-1]
        string = re.search(r"(\(.*?\)) Tj", code).group(1)
        font = re.search(r"(/\S+) [\d.]+ Tf", code).group(1)
        c._code[-1] = code.replace(f"{string} Tj", ops.format(s=string, f=font))
    return _printed(draw)


def _text_object(setup: Callable, text: str = TEXT, x: float = 72, y: float = 700) -> Build:
    """One reportlab text object: ``setup`` sets its state before the text is shown."""
    def draw(c: canvas.Canvas) -> None:
        t = c.beginText(x, y)
        t.setFont(FACE.font, 10)
        setup(t)
        t.textOut(text)
        c.drawText(t)
    return _printed(draw)


def _several_subsets(c: canvas.Canvas) -> None:
    face = embedded_typeface(frozenset(MANY))
    c.setFont(face.font, 8)
    for i in range(0, len(MANY), 30):
        c.drawString(40, 800 - i * 2, MANY[i:i + 30])


def _nested_states(c: canvas.Canvas) -> None:
    c.saveState()
    c.translate(10, 20)
    c.saveState()
    c.translate(30, -40)
    c.drawString(72, 700, TEXT)
    c.line(72, 690, 300, 690)
    c.restoreState()
    c.drawString(72, 600, TEXT)
    c.restoreState()
    c.drawString(72, 500, TEXT)
    c.rect(60, 480, 200, 40)


def _clipped_by_text(c: canvas.Canvas) -> None:
    """Text in render mode 7 (add to the clip), then a filled rect seen through it."""
    t = c.beginText(72, 700)
    t.setFont(FACE.font, 10)
    t.setTextRenderMode(7)
    t.textOut(TEXT)
    c.drawText(t)
    c.rect(50, 650, 300, 100, fill=1)


def _annotated(c: canvas.Canvas) -> None:
    c.drawString(72, 700, TEXT)
    c.linkURL("http://example.com", (72, 690, 200, 710))
    c.textAnnotation("note annotation text", Rect=(300, 300, 400, 400))
    c.freeTextAnnotation("FreeText words", DA="/Helv 12 Tf 0 g", Rect=(300, 500, 400, 550))
    c.acroForm.textfield(name="field", value="Total 12", x=100, y=100)


# ------------------------------------------------------------- hand-written PDFs
def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _to_unicode(codes: dict[int, str], width: int) -> bytes:
    pairs = " ".join(f"<{code:0{width}X}> <{ord(ch):04X}>" for code, ch in codes.items())
    space = "0" * width, "F" * width
    return _stream((
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo "
        "<< /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS "
        f"def /CMapType 2 def 1 begincodespacerange <{space[0]}> <{space[1]}> endcodespacerange "
        f"{len(codes)} beginbfchar {pairs} endbfchar endcmap CMapName currentdict /CMap "
        "defineresource pop end end").encode())


def _write_pdf(path: Path, content: bytes, font: list[bytes], page_extra: bytes = b"",
               mediabox: bytes = b"[0 0 595 842]") -> None:
    """One page; ``font`` holds the objects of font /F1, numbered from 5."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox " + mediabox + page_extra +
               b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
               _stream(content), *font]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    path.write_bytes(bytes(out))


CID_CHARS = "一级指标合计12.5Abc"


def _type0(content: Callable[[Callable[[str], bytes]], bytes], widths: bytes | None = None,
           default_width: bytes = b"", mediabox: bytes = b"[0 0 595 842]") -> Build:
    """A page in a Type0 font (Identity-H, CIDFontType2, two-byte codes = glyph ids) over
    the box font; ``content`` gets the encoder of a string as a hex string."""
    ordered = sorted(set(CID_CHARS) | {" "})
    gid = {ch: i + 1 for i, ch in enumerate(ordered)}  # glyph 0 is .notdef
    if widths is None:
        widths = b"[" + b" ".join(b"%d [%d]" % (gid[ch], advance(ch)) for ch in ordered) + b"]"
    data = box_font(CID_CHARS)
    font = [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /BoxSans /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 8 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /BoxSans /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R "
        b"/CIDToGIDMap /Identity /W " + widths + b" " + default_width + b" >>",
        b"<< /Type /FontDescriptor /FontName /BoxSans /Flags 4 /FontBBox [0 -120 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 780 /StemV 80 /FontFile2 9 0 R >>",
        _to_unicode({gid[ch]: ch for ch in ordered}, 4),
        _stream(data, b"/Length1 %d" % len(data)),
    ]

    def encode(text: str) -> bytes:
        return b"<" + b"".join(b"%04X" % gid[ch] for ch in text) + b">"

    return lambda path: _write_pdf(path, content(encode), font, mediabox=mediabox)


def _type3(path: Path) -> None:
    """Two Type3 glyphs (合, A): boxes drawn by their own content streams."""
    font = [
        b"<< /Type /Font /Subtype /Type3 /FontBBox [0 -120 1000 880] "
        b"/FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /g1 6 0 R /g2 7 0 R >> "
        b"/Encoding << /Type /Encoding /Differences [97 /g1 /g2] >> /FirstChar 97 "
        b"/LastChar 98 /Widths [1000 500] /ToUnicode 8 0 R /FontDescriptor 9 0 R "
        b"/Resources << >> >>",
        _stream(b"1000 0 0 -120 1000 880 d1 60 -80 880 860 re f"),
        _stream(b"500 0 0 -120 500 880 d1 30 -80 440 860 re f"),
        _to_unicode({97: "合", 98: "A"}, 2),
        b"<< /Type /FontDescriptor /FontName /T3 /Flags 4 /FontBBox [0 -120 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 780 /StemV 80 >>",
    ]
    _write_pdf(path, b"BT /F1 10 Tf 72 700 Td (abba) Tj ET", font)


def _line(at: bytes, text: bytes) -> bytes:
    return b"BT /F1 10 Tf " + at + b" Td " + text + b" Tj ET "


# ------------------------------------------------------------- PDFium reads these alike
READ_ALIKE: dict[str, Build] = {
    # text state
    "plain": _printed(lambda c: c.drawString(72, 700, TEXT)),
    "rise": _text_object(lambda t: t.setRise(5)),
    "negative_rise": _text_object(lambda t: t.setRise(-3)),
    "rise_mid_text": _text_object(
        lambda t: (t.textOut("合计"), t.setRise(4), t.textOut("12"), t.setRise(0))),
    "char_spacing_one_string": _text_object(lambda t: t.setCharSpace(3)),
    "negative_char_spacing_one_string": _text_object(lambda t: t.setCharSpace(-1.5)),
    "char_spacing_then_new_line": _shown("3 Tc {s} Tj 0 -20 Td {s} Tj"),
    "word_spacing": _text_object(lambda t: t.setWordSpace(7)),
    "leading_and_next_line": _text_object(
        lambda t: (t.setLeading(14), t.textLine("合计"), t.textLine("12"))),
    "quote_operator": _shown("14 TL {s} ' {s} Tj"),
    "kerning_in_tj_array": _shown("[{s} 300 {s} -250 {s} 123.456 {s}] TJ"),
    "kerning_overlaps_half_a_glyph": _shown("[{s} 500 {s}] TJ", "计"),
    "font_size_changed_in_text_object": _shown("{s} Tj {f} 20 Tf {s} Tj"),
    "render_mode_invisible": _text_object(lambda t: t.setTextRenderMode(3)),
    "render_mode_invisible_then_visible": _shown("3 Tr {s} Tj 0 Tr 0 -20 Td {s} Tj"),
    "render_mode_stroke": _text_object(lambda t: t.setTextRenderMode(1)),
    "render_mode_fill_stroke": _text_object(lambda t: t.setTextRenderMode(2)),
    "render_mode_clip": _printed(_clipped_by_text),
    "empty_string": _printed(lambda c: (c.drawString(72, 700, ""), c.drawString(72, 600, TEXT))),
    "spaces_only_object": _printed(
        lambda c: (c.drawString(72, 700, "     "), c.drawString(72, 600, TEXT))),
    "one_point_font": _printed(lambda c: (c.setFont(FACE.font, 1), c.drawString(72, 700, TEXT))),
    "half_point_font": _printed(
        lambda c: (c.setFont(FACE.font, 0.5), c.drawString(72, 700, TEXT))),
    "huge_font": _printed(lambda c: (c.setFont(FACE.font, 72), c.drawString(20, 600, "合计12Ab"))),
    "two_fonts_two_lines": _printed(lambda c: (
        c.drawString(72, 700, TEXT), c.setFont(embedded_typeface(frozenset("合计AB")).font, 10),
        c.drawString(72, 680, "合计AB"))),
    "two_fonts_one_line": _printed(lambda c: (
        c.drawString(72, 700, "合计"), c.setFont(embedded_typeface(frozenset("合计AB")).font, 10),
        c.drawString(92, 700, "合计"))),
    "several_subsets_of_one_font": _printed(_several_subsets),
    "text_outside_the_page": _printed(lambda c: (
        c.drawString(-50, 700, "合计12"), c.drawString(72, 900, "一级"),
        c.drawString(700, 100, "指标"), c.drawString(72, 600, "合计"))),
    "hyphen_inside_a_line": _printed(lambda c: c.drawString(72, 700, "Ab-c 12-5")),
    "hyphen_at_line_end_after_digits": _printed(
        lambda c: (c.drawString(72, 700, "12-"), c.drawString(72, 688, "Abc"))),
    # text and current transformation matrices
    "text_matrix_scaled_2": _text_object(lambda t: t.setTextTransform(2, 0, 0, 2, 72, 600)),
    "text_matrix_scaled_half": _text_object(lambda t: t.setTextTransform(.5, 0, 0, .5, 72, 700)),
    "text_matrix_set_twice": _text_object(lambda t: (
        t.setTextTransform(2, 0, 0, 2, 72, 600), t.textOut("合计"),
        t.setTextTransform(1, 0, 0, 1, 72, 500))),
    "uneven_matrix_evened_by_horizontal_scaling": _text_object(
        lambda t: (t.setTextTransform(1, 0, 0, 2, 72, 700), t.setHorizScale(200))),
    "rise_in_scaled_text_matrix": _text_object(
        lambda t: (t.setTextTransform(2, 0, 0, 2, 72, 600), t.setRise(5))),
    "char_spacing_in_scaled_text_matrix": _text_object(
        lambda t: (t.setTextTransform(2, 0, 0, 2, 72, 600), t.setCharSpace(2))),
    "word_spacing_in_scaled_text_matrix": _text_object(
        lambda t: (t.setTextTransform(2, 0, 0, 2, 72, 600), t.setWordSpace(5))),
    "size_from_matrix_and_font_size": _shown("3 0 0 3 72 500 Tm {f} 0.5 Tf {s} Tj"),
    "ctm_scaled_2": _printed(lambda c: (
        c.scale(2, 2), c.setFont(FACE.font, 10), c.drawString(36, 350, TEXT))),
    "ctm_translated": _printed(lambda c: (c.translate(100, -50), c.drawString(36, 700, TEXT))),
    "ctm_changed_inside_text_object": _shown("{s} Tj 1 0 0 1 0 -50 cm {s} Tj"),
    "text_object_inside_saved_state": _shown(
        "{s} Tj ET q 1 0 0 1 0 -50 cm BT 72 700 Td {f} 10 Tf {s} Tj ET Q BT"),
    "negative_y_translated_back": _printed(
        lambda c: (c.translate(0, 800), c.drawString(72, -100, TEXT))),
    "nested_saved_states": _printed(_nested_states),
    # paths: pdfminer's line (2 points) and rect (closed axis-aligned quadrilateral)
    "rect_stroked": _ops("100 100 200 50 re S"),
    "rect_filled_thin": _ops("100 100 200 0.5 re f"),
    "rect_filled_thick": _ops("100 100 200 5 re f"),
    "rect_negative_size": _ops("300 150 -200 -50 re S"),
    "rect_zero_width": _ops("100 100 0 200 re S"),
    "two_rects_one_path": _ops("100 100 200 50 re 100 300 200 1 re f"),
    "rect_and_line_one_path": _ops("100 300 m 300 300 l 100 100 200 50 re S"),
    "rect_not_painted": _ops("100 100 200 50 re n"),
    "rect_as_clip": _ops("100 100 200 50 re W n 100 400 200 1 re f"),
    "rect_clips_and_strokes": _ops("100 100 200 50 re W S"),
    "rect_fill_and_stroke": _ops("100 100 200 50 re B"),
    "rects_even_odd": _ops("100 100 200 50 re 120 110 100 20 re f*"),
    "rect_by_lines_closed": _ops("100 100 m 300 100 l 300 150 l 100 150 l h S"),
    "rect_by_lines_back_to_start_closed": _ops(
        "100 100 m 300 100 l 300 150 l 100 150 l 100 100 l h f"),
    "rect_by_lines_close_stroke": _ops("100 100 m 300 100 l 300 150 l 100 150 l s"),
    "thin_rect_by_lines": _ops("100 100 m 300 100 l 300 100.5 l 100 100.5 l h f"),
    "rect_off_by_a_fiftieth": _ops("100 100 m 300 100 l 300 150 l 100.02 150 l h S"),
    "quadrilateral_not_a_rect": _ops("100 100 m 300 100 l 320 150 l 100 150 l h S"),
    "diamond": _ops("100 100 m 300 120 l 300 150 l 100 150 l h S"),
    "degenerate_rect": _ops("100 100 m 300 100 l 300 100 l 100 100 l h S"),
    "three_segment_polyline": _ops("100 100 m 300 100 l 300 150 l S"),
    "long_polyline": _ops("100 100 m 300 100 l 300 150 l 400 150 l 400 300 l S"),
    "five_point_open_path": _ops("100 100 m 300 100 l 300 150 l 100 150 l 100 120 l S"),
    "line": _ops("100 100 m 300 100 l S"),
    "line_vertical": _ops("100 100 m 100 300 l S"),
    "line_diagonal": _ops("100 100 m 300 300 l S"),
    "line_zero_length": _ops("100 100 m 100 100 l S"),
    "line_zero_length_then_line": _ops("100 100 m 100 100 l 100 200 m 300 200 l S"),
    "line_filled": _ops("100 100 m 300 100 l f"),
    "line_not_painted": _ops("100 100 m 300 100 l n"),
    "line_dashed": _ops("[3 2] 0 d 100 100 m 300 100 l S [] 0 d"),
    "line_thick": _ops("8 w 100 100 m 300 100 l S"),
    "line_far_off_the_page": _ops("-50 -10 m 700 -10 l S 600 100 m 600 900 l S"),
    "moveto_only": _ops("100 100 m S"),
    "moveto_twice_then_line": _ops("50 50 m 100 100 m 300 100 l S"),
    "close_then_line_continues": _ops("100 100 m 300 100 l h 300 200 l S"),
    "curve_and_lines": _ops("100 100 m 200 100 l 250 100 300 150 300 200 c 300 300 l S"),
    "curve_then_line_subpath": _ops("100 100 m 150 50 200 50 250 100 c 100 200 m 300 200 l S"),
    "curves_v_and_y": _ops("100 100 m 150 150 200 200 v 250 250 300 300 y S"),
    "rect_then_line_subpaths": _ops(
        "100 100 m 300 100 l 300 150 l 100 150 l h 100 200 m 300 200 l S"),
    "many_lines_one_path": _ops(" ".join(f"50 {y} m 500 {y} l" for y in range(100, 700, 7))
                                + " S"),
    "ctm_scaled_rect": _ops("q 2 0 0 0.5 10 10 cm 100 100 100 50 re S Q"),
    "ctm_rotated_rect": _ops("q 0 1 -1 0 400 0 cm 100 100 100 50 re S Q"),
    "ctm_rotated_45_rect": _ops("q 0.7071 0.7071 -0.7071 0.7071 300 0 cm 100 100 100 50 re S Q"),
    "ctm_fractions": _ops("q 0.3 0 0 0.7 0 0 cm 333.3 143.7 666.1 0.9 re f Q"),
    "ctm_huge_scale": _ops("q 1000 0 0 1000 0 0 cm 0.1 0.1 m 0.3 0.1 l S Q"),
    "ctm_changed_inside_path": _ops("100 100 m 1 0 0 1 50 50 cm 300 100 l S"),
    "nested_saved_states_paths": _ops(
        "q 1 0 0 1 10 20 cm q 1 0 0 1 30 -40 cm 100 100 m 300 100 l S Q "
        "100 300 200 1 re f Q 100 500 m 100 600 l S"),
    # what neither reader takes for text or rules
    "annotations_and_form_field": _printed(_annotated),
    "inline_image": _ops("q 10 0 0 10 100 100 cm BI /W 1 /H 1 /BPC 8 /CS /G /F /AHx "
                         "ID 80> EI Q"),
    "marked_content_artifact": _ops("/Artifact <</Type /Pagination>> BDC 100 100 m 300 100 l S EMC"),
    "page_rotated_360": _printed(lambda c: c.drawString(72, 700, TEXT), rotate=360),
    # a Type0 font (Identity-H), as published files embed theirs
    "type0_font": _type0(lambda h: _line(b"72 700", h("一级指标 合计 12.5 Abc"))),
    "type0_word_spacing": _type0(lambda h: b"5 Tw " + _line(b"72 700", h("合 计 1 2"))),
    "type0_widths_as_ranges": _type0(lambda h: _line(b"72 700", h("合计12Abc")),
                                     widths=b"[1 9 500 10 20 1000]"),
    "type0_without_widths": _type0(lambda h: _line(b"72 700", h("合计12Abc")), widths=b"[]"),
    "type0_two_content_lines": _type0(
        lambda h: _line(b"72 700", h("合计")) + _line(b"72 680", h("一级")) +
        b"72 690 m 300 690 l S"),
}

# Read alike, or refused for a reason that is broader than needed (the refusal errs on the
# safe side: glyphs stacked on one origin look like one glyph mapped to several characters;
# a Type3 glyph's ink is measured in its own FontMatrix; a zero-height rect is a curve to
# pdfminer when drawn with ``re`` and a rect when drawn with ``l``).
READ_ALIKE_OR_REFUSED: dict[str, Build] = {
    "rect_zero_size": _ops("100 100 0 0 re S"),
    "rect_zero_height": _ops("100 100 200 0 re S"),
    "partially_overlapping_different_glyphs": _shown("-10 Tc {s} Tj"),
    "type3_font": _type3,
}


@pytest.mark.parametrize("case", list(READ_ALIKE_OR_REFUSED))
def test_pdfium_reads_alike_or_refuses(case, tmp_path):
    path = tmp_path / f"{case}.pdf"
    READ_ALIKE_OR_REFUSED[case](path)
    fast, reference = _both(path)
    assert fast.reader == "pdfium" or fast.reader.startswith("pdfplumber (")
    _same_page(fast, reference)


@pytest.mark.parametrize("case", list(READ_ALIKE))
def test_pdfium_reads_the_page_as_pdfplumber_does(case, tmp_path):
    path = tmp_path / f"{case}.pdf"
    READ_ALIKE[case](path)
    fast, reference = _both(path)
    assert fast.reader == "pdfium"
    _same_page(fast, reference)


# ------------------------------------------------------------- PDFium must refuse these
NOT_EMBEDDED = "a font is not embedded"
REPEAT = "PDFium dropped a text object it took for a repeat"
TRANSFORMED = "rotated, mirrored, skewed or unevenly scaled text"

MUST_REFUSE: dict[str, tuple[Build, str]] = {
    "standard_14_font": (_printed(lambda c: (
        c.setFont("Helvetica", 10), c.drawString(72, 700, "Total 12.50"))), NOT_EMBEDDED),
    "same_text_twice_on_one_spot": (_printed(
        lambda c: (c.drawString(72, 700, TEXT), c.drawString(72, 700, TEXT))), REPEAT),
    "same_text_twice_one_text_object": (_shown("{s} Tj 0 0 Td {s} Tj"), REPEAT),
    "same_text_twice_without_leading": (_shown("0 TL {s} Tj T* {s} Tj"), REPEAT),
    "same_text_invisible_under_visible": (_shown("3 Tr {s} Tj 0 Tr 0 0 Td {s} Tj"), REPEAT),
    "same_text_two_fonts_one_spot": (_printed(lambda c: (
        c.drawString(72, 700, "合计"), c.setFont(embedded_typeface(frozenset("合计AB")).font, 10),
        c.drawString(72, 700, "合计"))), REPEAT),
    "same_text_overlapping_partly": (_printed(
        lambda c: (c.drawString(72, 700, TEXT), c.drawString(75, 702, TEXT))), REPEAT),
    "horizontal_scaling": (_text_object(lambda t: t.setHorizScale(50)), TRANSFORMED),
    "negative_horizontal_scaling": (_shown("-100 Tz {s} Tj"), TRANSFORMED),
    "text_matrix_uneven": (_text_object(lambda t: t.setTextTransform(2, 0, 0, 1, 72, 700)),
                           TRANSFORMED),
    "text_matrix_rotated_180": (_text_object(
        lambda t: t.setTextTransform(-1, 0, 0, -1, 300, 700)), TRANSFORMED),
    "text_matrix_flipped": (_text_object(lambda t: t.setTextTransform(1, 0, 0, -1, 72, 700)),
                            TRANSFORMED),
    "text_matrix_skewed": (_text_object(lambda t: t.setTextTransform(1, 0, .3, 1, 72, 700)),
                           TRANSFORMED),
    "text_matrix_rotated_90": (_text_object(
        lambda t: t.setTextTransform(0, 1, -1, 0, 300, 500)), TRANSFORMED),
    "ctm_uneven": (_printed(lambda c: (c.scale(1.5, 1), c.drawString(36, 700, TEXT))),
                   TRANSFORMED),
    "page_rotated_180": (_printed(lambda c: c.drawString(72, 700, TEXT), rotate=180),
                         "rotated page"),
    "page_rotated_270": (_printed(lambda c: c.drawString(72, 700, TEXT), rotate=270),
                         "rotated page"),
    "media_box_origin_not_zero": (_type0(lambda h: _line(b"72 700", h("合计")),
                                         mediabox=b"[10 20 605 862]"),
                                  "page origin is not (0, 0)"),
    "hyphen_ending_a_line_of_letters": (_printed(
        lambda c: (c.drawString(72, 700, "Ab-"), c.drawString(72, 688, "cA"))),
        "a line ends in a hyphen PDFium rewrites"),
    "hyphen_ending_a_line_of_ideographs": (_printed(
        lambda c: (c.drawString(72, 700, "合计-"), c.drawString(72, 688, "一级"))),
        "a line ends in a hyphen PDFium rewrites"),
}


@pytest.mark.parametrize("case", list(MUST_REFUSE))
def test_pdfium_refuses_what_it_would_read_otherwise(case, tmp_path):
    build, reason = MUST_REFUSE[case]
    path = tmp_path / f"{case}.pdf"
    build(path)
    fast, reference = _both(path)
    assert fast.reader == f"pdfplumber ({reason})"
    _same_page(fast, reference)


def test_crop_box_is_read_alike_or_refused(tmp_path):
    """pdfplumber keeps media-box coordinates under a crop box, so PDFium may read the page
    one day; today it refuses it. Either way nothing may differ silently."""
    path = tmp_path / "cropped.pdf"
    _printed(lambda c: (c.setCropBox((10, 10, 500, 800)), c.drawString(72, 700, TEXT),
                        c.drawString(5, 5, "一级"), c.line(72, 690, 300, 690)))(path)
    fast, reference = _both(path)
    assert fast.reader == "pdfium" or fast.reader.startswith("pdfplumber (")
    _same_page(fast, reference)


def test_pages_of_one_file_keep_their_order_and_readers(tmp_path):
    """Pages PDFium reads and pages it refuses, interleaved in one file."""
    path = tmp_path / "mixed.pdf"
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    kinds = ["plain", "rotated", "empty", "standard font", "plain", "twice"]
    for i, kind in enumerate(kinds):
        c.setPageRotation(90 if kind == "rotated" else 0)
        c.setFont("Helvetica" if kind == "standard font" else FACE.font, 10)
        text = f"Total {i}" if kind == "standard font" else f"合计{i}"
        for _ in range({"empty": 0, "twice": 2}.get(kind, 1)):
            c.drawString(72, 700 - i * 10, text)
        c.line(72, 690, 300 + i, 690)
        c.showPage()
    c.save()
    fast, reference = read_pdf(path).pages, read_pdf(path, "pdfplumber").pages
    assert [page.reader for page in fast] == [
        "pdfium", "pdfplumber (rotated page)", "pdfium", f"pdfplumber ({NOT_EMBEDDED})",
        "pdfium", f"pdfplumber ({REPEAT})"]
    assert [page.number for page in fast] == list(range(1, len(kinds) + 1))
    for ours, theirs in zip(fast, reference, strict=True):
        _same_page(ours, theirs)
