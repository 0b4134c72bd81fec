"""The ``recalc --json`` of every filled example workbook, into one folder (not a test).

    python scripts/recalc_snapshot.py OUTDIR

Run it on two checkouts and compare the folders (``diff -r A B``): a change that moves code
without changing behaviour leaves them identical. The ``output`` key (a file name) is
dropped.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for book in sorted((ROOT / "workbooks").glob("contoh_*.xlsm")):
            r = subprocess.run([sys.executable, "-m", "xlpokja", "recalc", str(book), "-o",
                                str(Path(tmp) / book.name), "--json"], capture_output=True,
                               text=True, cwd=ROOT, check=True)
            data = json.loads(r.stdout)
            data.pop("output", None)
            (out / f"{book.stem}.json").write_text(
                json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
            print(out / f"{book.stem}.json")


if __name__ == "__main__":
    main()
