"""MCUA: weighted criteria scores, as the Pokja fills the paper matrix (K5, K6, K7).

Total_i = Σ_k w_k · s_ik with weights and scores exactly as entered: no per-column
normalisation (it can change the winner, ``domain-anchors.md`` §1.3) and no silent
rescaling of weights (decisions.md §3, §15). Ranks are competition ranks on totals
rounded to 9 decimals; ties are reported, never broken here (decisions.md §2).

Weights come in two kinds (decisions.md §15):

* ``Persen``: numbers that must sum to 100 (e.g. 40/30/30); totals are on the scale
  "100 × score" (the K5 example gives 270);
* ``Mentah``: any non-negative numbers (the field practice "bobot 1–5 × nilai");
  the normalised total (÷ Σw ÷ the top of the scale) is shown beside the raw one.

Pure Python: the standard library and the core only (Hitung also runs in LibreOffice's
bundled Python, which has no numpy). ``locate(kind, index)`` maps an item to its
``(sheet, cell)`` so that problems name the cell the user must fix.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

from xlpokja.core.problems import WARNING, Problem, format_number, show_found
from xlpokja.core.scales import EXCEL_ERRORS, classify_int, competition_rank, expected_text, round9

PERSEN, MENTAH = "Persen", "Mentah"
WEIGHT_KINDS = (PERSEN, MENTAH)
STATUS_OK = "OK"
STATUS_INVALID = "ada bobot kosong, bukan angka atau negatif"
STATUS_NOT_100 = "jumlah bobot bukan 100"
STATUS_ALL_ZERO = "semua bobot nol"
STATUS_NO_CRITERIA = "belum ada kriteria"
#: supported score scales: lowest 0 or 1, highest 2..10 (the native validity formulas
#: test the values 0..10 one by one, so a scale must lie inside them)
SCALE_LOWS = (0, 1)
SCALE_HIGHS = tuple(range(2, 11))
DEFAULT_SCALE = (1, 5)

Locate = Callable[[str, int], tuple[str, str]]


def is_blank(v: Any) -> bool:
    """An empty cell, as Excel's ``A1=""`` sees it: a cell holding spaces is not empty (it is
    a text, named where a value is expected), as in :func:`xlpokja.core.scales.is_blank`."""
    return v is None or v == ""


def is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def text(v: Any) -> str:
    """A cell shown in a message or a list: whole floats without ``.0``."""
    if v is None:
        return ""
    if isinstance(v, bool):  # as Excel's & shows it
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def key(v: Any) -> str:
    """How Excel's ``=`` compares two labels: case-insensitive, trimmed here."""
    return text(v).casefold()


@dataclass(frozen=True)
class Weights:
    """The criteria and their weights as entered, checked."""

    names: list[Any]
    values: list[float | None]  # None where blank or not a usable number
    kind: str
    status: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == STATUS_OK

    @property
    def total(self) -> float | None:
        nums = [v for v in self.values if v is not None]
        return float(sum(nums)) if nums else None

    def array(self) -> list[float]:
        """The weights as floats, 0.0 where blank or not usable."""
        return [0.0 if v is None else float(v) for v in self.values]


def check_weights(names: Sequence[Any], raw: Sequence[Any], kind: Any,
                  locate: Locate) -> Weights:
    """Check the criteria table: ``names[k]`` and ``raw[k]`` for every criterion row.

    The caller passes the rows the table covers; rows blank in both columns are
    dropped by the caller. ``kind`` is the setting (``Persen``/``Mentah``; other
    values fall back to ``Persen`` with a problem).
    """
    problems: list[Problem] = []
    spaces = isinstance(kind, str) and kind != "" and not kind.strip()  # " " is not blank
    kind_s = text(kind).capitalize() if not is_blank(kind) else PERSEN
    if kind_s not in WEIGHT_KINDS or spaces:
        problems.append(Problem("PENGATURAN_TIDAK_SAH", *locate("kind", 0),
                                " atau ".join(WEIGHT_KINDS), show_found(kind)))
        kind_s = PERSEN
    values: list[float | None] = []
    bad = False
    seen: dict[str, int] = {}
    for k, (n, w) in enumerate(zip(names, raw)):
        if is_blank(n):
            problems.append(Problem("KRITERIA_KOSONG", *locate("name", k),
                                    "nama kriteria", "kosong (bobot " + show_found(w) + ")"))
        elif key(n) in seen:
            problems.append(Problem("KRITERIA_GANDA", *locate("name", k),
                                    "satu baris per kriteria", show_found(n)))
        else:
            seen[key(n)] = k
        if is_number(w) and w >= 0:
            values.append(float(w))
            if w == 0:
                problems.append(Problem("BOBOT_NOL", *locate("weight", k), "bobot > 0",
                                        "0", WARNING))
            continue
        values.append(None)
        bad = True
        found = "kosong" if is_blank(w) else show_found(w)
        problems.append(Problem("BOBOT_KRITERIA_TIDAK_SAH", *locate("weight", k),
                                "angka ≥ 0", found))
    if not names:
        status = STATUS_NO_CRITERIA
    elif bad or any(is_blank(n) for n in names) or len(seen) < len(names):
        status = STATUS_INVALID
    elif sum(v for v in values if v is not None) == 0:
        status = STATUS_ALL_ZERO
        problems.append(Problem("BOBOT_SEMUA_NOL", *locate("sum", 0), "> 0", "semua 0"))
    elif kind_s == PERSEN and abs(sum(v for v in values if v is not None) - 100) > 1e-9:
        status = STATUS_NOT_100
        problems.append(Problem("BOBOT_KRITERIA_TIDAK_100", *locate("sum", 0), "100",
                                format_number(sum(v for v in values if v is not None))))
    else:
        status = STATUS_OK
    return Weights(list(names), values, kind_s, status, problems)


def check_scale(lo: Any, hi: Any, locate: Locate) -> tuple[tuple[int, int], list[Problem]]:
    """The score scale setting (lowest, highest); invalid -> the default with a problem."""
    if (is_number(lo) and is_number(hi) and float(lo) in SCALE_LOWS
            and float(hi) in SCALE_HIGHS):
        return (int(lo), int(hi)), []
    exp = f"terendah {' atau '.join(map(str, SCALE_LOWS))}, tertinggi 2–10"
    # the cell that is wrong is named (the highest score's own cell when only it is wrong)
    bad_lo = not (is_number(lo) and float(lo) in SCALE_LOWS)
    bad_hi = not (is_number(hi) and float(hi) in SCALE_HIGHS)
    return DEFAULT_SCALE, [Problem("SKALA_TIDAK_SAH", *locate("scale", i), exp,
                                   f"{show_found(lo)}–{show_found(hi)}")
                           for i, bad in enumerate((bad_lo, bad_hi)) if bad]


@dataclass
class ScoreRows:
    """Score rows read from a sheet: values (nan = not usable) and per-row status."""

    values: list[list[float]]  # n rows of K floats, nan where blank or invalid
    filled: list[int]  # per row: cells not blank
    valid: list[int]  # per row: cells holding a valid score
    problems: list[Problem]

    @property
    def complete(self) -> list[bool]:
        """Rows with every criterion validly scored (the rows that count)."""
        k = len(self.values[0]) if self.values else 0
        return [v == k for v in self.valid] if k else [False] * len(self.valid)


def read_scores(rows: Sequence[Sequence[Any]], lo: int, hi: int,
                locate: Callable[[int, int], tuple[str, str]],
                skip: Sequence[bool] | None = None) -> ScoreRows:
    """Classify every score cell; a blank in a row that has other scores is a problem
    (blank is not zero); a wholly blank row is just not scored. ``skip[i]`` marks rows
    the caller ignores (e.g. no option named)."""
    n = len(rows)
    k = len(rows[0]) if n else 0
    values = [[math.nan] * k for _ in range(n)]
    filled = [0] * n
    valid = [0] * n
    problems: list[Problem] = []
    exp = expected_text(lo, hi).replace(" atau kosong", "")
    for i, row in enumerate(rows):
        blanks = []
        for j, v in enumerate(row):
            f, code = classify_int(v, lo, hi)
            if code is None:
                values[i][j] = f
                filled[i] += 1
                valid[i] += 1
            elif code == "":
                blanks.append(j)
            else:
                filled[i] += 1
                if not (skip is not None and skip[i]):
                    found = (show_found(v.strip()) if isinstance(v, str)
                             and v.strip() in EXCEL_ERRORS else show_found(v))
                    problems.append(Problem(code, *locate(i, j), exp, found))
        if filled[i] and blanks and not (skip is not None and skip[i]):
            for j in blanks:
                problems.append(Problem("SKOR_KOSONG", *locate(i, j), exp, "kosong"))
    return ScoreRows(values, filled, valid, problems)


def weighted_totals(weights: Sequence[float],
                    scores: Sequence[Sequence[float]]) -> list[float]:
    """Σ_k w_k · s_ik per row, raw, summed criterion by criterion in order; nan where a
    score is missing (and for rows without criteria)."""
    w = [float(x) for x in weights]
    out = []
    for row in scores:
        if not len(row):
            out.append(math.nan)
            continue
        t = 0.0
        for wk, sk in zip(w, row):
            t += wk * float(sk)
        out.append(t)
    return out


def normalised(total: float | None, weights: Weights, scale_max: int) -> float | None:
    """Total ÷ (Σ weights × top of the scale): 0–1, an extra column only (§15)."""
    t = weights.total
    if total is None or not t:
        return None
    return total / (t * scale_max)


def ranks(totals: Sequence[float | None],
          groups: Sequence[Hashable] | None = None) -> list[int | None]:
    """Competition ranks (1, 2, 2, 4) within groups; None where there is no total."""
    vals = [None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)
            for v in totals]
    return competition_rank(vals, groups)


def tie_sets(totals: Sequence[float | None],
             groups: Sequence[Hashable] | None = None) -> list[list[int]]:
    """Sets of indices sharing a (rounded) total within a group, best rank first."""
    keys = list(groups) if groups is not None else [None] * len(totals)
    by: dict[tuple[Hashable, float], list[int]] = {}
    for i, (g, v) in enumerate(zip(keys, totals)):
        if v is None or (isinstance(v, float) and math.isnan(v)):
            continue
        by.setdefault((g, round9(v)), []).append(i)
    sets = [ix for ix in by.values() if len(ix) > 1]
    order = {g: n for n, g in enumerate(dict.fromkeys(keys))}
    return sorted(sets, key=lambda ix: (order[keys[ix[0]]], -round9(totals[ix[0]]), ix[0]))
