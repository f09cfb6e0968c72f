"""Fixtures of the PDF tests: printed test PDFs, built once per session.

``tests.support`` (the PDF generator and the synthetic budget) is imported by its package
path, so the repository root must be importable; pytest's default rootdir import mode
puts only the test folders on ``sys.path``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.support.pdfgen import Layout, render_pdf  # noqa: E402
from tests.support.synthetic import synthetic_document  # noqa: E402


@pytest.fixture(scope="session")
def synthetic():
    """A 13-table budget with enough projects that table 13 runs over several pages."""
    return synthetic_document(seed=7, projects=14, indicators=(4, 16))


@pytest.fixture(scope="session")
def printed(tmp_path_factory, synthetic):
    """Factory: the synthetic budget printed with a given Layout (cached per layout)."""
    cache: dict[str, Path] = {}
    folder = tmp_path_factory.mktemp("printed")

    def make(name: str, layout: Layout) -> Path:
        if name not in cache:
            cache[name] = render_pdf(synthetic, folder / f"{name}.pdf", layout)
        return cache[name]

    return make
