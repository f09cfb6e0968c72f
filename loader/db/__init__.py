"""Where the warehouse lives: DATABASE_URL, or the embedded default server.

``resolve_url()`` is the one call the rest of the loader makes. With DATABASE_URL set it
returns that URL (normalised to the psycopg driver); without it, it starts, or reuses,
the embedded PostgreSQL under BUDGET_LOADER_HOME and returns the URL of its warehouse
database. The server keeps running after the command ends, until ``budget-loader db stop``.
"""

from __future__ import annotations

import os

from loader.db.embedded import EmbeddedServer, ServerStatus
from loader.db.home import home_dir
from loader.db.urls import display_url, normalise_url, plain_url

ENV_URL = "DATABASE_URL"

__all__ = [
    "EmbeddedServer",
    "ServerStatus",
    "configured_url",
    "current_revision",
    "display_url",
    "downgrade",
    "embedded_server",
    "head_revisions",
    "home_dir",
    "migrate",
    "normalise_url",
    "plain_url",
    "resolve_url",
]


def configured_url() -> str | None:
    """DATABASE_URL normalised, or None when it is unset or empty."""
    raw = os.environ.get(ENV_URL, "").strip()
    return normalise_url(raw, ENV_URL) if raw else None


def embedded_server() -> EmbeddedServer:
    """The embedded server of the current BUDGET_LOADER_HOME (nothing is started)."""
    return EmbeddedServer(home_dir())


def resolve_url() -> str:
    """The SQLAlchemy URL (``postgresql+psycopg://``) of the warehouse, starting the embedded server if needed."""
    return configured_url() or embedded_server().ensure_running()


# The migration helpers need Alembic and SQLAlchemy (a quarter of a second to import): they
# are loaded on first use, so commands that never migrate (parse, db url) start quickly.
def migrate(url: str, revision: str = "head") -> None:
    from loader.db import migrations

    migrations.migrate(url, revision)


def downgrade(url: str, revision: str) -> None:
    from loader.db import migrations

    migrations.downgrade(url, revision)


def current_revision(url: str) -> str | None:
    from loader.db import migrations

    return migrations.current_revision(url)


def head_revisions() -> tuple[str, ...]:
    from loader.db import migrations

    return migrations.head_revisions()
