"""The ``budget-loader`` command line: the db commands for real, and a test that fails when
any command is missing from README.md (the sqlite-utils habit)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from sqlalchemy.engine import make_url

from loader.cli import _register_commands, cli, main
from loader.db import head_revisions

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
WAREHOUSE_SCHEMAS = {"staging", "core", "published", "audit"}


def _command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[str]:
    _register_commands()
    paths = []
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        paths.append(" ".join(path))
        if isinstance(command, click.Group):
            paths.extend(_command_paths(command, path))
    return paths


def _budget_loader() -> str:
    # The console script of the interpreter running the tests (the project's venv).
    return str(Path(sys.executable).with_name("budget-loader"))


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([_budget_loader(), *args], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=180)


# ----- documentation -----------------------------------------------------------------


def test_command_tree_is_discovered():
    paths = _command_paths(cli)
    # The db commands are this module's own; if discovery broke, the README test would pass vacuously.
    assert {"db", "db upgrade", "db downgrade", "db url", "db start", "db stop", "db status"} <= set(paths)


@pytest.mark.parametrize("path", _command_paths(cli))
def test_every_command_is_documented_in_readme(path):
    readme = README.read_text(encoding="utf-8")
    assert re.search(rf"`budget-loader {re.escape(path)}(?=[ `])", readme), (
        f"`budget-loader {path}` is not documented in README.md"
    )


# ----- db url / status with DATABASE_URL ---------------------------------------------


def test_db_url_prints_plain_postgresql_url(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "postgres://loader:s%40cret@db.example:6543/warehouse")
    assert main(["db", "url"]) == 0
    assert capsys.readouterr().out.strip() == "postgresql://loader:s%40cret@db.example:6543/warehouse"


def test_bad_database_url_is_one_line_exit_2(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "mysql://u@h/db")
    assert main(["db", "upgrade"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: DATABASE_URL uses scheme 'mysql'") and err.count("\n") == 1


def test_downgrade_needs_a_revision(capsys):
    assert main(["db", "downgrade"]) == 2
    assert "REVISION" in capsys.readouterr().err


def test_db_upgrade_status_downgrade_round_trip(make_database, monkeypatch, capsys):
    url = make_database("bwl_cli")
    monkeypatch.setenv("DATABASE_URL", url)
    heads = head_revisions()
    assert main(["db", "upgrade"]) == 0
    assert main(["db", "status"]) == 0
    out = capsys.readouterr().out
    assert "database: DATABASE_URL postgresql://" in out
    assert make_url(url).database in out
    if heads:
        assert f"revision: {heads[0]} (head)" in out
    else:
        assert "revision: none" in out
    assert main(["db", "downgrade", "base"]) == 0
    assert main(["db", "status"]) == 0
    assert "revision: none" in capsys.readouterr().out


def test_psql_lists_warehouse_schemas_after_upgrade(cli_env):
    """The README's promise: `psql "$(budget-loader db url)" -c '\\dn'` shows the four layers."""
    if shutil.which("psql") is None:
        pytest.skip("psql is not installed")
    if not head_revisions():
        pytest.skip("no migration exists yet: the schema's first revision has not landed")
    assert _run(["db", "upgrade"], cli_env).returncode == 0
    url = _run(["db", "url"], cli_env)
    assert url.returncode == 0 and url.stdout.startswith("postgresql://")
    listed = subprocess.run(["psql", url.stdout.strip(), "-X", "-At", "-c", r"\dn"],
                            capture_output=True, text=True, check=True)
    names = {line.split("|")[0] for line in listed.stdout.splitlines()}
    assert WAREHOUSE_SCHEMAS <= names


# ----- the embedded server through the CLI -------------------------------------------


def _embedded_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["BUDGET_LOADER_HOME"] = str(home)
    return env


def test_embedded_start_url_status_stop(embedded_home):
    env = _embedded_env(embedded_home)
    started = _run(["db", "start"], env)
    assert started.returncode == 0, started.stderr
    assert "embedded PostgreSQL running: 127.0.0.1:" in started.stdout

    url = _run(["db", "url"], env).stdout.strip()
    assert url.startswith("postgresql://postgres:") and "+psycopg" not in url
    if shutil.which("psql"):
        one = subprocess.run(["psql", url, "-X", "-At", "-c", "SELECT 1"],
                             capture_output=True, text=True)
        assert (one.returncode, one.stdout.strip()) == (0, "1"), one.stderr

    status = _run(["db", "status"], env)
    assert f"database: embedded PostgreSQL in {embedded_home}" in status.stdout
    assert "server: running on 127.0.0.1:" in status.stdout
    assert "password" not in status.stdout and url.split("@")[0].split(":")[-1] not in status.stdout

    stopped = _run(["db", "stop"], env)
    assert stopped.returncode == 0 and "stopped" in stopped.stdout
    after = _run(["db", "status"], env)
    assert "server: stopped" in after.stdout
    again = _run(["db", "stop"], env)
    assert "was not running" in again.stdout


def test_start_with_database_url_says_which_database_is_used(embedded_home):
    env = _embedded_env(embedded_home)
    env["DATABASE_URL"] = "postgresql://u@db.example/warehouse"
    done = _run(["db", "start"], env)
    assert done.returncode == 0
    assert "DATABASE_URL is set" in done.stderr


def test_status_of_a_new_home_creates_nothing(tmp_path):
    home = tmp_path / "untouched"
    done = _run(["db", "status"], _embedded_env(home))
    assert done.returncode == 0
    assert "server: not created yet" in done.stdout
    assert not (home / "pgdata").exists()
