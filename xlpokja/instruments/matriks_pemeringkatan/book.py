"""``matriks_pemeringkatan.xlsm`` through the Book protocol: reading and the buttons.

:func:`read` reads the inputs and computes, writing nothing; :func:`kunci_bobot`,
:func:`buka_kunci` (the weights lock) and :func:`putaran_seri` (the tie round) write inputs
only, at the cells of :mod:`~xlpokja.instruments.matriks_pemeringkatan.layout`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from xlpokja.core import mcua
from xlpokja.core.problems import Problem, XlpokjaError
from xlpokja.instruments.matriks_pemeringkatan import calc as pw
from xlpokja.instruments.matriks_pemeringkatan.compute import Result, compute
from xlpokja.instruments.matriks_pemeringkatan.layout import (
    BERPASANGAN,
    BP_COL0,
    BP_ROW0,
    H_TIES,
    HASIL,
    I_NAME,
    I_NOTE,
    ISU,
    ISU_NAME,
    ISU_ROW0,
    K_STATUS,
    KIND,
    KR_LNAME,
    KR_LWEIGHT,
    KR_NAME,
    KR_NOTE,
    KR_ROW0,
    KRITERIA,
    KRITERIA_NAME,
    LOCK_STATUS_CELL,
    LOCK_TIME_CELL,
    LOCKED_SETTING_COL,
    MIN_CRITERIA,
    MIN_ISSUES,
    MIN_ROUND_ROWS,
    MODE,
    PT_ROUND,
    PT_ROW0,
    PT_WIN,
    PUTARAN,
    PUTARAN_NAME,
    REQUIRED_SHEETS,
    SCALE_HI,
    SCALE_LO,
    SK_CRIT0,
    SK_ROW0,
    SKOR,
    TOP_K,
    L,
    Shape,
    pt_row,
)
from xlpokja.layout import common
from xlpokja.layout import lock as lk

# ============================================================ reading the workbook


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
