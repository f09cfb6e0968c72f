"""``budget-loader load | show | check``: the warehouse commands (thin: the work is in loader.load)."""

from __future__ import annotations

import click
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from loader.cli import cli
from loader.errors import SetupError


def _engine(migrate: bool):
    from loader.db import resolve_url
    from loader.db.migrations import current_revision, head_revisions
    from loader.db.migrations import migrate as upgrade

    url = resolve_url()
    if migrate and current_revision(url) not in head_revisions():
        upgrade(url)  # a new database becomes a warehouse on first load
    return create_engine(url)


def _query(engine, sql: str, params: dict):
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql), params).mappings().all()
    except (ProgrammingError, OperationalError) as exc:
        raise SetupError("the warehouse is not set up or not reachable "
                         f"({str(exc.orig).splitlines()[0]}); run `budget-loader load` or "
                         "`budget-loader db upgrade`") from None


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--year", type=int, help="Fiscal year, when the document does not tell it.")
@click.option("--unit", help="Unit code, when the document does not tell it.")
def load(files: tuple[str, ...], year: int | None, unit: str | None) -> int:
    """Parse, check and write each document in its own transaction.

    Loading the same file again changes nothing; a new content for the same unit, year and
    kind supersedes the previous version. Exit 1 if any file failed.
    """
    from loader.load.pipeline import load_files
    from loader.parse import parse_document

    engine = _engine(migrate=True)

    def report(outcome) -> None:
        stream_err = outcome.outcome == "failed"
        label = {"loaded": "loaded", "unchanged": "unchanged", "failed": "error"}[outcome.outcome]
        message = outcome.message if stream_err else f"{outcome.file}: {outcome.message}"
        click.echo(f"{label}: {message}", err=stream_err)

    outcomes = load_files(engine, files, parse_document, year=year, unit=unit, report=report)
    engine.dispose()
    return 1 if any(o.outcome == "failed" for o in outcomes) else 0


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
    from loader.load.render import printed_rows, render_csv, render_json, render_text
    from loader.load.roundtrip import read_view
    from loader.schema.template import column_roles, load_template

    engine = _engine(migrate=False)
    docs = _query(engine, """
        SELECT document_version_id, template, kind FROM published.current_documents
        WHERE unit_code = :u AND fiscal_year = :y AND (CAST(:k AS text) IS NULL OR kind = :k)
    """, dict(u=unit, y=year, k=kind))
    if not docs:
        raise SetupError(f"no document loaded for unit {unit}, year {year}"
                         + (f", kind {kind}" if kind else ""))
    if len(docs) > 1:
        raise SetupError(f"unit {unit} year {year} has {len(docs)} documents loaded; "
                         "choose one with --kind")
    doc = docs[0]
    template = load_template(doc["template"])
    table_id = _table_id(table, template)
    spec = template["tables"][table_id]
    with engine.connect() as conn:
        cur = conn.connection.driver_connection.cursor()
        rows = read_view(cur, table_id, doc["template"], doc["document_version_id"])
    engine.dispose()
    records = printed_rows(table_id, doc["template"], rows)
    columns = list(spec["columns"])
    if fmt == "csv":
        click.echo(render_csv(columns, records), nl=False)
    elif fmt == "json":
        click.echo(render_json(columns, records), nl=False)
    else:
        roles = column_roles(table_id, doc["template"])
        amounts = {c for c, r in roles.items() if r != "text"}
        title = f"预算{table_id}表 {spec['title']}"
        click.echo(render_text(title, template["amount_unit"], columns, amounts, records), nl=False)
    return 0


@cli.command()
@click.option("--unit", help="Only this unit code.")
@click.option("--year", type=int, help="Only this fiscal year.")
@click.option("--all-versions", is_flag=True, help="Include superseded versions' findings.")
def check(unit: str | None, year: int | None, all_versions: bool) -> int:
    """Print the stored findings: from parsing, from the loader and from sql/checks/."""
    engine = _engine(migrate=False)
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
