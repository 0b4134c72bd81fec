"""Every button of every committed workbook, pressed inside LibreOffice Calc.

LibreOffice itself (``soffice --headless``, driven by ``lo_uno.py`` beside this file) gets
the committed extension ``workbooks/xlpokja.oxt`` installed with ``unopkg`` into a private
profile, opens each committed workbook with its macros allowed (a person who trusts the
file), and presses each button: the script the button's event is bound to is invoked, as a
click does — the workbook's VBA (``Tombol.Hitung`` …) finds itself in LibreOffice and hands
the document to the extension's Python, which runs the action with LibreOffice's own Python
(the system ``python3`` here: no numpy, no xlpokja installed). LibreOffice recalculates and
saves the file. Then, for each press:

* the dialog the person saw (the extension also writes it to ``XLPOKJA_LO_LOG`` for tests)
  says what the headless run of the same button says: done (with the same number of
  problems), or the same Indonesian refusal;
* ``xlpokja check`` of the saved file finds no difference: LibreOffice's own values of every
  formula cell equal the core's (its only findings are the form buttons LibreOffice 7.4
  writes in a form it cannot read back; the next headless ``recalc`` draws them again, and
  ``check`` then passes whole);
* ``xlpokja recalc --json`` of the saved file equals the headless run of the same button on
  the committed file (to 12 significant digits: LibreOffice writes 15 to the file);
* the VBA module survives the save.

A separate case presses Hitung on a questionnaire whose table has grown past its extent (the
formulas written in LibreOffice's grammar then compute in Calc), and one on a workbook whose
header was changed (refused: a dialog, nothing written).
"""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import (
    BUTTON_COMMAND,
    KUNCI_WHEN,
    ROOT,
    button_args,
    cli_in_process,
    gabung_sources,
    results_only,
)
from test_libreoffice_roundtrip import SOFFICE, UNO_PYTHON, run_driver

from xlpokja import actions
from xlpokja.hosts.headless.recalc import PackageBook
from xlpokja.hosts.libreoffice.macro import LOG_ENV, TIME_ENV
from xlpokja.hosts.libreoffice.sources import FOLDER_ENV

pytestmark = [pytest.mark.libreoffice]

WORKBOOKS = sorted((ROOT / "workbooks").glob("*.xlsm"))
OXT = ROOT / "workbooks" / "xlpokja.oxt"
COMMAND = BUTTON_COMMAND
MACRO = {a: m for m, a in actions.ACTION_OF_MACRO.items()}
WHEN = KUNCI_WHEN
#: what LibreOffice 7.4's save does to form buttons (hosts.md §4)
BUTTONS_LOST = {"PAKET_TOMBOL", "PAKET_ID_BENTUK"}


def _buttons(path: Path) -> list[tuple[str, str]]:
    """(action, sheet of its first button) for every button the workbook shows."""
    t = actions.template_of(PackageBook(path))
    out: dict[str, str] = {}
    for b in t.BUTTONS:
        action = next(a for a, m in MACRO.items() if m == b.macro)
        out.setdefault(action, b.sheet)
    return list(out.items())


CASES = [(p, a, s) for p in WORKBOOKS for a, s in _buttons(p)]
IDS = [f"{p.stem}-{a}" for p, a, _ in CASES]


@pytest.fixture(scope="module")
def pressed(tmp_path_factory) -> dict:
    """One soffice: the extension installed, every button of every workbook pressed."""
    if (SOFFICE is None or UNO_PYTHON is None):
        pytest.skip("LibreOffice with python3-uno not installed (CI installs it)")
    tmp = tmp_path_factory.mktemp("lo_buttons")
    log = tmp / "dialogs.jsonl"
    block = _blocked(tmp / "block")
    jobs = [{"kind": "press", "src": str(src), "dst": str(tmp / f"{src.stem}-{a}.xlsm"),
             "sheet": sheet, "macro": f"Tombol.{MACRO[a]}"} for src, a, sheet in CASES]
    folder = gabung_sources(tmp / "jawaban")  # what Gabung's folder dialog would give
    out = run_driver(jobs, timeout=900, extension=str(OXT),
                     env={LOG_ENV: str(log), TIME_ENV: WHEN.isoformat(),
                          FOLDER_ENV: str(folder), "PYTHONPATH": str(block)})
    dialogs: dict[str, list[dict]] = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        dialogs.setdefault(Path(d["document"]).name, []).append(d)
    return {"results": dict(zip(IDS, out["results"])), "dialogs": dialogs,
            "location": out.get("extension_location"), "folder": folder}


#: what LibreOffice's Python on Windows and macOS lacks, and the buttons must not need
BLOCKED = ("numpy", "pandas", "openpyxl", "lxml", "python_calamine", "formulas", "formualizer",
           "xlwings", "pyopenvba")


def _blocked(folder: Path) -> Path:
    """A folder that, first on ``PYTHONPATH``, makes every module of :data:`BLOCKED` fail to
    import in LibreOffice's Python."""
    folder.mkdir()
    for mod in BLOCKED:
        (folder / f"{mod}.py").write_text(f"raise ImportError('{mod} blocked by the test')\n")
    return folder


def _digits(v: object, sig: int = 12) -> object:
    """``v`` with every float to ``sig`` significant digits: LibreOffice writes numbers to
    .xlsx with 15 (an input weight 1/3 comes back as 0.333333333333333), so results of the
    file it saved may differ from the original's in the 16th digit, never in the 12th."""
    if isinstance(v, float):
        return float(f"{v:.{sig}g}")
    if isinstance(v, dict):
        return {k: _digits(x, sig) for k, x in v.items()}
    if isinstance(v, list):
        return [_digits(x, sig) for x in v]
    return v


def test_every_button_is_pressed():
    from xlpokja.instruments import builds

    assert {p.name for p in WORKBOOKS} == {n for n in builds() if n.endswith(".xlsm")}
    assert len(CASES) >= 30
    assert OXT.is_file(), "run xlpokja build"


@pytest.mark.parametrize(("src", "action", "sheet"), CASES, ids=IDS)
def test_button_inside_libreoffice(pressed, capsys, tmp_path, src, action, sheet):
    res = pressed["results"][f"{src.stem}-{action}"]
    assert "error" not in res, res
    saved = Path(res["dst"])
    seen = pressed["dialogs"].get(src.name, [])
    assert len(seen) >= 1, f"no dialog for {src.name}: {pressed['dialogs'].keys()}"
    # the dialogs of one source file come in the order its buttons were pressed
    dialog = seen[[a for p, a, _ in CASES if p == src].index(action)]

    args = button_args(action, src, tmp_path / "headless.xlsm", pressed["folder"])
    code, out, err = cli_in_process(capsys, *args)
    if code == 2:  # the button refuses: the same words in LibreOffice's dialog
        assert dialog["error"], dialog
        assert dialog["message"] in err, (dialog["message"], err)
        return
    assert code == 0, err
    expected = json.loads(out)
    assert not dialog["error"], dialog["message"]
    n = expected["problems_total"]
    outcome = ("Selesai. Tidak ada masalah input." if not n else
               f"Selesai dengan {n} masalah input: lihat sheet Masalah. "
               "Isian yang bermasalah tidak dihitung.")
    if action == "gabung":  # what was merged, then the outcome of its Hitung
        added = len(expected["gabung"]["added"])
        assert f"{added} ditambahkan ke sheet Jawaban" in dialog["message"], dialog
        assert dialog["message"].endswith("\n\n" + outcome), dialog["message"]
    else:
        assert dialog["message"] == outcome

    code, out, err = cli_in_process(capsys, "check", saved, "--json")
    report = json.loads(out)[0]
    assert report["cells"] > 0 and report["problems"] == [], out  # every formula cell agrees
    # LibreOffice 7.4 writes form buttons it cannot read back (one shape id for all, no
    # o:spid): that, and only that, is what check finds in its file ...
    assert {p["code"] for p in report["package_problems"]} <= BUTTONS_LOST, out
    code, out, err = cli_in_process(capsys, "recalc", saved, "-o", tmp_path / "again.xlsm",
                                    "--json")  # after Gabung too: the rows it added
    assert code == 0, err
    again = json.loads(out)
    assert _digits(results_only(again)) == _digits(results_only(expected))
    # ... and the next headless recalc draws them again: then check passes whole
    assert again["buttons_rebuilt"] == bool(report["package_problems"])
    code, out, err = cli_in_process(capsys, "check", tmp_path / "again.xlsm")
    assert code == 0, out + err
    with zipfile.ZipFile(saved) as zf:
        assert "xl/vbaProject.bin" in zf.namelist()


def test_the_blocking_works(tmp_path):
    """The press results above came with numpy & co. unimportable: the Python LibreOffice
    runs here honours ``PYTHONPATH`` (Debian's system Python, python3-uno)."""
    if UNO_PYTHON is None:
        pytest.skip("python3-uno not installed")
    block = _blocked(tmp_path / "block")
    for mod in BLOCKED:
        r = subprocess.run([UNO_PYTHON, "-c", f"import {mod}"], capture_output=True, text=True,
                           env={"PYTHONPATH": str(block), "PATH": "/usr/bin:/bin"}, check=False)
        assert "blocked by the test" in r.stderr, (mod, r.stderr)
