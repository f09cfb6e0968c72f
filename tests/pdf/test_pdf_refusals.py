"""What cannot be read is refused in one line naming the file and the reason.

Bad files are generated here (tests/support/badfiles.py); the real PDFs of other regions
(samples/real-pdfs) must be read without error, described, and refused quickly.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from loader.errors import InputError, ParseError
from loader.parse.pdf import parse_pdf_document
from tests.support import badfiles
from tests.support.pdfgen import Layout, render_pdf

REAL = Path(__file__).resolve().parents[3] / "shared" / "samples" / "real-pdfs"


def _refusal(path: Path, kind=InputError) -> str:
    with pytest.raises(kind) as info:
        parse_pdf_document(path)
    message = str(info.value)
    assert message.startswith(str(path) + ": ")
    assert "\n" not in message
    return message.split(": ", 1)[1]


@pytest.mark.parametrize("make, reason", [
    (badfiles.empty, "empty file"),
    (badfiles.not_a_pdf, "not a PDF"),
    (badfiles.text_not_budget, "not a PDF"),
    (badfiles.encrypted, "encrypted PDF"),
    (badfiles.scanned, "no text layer"),
    (badfiles.cid_garbage, "(cid:…)"),
])
def test_bad_file_is_refused_with_its_reason(tmp_path, make, reason):
    assert reason in _refusal(make(tmp_path))


@pytest.mark.parametrize("make, reason", [
    (badfiles.truncated, "truncated PDF"),
    (badfiles.corrupt, "corrupt PDF"),
])
def test_damaged_pdf_is_refused(tmp_path, printed, make, reason):
    good = printed("lines", Layout())
    assert reason in _refusal(make(tmp_path, good))


def test_budget_missing_tables_names_them(tmp_path, synthetic):
    keep = [t for t in synthetic.tables if t not in ("05", "12")]
    path = render_pdf(synthetic, tmp_path / "partial.pdf", tables=keep)
    reason = _refusal(path, ParseError)
    assert "missing tables 05 政府采购预算明细表, 12 政府购买服务预算财政拨款明细表" in reason
    assert "recognised 11 of 13" in reason


def test_title_without_the_template_header_is_named(tmp_path, synthetic):
    """A table titled like Beijing's whose grid is not Beijing's header is not read."""
    from dataclasses import replace

    from loader.parse.pdf_template import beijing_template

    tpl = beijing_template()
    bad = replace(synthetic, tables=dict(synthetic.tables))
    # Print table 05's rows under table 04's title: the header shows 05's two columns.
    bad.tables["04"] = replace(synthetic.tables["05"], title=synthetic.tables["04"].title)
    path = tmp_path / "mislabelled.pdf"
    from tests.support import pdfgen

    r = pdfgen._Renderer(path, Layout(),
                         columns_of=lambda t: tpl.tables["05" if t == "04" else t].columns,
                         amount_columns_of=lambda t: tpl.tables["05" if t == "04" else t].amount_columns)
    for tid in sorted(bad.tables):
        r.draw_table(bad.tables[tid])
    r.finish()
    reason = _refusal(path, ParseError)
    assert "missing tables 04 项目支出表" in reason
    assert "header not as the template prints it: 04 项目支出表" in reason


REAL_FILES = sorted(REAL.glob("*.pdf")) if REAL.exists() else []


@pytest.mark.skipif(not REAL_FILES, reason=f"no real PDFs at {REAL}")
@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.stem)
def test_foreign_pdf_is_read_described_and_refused(path):
    reason = _refusal(path, ParseError)
    assert "refused, nothing loaded" in reason
    if "final-account" in path.name:
        assert reason.startswith("a final account (决算), not a budget (预算)")
    else:
        assert reason.startswith("not the 北京市部门预算公开模板 (beijing) template")
        assert "budget (预算)" in reason
    region = {"shanghai": "上海市", "jiangsu": "江苏省"}[path.name.split("-")[0]]
    assert f"a {region} " in reason


def _cli(capsys, *args: str) -> tuple[int, str, str]:
    from loader.cli import main

    code = main(["parse", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("make", [badfiles.encrypted, badfiles.cid_garbage, badfiles.text_not_budget])
def test_cli_refuses_in_one_line_with_exit_1(tmp_path, capsys, make):
    path = make(tmp_path)
    code, out, err = _cli(capsys, str(path))
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and err.startswith(f"error: {path}: ")


@pytest.mark.skipif(not REAL_FILES, reason=f"no real PDFs at {REAL}")
def test_cli_refuses_a_foreign_pdf(capsys):
    code, out, err = _cli(capsys, str(REAL_FILES[0]))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "refused, nothing loaded" in err and "Traceback" not in err


def test_cli_dumps_a_printed_budget_as_json(printed, capsys):
    import json

    code, out, err = _cli(capsys, "--json", str(printed("lines", Layout())))
    assert code == 0, err
    dump = json.loads(out)
    assert sorted(dump["tables"]) == [f"{i:02d}" for i in range(1, 14)]
    decided = {v for t in dump["tables"].values() for r in t["rows"] for v in r["decided_by"].values()}
    assert decided == {"position"}
