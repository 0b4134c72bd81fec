"""The published layout of the MPS priority workbook (``prioritas_mps``, K7).

MPS Proses-02 "Review SSK dan Penetapan Prioritas": the Pokja agrees indicators and
weights (sheet ``Indikator``), scores the main activities (``Kegiatan``, "kolom 1 =
kegiatan utama") per sub-sector, and gets the total score and the rank within each
sub-sector (``Hasil``, native formulas, same row numbers as ``Kegiatan``). Supporting
activities (``Pendukung``) take the final order of their main activity. Ties (SAMA) are
broken only by a recorded tie round (``Putaran``, button Putaran seri, decisions.md §2):
the tied activities are re-scored, the round's rank becomes the sub-rank and Urutan akhir =
rank + sub-rank − 1 (``Hasil`` columns K, L). Hitung writes the
printable back-up calculation ``Lampiran B`` and one stability panel per sub-sector
(``Stabilitas``) as values. One description serves the builder, the Hitung action, the
headless engine and ``xlpokja layout``.

Indicators are rows of ``Indikator``: more rows can be added below the table, and Hitung
extends every formula (one score column per indicator on ``Kegiatan``, growing to the
right). Activities and supporting activities are added below their tables.

This module holds the sheets, tables and settings with their row and column helpers, the
computation of a :class:`Result` from the cells (:func:`compute`) and reading a workbook
(:func:`read`), the button actions, the defined-name extents, :func:`layout_json` and
``BUTTONS``. Every formula and the core value of each formula cell are in
:mod:`xlpokja.instruments.prioritas_mps.cells`; the tables Hitung writes as values, the JSON
result and the résumé in :mod:`xlpokja.instruments.prioritas_mps.result`. Both import this
module, never the reverse.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from xlpokja.core import mcua
from xlpokja.core.problems import ERROR, WARNING, Problem, XlpokjaError
from xlpokja.core.scales import xl_eq
from xlpokja.instruments.prioritas_mps import calc as cm
from xlpokja.layout import common, panel
from xlpokja.layout import lock as lk
from xlpokja.layout.base import BUKA, KUNCI, SERI, Button, Column, Setting, col_letter

TEMPLATE_ID = "prioritas_mps"
TEMPLATE_VERSION = "1"
FILE_NAME = "prioritas_mps.xlsm"

PETUNJUK, INDIKATOR, KEGIATAN, HASIL = "Petunjuk", "Indikator", "Kegiatan", "Hasil"
PENDUKUNG, LAMPIRAN, STABILITAS = "Pendukung", "Lampiran B", panel.SHEET
PUTARAN = "Putaran"
REFERENSI, MASALAH = "Referensi", common.MASALAH
SHEETS = (PETUNJUK, INDIKATOR, KEGIATAN, HASIL, PENDUKUNG, PUTARAN, LAMPIRAN, STABILITAS,
          REFERENSI, MASALAH)
REQUIRED_SHEETS = SHEETS[1:]
MAX_ROW = 1048576
L = col_letter


class Shape(NamedTuple):
    """What the formulas cover: activity rows, indicator rows, supporting-activity rows,
    tie-round rows."""

    rows: int
    cols: int
    sup: int
    rounds: int = 20


# ---------------------------------------------------------------------- Indikator
KIND = Setting("jenis_bobot", INDIKATOR, "B4", "Jenis bobot", (cm.PERSEN, cm.MENTAH),
               cm.PERSEN)
SCALE_LO = Setting("skor_terendah", INDIKATOR, "B5", "Skor terendah", ("0", "1"), "1")
SCALE_HI = Setting("skor_tertinggi", INDIKATOR, "B6", "Skor tertinggi",
                   tuple(str(v) for v in range(2, 11)), "5")
EFF_KIND, EFF_LO, EFF_HI = "C4", "C5", "C6"  # the settings as used (invalid -> default)
WSUM, WSTATUS, NACTIVE = "B7", "B8", "B9"
IND_HEADER, IND_ROW0 = 10, 11
I_NO, I_NAME, I_WEIGHT, I_NOTE, I_STATUS = 1, 2, 3, 4, 5
I_NOTE_HEADER = "Penjelasan / cara menilai (skor tinggi = prioritas tinggi)"
I_LNAME, I_LWEIGHT = 6, 7  # F, G: the indicators and weights as locked (Kunci bobot)
SETTINGS = (KIND, SCALE_LO, SCALE_HI)
LOCKED_SETTING_COL = 5  # E4:E6: the settings as locked
LOCK_TIME_CELL, LOCK_STATUS_CELL = "E7", "E8"  # labels in D7, D8 (next to the weights status)
LOCK_NONE, LOCK_OK, LOCK_CHANGED = "belum dikunci", "terkunci", "BERUBAH"
STATUS_CHANGED = cm.STATUS_CHANGED
MIN_IND = 3
IND_EXTENT = "MPS_INDIKATOR"  # Indikator!$B$11:$D$<last indicator row>

# ----------------------------------------------------------------------- Kegiatan
K_HEADER, K_WEIGHT_ROW, FIRST_ROW = 4, 5, 6
K_NO, K_SUB, K_PROG, K_NAME, K_JENIS, K_NOTE = 1, 2, 3, 4, 5, 6
K_IND0 = 7  # G..: one score column per indicator row, in Indikator order
MIN_ROWS = 40
EXTENT_NAME = "MPS_KEGIATAN"  # Kegiatan!$A$6:<last score column><last row>
NAMES_NAME = "MPS_NAMA_KEGIATAN"  # Kegiatan!$D$6:$D$<last row> (list of Pendukung)
KEGIATAN_COLUMNS = (
    Column("no", "No", K_NO, note="nomor urut (bebas, tidak dihitung)"),
    Column("subsektor", "Sub-sektor", K_SUB, note=" / ".join(cm.SUBSECTORS)),
    Column("program", "Program", K_PROG, note="teks, boleh kosong"),
    Column("kegiatan", "Kegiatan utama (kolom 1)", K_NAME, note="nama unik"),
    Column("jenis", "Jenis", K_JENIS, note=" / ".join(cm.JENIS)),
    Column("catatan", "Catatan", K_NOTE, note="teks, tidak dihitung"),
)

# -------------------------------------------------------------------------- Hasil
HASIL_HEADER, HASIL_ROW0 = 5, FIRST_ROW  # same row numbers as Kegiatan
(H_NAME, H_SUB, H_JENIS, H_TOTAL, H_PCT, H_RANK, H_TIE, H_FILLED, H_VALID,
 H_NOTE, H_SUBRANK, H_FINAL) = range(1, 13)
H_IND0 = 13  # M..: the valid score per indicator
HASIL_COLUMNS = (
    Column("kegiatan", "Kegiatan utama", H_NAME, "formula"),
    Column("subsektor", "Sub-sektor", H_SUB, "formula"),
    Column("jenis", "Jenis", H_JENIS, "formula"),
    Column("total", "Total skor (Σ bobot × skor)", H_TOTAL, "formula",
           "hanya bila semua indikator dinilai sah dan bobot OK; 9 desimal"),
    Column("normal", "Skor normal (% dari maksimum)", H_PCT, "formula",
           "total / (jumlah bobot × skor tertinggi)"),
    Column("peringkat", "Peringkat dalam sub-sektor", H_RANK, "formula",
           "peringkat kompetisi (1, 2, 2, 4)"),
    Column("seri", "Seri", H_TIE, "formula",
           "SAMA bila urutan akhir sama dalam sub-sektor (belum diputus putaran seri)"),
    Column("terisi", "Skor terisi", H_FILLED, "formula"),
    Column("sah", "Skor sah", H_VALID, "formula"),
    Column("keterangan", "Keterangan", H_NOTE, "formula"),
    Column("sub", "Sub-peringkat", H_SUBRANK, "formula",
           "dari putaran seri yang dipakai (sheet Putaran); kosong tanpa putaran"),
    Column("urutan", "Urutan akhir", H_FINAL, "formula", "peringkat + sub-peringkat − 1"),
)
#: sheets whose rows from the given row down are wholly computed and rewritten by Hitung
GENERATED = {HASIL: HASIL_ROW0}

# ---------------------------------------------------------------------- Pendukung
P_HEADER, P_ROW0 = 4, 5
P_NO, P_NAME, P_MAIN, P_SUB, P_RANK, P_NOTE = range(1, 7)
MIN_SUP = 30
SUP_EXTENT = "MPS_PENDUKUNG"  # Pendukung!$A$5:$C$<last row>
PENDUKUNG_COLUMNS = (
    Column("no", "No", P_NO, note="nomor urut (bebas)"),
    Column("pendukung", "Kegiatan pendukung", P_NAME),
    Column("utama", "Kegiatan utama", P_MAIN, note="nama persis seperti di sheet Kegiatan"),
    Column("subsektor", "Sub-sektor", P_SUB, "formula"),
    Column("peringkat", "Peringkat (= urutan akhir kegiatan utama)", P_RANK, "formula"),
    Column("keterangan", "Keterangan", P_NOTE, "formula"),
)

# ----------------------------------------------------------------------- Putaran
R_HEADER, R_ROW0 = 4, 5
R_NO, R_GROUP, R_NAME, R_TEXT, R_STATUS, R_TOTAL, R_SUB, R_DONE, R_SCORE0 = range(1, 10)
MIN_ROUND_ROWS = 20
ROUNDS_NAME = "MPS_PUTARAN"  # Putaran!$A$5:<last score column><last row>
PUTARAN_COLUMNS = (
    Column("putaran", "Putaran", R_NO, note="nomor putaran (ditulis oleh Putaran seri)"),
    Column("subsektor", "Sub-sektor", R_GROUP),
    Column("kegiatan", "Kegiatan utama", R_NAME, note="nama persis seperti di sheet Kegiatan"),
    Column("program", "Program", R_TEXT, "formula"),
    Column("status", "Status", R_STATUS, "value",
           "dipakai / kedaluwarsa / belum lengkap (ditulis oleh Hitung)"),
    Column("total", "Total putaran", R_TOTAL, "formula"),
    Column("sub", "Peringkat dalam putaran", R_SUB, "formula"),
    Column("lengkap", "Lengkap", R_DONE, "formula"),
)

# --------------------------------------------------------------------- Lampiran B
LB_HEADER, LB_WEIGHT_ROW, LB_ROW0 = 4, 5, 6
LB_HEADERS = ("Peringkat", "Kegiatan", "Jenis", "Program", "Total skor", "Skor normal (%)",
              "Keterangan")
LB_IND0 = len(LB_HEADERS) + 1  # H..: one score column per indicator
LB_TITLE = "Lampiran B : Perhitungan Prioritas Pembangunan Sanitasi"
SUP_PREFIX = "    ↳ "

# --------------------------------------------------------------------- Stabilitas
ST_ROW0 = 4


def block_row(g: int) -> int:
    """First sheet row of sub-sector g's stability panel."""
    return ST_ROW0 + g * panel.BLOCK_ROWS


def last_row(n_rows: int) -> int:
    return FIRST_ROW + n_rows - 1


def ind_row(j: int) -> int:
    return IND_ROW0 + j


def score_col(j: int) -> int:
    return K_IND0 + j


def round_ref(shape: Shape) -> str:
    return (f"{PUTARAN}!$A${R_ROW0}:${L(R_SCORE0 + shape.cols - 1)}$"
            f"{R_ROW0 + shape.rounds - 1}")


def extent_ref(shape: Shape) -> str:
    return f"{KEGIATAN}!$A${FIRST_ROW}:${L(score_col(shape.cols - 1))}${last_row(shape.rows)}"


def names_ref(shape: Shape) -> str:
    return f"{KEGIATAN}!${L(K_NAME)}${FIRST_ROW}:${L(K_NAME)}${last_row(shape.rows)}"


def ind_ref(shape: Shape) -> str:
    return f"{INDIKATOR}!$B${IND_ROW0}:$D${ind_row(shape.cols - 1)}"


def sup_ref(shape: Shape) -> str:
    return f"{PENDUKUNG}!$A${P_ROW0}:$C${P_ROW0 + shape.sup - 1}"


def score_validation_sqref() -> str:
    return f"{L(K_IND0)}{FIRST_ROW}:XFD{MAX_ROW}"


def locator(shape: Shape) -> cm.Locate:
    def locate(kind: str, i: int, j: int) -> tuple[str, str]:
        if kind == "kind":
            return INDIKATOR, KIND.ref
        if kind == "scale":  # i 0: the lowest score, 1: the highest
            return INDIKATOR, SCALE_LO.ref if i == 0 else SCALE_HI.ref
        if kind == "sum":
            return INDIKATOR, WSUM
        if kind == "ind_name":
            return INDIKATOR, f"{L(I_NAME)}{ind_row(i)}"
        if kind == "ind_weight":
            return INDIKATOR, f"{L(I_WEIGHT)}{ind_row(i)}"
        if kind == "score":
            return KEGIATAN, f"{L(score_col(j))}{FIRST_ROW + i}"
        if kind == "column":
            return KEGIATAN, f"{L(score_col(j))}{K_HEADER}"
        if kind == "act_name":
            return KEGIATAN, f"{L(K_NAME)}{FIRST_ROW + i}"
        if kind == "sub":
            return KEGIATAN, f"{L(K_SUB)}{FIRST_ROW + i}"
        if kind == "jenis":
            return KEGIATAN, f"{L(K_JENIS)}{FIRST_ROW + i}"
        if kind == "sup_name":
            return PENDUKUNG, f"{L(P_NAME)}{P_ROW0 + i}"
        if kind == "sup_main":
            return PENDUKUNG, f"{L(P_MAIN)}{P_ROW0 + i}"
        if kind == "round_no":
            return PUTARAN, f"{L(R_NO)}{R_ROW0 + i}"
        if kind == "round_score":
            return PUTARAN, f"{L(R_SCORE0 + j)}{R_ROW0 + i}"
        raise ValueError(kind)

    return locate


# ====================================================================== the result


@dataclass
class Result:
    """Everything the workbook computes, as the core computes it."""

    p: cm.Prioritas
    shape: Shape
    ind_notes: list[Any]
    sup_rows: list[int]  # sheet rows of the supporting activities
    stab: list[Any] = field(default_factory=list)  # Stability or None per sub-sector
    problems: list[Problem] = field(default_factory=list)
    settings_raw: list[Any] = field(default_factory=list)  # Jenis bobot, skala as entered
    lock_time: Any = None
    lock_status: str = LOCK_NONE
    round_names: list[Any] = field(default_factory=list)  # Putaran column C, as entered

    @property
    def valid(self) -> bool:
        return not any(p.severity == ERROR for p in self.problems)

    def name(self, i: int) -> str:
        return cm.xl_text(self.p.names[i])

    def shown_name(self, i: int) -> str:
        return self.name(i) or f"(baris {FIRST_ROW + i}, tanpa nama)"

    def round_text(self, r: int) -> str:
        """Program of a round row's activity, as INDEX/MATCH on Kegiatan finds it."""
        if r >= len(self.round_names) or cm.blank(self.round_names[r]):
            return ""
        k = cm.xl_key(self.round_names[r])
        for i, nm in enumerate(self.p.names):
            if not cm.blank(nm) and cm.xl_key(nm) == k:
                return cm.xl_text(self.p.programs[i]) if not cm.blank(self.p.programs[i]) \
                    else ""
        return "?"


def compute(ind_names: Sequence[Any], ind_weights: Sequence[Any], ind_notes: Sequence[Any],
            kind: Any, lo: Any, hi: Any, rows: Sequence[Sequence[Any]],
            sup: Sequence[Sequence[Any]], shape: Shape, extra: Sequence[Problem] = (),
            stability: bool = True, lock_time: Any = None,
            locked: Sequence[Sequence[Any]] = (),
            locked_settings: Sequence[Any] = (),
            rounds: Sequence[Sequence[Any]] = ()) -> Result:
    """``rows``: Kegiatan cells A.. (No, Sub-sektor, Program, Kegiatan, Jenis, Catatan,
    one score per indicator row); ``sup``: Pendukung cells A..C; ``lock_time``, ``locked``
    (name, weight per indicator row) and ``locked_settings``: the Kunci bobot record;
    ``rounds``: Putaran cells A.. (Putaran, Sub-sektor, Kegiatan, then from column
    I one score per indicator row)."""
    nc = len(ind_names)
    settings_raw = [kind, lo, hi]
    if cm.blank(lock_time):
        lock_status = LOCK_NONE
    else:
        locked = [list(r) + [None] * (2 - len(r)) for r in locked]
        locked += [[None, None]] * (nc - len(locked))
        ls = list(locked_settings) + [None] * (len(SETTINGS) - len(locked_settings))
        same = all(xl_eq(ind_names[j], locked[j][0])
                   and xl_eq(ind_weights[j], locked[j][1]) for j in range(nc))
        same = same and all(xl_eq(a, b) for a, b in zip(settings_raw, ls))
        lock_status = LOCK_OK if same else LOCK_CHANGED
    width = K_IND0 - 1 + nc
    rows = [list(r[:width]) + [None] * (width - len(r)) for r in rows]
    col = [[r[c - 1] for r in rows] for c in range(1, K_IND0)]
    p = cm.prioritise(ind_names, ind_weights, kind, lo, hi, col[K_SUB - 1], col[K_PROG - 1],
                      col[K_NAME - 1], col[K_JENIS - 1], col[K_NOTE - 1],
                      [r[K_IND0 - 1:] for r in rows], [s[P_NAME - 1] for s in sup],
                      [s[P_MAIN - 1] for s in sup], locator(shape),
                      changed_after_lock=lock_status == LOCK_CHANGED,
                      round_table=[[r[R_NO - 1], r[R_GROUP - 1], r[R_NAME - 1]] for r in rounds],
                      round_scores=[list(r[R_SCORE0 - 1:R_SCORE0 - 1 + nc]) for r in rounds])
    res = Result(p, shape, list(ind_notes), [P_ROW0 + k for k in range(len(sup))],
                 settings_raw=settings_raw, lock_time=lock_time, lock_status=lock_status,
                 round_names=[r[R_NAME - 1] for r in rounds])
    head = [q for q in p.problems if q.sheet == INDIKATOR]
    if lock_status == LOCK_CHANGED:
        head.append(Problem("BOBOT_BERUBAH", INDIKATOR, LOCK_STATUS_CELL,
                            f"dikunci pada {mcua.text(lock_time)}",
                            "indikator/bobot/jenis bobot/skala berbeda dari saat dikunci"))
    elif lock_status == LOCK_NONE and any(f > 0 for f in p.filled):
        head.append(Problem("BOBOT_BELUM_DIKUNCI", INDIKATOR, LOCK_TIME_CELL,
                            "dikunci (tombol Kunci bobot)", LOCK_NONE, WARNING))
    res.problems = head + list(extra) + [q for q in p.problems if q.sheet != INDIKATOR]
    if stability:
        res.stab = [p.stability(g) for g in range(len(cm.SUBSECTORS))]
    else:
        res.stab = [None] * len(cm.SUBSECTORS)
    return res


# ================================================================= the interface


def check_sheets(names: Sequence[str]) -> None:
    common.check_sheets(names, REQUIRED_SHEETS)


def _last_nonblank(block: Sequence[Sequence[Any]], c0: int, c1: int) -> int:
    """1-based index of the last row with a non-blank cell in columns c0..c1 (1-based)."""
    last = 0
    for i, r in enumerate(block):
        if any(not cm.blank(v) for v in r[c0 - 1:c1]):
            last = i + 1
    return last


def read(book: Any, stability: bool = True) -> tuple[Result, Shape, Shape]:
    """Read and compute, writing nothing: (result, shape needed, shape covered now)."""
    check_sheets(book.sheet_names())
    cur = Shape(common.extent_rows(book.defined_name(EXTENT_NAME), MIN_ROWS),
                common.extent_rows(book.defined_name(IND_EXTENT), MIN_IND),
                common.extent_rows(book.defined_name(SUP_EXTENT), MIN_SUP),
                common.extent_rows(book.defined_name(ROUNDS_NAME), MIN_ROUND_ROWS))
    ib = book.read_block(INDIKATOR, IND_ROW0, I_LWEIGHT)
    ib = [list(r) + [None] * (I_LWEIGHT - len(r)) for r in ib]
    nc = max(cur.cols, _last_nonblank(ib, I_NAME, I_NOTE), _last_nonblank(ib, I_LNAME, I_LWEIGHT))
    ib = ib[:nc] + [[None] * I_LWEIGHT for _ in range(nc - len(ib))]
    width = max(len(book.read_row(KEGIATAN, K_HEADER)), len(book.read_row(KEGIATAN, FIRST_ROW)),
                K_IND0 - 1 + nc)
    kb = book.read_block(KEGIATAN, FIRST_ROW, width)
    span = K_IND0 - 1 + nc
    n_rows = max(cur.rows, _last_nonblank(kb, K_SUB, span))
    stray: dict[int, int] = {}  # cells right of the last indicator column, any row
    for r in kb:
        for c in range(span, len(r)):
            if not cm.blank(r[c]):
                stray[c] = stray.get(c, 0) + 1
    kb = kb[:n_rows] + [[None] * width for _ in range(n_rows - len(kb))]
    pb = book.read_block(PENDUKUNG, P_ROW0, P_MAIN)
    ns = max(cur.sup, _last_nonblank(pb, P_NO, P_MAIN))
    pb = pb[:ns] + [[None] * P_MAIN for _ in range(ns - len(pb))]
    rwidth = max(len(book.read_row(PUTARAN, R_HEADER)), R_SCORE0 - 1 + nc)
    rb = book.read_block(PUTARAN, R_ROW0, rwidth)
    rb = [list(r) + [None] * (rwidth - len(r)) for r in rb]
    rin = [[r[R_NO - 1], r[R_GROUP - 1], r[R_NAME - 1]] + r[R_SCORE0 - 1:] for r in rb]
    nr = max(cur.rounds, _last_nonblank(rin, 1, len(rin[0]) if rin else 1))
    rb = rb[:nr] + [[None] * rwidth for _ in range(nr - len(rb))]
    shape = Shape(n_rows, nc, ns, nr)
    extra = [Problem("NILAI_TANPA_INDIKATOR", KEGIATAN, f"{L(c + 1)}{K_HEADER}",
                     "baris indikator di sheet Indikator",
                     f"kolom di luar tabel, {k} sel berisi") for c, k in sorted(stray.items())]
    res = compute([r[I_NAME - 1] for r in ib], [r[I_WEIGHT - 1] for r in ib],
                  [r[I_NOTE - 1] for r in ib], book.read_cell(INDIKATOR, KIND.ref),
                  book.read_cell(INDIKATOR, SCALE_LO.ref), book.read_cell(INDIKATOR, SCALE_HI.ref),
                  kb, pb, shape, extra, stability,
                  lock_time=book.read_cell(INDIKATOR, LOCK_TIME_CELL),
                  locked=[[r[I_LNAME - 1], r[I_LWEIGHT - 1]] for r in ib],
                  locked_settings=[book.read_cell(INDIKATOR, f"{L(LOCKED_SETTING_COL)}"
                                                             f"{x.ref[1:]}") for x in SETTINGS],
                  rounds=rb)
    return res, shape, cur


# ------------------------------------------------------------------------ actions


LOCK = lk.Lock(INDIKATOR, IND_ROW0, I_LNAME, int(KIND.ref[1:]), LOCKED_SETTING_COL,
               LOCK_TIME_CELL, LOCK_STATUS_CELL)


def kunci_bobot(book: Any, res: Result, when: dt.datetime | None = None) -> None:
    """Kunci bobot: record the indicators, weights, weight kind and scale as agreed in
    plenary, and when (decisions.md §16; K7 step 2). Writes inputs only."""
    ind = res.p.ind
    lk.record(book, LOCK, res.lock_status, ind.ok,
              [q for q in ind.problems if q.severity == ERROR],
              Problem("BOBOT_KRITERIA_TIDAK_SAH", INDIKATOR, WSTATUS, cm.STATUS_OK, ind.status),
              [[ind.names[j], ind.raw[j]] for j in range(res.shape.cols)],
              res.settings_raw, when)


def buka_kunci(book: Any, res: Result) -> None:
    """Buka kunci: clear the lock record (the indicators and weights stay as they are)."""
    lk.clear(book, LOCK, res.shape.cols, len(SETTINGS))


def putaran_seri(book: Any, res: Result) -> None:
    """Putaran seri: a new round for each block of main activities still tied (same final
    order within a sub-sector), the tied activities only (decisions.md §2)."""
    ties = cm.open_ties(res.p)
    if not ties:
        raise XlpokjaError([Problem("PUTARAN_TIDAK_PERLU", HASIL, f"{L(H_TIE)}{HASIL_ROW0}",
                                    "kegiatan utama yang masih seri",
                                    "tidak ada kegiatan yang seri")])
    numbers = [rd.number for rd in res.p.rounds if mcua.is_number(rd.number)]
    nxt = int(max(numbers)) + 1 if numbers else 1
    rows = []
    for k, (g, ix) in enumerate(ties):
        rows += [[nxt + k, cm.SUBSECTORS[g], res.p.names[i]] for i in ix]
    used_rows = [q for q, (no, b) in enumerate(zip(_round_nos(res), res.p.round_blank))
                 if not b or not cm.blank(no)]
    first = R_ROW0 + (max(used_rows) + 1 if used_rows else 0)
    book.write_block(PUTARAN, first, R_NO, rows)


def _round_nos(res: Result) -> list[Any]:
    out: list[Any] = [None] * len(res.p.round_blank)
    for rd in res.p.rounds:
        for q in rd.rows:
            out[q] = rd.number
    return out


def extents(shape: Shape) -> dict[str, str]:
    return {EXTENT_NAME: extent_ref(shape), NAMES_NAME: names_ref(shape),
            IND_EXTENT: ind_ref(shape), SUP_EXTENT: sup_ref(shape),
            ROUNDS_NAME: round_ref(shape)}


def grown_note(shape: Shape, cur: Shape) -> tuple[str, str]:
    """(sheet, cell) of the first row the formulas do not cover yet."""
    if shape.cols > cur.cols:
        return INDIKATOR, f"{L(I_NAME)}{ind_row(cur.cols)}"
    if shape.rows > cur.rows:
        return KEGIATAN, f"{L(K_NAME)}{last_row(cur.rows) + 1}"
    if shape.sup > cur.sup:
        return PENDUKUNG, f"{L(P_NAME)}{P_ROW0 + cur.sup}"
    return PUTARAN, f"{L(R_NAME)}{R_ROW0 + cur.rounds}"


# ====================================================================== layout JSON


def layout_json() -> dict[str, Any]:
    kegiatan = {
        "name": "kegiatan", "sheet": KEGIATAN, "header_row": K_HEADER,
        "first_data_row": FIRST_ROW,
        "columns": [{"key": c.key, "header": c.header, "letter": c.letter, "kind": c.kind,
                     "note": c.note} for c in KEGIATAN_COLUMNS],
        "indicator_columns": {
            "first": L(K_IND0), "header_row": K_HEADER, "weight_row": K_WEIGHT_ROW,
            "rule": "satu kolom skor per baris indikator di sheet Indikator, dalam urutan yang "
                    "sama: indikator ke-j (baris " + str(IND_ROW0) + " + j) -> kolom G + j. "
                    "Judul (baris 4) dan bobot (baris 5) adalah rumus."},
        "min_rows": MIN_ROWS,
        "extent_name": EXTENT_NAME,
        "values": "skor bilangan bulat pada skala di sheet Indikator (bawaan 1–5); kosong = "
                  "belum dinilai",
        "grows": "baris baru di bawah tabel dan indikator baru diikutkan oleh Hitung / "
                 "xlpokja recalc",
        "results_sheet": {
            "sheet": HASIL, "header_row": HASIL_HEADER, "first_data_row": HASIL_ROW0,
            "columns": [{"key": c.key, "header": c.header, "letter": c.letter}
                        for c in HASIL_COLUMNS],
            "indicator_columns_from": L(H_IND0),
            "note": "dihitung; baris sama dengan baris di Kegiatan; skor sah per indikator "
                    "mulai kolom " + L(H_IND0)},
    }
    indikator = {
        "name": "indikator", "sheet": INDIKATOR, "header_row": IND_HEADER,
        "first_data_row": IND_ROW0,
        "columns": [{"key": "indikator", "header": "Indikator", "letter": L(I_NAME),
                     "kind": "input"},
                    {"key": "bobot", "header": "Bobot", "letter": L(I_WEIGHT), "kind": "input"},
                    {"key": "penjelasan", "header": I_NOTE_HEADER,
                     "letter": L(I_NOTE), "kind": "input"},
                    {"key": "status", "header": "Status", "letter": L(I_STATUS),
                     "kind": "formula"}],
        "min_rows": MIN_IND, "extent_name": IND_EXTENT,
        "values": "bobot angka ≥ 0; jenis Persen: jumlah harus 100",
        "rows": "satu baris per indikator yang disepakati; baris kosong (nama dan bobot "
                "kosong) bukan indikator",
    }
    pendukung = {
        "name": "pendukung", "sheet": PENDUKUNG, "header_row": P_HEADER,
        "first_data_row": P_ROW0,
        "columns": [{"key": c.key, "header": c.header, "letter": c.letter, "kind": c.kind,
                     "note": c.note} for c in PENDUKUNG_COLUMNS],
        "min_rows": MIN_SUP, "extent_name": SUP_EXTENT,
        "rule": "peringkat = urutan akhir kegiatan utama (MATCH nama, tidak peka huruf "
                "besar/kecil)",
    }
    putaran = {
        "name": "putaran", "sheet": PUTARAN, "header_row": R_HEADER, "first_data_row": R_ROW0,
        "columns": [{"key": c.key, "header": c.header, "letter": c.letter, "kind": c.kind,
                     "note": c.note} for c in PUTARAN_COLUMNS],
        "score_columns_from": L(R_SCORE0),
        "min_rows": MIN_ROUND_ROWS, "extent_name": ROUNDS_NAME,
        "rule": "baris dibuat oleh tombol Putaran seri (xlpokja seri) hanya untuk kegiatan "
                "utama yang seri; skor ulang satu kolom per indikator seperti di Kegiatan. "
                "Putaran dipakai bila lengkap dan kegiatannya tepat satu blok yang masih seri; "
                "peringkat di putaran menjadi sub-peringkat, urutan akhir = peringkat + "
                "sub-peringkat − 1",
    }
    return {
        "template": TEMPLATE_ID,
        "version": TEMPLATE_VERSION,
        "sheets": list(SHEETS),
        "subsectors": list(cm.SUBSECTORS),
        "jenis": list(cm.JENIS),
        "tables": [indikator, kegiatan, pendukung, putaran],
        "settings": [KIND.to_json(), SCALE_LO.to_json(), SCALE_HI.to_json()],
        "lock": {"sheet": INDIKATOR, "time": LOCK_TIME_CELL, "status": LOCK_STATUS_CELL,
                 "locked_columns": [L(I_LNAME), L(I_LWEIGHT)],
                 "locked_settings": [f"{L(LOCKED_SETTING_COL)}{x.ref[1:]}" for x in SETTINGS],
                 "note": "ditulis oleh tombol Kunci bobot / Buka kunci (xlpokja kunci, "
                         "xlpokja buka-kunci)"},
        "outputs": {
            "weights_sum": {"sheet": INDIKATOR, "cell": WSUM},
            "weights_status": {"sheet": INDIKATOR, "cell": WSTATUS},
            "lock_status": {"sheet": INDIKATOR, "cell": LOCK_STATUS_CELL},
            "indicators_active": {"sheet": INDIKATOR, "cell": NACTIVE},
            "scale_used": {"sheet": INDIKATOR, "cells": [EFF_LO, EFF_HI]},
            "lampiran_b": {"sheet": LAMPIRAN, "header_row": LB_HEADER,
                           "first_data_row": LB_ROW0,
                           "note": "ditulis sebagai nilai oleh Hitung"},
            "stability": {"sheet": STABILITAS, "first_row": ST_ROW0,
                          "block_rows": panel.BLOCK_ROWS,
                          "blocks": list(cm.SUBSECTORS)},
            "problems": common.masalah_json(),
        },
    }


#: the form buttons (built by ``xlpokja build``, rebuilt by Hitung when damaged)
BUTTONS = (
    Button(INDIKATOR, 640.0, 2.0), Button(INDIKATOR, 760.0, 2.0, *KUNCI),
    Button(INDIKATOR, 880.0, 2.0, *BUKA), Button(KEGIATAN, 520.0, 2.0),
    Button(HASIL, 640.0, 2.0), Button(HASIL, 760.0, 2.0, *SERI),
    Button(PUTARAN, 640.0, 2.0), Button(PUTARAN, 760.0, 2.0, *SERI))
