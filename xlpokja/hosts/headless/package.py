"""A workbook package (.xlsx/.xlsm) opened as untrusted input and patched in place.

Only the parts that change are rewritten (sheet XML of computed cells, the
problem list, defined names); every other part - VBA project, buttons, charts,
styles, validation - is copied byte for byte. XML is parsed without DTDs,
entities or network access; the zip is checked before it is read.
"""

from __future__ import annotations

import bisect
import os
import posixpath
import re
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from lxml import etree

from xlpokja.core.problems import Problem, XlpokjaError
from xlpokja.core.values import MAX_TEXT
from xlpokja.layout.base import col_index, col_letter, split_ref

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RNS = "http://schemas.openxmlformats.org/package/2006/relationships"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
Q = f"{{{NS}}}"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XDR_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
CT_PART = "[Content_Types].xml"
WORKBOOK_PART = "xl/workbook.xml"
#: the content type Excel requires of the workbook part, by file extension (hosts.md §1):
#: a macro-enabled file declared with the macro-free type is refused outright
WORKBOOK_TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ".xlsm": "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    ".xltx": "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    ".xltm": "application/vnd.ms-excel.template.macroEnabled.main+xml",
}

MAX_TOTAL = 400 << 20  # bytes decompressed, counted as read (not as the zip headers declare)
STRICT_NS = b"http://purl.oclc.org/ooxml/spreadsheetml/main"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_ENTRIES = 20000
MAX_RATIO = 1000



def clip_text(text: str) -> str:
    """A text as a cell can hold it: longer than Excel's limit, cut with an ellipsis (Excel
    would otherwise "repair" the sheet)."""
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1] + "…"


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          dtd_validation=False, remove_blank_text=False, huge_tree=True)
_REF_RE = re.compile(r"([A-Z]+)(\d+)")


def _broken(path: Path, why: str) -> XlpokjaError:
    return XlpokjaError([Problem("BERKAS_RUSAK", Path(path).name, "", ".xlsx/.xlsm", why)])


def refuse_non_package(path: Path) -> None:
    """Refuse at once what is not a workbook file: a pipe or device (never read: it could
    hang or never end), an encrypted workbook or an old ``.xls`` (both OLE files)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise
    except OSError as e:
        raise _broken(path, e.strerror or str(e)) from None
    if not stat.S_ISREG(st.st_mode):
        raise _broken(path, "bukan berkas biasa (folder, pipa atau perangkat)")
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:
        raise XlpokjaError([Problem(
            "BERKAS_RUSAK", path.name, "", "Buku Kerja Excel (.xlsx/.xlsm) tanpa kata sandi",
            "berkas terenkripsi (dilindungi kata sandi) atau format lama .xls; buka di Excel, "
            "hapus kata sandi (File > Info > Protect Workbook) atau Simpan Sebagai .xlsm")])


def _well_formed(data: bytes, name: str, path: Path) -> None:
    """Refuse a part that is not well-formed XML (cut in half, garbled): Excel cannot open
    the file, so nothing is computed from it or copied on. Streamed by expat, no tree."""
    from xml.parsers import expat

    parser = expat.ParserCreate()
    try:
        parser.Parse(data, True)
    except expat.ExpatError as e:
        raise _broken(path, f"{name}: XML rusak (baris {e.lineno}, kolom {e.offset}): "
                            f"{expat.ErrorString(e.code)}") from None


def _read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, budget: int) -> bytes:
    """One zip entry, decompressed in chunks and counted as it comes: the sizes the headers
    declare are not trusted (a file may under-declare them)."""
    name = info.filename
    chunks: list[bytes] = []
    got = 0
    try:
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(1 << 20)
                if not chunk:
                    break
                got += len(chunk)
                if got > budget:
                    raise _broken(path, f"isi terlalu besar (lebih dari {MAX_TOTAL >> 20} MB "
                                        f"setelah dibuka, di {name})")
                if got > (1 << 20) and got > MAX_RATIO * max(info.compress_size, 1):
                    raise _broken(path, f"rasio kompresi mencurigakan pada {name}")
                chunks.append(chunk)
    except NotImplementedError:
        raise _broken(path, f"{name}: metode kompresi tidak didukung "
                            f"({info.compress_type}); simpan ulang di Excel/LibreOffice") from None
    except RuntimeError as e:  # an entry flagged as encrypted
        raise _broken(path, f"{name}: bagian terenkripsi ({e})") from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error) as e:
        raise _broken(path, f"{name}: {e}") from None
    return b"".join(chunks)


def parse_xml(data: bytes, name: str, path: Path) -> Any:
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as e:
        raise _broken(path, f"{name}: XML rusak ({e})") from None
    tree = root.getroottree()
    if tree.docinfo.doctype:
        raise _broken(path, f"{name}: DOCTYPE tidak diizinkan")
    return root


class Package:
    """The parts of a workbook package, with sheet access by sheet name."""

    def __init__(self, path: Path, well_formed: bool = True):
        """``well_formed``: refuse a part that is not well-formed XML (for computing); the
        package check reads such a package anyway, to name the broken part."""
        self.path = Path(path)
        refuse_non_package(self.path)
        try:
            zf = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError) as e:
            raise _broken(self.path, f"bukan arsip zip ({e})") from None
        with zf:
            infos = zf.infolist()
            if len(infos) > MAX_ENTRIES:
                raise _broken(self.path, f"terlalu banyak bagian ({len(infos)})")
            self.order: list[str] = []
            self.parts: dict[str, bytes] = {}
            total = 0
            for info in infos:
                name = info.filename
                if name.startswith("/") or ".." in name.split("/") or "\\" in name:
                    raise _broken(self.path, f"nama bagian tidak aman {name!r}")
                if name in self.parts:  # Excel refuses a package with an entry twice
                    raise _broken(self.path, f"bagian {name} ada dua kali dalam arsip")
                data = _read_entry(zf, info, self.path, MAX_TOTAL - total)
                if name.endswith((".xml", ".rels", ".vml")):
                    if b"<!DOCTYPE" in data[:4096]:
                        raise _broken(self.path, f"{name}: DOCTYPE tidak diizinkan")
                    if well_formed and not name.endswith(".vml"):  # VML: not always XML
                        _well_formed(data, name, self.path)
                total += len(data)
                self.parts[name] = data
                self.order.append(name)
        if "[Content_Types].xml" not in self.parts:
            raise _broken(self.path, "[Content_Types].xml tidak ada (bukan paket Office Open XML)")
        if "xl/workbook.xml" not in self.parts:
            raise _broken(self.path, "xl/workbook.xml tidak ada")
        self._xml: dict[str, Any] = {}
        self.dirty: set[str] = set()
        self.rewritten: set[str] = set()  # parts replaced as bytes (replace_rows, add_part)
        self.streamed: set[str] = set()  # of those, sheets written row by row (in order)
        self._normal: str | None = None  # the extension normalise() last prepared for
        if STRICT_NS in self.parts["xl/workbook.xml"][:2000]:
            raise XlpokjaError([Problem(
                "BERKAS_RUSAK", self.path.name, "", "Buku Kerja Excel (.xlsx/.xlsm)",
                "format Strict Open XML; simpan ulang di Excel sebagai \"Excel Macro-Enabled "
                "Workbook\" (bukan \"Strict Open XML Spreadsheet\")")])
        wb = self.xml("xl/workbook.xml")
        rels = self.xml("xl/_rels/workbook.xml.rels")
        targets = {r.get("Id"): r.get("Target") for r in rels}
        self.sheet_paths: dict[str, str] = {}
        for s in wb.iter(Q + "sheet"):
            target = targets.get(s.get(f"{{{RNS}}}id"), "")
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join("xl", target))
            self.sheet_paths[s.get("name")] = part

    # ------------------------------------------------------------------ parts
    def xml(self, name: str) -> Any:
        if name not in self._xml:
            if name not in self.parts:
                raise _broken(self.path, f"{name} tidak ada")
            self._xml[name] = parse_xml(self.parts[name], name, self.path)
        return self._xml[name]

    def touch(self, name: str) -> None:
        self.dirty.add(name)
        self._normal = None

    def parsed(self, name: str) -> Any:
        """The part's tree when this run has parsed it, else ``None``."""
        return self._xml.get(name)

    def part_bytes(self, name: str) -> bytes:
        """The bytes of a part as they would be saved (a part edited as a tree included)."""
        if name in self.dirty and name in self._xml:
            return etree.tostring(self._xml[name], xml_declaration=True, encoding="UTF-8",
                                  standalone=True)
        return self.parts[name]

    def changed(self) -> set[str]:
        """The parts this run rewrote or added (what a check of the output must look at)."""
        return (self.dirty | self.rewritten) & set(self.parts)

    @property
    def sheet_names(self) -> list[str]:
        return list(self.sheet_paths)

    def custom_property(self, key: str) -> str | None:
        if "docProps/custom.xml" not in self.parts:
            return None
        root = self.xml("docProps/custom.xml")
        for p in root:
            if p.get("name") == key and len(p):
                return p[0].text
        return None

    # ---------------------------------------------------------- defined names
    def defined_name(self, name: str) -> str | None:
        for d in self.xml("xl/workbook.xml").iter(Q + "definedName"):
            if d.get("name") == name and d.get("localSheetId") is None:
                return d.text
        return None

    def set_defined_name(self, name: str, ref: str) -> None:
        wb = self.xml("xl/workbook.xml")
        for d in wb.iter(Q + "definedName"):
            if d.get("name") == name and d.get("localSheetId") is None:
                if d.text == ref:
                    return  # unchanged: the part is saved as it was
                d.text = ref
                break
        else:
            dn = wb.find(Q + "definedNames")
            if dn is None:
                dn = etree.Element(Q + "definedNames")
                sheets = wb.find(Q + "sheets")
                sheets.addnext(dn)
            e = etree.SubElement(dn, Q + "definedName", name=name)
            e.text = ref
        self.touch("xl/workbook.xml")

    def sheet(self, name: str) -> SheetXml:
        part = self.sheet_paths[name]
        return SheetXml(self, part)

    # ------------------------------------------------------- generated rows
    def replace_rows(self, sheet: str, first_row: int,
                     cells: list[tuple[str, str | None, Any]]) -> None:
        """Replace every row from ``first_row`` down with ``cells`` (ref, formula, value),
        written as text without building a tree: for sheets the template computes wholly.
        Each column keeps the style its cell in ``first_row`` had."""
        part = self.sheet_paths[sheet]
        if part in self._xml:
            raise RuntimeError(f"{sheet} is already open as a tree")
        data = self.parts[part]
        m = re.search(rb"<sheetData\s*/>|<sheetData>", data)
        end = data.find(b"</sheetData>")
        if m is None or (m.group(0) == b"<sheetData>" and end < 0):
            raise _broken(self.path, f"{part}: sheetData tidak ada")
        if m.group(0) != b"<sheetData>":  # empty, self-closing
            head, body, tail = data[:m.start()] + b"<sheetData>", b"", b"</sheetData>" + data[
                m.end():]
        else:
            head, body, tail = data[:m.end()], data[m.end():end], data[end:]
        cut = len(body)
        for rm in re.finditer(rb'<row\b[^>]*?\sr="(\d+)"', body):
            if int(rm.group(1)) >= first_row:
                cut = rm.start()
                break
        styles = {col_index(k.decode()): v.decode() for k, v in re.findall(
            rb'<c r="([A-Z]+)%d" s="(\d+)"' % first_row, body[cut:])}
        out: list[str] = []
        cur = None
        last_col = 0
        keyed = sorted(((_ref_key(c[0]), c) for c in cells), key=lambda kc: kc[0])  # row, column
        for (row, col), (ref, formula, value) in keyed:
            last_col = max(last_col, col)
            if row != cur:
                if cur is not None:
                    out.append("</row>")
                out.append(f'<row r="{row}">')
                cur = row
            out.append(_cell_xml(ref, styles.get(col), formula, value))
        if cur is not None:
            out.append("</row>")
        data = head + body[:cut] + "".join(out).encode() + tail
        if keyed:
            last_row = keyed[-1][0][0]
            m3 = re.search(rb'<dimension ref="\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?"\s*/>',
                           data)
            if m3:
                c1, r1 = col_index(m3.group(1).decode()), int(m3.group(2))
                c2 = col_index((m3.group(3) or m3.group(1)).decode())
                # every row from first_row down was replaced: the sheet ends at last_row
                c2, r2 = max(c2, last_col), last_row
                data = (data[:m3.start()] + f'<dimension ref="{col_letter(c1)}{r1}:'
                        f'{col_letter(c2)}{r2}"/>'.encode() + data[m3.end():])
        self.parts[part] = data
        self.rewritten.add(part)
        self.streamed.add(part)

    # --------------------------------------------------------- content types
    def content_types(self) -> Any:
        return self.xml(CT_PART)

    def content_type(self, part: str) -> str | None:
        """The declared content type of ``part`` (Override first, then Default)."""
        ct = self.content_types()
        for o in ct.iter(f"{{{CT_NS}}}Override"):
            if o.get("PartName", "").lstrip("/") == part:
                return o.get("ContentType")
        ext = part.rsplit(".", 1)[-1].lower()
        for d in ct.iter(f"{{{CT_NS}}}Default"):
            if d.get("Extension", "").lower() == ext:
                return d.get("ContentType")
        return None

    def set_override(self, part: str, content_type: str | None) -> None:
        """Declare (or, with ``None``, remove) the Override of ``part``."""
        ct = self.content_types()
        for o in list(ct.iter(f"{{{CT_NS}}}Override")):
            if o.get("PartName", "").lstrip("/") == part:
                if content_type is None:
                    ct.remove(o)
                elif o.get("ContentType") != content_type:
                    o.set("ContentType", content_type)
                else:
                    return
                self.touch(CT_PART)
                return
        if content_type is not None:
            etree.SubElement(ct, f"{{{CT_NS}}}Override", PartName="/" + part,
                             ContentType=content_type)
            self.touch(CT_PART)

    def ensure_default(self, extension: str, content_type: str) -> None:
        ct = self.content_types()
        for d in ct.iter(f"{{{CT_NS}}}Default"):
            if d.get("Extension", "").lower() == extension:
                return
        d = etree.Element(f"{{{CT_NS}}}Default", Extension=extension, ContentType=content_type)
        ct.insert(0, d)
        self.touch(CT_PART)

    # ----------------------------------------------------------------- parts
    def add_part(self, name: str, data: bytes, content_type: str | None = None) -> None:
        if name not in self.parts:
            self.order.append(name)
        self.parts[name] = data
        self._xml.pop(name, None)
        self.dirty.discard(name)
        self.rewritten.add(name)
        if content_type is not None:
            self.set_override(name, content_type)

    def remove_part(self, name: str) -> None:
        if name in self.parts:
            del self.parts[name]
            self.order.remove(name)
        self._xml.pop(name, None)
        self.dirty.discard(name)
        self.set_override(name, None)
        rels = rels_part(name)
        if rels in self.parts:
            self.remove_part(rels)

    def unused_name(self, pattern: str) -> str:
        """The first ``pattern % n`` (n = 1, 2, …) that is not a part yet."""
        n = 1
        while pattern % n in self.parts:
            n += 1
        return pattern % n

    # ------------------------------------------------------------ relationships
    def rels(self, part: str) -> list[tuple[str, str, str, Any]]:
        """(Id, Type, resolved target part, element) of every internal relationship."""
        rp = rels_part(part)
        if rp not in self.parts:
            return []
        out = []
        for r in self.xml(rp):
            if r.get("TargetMode") == "External" or r.get("Target", "").startswith("#"):
                continue  # outside the package, or a place in this workbook (#Sheet!A1)
            target = resolve(part, r.get("Target", ""))
            if target is not None:
                out.append((r.get("Id"), r.get("Type"), target, r))
        return out

    def add_rel(self, part: str, rel_type: str, target: str, as_is: bool = False) -> str:
        """A new relationship of ``part`` (``""``: the package) to ``target``, a part's path
        (written relative to ``part``), or with ``as_is`` written as given (a location in
        the workbook such as ``#Sheet!A1``, as Excel writes a shape's link: no
        TargetMode). Returns its id."""
        rp = rels_part(part)
        if rp not in self.parts:
            self.add_part(rp, b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                          b'<Relationships xmlns="' + PKG_RNS.encode() + b'"/>')
        root = self.xml(rp)
        ids = {r.get("Id") for r in root}
        n = 1
        while f"rId{n}" in ids:
            n += 1
        rel_target = target if as_is else posixpath.relpath(target, posixpath.dirname(part))
        etree.SubElement(root, f"{{{PKG_RNS}}}Relationship", Id=f"rId{n}", Type=rel_type,
                         Target=rel_target)
        self.touch(rp)
        return f"rId{n}"

    def remove_rel(self, part: str, rid: str) -> None:
        rp = rels_part(part)
        if rp not in self.parts:
            return
        root = self.xml(rp)
        for r in list(root):
            if r.get("Id") == rid:
                root.remove(r)
                self.touch(rp)

    # ----------------------------------------------------------- normalising
    def normalise(self, suffix: str) -> None:
        """What Excel needs of the package, whoever wrote it before (hosts.md §1): the
        workbook content type of the file's extension, one print-titles name per sheet
        (LibreOffice writes rows and columns as two), rows and cells in order and the
        ``<dimension>`` of every sheet this run rewrote."""
        if self._normal == suffix:
            return
        wanted = WORKBOOK_TYPES.get(suffix.lower())
        if wanted and CT_PART in self.parts and self.content_type(WORKBOOK_PART) != wanted:
            self.set_override(WORKBOOK_PART, wanted)
        self._merge_print_titles()
        self._drop_dangling_vba()
        for name in self.dirty:
            if name in self._sheet_parts():
                sort_sheet(self._xml[name])
        self._normal = suffix

    def _sheet_parts(self) -> set[str]:
        return set(self.sheet_paths.values())

    def _drop_dangling_vba(self) -> None:
        """A VBA relationship whose part is gone (a program dropped the macros) is removed:
        Excel would repair the file otherwise. ``check`` says the macros are gone."""
        for rid, rtype, target, _el in self.rels(WORKBOOK_PART):
            if rtype.endswith("/vbaProject") and target not in self.parts:
                self.remove_rel(WORKBOOK_PART, rid)
                self.set_override(target, None)

    def _merge_print_titles(self) -> None:
        """One ``_xlnm.Print_Titles`` per sheet, columns before rows (Excel's own order;
        LibreOffice adds a columns-first copy of a rows-first name, and renames such a copy
        ``_xlnm.Print_Titles_0`` when it saves again)."""
        wb = self.xml(WORKBOOK_PART)
        seen: dict[str | None, Any] = {}
        for d in list(wb.iter(Q + "definedName")):
            if not re.fullmatch(r"_xlnm\.print_titles(_\d+)?", d.get("name", ""), re.I):
                continue
            scope = d.get("localSheetId")
            first = seen.setdefault(scope, d)
            refs = [t for t in (first.text or "").split(",") + (
                (d.text or "").split(",") if d is not first else []) if t]
            refs = sorted(dict.fromkeys(refs), key=lambda t: not re.search(r"!\$?[A-Z]+:", t))
            text = ",".join(refs)
            if d is not first:
                d.getparent().remove(d)
                self.touch(WORKBOOK_PART)
            if first.text != text or first.get("name") != "_xlnm.Print_Titles":
                first.text = text
                first.set("name", "_xlnm.Print_Titles")
                self.touch(WORKBOOK_PART)

    # ------------------------------------------------------------------- save
    def save(self, out: Path, mode: int | None = None) -> None:
        """Write atomically: a temporary file next to ``out``, then rename. The file gets
        permission bits ``mode`` (those of the input it replaces or was made from), or
        those a new file gets under the process umask. A symbolic link is followed (the
        file it names is replaced, the link stays); a character device such as
        ``/dev/null`` is written to, never replaced."""
        out = Path(out)
        self.normalise(out.suffix)
        for name in self.dirty:
            self.parts[name] = self.part_bytes(name)
        if out.exists() and stat.S_ISCHR(os.stat(out).st_mode):
            with open(out, "wb") as fh:
                self._write_zip(fh)
            return
        out = out.resolve() if out.is_symlink() else out
        if mode is None:
            mode = 0o666 & ~current_umask()
        fd, tmp = tempfile.mkstemp(prefix=".xlpokja-", suffix=out.suffix, dir=out.parent)
        try:
            os.fchmod(fd, mode & 0o7777)
            with os.fdopen(fd, "wb") as fh:
                self._write_zip(fh)
            os.replace(tmp, out)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise

    def _write_zip(self, fh: Any) -> None:
        with zipfile.ZipFile(fh, "w") as zf:
            for name in self.order:
                data = self.parts[name]
                level = 1 if len(data) > (1 << 20) else 6
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, data, compresslevel=level)


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def rels_part(part: str) -> str:
    """``xl/worksheets/sheet1.xml`` -> ``xl/worksheets/_rels/sheet1.xml.rels``."""
    head, tail = posixpath.split(part)
    return posixpath.join(head, "_rels", tail + ".rels")


def rels_source(rels: str) -> str:
    """``xl/worksheets/_rels/sheet3.xml.rels`` -> ``xl/worksheets/sheet3.xml`` (``""`` for
    the package relationships ``_rels/.rels``)."""
    head, tail = posixpath.split(rels)
    parent = posixpath.dirname(head)
    return posixpath.join(parent, tail[:-len(".rels")]) if tail != ".rels" else parent


def resolve(source: str, target: str) -> str | None:
    """The part a relationship target of ``source`` points to (relative to ``source``'s
    folder, or absolute); ``None`` when it points outside the package."""
    target = unquote(target.split("#", 1)[0])
    if target.startswith("/"):
        name = posixpath.normpath(target.lstrip("/"))
    else:
        name = posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
    if name.startswith("../") or name in ("..", "."):
        return None
    return name


def sort_sheet(root: Any) -> None:
    """Rows in increasing order, cells in increasing column order inside each row, and the
    ``<dimension>`` the cells span (Excel repairs a sheet otherwise and drops cells)."""
    data = root.find(Q + "sheetData")
    if data is None:
        return
    rows = list(data)
    keyed = sorted(rows, key=lambda r: int(r.get("r", "0")))
    if keyed != rows:
        for r in rows:
            data.remove(r)
        data.extend(keyed)
    top = bottom = None
    left = right = 0
    for r in keyed:
        cells = list(r)
        cols = [_cell_col(c.get("r", "")) for c in cells]
        if any(b <= a for a, b in zip(cols, cols[1:])):
            order = sorted(range(len(cells)), key=cols.__getitem__)
            for c in cells:
                r.remove(c)
            r.extend(cells[i] for i in order)
            cols = sorted(cols)
        if cols:
            n = int(r.get("r"))
            top = n if top is None else top
            bottom = n
            left = cols[0] if not left else min(left, cols[0])
            right = max(right, cols[-1])
    dim = root.find(Q + "dimension")
    if dim is not None and top is not None:
        ref = f"{col_letter(left)}{top}:{col_letter(right)}{bottom}"
        if top == bottom and left == right:
            ref = f"{col_letter(left)}{top}"
        dim.set("ref", ref)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell_xml(ref: str, style: str | None, formula: str | None, value: Any) -> str:
    """One ``<c>`` element as text, the way :meth:`SheetXml.set` writes it."""
    s = f' s="{style}"' if style else ""
    f = f"<f>{_esc(formula)}</f>" if formula is not None else ""
    if value is None or (value == "" and formula is None):
        return f'<c r="{ref}"{s}>{f}</c>'
    if isinstance(value, bool):
        return f'<c r="{ref}"{s} t="b">{f}<v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        v = repr(float(value)) if isinstance(value, float) and not float(
            value).is_integer() else str(int(value))
        return f'<c r="{ref}"{s}>{f}<v>{v}</v></c>'
    if formula is not None:
        return f'<c r="{ref}"{s} t="str">{f}<v>{_esc(clip_text(str(value)))}</v></c>'
    t = clip_text(str(value))
    sp = ' xml:space="preserve"' if t != t.strip() else ""
    return f'<c r="{ref}"{s} t="inlineStr"><is><t{sp}>{_esc(t)}</t></is></c>'


def _ref_key(ref: str) -> tuple[int, int]:
    m = _REF_RE.match(ref)
    return int(m.group(2)), col_index(m.group(1))


def _cell_col(ref: str) -> int:
    m = _REF_RE.match(ref)
    return col_index(m.group(1)) if m else 0


class SheetXml:
    """Cells of one worksheet part, addressed by row/column, edited in place."""

    def __init__(self, pkg: Package, part: str):
        self.pkg, self.part = pkg, part
        self.root = pkg.xml(part)
        self.data = self.root.find(Q + "sheetData")
        self._rows: dict[int, Any] = {}
        self._row_keys: list[int] = []
        for r in self.data:
            n = int(r.get("r"))
            self._rows[n] = r
        self._row_keys = sorted(self._rows)
        self._cells: dict[int, dict[int, Any]] = {}

    def touch(self) -> None:
        self.pkg.touch(self.part)

    def row(self, n: int, create: bool = True) -> Any:
        r = self._rows.get(n)
        if r is None and create:
            r = etree.Element(Q + "row", r=str(n))
            i = bisect.bisect_left(self._row_keys, n)
            if i == len(self._row_keys):
                self.data.append(r)
            else:
                self._rows[self._row_keys[i]].addprevious(r)
            self._row_keys.insert(i, n)
            self._rows[n] = r
        return r

    def _row_cells(self, n: int) -> dict[int, Any]:
        cells = self._cells.get(n)
        if cells is None:
            r = self._rows.get(n)
            cells = {} if r is None else {_cell_col(c.get("r")): c for c in r}
            self._cells[n] = cells
        return cells

    def cell(self, row: int, col: int, create: bool = True) -> Any:
        r = self._rows.get(row)
        if r is not None and row not in self._cells:
            # fast path: computed cells sit at the end of their row; compare the ``r``
            # attribute of the last few cells before indexing the whole row
            ref = f"{col_letter(col)}{row}"
            for i, c in enumerate(reversed(r)):
                if c.get("r") == ref:
                    return c
                if i >= 3:
                    break
        cells = self._row_cells(row)
        c = cells.get(col)
        if c is None and create:
            r = self.row(row)
            c = etree.Element(Q + "c", r=f"{col_letter(col)}{row}")
            after = [k for k in cells if k > col]
            if after:
                cells[min(after)].addprevious(c)
            else:
                r.append(c)
            cells[col] = c
        return c

    def style_of(self, row: int, col: int) -> str | None:
        c = self.cell(row, col, create=False)
        return None if c is None else c.get("s")

    def set(self, ref: str, value: Any, formula: str | None = None, *,
            keep_formula: bool = True, style: str | None = None) -> None:
        """Write a value (cached value when the cell has a formula)."""
        row, col = split_ref(ref)
        c = self.cell(row, col)
        self.touch()
        f = c.find(Q + "f")
        for child in list(c):
            if child.tag != Q + "f" or not keep_formula or formula is not None:
                c.remove(child)
        if formula is not None:
            f = etree.SubElement(c, Q + "f")
            f.text = formula
        elif not keep_formula:
            f = None
        if style is not None and c.get("s") in (None, "0"):
            c.set("s", style)
        _put_value(c, value, f is not None)

    def put_row(self, row: int, first_col: int, values: Sequence[Any]) -> None:
        """Input values into ``row`` from column ``first_col`` on, as :meth:`set` with
        ``keep_formula=False`` would write them one by one (blank values leave their cell
        empty), in one pass when the row has no cell from ``first_col`` on (rows appended
        below a table: thousands of them from a survey export)."""
        cells = self._row_cells(row) if row in self._rows else {}
        if any(k >= first_col for k in cells):
            for j, v in enumerate(values):
                self.set(f"{col_letter(first_col + j)}{row}", v, keep_formula=False)
            return
        r = self.row(row)
        self.touch()
        for j, v in enumerate(values):
            if v is None or v == "":
                continue
            col = first_col + j
            c = etree.SubElement(r, Q + "c", r=f"{col_letter(col)}{row}")
            cells[col] = c
            _put_value(c, v, False)
        if row in self._cells or cells:
            self._cells[row] = cells

    def styles_from(self, first: int) -> dict[tuple[int, int], str]:
        """Style index of every existing cell at or below row ``first``."""
        out: dict[tuple[int, int], str] = {}
        for n in [k for k in self._row_keys if k >= first]:
            for col, c in self._row_cells(n).items():
                if c.get("s") not in (None, "0"):
                    out[(n, col)] = c.get("s")
        return out

    def delete_rows_from(self, first: int) -> None:
        for n in [k for k in self._row_keys if k >= first]:
            self.data.remove(self._rows.pop(n))
            self._cells.pop(n, None)
        self._row_keys = [k for k in self._row_keys if k < first]
        self.touch()


def _put_value(c: Any, value: Any, is_formula: bool) -> None:
    """The value of cell element ``c`` (its children other than a formula removed): the
    cached value of a formula, or an input (a text as an inline string)."""
    if value is None or (value == "" and not is_formula):
        c.attrib.pop("t", None)
        return
    v = etree.SubElement(c, Q + "v")
    if isinstance(value, bool):
        c.set("t", "b")
        v.text = "1" if value else "0"
    elif isinstance(value, (int, float)):
        c.attrib.pop("t", None)
        v.text = repr(float(value)) if isinstance(value, float) and not float(
            value).is_integer() else str(int(value))
    elif is_formula:
        c.set("t", "str")
        v.text = clip_text(str(value))
    else:
        c.remove(v)
        c.set("t", "inlineStr")
        is_ = etree.SubElement(c, Q + "is")
        t = etree.SubElement(is_, Q + "t")
        t.text = clip_text(str(value))
        if t.text != t.text.strip():
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
