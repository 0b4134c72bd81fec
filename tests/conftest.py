"""Shared helpers: workbooks filled the way another program would, through the
published layout only (``xlpokja layout --json``)."""

from __future__ import annotations

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
