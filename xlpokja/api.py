"""The Python API for analysts: ``xlpokja.read(path)``, the result of any xlpokja workbook.

    import xlpokja
    wb = xlpokja.read("workbooks/contoh_penilaian_diri.xlsm")
    wb.template, wb.valid               # ('penilaian_diri', True)
    wb.to_frame()                       # the main table: one row per component A–F
    wb.to_frame("respondents")          # one row per answer row of Jawaban

The workbook is read and computed exactly as ``xlpokja check`` and ``xlpokja recalc`` read
it (:func:`xlpokja.actions.reading` over :class:`~xlpokja.hosts.headless.recalc.PackageBook`)
and nothing is written: the file stays byte for byte as it was. A workbook that cannot be
used raises :class:`~xlpokja.core.problems.XlpokjaError` with the problems the command line
prints for it (``BERKAS_RUSAK``, ``TEMPLATE_TIDAK_DIKENAL``, ``JUDUL_KOLOM_BERUBAH``,
``HITUNG_DIHENTIKAN`` …); a missing file raises :class:`FileNotFoundError`.

Views (``to_frame(view)``, pandas DataFrames; ``WorkbookResult.views()`` lists those of one
workbook). Every list of records in the workbook's JSON result (``WorkbookResult.json``, the
``recalc --json`` schema) is a view, named by its key; records nested one level (a dict of
groups, each a dict) are a view too, one row per group, with the group's name in a first
column named after the view; inside such groups, lists of records are views named
``"<view>.<key>"`` (rows of every group, the group's name first). Fields that are dicts are
spread over columns ``"<field>.<key>"`` (``freq.0`` … ``freq.5``); fields that are lists stay
lists in one cell. So a key a later version adds to the JSON becomes a view with no code here.
The main views below have documented, stable columns (:data:`COLUMNS`: in that order, first;
columns the JSON gains later come after them); see docs/api.md for every column.

============================  ==========================================================
template                      views (main view first: ``to_frame()`` without a view)
============================  ==========================================================
``penilaian_diri``            ``components``, ``items``, ``respondents``, ``statistics``,
                              ``item_statistics``, ``problems``
``asesmen``                   ``units``, ``aspects``, ``problems``
``analisis_pemangku``         ``people``, ``groups``, ``problems``
``mcua_stpp``                 ``actions``, ``criteria``, ``rounds``, ``open_ties``,
                              ``stability``, ``stability.options``, ``stability.criteria``,
                              ``stability.score_flips``, ``problems``
``matriks_pemeringkatan``     ``issues``, ``criteria``, ``rounds``, ``shortlist``,
                              ``stability.options``, ``stability.criteria``,
                              ``stability.score_flips``, ``problems``
``prioritas_mps``             ``activities``, ``indicators``, ``supporting``, ``subsectors``,
                              ``subsectors.order``, ``subsectors.unranked``, ``stability``,
                              ``stability.options``, ``stability.criteria``,
                              ``stability.score_flips``, ``rounds``, ``open_ties``,
                              ``excluded``, ``problems``
============================  ==========================================================

Blank stays blank: a score without data is ``NaN`` (``None`` in object columns); a whole
number left blank (a rank not given, an answer blank or not valid) is ``<NA>`` in a nullable
``Int64`` column; never 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xlpokja.core.problems import Problem
from xlpokja.core.values import json_safe
from xlpokja.instruments.penilaian_diri import calc as q

if TYPE_CHECKING:  # pandas is imported when a frame is asked for, not with the package
    import pandas as pd

#: the views of each template, main view first (the lists of records of its JSON result,
#: and the questionnaire's answer rows); a view with no records is an empty frame
VIEWS: dict[str, tuple[str, ...]] = {
    "penilaian_diri": ("components", "items", "respondents", "statistics", "item_statistics",
                       "problems"),
    "asesmen": ("units", "aspects", "problems"),
    "analisis_pemangku": ("people", "groups", "problems"),
    "mcua_stpp": ("actions", "criteria", "rounds", "open_ties", "stability", "stability.options",
                  "stability.criteria", "stability.score_flips", "problems"),
    "matriks_pemeringkatan": ("issues", "criteria", "rounds", "shortlist", "stability.options",
                              "stability.criteria", "stability.score_flips", "problems"),
    "prioritas_mps": ("activities", "indicators", "supporting", "subsectors",
                      "subsectors.order", "subsectors.unranked", "stability",
                      "stability.options", "stability.criteria", "stability.score_flips",
                      "rounds", "open_ties", "excluded", "problems"),
}
MAIN_VIEW = {t: v[0] for t, v in VIEWS.items()}

_SCALE = tuple(str(v) for v in q.SCALE)
_PROBLEM = ("code", "sheet", "cell", "expected", "found", "severity", "message")

#: (template, view) -> documented columns, in order. ``"aspects.*"`` (and the like) stands
#: for one column per name the workbook holds (its aspects, its criteria), in its order.
COLUMNS: dict[tuple[str, str], tuple[str, ...]] = {
    # component A–F: frequency of each answer 0–5, answer × frequency, valid answers (n),
    # their sum (total) and mean (the component score, NaN without data), blanks and
    # not-valid answers among the sheets used, band 0–5 and its label, near a band boundary
    ("penilaian_diri", "components"): (
        "key", "name", *(f"freq.{v}" for v in _SCALE),
        *(f"value_x_count.{v}" for v in _SCALE), "n", "total", "mean", "blank", "invalid",
        "band", "label", "near_boundary"),
    # item A1–F5: its component, its number in the source form, the statement, then as above
    ("penilaian_diri", "items"): (
        "key", "component", "source_no", "text", *(f"freq.{v}" for v in _SCALE),
        *(f"value_x_count.{v}" for v in _SCALE), "n", "total", "mean", "blank", "invalid"),
    # one row per answer row of Jawaban (to the last row holding anything): its sheet row,
    # the respondent cell, the 36 answers (Int64; <NA> = blank or not valid), then the
    # Status sheet: cells filled, valid answers, used (1/0) under the policy, its status text
    ("penilaian_diri", "respondents"): (
        "row", "responden", *q.ITEM_KEYS, "terisi", "sah", "dipakai", "keterangan"),
    # component A–F: Cronbach's α from the rows answering all k items (listwise) and with
    # each covariance from the rows answering both items (pairwise), NaN where undefined
    ("penilaian_diri", "statistics"): (
        "key", "k", "alpha_listwise", "n_listwise", "alpha_pairwise", "n_pairwise_min"),
    # statement A1…F5: corrected item–total r (listwise in its component), answers per item
    ("penilaian_diri", "item_statistics"): (
        "key", "component", "item_total_r", "n", "blank", "invalid"),
    ("asesmen", "units"): (
        "row", "name", "aspects.*", "total", "pct", "band", "label", "rank", "tied", "filled",
        "valid", "flags"),
    ("asesmen", "aspects"): ("name", "weight", "n_indicators", "mean_over_units"),
    ("analisis_pemangku", "people"): (
        "row", "role", "name", "skor", "resiko", "nilai_akhir", "rank", "tied", "status",
        "quadrant"),
    ("mcua_stpp", "actions"): (
        "row", "code", "group", "text", "raters", "means.*", "spread.*", "total", "pct", "rank",
        "subrank", "final", "tied", "note"),
    ("matriks_pemeringkatan", "issues"): (
        "no", "row", "name", "group", "mode_a.total", "mode_a.pct", "mode_a.rank",
        "mode_a.tied", "mode_a.valid_scores", "mode_a.note", "mode_b.wins", "mode_b.rank",
        "mode_b.tied", "mode_b.compared", "rank", "round_wins", "subrank", "final", "tied",
        "note"),
    ("prioritas_mps", "activities"): (
        "row", "subsector", "subsector_ok", "program", "name", "jenis", "scores", "total",
        "pct", "rank", "subrank", "final", "tied", "flags"),
}
for _t in MAIN_VIEW:
    COLUMNS[(_t, "problems")] = _PROBLEM
del _t


@dataclass
class WorkbookResult:
    """The result of one workbook, computed as Hitung computes it, nothing written.

    ``path``: the file read. ``template``: its template id (``"penilaian_diri"`` …, see
    :data:`xlpokja.instruments.INSTRUMENTS`). ``json``: the template's JSON result, as
    ``xlpokja recalc --json`` prints it without the run's own fields (``workbook``,
    ``output``, ``backup``, ``buttons_rebuilt``, ``package_warnings``, ``problems_total``).
    ``problems``: every input problem (:class:`~xlpokja.core.problems.Problem`; the
    ``Masalah`` sheet Hitung would write). ``valid``: no problem of severity ``error``.
    ``result``: the core's own result object (template-specific, not a stable interface).
    """

    path: Path
    template: str
    json: dict[str, Any]
    problems: list[Problem]
    valid: bool
    result: Any = field(repr=False, default=None)

    def __repr__(self) -> str:
        return (f"WorkbookResult({self.path.name!r}, template={self.template!r}, "
                f"valid={self.valid}, problems={len(self.problems)})")

    @property
    def main_view(self) -> str:
        return MAIN_VIEW.get(self.template, "problems")

    def views(self) -> list[str]:
        """The views of this workbook: those :data:`VIEWS` lists for its template (always,
        empty or not), then every other non-empty list of records its JSON holds."""
        known = VIEWS.get(self.template, ("problems",))
        return list(known) + [n for n, recs in _records(self.json).items()
                              if recs and n not in known]

    def to_frame(self, view: str | None = None) -> pd.DataFrame:
        """One view as a pandas DataFrame (``None``: the template's main view). Raises
        ``KeyError`` naming the views there are when ``view`` is not one of them."""
        view = view or self.main_view
        if self.template == "penilaian_diri" and view == "respondents":
            return _respondents(self.result)
        if view not in self.views():
            raise KeyError(f"no view {view!r} in this {self.template} workbook; views: "
                           f"{', '.join(self.views())}")
        if self.template == "penilaian_diri" and view in ("statistics", "item_statistics"):
            return _ordered(frame(_statistics(self.json, view)),
                            COLUMNS[(self.template, view)])
        rows = [_flat(r) for r in _records(self.json).get(view, [])]
        if self.template == "penilaian_diri" and view == "items":
            text = {it.key: it.text for it in q.ITEMS}
            for r in rows:
                r["text"] = text.get(r.get("key"))
        return _ordered(frame(rows), COLUMNS.get((self.template, view)))


def _statistics(data: dict[str, Any], view: str) -> list[dict[str, Any]]:
    """The questionnaire's ``statistics`` as rows: one per component, or one per item."""
    comps = data.get("statistics", {}).get("components", [])
    if view == "statistics":
        return [{k: v for k, v in c.items() if k != "items"} for c in comps]
    return [{"key": it["key"], "component": c["key"],
             **{k: v for k, v in it.items() if k != "key"}}
            for c in comps for it in c.get("items", [])]


def read(path: str | Path, *, lang: str = "id") -> WorkbookResult:
    """Read and compute one xlpokja workbook (any template), writing nothing.

    ``path``: a ``.xlsm``/``.xlsx`` workbook made from one of the templates (also after
    Excel, LibreOffice or WPS saved it). ``lang``: language of the problem messages in
    ``json`` (``"id"`` Indonesian, ``"en"`` English). Raises
    :class:`~xlpokja.core.problems.XlpokjaError` when the workbook cannot be used (the same
    problems ``xlpokja recalc`` and ``check`` print), :class:`FileNotFoundError` when there
    is no such file. decisions.md §4: the input is never modified.
    """
    from xlpokja import actions
    from xlpokja.core.problems import LANG
    from xlpokja.hosts.headless.recalc import PackageBook

    path = Path(path)
    token = LANG.set(lang)  # messages of the problems made while reading, too
    try:
        r = actions.reading(PackageBook(path))
        data = json_safe(r.template.result_json(r.result, lang))
    finally:
        LANG.reset(token)
    return WorkbookResult(path, r.template.TEMPLATE_ID, data, list(r.result.problems),
                          bool(r.result.valid), r.result)


# ------------------------------------------------------------------------- the views


def _is_records(v: Any) -> bool:
    """A list of records; an empty list too (it may be one: :data:`VIEWS` tells)."""
    return isinstance(v, list) and all(isinstance(x, dict) for x in v)


def _records(data: dict[str, Any], prefix: str = "") -> dict[str, list[dict[str, Any]]]:
    """Every list of records of a JSON result: view name -> its records (see the module's
    documentation). Empty lists are listed too (:meth:`WorkbookResult.views` keeps those
    :data:`VIEWS` names)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for key, v in data.items():
        name = prefix + str(key)
        if _is_records(v):
            out[name] = v
        elif isinstance(v, dict) and v and all(isinstance(x, dict) for x in v.values()):
            # groups by name: one row per group, then the lists of records inside them
            out[name] = [{name: g, **rec} for g, rec in v.items()]
            inner = [k for rec in v.values() for k, x in rec.items() if x and _is_records(x)]
            for k in dict.fromkeys(inner):
                out[f"{name}.{k}"] = [{name: g, **r} for g, rec in v.items()
                                      if _is_records(rec.get(k)) for r in rec[k]]
        elif isinstance(v, dict):
            out.update(_records(v, name + "."))
    return out


def _flat(rec: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """A record with its dict fields spread over ``field.key`` columns."""
    out: dict[str, Any] = {}
    for k, v in rec.items():
        if isinstance(v, dict):
            out.update(_flat(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = v
    return out


def frame(rows: list[dict[str, Any]], columns: list[str] | None = None) -> pd.DataFrame:
    """Records as a DataFrame; a column of whole numbers with blanks (a rank, a count not
    given) becomes nullable ``Int64`` (``<NA>``), not floats."""
    import pandas as pd

    df = pd.DataFrame.from_records(rows, columns=columns or None)
    for c in df.columns:
        vals = [r.get(c) for r in rows]
        some = [v for v in vals if v is not None]
        if some and len(some) < len(vals) and all(type(v) is int for v in some):
            df[c] = pd.array(vals, dtype="Int64")
        elif len(some) < len(vals) and all(type(v) in (int, float) for v in some) and (
                some or c in FLOAT_COLUMNS):  # a score without data: NaN, the column float
            df[c] = pd.array([float("nan") if v is None else float(v) for v in vals],
                             dtype="float64")
    return df


#: columns that hold scores (floats): NaN where there is no data, even when no row has any
FLOAT_COLUMNS = frozenset(("mean", "total", "pct", "alpha_listwise", "alpha_pairwise",
                           "item_total_r", "N", "X", "mean_over_units"))


def _ordered(df: pd.DataFrame, documented: tuple[str, ...] | None) -> pd.DataFrame:
    """The documented columns first, in their order (missing ones added empty; ``x.*``:
    every column ``x.…`` there is), then any other column."""
    if not documented:
        return df
    cols: list[str] = []
    for c in documented:
        if c.endswith(".*"):
            cols += [x for x in df.columns if x.startswith(c[:-1]) and x not in cols]
        else:
            if c not in df.columns:
                df[c] = None
            cols.append(c)
    return df[cols + [c for c in df.columns if c not in cols]]


def _respondents(res: Any) -> pd.DataFrame:
    """One row per answer row of the questionnaire (up to the last row holding anything)."""
    import pandas as pd

    from xlpokja.instruments.penilaian_diri import layout as lay

    a, tab = res.table.answers, res.tab
    n = res.table.n_data_rows
    first = lay.ANSWERS.first_data_row
    data: dict[str, Any] = {
        "row": pd.Series(range(first, first + n), dtype="int64"),
        "responden": pd.Series([None if v in (None, "") else v for v in a.respondents[:n]],
                               dtype=object),
    }
    for j, key in enumerate(q.ITEM_KEYS):
        data[key] = pd.array([None if r[j] is None else int(r[j]) for r in a.values[:n]],
                             dtype="Int64")
    data["terisi"] = pd.Series(tab.filled[:n], dtype="int64")
    data["sah"] = pd.Series(tab.valid[:n], dtype="int64")
    data["dipakai"] = pd.Series(tab.used[:n], dtype="int64")
    data["keterangan"] = pd.Series([lay.status_text(f, v) for f, v in
                                    zip(tab.filled[:n], tab.valid[:n])], dtype=object)
    return pd.DataFrame(data)
