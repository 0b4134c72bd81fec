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
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from run import XCU, timed  # noqa: E402


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
    py = sys.executable
    soffice = shutil.which("soffice")
    tmp = Path(tempfile.mkdtemp(prefix="xlpokja-bench-asesmen-"))
    prof = tmp / "lo-profile"
    (prof / "user").mkdir(parents=True)
    (prof / "user" / "registrymodifications.xcu").write_text(XCU)
    src = make(args.units, tmp)
    out = tmp / "hasil.xlsm"
    first = min((timed([py, "-m", "xlpokja", "recalc", str(src), "-o", str(out)])
                 for _ in range(args.repeat)), key=lambda r: r[0])
    again = min((timed([py, "-m", "xlpokja", "recalc", str(out), "-o", str(tmp / "again.xlsm")])
                 for _ in range(args.repeat)), key=lambda r: r[0])
    chk = timed([py, "-m", "xlpokja", "check", str(out)])
    lo = (float("nan"), 0.0, 0)
    if soffice:
        cmd = [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{prof}",
               "--convert-to", "xlsx", "--outdir", str(tmp / "lo"), str(out)]
        timed(cmd)  # warm the profile
        lo = min((timed(cmd) for _ in range(args.repeat)), key=lambda r: r[0])
    code = ("import formulas,sys; m=formulas.ExcelModel().loads(sys.argv[1]).finish(); "
            "m.calculate()")
    fm = timed([py, "-c", code, str(out)], timeout=args.formulas_timeout)
    print(f"assessment workbook, {args.units} units x 21 indicators (best of {args.repeat})")
    print(f"  recalc, table grows 40 -> {args.units} rows : {first[0]:6.2f} s  "
          f"{first[1]:5.0f} MB")
    print(f"  recalc of the grown file            : {again[0]:6.2f} s  {again[1]:5.0f} MB")
    print(f"  check (formualizer)                 : {chk[0]:6.2f} s  {chk[1]:5.0f} MB")
    print(f"  LibreOffice forced recalc           : {lo[0]:6.2f} s   "
          f"LO / recalc = {lo[0] / first[0]:.1f}x (grown file: {lo[0] / again[0]:.1f}x)")
    print(f"  formulas engine (load + calculate)  : {fm[0]:6.2f} s   "
          f"formulas / recalc = {fm[0] / first[0]:.1f}x")
    failed = [name for name, r in (("recalc", first), ("recalc again", again), ("check", chk),
                                   ("LibreOffice", lo)) if r[2] != 0]
    if failed:
        print("  non-zero exit code:", ", ".join(failed))
    ok = first[0] <= 1.0 and lo[0] >= 2 * first[0] and not failed
    print("  target (recalc <= 1 s and >= 2x faster than LibreOffice):",
          "met" if ok else "NOT met")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
