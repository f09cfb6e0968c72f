"""``budget-loader``: a thin command line over the library.

Each command lives in its own module and registers itself on ``cli``. Every
``LoaderError`` becomes one line on stderr and the error's exit code; no traceback
reaches the user unless ``--debug`` is given.
"""

from __future__ import annotations

import sys

import click

from loader import __version__
from loader.errors import LoaderError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="budget-loader")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Load Beijing department budget disclosures into a PostgreSQL warehouse.

    Without DATABASE_URL the loader uses an embedded PostgreSQL kept under
    BUDGET_LOADER_HOME (see `budget-loader db --help`).
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def _register_commands() -> None:
    # Imported for their side effect of adding commands to ``cli``.
    from loader.cli import db_cmd, export_cmd, load_cmd, parse_cmd, status_cmd  # noqa: F401


def main(argv: list[str] | None = None) -> int:
    _register_commands()
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        # With standalone_mode=False click returns ctx.exit()'s code or the command's value.
        result = cli.main(args=argv, prog_name="budget-loader", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return 2
    except LoaderError as exc:
        if debug:
            raise
        click.echo(f"error: {exc}", err=True)
        return exc.exit_code
    except OSError as exc:  # a folder that cannot be created, a file that cannot be written
        if debug:
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(f"error: {where}{exc.strerror or exc}", err=True)
        return 1
    return result if isinstance(result, int) else 0
