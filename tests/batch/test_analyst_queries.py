"""Every example query of docs/analysts.md runs, as the read-only role, and returns rows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from tests.batch.conftest import run_cli

DOC = Path(__file__).resolve().parents[2] / "docs" / "analysts.md"
QUERIES = re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_the_page_has_at_least_ten_queries():
    assert len(QUERIES) >= 10


@pytest.fixture(scope="module")
def warehouse_with_units_and_years(make_database, alembic_config, sample_text):
    """The real sample (042008, 2022), the same unit a year earlier and another unit, both
    synthetic budgets that satisfy the identities."""
    from loader.load.writer import write_document
    from tests.support.synthetic import synthetic_document

    url = make_database("bwl_batch_analysts")
    command.upgrade(alembic_config(url), "head")
    assert run_cli(["load", str(sample_text)], url).returncode == 0
    engine = create_engine(url)
    try:
        earlier = synthetic_document(seed=3, year=2021,
                                     unit=("042008", "北京市应急管理科学技术研究院"),
                                     department=("042", "北京市应急管理局"))
        other = synthetic_document(seed=5, year=2022)
        for doc in (earlier, other):
            assert write_document(engine, doc).outcome == "loaded"
    finally:
        engine.dispose()
    return url


@pytest.mark.parametrize("number", range(len(QUERIES)))
def test_query_returns_rows_for_the_read_only_role(number, warehouse_with_units_and_years, login):
    query = QUERIES[number]
    reader = create_engine(login("budget_reader", warehouse_with_units_and_years),
                           poolclass=NullPool)
    try:
        with reader.connect() as conn:
            rows = conn.execute(text(query)).all()
        assert rows, query
    finally:
        reader.dispose()
