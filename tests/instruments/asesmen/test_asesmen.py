"""The weighted aspect assessment (K4 Tabel 3-1, K10 "Kinerja lembaga"): core, workbook,
headless recalc through the published layout, bad input, LibreOffice, build."""

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

from xlpokja.core.bands import LABELS
from xlpokja.instruments.asesmen import calc as ca
from xlpokja.instruments.asesmen import layout as t

WB = ROOT / "workbooks"
TEMPLATE = WB / "asesmen_pokja.xlsm"
TEMPLATE_BP = WB / "asesmen_badan_pengelola.xlsm"
EXAMPLE = WB / "contoh_asesmen_pokja.xlsm"
K4_ASPECTS = ["Kelembagaan", "Perencanaan", "Koordinasi dan Advokasi",
              "Monitoring dan Evaluasi", "Keuangan"]
K4_WEIGHTS = [0.25, 0.20, 0.25, 0.20, 0.10]
#: the source's worked example (K4): aspect means 3.0 / 4.0 / 2.5 / 3.5 / 2.0
WORKED = {"Kelembagaan": [3] * 7, "Perencanaan": [4, 4, 4],
          "Koordinasi dan Advokasi": [2, 3, 2, 3, None], "Monitoring dan Evaluasi": [3, 4, 3, 4],
          "Keuangan": [2, 2]}


def k4_row(by_aspect: dict[str, list]) -> list:
    """21 scores in K4 column order from per-aspect lists."""
    out = []
    for a in K4_ASPECTS:
        n = sum(1 for ind in ca.K4.indicators if ind.aspect == a)
        out += list(by_aspect.get(a, [None] * n))
    return out


# ------------------------------------------------------------------ layout and filling


@pytest.fixture(scope="module")
def layout() -> dict:
    out = run_cli("layout", TEMPLATE, "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def fill(tmp_path: Path, layout: dict, units: list[list], name: str = "isi.xlsm",
         template: Path = TEMPLATE, preset: str | None = None,
         weights: list | None = None, choice: object = None) -> Path:
    """Copy the template and write units (name + scores in key order), weights and the
    unit choice, using only the published layout."""
    table, bobot = layout["tables"]
    cols = table["columns"] if preset is None else [table["columns"][0]] + table["presets"][preset]
    letters = [c["letter"] for c in cols]
    path = tmp_path / name
    shutil.copy(template, path)
    wb = openpyxl.load_workbook(path, keep_vba=True)
    ws = wb[table["sheet"]]
    for i, row in enumerate(units):
        r = table["first_data_row"] + i
        for letter, value in zip(letters, row):
            ws[f"{letter}{r}"] = value
    if weights is not None:
        col = next(c["letter"] for c in bobot["columns"] if c["key"] == "bobot")
        for k, w in enumerate(weights):
            wb[bobot["sheet"]][f"{col}{bobot['first_data_row'] + k}"] = w
    if choice is not None:
        s = layout["settings"][0]
        wb[s["sheet"]][s["cell"]] = choice
    wb.save(path)
    return path


def recalc_json(path: Path, tmp_path: Path, *extra: str) -> dict:
    out = tmp_path / (path.stem + "_hasil.xlsm")
    r = run_cli("recalc", path, "-o", out, "--json", *extra)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


# ======================================================================== the core


def test_presets_are_the_source_tables():
    assert [7, 3, 5, 4, 2] == [sum(i.aspect == a for i in ca.K4.indicators) for a in K4_ASPECTS]
    assert K4_ASPECTS == list(ca.K4.aspect_names)
    assert K4_WEIGHTS == list(ca.K4.weights)
    assert "Referensi atau dokumen acuan perencanaan bagi pelaku pembangunan AMPL" == next(
        i.text for i in ca.K4.indicators if i.code == "P2")
    # K10 "Kinerja lembaga": row 10 has no Monitoring Kegiatan entry -> 11 + 12 + 12
    assert [11, 12, 12] == [sum(i.aspect == a for i in ca.K10.indicators)
                            for a in ca.K10.aspect_names]
    assert "MK10" not in {i.code for i in ca.K10.indicators}
    assert ca.check_weights(ca.K10.weights).ok


def test_worked_example_core():
    """K4: 0.25·3.0 + 0.20·4.0 + 0.25·2.5 + 0.20·3.5 + 0.10·2.0 = 3.075 -> 61.5 % -> band 3."""
    a = ca.assess(["Kab A"], [k4_row(WORKED)], [i.aspect for i in ca.K4.indicators],
                  K4_ASPECTS, K4_WEIGHTS)
    assert [3.0, 4.0, 2.5, 3.5, 2.0] == a.means(0)
    assert 3.075 == a.totals[0]
    assert 61.5 == pytest.approx(a.pct(0) * 100)
    assert 3 == a.band(0).band and a.band(0).label == LABELS[3]
    assert [1] == a.ranks and "" == a.flags(0) and [] == a.problems


def test_hand_checkable_cases():
    aspects = ["X", "Y"]
    cols = ["X", "X", "Y"]
    a = ca.assess(["u1", "u2", "u3", None, "u5"],
                  [[0, 0, 0], [5, 4, 3], [None, 1, 5], [None, None, None], [4, None, None]],
                  cols, aspects, [0.5, 0.5])
    assert [0.0, 3.75, 3.0, None, None] == a.totals  # 0 is a score; blank is not
    assert [3, 1, 2, None, None] == a.ranks
    assert 1 == a.band(0).band  # all zeros: data exist, band 1 (0 is reserved for no data)
    assert a.band(3) is None and a.blank_row(3)  # fully blank row: skipped
    assert 0 == a.band(4).band and "aspek tanpa nilai: Y" == a.flags(4)
    assert ["ASPEK_TANPA_NILAI"] == [p.code for p in a.problems]
    # weights as fractions, never normalised: 60 % + 60 % is refused
    b = ca.assess(["u"], [[2, 2, 4]], cols, aspects, [0.6, 0.6])
    assert [None] == b.totals and "BOBOT_TIDAK_100" == b.problems[0].code
    assert "120 %" == b.problems[0].found and not b.weights.ok


def test_ties_and_float_noise():
    """4/3/4/3/3 and 3/4/4/3.5/2.5 are both 3.5 (float sums differ in the last bit)."""
    means = [[4, 3, 4, 3, 3], [3, 4, 4, 3.5, 2.5], [3, 4, 2.5, 3.5, 2]]
    totals = [ca.weighted_total(m, K4_WEIGHTS) for m in means]
    assert totals[0] == totals[1] == 3.5
    from xlpokja.core.scales import competition_rank, tied
    assert [1, 1, 3] == competition_rank(totals) and [True, True, False] == tied(totals)


scores = st.one_of(st.none(), st.integers(0, 5))


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.lists(scores, min_size=6, max_size=6), min_size=1, max_size=12),
       perm_seed=st.randoms(use_true_random=False))
def test_rank_is_a_permutation_invariant_function_of_the_values(rows, perm_seed):
    cols = ["A", "A", "B", "B", "B", "C"]
    w = [0.5, 0.3, 0.2]
    a = ca.assess([f"u{i}" for i in range(len(rows))], rows, cols, ["A", "B", "C"], w)
    order = list(range(len(rows)))
    perm_seed.shuffle(order)
    b = ca.assess([f"u{i}" for i in order], [rows[i] for i in order], cols, ["A", "B", "C"], w)
    assert [a.ranks[i] for i in order] == b.ranks
    assert [a.ties[i] for i in order] == b.ties
    # the same total always gets the same rank, and a higher total a better rank
    for i, ti in enumerate(a.totals):
        for j, tj in enumerate(a.totals):
            if ti is not None and tj is not None:
                assert (a.ranks[i] == a.ranks[j]) == (round(ti, 9) == round(tj, 9))
                if round(ti, 9) > round(tj, 9):
                    assert a.ranks[i] < a.ranks[j]


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.lists(st.integers(0, 5), min_size=6, max_size=6), min_size=1,
                     max_size=12),
       weights=st.lists(st.integers(1, 100), min_size=3, max_size=3),
       c=st.sampled_from([0.125, 0.25, 0.5, 2.0, 3.0, 10.0, 100.0]))
def test_scaling_all_weights_changes_no_rank(rows, weights, c):
    """Core level, with the 100 % check bypassed: W scales by c, ranks stay."""
    cols = ["A", "A", "B", "B", "B", "C"]
    w = [x / 100 for x in weights]
    a = ca.assess([None] * len(rows), rows, cols, ["A", "B", "C"], w, require_100=False)
    b = ca.assess([None] * len(rows), rows, cols, ["A", "B", "C"], [x * c for x in w],
                  require_100=False)
    assert a.ranks == b.ranks
    assert [x * c for x in a.totals] == pytest.approx(b.totals)


# ============================================================ workbook, headless recalc


def test_layout_json(layout):
    table = layout["tables"][0]
    assert ("Penilaian", 4, 6) == (table["sheet"], table["header_row"], table["first_data_row"])
    assert {"aspect": 3, "code": 4, "text": 5} == table["header_rows"]
    cols = {c["key"]: c["letter"] for c in table["columns"]}
    assert ("A", "B", "V") == (cols["unit"], cols["K1"], cols["KU2"])
    assert 36 == len(table["presets"]["asesmen_badan_pengelola"]) + 1
    assert "Hasil" == table["results_sheet"]["sheet"]
    assert "Bobot" == layout["tables"][1]["sheet"]


def test_worked_example_through_the_layout(tmp_path, layout):
    path = fill(tmp_path, layout, [["Kab. Contoh", *k4_row(WORKED)]])
    before = sha(path)
    data = recalc_json(path, tmp_path)
    assert before == sha(path)
    (u,) = data["units"]
    assert [3.0, 4.0, 2.5, 3.5, 2.0] == list(u["aspects"].values())
    assert 3.075 == pytest.approx(u["total"]) and 61.5 == pytest.approx(u["pct"])
    assert (3, 1, False) == (u["band"], u["rank"], u["tied"])
    assert u["label"].startswith("3 – Pengelolaan Pokja perlu perbaikan dalam aspek tertentu")
    assert "xlpokja/asesmen/1" == data["schema"] and data["weights_ok"] and data["valid"]
    wb = openpyxl.load_workbook(tmp_path / "isi_hasil.xlsm", data_only=True)
    assert 3.075 == wb["Hasil"]["C6"].value and 0.615 == pytest.approx(wb["Hasil"]["D6"].value)
    assert "Kab. Contoh" == wb["Ringkasan"]["C5"].value  # blank choice: the rank-1 unit
    r = run_cli("recalc", path, "-o", tmp_path / "r.xlsm")
    assert "3,075" in r.stdout and "61,5" in r.stdout


def independent(units: list[list], weights: list[float]) -> list[dict]:
    """Plain Python from decisions.md §1-3, 14 (not from the package)."""
    aspects = [i.aspect for i in ca.K4.indicators]
    ok_weights = abs(sum(weights) - 1) <= 1e-9
    out = []
    for u in units:
        name, vals = u[0], u[1:] + [None] * (22 - len(u))
        if name is None and all(v is None for v in vals):
            continue
        means = []
        for a in K4_ASPECTS:
            good = [v for v, x in zip(vals, aspects) if x == a and type(v) is int and 0 <= v <= 5]
            means.append(sum(good) / len(good) if good else None)
        total = None
        if ok_weights and None not in means:
            total = round(sum(w * m for w, m in zip(weights, means)), 9)
        out.append({"name": name, "means": means, "total": total})
    totals = [o["total"] for o in out if o["total"] is not None]
    for o in out:
        o["rank"] = None if o["total"] is None else 1 + sum(x > o["total"] for x in totals)
        o["tied"] = o["total"] is not None and totals.count(o["total"]) > 1
    return out


def test_recalc_json_matches_independent_calculation(tmp_path, layout):
    units = []
    for i in range(45):  # beyond the template's 40 rows: the tables grow
        row = [f"Kab {i:02d}", *[(i * 7 + j * 3) % 6 if (i + j) % 9 else None for j in range(21)]]
        units.append(row)
    units[5] = [None] * 22  # blank rows are skipped, never ranked
    units[17] = [None] * 22
    units[8] = ["Kab 08b", *units[7][1:]]  # same scores: a tie
    units[9] = ["Kab 09", *k4_row({a: v for a, v in WORKED.items() if a != "Keuangan"})]
    path = fill(tmp_path, layout, units)
    data = recalc_json(path, tmp_path)
    exp = independent(units, K4_WEIGHTS)
    assert len(exp) == len(data["units"]) == 43
    for e, u in zip(exp, data["units"]):
        assert e["name"] == u["name"]
        assert e["means"] == pytest.approx(list(u["aspects"].values()))
        assert e["total"] == pytest.approx(u["total"])
        assert (e["rank"], e["tied"]) == (u["rank"], u["tied"])
    by = {u["name"]: u for u in data["units"]}
    assert by["Kab 07"]["rank"] == by["Kab 08b"]["rank"] and "SAMA" in by["Kab 07"]["flags"]
    assert by["Kab 09"]["total"] is None and by["Kab 09"]["flags"] == \
        "aspek tanpa nilai: Keuangan"
    assert {"rows": 45, "indicator_columns": 21, "aspects": 5} == data["shape"]
    out = tmp_path / "isi_hasil.xlsm"
    assert "$A$6:$V$50" in zipfile.ZipFile(out).read("xl/workbook.xml").decode()
    assert 0 == run_cli("check", out).returncode
    before = run_cli("check", path)  # formulas do not reach rows 46-50 yet
    assert 0 == before.returncode and "RUMUS_BELUM_DIPERLUAS" in before.stdout  # warning


def test_indicators_are_editable(tmp_path, layout):
    """Move P3 to Keuangan and add an indicator column KU3 right of the table."""
    units = [["Kab A", *k4_row(WORKED)], ["Kab B", *([4] * 21)]]
    path = fill(tmp_path, layout, units)
    wb = openpyxl.load_workbook(path, keep_vba=True)
    ws = wb["Penilaian"]
    ws["K3"] = "Keuangan"  # P3
    ws["W3"], ws["W4"], ws["W5"] = "Keuangan", "KU3", "Laporan keuangan Pokja"
    ws["W6"], ws["W7"] = 5, 1
    wb.save(path)
    data = recalc_json(path, tmp_path)
    u = data["units"][0]
    assert 4.0 == u["aspects"]["Perencanaan"]
    assert (2 + 2 + 4 + 5) / 4 == u["aspects"]["Keuangan"]
    assert [7, 2, 5, 4, 4] == [a["n_indicators"] for a in data["aspects"]]
    out = tmp_path / "isi_hasil.xlsm"
    wb = openpyxl.load_workbook(out)
    assert "Penilaian!$B6:$W6" in wb["Hasil"]["J6"].value
    assert wb["Bukti"]["W5"].value.startswith("=IF(Penilaian!W5")
    vals = openpyxl.load_workbook(out, data_only=True)
    assert "Laporan keuangan Pokja" == vals["Bukti"]["W5"].value
    assert 4 == vals["Bobot"]["D9"].value
    r = run_cli("check", out, "--engine", "formualizer")
    assert 0 == r.returncode, r.stdout


def test_badan_pengelola_preset(tmp_path, layout):
    units = [["Desa A", *([3] * 11), *([4] * 12), *([5] * 12)], ["Desa B", *([4] * 35)]]
    path = fill(tmp_path, layout, units, template=TEMPLATE_BP, preset="asesmen_badan_pengelola")
    data = recalc_json(path, tmp_path)
    a = data["units"][0]
    assert [3.0, 4.0, 5.0] == list(a["aspects"].values())
    assert 4.0 == pytest.approx(a["total"])  # equal weights 1/3
    assert [1, 1] == [u["rank"] for u in data["units"]] and a["tied"]
    assert data["weights_ok"] and "OK" == data["weights_status"]


# ========================================================================= bad input


@pytest.mark.parametrize("value,code,found", [
    ("tiga", "NILAI_BUKAN_ANGKA", "'tiga'"),
    (7, "NILAI_DI_LUAR_SKALA", "7"),
    (2.5, "NILAI_BUKAN_BULAT", "2,5"),
])
def test_bad_score_is_listed_and_excluded(tmp_path, layout, value, code, found):
    row = k4_row(WORKED)
    row[0] = value  # K1: Kelembagaan keeps 6 valid threes
    path = fill(tmp_path, layout, [["Kab A", *row]])
    before = sha(path)
    r = run_cli("recalc", path, "-o", tmp_path / "o.xlsm", "--json", "--strict")
    assert 1 == r.returncode  # --strict: input errors -> exit 1, results still written
    assert before == sha(path)
    data = json.loads(r.stdout)
    (p,) = data["problems"]
    assert ("Penilaian", "B6", code, found) == (p["sheet"], p["cell"], p["code"], p["found"])
    assert "bilangan bulat 0–5 atau kosong" == p["expected"] and "tidak dihitung" in p["message"]
    (u,) = data["units"]
    assert 3.0 == u["aspects"]["Kelembagaan"] and 3.075 == pytest.approx(u["total"])
    assert "1 sel tidak sah" == u["flags"] and not data["valid"]
    assert 0 == run_cli("check", tmp_path / "o.xlsm").returncode


def test_weights_summing_to_90_percent_give_no_total(tmp_path, layout):
    path = fill(tmp_path, layout, [["Kab A", *k4_row(WORKED)], ["Kab B", *([4] * 21)]],
                weights=[0.25, 0.20, 0.25, 0.10, 0.10])
    data = recalc_json(path, tmp_path)
    (p,) = data["problems"]
    assert ("BOBOT_TIDAK_100", "Bobot", "C10", "100 %", "90 %") == (
        p["code"], p["sheet"], p["cell"], p["expected"], p["found"])
    assert not data["weights_ok"] and "Jumlah bobot harus 100 %" == data["weights_status"]
    assert all(u["total"] is None and u["rank"] is None and u["band"] is None
               for u in data["units"])
    assert all("tanpa total: bobot tidak sah" == u["flags"] for u in data["units"])
    assert 3.0 == data["units"][0]["aspects"]["Kelembagaan"]  # aspect means still shown
    out = tmp_path / "isi_hasil.xlsm"
    vals = openpyxl.load_workbook(out, data_only=True)
    assert vals["Hasil"]["C6"].value in (None, "") and "Jumlah bobot harus 100 %" == \
        vals["Bobot"]["E10"].value
    assert 0.9 == pytest.approx(vals["Bobot"]["C10"].value)
    assert 0 == run_cli("check", out).returncode


def test_text_weight_is_a_problem(tmp_path, layout):
    path = fill(tmp_path, layout, [["Kab A", *k4_row(WORKED)]],
                weights=["25%", 0.20, 0.25, 0.20, 0.10])
    data = recalc_json(path, tmp_path)
    assert [("BOBOT_TIDAK_SAH", "C5", "'25%'")] == [(p["code"], p["cell"], p["found"])
                                                    for p in data["problems"]]
    assert data["units"][0]["total"] is None and "Bobot harus angka" == data["weights_status"]


def test_aspect_without_score_gives_no_total(tmp_path, layout):
    missing = {a: v for a, v in WORKED.items() if a != "Keuangan"}
    path = fill(tmp_path, layout, [["Kab A", *k4_row(missing)], ["Kab B", *([4] * 21)],
                                   ["Kab C"], [None, 3]])
    data = recalc_json(path, tmp_path)
    a, b, c, d = data["units"]
    assert a["total"] is None and a["rank"] is None and 0 == a["band"]
    assert a["aspects"]["Keuangan"] is None and "aspek tanpa nilai: Keuangan" == a["flags"]
    assert (4.0, 1) == (b["total"], b["rank"])
    assert "belum dinilai" == c["flags"]
    assert d["flags"].startswith("tanpa nama unit; aspek tanpa nilai: Perencanaan")
    assert [("ASPEK_TANPA_NILAI", "A6", "warning"), ("UNIT_TANPA_NILAI", "A8", "warning"),
            ("UNIT_TANPA_NAMA", "A9", "warning"), ("ASPEK_TANPA_NILAI", "A9", "warning")] == [
        (p["code"], p["cell"], p["severity"]) for p in data["problems"]]
    assert 0 == run_cli("check", tmp_path / "isi_hasil.xlsm").returncode


def test_duplicate_unit_and_unknown_choice(tmp_path, layout):
    path = fill(tmp_path, layout, [["Kab A", *([3] * 21)], ["kab a", *([2] * 21)]],
                choice="Kab Z")
    data = recalc_json(path, tmp_path, "--lang", "en")
    codes = [(p["code"], p["cell"]) for p in data["problems"]]
    assert [("PILIHAN_UNIT_TIDAK_ADA", "C4"), ("UNIT_GANDA", "A7")] == codes
    assert "Unit names should be unique" in data["problems"][1]["message"]
    assert "Kab A" == data["shown_unit"]
    assert all("nama ganda" in u["flags"] for u in data["units"])


def test_renamed_sheet_stops_and_writes_nothing(tmp_path, layout):
    path = fill(tmp_path, layout, [["Kab A", 3]])
    wb = openpyxl.load_workbook(path, keep_vba=True)
    wb["Bobot"].title = "Weights"
    wb.save(path)
    before = sha(path)
    out = tmp_path / "o.xlsm"
    r = run_cli("recalc", path, "-o", out)
    assert 2 == r.returncode
    assert "Sheet 'Bobot' tidak ditemukan" in r.stderr and "SHEET_TIDAK_ADA" in r.stderr
    assert not out.exists() and before == sha(path)


# ==================================================================== the built files


def test_check_both_engines_on_the_built_workbooks():
    check_both_engines([TEMPLATE, TEMPLATE_BP, EXAMPLE])


def test_example_carries_the_worked_example():
    wb = openpyxl.load_workbook(EXAMPLE, data_only=True)
    h = wb["Hasil"]
    assert ("Kabupaten Contoh A", 3.075, 3) == (h["A6"].value, h["C6"].value, h["E6"].value)
    assert [3.0, 4.0, 2.5, 3.5, 2.0] == [h.cell(6, c).value for c in range(10, 15)]
    assert (2, 2) == (h["B7"].value, h["B8"].value) and "SAMA" == h["I7"].value
    assert h["C9"].value in (None, "") and "aspek tanpa nilai: Keuangan" == h["I9"].value
    assert "Kabupaten Contoh A" == wb["Ringkasan"]["C5"].value
    with zipfile.ZipFile(EXAMPLE) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert any("<radarChart>" in c for c in charts)


def test_macro_buttons_and_chart_survive():
    out = subprocess.run([sys.executable, "-m", "oletools.olevba", str(TEMPLATE)],
                         capture_output=True, text=True)
    assert "VBA MACRO Tombol.bas" in out.stdout
    assert 'RunPython "import xlpokja.excel as x; x.hitung()"' in out.stdout
    with zipfile.ZipFile(TEMPLATE) as z:
        vml = [z.read(n).decode() for n in z.namelist() if n.endswith(".vml")]
        drawings = "".join(z.read(n).decode() for n in z.namelist()
                           if n.startswith("xl/drawings/drawing"))
    assert 2 == len(vml) and all("<x:FmlaMacro>[0]!Hitung</x:FmlaMacro>" in v for v in vml)
    assert "graphicFrame" in drawings


def test_build_is_reproducible(tmp_path):
    from xlpokja.instruments.asesmen.build import BUILDS

    assert_build_reproducible(BUILDS, tmp_path)


def test_core_imports_no_excel_library():
    assert "[]" == imported_excel_libraries("xlpokja.instruments.asesmen.calc")


# ======================================================================== LibreOffice


def _native_label(cell, expected):
    """No Python in LibreOffice: IFERROR shows the native fallback label."""
    if cell.udf and expected:
        band = int(expected.split(" – ")[0])
        return f"{band} – {LABELS[band]}"
    return expected


def _lo_compare(src: Path, tmp: Path) -> int:
    return lo_compare(t, src, tmp, _native_label)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_agrees(tmp_path, layout):
    units = [["Kab A", *k4_row(WORKED)], [None] * 22, ["Kab B", *([4] * 21)],
             ["Kab C", *([4] * 21)], ["Kab D", "x", 9, 2.5, *([1] * 18)],
             ["Kab E", *k4_row({"Kelembagaan": [5] * 7})], ["Kab F"]]
    path = fill(tmp_path, layout, units, choice="kab d")
    out = tmp_path / "hasil.xlsm"
    assert 0 == run_cli("recalc", path, "-o", out).returncode
    assert _lo_compare(out, tmp_path) > 450
    bad = fill(tmp_path, layout, units[:3], name="bobot.xlsm", weights=[0.3, 0.2, 0.2, 0.2, 0.2])
    run_cli("recalc", bad, "-o", tmp_path / "bobot_hasil.xlsm")
    assert _lo_compare(tmp_path / "bobot_hasil.xlsm", tmp_path) > 450
