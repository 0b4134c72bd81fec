"""The corpus of issue 11: every class of cell typed into input columns of every template.

For each filled example (``workbooks/contoh_*.xlsm``), a seeded sample of its input cells
(the first filled row of input columns of the published layout, and its settings) gets each
cell class in turn: text, TRUE, a date, an error value, a formula without a stored result, a
number out of every scale (7), a fraction, a negative number, a lone space. Expected:

* an error value or a formula without a result stops Hitung, naming that cell, nothing
  written (``HITUNG_DIHENTIKAN``: Excel shows errors in every result that uses it);
* anything else is computed (exit 0), the cell is named in the problems unless its column
  holds free text (names, notes: any typed value is a valid entry), and the written workbook
  passes ``check``: the workbook's own formulas treat the cell as the core does;
* never a traceback, and the input is byte-identical afterwards.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string

from tests.conftest import ROOT, run_cli, sha
from xlpokja.core.problems import XlpokjaError
from xlpokja.hosts.headless.check import check_file
from xlpokja.hosts.headless.recalc import recalc_file

CLASSES = {"text": "tiga", "bool": True, "date": dt.date(2024, 1, 5), "error": "#N/A",
           "formula": "=1+2", "out": 7, "frac": 2.5, "neg": -1, "space": " "}
#: columns and settings whose entries are free text (any typed value is valid there)
FREE_TEXT = {"responden", "penilai", "kelompok_kerja", "lokasi", "waktu", "nama", "lembaga",
             "kontak", "nomor", "catatan", "unit", "keterangan", "isu", "usulan", "asal", "program",
             "kegiatan", "pendukung", "penjelasan", "asal_kelompok"}
PER_TEMPLATE = 5  # sampled cells per example (all classes each)


def _targets(example: Path) -> list[tuple[str, str, str]]:
    lay = json.loads(run_cli("layout", example, "--json").stdout)
    wb = openpyxl.load_workbook(example)
    out = []
    for t in lay["tables"]:
        ws = wb[t["sheet"]]
        for c in t["columns"]:
            if c.get("kind", "input") != "input":
                continue
            col = column_index_from_string(c["letter"])
            row = next((r for r in range(t["first_data_row"], t["first_data_row"] + 40)
                        if ws.cell(r, col).value not in (None, "")), None)
            if row:
                out.append((t["sheet"], f"{c['letter']}{row}", c["key"]))
    out += [(s["sheet"], s["cell"], s["key"]) for s in lay.get("settings", [])]
    return random.Random(f"corpus-{example.stem}").sample(out, min(PER_TEMPLATE, len(out)))


CASES = [(ex, *target, cls) for ex in sorted((ROOT / "workbooks").glob("contoh_*.xlsm"))
         for target in _targets(ex) for cls in CLASSES]


@pytest.mark.parametrize(("example", "sheet", "ref", "key", "cls"), CASES,
                         ids=[f"{e.stem[7:]}-{s}!{r}-{c}" for e, s, r, _k, c in CASES])
def test_cell_class(tmp_path: Path, example: Path, sheet: str, ref: str, key: str,
                    cls: str) -> None:
    path = tmp_path / example.name
    wb = openpyxl.load_workbook(example, keep_vba=True)
    wb[sheet][ref] = CLASSES[cls]
    wb.save(path)
    before = sha(path)
    out = tmp_path / "hasil.xlsm"
    try:
        res = recalc_file(path, out)
    except XlpokjaError as e:
        assert cls in ("error", "formula"), e.message()
        assert e.problems[0].code == "HITUNG_DIHENTIKAN"
        assert any((p.sheet, p.cell) == (sheet, ref) for p in e.problems[1:]), e.message()
        assert not out.exists() and sha(path) == before
        return
    assert cls not in ("error", "formula"), "an unknown value was computed"
    assert sha(path) == before
    if key not in FREE_TEXT:
        named = [p for p in res.problems if p.sheet == sheet
                 and ref in (p.cell, *p.cell.split(":"))]
        assert named or _valid_here(key, cls), f"{sheet}!{ref} ({key}) = {cls} not named"
    report = check_file(out)
    assert report.ok, [str(p) for p in report.problems[:5]]


def _valid_here(key: str, cls: str) -> bool:
    """Entries that are valid in that column (a weight of 7 or 2.5; 7 on a 1–10 scale…)."""
    return key in ("bobot", "skor_tertinggi") and cls in ("out", "frac")


def test_the_corpus_covers_every_template() -> None:
    assert len({c[0] for c in CASES}) == 6 and len(CASES) >= 6 * 3 * len(CLASSES)
