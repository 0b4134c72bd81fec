"""``check`` separates "press Hitung" from real disagreements (issue 11): a workbook filled
and saved without Hitung is valid (a warning with the count, exit 0); a formula that computes
something else still fails; every book of a list is checked."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from tests.conftest import ROOT, run_cli, sha

MCUA = ROOT / "workbooks" / "contoh_mcua_stpp.xlsm"


def test_stale_python_cells_are_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "m.xlsm"
    wb = openpyxl.load_workbook(MCUA, keep_vba=True)
    wb["Teknis"]["E6"] = 5 if wb["Teknis"]["E6"].value != 5 else 4
    wb.save(path)
    before = sha(path)
    out = run_cli("check", path)
    assert out.returncode == 0, out.stdout
    assert "[TEKAN_HITUNG]" in out.stdout and "sel hasil Python usang" in out.stdout
    assert sha(path) == before  # check never changes the file


def test_a_wrong_formula_still_fails_and_every_book_is_checked(tmp_path: Path) -> None:
    bad = tmp_path / "salah.xlsm"
    wb = openpyxl.load_workbook(ROOT / "workbooks" / "contoh_penilaian_diri.xlsm", keep_vba=True)
    wb["Status"]["A7"] = "=COUNTA(Jawaban!B7:AK7)+1"
    wb.save(bad)
    broken = tmp_path / "rusak.xlsm"
    broken.write_bytes(b"bukan zip")
    good = tmp_path / "baik.xlsm"
    shutil.copy(MCUA, good)
    out = run_cli("check", broken, bad, good)
    assert out.returncode == 2  # one book could not be read at all
    assert "Status!A7 [RUMUS_BERBEDA]" in out.stdout
    assert f"OK  {good}" in out.stdout and f"GAGAL  {broken}" in out.stdout


def test_thousands_of_problems_are_counted_in_full_and_listed_compactly(tmp_path: Path) -> None:
    import json

    from tests.conftest import fill

    lay = json.loads(run_cli("layout", ROOT / "workbooks" / "penilaian_diri.xlsm",
                             "--json").stdout)
    path = fill(tmp_path, lay, [[f"R{i}"] + ["3"] * 36 for i in range(100)])  # text numbers
    out = run_cli("recalc", path, "-o", tmp_path / "o.xlsm", "--json")
    data = json.loads(out.stdout)
    assert data["problems_total"] == 3600
    # 36 columns: 20 cells each, then one line with the rest of the column
    assert len(data["problems"]) == 36 * 21
    last = [p for p in data["problems"] if p["cell"].startswith("AK")][-1]
    assert last["cell"] == "AK25:AK104" and "'3' dan 79 sel lain di kolom AK" in last["found"]
    wb = openpyxl.load_workbook(tmp_path / "o.xlsm")
    assert wb["Masalah"]["C2"].value == 3600
