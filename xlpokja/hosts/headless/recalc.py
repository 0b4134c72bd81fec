"""``xlpokja recalc``: the Hitung action and every computed value, without Excel.

The workbook is read through the published layout (python-calamine for the
cell values), computed by the core, and written back into a copy whose VBA,
buttons, charts, styles and validation are kept byte for byte; only the
computed cells' cached values (and, when the table grew, their formulas) change.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from xlpokja import actions
from xlpokja.core.problems import Problem, XlpokjaError, show_found
from xlpokja.core.values import MAX_TEXT, Special, XlDate, XlError, cell_value
from xlpokja.hosts.grid import specials_read
from xlpokja.hosts.headless import buttons
from xlpokja.hosts.headless.cells import count_rows, scan
from xlpokja.hosts.headless.package import Package, SheetXml, refuse_non_package
from xlpokja.hosts.headless.package_check import as_warnings, check_package
from xlpokja.layout.base import FormulaCell, col_letter, split_ref

#: rows a sheet read by an action may have (a Pokja has 15–30 members; 25,000 respondents
#: recalculate in about 6 s and 300 MB, measured in bench/penilaian_diri.py)
MAX_SHEET_ROWS = 30_000


class PackageBook:
    """:class:`xlpokja.actions.book.Book` over a workbook file, for headless runs.

    Values come from python-calamine, each as :func:`xlpokja.core.values.cell_value` gives
    it; what calamine cannot tell (error values, which it reads as blank; formulas, with or
    without a stored result) comes from :func:`xlpokja.hosts.headless.cells.scan` of the
    sheet's XML and is listed by :meth:`specials` for the cells an action read."""

    stores_values = True

    def __init__(self, path: Path):
        self.path = Path(path)
        self.pkg = Package(self.path)
        self._sheets: dict[str, SheetXml] = {}
        self._values: dict[str, list[list[Any]]] = {}
        self._special: dict[str, dict[tuple[int, int], Special]] = {}
        self._reads: list[tuple[str, int, int, int, int]] = []  # sheet, rows, columns read
        self._calamine: Any = None

    # --------------------------------------------------------------- reading
    def template_id(self) -> str | None:
        return self.pkg.custom_property("xlpokja_template")

    def sheet_names(self) -> list[str]:
        return self.pkg.sheet_names

    def _grid(self, sheet: str) -> list[list[Any]]:
        if sheet not in self._values:
            import python_calamine

            if self._calamine is None:
                try:
                    self._calamine = python_calamine.CalamineWorkbook.from_path(str(self.path))
                except Exception as e:  # calamine raises its own error types
                    raise XlpokjaError([Problem("BERKAS_RUSAK", self.path.name, "",
                                                ".xlsx/.xlsm", str(e))]) from None
            data = self.pkg.parts.get(self.pkg.sheet_paths.get(sheet, ""), b"")
            rows = count_rows(data)
            if rows > MAX_SHEET_ROWS:  # refused at once, before the values take memory
                raise XlpokjaError([Problem("BATAS_BARIS", sheet, "",
                                            f"paling banyak {MAX_SHEET_ROWS:,} baris".replace(
                                                ",", "."), f"{rows:,} baris".replace(",", "."))])
            try:
                raw = self._calamine.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
            except Exception as e:
                raise XlpokjaError([Problem("BERKAS_RUSAK", sheet, "", "sheet yang terbaca",
                                            str(e))]) from None
            special = scan(data)
            grid = [[cell_value(v) for v in row] for row in raw]
            for r, row in enumerate(grid, 1):  # numbers no spreadsheet holds, dates
                for c, v in enumerate(row, 1):
                    t = type(v)
                    if t is XlError and (r, c) not in special:
                        special[(r, c)] = Special("number", "", show_found(raw[r - 1][c - 1]))
                    elif t is XlDate and (r, c) not in special:
                        special[(r, c)] = Special("date", "", show_found(v))
                    elif t is str and len(v) > MAX_TEXT and (r, c) not in special:
                        special[(r, c)] = Special("long_text", "", show_found(v))
            for (r, c), sp in special.items():
                if sp.kind in ("error", "formula_novalue"):
                    while len(grid) < r:
                        grid.append([])
                    row = grid[r - 1]
                    if len(row) < c:
                        row.extend([None] * (c - len(row)))
                    row[c - 1] = XlError(sp.text or "#N/A") if sp.kind == "error" else None
            self._values[sheet] = grid
            self._special[sheet] = special
        return self._values[sheet]

    def source_grid(self, sheet: str) -> list[list[Any]]:
        """Every cell of ``sheet`` as a source of Gabung reads it (a copy): as :meth:`_grid`,
        but a formula without a stored result is its formula text (``=1+2``) instead of
        blank, so that it is named and carried, never dropped."""
        grid = [list(r) for r in self._grid(sheet)]
        for (r, c), sp in self._special.get(sheet, {}).items():
            if sp.kind == "formula_novalue" and r <= len(grid) and c <= len(grid[r - 1]):
                grid[r - 1][c - 1] = "=" + sp.formula
        return grid

    def specials(self) -> list[tuple[str, int, int, Special]]:
        """(sheet, row, column, what) of every special cell inside what was read so far."""
        return specials_read(self._special, self._reads)

    def cached(self, sheet: str, row: int, col: int) -> Any:
        """The value a cell holds in the file (a formula's stored result), not counted as
        read (for :func:`xlpokja.actions.pairing_problems`)."""
        if sheet not in self.pkg.sheet_paths:
            return None
        grid = self._grid(sheet)
        if row > len(grid) or col > len(grid[row - 1]):
            return None
        return grid[row - 1][col - 1]

    def read_block(self, sheet: str, first_row: int, n_cols: int) -> list[list[Any]]:
        grid = self._grid(sheet)
        self._reads.append((sheet, first_row, 1 << 30, 1, n_cols))
        out = []
        for row in grid[first_row - 1:]:
            r = row[:n_cols]
            if len(r) < n_cols:
                r = r + [None] * (n_cols - len(r))
            out.append(r)
        return out

    def read_row(self, sheet: str, row: int) -> list[Any]:
        grid = self._grid(sheet)
        self._reads.append((sheet, row, row, 1, 1 << 30))
        return list(grid[row - 1]) if row <= len(grid) else []

    def read_cell(self, sheet: str, ref: str) -> Any:
        r, c = split_ref(ref)
        grid = self._grid(sheet)
        self._reads.append((sheet, r, r, c, c))
        if r > len(grid) or c > len(grid[r - 1]):
            return None
        return grid[r - 1][c - 1]

    def defined_name(self, name: str) -> str | None:
        return self.pkg.defined_name(name)

    # --------------------------------------------------------------- writing
    def _sheet(self, name: str) -> SheetXml:
        if name not in self._sheets:
            self._sheets[name] = self.pkg.sheet(name)
        return self._sheets[name]

    def set_defined_name(self, name: str, ref: str) -> None:
        self.pkg.set_defined_name(name, ref)

    def write_cells(self, cells: Sequence[FormulaCell], values: Sequence[Any] | None,
                    formulas: bool) -> None:
        for i, cell in enumerate(cells):
            self._sheet(cell.sheet).set(cell.ref, None if values is None else values[i],
                                        cell.formula if formulas else None)

    def write_rows(self, sheet: str, first_row: int, cells: Sequence[FormulaCell],
                   values: Sequence[Any] | None) -> None:
        if sheet in self._sheets:  # already open as a tree: edit it there
            sh = self._sheets[sheet]
            sh.delete_rows_from(first_row)
            for i, c in enumerate(cells):
                sh.set(c.ref, None if values is None else values[i], c.formula)
            return
        self.pkg.replace_rows(sheet, first_row,
                              [(c.ref, c.formula, None if values is None else values[i])
                               for i, c in enumerate(cells)])

    def write_table(self, sheet: str, first_row: int, rows: Sequence[Sequence[Any]],
                    n_cols: int) -> None:
        sh = self._sheet(sheet)
        styles = sh.styles_from(first_row)  # a fixed layout keeps its formats (as in Excel)
        sh.delete_rows_from(first_row)
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                sh.set(f"{col_letter(j + 1)}{first_row + i}", v, keep_formula=False,
                       style=styles.get((first_row + i, j + 1)))

    def write_value(self, sheet: str, ref: str, value: Any) -> None:
        self._sheet(sheet).set(ref, value, keep_formula=False)
        if sheet in self._values:
            self._poke(sheet, *split_ref(ref), value)

    def write_block(self, sheet: str, first_row: int, first_col: int,
                    rows: Sequence[Sequence[Any]]) -> None:
        sh = self._sheet(sheet)
        for i, row in enumerate(rows):
            sh.put_row(first_row + i, first_col, row)
            for j, v in enumerate(row):
                self._poke(sheet, first_row + i, first_col + j, v)

    def _poke(self, sheet: str, row: int, col: int, value: Any) -> None:
        """Keep the read cache in step with an input written by an action, so that the
        Hitung that follows reads what the action wrote (as it would in Excel)."""
        grid = self._grid(sheet)
        while len(grid) < row:
            grid.append([])
        r = grid[row - 1]
        if len(r) < col:
            r.extend([None] * (col - len(r)))
        r[col - 1] = value
        self._special.get(sheet, {}).pop((row, col), None)  # typed over: a value now

    def save(self, out: Path) -> None:
        self.pkg.save(out)


def recalc_file(src: Path, out: Path, *, in_place: bool = False, backup: bool = True,
                fixed_time: bool = False, action: str = "hitung", **options: Any) -> Any:
    """Run Hitung headlessly on ``src`` and write the result to ``out``.

    ``src`` is never modified unless ``out`` is ``src`` (``--in-place``); then a
    backup ``<name>.bak<suffix>`` is kept and the file is replaced atomically.
    Nothing is written when reading fails. The output is a package Excel opens as it
    is (content type of its extension, cells in order, one print-titles name per
    sheet) with the template's buttons, rebuilt when a program had damaged them
    (``res.buttons_rebuilt`` says why), and keeps the input's permission bits. What Excel
    would still refuse or repair in the parts written (:func:`check_package`) is listed in
    ``res.package_warnings``; nothing is refused for it.
    """
    src, out = Path(src), Path(out)
    same = out.resolve() == src.resolve() or (
        out.exists() and src.exists() and os.path.samefile(out, src))
    if same and not in_place and not _device(out):
        raise XlpokjaError([Problem("KELUARAN_SAMA_DENGAN_MASUKAN", out.name, "",
                                    "berkas lain, atau --in-place", str(out))])
    _writable(src, out, same)
    refuse_non_package(src)  # before the lock: opening a pipe would wait for a writer
    with _locked(src, exclusive=same):
        return _recalc(src, out, same, backup, fixed_time, action, options)


def _recalc(src: Path, out: Path, same: bool, backup: bool, fixed_time: bool, action: str,
            options: dict[str, Any]) -> Any:
    book = PackageBook(src)
    if ("xl/vbaProject.bin" in book.pkg.parts and out.suffix.lower() not in MACRO_SUFFIXES
            and not _device(out)):
        raise XlpokjaError([Problem("KELUARAN_TANPA_MAKRO", out.name, "", "berkas .xlsm",
                                    out.suffix or "tanpa akhiran")])
    res = actions.run(book, action, **options)
    res.template = actions.template_of(book)
    res.buttons_rebuilt = buttons.ensure(book.pkg, res.template.BUTTONS)
    pkg = book.pkg
    if fixed_time:  # a build: the same bytes every time (openpyxl stamps the time it saves)
        _modified_as_created(pkg)
    pkg.normalise(out.suffix)
    # the parts this run wrote, less the sheets streamed in order with clipped texts
    parts = (pkg.changed() - pkg.streamed) | WORKBOOK_LEVEL
    res.package_warnings = as_warnings(check_package(pkg, parts=parts, extension=out.suffix))
    try:
        res.backup = None
        if same and backup and not fixed_time:
            bak = src.with_name(src.stem + ".bak" + src.suffix)
            if not bak.exists():  # kept once: a second --in-place keeps the first original
                shutil.copy2(src, bak)
            res.backup = bak.name
        pkg.save(out, mode=stat.S_IMODE(os.stat(src).st_mode) & 0o777)
    except OSError as e:
        raise XlpokjaError([Problem("KELUARAN_TIDAK_DAPAT_DITULIS", out.name, "",
                                    str(out.parent), e.strerror or str(e))]) from None
    return res


MACRO_SUFFIXES = (".xlsm", ".xltm")


@contextlib.contextmanager
def _locked(src: Path, exclusive: bool) -> Iterator[None]:
    """Serialise runs on one workbook: ``--in-place`` holds an exclusive lock on the input
    for the whole run, any other run a shared one; a run that cannot get its lock at once is
    refused (``BERKAS_SEDANG_DIPROSES``) instead of reading a file being replaced. Where the
    system has no ``fcntl`` (Windows) runs are not serialised."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    try:
        fh = open(src, "rb")  # noqa: SIM115 - held for the whole run
    except OSError:
        yield  # the reader reports what is wrong with the input
        return
    try:
        try:
            fcntl.flock(fh, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except OSError:
            raise XlpokjaError([Problem("BERKAS_SEDANG_DIPROSES", src.name, "",
                                        "tidak ada proses lain", "xlpokja lain sedang "
                                        "mengubah berkas ini")]) from None
        yield
    finally:
        fh.close()


def _modified_as_created(pkg: Package) -> None:
    core = "docProps/core.xml"
    data = pkg.parts.get(core, b"")
    created = re.search(rb"<dcterms:created[^>]*>([^<]*)<", data)
    if created:
        pkg.parts[core] = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*",
                                 lambda m: m.group(1) + created.group(1), data)


def _device(out: Path) -> bool:
    return out.exists() and stat.S_ISCHR(os.stat(out).st_mode)


def _writable(src: Path, out: Path, same: bool) -> None:
    """Refuse, before any work, an output that cannot be written: a missing or read-only
    folder, something that is neither a file nor a device (a folder, a pipe), or
    (``--in-place``) a read-only input."""
    if _device(out):
        return
    if out.exists() and not out.is_file():
        raise XlpokjaError([Problem("KELUARAN_TIDAK_DAPAT_DITULIS", out.name, "",
                                    str(out), "bukan berkas biasa")])
    folder = out.resolve().parent
    why = ("folder tidak ada" if not folder.is_dir() else
           "folder tidak dapat ditulis" if not os.access(folder, os.W_OK | os.X_OK) else None)
    if why:
        raise XlpokjaError([Problem("KELUARAN_TIDAK_DAPAT_DITULIS", out.name, "",
                                    str(folder), why)])
    if same and src.exists() and (not os.stat(src).st_mode & stat.S_IWUSR
                                  or not os.access(src, os.W_OK)):
        raise XlpokjaError([Problem("MASUKAN_HANYA_BACA", src.name, "", "dapat ditulis",
                                    "hanya-baca")])


#: the parts every check of an output looks at (content types, VBA project, sheets, names)
WORKBOOK_LEVEL = {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                  "xl/_rels/workbook.xml.rels"}
