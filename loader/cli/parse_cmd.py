"""``budget-loader parse``: read one document and print its tables (no database)."""

from __future__ import annotations

import json
from collections import Counter

import click

from loader.cli import cli


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the whole parse as JSON.")
@click.option("--year", type=int, default=None, help="Fiscal year, when the document does not show it.")
@click.option("--unit", default=None, help="Unit (or department) code, overriding the one printed.")
def parse(file: str, as_json: bool, year: int | None, unit: str | None) -> None:
    """Parse FILE and print its tables, attribution methods and findings."""
    from loader.parse import parse_document
    from loader.parse.dump import document_to_dict

    doc = parse_document(file, year=year, unit=unit)
    if as_json:
        click.echo(json.dumps(document_to_dict(doc), ensure_ascii=False, indent=1))
        return
    i = doc.identity
    click.echo(f"{i.file_name}: {i.kind.value} {i.unit_code} {i.unit_name}, fiscal year {i.fiscal_year}, "
               f"department {i.department_code} {i.department_name or ''}".rstrip())
    for field, inf in i.inferred.items():
        click.echo(f"  {field}: {inf.value} ({'certain' if inf.certain else 'NOT certain'}: {inf.how})")
    click.echo("tables:")
    for tid, table in sorted(doc.tables.items()):
        methods = Counter(m.value for r in table.rows for m in r.decided_by.values())
        how = ", ".join(f"{n} by {m}" for m, n in sorted(methods.items())) or "no amounts"
        click.echo(f"  {tid} {table.title}: {len(table.rows)} rows; amounts placed {how}")
    severities = Counter(f.severity.value for f in doc.findings)
    click.echo("findings: " + (", ".join(f"{n} {s}" for s, n in sorted(severities.items())) or "none"))
    for f in doc.findings:
        click.echo(f"  [{f.severity.value}] {f.rule}: {f.message}")
