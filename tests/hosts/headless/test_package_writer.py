"""What every writer (build, recalc and the other buttons) leaves in the package: the
content type Excel requires, cells in order, the dimension, one print-titles name per
sheet, the template's buttons (repaired after another program damaged them) and the
input's permission bits."""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import stat
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT, run_cli

from xlpokja.hosts.headless import buttons
from xlpokja.hosts.headless.package import WORKBOOK_TYPES, Package, current_umask
from xlpokja.instruments import TEMPLATES
from xlpokja.instruments.penilaian_diri import layout as pd

WORKBOOKS = sorted((ROOT / "workbooks").glob("*.xlsm"))
MACRO_TYPE = WORKBOOK_TYPES[".xlsm"]


def _template(path: Path):
    return TEMPLATES[Package(path).custom_property("xlpokja_template")]


def _workbook_type(path: Path) -> str:
    ct = zipfile.ZipFile(path).read("[Content_Types].xml").decode()
    return re.search(r'PartName="/xl/workbook.xml"\s+ContentType="([^"]+)"', ct).group(1)


def _vml_buttons(path: Path) -> list[tuple[str, int, str, str]]:
    """(sheet, shape id, macro, caption) of every VML button, read without our code."""
    out = []
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        wb = z.read("xl/workbook.xml").decode()
        wrels = z.read("xl/_rels/workbook.xml.rels").decode()
        for name, rid in re.findall(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', wb):
            target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="{rid}"',
                               wrels)
            part = "xl/" + (target.group(1) or target.group(2)).lstrip("/").removeprefix("xl/")
            rels = part.replace("worksheets/", "worksheets/_rels/") + ".rels"
            if rels not in names:
                continue
            for vml in re.findall(r'vmlDrawing" Target="\.\./drawings/([^"]+)"',
                                  z.read(rels).decode()):
                text = z.read("xl/drawings/" + vml).decode()
                for shape in re.findall(r"<v:shape .*?</v:shape>", text, flags=re.S):
                    spid = int(re.search(r'o:spid="_x0000_s(\d+)"', shape).group(1))
                    macro = re.search(r"<x:FmlaMacro>\[0\]!(\w+)</x:FmlaMacro>", shape).group(1)
                    caption = re.search(r"<font [^>]*>([^<]*)</font>", shape).group(1)
                    out.append((name, spid, macro, caption))
    return out


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_committed_workbook_opens_as_macro_enabled(path):
    assert MACRO_TYPE == _workbook_type(path)
    assert "xl/vbaProject.bin" in zipfile.ZipFile(path).namelist()


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_every_button_of_the_layout_is_there_with_its_caption(path):
    found = _vml_buttons(path)
    want = [(b.sheet, b.macro, b.text) for b in _template(path).BUTTONS]
    assert sorted(want) == sorted((s, m, c) for s, _id, m, c in found)
    ids = [i for _s, i, _m, _c in found]
    assert len(ids) == len(set(ids))  # one shape id per control in the whole workbook
    assert [] == buttons.damage(Package(path), _template(path).BUTTONS)


def test_recalc_writes_the_content_type_of_its_output(tmp_path):
    src = tmp_path / "a.xlsm"
    with zipfile.ZipFile(ROOT / "workbooks" / "contoh_penilaian_diri.xlsm") as zin, \
            zipfile.ZipFile(src, "w") as zout:  # the macro-free type, as openpyxl writes it
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(MACRO_TYPE.encode(), WORKBOOK_TYPES[".xlsx"].encode())
            zout.writestr(info, data)
    assert WORKBOOK_TYPES[".xlsx"] == _workbook_type(src)
    assert 0 == run_cli("recalc", src, "-o", tmp_path / "b.xlsm").returncode
    assert MACRO_TYPE == _workbook_type(tmp_path / "b.xlsm")


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o664])
def test_output_keeps_the_input_permission_bits(tmp_path, mode):
    src = tmp_path / "a.xlsm"
    shutil.copy(ROOT / "workbooks" / "contoh_penilaian_diri.xlsm", src)
    os.chmod(src, mode)
    assert 0 == run_cli("recalc", src, "-o", tmp_path / "b.xlsm").returncode
    assert mode == stat.S_IMODE(os.stat(tmp_path / "b.xlsm").st_mode)
    assert 0 == run_cli("recalc", src, "--in-place").returncode
    assert mode == stat.S_IMODE(os.stat(src).st_mode)


def test_a_new_file_gets_the_umask_result(tmp_path):
    from xlpokja.hosts.headless.build import build

    path = build(pd.FILE_NAME, tmp_path / pd.FILE_NAME)
    assert 0o666 & ~current_umask() == stat.S_IMODE(os.stat(path).st_mode)


def _lo_damage(path: Path) -> None:
    """What a LibreOffice save does to the buttons (seen with LibreOffice 7.4): the VML
    shape loses its id (``shape_0``) and its caption, every control on every sheet gets
    shape id 1001, with a DrawingML copy and control properties; rows and columns of a
    print title become two names."""
    p = Package(path)
    for part in list(p.parts):
        if part.endswith(".vml"):
            text = p.parts[part].decode()
            text = re.sub(r'<v:shape id="[^"]*" o:spid="[^"]*"', '<v:shape id="shape_0"', text)
            text = re.sub(r"<div [^>]*><font [^>]*>[^<]*</font></div>", "<div></div>", text)
            text = text.replace("[0]!", "Tombol.")
            p.parts[part] = text.encode()
    for sheet, part in p.sheet_paths.items():
        if not any(b.sheet == sheet for b in _template(path).BUTTONS):
            continue
        ctrl = p.unused_name("xl/ctrlProps/ctrlProps%d.xml")
        p.add_part(ctrl, b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   b'<formControlPr xmlns="http://schemas.microsoft.com/office/spreadsheetml/'
                   b'2009/9/main" objectType="Button" lockText="1"/>',
                   "application/vnd.ms-excel.controlproperties+xml")
        rid = p.add_rel(part, buttons.CTRL_REL, ctrl)
        data = p.parts[part]
        controls = (
            '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-'
            'compatibility/2006"><mc:Choice Requires="x14"><controls xmlns:r="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships"><mc:AlternateContent>'
            f'<mc:Choice Requires="x14"><control shapeId="1001" r:id="{rid}" name="Tombol1">'
            '<controlPr defaultSize="0" print="false" macro="Tombol.Hitung"/></control>'
            "</mc:Choice></mc:AlternateContent></controls></mc:Choice></mc:AlternateContent>")
        p.parts[part] = data.replace(b"</worksheet>", controls.encode() + b"</worksheet>")
    wb = p.xml("xl/workbook.xml")
    for d in list(wb.iter("{*}definedName")):
        if d.get("name") == "_xlnm.Print_Titles" and "," in (d.text or ""):
            twin = copy.deepcopy(d)
            a, b = d.text.split(",")
            twin.text = f"{b},{a}"
            d.addnext(twin)
            p.touch("xl/workbook.xml")
    _save_as_is(p, path)


def _save_as_is(p: Package, path: Path) -> None:
    """Write the package without the writer's normalising (as another program would)."""
    from lxml import etree

    for name in p.dirty:
        p.parts[name] = etree.tostring(p.xml(name), xml_declaration=True, encoding="UTF-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name in p.order:
            z.writestr(name, p.parts[name])


@pytest.mark.parametrize("name", ["contoh_asesmen_pokja.xlsm", "contoh_mcua_stpp.xlsm"])
def test_recalc_repairs_what_a_libreoffice_save_does_to_buttons_and_names(tmp_path, name):
    src = tmp_path / name
    shutil.copy(ROOT / "workbooks" / name, src)
    _lo_damage(src)
    t = _template(src)
    assert buttons.damage(Package(src), t.BUTTONS)  # the planted damage is seen
    out = tmp_path / "hasil.xlsm"
    assert 0 == run_cli("recalc", src, "-o", out).returncode
    assert [] == buttons.damage(Package(out), t.BUTTONS)
    found = _vml_buttons(out)
    assert sorted((b.sheet, b.macro, b.text) for b in t.BUTTONS) == sorted(
        (s, m, c) for s, _i, m, c in found)
    names = zipfile.ZipFile(out).namelist()
    assert not [n for n in names if "ctrlProps" in n]  # the broken controls are gone
    titles = re.findall(r'<definedName [^>]*name="_xlnm.Print_Titles"[^>]*localSheetId="(\d+)"'
                        r'|<definedName [^>]*localSheetId="(\d+)"[^>]*name="_xlnm.Print_Titles"',
                        zipfile.ZipFile(out).read("xl/workbook.xml").decode())
    scopes = [a or b for a, b in titles]
    assert scopes and len(scopes) == len(set(scopes))  # one print-titles name per sheet
    assert 0 == run_cli("check", out).returncode


def test_dimension_follows_a_grown_table(tmp_path, layout):
    from conftest import fill

    rows = [[f"R{i}", *[(i + j) % 6 for j in range(36)]] for i in range(80)]  # 50 -> 80 rows
    src = fill(tmp_path, layout, rows)
    out = tmp_path / "hasil.xlsm"
    assert 0 == run_cli("recalc", src, "-o", out).returncode
    p = Package(out)
    for sheet in (pd.STATUS, pd.JAWABAN):
        data = p.parts[p.sheet_paths[sheet]].decode()
        dim = re.search(r'<dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"', data)
        last = max(int(r) for r in re.findall(r'<row [^>]*?r="(\d+)"', data))
        assert int(dim.group(1)) == last, sheet
    ws = openpyxl.load_workbook(out, read_only=True)[pd.STATUS]
    assert ws.max_row >= pd.ANSWERS.first_data_row + 79


def test_recalc_lists_what_excel_would_still_repair_as_warnings(tmp_path):
    src = tmp_path / "a.xlsm"
    with zipfile.ZipFile(ROOT / "workbooks" / "contoh_penilaian_diri.xlsm") as zin, \
            zipfile.ZipFile(src, "w") as zout:  # a defined name Excel refuses (a cell address)
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/workbook.xml":
                data = data.replace(b"</definedNames>",
                                    b'<definedName name="AB12">Jawaban!$A$1</definedName>'
                                    b"</definedNames>")
            zout.writestr(info, data)
    r = run_cli("recalc", src, "-o", tmp_path / "b.xlsm", "--json")
    assert 0 == r.returncode, r.stderr  # listed, not refused
    warnings = json.loads(r.stdout)["package_warnings"]
    assert [("PAKET_NAMA_TIDAK_SAH", "xl/workbook.xml", "warning")] == [
        (w["code"], w["sheet"], w["severity"]) for w in warnings]
    assert "AB12" in warnings[0]["cell"]
    r = run_cli("recalc", src, "-o", tmp_path / "c.xlsm")
    assert "Peringatan paket: xl/workbook.xml" in r.stdout and "[PAKET_NAMA_TIDAK_SAH]" in r.stdout


def _copy_with(tmp_path: Path, name: str, edit) -> Path:
    """A copy of the example whose parts are changed by ``edit(name, data) -> data``."""
    src = tmp_path / name
    with zipfile.ZipFile(ROOT / "workbooks" / "contoh_penilaian_diri.xlsm") as zin, \
            zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = edit(info.filename, zin.read(info))
            if data is not None:
                zout.writestr(info, data)
    return src


def test_check_names_buttons_a_program_removed(tmp_path):
    src = _copy_with(tmp_path, "a.xlsm", lambda n, d: re.sub(
        rb"<v:shape .*?</v:shape>", b"", d, flags=re.S) if n.endswith(".vml") else d)
    r = run_cli("check", src)
    assert 1 == r.returncode
    assert "Ringkasan tombol 'Hitung' (Hitung) [PAKET_TOMBOL]" in r.stdout
    assert "Jawaban tombol 'Hitung' (Hitung) [PAKET_TOMBOL]" in r.stdout


def test_check_json_is_json_and_every_book_is_checked(tmp_path):
    empty = tmp_path / "kosong.xlsm"
    empty.write_bytes(b"")
    good = ROOT / "workbooks" / "contoh_penilaian_diri.xlsm"
    r = run_cli("check", empty, good, "--json")
    assert 2 == r.returncode  # one book could not be used
    data = json.loads(r.stdout)  # stdout holds the JSON only
    assert [False, True] == [d["ok"] for d in data]
    assert "BERKAS_RUSAK" == data[0]["problems"][0]["code"]
    assert "GAGAL" in r.stderr and "OK" in r.stderr


def test_recalc_refuses_an_output_it_cannot_write_and_writes_nothing(tmp_path):
    src = tmp_path / "a.xlsm"
    shutil.copy(ROOT / "workbooks" / "contoh_penilaian_diri.xlsm", src)
    before = sorted(tmp_path.iterdir())
    r = run_cli("recalc", src, "-o", tmp_path / "tidak_ada" / "b.xlsm")
    assert 2 == r.returncode and "KELUARAN_TIDAK_DAPAT_DITULIS" in r.stderr
    assert "tidak_ada" in r.stderr and ".xlpokja-" not in r.stderr
    r = run_cli("recalc", src, "-o", tmp_path / "b.xlsx")  # macros cannot go into .xlsx
    assert 2 == r.returncode and "KELUARAN_TANPA_MAKRO" in r.stderr
    os.chmod(src, 0o444)
    r = run_cli("recalc", src, "--in-place")
    assert 2 == r.returncode and "MASUKAN_HANYA_BACA" in r.stderr
    assert 2 == run_cli("recalc", src, "--in-place", "-o", tmp_path / "c.xlsm").returncode
    assert before == sorted(tmp_path.iterdir())  # nothing written, no temporary file left


def test_special_permission_bits_are_not_copied(tmp_path):
    src = tmp_path / "a.xlsm"
    shutil.copy(ROOT / "workbooks" / "contoh_penilaian_diri.xlsm", src)
    os.chmod(src, 0o4755)
    assert 0 == run_cli("recalc", src, "-o", tmp_path / "b.xlsm").returncode
    assert 0o755 == stat.S_IMODE(os.stat(tmp_path / "b.xlsm").st_mode)


def test_a_damaged_deflate_stream_is_a_broken_file(tmp_path):
    src = tmp_path / "a.xlsm"
    data = bytearray((ROOT / "workbooks" / "contoh_penilaian_diri.xlsm").read_bytes())
    info = zipfile.ZipFile(ROOT / "workbooks" / "contoh_penilaian_diri.xlsm").getinfo(
        "xl/worksheets/sheet3.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 50
    data[start:start + 200] = bytes(200)
    src.write_bytes(bytes(data))
    for cmd in ("recalc", "check"):
        r = run_cli(cmd, src)
        assert 2 == r.returncode, r.stderr
        assert "BERKAS_RUSAK" in r.stdout + r.stderr and "Traceback" not in r.stderr


def test_no_text_written_is_longer_than_a_cell_holds(tmp_path, layout):
    from conftest import fill

    src = fill(tmp_path, layout, [["R1", "x" * 32767, *[3] * 35]])
    out = tmp_path / "hasil.xlsm"
    r = run_cli("recalc", src, "-o", out, "--json")
    assert 0 == r.returncode
    assert [] == json.loads(r.stdout)["package_warnings"]
    assert 0 == run_cli("check", out).returncode  # no PAKET_TEKS_PANJANG anywhere


def test_devices_pipes_and_links_are_not_replaced(tmp_path):
    src = ROOT / "workbooks" / "contoh_penilaian_diri.xlsm"
    r = run_cli("recalc", src, "-o", os.devnull)  # written to, not replaced
    assert 0 == r.returncode, r.stderr
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    fifo = tmp_path / "pipa.xlsm"
    os.mkfifo(fifo)
    r = run_cli("recalc", src, "-o", fifo)
    assert 2 == r.returncode and "KELUARAN_TIDAK_DAPAT_DITULIS" in r.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    target, link = tmp_path / "asli.xlsm", tmp_path / "tautan.xlsm"
    shutil.copy(src, target)
    link.symlink_to(target)
    assert 0 == run_cli("recalc", link, "--in-place").returncode
    assert link.is_symlink() and zipfile.is_zipfile(target)  # the file named was replaced
