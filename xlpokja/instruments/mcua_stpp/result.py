"""The JSON result and the text résumé of ``mcua_stpp.xlsm``, from a read
:class:`~xlpokja.instruments.mcua_stpp.layout.Result`."""

from __future__ import annotations

from typing import Any

from xlpokja.core import mcua
from xlpokja.core.problems import format_number
from xlpokja.instruments.mcua_stpp import calc as stpp
from xlpokja.instruments.mcua_stpp.layout import TEMPLATE_ID, US_ROW0, Result, _fnum
from xlpokja.layout import common, panel


def result_json(res: Result, lang: str = "id") -> dict[str, Any]:
    s = res.s
    crit = res.criteria
    actions = []
    for i in range(s.n):
        if mcua.is_blank(s.codes[i]) and mcua.is_blank(s.texts[i]):
            continue
        k = len(s.used)
        actions.append({
            "row": US_ROW0 + i, "code": s.codes[i], "group": None if s.groups[i] is None
            else stpp.GROUPS[s.groups[i]], "text": s.texts[i], "raters": s.n_raters[i],
            "means": {crit[j]: _fnum(s.means[i][j]) for j in range(k)},
            "spread": {crit[j]: _fnum(s.spread[i][j]) for j in range(k)},
            "total": s.totals[i], "pct": s.pct(i), "rank": s.ranks[i],
            "subrank": s.subranks[i], "final": s.final[i], "tied": s.tied(i),
            "note": s.note(i)})
    stab = {}
    for g, name in enumerate(stpp.GROUPS):
        st = res.stabilities[g]
        ix = [i for i in range(s.n) if s.groups[i] == g and s.totals[i] is not None]
        stab[name] = None if st is None else panel.panel_json(
            st, [mcua.text(s.codes[i]) for i in ix], crit, list(s.w))
    return {
        "schema": "xlpokja/mcua_stpp/1", "template": TEMPLATE_ID,
        "criteria": [{"name": crit[j], "weight": s.weights.values[j]}
                     for j in range(len(s.used))] if s.weights.ok else [],
        "weights_kind": s.weights.kind, "weights_status": s.weights.status,
        "weights_sum": s.weights.total, "scale": list(s.scale),
        "lock": {"status": res.lock_status, "locked_at": None if mcua.is_blank(res.lock_time)
                 else mcua.text(res.lock_time)},
        "actions": actions,
        "priority": {name: [s.codes[i] for i in s.order(g)]
                     for g, name in enumerate(stpp.GROUPS)},
        "rounds": [{"number": rd.number, "group": rd.group, "codes": rd.codes,
                    "totals": rd.totals, "subranks": rd.subranks, "status": rd.status}
                   for rd in s.rounds],
        "open_ties": [{"group": stpp.GROUPS[g], "codes": [s.codes[i] for i in ix]}
                      for g, ix in stpp.open_ties(s)],
        "stability": stab,
        "shape": {"options": res.shape.options, "criteria": res.shape.criteria,
                  "rater_rows": list(res.shape.groups), "round_rows": res.shape.rounds},
        "valid": res.valid,
        "problems": [p.to_dict(lang) for p in res.problems],
    }


def resume_text(res: Result) -> str:
    s = res.s
    out = ["MCUA — PRIORITAS TINDAKAN PENINGKATAN KUALITAS PELAYANAN"]
    if s.weights.ok:
        out.append("Kriteria dan bobot: " + ", ".join(
            f"{c} {format_number(w)}" for c, w in zip(res.criteria, s.w)))
    out.append(f"Status bobot: {s.weights.status}; kunci: {res.lock_status}"
               + ("" if mcua.is_blank(res.lock_time) else f" ({mcua.text(res.lock_time)})"))
    for g, name in enumerate(stpp.GROUPS):
        out += ["", f"Aspek {name}:", (f"{'Urutan':>6}  {'Kode':<6} {'Usulan':<40}{'Total':>9}"
                                      f"  Catatan")]
        for i in s.order(g):
            out.append(f"{s.final[i]:>6}  {mcua.text(s.codes[i]):<6} "
                       f"{mcua.text(s.texts[i])[:40]:<40}{format_number(s.totals[i], 2):>9}  "
                       f"{s.note(i)}")
        st = res.stabilities[g]
        order = s.order(g)
        firsts = [i for i in order if s.final[i] == 1]
        if st is not None and len(st.first) > 1 and len(firsts) == 1:
            # tied on the totals, decided by a tie round: say so, not "run a tie round"
            others = [mcua.text(s.codes[i]) for i in order
                      if i != firsts[0] and s.subranks[i] is not None
                      and s.totals[i] == s.totals[firsts[0]]]
            out.append(f"  Urutan 1: {mcua.text(s.codes[firsts[0]])} (total "
                       f"{format_number(s.totals[firsts[0]])}) — seri pada total dengan "
                       f"{' = '.join(others)}, diputuskan putaran seri")
        elif st is not None:
            out.append("  " + panel.panel_rows("", st, [mcua.text(s.codes[i]) for i in range(s.n)
                                                          if s.groups[i] == g
                                                          and s.totals[i] is not None],
                                               res.criteria, list(s.w))[1][0])
    out.append("")
    out += common.problems_text(res.problems)
    return "\n".join(out)
