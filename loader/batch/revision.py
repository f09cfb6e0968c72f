"""Is the database at the newest migration? Answered cheaply, because every run asks.

``script_heads()`` reads ``revision`` / ``down_revision`` from the files in
``migrations/versions/`` with a regular expression instead of importing Alembic and every
revision module (that costs a quarter of a second on a run that otherwise does nothing).
If a file does not have the simple form it expects, it asks Alembic (``head_revisions``),
so an unusual revision file costs time, never a wrong answer.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from sqlalchemy import text

from loader.db.migrations import ROOT

VERSIONS = ROOT / "migrations" / "versions"
_REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]\s*$", re.M)
_DOWN = re.compile(r"^down_revision\s*=\s*(None|['\"]([^'\"]+)['\"])\s*$", re.M)


@cache
def script_heads() -> tuple[str, ...]:
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in sorted(Path(VERSIONS).glob("*.py")):
        source = path.read_text(encoding="utf-8")
        rev, down = _REVISION.search(source), _DOWN.search(source)
        if not rev or not down:
            from loader.db.migrations import head_revisions

            return head_revisions()
        revisions.add(rev.group(1))
        if down.group(2):
            parents.add(down.group(2))
    return tuple(sorted(revisions - parents))


def database_revision(conn) -> str | None:
    """The revision recorded in ``alembic_version``, None for a database never migrated."""
    exists = conn.execute(text("SELECT to_regclass('public.alembic_version')")).scalar()
    if exists is None:
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
