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

    book = PackageBook(Path(path))
    t, res, shape, cur = actions.read(book)
    report = CheckReport(Path(path), engine, input_problems=list(res.problems))
    if shape != cur:  # the formulas in the file do not reach the new rows yet
        sheet, cell = t.grown_note(shape, cur)
        report.problems.append(Problem(
            "RUMUS_BERBEDA", sheet, cell, f"rumus mencakup {shape}",
            f"{cur}; tekan Hitung atau xlpokja recalc"))
        return report
    cells = t.formula_cells(cur)
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
