"""The published layout of ``matriks_pemeringkatan.xlsm`` (K6 Matriks Pemeringkatan).

Choosing the *isu utama* (main service issue) among the issues the groups bring to the
plenary, in two ways (decisions.md §18):

* **Skor kriteria** (mode A): agreed criteria with weights (``Persen`` summing to 100, or
  ``Mentah``), every issue scored on a whole-number scale; Nilai = Σ bobot × skor
  (decisions.md §15), competition ranks, ties "SAMA";
* **Berpasangan** (mode B): an N×N matrix; in every upper-triangle cell the number of the
  winner of that pair; Nilai = number of wins; ranked only when all N(N−1)/2 comparisons
  are made.

The setting "Cara penetapan" on ``Hasil`` decides which ranking names the isu utama. A tie
at rank 1 is settled only by a recorded tie round (sheet ``Putaran``, button Putaran seri),
restricted to the tied issues; its wins give sub-ranks (``Urutan akhir``). ``Stabilitas``
shows how firm the mode-A ranking is (the shared stability panel).

One description serves the builder, the Hitung action, the headless engine and
``xlpokja layout``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..core import mcua, stpp
from ..core import pairwise as pw
from ..core.problems import ERROR, WARNING, Problem, XlpokjaError, format_number, show_found
from ..core.scales import classify_int, round9, tied
from ..core.stability import Stability, stability
from ..layout.base import Button, FormulaCell, Setting, abs_range, col_letter
from . import common, panel
from . import lock as lk

TEMPLATE_ID = "matriks_pemeringkatan"
TEMPLATE_VERSION = "1"
FILE_NAME = "matriks_pemeringkatan.xlsm"

PETUNJUK, ISU, KRITERIA, SKOR = "Petunjuk", "Isu", "Kriteria", "Skor"
BERPASANGAN, PUTARAN, HASIL, STABILITAS = "Berpasangan", "Putaran", "Hasil", panel.SHEET
REFERENSI, MASALAH = "Referensi", common.MASALAH
SHEETS = (PETUNJUK, ISU, KRITERIA, SKOR, BERPASANGAN, PUTARAN, HASIL, STABILITAS, REFERENSI,
          MASALAH)
REQUIRED_SHEETS = SHEETS[1:]

L = col_letter
MODE_A, MODE_B = "Skor kriteria", "Berpasangan"
MODES = (MODE_A, MODE_B)
DEFAULT_K = 3
SCORE_VALUES = range(11)  # the native validity test checks 0..10 one by one


class Shape(NamedTuple):
    """What the formulas cover: issue rows, criterion rows, tie-round rows."""

    n: int
    k: int
    p: int


# ---------------------------------------------------------------------------- Isu
ISU_HEADER, ISU_ROW0 = 5, 6
I_NO, I_NAME, I_GROUP, I_NOTE = 1, 2, 3, 4
MIN_ISSUES = 12
ISU_NAME = "MP_ISU"  # Isu!$A$6:$D$<last issue row>

# ----------------------------------------------------------------------- Kriteria
KIND = Setting("jenis_bobot", KRITERIA, "B4", "Jenis bobot", (mcua.PERSEN, mcua.MENTAH),
               mcua.PERSEN)
SCALE_LO = Setting("skor_terendah", KRITERIA, "B5", "Skor terendah (0 atau 1)", (), "1")
SCALE_HI = Setting("skor_tertinggi", KRITERIA, "B6", "Skor tertinggi (2–10)", (), "5")
K_KIND_EFF, K_LO_EFF, K_HI_EFF = "C4", "C5", "C6"
K_SUM, K_STATUS, K_COUNT = "C7", "C8", "C9"
KR_HEADER, KR_ROW0 = 11, 12
KR_NO, KR_NAME, KR_WEIGHT, KR_NOTE, KR_CHECK, KR_KEY, KR_LNAME, KR_LWEIGHT = range(1, 9)
# the weights lock (decisions.md §16): column H holds what was locked (settings H4:H6,
# criteria G:H of the table), when (H7) and the lock status (H8, beside the weights status)
LOCKED_SETTING_COL = KR_LWEIGHT  # H4:H6: the settings as locked
LOCK_TIME_CELL, LOCK_STATUS_CELL = "H7", "H8"
LOCK_NONE, LOCK_OK, LOCK_CHANGED = "belum dikunci", "terkunci", "BERUBAH"
STATUS_CHANGED = "berubah setelah dikunci"
MIN_CRITERIA = 5
KRITERIA_NAME = "MP_KRITERIA"  # Kriteria!$A$12:$D$<last criterion row>
DEFAULT_CRITERIA = (("Tingkat urgensi", 50), ("Cakupan manfaat", 50))
CHECK_OK, CHECK_NO_NAME, CHECK_WEIGHT, CHECK_DUP = (
    "OK", "nama kosong", "bobot kosong, bukan angka atau negatif", "nama ganda")

# --------------------------------------------------------------------------- Skor
SK_NAMES_ROW, SK_WEIGHT_ROW, SK_ROW0 = 4, 5, 6
SK_NO, SK_NAME, SK_TOTAL, SK_PCT, SK_RANK, SK_VALID, SK_NOTE = range(1, 8)
SK_CRIT0 = 8  # H..: one column per criterion row of Kriteria
NOTE_TIE, NOTE_NO_WEIGHTS, NOTE_NOT_SCORED = "SAMA", "bobot belum sah", "belum dinilai"

# -------------------------------------------------------------------- Berpasangan
BP_FILLED, BP_REQUIRED, BP_STATUS = "C3", "C4", "C5"
BP_NAMES_ROW, BP_HEADER, BP_ROW0 = 6, 7, 8
BP_NO, BP_NAME, BP_WINS, BP_DECIDED, BP_RANK, BP_NOTE = range(1, 7)
BP_COL0 = 7  # G..: matrix column of issue 1
MATRIX_STYLED = 30  # input cells, validation lists and greying prepared for 30 issues

# ------------------------------------------------------------------------ Putaran
PT_HEADER, PT_ROW0 = 4, 5
(PT_ROUND, PT_A, PT_B, PT_WIN, PT_NAME_A, PT_NAME_B, PT_WINS_A, PT_WINS_B, PT_CHECK,
 PT_STATUS, PT_IN_TIE, PT_DUP, PT_SET_OK, PT_COMPLETE, PT_USABLE) = range(1, 16)
MIN_ROUND_ROWS = 10
PT_STYLED = 30  # rows prepared (styles, validation) for rounds
PUTARAN_NAME = "MP_PUTARAN"  # Putaran!$A$5:$D$<last round row>

# -------------------------------------------------------------------------- Hasil
MODE = Setting("cara_penetapan", HASIL, "C4", "Cara penetapan isu utama", MODES, MODE_A)
TOP_K = Setting("daftar_pendek", HASIL, "C5", "Daftar pendek: k isu teratas", (), "3")
H_MODE_EFF, H_K_EFF = "D4", "D5"
H_MAIN, H_STATUS, H_TIES, H_ROUND, H_PROBLEMS = "C6", "C7", "C8", "C9", "C10"
HASIL_HEADER, HASIL_ROW0 = 12, 13
(HA_NO, HA_NAME, HA_TOTAL, HA_PCT, HA_RANK_A, HA_WINS, HA_RANK_B, HA_RANK, HA_RWINS, HA_SUB,
 HA_FINAL, HA_NOTE, HA_TIE, HA_KEY, HA_SL_ORDER, HA_SL_NO, HA_SL_NAME) = range(1, 18)
HASIL_HIDDEN = (HA_TIE, HA_KEY)  # helpers: tie flag (read by Putaran), sort key
HASIL_HEADERS = {
    HA_NO: "No", HA_NAME: "Isu", HA_TOTAL: "Nilai skor kriteria", HA_PCT: "Nilai normal",
    HA_RANK_A: "Peringkat skor kriteria", HA_WINS: "Menang berpasangan",
    HA_RANK_B: "Peringkat berpasangan", HA_RANK: "Peringkat (cara terpilih)",
    HA_TIE: "Seri di peringkat 1", HA_RWINS: "Menang di putaran seri",
    HA_SUB: "Sub-peringkat", HA_FINAL: "Urutan akhir", HA_NOTE: "Catatan",
    HA_KEY: "Kunci urut", HA_SL_ORDER: "Urutan", HA_SL_NO: "No", HA_SL_NAME: "Isu"}
GENERATED = {HASIL: HASIL_ROW0}

# --------------------------------------------------------------------- Stabilitas
ST_BLOCK_ROW = 5
ST_TITLE = "Stabilitas peringkat Skor kriteria"

# ---------------------------------------------------------------------- Referensi
REF_RULES_ROW = 4


def issue_row(i: int) -> int:
    return ISU_ROW0 + i


def crit_row(k: int) -> int:
    return KR_ROW0 + k


def skor_row(i: int) -> int:
    return SK_ROW0 + i


def bp_row(i: int) -> int:
    return BP_ROW0 + i


def bp_col(j: int) -> int:
    return BP_COL0 + j


def hasil_row(i: int) -> int:
    return HASIL_ROW0 + i


def pt_row(q: int) -> int:
    return PT_ROW0 + q


def isu_ref(shape: Shape) -> str:
    return abs_range(ISU, I_NO, ISU_ROW0, I_NOTE, issue_row(shape.n - 1))


def kriteria_ref(shape: Shape) -> str:
    return abs_range(KRITERIA, KR_NO, KR_ROW0, KR_NOTE, crit_row(shape.k - 1))


def putaran_ref(shape: Shape) -> str:
    return abs_range(PUTARAN, PT_ROUND, PT_ROW0, PT_WIN, pt_row(shape.p - 1))


def score_validation_sqref() -> str:
    return f"{L(SK_CRIT0)}{SK_ROW0}:{L(SK_CRIT0 + 40)}{SK_ROW0 + 500}"


def _a(ref: str) -> str:
    """``C8`` -> ``$C$8``."""
    col = "".join(ch for ch in ref if ch.isalpha())
    return f"${col}${ref[len(col):]}"


# ====================================================================== the result


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
        if what == "scale":
            return KRITERIA, SCALE_LO.ref
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
        same = all(stpp.xl_equal(crit_names[c], lrows[c][0])
                   and stpp.xl_equal(crit_weights[c], lrows[c][1]) for c in range(kk))
        same = same and all(stpp.xl_equal(a, b) for a, b in zip(settings_raw, lset))
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


# ==================================================================== formula cells


def _terms_valid(r: str, lo: str, hi: str) -> str:
    """Per cell of ``r``: 1 when it holds a whole number of the scale lo..hi (lo 0 or 1).
    Text never equals a number, a blank equals 0, hence ``<>""`` for 0; ISNUMBER over a
    range is avoided (formualizer 0.13 does not vectorise it)."""
    parts = [f'({r}=0)*({r}<>"")*({lo}=0)', f"({r}=1)"]
    parts += [f"({r}={v})*({v}<={hi})" for v in SCORE_VALUES if v >= 2]
    return "(" + "+".join(parts) + ")"


def _blank(x: Any) -> Any:
    return "" if x is None else x


def _mid(parts: Sequence[tuple[str, str]]) -> str:
    """``"a; b"`` from (condition, text formula) pairs: MID(IF(c,"; "&t,"")&...,3,999)."""
    body = "&".join(f'IF({c},"; "&{t},"")' for c, t in parts)
    return f"MID({body},3,999)"


def formula_cells(shape: Shape) -> list[FormulaCell]:
    """Every computed cell of the workbook for ``shape``."""
    n, kk, p = shape
    cells: list[FormulaCell] = []
    add = cells.append

    # ---------------------------------------------------------------- Isu
    for i in range(n):
        add(FormulaCell(ISU, f"{L(I_NO)}{issue_row(i)}", str(i + 1), lambda res, i=i: i + 1))

    # ----------------------------------------------------------- Kriteria
    k0, k1 = crit_row(0), crit_row(kk - 1)
    e_rng = f"${L(KR_CHECK)}${k0}:${L(KR_CHECK)}${k1}"
    f_rng = f"${L(KR_KEY)}${k0}:${L(KR_KEY)}${k1}"
    w_rng = f"${L(KR_WEIGHT)}${k0}:${L(KR_WEIGHT)}${k1}"
    for c in range(kk):
        r = crit_row(c)
        B, C = f"{L(KR_NAME)}{r}", f"{L(KR_WEIGHT)}{r}"
        add(FormulaCell(KRITERIA, f"{L(KR_NO)}{r}", str(c + 1), lambda res, c=c: c + 1))
        add(FormulaCell(KRITERIA, f"{L(KR_KEY)}{r}",
                        f'IF(TRIM({B})="","",LOWER(TRIM({B})))',
                        lambda res, c=c: res.crit_keys[c]))
        add(FormulaCell(KRITERIA, f"{L(KR_CHECK)}{r}",
                        f'IF(AND(TRIM({B})="",TRIM({C})=""),"",IF(TRIM({B})="",'
                        f'"{CHECK_NO_NAME}",IF(ISNUMBER({C}),IF({C}<0,"{CHECK_WEIGHT}",'
                        f'IF(SUMPRODUCT(({f_rng}={L(KR_KEY)}{r})*1)>1,"{CHECK_DUP}",'
                        f'"{CHECK_OK}")),"{CHECK_WEIGHT}")))',
                        lambda res, c=c: res.crit_check[c]))
    lo_in, hi_in = SCALE_LO.ref, SCALE_HI.ref
    scale_ok = (f"IF(AND(ISNUMBER({lo_in}),ISNUMBER({hi_in})),IF(AND(OR({lo_in}=0,{lo_in}=1),"
                f"{hi_in}>=2,{hi_in}<=10,{hi_in}=INT({hi_in})),1,0),0)")
    add(FormulaCell(KRITERIA, K_KIND_EFF,
                    f'IF(LOWER(TRIM({KIND.ref}))="mentah","{mcua.MENTAH}","{mcua.PERSEN}")',
                    lambda res: res.kind))
    add(FormulaCell(KRITERIA, K_LO_EFF, f"IF({scale_ok}=1,{lo_in},{mcua.DEFAULT_SCALE[0]})",
                    lambda res: res.scale[0]))
    add(FormulaCell(KRITERIA, K_HI_EFF, f"IF({scale_ok}=1,{hi_in},{mcua.DEFAULT_SCALE[1]})",
                    lambda res: res.scale[1]))
    add(FormulaCell(KRITERIA, K_SUM, f"SUM({w_rng})", lambda res: res.weight_sum))
    used = f'SUMPRODUCT(({e_rng}<>"")*1)'
    add(FormulaCell(KRITERIA, K_STATUS,
                    f'IF({_a(LOCK_STATUS_CELL)}="{LOCK_CHANGED}","{STATUS_CHANGED}",'
                    f'IF({used}=0,"{mcua.STATUS_NO_CRITERIA}",IF(COUNTIF({e_rng},"{CHECK_OK}")'
                    f'<{used},"{mcua.STATUS_INVALID}",IF({K_SUM}=0,"{mcua.STATUS_ALL_ZERO}",'
                    f'IF(AND({K_KIND_EFF}="{mcua.PERSEN}",ABS({K_SUM}-100)>1E-9),'
                    f'"{mcua.STATUS_NOT_100}","{mcua.STATUS_OK}")))))',
                    lambda res: res.weight_status))
    b_rng = f"${L(KR_NAME)}${k0}:${L(KR_NAME)}${k1}"
    lb_rng = f"${L(KR_LNAME)}${k0}:${L(KR_LNAME)}${k1}"
    lw_rng = f"${L(KR_LWEIGHT)}${k0}:${L(KR_LWEIGHT)}${k1}"
    same_settings = ",".join(f"{s.ref}={L(LOCKED_SETTING_COL)}{s.ref[1:]}"
                             for s in (KIND, SCALE_LO, SCALE_HI))
    add(FormulaCell(KRITERIA, LOCK_STATUS_CELL,
                    f'IF({LOCK_TIME_CELL}="","{LOCK_NONE}",IF(AND(SUMPRODUCT(({b_rng}={lb_rng})*'
                    f'({w_rng}={lw_rng}))={kk},{same_settings}),"{LOCK_OK}","{LOCK_CHANGED}"))',
                    lambda res: res.lock_status))
    add(FormulaCell(KRITERIA, K_COUNT, f'SUMPRODUCT(({f_rng}<>"")*1)',
                    lambda res: res.n_criteria))

    # --------------------------------------------------------------- Skor
    kr = f"{KRITERIA}!"
    st_ok = f'{kr}{_a(K_STATUS)}="{mcua.STATUS_OK}"'
    lo_e, hi_e = f"{kr}{_a(K_LO_EFF)}", f"{kr}{_a(K_HI_EFF)}"
    ncrit = f"{kr}{_a(K_COUNT)}"
    c0, c1 = L(SK_CRIT0), L(SK_CRIT0 + kk - 1)
    names_row = f"${c0}${SK_NAMES_ROW}:${c1}${SK_NAMES_ROW}"
    s0, s1 = skor_row(0), skor_row(n - 1)
    tot_rng = f"${L(SK_TOTAL)}${s0}:${L(SK_TOTAL)}${s1}"
    for c in range(kk):
        col = L(SK_CRIT0 + c)
        r = crit_row(c)
        add(FormulaCell(SKOR, f"{col}{SK_NAMES_ROW}",
                        f'IF(TRIM({kr}{L(KR_NAME)}{r})="","",{kr}{L(KR_NAME)}{r})',
                        lambda res, c=c: res.crit_display(c)))
        add(FormulaCell(SKOR, f"{col}{SK_WEIGHT_ROW}",
                        f'IF(TRIM({kr}{L(KR_WEIGHT)}{r})="","",{kr}{L(KR_WEIGHT)}{r})',
                        lambda res, c=c: "" if pw.trim_blank(res.crit_weights[c])
                        else res.crit_weights[c]))
    for i in range(n):
        r = skor_row(i)
        row = f"${c0}{r}:${c1}{r}"
        name = f"{L(SK_NAME)}{r}"
        tot = f"{L(SK_TOTAL)}{r}"
        val = f"{L(SK_VALID)}{r}"
        add(FormulaCell(SKOR, f"{L(SK_NO)}{r}", f"{ISU}!{L(I_NO)}{issue_row(i)}",
                        lambda res, i=i: i + 1))
        add(FormulaCell(SKOR, name, f'IF(TRIM({ISU}!{L(I_NAME)}{issue_row(i)})="","",'
                                    f'{ISU}!{L(I_NAME)}{issue_row(i)})',
                        lambda res, i=i: res.display(i)))
        add(FormulaCell(SKOR, val,
                        f'IF({name}="","",SUMPRODUCT({_terms_valid(row, lo_e, hi_e)}*'
                        f'({names_row}<>"")))',
                        lambda res, i=i: res.valid_counts[i] if res.active[i] else ""))
        wsum = "+".join(f"N(${L(SK_CRIT0 + c)}${SK_WEIGHT_ROW})*N({L(SK_CRIT0 + c)}{r})"
                        for c in range(kk))
        add(FormulaCell(SKOR, tot, f'IF(OR({name}="",NOT({st_ok}),{val}<{ncrit}),"",'
                                   f'ROUND({wsum},9))',
                        lambda res, i=i: _blank(res.totals[i])))
        add(FormulaCell(SKOR, f"{L(SK_PCT)}{r}",
                        f'IF({tot}="","",{tot}/({kr}{_a(K_SUM)}*{hi_e}))',
                        lambda res, i=i: _blank(res.pct(i))))
        add(FormulaCell(SKOR, f"{L(SK_RANK)}{r}", f'IF({tot}="","",RANK({tot},{tot_rng},0))',
                        lambda res, i=i: _blank(res.ranks_a[i])))
        filled = f'SUMPRODUCT(({row}<>"")*({names_row}<>""))'
        add(FormulaCell(SKOR, f"{L(SK_NOTE)}{r}",
                        f'IF({name}="","",IF({tot}<>"",IF(SUMPRODUCT(({tot_rng}={tot})*1)>1,'
                        f'"{NOTE_TIE}",""),IF(NOT({st_ok}),"{NOTE_NO_WEIGHTS}",IF({filled}=0,'
                        f'"{NOTE_NOT_SCORED}",{val}&" dari "&{ncrit}&" skor sah"))))',
                        lambda res, i=i: res.skor_note(i)))

    # -------------------------------------------------------- Berpasangan
    b0, b1 = bp_row(0), bp_row(n - 1)
    nm = L(BP_NAME)
    for j in range(n):
        col = L(bp_col(j))
        add(FormulaCell(BERPASANGAN, f"{col}{BP_NAMES_ROW}",
                        f'IF(TRIM({ISU}!{L(I_NAME)}{issue_row(j)})="","",'
                        f'{ISU}!{L(I_NAME)}{issue_row(j)})',
                        lambda res, j=j: res.display(j)))
        add(FormulaCell(BERPASANGAN, f"{col}{BP_HEADER}", f"{ISU}!{L(I_NO)}{issue_row(j)}",
                        lambda res, j=j: j + 1))

    def mcell(i: int, j: int) -> str:
        return f"{L(bp_col(j))}{bp_row(i)}"

    wins_rng = f"${L(BP_WINS)}${b0}:${L(BP_WINS)}${b1}"
    rank_rng = f"${L(BP_RANK)}${b0}:${L(BP_RANK)}${b1}"
    for i in range(n):
        r = bp_row(i)
        name = f"{nm}{r}"
        wins_terms, dec_terms = ["0"], ["0"]
        for j in range(n):
            if j == i:
                continue
            u, lo_ = (mcell(i, j), mcell(j, i)) if j > i else (mcell(j, i), mcell(i, j))
            act = f'(${nm}${bp_row(j)}<>"")'
            wins_terms.append(f'{act}*({u}={i + 1})*(({lo_}="")+({lo_}={i + 1}))')
            dec_terms.append(f'{act}*(({u}={i + 1})+({u}={j + 1}))*(({lo_}="")+({lo_}={u}))')
        add(FormulaCell(BERPASANGAN, f"{L(BP_NO)}{r}", f"{ISU}!{L(I_NO)}{issue_row(i)}",
                        lambda res, i=i: i + 1))
        add(FormulaCell(BERPASANGAN, name, f'IF(TRIM({ISU}!{L(I_NAME)}{issue_row(i)})="","",'
                                           f'{ISU}!{L(I_NAME)}{issue_row(i)})',
                        lambda res, i=i: res.display(i)))
        add(FormulaCell(BERPASANGAN, f"{L(BP_WINS)}{r}",
                        f'IF({name}="","",{"+".join(wins_terms)})',
                        lambda res, i=i: _blank(res.pairs.wins[i])))
        add(FormulaCell(BERPASANGAN, f"{L(BP_DECIDED)}{r}",
                        f'IF({name}="","",{"+".join(dec_terms)})',
                        lambda res, i=i: _blank(res.pairs.decided[i])))
        add(FormulaCell(BERPASANGAN, f"{L(BP_RANK)}{r}",
                        f'IF(OR({name}="",{_a(BP_STATUS)}<>"{pw.STATUS_COMPLETE}"),"",'
                        f'RANK({L(BP_WINS)}{r},{wins_rng},0))',
                        lambda res, i=i: _blank(res.pairs.ranks[i])))
        add(FormulaCell(BERPASANGAN, f"{L(BP_NOTE)}{r}",
                        f'IF({L(BP_RANK)}{r}="","",IF(SUMPRODUCT(({rank_rng}={L(BP_RANK)}{r})'
                        f'*1)>1,"{NOTE_TIE}",""))',
                        lambda res, i=i: res.bp_note(i)))
    na = f'SUMPRODUCT((${nm}${b0}:${nm}${b1}<>"")*1)'
    add(FormulaCell(BERPASANGAN, BP_FILLED,
                    f"SUM(${L(BP_DECIDED)}${b0}:${L(BP_DECIDED)}${b1})/2",
                    lambda res: res.pairs.filled))
    add(FormulaCell(BERPASANGAN, BP_REQUIRED, f"{na}*({na}-1)/2",
                    lambda res: res.pairs.required))
    add(FormulaCell(BERPASANGAN, BP_STATUS,
                    f'IF({na}=0,"{pw.STATUS_NO_ISSUES}",IF({BP_FILLED}={BP_REQUIRED},'
                    f'"{pw.STATUS_COMPLETE}","belum lengkap: "&({BP_REQUIRED}-{BP_FILLED})&'
                    f'" perbandingan kurang"))',
                    lambda res: res.pairs.status))

    # ------------------------------------------------------------ Putaran
    h0, h1 = hasil_row(0), hasil_row(n - 1)
    p0, p1 = pt_row(0), pt_row(p - 1)

    def prng(col: int) -> str:
        return f"${L(col)}${p0}:${L(col)}${p1}"

    PA, PB, PC, PD = prng(PT_ROUND), prng(PT_A), prng(PT_B), prng(PT_WIN)
    PK, PL, PO = prng(PT_IN_TIE), prng(PT_DUP), prng(PT_USABLE)
    ha = f"{HASIL}!"
    tie_rng = f"{ha}${L(HA_TIE)}${h0}:${L(HA_TIE)}${h1}"
    name_rng = f"{ha}${L(HA_NAME)}${h0}:${L(HA_NAME)}${h1}"
    T = f"{ha}{_a(H_TIES)}"
    applied = f"{ha}{_a(H_ROUND)}"
    for q in range(p):
        r = pt_row(q)
        A, B, C, D = (f"{L(c)}{r}" for c in (PT_ROUND, PT_A, PT_B, PT_WIN))
        M, N, O = (f"{L(c)}{r}" for c in (PT_SET_OK, PT_COMPLETE, PT_USABLE))

        def guard(v: str) -> str:
            return f"AND({v}>=1,{v}<={n},{v}=INT({v}))"

        for col, v, attr in ((PT_NAME_A, B, "a"), (PT_NAME_B, C, "b")):
            add(FormulaCell(PUTARAN, f"{L(col)}{r}",
                            f'IF({A}="","",IF(ISNUMBER({v}),IF({guard(v)},'
                            f'INDEX({name_rng},{v}),""),""))',
                            lambda res, q=q, attr=attr: _pt_name(res, q, attr)))
        for col, v, attr in ((PT_WINS_A, B, "wins_a"), (PT_WINS_B, C, "wins_b")):
            add(FormulaCell(PUTARAN, f"{L(col)}{r}",
                            f'IF({A}="","",SUMPRODUCT(({PA}={A})*({PD}={v})*'
                            f'(({PD}={PB})+({PD}={PC}))))',
                            lambda res, q=q, attr=attr: _pt_attr(res, q, attr, "")))
        add(FormulaCell(PUTARAN, f"{L(PT_CHECK)}{r}",
                        f'IF({A}="","",IF({D}="","{pw.CHECK_EMPTY}",IF(OR({D}={B},{D}={C}),'
                        f'"{pw.CHECK_OK}","harus "&{B}&" atau "&{C})))',
                        lambda res, q=q: _pt_attr(res, q, "check", "")))
        add(FormulaCell(PUTARAN, f"{L(PT_STATUS)}{r}",
                        f'IF({A}="","",IF(AND({applied}>0,{A}={applied}),"{pw.ROUND_USED}",'
                        f'IF({M}=0,"{pw.ROUND_OUTDATED}",IF({N}=0,"{pw.ROUND_INCOMPLETE}",'
                        f'"{pw.ROUND_REPLACED}"))))',
                        lambda res, q=q: _pt_attr(res, q, "status", "")))
        add(FormulaCell(PUTARAN, f"{L(PT_IN_TIE)}{r}",
                        f'IF({A}="",0,IF(AND(ISNUMBER({B}),ISNUMBER({C})),IF(AND({guard(B)},'
                        f'{guard(C)}),INDEX({tie_rng},{B})*INDEX({tie_rng},{C})*({B}<>{C}),0),'
                        f'0))',
                        lambda res, q=q: _pt_attr(res, q, "in_tie", 0)))
        add(FormulaCell(PUTARAN, f"{L(PT_DUP)}{r}",
                        f'IF({A}="",0,IF(SUMPRODUCT(({PA}={A})*((({PB}={B})*({PC}={C}))+'
                        f'(({PB}={C})*({PC}={B}))))>1,1,0))',
                        lambda res, q=q: _pt_attr(res, q, "dup", 0)))
        cnt = f"SUMPRODUCT(({PA}={A})*1)"
        add(FormulaCell(PUTARAN, M,
                        f'IF({A}="",0,IF(AND({cnt}=SUMPRODUCT(({PA}={A})*{PK}),'
                        f'SUMPRODUCT(({PA}={A})*{PL})=0,{T}>1,{cnt}={T}*({T}-1)/2),1,0))',
                        lambda res, q=q: _pt_attr(res, q, "set_ok", 0)))
        add(FormulaCell(PUTARAN, N,
                        f'IF({A}="",0,IF(SUMPRODUCT(({PA}={A})*(({PD}={PB})+({PD}={PC}))*'
                        f'({PD}<>""))={cnt},1,0))',
                        lambda res, q=q: _pt_attr(res, q, "complete", 0)))
        add(FormulaCell(PUTARAN, O, f"IF(AND({M}=1,{N}=1),{A},0)",
                        lambda res, q=q: _pt_attr(res, q, "usable", 0)))

    # -------------------------------------------------------------- Hasil
    mode_e, k_e = _a(H_MODE_EFF), _a(H_K_EFF)
    add(FormulaCell(HASIL, H_MODE_EFF,
                    f'IF(LOWER(TRIM({MODE.ref}))="{MODE_B.lower()}","{MODE_B}","{MODE_A}")',
                    lambda res: res.mode))
    kin = TOP_K.ref
    add(FormulaCell(HASIL, H_K_EFF,
                    f"IF(ISNUMBER({kin}),IF(AND({kin}>=1,{kin}=INT({kin})),{kin},{DEFAULT_K}),"
                    f"{DEFAULT_K})", lambda res: res.k))

    def hrng(col: int) -> str:
        return f"${L(col)}${h0}:${L(col)}${h1}"

    final_rng, key_rng, rank_rng_h = hrng(HA_FINAL), hrng(HA_KEY), hrng(HA_RANK)
    add(FormulaCell(HASIL, H_TIES, f"SUMPRODUCT(({rank_rng_h}=1)*1)",
                    lambda res: res.tie_count))
    add(FormulaCell(HASIL, H_ROUND, f"MAX({PUTARAN}!{PO})",
                    lambda res: _round_no(res.rounds.applied)))
    add(FormulaCell(HASIL, H_MAIN,
                    f'IF(SUMPRODUCT(({final_rng}=1)*1)=1,INDEX({hrng(HA_NAME)},'
                    f'MATCH(1,{final_rng},0)),"")',
                    lambda res: "" if res.main is None else res.display(res.main)))
    add(FormulaCell(HASIL, H_STATUS,
                    f'IF({_a(H_MAIN)}<>"",IF(AND({_a(H_ROUND)}>0,INDEX({hrng(HA_SUB)},'
                    f'MATCH(1,{final_rng},0))<>""),"ditetapkan lewat putaran seri "&'
                    f'{_a(H_ROUND)},"ditetapkan (cara: "&{mode_e}&")"),IF(COUNT({rank_rng_h})=0,'
                    f'IF({mode_e}="{MODE_B}","belum ada: matriks berpasangan "&'
                    f'{BERPASANGAN}!{_a(BP_STATUS)},"belum ada: belum ada isu dengan skor '
                    f'lengkap dan bobot sah"),"SAMA di peringkat 1 ("&SUMPRODUCT(({final_rng}'
                    f'=1)*1)&" isu): tekan Putaran seri"))',
                    lambda res: res.status))
    add(FormulaCell(HASIL, H_PROBLEMS,
                    f"{MASALAH}!{_a(common.MASALAH_COUNT_CELL)}",
                    lambda res: len(res.problems)))
    pa = f"{PUTARAN}!"
    for i in range(n):
        r = hasil_row(i)
        c = {col: f"{L(col)}{r}" for col in HASIL_HEADERS}
        add(FormulaCell(HASIL, c[HA_NO], f"{ISU}!{L(I_NO)}{issue_row(i)}",
                        lambda res, i=i: i + 1))
        add(FormulaCell(HASIL, c[HA_NAME], f'IF(TRIM({ISU}!{L(I_NAME)}{issue_row(i)})="","",'
                                           f'{ISU}!{L(I_NAME)}{issue_row(i)})',
                        lambda res, i=i: res.display(i)))
        for col, sheet, src, fn in (
                (HA_TOTAL, SKOR, SK_TOTAL, lambda res, i: res.totals[i]),
                (HA_PCT, SKOR, SK_PCT, lambda res, i: res.pct(i)),
                (HA_RANK_A, SKOR, SK_RANK, lambda res, i: res.ranks_a[i]),
                (HA_WINS, BERPASANGAN, BP_WINS, lambda res, i: res.pairs.wins[i]),
                (HA_RANK_B, BERPASANGAN, BP_RANK, lambda res, i: res.pairs.ranks[i])):
            sr = skor_row(i) if sheet == SKOR else bp_row(i)
            add(FormulaCell(HASIL, c[col], f"{sheet}!{L(src)}{sr}",
                            lambda res, i=i, fn=fn: _blank(fn(res, i))))
        add(FormulaCell(HASIL, c[HA_RANK],
                        f'IF({mode_e}="{MODE_B}",{c[HA_RANK_B]},{c[HA_RANK_A]})',
                        lambda res, i=i: _blank(res.base[i])))
        add(FormulaCell(HASIL, c[HA_TIE], f"IF(AND({c[HA_RANK]}=1,{_a(H_TIES)}>1),1,0)",
                        lambda res, i=i: res.tie_flags[i]))
        add(FormulaCell(HASIL, c[HA_RWINS],
                        f'IF(AND({c[HA_TIE]}=1,{_a(H_ROUND)}>0),SUMPRODUCT(({pa}{PA}='
                        f'{_a(H_ROUND)})*({pa}{PD}={c[HA_NO]})*(({pa}{PD}={pa}{PB})+'
                        f'({pa}{PD}={pa}{PC}))),"")',
                        lambda res, i=i: _blank(res.rounds.wins[i])))
        add(FormulaCell(HASIL, c[HA_SUB],
                        f'IF({c[HA_RWINS]}="","",RANK({c[HA_RWINS]},{hrng(HA_RWINS)},0))',
                        lambda res, i=i: _blank(res.rounds.subranks[i])))
        add(FormulaCell(HASIL, c[HA_FINAL],
                        f'IF({c[HA_RANK]}="","",IF({c[HA_SUB]}="",{c[HA_RANK]},'
                        f'{c[HA_RANK]}+{c[HA_SUB]}-1))',
                        lambda res, i=i: _blank(res.final[i])))
        note = _mid([
            (f'IF({c[HA_FINAL]}="",FALSE,SUMPRODUCT(({final_rng}={c[HA_FINAL]})*1)>1)',
             f'"{NOTE_TIE}"'),
            (f'{c[HA_SUB]}<>""', f'"sub-peringkat putaran "&{_a(H_ROUND)}'),
            (f'AND({c[HA_NAME]}<>"",{c[HA_RANK]}="")', '"belum diperingkat"')])
        add(FormulaCell(HASIL, c[HA_NOTE], note, lambda res, i=i: res.note(i)))
        add(FormulaCell(HASIL, c[HA_KEY],
                        f'IF({c[HA_FINAL]}="","",IF({c[HA_FINAL]}>{k_e},"",'
                        f'{c[HA_FINAL]}*1000+{c[HA_NO]}))',
                        lambda res, i=i: _blank(res.sort_key(i))))
        add(FormulaCell(HASIL, c[HA_SL_ORDER],
                        f'IF(COUNT({key_rng})<{i + 1},"",INT(SMALL({key_rng},{i + 1})/1000))',
                        lambda res, i=i: _sl(res, i, "order")))
        add(FormulaCell(HASIL, c[HA_SL_NO],
                        f'IF({c[HA_SL_ORDER]}="","",MOD(SMALL({key_rng},{i + 1}),1000))',
                        lambda res, i=i: _sl(res, i, "no")))
        add(FormulaCell(HASIL, c[HA_SL_NAME],
                        f'IF({c[HA_SL_NO]}="","",INDEX({hrng(HA_NAME)},{c[HA_SL_NO]}))',
                        lambda res, i=i: _sl(res, i, "name")))
    return cells


def _pt_attr(res: Result, q: int, attr: str, blank: Any) -> Any:
    if q >= len(res.rounds.rows) or res.rounds.rows[q].blank:
        return blank
    v = getattr(res.rounds.rows[q], attr)
    return _blank(v)


def _pt_name(res: Result, q: int, attr: str) -> Any:
    if q >= len(res.rounds.rows) or res.rounds.rows[q].blank:
        return ""
    v = getattr(res.rounds.rows[q], attr)
    n = res.shape.n
    if pw.is_num(v) and 1 <= v <= n and float(v).is_integer():
        return res.display(int(v) - 1)
    return ""


def _sl(res: Result, p: int, what: str) -> Any:
    if p >= len(res.shortlist):
        return ""
    i = res.shortlist[p]
    if what == "order":
        return res.final[i]
    if what == "no":
        return i + 1
    return res.display(i)


# ================================================================= the interface


def check_sheets(names: Sequence[str]) -> None:
    common.check_sheets(names, REQUIRED_SHEETS)


def _last_filled(rows: Sequence[Sequence[Any]], c0: int, c1: int) -> int:
    last = 0
    for i, r in enumerate(rows):
        if any(not mcua.is_blank(v) for v in r[c0:c1]):
            last = i + 1
    return last


def _pad(rows: list[list[Any]], n: int, width: int) -> list[list[Any]]:
    rows = [list(r[:width]) + [None] * (width - len(r[:width])) for r in rows[:n]]
    return rows + [[None] * width for _ in range(n - len(rows))]


def read(book: Any) -> tuple[Result, Shape, Shape]:
    """Read and compute, writing nothing: (result, shape needed, shape covered now)."""
    check_sheets(book.sheet_names())
    cur = Shape(common.extent_rows(book.defined_name(ISU_NAME), MIN_ISSUES),
                common.extent_rows(book.defined_name(KRITERIA_NAME), MIN_CRITERIA),
                common.extent_rows(book.defined_name(PUTARAN_NAME), MIN_ROUND_ROWS))
    isu = book.read_block(ISU, ISU_ROW0, I_NOTE)
    n = max(cur.n, _last_filled(isu, I_NAME - 1, I_NOTE))
    crit = book.read_block(KRITERIA, KR_ROW0, KR_LWEIGHT)
    kk = max(cur.k, _last_filled(crit, KR_NAME - 1, KR_NOTE))
    crit = _pad(crit, kk, KR_LWEIGHT)
    locked_rows = [(r[KR_LNAME - 1], r[KR_LWEIGHT - 1]) for r in crit]
    locked_settings = [book.read_cell(KRITERIA, f"{L(LOCKED_SETTING_COL)}{s.ref[1:]}")
                       for s in (KIND, SCALE_LO, SCALE_HI)]
    rnd = book.read_block(PUTARAN, PT_ROW0, PT_WIN)
    p = max(cur.p, _last_filled(rnd, 0, PT_WIN))
    shape = Shape(n, kk, p)

    width = SK_CRIT0 - 1 + kk + 20  # a few columns more: scores without a criterion
    skor = book.read_block(SKOR, SK_ROW0, width)
    scores = [r[SK_CRIT0 - 1:] for r in _pad(skor, n, width)]
    bp = _pad(book.read_block(BERPASANGAN, BP_ROW0, BP_COL0 - 1 + n), n, BP_COL0 - 1 + n)
    matrix = [r[BP_COL0 - 1:] for r in bp]
    res = compute(shape, _pad(isu, n, I_NOTE), book.read_cell(KRITERIA, KIND.ref),
                  book.read_cell(KRITERIA, SCALE_LO.ref), book.read_cell(KRITERIA, SCALE_HI.ref),
                  _pad(crit, kk, KR_NOTE), scores, matrix, _pad(rnd, p, PT_WIN),
                  book.read_cell(HASIL, MODE.ref), book.read_cell(HASIL, TOP_K.ref),
                  lock_time=book.read_cell(KRITERIA, LOCK_TIME_CELL), locked_rows=locked_rows,
                  locked_settings=locked_settings)
    return res, shape, cur


def extents(shape: Shape) -> dict[str, str]:
    return {ISU_NAME: isu_ref(shape), KRITERIA_NAME: kriteria_ref(shape),
            PUTARAN_NAME: putaran_ref(shape)}


def _panel(res: Result) -> list[list[Any]]:
    names = [res.display(i) for i in range(res.shape.n) if res.totals[i] is not None]
    crit = [res.crit_display(c) for c in res.named_cols]
    weights = [float(res.crit_weights[c]) if pw.is_num(res.crit_weights[c]) else 0.0
               for c in res.named_cols]
    note = res.stability_note
    if res.stability is not None and res.mode == MODE_B:
        note = ("Isu utama ditetapkan dengan cara Berpasangan; panel ini menilai peringkat "
                "Skor kriteria.")
    elif res.stability is not None and res.rounds.applied > 0:
        note = (f"Seri di peringkat 1 diselesaikan lewat putaran seri "
                f"{pw.xl_text(_round_no(res.rounds.applied))}: lihat sheet Hasil.")
    return panel.panel_rows(ST_TITLE, res.stability, names, crit, weights, note)


def value_tables(res: Result) -> list[tuple[str, int, list[list[Any]], int]]:
    return [(STABILITAS, ST_BLOCK_ROW, _panel(res), panel.N_COLS)]


def grown_note(shape: Shape, cur: Shape) -> tuple[str, str]:
    """(sheet, cell) of the first row the formulas do not cover yet."""
    if shape.n > cur.n:
        return ISU, f"{L(I_NAME)}{issue_row(cur.n)}"
    if shape.k > cur.k:
        return KRITERIA, f"{L(KR_NAME)}{crit_row(cur.k)}"
    return PUTARAN, f"{L(PT_ROUND)}{pt_row(cur.p)}"


# ============================================================== the weights lock


LOCK = lk.Lock(KRITERIA, KR_ROW0, KR_LNAME, int(KIND.ref[1:]), LOCKED_SETTING_COL,
               LOCK_TIME_CELL, LOCK_STATUS_CELL)


def kunci_bobot(book: Any, res: Result, when: dt.datetime | None = None) -> None:
    """Kunci bobot: record the criteria, weights, weight kind and scale as agreed, and
    when (inputs only: Kriteria G:H, H4:H6, H7). Refused (XlpokjaError, nothing written)
    while the weights are not valid, or changed since an earlier lock."""
    lk.record(book, LOCK, res.lock_status, res.weight_status == mcua.STATUS_OK,
              res.weights_obj.problems,
              Problem("BOBOT_KRITERIA_TIDAK_SAH", KRITERIA, K_STATUS, mcua.STATUS_OK,
                      res.weight_status),
              [[res.crit_names[c], res.crit_weights[c]] for c in range(res.shape.k)],
              res.settings_raw, when)


def buka_kunci(book: Any, res: Result) -> None:
    """Buka kunci: clear the lock record (the criteria and weights stay as they are)."""
    lk.clear(book, LOCK, res.shape.k, len(res.settings_raw or [0, 0, 0]))


# ==================================================================== the tie round


def putaran_seri(book: Any, res: Result) -> None:
    """The Putaran seri button: append a round with every pair of the issues tied at rank 1
    of the chosen ranking (inputs only: Putaran, Isu A, Isu B; the winner is left blank).

    Refused (XlpokjaError, nothing written) when there is no tie at rank 1, the isu utama
    is already decided, or an earlier round on the same issues is still incomplete."""
    tie_set = [i + 1 for i, f in enumerate(res.tie_flags) if f == 1]
    if len(tie_set) < 2 or res.main is not None:
        if res.main is not None:
            found = f"isu utama sudah ditetapkan: {pw.xl_text(res.display(res.main))}"
        elif res.tie_count == 1:
            found = "hanya satu isu di peringkat 1"
        else:
            found = f"belum ada peringkat ({res.status})"
        raise XlpokjaError([Problem("PUTARAN_TIDAK_PERLU", HASIL, H_TIES,
                                    "isu yang sama di peringkat 1 (SAMA)", found)])
    for number in res.rounds.round_numbers():
        qs = res.rounds.rows_of(number)
        if res.rounds.rows[qs[0]].status == pw.ROUND_INCOMPLETE:
            done = sum(res.rounds.rows[q].check == pw.CHECK_OK for q in qs)
            raise XlpokjaError([Problem(
                "SERI_BELUM_SELESAI", PUTARAN, f"{L(PT_WIN)}{pt_row(qs[0])}",
                f"putaran {pw.xl_text(number)}", f"{done} dari {len(qs)} pemenang terisi")])
    nums = [r.number for r in res.rounds.rows if pw.is_num(r.number)]
    nxt = int(max(nums)) + 1 if nums else 1
    last = max((q + 1 for q, r in enumerate(res.rounds.rows)
                if any(not mcua.is_blank(v) for v in (r.number, r.a, r.b, r.winner))),
               default=0)
    rows = [[nxt, a, b] for a, b in pw.round_pairs(tie_set)]
    book.write_block(PUTARAN, pt_row(last), PT_ROUND, rows)


# ====================================================================== layout JSON


def _col(key: str, header: str, col: int, kind: str = "input") -> dict[str, Any]:
    return {"key": key, "header": header, "letter": L(col), "kind": kind}


def layout_json() -> dict[str, Any]:
    return {
        "template": TEMPLATE_ID,
        "version": TEMPLATE_VERSION,
        "sheets": list(SHEETS),
        "tables": [{
            "name": "isu", "sheet": ISU, "header_row": ISU_HEADER, "first_data_row": ISU_ROW0,
            "columns": [_col("no", "No", I_NO, "formula"), _col("isu", "Isu", I_NAME),
                        _col("asal_kelompok", "Asal kelompok", I_GROUP),
                        _col("keterangan", "Keterangan", I_NOTE)],
            "extent_name": ISU_NAME,
            "grows": "baris baru di bawah tabel diikutkan oleh Hitung / xlpokja recalc",
            "note": "No = nomor baris isu (1, 2, …); isu tanpa nama tidak diperingkat",
        }, {
            "name": "kriteria", "sheet": KRITERIA, "header_row": KR_HEADER,
            "first_data_row": KR_ROW0,
            "columns": [_col("no", "No", KR_NO, "formula"), _col("kriteria", "Kriteria", KR_NAME),
                        _col("bobot", "Bobot", KR_WEIGHT),
                        _col("keterangan", "Keterangan", KR_NOTE),
                        _col("pemeriksaan", "Pemeriksaan", KR_CHECK, "formula"),
                        _col("kriteria_dikunci", "Kriteria saat dikunci", KR_LNAME, "action"),
                        _col("bobot_dikunci", "Bobot saat dikunci", KR_LWEIGHT, "action")],
            "extent_name": KRITERIA_NAME,
            "defaults": [{"kriteria": n, "bobot": w} for n, w in DEFAULT_CRITERIA],
            "values": "Persen: jumlah bobot 100; Mentah: angka ≥ 0",
        }, {
            "name": "skor", "sheet": SKOR, "header_row": SK_NAMES_ROW,
            "first_data_row": SK_ROW0,
            "columns": [_col("no", "No", SK_NO, "formula"), _col("isu", "Isu", SK_NAME, "formula"),
                        _col("nilai", "Nilai", SK_TOTAL, "formula"),
                        _col("nilai_normal", "Nilai normal", SK_PCT, "formula"),
                        _col("peringkat", "Peringkat", SK_RANK, "formula"),
                        _col("skor_sah", "Skor sah", SK_VALID, "formula"),
                        _col("catatan", "Catatan", SK_NOTE, "formula")],
            "criterion_columns": {
                "first": L(SK_CRIT0), "name_row": SK_NAMES_ROW, "weight_row": SK_WEIGHT_ROW,
                "rule": "kolom kriteria ke-k (k = 1, 2, …) = kriteria baris ke-k sheet Kriteria, "
                        "mulai kolom H"},
            "rows": "baris ke-i = isu No i (baris sama dengan sheet Isu)",
            "values": "bilangan bulat antara skor terendah dan tertinggi; kosong = belum dinilai",
        }, {
            "name": "berpasangan", "sheet": BERPASANGAN, "header_row": BP_HEADER,
            "first_data_row": BP_ROW0,
            "columns": [_col("no", "No", BP_NO, "formula"), _col("isu", "Isu", BP_NAME, "formula"),
                        _col("menang", "Menang", BP_WINS, "formula"),
                        _col("terisi", "Perbandingan terisi", BP_DECIDED, "formula"),
                        _col("peringkat", "Peringkat", BP_RANK, "formula"),
                        _col("catatan", "Catatan", BP_NOTE, "formula")],
            "matrix": {
                "first_row": BP_ROW0, "first_column": L(BP_COL0),
                "first_column_index": BP_COL0,
                "rule": "sel (isu i, isu j) ada di baris first_row + i − 1, kolom "
                        "first_column_index + j − 1; isi segitiga atas (j > i) dengan nomor "
                        "pemenang, i atau j; segitiga bawah boleh kosong (salinan pemeriksa)"},
        }, {
            "name": "putaran", "sheet": PUTARAN, "header_row": PT_HEADER,
            "first_data_row": PT_ROW0,
            "columns": [_col("putaran", "Putaran", PT_ROUND, "action"),
                        _col("isu_a", "Isu A (No)", PT_A, "action"),
                        _col("isu_b", "Isu B (No)", PT_B, "action"),
                        _col("pemenang", "Pemenang (No)", PT_WIN),
                        _col("status", "Status putaran", PT_STATUS, "formula")],
            "extent_name": PUTARAN_NAME,
            "note": "baris ditambah oleh tombol Putaran seri (xlpokja seri); isi Pemenang",
        }],
        "settings": [KIND.to_json(), SCALE_LO.to_json(), SCALE_HI.to_json(),
                     MODE.to_json(), TOP_K.to_json()],
        "outputs": {
            "isu_utama": {"sheet": HASIL, "cell": H_MAIN},
            "status": {"sheet": HASIL, "cell": H_STATUS},
            "cara_dipakai": {"sheet": HASIL, "cell": H_MODE_EFF},
            "seri_peringkat_1": {"sheet": HASIL, "cell": H_TIES},
            "putaran_dipakai": {"sheet": HASIL, "cell": H_ROUND},
            "weights_status": {"sheet": KRITERIA, "cell": K_STATUS},
            "lock": {"sheet": KRITERIA, "time": LOCK_TIME_CELL, "status": LOCK_STATUS_CELL,
                     "settings_locked": f"{L(LOCKED_SETTING_COL)}{KIND.ref[1:]}:"
                                        f"{L(LOCKED_SETTING_COL)}{SCALE_HI.ref[1:]}",
                     "note": "ditulis oleh tombol Kunci bobot / Buka kunci (xlpokja kunci, "
                             "xlpokja buka-kunci); hanya cara Skor kriteria"},
            "pairwise_status": {"sheet": BERPASANGAN, "cell": BP_STATUS},
            "results_sheet": {"sheet": HASIL, "header_row": HASIL_HEADER,
                              "first_data_row": HASIL_ROW0,
                              "columns": [{"key": k, "header": h, "letter": L(c)} for c, (k, h) in
                                          ((c, (_HASIL_KEYS[c], h))
                                           for c, h in HASIL_HEADERS.items())]},
            "stability": {"sheet": STABILITAS, "first_row": ST_BLOCK_ROW,
                          "rows": panel.BLOCK_ROWS, "columns": panel.N_COLS},
            "problems": common.masalah_json(),
        },
    }


_HASIL_KEYS = {
    HA_NO: "no", HA_NAME: "isu", HA_TOTAL: "nilai", HA_PCT: "nilai_normal",
    HA_RANK_A: "peringkat_skor", HA_WINS: "menang", HA_RANK_B: "peringkat_berpasangan",
    HA_RANK: "peringkat", HA_TIE: "seri_peringkat_1", HA_RWINS: "menang_putaran",
    HA_SUB: "sub_peringkat", HA_FINAL: "urutan_akhir", HA_NOTE: "catatan",
    HA_KEY: "kunci_urut", HA_SL_ORDER: "daftar_pendek_urutan", HA_SL_NO: "daftar_pendek_no",
    HA_SL_NAME: "daftar_pendek_isu"}


# ====================================================================== JSON results


def _jnum(x: Any) -> Any:
    if x is None:
        return None
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return x


def result_json(res: Result, lang: str = "id") -> dict[str, Any]:
    issues = []
    for i in range(res.shape.n):
        if not res.active[i]:
            continue
        issues.append({
            "no": i + 1, "row": issue_row(i), "name": res.display(i),
            "group": None if mcua.is_blank(res.groups[i]) else res.groups[i],
            "mode_a": {"total": res.totals[i], "pct": res.pct(i), "rank": res.ranks_a[i],
                       "tied": res.ranks_a[i] is not None and res.ties_a[i],
                       "valid_scores": res.valid_counts[i], "note": res.skor_note(i)},
            "mode_b": {"wins": res.pairs.wins[i], "rank": res.pairs.ranks[i],
                       "tied": res.pairs.ranks[i] is not None and res.pairs.ties[i],
                       "compared": res.pairs.decided[i]},
            "rank": res.base[i], "round_wins": res.rounds.wins[i],
            "subrank": res.rounds.subranks[i], "final": res.final[i],
            "tied": res.final[i] is not None and res.final_ties[i],
            "note": res.note(i),
        })
    rounds = []
    for number in res.rounds.round_numbers():
        qs = res.rounds.rows_of(number)
        rows = res.rounds.rows
        rounds.append({
            "number": _jnum(number),
            "status": rows[qs[0]].status,
            "pairs": [{"row": pt_row(q), "a": _jnum(rows[q].a), "b": _jnum(rows[q].b),
                       "winner": _jnum(rows[q].winner), "check": rows[q].check}
                      for q in qs],
            "issues": sorted({_jnum(v) for q in qs for v in (rows[q].a, rows[q].b)
                              if pw.is_num(v)}),
        })
    st = None
    if res.stability is not None:
        names = [res.display(i) for i in range(res.shape.n) if res.totals[i] is not None]
        st = panel.panel_json(res.stability, names,
                              [res.crit_display(c) for c in res.named_cols],
                              [float(res.crit_weights[c]) for c in res.named_cols])
    return {
        "schema": "xlpokja/matriks_pemeringkatan/1",
        "template": TEMPLATE_ID,
        "mode": res.mode,
        "isu_utama": None if res.main is None else res.display(res.main),
        "isu_utama_no": None if res.main is None else res.main + 1,
        "status": res.status,
        "issues": issues,
        "criteria": [{"name": res.crit_display(c), "weight": res.crit_weights[c]}
                     for c in res.named_cols],
        "weights_kind": res.kind,
        "weights_sum": res.weight_sum,
        "weights_status": res.weight_status,
        "weights_ok": res.weight_status == mcua.STATUS_OK,
        "lock": {"status": res.lock_status, "locked_at": None if mcua.is_blank(res.lock_time)
                 else mcua.text(res.lock_time)},
        "scale": list(res.scale),
        "pairwise": {"required": res.pairs.required, "filled": res.pairs.filled,
                     "complete": res.pairs.complete, "status": res.pairs.status},
        "tied_at_1": [i + 1 for i, f in enumerate(res.tie_flags) if f],
        "rounds": rounds,
        "applied_round": _jnum(res.rounds.applied) or None,
        "k": res.k,
        "shortlist": [{"order": res.final[i], "no": i + 1, "name": res.display(i),
                       "tied": res.final_ties[i]} for i in res.shortlist],
        "stability": st,
        "shape": {"issues": res.shape.n, "criteria": res.shape.k, "round_rows": res.shape.p},
        "valid": res.valid,
        "problems": [p.to_dict(lang) for p in res.problems],
    }


def resume_text(res: Result) -> str:
    """Both rankings, the isu utama and the shortlist, as an Indonesian text table."""
    out = ["MATRIKS PEMERINGKATAN — ISU UTAMA"]
    crit = ", ".join(f"{pw.xl_text(res.crit_display(c))} "
                     f"{pw.xl_text(res.crit_weights[c])}" for c in res.named_cols) or "–"
    out.append(f"Kriteria dan bobot ({res.kind}): {crit}; jumlah "
               f"{format_number(res.weight_sum)} ({res.weight_status}); skala "
               f"{res.scale[0]}–{res.scale[1]}")
    out.append(f"Kunci bobot: {res.lock_status}"
               + ("" if mcua.is_blank(res.lock_time) else f" ({mcua.text(res.lock_time)})"))
    out.append(f"Berpasangan: {res.pairs.filled} dari {res.pairs.required} perbandingan "
               f"({res.pairs.status})")
    out.append(f"Cara penetapan: {res.mode}")
    out.append("")
    out.append(f"{'No':>3}  {'Isu':<36}{'Nilai':>9}{'Per.A':>6}{'Menang':>7}{'Per.B':>6}"
               f"{'Urutan':>7}  Catatan")
    order = sorted((i for i in range(res.shape.n) if res.active[i]),
                   key=lambda i: (res.final[i] is None, res.final[i] or 0, i))
    for i in order:
        t = res.totals[i]
        out.append(f"{i + 1:>3}  {pw.xl_text(res.display(i))[:36]:<36}"
                   f"{'–' if t is None else format_number(t, 2):>9}"
                   f"{'–' if res.ranks_a[i] is None else res.ranks_a[i]:>6}"
                   f"{'–' if res.pairs.wins[i] is None else res.pairs.wins[i]:>7}"
                   f"{'–' if res.pairs.ranks[i] is None else res.pairs.ranks[i]:>6}"
                   f"{'–' if res.final[i] is None else res.final[i]:>7}  {res.note(i)}")
    out.append("")
    main = "–" if res.main is None else pw.xl_text(res.display(res.main))
    out.append(f"ISU UTAMA: {main} — {res.status}")
    sl = "; ".join(f"{res.final[i]}. {pw.xl_text(res.display(i))}" for i in res.shortlist)
    out.append(f"Daftar pendek (urutan ≤ {res.k}): {sl or '–'}")
    for number in res.rounds.round_numbers():
        qs = res.rounds.rows_of(number)
        out.append(f"Putaran seri {pw.xl_text(number)}: {len(qs)} pasangan, "
                   f"{res.rounds.rows[qs[0]].status}")
    out += common.problems_text(res.problems)
    return "\n".join(out)


_SERI = ("Putaran seri", "PutaranSeri")
_KUNCI = ("Kunci bobot", "KunciBobot")
_BUKA = ("Buka kunci", "BukaKunci")
#: the form buttons (built by ``xlpokja build``, rebuilt by Hitung when damaged)
BUTTONS = (
    Button(HASIL, 690.0, 44.0), Button(HASIL, 690.0, 84.0, *_SERI),
    Button(PUTARAN, 880.0, 4.0, *_SERI), Button(PUTARAN, 1000.0, 4.0),
    Button(BERPASANGAN, 520.0, 36.0),
    Button(KRITERIA, 1140.0, 40.0, *_KUNCI), Button(KRITERIA, 1140.0, 80.0, *_BUKA))
