"""Two runs at once on one database: the second waits (or refuses with --no-wait), never interleaves."""

from __future__ import annotations

import os
import shutil
import subprocess
import time

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from loader.batch.lock import KEY
from tests.batch.conftest import budget_loader, run_cli, snapshot


def _popen(args: list[str], url: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "BUDGET_LOADER_HOME"}
    env["DATABASE_URL"] = url
    return subprocess.Popen([budget_loader(), *args], env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_concurrent_loads_end_as_one_load(tmp_path, sample_text, sample_pdf,
                                              make_warehouse, make_database):
    folder = tmp_path / "budgets"
    folder.mkdir()
    shutil.copy(sample_text, folder / sample_text.name)
    shutil.copy(sample_pdf, folder / sample_pdf.name)
    (folder / "broken.txt").write_text("预算01表 收支总表\n", encoding="utf-8")

    once = make_warehouse("bwl_batch_once")
    alone = run_cli(["load", str(folder)], once)
    assert alone.returncode == 1, alone.stderr  # broken.txt

    # An empty database: both runs also race to create the schema (under the lock).
    twice = make_database("bwl_batch_twice")
    a, b = _popen(["load", str(folder)], twice), _popen(["load", str(folder)], twice)
    out_a, err_a = a.communicate(timeout=300)
    out_b, err_b = b.communicate(timeout=300)
    assert sorted([a.returncode, b.returncode]) == [0, 1], (err_a, err_b)
    # One of them found the other holding the warehouse and said so.
    assert "being loaded by" in err_a + err_b
    assert snapshot(twice) == snapshot(once)
    engine = create_engine(twice)
    with engine.connect() as conn:
        loaded = conn.execute(text(
            "SELECT count(*) FROM audit.load_result WHERE outcome = 'loaded'")).scalar()
        runs = conn.execute(text(
            "SELECT count(*) FROM audit.load_run WHERE finished_at IS NOT NULL")).scalar()
    engine.dispose()
    assert (loaded, runs) == (1, 2)


def test_no_wait_refuses_clearly_while_another_run_holds_the_lock(tmp_path, sample_text,
                                                                  make_warehouse):
    url = make_warehouse()
    engine = create_engine(url, poolclass=NullPool)  # close() ends the session
    holder = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    try:
        holder.execute(text("SELECT pg_advisory_lock(:a, :b)"), dict(a=KEY[0], b=KEY[1]))
        refused = run_cli(["load", "--no-wait", str(sample_text)], url)
        assert refused.returncode == 2
        assert refused.stderr.startswith("error: the warehouse is being loaded by a load (server pid ")
        assert refused.stderr.count("\n") == 1

        waiting = _popen(["load", str(sample_text)], url)
        time.sleep(3)
        assert waiting.poll() is None  # still waiting for the lock
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM audit.load_run")).scalar() == 0
    finally:
        holder.close()  # ends the session: its lock goes with it
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    assert "waiting for it to finish" in err and "loaded: " in out
    engine.dispose()


def test_status_reports_documents_runs_and_a_dead_run_as_interrupted(tmp_path, sample_text,
                                                                     make_warehouse):
    url = make_warehouse()
    assert run_cli(["load", str(sample_text)], url).returncode == 0
    engine = create_engine(url)
    with engine.begin() as conn:  # a run whose process died: still 'running', no lock held
        conn.execute(text("INSERT INTO audit.load_run (command) VALUES ('budget-loader load x')"))
    engine.dispose()
    shown = run_cli(["status"], url)
    assert shown.returncode == 0, shown.stderr
    assert "documents: 1" in shown.stdout and "042008 2022 单位预算" in shown.stdout
    assert "interrupted" in shown.stdout and "1 loaded" in shown.stdout
    assert "open error findings:" in shown.stdout
    as_json = run_cli(["status", "--json"], url)
    import json

    state = json.loads(as_json.stdout)
    assert [r["status"] for r in state["runs"]] == ["interrupted", "succeeded"]
    assert state["documents"][0]["current_version"] == 1


def test_a_run_on_another_database_of_the_server_is_not_ours(make_warehouse):
    """pg_locks lists the whole server's locks: a load of another warehouse on the same
    server neither blocks this one's status ("interrupted" stays interrupted) nor names it."""
    from loader.batch.lock import RunLock

    ours, theirs = make_warehouse(), make_warehouse()
    other = create_engine(theirs, poolclass=NullPool)
    mine = create_engine(ours, poolclass=NullPool)
    holder = other.connect()
    try:
        holder.execute(text("SELECT pg_advisory_lock(:a, :b)"), dict(a=KEY[0], b=KEY[1]))
        assert RunLock(other).held_by_anyone()
        assert not RunLock(mine).held_by_anyone()
        lock = RunLock(mine)
        lock.acquire(wait=False)  # not busy: the other database's lock is not in the way
        lock.release()
    finally:
        holder.close()
        other.dispose()
        mine.dispose()
