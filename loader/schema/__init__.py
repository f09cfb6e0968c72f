"""The warehouse schema as SQLAlchemy Core metadata: the single source of truth for Alembic.

(Filled by the warehouse work: staging, core, audit tables with Chinese/English comments.)
"""

from sqlalchemy import MetaData

metadata = MetaData()
