"""A budget printed as a Beijing-layout PDF parses back to the same tables, by position.

Each layout variant is one quirk real files show: rules drawn as lines, as boxes or as
thin filled bars; amounts with and without thousands separators; tables starting
mid-page; narrow and widened columns (more wrapping, other page breaks); short pages that
break table 13 inside projects; merged cells reprinted cut after a break.
"""

from __future__ import annotations

import pytest
from reportlab.lib.pagesizes import A4

from loader.model.records import DecidedBy
from loader.parse.pdf import parse_pdf_document
from loader.parse.pdf_template import beijing_template
from tests.support.pdfgen import Layout

VARIANTS = {
    "lines": Layout(),
    "rects": Layout(rules="rects"),
    "bars": Layout(rules="bars"),
    "no_separators": Layout(thousands=False),
    "mid_page": Layout(table_per_page=False),
    "narrow_portrait": Layout(pagesize=A4, text_chars=6, font_size=6.5),
    "wide_goal": Layout(width_scale={"绩效目标": 2.5, "项目名称": 1.7, "三级指标": 1.5}),
    "short_pages_cut_top": Layout(pagesize=(842.0, 400.0), cut_reprint="top", rules="rects"),
}


def _cells(doc, strip_commas: bool) -> dict[str, list[dict[str, str]]]:
    tpl = beijing_template()
    out = {}
    for tid, table in doc.tables.items():
        amounts = set(tpl.tables[tid].amount_columns)
        out[tid] = [{k: (v.replace(",", "") if strip_commas and k in amounts else v)
                     for k, v in row.cells.items()} for row in table.rows]
    return out


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_printed_budget_parses_back_cell_for_cell(variant, synthetic, printed):
    layout = VARIANTS[variant]
    doc = parse_pdf_document(printed(variant, layout))
    strip = not layout.thousands
    assert _cells(doc, strip) == _cells(synthetic, strip)
    for tid, table in doc.tables.items():
        assert table.columns == synthetic.tables[tid].columns
        assert [r.total for r in table.rows] == [r.total for r in synthetic.tables[tid].rows]
        assert table.unit == "万元"
        assert table.title == synthetic.tables[tid].title
    assert doc.identity.unit_code == synthetic.identity.unit_code
    assert doc.identity.fiscal_year == synthetic.identity.fiscal_year
    assert doc.identity.kind == synthetic.identity.kind


def test_every_amount_is_decided_by_position(synthetic, printed):
    doc = parse_pdf_document(printed("lines", VARIANTS["lines"]))
    tpl = beijing_template()
    n = 0
    for tid, table in doc.tables.items():
        amounts = set(tpl.tables[tid].amount_columns)
        for row in table.rows:
            assert set(row.decided_by) == {c for c in row.cells if c in amounts}
            assert set(row.decided_by.values()) <= {DecidedBy.POSITION}
            n += len(row.decided_by)
    assert n > 100


def test_rows_point_at_their_page(synthetic, printed):
    doc = parse_pdf_document(printed("lines", VARIANTS["lines"]))
    for table in doc.tables.values():
        assert table.source.page >= 1
        pages = [r.source.page for r in table.rows]
        assert pages == sorted(pages) and pages[0] >= table.source.page
        assert all(r.source.line >= 1 for r in table.rows)


def test_projects_broken_over_pages_are_joined(synthetic, printed):
    """Short pages break projects of table 13; their cells, reprinted cut, come back whole."""
    doc = parse_pdf_document(printed("short_pages_cut_top", VARIANTS["short_pages_cut_top"]))
    rows = doc.tables["13"].rows
    by_project: dict[str, set[int]] = {}
    for r in rows:
        by_project.setdefault(r.cells["项目名称"], set()).add(r.source.page)
    assert any(len(p) > 1 for p in by_project.values()), "no project crosses a page break"
    cut = [f for f in doc.findings if f.rule == "pdf.cell_cut_at_page_break"]
    assert cut and all(f.table == "13" for f in cut)
    # Every reprint was cut from the full text, and the full text is what the rows hold.
    for f in cut:
        assert f.found in f.expected and f.found != f.expected
    assert {r.cells["项目名称"] for r in rows} == {r.cells["项目名称"] for r in synthetic.tables["13"].rows}


def test_header_repeated_on_each_page_is_not_data(synthetic, printed):
    doc = parse_pdf_document(printed("short_pages_cut_top", VARIANTS["short_pages_cut_top"]))
    pages = {r.source.page for r in doc.tables["13"].rows}
    assert len(pages) >= 3
    header_words = {"一级指标", "绩效目标", "单位名称"}
    for row in doc.tables["13"].rows:
        assert not header_words & set(row.cells.values())
