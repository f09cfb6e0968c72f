"""Connection strings: normalise what users give us, render what psql and BI tools accept.

The loader talks to PostgreSQL through SQLAlchemy with the psycopg (3) driver, so every URL
it uses internally reads ``postgresql+psycopg://``. Users and hosting platforms write
``postgres://`` or ``postgresql://``; psql and BI tools reject the ``+driver`` part. These
functions convert between the two forms without touching the rest of the URL (a
percent-encoded password stays exactly as written).
"""

from __future__ import annotations

from loader.errors import SetupError

# SQLAlchemy is imported inside the functions: a command that needs no database URL
# (parse) should not pay a fifth of a second for it.

DRIVER_SCHEME = "postgresql+psycopg"
# The schemes accepted in DATABASE_URL; anything else is refused rather than guessed at.
ACCEPTED_SCHEMES = ("postgres", "postgresql", "postgresql+psycopg")


def normalise_url(raw: str, source: str = "DATABASE_URL") -> str:
    """``raw`` as a ``postgresql+psycopg://`` SQLAlchemy URL; SetupError naming ``source`` if unusable."""
    raw = raw.strip()
    scheme, sep, rest = raw.partition("://")
    if not sep:
        raise SetupError(f"{source} is not a URL (expected postgresql://user:password@host:port/database)")
    if scheme.lower() not in ACCEPTED_SCHEMES:
        raise SetupError(
            f"{source} uses scheme {scheme!r}; the loader accepts "
            + ", ".join(f"{s}://" for s in ACCEPTED_SCHEMES)
        )
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    url = f"{DRIVER_SCHEME}://{rest}"
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise SetupError(f"{source} cannot be parsed: {exc}") from None
    if not parsed.database:
        raise SetupError(f"{source} names no database (add /DATABASE after the host)")
    return url


def plain_url(url: str) -> str:
    """``url`` with the scheme psql, libpq and BI tools accept: ``postgresql://``."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        raise SetupError(f"not a URL: {url!r}")
    return f"postgresql://{rest}"


def display_url(url: str) -> str:
    """``url`` safe to print in logs and status output: the password is masked."""
    from sqlalchemy.engine import make_url

    return plain_url(make_url(url).render_as_string(hide_password=True))
