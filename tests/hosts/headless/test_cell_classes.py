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


def test_error_values_are_named_and_not_counted(tmp_path: Path, clean: dict) -> None:
    # C7 held an answer in the example; an error value there is named, not read as blank
    path = _edit(tmp_path, {"C7": "#N/A", "D8": "#DIV/0!"})
    res, probs = _recalc(path, tmp_path)
    assert ("C7", "NILAI_ERROR", "error") in probs and ("D8", "NILAI_ERROR", "error") in probs
    assert res["valid"] is False
    assert _answers(res) == _answers(clean) - 2


def test_formula_without_result_is_named(tmp_path: Path, clean: dict) -> None:
    path = _edit(tmp_path, {"C7": "=1+2"})  # openpyxl stores no result
    res, probs = _recalc(path, tmp_path)
    assert probs == [("C7", "RUMUS_TANPA_HASIL", "error")]
    assert _answers(res) == _answers(clean) - 1


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
    res, probs = _recalc(path, tmp_path)
    assert ("C7", "NILAI_ERROR", "error") in probs
    text = json.dumps(res)
    assert "NaN" not in text
