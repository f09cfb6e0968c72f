"""``load_files``: parse and write each file in its own transaction; one failure stops no other.

Every run is recorded in ``audit.load_run`` and each file's outcome in ``audit.load_result``
(a failed file leaves only that outcome row: its own transaction wrote nothing).
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, text

from loader.errors import LoaderError
from loader.load.writer import write_document


@dataclass(frozen=True)
class FileOutcome:
    file: str
    outcome: str  # loaded | unchanged | failed
    message: str
    document_version_id: int | None = None


def _sha256(path: str) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def _start_run(engine: Engine, command: str) -> int:
    with engine.begin() as conn:
        return conn.execute(text("INSERT INTO audit.load_run (command) VALUES (:c) "
                                 "RETURNING load_run_id"), dict(c=command)).scalar_one()


def _record(engine: Engine, run_id: int, outcome: FileOutcome) -> None:
    with engine.begin() as conn:
        conn.execute(text("""
            INSERT INTO audit.load_result (load_run_id, file_name, sha256, outcome,
                                           document_version_id, message)
            VALUES (:r, :f, :s, :o, :v, :m)
        """), dict(r=run_id, f=outcome.file, s=_sha256(outcome.file), o=outcome.outcome,
                   v=outcome.document_version_id, m=outcome.message))


def _finish_run(engine: Engine, run_id: int, failed: bool) -> None:
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit.load_run SET finished_at = now(), status = :s "
                          "WHERE load_run_id = :r"),
                     dict(s="failed" if failed else "succeeded", r=run_id))


def load_files(engine: Engine, files: Iterable[str], parse: Callable, *, year: int | None = None,
               unit: str | None = None, report: Callable[[FileOutcome], None] = lambda o: None
               ) -> list[FileOutcome]:
    """Load each file; ``parse(path, year=, unit=)`` gives its ParsedDocument."""
    run_id = _start_run(engine, " ".join(["budget-loader", *sys.argv[1:]]) or "load_files")
    outcomes = []
    for file in files:
        try:
            doc = parse(file, year=year, unit=unit)
            result = write_document(engine, doc, run_id)
            outcome = FileOutcome(file, result.outcome, result.message,
                                  result.document_version_id)
        except LoaderError as exc:
            message = str(exc)
            if not message.startswith(file):
                message = f"{file}: {message}"
            outcome = FileOutcome(file, "failed", message)
        _record(engine, run_id, outcome)
        report(outcome)
        outcomes.append(outcome)
    _finish_run(engine, run_id, any(o.outcome == "failed" for o in outcomes))
    return outcomes
