"""parse stage: a document file -> ``ParsedDocument`` (tables, identity, findings).

``parse_document(path, year=None, unit=None)`` sniffs the bytes: a PDF goes to
``loader.parse.pdf.parse_pdf_document``; anything else is read as a text export and
parsed against the Beijing template by ``parse_text``. The returned document's findings
are the parser's own (unreadable rows, recovered codes, attribution) followed by
``loader.validate.validate(doc)``'s (identities, the document's mistakes).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from loader.errors import InputError
from loader.model.records import ParsedDocument


def parse_document(path: str | Path, *, year: int | None = None, unit: str | None = None) -> ParsedDocument:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from exc
    if not data.strip():
        raise InputError(path, "empty file")
    if data.startswith(b"%PDF-"):
        from loader.parse.pdf import parse_pdf_document  # pdfplumber: imported only for PDFs

        return parse_pdf_document(path, year=year, unit=unit)
    from loader.extract.text import text_source_from_bytes
    from loader.parse.text import parse_text

    return parse_text(text_source_from_bytes(data, path), hashlib.sha256(data).hexdigest(),
                      year=year, unit=unit)
