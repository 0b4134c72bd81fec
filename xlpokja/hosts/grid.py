"""Cell geometry the adapters share: rectangles and runs of rows for adapters whose writes
cost one call each (Excel over COM, LibreOffice over UNO: a table of N rows is written in
the same number of calls for any N), and the special cells inside what an action read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def formulas_by_sheet(cells: Sequence[Any], prefix: str = ""
                      ) -> dict[str, dict[tuple[int, int], str]]:
    """The formulas of ``cells`` (:class:`~xlpokja.layout.base.FormulaCell`) per sheet:
    ``{sheet: {(row, col): prefix + formula}}``, for :func:`rectangles`."""
    from xlpokja.layout.base import split_ref

    out: dict[str, dict[tuple[int, int], str]] = {}
    for c in cells:
        out.setdefault(c.sheet, {})[split_ref(c.ref)] = prefix + c.formula
    return out


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


def equal_length_runs(first_row: int,
                      rows: Sequence[Sequence[Any]]) -> list[tuple[int, list[list[Any]]]]:
    """``rows`` (from ``first_row`` down, possibly of different lengths) as runs of
    consecutive rows of one length: ``(first row, rectangle)``, one write each, so that no
    cell right of a shorter row is touched (adapters never pad an input block). Runs of
    empty rows are left out."""
    runs: list[tuple[int, list[list[Any]]]] = []
    for i, row in enumerate(rows):
        if runs and len(runs[-1][1][0]) == len(row):
            runs[-1][1].append(list(row))
        else:
            runs.append((first_row + i, [list(row)]))
    return [(r, block) for r, block in runs if block[0]]


def specials_read(special: dict[str, dict[tuple[int, int], Any]],
                  reads: Sequence[tuple[str, int, int, int, int]],
                  ) -> list[tuple[str, int, int, Any]]:
    """(sheet, row, column, what) of every special cell (``special[sheet][(row, col)]``)
    inside a region read (``(sheet, first row, last row, first col, last col)``), sorted:
    what an adapter's ``specials()`` returns."""
    out = []
    for sheet, sp in special.items():
        regions = [r for r in reads if r[0] == sheet]
        for (r, c), what in sp.items():
            if any(r0 <= r <= r1 and c0 <= c <= c1 for _, r0, r1, c0, c1 in regions):
                out.append((sheet, r, c, what))
    return sorted(out, key=lambda x: (x[0], x[1], x[2]))
