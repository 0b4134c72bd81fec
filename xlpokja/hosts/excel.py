"""The Excel side: button entry points (``RunPython``) and the xlwings adapter.

Only this module imports xlwings. ``xw.Book.caller()`` is called here, at the
entry point, never deeper: the action itself works on the :class:`Book`
protocol and is the same code that runs headless.

The adapter runs on three kinds of xlwings book, told apart once by
:func:`host_of`:

* ``"windows"``: Excel through COM (``RunPython``). ``sheet.api`` / ``book.api`` are COM
  objects: sheet protection is lifted around each write and restored as it was, and the
  template id is read from the workbook's custom document properties.
* ``"mac"``: Excel through AppleScript (appscript); ``RunPython`` is asynchronous there.
  See :class:`_Unprotected` for protection; no document properties (the template is
  recognised by its sheets).
* ``"remote"``: xlwings' remote engine (``xw.Book(json=...)``: its Office.js clients,
  xlwings Lite). The book is the JSON the client sent: no protection state, no document
  properties, and reads never show the script's own writes (they are queued as actions
  for the client), so the adapter keeps an overlay of what it wrote and reads through it.

Every read and write is one bulk call per range, so the number of xlwings calls of one
Hitung does not grow with the number of rows (``bench/xlwings_calls.py`` counts them).
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Sequence
from typing import Any

from xlpokja.core.scales import EXCEL_ERRORS
from xlpokja.core.values import XlError, cell_value
from xlpokja.hosts.grid import equal_length_runs, formulas_by_sheet
from xlpokja.hosts.grid import rectangles as _rectangles
from xlpokja.layout.base import FormulaCell, col_letter, split_ref


def host_of(book: Any) -> str:
    """``"windows"`` (COM), ``"mac"`` (appscript) or ``"remote"`` (a book given as JSON)."""
    try:
        kind = book.app.engine.type
    except Exception:  # noqa: BLE001 - an engine without the notion is not a desktop Excel
        return "remote"
    if kind != "desktop":
        return "remote"
    return "mac" if sys.platform == "darwin" else "windows"


#: strings Excel would not keep as typed when entered as a cell value (formula, number,
#: date, error or boolean): written with Excel's text prefix ``'``, which is not part of
#: the value. (Month-name dates such as "Mar 3" are not caught.)
_NOT_TEXT = re.compile(r"^\s*(?:[=+\-@'#(.\d]|(?:TRUE|FALSE|BENAR|SALAH)\s*$)", re.IGNORECASE)


def _as_entered(v: Any) -> Any:
    if isinstance(v, str) and _NOT_TEXT.match(v):
        return "'" + v
    return v


class _Overlay:
    """What the adapter wrote, for hosts whose reads do not show a script's own writes
    (the remote engine): later reads in the same run see it, as they would in Excel."""

    def __init__(self) -> None:
        self.ops: dict[str, list[tuple[int, int, int, int, list[list[Any]] | None]]] = {}

    def clear(self, sheet: str, r1: int, c1: int, r2: int, c2: int) -> None:
        self.ops.setdefault(sheet, []).append((r1, c1, r2, c2, None))

    def set(self, sheet: str, r1: int, c1: int, rows: list[list[Any]]) -> None:
        rows = [[None if v == "" else v for v in row] for row in rows]
        width = max((len(r) for r in rows), default=0)
        if rows and width:
            self.ops.setdefault(sheet, []).append(
                (r1, c1, r1 + len(rows) - 1, c1 + width - 1, rows))

    def last_row(self, sheet: str) -> int:
        last = 0
        for r1, _c1, _r2, _c2, rows in self.ops.get(sheet, ()):
            for i, row in enumerate(rows or ()):
                if any(v is not None for v in row):
                    last = max(last, r1 + i)
        return last

    def last_col(self, sheet: str, row: int) -> int:
        last = 0
        for r1, c1, r2, _c2, rows in self.ops.get(sheet, ()):
            if rows is not None and r1 <= row <= r2:
                vals = rows[row - r1]
                filled = [j for j, v in enumerate(vals) if v is not None]
                if filled:
                    last = max(last, c1 + filled[-1])
        return last

    def apply(self, sheet: str, r0: int, c0: int, grid: list[list[Any]]) -> None:
        """Overwrite ``grid`` (top-left cell at row r0, column c0) with what was written."""
        if not grid:
            return
        n_rows, n_cols = len(grid), len(grid[0])
        for r1, c1, r2, c2, rows in self.ops.get(sheet, ()):
            for r in range(max(r1, r0), min(r2, r0 + n_rows - 1) + 1):
                for c in range(max(c1, c0), min(c2, c0 + n_cols - 1) + 1):
                    if rows is None:
                        v = None
                    else:
                        row = rows[r - r1]
                        if c - c1 >= len(row):
                            continue
                        v = row[c - c1]
                    grid[r - r0][c - c0] = v


def _cell(v: Any) -> Any:
    """A value xlwings read (errors as their text, ``err_to_str``) as the core receives it:
    error values as :class:`~xlpokja.core.values.XlError`, dates as their serial."""
    if type(v) is str and v in EXCEL_ERRORS:
        return XlError(v)
    return cell_value(v)


class XlwingsBook:
    """:class:`xlpokja.actions.book.Book` over a live ``xlwings.Book`` (see the module docstring
    for the hosts)."""

    stores_values = False  # Excel computes the formulas itself

    def __init__(self, book: Any):
        self.book = book
        self.host = host_of(book)
        # the remote book never shows the script its own writes
        self._overlay = _Overlay() if self.host == "remote" else None
        self._names: dict[str, str] = {}
        self._sheet_objs: dict[str, Any] = {}
        self._shown: dict[str, tuple[int, int, list[list[Any]]]] = {}
        self._sheet_names: list[str] | None = None

    # --------------------------------------------------------------- reading
    def template_id(self) -> str | None:
        """The ``xlpokja_template`` custom document property: Windows only (COM). Elsewhere
        ``None``, and :func:`xlpokja.actions.template_of` recognises the workbook by its
        sheets."""
        if self.host != "windows":
            return None
        try:
            props = self.book.api.CustomDocumentProperties
            return str(props.Item("xlpokja_template").Value)
        except Exception:  # noqa: BLE001 - property absent (removed by another program)
            return None

    def sheet_names(self) -> list[str]:
        """The sheets, read once per adapter (an action adds or renames none)."""
        if self._sheet_names is None:
            self._sheet_names = [s.name for s in self.book.sheets]
        return list(self._sheet_names)

    def _sheet(self, name: str) -> Any:
        sh = self._sheet_objs.get(name)
        if sh is None:
            sh = self._sheet_objs[name] = self.book.sheets[name]
        return sh

    def _last_row(self, sheet: str) -> int:
        last = self._sheet(sheet).used_range.last_cell.row
        if self._overlay is not None:
            last = max(last, self._overlay.last_row(sheet))
        return last

    def read_block(self, sheet: str, first_row: int, n_cols: int) -> list[list[Any]]:
        last = max(self._last_row(sheet), first_row)
        rng = self._sheet(sheet).range((first_row, 1), (last, n_cols))
        rows = [[_cell(v) for v in r] for r in rng.options(ndim=2, err_to_str=True).value]
        if self._overlay is not None:
            self._overlay.apply(sheet, first_row, 1, rows)
        return rows

    def read_row(self, sheet: str, row: int) -> list[Any]:
        sh = self._sheet(sheet)
        last_col = sh.used_range.last_cell.column
        if self._overlay is not None:
            last_col = max(last_col, self._overlay.last_col(sheet, row))
        values = [_cell(v) for v in
                  sh.range((row, 1), (row, last_col)).options(ndim=1, err_to_str=True).value]
        if self._overlay is not None:
            grid = [values]
            self._overlay.apply(sheet, row, 1, grid)
            values = grid[0]
        return values

    def cached(self, sheet: str, row: int, col: int) -> Any:
        """What a cell shows now (Excel keeps formulas current): one read of the sheet's used
        range, for :func:`xlpokja.actions.pairing_problems`."""
        if sheet not in self._shown:
            rng = self._sheet(sheet).used_range
            vals = rng.options(ndim=2, err_to_str=True).value
            self._shown[sheet] = (rng.row, rng.column, [[_cell(v) for v in r] for r in vals])
        r0, c0, grid = self._shown[sheet]
        i, j = row - r0, col - c0
        return grid[i][j] if 0 <= i < len(grid) and 0 <= j < len(grid[i]) else None

    def read_cell(self, sheet: str, ref: str) -> Any:
        value = _cell(self._sheet(sheet).range(ref).options(err_to_str=True).value)
        if self._overlay is not None:
            grid = [[value]]
            self._overlay.apply(sheet, *split_ref(ref), grid)
            value = grid[0][0]
        return value

    def defined_name(self, name: str) -> str | None:
        if name in self._names:
            return self._names[name]
        try:
            return str(self.book.names[name].refers_to).lstrip("=")
        except Exception:  # noqa: BLE001 - no such name
            return None

    # --------------------------------------------------------------- writing
    def set_defined_name(self, name: str, ref: str) -> None:
        """Redefine an existing name (``Name.RefersTo``; the remote clients cannot add a
        name that exists), add it otherwise."""
        try:
            existing = self.book.names[name]
        except Exception:  # noqa: BLE001 - no such name
            existing = None
        if existing is not None:
            existing.refers_to = "=" + ref
        else:
            self.book.names.add(name, "=" + ref)
        if self._overlay is not None:
            self._names[name] = ref

    def _clear(self, sheet: str, r1: int, c1: int, r2: int, c2: int) -> None:
        self._sheet(sheet).range((r1, c1), (r2, c2)).clear_contents()
        if self._overlay is not None:
            self._overlay.clear(sheet, r1, c1, r2, c2)

    def _put(self, sheet: str, r1: int, c1: int, rows: list[list[Any]]) -> None:
        """Values (not formulas) into the rectangle at (r1, c1); ``rows`` is rectangular."""
        self._sheet(sheet).range((r1, c1)).value = [[_as_entered(v) for v in r] for r in rows]
        if self._overlay is not None:
            self._overlay.set(sheet, r1, c1, rows)

    def write_cells(self, cells: Sequence[FormulaCell], values: Sequence[Any] | None,
                    formulas: bool) -> None:
        """Formulas only (Excel computes the values), one write per rectangle of cells."""
        if not formulas or not cells:
            return
        for sheet, grid in formulas_by_sheet(cells, "=").items():
            sh = self._sheet(sheet)
            with _Unprotected(sh, self.host):
                for r, c, block in _rectangles(grid):
                    sh.range((r, c)).formula = block

    def write_rows(self, sheet: str, first_row: int, cells: Sequence[FormulaCell],
                   values: Sequence[Any] | None) -> None:
        """One bulk write of the generated rows' formulas (Excel computes the values)."""
        if not cells:
            return
        sh = self._sheet(sheet)
        rows: dict[int, dict[int, str]] = {}
        for c in cells:
            r, col = split_ref(c.ref)
            rows.setdefault(r, {})[col] = "=" + c.formula
        n_cols = max(max(r) for r in rows.values())
        last = max(rows)
        grid = [[rows.get(r, {}).get(col, "") for col in range(1, n_cols + 1)]
                for r in range(first_row, last + 1)]
        with _Unprotected(sh, self.host):
            self._clear(sheet, first_row, 1, max(self._last_row(sheet), last), n_cols)
            sh.range((first_row, 1)).formula = grid

    def write_table(self, sheet: str, first_row: int, rows: Sequence[Sequence[Any]],
                    n_cols: int) -> None:
        width = max([n_cols, *(len(r) for r in rows)])
        with _Unprotected(self._sheet(sheet), self.host):
            self._clear(sheet, first_row, 1, max(self._last_row(sheet), first_row), width)
            if rows:  # xlwings refuses ragged 2-D lists: pad
                self._put(sheet, first_row, 1,
                          [list(r) + [None] * (width - len(r)) for r in rows])

    def write_value(self, sheet: str, ref: str, value: Any) -> None:
        r, c = split_ref(ref)
        with _Unprotected(self._sheet(sheet), self.host):
            self._put(sheet, r, c, [[value]])

    def write_block(self, sheet: str, first_row: int, first_col: int,
                    rows: Sequence[Sequence[Any]]) -> None:
        """Every other cell stays as it is: rows of a different length (ragged) go in
        separate writes, never padded."""
        runs = equal_length_runs(first_row, rows)
        if not runs:
            return
        with _Unprotected(self._sheet(sheet), self.host):
            for r, block in runs:
                self._put(sheet, r, first_col, block)


#: ``Worksheet.Protection`` properties restored after a write: COM name (also the ``Protect``
#: argument) and AppleScript name (also the ``protect worksheet`` parameter)
_ALLOW = (("AllowFormattingCells", "allow_formatting_cells"),
          ("AllowFormattingColumns", "allow_formatting_columns"),
          ("AllowFormattingRows", "allow_formatting_rows"),
          ("AllowInsertingColumns", "allow_inserting_columns"),
          ("AllowInsertingRows", "allow_inserting_rows"),
          ("AllowInsertingHyperlinks", "allow_inserting_hyperlinks"),
          ("AllowDeletingColumns", "allow_deleting_columns"),
          ("AllowDeletingRows", "allow_deleting_rows"),
          ("AllowSorting", "allow_sorting"), ("AllowFiltering", "allow_filtering"),
          ("AllowUsingPivotTables", "allow_using_pivot_table"))


class _Unprotected:
    """Lift sheet protection (the builder protects sheets without a password) while the
    adapter writes, then restore it with the same settings.

    * Windows (COM): ``ProtectContents``, ``Unprotect``, then ``Protect`` with the sheet's
      own ``ProtectDrawingObjects``, ``ProtectScenarios`` and ``Protection.Allow*``.
    * macOS (appscript): the same through AppleScript's ``protect contents``, ``unprotect``
      and ``protect worksheet``. **Unverified without a Mac.** ``RunPython`` is asynchronous
      there: the sheet stays unprotected only between one write's unprotect and protect; if
      a setting cannot be read, the builder's (formatting rows and columns, sorting and
      filtering allowed) is restored.
    * remote engine: nothing (the client sends no protection state, and xlwings has no
      protect/unprotect action); whether a remote client may write to a protected sheet is
      up to that client.
    """

    def __init__(self, sheet: Any, host: str):
        self.sheet, self.host = sheet, host
        self.restore: dict[str, Any] | None = None

    def __enter__(self) -> None:
        if self.host == "windows":
            api = self.sheet.api
            if api.ProtectContents:
                prot = api.Protection
                self.restore = {"DrawingObjects": bool(api.ProtectDrawingObjects),
                                "Contents": True, "Scenarios": bool(api.ProtectScenarios),
                                **{a: bool(getattr(prot, a)) for a, _ in _ALLOW}}
                api.Unprotect()
        elif self.host == "mac":
            api = self.sheet.api
            if api.protect_contents.get():
                self.restore = {"drawing_objects": False, "worksheet_contents": True,
                                "allow_formatting_columns": True,
                                "allow_formatting_rows": True, "allow_sorting": True,
                                "allow_filtering": True}
                with contextlib.suppress(Exception):  # else keep the builder's settings
                    self.restore["drawing_objects"] = bool(api.protect_drawing_objects.get())
                    prot = api.protection_object
                    for _, a in _ALLOW:
                        self.restore[a] = bool(getattr(prot, a).get())
                api.unprotect()

    def __exit__(self, *exc: object) -> None:
        if self.restore is None:
            return
        if self.host == "windows":
            self.sheet.api.Protect(**self.restore)
        else:
            self.sheet.api.protect_worksheet(**self.restore)


def button(action: str, book: Any = None, **options: Any) -> None:
    """Run one button's action on the calling workbook and tell the user how it went."""
    import xlwings as xw

    from xlpokja import actions
    from xlpokja.core.problems import XlpokjaError

    title = actions.title(action)
    book = book or xw.Book.caller()
    try:
        res = actions.run(XlwingsBook(book), action, **options)
    except XlpokjaError as e:
        book.app.alert(e.message("id"), title=f"xlpokja: {title} gagal")
        return
    report = options.get("report")
    text = actions.outcome(res)
    if report is not None:
        text = report.summary() + "\n\n" + text
    book.app.alert(text, title=f"xlpokja: {title}")


def hitung() -> None:
    """Target of the Hitung button: ``RunPython "import xlpokja.excel as x; x.hitung()"``."""
    button("hitung")


def kunci_bobot() -> None:
    """Target of the Kunci bobot button: records the agreed criteria and weights."""
    import datetime as dt

    button("kunci_bobot", when=dt.datetime.now().replace(microsecond=0))


def buka_kunci() -> None:
    """Target of the Buka kunci button."""
    button("buka_kunci")


def putaran_seri() -> None:
    """Target of the Putaran seri button: a tie round for the tied options only."""
    button("putaran_seri")


__all__ = ["XlwingsBook", "buka_kunci", "col_letter", "hitung", "host_of", "kunci_bobot",
           "putaran_seri"]
