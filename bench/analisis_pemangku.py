"""Benchmark (not a test): the stakeholder workbook with 500 people (Tabel 6-2) and 500
institutions (Tabel 6-1): headless recalc against LibreOffice and the formulas engine.

    python bench/analisis_pemangku.py [--people 500]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE.parent / "tests" / "instruments" / "analisis_pemangku"))

from run import XCU, timed  # noqa: E402


def make(n: int, tmp: Path) -> Path:
    from conftest import run_cli
    from test_analisis_pemangku import TEMPLATE, fill

    from xlpokja.instruments.analisis_pemangku.calc import ROLES

    layout = json.loads(run_cli("layout", TEMPLATE, "--json").stdout)
    rnd = random.Random(n)
    ident = [[rnd.choice(ROLES), f"Lembaga {i}", f"Kontak {i}", f"08{i:09d}",
              *[rnd.choice(("✓", None, None)) for _ in range(4)],
              rnd.choice(("Ring I", "Ring II", "Ring III", None)), None] for i in range(n)]
    scores = [[rnd.choice(ROLES), f"Orang {i:04d}",
               *[rnd.choice((1, 2, 3, 4, 4, 3, None)) for _ in range(3)],
               rnd.choice((1, 2, 3, 4)), None] for i in range(n)]
    return fill(tmp, layout, ident, scores, name=f"pemangku_{n}.xlsm")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=500)
    ap.add_argument("--formulas-timeout", type=float, default=900)
    args = ap.parse_args()
    py, soffice = sys.executable, shutil.which("soffice")
    tmp = Path(tempfile.mkdtemp(prefix="xlpokja-bench-"))
    prof = tmp / "lo-profile"
    (prof / "user").mkdir(parents=True)
    (prof / "user" / "registrymodifications.xcu").write_text(XCU)
    src = make(args.people, tmp)
    out = tmp / "hasil.xlsm"
    first = timed([py, "-m", "xlpokja", "recalc", str(src), "-o", str(out)])
    again = timed([py, "-m", "xlpokja", "recalc", str(out), "-o", str(tmp / "again.xlsm")])
    chk = timed([py, "-m", "xlpokja", "check", str(out)])
    lo = (float("nan"), 0.0, 0)
    if soffice:
        lo_cmd = [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{prof}",
                  "--convert-to", "xlsx", "--outdir", str(tmp / "lo"), str(out)]
        timed(lo_cmd)  # warm the profile
        lo = timed(lo_cmd)
    code = "import formulas,sys; m=formulas.ExcelModel().loads(sys.argv[1]).finish(); m.calculate()"
    fm = timed([py, "-c", code, str(out)], timeout=args.formulas_timeout)
    print(f"stakeholder workbook, {args.people} people + {args.people} institutions")
    print(f"  recalc (table extended): {first[0]:.2f} s, {first[1]:.0f} MB")
    print(f"  recalc again:            {again[0]:.2f} s, {again[1]:.0f} MB")
    print(f"  check (formualizer):     {chk[0]:.2f} s")
    print(f"  LibreOffice forced:      {lo[0]:.2f} s  ({lo[0] / again[0]:.1f}x recalc)")
    print(f"  formulas engine alone:   {fm[0]:.2f} s  ({fm[0] / again[0]:.1f}x recalc)")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
