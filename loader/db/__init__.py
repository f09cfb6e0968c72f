"""Where the warehouse lives: DATABASE_URL, or the embedded default server."""


def resolve_url() -> str:
    """The SQLAlchemy URL of the warehouse (filled by the foundation work)."""
    raise NotImplementedError
