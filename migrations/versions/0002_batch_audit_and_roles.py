"""Nightly batch and access for people: audit fingerprints, the reader and loader roles.

1. ``audit``: ``document_version.content_sha256`` (what was parsed, beside the file's
   ``sha256``); ``load_result.content_sha256`` and ``error_kind``; the outcomes
   ``same_content``, ``skipped`` and ``still_rejected``; ``load_run.loader_version`` and
   ``summary``; indexes for the one query a nightly run makes (all known sha256s).
2. Roles (cluster-wide, so created idempotently and only dropped when nothing else uses them):
   - ``budget_reader`` (NOLOGIN): analysts and BI tools. CONNECT on this database, USAGE and
     SELECT on ``core`` and ``published`` (also on tables later migrations create there),
     nothing else: no ``staging``, no ``audit``, no writes anywhere.
   - ``budget_loader`` (NOLOGIN): what ``budget-loader load`` needs to write: DML on
     ``staging``, ``core`` and ``audit``, SELECT on ``published``. Schema changes stay with
     the owner that runs the migrations.
   People log in with roles of their own that are members (README: "Access for people").
3. Database defaults that keep an ad-hoc query from holding locks for long:
   ``statement_timeout`` 5 min, ``idle_in_transaction_session_timeout`` 10 min. They apply
   to every session of this database; the loader turns the statement timeout off for its own
   sessions (``loader.batch.connect``), since a large load may legitimately run longer.

Creating roles needs CREATEROLE (or superuser) only when they do not exist yet; without it
the upgrade stops with a message saying what an administrator must run.

``downgrade`` revokes everything this revision granted in this database, resets the
database defaults, and drops a role only when no other database, object or member role
still depends on it (other warehouses on the same cluster keep theirs).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

READER = "budget_reader"
LOADER = "budget_loader"
STATEMENT_TIMEOUT = "5min"
IDLE_IN_TRANSACTION_TIMEOUT = "10min"

OUTCOMES_OLD = "outcome IN ('loaded','unchanged','failed')"
OUTCOMES_NEW = ("outcome IN ('loaded','unchanged','same_content','skipped','still_rejected',"
                "'failed')")

OUTCOME_WORDS = "loaded | unchanged | same_content | skipped | still_rejected | failed"


def _col(name, type_, zh, en, **kw):
    return sa.Column(name, type_, comment=f"{zh} / {en}", **kw)


def upgrade() -> None:
    _audit_columns()
    _roles()
    _grants()
    _database_defaults()


def downgrade() -> None:
    _reset_database_defaults()
    _revoke()
    _drop_roles_if_unused()
    _drop_audit_columns()


# ----- audit ---------------------------------------------------------------------------


def _audit_columns() -> None:
    op.add_column("load_run", _col(
        "loader_version", sa.Text(), "加载程序版本",
        "loader version and code fingerprint (loader.batch.version); NULL before revision 0002"),
        schema="audit")
    op.add_column("load_run", _col(
        "summary", postgresql.JSONB(astext_type=sa.Text()), "汇总",
        "counts per outcome, files, elapsed seconds (the --json summary)",
        nullable=False, server_default=sa.text("'{}'::jsonb")), schema="audit")
    op.add_column("load_result", _col(
        "content_sha256", sa.Text(), "内容摘要",
        "fingerprint of the parsed content (NULL if not parsed)"), schema="audit")
    op.add_column("load_result", _col(
        "error_kind", sa.Text(), "错误类型",
        "for failures: input | parse | load (a rejection) | internal (retried next run)"),
        schema="audit")
    op.add_column("document_version", _col(
        "content_sha256", sa.Text(), "内容摘要",
        "fingerprint of the parsed content (NULL for versions loaded before revision 0002)"),
        schema="audit")
    op.drop_constraint(op.f("ck_load_result_outcome"), "load_result", schema="audit", type_="check")
    op.create_check_constraint(op.f("ck_load_result_outcome"), "load_result", sa.text(OUTCOMES_NEW),
                               schema="audit")
    op.alter_column("load_result", "outcome", schema="audit", existing_type=sa.Text(),
                    comment=f"结果 / {OUTCOME_WORDS}")
    op.create_index("ix_load_result_sha256", "load_result", ["sha256"], schema="audit")
    op.create_index("ix_document_version_sha256", "document_version", ["sha256"],
                    schema="audit")
    op.create_index("ix_document_version_content_sha256", "document_version",
                    ["content_sha256"], schema="audit")


def _drop_audit_columns() -> None:
    op.drop_index("ix_document_version_content_sha256", table_name="document_version",
                  schema="audit")
    op.drop_index("ix_document_version_sha256", table_name="document_version", schema="audit")
    op.drop_index("ix_load_result_sha256", table_name="load_result", schema="audit")
    # Rows with the new outcomes cannot satisfy the old constraint: they are batch
    # bookkeeping (skips, same content) that the older schema has no word for.
    op.execute("DELETE FROM audit.load_result "
               "WHERE outcome IN ('same_content','skipped','still_rejected')")
    op.drop_constraint(op.f("ck_load_result_outcome"), "load_result", schema="audit", type_="check")
    op.create_check_constraint(op.f("ck_load_result_outcome"), "load_result", sa.text(OUTCOMES_OLD),
                               schema="audit")
    op.alter_column("load_result", "outcome", schema="audit", existing_type=sa.Text(),
                    comment="结果 / loaded | unchanged | failed")
    op.drop_column("document_version", "content_sha256", schema="audit")
    op.drop_column("load_result", "error_kind", schema="audit")
    op.drop_column("load_result", "content_sha256", schema="audit")
    op.drop_column("load_run", "summary", schema="audit")
    op.drop_column("load_run", "loader_version", schema="audit")


# ----- roles ---------------------------------------------------------------------------


def _create_role_sql(role: str) -> str:
    # Two databases of one cluster migrating at once (a test suite does) can both see the
    # role missing; the loser's CREATE ROLE then fails with duplicate_object or
    # unique_violation, which means the role exists: what we wanted.
    return f"""
    DO $$
    BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = current_user
                           AND (rolsuper OR rolcreaterole)) THEN
                RAISE EXCEPTION 'role {role} does not exist and % may not create roles', current_user
                    USING HINT = 'an administrator runs: CREATE ROLE {role} NOLOGIN; '
                                 'then run budget-loader db upgrade again';
            END IF;
            BEGIN
                CREATE ROLE {role} NOLOGIN;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
        END IF;
    END $$;
    """


def _roles() -> None:
    op.execute(_create_role_sql(READER))
    op.execute(_create_role_sql(LOADER))


def _grants() -> None:
    op.execute(f"""
    DO $$
    BEGIN
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO {READER}, {LOADER}', current_database());
    END $$;
    """)
    for schema in ("core", "published"):
        op.execute(f"GRANT USAGE ON SCHEMA {schema} TO {READER}, {LOADER}")
        op.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {READER}")
        # Tables and views that later migrations create here (run by the same owner).
        op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} "
                   f"GRANT SELECT ON TABLES TO {READER}")
    op.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA published TO {LOADER}")
    op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA published GRANT SELECT ON TABLES TO {LOADER}")
    # The loader checks the schema revision before each run.
    op.execute(f"GRANT SELECT ON public.alembic_version TO {LOADER}")
    for schema in ("staging", "core", "audit"):
        if schema != "core":
            op.execute(f"GRANT USAGE ON SCHEMA {schema} TO {LOADER}")
        op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} "
                   f"TO {LOADER}")
        op.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {LOADER}")
        op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} "
                   f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {LOADER}")
        op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} "
                   f"GRANT USAGE, SELECT ON SEQUENCES TO {LOADER}")


def _revoke() -> None:
    op.execute(f"REVOKE ALL ON public.alembic_version FROM {LOADER}")
    for schema in ("staging", "core", "audit", "published"):
        op.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {READER}, {LOADER}")
        op.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {READER}, {LOADER}")
        op.execute(f"REVOKE ALL ON SCHEMA {schema} FROM {READER}, {LOADER}")
        op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} "
                   f"REVOKE ALL ON TABLES FROM {READER}, {LOADER}")
        op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} "
                   f"REVOKE ALL ON SEQUENCES FROM {READER}, {LOADER}")
    op.execute(f"""
    DO $$
    BEGIN
        EXECUTE format('REVOKE ALL ON DATABASE %I FROM {READER}, {LOADER}', current_database());
    END $$;
    """)


def _drop_roles_if_unused() -> None:
    # pg_shdepend lists what any database of the cluster holds for a role (grants, owned
    # objects, default privileges); pg_auth_members its members (people's logins). Dropping
    # a role with members would silently take their access away: keep it then.
    for role in (READER, LOADER):
        op.execute(f"""
        DO $$
        DECLARE r oid := (SELECT oid FROM pg_roles WHERE rolname = '{role}');
        BEGIN
            IF r IS NULL THEN
                RETURN;
            END IF;
            IF EXISTS (SELECT FROM pg_shdepend WHERE refobjid = r AND deptype <> 'p')
               OR EXISTS (SELECT FROM pg_auth_members WHERE roleid = r OR member = r)
               OR EXISTS (SELECT FROM pg_db_role_setting WHERE setrole = r) THEN
                RETURN;
            END IF;
            BEGIN
                DROP ROLE {role};
            EXCEPTION WHEN dependent_objects_still_exist OR insufficient_privilege THEN
                NULL;  -- in use elsewhere after all, or not ours to drop: it stays
            END;
        END $$;
        """)


# ----- database defaults ---------------------------------------------------------------


def _database_defaults() -> None:
    op.execute(f"""
    DO $$
    BEGIN
        EXECUTE format('ALTER DATABASE %I SET statement_timeout = %L',
                       current_database(), '{STATEMENT_TIMEOUT}');
        EXECUTE format('ALTER DATABASE %I SET idle_in_transaction_session_timeout = %L',
                       current_database(), '{IDLE_IN_TRANSACTION_TIMEOUT}');
    END $$;
    """)


def _reset_database_defaults() -> None:
    op.execute("""
    DO $$
    BEGIN
        EXECUTE format('ALTER DATABASE %I RESET statement_timeout', current_database());
        EXECUTE format('ALTER DATABASE %I RESET idle_in_transaction_session_timeout',
                       current_database());
    END $$;
    """)
