"""The whole ``matriks_pemeringkatan.xlsm`` from its raw inputs (K6 Matriks Pemeringkatan).

:func:`compute` joins the issues, the criteria and their weights, the scores, the pairwise
matrix, the tie rounds, the settings and the weights lock into a :class:`Result`: everything
the workbook computes, as the core computes it
(:mod:`~xlpokja.instruments.matriks_pemeringkatan.calc` and the shared cores), each problem
named by the sheet and cell of :mod:`~xlpokja.instruments.matriks_pemeringkatan.layout`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from xlpokja.core import mcua
from xlpokja.core.problems import ERROR, WARNING, Problem, show_found
from xlpokja.core.scales import classify_int, round9, tied, xl_eq
from xlpokja.core.stability import Stability, stability
from xlpokja.instruments.matriks_pemeringkatan import calc as pw
from xlpokja.instruments.matriks_pemeringkatan.layout import (
    BERPASANGAN,
    BP_STATUS,
    CHECK_DUP,
    CHECK_NO_NAME,
    CHECK_OK,
    CHECK_WEIGHT,
    DEFAULT_K,
    HASIL,
    I_GROUP,
    I_NAME,
    I_NOTE,
    ISU,
    K_SUM,
    KIND,
    KR_NAME,
    KR_ROW0,
    KR_WEIGHT,
    KRITERIA,
    LOCK_CHANGED,
    LOCK_NONE,
    LOCK_OK,
    LOCK_STATUS_CELL,
    LOCK_TIME_CELL,
    MODE,
    MODE_A,
    MODE_B,
    MODES,
    NOTE_NO_WEIGHTS,
    NOTE_NOT_SCORED,
    NOTE_TIE,
    PT_ROUND,
    PUTARAN,
    SCALE_HI,
    SCALE_LO,
    SK_CRIT0,
    SKOR,
    STATUS_CHANGED,
    TOP_K,
    L,
    Shape,
    bp_col,
    bp_row,
    crit_row,
    issue_row,
    pt_row,
    skor_row,
)


@dataclass
class Result:
    """Everything the workbook computes, as the core computes it."""

    shape: Shape
    names: list[Any]  # Isu!B raw
    groups: list[Any]
    notes: list[Any]
    active: list[bool]
    # ---- criteria (mode A)
    crit_names: list[Any]
    crit_weights: list[Any]
    crit_check: list[str]
    crit_keys: list[str]
    kind: str
    scale: tuple[int, int]
    weight_sum: float
    weight_status: str
    n_criteria: int
    named_cols: list[int]
    weights_obj: mcua.Weights
    scores: list[list[Any]]
    valid_counts: list[int]
    filled: list[int]
    totals: list[float | None]
    ranks_a: list[int | None]
    ties_a: list[bool]
    # ---- pairwise (mode B)
    pairs: pw.Pairwise
    # ---- choice, rounds, final order
    mode: str
    k: int
    base: list[int | None]
    tie_flags: list[int]
    rounds: pw.Rounds
    final: list[int | None]
    final_ties: list[bool]
    main: int | None
    shortlist: list[int]  # issue indices, by final order then number
    # ---- the weights lock
    lock_status: str = LOCK_NONE
    lock_time: Any = None
    settings_raw: list[Any] = field(default_factory=list)  # Jenis bobot, skala (as entered)
    stability: Stability | None = None
    stability_note: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        """No input error (warnings allowed): what ``recalc --strict`` checks."""
        return not any(p.severity == ERROR for p in self.problems)

    def display(self, i: int) -> Any:
        return "" if pw.trim_blank(self.names[i]) else self.names[i]

    def crit_display(self, k: int) -> Any:
        return "" if pw.trim_blank(self.crit_names[k]) else self.crit_names[k]

    def pct(self, i: int) -> float | None:
        t = self.totals[i]
        if t is None:
            return None
        return t / (self.weight_sum * self.scale[1])

    def skor_note(self, i: int) -> str:
        if not self.active[i]:
            return ""
        if self.totals[i] is not None:
            return NOTE_TIE if self.ties_a[i] else ""
        if self.weight_status != mcua.STATUS_OK:
            return NOTE_NO_WEIGHTS
        if self.filled[i] == 0:
            return NOTE_NOT_SCORED
        return f"{self.valid_counts[i]} dari {self.n_criteria} skor sah"

    def bp_note(self, i: int) -> str:
        return NOTE_TIE if self.pairs.ranks[i] is not None and self.pairs.ties[i] else ""

    @property
    def tie_count(self) -> int:
        return sum(1 for b in self.base if b == 1)

    def subrank(self, i: int) -> int | None:
        return self.rounds.subranks[i]

    def note(self, i: int) -> str:
        parts = []
        if self.final[i] is not None and self.final_ties[i]:
            parts.append(NOTE_TIE)
        if self.rounds.subranks[i] is not None:
            parts.append(f"sub-peringkat putaran {pw.xl_text(_round_no(self.rounds.applied))}")
        if self.active[i] and self.base[i] is None:
            parts.append("belum diperingkat")
        return "; ".join(parts)

    def sort_key(self, i: int) -> float | None:
        f = self.final[i]
        if f is None or f > self.k:
            return None
        return f * 1000 + (i + 1)

    @property
    def status(self) -> str:
        """Hasil!C7."""
        if self.main is not None:
            if self.rounds.applied > 0 and self.rounds.subranks[self.main] is not None:
                return f"ditetapkan lewat putaran seri {pw.xl_text(_round_no(self.rounds.applied))}"
            return f"ditetapkan (cara: {self.mode})"
        if all(b is None for b in self.base):
            if self.mode == MODE_B:
                return f"belum ada: matriks berpasangan {self.pairs.status}"
            return "belum ada: belum ada isu dengan skor lengkap dan bobot sah"
        n1 = sum(1 for f in self.final if f == 1)
        return f"SAMA di peringkat 1 ({n1} isu): tekan Putaran seri"


def _round_no(x: float) -> Any:
    return int(x) if float(x).is_integer() else x


def xl_trim(v: Any) -> str:
    """Excel's TRIM on a cell: spaces stripped and runs of spaces made single."""
    return " ".join(p for p in pw.xl_text(v).split(" ") if p)


def _criterion_checks(names: Sequence[Any], weights: Sequence[Any]) -> tuple[list[str],
                                                                             list[str]]:
    """Per criterion row: the Pemeriksaan text and the duplicate key (``F``)."""
    keys = ["" if pw.trim_blank(n) else xl_trim(n).lower() for n in names]
    out = []
    for k, (n, w) in enumerate(zip(names, weights)):
        if pw.trim_blank(n) and pw.trim_blank(w):
            out.append("")
        elif pw.trim_blank(n):
            out.append(CHECK_NO_NAME)
        elif not (pw.is_num(w) and w >= 0):
            out.append(CHECK_WEIGHT)
        elif sum(1 for x in keys if x == keys[k]) > 1:
            out.append(CHECK_DUP)
        else:
            out.append(CHECK_OK)
    return out, keys


def _weight_status(checks: Sequence[str], total: float, kind: str) -> str:
    used = sum(1 for c in checks if c != "")
    if used == 0:
        return mcua.STATUS_NO_CRITERIA
    if sum(1 for c in checks if c == CHECK_OK) < used:
        return mcua.STATUS_INVALID
    if total == 0:
        return mcua.STATUS_ALL_ZERO
    if kind == mcua.PERSEN and abs(total - 100) > 1e-9:
        return mcua.STATUS_NOT_100
    return mcua.STATUS_OK


def _is_valid_score(v: Any, lo: int, hi: int) -> bool:
    return classify_int(v, lo, hi)[1] is None


def _mode_of(raw: Any) -> str:
    return MODE_B if xl_trim(raw).lower() == MODE_B.lower() else MODE_A


def _k_of(raw: Any) -> int:
    if pw.is_num(raw) and raw >= 1 and float(raw).is_integer():
        return int(raw)
    return DEFAULT_K


def compute(shape: Shape, isu: Sequence[Sequence[Any]], kind_raw: Any, lo_raw: Any,
            hi_raw: Any, criteria: Sequence[Sequence[Any]], scores: Sequence[Sequence[Any]],
            matrix: Sequence[Sequence[Any]], rounds: Sequence[Sequence[Any]], mode_raw: Any,
            k_raw: Any, extra: Sequence[Problem] = (), lock_time: Any = None,
            locked_rows: Sequence[Sequence[Any]] = (),
            locked_settings: Sequence[Any] = ()) -> Result:
    """The whole workbook from its raw inputs (rows padded to the shape).

    ``lock_time`` (Kriteria!H7), ``locked_rows`` ((name, weight) per criterion row, G:H)
    and ``locked_settings`` (H4:H6) are the lock record of Kunci bobot."""
    n, kk = shape.n, shape.k
    problems: list[Problem] = []
    names = [r[I_NAME - 1] for r in isu]
    groups = [r[I_GROUP - 1] for r in isu]
    notes = [r[I_NOTE - 1] for r in isu]
    active = [not pw.trim_blank(x) for x in names]

    # ------------------------------------------------------------------- issues
    seen: dict[str, int] = {}
    for i in range(n):
        if not active[i]:
            filled = [v for v in (groups[i], notes[i]) if not mcua.is_blank(v)]
            if filled:
                problems.append(Problem("ISU_TANPA_NAMA", ISU, f"{L(I_NAME)}{issue_row(i)}",
                                        "nama isu", "asal kelompok atau keterangan",
                                        WARNING))
            continue
        key = xl_trim(names[i]).casefold()
        if key in seen:
            problems.append(Problem("ISU_GANDA", ISU, f"{L(I_NAME)}{issue_row(i)}",
                                    "satu baris per isu",
                                    f"{show_found(names[i])} juga di baris "
                                    f"{issue_row(seen[key])}", WARNING))
        else:
            seen[key] = i

    # ------------------------------------------------------------------ criteria
    crit_names = [r[KR_NAME - 1] for r in criteria]
    crit_weights = [r[KR_WEIGHT - 1] for r in criteria]
    checks, keys = _criterion_checks(crit_names, crit_weights)
    used = [c for c in range(kk) if not (mcua.is_blank(crit_names[c])
                                         and mcua.is_blank(crit_weights[c]))]

    def wlocate(what: str, idx: int) -> tuple[str, str]:
        if what == "kind":
            return KRITERIA, KIND.ref
        if what in ("sum",):
            return KRITERIA, K_SUM
        if what == "scale":  # idx 0: the lowest score, 1: the highest
            return KRITERIA, SCALE_LO.ref if idx == 0 else SCALE_HI.ref
        row = crit_row(used[idx]) if idx < len(used) else KR_ROW0
        return KRITERIA, f"{L(KR_NAME if what == 'name' else KR_WEIGHT)}{row}"

    wobj = mcua.check_weights([crit_names[c] for c in used], [crit_weights[c] for c in used],
                              kind_raw, wlocate)
    kind = mcua.MENTAH if xl_trim(kind_raw).lower() == "mentah" else mcua.PERSEN
    (lo, hi), scale_problems = mcua.check_scale(lo_raw, hi_raw, wlocate)
    wsum = float(sum(float(w) for w in crit_weights if pw.is_num(w)))
    status = _weight_status(checks, wsum, kind)
    named = [c for c in range(kk) if not pw.trim_blank(crit_names[c])]
    problems += wobj.problems + scale_problems

    # -------------------------------------------------------------- the lock
    settings_raw = [kind_raw, lo_raw, hi_raw]
    if mcua.is_blank(lock_time):
        lock_status = LOCK_NONE
    else:
        lrows = [list(r) + [None] * 2 for r in locked_rows]
        lrows += [[None, None]] * (kk - len(lrows))
        lset = list(locked_settings) + [None] * (3 - len(locked_settings))
        same = all(xl_eq(crit_names[c], lrows[c][0])
                   and xl_eq(crit_weights[c], lrows[c][1]) for c in range(kk))
        same = same and all(xl_eq(a, b) for a, b in zip(settings_raw, lset))
        lock_status = LOCK_OK if same else LOCK_CHANGED
    if lock_status == LOCK_CHANGED:
        status = STATUS_CHANGED
        problems.append(Problem("BOBOT_BERUBAH", KRITERIA, LOCK_STATUS_CELL,
                                f"dikunci pada {mcua.text(lock_time)}", "kriteria/bobot/skala "
                                "berbeda dari saat dikunci"))

    # ---------------------------------------------------------------- scores
    rows = [list(r[:kk]) + [None] * (kk - len(r[:kk])) for r in scores]
    valid = [sum(_is_valid_score(rows[i][c], lo, hi) for c in named) for i in range(n)]
    filled = [sum(not pw.xl_blank(rows[i][c]) for c in named) for i in range(n)]
    sr = mcua.read_scores([[rows[i][c] for c in named] for i in range(n)], lo, hi,
                          lambda i, j: (SKOR, f"{L(SK_CRIT0 + named[j])}{skor_row(i)}"),
                          skip=[not a for a in active])
    problems += sr.problems
    for i in range(n):
        if not active[i]:
            cells = [c for c in range(len(scores[i])) if not mcua.is_blank(scores[i][c])]
            if cells:
                problems.append(Problem("SKOR_TANPA_ISU", SKOR,
                                        f"{L(SK_CRIT0 + cells[0])}{skor_row(i)}",
                                        f"nama isu di {ISU}!{L(I_NAME)}{issue_row(i)}",
                                        f"{len(cells)} skor", WARNING))
    for c in range(max((len(r) for r in scores), default=0)):
        if c < kk and c in named:
            continue
        cnt = sum(1 for i in range(n) if active[i] and c < len(scores[i])
                  and not mcua.is_blank(scores[i][c]))
        if cnt:
            where = (f"nama kriteria di {KRITERIA}!{L(KR_NAME)}{crit_row(c)}" if c < kk
                     else "kolom kriteria (tambah kriteria di sheet Kriteria)")
            first = next(i for i in range(n) if active[i] and c < len(scores[i])
                         and not mcua.is_blank(scores[i][c]))
            problems.append(Problem("SKOR_TANPA_KRITERIA", SKOR,
                                    f"{L(SK_CRIT0 + c)}{skor_row(first)}", where,
                                    f"{cnt} sel berisi", WARNING))
    totals: list[float | None] = []
    for i in range(n):
        if not active[i] or status != mcua.STATUS_OK or valid[i] < len(named):
            totals.append(None)
            continue
        t = 0.0
        for c in range(kk):
            w, s = crit_weights[c], rows[i][c]
            t += (float(w) if pw.is_num(w) else 0.0) * (float(s) if pw.is_num(s) else 0.0)
        totals.append(round9(t))
    ranks_a = mcua.ranks(totals)
    ties_a = tied(totals)
    if lock_status == LOCK_NONE and any(active[i] and filled[i] for i in range(n)):
        problems.append(Problem("BOBOT_BELUM_DIKUNCI", KRITERIA, LOCK_TIME_CELL,
                                "dikunci (tombol Kunci bobot)", LOCK_NONE, WARNING))

    # ------------------------------------------------------------------ pairwise
    mode = _mode_of(mode_raw)
    pairs = pw.compare(matrix, active,
                       lambda i, j: (BERPASANGAN, f"{L(bp_col(j))}{bp_row(i)}"),
                       (BERPASANGAN, BP_STATUS))
    if mode != MODE_B and pairs.entries == 0:
        pairs.problems = [q for q in pairs.problems if q.code != "PASANGAN_BELUM_LENGKAP"]
    problems += pairs.problems

    # ------------------------------------------------------------- the choice
    if not mcua.is_blank(mode_raw) and xl_trim(mode_raw).lower() not in (
            m.lower() for m in MODES):
        problems.append(Problem("PENGATURAN_TIDAK_SAH", HASIL, MODE.ref,
                                " atau ".join(MODES), show_found(mode_raw)))
    k = _k_of(k_raw)
    if not mcua.is_blank(k_raw) and k != k_raw:
        problems.append(Problem("PENGATURAN_TIDAK_SAH", HASIL, TOP_K.ref,
                                "bilangan bulat ≥ 1", show_found(k_raw)))
    if mode == MODE_A and status == mcua.STATUS_OK:
        for i in range(n):
            if active[i] and filled[i] == 0:
                problems.append(Problem("ISU_BELUM_DINILAI", SKOR,
                                        f"{L(SK_CRIT0 + (named[0] if named else 0))}"
                                        f"{skor_row(i)}",
                                        f"skor untuk {len(named)} kriteria", "belum ada skor",
                                        WARNING))
    base = list(pairs.ranks) if mode == MODE_B else list(ranks_a)
    t_count = sum(1 for b in base if b == 1)
    tie_flags = [1 if (b == 1 and t_count > 1) else 0 for b in base]
    rnd = pw.tie_rounds(rounds, tie_flags,
                        lambda q, c: (PUTARAN, f"{L(PT_ROUND + c)}{pt_row(q)}"))
    problems += rnd.problems
    final = [None if b is None else (b if rnd.subranks[i] is None else b + rnd.subranks[i] - 1)
             for i, b in enumerate(base)]
    final_ties = tied([None if f is None else float(f) for f in final])
    ones = [i for i, f in enumerate(final) if f == 1]
    main = ones[0] if len(ones) == 1 else None
    order = sorted((i for i in range(n) if final[i] is not None and final[i] <= k),
                   key=lambda i: (final[i], i))
    res = Result(shape=shape, names=names, groups=groups, notes=notes, active=active,
                 crit_names=crit_names, crit_weights=crit_weights, crit_check=checks,
                 crit_keys=keys, kind=kind, scale=(lo, hi), weight_sum=wsum,
                 weight_status=status, n_criteria=len(named), named_cols=named,
                 weights_obj=wobj, scores=rows, valid_counts=valid, filled=filled,
                 totals=totals, ranks_a=ranks_a, ties_a=ties_a, pairs=pairs, mode=mode, k=k,
                 base=base, tie_flags=tie_flags, rounds=rnd, final=final,
                 final_ties=final_ties, main=main, shortlist=order,
                 lock_status=lock_status, lock_time=lock_time, settings_raw=settings_raw)
    res.problems = list(extra) + problems

    # ---------------------------------------------------------------- stability
    ranked = [i for i in range(n) if totals[i] is not None]
    if status != mcua.STATUS_OK:
        res.stability_note = "Bobot belum sah: panel tidak dihitung."
    elif not ranked:
        res.stability_note = "Belum ada isu dengan skor lengkap: panel tidak dihitung."
    else:
        w = [float(crit_weights[c]) for c in named]
        sc = [[float(rows[i][c]) for c in named] for i in ranked]
        res.stability = stability(w, sc, lo=lo, hi=hi)
    return res
