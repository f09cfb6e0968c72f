"""Test fixtures: a real PostgreSQL, never a mock.

The server is TEST_DATABASE_URL when set, else the loader's embedded default. Each test
session creates a fresh, uniquely named database on it, migrates it with Alembic to
head, and drops it at the end.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE_TEXT = SHARED / "samples" / "beijing" / "042008-2022-unit-budget.txt"
REAL_PDFS = SHARED / "samples" / "real-pdfs"


def _server_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    from loader.db import resolve_url

    return resolve_url()


def _alembic_config(url: str):
    from alembic.config import Config

    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["configure_logger"] = False
    return config


@pytest.fixture(scope="session")
def sample_text() -> Path:
    if not SAMPLE_TEXT.exists():
        pytest.fail(f"the shared sample is missing: {SAMPLE_TEXT}")
    return SAMPLE_TEXT


@pytest.fixture(scope="session")
def server_url() -> str:
    """URL of the server the test databases are created on (its maintenance database)."""
    return _server_url()


@pytest.fixture(scope="session")
def make_database(server_url):
    """Factory: a new empty database on the test server; all are dropped at session end."""
    admin = create_engine(make_url(server_url).set(drivername="postgresql+psycopg"),
                          isolation_level="AUTOCOMMIT")
    created: list[str] = []

    def make(prefix: str = "bwl_test") -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        created.append(name)
        return make_url(server_url).set(drivername="postgresql+psycopg", database=name) \
            .render_as_string(hide_password=False)

    yield make
    with admin.connect() as conn:
        for name in created:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def alembic_config():
    return _alembic_config


@pytest.fixture(scope="session")
def db_url(make_database) -> str:
    """A fresh database for this test session, migrated to head."""
    from alembic import command

    url = make_database()
    command.upgrade(_alembic_config(url), "head")
    return url


@pytest.fixture(scope="session")
def engine(db_url):
    eng = create_engine(db_url)
    yield eng
    eng.dispose()
