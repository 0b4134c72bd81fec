"""The button actions of the questionnaire and the assessment run without numpy.

Hitung runs inside LibreOffice's bundled Python (Windows, macOS), which has no numpy and
no pip: the action path (xlpokja.actions, the instruments' calc and layout, xlpokja.core,
xlpokja.layout) may import the standard library only. A subprocess blocks every
third-party package the project uses (``sys.modules[name] = None`` before any import, so
importing one raises ImportError), reads two small workbooks through the actions (an
in-memory book filled from the published layout, as another program would) and through
the calc entry points with plain lists, and prints the figures; they are checked by hand
here.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
BLOCKED = ("numpy", "pandas", "openpyxl", "lxml", "python_calamine", "formulas", "formualizer",
           "xlwings")

SCRIPT = textwrap.dedent("""
    import sys
    for name in BLOCKED:
        sys.modules[name] = None  # import name -> ImportError

    import json

    from xlpokja import actions
    from xlpokja.instruments import template
    from xlpokja.instruments.asesmen import calc as ca
    from xlpokja.instruments.penilaian_diri import calc as q
    from xlpokja.layout.base import col_index, split_ref


    class DictBook:
        \"\"\"The reading side of the Book protocol over {sheet: {(row, col): value}}.\"\"\"

        stores_values = True

        def __init__(self, tid, sheets):
            self.tid, self.sheets = tid, sheets

        def template_id(self):
            return self.tid

        def sheet_names(self):
            return list(self.sheets)

        def read_row(self, sheet, row):
            cells = {c: v for (r, c), v in self.sheets[sheet].items() if r == row}
            return [cells.get(c) for c in range(1, max(cells, default=0) + 1)]

        def read_block(self, sheet, first_row, n_cols):
            last = max((r for r, _ in self.sheets[sheet]), default=0)
            get = self.sheets[sheet].get
            return [[get((r, c)) for c in range(1, n_cols + 1)]
                    for r in range(first_row, last + 1)]

        def read_cell(self, sheet, ref):
            return self.sheets[sheet].get(split_ref(ref))

        def defined_name(self, name):
            return None


    def empty_book(t):
        sheets = {s: {} for s in t.SHEETS}
        for table in t.layout_json()["tables"]:
            for c in table["columns"]:
                sheets[table["sheet"]][(table["header_row"], col_index(c["letter"]))] = (
                    c["header"])
        return sheets


    def values(reading):
        return {f"{c.sheet}!{c.ref}": c.value(reading.result) for c in reading.cells}


    out = {}

    # --- the questionnaire: R1 answers 4 everywhere; R2 answers 2 to A1-A6, 'x' to B1
    r1 = [4] * 36
    r2 = [2] * 6 + ["x"] + [None] * 29
    ans = q.read_answers(["R1", "R2"], [r1, r2], sheet="Jawaban",
                         locate=lambda i, j: f"{i},{j}")
    for policy in (q.POLICY_AVAILABLE, q.POLICY_COMPLETE):
        tab = q.tabulate(ans, policy)
        out[policy] = {"A": tab.components["A"].mean, "B": tab.components["B"].mean,
                       "X": tab.x, "N": tab.n_score, "used": tab.used,
                       "A1": tab.items["A1"].counts, "invalid_B1": tab.invalid["B1"],
                       "blanks": sum(tab.blanks.values())}

    pd = template("penilaian_diri")
    sheets = empty_book(pd)
    table = pd.layout_json()["tables"][0]
    letters = [col_index(c["letter"]) for c in table["columns"]]
    for i, row in enumerate((["R1", *r1], ["R2", *r2])):
        for col, v in zip(letters, row):
            if v is not None:
                sheets[table["sheet"]][(table["first_data_row"] + i, col)] = v
    reading = actions.reading(DictBook("penilaian_diri", sheets))
    cells = values(reading)
    out["pd_book"] = {"json": pd.result_json(reading.result),
                      "cells": {k: cells[k] for k in ("Status!A5", "Status!B6", "Status!C6",
                                                      "Status!D6", "Ringkasan!D14",
                                                      "Ringkasan!D16")}}

    # --- the assessment (K4 weights 25/20/25/20/10 %)
    aspects = {"Kelembagaan": 4, "Perencanaan": 3, "Koordinasi dan Advokasi": 5,
               "Monitoring dan Evaluasi": 2, "Keuangan": 1}
    kab_a = [aspects[ind.aspect] for ind in ca.K4.indicators]
    kab_a[-1] = None  # KU2 not assessed: Keuangan = 1 from KU1 alone
    kab_b = [5] * len(ca.K4.indicators)
    a = ca.assess(["Kab A", "Kab B"], [kab_a, kab_b], [i.aspect for i in ca.K4.indicators],
                  list(ca.K4.aspect_names), list(ca.K4.weights))
    out["assess"] = {"totals": a.totals, "ranks": a.ranks, "means": a.means(0),
                     "counts": a.counts, "flags": [a.flags(0), a.flags(1)]}

    asm = template("asesmen")
    sheets = empty_book(asm)
    lay = asm.layout_json()
    pen, bobot = lay["tables"]
    for c in pen["columns"][1:]:
        col = col_index(c["letter"])
        sheets[pen["sheet"]][(pen["header_rows"]["aspect"], col)] = c["aspect"]
        sheets[pen["sheet"]][(pen["header_rows"]["text"], col)] = c["header"]
        sheets[pen["sheet"]][(pen["header_rows"]["code"], col)] = c["key"]
    for i, row in enumerate((["Kab A", *kab_a], ["Kab B", *kab_b])):
        for c, v in zip(pen["columns"], row):
            if v is not None:
                sheets[pen["sheet"]][(pen["first_data_row"] + i, col_index(c["letter"]))] = v
    for k, d in enumerate(bobot["defaults"]["asesmen_pokja"]):
        sheets[bobot["sheet"]][(bobot["first_data_row"] + k, 2)] = d["aspek"]
        sheets[bobot["sheet"]][(bobot["first_data_row"] + k, 3)] = d["bobot"]
    reading = actions.reading(DictBook("asesmen", sheets))
    cells = values(reading)
    out["as_book"] = {"json": asm.result_json(reading.result),
                      "cells": {k: cells[k] for k in ("Hasil!B6", "Hasil!C6", "Hasil!B7",
                                                      "Hasil!G6", "Hasil!H6", "Bobot!D9")}}

    out["third_party"] = sorted(m for m, v in sys.modules.items()
                                if v is not None and m.split(".")[0] in BLOCKED)
    print(json.dumps(out))
""")


@pytest.fixture(scope="module")
def result() -> dict:
    code = f"BLOCKED = {BLOCKED!r}\n{SCRIPT}"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                       check=False)
    assert 0 == r.returncode, r.stderr
    return json.loads(r.stdout)


def test_nothing_third_party_is_loaded(result):
    assert [] == result["third_party"]


def test_questionnaire_calc_by_hand(result):
    # A: R1's six 4s and R2's six 2s: (6 x 4 + 6 x 2) / 12 = 3; B-F: R1's 4s only (R2's B1
    # 'x' is excluded, never 0). X = 3 + 5 x 4 = 23, N = 23 / 6.
    per = result["per_butir"]
    assert (3.0, 4.0, 23.0, 23 / 6) == (per["A"], per["B"], per["X"], per["N"])
    assert [1, 1] == per["used"]
    assert [0, 0, 1, 0, 1, 0] == per["A1"]  # A1: one 2, one 4
    assert 1 == per["invalid_B1"] and 29 == per["blanks"]  # R2: 36 - 6 valid - 1 invalid
    # complete sheets only: R1 alone, every component 4
    full = result["lembar_lengkap"]
    assert (4.0, 4.0, 24.0, 4.0, [1, 0]) == (full["A"], full["B"], full["X"], full["N"],
                                             full["used"])


def test_questionnaire_through_the_action(result):
    book = result["pd_book"]
    data = book["json"]
    assert 23.0 == data["X"] and 23 / 6 == data["N"]
    assert [3.0, 4.0, 4.0, 4.0, 4.0, 4.0] == [c["mean"] for c in data["components"]]
    assert {"rows": 50, "filled": 2, "complete": 1, "used": 2} == data["sheets"]
    assert [("NILAI_BUKAN_ANGKA", "H6")] == [(p["code"], p["cell"]) for p in data["problems"]]
    # Status A5 (R1 filled), B6 (R2 valid), C6 (R2 used), D6 (R2 status); Ringkasan X and N
    assert {"Status!A5": 36, "Status!B6": 6, "Status!C6": 1,
            "Status!D6": "ada jawaban tidak sah", "Ringkasan!D14": 23.0,
            "Ringkasan!D16": 23 / 6} == book["cells"]


def test_assessment_calc_by_hand(result):
    # W = 0.25 x 4 + 0.20 x 3 + 0.25 x 5 + 0.20 x 2 + 0.10 x 1 = 1 + 0.6 + 1.25 + 0.4 + 0.1
    a = result["assess"]
    assert [3.35, 5.0] == a["totals"] and [2, 1] == a["ranks"]
    assert [4.0, 3.0, 5.0, 2.0, 1.0] == a["means"]
    assert [[7, 3, 5, 4, 1], [7, 3, 5, 4, 2]] == a["counts"]
    assert ["", ""] == a["flags"]


def test_assessment_through_the_action(result):
    book = result["as_book"]
    units = book["json"]["units"]
    assert [("Kab A", 3.35, 2), ("Kab B", 5.0, 1)] == [(u["name"], u["total"], u["rank"])
                                                         for u in units]
    assert 3.35 / 5 * 100 == units[0]["pct"]
    assert book["json"]["weights_ok"] and [] == book["json"]["problems"]
    # Hasil B6/C6 (Kab A rank, total), B7 (Kab B rank), G6/H6 (Kab A filled, valid cells);
    # Bobot D9: the indicators of Keuangan
    assert {"Hasil!B6": 2, "Hasil!C6": 3.35, "Hasil!B7": 1, "Hasil!G6": 20, "Hasil!H6": 20,
            "Bobot!D9": 2} == book["cells"]
