"""``budget-loader db``: the database the loader writes to.

``upgrade``/``downgrade``/``url`` act on the warehouse ``resolve_url()`` picks (DATABASE_URL,
else the embedded server, started if needed). ``start``/``stop`` always act on the embedded
server of BUDGET_LOADER_HOME. ``status`` only looks: it starts nothing.
"""

from __future__ import annotations

import click

from loader import db as database
from loader.cli import cli
from loader.errors import SetupError


@cli.group()
def db() -> None:
    """Manage the warehouse database (DATABASE_URL, or the embedded default)."""


@db.command()
@click.argument("revision", default="head")
def upgrade(revision: str) -> None:
    """Migrate the database to REVISION (default: the newest schema, head)."""
    url = database.resolve_url()
    database.migrate(url, revision)
    click.echo(f"{database.display_url(url)}: at revision {_revision_text(url)}")


@db.command()
@click.argument("revision")
def downgrade(revision: str) -> None:
    """Migrate the database back to REVISION (`base` removes every table the loader made)."""
    url = database.resolve_url()
    database.downgrade(url, revision)
    click.echo(f"{database.display_url(url)}: at revision {_revision_text(url)}")


@db.command()
def url() -> None:
    """Print the warehouse's connection string for psql and BI tools (starts the embedded server)."""
    click.echo(database.plain_url(database.resolve_url()))


@db.command()
def start() -> None:
    """Start the embedded PostgreSQL (initialising it on first use); it runs until `db stop`."""
    _note_if_external()
    server = database.embedded_server()
    server.ensure_running()
    state = server.status()
    click.echo(f"embedded PostgreSQL running: 127.0.0.1:{state.port}, pid {state.pid}, "
               f"data {state.pgdata}, log {state.log}")


@db.command()
def stop() -> None:
    """Stop the embedded PostgreSQL of BUDGET_LOADER_HOME."""
    _note_if_external()
    server = database.embedded_server()
    if server.stop():
        click.echo(f"embedded PostgreSQL stopped (data kept in {server.pgdata})")
    else:
        click.echo(f"embedded PostgreSQL was not running ({server.home})")


@db.command()
def status() -> None:
    """Show which database is used, whether its server runs, and its schema revision."""
    external = database.configured_url()
    if external:
        click.echo(f"database: DATABASE_URL {database.display_url(external)}")
        _echo_revision(external)
        return
    server = database.embedded_server()
    state = server.status()
    click.echo(f"database: embedded PostgreSQL in {state.home}")
    if not state.initialised:
        click.echo("server: not created yet (any db command but status creates it)")
        click.echo("revision: none")
        return
    if not state.running:
        click.echo(f"server: stopped (data {state.pgdata}; `budget-loader db start`)")
        click.echo("revision: unknown while stopped")
        return
    url = server.url()
    click.echo(f"server: running on 127.0.0.1:{state.port}, pid {state.pid}, "
               f"as {state.account}, log {state.log}")
    click.echo(f"url: {database.display_url(url)}")
    _echo_revision(url)


def _echo_revision(url: str) -> None:
    try:
        click.echo(f"revision: {_revision_text(url)}")
    except SetupError as exc:
        click.echo(f"revision: unknown, {exc}")


def _revision_text(url: str) -> str:
    current = database.current_revision(url)
    heads = database.head_revisions()
    if current is None:
        return "none (no migration applied; `budget-loader db upgrade`)"
    if current in heads:
        return f"{current} (head)"
    return f"{current} (head is {', '.join(heads) or 'none'}; `budget-loader db upgrade`)"


def _note_if_external() -> None:
    if database.configured_url():
        click.echo("note: DATABASE_URL is set, so the loader uses that database, not this "
                   "embedded server", err=True)
