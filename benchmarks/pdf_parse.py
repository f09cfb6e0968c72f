"""Pages per second of the loader's PDF parse against plain pdfplumber ``extract_tables()``.

Usage: ``.venv/bin/python benchmarks/pdf_parse.py [--projects N] [--repeat R] [--pdf FILE]``

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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--projects", type=int, default=40, help="projects in the synthetic budget")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pdf", type=Path, help="benchmark this PDF instead of a synthetic one")
    args = ap.parse_args(argv)

    import pdfplumber

    from loader.extract.pdf import read_pdf
    from loader.parse.pdf import parse_pdf_document
    from loader.parse.pdf_pages import collect_tables
    from loader.parse.pdf_stitch import stitch
    from loader.parse.pdf_template import beijing_template

    with tempfile.TemporaryDirectory() as tmp:
        path = args.pdf
        if path is None:
            from tests.support.pdfgen import render_pdf
            from tests.support.synthetic import synthetic_document

            path = render_pdf(synthetic_document(seed=11, projects=args.projects),
                              Path(tmp) / "synthetic.pdf")
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

        def full() -> None:
            parse_pdf_document(path)

        t_plumber = _best(plumber, args.repeat)
        t_tables = _best(tables, args.repeat)
        t_full = _best(full, args.repeat) if args.pdf is None else None

    print(f"file: {path.name if args.pdf else f'synthetic budget, {args.projects} projects'}, "
          f"{pages} pages, best of {args.repeat}")
    print(f"pdfplumber extract_tables : {pages / t_plumber:7.1f} pages/s ({t_plumber:.2f} s)")
    print(f"ours, tables stage        : {pages / t_tables:7.1f} pages/s ({t_tables:.2f} s)")
    if t_full is not None:
        print(f"ours, parse_pdf_document  : {pages / t_full:7.1f} pages/s ({t_full:.2f} s)")
    print(f"ratio ours/pdfplumber     : {t_plumber / t_tables:.2f}x (tables stage)"
          + (f", {t_plumber / t_full:.2f}x (full parse)" if t_full is not None else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
