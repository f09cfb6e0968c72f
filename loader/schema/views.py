"""The ``published`` views: SQL files in ``sql/views/`` are their single source.

Files are applied in name order (so a view may use any view in an earlier file) and dropped
in reverse order. Each file holds one ``CREATE VIEW published.<name>`` (or one helper
``CREATE FUNCTION published.<name>``) plus its COMMENTs.
"""

from __future__ import annotations

import re
from pathlib import Path

VIEWS_DIR = Path(__file__).resolve().parents[2] / "sql" / "views"
_CREATE = re.compile(r"CREATE\s+(?:OR\s+REPLACE\s+)?(VIEW|FUNCTION)\s+published\.(\w+)",
                     re.IGNORECASE)


def view_files(directory: Path = VIEWS_DIR) -> list[Path]:
    return sorted(directory.glob("*.sql"))


def view_object(path: Path) -> tuple[str, str]:
    """(VIEW | FUNCTION, name) a file creates; ValueError if the file creates none."""
    match = _CREATE.search(path.read_text(encoding="utf-8"))
    if not match:
        raise ValueError(f"{path}: no CREATE VIEW published.<name>")
    return match.group(1).upper(), match.group(2)


def view_name(path: Path) -> str:
    return view_object(path)[1]


def create_views(dbapi_connection, directory: Path = VIEWS_DIR) -> list[str]:
    """Run every view file on a raw psycopg connection (no bind-parameter parsing)."""
    names = []
    for path in view_files(directory):
        dbapi_connection.execute(path.read_text(encoding="utf-8"))
        names.append(view_name(path))
    return names


# Every signature of one published function, as DROP FUNCTION takes it.
_SIGNATURES = """
    SELECT quote_ident(n.nspname) || '.' || quote_ident(p.proname)
           || '(' || pg_get_function_identity_arguments(p.oid) || ')'
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'published' AND p.proname = %s
"""


def drop_views(dbapi_connection, directory: Path = VIEWS_DIR) -> None:
    """Drop the views in reverse dependency (file) order; a missing view is not an error.

    A helper function goes with every signature it has: PostgreSQL refuses to drop an
    overloaded name without one (published.amount_sum has one per argument count).
    """
    for path in reversed(view_files(directory)):
        kind, name = view_object(path)
        if kind == "VIEW":
            dbapi_connection.execute(f"DROP VIEW IF EXISTS published.{name}")
            continue
        for (signature,) in dbapi_connection.execute(_SIGNATURES, (name,)).fetchall():
            dbapi_connection.execute(f"DROP FUNCTION {signature}")
