"""The real Beijing sample, parsed from its text, printed as a PDF, parses back the same.

The PDF path and the text path must give one dump for one document: same identity, same
tables, same cells and total flags. Only what cannot agree is set aside: the file's name
and hash, where rows were printed, and how each amount's column was decided (the text
path decides by identities, the PDF path by position).
"""

from __future__ import annotations

import pytest
from reportlab.lib.pagesizes import A4

from loader.parse import parse_document
from loader.parse.dump import document_to_dict
from tests.support.pdfgen import Layout, render_pdf

LAYOUTS = {
    "published": Layout(),
    "portrait_rects_cut": Layout(pagesize=A4, rules="rects", cut_reprint="top", text_chars=8,
                                 font_size=6.5, table_per_page=False, thousands=True),
}


def _comparable(doc) -> dict:
    d = document_to_dict(doc)
    ident = {k: v for k, v in d["document"].items() if k not in ("sha256", "file_name", "inferred")}
    # Inferences about the identity's own fields must agree. Others record repairs of what
    # the text export cut (``table13.project_code.…``); the printed PDF holds the repaired
    # text, so it has nothing to repair.
    ident["inferred"] = {k: (v["value"], v["certain"]) for k, v in d["document"]["inferred"].items()
                         if "." not in k}
    tables = {tid: {"title": t["title"], "unit": t["unit"], "columns": t["columns"],
                    "rows": [(r["cells"], r["total"]) for r in t["rows"]]}
              for tid, t in d["tables"].items()}
    return {"document": ident, "tables": tables}


@pytest.fixture(scope="module")
def text_doc(sample_text):
    return parse_document(sample_text)


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_sample_pdf_gives_the_text_dump(name, text_doc, tmp_path):
    pdf = render_pdf(text_doc, tmp_path / f"sample-{name}.pdf", LAYOUTS[name])
    pdf_doc = parse_document(pdf)
    assert _comparable(pdf_doc) == _comparable(text_doc)
    assert document_to_dict(pdf_doc)["document"]["file_name"] == pdf.name
    # Every amount the PDF path placed, it placed by position.
    for table in pdf_doc.tables.values():
        for row in table.rows:
            assert {v.value for v in row.decided_by.values()} <= {"position"}
    # The document's own mistakes are found on either path: they are in the document.
    rules_text = {f.rule for f in text_doc.findings if f.rule.startswith("doc.")}
    rules_pdf = {f.rule for f in pdf_doc.findings if f.rule.startswith("doc.")}
    assert rules_pdf == rules_text
