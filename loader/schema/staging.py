"""``staging``: COPY targets, one mirror of every ``core`` dimension a document writes.

A mirror has the dimension's columns minus any identity column, no keys and no defaults,
so the loader can COPY whole rows and merge them with one ``INSERT … ON CONFLICT`` per
dimension. A load stages, merges and deletes its rows inside its own transaction; other
transactions never see them, so concurrent loads need no partitioning column. Facts need
no merge (a document's old facts are deleted first) and are COPYed straight into
``core.fct_*``, so they have no mirror here.
"""

from __future__ import annotations

from sqlalchemy import Column, MetaData, Table

from loader.schema._build import comment

# Dimensions a document writes, in the order they are upserted (parents before children).
STAGED_DIMENSIONS = (
    "dim_fiscal_year", "dim_unit", "dim_function_subject", "dim_gov_economic_subject",
    "dim_dept_economic_subject", "dim_project", "dim_procurement_category",
    "dim_indicator_level", "dim_published_table", "dim_published_column",
)


def define(metadata: MetaData, core_names: list[str]) -> None:
    for name in core_names:
        core = metadata.tables[f"core.{name}"]
        columns = [
            Column(c.name, c.type, comment=c.comment)
            for c in core.columns
            if c.identity is None
        ]
        Table(name, metadata, *columns, schema="staging",
              comment=comment(f"暂存：{name} 的 COPY 目标", f"staging: COPY target for core.{name}"))


def fact_tables(metadata: MetaData) -> list[str]:
    """Names of the ``core.fct_*`` tables, sorted."""
    return sorted(t.name for t in metadata.tables.values()
                  if t.schema == "core" and t.name.startswith("fct_"))
