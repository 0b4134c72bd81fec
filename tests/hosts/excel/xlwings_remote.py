"""xlwings' remote engine as a test host for :class:`xlpokja.hosts.excel.XlwingsBook` (tests only).

A remote client (xlwings' VBA/Office.js clients, xlwings Lite) sends the workbook as JSON:
values per sheet from A1 to the last used cell, the names, no formulas and no protection
state. ``xlwings.Book(json=payload)`` opens that on the Python side; whatever the script
writes is queued as actions (``book.json()``) which the client then applies to the real
workbook. Here the payload is built from a workbook file and the actions are applied to a
copy of that file with the project's own package writer, so the copy stays a valid workbook
that ``xlpokja check`` and ``recalc`` can read.

The remote engine is part of xlwings PRO and loads only with a licence key; the key
``noncommercial`` is accepted offline. It is set by the tests (:func:`remote_engine`), never
by the package.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import posixpath
import re
import shutil
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from xlpokja.layout.base import col_index, col_letter

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
LICENCE_ENV = "XLWINGS_LICENSE_KEY"
LICENCE_KEY = "noncommercial"

#: The client the payload claims to come from. xlwings' own VBA (``RunRemotePython``,
#: addin/Remote.bas) and Office Scripts (js/xlwings.ts) clients of 0.37.8 implement neither
#: ``setFormula`` nor ``setNameRefersTo``; the Office.js clients (the add-in, xlwings Lite)
#: are the ones applying every action the adapter emits, so the payload speaks as one.
CLIENT = "Office.js"

_REF_RE = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")
_AREA_RE = re.compile(r"^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$")
_NUMBER_RE = re.compile(r"^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?\s*$")
_DATE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?Z?)?$")


# --------------------------------------------------------------------------- engine


def remote_engine(setenv: Callable[[str, str], Any]) -> Any:
    """Import xlwings with its remote engine and return the module; raise ``RuntimeError``
    with the reason when it cannot load. The licence key is set by the caller's
    ``setenv(name, value)`` (the tests' ``monkeypatch.setenv``), never by the package."""
    setenv(LICENCE_ENV, LICENCE_KEY)  # the benchmark passes a no-op: the user's own key
    try:
        import xlwings as xw
    except Exception as e:  # noqa: BLE001 - any import failure means: no engine here
        raise RuntimeError(f"xlwings does not import: {e!r}") from None
    if "remote" not in [e.name for e in xw.engines]:
        # xlwings registers its engines when first imported; imported earlier without the
        # key, the licence-gated part is loaded and registered now
        try:
            from xlwings.main import Engine
            from xlwings.pro import _xlremote
        except Exception as e:  # noqa: BLE001 - LicenseError, ImportError, missing deps
            raise RuntimeError("xlwings' remote engine (licence-gated xlwings PRO) does not "
                               f"load: {e!r}") from None
        xw.engines.add(Engine(impl=_xlremote.engine))
    return xw


# -------------------------------------------------------------------------- payload


def _split(ref: str) -> tuple[int, int]:
    m = _REF_RE.match(ref.upper())
    if m is None:
        raise ValueError(ref)
    return int(m.group(2)), col_index(m.group(1))


def _sheet_parts(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, part) in workbook order."""
    wb = etree.fromstring(zf.read("xl/workbook.xml"))
    rels = etree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    out = []
    for s in wb.iter(NS + "sheet"):
        t = targets[s.get(RID)]
        part = t.lstrip("/") if t.startswith("/") else posixpath.normpath(
            posixpath.join("xl", t))
        out.append((s.get("name"), part))
    return out


def _client_value(v: Any) -> Any:
    """A cell value as a client's JSON carries it: numbers as JavaScript serialises them
    (3, not 3.0), dates and times as ISO strings, empty as ""."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return v
    if isinstance(v, float):
        if math.isfinite(v) and v.is_integer() and abs(v) < 2 ** 53:
            return int(v)
        return v
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(v, dt.date):
        return v.strftime("%Y-%m-%dT00:00:00.000Z")
    if isinstance(v, dt.time):
        return f"1899-12-30T{v.strftime('%H:%M:%S')}.000Z"
    if isinstance(v, dt.timedelta):
        return (dt.datetime(1899, 12, 30) + v).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return v


def _name_entry(name: str, text: str, sheets: list[str], scope: int | None) -> dict | None:
    """A payload name for a range name (other names are not sent by the clients)."""
    m = _AREA_RE.match(text)
    if m is None or "," in text:
        return None
    sheet = (m.group(1) or "").replace("''", "'") or m.group(2)
    if sheet not in sheets:
        return None
    address = m.group(3).replace("$", "")
    name = name.removeprefix("_xlnm.")
    return {
        "name": name,
        "sheet_index": sheets.index(sheet),
        "address": address,
        "refers_to": "=" + text,
        "book_scope": scope is None,
        "scope_sheet_name": None if scope is None else sheets[scope],
        "scope_sheet_index": scope,
    }


def payload(path: Path, client: str = CLIENT) -> dict[str, Any]:
    """The JSON a remote client sends for the workbook ``path`` (as it was last saved:
    the cached values stand for what Excel shows)."""
    import python_calamine
    import xlwings

    path = Path(path)
    cal = python_calamine.CalamineWorkbook.from_path(str(path))
    with zipfile.ZipFile(path) as zf:
        parts = _sheet_parts(zf)
        names = [n for n, _ in parts]
        sheets = []
        for name, part in parts:
            grid = cal.get_sheet_by_name(name).to_python(skip_empty_area=False)
            # Excel's used range also covers formatted empty cells: the <dimension>
            dim = re.search(rb'<dimension ref="([^"]+)"', zf.read(part)[:4096])
            n_rows = len(grid)
            n_cols = max((len(r) for r in grid), default=0)
            if dim is not None:
                last = dim.group(1).decode().split(":")[-1]
                r, c = _split(last)
                n_rows, n_cols = max(n_rows, r), max(n_cols, c)
            values = [[_client_value(v) for v in row] + [""] * (n_cols - len(row))
                      for row in grid] + [[""] * n_cols for _ in range(n_rows - len(grid))]
            sheets.append({"name": name, "values": values or [[]], "pictures": [],
                           "tables": []})
        wb = etree.fromstring(zf.read("xl/workbook.xml"))
        entries = []
        for d in wb.iter(NS + "definedName"):
            scope = d.get("localSheetId")
            e = _name_entry(d.get("name"), d.text or "", names,
                            None if scope is None else int(scope))
            if e is not None:
                entries.append(e)
    data = {
        "client": client,
        "version": xlwings.__version__,
        "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1"},
        "names": entries,
        "sheets": sheets,
    }
    return json.loads(json.dumps(data))  # exactly what survives the wire


# --------------------------------------------------------------------------- replay


def _rect(action: dict) -> tuple[int, int, int, int]:
    """(first row, first col, n rows, n cols), 1-based, of an action's range."""
    return (action["start_row"] + 1, action["start_column"] + 1, action["row_count"],
            action["column_count"])


def _excel_value(v: Any) -> tuple[Any, str | None]:
    """What Excel stores for ``range.values = v`` (as if typed): (value, formula).
    A leading ' keeps the rest as text; '=' (or '+'/'-' before a non-number) starts a
    formula; numbers, ISO dates and times and TRUE/FALSE are converted."""
    if not isinstance(v, str):
        return v, None
    if v == "":
        return None, None
    if v.startswith("'"):
        return v[1:], None
    if _NUMBER_RE.match(v):
        return float(v.rstrip("%")) / (100 if v.endswith("%") else 1), None
    if v[0] in "=+-" and len(v) > 1:
        return None, v[1:] if v[0] == "=" else v
    m = _DATE_RE.match(v)
    if m:
        d = dt.datetime.fromisoformat(f"{m.group(1)} {m.group(2) or '00:00'}")
        return (d - dt.datetime(1899, 12, 30)).total_seconds() / 86400, None
    if v.upper() in ("TRUE", "FALSE"):
        return v.upper() == "TRUE", None
    return v, None


def _existing_cells(sh: Any, r1: int, c1: int, r2: int, c2: int) -> Iterator[str]:
    for row in list(sh.data):
        r = int(row.get("r"))
        if r1 <= r <= r2:
            for c in list(row):
                if c1 <= _split(c.get("r"))[1] <= c2:
                    yield c.get("r")


def replay(src: Path, actions: list[dict], out: Path, sheet_names: list[str]) -> list[str]:
    """Apply the remote book's actions to a copy of ``src`` written to ``out``, the way the
    client applies them to the open workbook. Returns the action kinds applied, in order."""
    from xlpokja.hosts.headless.package import Package

    shutil.copy(src, out)
    pkg = Package(out)
    sheets: dict[str, Any] = {}

    def sheet(pos: int) -> Any:
        name = sheet_names[pos]
        if name not in sheets:
            sheets[name] = pkg.sheet(name)
        return sheets[name]

    kinds = []
    for a in actions:
        func = a["func"]
        kinds.append(func)
        if func in ("setValues", "setFormula"):
            sh = sheet(a["sheet_position"])
            r0, c0, nr, nc = _rect(a)
            values = a["values"]
            if not isinstance(values, list):  # a scalar fills the range
                values = [[values] * nc for _ in range(nr)]
            assert len(values) == nr and all(len(r) == nc for r in values), a
            for i, row in enumerate(values):
                for j, v in enumerate(row):
                    ref = f"{col_letter(c0 + j)}{r0 + i}"
                    value, formula = _excel_value(v)
                    if formula is not None:
                        sh.set(ref, None, formula)  # no cached value: Excel computes it
                    elif value is None and sh.cell(r0 + i, c0 + j, create=False) is None:
                        continue
                    else:
                        sh.set(ref, value, keep_formula=False)
        elif func == "rangeClearContents":
            sh = sheet(a["sheet_position"])
            r0, c0, nr, nc = _rect(a)
            for ref in _existing_cells(sh, r0, c0, r0 + nr - 1, c0 + nc - 1):
                sh.set(ref, None, keep_formula=False)
        elif func == "namesAdd":
            name, refers_to = a["args"][:2]
            assert a["sheet_position"] is None, a  # book-scoped names only
            pkg.set_defined_name(name, refers_to.lstrip("="))
        elif func == "setNameRefersTo":
            name, book_scope, _scope_index, refers_to = a["args"]
            assert book_scope, a
            pkg.set_defined_name(name, refers_to.lstrip("="))
        else:
            raise AssertionError(f"action the replay does not know: {func} ({a})")
    for sh in sheets.values():
        # SheetXml.set marks its part changed only when it writes a value, not when it
        # clears one: a sheet whose only edits are clears would be saved unchanged
        sh.touch()
    pkg.save(out)
    return kinds


# ------------------------------------------------------------------------- compare


def cells(path: Path) -> dict[tuple[str, str], tuple[str, Any]]:
    """Every non-empty cell of every sheet: ("f", formula) for a formula cell, else
    ("v", value) with the value as calamine reads it (numbers as float)."""
    import python_calamine

    cal = python_calamine.CalamineWorkbook.from_path(str(path))
    out: dict[tuple[str, str], tuple[str, Any]] = {}
    with zipfile.ZipFile(path) as zf:
        for name, part in _sheet_parts(zf):
            root = etree.fromstring(zf.read(part))
            formulas = {}
            for c in root.iter(NS + "c"):
                f = c.find(NS + "f")
                if f is not None and f.text:
                    formulas[c.get("r")] = f.text
            grid = cal.get_sheet_by_name(name).to_python(skip_empty_area=False)
            for i, row in enumerate(grid):
                for j, v in enumerate(row):
                    ref = f"{col_letter(j + 1)}{i + 1}"
                    if ref not in formulas and v not in ("", None):
                        out[(name, ref)] = ("v", float(v) if isinstance(v, int) and not
                                            isinstance(v, bool) else v)
            for ref, f in formulas.items():
                out[(name, ref)] = ("f", f)
    return out


def defined_names(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as zf:
        wb = etree.fromstring(zf.read("xl/workbook.xml"))
    return {d.get("name"): d.text for d in wb.iter(NS + "definedName")
            if d.get("localSheetId") is None}
