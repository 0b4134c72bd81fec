"""The xlwings adapter (:class:`xlpokja.hosts.excel.XlwingsBook`) run through xlwings' own code.

For every committed workbook and every button it offers: the payload a remote client
would send is opened with ``xlwings.Book(json=...)`` (xlwings' remote engine, the one behind
its Office.js clients and xlwings Lite), the button runs through ``XlwingsBook``, the actions
xlwings returns are applied to a copy of the file, and then

* ``xlpokja check`` passes on that copy,
* ``recalc --json`` of the copy equals the headless run of the same button on the original,
* the copy holds the same formulas, input and result values and names as the headless file,
* the result the button computed from xlwings' view of the workbook equals the headless one.

The remote engine needs a licence key; the tests set the offline key ``noncommercial``
(``XLWINGS_LICENSE_KEY``) for this module only and skip, with the reason, where the engine
cannot load.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import (
    BUTTON_COMMAND,
    GABUNG_WHEN,
    KUNCI_WHEN,
    ROOT,
    button_args,
    cli_in_process,
    gabung_sources,
    results_only,
)
from xlwings_remote import cells, defined_names, payload, remote_engine, replay

from xlpokja import actions
from xlpokja.core.problems import XlpokjaError
from xlpokja.hosts.headless.recalc import PackageBook

WORKBOOKS = sorted((ROOT / "workbooks").glob("*.xlsm"))
COMMAND = BUTTON_COMMAND
WHEN = KUNCI_WHEN


def _buttons(path: Path) -> list[str]:
    return actions.offered(actions.template_of(PackageBook(path)))


CASES = [pytest.param(p, a, id=f"{p.stem}-{a}") for p in WORKBOOKS for a in _buttons(p)]


@pytest.fixture(scope="module")
def xw():
    with pytest.MonkeyPatch.context() as mp:
        try:
            mod = remote_engine(mp.setenv)
        except RuntimeError as e:
            pytest.skip(str(e))
        yield mod


def _options(action: str, folder: Path) -> dict:
    if action == "gabung":  # what xlpokja.excel.gabung hands the action after the picker
        from xlpokja.merge import local, merge

        grids, notes, unread = local.read_sources([folder])
        return {"grids": grids, "report": merge.Report(), "when": GABUNG_WHEN, "notes": notes,
                "read_problems": unread}
    return {"when": WHEN} if action == "kunci_bobot" else {}


def _headless(capsys: pytest.CaptureFixture, src: Path, action: str,
              out: Path, folder: Path) -> tuple[int, str, str]:
    return cli_in_process(capsys, *button_args(action, src, out, folder))


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """The folder the Gabung button is given."""
    return gabung_sources(tmp_path_factory.mktemp("gabung") / "jawaban")


def test_committed_workbooks_are_all_covered():
    from xlpokja.instruments import builds

    macro_books = {n for n in builds() if n.endswith(".xlsm")}  # the forms (.xlsx) have none
    assert {p.name for p in WORKBOOKS} == macro_books and len(WORKBOOKS) >= 13
    macro_of = {a: m for m, a in actions.ACTION_OF_MACRO.items()}
    for path in WORKBOOKS:  # every button the workbook shows is run through the adapter
        shown = {b.macro for b in actions.template_of(PackageBook(path)).BUTTONS}
        run = {macro_of[c.values[1]] for c in CASES if c.values[0] == path}
        assert shown == run, path.name


@pytest.mark.parametrize(("src", "action"), CASES)
def test_button_through_xlwings_remote(xw, capsys, tmp_path, src, action, folder):
    from xlpokja.hosts.excel import XlwingsBook

    code, out, err = _headless(capsys, src, action, tmp_path / "headless.xlsm", folder)
    data = payload(src)
    book = xw.Book(json=data)
    try:
        adapter = XlwingsBook(book)
        try:
            res = actions.run(adapter, action, **_options(action, folder))
        except XlpokjaError as e:  # the button refuses: so must the headless run
            assert code == 2, f"headless ran, xlwings refused: {e.message('en')}"
            assert e.message("id") in err
            assert book.json()["actions"] == []  # and nothing was written
            return
        done = book.json()["actions"]
    finally:
        book.close()
    assert code == 0, f"xlwings ran, headless refused: {err}"
    expected = json.loads(out)
    t = actions.template_of(PackageBook(src))
    assert t.result_json(res, "id") == results_only(expected), "result from xlwings' view"

    copy = tmp_path / f"xlwings_{src.name}"
    replay(src, done, copy, [s["name"] for s in data["sheets"]])

    code, out, err = cli_in_process(capsys, "check", copy)
    assert code == 0, out + err
    code, out, err = cli_in_process(capsys, "recalc", copy, "-o", tmp_path / "again.xlsm", "--json")
    assert code == 0, err
    again = json.loads(out)
    assert (False, []) == (again["buttons_rebuilt"], again["package_warnings"])
    assert results_only(again) == results_only(expected)

    got, want = cells(copy), cells(tmp_path / "headless.xlsm")
    diff = {k: (got.get(k), want.get(k)) for k in set(got) | set(want) if got.get(k) != want.get(k)}
    assert not diff, f"{len(diff)} cells differ, e.g. {sorted(diff.items())[:8]}"
    assert defined_names(copy) == defined_names(tmp_path / "headless.xlsm")


# ------------------------------------------- the Windows (COM) branch, without Excel


class _ComSheet:
    """The protection part of a COM ``Worksheet``: protected as the builder leaves it."""

    def __init__(self, position: int, book, windows: list) -> None:
        from xlpokja.hosts.excel import _ALLOW

        self.position, self.book, self.windows = position, book, windows
        self.ProtectContents, self.ProtectDrawingObjects, self.ProtectScenarios = True, False, False
        allowed = {"AllowFormattingColumns", "AllowFormattingRows", "AllowSorting",
                   "AllowFiltering"}
        self.Protection = type("Protection", (), {a: a in allowed for a, _ in _ALLOW})()
        self.settings = {"DrawingObjects": False, "Contents": True, "Scenarios": False,
                         **{a: a in allowed for a, _ in _ALLOW}}

    def Unprotect(self) -> None:  # COM's name
        assert self.ProtectContents
        self.ProtectContents = False
        self.opened = len(self.book.json()["actions"])

    def Protect(self, **kw) -> None:  # COM's name
        assert kw == self.settings  # restored as it was
        self.ProtectContents = True
        self.windows.append((self.position, self.opened, len(self.book.json()["actions"])))


class _WindowsBook:
    """An xlwings book seen as Excel on Windows: cells from the remote engine, ``.api``
    (protection, document properties) from COM fakes."""

    def __init__(self, book, template_id: str) -> None:
        self._book, self.windows = book, []
        self.com = {s.name: _ComSheet(i, book, self.windows) for i, s in enumerate(book.sheets)}
        props = {"xlpokja_template": type("Prop", (), {"Value": template_id})()}
        self.api = type("Workbook", (), {"CustomDocumentProperties": type(
            "Props", (), {"Item": staticmethod(props.__getitem__)})()})()
        self.app = type("App", (), {"engine": type("Engine", (), {"type": "desktop"})()})()
        self.names = book.names

    @property
    def sheets(self):
        outer = self

        class Sheet:
            def __init__(self, sheet) -> None:
                self._sheet = sheet
                self.api = outer.com[sheet.name]

            def __getattr__(self, name):
                return getattr(self._sheet, name)

        class Sheets:
            def __getitem__(self, name):
                return Sheet(outer._book.sheets[name])

            def __iter__(self):
                return (Sheet(s) for s in outer._book.sheets)

        return Sheets()


def test_windows_branch_writes_only_between_unprotect_and_protect(xw, monkeypatch):
    import sys as _sys

    from xlpokja.hosts.excel import XlwingsBook

    monkeypatch.setattr(_sys, "platform", "win32")
    src = ROOT / "workbooks" / "contoh_penilaian_diri.xlsm"
    book = xw.Book(json=payload(src))
    try:
        win = _WindowsBook(book, "penilaian_diri")
        adapter = XlwingsBook(win)
        assert adapter.host == "windows"
        assert adapter.template_id() == "penilaian_diri"
        actions.run(adapter, "hitung")
        done = book.json()["actions"]
    finally:
        book.close()
    assert done and win.windows
    assert all(s.ProtectContents for s in win.com.values())  # every sheet protected again
    for i, a in enumerate(done):  # every write while its sheet was unprotected
        assert any(pos == a["sheet_position"] and lo <= i < hi for pos, lo, hi in win.windows), a


def test_rows_that_no_longer_pair_are_refused_in_excel_too(xw, capsys, tmp_path):
    """Skor!B7 last showed the issue of Isu row 8 (a row deleted in Isu only): headless and
    the xlwings adapter both refuse with TIDAK_BERPASANGAN, writing nothing."""
    import re
    import zipfile

    import openpyxl

    from xlpokja.hosts.excel import XlwingsBook

    src = ROOT / "workbooks" / "contoh_matriks_pemeringkatan.xlsm"
    path = tmp_path / "geser.xlsm"
    other = openpyxl.load_workbook(src)["Isu"]["B8"].value  # the next issue's name
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if b"IF(TRIM(Isu!B7)" in data:  # Skor: B7 last showed Isu!B8's issue
                data = re.sub(rb'(<c r="B7"[^>]*><f>[^<]*</f><v>)[^<]*(</v>)',
                              lambda m: m.group(1) + other.encode() + m.group(2), data)
            zout.writestr(info, data)
    code, _out, err = _headless(capsys, path, "hitung", tmp_path / "o.xlsm", tmp_path)
    assert code == 2 and "Skor!B7 [TIDAK_BERPASANGAN]" in err, err
    book = xw.Book(json=payload(path))
    try:
        with pytest.raises(XlpokjaError) as e:
            actions.run(XlwingsBook(book), "hitung")
        assert book.json()["actions"] == []
    finally:
        book.close()
    assert ("Skor", "B7", "TIDAK_BERPASANGAN") in [(p.sheet, p.cell, p.code)
                                                   for p in e.value.problems]
