"""The template as the PDF path needs it: titles, column paths, and header matching.

Contract: ``beijing_template() -> Template`` is ``loader.parse.template.load_template``'s
Beijing template (column paths used verbatim, never renamed). ``match_title(line, template)`` says
which table a printed title names; ``normalize(text)`` is how printed header and title
text is compared to the template (blanks and full/half-width colons do not count: the
published headers print ``收    入`` and ``其中：``).
"""

from __future__ import annotations

import re

from loader.parse.template import TableTemplate, Template, load_template

# The text parser's template loader is the one source of table titles and column paths.
TableSpec = TableTemplate


_BLANKS = re.compile(r"[\s\u3000]+")


def normalize(text: str) -> str:
    """Printed text as compared with the template: no blanks, no trailing colon."""
    return _BLANKS.sub("", text).rstrip("：:")


def beijing_template() -> Template:
    return load_template("beijing")


def match_title(line: str, template: Template) -> str | None:
    """The id of the table whose title the line prints, or None.

    A title line holds the table's name and little else (``预算01表 收支总表``,
    ``表一 收支总表``). When several names fit (``…基本支出表`` contains no other
    table's name, but be safe) the longest wins.
    """
    text = normalize(line)
    if len(text) > 60:  # a paragraph mentioning a table is not its title
        return None
    best: tuple[int, str] | None = None
    for tid, spec in template.tables.items():
        name = normalize(spec.title)
        if name in text and (best is None or len(name) > best[0]):
            best = (len(name), tid)
    return best[1] if best else None
