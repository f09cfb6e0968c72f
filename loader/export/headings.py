"""The printed heading of a table, from its column paths (``本年收入/事业收入``).

Each path is one leaf of the heading tree; a parent label spans the consecutive columns that
share it, and a leaf shallower than the tree is printed down to the last heading row.
``heading_grid(paths)`` -> (rows, merges): ``rows[level][column]`` is the label printed at
that cell (None inside a merged range), ``merges`` the (first_row, first_col, last_row,
last_col) ranges, 0-based, each spanning more than one cell.
"""

from __future__ import annotations


def heading_grid(paths: list[str]) -> tuple[list[list[str | None]], list[tuple[int, int, int, int]]]:
    parts = [p.split("/") for p in paths]
    depth = max(len(p) for p in parts)
    rows: list[list[str | None]] = [[None] * len(paths) for _ in range(depth)]
    merges: list[tuple[int, int, int, int]] = []
    for level in range(depth):
        col = 0
        while col < len(paths):
            p = parts[col]
            if level >= len(p):
                col += 1  # inside the vertical merge of a shallower leaf
                continue
            prefix = p[: level + 1]
            end = col
            while end + 1 < len(paths) and parts[end + 1][: level + 1] == prefix \
                    and len(parts[end + 1]) > level:
                end += 1
            leaf = level == len(p) - 1 and end == col
            last_row = depth - 1 if leaf else level
            rows[level][col] = p[level]
            if end > col or last_row > level:
                merges.append((level, col, last_row, end))
            col = end + 1
    return rows, merges
