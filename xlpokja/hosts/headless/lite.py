"""The xlwings Lite flavour of a workbook, written by ``xlpokja build`` beside the VBA.

xlwings Lite (an Office add-in, store id ``wa200008175``) keeps its code in the workbook, as
Office web-extension settings. The parts, as Lite itself saves them (public workbooks saved by
Lite, e.g. repository amararun/xlwings-lite-apps-codes-docs, and xlwings' docs):

* ``xl/webextensions/webextension1.xml``: ``<we:webextension>`` with the add-in reference and
  ``<we:property name="main.py" value="…">`` / ``requirements.txt``, each value the file's text
  as a JSON string. ``Office.AutoShowTaskpaneWithDocument`` = ``true`` (Microsoft's documented
  way to open an add-in's task pane with the document) makes Excel start Lite, or offer to
  install it, when the workbook opens, so the sheet buttons work at once. ``pyodideVersion``
  and ``addinVersion``, which Lite records when it saves, are left to Lite.
* ``xl/webextensions/taskpanes.xml`` (``visibility="1"``) and its relationship to the
  web extension; the package relationship ``…/2011/relationships/webextensiontaskpanes``; the
  two content-type overrides.
* a Lite **sheet button** is a DrawingML shape whose hyperlink points at the cell it covers
  (``#Sheet!K3``); Lite runs the script declared ``@script(button="[Shape]Sheet!K3")`` when
  that cell gets selected. One shape per VBA button, to the right of the sheet's VBA buttons,
  captioned "<caption> / (xlwings Lite)" (the VBA button keeps its caption). They go into
  the sheet's drawing (beside its charts) or a new one; the VML form buttons are untouched,
  and their rebuild (:mod:`xlpokja.hosts.headless.buttons`) leaves these shapes alone.

``main.py`` is short and readable at the top (one ``@script`` per sheet button, one ``@func``
per UDF of :mod:`xlpokja.udfs`); below it, the part of this package the buttons need (the
import closure of :mod:`xlpokja.hosts.lite` and the instruments: no headless host, no
builders) as a zip (fixed timestamps, sorted entries: the same build gives the same bytes),
base64-encoded, written to a temporary file and imported with ``zipimport``. Its
``requirements.txt`` lists xlwings (the version the tests ran) and the third-party packages
that code imports, each one Pyodide installs (:data:`PYODIDE_PACKAGES`).
"""

from __future__ import annotations

import base64
import io
import json
import re
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from xlpokja.actions import ACTION_OF_MACRO
from xlpokja.hosts.bundle import NOT_ON_ACTION_PATH, PACKAGE_DIR, module_files
from xlpokja.hosts.bundle import closure as closure_of
from xlpokja.hosts.headless.buttons import DRAWING_REL, MC, REL, XDR, _Grid
from xlpokja.hosts.headless.package import NS, PKG_RNS, RNS, Package, parse_xml, rels_part
from xlpokja.layout.base import Button, col_letter

#: actions that read files from a folder: xlwings Lite runs in the browser's sandbox, where
#: Python has no file system of the person's machine (use the VBA button or the CLI)
NO_FILES = ("gabung",)

ADDIN_ID = "wa200008175"  # xlwings Lite in Microsoft's add-in store (AppSource)
WE_NS = "http://schemas.microsoft.com/office/webextensions/webextension/2010/11"
WETP_NS = "http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
TASKPANES_REL = "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes"
WEBEXTENSION_REL = "http://schemas.microsoft.com/office/2011/relationships/webextension"
HYPERLINK_REL = REL + "hyperlink"
TASKPANES_PART = "xl/webextensions/taskpanes.xml"
WEBEXTENSION_PART = "xl/webextensions/webextension1.xml"
TASKPANES_TYPE = "application/vnd.ms-office.webextensiontaskpanes+xml"
WEBEXTENSION_TYPE = "application/vnd.ms-office.webextension+xml"
DRAWING_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml"

#: the xlwings Lite runs: the version whose remote engine and dispatchers the tests ran
XLWINGS_VERSION = "0.37.8"
#: third-party imports the embedded code may make -> its requirements.txt line. Only
#: packages Pyodide installs (its own builds, or pure-Python wheels); anything else fails
#: the build.
PYODIDE_PACKAGES = {"numpy": "numpy"}
#: modules Lite itself provides
PROVIDED = {"xlwings", "js", "pyodide", "micropip"}
#: where the embedded code starts; every instrument is added (loaded by name)
ROOTS = ("xlpokja.hosts.lite", "xlpokja.hosts.excel", "xlpokja.actions", "xlpokja.udfs")
GAP = 6.0  # points between the VBA buttons and the Lite ones
EMU = 12700  # per point
PX_EMU = 9525  # per pixel
CAPTION = "(xlwings Lite)"



# ------------------------------------------------------------------ the embedded package


def closure() -> tuple[list[str], set[str], set[str]]:
    """(embedded xlpokja modules, sorted; third-party top-level modules they import when
    loaded; those imported only inside functions): :func:`xlpokja.hosts.bundle.closure` of
    :data:`ROOTS`, without what Lite provides."""
    names, eager, lazy = closure_of(ROOTS)
    return names, eager - PROVIDED, lazy - PROVIDED - eager


def bundle() -> bytes:
    """The embedded modules as a zip: sorted entries, fixed timestamps and attributes."""
    files = module_files()
    names, _, _ = closure()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for rel in sorted(str(files[n].relative_to(PACKAGE_DIR.parent).as_posix())
                          for n in names):
            info = zipfile.ZipInfo(rel, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, (PACKAGE_DIR.parent / rel).read_bytes(), compresslevel=9)
    return buf.getvalue()


def requirements() -> str:
    """``requirements.txt``: xlwings and what the embedded code imports (Pyodide's builds).
    A third-party import inside a function that no button reaches is allowed when it is
    listed in :data:`NOT_ON_ACTION_PATH` (the Lite tests run the buttons with those
    packages blocked)."""
    _, eager, lazy = closure()
    unknown = sorted((eager - set(PYODIDE_PACKAGES)) |
                     (lazy - set(PYODIDE_PACKAGES) - set(NOT_ON_ACTION_PATH)))
    if unknown:
        raise RuntimeError(f"xlwings Lite: the embedded code imports {unknown}, which are not "
                           "known to install under Pyodide (PYODIDE_PACKAGES)")
    used = sorted(PYODIDE_PACKAGES[m] for m in (eager | lazy) & set(PYODIDE_PACKAGES))
    return "\n".join([f"xlwings=={XLWINGS_VERSION}", *used]) + "\n"


# ------------------------------------------------------------------------- the buttons


@dataclass(frozen=True)
class LiteButton:
    """One Lite sheet button: the script it runs and the shape that runs it."""

    script: str  # the Python function's name in main.py
    action: str  # of xlpokja.actions
    sheet: str
    shape: str  # the shape's name
    cell: str  # the cell it covers and links to
    text: str  # caption of the VBA button it stands beside
    left: float
    top: float
    width: float
    height: float

    @property
    def button(self) -> str:
        """The ``@script(button=…)`` reference."""
        return f"[{self.shape}]{self.sheet}!{self.cell}"

    @property
    def target(self) -> str:
        """The shape's hyperlink (a location in this workbook)."""
        return f"#{self.sheet}!{self.cell}"


def _cell_at(grid: _Grid, x_pt: float, y_pt: float) -> str:
    c, _ = grid._at(grid.col_px, x_pt * 4 / 3)
    r, _ = grid._at(grid.row_px, y_pt * 4 / 3)
    return f"{col_letter(c + 1)}{r + 1}"


def lite_buttons(pkg: Package, buttons: tuple[Button, ...] | list[Button]) -> list[LiteButton]:
    """The Lite buttons of a template: to the right of each sheet's VBA buttons, in the same
    arrangement; each linked to the cell under its centre (one cell per button)."""
    by_sheet: dict[str, list[Button]] = {}
    for b in buttons:
        by_sheet.setdefault(b.sheet, []).append(b)
    out: list[LiteButton] = []
    names: set[str] = set()
    for sheet, group in by_sheet.items():
        if not re.fullmatch(r"[A-Za-z]\w*", sheet):
            raise ValueError(f"xlwings Lite button reference: sheet name {sheet!r} would need "
                             "quoting")
        grid = _Grid(pkg.parts[pkg.sheet_paths[sheet]])
        left0 = min(b.left for b in group)
        right = max(b.left + b.width for b in group)
        cells: set[str] = set()
        for i, b in enumerate(group, start=1):
            action = ACTION_OF_MACRO[b.macro]
            if action in NO_FILES:
                continue
            left = right + GAP + (b.left - left0)
            cell = _cell_at(grid, left + b.width / 2, b.top + b.height / 2)
            if cell in cells:
                raise ValueError(f"xlwings Lite: two buttons on {sheet} would link to {cell}")
            cells.add(cell)
            script = f"{action}_{sheet.lower()}"
            while script in names:
                script += "_"
            names.add(script)
            out.append(LiteButton(script, action, sheet, f"Lite{b.macro}{i}", cell, b.text,
                                  left, b.top, b.width, b.height))
    return out


def _shape_xml(lb: LiteButton, shape_id: int, rid: str, grid: _Grid) -> str:
    c1, dx1, r1, dy1, c2, dx2, r2, dy2 = (
        int(v) for v in grid.anchor(lb.left, lb.top, lb.width, lb.height).split(", "))

    def corner(tag: str, c: int, dx: int, r: int, dy: int) -> str:
        return (f"<xdr:{tag}><xdr:col>{c}</xdr:col><xdr:colOff>{dx * PX_EMU}</xdr:colOff>"
                f"<xdr:row>{r}</xdr:row><xdr:rowOff>{dy * PX_EMU}</xdr:rowOff></xdr:{tag}>")

    def run(text: str, bold: bool) -> str:
        return (f'<a:p><a:pPr algn="ctr"/><a:r><a:rPr lang="id-ID" sz="900" b="{int(bold)}">'
                '<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></a:rPr>'
                f"<a:t>{escape(text)}</a:t></a:r></a:p>")

    descr = f"{lb.text} (xlwings Lite): jalankan {lb.script} di main.py"
    return (
        f'<xdr:twoCellAnchor editAs="absolute">{corner("from", c1, dx1, r1, dy1)}'
        f'{corner("to", c2, dx2, r2, dy2)}'
        f'<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="{shape_id}" '
        f'name={quoteattr(lb.shape)} descr={quoteattr(descr)}>'
        f'<a:hlinkClick r:id="{rid}" tooltip={quoteattr(lb.text + " " + CAPTION)}/>'
        '</xdr:cNvPr><xdr:cNvSpPr/></xdr:nvSpPr>'
        f'<xdr:spPr><a:xfrm><a:off x="{round(lb.left * EMU)}" y="{round(lb.top * EMU)}"/>'
        f'<a:ext cx="{round(lb.width * EMU)}" cy="{round(lb.height * EMU)}"/></a:xfrm>'
        '<a:prstGeom prst="roundRect"><a:avLst/></a:prstGeom>'
        '<a:solidFill><a:srgbClr val="1E6B52"/></a:solidFill><a:ln><a:noFill/></a:ln>'
        '</xdr:spPr><xdr:txBody><a:bodyPr vertOverflow="clip" horzOverflow="clip" '
        'lIns="36000" tIns="0" rIns="36000" bIns="0" rtlCol="0" anchor="ctr"/><a:lstStyle/>'
        f"{run(lb.text, True)}{run(CAPTION, False)}</xdr:txBody></xdr:sp>"
        '<xdr:clientData fPrintsWithSheet="0"/></xdr:twoCellAnchor>')


#: worksheet children that come after ``<drawing>`` (CT_Worksheet order)
_AFTER_DRAWING = ("legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects",
                  "controls", "webPublishItems", "tableParts", "extLst")


def _drawing_of(pkg: Package, sheet_part: str) -> str:
    """The sheet's DrawingML drawing part, created (and referenced in CT_Worksheet order)
    when the sheet has none."""
    for _rid, rtype, target, _el in pkg.rels(sheet_part):
        if rtype == DRAWING_REL and target in pkg.parts:
            return target
    part = pkg.unused_name("xl/drawings/drawing%d.xml")
    pkg.add_part(part, (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                        f'<xdr:wsDr xmlns:xdr="{XDR}" xmlns:a="{A_NS}"/>').encode(),
                 DRAWING_TYPE)
    rid = pkg.add_rel(sheet_part, DRAWING_REL, part)
    root = pkg.xml(sheet_part)
    el = etree.Element(f"{{{NS}}}drawing", nsmap={"r": RNS})
    el.set(f"{{{RNS}}}id", rid)
    for i, child in enumerate(root):
        if not isinstance(child.tag, str):
            continue
        local = etree.QName(child).localname
        if local in _AFTER_DRAWING or child.tag == f"{{{MC}}}AlternateContent":
            root.insert(i, el)
            break
    else:
        root.append(el)
    pkg.touch(sheet_part)
    return part


def _add_location_rel(pkg: Package, part: str, target: str) -> str:
    """A hyperlink relationship of ``part`` to a location in this workbook (``#Sheet!A1``,
    written as Excel writes a shape's link: no TargetMode)."""
    return pkg.add_rel(part, HYPERLINK_REL, target, as_is=True)


def _add_shapes(pkg: Package, lite: list[LiteButton]) -> None:
    by_sheet: dict[str, list[LiteButton]] = {}
    for lb in lite:
        by_sheet.setdefault(lb.sheet, []).append(lb)
    for sheet, group in by_sheet.items():
        sheet_part = pkg.sheet_paths[sheet]
        grid = _Grid(etree.tostring(pkg.xml(sheet_part)))
        drawing = _drawing_of(pkg, sheet_part)
        root = pkg.xml(drawing)
        ids = [int(e.get("id")) for e in root.iter(f"{{{XDR}}}cNvPr")
               if (e.get("id") or "").isdigit()]
        next_id = max(ids, default=1) + 1
        for lb in group:
            rid = _add_location_rel(pkg, drawing, lb.target)
            xml = (f'<xdr:wsDr xmlns:xdr="{XDR}" xmlns:a="{A_NS}" xmlns:r="{RNS}">'
                   f"{_shape_xml(lb, next_id, rid, grid)}</xdr:wsDr>")
            root.append(etree.fromstring(xml)[0])
            next_id += 1
        pkg.touch(drawing)


# --------------------------------------------------------------------------- main.py


def _udf_wrappers() -> str:
    from xlpokja.udfs import REGISTRY

    out = []
    for name, spec in sorted(REGISTRY.items()):
        fn = spec.func.__name__
        args = ", ".join(a.name for a in spec.args)
        decos = "".join(
            f"@arg({a.name!r}, {'ndim=2, ' if a.kind == 'range' else ''}doc={a.doc!r})\n"
            for a in spec.args)
        out.append(f'@func\n{decos}def {fn}({args}):\n    """{spec.doc}"""\n'
                   f"    return _xlpokja().udfs.{fn}({args})\n")
    return "\n\n".join(out)


def main_py(template: Any, lite: list[LiteButton], title: str) -> str:
    """The workbook's ``main.py`` for xlwings Lite."""
    import xlpokja

    payload = base64.b64encode(bundle()).decode()
    lines = [payload[i:i + 96] for i in range(0, len(payload), 96)]
    scripts = "\n\n".join(
        f'@script(button={lb.button!r}, show_taskpane=True)\n'
        f"async def {lb.script}(book: xw.Book):\n"
        f'    """{lb.text}: tombol "{lb.text} {CAPTION}" di sheet {lb.sheet}."""\n'
        f"    await _xlpokja().tombol(book, {lb.action!r})\n" for lb in lite)
    head = f"xlpokja {xlpokja.__version__}: {title} ({template.TEMPLATE_ID}), untuk xlwings Lite."
    return f'''"""{head}

Ditulis oleh `xlpokja build`; jangan diubah di sini (build berikutnya menimpanya).
Tekan tombol hijau berlabel "{CAPTION}" di sheet. Hasil dan pesan tampil di sheet
Masalah dan di panel xlwings Lite. Kode di bawah: satu @script per tombol, satu @func
per fungsi (UDF), lalu paket xlpokja sendiri (zip, base64) yang dipakai semuanya.
"""

import base64
import hashlib
import os
import sys
import tempfile

import xlwings as xw
from xlwings import arg, func, script


{scripts}

{_udf_wrappers()}

# ------------------------------------------------------------------ paket xlpokja


class _Paket:
    """xlpokja, imported once from the zip below."""

    def __init__(self):
        data = base64.b64decode("".join(_ZIP))
        name = f"xlpokja-{{hashlib.sha256(data).hexdigest()[:16]}}.zip"
        path = os.path.join(tempfile.gettempdir(), name)
        if not os.path.exists(path):
            with open(path + ".part", "wb") as fh:
                fh.write(data)
            os.replace(path + ".part", path)
        if path not in sys.path:
            sys.path.insert(0, path)
        from xlpokja import udfs
        from xlpokja.hosts import lite

        self.udfs, self.tombol = udfs, lite.tombol


def _xlpokja():
    global _PAKET
    if _PAKET is None:
        _PAKET = _Paket()
    return _PAKET


_PAKET = None
_ZIP = (
{chr(10).join(f'    "{ln}"' for ln in lines)}
)
'''


# ----------------------------------------------------------------- the extension parts


def _webextension_xml(file_name: str, main: str, reqs: str) -> bytes:
    guid = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"xlpokja:{file_name}")).upper() + "}"
    props = [("main.py", json.dumps(main, ensure_ascii=False)),
             ("requirements.txt", json.dumps(reqs, ensure_ascii=False)),
             ("Office.AutoShowTaskpaneWithDocument", "true")]
    prop_xml = "".join(f"<we:property name={quoteattr(n)} value={quoteattr(v)}/>"
                       for n, v in props)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<we:webextension xmlns:we="{WE_NS}" id="{guid}">'
            f'<we:reference id="{ADDIN_ID}" version="1.0.0.0" store="en-US" storeType="OMEX"/>'
            f'<we:alternateReferences><we:reference id="{ADDIN_ID}" version="1.0.0.0" '
            f'store="{ADDIN_ID.upper()}" storeType="OMEX"/></we:alternateReferences>'
            f"<we:properties>{prop_xml}</we:properties><we:bindings/>"
            f'<we:snapshot xmlns:r="{RNS}"/></we:webextension>').encode()


def _taskpanes_xml() -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<wetp:taskpanes xmlns:wetp="{WETP_NS}"><wetp:taskpane dockstate="right" '
            'visibility="1" width="400" row="0">'
            f'<wetp:webextensionref xmlns:r="{RNS}" r:id="rId1"/></wetp:taskpane>'
            "</wetp:taskpanes>").encode()


def _title(pkg: Package) -> str:
    """The workbook's title (``dc:title`` of the core properties)."""
    if "docProps/core.xml" not in pkg.parts:
        return ""
    root = pkg.xml("docProps/core.xml")
    return root.findtext("{http://purl.org/dc/elements/1.1/}title") or ""


def add(pkg: Package, template: Any, file_name: str) -> list[LiteButton]:
    """Write the Lite flavour into ``pkg`` (a freshly built workbook, saved as
    ``file_name``): the web-extension parts and the Lite sheet buttons. Returns the
    buttons."""
    if WEBEXTENSION_PART in pkg.parts or TASKPANES_PART in pkg.parts:
        raise ValueError("the workbook already holds web-extension parts")
    lite = lite_buttons(pkg, template.BUTTONS)
    _add_shapes(pkg, lite)
    main = main_py(template, lite, _title(pkg) or template.TEMPLATE_ID)
    pkg.add_part(WEBEXTENSION_PART, _webextension_xml(file_name, main,
                                                      requirements()), WEBEXTENSION_TYPE)
    pkg.add_part(TASKPANES_PART, _taskpanes_xml(), TASKPANES_TYPE)
    pkg.add_part(rels_part(TASKPANES_PART),
                 ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  f'<Relationships xmlns="{PKG_RNS}"><Relationship Id="rId1" '
                  f'Type="{WEBEXTENSION_REL}" Target="webextension1.xml"/></Relationships>'
                  ).encode())
    pkg.add_rel("", TASKPANES_REL, TASKPANES_PART, as_is=True)
    return lite


def properties(path: Path) -> dict[str, str] | None:
    """The Lite files stored in a workbook (``main.py``, ``requirements.txt``… -> text), read
    safely (no DTD, no entities); ``None`` when the workbook has no Lite part."""
    with zipfile.ZipFile(path) as zf:
        if WEBEXTENSION_PART not in zf.namelist():
            return None
        root = parse_xml(zf.read(WEBEXTENSION_PART), WEBEXTENSION_PART, Path(path))
    out = {}
    for p in root.iter(f"{{{WE_NS}}}property"):
        value = p.get("value", "")
        try:
            out[p.get("name", "")] = json.loads(value)
        except ValueError:
            out[p.get("name", "")] = value
    return out


__all__ = ["ADDIN_ID", "LiteButton", "PYODIDE_PACKAGES", "XLWINGS_VERSION", "add", "bundle",
           "closure", "lite_buttons", "main_py", "properties", "requirements"]
