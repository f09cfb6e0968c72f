"""Load the real sample through the CLI, show every table, re-load, re-publish."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from sqlalchemy import text

from loader.cli import main
from loader.load.printing import printed_amount
from loader.model.records import amount


def _cli(monkeypatch, url, *args) -> int:
    monkeypatch.setenv("DATABASE_URL", url)
    return main(list(args))


def _show_csv(monkeypatch, capsys, url, table_id, unit, year) -> list[list[str]]:
    capsys.readouterr()
    assert _cli(monkeypatch, url, "show", table_id, "--unit", unit, "--year", str(year),
                "--format", "csv") == 0
    return list(csv.reader(io.StringIO(capsys.readouterr().out)))


def test_sample_loads_and_every_table_shows_as_parsed(monkeypatch, capsys, warehouse_url,
                                                      warehouse, sample_text, parsed_sample):
    assert _cli(monkeypatch, warehouse_url, "load", str(sample_text)) == 0
    ident = parsed_sample.identity
    for table_id, table in parsed_sample.tables.items():
        shown = _show_csv(monkeypatch, capsys, warehouse_url, table_id, ident.unit_code,
                          ident.fiscal_year)
        assert shown[0] == list(table.columns), table_id
        assert len(shown) - 1 == len(table.rows), table_id
        for row_no, (row, line) in enumerate(zip(table.rows, shown[1:], strict=False)):
            for column, value in zip(table.columns, line, strict=False):
                if row.total and table_id not in ("01", "06") and column not in \
                        {c for c in table.columns if row.cells.get(c) is not None}:
                    continue  # the 合计 label: the parser keeps only a total row's numbers
                assert value == (row.cells.get(column) or "").strip(), \
                    (table_id, row_no, column)


def test_show_text_reprints_the_titles_and_units_as_printed(monkeypatch, capsys, warehouse_url,
                                                           warehouse, sample_text, parsed_sample):
    assert _cli(monkeypatch, warehouse_url, "load", str(sample_text)) == 0
    ident = parsed_sample.identity
    for table_id, table in parsed_sample.tables.items():
        capsys.readouterr()
        assert _cli(monkeypatch, warehouse_url, "show", table_id, "--unit", ident.unit_code,
                    "--year", str(ident.fiscal_year)) == 0
        title, unit_line = capsys.readouterr().out.splitlines()[:2]
        assert title == table.title, table_id
        assert unit_line == f"金额单位：{table.unit}", table_id


def test_loading_again_changes_no_core_table(monkeypatch, capsys, warehouse_url, warehouse,
                                             sample_text, core_counts):
    before = core_counts(warehouse)
    capsys.readouterr()
    assert _cli(monkeypatch, warehouse_url, "load", "--verbose", str(sample_text)) == 0
    out = capsys.readouterr().out
    assert "skipped: " in out and "already loaded as version" in out
    assert core_counts(warehouse) == before
    assert sum(before.values()) > 0


def test_republication_supersedes_and_shows_the_new_amount(monkeypatch, capsys, tmp_path,
                                                           warehouse_url, warehouse, sample_text,
                                                           parsed_sample, core_counts):
    # Change one stored amount: the first amount of table 05's first row, on its printed line.
    table = parsed_sample.tables["05"]
    row = next(r for r in table.rows if not r.total)
    from loader.schema.template import column_roles

    roles = column_roles("05")
    column = next(c for c in table.columns if roles[c] == "amount" and row.cells.get(c))
    old = row.cells[column]
    new = printed_amount(amount(old) + Decimal("1.5"))
    lines = sample_text.read_text(encoding="utf-8").splitlines(keepends=True)
    index = row.source.line - 1
    assert old in lines[index]
    lines[index] = lines[index].replace(old, new, 1)
    modified = tmp_path / "042008-2022-unit-budget-corrected.txt"
    modified.write_text("".join(lines), encoding="utf-8")

    before = core_counts(warehouse)
    assert _cli(monkeypatch, warehouse_url, "load", str(modified)) == 0
    assert "superseding version" in capsys.readouterr().out
    ident = parsed_sample.identity
    with warehouse.connect() as conn:
        statuses = conn.execute(text("""
            SELECT v.status, count(*) FROM audit.document_version v JOIN audit.document d
            USING (document_id) WHERE d.unit_code = :u AND d.fiscal_year = :y GROUP BY 1
        """), dict(u=ident.unit_code, y=ident.fiscal_year)).all()
        assert dict(statuses) == {"current": 1, "superseded": 1}
        rules = conn.execute(text("""
            SELECT f.rule FROM audit.finding f JOIN published.current_documents c
            USING (document_version_id) WHERE c.unit_code = :u
        """), dict(u=ident.unit_code)).scalars().all()
    # The printed 合计 no longer equals its parts: the document's own identity now fails.
    assert "load.printed_total_differs" in rules
    fact_tables = {k: v for k, v in before.items() if k.startswith("fct_")}
    assert {k: v for k, v in core_counts(warehouse).items() if k.startswith("fct_")} == fact_tables
    shown = _show_csv(monkeypatch, capsys, warehouse_url, "05", ident.unit_code,
                      ident.fiscal_year)
    position = shown[0].index(column)
    row_no = table.rows.index(row)
    assert shown[1 + row_no][position] == new
    total = shown[-1][position]
    expected_total = sum(amount(r.cells.get(column)) or 0 for r in table.rows if not r.total)
    assert total == printed_amount(expected_total + Decimal("1.5"))


def test_one_bad_file_fails_alone(monkeypatch, capsys, tmp_path, warehouse_url):
    bad = tmp_path / "empty.txt"
    bad.write_text("nothing here\n", encoding="utf-8")
    other = tmp_path / "blank.txt"
    other.write_text("\n", encoding="utf-8")
    code = _cli(monkeypatch, warehouse_url, "load", str(bad), str(other))
    assert code == 1
    err = capsys.readouterr().err
    assert str(bad) in err and str(other) in err
    # One line per bad file, each naming its file and starting with "error: ".
    lines = [line for line in err.strip().splitlines() if line.startswith("error: ")]
    assert len(lines) == 2
    assert any(line.startswith(f"error: {bad}: ") for line in lines)
    assert any(line.startswith(f"error: {other}: ") for line in lines)


def test_a_missing_path_is_a_usage_error_and_nothing_runs(monkeypatch, capsys, tmp_path,
                                                          warehouse_url, warehouse):
    with warehouse.connect() as conn:
        runs = conn.execute(text("SELECT count(*) FROM audit.load_run")).scalar()
    missing = tmp_path / "missing.txt"
    assert _cli(monkeypatch, warehouse_url, "load", str(missing)) == 2
    assert capsys.readouterr().err == f"error: {missing}: no such file or folder\n"
    with warehouse.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit.load_run")).scalar() == runs


def test_a_document_whose_parse_has_errors_is_refused_and_writes_nothing(
        monkeypatch, capsys, tmp_path, warehouse_url, warehouse, sample_text, core_counts):
    """An extra number on a table 03 row cannot be placed (ERROR parse.unrecognized_row or
    attribution.no_assignment): the tables are not the document, so it must not load."""
    lines = sample_text.read_text("utf-8").splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines) if line.startswith("2240150-事业运行 50501"))
    lines[row] = lines[row].rstrip("\n") + " 1.000000 2.000000\n"
    broken = tmp_path / "broken-03.txt"
    broken.write_text("".join(lines), "utf-8")
    from loader.parse import parse_document

    assert any(f.severity == "error" for f in parse_document(broken).findings)
    before = core_counts(warehouse)
    with warehouse.connect() as conn:
        versions = conn.execute(text("SELECT count(*) FROM audit.document_version")).scalar()
    capsys.readouterr()
    assert _cli(monkeypatch, warehouse_url, "load", str(broken)) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) >= 1 and err[0].startswith(f"error: {broken}: not loaded, the parse is unsound")
    assert core_counts(warehouse) == before
    with warehouse.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit.document_version")).scalar() == versions
