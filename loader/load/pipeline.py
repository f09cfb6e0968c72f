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

import sys
from collections.abc import Callable, Iterable

from sqlalchemy import Engine

from loader.batch.run import FileResult, Options, Reporter, RunSummary, run_batch
from loader.errors import LoaderError

__all__ = ["FileResult", "Options", "Reporter", "RunSummary", "load_files",
           "load_paths"]


def load_paths(url: str, paths: list[str] | tuple[str, ...], *, reporter: Reporter | None = None,
               **options) -> RunSummary:
    """Load ``paths`` (files or folders) into the warehouse at ``url``.

    ``options`` are ``loader.batch.run.Options`` fields: ``jobs``, ``dry_run``, ``retry``,
    ``wait``, ``year``, ``unit``, ``command``.
    """
    return run_batch(url, paths, Options(**options), reporter)


def load_files(engine: Engine, files: Iterable[str], parse: Callable, *, year: int | None = None,
               unit: str | None = None, report: Callable[[FileResult], None] = lambda r: None
               ) -> list[FileResult]:
    """Load each file in order; ``parse(path, year=, unit=)`` gives its ParsedDocument.

    Recorded in ``audit`` as a run, with the batch's own bookkeeping (``loader.batch.run``).
    """
    from loader.batch.fingerprint import file_sha256
    from loader.batch.run import _finish_run, _record, _start_run
    from loader.batch.version import loader_version
    from loader.load.writer import write_document  # not at import: the CLI's no-op path

    command = " ".join(["budget-loader", *sys.argv[1:]]) or "load_files"
    summary = RunSummary(_start_run(engine, command, loader_version()), False, loader_version(), 1)
    for file in files:
        sha = file_sha256(file)[0]
        try:
            written = write_document(engine, parse(file, year=year, unit=unit), summary.run_id)
            result = FileResult(file, written.outcome, written.message, sha256=sha,
                                document_version_id=written.document_version_id)
        except LoaderError as exc:
            message = str(exc) if str(exc).startswith(file) else f"{file}: {exc}"
            result = FileResult(file, "failed", message, sha256=sha, error_kind="load")
        _record(engine, summary.run_id, [result])
        report(result)
        summary.results.append(result)
    failed = any(r.outcome == "failed" for r in summary.results)
    _finish_run(engine, summary.run_id, "failed" if failed else "succeeded", summary)
    return summary.results
