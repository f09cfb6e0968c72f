"""``budget-loader load | show | check``: the warehouse commands (thin: the work is in
loader.batch and loader.load)."""

from __future__ import annotations

import click

from loader.cli import cli
from loader.errors import warehouse_unreachable

# SQLAlchemy and the loader's heavy modules are imported inside the commands, so that every
# other command (parse, db url) starts without them.


def _engine():
    from loader.batch.connect import loader_engine
    from loader.db import resolve_url

    return loader_engine(resolve_url())


def _query(engine, sql: str, params: dict):
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError, ProgrammingError

    try:
        with engine.connect() as conn:
            return conn.execute(text(sql), params).mappings().all()
    except (ProgrammingError, OperationalError) as exc:
        raise warehouse_unreachable(exc) from None


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--year", type=int,
              help="Fiscal year, when the documents do not tell it (files rejected before are "
                   "parsed again).")
@click.option("--unit", help="Unit code, when the documents do not tell it (files rejected before "
                             "are parsed again).")
@click.option("-j", "--jobs", type=click.IntRange(min=1),
              help="Files parsed at once, in worker processes.  [default: the machine's cores]")
@click.option("--dry-run", is_flag=True,
              help="Parse and check everything, report what would change, write nothing.")
@click.option("--retry", is_flag=True,
              help="Parse again the files this loader version rejected before.")
@click.option("--no-wait", is_flag=True,
              help="If another load holds the warehouse, stop (exit 2) instead of waiting.")
@click.option("-q", "--quiet", is_flag=True, help="Print only failures.")
@click.option("-v", "--verbose", is_flag=True,
              help="Also print skipped files, timings and tracebacks of internal errors.")
@click.option("--json", "json_out", is_flag=True,
              help="Print the run summary as JSON on stdout (other output goes to stderr).")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr.  [default: when stderr is a terminal]")
def load(paths: tuple[str, ...], year: int | None, unit: str | None, jobs: int | None,
         dry_run: bool, retry: bool, no_wait: bool, quiet: bool, verbose: bool,
         json_out: bool, progress: bool | None) -> int:
    """Load budget documents: files, or folders searched for .pdf and .txt files.

    Each document is written in its own transaction; one bad file stops no other. Files
    whose bytes are already loaded, or were rejected by this same loader version, are
    skipped without parsing (--retry parses rejected ones again). A file with new bytes
    but the same content as a loaded version (a document's PDF after its text export) is
    recorded as "same content", not as a new version. New content for the same unit, year
    and kind supersedes the previous version.

    Exit 0: everything loaded or skipped; 1: some file failed; 2: usage or setup error.
    """
    from loader.batch.report import ConsoleReporter
    from loader.db import resolve_url
    from loader.load.pipeline import load_paths

    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose exclude each other")
    reporter = ConsoleReporter(progress=progress, quiet=quiet, verbose=verbose,
                               json_out=json_out)
    summary = load_paths(resolve_url(), paths, reporter=reporter, jobs=jobs, dry_run=dry_run,
                         retry=retry, wait=not no_wait, year=year, unit=unit,
                         command=_command_line(paths, year, unit, jobs, dry_run, retry))
    return summary.exit_code


def _command_line(paths, year, unit, jobs, dry_run, retry) -> str:
    """The run's command line as recorded in audit.load_run (the options that change results)."""
    import shlex

    words = ["budget-loader", "load"]
    words += [f"--year={year}"] if year else []
    words += [f"--unit={unit}"] if unit else []
    words += [f"--jobs={jobs}"] if jobs else []
    words += ["--dry-run"] if dry_run else []
    words += ["--retry"] if retry else []
    return " ".join(shlex.quote(w) for w in [*words, *paths])


def _table_id(table: str, template: dict) -> str:
    """``02``, ``2``, ``t02``, ``income_summary`` or ``t02_income_summary`` -> ``"02"``."""
    key = table.strip().lower().removeprefix("t")
    for table_id, spec in template["tables"].items():
        if key in (table_id, table_id.lstrip("0"), f"{table_id}_{spec['english']}") \
                or table.strip().lower() == spec["english"]:
            return table_id
    raise click.BadParameter(f"no published table {table!r} (use 01…13 or an English name)",
                             param_hint="TABLE")


@cli.command()
@click.argument("table")
@click.option("--unit", required=True, help="Unit code, e.g. 042008.")
@click.option("--year", type=int, required=True, help="Fiscal year.")
@click.option("--kind", type=click.Choice(["单位预算", "部门预算"]),
              help="Document kind, when both are loaded.")
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text",
              show_default=True)
def show(table: str, unit: str, year: int, kind: str | None, fmt: str) -> int:
    """Print a published table from the warehouse, as the document printed it."""
    from loader.export.source import find_document
    from loader.load.render import printed_rows, render_csv, render_json, render_text
    from loader.load.roundtrip import read_view
    from loader.schema.template import column_roles, load_template

    engine = _engine()
    doc = find_document(engine, unit, year, kind)
    template = load_template(doc.template)
    table_id = _table_id(table, template)
    spec = template["tables"][table_id]
    with engine.connect() as conn:
        cur = conn.connection.driver_connection.cursor()
        rows = read_view(cur, table_id, doc.template, doc.document_version_id)
    engine.dispose()
    records = printed_rows(table_id, doc.template, rows)
    columns = list(spec["columns"])
    if fmt == "csv":
        click.echo(render_csv(columns, records), nl=False)
    elif fmt == "json":
        click.echo(render_json(columns, records), nl=False)
    else:
        roles = column_roles(table_id, doc.template)
        amounts = {c for c, r in roles.items() if r != "text"}
        title, unit = doc.heading(table_id, template)
        click.echo(render_text(title, unit, columns, amounts, records), nl=False)
    return 0


@cli.command()
@click.option("--unit", help="Only this unit code.")
@click.option("--year", type=int, help="Only this fiscal year.")
@click.option("--all-versions", is_flag=True, help="Include superseded versions' findings.")
def check(unit: str | None, year: int | None, all_versions: bool) -> int:
    """Print the stored findings: from parsing, from the loader and from sql/checks/."""
    engine = _engine()
    rows = _query(engine, """
        SELECT f.unit_code, f.fiscal_year, f.severity, f.origin, f.rule, f.message,
               v.document_version_id, v.status
        FROM audit.finding f
        JOIN audit.document_version v USING (document_version_id)
        WHERE (CAST(:u AS text) IS NULL OR f.unit_code = :u)
          AND (CAST(:y AS integer) IS NULL OR f.fiscal_year = :y)
          AND (:all OR v.status = 'current')
        ORDER BY f.unit_code, f.fiscal_year, v.document_version_id,
                 CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END,
                 f.finding_id
    """, dict(u=unit, y=year, all=all_versions))
    engine.dispose()
    for r in rows:
        stale = "" if r["status"] == "current" else f" [version {r['document_version_id']}, superseded]"
        click.echo(f"{r['unit_code']} {r['fiscal_year']} {r['severity']:<7} {r['rule']}: "
                   f"{r['message']}{stale}")
    counts = {s: sum(r["severity"] == s for r in rows) for s in ("error", "warning", "info")}
    click.echo(f"{len(rows)} findings: {counts['error']} errors, {counts['warning']} warnings, "
               f"{counts['info']} info", err=True)
    return 0
