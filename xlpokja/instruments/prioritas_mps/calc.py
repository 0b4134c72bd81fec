"""MPS Proses-02 "Penetapan Prioritas" (K7): sub-sector ranking of the main activities
and the inheritance of the supporting activities.

instruments.md K7, decisions.md §1–5, 15, 19:

* indicators and their weights are agreed by the Pokja (step 2, "tidak harus seperti
  contoh"): none are built in. Weights are ``Persen`` (must sum to 100) or ``Mentah``
  (any numbers ≥ 0), used as entered, never normalised (§3, §15);
* a main activity (*kegiatan utama*, "kolom 1") is scored on every indicator with a whole
  number on the agreed scale (default 1–5); blank is not zero: an activity gets a total
  only when every indicator is validly scored (§1);
* Total = Σ w_k × s_k, rounded to 9 decimals; ranks are competition ranks (1, 2, 2, 4)
  within each sub-sector (Air Limbah, Persampahan, Drainase, PHBS; step 7, §19); ties are
  flagged ``SAMA`` and never broken by row order (§2);
* a supporting activity (*kegiatan pendukung*) has no score of its own and takes the rank
  of its main activity ("secara otomatis memiliki prioritas yang sama dengan kegiatan
  utamanya", step 5); when the main activity is non-infrastructure the rank is inherited
  but flagged (K7 issue 5).

Every comparison follows Excel's ``=``: text case-insensitive and not trimmed, a number
never equals a text, so that the workbook's native formulas give the same result.

Pure Python (standard library) and the core only. ``locate(kind, i, j)`` maps an item to its
``(sheet, cell)`` so that problems name the cell the user must fix.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from xlpokja.core import mcua
from xlpokja.core.problems import ERROR, WARNING, Problem, format_number, show_found
from xlpokja.core.scales import (
    EXCEL_ERRORS,
    classify_int,
    competition_rank,
    expected_text,
    is_blank,
    round9,
    xl_key,
    xl_text,
)

SUBSECTORS = ("Air Limbah", "Persampahan", "Drainase", "PHBS")
INFRA, NON_INFRA = "Infrastruktur", "Non-infrastruktur"
JENIS = (INFRA, NON_INFRA)
PERSEN, MENTAH = mcua.PERSEN, mcua.MENTAH

# overall status of the indicator table (shown on sheet Indikator)
STATUS_OK = mcua.STATUS_OK
STATUS_NO_IND = "belum ada indikator"
STATUS_INVALID = "ada indikator atau bobot yang tidak sah"
STATUS_NOT_100 = mcua.STATUS_NOT_100
STATUS_ALL_ZERO = mcua.STATUS_ALL_ZERO
STATUS_CHANGED = "berubah setelah dikunci"  # locked, then changed (decisions.md §16)

# status of one indicator row ("" = empty row, not an indicator)
IND_OK = "OK"
IND_NO_NAME = "nama kosong"
IND_NO_WEIGHT = "bobot kosong"
IND_NOT_NUMBER = "bobot bukan angka"
IND_NEGATIVE = "bobot negatif"
IND_DUPLICATE = "nama ganda"

TIE = "SAMA"
ROUND_USED, ROUND_OUTDATED, ROUND_INCOMPLETE = "dipakai", "kedaluwarsa", "belum lengkap"
FLAG_SEP = "; "
FLAG_NO_NAME = "tanpa nama kegiatan"
FLAG_SUB_BLANK = "sub-sektor kosong"
FLAG_SUB_UNKNOWN = "sub-sektor tidak dikenal"
FLAG_JENIS_BLANK = "jenis kosong"
FLAG_JENIS_UNKNOWN = "jenis tidak dikenal"
FLAG_NOT_SCORED = "belum dinilai"
FLAG_INVALID = " skor tidak sah"  # preceded by the count
FLAG_MISSING = "skor kosong: "  # followed by the indicator names
FLAG_NO_TOTAL = "tanpa total: "  # followed by the weights status
FLAG_DUPLICATE = "nama ganda"

SUP_NO_NAME = "nama kegiatan pendukung kosong"
SUP_NO_MAIN = "kegiatan utama kosong"
SUP_MAIN_MISSING = "kegiatan utama tidak ada"
SUP_NON_INFRA = "utama non-infrastruktur: peringkat diwarisi, periksa"
SUP_MAIN_UNRANKED = "kegiatan utama belum berperingkat"

Locate = Callable[[str, int, int], tuple[str, str]]


def _default_locate(kind: str, i: int, j: int) -> tuple[str, str]:
    return "", f"{kind}[{i},{j}]"


# ============================================================== Excel's comparisons


blank = is_blank  # the shared Excel comparisons (core/scales.py)


def _is_num(v: Any) -> bool:
    """Excel's ISNUMBER on a cell value (booleans and text are not numbers)."""
    return isinstance(v, (int, float)) and not isinstance(v, bool)


_SUB_KEYS = {xl_key(s): g for g, s in enumerate(SUBSECTORS)}
_JENIS_KEYS = {xl_key(s): s for s in JENIS}


def subsector_index(v: Any) -> int | None:
    return _SUB_KEYS.get(xl_key(v))


def jenis_of(v: Any) -> str | None:
    return _JENIS_KEYS.get(xl_key(v))


# ==================================================================== indicators


@dataclass
class Indicators:
    """The indicator table as entered, checked (sheet Indikator)."""

    names: list[Any]
    raw: list[Any]
    row_status: list[str]  # "" = empty row
    kind: str
    scale: tuple[int, int]
    status: str
    wsum: float  # Σ of the numeric weights (Excel's SUM)
    problems: list[Problem] = field(default_factory=list)

    @property
    def active(self) -> list[int]:
        return [j for j, s in enumerate(self.row_status) if s]

    @property
    def n_active(self) -> int:
        return len(self.active)

    @property
    def ok(self) -> bool:
        return self.status == STATUS_OK

    def weight(self, j: int) -> float | None:
        w = self.raw[j]
        return float(w) if _is_num(w) and w >= 0 else None

    @property
    def weights(self) -> list[float]:
        """Weights of the active indicators (valid when ``ok``)."""
        return [self.weight(j) or 0.0 for j in self.active]

    @property
    def active_names(self) -> list[Any]:
        return [self.names[j] for j in self.active]


def _kind(raw: Any, locate: Locate) -> tuple[str, list[Problem]]:
    """``Mentah`` when the cell says so (Excel ``=``), else ``Persen`` (blank = default)."""
    if xl_key(raw) == xl_key(MENTAH):
        return MENTAH, []
    if blank(raw) or xl_key(raw) == xl_key(PERSEN):
        return PERSEN, []
    return PERSEN, [Problem("PENGATURAN_TIDAK_SAH", *locate("kind", 0, 0),
                            " atau ".join(mcua.WEIGHT_KINDS), show_found(raw))]


def check_indicators(names: Sequence[Any], raw: Sequence[Any], kind_raw: Any, lo_raw: Any,
                     hi_raw: Any, locate: Locate = _default_locate) -> Indicators:
    """Per row: empty (both blank: not an indicator) or an indicator whose name and weight
    must be valid; then the table's status, as the workbook's formulas show it."""
    problems: list[Problem] = []
    kind, kp = _kind(kind_raw, locate)
    problems += kp
    scale, sp = mcua.check_scale(lo_raw, hi_raw, lambda k, i: locate(k, i, 0))
    problems += sp
    keys = [xl_key(n) for n in names]
    count: dict[tuple[str, Any], int] = {}
    for k in keys:
        count[k] = count.get(k, 0) + 1
    status: list[str] = []
    seen: set[tuple[str, Any]] = set()
    for j, (n, w) in enumerate(zip(names, raw)):
        if blank(n) and blank(w):
            status.append("")
            continue
        if blank(n):
            status.append(IND_NO_NAME)
            problems.append(Problem("KRITERIA_KOSONG", *locate("ind_name", j, 0), "nama indikator",
                                    "kosong (bobot " + show_found(w) + ")"))
        elif not _is_num(w):
            status.append(IND_NO_WEIGHT if blank(w) else IND_NOT_NUMBER)
        elif w < 0:
            status.append(IND_NEGATIVE)
        elif count[keys[j]] > 1:
            status.append(IND_DUPLICATE)
        else:
            status.append(IND_OK)
        if not blank(n) and count[keys[j]] > 1:
            if keys[j] in seen:
                problems.append(Problem("KRITERIA_GANDA", *locate("ind_name", j, 0),
                                        "satu baris per indikator", show_found(n)))
            seen.add(keys[j])
        if not (_is_num(w) and w >= 0):
            problems.append(Problem("BOBOT_KRITERIA_TIDAK_SAH", *locate("ind_weight", j, 0),
                                    "angka ≥ 0", "kosong" if blank(w) else show_found(w)))
        elif w == 0:
            problems.append(Problem("BOBOT_NOL", *locate("ind_weight", j, 0), "bobot > 0", "0",
                                    WARNING))
    wsum = 0.0
    for w in raw:  # Excel's SUM: numbers only, in row order
        if _is_num(w):
            wsum = wsum + w
    active = [s for s in status if s]
    if not active:
        st = STATUS_NO_IND
    elif any(s != IND_OK for s in active):
        st = STATUS_INVALID
    elif wsum == 0:
        st = STATUS_ALL_ZERO
        problems.append(Problem("BOBOT_SEMUA_NOL", *locate("sum", 0, 0), "> 0", "semua 0"))
    elif kind == PERSEN and abs(wsum - 100) > 1e-9:
        st = STATUS_NOT_100
        problems.append(Problem("BOBOT_KRITERIA_TIDAK_100", *locate("sum", 0, 0), "100",
                                format_number(wsum)))
    else:
        st = STATUS_OK
    return Indicators(list(names), list(raw), status, kind, scale, st, float(wsum), problems)


# ==================================================================== the result


@dataclass
class Supporting:
    name: Any
    main_raw: Any
    main: int | None  # index of the main activity (first match, like MATCH)
    subsector: Any  # the main activity's sub-sector cell, as entered
    rank: int | None
    flags: list[str]


@dataclass
class Prioritas:
    """Everything computed for the MPS priority workbook."""

    ind: Indicators
    subs: list[Any]
    programs: list[Any]
    names: list[Any]
    jenis: list[Any]
    raw_scores: list[list[Any]]  # n × nc, as entered
    scores: list[list[float]]  # n rows of nc: valid scores of active indicators, nan otherwise
    data: list[bool]  # row holds something besides the name (sub-sector, ..., scores)
    has: list[bool]  # row holds anything (name or data)
    filled: list[int]  # non-blank score cells (all indicator columns)
    valid: list[int]  # valid scores of active indicators
    group: list[int | None]  # sub-sector index
    totals: list[float | None]
    ranks: list[int | None]
    ties: list[bool]
    supporting: list[Supporting]
    problems: list[Problem] = field(default_factory=list)
    # tie rounds (putaran seri): sub-ranks and the final order (urutan akhir)
    subranks: list[int | None] = field(default_factory=list)
    final: list[int | None] = field(default_factory=list)
    rounds: list[Round] = field(default_factory=list)
    round_rows_status: list[str] = field(default_factory=list)
    round_totals: list[float | None] = field(default_factory=list)
    round_subranks: list[int | None] = field(default_factory=list)
    round_complete: list[bool] = field(default_factory=list)
    round_blank: list[bool] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.names)

    def pct(self, i: int) -> float | None:
        t = self.totals[i]
        if t is None:
            return None
        return t / (self.ind.wsum * self.ind.scale[1])

    def score(self, i: int, j: int) -> float | None:
        v = self.scores[i][j]
        return None if math.isnan(v) else float(v)

    def missing(self, i: int) -> list[Any]:
        """Active indicators whose score cell is blank."""
        return [self.ind.names[j] for j in self.ind.active if blank(self.raw_scores[i][j])]

    def duplicate(self, i: int) -> bool:
        if blank(self.names[i]):
            return False
        k = xl_key(self.names[i])
        return sum(xl_key(n) == k for n in self.names) > 1

    def flags(self, i: int) -> list[str]:
        """Keterangan of an activity, in the order of the workbook's formula."""
        if not self.has[i]:
            return []
        out = []
        if blank(self.names[i]) and self.data[i]:
            out.append(FLAG_NO_NAME)
        if blank(self.subs[i]):
            out.append(FLAG_SUB_BLANK)
        elif self.group[i] is None:
            out.append(FLAG_SUB_UNKNOWN)
        if blank(self.jenis[i]):
            out.append(FLAG_JENIS_BLANK)
        elif jenis_of(self.jenis[i]) is None:
            out.append(FLAG_JENIS_UNKNOWN)
        if self.filled[i] == 0 and self.ind.n_active > 0:
            out.append(FLAG_NOT_SCORED)
        if self.filled[i] > self.valid[i]:
            out.append(f"{self.filled[i] - self.valid[i]}{FLAG_INVALID}")
        miss = self.missing(i)
        if self.filled[i] > 0 and miss:
            out.append(FLAG_MISSING + ", ".join(xl_text(n) for n in miss))
        if not self.ind.ok:
            out.append(FLAG_NO_TOTAL + self.ind.status)
        if self.duplicate(i):
            out.append(FLAG_DUPLICATE)
        return out

    def keterangan(self, i: int) -> str:
        return FLAG_SEP.join(self.flags(i))

    def order(self, g: int) -> list[int]:
        """Activities of sub-sector g with a rank, in final order (ties by row)."""
        ix = [i for i in range(self.n) if self.group[i] == g and self.ranks[i] is not None]
        return sorted(ix, key=lambda i: (self.final[i], i))

    def unranked(self, g: int) -> list[int]:
        return [i for i in range(self.n)
                if self.group[i] == g and self.has[i] and self.ranks[i] is None]

    def excluded(self) -> list[int]:
        """Rows with data but no (valid) sub-sector."""
        return [i for i in range(self.n) if self.has[i] and self.group[i] is None]

    def supporting_of(self, i: int) -> list[int]:
        return [s for s, sp in enumerate(self.supporting) if sp.main == i]

    def orphans(self) -> list[int]:
        return [s for s, sp in enumerate(self.supporting)
                if sp.main is None and not (blank(sp.name) and blank(sp.main_raw))]

    @property
    def valid_input(self) -> bool:
        return not any(p.severity == ERROR for p in self.problems)

    def stability(self, g: int, **kw: Any) -> Any:
        """The stability panel of sub-sector g (None without a valid ranking)."""
        from xlpokja.core.stability import stability

        ix = self.order(g)
        if not self.ind.ok or not ix:
            return None
        act = self.ind.active
        s = [[self.scores[i][j] for j in act] for i in ix]
        lo, hi = self.ind.scale
        return stability(self.ind.weights, s, lo=lo, hi=hi, **kw)


@dataclass
class Round:
    """One tie round (putaran seri): rows of the Putaran sheet sharing a round number."""

    number: Any
    group: Any  # the sub-sector, as entered
    names: list[Any]
    rows: list[int]  # indices into the round table
    totals: list[float | None]
    subranks: list[int | None]
    status: str = ROUND_INCOMPLETE


def _blocks(names: Sequence[Any], groups: Sequence[int | None], key_of: Sequence[Any]
            ) -> list[set[tuple[str, Any]]]:
    """Tied blocks: activity names (keys) of one sub-sector sharing one ordering key."""
    by: dict[tuple[int, Any], set[tuple[str, Any]]] = {}
    for nm, g, kv in zip(names, groups, key_of):
        if g is None or kv is None or blank(nm):
            continue
        by.setdefault((g, kv), set()).add(xl_key(nm))
    return [b for b in by.values() if len(b) > 1]


def _num_key(v: Any) -> tuple[int, Any]:
    return (0, float(v)) if _is_num(v) else (1, xl_text(v))


def _rounds(names: Sequence[Any], groups: Sequence[int | None], ranks: Sequence[int | None],
            totals: Sequence[float | None], ind: Indicators, table: Sequence[Sequence[Any]],
            raw: Sequence[Sequence[Any]], locate: Locate, problems: list[Problem]
            ) -> dict[str, Any]:
    """The tie rounds, as in ``mcua_stpp/calc.py``: a round applies when it is
    complete and its activities are exactly a block still tied (nested rounds add up);
    otherwise it is outdated (warning) or incomplete."""
    nc = len(ind.names)
    lo, hi = ind.scale
    active = ind.active
    n_rows = len(table)
    rows_raw = [list(r[:nc]) + [None] * (nc - len(r)) for r in raw]
    rows_raw += [[None] * nc for _ in range(n_rows - len(rows_raw))]
    rblank = [blank(table[r][2]) and all(blank(v) for v in rows_raw[r]) for r in range(n_rows)]
    rvals = [[math.nan] * nc for _ in range(n_rows)]
    rvalid = [0] * n_rows
    exp = expected_text(lo, hi).replace(" atau kosong", "")
    for r in range(n_rows):
        scored = any(not blank(rows_raw[r][j]) for j in active)
        for j in active:
            f, code = classify_int(rows_raw[r][j], lo, hi)
            if code is None:
                rvals[r][j] = f
                rvalid[r] += 1
            elif code or scored:  # a bad re-score, or a blank beside others, is listed
                v = rows_raw[r][j]
                problems.append(Problem(code or "SKOR_KOSONG", *locate("round_score", r, j), exp,
                                        "kosong" if code == "" else show_found(v)))
    rcomplete = [not rblank[r] and rvalid[r] == ind.n_active for r in range(n_rows)]
    rtotals: list[float | None] = []
    for r in range(n_rows):
        if rcomplete[r] and ind.ok:
            s = 0.0
            for j in range(nc):
                if j in active:
                    s = s + float(ind.raw[j]) * rvals[r][j]
            rtotals.append(round9(float(s)))
        else:
            rtotals.append(None)
    by_no: dict[Any, list[int]] = {}
    for r, (no, g, nm) in enumerate(table):
        if blank(no) and blank(nm) and blank(g):
            continue
        by_no.setdefault(xl_text(no), []).append(r)
    rsub: list[int | None] = [None] * n_rows
    for rows in by_no.values():
        for r in rows:
            if rtotals[r] is not None:
                t = rtotals[r]
                rsub[r] = 1 + sum(1 for q in rows if rtotals[q] is not None and rtotals[q] > t)
    key_of: list[Any] = [None if (rk is None or t is None) else (rk,)
                         for rk, t in zip(ranks, totals)]
    row_status = [""] * n_rows
    out: list[Round] = []
    for no in sorted(by_no, key=lambda k: _num_key(table[by_no[k][0]][0])):
        rows = by_no[no]
        g = table[rows[0]][1]
        rd = Round(table[rows[0]][0], g, [table[r][2] for r in rows], rows,
                   [rtotals[r] for r in rows], [rsub[r] for r in rows])
        gi = subsector_index(g)
        keys = {xl_key(nm) for nm in rd.names if not blank(nm)}
        blocks = _blocks(names, groups, key_of)
        if any(rtotals[r] is None for r in rows) or gi is None:
            rd.status = ROUND_INCOMPLETE
        elif not any(keys == b for b in blocks) or len(keys) != len(rows):
            rd.status = ROUND_OUTDATED
            problems.append(Problem("PUTARAN_KEDALUWARSA", *locate("round_no", rows[0], 0),
                                    "kegiatan yang masih seri",
                                    "kegiatan lain / tidak seri lagi", WARNING))
        else:
            rd.status = ROUND_USED
            sub = {xl_key(nm): s_ for nm, s_ in zip(rd.names, rd.subranks)}
            for i, nm in enumerate(names):
                if groups[i] == gi and not blank(nm) and xl_key(nm) in sub \
                        and key_of[i] is not None:
                    key_of[i] = key_of[i] + (sub[xl_key(nm)],)
        for r in rows:
            row_status[r] = rd.status
        out.append(rd)
    n = len(names)
    subranks: list[int | None] = [None] * n
    sub_sum = [0] * n
    for rd in out:
        if rd.status != ROUND_USED:
            continue
        gi = subsector_index(rd.group)
        for nm, s_ in zip(rd.names, rd.subranks):
            for i in range(n):
                if not blank(names[i]) and xl_key(names[i]) == xl_key(nm) \
                        and groups[i] == gi and s_ is not None and totals[i] is not None:
                    sub_sum[i] += s_ - 1
                    subranks[i] = sub_sum[i] + 1
    final: list[int | None] = list(ranks)
    for i in range(n):
        if subranks[i] is not None and ranks[i] is not None:
            final[i] = ranks[i] + subranks[i] - 1
    return {"rounds": out, "round_rows_status": row_status, "round_totals": rtotals,
            "round_subranks": rsub, "round_complete": rcomplete, "round_blank": rblank,
            "subranks": subranks, "final": final}


def open_ties(p: Prioritas) -> list[tuple[int, list[int]]]:
    """Blocks still tied after the rounds: (sub-sector, activity indices), best first."""
    out = []
    for g in range(len(SUBSECTORS)):
        by: dict[int, list[int]] = {}
        for i in p.order(g):
            by.setdefault(p.final[i], []).append(i)  # type: ignore[arg-type]
        out += [(g, ix) for _, ix in sorted(by.items()) if len(ix) > 1]
    return out


def prioritise(ind_names: Sequence[Any], ind_weights: Sequence[Any], kind: Any, lo: Any,
               hi: Any, subs: Sequence[Any], programs: Sequence[Any], names: Sequence[Any],
               jenis: Sequence[Any], notes: Sequence[Any], scores: Sequence[Sequence[Any]],
               sup_names: Sequence[Any] = (), sup_mains: Sequence[Any] = (),
               locate: Locate = _default_locate,
               changed_after_lock: bool = False,
               round_table: Sequence[Sequence[Any]] = (),
               round_scores: Sequence[Sequence[Any]] = ()) -> Prioritas:
    """Check and compute the whole workbook.

    ``scores[i]`` has one cell per indicator row (``len(ind_names)``), inactive rows
    included; ``notes`` only decides whether a row holds data. ``changed_after_lock``:
    the indicators, weights or settings differ from those locked (Kunci bobot), so the
    weights status is :data:`STATUS_CHANGED` and there are no totals (decisions.md §16).
    """
    ind = check_indicators(ind_names, ind_weights, kind, lo, hi, locate)
    if changed_after_lock:
        ind.status = STATUS_CHANGED
    nc = len(ind_names)
    n = len(names)
    lo_, hi_ = ind.scale
    active = ind.active
    problems: list[Problem] = list(ind.problems)
    raw = [list(r[:nc]) + [None] * (nc - len(r)) for r in scores]
    values = [[math.nan] * nc for _ in range(n)]
    filled = [sum(not blank(v) for v in r) for r in raw]
    data = [filled[i] > 0 or any(not blank(x[i]) for x in (subs, programs, jenis, notes))
            for i in range(n)]
    has = [data[i] or not blank(names[i]) for i in range(n)]
    valid = [0] * n
    exp = expected_text(lo_, hi_).replace(" atau kosong", "")
    score_problems: dict[int, list[Problem]] = {}
    for i in range(n):
        blanks = []
        for j in active:
            v = raw[i][j]
            f, code = classify_int(v, lo_, hi_)
            if code is None:
                values[i][j] = f
                valid[i] += 1
            elif code == "":
                blanks.append(j)
            else:
                found = (show_found(v.strip()) if isinstance(v, str)
                         and v.strip() in EXCEL_ERRORS else show_found(v))
                score_problems.setdefault(i, []).append(
                    Problem(code, *locate("score", i, j), exp, found))
        if blanks and any(not blank(raw[i][j]) for j in active):
            for j in blanks:
                score_problems.setdefault(i, []).append(
                    Problem("SKOR_KOSONG", *locate("score", i, j), exp, "kosong"))
    # stray scores in columns whose indicator row is empty
    col_problems = []
    for j in range(nc):
        if j in active:
            continue
        k = sum(not blank(raw[i][j]) for i in range(n))
        if k:
            col_problems.append(Problem("NILAI_TANPA_INDIKATOR", *locate("column", 0, j),
                                        "nama dan bobot indikator di sheet Indikator",
                                        f"baris indikator kosong, {k} sel berisi"))

    group = [subsector_index(s) for s in subs]
    totals: list[float | None] = [None] * n
    if ind.ok:
        for i in range(n):
            if valid[i] == ind.n_active:
                s = 0.0
                for j in range(nc):
                    if j in active:
                        s = s + float(ind.raw[j]) * values[i][j]
                totals[i] = round9(float(s))
    keyed = [t if g is not None else None for t, g in zip(totals, group)]
    ranks = competition_rank(keyed, group)
    rnd = _rounds(names, group, ranks, keyed, ind, [tuple(r[:3]) for r in round_table],
                  round_scores, locate, problems)
    final = rnd["final"]
    ties = [final[i] is not None and any(j != i and group[j] == group[i] and final[j] == final[i]
                                         for j in range(n)) for i in range(n)]

    row_problems: list[Problem] = []
    seen: set[tuple[str, Any]] = set()
    for i in range(n):
        if not has[i]:
            continue
        if blank(names[i]):
            row_problems.append(Problem("KEGIATAN_TANPA_NAMA", *locate("act_name", i, 0),
                                        "nama kegiatan utama", "kosong", WARNING))
        else:
            k = xl_key(names[i])
            if k in seen:
                row_problems.append(Problem("KEGIATAN_GANDA", *locate("act_name", i, 0),
                                            "nama kegiatan utama yang unik",
                                            show_found(names[i]), WARNING))
            seen.add(k)
        if blank(subs[i]):
            row_problems.append(Problem("SUBSEKTOR_KOSONG", *locate("sub", i, 0),
                                        " / ".join(SUBSECTORS), "kosong"))
        elif group[i] is None:
            row_problems.append(Problem("SUBSEKTOR_TIDAK_DIKENAL", *locate("sub", i, 0),
                                        " / ".join(SUBSECTORS), show_found(subs[i])))
        if blank(jenis[i]):
            row_problems.append(Problem("KEGIATAN_JENIS_KOSONG", *locate("jenis", i, 0),
                                        " / ".join(JENIS), "kosong", WARNING))
        elif jenis_of(jenis[i]) is None:
            row_problems.append(Problem("KEGIATAN_JENIS_TIDAK_DIKENAL", *locate("jenis", i, 0),
                                        " / ".join(JENIS), show_found(jenis[i]), WARNING))
        if filled[i] == 0 and ind.n_active > 0:
            row_problems.append(Problem("KEGIATAN_BELUM_DINILAI", *locate("act_name", i, 0),
                                        "skor untuk setiap indikator", "tidak ada skor",
                                        WARNING))
        row_problems += score_problems.get(i, [])
    if ind.n_active == 0 and any(has):
        problems.append(Problem("KRITERIA_KOSONG", *locate("ind_name", 0, 0),
                                "paling sedikit satu indikator dengan bobot",
                                "belum ada indikator"))

    # supporting activities
    first: dict[tuple[str, Any], int] = {}
    count: dict[tuple[str, Any], int] = {}
    for i, nm in enumerate(names):
        if not blank(nm):
            first.setdefault(xl_key(nm), i)
            count[xl_key(nm)] = count.get(xl_key(nm), 0) + 1
    sup: list[Supporting] = []
    sup_problems: list[Problem] = []
    for s, (nm, mr) in enumerate(zip(sup_names, sup_mains)):
        flags: list[str] = []
        main = None if blank(mr) else first.get(xl_key(mr))
        if blank(nm) and not blank(mr):
            flags.append(SUP_NO_NAME)
            sup_problems.append(Problem("PENDUKUNG_NAMA_KOSONG", *locate("sup_name", s, 0),
                                        "nama kegiatan pendukung", "kosong", WARNING))
        if blank(mr) and not blank(nm):
            flags.append(SUP_NO_MAIN)
            sup_problems.append(Problem("PENDUKUNG_UTAMA_KOSONG", *locate("sup_main", s, 0),
                                        "nama kegiatan utama dari sheet Kegiatan", "kosong"))
        if not blank(mr):
            if main is None:
                flags.append(SUP_MAIN_MISSING)
                sup_problems.append(Problem("PENDUKUNG_UTAMA_TIDAK_ADA",
                                            *locate("sup_main", s, 0),
                                            "nama kegiatan utama dari sheet Kegiatan",
                                            show_found(mr)))
            else:
                if count[xl_key(mr)] > 1:  # follows the first row of that name: named
                    sup_problems.append(Problem(
                        "UTAMA_GANDA", *locate("sup_main", s, 0), "unik di sheet Kegiatan",
                        f"{show_found(mr)} ada {count[xl_key(mr)]} kali; diikuti baris "
                        f"{locate('act_name', main, 0)[1]}", WARNING))
                if xl_key(jenis[main]) == xl_key(NON_INFRA):
                    flags.append(SUP_NON_INFRA)
                    sup_problems.append(Problem("PENDUKUNG_UTAMA_NON_INFRASTRUKTUR",
                                                *locate("sup_main", s, 0),
                                                "kegiatan utama infrastruktur",
                                                show_found(names[main]), WARNING))
                if ranks[main] is None:
                    flags.append(SUP_MAIN_UNRANKED)
                    sup_problems.append(Problem("PENDUKUNG_UTAMA_TANPA_PERINGKAT",
                                                *locate("sup_main", s, 0),
                                                "kegiatan utama yang sudah berperingkat",
                                                show_found(names[main]), WARNING))
        sup.append(Supporting(nm, mr, main, None if main is None else subs[main],
                              None if main is None else final[main], flags))

    problems += col_problems + row_problems + sup_problems
    return Prioritas(ind, list(subs), list(programs), list(names), list(jenis), raw, values,
                     data, has, filled, valid, group, totals, ranks, ties, sup, problems,
                     **rnd)

