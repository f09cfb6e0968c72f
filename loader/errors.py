"""Exceptions each stage raises; the CLI turns any of them into one readable line.

Exit codes (shared by every command): 0 success, 1 a document failed (bad input,
refused, round-trip mismatch), 2 a usage or setup error (no database, bad option).
"""

from __future__ import annotations

from pathlib import Path


class LoaderError(Exception):
    """Base class: ``str(error)`` is one line a user can act on."""

    exit_code = 1


class InputError(LoaderError):
    """A document that cannot be read or is not what the loader accepts."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class ParseError(InputError):
    """A document that was read but cannot be parsed into the template's tables."""


class LoadError(LoaderError):
    """Writing a document failed; its transaction was rolled back."""


class SetupError(LoaderError):
    """The environment is not usable: no database, a failed migration, a bad option."""

    exit_code = 2


def warehouse_unreachable(exc) -> SetupError:
    """The one message for a query that found no warehouse (``exc``: a SQLAlchemy DBAPIError)."""
    reason = str(getattr(exc, "orig", exc)).splitlines()[0]
    return SetupError(f"the warehouse is not set up or not reachable ({reason}); run "
                      "`budget-loader load` or `budget-loader db upgrade`")
