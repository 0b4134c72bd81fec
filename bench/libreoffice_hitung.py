"""Benchmark (not a test): Hitung pressed inside LibreOffice Calc, beside headless recalc of
the same files, in one run.

    python bench/libreoffice_hitung.py [--sizes 30,1000,10000] [--mcua 200,12,5]

For each questionnaire size (respondents typed into ``Jawaban``; the tables grow from the
template's 50 rows) and for the large MCUA workbook (options, criteria, raters), one
soffice with the extension ``workbooks/xlpokja.oxt`` installed opens the file with its
macros allowed, runs Hitung (the VBA macro the button is bound to, as a click does) and
saves.
Printed per file:

* **press**: the click until the action returned, inside LibreOffice (reading, the core,
  writing formulas and values, LibreOffice's recalculation of what changed);
* **open+press+save**: the whole job, LibreOffice loading and writing ``.xlsm`` included;
* **recalc**: headless ``xlpokja recalc`` of the same input (a fresh process, start-up
  included), and the ratio press / recalc.

Targets (issue "Hitung without installing Python"): press <= 1 s for 1,000 respondents and
<= 5 s for 10,000. Needs soffice and python3-uno (``bash scripts/test.sh`` installs them).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "hosts" / "libreoffice"))
sys.path.insert(0, str(ROOT / "tests" / "instruments" / "mcua_stpp"))

from run import timed  # noqa: E402

TARGETS = {1000: 1.0, 10000: 5.0}
#: the macro the Hitung button is bound to (the files are filled with openpyxl, which drops
#: form buttons: the macro is invoked as the button would)
SCRIPT = "vnd.sun.star.script:VBAProject.Tombol.Hitung?language=Basic&location=document"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="30,1000,10000")
    ap.add_argument("--mcua", default="200,12,5", help="options,criteria,raters ('' to skip)")
    args = ap.parse_args()

    import mcua_stpp
    import penilaian_diri
    from test_libreoffice_roundtrip import SOFFICE, UNO_PYTHON, run_driver

    if not (SOFFICE and UNO_PYTHON):
        sys.exit("needs soffice and python3-uno: bash scripts/test.sh installs them")
    tmp = Path(tempfile.mkdtemp(prefix="xlpokja-bench-lo-"))
    files: list[tuple[str, Path, int | None]] = []
    for n in (int(s) for s in args.sizes.split(",") if s):
        files.append((f"penilaian_diri, {n:,} respondents", penilaian_diri.make(n, tmp), n))
    if args.mcua:
        n, k, r = (int(x) for x in args.mcua.split(","))
        files.append((f"mcua_stpp, {n} options x {k} criteria x {r} raters",
                      mcua_stpp.make(n, k, r, tmp), None))
    sheet_of = {"penilaian": "Ringkasan", "mcua": "Ringkasan"}
    jobs = []
    for _, src, _ in files:
        sheet = next(v for k, v in sheet_of.items() if src.name.startswith(k))
        # the first press warms LibreOffice's Python and the extension's imports
        jobs.append({"kind": "press", "src": str(src), "dst": str(tmp / f"warm_{src.name}"),
                     "sheet": sheet, "macro": "Tombol.Hitung", "script": SCRIPT}
                    if not jobs else None)
        jobs.append({"kind": "press", "src": str(src), "dst": str(tmp / f"lo_{src.name}"),
                     "sheet": sheet, "macro": "Tombol.Hitung", "script": SCRIPT})
    jobs = [j for j in jobs if j]
    log = tmp / "dialogs.jsonl"
    out = run_driver(jobs, timeout=3600, extension=str(ROOT / "workbooks" / "xlpokja.oxt"),
                     env={"XLPOKJA_LO_LOG": str(log)})
    dialogs = {Path(d["document"]).name: d for d in
               map(json.loads, log.read_text(encoding="utf-8").splitlines())} \
        if log.exists() else {}
    results = {Path(r["dst"]).name: r for r in out["results"] if "dst" in r}
    errors = [r for r in out["results"] if "error" in r]
    print(f"LibreOffice Hitung vs headless recalc (soffice start {out['seconds']['start']:.1f} s)")
    print(f"{'file':48} {'press':>8} {'open+press+save':>16} {'recalc':>8} {'press/recalc':>13}")
    verdicts = []
    for label, src, n in files:
        r = results.get(f"lo_{src.name}", {})
        rec = timed([sys.executable, "-m", "xlpokja", "recalc", str(src), "-o",
                     str(tmp / f"headless_{src.name}")])
        press = r.get("press_seconds", float("nan"))
        said = dialogs.get(src.name, {"error": True, "message": "no dialog"})
        if said["error"]:  # the action did not run: its time says nothing
            errors.append({"file": label, "dialog": said["message"]})
            press = float("nan")
        print(f"{label:48} {press:7.2f}s {r.get('seconds', float('nan')):15.2f}s "
              f"{rec[0]:7.2f}s {press / rec[0]:12.2f}x")
        if n in TARGETS:
            verdicts.append(f"  press <= {TARGETS[n]:g} s for {n:,} respondents: "
                            + ("met" if press <= TARGETS[n] else "NOT met"))
        print(f"{'':48} dialog: {said['message'][:70]}")
    print("\n".join(verdicts))
    if errors:
        print("errors:", json.dumps(errors, indent=1)[:2000])
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
