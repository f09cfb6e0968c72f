"""Grids from ruling segments: merged cells are the boxes no rule separates."""

from __future__ import annotations

from loader.extract.pdf import Char, Segment
from loader.parse.pdf_grid import cell_text, fill_cells, segments_to_grids


def _box_rules(xs, ys, missing=()):
    """Rules of a full grid, minus the listed ("v"|"h", index, band) pieces."""
    segs = []
    for i, x in enumerate(xs):
        for b in range(len(ys) - 1):
            if ("v", i, b) not in missing:
                segs.append(Segment("v", x, ys[b], ys[b + 1]))
    for j, y in enumerate(ys):
        for b in range(len(xs) - 1):
            if ("h", j, b) not in missing:
                segs.append(Segment("h", y, xs[b], xs[b + 1]))
    return segs


def test_merged_header_and_rowspan_cells():
    xs, ys = [0, 50, 100, 150], [0, 20, 40, 60]
    # Row band 0: columns 1-2 merged (no rule at x=100); column 0 spans bands 0-1.
    segs = _box_rules(xs, ys, missing={("v", 2, 0), ("h", 1, 0)})
    (grid,) = segments_to_grids(segs)
    spans = {(c.row0, c.row1, c.col0, c.col1) for c in grid.cells}
    assert (0, 1, 0, 0) in spans and (0, 0, 1, 2) in spans
    assert (1, 1, 1, 1) in spans and (2, 2, 2, 2) in spans
    assert len(grid.cells) == 3 * 3 - 2


def test_rules_drawn_twice_or_with_a_gap_are_one_rule():
    xs, ys = [0, 60, 120], [0, 30, 60]
    segs = _box_rules(xs, ys) + _box_rules([0.4, 60.5, 120.3], [0.2, 30.4, 59.8])
    (grid,) = segments_to_grids(segs)
    assert len(grid.xs) == 3 and len(grid.ys) == 3 and len(grid.cells) == 4


def test_two_tables_on_a_page_are_two_grids():
    segs = _box_rules([0, 50, 100], [0, 20, 40]) + _box_rules([0, 80], [100, 120, 140])
    grids = segments_to_grids(segs)
    assert [len(g.cells) for g in grids] == [4, 2]
    assert grids[0].top < grids[1].top


def test_wrapped_cell_text_joins_without_separator():
    (grid,) = segments_to_grids(_box_rules([0, 40], [0, 40]))
    chars = [Char(t, 2 + 8 * i, 10 + 8 * i, 2, 10) for i, t in enumerate("按照相关")] + \
            [Char(t, 2 + 8 * i, 10 + 8 * i, 12, 20) for i, t in enumerate("工作")]
    (cell_chars,) = fill_cells(grid, chars).values()
    assert cell_text(cell_chars) == "按照相关工作"
