"""The check runner: every ``sql/checks/*.sql`` for one document version, rows into audit.finding.

Contract of a check file: one SELECT taking the bound parameter ``:document_version_id`` and
returning the columns ``rule, severity, unit_code, fiscal_year, message, figures (jsonb),
difference (numeric)`` - one row per failure, none when the identity holds. Files run in name
order inside the load's transaction (a failing check file is a LoadError: the document is
not loaded half-checked). ``run_checks`` can also be called later for a stored version.

How they run: all files as **one** ``INSERT INTO audit.finding … SELECT`` over the files'
SELECTs put together with ``UNION ALL`` (in name order), so a load pays one round trip and
one statement instead of one per file plus one per failing row; the statement text is the
same for every document, so the driver prepares it server-side on its first run (planning it
costs more than running it). If that statement fails, it is rolled back to a savepoint and
the files run one by one, so the error names the file that is broken (or the columns it does
not return); if every file runs alone, the error says the combination failed. Either way the
load is refused.
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import cache
from pathlib import Path

from sqlalchemy import text

from loader.errors import LoadError

CHECKS_DIR = Path(__file__).resolve().parents[2] / "sql" / "checks"
REQUIRED = ("rule", "severity", "unit_code", "fiscal_year", "message", "figures", "difference")

_INSERT = """INSERT INTO audit.finding (document_version_id, origin, rule, severity, unit_code,
                           fiscal_year, message, figures, difference)
"""


def check_files(directory: Path = CHECKS_DIR) -> list[Path]:
    return sorted(directory.glob("*.sql"))


def _body(path: Path) -> str:
    # A file may end with ';' or a comment line: strip the one, fence the other by a newline.
    return path.read_text(encoding="utf-8").rstrip().rstrip(";")


@cache
def _combined(files: tuple[tuple[Path, float], ...]) -> str:
    """The one INSERT … SELECT running every file (keyed by path and mtime: edits are seen)."""
    parts = [
        f"SELECT c.rule::text, c.severity::text, c.unit_code::text, c.fiscal_year::integer, "
        f"c.message::text, c.figures::jsonb, c.difference::numeric\n"
        f"FROM (\n{_body(path)}\n) AS c  -- {path.name}\n"
        for path, _mtime in files
    ]
    return (_INSERT + "SELECT CAST(:document_version_id AS bigint), 'check', rule, severity, "
            "unit_code, fiscal_year, message, coalesce(figures, '[]'::jsonb), difference\n"
            "FROM (\n" + "UNION ALL\n".join(parts) + ") AS checks")


def run_checks(conn, version_id: int, directory: Path = CHECKS_DIR) -> int:
    """Run every check for one version on SQLAlchemy ``conn``; store and count failing rows."""
    files = tuple((p, p.stat().st_mtime) for p in check_files(directory))
    if not files:
        return 0
    savepoint = conn.begin_nested()
    try:
        with _prepared_on_first_run(conn):
            stored = conn.execute(text(_combined(files)),
                                  {"document_version_id": version_id}).rowcount
    except Exception as exc:
        savepoint.rollback()
        # Run the files one by one only to name the broken one; if each runs alone, the
        # combination itself is broken (say, two files' columns of different types), and that
        # must not pass silently either.
        _name_broken_check(conn, version_id, [p for p, _ in files])
        raise LoadError("the checks run together failed although each runs alone: "
                        f"{str(exc).splitlines()[0]}") from exc
    savepoint.commit()
    return stored


@contextmanager
def _prepared_on_first_run(conn):
    """Have the driver prepare the next statement at once, not after five runs.

    The combined statement is the same for every document and takes ~10 ms to plan; the
    server plans it anew on each run until it is prepared (and five runs more before it
    settles on a generic plan), so every new connection - each ``budget-loader`` process -
    paid that ten times. A connection that disables prepared statements (threshold None,
    e.g. behind a transaction-pooling proxy) is left alone.
    """
    driver = conn.connection.driver_connection
    threshold = driver.prepare_threshold
    if threshold is not None:
        driver.prepare_threshold = 0
    try:
        yield
    finally:
        driver.prepare_threshold = threshold


def _name_broken_check(conn, version_id: int, files: list[Path]) -> None:
    """Run each file alone (nothing stored) and raise LoadError naming the first that fails."""
    for path in files:
        try:
            result = conn.execute(text(path.read_text(encoding="utf-8")),
                                  {"document_version_id": version_id})
        except Exception as exc:  # a broken check must not pass silently
            raise LoadError(f"check {path.name} failed to run: {str(exc).splitlines()[0]}") from exc
        missing = [c for c in REQUIRED if c not in result.keys()]
        if missing:
            raise LoadError(f"check {path.name} does not return {', '.join(missing)}")
