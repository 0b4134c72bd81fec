"""The stability panel of a weighted-sum ranking (MCUA): core against hand-worked examples
and brute force, properties, and the panel's rows / JSON / chart."""

from __future__ import annotations

import json
import math
import random
import zipfile
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from xlpokja.core import stability as cs
from xlpokja.core.scales import competition_rank, round9
from xlpokja.core.stability import ScoreFlip, stability
from xlpokja.layout import panel as P

LO, HI = 1, 5

# instruments K5: a tie for first place
K5_W = [40, 30, 30]
K5_S = [[3, 2, 3], [2, 3, 3], [3, 3, 2]]                     # totals 270, 260, 270
# domain-anchors §1.3
A13_W = [30, 25, 25, 20]
A13_S = [[4, 3, 5, 2], [3, 5, 4, 4], [5, 2, 3, 5], [4, 3, 5, 2]]  # totals 360, 395, 375, 360
A13_OPT = ["P1", "P2", "P3", "P4"]
A13_CRIT = ["Biaya", "Dampak", "Kelayakan", "Dukungan"]


# ============================================================================ brute force


def totals(w, s) -> list[float]:
    """Float totals, summed criterion by criterion (as a workbook's SUM does)."""
    out = []
    for row in s:
        t = 0.0
        for a, b in zip(row, w):
            t += float(a) * float(b)
        out.append(t)
    return out


def first_set(w, s) -> set[int]:
    """Options at rank 1, from a full recomputation (float totals, competition ranks)."""
    ranks = competition_rank(totals(w, s))
    return {i for i, r in enumerate(ranks) if r == 1}


def rescaled(w, k: int, d):
    """The weights after moving criterion k by d, the others rescaled (Fraction or float)."""
    S = sum(w)
    room = S - w[k]
    return [w[j] + d if j == k else w[j] * (room - d) / room for j in range(len(w))]


def float_changed(w, s, k: int, d: float, t: int) -> bool:
    """First place differs from {t} after the change, computed the way a workbook would."""
    return first_set(rescaled([float(x) for x in w], k, d), s) != {t}


def brute_crossing(w, s, k: int, t: int, up: bool) -> tuple[float | None, int | None]:
    """Nearest d on one side at which some option reaches t, by bisection per option.

    Totals are computed exactly (Fractions of the float inputs) from the rescaled weights.
    Once an option has reached the first it stays there further out (totals are linear in
    d), so if it does anywhere in range it does at the range end, and the boundary can be
    bisected. At the range end "reached" is judged on 9 decimals, like every tie.
    """
    wf = [Fraction(float(x)) for x in w]
    sf = [[Fraction(float(x)) for x in row] for row in s]
    end = sum(wf) - wf[k] if up else -wf[k]        # exact range end
    if end == 0:
        return None, None

    def total(i: int, d: Fraction) -> Fraction:
        return sum((a * b for a, b in zip(rescaled(wf, k, d), sf[i])), Fraction(0))

    def reaches(i: int, d: Fraction) -> bool:
        return total(i, d) >= total(t, d)

    found: list[tuple[Fraction, int]] = []
    for i in range(len(s)):
        if i == t or round9(float(total(i, end))) < round9(float(total(t, end))):
            continue
        if not reaches(i, end):                     # a tie at the end only after rounding
            found.append((abs(end), i))
            continue
        inside, outside = Fraction(0), end          # not reached / reached
        for _ in range(46):
            mid = (inside + outside) / 2
            if reaches(i, mid):
                outside = mid
            else:
                inside = mid
        found.append((abs(outside), i))
    if not found:
        return None, None
    best = min(m for m, _ in found)
    opt = min(i for m, i in found if m - best <= 1e-12 * sum(wf))  # "the same d"
    return (float(best) if up else -float(best)), opt


def grid(lo: float, hi: float, n: int = 80) -> list[float]:
    return sorted({lo + (hi - lo) * i / (n - 1) for i in range(n)} | {lo, hi})


def check_weight_changes(w, s, res) -> None:
    S = float(sum(w))
    tol = 1e-9 * S
    eps = 1e-6 * S
    base = first_set(w, s)
    assert set(res.first) == base
    for k, ch in enumerate(res.weight_changes):
        assert ch.criterion == k and ch.weight == w[k]
        room = S - w[k]
        if len(base) > 1 or room == 0:
            assert (ch.down, ch.up, ch.down_option, ch.up_option) == (None,) * 4
            continue
        (t,) = base
        for up, d, opt in ((True, ch.up, ch.up_option), (False, ch.down, ch.down_option)):
            bd, bopt = brute_crossing(w, s, k, t, up)
            lo, hi = (0.0, room) if up else (-float(w[k]), 0.0)
            if d is None:
                assert bd is None, (k, up, bd)
                # no change anywhere on this side, range ends included
                assert not any(float_changed(w, s, k, x, t) for x in grid(lo, hi))
                continue
            assert bd is not None and abs(d - bd) <= tol, (k, up, d, bd)
            assert opt == bopt, (k, up, opt, bopt)
            assert lo - tol <= d <= hi + tol and d != 0
            sign = 1 if up else -1
            # just before: unchanged; just after (or at the range end): changed
            assert not float_changed(w, s, k, d - sign * eps, t)
            after = d + sign * eps
            after = min(after, hi) if up else max(after, lo)
            assert float_changed(w, s, k, after, t)
            # the grid agrees: nothing changes nearer to 0, everything changes beyond
            for x in grid(lo, hi):
                if abs(x) < abs(d) - eps:
                    assert not float_changed(w, s, k, x, t), (k, x)
                elif abs(x) > abs(d) + eps:
                    assert float_changed(w, s, k, x, t), (k, x)
    smallest = [(abs(c.smallest), c.criterion) for c in res.weight_changes
                if c.smallest is not None]
    assert res.critical == (min(smallest)[1] if smallest else None)


def brute_flips(w, s, lo=LO, hi=HI) -> list[ScoreFlip]:
    s = [[float(x) for x in row] for row in s]
    base = first_set(w, s)
    out = []
    for i in range(len(s)):
        for k in range(len(w)):
            for delta in (-1, 1):
                if not lo <= s[i][k] + delta <= hi:
                    continue
                s2 = [list(row) for row in s]
                s2[i][k] += delta
                new = first_set(w, s2)
                if new != base:
                    out.append(ScoreFlip(i, k, delta, tuple(sorted(new))))
    return out


# ============================================================================ strategies


@st.composite
def cases(draw, min_positive: int = 1, float_scores: bool = False):
    n = draw(st.integers(2, 6))
    k = draw(st.integers(2, 5))
    w = draw(st.lists(st.integers(0, 10), min_size=k, max_size=k))
    assume(sum(x > 0 for x in w) >= min_positive)
    if float_scores:  # means of three raters, weights as fractions
        cells = st.integers(3, 15).map(lambda v: v / 3)
        w = [x / 20 for x in w]
    else:
        cells = st.integers(LO, HI)
    s = draw(st.lists(st.lists(cells, min_size=k, max_size=k), min_size=n, max_size=n))
    return w, s


SLOW = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])


# ============================================================================ worked examples


def test_k5_tie_for_first():
    res = stability(K5_W, K5_S, lo=LO, hi=HI)
    assert res.totals == (270, 260, 270)
    assert res.first == (0, 2) and res.second == (1,)
    assert res.margin == 0 and res.margin_pct == 0
    assert res.close_call
    assert all((c.down, c.up, c.down_option, c.up_option) == (None,) * 4
               for c in res.weight_changes)
    assert res.critical is None
    assert sum(res.first_share) == pytest.approx(1.0)
    assert res.first_share[0] > res.first_share[1] and res.first_share[2] > res.first_share[1]
    # U2 +1 on any criterion: 260 + 30 or 40 > 270 -> U2 alone first
    assert ScoreFlip(1, 0, 1, (1,)) in res.score_flips
    assert res.score_flips == brute_flips(K5_W, K5_S)


def test_anchor_1_3():
    res = stability(A13_W, A13_S, lo=LO, hi=HI)
    assert res.totals == (360, 395, 375, 360)
    assert res.first == (1,) and res.second == (2,)
    assert res.margin == 20
    assert res.margin_pct == pytest.approx(100 * 20 / 395) and res.margin_pct > 5.06
    assert not res.close_call

    # Criterion 0 (w = 30) by hand. S = 100, room S - w_0 = 70; R_i = T_i - 30 s_i0:
    #   P2: 395 - 90 = 305, P3: 375 - 150 = 225, P1 = P4: 360 - 120 = 240.
    # Slopes a_i = s_i0 - R_i / 70: P2 3 - 61/14 = -19/14, P3 5 - 45/14 = 25/14,
    #   P1 = P4 4 - 24/7 = 4/7.
    # Against P2: P3 gap 20, slope 25/14 + 19/14 = 22/7 -> d = 20 * 7/22 = 70/11;
    #   P1 gap 35, slope 8/14 + 19/14 = 27/14 -> d = 490/27 > 70/11. All slopes > 0: no d < 0.
    # Check at d = 70/11: w = 400/11 and the others x 10/11 = 250/11, 250/11, 200/11:
    #   P2 = (1200 + 1250 + 1000 + 800)/11 = 4250/11 = P3 = (2000 + 500 + 750 + 1000)/11.
    c0 = res.weight_changes[0]
    assert c0.up == pytest.approx(70 / 11, rel=1e-15) and c0.up_option == 2
    assert c0.down is None and c0.down_option is None
    assert c0.smallest == c0.up
    # Criterion 1 (w = 25), room 75; R: P2 270, P3 325, P1 285. a: P2 5 - 3.6 = 1.4,
    #   P3 2 - 13/3 = -7/3, P1 3 - 3.8 = -0.8. Against P2: P3 20 / (-56/15) = -75/14,
    #   P1 35 / -2.2 = -15.9. No positive slope: no d > 0. 25 - 75/14 = 19.64 -> P3 first.
    c1 = res.weight_changes[1]
    assert c1.down == pytest.approx(-75 / 14, rel=1e-15) and c1.down_option == 2
    assert c1.up is None
    assert res.critical == 1                     # |-75/14| = 5.36 < 70/11 = 6.36
    check_weight_changes(A13_W, A13_S, res)

    # P3, criterion 1 (w 25, score 2) +1: 375 + 25 = 400 > 395 -> P3 first.
    assert ScoreFlip(2, 1, 1, (2,)) in res.score_flips
    # P3 already has 5 = hi on criterion 0 (w 30): no +1 there.
    assert not any(f.option == 2 and f.criterion == 0 for f in res.score_flips)
    # P2, criterion 3 (w 20) -1: 395 - 20 = 375 = P3 -> a tie P2 = P3.
    assert ScoreFlip(1, 3, -1, (1, 2)) in res.score_flips
    assert res.score_flips == [
        ScoreFlip(1, 0, -1, (2,)), ScoreFlip(1, 1, -1, (2,)), ScoreFlip(1, 2, -1, (2,)),
        ScoreFlip(1, 3, -1, (1, 2)), ScoreFlip(2, 1, 1, (2,)), ScoreFlip(2, 2, 1, (2,))]
    assert res.score_flips == brute_flips(A13_W, A13_S)


def reference_shares(w, s, samples: int, seed: int, concentration: float) -> list[float]:
    """The documented sampler, written out sample by sample: random.Random(seed), one
    gammavariate(concentration * w_k / S, 1) per criterion with w_k > 0 (in order), divided by
    their sum and scaled back to S; totals criterion by criterion, half-up to 9 decimals (as
    Decimal arithmetic, not floats); the m options at the top share the sample; exact sums."""
    from decimal import ROUND_HALF_UP, Decimal

    rng = random.Random(seed)
    S = 0.0
    for x in w:
        S += x
    alphas = [(k, concentration * (x / S)) for k, x in enumerate(w) if x / S > 0]
    won = [Fraction(0)] * len(s)
    for _ in range(samples):
        g = [(k, rng.gammavariate(a, 1.0)) for k, a in alphas]
        G = 0.0
        for _, x in g:
            G += x
        wk = [0.0] * len(w)
        for k, x in g:
            wk[k] = x / G * S
        t9 = [Decimal(t).quantize(Decimal("1e-9"), rounding=ROUND_HALF_UP)
              for t in totals(wk, s)]
        top = [i for i, t in enumerate(t9) if t == max(t9)]
        for i in top:
            won[i] += Fraction(1, len(top))
    return [float(x / samples) for x in won]


def test_anchor_1_3_shares_follow_the_documented_sampler():
    """Standard library sampler: recomputed independently, and the same distribution as the
    earlier NumPy Dirichlet (within sampling error)."""
    res = stability(A13_W, A13_S, lo=LO, hi=HI)
    assert res.samples == 2000 and res.seed == 12345 and res.concentration == 100
    assert list(res.first_share) == reference_shares(A13_W, A13_S, 2000, 12345, 100.0)
    assert res.first_share[0] == res.first_share[3]      # identical rows share equally
    assert math.fsum(res.first_share) == pytest.approx(1.0, abs=1e-12)
    assert res.first_share[1] > 0.8                      # P2 is ahead by 5 %
    # another seed gives other shares of the same distribution
    other = stability(A13_W, A13_S, lo=LO, hi=HI, seed=1)
    assert other.first_share != res.first_share
    assert other.first_share == pytest.approx(res.first_share, abs=0.05)


def test_shares_match_numpys_dirichlet_in_distribution():
    np = pytest.importorskip("numpy")
    w = np.asarray(A13_W, float)
    draws = np.random.RandomState(2024).dirichlet(100 * w / w.sum(), size=40000) * w.sum()
    t = np.asarray(A13_S, float) @ draws.T                          # (options, samples)
    top = np.floor(t * 1e9 + 0.5) == np.floor(t.max(axis=0) * 1e9 + 0.5)
    ref = (top / top.sum(axis=0)).mean(axis=1)
    res = stability(A13_W, A13_S, lo=LO, hi=HI)
    for p, q in zip(res.first_share, ref):
        assert abs(p - q) <= 5 * math.sqrt(max(q * (1 - q), 1e-3) / 2000), (p, q)


def test_seed_range():
    for seed in (-1, 2**32):
        with pytest.raises(ValueError):
            stability(A13_W, A13_S, lo=LO, hi=HI, seed=seed)
    assert stability(A13_W, A13_S, lo=LO, hi=HI, samples=5, seed=2**32 - 1).seed == 2**32 - 1


# ============================================================================ brute force


@SLOW
@given(cases())
def test_weight_changes_match_brute_force(case):
    w, s = case
    check_weight_changes(w, s, stability(w, s, lo=LO, hi=HI, samples=10))


@SLOW
@given(cases(min_positive=2))
def test_weight_changes_match_brute_force_two_positive(case):
    w, s = case
    res = stability(w, s, lo=LO, hi=HI, samples=10)
    check_weight_changes(w, s, res)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(cases(min_positive=2, float_scores=True))
def test_weight_changes_with_means_and_fraction_weights(case):
    w, s = case
    res = stability(w, s, lo=LO, hi=HI, samples=10)
    check_weight_changes(w, s, res)
    assert res.score_flips == brute_flips(w, s)


@settings(max_examples=150, deadline=None)
@given(cases())
def test_flips_match_brute_force(case):
    w, s = case
    res = stability(w, s, lo=LO, hi=HI, samples=10)
    assert res.score_flips == brute_flips(w, s)
    assert all(f.delta in (-1, 1) for f in res.score_flips)


def test_flips_respect_the_scale():
    w, s = [1, 1], [[5, 5], [5, 4]]             # 10 vs 9; nothing above 5
    res = stability(w, s, lo=4, hi=5)
    assert res.score_flips == brute_flips(w, s, lo=4, hi=5)
    assert ScoreFlip(1, 1, 1, (0, 1)) in res.score_flips
    assert not any(f.delta == 1 and f.option == 0 for f in res.score_flips)
    assert not any(f.delta == -1 and f.option == 1 and f.criterion == 1
                   for f in res.score_flips)  # 4 - 1 < lo


# ============================================================================ properties


@settings(max_examples=80, deadline=None)
@given(cases(), st.sampled_from([0.5, 2.0, 3.0, 10.0, 0.25]))
def test_scaling_the_weights_changes_nothing(case, c):
    w, s = case
    a = stability(w, s, lo=LO, hi=HI, samples=300)
    b = stability([c * x for x in w], s, lo=LO, hi=HI, samples=300)
    assert a.first == b.first and a.second == b.second
    assert a.score_flips == b.score_flips
    assert a.critical == b.critical and a.close_call == b.close_call
    assert a.first_share == pytest.approx(b.first_share, abs=1e-12)
    for x, y in zip(a.weight_changes, b.weight_changes):
        for dx, dy in ((x.down, y.down), (x.up, y.up)):
            assert (dx is None) == (dy is None)
            if dx is not None:
                assert dy == pytest.approx(c * dx, rel=1e-9)
        assert (x.down_option, x.up_option) == (y.down_option, y.up_option)


@st.composite
def dominated(draw):
    n = draw(st.integers(2, 6))
    k = draw(st.integers(2, 5))
    w = draw(st.lists(st.integers(1, 10), min_size=k, max_size=k))
    s = draw(st.lists(st.lists(st.integers(1, 5), min_size=k, max_size=k),
                      min_size=n, max_size=n))
    low = draw(st.lists(st.integers(1, 4), min_size=k, max_size=k))
    step = draw(st.lists(st.integers(0, 1), min_size=k, max_size=k).filter(any))
    i, j = draw(st.permutations(range(n)))[:2]
    s[i] = low
    s[j] = [a + b for a, b in zip(low, step)]       # j >= i everywhere, > somewhere
    return w, s, i, j


@settings(max_examples=100, deadline=None)
@given(dominated(), st.integers(0, 2**31 - 1))
def test_a_dominated_option_is_never_first_alone(case, seed):
    w, s, i, j = case
    res = stability(w, s, lo=LO, hi=HI, samples=400, seed=seed)
    assert i not in res.first
    top = cs.first_matrix(w, s, samples=400, seed=seed)
    assert len(top) == len(s) and all(len(r) == 400 for r in top)
    assert not any(a and not b for a, b in zip(top[i], top[j]))  # wherever i is first, so is j
    assert res.first_share[i] <= res.first_share[j]


@st.composite
def best_everywhere(draw):
    n = draw(st.integers(2, 6))
    k = draw(st.integers(2, 5))
    w = draw(st.lists(st.integers(0, 10), min_size=k, max_size=k).filter(any))
    best = draw(st.lists(st.integers(2, 5), min_size=k, max_size=k))
    rows = [[draw(st.integers(1, b - 1)) for b in best] for _ in range(n - 1)]
    at = draw(st.integers(0, n - 1))
    rows.insert(at, best)
    return w, rows, at


@settings(max_examples=80, deadline=None)
@given(best_everywhere(), st.integers(0, 2**31 - 1))
def test_best_on_every_criterion_wins_every_sample(case, seed):
    w, s, at = case
    res = stability(w, s, lo=LO, hi=HI, samples=300, seed=seed)
    assert res.first == (at,)
    assert res.first_share[at] == 1.0


@settings(max_examples=60, deadline=None)
@given(cases(), st.integers(0, 2**31 - 1), st.sampled_from([1.0, 10.0, 100.0, 1000.0]))
def test_shares_sum_to_one_and_repeat(case, seed, conc):
    w, s = case
    a = stability(w, s, lo=LO, hi=HI, samples=250, seed=seed, concentration=conc)
    b = stability(w, s, lo=LO, hi=HI, samples=250, seed=seed, concentration=conc)
    assert isinstance(a.first_share, tuple) and len(a.first_share) == len(s)
    assert math.fsum(a.first_share) == pytest.approx(1.0, abs=1e-12)
    assert all(x >= 0 for x in a.first_share)
    assert a.first_share == b.first_share
    assert (a.samples, a.seed, a.concentration) == (250, seed, conc)


def test_zero_weight_criteria_stay_zero_in_the_samples():
    ws = cs.sample_weights([2, 0, 3, 0], samples=500, seed=7, concentration=5)
    assert len(ws) == 500 and all(len(r) == 4 for r in ws)
    assert all(r[1] == 0 and r[3] == 0 for r in ws)
    assert all(r[0] > 0 and r[2] > 0 for r in ws)
    assert [sum(r) for r in ws] == pytest.approx([5.0] * 500)
    assert [sum(r[k] for r in ws) / 500 for k in range(4)] == pytest.approx([2, 0, 3, 0],
                                                                          abs=0.15)


def test_a_criterion_alone_cannot_change_by_rescaling():
    # all weight on criterion 0: moving it rescales nothing; criterion 1 can still take over
    res = stability([5, 0], [[3, 1], [2, 5]], lo=LO, hi=HI)
    c0, c1 = res.weight_changes
    assert (c0.down, c0.up) == (None, None)
    # criterion 1 from 0 to d: T0 = 3(5 - d) + d = 15 - 2d, T1 = 2(5 - d) + 5d = 10 + 3d
    # -> equal at d = 1
    assert c1.down is None and c1.up == 1.0 and c1.up_option == 1
    assert res.critical == 1


def test_a_tie_at_the_range_end_blurred_by_float_inputs_counts():
    # Means of three raters and fraction weights. With criterion 2 at weight 0 the others
    # become 0.1 * 8/7 and 0.25 * 8/7, and both totals are 1.35 * 8/7 in exact decimals:
    # (1 * 0.1 + 5 * 0.25) = (13/3 * 0.1 + 11/3 * 0.25) = 1.35. The floats 0.1, 13/3, 11/3
    # leave option 1 about 1e-17 short; on 9 decimals (as everywhere) it is a tie.
    w = [0.0, 0.1, 0.05, 0.25]
    s = [[1.0, 1.0, 4 / 3, 5.0], [1.0, 13 / 3, 1.0, 11 / 3]]
    res = stability(w, s, lo=LO, hi=HI)
    assert res.first == (0,)
    c2 = res.weight_changes[2]
    assert c2.down == -0.05 and c2.down_option == 1 and c2.up is None
    # criterion 0 (weight 0) taking all the weight: both totals 0.4 * 1 -> a tie at the end
    c0 = res.weight_changes[0]
    assert c0.up == 0.4 and c0.up_option == 1 and c0.down is None
    check_weight_changes(w, s, res)
    # Here the float inputs leave a gap the float totals can see (not only 1e-17): with
    # criterion 2 at 0, P1 and P4 are both 0.2 * s0 + 0.5 * s1 = 6.5/3 (times 1.15/0.7).
    w = [0.2, 0.5, 0.45]
    s = [[5 / 3, 11 / 3, 7 / 3], [10 / 3, 5 / 3, 10 / 3], [3.0, 3.0, 2.0], [5.0, 7 / 3, 5.0]]
    res = stability(w, s, lo=LO, hi=HI)
    assert res.first == (3,)
    c2 = res.weight_changes[2]
    assert c2.down == -0.45 and c2.down_option == 0
    check_weight_changes(w, s, res)


# ============================================================================ edge cases


def test_one_and_zero_options():
    one = stability([1, 2], [[3, 4]], lo=LO, hi=HI)
    assert one.n == 1 and one.first == (0,) and one.second == ()
    assert one.margin is None and one.margin_pct is None and not one.close_call
    assert one.score_flips == [] and one.critical is None
    assert one.first_share == (1.0,)
    none = stability([1, 2], [], lo=LO, hi=HI)
    assert none.n == 0 and none.first == () and none.first_share == ()
    assert stability([1, 2], [[], []], lo=LO, hi=HI).n == 0
    assert none.margin is None and none.score_flips == []
    assert len(none.weight_changes) == 2


def test_close_call_threshold():
    res = stability([1, 1], [[5, 5], [5, 4.6]], lo=LO, hi=HI)     # 10 vs 9.6: 4 %
    assert res.margin == pytest.approx(0.4) and res.margin_pct == pytest.approx(4.0)
    assert res.close_call
    assert not stability([1, 1], [[5, 5], [5, 4.6]], lo=LO, hi=HI, close_pct=3.0).close_call


@pytest.mark.parametrize("w, s", [
    ([1, -1], [[1, 2]]), ([0, 0], [[1, 2]]), ([1, math.nan], [[1, 2]]),
    ([1, 2], [[1, math.nan]]), ([1, 2], [[1, 2, 3]]), ([[1, 2]], [[1, 2]]), ([], [[1]]),
    ([1, 2], [[1, 2], [3]]), ([1, 2], [[1, "x"]]), ([1, math.inf], [[1, 2]]),
    ([1, 2], [[1, math.inf]]),
])
def test_invalid_input_raises(w, s):
    with pytest.raises(ValueError):
        stability(w, s, lo=LO, hi=HI)


# ============================================================================ panel


def _shape_ok(rows):
    assert len(rows) == P.BLOCK_ROWS
    assert all(isinstance(r, list) and len(r) == P.N_COLS for r in rows)


def test_panel_rows_tie():
    res = stability(K5_W, K5_S, lo=LO, hi=HI)
    rows = P.panel_rows("Peringkat usulan", res, ["U1", "U2", "U3"], ["A", "B", "C"], K5_W)
    _shape_ok(rows)
    assert rows[P.ROW_TITLE][0] == "Peringkat usulan"
    verdict = rows[P.ROW_VERDICT][0]
    assert "SERI" in verdict and "U1 = U3" in verdict and "270" in verdict
    assert "seri" in rows[P.ROW_CRITICAL][0]
    body = rows[P.WEIGHT_OFFSET]
    assert body[:3] == ["A", 40.0, P.TIED]


def test_panel_rows_anchor():
    res = stability(A13_W, A13_S, lo=LO, hi=HI)
    rows = P.panel_rows("Contoh", res, A13_OPT, A13_CRIT, A13_W, note="catatan")
    _shape_ok(rows)
    verdict = rows[P.ROW_VERDICT][0]
    assert verdict == ("Urutan 1: P2 (total 395) — selisih dengan urutan 2 (P3): "
                       "20 (5,1 %) — MANTAP")
    assert rows[P.ROW_CRITICAL][0] == ("Kriteria paling menentukan: Dampak: bobot 25 → "
                                       "19,643 mengubah urutan 1 (menjadi P3)")
    assert rows[P.ROW_NOTE][0] == "catatan"
    assert rows[P.ROW_SHARE_HEAD][:2] == ["Usulan", "Peluang nomor 1"]
    shares = rows[P.SHARE_OFFSET:P.SHARE_OFFSET + P.SHARE_ROWS]
    assert [r[0] for r in shares[:4]] == ["P2", "P3", "P1", "P4"]
    assert [r[1] for r in shares[:4]] == [res.first_share[i] for i in (1, 2, 0, 3)]
    assert shares[4] == [None] * P.N_COLS
    assert "2.000 vektor bobot acak" in rows[P.ROW_SHARE_NOTE][0]
    assert rows[P.ROW_WEIGHT_HEAD] == list(P.WEIGHT_HEADERS)
    biaya = rows[P.WEIGHT_OFFSET]
    assert biaya[:4] == ["Biaya", 30.0, P.NO_CHANGE, None]
    assert biaya[4] == pytest.approx(400 / 11) and biaya[5] == "P3"
    assert rows[P.FLIP_OFFSET][:4] == ["P2", "Biaya", "−1", "P3"]
    assert rows[P.FLIP_OFFSET + 3][:4] == ["P2", "Dukungan", "−1", "P2 = P3"]
    assert rows[P.FLIP_OFFSET + 4][:4] == ["P3", "Dampak", "+1", "P3"]


def test_panel_rows_close_call_and_no_flips():
    res = stability([1, 1], [[5, 5], [5, 4.6]], lo=LO, hi=HI)
    rows = P.panel_rows("T", res, ["X", "Y"], ["a", "b"], [1, 1])
    assert rows[P.ROW_VERDICT][0].endswith("— TIPIS") and "(4,0 %)" in rows[P.ROW_VERDICT][0]
    res = stability([1, 1], [[5, 5], [1, 1]], lo=LO, hi=HI)
    rows = P.panel_rows("T", res, ["X", "Y"], ["a", "b"], [1, 1])
    assert rows[P.FLIP_OFFSET][0] == P.NO_FLIPS
    assert "tidak ada" in rows[P.ROW_CRITICAL][0]


def test_panel_rows_without_ranking():
    rows = P.panel_rows("Judul", None, [], [], [], note="Jumlah bobot harus 100 %")
    _shape_ok(rows)
    assert rows[P.ROW_TITLE][0] == "Judul" and rows[P.ROW_VERDICT][0] == "Jumlah bobot harus 100 %"
    for r in range(P.SHARE_OFFSET, P.BLOCK_ROWS):
        if r not in P.HEADER_ROWS:
            assert rows[r] == [None] * P.N_COLS


def test_panel_rows_truncate():
    rng = random.Random(3)
    k = 25
    w = [float(rng.randint(1, 5)) for _ in range(k)]
    s = [[3.0] * k for _ in range(30)]   # U0 leads by one point: many +-1 flips
    s[0][w.index(1.0)] = 4.0
    res = stability(w, s, lo=LO, hi=HI, samples=200)
    rows = P.panel_rows("Banyak", res, [f"U{i}" for i in range(30)],
                        [f"K{j}" for j in range(k)], list(w))
    _shape_ok(rows)
    assert rows[P.ROW_WEIGHT_MORE][0] == "… dan 5 kriteria lainnya"
    assert len(res.score_flips) > P.MAX_FLIP_ROWS
    assert rows[P.ROW_FLIP_MORE][0] == f"… dan {len(res.score_flips) - P.MAX_FLIP_ROWS} lainnya"
    if res.critical is not None:                     # the most sensitive criterion is shown
        shown = [r[0] for r in rows[P.WEIGHT_OFFSET:P.ROW_WEIGHT_MORE]]
        assert f"K{res.critical}" in shown


def test_panel_json_round_trips():
    for w, s in ((A13_W, A13_S), (K5_W, K5_S)):
        res = stability(w, s, lo=LO, hi=HI)
        doc = P.panel_json(res, A13_OPT, A13_CRIT, w)
        assert json.loads(json.dumps(doc)) == doc
        assert len(doc["options"]) == res.n and len(doc["criteria"]) == len(w)
        assert len(doc["score_flips"]) == len(res.score_flips)
    assert doc["verdict"] == "SERI" and doc["first"] == [0, 2]
    res = stability(A13_W, A13_S, lo=LO, hi=HI)
    doc = P.panel_json(res, A13_OPT, A13_CRIT, A13_W)
    assert doc["criteria"][0]["up_weight"] == pytest.approx(400 / 11)
    assert doc["critical_name"] == "Dampak" and doc["verdict"] == "MANTAP"


def test_share_chart(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Stabilitas"
    res = stability(A13_W, A13_S, lo=LO, hi=HI)
    first_row = 1 + P.BLOCK_ROWS                     # second block
    for r, row in enumerate(P.panel_rows("Contoh", res, A13_OPT, A13_CRIT, A13_W)):
        for c, v in enumerate(row):
            ws.cell(row=first_row + r, column=c + 1, value=v)
    P.add_share_chart(ws, first_row, "H60", "Peluang nomor 1")
    path = tmp_path / "chart.xlsx"
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/charts/chart1.xml").decode()
    r0 = first_row + P.SHARE_OFFSET
    assert f"$B${r0}:$B${r0 + P.SHARE_ROWS - 1}" in xml
    assert f"$A${r0}:$A${r0 + P.SHARE_ROWS - 1}" in xml
    assert 'barDir val="bar"' in xml                 # horizontal bars
    assert 'formatCode="0%"' in xml
    assert 'orientation val="maxMin"' in xml         # highest share on top
