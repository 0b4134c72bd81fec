"""Python UDFs (user-defined functions) from one registry.

The same registry serves Excel (through xlwings: set *UDF Modules* to
``xlpokja.udfs`` and press *Import Functions*) and the headless formula
engines (``formualizer`` and ``formulas``). On Linux the xlwings decorators
are no-ops, so the registry keeps its own metadata (excel-engines.md §0.1).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from xlpokja.core.bands import keterangan


@dataclass(frozen=True)
class UdfArg:
    name: str
    kind: str  # "scalar" or "range"
    doc: str


@dataclass(frozen=True)
class UdfSpec:
    name: str  # Excel name (upper case)
    func: Callable[..., Any]
    args: tuple[UdfArg, ...]
    doc: str
    category: str = "xlpokja"


REGISTRY: dict[str, UdfSpec] = {}


def _xlwings_live() -> bool:
    return sys.platform in ("win32", "darwin")


def udf(*args: UdfArg, category: str = "xlpokja") -> Callable[[Callable[..., Any]], Any]:
    """Register a UDF; under Excel (Windows/macOS) also decorate it for xlwings."""

    def deco(f: Callable[..., Any]) -> Callable[..., Any]:
        spec = UdfSpec(f.__name__.upper(), f, tuple(args), (f.__doc__ or "").strip(), category)
        REGISTRY[spec.name] = spec
        if _xlwings_live():  # pragma: no cover - needs Excel
            import xlwings as xw

            g = f
            for a in reversed(args):
                if a.kind == "range":
                    g = xw.arg(a.name, ndim=2, doc=a.doc)(g)
                else:
                    g = xw.arg(a.name, doc=a.doc)(g)
            return xw.func(category=category)(g)
        return f

    return deco


# ----------------------------------------------------------------- value normalisation


def normalise(value: Any) -> Any:
    """One cell value as the core wants it: blank -> None, numpy scalars -> Python."""
    if value is None:
        return None
    tname = type(value).__name__
    if tname in ("Token", "_EmptyToken", "EmptyToken") or str(value) == "empty":
        return None  # formulas' EMPTY
    if isinstance(value, str):
        return None if value == "" else value
    if isinstance(value, bool):
        return value
    if hasattr(value, "item") and not isinstance(value, (list, tuple)):
        try:
            return normalise(value.item())
        except (ValueError, AttributeError):
            pass
    if isinstance(value, (int, float)):
        return value
    return value


def to_matrix(value: Any) -> list[list[Any]]:
    """A range argument (xlwings list, formulas ndarray, formualizer list) as rows."""
    if hasattr(value, "tolist") and hasattr(value, "ndim"):
        value = value.tolist()
    if not isinstance(value, (list, tuple)):
        return [[normalise(value)]]
    if value and not isinstance(value[0], (list, tuple)):
        return [[normalise(v) for v in value]]
    return [[normalise(v) for v in row] for row in value]


def to_scalar(value: Any) -> Any:
    m = to_matrix(value)
    return m[0][0] if m and m[0] else None


# ------------------------------------------------------------------------------- UDFs


@udf(
    UdfArg("skor", "scalar", "Skor 0–5 (rata-rata komponen atau N)"),
    UdfArg("jumlah_sah", "scalar", "Jumlah jawaban sah di balik skor itu"),
)
def pkj_keterangan(skor: Any, jumlah_sah: Any) -> str:
    """Pita dan keterangan skala 0–5, dengan aturan 'tidak ada data' dan tanda dekat batas."""
    return keterangan(to_scalar(skor), to_scalar(jumlah_sah))


@udf(UdfArg("tabel", "range", "Tabel jawaban, termasuk baris judul (sheet Jawaban)"))
def pkj_validasi(tabel: Any) -> str:
    """Ringkasan pemeriksaan tabel jawaban: jumlah dan letak masalah."""
    from xlpokja.instruments.penilaian_diri import layout as pd

    table = pd.read_table(to_matrix(tabel))
    return pd.validation_summary(table)


# ------------------------------------------------------------------- headless engines


def formulas_functions() -> dict[str, Callable[..., Any]]:
    """UDFs wrapped for the ``formulas`` engine (register before ``loads``)."""
    from formulas.functions import wrap_func

    return {name: wrap_func(spec.func) for name, spec in REGISTRY.items()}
