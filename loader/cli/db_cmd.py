"""``budget-loader db``: the database the loader writes to."""

import click

from loader.cli import cli
from loader.cli._unbuilt import NotBuiltYet


@cli.group()
def db() -> None:
    """Manage the warehouse database (DATABASE_URL, or the embedded default)."""


@db.command()
def upgrade() -> None:
    """Migrate the database to the newest schema."""
    raise NotBuiltYet("db upgrade", "issue 2")
