"""Every formula of ``mcua_stpp.xlsm`` and the core value of each formula cell.

:func:`formula_cells` lists, for a :class:`~xlpokja.instruments.mcua_stpp.layout.Shape`, each
formula the workbook carries (``Kriteria``, the scoring sheets, ``Putaran``, ``Nilai``, the
``Sebaran`` header, ``Ringkasan``) with the value the core gives that cell from a read
:class:`~xlpokja.instruments.mcua_stpp.layout.Result`; the sheets, tables and cells are those of
:mod:`xlpokja.instruments.mcua_stpp.layout`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xlpokja.core import mcua
from xlpokja.instruments.mcua_stpp import calc as stpp
from xlpokja.instruments.mcua_stpp.layout import (
    DUPLICATE,
    G_CODE,
    G_DONE,
    G_HEADER,
    G_RATER,
    G_ROW0,
    G_SCORE0,
    G_TEXT,
    GROUP_RANGE,
    GROUP_SHEETS,
    HI_CELL,
    HIGH,
    KIND,
    KR_CHECK,
    KR_LNAME,
    KR_LWEIGHT,
    KR_NAME,
    KR_NO,
    KR_ROW0,
    KR_WEIGHT,
    KRITERIA,
    LO_CELL,
    LOCK_CHANGED,
    LOCK_NONE,
    LOCK_OK,
    LOCK_STATUS_CELL,
    LOCK_TIME_CELL,
    LOCKED_SETTING_COL,
    LOW,
    MASALAH,
    N_CODE,
    N_FINAL,
    N_GROUP,
    N_HEADER,
    N_MEAN0,
    N_NOTE,
    N_ROW0,
    N_TEXT,
    N_TOTAL,
    NILAI,
    P_CODE,
    P_DONE,
    P_NO,
    P_SCORE0,
    P_STATUS,
    P_SUB,
    P_TEXT,
    P_TOTAL,
    PUTARAN,
    R_LOCK,
    R_LOCKED_AT,
    R_PROBLEMS,
    R_STATUS,
    R_TIES,
    R_WITH_TOTAL,
    RINGKASAN,
    S_HEADER,
    SEBARAN,
    SETTINGS,
    STATUS_CELL,
    STATUS_CHANGED,
    SUM_CELL,
    US_CODE,
    US_GROUP,
    US_ROW0,
    US_TEXT,
    USED_CELL,
    USULAN,
    L,
    Result,
    Shape,
    _blank,
    _fnum,
    _usulan_cell,
    col_abs,
    kr_row,
    last,
)
from xlpokja.layout import common
from xlpokja.layout.base import FormulaCell


def _terms(rr: str) -> str:
    """Valid whole-number scores of row range ``rr`` on the scale in use, cell by cell:
    equality with each value 0..10 (text never equals a number; a blank equals 0, hence
    ``<>""`` for 0), each allowed only inside the scale."""
    lo, hi = f"{KRITERIA}!${LO_CELL[0]}${LO_CELL[1:]}", f"{KRITERIA}!${HI_CELL[0]}${HI_CELL[1:]}"
    parts = [f"({lo}<=0)*({rr}=0)*({rr}<>\"\")"]
    parts += [f"({lo}<={v})*({hi}>={v})*({rr}={v})" for v in range(1, 11)]
    return "(" + "+".join(parts) + ")"


def _done_formula(r: int, code_col: int, rater_col: int | None, s0: int, k: int) -> str:
    """1 when the row counts (every criterion in use validly scored), 0, "" when blank."""
    s1 = s0 + k - 1
    rr = f"${L(s0)}{r}:${L(s1)}{r}"
    hdr = f"${L(s0)}${G_HEADER}:${L(s1)}${G_HEADER}"
    cells = [f"${L(code_col)}{r}"] + ([f"${L(rater_col)}{r}"] if rater_col else []) + [rr]
    return (f'IF(COUNTA({",".join(cells)})=0,"",IF(SUMPRODUCT(({hdr}<>"")*{_terms(rr)})'
            f'=${USED_CELL[0]}${USED_CELL[1:]},1,0))')


def _text_lookup(code_ref: str, n_opt: int) -> str:
    codes = col_abs(USULAN, US_CODE, US_ROW0, n_opt)
    texts = col_abs(USULAN, US_TEXT, US_ROW0, n_opt)
    return f'IF({code_ref}="","",IFERROR(INDEX({texts},MATCH({code_ref},{codes},0))&"","?"))'


def formula_cells(shape: Shape) -> list[FormulaCell]:
    n, k, g_rows, n_rounds = shape
    cells: list[FormulaCell] = []
    add = cells.append
    names = col_abs(KRITERIA, KR_NAME, KR_ROW0, k)
    wts = col_abs(KRITERIA, KR_WEIGHT, KR_ROW0, k)
    lnames = col_abs(KRITERIA, KR_LNAME, KR_ROW0, k)
    lwts = col_abs(KRITERIA, KR_LWEIGHT, KR_ROW0, k)
    checks = col_abs(KRITERIA, KR_CHECK, KR_ROW0, k)
    status = f"{KRITERIA}!${STATUS_CELL[0]}${STATUS_CELL[1:]}"
    name_ref = [f"{KRITERIA}!${L(KR_NAME)}${kr_row(c)}" for c in range(k)]
    w_ref = [f"{KRITERIA}!${L(KR_WEIGHT)}${kr_row(c)}" for c in range(k)]

    # ----------------------------------------------------------------- Kriteria
    for c in range(k):
        r = kr_row(c)
        add(FormulaCell(KRITERIA, f"{L(KR_NO)}{r}",
                        f'IF(AND({L(KR_NAME)}{r}="",{L(KR_WEIGHT)}{r}=""),"",{c + 1})',
                        lambda res, c=c: "" if mcua.is_blank(res.names[c])
                        and mcua.is_blank(res.raw_weights[c]) else c + 1))
        add(FormulaCell(KRITERIA, f"{L(KR_CHECK)}{r}",
                        f'IF({L(KR_NAME)}{r}="","",IF(SUMPRODUCT(({names}={L(KR_NAME)}{r})*1)>1,'
                        f'"{DUPLICATE}",""))',
                        lambda res, c=c: _dup(res, c)))
    add(FormulaCell(KRITERIA, SUM_CELL, f"SUM({wts})",
                    lambda res: float(sum(w for w in res.raw_weights if mcua.is_number(w)))))
    kind = f'IF({KIND.ref}="{mcua.MENTAH}","{mcua.MENTAH}","{mcua.PERSEN}")'
    raw_status = (
        f'IF(COUNTA({names})+COUNTA({wts})=0,"{mcua.STATUS_NO_CRITERIA}",'
        f'IF(OR(SUMPRODUCT(({names}="")*({wts}<>""))>0,SUMPRODUCT(({names}<>"")*({wts}=""))>0,'
        f'COUNT({wts})<COUNTA({wts}),MIN({wts})<0,COUNTIF({checks},"{DUPLICATE}")>0),'
        f'"{mcua.STATUS_INVALID}",IF(SUM({wts})=0,"{mcua.STATUS_ALL_ZERO}",'
        f'IF(AND({kind}="{mcua.PERSEN}",ABS(SUM({wts})-100)>1E-9),"{mcua.STATUS_NOT_100}",'
        f'"{mcua.STATUS_OK}"))))')
    add(FormulaCell(KRITERIA, STATUS_CELL,
                    f'IF({LOCK_STATUS_CELL}="{LOCK_CHANGED}","{STATUS_CHANGED}",{raw_status})',
                    lambda res: res.s.weights.status))
    same_settings = ",".join(f"{s.ref}={L(LOCKED_SETTING_COL)}{s.ref[1:]}" for s in SETTINGS)
    add(FormulaCell(KRITERIA, LOCK_STATUS_CELL,
                    f'IF({LOCK_TIME_CELL}="","{LOCK_NONE}",IF(AND(SUMPRODUCT(({names}={lnames})*'
                    f'({wts}={lwts}))={k},{same_settings}),"{LOCK_OK}","{LOCK_CHANGED}"))',
                    lambda res: res.lock_status))
    lo, hi = LOW.ref, HIGH.ref
    ok_scale = (f"AND(OR({lo}=0,{lo}=1),{hi}>=2,{hi}<=10,{hi}=INT({hi}))")
    add(FormulaCell(KRITERIA, LO_CELL,
                    f"IF(COUNT({lo},{hi})<2,{mcua.DEFAULT_SCALE[0]},IF({ok_scale},{lo},"
                    f"{mcua.DEFAULT_SCALE[0]}))", lambda res: res.s.scale[0]))
    add(FormulaCell(KRITERIA, HI_CELL,
                    f"IF(COUNT({lo},{hi})<2,{mcua.DEFAULT_SCALE[1]},IF({ok_scale},{hi},"
                    f"{mcua.DEFAULT_SCALE[1]}))", lambda res: res.s.scale[1]))

    # ------------------------------------------- scoring sheets and the round sheet
    def header_cells(sheet: str, s0: int) -> None:
        for c in range(k):
            add(FormulaCell(sheet, f"{L(s0 + c)}{G_HEADER}",
                            f'IF({name_ref[c]}="","",{name_ref[c]})',
                            lambda res, c=c: _blank(None if mcua.is_blank(res.names[c])
                                                    else res.names[c])))
        hdr = f"${L(s0)}${G_HEADER}:${L(s0 + k - 1)}${G_HEADER}"
        add(FormulaCell(sheet, USED_CELL, f'SUMPRODUCT(({hdr}<>"")*1)',
                        lambda res: len(res.s.used)))

    for g, sheet in enumerate(GROUP_SHEETS):
        header_cells(sheet, G_SCORE0)
        for i in range(g_rows[g]):
            r = G_ROW0 + i
            add(FormulaCell(sheet, f"{L(G_TEXT)}{r}", _text_lookup(f"{L(G_CODE)}{r}", n),
                            lambda res, g=g, i=i: res.group_rows[g][i][1]))
            add(FormulaCell(sheet, f"{L(G_DONE)}{r}",
                            _done_formula(r, G_CODE, G_RATER, G_SCORE0, k),
                            lambda res, g=g, i=i: res.group_done[g][i]))
    header_cells(PUTARAN, P_SCORE0)
    rn = col_abs(PUTARAN, P_NO, G_ROW0, n_rounds).split("!")[1]
    rt = col_abs(PUTARAN, P_TOTAL, G_ROW0, n_rounds).split("!")[1]
    for i in range(n_rounds):
        r = G_ROW0 + i
        add(FormulaCell(PUTARAN, f"{L(P_TEXT)}{r}", _text_lookup(f"{L(P_CODE)}{r}", n),
                        lambda res, i=i: res.round_texts[i]))
        add(FormulaCell(PUTARAN, f"{L(P_DONE)}{r}", _done_formula(r, P_CODE, None, P_SCORE0, k),
                        lambda res, i=i: _done_value(res.s.round_complete, res.round_blank, i)))
        terms = "+".join(f'IF({L(P_SCORE0 + c)}${G_HEADER}="",0,{w_ref[c]}*{L(P_SCORE0 + c)}{r})'
                         for c in range(k))
        add(FormulaCell(PUTARAN, f"{L(P_TOTAL)}{r}",
                        f'IF(OR({L(P_DONE)}{r}<>1,{status}<>"{mcua.STATUS_OK}"),"",'
                        f'ROUND({terms},9))',
                        lambda res, i=i: _blank(res.s.round_totals[i])))
        add(FormulaCell(PUTARAN, f"{L(P_SUB)}{r}",
                        f'IF({L(P_TOTAL)}{r}="","",COUNTIFS({rn},{L(P_NO)}{r},{rt},">"&'
                        f'{L(P_TOTAL)}{r})+1)',
                        lambda res, i=i: _blank(res.s.round_subranks[i])))

    # -------------------------------------------------------------------- Nilai
    def grp(r: int) -> str:
        return f"MATCH(${L(N_GROUP)}{r},{GROUP_RANGE},0)"

    gsheet_rng = [(col_abs(sh, G_CODE, G_ROW0, g_rows[g]), col_abs(sh, G_DONE, G_ROW0, g_rows[g]))
                  for g, sh in enumerate(GROUP_SHEETS)]
    p_code = col_abs(PUTARAN, P_CODE, G_ROW0, n_rounds)
    p_status = col_abs(PUTARAN, P_STATUS, G_ROW0, n_rounds)
    p_sub = col_abs(PUTARAN, P_SUB, G_ROW0, n_rounds)
    groups_rng = f"${L(N_GROUP)}${N_ROW0}:${L(N_GROUP)}${last(N_ROW0, n)}"
    totals_rng = f"${L(N_TOTAL)}${N_ROW0}:${L(N_TOTAL)}${last(N_ROW0, n)}"
    final_rng = f"${L(N_FINAL)}${N_ROW0}:${L(N_FINAL)}${last(N_ROW0, n)}"
    for c in range(k):
        for col in (N_MEAN0 + c, N_MEAN0 + k + c):
            add(FormulaCell(NILAI, f"{L(col)}{N_HEADER}", f'IF({name_ref[c]}="","",{name_ref[c]})',
                            lambda res, c=c: _blank(None if mcua.is_blank(res.names[c])
                                                    else res.names[c])))
    for i in range(n):
        r = N_ROW0 + i
        A, B, _C, D, E, F, G, H, I, J = (f"{L(x)}{r}" for x in range(1, 11))  # noqa: E741
        for col, src in ((N_CODE, US_CODE), (N_GROUP, US_GROUP), (N_TEXT, US_TEXT)):
            u = f"{USULAN}!{L(src)}{r}"
            add(FormulaCell(NILAI, f"{L(col)}{r}", f'IF({u}="","",{u})',
                            lambda res, i=i, src=src: _usulan_cell(res, i, src)))
        # SUMPRODUCT with Excel's "=" (exact, case-insensitive, number ≠ text), not
        # COUNTIFS: a criterion such as "M1" is read as a date by the formulas engine and
        # "*" as a wildcard; text scores of rows that do not count are 0 as a separate
        # SUMPRODUCT argument
        counts = ",".join(f"SUMPRODUCT(({cr}=${A})*({dr}=1))" for cr, dr in gsheet_rng)
        add(FormulaCell(NILAI, D, f'IF(OR({A}="",ISNA({grp(r)})),"",CHOOSE({grp(r)},{counts}))',
                        lambda res, i=i: _blank(res.s.n_raters[i])))
        bn = f"{L(N_MEAN0 + k)}{r}:{L(N_MEAN0 + 2 * k - 1)}{r}"
        add(FormulaCell(NILAI, E, f'IF(OR({D}="",{D}=0,{status}<>"{mcua.STATUS_OK}"),"",'
                                  f'ROUND(SUM({bn}),9))',
                        lambda res, i=i: _blank(res.s.totals[i])))
        add(FormulaCell(NILAI, F, f'IF({E}="","",{E}/({KRITERIA}!${SUM_CELL[0]}${SUM_CELL[1:]}*'
                                  f'{KRITERIA}!${HI_CELL[0]}${HI_CELL[1:]}))',
                        lambda res, i=i: _blank(res.s.pct(i))))
        add(FormulaCell(NILAI, G,
                        f'IF({E}="","",COUNTIFS({groups_rng},{B},{totals_rng},">"&{E})+1)',
                        lambda res, i=i: _blank(res.s.ranks[i])))
        mask = f'({p_code}={A})*({p_status}="{stpp.ROUND_USED}")'
        used = f"SUMPRODUCT({mask})"
        add(FormulaCell(NILAI, H, f'IF({E}="","",IF({used}=0,"",SUMPRODUCT({mask},{p_sub})'
                                  f'-{used}+1))',
                        lambda res, i=i: _blank(res.s.subranks[i])))
        add(FormulaCell(NILAI, I, f'IF({E}="","",IF({H}="",{G},{G}+{H}-1))',
                        lambda res, i=i: _blank(res.s.final[i])))
        add(FormulaCell(NILAI, J,
                        f'IF({A}="","",IF(ISNA({grp(r)}),"{stpp.NOTE_NO_GROUP}",IF({D}=0,'
                        f'"{stpp.NOTE_NOT_SCORED}",IF({E}="","{stpp.NOTE_NO_WEIGHTS}",'
                        f'IF(COUNTIFS({groups_rng},{B},{final_rng},{I})>1,"{stpp.NOTE_TIE}","")&'
                        f'IF({H}<>"","{stpp.NOTE_ROUND}","")))))',
                        lambda res, i=i: res.s.note(i)))
        for c in range(k):
            sums = ",".join(
                f"SUMPRODUCT(({gsheet_rng[g][0]}=${A})*({gsheet_rng[g][1]}=1),"
                f"{col_abs(sh, G_SCORE0 + c, G_ROW0, g_rows[g])})"
                for g, sh in enumerate(GROUP_SHEETS))
            mean = f"{L(N_MEAN0 + c)}{r}"
            add(FormulaCell(NILAI, mean,
                            f'IF(OR({D}="",{D}=0,{name_ref[c]}=""),"",CHOOSE({grp(r)},{sums})/{D})',
                            lambda res, i=i, c=c: _mean(res, i, c)))
            add(FormulaCell(NILAI, f"{L(N_MEAN0 + k + c)}{r}",
                            f'IF(OR({mean}="",{status}<>"{mcua.STATUS_OK}"),"",{w_ref[c]}*{mean})',
                            lambda res, i=i, c=c: _bn(res, i, c)))

    # -------------------------------------------------------------- Sebaran header
    for c in range(k):
        add(FormulaCell(SEBARAN, f"{L(5 + c)}{S_HEADER}", f'IF({name_ref[c]}="","",{name_ref[c]})',
                        lambda res, c=c: _blank(None if mcua.is_blank(res.names[c])
                                                else res.names[c])))

    # ---------------------------------------------------------------- Ringkasan
    add(FormulaCell(RINGKASAN, R_STATUS, status, lambda res: res.s.weights.status))
    add(FormulaCell(RINGKASAN, R_LOCK, f"{KRITERIA}!${LOCK_STATUS_CELL[0]}${LOCK_STATUS_CELL[1:]}",
                    lambda res: res.lock_status))
    lt = f"{KRITERIA}!${LOCK_TIME_CELL[0]}${LOCK_TIME_CELL[1:]}"
    add(FormulaCell(RINGKASAN, R_LOCKED_AT, f'IF({lt}="","",{lt})',
                    lambda res: _blank(None if mcua.is_blank(res.lock_time) else res.lock_time)))
    add(FormulaCell(RINGKASAN, R_WITH_TOTAL, f"COUNT({NILAI}!{totals_rng})",
                    lambda res: sum(t is not None for t in res.s.totals)))
    notes = f"{NILAI}!${L(N_NOTE)}${N_ROW0}:${L(N_NOTE)}${last(N_ROW0, n)}"
    add(FormulaCell(RINGKASAN, R_TIES, f'COUNTIF({notes},"{stpp.NOTE_TIE}*")',
                    lambda res: sum(res.s.note(i).startswith(stpp.NOTE_TIE)
                                    for i in range(res.s.n))))
    add(FormulaCell(RINGKASAN, R_PROBLEMS, f"{MASALAH}!${common.MASALAH_COUNT_CELL[0]}$"
                                           f"{common.MASALAH_COUNT_CELL[1:]}",
                    lambda res: len(res.problems)))
    return cells


def _dup(res: Result, c: int) -> str:
    n = res.names[c]
    if mcua.is_blank(n):
        return ""
    same = sum(1 for m in res.names if stpp.xl_equal(m, n) and not mcua.is_blank(m))
    return DUPLICATE if same > 1 else ""


def _done_value(complete: Sequence[bool], blank: list[bool], i: int) -> Any:
    return "" if blank[i] else int(bool(complete[i]))


def _mean(res: Result, i: int, c: int) -> Any:
    if c not in res.s.used or not res.s.n_raters[i]:
        return ""
    return _blank(_fnum(res.s.means[i][res.s.used.index(c)]))


def _bn(res: Result, i: int, c: int) -> Any:
    m = _mean(res, i, c)
    if m == "" or not res.s.weights.ok:
        return ""
    return res.raw_weights[c] * m
