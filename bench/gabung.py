"""Benchmark (not a test): ``xlpokja gabung`` of many individual forms (target: 100 forms in
≤ 5 s on 2 cores), into an existing questionnaire workbook and into a new one, the second
run that finds nothing new, and a large survey export; against the plain alternative of
opening each form with openpyxl and appending its row with openpyxl (what a hand-written
script would do, without any checking).

    python bench/gabung.py [--forms 100] [--export-rows 5000]
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import ROOT, timed  # noqa: E402

FORM = ROOT / "workbooks" / "formulir_penilaian_diri.xlsx"
TEMPLATE = ROOT / "workbooks" / "penilaian_diri.xlsm"


def make_forms(n: int, folder: Path, seed: int = 1) -> Path:
    """``n`` filled individual forms in ``folder`` (openpyxl, as another program would)."""
    import openpyxl

    from xlpokja.instruments.penilaian_diri import form as f

    folder.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(seed)
    for i in range(n):
        wb = openpyxl.load_workbook(FORM)
        ws = wb[f.FORM_SHEET]
        ws[f.RESPONDENT.value_ref] = f"A{i + 1:03d}"
        for s in f.STATEMENTS:
            ws[s.answer_ref] = rnd.choice((0, 1, 2, 3, 4, 5, 3, 4, None))
        wb.save(folder / f"anggota_{i + 1:03d}.xlsx")
    return folder


def make_export(n: int, path: Path, seed: int = 2) -> Path:
    """A KoboToolbox-style CSV export of ``n`` submissions."""
    from xlpokja.instruments.penilaian_diri import calc as q

    rnd = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["start", "end", "kode", *(f"grp_{k[0].lower()}/{k}" for k in q.ITEM_KEYS),
                    "_id", "_uuid", "_submission_time", "_index"])
        for i in range(n):
            w.writerow(["2026-11-20T09:00:00", "2026-11-20T09:20:00", f"K{i:05d}",
                        *(rnd.choice(("0", "1", "2", "3", "4", "5", "n/a")) for _ in q.ITEM_KEYS),
                        i, f"uuid-{i:08d}", "2026-11-20T09:30:00", i + 1])
    return path


NAIVE = r"""
import sys, openpyxl
from pathlib import Path
folder, book = Path(sys.argv[1]), sys.argv[2]
wb = openpyxl.load_workbook(book, keep_vba=True)
ws = wb["Jawaban"]
row = 5
for p in sorted(folder.glob("*.xlsx")):
    f = openpyxl.load_workbook(p, data_only=True)["Formulir"]
    vals = [f["D6"].value] + [f.cell(row=r, column=5).value for r in range(14, 56)
                              if f.cell(row=r, column=1).value not in (None, "")
                              and len(str(f.cell(row=r, column=1).value)) <= 2]
    for c, v in enumerate(vals, start=1):
        ws.cell(row=row, column=c, value=v)
    row += 1
wb.save(book)
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--forms", type=int, default=100)
    ap.add_argument("--export-rows", type=int, default=5000)
    args = ap.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        forms = make_forms(args.forms, tmp / "formulir")
        rows = []

        def run(label: str, cmd: list[str], target: float | None = None) -> float:
            secs, mb, code = timed(cmd)
            mark = "" if target is None else ("  (target ≤ %.0f s: %s)"
                                              % (target, "met" if secs <= target else "MISSED"))
            rows.append((label, secs, mb, code))
            print(f"{label:<58} {secs:7.2f} s {mb:7.0f} MB  exit {code}{mark}", flush=True)
            return secs

        book = tmp / "ada.xlsm"
        shutil.copy(TEMPLATE, book)
        ours = run(f"gabung {args.forms} forms into an existing workbook",
                   [py, "-m", "xlpokja", "gabung", str(forms), "-o", str(book)], 5)
        run("gabung the same forms again (nothing new, nothing written)",
            [py, "-m", "xlpokja", "gabung", str(forms), "-o", str(book)])
        run(f"gabung {args.forms} forms into a new workbook (template built)",
            [py, "-m", "xlpokja", "gabung", str(forms), "-o", str(tmp / "baru.xlsm")], 5)
        naive_book = tmp / "naive.xlsm"
        shutil.copy(TEMPLATE, naive_book)
        naive = run("alternative: openpyxl opens each form, appends, saves (no checks)",
                    [py, "-c", NAIVE, str(forms), str(naive_book)])
        print(f"ratio openpyxl script / xlpokja gabung: {naive / ours:.2f}")
        export = make_export(args.export_rows, tmp / "ekspor" / "kobo.csv")
        book2 = tmp / "ekspor.xlsm"
        shutil.copy(TEMPLATE, book2)
        run(f"gabung a Kobo CSV export of {args.export_rows} submissions",
            [py, "-m", "xlpokja", "gabung", str(export), "-o", str(book2)])


if __name__ == "__main__":
    main()
