"""Read a text export of a document into numbered lines.

Knows nothing of budgets. The contract: ``read_text_lines(path)`` returns every line of
the file, 1-based, with its page when the export marks pages with form feeds (``\\f``);
``page`` is None when it does not, because a page we did not see printed is a guess.
Lines end at ``\\n`` or ``\\r\\n`` only, so line numbers are an editor's; a form feed is
a page break inside the text, not a line end (pdftotext prints it before a page's first
line). The encoding used is recorded as an ``Inference`` (``TextSource.encoding_inference``):
UTF-8 is certain, the GB18030 fallback is not. Empty files raise ``InputError``; bytes
that decode neither as UTF-8 (BOM allowed) nor as GB18030 raise ``InputError`` naming
the encodings tried.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from loader.errors import InputError
from loader.model.records import Inference

_BOM = b"\xef\xbb\xbf"
_LINE_END = re.compile(r"\r?\n")


@dataclass(frozen=True)
class TextLine:
    """One printed line: its 1-based number, page (None without form feeds) and text."""

    number: int
    page: int | None
    text: str


@dataclass(frozen=True)
class TextSource:
    path: Path
    encoding: str  # the codec that decoded the bytes: "utf-8-sig" or "gb18030"
    lines: tuple[TextLine, ...]
    encoding_inference: Inference | None = None  # how the encoding was chosen (see module doc)


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


def encoding_inference(data: bytes, encoding: str) -> Inference:
    """How ``decode_text`` chose ``encoding`` for ``data``, and whether that is certain.

    Bytes that decode as UTF-8 are UTF-8 for any practical purpose (other encodings of
    Chinese text almost never form valid UTF-8). GB18030 is only the fallback: it decodes
    nearly any bytes, so a file read as GB18030 might be in another encoding altogether.
    """
    if encoding == "utf-8-sig":
        how = "marked by a UTF-8 byte-order mark" if data.startswith(_BOM) else "the bytes are valid UTF-8"
        return Inference("utf-8", how, True)
    return Inference(encoding, "not valid UTF-8; read as GB18030, the fallback, which decodes "
                               "almost any bytes: the encoding is assumed, not proven", False)


def split_lines(text: str) -> tuple[TextLine, ...]:
    """Number the lines of ``text`` (ended by ``\\n`` or ``\\r\\n``); form feeds count pages.

    With form feeds, pages count from 1: a form feed before a line's text puts that line
    on the next page, one after its text moves the lines that follow. Without any, every
    page is None. A final line end does not open another line (as ``str.splitlines``).
    """
    has_pages = "\f" in text
    page = 1
    lines: list[TextLine] = []
    raws = _LINE_END.split(text)
    if raws and raws[-1] == "" and len(raws) > 1:
        raws.pop()
    for number, raw in enumerate(raws, start=1):
        if "\f" in raw:
            leading = len(raw) - len(raw.lstrip("\f"))
            page += leading
            here = page
            page += raw.count("\f") - leading
            raw = raw.replace("\f", "")
        else:
            here = page
        lines.append(TextLine(number, here if has_pages else None, raw.rstrip()))
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
    return TextSource(Path(path), encoding, split_lines(text), encoding_inference(data, encoding))
