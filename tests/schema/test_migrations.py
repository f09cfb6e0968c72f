"""Revisions and the metadata agree; the published views are rebuilt whenever a database reaches head."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text

from loader.schema import metadata
from loader.schema.views import view_files, view_object

VIEW_FILES = sum(view_object(p)[0] == "VIEW" for p in view_files())


def _views(url: str) -> int:
    eng = create_engine(url)
    try:
        with eng.connect() as conn:
            return conn.execute(text(
                "SELECT count(*) FROM pg_views WHERE schemaname = 'published'")).scalar()
    finally:
        eng.dispose()


def test_step_by_step_upgrades_end_with_every_view(make_database, alembic_config):
    url = make_database("bwl_wh_steps")
    config = alembic_config(url)
    command.upgrade(config, "0001")
    assert _views(url) == 0  # not at head: the views wait for the last revision
    command.upgrade(config, "head")
    assert _views(url) == VIEW_FILES
    command.downgrade(config, "-1")
    assert _views(url) == 0
    command.upgrade(config, "head")
    assert _views(url) == VIEW_FILES


def test_the_revisions_build_exactly_the_metadata(db_url):
    """A change to loader/schema without a revision (or the reverse) fails here."""
    eng = create_engine(db_url)
    try:
        with eng.connect() as conn:
            context = MigrationContext.configure(conn, opts={
                "include_schemas": True,
                "include_object": lambda obj, name, type_, reflected, compare_to:
                    getattr(obj, "schema", None) in {"staging", "core", "audit", None}
                    and type_ != "view" and name != "alembic_version",
            })
            diff = compare_metadata(context, metadata)
    finally:
        eng.dispose()
    assert diff == [], diff
