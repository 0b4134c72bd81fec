"""The rekap (xlpokja rekap, xlpokja.rollup): figures against an independent calculation from
the answers written, ranks with ties, rounds and their order, bad files listed and not
fatal, the asesmen rekap, the rekap workbook itself (package check, charts, layout), and
inputs never changed. Workbooks are filled through the published layout."""

from __future__ import annotations

import json
import random
import re
import shutil
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT, TEMPLATE, cli_in_process, sha

from xlpokja import actions
from xlpokja.hosts.headless.recalc import PackageBook
from xlpokja.instruments import template
from xlpokja.rollup import rollup, when, write_rollup

WB = ROOT / "workbooks"
#: items per component A–F, from instruments.md K3 (the oracle's own copy)
SIZES = {"A": 6, "B": 8, "C": 5, "D": 7, "E": 5, "F": 5}
#: K4 aspects, their indicator counts and default weights (instruments.md K4, Tabel 3-1)
K4 = [("Kelembagaan", 7, 0.25), ("Perencanaan", 3, 0.20), ("Koordinasi dan Advokasi", 5, 0.25),
      ("Monitoring dan Evaluasi", 4, 0.20), ("Keuangan", 2, 0.10)]


# ------------------------------------------------------------------ writing workbooks


def _layout(tid: str, src: Path) -> dict:
    return actions.layout_of(template(tid), PackageBook(src))


def questionnaire(folder: Path, name: str, rows: list[list], kk: object = None,
                  lokasi: object = None, waktu: object = None) -> Path:
    """A copy of penilaian_diri.xlsm with ``rows`` (respondent + 36 answers) and the
    Ringkasan fields, written cell by cell where the published layout says."""
    lay = _layout("penilaian_diri", TEMPLATE)
    table = lay["tables"][0]
    letters = [c["letter"] for c in table["columns"]]  # responden, A1 … F5
    book = PackageBook(TEMPLATE)
    for i, row in enumerate(rows):
        for letter, v in zip(letters, row):
            if v is not None:
                book.write_value(table["sheet"], f"{letter}{table['first_data_row'] + i}", v)
    fields = {"kelompok_kerja": kk, "lokasi": lokasi, "waktu": waktu}
    for s in lay["settings"]:
        if fields.get(s["key"]) is not None:
            book.write_value(s["sheet"], s["cell"], fields[s["key"]])
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    book.save(path)
    return path


def assessment(folder: Path, name: str, units: list[list], weights: list | None = None,
               src: Path = WB / "asesmen_pokja.xlsm") -> Path:
    """A copy of an asesmen workbook with ``units`` (name + scores in column order) and the
    weights, through the published layout."""
    lay = _layout("asesmen", src)
    table, bobot = lay["tables"][0], lay["tables"][1]
    first_col = table["columns"][0]["letter"]
    book = PackageBook(src)
    scores = [c["letter"] for c in table["columns"][1:]]  # one per indicator, in order
    for i, row in enumerate(units):
        r = table["first_data_row"] + i
        book.write_value(table["sheet"], f"{first_col}{r}", row[0])
        for letter, v in zip(scores, row[1:]):
            if v is not None:
                book.write_value(table["sheet"], f"{letter}{r}", v)
    if weights is not None:
        col = next(c["letter"] for c in bobot["columns"] if c["key"] == "bobot")
        for k, w in enumerate(weights):
            book.write_value(bobot["sheet"], f"{col}{bobot['first_data_row'] + k}", w)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    book.save(path)
    return path


def answers(rnd: random.Random, n: int, level: float, bad: int = 0) -> list[list]:
    rows = []
    for i in range(n):
        vals = [None if rnd.random() < 0.05 else min(5, max(0, round(rnd.gauss(level, 1.0))))
                for _ in range(36)]
        rows.append([f"R{i + 1:02d}", *vals])
    for _ in range(bad):
        rows[rnd.randrange(n)][1 + rnd.randrange(36)] = rnd.choice(("tiga", 7, 2.5))
    return rows


# ----------------------------------------------------------------------- the oracle


def oracle(rows: list[list]) -> dict:
    """Component means, X, N, band, sheets filled and complete, from the answers (K3 and
    decisions.md §6–11, written here without xlpokja's core)."""
    means = {}
    start = 1
    for key, size in SIZES.items():
        vals = [v for r in rows for v in r[start:start + size]
                if type(v) is int and 0 <= v <= 5]
        means[key] = sum(vals) / len(vals) if vals else None
        start += size
    have = [m for m in means.values() if m is not None]
    x = sum(have)
    n = x / len(have) if have else None
    if n is None:
        band = 0
    else:
        r = Decimal(repr(n)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        band = 1 + sum(r >= Decimal(b) for b in ("1.50", "2.50", "3.50", "4.50"))
    filled = sum(any(v is not None for v in r[1:]) for r in rows)
    complete = sum(all(type(v) is int and 0 <= v <= 5 for v in r[1:]) for r in rows)
    return {**means, "X": x, "N": n, "band": band, "respondents": filled,
            "complete": complete}


def competition(values: dict[str, float | None]) -> dict[str, int | None]:
    """RANK.EQ on values rounded to 9 decimals (decisions.md §2)."""
    r9 = {k: None if v is None else round(v, 9) for k, v in values.items()}
    return {k: None if v is None else 1 + sum(1 for w in r9.values() if w is not None and w > v)
            for k, v in r9.items()}


def near(a: object, b: object, tol: float = 1e-9) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= tol


# -------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def pokja_set(tmp_path_factory) -> tuple[Path, dict[str, list[list]]]:
    """Six Pokja, one with two rounds, with blanks and bad answers; one with two components
    unanswered; two with the same answers (a tie)."""
    folder = tmp_path_factory.mktemp("rekap") / "pokja"
    rnd = random.Random(7)
    rows: dict[str, list[list]] = {}
    specs = [("a_2024.xlsm", "Pokja AMPL Kabupaten A", "Bappeda", "Maret 2024", 2.4, 2),
             ("a_2025.xlsm", "  pokja ampl   KABUPATEN a ", "bappeda", "12 Maret 2025", 3.1, 1),
             ("b.xlsm", "Pokja AMPL Kabupaten B", "Aula", "2025", 3.6, 0),
             ("c.xlsm", "Pokja AMPL Kota C", "Aula", "2025-04-01", 1.8, 3),
             ("e.xlsm", "Pokja AMPL Kabupaten E", "Aula", "2025", 4.0, 0)]
    for name, kk, lok, w, level, bad in specs:
        rows[name] = answers(rnd, rnd.randint(15, 30), level, bad)
        questionnaire(folder, name, rows[name], kk, lok, w)
    part = answers(rnd, 18, 3.0)
    for r in part:  # components E and F unanswered: N from four components, flagged
        r[1 + 26:] = [None] * 10
    part.insert(5, [None] * 37)  # an empty row between filled ones
    rows["d.xlsm"] = part
    questionnaire(folder, "d.xlsm", part, "Pokja AMPL Kabupaten D", "Aula", "Juni 2025")
    rows["f.xlsm"] = [list(r) for r in rows["b.xlsm"]]  # the same answers as B: a tie
    questionnaire(folder, "f.xlsm", rows["f.xlsm"], "Pokja AMPL Kabupaten F", "Aula", "2025")
    return folder, rows


# ------------------------------------------------------------------------------ tests


def test_figures_equal_an_independent_calculation(pokja_set):
    folder, rows = pokja_set
    r = rollup([folder])
    assert r.left_out == 0 and len(r.pokja_records) == len(rows)
    got = {p["file"]: p for p in r.pokja_records}
    for name, data in rows.items():
        want, have = oracle(data), got[name]
        for key in (*SIZES, "X", "N"):
            assert near(have[key], want[key]), (name, key, have[key], want[key])
        assert (have["band"], have["respondents"], have["complete"]) == (
            want["band"], want["respondents"], want["complete"]), name
    assert "N dari 4 komponen berdata" in got["d.xlsm"]["note"]
    assert got["d.xlsm"]["E"] is None and got["d.xlsm"]["F"] is None  # blank, never 0
    assert got["c.xlsm"]["errors"] == 3 and "3 masalah input" in got["c.xlsm"]["note"]
    # the DataFrame holds the same figures, blanks as NaN
    df = r.pokja.set_index("file")
    assert df.loc["d.xlsm", "E"] != df.loc["d.xlsm", "E"]
    assert near(float(df.loc["b.xlsm", "N"]), oracle(rows["b.xlsm"])["N"])


def test_ranks_are_competition_ranks_with_ties(pokja_set):
    folder, rows = pokja_set
    r = rollup([folder])
    got = {p["file"]: p for p in r.pokja_records}
    ranked = {k: oracle(v)["N"] for k, v in rows.items() if k != "a_2024.xlsm"}
    want = competition(ranked)
    assert {k: got[k]["rank"] for k in ranked} == want
    assert got["b.xlsm"]["rank"] == got["f.xlsm"]["rank"]
    assert got["b.xlsm"]["tied"] and got["f.xlsm"]["tied"]
    assert got["b.xlsm"]["note"].startswith("SAMA") and "SAMA" not in got["e.xlsm"]["note"]
    assert sum(p["tied"] for p in r.pokja_records) == 2
    # the earlier round is not ranked; rows are in rank order, unranked last
    assert got["a_2024.xlsm"]["rank"] is None
    assert "putaran sebelumnya" in got["a_2024.xlsm"]["note"]
    order = [p["rank"] for p in r.pokja_records]
    assert order[-1] is None and order[:-1] == sorted(order[:-1])
    assert [p["no"] for p in r.pokja_records] == list(range(1, len(rows) + 1))


def test_two_rounds_side_by_side_with_the_change(pokja_set):
    folder, rows = pokja_set
    r = rollup([folder])
    assert r.rounds_compared == 1
    before, after = oracle(rows["a_2024.xlsm"]), oracle(rows["a_2025.xlsm"])
    by = {x["measure"]: x for x in r.round_records}
    assert list(by) == [*SIZES, "X", "N", "band"]
    for m, row in by.items():
        assert (row["before_file"], row["after_file"]) == ("a_2024.xlsm", "a_2025.xlsm")
        assert near(row["before"], before[m]) and near(row["after"], after[m])
        assert near(row["change"], after[m] - before[m])
        c = round(after[m] - before[m], 9)
        assert row["direction"] == ("naik" if c > 0 else "turun" if c < 0 else "tetap")
    assert (by["N"]["before_waktu"], by["N"]["after_waktu"]) == ("Maret 2024", "12 Maret 2025")
    df = r.rounds
    assert list(df.columns[:3]) == ["kelompok_kerja", "lokasi", "measure"] and len(df) == 9


def test_rounds_ordered_by_a_date_cell_and_three_rounds(tmp_path):
    import datetime as dt

    from conftest import fill as fill_openpyxl
    from conftest import run_cli

    layout = json.loads(run_cli("layout", TEMPLATE, "--json").stdout)
    rnd = random.Random(3)
    rows = [answers(rnd, 16, lvl) for lvl in (2.0, 2.5, 3.0)]
    folder = tmp_path / "x"
    folder.mkdir()
    # a date cell (typed as a date in Excel), a text date and a year: ordered
    fill_openpyxl(folder, layout, rows[1], "b.xlsm",
                  {"kelompok_kerja": "Pokja X", "lokasi": "L", "waktu": dt.date(2024, 6, 1)})
    questionnaire(folder, "a.xlsm", rows[0], "Pokja X", "L", "2023")
    questionnaire(folder, "c.xlsm", rows[2], "pokja x", "l", "1 Januari 2025")
    fill_openpyxl(folder, layout, rows[0], "d.xlsm",
                  {"kelompok_kerja": "Pokja Y", "lokasi": "L", "waktu": dt.date(2024, 6, 1)})
    questionnaire(folder, "e.xlsm", rows[2], "Pokja Y", "L", "Juni 2024")  # same month: ?
    r = rollup([folder])
    data = json.loads(json.dumps(r.to_json()))  # dates as ISO text
    assert data["rounds_not_compared"][0]["waktu"] == ["2024-06-01", "Juni 2024"]
    pairs = [(x["before_file"], x["after_file"]) for x in r.round_records if x["measure"] == "N"]
    assert pairs == [("a.xlsm", "b.xlsm"), ("b.xlsm", "c.xlsm")]
    got = {p["file"]: p for p in r.pokja_records}
    assert got["b.xlsm"]["waktu"] == dt.date(2024, 6, 1)
    assert [got[k]["rank"] for k in ("a.xlsm", "b.xlsm", "c.xlsm", "e.xlsm")] == [None, None,
                                                                                 1, 1]
    assert got["c.xlsm"]["tied"] and got["d.xlsm"]["rank"] == 3  # d and e: order unknown


def test_rounds_whose_order_cannot_be_told_are_not_compared(tmp_path):
    rnd = random.Random(5)
    questionnaire(tmp_path, "p1.xlsm", answers(rnd, 15, 3), "Pokja P", "L", "2024")
    questionnaire(tmp_path, "p2.xlsm", answers(rnd, 15, 3), "Pokja P", "L", "Maret 2024")
    questionnaire(tmp_path, "q1.xlsm", answers(rnd, 15, 3), "Pokja Q", "L", "Mei 2024")
    questionnaire(tmp_path, "q2.xlsm", answers(rnd, 15, 3), "Pokja Q", "L", "mei  2024")
    questionnaire(tmp_path, "r1.xlsm", answers(rnd, 15, 3), "Pokja R", "L", "tahun lalu")
    questionnaire(tmp_path, "r2.xlsm", answers(rnd, 15, 3), "Pokja R", "L", "2025")
    questionnaire(tmp_path, "s.xlsm", answers(rnd, 15, 3), "Pokja R", "Lain", "2025")
    questionnaire(tmp_path, "t.xlsm", answers(rnd, 15, 3), None, None, "2025")
    questionnaire(tmp_path, "u1.xlsm", answers(rnd, 15, 3), "Pokja U", "L", None)
    questionnaire(tmp_path, "u2.xlsm", answers(rnd, 15, 3), "Pokja U", "L", None)
    r = rollup([tmp_path])
    assert r.round_records == []
    why = {g["kelompok_kerja"]: g["why"] for g in r.not_compared}
    assert why == {"Pokja P": "urutan putaran tidak dapat ditentukan", "Pokja Q": "putaran ganda",
                   "Pokja R": "urutan putaran tidak dapat ditentukan",
                   "Pokja U": "urutan putaran tidak dapat ditentukan"}
    codes = {(p["file"], p["code"], p["sheet"], p["cell"]) for p in r.problem_records}
    for f in ("p1.xlsm", "p2.xlsm", "r1.xlsm", "r2.xlsm"):
        assert (f, "REKAP_URUTAN_PUTARAN", "Ringkasan", "C5") in codes
    assert {("q1.xlsm", "REKAP_POKJA_GANDA", "Ringkasan", "C5"),
            ("s.xlsm", "REKAP_LOKASI_BERBEDA", "Ringkasan", "C4"),
            ("t.xlsm", "REKAP_TANPA_KELOMPOK_KERJA", "Ringkasan", "C3")} <= codes
    assert all(p["rank"] is not None for p in r.pokja_records)  # nothing guessed: all ranked


@pytest.mark.parametrize("value, expected", [
    ("2024", (2024, None, None)),
    ("Semester 1 2024", (2024, None, None)),
    ("Maret 2024", (2024, 3, None)),
    ("mar. 2024", (2024, 3, None)),
    ("12 Maret 2024", (2024, 3, 12)),
    ("12-13 Agustus 2024", (2024, 8, 13)),
    ("2024-03-12", (2024, 3, 12)),
    ("2024-03", (2024, 3, None)),
    ("12/03/2024", (2024, 3, 12)),
    ("03/2024", (2024, 3, None)),
    ("November 2025 (putaran 2)", (2025, 11, None)),
    ("31-02-2024", None),
    ("2023/2024", None),
    ("tahun lalu", None),
    (2024, (2024, None, None)),
    (2024.5, None),
    (45000.0, None),
    (None, None),
    (True, None),
])
def test_when_reads_waktu_by_the_documented_rule(value, expected):
    assert when(value) == expected


def test_bad_files_are_listed_and_the_rekap_goes_on(tmp_path, capsys):
    folder = tmp_path / "in"
    rnd = random.Random(1)
    questionnaire(folder, "ok.xlsm", answers(rnd, 15, 3), "Pokja OK", "L", "2025")
    good = (folder / "ok.xlsm").read_bytes()
    (folder / "rusak.xlsm").write_bytes(good[: len(good) // 2])  # cut in half
    (folder / "teks.xlsx").write_text("bukan buku kerja")
    plain = openpyxl.Workbook()
    plain.active["A1"] = "bukan templat xlpokja"
    plain.save(folder / "lain.xlsx")
    shutil.copy(WB / "contoh_mcua_stpp.xlsm", folder / "mcua.xlsm")
    (folder / "catatan.txt").write_text("tidak dibaca")  # not a spreadsheet: not listed
    out = tmp_path / "rekap.xlsx"
    code, stdout, _ = cli_in_process(capsys, "rekap", folder, tmp_path / "hilang.xlsm",
                                     "-o", out)
    assert code == 1 and out.exists()
    assert "5 dilewati" in stdout
    r = rollup([folder, tmp_path / "hilang.xlsm"])
    assert r.left_out == 5 and len(r.pokja_records) == 1
    status = {s.display: (s.used, s.problems[0].code if s.problems else None)
              for s in r.sources}
    assert status == {"lain.xlsx": (False, "TEMPLATE_TIDAK_DIKENAL"),
                      "mcua.xlsm": (False, "REKAP_TEMPLAT_LAIN"),
                      "ok.xlsm": (True, None),
                      "rusak.xlsm": (False, "BERKAS_RUSAK"),
                      "teks.xlsx": (False, "BERKAS_RUSAK"),
                      "hilang.xlsm": (False, "BERKAS_TIDAK_DITEMUKAN")}
    listed = r.problems
    assert {"rusak.xlsm", "teks.xlsx", "lain.xlsx", "mcua.xlsm", "hilang.xlsm"} <= set(
        listed["file"])
    assert (listed["code"] == "REKAP_DILEWATI").sum() == 4  # then the reason, per file
    wb = openpyxl.load_workbook(out)
    assert "5 dilewati" in wb["Berkas"]["A2"].value
    assert "rusak.xlsm" in [c.value for c in wb["Masalah"]["A"]]


def test_nothing_to_roll_up_and_a_macro_output_are_refused(tmp_path, capsys):
    (tmp_path / "kosong").mkdir()
    code, _, err = cli_in_process(capsys, "rekap", tmp_path / "kosong", "-o",
                                  tmp_path / "r.xlsx")
    assert code == 2 and "REKAP_TANPA_BUKU_KERJA" in err and not (tmp_path / "r.xlsx").exists()
    code, _, err = cli_in_process(capsys, "rekap", WB / "contoh_penilaian_diri.xlsm", "-o",
                                  tmp_path / "r.xlsm")
    assert code == 2 and "REKAP_KELUARAN_XLSX" in err and not (tmp_path / "r.xlsm").exists()


def test_the_rekap_written_into_its_own_folder_is_not_read_again(tmp_path, capsys):
    rnd = random.Random(2)
    questionnaire(tmp_path, "a.xlsm", answers(rnd, 15, 3), "Pokja A", "L", "2025")
    for _ in range(2):
        code, _, _ = cli_in_process(capsys, "rekap", tmp_path, "-o", tmp_path / "rekap.xlsx")
        assert code == 0


def _k4_scores(rnd: random.Random, blank_aspect: int | None = None) -> list:
    out = []
    for k, (_, n, _) in enumerate(K4):
        out += [None if k == blank_aspect else rnd.choice((0, 1, 2, 3, 4, 5, None))
                for _ in range(n)]
    return out


def _k4_oracle(scores: list, weights: list[float]) -> tuple[dict, float | None]:
    means, start = {}, 0
    for name, n, _ in K4:
        vals = [v for v in scores[start:start + n] if v is not None]
        means[name] = sum(vals) / len(vals) if vals else None
        start += n
    if any(m is None for m in means.values()):
        return means, None
    return means, sum(w * m for w, m in zip(weights, means.values()))


def test_asesmen_units_across_workbooks_ranked_per_indicator_set(tmp_path):
    rnd = random.Random(11)
    w = [x for _, _, x in K4]
    units1 = [["Kab A", *_k4_scores(rnd)], ["Kab B", *_k4_scores(rnd)],
              ["Kab C", *_k4_scores(rnd, blank_aspect=4)]]
    units2 = [["Kab D", *_k4_scores(rnd)], ["Kab A", *units1[0][1:]]]  # a tie, and twice
    w2 = [0.2, 0.2, 0.2, 0.2, 0.2]
    assessment(tmp_path, "as1.xlsm", units1)
    assessment(tmp_path, "as2.xlsm", units2, weights=w2)
    bp = assessment(tmp_path, "bp.xlsm", [["Desa X", *[3] * 35]],
                    src=WB / "asesmen_badan_pengelola.xlsm")
    questionnaire(tmp_path, "pd.xlsm", answers(rnd, 15, 3), "Pokja Z", "L", "2025")
    r = rollup([tmp_path])
    assert [s.preset for s in r.sets] == ["asesmen_pokja", "asesmen_badan_pengelola"]
    assert len(r.pokja_records) == 1  # both kinds in one rekap
    k4 = r.sets[0]
    assert k4.weights == w and k4.files == ["as1.xlsm", "as2.xlsm"]
    want = {}
    for f, units, ws in (("as1.xlsm", units1, w), ("as2.xlsm", units2, w2)):
        for u in units:
            means, total = _k4_oracle(u[1:], ws)
            want[(f, u[0])] = total
            rec = next(x for x in k4.records if (x["file"], x["unit"]) == (f, u[0]))
            for name, m in means.items():
                assert near(rec[f"aspects.{name}"], m), (f, u[0], name)
            assert near(rec["total"], total)  # the workbook keeps 9 decimals (K4)
            assert near(rec["pct"], None if total is None else total / 5 * 100, 2e-8)
    ranks = competition({f"{k[0]}|{k[1]}": v for k, v in want.items()})
    assert {f"{x['file']}|{x['unit']}": x["rank"] for x in k4.records} == ranks
    c = next(x for x in k4.records if x["unit"] == "Kab C")
    assert c["rank"] is None and "aspek tanpa nilai" in c["note"]
    a2 = next(x for x in k4.records if (x["file"], x["unit"]) == ("as2.xlsm", "Kab A"))
    assert "bobot berbeda" in a2["note"] and "juga dinilai di as1.xlsm" in a2["note"]
    codes = {(p["file"], p["code"]) for p in r.problem_records}
    assert {("as2.xlsm", "REKAP_BOBOT_BERBEDA"), ("as1.xlsm", "REKAP_UNIT_GANDA"),
            ("as2.xlsm", "REKAP_UNIT_GANDA")} <= codes
    bp_rec = r.sets[1].records[0]
    assert bp_rec["file"] == bp.name and near(bp_rec["total"], 3.0) and bp_rec["rank"] == 1
    frames = r.assessments
    assert list(frames) == [s.label for s in r.sets]
    cols = list(frames[k4.label].columns)
    assert cols[:2] == ["no", "unit"] and cols[2:7] == [f"aspects.{n}" for n, _, _ in K4]
    (tmp_path / "out").mkdir()
    out = write_rollup(r, tmp_path / "out" / "rekap.xlsx")
    names = openpyxl.load_workbook(out).sheetnames
    assert names == ["Petunjuk", "Rekap Pokja", "Grafik", "Asesmen Pokja", "Asesmen BP",
                     "Berkas", "Masalah"]


def test_the_rekap_workbook_opens_cleanly_and_has_a_chart_per_component(pokja_set, tmp_path):
    from xlpokja.hosts.headless.package_check import check_package

    folder, rows = pokja_set
    shutil.copy(WB / "contoh_asesmen_pokja.xlsm", tmp_path / "as.xlsm")
    out = write_rollup(rollup([folder, tmp_path / "as.xlsm"]), tmp_path / "rekap.xlsx")
    assert [] == [str(p) for p in check_package(out)]
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        assert not any("vbaProject" in n for n in names)
        charts = sorted(n for n in names if re.match(r"xl/charts/chart\d+\.xml$", n))
        titles = [" ".join(re.findall(r"<a:t>([^<]*)</a:t>", z.read(n).decode()))
                  for n in charts]
        ct = z.read("[Content_Types].xml").decode()
    assert "spreadsheetml.sheet.main+xml" in ct
    assert len(charts) == 7  # A–F and N
    for key in SIZES:
        assert sum(t.startswith(f"{key}. ") for t in titles) == 1, titles
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Petunjuk", "Rekap Pokja", "Grafik", "Putaran", "Asesmen Pokja",
                             "Berkas", "Masalah"]
    ws = wb["Rekap Pokja"]
    header = [c.value for c in ws[4]]
    assert header[:4] == ["No", "Kelompok Kerja", "Lokasi", "Waktu"]
    assert ws.freeze_panes == "C5" and ws.print_title_rows == "$4:$4"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    col_n = header.index("N") + 1
    assert ws.cell(row=5, column=col_n).number_format == "0.00"
    assert near(ws.cell(row=5, column=col_n).value, max(
        oracle(v)["N"] for k, v in rows.items() if k != "a_2024.xlsm"))
    petunjuk = "\n".join(str(c.value) for c in wb["Petunjuk"]["B"] if c.value)
    for text in ("RANK.EQ", "9 desimal", "Waktu", "di bawah 1,50 → 1", "4,50 ke atas → 5"):
        assert text in petunjuk
    for name in wb.sheetnames[1:]:
        if name != "Grafik":
            assert wb[name].freeze_panes and wb[name].print_title_rows, name


def test_inputs_are_unchanged_and_workers_give_the_same_rekap(pokja_set, tmp_path):
    import xlpokja

    folder, _ = pokja_set
    files = sorted(folder.iterdir())
    before = {p: (sha(p), p.stat().st_mtime_ns) for p in files}
    one = rollup([folder], workers=1)
    two = rollup([folder], workers=2)
    write_rollup(two, tmp_path / "r.xlsx")
    xlpokja.read(files[0]).to_frame("respondents")
    assert before == {p: (sha(p), p.stat().st_mtime_ns) for p in files}
    assert one.to_json()["pokja"] == two.to_json()["pokja"]
    assert one.to_json()["rounds"] == two.to_json()["rounds"]


def test_cli_json_prints_the_figures(pokja_set, tmp_path, capsys):
    folder, rows = pokja_set
    code, out, _ = cli_in_process(capsys, "rekap", folder, "-o", tmp_path / "r.xlsx", "--json",
                                  "--lang", "en")
    data = json.loads(out)
    assert code == 0 and data["schema"] == "xlpokja/rekap/1" and data["left_out"] == 0
    assert data["output"] == "r.xlsx" and data["rounds_compared"] == 1
    got = {p["file"]: p for p in data["pokja"]}
    assert near(got["b.xlsm"]["N"], oracle(rows["b.xlsm"])["N"])
    msgs = [p["message"] for p in data["problems"] if p["file"] == "c.xlsm"]
    assert msgs and all("must be" in m for m in msgs)  # --lang en


def test_docs_list_every_column_of_the_rekap():
    from xlpokja.rollup import FILE_COLUMNS, POKJA_COLUMNS, PROBLEM_COLUMNS, ROUND_COLUMNS

    doc = (ROOT / "docs" / "rekap.md").read_text()
    for c in (*POKJA_COLUMNS, *ROUND_COLUMNS, *FILE_COLUMNS, *PROBLEM_COLUMNS):
        assert f"| {c.header} | `{c.key}` | {c.note} |" in doc, c.key


def test_output_onto_an_input_is_refused_and_an_earlier_rekap_is_skipped(tmp_path, capsys):
    """A rekap never overwrites a file that is not a rekap (an input workbook saved as
    .xlsx, say), and an earlier rekap lying in the input folder is not read as an input."""
    import hashlib

    from xlpokja.rollup import is_rekap

    src = tmp_path / "in"
    src.mkdir()
    book = src / "pokja.xlsm"
    shutil.copy(ROOT / "workbooks" / "contoh_penilaian_diri.xlsm", book)
    victim = src / "salinan.xlsx"
    shutil.copy(ROOT / "workbooks" / "formulir_penilaian_diri.xlsx", victim)
    before = hashlib.sha256(victim.read_bytes()).hexdigest()
    code, out, err = cli_in_process(capsys, "rekap", src, "-o", victim)
    assert code == 2 and "REKAP_KELUARAN_ADA" in err
    assert hashlib.sha256(victim.read_bytes()).hexdigest() == before
    victim.unlink()
    first = src / "rekap.xlsx"
    assert cli_in_process(capsys, "rekap", src, "-o", first)[0] == 0 and is_rekap(first)
    code, out, err = cli_in_process(capsys, "rekap", src, "-o", src / "rekap2.xlsx", "--json")
    assert code == 0, err
    assert [f["file"] for f in json.loads(out)["files"]] == ["pokja.xlsm"]
    assert cli_in_process(capsys, "rekap", src, "-o", first)[0] == 0  # a rekap is rewritten


def test_a_year_typed_as_a_number_stays_a_year(tmp_path):
    from xlpokja.rollup import _display_when

    assert _display_when(2025.0) == "2025" and _display_when("Maret 2025") == "Maret 2025"
