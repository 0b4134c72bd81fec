"""Benchmark (not a test): recalc of the assessment workbook against LibreOffice and formulas.

    python bench/asesmen.py [--units 514] [--formulas-timeout 600]

514 assessed units (every kabupaten/kota of Indonesia) with random scores and some blanks,
written through the published layout as another program would. Times are wall clock of a
fresh process (start-up included); peak memory is the child's max RSS.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "instruments" / "asesmen"))
sys.path.insert(0, str(ROOT / "bench"))

from run import compare  # noqa: E402


def make(n: int, tmp: Path) -> Path:
    from conftest import run_cli
    from test_asesmen import TEMPLATE, fill

    layout = json.loads(run_cli("layout", TEMPLATE, "--json").stdout)
    rnd = random.Random(n)
    units = [[f"Kabupaten {i:03d}",
              *[rnd.choice((0, 1, 2, 3, 4, 5, 3, 4, 2, None)) for _ in range(21)]]
             for i in range(n)]
    return fill(tmp, layout, units, name=f"asesmen_{n}.xlsm")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=514)
    ap.add_argument("--repeat", type=int, default=3, help="best of N runs")
    ap.add_argument("--formulas-timeout", type=float, default=600)
    args = ap.parse_args()
    compare(lambda tmp: make(args.units, tmp),
            f"assessment workbook, {args.units} units x 21 indicators",
            args.repeat, args.formulas_timeout, 1.0)


if __name__ == "__main__":
    main()
