"""LibreOffice Calc opens the built workbook, recalculates it (forced) and agrees with the core."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLE, SOFFICE, fill, libreoffice_recalc

from xlpokja import actions
from xlpokja.core.bands import LABELS
from xlpokja.hosts.headless.check import same
from xlpokja.hosts.headless.recalc import PackageBook
from xlpokja.instruments.penilaian_diri import layout as pd

pytestmark = pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"),
                                reason="LibreOffice not installed (CI installs it)")


def _native_label(band: int) -> str:
    return f"{band} – {LABELS[band]}"


def compare_with_core(src: Path, tmp: Path) -> int:
    _, res, n_rows, _ = actions.read(PackageBook(src))
    lo = openpyxl.load_workbook(libreoffice_recalc(src, tmp), data_only=True)
    n = 0
    for cell in pd.formula_cells(n_rows):
        found = lo[cell.sheet][cell.ref].value
        expected = cell.value(res)
        if cell.udf:  # LibreOffice has no Python: IFERROR shows the native fallback
            if cell.ref == f"D{pd.RES_CHECK}":
                assert isinstance(found, str) and found, cell.ref
                continue
            band_cell = f"F{pd.RES_N}" if cell.ref == f"E{pd.RES_SCORE}" else "F" + cell.ref[1:]
            expected = _native_label(int(lo[cell.sheet][band_cell].value))
        assert same(expected, found), f"{cell.sheet}!{cell.ref}: core {expected!r}, LO {found!r}"
        n += 1
    return n


def test_example_agrees(tmp_path):
    assert compare_with_core(EXAMPLE, tmp_path) > 600


def test_bad_and_partial_input_agrees(tmp_path, layout):
    rows = [[f"R{i}", *[(i + j) % 6 if (i * j) % 7 else None for j in range(36)]]
            for i in range(15)]
    rows[2][3], rows[5][10], rows[6][1] = "empat", 9, 3.5
    rows[7] = ["R7"] + [None] * 36
    path = fill(tmp_path, layout, rows)
    assert compare_with_core(path, tmp_path) > 600
