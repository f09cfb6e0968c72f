"""Write one ParsedDocument in one transaction: audit version, staging, core, proof, checks.

``write_document(engine, doc, load_run_id)`` returns a ``WriteResult``; on any error the
transaction rolls back and the warehouse is exactly as before (the caller records the
failure). Order inside the transaction:

1. lock the document row (unit, year, kind), creating it if new; a version with the same
   sha256 means the file is already loaded: nothing is written ("unchanged");
2. the current version, if any, becomes ``superseded``; the new version is ``current``;
3. delete the document's facts (every earlier version); upsert dimensions (COPY into
   ``staging``, merge into ``core``); COPY the new facts into ``core``;
4. store the parse findings and the loader's own;
5. the round-trip proof (``roundtrip.prove``), then the SQL checks (``checks.run_checks``);
6. commit.

Test hook: when ``BUDGET_LOADER_TEST_HOLD_BEFORE_COMMIT`` names a file, the writer creates
it once everything is written and waits (up to 120 s) before committing, so a test can kill
the process while it holds the transaction.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from loader.errors import LoadError
from loader.load.checks import run_checks
from loader.load.roundtrip import prove
from loader.load.staging import delete_document_facts, write_rows
from loader.load.transform import document_rows
from loader.model.records import Finding, ParsedDocument, Severity

HOLD_ENV = "BUDGET_LOADER_TEST_HOLD_BEFORE_COMMIT"


@dataclass(frozen=True)
class WriteResult:
    outcome: str  # loaded | unchanged
    document_version_id: int
    superseded: int | None  # the version this one replaced
    fact_rows: int
    findings: int
    message: str


def _finding_params(doc: ParsedDocument, version_id: int, origin: str, f: Finding) -> dict:
    return dict(
        v=version_id, origin=origin, rule=f.rule, severity=str(f.severity),
        unit_code=doc.identity.unit_code, fiscal_year=doc.identity.fiscal_year,
        table_id=f.table, row_no=f.row, column_path=f.column, message=f.message,
        expected=f.expected, found=f.found,
        figures=json.dumps([dict(c) for c in f.cells], ensure_ascii=False, default=str),
    )


def store_findings(conn, doc: ParsedDocument, version_id: int, origin: str,
                   findings: list[Finding] | tuple[Finding, ...]) -> int:
    if findings:
        conn.execute(text("""
            INSERT INTO audit.finding (document_version_id, origin, rule, severity, unit_code,
                fiscal_year, table_id, row_no, column_path, message, expected, found, figures)
            VALUES (:v, :origin, :rule, :severity, :unit_code, :fiscal_year, :table_id, :row_no,
                    :column_path, :message, :expected, :found, CAST(:figures AS jsonb))
        """), [_finding_params(doc, version_id, origin, f) for f in findings])
    return len(findings)


def _document_id(conn, doc: ParsedDocument) -> int:
    ident = doc.identity
    params = dict(u=ident.unit_code, y=ident.fiscal_year, k=str(ident.kind))
    conn.execute(text("""
        INSERT INTO audit.document (unit_code, fiscal_year, kind) VALUES (:u, :y, :k)
        ON CONFLICT (unit_code, fiscal_year, kind) DO NOTHING
    """), params)
    # FOR UPDATE: two loads of the same document serialise here instead of racing.
    return conn.execute(text("""
        SELECT document_id FROM audit.document
        WHERE unit_code = :u AND fiscal_year = :y AND kind = :k FOR UPDATE
    """), params).scalar_one()


def _new_version(conn, doc: ParsedDocument, document_id: int, load_run_id: int | None,
                 content_sha256: str | None) -> tuple[int, int | None]:
    ident = doc.identity
    previous = conn.execute(text("""
        UPDATE audit.document_version SET status = 'superseded', superseded_at = now()
        WHERE document_id = :d AND status = 'current' RETURNING document_version_id
    """), dict(d=document_id)).scalar_one_or_none()
    inferred = {k: dict(value=v.value, how=v.how, certain=v.certain)
                for k, v in ident.inferred.items()}
    version_id = conn.execute(text("""
        INSERT INTO audit.document_version (document_id, sha256, content_sha256, file_name,
            template, unit_name, department_code, inferred, printed_tables, status, load_run_id)
        VALUES (:d, :sha, :content, :file, :template, :name, :dept, CAST(:inferred AS jsonb),
                CAST(:printed AS jsonb), 'current', :run)
        RETURNING document_version_id
    """), dict(d=document_id, sha=ident.sha256, content=content_sha256, file=ident.file_name,
               template=ident.template,
               name=ident.unit_name, dept=ident.department_code,
               inferred=json.dumps(inferred, ensure_ascii=False, default=str),
               printed=json.dumps(printed_tables(doc), ensure_ascii=False),
               run=load_run_id)).scalar_one()
    if previous is not None:
        conn.execute(text("UPDATE audit.document_version SET superseded_by = :n "
                          "WHERE document_version_id = :p"), dict(n=version_id, p=previous))
    return version_id, previous


def refuse_unsound(doc: ParsedDocument) -> None:
    """LoadError when the parse itself is unsound: an ERROR finding means cells were not read
    or amounts not placed, so the tables are not the document and must not replace a version.

    (A failed identity is a WARNING about the document, which loads with its findings.)
    """
    errors = [f for f in doc.findings if f.severity is Severity.ERROR]
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise LoadError(f"not loaded, the parse is unsound: {errors[0].rule}: "
                        f"{' '.join(errors[0].message.split())}{more}; "
                        "`budget-loader parse FILE` lists them; nothing written")


def printed_tables(doc: ParsedDocument) -> dict[str, dict[str, str | None]]:
    """Each table's title and amount unit as printed, so ``show`` and ``export`` reprint them."""
    return {tid: {"title": t.title, "unit": t.unit} for tid, t in doc.tables.items()}


def _hold_for_tests() -> None:
    marker = os.environ.get(HOLD_ENV)
    if marker:
        Path(marker).write_text(str(os.getpid()))
        time.sleep(120)


def write_document(engine, doc: ParsedDocument, load_run_id: int | None = None, *,
                   content_sha256: str | None = None, commit: bool = True) -> WriteResult:
    """Write ``doc`` in one transaction (see the module docstring); errors roll it all back.

    ``content_sha256`` is the parsed content's fingerprint, stored with the version so a later
    file with the same content is recognised. ``commit=False`` (a dry run) does the whole
    write, proof and checks included, and then rolls it back.
    """
    refuse_unsound(doc)
    with engine.connect() as conn, conn.begin() as transaction:
        result = _write(conn, doc, load_run_id, content_sha256)
        if not commit:
            transaction.rollback()
        return result


def _write(conn, doc: ParsedDocument, load_run_id: int | None,
           content_sha256: str | None) -> WriteResult:
    document_id = _document_id(conn, doc)
    known = conn.execute(text("""
        SELECT document_version_id, status FROM audit.document_version
        WHERE document_id = :d AND sha256 = :sha
    """), dict(d=document_id, sha=doc.identity.sha256)).first()
    if known is not None:
        return WriteResult("unchanged", known[0], None, 0, 0,
                           f"already loaded as version {known[0]} ({known[1]}); nothing changed")
    cur = conn.connection.driver_connection.cursor()
    delete_document_facts(cur, document_id)  # before the new version: only earlier ones
    version_id, previous = _new_version(conn, doc, document_id, load_run_id, content_sha256)
    batch = document_rows(doc, version_id)
    counts = write_rows(cur, batch.rows)
    findings = store_findings(conn, doc, version_id, "parse", doc.findings)
    findings += store_findings(conn, doc, version_id, "load", batch.findings)
    findings += store_findings(conn, doc, version_id, "load", prove(doc, cur, version_id))
    findings += run_checks(conn, version_id)
    conn.execute(text("UPDATE audit.document_version SET row_counts = CAST(:c AS jsonb) "
                      "WHERE document_version_id = :v"),
                 dict(c=json.dumps(counts), v=version_id))
    _hold_for_tests()
    facts = sum(counts.values())
    replaced = f", superseding version {previous}" if previous else ""
    return WriteResult("loaded", version_id, previous, facts, findings,
                       f"loaded as version {version_id}{replaced}: {facts} fact rows, "
                       f"{findings} findings")
