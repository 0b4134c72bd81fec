"""Source files to grids (xlpokja/merge/readers.py) and on to respondents' answers: files
made here the way KoboToolbox, Google Forms, Excel and LibreOffice write them; every
answer compared with the matrix that was written."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from merge_sources import (
    answer_matrix,
    excel_table,
    google_forms_csv,
    kobo_csv,
    kobo_path,
    kobo_xlsx_labels,
)

from xlpokja.core.problems import WARNING, Problem, XlpokjaError
from xlpokja.core.values import XlDate, XlError
from xlpokja.instruments.penilaian_diri.calc import ITEM_KEYS
from xlpokja.instruments.penilaian_diri.examples import example_rows
from xlpokja.merge.columns import find_table, mapping_lines, table_rows
from xlpokja.merge.readers import read_grids, sniff_separator

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "workbooks" / "contoh_penilaian_diri.xlsm"


def only_table(path: Path, name: str, problems: list[Problem] | None = None):
    grids = read_grids(path, name, problems)
    tables = [t for t in (find_table(g) for g in grids) if t is not None]
    assert len(tables) == 1
    return tables[0]


def refused(path: Path, name: str) -> Problem:
    with pytest.raises(XlpokjaError) as e:
        read_grids(path, name)
    (p,) = e.value.problems
    assert p.sheet == name
    return p


# --------------------------------------------------------------------------- survey exports

def test_kobo_csv(tmp_path):
    answers = answer_matrix(20, seed=13, blank_rate=0.1)
    path = tmp_path / "kobo_export.csv"
    uuids = kobo_csv(path, answers, duplicate_of=3)
    t = only_table(path, "ekspor/kobo_export.csv")
    assert t.grid.sheet == "" and t.header_row == 1 and t.missing == []
    rows, problems = table_rows(t)
    assert [r.answers for r in rows] == answers + [answers[3]]
    assert [r.respondent for r in rows] == [f"Anggota {i + 1:02d}" for i in range(20)] + [
        "Anggota 04"]
    assert [r.submission_id for r in rows] == uuids  # _uuid, not meta/instanceID
    assert rows[0].submitted == "2026-11-03T09:00:00"  # _submission_time, not end
    assert [r.row for r in rows] == list(range(2, 23))
    assert rows[0].cells[0] == "F2" and rows[0].cells[-1] == "AO2"
    blank_keys = [k for k, v in zip(ITEM_KEYS, answers[0]) if v is None]  # "n/a" on row 2
    assert rows[0].notes == ([f"'n/a' dibaca kosong ({', '.join(blank_keys)})"]
                             if blank_keys else [])
    assert rows[1].notes == []  # blanks written empty
    assert [(p.code, p.sheet, p.cell, p.severity) for p in problems] == [
        ("KIRIMAN_GANDA", "ekspor/kobo_export.csv", "AR22", WARNING)]
    assert "juga di AR5" in problems[0].found
    lines = mapping_lines(t)
    assert lines[:6] == [
        'kolom A "start" → metadata, dilewati', 'kolom B "end" → waktu kiriman lain, dilewati',
        'kolom C "today" → metadata, dilewati', 'kolom D "deviceid" → metadata, dilewati',
        'kolom E "identitas/nama" → responden',
        'kolom F "grp_a/A1" → A1 (kunci dalam jalur grup)']
    assert 'kolom L "penilaian/grp_b/B1" → B1 (kunci dalam jalur grup)' in lines
    assert lines[-11:] == [
        'kolom AP "meta/instanceID" → ID kiriman lain, dilewati',
        'kolom AQ "_id" → metadata, dilewati', 'kolom AR "_uuid" → ID kiriman',
        'kolom AS "_submission_time" → waktu kiriman',
        *[f'kolom {c} "{h}" → metadata, dilewati' for c, h in zip(
            ["AT", "AU", "AV", "AW", "AX", "AY", "AZ"],
            ["_validation_status", "_notes", "_status", "_submitted_by", "__version__",
             "_tags", "_index"])]]


def test_kobo_csv_columns_by_their_headers(tmp_path):
    answers = answer_matrix(3, seed=1)
    path = tmp_path / "k.csv"
    kobo_csv(path, answers, duplicate_of=0)
    t = only_table(path, "k.csv")
    assert t.grid.rows[0][t.submission_id] == "_uuid"
    assert t.grid.rows[0][t.items["B1"]] == kobo_path("B1")


def test_kobo_xlsx_with_labels(tmp_path):
    answers = answer_matrix(12, seed=7)
    path = tmp_path / "kobo_labels.xlsx"
    kobo_xlsx_labels(path, answers)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws["F3"] = "#N/A"  # an error value pasted into the export (openpyxl writes t="e")
    ws["G4"] = "sangat baik"  # a label of another scale
    wb.save(path)
    t = only_table(path, "kobo_labels.xlsx")
    assert t.grid.sheet == "Penilaian Diri Pokja" and t.grid.template is None
    rows, problems = table_rows(t)
    expected = [list(r) for r in answers]
    expected[1][2] = XlError("#N/A")
    expected[2][3] = "sangat baik"
    assert [r.answers for r in rows] == expected
    assert type(rows[1].answers[2]) is XlError
    assert [(p.code, p.cell, p.found) for p in problems] == [
        ("JAWABAN_SUMBER_TIDAK_SAH", "F3", "#N/A"),
        ("JAWABAN_SUMBER_TIDAK_SAH", "G4", "'sangat baik'")]
    assert rows[0].submitted == "2026-11-03 10:00:00"  # a date cell, as its date
    assert any(n.startswith("'3 - cukup' dibaca 3") for r in rows for n in r.notes)
    lines = mapping_lines(t)
    assert lines[3].endswith("→ A1 (teks pernyataan dalam jalur grup)")
    assert lines[9].endswith("→ B1 (teks pernyataan)")


def test_google_forms_csv(tmp_path):
    answers = answer_matrix(30, seed=5, blank_rate=0.03)
    path = tmp_path / "Penilaian diri (Responses) - Form Responses 1.csv"
    google_forms_csv(path, answers)
    t = only_table(path, path.name)
    rows, problems = table_rows(t)
    assert problems == []
    assert [r.answers for r in rows] == answers
    assert rows[0].respondent == "G01" and rows[0].submitted == "2026/11/03 9:00:02 AM GMT+7"
    lines = mapping_lines(t)
    assert lines[0] == 'kolom A "Timestamp" → waktu kiriman'
    assert lines[1] == 'kolom B "Email Address" → metadata, dilewati'
    assert lines[3].endswith("→ A1 (pernyataan dalam judul kisi Google Forms)")


# --------------------------------------------------------------------------- saved tables

@pytest.mark.parametrize("title", [False, True])
def test_table_saved_by_excel(tmp_path, title):
    answers = answer_matrix(8, seed=3)
    path = tmp_path / "rekap.xlsx"
    header_row = excel_table(path, answers, title=title)
    t = only_table(path, "rekap.xlsx")
    assert t.header_row == header_row
    rows, problems = table_rows(t)
    assert problems == [] and [r.answers for r in rows] == answers
    assert [r.row for r in rows] == list(range(header_row + 1, header_row + 9))


def test_the_jawaban_sheet_of_a_questionnaire_workbook():
    grids = read_grids(EXAMPLE, "pokja/contoh_penilaian_diri.xlsm")
    assert {g.template for g in grids} == {"penilaian_diri"}
    (jawaban,) = [g for g in grids if g.sheet == "Jawaban"]
    t = find_table(jawaban)
    assert t.header_row == 4 and t.missing == []
    rows, problems = table_rows(t)
    assert problems == []
    assert [[r.respondent, *r.answers] for r in rows] == example_rows()
    assert rows[0].sheet == "Jawaban" and rows[0].respondent_cell == "A5"
    # the other sheets are no table of answers (the printed form, the tabulation …)
    others = [g.sheet for g in grids if g.sheet != "Jawaban" and find_table(g) is not None]
    assert others == []


def test_error_cells_of_an_xlsx_are_errors_not_blanks(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Responden", "A1", "A2", "A3"])
    ws.append(["R1", "#N/A", "#DIV/0!", 3])
    ws.append(["R2", dt.datetime(2026, 1, 3), True, 4])
    wb.create_sheet("Grafik")
    wb.save(tmp_path / "e.xlsx")
    grids = read_grids(tmp_path / "e.xlsx", "e.xlsx")
    assert [g.sheet for g in grids] == ["Sheet", "Grafik"]
    rows = grids[0].rows
    assert rows[1][1:] == ["#N/A", "#DIV/0!", 3]
    assert type(rows[1][1]) is XlError and type(rows[1][2]) is XlError
    assert type(rows[2][1]) is XlDate and rows[2][2] is True
    _, problems = table_rows(find_table(grids[0]))
    assert [p.cell for p in problems] == ["B2", "C2", "B3", "C3"]


# --------------------------------------------------------------------------- .ods

def make_ods(path: Path, sheets: dict[str, list], template: str | None = None) -> None:
    """A minimal OpenDocument spreadsheet as LibreOffice writes one: an error cell as
    ``calcext:value-type="error"``, empty rows as one repeated row."""
    def cell(v):
        if v is None:
            return "<table:table-cell/>"
        if isinstance(v, XlError):
            return ('<table:table-cell table:formula="of:=NA()" office:value-type="string" '
                    f'calcext:value-type="error"><text:p>{v}</text:p></table:table-cell>')
        if isinstance(v, (int, float)):
            return (f'<table:table-cell office:value-type="float" office:value="{v}" '
                    f'calcext:value-type="float"><text:p>{v}</text:p></table:table-cell>')
        return (f'<table:table-cell office:value-type="string" calcext:value-type="string">'
                f"<text:p>{v}</text:p></table:table-cell>")

    body = ""
    for name, rows in sheets.items():
        body += f'<table:table table:name="{name}">'
        for r in rows:
            if isinstance(r, int):  # r empty rows
                body += (f'<table:table-row table:number-rows-repeated="{r}">'
                         '<table:table-cell table:number-columns-repeated="9"/></table:table-row>')
            else:
                body += "<table:table-row>" + "".join(map(cell, r)) + "</table:table-row>"
        body += "</table:table>"
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}>'
               f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body>"
               "</office:document-content>")
    prop = (f'<meta:user-defined meta:name="xlpokja_template">{template}</meta:user-defined>'
            if template else "")
    meta = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {ns}><office:meta>'
            f"{prop}</office:meta></office:document-meta>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
            'manifest:full-path="/" manifest:media-type='
            '"application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>'))
        z.writestr("content.xml", content)
        z.writestr("meta.xml", meta)


def test_ods_rows_errors_and_template(tmp_path):
    path = tmp_path / "lo.ods"
    make_ods(path, {
        "Data": [["Rekap"], 2, ["Responden", "A1", "A2", "A3"],
                 ["R1", 3, XlError("#N/A"), "3 - cukup"], 3, ["R2", 4, 5, 0]],
        "Kosong": []}, template="penilaian_diri")
    grids = read_grids(path, "lo.ods")
    assert [(g.sheet, g.template) for g in grids] == [
        ("Data", "penilaian_diri"), ("Kosong", "penilaian_diri")]
    t = find_table(grids[0])
    assert t.header_row == 4  # two repeated empty rows kept: rows as LibreOffice shows them
    rows, problems = table_rows(t)
    assert [(r.row, r.respondent, r.answers[:3]) for r in rows] == [
        (5, "R1", [3, XlError("#N/A"), 3]), (9, "R2", [4, 5, 0])]
    assert type(rows[0].answers[1]) is XlError
    assert [(p.code, p.cell) for p in problems] == [("JAWABAN_SUMBER_TIDAK_SAH", "C5")]


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not found")
def test_ods_saved_by_libreoffice(tmp_path):
    """One conversion by LibreOffice itself: the example workbook and a table with error
    formulas, saved as .ods."""
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(EXAMPLE, src / "contoh.xlsm")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Rekap"
    ws.append(["Responden", "A1", "A2"])
    ws.append(["R1", "=NA()", 3])
    ws.append(["R2", 4, "=1/0"])
    wb.save(src / "galat.xlsx")
    profile = tmp_path / "profile"
    subprocess.run([shutil.which("soffice"), "--headless", "--norestore",
                    f"-env:UserInstallation=file://{profile}", "--convert-to", "ods",
                    "--outdir", str(tmp_path), str(src / "contoh.xlsm"), str(src / "galat.xlsx")],
                   capture_output=True, timeout=240, check=False)
    grids = read_grids(tmp_path / "contoh.ods", "contoh.ods")
    assert {g.template for g in grids} == {"penilaian_diri"}  # the property survives
    tables = [t for t in map(find_table, grids) if t is not None]
    assert [t.grid.sheet for t in tables] == ["Jawaban"]
    rows, problems = table_rows(tables[0])
    assert problems == [] and [[r.respondent, *r.answers] for r in rows] == example_rows()
    (g,) = read_grids(tmp_path / "galat.ods", "galat.ods")
    assert g.rows[1][1] == "#N/A" and type(g.rows[1][1]) is XlError
    assert g.rows[2][2] == "#DIV/0!" and type(g.rows[2][2]) is XlError


# --------------------------------------------------------------------------- CSV details

def test_sniffed_separators():
    assert sniff_separator('"a";"b, c";"d"\n"1";"2";"3"\n') == ";"
    assert sniff_separator("a,b;c,d\n1,2;3,4\n") == ","
    assert sniff_separator("a\tb\tc\n1\t2\t3\n") == "\t"
    # Kobo label headers hold commas inside quotes; the rows decide
    head = ";".join(f'"{t}"' for t in ["Nama", "Terdapat sistem, dan prosedur", "x, y, z"])
    assert sniff_separator(head + "\n" + '"a";"1";"2"\n' * 5) == ";"


def test_csv_rows_keep_their_sheet_rows(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('Responden,A1,A2\n\nR1,3,"2"\n"R\n2",#N/A,\nR3,4\n\n\n', encoding="utf-8")
    (g,) = read_grids(path, "t.csv")
    assert g.rows == [["Responden", "A1", "A2"], [None, None, None], ["R1", "3", "2"],
                      ["R\n2", XlError("#N/A"), None], ["R3", "4", None]]
    assert type(g.rows[3][1]) is XlError
    rows, problems = table_rows(find_table(g))
    assert [(r.row, r.answers[:2]) for r in rows] == [(3, [3, 2]), (4, ["#N/A", None]),
                                                      (5, [4, None])]
    assert [(p.code, p.cell) for p in problems] == [("JAWABAN_SUMBER_TIDAK_SAH", "B4")]


def test_csv_keeps_codes_as_text_and_reads_utf16_tab_text(tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_bytes("Kode\tA1\n007\t3\nRéka\t4\n".encode("utf-16"))  # Excel's "Unicode Text"
    (g,) = read_grids(path, "unicode.txt")
    assert g.rows == [["Kode", "A1"], ["007", "3"], ["Réka", "4"]]


def test_csv_in_cp1252_is_read_with_a_warning(tmp_path):
    path = tmp_path / "excel_lama.csv"
    path.write_bytes("Nama responden;A1;A2\r\nJosé Müller;3;4\r\nDédé;5;–\r\n".encode("cp1252"))
    problems: list[Problem] = []
    t = only_table(path, "excel_lama.csv", problems)
    assert [(p.code, p.sheet, p.found, p.severity) for p in problems] == [
        ("SUMBER_ENKODING", "excel_lama.csv", "Windows-1252", WARNING)]
    rows, _ = table_rows(t)
    assert [(r.respondent, r.answers[:2]) for r in rows] == [
        ("José Müller", [3, 4]), ("Dédé", [5, None])]
    path.write_bytes(b"Nama;A1\r\nab\x81c;3\r\n")  # 0x81 is no cp1252 character
    problems.clear()
    (g,) = read_grids(path, "excel_lama.csv", problems)
    assert problems[0].found == "Latin-1" and g.rows[1][0] == "ab\x81c"


def test_mtime_is_the_files_modification_time(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("A1\n3\n")
    when = dt.datetime(2026, 10, 1, 7, 30, 15)
    os.utime(path, (when.timestamp(), when.timestamp()))
    (g,) = read_grids(path, "t.csv")
    assert g.mtime == "2026-10-01T07:30:15"
    excel_table(tmp_path / "t.xlsx", [[1] * 36])
    os.utime(tmp_path / "t.xlsx", (when.timestamp(), when.timestamp()))
    assert read_grids(tmp_path / "t.xlsx", "t.xlsx")[0].mtime == "2026-10-01T07:30:15"


# --------------------------------------------------------------------------- refused files

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


@pytest.mark.parametrize("name", ["lama.xls", "terkunci.xlsx", "terkunci.xlsm"])
def test_old_xls_and_encrypted_workbooks_are_refused(tmp_path, name):
    (tmp_path / name).write_bytes(OLE)
    p = refused(tmp_path / name, f"masuk/{name}")
    assert p.code == "SUMBER_XLS_ATAU_TERENKRIPSI" and ".xls" in p.found
    assert "Simpan Sebagai .xlsx" in p.message()


@pytest.mark.parametrize("name", ["kosong.csv", "kosong.xlsx", "kosong.ods"])
def test_empty_files_are_refused(tmp_path, name):
    (tmp_path / name).write_bytes(b"")
    assert refused(tmp_path / name, name).code == "SUMBER_KOSONG"


def test_blank_text_is_refused(tmp_path):
    (tmp_path / "b.csv").write_text("\n \n\t\n")
    assert refused(tmp_path / "b.csv", "b.csv").code == "SUMBER_KOSONG"


@pytest.mark.parametrize("name,data,found", [
    ("laporan.pdf", b"%PDF-1.4", "berkas .pdf"),
    ("catatan", b"x", "tanpa akhiran"),
    ("web.xls", b"<html><table>", "halaman web"),
    ("salah.csv", b"PK\x03\x04rest", "arsip zip"),
    ("rusak.xlsx", b"not a zip at all", "bukan arsip zip"),
])
def test_not_a_spreadsheet_is_refused(tmp_path, name, data, found):
    (tmp_path / name).write_bytes(data)
    p = refused(tmp_path / name, name)
    assert p.code == "SUMBER_BUKAN_LEMBAR_KERJA" and found in p.found


def test_binary_and_damaged_files_are_refused(tmp_path):
    (tmp_path / "bin.csv").write_bytes(b"A1,A2\n\x00\x01\x02")
    assert refused(tmp_path / "bin.csv", "bin.csv").code == "SUMBER_TIDAK_TERBACA"
    (tmp_path / "quote.csv").write_text('A1;A2\n"3;4\n5;1\n')  # a quote never closed
    assert refused(tmp_path / "quote.csv", "quote.csv").code == "SUMBER_TIDAK_TERBACA"
    with zipfile.ZipFile(tmp_path / "docx.xlsx", "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w/>")
    p = refused(tmp_path / "docx.xlsx", "in/docx.xlsx")
    assert p.code == "BERKAS_RUSAK" and "xl/workbook.xml" in p.found
    with zipfile.ZipFile(tmp_path / "odt.ods", "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    assert refused(tmp_path / "odt.ods", "odt.ods").code == "SUMBER_BUKAN_LEMBAR_KERJA"


def test_a_folder_is_refused(tmp_path):
    (tmp_path / "d.csv").mkdir()
    assert refused(tmp_path / "d.csv", "d.csv").code == "SUMBER_BUKAN_LEMBAR_KERJA"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions")
def test_an_unreadable_file_is_refused(tmp_path):
    path = tmp_path / "rahasia.csv"
    path.write_text("A1\n3\n")
    path.chmod(0)
    try:
        assert refused(path, "rahasia.csv").code == "SUMBER_TIDAK_TERBACA"
    finally:
        path.chmod(0o600)


def test_a_missing_file_is_the_callers_to_name(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_grids(tmp_path / "tidak_ada.csv", "tidak_ada.csv")


def test_the_source_file_is_not_changed(tmp_path):
    path = tmp_path / "k.csv"
    kobo_csv(path, answer_matrix(5, seed=2))
    xlsx = tmp_path / "k.xlsx"
    kobo_xlsx_labels(xlsx, answer_matrix(5, seed=2))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (path, xlsx)}
    for p in before:
        table_rows(only_table(p, p.name))
    assert before == {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in before}
