"""Headless formula engines behind one interface, with our UDFs registered.

``formualizer`` (Rust, fast) is the default; ``formulas`` (pure Python, mature,
slow) is the second engine CI runs too, so the two are compared.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from xlpokja.layout.base import split_ref
from xlpokja.udfs import REGISTRY

ENGINES = ("formualizer", "formulas")
ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!",
          "#CALC!")


def evaluate(engine: str, path: Path, cells: Iterable[tuple[str, str]]) -> dict[tuple[str, str],
                                                                                Any]:
    """Evaluate the workbook's own formulas; return the values of ``cells``."""
    cells = list(cells)
    if engine == "formualizer":
        return _formualizer(Path(path), cells)
    if engine == "formulas":
        return _formulas(Path(path), cells)
    raise ValueError(f"engine must be one of {ENGINES} (got {engine!r})")


def _formualizer(path: Path, cells: list[tuple[str, str]]) -> dict[tuple[str, str], Any]:
    import formualizer as fz

    wb = fz.load_workbook(str(path))
    for name, spec in REGISTRY.items():
        n = len(spec.args)
        wb.register_function(name, spec.func, min_args=n, max_args=n)
    wb.evaluate_all()
    out = {}
    for sheet, ref in cells:
        r, c = split_ref(ref)
        out[(sheet, ref)] = _plain(wb.get_value(sheet, r, c))
    return out


def _plain(v: Any) -> Any:
    """Engine value -> None / bool / float / str (errors as their '#...' text)."""
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str):
        return v
    text = str(v)
    for e in ERRORS:
        if e in text.upper() or e.strip("#!?/").upper() in text.upper().replace(" ", ""):
            return e
    return text


def _formulas(path: Path, cells: list[tuple[str, str]]) -> dict[tuple[str, str], Any]:
    os.environ.setdefault("TQDM_DISABLE", "1")  # no progress bars in check's output
    import formulas
    from formulas.functions import wrap_func

    functions = formulas.get_functions()
    for name, spec in REGISTRY.items():
        functions[name] = wrap_func(spec.func)
    model = formulas.ExcelModel().loads(str(path)).finish()
    sol = model.calculate()
    index = {}
    for key, value in sol.items():
        k = key.upper()
        if "]" not in k or "!" not in k:
            continue
        sheet_part, ref = k.rsplit("!", 1)
        sheet = sheet_part.split("]", 1)[1].strip("'")
        index[(sheet, ref)] = value
    out = {}
    for sheet, ref in cells:
        v = index.get((sheet.upper(), ref.upper()))
        out[(sheet, ref)] = _formulas_value(v)
    return out


def _formulas_value(v: Any) -> Any:
    if v is None:
        return None
    val = getattr(v, "value", v)
    try:
        import numpy as np

        if isinstance(val, np.ndarray):
            val = val.ravel()[0] if val.size else None
    except ImportError:  # pragma: no cover
        pass
    if val is None:
        return None
    name = type(val).__name__
    if name in ("XlError",) or str(val).startswith("#"):
        return str(val)
    if str(val) == "empty":
        return None
    if isinstance(val, (bool,)):
        return val
    if hasattr(val, "item"):
        val = val.item()
    if isinstance(val, (int, float)):
        return float(val)
    return val
