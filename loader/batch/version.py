"""``loader_version()``: which loader produced an outcome, precisely enough to trust a rejection.

A file rejected by the loader is not parsed again while the loader is the same (it would be
rejected again). "The same" is the package version plus a fingerprint of the code and data
that decide a load (``loader/**.py``, the templates, ``sql/``): a development checkout whose
parser changed retries its rejections without a version bump.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from loader import __version__

PACKAGE = Path(__file__).resolve().parents[1]
SQL = PACKAGE.parent / "sql"
PATTERNS = ("*.py", "*.toml", "*.sql")
# Sub-packages of ``loader`` whose code decides a file's outcome.
DECIDING = ("extract", "parse", "validate", "model", "load", "schema")


@cache
def loader_version() -> str:
    """``0.1.0+<12 hex digits>``: the package version and its code fingerprint."""
    digest = hashlib.sha256()
    roots = [PACKAGE / name for name in DECIDING] + [PACKAGE / "errors.py", SQL]
    for root in roots:
        if root.is_file():
            files = [root]
        elif root.is_dir():
            files = sorted(p for pattern in PATTERNS for p in root.rglob(pattern)
                           if "__pycache__" not in p.parts)
        else:
            continue
        for path in files:
            digest.update(str(path.relative_to(PACKAGE.parent)).encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"
