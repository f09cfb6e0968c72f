"""Pages per second of the loader's PDF parse against plain pdfplumber ``extract_tables()``.

Usage: ``.venv/bin/python benchmarks/pdf_parse.py [--projects N] [--repeat R] [--font F] [--pdf FILE]``

Prints a synthetic Beijing budget (tests/support) as a PDF unless ``--pdf`` names one, then
in one run times, over the same pages:
- ``pdfplumber``: open the file and call ``page.extract_tables()`` on every page;
- ``tables``: our read + grid + header + stitch stages (``read_pdf``, ``collect_tables``,
  ``stitch``), i.e. what corresponds to extract_tables plus column paths;
- ``full``: ``parse_pdf_document`` (adds identity inference and validation).
Each is the best of ``--repeat`` runs. The ratio is ours / pdfplumber in pages per second.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def best_of(fn, repeat: int) -> float:
    """Fastest of ``repeat`` timed runs, after one untimed run that pays one-time costs
    (imports, pdfminer's CMaps, PDFium's library start) for every contender alike."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


@dataclass(frozen=True)
class PdfTimes:
    """Seconds for one pass over ``pages`` pages (best of the repeats)."""

    pages: int
    plumber: float  # pdfplumber extract_tables() on every page: the baseline
    tables: float  # our read + grid + header + stitch stages
    full: float | None  # parse_pdf_document (None when not asked for)


def synthetic_pdf(folder: Path, projects: int, font: str = "embedded") -> Path:
    """A synthetic Beijing budget printed by the test PDF generator. ``font="embedded"``
    embeds its font as published files do; ``"cid"`` uses the non-embedded STSong-Light,
    which PDFium cannot measure, so every page goes to pdfplumber."""
    from tests.support.pdfgen import Layout, render_pdf
    from tests.support.synthetic import synthetic_document

    return render_pdf(synthetic_document(seed=11, projects=projects),
                      folder / f"synthetic-{font}.pdf", Layout(font=font))


def readers(path: Path) -> str:
    """Which reader read how many pages, e.g. ``pdfium 29`` or ``pdfplumber (…) 30``."""
    from collections import Counter

    from loader.extract.pdf import read_pdf

    counts = Counter(page.reader for page in read_pdf(path).pages)
    return ", ".join(f"{reader} {n}" for reader, n in counts.most_common())


def time_pdf(path: Path, repeat: int, full: bool = True) -> PdfTimes:
    """Time pdfplumber's extract_tables() and our parse over the same pages, in one run."""
    import pdfplumber

    from loader.extract.pdf import read_pdf
    from loader.parse.pdf import parse_pdf_document
    from loader.parse.pdf_pages import collect_tables
    from loader.parse.pdf_stitch import stitch
    from loader.parse.pdf_template import beijing_template

    with pdfplumber.open(str(path)) as pdf:
        pages = len(pdf.pages)

    def plumber() -> None:
        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                page.close()

    template = beijing_template()

    def tables() -> None:
        collected = collect_tables(read_pdf(path), template)
        for tid, run in collected.tables.items():
            stitch(tid, run.rows, template.tables[tid], template.total_label)

    return PdfTimes(pages, best_of(plumber, repeat), best_of(tables, repeat),
                    best_of(lambda: parse_pdf_document(path), repeat) if full else None)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--projects", type=int, default=40, help="projects in the synthetic budget")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pdf", type=Path, help="benchmark this PDF instead of a synthetic one")
    ap.add_argument("--font", choices=("embedded", "cid"), default="embedded",
                    help="font of the synthetic PDF (default: embedded, as published files)")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        path = args.pdf or synthetic_pdf(Path(tmp), args.projects, args.font)
        t = time_pdf(path, args.repeat, full=args.pdf is None)
        read_by = readers(path)

    pages = t.pages
    print(f"file: {path.name if args.pdf else f'synthetic budget, {args.projects} projects'}, "
          f"{pages} pages, best of {args.repeat}; pages read by {read_by}")
    print(f"pdfplumber extract_tables : {pages / t.plumber:7.1f} pages/s ({t.plumber:.2f} s)")
    print(f"ours, tables stage        : {pages / t.tables:7.1f} pages/s ({t.tables:.2f} s)")
    if t.full is not None:
        print(f"ours, parse_pdf_document  : {pages / t.full:7.1f} pages/s ({t.full:.2f} s)")
    print(f"ratio ours/pdfplumber     : {t.plumber / t.tables:.2f}x (tables stage)"
          + (f", {t.plumber / t.full:.2f}x (full parse)" if t.full is not None else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
