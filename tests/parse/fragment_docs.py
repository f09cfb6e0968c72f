"""Build small documents from tests/fragments/skeleton.txt (one quirk per test)."""

from __future__ import annotations

import re
from pathlib import Path

SKELETON = Path(__file__).resolve().parents[1] / "fragments" / "skeleton.txt"

# A year both table 11 rows and nothing else claim: tests that need a year get it here.
YEAR_ROWS = "2021\n\n2022\n"
# One department and one unit, no amounts: enough for the document identity.
UNIT_ROWS = "042 测试局\n\n042001 测试单位\n"


def make_document(tmp_path: Path, name: str = "doc.txt", *, with_year: bool = True, **tables: str) -> Path:
    """Write the skeleton with ``t04="…"`` style fragments inserted; return its path."""
    text = SKELETON.read_text("utf-8")
    if with_year and "t11" not in tables:
        tables["t11"] = YEAR_ROWS
    tables.setdefault("t02", UNIT_ROWS)
    for key, body in tables.items():
        marker = f"<<{key[1:]}>>"
        if re.search(r"^合\s*计", body, re.M):  # the fragment brings its own 合计 row
            text = re.sub(re.escape(marker) + r"\n合\s*计\n", marker + "\n", text)
        text = text.replace(marker, body.strip("\n"))
    text = re.sub(r"<<\d\d>>\n", "", text)
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path
