"""Questionnaire statistics (issue 13, item 5): Cronbach's α listwise and pairwise, corrected
item–total correlations, straight-lining, and the Statistik sheet.

The independent oracles are pingouin's ``cronbach_alpha`` (``nan_policy='listwise'`` /
``'pairwise'``) and pandas correlations; hand-checkable cases are worked out in comments."""

from __future__ import annotations

import json
import math
import random
import shutil
import warnings
from fractions import Fraction

import openpyxl
import pandas as pd
import pingouin
import pytest
from conftest import EXAMPLE, TEMPLATE, fill, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from xlpokja.hosts.headless.recalc import PackageBook
from xlpokja.instruments.penilaian_diri import calc as q
from xlpokja.instruments.penilaian_diri import layout as lay
from xlpokja.instruments.penilaian_diri.stats import component_statistics, statistics
from xlpokja.layout.base import split_ref

TOL = 1e-9


# ------------------------------------------------------------------ hand-checkable


def test_alpha_and_item_total_by_hand():
    # x = 1 2 3, y = 1 3 2, z = 2 2 2 (three respondents, all answered).
    # var x = var y = 1 (deviations −1 0 1), cov(x, y) = ((−1)(−1) + 0·1 + 1·0) / 2 = 0.5,
    # z is constant: var z = cov(·, z) = 0. ΣC = 1 + 1 + 2·0.5 = 3, trace C = 2:
    # α = 3/2 · (1 − 2/3) = 0.5.
    # item–total (corrected): x against y + z = 3 5 4, i.e. against y shifted: r = 0.5;
    # y against x + z likewise 0.5; z does not vary: undefined.
    cs = component_statistics("T", ["x", "y", "z"], [[1, 2, 3], [1, 3, 2], [2, 2, 2]])
    assert 0.5 == pytest.approx(cs.alpha_listwise, abs=1e-15)
    assert 0.5 == pytest.approx(cs.alpha_pairwise, abs=1e-15)
    assert (3, 3) == (cs.n_listwise, cs.n_pairwise_min)
    r = [it.item_total_r for it in cs.items]
    assert [0.5, 0.5, None] == [None if v is None else round(v, 12) for v in r]
    assert [3, 3, 3] == [it.n for it in cs.items]


def test_listwise_and_pairwise_differ_by_hand():
    # The three rows above and a fourth, x = 5 with y and z blank (z answered 2 in the
    # fourth row too). Listwise: the first three rows only, α = 0.5 as above.
    # Pairwise: var x over four rows: x = 1 2 3 5, mean 2.75, Σ(dev²) = 3.0625 + 0.5625 +
    # 0.0625 + 5.0625 = 8.75, var = 35/12; cov(x, y) = 0.5 (rows 1–3); var y = 1;
    # z constant: 0. ΣC = 35/12 + 1 + 2·0.5 = 59/12, trace = 47/12,
    # α = 3/2 · (1 − 47/59) = 18/59. Smallest pair: (x, y) or (y, z), 3 rows.
    cs = component_statistics("T", ["x", "y", "z"],
                              [[1, 2, 3, 5], [1, 3, 2, None], [2, 2, 2, 2]])
    assert (0.5, 3) == (pytest.approx(cs.alpha_listwise, abs=1e-15), cs.n_listwise)
    assert float(Fraction(18, 59)) == cs.alpha_pairwise
    assert 3 == cs.n_pairwise_min


def test_floats_from_a_spreadsheet_are_the_same_answers():
    ints = component_statistics("T", ["a", "b"], [[1, 2, 4, None], [2, 2, 5, 3]])
    floats = component_statistics("T", ["a", "b"], [[1.0, 2.0, 4.0, None], [2.0, 2.0, 5.0, 3.0]])
    assert ints == floats


# ------------------------------------------------------------------ degenerate cases


def _rows(n: int, fill_value: object = None) -> list[list[object]]:
    return [[fill_value] * 36 for _ in range(n)]


def test_all_blank():
    s = statistics(_rows(4), [0, 0, 0, 0])
    assert 0 == s.n_used and 0 == s.straight_lining.count and 0 == s.straight_lining.eligible
    for cs in s.components.values():
        assert (None, 0, None, 0) == (cs.alpha_listwise, cs.n_listwise, cs.alpha_pairwise,
                                      cs.n_pairwise_min)
        assert all(it.item_total_r is None and it.n == 0 for it in cs.items)
    assert statistics([], []).n_used == 0


def test_one_item_answered():
    # only A1 answered: no row answers the whole of A, and no pair of A's items has a row
    rows = _rows(5)
    for i, r in enumerate(rows):
        r[0] = i % 6
    cs = statistics(rows, [1] * 5).components["A"]
    assert (None, 0, None, 0) == (cs.alpha_listwise, cs.n_listwise, cs.alpha_pairwise,
                                  cs.n_pairwise_min)
    assert all(it.item_total_r is None for it in cs.items)


def test_one_respondent():
    cs = statistics([[3, 4, 2, 1, 0, 5] + [None] * 30], [1]).components["A"]
    assert (None, 1, None, 1) == (cs.alpha_listwise, cs.n_listwise, cs.alpha_pairwise,
                                  cs.n_pairwise_min)


def test_zero_variance():
    # everyone gives the same answers: the total does not vary, α and r are undefined
    rows = [[(j % 5) + 1 for j in range(36)] for _ in range(6)]
    s = statistics(rows, [1] * 6)
    for cs in s.components.values():
        assert cs.alpha_listwise is None and cs.alpha_pairwise is None
        assert 6 == cs.n_listwise == cs.n_pairwise_min
        assert all(it.item_total_r is None for it in cs.items)


def test_constant_total_undefined_though_items_vary():
    # B of the bundled example: each respondent's answers rotate, so every row's B sum is
    # the same; items vary but the total does not: α is undefined (pingouin gives −inf or
    # noise); each item is the exact opposite of the rest: r = −1
    cs = component_statistics("T", ["a", "b"], [[1, 2, 3], [3, 2, 1]])
    assert cs.alpha_listwise is None and cs.alpha_pairwise is None
    assert [-1.0, -1.0] == [it.item_total_r for it in cs.items]


def test_a_pair_with_fewer_than_two_rows_makes_pairwise_undefined():
    # a and b are never answered together, so cov(a, b) is undefined (pingouin skips it)
    cs = component_statistics("T", ["a", "b", "c"],
                              [[1, 2, None, None], [None, None, 3, 1], [1, 2, 3, 5]])
    assert (None, 0) == (cs.alpha_pairwise, cs.n_pairwise_min)
    assert (None, 0) == (cs.alpha_listwise, cs.n_listwise)


def test_rows_not_used_do_not_enter():
    rnd = random.Random(5)
    rows = [[rnd.randint(0, 5) for _ in range(36)] for _ in range(20)]
    used = [1] * 10 + [0] * 10
    assert statistics(rows, used) == statistics(rows[:10], [1] * 10)
    with pytest.raises(ValueError):
        statistics(rows, used[:5])


# ------------------------------------------------------------------ straight-lining


def test_straight_lining():
    rows = [
        [3] * 36,  # 0: straight
        [3.0] * 35 + [3],  # 1: straight (numbers from a spreadsheet)
        [0] * 36,  # 2: straight, all 0 (a real answer)
        [4] * 35 + [None],  # 3: one blank: not eligible
        [5] * 36,  # 4: not used (complete-sheets policy elsewhere, say)
        [2] * 35 + [1],  # 5: eligible, not straight
        [None] * 36,  # 6: empty
    ]
    used = [1, 1, 1, 1, 0, 1, 0]
    sl = statistics(rows, used).straight_lining
    assert ((0, 1, 2), (3, 3, 0), 4, 3) == (sl.rows, sl.values, sl.eligible, sl.count)


# ------------------------------------------------------------------ against pingouin / pandas


def _oracle_check(values: list[list[object]], used: list[int]) -> None:
    """Every figure of :func:`statistics` against pingouin and pandas (or, where those give
    an undefined figure, the reason it is undefined)."""
    with warnings.catch_warnings():  # numpy's on a covariance of fewer than 2 rows
        warnings.simplefilter("ignore", RuntimeWarning)
        _oracle_check_warned(values, used)


def _oracle_check_warned(values: list[list[object]], used: list[int]) -> None:
    s = statistics(values, used)
    rows = [r for r, u in zip(values, used) if u]
    df = pd.DataFrame([[math.nan if v is None else float(v) for v in r] for r in rows],
                      columns=list(q.ITEM_KEYS), dtype=float)
    for comp in q.COMPONENTS:
        keys = list(q.ITEM_KEYS[q.COMPONENT_SLICES[comp.key]])
        cs = s.components[comp.key]
        data = df[keys]
        full = data.dropna()
        assert len(full) == cs.n_listwise
        # listwise α: pingouin on the complete rows, defined when they vary in total
        total_var = full.sum(axis=1).var() if len(full) >= 2 else math.nan
        if cs.alpha_listwise is None:
            assert len(full) < 2 or total_var == 0
        else:
            expected, _ = pingouin.cronbach_alpha(data, nan_policy="listwise")
            assert expected == pytest.approx(cs.alpha_listwise, rel=TOL, abs=TOL)
        # pairwise α: pingouin on all rows; pair counts as pandas' cov takes them
        answered = data.notna().astype(int)
        pair_n = answered.T @ answered
        n_min = min(pair_n.iloc[i, j] for i in range(len(keys)) for j in range(i + 1, len(keys)))
        assert n_min == cs.n_pairwise_min
        cov = data.cov()
        if cs.alpha_pairwise is None:
            assert pair_n.to_numpy().min() < 2 or cov.to_numpy().sum() <= 1e-9
        else:
            assert pair_n.to_numpy().min() >= 2 and cov.to_numpy().sum() > 0
            expected, _ = pingouin.cronbach_alpha(data, nan_policy="pairwise")
            assert expected == pytest.approx(cs.alpha_pairwise, rel=TOL, abs=TOL)
        # corrected item–total: pandas Pearson r of the item with the sum of the others
        for it in cs.items:
            assert cs.n_listwise == it.n
            rest = full[[k for k in keys if k != it.key]].sum(axis=1)
            if it.item_total_r is None:
                assert len(full) < 2 or full[it.key].var() == 0 or rest.var() == 0
            else:
                assert full[it.key].corr(rest) == pytest.approx(it.item_total_r, abs=TOL)
    # straight-lining, independently: used, all 36 valid, one distinct answer
    expect = [i for i, (r, u) in enumerate(zip(values, used))
              if u and None not in r and len({float(v) for v in r}) == 1]
    assert tuple(expect) == s.straight_lining.rows


def _random_answers(rnd: random.Random, n: int, blank: float) -> list[list[object]]:
    """Answers with some structure (a respondent's level plus noise) and blanks."""
    out = []
    for _ in range(n):
        level = rnd.randint(0, 5)
        out.append([None if rnd.random() < blank else
                    max(0, min(5, level + rnd.choice((-2, -1, 0, 0, 1, 2)))) for _ in range(36)])
    return out


@pytest.mark.parametrize("seed", range(8))
def test_agrees_with_pingouin_and_pandas_fixed_seeds(seed):
    rnd = random.Random(seed)
    n = (3, 8, 15, 30, 60, 200, 500, 25)[seed]
    values = _random_answers(rnd, n, (0.0, 0.05, 0.1, 0.2, 0.3, 0.1, 0.15, 0.5)[seed])
    used = [1 if rnd.random() < 0.9 else 0 for _ in range(n)]
    _oracle_check(values, used)


ANSWER = st.one_of(st.none(), st.integers(0, 5), st.sampled_from([0.0, 3.0, 5.0]))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(ANSWER, min_size=36, max_size=36), min_size=2, max_size=14),
       st.randoms(use_true_random=False))
def test_agrees_with_pingouin_and_pandas_hypothesis(values, rnd):
    used = [1 if rnd.random() < 0.85 else 0 for _ in values]
    _oracle_check(values, used)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(2, 40), st.floats(0, 0.6))
def test_agrees_with_pingouin_and_pandas_structured(seed, n, blank):
    rnd = random.Random(seed)
    _oracle_check(_random_answers(rnd, n, blank), [1] * n)


# ------------------------------------------------------------------ the workbook


def _statistik_cells(path):
    """Every figure of the Statistik sheet, read through the headless engine, by the
    published layout."""
    out = lay.layout_json()["outputs"]["statistics"]
    book = PackageBook(path)
    sheet = out["sheet"]

    def cell(ref):
        return book.cached(sheet, *split_ref(ref))

    def table(spec):
        cols = {c["key"]: c["letter"] for c in spec["columns"]}
        return {key: {k: cell(f"{letter}{spec['first_data_row'] + i}") for k, letter in
                      cols.items()} for i, key in enumerate(spec["rows"])}

    sl = out["straight_lining"]
    listed = []
    r = sl["first_data_row"]
    while book.cached(sheet, r, 1) is not None:
        listed.append([book.cached(sheet, r, c) for c in range(1, len(sl["columns"]) + 1)])
        r += 1
    return {"used": cell(out["used_cell"]), "components": table(out["components"]),
            "items": table(out["items"]), "eligible": cell(sl["eligible_cell"]),
            "count": cell(sl["count_cell"]), "list": listed}


def _same(expected, got):
    if expected is None:
        return got in (None, "")
    if isinstance(expected, float):
        return got == pytest.approx(expected, abs=1e-12)
    return expected == got


def _assert_sheet_is_json(path, data):
    stats = data["statistics"]
    sheet = _statistik_cells(path)
    assert stats["n_used"] == sheet["used"]
    for c in stats["components"]:
        row = sheet["components"][c["key"]]
        for key in ("alpha_listwise", "n_listwise", "alpha_pairwise", "n_pairwise_min"):
            assert _same(c[key], row[key]), (c["key"], key, c[key], row[key])
        for it in c["items"]:
            irow = sheet["items"][it["key"]]
            for key in ("n", "blank", "invalid", "item_total_r"):
                assert _same(it[key], irow[key]), (it["key"], key, it[key], irow[key])
            assert c["n_listwise"] == irow["n_listwise"]
    sl = stats["straight_lining"]
    assert (sl["eligible"], sl["count"]) == (sheet["eligible"], sheet["count"])
    assert [[i + 1, resp or None, row, v] for i, (resp, row, v) in enumerate(
        zip(sl["respondents"], sl["rows"], sl["values"]))] == sheet["list"]


def test_example_statistik_sheet_holds_the_json_figures(tmp_path):
    out = run_cli("recalc", EXAMPLE, "--json", "-o", tmp_path / "hasil.xlsm")
    assert 0 == out.returncode, out.stderr
    data = json.loads(out.stdout)
    json.dumps(data, allow_nan=False)  # never NaN
    _assert_sheet_is_json(EXAMPLE, data)
    # the bundled example: B's answers rotate (every sheet's B sum is the same): undefined
    b = data["statistics"]["components"][1]
    assert ("B", None, None, 10) == (b["key"], b["alpha_listwise"], b["alpha_pairwise"],
                                     b["n_listwise"])
    # R12 answered D1–D3 only: listwise D uses 11 rows, pairwise D1–D3 pairs 12
    d = data["statistics"]["components"][3]
    assert 11 == d["n_listwise"] and d["alpha_listwise"] != d["alpha_pairwise"]


def test_filled_workbook_statistik_sheet_and_straight_lining(tmp_path, layout):
    rnd = random.Random(11)
    rows = [[f"P{i:02d}", *a] for i, a in enumerate(_random_answers(rnd, 30, 0.08))]
    rows[4] = ["P04", *[4] * 36]
    rows[9] = ["P09", *[0] * 36]
    rows[12] = [None, *[2] * 36]  # no respondent code: listed with a blank name
    rows[20][7] = "tiga"  # invalid: not an answer, counted as invalid
    path = fill(tmp_path, layout, rows)
    out = run_cli("recalc", path, "-o", tmp_path / "hasil.xlsm", "--json")
    assert 0 == out.returncode, out.stderr
    data = json.loads(out.stdout)
    sl = data["statistics"]["straight_lining"]
    first = layout["tables"][0]["first_data_row"]
    assert [first + 4, first + 9, first + 12] == sl["rows"]
    assert (["P04", "P09", ""], [4, 0, 2]) == (sl["respondents"], sl["values"])
    assert 1 == next(it for c in data["statistics"]["components"] for it in c["items"]
                     if it["key"] == "B1")["invalid"]
    _assert_sheet_is_json(tmp_path / "hasil.xlsm", data)
    # the same figures as the statistics of the answers, by the independent oracles
    values = [[v if isinstance(v, int) else None for v in r[1:]] for r in rows]
    _oracle_check(values, [1] * len(values))


def test_resume_line_and_layout_json(tmp_path):
    out = run_cli("recalc", EXAMPLE, "-o", tmp_path / "hasil.xlsm")
    assert "Konsistensi (α lembar lengkap): A -0,40 · B – · C -5,08" in out.stdout
    spec = lay.layout_json()["outputs"]["statistics"]
    assert "Statistik" == spec["sheet"] and lay.SHEETS.index("Statistik") == (
        lay.SHEETS.index("Ringkasan") + 1)
    assert list(q.ITEM_KEYS) == spec["items"]["rows"]


def test_workbook_without_statistik_sheet_still_computes(tmp_path):
    path = tmp_path / "lama.xlsm"
    shutil.copy(TEMPLATE, path)
    wb = openpyxl.load_workbook(path, keep_vba=True)
    del wb["Statistik"]
    wb["Jawaban"]["B5"] = 3
    wb.save(path)
    out = run_cli("recalc", path, "-o", tmp_path / "hasil.xlsm", "--json")
    assert 0 == out.returncode, out.stderr
    data = json.loads(out.stdout)
    assert 1 == data["statistics"]["n_used"]
    assert "Statistik" not in openpyxl.load_workbook(tmp_path / "hasil.xlsm").sheetnames
