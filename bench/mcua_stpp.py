"""Benchmark (not a test): recalc of a large MCUA workbook, stability panel included,
against LibreOffice and the formulas engine on the same file.

    python bench/mcua_stpp.py [--options 200] [--criteria 12] [--raters 5] [--formulas-timeout 600]

200 proposed actions (spread over the three groups) x 12 criteria x 5 raters = 1,000 rater
rows, with a few ties, written through the published layout as another program would.
Hitung computes the native-formula part (means, B×N, totals, ranks) and what only Python
does (checks, spread, priority lists, the three stability panels with 2,000 Monte-Carlo
weight vectors each); LibreOffice computes only the native formulas. Times are wall clock
of a fresh process (start-up included); peak memory is the child's max RSS.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "instruments" / "mcua_stpp"))
sys.path.insert(0, str(ROOT / "bench"))

from run import compare  # noqa: E402

GROUPS = ("Teknis", "Finansial", "Manajemen (P3O)")


def make(n: int, k: int, raters: int, tmp: Path) -> Path:
    from conftest import run_cli
    from test_mcua_stpp import TEMPLATE, fill

    layout = json.loads(run_cli("layout", TEMPLATE, "--json").stdout)
    rnd = random.Random(n * k)
    weights = [rnd.randint(1, 5) for _ in range(k)]
    options = [(f"U{i:03d}", GROUPS[i % 3], f"Usulan tindakan nomor {i}") for i in range(n)]
    scores: dict[str, list] = {g: [] for g in GROUPS}
    prev: dict[str, list[int]] = {}
    for i, (code, g, _) in enumerate(options):
        base = [rnd.randint(1, 5) for _ in range(k)]
        if i % 17 == 4 and g in prev:  # a copy of the group's previous action: a tie
            base = list(prev[g])
        prev[g] = base
        for r in range(raters):
            scores[g].append((code, f"Penilai {r + 1}",
                              [min(5, max(1, v + rnd.choice((-1, 0, 0, 1)))) if r else v
                               for v in base]))
    return fill(tmp, layout, criteria=[(f"Kriteria {j + 1}", w) for j, w in enumerate(weights)],
                kind="Mentah", options=options, scores=scores, name=f"mcua_{n}.xlsm")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--options", type=int, default=200)
    ap.add_argument("--criteria", type=int, default=12)
    ap.add_argument("--raters", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=3, help="best of N runs")
    ap.add_argument("--formulas-timeout", type=float, default=600)
    args = ap.parse_args()
    compare(lambda tmp: make(args.options, args.criteria, args.raters, tmp),
            f"MCUA workbook, {args.options} actions x {args.criteria} criteria x "
            f"{args.raters} raters = {args.options * args.raters} rater rows, "
            "3 stability panels",
            args.repeat, args.formulas_timeout, 2.0)


if __name__ == "__main__":
    main()
