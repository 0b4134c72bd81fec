"""Bad input gets a clear message (sheet, cell, code, expected, found) and nothing is lost."""

from __future__ import annotations

import json
import shutil
import zipfile

import openpyxl
import pytest
from conftest import TEMPLATE, fill, run_cli, sha


@pytest.mark.parametrize("value,code,found", [
    ("tiga", "NILAI_BUKAN_ANGKA", "'tiga'"),
    (7, "NILAI_DI_LUAR_SKALA", "7"),
    (-1, "NILAI_DI_LUAR_SKALA", "-1"),
    (2.5, "NILAI_BUKAN_BULAT", "2,5"),
])
def test_bad_cell_is_listed_and_excluded(tmp_path, layout, value, code, found):
    path = fill(tmp_path, layout, [["R1", value, 4], ["R2", 2, 4]])
    before = sha(path)
    r = run_cli("recalc", path, "-o", tmp_path / "out.xlsm", "--json", "--strict")
    assert 1 == r.returncode  # --strict: input errors -> exit 1, results still written
    assert before == sha(path)
    data = json.loads(r.stdout)
    (p,) = data["problems"]
    assert ("Jawaban", "B5", code, found) == (p["sheet"], p["cell"], p["code"], p["found"])
    assert "bilangan bulat 0–5 atau kosong" == p["expected"]
    assert "tidak dihitung" in p["message"]
    assert 2.0 == data["items"][0]["mean"]  # only R2's valid 2 counts
    assert 1 == data["items"][0]["invalid"]


def test_duplicate_respondent_and_english(tmp_path, layout):
    path = fill(tmp_path, layout, [["Ani", 1], ["ani", 2]])
    r = run_cli("recalc", path, "-o", tmp_path / "o.xlsm", "--json", "--lang", "en")
    (p,) = json.loads(r.stdout)["problems"]
    assert ("RESPONDEN_GANDA", "A6") == (p["code"], p["cell"])
    assert "Respondent code must be unique" in p["message"]


def test_renamed_header_and_unknown_item(tmp_path, layout):
    path = fill(tmp_path, layout, [["R1", 3]])
    wb = openpyxl.load_workbook(path, keep_vba=True)
    wb["Jawaban"]["C4"] = "A9"
    wb["Jawaban"]["AP4"] = "G1"
    wb.save(path)
    r = run_cli("recalc", path, "-o", tmp_path / "o.xlsm", "--json")
    # a retyped answer header: the column cannot be trusted, nothing is computed or written
    assert r.returncode == 2 and not (tmp_path / "o.xlsm").exists()
    assert "Jawaban!C4 [JUDUL_KOLOM_BERUBAH]" in r.stderr
    wb = openpyxl.load_workbook(path, keep_vba=True)
    wb["Jawaban"]["C4"] = "A2"
    wb.save(path)
    r = run_cli("recalc", path, "-o", tmp_path / "o.xlsm", "--json")
    codes = {(p["code"], p["cell"]) for p in json.loads(r.stdout)["problems"]}
    assert {("BUTIR_TIDAK_DIKENAL", "AP4")} == codes


def test_bad_policy_setting_falls_back_to_default(tmp_path, layout):
    path = fill(tmp_path, layout, [["R1", 3]], settings={"kebijakan": "semua saja"})
    data = json.loads(run_cli("recalc", path, "-o", tmp_path / "o.xlsm", "--json").stdout)
    assert "per_butir" == data["policy"]
    assert ["PENGATURAN_TIDAK_SAH"] == [p["code"] for p in data["problems"]]


def test_renamed_sheet_stops_and_writes_nothing(tmp_path, layout):
    path = fill(tmp_path, layout, [["R1", 3]])
    wb = openpyxl.load_workbook(path, keep_vba=True)
    wb["Jawaban"].title = "Data"
    wb.save(path)
    before = sha(path)
    out = tmp_path / "o.xlsm"
    r = run_cli("recalc", path, "-o", out)
    assert 2 == r.returncode
    assert "Sheet 'Jawaban' tidak ditemukan" in r.stderr and "SHEET_TIDAK_ADA" in r.stderr
    assert not out.exists()
    assert before == sha(path)


@pytest.mark.parametrize("damage", ["truncate", "not_zip", "bad_xml", "doctype"])
def test_corrupted_file(tmp_path, damage):
    path = tmp_path / "rusak.xlsm"
    shutil.copy(TEMPLATE, path)
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "not_zip":
        path.write_bytes(b"bukan buku kerja")
    else:
        with zipfile.ZipFile(TEMPLATE) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        if damage == "bad_xml":
            parts["xl/workbook.xml"] = parts["xl/workbook.xml"][:-20]
        else:
            body = parts["xl/workbook.xml"]
            if body.startswith(b"<?xml"):
                body = body.split(b"?>", 1)[1]
            parts["xl/workbook.xml"] = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM '
                                        b'"file:///etc/passwd">]>' + body)
        with zipfile.ZipFile(path, "w") as z:
            for n, d in parts.items():
                z.writestr(n, d)
    before = sha(path)
    r = run_cli("recalc", path, "--in-place")
    assert 2 == r.returncode
    assert "BERKAS_RUSAK" in r.stderr
    assert before == sha(path)
    assert not (tmp_path / "rusak.bak.xlsm").exists()


def test_unknown_workbook(tmp_path):
    path = tmp_path / "lain.xlsx"
    wb = openpyxl.Workbook()
    wb.save(path)
    r = run_cli("recalc", path)
    assert 2 == r.returncode and "TEMPLATE_TIDAK_DIKENAL" in r.stderr
