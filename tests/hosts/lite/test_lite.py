"""The xlwings Lite flavour of every committed workbook, run through xlwings' own code.

``main.py`` is read back from each workbook (``xl/webextensions/webextension1.xml``) and run
in a fresh process as Lite runs it (``lite_runner.py``: ``XLWINGS_ON_SERVER=true``, xlwings'
dispatchers ``custom_scripts_call`` / ``custom_functions_call``, the packages Lite does not
install blocked, ``xlpokja`` imported from the zip inside ``main.py``). Every sheet button's
script runs on the book Lite would send (built from the file), the actions it returns are
replayed onto a copy, and the copy must equal the headless run of the same button (cells,
names, ``recalc --json``) and pass ``xlpokja check``. The licence key of xlwings' remote
engine (``noncommercial``, offline) is set here, for the subprocess only.
"""

from __future__ import annotations

import ast
import functools
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import BUTTON_COMMAND, KUNCI_WHEN, ROOT, cli_in_process, results_only

sys.path.insert(0, str(ROOT / "tests" / "hosts" / "excel"))
from xlwings_remote import LICENCE_ENV, LICENCE_KEY, cells, defined_names, payload, replay  # noqa: E402

from xlpokja.hosts.headless import lite  # noqa: E402

WORKBOOKS = sorted((ROOT / "workbooks").glob("*.xlsm"))
RUNNER = Path(__file__).with_name("lite_runner.py")
COMMAND = BUTTON_COMMAND
WHEN = KUNCI_WHEN.isoformat()  # the time Kunci bobot records, in both runs
#: what may stand in the Lite requirements.txt: xlwings, and Pyodide's own builds the
#: action path uses (pure-Python wheels would be added here by name)
PYODIDE_OK = {"xlwings", "numpy"}
NEVER = {"formualizer", "formulas", "pyopenvba", "python-calamine", "openpyxl", "lxml",
         "pandas"}


def _scripts(main: str) -> list[dict]:
    """Every ``@script`` of main.py: function name, button reference and action."""
    out = []
    for node in ast.parse(main).body:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for deco in node.decorator_list:
            if isinstance(deco, ast.Call) and getattr(deco.func, "id", "") == "script":
                kw = {k.arg: ast.literal_eval(k.value) for k in deco.keywords}
                action = [c.args[1].value for c in ast.walk(node) if isinstance(c, ast.Call)
                          and getattr(c.func, "attr", "") == "tombol"][0]
                out.append({"script": node.name, "button": kw["button"], "action": action})
    return out


@functools.cache
def _main(path: Path) -> str:
    props = lite.properties(path)
    assert props is not None, f"{path.name}: no xlwings Lite part"
    return props["main.py"]


def _run(request: dict) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", LICENCE_ENV)}
    env.update({"XLWINGS_ON_SERVER": "true", LICENCE_ENV: LICENCE_KEY})
    proc = subprocess.run([sys.executable, str(RUNNER)], input=json.dumps(request),
                          capture_output=True, text=True, env=env, cwd="/", timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


@functools.cache
def _lite_run(path: Path) -> dict:
    """Every Lite button of one workbook, run once (one process per workbook)."""
    data = payload(path)
    scripts = _scripts(_main(path))
    out = _run({"main": _main(path), "now": WHEN,
                "scripts": [{"script": s["script"], "payload": data} for s in scripts]})
    return {"payload": data, "scripts": scripts, "out": out}


CASES = [pytest.param(p, s, id=f"{p.stem}-{s['script']}") for p in WORKBOOKS
         for s in _scripts(_main(p))]


def test_every_workbook_has_its_lite_part_and_buttons():
    from xlpokja.actions import ACTION_OF_MACRO, template_of
    from xlpokja.hosts.headless.recalc import PackageBook

    assert len(WORKBOOKS) >= 13
    for path in WORKBOOKS:
        props = lite.properties(path)
        assert props["Office.AutoShowTaskpaneWithDocument"] is True
        t = template_of(PackageBook(path))
        scripts = _scripts(props["main.py"])
        # one Lite button per VBA button, on the same sheet, running the same action (but
        # Gabung, which reads a folder: Lite has no file system)
        want = sorted((b.sheet, ACTION_OF_MACRO[b.macro]) for b in t.BUTTONS
                      if ACTION_OF_MACRO[b.macro] not in lite.NO_FILES)
        got = sorted((s["button"].split("]")[1].split("!")[0], s["action"]) for s in scripts)
        assert want == got, path.name
        assert len({s["button"] for s in scripts}) == len(scripts)


def test_lite_buttons_are_shapes_linked_to_the_cell_they_cover():
    from lxml import etree

    from xlpokja.hosts.headless.buttons import XDR
    from xlpokja.hosts.headless.package import Package
    from xlpokja.layout.base import split_ref

    for path in WORKBOOKS:
        pkg = Package(path)
        for s in _scripts(_main(path)):
            shape, rest = s["button"][1:].split("]")
            sheet, cell = rest.split("!")
            part = pkg.sheet_paths[sheet]
            drawing = [t for _r, typ, t, _e in pkg.rels(part) if typ.endswith("/drawing")]
            assert len(drawing) == 1, (path.name, sheet)
            root = pkg.xml(drawing[0])
            pr = [e for e in root.iter(f"{{{XDR}}}cNvPr") if e.get("name") == shape]
            assert len(pr) == 1, (path.name, shape)
            link = pr[0].find("{*}hlinkClick").get(f"{{{lite.RNS}}}id")
            rels = etree.fromstring(pkg.parts[lite.rels_part(drawing[0])])
            target = [r.get("Target") for r in rels if r.get("Id") == link]
            assert target == [f"#{sheet}!{cell}"], (path.name, shape)
            anchor = pr[0].getparent().getparent().getparent()
            frm, to = anchor.find(f"{{{XDR}}}from"), anchor.find(f"{{{XDR}}}to")
            col = lambda e: int(e.findtext(f"{{{XDR}}}col"))  # noqa: E731
            row = lambda e: int(e.findtext(f"{{{XDR}}}row"))  # noqa: E731
            r, c = split_ref(cell)
            assert col(frm) <= c - 1 <= col(to) and row(frm) <= r - 1 <= row(to), \
                (path.name, shape, cell)
            assert anchor.find(f"{{{XDR}}}clientData").get("fPrintsWithSheet") == "0"


def test_requirements_are_what_pyodide_installs():
    for path in WORKBOOKS:
        reqs = lite.properties(path)["requirements.txt"].split()
        names = {r.split("==")[0].split(">")[0].split("<")[0].lower() for r in reqs}
        assert names <= PYODIDE_OK and not names & NEVER, (path.name, reqs)
        assert f"xlwings=={lite.XLWINGS_VERSION}" in reqs
    import xlwings

    assert xlwings.__version__ == lite.XLWINGS_VERSION  # the version these tests ran


def test_embedded_code_is_the_action_path_only():
    names, eager, lazy = lite.closure()
    assert "xlpokja.hosts.lite" in names and "xlpokja.actions" in names
    assert not [n for n in names if n.startswith(("xlpokja.hosts.headless", "xlpokja.workbook",
                                                  "xlpokja.cli"))
                or n.endswith((".build", ".examples"))]
    assert eager <= set(lite.PYODIDE_PACKAGES)
    assert lite.bundle() == lite.bundle()  # deterministic
    with zipfile.ZipFile(__import__("io").BytesIO(lite.bundle())) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert [i.filename for i in zf.infolist()] == sorted(i.filename for i in zf.infolist())


@pytest.mark.parametrize(("src", "script"), CASES)
def test_lite_button_equals_headless(capsys, tmp_path, src, script):
    run = _lite_run(src)
    i = [s["script"] for s in run["scripts"]].index(script["script"])
    done = run["out"]["scripts"][i]
    assert run["out"]["xlpokja_file"].startswith(os.path.join(
        __import__("tempfile").gettempdir(), "xlpokja-")), run["out"]["xlpokja_file"]
    assert run["out"]["modules"] == []  # nothing Lite lacks was imported
    action = script["action"]
    headless = tmp_path / "headless.xlsm"
    args = [COMMAND[action], src, "-o", headless, "--json"]
    if action == "kunci_bobot":
        args += ["--waktu", WHEN]
    code, out, err = cli_in_process(capsys, *args)
    if code == 2:  # the button refuses: Lite writes nothing and says why
        assert done["actions"] == [], done
        assert "gagal" in done["printed"]
        return
    assert code == 0, err
    assert done["printed"].startswith("xlpokja: "), done["printed"]
    assert "Selesai" in done["printed"]
    # the same action from any sheet's button writes the same
    same = [d["actions"] for s, d in zip(run["scripts"], run["out"]["scripts"])
            if s["action"] == action]
    assert all(a == same[0] for a in same)

    copy = tmp_path / f"lite_{src.name}"
    replay(src, done["actions"], copy, [s["name"] for s in run["payload"]["sheets"]])
    expected = json.loads(out)
    got, want = cells(copy), cells(headless)
    diff = {k: (got.get(k), want.get(k)) for k in set(got) | set(want) if got.get(k) != want.get(k)}
    assert not diff, f"{len(diff)} cells differ, e.g. {sorted(diff.items())[:8]}"
    assert defined_names(copy) == defined_names(headless)
    if same[0] is not done["actions"] and script is not _first(run, action):
        return  # the same actions as the first button of this action: checked there
    code, out, err = cli_in_process(capsys, "check", copy)
    assert code == 0, out + err
    code, out, err = cli_in_process(capsys, "recalc", copy, "-o", tmp_path / "again.xlsm", "--json")
    assert code == 0, err
    again = json.loads(out)
    assert (False, []) == (again["buttons_rebuilt"], again["package_warnings"])
    assert results_only(again) == results_only(expected)


def _first(run: dict, action: str) -> dict:
    return next(s for s in run["scripts"] if s["action"] == action)


def test_udfs_as_office_js_calls_them():
    from xlpokja.udfs import pkj_keterangan, pkj_validasi

    header = ["Responden", *[f"{c}{i}" for c, n in zip("ABCDEF", (6, 8, 5, 7, 5, 5))
                             for i in range(1, n + 1)]]
    table = [header, ["R1", "x"] + [3] * 35, ["R2"] + [4] * 36, [""] * 37]
    calls = [("pkj_keterangan", [[[3.2]], [[10]]]), ("pkj_keterangan", [[[2.49]], [[4]]]),
             ("pkj_keterangan", [[[""]], [[0]]]), ("pkj_validasi", [table])]
    for path in (ROOT / "workbooks" / "penilaian_diri.xlsm",
                 ROOT / "workbooks" / "asesmen_pokja.xlsm"):
        out = _run({"main": _main(path), "udfs": [{"func_name": f, "args": a}
                                                  for f, a in calls]})
        assert out["udfs"] == [
            [[pkj_keterangan(3.2, 10)]], [[pkj_keterangan(2.49, 4)]],
            [[pkj_keterangan(None, 0)]], [[pkj_validasi([r if any(v != "" for v in r) else
                                                        [None] * 37 for r in table])]]]


def test_a_workbook_without_lite_parts_is_still_accepted(capsys, tmp_path):
    """A workbook built before the Lite flavour (or saved by a program that dropped it):
    Hitung and check work as before, and nothing Lite is added by Hitung."""
    from xlpokja.hosts.headless.recalc import recalc_file
    from xlpokja.instruments import builds

    plain = tmp_path / "plain.xlsm"
    builds()["contoh_penilaian_diri.xlsm"](plain)
    recalc_file(plain, plain, in_place=True, backup=False, fixed_time=True)
    assert lite.properties(plain) is None
    code, out, err = cli_in_process(capsys, "check", plain)
    assert code == 0, out + err
    code, out, err = cli_in_process(capsys, "recalc", plain, "-o", tmp_path / "o.xlsm", "--json")
    assert code == 0, err
    assert lite.properties(tmp_path / "o.xlsm") is None


def test_recalc_and_button_rebuild_keep_the_lite_flavour(capsys, tmp_path):
    """Hitung headless keeps the Lite parts and shapes; a rebuild of the VBA buttons (after
    a LibreOffice save) leaves the Lite shapes and their links alone."""
    from xlpokja.actions import template_of
    from xlpokja.hosts.headless import buttons
    from xlpokja.hosts.headless.package import Package
    from xlpokja.hosts.headless.recalc import PackageBook

    src = ROOT / "workbooks" / "contoh_mcua_stpp.xlsm"
    out = tmp_path / "o.xlsm"
    code, _o, err = cli_in_process(capsys, "recalc", src, "-o", out)
    assert code == 0, err
    assert lite.properties(out) == lite.properties(src)
    pkg = Package(out)
    before = {n: d for n, d in pkg.parts.items() if n.startswith("xl/drawings/drawing")}
    buttons.rebuild(pkg, template_of(PackageBook(out)).BUTTONS)
    pkg.save(out)
    after = {n: d for n, d in Package(out).parts.items() if n.startswith("xl/drawings/drawing")}
    assert before == after
    code, o, err = cli_in_process(capsys, "check", out)
    assert code == 0, o + err
