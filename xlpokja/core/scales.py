"""Whole-number score cells and competition ranks, shared by every instrument.

``classify_int`` decides what a raw cell holds (decisions.md §1, §4): blank is not
zero, text / fractions / out-of-scale values are problems, never silently read.
``competition_rank`` gives Excel's ``RANK.EQ`` ranks (1, 2, 2, 4) on values rounded
to 9 decimals, optionally within groups (decisions.md §2, §13).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Hashable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from xlpokja.core.values import XlDate

EXCEL_ERRORS = frozenset(
    ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
     "#SPILL!", "#CALC!"))


def is_blank(v: object) -> bool:
    """An empty cell (a cell holding spaces is not empty for Excel)."""
    return v is None or v == ""


def xl_key(v: object) -> tuple[str, object]:
    """Key of Excel's ``=`` on two cells: text case-insensitive and not trimmed, numbers by
    value, a text never equals a number (what MATCH, and SUMPRODUCT over ``=``, do)."""
    if is_blank(v):
        return ("", "")
    if isinstance(v, bool):
        return ("b", v)
    if isinstance(v, (int, float)):
        return ("n", float(v))
    return ("s", str(v).lower())


def is_num(v: object) -> bool:
    """A finite number (booleans are not numbers here, as in Excel's COUNT)."""
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def xl_eq(a: object, b: object) -> bool:
    """Excel's ``a=b`` on two cell values: a blank equals "", 0 and FALSE; text equals text
    ignoring case (no trimming); a number equals a number; text never equals a number."""
    if a is None and b is None:
        return True
    if a is None or b is None:
        other = b if a is None else a
        return other == "" or (is_num(other) and other == 0) or other is False
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, str) and isinstance(b, str):
        return a.casefold() == b.casefold()
    if is_num(a) and is_num(b):
        return float(a) == float(b)
    return False


def xl_text(v: object) -> str:
    """A value as Excel's ``&`` shows it (blank -> "")."""
    if is_blank(v):
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def expected_text(lo: int, hi: int) -> str:
    return f"bilangan bulat {lo}–{hi} atau kosong"


def classify_int(v: object, lo: int, hi: int) -> tuple[float, str | None]:
    """(value, problem code) of a raw cell on the whole-number scale lo..hi.

    Valid -> (value, None); blank -> (nan, ""); otherwise (nan, code) with code one of
    NILAI_DI_LUAR_SKALA, NILAI_BUKAN_BULAT, NILAI_BUKAN_ANGKA, NILAI_ERROR.
    """
    t = type(v)
    if t is float or t is int or t is XlDate:  # a date is the serial number Excel computes with
        f = float(v)  # type: ignore[arg-type]
        if not math.isfinite(f) or f < lo or f > hi:
            return math.nan, "NILAI_DI_LUAR_SKALA"
        if not f.is_integer():
            return math.nan, "NILAI_BUKAN_BULAT"
        return f, None
    if v is None or v == "":
        return math.nan, ""
    if isinstance(v, str) and v.strip() in EXCEL_ERRORS:
        return math.nan, "NILAI_ERROR"
    return math.nan, "NILAI_BUKAN_ANGKA"  # text, booleans, dates


def round9(x: float) -> float:
    """Half-up to 9 decimals (Excel's ROUND(x, 9)), so engines agree on float noise."""
    return float(Decimal(repr(float(x))).quantize(Decimal("1e-9"), rounding=ROUND_HALF_UP))


def competition_rank(values: Sequence[float | None],
                     groups: Sequence[Hashable] | None = None) -> list[int | None]:
    """Rank descending: 1 + number of values in the same group strictly greater.

    ``None`` values (not scored) get no rank and are not counted. Ties share a rank
    and are never broken by input order.
    """
    keys = list(groups) if groups is not None else [None] * len(values)
    rounded = [None if v is None else round9(v) for v in values]
    by_group: dict[Hashable, list[float]] = {}
    for g, v in zip(keys, rounded):
        if v is not None:
            by_group.setdefault(g, []).append(v)
    for vs in by_group.values():
        vs.sort()
    return [None if v is None else 1 + len(by_group[g]) - bisect.bisect_right(by_group[g], v)
            for g, v in zip(keys, rounded)]


def tied(values: Sequence[float | None], groups: Sequence[Hashable] | None = None) -> list[bool]:
    """True where another value of the same group has the same (rounded) value."""
    keys = list(groups) if groups is not None else [None] * len(values)
    seen: dict[tuple[Hashable, float], int] = {}
    rounded = [None if v is None else round9(v) for v in values]
    for g, v in zip(keys, rounded):
        if v is not None:
            seen[(g, v)] = seen.get((g, v), 0) + 1
    return [v is not None and seen[(g, v)] > 1 for g, v in zip(keys, rounded)]
