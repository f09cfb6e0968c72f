"""One ``budget-loader load`` run over files and folders: skip, parse in parallel, write in order.

``run_batch(url, paths, options, reporter)`` -> ``RunSummary``. In order:

1. ``discover`` the files (``.pdf``/``.txt`` under folders; a missing path is a usage error)
   and hash them (sha256 of the bytes);
2. take the run lock (``lock.RunLock``: exclusive; shared for ``--dry-run``), then migrate
   a database that is not at the newest revision (not in a dry run: it writes nothing);
3. one query (``known.known_files``) for everything the warehouse knows about those sha256s.
   Without parsing, a file is ``skipped`` when its bytes are a loaded version's or were found
   to be the same content as one, and ``still_rejected`` when the same ``loader_version``
   rejected those bytes (``--retry`` parses them again; an ``internal`` failure is always
   retried). The same bytes twice in one run are parsed once;
4. parse the rest in a process pool (``--jobs``; one worker process per file at a time,
   results taken in file order) and write each document in the parent, one transaction each
   (``loader.load.writer.write_document``), in file order. Before writing, a document whose
   content fingerprint equals a version's is ``same_content``: nothing is written;
5. record every file's outcome in ``audit.load_result`` and the run in ``audit.load_run``
   (status ``succeeded``/``failed``, or ``interrupted`` if it stopped on an exception).

A dry run does steps 1-4 but writes each document inside a transaction it rolls back (so the
round-trip proof and the checks run) and records nothing. Exit code: 1 if any file failed,
else 0 (skipped and still-rejected files are not failures of this run).
"""

from __future__ import annotations

import json
import os
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from loader.batch.connect import loader_engine
from loader.batch.discover import discover
from loader.batch.fingerprint import hash_files
from loader.batch.known import known_files, same_content_version
from loader.batch.lock import RunLock
from loader.batch.revision import database_revision, script_heads
from loader.batch.version import loader_version
from loader.batch.worker import Parsed, parse_file
from loader.errors import LoaderError, SetupError

OUTCOME_ORDER = ("loaded", "same_content", "unchanged", "skipped", "still_rejected", "failed")


@dataclass(frozen=True)
class Options:
    jobs: int | None = None  # parse processes; None: the machine's cores
    dry_run: bool = False
    retry: bool = False  # parse files rejected before by this loader version (so do --year/--unit)
    wait: bool = True  # wait for another run's lock (else LockBusy, exit 2)
    year: int | None = None
    unit: str | None = None
    command: str = "budget-loader load"


@dataclass
class FileResult:
    file: str
    outcome: str  # one of OUTCOME_ORDER
    message: str  # one line; for failures it starts with the file name
    sha256: str | None = None
    content_sha256: str | None = None
    document_version_id: int | None = None
    error_kind: str | None = None  # failures: input | parse | load | internal
    parse_seconds: float | None = None
    write_seconds: float | None = None
    detail: str | None = None  # traceback of an internal error (not in JSON)

    def as_json(self) -> dict:
        out = asdict(self)
        out.pop("detail")
        return out


@dataclass
class RunSummary:
    run_id: int | None
    dry_run: bool
    loader_version: str
    jobs: int
    elapsed_seconds: float = 0.0
    results: list[FileResult] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {o: sum(r.outcome == o for r in self.results) for o in OUTCOME_ORDER}

    def of(self, outcome: str) -> list[FileResult]:
        return [r for r in self.results if r.outcome == outcome]

    @property
    def exit_code(self) -> int:
        return 1 if self.of("failed") else 0

    def as_json(self, with_results: bool = True) -> dict:
        out = dict(run_id=self.run_id, dry_run=self.dry_run, loader_version=self.loader_version,
                   jobs=self.jobs, elapsed_seconds=round(self.elapsed_seconds, 3),
                   files=len(self.results), counts=self.counts(), exit_code=self.exit_code)
        if with_results:
            out["results"] = [r.as_json() for r in self.results]
        return out


class Reporter:
    """What a run tells its user; the CLI's reporters override what they show."""

    def waiting(self, message: str) -> None: ...
    def started(self, total: int, to_parse: int, jobs: int) -> None: ...
    def file_done(self, result: FileResult) -> None: ...
    def finished(self, summary: RunSummary) -> None: ...


# ----- the database side -----------------------------------------------------------------


def _ensure_schema(engine, url: str, dry_run: bool) -> None:
    with engine.connect() as conn:
        current = database_revision(conn)
    heads = script_heads()
    if current in heads:
        return
    if dry_run:
        raise SetupError(f"the warehouse is at revision {current or 'none'}, not {', '.join(heads)}; "
                         "a dry run writes nothing: run `budget-loader db upgrade` first")
    from loader.db.migrations import migrate

    migrate(url)  # a new database becomes a warehouse on first load


def _start_run(engine, command: str, version: str) -> int:
    with engine.begin() as conn:
        return conn.execute(text("""
            INSERT INTO audit.load_run (command, loader_version) VALUES (:c, :v)
            RETURNING load_run_id
        """), dict(c=command, v=version)).scalar_one()


def _record(engine, run_id: int | None, results: list[FileResult]) -> None:
    if run_id is None or not results:
        return
    with engine.begin() as conn:
        conn.execute(text("""
            INSERT INTO audit.load_result (load_run_id, file_name, sha256, outcome,
                document_version_id, message, content_sha256, error_kind)
            VALUES (:r, :f, :s, :o, :v, :m, :c, :k)
        """), [dict(r=run_id, f=x.file, s=x.sha256, o=x.outcome, v=x.document_version_id,
                    m=x.message, c=x.content_sha256, k=x.error_kind) for x in results])


def _finish_run(engine, run_id: int | None, status: str, summary: RunSummary) -> None:
    if run_id is None:
        return
    with engine.begin() as conn:
        conn.execute(text("""
            UPDATE audit.load_run SET finished_at = now(), status = :s,
                   summary = CAST(:j AS jsonb)
            WHERE load_run_id = :r
        """), dict(s=status, r=run_id, j=json.dumps(summary.as_json(with_results=False))))


# ----- parsing -----------------------------------------------------------------------------


def _parse_all(files: list[str], jobs: int, year: int | None, unit: str | None
               ) -> Iterator[Parsed]:
    """``parse_file`` of each file, yielded in file order; parallel in worker processes.

    Processes, not threads: parsing is CPU-bound Python. ``spawn``, not ``fork``: a forked
    child would inherit the parent's open database connections. At most ``2 * jobs`` parsed
    documents wait in memory. A worker that dies (a crash in a PDF library, out of memory)
    breaks the pool: the files still in flight are parsed again in a new pool, and a file
    at the head of the queue whose parse breaks it a second time fails as ``internal``.
    """
    if jobs <= 1 or len(files) <= 1:
        for file in files:
            yield parse_file(file, year, unit)
        return

    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    def new_pool():
        return ProcessPoolExecutor(max_workers=min(jobs, len(files)),
                                   mp_context=multiprocessing.get_context("spawn"))

    pool = new_pool()
    pending: deque[list] = deque()  # [file, future, attempts]
    queue = deque(files)
    try:
        while pending or queue:
            while queue and len(pending) < 2 * jobs:
                file = queue.popleft()
                pending.append([file, pool.submit(parse_file, file, year, unit), 0])
            head = pending[0]
            try:
                parsed = head[1].result()
            except BrokenProcessPool:
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool()
                head[2] += 1
                if head[2] > 1:
                    pending.popleft()
                    yield Parsed(head[0], None, None,
                                 f"{head[0]}: internal error: the parser process died twice "
                                 "while this file was being parsed", "internal", 0.0)
                for item in pending:
                    if not (item[1].done() and item[1].exception() is None):
                        item[1] = pool.submit(parse_file, item[0], year, unit)
                continue
            pending.popleft()
            yield parsed
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# ----- one run ------------------------------------------------------------------------------


class _Run:
    def __init__(self, engine, options: Options, summary: RunSummary, reporter: Reporter):
        self.engine = engine
        self.options = options
        self.summary = summary
        self.reporter = reporter
        # content fingerprint -> (version, how it was found) for the files of this run
        self.content_versions: dict[str, tuple[int | None, str]] = {}

    def done(self, result: FileResult, record: bool = True) -> None:
        self.summary.results.append(result)
        if record:
            _record(self.engine, self.summary.run_id, [result])
        self.reporter.file_done(result)

    def write(self, parsed: Parsed, sha: str | None) -> FileResult:
        base = dict(file=parsed.file, sha256=sha, content_sha256=parsed.content_sha256,
                    parse_seconds=round(parsed.seconds, 3))
        if parsed.document is None:
            return FileResult(outcome="failed", message=parsed.error or f"{parsed.file}: failed",
                              error_kind=parsed.error_kind, detail=parsed.detail, **base)
        with self.engine.connect() as conn:
            same = same_content_version(conn, parsed.content_sha256)
        if same is None and parsed.content_sha256 in self.content_versions:
            same = self.content_versions[parsed.content_sha256]
        if same is not None:
            version = f"version {same[0]} ({same[1]})" if same[0] is not None else same[1]
            return FileResult(outcome="same_content", document_version_id=same[0],
                              message=f"same content as {version}, different bytes; "
                                      "nothing written", **base)
        from loader.load.writer import write_document

        dry = self.options.dry_run
        start = time.perf_counter()
        try:
            written = write_document(self.engine, parsed.document, self.summary.run_id,
                                     content_sha256=parsed.content_sha256, commit=not dry)
        except LoaderError as exc:
            message = " ".join(str(exc).split())
            return FileResult(outcome="failed", error_kind="load", message=message
                              if message.startswith(parsed.file) else f"{parsed.file}: {message}",
                              **base)
        except Exception as exc:  # noqa: BLE001 - a database error in one file stops no other
            import traceback

            return FileResult(outcome="failed", error_kind="internal",
                              message=f"{parsed.file}: internal error while writing: "
                                      f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}",
                              detail=traceback.format_exc(), **base)
        seconds = round(time.perf_counter() - start, 3)
        if written.outcome == "unchanged":
            return FileResult(outcome="unchanged", document_version_id=written.document_version_id,
                              message=written.message, write_seconds=seconds, **base)
        # A dry run's version was rolled back: name the file instead of a version id.
        self.content_versions[parsed.content_sha256] = (
            (written.document_version_id, "written in this run") if not dry
            else (None, f"would be written in this run from {parsed.file}"))
        if dry:
            replaced = f", superseding version {written.superseded}" if written.superseded else ""
            return FileResult(outcome="loaded", write_seconds=seconds, message=(
                f"would load as a new version{replaced}: {written.fact_rows} fact rows, "
                f"{written.findings} findings (dry run: nothing written)"), **base)
        return FileResult(outcome="loaded", document_version_id=written.document_version_id,
                          message=written.message, write_seconds=seconds, **base)


def _skip_result(file: str, sha: str, known, version: str, retry: bool) -> FileResult | None:
    """The outcome of a file that needs no parsing, or None when it must be parsed."""
    if known is None:
        return None
    if known.kind == "loaded":
        return FileResult(file, "skipped", f"already loaded as version {known.document_version_id}"
                          f" ({known.status}); unchanged", sha256=sha,
                          document_version_id=known.document_version_id)
    if known.kind == "same_content":
        return FileResult(file, "skipped", f"same content as version {known.document_version_id}"
                          f" ({known.status}), found in run {known.load_run_id}; unchanged",
                          sha256=sha, document_version_id=known.document_version_id)
    if known.error_kind != "internal" and known.loader_version == version and not retry:
        reason = known.message or "rejected"
        return FileResult(file, "still_rejected",
                          f"{reason} [rejected in run {known.load_run_id} by this loader "
                          "version; --retry parses it again]", sha256=sha,
                          error_kind=known.error_kind)
    return None


def run_batch(url: str, paths: list[str] | tuple[str, ...], options: Options,
              reporter: Reporter | None = None) -> RunSummary:
    reporter = reporter or Reporter()
    started = time.perf_counter()
    files = discover(paths)
    jobs = max(1, options.jobs or os.cpu_count() or 1)
    version = loader_version()
    summary = RunSummary(None, options.dry_run, version, jobs)
    hashes = hash_files(files)
    engine = loader_engine(url)
    lock = RunLock(engine)
    status = "interrupted"
    try:
        try:
            lock.acquire(shared=options.dry_run, wait=options.wait, on_wait=reporter.waiting)
            _ensure_schema(engine, url, options.dry_run)
            shas = [sha for sha, _ in hashes if sha]
            with engine.connect() as conn:
                known = known_files(conn, shas)
            if not options.dry_run:
                summary.run_id = _start_run(engine, options.command, version)
        except SQLAlchemyError as exc:
            # Before any file: the database is unreachable, not ours, or not ours to write.
            from loader.db.urls import display_url

            first = str(getattr(exc, "orig", exc) or exc).strip().splitlines()[0]
            raise SetupError(f"{display_url(url)}: {first}") from None
        run = _Run(engine, options, summary, reporter)

        first_of: dict[str, str] = {}  # sha256 -> first file with those bytes in this run
        duplicates: list[tuple[str, str, str]] = []  # (file, sha, first file)
        to_parse: list[str] = []
        sha_of: dict[str, str] = {}
        immediate: list[FileResult] = []
        for file, (sha, error) in zip(files, hashes, strict=True):
            if sha is None:
                immediate.append(FileResult(file, "failed", f"{file}: {error}",
                                            error_kind="input"))
            elif sha in first_of:
                duplicates.append((file, sha, first_of[sha]))
            else:
                first_of[sha] = file
                # --year/--unit answer what a rejected file could not tell: parse it again.
                retry = options.retry or options.year is not None or options.unit is not None
                skip = _skip_result(file, sha, known.get(sha), version, retry)
                if skip is None:
                    to_parse.append(file)
                    sha_of[file] = sha
                else:
                    immediate.append(skip)
        reporter.started(len(files), len(to_parse), jobs)
        _record(engine, summary.run_id, immediate)
        for result in immediate:
            run.done(result, record=False)

        for parsed in _parse_all(to_parse, jobs, options.year, options.unit):
            run.done(run.write(parsed, sha_of[parsed.file]))

        by_file = {r.file: r for r in summary.results}
        for file, sha, first in duplicates:
            origin = by_file[first]
            if origin.outcome in ("failed", "still_rejected"):
                dup = FileResult(file, origin.outcome, f"{file}: same bytes as {first}: "
                                 f"{origin.message.removeprefix(first + ': ')}", sha256=sha,
                                 error_kind=origin.error_kind)
            else:
                dup = FileResult(file, "skipped", f"same bytes as {first} ({origin.outcome}"
                                 + (f", version {origin.document_version_id})"
                                    if origin.document_version_id else ")"),
                                 sha256=sha, document_version_id=origin.document_version_id)
            run.done(dup)
        summary.elapsed_seconds = time.perf_counter() - started
        status = "failed" if summary.exit_code else "succeeded"
    finally:
        summary.elapsed_seconds = time.perf_counter() - started
        try:
            if lock.conn is not None:
                _finish_run(engine, summary.run_id, status, summary)
        except Exception:
            if status != "interrupted":
                raise  # else the exception that interrupted the run is the one to show
        finally:
            lock.release()
            engine.dispose()
    reporter.finished(summary)
    return summary
