"""xlpokja.read: the result of every committed workbook, its views with their documented
columns, the JSON equal to ``recalc --json``, unusable files refused as the command line
refuses them, the file never changed, and ``import xlpokja`` still light."""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from conftest import ROOT, cli_in_process, results_only, run_cli, sha

import xlpokja
from xlpokja.api import COLUMNS, VIEWS, WorkbookResult
from xlpokja.core.problems import XlpokjaError

WB = ROOT / "workbooks"
BOOKS = sorted(WB.glob("*.xlsm"))
EXAMPLES = [p for p in BOOKS if p.name.startswith("contoh_")]
ITEMS = [f"{c}{i}" for c, n in zip("ABCDEF", (6, 8, 5, 7, 5, 5)) for i in range(1, n + 1)]


def test_import_xlpokja_stays_light_and_read_is_there():
    code = ("import sys, xlpokja; heavy = [m for m in ('pandas', 'numpy', 'openpyxl', "
            "'python_calamine', 'xlpokja.api', 'xlpokja.actions') if m in sys.modules]; "
            "print(heavy, callable(xlpokja.read), 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "[] True False", out.stderr
    with pytest.raises(AttributeError):
        xlpokja.no_such_thing  # noqa: B018


def _expected_columns(template: str, view: str, df: pd.DataFrame) -> list[str]:
    out: list[str] = []
    for c in COLUMNS[(template, view)]:
        out += ([x for x in df.columns if x.startswith(c[:-1])] if c.endswith(".*") else [c])
    return out


@pytest.mark.parametrize("path", BOOKS, ids=lambda p: p.name)
def test_every_view_of_every_workbook_has_its_documented_columns(path):
    before = sha(path)
    wb = xlpokja.read(path)
    assert isinstance(wb, WorkbookResult) and wb.path == path
    assert wb.views()[:len(VIEWS[wb.template])] == list(VIEWS[wb.template])
    assert wb.valid == (not any(p.severity == "error" for p in wb.problems))
    for view in wb.views():
        df = wb.to_frame(view)
        assert isinstance(df, pd.DataFrame), view
        if (wb.template, view) in COLUMNS:
            want = _expected_columns(wb.template, view, df)
            assert list(df.columns[:len(want)]) == want, (view, list(df.columns))
    assert wb.to_frame().columns.tolist() == wb.to_frame(VIEWS[wb.template][0]).columns.tolist()
    assert len(wb.to_frame("problems")) == len(wb.problems)
    assert sha(path) == before  # read, nothing written


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_json_is_what_recalc_json_gives(path, tmp_path, capsys):
    code, out, _ = cli_in_process(capsys, "recalc", path, "-o", tmp_path / "h.xlsm", "--json")
    assert code == 0
    assert json.loads(json.dumps(xlpokja.read(path).json)) == results_only(json.loads(out))


def test_main_views_carry_the_figures(tmp_path):
    wb = xlpokja.read(WB / "contoh_penilaian_diri.xlsm")
    comp = wb.to_frame()
    assert comp["key"].tolist() == list("ABCDEF")
    for i, rec in enumerate(wb.json["components"]):
        assert math.isclose(rec["mean"], comp.loc[i, "mean"])
        assert [rec["freq"][str(v)] for v in range(6)] == [comp.loc[i, f"freq.{v}"]
                                                          for v in range(6)]
    items = wb.to_frame("items")
    assert items["key"].tolist() == ITEMS and items["text"].str.len().min() > 10
    units = xlpokja.read(WB / "contoh_asesmen_pokja.xlsm").to_frame()
    assert [c for c in units.columns if c.startswith("aspects.")] == [
        "aspects.Kelembagaan", "aspects.Perencanaan", "aspects.Koordinasi dan Advokasi",
        "aspects.Monitoring dan Evaluasi", "aspects.Keuangan"]


def test_respondents_view_keeps_blanks_and_bad_answers_out(tmp_path):
    from test_rollup import questionnaire

    rows = [["R1", *[3] * 36],
            ["R2", 0, None, "tiga", 7, *[5] * 32],
            [None] * 37,
            [None, *[None] * 35, 2]]
    path = questionnaire(tmp_path, "isi.xlsm", rows, "Pokja T", "L", "2025")
    wb = xlpokja.read(path)
    df = wb.to_frame("respondents")
    assert df.columns.tolist() == ["row", "responden", *ITEMS, "terisi", "sah", "dipakai",
                                   "keterangan"]
    assert df["row"].tolist() == [5, 6, 7, 8]
    assert df["responden"].tolist()[:2] == ["R1", "R2"]
    assert str(df["A1"].dtype) == "Int64"
    assert df.loc[1, "A1"] == 0  # 0 is an answer
    assert df.loc[1, ["A2", "A3", "A4"]].isna().all()  # blank, text, out of scale: no answer
    assert df["terisi"].tolist() == [36, 35, 0, 1]
    assert df["sah"].tolist() == [36, 33, 0, 1]
    assert df["dipakai"].tolist() == [1, 1, 0, 1]
    assert df["keterangan"].tolist() == ["lengkap", "ada jawaban tidak sah", "kosong",
                                         "belum lengkap"]
    probs = wb.to_frame("problems")
    assert set(probs["cell"]) >= {"D6", "E6"} and not wb.valid
    comp = wb.to_frame().set_index("key")
    assert math.isclose(comp.loc["A", "mean"], (3 * 6 + 0 + 5 * 2) / 9)
    assert comp.loc["F", "n"] == 5 + 5 + 1  # R1, R2 and the row without a code


def test_lists_of_records_become_views_without_code():
    wb = xlpokja.read(WB / "contoh_penilaian_diri.xlsm")
    wb.json["statistics"] = {"alpha": [{"component": "A", "listwise": 0.8, "n": 12}],
                             "straightlining": 1,
                             "per_component": {"A": {"items": 6, "pairs": [{"i": "A1"}]}}}
    wb.json["extra"] = [{"x": 1, "nested": {"y": 2}}]
    views = wb.views()
    assert {"statistics.alpha", "statistics.per_component",
            "statistics.per_component.pairs", "extra"} <= set(views)
    assert wb.to_frame("statistics.alpha").columns.tolist() == ["component", "listwise", "n"]
    assert wb.to_frame("extra").columns.tolist() == ["x", "nested.y"]
    pairs = wb.to_frame("statistics.per_component.pairs")
    assert pairs.to_dict("records") == [{"statistics.per_component": "A", "i": "A1"}]
    with pytest.raises(KeyError, match="respondents"):
        wb.to_frame("no_such_view")


def test_unusable_files_raise_the_problems_the_command_line_prints(tmp_path):
    broken = tmp_path / "rusak.xlsm"
    broken.write_bytes((WB / "contoh_penilaian_diri.xlsm").read_bytes()[:5000])
    text = tmp_path / "teks.xlsx"
    text.write_text("bukan buku kerja")
    import openpyxl

    plain = tmp_path / "lain.xlsx"
    openpyxl.Workbook().save(plain)
    for path in (broken, text, plain):
        with pytest.raises(XlpokjaError) as e:
            xlpokja.read(path)
        out = run_cli("recalc", path, "-o", tmp_path / "h.xlsm", "--json")
        assert out.returncode == 2
        cli = json.loads(out.stdout)["problems"]
        assert [p.to_dict("id") for p in e.value.problems] == cli
    with pytest.raises(FileNotFoundError):
        xlpokja.read(tmp_path / "tidak_ada.xlsm")


def test_a_moved_column_is_refused_and_the_file_left_as_it_was(tmp_path):
    from xlpokja.hosts.headless.recalc import PackageBook

    book = PackageBook(WB / "contoh_penilaian_diri.xlsm")
    book.write_value("Jawaban", "C4", "A1")  # a header overwritten
    path = tmp_path / "geser.xlsm"
    book.save(path)
    before = sha(path)
    with pytest.raises(XlpokjaError) as e:
        xlpokja.read(path)
    assert e.value.problems[0].code == "JUDUL_KOLOM_BERUBAH"
    assert sha(path) == before


def test_english_messages(tmp_path):
    shutil.copy(WB / "contoh_asesmen_pokja.xlsm", tmp_path / "a.xlsm")
    wb = xlpokja.read(tmp_path / "a.xlsm", lang="en")
    msgs = wb.to_frame("problems")["message"].tolist()
    assert msgs and msgs == [p.message("en") for p in wb.problems]


def test_the_documented_views_are_the_views():
    from xlpokja import api

    doc = (ROOT / "docs" / "api.md").read_text()
    for template, views in VIEWS.items():
        for v in views:
            assert f"``{v}``" in api.__doc__ and f"`{v}`" in doc, (template, v)
    for (template, view), cols in COLUMNS.items():  # freq.0 … freq.5 are written as a range
        names = {re.sub(r"\.(\*|\d)$", "", c) for c in cols if c not in ITEMS}
        assert [c for c in names if f"`{c}" not in doc] == [], (template, view)


def test_statistics_views_hold_the_figures_of_the_json():
    """``statistics`` (one row per component) and ``item_statistics`` (one per statement)
    carry exactly what ``json["statistics"]`` holds, undefined figures as NaN."""
    import math

    import xlpokja
    from xlpokja.api import COLUMNS

    wb = xlpokja.read(ROOT / "workbooks" / "contoh_penilaian_diri.xlsm")
    comps = wb.json["statistics"]["components"]
    st = wb.to_frame("statistics")
    assert list(st.columns[:6]) == list(COLUMNS[("penilaian_diri", "statistics")])
    assert list(st["key"]) == [c["key"] for c in comps]
    for (_, row), c in zip(st.iterrows(), comps):
        for k in ("alpha_listwise", "alpha_pairwise"):
            assert (math.isnan(row[k]) if c[k] is None else row[k] == c[k]), (c["key"], k)
    items = wb.to_frame("item_statistics")
    assert len(items) == 36 and list(items["component"].unique()) == [c["key"] for c in comps]
    want = {it["key"]: it["item_total_r"] for c in comps for it in c["items"]}
    for key, r in zip(items["key"], items["item_total_r"]):
        assert (math.isnan(r) if want[key] is None else r == want[key]), key


def test_scores_without_data_are_nan_in_float_columns():
    """An empty questionnaire: every mean and α is NaN in a float column, never None in an
    object column (so frames of many workbooks concatenate as numbers)."""
    import xlpokja

    wb = xlpokja.read(ROOT / "workbooks" / "penilaian_diri.xlsm")
    for view, col in (("components", "mean"), ("items", "mean"),
                      ("statistics", "alpha_listwise"), ("item_statistics", "item_total_r")):
        s = wb.to_frame(view)[col]
        assert s.dtype == "float64" and s.isna().all(), (view, col)
