"""The check runner (every check file has its own tests in tests/checks/); rendering of `show`."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from loader.errors import LoadError
from loader.load.checks import run_checks
from loader.load.render import display_width, render_text
from loader.load.writer import write_document


def _current_version(conn) -> int:
    return conn.execute(text("SELECT max(document_version_id) FROM published.current_documents")
                        ).scalar_one()


def test_runner_stores_every_returned_row_as_a_finding(tmp_path, warehouse, parsed_sample):
    write_document(warehouse, parsed_sample)
    (tmp_path / "always.sql").write_text(
        "SELECT 'test.always' AS rule, 'info' AS severity, unit_code, fiscal_year, "
        "'always fails' AS message, jsonb_build_object('n', 1) AS figures, "
        "1.5::numeric AS difference FROM published.current_documents "
        "WHERE document_version_id = :document_version_id", encoding="utf-8")
    with warehouse.begin() as conn:
        version = _current_version(conn)
        assert run_checks(conn, version, tmp_path) == 1
        row = conn.execute(text("SELECT origin, rule, difference, figures FROM audit.finding "
                                "WHERE rule = 'test.always'")).one()
        assert (row.origin, row.difference, row.figures) == ("check", 1.5, {"n": 1})
        conn.rollback()


def _always(rule: str, difference: str) -> str:
    return (f"SELECT '{rule}' AS rule, 'info' AS severity, unit_code, fiscal_year, "
            f"'always fails' AS message, '[]'::jsonb AS figures, {difference} AS difference "
            "FROM published.current_documents WHERE document_version_id = :document_version_id")


def test_a_broken_check_file_is_named_and_nothing_is_stored(tmp_path, warehouse, parsed_sample):
    write_document(warehouse, parsed_sample)
    (tmp_path / "a_good.sql").write_text(_always("test.good", "1::numeric"), encoding="utf-8")
    (tmp_path / "b_broken.sql").write_text("SELECT no_such_column FROM published.current_documents",
                                           encoding="utf-8")
    with warehouse.begin() as conn:
        with pytest.raises(LoadError, match=r"check b_broken\.sql failed to run"):
            run_checks(conn, _current_version(conn), tmp_path)
        conn.rollback()


def test_checks_that_only_fail_together_are_not_passed_silently(tmp_path, warehouse, parsed_sample):
    """Each file runs alone, but their columns cannot be put together (numeric vs jsonb)."""
    write_document(warehouse, parsed_sample)
    (tmp_path / "a.sql").write_text(_always("test.a", "1::numeric"), encoding="utf-8")
    (tmp_path / "b.sql").write_text(_always("test.b", "'[]'::jsonb"), encoding="utf-8")
    with warehouse.begin() as conn:
        with pytest.raises(LoadError, match="failed although each runs alone"):
            run_checks(conn, _current_version(conn), tmp_path)
        conn.rollback()


def test_text_rendering_aligns_cjk_by_display_width():
    out = render_text("预算05表 政府采购预算明细表", "万元", ["采购类别", "金额"], {"金额"},
                      [{"采购类别": "A-货物", "金额": "11.000000"},
                       {"采购类别": "合计", "金额": "1,521.462000"}])
    lines = out.splitlines()
    assert lines[1] == "金额单位：万元"
    table = lines[3:]
    assert len({display_width(line) for line in table}) == 1  # right-aligned amounts end together
    assert display_width("合计") == 4 and display_width("A-") == 2
