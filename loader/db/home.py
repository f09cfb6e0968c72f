"""The loader's home folder (BUDGET_LOADER_HOME) and the lock that serialises work in it.

The home holds the embedded server: its data directory, log, port and password. Two
commands started at once (two terminals, parallel tests) must not both run initdb or both
start a server on the same data directory, so every state change happens under an
exclusive ``flock`` on ``<home>/.lock``.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

import platformdirs

from loader.errors import SetupError

ENV_HOME = "BUDGET_LOADER_HOME"
LOCK_TIMEOUT_SECONDS = 180.0


def home_dir() -> Path:
    """BUDGET_LOADER_HOME when set, else the per-user data folder (``~/.local/share/budget-loader``)."""
    configured = os.environ.get(ENV_HOME)
    if configured:
        return Path(configured).expanduser().resolve()
    return Path(platformdirs.user_data_dir("budget-loader", appauthor=False)).resolve()


@contextlib.contextmanager
def locked(home: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Hold the home's exclusive lock; SetupError if another process keeps it past ``timeout``."""
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SetupError(f"{home}: cannot create the loader's home folder ({exc.strerror})") from None
    lock_path = home / ".lock"
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise SetupError(
                        f"{lock_path}: another budget-loader process has held this lock for "
                        f"{timeout:.0f}s (starting or stopping the embedded server?)"
                    ) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
