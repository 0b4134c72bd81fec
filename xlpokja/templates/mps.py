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
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..core import mcua, stpp
from ..core import mps as cm
from ..core.problems import ERROR, WARNING, Problem, XlpokjaError, format_number
from ..layout.base import Button, Column, FormulaCell, Setting, col_letter
from . import common, panel
from . import lock as lk

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
        if kind == "scale":
            return INDIKATOR, SCALE_LO.ref
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
        same = all(stpp.xl_equal(ind_names[j], locked[j][0])
                   and stpp.xl_equal(ind_weights[j], locked[j][1]) for j in range(nc))
        same = same and all(stpp.xl_equal(a, b) for a, b in zip(settings_raw, ls))
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


# ==================================================================== formula cells


def _b(x: Any) -> Any:
    return "" if x is None else x


def _cell(v: Any) -> Any:
    """A mirror ``IF(X="","",X)`` of an input cell."""
    return "" if cm.blank(v) else v


def _or_equal(ref: str, values: Sequence[str]) -> str:
    return "OR(" + ",".join(f'{ref}="{v}"' for v in values) + ")"


def formula_cells(shape: Shape) -> list[FormulaCell]:
    """Every computed cell of the workbook for ``shape``."""
    n, nc, ns, nr = shape
    first, last = FIRST_ROW, last_row(n)
    cells: list[FormulaCell] = []
    add = cells.append
    ir0, ir1 = IND_ROW0, ind_row(nc - 1)
    ind = INDIKATOR
    B, C, E = L(I_NAME), L(I_WEIGHT), L(I_STATUS)
    lo, hi = f"{ind}!${EFF_LO[0]}${EFF_LO[1:]}", f"{ind}!${EFF_HI[0]}${EFF_HI[1:]}"
    status = f"{ind}!${WSTATUS[0]}${WSTATUS[1:]}"
    nact = f"{ind}!${NACTIVE[0]}${NACTIVE[1:]}"
    wsum = f"{ind}!${WSUM[0]}${WSUM[1:]}"
    iname = [f"{ind}!${B}${ind_row(j)}" for j in range(nc)]
    iweight = [f"{ind}!${C}${ind_row(j)}" for j in range(nc)]
    istatus = [f"{ind}!${E}${ind_row(j)}" for j in range(nc)]

    # ------------------------------------------------------------------ Indikator
    k_in, lo_in, hi_in = KIND.ref, SCALE_LO.ref, SCALE_HI.ref
    add(FormulaCell(ind, EFF_KIND, f'IF({k_in}="{cm.MENTAH}","{cm.MENTAH}","{cm.PERSEN}")',
                    lambda res: res.p.ind.kind))
    scale_ok = (f"AND(OR({lo_in}=0,{lo_in}=1),{hi_in}>=2,{hi_in}<=10,"
                f"{hi_in}=INT({hi_in}))")
    for ref, inp, default, k in ((EFF_LO, lo_in, 1, 0), (EFF_HI, hi_in, 5, 1)):
        add(FormulaCell(ind, ref, f"IF(AND(ISNUMBER({lo_in}),ISNUMBER({hi_in})),"
                                  f"IF({scale_ok},{inp},{default}),{default})",
                        lambda res, k=k: res.p.ind.scale[k]))
    names_rng = f"${B}${ir0}:${B}${ir1}"
    status_rng = f"${E}${ir0}:${E}${ir1}"
    add(FormulaCell(ind, WSUM, f"SUM({C}{ir0}:{C}{ir1})", lambda res: res.p.ind.wsum))
    add(FormulaCell(ind, NACTIVE, f'SUMPRODUCT(({status_rng}<>"")*1)',
                    lambda res: res.p.ind.n_active))
    add(FormulaCell(ind, WSTATUS,
                    f'IF({LOCK_STATUS_CELL}="{LOCK_CHANGED}","{STATUS_CHANGED}",'
                    f'IF({NACTIVE}=0,"{cm.STATUS_NO_IND}",'
                    f'IF(SUMPRODUCT(({status_rng}="{cm.IND_OK}")*1)<{NACTIVE},'
                    f'"{cm.STATUS_INVALID}",IF({WSUM}=0,"{cm.STATUS_ALL_ZERO}",'
                    f'IF(AND({EFF_KIND}="{cm.PERSEN}",ABS({WSUM}-100)>1E-9),'
                    f'"{cm.STATUS_NOT_100}","{cm.STATUS_OK}")))))',
                    lambda res: res.p.ind.status))
    wts_rng = f"${C}${ir0}:${C}${ir1}"
    lnames_rng = f"${L(I_LNAME)}${ir0}:${L(I_LNAME)}${ir1}"
    lwts_rng = f"${L(I_LWEIGHT)}${ir0}:${L(I_LWEIGHT)}${ir1}"
    same_settings = ",".join(f"{x.ref}={L(LOCKED_SETTING_COL)}{x.ref[1:]}" for x in SETTINGS)
    add(FormulaCell(ind, LOCK_STATUS_CELL,
                    f'IF({LOCK_TIME_CELL}="","{LOCK_NONE}",IF(AND(SUMPRODUCT(({names_rng}='
                    f'{lnames_rng})*({wts_rng}={lwts_rng}))={nc},{same_settings}),'
                    f'"{LOCK_OK}","{LOCK_CHANGED}"))',
                    lambda res: res.lock_status))
    for j in range(nc):
        r = ind_row(j)
        b, c, e = f"{B}{r}", f"{C}{r}", f"{E}{r}"
        add(FormulaCell(ind, f"{L(I_NO)}{r}", f'IF({e}="","",{j + 1})',
                        lambda res, j=j: j + 1 if res.p.ind.row_status[j] else ""))
        add(FormulaCell(ind, e,
                        f'IF(AND({b}="",{c}=""),"",IF({b}="","{cm.IND_NO_NAME}",'
                        f'IF(NOT(ISNUMBER({c})),IF({c}="","{cm.IND_NO_WEIGHT}",'
                        f'"{cm.IND_NOT_NUMBER}"),IF({c}<0,"{cm.IND_NEGATIVE}",'
                        f'IF(SUMPRODUCT(({names_rng}={b})*1)>1,"{cm.IND_DUPLICATE}",'
                        f'"{cm.IND_OK}")))))',
                        lambda res, j=j: res.p.ind.row_status[j]))

    # ------------------------------------------- mirrored indicator names and weights
    def mirrors(sheet: str, row: int, col0: int, refs: list[str], kind: str) -> None:
        for j in range(nc):
            add(FormulaCell(sheet, f"{L(col0 + j)}{row}", f'IF({refs[j]}="","",{refs[j]})',
                            lambda res, j=j: _cell(res.p.ind.names[j] if kind == "name"
                                                   else res.p.ind.raw[j])))

    mirrors(KEGIATAN, K_HEADER, K_IND0, iname, "name")
    mirrors(KEGIATAN, K_WEIGHT_ROW, K_IND0, iweight, "weight")
    mirrors(HASIL, HASIL_HEADER, H_IND0, iname, "name")
    mirrors(LAMPIRAN, LB_HEADER, LB_IND0, iname, "name")
    mirrors(LAMPIRAN, LB_WEIGHT_ROW, LB_IND0, iweight, "weight")
    mirrors(PUTARAN, R_HEADER, R_SCORE0, iname, "name")

    # ------------------------------------------------ Putaran: one row per round entry
    kname_all = f"{KEGIATAN}!${L(K_NAME)}${first}:${L(K_NAME)}${last}"
    kprog_all = f"{KEGIATAN}!${L(K_PROG)}${first}:${L(K_PROG)}${last}"
    r0, r1 = R_ROW0, R_ROW0 + nr - 1
    rno_rng = f"${L(R_NO)}${r0}:${L(R_NO)}${r1}"
    rtot_rng = f"${L(R_TOTAL)}${r0}:${L(R_TOTAL)}${r1}"
    rs = [L(R_SCORE0 + j) for j in range(nc)]
    for q in range(nr):
        r = R_ROW0 + q
        nm = f"{L(R_NAME)}{r}"
        add(FormulaCell(PUTARAN, f"{L(R_TEXT)}{r}",
                        f'IF({nm}="","",IFERROR(INDEX({kprog_all},MATCH({nm},{kname_all},0))'
                        f'&"","?"))', lambda res, q=q: res.round_text(q)))
        ok = "+".join(f'IF({istatus[j]}="",0,IF(ISNUMBER({rs[j]}{r}),IF(AND({rs[j]}{r}='
                      f'INT({rs[j]}{r}),{rs[j]}{r}>={lo},{rs[j]}{r}<={hi}),1,0),0))'
                      for j in range(nc))
        done = f"{L(R_DONE)}{r}"
        add(FormulaCell(PUTARAN, done,
                        f'IF(COUNTA({nm},{rs[0]}{r}:{rs[-1]}{r})=0,"",IF({ok}={nact},1,0))',
                        lambda res, q=q: _round_done(res, q)))
        terms = "+".join(f'IF({istatus[j]}="",0,{iweight[j]}*{rs[j]}{r})' for j in range(nc))
        tot = f"{L(R_TOTAL)}{r}"
        add(FormulaCell(PUTARAN, tot,
                        f'IF(OR({done}<>1,{status}<>"{cm.STATUS_OK}"),"",ROUND({terms},9))',
                        lambda res, q=q: _b(_at(res.p.round_totals, q))))
        add(FormulaCell(PUTARAN, f"{L(R_SUB)}{r}",
                        f'IF({tot}="","",COUNTIFS({rno_rng},{L(R_NO)}{r},{rtot_rng},">"&{tot})+1)',
                        lambda res, q=q: _b(_at(res.p.round_subranks, q))))
    p_name = f"{PUTARAN}!${L(R_NAME)}${r0}:${L(R_NAME)}${r1}"
    p_group = f"{PUTARAN}!${L(R_GROUP)}${r0}:${L(R_GROUP)}${r1}"
    p_status = f"{PUTARAN}!${L(R_STATUS)}${r0}:${L(R_STATUS)}${r1}"
    p_sub = f"{PUTARAN}!${L(R_SUB)}${r0}:${L(R_SUB)}${r1}"

    # ------------------------------------------------------- Hasil: one row per activity
    A_, B_, C_, D_, E_, F_, G_, H_, I_, J_, SB_, FN_ = (L(c) for c in range(1, 13))
    final_rng = f"${FN_}${first}:${FN_}${last}"
    kc = [L(H_IND0 + j) for j in range(nc)]
    sc = [L(score_col(j)) for j in range(nc)]
    subs_rng = f"${B_}${first}:${B_}${last}"
    tot_rng = f"${D_}${first}:${D_}${last}"
    kname_rng = f"{KEGIATAN}!${L(K_NAME)}${first}:${L(K_NAME)}${last}"
    K = KEGIATAN
    for i in range(n):
        r = first + i
        nm, sub, jen = (f"{K}!{L(c)}{r}" for c in (K_NAME, K_SUB, K_JENIS))
        add(FormulaCell(HASIL, f"{A_}{r}", f'IF({nm}="","",{nm})',
                        lambda res, i=i: _cell(res.p.names[i])))
        add(FormulaCell(HASIL, f"{B_}{r}", f'IF({sub}="","",{sub})',
                        lambda res, i=i: _cell(res.p.subs[i])))
        add(FormulaCell(HASIL, f"{C_}{r}", f'IF({jen}="","",{jen})',
                        lambda res, i=i: _cell(res.p.jenis[i])))
        for j in range(nc):
            s = f"{K}!{sc[j]}{r}"
            add(FormulaCell(HASIL, f"{kc[j]}{r}",
                            f'IF({istatus[j]}="","",IF(ISNUMBER({s}),'
                            f'IF(AND({s}=INT({s}),{s}>={lo},{s}<={hi}),{s},""),""))',
                            lambda res, i=i, j=j: _b(res.p.score(i, j))))
        add(FormulaCell(HASIL, f"{H_}{r}", f"COUNTA({K}!{sc[0]}{r}:{sc[-1]}{r})",
                        lambda res, i=i: res.p.filled[i]))
        add(FormulaCell(HASIL, f"{I_}{r}", f"COUNT({kc[0]}{r}:{kc[-1]}{r})",
                        lambda res, i=i: res.p.valid[i]))
        terms = "+".join(f'IF({kc[j]}{r}="",0,{iweight[j]}*{kc[j]}{r})' for j in range(nc))
        add(FormulaCell(HASIL, f"{D_}{r}",
                        f'IF(OR({status}<>"{cm.STATUS_OK}",{I_}{r}<{nact}),"",'
                        f'ROUND({terms},9))',
                        lambda res, i=i: _b(res.p.totals[i])))
        add(FormulaCell(HASIL, f"{E_}{r}", f'IF({D_}{r}="","",{D_}{r}/({wsum}*{hi}))',
                        lambda res, i=i: _b(res.p.pct(i))))
        sub_ok = _or_equal(f"{B_}{r}", cm.SUBSECTORS)
        add(FormulaCell(HASIL, f"{F_}{r}",
                        f'IF(OR({D_}{r}="",NOT({sub_ok})),"",'
                        f'COUNTIFS({subs_rng},{B_}{r},{tot_rng},">"&{D_}{r})+1)',
                        lambda res, i=i: _b(res.p.ranks[i])))
        # SUMPRODUCT with Excel's "=" on names, not COUNTIFS/SUMIFS: the formulas engine
        # reads some texts as dates, and "*" is a wildcard in a criterion
        mask = (f'({p_name}=${A_}{r})*({p_group}=${B_}{r})*'
                f'({p_status}="{cm.ROUND_USED}")')
        used = f"SUMPRODUCT({mask})"
        add(FormulaCell(HASIL, f"{SB_}{r}",
                        f'IF({F_}{r}="","",IF({used}=0,"",SUMPRODUCT({mask},{p_sub})'
                        f'-{used}+1))',
                        lambda res, i=i: _b(res.p.subranks[i])))
        # final = rank + Σ (sub − 1), without referring to the sub-rank cell: LibreOffice's
        # forced recalculation read that cell before computing it (0 for "") in row 6
        add(FormulaCell(HASIL, f"{FN_}{r}",
                        f'IF({F_}{r}="","",{F_}{r}+SUMPRODUCT({mask},{p_sub})-{used})',
                        lambda res, i=i: _b(res.p.final[i])))
        add(FormulaCell(HASIL, f"{G_}{r}",
                        f'IF({F_}{r}="","",IF(COUNTIFS({subs_rng},{B_}{r},{final_rng},'
                        f'{FN_}{r})>1,"{cm.TIE}",""))',
                        lambda res, i=i: cm.TIE if res.p.ties[i] else ""))
        dc = f"COUNTA({K}!{L(K_SUB)}{r}:{L(K_PROG)}{r},{K}!{L(K_JENIS)}{r}:{sc[-1]}{r})"
        hs = f'OR({nm}<>"",{dc}>0)'
        sep = cm.FLAG_SEP
        miss = "&".join(f'IF(AND({istatus[j]}<>"",{K}!{sc[j]}{r}=""),", "&{iname[j]},"")'
                        for j in range(nc))
        flags = "&".join([
            f'IF(AND({nm}="",{dc}>0),"{sep}{cm.FLAG_NO_NAME}","")',
            f'IF({hs},IF({sub}="","{sep}{cm.FLAG_SUB_BLANK}",IF({_or_equal(sub, cm.SUBSECTORS)},'
            f'"","{sep}{cm.FLAG_SUB_UNKNOWN}")),"")',
            f'IF({hs},IF({jen}="","{sep}{cm.FLAG_JENIS_BLANK}",IF({_or_equal(jen, cm.JENIS)},'
            f'"","{sep}{cm.FLAG_JENIS_UNKNOWN}")),"")',
            f'IF(AND({H_}{r}=0,{nact}>0,{hs}),"{sep}{cm.FLAG_NOT_SCORED}","")',
            f'IF({H_}{r}>{I_}{r},"{sep}"&({H_}{r}-{I_}{r})&"{cm.FLAG_INVALID}","")',
            f'IF({H_}{r}>0,IF({miss}="","","{sep}{cm.FLAG_MISSING}"&MID({miss},3,32767)),"")',
            f'IF(AND({hs},{status}<>"{cm.STATUS_OK}"),"{sep}{cm.FLAG_NO_TOTAL}"&{status},"")',
            f'IF({nm}="","",IF(SUMPRODUCT(({kname_rng}={nm})*1)>1,"{sep}{cm.FLAG_DUPLICATE}",'
            f'""))',
        ])
        add(FormulaCell(HASIL, f"{J_}{r}", f"MID({flags},{len(sep) + 1},32767)",
                        lambda res, i=i: res.p.keterangan(i)))

    # ------------------------------------------------------------------ Pendukung
    h_sub = f"{HASIL}!${B_}${first}:${B_}${last}"
    h_jen = f"{HASIL}!${C_}${first}:${C_}${last}"
    h_rank = f"{HASIL}!${F_}${first}:${F_}${last}"
    h_final = f"{HASIL}!${FN_}${first}:${FN_}${last}"
    for s in range(ns):
        r = P_ROW0 + s
        nm, mn = f"{L(P_NAME)}{r}", f"{L(P_MAIN)}{r}"
        m = f"MATCH({mn},{kname_rng},0)"
        add(FormulaCell(PENDUKUNG, f"{L(P_SUB)}{r}",
                        f'IF({mn}="","",IFERROR(INDEX({h_sub},{m}),""))',
                        lambda res, s=s: _sup_sub(res, s)))
        add(FormulaCell(PENDUKUNG, f"{L(P_RANK)}{r}",
                        f'IF({mn}="","",IFERROR(INDEX({h_final},{m}),""))',
                        lambda res, s=s: _sup_rank(res, s)))
        sep = cm.FLAG_SEP
        flags = "&".join([
            f'IF(AND({nm}="",{mn}<>""),"{sep}{cm.SUP_NO_NAME}","")',
            f'IF(AND({mn}="",{nm}<>""),"{sep}{cm.SUP_NO_MAIN}","")',
            f'IF({mn}="","",IF(ISNA({m}),"{sep}{cm.SUP_MAIN_MISSING}",'
            f'IF(INDEX({h_jen},{m})="{cm.NON_INFRA}","{sep}{cm.SUP_NON_INFRA}","")&'
            f'IF(INDEX({h_rank},{m})="","{sep}{cm.SUP_MAIN_UNRANKED}","")))',
        ])
        add(FormulaCell(PENDUKUNG, f"{L(P_NOTE)}{r}", f"MID({flags},{len(sep) + 1},32767)",
                        lambda res, s=s: _sup_note(res, s)))
    return cells


def _at(xs: Sequence[Any], q: int) -> Any:
    return xs[q] if q < len(xs) else None


def _round_done(res: Result, q: int) -> Any:
    if q >= len(res.p.round_blank) or res.p.round_blank[q]:
        return ""
    return int(bool(res.p.round_complete[q]))


def _sup(res: Result, s: int) -> cm.Supporting | None:
    return res.p.supporting[s] if s < len(res.p.supporting) else None


def _sup_sub(res: Result, s: int) -> Any:
    sp = _sup(res, s)
    return "" if sp is None or sp.main is None else _cell(sp.subsector)


def _sup_rank(res: Result, s: int) -> Any:
    sp = _sup(res, s)
    return "" if sp is None or sp.rank is None else sp.rank


def _sup_note(res: Result, s: int) -> str:
    sp = _sup(res, s)
    return "" if sp is None else cm.FLAG_SEP.join(sp.flags)


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


def lock_text(res: Result) -> str:
    """The lock, in words (Lampiran B footer, resume)."""
    if res.lock_status == LOCK_NONE:
        return "bobot belum dikunci"
    when = mcua.text(res.lock_time)
    if res.lock_status == LOCK_CHANGED:
        return f"bobot dikunci pada {when}, tetapi BERUBAH setelah dikunci"
    return f"bobot dikunci pada {when}"


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


# ===================================================================== value tables


def _num_or_text(v: Any) -> Any:
    return None if cm.blank(v) else v


def lampiran_rows(res: Result) -> list[list[Any]]:
    """The printable back-up calculation, per sub-sector: main activities by rank (ties
    share the rank, in row order, marked SAMA), each followed by its supporting activities
    with the same rank."""
    p = res.p
    nc = res.shape.cols
    width = LB_IND0 - 1 + nc
    rows: list[list[Any]] = []

    def row(*cells: Any) -> list[Any]:
        out = list(cells)[:width]
        return out + [None] * (width - len(out))

    def act(i: int) -> list[Any]:
        t = p.totals[i]
        pct = p.pct(i)
        notes = ([cm.TIE] if p.ties[i] else []) + _round_note(p, i) + p.flags(i)
        return row(p.final[i] if p.final[i] is not None else "–", res.shown_name(i),
                   _num_or_text(p.jenis[i]), _num_or_text(p.programs[i]), t,
                   None if pct is None else round(pct * 100, 1),
                   cm.FLAG_SEP.join(notes) or None,
                   *[_num_or_text(v) for v in p.raw_scores[i]])

    def sup(s: int) -> list[Any]:
        sp = p.supporting[s]
        name = cm.xl_text(sp.name) or "(tanpa nama)"
        notes = ["pendukung dari: " + res.shown_name(sp.main)] if sp.main is not None else []
        notes += [f for f in sp.flags if f != cm.SUP_MAIN_UNRANKED]
        return row(sp.rank if sp.rank is not None else "–", SUP_PREFIX + name,
                   "pendukung", None, None, None, cm.FLAG_SEP.join(notes))

    for g, name in enumerate(cm.SUBSECTORS):
        order, unranked = p.order(g), p.unranked(g)
        n_sup = sum(len(p.supporting_of(i)) for i in order + unranked)
        rows.append(row(f"{chr(65 + g)}.", f"SUB-SEKTOR {name.upper()}", None, None, None, None,
                        f"{len(order) + len(unranked)} kegiatan utama, {n_sup} pendukung"))
        if not order and not unranked:
            rows.append(row(None, "(belum ada kegiatan utama)"))
        for i in order + unranked:
            rows.append(act(i))
            rows += [sup(s) for s in p.supporting_of(i)]
        rows.append(row())
    excluded, orphans = p.excluded(), p.orphans()
    if excluded or orphans:
        rows.append(row("–", "TIDAK DIPERINGKAT: sub-sektor kosong/tidak dikenal, atau "
                             "kegiatan utama tidak ada"))
        for i in excluded:
            rows.append(act(i))
            rows += [sup(s) for s in p.supporting_of(i)]
        rows += [sup(s) for s in orphans]
        rows.append(row())
    ind = p.ind
    lo, hi = ind.scale
    rows.append(row(None, f"Bobot: {ind.kind}, jumlah {format_number(ind.wsum)}, status "
                          f"{ind.status}; skala skor {lo}–{hi}; {lock_text(res)}."))
    rows.append(row(None, "Total skor = Σ (bobot × skor) atas semua indikator; skor normal = "
                          "total / (jumlah bobot × skor tertinggi) × 100. Peringkat kompetisi "
                          "dalam setiap sub-sektor; nilai sama mendapat peringkat sama (SAMA). "
                          "Putaran seri yang dipakai memberi sub-peringkat; urutan akhir = "
                          "peringkat + sub-peringkat − 1 (kolom pertama). Kegiatan pendukung (↳) "
                          "memiliki urutan akhir kegiatan utamanya."))
    return rows


def _round_note(p: cm.Prioritas, i: int) -> list[str]:
    if p.subranks[i] is None:
        return []
    return [f"peringkat {p.ranks[i]}, sub-peringkat {p.subranks[i]} (putaran seri)"]


def stability_note(res: Result, g: int) -> str:
    p = res.p
    if not p.ind.ok:
        return f"Bobot belum sah ({p.ind.status}): tidak ada peringkat."
    if not p.order(g):
        return "Belum ada kegiatan utama berperingkat di sub-sektor ini."
    k = len(p.unranked(g))
    note = f"{k} kegiatan belum berperingkat tidak ikut." if k else ""
    if any(rd.status == cm.ROUND_USED and cm.subsector_index(rd.group) == g for rd in p.rounds):
        note = (note + " " if note else "") + ("Panel ini menilai total sebelum putaran seri; "
                                                "urutan akhir memakai putaran seri (Hasil).")
    return note


def stability_rows(res: Result) -> list[list[Any]]:
    p = res.p
    rows: list[list[Any]] = []
    crit = [cm.xl_text(n) for n in p.ind.active_names]
    for g, name in enumerate(cm.SUBSECTORS):
        title = f"{chr(65 + g)}. {name} — stabilitas urutan 1 dalam sub-sektor"
        st = res.stab[g] if g < len(res.stab) else None
        opts = [res.shown_name(i) for i in p.order(g)]
        rows += panel.panel_rows(title, st, opts, crit, p.ind.weights, stability_note(res, g))
    return rows


def value_cells(res: Result) -> list[tuple[str, str, Any]]:
    """Status of each tie-round row, decided by the core (which rounds apply)."""
    return [(PUTARAN, f"{L(R_STATUS)}{R_ROW0 + q}", st or None)
            for q, st in enumerate(res.p.round_rows_status)]


def value_tables(res: Result) -> list[tuple[str, int, list[list[Any]], int]]:
    return [(LAMPIRAN, LB_ROW0, lampiran_rows(res), LB_IND0 - 1 + res.shape.cols),
            (STABILITAS, ST_ROW0, stability_rows(res), panel.N_COLS)]


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
                    {"key": "penjelasan", "header": "Penjelasan / cara menilai",
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


# ====================================================================== JSON results


def result_json(res: Result, lang: str = "id") -> dict[str, Any]:
    p = res.p
    ind = p.ind
    act = ind.active
    activities = []
    for i in range(p.n):
        if not p.has[i]:
            continue
        activities.append({
            "row": FIRST_ROW + i,
            "subsector": _num_or_text(p.subs[i]),
            "subsector_ok": p.group[i] is not None,
            "program": _num_or_text(p.programs[i]),
            "name": _num_or_text(p.names[i]),
            "jenis": _num_or_text(p.jenis[i]),
            "scores": [p.score(i, j) for j in act],
            "total": p.totals[i],
            "pct": None if p.pct(i) is None else p.pct(i) * 100,
            "rank": p.ranks[i],
            "subrank": p.subranks[i],
            "final": p.final[i],
            "tied": p.ties[i],
            "flags": p.keterangan(i),
        })
    supporting = []
    for s, sp in enumerate(p.supporting):
        if cm.blank(sp.name) and cm.blank(sp.main_raw):
            continue
        supporting.append({
            "row": P_ROW0 + s, "name": _num_or_text(sp.name), "main": _num_or_text(sp.main_raw),
            "main_row": None if sp.main is None else FIRST_ROW + sp.main,
            "subsector": None if sp.main is None else _num_or_text(sp.subsector),
            "rank": sp.rank, "flags": list(sp.flags)})
    subsectors = {}
    stability = {}
    crit = [cm.xl_text(n) for n in ind.active_names]
    for g, name in enumerate(cm.SUBSECTORS):
        order = p.order(g)
        subsectors[name] = {
            "order": [{"row": FIRST_ROW + i, "name": _num_or_text(p.names[i]),
                       "rank": p.ranks[i], "subrank": p.subranks[i], "final": p.final[i],
                       "tied": p.ties[i], "total": p.totals[i],
                       "supporting": [_num_or_text(p.supporting[s].name)
                                      for s in p.supporting_of(i)]} for i in order],
            "unranked": [FIRST_ROW + i for i in p.unranked(g)],
        }
        st = res.stab[g] if g < len(res.stab) else None
        stability[name] = None if st is None else panel.panel_json(
            st, [res.shown_name(i) for i in order], crit, ind.weights)
    return {
        "schema": "xlpokja/prioritas_mps/1",
        "template": TEMPLATE_ID,
        "indicators": [{"row": ind_row(j), "name": _num_or_text(ind.names[j]),
                        "weight": _num_or_text(ind.raw[j]), "status": ind.row_status[j]}
                       for j in act],
        "weights": {"kind": ind.kind, "values": ind.weights if ind.ok else
                    [ind.weight(j) for j in act], "sum": ind.wsum, "status": ind.status,
                    "ok": ind.ok},
        "scale": {"lo": ind.scale[0], "hi": ind.scale[1]},
        "lock": {"status": res.lock_status, "locked_at": None if cm.blank(res.lock_time)
                 else mcua.text(res.lock_time)},
        "activities": activities,
        "supporting": supporting,
        "subsectors": subsectors,
        "stability": stability,
        "rounds": [{"number": rd.number, "subsector": rd.group, "names": rd.names,
                    "rows": [R_ROW0 + q for q in rd.rows], "totals": rd.totals,
                    "subranks": rd.subranks, "status": rd.status} for rd in p.rounds],
        "open_ties": [{"subsector": cm.SUBSECTORS[g],
                       "names": [_num_or_text(p.names[i]) for i in ix]}
                      for g, ix in cm.open_ties(p)],
        "excluded": [FIRST_ROW + i for i in p.excluded()],
        "shape": {"rows": res.shape.rows, "indicators": res.shape.cols,
                  "supporting_rows": res.shape.sup, "round_rows": res.shape.rounds},
        "valid": res.valid,
        "problems": [q.to_dict(lang) for q in res.problems],
    }


def resume_text(res: Result) -> str:
    """Per sub-sector: main activities by rank with their supporting activities."""
    p = res.p
    ind = p.ind
    out = ["PRIORITAS PROGRAM/KEGIATAN SANITASI (MPS Proses-02, Lampiran B)"]
    ws = ", ".join(f"[{k + 1}] {cm.xl_text(n)} {cm.xl_text(ind.raw[j])}"
                   for k, (j, n) in enumerate(zip(ind.active, ind.active_names)))
    out.append(f"Indikator dan bobot ({ind.kind}): {ws or '–'}")
    out.append(f"Jumlah bobot: {format_number(ind.wsum)} ({ind.status}); skala skor "
               f"{ind.scale[0]}–{ind.scale[1]}; {lock_text(res)}")
    for g, name in enumerate(cm.SUBSECTORS):
        out.append("")
        out.append(f"{chr(65 + g)}. {name.upper()}")
        order, unranked = p.order(g), p.unranked(g)
        if not order and not unranked:
            out.append("   (belum ada kegiatan utama)")
            continue
        out.append(f"{'Urutan':>9}  {'Kegiatan':<48}{'Total':>9}{'%':>7}  Catatan")
        for i in order + unranked:
            rank = "–" if p.final[i] is None else str(p.final[i])
            t = p.totals[i]
            tt = "–" if t is None else format_number(t, 2)
            pc = "–" if t is None else format_number(p.pct(i) * 100, 1)
            note = cm.FLAG_SEP.join(([cm.TIE] if p.ties[i] else []) + _round_note(p, i)
                                    + p.flags(i))
            out.append(f"{rank:>9}  {res.shown_name(i)[:48]:<48}{tt:>9}{pc:>7}  {note}")
            for s in p.supporting_of(i):
                sp = p.supporting[s]
                sn = ("↳ " + (cm.xl_text(sp.name) or "(tanpa nama)"))[:46]
                flags = [f for f in sp.flags if f != cm.SUP_MAIN_UNRANKED]
                out.append(f"{rank:>9}    {sn:<46}{'':>16}  {cm.FLAG_SEP.join(flags)}")
    if p.excluded() or p.orphans():
        out.append("")
        out.append("TIDAK DIPERINGKAT")
        for i in p.excluded():
            out.append(f"  baris {FIRST_ROW + i}: {res.shown_name(i)} — {p.keterangan(i)}")
        for s in p.orphans():
            sp = p.supporting[s]
            out.append(f"  Pendukung baris {P_ROW0 + s}: {cm.xl_text(sp.name)} — "
                       f"{cm.FLAG_SEP.join(sp.flags)}")
    out.append("")
    out += common.problems_text(res.problems)
    return "\n".join(out)


_SERI = ("Putaran seri", "PutaranSeri")
_KUNCI = ("Kunci bobot", "KunciBobot")
_BUKA = ("Buka kunci", "BukaKunci")
#: the form buttons (built by ``xlpokja build``, rebuilt by Hitung when damaged)
BUTTONS = (
    Button(INDIKATOR, 640.0, 2.0), Button(INDIKATOR, 760.0, 2.0, *_KUNCI),
    Button(INDIKATOR, 880.0, 2.0, *_BUKA), Button(KEGIATAN, 520.0, 2.0),
    Button(HASIL, 640.0, 2.0), Button(HASIL, 760.0, 2.0, *_SERI),
    Button(PUTARAN, 640.0, 2.0), Button(PUTARAN, 760.0, 2.0, *_SERI))
