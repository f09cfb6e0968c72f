"""Small builders so every table and column is declared with its Chinese and English comment."""

from __future__ import annotations

from sqlalchemy import Column

# Postgres schemas the warehouse owns, in creation order (drop in reverse).
SCHEMAS = ("audit", "core", "staging", "published")


def comment(zh: str, en: str) -> str:
    """One COMMENT text: Chinese first, then English, so a BI tool shows both."""
    return f"{zh} / {en}"


def col(name: str, type_, zh: str, en: str, *args, **kw) -> Column:
    """A column that cannot be declared without its bilingual comment."""
    return Column(name, type_, *args, comment=comment(zh, en), **kw)
