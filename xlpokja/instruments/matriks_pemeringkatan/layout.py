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
``xlpokja layout``. This module holds the sheets, tables, settings and cells, the extents,
the layout JSON and the buttons; the other modules of this folder build on it:
:mod:`~xlpokja.instruments.matriks_pemeringkatan.compute` (the :class:`Result` of the raw
inputs), :mod:`~xlpokja.instruments.matriks_pemeringkatan.cells` (every formula and the core
value of each formula cell), :mod:`~xlpokja.instruments.matriks_pemeringkatan.book` (reading
the workbook, the buttons Kunci bobot, Buka kunci and Putaran seri) and
:mod:`~xlpokja.instruments.matriks_pemeringkatan.result` (the value tables, the JSON result and
the résumé).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from xlpokja.core import mcua
from xlpokja.layout import common, panel
from xlpokja.layout.base import BUKA, KUNCI, SERI, Button, Setting, abs_range, col_letter

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
SK_TOTAL_HEADER = "Nilai (Σ bobot × skor)"
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


# ===================================================================== the extents


def extents(shape: Shape) -> dict[str, str]:
    return {ISU_NAME: isu_ref(shape), KRITERIA_NAME: kriteria_ref(shape),
            PUTARAN_NAME: putaran_ref(shape)}


def grown_note(shape: Shape, cur: Shape) -> tuple[str, str]:
    """(sheet, cell) of the first row the formulas do not cover yet."""
    if shape.n > cur.n:
        return ISU, f"{L(I_NAME)}{issue_row(cur.n)}"
    if shape.k > cur.k:
        return KRITERIA, f"{L(KR_NAME)}{crit_row(cur.k)}"
    return PUTARAN, f"{L(PT_ROUND)}{pt_row(cur.p)}"


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
                        _col("nilai", SK_TOTAL_HEADER, SK_TOTAL, "formula"),
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


#: the form buttons (built by ``xlpokja build``, rebuilt by Hitung when damaged)
BUTTONS = (
    Button(HASIL, 690.0, 44.0), Button(HASIL, 690.0, 84.0, *SERI),
    Button(PUTARAN, 880.0, 4.0, *SERI), Button(PUTARAN, 1000.0, 4.0),
    Button(BERPASANGAN, 520.0, 36.0),
    Button(KRITERIA, 1140.0, 40.0, *KUNCI), Button(KRITERIA, 1140.0, 80.0, *BUKA))
