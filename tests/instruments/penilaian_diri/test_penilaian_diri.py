"""The questionnaire core against the source's worked examples and hand-checkable cases."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xlpokja.core.bands import LABELS, band_of, round_half_up
from xlpokja.instruments.penilaian_diri import calc as q


def _loc(i, j):
    return f"r{i}c{j}"


def _answers(rows, respondents=None):
    respondents = respondents or [f"R{i}" for i in range(len(rows))]
    full = [list(r) + [None] * (36 - len(r)) for r in rows]
    return q.read_answers(respondents, full, sheet="Jawaban", locate=_loc)


def test_items_are_the_source_list():
    """36 items, six components A-F with 6/8/5/7/5/5 items; B skips source number 6."""
    assert 36 == len(q.ITEMS)
    assert [6, 8, 5, 7, 5, 5] == [sl.stop - sl.start for sl in q.COMPONENT_SLICES.values()]
    assert [1, 2, 3, 4, 5, 7, 8, 9] == [it.source_no for it in q.ITEMS if it.component == "B"]
    assert "Rapat diadakan secara teratur" == next(it.text for it in q.ITEMS if it.key == "D1")


def test_source_worked_example_per_item():
    """K3.4: 10 sheets, five give 3 -> 5 x 3 = 15; the value x count sum is 30; 30/10 = 3."""
    values = [3, 3, 3, 3, 3, 4, 4, 4, 2, 1]
    tab = q.tabulate(_answers([[v] for v in values]))
    a1 = tab.items["A1"]
    assert 5 == a1.counts[3]
    assert 15 == a1.products[3]
    assert 30 == a1.total
    assert 3.0 == a1.mean
    # the decisions.md reading: component A = its valid answers' mean, here one item
    assert 3.0 == tab.components["A"].mean


def test_source_example_whole_component():
    """Each of A's six items gets the example's ten answers: A = 180 / 60 = 3, not 180/10."""
    values = [3, 3, 3, 3, 3, 4, 4, 4, 2, 1]
    rows = [[values[(i + j) % 10] for j in range(6)] for i in range(10)]
    tab = q.tabulate(_answers(rows))
    assert 60 == tab.components["A"].n
    assert 180 == tab.components["A"].total
    assert 3.0 == tab.components["A"].mean


def test_constructed_example_component_c():
    """instruments.md K3.8: C = 30 / (2 x 5) = 3.00 -> band 3."""
    c_rows = [[3, 4, 2, 5, 1], [4, 4, 3, 3, 1]]
    rows = [[None] * 14 + r for r in c_rows]
    tab = q.tabulate(_answers(rows))
    c = tab.components["C"]
    assert [0, 2, 1, 3, 3, 1] == c.counts
    assert 30 == c.total
    assert 3.0 == c.mean
    assert 3 == band_of(c.mean).band
    assert 1 == tab.k and tab.n_flagged and 3.0 == tab.n_score


def test_constructed_example_x_and_n():
    """K3.8: A 3.50, B 2.75, C 3.00, D 4.10, E 2.20, F 1.90 -> X 17.45, N 2.908 -> 2.91 -> 3."""
    x = 3.50 + 2.75 + 3.00 + 4.10 + 2.20 + 1.90
    assert math.isclose(17.45, x)
    b = band_of(x / 6)
    assert 2.91 == b.rounded
    assert 3 == b.band


def test_blank_is_not_zero_and_zero_is_a_score():
    tab = q.tabulate(_answers([[0, None], [None, 4], [2]]))
    assert 1 == tab.items["A1"].counts[0]
    assert 1.0 == tab.items["A1"].mean  # (0 + 2) / 2, the blank is not a 0
    assert 1 == tab.blanks["A1"]
    assert 4.0 == tab.items["A2"].mean


def test_no_data_gives_band_zero():
    tab = q.tabulate(_answers([[None]]))
    assert tab.n_score is None
    assert 0 == tab.band.band
    assert LABELS[0] == tab.band.label
    assert 0 == tab.sheets_filled


@pytest.mark.parametrize("score,band,near", [
    (0.0, 1, False), (1.494, 1, True), (1.495, 2, True), (1.5, 2, True), (2.0, 2, False),
    (2.4949, 2, True), (2.5, 3, True), (3.3, 3, False), (4.5, 5, True), (5.0, 5, False),
])
def test_bands(score, band, near):
    """decisions.md §10: half-up to 2 decimals, then the band; 0.01 from a boundary flagged."""
    b = band_of(score)
    assert band == b.band
    assert near == b.near_boundary


def test_round_half_up_like_excel():
    assert 2.5 == round_half_up(2.495)  # Python's round() gives 2.49 here
    assert 1.01 == round_half_up(1.005)


def test_invalid_cells_are_problems_not_values():
    rows = [["tiga", 7, 2.5, -1, True, "#N/A", 3]]
    a = _answers(rows)
    codes = [p.code for p in a.problems]
    assert ["NILAI_BUKAN_ANGKA", "NILAI_DI_LUAR_SKALA", "NILAI_BUKAN_BULAT",
            "NILAI_DI_LUAR_SKALA", "NILAI_BUKAN_ANGKA", "NILAI_ERROR"] == codes
    assert "r0c0" == a.problems[0].cell
    assert "'tiga'" == a.problems[0].found
    assert "bilangan bulat 0–5 atau kosong" == a.problems[0].expected
    tab = q.tabulate(a)
    assert 1 == tab.items["B1"].n
    assert 1 == tab.invalid["A1"]
    assert 7 == int(a.filled[0]) and 1 == int(a.valid[0])


def test_duplicate_respondent_and_empty_sheet():
    a = _answers([[1], [2], [None]], respondents=["R1", "r1 ", "R3"])
    codes = {p.code: p for p in a.problems}
    assert "RESPONDEN_GANDA" in codes and "r1cNone" == codes["RESPONDEN_GANDA"].cell
    assert "LEMBAR_TANPA_JAWABAN" in codes


def test_policy_complete_sheets_only():
    full = [3] * 36
    part = [5]
    tab = q.tabulate(_answers([full, part]), q.POLICY_COMPLETE)
    assert 1 == tab.sheets_used and 1 == tab.sheets_complete and 2 == tab.sheets_filled
    assert 3.0 == tab.items["A1"].mean
    tab2 = q.tabulate(_answers([full, part]))
    assert 4.0 == tab2.items["A1"].mean


answer = st.one_of(st.none(), st.integers(0, 5))
table = st.lists(st.lists(answer, min_size=36, max_size=36), min_size=1, max_size=25)


@settings(max_examples=60, deadline=None)
@given(table)
def test_counts_add_up_and_means_stay_on_scale(rows):
    tab = q.tabulate(_answers(rows))
    n_answers = sum(v is not None for r in rows for v in r)
    assert n_answers == sum(s.n for s in tab.items.values())
    assert n_answers == sum(s.n for s in tab.components.values())
    for s in list(tab.items.values()) + list(tab.components.values()):
        assert sum(s.counts) == s.n
        assert s.mean is None or 0 <= s.mean <= 5
    if tab.n_score is not None:
        assert 0 <= tab.n_score <= 5


@settings(max_examples=40, deadline=None)
@given(table, st.randoms(use_true_random=False))
def test_respondent_order_changes_nothing(rows, rnd):
    a = q.tabulate(_answers(rows))
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    b = q.tabulate(_answers(shuffled))
    assert {k: s.counts for k, s in a.items.items()} == {k: s.counts for k, s in b.items.items()}
    assert a.x == pytest.approx(b.x) and a.band == b.band


@settings(max_examples=40, deadline=None)
@given(table)
def test_blanks_never_count_as_zero(rows):
    """Adding blank sheets or blank answers changes no mean and no count of 0."""
    a = q.tabulate(_answers(rows))
    b = q.tabulate(_answers(rows + [[None] * 36] * 3))
    assert [s.counts for s in a.items.values()] == [s.counts for s in b.items.values()]
    assert a.n_score == b.n_score
    assert [0, 0, 0] == b.used[len(rows):]
