"""The runner every benchmark shares (not a benchmark itself): timing of a fresh process
and the comparison of headless recalc/check with LibreOffice and the formulas engine.

Times are wall clock of a fresh process (start-up included); peak memory is the child's
max RSS. Workbooks are filled through the published layout, as another program would.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


#: a small Python that starts the measured command and reports its own child's rusage: a
#: child forked straight from this (large) benchmark process would report the parent's
#: resident pages as its peak memory
_LAUNCHER = """
import json, os, subprocess, sys, time
t0 = time.perf_counter()
p = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
deadline = t0 + float(sys.argv[1])
while True:
    pid, status, ru = os.wait4(p.pid, os.WNOHANG)
    if pid:
        break
    if time.perf_counter() > deadline:
        p.kill(); os.wait4(p.pid, 0)
        print(json.dumps([None, 0.0, -9])); sys.exit()
    time.sleep(0.005)
print(json.dumps([time.perf_counter() - t0, ru.ru_maxrss / 1024,
                  os.waitstatus_to_exitcode(status)]))
"""


def timed(cmd: list[str], timeout: float = 900) -> tuple[float, float, int]:
    """(seconds, peak MB, return code) of one fresh process (inf seconds: timed out)."""
    import json

    r = subprocess.run([sys.executable, "-c", _LAUNCHER, str(timeout), *cmd],
                       capture_output=True, text=True, timeout=timeout + 60)
    secs, mb, code = json.loads(r.stdout)
    return (float("inf") if secs is None else secs), mb, code


def compare(make_file: Any, label: str, repeat: int, formulas_timeout: float,
            target_s: float) -> None:
    """Time one workbook: recalc (the tables grow, then the grown file), check, a
    LibreOffice forced recalculation and the formulas engine on the same file; print the
    figures, the ratios and whether the target (recalc <= target_s and at least 2x faster
    than LibreOffice) is met. ``make_file(tmp)`` writes the input workbook."""
    py, soffice = sys.executable, shutil.which("soffice")
    tmp = Path(tempfile.mkdtemp(prefix="xlpokja-bench-"))
    prof = tmp / "lo-profile"
    (prof / "user").mkdir(parents=True)
    (prof / "user" / "registrymodifications.xcu").write_text(XCU)
    src = make_file(tmp)
    out = tmp / "hasil.xlsm"
    first = min((timed([py, "-m", "xlpokja", "recalc", str(src), "-o", str(out)])
                 for _ in range(repeat)), key=lambda r: r[0])
    again = min((timed([py, "-m", "xlpokja", "recalc", str(out), "-o", str(tmp / "again.xlsm")])
                 for _ in range(repeat)), key=lambda r: r[0])
    chk = timed([py, "-m", "xlpokja", "check", str(out)])
    lo = (float("nan"), 0.0, 0)
    if soffice:
        cmd = [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{prof}",
               "--convert-to", "xlsx", "--outdir", str(tmp / "lo"), str(out)]
        timed(cmd)  # warm the profile
        lo = min((timed(cmd) for _ in range(repeat)), key=lambda r: r[0])
    code = ("import formulas,sys; m=formulas.ExcelModel().loads(sys.argv[1]).finish(); "
            "m.calculate()")
    fm = timed([py, "-c", code, str(out)], timeout=formulas_timeout)
    print(f"{label} (best of {repeat})")
    print(f"  recalc, tables grow to fit          : {first[0]:6.2f} s  {first[1]:5.0f} MB")
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
    ok = first[0] <= target_s and lo[0] >= 2 * first[0] and not failed
    print(f"  target (recalc <= {target_s:g} s and >= 2x faster than LibreOffice):",
          "met" if ok else "NOT met")
    shutil.rmtree(tmp, ignore_errors=True)
