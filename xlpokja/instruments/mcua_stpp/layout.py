"""The published layout of ``mcua_stpp.xlsm`` (K5, Matriks Penilaian Usulan Tindakan).

Sheets: ``Kriteria`` (criteria, weights, weight kind, score scale, the weights lock),
``Usulan`` (the proposed actions, each of one group), one scoring sheet per group
(``Teknis``, ``Finansial``, ``Manajemen``: a row per rater × action), ``Nilai`` (means,
the B×N matrix, totals, ranks per group, sub-ranks from tie rounds; same rows as
``Usulan``), ``Sebaran`` (spread of the raters' scores), ``Putaran`` (tie rounds),
``Ringkasan`` (priority lists), ``Stabilitas`` (the stability panel per group).

Criteria are rows of ``Kriteria``; the scoring sheets have one score column per criterion
row (header mirrored by formula), so adding a criterion row adds a column everywhere on
the next Hitung. One description serves the builder, the buttons, the headless engine
and ``xlpokja layout``.

This module holds the sheets, tables, settings and cells, reading a workbook, the extents,
the value tables, the button actions, ``layout_json`` and the buttons. Every formula and
the core value of each formula cell are in :mod:`xlpokja.instruments.mcua_stpp.cells`; the
JSON result and the résumé in :mod:`xlpokja.instruments.mcua_stpp.result`. Both import this
module, never the other way.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from xlpokja.core import mcua
from xlpokja.core.problems import ERROR, WARNING, Problem, XlpokjaError, show_found
from xlpokja.core.stability import Stability, stability
from xlpokja.instruments.mcua_stpp import calc as stpp
from xlpokja.layout import common, panel
from xlpokja.layout import lock as lk
from xlpokja.layout.base import (
    BUKA,
    KUNCI,
    SERI,
    Button,
    Column,
    Setting,
    Table,
    abs_range,
    col_letter,
)

TEMPLATE_ID = "mcua_stpp"
TEMPLATE_VERSION = "1"
FILE_NAME = "mcua_stpp.xlsm"

PETUNJUK, KRITERIA, USULAN = "Petunjuk", "Kriteria", "Usulan"
GROUP_SHEETS = ("Teknis", "Finansial", "Manajemen")
NILAI, SEBARAN, PUTARAN, RINGKASAN = "Nilai", "Sebaran", "Putaran", "Ringkasan"
STABILITAS, REFERENSI, MASALAH = "Stabilitas", "Referensi", common.MASALAH
SHEETS = (PETUNJUK, KRITERIA, USULAN, *GROUP_SHEETS, NILAI, SEBARAN, PUTARAN, RINGKASAN,
          STABILITAS, REFERENSI, MASALAH)
REQUIRED_SHEETS = SHEETS[1:]
L = col_letter
MAX_ROW = 1048576


class Shape(NamedTuple):
    """What the formulas cover."""

    options: int
    criteria: int
    groups: tuple[int, int, int]  # rows of each scoring sheet
    rounds: int


# ------------------------------------------------------------------------- Kriteria
KIND = Setting("jenis_bobot", KRITERIA, "C4", "Jenis bobot", mcua.WEIGHT_KINDS, mcua.PERSEN)
LOW = Setting("skor_terendah", KRITERIA, "C5", "Skor terendah", ("0", "1"), "1")
HIGH = Setting("skor_tertinggi", KRITERIA, "C6", "Skor tertinggi",
               tuple(str(h) for h in mcua.SCALE_HIGHS), "5")
SETTINGS = (KIND, LOW, HIGH)
LOCKED_SETTING_COL = 4  # D4:D6: the settings as locked
SUM_CELL, STATUS_CELL, LOCK_TIME_CELL, LOCK_STATUS_CELL = "F4", "F5", "F6", "F7"
LO_CELL, HI_CELL = "F8", "G8"  # the scale in use (the default when the setting is invalid)
KR_HEADER, KR_ROW0 = 10, 11
KR_NO, KR_NAME, KR_WEIGHT, KR_NOTE, KR_LNAME, KR_LWEIGHT, KR_CHECK = range(1, 8)
MIN_CRITERIA = 6
CRITERIA_NAME = "MC_KRITERIA"
LOCK_NONE, LOCK_OK, LOCK_CHANGED = "belum dikunci", "terkunci", "BERUBAH"
STATUS_CHANGED = "berubah setelah dikunci"
DUPLICATE = "GANDA"

# --------------------------------------------------------------------------- Usulan
US_HEADER, US_ROW0 = 4, 5
US_CODE, US_GROUP, US_TEXT, US_SOURCE, US_NOTE = range(1, 6)
MIN_OPTIONS = 30
OPTIONS_NAME = "MC_USULAN"
SOURCES = ("Topik 1 Teknis", "Topik 2 Prosedur", "Topik 3 Kebijakan", "Topik 4 Personil",
           "Topik 5 Organisasi", "Topik 6 Keuangan")

# --------------------------------------------------- scoring sheets and the round sheet
G_HEADER, G_ROW0 = 4, 5
G_CODE, G_TEXT, G_RATER, G_DONE, G_SCORE0 = range(1, 6)
USED_CELL = "D3"  # criteria in use (count), on each scoring sheet and Putaran
MIN_RATER_ROWS = 60
GROUP_NAMES = ("MC_TEKNIS", "MC_FINANSIAL", "MC_MANAJEMEN")
P_NO, P_GROUP, P_CODE, P_TEXT, P_STATUS, P_TOTAL, P_SUB, P_DONE, P_SCORE0 = range(1, 10)
MIN_ROUND_ROWS = 20
ROUNDS_NAME = "MC_PUTARAN"

# ---------------------------------------------------------------------------- Nilai
N_HEADER, N_ROW0 = 4, US_ROW0  # same rows as Usulan
(N_CODE, N_GROUP, N_TEXT, N_RATERS, N_TOTAL, N_PCT, N_RANK, N_SUB, N_FINAL,
 N_NOTE) = range(1, 11)
N_MEAN0 = 11
NILAI_COLUMNS = (
    Column("kode", "Kode", N_CODE, "formula"),
    Column("kelompok", "Kelompok", N_GROUP, "formula"),
    Column("usulan", "Usulan tindakan", N_TEXT, "formula"),
    Column("penilai", "Penilai (baris lengkap)", N_RATERS, "formula"),
    Column("total", "Total (Σ B×N)", N_TOTAL, "formula", "Σ bobot × rata-rata skor, 9 desimal"),
    Column("persen", "% maks", N_PCT, "formula", "total ÷ (Σ bobot × skor tertinggi)"),
    Column("peringkat", "Peringkat", N_RANK, "formula", "peringkat kompetisi dalam kelompok"),
    Column("sub", "Sub-peringkat (putaran seri)", N_SUB, "formula"),
    Column("urutan", "Urutan akhir", N_FINAL, "formula", "peringkat + sub-peringkat − 1"),
    Column("catatan", "Catatan", N_NOTE, "formula"),
)
GENERATED = {NILAI: N_ROW0}

# ------------------------------------------------------- Sebaran, Ringkasan, Stabilitas
S_HEADER, S_ROW0 = 4, 5
R_STATUS, R_LOCK, R_LOCKED_AT, R_WITH_TOTAL, R_TIES, R_PROBLEMS = (
    "C4", "C5", "C6", "C7", "C8", "C9")
R_ROW0 = 12
R_COLS = 9
ST_ROW0 = 4
ST_BLOCK_ROWS = panel.BLOCK_ROWS
REF_GROUP_ROW0 = 5  # Referensi!B5:B7: the groups (lists and MATCH)
GROUP_RANGE = abs_range(REFERENSI, 2, REF_GROUP_ROW0, 2, REF_GROUP_ROW0 + 2)
ROUND_SAMPLES, ROUND_SEED = 2000, 12345


def kr_row(c: int) -> int:
    return KR_ROW0 + c


def last(first: int, n: int) -> int:
    return first + n - 1


def score_col(c: int, group_sheet: bool = True) -> int:
    return (G_SCORE0 if group_sheet else P_SCORE0) + c


def col_abs(sheet: str, col: int, first: int, n: int) -> str:
    return abs_range(sheet, col, first, col, last(first, n))


# ====================================================================== the result


@dataclass
class Result:
    s: stpp.Stpp
    shape: Shape
    names: list[Any]  # criteria names of the table rows (None where blank)
    raw_weights: list[Any]
    settings_raw: list[Any]
    lock_time: Any
    lock_status: str
    locked_rows: list[tuple[Any, Any]]
    group_rows: list[list[tuple[Any, Any]]]  # per scoring sheet: (code, lookup text)
    group_done: list[list[Any]]  # per scoring sheet: 1 / 0 / "" per row
    round_texts: list[Any]
    stabilities: list[Stability | None]
    stability_notes: list[str]
    group_raw: list[Any]
    round_blank: list[bool]
    problems: list[Problem] = field(default_factory=list)
    template: Any = None

    @property
    def valid(self) -> bool:
        return not any(p.severity == ERROR for p in self.problems)

    @property
    def criteria(self) -> list[str]:
        return [mcua.text(self.names[c]) for c in self.s.used]


def _blank(x: Any) -> Any:
    return "" if x is None else x


def _fnum(x: float) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def xl_match_text(v: Any, codes: Sequence[Any], texts: Sequence[Any]) -> Any:
    """``IFERROR(INDEX(texts, MATCH(v, codes, 0)) & "", "?")``: exact, type-strict,
    case-insensitive; "" for a blank ``v``."""
    if mcua.is_blank(v):
        return ""
    for c, t in zip(codes, texts):
        if isinstance(v, str) and isinstance(c, str) and v.casefold() == c.casefold():
            return mcua.text(t) if not isinstance(t, str) else t
        if mcua.is_number(v) and mcua.is_number(c) and float(v) == float(c):
            return mcua.text(t) if not isinstance(t, str) else t
    return "?"


def _usulan_cell(res: Result, i: int, src: int) -> Any:
    v = {US_CODE: res.s.codes, US_GROUP: res.group_raw, US_TEXT: res.s.texts}[src][i]
    return "" if v is None or v == "" else v


# ================================================================= the interface


def read(book: Any) -> tuple[Result, Shape, Shape]:
    common.check_sheets(book.sheet_names(), REQUIRED_SHEETS)
    k_cur = common.extent_rows(book.defined_name(CRITERIA_NAME), MIN_CRITERIA)
    n_cur = common.extent_rows(book.defined_name(OPTIONS_NAME), MIN_OPTIONS)
    g_cur = tuple(common.extent_rows(book.defined_name(nm), MIN_RATER_ROWS)
                  for nm in GROUP_NAMES)
    r_cur = common.extent_rows(book.defined_name(ROUNDS_NAME), MIN_ROUND_ROWS)
    cur = Shape(n_cur, k_cur, g_cur, r_cur)  # type: ignore[arg-type]

    # criteria, settings, lock
    kr = book.read_block(KRITERIA, KR_ROW0, KR_CHECK)
    k = max(k_cur, _last_nonblank([r[KR_NAME - 1:KR_WEIGHT] for r in kr]))
    kr = _pad(kr, k, KR_CHECK)
    names = [r[KR_NAME - 1] for r in kr]
    raw_w = [r[KR_WEIGHT - 1] for r in kr]
    locked_rows = [(r[KR_LNAME - 1], r[KR_LWEIGHT - 1]) for r in kr]
    settings_raw = [book.read_cell(KRITERIA, s.ref) for s in SETTINGS]
    locked_settings = [book.read_cell(KRITERIA, f"{L(LOCKED_SETTING_COL)}{s.ref[1:]}")
                       for s in SETTINGS]
    lock_time = book.read_cell(KRITERIA, LOCK_TIME_CELL)

    def loc_kr(kind: str, j: int) -> tuple[str, str]:
        rows = [c for c in range(k) if not (mcua.is_blank(names[c])
                                            and mcua.is_blank(raw_w[c]))]
        if kind == "kind":
            return KRITERIA, KIND.ref
        if kind == "sum":
            return KRITERIA, SUM_CELL
        if kind == "scale":  # j 0: the lowest score, 1: the highest
            return KRITERIA, LOW.ref if j == 0 else HIGH.ref
        col = KR_NAME if kind == "name" else KR_WEIGHT
        return KRITERIA, f"{L(col)}{kr_row(rows[j])}"

    rows_used = [c for c in range(k) if not (mcua.is_blank(names[c]) and mcua.is_blank(raw_w[c]))]
    weights = mcua.check_weights([names[c] for c in rows_used], [raw_w[c] for c in rows_used],
                                 settings_raw[0], loc_kr)
    scale, scale_problems = mcua.check_scale(settings_raw[1], settings_raw[2], loc_kr)
    if mcua.is_blank(lock_time):
        lock_status = LOCK_NONE
    else:
        same = all(stpp.xl_equal(names[c], locked_rows[c][0])
                   and stpp.xl_equal(raw_w[c], locked_rows[c][1]) for c in range(k))
        same = same and all(stpp.xl_equal(a, b) for a, b in zip(settings_raw, locked_settings))
        lock_status = LOCK_OK if same else LOCK_CHANGED
    problems: list[Problem] = list(scale_problems)
    if lock_status == LOCK_CHANGED:
        weights = dataclasses.replace(weights, status=STATUS_CHANGED)
        problems.append(Problem("BOBOT_BERUBAH", KRITERIA, LOCK_STATUS_CELL,
                                f"dikunci pada {mcua.text(lock_time)}", "kriteria/bobot/skala "
                                "berbeda dari saat dikunci"))
    used = [c for c in range(k) if not mcua.is_blank(names[c])]
    lo, hi = scale

    # options
    us = book.read_block(USULAN, US_ROW0, US_NOTE)
    n = max(n_cur, _last_nonblank(us))
    us = _pad(us, n, US_NOTE)
    codes = [r[US_CODE - 1] for r in us]
    groups_raw = [r[US_GROUP - 1] for r in us]
    texts = [r[US_TEXT - 1] for r in us]

    # scoring sheets
    sheets: list[stpp.Sheet] = []
    g_rows: list[int] = []
    group_rows: list[list[tuple[Any, Any]]] = []
    group_done: list[list[Any]] = []
    for g, sh in enumerate(GROUP_SHEETS):
        width = max(len(book.read_row(sh, G_HEADER)), G_SCORE0 - 1 + k)
        block = book.read_block(sh, G_ROW0, width)
        inputs = [[r[G_CODE - 1], r[G_RATER - 1]] + list(r[G_SCORE0 - 1:]) for r in block]
        m = max(g_cur[g], _last_nonblank(inputs))
        block = _pad(block, m, width)
        sheet, done, extra = _score_sheet(block, G_CODE, G_RATER, G_SCORE0, k, used, lo, hi, sh)
        problems += extra
        sheets.append(sheet)
        g_rows.append(m)
        group_done.append(done)
        group_rows.append([(r[G_CODE - 1], xl_match_text(r[G_CODE - 1], codes, texts))
                           for r in block])

    # rounds
    width = max(len(book.read_row(PUTARAN, G_HEADER)), P_SCORE0 - 1 + k)
    pblock = book.read_block(PUTARAN, G_ROW0, width)
    pin = [[r[P_NO - 1], r[P_GROUP - 1], r[P_CODE - 1]] + list(r[P_SCORE0 - 1:]) for r in pblock]
    n_rounds = max(r_cur, _last_nonblank(pin))
    pblock = _pad(pblock, n_rounds, width)
    rsheet, rdone, extra = _score_sheet(pblock, P_CODE, None, P_SCORE0, k, used, lo, hi, PUTARAN,
                                        also=(P_NO, P_GROUP))
    problems += extra
    table = [(r[P_NO - 1], r[P_GROUP - 1], r[P_CODE - 1]) for r in pblock]

    def locate(kind: str, i: int, j: int) -> tuple[str, str]:
        if kind == "code":
            return USULAN, f"{L(US_CODE)}{US_ROW0 + i}"
        if kind == "group":
            return USULAN, f"{L(US_GROUP)}{US_ROW0 + i}"
        if kind.startswith("sheet_code:"):
            return GROUP_SHEETS[int(kind.split(":")[1])], f"{L(G_CODE)}{G_ROW0 + i}"
        if kind.startswith("sheet_rater:"):
            return GROUP_SHEETS[int(kind.split(":")[1])], f"{L(G_RATER)}{G_ROW0 + i}"
        if kind == "round_code":
            return PUTARAN, f"{L(P_CODE)}{G_ROW0 + i}"
        if kind == "round_group":
            return PUTARAN, f"{L(P_GROUP)}{G_ROW0 + i}"
        return PUTARAN, f"{L(P_NO)}{G_ROW0 + i}"

    has_scores = any(any(s.complete) for s in sheets)
    if lock_status == LOCK_NONE and has_scores:
        problems.append(Problem("BOBOT_BELUM_DIKUNCI", KRITERIA, LOCK_TIME_CELL,
                                "dikunci (tombol Kunci bobot)", LOCK_NONE, WARNING))
    s = stpp.compute(codes, groups_raw, texts, weights, used, scale, sheets, table,
                     rsheet.scores, rsheet.complete, locate,
                     extra=list(weights.problems) + problems)
    shape = Shape(n, k, tuple(g_rows), n_rounds)  # type: ignore[arg-type]
    stabs, notes = _stabilities(s)
    res = Result(s, shape, [None if mcua.is_blank(x) else x for x in names], raw_w,
                 settings_raw, lock_time, lock_status, locked_rows, group_rows, group_done,
                 [xl_match_text(t[2], codes, texts) for t in table], stabs, notes,
                 list(groups_raw), [d == "" for d in rdone], s.problems)
    return res, shape, cur


def _pad(block: list[list[Any]], n: int, width: int) -> list[list[Any]]:
    block = [list(r) + [None] * (width - len(r)) for r in block[:n]]
    return block + [[None] * width for _ in range(n - len(block))]


def _last_nonblank(rows: Sequence[Sequence[Any]]) -> int:
    last_ = 0
    for i, r in enumerate(rows):
        if any(not mcua.is_blank(v) for v in r):
            last_ = i + 1
    return last_


def _score_sheet(block: list[list[Any]], code_col: int, rater_col: int | None, s0: int, k: int,
                 used: list[int], lo: int, hi: int, sheet: str,
                 also: tuple[int, ...] = ()) -> tuple[stpp.Sheet, list[Any], list[Problem]]:
    """Read a scoring block: used criteria's scores, whether each row counts, strays."""
    problems: list[Problem] = []
    rows = [[r[s0 - 1 + c] for c in used] for r in block]
    blank = []
    for i, r in enumerate(block):
        keys = [r[code_col - 1]] + ([r[rater_col - 1]] if rater_col else [])
        blank.append(all(mcua.is_blank(v) for v in keys + r[s0 - 1:s0 - 1 + k]))
        for c in range(k, len(r) - s0 + 1):
            if not mcua.is_blank(r[s0 - 1 + c]):
                problems.append(Problem("SKOR_TANPA_KRITERIA", sheet, f"{L(s0 + c)}{G_ROW0 + i}",
                                        "skor hanya di kolom kriteria", show_found(r[s0 - 1 + c]),
                                        WARNING))
        for c in range(k):
            if c not in used and not mcua.is_blank(r[s0 - 1 + c]):
                problems.append(Problem("SKOR_TANPA_KRITERIA", sheet, f"{L(s0 + c)}{G_ROW0 + i}",
                                        "skor hanya di kolom kriteria", show_found(r[s0 - 1 + c]),
                                        WARNING))
    skip = [b for b in blank]
    scores = mcua.read_scores(rows, lo, hi, lambda i, j: (sheet, f"{L(s0 + used[j])}{G_ROW0 + i}"),
                              skip=skip) if rows else mcua.ScoreRows([], [], [], [])
    if not used:
        scores = mcua.ScoreRows([[] for _ in block], [0] * len(block), [0] * len(block), [])
    complete = [not b and scores.valid[i] == len(used) for i, b in enumerate(blank)]
    problems += scores.problems
    codes = [r[code_col - 1] for r in block]
    raters = [r[rater_col - 1] if rater_col else None for r in block]
    done = ["" if b else int(bool(c)) for b, c in zip(blank, complete)]
    return stpp.Sheet(codes, raters, scores, complete), done, problems


def _stabilities(s: stpp.Stpp) -> tuple[list[Stability | None], list[str]]:
    out: list[Stability | None] = []
    notes: list[str] = []
    for g in range(len(stpp.GROUPS)):
        ix = [i for i in range(s.n) if s.groups[i] == g and s.totals[i] is not None]
        if not s.weights.ok:
            out.append(None)
            notes.append("Bobot belum sah: tidak ada analisis stabilitas.")
        elif len(ix) < 2:
            out.append(None)
            notes.append("Kurang dari dua usulan dengan total: tidak ada yang dibandingkan.")
        else:
            out.append(stability(s.w, [s.means[i] for i in ix], lo=s.scale[0], hi=s.scale[1],
                                 samples=ROUND_SAMPLES, seed=ROUND_SEED))
            notes.append("")
    return out, notes


def extents(shape: Shape) -> dict[str, str]:
    n, k, g_rows, n_rounds = shape
    out = {CRITERIA_NAME: abs_range(KRITERIA, KR_NAME, KR_ROW0, KR_WEIGHT, last(KR_ROW0, k)),
           OPTIONS_NAME: abs_range(USULAN, US_CODE, US_ROW0, US_NOTE, last(US_ROW0, n)),
           ROUNDS_NAME: abs_range(PUTARAN, P_NO, G_ROW0, P_SCORE0 + k - 1,
                                  last(G_ROW0, n_rounds))}
    for g, sh in enumerate(GROUP_SHEETS):
        out[GROUP_NAMES[g]] = abs_range(sh, G_CODE, G_ROW0, G_SCORE0 + k - 1,
                                        last(G_ROW0, g_rows[g]))
    return out


def grown_note(shape: Shape, cur: Shape) -> tuple[str, str]:
    if shape.criteria > cur.criteria:
        return KRITERIA, f"B{kr_row(cur.criteria)}"
    if shape.options > cur.options:
        return USULAN, f"A{last(US_ROW0, cur.options) + 1}"
    for g, sh in enumerate(GROUP_SHEETS):
        if shape.groups[g] > cur.groups[g]:
            return sh, f"A{last(G_ROW0, cur.groups[g]) + 1}"
    return PUTARAN, f"A{last(G_ROW0, cur.rounds) + 1}"


# ------------------------------------------------------------------- value tables


def _num_or_blank(x: float | None) -> Any:
    return "" if x is None else x


def spread_rows(res: Result) -> list[list[Any]]:
    s = res.s
    out = []
    for i in range(s.n):
        if mcua.is_blank(s.codes[i]):
            out.append([])
            continue
        row: list[Any] = [s.codes[i], _usulan_cell(res, i, US_GROUP), _usulan_cell(res, i, US_TEXT),
                          _blank(s.n_raters[i])]
        for c in range(res.shape.criteria):
            row.append(_blank(_fnum(s.spread[i][s.used.index(c)])) if c in s.used else "")
        out.append(row)
    while out and not out[-1]:
        out.pop()
    return out


def summary_rows(res: Result) -> list[list[Any]]:
    s = res.s
    out: list[list[Any]] = []
    head = ["Urutan", "Kode", "Usulan tindakan", "Total (Σ B×N)", "% maks", "Peringkat",
            "Sub-peringkat", "Penilai", "Catatan"]
    for g, name in enumerate(stpp.GROUPS):
        out.append([f"Prioritas tindakan aspek {name}"])
        out.append(head)
        order = s.order(g)
        for i in order:
            out.append([s.final[i], s.codes[i], _usulan_cell(res, i, US_TEXT), s.totals[i],
                        _num_or_blank(s.pct(i)), s.ranks[i], _blank(s.subranks[i]),
                        s.n_raters[i], s.note(i)])
        if not order:
            out.append(["", "", "(belum ada usulan dengan total)"])
        out.append([])
    out.append(["Gabungan semua kelompok (pembanding saja: total ÷ (Σ bobot × skor tertinggi))"])
    out.append(["Urutan", "Kode", "Usulan tindakan", "Kelompok", "% maks", "Urutan dalam kelompok"])
    ix = [i for i in range(s.n) if s.totals[i] is not None]
    pcts = [s.pct(i) for i in ix]
    rk = mcua.ranks(pcts)
    for j in sorted(range(len(ix)), key=lambda j: (rk[j], ix[j])):
        i = ix[j]
        out.append([rk[j], s.codes[i], _usulan_cell(res, i, US_TEXT), stpp.GROUPS[s.groups[i]],
                    pcts[j], s.final[i]])
    return out


def stability_rows(res: Result) -> list[list[Any]]:
    out: list[list[Any]] = []
    crit = res.criteria
    for g, name in enumerate(stpp.GROUPS):
        ix = [i for i in range(res.s.n) if res.s.groups[i] == g and res.s.totals[i] is not None]
        names = [f"{mcua.text(res.s.codes[i])} {mcua.text(res.s.texts[i])}".strip() for i in ix]
        note = res.stability_notes[g]
        if not note and any(rd.status == stpp.ROUND_USED and stpp.group_index(rd.group) == g
                            for rd in res.s.rounds):
            note = ("Panel ini menilai total sebelum putaran seri; urutan akhir memakai hasil "
                    "putaran seri (lihat Ringkasan).")
        out += panel.panel_rows(f"Kelompok {name}", res.stabilities[g], names, crit,
                                list(res.s.w), note)
    return out


def value_tables(res: Result) -> list[tuple[str, int, list[list[Any]], int]]:
    return [(SEBARAN, S_ROW0, spread_rows(res), 4 + res.shape.criteria),
            (RINGKASAN, R_ROW0, summary_rows(res), R_COLS),
            (STABILITAS, ST_ROW0, stability_rows(res), panel.N_COLS)]


def value_cells(res: Result) -> list[tuple[str, str, Any]]:
    """Status of each tie-round row, decided by the core (which rounds apply)."""
    return [(PUTARAN, f"{L(P_STATUS)}{G_ROW0 + i}", st or None)
            for i, st in enumerate(res.s.round_rows_status)]


# ------------------------------------------------------------------------ actions


LOCK = lk.Lock(KRITERIA, KR_ROW0, KR_LNAME, 4, LOCKED_SETTING_COL, LOCK_TIME_CELL,
               LOCK_STATUS_CELL)


def kunci_bobot(book: Any, res: Result, when: dt.datetime | None = None) -> None:
    """Kunci bobot: record the criteria, weights and scale as agreed, and when."""
    w = res.s.weights
    lk.record(book, LOCK, res.lock_status, w.ok, w.problems,
              Problem("BOBOT_KRITERIA_TIDAK_SAH", KRITERIA, STATUS_CELL, mcua.STATUS_OK,
                      w.status),
              [[res.names[c], res.raw_weights[c]] for c in range(res.shape.criteria)],
              res.settings_raw, when)


def buka_kunci(book: Any, res: Result) -> None:
    """Buka kunci: clear the lock record (the criteria and weights stay as they are)."""
    lk.clear(book, LOCK, res.shape.criteria, len(SETTINGS))


def putaran_seri(book: Any, res: Result) -> None:
    """Putaran seri: a new round for each block of actions still tied, tied actions only."""
    ties = stpp.open_ties(res.s)
    if not ties:
        raise XlpokjaError([Problem("PUTARAN_TIDAK_PERLU", NILAI, f"{L(N_NOTE)}{N_ROW0}",
                                    "usulan yang masih seri", "tidak ada usulan yang seri")])
    for rd in res.s.rounds:  # a round still being scored: finish it first (never a second)
        if rd.status == stpp.ROUND_INCOMPLETE:
            done = sum(1 for t in rd.totals if t is not None)
            raise XlpokjaError([Problem(
                "SERI_BELUM_SELESAI", PUTARAN, f"{L(P_NO)}{G_ROW0 + rd.rows[0]}",
                f"putaran {mcua.text(rd.number)}",
                f"{done} dari {len(rd.rows)} baris skor putaran lengkap")])
    numbers = [rd.number for rd in res.s.rounds if mcua.is_number(rd.number)]
    nxt = int(max(numbers)) + 1 if numbers else 1
    rows = []
    for n_, (g, ix) in enumerate(ties):
        rows += [[nxt + n_, stpp.GROUPS[g], res.s.codes[i]] for i in ix]
    used_rows = [i for i, t in enumerate(zip(res.s.round_rows_status, res.round_blank))
                 if not t[1]]
    first = G_ROW0 + (max(used_rows) + 1 if used_rows else 0)
    book.write_block(PUTARAN, first, P_NO, rows)


# ====================================================================== layout JSON


def layout_json() -> dict[str, Any]:
    kr = Table("kriteria", KRITERIA, KR_HEADER, KR_ROW0, (
        Column("kriteria", "Kriteria", KR_NAME), Column("bobot", "Bobot", KR_WEIGHT),
        Column("keterangan", "Keterangan", KR_NOTE)), MIN_CRITERIA).to_json()
    us = Table("usulan", USULAN, US_HEADER, US_ROW0, (
        Column("kode", "Kode", US_CODE), Column("kelompok", "Kelompok", US_GROUP),
        Column("usulan", "Usulan tindakan", US_TEXT), Column("asal", "Asal (Topik)", US_SOURCE),
        Column("keterangan", "Keterangan", US_NOTE)), MIN_OPTIONS).to_json()
    groups = []
    for g, sh in enumerate(GROUP_SHEETS):
        t = Table(f"skor_{sh.lower()}", sh, G_HEADER, G_ROW0, (
            Column("kode", "Kode usulan", G_CODE), Column("penilai", "Penilai", G_RATER)),
            MIN_RATER_ROWS).to_json()
        groups.append(t | {"group": stpp.GROUPS[g], "score_columns_from": L(G_SCORE0),
                           "score_columns_rule": "satu kolom per baris kriteria (urutan Kriteria)"})
    rounds = Table("putaran", PUTARAN, G_HEADER, G_ROW0, (
        Column("putaran", "Putaran", P_NO), Column("kelompok", "Kelompok", P_GROUP),
        Column("kode", "Kode usulan", P_CODE)), MIN_ROUND_ROWS).to_json()
    return {
        "template": TEMPLATE_ID, "version": TEMPLATE_VERSION, "sheets": list(SHEETS),
        "tables": [kr | {"values": "bobot: angka ≥ 0; Persen: jumlah 100"}, us,
                   *groups, rounds | {"score_columns_from": L(P_SCORE0),
                                      "note": "baris dibuat oleh tombol Putaran seri"}],
        "settings": [s.to_json() for s in SETTINGS],
        "groups": list(stpp.GROUPS),
        "lock": {"sheet": KRITERIA, "time": LOCK_TIME_CELL, "status": LOCK_STATUS_CELL},
        "outputs": {
            "nilai": {"sheet": NILAI, "header_row": N_HEADER, "first_data_row": N_ROW0,
                      "columns": [{"key": c.key, "header": c.header, "letter": c.letter}
                                  for c in NILAI_COLUMNS],
                      "mean_columns_from": L(N_MEAN0),
                      "note": "rata-rata per kriteria mulai kolom K, lalu bobot × rata-rata"},
            "weights_status": {"sheet": KRITERIA, "cell": STATUS_CELL},
            "problems": common.masalah_json(),
        },
    }


#: the form buttons (built by ``xlpokja build``, rebuilt by Hitung when damaged)
BUTTONS = (
    Button(RINGKASAN, 700.0, 8.0), Button(RINGKASAN, 820.0, 8.0, *SERI),
    Button(KRITERIA, 720.0, 8.0, *KUNCI), Button(KRITERIA, 840.0, 8.0, *BUKA),
    Button(KRITERIA, 960.0, 8.0),
    *(Button(sh, 560.0, 4.0) for sh in GROUP_SHEETS),
    Button(NILAI, 700.0, 4.0), Button(NILAI, 820.0, 4.0, *SERI),
    Button(PUTARAN, 600.0, 4.0), Button(PUTARAN, 720.0, 4.0, *SERI))
