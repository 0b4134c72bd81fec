"""The workbooks in workbooks/ are what the build makes; macros, buttons, UDF names."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile

from conftest import EXAMPLE, ROOT, TEMPLATE, run_cli

from xlpokja.instruments.penilaian_diri import layout as pd
from xlpokja.udfs import REGISTRY


def test_committed_workbooks_are_the_build_output():
    r = run_cli("build", "--check")
    assert 0 == r.returncode, r.stdout + r.stderr


def test_olevba_finds_the_button_macro():
    out = subprocess.run([sys.executable, "-m", "oletools.olevba", str(TEMPLATE)],
                         capture_output=True, text=True)
    assert "VBA MACRO Tombol.bas" in out.stdout
    assert 'RunPython "import xlpokja.excel as x; x.hitung()"' in out.stdout
    bas = (ROOT / "macros" / "Tombol.bas").read_text()
    assert "Sub Hitung()" in bas


def test_buttons_call_the_macro():
    with zipfile.ZipFile(TEMPLATE) as z:
        vml = [z.read(n).decode() for n in z.namelist() if n.endswith(".vml")]
        drawings = "".join(z.read(n).decode() for n in z.namelist()
                           if n.startswith("xl/drawings/drawing"))
    assert 2 == len(vml)
    assert all("<x:FmlaMacro>[0]!Hitung</x:FmlaMacro>" in v for v in vml)  # this book's macro
    assert "graphicFrame" in drawings  # the chart survived the button


def test_every_udf_in_a_formula_is_registered():
    names = set()
    for cell in pd.formula_cells(50):
        names |= set(re.findall(r"\b(PKJ_[A-Z_]+)\(", cell.formula))
    assert names and names <= set(REGISTRY)


def test_core_imports_no_excel_library():
    code = ("import sys, xlpokja.instruments.penilaian_diri.calc, xlpokja.core.bands, "
            "xlpokja.instruments.analisis_pemangku.calc, xlpokja.core.scales;"
            "bad = [m for m in ('openpyxl', 'xlwings', 'formulas', 'formualizer', 'pandas') "
            "if m in sys.modules]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert "[]" == out.stdout.strip()


def test_example_carries_cached_results():
    import openpyxl

    wb = openpyxl.load_workbook(EXAMPLE, data_only=True)
    assert 3.0 == wb["Ringkasan"]["D8"].value  # component A: the source's 30 / 10 = 3
    assert wb["Ringkasan"]["G16"].value.startswith("3 – ")
