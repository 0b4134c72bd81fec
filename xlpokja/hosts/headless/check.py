"""``xlpokja check``: first the package as Excel would open it (content type, VBA project,
cell order, names, relationships, shape ids, limits: :mod:`.package_check`), then the
workbook's own formulas, evaluated by a headless engine, against the core. Any package
finding, any disagreement or any Excel error value is a failure."""

from __future__ import annotations

import math
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xlpokja.core.problems import WARNING, Problem, XlpokjaError
from xlpokja.core.values import excel_serial
from xlpokja.hosts.headless import buttons
from xlpokja.hosts.headless.engines import ERRORS, evaluate
from xlpokja.hosts.headless.package_check import check_package
from xlpokja.hosts.headless.recalc import PackageBook, recalc_file
from xlpokja.layout import common
from xlpokja.layout.base import col_letter, split_ref


@dataclass
class CheckReport:
    path: Path
    engine: str
    cells: int = 0
    problems: list[Problem] = field(default_factory=list)
    input_problems: list[Problem] = field(default_factory=list)
    #: what Excel would refuse or repair in the package (sheet = part, cell = element)
    package_problems: list[Problem] = field(default_factory=list)
    #: False when the package could not be read far enough to evaluate the formulas
    evaluated: bool = True
    #: "press Hitung": rows added or Python-written cells stale since the last Hitung (the
    #: formulas are then checked on a Hitung'd copy); never a failure
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.package_problems


def _engine_date(found: Any) -> Any:
    """An engine's date value (an ISO text) as the serial number Excel holds."""
    import datetime as dt

    try:
        return float(excel_serial(dt.datetime.fromisoformat(found)))
    except (TypeError, ValueError):
        return found


def same(expected: Any, found: Any) -> bool:
    if expected in (None, "") and found in (None, ""):
        return True
    if isinstance(expected, (int, float)) and isinstance(found, str):
        found = _engine_date(found)
    if isinstance(expected, bool) or isinstance(found, bool):
        return expected == found
    if isinstance(expected, (int, float)) and isinstance(found, (int, float)):
        return math.isclose(float(expected), float(found), rel_tol=1e-9, abs_tol=1e-12)
    return expected == found


def _unreadable(path: Path, engine: str, package_problems: list[Problem],
                error: Exception) -> CheckReport:
    """The formulas could not be evaluated: the package findings (if any) say why, and the
    refusal itself is reported under its own codes (a row shift, a row limit…), never
    re-worded as an unreadable file."""
    if isinstance(error, XlpokjaError):
        problems = list(error.problems)
    else:
        problems = [Problem("BERKAS_RUSAK", path.name, "",
                            "paket yang dapat dibaca untuk menghitung rumus",
                            f"{type(error).__name__}: {error}")]
    return CheckReport(path, engine, package_problems=package_problems, evaluated=False,
                       problems=problems)


def check_file(path: Path, engine: str = "formualizer",
               package_problems: list[Problem] | None = None) -> CheckReport:
    """Package findings first (:func:`check_package` on the package already opened, unless
    they are given: the same for every engine), then every formula cell evaluated and
    compared; when the package findings make the workbook unreadable, the report holds
    them and ``evaluated`` is False."""
    from xlpokja import actions

    try:
        book = PackageBook(Path(path))
    except XlpokjaError as e:  # e.g. a part that is not XML: the package check names it
        found = package_problems if package_problems is not None else check_package(path)
        if not found:
            raise
        return _unreadable(Path(path), engine, found, e)
    found_buttons = package_problems  # given by the first engine: buttons already looked at
    if package_problems is None:
        package_problems = check_package(book.pkg)
    try:
        t, res, shape, cur, cells = actions.reading(book)
    except Exception as e:
        if not package_problems:
            raise
        return _unreadable(Path(path), engine, package_problems, e)
    if found_buttons is None:
        package_problems = package_problems + [
            Problem("PAKET_TOMBOL", part, element, "", found)
            for part, element, found in buttons.damage(book.pkg, t.BUTTONS)]
    report = CheckReport(Path(path), engine, input_problems=list(res.problems),
                         package_problems=package_problems)
    target = Path(path)
    stale = _stale(book, t, res)
    with tempfile.TemporaryDirectory(prefix="xlpokja-check-") as tmp:
        if shape != cur or stale:
            # not pressed since the last edit: a warning; the formulas are checked on what
            # Hitung makes of the file (a copy: the file itself is never changed by check)
            if shape != cur:  # the formulas in the file do not reach the new rows yet
                sheet, cell = t.grown_note(shape, cur)
                report.warnings.append(Problem("RUMUS_BELUM_DIPERLUAS", sheet, cell,
                                               str(shape), str(cur), WARNING))
            if stale:
                sheet, cell = stale[0]
                report.warnings.append(Problem("TEKAN_HITUNG", sheet, cell,
                                               "hasil Python sesuai isian",
                                               f"{len(stale)} sel hasil Python usang", WARNING))
            target = Path(tmp) / ("hitung" + Path(path).suffix)
            recalc_file(Path(path), target)
        report.problems += _compare(engine, target, cells, res, report)
    return report


def _stale(book: PackageBook, t: Any, res: Any) -> list[tuple[str, str]]:
    """Cells Hitung writes as plain values (tables and single cells computed in Python) whose
    stored value is not what Hitung would write now: (sheet, cell), in order."""
    out: list[tuple[str, str]] = []
    for sheet, first_row, rows, _n in t.value_tables(res):
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                if not same(v, book.cached(sheet, first_row + i, j + 1)):
                    out.append((sheet, f"{col_letter(j + 1)}{first_row + i}"))
    for sheet, ref, v in getattr(t, "value_cells", lambda _res: [])(res):
        if not same(v, book.cached(sheet, *split_ref(ref))):
            out.append((sheet, ref))
    # the problem list itself (filled and saved without Hitung: Masalah still shows the old)
    rows = common.problem_rows(res.problems)
    first = common.MASALAH_FIRST_ROW
    for i, row in enumerate(rows + [[None] * len(common.MASALAH_HEADERS)]):
        for j, v in enumerate(row):
            if not same(v, book.cached(common.MASALAH, first + i, j + 1)):
                out.append((common.MASALAH, f"{col_letter(j + 1)}{first + i}"))
    if not same(len(res.problems),
                book.cached(common.MASALAH, *split_ref(common.MASALAH_COUNT_CELL))):
        out.append((common.MASALAH, common.MASALAH_COUNT_CELL))
    return out


def _compare(engine: str, target: Path, cells: list[Any], res: Any,
             report: CheckReport) -> list[Problem]:
    """Every formula cell of ``target`` evaluated by ``engine`` against the core's value."""
    try:
        got = evaluate(engine, target, [(c.sheet, c.ref) for c in cells])
    except Exception as e:
        if not report.package_problems:
            raise
        report.evaluated = False
        return _unreadable(report.path, engine, report.package_problems, e).problems
    report.cells = len(cells)
    out: list[Problem] = []
    for c in cells:
        exp = c.value(res)
        found = got.get((c.sheet, c.ref))
        if isinstance(found, str) and found in ERRORS:
            out.append(Problem("RUMUS_GALAT", c.sheet, c.ref, repr(exp), found))
        elif not same(exp, found):
            out.append(Problem("RUMUS_BERBEDA", c.sheet, c.ref, repr(exp), repr(found)))
    return out
