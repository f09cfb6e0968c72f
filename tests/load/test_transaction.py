"""One transaction per document: a killed load leaves nothing; a wrong round trip rolls back."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text

from loader.errors import LoadError
from loader.load.printing import printed_amount
from loader.load.roundtrip import compare
from loader.load.writer import HOLD_ENV, write_document
from loader.model.records import amount
from loader.schema.template import column_roles

ROOT = Path(__file__).resolve().parents[2]


def _versions(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM audit.document_version")).scalar()


def test_sigkill_while_holding_the_transaction_leaves_the_database_as_before(
        tmp_path, warehouse_url, warehouse, sample_text, core_counts):
    before = core_counts(warehouse), _versions(warehouse)
    marker = tmp_path / "holding"
    env = dict(os.environ, DATABASE_URL=warehouse_url, **{HOLD_ENV: str(marker)})
    proc = subprocess.Popen([str(Path(sys.executable).parent / "budget-loader"), "load",
                             str(sample_text)],
                            env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the loader never reached the commit"
            time.sleep(0.1)
        # It has written everything and holds the transaction: the writes are invisible.
        assert (core_counts(warehouse), _versions(warehouse)) == before
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    # The server ends the dead session's transaction; wait until its locks are gone.
    with warehouse.connect() as conn:
        for _ in range(50):
            busy = conn.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND state LIKE 'idle in transaction%'")).scalar()
            if not busy:
                break
            time.sleep(0.1)
    assert (core_counts(warehouse), _versions(warehouse)) == before


def test_a_stored_cell_that_does_not_round_trip_is_a_load_error(warehouse, parsed_sample):
    # Write the parsed sample (or find it written), then compare a document that differs in
    # one stored amount: the proof must name that cell.
    result = write_document(warehouse, parsed_sample)
    table = parsed_sample.tables["03"]
    roles = column_roles("03")
    row_no, row = next((i, r) for i, r in enumerate(table.rows) if not r.total)
    column = next(c for c in table.columns if roles[c] == "amount" and row.cells.get(c))
    changed = printed_amount(amount(row.cells[column]) + Decimal("0.000001"))
    rows = list(table.rows)
    rows[row_no] = dataclasses.replace(row, cells={**row.cells, column: changed})
    other = dataclasses.replace(parsed_sample, tables={
        **parsed_sample.tables, "03": dataclasses.replace(table, rows=tuple(rows))})
    with warehouse.connect() as conn:
        cur = conn.connection.driver_connection.cursor()
        diffs = compare(other, cur, result.document_version_id)
    stored = [d for d in diffs if not d.derived]
    assert [(d.table, d.row, d.column, d.expected) for d in stored] == \
        [("03", row_no, column, changed)]
    from loader.load.roundtrip import prove

    with warehouse.connect() as conn:
        with pytest.raises(LoadError, match=f"table 03 row {row_no} column {column}"):
            prove(other, conn.connection.driver_connection.cursor(), result.document_version_id)
