"""Parse one file, in a worker process of the run's pool (or in the run's own process).

``parse_file(file, year, unit)`` never raises: it returns a ``Parsed`` holding either the
document and its content fingerprint or the one-line reason it was refused, so a bad file
reaches the parent as an outcome, not as an exception it would have to unpickle. Errors are
classified: ``input`` (cannot read, not a budget), ``parse`` (a budget we cannot parse),
``load`` (any other refusal of the loader), ``internal`` (an unexpected exception: a bug or
a failing library; such a file is parsed again on the next run).
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass

from loader.model.records import ParsedDocument


@dataclass(frozen=True)
class Parsed:
    file: str
    document: ParsedDocument | None
    content_sha256: str | None
    error: str | None  # one line, starting with the file name
    error_kind: str | None  # input | parse | load | internal
    seconds: float
    detail: str | None = None  # traceback of an internal error, for --verbose/--debug


def _message(file: str, exc: BaseException) -> str:
    message = " ".join(str(exc).split()) or type(exc).__name__
    return message if message.startswith(file) else f"{file}: {message}"


def parse_file(file: str, year: int | None = None, unit: str | None = None) -> Parsed:
    from loader.batch.fingerprint import content_fingerprint
    from loader.errors import InputError, LoaderError, ParseError
    from loader.parse import parse_document

    start = time.perf_counter()
    try:
        doc = parse_document(file, year=year, unit=unit)
        return Parsed(file, doc, content_fingerprint(doc), None, None,
                      time.perf_counter() - start)
    except LoaderError as exc:
        kind = ("parse" if isinstance(exc, ParseError) else
                "input" if isinstance(exc, InputError) else "load")
        return Parsed(file, None, None, _message(file, exc), kind, time.perf_counter() - start)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
        return Parsed(file, None, None,
                      f"{file}: internal error while parsing: {type(exc).__name__}: "
                      f"{' '.join(str(exc).split())}",
                      "internal", time.perf_counter() - start, traceback.format_exc())
