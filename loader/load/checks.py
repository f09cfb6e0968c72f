"""The check runner: every ``sql/checks/*.sql`` for one document version, rows into audit.finding.

Contract of a check file: one SELECT taking the bound parameter ``:document_version_id`` and
returning the columns ``rule, severity, unit_code, fiscal_year, message, figures (jsonb),
difference (numeric)`` - one row per failure, none when the identity holds. Files run in name
order inside the load's transaction (a failing check file is a LoadError: the document is
not loaded half-checked). ``run_checks`` can also be called later for a stored version.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import text

from loader.errors import LoadError

CHECKS_DIR = Path(__file__).resolve().parents[2] / "sql" / "checks"
REQUIRED = ("rule", "severity", "unit_code", "fiscal_year", "message", "figures", "difference")


def check_files(directory: Path = CHECKS_DIR) -> list[Path]:
    return sorted(directory.glob("*.sql"))


def run_checks(conn, version_id: int, directory: Path = CHECKS_DIR) -> int:
    """Run every check for one version on SQLAlchemy ``conn``; store and count failing rows."""
    stored = 0
    for path in check_files(directory):
        try:
            result = conn.execute(text(path.read_text(encoding="utf-8")),
                                  {"document_version_id": version_id})
        except Exception as exc:  # a broken check must not pass silently
            raise LoadError(f"check {path.name} failed to run: {str(exc).splitlines()[0]}") from exc
        missing = [c for c in REQUIRED if c not in result.keys()]
        if missing:
            raise LoadError(f"check {path.name} does not return {', '.join(missing)}")
        for row in result.mappings().all():
            figures = row["figures"]
            conn.execute(text("""
                INSERT INTO audit.finding (document_version_id, origin, rule, severity, unit_code,
                                           fiscal_year, message, figures, difference)
                VALUES (:v, 'check', :rule, :severity, :unit_code, :fiscal_year, :message,
                        CAST(:figures AS jsonb), :difference)
            """), dict(v=version_id, rule=row["rule"], severity=row["severity"],
                       unit_code=row["unit_code"], fiscal_year=row["fiscal_year"],
                       message=row["message"],
                       figures=json.dumps(figures if figures is not None else [],
                                          ensure_ascii=False, default=str),
                       difference=row["difference"]))
            stored += 1
    return stored
