"""One load at a time per database: a session-level advisory lock held for the whole run.

``RunLock(engine).acquire(shared=False, wait=True, on_wait=...)``: a writing run takes the
lock exclusively; a ``--dry-run`` takes it shared (dry runs may overlap each other, never a
writing run, whose rows they would otherwise wait on). The lock lives on its own connection
in autocommit mode (no open transaction, so no idle-in-transaction timeout ends it) and is
released when the run ends or its process dies: PostgreSQL drops a dead session's locks.

Busy lock: with ``wait`` the run says who holds it (``on_wait``) and waits; without, it
stops with ``LockBusy`` (exit 2) naming the holder. Migrations also happen under the lock,
so two first runs on an empty database do not both try to create the schema.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from loader.errors import SetupError

# pg_advisory_lock(int, int): the first key says "budget warehouse loader", the second "run".
KEY = (0x62776C, 1)


class LockBusy(SetupError):
    """Another run holds the lock and the caller asked not to wait."""


class RunLock:
    def __init__(self, engine: Engine):
        self.engine = engine
        self.conn: Connection | None = None
        self.shared = False

    def holder(self) -> str:
        """Who holds the lock now, readably (pid, application, since when)."""
        assert self.conn is not None
        rows = self.conn.execute(text("""
            SELECT a.pid, a.application_name, a.client_addr, a.backend_start, l.mode
            FROM pg_locks l JOIN pg_stat_activity a USING (pid)
            WHERE l.locktype = 'advisory' AND l.classid = :k1 AND l.objid = :k2
              AND l.objsubid = 2 AND l.granted AND a.pid <> pg_backend_pid()
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        """), dict(k1=KEY[0], k2=KEY[1])).all()
        if not rows:
            return "another session (gone by now)"
        return "; ".join(
            f"{'a dry run' if 'Share' in r.mode and 'Exclusive' not in r.mode else 'a load'}"
            f" (server pid {r.pid}, {r.application_name or 'no application name'}"
            f"{f' from {r.client_addr}' if r.client_addr else ''}, connected "
            f"{r.backend_start:%Y-%m-%d %H:%M:%S})" for r in rows)

    def acquire(self, *, shared: bool = False, wait: bool = True,
                on_wait: Callable[[str], None] = lambda message: None) -> None:
        self.shared = shared
        self.conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        suffix = "_shared" if shared else ""
        got = self.conn.execute(text(f"SELECT pg_try_advisory_lock{suffix}(:k1, :k2)"),
                                dict(k1=KEY[0], k2=KEY[1])).scalar()
        if got:
            return
        who = self.holder()
        if not wait:
            self.release()
            raise LockBusy(f"the warehouse is being loaded by {who}; not waiting (--no-wait)")
        on_wait(f"the warehouse is being loaded by {who}; waiting for it to finish")
        self.conn.execute(text(f"SELECT pg_advisory_lock{suffix}(:k1, :k2)"),
                          dict(k1=KEY[0], k2=KEY[1]))

    def release(self) -> None:
        if self.conn is None:
            return
        try:
            suffix = "_shared" if self.shared else ""
            self.conn.execute(text(f"SELECT pg_advisory_unlock{suffix}(:k1, :k2)"),
                              dict(k1=KEY[0], k2=KEY[1]))
        finally:
            self.conn.close()
            self.conn = None

    def held_by_anyone(self) -> bool:
        """True while some session holds the lock (``status`` uses it to spot dead runs)."""
        with self.engine.connect() as conn:
            return bool(conn.execute(text("""
                SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'
                  AND classid = :k1 AND objid = :k2 AND objsubid = 2 AND granted
                  -- pg_locks lists every database's locks; another warehouse's run is not ours
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """), dict(k1=KEY[0], k2=KEY[1])).scalar())

    def __enter__(self) -> RunLock:
        return self

    def __exit__(self, *exc) -> None:
        self.release()
