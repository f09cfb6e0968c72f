"""The PDF path: a published budget PDF -> ``ParsedDocument``, columns decided by position.

Contract: ``parse_pdf_document(path, *, year=None, unit=None) -> ParsedDocument`` gives the
same records as the text path (same tables, column paths, printed strings), with every
amount's ``decided_by`` = ``position``. It raises ``InputError`` for a file with no usable
text layer and ``ParseError`` for a document that is not a complete Beijing budget (a
foreign template, a final account, missing tables), naming the file and the reason in one
line. Identities are checked by ``loader.validate`` when it is present; a failure is a
finding, not an error.

Stages: ``extract.pdf.read_pdf`` (chars, rules) -> ``pdf_pages.collect_tables`` (grids,
headers, rows per page) -> ``pdf_detect`` (refuse what is not loadable) ->
``pdf_stitch.stitch`` (join page breaks, check amounts) -> identity -> validation.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from loader.extract.pdf import PdfContent, read_pdf
from loader.model.records import Finding, ParsedDocument, Severity, SourceRef, Table
from loader.parse.identity import infer_identity
from loader.parse.pdf_detect import refuse_unless_loadable, sighting
from loader.parse.pdf_pages import collect_tables
from loader.parse.pdf_stitch import stitch
from loader.parse.pdf_template import beijing_template
from loader.parse.units import amount_unit_findings


def parse_pdf_document(path: str | Path, *, year: int | None = None,
                       unit: str | None = None, reader: str = "auto") -> ParsedDocument:
    path = str(path)
    content = read_pdf(path, reader)
    template = beijing_template()
    collected = collect_tables(content, template)
    refuse_unless_loadable(path, sighting(collected, template), template)
    tables: dict[str, Table] = {}
    findings: list[Finding] = []
    for tid, spec in template.tables.items():
        run = collected.tables[tid]
        rows, notes = stitch(tid, run.rows, spec, template.total_label)
        findings += notes
        tables[tid] = Table(id=tid, title=run.title, unit=run.unit, columns=spec.columns,
                            rows=rows, source=SourceRef(run.title_page, run.title_line))
    findings += amount_unit_findings(tables, template)  # as the text path: 元 is not 万元
    findings += reader_findings(content)
    sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    identity = infer_identity(tables, path, sha, year=year, unit=unit, template=template)
    doc = ParsedDocument(identity=identity, tables=tables, findings=tuple(findings))
    return _validated(doc)


def reader_findings(content: PdfContent) -> list[Finding]:
    """INFO per reason PDFium left pages to pdfplumber: which pages, and why (the parse is
    the same either way; this says where the slower reference read the file)."""
    pages_by_reason: dict[str, list[int]] = {}
    for page in content.pages:
        if page.reader.startswith("pdfplumber ("):
            pages_by_reason.setdefault(page.reader[len("pdfplumber ("):-1], []).append(page.number)
    return [Finding(rule="pdf.pages_read_by_reference", severity=Severity.INFO,
                    message=(f"{len(numbers)} of {len(content.pages)} pages read by pdfplumber, "
                             f"not PDFium ({reason}): pages {_page_ranges(numbers)}"),
                    found=reason)
            for reason, numbers in pages_by_reason.items()]


def _page_ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 7] -> '1-3, 7'."""
    ranges: list[list[int]] = []
    for n in numbers:
        if ranges and n == ranges[-1][1] + 1:
            ranges[-1][1] = n
        else:
            ranges.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in ranges)


def _validated(doc: ParsedDocument) -> ParsedDocument:
    """Add the validation stage's findings (failed identities, document mistakes)."""
    from loader.validate import validate

    return replace(doc, findings=doc.findings + tuple(validate(doc)))
