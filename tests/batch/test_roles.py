"""Access for people: the read-only role reads core and published and nothing else, writes nowhere;
the loader role can load but not change the schema; downgrade leaves other databases' roles."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from tests.batch.conftest import run_cli

SCHEMAS = ("core", "published", "staging", "audit", "public")


def _denied(engine, sql: str) -> bool:
    try:
        with engine.begin() as conn:
            conn.execute(text(sql))
    except DBAPIError as exc:
        return getattr(exc.orig, "sqlstate", None) == "42501"  # insufficient_privilege
    return False


@pytest.fixture(scope="module")
def loaded(make_database, alembic_config, sample_text):
    url = make_database("bwl_batch_roles")
    command.upgrade(alembic_config(url), "head")
    assert run_cli(["load", str(sample_text)], url).returncode == 0
    return url


def test_reader_selects_core_and_published_only_and_writes_nowhere(loaded, login):
    reader = create_engine(login("budget_reader", loaded), poolclass=NullPool)
    admin = create_engine(loaded, poolclass=NullPool)
    try:
        with reader.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM core.fct_income")).scalar() > 0
            assert conn.execute(text(
                "SELECT count(*) FROM published.t02_income_summary")).scalar() > 0
            assert conn.execute(text("SHOW statement_timeout")).scalar() == "5min"
        with admin.connect() as conn:
            tables = conn.execute(text("""
                SELECT table_schema, table_name, table_type FROM information_schema.tables
                WHERE table_schema IN ('core', 'published', 'staging', 'audit')
            """)).all()
        assert {t.table_schema for t in tables} == {"core", "published", "staging", "audit"}
        for schema, table, kind in tables:
            name = f'{schema}."{table}"'
            if schema in ("staging", "audit"):
                assert _denied(reader, f"SELECT * FROM {name} LIMIT 1"), name
            if kind == "BASE TABLE":
                assert _denied(reader, f"DELETE FROM {name}"), name
                assert _denied(reader, f"TRUNCATE {name}"), name
                assert _denied(reader, f"INSERT INTO {name} DEFAULT VALUES"), name
        for schema in SCHEMAS:
            assert _denied(reader, f"CREATE TABLE {schema}.bwl_reader_probe (x int)"), schema
            assert _denied(reader, f"CREATE VIEW {schema}.bwl_reader_probe AS SELECT 1"), schema
    finally:
        reader.dispose()
        admin.dispose()


def test_loader_role_loads_but_cannot_change_the_schema(make_database, alembic_config,
                                                        sample_text, login):
    url = make_database("bwl_batch_loader_role")
    command.upgrade(alembic_config(url), "head")
    as_loader = login("budget_loader", url)
    done = run_cli(["load", str(sample_text)], as_loader)
    assert done.returncode == 0, done.stderr
    assert "loaded: " in done.stdout
    engine = create_engine(as_loader, poolclass=NullPool)
    try:
        for schema in SCHEMAS:
            assert _denied(engine, f"CREATE TABLE {schema}.bwl_loader_probe (x int)"), schema
        assert _denied(engine, "DROP TABLE core.fct_income")
    finally:
        engine.dispose()


def test_downgrade_keeps_roles_other_databases_use(make_database, alembic_config, login):
    keep = make_database("bwl_batch_keep")
    gone = make_database("bwl_batch_gone")
    command.upgrade(alembic_config(keep), "head")
    command.upgrade(alembic_config(gone), "head")
    reader_url = login("budget_reader", keep)
    command.downgrade(alembic_config(gone), "0001")
    admin = create_engine(gone, poolclass=NullPool)
    try:
        with admin.connect() as conn:
            left = conn.execute(text("""
                SELECT count(*) FROM pg_shdepend d JOIN pg_roles r ON r.oid = d.refobjid
                WHERE r.rolname IN ('budget_reader', 'budget_loader')
                  AND d.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            """)).scalar()
            settings = conn.execute(text("""
                SELECT count(*) FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase
                WHERE d.datname = current_database()
            """)).scalar()
        assert (left, settings) == (0, 0)
    finally:
        admin.dispose()
    reader = create_engine(reader_url, poolclass=NullPool)
    try:
        with reader.connect() as conn:  # the other database's access is untouched
            assert conn.execute(text("SELECT count(*) FROM core.dim_funding_source")).scalar() > 0
    finally:
        reader.dispose()
    command.upgrade(alembic_config(gone), "head")  # and it comes back
