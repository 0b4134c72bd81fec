"""``xlpokja check`` checks the package as Excel would open it, before any formula: each
fault Excel refuses or repairs is planted into a copy of a clean workbook, and ``check``
must fail naming the part, the element and the stable code."""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT, run_cli
from lxml import etree

from xlpokja.core.problems import MESSAGES, WARNING
from xlpokja.hosts.headless.package import Package, rels_part, resolve
from xlpokja.hosts.headless.package_check import as_warnings, check_package, valid_defined_name

WORKBOOKS = sorted((ROOT / "workbooks").glob("*.xlsm"))
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
Q = f"{{{NS}}}"
VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
MACRO_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
CTRL_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/ctrlProp"
CTRL_TYPE = "application/vnd.ms-excel.controlproperties+xml"

Edit = Callable[[bytes], bytes]


# ----------------------------------------------------------------- helpers


def plant(src: Path, dst: Path, edits: dict[str, Edit | None]) -> Path:
    """Copy the package ``src`` to ``dst`` byte for byte except ``edits`` (part -> new
    bytes from the old, ``None`` deletes the part; a part not in ``src`` is added from
    ``b""``): no writer of ours in between, as another program would leave it."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        names = zin.namelist()
        for name in names:
            data = zin.read(name)
            if name in edits:
                if edits[name] is None:
                    continue
                data = edits[name](data)
            zout.writestr(name, data)
        for name, edit in edits.items():
            if name not in names and edit is not None:
                zout.writestr(name, edit(b""))
    return dst


def sheet_part(name: str, path: Path = EXAMPLE) -> str:
    return Package(path).sheet_paths[name]


def label(name: str) -> str:
    """How a worksheet part is named in a finding: ``part (Sheet)``."""
    return f"{sheet_part(name)} ({name})"


def vml_of(sheet: str, path: Path = EXAMPLE) -> str:
    part = sheet_part(sheet, path)
    rels = zipfile.ZipFile(path).read(rels_part(part)).decode()
    target = re.search(r'Type="[^"]*/vmlDrawing" Target="([^"]+)"|Target="([^"]+)"[^>]*'
                       r'Type="[^"]*/vmlDrawing"', rels)
    return resolve(part, target.group(1) or target.group(2))


def xml_edit(change: Callable[[etree._Element], None]) -> Edit:
    """An edit that parses a part, lets ``change`` alter the tree and writes it back."""
    def edit(data: bytes) -> bytes:
        root = etree.fromstring(data)
        change(root)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return edit


def text_edit(old: str, new: str, count: int = 1) -> Edit:
    def edit(data: bytes) -> bytes:
        text = data.decode()
        assert old in text, old
        return text.replace(old, new, count).encode()
    return edit


def regex_edit(pattern: str, repl: str) -> Edit:
    """:func:`text_edit` of the first match of ``pattern`` (a cell whatever its style
    index, which moves when the builder's styles change)."""
    def edit(data: bytes) -> bytes:
        text = data.decode()
        assert re.search(pattern, text), pattern
        return re.sub(pattern, repl, text, count=1).encode()
    return edit


def find_row(root: etree._Element, r: int) -> etree._Element:
    return root.find(f"{Q}sheetData/{Q}row[@r='{r}']")


def codes(problems) -> set[tuple[str, str, str]]:
    return {(p.code, p.sheet, p.cell) for p in problems}


def assert_check_fails(path: Path, code: str, part: str, element: str, rc: int = 1) -> str:
    """``xlpokja check`` exits 1 (2: nothing can be computed) and lists
    ``part element [code]``."""
    r = run_cli("check", path)
    assert rc == r.returncode, r.stdout + r.stderr
    assert f"{part} {element} [{code}]" in r.stdout, r.stdout
    return r.stdout


# ------------------------------------------------------------- clean files


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_committed_workbooks_have_no_package_findings(path):
    assert [] == check_package(path, limit=None)


def test_clean_copy_passes_check(tmp_path):
    path = plant(EXAMPLE, tmp_path / "bersih.xlsm", {})
    assert [] == check_package(path)
    r = run_cli("check", path)
    assert 0 == r.returncode, r.stdout + r.stderr
    assert "OK " in r.stdout and " 0 temuan paket" in r.stdout


# ------------------------------------------------------- planted faults (CLI)


def _wrong_content_type(tmp: Path) -> tuple[Path, str, str, str]:
    path = plant(EXAMPLE, tmp / "tipe.xlsm", {
        "[Content_Types].xml": text_edit(MACRO_TYPE, XLSX_TYPE)})
    return (path, "PAKET_TIPE_KONTEN", "[Content_Types].xml",
            '<Override PartName="/xl/workbook.xml">')


def _cells_out_of_order(tmp: Path) -> tuple[Path, str, str, str]:
    def change(root):
        row = find_row(root, 4)
        row.append(row[0])  # A4 moved behind AK4
    path = plant(EXAMPLE, tmp / "sel.xlsm", {sheet_part("Jawaban"): xml_edit(change)})
    return path, "PAKET_URUTAN_SEL", label("Jawaban"), '<c r="A4">'


def _rows_out_of_order(tmp: Path) -> tuple[Path, str, str, str]:
    def change(root):
        find_row(root, 6).addnext(find_row(root, 5))  # row 5 after row 6
    path = plant(EXAMPLE, tmp / "baris.xlsm", {sheet_part("Jawaban"): xml_edit(change)})
    return path, "PAKET_URUTAN_BARIS", label("Jawaban"), '<row r="5">'


def _duplicate_vml_shape_id(tmp: Path) -> tuple[Path, str, str, str]:
    first, second = vml_of("Jawaban"), vml_of("Ringkasan")
    spid = re.search(rb'o:spid="(_x0000_s\d+)"', zipfile.ZipFile(EXAMPLE).read(first)).group(1)
    other = re.search(rb'o:spid="(_x0000_s\d+)"', zipfile.ZipFile(EXAMPLE).read(second)).group(1)
    path = plant(EXAMPLE, tmp / "spid.xlsm", {second: text_edit(other.decode(), spid.decode())})
    return path, "PAKET_ID_BENTUK", second, f'<v:shape o:spid="{spid.decode()}">'


def _add_control(sheet: str, shape_id: int, name: str, n: int) -> dict[str, Edit]:
    """A form control as Excel and LibreOffice write it (with its control properties)."""
    part = sheet_part(sheet)
    rels = rels_part(part)
    ctrl = f"xl/ctrlProps/ctrlProp{n}.xml"
    rid = f"rIdCtl{n}"
    control = (
        '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-'
        'compatibility/2006"><mc:Choice Requires="x14"><controls xmlns:r="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships"><mc:AlternateContent>'
        f'<mc:Choice Requires="x14"><control shapeId="{shape_id}" r:id="{rid}" name="{name}">'
        '<controlPr defaultSize="0" macro="[0]!Hitung"/></control></mc:Choice>'
        f'<mc:Fallback><control shapeId="{shape_id}" r:id="{rid}" name="{name}"/></mc:Fallback>'
        "</mc:AlternateContent></controls></mc:Choice></mc:AlternateContent>")
    return {
        part: text_edit("</worksheet>", control + "</worksheet>"),
        rels: text_edit("</Relationships>", f'<Relationship Id="{rid}" Type="{CTRL_REL}" '
                        f'Target="../ctrlProps/ctrlProp{n}.xml"/></Relationships>'),
        ctrl: lambda _: (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                         b'<formControlPr xmlns="http://schemas.microsoft.com/office/'
                         b'spreadsheetml/2009/9/main" objectType="Button" lockText="1"/>'),
    }


def _chain(first: Edit, then: Edit) -> Edit:
    """Two edits of one part, one after the other."""
    return lambda data: then(first(data))


def _with_controls(*controls: tuple[str, int, str]) -> dict[str, Edit]:
    edits: dict[str, Edit] = {}
    overrides = ""
    for n, (sheet, shape_id, name) in enumerate(controls, start=1):
        for part, edit in _add_control(sheet, shape_id, name, n).items():
            edits[part] = _chain(edits[part], edit) if part in edits else edit
        overrides += (f'<Override PartName="/xl/ctrlProps/ctrlProp{n}.xml" '
                      f'ContentType="{CTRL_TYPE}"/>')
    edits["[Content_Types].xml"] = text_edit("</Types>", overrides + "</Types>")
    return edits


def _duplicate_control_shape_id(tmp: Path) -> tuple[Path, str, str, str]:
    # what a LibreOffice save writes: every control shape id 1001, on every sheet
    path = plant(EXAMPLE, tmp / "kontrol.xlsm",
                 _with_controls(("Jawaban", 1001, "Tombol1"), ("Ringkasan", 1001, "Tombol1")))
    return (path, "PAKET_ID_BENTUK", label("Ringkasan"),
            '<control shapeId="1001" name="Tombol1">')


def _control_without_vml_shape(tmp: Path) -> tuple[Path, str, str, str]:
    spid = int(re.search(rb'o:spid="_x0000_s(\d+)"',
                         zipfile.ZipFile(EXAMPLE).read(vml_of("Jawaban"))).group(1))
    path = plant(EXAMPLE, tmp / "tanpa_vml.xlsm",
                 _with_controls(("Jawaban", spid, "TombolHitung"),  # matches: fine
                                ("Jawaban", spid + 7, "TombolLain")))
    return (path, "PAKET_ID_BENTUK", label("Jawaban"),
            f'<control shapeId="{spid + 7}" name="TombolLain">')


def _xlsm_without_vba(tmp: Path) -> tuple[Path, str, str, str]:
    def change(root):
        for r in list(root):
            if r.get("Type") == VBA_REL:
                root.remove(r)
    path = plant(EXAMPLE, tmp / "tanpa_vba.xlsm", {
        "xl/vbaProject.bin": None, "xl/_rels/workbook.xml.rels": xml_edit(change)})
    return (path, "PAKET_VBA_HILANG", "xl/_rels/workbook.xml.rels",
            f'<Relationship Type="{VBA_REL}">')


def _duplicate_print_titles(tmp: Path) -> tuple[Path, str, str, str]:
    def change(root):
        for d in root.iter(Q + "definedName"):
            if d.get("name") == "_xlnm.Print_Titles" and d.get("localSheetId") == "2":
                twin = etree.fromstring(etree.tostring(d))
                twin.text = "'Jawaban'!$A:$A,'Jawaban'!$4:$4"
                d.addnext(twin)
                return
        raise AssertionError("no print titles on sheet 2")
    path = plant(EXAMPLE, tmp / "judul.xlsm", {"xl/workbook.xml": xml_edit(change)})
    return (path, "PAKET_NAMA_GANDA", "xl/workbook.xml",
            '<definedName name="_xlnm.Print_Titles" localSheetId="2">')


def _bad_name_syntax(tmp: Path) -> tuple[Path, str, str, str]:
    def change(root):
        names = root.find(Q + "definedNames")
        d = etree.SubElement(names, Q + "definedName", name="Nilai Akhir")
        d.text = "Ringkasan!$D$16"
    path = plant(EXAMPLE, tmp / "nama.xlsm", {"xl/workbook.xml": xml_edit(change)})
    return path, "PAKET_NAMA_TIDAK_SAH", "xl/workbook.xml", '<definedName name="Nilai Akhir">'


def _missing_target(tmp: Path) -> tuple[Path, str, str, str]:
    path = plant(EXAMPLE, tmp / "target.xlsm", {"xl/charts/chart1.xml": None})
    rels = zipfile.ZipFile(EXAMPLE).read("xl/drawings/_rels/drawing1.xml.rels").decode()
    rel = re.search(r"<Relationship [^>]*chart1\.xml[^>]*>", rels).group(0)
    rid, target = re.search(r'Id="([^"]+)"', rel).group(1), re.search(
        r'Target="([^"]+)"', rel).group(1)
    return (path, "PAKET_TARGET_HILANG", "xl/drawings/_rels/drawing1.xml.rels",
            f'<Relationship Id="{rid}" Target="{target}">')


def _long_dv_formula(tmp: Path) -> tuple[Path, str, str, str]:
    part = sheet_part("Jawaban")
    sqref = re.search(rb'<dataValidation [^>]*sqref="([^"]+)"',
                      zipfile.ZipFile(EXAMPLE).read(part)).group(1).decode()
    path = plant(EXAMPLE, tmp / "validasi.xlsm", {
        part: text_edit("<formula1>0</formula1>", f"<formula1>{'0' * 256}</formula1>")})
    return (path, "PAKET_VALIDASI_PANJANG", label("Jawaban"),
            f'<dataValidation sqref="{sqref}"> <formula1>')


def _long_formula(tmp: Path) -> tuple[Path, str, str, str]:
    part = sheet_part("Tabulasi")
    data = zipfile.ZipFile(EXAMPLE).read(part).decode()
    m = re.search(r'<c r="([A-Z]+\d+)"[^>]*><f>([^<]+)</f>', data)
    ref, f = m.group(1), m.group(2)
    longer = f + "+" + "0" * (8193 - len(html.unescape(f)) - 1)  # same value, 8,193 chars
    path = plant(EXAMPLE, tmp / "rumus.xlsm", {part: text_edit(f"<f>{f}</f>", f"<f>{longer}</f>")})
    return path, "PAKET_RUMUS_PANJANG", label("Tabulasi"), f'<c r="{ref}"> <f>'


def _nan_value(tmp: Path) -> tuple[Path, str, str, str]:
    part = sheet_part("Jawaban")
    path = plant(EXAMPLE, tmp / "nan.xlsm", {
        part: regex_edit(r'<c r="B5" s="(\d+)" t="n"><v>3</v></c>',
                         r'<c r="B5" s="\1" t="n"><v>NaN</v></c>')})
    return path, "PAKET_ANGKA_TIDAK_SAH", label("Jawaban"), '<c r="B5"> <v>'


FAULTS = {
    "wrong content type": _wrong_content_type,
    "cells out of order": _cells_out_of_order,
    "rows out of order": _rows_out_of_order,
    "duplicate VML shape id": _duplicate_vml_shape_id,
    "duplicate control shape id": _duplicate_control_shape_id,
    "control without VML shape": _control_without_vml_shape,
    "xlsm without VBA project": _xlsm_without_vba,
    "duplicate print titles": _duplicate_print_titles,
    "bad name syntax": _bad_name_syntax,
    "missing relationship target": _missing_target,
    "data-validation formula of 256 characters": _long_dv_formula,
    "formula of 8,193 characters": _long_formula,
    "NaN in a number cell": _nan_value,
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_check_fails_on_a_planted_fault_naming_part_and_element(tmp_path, fault):
    path, code, part, element = FAULTS[fault](tmp_path)
    assert (code, part, element) in codes(check_package(path)), check_package(path)
    # NaN in an answer also stops Hitung (HITUNG_DIHENTIKAN): the formulas cannot be checked
    assert_check_fails(path, code, part, element, 2 if fault.startswith("NaN") else 1)


def test_xlsm_without_vba_says_the_buttons_are_gone_and_how_to_recover(tmp_path):
    path, code, part, element = _xlsm_without_vba(tmp_path)
    out = assert_check_fails(path, code, part, element)
    assert "tombol" in out and "xlpokja build" in out and "templat asli" in out
    assert "sel rumus diperiksa, 0 perbedaan" in out  # the formulas were still evaluated
    en = run_cli("check", path, "--lang", "en").stdout
    assert "buttons" in en and "xlpokja build" in en
    # the part deleted but its relationship kept: both said
    only_part = plant(EXAMPLE, tmp_path / "tanpa_bin.xlsm", {"xl/vbaProject.bin": None})
    found = {p.code for p in check_package(only_part)}
    assert {"PAKET_VBA_HILANG", "PAKET_TARGET_HILANG"} <= found


def test_an_xlsx_needs_no_vba_and_the_xlsx_type(tmp_path):
    def change(root):
        for r in list(root):
            if r.get("Type") == VBA_REL:
                root.remove(r)
    edits = {"xl/vbaProject.bin": None, "xl/_rels/workbook.xml.rels": xml_edit(change),
             "[Content_Types].xml": text_edit(MACRO_TYPE, XLSX_TYPE)}
    assert [] == check_package(plant(EXAMPLE, tmp_path / "biasa.xlsx", edits))
    # the macro-enabled type under an .xlsx name is refused as well
    wrong = plant(EXAMPLE, tmp_path / "salah.xlsx", {})
    assert {"PAKET_TIPE_KONTEN"} == {p.code for p in check_package(wrong)}


# ---------------------------------------------------------- direct findings


def test_boundaries_are_allowed(tmp_path):
    part = sheet_part("Jawaban")
    tab = sheet_part("Tabulasi")
    data = zipfile.ZipFile(EXAMPLE).read(tab).decode()
    f = re.search(r'<c r="[A-Z]+\d+"[^>]*><f>([^<]+)</f>', data).group(1)
    path = plant(EXAMPLE, tmp_path / "batas.xlsm", {
        part: text_edit("<formula1>0</formula1>", f"<formula1>{'0' * 255}</formula1>"),
        tab: text_edit(f"<f>{f}</f>", f"<f>{f}+{'0' * (8192 - len(html.unescape(f)) - 1)}</f>")})
    assert [] == check_package(path)


def test_other_faults_are_named(tmp_path):
    jaw = sheet_part("Jawaban")
    long_text = "x" * 32768

    def workbook(root):
        sheets = list(root.iter(Q + "sheet"))
        sheets[3].set("sheetId", sheets[2].get("sheetId"))  # Status gets Jawaban's id
        sheets[4].set("name", sheets[2].get("name").upper())  # 'JAWABAN' next to 'Jawaban'
        names = root.find(Q + "definedNames")
        for bad in ("AB12", "R1C1", "1abc", "r"):
            etree.SubElement(names, Q + "definedName", name=bad).text = "Ringkasan!$D$16"
        etree.SubElement(names, Q + "definedName", name="Jauh", localSheetId="40").text = "1"
        for good in ("_Skor.Total", "\\Catatan", "Nilai_Akhir2", "XFE1"):
            etree.SubElement(names, Q + "definedName", name=good).text = "1"

    path = plant(EXAMPLE, tmp_path / "lain.xlsm", {
        "xl/workbook.xml": xml_edit(workbook),
        jaw: regex_edit(r'<c r="B5" s="(\d+)" t="n"><v>3</v></c>',
                        rf'<c r="B5" s="\1" t="inlineStr"><is><t>{long_text}</t></is></c>'
                       f'<c r="B5" t="n"><v>inf</v></c>'),
        "xl/media/image1.png": lambda _: b"\x89PNG",
        "xl/worksheets/_rels/sheet1.xml.rels": lambda _: (
            b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
            b'http://x/image" Target="../media/image1.png"/><Relationship Id="rId1" Type="'
            b'http://x/hyperlink" Target="https://example.org" TargetMode="External"/>'
            b"</Relationships>"),
    })
    found = codes(check_package(path))
    wb = "xl/workbook.xml"
    expected = {
        ("PAKET_ID_SHEET_GANDA", wb, '<sheet name="Status" sheetId="3">'),
        ("PAKET_NAMA_SHEET", wb, '<sheet name="JAWABAN">'),
        ("PAKET_NAMA_TIDAK_SAH", wb, '<definedName name="AB12">'),
        ("PAKET_NAMA_TIDAK_SAH", wb, '<definedName name="R1C1">'),
        ("PAKET_NAMA_TIDAK_SAH", wb, '<definedName name="1abc">'),
        ("PAKET_NAMA_TIDAK_SAH", wb, '<definedName name="r">'),
        ("PAKET_NAMA_TIDAK_SAH", wb, '<definedName name="Jauh" localSheetId="40">'),
        ("PAKET_TEKS_PANJANG", label("Jawaban"), '<c r="B5"> <is>'),
        ("PAKET_ANGKA_TIDAK_SAH", label("Jawaban"), '<c r="B5"> <v>'),
        ("PAKET_URUTAN_SEL", label("Jawaban"), '<c r="B5">'),
        ("PAKET_TIPE_KONTEN", "[Content_Types].xml", '<Override PartName="/xl/media/image1.png">'),
        ("PAKET_ID_RELASI_GANDA", "xl/worksheets/_rels/sheet1.xml.rels",
         '<Relationship Id="rId1">'),
    }
    assert expected <= found, sorted(found)
    assert not [f for f in found if "_Skor" in f[2] or "Catatan" in f[2] or "XFE1" in f[2]]


def test_defined_name_rules():
    for ok in ("PD_JAWABAN", "_xlnm.Print_Titles", "_Skor", "\\x", "Nilai.Akhir", "XFE1",
               "A1B", "RC_x", "Ñame", "a" * 255):
        assert valid_defined_name(ok) is None, ok
    for bad in ("", "A1", "xfd1048576", "R1C1", "RC", "R", "c", "C12", "Nilai Akhir",
                "1x", ".x", "a-b", "a" * 256):
        assert valid_defined_name(bad), bad


def test_many_findings_are_counted_not_listed(tmp_path):
    def change(root):
        for row in root.find(Q + "sheetData"):
            if len(row) > 1:
                row.append(row[0])
    path = plant(EXAMPLE, tmp_path / "banyak.xlsm", {sheet_part("Jawaban"): xml_edit(change)})
    all_ = check_package(path, limit=None)
    n = sum(p.code == "PAKET_URUTAN_SEL" for p in all_)
    assert n > 10
    few = check_package(path, limit=5)
    assert 5 == sum(p.code == "PAKET_URUTAN_SEL" for p in few)
    extra = [p for p in few if p.code == "PAKET_TEMUAN_LAIN"]
    assert 1 == len(extra) and "PAKET_URUTAN_SEL" == extra[0].expected
    assert f"jumlah {n}" in extra[0].found


# --------------------------------------------------- use from recalc (Package)


def test_an_opened_package_is_checked_as_it_would_be_saved(tmp_path):
    pkg = Package(plant(EXAMPLE, tmp_path / "a.xlsm", {}))
    assert [] == check_package(pkg, parts=["xl/workbook.xml"])
    wb = pkg.xml("xl/workbook.xml")  # a writer edits the tree ...
    for d in wb.iter(Q + "definedName"):
        if d.get("name") == "_xlnm.Print_Titles":
            d.addnext(etree.fromstring(etree.tostring(d)))
            break
    pkg.touch("xl/workbook.xml")  # ... and marks it: the edited tree is what is checked
    found = check_package(pkg, parts=["xl/workbook.xml"])
    assert {"PAKET_NAMA_GANDA"} == {p.code for p in found}
    assert all(p.severity == WARNING for p in as_warnings(found))


def test_parts_limits_the_check_to_what_was_rewritten(tmp_path):
    path, code, part, element = _cells_out_of_order(tmp_path)
    pkg = Package(path)
    jaw, status = sheet_part("Jawaban"), sheet_part("Status")
    assert [] == check_package(pkg, parts=[status])
    assert (code, part, element) in codes(check_package(pkg, parts=[jaw]))
    ct_path = _wrong_content_type(tmp_path)[0]
    assert [] == check_package(Package(ct_path), parts=[status])
    assert {"PAKET_TIPE_KONTEN"} == {p.code for p in check_package(
        Package(ct_path), parts=["[Content_Types].xml"])}
    # shape ids are still compared with the sheets not checked
    dup = _duplicate_control_shape_id(tmp_path)[0]
    found = check_package(Package(dup), parts=[sheet_part("Ringkasan")])
    assert ("PAKET_ID_BENTUK", label("Ringkasan"), '<control shapeId="1001" name="Tombol1">') in \
        codes(found)


def test_extension_argument_is_the_saved_name(tmp_path):
    pkg = Package(plant(EXAMPLE, tmp_path / "a.xlsm", {}))
    assert [] == check_package(pkg, extension=".xlsm")
    assert {"PAKET_TIPE_KONTEN", "PAKET_VBA_HILANG"} >= {
        p.code for p in check_package(pkg, extension=".xlsx")} != set()


def test_every_package_code_has_both_messages():
    from xlpokja.hosts.headless import package_check

    doc = package_check.__doc__
    used = set(re.findall(r'"(PAKET_[A-Z_]+)"', Path(package_check.__file__).read_text()))
    assert used <= set(MESSAGES)
    for code in used:
        assert f"``{code}``" in doc, code  # documented in the module
        id_, en = MESSAGES[code]
        assert id_.format(expected="E", found="F") and en.format(expected="E", found="F")


def test_a_workbook_saved_by_openpyxl_passes(tmp_path):
    import openpyxl

    saved = tmp_path / "openpyxl.xlsm"
    wb = openpyxl.load_workbook(EXAMPLE, keep_vba=True)
    wb["Jawaban"]["A5"] = "R01 diubah"
    wb.save(saved)
    assert [] == check_package(saved)  # another writer's package is clean too


def test_shared_strings_are_checked(tmp_path):
    jaw = sheet_part("Jawaban")
    sst_rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    sst_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    edits = {
        "xl/sharedStrings.xml": lambda _: (
            f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}" count="3" '
            f'uniqueCount="3"><si><t>R01</t></si><si><r><t>{"x" * 32000}</t></r><r><t>'
            f'{"y" * 768}</t></r></si><si><t>ok</t><rPh sb="0" eb="1"><t>{"z" * 40000}</t>'
            "</rPh></si></sst>").encode(),
        "xl/_rels/workbook.xml.rels": text_edit(
            "</Relationships>", f'<Relationship Id="rIdSst" Type="{sst_rel}" '
            'Target="sharedStrings.xml"/></Relationships>'),
        "[Content_Types].xml": text_edit(
            "</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{sst_type}"/>'
            "</Types>"),
    }
    good = plant(EXAMPLE, tmp_path / "sst_baik.xlsm", {**edits, jaw: lambda d: re.sub(
        rb'<c r="A5"( s="\d+")? t="inlineStr"><is><t>R01</t></is></c>',
        rb'<c r="A5"\1 t="s"><v>0</v></c>', d)})
    found = codes(check_package(good))
    # 32,000 + 768 characters of runs; the phonetic run does not count
    assert {("PAKET_TEKS_PANJANG", "xl/sharedStrings.xml", "<si> ke-1")} == found
    bad = plant(EXAMPLE, tmp_path / "sst.xlsm", {**edits, jaw: lambda d: re.sub(
        rb'<c r="A5"( s="\d+")? t="inlineStr"><is><t>R01</t></is></c>',
        rb'<c r="A5"\1 t="s"><v>3</v></c>', d)})
    assert ("PAKET_TEKS_BERSAMA_HILANG", label("Jawaban"), '<c r="A5"> <v>') in codes(
        check_package(bad))


def test_a_broken_sheet_is_named_and_check_says_the_workbook_is_unusable(tmp_path):
    part = sheet_part("Status")
    path = plant(EXAMPLE, tmp_path / "rusak.xlsm", {
        part: lambda d: d.replace(b"</sheetData>", b"</sheetDat>", 1)})
    assert {("PAKET_XML_RUSAK", label("Status"), "")} == codes(check_package(path))
    r = run_cli("check", path)
    assert 2 == r.returncode, r.stdout + r.stderr  # no formula could be evaluated
    assert f"{label('Status')} [PAKET_XML_RUSAK]" in r.stdout
    assert "[BERKAS_RUSAK]" in r.stdout
