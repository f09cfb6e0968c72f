"""Alembic environment: the schema's single source of truth is ``loader.schema.metadata``.

Tables are versioned by the revisions in ``versions/``; once a revision has landed it is
frozen. The ``published`` views are not: they are *repeatable* objects whose single source
is ``sql/views/``. Every online run drops them before the first revision runs (so no view
ever blocks a table change) and, when the database ends at the head revision, creates them
again from the files, in the same transaction. A view change therefore needs no revision,
and a view file may use any column the head schema has.
"""

from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine, pool

from loader.schema import metadata
from loader.schema.views import create_views, drop_views

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = metadata


def _include_object(obj, name, type_, reflected, compare_to):
    # Only the warehouse's own schemas are Alembic's business.
    schema = getattr(obj, "schema", None)
    return type_ != "table" or schema in {"staging", "core", "audit", "published"}


def run_migrations_offline() -> None:
    context.configure(
        url=_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        include_schemas=True,
        include_object=_include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url")
    if url:
        return url
    from loader.db import resolve_url  # starts the embedded server when no DATABASE_URL

    return resolve_url()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(_url(), poolclass=pool.NullPool)
    with engine.begin() as connection:
        _run(connection)


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_schemas=True,
        include_object=_include_object,
    )
    raw = connection.connection.driver_connection
    with context.begin_transaction():
        drop_views(raw)
        context.run_migrations()
        if _at_head():
            create_views(raw)


def _at_head() -> bool:
    migration_context = context.get_context()
    heads = set(context.script.get_heads())
    return bool(heads) and set(migration_context.get_current_heads()) == heads


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
