"""validate stage: findings about a parsed document, before anything is written.

``validate(doc)`` checks every identity of domain.md on the document's tables
(``loader.validate.identities``) and the document's own mistakes
(``loader.validate.document``), returning findings whose rule ids are listed in
``loader.validate.rules``. It only reads the document; it never changes a value.
"""

from __future__ import annotations

from loader.model.records import Finding, ParsedDocument


def validate(doc: ParsedDocument) -> tuple[Finding, ...]:
    from loader.parse.template import load_template
    from loader.validate.document import document_findings
    from loader.validate.evaluate import relation_findings
    from loader.validate.identities import build_relations

    template = load_template(doc.identity.template)
    relations = build_relations(doc.tables, template, doc.identity.fiscal_year)
    return tuple(relation_findings(doc.tables, relations)) + tuple(document_findings(doc, template))
