"""STPP MCUA (K5): core, a whole meeting run headlessly through the published layout
(criteria, Kunci bobot, three groups with several raters, Hitung, Putaran seri), bad
input, properties, both formula engines, LibreOffice, VBA and buttons, build."""

from __future__ import annotations

import json
import math
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

from xlpokja.core import mcua
from xlpokja.instruments import mcua_stpp as template
from xlpokja.instruments.mcua_stpp import layout as t

WB = ROOT / "workbooks"
TEMPLATE = WB / "mcua_stpp.xlsm"
EXAMPLE = WB / "contoh_mcua_stpp.xlsm"
K5 = [("Kr1", 40), ("Kr2", 30), ("Kr3", 30)]


# ======================================================================== the core


def test_worked_example_k5_core():
    """instruments.md K5: 40/30/30, U1 3,2,3 / U2 2,3,3 / U3 3,3,2 -> 270, 260, 270."""
    totals = mcua.weighted_totals([40, 30, 30.0], [[3, 2, 3], [2, 3, 3], [3, 3, 2.0]])
    assert [270, 260, 270] == totals
    assert [1, 3, 1] == mcua.ranks(totals)
    assert [[0, 2]] == mcua.tie_sets(totals)


def test_domain_anchor_example_ranks():
    """domain-anchors.md §1.3: P2 = 1, P3 = 2, P1 = P4 = 3 (competition ranks)."""
    s = [[4, 3, 5, 2], [3, 5, 4, 4], [5, 2, 3, 5], [4, 3, 5, 2.0]]
    totals = mcua.weighted_totals([30, 25, 25, 20.0], s)
    assert [360, 395, 375, 360] == totals
    assert [3, 1, 2, 3] == mcua.ranks(totals)
    assert all(math.isnan(t) for t in mcua.weighted_totals([], [[], []]))  # no criteria


def test_weights_checks():
    def loc(kind, k):
        return ("Kriteria", f"{kind}{k}")

    ok = mcua.check_weights(["a", "b"], [60, 40], "Persen", loc)
    assert ok.ok and not ok.problems
    raw = mcua.check_weights(["a", "b"], [5, 3], "mentah", loc)
    assert raw.ok and raw.kind == "Mentah"
    for names, ws, code in ((["a", "b"], [60, 30], "BOBOT_KRITERIA_TIDAK_100"),
                            (["a", "b"], [110, -10], "BOBOT_KRITERIA_TIDAK_SAH"),
                            (["a", "b"], [60, "empat puluh"], "BOBOT_KRITERIA_TIDAK_SAH"),
                            (["a", None], [60, 40], "KRITERIA_KOSONG"),
                            (["a", "A"], [60, 40], "KRITERIA_GANDA"),
                            (["a", "b"], [0, 0], "BOBOT_SEMUA_NOL")):
        w = mcua.check_weights(names, ws, "Persen", loc)
        assert not w.ok and code in [p.code for p in w.problems], (names, ws)


scores_st = st.lists(st.lists(st.integers(1, 5), min_size=3, max_size=3), min_size=2, max_size=8)
weights_st = st.lists(st.integers(1, 10), min_size=3, max_size=3)


@settings(max_examples=60, deadline=None)
@given(scores_st, weights_st, st.integers(2, 50))
def test_scaling_all_weights_changes_no_rank(rows, weights, c):
    assert mcua.ranks(mcua.weighted_totals(weights, rows)) == \
        mcua.ranks(mcua.weighted_totals([w * c for w in weights], rows))


@settings(max_examples=60, deadline=None)
@given(scores_st, weights_st, st.data())
def test_dominated_option_never_ranks_above_its_dominator(rows, weights, data):
    i = data.draw(st.integers(0, len(rows) - 1))
    k = data.draw(st.integers(0, 2))
    dominated = list(rows[i])
    dominated[k] = max(0, dominated[k] - data.draw(st.integers(1, 3)))
    r = mcua.ranks(mcua.weighted_totals(weights, [*rows, dominated]))
    assert r[-1] > r[i]


# ============================================================ workbooks via the layout


@pytest.fixture(scope="module")
def layout() -> dict:
    out = run_cli("layout", TEMPLATE, "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def _table(layout: dict, name: str) -> dict:
    return next(tb for tb in layout["tables"] if tb["name"] == name)


def fill(tmp_path: Path, layout: dict, *, criteria=K5, kind="Persen", scale=(1, 5),
         options=(), scores=None, src: Path = TEMPLATE, name="isi.xlsm") -> Path:
    """Write criteria, settings, actions and per-group rater rows using only the layout."""
    path = tmp_path / name
    shutil.copy(src, path)
    wb = openpyxl.load_workbook(path, keep_vba=True)
    kr = _table(layout, "kriteria")
    letters = {c["key"]: c["letter"] for c in kr["columns"]}
    ws = wb[kr["sheet"]]
    for i, (n, w) in enumerate(criteria or []):
        ws[f"{letters['kriteria']}{kr['first_data_row'] + i}"] = n
        ws[f"{letters['bobot']}{kr['first_data_row'] + i}"] = w
    sets = {s["key"]: s for s in layout["settings"]}
    for key, v in (("jenis_bobot", kind), ("skor_terendah", scale[0]),
                   ("skor_tertinggi", scale[1])):
        wb[sets[key]["sheet"]][sets[key]["cell"]] = v
    us = _table(layout, "usulan")
    ul = {c["key"]: c["letter"] for c in us["columns"]}
    for i, (code, group, text) in enumerate(options):
        r = us["first_data_row"] + i
        ws2 = wb[us["sheet"]]
        ws2[f"{ul['kode']}{r}"], ws2[f"{ul['kelompok']}{r}"], ws2[f"{ul['usulan']}{r}"] = (
            code, group, text)
    for g_table in (tb for tb in layout["tables"] if tb["name"].startswith("skor_")):
        rows = (scores or {}).get(g_table["group"], [])
        gl = {c["key"]: c["letter"] for c in g_table["columns"]}
        s0 = openpyxl.utils.column_index_from_string(g_table["score_columns_from"])
        ws3 = wb[g_table["sheet"]]
        for i, (code, rater, vals) in enumerate(rows):
            r = g_table["first_data_row"] + i
            ws3[f"{gl['kode']}{r}"], ws3[f"{gl['penilai']}{r}"] = code, rater
            for j, v in enumerate(vals):
                ws3.cell(row=r, column=s0 + j, value=v)
    wb.save(path)
    return path


def recalc_json(path: Path, tmp_path: Path, *extra: str, cmd: str = "recalc") -> dict:
    out = tmp_path / (path.stem + "_hasil.xlsm")
    r = run_cli(cmd, path, "-o", out, "--json", *extra)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def fill_round(path: Path, layout: dict, scores: dict[str, list]) -> None:
    """Enter the re-scored values of a tie round (rows made by Putaran seri)."""
    tb = _table(layout, "putaran")
    s0 = openpyxl.utils.column_index_from_string(tb["score_columns_from"])
    code_col = next(c["letter"] for c in tb["columns"] if c["key"] == "kode")
    wb = openpyxl.load_workbook(path, keep_vba=True)
    ws = wb[tb["sheet"]]
    r = tb["first_data_row"]
    while ws[f"{code_col}{r}"].value is not None:
        for j, v in enumerate(scores.get(ws[f"{code_col}{r}"].value, [])):
            ws.cell(row=r, column=s0 + j, value=v)
        r += 1
    wb.save(path)


def independent(weights: list[float], rows: list[tuple[str, str, list]]) -> dict[str, float]:
    """Σ w × mean over complete rater rows, computed here without the package."""
    per: dict[str, list[list]] = {}
    for code, _, vals in rows:
        if all(isinstance(v, int) and 1 <= v <= 5 for v in vals) and len(vals) == len(weights):
            per.setdefault(code, []).append(vals)
    return {c: round(sum(w * sum(v[j] for v in vs) / len(vs) for j, w in enumerate(weights)), 9)
            for c, vs in per.items()}


OPTIONS = [("T1", "Teknis", "Pipa"), ("T2", "Teknis", "Meter"), ("T3", "Teknis", "IPA"),
           ("F1", "Finansial", "Tarif"), ("F2", "Finansial", "Penagihan"),
           ("M1", "Manajemen (P3O)", "SOP"), ("M2", "Manajemen (P3O)", "Pelatihan")]
SCORES = {
    "Teknis": [("T1", "A", [3, 2, 3]), ("T2", "A", [2, 3, 3]), ("T3", "A", [3, 3, 2])],
    "Finansial": [("F1", "A", [4, 3, 2]), ("F1", "B", [5, 3, 2]), ("F1", "C", [4, 4, 3]),
                  ("F2", "A", [3, 4, 4]), ("F2", "B", [3, 4, 5]), ("F2", "C", [2, 4, None])],
    "Manajemen (P3O)": [("M1", "A", [5, 4, 3]), ("M2", "A", [1, 1, 1]), ("M2", "B", [2, 2, 2])],
}


def test_a_whole_meeting_headless(tmp_path, layout):
    # 1. plenary: criteria and weights, then Kunci bobot
    path = fill(tmp_path, layout)
    locked = tmp_path / "dikunci.xlsm"
    r = run_cli("kunci", path, "-o", locked, "--waktu", "2026-11-22T09:30", "--json")
    assert r.returncode == 0, r.stderr
    assert {"status": "terkunci", "locked_at": "2026-11-22 09:30"} == json.loads(r.stdout)["lock"]
    # 2. the groups score (Finansial with three raters, one row incomplete)
    wb = openpyxl.load_workbook(locked, keep_vba=True)
    wb.save(path)
    path = fill(tmp_path, layout, criteria=None, options=OPTIONS, scores=SCORES, src=path,
                name="dinilai.xlsm")
    data = recalc_json(path, tmp_path)
    by = {a["code"]: a for a in data["actions"]}
    expected = {}
    for rows in SCORES.values():
        expected |= independent([40, 30, 30], rows)
    assert expected == {c: by[c]["total"] for c in expected}
    assert (270, 260, 270) == (by["T1"]["total"], by["T2"]["total"], by["T3"]["total"])
    assert (1, 3, 1) == (by["T1"]["rank"], by["T2"]["rank"], by["T3"]["rank"])
    assert by["T1"]["tied"] and by["T3"]["tied"] and by["T1"]["note"] == "SAMA"
    assert 3 == by["F1"]["raters"] and 2 == by["F2"]["raters"]  # incomplete row not counted
    assert {"Kr1": 1.0, "Kr2": 1.0, "Kr3": 1.0} == by["F1"]["spread"]
    assert by["F2"]["means"] == {"Kr1": 3.0, "Kr2": 4.0, "Kr3": 4.5}
    assert {"Teknis": ["T1", "T3", "T2"], "Finansial": ["F2", "F1"],
            "Manajemen (P3O)": ["M1", "M2"]} == data["priority"]
    assert [{"group": "Teknis", "codes": ["T1", "T3"]}] == data["open_ties"]
    assert ["SKOR_KOSONG"] == [p["code"] for p in data["problems"]]
    st_t = data["stability"]["Teknis"]
    assert st_t is not None and data["stability"]["Manajemen (P3O)"] is not None
    # 3. Putaran seri: a round for the tied actions only
    hasil = tmp_path / "dinilai_hasil.xlsm"
    seri = tmp_path / "seri.xlsm"
    r = run_cli("seri", hasil, "-o", seri, "--json")
    assert r.returncode == 0, r.stderr
    rounds = json.loads(r.stdout)["rounds"]
    assert [{"number": 1, "group": "Teknis", "codes": ["T1", "T3"], "totals": [None, None],
             "subranks": [None, None], "status": "belum lengkap"}] == rounds
    # 4. the group re-scores T1 and T3; T3 wins the round
    fill_round(seri, layout, {"T1": [3, 2, 2], "T3": [3, 3, 2]})
    data = recalc_json(seri, tmp_path)
    by = {a["code"]: a for a in data["actions"]}
    assert (1, 2, 3) == (by["T3"]["final"], by["T1"]["final"], by["T2"]["final"])
    assert (1, 2) == (by["T3"]["subrank"], by["T1"]["subrank"])
    assert "dipakai" == data["rounds"][0]["status"] and [] == data["open_ties"]
    assert ["T3", "T1", "T2"] == data["priority"]["Teknis"]
    wb = openpyxl.load_workbook(tmp_path / "seri_hasil.xlsm", data_only=True)
    assert "dipakai" == wb[t.PUTARAN]["E5"].value
    assert (1, 2) == (wb[t.NILAI]["I7"].value, wb[t.NILAI]["I5"].value)
    # 5. nothing left to settle: the button says so and writes nothing
    out = tmp_path / "lagi.xlsm"
    r = run_cli("seri", tmp_path / "seri_hasil.xlsm", "-o", out)
    assert 2 == r.returncode and "PUTARAN_TIDAK_PERLU" in r.stderr and not out.exists()


def test_outdated_round_is_not_used(tmp_path, layout):
    path = fill(tmp_path, layout, options=OPTIONS[:3], scores={"Teknis": SCORES["Teknis"]})
    hasil = tmp_path / "isi_hasil.xlsm"
    assert 0 == run_cli("recalc", path, "-o", hasil).returncode
    seri = tmp_path / "seri.xlsm"
    assert 0 == run_cli("seri", hasil, "-o", seri).returncode
    fill_round(seri, layout, {"T1": [3, 2, 2], "T3": [3, 3, 2]})
    wb = openpyxl.load_workbook(seri, keep_vba=True)
    wb["Teknis"]["E5"] = 5  # T1 now 350: no longer tied with T3
    wb.save(seri)
    data = recalc_json(seri, tmp_path)
    assert "kedaluwarsa" == data["rounds"][0]["status"]
    assert "PUTARAN_KEDALUWARSA" in [p["code"] for p in data["problems"]]
    by = {a["code"]: a for a in data["actions"]}
    assert by["T1"]["subrank"] is None and 1 == by["T1"]["final"]


def test_changed_weights_after_lock_give_no_totals(tmp_path, layout):
    path = fill(tmp_path, layout, options=OPTIONS[:3], scores={"Teknis": SCORES["Teknis"]})
    locked = tmp_path / "k.xlsm"
    assert 0 == run_cli("kunci", path, "-o", locked, "--waktu", "2026-11-22T09:30").returncode
    wb = openpyxl.load_workbook(locked, keep_vba=True)
    wb["Kriteria"]["C11"] = 50  # pasted over the validation
    wb["Kriteria"]["C12"] = 20
    wb.save(locked)
    data = recalc_json(locked, tmp_path)
    assert "BOBOT_BERUBAH" in [p["code"] for p in data["problems"]]
    assert all(a["total"] is None for a in data["actions"]) and not data["valid"]
    opened = recalc_json(tmp_path / "k_hasil.xlsm", tmp_path, cmd="buka-kunci")
    assert "belum dikunci" == opened["lock"]["status"]
    assert 280 == {a["code"]: a for a in opened["actions"]}["T1"]["total"]  # 150+40+90


def test_raw_weights_and_another_scale(tmp_path, layout):
    """Field practice: bobot 1–5 × nilai 1–10, no 100 % rule; % of maximum beside."""
    path = fill(tmp_path, layout, criteria=[("a", 5), ("b", 2)], kind="Mentah", scale=(1, 10),
                options=OPTIONS[:2], scores={"Teknis": [("T1", "A", [10, 7]),
                                                        ("T2", "A", [6, 9])]})
    data = recalc_json(path, tmp_path)
    by = {a["code"]: a for a in data["actions"]}
    assert (64, 48) == (by["T1"]["total"], by["T2"]["total"])
    assert by["T1"]["pct"] == pytest.approx(64 / 70)


@pytest.mark.parametrize("value, code", [(7, "NILAI_DI_LUAR_SKALA"), ("tiga", "NILAI_BUKAN_ANGKA"),
                                         (2.5, "NILAI_BUKAN_BULAT"), (None, "SKOR_KOSONG")])
def test_bad_score_is_listed_and_the_row_not_counted(tmp_path, layout, value, code):
    rows = [("T1", "A", [3, value, 3]), ("T1", "B", [3, 3, 3]), ("T2", "A", [1, 1, 1])]
    path = fill(tmp_path, layout, options=OPTIONS[:2], scores={"Teknis": rows})
    data = recalc_json(path, tmp_path)
    p = [p for p in data["problems"] if p["code"] == code]
    assert 1 == len(p) and ("Teknis", "F5") == (p[0]["sheet"], p[0]["cell"])
    t1 = next(a for a in data["actions"] if a["code"] == "T1")
    assert 1 == t1["raters"] and 300 == t1["total"]
    assert not data["valid"]


@pytest.mark.parametrize("criteria, kind, code", [
    ([("a", 60), ("b", 30)], "Persen", "BOBOT_KRITERIA_TIDAK_100"),
    ([("a", 110), ("b", -10)], "Persen", "BOBOT_KRITERIA_TIDAK_SAH"),
    ([("a", 60), ("b", "empat puluh")], "Mentah", "BOBOT_KRITERIA_TIDAK_SAH")])
def test_bad_weights_give_no_totals(tmp_path, layout, criteria, kind, code):
    path = fill(tmp_path, layout, criteria=criteria, kind=kind, options=OPTIONS[:2],
                scores={"Teknis": [("T1", "A", [3, 3]), ("T2", "A", [2, 2])]})
    data = recalc_json(path, tmp_path)
    assert code in [p["code"] for p in data["problems"]]
    assert all(a["total"] is None for a in data["actions"])
    assert all(v is None for v in data["stability"].values())


def test_codes_of_another_group_and_unknown_codes(tmp_path, layout):
    rows = [("T1", "A", [3, 3, 3]), ("F1", "A", [5, 5, 5]), ("X9", "A", [5, 5, 5])]
    path = fill(tmp_path, layout, options=OPTIONS, scores={"Teknis": rows})
    data = recalc_json(path, tmp_path)
    codes = [(p["code"], p["cell"]) for p in data["problems"]]
    assert ("USULAN_KELOMPOK_LAIN", "A6") in codes and ("USULAN_TIDAK_DIKENAL", "A7") in codes
    assert next(a for a in data["actions"] if a["code"] == "F1")["raters"] == 0


def test_renamed_sheet_stops_and_writes_nothing(tmp_path, layout):
    path = fill(tmp_path, layout, options=OPTIONS[:1])
    wb = openpyxl.load_workbook(path, keep_vba=True)
    wb["Teknis"].title = "Teknik"
    wb.save(path)
    before = sha(path)
    out = tmp_path / "hasil.xlsm"
    r = run_cli("recalc", path, "-o", out)
    assert 2 == r.returncode and "SHEET_TIDAK_ADA" in r.stderr
    assert not out.exists() and before == sha(path)


def test_grown_tables_extend_formulas(tmp_path, layout):
    """12 criteria and 70 rater rows: more than the template covers."""
    crit = [(f"K{j}", 1) for j in range(12)]
    rows = [(f"T{i % 35}", f"P{i}", [(i + j) % 5 + 1 for j in range(12)]) for i in range(70)]
    opts = [(f"T{i}", "Teknis", f"usulan {i}") for i in range(35)]
    path = fill(tmp_path, layout, criteria=crit, kind="Mentah", options=opts,
                scores={"Teknis": rows})
    data = recalc_json(path, tmp_path)
    assert {"options": 35, "criteria": 12, "rater_rows": [70, 60, 60],
            "round_rows": 20} == data["shape"]
    assert independent([1] * 12, rows) == {a["code"]: a["total"] for a in data["actions"]}
    out = tmp_path / "isi_hasil.xlsm"
    r = run_cli("check", out)
    assert 0 == r.returncode, r.stdout


# ==================================================================== the built files


def test_check_both_engines_on_the_built_workbooks():
    check_both_engines([TEMPLATE, EXAMPLE])


def test_example_carries_the_worked_example():
    wb = openpyxl.load_workbook(EXAMPLE, data_only=True)
    n = wb[t.NILAI]
    assert [270, 260, 270] == [n[f"E{r}"].value for r in (5, 6, 7)]
    assert [1, 3, 1] == [n[f"G{r}"].value for r in (5, 6, 7)]
    assert [2, 3, 1] == [n[f"I{r}"].value for r in (5, 6, 7)]  # after tie round 1
    assert "SAMA" == n["J13"].value == n["J14"].value  # M3 = M4, no round yet
    assert "terkunci" == wb[t.KRITERIA][t.LOCK_STATUS_CELL].value
    assert "Kelompok Teknis" == wb[t.STABILITAS]["A4"].value
    with zipfile.ZipFile(EXAMPLE) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert 3 == sum("<barChart>" in c for c in charts)


def test_macros_and_buttons_survive():
    out = subprocess.run([sys.executable, "-m", "oletools.olevba", str(TEMPLATE)],
                         capture_output=True, text=True)
    for sub in ("hitung", "kunci_bobot", "buka_kunci", "putaran_seri"):
        assert f'RunPython "import xlpokja.excel as x; x.{sub}()"' in out.stdout
    with zipfile.ZipFile(TEMPLATE) as z:
        vml = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".vml"))
    for macro in ("Hitung", "KunciBobot", "BukaKunci", "PutaranSeri"):
        assert f"<x:FmlaMacro>[0]!{macro}</x:FmlaMacro>" in vml


def test_build_is_reproducible(tmp_path):
    from xlpokja.instruments.mcua_stpp.build import BUILDS

    assert_build_reproducible(BUILDS, tmp_path)


def test_core_imports_no_excel_library():
    assert "[]" == imported_excel_libraries("xlpokja.instruments.mcua_stpp.calc", "xlpokja.core.mcua",
                                            "xlpokja.core.stability")


# ======================================================================== LibreOffice


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_agrees(tmp_path, layout):
    scores = {g: list(rows) for g, rows in SCORES.items()}
    scores["Teknis"] = scores["Teknis"] + [("T2", "B", ["x", 9, 2.5]), ("F1", "A", [1, 1, 1])]
    path = fill(tmp_path, layout, options=OPTIONS + [("t9", "teknis", "huruf kecil")],
                scores=scores)
    out = tmp_path / "hasil.xlsm"
    assert 0 == run_cli("recalc", path, "-o", out).returncode
    seri = tmp_path / "seri.xlsm"
    assert 0 == run_cli("seri", out, "-o", seri).returncode
    fill_round(seri, layout, {"T1": [3, 2, 2], "T3": [3, 3, 2]})
    final = tmp_path / "akhir.xlsm"
    assert 0 == run_cli("recalc", seri, "-o", final).returncode
    assert lo_compare(template, final, tmp_path) > 1100
