"""Fixtures of the batch tests: the new user's folder, fresh warehouses, the CLI as a subprocess.

The folder holds what the issue names: the sample text export, its PDF rendering (the same
document, other bytes), a corrupt PDF and a real PDF of another region.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

REAL_PDFS = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "real-pdfs"


def budget_loader() -> str:
    return str(Path(sys.executable).with_name("budget-loader"))


def run_cli(args: list[str], url: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """``budget-loader ARGS`` against ``url``, as a user's shell would run it (no terminal)."""
    env = {k: v for k, v in os.environ.items() if k != "BUDGET_LOADER_HOME"}
    env["DATABASE_URL"] = url
    return subprocess.run([budget_loader(), *args], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=timeout)


@pytest.fixture(scope="session")
def sample_pdf(tmp_path_factory, parsed_sample) -> Path:
    from tests.support.pdfgen import render_pdf

    folder = tmp_path_factory.mktemp("rendered")
    return render_pdf(parsed_sample, folder / "042008-2022-unit-budget.pdf")


@pytest.fixture(scope="session")
def foreign_pdf() -> Path:
    pdfs = sorted(REAL_PDFS.glob("*.pdf"), key=lambda p: p.stat().st_size)
    if not pdfs:
        pytest.fail(f"no real PDF of another region in {REAL_PDFS}")
    return pdfs[0]  # the smallest: the refusal does not depend on which one


@pytest.fixture(scope="session")
def new_user_folder(tmp_path_factory, sample_text, sample_pdf, foreign_pdf) -> Path:
    """The folder a new user points the loader at (a subfolder, so discovery must recurse)."""
    from tests.support import badfiles

    folder = tmp_path_factory.mktemp("budgets")
    inner = folder / "2022"
    inner.mkdir()
    shutil.copy(sample_text, inner / sample_text.name)
    shutil.copy(sample_pdf, folder / sample_pdf.name)
    badfiles.corrupt(folder, sample_pdf)
    shutil.copy(foreign_pdf, folder / foreign_pdf.name)
    (folder / "README.md").write_text("not a budget: ignored by discovery\n", encoding="utf-8")
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return folder


def snapshot(url: str) -> dict[str, list]:
    """Every row of every core and audit table except the run bookkeeping, times left out.

    Two databases with equal snapshots hold the same warehouse: the same facts, dimensions,
    document versions and findings, down to their ids.
    """
    engine = create_engine(url)
    out = {}
    try:
        with engine.connect() as conn:
            tables = conn.execute(text("""
                SELECT table_schema || '.' || table_name FROM information_schema.tables
                WHERE table_schema IN ('core', 'audit', 'staging') AND table_type = 'BASE TABLE'
                  AND table_name NOT IN ('load_run', 'load_result')
                ORDER BY 1
            """)).scalars().all()
            for name in tables:
                columns = conn.execute(text("""
                    SELECT column_name FROM information_schema.columns
                    WHERE table_schema || '.' || table_name = :t AND column_name NOT LIKE '%\\_at'
                    ORDER BY ordinal_position
                """), dict(t=name)).scalars().all()
                select = ", ".join(f'"{c}"' for c in columns)
                rows = conn.execute(text(f"SELECT {select} FROM {name}")).all()
                out[name] = sorted(tuple(map(str, r)) for r in rows)
    finally:
        engine.dispose()
    return out


@pytest.fixture
def login(server_url):
    """Factory: a login role (with a password) that is a member of a group role, and its URL
    for a given database URL; dropped afterwards."""
    admin = create_engine(make_url(server_url).set(drivername="postgresql+psycopg"),
                          isolation_level="AUTOCOMMIT", poolclass=NullPool)
    made = []

    def make(group: str, database_url: str) -> str:
        name = f"bwl_{group}_{uuid.uuid4().hex[:8]}"
        password = uuid.uuid4().hex
        with admin.connect() as conn:
            conn.execute(text(f"CREATE ROLE {name} LOGIN PASSWORD '{password}' IN ROLE {group}"))
        made.append(name)
        return make_url(database_url).set(username=name, password=password) \
            .render_as_string(hide_password=False)

    yield make
    with admin.connect() as conn:
        for name in made:
            conn.execute(text(f"DROP ROLE IF EXISTS {name}"))
    admin.dispose()
