"""Benchmark (not a test): the questionnaire's headless recalc/check against LibreOffice and
the formulas engine.

    python bench/penilaian_diri.py [--sizes 30,1000,10000] [--formulas-timeout 900]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import XCU, timed  # noqa: E402


def make(n: int, tmp: Path) -> Path:
    import json

    from conftest import TEMPLATE, fill, run_cli

    layout = json.loads(run_cli("layout", TEMPLATE, "--json").stdout)
    rnd = random.Random(n)
    rows = [[f"R{i:05d}", *[rnd.choice((0, 1, 2, 3, 4, 5, 3, 4, None)) for _ in range(36)]]
            for i in range(n)]
    return fill(tmp, layout, rows, name=f"penilaian_{n}.xlsm")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="30,1000,10000")
    ap.add_argument("--formulas-timeout", type=float, default=900)
    ap.add_argument("--formulas-max", type=int, default=1000,
                    help="largest size given to the formulas engine")
    ap.add_argument("--over", type=int, default=100000,
                    help="respondents of a workbook beyond the row limit: timed until refused "
                         "(0: skip)")
    args = ap.parse_args()
    py = sys.executable
    soffice = shutil.which("soffice")
    tmp = Path(tempfile.mkdtemp(prefix="xlpokja-bench-"))
    prof = tmp / "lo-profile"
    (prof / "user").mkdir(parents=True)
    (prof / "user" / "registrymodifications.xcu").write_text(XCU)
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        src = make(n, tmp)
        out = tmp / f"hasil_{n}.xlsm"
        r_first = timed([py, "-m", "xlpokja", "recalc", str(src), "-o", str(out)])
        r_again = timed([py, "-m", "xlpokja", "recalc", str(out), "-o", str(tmp / "again.xlsm")])
        chk = timed([py, "-m", "xlpokja", "check", str(out)])
        lo = (float("nan"), 0.0, 0)
        if soffice:
            if n == int(args.sizes.split(",")[0]):  # warm the profile once
                timed([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{prof}",
                       "--convert-to", "xlsx", "--outdir", str(tmp / "lo"), str(out)])
            lo = timed([soffice, "--headless", "--norestore",
                        f"-env:UserInstallation=file://{prof}", "--convert-to", "xlsx",
                        "--outdir", str(tmp / "lo"), str(out)], timeout=900)
        fm = (float("nan"), 0.0, 0)
        if n <= args.formulas_max:
            code = ("import formulas,sys; m=formulas.ExcelModel().loads(sys.argv[1]).finish(); "
                    "m.calculate()")
            fm = timed([py, "-c", code, str(out)], timeout=args.formulas_timeout)
        rows.append((n, r_first, r_again, chk, lo, fm))
        print(f"n={n}: recalc {r_first[0]:.2f}s (again {r_again[0]:.2f}s, {r_again[1]:.0f} MB), "
              f"check {chk[0]:.2f}s, LibreOffice {lo[0]:.2f}s, formulas {fm[0]:.2f}s", flush=True)
    print()
    print(f"{'respondents':>11} | {'recalc s':>8} {'again s':>8} {'peak MB':>8} | {'check s':>8} "
          f"{'peak MB':>8} | {'LO s':>7} {'LO/recalc':>9} | {'formulas s':>10} {'fm/recalc':>9}")
    for n, r1, r2, ck, lo, fm in rows:
        print(f"{n:>11} | {r1[0]:>8.2f} {r2[0]:>8.2f} {max(r1[1], r2[1]):>8.0f} | {ck[0]:>8.2f} "
              f"{ck[1]:>8.0f} | {lo[0]:>7.2f} {lo[0] / r2[0]:>9.1f} | {fm[0]:>10.2f} "
              f"{fm[0] / r2[0]:>9.1f}")
    if args.over:  # beyond MAX_SHEET_ROWS: refused at once, before the values take memory
        big = make(args.over, tmp)
        t, mb, code = timed([py, "-m", "xlpokja", "recalc", str(big), "-o", str(tmp / "x.xlsm")])
        print(f"\n{args.over} respondents: refused (BATAS_BARIS, exit {code}) after {t:.2f}s, "
              f"peak {mb:.0f} MB")
    print("\nrecalc = first run on a file filled by another program (table extended from 50 "
          "rows);\nagain = recalc of an already extended file; ratios use 'again'. "
          "inf = stopped at the timeout; nan = not run.")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
