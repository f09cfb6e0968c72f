"""Parse a text export (numbered lines) into the template's thirteen tables.

Order of work, each step in its own module: cut sections by title (sections), read rows
(tables, performance), infer the document identity from text cells (identity), build the
identities over the text cells (validate.identities), place the numbers (attribution),
freeze, then validate. A text that is not a budget of the template raises ParseError
naming what is missing.
"""

from __future__ import annotations

import re

from loader.errors import ParseError
from loader.extract.text import TextSource
from loader.model.records import DocumentIdentity, Finding, ParsedDocument
from loader.parse.attribution import attribute
from loader.parse.identity import infer_identity
from loader.parse.performance import parse_performance
from loader.parse.raw import RawTable, freeze
from loader.parse.sections import find_sections
from loader.parse.tables import parse_tabular, parse_two_lists
from loader.parse.template import Template, load_template
from loader.parse.units import amount_unit_findings


def read_tables(source: TextSource, template: Template) -> tuple[dict[str, RawTable], list[Finding], dict]:
    sections = find_sections(source.lines, template)
    if not sections:
        raise ParseError(source.path, "no budget table titles found")
    ids = [s.table_id for s in sections]
    twice = sorted({t for t in ids if ids.count(t) > 1})
    if twice:
        raise ParseError(source.path, f"tables printed twice, apart: {', '.join(twice)}")
    missing = sorted(set(template.tables) - set(ids))
    if missing:
        raise ParseError(source.path, f"missing tables {', '.join(missing)}")
    raw: dict[str, RawTable] = {}
    findings: list[Finding] = []
    inferences: dict = {}
    by_id = {s.table_id: s for s in sections}
    for tid, table in template.tables.items():
        section = by_id[tid]
        if table.row_kind == "indicator":
            continue
        parse = parse_two_lists if table.row_kind == "two_lists" else parse_tabular
        raw[tid], found = parse(section, table, template)
        findings += found
    for tid, table in template.tables.items():
        if table.row_kind == "indicator":
            names04 = {re.sub(r"\s+", "", r.cells["项目名称"]) for r in raw.get("04", RawTable("", "", None, (), None)).rows
                       if r.cells.get("项目名称")}
            raw[tid], found, inferences = parse_performance(by_id[tid], table, template, names04 or None)
            findings += found
    return {tid: raw[tid] for tid in template.tables}, findings, inferences


def parse_text(source: TextSource, sha256: str, *, year: int | None = None, unit: str | None = None,
               template: Template | None = None) -> ParsedDocument:
    from loader.validate import validate
    from loader.validate.identities import build_relations

    template = template or load_template("beijing")
    raw, findings, inferences = read_tables(source, template)
    skeleton = {tid: freeze(t) for tid, t in raw.items()}  # text cells only: no amount placed yet
    findings += amount_unit_findings(skeleton, template)
    identity = infer_identity(skeleton, source.path, sha256, year=year, unit=unit, template=template)
    extra = {f"table13.project_code.{c}": inf for c, inf in inferences.items()}
    if source.encoding_inference is not None:
        # Dotted like the other source-level records (not an identity field; a PDF has none).
        extra["source.encoding"] = source.encoding_inference  # a GB18030 fallback is not certain
    if extra:
        identity = DocumentIdentity(**{**identity.__dict__, "inferred": {**identity.inferred, **extra}})
    relations = build_relations(skeleton, template, identity.fiscal_year)
    findings += attribute(raw, relations, template.amount_scale)
    document = ParsedDocument(identity, {tid: freeze(t) for tid, t in raw.items()}, tuple(findings))
    return ParsedDocument(identity, document.tables, tuple(findings) + validate(document))
