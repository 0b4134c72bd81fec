"""Rectangles of cells, for adapters whose writes cost one call each (Excel over COM,
LibreOffice over UNO): a table of N rows is written in the same number of calls for any N."""

from __future__ import annotations

from typing import Any


def rectangles(cells: dict[tuple[int, int], Any]) -> list[tuple[int, int, list[list[Any]]]]:
    """Cover the cells ``{(row, col): value}`` with as few full rectangles as possible
    without touching any other cell: runs of adjacent columns in a row, stacked while the
    next row has the same run. A table of N rows gives the same number of rectangles
    for any N."""
    by_row: dict[int, list[int]] = {}
    for r, c in cells:
        by_row.setdefault(r, []).append(c)
    open_: dict[tuple[int, int], list[int]] = {}  # (first col, last col) -> [first row, last row]
    done: list[tuple[int, int, int, int]] = []
    for r in sorted(by_row):
        cols = sorted(by_row[r])
        runs, start = [], cols[0]
        for a, b in zip(cols, cols[1:] + [None]):
            if b != a + 1:
                runs.append((start, a))
                start = b
        for run in runs:
            blk = open_.get(run)
            if blk is not None and blk[1] == r - 1:
                blk[1] = r
                continue
            if blk is not None:
                done.append((blk[0], run[0], blk[1], run[1]))
            open_[run] = [r, r]
    done += [(b[0], run[0], b[1], run[1]) for run, b in open_.items()]
    return [(r1, c1, [[cells[(r, c)] for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)])
            for r1, c1, r2, c2 in sorted(done)]
