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
}


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_benchmark_makes_a_workbook_recalc_accepts(tmp_path, name):
    bench = importlib.import_module(name)
    path = bench.make(*MAKERS[name], tmp_path)
    assert 0 == run_cli("recalc", path, "-o", tmp_path / "hasil.xlsm").returncode


def test_xlwings_call_counter_imports():
    assert callable(importlib.import_module("xlwings_calls").hitung_once)
