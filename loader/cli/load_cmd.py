"""``budget-loader load | show | check``: the warehouse commands."""

import click

from loader.cli import cli
from loader.cli._unbuilt import NotBuiltYet


@cli.command()
@click.argument("files", nargs=-1, required=True)
def load(files: tuple[str, ...]) -> None:
    """Parse, check and write each document in its own transaction."""
    raise NotBuiltYet("load", "issue 5: load into the star schema")


@cli.command()
@click.argument("table")
@click.option("--unit", required=True)
@click.option("--year", type=int, required=True)
def show(table: str, unit: str, year: int) -> None:
    """Print a published table from the warehouse."""
    raise NotBuiltYet("show", "issue 5: load into the star schema")


@cli.command()
def check() -> None:
    """Print the identity checks' failing rows."""
    raise NotBuiltYet("check", "issue 5: load into the star schema")
