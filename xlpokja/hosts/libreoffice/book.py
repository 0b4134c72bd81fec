""":class:`xlpokja.actions.book.Book` over a LibreOffice Calc document (UNO).

The adapter the LibreOffice buttons hand to :mod:`xlpokja.actions`: the same actions as in
Excel and headless, on the document open in Calc. It runs inside LibreOffice's own Python
(the extension built by :mod:`xlpokja.hosts.libreoffice.oxt`) or in any process holding a
UNO reference to the document; it imports no third-party package (LibreOffice's Python on
Windows and macOS has no numpy and no pip).

* **Values** are read a rectangle at a time (``getDataArray``: one call per table, whatever
  its size) and classified as the other adapters do (:mod:`xlpokja.core.values`): an empty
  cell is blank, an error cell (``None`` in the array) is an
  :class:`~xlpokja.core.values.XlError` with Excel's text (``#N/A``, ``#DIV/0!`` …), text
  over 32,767 characters and formulas in input cells are listed by :meth:`UnoBook.specials`
  (decisions.md §4). Calc has no boolean cells (TRUE is the number 1 in Calc's own formulas
  too) and shows dates as their serial number, which is what the core receives.
* **Formulas** are written in LibreOffice's API grammar (:func:`.formula.to_calc`), a
  rectangle per call (``setFormulaArray``); Calc computes them itself
  (``stores_values = False``), once, after the action (automatic calculation is paused while
  it writes).
* **Protection**: the builder protects result sheets without a password; a protected sheet
  refuses array writes, so it is unprotected while written and protected again (Calc keeps
  the sheet's protection options across the two calls).
* **Defined names** are read and written through ``NamedRanges`` (Excel's grammar for the
  core: ``Jawaban!$A$5:$AK$54``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xlpokja.core.problems import show_found
from xlpokja.core.values import MAX_TEXT, Special, XlDate, XlError, cell_value, excel_serial
from xlpokja.hosts.grid import equal_length_runs, formulas_by_sheet, rectangles, specials_read
from xlpokja.hosts.libreoffice.formula import ref_to_excel, row_pattern, to_calc
from xlpokja.layout.base import FormulaCell, split_ref

#: LibreOffice error codes (``XCell.getError``) and the Excel error a person sees for them
#: (LibreOffice writes these when it saves .xlsx)
_ERRORS = {532: "#DIV/0!", 519: "#VALUE!", 524: "#REF!", 525: "#NAME?", 503: "#NUM!",
           32767: "#N/A", 523: "#NUM!", 526: "#NAME?", 504: "#VALUE!", 511: "#VALUE!"}
#: ``com.sun.star.sheet.CellFlags``: VALUE | DATETIME | STRING | FORMULA (contents only;
#: formats, notes and validation stay)
_CONTENTS = 1 | 2 | 4 | 16
_FORMULA = 16  # CellFlags.FORMULA
#: rows of one formula filled down from which Calc's fill is used instead of parsing each
FILL_MIN_ROWS = 4


def _TO_BOTTOM() -> Any:  # noqa: N802 - the UNO constant's name
    import uno

    return uno.Enum("com.sun.star.sheet.FillDirection", "TO_BOTTOM")


def _calc_value(v: Any) -> Any:
    """A value for ``setDataArray``: numbers as float, text as text (never parsed), blank as
    the empty string (the cell becomes empty)."""
    if v is None:
        return ""
    t = type(v)
    if t is str:
        return v
    if t is bool:
        return 1.0 if v else 0.0
    if t is int or t is float or t is XlDate:
        return float(v)
    if hasattr(v, "year") or hasattr(v, "total_seconds"):  # date, datetime, time
        return float(excel_serial(v))
    return str(v)


class UnoBook:
    """The Book protocol over ``doc``, a ``com.sun.star.sheet.SpreadsheetDocument``."""

    stores_values = False  # Calc computes the formulas itself

    def __init__(self, doc: Any):
        self.doc = doc
        self._sheets: dict[str, Any] = {}
        self._names: list[str] | None = None
        self._special: dict[str, dict[tuple[int, int], Any]] = {}
        self._reads: list[tuple[str, int, int, int, int]] = []
        self._shown: dict[str, tuple[int, int, list[list[Any]]]] = {}
        self._protected: dict[str, bool] = {}

    # --------------------------------------------------------------- reading
    def template_id(self) -> str | None:
        """The ``xlpokja_template`` custom document property (Calc keeps it from .xlsx)."""
        try:
            props = self.doc.DocumentProperties.UserDefinedProperties
            return str(props.getPropertyValue("xlpokja_template"))
        except Exception:  # noqa: BLE001 - UnknownPropertyException: stripped by a program
            return None

    def sheet_names(self) -> list[str]:
        if self._names is None:
            self._names = list(self.doc.Sheets.ElementNames)
        return list(self._names)

    def _sheet(self, name: str) -> Any:
        sh = self._sheets.get(name)
        if sh is None:
            sh = self._sheets[name] = self.doc.Sheets.getByName(name)
        return sh

    def _used(self, sheet: str) -> tuple[int, int]:
        """(last row, last column), 1-based, of the sheet's used area (0, 0 when empty)."""
        cur = self._sheet(sheet).createCursor()
        cur.gotoEndOfUsedArea(False)
        a = cur.RangeAddress
        return a.EndRow + 1, a.EndColumn + 1

    def _read(self, sheet: str, r1: int, c1: int, r2: int, c2: int,
              track: bool = True) -> list[list[Any]]:
        """Values of the rectangle (1-based, inclusive), classified; error and long-text
        cells and formulas in it are recorded for :meth:`specials` when ``track``."""
        rng = self._sheet(sheet).getCellRangeByPosition(c1 - 1, r1 - 1, c2 - 1, r2 - 1)
        data = rng.getDataArray()
        special = self._special.setdefault(sheet, {}) if track else {}
        out: list[list[Any]] = []
        for i, row in enumerate(data):
            vals = []
            for j, v in enumerate(row):
                t = type(v)
                if t is float:
                    vals.append(v)
                elif t is str:
                    if not v:
                        vals.append(None)
                    else:
                        vals.append(v)
                        if len(v) > MAX_TEXT and track:
                            special[(r1 + i, c1 + j)] = Special("long_text", "", show_found(v))
                elif v is None:  # an error value
                    err = self._error(sheet, r1 + i, c1 + j)
                    vals.append(err)
                    if track:
                        special[(r1 + i, c1 + j)] = Special("error", "", str(err))
                else:
                    vals.append(cell_value(v))
            out.append(vals)
        if track:
            self._reads.append((sheet, r1, r2, c1, c2))
            self._formulas(sheet, rng, r1, c1, out)
        return out

    def _error(self, sheet: str, row: int, col: int) -> XlError:
        cell = self._sheet(sheet).getCellByPosition(col - 1, row - 1)
        text = cell.getString()
        if text.startswith("#"):
            return XlError(text)
        return XlError(_ERRORS.get(cell.getError(), "#VALUE!"))

    def _formulas(self, sheet: str, rng: Any, r1: int, c1: int, vals: list[list[Any]]) -> None:
        """Formula cells inside a region read: one query, then their formulas (few cells)."""
        found = rng.queryContentCells(_FORMULA)
        special = self._special.setdefault(sheet, {})
        for addr in found.getRangeAddresses():
            part = self._sheet(sheet).getCellRangeByPosition(
                addr.StartColumn, addr.StartRow, addr.EndColumn, addr.EndRow)
            for i, row in enumerate(part.getFormulaArray()):
                for j, f in enumerate(row):
                    r, c = addr.StartRow + 1 + i, addr.StartColumn + 1 + j
                    if (r, c) in special and special[(r, c)].kind == "error":
                        if f.lstrip("=").strip().startswith("#"):
                            continue  # a typed error value (Calc keeps it as a formula)
                        special[(r, c)] = Special("error", f, special[(r, c)].text)
                        continue
                    v = vals[r - r1][c - c1] if 0 <= r - r1 < len(vals) else None
                    special[(r, c)] = Special("formula", f.lstrip("="), show_found(v))

    def specials(self) -> list[tuple[str, int, int, Any]]:
        """(sheet, row, column, :class:`~xlpokja.core.values.Special`) of every error,
        formula and over-long text inside what was read so far."""
        return specials_read(self._special, self._reads)

    def read_block(self, sheet: str, first_row: int, n_cols: int) -> list[list[Any]]:
        last, _ = self._used(sheet)
        if last < first_row:
            return []
        return self._read(sheet, first_row, 1, last, n_cols)

    def read_row(self, sheet: str, row: int) -> list[Any]:
        _, last_col = self._used(sheet)
        if last_col < 1:
            return []
        return self._read(sheet, row, 1, row, last_col)[0]

    def read_cell(self, sheet: str, ref: str) -> Any:
        r, c = split_ref(ref)
        return self._read(sheet, r, c, r, c)[0][0]

    def cached(self, sheet: str, row: int, col: int) -> Any:
        """What a cell shows now (Calc keeps formulas current): one read of the sheet's used
        area, not counted as read (for :func:`xlpokja.actions.pairing_problems`)."""
        if sheet not in self._shown:
            if sheet not in self.sheet_names():
                return None
            last_row, last_col = self._used(sheet)
            grid = self._read(sheet, 1, 1, max(last_row, 1), max(last_col, 1), track=False)
            self._shown[sheet] = (1, 1, grid)
        r0, c0, grid = self._shown[sheet]
        i, j = row - r0, col - c0
        return grid[i][j] if 0 <= i < len(grid) and 0 <= j < len(grid[i]) else None

    def defined_name(self, name: str) -> str | None:
        names = self.doc.NamedRanges
        if not names.hasByName(name):
            return None
        return ref_to_excel(names.getByName(name).getContent())

    # --------------------------------------------------------------- writing
    def set_defined_name(self, name: str, ref: str) -> None:
        content = to_calc(ref)[1:]
        names = self.doc.NamedRanges
        if names.hasByName(name):
            if names.getByName(name).getContent() != content:
                names.getByName(name).setContent(content)
            return
        import uno

        origin = uno.createUnoStruct("com.sun.star.table.CellAddress")
        names.addNewByName(name, content, origin, 0)

    def _writable(self, sheet: str) -> Any:
        """The sheet, unprotected until :meth:`finish` (protected again there)."""
        sh = self._sheet(sheet)
        if sheet not in self._protected:
            self._protected[sheet] = bool(sh.isProtected())
            if self._protected[sheet]:
                sh.unprotect("")
        return sh

    def finish(self) -> None:
        """Protect again every sheet this adapter unprotected. Call it after the action,
        also when the action failed (:func:`xlpokja.hosts.libreoffice.macro.run` does)."""
        for sheet, was in self._protected.items():
            if was:
                self._sheet(sheet).protect("")
        self._protected.clear()

    def _clear(self, sheet: str, r1: int, c1: int, r2: int, c2: int) -> None:
        if r2 >= r1 and c2 >= c1:
            self._writable(sheet).getCellRangeByPosition(
                c1 - 1, r1 - 1, c2 - 1, r2 - 1).clearContents(_CONTENTS)

    def _put(self, sheet: str, r1: int, c1: int, rows: Sequence[Sequence[Any]]) -> None:
        """Values into the rectangle at (r1, c1); ``rows`` is rectangular."""
        if not rows or not rows[0]:
            return
        sh = self._writable(sheet)
        rng = sh.getCellRangeByPosition(c1 - 1, r1 - 1, c1 + len(rows[0]) - 2, r1 + len(rows) - 2)
        rng.setDataArray(tuple(tuple(_calc_value(v) for v in r) for r in rows))

    def _put_formulas(self, sheet: str, r1: int, c1: int, rows: Sequence[Sequence[str]]) -> None:
        """Formulas (Excel grammar, ``""`` = leave empty) into the rectangle at (r1, c1).

        Rows that hold the same formulas filled down (:func:`.formula.row_pattern`: the
        generated rows of ``Status``, one per respondent) are written as their first row and
        Calc's own fill (``fillAuto``); the rest in one ``setFormulaArray`` per run of rows.
        Calc parses formulas of one ``setFormulaArray`` in time growing faster than their
        number (50,000 took 46 s), a fill of the same 50,000 took 0.2 s."""
        sh = self._writable(sheet)
        width = len(rows[0])
        pats = [tuple(row_pattern(f, r1 + i) if f else "" for f in row)
                for i, row in enumerate(rows)]

        def array(i: int, j: int) -> None:  # rows i..j-1 parsed one by one
            if j > i:
                sh.getCellRangeByPosition(c1 - 1, r1 - 1 + i, c1 + width - 2, r1 - 2 + j) \
                    .setFormulaArray(tuple(tuple(to_calc(f) if f else "" for f in rows[k])
                                           for k in range(i, j)))

        start = i = 0
        while i < len(rows):
            j = i + 1
            while j < len(rows) and pats[j] == pats[i]:
                j += 1
            if j - i >= FILL_MIN_ROWS:
                array(start, i)
                array(i, i + 1)
                sh.getCellRangeByPosition(c1 - 1, r1 - 1 + i, c1 + width - 2, r1 - 2 + j) \
                    .fillAuto(_TO_BOTTOM(), 1)
                start = j
            i = j
        array(start, len(rows))

    def write_cells(self, cells: Sequence[FormulaCell], values: Sequence[Any] | None,
                    formulas: bool) -> None:
        """Formulas only (Calc computes the values), one write per rectangle of cells."""
        if not formulas or not cells:
            return
        for sheet, grid in formulas_by_sheet(cells).items():
            for r, c, block in rectangles(grid):
                self._put_formulas(sheet, r, c, block)

    def write_rows(self, sheet: str, first_row: int, cells: Sequence[FormulaCell],
                   values: Sequence[Any] | None) -> None:
        """Every row from ``first_row`` down replaced by the generated rows' formulas."""
        rows: dict[int, dict[int, str]] = {}
        for c in cells:
            r, col = split_ref(c.ref)
            rows.setdefault(r, {})[col] = c.formula
        last_used, used_cols = self._used(sheet)
        n_cols = max([max(r) for r in rows.values()] or [0])
        self._clear(sheet, first_row, 1, max(last_used, first_row), max(n_cols, used_cols))
        if not rows:
            return
        last = max(rows)
        grid = [[rows.get(r, {}).get(col, "") for col in range(1, n_cols + 1)]
                for r in range(first_row, last + 1)]
        self._put_formulas(sheet, first_row, 1, grid)

    def write_table(self, sheet: str, first_row: int, rows: Sequence[Sequence[Any]],
                    n_cols: int) -> None:
        width = max([n_cols, *(len(r) for r in rows)])
        last_used, _ = self._used(sheet)
        self._clear(sheet, first_row, 1, max(last_used, first_row), width)
        if rows:
            self._put(sheet, first_row, 1, [list(r) + [None] * (width - len(r)) for r in rows])

    def write_value(self, sheet: str, ref: str, value: Any) -> None:
        r, c = split_ref(ref)
        self._put(sheet, r, c, [[value]])

    def write_block(self, sheet: str, first_row: int, first_col: int,
                    rows: Sequence[Sequence[Any]]) -> None:
        """Every other cell stays as it is: rows of a different length go in separate
        writes, never padded."""
        for r, block in equal_length_runs(first_row, rows):
            self._put(sheet, r, first_col, block)
        for i, row in enumerate(rows):  # the Hitung that follows reads what was written
            for j, v in enumerate(row):
                self._special.get(sheet, {}).pop((first_row + i, first_col + j), None)

