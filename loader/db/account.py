"""Which operating-system account runs the embedded PostgreSQL, and running commands as it.

PostgreSQL refuses to run as root (``initdb``, ``pg_ctl`` and ``postgres`` all exit with
"cannot be run as root"). CI and containers run us as root, so when we are root the server
runs as a dedicated unprivileged system account, ``budget-loader`` (created with
``useradd --system`` on first use; BUDGET_LOADER_SYSTEM_USER names another existing
account instead). That account owns the data directory and log folder; everything else in
the home stays root's. It also needs to reach the data directory and the server binaries
in the virtualenv: any ancestor folder it cannot traverse gets the traverse bit for others
(``o+x``: enter, not list), and each such change is written to
``<home>/permission-changes.log`` and announced on stderr, so nothing changes silently.

Not root: everything runs as the current user and nothing is switched or chmod-ed.
"""

from __future__ import annotations

import os
import pwd
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from loader.errors import SetupError

ENV_SYSTEM_USER = "BUDGET_LOADER_SYSTEM_USER"
DEFAULT_SYSTEM_USER = "budget-loader"


@dataclass(frozen=True)
class Account:
    """The account the server's processes run as; ``switch`` is True when that is not us."""

    name: str
    uid: int
    gid: int
    switch: bool

    def subprocess_kwargs(self) -> dict:
        """Keyword arguments for ``subprocess.run`` that drop to this account (none if it is us)."""
        if not self.switch:
            return {}
        return {"user": self.uid, "group": self.gid, "extra_groups": []}

    def chown(self, path: Path) -> None:
        if self.switch:
            os.chown(path, self.uid, self.gid)


def is_root() -> bool:
    return os.geteuid() == 0


def current_account() -> Account:
    entry = pwd.getpwuid(os.geteuid())
    return Account(entry.pw_name, entry.pw_uid, entry.pw_gid, switch=False)


def server_account(pgdata: Path) -> Account:
    """The account that runs (or will run) the server whose data directory is ``pgdata``.

    An existing data directory decides by its owner (so a later BUDGET_LOADER_SYSTEM_USER
    cannot split a cluster between two owners); a new one uses the configured account.
    """
    if not is_root():
        account = current_account()
        if pgdata.exists() and pgdata.stat().st_uid != account.uid:
            owner = _name_of(pgdata.stat().st_uid)
            raise SetupError(
                f"{pgdata}: the embedded server's data belongs to {owner}; run as {owner} or root, "
                "or set BUDGET_LOADER_HOME to a folder of your own"
            )
        return account
    if pgdata.exists():
        uid = pgdata.stat().st_uid
        if uid == 0:
            raise SetupError(f"{pgdata}: data directory is owned by root; PostgreSQL cannot run as root")
        entry = pwd.getpwuid(uid)
        return Account(entry.pw_name, entry.pw_uid, entry.pw_gid, switch=True)
    name = os.environ.get(ENV_SYSTEM_USER) or DEFAULT_SYSTEM_USER
    entry = _ensure_system_user(name)
    if entry.pw_uid == 0:
        raise SetupError(f"{ENV_SYSTEM_USER}={name} is a root account; PostgreSQL refuses root")
    return Account(entry.pw_name, entry.pw_uid, entry.pw_gid, switch=True)


def _name_of(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def _ensure_system_user(name: str) -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(name)
    except KeyError:
        pass
    if name != DEFAULT_SYSTEM_USER:
        raise SetupError(f"{ENV_SYSTEM_USER}={name}: no such account")
    useradd = shutil.which("useradd") or "/usr/sbin/useradd"
    nologin = shutil.which("nologin") or "/usr/sbin/nologin"
    cmd = [useradd, "--system", "--no-create-home", "--home-dir", "/nonexistent",
           "--shell", nologin, "--comment", "budget-loader embedded PostgreSQL", name]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise SetupError(
            f"running as root, the embedded PostgreSQL needs an unprivileged account and "
            f"{useradd} failed ({exc.strerror}); create one and set {ENV_SYSTEM_USER}"
        ) from None
    # Exit 9 = the name was created meanwhile by a concurrent first start; that is fine.
    if done.returncode not in (0, 9):
        reason = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise SetupError(
            f"running as root, could not create the system account {name!r} for the embedded "
            f"PostgreSQL: {reason}; create one and set {ENV_SYSTEM_USER}"
        )
    return pwd.getpwnam(name)


def grant_traverse(target: Path, account: Account, record: Path) -> list[Path]:
    """Let ``account`` enter every ancestor of ``target``; log and return the folders changed.

    Only ``o+x`` is added (enter a folder by name, not list it), and only where neither
    the owner/group bits nor ``other`` already let the account through.
    """
    if not account.switch:
        return []
    changed: list[Path] = []
    for folder in reversed(target.resolve().parents):
        info = folder.stat()
        if _can_enter(info, account):
            continue
        folder.chmod(stat.S_IMODE(info.st_mode) | stat.S_IXOTH)
        changed.append(folder)
    if changed:
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        with record.open("a", encoding="utf-8") as log:
            for folder in changed:
                log.write(f"{stamp} chmod o+x {folder} (so {account.name} can reach {target})\n")
        print(
            f"note: added o+x (traverse only) to {', '.join(map(str, changed))} so the "
            f"{account.name} account can run the embedded PostgreSQL; recorded in {record}",
            file=sys.stderr,
        )
    return changed


def _can_enter(info: os.stat_result, account: Account) -> bool:
    mode = info.st_mode
    if info.st_uid == account.uid:
        return bool(mode & stat.S_IXUSR)
    if info.st_gid == account.gid:
        return bool(mode & stat.S_IXGRP)
    return bool(mode & stat.S_IXOTH)
