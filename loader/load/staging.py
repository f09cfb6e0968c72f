"""Write one document's rows: dimensions through ``staging`` (upserts), facts straight by COPY.

Runs inside the caller's transaction on a raw psycopg connection.

- **Dimensions** are COPYed into their ``staging`` mirror and merged into ``core`` with one
  ``INSERT … ON CONFLICT`` each: within the batch, rows of one key are folded with ``max()``
  (a name printed in one table fills the NULL of another); against the warehouse, a non-NULL
  new value wins and NULL never erases. Staged rows are deleted before returning, so nothing
  is left in ``staging`` even before the commit.
- **Facts** need no merge (the document's old facts are deleted first), so they are COPYed
  directly into ``core.fct_*`` in row order: one statement per non-empty table instead of
  COPY + INSERT … SELECT + DELETE. Constraints and foreign keys are checked as for any insert.

Empty tables cost nothing: no COPY, no upsert, no DELETE is sent for them.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from loader.schema import metadata
from loader.schema.staging import STAGED_DIMENSIONS, fact_tables


@cache
def _columns(qualified: str) -> tuple[str, ...]:
    """Columns a loader writes (the identity column is left to the server)."""
    return tuple(c.name for c in metadata.tables[qualified].columns if c.identity is None)


@cache
def _copy_sql(qualified: str) -> str:
    return f"COPY {qualified} ({', '.join(_columns(qualified))}) FROM STDIN"


def copy_rows(cur, qualified: str, rows: list[dict[str, Any]]) -> int:
    """COPY ``rows`` (dicts; missing keys are NULL) into ``qualified``; return rows sent."""
    if not rows:
        return 0
    cols = _columns(qualified)
    with cur.copy(_copy_sql(qualified)) as copy:
        write = copy.write_row
        for row in rows:
            get = row.get
            write([get(c) for c in cols])
    return len(rows)


@cache
def _upsert_sql(name: str) -> str:
    core = metadata.tables[f"core.{name}"]
    keys = [c.name for c in core.primary_key.columns]
    others = [c.name for c in core.columns if c.name not in keys]
    select = ", ".join(keys + [f"max({c})" for c in others])
    if others:
        updates = ", ".join(f"{c} = COALESCE(EXCLUDED.{c}, core.{name}.{c})" for c in others)
        # Only rows that change: an unconditional DO UPDATE writes a new version of every
        # dimension row the document mentions (most already stored as they are), with its
        # index entries and WAL, on every load.
        changed = " OR ".join(f"(EXCLUDED.{c} IS NOT NULL AND EXCLUDED.{c} IS DISTINCT FROM "
                              f"core.{name}.{c})" for c in others)
        conflict = f"DO UPDATE SET {updates} WHERE {changed}"
    else:
        conflict = "DO NOTHING"
    # ORDER BY keys: concurrent loads upserting the same keys take their row locks in the
    # same order, so they queue instead of deadlocking.
    return (f"INSERT INTO core.{name} ({', '.join(keys + others)}) "
            f"SELECT {select} FROM staging.{name} GROUP BY {', '.join(keys)} "
            f"ORDER BY {', '.join(keys)} "
            f"ON CONFLICT ({', '.join(keys)}) {conflict}")


def write_rows(cur, rows: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Upsert the dimensions, then insert the facts of one document; fact rows per table.

    ``rows`` maps core table names (as ``loader.load.transform`` produces them) to rows.
    Every fact table has a count, 0 when the document printed no row of it.
    """
    staged = [name for name in STAGED_DIMENSIONS if rows.get(name)]
    for name in staged:  # parents before children: STAGED_DIMENSIONS is in that order
        copy_rows(cur, f"staging.{name}", rows[name])
        cur.execute(_upsert_sql(name))
    # DELETE, not TRUNCATE: it touches only this transaction's rows and takes no lock
    # that would block another load staging at the same time.
    for name in staged:
        cur.execute(f"DELETE FROM staging.{name}")
    return {name: copy_rows(cur, f"core.{name}", rows.get(name, []))
            for name in fact_tables(metadata)}


def delete_document_facts(cur, document_id: int) -> int:
    """Remove the facts of every version of one document (the replace half of a load)."""
    cur.execute("SELECT array_agg(document_version_id) FROM audit.document_version "
                "WHERE document_id = %s", (document_id,))
    versions = cur.fetchone()[0]
    removed = 0
    if not versions:  # a new document: nothing to remove, no statement per table
        return removed
    for name in fact_tables(metadata):
        cur.execute(f"DELETE FROM core.{name} WHERE document_version_id = ANY(%s)", (versions,))
        removed += cur.rowcount
    return removed
