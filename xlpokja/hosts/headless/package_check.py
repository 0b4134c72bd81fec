"""The package as Excel opens it, before any formula: what Excel refuses or repairs.

:func:`check_package` looks at an opened :class:`~xlpokja.hosts.headless.package.Package` (or a
path) and returns one :class:`~xlpokja.core.problems.Problem` per finding. Each names the
part (``sheet``: the part name, with the sheet name for worksheets, e.g.
``xl/worksheets/sheet3.xml (Jawaban)``) and the element (``cell``: e.g. ``<c r="B7">`` or
``<definedName name="_xlnm.Print_Titles" localSheetId="1">``), with a stable code
(``PAKET_…``, messages in :data:`xlpokja.core.problems.MESSAGES`):

=============================  ==========================================================
``PAKET_XML_RUSAK``            a part is not well-formed XML, or declares a DOCTYPE
``PAKET_TIPE_KONTEN``          ``/xl/workbook.xml`` has the wrong content type for the file
                               extension (``.xlsm`` needs the macro-enabled type); a part
                               has no content type; a relationship target (worksheet,
                               drawing, VBA project…) declared with another type
``PAKET_VBA_HILANG``           an ``.xlsm`` without ``xl/vbaProject.bin`` or without its
                               relationship: the macros and the buttons are gone
``PAKET_URUTAN_BARIS``         ``<row>`` not in strictly increasing order, or out of range
``PAKET_URUTAN_SEL``           ``<c>`` not in strictly increasing column order inside its
                               row, in another row than its ``r`` says, or out of range
``PAKET_NAMA_TIDAK_SAH``       defined-name syntax (Excel's rules), or ``localSheetId`` out
                               of range
``PAKET_NAMA_GANDA``           two defined names with one name (case-insensitive) in one
                               scope, e.g. two ``_xlnm.Print_Titles`` for one sheet
``PAKET_TARGET_HILANG``        an internal relationship whose target part does not exist;
                               an ``r:id`` not found in the part's relationships
``PAKET_ID_RELASI_GANDA``      two relationships with one ``Id`` in one ``.rels`` part
``PAKET_ID_SHEET_GANDA``       two ``<sheet>`` with one ``sheetId``
``PAKET_NAMA_SHEET``           two sheets with one name (case-insensitive), or a sheet name
                               Excel does not accept
``PAKET_ID_BENTUK``            form controls: ``shapeId`` not unique in the workbook, not
                               matched by a VML ``o:spid`` (or a drawing ``cNvPr id``), VML
                               ``o:idmap`` blocks shared by two drawings, a shape outside its
                               drawing's block, one ``o:spid`` in two places
``PAKET_VALIDASI_PANJANG``     a data-validation ``<formula1>``/``<formula2>`` > 255 chars
``PAKET_RUMUS_PANJANG``        a cell formula ``<f>`` > 8,192 characters
``PAKET_TEKS_PANJANG``         a cell text (inline, formula result or shared string) > 32,767
``PAKET_ANGKA_TIDAK_SAH``      a number cell whose ``<v>`` is NaN, infinite or not a number
``PAKET_TEKS_BERSAMA_HILANG``  a ``t="s"`` cell pointing past the shared-string table
``PAKET_TEMUAN_LAIN``          more findings of one code in one part than ``limit``: counted
=============================  ==========================================================

Worksheets and the shared-string table are read with ``lxml.etree.iterparse`` (no DTD, no
entities, no network), clearing every row once checked, so memory stays bounded by one row
whatever the sheet size (about 1 s for a 10,000-row questionnaire). VML is read as text
(Excel's VML is not always well-formed XML). Every finding is an error for
``xlpokja check``; ``recalc`` may list them as warnings (:func:`as_warnings`).
"""

from __future__ import annotations

import dataclasses
import io
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lxml import etree

from xlpokja.core.problems import WARNING, Problem
from xlpokja.core.values import MAX_TEXT
from xlpokja.hosts.headless.package import (
    CT_NS,
    MC_NS,
    NS,
    PKG_RNS,
    RNS,
    WORKBOOK_TYPES,
    XDR_NS,
    Package,
    rels_part,
    rels_source,
    resolve,
)
from xlpokja.layout.base import col_index

X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
MC, XDR = MC_NS, XDR_NS
Q = f"{{{NS}}}"
R_ID = f"{{{RNS}}}id"

CONTENT_TYPES = "[Content_Types].xml"
WORKBOOK = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
PACKAGE_RELS = "_rels/.rels"
SHARED_STRINGS = "xl/sharedStrings.xml"
VBA_PART = "xl/vbaProject.bin"

#: the workbook part's content type by file extension (the writer's table, plus add-ins)
MAIN_TYPES = {**WORKBOOK_TYPES,
              ".xlam": "application/vnd.ms-excel.addin.macroEnabled.main+xml"}
MACRO_EXTENSIONS = {".xlsm", ".xltm", ".xlam"}

_OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
# relationship type -> the content type its target must have (only types we are sure of)
REL_TARGET_TYPES = {
    _OD + "worksheet":
        "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
    _OD + "styles": "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
    _OD + "sharedStrings":
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
    _OD + "theme": "application/vnd.openxmlformats-officedocument.theme+xml",
    _OD + "drawing": "application/vnd.openxmlformats-officedocument.drawing+xml",
    _OD + "vmlDrawing": "application/vnd.openxmlformats-officedocument.vmlDrawing",
    _OD + "chart": "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
    _OD + "ctrlProp": "application/vnd.ms-excel.controlproperties+xml",
    _OD + "extended-properties":
        "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    _OD + "custom-properties":
        "application/vnd.openxmlformats-officedocument.custom-properties+xml",
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties":
        "application/vnd.openxmlformats-package.core-properties+xml",
    "http://schemas.microsoft.com/office/2006/relationships/vbaProject":
        "application/vnd.ms-office.vbaProject",
}
VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
WORKSHEET_REL = _OD + "worksheet"

# Excel's limits (specifications and limits; hosts.md §1)
MAX_FORMULA = 8192
MAX_DV_FORMULA = 255
MAX_NAME = 255
MAX_ROW = 1048576
MAX_COL = 16384
MAX_SHEET_NAME = 31

LIMIT = 100  # findings reported one by one per (code, part); the rest are counted

_CELL_REF = re.compile(r"^([A-Za-z]{1,3})(\d+)$")
_NAME_SYNTAX = re.compile(r"^[^\W\d][\w.\\?]*$|^\\[\w.\\?]*$")
_R1C1 = re.compile(r"^[Rr]\d*([Cc]\d*)?$|^[Cc]\d*$")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
_VML_SPID = re.compile(rb"""\bo:spid\s*=\s*["']_x0000_s(\d+)["']""")
_VML_IDMAP = re.compile(rb"""<o:idmap\b[^>]*?\bdata\s*=\s*["']([^"']*)["']""")
_CONTROL_RE = re.compile(rb"""<(?:\w+:)?control\b[^>]*?\bshapeId\s*=\s*["'](\d+)["']""")

_Q_C, _Q_V, _Q_F, _Q_IS, _Q_T, _Q_RPH = (Q + "c", Q + "v", Q + "f", Q + "is", Q + "t",
                                       Q + "rPh")
_DIGITS = "0123456789"


class _Columns(dict):
    """"A" -> 1 … "XFD" -> 16384, filled as letters are met (``None`` for what is not a
    column of Excel's grid)."""

    def __missing__(self, letters: str) -> int | None:
        ok = 0 < len(letters) <= 3 and letters.isascii() and letters.isalpha() and letters.isupper()
        col = col_index(letters) if ok else 0
        self[letters] = value = col if 0 < col <= MAX_COL else None
        return value


_COLUMNS = _Columns()

_ITER_OPTS = {"resolve_entities": False, "no_network": True, "load_dtd": False,
              "dtd_validation": False, "huge_tree": True}
_PARSER = etree.XMLParser(**_ITER_OPTS)


def as_warnings(problems: Iterable[Problem]) -> list[Problem]:
    """The same findings with severity ``warning`` (what ``recalc`` lists without refusing)."""
    return [dataclasses.replace(p, severity=WARNING) for p in problems]


def valid_defined_name(name: str) -> str | None:
    """Why Excel refuses ``name`` as a defined name, or ``None`` when it is valid."""
    if not name:
        return "nama kosong"
    if len(name) > MAX_NAME:
        return f"{len(name)} karakter"
    if " " in name:
        return "mengandung spasi"
    if not _NAME_SYNTAX.match(name):
        return "karakter tidak sah"
    m = _CELL_REF.match(name)
    if m and col_index(m.group(1)) <= MAX_COL and 0 < int(m.group(2)) <= MAX_ROW:
        return "sama dengan alamat sel (gaya A1)"
    if _R1C1.match(name):
        return "sama dengan alamat sel (gaya R1C1)"
    return None


def _sheet_name_error(name: str) -> str | None:
    if not name or not name.strip():
        return "nama kosong"
    if len(name) > MAX_SHEET_NAME:
        return f"{len(name)} karakter"
    if _SHEET_NAME_BAD.search(name):
        return "memuat salah satu dari [ ] : * ? / \\"
    if name.startswith("'") or name.endswith("'"):
        return "diawali atau diakhiri tanda kutip tunggal"
    if name.casefold() == "history":
        return "nama 'History' dicadangkan Excel"
    return None


def _attr(value: str) -> str:
    return value.replace('"', "&quot;")


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[:n] + "…"


class _Findings:
    """Problems collected with a cap per (code, part); the rest are only counted."""

    def __init__(self, limit: int | None):
        self.limit = limit
        self.items: list[Problem] = []
        self.count: Counter[tuple[str, str]] = Counter()

    def add(self, code: str, part: str, element: str, expected: str, found: str) -> None:
        key = (code, part)
        self.count[key] += 1
        if self.limit is None or self.count[key] <= self.limit:
            self.items.append(Problem(code, part, element, expected, found))

    def result(self) -> list[Problem]:
        out = list(self.items)
        if self.limit is not None:
            for (code, part), n in self.count.items():
                if n > self.limit:
                    out.append(Problem("PAKET_TEMUAN_LAIN", part, "", code,
                                       f"{n - self.limit} lagi (jumlah {n})"))
        return out


class _Checker:
    def __init__(self, pkg: Any, parts: Iterable[str] | None, extension: str | None,
                 limit: int | None):
        self.pkg = pkg
        self.names: list[str] = [n for n in pkg.parts if not n.endswith("/")]
        # part names compare case-insensitively (OPC): targets are mapped to the zip's name
        self._folded = {n.casefold(): n for n in self.names}
        self.subset = None if parts is None else set(parts)
        path = getattr(pkg, "path", None)
        ext = extension if extension is not None else (Path(path).suffix if path else "")
        self.ext = ("." + ext.lstrip(".")).lower() if ext else ""
        self.out = _Findings(limit)
        self._trees: dict[str, Any] = {}
        self._rels: dict[str, dict[str, tuple[str, str | None, str]]] = {}
        self.sheet_label: dict[str, str] = {}  # worksheet part -> "part (Name)"

    # ------------------------------------------------------------- helpers
    def wanted(self, *names: str) -> bool:
        return self.subset is None or any(n in self.subset for n in names)

    def data(self, name: str) -> bytes:
        """The bytes of a part as they would be saved (a part edited as a tree included)."""
        return self.pkg.part_bytes(name)

    def label(self, part: str) -> str:
        return self.sheet_label.get(part, part)

    def tree(self, name: str) -> Any:
        """A small part parsed (the package's own tree when it has one); ``None`` when
        missing or broken (reported)."""
        if name in self._trees:
            return self._trees[name]
        root = self.pkg.parsed(name)
        if root is not None:
            pass
        elif name in self.pkg.parts:
            try:
                root = etree.fromstring(self.pkg.parts[name], _PARSER)
            except etree.XMLSyntaxError as e:
                self.out.add("PAKET_XML_RUSAK", name, "", "XML yang utuh", str(e))
            else:
                if root.getroottree().docinfo.doctype:
                    self.out.add("PAKET_XML_RUSAK", name, "<!DOCTYPE>", "XML tanpa DOCTYPE",
                                 "DOCTYPE")
                    root = None
        self._trees[name] = root
        return root

    def rels(self, rels_part: str) -> dict[str, tuple[str, str | None, str]]:
        """Id -> (type, resolved target part or None when external/outside, raw target)."""
        if rels_part in self._rels:
            return self._rels[rels_part]
        out: dict[str, tuple[str, str | None, str]] = {}
        root = self.tree(rels_part)
        if root is not None:
            src = rels_source(rels_part)
            for r in root.iter(f"{{{PKG_RNS}}}Relationship"):
                target = r.get("Target", "")
                external = r.get("TargetMode") == "External" or _location(target)
                res = None if external else self.canon(resolve(src, target))
                out.setdefault(r.get("Id", ""), (r.get("Type", ""), res, target))
        self._rels[rels_part] = out
        return out

    def has(self, name: str | None) -> bool:
        return name is not None and name in self.pkg.parts

    def canon(self, name: str | None) -> str | None:
        """The part's name as stored when it exists under another case, else ``name``."""
        if name is None or name in self.pkg.parts:
            return name
        return self._folded.get(name.casefold(), name)

    # ------------------------------------------------------------- checks
    def run(self) -> list[Problem]:
        wb_level = self.wanted(CONTENT_TYPES, PACKAGE_RELS, WORKBOOK, WORKBOOK_RELS)
        sheets = self.workbook(report=wb_level)
        types = self.content_types(report_all=self.wanted(CONTENT_TYPES))
        if wb_level:
            self.vba(types)
        for name in self.names:
            if name.endswith(".rels") and (self.wanted(name) or self.wanted(
                    rels_source(name))):
                self.relationships(name, types)
        if self.wanted(SHARED_STRINGS) and SHARED_STRINGS in self.pkg.parts:
            self.shared_strings()
        controls: dict[str, list[tuple[str, str]]] = defaultdict(list)  # id -> [(part, name)]
        vml_blocks: dict[int, list[str]] = defaultdict(list)
        vml_spids: dict[int, list[str]] = defaultdict(list)
        unchecked = []
        for _name, part in sheets:
            if not self.has(part):
                continue
            sub = {part, rels_part(part)}
            if self.subset is None or sub & self.subset or self._drawings_of(part) & self.subset:
                for sid, cname in self.worksheet(part):
                    controls[sid].append((part, cname))
            else:
                unchecked.append(part)
        if controls:  # controls of the sheets not checked, for workbook-wide uniqueness only
            for part in unchecked:
                data = self.data(part)
                if b"shapeId" not in data:
                    continue
                # read as text; a set, since Excel repeats each control in mc:Fallback
                for sid in sorted({m.group(1).decode() for m in _CONTROL_RE.finditer(data)}):
                    controls[sid].append((part, ""))
        for vml in sorted(n for n in self.names if n.endswith(".vml")):
            blocks, spids = self.vml_ids(vml)
            for b in blocks:
                if vml not in vml_blocks[b]:  # one part visited twice is not a second part
                    vml_blocks[b].append(vml)
            for s in spids:
                vml_spids[s].append(vml)
        for sid, where in sorted(controls.items()):
            if len(where) > 1 and self.wanted(*(p for p, _ in where)):
                parts = ", ".join(self.label(p) for p, _ in where)
                for part, cname in where:
                    self.out.add("PAKET_ID_BENTUK", self.label(part),
                                 f'<control shapeId="{sid}" name="{_attr(cname)}">',
                                 "shapeId unik dalam satu buku kerja",
                                 f"dipakai {len(where)} kali ({parts})")
        for b, where in sorted(vml_blocks.items()):
            if len(where) > 1 and self.wanted(*where):
                for vml in where:
                    self.out.add("PAKET_ID_BENTUK", vml, f'<o:idmap data="{b}">',
                                 "blok id VML tidak dipakai bersama",
                                 f"blok {b} juga di {', '.join(w for w in where if w != vml)}")
        for s, where in sorted(vml_spids.items()):
            if len(where) > 1 and self.wanted(*where):
                for vml in sorted(set(where)):
                    self.out.add("PAKET_ID_BENTUK", vml, f'<v:shape o:spid="_x0000_s{s}">',
                                 "o:spid unik dalam satu buku kerja",
                                 f"dipakai {len(where)} kali ({', '.join(where)})")
        return self.out.result()

    # ------------------------------------------------------------ workbook
    def workbook(self, report: bool) -> list[tuple[str, str]]:
        """(sheet name, worksheet part) in workbook order; checks sheets and names."""
        wb = self.tree(WORKBOOK)
        if wb is None:
            if report and WORKBOOK not in self.pkg.parts:
                self.out.add("PAKET_TARGET_HILANG", WORKBOOK, "", "bagian xl/workbook.xml",
                             "tidak ada")
            return []
        rels = self.rels(WORKBOOK_RELS)
        sheets: list[tuple[str, str]] = []
        ids: dict[str, list[str]] = defaultdict(list)
        names: dict[str, list[str]] = defaultdict(list)
        for s in wb.iter(Q + "sheet"):
            name, sid, rid = s.get("name", ""), s.get("sheetId", ""), s.get(R_ID, "")
            el = f'<sheet name="{_attr(name)}" sheetId="{sid}">'
            ids[sid].append(name)
            names[name.casefold()].append(name)
            why = _sheet_name_error(name)
            if report and why:
                self.out.add("PAKET_NAMA_SHEET", WORKBOOK, el,
                             "nama sheet yang diterima Excel", f"{name!r}: {why}")
            rel = rels.get(rid)
            if rel is None:
                if report:
                    self.out.add("PAKET_TARGET_HILANG", WORKBOOK, el,
                                 f"r:id {rid!r} ada di {WORKBOOK_RELS}", "tidak ada")
                continue
            part = rel[1]
            if part is not None and rel[0] == WORKSHEET_REL:
                self.sheet_label[part] = f"{part} ({name})"
            sheets.append((name, part or ""))
        if report:
            for sid, who in ids.items():
                if len(who) > 1 or not sid.isdigit() or int(sid) < 1:
                    for name in who:
                        self.out.add("PAKET_ID_SHEET_GANDA", WORKBOOK,
                                     f'<sheet name="{_attr(name)}" sheetId="{sid}">',
                                     "sheetId bilangan bulat positif yang unik",
                                     f"sheetId {sid!r} dipakai oleh "
                                     f"{', '.join(map(repr, who))}")
            for who in names.values():
                if len(who) > 1:
                    for name in who:
                        self.out.add("PAKET_NAMA_SHEET", WORKBOOK, f'<sheet name="{_attr(name)}">',
                                     "nama sheet unik (huruf besar/kecil sama)",
                                     f"{', '.join(map(repr, who))}")
            # localSheetId counts every <sheet>, usable or not
            self.defined_names(wb, [s.get("name", "") for s in wb.iter(Q + "sheet")])
        return [(n, p) for n, p in sheets if p]

    def defined_names(self, wb: Any, sheet_names: list[str]) -> None:
        n_sheets = len(sheet_names)
        seen: dict[tuple[str, str | None], list[str]] = defaultdict(list)
        for d in wb.iter(Q + "definedName"):
            name = d.get("name", "")
            scope = d.get("localSheetId")
            el = (f'<definedName name="{_attr(name)}"'
                  + (f' localSheetId="{scope}"' if scope is not None else "") + ">")
            why = valid_defined_name(name)
            if why:
                self.out.add("PAKET_NAMA_TIDAK_SAH", WORKBOOK, el,
                             "nama diawali huruf, _ atau \\, tanpa spasi, bukan alamat sel, "
                             f"paling panjang {MAX_NAME} karakter",
                             f"{_short(name)!r}: {why}")
            if scope is not None and (not scope.isdigit() or int(scope) >= n_sheets):
                self.out.add("PAKET_NAMA_TIDAK_SAH", WORKBOOK, el,
                             f"localSheetId 0..{n_sheets - 1}", repr(scope))
            seen[(name.casefold(), scope)].append(d.text or "")
        for (key, scope), refs in seen.items():
            if len(refs) > 1:
                name = key
                for d in wb.iter(Q + "definedName"):
                    if d.get("name", "").casefold() == key and d.get("localSheetId") == scope:
                        name = d.get("name")
                        break
                el = (f'<definedName name="{_attr(name)}"'
                      + (f' localSheetId="{scope}"' if scope is not None else "") + ">")
                where = ("seluruh buku kerja" if scope is None else
                         f"sheet {sheet_names[int(scope)]!r}" if scope.isdigit()
                         and int(scope) < n_sheets else f"localSheetId {scope}")
                self.out.add("PAKET_NAMA_GANDA", WORKBOOK, el,
                             f"satu nama per cakupan ({where})",
                             f"{len(refs)} kali: {'; '.join(_short(r, 40) for r in refs)}")

    # ------------------------------------------------------ content types
    def content_types(self, report_all: bool) -> dict[str, str]:
        """part name -> content type; reports parts without one and the workbook type."""
        root = self.tree(CONTENT_TYPES)
        if root is None:
            if CONTENT_TYPES not in self.pkg.parts and self.wanted(CONTENT_TYPES):
                self.out.add("PAKET_TIPE_KONTEN", CONTENT_TYPES, "",
                             "bagian [Content_Types].xml", "tidak ada")
            return {}
        defaults = {d.get("Extension", "").lower(): d.get("ContentType", "")
                    for d in root.iter(f"{{{CT_NS}}}Default")}
        overrides = {o.get("PartName", "").lstrip("/").lower(): o.get("ContentType", "")
                     for o in root.iter(f"{{{CT_NS}}}Override")}
        types: dict[str, str] = {}
        for name in self.names:
            if name == CONTENT_TYPES:
                continue
            ct = overrides.get(name.lower())
            if ct is None:
                ext = _extension(name)
                ct = defaults.get(ext.lower())
            if ct is None:
                if report_all or self.wanted(name):
                    self.out.add("PAKET_TIPE_KONTEN", CONTENT_TYPES,
                                 f'<Override PartName="/{_attr(name)}">',
                                 f'tipe konten untuk /{name} (Override, atau Default '
                                 f'Extension="{ext}")', "tidak ada")
                continue
            types[name] = ct
        if self.wanted(CONTENT_TYPES, WORKBOOK) and WORKBOOK in types:
            found = types[WORKBOOK]
            want = MAIN_TYPES.get(self.ext)
            el = f'<Override PartName="/{WORKBOOK}">'
            if want is not None and found != want:
                self.out.add("PAKET_TIPE_KONTEN", CONTENT_TYPES, el,
                             f"{want} (berkas {self.ext})", found)
            elif want is None and found not in MAIN_TYPES.values():
                self.out.add("PAKET_TIPE_KONTEN", CONTENT_TYPES, el,
                             "tipe konten buku kerja Excel", found)
        return types

    def vba(self, types: dict[str, str]) -> None:
        macro = self.ext in MACRO_EXTENSIONS or (
            not self.ext and types.get(WORKBOOK) == MAIN_TYPES[".xlsm"])
        if not macro:
            return
        rels = self.rels(WORKBOOK_RELS)
        vba_rels = [(rid, r) for rid, r in rels.items() if r[0] == VBA_REL]
        el = f'<Relationship Type="{VBA_REL}">'
        if not vba_rels:
            found = ("relasi vbaProject tidak ada" if VBA_PART in self.pkg.parts
                     else f"{VBA_PART} dan relasinya tidak ada")
            self.out.add("PAKET_VBA_HILANG", WORKBOOK_RELS, el,
                         f"{VBA_PART} dengan relasi dari xl/workbook.xml", found)
        elif not any(self.has(r[1]) for _, r in vba_rels):
            rid, r = vba_rels[0]
            self.out.add("PAKET_VBA_HILANG", WORKBOOK_RELS,
                         f'<Relationship Id="{rid}" Target="{_attr(r[2])}">',
                         f"{VBA_PART} dengan relasi dari xl/workbook.xml",
                         f"{r[1] or r[2]} tidak ada")

    # ------------------------------------------------------ relationships
    def relationships(self, rels_part: str, types: dict[str, str]) -> None:
        root = self.tree(rels_part)
        if root is None:
            return
        ids: Counter[str] = Counter()
        src = rels_source(rels_part)
        for r in root.iter(f"{{{PKG_RNS}}}Relationship"):
            rid, target, typ = r.get("Id", ""), r.get("Target", ""), r.get("Type", "")
            ids[rid] += 1
            el = f'<Relationship Id="{rid}" Target="{_attr(target)}">'
            if r.get("TargetMode") == "External" or _location(target):
                continue
            part = self.canon(resolve(src, target))
            if not self.has(part):
                self.out.add("PAKET_TARGET_HILANG", rels_part, el,
                             "bagian yang ada di dalam paket",
                             f"{part or target} tidak ada")
                continue
            want = REL_TARGET_TYPES.get(typ)
            if want is not None and part in types and types[part] != want:
                self.out.add("PAKET_TIPE_KONTEN", CONTENT_TYPES,
                             f'<Override PartName="/{_attr(part)}">', want, types[part])
        for rid, n in ids.items():
            if n > 1:
                self.out.add("PAKET_ID_RELASI_GANDA", rels_part, f'<Relationship Id="{rid}">',
                             "Id unik dalam satu berkas relasi", f"{n} kali")

    # ------------------------------------------------------- shared strings
    def shared_count(self) -> int | None:
        """Strings in the shared-string table (read once, when first needed)."""
        if SHARED_STRINGS not in self.pkg.parts:
            return 0
        if not hasattr(self, "_n_shared"):
            self._n_shared = self.shared_strings(report=False)
        return self._n_shared

    def shared_strings(self, report: bool = True) -> int | None:
        if hasattr(self, "_n_shared"):
            return self._n_shared
        n = 0
        try:
            for _, si in etree.iterparse(io.BytesIO(self.data(SHARED_STRINGS)), events=("end",),
                                         tag=Q + "si", **_ITER_OPTS):
                length = sum(len(t.text or "") for t in si.iter(Q + "t")
                             if t.getparent().tag != Q + "rPh")
                if length > MAX_TEXT and report:
                    self.out.add("PAKET_TEKS_PANJANG", SHARED_STRINGS, f"<si> ke-{n}",
                                 f"paling panjang {MAX_TEXT:,} karakter".replace(",", "."),
                                 f"{length:,} karakter".replace(",", "."))
                n += 1
                si.clear(keep_tail=True)
                while si.getprevious() is not None:
                    del si.getparent()[0]
        except etree.XMLSyntaxError as e:
            if report:
                self.out.add("PAKET_XML_RUSAK", SHARED_STRINGS, "", "XML yang utuh", str(e))
            self._n_shared = None
            return None
        self._n_shared = n
        return n

    # ------------------------------------------------------------ worksheets
    def _drawings_of(self, part: str) -> set[str]:
        rels = self.rels(rels_part(part))
        return {r[1] for r in rels.values() if r[1]}

    def worksheet(self, part: str) -> list[tuple[str, str]]:
        """Rows, cells, limits, data validations, r:ids and form controls of one sheet;
        returns its controls (shapeId, name)."""
        where = self.label(part)
        rels_name = rels_part(part)
        rels = self.rels(rels_name)
        out = self.out
        tags = (Q + "row", Q + "dataValidation", f"{{{X14}}}dataValidation", Q + "control",
                Q + "drawing", Q + "legacyDrawing", Q + "legacyDrawingHF", Q + "hyperlink",
                Q + "tablePart", Q + "picture", Q + "oleObject")
        q_row = Q + "row"
        controls: list[tuple[str, str, str]] = []  # (shapeId, name, r:id)
        drawing = vml = None
        last_row = 0
        it = etree.iterparse(io.BytesIO(self.data(part)), events=("end",), tag=tags,
                             **_ITER_OPTS)
        try:
            for _, el in it:
                tag = el.tag
                if tag == q_row:
                    last_row = self._row(el, where, last_row)
                    el.clear(keep_tail=True)
                    parent = el.getparent()
                    while el.getprevious() is not None:
                        del parent[0]
                elif tag in (Q + "dataValidation", f"{{{X14}}}dataValidation"):
                    self._data_validation(el, where)
                elif tag == Q + "control":
                    if not _in_fallback(el):
                        controls.append((el.get("shapeId", ""), el.get("name", ""),
                                         el.get(R_ID, "")))
                else:
                    rid = el.get(R_ID)
                    local = etree.QName(el).localname
                    if rid is not None:
                        rel = rels.get(rid)
                        e = f'<{local} r:id="{rid}">'
                        if rel is None:
                            out.add("PAKET_TARGET_HILANG", where, e,
                                    f"r:id ada di {rels_name}", "tidak ada")
                        elif local == "drawing":
                            drawing = rel[1]
                        elif local == "legacyDrawing":
                            vml = rel[1]
        except etree.XMLSyntaxError as e:
            out.add("PAKET_XML_RUSAK", where, "", "XML yang utuh", str(e))
            return []
        root = getattr(it, "root", None)
        if root is not None and root.getroottree().docinfo.doctype:
            out.add("PAKET_XML_RUSAK", where, "<!DOCTYPE>", "XML tanpa DOCTYPE", "DOCTYPE")
        if controls:
            self._controls(part, where, controls, rels, rels_name, drawing, vml)
        return [(sid, name) for sid, name, _ in controls]

    def _row(self, row: Any, where: str, last_row: int) -> int:
        """One ``<row>``: its number after ``last_row``, its cells in increasing column
        order, the limits of each cell. Returns the row number. The common case (an ``r``
        on the row and on every cell, in order, small values) takes the fast path; the
        messages are built only for findings."""
        out = self.out
        rr = row.get("r")
        if rr is None:  # legal: the row after the previous one
            rown = last_row + 1
        else:
            rown = int(rr) if rr.isdigit() else -1
            if not 1 <= rown <= MAX_ROW:
                out.add("PAKET_URUTAN_BARIS", where, f'<row r="{rr}">',
                        f"nomor baris 1..{MAX_ROW}", repr(rr))
                rown = -1
            elif rown <= last_row:
                out.add("PAKET_URUTAN_BARIS", where, f'<row r="{rr}">',
                        f"baris setelah {last_row} (naik)",
                        f"baris {rown} sesudah baris {last_row}")
        row_digits = str(rown)
        cols = _COLUMNS
        last_col, last_ref = 0, ""
        for c in row:
            if c.tag != _Q_C:
                continue
            ref = c.get("r")
            if ref is not None:
                letters = ref.rstrip(_DIGITS)
                col = cols[letters]
                if col is None or ref[len(letters):] != row_digits or col <= last_col:
                    col = self._cell_ref_finding(where, ref, row, rown, last_col, last_ref)
            else:
                col = last_col + 1
            last_col, last_ref = col, ref
            t = c.get("t")
            for x in c:
                xt = x.tag
                if xt == _Q_V:
                    v = x.text
                    if not v:
                        continue
                    if t is None or t == "n":
                        if not v.isdigit():
                            try:
                                ok = math.isfinite(float(v))
                            except ValueError:
                                ok = False
                            if not ok:
                                out.add("PAKET_ANGKA_TIDAK_SAH", where,
                                        _cell_el(ref, row, col) + " <v>",
                                        "bilangan berhingga", repr(_short(v)))
                    elif t == "str":
                        if len(v) > MAX_TEXT:
                            out.add("PAKET_TEKS_PANJANG", where,
                                    _cell_el(ref, row, col) + " <v>", _at_most(MAX_TEXT),
                                    _chars(len(v)))
                    elif t == "s" and (n_shared := self.shared_count()) is not None and (
                            not v.isdigit() or int(v) >= n_shared):
                        out.add("PAKET_TEKS_BERSAMA_HILANG", where,
                                _cell_el(ref, row, col) + " <v>",
                                (f"indeks 0..{n_shared - 1} di {SHARED_STRINGS}" if n_shared
                                 else f"{SHARED_STRINGS} yang memuat teks"),
                                repr(_short(v)))
                elif xt == _Q_F:
                    f = x.text
                    if f and len(f) > MAX_FORMULA:
                        out.add("PAKET_RUMUS_PANJANG", where, _cell_el(ref, row, col) + " <f>",
                                _at_most(MAX_FORMULA), _chars(len(f)))
                elif xt == _Q_IS:
                    length = sum(len(tt.text or "") for tt in x.iter(_Q_T)
                                 if tt.getparent().tag != _Q_RPH)
                    if length > MAX_TEXT:
                        out.add("PAKET_TEKS_PANJANG", where, _cell_el(ref, row, col) + " <is>",
                                _at_most(MAX_TEXT), _chars(length))
        return rown if rown > 0 else last_row

    def _cell_ref_finding(self, where: str, ref: str, row: Any, rown: int, last_col: int,
                          last_ref: str | None) -> int:
        """The slow path of :meth:`_row`: report what is wrong with cell ``ref`` (out of
        range, in another row, not after the previous cell) and return its column."""
        cel = f'<c r="{ref}">'
        m = _CELL_REF.match(ref)
        col = col_index(m.group(1).upper()) if m else 0
        if m is None or not 1 <= col <= MAX_COL or not 1 <= int(m.group(2)) <= MAX_ROW:
            self.out.add("PAKET_URUTAN_SEL", where, cel, "alamat sel A1..XFD1048576",
                         repr(ref))
            return last_col + 1
        if rown > 0 and int(m.group(2)) != rown:
            self.out.add("PAKET_URUTAN_SEL", where, cel, f"sel di dalam baris {rown}",
                         f"{ref} di dalam {_row_el(row)}")
        if col <= last_col:
            prev = last_ref if last_ref else f"<c> ke-{last_col} (tanpa r)"
            self.out.add("PAKET_URUTAN_SEL", where, cel,
                         f"kolom naik di {_row_el(row)}: sesudah {prev}",
                         f"{ref} sesudah {prev}")
        return col

    def _data_validation(self, dv: Any, where: str) -> None:
        x14 = dv.tag.startswith(f"{{{X14}}}")
        sqref = dv.get("sqref")
        if sqref is None:
            sq = dv.find("{http://schemas.microsoft.com/office/excel/2006/main}sqref")
            sqref = sq.text if sq is not None else ""
        ns = f"{{{X14}}}" if x14 else Q
        prefix = "x14:" if x14 else ""
        for which in ("formula1", "formula2"):
            f = dv.find(ns + which)
            if f is None:
                continue
            text = "".join(f.itertext()) if x14 else (f.text or "")
            if len(text) > MAX_DV_FORMULA:
                self.out.add("PAKET_VALIDASI_PANJANG", where,
                             f'<{prefix}dataValidation sqref="{sqref}"> <{prefix}{which}>',
                             f"paling panjang {MAX_DV_FORMULA} karakter",
                             f"{len(text)} karakter")

    def _controls(self, part: str, where: str, controls: list[tuple[str, str, str]],
                  rels: dict[str, tuple[str, str | None, str]], rels_name: str,
                  drawing: str | None, vml: str | None) -> None:
        out = self.out
        spids: set[int] = set()
        if vml is not None and vml in self.pkg.parts:
            spids = set(self.vml_ids(vml)[1])
        cnv: set[str] = set()
        if drawing is not None and drawing in self.pkg.parts:
            root = self.tree(drawing)
            if root is not None:
                cnv = {e.get("id", "") for e in root.iter(f"{{{XDR}}}cNvPr")}
        for sid, name, rid in controls:
            el = f'<control shapeId="{sid}" name="{_attr(name)}">'
            if not sid.isdigit():
                out.add("PAKET_ID_BENTUK", where, el, "shapeId bilangan bulat", repr(sid))
                continue
            if vml is None or vml not in self.pkg.parts:
                out.add("PAKET_ID_BENTUK", where, el,
                        f'bentuk VML o:spid="_x0000_s{sid}" di legacyDrawing sheet ini',
                        "sheet tanpa legacyDrawing (VML)")
            elif int(sid) not in spids:
                out.add("PAKET_ID_BENTUK", where, el,
                        f'<v:shape o:spid="_x0000_s{sid}"> di {vml}', "tidak ada")
            if drawing is not None and drawing in self.pkg.parts and sid not in cnv:
                out.add("PAKET_ID_BENTUK", where, el,
                        f'<xdr:cNvPr id="{sid}"> di {drawing}', "tidak ada")
            rel = rels.get(rid)
            if rel is None:
                out.add("PAKET_TARGET_HILANG", where, el,
                        f"r:id {rid!r} ke ctrlProp di {rels_name}", "tidak ada")
            elif rel[0] != _OD + "ctrlProp":
                out.add("PAKET_TARGET_HILANG", where, el,
                        f"r:id {rid!r} ke bagian ctrlProp", f"relasi {rel[0].rsplit('/', 1)[-1]}")
            # a missing ctrlProp target is reported by the relationship check

    def vml_ids(self, vml: str) -> tuple[list[int], list[int]]:
        """(o:idmap blocks, o:spid numbers) of a VML part, read as text (VML written by
        Excel is not always well-formed XML); reports shapes outside the blocks."""
        cache = self.__dict__.setdefault("_vml", {})
        if vml in cache:
            return cache[vml]
        data = self.data(vml)
        blocks: list[int] = []
        for m in _VML_IDMAP.finditer(data):
            blocks += [int(x) for x in re.split(rb"[,\s]+", m.group(1)) if x.isdigit()]
        spids = [int(m.group(1)) for m in _VML_SPID.finditer(data)]
        if blocks and self.wanted(vml, *self._sheets_using(vml)):
            for s in spids:
                if s // 1024 not in blocks:
                    self.out.add("PAKET_ID_BENTUK", vml, f'<v:shape o:spid="_x0000_s{s}">',
                                 f"id di blok o:idmap {','.join(map(str, blocks))} "
                                 f"({min(blocks) * 1024}..{max(blocks) * 1024 + 1023})",
                                 f"blok {s // 1024}")
        cache[vml] = (blocks, spids)
        return blocks, spids

    def _sheets_using(self, vml: str) -> list[str]:
        return [rels_source(r) for r in self._rels
                if any(t[1] == vml for t in self._rels[r].values())]


def _location(target: str) -> bool:
    """A target that is a place in this workbook (``#Sheet!A1``), not a part: Excel writes a
    shape's hyperlink to a cell so (the xlwings Lite sheet buttons)."""
    return target.startswith("#")


def _row_el(row: Any) -> str:
    rr = row.get("r")
    return f'<row r="{rr}">' if rr is not None else "<row> (tanpa r)"


def _cell_el(ref: str | None, row: Any, col: int) -> str:
    return f'<c r="{ref}">' if ref is not None else f"{_row_el(row)} <c> ke-{col} (tanpa r)"


def _at_most(n: int) -> str:
    return f"paling panjang {n:,} karakter".replace(",", ".")


def _chars(n: int) -> str:
    return f"{n:,} karakter".replace(",", ".")


def _extension(name: str) -> str:
    """``_rels/.rels`` -> ``rels``; ``xl/workbook.xml`` -> ``xml``; no dot -> ``""``."""
    base = name.rsplit("/", 1)[-1]
    return base.rpartition(".")[2] if "." in base else ""


def _in_fallback(el: Any) -> bool:
    p = el.getparent()
    while p is not None:
        if p.tag == f"{{{MC}}}Fallback":
            return True
        p = p.getparent()
    return False


def check_package(pkg: Any, parts: Iterable[str] | None = None, *,
                  extension: str | None = None, limit: int | None = LIMIT) -> list[Problem]:
    """What Excel would refuse or repair in a workbook package, before any formula.

    ``pkg`` is an opened :class:`~xlpokja.hosts.headless.package.Package` (anything with ``.parts``
    name -> bytes and ``.path``; parts the package edits as trees and marks dirty are
    checked as they would be saved) or a path (opened here; a package that cannot be
    opened at all raises :class:`~xlpokja.core.problems.XlpokjaError` ``BERKAS_RUSAK``
    as everywhere else).

    ``parts``: ``None`` checks everything. Otherwise only what concerns those part names:
    a worksheet part -> its rows, cells, limits, data validations, ``r:id`` references and
    form controls (shape ids still compared with every other sheet's, read cheaply);
    ``[Content_Types].xml``, ``_rels/.rels``, ``xl/workbook.xml`` or its ``.rels`` -> the
    workbook-level checks (content types, VBA project, sheets, defined names); a ``.rels``
    part (or the part it belongs to) -> its targets; ``xl/sharedStrings.xml`` -> its texts;
    any other part -> that it has a content type. ``recalc`` passes the parts it rewrote.

    ``extension`` (e.g. ``".xlsm"``) is the extension the file has or will be saved with;
    default: that of ``pkg.path``. ``limit`` findings per (code, part) are listed one by one,
    the rest counted in one ``PAKET_TEMUAN_LAIN`` (``None``: list all).
    """
    if isinstance(pkg, (str, Path)):
        pkg = Package(Path(pkg), well_formed=False)  # a broken part is named, not refused
    return _Checker(pkg, parts, extension, limit).run()
