"""Pairwise comparison of issues and tie rounds (K6 Matriks Pemeringkatan, mode B).

The facilitator compares every pair of issues once: in the upper triangle of an N×N
matrix, cell (i, j) with j > i holds the number (No) of the winner, i or j. Issue i's
value is its number of wins; the number of comparisons is N_a(N_a − 1)/2 over the N_a
issues that have a name. The ranking exists only when every comparison is made
(decisions.md §18): an incomplete matrix names no isu utama.

The lower triangle is a check copy: a filled lower cell must equal its upper cell,
otherwise the pair is contradictory (PASANGAN_BERTENTANGAN) and counts for nobody.

Tie rounds (*putaran seri*, "Ulangi proses jika terdapat isu yang mempunyai nilai
sama"): when several issues share rank 1 of the chosen ranking (the tie set T), a round
compares every pair of T once more. Hitung applies the latest complete round whose issue
set still equals T: its wins give each tied issue a sub-rank, and the final order is
rank + sub-rank − 1. A round whose issues are no longer T is outdated (reported); a round
that is itself tied leaves the tie, and the facilitator runs another round.

Every rule here mirrors, cell for cell, a native formula of the workbook (Excel's ``=``:
text never equals a number, text comparisons ignore case, a blank cell equals "" and 0),
so that Excel, LibreOffice, the headless engines and this core give the same values.

Pure: no Excel library.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from xlpokja.core.problems import WARNING, Problem, show_found
from xlpokja.core.scales import competition_rank, is_blank, tied
from xlpokja.core.scales import is_num as _is_num
from xlpokja.core.scales import xl_eq as _xl_eq
from xlpokja.core.scales import xl_text as _xl_text

STATUS_COMPLETE = "lengkap"
STATUS_NO_ISSUES = "belum ada isu"
ROUND_USED, ROUND_OUTDATED, ROUND_INCOMPLETE, ROUND_REPLACED = (
    "dipakai", "kedaluwarsa", "belum lengkap", "digantikan")
CHECK_EMPTY, CHECK_OK = "belum diisi", "OK"

Locate = Callable[[int, int], tuple[str, str]]


# ============================================================== Excel's "=" on cells


# the shared Excel comparisons (core/scales.py)
xl_blank, is_num, xl_eq = is_blank, _is_num, _xl_eq


def trim_blank(v: Any) -> bool:
    """``TRIM(x)=""``: blank, or text made of spaces only."""
    return v is None or (isinstance(v, str) and v.strip(" ") == "")


xl_text = _xl_text


def is_no(v: Any, no: int) -> bool:
    """The cell holds the number ``no`` (text "3" is not 3)."""
    return is_num(v) and float(v) == no


# ======================================================================== the matrix


@dataclass
class Pairwise:
    """The matrix as the workbook computes it (issue i = row/column i, No = i + 1)."""

    n: int
    active: list[bool]  # the issue has a name
    wins: list[int | None]  # None: no name
    decided: list[int | None]  # decided comparisons the issue takes part in
    required: int  # N_a(N_a − 1)/2
    filled: int  # decided comparisons
    ranks: list[int | None]  # only when complete
    ties: list[bool]
    entries: int  # non-blank matrix cells
    problems: list[Problem] = field(default_factory=list)

    @property
    def n_active(self) -> int:
        return sum(self.active)

    @property
    def complete(self) -> bool:
        return self.n_active >= 1 and self.filled == self.required

    @property
    def missing(self) -> int:
        return self.required - self.filled

    @property
    def status(self) -> str:
        if self.n_active == 0:
            return STATUS_NO_ISSUES
        if self.complete:
            return STATUS_COMPLETE
        return f"belum lengkap: {self.missing} perbandingan kurang"


def compare(cells: Sequence[Sequence[Any]], active: Sequence[bool], locate: Locate,
            status_cell: tuple[str, str] | None = None,
            report_incomplete: bool = True) -> Pairwise:
    """Read the N×N matrix ``cells`` (``cells[i][j]``: row of issue i, column of issue j).

    ``locate(i, j)`` gives the (sheet, cell) of matrix cell (i, j); ``status_cell`` the
    cell where an incomplete matrix is reported (when ``report_incomplete``).
    """
    n = len(active)
    act = [bool(a) for a in active]
    problems: list[Problem] = []
    wins: list[int] = [0] * n
    decided: list[int] = [0] * n
    entries = 0

    def cell(i: int, j: int) -> Any:
        row = cells[i] if i < len(cells) else ()
        return row[j] if j < len(row) else None

    for i in range(n):
        d = cell(i, i)
        if not xl_blank(d):
            entries += 1
            problems.append(Problem("PASANGAN_DIAGONAL", *locate(i, i), "kosong",
                                    show_found(d), WARNING))
    for i in range(n):
        for j in range(i + 1, n):
            u, lo = cell(i, j), cell(j, i)
            entries += (not xl_blank(u)) + (not xl_blank(lo))
            if not (act[i] and act[j]):
                for (a, b), v in (((i, j), u), ((j, i), lo)):
                    if not xl_blank(v):
                        empty = i + 1 if not act[i] else j + 1
                        problems.append(Problem(
                            "PASANGAN_ISU_KOSONG", *locate(a, b),
                            f"kosong (isu {empty} belum bernama)", show_found(v), WARNING))
                continue
            u_ok = is_no(u, i + 1) or is_no(u, j + 1)
            pair = f"{i + 1} atau {j + 1}"
            if not xl_blank(u) and not u_ok:
                problems.append(Problem("PASANGAN_TIDAK_SAH", *locate(i, j), pair,
                                        show_found(u)))
            agrees = xl_blank(lo) or (u_ok and xl_eq(lo, u))
            if not agrees:
                upper = locate(i, j)[1]
                shown = "kosong" if xl_blank(u) else show_found(u)
                problems.append(Problem("PASANGAN_BERTENTANGAN", *locate(j, i),
                                        f"kosong atau sama dengan {upper} ({shown})",
                                        show_found(lo)))
            if u_ok and agrees:
                decided[i] += 1
                decided[j] += 1
                wins[i if is_no(u, i + 1) else j] += 1
    n_act = sum(act)
    required = n_act * (n_act - 1) // 2
    filled = sum(d for d, a in zip(decided, act) if a) // 2
    res = Pairwise(n, act, [w if a else None for w, a in zip(wins, act)],
                   [d if a else None for d, a in zip(decided, act)], required, filled,
                   [None] * n, [False] * n, entries, problems)
    if res.complete:
        vals = [float(w) if a else None for w, a in zip(wins, act)]
        res.ranks = competition_rank(vals)
        res.ties = tied(vals)
    elif report_incomplete and n_act >= 2 and status_cell is not None:
        problems.append(Problem("PASANGAN_BELUM_LENGKAP", *status_cell,
                                f"{required} perbandingan (N(N−1)/2, N = {n_act})",
                                f"{filled} terisi, {required - filled} kurang", WARNING))
    return res


# ========================================================================= tie rounds


@dataclass
class RoundRow:
    """One pair of a tie round, computed as the Putaran sheet computes it."""

    number: Any  # Putaran (round number)
    a: Any  # Isu A (No)
    b: Any  # Isu B (No)
    winner: Any  # Pemenang (No)
    in_tie: int = 0  # both issues are in the current tie set (and differ)
    dup: int = 0  # the pair occurs twice in its round
    set_ok: int = 0  # the round's issues are exactly the current tie set
    complete: int = 0  # every pair of the round has a valid winner
    usable: Any = 0  # the round number when set_ok and complete, else 0
    wins_a: Any = None
    wins_b: Any = None
    check: str = ""
    status: str = ""

    @property
    def blank(self) -> bool:
        return xl_blank(self.number)


@dataclass
class Rounds:
    rows: list[RoundRow]
    applied: float  # round number applied (0: none)
    tie_size: int
    wins: list[int | None]  # per issue: wins in the applied round (tied issues only)
    subranks: list[int | None]
    problems: list[Problem] = field(default_factory=list)

    def round_numbers(self) -> list[Any]:
        """Distinct round numbers, in order of first appearance."""
        out: list[Any] = []
        for r in self.rows:
            if not r.blank and not any(xl_eq(r.number, x) for x in out):
                out.append(r.number)
        return out

    def rows_of(self, number: Any) -> list[int]:
        return [q for q, r in enumerate(self.rows) if not r.blank and xl_eq(r.number, number)]


def _in_range(v: Any, n: int) -> bool:
    return is_num(v) and 1 <= v <= n and float(v).is_integer()


def tie_rounds(table: Sequence[Sequence[Any]], tie_flags: Sequence[int], locate: Locate,
               names: Sequence[Any] | None = None) -> Rounds:
    """Compute the Putaran table.

    ``table`` rows are (Putaran, Isu A, Isu B, Pemenang) as entered; ``tie_flags[i]`` is
    1 when issue i (No i + 1) is in the current tie set at rank 1 (the set has at least
    two issues), else 0. ``locate(q, col)`` gives the cell of row q, column col (0-based:
    0 Putaran .. 3 Pemenang).
    """
    n = len(tie_flags)
    t = int(sum(tie_flags))
    rows = [RoundRow(*(list(r) + [None] * 4)[:4]) for r in table]
    problems: list[Problem] = []
    for r in rows:
        if r.blank:
            continue
        if _in_range(r.a, n) and _in_range(r.b, n):
            r.in_tie = int(tie_flags[int(r.a) - 1] * tie_flags[int(r.b) - 1]
                           * (not xl_eq(r.a, r.b)))
        same = 0
        for s in rows:
            if xl_eq(s.number, r.number):
                same += (xl_eq(s.a, r.a) * xl_eq(s.b, r.b)) + (xl_eq(s.a, r.b) * xl_eq(s.b, r.a))
        r.dup = int(same > 1)

    def valid_winner(s: RoundRow) -> int:
        return (xl_eq(s.winner, s.a) + xl_eq(s.winner, s.b)) * (not xl_blank(s.winner))

    for r in rows:
        if r.blank:
            continue
        mine = [s for s in rows if xl_eq(s.number, r.number)]
        cnt = len(mine)
        r.set_ok = int(cnt == sum(s.in_tie for s in mine) and sum(s.dup for s in mine) == 0
                       and t > 1 and cnt == t * (t - 1) / 2)
        r.complete = int(sum(valid_winner(s) for s in mine) == cnt)
        r.usable = r.number if (r.set_ok and r.complete) else 0
        for attr, who in (("wins_a", r.a), ("wins_b", r.b)):
            setattr(r, attr, sum(xl_eq(s.winner, who) * (xl_eq(s.winner, s.a)
                                                         + xl_eq(s.winner, s.b))
                                 for s in mine))
        if xl_blank(r.winner):
            r.check = CHECK_EMPTY
        elif xl_eq(r.winner, r.a) or xl_eq(r.winner, r.b):
            r.check = CHECK_OK
        else:
            r.check = f"harus {xl_text(r.a)} atau {xl_text(r.b)}"
    nums = [r.usable for r in rows if is_num(r.usable)]
    applied = float(max(nums)) if nums else 0.0
    if applied == 0:
        applied = 0.0
    for r in rows:
        if r.blank:
            continue
        if applied > 0 and xl_eq(r.number, applied):
            r.status = ROUND_USED
        elif not r.set_ok:
            r.status = ROUND_OUTDATED
        elif not r.complete:
            r.status = ROUND_INCOMPLETE
        else:
            r.status = ROUND_REPLACED

    wins: list[int | None] = [None] * n
    if applied > 0:
        for i in range(n):
            if tie_flags[i] == 1:
                wins[i] = sum(xl_eq(s.number, applied) * xl_eq(s.winner, i + 1)
                              * (xl_eq(s.winner, s.a) + xl_eq(s.winner, s.b)) for s in rows)
    subranks = competition_rank([None if w is None else float(w) for w in wins])
    res = Rounds(rows, applied, t, wins, subranks, problems)

    # ------------------------------------------------------------------- problems
    tie_set = [i + 1 for i in range(n) if tie_flags[i] == 1]
    for q, r in enumerate(rows):
        if not r.blank and not xl_blank(r.winner) and r.check != CHECK_OK:
            problems.append(Problem("SERI_PEMENANG_TIDAK_SAH", *locate(q, 3),
                                    f"{xl_text(r.a)} atau {xl_text(r.b)}",
                                    show_found(r.winner)))
    for number in res.round_numbers():
        qs = res.rows_of(number)
        first = rows[qs[0]]
        issues = sorted({xl_text(v) for q in qs for v in (rows[q].a, rows[q].b)},
                        key=lambda s: (len(s), s))
        nums = {float(v) for q in qs for v in (rows[q].a, rows[q].b) if is_num(v)}
        if first.status == ROUND_OUTDATED and len(tie_set) > 1 and nums == set(
                map(float, tie_set)):
            need = len(tie_set) * (len(tie_set) - 1) // 2
            problems.append(Problem("SERI_PASANGAN_GANDA", *locate(qs[0], 0),
                                    f"{need} pasangan berbeda dari isu "
                                    f"{', '.join(map(str, tie_set))}, masing-masing sekali",
                                    f"{len(qs)} baris pasangan (putaran {xl_text(number)})",
                                    WARNING))
        elif first.status == ROUND_OUTDATED:
            now = (f"isu {', '.join(map(str, tie_set))} sama di peringkat 1" if len(tie_set) > 1
                   else "tidak ada isu yang sama di peringkat 1")
            problems.append(Problem("PUTARAN_KEDALUWARSA", *locate(qs[0], 0),
                                    f"isu {', '.join(issues)} (putaran {xl_text(number)})",
                                    now, WARNING))
        elif first.status == ROUND_INCOMPLETE:
            done = sum(valid_winner(rows[q]) > 0 for q in qs)
            problems.append(Problem("SERI_BELUM_LENGKAP", *locate(qs[0], 3),
                                    f"pemenang di setiap pasangan putaran {xl_text(number)}",
                                    f"{done} dari {len(qs)} pasangan terisi", WARNING))
    return res


def round_pairs(tie_set: Sequence[int]) -> list[tuple[int, int]]:
    """Every pair of the tied issues (their numbers), each once, in order."""
    s = sorted(tie_set)
    return [(a, b) for k, a in enumerate(s) for b in s[k + 1:]]
