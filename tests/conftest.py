"""Shared helpers: workbooks filled the way another program would, through the
published layout only (``xlpokja layout --json``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "workbooks" / "penilaian_diri.xlsm"
EXAMPLE = ROOT / "workbooks" / "contoh_penilaian_diri.xlsm"


# ------------------------------------------------ one button through a host, then headless

#: the command that runs a button's action headless
BUTTON_COMMAND = {"hitung": "recalc", "kunci_bobot": "kunci", "buka_kunci": "buka-kunci",
                  "putaran_seri": "seri", "gabung": "gabung"}
#: the time Kunci bobot records, in a host's run and the headless one alike
KUNCI_WHEN = dt.datetime(2026, 2, 3, 10, 30)
#: fields of ``recalc --json`` about the files and the run, not results
RUN_FIELDS = ("workbook", "output", "buttons_rebuilt", "package_warnings", "backup",
              "problems_total", "created", "written", "gabung")
#: the time the Gabung log records, in a host's run and the headless one alike
GABUNG_WHEN = dt.datetime(2026, 11, 30, 10, 0)


def gabung_sources(folder: Path) -> Path:
    """What the Gabung button merges on every host: two filled individual forms (one with a
    text answer) and a KoboToolbox-style export with a label and an "n/a", with fixed file
    times (the provenance records them)."""
    import os

    from xlpokja.instruments.penilaian_diri import calc as q
    from xlpokja.instruments.penilaian_diri import form as f

    folder.mkdir(parents=True, exist_ok=True)
    for i in range(2):
        wb = openpyxl.load_workbook(ROOT / "workbooks" / f.FORM_FILE_NAME)
        ws = wb[f.FORM_SHEET]
        ws[f.RESPONDENT.value_ref] = f"F{i + 1}"
        for j, s in enumerate(f.STATEMENTS):
            ws[s.answer_ref] = "tiga" if (i, j) == (1, 4) else (i + j) % 6
        wb.save(folder / f"formulir_{i + 1}.xlsx")
    lines = [";".join(["start", "kode", *(f"grp/{k}" for k in q.ITEM_KEYS), "_uuid",
                       "_submission_time"])]
    for i in range(3):
        vals = [str((i * 7 + j) % 6) for j in range(36)]
        vals[3], vals[9] = "n/a", "4 - baik"
        lines.append(";".join(["2026-11-20", f"K{i + 1}", *vals, f"uuid-{i}",
                               f"2026-11-20T09:0{i}:00"]))
    (folder / "kobo.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    stamp = dt.datetime(2026, 11, 25, 8, 0).timestamp()
    for p in folder.iterdir():
        os.utime(p, (stamp, stamp))
    return folder


def button_args(action: str, src: Path, out: Path, folder: Path | None = None) -> list:
    """The command line that runs ``action`` headless on ``src`` into ``out`` (Gabung merges
    into a copy of ``src`` at ``out``, the sources from ``folder``)."""
    if action == "gabung":
        shutil.copy(src, out)
        return ["gabung", folder, "-o", out, "--json", "--waktu", GABUNG_WHEN.isoformat()]
    args = [BUTTON_COMMAND[action], src, "-o", out, "--json"]
    if action == "kunci_bobot":
        args += ["--waktu", KUNCI_WHEN.isoformat()]
    return args


def cli_in_process(capsys: pytest.CaptureFixture, *args: object) -> tuple[int, str, str]:
    """``xlpokja ARGS`` (the command line's own ``main``, in this process): exit code,
    stdout, stderr."""
    from xlpokja import cli

    capsys.readouterr()
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def results_only(data: dict) -> dict:
    """``recalc --json`` without :data:`RUN_FIELDS`."""
    return {k: v for k, v in data.items() if k not in RUN_FIELDS}


# ------------------------------------------------------------------ LibreOffice

SOFFICE = shutil.which("soffice")

XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def libreoffice_recalc(src: Path, tmp: Path) -> Path:
    """Convert with recalculation forced on load (OOXMLRecalcMode = always)."""
    assert SOFFICE, "soffice not found: apt-get install libreoffice-calc-nogui"
    profile = tmp / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(XCU)
    outdir = tmp / "lo-out"
    outdir.mkdir(exist_ok=True)
    cmd = [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
           "--convert-to", "xlsx", "--outdir", str(outdir), str(src)]
    for _ in range(2):  # a fresh profile's first start may exit without converting
        subprocess.run(cmd, capture_output=True, timeout=240)
        out = outdir / (src.stem + ".xlsx")
        if out.exists():
            return out
    raise AssertionError("LibreOffice produced no file")


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xlpokja", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT)


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def layout() -> dict:
    out = run_cli("layout", TEMPLATE, "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def fill(tmp_path: Path, layout: dict, rows: list[list[object]], name: str = "isi.xlsm",
         settings: dict[str, object] | None = None) -> Path:
    """Copy the template and write ``rows`` (respondent + 36 answers) using only the layout."""
    table = layout["tables"][0]
    letters = {c["key"]: c["letter"] for c in table["columns"]}
    keys = ["responden"] + [c["key"] for c in table["columns"] if c["kind"] == "input"
                            and c["key"] != "responden"]
    path = tmp_path / name
    shutil.copy(TEMPLATE, path)
    wb = openpyxl.load_workbook(path, keep_vba=True)
    ws = wb[table["sheet"]]
    for i, row in enumerate(rows):
        r = table["first_data_row"] + i
        for key, value in zip(keys, row):
            ws[f"{letters[key]}{r}"] = value
    for s in layout["settings"]:
        if settings and s["key"] in settings:
            wb[s["sheet"]][s["cell"]] = settings[s["key"]]
    wb.save(path)
    return path


# ------------------------------------------------- checks every workbook family runs


def check_both_engines(paths: list[Path]) -> None:
    """``xlpokja check --engine both`` passes on every path (run side by side)."""
    procs = [subprocess.Popen([sys.executable, "-m", "xlpokja", "check", str(p), "--engine",
                               "both"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for p in paths]
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert 0 == p.returncode, out + err
        assert 2 == out.count("OK ")


def assert_build_reproducible(builds: dict, tmp_path: Path) -> None:
    """Building again gives the committed workbooks (timestamps aside)."""
    from xlpokja.hosts.headless.build import build
    from xlpokja.hosts.headless.compare import same_workbook

    for name in builds:
        path = build(name, tmp_path / name)
        assert "" == same_workbook(path, ROOT / "workbooks" / name), name


def imported_excel_libraries(*modules: str) -> str:
    """Excel/dataframe libraries that importing ``modules`` pulls in (must be none)."""
    code = (f"import sys, {', '.join(modules)};"
            "bad = [m for m in ('openpyxl', 'xlwings', 'formulas', 'formualizer', 'pandas') "
            "if m in sys.modules]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         check=False)
    return out.stdout.strip()


def lo_compare(template: object, src: Path, tmp: Path, expected_of=None) -> int:
    """LibreOffice's forced recalculation of ``src`` agrees with the core on every formula
    cell of ``template``; ``expected_of(cell, value)`` adapts a value LibreOffice cannot
    produce (a UDF's native fallback). Returns the number of cells compared."""
    from xlpokja import actions
    from xlpokja.hosts.headless.check import same
    from xlpokja.hosts.headless.recalc import PackageBook

    _, res, shape, _ = actions.read(PackageBook(src))
    lo = openpyxl.load_workbook(libreoffice_recalc(src, tmp), data_only=True)
    n = 0
    for cell in template.formula_cells(shape):
        found = lo[cell.sheet][cell.ref].value
        expected = cell.value(res)
        if expected_of is not None:
            expected = expected_of(cell, expected)
        assert same(expected, found), f"{cell.sheet}!{cell.ref}: core {expected!r}, LO {found!r}"
        n += 1
    return n
