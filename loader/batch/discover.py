"""The files a ``load`` considers: every ``.pdf`` and ``.txt`` under the folders given.

``discover(paths)`` keeps the order of the arguments; inside a folder, files are sorted by
path, so two runs over one folder see the same order (it decides which of two versions of one
document in the same folder is written last, i.e. becomes current). Hidden files and folders
(name starting with ``.``) are left out. A file named on the command line is taken whatever
its extension: the user asked for it. A path that does not exist is a usage error.
"""

from __future__ import annotations

import os
from pathlib import Path

from loader.errors import SetupError

SUFFIXES = (".pdf", ".txt")


class NoSuchPath(SetupError):
    """A command-line path that does not exist (exit 2: nothing was tried)."""


def _walk(folder: Path) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root) / f for f in files
                     if not f.startswith(".") and f.lower().endswith(SUFFIXES))
    return sorted(found)


def discover(paths: list[str] | tuple[str, ...]) -> list[str]:
    """Files to load, as strings, each once (the same file reached twice counts once)."""
    out: list[str] = []
    seen: set[Path] = set()
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            candidates = _walk(path)
        elif path.exists():
            candidates = [path]
        else:
            raise NoSuchPath(f"{arg}: no such file or folder")
        for file in candidates:
            real = file.resolve()
            if real not in seen:
                seen.add(real)
                out.append(str(file))
    return out
