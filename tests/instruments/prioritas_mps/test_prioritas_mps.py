"""MPS Proses-02 "Penetapan Prioritas" (K7): core, workbook filled through the published
layout, headless recalc, bad input, both formula engines, LibreOffice, VBA, build."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import (
    ROOT,
    assert_build_reproducible,
    check_both_engines,
    imported_excel_libraries,
    lo_compare,
    run_cli,
    sha,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.utils import column_index_from_string

from xlpokja.hosts.headless.check import check_file, same
from xlpokja.hosts.headless.recalc import recalc_file
from xlpokja.instruments import prioritas_mps as template
from xlpokja.instruments.prioritas_mps import calc as cm
from xlpokja.instruments.prioritas_mps import layout as t
from xlpokja.layout import panel

WB = ROOT / "workbooks"
TEMPLATE = WB / "prioritas_mps.xlsm"
EXAMPLE = WB / "contoh_prioritas_mps.xlsm"
AL, SP, DR, PH = cm.SUBSECTORS
INF, NON = cm.INFRA, cm.NON_INFRA


def core(weights, acts, sup=(), kind="Persen", lo=1, hi=5, names=None):
    """acts: (sub-sector, name, jenis, scores)."""
    names = names or [f"Ind {k + 1}" for k in range(len(weights))]
    return cm.prioritise(names, weights, kind, lo, hi, [a[0] for a in acts],
                         [None] * len(acts), [a[1] for a in acts], [a[2] for a in acts],
                         [None] * len(acts), [list(a[3]) for a in acts],
                         [s[0] for s in sup], [s[1] for s in sup])


# ======================================================================== the core


def test_hand_checkable_example():
    """Weights 40/30/30 (the K5 worked example), scores 1–5:
    Air Limbah: U1 3,2,3 -> 120+60+90 = 270; U2 2,3,3 -> 80+90+90 = 260;
                U3 3,3,2 -> 120+90+60 = 270  => U1 = U3 = 1 (SAMA), U2 = 3.
    Persampahan: P1 1,1,2 -> 40+30+60 = 130 (rank 2); P2 2,2,1 -> 80+60+30 = 170 (rank 1).
    U2 ranks 3 in Air Limbah although its 260 beats both Persampahan totals: ranks are
    within the sub-sector. S1 supports U2 -> rank 3; S2 supports P1 -> rank 2."""
    acts = [(AL, "U1", INF, [3, 2, 3]), (AL, "U2", INF, [2, 3, 3]), (SP, "P1", INF, [1, 1, 2]),
            (AL, "U3", NON, [3, 3, 2]), (SP, "P2", INF, [2, 2, 1])]
    sup = [("S1", "U2"), ("S2", "p1")]  # a lookup is case-insensitive, like MATCH
    r = core([40, 30, 30], acts, sup)
    assert [270.0, 260.0, 130.0, 270.0, 170.0] == r.totals
    assert [1, 3, 2, 1, 1] == r.ranks
    assert [True, False, False, True, False] == r.ties
    assert [3, 2] == [s.rank for s in r.supporting]
    assert [AL, SP] == [s.subsector for s in r.supporting]
    assert [0, 3, 1] == r.order(0) and [4, 2] == r.order(1)  # a tie keeps row order
    assert pytest.approx(0.54) == r.pct(0)  # 270 / (100 × 5)
    assert [] == r.problems and r.ind.ok

    # U2 rescored 5,5,5 = 500: first in Air Limbah; its supporting activity follows
    acts[1] = (AL, "U2", INF, [5, 5, 5])
    r = core([40, 30, 30], acts, sup)
    assert (500.0, 1) == (r.totals[1], r.ranks[1]) and (2, 2) == (r.ranks[0], r.ranks[3])
    assert 1 == r.supporting[0].rank


def test_blank_is_not_zero_and_bad_weights_give_no_total():
    r = core([40, 30, 30], [(AL, "A", INF, [3, None, 3]), (AL, "B", INF, [1, 1, 1])])
    assert [None, 100.0] == r.totals and [None, 1] == r.ranks
    assert "skor kosong: Ind 2" == r.keterangan(0)
    assert [("SKOR_KOSONG", "score[0,1]")] == [(p.code, p.cell) for p in r.problems]
    r = core([40, 30, 20], [(AL, "A", INF, [3, 3, 3])])  # Persen summing to 90
    assert [None] == r.totals and cm.STATUS_NOT_100 == r.ind.status
    assert "tanpa total: jumlah bobot bukan 100" == r.keterangan(0)
    r = core([4, 3, 2], [(AL, "A", INF, [3, 3, 3])], kind="Mentah")  # raw weights: fine
    assert [27.0] == r.totals and r.ind.ok


def test_non_infrastructure_main_is_inherited_but_flagged():
    r = core([1], [(PH, "STBM", NON, [4])], [("Pelatihan", "STBM"), ("X", "Tidak ada"),
                                            (None, None), ("Y", None)], kind="Mentah")
    a, b, c, d = r.supporting
    assert (1, [cm.SUP_NON_INFRA]) == (a.rank, a.flags)
    assert (None, [cm.SUP_MAIN_MISSING]) == (b.rank, b.flags)
    assert (None, []) == (c.rank, c.flags)
    assert [cm.SUP_NO_MAIN] == d.flags
    assert ["PENDUKUNG_UTAMA_NON_INFRASTRUKTUR", "PENDUKUNG_UTAMA_TIDAK_ADA",
            "PENDUKUNG_UTAMA_KOSONG"] == [p.code for p in r.problems]


score = st.integers(1, 5)
act = st.tuples(st.sampled_from(cm.SUBSECTORS), st.lists(score, min_size=3, max_size=3))


@settings(max_examples=60, deadline=None)
@given(mine=st.lists(st.lists(score, min_size=3, max_size=3), min_size=1, max_size=8),
       others=st.lists(act, max_size=10), w=st.lists(st.integers(0, 10), min_size=3,
                                                      max_size=3).filter(any),
       rnd=st.randoms(use_true_random=False))
def test_ranks_within_a_subsector_ignore_other_subsectors(mine, others, w, rnd):
    alone = core(w, [(DR, f"d{i}", INF, s) for i, s in enumerate(mine)], kind="Mentah")
    rows = [(DR, f"d{i}", INF, s) for i, s in enumerate(mine)] + [
        (g if g != DR else PH, f"o{i}", INF, s) for i, (g, s) in enumerate(others)]
    rnd.shuffle(rows)
    mixed = core(w, rows, kind="Mentah")
    got = {mixed.names[i]: (mixed.ranks[i], mixed.ties[i]) for i in range(mixed.n)}
    assert [(alone.ranks[i], alone.ties[i]) for i in range(alone.n)] == [
        got[f"d{i}"] for i in range(len(mine))]


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(act, min_size=1, max_size=12),
       w=st.lists(st.integers(0, 100), min_size=3, max_size=3).filter(any),
       c=st.sampled_from([0.25, 0.5, 2, 3, 10, 100]))
def test_scaling_all_weights_changes_no_rank(rows, w, c):
    acts = [(g, f"a{i}", INF, s) for i, (g, s) in enumerate(rows)]
    a = core(w, acts, kind="Mentah")
    b = core([x * c for x in w], acts, kind="Mentah")
    assert a.ranks == b.ranks and a.ties == b.ties
    assert [x * c for x in a.totals] == pytest.approx(b.totals)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(act, max_size=10), base=st.lists(score, min_size=3, max_size=3),
       up=st.lists(st.integers(0, 4), min_size=3, max_size=3),
       w=st.lists(st.integers(0, 50), min_size=3, max_size=3).filter(any),
       g=st.sampled_from(cm.SUBSECTORS))
def test_a_dominated_activity_never_ranks_above_its_dominator(rows, base, up, w, g):
    dom = [min(5, b + u) for b, u in zip(base, up)]
    acts = [(s, f"a{i}", INF, sc) for i, (s, sc) in enumerate(rows)]
    acts += [(g, "lemah", INF, base), (g, "kuat", INF, dom)]
    r = core(w, acts, kind="Mentah")
    assert r.ranks[-1] <= r.ranks[-2]


# ============================================================ workbook, headless recalc


@pytest.fixture(scope="module")
def layout() -> dict:
    out = run_cli("layout", TEMPLATE, "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def fill(tmp_path: Path, layout: dict, indicators: list, acts: list, sup: list = (),
         name: str = "isi.xlsm", settings: dict | None = None) -> Path:
    """Copy the template; write indicators (name, weight), activities (sub-sector, program,
    name, jenis, scores) and supporting activities (name, main) using only the layout."""
    ind, keg, pen = (next(x for x in layout["tables"] if x["name"] == n)
                     for n in ("indikator", "kegiatan", "pendukung"))
    path = tmp_path / name
    shutil.copy(TEMPLATE, path)
    wb = openpyxl.load_workbook(path, keep_vba=True)
    letters = {c["key"]: c["letter"] for c in ind["columns"]}
    ws = wb[ind["sheet"]]
    for j, (n, w) in enumerate(indicators):
        r = ind["first_data_row"] + j
        ws[f"{letters['indikator']}{r}"], ws[f"{letters['bobot']}{r}"] = n, w
    letters = {c["key"]: c["letter"] for c in keg["columns"]}
    first_score = column_index_from_string(keg["indicator_columns"]["first"])
    ws = wb[keg["sheet"]]
    for i, (sub, prog, nm, jenis, scores) in enumerate(acts):
        r = keg["first_data_row"] + i
        for key, v in (("subsektor", sub), ("program", prog), ("kegiatan", nm),
                       ("jenis", jenis)):
            ws[f"{letters[key]}{r}"] = v
        for j, v in enumerate(scores):
            ws.cell(row=r, column=first_score + j, value=v)
    letters = {c["key"]: c["letter"] for c in pen["columns"]}
    ws = wb[pen["sheet"]]
    for s, (nm, main) in enumerate(sup):
        r = pen["first_data_row"] + s
        ws[f"{letters['pendukung']}{r}"], ws[f"{letters['utama']}{r}"] = nm, main
    for s in layout["settings"]:
        if settings and s["key"] in settings:
            wb[s["sheet"]][s["cell"]] = settings[s["key"]]
    wb.save(path)
    return path


def recalc_json(path: Path, tmp_path: Path, *extra: str) -> dict:
    out = tmp_path / (path.stem + "_hasil.xlsm")
    r = run_cli("recalc", path, "-o", out, "--json", *extra)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def quick(path: Path, tmp_path: Path) -> dict:
    """In-process recalc (the CLI's JSON), for the many bad-input cases."""
    out = tmp_path / (path.stem + "_hasil.xlsm")
    res = recalc_file(path, out)
    return res.template.result_json(res)


def independent(weights: list, acts: list, sup: list) -> tuple[list, dict]:
    """Plain Python from decisions.md §1–3, 15, 19 (not from the package)."""
    ok = abs(sum(weights) - 100) <= 1e-9
    rows = []
    for sub, _prog, nm, jenis, scores in acts:
        good = [v for v in scores if type(v) is int and 1 <= v <= 5]
        total = None
        if ok and len(good) == len(weights) and sub in cm.SUBSECTORS:
            total = round(sum(w * v for w, v in zip(weights, scores)), 9)
        rows.append({"name": nm, "sub": sub, "total": total})
    for o in rows:
        same_sub = [x["total"] for x in rows if x["sub"] == o["sub"] and x["total"] is not None]
        o["rank"] = None if o["total"] is None else 1 + sum(x > o["total"] for x in same_sub)
        o["tied"] = o["total"] is not None and same_sub.count(o["total"]) > 1
    by_name = {o["name"].lower(): o for o in reversed(rows)}  # MATCH: first, any case
    return rows, {s: (by_name[m.lower()]["rank"] if m.lower() in by_name else None)
                  for s, m in sup}


def test_layout_json(layout):
    names = [x["name"] for x in layout["tables"]]
    assert ["indikator", "kegiatan", "pendukung", "putaran"] == names
    keg = layout["tables"][1]
    assert ("Kegiatan", 4, 6, "G") == (keg["sheet"], keg["header_row"], keg["first_data_row"],
                                       keg["indicator_columns"]["first"])
    assert {"subsektor": "B", "kegiatan": "D", "jenis": "E"}.items() <= {
        c["key"]: c["letter"] for c in keg["columns"]}.items()
    assert ["jenis_bobot", "skor_terendah", "skor_tertinggi"] == [
        s["key"] for s in layout["settings"]]
    assert list(cm.SUBSECTORS) == layout["subsectors"]


def test_recalc_json_matches_independent_calculation(tmp_path, layout):
    weights = [35, 25, 25, 15]  # four indicators: the template has three rows -> grows
    inds = [(f"Indikator {k + 1}", w) for k, w in enumerate(weights)]
    acts = []
    for i in range(46):  # beyond the template's 40 rows: the tables grow
        sub = cm.SUBSECTORS[i % 4]
        scores = [1 + (i * 7 + k * 3) % 5 for k in range(4)]
        acts.append((sub, f"Program {sub}", f"Kegiatan {i:02d}", INF if i % 3 else NON,
                     scores))
    acts[9] = (acts[9][0], None, "Kegiatan 09", INF, list(acts[1][4]))  # tie with row 1
    acts[13] = (AL, None, "Kegiatan 13", INF, [4, None, 2, 3])  # not fully scored
    sup = [(f"Pendukung {s}", f"kegiatan {s * 3:02d}") for s in range(33)]  # > 30 rows
    path = fill(tmp_path, layout, inds, acts, sup)
    data = recalc_json(path, tmp_path)
    exp, sup_exp = independent(weights, acts, sup)
    assert len(exp) == len(data["activities"]) == 46
    for e, a in zip(exp, data["activities"]):
        assert (e["name"], e["sub"]) == (a["name"], a["subsector"])
        assert e["total"] == pytest.approx(a["total"])
        assert (e["rank"], e["tied"]) == (a["rank"], a["tied"]), e["name"]
    assert [sup_exp[s["name"]] for s in data["supporting"]] == [
        s["rank"] for s in data["supporting"]]
    assert {"rows": 46, "indicators": 4, "supporting_rows": 33,
            "round_rows": 20} == data["shape"]
    assert data["activities"][1]["tied"] and data["activities"][9]["tied"]
    assert "skor kosong: Indikator 2" == data["activities"][13]["flags"]
    for g in cm.SUBSECTORS:
        ranks = [o["rank"] for o in data["subsectors"][g]["order"]]
        assert ranks == sorted(ranks) and ranks[0] == 1
        assert data["stability"][g]["n"] == len(ranks)
    out = tmp_path / "isi_hasil.xlsm"
    xml = zipfile.ZipFile(out).read("xl/workbook.xml").decode()
    assert "Kegiatan!$A$6:$J$51" in xml and "Indikator!$B$11:$D$14" in xml
    assert "Pendukung!$A$5:$C$37" in xml
    rep = check_file(out, "formualizer")  # the extended formulas agree with the core
    assert rep.ok and rep.cells > 700, [str(p) for p in rep.problems[:5]]
    vals = openpyxl.load_workbook(out, data_only=True)
    assert "Indikator 4" == vals["Kegiatan"]["J4"].value and 15 == vals["Kegiatan"]["J5"].value
    assert same(exp[45]["rank"], vals["Hasil"]["F51"].value)
    assert same(sup_exp["Pendukung 10"], vals["Pendukung"]["E15"].value)
    before = run_cli("check", path)  # formulas do not reach the new rows yet
    assert 0 == before.returncode and "RUMUS_BELUM_DIPERLUAS" in before.stdout  # warning


def test_supporting_activity_follows_its_main_after_rescoring(tmp_path, layout):
    inds = [("Urgensi", 60), ("Manfaat", 40)]
    acts = [(SP, None, "TPS 3R", INF, [3, 3]), (SP, None, "TPA", INF, [4, 4])]
    sup = [("Lahan TPS 3R", "TPS 3R")]
    data = quick(fill(tmp_path, layout, inds, acts, sup), tmp_path)
    assert [2, 1] == [a["rank"] for a in data["activities"]]
    assert 2 == data["supporting"][0]["rank"] and SP == data["supporting"][0]["subsector"]
    acts[0] = (SP, None, "TPS 3R", INF, [5, 5])
    data = quick(fill(tmp_path, layout, inds, acts, sup, name="lagi.xlsm"), tmp_path)
    assert 1 == data["supporting"][0]["rank"]
    vals = openpyxl.load_workbook(tmp_path / "lagi_hasil.xlsm", data_only=True)
    assert (1, SP) == (vals["Pendukung"]["E5"].value, vals["Pendukung"]["D5"].value)


# ========================================================================= bad input


GOOD_INDS = [("Urgensi", 50), ("Manfaat", 30), ("Kesiapan", 20)]
GOOD_ACTS = [(AL, None, "IPLT", INF, [4, 3, 5]), (AL, None, "IPAL komunal", INF, [3, 3, 3])]


@pytest.mark.parametrize("case,code,sheet,cell,found", [
    ("blank", "SKOR_KOSONG", "Kegiatan", "H6", "kosong"),
    ("outside", "NILAI_DI_LUAR_SKALA", "Kegiatan", "H6", "7"),
    ("text", "NILAI_BUKAN_ANGKA", "Kegiatan", "H6", "'tiga'"),
    ("negative", "BOBOT_KRITERIA_TIDAK_SAH", "Indikator", "C12", "-30"),
    ("sum90", "BOBOT_KRITERIA_TIDAK_100", "Indikator", "B7", "90"),
    ("subsector", "SUBSEKTOR_TIDAK_DIKENAL", "Kegiatan", "B6", "'Air Minum'"),
    ("missing_main", "PENDUKUNG_UTAMA_TIDAK_ADA", "Pendukung", "C5", "'IPLT lama'"),
])
def test_bad_input_is_listed_with_sheet_and_cell(tmp_path, layout, case, code, sheet, cell,
                                                 found):
    inds, acts = [list(x) for x in GOOD_INDS], [list(a) for a in GOOD_ACTS]
    acts[0][4] = list(acts[0][4])
    sup = [("DED IPLT", "IPLT")]
    if case in ("blank", "outside", "text"):
        acts[0][4][1] = {"blank": None, "outside": 7, "text": "tiga"}[case]
    elif case == "negative":
        inds[1][1] = -30
    elif case == "sum90":
        inds[2][1] = 10
    elif case == "subsector":
        acts[0][0] = "Air Minum"
    elif case == "missing_main":
        sup = [("DED IPLT", "IPLT lama")]
    path = fill(tmp_path, layout, inds, acts, sup)
    before = sha(path)
    data = quick(path, tmp_path)
    assert before == sha(path)
    errors = [p for p in data["problems"] if p["severity"] == "error"]
    assert [(code, sheet, cell, found)] == [(p["code"], p["sheet"], p["cell"], p["found"])
                                           for p in errors]
    assert not data["valid"]
    iplt = data["activities"][0]
    if case in ("blank", "outside", "text", "subsector", "negative", "sum90"):
        assert iplt["rank"] is None
        if case != "subsector":
            assert iplt["total"] is None
    if case in ("negative", "sum90"):
        assert all(a["total"] is None for a in data["activities"])
        assert iplt["flags"].startswith("tanpa total: ")
    if case == "missing_main":
        assert (None, [cm.SUP_MAIN_MISSING]) == (data["supporting"][0]["rank"],
                                                  data["supporting"][0]["flags"])
    else:
        assert data["activities"][1]["rank"] in (1, None)
    rep = check_file(tmp_path / "isi_hasil.xlsm", "formualizer")
    assert rep.ok, [str(p) for p in rep.problems[:5]]


def test_scores_outside_the_indicator_columns_are_not_counted(tmp_path, layout):
    path = fill(tmp_path, layout, GOOD_INDS, GOOD_ACTS)
    wb = openpyxl.load_workbook(path, keep_vba=True)
    wb["Kegiatan"]["K60"] = 5  # right of the three indicator columns, below the table
    wb.save(path)
    data = quick(path, tmp_path)
    assert [("BOBOT_BELUM_DIKUNCI", "Indikator", t.LOCK_TIME_CELL),  # scored, not locked
            ("NILAI_TANPA_INDIKATOR", "Kegiatan", "K4")] == [
        (p["code"], p["sheet"], p["cell"]) for p in data["problems"]]
    assert [390.0, 300.0] == [a["total"] for a in data["activities"]]  # 200+90+100, 150+90+60


def test_bad_settings_and_strict_exit(tmp_path, layout):
    path = fill(tmp_path, layout, GOOD_INDS, GOOD_ACTS,
                settings={"jenis_bobot": "Kira-kira", "skor_tertinggi": 11})
    r = run_cli("recalc", path, "-o", tmp_path / "o.xlsm", "--json", "--strict", "--lang", "en")
    assert 1 == r.returncode
    data = json.loads(r.stdout)
    assert [("PENGATURAN_TIDAK_SAH", "B4"), ("SKALA_TIDAK_SAH", "B6"),  # the cell that is wrong
            ("BOBOT_BELUM_DIKUNCI", t.LOCK_TIME_CELL)] == [
        (p["code"], p["cell"]) for p in data["problems"]]
    assert {"lo": 1, "hi": 5} == data["scale"] and "Persen" == data["weights"]["kind"]
    assert [1, 2] == [a["rank"] for a in data["activities"]]  # defaults used


def test_renamed_sheet_stops_and_writes_nothing(tmp_path, layout):
    path = fill(tmp_path, layout, GOOD_INDS, GOOD_ACTS)
    wb = openpyxl.load_workbook(path, keep_vba=True)
    wb["Pendukung"].title = "Supporting"
    wb.save(path)
    before = sha(path)
    out = tmp_path / "o.xlsm"
    r = run_cli("recalc", path, "-o", out)
    assert 2 == r.returncode
    assert "Sheet 'Pendukung' tidak ditemukan" in r.stderr and "SHEET_TIDAK_ADA" in r.stderr
    assert not out.exists() and before == sha(path)


# ================================================================= the weights lock


def _edit(path: Path, out: Path, cells: dict) -> Path:
    wb = openpyxl.load_workbook(path, keep_vba=True)
    for (sheet, ref), v in cells.items():
        wb[sheet][ref] = v
    wb.save(out)
    return out


def test_lock_change_and_unlock_headless(tmp_path, layout):
    """decisions.md §16: Kunci bobot records the agreed indicators, weights, weight kind
    and scale with the time; a change afterwards gives BOBOT_BERUBAH and no totals (in the
    core and in the native formulas); Buka kunci clears the record and the totals return."""
    lk = layout["lock"]
    assert (t.INDIKATOR, t.LOCK_TIME_CELL, t.LOCK_STATUS_CELL) == (
        lk["sheet"], lk["time"], lk["status"])
    path = fill(tmp_path, layout, GOOD_INDS, GOOD_ACTS)
    locked = tmp_path / "dikunci.xlsm"
    r = run_cli("kunci", path, "-o", locked, "--waktu", "2026-11-22T09:30", "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert {"status": t.LOCK_OK, "locked_at": "2026-11-22 09:30"} == data["lock"]
    assert [390.0, 300.0] == [a["total"] for a in data["activities"]]
    assert [] == data["problems"]  # locked: no BOBOT_BELUM_DIKUNCI warning
    vals = openpyxl.load_workbook(locked, data_only=True)[t.INDIKATOR]
    assert ("2026-11-22 09:30", t.LOCK_OK, cm.STATUS_OK) == (
        vals[t.LOCK_TIME_CELL].value, vals[t.LOCK_STATUS_CELL].value, vals[t.WSTATUS].value)
    assert [("Urgensi", 50), ("Manfaat", 30), ("Kesiapan", 20)] == [
        (vals.cell(row=t.ind_row(j), column=t.I_LNAME).value,
         vals.cell(row=t.ind_row(j), column=t.I_LWEIGHT).value) for j in range(3)]
    assert ["Persen", 1, 5] == [vals[f"E{k}"].value for k in (4, 5, 6)]
    lamp = openpyxl.load_workbook(locked, data_only=True)[t.LAMPIRAN]
    foot = [c.value for row in lamp.iter_rows(min_col=2, max_col=2) for c in row
            if isinstance(c.value, str) and c.value.startswith("Bobot:")]
    assert foot and "dikunci pada 2026-11-22 09:30" in foot[0]
    # a weight changed after the lock (still summing to 100): no totals at all
    changed = _edit(locked, tmp_path / "berubah.xlsm",
                    {(t.INDIKATOR, "C11"): 40, (t.INDIKATOR, "C12"): 40})
    data = recalc_json(changed, tmp_path)
    assert t.LOCK_CHANGED == data["lock"]["status"] and not data["valid"]
    assert cm.STATUS_CHANGED == data["weights"]["status"] and not data["weights"]["ok"]
    assert all(a["total"] is None and a["rank"] is None for a in data["activities"])
    assert all(a["flags"].endswith("tanpa total: " + cm.STATUS_CHANGED)
               for a in data["activities"])
    assert [("BOBOT_BERUBAH", t.INDIKATOR, t.LOCK_STATUS_CELL)] == [
        (p["code"], p["sheet"], p["cell"]) for p in data["problems"]
        if p["severity"] == "error"]
    hasil = tmp_path / "berubah_hasil.xlsm"
    rep = check_file(hasil, "formualizer")  # the native formulas blank every total too
    assert rep.ok, [str(p) for p in rep.problems[:5]]
    vals = openpyxl.load_workbook(hasil, data_only=True)
    assert (t.LOCK_CHANGED, cm.STATUS_CHANGED) == (
        vals[t.INDIKATOR][t.LOCK_STATUS_CELL].value, vals[t.INDIKATOR][t.WSTATUS].value)
    assert vals[t.HASIL]["D6"].value in (None, "")
    # a changed setting counts too; restoring the locked entries restores the totals
    data = quick(_edit(locked, tmp_path / "skala.xlsm", {(t.INDIKATOR, "B6"): 7}), tmp_path)
    assert t.LOCK_CHANGED == data["lock"]["status"]
    data = quick(_edit(changed, tmp_path / "kembali.xlsm",
                       {(t.INDIKATOR, "C11"): 50, (t.INDIKATOR, "C12"): 30}), tmp_path)
    assert t.LOCK_OK == data["lock"]["status"] and [390.0, 300.0] == [
        a["total"] for a in data["activities"]]
    # Kunci bobot refuses while changed; Buka kunci clears the lock: totals with new weights
    out = tmp_path / "lagi.xlsm"
    r = run_cli("kunci", hasil, "-o", out)
    assert 2 == r.returncode and "BOBOT_BERUBAH" in r.stderr and not out.exists()
    opened = tmp_path / "dibuka.xlsm"
    r = run_cli("buka-kunci", hasil, "-o", opened, "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert {"status": t.LOCK_NONE, "locked_at": None} == data["lock"]
    assert [380.0, 300.0] == [a["total"] for a in data["activities"]]  # 160+120+100, 120+120+60
    assert ["BOBOT_BELUM_DIKUNCI"] == [p["code"] for p in data["problems"]]
    vals = openpyxl.load_workbook(opened, data_only=True)[t.INDIKATOR]
    assert all(vals.cell(row=t.ind_row(j), column=c).value is None
               for j in range(3) for c in (t.I_LNAME, t.I_LWEIGHT))
    assert vals[t.LOCK_TIME_CELL].value is None and t.LOCK_NONE == vals[t.LOCK_STATUS_CELL].value
    rep = check_file(opened, "formualizer")
    assert rep.ok, [str(p) for p in rep.problems[:5]]


@pytest.mark.parametrize("inds", [[("Urgensi", 50), ("Manfaat", 30), ("Kesiapan", 10)],
                                  [("Urgensi", 50), ("Manfaat", "tiga puluh")], []])
def test_locking_invalid_weights_exits_2_and_writes_nothing(tmp_path, layout, inds):
    path = fill(tmp_path, layout, inds, GOOD_ACTS)
    before = sha(path)
    out = tmp_path / "dikunci.xlsm"
    r = run_cli("kunci", path, "-o", out, "--waktu", "2026-11-22T09:30")
    assert 2 == r.returncode and "BOBOT" in r.stderr, r.stderr
    assert not out.exists() and before == sha(path)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_agrees_on_a_changed_lock(tmp_path, layout):
    path = fill(tmp_path, layout, GOOD_INDS, GOOD_ACTS)
    locked = tmp_path / "dikunci.xlsm"
    assert 0 == run_cli("kunci", path, "-o", locked, "--waktu", "2026-11-22T09:30").returncode
    changed = _edit(locked, tmp_path / "berubah.xlsm", {(t.INDIKATOR, "B12"): "manfaat"})
    data = quick(changed, tmp_path)  # Excel's = is case-insensitive: still the same lock
    assert t.LOCK_OK == data["lock"]["status"]
    changed = _edit(locked, tmp_path / "berubah.xlsm", {(t.INDIKATOR, "B12"): "Manfaat!"})
    out = tmp_path / "hasil.xlsm"
    recalc_file(changed, out)
    assert _lo_compare(out, tmp_path) > 500


# ================================================================ tie rounds (K7)

ROUND_INDS = [("Urgensi", 40), ("Manfaat", 30), ("Kesiapan", 30)]
ROUND_ACTS = [(AL, "P1", "IPLT", INF, [3, 2, 3]),  # 270
              (AL, "P2", "IPAL", INF, [2, 3, 3]),  # 260
              (AL, None, "Sanimas", INF, [3, 3, 2]),  # 270: tied with IPLT
              (SP, None, "TPS 3R", INF, [2, 2, 1]),  # 170
              (SP, None, "TPA", INF, [1, 1, 2])]  # 130
ROUND_SUP = [("DED IPLT", "IPLT"), ("Lahan Sanimas", "sanimas")]


def fill_round(path: Path, layout: dict, scores: dict, first: int | None = None) -> None:
    """Enter the re-scores of the round rows made by Putaran seri (matched by name)."""
    tab = next(x for x in layout["tables"] if x["name"] == "putaran")
    letters = {c["key"]: c["letter"] for c in tab["columns"]}
    s0 = column_index_from_string(tab["score_columns_from"])
    wb = openpyxl.load_workbook(path, keep_vba=True)
    ws = wb[tab["sheet"]]
    for r in range(first or tab["first_data_row"], tab["first_data_row"] + 40):
        nm = ws[f"{letters['kegiatan']}{r}"].value
        if nm in scores:
            for j, v in enumerate(scores[nm]):
                ws.cell(row=r, column=s0 + j, value=v)
    wb.save(path)


def test_tie_round_end_to_end(tmp_path, layout):
    """decisions.md §2: a tie is broken only by a recorded tie round. Putaran seri makes
    rows for the tied activities only; a round that is itself tied leaves SAMA and a
    second round (nested) settles it; supporting activities and Lampiran B follow the
    final order."""
    path = fill(tmp_path, layout, ROUND_INDS, ROUND_ACTS, ROUND_SUP)
    hasil = tmp_path / "isi_hasil.xlsm"
    assert 0 == run_cli("recalc", path, "-o", hasil).returncode
    seri = tmp_path / "seri.xlsm"
    r = run_cli("seri", hasil, "-o", seri, "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert [{"number": 1, "subsector": AL, "names": ["IPLT", "Sanimas"], "rows": [5, 6],
             "totals": [None, None], "subranks": [None, None], "status": "belum lengkap"}
            ] == data["rounds"]
    assert [{"subsector": AL, "names": ["IPLT", "Sanimas"]}] == data["open_ties"]
    # the round itself is tied: still SAMA, a second round for the same two
    fill_round(seri, layout, {"IPLT": [3, 3, 3], "Sanimas": [3, 3, 3]})
    data = recalc_json(seri, tmp_path)
    assert "dipakai" == data["rounds"][0]["status"] and [1, 1] == data["rounds"][0]["subranks"]
    by = {a["name"]: a for a in data["activities"]}
    assert (1, 1, True) == (by["IPLT"]["final"], by["Sanimas"]["final"], by["IPLT"]["tied"])
    seri2 = tmp_path / "seri2.xlsm"
    assert 0 == run_cli("seri", tmp_path / "seri_hasil.xlsm", "-o", seri2).returncode
    wb = openpyxl.load_workbook(seri2)
    assert [(2, AL, "IPLT"), (2, AL, "Sanimas"), (None, None, None)] == [
        tuple(wb[t.PUTARAN].cell(row=r, column=c).value for c in (1, 2, 3)) for r in (7, 8, 9)]
    fill_round(seri2, layout, {"IPLT": [3, 2, 2], "Sanimas": [3, 3, 2]}, first=7)
    data = recalc_json(seri2, tmp_path)
    assert ["dipakai", "dipakai"] == [rd["status"] for rd in data["rounds"]]
    assert [240.0, 270.0] == data["rounds"][1]["totals"]
    by = {a["name"]: a for a in data["activities"]}
    assert [(1, 2, 2), (1, 1, 1), (3, None, 3)] == [
        (by[n]["rank"], by[n]["subrank"], by[n]["final"]) for n in ("IPLT", "Sanimas", "IPAL")]
    assert not by["IPLT"]["tied"] and not by["Sanimas"]["tied"] and [] == data["open_ties"]
    assert {"DED IPLT": 2, "Lahan Sanimas": 1} == {s["name"]: s["rank"]
                                                   for s in data["supporting"]}
    assert ["Sanimas", "IPLT", "IPAL"] == [o["name"] for o in data["subsectors"][AL]["order"]]
    wb = openpyxl.load_workbook(tmp_path / "seri2_hasil.xlsm", data_only=True)
    h, pen, lb = wb[t.HASIL], wb[t.PENDUKUNG], wb[t.LAMPIRAN]
    assert [(2, 2, None), (1, 1, None)] == [
        (h[f"K{r}"].value, h[f"L{r}"].value, h[f"G{r}"].value or None) for r in (6, 8)]
    assert (2, 1) == (pen["E5"].value, pen["E6"].value)
    assert ["dipakai"] * 4 == [wb[t.PUTARAN][f"E{r}"].value for r in range(5, 9)]
    names = [(lb.cell(row=r, column=1).value, lb.cell(row=r, column=2).value)
             for r in range(t.LB_ROW0 + 1, t.LB_ROW0 + 6)]
    assert [(1, "Sanimas"), (1, t.SUP_PREFIX + "Lahan Sanimas"), (2, "IPLT"),
            (2, t.SUP_PREFIX + "DED IPLT"), (3, "IPAL")] == names
    check_both_engines([tmp_path / "seri2_hasil.xlsm"])  # both engines agree with the core
    # nothing tied any more: the button says so and writes nothing
    out = tmp_path / "lagi.xlsm"
    r = run_cli("seri", tmp_path / "seri2_hasil.xlsm", "-o", out)
    assert 2 == r.returncode and "PUTARAN_TIDAK_PERLU" in r.stderr and not out.exists()


def test_outdated_round_is_not_used(tmp_path, layout):
    path = fill(tmp_path, layout, ROUND_INDS, ROUND_ACTS, ROUND_SUP)
    seri = tmp_path / "seri.xlsm"
    assert 0 == run_cli("seri", path, "-o", seri).returncode
    fill_round(seri, layout, {"IPLT": [3, 2, 2], "Sanimas": [3, 3, 2]})
    wb = openpyxl.load_workbook(seri, keep_vba=True)
    wb[t.KEGIATAN]["G6"] = 5  # IPLT now 350: no longer tied with Sanimas
    wb.save(seri)
    data = recalc_json(seri, tmp_path)
    assert "kedaluwarsa" == data["rounds"][0]["status"]
    assert "PUTARAN_KEDALUWARSA" in [p["code"] for p in data["problems"]]
    by = {a["name"]: a for a in data["activities"]}
    assert (None, 1) == (by["IPLT"]["subrank"], by["IPLT"]["final"])
    assert (None, 2) == (by["Sanimas"]["subrank"], by["Sanimas"]["final"])
    wb = openpyxl.load_workbook(tmp_path / "seri_hasil.xlsm", data_only=True)
    assert ["kedaluwarsa"] * 2 == [wb[t.PUTARAN][f"E{r}"].value for r in (5, 6)]
    assert (None, 1) == (wb[t.HASIL]["K6"].value, wb[t.HASIL]["L6"].value)


def test_tie_round_with_nothing_tied_exits_2_and_writes_nothing(tmp_path, layout):
    path = fill(tmp_path, layout, GOOD_INDS, GOOD_ACTS)
    out = tmp_path / "seri.xlsm"
    r = run_cli("seri", path, "-o", out, "--json")
    assert 2 == r.returncode and "PUTARAN_TIDAK_PERLU" in r.stderr and not out.exists()


# ==================================================================== the built files


def test_check_both_engines_on_the_built_workbooks():
    check_both_engines([TEMPLATE, EXAMPLE])


def test_example_lampiran_b_and_stability():
    r = run_cli("recalc", EXAMPLE, "-o", "/dev/null", "--json")
    data = json.loads(r.stdout)
    assert data["valid"] and data["weights"]["ok"]
    sp = data["subsectors"][SP]["order"]
    assert [(1, True), (1, True), (3, False)] == [(o["rank"], o["tied"]) for o in sp]
    assert ["Pengadaan lahan TPS 3R", "Pelatihan operator TPS 3R"] == sp[0]["supporting"]
    assert data["stability"][SP]["verdict"] == panel.VERDICT_TIE
    assert {"PENDUKUNG_UTAMA_NON_INFRASTRUKTUR", "KEGIATAN_BELUM_DINILAI"} == {
        p["code"] for p in data["problems"]}
    wb = openpyxl.load_workbook(EXAMPLE, data_only=True)
    lb = wb[t.LAMPIRAN]
    col_b = [lb.cell(row=r, column=2).value for r in range(t.LB_ROW0, lb.max_row + 1)]
    i = col_b.index("SUB-SEKTOR PERSAMPAHAN")
    assert col_b[i + 1] == "Pembangunan TPS 3R Kecamatan Kota"
    assert col_b[i + 2] == t.SUP_PREFIX + "Pengadaan lahan TPS 3R"
    assert [lb.cell(row=t.LB_ROW0 + i + k, column=1).value for k in (1, 2, 4, 6)] == [1, 1, 1, 3]
    assert "SAMA" == lb.cell(row=t.LB_ROW0 + i + 1, column=7).value
    assert 425 == lb.cell(row=t.LB_ROW0 + i + 1, column=5).value
    assert [5, 4, 3, 4, 5] == [lb.cell(row=t.LB_ROW0 + 1, column=c).value for c in range(8, 13)]
    st_ = wb[t.STABILITAS]
    for g, name in enumerate(cm.SUBSECTORS):
        assert st_.cell(row=t.block_row(g), column=1).value.startswith(f"{chr(65 + g)}. {name}")
    with zipfile.ZipFile(EXAMPLE) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert 4 == len(charts)
    h = wb[t.HASIL]  # the hand-checkable totals of the example (weights 30/25/20/15/10)
    assert [420, 415, 350, 425, 425, 410] == [h[f"D{r}"].value for r in range(6, 12)]
    assert h["D17"].value in (None, "") and "belum dinilai" == h["J17"].value


def test_macro_and_buttons_survive():
    out = subprocess.run([sys.executable, "-m", "oletools.olevba", str(TEMPLATE)],
                         capture_output=True, text=True)
    assert "VBA MACRO Tombol.bas" in out.stdout
    for sub in ("hitung", "kunci_bobot", "buka_kunci", "putaran_seri"):
        assert f'RunPython "import xlpokja.excel as x; x.{sub}()"' in out.stdout
    with zipfile.ZipFile(EXAMPLE) as z:
        vml = [z.read(n).decode() for n in z.namelist() if n.endswith(".vml")]
        drawings = "".join(z.read(n).decode() for n in z.namelist()
                           if n.startswith("xl/drawings/drawing"))
    assert 4 == len(vml) and all("<x:FmlaMacro>[0]!Hitung</x:FmlaMacro>" in v for v in vml)
    for macro in ("KunciBobot", "BukaKunci"):  # on sheet Indikator only
        assert 1 == sum(f"<x:FmlaMacro>[0]!{macro}</x:FmlaMacro>" in v for v in vml)
    # Putaran seri on sheets Hasil and Putaran
    assert 2 == sum("<x:FmlaMacro>[0]!PutaranSeri</x:FmlaMacro>" in v for v in vml)
    assert 4 == drawings.count("<graphicFrame")  # the share charts of Stabilitas


def test_build_is_reproducible(tmp_path):
    from xlpokja.instruments.prioritas_mps.build import BUILDS

    assert_build_reproducible(BUILDS, tmp_path)


def test_core_imports_no_excel_library():
    assert "[]" == imported_excel_libraries("xlpokja.instruments.prioritas_mps.calc")


# ======================================================================== LibreOffice


def _lo_compare(src: Path, tmp: Path) -> int:
    return lo_compare(template, src, tmp)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_agrees(tmp_path, layout):
    inds = [("Urgensi", 40), ("Manfaat", 30), ("Kesiapan", 30), (None, None), ("Biaya", 0)]
    acts = [(AL, "P1", "IPLT", INF, [3, 2, 3, 4, 1]), (AL, None, "IPAL", INF, [2, 3, 3, None, 5]),
            ("air limbah", None, "Sanimas", NON, [3, 3, 2, None, 2]),
            (SP, None, "TPS 3R", "infra", [5, "x", 9, None, 3]),
            (None, None, "Tanpa sub", INF, [1, 1, 1, None, 1]),
            (DR, None, "Saluran", INF, [4, None, 4, None, 4]),
            (PH, None, None, NON, [2, 2, 2, None, 2]), (PH, None, "STBM", None, []),
            (DR, None, "saluran", INF, [1, 1, 1, 1, 1])]
    sup = [("DED", "iplt"), ("Lahan", "Tidak ada"), (None, "Sanimas"), ("KSM", None),
           ("Truk", "STBM")]
    path = fill(tmp_path, layout, inds, acts, sup)
    # tie rounds: IPLT = Sanimas = 270 in Air Limbah (one written "air limbah"); a used
    # round (names and sub-sector matched case-insensitively), an incomplete one and an
    # outdated one
    wb = openpyxl.load_workbook(path, keep_vba=True)
    ws = wb[t.PUTARAN]
    for r, row in enumerate([(1, AL, "iplt", 3, 2, 2, None, 1), (1, AL, "Sanimas", 3, 3, 2, None, 2),
                             (2, DR, "Saluran", 4), (3, SP, "TPS 3R", 1, 1, 1, None, 1)],
                            start=t.R_ROW0):
        for c, v in zip([1, 2, 3] + list(range(t.R_SCORE0, t.R_SCORE0 + 5)), row):
            ws.cell(row=r, column=c, value=v)
    wb.save(path)
    out = tmp_path / "hasil.xlsm"
    res = recalc_file(path, out)
    assert ["dipakai", "dipakai", "belum lengkap", "kedaluwarsa"] == \
        res.p.round_rows_status[:4]
    assert (2, 1) == (res.p.final[0], res.p.final[2])
    assert _lo_compare(out, tmp_path) > 500



def test_bad_re_score_in_a_round_is_listed():
    """A re-score that is text, or a blank beside other re-scores, is a problem naming its
    cell; a round just made by the button (no re-scores yet) is not."""
    from xlpokja.instruments.prioritas_mps import calc as cm

    def locate(kind, i, j):
        return "Putaran", f"{kind}{i},{j}"

    ind = cm.check_indicators(["a", "b"], [60, 40], "Persen", 1, 5, locate)
    problems: list = []
    out = cm._rounds(["A", "B"], [0, 0], [1, 1], [10.0, 10.0], ind,
                     [(1, "Air Limbah", "A"), (1, "Air Limbah", "B"), (2, "Air Limbah", "A")],
                     [["x", 3], [None, None], [4, None]], locate, problems)
    found = sorted((p.code, p.cell) for p in problems if p.cell.startswith("round_score"))
    assert [("NILAI_BUKAN_ANGKA", "round_score0,0"), ("SKOR_KOSONG", "round_score2,1")] == found
    assert [None, None, None] == out["round_totals"]
