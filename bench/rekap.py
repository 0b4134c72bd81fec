"""Benchmark (not a test): ``xlpokja rekap`` of 514 questionnaire workbooks (one per
kabupaten/kota of Indonesia), against rolling the same answers up by opening every workbook
with openpyxl or pandas.

    python bench/rekap.py [--n 514] [--workers 2] [--alt-sample 60] [--keep DIR]

The workbooks are generated from ``workbooks/penilaian_diri.xlsm`` as another program
would fill it (answers and the Ringkasan fields written into the sheet XML, not
recalculated): 15–30 respondents each, a few blanks, now and then a bad answer (text,
out of the scale, a fraction), and about one Pokja in ten with a second round a year later
(Waktu as a text or a date cell). The rekap's figures are checked against an independent
calculation from the generated answers (:func:`expected`), so a fast wrong rekap fails.

Time: wall clock of a fresh ``xlpokja rekap FOLDER -o rekap.xlsx`` process, start-up
included. Memory: the peak of the summed resident memory of that process and every process
it starts (the reading workers), sampled from /proc every 20 ms; and, as the process itself
reports it, ``ru_maxrss`` of RUSAGE_SELF + RUSAGE_CHILDREN (which misses the workers: they are
children of multiprocessing's fork server, not of the rekap process, hence the sampling).
Targets (issue 13): <= 15 s on 2 cores, <= 500 MB.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xlpokja.layout.base import col_letter

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "workbooks" / "penilaian_diri.xlsm"
ITEMS = 36
#: items per component A–F (instruments.md K3)
SIZES = (6, 8, 5, 7, 5, 5)
JAWABAN, RINGKASAN = "xl/worksheets/sheet3.xml", "xl/worksheets/sheet6.xml"
STYLES = "xl/styles.xml"
BAD = ("tiga", 7, 2.5, "-")
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")
_A = ("Sumber", "Tanjung", "Batu", "Muara", "Sungai", "Karang", "Bukit", "Teluk", "Pulau",
      "Air", "Lubuk", "Padang", "Kuala", "Tebing", "Rantau", "Gunung", "Labuhan", "Pematang",
      "Simpang", "Tanah", "Bandar", "Pagar", "Sei", "Rawa")
_B = ("Jaya", "Baru", "Indah", "Raya", "Makmur", "Sari", "Asri", "Utara", "Selatan", "Timur",
      "Barat", "Tengah", "Hilir", "Hulu", "Permai", "Mulia", "Agung", "Lestari", "Sejahtera",
      "Bening", "Merah", "Putih", "Hijau", "Kencana")


@dataclass
class Spec:
    """One generated workbook: its file, Ringkasan fields and answer rows (respondent, 36
    raw values: int 0–5, None = blank, or a bad value)."""

    path: Path
    kelompok_kerja: str
    lokasi: str
    waktu: Any  # text, or ("date", y, m, d) for a date cell
    rows: list[list[Any]] = field(default_factory=list)


# ----------------------------------------------------------------- generating workbooks


_col = col_letter


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell(ref: str, style: str, v: Any) -> str:
    if v is None:
        return f'<c r="{ref}" s="{style}" t="n"/>'
    if isinstance(v, str):
        return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t>{_esc(v)}</t></is></c>'
    return f'<c r="{ref}" s="{style}"><v>{v}</v></c>'


def _serial(y: int, m: int, d: int) -> int:
    import datetime as dt

    return (dt.date(y, m, d) - dt.date(1899, 12, 30)).days


class Maker:
    """Writes filled copies of the template fast: the parts that never change are zipped
    once into a base archive; each workbook is a copy of it plus its two filled sheets."""

    def __init__(self, tmp: Path):
        with zipfile.ZipFile(TEMPLATE) as z:
            self.parts = {i.filename: z.read(i) for i in z.infolist()}
        styles = self.parts[STYLES].decode()
        m = re.search(r'<cellXfs count="(\d+)">', styles)
        self.date_style = int(m.group(1))  # a copy of the field style, as a date
        xf13 = re.findall(r"<xf [^>]*?(?:/>|>.*?</xf>)",
                          styles[m.end():styles.index("</cellXfs>")])[13]
        date_xf = xf13.replace('numFmtId="0"', 'numFmtId="14" applyNumberFormat="1"', 1)
        styles = (styles[:m.start()] + f'<cellXfs count="{self.date_style + 1}">'
                  + styles[m.end():].replace("</cellXfs>", date_xf + "</cellXfs>", 1))
        self.parts[STYLES] = styles.encode()
        self.base = tmp / "base.zip"
        with zipfile.ZipFile(self.base, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in self.parts.items():
                if name not in (JAWABAN, RINGKASAN):
                    z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data,
                               compress_type=zipfile.ZIP_DEFLATED)
        self.jawaban = self.parts[JAWABAN].decode()
        self.ringkasan = self.parts[RINGKASAN].decode()

    def write(self, spec: Spec) -> Path:
        rows = {}
        for i, row in enumerate(spec.rows):
            r = 5 + i
            rows[r] = (f'<row r="{r}">' + _cell(f"A{r}", "13", row[0])
                       + "".join(_cell(f"{_col(2 + j)}{r}", "14", v)
                                 for j, v in enumerate(row[1:])) + "</row>")
        jaw = re.sub(r'<row r="(\d+)">.*?</row>',
                     lambda m: rows.get(int(m.group(1)), m.group(0)), self.jawaban)
        w = spec.waktu
        waktu = (_cell("C5", str(self.date_style), _serial(*w[1:])) if isinstance(w, tuple)
                 else _cell("C5", "13", w))
        ring = self.ringkasan
        for ref, cell in (("C3", _cell("C3", "13", spec.kelompok_kerja)),
                          ("C4", _cell("C4", "13", spec.lokasi)), ("C5", waktu)):
            # the template's empty field cell, whatever its style index (it moves with the
            # builder's styles): replaced, or the benchmark stops (no silent empty fields)
            ring, n = re.subn(rf'<c r="{ref}"(?: s="\d+")?(?: t="n")?\s*/>', cell, ring, count=1)
            if n != 1:
                raise RuntimeError(f"template field {ref} not found in Ringkasan")
        shutil.copyfile(self.base, spec.path)
        with zipfile.ZipFile(spec.path, "a", zipfile.ZIP_DEFLATED) as z:
            for name, text in ((JAWABAN, jaw), (RINGKASAN, ring)):
                z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), text.encode(),
                           compress_type=zipfile.ZIP_DEFLATED)
        return spec.path


def _answers(rnd: random.Random, level: float, n: int, bad: int) -> list[list[Any]]:
    rows = []
    for i in range(n):
        own = level + rnd.gauss(0, 0.6)
        vals: list[Any] = []
        for c, size in enumerate(SIZES):
            tilt = own + (c - 2.5) * 0.1
            for _ in range(size):
                v = None if rnd.random() < 0.03 else min(5, max(0, round(rnd.gauss(tilt, 0.8))))
                vals.append(v)
        rows.append([f"R{i + 1:02d}", *vals])
    for _ in range(bad):
        rows[rnd.randrange(n)][1 + rnd.randrange(ITEMS)] = rnd.choice(BAD)
    return rows


def _waktu(rnd: random.Random, year: int, month: int, style: int) -> Any:
    day = rnd.randint(1, 28)
    return (f"{MONTHS[month - 1]} {year}", ("date", year, month, day),
            f"{day} {MONTHS[month - 1]} {year}", f"{year}-{month:02d}-{day:02d}")[style]


def generate(n: int, folder: Path, seed: int = 13, tmp: Path | None = None) -> list[Spec]:
    """``n`` filled questionnaire workbooks in ``folder``: about one Pokja in ten with two
    rounds (2024 and 2025), the others one round in 2025."""
    rnd = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    maker = Maker(tmp or folder)
    names = [f"{a} {b}" for a in _A for b in _B]
    rnd.shuffle(names)
    specs: list[Spec] = []
    k = 0
    while len(specs) < n:
        place = names[k]
        k += 1
        two = rnd.random() < 0.11 and len(specs) + 2 <= n
        kk = f"Pokja AMPL Kabupaten {place}"
        lokasi = rnd.choice(("Ruang rapat Bappeda", "Aula Bappeda", "Kantor Dinas PU"))
        style = rnd.randrange(4)
        month = rnd.randint(1, 12)
        level = rnd.uniform(1.5, 4.3)
        for year in ((2024, 2025) if two else (2025,)):
            level += rnd.uniform(-0.3, 0.6) if year == 2025 and two else 0
            bad = rnd.choice((0, 0, 0, 1, 2))
            slug = place.lower().replace(" ", "_")
            s = Spec(folder / f"penilaian_{slug}_{year}.xlsm", kk, lokasi,
                     _waktu(rnd, year, month, style),
                     _answers(rnd, level, rnd.randint(15, 30), bad))
            maker.write(s)
            specs.append(s)
    return specs


def make(n: int, tmp: Path) -> Path:
    """For tests/test_bench.py: ``n`` workbooks in ``tmp/rekap``; the first one's path."""
    return generate(n, tmp / "rekap", tmp=tmp)[0].path


# ------------------------------------------------------------------ independent figures


def expected(spec: Spec) -> dict[str, Any]:
    """Component means, X and N from the generated answers (K3: valid answers are whole
    numbers 0–5; anything else is not counted; blank is not 0). Written here from the
    instrument's rules, not with xlpokja's core."""
    sums = [0] * 6
    counts = [0] * 6
    filled = complete = 0
    starts = [sum(SIZES[:c]) for c in range(6)]
    for row in spec.rows:
        vals = row[1:]
        ok = [isinstance(v, int) and 0 <= v <= 5 for v in vals]
        if any(v is not None for v in vals):
            filled += 1
        if all(ok):
            complete += 1
        for c in range(6):
            for j in range(starts[c], starts[c] + SIZES[c]):
                if ok[j]:
                    sums[c] += vals[j]
                    counts[c] += 1
    means = [s / k if k else None for s, k in zip(sums, counts)]
    have = [m for m in means if m is not None]
    x = sum(have)
    return {"means": means, "X": x, "N": x / len(have) if have else None,
            "respondents": filled, "complete": complete}


def check(specs: list[Spec], figures: dict[str, Any]) -> list[str]:
    """Differences between the rekap's JSON figures and :func:`expected` (empty: right)."""
    by_file = {p["file"]: p for p in figures["pokja"]}
    bad = []
    for s in specs:
        got, want = by_file.get(s.path.name), expected(s)
        if got is None:
            bad.append(f"{s.path.name}: not in the rekap")
            continue
        pairs = [(got[k], m) for k, m in zip("ABCDEF", want["means"])] + [
            (got["X"], want["X"]), (got["N"], want["N"]),
            (got["respondents"], want["respondents"]), (got["complete"], want["complete"])]
        if any((a is None) != (b is None) or (a is not None and abs(a - b) > 1e-9)
               for a, b in pairs):
            bad.append(f"{s.path.name}: {pairs}")
    return bad


# ------------------------------------------------------------------------- measuring


def _tree(pid: int, cpu: dict[int, float]) -> int:
    """Resident memory (kB) of ``pid`` and all its descendants (/proc/PID/task/*/children,
    /proc/PID/statm: cheap enough to sample every 20 ms); ``cpu`` gets each one's CPU
    seconds so far (user + system, /proc/PID/stat)."""
    import os

    page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
    tick = os.sysconf("SC_CLK_TCK")
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * page_kb
            stat = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            cpu[p] = max(cpu.get(p, 0.0), (int(stat[11]) + int(stat[12])) / tick)
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError, IndexError):  # the process ended meanwhile
            continue
    return total


_SELF_REPORT = """
import json, resource, sys, time
t0 = time.perf_counter()
from xlpokja.cli import main
code = main(sys.argv[1:])
s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": code, "inside_s": time.perf_counter() - t0,
                  "self_mb": s.ru_maxrss / 1024, "children_mb": c.ru_maxrss / 1024}),
      file=sys.stderr)
"""


def run_measured(args: list[str]) -> dict[str, Any]:
    """Run ``python -c <report> ARGS`` (the xlpokja command line): wall time, peak summed RSS
    of its process tree, its own rusage report, its stdout."""
    import os

    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this checkout's xlpokja
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t0 = time.perf_counter()  # outputs to files: a full pipe would stall the process
        p = subprocess.Popen([sys.executable, "-c", _SELF_REPORT, *args], stdout=out,
                             stderr=err, text=True, cwd=ROOT, env=env)
        peak = 0
        cpu: dict[int, float] = {}
        while p.poll() is None:
            peak = max(peak, _tree(p.pid, cpu))
            time.sleep(0.02)
        wall = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    report = json.loads(stderr.strip().splitlines()[-1])
    return {"wall": wall, "tree_peak_mb": peak / 1024, "cpu": sum(cpu.values()),
            "stdout": stdout, **report}


def alt_openpyxl(paths: list[Path]) -> list[float | None]:
    """N of each workbook, opening it with openpyxl (read-only) and computing in Python."""
    import openpyxl

    out = []
    for p in paths:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
        rows = [r for r in wb["Jawaban"].iter_rows(min_row=5, max_col=37, values_only=True)
                if any(v is not None for v in r)]
        out.append(_naive_n([list(r[1:]) for r in rows]))
        wb.close()
    return out


def alt_pandas(paths: list[Path], engine: str) -> list[float | None]:
    """N of each workbook with pandas.read_excel (answers coerced to numbers)."""
    import pandas as pd

    out = []
    for p in paths:
        df = pd.read_excel(p, sheet_name="Jawaban", header=3, engine=engine).iloc[:, 1:37]
        df = df.apply(pd.to_numeric, errors="coerce")
        out.append(_naive_n(df.dropna(how="all").values.tolist()))
    return out


def _naive_n(rows: list[list[Any]]) -> float | None:
    """What a quick script computes: every number counts (7 and 2.5 too), the rest not."""
    import math

    means = []
    start = 0
    for size in SIZES:
        vals = [v for r in rows for v in r[start:start + size]
                if isinstance(v, (int, float)) and not isinstance(v, bool) and not math.isnan(v)]
        start += size
        if vals:
            means.append(sum(vals) / len(vals))
    return sum(means) / len(means) if means else None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=514)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--alt-sample", type=int, default=60,
                    help="workbooks the openpyxl/pandas alternatives open (time scaled to --n)")
    ap.add_argument("--keep", help="keep the generated workbooks and the rekap in this folder")
    args = ap.parse_args()
    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="xlpokja-rekap-"))
    tmp.mkdir(parents=True, exist_ok=True)
    folder = tmp / "pokja"
    if folder.exists():
        shutil.rmtree(folder)
    t0 = time.perf_counter()
    specs = generate(args.n, folder, tmp=tmp)
    gen = time.perf_counter() - t0
    rounds = sum(1 for s in specs if s.path.name.endswith("_2024.xlsm"))
    bad = sum(1 for s in specs for r in s.rows for v in r[1:] if v in BAD or isinstance(v, str))
    print(f"generated {len(specs)} workbooks ({rounds} Pokja with two rounds, {bad} bad "
          f"answers) in {gen:.1f} s")
    import os

    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores (other "
          "work on the machine slows the wall times; CPU seconds are what the rekap costs)")
    out = tmp / "rekap.xlsx"
    runs = {}
    for w in sorted({1, args.workers}):
        runs[w] = run_measured(["rekap", str(folder), "-o", str(out), "--json",
                                "--workers", str(w)])
    figures = json.loads(runs[args.workers]["stdout"])
    wrong = check(specs, figures)
    print("figures:", f"all {len(specs)} equal the independent calculation" if not wrong
          else f"{len(wrong)} WRONG, e.g. {wrong[0]}")
    print(f"rounds compared: {figures['rounds_compared']} (of {rounds} Pokja with two rounds), "
          f"left out: {figures['left_out']}")
    if figures["rounds_compared"] != rounds:
        wrong.append(f"{figures['rounds_compared']} rounds compared, {rounds} generated")
    for w, r in runs.items():
        print(f"xlpokja rekap, {w} worker(s): {r['wall']:6.2f} s wall (fresh process), "
              f"{r['cpu']:5.1f} s CPU over its processes, peak {r['tree_peak_mb']:4.0f} MB "
              f"summed over them (ru_maxrss self {r['self_mb']:.0f} MB + children "
              f"{r['children_mb']:.0f} MB), exit {r['code']}")
    sample = [s.path for s in specs[:args.alt_sample]]
    truth = {s.path: expected(s)["N"] for s in specs[:args.alt_sample]}
    for label, fn in (("openpyxl (read-only) + Python", lambda: alt_openpyxl(sample)),
                      ("pandas.read_excel, calamine", lambda: alt_pandas(sample, "calamine")),
                      ("pandas.read_excel, openpyxl", lambda: alt_pandas(sample, "openpyxl"))):
        t = time.perf_counter()
        ns = fn()
        secs = (time.perf_counter() - t) * len(specs) / len(sample)
        off = sum(1 for p, v in zip(sample, ns) if (v is None) != (truth[p] is None)
                  or (v is not None and abs(v - truth[p]) > 1e-9))
        print(f"alternative: {label:<30}: {secs:6.1f} s for {len(specs)} (timed on "
              f"{len(sample)}, one process), N wrong in {off} of {len(sample)} (no validation)")
    best = runs[args.workers]
    ok = best["wall"] <= 15 and best["tree_peak_mb"] <= 500 and not wrong
    print(f"target (<= 15 s with {args.workers} workers, <= 500 MB, figures right):",
          "met" if ok else "NOT met")
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        print(f"kept: {tmp}")


if __name__ == "__main__":
    main()
