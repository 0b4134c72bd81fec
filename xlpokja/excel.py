"""The Excel side: button entry points (``RunPython``) and the xlwings adapter.

Only this module imports xlwings. ``xw.Book.caller()`` is called here, at the
entry point, never deeper: the action itself works on the :class:`Book`
protocol and is the same code that runs headless.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .layout.base import FormulaCell, col_letter, split_ref


class XlwingsBook:
    """:class:`xlpokja.book.Book` over a live ``xlwings.Book``."""

    stores_values = False  # Excel computes the formulas itself

    def __init__(self, book: Any):
        self.book = book

    def template_id(self) -> str | None:
        try:
            props = self.book.api.CustomDocumentProperties
            return str(props.Item("xlpokja_template").Value)
        except Exception:  # noqa: BLE001 - absent property or non-Windows API
            return None

    def sheet_names(self) -> list[str]:
        return [s.name for s in self.book.sheets]

    def read_block(self, sheet: str, first_row: int, n_cols: int) -> list[list[Any]]:
        sh = self.book.sheets[sheet]
        last = sh.used_range.last_cell.row
        rng = sh.range((first_row, 1), (max(last, first_row), n_cols))
        return rng.options(ndim=2).value

    def read_row(self, sheet: str, row: int) -> list[Any]:
        sh = self.book.sheets[sheet]
        last_col = sh.used_range.last_cell.column
        return sh.range((row, 1), (row, last_col)).options(ndim=1).value

    def read_cell(self, sheet: str, ref: str) -> Any:
        return self.book.sheets[sheet].range(ref).value

    def defined_name(self, name: str) -> str | None:
        try:
            return str(self.book.names[name].refers_to).lstrip("=")
        except Exception:  # noqa: BLE001
            return None

    def set_defined_name(self, name: str, ref: str) -> None:
        self.book.names.add(name, "=" + ref)

    def write_cells(self, cells: Sequence[FormulaCell], values: Sequence[Any] | None,
                    formulas: bool) -> None:
        if not formulas:
            return
        for sheet in {c.sheet for c in cells}:
            sh = self.book.sheets[sheet]
            with _unprotected(sh):
                for c in cells:
                    if c.sheet == sheet:
                        sh.range(c.ref).formula = "=" + c.formula

    def write_rows(self, sheet: str, first_row: int, cells: Sequence[FormulaCell],
                   values: Sequence[Any] | None) -> None:
        """One bulk write of the generated rows' formulas (Excel computes the values)."""
        sh = self.book.sheets[sheet]
        if not cells:
            return
        rows: dict[int, dict[int, str]] = {}
        for c in cells:
            r, col = split_ref(c.ref)
            rows.setdefault(r, {})[col] = "=" + c.formula
        n_cols = max(max(r) for r in rows.values())
        last = max(rows)
        grid = [[rows.get(r, {}).get(col, "") for col in range(1, n_cols + 1)]
                for r in range(first_row, last + 1)]
        with _unprotected(sh):
            end = max(sh.used_range.last_cell.row, last)
            sh.range((first_row, 1), (end, n_cols)).clear_contents()
            sh.range((first_row, 1)).formula = grid

    def write_table(self, sheet: str, first_row: int, rows: Sequence[Sequence[Any]],
                    n_cols: int) -> None:
        sh = self.book.sheets[sheet]
        with _unprotected(sh):
            last = max(sh.used_range.last_cell.row, first_row)
            sh.range((first_row, 1), (last, n_cols)).clear_contents()
            if rows:
                sh.range((first_row, 1)).value = [list(r) for r in rows]

    def write_value(self, sheet: str, ref: str, value: Any) -> None:
        sh = self.book.sheets[sheet]
        with _unprotected(sh):
            sh.range(ref).value = value


    def write_block(self, sheet: str, first_row: int, first_col: int,
                    rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        sh = self.book.sheets[sheet]
        with _unprotected(sh):
            sh.range((first_row, first_col)).value = [list(r) for r in rows]


class _unprotected:
    """Lift sheet protection (no password) while Hitung writes, then restore it."""

    def __init__(self, sheet: Any):
        self.sheet = sheet

    def __enter__(self) -> None:
        self.was = bool(self.sheet.api.ProtectContents)
        if self.was:
            self.sheet.api.Unprotect()

    def __exit__(self, *exc: object) -> None:
        if self.was:
            self.sheet.api.Protect(DrawingObjects=True, Contents=True,
                                   UserInterfaceOnly=False, AllowFormattingColumns=True,
                                   AllowFormattingRows=True, AllowSorting=True,
                                   AllowFiltering=True)


def _button(action: str, **options: Any) -> None:
    """Run one button's action on the calling workbook and tell the user how it went."""
    import xlwings as xw

    from . import actions
    from .core.problems import XlpokjaError

    title = "Hitung" if action == "hitung" else actions.ACTIONS[action]
    book = xw.Book.caller()
    try:
        res = actions.run(XlwingsBook(book), action, **options)
    except XlpokjaError as e:
        book.app.alert(e.message("id"), title=f"xlpokja: {title} gagal")
        return
    n = len(res.problems)
    msg = ("Selesai. Tidak ada masalah input." if not n else
           f"Selesai dengan {n} masalah input: lihat sheet Masalah. Isian yang bermasalah "
           f"tidak dihitung.")
    book.app.alert(msg, title=f"xlpokja: {title}")


def hitung() -> None:
    """Target of the Hitung button: ``RunPython "import xlpokja.excel as x; x.hitung()"``."""
    _button("hitung")


def kunci_bobot() -> None:
    """Target of the Kunci bobot button: records the agreed criteria and weights."""
    import datetime as dt

    _button("kunci_bobot", when=dt.datetime.now().replace(microsecond=0))


def buka_kunci() -> None:
    """Target of the Buka kunci button."""
    _button("buka_kunci")


def putaran_seri() -> None:
    """Target of the Putaran seri button: a tie round for the tied options only."""
    _button("putaran_seri")


__all__ = ["XlwingsBook", "buka_kunci", "col_letter", "hitung", "kunci_bobot", "putaran_seri"]
