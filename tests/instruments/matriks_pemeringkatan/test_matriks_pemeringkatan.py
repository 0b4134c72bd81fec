"""Matriks Pemeringkatan (K6): pairwise core, criteria scores, tie rounds, the workbook
filled through the published layout, bad input, engines, LibreOffice, build."""

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

from xlpokja.hosts.headless.recalc import recalc_file
from xlpokja.instruments import matriks_pemeringkatan as tpl
from xlpokja.instruments.matriks_pemeringkatan import calc as pw
from xlpokja.instruments.matriks_pemeringkatan import layout as t
from xlpokja.instruments.matriks_pemeringkatan.compute import compute

WB = ROOT / "workbooks"
TEMPLATE = WB / "matriks_pemeringkatan.xlsm"
EXAMPLE = WB / "contoh_matriks_pemeringkatan.xlsm"
#: K6 worked example: I1 beats I2, I3, I4; I2 beats I3; I3 beats I4; I4 beats I2
K6_PAIRS = {(1, 2): 1, (1, 3): 1, (1, 4): 1, (2, 3): 2, (2, 4): 4, (3, 4): 3}
K6_ISSUES = ["I1 Kehilangan air tinggi", "I2 Tekanan rendah", "I3 Pengaduan lambat",
             "I4 Cakupan terbatas"]


def matrix(n: int, pairs: dict[tuple[int, int], object],
           lower: dict[tuple[int, int], object] | None = None) -> list[list[object]]:
    """N×N cells from {(i, j): winner} (1-based, upper triangle) and lower-cell entries."""
    m: list[list[object]] = [[None] * n for _ in range(n)]
    for (i, j), w in pairs.items():
        m[i - 1][j - 1] = w
    for (i, j), w in (lower or {}).items():
        m[i - 1][j - 1] = w
    return m


def locate(i: int, j: int) -> tuple[str, str]:
    return "Berpasangan", f"{chr(71 + j)}{8 + i}"


# ========================================================================= the core


def test_worked_example_pairwise_core():
    """K6: wins 3, 1, 1, 1 -> I1 isu utama (rank 1), I2-I4 tied at rank 2."""
    r = pw.compare(matrix(4, K6_PAIRS), [True] * 4, locate, ("Berpasangan", "C5"))
    assert [3, 1, 1, 1] == r.wins and [3, 3, 3, 3] == r.decided
    assert (6, 6, True, "lengkap") == (r.required, r.filled, r.complete, r.status)
    assert [1, 2, 2, 2] == r.ranks and [False, True, True, True] == r.ties
    assert [] == r.problems


def test_pairwise_problems_core():
    pairs = dict(K6_PAIRS)
    pairs[(1, 2)] = 3  # not one of the pair
    pairs[(1, 3)] = "1"  # text, not the number 1
    del pairs[(3, 4)]  # missing
    lower = {(4, 2): 2, (3, 1): 1, (2, 2): 9}  # (2,4) holds 4: contradiction; (1,3): text above
    r = pw.compare(matrix(4, pairs, lower), [True] * 4, locate, ("Berpasangan", "C5"))
    got = [(p.code, p.cell, p.severity) for p in r.problems]
    assert ("PASANGAN_DIAGONAL", "H9", "warning") in got
    assert ("PASANGAN_TIDAK_SAH", "H8", "error") in got  # (1,2) = 3
    assert ("PASANGAN_TIDAK_SAH", "I8", "error") in got  # (1,3) = '1'
    assert ("PASANGAN_BERTENTANGAN", "G10", "error") in got  # lower (3,1) vs text above
    assert ("PASANGAN_BERTENTANGAN", "H11", "error") in got  # lower (4,2) = 2, upper 4
    assert ("PASANGAN_BELUM_LENGKAP", "C5", "warning") in got
    assert (2, 6) == (r.filled, r.required) and not r.complete  # (1,4) and (2,3) only
    assert [None] * 4 == r.ranks and "belum lengkap: 4 perbandingan kurang" == r.status
    inc = next(p for p in r.problems if p.code == "PASANGAN_BELUM_LENGKAP")
    assert "2 terisi, 4 kurang" == inc.found


def test_unnamed_issue_takes_no_part():
    r = pw.compare(matrix(3, {(1, 2): 1, (1, 3): 3, (2, 3): 2}), [True, False, True], locate,
                   ("Berpasangan", "C5"))
    assert [0, None, 1] == r.wins and 1 == r.required and r.complete
    assert [2, None, 1] == r.ranks
    assert 2 == sum(p.code == "PASANGAN_ISU_KOSONG" for p in r.problems)


def _round_locate(q: int, c: int) -> tuple[str, str]:
    return "Putaran", f"{'ABCD'[c]}{5 + q}"


def test_tie_rounds_core():
    flags = [1, 0, 1, 0]  # I1 and I3 tied at rank 1
    r = pw.tie_rounds([[1, 1, 3, 3]], flags, _round_locate)
    assert 1 == r.applied and [0, None, 1, None] == r.wins and [2, None, 1, None] == r.subranks
    assert ("dipakai", "OK", 0, 1) == (r.rows[0].status, r.rows[0].check, r.rows[0].wins_a,
                                       r.rows[0].wins_b)
    # a round whose issues are no longer the tie set is outdated and not used
    r = pw.tie_rounds([[1, 1, 3, 3]], [1, 1, 0, 0], _round_locate)
    assert 0 == r.applied and "kedaluwarsa" == r.rows[0].status
    assert ["PUTARAN_KEDALUWARSA"] == [p.code for p in r.problems]
    # a three-way tie whose round is itself a cycle: nothing decided; round 2 is used
    cyc = [[1, 1, 2, 1], [1, 1, 3, 3], [1, 2, 3, 2]]
    r = pw.tie_rounds(cyc, [1, 1, 1], _round_locate)
    assert 1 == r.applied and [1, 1, 1] == r.subranks
    r = pw.tie_rounds(cyc + [[2, 1, 2, 2], [2, 1, 3, 1], [2, 2, 3, None]], [1, 1, 1],
                      _round_locate)
    assert 1 == r.applied
    assert ["dipakai"] * 3 + ["belum lengkap"] * 3 == [x.status for x in r.rows]
    assert ["SERI_BELUM_LENGKAP"] == [p.code for p in r.problems]
    # winner not of the pair
    r = pw.tie_rounds([[1, 1, 3, 2]], flags, _round_locate)
    assert ("SERI_PEMENANG_TIDAK_SAH", "D5") == (r.problems[0].code, r.problems[0].cell)
    assert "harus 1 atau 3" == r.rows[0].check and 0 == r.applied
    assert [(1, 2), (1, 3), (2, 3)] == pw.round_pairs([3, 1, 2])


@st.composite
def tournaments(draw):
    n = draw(st.integers(2, 7))
    pairs = {(i, j): draw(st.sampled_from([i, j])) for i in range(1, n + 1)
             for j in range(i + 1, n + 1)}
    perm = draw(st.permutations(range(n)))
    return n, pairs, perm


@settings(max_examples=80, deadline=None)
@given(tournaments())
def test_pairwise_properties(case):
    """Complete: wins sum to N(N−1)/2; relabelling the issues relabels the ranks."""
    n, pairs, perm = case
    r = pw.compare(matrix(n, pairs), [True] * n, locate)
    assert r.complete and sum(r.wins) == n * (n - 1) // 2 == r.filled
    moved = {}
    for (i, j), w in pairs.items():
        a, b = perm[i - 1] + 1, perm[j - 1] + 1
        moved[(min(a, b), max(a, b))] = perm[w - 1] + 1
    s = pw.compare(matrix(n, moved), [True] * n, locate)
    assert [s.ranks[perm[i]] for i in range(n)] == r.ranks
    assert [s.wins[perm[i]] for i in range(n)] == r.wins


def mode_a(names, weights, scores, kind="Mentah", lo=1, hi=5, mode="Skor kriteria",
           pairs=None, rounds=None):
    """The workbook's computation (matriks.compute) on mode-A inputs, without a file."""
    n, kk = len(names), len(weights)
    isu = [[i + 1, name, None, None] for i, name in enumerate(names)]
    crit = [[k + 1, f"K{k + 1}", w, None] for k, w in enumerate(weights)]
    shape = t.Shape(n, kk, max(1, len(rounds or [])))
    return compute(shape, isu, kind, lo, hi, crit, [list(r) for r in scores],
                   matrix(n, pairs or {}), rounds or [[None] * 4], mode, 3)


def test_mode_a_hand_checkable_tie():
    """K5's example numbers: 40/30/30 %; 3,2,3 = 270; 2,3,3 = 260; 3,3,2 = 270."""
    r = mode_a(["U1", "U2", "U3"], [40, 30, 30], [[3, 2, 3], [2, 3, 3], [3, 3, 2]], "Persen")
    assert [270.0, 260.0, 270.0] == r.totals and [1, 3, 1] == r.ranks_a
    assert 0.54 == pytest.approx(r.pct(0))
    assert [1, 0, 1] == r.tie_flags and r.main is None
    assert "SAMA di peringkat 1 (2 isu): tekan Putaran seri" == r.status
    assert ["SAMA", "", "SAMA"] == [r.skor_note(i) for i in range(3)]
    assert ["BOBOT_BELUM_DIKUNCI"] == [p.code for p in r.problems]  # scored before the lock
    assert r.stability is not None and r.stability.first == (0, 2)


ints = st.integers(1, 5)


@settings(max_examples=40, deadline=None)
@given(scores=st.lists(st.lists(ints, min_size=3, max_size=3), min_size=2, max_size=7),
       weights=st.lists(st.integers(1, 20), min_size=3, max_size=3),
       c=st.sampled_from([0.25, 0.5, 2, 3, 10]), perm=st.randoms(use_true_random=False))
def test_mode_a_properties(scores, weights, c, perm):
    """Scaling all weights changes no rank; ranks do not depend on the row order."""
    names = [f"I{i}" for i in range(len(scores))]
    a = mode_a(names, weights, scores)
    b = mode_a(names, [w * c for w in weights], scores)
    assert a.ranks_a == b.ranks_a and a.ties_a == b.ties_a
    order = list(range(len(scores)))
    perm.shuffle(order)
    p = mode_a([names[i] for i in order], weights, [scores[i] for i in order])
    assert [a.ranks_a[i] for i in order] == p.ranks_a


@settings(max_examples=40, deadline=None)
@given(scores=st.lists(st.lists(ints, min_size=3, max_size=3), min_size=0, max_size=5),
       weights=st.lists(st.integers(1, 20), min_size=3, max_size=3),
       top=st.lists(st.integers(2, 5), min_size=3, max_size=3),
       lower=st.lists(st.integers(0, 2), min_size=3, max_size=3), k=st.integers(0, 2))
def test_dominated_issue_never_ranks_above_its_dominator(scores, weights, top, lower, k):
    """≤ on every criterion, < on one, all weights > 0: never ranked above (ties impossible)."""
    dominated = [top[j] - 1 if j == k else max(1, top[j] - lower[j]) for j in range(3)]
    rows = [top] + scores + [dominated]
    r = mode_a([f"I{i}" for i in range(len(rows))], weights, rows)
    assert r.ranks_a[0] < r.ranks_a[-1]


# ============================================================ the workbook, headless


@pytest.fixture(scope="module")
def layout() -> dict:
    out = run_cli("layout", TEMPLATE, "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def fill(tmp_path: Path, layout: dict, issues=(), scores=None, pairs=None, lower=None,
         criteria=None, settings=None, name="isi.xlsm", template=TEMPLATE) -> Path:
    """Copy the template and write inputs using only the published layout."""
    tables = {x["name"]: x for x in layout["tables"]}
    path = tmp_path / name
    shutil.copy(template, path)
    wb = openpyxl.load_workbook(path, keep_vba=True)
    isu = tables["isu"]
    col = {c["key"]: c["letter"] for c in isu["columns"]}
    for i, row in enumerate(issues):
        row = row if isinstance(row, tuple) else (row,)
        for key, v in zip(("isu", "asal_kelompok", "keterangan"), row):
            wb[isu["sheet"]][f"{col[key]}{isu['first_data_row'] + i}"] = v
    if criteria is not None:
        kr = tables["kriteria"]
        kc = {c["key"]: c["letter"] for c in kr["columns"]}
        for k in range(5):
            name_, w = criteria[k] if k < len(criteria) else (None, None)
            wb[kr["sheet"]][f"{kc['kriteria']}{kr['first_data_row'] + k}"] = name_
            wb[kr["sheet"]][f"{kc['bobot']}{kr['first_data_row'] + k}"] = w
    if scores is not None:
        sk = tables["skor"]
        first = openpyxl.utils.column_index_from_string(sk["criterion_columns"]["first"])
        for i, row in enumerate(scores):
            for k, v in enumerate(row):
                wb[sk["sheet"]].cell(row=sk["first_data_row"] + i, column=first + k, value=v)
    m = tables["berpasangan"]["matrix"]
    for (i, j), w in {**(pairs or {}), **(lower or {})}.items():
        wb[tables["berpasangan"]["sheet"]].cell(row=m["first_row"] + i - 1,
                                                 column=m["first_column_index"] + j - 1, value=w)
    for s in layout["settings"]:
        if settings and s["key"] in settings:
            wb[s["sheet"]][s["cell"]] = settings[s["key"]]
    wb.save(path)
    return path


def recalc_json(path: Path, tmp_path: Path, *extra: str, cmd: str = "recalc") -> dict:
    out = tmp_path / (path.stem + "_hasil.xlsm")
    r = run_cli(cmd, path, "-o", out, "--json", *extra)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_layout_json(layout):
    names = [x["name"] for x in layout["tables"]]
    assert ["isu", "kriteria", "skor", "berpasangan", "putaran"] == names
    m = layout["tables"][3]["matrix"]
    assert ("Berpasangan", 8, "G") == (layout["tables"][3]["sheet"], m["first_row"],
                                       m["first_column"])
    assert {"jenis_bobot", "skor_terendah", "skor_tertinggi", "cara_penetapan",
            "daftar_pendek"} == {s["key"] for s in layout["settings"]}
    assert [{"kriteria": "Tingkat urgensi", "bobot": 50},
            {"kriteria": "Cakupan manfaat", "bobot": 50}] == layout["tables"][1]["defaults"]


def test_worked_example_through_the_layout(tmp_path, layout):
    path = fill(tmp_path, layout, K6_ISSUES, pairs=K6_PAIRS,
                settings={"cara_penetapan": "Berpasangan"})
    before = sha(path)
    data = recalc_json(path, tmp_path)
    assert before == sha(path)
    assert "xlpokja/matriks_pemeringkatan/1" == data["schema"] and data["valid"]
    assert ("Berpasangan", K6_ISSUES[0], 1) == (data["mode"], data["isu_utama"],
                                                data["isu_utama_no"])
    issues = data["issues"]
    assert [3, 1, 1, 1] == [x["mode_b"]["wins"] for x in issues]
    assert [1, 2, 2, 2] == [x["mode_b"]["rank"] for x in issues]
    assert [False, True, True, True] == [x["mode_b"]["tied"] for x in issues]
    assert data["pairwise"] == {"required": 6, "filled": 6, "complete": True,
                                "status": "lengkap"}
    assert [1, 2, 2, 2] == [s["order"] for s in data["shortlist"]]  # k = 3, tie at the edge
    assert [] == data["problems"] and data["rounds"] == []
    out = openpyxl.load_workbook(tmp_path / "isi_hasil.xlsm", data_only=True)
    assert K6_ISSUES[0] == out["Hasil"]["C6"].value
    assert "ditetapkan (cara: Berpasangan)" == out["Hasil"]["C7"].value
    assert [3, 1, 1, 1] == [out["Berpasangan"][f"C{r}"].value for r in range(8, 12)]
    r = run_cli("recalc", path, "-o", tmp_path / "r.xlsm")
    assert "ISU UTAMA: I1 Kehilangan air tinggi" in r.stdout


def test_mode_a_tie_through_the_layout(tmp_path, layout):
    path = fill(tmp_path, layout, ["U1", "U2", "U3"], criteria=[("Kr1", 40), ("Kr2", 30),
                                                                ("Kr3", 30)],
                scores=[[3, 2, 3], [2, 3, 3], [3, 3, 2]])
    data = recalc_json(path, tmp_path)
    a = [x["mode_a"] for x in data["issues"]]
    assert [270, 260, 270] == [x["total"] for x in a] and [1, 3, 1] == [x["rank"] for x in a]
    assert [54.0, 52.0, 54.0] == pytest.approx([x["pct"] * 100 for x in a])
    assert data["isu_utama"] is None and [1, 3] == data["tied_at_1"]
    assert data["status"].startswith("SAMA di peringkat 1 (2 isu)")
    assert data["stability"]["verdict"] == "SERI" and data["weights_ok"]
    out = openpyxl.load_workbook(tmp_path / "isi_hasil.xlsm", data_only=True)
    assert ("SAMA", 270) == (out["Skor"]["G6"].value, out["Skor"]["C6"].value)
    assert out["Stabilitas"]["A6"].value.startswith("Urutan 1: U1 = U3 (total 270) — SERI")


# ========================================================================= bad input


WORKED = dict(issues=["A", "B"], criteria=[("Urgensi", 50), ("Manfaat", 50)],
              scores=[[4, 5], [3, 3]])


@pytest.mark.parametrize("change,code,cell,found", [
    ({"scores": [[4, None], [3, 3]]}, "SKOR_KOSONG", "I6", "kosong"),
    ({"scores": [[4, 7], [3, 3]]}, "NILAI_DI_LUAR_SKALA", "I6", "7"),
    ({"scores": [[4, "lima"], [3, 3]]}, "NILAI_BUKAN_ANGKA", "I6", "'lima'"),
    ({"criteria": [("Urgensi", 150), ("Manfaat", -50)]}, "BOBOT_KRITERIA_TIDAK_SAH", "C13",
     "-50"),
    ({"criteria": [("Urgensi", 50), ("Manfaat", 40)]}, "BOBOT_KRITERIA_TIDAK_100", "C7", "90"),
])
def test_bad_mode_a_input(tmp_path, layout, change, code, cell, found):
    path = fill(tmp_path, layout, **{**WORKED, **change})
    before = sha(path)
    r = run_cli("recalc", path, "-o", tmp_path / "o.xlsm", "--json", "--strict")
    assert before == sha(path)
    data = json.loads(r.stdout)
    (p,) = [p for p in data["problems"] if p["code"] == code]
    assert (cell, found) == (p["cell"], p["found"])
    a = data["issues"][0]["mode_a"]
    assert a["total"] is None and a["rank"] is None  # never a total from invalid input
    if p["severity"] == "error":
        assert 1 == r.returncode and not data["valid"]
    if code.startswith("BOBOT"):
        assert not data["weights_ok"] and data["stability"] is None
        assert all(x["mode_a"]["total"] is None for x in data["issues"])


@pytest.mark.parametrize("pairs,lower,code,cell", [
    ({(1, 2): 1, (1, 3): 1}, None, "PASANGAN_BELUM_LENGKAP", "C5"),
    ({(1, 2): 1, (1, 3): 2, (2, 3): 2}, None, "PASANGAN_TIDAK_SAH", "I8"),
    ({(1, 2): 1, (1, 3): 1, (2, 3): 2}, {(3, 2): 3}, "PASANGAN_BERTENTANGAN", "H10"),
])
def test_bad_pairwise_input(tmp_path, layout, pairs, lower, code, cell):
    path = fill(tmp_path, layout, ["A", "B", "C"], pairs=pairs, lower=lower,
                settings={"cara_penetapan": "Berpasangan"})
    data = recalc_json(path, tmp_path)
    assert code in {p["code"] for p in data["problems"]}
    assert cell == next(p["cell"] for p in data["problems"] if p["code"] == code)
    assert not data["pairwise"]["complete"] and data["isu_utama"] is None
    assert all(x["mode_b"]["rank"] is None for x in data["issues"])
    assert data["status"].startswith("belum ada: matriks berpasangan belum lengkap")
    out = openpyxl.load_workbook(tmp_path / "isi_hasil.xlsm", data_only=True)
    assert out["Hasil"]["C6"].value in (None, "")


def test_renamed_sheet_stops_and_writes_nothing(tmp_path, layout):
    path = fill(tmp_path, layout, ["A"])
    wb = openpyxl.load_workbook(path, keep_vba=True)
    wb["Berpasangan"].title = "Pasangan"
    wb.save(path)
    before = sha(path)
    out = tmp_path / "o.xlsm"
    r = run_cli("recalc", path, "-o", out)
    assert 2 == r.returncode and "SHEET_TIDAK_ADA" in r.stderr
    assert not out.exists() and before == sha(path)


# ======================================================================= tie rounds


def _winners(path: Path, winners: dict[int, int]) -> None:
    wb = openpyxl.load_workbook(path, keep_vba=True)
    for row, w in winners.items():
        wb["Putaran"][f"D{row}"] = w
    wb.save(path)


def test_tie_round_end_to_end(tmp_path, layout):
    three = fill(tmp_path, layout, ["A", "B", "C", "D"], scores=[[4, 4], [3, 5], [5, 3], [1, 1]])
    # no tie: the button refuses and writes nothing
    base = fill(tmp_path, layout, ["A", "B"], scores=[[4, 4], [1, 1]], name="none.xlsm")
    r = run_cli("seri", base, "-o", tmp_path / "none_out.xlsm")
    assert 2 == r.returncode and "PUTARAN_TIDAK_PERLU" in r.stderr
    assert not (tmp_path / "none_out.xlsm").exists()
    # A, B, C tie at 400: round 1 has the three pairs of the tied issues only
    r1 = tmp_path / "r1.xlsm"
    data = json.loads(run_cli("seri", three, "-o", r1, "--json").stdout)
    (rnd,) = data["rounds"]
    assert [(1, 2), (1, 3), (2, 3)] == [(p["a"], p["b"]) for p in rnd["pairs"]]
    assert ("belum lengkap", [1, 2, 3]) == (rnd["status"], rnd["issues"])
    assert data["isu_utama"] is None and "SERI_BELUM_LENGKAP" in {
        p["code"] for p in data["problems"]}
    r = run_cli("seri", r1, "-o", tmp_path / "again.xlsm")  # round 1 still incomplete
    assert 2 == r.returncode and "SERI_BELUM_SELESAI" in r.stderr
    # the round is a cycle (A > B, C > A, B > C): still tied, a second round is made
    _winners(r1, {5: 1, 6: 3, 7: 2})
    data = recalc_json(r1, tmp_path)
    assert 1 == data["applied_round"] and data["isu_utama"] is None
    assert [1, 1, 1] == [x["subrank"] for x in data["issues"][:3]]
    r2 = tmp_path / "r2.xlsm"
    data = json.loads(run_cli("seri", r1, "-o", r2, "--json").stdout)
    assert [1, 2] == [x["number"] for x in data["rounds"]]
    assert [8, 9, 10] == [p["row"] for p in data["rounds"][1]["pairs"]]
    _winners(r2, {8: 2, 9: 3, 10: 2})  # B beats A and C; C beats A
    data = recalc_json(r2, tmp_path)
    assert ("B", 2, 2) == (data["isu_utama"], data["isu_utama_no"], data["applied_round"])
    by = {x["name"]: x for x in data["issues"]}
    assert (0, 3, 3) == (by["A"]["round_wins"], by["A"]["subrank"], by["A"]["final"])
    assert (2, 2, 1, 4) == (by["C"]["subrank"], by["C"]["final"], by["B"]["final"],
                            by["D"]["final"])
    assert ["digantikan", "dipakai"] == [x["status"] for x in data["rounds"]]
    assert data["status"] == "ditetapkan lewat putaran seri 2"
    out = openpyxl.load_workbook(tmp_path / "r2_hasil.xlsm", data_only=True)
    assert ("B", 2) == (out["Hasil"]["C6"].value, out["Hasil"]["C9"].value)
    assert (3, 3) == (out["Hasil"]["J13"].value, out["Hasil"]["K13"].value)  # A: sub 3
    assert 0 == run_cli("check", tmp_path / "r2_hasil.xlsm").returncode
    r = run_cli("seri", tmp_path / "r2_hasil.xlsm", "-o", tmp_path / "r3.xlsm")
    assert 2 == r.returncode and "isu utama sudah ditetapkan: B" in r.stderr
    # a score changes: C now alone at rank 1; both rounds are outdated, nothing applied
    wb = openpyxl.load_workbook(r2, keep_vba=True)
    wb["Skor"]["I8"] = 5
    wb.save(r2)
    data = recalc_json(r2, tmp_path)
    assert ("C", None) == (data["isu_utama"], data["applied_round"])
    assert ["kedaluwarsa", "kedaluwarsa"] == [x["status"] for x in data["rounds"]]
    assert 2 == sum(p["code"] == "PUTARAN_KEDALUWARSA" and p["severity"] == "warning"
                    for p in data["problems"])


def test_tables_grow(tmp_path, layout):
    """A 13th issue and a 6th criterion, beyond the template's extents."""
    issues = [f"Isu {i}" for i in range(13)]
    crit = [(f"K{k}", 1) for k in range(5)]
    path = fill(tmp_path, layout, issues, criteria=crit, settings={"jenis_bobot": "Mentah"},
                scores=[[(i + k) % 5 + 1 for k in range(6)] for i in range(13)])
    wb = openpyxl.load_workbook(path, keep_vba=True)
    wb["Kriteria"]["B17"], wb["Kriteria"]["C17"] = "K5", 2
    wb.save(path)
    data = recalc_json(path, tmp_path)
    assert {"issues": 13, "criteria": 6, "round_rows": 10} == data["shape"]
    exp = [sum(((i + k) % 5 + 1) * (2 if k == 5 else 1) for k in range(6)) for i in range(13)]
    assert exp == [x["mode_a"]["total"] for x in data["issues"]]
    out = tmp_path / "isi_hasil.xlsm"
    r = run_cli("check", out, "--engine", "formualizer")
    assert 0 == r.returncode, r.stdout
    before = run_cli("check", path)  # formulas do not reach row 13 yet: press Hitung
    assert 0 == before.returncode and "RUMUS_BELUM_DIPERLUAS" in before.stdout


# ================================================================== the weights lock

LOCK_ISSUES = ["A", "B", "C"]
LOCK_SCORES = [[5, 4], [3, 3], [4, 2]]  # 50/50 Persen: 450, 300, 300


def test_lock_via_cli_records_time_and_status(tmp_path, layout):
    lock = layout["outputs"]["lock"]
    assert (t.KRITERIA, "H7", "H8") == (lock["sheet"], lock["time"], lock["status"])
    path = fill(tmp_path, layout, LOCK_ISSUES)
    before = sha(path)
    data = recalc_json(path, tmp_path)
    assert {"status": "belum dikunci", "locked_at": None} == data["lock"]
    locked = tmp_path / "dikunci.xlsm"
    r = run_cli("kunci", path, "-o", locked, "--waktu", "2026-11-22T09:30", "--json")
    assert r.returncode == 0, r.stderr
    assert before == sha(path)
    data = json.loads(r.stdout)
    assert {"status": "terkunci", "locked_at": "2026-11-22 09:30"} == data["lock"]
    assert data["weights_ok"] and "BOBOT_BERUBAH" not in [p["code"] for p in data["problems"]]
    wb = openpyxl.load_workbook(locked, keep_vba=True)
    kr = wb[t.KRITERIA]
    assert "2026-11-22 09:30" == kr[t.LOCK_TIME_CELL].value
    assert [("Tingkat urgensi", 50), ("Cakupan manfaat", 50), (None, None)] == [
        (kr.cell(row=t.crit_row(c), column=t.KR_LNAME).value,
         kr.cell(row=t.crit_row(c), column=t.KR_LWEIGHT).value) for c in range(3)]
    assert ["Persen", 1, 5] == [kr[f"H{r}"].value for r in (4, 5, 6)]
    assert "terkunci" == openpyxl.load_workbook(locked, data_only=True)[t.KRITERIA][
        t.LOCK_STATUS_CELL].value
    # scores entered after the lock: totals, and no "not locked" warning
    sk = layout["tables"][[x["name"] for x in layout["tables"]].index("skor")]
    for i, row in enumerate(LOCK_SCORES):
        for c, v in enumerate(row):
            kr.parent[t.SKOR].cell(row=sk["first_data_row"] + i, column=t.SK_CRIT0 + c, value=v)
    wb.save(locked)
    data = recalc_json(locked, tmp_path)
    assert [450, 300, 300] == [x["mode_a"]["total"] for x in data["issues"]]
    assert [] == [p["code"] for p in data["problems"]]
    # locking again while locked and unchanged: a new time
    r = run_cli("kunci", locked, "-o", tmp_path / "lagi.xlsm", "--waktu", "2026-11-22T10:00",
                "--json")
    assert r.returncode == 0 and "2026-11-22 10:00" == json.loads(r.stdout)["lock"]["locked_at"]


@pytest.mark.parametrize("cell, value", [("C12", 60), ("B13", "Biaya"), ("B6", 6),
                                         ("B4", "Mentah")])
def test_changed_weights_after_lock_give_no_mode_a_totals(tmp_path, layout, cell, value):
    path = fill(tmp_path, layout, LOCK_ISSUES, scores=LOCK_SCORES, pairs={
        (1, 2): 1, (1, 3): 1, (2, 3): 2})
    locked = tmp_path / "k.xlsm"
    assert 0 == run_cli("kunci", path, "-o", locked, "--waktu", "2026-11-22T09:30").returncode
    wb = openpyxl.load_workbook(locked, keep_vba=True)
    wb[t.KRITERIA][cell] = value
    if cell == "C12":
        wb[t.KRITERIA]["C13"] = 40
    wb.save(locked)
    data = recalc_json(locked, tmp_path)
    assert "BOBOT_BERUBAH" in [p["code"] for p in data["problems"]] and not data["valid"]
    assert "BERUBAH" == data["lock"]["status"]
    assert "berubah setelah dikunci" == data["weights_status"]
    assert [None, None, None] == [x["mode_a"]["total"] for x in data["issues"]]
    assert [None, None, None] == [x["mode_a"]["rank"] for x in data["issues"]]
    assert [1, 2, 3] == [x["mode_b"]["rank"] for x in data["issues"]]  # no weights in mode B
    out = openpyxl.load_workbook(tmp_path / "k_hasil.xlsm", data_only=True)
    assert "BERUBAH" == out[t.KRITERIA][t.LOCK_STATUS_CELL].value
    assert "berubah setelah dikunci" == out[t.KRITERIA][t.K_STATUS].value
    assert [None, None, None] == [out[t.SKOR][f"C{r}"].value for r in range(6, 9)]
    # Kunci bobot is refused while changed; Buka kunci gives the totals back
    before = sha(tmp_path / "k_hasil.xlsm")
    r = run_cli("kunci", tmp_path / "k_hasil.xlsm", "-o", tmp_path / "x.xlsm")
    assert 2 == r.returncode and "BOBOT_BERUBAH" in r.stderr
    assert not (tmp_path / "x.xlsm").exists() and before == sha(tmp_path / "k_hasil.xlsm")
    opened = recalc_json(tmp_path / "k_hasil.xlsm", tmp_path, cmd="buka-kunci")
    assert {"status": "belum dikunci", "locked_at": None} == opened["lock"]
    assert "BOBOT_BERUBAH" not in [p["code"] for p in opened["problems"]]
    assert "BOBOT_BELUM_DIKUNCI" in [p["code"] for p in opened["problems"]]
    assert all(x["mode_a"]["total"] is not None for x in opened["issues"])
    kr = openpyxl.load_workbook(tmp_path / "k_hasil_hasil.xlsm")[t.KRITERIA]
    assert [None] * 4 == [kr[c].value for c in ("G12", "H12", "H4", t.LOCK_TIME_CELL)]


def test_locking_invalid_weights_exits_2_and_writes_nothing(tmp_path, layout):
    path = fill(tmp_path, layout, LOCK_ISSUES, criteria=[("K1", 50), ("K2", 40)])
    before = sha(path)
    out = tmp_path / "o.xlsm"
    r = run_cli("kunci", path, "-o", out, "--waktu", "2026-11-22T09:30")
    assert 2 == r.returncode and "BOBOT" in r.stderr
    assert not out.exists() and before == sha(path)


def test_lock_in_the_core():
    """The settings belong to the lock: a different scale is a change."""
    isu = [[1, "A", None, None]]
    crit = [[1, "K1", 50, None], [2, "K2", 50, None]]
    args = (t.Shape(1, 2, 1), isu, "Persen", 1, 5, crit, [[5, 4]], matrix(1, {}),
            [[None] * 4], "Skor kriteria", 3)
    ok = compute(*args, lock_time="2026-11-22 09:30", locked_rows=[("k1", 50), ("K2", 50.0)],
                 locked_settings=["persen", 1, 5])
    assert (t.LOCK_OK, 450.0) == (ok.lock_status, ok.totals[0])  # "=" ignores case
    bad = compute(*args, lock_time="2026-11-22 09:30", locked_rows=[("K1", 50), ("K2", 50)],
                  locked_settings=["Persen", 1, 10])
    assert (t.LOCK_CHANGED, None, t.STATUS_CHANGED) == (bad.lock_status, bad.totals[0],
                                                         bad.weight_status)
    assert ["BOBOT_BERUBAH"] == [p.code for p in bad.problems]


# ==================================================================== the built files


def test_check_both_engines_on_the_built_workbooks():
    check_both_engines([TEMPLATE, EXAMPLE])


def test_example_carries_the_worked_example_and_a_tie():
    wb = openpyxl.load_workbook(EXAMPLE, data_only=True)
    bp = wb["Berpasangan"]
    assert [3, 1, 1, 1] == [bp[f"C{r}"].value for r in range(8, 12)]
    assert [1, 2, 2, 2] == [bp[f"E{r}"].value for r in range(8, 12)]
    sk = wb["Skor"]
    assert [450, 300, 450, 300] == [sk[f"C{r}"].value for r in range(6, 10)]
    assert [1, 3, 1, 3] == [sk[f"E{r}"].value for r in range(6, 10)]
    h = wb["Hasil"]
    assert "Kehilangan air (NRW) tinggi" == h["C6"].value
    assert "ditetapkan lewat putaran seri 1" == h["C7"].value
    assert [1, 3, 2, 3] == [h[f"K{r}"].value for r in range(13, 17)]
    assert "dipakai" == wb["Putaran"]["J5"].value
    with zipfile.ZipFile(EXAMPLE) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert any("<c:barChart>" in c or "barChart" in c for c in charts)


def test_macro_buttons_survive():
    out = subprocess.run([sys.executable, "-m", "oletools.olevba", str(TEMPLATE)],
                         capture_output=True, text=True)
    assert "VBA MACRO Tombol.bas" in out.stdout
    assert 'RunPython "import xlpokja.excel as x; x.putaran_seri()"' in out.stdout
    with zipfile.ZipFile(TEMPLATE) as z:
        vml = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".vml"))
    assert 3 == vml.count("<x:FmlaMacro>[0]!Hitung</x:FmlaMacro>")
    assert 2 == vml.count("<x:FmlaMacro>[0]!PutaranSeri</x:FmlaMacro>")
    assert 1 == vml.count("<x:FmlaMacro>[0]!KunciBobot</x:FmlaMacro>")
    assert 1 == vml.count("<x:FmlaMacro>[0]!BukaKunci</x:FmlaMacro>")


def test_build_is_reproducible(tmp_path):
    from xlpokja.instruments.matriks_pemeringkatan.build import BUILDS

    assert_build_reproducible(BUILDS, tmp_path)


def test_core_imports_no_excel_library():
    assert "[]" == imported_excel_libraries("xlpokja.instruments.matriks_pemeringkatan.calc")


# ======================================================================== LibreOffice


def _lo_compare(src: Path, tmp: Path) -> int:
    return lo_compare(tpl, src, tmp)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_agrees(tmp_path, layout):
    assert _lo_compare(EXAMPLE, tmp_path) > 500
    # bad and partial input: text and out-of-scale scores, a contradiction, an invalid
    # winner, an unnamed issue with entries, an outdated and an incomplete round
    path = fill(tmp_path, layout, ["A", "B", None, "D", "E"],
                scores=[[4, "x"], [3, 3], [2, 2], [9, 1], [3, 3]],
                pairs={(1, 2): 1, (1, 3): 3, (1, 4): "1", (2, 4): 4, (2, 5): 7, (4, 5): 5},
                lower={(4, 1): 4}, settings={"jenis_bobot": "mentah", "daftar_pendek": 2})
    wb = openpyxl.load_workbook(path, keep_vba=True)
    for r, row in enumerate([[1, 1, 2, 2], [1, 1, 4, None], [2, 2, 5, 2], [2, 2, 5, 9]], 5):
        for c, v in enumerate(row, 1):
            wb["Putaran"].cell(row=r, column=c, value=v)
    wb.save(path)
    out = tmp_path / "bad_hasil.xlsm"
    recalc_file(path, out)
    assert _lo_compare(out, tmp_path) > 500
    # locked, then a weight and the scale changed: BERUBAH blanks every mode-A total
    path = fill(tmp_path, layout, LOCK_ISSUES, scores=LOCK_SCORES, name="lock.xlsm")
    locked = tmp_path / "lock_k.xlsm"
    assert 0 == run_cli("kunci", path, "-o", locked, "--waktu", "2026-11-22T09:30").returncode
    wb = openpyxl.load_workbook(locked, keep_vba=True)
    wb[t.KRITERIA]["C12"], wb[t.KRITERIA]["B6"] = 70, 6
    wb.save(locked)
    out = tmp_path / "lock_hasil.xlsm"
    recalc_file(locked, out)
    assert "BERUBAH" == openpyxl.load_workbook(out, data_only=True)[t.KRITERIA]["H8"].value
    check_both_engines([out])
    assert _lo_compare(out, tmp_path) > 500
