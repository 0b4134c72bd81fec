"""The MCUA family's button actions run without numpy (or any other third-party package), as
in LibreOffice's bundled Python: a child process with numpy, pandas, openpyxl, lxml, calamine,
formulas, formualizer and xlwings blocked runs Hitung on the example workbooks (held in a
plain in-memory book) and computes a stability panel, and gets what the command line gets."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import openpyxl
import pytest
from conftest import ROOT, run_cli

BLOCKED = ("numpy", "pandas", "openpyxl", "lxml", "python_calamine", "formulas",
           "formualizer", "xlwings")
INSTRUMENTS = ("mcua_stpp", "prioritas_mps", "matriks_pemeringkatan")

CHILD = r'''
import datetime as dt, json, sys
BLOCKED = %(blocked)r
for name in BLOCKED:
    sys.modules[name] = None                   # "import numpy" now raises ImportError

import xlpokja.actions as actions
import xlpokja.core.mcua, xlpokja.core.stability, xlpokja.layout.panel
import xlpokja.instruments.mcua_stpp, xlpokja.instruments.prioritas_mps
import xlpokja.instruments.matriks_pemeringkatan
from xlpokja.core.stability import stability
from xlpokja.instruments import template
from xlpokja.layout.base import split_ref


def value(v):
    return dt.datetime.fromisoformat(v["datetime"]) if isinstance(v, dict) else v


class DictBook:
    """The Book protocol over plain values (what a spreadsheet adapter hands the actions)."""

    stores_values = True

    def __init__(self, doc):
        self.tid, self.sheets, self.names = doc["template"], doc["sheets"], doc["names"]
        self.cells = {sh: {(r, c): value(v) for r, c, v in cells}
                      for sh, cells in doc["cells"].items()}
        self.written = 0

    def template_id(self):
        return self.tid

    def sheet_names(self):
        return list(self.sheets)

    def read_block(self, sheet, first_row, n_cols):
        cells = self.cells.get(sheet, {})
        last = max((r for r, _ in cells), default=0)
        return [[cells.get((r, c)) for c in range(1, n_cols + 1)]
                for r in range(first_row, last + 1)]

    def read_row(self, sheet, row):
        cells = self.cells.get(sheet, {})
        last = max((c for r, c in cells if r == row), default=0)
        return [cells.get((row, c)) for c in range(1, last + 1)]

    def read_cell(self, sheet, ref):
        return self.cells.get(sheet, {}).get(split_ref(ref))

    def defined_name(self, name):
        return self.names.get(name)

    def set_defined_name(self, name, ref):
        self.names[name] = ref

    def write_cells(self, cells, values, formulas=False):
        self.written += len(cells)

    def write_rows(self, sheet, first_row, cells, values):
        self.written += len(cells)

    def write_table(self, sheet, first_row, rows, n_cols):
        self.written += len(rows)

    def write_value(self, sheet, ref, value):
        self.written += 1

    def write_block(self, sheet, first_row, first_col, rows):
        self.written += len(rows)


out = {}
for iid, doc in json.load(sys.stdin).items():
    book = DictBook(doc)
    res = actions.hitung(book)                 # the Hitung button: read, compute, write
    assert book.written > 0
    out[iid] = template(iid).result_json(res)

# a stability panel of its own: domain-anchors 1.3 (totals 360, 395, 375, 360)
st = stability([30, 25, 25, 20], [[4, 3, 5, 2], [3, 5, 4, 4], [5, 2, 3, 5], [4, 3, 5, 2]],
               lo=1, hi=5)
out["anchor"] = {"first": list(st.first), "totals": list(st.totals),
                 "critical": st.critical, "share": list(st.first_share)}
out["loaded"] = sorted(m for m in sys.modules
                       if m.split(".")[0] in BLOCKED and sys.modules[m] is not None)
print(json.dumps(out, default=str))
'''


def _plain(v):
    if isinstance(v, dt.datetime):
        return {"datetime": v.isoformat()}
    return v


def _book(path) -> dict:
    """The example workbook as plain values (what the adapter reads): sheets, cells, names."""
    wb = openpyxl.load_workbook(path, data_only=True)
    cells = {ws.title: [[c.row, c.column, _plain(c.value)] for row in ws.iter_rows()
                        for c in row if c.value is not None] for ws in wb.worksheets}
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    return {"template": props["xlpokja_template"], "sheets": wb.sheetnames, "cells": cells,
            "names": {n: d.attr_text for n, d in wb.defined_names.items()}}


@pytest.fixture(scope="module")
def child() -> dict:
    docs = {iid: _book(ROOT / "workbooks" / f"contoh_{iid}.xlsm") for iid in INSTRUMENTS}
    r = subprocess.run([sys.executable, "-c", CHILD % {"blocked": BLOCKED}],
                       input=json.dumps(docs), capture_output=True, text=True, cwd=ROOT,
                       check=False)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_nothing_third_party_is_loaded(child):
    assert child["loaded"] == []


def test_stability_without_numpy(child):
    st = child["anchor"]
    assert st["first"] == [1] and st["totals"] == [360, 395, 375, 360] and st["critical"] == 1
    assert sum(st["share"]) == pytest.approx(1.0) and st["share"][0] == st["share"][3]
    assert st["share"][1] > 0.8


@pytest.mark.parametrize("iid", INSTRUMENTS)
def test_hitung_without_numpy_gives_what_the_command_line_gives(child, iid, tmp_path):
    r = run_cli("recalc", ROOT / "workbooks" / f"contoh_{iid}.xlsm", "-o",
                tmp_path / "hasil.xlsm", "--json")
    assert r.returncode == 0, r.stderr
    expected = json.loads(r.stdout)
    got = child[iid]
    assert got["stability"] and expected["problems_total"] == len(got["problems"])
    for key in got:
        assert got[key] == expected[key], key
