"""Budget warehouse loader: Beijing department budget disclosures into PostgreSQL."""

__version__ = "0.1.0"
