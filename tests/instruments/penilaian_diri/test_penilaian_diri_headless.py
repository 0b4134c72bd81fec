"""recalc / check / layout on workbooks filled by another program through the published layout."""

from __future__ import annotations

import json
import zipfile

import openpyxl
import pytest
from conftest import EXAMPLE, TEMPLATE, fill, run_cli, sha

from xlpokja.instruments.penilaian_diri.calc import ITEM_KEYS


def independent(rows):
    """Plain-Python tabulation, written from decisions.md, not from the package."""
    comps = {}
    for j, key in enumerate(ITEM_KEYS):
        comps.setdefault(key[0], []).extend(
            r[1 + j] for r in rows if isinstance(r[1 + j], int) and not isinstance(
                r[1 + j], bool) and 0 <= r[1 + j] <= 5)
    means = {c: (sum(v) / len(v) if v else None) for c, v in comps.items()}
    have = [m for m in means.values() if m is not None]
    return means, sum(have), (sum(have) / len(have) if have else None)


def test_layout_json(layout):
    t = layout["tables"][0]
    assert "Jawaban" == t["sheet"] and 4 == t["header_row"] and 5 == t["first_data_row"]
    cols = {c["key"]: c["letter"] for c in t["columns"]}
    assert "A" == cols["responden"] and "B" == cols["A1"] and "AK" == cols["F5"]
    assert ["responden", *ITEM_KEYS] == [c["key"] for c in t["columns"]]


def test_example_resume_is_printed(tmp_path):
    before = sha(EXAMPLE)
    out = run_cli("recalc", EXAMPLE, "-o", tmp_path / "hasil.xlsm")
    assert 0 == out.returncode, out.stderr
    assert before == sha(EXAMPLE)
    assert "RESUME HASIL PENILAIAN KELOMPOK KERJA" in out.stdout
    assert "Hubungan dengan stakeholders utama (A)          3,00" in out.stdout


def test_recalc_json_matches_independent_calculation(tmp_path, layout):
    rows = [[f"P{i}", *[(i * 7 + j * 3) % 6 if (i + j) % 5 else None for j in range(36)]]
            for i in range(23)]
    rows[3][5] = "lima"  # a bad cell: excluded and reported
    rows[4][9] = 2.5
    path = fill(tmp_path, layout, rows)
    before = sha(path)
    out = run_cli("recalc", path, "-o", tmp_path / "hasil.xlsm", "--json")
    assert 0 == out.returncode, out.stderr
    assert before == sha(path)
    data = json.loads(out.stdout)
    means, x, n = independent(rows)
    for comp in data["components"]:
        assert means[comp["key"]] == pytest.approx(comp["mean"])
    assert x == pytest.approx(data["X"])
    assert n == pytest.approx(data["N"])
    assert {("Jawaban", "F8", "NILAI_BUKAN_ANGKA"), ("Jawaban", "J9", "NILAI_BUKAN_BULAT")} == {
        (p["sheet"], p["cell"], p["code"]) for p in data["problems"]}
    assert data["valid"] is False
    # the written copy holds the problems and cached results
    wb = openpyxl.load_workbook(tmp_path / "hasil.xlsm", data_only=True)
    assert 2 == wb["Masalah"]["C2"].value
    assert "F8" == wb["Masalah"]["C5"].value
    assert data["N"] == pytest.approx(wb["Ringkasan"]["D16"].value)
    assert "Sub Hitung" in _vba_text(tmp_path / "hasil.xlsm")


def _vba_text(path):
    from oletools.olevba import VBA_Parser

    vp = VBA_Parser(str(path))
    try:
        return "\n".join(code for *_, code in vp.extract_macros())
    finally:
        vp.close()


def test_table_grows_with_rows_written_below(tmp_path, layout):
    rows = [[f"R{i}", *([i % 6] * 36)] for i in range(130)]
    path = fill(tmp_path, layout, rows)
    out = tmp_path / "hasil.xlsm"
    r = run_cli("recalc", path, "-o", out, "--json")
    assert 0 == r.returncode, r.stderr
    data = json.loads(r.stdout)
    assert 130 == data["sheets"]["filled"] == data["sheets"]["rows"]
    with zipfile.ZipFile(out) as z:
        wbxml = z.read("xl/workbook.xml").decode()
    assert "$A$5:$AK$134" in wbxml
    wb = openpyxl.load_workbook(out)
    st = wb["Status"]
    assert st["B134"].value.startswith("=SUMPRODUCT(") and "Jawaban!B134:AK134" in st["B134"].value
    assert st["B135"].value is None
    # validation reaches the sheet's end, so it already covers the new rows
    dvs = wb["Jawaban"].data_validations.dataValidation
    assert any("B5:AK1048576" in str(dv.sqref) for dv in dvs)
    assert "$B$134" in wb["Tabulasi"]["E6"].value
    vals = openpyxl.load_workbook(out, data_only=True)["Status"]
    assert [36, 36, 1, "lengkap"] == [vals.cell(134, c).value for c in range(1, 5)]
    for engine in ("formualizer", "formulas"):
        c = run_cli("check", out, "--engine", engine)
        assert 0 == c.returncode, c.stdout + c.stderr
    # before recalc the formulas do not reach the new rows: check says so
    c = run_cli("check", path)
    assert 0 == c.returncode and "RUMUS_BELUM_DIPERLUAS" in c.stdout  # a warning: press Hitung


def test_in_place_keeps_a_backup(tmp_path, layout):
    path = fill(tmp_path, layout, [["R1", *([4] * 36)]])
    before = path.read_bytes()
    r = run_cli("recalc", path, "--in-place", "--json")
    assert 0 == r.returncode, r.stderr
    assert before == (tmp_path / "isi.bak.xlsm").read_bytes()
    assert before != path.read_bytes()
    assert 4.0 == json.loads(r.stdout)["N"]


def test_check_passes_on_committed_workbooks():
    r = run_cli("check", TEMPLATE, EXAMPLE, "--engine", "both")
    assert 0 == r.returncode, r.stdout + r.stderr
    assert 4 == r.stdout.count("OK ")


def test_check_catches_a_changed_formula(tmp_path):
    path = tmp_path / "ubah.xlsm"
    wb = openpyxl.load_workbook(EXAMPLE, keep_vba=True)
    wb["Tabulasi"]["O45"] = "=N45/10"  # the source's literal (off-scale) reading
    wb.save(path)
    r = run_cli("check", path)
    assert 1 == r.returncode
    assert "Tabulasi!O45 [RUMUS_BERBEDA]" in r.stdout


def test_policy_setting_is_used_by_core_and_formulas(tmp_path, layout):
    rows = [["R1", *([5] * 36)], ["R2", 1]]
    path = fill(tmp_path, layout, rows,
                settings={"kebijakan": "Hanya lembar yang lengkap (36 jawaban sah)"})
    out = tmp_path / "h.xlsm"
    r = run_cli("recalc", path, "-o", out, "--json")
    data = json.loads(r.stdout)
    assert "lembar_lengkap" == data["policy"] and 1 == data["sheets"]["used"]
    assert 5.0 == data["N"]
    assert 0 == run_cli("check", out).returncode
