"""The published template as the warehouse reads it: table titles and each column's role.

The template file (``loader/parse/templates/<id>.toml``) belongs to the parser; the warehouse
only reads it. A column's role is ``text``, ``amount`` (stored as a fact) or ``derived``
(小计/合计 columns: computed by the views, never stored).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from loader.parse.template import template_source

DEFAULT_TEMPLATE = "beijing"


def load_template(template_id: str = DEFAULT_TEMPLATE) -> Mapping[str, Any]:
    """The template's TOML as read by the parser (``loader.parse.template.template_source``)."""
    return template_source(template_id)


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
