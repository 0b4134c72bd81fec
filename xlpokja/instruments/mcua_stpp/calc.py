"""STPP MCUA (K5): three groups score their proposed actions; ranks per group; tie rounds.

The plenary agrees criteria and weights (locked, decisions.md §16); the groups Teknis,
Finansial and Manajemen (P3O) each score the proposed actions of their aspect, one row
per rater; a rater's row counts only when every criterion is validly scored (blank is not
zero). Per action and criterion the mean over the counted rows is taken, and its spread
(max − min) shown; Total = Σ w_k × mean_k, raw (decisions.md §15); competition ranks
within the group (decisions.md §17). Ties are settled only by a tie round (*putaran
seri*): the tied actions are re-scored with the same criteria and weights, and the round's
ranks become sub-ranks. Rounds apply in order; a round whose actions are no longer a
tied block is outdated and ignored (reported).

Pure Python (standard library) and the core only; layout.py maps items to cells.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from xlpokja.core import mcua
from xlpokja.core.problems import ERROR, WARNING, Problem, show_found
from xlpokja.core.scales import round9, xl_eq, xl_key

GROUPS = ("Teknis", "Finansial", "Manajemen (P3O)")
GROUP_KEYS = {g.casefold(): n for n, g in enumerate(GROUPS)}
ROUND_USED, ROUND_OUTDATED, ROUND_INCOMPLETE = "dipakai", "kedaluwarsa", "belum lengkap"
NOTE_TIE, NOTE_ROUND = "SAMA", " (putaran seri)"
NOTE_NO_GROUP, NOTE_NOT_SCORED, NOTE_NO_WEIGHTS = (
    "kelompok tidak dikenal", "belum dinilai lengkap", "bobot belum sah")
#: characters SUMIFS/COUNTIFS read as operators or wildcards in a criterion
_CRITERIA_CHARS = ("*", "?", "~")
_CRITERIA_HEADS = ("<", ">", "=")


code_key = xl_key  # codes are matched as Excel's "=" matches them


def group_index(v: Any) -> int | None:
    return GROUP_KEYS.get(mcua.key(v)) if not mcua.is_blank(v) else None


xl_equal = xl_eq  # Excel's "=" on two cells (core/scales.py)


@dataclass
class Sheet:
    """One group's scoring sheet: a row per rater × action."""

    codes: list[Any]
    raters: list[Any]
    scores: mcua.ScoreRows  # used criteria only
    complete: list[bool]  # rows that count: not blank, every used criterion validly scored


@dataclass
class Round:
    number: Any
    group: Any
    codes: list[Any]
    rows: list[int]  # indices into the round table
    totals: list[float | None]
    subranks: list[int | None]
    status: str = ROUND_INCOMPLETE


@dataclass
class Stpp:
    """Everything computed for the workbook."""

    codes: list[Any]
    groups: list[int | None]
    texts: list[Any]
    weights: mcua.Weights
    used: list[int]  # criterion columns in use (index into the criteria table)
    w: tuple[float, ...]  # weights of the used criteria
    scale: tuple[int, int]
    n_raters: list[int | None]  # complete rater rows per action (None: no code/group)
    means: list[list[float]]  # n rows of len(used), nan where none
    spread: list[list[float]]  # n rows of len(used), nan where < 2 raters
    totals: list[float | None]
    ranks: list[int | None]
    subranks: list[int | None]
    final: list[int | None]
    rounds: list[Round]
    round_rows_status: list[str]  # per row of the round table
    round_totals: list[float | None]
    round_subranks: list[int | None]
    round_complete: list[bool]
    problems: list[Problem] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.codes)

    def pct(self, i: int) -> float | None:
        return mcua.normalised(self.totals[i], self.weights, self.scale[1])

    def tied(self, i: int) -> bool:
        if self.final[i] is None:
            return False
        return any(j != i and self.groups[j] == self.groups[i] and self.final[j] == self.final[i]
                   for j in range(self.n))

    def note(self, i: int) -> str:
        if mcua.is_blank(self.codes[i]):
            return ""
        if self.groups[i] is None:
            return NOTE_NO_GROUP
        if not self.n_raters[i]:
            return NOTE_NOT_SCORED
        if self.totals[i] is None:
            return NOTE_NO_WEIGHTS
        return (NOTE_TIE if self.tied(i) else "") + (
            NOTE_ROUND if self.subranks[i] is not None else "")

    def order(self, g: int) -> list[int]:
        """Actions of group g with a total, in final order (ties by row)."""
        ix = [i for i in range(self.n) if self.groups[i] == g and self.final[i] is not None]
        return sorted(ix, key=lambda i: (self.final[i], i))


def _first_index(codes: Sequence[Any]) -> dict[tuple[str, Any], int]:
    out: dict[tuple[str, Any], int] = {}
    for i, c in enumerate(codes):
        if not mcua.is_blank(c):
            out.setdefault(code_key(c), i)
    return out


def compute(codes: Sequence[Any], groups_raw: Sequence[Any], texts: Sequence[Any],
            weights: mcua.Weights, used: list[int], scale: tuple[int, int],
            sheets: Sequence[Sheet], round_table: Sequence[tuple[Any, Any, Any]],
            round_scores: mcua.ScoreRows, round_complete: Sequence[bool],
            locate: Callable[[str, int, int], tuple[str, str]],
            extra: Sequence[Problem] = ()) -> Stpp:
    """``locate(kind, i, j)`` for kinds: code, group, text, sheet_code:<g>, round_code,
    round_group, round_no."""
    problems: list[Problem] = list(extra)
    n, k = len(codes), len(used)
    groups = [group_index(g) for g in groups_raw]
    first = _first_index(codes)
    for i, (c, g, t) in enumerate(zip(codes, groups_raw, texts)):
        if mcua.is_blank(c):
            if not (mcua.is_blank(t) and mcua.is_blank(g)):
                problems.append(Problem("USULAN_TANPA_KODE", *locate("code", i, 0),
                                        "kode usulan (mis. T1)", "kosong"))
            continue
        ct = mcua.text(c)
        if ct.startswith(_CRITERIA_HEADS) or any(ch in ct for ch in _CRITERIA_CHARS):
            problems.append(Problem("KODE_USULAN_TIDAK_SAH", *locate("code", i, 0),
                                    "huruf dan angka saja (tanpa < > = * ? ~)", show_found(c)))
        if first[code_key(c)] != i:
            problems.append(Problem("KODE_GANDA", *locate("code", i, 0),
                                    "kode usulan yang unik", show_found(c)))
        if groups[i] is None:
            problems.append(Problem("KELOMPOK_TIDAK_DIKENAL", *locate("group", i, 0),
                                    " / ".join(GROUPS),
                                    "kosong" if mcua.is_blank(g) else show_found(g)))
    # per action: complete rater rows of its own group's sheet
    sums = [[0.0] * k for _ in range(n)]
    cnt = [0] * n
    mx = [[-math.inf] * k for _ in range(n)]
    mn = [[math.inf] * k for _ in range(n)]
    for gi, sh in enumerate(sheets):
        comp = sh.complete
        seen: dict[tuple[str, object], int] = {}  # (action, rater) -> first row
        for r, c in enumerate(sh.codes):
            if not mcua.is_blank(c) and not mcua.is_blank(sh.raters[r]):
                key = (code_key(c), xl_key(sh.raters[r]))
                if key in seen:  # counted twice in the mean: named, not dropped
                    problems.append(Problem(
                        "PENILAI_GANDA", *locate(f"sheet_rater:{gi}", r, 0),
                        "satu baris per penilai per usulan",
                        f"{show_found(sh.raters[r])} sudah menilai {show_found(c)} di baris "
                        f"{locate(f'sheet_rater:{gi}', seen[key], 0)[1]}", WARNING))
                else:
                    seen[key] = r
        for r, c in enumerate(sh.codes):
            if mcua.is_blank(c):
                if sh.scores.filled[r] or not mcua.is_blank(sh.raters[r]):
                    problems.append(Problem("SKOR_TANPA_USULAN", *locate(f"sheet_code:{gi}", r, 0),
                                            "kode usulan", "kosong", ERROR))
                continue
            owner = first.get(code_key(c))
            if owner is None:
                problems.append(Problem("USULAN_TIDAK_DIKENAL", *locate(f"sheet_code:{gi}", r, 0),
                                        "kode dari sheet Usulan", show_found(c)))
                continue
            if groups[owner] != gi:
                problems.append(Problem("USULAN_KELOMPOK_LAIN", *locate(f"sheet_code:{gi}", r, 0),
                                        f"usulan kelompok {GROUPS[gi]}",
                                        f"{show_found(c)} milik kelompok "
                                        f"{mcua.text(groups_raw[owner]) or '?'}"))
                continue
            if not comp[r]:
                continue
            vals = sh.scores.values[r]
            for i in range(n):  # every action with this code (duplicates share the sums)
                if groups[i] == gi and not mcua.is_blank(codes[i]) \
                        and code_key(codes[i]) == code_key(c):
                    sums[i] = [a + v for a, v in zip(sums[i], vals)]
                    cnt[i] += 1
                    mx[i] = [max(a, v) for a, v in zip(mx[i], vals)]
                    mn[i] = [min(a, v) for a, v in zip(mn[i], vals)]
    n_raters: list[int | None] = [None if mcua.is_blank(codes[i]) or groups[i] is None
                                  else int(cnt[i]) for i in range(n)]
    means = [[x / cnt[i] for x in sums[i]] if cnt[i] > 0 else [math.nan] * k
             for i in range(n)]
    spread = [[a - b for a, b in zip(mx[i], mn[i])] if cnt[i] > 1 else [math.nan] * k
              for i in range(n)]
    w = tuple(float(weights.values[u] or 0.0) for u in range(len(used)))
    totals: list[float | None] = []
    for i in range(n):
        if n_raters[i] and weights.ok and k:
            # summed left to right, as Excel's SUM of the B×N cells
            totals.append(round9(sum(w[j] * means[i][j] for j in range(k))))
        else:
            totals.append(None)
    ranks = mcua.ranks(totals, groups)
    for i in range(n):
        if n_raters[i] == 0:
            problems.append(Problem("USULAN_BELUM_DINILAI", *locate("code", i, 0),
                                    "paling sedikit satu baris penilai yang lengkap",
                                    "tidak ada", WARNING))
    # ------------------------------------------------------------ tie rounds
    rounds, row_status, rtotals, rsub, rcomplete = _rounds(
        codes, groups, ranks, weights, w, round_table, round_scores, round_complete, locate,
        problems)
    subranks: list[int | None] = [None] * n
    final: list[int | None] = list(ranks)
    sub_sum = [0] * n
    for rd in rounds:
        if rd.status != ROUND_USED:
            continue
        for code, s in zip(rd.codes, rd.subranks):
            for i in range(n):
                if not mcua.is_blank(codes[i]) and code_key(codes[i]) == code_key(code) \
                        and groups[i] == group_index(rd.group) and s is not None:
                    sub_sum[i] += s - 1
                    subranks[i] = sub_sum[i] + 1
    for i in range(n):
        if subranks[i] is not None and ranks[i] is not None:
            final[i] = ranks[i] + subranks[i] - 1
    return Stpp(list(codes), groups, list(texts), weights, used, w, scale, n_raters, means,
                spread, totals, ranks, subranks, final, rounds, row_status, rtotals, rsub,
                rcomplete, problems)


def _blocks(codes: Sequence[Any], groups: Sequence[int | None], key_of: Sequence[Any]
            ) -> list[set[tuple[str, Any]]]:
    """Tied blocks: action codes (keys) of one group sharing the same ordering key."""
    by: dict[tuple[int, Any], set[tuple[str, Any]]] = {}
    for i, (c, g, kv) in enumerate(zip(codes, groups, key_of)):
        if g is None or kv is None or mcua.is_blank(c):
            continue
        by.setdefault((g, kv), set()).add(code_key(c))
    return [s for s in by.values() if len(s) > 1]


def _rounds(codes: Sequence[Any], groups: Sequence[int | None], ranks: Sequence[int | None],
            weights: mcua.Weights, w: Sequence[float], table: Sequence[tuple[Any, Any, Any]],
            scores: mcua.ScoreRows, comp: Sequence[bool],
            locate: Callable[[str, int, int], tuple[str, str]], problems: list[Problem]
            ) -> tuple[list[Round], list[str], list[float | None], list[int | None], list[Any]]:
    """Group the round table by round number and decide which rounds apply."""
    n_rows = len(table)
    rtotals: list[float | None] = []
    for r in range(n_rows):
        rtotals.append(round9(sum(w[j] * scores.values[r][j] for j in range(len(w))))
                       if comp[r] and weights.ok else None)
    by_no: dict[Any, list[int]] = {}
    for r, (no, g, c) in enumerate(table):
        if mcua.is_blank(no) and mcua.is_blank(c) and mcua.is_blank(g):
            if scores.filled[r]:
                problems.append(Problem("SKOR_TANPA_USULAN", *locate("round_code", r, 0),
                                        "kode usulan", "kosong"))
            continue
        by_no.setdefault(mcua.text(no), []).append(r)
    rsub: list[int | None] = [None] * n_rows
    for rows in by_no.values():
        for r in rows:
            if rtotals[r] is not None:
                rsub[r] = 1 + sum(1 for q in rows if rtotals[q] is not None
                                  and rtotals[q] > rtotals[r])
    # current ordering key per action: (rank, accumulated sub-rank); rounds apply in order
    key_of: list[Any] = [None if r is None else (r,) for r in ranks]
    row_status = [""] * n_rows
    out: list[Round] = []

    def num(v: Any) -> tuple[int, Any]:
        return (0, float(v)) if mcua.is_number(v) else (1, mcua.text(v))

    for no in sorted(by_no, key=lambda t: num(_raw_no(table, by_no[t]))):
        rows = by_no[no]
        g = table[rows[0]][1]
        rd = Round(_raw_no(table, rows), g, [table[r][2] for r in rows], rows,
                   [rtotals[r] for r in rows], [rsub[r] for r in rows])
        gi = group_index(g)
        for r in rows:  # the group each row of the round names: one known group
            gr = table[r][1]
            if group_index(gr) is None or (gi is not None and group_index(gr) != gi):
                problems.append(Problem("KELOMPOK_TIDAK_DIKENAL", *locate("round_group", r, 0),
                                        " / ".join(GROUPS) + " (sama untuk satu putaran)",
                                        "kosong" if mcua.is_blank(gr) else show_found(gr)))
        keys = {code_key(c) for c in rd.codes if not mcua.is_blank(c)}
        blocks = _blocks(codes, groups, key_of)
        if any(rtotals[r] is None for r in rows) or gi is None:
            rd.status = ROUND_INCOMPLETE
        elif not any(keys == b for b in blocks) or len(keys) != len(rows):
            rd.status = ROUND_OUTDATED
            problems.append(Problem("PUTARAN_KEDALUWARSA", *locate("round_no", rows[0], 0),
                                    "usulan yang masih seri", "usulan lain / tidak seri lagi",
                                    WARNING))
        else:
            rd.status = ROUND_USED
            sub = {code_key(c): s for c, s in zip(rd.codes, rd.subranks)}
            for i, c in enumerate(codes):
                if groups[i] == gi and not mcua.is_blank(c) and code_key(c) in sub \
                        and key_of[i] is not None:
                    key_of[i] = key_of[i] + (sub[code_key(c)],)
        for r in rows:
            row_status[r] = rd.status
        out.append(rd)
    return out, row_status, rtotals, rsub, list(comp)


def _raw_no(table: Sequence[tuple[Any, Any, Any]], rows: list[int]) -> Any:
    return table[rows[0]][0]


def open_ties(res: Stpp) -> list[tuple[int, list[int]]]:
    """Blocks still tied after the rounds: (group, action indices), best first."""
    out = []
    for g in range(len(GROUPS)):
        by: dict[int, list[int]] = {}
        for i in res.order(g):
            by.setdefault(res.final[i], []).append(i)
        out += [(g, ix) for _, ix in sorted(by.items()) if len(ix) > 1]
    return out
