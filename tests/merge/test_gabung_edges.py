"""Gabung with the mess a new user brought (the review of issue 13): a corrected row, a merged
workbook lying among its own sources, error values and formulas without a result in a source,
``--abaikan`` that leaves out an item or matches nothing, a header-only export."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import ROOT, cli_in_process
from xlpokja.hosts.headless.recalc import PackageBook
from xlpokja.instruments.penilaian_diri import calc as q
from xlpokja.instruments.penilaian_diri import form as f
from xlpokja.instruments.penilaian_diri import layout as pd

FORM = ROOT / "workbooks" / f.FORM_FILE_NAME


def _form(path: Path, code: str, answers: list[object], formula: dict[int, str] | None = None
          ) -> Path:
    wb = openpyxl.load_workbook(FORM)
    ws = wb[f.FORM_SHEET]
    ws[f.RESPONDENT.value_ref] = code
    for j, (s, v) in enumerate(zip(f.STATEMENTS, answers)):
        ws[s.answer_ref] = (formula or {}).get(j, v)
    wb.save(path)
    return path


def _csv(path: Path, rows: list[list[object]], header: list[str] | None = None) -> Path:
    head = header or ["kode", *q.ITEM_KEYS]
    path.write_text("\n".join(";".join(map(str, r)) for r in [head, *rows]) + "\n",
                    encoding="utf-8")
    return path


def _gabung(capsys, *args: object) -> tuple[int, dict, str]:
    code, out, err = cli_in_process(capsys, "gabung", *args, "--json")
    return code, (json.loads(out) if out.strip() else {}), err


def _codes(data: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for p in data["gabung"]["problems"]:
        out.setdefault(p["code"], []).append(p)
    return out


def test_a_row_corrected_in_jawaban_is_not_merged_again(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    _form(src / "a.xlsx", "A", ["tiga", *[3] * 35])
    book = tmp_path / "buku.xlsm"
    code, data, err = _gabung(capsys, src, "-o", book)
    assert code == 0, err
    (row,) = [a["jawaban_row"] for a in data["gabung"]["added"]]
    wb = openpyxl.load_workbook(book, keep_vba=True)  # as the message says: fix it there
    wb[pd.JAWABAN].cell(row=row, column=pd.COL_FIRST_ITEM, value=3)
    wb.save(book)
    code, data, err = _gabung(capsys, src, "-o", book)
    assert code == 0 and not data["written"], err
    (changed,) = _codes(data)["SUMBER_BERUBAH"]
    assert (changed["sheet"], changed["cell"]) == ("src/a.xlsx [Formulir]", f.ANSWER_REFS[0])
    assert f"Jawaban baris {row}" in changed["expected"] and "A1" in changed["found"]


def test_a_merged_workbook_among_its_sources_counts_nothing_twice(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    for i in range(3):
        _form(src / f"f{i}.xlsx", f"F{i}", [(i + j) % 6 for j in range(36)])
    _csv(src / "kobo.csv", [[f"K{i}", *[(i * 2 + j) % 6 for j in range(36)]] for i in range(2)])
    first = src / "gabungan.xlsm"  # the facilitator saves the merged book in the same folder
    code, data, err = _gabung(capsys, src, "-o", first)
    assert code == 0 and len(data["gabung"]["added"]) == 5, err
    code, data, err = _gabung(capsys, src, "-o", tmp_path / "lagi.xlsm")
    assert code == 0, err
    assert len(data["gabung"]["added"]) == 5 and data["gabung"]["present"] == 5
    assert data["sheets"]["filled"] == 5
    kinds = {s["file"]: s["kind"] for s in data["gabung"]["sources"]}
    assert kinds["src/gabungan.xlsm"] == "buku kerja penilaian diri"


def test_error_values_and_formulas_without_result_are_carried_and_named(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    _form(src / "a.xlsx", "A", [3] * 36, formula={4: "=1+2"})
    _csv(src / "kobo.csv", [["K1", "#N/A", *[2] * 35]])
    code, data, err = _gabung(capsys, src, "-o", tmp_path / "buku.xlsm")
    assert code == 0, err  # the merge and its Hitung go on
    bad = {(p["sheet"], p["cell"]): p["found"] for p in _codes(data)["JAWABAN_SUMBER_TIDAK_SAH"]}
    assert set(bad) == {("src/a.xlsx [Formulir]", f.ANSWER_REFS[4]), ("src/kobo.csv", "B2")}
    assert "=1+2" in bad[("src/a.xlsx [Formulir]", f.ANSWER_REFS[4])]
    assert "#N/A" in bad[("src/kobo.csv", "B2")]
    rows = PackageBook(tmp_path / "buku.xlsm").read_block(pd.JAWABAN, 5, pd.COL_LAST_ITEM)
    cells = {r[0]: r[1:] for r in rows if r[0]}
    assert cells["A"][4] == "=1+2" and cells["K1"][0] == "#N/A (galat di sumber)"
    assert {p["code"] for p in data["problems"]} == {"NILAI_BUKAN_ANGKA"}  # named, not counted
    comp_a = next(c for c in data["components"] if c["key"] == "A")
    assert comp_a["n"] == 12 - 2  # 12 answers of A, one from each source is no answer


def test_abaikan_names_what_it_leaves_out_and_what_it_did_not_match(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    _csv(src / "x.csv", [["R1", *[4] * 36, "ok"]], ["kode", *q.ITEM_KEYS, "Saran"])
    _csv(src / "y.csv", [["R2", 5, *[1] * 35]], ["kode", *q.ITEM_KEYS])
    code, data, err = _gabung(capsys, src, "-o", tmp_path / "b.xlsm", "--abaikan", "Saran",
                              "--abaikan", "A1", "--abaikan", "tidak ada kolom ini")
    assert code == 0, err
    codes = _codes(data)
    assert {(p["sheet"], p["cell"]) for p in codes["KOLOM_DIABAIKAN"]} == {
        ("src/x.csv", "B1"), ("src/y.csv", "B1")}
    assert [p["found"] for p in codes["ABAIKAN_TIDAK_COCOK"]] == ["'tidak ada kolom ini'"]
    comp_a = next(c for c in data["components"] if c["key"] == "A")
    assert comp_a["blank"] == 2  # A1 left out of both: blank, never 0


def test_a_header_only_export_is_named(tmp_path, capsys):
    only = _csv(tmp_path / "kosong.csv", [])
    code, out, err = cli_in_process(capsys, "gabung", only, "-o", tmp_path / "b.xlsm")
    assert code == 2 and not (tmp_path / "b.xlsm").exists()
    assert "kosong.csv" in err and "tidak ada baris jawaban" in err


def test_output_folder_must_exist(tmp_path, capsys):
    form = _form(tmp_path / "a.xlsx", "A", [1] * 36)
    code, out, err = cli_in_process(capsys, "gabung", form, "-o", tmp_path / "no" / "b.xlsm")
    assert code == 2 and "KELUARAN_TIDAK_DAPAT_DITULIS" in err
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("bad", ["kemarin", "30/11/2026 10:00"])
def test_time_of_the_log_must_be_iso(tmp_path, capsys, bad):
    form = _form(tmp_path / "a.xlsx", "A", [1] * 36)
    code, out, err = cli_in_process(capsys, "gabung", form, "-o", tmp_path / "b.xlsm",
                                    "--waktu", bad)
    assert code == 2 and "WAKTU_TIDAK_SAH" in err and "kunci" not in err


def test_forms_that_agree_fill_the_resume_fields(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    for i, (kk, lok) in enumerate((("Pokja AMPL Kab. Sukamaju", "Sukamaju"),
                                   ("pokja ampl kab.  sukamaju", "Sukamaju"),
                                   ("Pokja AMPL Kab. Sukamaju", "Sukamulya"))):
        path = _form(src / f"f{i}.xlsx", f"F{i}", [3] * 36)
        wb = openpyxl.load_workbook(path)
        ws = wb[f.FORM_SHEET]
        ws[f.FIELDS[1].value_ref], ws[f.FIELDS[2].value_ref] = kk, lok
        wb.save(path)
    code, data, err = _gabung(capsys, src, "-o", tmp_path / "b.xlsm")
    assert code == 0, err
    assert data["fields"]["kelompok_kerja"] == "Pokja AMPL Kab. Sukamaju"  # all agree
    assert data["fields"]["lokasi"] in (None, "")  # two Lokasi: left for the person
    assert any("2 Lokasi berbeda" in n for n in data["gabung"]["notes"])
