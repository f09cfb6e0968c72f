"""Alembic, driven from Python: upgrade, downgrade and read the revision of a database.

The migration scripts live beside the package (``alembic.ini`` and ``migrations/`` at the
repository root), so an editable install (``pip install -e .``), the documented one, is
what finds them. ``migrations/env.py`` takes the URL we set on the config.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, pool
from sqlalchemy.exc import SQLAlchemyError

from loader.errors import SetupError

ROOT = Path(__file__).resolve().parents[2]
ALEMBIC_INI = ROOT / "alembic.ini"


def alembic_config(url: str):
    """An Alembic ``Config`` for ``url`` that leaves the caller's logging alone."""
    from alembic.config import Config

    if not ALEMBIC_INI.exists():
        raise SetupError(f"{ALEMBIC_INI}: missing; install the loader from its source tree "
                         "(pip install -e .) so the migrations are found")
    config = Config(str(ALEMBIC_INI))
    # ConfigParser interpolation would read a % in a password as a reference.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["configure_logger"] = False
    return config


def migrate(url: str, revision: str = "head") -> None:
    """Upgrade the database at ``url`` to ``revision``; SetupError with the reason if it fails."""
    from alembic import command

    _alembic(command.upgrade, url, revision, "upgrade to")


def downgrade(url: str, revision: str) -> None:
    """Downgrade the database at ``url`` to ``revision`` (``base`` removes every migration)."""
    from alembic import command

    _alembic(command.downgrade, url, revision, "downgrade to")


def current_revision(url: str) -> str | None:
    """The revision the database is at, or None for a database no migration has touched."""
    from alembic.runtime.migration import MigrationContext

    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except SQLAlchemyError as exc:
        from loader.db.urls import display_url

        raise SetupError(f"{display_url(url)}: cannot read the revision: {_first_line(exc)}") from None
    finally:
        engine.dispose()


def head_revisions() -> tuple[str, ...]:
    """The revision(s) ``head`` means in the installed migration scripts (empty if none yet)."""
    from alembic.script import ScriptDirectory

    # The URL is irrelevant for reading scripts; any well-formed one will do.
    script = ScriptDirectory.from_config(alembic_config("postgresql+psycopg://localhost/unused"))
    return tuple(script.get_heads())


def _alembic(action, url: str, revision: str, verb: str) -> None:
    from alembic.util.exc import CommandError

    from loader.db.urls import display_url

    where = display_url(url)
    try:
        action(alembic_config(url), revision)
    except CommandError as exc:
        raise SetupError(f"{where}: migration {verb} {revision!r} refused: {_first_line(exc)}") from None
    except SQLAlchemyError as exc:
        raise SetupError(f"{where}: migration {verb} {revision!r} failed: {_first_line(exc)}") from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
