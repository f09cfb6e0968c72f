"""The loader's own database sessions.

Migration 0002 gives the warehouse database a default ``statement_timeout`` so that an
analyst's forgotten query cannot hold locks for hours. The loader's sessions turn it off:
a large load, or waiting for another run's lock, may legitimately take longer. They carry
``application_name = budget-loader`` so ``pg_stat_activity`` shows who is who.
"""

from __future__ import annotations

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine

APPLICATION_NAME = "budget-loader"


def loader_engine(url: str, **kw) -> Engine:
    """An engine whose sessions have no statement timeout and say they are the loader."""
    return create_engine(url, connect_args={
        "application_name": APPLICATION_NAME,
        "options": "-c statement_timeout=0",
    }, **kw)
