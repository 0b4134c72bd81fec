"""Every formula of the MPS priority workbook (``prioritas_mps``, K7) and the core value
of each formula cell.

:func:`formula_cells` lists, for a :class:`~xlpokja.instruments.prioritas_mps.layout.Shape`,
every computed cell of ``Indikator``, ``Kegiatan`` (the mirrored indicator names and
weights), ``Hasil``, ``Pendukung``, ``Putaran`` and ``Lampiran B``: its formula and the value
the core computes for it from a :class:`~xlpokja.instruments.prioritas_mps.layout.Result`.
The builder writes the formulas, Hitung and the headless engine check and fill the values.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xlpokja.instruments.prioritas_mps import calc as cm
from xlpokja.instruments.prioritas_mps.layout import (
    EFF_HI,
    EFF_KIND,
    EFF_LO,
    FIRST_ROW,
    H_IND0,
    HASIL,
    HASIL_HEADER,
    I_LNAME,
    I_LWEIGHT,
    I_NAME,
    I_NO,
    I_STATUS,
    I_WEIGHT,
    IND_ROW0,
    INDIKATOR,
    K_HEADER,
    K_IND0,
    K_JENIS,
    K_NAME,
    K_PROG,
    K_SUB,
    K_WEIGHT_ROW,
    KEGIATAN,
    KIND,
    LAMPIRAN,
    LB_HEADER,
    LB_IND0,
    LB_WEIGHT_ROW,
    LOCK_CHANGED,
    LOCK_NONE,
    LOCK_OK,
    LOCK_STATUS_CELL,
    LOCK_TIME_CELL,
    LOCKED_SETTING_COL,
    NACTIVE,
    P_MAIN,
    P_NAME,
    P_NOTE,
    P_RANK,
    P_ROW0,
    P_SUB,
    PENDUKUNG,
    PUTARAN,
    R_DONE,
    R_GROUP,
    R_HEADER,
    R_NAME,
    R_NO,
    R_ROW0,
    R_SCORE0,
    R_STATUS,
    R_SUB,
    R_TEXT,
    R_TOTAL,
    SCALE_HI,
    SCALE_LO,
    SETTINGS,
    STATUS_CHANGED,
    WSTATUS,
    WSUM,
    L,
    Result,
    Shape,
    ind_row,
    last_row,
    score_col,
)
from xlpokja.layout.base import FormulaCell


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
