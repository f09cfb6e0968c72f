"""What the warehouse already knows about a set of files, in one query.

``known_files(conn, sha256s)`` -> ``{sha256: Known}`` for the sha256s the warehouse has
seen: loaded as a version (``audit.document_version``), or parsed in an earlier run and found
to be the same content as a version, or rejected (``audit.load_result``, the latest outcome
that came from parsing the file; skips copy what they skipped on and do not count).

``same_content_version(conn, content_sha256)``: the version whose parsed content equals
this fingerprint, if any (asked once per parsed file, never on the no-op path).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text


@dataclass(frozen=True)
class Known:
    kind: str  # loaded | same_content | rejected
    document_version_id: int | None
    status: str | None  # current | superseded (of that version)
    message: str | None  # the rejection's reason
    error_kind: str | None
    loader_version: str | None  # of the run that rejected it
    load_run_id: int | None


KNOWN_SQL = text("""
    WITH mine AS (SELECT DISTINCT unnest(CAST(:shas AS text[])) AS sha256)
    SELECT m.sha256, v.document_version_id AS version_id, v.status AS version_status,
           r.outcome, r.message, r.error_kind, r.document_version_id AS result_version_id,
           rv.status AS result_version_status, r.loader_version, r.load_run_id
    FROM mine m
    LEFT JOIN LATERAL (
        SELECT document_version_id, status FROM audit.document_version
        WHERE sha256 = m.sha256 ORDER BY document_version_id DESC LIMIT 1
    ) v ON true
    LEFT JOIN LATERAL (
        SELECT r.outcome, r.message, r.error_kind, r.document_version_id, run.loader_version,
               r.load_run_id
        FROM audit.load_result r JOIN audit.load_run run USING (load_run_id)
        WHERE r.sha256 = m.sha256 AND r.outcome IN ('same_content', 'failed')
        ORDER BY r.load_result_id DESC LIMIT 1
    ) r ON v.document_version_id IS NULL
    LEFT JOIN audit.document_version rv ON rv.document_version_id = r.document_version_id
    WHERE v.document_version_id IS NOT NULL OR r.outcome IS NOT NULL
""")


def known_files(conn, sha256s: list[str]) -> dict[str, Known]:
    out: dict[str, Known] = {}
    if not sha256s:
        return out
    for r in conn.execute(KNOWN_SQL, dict(shas=list(sha256s))).mappings():
        if r["version_id"] is not None:
            out[r["sha256"]] = Known("loaded", r["version_id"], r["version_status"],
                                     None, None, None, None)
        elif r["outcome"] == "same_content" and r["result_version_id"] is not None:
            out[r["sha256"]] = Known("same_content", r["result_version_id"],
                                     r["result_version_status"], None, None, None,
                                     r["load_run_id"])
        elif r["outcome"] == "failed":
            out[r["sha256"]] = Known("rejected", None, None, r["message"], r["error_kind"],
                                     r["loader_version"], r["load_run_id"])
    return out


def same_content_version(conn, content_sha256: str) -> tuple[int, str] | None:
    """(document_version_id, status) of a version with this content fingerprint, or None."""
    row = conn.execute(text("""
        SELECT document_version_id, status FROM audit.document_version
        WHERE content_sha256 = :c ORDER BY document_version_id DESC LIMIT 1
    """), dict(c=content_sha256)).first()
    return (row[0], row[1]) if row else None
