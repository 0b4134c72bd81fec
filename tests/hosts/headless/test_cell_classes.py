"""Every class of input cell is read for what it is (issue 11): error values, formulas with
and without a stored result, dates, numbers no spreadsheet holds, SpreadsheetML under a
prefix. Each case asserts the exact problem code at the exact cell, and the numbers."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import EXAMPLE, run_cli, sha
from xlpokja.core.values import Special, XlDate, XlError, cell_value, excel_serial
from xlpokja.hosts.headless.cells import scan


# ------------------------------------------------------------------ the byte scanner
def test_scan_finds_errors_and_formulas_only() -> None:
    xml = (b'<worksheet xmlns="x"><sheetData><row r="1">'
           b'<c r="A1"><v>3</v></c><c r="B1" t="e"><v>#N/A</v></c>'
           b'<c r="C1"><f>1+2</f><v></v></c><c r="D1"><f>A1*2</f><v>6</v></c>'
           b'<c r="E1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>'
           b'<c r="F1"><f t="shared" ref="F1:F2" si="0">A1+1</f><v>4</v></c></row>'
           b'<row r="2"><c r="F2"><f t="shared" si="0"/></c>'
           b"<c r='G2' t='e'><f>1/0</f><v>#DIV/0!</v></c></row></sheetData></worksheet>")
    got = scan(xml)
    assert got == {
        (1, 2): Special("error", "", "#N/A"),
        (1, 3): Special("formula_novalue", "1+2", ""),
        (1, 4): Special("formula", "A1*2", "6"),
        (1, 5): Special("formula", '"a"&"b"', "ab"),
        (1, 6): Special("formula", "A1+1", "4"),
        (2, 6): Special("formula_novalue", "A1+1", ""),
        (2, 7): Special("error", "1/0", "#DIV/0!"),
    }


def test_scan_reads_prefixed_spreadsheetml() -> None:
    xml = (b'<x:worksheet xmlns:x="s"><x:sheetData><x:row r="3"><x:c r="B3" t="e">'
           b'<x:v>#REF!</x:v></x:c><x:c r="C3"><x:f>B3</x:f></x:c><x:col/></x:row>'
           b'</x:sheetData></x:worksheet>')
    assert scan(xml) == {(3, 2): Special("error", "", "#REF!"),
                         (3, 3): Special("formula_novalue", "B3", "")}


def test_cell_values() -> None:
    assert cell_value("") is None
    assert cell_value(float("nan")) == "#NUM!" and type(cell_value(float("nan"))) is XlError
    assert type(cell_value(1e308)) is XlError
    assert cell_value(9.99999999999999e307) == 9.99999999999999e307
    d = cell_value(dt.date(2024, 1, 5))
    assert type(d) is XlDate and float(d) == 45296 and d.iso == "2024-01-05"
    assert float(excel_serial(dt.datetime(1900, 3, 1))) == 61  # after Excel's 29 Feb 1900
    assert float(excel_serial(dt.datetime(1900, 1, 1))) == 1
    assert float(excel_serial(dt.time(12))) == 0.5


# ------------------------------------------------------------------ end to end
def _edit(tmp: Path, cells: dict[str, object]) -> Path:
    path = tmp / "isi.xlsm"
    wb = openpyxl.load_workbook(EXAMPLE, keep_vba=True)
    for ref, v in cells.items():
        wb["Jawaban"][ref] = v
    wb.save(path)
    return path


def _recalc(path: Path, tmp: Path) -> tuple[dict, list[tuple[str, str, str]]]:
    before = sha(path)
    out = run_cli("recalc", path, "-o", tmp / "hasil.xlsm", "--json")
    assert out.returncode == 0, out.stderr
    assert sha(path) == before
    res = json.loads(out.stdout)
    return res, [(p["cell"], p["code"], p["severity"]) for p in res["problems"]]


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("clean")
    shutil.copy(EXAMPLE, tmp / "isi.xlsm")
    return _recalc(tmp / "isi.xlsm", tmp)[0]


def _answers(res: dict) -> int:
    return sum(c["n"] for c in res["components"])


def _stopped(path: Path, tmp: Path, cells: list[str]) -> str:
    before = sha(path)
    out = run_cli("recalc", path, "-o", tmp / "hasil.xlsm")
    assert out.returncode == 2, out.stdout
    assert sha(path) == before and not (tmp / "hasil.xlsm").exists()
    assert "[HITUNG_DIHENTIKAN]" in out.stderr and "Traceback" not in out.stderr
    for c in cells:
        assert f"Jawaban!{c} [" in out.stderr
    return out.stderr


def test_error_values_stop_hitung_naming_each_cell(tmp_path: Path) -> None:
    # Excel's own formulas show #N/A in every result using these answers: no number is written
    path = _edit(tmp_path, {"C7": "#N/A", "D8": "#DIV/0!"})
    err = _stopped(path, tmp_path, ["C7", "D8"])
    assert "2 sel" in err and "#N/A" in err and "#DIV/0!" in err


def test_formula_without_result_stops_hitung(tmp_path: Path) -> None:
    path = _edit(tmp_path, {"C7": "=1+2"})  # openpyxl stores no result
    assert "[RUMUS_TANPA_HASIL]" in _stopped(path, tmp_path, ["C7"])


def test_error_in_a_text_column_stops_hitung_too(tmp_path: Path) -> None:
    # the templates' formulas read whole rows (a row "has data"): an error there spreads
    assert "[SEL_GALAT]" in _stopped(_edit(tmp_path, {"A7": "#REF!"}), tmp_path, ["A7"])


def test_formula_with_stored_result_is_used_with_a_note(tmp_path: Path, clean: dict) -> None:
    path = _edit(tmp_path, {})
    data = {n: zipfile.ZipFile(path).read(n) for n in zipfile.ZipFile(path).namelist()}
    sheet = next(n for n in data if n.startswith("xl/worksheets/sheet") and b"Jawaban" in
                 data["xl/workbook.xml"] and b'r="C7"' in data[n] and b'r="AK4"' in data[n])
    wb = openpyxl.load_workbook(path)
    old = wb["Jawaban"]["C7"].value
    import re
    data[sheet] = re.sub(rb'<c r="C7"([^>]*?)(?:/>|>.*?</c>)',
                         lambda m: b'<c r="C7"' + re.sub(rb'\st="\w+"', b"", m.group(1))
                         + b"><f>2+1</f><v>3</v></c>", data[sheet], count=1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in data.items():
            z.writestr(n, b)
    res, probs = _recalc(path, tmp_path)
    assert probs == [("C7", "RUMUS_DI_MASUKAN", "warning")]
    assert res["valid"] is True
    assert _answers(res) == _answers(clean) + (0 if old is not None else 1)


def test_date_is_the_serial_excel_computes_with(tmp_path: Path) -> None:
    path = _edit(tmp_path, {"C7": dt.date(2024, 1, 5)})
    res, _ = _recalc(path, tmp_path)
    p = next(p for p in res["problems"] if p["cell"] == "C7")
    assert p["code"] == "NILAI_DI_LUAR_SKALA" and p["found"] == "45.296 (tanggal 2024-01-05)"
    out = run_cli("check", tmp_path / "hasil.xlsm")
    assert out.returncode == 0, out.stdout  # the workbook's own formulas agree


def test_number_no_spreadsheet_holds(tmp_path: Path) -> None:
    path = _edit(tmp_path, {"C7": 7})
    data = {n: zipfile.ZipFile(path).read(n) for n in zipfile.ZipFile(path).namelist()}
    for n in data:
        if n.startswith("xl/worksheets/") and b'<c r="C7"' in data[n] and b'r="AK4"' in data[n]:
            data[n] = data[n].replace(b"<v>7</v>", b"<v>NaN</v>", 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in data.items():
            z.writestr(n, b)
    assert "#NUM!" in _stopped(path, tmp_path, ["C7"])


# ------------------------------------------------------------------ doubles are named
def test_same_rater_twice_on_one_action_is_named(tmp_path: Path) -> None:
    from tests.conftest import ROOT

    path = tmp_path / "m.xlsm"
    wb = openpyxl.load_workbook(ROOT / "workbooks" / "contoh_mcua_stpp.xlsm", keep_vba=True)
    ws = wb["Teknis"]
    for col in "ACDEFGHIJ":  # row 5 again on row 8 (code, rater, scores)
        if ws[f"{col}5"].data_type != "f":
            ws[f"{col}8"] = ws[f"{col}5"].value
    wb.save(path)
    out = run_cli("recalc", path, "-o", tmp_path / "o.xlsm", "--json")
    assert out.returncode == 0, out.stderr
    probs = [(p["sheet"], p["cell"], p["code"]) for p in json.loads(out.stdout)["problems"]]
    assert ("Teknis", "C8", "PENILAI_GANDA") in probs


def test_duplicate_main_activity_is_named_on_the_supporting_row(tmp_path: Path) -> None:
    from tests.conftest import ROOT

    path = tmp_path / "p.xlsm"
    src = ROOT / "workbooks" / "contoh_prioritas_mps.xlsm"
    wb = openpyxl.load_workbook(src, keep_vba=True)
    main = wb["Pendukung"]["C5"].value
    ws = wb["Kegiatan"]
    last = max(r for r in range(5, 200) if ws[f"D{r}"].value not in (None, ""))
    for col in "BCDE":
        ws[f"{col}{last + 1}"] = ws[f"{col}{last}"].value
    ws[f"D{last + 1}"] = main
    wb.save(path)
    out = run_cli("recalc", path, "-o", tmp_path / "o.xlsm", "--json")
    assert out.returncode == 0, out.stderr
    probs = [(p["sheet"], p["cell"], p["code"]) for p in json.loads(out.stdout)["problems"]]
    assert ("Pendukung", "C5", "UTAMA_GANDA") in probs


def test_scan_places_cells_written_without_a_reference() -> None:
    xml = (b'<worksheet><sheetData><row r="2"><c><v>1</v></c><c t="e"><v>#N/A</v></c>'
           b'<c r="E2"><v>2</v></c><c><f>1+1</f></c></row><row><c t="e"><v>#REF!</v></c>'
           b'</row></sheetData></worksheet>')
    assert scan(xml) == {(2, 2): Special("error", "", "#N/A"),
                         (2, 6): Special("formula_novalue", "1+1", ""),
                         (3, 1): Special("error", "", "#REF!")}
