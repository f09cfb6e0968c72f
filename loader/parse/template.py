"""Load a document template (``loader/parse/templates/<id>.toml``) into typed settings.

A template is data: table titles, column paths, row patterns, classification labels and
the column mappings the cross-table identities use. ``load_template("beijing")`` returns
a ``Template``; a template that names a column path not among its table's ``columns``
raises ``SetupError`` so a typo cannot silently drop a column.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from loader.errors import SetupError


@dataclass(frozen=True)
class TableTemplate:
    id: str
    title: str
    english: str
    columns: tuple[str, ...]
    text_columns: tuple[str, ...]
    amount_columns: tuple[str, ...]
    derived_columns: tuple[str, ...]
    row_kind: str
    row_start: re.Pattern[str] | None
    row_pattern: re.Pattern[str] | None  # `{amounts}` expanded to a named group `amounts`
    row_fields: tuple[str, ...]
    extra: Mapping[str, Any] = field(default_factory=dict)  # kind-specific keys, as in TOML


@dataclass(frozen=True)
class Template:
    id: str
    name: str
    amount_unit: str
    amount_scale: int
    title_prefix: re.Pattern[str]
    unit_line: re.Pattern[str]
    total_label: re.Pattern[str]
    amount_token: re.Pattern[str]
    region_code: str
    project_year: re.Pattern[str]
    tables: Mapping[str, TableTemplate]
    function_classes: Mapping[str, str]  # 类 code -> label as printed in 01/06
    identities: Mapping[str, Any]

    def amounts_regex(self) -> str:
        """The trailing-amounts group a row pattern's ``{amounts}`` stands for."""
        return rf"(?P<amounts>(?:\s+(?:{self.amount_token.pattern}))*)\s*$"


_KNOWN = {
    "title", "english", "columns", "text_columns", "amount_columns", "derived_columns",
    "row_kind", "row_start", "row_pattern", "row_fields",
}


def _table(tid: str, raw: Mapping[str, Any], amounts: str) -> TableTemplate:
    columns = tuple(raw["columns"])
    named = (
        list(raw.get("text_columns", ()))
        + list(raw.get("amount_columns", ()))
        + list(raw.get("derived_columns", ()))
        + list(raw.get("row_fields", ()))
        + list(raw.get("subject_bounds", {}))
    )
    unknown = [path for path in named if path not in columns]
    if unknown:
        raise SetupError(f"template table {tid}: paths not among its columns: {unknown}")
    pattern = raw.get("row_pattern")
    return TableTemplate(
        id=tid,
        title=raw["title"],
        english=raw["english"],
        columns=columns,
        text_columns=tuple(raw.get("text_columns", ())),
        amount_columns=tuple(raw.get("amount_columns", ())),
        derived_columns=tuple(raw.get("derived_columns", ())),
        row_kind=raw["row_kind"],
        row_start=re.compile(raw["row_start"]) if raw.get("row_start") else None,
        # DOTALL: a row's wrapped cells are joined with newlines before matching.
        row_pattern=re.compile(pattern.replace("{amounts}", amounts), re.S) if pattern else None,
        row_fields=tuple(raw.get("row_fields", ())),
        extra={k: v for k, v in raw.items() if k not in _KNOWN},
    )


@cache
def template_source(id: str = "beijing") -> Mapping[str, Any]:  # noqa: A002
    """The TOML of template ``id`` as read (the warehouse reads column roles from it)."""
    try:
        text = resources.files("loader.parse.templates").joinpath(f"{id}.toml").read_text("utf-8")
    except FileNotFoundError as exc:
        raise SetupError(f"no template named {id!r}") from exc
    return tomllib.loads(text)


@cache
def load_template(id: str = "beijing") -> Template:  # noqa: A002 - the public name is `id`
    """Read and check template ``id``; cached, templates are immutable."""
    raw = template_source(id)
    amount_token = re.compile(raw["amount_token"])
    amounts = rf"(?P<amounts>(?:\s+(?:{amount_token.pattern}))*)\s*$"
    tables = {tid: _table(tid, t, amounts) for tid, t in sorted(raw["tables"].items())}
    return Template(
        id=raw["id"],
        name=raw["name"],
        amount_unit=raw["amount_unit"],
        amount_scale=int(raw["amount_scale"]),
        title_prefix=re.compile(raw["title_prefix"]),
        unit_line=re.compile(raw["unit_line"]),
        total_label=re.compile(raw["total_label"]),
        amount_token=amount_token,
        region_code=raw["region_code"],
        project_year=re.compile(raw["project_year"]),
        tables=tables,
        function_classes=dict(raw.get("function_classes", {})),
        identities=dict(raw.get("identities", {})),
    )
