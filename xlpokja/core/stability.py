"""How sure is a weighted-sum ranking (MCUA)? The "stability panel".

Options i are scored on criteria k (scores s_ik: whole numbers, or means of several
raters); the weights w_k are used as entered (40/30/30, or raw 1-5), never normalised.
With S = sum of the weights:

* **Totals.** T_i = sum_k w_k * s_ik. Totals are compared after rounding to 9 decimals
  (``scales.round9``), so values equal after rounding are ties. Ranks are competition ranks
  (1, 2, 2, 4); ``first`` are the options at rank 1 (more than one = a tie), ``second`` the
  options at the next distinct total, ``margin`` = T_first - T_second (0 when first is tied)
  and ``margin_pct`` = margin / |T_first| * 100. The ranking is a *close call* when first is
  tied or margin_pct < 5 % (``close_pct``).

* **Weight change of one criterion.** Criterion k moves by d while the other weights are
  rescaled in proportion, so the sum stays S:
  w_k' = w_k + d and w_j' = w_j * (S - w_k - d) / (S - w_k) for j != k,
  with d in [-w_k, S - w_k] (no weight becomes negative). Every total is then a straight line
  in d: T_i(d) = T_i + d * a_ik with a_ik = s_ik - R_ik / (S - w_k), R_ik = sum_{j!=k} w_j s_ij.
  First place *changes* when an option i other than the first option t reaches it:
  T_i(d) >= T_t(d) (reaching a tie counts). For each i this happens exactly from
  d = (T_t - T_i) / (a_ik - a_tk) on, on the side given by the sign of a_ik - a_tk. We report,
  within the range, the smallest such d > 0 (``up``) and the negative d closest to 0
  (``down``), and the option that reaches first place there (the lowest index if several
  reach it at the same d; crossings within 1e-12 * S count as the same, since float inputs
  such as 0.1 or 13/3 blur equal crossings by ~1e-16). The crossings are screened in
  floating point and the few that can be the nearest are recomputed exactly (integer /
  ``fractions.Fraction`` arithmetic on the float inputs). As everywhere, a tie means equal
  after rounding to 9 decimals: an option that ties the first exactly at an end of the range
  (weight k at 0, or all the weight on k) reaches it there even when float inputs leave it
  1e-17 short. When S - w_k = 0 (all other weights are zero), rescaling cannot change the
  ranking: no change.
  When first place is already a tie the question is moot (a change at d = 0 says nothing):
  ``up``/``down`` are None and the ranking is a close call; run the tie round first.

* **One score +-1.** For every cell s_ik we try s_ik + 1 (only if <= hi) and s_ik - 1 (only if
  >= lo), one cell at a time. Only T_i changes, by +-w_k. Whenever the set of options at rank 1
  changes we record a ``ScoreFlip``; order: by option, criterion, delta (-1 before +1).

* **Share of first place (Monte Carlo).** p = w / S. We draw ``samples`` weight vectors from a
  Dirichlet distribution with alpha_k = concentration * p_k over the criteria with p_k > 0
  (criteria with weight 0 stay 0): on average the agreed weights, spread the less the higher
  the concentration. The standard library draws them: ``random.Random(seed)``, and per
  sample one ``gammavariate(alpha_k, 1.0)`` per criterion (in criterion order), divided by
  their sum (a sample whose draws all underflow to 0, possible only for tiny alphas, takes
  the agreed weights). No numpy, so that Hitung runs in LibreOffice's bundled Python (no
  numpy, no pip); and a seed gives the same shares everywhere: ``random.Random``'s Mersenne
  Twister stream for an integer seed is stable across Python versions, and
  ``gammavariate``'s algorithm has not changed since Python 3.8. For each sample the totals
  are computed with the sampled weights scaled back to S and rounded half-up to 9 decimals;
  the m options tied first share that sample (1/m each). ``first_share[i]`` is the fraction
  of samples won by option i (exact, then rounded once); the shares sum to 1.
  The totals of a sample are summed criterion by criterion in a fixed order, so identical
  rows get identical totals and an option dominated by another can never beat it through
  float noise.

All totals (T_i, and those of the samples) are summed criterion by criterion, left to right.
Pure Python (standard library only): no numpy, no Excel library, no pandas.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from operator import add, index

from xlpokja.core.scales import competition_rank, round9

CLOSE_PCT = 5.0
# Float screening band for the exact crossing check: candidates within this many units of S
# of the nearest float crossing (or of a range end) are recomputed exactly.
_SCREEN_TOL = 1e-7
# Crossings closer than this (times S) count as the same d (lowest option index wins).
_SAME_D = 1e-12


@dataclass(frozen=True)
class WeightChange:
    """Smallest change d of one criterion's weight that changes first place."""

    criterion: int           # k
    weight: float            # w_k as entered
    down: float | None       # the negative d nearest 0 (new weight w_k + d); None: none in range
    down_option: int | None  # the option that reaches first place at ``down``
    up: float | None         # the smallest positive d; None: none in range
    up_option: int | None

    @property
    def smallest(self) -> float | None:
        """``down`` or ``up``, whichever has the smaller |d| (``down`` wins an exact tie)."""
        if self.down is None:
            return self.up
        if self.up is None or -self.down <= self.up:
            return self.down
        return self.up

    @property
    def smallest_option(self) -> int | None:
        s = self.smallest
        if s is None:
            return None
        return self.down_option if s == self.down else self.up_option


@dataclass(frozen=True)
class ScoreFlip:
    """One score moved by +-1 that changes the set of options at rank 1."""

    option: int
    criterion: int
    delta: int                 # +1 or -1
    new_first: tuple[int, ...]  # options at rank 1 after the change


@dataclass(frozen=True)
class Stability:
    n: int                          # options ranked (rows passed in)
    first: tuple[int, ...]          # indices at rank 1 (more than one = tie)
    second: tuple[int, ...]         # indices at the next distinct total (empty if none)
    margin: float | None            # T_first - T_second (0 when first is tied; None if < 2)
    margin_pct: float | None        # margin / |T_first| * 100 (None if T_first == 0 / no margin)
    close_call: bool                # margin_pct < close_pct or first tied
    weight_changes: list[WeightChange]
    critical: int | None            # criterion with the smallest |d| (None if none)
    score_flips: list[ScoreFlip]
    first_share: tuple[float, ...]  # n values: fraction of samples in which i is first
    samples: int
    seed: int
    concentration: float
    totals: tuple[float, ...] = ()  # T_i rounded to 9 decimals (for the panel's text)


# ============================================================================ input checks


def _inputs(weights: Sequence[float],
            scores: Sequence[Sequence[float]]) -> tuple[list[float], list[list[float]]]:
    """The weights (K floats) and the score rows (N rows of K floats), checked."""
    try:
        w = [float(x) for x in weights]
    except (TypeError, ValueError):
        raise ValueError("weights must be a non-empty list of numbers") from None
    if not w:
        raise ValueError("weights must be a non-empty list of numbers, got none")
    if not all(math.isfinite(x) for x in w) or any(x < 0 for x in w) or not any(x > 0 for x in w):
        raise ValueError("weights must be finite, >= 0, with at least one > 0")
    try:
        s = [[float(x) for x in row] for row in scores]
    except (TypeError, ValueError):
        raise ValueError(f"scores must be rows of {len(w)} numbers") from None
    if all(not row for row in s):  # no score at all: no options
        s = []
    if any(len(row) != len(w) for row in s):
        raise ValueError(f"scores must be rows of {len(w)} numbers, got rows of "
                         f"{sorted({len(row) for row in s})}")
    if any(math.isnan(x) for row in s for x in row):
        raise ValueError("scores must be complete (NaN found)")
    if not all(math.isfinite(x) for row in s for x in row):
        raise ValueError("scores must be finite")
    return w, s


def _sum(values: Sequence[float]) -> float:
    """Left to right, one rounding per addition (not ``sum``, whose float algorithm changed
    in Python 3.12)."""
    t = 0.0
    for x in values:
        t += x
    return t


def _total(row: Sequence[float], w: Sequence[float]) -> float:
    """sum_k w_k * s_k, criterion by criterion in order."""
    t = 0.0
    for a, b in zip(row, w):
        t += a * b
    return t


# ============================================================================ ranking


def _first_second(t9: Sequence[float]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    ranks = competition_rank(t9)
    first = tuple(i for i, r in enumerate(ranks) if r == 1)
    if not first:
        return (), ()
    below = [v for v in t9 if v < t9[first[0]]]
    if not below:
        return first, ()
    v2 = max(below)
    return first, tuple(i for i, v in enumerate(t9) if v == v2)


# ============================================================================ weight changes


def _exponent(values: Sequence[float]) -> int:
    """The smallest e >= 0 such that every value times 2**e is an integer."""
    # the denominator of a finite float is a power of two
    return max((x.as_integer_ratio()[1].bit_length() - 1 for x in values), default=0)


def _scaled(x: float, e: int) -> int:
    num, den = x.as_integer_ratio()
    return num << (e - (den.bit_length() - 1))


def _div(g: float, b: float) -> float:
    """g / b as IEEE division gives it: +-inf for g != 0, b == 0, nan for 0 / 0."""
    if b != 0 or math.isnan(b):
        return g / b
    if g == 0 or math.isnan(g):
        return math.nan
    return math.copysign(math.inf, g) * math.copysign(1.0, b)


def _weight_changes(w: list[float], s: list[list[float]], t_float: list[float],
                    t: int | None) -> list[WeightChange]:
    """Nearest crossings per criterion for the unique first option ``t`` (None: no answer)."""
    n, k_count = len(s), len(w)
    S = _sum(w)
    none = [WeightChange(k, w[k], None, None, None, None) for k in range(k_count)]
    if t is None or n < 2:
        return none
    tol = _SCREEN_TOL * S
    same = Fraction(_SAME_D * S)

    # --- exact arithmetic ------------------------------------------------------------------
    # Every float is m * 2**-e exactly; with one power of two for the weights and one for
    # the scores, all inputs become Python integers and the crossing is one exact fraction:
    #   d = G * A' / (D * 2**ew), G = T'_t - T'_i, A' = S' - W_k,
    #   D = (Sc_ik - Sc_tk) * A' - (R'_i - R'_t), R'_i = T'_i - W_k * Sc_ik,
    # where primes are values scaled by 2**ew (weights) and 2**(ew + es) (totals).
    ew, es = _exponent(w), _exponent([x for row in s for x in row])
    W = [_scaled(x, ew) for x in w]
    SI = sum(W)
    rows: dict[int, tuple[list[int], int]] = {}

    def row(i: int) -> tuple[list[int], int]:
        if i not in rows:
            sc = [_scaled(x, es) for x in s[i]]
            rows[i] = sc, sum(wj * sj for wj, sj in zip(W, sc))
        return rows[i]

    def exact_d(i: int, k: int) -> Fraction | None:
        (si, ti), (st, tt) = row(i), row(t)
        room = SI - W[k]
        den = (si[k] - st[k]) * room - ((ti - W[k] * si[k]) - (tt - W[k] * st[k]))
        if den == 0:
            return None
        return Fraction((tt - ti) * room, den << ew)

    def end_total(i: int, k: int, up: bool) -> float:
        """T_i at the range end, exact then rounded once: up = all weight on k (S * s_ik);
        down = weight k at 0, the others scaled by S / (S - w_k) (R_i * S / (S - w_k))."""
        si, ti = row(i)
        if up:
            return float(Fraction(SI * si[k], 1 << (ew + es)))
        return float(Fraction((ti - W[k] * si[k]) * SI, (SI - W[k]) << (ew + es)))

    def nearest(k: int, up: bool) -> tuple[float | None, int | None]:
        # Who has reached the first by the end of the range? Totals at the end are compared
        # on 9 decimals like everywhere else (an exact tie of the true values, blurred by
        # float inputs such as 0.1 or 13/3, still counts); far from a tie the floats decide.
        room, wk = S - w[k], w[k]                  # room left for the others
        end_f = room if up else -wk
        if up:
            t_end = [S * r[k] for r in s]
        else:
            f = S / room                           # R_i = T_i - w_k s_ik: totals without k
            t_end = [(t_float[i] - s[i][k] * wk) * f for i in range(n)]
        lim = 1e-6 * max(1.0, abs(t_end[t]))
        cand = []
        for i in range(n):
            if i == t:
                continue
            gap = t_end[t] - t_end[i]
            if abs(gap) <= lim:
                if round9(end_total(i, k, up)) >= round9(end_total(t, k, up)):
                    cand.append(i)
            elif gap < 0:
                cand.append(i)
        if not cand:
            return None, None
        # --- float screening: the crossing d_ik = g_i / b_ik of each candidate, with the
        # slope a_ik = s_ik - R_ik / (S - w_k) of T_i(d), b_ik = a_ik - a_tk, g_i = T_t - T_i
        a_t = s[t][k] - (t_float[t] - s[t][k] * wk) / room
        approx = []
        for i in cand:
            d = _div(t_float[t] - t_float[i], (s[i][k] - (t_float[i] - s[i][k] * wk) / room) - a_t)
            on_side = math.isfinite(d) and ((d > -tol) if up else (d < tol))
            approx.append(min(abs(d), abs(end_f)) if on_side else abs(end_f))
        # then the few that can be nearest exactly
        end_x = Fraction(SI - W[k], 1 << ew) if up else Fraction(W[k], 1 << ew)  # |end|
        seen: list[tuple[Fraction, int]] = []
        for j in sorted(range(len(cand)), key=lambda j: (approx[j], cand[j])):
            i = cand[j]
            if seen and approx[j] > float(min(seen)[0]) + tol:
                break                                # all further ones are farther away
            dx = exact_d(i, k)
            if dx is not None and (dx > 0 if up else dx < 0):
                seen.append((min(abs(dx), end_x), i))
            else:
                seen.append((end_x, i))              # reached at the end through rounding
        mag = min(seen)[0]
        # "the same d": crossings that differ only by float noise of the inputs (0.1, 13/3)
        opt = min(i for m, i in seen if m - mag <= same)
        return (float(mag) if up else -float(mag)), opt

    out = []
    for k in range(k_count):
        if SI == W[k] or S - w[k] <= 0:              # all other weights are zero
            out.append(none[k])
            continue
        dn, dn_i = nearest(k, up=False) if w[k] > 0 else (None, None)
        upd, up_i = nearest(k, up=True)
        out.append(WeightChange(k, w[k], dn, dn_i, upd, up_i))
    return out


# ============================================================================ score flips


def _score_flips(w: list[float], s: list[list[float]], t_float: list[float], t9: list[float],
                 first: tuple[int, ...], second: tuple[int, ...], lo: float,
                 hi: float) -> list[ScoreFlip]:
    n = len(s)
    if n < 2:
        return []
    first_set = set(first)
    top = t9[first[0]]
    v2 = t9[second[0]] if second else -math.inf
    # For option i: the best total among the *other* options and who holds it.
    other_max = [top] * n
    other_top = [first_set - {i} for i in range(n)]
    if len(first) == 1:
        other_max[first[0]] = v2
        other_top[first[0]] = set(second)
    out = []
    for i in range(n):                    # by option, criterion, delta (-1 before +1)
        # The three outcomes for option i (new T_i above / equal to / below the others'
        # best) and the set at rank 1 each gives; only T_i moves.
        outcomes = ({i}, other_top[i] | {i}, other_top[i])
        flips_if = [o != first_set for o in outcomes]
        om = other_max[i]
        lim = 1e-6 * max(1.0, abs(om))
        for k, wk in enumerate(w):
            if not wk > 0:
                continue
            for delta in (-1.0, 1.0):
                new_score = s[i][k] + delta
                if not (new_score >= lo and new_score <= hi):
                    continue
                new_total = t_float[i] + delta * wk
                # Compare on 9-decimal rounding; far from the others' best a float comparison
                # decides.
                diff = new_total - om
                if abs(diff) <= lim:
                    diff = round9(new_total) - om
                outcome = 0 if diff > 0 else 1 if diff == 0 else 2
                if flips_if[outcome]:
                    out.append(ScoreFlip(i, k, int(delta), tuple(sorted(outcomes[outcome]))))
    return out


# ============================================================================ Monte Carlo


def sample_weights(weights: Sequence[float], samples: int, seed: int,
                   concentration: float) -> list[list[float]]:
    """``samples`` Dirichlet weight vectors (K values each) around the agreed weights, each
    summing to S; criteria with weight 0 stay 0."""
    cols = _sampled(tuple(float(x) for x in weights), samples, seed, concentration)
    return [list(r) for r in zip(*cols)]


@lru_cache(maxsize=8)
def _sampled(w: tuple[float, ...], samples: int, seed: int,
             concentration: float) -> tuple[tuple[float, ...], ...]:
    """The sampled weights of each criterion (K tuples of ``samples`` values), drawn sample
    by sample. Cached: the panels of one workbook (groups, sub-sectors) share their weights,
    hence the draws."""
    S = _sum(w)
    p = [x / S for x in w]
    pos = [k for k, x in enumerate(p) if x > 0]
    alphas = [concentration * p[k] for k in pos]
    agreed = [p[k] for k in pos]
    gamma = random.Random(seed).gammavariate
    cols: list[list[float]] = [[] for _ in pos]
    appends = [c.append for c in cols]
    for _ in range(samples):
        g = [gamma(a, 1.0) for a in alphas]
        G = _sum(g)
        # every gamma draw can underflow to 0 (tiny alphas only): the agreed weights
        x = [v / G for v in g] if G > 0 and math.isfinite(G) else agreed
        for append, v in zip(appends, x):
            append(v * S)
    out = [(0.0,) * samples] * len(w)
    for k, c in zip(pos, cols):
        out[k] = tuple(c)
    return tuple(out)


def _floor(x: float) -> float:
    return float(math.floor(x)) if math.isfinite(x) else x


def _first_rows(w: list[float], s: list[list[float]], samples: int, seed: int,
                concentration: float) -> list[list[bool]]:
    """For each option: is it at rank 1 (alone or tied) in each sample."""
    if not s:
        return []
    sampled = _sampled(tuple(w), samples, seed, concentration)
    pos = [k for k in range(len(w)) if w[k] > 0]
    cols = [sampled[k] for k in pos]                # the sampled weights of each criterion
    products: dict[tuple[int, float], list[float]] = {}  # (criterion, score): s * w per sample
    by_row: dict[tuple[float, ...], list[float]] = {}    # identical rows: one list of totals
    totals = []
    for r in s:
        key = tuple(r[k] for k in pos)
        tot = by_row.get(key)
        if tot is None:
            # fixed order, criterion by criterion: monotone, so identical rows get identical
            # totals and a dominated option never gets a higher one
            acc: Iterator[float] = iter(())
            for c, v in enumerate(key):
                prod = products.get((c, v))
                if prod is None:
                    prod = products[c, v] = [v * x for x in cols[c]]
                acc = iter(prod) if c == 0 else map(add, acc, prod)  # summed lazily, in order
            tot = by_row[key] = list(acc)
        totals.append(tot)
    best = totals[0] if len(totals) == 1 else list(map(max, *totals))
    # Half-up to 9 decimals is floor(x * 1e9 + 0.5): monotone, so the rounded maximum is
    # the rounding of the maximum, and x ties it iff x * 1e9 + 0.5 >= that integer.
    tops = [_floor(x * 1e9 + 0.5) for x in best]
    flags: dict[int, list[bool]] = {}
    out = []
    for tot in totals:
        f = flags.get(id(tot))
        if f is None:
            f = flags[id(tot)] = [x * 1e9 + 0.5 >= top for x, top in zip(tot, tops)]
        out.append(f)
    return out


def first_matrix(weights: Sequence[float], scores: Sequence[Sequence[float]], *,
                 samples: int = 2000, seed: int = 12345,
                 concentration: float = 100.0) -> list[list[bool]]:
    """N rows of ``samples`` booleans: option i is at rank 1 (alone or tied) in sample j."""
    w, s = _inputs(weights, scores)
    _check_mc(samples, concentration, seed)
    return [list(r) for r in _first_rows(w, s, samples, seed, concentration)]


def _check_mc(samples: int, concentration: float, seed: int) -> None:
    if samples < 1:
        raise ValueError("samples must be >= 1")
    if not concentration > 0:
        raise ValueError("concentration must be > 0")
    if not 0 <= index(seed) < 2**32:
        raise ValueError("seed must be between 0 and 2**32 - 1")


def _first_share(w: list[float], s: list[list[float]], samples: int, seed: int,
                 concentration: float) -> tuple[float, ...]:
    top = _first_rows(w, s, samples, seed, concentration)
    if not top:
        return ()
    m = [sum(col) for col in zip(*top)]          # options tied first in each sample
    shares = []
    for r in top:                                # each sample shared equally by its m
        won = Counter(mj for f, mj in zip(r, m) if f)
        shares.append(float(sum((Fraction(c, mj) for mj, c in won.items()), Fraction(0))
                            / samples))
    return tuple(shares)


# ============================================================================ entry point


def stability(weights: Sequence[float], scores: Sequence[Sequence[float]], *, lo: float,
              hi: float, samples: int = 2000, seed: int = 12345, concentration: float = 100.0,
              close_pct: float = CLOSE_PCT) -> Stability:
    """The stability panel of the ranking of ``scores`` (N rows of K) under ``weights`` (K).

    ``lo``/``hi`` bound the score scale for the +-1 flips. Raises ValueError on invalid
    weights (negative, all zero, not finite), on NaN scores or mismatched shapes.
    """
    w, s = _inputs(weights, scores)
    _check_mc(samples, concentration, seed)
    n = len(s)
    t_float = [_total(r, w) for r in s]
    t9 = [round9(x) for x in t_float]
    first, second = _first_second(t9)

    margin = margin_pct = None
    close = False
    if n >= 2:
        tied_first = len(first) > 1
        margin = 0.0 if tied_first or not second else round9(t9[first[0]] - t9[second[0]])
        top = t9[first[0]]
        margin_pct = None if top == 0 else margin / abs(top) * 100
        close = tied_first or (margin_pct is not None and margin_pct < close_pct)

    t = first[0] if len(first) == 1 else None
    changes = _weight_changes(w, s, t_float, t)
    smallest = [(abs(c.smallest), c.criterion) for c in changes if c.smallest is not None]
    critical = min(smallest)[1] if smallest else None

    return Stability(
        n=n, first=first, second=second, margin=margin, margin_pct=margin_pct,
        close_call=close, weight_changes=changes, critical=critical,
        score_flips=_score_flips(w, s, t_float, t9, first, second, lo, hi),
        first_share=_first_share(w, s, samples, seed, concentration),
        samples=int(samples), seed=int(seed), concentration=float(concentration),
        totals=tuple(t9))
