"""Read a text export of a document into numbered lines.

Knows nothing of budgets. The contract: ``read_text_lines(path)`` returns every line of
the file, 1-based, with its page when the export marks pages with form feeds (``\\f``);
``page`` is None when it does not, because a page we did not see printed is a guess.
Empty files raise ``InputError``; bytes that decode neither as UTF-8 (BOM allowed) nor as
GB18030 raise ``InputError`` naming the encodings tried.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from loader.errors import InputError


@dataclass(frozen=True)
class TextLine:
    """One printed line: its 1-based number, page (None without form feeds) and text."""

    number: int
    page: int | None
    text: str


@dataclass(frozen=True)
class TextSource:
    path: Path
    encoding: str
    lines: tuple[TextLine, ...]


def decode_text(data: bytes, path: str | Path) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM), falling back to GB18030.

    Returns (text, encoding name). GB18030 decodes almost any byte string, so it is only
    tried after UTF-8 fails; that order keeps a UTF-8 file from being misread.
    """
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise InputError(path, "not text: bytes decode neither as UTF-8 nor as GB18030")


def split_lines(text: str) -> tuple[TextLine, ...]:
    """Number the lines of ``text``; a form feed starts a new page (and the page count)."""
    has_pages = "\f" in text
    page = 1
    lines: list[TextLine] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if "\f" in raw:
            page += raw.count("\f")
            raw = raw.replace("\f", "")
        lines.append(TextLine(number, page if has_pages else None, raw.rstrip()))
    return tuple(lines)


def read_text_lines(path: str | Path) -> TextSource:
    """Read ``path`` as text and number its lines (see module docstring)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from exc
    return text_source_from_bytes(data, path)


def text_source_from_bytes(data: bytes, path: str | Path) -> TextSource:
    if not data.strip():
        raise InputError(path, "empty file")
    text, encoding = decode_text(data, path)
    return TextSource(Path(path), encoding, split_lines(text))
