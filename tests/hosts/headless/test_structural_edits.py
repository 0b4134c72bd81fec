"""Structural edits (issue 11): a column inserted, deleted or moved in any input table is
refused with a message naming the header cells, never computed from shifted columns; the
input stays byte-identical and nothing is written. A workbook is recognised only when its
sheets and header keys match a template."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import ROOT, run_cli, sha

EXAMPLES = sorted((ROOT / "workbooks").glob("contoh_*.xlsm"))


def _layout(path: Path) -> dict:
    out = run_cli("layout", path, "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


CASES = [(p, t["name"]) for p in EXAMPLES for t in _layout(p)["tables"]
         if len(t["columns"]) > 1]


@pytest.mark.parametrize(("example", "table"), CASES,
                         ids=[f"{p.stem.removeprefix('contoh_')}-{t}" for p, t in CASES])
@pytest.mark.parametrize("edit", ["insert", "delete"])
def test_shifted_columns_are_refused(tmp_path: Path, example: Path, table: str,
                                     edit: str) -> None:
    t = next(x for x in _layout(example)["tables"] if x["name"] == table)
    col = openpyxl.utils.column_index_from_string(t["columns"][1]["letter"])
    path = tmp_path / example.name
    wb = openpyxl.load_workbook(example, keep_vba=True)
    ws = wb[t["sheet"]]
    if edit == "insert":
        ws.insert_cols(col)
    else:
        ws.delete_cols(col)
    wb.save(path)
    before = sha(path)
    out = run_cli("recalc", path, "-o", tmp_path / "hasil.xlsm")
    if table == "penilaian":  # indicator columns are found by their codes: followed
        assert out.returncode == 0, out.stderr
        check = run_cli("check", tmp_path / "hasil.xlsm")
        assert check.returncode == 0, check.stdout
        if edit == "insert":  # an empty column changes nothing
            ref = run_cli("recalc", example, "-o", tmp_path / "ref.xlsm", "--json")
            got = run_cli("recalc", path, "-o", tmp_path / "hasil.xlsm", "--json")
            strip = lambda d: {k: v for k, v in d.items()  # noqa: E731
                               if k not in ("workbook", "output", "shape")}
            assert strip(json.loads(got.stdout)) == strip(json.loads(ref.stdout))
        return
    assert out.returncode == 2, out.stdout
    cell = f"{t['sheet']}!{t['columns'][1]['letter']}{t['header_row']}"
    assert f"{cell} [JUDUL_KOLOM_BERUBAH]" in out.stderr
    assert sha(path) == before and not (tmp_path / "hasil.xlsm").exists()


def test_layout_of_the_badan_pengelola_book_is_its_own(tmp_path: Path) -> None:
    data = _layout(ROOT / "workbooks" / "asesmen_badan_pengelola.xlsm")
    t = data["tables"][0]
    keys = [c["key"] for c in t["columns"][1:]]
    assert len(keys) == 35 and keys[0] == "MK1" and data["tables"][0]["preset"] != "asesmen_pokja"


def test_stripped_property_with_foreign_headers_is_not_recognised(tmp_path: Path) -> None:
    """Without its template property a workbook is recognised by sheets and headers: the
    questionnaire with one answer header overwritten matches no template."""
    src = ROOT / "workbooks" / "contoh_penilaian_diri.xlsm"
    edited = tmp_path / "edited.xlsm"
    wb = openpyxl.load_workbook(src, keep_vba=True)
    wb["Jawaban"]["B4"] = "Kode"  # another table's header where A1 stands
    wb.save(edited)
    for source, code in ((src, 0), (edited, 2)):
        path = tmp_path / "x.xlsm"
        with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w") as zout:
            for info in zin.infolist():
                if info.filename != "docProps/custom.xml":  # the template property gone
                    zout.writestr(info, zin.read(info))
        out = run_cli("recalc", path, "-o", tmp_path / "o.xlsm")
        assert out.returncode == code, out.stderr
    assert "TEMPLATE_TIDAK_DIKENAL" in out.stderr
