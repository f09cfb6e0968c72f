"""``budget-loader parse``: read one document and print its tables (no database)."""

import click

from loader.cli import cli
from loader.cli._unbuilt import NotBuiltYet


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the whole parse as JSON.")
def parse(file: str, as_json: bool) -> None:
    """Parse FILE and print its tables, attribution methods and findings."""
    raise NotBuiltYet("parse", "issue 3: text parser")
