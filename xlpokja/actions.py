"""Button actions, written once for every adapter (Excel or headless)."""

from __future__ import annotations

import re
from typing import Any

from .book import Book
from .core.problems import Problem, XlpokjaError
from .layout.base import col_letter
from .templates import TEMPLATES
from .templates import penilaian_diri as pd


def template_of(book: Book) -> Any:
    tid = book.template_id()
    if tid in TEMPLATES:
        return TEMPLATES[tid]
    names = book.sheet_names()
    if tid is None and all(s in names for s in pd.REQUIRED_SHEETS):
        return pd  # properties stripped by another program: recognise by its sheets
    raise XlpokjaError([Problem("TEMPLATE_TIDAK_DIKENAL", "", "",
                                ", ".join(TEMPLATES), repr(tid) if tid else "tanpa penanda")])


def _extent_rows(ref: str | None) -> int:
    m = re.search(r"\$?[A-Z]+\$?(\d+):\$?[A-Z]+\$?(\d+)\s*$", ref or "")
    if not m:
        return pd.ANSWERS.min_rows
    return max(1, int(m.group(2)) - int(m.group(1)) + 1)


def read(book: Book) -> tuple[pd.Result, int, int]:
    """Read and compute, writing nothing: (result, rows needed, rows formatted now)."""
    template_of(book)
    pd.check_sheets(book.sheet_names())
    t = pd.ANSWERS
    n_cur = _extent_rows(book.defined_name(pd.EXTENT_NAME))
    block = book.read_block(t.sheet, t.header_row, pd.COL_LAST_ITEM)
    header = book.read_row(t.sheet, t.header_row)
    extra = [(f"{col_letter(c + 1)}{t.header_row}", v) for c, v in enumerate(header)
             if c + 1 > pd.COL_LAST_ITEM and v not in (None, "")]
    table = pd.read_table(block, n_rows=n_cur, extra_headers=extra)
    n_rows = max(n_cur, table.n_data_rows)
    if n_rows > n_cur:
        table = pd.read_table(block, n_rows=n_rows, extra_headers=extra)
    fields = {k: book.read_cell(pd.RINGKASAN, ref) for k, _, ref in pd.RES_FIELDS}
    res = pd.compute(table, book.read_cell(pd.POLICY.sheet, pd.POLICY.ref), fields)
    return res, n_rows, n_cur


def hitung(book: Book) -> pd.Result:
    """The Hitung button: validate, list problems, extend the table, refresh results."""
    res, n_rows, n_cur = read(book)
    cells = pd.formula_cells(n_rows)
    grew = n_rows > n_cur
    if grew:
        book.set_defined_name(pd.EXTENT_NAME, pd.extent_ref(n_rows))
    values = [c.value(res) for c in cells] if book.stores_values else None
    for sheet, first_row in pd.GENERATED.items():
        idx = [i for i, c in enumerate(cells) if c.sheet == sheet]
        book.write_rows(sheet, first_row, [cells[i] for i in idx],
                        None if values is None else [values[i] for i in idx])
    rest = [i for i, c in enumerate(cells) if c.sheet not in pd.GENERATED]
    book.write_cells([cells[i] for i in rest],
                     None if values is None else [values[i] for i in rest], formulas=grew)
    rows = [[i, p.sheet, p.cell, p.code, "galat" if p.severity == "error" else "peringatan",
             p.expected, p.found, p.message()] for i, p in enumerate(res.problems, start=1)]
    book.write_table(pd.MASALAH, pd.MASALAH_FIRST_ROW, rows, len(pd.MASALAH_HEADERS))
    book.write_value(pd.MASALAH, pd.MASALAH_COUNT_CELL, len(rows))
    return res
