"""The loader at archive scale: one table of figures, each against a baseline of the same run.

Usage::

    TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python benchmarks/run.py [--quick] [--keep-db]

The server named by ``BENCH_DATABASE_URL`` (else ``TEST_DATABASE_URL``) gets one fresh
database, ``bench_<pid>``, dropped at the end unless ``--keep-db``. Figures:

- **PDF parse**: pages/s of the loader's table stage (``read_pdf`` + ``collect_tables`` +
  ``stitch``) and of ``parse_pdf_document``, against plain pdfplumber ``extract_tables()``
  on the same pages (a synthetic budget printed by the test PDF generator).
- **text parse**: documents/s of ``parse_document`` on the real sample text, and on synthetic
  corpus documents printed as text exports (``tests.support.textgen``; ``bench_text_synthetic``).
- **load**: documents and fact rows per second of ``write_document`` (upserts, COPY of the
  facts, round-trip proof over 13 views, 17 checks; one transaction per document) on
  synthetic corpus documents, against writing **the same fact rows** with one ``INSERT`` per
  row, one transaction per document (no upserts, no proof, no checks: less work than ours).
  Also two writer threads on separate connections (what a batch could do).
- **no-op re-run**: ``budget-loader load DIR`` (and ``load_paths`` in-process) over a
  folder of 10,000 distinct files already known (``--quick``: 1,000); see ``bench_noop``.
- **show**: the published view of each table for one unit and year, and two analysts'
  queries, on a warehouse of 20,000 documents (``--quick``: 2,000). The documents beyond
  those written by the loader are **bulk copies** of loaded ones (new unit codes and
  version ids, same rows), made with ``INSERT … SELECT``: labelled as such in the output.
- **memory**: peak RSS of a fresh worker process parsing a 60-page PDF, and after parsing it
  three times (growth across documents).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import corpus_document, corpus_specs  # noqa: E402
from benchmarks.pdf_parse import best_of, readers, synthetic_pdf, time_pdf  # noqa: E402

SAMPLE = ROOT.parent / "shared" / "samples" / "beijing" / "042008-2022-unit-budget.txt"
ROWS: list[tuple[str, str, str, str]] = []  # figure, ours, baseline, ratio
PARTS = ("pdf", "text", "load", "noop", "show", "memory")


def row(figure: str, ours: str, baseline: str = "", ratio: str = "") -> None:
    ROWS.append((figure, ours, baseline, ratio))
    print(f"  … {figure}: {ours}" + (f" | baseline {baseline} | {ratio}" if baseline else ""),
          file=sys.stderr, flush=True)


# ---------------------------------------------------------------- PDF and text parse
def bench_pdf(tmp: Path, projects: int, repeat: int) -> None:
    """Embedded fonts (as published files: PDFium reads every page) and the non-embedded
    STSong-Light of the older test PDFs (PDFium refuses every page: pdfplumber's speed)."""
    for font, label in (("embedded", "embedded fonts"), ("cid", "non-embedded font")):
        path = synthetic_pdf(tmp, projects, font)
        t = time_pdf(path, repeat)
        pages, t_base, t_tables, t_full = t.pages, t.plumber, t.tables, t.full
        base = f"{pages / t_base:.1f} pages/s"
        row(f"PDF parse, {label}, table stage ({pages} pages; read by {readers(path)})",
            f"{pages / t_tables:.1f} pages/s", base, f"{t_base / t_tables:.2f}x")
        row(f"PDF parse, {label}, parse_pdf_document (+identity, validation)",
            f"{pages / t_full:.1f} pages/s", base, f"{t_base / t_full:.2f}x")


def bench_text(repeat: int) -> None:
    from loader.parse import parse_document

    if not SAMPLE.exists():
        row("text parse", f"skipped: {SAMPLE} not found")
        return
    t = best_of(lambda: parse_document(str(SAMPLE)), repeat)
    row("text parse (the real sample, 13 tables)", f"{1 / t:.2f} docs/s ({t * 1000:.0f} ms/doc)")
    bench_text_synthetic(10 if repeat == 1 else 40)


def bench_text_synthetic(n: int) -> None:
    """``parse_document`` over ``n`` corpus documents printed as text exports.

    Each document of ``corpus_specs(n, seed=5)`` (5–60 projects, 2–20 indicators) is printed by
    ``tests.support.textgen.render_text`` with a seeded ``random_layout`` (wrapped cells, page
    breaks in table 13; no cut codes: corpus codes are not in ascending order, so a cut could
    not be recovered) and written to a file; the parse of all files is timed once, rendering
    excluded. A file that does not parse back to its document's table-13 row count is reported.
    """
    from dataclasses import replace

    from loader.parse import parse_document
    from tests.support.textgen import random_layout, render_text

    with tempfile.TemporaryDirectory() as tmp_name:
        paths, rows13 = [], []
        for i, spec in enumerate(corpus_specs(n, seed=5)):
            doc = corpus_document(spec)
            layout = replace(random_layout(doc, random.Random(i)), cut=frozenset())
            path = Path(tmp_name) / f"{spec.unit_code}-{spec.year}.txt"
            path.write_text(render_text(doc, layout), "utf-8")
            paths.append(path)
            rows13.append(len(doc.tables["13"].rows))
        start = time.perf_counter()
        parsed = [parse_document(p) for p in paths]
        t = time.perf_counter() - start
    wrong = sum(len(d.tables["13"].rows) != k for d, k in zip(parsed, rows13, strict=True))
    row(f"text parse (rendered synthetic, {n} docs, mean {statistics.mean(rows13):.0f} table-13 rows)",
        f"{n / t:.2f} docs/s ({t / n * 1000:.0f} ms/doc)" + (f"; {wrong} parsed wrong" if wrong else ""))


# ---------------------------------------------------------------- database
def _server_url() -> str:
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    if not url:
        raise SystemExit("set BENCH_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server "
                         "(a fresh database is created on it and dropped afterwards)")
    return url


def _db_url(server: str, name: str) -> str:
    base, _, _ = server.rpartition("/")
    return f"{base}/{name}"


def _admin(server: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(server.replace("postgresql+psycopg://", "postgresql://"),
                         autocommit=True) as conn:
        conn.execute(sql)


def _row_by_row(engine, docs, results) -> tuple[float, int]:
    """The baseline: the same fact rows, one ``INSERT`` per row, one transaction per document.

    Each document gets a new (superseded) version row and its fact rows again, exactly as
    ``write_document`` produced them (dimensions already exist: they are not re-inserted, so
    the baseline does strictly less than the loader: no upserts, no proof, no checks). The
    rows are deleted afterwards (outside the timing) so later figures see one copy.
    """
    from loader.load.staging import _columns
    from loader.load.transform import document_rows
    from loader.schema import metadata
    from loader.schema.staging import fact_tables

    batches = [document_rows(d, 0) for d in docs]  # transform outside the timing
    versions = []
    rows = 0
    start = time.perf_counter()
    for d, r, batch in zip(docs, results, batches, strict=True):
        with engine.begin() as conn:
            cur = conn.connection.driver_connection.cursor()
            cur.execute("INSERT INTO audit.document_version (document_id, sha256, file_name, "
                        "template, unit_name, department_code, status) "
                        "SELECT document_id, %s, file_name, template, unit_name, department_code, "
                        "'superseded' FROM audit.document_version WHERE document_version_id = %s "
                        "RETURNING document_version_id",
                        ("baseline-" + d.identity.sha256, r.document_version_id))
            vid = cur.fetchone()[0]
            versions.append(vid)
            for name in fact_tables(metadata):
                cols = _columns(f"core.{name}")
                sql = (f"INSERT INTO core.{name} ({', '.join(cols)}) "
                       f"VALUES ({', '.join(['%s'] * len(cols))})")
                for fact in batch.rows.get(name, []):
                    values = [fact.get(c) for c in cols]
                    values[cols.index("document_version_id")] = vid
                    cur.execute(sql, values)
                    rows += 1
    elapsed = time.perf_counter() - start
    with engine.begin() as conn:
        cur = conn.connection.driver_connection.cursor()
        for name in fact_tables(metadata):
            cur.execute(f"DELETE FROM core.{name} WHERE document_version_id = ANY(%s)", (versions,))
        cur.execute("DELETE FROM audit.document_version WHERE document_version_id = ANY(%s)",
                    (versions,))
    return elapsed, rows


def bench_load(engine, n_docs: int, n_parallel: int) -> list:
    from concurrent.futures import ThreadPoolExecutor

    from loader.load.writer import write_document

    specs = corpus_specs(n_docs + n_parallel, seed=6)
    docs = [corpus_document(s) for s in specs]
    ours, more = docs[:n_docs], docs[n_docs:]
    start = time.perf_counter()
    results = [write_document(engine, d) for d in ours]
    t_ours = time.perf_counter() - start
    rows = sum(r.fact_rows for r in results)
    t_base, base_rows = _row_by_row(engine, ours, results)
    assert base_rows == rows, (base_rows, rows)
    row(f"load, documents ({n_docs} synthetic, write_document, 1 writer)",
        f"{n_docs / t_ours:.1f} docs/s ({t_ours / n_docs * 1000:.0f} ms/doc)",
        f"{n_docs / t_base:.1f} docs/s", f"{t_base / t_ours:.2f}x (target 20x)")
    row(f"load, fact rows ({rows / n_docs:.0f} per document)", f"{rows / t_ours:,.0f} rows/s",
        f"{base_rows / t_base:,.0f} rows/s", f"{t_base / t_ours:.2f}x")
    # Two writers on separate connections (one transaction per document each), as a batch
    # could run them: measured so the gain is known before the batch code is changed.
    start = time.perf_counter()
    with ThreadPoolExecutor(2) as pool:
        more_results = list(pool.map(lambda d: write_document(engine, d), more))
    t_par = time.perf_counter() - start
    par_rows = sum(r.fact_rows for r in more_results)
    row(f"load, 2 writer threads ({n_parallel} more documents)",
        f"{n_parallel / t_par:.1f} docs/s, {par_rows / t_par:,.0f} rows/s",
        f"{base_rows / t_base:,.0f} rows/s", f"{(par_rows / t_par) / (base_rows / t_base):.2f}x")
    return results + more_results


def bench_noop(engine, url: str, tmp: Path, n_files: int, scale_to: int = 10_000) -> None:
    """The nightly re-run: ``budget-loader load DIR`` over ``scale_to`` distinct, known files.

    ``n_files`` PDFs are printed and loaded for real (``load_paths``, what the CLI calls).
    The folder is then filled up to ``scale_to`` **distinct** files: copies of those PDFs,
    each with its own trailing PDF comment (other bytes, so another sha256; the same
    content). A first run over them would parse each copy, find its content already loaded
    and record a ``same_content`` result; those result rows are **registered in bulk** here
    (one INSERT … SELECT, labelled in the output) instead of parsing thousands of PDFs.
    The re-run is then timed twice: ``load_paths`` in this process, and the CLI as a
    subprocess (process start and imports included).
    """
    import hashlib

    from benchmarks.corpus import write_pdfs
    from loader.load.pipeline import load_paths

    folder = tmp / "noop"
    files = write_pdfs(corpus_specs(n_files, seed=99), folder)
    load_paths(url, [str(folder)])
    copies = []  # (file name, sha256, original sha256)
    for k in range(scale_to - len(files)):
        original = files[k % len(files)]
        data = original.read_bytes() + f"%bench copy {k:06d}\n".encode()
        path = folder / f"copy{k:06d}-{original.name}"
        path.write_bytes(data)
        copies.append((str(path), hashlib.sha256(data).hexdigest(),
                       hashlib.sha256(original.read_bytes()).hexdigest()))
    with engine.begin() as conn:
        cur = conn.connection.driver_connection.cursor()
        cur.execute("INSERT INTO audit.load_run (command, loader_version, status, finished_at) "
                    "VALUES ('bench: bulk-registered same_content', 'bench', 'succeeded', now()) "
                    "RETURNING load_run_id")
        run_id = cur.fetchone()[0]
        cur.execute("""
            INSERT INTO audit.load_result (load_run_id, file_name, sha256, outcome,
                                           document_version_id, message)
            SELECT %s, c.name, c.sha, 'same_content', v.document_version_id,
                   'bench: same content as version ' || v.document_version_id
            FROM unnest(%s::text[], %s::text[], %s::text[]) AS c (name, sha, original)
            JOIN audit.document_version v ON v.sha256 = c.original
        """, (run_id, [c[0] for c in copies], [c[1] for c in copies], [c[2] for c in copies]))
        assert cur.rowcount == len(copies), (cur.rowcount, len(copies))
    total = len(list(folder.iterdir()))
    start = time.perf_counter()
    summary = load_paths(url, [str(folder)])
    t = time.perf_counter() - start
    assert not summary.of("loaded") and not summary.of("failed"), summary.counts()
    label = (f"{total:,} distinct files ({n_files} loaded, {total - n_files:,} copies "
             "registered in bulk as same_content)")
    row(f"no-op re-run, load_paths: {label}", f"{t:.1f} s", "target 10 s",
        "met" if t < 10 else "NOT met")
    cli = Path(sys.executable).with_name("budget-loader")
    env = dict(os.environ, DATABASE_URL=url.replace("postgresql://", "postgresql+psycopg://", 1))
    start = time.perf_counter()
    done = subprocess.run([str(cli), "load", "-q", str(folder)], env=env, capture_output=True,
                          text=True)
    t = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"budget-loader load failed ({done.returncode}): {done.stderr[-500:]}")
    row(f"no-op re-run, `budget-loader load DIR` (CLI process), {total:,} files", f"{t:.1f} s",
        "target 10 s", "met" if t < 10 else "NOT met")


def bulk_copy(engine, target_docs: int) -> int:
    """Copy loaded documents (facts, versions) until ``target_docs`` are current. Returns copies."""
    from loader.schema import metadata
    from loader.schema.staging import fact_tables

    with engine.begin() as conn:
        cur = conn.connection.driver_connection.cursor()
        cur.execute("SELECT count(*) FROM published.current_documents")
        have = cur.fetchone()[0]
        need = target_docs - have
        if need <= 0:
            return 0
        cur.execute("""
            CREATE TEMP TABLE copy_map AS
            WITH src AS (SELECT v.document_version_id, d.fiscal_year, v.sha256, v.template,
                                row_number() OVER (ORDER BY v.document_version_id) - 1 AS k,
                                count(*) OVER () AS n
                         FROM audit.document_version v JOIN audit.document d USING (document_id)
                         WHERE v.status = 'current')
            SELECT g AS copy_no, s.document_version_id AS src_vid, s.fiscal_year,
                   'C' || lpad(g::text, 5, '0') AS unit_code, s.template,
                   md5(s.sha256 || g) AS sha256, NULL::bigint AS document_id,
                   NULL::bigint AS vid
            FROM generate_series(0, %s - 1) g JOIN src s ON s.k = g %% s.n
        """, (need,))
        cur.execute("INSERT INTO core.dim_unit (unit_code, unit_name, level, department_code) "
                    "SELECT DISTINCT left(unit_code, 3), 'bulk copy', 'department', "
                    "left(unit_code, 3) FROM copy_map ON CONFLICT DO NOTHING")
        cur.execute("INSERT INTO core.dim_unit (unit_code, unit_name, level, department_code) "
                    "SELECT DISTINCT unit_code, 'bulk copy ' || unit_code, 'unit', "
                    "left(unit_code, 3) FROM copy_map ON CONFLICT DO NOTHING")
        cur.execute("""
            WITH d AS (INSERT INTO audit.document (unit_code, fiscal_year, kind)
                       SELECT unit_code, fiscal_year, '单位预算' FROM copy_map
                       RETURNING document_id, unit_code, fiscal_year)
            UPDATE copy_map m SET document_id = d.document_id FROM d
            WHERE d.unit_code = m.unit_code AND d.fiscal_year = m.fiscal_year
        """)
        cur.execute("""
            WITH v AS (INSERT INTO audit.document_version (document_id, sha256, file_name,
                                                           template, unit_name, department_code, status)
                       SELECT document_id, sha256, 'bulk copy', template, unit_code,
                              left(unit_code, 3), 'current'
                       FROM copy_map
                       RETURNING document_version_id, document_id)
            UPDATE copy_map m SET vid = v.document_version_id FROM v
            WHERE v.document_id = m.document_id
        """)
        for name in fact_tables(metadata):
            cols = [c.name for c in metadata.tables[f"core.{name}"].columns
                    if c.identity is None and c.name not in ("document_version_id", "unit_code")]
            sel = ", ".join(f"f.{c}" for c in cols)
            cur.execute(f"INSERT INTO core.{name} (document_version_id, unit_code, {', '.join(cols)}) "
                        f"SELECT m.vid, m.unit_code, {sel} FROM core.{name} f "
                        "JOIN copy_map m ON f.document_version_id = m.src_vid")
        cur.execute("ANALYZE")
    return need


def _timed(cur, sql: str, params, samples: list[float]) -> None:
    start = time.perf_counter()
    cur.execute(sql, params)
    cur.fetchall()
    samples.append((time.perf_counter() - start) * 1000)


def bench_show(engine, n_docs: int, loaded: int, samples: int) -> None:
    from loader.load.roundtrip import view_name
    from loader.schema.template import load_template

    copied = bulk_copy(engine, n_docs)
    template = load_template("beijing")
    with engine.connect() as conn:
        cur = conn.connection.driver_connection.cursor()
        cur.execute("SELECT unit_code, fiscal_year FROM published.current_documents")
        keys = cur.fetchall()
        cur.execute("SELECT (SELECT count(*) FROM core.fct_performance_indicator), "
                    "(SELECT count(*) FROM core.fct_project_expenditure)")
        n13, n04 = cur.fetchone()
        rng = random.Random(5)
        picks = [rng.choice(keys) for _ in range(samples)]
        worst = []
        label = (f"{len(keys):,} documents ({loaded} by the loader, {copied:,} bulk copies); "
                 f"{n13:,} table-13 rows")
        row("show: warehouse", label)
        lookup = ("SELECT document_version_id, template, kind FROM published.current_documents "
                  "WHERE unit_code = %s AND fiscal_year = %s")
        for tid in sorted(template["tables"]):
            times: list[float] = []
            for unit, year in picks:
                start = time.perf_counter()
                cur.execute(lookup, (unit, year))
                vid = cur.fetchone()[0]
                cur.execute(f"SELECT * FROM {view_name(tid, 'beijing')} "
                            "WHERE document_version_id = %s ORDER BY row_no", (vid,))
                cur.fetchall()
                times.append((time.perf_counter() - start) * 1000)
            worst.append((tid, times))
        for tid, times in worst:
            p95 = sorted(times)[int(0.95 * (len(times) - 1))]
            row(f"show {tid} (lookup + view, ms)", f"median {statistics.median(times):.1f}, "
                f"p95 {p95:.1f}", "target 50 ms", "met" if p95 < 50 else "NOT met")
        queries = {
            "budget_lines of one unit and year": (
                "SELECT * FROM published.budget_lines WHERE unit_code = %s AND fiscal_year = %s",
                lambda u, y: (u, y)),
            "department total by function 类 for a year": (
                "SELECT left(function_subject_code, 3), sum(amount) FROM published.budget_lines "
                "WHERE unit_code LIKE %s AND fiscal_year = %s AND source_table = '03' "
                "GROUP BY 1", lambda u, y: (u[:3] + "%", y)),
        }
        for name, (sql, params) in queries.items():
            times = []
            for unit, year in picks:
                _timed(cur, sql, params(unit, year), times)
            p95 = sorted(times)[int(0.95 * (len(times) - 1))]
            row(f"query: {name} (ms)", f"median {statistics.median(times):.1f}, p95 {p95:.1f}",
                "target 50 ms", "met" if p95 < 50 else "NOT met")


# ---------------------------------------------------------------- memory
# Peak RSS from /proc (VmHWM), not getrusage: Linux carries ru_maxrss across fork+exec, so
# a worker started by this (large) benchmark process would report the parent's peak.
_WORKER = """
import re, sys
sys.path.insert(0, {root!r})
from loader.parse.pdf import parse_pdf_document

def peak_mb():
    status = open("/proc/self/status").read()
    return int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) // 1024

peaks = []
for _ in range(3):
    parse_pdf_document({path!r})
    peaks.append(peak_mb())
print(*peaks)
"""


def bench_memory(tmp: Path) -> None:
    import pdfplumber

    from tests.support.pdfgen import Layout, render_pdf
    from tests.support.synthetic import synthetic_document

    for font in ("embedded", "cid"):
        path = render_pdf(synthetic_document(seed=12, projects=105), tmp / f"sixty-{font}.pdf",
                          Layout(font=font))
        with pdfplumber.open(str(path)) as pdf:
            pages = len(pdf.pages)
        out = subprocess.run(
            [sys.executable, "-c", _WORKER.format(root=str(ROOT), path=str(path))],
            capture_output=True, text=True, check=True).stdout.split()
        first, *_, last = (int(x) for x in out)
        row(f"peak RSS of a worker, {pages}-page PDF, {font} font ({readers(path)})",
            f"{first} MB after 1 parse, {last} MB after 3", "", f"growth {last - first} MB")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller scale, under five minutes")
    ap.add_argument("--keep-db", action="store_true", help="do not drop the benchmark database")
    ap.add_argument("--only", action="append", choices=PARTS, metavar="PART",
                    help=f"run only these parts (repeatable): {', '.join(PARTS)}")
    args = ap.parse_args(argv)
    only = set(args.only or PARTS)
    q = args.quick
    scale = dict(pdf_projects=40 if q else 80, repeat=1 if q else 3, load=30 if q else 300,
                 parallel=20 if q else 200, noop=4 if q else 20,
                 noop_files=1_000 if q else 10_000, show=2_000 if q else 20_000,
                 samples=20 if q else 100)
    from sqlalchemy import create_engine

    from loader.db.migrations import migrate

    server = _server_url()
    name = f"bench_{os.getpid()}"
    _admin(server, f"CREATE DATABASE {name}")
    url = _db_url(server, name)
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory() as tmp_name:
            tmp = Path(tmp_name)
            if "pdf" in only:
                bench_pdf(tmp, scale["pdf_projects"], scale["repeat"])
            if "text" in only:
                bench_text(scale["repeat"])
            migrate(url)
            engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
            loaded = 0
            if only & {"load", "show"}:  # show needs loaded documents to copy
                loaded += len(bench_load(engine, scale["load"], scale["parallel"]))
            if "noop" in only:
                bench_noop(engine, url, tmp, scale["noop"], scale["noop_files"])
                loaded += scale["noop"]
            if "show" in only:
                bench_show(engine, scale["show"], loaded, scale["samples"])
            engine.dispose()
            if "memory" in only:
                bench_memory(tmp)
    finally:
        if not args.keep_db:
            _admin(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    cpu = platform.processor() or platform.machine()
    print(f"\nbudget-loader benchmarks ({'--quick' if q else 'full'}), {platform.node()}: "
          f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, "
          f"{time.perf_counter() - started:.0f} s")
    widths = [max(len(r[i]) for r in ROWS + [("figure", "ours", "baseline", "ratio")])
              for i in range(4)]
    for r in [("figure", "ours", "baseline", "ratio")] + ROWS:
        print(" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
