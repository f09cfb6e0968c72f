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


def drop_views(dbapi_connection, directory: Path = VIEWS_DIR) -> None:
    """Drop the views in reverse dependency (file) order; a missing view is not an error."""
    for path in reversed(view_files(directory)):
        kind, name = view_object(path)
        dbapi_connection.execute(f"DROP {kind} IF EXISTS published.{name}")
