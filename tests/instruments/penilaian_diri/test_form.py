"""The individual form ``formulir_penilaian_diri.xlsx`` (issue 13, item 1) and its reader.

The built form: a 0–5 drop-down on exactly the 36 answer cells, everything else locked, the
template property, a plain workbook (no macros, links or names beyond print settings) that
Excel opens without repair, the statements verbatim. The reader: forms filled with openpyxl
and by LibreOffice itself (typed over UNO, saved in its own format) read back exactly, with
the right cells, also with rows inserted or cells shifted by a column; what makes a form
unreadable is named by file, sheet and cell. Printing gives two A4 pages, no component
split (LibreOffice's PDF export).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT, TEMPLATE
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.utils import range_boundaries

from xlpokja.core.problems import MESSAGES, XlpokjaError
from xlpokja.core.values import XlDate, XlError
from xlpokja.hosts.headless.grids import grid_of
from xlpokja.hosts.headless.package import Package
from xlpokja.hosts.headless.package_check import check_package
from xlpokja.instruments.penilaian_diri import calc as q
from xlpokja.instruments.penilaian_diri import form as f
from xlpokja.layout.base import cell_ref, split_ref
from xlpokja.merge.model import Grid

FORM = ROOT / "workbooks" / f.FORM_FILE_NAME
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
SOFFICE = shutil.which("soffice")


def _cells(sqref: str) -> set[str]:
    out = set()
    for part in str(sqref).split():
        c1, r1, c2, r2 = range_boundaries(part)
        out |= {cell_ref(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
    return out


# ============================================================== the built form


def test_form_is_built_by_xlpokja_build():
    from xlpokja.instruments import builds, form

    assert f.FORM_FILE_NAME in builds()
    assert form(f.FORM_TEMPLATE_ID) is f
    assert FORM.is_file(), "run xlpokja build"


def test_build_is_reproducible(tmp_path):
    """Two builds give the same bytes, equal to the committed form (timestamps fixed)."""
    from xlpokja.hosts.headless.build import build
    from xlpokja.hosts.headless.compare import same_workbook

    a = build(f.FORM_FILE_NAME, tmp_path / "a" / f.FORM_FILE_NAME)
    b = build(f.FORM_FILE_NAME, tmp_path / "b" / f.FORM_FILE_NAME)
    assert a.read_bytes() == b.read_bytes()
    assert "" == same_workbook(a, FORM)
    with zipfile.ZipFile(a) as z:
        core = z.read("docProps/core.xml").decode()
    assert core.count("2026-01-01T00:00:00Z") == 2  # created and modified: kit.FIXED_TIME


def test_layout_as_documented():
    """The cells the module docstring and the report name (a hand check of the layout)."""
    assert (f.RESPONDENT.value_ref, f.FIELDS[3].value_ref) == ("D6", "D9")
    assert (f.ANSWER_REFS[0], f.ANSWER_REFS[5], f.ANSWER_REFS[6]) == ("E14", "E19", "E21")
    assert (f.ANSWER_REFS[13], f.ANSWER_REFS[14], f.ANSWER_REFS[-1]) == ("E28", "E31", "E55")
    assert (f.BREAK_AFTER, f.ROW_NAME2, f.ROW_CLOSING, f.PRINT_AREA) == (28, 29, 57, "A1:F57")
    assert [h.row for h in f.HEADINGS] == [13, 20, 30, 36, 44, 50]


def test_reader_imports_no_excel_library():
    from conftest import imported_excel_libraries

    assert "[]" == imported_excel_libraries("xlpokja.instruments.penilaian_diri.form")


def test_dropdown_on_exactly_the_answer_cells():
    ws = openpyxl.load_workbook(FORM)[f.FORM_SHEET]
    dvs = ws.data_validations.dataValidation
    assert 1 == len(dvs)
    dv = dvs[0]
    assert (dv.type, dv.formula1) == ("list", '"0,1,2,3,4,5"')
    assert dv.allow_blank and dv.showDropDown in (None, False)  # False: the arrow is shown
    assert dv.showInputMessage and dv.prompt == f.PROMPT
    assert dv.prompt == "0 buruk sekali – 5 baik sekali; kosongkan bila tidak menjawab"
    assert dv.showErrorMessage and dv.error and dv.errorStyle in (None, "stop")
    assert _cells(dv.sqref) == set(f.ANSWER_REFS)
    assert 36 == len(set(f.ANSWER_REFS))


def test_only_the_input_cells_are_unlocked():
    ws = openpyxl.load_workbook(FORM)[f.FORM_SHEET]
    assert ws.protection.sheet and not ws.protection.password
    unlocked = {c.coordinate for row in ws.iter_rows() for c in row
                if c.protection.locked is False}
    fields = set()
    for fld in f.FIELDS:
        fields |= {cell_ref(fld.row, c) for c in range(f.FIELD_VALUE_COL, f.LAST_COL + 1)}
    assert unlocked == set(f.ANSWER_REFS) | fields
    for cell in f.formula_cells():
        assert ws[cell.ref].value == "=" + cell.formula
        assert ws[cell.ref].protection.locked is not False, cell.ref


def test_formulas_use_only_functions_every_program_has():
    used = set()
    for cell in f.formula_cells():
        used |= set(re.findall(r"([A-Z]+)\(", re.sub(r'"[^"]*"', "", cell.formula)))
    assert used <= {"COUNTA", "COUNTIF", "IF", "ISERROR", "ISNUMBER", "AND", "INT"}, used


def test_plain_workbook_without_macros_links_or_names():
    pkg = Package(FORM)
    assert pkg.custom_property("xlpokja_template") == f.FORM_TEMPLATE_ID
    assert pkg.content_type("xl/workbook.xml") == XLSX_TYPE
    with zipfile.ZipFile(FORM) as z:
        names = z.namelist()
        types = z.read("[Content_Types].xml").decode()
        workbook = z.read("xl/workbook.xml").decode()
    assert not [n for n in names if re.search(r"vba|externalLink|drawing|vml|ctrlProp|"
                                              r"activeX|customUI|xlwings|\.bin$", n, re.I)]
    assert "macroEnabled" not in types and "vbaProject" not in types
    assert set(re.findall(r'definedName name="([^"]+)"', workbook)) <= {
        "_xlnm.Print_Area", "_xlnm.Print_Titles"}
    assert pkg.sheet_names == [f.FORM_SHEET]


def test_form_opens_in_excel_without_repair():
    assert [] == check_package(FORM, limit=None)


def test_print_setup_two_a4_portrait_pages():
    ws = openpyxl.load_workbook(FORM)[f.FORM_SHEET]
    ps = ws.page_setup
    assert (int(ps.paperSize), ps.orientation) == (9, "portrait")  # 9: A4
    assert (int(ps.fitToWidth), int(ps.fitToHeight)) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert [b.id for b in ws.row_breaks.brk] == [f.BREAK_AFTER]
    assert ws.print_title_rows.replace("$", "") == f.PRINT_TITLE_ROWS
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    # the break falls between two components, and each page's rows fit an A4 page
    heading_rows = {h.row for h in f.HEADINGS}
    assert f.BREAK_AFTER + 2 in heading_rows and f.BREAK_AFTER + 1 == f.ROW_NAME2
    page = 842 - 72 * (ws.page_margins.top + ws.page_margins.bottom)  # A4: 842 points tall

    def height(r: int) -> float:
        return ws.row_dimensions[r].height or 15

    assert sum(height(r) for r in range(1, f.BREAK_AFTER + 1)) < page - 20
    assert height(f.ROW_HEADER) + sum(height(r) for r in range(
        f.BREAK_AFTER + 1, f.LAST_ROW + 1)) < page - 20


def test_statements_title_and_instruction_verbatim():
    g = grid_of(FORM)
    texts = {v for row in g.rows for v in row if isinstance(v, str)}
    assert "LEMBAR PENILAIAN DIRI SENDIRI KELOMPOK KERJA" in texts
    assert "Petunjuk Pengisian:" in texts
    assert any(f.PETUNJUK_SOURCE in t for t in texts)  # the source sentence, kept
    assert f.PETUNJUK in texts and "pilih" in f.PETUNJUK.replace("memilih", "pilih")
    for s in f.STATEMENTS:
        r, c = split_ref(s.answer_ref)
        row = g.rows[r - 1]
        assert (row[f.COL_KEY - 1], row[f.COL_NO - 1], row[f.COL_TEXT - 1]) == (
            s.item.key, s.item.source_no, s.item.text)
    assert [h.component.form_name for h in f.HEADINGS] == [c.form_name for c in q.COMPONENTS]
    assert [s.item.key for s in f.STATEMENTS] == list(q.ITEM_KEYS)


def test_blank_form_reads_as_blank_and_caches_its_formulas():
    g = grid_of(FORM)
    assert f.is_form(g)
    src = f.read_form(g)
    assert src.answers == [None] * 36 and src.respondent is None
    assert src.cells == list(f.ANSWER_REFS) and src.respondent_cell == f.RESPONDENT.value_ref
    for cell in f.formula_cells():  # a viewer that does not calculate shows these
        r, c = split_ref(cell.ref)
        found = g.rows[r - 1][c - 1] if c <= len(g.rows[r - 1]) else None
        assert (found or "") == cell.value(None), cell.ref
    assert g.rows[f.ROW_STATUS - 1][0] == "Terisi: 0 dari 36"


def test_new_problem_codes_have_both_languages():
    for code in ("FORMULIR_BUTIR_HILANG", "FORMULIR_BUTIR_GANDA"):
        ind, eng = MESSAGES[code]
        assert "{expected}" in ind and "{expected}" in eng and "{found}" in ind


# ==================================================== filled with openpyxl, read back


NAME = "Ibu Sri (Bappeda)"
#: item index -> (what is written, what the reader gives back)
ODD = {2: ("tiga", "tiga"), 3: (7, 7.0), 4: ("#N/A", XlError("#N/A")),
       5: (dt.date(2026, 1, 5), "date"), 6: (None, None), 20: (None, None)}


def _values() -> list[object]:
    vals: list[object] = [(j * 5 + 3) % 6 for j in range(36)]
    for j, (written, _) in ODD.items():
        vals[j] = written
    return vals


def _fill(path: Path, out: Path, values: list[object], *, name: object = NAME,
          edit=None) -> Path:
    wb = openpyxl.load_workbook(path)
    ws = wb[f.FORM_SHEET]
    ws[f.RESPONDENT.value_ref] = name
    ws[f.FIELDS[1].value_ref] = "Pokja AMPL Kabupaten Sukamaju"
    ws[f.FIELDS[3].value_ref] = dt.date(2026, 3, 12)
    for s, v in zip(f.STATEMENTS, values):
        ws[s.answer_ref] = v
    if edit is not None:
        edit(ws)
    wb.save(out)
    return out


def _check_answers(found: list[object], values: list[object]) -> None:
    for j, (got, typed) in enumerate(zip(found, values)):
        if j in ODD:
            want = ODD[j][1]
            if want == "date":
                assert isinstance(got, XlDate) and got.iso == "2026-01-05", got
                assert float(got) == 46027.0
            elif isinstance(want, XlError):
                assert type(got) is XlError and got == want
            else:
                assert got == want and type(got) is type(want), (j, got)
        else:
            assert got == typed and isinstance(got, (int, float)), (j, got)


def test_filled_form_reads_back_exactly(tmp_path):
    values = _values()
    path = _fill(FORM, tmp_path / "sri.xlsx", values)
    g = grid_of(path, f.FORM_SHEET, file="forms/sri.xlsx")
    assert g.template == f.FORM_TEMPLATE_ID and f.is_form(g)
    src = f.read_form(g)
    _check_answers(src.answers, values)
    assert src.cells == list(f.ANSWER_REFS)
    assert (src.file, src.sheet, src.row) == ("forms/sri.xlsx", f.FORM_SHEET, f.RESPONDENT.row)
    assert (src.respondent, src.respondent_cell) == (NAME, f.RESPONDENT.value_ref)
    assert src.submitted == "2026-03-12" and src.mtime == g.mtime and src.notes == []
    fields = f.read_fields(g)
    assert fields["kelompok_kerja"] == ("Pokja AMPL Kabupaten Sukamaju", f.FIELDS[1].value_ref)
    assert fields["lokasi"] == (None, f.FIELDS[2].value_ref)


@pytest.mark.parametrize("engine", ["formualizer", "formulas"])
def test_form_formulas_agree_with_the_core(tmp_path, engine):
    """The form's own formulas, computed by a headless engine on a filled form (text, 7,
    2.5, TRUE, a space, an error value, a date, blanks), equal the core's values."""
    from xlpokja.hosts.headless.engines import evaluate

    values = _values()
    values[7], values[8], values[9], values[10] = 2.5, True, " ", -1
    path = _fill(FORM, tmp_path / "rumus.xlsx", values)
    src = f.read_form(grid_of(path))
    cells = f.formula_cells()
    got = evaluate(engine, path, [(c.sheet, c.ref) for c in cells])
    assert [(c.ref, got[(c.sheet, c.ref)] or "") for c in cells] == [
        (c.ref, c.value(src)) for c in cells]
    status = next(c for c in cells if c.ref == cell_ref(f.ROW_STATUS, 1))
    assert status.value(src) == "Terisi: 26 dari 36"  # 36 - 2 blank - 8 not 0–5


def test_numeric_respondent_code_is_kept_as_found(tmp_path):
    path = _fill(FORM, tmp_path / "17.xlsx", _values(), name=17)
    src = f.read_form(grid_of(path))
    assert src.respondent == 17


def test_row_inserted_above_the_statements_still_reads(tmp_path):
    values = _values()
    # a row above the table header, and one between A3 and A4 (keys move, answers with them)
    a4 = split_ref(f.STATEMENTS[3].answer_ref)[0]

    def insert(ws):
        ws.insert_rows(a4)
        ws.insert_rows(f.ROW_HEADER)

    path = _fill(FORM, tmp_path / "rows.xlsx", values, edit=insert)
    src = f.read_form(grid_of(path))
    _check_answers(src.answers, values)

    def moved(ref: str) -> str:
        r, c = split_ref(ref)
        return cell_ref(r + (r >= f.ROW_HEADER) + (r >= a4), c)

    assert src.cells == [moved(ref) for ref in f.ANSWER_REFS]
    assert src.respondent == NAME and src.respondent_cell == f.RESPONDENT.value_ref


def test_cells_shifted_by_a_column_still_read(tmp_path):
    values = _values()
    path = _fill(FORM, tmp_path / "cols.xlsx", values, edit=lambda ws: ws.insert_cols(1))
    src = f.read_form(grid_of(path))
    _check_answers(src.answers, values)
    assert src.cells == [cell_ref(split_ref(r)[0], f.COL_ANSWER + 1) for r in f.ANSWER_REFS]
    assert (src.respondent, src.respondent_cell) == (NAME, cell_ref(f.RESPONDENT.row, 5))


def test_missing_or_doubled_item_key_names_file_sheet_and_cell(tmp_path):
    a3 = split_ref(f.STATEMENTS[2].answer_ref)[0]
    b1 = split_ref(f.STATEMENTS[6].answer_ref)[0]

    def damage(ws):
        ws.cell(row=a3, column=f.COL_KEY).value = None  # A3's key deleted
        ws.cell(row=b1, column=f.COL_KEY).value = "a1"  # B1's key typed over with A1

    path = _fill(FORM, tmp_path / "rusak.xlsx", _values(), edit=damage)
    with pytest.raises(XlpokjaError) as e:
        f.read_form(grid_of(path, file="forms/rusak.xlsx"))
    got = {(p.code, p.sheet, p.cell, p.expected) for p in e.value.problems}
    at = "forms/rusak.xlsx [Formulir]"
    first_a1 = split_ref(f.STATEMENTS[0].answer_ref)[0]
    assert got == {("FORMULIR_BUTIR_HILANG", at, "A:A", "A3"),
                   ("FORMULIR_BUTIR_HILANG", at, "A:A", "B1"),
                   ("FORMULIR_BUTIR_GANDA", at, f"A{b1}", "A1")}
    dup = next(p for p in e.value.problems if p.code == "FORMULIR_BUTIR_GANDA")
    assert dup.found == f"A{first_a1} dan A{b1}"
    assert "A3" in e.value.message("id") and "column A" in e.value.message("en")


def test_what_is_not_a_form():
    blank = grid_of(FORM)
    # another xlpokja workbook: its Formulir sheet lists the item keys too
    wb = grid_of(TEMPLATE, "Formulir")
    assert wb.template == "penilaian_diri" and not f.is_form(wb) and f.read_form(wb) is None
    assert f.read_form(Grid("x.csv", "", [["A1", "A2"], [1, 2]])) is None
    # a sheet a person added to a form file
    assert not f.is_form(Grid("x.xlsx", "Catatan", [["catatan"]], template=f.FORM_TEMPLATE_ID))
    # the properties lost on the way (e.g. a copy through Google Sheets): the keys decide
    lost = Grid(blank.file, "Sheet1", blank.rows, template=None)
    assert f.is_form(lost) and f.read_form(lost).cells == list(f.ANSWER_REFS)
    half = [list(r) for r in blank.rows]
    for s in f.STATEMENTS[: 36 - f.MIN_KEYS + 1]:
        half[split_ref(s.answer_ref)[0] - 1][f.COL_KEY - 1] = None
    assert not f.is_form(Grid(blank.file, "Sheet1", half))
    # with the property, the same damage is reported, not skipped
    with pytest.raises(XlpokjaError):
        f.read_form(Grid(blank.file, f.FORM_SHEET, half, template=f.FORM_TEMPLATE_ID))


# ---------------------------------------------------------- property: layout changes

_answer = st.one_of(st.none(), st.integers(0, 5).map(float), st.integers(-3, 9),
                    st.sampled_from(["tiga", "n/a", " ", "3"]), st.just(XlError("#DIV/0!")),
                    st.just(XlDate(45296.0, "2024-01-05")), st.booleans())


@functools.lru_cache(maxsize=1)
def _blank() -> Grid:
    return grid_of(FORM)


@settings(max_examples=60, deadline=None)
@given(answers=st.lists(_answer, min_size=36, max_size=36),
       shift=st.integers(0, 3), inserted=st.lists(st.integers(1, 60), max_size=5),
       template=st.sampled_from([None, f.FORM_TEMPLATE_ID]))
def test_reader_follows_the_keys_wherever_they_are(answers, shift, inserted, template):
    """The blank form's grid with answers placed, then columns added on the left and empty
    rows inserted anywhere: every answer comes back as placed, with its new cell."""
    rows = [list(r) + [None] * (f.LAST_COL - len(r)) for r in _blank().rows]
    for s, v in zip(f.STATEMENTS, answers):
        r, c = split_ref(s.answer_ref)
        rows[r - 1][c - 1] = v
    rows = [[None] * shift + r for r in rows]
    where = [split_ref(ref)[0] - 1 for ref in f.ANSWER_REFS]  # 0-based row of each answer
    for at in sorted(inserted, reverse=True):
        at = min(at, len(rows))
        rows.insert(at, [])
        where = [w + (w >= at) for w in where]
    src = f.read_form(Grid("p.xlsx", "Formulir", rows, template=template))
    assert src.answers == answers
    assert [type(a) for a in src.answers] == [type(a) for a in answers]
    assert src.cells == [cell_ref(w + 1, f.COL_ANSWER + shift) for w in where]


# ================================================================== LibreOffice

LO_TYPED = {0: 4, 1: 0, 2: "tiga", 3: 7, 4: None, 9: 5, 35: 2}


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice not installed")
def test_form_filled_and_saved_by_libreoffice_reads_back(tmp_path):
    """LibreOffice types the answers (a row inserted above the header first, as a person
    would with the menu), saves in its own .xlsx; the reader gets every answer back, and
    LibreOffice's own results of the form's formulas equal the core's."""
    from tests.hosts.libreoffice.test_libreoffice_roundtrip import UNO_PYTHON, run_driver

    if UNO_PYTHON is None:
        pytest.skip("python3-uno not installed")
    values = [(j * 5 + 3) % 6 for j in range(36)]
    for j, v in LO_TYPED.items():
        values[j] = v
    shift = 1  # the inserted row

    def at(ref: str) -> str:
        r, c = split_ref(ref)
        return cell_ref(r + (r >= f.ROW_HEADER) * shift, c)

    cells: list[dict] = [{"sheet": f.FORM_SHEET, "edit": "insert_rows", "at": f.ROW_HEADER}]
    cells.append({"sheet": f.FORM_SHEET, "cell": at(f.RESPONDENT.value_ref), "value": NAME})
    for s, v in zip(f.STATEMENTS, values):
        cells.append({"sheet": f.FORM_SHEET, "cell": at(s.answer_ref), "value": v})
    err = f.STATEMENTS[5].answer_ref  # an error value: a formula whose result is #N/A
    cells.append({"sheet": f.FORM_SHEET, "cell": at(err), "formula": "=NA()"})
    values[5] = XlError("#N/A")
    dst = tmp_path / "lo.xlsx"
    run_driver([{"kind": "fill", "src": str(FORM), "dst": str(dst), "cells": cells,
                 "filter": "Calc MS Excel 2007 XML"}], timeout=300)
    g = grid_of(dst)
    assert f.is_form(g) and g.template == f.FORM_TEMPLATE_ID  # LibreOffice keeps the property
    src = f.read_form(g)
    for j, (got, want) in enumerate(zip(src.answers, values)):
        if isinstance(want, XlError):
            assert type(got) is XlError and got == want
        elif want is None or isinstance(want, str):
            assert got == want, j
        else:
            assert got == float(want) and not isinstance(got, bool), j
    assert src.cells == [at(r) for r in f.ANSWER_REFS]
    assert (src.respondent, src.respondent_cell) == (NAME, at(f.RESPONDENT.value_ref))
    for cell in f.formula_cells():  # LibreOffice computed and saved them
        r, c = split_ref(at(cell.ref))
        row = g.rows[r - 1]
        found = row[c - 1] if c <= len(row) else None
        assert (found or "") == cell.value(src), (cell.ref, found)
    assert "Terisi: 32 dari 36" == cell_value_at(g, at(cell_ref(f.ROW_STATUS, 1)))
    assert [] == [p for p in check_package(dst) if p.severity == "error"]


def cell_value_at(g: Grid, ref: str) -> object:
    r, c = split_ref(ref)
    return g.rows[r - 1][c - 1]


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice not installed")
def test_form_prints_on_two_pages(tmp_path):
    profile = tmp_path / "profile"
    subprocess.run([SOFFICE, "--headless", "--norestore",
                    f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(FORM)], capture_output=True, timeout=240)
    pdf = tmp_path / (FORM.stem + ".pdf")
    if not pdf.exists():  # a fresh profile's first start may exit without converting
        subprocess.run([SOFFICE, "--headless", "--norestore",
                        f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf",
                        "--outdir", str(tmp_path), str(FORM)], capture_output=True, timeout=240)
    data = pdf.read_bytes()
    assert 2 == len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    pdftotext = shutil.which("pdftotext")
    if pdftotext:  # which statements are on which page: the break is between B and C
        pages = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True,
                               text=True, timeout=60).stdout.split("\f")
        assert q.ITEMS[0].text in pages[0] and "Halaman 1 dari 2" in pages[0]
        first_c = next(it for it in q.ITEMS if it.component == "C")
        assert first_c.text[:40] in pages[1] and first_c.text[:40] not in pages[0]
        assert "Halaman 2 dari 2" in pages[1]
