"""Turn a page's ruling segments into table grids, and a grid's characters into cell text.

Contract:
- ``segments_to_grids(segments) -> list[Grid]``: each connected set of horizontal and
  vertical rules that encloses at least one box is one grid, top to bottom.
- ``Grid.cells``: merged cells, found by the walls that are *missing* between atomic
  boxes (a merged header spans the columns no vertical rule separates).
- ``fill_cells(grid, chars) -> dict[cell index, text]``: the characters whose centre falls in
  a cell, read line by line; wrapped lines are joined with no separator (CJK text wraps
  mid-word, and the template holds no text whose wrap point is a space).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from loader.extract.pdf import Char, Segment

TOL = 1.5  # points: rules closer than this are the same rule (rects and lines both drawn)


@dataclass(frozen=True)
class Cell:
    row0: int  # first atomic row band (0-based), inclusive
    row1: int  # last band, inclusive
    col0: int
    col1: int

    @property
    def rowspan(self) -> int:
        return self.row1 - self.row0 + 1


@dataclass(frozen=True)
class Grid:
    xs: tuple[float, ...]  # column boundaries, left to right
    ys: tuple[float, ...]  # row boundaries, top to bottom
    cells: tuple[Cell, ...]
    owner: tuple[tuple[int, ...], ...]  # owner[row][col] -> index into cells

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]

    def contains(self, x: float, y: float) -> bool:
        return self.xs[0] - TOL <= x <= self.xs[-1] + TOL and self.top - TOL <= y <= self.bottom + TOL


def _cluster(values: list[float]) -> list[float]:
    """Snap nearly equal coordinates together; return the representative of each cluster."""
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= TOL:
            continue
        out.append(v)
    return out


def _merge_collinear(segs: list[Segment]) -> list[Segment]:
    """Join rules on the same line that touch or overlap (cells draw their own edges)."""
    by_pos: dict[float, list[Segment]] = {}
    reps = _cluster([s.pos for s in segs])
    for s in segs:
        rep = reps[max(0, bisect_right(reps, s.pos + TOL) - 1)]
        by_pos.setdefault(rep, []).append(s)
    out: list[Segment] = []
    for pos, group in by_pos.items():
        group.sort(key=lambda s: s.start)
        cur_start, cur_end = group[0].start, group[0].end
        for s in group[1:]:
            if s.start <= cur_end + TOL:
                cur_end = max(cur_end, s.end)
            else:
                out.append(Segment(group[0].orient, pos, cur_start, cur_end))
                cur_start, cur_end = s.start, s.end
        out.append(Segment(group[0].orient, pos, cur_start, cur_end))
    return out


def _components(hs: list[Segment], vs: list[Segment]) -> list[tuple[list[Segment], list[Segment]]]:
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if h.start - TOL <= v.pos <= h.end + TOL and v.start - TOL <= h.pos <= v.end + TOL:
                a, b = find(i), find(len(hs) + j)
                if a != b:
                    parent[a] = b
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    return list(groups.values())


def _rules_at(segs: list[Segment], positions: list[float]) -> list[list[Segment]]:
    """For each grid line position, the rules lying on it (within ``TOL``): ``_covers``
    then looks at a handful of rules instead of every rule of the grid."""
    out: list[list[Segment]] = [[] for _ in positions]
    for s in segs:
        i = bisect_left(positions, s.pos - TOL)
        while i < len(positions) and positions[i] <= s.pos + TOL:
            out[i].append(s)
            i += 1
    return out


def _covers(segs: list[Segment], a: float, b: float) -> bool:
    """Does one of these rules (all on one grid line) run over the middle of the span a..b?"""
    mid_a, mid_b = a + (b - a) * 0.25, b - (b - a) * 0.25
    return any(s.start <= mid_a + TOL and s.end >= mid_b - TOL for s in segs)


def _grid(hs: list[Segment], vs: list[Segment]) -> Grid | None:
    xs, ys = _cluster([v.pos for v in vs]), _cluster([h.pos for h in hs])
    if len(xs) < 2 or len(ys) < 2:
        return None
    nr, nc = len(ys) - 1, len(xs) - 1
    parent = list(range(nr * nc))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    v_at, h_at = _rules_at(vs, xs), _rules_at(hs, ys)
    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and not _covers(v_at[c + 1], ys[r], ys[r + 1]):
                union(r * nc + c, r * nc + c + 1)
            if r + 1 < nr and not _covers(h_at[r + 1], xs[c], xs[c + 1]):
                union(r * nc + c, (r + 1) * nc + c)
    spans: dict[int, list[int]] = {}
    for r in range(nr):
        for c in range(nc):
            root = find(r * nc + c)
            s = spans.setdefault(root, [r, r, c, c])
            s[0], s[1] = min(s[0], r), max(s[1], r)
            s[2], s[3] = min(s[2], c), max(s[3], c)
    index: dict[int, int] = {}
    cells: list[Cell] = []
    for root in sorted(spans, key=lambda k: (spans[k][0], spans[k][2])):
        index[root] = len(cells)
        cells.append(Cell(*spans[root]))
    owner = tuple(tuple(index[find(r * nc + c)] for c in range(nc)) for r in range(nr))
    return Grid(tuple(xs), tuple(ys), tuple(cells), owner)


def segments_to_grids(segments: tuple[Segment, ...] | list[Segment]) -> list[Grid]:
    """Every grid of boxes on a page, top to bottom."""
    hs = _merge_collinear([s for s in segments if s.orient == "h"])
    vs = _merge_collinear([s for s in segments if s.orient == "v"])
    grids = [g for comp in _components(hs, vs) if (g := _grid(*comp)) is not None]
    return sorted(grids, key=lambda g: (g.top, g.xs[0]))


def chars_to_lines(chars: list[Char]) -> list[list[Char]]:
    """Group characters into printed lines (by vertical overlap), each sorted left to right."""
    lines: list[list[Char]] = []
    for ch in sorted(chars, key=lambda c: (c.top, c.x0)):
        if lines:
            last = lines[-1][0]
            height = max(last.bottom - last.top, 1.0)
            if abs(ch.top - last.top) <= height * 0.5:
                lines[-1].append(ch)
                continue
        lines.append([ch])
    for line in lines:
        line.sort(key=lambda c: c.x0)
    return lines


def line_text(line: list[Char]) -> str:
    """A line's text; a visible gap wider than half a glyph is a space the PDF left out."""
    parts: list[str] = []
    prev: Char | None = None
    for ch in line:
        if prev is not None and prev.text != " " and ch.text != " ":
            if ch.x0 - prev.x1 > (prev.bottom - prev.top) * 0.5:
                parts.append(" ")
        parts.append(ch.text)
        prev = ch
    return "".join(parts)


def fill_cells(grid: Grid, chars: list[Char]) -> dict[int, list[Char]]:
    """Assign each character (by its centre) to the merged cell it falls in."""
    out: dict[int, list[Char]] = {}
    xs, ys = grid.xs, grid.ys
    nr, nc = len(ys) - 1, len(xs) - 1
    for ch in chars:
        cx, cy = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        c = bisect_right(xs, cx) - 1
        r = bisect_right(ys, cy) - 1
        if 0 <= r < nr and 0 <= c < nc:
            out.setdefault(grid.owner[r][c], []).append(ch)
    return out


def cell_text(chars: list[Char]) -> str:
    """Text of one cell: its lines joined with no separator, outer blanks removed."""
    return "".join(line_text(line) for line in chars_to_lines(chars)).strip()
