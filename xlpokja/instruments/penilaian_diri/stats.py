"""Statistics of the questionnaire's answers (issue 13, item 5): Cronbach's α per component,
listwise and pairwise; corrected item–total correlations; straight-lining.

Computed from what the core already validated: :attr:`calc.Answers.values` (n rows of 36,
``None`` = blank or invalid) and the rows the missing-answer policy uses
(:attr:`calc.Tabulation.used`, decisions.md §11). Answers per item (valid, blank, invalid)
are the tabulation's own (:attr:`calc.Tabulation.items`, ``blanks``, ``invalid``), not
recomputed here.

Definitions (k = items of the component, C = their covariance matrix, divisor n − 1):

* α = k/(k−1) · (1 − trace(C) / ΣC), as pingouin's ``cronbach_alpha`` computes it.
  *Listwise*: C from the rows that answered every item of the component (pingouin
  ``nan_policy='listwise'``, R psych ``use="complete.obs"``). *Pairwise*: each covariance
  from the rows that answered both items (pandas ``DataFrame.cov()``, pingouin
  ``nan_policy='pairwise'``); its n is the smallest number of rows of any pair.
* corrected item–total correlation of item j: Pearson r of item j with the sum of the
  other items of its component, on the component's listwise rows.

Every sum is taken over whole numbers (the answers are 0–5), so the figures are exact up
to the final division: α is a ratio of integers, r = integer / √integer. A figure that is
undefined is ``None`` (blank on the sheet), never NaN: α when k < 2, when fewer than 2 rows
enter (listwise) or some pair has fewer than 2 rows (pairwise), or when the total variance
ΣC is 0 (or, pairwise, negative: a pairwise C need not be a covariance matrix of any data);
r when fewer than 2 rows enter or the item or the rest sum does not vary.

Plain Python (no numpy): the Hitung button runs this inside LibreOffice's own Python. Each
pair of items of a component is cross-tabulated once (how many rows gave each pair of answers,
blank included, split by whether the row answered the whole component): the answers are
one byte a row, so the table is one C-speed ``Counter`` over the bytes of a few big-integer
shifts, and every sum above follows from its at most 98 cells. 10,000 respondents take
about 0.1 s in CPython.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import sqrt

from xlpokja.instruments.penilaian_diri import calc as q

#: a validated answer (or None) -> its code: 0 missing, v + 1 for the answer v (3.0 from a
#: spreadsheet is the key 3: equal numbers hash alike)
_CODE = {None: 0, **{v: v + 1 for v in q.SCALE}}
_ANSWERED = bytes([0] + [1] * 255)  # code -> 1 when answered (bytes.translate table)


@dataclass(frozen=True)
class ItemStatistics:
    """One item: its corrected item–total correlation (None when undefined) and ``n``, the
    rows it was computed from (the component's listwise rows)."""

    key: str
    item_total_r: float | None
    n: int


@dataclass(frozen=True)
class ComponentStatistics:
    """One component: Cronbach's α both ways with the rows each used, and its items.

    ``n_listwise``: rows used that answered all ``k`` items. ``n_pairwise_min``: the
    smallest number of rows that answered both items of a pair (None when k < 2)."""

    key: str
    k: int
    alpha_listwise: float | None
    n_listwise: int
    alpha_pairwise: float | None
    n_pairwise_min: int | None
    items: tuple[ItemStatistics, ...]


@dataclass(frozen=True)
class StraightLining:
    """Rows used with all 36 items answered validly (``eligible`` of them) that gave the
    same answer to every item: their indices into the answer rows (0-based, in order) and
    the one answer each gave."""

    rows: tuple[int, ...]
    values: tuple[int, ...]
    eligible: int

    @property
    def count(self) -> int:
        return len(self.rows)


@dataclass(frozen=True)
class Statistics:
    """The questionnaire's statistics: per component (keys A–F, in order) and
    straight-lining; ``n_used`` rows entered (``Tabulation.sheets_used``)."""

    components: dict[str, ComponentStatistics]
    straight_lining: StraightLining
    n_used: int


def _alpha(k: int, trace: Fraction | int, total: Fraction | int) -> float | None:
    """k/(k−1)·(1 − trace/total), None when k < 2 or total ≤ 0."""
    if k < 2 or total <= 0:
        return None
    return float(Fraction(k, k - 1) * (1 - Fraction(trace) / Fraction(total)))


@dataclass
class _Sums:
    """Whole-number sums over the rows that answered both items i and j: n, Σx_i, Σx_j,
    Σx_i·x_j."""

    n: int = 0
    si: int = 0
    sj: int = 0
    sij: int = 0

    def add(self, count: int, xi: int, xj: int) -> None:
        self.n += count
        self.si += count * xi
        self.sj += count * xj
        self.sij += count * xi * xj

    def scatter(self) -> int:
        """n·Σx_i x_j − Σx_i·Σx_j = n(n−1)·cov(i, j)."""
        return self.n * self.sij - self.si * self.sj

    def cov(self) -> Fraction:
        return Fraction(self.scatter(), self.n * (self.n - 1))


def _crosstab(complete: int, ci: int, cj: int, n: int) -> tuple[_Sums, _Sums]:
    """(pairwise, listwise) sums of items i and j from their cross-tabulation.

    ``ci``, ``cj``: the items' codes over the rows (one byte each, 0 = missing, v + 1 = the
    answer v), as big-endian integers; ``complete`` likewise 1 where the row answered every
    item of the component. Each byte of (complete·64 + ci·8 + cj) names a row's cell of
    the 2×7×7 table: one C-speed count gives every sum (the bytes never carry: < 128)."""
    table = Counter(((complete << 6) | (ci << 3) | cj).to_bytes(n, "big"))
    pair, full = _Sums(), _Sums()
    for cell, count in table.items():
        a, b = (cell >> 3) & 7, cell & 7
        if a and b:
            pair.add(count, a - 1, b - 1)
            if cell >> 6:
                full.add(count, a - 1, b - 1)
    return pair, full


def component_statistics(key: str, keys: Sequence[str], columns: Sequence[Sequence[object]]
                         ) -> ComponentStatistics:
    """Statistics of one component from its items' answer columns (each a sequence over the
    rows used of a validated answer 0–5 or None); ``keys`` names the items. Raises
    KeyError on a value outside 0–5 (the core validates answers first), ValueError for more
    than 255 items (a row's count of answers is one byte)."""
    k = len(columns)
    if k > 255:
        raise ValueError(f"at most 255 items in a component (got {k})")
    n = len(columns[0]) if k else 0
    codes = [bytes(list(map(_CODE.__getitem__, c))) for c in columns]
    big = [int.from_bytes(c, "big") for c in codes]
    answered = sum(int.from_bytes(c.translate(_ANSWERED), "big") for c in codes)
    # the bytes of ``answered`` count each row's answers (≤ k < 256: no carry); k -> 1
    complete = int.from_bytes(answered.to_bytes(n, "big").translate(
        bytes(1 if b == k else 0 for b in range(256))), "big")
    pair: dict[tuple[int, int], _Sums] = {}
    full: dict[tuple[int, int], _Sums] = {}
    for i in range(k):
        for j in range(i, k):
            pair[i, j], full[i, j] = _crosstab(complete, big[i], big[j], n)
    # listwise: s[i][j] = n(n−1)·cov(i, j), whole numbers with one common factor
    n_l = full[0, 0].n if k else 0
    s = [[full[min(i, j), max(i, j)].scatter() for j in range(k)] for i in range(k)]
    trace = sum(s[i][i] for i in range(k))
    row = [sum(r) for r in s]
    total = sum(row)
    alpha_l = _alpha(k, trace, total) if n_l >= 2 else None
    items = []
    for j in range(k):
        # item j against the rest: cov = Σ_{i≠j} s_ij; var(rest) = total − 2·row_j + s_jj
        rest = total - 2 * row[j] + s[j][j]
        r = None
        if n_l >= 2 and s[j][j] > 0 and rest > 0:
            r = (row[j] - s[j][j]) / sqrt(s[j][j] * rest)
            r = max(-1.0, min(1.0, r))  # the last bit of the square root, never beyond ±1
        items.append(ItemStatistics(keys[j], r, n_l))
    # pairwise: each covariance over the rows that answered both items
    alpha_p = n_p = None
    if k >= 2:
        n_p = min(pair[i, j].n for i in range(k) for j in range(i + 1, k))
        if min(p.n for p in pair.values()) >= 2:
            cov = {ij: p.cov() for ij, p in pair.items()}
            trace_p = sum(cov[i, i] for i in range(k))
            total_p = trace_p + 2 * sum(v for (i, j), v in cov.items() if i != j)
            alpha_p = _alpha(k, trace_p, total_p)
    return ComponentStatistics(key, k, alpha_l, n_l, alpha_p, n_p, tuple(items))


def straight_lining(values: Sequence[Sequence[object]], used: Sequence[int]) -> StraightLining:
    """Rows used, all 36 answered validly, every answer the same (:class:`StraightLining`)."""
    m = len(q.ITEM_KEYS)
    rows, same, eligible = [], [], 0
    for i, (row, u) in enumerate(zip(values, used)):
        if not u or None in row:
            continue
        eligible += 1
        if row.count(row[0]) == m:
            rows.append(i)
            same.append(int(row[0]))
    return StraightLining(tuple(rows), tuple(same), eligible)


def statistics(values: Sequence[Sequence[object]], used: Sequence[int]) -> Statistics:
    """The questionnaire's statistics.

    ``values``: n rows of 36 validated answers (0–5, None = blank or invalid), as in
    :attr:`calc.Answers.values`; ``used``: n flags (1 = the row counts under the
    missing-answer policy), as in :attr:`calc.Tabulation.used`. Only rows used enter.
    """
    if len(values) != len(used):
        raise ValueError(f"values has {len(values)} rows, used {len(used)}")
    rows = [r for r, u in zip(values, used) if u]
    m = len(q.ITEM_KEYS)
    columns: list[Sequence[object]] = list(zip(*rows)) if rows else [()] * m
    comps = {}
    for c in q.COMPONENTS:
        sl = q.COMPONENT_SLICES[c.key]
        comps[c.key] = component_statistics(c.key, q.ITEM_KEYS[sl], columns[sl])
    return Statistics(comps, straight_lining(values, used), len(rows))
