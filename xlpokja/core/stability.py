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
  the concentration. ``numpy.random.RandomState(seed).dirichlet`` is used: the legacy stream
  is frozen across NumPy versions, so a seed gives the same result everywhere. For each
  sample the totals are computed with the sampled weights scaled back to S and rounded
  half-up to 9 decimals (vectorised); the m options tied first share that sample (1/m each).
  ``first_share[i]`` is the fraction of samples won by option i; the shares sum to 1.
  The totals of a sample are summed criterion by criterion in a fixed order (not with a BLAS
  matrix product), so identical rows get identical totals and an option dominated by another
  can never beat it through float noise.

Pure numpy: no Excel library, no pandas.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from xlpokja.core.scales import competition_rank, round9

CLOSE_PCT = 5.0
# Float screening band for the exact crossing check: candidates within this many units of S
# of the nearest float crossing (or of a range end) are recomputed exactly.
_SCREEN_TOL = 1e-7
# Crossings closer than this (times S) count as the same d (lowest option index wins).
_SAME_D = 1e-12
_CHUNK = 256  # samples per block of the Monte Carlo totals


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
    first_share: np.ndarray         # shape (n,): fraction of samples in which i is first
    samples: int
    seed: int
    concentration: float
    totals: tuple[float, ...] = ()  # T_i rounded to 9 decimals (for the panel's text)


# ============================================================================ input checks


def _inputs(weights: Sequence[float] | np.ndarray,
            scores: Sequence[Sequence[float]] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    w = np.asarray(weights, dtype=float)
    if w.ndim != 1 or w.size == 0:
        raise ValueError(f"weights must be a non-empty 1-D array, got shape {w.shape}")
    if not np.all(np.isfinite(w)) or np.any(w < 0) or not np.any(w > 0):
        raise ValueError("weights must be finite, >= 0, with at least one > 0")
    s = np.asarray(scores, dtype=float)
    if s.size == 0:
        s = s.reshape(0, w.size)
    if s.ndim != 2 or s.shape[1] != w.size:
        raise ValueError(f"scores must have shape (N, {w.size}), got {s.shape}")
    if np.any(np.isnan(s)):
        raise ValueError("scores must be complete (NaN found)")
    if not np.all(np.isfinite(s)):
        raise ValueError("scores must be finite")
    return w, s


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


def _weight_changes(w: np.ndarray, s: np.ndarray, t_float: np.ndarray,
                    t: int | None) -> list[WeightChange]:
    """Nearest crossings per criterion for the unique first option ``t`` (None: no answer)."""
    n, k_count = s.shape
    S = float(w.sum())
    none = [WeightChange(k, float(w[k]), None, None, None, None) for k in range(k_count)]
    if t is None or n < 2:
        return none

    # --- float screening: every crossing d_ik = g_i / b_ik at once ----------------------
    A = S - w                                        # (K,) room left for the others
    R = t_float[:, None] - s * w[None, :]            # (N, K) totals without criterion k
    with np.errstate(divide="ignore", invalid="ignore"):
        a = s - R / A[None, :]                       # slope of T_i(d)
        b = a - a[t][None, :]                        # slope of T_i(d) - T_t(d)
        g = t_float[t] - t_float                     # gap to the first, > 0 for i != t
        d = g[:, None] / b
    tol = _SCREEN_TOL * S
    same = Fraction(_SAME_D * S)

    # --- exact arithmetic ------------------------------------------------------------------
    # Every float is m * 2**-e exactly; with one power of two for the weights and one for
    # the scores, all inputs become Python integers and the crossing is one exact fraction:
    #   d = G * A' / (D * 2**ew), G = T'_t - T'_i, A' = S' - W_k,
    #   D = (Sc_ik - Sc_tk) * A' - (R'_i - R'_t), R'_i = T'_i - W_k * Sc_ik,
    # where primes are values scaled by 2**ew (weights) and 2**(ew + es) (totals).
    ew, es = _exponent(w.tolist()), _exponent(s.ravel().tolist())
    W = [_scaled(x, ew) for x in w.tolist()]
    SI = sum(W)
    rows: dict[int, tuple[list[int], int]] = {}

    def row(i: int) -> tuple[list[int], int]:
        if i not in rows:
            sc = [_scaled(x, es) for x in s[i].tolist()]
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
        end_f = float(A[k]) if up else -float(w[k])
        if up:
            t_end = S * s[:, k]
        else:
            t_end = R[:, k] * (S / A[k])
        gap_end = t_end[t] - t_end
        near = np.abs(gap_end) <= 1e-6 * max(1.0, abs(t_end[t]))
        reached = gap_end < 0
        for i in np.flatnonzero(near):
            reached[i] = round9(end_total(int(i), k, up)) >= round9(end_total(t, k, up))
        reached[t] = False
        cand = np.flatnonzero(reached)
        if cand.size == 0:
            return None, None
        # float estimate of each crossing, then the few that can be nearest exactly
        col = d[cand, k]
        on_side = np.isfinite(col) & ((col > -tol) if up else (col < tol))
        approx = np.where(on_side, np.minimum(np.abs(col), abs(end_f)), abs(end_f))
        end_x = Fraction(SI - W[k], 1 << ew) if up else Fraction(W[k], 1 << ew)  # |end|
        seen: list[tuple[Fraction, int]] = []
        for j in np.lexsort((cand, approx)):
            i = int(cand[j])
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
        if SI == W[k] or A[k] <= 0:                  # all other weights are zero
            out.append(none[k])
            continue
        dn, dn_i = nearest(k, up=False) if w[k] > 0 else (None, None)
        upd, up_i = nearest(k, up=True)
        out.append(WeightChange(k, float(w[k]), dn, dn_i, upd, up_i))
    return out


# ============================================================================ score flips


def _score_flips(w: np.ndarray, s: np.ndarray, t_float: np.ndarray, t9: list[float],
                 first: tuple[int, ...], second: tuple[int, ...], lo: float,
                 hi: float) -> list[ScoreFlip]:
    n = s.shape[0]
    if n < 2:
        return []
    first_set = set(first)
    top = t9[first[0]]
    v2 = t9[second[0]] if second else -np.inf
    # For option i: the best total among the *other* options and who holds it.
    other_max = np.full(n, top)
    other_top = [first_set - {i} for i in range(n)]
    if len(first) == 1:
        other_max[first[0]] = v2
        other_top[first[0]] = set(second)
    # The three outcomes for option i (new T_i above / equal to / below the others' best)
    # and the set at rank 1 each gives.
    outcomes = [({i}, other_top[i] | {i}, other_top[i]) for i in range(n)]
    flips_if = np.array([[o != first_set for o in out] for out in outcomes])  # (N, 3)

    delta = np.array([-1.0, 1.0])
    new_score = s[:, :, None] + delta                                   # (N, K, 2)
    ok = (new_score >= lo) & (new_score <= hi) & (w > 0)[None, :, None]
    new_total = t_float[:, None, None] + delta * w[None, :, None]       # only T_i moves
    om = other_max[:, None, None]
    # Compare on 9-decimal rounding; far from the others' best a float comparison decides.
    diff = np.sign(new_total - om)
    near = ok & (np.abs(new_total - om) <= 1e-6 * np.maximum(1.0, np.abs(om)))
    for i, k, j in zip(*np.nonzero(near)):
        diff[i, k, j] = np.sign(round9(new_total[i, k, j]) - other_max[i])
    outcome = np.where(diff > 0, 0, np.where(diff == 0, 1, 2))        # index into outcomes
    hit = ok & flips_if[np.arange(n)[:, None, None], outcome]
    # np.nonzero walks in C order: by option, criterion, delta (-1 before +1)
    return [ScoreFlip(int(i), int(k), int(delta[j]),
                      tuple(sorted(outcomes[i][outcome[i, k, j]])))
            for i, k, j in zip(*np.nonzero(hit))]


# ============================================================================ Monte Carlo


def sample_weights(weights: Sequence[float] | np.ndarray, samples: int, seed: int,
                   concentration: float) -> np.ndarray:
    """(samples, K) Dirichlet weight vectors around the agreed weights, each summing to S."""
    w = np.asarray(weights, dtype=float)
    S = float(w.sum())
    p = w / S
    pos = np.flatnonzero(p > 0)
    draw = np.random.RandomState(seed).dirichlet(concentration * p[pos], size=samples)
    # legacy Dirichlet gives NaN rows when every gamma draw underflows (tiny alphas only)
    bad = ~np.all(np.isfinite(draw), axis=1)
    if bad.any():
        draw[bad] = p[pos]
    out = np.zeros((samples, w.size))
    out[:, pos] = draw * S
    return out


def first_matrix(weights: Sequence[float] | np.ndarray,
                 scores: Sequence[Sequence[float]] | np.ndarray, *, samples: int = 2000,
                 seed: int = 12345, concentration: float = 100.0) -> np.ndarray:
    """(N, samples) booleans: option i is at rank 1 (alone or tied) in sample j."""
    w, s = _inputs(weights, scores)
    _check_mc(samples, concentration)
    ws = sample_weights(w, samples, seed, concentration)          # (samples, K)
    out = np.zeros((s.shape[0], samples), dtype=bool)
    if s.shape[0] == 0:
        return out
    pos = np.flatnonzero(w > 0)
    for c in range(0, samples, _CHUNK):             # chunks of samples stay in cache
        wc = ws[c:c + _CHUNK]
        tot = np.zeros((s.shape[0], wc.shape[0]))
        tmp = np.empty_like(tot)
        for k in pos:                               # fixed order: monotone, no BLAS noise
            np.multiply(s[:, k, None], wc[None, :, k], out=tmp)
            tot += tmp
        # Half-up to 9 decimals is floor(x * 1e9 + 0.5): monotone, so the rounded maximum is
        # the rounding of the maximum, and x ties it iff x * 1e9 + 0.5 >= that integer.
        top = np.floor(tot.max(axis=0) * 1e9 + 0.5)
        tot *= 1e9
        tot += 0.5
        np.greater_equal(tot, top[None, :], out=out[:, c:c + _CHUNK])
    return out


def _check_mc(samples: int, concentration: float) -> None:
    if samples < 1:
        raise ValueError("samples must be >= 1")
    if not concentration > 0:
        raise ValueError("concentration must be > 0")


def _first_share(w: np.ndarray, s: np.ndarray, samples: int, seed: int,
                 concentration: float) -> np.ndarray:
    if s.shape[0] == 0:
        return np.zeros(0)
    top = first_matrix(w, s, samples=samples, seed=seed, concentration=concentration)
    m = top.sum(axis=0)                           # options tied first in each sample
    return (1.0 / m) @ top.T / samples            # each sample shared equally by its m


# ============================================================================ entry point


def stability(weights: Sequence[float] | np.ndarray,
              scores: Sequence[Sequence[float]] | np.ndarray, *, lo: float, hi: float,
              samples: int = 2000, seed: int = 12345, concentration: float = 100.0,
              close_pct: float = CLOSE_PCT) -> Stability:
    """The stability panel of the ranking of ``scores`` (N, K) under ``weights`` (K,).

    ``lo``/``hi`` bound the score scale for the +-1 flips. Raises ValueError on invalid
    weights (negative, all zero, not finite), on NaN scores or mismatched shapes.
    """
    w, s = _inputs(weights, scores)
    _check_mc(samples, concentration)
    n = s.shape[0]
    t_float = s @ w if n else np.zeros(0)
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
