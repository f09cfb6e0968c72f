"""Two fingerprints: of a file's bytes (``sha256``) and of a parsed document's content.

The file sha256 is what a nightly run compares before parsing anything. The content
fingerprint is what decides, after parsing, whether a file with new bytes is new content:
the text export of a document and its PDF have different bytes and the same content.

Content = what the warehouse stores of a document: its identity (template, unit, year, kind,
unit and department code and names) and, per table, the column paths, the amount unit, and
every row's printed cells (stripped) and whether it is a 合计 row. Not content: file name,
page and line numbers, table titles as printed, how each amount's column was decided, and
the findings (they follow from the content and from how it was read). Two documents with
one fingerprint load to the same facts.
"""

from __future__ import annotations

import hashlib
import json
from concurrent.futures import ThreadPoolExecutor

from loader.model.records import ParsedDocument

CHUNK = 1 << 20


def file_sha256(path: str) -> tuple[str | None, str | None]:
    """(hex sha256, None), or (None, reason) when the file cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}"
    return digest.hexdigest(), None


def hash_files(paths: list[str], threads: int = 4) -> list[tuple[str | None, str | None]]:
    """``file_sha256`` of each path, in order; threads overlap the reads (hashlib drops the GIL)."""
    if len(paths) < 8 or threads <= 1:
        return [file_sha256(p) for p in paths]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(file_sha256, paths))


def content_fingerprint(doc: ParsedDocument) -> str:
    """Hex sha256 of the document's content (see the module docstring for what counts)."""
    ident = doc.identity
    content = {
        "identity": [ident.template, ident.unit_code, ident.fiscal_year, str(ident.kind),
                     ident.unit_name, ident.department_code, ident.department_name],
        "tables": {
            table_id: {
                "columns": list(table.columns),
                "unit": table.unit,
                "rows": [[sorted((k, v.strip()) for k, v in row.cells.items()), row.total]
                         for row in table.rows],
            }
            for table_id, table in sorted(doc.tables.items())
        },
    }
    encoded = json.dumps(content, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()
