"""``budget-loader status``: what the warehouse holds, for the people who run the nightly load.

Four parts, each one query on ``audit`` (``--json`` for all of them as one object):

- documents by unit and year: the current version, when it was loaded, how many superseded
  versions exist;
- the last runs (``--runs N``) and their outcomes; a run still ``running`` while no session
  holds the run lock (``loader.batch.lock``) died without finishing: shown as ``interrupted``;
- open error findings: severity ``error`` on current versions (all of them: ``budget-loader
  check``), plus how many warnings there are.
"""

from __future__ import annotations

import json

import click

from loader.cli import cli
from loader.errors import warehouse_unreachable

DOCUMENTS = """
    SELECT d.unit_code, cur.unit_name, d.fiscal_year, d.kind,
           cur.document_version_id AS current_version, cur.loaded_at, cur.file_name,
           (SELECT count(*) FROM audit.document_version s
            WHERE s.document_id = d.document_id AND s.status = 'superseded') AS superseded
    FROM audit.document d
    JOIN audit.document_version cur ON cur.document_id = d.document_id AND cur.status = 'current'
    ORDER BY d.unit_code, d.fiscal_year, d.kind
"""
RUNS = """
    SELECT r.load_run_id, r.started_at, r.finished_at, r.status, r.command,
           (SELECT jsonb_object_agg(outcome, n) FROM (
                SELECT outcome, count(*) AS n FROM audit.load_result x
                WHERE x.load_run_id = r.load_run_id GROUP BY outcome) c) AS counts
    FROM audit.load_run r ORDER BY r.load_run_id DESC LIMIT :n
"""
FINDINGS = """
    SELECT f.unit_code, f.fiscal_year, f.rule, f.table_id, f.message, f.severity
    FROM audit.finding f
    JOIN audit.document_version v USING (document_version_id)
    WHERE v.status = 'current' AND f.severity IN ('error', 'warning')
    ORDER BY f.unit_code, f.fiscal_year, f.severity, f.finding_id
"""


def _read(engine, runs: int) -> dict:
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError, ProgrammingError

    from loader.batch.lock import RunLock

    try:
        with engine.connect() as conn:
            documents = [dict(r) for r in conn.execute(text(DOCUMENTS)).mappings()]
            last_runs = [dict(r) for r in conn.execute(text(RUNS), dict(n=runs)).mappings()]
            findings = [dict(r) for r in conn.execute(text(FINDINGS)).mappings()]
    except (ProgrammingError, OperationalError) as exc:
        raise warehouse_unreachable(exc) from None
    if any(r["status"] == "running" for r in last_runs) and not RunLock(engine).held_by_anyone():
        for r in last_runs:
            if r["status"] == "running":
                r["status"] = "interrupted"  # no session holds the run lock: it died
    return dict(documents=documents, runs=last_runs,
                errors=[f for f in findings if f["severity"] == "error"],
                warnings=sum(f["severity"] == "warning" for f in findings))


def _counts(counts: dict | None) -> str:
    if not counts:
        return "no files"
    order = ("loaded", "same_content", "unchanged", "skipped", "still_rejected", "failed")
    return ", ".join(f"{counts[o]} {o.replace('_', ' ')}" for o in order if counts.get(o))


def _print(state: dict, limit: int) -> None:
    docs = state["documents"]
    click.echo(f"documents: {len(docs)} (current version of each unit × year × kind)")
    for d in docs:
        old = f", {d['superseded']} superseded" if d["superseded"] else ""
        click.echo(f"  {d['unit_code']} {d['fiscal_year']} {d['kind']} {d['unit_name']}: "
                   f"version {d['current_version']} loaded {d['loaded_at']:%Y-%m-%d %H:%M} "
                   f"from {d['file_name']}{old}")
    click.echo(f"last runs: {len(state['runs'])}")
    for r in state["runs"]:
        took = (f", {(r['finished_at'] - r['started_at']).total_seconds():.1f} s"
                if r["finished_at"] else "")
        click.echo(f"  run {r['load_run_id']} {r['started_at']:%Y-%m-%d %H:%M:%S}{took} "
                   f"{r['status']}: {_counts(r['counts'])}  ({r['command']})")
    errors = state["errors"]
    click.echo(f"open error findings: {len(errors)} (and {state['warnings']} warnings; "
               "all of them: budget-loader check)")
    for f in errors[:limit]:
        table = f" table {f['table_id']}" if f["table_id"] else ""
        click.echo(f"  {f['unit_code']} {f['fiscal_year']}{table} {f['rule']}: {f['message']}")
    if len(errors) > limit:
        click.echo(f"  … and {len(errors) - limit} more")


@cli.command()
@click.option("--runs", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many of the last runs to show.")
@click.option("--json", "json_out", is_flag=True, help="Everything as one JSON object.")
def status(runs: int, json_out: bool) -> int:
    """Loaded documents by unit and year, versions, last runs, open error findings."""
    from loader.batch.connect import loader_engine
    from loader.db import resolve_url

    engine = loader_engine(resolve_url())
    try:
        state = _read(engine, runs)
    finally:
        engine.dispose()
    if json_out:
        click.echo(json.dumps(state, ensure_ascii=False, indent=2, default=str))
    else:
        _print(state, limit=20)
    return 0
