"""`budget-loader export`: the 13 published tables as xlsx (merged headings, numbers) and CSV."""

from __future__ import annotations

import csv
import re
import zipfile
from decimal import Decimal

import pytest
from alembic import command

from loader.export.headings import heading_grid
from loader.model.records import amount
from loader.schema.template import column_roles, load_template
from tests.batch.conftest import run_cli


@pytest.fixture(scope="module")
def loaded(make_database, alembic_config, sample_text):
    url = make_database("bwl_batch_export")
    command.upgrade(alembic_config(url), "head")
    assert run_cli(["load", str(sample_text)], url).returncode == 0
    return url


def _expected(doc, table_id):
    """Per parsed row (not 合计): {column: Decimal} of the amounts it printed."""
    roles = column_roles(table_id)
    return [{c: amount(v) for c, v in row.cells.items() if roles[c] == "amount" and v.strip()}
            for row in doc.tables[table_id].rows if not row.total]


def test_heading_grid_merges_parents_and_shallow_leaves():
    rows, merges = heading_grid(["年度", "合计", "车/小计", "车/运行/加油", "车/运行/维修"])
    assert rows[0] == ["年度", "合计", "车", None, None]
    assert rows[1] == [None, None, "小计", "运行", None]
    assert rows[2] == [None, None, None, "加油", "维修"]
    assert set(merges) == {(0, 0, 2, 0), (0, 1, 2, 1), (0, 2, 0, 4), (1, 2, 2, 2), (1, 3, 1, 4)}


def test_csv_has_headings_and_exact_amounts(loaded, tmp_path, parsed_sample):
    done = run_cli(["export", "--unit", "042008", "--year", "2022", "--format", "csv",
                    str(tmp_path)], loaded)
    assert done.returncode == 0, done.stderr
    files = sorted(tmp_path.glob("*.csv"))
    template = load_template()
    assert len(files) == len(template["tables"]) == 13
    for table_id, spec in template["tables"].items():
        path = next(p for p in files if f"-{table_id}-" in p.name)
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads the BOM as UTF-8
        lines = list(csv.reader(path.open(encoding="utf-8-sig")))
        depth = max(len(c.split("/")) for c in spec["columns"])
        grid, _ = heading_grid(spec["columns"])
        assert lines[:depth] == [[x or "" for x in row] for row in grid]
        body = [line for line in lines[depth:]]
        expected = _expected(parsed_sample, table_id)
        # Every parsed amount is in the export, exactly, with the published six decimals.
        exported = [{c: Decimal(v) for c, v in zip(spec["columns"], line, strict=True)
                     if v and column_roles(table_id)[c] == "amount"} for line in body]
        for row in expected:
            assert row in exported, (table_id, row)
        for line in body:
            for c, v in zip(spec["columns"], line, strict=True):
                if v and column_roles(table_id)[c] != "text":
                    assert re.fullmatch(r"-?\d+\.\d{6}", v), (table_id, c, v)


def test_xlsx_one_sheet_per_table_merged_headings_numbers(loaded, tmp_path, parsed_sample):
    from openpyxl import load_workbook

    done = run_cli(["export", "--unit", "042008", "--year", "2022", str(tmp_path)], loaded)
    assert done.returncode == 0, done.stderr
    (path,) = tmp_path.glob("*.xlsx")
    book = load_workbook(path)
    template = load_template()
    assert [s.split(" ")[0] for s in book.sheetnames] == sorted(template["tables"])
    for sheet, (table_id, spec) in zip(book.worksheets, sorted(template["tables"].items()),
                                       strict=True):
        printed = parsed_sample.tables[table_id]
        assert sheet.cell(1, 1).value == printed.title  # as the document printed it
        assert sheet.cell(2, len(spec["columns"])).value == f"金额单位：{printed.unit}"
        _, merges = heading_grid(spec["columns"])
        merged = {str(r) for r in sheet.merged_cells.ranges}
        for r0, c0, r1, c1 in merges:
            cell = sheet.cell(3 + r0, 1 + c0).coordinate + ":" + sheet.cell(3 + r1, 1 + c1).coordinate
            assert cell in merged, (table_id, cell)
        depth = max(len(c.split("/")) for c in spec["columns"])
        roles = column_roles(table_id)
        for row in sheet.iter_rows(min_row=3 + depth):
            for column, cell in zip(spec["columns"], row, strict=False):
                if cell.value is not None and roles[column] != "text":
                    assert cell.data_type == "n" and cell.number_format == "#,##0.000000"
    # Amounts are stored as their exact decimal text, never through a float.
    with zipfile.ZipFile(path) as z:
        sheet_xml = z.read("xl/worksheets/sheet2.xml").decode()
    first = _expected(parsed_sample, "02")[0]
    for value in first.values():
        assert f"<v>{value:f}</v>" in sheet_xml, value


def test_export_of_a_document_not_loaded_is_one_line_exit_2(loaded, tmp_path):
    done = run_cli(["export", "--unit", "999999", "--year", "2022", str(tmp_path)], loaded)
    assert done.returncode == 2
    assert done.stderr == "error: no document loaded for unit 999999, year 2022\n"
