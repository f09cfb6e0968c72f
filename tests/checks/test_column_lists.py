"""The hard-coded amount-column lists of the table 02/04 checks match the dimension.

``published.income02_column_totals`` (sql/views/00_amount_02_income_columns.sql, used by the
checks x01_02, x06_02 and x02_04) and the check x02_04
(sql/checks/x02_04_funding_within_income.sql) unpivot the amount columns of table 02's and
04's fact tables with explicit ``LATERAL (VALUES ('name', f.name), …)`` lists, then join
``core.dim_published_column`` for what each column means. A funded column missing from a list
would silently count as blank, so each list must name exactly the amount columns the dimension
gives a funding source (the rows those SQL joins keep), as tests/perf/test_budget_lines.py
does for sql/views/budget_lines.sql.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import text

SQL = Path(__file__).resolve().parents[2] / "sql"
# file -> the published tables whose fact table it unpivots with a VALUES list
LISTS = {
    SQL / "views" / "00_amount_02_income_columns.sql": ("02",),
    SQL / "checks" / "x02_04_funding_within_income.sql": ("04",),
}
FACT_TABLE = {"fct_income": "02", "fct_project_expenditure": "04"}
_VALUES_LIST = re.compile(r"LATERAL\s*\(\s*VALUES\s*(.*?)\)\s*AS\s+a\s*\(", re.DOTALL)
_FACT_TABLE = re.compile(r"FROM\s+core\.(fct_\w+)\s+f\b")


def listed_columns(path: Path) -> list[tuple[str, list[str]]]:
    """(published table, the columns its VALUES list names) for each list in the file, in order."""
    sql = path.read_text(encoding="utf-8")
    lists = []
    for match in _VALUES_LIST.finditer(sql):
        fact_table = _FACT_TABLE.findall(sql[:match.start()])[-1]  # the FROM the list unpivots
        pairs = re.findall(r"\('(\w+)',\s*f\.(\w+)\)", match.group(1))
        assert pairs and all(name == column for name, column in pairs), (path.name, pairs)
        lists.append((FACT_TABLE[fact_table], [name for name, _ in pairs]))
    return lists


@pytest.fixture(scope="module")
def funded_columns(checks_engine, sample_version) -> dict[str, list[str]]:
    """Table 02/04 -> its amount columns with a funding source, as the loader seeds them."""
    with checks_engine.connect() as conn:
        rows = conn.execute(text("""
            SELECT c.table_id, array_agg(c.sql_name ORDER BY c.sql_name)
            FROM core.dim_published_column c
            JOIN audit.document_version v ON v.template = c.template
            WHERE v.document_version_id = :v AND c.table_id IN ('02', '04')
              AND c.role = 'amount' AND c.funding_source_code IS NOT NULL
            GROUP BY 1"""), {"v": sample_version}).all()
    return {table: columns for table, columns in rows}


@pytest.mark.parametrize("path", LISTS, ids=lambda p: p.name)
def test_each_file_lists_the_tables_it_should(path):
    assert sorted(table for table, _ in listed_columns(path)) == list(LISTS[path])


@pytest.mark.parametrize("path", LISTS, ids=lambda p: p.name)
def test_values_lists_are_the_funded_amount_columns(path, funded_columns):
    assert len(funded_columns["02"]) > 5 and len(funded_columns["04"]) > 5  # seeded
    for table, columns in listed_columns(path):
        assert sorted(columns) == funded_columns[table], (path.name, table)
