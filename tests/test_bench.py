"""The benchmarks' workbook makers still run (timings are the benchmarks' own business, never
a test): each makes a tiny workbook that recalc accepts."""

from __future__ import annotations

import importlib
import sys

import pytest
from conftest import ROOT, run_cli

sys.path.insert(0, str(ROOT / "bench"))

MAKERS = {
    "penilaian_diri": (3,),
    "analisis_pemangku": (3,),
    "asesmen": (3,),
    "mcua_stpp": (6, 3, 2),
    "rekap": (3,),
}


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_benchmark_makes_a_workbook_recalc_accepts(tmp_path, name):
    bench = importlib.import_module(name)
    path = bench.make(*MAKERS[name], tmp_path)
    assert 0 == run_cli("recalc", path, "-o", tmp_path / "hasil.xlsm").returncode


def test_rekap_benchmark_set_is_rolled_up_with_the_figures_it_checks(tmp_path):
    from xlpokja.rollup import rollup

    rekap = importlib.import_module("rekap")
    specs = rekap.generate(12, tmp_path / "set", seed=3, tmp=tmp_path)
    figures = rollup([tmp_path / "set"]).to_json()
    assert [] == rekap.check(specs, figures)
    assert figures["left_out"] == 0 and len(figures["pokja"]) == 12


def test_xlwings_call_counter_imports():
    assert callable(importlib.import_module("xlwings_calls").hitung_once)
