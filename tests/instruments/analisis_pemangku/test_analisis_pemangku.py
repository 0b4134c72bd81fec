"""Stakeholder identification and scoring (Tabel 6-1, Tabel 6-2): core, workbook, engines."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT, SOFFICE, libreoffice_recalc, run_cli, sha
from hypothesis import given, settings
from hypothesis import strategies as st

from xlpokja import actions
from xlpokja.hosts.headless.check import same
from xlpokja.hosts.headless.recalc import PackageBook
from xlpokja.instruments.analisis_pemangku import calc as sk
from xlpokja.instruments.analisis_pemangku import layout as ap

TEMPLATE = ROOT / "workbooks" / "analisis_pemangku.xlsm"
EXAMPLE = ROOT / "workbooks" / "contoh_analisis_pemangku.xlsm"
PI, AP, MP = sk.ROLES


def score(rows):
    return sk.score_rows(rows, sheet="Analisis", locate=lambda i, k: f"R{i}K{k}")


# ------------------------------------------------------------------------------ core


def test_source_worked_examples():
    s = score([[PI, "a", 4, 3, 2, 2], [PI, "b", 1, 1, 1, 2]])
    assert [9, 3] == s.skor and [7, 1] == s.nilai and [1, 2] == s.rank
    assert not s.problems and ["", ""] == s.status


def test_minimum_is_minus_one_and_ties_share_a_rank():
    s = score([[AP, "a", 1, 1, 1, 4], [AP, "b", 2, 2, 2, 1], [AP, "c", 3, 2, 1, 1],
               [AP, "d", 4, 1, 1, 1], [MP, "e", 4, 4, 4, 1]])
    assert -1 == s.nilai[0]
    assert [4, 1, 1, 1, 1] == s.rank  # competition ranks within Anggota Pengurus; Mitra apart
    assert [False, True, True, True, False] == s.tie
    assert sk.STATUS_TIE == s.status[1]


def test_blank_is_not_scored_and_not_ranked():
    s = score([[PI, "a", 4, None, 2, 2], [PI, "b", 2, 2, 2, 1], [None] * 6])
    assert (None, None, None) == (s.skor[0], s.nilai[0], s.rank[0])
    assert sk.STATUS_UNSCORED == s.status[0]
    assert 1 == s.rank[1] and s.empty[2] and not s.problems


@pytest.mark.parametrize("value,code", [(5, "NILAI_DI_LUAR_SKALA"), (0, "NILAI_DI_LUAR_SKALA"),
                                        ("tiga", "NILAI_BUKAN_ANGKA"),
                                        (2.5, "NILAI_BUKAN_BULAT")])
def test_bad_score_is_a_problem_and_not_ranked(value, code):
    s = score([[PI, "a", value, 3, 2, 2]])
    (p,) = s.problems
    assert (code, "R0K2", "bilangan bulat 1–4 atau kosong") == (p.code, p.cell, p.expected)
    assert s.rank[0] is None and sk.STATUS_INVALID == s.status[0]


def test_unknown_role_is_not_ranked():
    s = score([["Ketua", "a", 4, 3, 2, 2], [None, "b", 4, 3, 2, 2], ["pengurus inti", "c", 1, 1,
                                                                      1, 1]])
    assert [p.code for p in s.problems] == ["PERAN_TIDAK_DIKENAL", "PERAN_KOSONG"]
    assert [None, None, 1] == s.rank  # Excel's = ignores case: "pengurus inti" is a role
    assert [sk.STATUS_BAD_ROLE, sk.STATUS_NO_ROLE, ""] == s.status


row_strategy = st.tuples(st.sampled_from(sk.ROLES), st.integers(1, 4), st.integers(1, 4),
                         st.integers(1, 4), st.one_of(st.none(), st.integers(1, 4)))


@settings(max_examples=60, deadline=None)
@given(st.lists(row_strategy, min_size=1, max_size=25), st.randoms())
def test_rank_is_a_permutation_invariant_function_of_the_values(rows, rnd):
    data = [[r, f"p{i}", a, b, c, k] for i, (r, a, b, c, k) in enumerate(rows)]
    s = score(data)
    for i in range(len(data)):  # oracle: 1 + people of the same group with a larger value
        if s.nilai[i] is None:
            assert s.rank[i] is None
        else:
            assert s.rank[i] == 1 + sum(1 for j in range(len(data)) if s.roles[j] == s.roles[i]
                                        and s.nilai[j] is not None and s.nilai[j] > s.nilai[i])
    order = list(range(len(data)))
    rnd.shuffle(order)
    t = score([data[i] for i in order])
    assert [s.rank[i] for i in order] == t.rank
    assert [s.tie[i] for i in order] == t.tie


def test_identification_counts_and_checks():
    rows = [[PI, "Bappeda", "A", "1", "✓", None, None, None, "Ring I", None],
            [PI, "PU", "B", None, None, "V", None, "ya", "Ring II", None],
            [MP, "LSM", None, None, None, None, None, None, "Ring 4", None],
            [AP, "Dinkes", "C", "3", "tidak", None, None, None, None, None]]
    r = sk.identify_rows(rows, sheet="Identifikasi", locate=lambda i, k: f"R{i}K{k}")
    assert {PI: 2, AP: 1, MP: 1} == r.persons
    assert [1, 1, 0, 1] == r.marks[PI] and [0, 0, 0, 0] == r.marks[AP]
    assert {PI: 0, AP: 0, MP: 1} == r.no_mark
    assert {PI: 1, AP: 0, MP: 1} == r.incomplete_contact
    assert ["TANDA_BERTENTANGAN", "RING_TIDAK_DIKENAL", "TANDA_TIDAK_SAH"] == [
        p.code for p in r.problems]


# ---------------------------------------------------------------------- workbook


@pytest.fixture(scope="module")
def layout():
    out = run_cli("layout", TEMPLATE, "--json")
    assert 0 == out.returncode, out.stderr
    return json.loads(out.stdout)


def fill(tmp_path: Path, layout: dict, ident: list, scores: list, name="isi.xlsm") -> Path:
    """Write rows through the published layout only (keys -> column letters)."""
    path = tmp_path / name
    shutil.copy(TEMPLATE, path)
    wb = openpyxl.load_workbook(path, keep_vba=True)
    for table, rows in zip(layout["tables"], (ident, scores)):
        ws = wb[table["sheet"]]
        keys = [c["key"] for c in table["columns"] if c["kind"] == "input"]
        letters = {c["key"]: c["letter"] for c in table["columns"]}
        for i, row in enumerate(rows):
            for key, v in zip(keys, row):
                ws[f"{letters[key]}{table['first_data_row'] + i}"] = v
    wb.save(path)
    return path


def independent(scores: list) -> dict:
    """Plain-Python Tabel 6-2, written from the source's Keterangan, for comparison."""
    out = {}
    people = []
    for i, (role, name, a, b, c, risk, *_) in enumerate(scores):
        if all(v is None for v in (role, name, a, b, c, risk)):
            continue
        ok = all(isinstance(v, int) and 1 <= v <= 4 for v in (a, b, c, risk))
        value = a + b + c - risk if ok else None
        people.append((i, role, name, value))
    for i, role, name, value in people:
        rank = None
        if value is not None:
            rank = 1 + sum(1 for _, r, _, v in people if r == role and v is not None and v > value)
        out[name] = (value, rank)
    return out


def test_recalc_json_matches_an_independent_calculation(tmp_path, layout):
    scores = [[PI, "A", 4, 3, 2, 2], [PI, "B", 3, 3, 3, 2], [PI, "C", 4, 4, 4, 1],
              [None] * 6,  # a blank row in the middle
              [AP, "D", 1, 1, 1, 4], [AP, "E", 2, None, 2, 1], [MP, "F", 3, 3, 3, 3],
              [MP, "G", 2, 2, 2, 1], [MP, "H", 4, 4, 1, 3]]
    scores += [[MP, f"X{i}", 1 + i % 4, 2, 3, 1 + i % 3] for i in range(30)]  # grows the table
    ident = [[PI, "Bappeda", "A", "0812", "✓", None, None, None, "Ring I", None]]
    path = fill(tmp_path, layout, ident, [r + [None] for r in scores])
    r = run_cli("recalc", path, "-o", tmp_path / "o.xlsm", "--json")
    assert 0 == r.returncode, r.stderr
    data = json.loads(r.stdout)
    got = {p["name"]: (p["nilai_akhir"], p["rank"]) for p in data["people"]}
    assert independent(scores) == got
    assert {"A", "B"} == {p["name"] for p in data["people"] if p["tied"] and p["role"] == PI}
    assert ["C", "A", "B"] == data["groups"][PI]["invitation"]
    assert 1 == data["groups"][AP]["unscored"]
    for engine in ("formualizer", "formulas"):
        c = run_cli("check", tmp_path / "o.xlsm", "--engine", engine)
        assert 0 == c.returncode, c.stdout
    c = run_cli("check", path)  # before Hitung the formulas stop at row 35
    assert 0 == c.returncode and "RUMUS_BELUM_DIPERLUAS" in c.stdout  # a warning: press Hitung


def test_bad_inputs_are_listed_and_the_file_is_unchanged(tmp_path, layout):
    scores = [[PI, "A", 5, 3, 2, 2, None], [PI, "B", "tiga", 3, 3, 2, None],
              ["Ketua", "C", 1, 1, 1, 1, None]]
    path = fill(tmp_path, layout, [], scores)
    before = sha(path)
    r = run_cli("recalc", path, "-o", tmp_path / "o.xlsm", "--json", "--strict")
    assert 1 == r.returncode and before == sha(path)
    probs = [(p["cell"], p["code"]) for p in json.loads(r.stdout)["problems"]]
    assert [("C6", "NILAI_DI_LUAR_SKALA"), ("C7", "NILAI_BUKAN_ANGKA"),
            ("A8", "PERAN_TIDAK_DIKENAL")] == probs
    wb = openpyxl.load_workbook(tmp_path / "o.xlsm", data_only=True)
    assert "NILAI_DI_LUAR_SKALA" == wb["Masalah"]["D5"].value
    assert sk.STATUS_INVALID == wb["Analisis"]["J6"].value


def test_renamed_sheet_stops_with_exit_2(tmp_path):
    path = tmp_path / "x.xlsm"
    wb = openpyxl.load_workbook(EXAMPLE, keep_vba=True)
    wb["Analisis"].title = "Tabel 6-2"
    wb.save(path)
    before = sha(path)
    r = run_cli("recalc", path, "-o", tmp_path / "o.xlsm")
    assert 2 == r.returncode and "SHEET_TIDAK_ADA" in r.stderr
    assert before == sha(path) and not (tmp_path / "o.xlsm").exists()


def test_check_passes_with_both_engines():
    r = run_cli("check", TEMPLATE, EXAMPLE, "--engine", "both")
    assert 0 == r.returncode, r.stdout
    assert 4 == r.stdout.count("OK ")


def test_example_results_are_cached_in_the_file():
    wb = openpyxl.load_workbook(EXAMPLE, data_only=True)
    ws = wb["Analisis"]
    assert (9, 7, 2, "SAMA") == tuple(ws[f"{c}6"].value for c in "FHIJ")  # K1: 4,3,2 risk 2
    assert -1 == ws["H12"].value
    assert "belum dinilai" == ws["J15"].value
    assert "Budi Santoso, ST (Dinas PU)" == wb["Hasil"]["C13"].value  # invitation list


def test_olevba_and_buttons():
    out = subprocess.run([sys.executable, "-m", "oletools.olevba", str(TEMPLATE)],
                         capture_output=True, text=True)
    assert 'RunPython "import xlpokja.excel as x; x.hitung()"' in out.stdout
    import zipfile

    with zipfile.ZipFile(TEMPLATE) as z:
        vml = [z.read(n).decode() for n in z.namelist() if n.endswith(".vml")]
        drawings = "".join(z.read(n).decode() for n in z.namelist()
                           if n.startswith("xl/charts/chart"))
    assert 2 == len(vml) and all("[0]!Hitung" in v for v in vml)
    assert "bubbleChart" in drawings


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice not installed")
def test_libreoffice_agrees_with_the_core(tmp_path, layout):
    scores = [[PI, "A", 4, 3, 2, 2, None], [PI, "B", 3, 3, 3, 2, None],
              [AP, "C", 1, 1, 1, 4, None], [AP, "D", 2, 9, 2, 1, None],
              [MP, "E", 2, None, 2, 1, None], ["pengurus inti", "F", 4, 4, 4, 1, None],
              ["Ketua", "G", 1, 2, 3, 1, None], [None, "H", None, None, None, None, None]]
    ident = [[PI, "Bappeda", "A", "1", "✓", "v", None, None, "Ring I", None],
             [MP, "LSM", None, None, "ya", None, None, "X", None, None]]
    path = fill(tmp_path, layout, ident, scores)
    out = tmp_path / "o.xlsm"
    assert 0 == run_cli("recalc", path, "-o", out).returncode
    for src in (out, EXAMPLE):
        _, res, shape, _ = actions.read(PackageBook(src))
        lo = openpyxl.load_workbook(libreoffice_recalc(src, tmp_path), data_only=True)
        n = 0
        for cell in ap.formula_cells(shape):
            found = lo[cell.sheet][cell.ref].value
            assert same(cell.value(res), found), (cell.sheet, cell.ref, cell.value(res), found)
            n += 1
        assert n > 150
