"""``budget-loader export``: a document's 13 published tables as xlsx or CSV (work in loader.export)."""

from __future__ import annotations

from pathlib import Path

import click

from loader.cli import cli


@cli.command()
@click.option("--unit", required=True, help="Unit code, e.g. 042008.")
@click.option("--year", type=int, required=True, help="Fiscal year.")
@click.option("--kind", type=click.Choice(["单位预算", "部门预算"]),
              help="Document kind, when both are loaded.")
@click.option("--format", "fmt", type=click.Choice(["xlsx", "csv"]), default="xlsx",
              show_default=True)
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def export(unit: str, year: int, kind: str | None, fmt: str, folder: Path) -> int:
    """Write the 13 published tables of a loaded document into FOLDER.

    xlsx: one workbook, a sheet per table with the published headings (merged cells) and
    amounts as numbers with the published decimals. csv: one file per table.
    """
    from loader.batch.connect import loader_engine
    from loader.db import resolve_url
    from loader.export.source import find_document, published_tables

    engine = loader_engine(resolve_url())
    try:
        doc = find_document(engine, unit, year, kind)
        tables = published_tables(engine, doc)
    finally:
        engine.dispose()
    if fmt == "xlsx":
        from loader.export.xlsx import write_xlsx

        paths = [write_xlsx(doc, tables, folder / f"{doc.unit_code}-{doc.fiscal_year}-{doc.kind}.xlsx")]
    else:
        from loader.export.csv import write_csv

        paths = write_csv(doc, tables, folder)
    for path in paths:
        click.echo(str(path))
    return 0
