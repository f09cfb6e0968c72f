"""A synthetic archive: N Beijing 单位预算 across departments, units and years (benchmarks, tests).

Contract:
- ``corpus_specs(n, seed=0, first_year=2015, years=10) -> list[DocSpec]``: deterministic; units
  grouped under departments (3 to 8 units each, 3-digit department code + 3-digit unit
  serial), each unit publishing once per year until ``n`` documents exist; 5 to 60 projects
  per document and 2 to 20 indicators per project, drawn per document.
- ``corpus_document(spec) -> ParsedDocument``: the document itself, built by
  ``tests.support.synthetic.synthetic_document`` (every identity of domain.md holds by
  construction: sums are computed, never typed in; subjects are real classification codes;
  tables 09, 10 and 12 are empty, as in the real sample). ``identity.sha256`` is a digest
  of the spec, so two specs never collide in ``audit.document_version``.
- ``write_pdfs(specs, folder) -> list[Path]``: each document printed with the test PDF
  generator (``tests.support.pdfgen``), one file per document.

The text export form of a document is ``tests.support.textgen.render_text(doc)``.
Not generated here (yet): 部门预算 documents listing several units in one file (the text
round-trip tests build them, in tests/parse/test_text_roundtrip.py).
"""

from __future__ import annotations

import hashlib
import random
import sys
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from loader.model.records import ParsedDocument  # noqa: E402
from tests.support.synthetic import synthetic_document  # noqa: E402

_DEPT_WORDS = ["应急管理", "教育", "科学技术", "文化和旅游", "卫生健康", "生态环境", "交通",
               "水务", "农业农村", "商务", "民政", "司法", "财政", "住房和城乡建设", "园林绿化"]
_UNIT_WORDS = ["研究院", "服务中心", "信息中心", "监测站", "培训中心", "事务中心", "宣传中心",
               "技术保障中心"]


@dataclass(frozen=True)
class DocSpec:
    seed: int
    unit_code: str
    unit_name: str
    department_code: str
    department_name: str
    year: int
    projects: int
    indicators: tuple[int, int]


def corpus_specs(n: int, seed: int = 0, first_year: int = 2015, years: int = 10) -> list[DocSpec]:
    """``n`` document specs: every unit publishes one budget per year, departments in turn."""
    rng = random.Random(seed)
    units: list[tuple[str, str, str, str]] = []
    per_year = max(1, -(-n // years))
    dept = 0
    while len(units) < per_year:
        dept += 1
        dcode = f"{100 + dept:03d}"
        dname = f"北京市示例{_DEPT_WORDS[dept % len(_DEPT_WORDS)]}局{dept}"
        for u in range(1, rng.randint(3, 8) + 1):
            uname = f"{dname}{_UNIT_WORDS[u % len(_UNIT_WORDS)]}{u}"
            units.append((dcode, dname, f"{dcode}{u:03d}", uname))
    specs = []
    for k in range(n):
        year = first_year + k // per_year
        dcode, dname, ucode, uname = units[k % per_year]
        lo = rng.randint(2, 10)
        specs.append(DocSpec(seed=seed * 1_000_003 + k, unit_code=ucode, unit_name=uname,
                             department_code=dcode, department_name=dname, year=year,
                             projects=rng.randint(5, 60), indicators=(lo, rng.randint(lo, 20))))
    return specs


def corpus_document(spec: DocSpec) -> ParsedDocument:
    doc = synthetic_document(seed=spec.seed, projects=spec.projects, indicators=spec.indicators,
                             year=spec.year, unit=(spec.unit_code, spec.unit_name),
                             department=(spec.department_code, spec.department_name))
    digest = hashlib.sha256(repr(spec).encode()).hexdigest()
    name = f"{spec.unit_code}-{spec.year}-synthetic"
    return replace(doc, identity=replace(doc.identity, sha256=digest, file_name=name))


def write_pdfs(specs: list[DocSpec], folder: Path) -> list[Path]:
    """The documents printed as PDFs with embedded fonts, as published files are."""
    from tests.support.pdfgen import Layout, render_pdf

    folder.mkdir(parents=True, exist_ok=True)
    layout = Layout(font="embedded")
    return [render_pdf(corpus_document(s), folder / f"{s.unit_code}-{s.year}.pdf", layout)
            for s in specs]
