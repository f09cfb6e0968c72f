"""COPY a batch into ``staging``, then move it into ``core``: upsert dimensions, insert facts.

Runs inside the caller's transaction on a raw psycopg connection. Staged rows are deleted
before returning, so nothing is left in ``staging`` even before the commit.

Dimension upserts merge what a document says with what the warehouse knows: within the
batch, rows of one key are folded with ``max()`` (a name printed in one table fills the NULL
of another); against the warehouse, a non-NULL new value wins and NULL never erases.
"""

from __future__ import annotations

from typing import Any

from loader.schema import metadata
from loader.schema.staging import STAGED_DIMENSIONS, staged_facts


def _columns(name: str) -> list[str]:
    return [c.name for c in metadata.tables[f"staging.{name}"].columns]


def copy_rows(cur, name: str, rows: list[dict[str, Any]]) -> None:
    """COPY ``rows`` into ``staging.<name>``; missing keys are NULL."""
    if not rows:
        return
    cols = _columns(name)
    with cur.copy(f"COPY staging.{name} ({', '.join(cols)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(tuple(row.get(c) for c in cols))


def _upsert_dimension(cur, name: str) -> None:
    core = metadata.tables[f"core.{name}"]
    keys = [c.name for c in core.primary_key.columns]
    others = [c.name for c in core.columns if c.name not in keys]
    select = ", ".join(keys + [f"max({c})" for c in others])
    if others:
        updates = ", ".join(f"{c} = COALESCE(EXCLUDED.{c}, core.{name}.{c})" for c in others)
        conflict = f"DO UPDATE SET {updates}"
    else:
        conflict = "DO NOTHING"
    cur.execute(
        f"INSERT INTO core.{name} ({', '.join(keys + others)}) "
        f"SELECT {select} FROM staging.{name} GROUP BY {', '.join(keys)} "
        f"ON CONFLICT ({', '.join(keys)}) {conflict}"
    )


def move_to_core(cur) -> dict[str, int]:
    """Upsert staged dimensions, insert staged facts; return fact rows inserted per table."""
    for name in STAGED_DIMENSIONS:
        _upsert_dimension(cur, name)
    counts = {}
    for name in staged_facts(metadata):
        cols = ", ".join(_columns(name))
        cur.execute(f"INSERT INTO core.{name} ({cols}) SELECT {cols} FROM staging.{name} "
                    "ORDER BY row_no")
        counts[name] = cur.rowcount
    for name in list(STAGED_DIMENSIONS) + staged_facts(metadata):
        # DELETE, not TRUNCATE: it touches only this transaction's rows and takes no lock
        # that would block another load staging at the same time.
        cur.execute(f"DELETE FROM staging.{name}")
    return counts


def delete_document_facts(cur, document_id: int) -> int:
    """Remove the facts of every version of one document (the replace half of a load)."""
    removed = 0
    for name in staged_facts(metadata):
        cur.execute(
            f"DELETE FROM core.{name} WHERE document_version_id IN "
            "(SELECT document_version_id FROM audit.document_version WHERE document_id = %s)",
            (document_id,))
        removed += cur.rowcount
    return removed
