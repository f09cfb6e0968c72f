"""Two entry points for loading.

``load_paths(url, paths, **options)``: a whole run, what ``budget-loader load`` calls (thin
front to ``loader.batch.run.run_batch``): files and folders in, a ``RunSummary`` out; known
files skipped before parsing, the rest parsed in parallel, one transaction per document, the
run lock, every outcome in ``audit``. See docs/loading.md.

``load_files(engine, files, parse)``: the plain library loop, for callers that bring their own
parse function (tests that load a modified document, benchmarks): parse and write each file
in order, in its own transaction, no skipping, no lock, no parallelism; one failure stops no
other. Every run is recorded in ``audit.load_run`` and each file's outcome in
``audit.load_result`` (a failed file leaves only that outcome row).
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, text

from loader.batch.run import FileResult, Options, Reporter, RunSummary, run_batch
from loader.errors import LoaderError

__all__ = ["FileOutcome", "FileResult", "Options", "Reporter", "RunSummary", "load_files",
           "load_paths"]


def load_paths(url: str, paths: list[str] | tuple[str, ...], *, reporter: Reporter | None = None,
               **options) -> RunSummary:
    """Load ``paths`` (files or folders) into the warehouse at ``url``.

    ``options`` are ``loader.batch.run.Options`` fields: ``jobs``, ``dry_run``, ``retry``,
    ``wait``, ``year``, ``unit``, ``command``.
    """
    return run_batch(url, paths, Options(**options), reporter)


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
    from loader.batch.version import loader_version

    with engine.begin() as conn:
        return conn.execute(text("INSERT INTO audit.load_run (command, loader_version) "
                                 "VALUES (:c, :v) RETURNING load_run_id"),
                            dict(c=command, v=loader_version())).scalar_one()


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
    """Load each file in order; ``parse(path, year=, unit=)`` gives its ParsedDocument."""
    from loader.load.writer import write_document  # not at import: the CLI's no-op path

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
