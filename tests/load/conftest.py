"""Fixtures for the load tests: a fresh migrated warehouse per test module, the parsed sample."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

CORE_FACTS = """
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'core' AND table_type = 'BASE TABLE' ORDER BY table_name
"""


@pytest.fixture(scope="module")
def warehouse_url(make_warehouse) -> str:
    return make_warehouse("bwl_wh_load")


@pytest.fixture(scope="module")
def warehouse(warehouse_url):
    eng = create_engine(warehouse_url)
    yield eng
    eng.dispose()


def _core_counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        names = conn.execute(text(CORE_FACTS)).scalars().all()
        return {n: conn.execute(text(f"SELECT count(*) FROM core.{n}")).scalar() for n in names}


@pytest.fixture(scope="session")
def core_counts():
    """Function: row count of every core table (dimensions and facts) of an engine."""
    return _core_counts
