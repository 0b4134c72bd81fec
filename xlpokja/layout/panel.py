"""The stability panel of a weighted-sum ranking, as workbook rows, JSON and a chart.

Hitung writes one fixed-size block per ranking as values into the ``Stabilitas`` sheet;
block b starts at row ``first_row + b * BLOCK_ROWS``. Offsets below are 0-based rows
inside a block, columns start at A:

====================  =====================================================================
row                   content
====================  =====================================================================
``ROW_TITLE`` 0       title
``ROW_VERDICT`` 1     verdict: first option, total, margin to the second, TIPIS/MANTAP/SERI
``ROW_CRITICAL`` 2    the criterion whose weight changes first place soonest
``ROW_NOTE`` 3        the caller's note (empty if none)
``ROW_SHARE_HEAD`` 4  "Usulan", "Peluang nomor 1"
``SHARE_OFFSET`` 5    ``SHARE_ROWS`` rows: name (A), share of first place 0-1 (B), desc
``ROW_SHARE_NOTE``    how the shares were sampled
``ROW_WEIGHT_HEAD``   "Kriteria", "Bobot", "Turun sampai", "Urutan 1 menjadi", "Naik sampai", …
``WEIGHT_OFFSET``     ``MAX_CRITERIA_ROWS`` rows, then ``ROW_WEIGHT_MORE`` ("… dan N …")
``ROW_FLIP_HEAD``     "Usulan", "Kriteria", "Perubahan skor", "Urutan 1 menjadi"
``FLIP_OFFSET``       ``MAX_FLIP_ROWS`` rows, then ``ROW_FLIP_MORE`` ("… dan N lainnya")
last row              empty (separates blocks)
====================  =====================================================================

Numbers stay numbers (shares as fractions, new weights as weights); the workbook builder
formats them. Empty cells are ``None``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xlpokja.core.problems import format_number
from xlpokja.core.scales import round9
from xlpokja.core.stability import Stability

SHEET = "Stabilitas"
N_COLS = 6
SHARE_ROWS = 10
MAX_CRITERIA_ROWS = 20
MAX_FLIP_ROWS = 15

ROW_TITLE = 0
ROW_VERDICT = 1
ROW_CRITICAL = 2
ROW_NOTE = 3
ROW_SHARE_HEAD = 4
SHARE_OFFSET = 5
ROW_SHARE_NOTE = SHARE_OFFSET + SHARE_ROWS                  # 15
ROW_WEIGHT_HEAD = ROW_SHARE_NOTE + 2                         # 17
WEIGHT_OFFSET = ROW_WEIGHT_HEAD + 1                          # 18
ROW_WEIGHT_MORE = WEIGHT_OFFSET + MAX_CRITERIA_ROWS          # 38
ROW_FLIP_HEAD = ROW_WEIGHT_MORE + 2                          # 40
FLIP_OFFSET = ROW_FLIP_HEAD + 1                              # 41
ROW_FLIP_MORE = FLIP_OFFSET + MAX_FLIP_ROWS                  # 56
BLOCK_ROWS = ROW_FLIP_MORE + 2                               # 58

SHARE_HEADERS = ("Usulan", "Peluang nomor 1")
WEIGHT_HEADERS = ("Kriteria", "Bobot", "Turun sampai", "Urutan 1 menjadi", "Naik sampai",
                  "Urutan 1 menjadi")
FLIP_HEADERS = ("Usulan", "Kriteria", "Perubahan skor", "Urutan 1 menjadi")
HEADER_ROWS = (ROW_SHARE_HEAD, ROW_WEIGHT_HEAD, ROW_FLIP_HEAD)

NO_CHANGE = "tidak berubah"
TIED = "seri"
NO_FLIPS = "Tidak ada perubahan satu skor (±1) yang mengubah urutan 1"
VERDICT_CLOSE, VERDICT_FIRM, VERDICT_TIE = "TIPIS", "MANTAP", "SERI"
MINUS = "\u2212"  # the minus sign, as printed


# ============================================================================ texts


def _name(names: Sequence[str], i: int, what: str = "Usulan") -> str:
    if i < len(names) and names[i] not in (None, ""):
        return str(names[i])
    return f"{what} {i + 1}"


def _names(names: Sequence[str], idx: Sequence[int]) -> str:
    return " = ".join(_name(names, i) for i in idx)


def _num(x: float) -> str:
    """A total, margin or weight in text: whole numbers as such, else 3 decimals at most."""
    return format_number(round(float(x), 3) + 0.0)  # + 0.0: no "-0"


def verdict_word(st: Stability) -> str | None:
    """SERI / TIPIS / MANTAP, or None when there is nothing to compare."""
    if st.n < 2:
        return None
    if len(st.first) > 1:
        return VERDICT_TIE
    return VERDICT_CLOSE if st.close_call else VERDICT_FIRM


def verdict_line(st: Stability, option_names: Sequence[str]) -> str:
    """The sentence a facilitator reads first."""
    if st.n == 0:
        return "Tidak ada usulan yang dapat diperingkat."
    total = f" (total {_num(st.totals[st.first[0]])})" if st.totals else ""
    head = f"Urutan 1: {_names(option_names, st.first)}{total}"
    if st.n == 1:
        return f"{head} — hanya satu usulan, tidak ada pembanding"
    if len(st.first) > 1:
        return f"{head} — {VERDICT_TIE} — jalankan putaran seri"
    pct = "" if st.margin_pct is None else f" ({format_number(st.margin_pct, 1)} %)"
    margin = _num(st.margin) if st.margin is not None else "—"
    return (f"{head} — selisih dengan urutan 2 ({_names(option_names, st.second)}): "
            f"{margin}{pct} — {verdict_word(st)}")


def critical_line(st: Stability, option_names: Sequence[str],
                  criterion_names: Sequence[str], weights: Sequence[float]) -> str:
    label = "Kriteria paling menentukan: "
    if st.n < 2:
        return label + "— (tidak ada pembanding)"
    if len(st.first) > 1:
        return label + "— (urutan 1 seri: jalankan putaran seri dulu)"
    if st.critical is None:
        return label + "tidak ada — mengubah bobot satu kriteria tidak mengubah urutan 1"
    ch = st.weight_changes[st.critical]
    d, opt = ch.smallest, ch.smallest_option
    assert d is not None and opt is not None
    w = float(weights[st.critical]) if st.critical < len(weights) else ch.weight
    return (f"{label}{_name(criterion_names, st.critical, 'Kriteria')}: bobot {_num(w)} → "
            f"{_num(w + d)} mengubah urutan 1 (menjadi {_name(option_names, opt)})")


def share_note(st: Stability) -> str:
    return (f"{format_number(st.samples)} vektor bobot acak di sekitar bobot yang disepakati "
            f"(Dirichlet, konsentrasi {_num(st.concentration)}, benih {st.seed})")


# ============================================================================ tables


def _share_order(st: Stability) -> list[int]:
    """Options by share, highest first; equal shares by index."""
    return sorted(range(st.n), key=lambda i: (-float(st.first_share[i]), i))


def _new_weight(w: float, d: float | None) -> float | None:
    return None if d is None else round9(w + d) + 0.0


def _shown_criteria(st: Stability) -> list[int]:
    """At most MAX_CRITERIA_ROWS criteria: all, or the most sensitive ones (in their order)."""
    k_all = list(range(len(st.weight_changes)))
    if len(k_all) <= MAX_CRITERIA_ROWS:
        return k_all

    def key(k: int) -> tuple[bool, float, int]:
        d = st.weight_changes[k].smallest
        return (d is None, abs(d) if d is not None else 0.0, k)

    return sorted(sorted(k_all, key=key)[:MAX_CRITERIA_ROWS])


def _pad(row: Sequence[Any]) -> list[Any]:
    return list(row)[:N_COLS] + [None] * (N_COLS - len(row))


def panel_rows(title: str, st: Stability | None, option_names: Sequence[str],
               criterion_names: Sequence[str], weights: Sequence[float],
               note: str = "") -> list[list[Any]]:
    """Exactly BLOCK_ROWS rows of exactly N_COLS cells (None = empty)."""
    rows: list[list[Any]] = [[None] * N_COLS for _ in range(BLOCK_ROWS)]

    def put(r: int, *cells: Any) -> None:
        rows[r] = _pad(cells)

    put(ROW_TITLE, title)
    put(ROW_SHARE_HEAD, *SHARE_HEADERS)
    put(ROW_WEIGHT_HEAD, *WEIGHT_HEADERS)
    put(ROW_FLIP_HEAD, *FLIP_HEADERS)
    if st is None:
        put(ROW_VERDICT, note or "Peringkat tidak dapat dihitung.")
        return rows

    put(ROW_VERDICT, verdict_line(st, option_names))
    put(ROW_CRITICAL, critical_line(st, option_names, criterion_names, weights))
    if note:
        put(ROW_NOTE, note)

    for r, i in enumerate(_share_order(st)[:SHARE_ROWS]):
        put(SHARE_OFFSET + r, _name(option_names, i), float(st.first_share[i]))
    put(ROW_SHARE_NOTE, share_note(st))

    tied = len(st.first) > 1
    none_text = TIED if tied else NO_CHANGE
    shown = _shown_criteria(st)
    for r, k in enumerate(shown):
        ch = st.weight_changes[k]
        w = float(weights[k]) if k < len(weights) else ch.weight
        down, up = _new_weight(w, ch.down), _new_weight(w, ch.up)
        put(WEIGHT_OFFSET + r, _name(criterion_names, k, "Kriteria"), w,
            none_text if down is None else down,
            None if ch.down_option is None else _name(option_names, ch.down_option),
            none_text if up is None else up,
            None if ch.up_option is None else _name(option_names, ch.up_option))
    if len(st.weight_changes) > len(shown):
        put(ROW_WEIGHT_MORE, f"… dan {len(st.weight_changes) - len(shown)} kriteria lainnya")

    flips = st.score_flips
    if not flips and st.n >= 2:
        put(FLIP_OFFSET, NO_FLIPS)
    for r, f in enumerate(flips[:MAX_FLIP_ROWS]):
        put(FLIP_OFFSET + r, _name(option_names, f.option),
            _name(criterion_names, f.criterion, "Kriteria"),
            "+1" if f.delta > 0 else f"{MINUS}1", _names(option_names, f.new_first))
    if len(flips) > MAX_FLIP_ROWS:
        put(ROW_FLIP_MORE, f"… dan {len(flips) - MAX_FLIP_ROWS} lainnya")
    return rows


# ============================================================================ JSON


def _f(x: float | None) -> float | None:
    return None if x is None else float(x)


def panel_json(st: Stability, option_names: Sequence[str], criterion_names: Sequence[str],
               weights: Sequence[float]) -> dict[str, Any]:
    """Everything in the Stability result, with names, JSON-serialisable, not truncated."""
    def opt(i: int | None) -> str | None:
        return None if i is None else _name(option_names, i)

    criteria = []
    for ch in st.weight_changes:
        k = ch.criterion
        w = float(weights[k]) if k < len(weights) else ch.weight
        criteria.append({
            "index": k, "name": _name(criterion_names, k, "Kriteria"), "weight": w,
            "down": _f(ch.down), "down_weight": _new_weight(w, ch.down),
            "down_option": ch.down_option, "down_option_name": opt(ch.down_option),
            "up": _f(ch.up), "up_weight": _new_weight(w, ch.up),
            "up_option": ch.up_option, "up_option_name": opt(ch.up_option),
            "smallest": _f(ch.smallest)})
    return {
        "n": st.n,
        "options": [{"index": i, "name": _name(option_names, i),
                     "total": _f(st.totals[i]) if i < len(st.totals) else None,
                     "first_share": float(st.first_share[i])} for i in range(st.n)],
        "first": list(st.first), "first_names": [_name(option_names, i) for i in st.first],
        "second": list(st.second), "second_names": [_name(option_names, i) for i in st.second],
        "margin": _f(st.margin), "margin_pct": _f(st.margin_pct),
        "close_call": bool(st.close_call), "verdict": verdict_word(st),
        "verdict_text": verdict_line(st, option_names),
        "critical": st.critical,
        "critical_name": (None if st.critical is None
                          else _name(criterion_names, st.critical, "Kriteria")),
        "critical_text": critical_line(st, option_names, criterion_names, weights),
        "criteria": criteria,
        "score_flips": [{"option": f.option, "option_name": _name(option_names, f.option),
                         "criterion": f.criterion,
                         "criterion_name": _name(criterion_names, f.criterion, "Kriteria"),
                         "delta": f.delta, "new_first": list(f.new_first),
                         "new_first_names": [_name(option_names, i) for i in f.new_first]}
                        for f in st.score_flips],
        "monte_carlo": {"samples": st.samples, "seed": st.seed,
                        "concentration": st.concentration, "distribution": "Dirichlet",
                        "generator": "random.Random.gammavariate"},
    }


# ============================================================================ chart


def add_share_chart(ws: Any, block_first_row: int, anchor: str, title: str) -> None:
    """Horizontal bars of the block's share cells (A = option, B = share), for a projector.

    ``block_first_row`` is the 1-based sheet row of the block's first row.
    """
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.label import DataLabelList
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties

    def text(size: int, bold: bool = False) -> RichText:
        cp = CharacterProperties(sz=size * 100, b=bold)
        return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=cp), endParaRPr=cp)])

    r0 = block_first_row + SHARE_OFFSET
    r1 = r0 + SHARE_ROWS - 1
    chart = BarChart()
    chart.type = "bar"                      # horizontal bars
    chart.title = title
    for p in chart.title.tx.rich.p:         # type: ignore[union-attr]
        p.pPr = ParagraphProperties(defRPr=CharacterProperties(sz=1800, b=True))
        for r in p.r or []:
            r.rPr = CharacterProperties(sz=1800, b=True)
    chart.legend = None
    chart.add_data(Reference(ws, min_col=2, min_row=r0, max_row=r1), titles_from_data=False)
    chart.set_categories(Reference(ws, min_col=1, min_row=r0, max_row=r1))
    chart.x_axis.scaling.orientation = "maxMin"   # highest share on top
    chart.x_axis.delete = False
    chart.x_axis.txPr = text(14)
    chart.y_axis.crosses = "max"                  # value axis at the bottom despite maxMin
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.y_axis.majorUnit = 0.25
    chart.y_axis.number_format = "0%"
    chart.y_axis.delete = False
    chart.y_axis.txPr = text(12)
    chart.gapWidth = 40
    chart.dataLabels = DataLabelList()
    chart.dataLabels.showVal = True
    chart.dataLabels.showSerName = False
    chart.dataLabels.showCatName = False
    chart.dataLabels.showLegendKey = False
    chart.dataLabels.numFmt = "0%"
    chart.dataLabels.txPr = text(14, bold=True)
    chart.height, chart.width = 11, 20            # cm
    ws.add_chart(chart, anchor)
