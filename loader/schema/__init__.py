"""The warehouse schema as SQLAlchemy Core metadata: the single source of truth for Alembic.

Four Postgres schemas (``SCHEMAS``):

- ``audit``: load runs, documents and their versions, findings;
- ``core``: the star schema, ``dim_*`` and ``fct_*`` (see docs/schema.md);
- ``staging``: COPY targets mirroring the dimensions a load merges (facts are COPYed into core);
- ``published``: views, one per published table (sql/views/, created by the migration).

Every table and column carries a COMMENT in Chinese and English.
"""

from sqlalchemy import MetaData

from loader.schema import audit, dimensions, facts, staging
from loader.schema._build import SCHEMAS

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_N_name)s",
        "pk": "pk_%(table_name)s",
    }
)
audit.define(metadata)
dimensions.define(metadata)
facts.define(metadata)
staging.define(metadata, list(staging.STAGED_DIMENSIONS))

__all__ = ["SCHEMAS", "metadata"]
