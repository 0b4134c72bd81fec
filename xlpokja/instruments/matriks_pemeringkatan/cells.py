"""Every formula of ``matriks_pemeringkatan.xlsm`` and the core value of each formula cell.

:func:`formula_cells` lists, for a :class:`~xlpokja.instruments.matriks_pemeringkatan.layout.Shape`,
each formula the workbook carries (``Isu``, ``Kriteria``, ``Skor``, ``Berpasangan``,
``Putaran``, ``Hasil``) with the value the core gives that cell from a computed
:class:`~xlpokja.instruments.matriks_pemeringkatan.compute.Result`; the sheets, tables and
cells are those of :mod:`~xlpokja.instruments.matriks_pemeringkatan.layout`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xlpokja.core import mcua
from xlpokja.instruments.matriks_pemeringkatan import calc as pw
from xlpokja.instruments.matriks_pemeringkatan.compute import Result, _round_no
from xlpokja.instruments.matriks_pemeringkatan.layout import (
    BERPASANGAN,
    BP_DECIDED,
    BP_FILLED,
    BP_HEADER,
    BP_NAME,
    BP_NAMES_ROW,
    BP_NO,
    BP_NOTE,
    BP_RANK,
    BP_REQUIRED,
    BP_STATUS,
    BP_WINS,
    CHECK_DUP,
    CHECK_NO_NAME,
    CHECK_OK,
    CHECK_WEIGHT,
    DEFAULT_K,
    H_K_EFF,
    H_MAIN,
    H_MODE_EFF,
    H_PROBLEMS,
    H_ROUND,
    H_STATUS,
    H_TIES,
    HA_FINAL,
    HA_KEY,
    HA_NAME,
    HA_NO,
    HA_NOTE,
    HA_PCT,
    HA_RANK,
    HA_RANK_A,
    HA_RANK_B,
    HA_RWINS,
    HA_SL_NAME,
    HA_SL_NO,
    HA_SL_ORDER,
    HA_SUB,
    HA_TIE,
    HA_TOTAL,
    HA_WINS,
    HASIL,
    HASIL_HEADERS,
    I_NAME,
    I_NO,
    ISU,
    K_COUNT,
    K_HI_EFF,
    K_KIND_EFF,
    K_LO_EFF,
    K_STATUS,
    K_SUM,
    KIND,
    KR_CHECK,
    KR_KEY,
    KR_LNAME,
    KR_LWEIGHT,
    KR_NAME,
    KR_NO,
    KR_WEIGHT,
    KRITERIA,
    LOCK_CHANGED,
    LOCK_NONE,
    LOCK_OK,
    LOCK_STATUS_CELL,
    LOCK_TIME_CELL,
    LOCKED_SETTING_COL,
    MASALAH,
    MODE,
    MODE_A,
    MODE_B,
    NOTE_NO_WEIGHTS,
    NOTE_NOT_SCORED,
    NOTE_TIE,
    PT_A,
    PT_B,
    PT_CHECK,
    PT_COMPLETE,
    PT_DUP,
    PT_IN_TIE,
    PT_NAME_A,
    PT_NAME_B,
    PT_ROUND,
    PT_SET_OK,
    PT_STATUS,
    PT_USABLE,
    PT_WIN,
    PT_WINS_A,
    PT_WINS_B,
    PUTARAN,
    SCALE_HI,
    SCALE_LO,
    SCORE_VALUES,
    SK_CRIT0,
    SK_NAME,
    SK_NAMES_ROW,
    SK_NO,
    SK_NOTE,
    SK_PCT,
    SK_RANK,
    SK_TOTAL,
    SK_VALID,
    SK_WEIGHT_ROW,
    SKOR,
    STATUS_CHANGED,
    TOP_K,
    L,
    Shape,
    _a,
    bp_col,
    bp_row,
    crit_row,
    hasil_row,
    issue_row,
    pt_row,
    skor_row,
)
from xlpokja.layout import common
from xlpokja.layout.base import FormulaCell


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
        M, N, O = (f"{L(c)}{r}" for c in (PT_SET_OK, PT_COMPLETE, PT_USABLE))  # noqa: E741

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
