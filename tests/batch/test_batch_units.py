"""The batch's pure parts: which files a folder holds, and when two files are the same content."""

from __future__ import annotations

import dataclasses

import pytest

from loader.batch.discover import NoSuchPath, discover
from loader.batch.fingerprint import content_fingerprint, file_sha256
from loader.batch.revision import script_heads
from loader.db import head_revisions


def test_discover_walks_folders_for_pdf_and_txt_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b/2.TXT", "a.pdf", "notes.md", ".hidden/x.pdf", ".y.txt", "b/1.pdf"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    named = tmp_path / "named.dat"
    named.write_text("x", encoding="utf-8")
    found = discover([str(tmp_path), str(named), str(tmp_path / "a.pdf")])
    assert found == [str(tmp_path / p) for p in ("a.pdf", "b/1.pdf", "b/2.TXT", "named.dat")]


def test_discover_refuses_a_missing_path_with_exit_2(tmp_path):
    with pytest.raises(NoSuchPath) as refused:
        discover([str(tmp_path / "nope")])
    assert refused.value.exit_code == 2 and "no such file or folder" in str(refused.value)


def test_unreadable_file_has_a_reason_not_a_hash(tmp_path):
    sha, reason = file_sha256(str(tmp_path / "gone.pdf"))
    assert sha is None and reason.startswith("cannot read")


def test_text_and_pdf_of_one_document_have_one_content_fingerprint(parsed_sample,
                                                                   sample_pdf):
    from loader.parse import parse_document

    from_pdf = parse_document(sample_pdf)
    assert from_pdf.identity.sha256 != parsed_sample.identity.sha256
    assert content_fingerprint(from_pdf) == content_fingerprint(parsed_sample)


def test_a_changed_amount_is_new_content(parsed_sample):
    table = parsed_sample.tables["05"]
    row = next(r for r in table.rows if not r.total)
    column, value = next((c, v) for c, v in row.cells.items() if v[:1].isdigit())
    changed_row = dataclasses.replace(row, cells={**row.cells, column: value + "1"})
    rows = tuple(changed_row if r is row else r for r in table.rows)
    changed = dataclasses.replace(parsed_sample, tables={
        **parsed_sample.tables, "05": dataclasses.replace(table, rows=rows)})
    assert content_fingerprint(changed) != content_fingerprint(parsed_sample)


def test_cheap_head_revision_agrees_with_alembic():
    assert script_heads() == tuple(sorted(head_revisions()))
