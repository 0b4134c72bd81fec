"""Rows and columns inserted or deleted in LibreOffice Calc itself (references adjusted, as a
person does with Insert/Delete Rows), then Hitung headlessly (issue 11).

For every filled example and every input table with data:

* a blank row inserted in the middle of the data: the results are the example's (rows after
  the insert one lower) and the written workbook passes ``check``; or, where rows of two sheets
  belong together and no longer pair, the run is refused naming the cells;
* a data row deleted in the middle: ``check`` passes on what is written, or refused, naming;
* a column inserted inside the table: refused naming the header cell (the assessment follows
  its indicator columns by code instead, and then passes ``check``).
The input file is never changed.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_cli, sha
from openpyxl.utils import column_index_from_string

from tests.hosts.libreoffice.test_libreoffice_roundtrip import SOFFICE, UNO_PYTHON, run_driver

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(SOFFICE is None or UNO_PYTHON is None,
                       reason="LibreOffice with python3-uno not installed (CI installs it)"),
]

EXAMPLES = sorted((ROOT / "workbooks").glob("contoh_*.xlsm"))


def _json(path: Path) -> tuple[int, dict | None, str]:
    out = run_cli("recalc", path, "-o", path.with_name("hasil_" + path.name), "--json")
    return out.returncode, (json.loads(out.stdout) if out.returncode == 0 else None), out.stderr


def _rows_used(path: Path, sheet: str, first: int, letter: str) -> list[int]:
    import openpyxl

    ws = openpyxl.load_workbook(path, read_only=True)[sheet]
    col = column_index_from_string(letter)
    return [r for r, (v,) in enumerate(ws.iter_rows(min_row=first, min_col=col, max_col=col,
                                                    values_only=True), first)
            if v not in (None, "")]


def _cases() -> list[tuple[Path, dict, str]]:
    out = []
    for p in EXAMPLES:
        lay = json.loads(run_cli("layout", p, "--json").stdout)
        for t in lay["tables"]:
            inputs = [c for c in t["columns"] if c.get("kind", "input") == "input"]
            if not inputs or len(_rows_used(p, t["sheet"], t["first_data_row"],
                                            inputs[0]["letter"])) < 2:
                continue
            for edit in ("insert_rows", "delete_rows", "insert_cols"):
                out.append((p, t, edit))
    return out


CASES = _cases()


def _strip(d: object) -> object:
    """A result without row numbers, cells and file names (rows move with an insert)."""
    if isinstance(d, dict):
        return {k: _strip(v) for k, v in d.items()
                if k not in ("row", "rows", "cell", "workbook", "output", "problems", "shape",
                             "buttons_rebuilt", "package_warnings", "backup", "problems_total",
                             "unranked", "main_row")}
    if isinstance(d, list):
        return [_strip(v) for v in d]
    return d


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    tmp = tmp_path_factory.mktemp("lo-structural")
    jobs, paths = [], {}
    for i, (p, t, edit) in enumerate(CASES):
        inputs = [c for c in t["columns"] if c.get("kind", "input") == "input"]
        used = _rows_used(p, t["sheet"], t["first_data_row"], inputs[0]["letter"])
        at = (used[len(used) // 2] if edit.endswith("rows")
              else column_index_from_string(t["columns"][1]["letter"]))
        dst = tmp / f"{i:02d}_{p.stem}_{t['name']}_{edit}.xlsm"
        jobs.append({"kind": "fill", "src": str(p), "dst": str(dst),
                     "cells": [{"sheet": t["sheet"], "edit": edit, "at": at}]})
        paths[i] = dst
    out = run_driver(jobs, timeout=900)
    for i, r in enumerate(out["results"]):
        assert "error" not in r, r
    return paths


@pytest.mark.parametrize("i", range(len(CASES)),
                         ids=[f"{p.stem.removeprefix('contoh_')}-{t['name']}-{e}"
                              for p, t, e in CASES])
def test_structural_edit_in_libreoffice(edited: dict[int, Path], i: int) -> None:
    example, table, edit = CASES[i]
    path = edited[i]
    before = sha(path)
    code, res, err = _json(path)
    assert sha(path) == before
    if code == 2:  # refused: a named cell and a known code, nothing written
        assert f"{table['sheet']}!" in err or "!" in err, err
        assert "[" in err and "Traceback" not in err
        assert not path.with_name("hasil_" + path.name).exists()
        assert edit == "insert_cols" or "BERPASANGAN" in err or "BARIS" in err, err
        return
    assert code == 0, err
    assert edit != "insert_cols" or table["name"] == "penilaian", "a shifted column was computed"
    check = run_cli("check", path.with_name("hasil_" + path.name))
    assert check.returncode == 0, check.stdout[-3000:]
    if edit in ("insert_rows", "insert_cols"):  # a blank row or column changes no result
        copy = path.with_name("ref_" + example.name)
        shutil.copy(example, copy)
        _, ref, _ = _json(copy)
        assert _strip(res) == _strip(ref)
