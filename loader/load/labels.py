"""Read codes out of printed labels: ``"2240109 -应急管理"`` -> ``("2240109", "应急管理")``.

Pure functions. A label without a readable code gives ``(None, label)``: the caller keeps the
printed text and records that no key could be read, never guesses one.
"""

from __future__ import annotations

import re

_CODE_NAME = re.compile(r"^\s*([0-9A-Za-z]+)\s*[-－—]\s*(.*?)\s*$", re.S)
_LEVELS = {3: "类", 5: "款", 7: "项"}


def code_name(printed: str | None) -> tuple[str | None, str | None]:
    """(code, name) of a ``code-name`` label; (None, text) when it has no code."""
    if printed is None:
        return None, None
    match = _CODE_NAME.match(printed)
    if not match:
        text = printed.strip()
        return None, text or None
    return match.group(1), (match.group(2) or None)


def subject_chain(code: str) -> list[tuple[str, str, str | None]]:
    """``"3021101"`` -> [(3021101, 项, 30211), (30211, 款, 302), (302, 类, None)].

    Classification codes nest by prefix: 类 3 digits, 款 5, 项 7. A code of another length is
    returned alone with level ``其他`` (kept, not guessed into the hierarchy).
    """
    if len(code) not in _LEVELS or not code.isdigit():
        return [(code, "其他", None)]
    chain = []
    current = code
    while current:
        parent = current[:-2] if len(current) > 3 else None
        chain.append((current, _LEVELS[len(current)], parent))
        current = parent
    return chain
