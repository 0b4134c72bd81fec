"""``xlpokja check``: the workbook's own formulas, evaluated by a headless engine,
against the core. Any disagreement or any Excel error value is a failure."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.problems import Problem
from .engines import ERRORS, evaluate
from .recalc import PackageBook


@dataclass
class CheckReport:
    path: Path
    engine: str
    cells: int = 0
    problems: list[Problem] = field(default_factory=list)
    input_problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def same(expected: Any, found: Any) -> bool:
    if expected in (None, "") and found in (None, ""):
        return True
    if isinstance(expected, bool) or isinstance(found, bool):
        return expected == found
    if isinstance(expected, (int, float)) and isinstance(found, (int, float)):
        return math.isclose(float(expected), float(found), rel_tol=1e-9, abs_tol=1e-12)
    return expected == found


def check_file(path: Path, engine: str = "formualizer") -> CheckReport:
    from .. import actions
    from ..templates import penilaian_diri as pd

    book = PackageBook(Path(path))
    res, n_rows, n_cur = actions.read(book)
    report = CheckReport(Path(path), engine, input_problems=list(res.problems))
    # the formulas in the file cover n_cur rows; rows beyond them are not yet in the formulas
    cells = pd.formula_cells(n_cur)
    if n_rows > n_cur:
        report.problems.append(Problem(
            "RUMUS_BERBEDA", pd.JAWABAN, f"A{pd.last_row(n_cur) + 1}",
            f"rumus mencakup {n_rows} baris", f"{n_cur} baris; tekan Hitung atau xlpokja recalc"))
        return report
    got = evaluate(engine, Path(path), [(c.sheet, c.ref) for c in cells])
    report.cells = len(cells)
    for c in cells:
        exp = c.value(res)
        found = got.get((c.sheet, c.ref))
        if isinstance(found, str) and found in ERRORS:
            report.problems.append(Problem("RUMUS_GALAT", c.sheet, c.ref, repr(exp), found))
        elif not same(exp, found):
            report.problems.append(Problem("RUMUS_BERBEDA", c.sheet, c.ref, repr(exp),
                                           repr(found)))
    return report
