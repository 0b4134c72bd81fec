"""What ``matriks_pemeringkatan.xlsm`` reports from a computed
:class:`~xlpokja.instruments.matriks_pemeringkatan.compute.Result`, beyond its formulas.

The table Hitung writes as values (the stability panel of the mode-A ranking on
``Stabilitas``), the JSON result (schema ``xlpokja/matriks_pemeringkatan/1``) and the text
résumé.
"""

from __future__ import annotations

from typing import Any

from xlpokja.core import mcua
from xlpokja.core.problems import format_number
from xlpokja.instruments.matriks_pemeringkatan import calc as pw
from xlpokja.instruments.matriks_pemeringkatan.compute import Result, _round_no
from xlpokja.instruments.matriks_pemeringkatan.layout import (
    MODE_B,
    ST_BLOCK_ROW,
    ST_TITLE,
    STABILITAS,
    TEMPLATE_ID,
    issue_row,
    pt_row,
)
from xlpokja.layout import common, panel

# ================================================================ the value tables


def _panel(res: Result) -> list[list[Any]]:
    names = [res.display(i) for i in range(res.shape.n) if res.totals[i] is not None]
    crit = [res.crit_display(c) for c in res.named_cols]
    weights = [float(res.crit_weights[c]) if pw.is_num(res.crit_weights[c]) else 0.0
               for c in res.named_cols]
    note = res.stability_note
    if res.stability is not None and res.mode == MODE_B:
        note = ("Isu utama ditetapkan dengan cara Berpasangan; panel ini menilai peringkat "
                "Skor kriteria.")
    elif res.stability is not None and res.rounds.applied > 0:
        note = (f"Seri di peringkat 1 diselesaikan lewat putaran seri "
                f"{pw.xl_text(_round_no(res.rounds.applied))}: lihat sheet Hasil.")
    return panel.panel_rows(ST_TITLE, res.stability, names, crit, weights, note)


def value_tables(res: Result) -> list[tuple[str, int, list[list[Any]], int]]:
    return [(STABILITAS, ST_BLOCK_ROW, _panel(res), panel.N_COLS)]


# ====================================================================== JSON results


def _jnum(x: Any) -> Any:
    if x is None:
        return None
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return x


def result_json(res: Result, lang: str = "id") -> dict[str, Any]:
    issues = []
    for i in range(res.shape.n):
        if not res.active[i]:
            continue
        issues.append({
            "no": i + 1, "row": issue_row(i), "name": res.display(i),
            "group": None if mcua.is_blank(res.groups[i]) else res.groups[i],
            "mode_a": {"total": res.totals[i], "pct": res.pct(i), "rank": res.ranks_a[i],
                       "tied": res.ranks_a[i] is not None and res.ties_a[i],
                       "valid_scores": res.valid_counts[i], "note": res.skor_note(i)},
            "mode_b": {"wins": res.pairs.wins[i], "rank": res.pairs.ranks[i],
                       "tied": res.pairs.ranks[i] is not None and res.pairs.ties[i],
                       "compared": res.pairs.decided[i]},
            "rank": res.base[i], "round_wins": res.rounds.wins[i],
            "subrank": res.rounds.subranks[i], "final": res.final[i],
            "tied": res.final[i] is not None and res.final_ties[i],
            "note": res.note(i),
        })
    rounds = []
    for number in res.rounds.round_numbers():
        qs = res.rounds.rows_of(number)
        rows = res.rounds.rows
        rounds.append({
            "number": _jnum(number),
            "status": rows[qs[0]].status,
            "pairs": [{"row": pt_row(q), "a": _jnum(rows[q].a), "b": _jnum(rows[q].b),
                       "winner": _jnum(rows[q].winner), "check": rows[q].check}
                      for q in qs],
            "issues": sorted({_jnum(v) for q in qs for v in (rows[q].a, rows[q].b)
                              if pw.is_num(v)}),
        })
    st = None
    if res.stability is not None:
        names = [res.display(i) for i in range(res.shape.n) if res.totals[i] is not None]
        st = panel.panel_json(res.stability, names,
                              [res.crit_display(c) for c in res.named_cols],
                              [float(res.crit_weights[c]) for c in res.named_cols])
    return {
        "schema": "xlpokja/matriks_pemeringkatan/1",
        "template": TEMPLATE_ID,
        "mode": res.mode,
        "isu_utama": None if res.main is None else res.display(res.main),
        "isu_utama_no": None if res.main is None else res.main + 1,
        "status": res.status,
        "issues": issues,
        "criteria": [{"name": res.crit_display(c), "weight": res.crit_weights[c]}
                     for c in res.named_cols],
        "weights_kind": res.kind,
        "weights_sum": res.weight_sum,
        "weights_status": res.weight_status,
        "weights_ok": res.weight_status == mcua.STATUS_OK,
        "lock": {"status": res.lock_status, "locked_at": None if mcua.is_blank(res.lock_time)
                 else mcua.text(res.lock_time)},
        "scale": list(res.scale),
        "pairwise": {"required": res.pairs.required, "filled": res.pairs.filled,
                     "complete": res.pairs.complete, "status": res.pairs.status},
        "tied_at_1": [i + 1 for i, f in enumerate(res.tie_flags) if f],
        "rounds": rounds,
        "applied_round": _jnum(res.rounds.applied) or None,
        "k": res.k,
        "shortlist": [{"order": res.final[i], "no": i + 1, "name": res.display(i),
                       "tied": res.final_ties[i]} for i in res.shortlist],
        "stability": st,
        "shape": {"issues": res.shape.n, "criteria": res.shape.k, "round_rows": res.shape.p},
        "valid": res.valid,
        "problems": [p.to_dict(lang) for p in res.problems],
    }


def resume_text(res: Result) -> str:
    """Both rankings, the isu utama and the shortlist, as an Indonesian text table."""
    out = ["MATRIKS PEMERINGKATAN — ISU UTAMA"]
    crit = ", ".join(f"{pw.xl_text(res.crit_display(c))} "
                     f"{pw.xl_text(res.crit_weights[c])}" for c in res.named_cols) or "–"
    out.append(f"Kriteria dan bobot ({res.kind}): {crit}; jumlah "
               f"{format_number(res.weight_sum)} ({res.weight_status}); skala "
               f"{res.scale[0]}–{res.scale[1]}")
    out.append(f"Kunci bobot: {res.lock_status}"
               + ("" if mcua.is_blank(res.lock_time) else f" ({mcua.text(res.lock_time)})"))
    out.append(f"Berpasangan: {res.pairs.filled} dari {res.pairs.required} perbandingan "
               f"({res.pairs.status})")
    out.append(f"Cara penetapan: {res.mode}")
    out.append("")
    out.append(f"{'No':>3}  {'Isu':<36}{'Nilai':>9}{'Per.A':>6}{'Menang':>7}{'Per.B':>6}"
               f"{'Urutan':>7}  Catatan")
    order = sorted((i for i in range(res.shape.n) if res.active[i]),
                   key=lambda i: (res.final[i] is None, res.final[i] or 0, i))
    for i in order:
        t = res.totals[i]
        out.append(f"{i + 1:>3}  {pw.xl_text(res.display(i))[:36]:<36}"
                   f"{'–' if t is None else format_number(t, 2):>9}"
                   f"{'–' if res.ranks_a[i] is None else res.ranks_a[i]:>6}"
                   f"{'–' if res.pairs.wins[i] is None else res.pairs.wins[i]:>7}"
                   f"{'–' if res.pairs.ranks[i] is None else res.pairs.ranks[i]:>6}"
                   f"{'–' if res.final[i] is None else res.final[i]:>7}  {res.note(i)}")
    out.append("")
    main = "–" if res.main is None else pw.xl_text(res.display(res.main))
    out.append(f"ISU UTAMA: {main} — {res.status}")
    sl = "; ".join(f"{res.final[i]}. {pw.xl_text(res.display(i))}" for i in res.shortlist)
    out.append(f"Daftar pendek (urutan ≤ {res.k}): {sl or '–'}")
    for number in res.rounds.round_numbers():
        qs = res.rounds.rows_of(number)
        out.append(f"Putaran seri {pw.xl_text(number)}: {len(qs)} pasangan, "
                   f"{res.rounds.rows[qs[0]].status}")
    out += common.problems_text(res.problems)
    return "\n".join(out)
