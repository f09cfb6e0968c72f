"""The published template as the warehouse reads it: table titles and each column's role.

The template file (``loader/parse/templates/<id>.toml``) belongs to the parser; the warehouse
only reads it. A column's role is ``text``, ``amount`` (stored as a fact) or ``derived``
(小计/合计 columns: computed by the views, never stored).
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

DEFAULT_TEMPLATE = "beijing"


@cache
def load_template(template_id: str = DEFAULT_TEMPLATE) -> dict[str, Any]:
    """The parsed TOML of one template; SetupError-free: a missing template is a programming error."""
    path = resources.files("loader.parse.templates").joinpath(f"{template_id}.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


def column_roles(table_id: str, template_id: str = DEFAULT_TEMPLATE) -> dict[str, str]:
    """Column path -> text | amount | derived, in published order."""
    spec = load_template(template_id)["tables"][table_id]
    derived = set(spec["derived_columns"])
    amounts = set(spec["amount_columns"])
    return {
        path: "derived" if path in derived else "amount" if path in amounts else "text"
        for path in spec["columns"]
    }


def table_ids(template_id: str = DEFAULT_TEMPLATE) -> list[str]:
    return sorted(load_template(template_id)["tables"])
