"""PDFium reads a page exactly as pdfplumber does, or hands the page to pdfplumber.

pdfplumber is the reference. The fast reader (``loader/extract/pdf_pdfium.py``) must give
the same parse for every page it reads, and must refuse, with its reason, every page it
cannot read exactly: non-embedded fonts, text it drops as repeats, rotated pages, form
XObjects, line-end hyphens it rewrites.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from loader.extract.pdf import read_pdf
from loader.parse.pdf import parse_pdf_document
from tests.support.pdfgen import Layout, embedded_typeface

REAL_PDFS = sorted((Path(__file__).resolve().parents[3] / "shared" / "samples" / "real-pdfs")
                   .glob("*.pdf"))

EMBEDDED = {
    "embedded_lines": Layout(font="embedded"),
    "embedded_rects": Layout(font="embedded", rules="rects"),
    "embedded_bars_mid_page": Layout(font="embedded", rules="bars", table_per_page=False),
    "embedded_narrow_portrait": Layout(font="embedded", pagesize=A4, text_chars=6,
                                       font_size=6.5),
    "embedded_short_pages_cut_top": Layout(font="embedded", pagesize=(842.0, 400.0),
                                           cut_reprint="top", rules="rects"),
}


@pytest.mark.parametrize("variant", list(EMBEDDED))
def test_pdfium_parse_equals_the_reference(variant, printed):
    path = printed(variant, EMBEDDED[variant])
    assert {page.reader for page in read_pdf(path).pages} == {"pdfium"}
    fast = parse_pdf_document(path)
    reference = parse_pdf_document(path, reader="pdfplumber")
    assert {page.reader for page in read_pdf(path, "pdfplumber").pages} == {"pdfplumber"}
    assert fast.tables == reference.tables
    assert fast.identity == reference.identity
    assert fast.findings == reference.findings


def test_non_embedded_font_goes_to_pdfplumber(printed):
    pages = read_pdf(printed("lines", Layout())).pages
    assert {page.reader for page in pages} == {"pdfplumber (a font is not embedded)"}


def _matched(ours: list, theirs: list, key) -> bool:
    """Every item of ``ours`` pairs with its own item of ``theirs`` whose ``key`` values are
    within 0.01 (PDFium computes in float32, pdfminer in float64)."""
    left = list(theirs)
    for item in ours:
        k = key(item)
        for j, other in enumerate(left):
            ko = key(other)
            if k[0] == ko[0] and all(abs(u - v) <= 0.01 for u, v in zip(k[1:], ko[1:], strict=True)):
                del left[j]
                break
        else:
            return False
    return not left


def _same_page(fast, reference) -> None:
    """Same visible characters with the same boxes, and the same rules."""
    def visible(page):
        return [c for c in page.chars if not c.text.isspace()]

    assert _matched(visible(fast), visible(reference),
                    lambda c: (c.text, c.x0, c.x1, c.top, c.bottom))
    assert _matched(list(fast.segments), list(reference.segments),
                    lambda s: (s.orient, s.pos, s.start, s.end))


@pytest.mark.skipif(not REAL_PDFS, reason="../shared/samples/real-pdfs not present")
@pytest.mark.parametrize("path", REAL_PDFS, ids=lambda p: p.name)
def test_real_files_read_alike(path):
    """Published files of other regions (embedded fonts, other producers): every page PDFium
    reads gives pdfplumber's characters and rules."""
    fast, reference = read_pdf(path).pages, read_pdf(path, "pdfplumber").pages
    read_by_pdfium = [p for p in fast if p.reader == "pdfium"]
    assert read_by_pdfium or all(p.reader.startswith("pdfplumber (") for p in fast)
    for page in read_by_pdfium:
        _same_page(page, reference[page.number - 1])


# ------------------------------------------------------------- pages PDFium must refuse
TEXT = "一级指标 二级指标 901001- 北京市 合计 1,234.50 Beijing-Haidian"


def _one_page(path: Path, draw, rotate: int = 0) -> Path:
    face = embedded_typeface(frozenset(TEXT))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(face.font, 10)
    if rotate:
        c.setPageRotation(rotate)
    draw(c)
    c.showPage()
    c.save()
    return path


def _reader(path: Path) -> str:
    (page,) = read_pdf(path).pages
    return page.reader


def test_plain_page_is_read_by_pdfium(tmp_path):
    path = _one_page(tmp_path / "plain.pdf", lambda c: c.drawString(72, 700, "一级指标 合计"))
    assert _reader(path) == "pdfium"


def test_text_printed_twice_on_itself_goes_to_pdfplumber(tmp_path):
    """'Fake bold': PDFium's text page keeps one copy, pdfplumber both; the reference wins."""
    def draw(c):
        c.drawString(72, 700, "合计")
        c.drawString(72.2, 700, "合计")

    path = _one_page(tmp_path / "bold.pdf", draw)
    assert _reader(path) == "pdfplumber (PDFium dropped a text object it took for a repeat)"
    assert "".join(ch.text for ch in read_pdf(path).pages[0].chars) == "合计合计"


def test_rotated_page_goes_to_pdfplumber(tmp_path):
    path = _one_page(tmp_path / "rotated.pdf", lambda c: c.drawString(72, 700, "合计"), 90)
    assert _reader(path) == "pdfplumber (rotated page)"


def test_form_xobject_goes_to_pdfplumber(tmp_path):
    def draw(c):
        c.beginForm("header")
        c.drawString(72, 700, "北京市")
        c.endForm()
        c.doForm("header")

    path = _one_page(tmp_path / "form.pdf", draw)
    assert _reader(path) == "pdfplumber (form XObject on the page)"


def test_line_ending_in_a_hyphen_goes_to_pdfplumber(tmp_path):
    """PDFium turns a "-" between letters broken over two lines into a soft-hyphen marker."""
    def draw(c):
        c.drawString(72, 700, "Beijing-")
        c.drawString(72, 688, "Haidian")

    path = _one_page(tmp_path / "hyphen.pdf", draw)
    assert _reader(path) == "pdfplumber (a line ends in a hyphen PDFium rewrites)"
    assert "Beijing-" in "".join(ch.text for ch in read_pdf(path).pages[0].chars)


@pytest.mark.skipif(not REAL_PDFS, reason="../shared/samples/real-pdfs not present")
@pytest.mark.parametrize("path", REAL_PDFS, ids=lambda p: p.name)
def test_real_files_are_refused_in_the_same_words(path):
    """Another region's file is described from what was read: both readers, one message."""
    def outcome(reader: str) -> str:
        try:
            parse_pdf_document(path, reader=reader)
        except Exception as exc:  # noqa: BLE001 - the message is what is compared
            return f"{type(exc).__name__}: {exc}"
        return "parsed"

    assert outcome("auto") == outcome("pdfplumber")


def test_a_page_pdfium_fails_on_is_read_by_pdfplumber(tmp_path, monkeypatch):
    """An exception inside PDFium's page reading refuses that page, not the file."""
    from loader.extract import pdf_pdfium

    def fail(*args, **kwargs):
        raise RuntimeError("simulated PDFium failure")

    path = _one_page(tmp_path / "plain.pdf", lambda c: c.drawString(72, 700, "一级指标 合计"))
    monkeypatch.setattr(pdf_pdfium, "read_page", fail)
    (page,) = read_pdf(path).pages
    assert page.reader == "pdfplumber (PDFium failed: RuntimeError)"
    assert "".join(ch.text for ch in page.chars) == "一级指标 合计"


def test_pages_left_to_the_reference_are_a_finding(printed):
    """Where the slow reader read the file is on record: one INFO finding per reason."""
    slow = parse_pdf_document(printed("lines", Layout()))
    (finding,) = [f for f in slow.findings if f.rule == "pdf.pages_read_by_reference"]
    pages = len(read_pdf(printed("lines", Layout())).pages)
    assert finding.message.startswith(f"{pages} of {pages} pages read by pdfplumber, not PDFium")
    assert finding.found == "a font is not embedded"
    fast = parse_pdf_document(printed("embedded_lines", EMBEDDED["embedded_lines"]))
    assert not [f for f in fast.findings if f.rule == "pdf.pages_read_by_reference"]
