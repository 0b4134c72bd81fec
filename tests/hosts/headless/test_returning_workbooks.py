"""What a new user found when workbooks come back changed (issue 11, second round): every
case asserts the exact outcome."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl

from tests.conftest import EXAMPLE, ROOT, run_cli, sha
from xlpokja.core.problems import format_number, short_text


def _sheet(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        wb = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet [^>]*name="{name}"[^>]*r:id="(\w+)"', wb).group(1)
    target = re.search(rf'<Relationship [^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels) or \
        re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels)
    return "xl/" + target.group(1).lstrip("/").removeprefix("xl/")


def _rezip(src: Path, dst: Path, edits: dict[str, object]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            edit = edits.get(info.filename)
            zout.writestr(info.filename, edit(data) if callable(edit) else data)
    return dst


def test_empty_text_formula_saved_by_libreoffice_stops_hitung(tmp_path: Path) -> None:
    part = _sheet(EXAMPLE, "Jawaban")
    path = _rezip(EXAMPLE, tmp_path / "kosong.xlsm", {part: lambda b: re.sub(
        rb'<c r="D5"[^>]*?(?:/>|>.*?</c>)', b'<c r="D5" t="str"><f>""</f><v></v></c>', b,
        count=1, flags=re.DOTALL)})
    # Excel's own functions disagree about such a cell (COUNTA: filled; COUNTBLANK: blank)
    out = run_cli("recalc", path, "-o", tmp_path / "o.xlsm")
    assert out.returncode == 2 and "Jawaban!D5 [RUMUS_HASIL_KOSONG]" in out.stderr, out.stderr
    assert not (tmp_path / "o.xlsm").exists()
    # our own output writes an empty result as <v/>: read back as a stored value, not "none"
    from xlpokja.hosts.headless.cells import scan

    got = scan(b'<worksheet><sheetData><row r="5"><c r="D5" t="str"><f>A1</f><v/></c>'
               b"</row></sheetData></worksheet>")
    assert got[(5, 4)].kind == "formula"


def test_a_table_that_would_grow_beyond_the_limit_is_refused_the_first_time(
        tmp_path: Path) -> None:
    path = tmp_path / "jauh.xlsm"
    wb = openpyxl.load_workbook(EXAMPLE, keep_vba=True)
    wb["Jawaban"]["A30010"], wb["Jawaban"]["B30010"] = "R99", 3
    wb.save(path)
    out = run_cli("recalc", path, "-o", tmp_path / "o.xlsm")
    assert out.returncode == 2 and "[BATAS_BARIS]" in out.stderr, out.stderr
    assert not (tmp_path / "o.xlsm").exists()


def test_broken_xml_and_doubled_entries_are_refused(tmp_path: Path) -> None:
    part = _sheet(EXAMPLE, "Formulir")
    cut = _rezip(EXAMPLE, tmp_path / "potong.xlsm", {part: lambda b: b[:len(b) // 2]})
    out = run_cli("recalc", cut, "-o", tmp_path / "o.xlsm")
    assert out.returncode == 2 and "XML rusak" in out.stderr and part in out.stderr
    double = tmp_path / "ganda.xlsm"
    shutil.copy(EXAMPLE, double)
    with zipfile.ZipFile(double, "a") as z:
        z.writestr(_sheet(EXAMPLE, "Jawaban"), b"<worksheet/>")
    out = run_cli("recalc", double, "-o", tmp_path / "o.xlsm")
    assert out.returncode == 2 and "dua kali" in out.stderr
    assert not (tmp_path / "o.xlsm").exists()


def test_a_text_beyond_excels_cell_limit_stops_hitung(tmp_path: Path) -> None:
    part = _sheet(EXAMPLE, "Jawaban")
    long = b"x" * 40000
    path = _rezip(EXAMPLE, tmp_path / "panjang.xlsm", {part: lambda b: re.sub(
        rb'<c r="A7"[^>]*?(?:/>|>.*?</c>)',
        b'<c r="A7" t="inlineStr"><is><t>' + long + b"</t></is></c>", b, count=1,
        flags=re.DOTALL)})
    before = sha(path)
    out = run_cli("recalc", path, "-o", tmp_path / "o.xlsm")
    assert out.returncode == 2, out.stdout
    assert "Jawaban!A7 [TEKS_TERLALU_PANJANG]" in out.stderr
    assert "40.000 karakter" in out.stderr and len(out.stderr) < 3000  # shortened
    assert sha(path) == before


def test_a_second_tie_round_waits_for_the_first(tmp_path: Path) -> None:
    src = tmp_path / "m.xlsm"
    shutil.copy(ROOT / "workbooks" / "contoh_mcua_stpp.xlsm", src)
    assert run_cli("seri", src, "-o", tmp_path / "m1.xlsm").returncode == 0
    out = run_cli("seri", tmp_path / "m1.xlsm", "-o", tmp_path / "m2.xlsm", "--json")
    assert out.returncode == 2 and "[SERI_BELUM_SELESAI]" in out.stderr
    refusal = json.loads(out.stdout)  # --json: the refusal as JSON too
    assert refusal["ok"] is False and refusal["problems"][0]["code"] == "SERI_BELUM_SELESAI"
    assert not (tmp_path / "m2.xlsm").exists()


def test_an_item_column_right_of_the_table_keeps_check_green(tmp_path: Path) -> None:
    path = tmp_path / "al.xlsm"
    wb = openpyxl.load_workbook(EXAMPLE, keep_vba=True)
    wb["Jawaban"]["AL4"], wb["Jawaban"]["AL5"] = "G1", 3
    wb.save(path)
    out = run_cli("recalc", path, "-o", tmp_path / "o.xlsm", "--json")
    assert ("AL4", "BUTIR_TIDAK_DIKENAL") in [(p["cell"], p["code"])
                                              for p in json.loads(out.stdout)["problems"]]
    assert run_cli("check", tmp_path / "o.xlsm").returncode == 0


def test_check_says_press_hitung_when_masalah_is_stale(tmp_path: Path) -> None:
    path = tmp_path / "st.xlsm"
    wb = openpyxl.load_workbook(EXAMPLE, keep_vba=True)
    wb["Jawaban"]["C7"] = "tiga"
    wb.save(path)
    out = run_cli("check", path)
    # the first stale cell named is the Statistik sheet's (A2's answers changed), then Masalah
    assert out.returncode == 0 and "Statistik!D10 [TEKAN_HITUNG]" in out.stdout, out.stdout


def test_messages_keep_what_was_typed() -> None:
    assert short_text('=IF(AND(H35<>"",OR(A35=1', 12) == '=IF(AND(H35… (24 karakter)'
    assert format_number(3.0000000001) == "3,0000000001"
    assert format_number(9.98e307) == "9,98E+307"
    assert format_number(1234.5) == "1.234,5"


def test_check_reports_a_refusal_under_its_own_code(tmp_path: Path) -> None:
    path = tmp_path / "jauh.xlsm"
    wb = openpyxl.load_workbook(EXAMPLE, keep_vba=True)
    wb["Jawaban"]["A30010"], wb["Jawaban"]["B30010"] = "R99", 3
    wb.save(path)
    out = run_cli("check", path)
    assert out.returncode == 2 and "[BATAS_BARIS]" in out.stdout, out.stdout
    assert "BERKAS_RUSAK" not in out.stdout  # the file is readable: it is refused, not broken


def test_long_text_in_a_number_column_says_why(tmp_path: Path) -> None:
    part = _sheet(EXAMPLE, "Jawaban")
    path = _rezip(EXAMPLE, tmp_path / "panjang.xlsm", {part: lambda b: re.sub(
        rb'<c r="B6"[^>]*?(?:/>|>.*?</c>)',
        b'<c r="B6" t="inlineStr"><is><t>' + b"3" * 40000 + b"</t></is></c>", b, count=1,
        flags=re.DOTALL)})
    out = run_cli("recalc", path, "-o", tmp_path / "o.xlsm")
    assert out.returncode == 2 and "Jawaban!B6 [TEKS_TERLALU_PANJANG]" in out.stderr


def test_english_throughout_under_lang_en(tmp_path: Path) -> None:
    path = tmp_path / "st.xlsm"
    wb = openpyxl.load_workbook(EXAMPLE, keep_vba=True)
    wb["Jawaban"]["C7"] = "tiga"
    wb.save(path)
    out = run_cli("recalc", path, "-o", tmp_path / "o.xlsm", "--lang", "en")
    assert "Input problems: 1" in out.stdout and "Value must be a whole number 0–5 or blank" \
        in out.stdout and "Result written to" in out.stdout, out.stdout
    # the file stays Indonesian (Masalah), so an English check of it finds nothing stale
    assert "harus bilangan bulat" in openpyxl.load_workbook(tmp_path / "o.xlsm")["Masalah"][
        "H5"].value
    again = run_cli("check", tmp_path / "o.xlsm", "--lang", "en")
    assert again.returncode == 0 and "TEKAN_HITUNG" not in again.stdout, again.stdout
    chk = json.loads(run_cli("check", path, "--json", "--lang", "en").stdout)
    assert [p["code"] for p in chk[0]["input_problems"]] == ["NILAI_BUKAN_ANGKA"]
    assert chk[0]["warnings"][0]["code"] == "TEKAN_HITUNG"
