"""What the MPS priority workbook (``prioritas_mps``, K7) reports from a computed
:class:`~xlpokja.instruments.prioritas_mps.layout.Result`, beyond its formulas.

The tables Hitung writes as values (the printable back-up calculation ``Lampiran B``, one
stability panel per sub-sector on ``Stabilitas``, the status of each ``Putaran`` row), the
JSON result (schema ``xlpokja/prioritas_mps/1``) and the text résumé.
"""

from __future__ import annotations

from typing import Any

from xlpokja.core import mcua
from xlpokja.core.problems import format_number
from xlpokja.instruments.prioritas_mps import calc as cm
from xlpokja.instruments.prioritas_mps.layout import (
    FIRST_ROW,
    LAMPIRAN,
    LB_IND0,
    LB_ROW0,
    LOCK_CHANGED,
    LOCK_NONE,
    P_ROW0,
    PUTARAN,
    R_ROW0,
    R_STATUS,
    ST_ROW0,
    STABILITAS,
    SUP_PREFIX,
    TEMPLATE_ID,
    L,
    Result,
    ind_row,
)
from xlpokja.layout import common, panel


def lock_text(res: Result) -> str:
    """The lock, in words (Lampiran B footer, resume)."""
    if res.lock_status == LOCK_NONE:
        return "bobot belum dikunci"
    when = mcua.text(res.lock_time)
    if res.lock_status == LOCK_CHANGED:
        return f"bobot dikunci pada {when}, tetapi BERUBAH setelah dikunci"
    return f"bobot dikunci pada {when}"


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
