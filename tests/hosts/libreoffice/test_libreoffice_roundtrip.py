"""A real LibreOffice round trip of every template.

For each of the seven templates: LibreOffice (driven over UNO by ``lo_uno.py`` beside this file, run
with the system Python that has ``python3-uno``) opens the workbook hidden with document
macros off, a person "types" a small realistic dataset into the input cells (numbers as
numbers, words as text, a few mistakes: a word in a score cell, a score outside the scale,
a blank), and LibreOffice saves it as ``.xlsm`` in its own format.  Then

* ``xlpokja recalc saved.xlsm -o out.xlsm --json`` gives the numbers computed here
  independently from the typed values, and its ``problems`` name each mistake's sheet and
  cell;
* ``xlpokja check out.xlsm`` passes;
* the VBA project survives: olevba lists module ``Tombol`` with ``Sub Hitung`` in both
  files;
* LibreOffice reopens ``out.xlsm`` and finds the buttons with their captions, bound to the
  ``Tombol`` macros;
* ``out.xlsm`` is a sound package: macro-enabled workbook content type, each defined name
  once (LibreOffice writes rows-and-columns print titles twice), cells in order.

The cells typed come only from ``xlpokja layout --json`` (no cell address is written in
this file).  A person typing in LibreOffice's grid would be stopped by the 0–5 validation for
the out-of-scale value; the API, like pasting, is not: the mistakes still reach the file.

One soffice process types and saves all seven workbooks, a second one inspects the seven
results.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import warnings
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from openpyxl.utils import column_index_from_string, get_column_letter

DRIVER = Path(__file__).with_name("lo_uno.py")
SOFFICE = shutil.which("soffice")
TEMPLATES = ["penilaian_diri", "analisis_pemangku", "asesmen_pokja", "asesmen_badan_pengelola",
             "mcua_stpp", "matriks_pemeringkatan", "prioritas_mps"]
TIMINGS: dict[str, float] = {}


def _uno_python() -> str | None:
    """The interpreter that imports LibreOffice's bridge (Debian python3-uno: the system
    python3, not the venv's); $XLPOKJA_UNO_PYTHON chooses another one."""
    dirs = os.get_exec_path() + os.defpath.split(os.pathsep)
    cands = [os.environ.get("XLPOKJA_UNO_PYTHON")] + [shutil.which("python3", path=d)
                                                       for d in dirs if d]
    for cand in dict.fromkeys(c for c in cands if c):
        if Path(cand).exists():
            r = subprocess.run([cand, "-c", "import uno"], capture_output=True, timeout=60,
                               check=False)
            if r.returncode == 0:
                return cand
    return None


UNO_PYTHON = _uno_python() if SOFFICE else None
pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif((SOFFICE is None or UNO_PYTHON is None) and not os.environ.get("CI"),
                       reason="LibreOffice with its Python bridge (python3-uno) not installed "
                              "(CI installs it)"),
]


def run_driver(jobs: list[dict], timeout: float = 600, **spec_extra: object) -> dict:
    assert SOFFICE and UNO_PYTHON, "soffice / python3-uno missing: apt-get install " \
                                   "libreoffice-calc-nogui python3-uno"
    spec = {"jobs": jobs, "timeout": timeout - 30, "soffice": SOFFICE, **spec_extra}
    r = subprocess.run([UNO_PYTHON, str(DRIVER)], input=json.dumps(spec), capture_output=True,
                       text=True, timeout=timeout, check=False)
    assert r.stdout, f"driver printed nothing (exit {r.returncode}): {r.stderr[-2000:]}"
    out = json.loads(r.stdout)
    assert out.get("ok"), out
    return out


# =========================================================== typing through the layout


@dataclass
class Mistake:
    sheet: str
    cell: str
    value: object
    what: str  # "text", "scale", "blank", ...


@dataclass
class Case:
    """What is typed into one template and what must come out."""
    name: str
    layout: dict
    cells: list[dict] = field(default_factory=list)
    mistakes: list[Mistake] = field(default_factory=list)
    check: Callable[[dict], None] | None = None
    blank_is_error: bool = False  # a blank score is a problem (incomplete row), not "no answer"

    def type(self, sheet: str, col: str | int, row: int, value: object) -> str:
        letter = col if isinstance(col, str) else get_column_letter(col)
        ref = f"{letter}{row}"
        self.cells.append({"sheet": sheet, "cell": ref, "value": value})
        return ref

    def mistake(self, sheet: str, col: str | int, row: int, value: object, what: str) -> None:
        ref = self.type(sheet, col, row, value) if value is not None else (
            f"{col if isinstance(col, str) else get_column_letter(col)}{row}")
        self.mistakes.append(Mistake(sheet, ref, value, what))

    def table(self, name: str) -> dict:
        return next(t for t in self.layout["tables"] if t["name"] == name)

    def setting(self, key: str, value: object) -> None:
        s = next(s for s in self.layout["settings"] if s["key"] == key)
        self.cells.append({"sheet": s["sheet"], "cell": s["cell"], "value": value})


def letters(table: dict, columns: list[dict] | None = None) -> dict[str, str]:
    return {c["key"]: c["letter"] for c in (columns or table["columns"])}


def is_score(v: object, lo: int, hi: int) -> bool:
    return type(v) is int and lo <= v <= hi


def comp_ranks(values: list[float | None]) -> list[int | None]:
    """Competition ranks (1, 2, 2, 4), higher is better; None not ranked."""
    vals = [round(v, 9) for v in values if v is not None]
    return [None if v is None else 1 + sum(x > round(v, 9) for x in vals) for v in values]


def band_of(n: float | None) -> int:
    """decisions.md: half-up to 2 decimals, then < 1.5 -> 1, < 2.5 -> 2, ... else 5."""
    if n is None:
        return 0
    from decimal import ROUND_HALF_UP, Decimal
    r = float(Decimal(repr(n)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    return next((b for b, edge in ((1, 1.5), (2, 2.5), (3, 3.5), (4, 4.5)) if r < edge), 5)


# ------------------------------------------------------------------ the questionnaire


def case_penilaian_diri(layout: dict) -> Case:
    c = Case("penilaian_diri", layout)
    tb = c.table("jawaban")
    col = letters(tb)
    items = [k["key"] for k in tb["columns"] if k["kind"] == "input" and k["key"] != "responden"]
    fields = {"kelompok_kerja": "Pokja AMPL Kabupaten Sukamaju", "lokasi": "Aula Bappeda",
              "waktu": "12 Maret 2026"}
    for key, v in fields.items():
        c.setting(key, v)
    names = ["Ibu Sri (Bappeda)", "Pak Dedi (PU)", "Ibu Ani (Dinkes)", "Pak Hasan (BLH)",
             "Pak Yusuf (PDAM)", "Ibu Lina (Bapermas)"]
    answers: list[list[object]] = []
    for i, who in enumerate(names):
        r = tb["first_data_row"] + i
        c.type(tb["sheet"], col["responden"], r, who)
        row = [(i * 5 + j * 3 + j // 7) % 6 for j in range(len(items))]
        answers.append(row)
    bad = {(1, "A3"): ("tiga", "text"), (3, "C2"): (7, "scale"), (4, "F1"): (None, "blank"),
           (2, "D4"): (None, "blank")}
    for (i, key), (v, _) in bad.items():
        answers[i][items.index(key)] = v
    for i, row in enumerate(answers):
        r = tb["first_data_row"] + i
        for key, v in zip(items, row):
            if (i, key) in bad:
                c.mistake(tb["sheet"], col[key], r, *bad[(i, key)])
            else:
                c.type(tb["sheet"], col[key], r, v)

    def check(data: dict) -> None:
        comps: dict[str, list[int]] = {}
        for row in answers:
            for key, v in zip(items, row):
                comps.setdefault(key[0], [])
                if is_score(v, 0, 5):
                    comps[key[0]].append(v)
        means = {k: sum(v) / len(v) for k, v in comps.items()}
        got = {x["key"]: x for x in data["components"]}
        assert set(means) == set(got)
        for k, m in means.items():
            assert got[k]["mean"] == pytest.approx(m), k
            assert got[k]["n"] == len(comps[k]), k
        x = sum(means.values())
        assert data["X"] == pytest.approx(x)
        assert data["N"] == pytest.approx(x / 6)
        assert data["band"] == band_of(x / 6)
        assert data["sheets"]["filled"] == len(names)
        assert fields == data["fields"]
        by_item = {x["key"]: x for x in data["items"]}
        assert by_item["F1"]["blank"] == 1 and by_item["D4"]["blank"] == 1
        assert by_item["A3"]["invalid"] == 1 and by_item["C2"]["invalid"] == 1
        assert data["valid"] is False

    c.check = check
    return c


# ------------------------------------------------------------------ stakeholders


def case_analisis_pemangku(layout: dict) -> Case:
    c = Case("analisis_pemangku", layout)
    ident, anal = c.table("identifikasi"), c.table("analisis")
    PI, AP, MP = ident["values"]["peran"]
    ok_mark = ident["values"]["tanda"][0]
    rows = [
        [PI, "Bappeda", "Ir. Sutrisno", "0812 1111 2222", ok_mark, None, None, None, "Ring I",
         "Ketua Pokja"],
        [AP, "Dinas PU", "Budi Santoso", "0813 3333 4444", None, "v", None, None, "Ring II",
         None],
        [MP, "LSM Tirta", "Sari Dewi", None, None, None, "x", None, "Ring III", None],
    ]
    icol = letters(ident)
    ikeys = [k["key"] for k in ident["columns"] if k["kind"] == "input"]
    for i, row in enumerate(rows):
        for key, v in zip(ikeys, row):
            if v is not None:
                c.type(ident["sheet"], icol[key], ident["first_data_row"] + i, v)
    people = [  # role, name, (3), (4), (5), (7)
        [PI, "Ir. Sutrisno (Bappeda)", 4, 3, 2, 2],
        [PI, "Dra. Wati (Bappeda)", 3, 3, 3, 2],
        [PI, "H. Rahman (Setda)", 4, 4, 4, 1],
        [AP, "Budi Santoso (PU)", "tiga", 2, 2, 1],
        [AP, "Andi (Dinkes)", 2, 7, 2, 1],
        [AP, "Rina (BLH)", 2, 2, 3, None],
        [AP, "Joko (PDAM)", 3, 2, 2, 1],
        [MP, "Sari Dewi (LSM Tirta)", 3, 3, 3, 3],
        [MP, "Tono (Kadin)", 2, 2, 2, 1],
    ]
    acol = letters(anal)
    akeys = ["peran", "nama", "keputusan", "teknis", "mempengaruhi", "resiko"]
    for i, row in enumerate(people):
        r = anal["first_data_row"] + i
        for key, v in zip(akeys, row):
            if isinstance(v, str) and key not in ("peran", "nama"):
                c.mistake(anal["sheet"], acol[key], r, v, "text")
            elif isinstance(v, int) and not 1 <= v <= 4:
                c.mistake(anal["sheet"], acol[key], r, v, "scale")
            elif v is None:  # not yet scored: shown as such, not an error
                c.mistake(anal["sheet"], acol[key], r, None, "blank")
            else:
                c.type(anal["sheet"], acol[key], r, v)

    def check(data: dict) -> None:
        value = {}
        for role, name, a, b, d, risk in people:
            ok = all(is_score(v, 1, 4) for v in (a, b, d, risk))
            value[name] = (role, a + b + d - risk if ok else None)
        expected = {}
        for name, (role, v) in value.items():
            same = [w for r, w in value.values() if r == role and w is not None]
            expected[name] = (v, None if v is None else 1 + sum(w > v for w in same))
        got = {p["name"]: (p["nilai_akhir"], p["rank"]) for p in data["people"]}
        assert expected == got
        assert {"Ir. Sutrisno (Bappeda)", "Dra. Wati (Bappeda)"} == {
            p["name"] for p in data["people"] if p["tied"]}
        assert ["H. Rahman (Setda)"] == data["groups"][PI]["invitation"][:1]
        assert 1 == data["groups"][PI]["persons_identified"]
        assert data["groups"][AP]["unscored"] >= 1  # Rina: risk not yet scored

    c.check = check
    return c


# ------------------------------------------------------------------ weighted aspects


def case_asesmen(name: str, layout: dict) -> Case:
    c = Case(name, layout)
    tb, bobot = c.table("penilaian"), c.table("bobot")
    # the layout's 'columns' hold the asesmen_pokja preset; the other book's indicators are
    # its preset of the same name (layout rule: "buku lain: baca baris kode")
    cols = tb["presets"].get(name, tb["columns"])
    unit_col = letters(tb)["unit"]
    inds = [k for k in cols if k["kind"] == "input" and k["key"] != "unit"]
    weights = {d["aspek"]: d["bobot"] for d in bobot["defaults"][name]}
    units = ["Pokja Kab. Sukamaju", "Pokja Kab. Sukamakmur", "Pokja Kota Sukasari",
             "Pokja Kab. Mekarjaya"]
    scores = [[(u * 3 + j + j // 4) % 6 for j in range(len(inds))] for u in range(len(units))]
    bad = {(1, 2): ("tiga", "text"), (2, len(inds) - 3): (7, "scale"), (3, 8): (None, "blank")}
    for (u, j), (v, _) in bad.items():
        scores[u][j] = v
    for u, unit in enumerate(units):
        r = tb["first_data_row"] + u
        c.type(tb["sheet"], unit_col, r, unit)
        for j, ind in enumerate(inds):
            if (u, j) in bad:
                c.mistake(tb["sheet"], ind["letter"], r, *bad[(u, j)])
            else:
                c.type(tb["sheet"], ind["letter"], r, scores[u][j])

    def check(data: dict) -> None:
        expected = []
        for u in range(len(units)):
            per: dict[str, list[int]] = {}
            for j, ind in enumerate(inds):
                per.setdefault(ind["aspect"], [])
                if is_score(scores[u][j], 0, 5):
                    per[ind["aspect"]].append(scores[u][j])
            means = {a: sum(v) / len(v) if v else None for a, v in per.items()}
            total = (None if any(m is None for m in means.values())
                     else sum(weights[a] * m for a, m in means.items()))
            expected.append((units[u], means, total))
        got = {x["name"]: x for x in data["units"]}
        assert [e[0] for e in expected] == [x["name"] for x in data["units"]]
        for unit, means, total in expected:
            assert got[unit]["aspects"] == pytest.approx(means), unit
            assert got[unit]["total"] == pytest.approx(total), unit
            assert got[unit]["pct"] == pytest.approx(total / 5 * 100), unit
        ranks = comp_ranks([e[2] for e in expected])
        assert ranks == [got[e[0]]["rank"] for e in expected]
        assert data["weights_ok"] is True

    c.check = check
    return c


# ------------------------------------------------------------------ MCUA


def case_mcua_stpp(layout: dict) -> Case:
    c = Case("mcua_stpp", layout)
    c.blank_is_error = True
    kr, us = c.table("kriteria"), c.table("usulan")
    criteria = [("Dampak teknis", 40), ("Biaya", 30), ("Kemudahan pelaksanaan", 30)]
    kc = letters(kr)
    for i, (n, w) in enumerate(criteria):
        c.type(kr["sheet"], kc["kriteria"], kr["first_data_row"] + i, n)
        c.type(kr["sheet"], kc["bobot"], kr["first_data_row"] + i, w)
    T, F, M = layout["groups"]
    options = [("T1", T, "Ganti pipa transmisi bocor"), ("T2", T, "Pasang meter induk"),
               ("T3", T, "Rehabilitasi IPA"), ("F1", F, "Penyesuaian tarif"),
               ("F2", F, "Penagihan rekening"), ("M1", M, "Susun SOP"),
               ("M2", M, "Pelatihan operator")]
    uc = letters(us)
    for i, (code, group, text) in enumerate(options):
        r = us["first_data_row"] + i
        c.type(us["sheet"], uc["kode"], r, code)
        c.type(us["sheet"], uc["kelompok"], r, group)
        c.type(us["sheet"], uc["usulan"], r, text)
    scores = {
        T: [("T1", "Andi", [3, 2, 3]), ("T1", "Budi", [4, 3, 3]), ("T2", "Andi", [2, 3, 3]),
            ("T2", "Budi", ["tiga", 3, 3]), ("T3", "Andi", [3, 3, 2])],
        F: [("F1", "Citra", [4, 3, 2]), ("F2", "Citra", [3, 7, 4]), ("F2", "Dewi", [3, 4, 5])],
        M: [("M1", "Eka", [5, 4, 3]), ("M2", "Eka", [1, None, 1]), ("M2", "Fajar", [2, 2, 2])],
    }
    for tb in (t for t in layout["tables"] if t["name"].startswith("skor_")):
        gc = letters(tb)
        s0 = column_index_from_string(tb["score_columns_from"])
        for i, (code, rater, vals) in enumerate(scores[tb["group"]]):
            r = tb["first_data_row"] + i
            c.type(tb["sheet"], gc["kode"], r, code)
            c.type(tb["sheet"], gc["penilai"], r, rater)
            for j, v in enumerate(vals):
                if v is None:
                    c.mistake(tb["sheet"], s0 + j, r, None, "blank")
                elif not is_score(v, 1, 5):
                    c.mistake(tb["sheet"], s0 + j, r, v, "text" if isinstance(v, str)
                              else "scale")
                else:
                    c.type(tb["sheet"], s0 + j, r, v)

    def check(data: dict) -> None:
        w = [cw for _, cw in criteria]
        totals = {}
        for rows in scores.values():
            per: dict[str, list[list[int]]] = {}
            for code, _, vals in rows:
                if all(is_score(v, 1, 5) for v in vals):
                    per.setdefault(code, []).append(vals)
            for code, vs in per.items():
                totals[code] = sum(wk * sum(v[k] for v in vs) / len(vs) for k, wk in enumerate(w))
        by = {a["code"]: a for a in data["actions"]}
        assert set(totals) <= set(by)
        for code, tot in totals.items():
            assert by[code]["total"] == pytest.approx(tot), code
        for group in layout["groups"]:
            codes = [o[0] for o in options if o[1] == group and o[0] in totals]
            ranks = comp_ranks([totals[x] for x in codes])
            assert ranks == [by[x]["rank"] for x in codes], group
        assert [{"name": n, "weight": cw} for n, cw in criteria] == [
            {"name": x["name"], "weight": x["weight"]} for x in data["criteria"]]
        assert by["T1"]["raters"] == 2 and by["T2"]["raters"] == 1 and by["M2"]["raters"] == 1

    c.check = check
    return c


# ------------------------------------------------------------------ ranking matrix


def case_matriks(layout: dict) -> Case:
    c = Case("matriks_pemeringkatan", layout)
    c.blank_is_error = True
    isu, kr, sk = c.table("isu"), c.table("kriteria"), c.table("skor")
    issues = [("Sampah dibuang ke sungai", "Kelompok 1"),
              ("Banyak warga BAB sembarangan", "Kelompok 2"),
              ("Air PDAM sering mati", "Kelompok 1"),
              ("Drainase tersumbat", "Kelompok 3"),
              ("Cuci tangan pakai sabun rendah", "Kelompok 2")]
    ic = letters(isu)
    for i, (n, g) in enumerate(issues):
        c.type(isu["sheet"], ic["isu"], isu["first_data_row"] + i, n)
        c.type(isu["sheet"], ic["asal_kelompok"], isu["first_data_row"] + i, g)
    criteria = [("Tingkat urgensi", 40), ("Cakupan manfaat", 35), ("Kemudahan", 25)]
    kc = letters(kr)
    for i, (n, w) in enumerate(criteria):
        c.type(kr["sheet"], kc["kriteria"], kr["first_data_row"] + i, n)
        c.type(kr["sheet"], kc["bobot"], kr["first_data_row"] + i, w)
    scores = [[4, 5, 3], [5, "tiga", 4], [3, 4, 7], [4, 4, 4], [2, None, 3]]
    first = column_index_from_string(sk["criterion_columns"]["first"])
    for i, row in enumerate(scores):
        r = sk["first_data_row"] + i
        for k, v in enumerate(row):
            if v is None:
                c.mistake(sk["sheet"], first + k, r, None, "blank")
            elif not is_score(v, 1, 5):
                c.mistake(sk["sheet"], first + k, r, v, "text" if isinstance(v, str) else
                          "scale")
            else:
                c.type(sk["sheet"], first + k, r, v)

    def check(data: dict) -> None:
        w = [cw for _, cw in criteria]
        totals = [sum(wk * v for wk, v in zip(w, row)) if all(is_score(v, 1, 5) for v in row)
                  else None for row in scores]
        got = data["issues"]
        assert [n for n, _ in issues] == [x["name"] for x in got]
        for tot, x in zip(totals, got):
            if tot is None:
                assert x["mode_a"]["total"] is None, x["name"]
            else:
                assert x["mode_a"]["total"] == pytest.approx(tot), x["name"]
        assert comp_ranks(totals) == [x["mode_a"]["rank"] for x in got]
        best = max(t for t in totals if t is not None)
        assert data["isu_utama"] == issues[totals.index(best)][0]

    c.check = check
    return c


# ------------------------------------------------------------------ MPS


def case_mps(layout: dict) -> Case:
    c = Case("prioritas_mps", layout)
    c.blank_is_error = True
    ind, keg, pen = c.table("indikator"), c.table("kegiatan"), c.table("pendukung")
    AL, SP, DR, PH = layout["subsectors"]
    INF, NON = layout["jenis"]
    indicators = [("Dampak kesehatan", 40), ("Jumlah penerima manfaat", 30),
                  ("Kesiapan lahan dan dana", 30)]
    kc = letters(ind)
    for j, (n, w) in enumerate(indicators):
        c.type(ind["sheet"], kc["indikator"], ind["first_data_row"] + j, n)
        c.type(ind["sheet"], kc["bobot"], ind["first_data_row"] + j, w)
    acts = [(AL, "Program SPAL", "Bangun IPAL komunal", INF, [4, 3, 3]),
            (AL, "Program SPAL", "Sedot tinja terjadwal", NON, [3, 4, 3]),
            (AL, "Program STBM", "Pemicuan STBM", NON, [5, "tiga", 4]),
            (SP, "Program 3R", "TPS 3R kelurahan", INF, [3, 3, 4]),
            (SP, "Program 3R", "Bank sampah", NON, [4, 3, 7]),
            (DR, None, "Normalisasi saluran", INF, [3, None, 3]),
            (DR, None, "Sumur resapan", INF, [2, 3, 3]),
            (PH, "Program PHBS", "Kampanye CTPS", NON, [4, 4, 2])]
    cols = letters(keg)
    first = column_index_from_string(keg["indicator_columns"]["first"])
    for i, (sub, prog, name, jenis, sc) in enumerate(acts):
        r = keg["first_data_row"] + i
        c.type(keg["sheet"], cols["no"], r, i + 1)
        c.type(keg["sheet"], cols["subsektor"], r, sub)
        if prog:
            c.type(keg["sheet"], cols["program"], r, prog)
        c.type(keg["sheet"], cols["kegiatan"], r, name)
        c.type(keg["sheet"], cols["jenis"], r, jenis)
        for j, v in enumerate(sc):
            if v is None:
                c.mistake(keg["sheet"], first + j, r, None, "blank")
            elif not is_score(v, 1, 5):
                c.mistake(keg["sheet"], first + j, r, v, "text" if isinstance(v, str) else
                          "scale")
            else:
                c.type(keg["sheet"], first + j, r, v)
    sup = [("Pelatihan operator IPAL", "Bangun IPAL komunal"),
           ("Sosialisasi pemilahan", "TPS 3R kelurahan")]
    pc = letters(pen)
    for s, (name, main) in enumerate(sup):
        c.type(pen["sheet"], pc["pendukung"], pen["first_data_row"] + s, name)
        c.type(pen["sheet"], pc["utama"], pen["first_data_row"] + s, main)

    def check(data: dict) -> None:
        w = [iw for _, iw in indicators]
        rows = []
        for sub, _, name, _, sc in acts:
            ok = all(is_score(v, 1, 5) for v in sc)
            rows.append((name, sub, sum(a * b for a, b in zip(w, sc)) if ok else None))
        got = {a["name"]: a for a in data["activities"]}
        assert [r[0] for r in rows] == [a["name"] for a in data["activities"]]
        for name, sub, tot in rows:
            assert got[name]["subsector"] == sub
            if tot is None:
                assert got[name]["total"] is None, name
            else:
                assert got[name]["total"] == pytest.approx(tot), name
        for sub in layout["subsectors"]:
            mine = [r for r in rows if r[1] == sub]
            assert comp_ranks([r[2] for r in mine]) == [got[r[0]]["rank"] for r in mine], sub
        rank_of = {r[0]: got[r[0]]["final"] for r in rows}
        assert [rank_of[m] for _, m in sup] == [s["rank"] for s in data["supporting"]]
        assert data["weights"]["ok"] is True

    c.check = check
    return c


BUILDERS: dict[str, Callable[[dict], Case]] = {
    "penilaian_diri": case_penilaian_diri,
    "analisis_pemangku": case_analisis_pemangku,
    "asesmen_pokja": lambda lay: case_asesmen("asesmen_pokja", lay),
    "asesmen_badan_pengelola": lambda lay: case_asesmen("asesmen_badan_pengelola", lay),
    "mcua_stpp": case_mcua_stpp,
    "matriks_pemeringkatan": case_matriks,
    "prioritas_mps": case_mps,
}


# =========================================================== the round trip, once


@dataclass
class Trip:
    case: Case
    saved: Path
    out: Path
    recalc: subprocess.CompletedProcess | None = None
    data: dict | None = None
    check: subprocess.CompletedProcess | None = None
    lo_saved: dict | None = None  # what LibreOffice typed/saved
    reopened: dict | None = None  # LibreOffice's view of out.xlsm


def _layout(name: str) -> dict:
    r = run_cli("layout", ROOT / "workbooks" / f"{name}.xlsm", "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def _cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xlpokja", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600, check=False)


@pytest.fixture(scope="module")
def trips(tmp_path_factory) -> dict[str, Trip]:
    tmp = tmp_path_factory.mktemp("lo_roundtrip")
    t0 = time.monotonic()
    with ThreadPoolExecutor(4) as ex:
        layouts = dict(zip(TEMPLATES, ex.map(_layout, TEMPLATES)))
    trips = {}
    for name in TEMPLATES:
        case = BUILDERS[name](layouts[name])
        trips[name] = Trip(case, tmp / f"{name}_lo.xlsm", tmp / f"{name}_hasil.xlsm")
    # 1. LibreOffice types and saves all seven (one soffice)
    t1 = time.monotonic()
    out = run_driver([{"kind": "fill", "src": str(ROOT / "workbooks" / f"{n}.xlsm"),
                       "dst": str(tr.saved), "cells": tr.case.cells}
                      for n, tr in trips.items()])
    TIMINGS["libreoffice_type_and_save"] = time.monotonic() - t1
    for tr, res in zip(trips.values(), out["results"]):
        tr.lo_saved = res
    # 2. recalc and check, headless (side by side)
    t1 = time.monotonic()

    def _recalc(tr: Trip) -> None:
        if not tr.saved.exists():
            return
        tr.recalc = _cli("recalc", tr.saved, "-o", tr.out, "--json")
        if tr.recalc.returncode == 0:
            tr.data = json.loads(tr.recalc.stdout)
            tr.check = _cli("check", tr.out)

    with ThreadPoolExecutor(4) as ex:
        list(ex.map(_recalc, trips.values()))
    TIMINGS["recalc_and_check"] = time.monotonic() - t1
    # 3. LibreOffice reopens every result (one soffice)
    t1 = time.monotonic()
    done = [tr for tr in trips.values() if tr.out.exists()]
    if done:
        out = run_driver([{"kind": "inspect", "path": str(tr.out)} for tr in done])
        for tr, res in zip(done, out["results"]):
            tr.reopened = res
    TIMINGS["libreoffice_reopen"] = time.monotonic() - t1
    TIMINGS["total"] = time.monotonic() - t0
    print("\nLibreOffice round trip timings (s): "
          + ", ".join(f"{k} {v:.1f}" for k, v in TIMINGS.items()))
    return trips


def _trip(trips: dict[str, Trip], name: str) -> Trip:
    tr = trips[name]
    assert "error" not in (tr.lo_saved or {}), tr.lo_saved
    assert tr.saved.exists(), "LibreOffice saved nothing"
    return tr


def _recalced(trips: dict[str, Trip], name: str) -> Trip:
    tr = _trip(trips, name)
    assert tr.recalc is not None and tr.recalc.returncode == 0, (
        tr.recalc and tr.recalc.stderr[-3000:])
    return tr


# =========================================================== the assertions


@pytest.mark.parametrize("name", TEMPLATES)
def test_libreoffice_saved_what_was_typed(trips, name):
    tr = _trip(trips, name)
    assert len(tr.case.cells) == tr.lo_saved["typed"]
    assert "Calc MS Excel 2007 VBA XML" == tr.lo_saved["filter"]
    with zipfile.ZipFile(tr.saved) as z:
        assert "xl/vbaProject.bin" in z.namelist()


@pytest.mark.parametrize("name", TEMPLATES)
def test_recalc_gives_the_numbers_computed_here(trips, name):
    tr = _recalced(trips, name)
    tr.case.check(tr.data)


CODES = {"text": "NILAI_BUKAN_ANGKA", "scale": "NILAI_DI_LUAR_SKALA", "blank": "SKOR_KOSONG"}


@pytest.mark.parametrize("name", TEMPLATES)
def test_recalc_names_each_mistake(trips, name):
    """Every mistake is listed with its sheet, cell, code and what was found; a blank is a
    problem only where the instrument needs every score (a rater's row, an activity, an
    issue); nothing else is an error."""
    tr = _recalced(trips, name)
    problems = tr.data["problems"]
    errors = {(p["sheet"], p["cell"]): p for p in problems if p["severity"] == "error"}
    shown = json.dumps([(p["code"], p["sheet"], p["cell"]) for p in problems],
                       ensure_ascii=False)
    expected = [m for m in tr.case.mistakes if m.what != "blank" or tr.case.blank_is_error]
    assert expected, "the dataset has mistakes"
    missing = [(m.sheet, m.cell, m.value) for m in expected if (m.sheet, m.cell) not in errors]
    assert not missing, f"not named: {missing}; problems: {shown}"
    for m in expected:
        p = errors[(m.sheet, m.cell)]
        assert CODES[m.what] == p["code"], p
        if m.value is not None:
            assert str(m.value) in str(p["found"]), p
    assert {(m.sheet, m.cell) for m in expected} == set(errors), shown
    assert tr.data["valid"] is False


@pytest.mark.parametrize("name", TEMPLATES)
def test_check_passes_after_recalc(trips, name):
    tr = _recalced(trips, name)
    assert tr.check is not None and tr.check.returncode == 0, (
        tr.check.stdout[-3000:] + tr.check.stderr[-2000:])


MACRO_WORKBOOK = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"


def _col(letters: str) -> int:
    return column_index_from_string(letters)


@pytest.mark.parametrize("name", TEMPLATES)
def test_result_package_is_sound(trips, name):
    """out.xlsm as Excel needs it after LibreOffice's save: macro-enabled workbook content
    type, each defined name once per scope (LibreOffice writes rows-and-columns print titles
    twice), cells in row and column order."""
    tr = _recalced(trips, name)
    with zipfile.ZipFile(tr.out) as z:
        types = z.read("[Content_Types].xml").decode()
        m = re.search(r'PartName="/xl/workbook.xml"\s+ContentType="([^"]+)"', types)
        assert m and MACRO_WORKBOOK == m.group(1), m and m.group(1)
        book = z.read("xl/workbook.xml").decode()
        names = [(re.search(r'name="([^"]+)"', a).group(1),
                  (re.search(r'localSheetId="(\d+)"', a) or [None, None])[1])
                 for a in re.findall(r"<definedName\b([^>]*)>", book)]
        dup = sorted({n for n in names if names.count(n) > 1})
        assert not dup, dup
        assert not [n for n, _ in names if n.startswith("_xlnm.Print_Titles_")], names
        disorder = []
        sheets = [p for p in z.namelist() if re.match(r"xl/worksheets/sheet\d+\.xml$", p)]
        for part in sorted(sheets):
            last_row = 0
            for r, body in re.findall(r'<row\b[^>]*?\br="(\d+)"[^>]*?(?:/>|>(.*?)</row>)',
                                      z.read(part).decode(), re.DOTALL):
                assert int(r) > last_row, (part, r)
                last_row, last_col = int(r), 0
                for col, row in re.findall(r'<c\b[^>]*?\br="([A-Z]+)(\d+)"', body):
                    if row != r or _col(col) <= last_col:
                        disorder.append(f"{part} {col}{row}")
                    last_col = _col(col)
        assert not disorder, disorder[:10]


def _vba_modules(path: Path) -> dict[str, str]:
    """Module name -> code, as olevba lists them."""
    with warnings.catch_warnings():  # oletools' pyparsing deprecations
        warnings.simplefilter("ignore")
        from oletools.olevba import VBA_Parser

    vp = VBA_Parser(str(path))
    try:
        return {Path(name).stem: code for _, _, name, code in vp.extract_macros()}
    finally:
        vp.close()


@pytest.mark.parametrize("name", TEMPLATES)
def test_vba_survives(trips, name):
    tr = _recalced(trips, name)
    for path in (tr.saved, tr.out):
        mods = _vba_modules(path)
        assert "Tombol" in mods, (path.name, sorted(mods))
        assert "Sub Hitung" in mods["Tombol"], path.name


@pytest.mark.parametrize("name", TEMPLATES)
def test_buttons_with_captions_when_libreoffice_reopens(trips, name):
    tr = _recalced(trips, name)
    assert tr.reopened is not None and "error" not in tr.reopened, tr.reopened
    found: dict[str, list[tuple[str, str]]] = {}
    for sheet, controls in tr.reopened["sheets"].items():
        for ctl in controls:
            scripts = [e.get("script", "") for e in ctl["events"]
                       if e.get("method") == "actionPerformed"]
            found.setdefault(sheet, []).append((ctl["label"], scripts[0] if scripts else ""))
    exp = BUTTONS_EXPECTED[name]
    assert {s: sorted(b) for s, b in exp.items()} == {s: sorted(b) for s, b in found.items()}
    assert "Tombol" in tr.reopened["libraries"].get("VBAProject", [])


def _bound(sub: str) -> str:
    return f"vnd.sun.star.script:VBAProject.Tombol.{sub}?language=Basic&location=document"


H, K, B, P = (("Hitung", _bound("Hitung")), ("Kunci bobot", _bound("KunciBobot")),
              ("Buka kunci", _bound("BukaKunci")), ("Putaran seri", _bound("PutaranSeri")))
G = ("Gabung…", _bound("Gabung"))
# the buttons of each template (README: one Hitung button per instrument, the MCUA family's
# Kunci bobot / Buka kunci / Putaran seri, the questionnaire's Gabung); sheet -> (caption, macro)
BUTTONS_EXPECTED: dict[str, dict[str, list[tuple[str, str]]]] = {
    "penilaian_diri": {"Jawaban": [H, G], "Ringkasan": [H]},
    "analisis_pemangku": {"Analisis": [H], "Hasil": [H]},
    "asesmen_pokja": {"Penilaian": [H], "Ringkasan": [H]},
    "asesmen_badan_pengelola": {"Penilaian": [H], "Ringkasan": [H]},
    "mcua_stpp": {"Kriteria": [K, B, H], "Teknis": [H], "Finansial": [H], "Manajemen": [H],
                  "Nilai": [H, P], "Putaran": [H, P], "Ringkasan": [H, P]},
    "matriks_pemeringkatan": {"Kriteria": [K, B], "Berpasangan": [H], "Putaran": [P, H],
                              "Hasil": [H, P]},
    "prioritas_mps": {"Indikator": [H, K, B], "Kegiatan": [H], "Hasil": [H, P],
                      "Putaran": [H, P]},
}
