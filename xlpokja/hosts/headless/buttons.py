"""The template's form buttons in a workbook package: checked, and rebuilt when damaged.

A button is a legacy (VML) form control, written the way XlsxWriter writes them and
Excel has opened for years: one ``<v:shape>`` per button in the sheet's VML drawing,
its caption as ``<div><font>…</font></div>`` (LibreOffice reads the caption only
there), ``[0]!Macro`` as the macro, and shape ids ``1024 × block + n`` where the
block (``<o:idmap data>``) is the sheet's own. Excel adds its own DrawingML copy and
control properties when it saves; those are accepted when they agree.

LibreOffice's own save damages buttons (every control gets the same shape id, the
VML shape loses its id, the caption is lost), so a Hitung or ``recalc`` that finds the
template's buttons missing or inconsistent rebuilds them from the layout: a workbook
that went through LibreOffice gets its buttons back. Rebuilding removes every form
button of the sheets concerned (other drawing shapes, charts and comments stay).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from xlpokja.hosts.headless.package import NS, RNS, Package, parse_xml
from xlpokja.layout.base import Button

VML_NS = "urn:schemas-microsoft-com:vml"
OFFICE_NS = "urn:schemas-microsoft-com:office:office"
EXCEL_NS = "urn:schemas-microsoft-com:office:excel"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
VML_REL = REL + "vmlDrawing"
CTRL_REL = REL + "ctrlProp"
DRAWING_REL = REL + "drawing"
VML_TYPE = "application/vnd.openxmlformats-officedocument.vmlDrawing"

#: worksheet children that must come after ``<legacyDrawing>`` (CT_Worksheet order)
_AFTER_LEGACY = ("legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
                 "webPublishItems", "tableParts", "extLst")
_SPID = re.compile(r"_x0000_s(\d+)$")


# ------------------------------------------------------------------ reading


def _vml_buttons(root: Any) -> list[dict[str, Any]]:
    out = []
    for shape in root.iter(f"{{{VML_NS}}}shape"):
        cd = shape.find(f"{{{EXCEL_NS}}}ClientData")
        if cd is None or cd.get("ObjectType") != "Button":
            continue
        macro = cd.findtext(f"{{{EXCEL_NS}}}FmlaMacro") or ""
        caption = "".join("".join(f.itertext()) for f in shape.iter("font", "{*}font"))
        m = _SPID.match(shape.get(f"{{{OFFICE_NS}}}spid") or shape.get("id") or "")
        out.append({"spid": int(m.group(1)) if m else None, "macro": macro.split("!")[-1]
                    .split(".")[-1], "caption": caption.strip(), "name": shape.get("id")})
    return out


def _idmap(root: Any) -> set[int]:
    blocks: set[int] = set()
    for im in root.iter(f"{{{OFFICE_NS}}}idmap"):
        for d in re.split(r"[,\s]+", im.get("data") or ""):
            if d.isdigit():
                blocks.add(int(d))
    return blocks


def _legacy_part(pkg: Package, sheet_part: str) -> str | None:
    for _rid, rtype, target, _el in pkg.rels(sheet_part):
        if rtype == VML_REL and target in pkg.parts:
            return target
    return None


def _control_ids(data: bytes) -> list[int]:
    tail = data[data.rfind(b"</sheetData>"):]
    return [int(v) for v in re.findall(rb'<(?:\w+:)?control\b[^>]*?\sshapeId="(\d+)"', tail)]


def damage(pkg: Package, buttons: Sequence[Button]) -> list[tuple[str, str, str]]:
    """Why the template's buttons must be rebuilt, as (part, element, what was found);
    empty when they are sound."""
    why: list[tuple[str, str, str]] = []
    spids: dict[int, str] = {}
    blocks: dict[int, str] = {}
    found: dict[str, list[dict[str, Any]]] = {}
    for sheet, part in pkg.sheet_paths.items():
        if part not in pkg.parts:
            continue
        vml = _legacy_part(pkg, part)
        vml_buttons: list[dict[str, Any]] = []
        if vml is not None:
            root = parse_xml(pkg.parts[vml], vml, pkg.path)
            vml_buttons = _vml_buttons(root)
            for b in _idmap(root):
                if b in blocks:
                    why.append((vml, f'<o:idmap data="{b}">', f"blok juga dipakai {blocks[b]}"))
                blocks[b] = vml
        found[sheet] = vml_buttons
        for b in vml_buttons:
            element = f"<v:shape id={quoteattr(b['name'] or '')}>"
            if b["spid"] is None:
                why.append((vml, element, "tanpa o:spid"))
                continue
            if b["spid"] in spids:
                why.append((vml, element, f"o:spid {b['spid']} juga dipakai di "
                                          f"{spids[b['spid']]}"))
            spids[b["spid"]] = sheet
        controls = _control_ids(pkg.parts[part])
        ours = {b["spid"] for b in vml_buttons}
        if len(set(controls)) != len(controls) or not set(controls) <= ours | _other_spids(
                pkg, vml):
            why.append((f"{part} ({sheet})", "<controls>",
                        f"shapeId {controls} tanpa bentuk VML yang cocok {sorted(ours)}"))
    for want in buttons:
        have = [b for b in found.get(want.sheet, []) if b["macro"] == want.macro
                and b["caption"] == want.text]
        if not have:
            why.append((want.sheet, f"tombol {want.text!r} ({want.macro})", "tidak ada"))
    return why


def _other_spids(pkg: Package, vml: str | None) -> set[int]:
    """Shape ids of the VML's non-button shapes (comments, other controls)."""
    if vml is None:
        return set()
    out = set()
    for shape in parse_xml(pkg.parts[vml], vml, pkg.path).iter(f"{{{VML_NS}}}shape"):
        m = _SPID.match(shape.get(f"{{{OFFICE_NS}}}spid") or "")
        if m:
            out.add(int(m.group(1)))
    return out


# ------------------------------------------------------------------ geometry


class _Grid:
    """Column widths and row heights of a sheet in pixels (96 dpi, Calibri 11)."""

    def __init__(self, data: bytes):
        fmt = re.search(rb"<sheetFormatPr\b([^>]*)>", data)
        attrs = dict(re.findall(rb'(\w+)="([^"]*)"', fmt.group(1))) if fmt else {}
        self.row_default = float(attrs.get(b"defaultRowHeight", b"15")) * 4 / 3
        if b"defaultColWidth" in attrs:
            self.col_default = _col_px(float(attrs[b"defaultColWidth"]))
        else:
            self.col_default = int(float(attrs.get(b"baseColWidth", b"8")) * 7 + 8)
        self.cols: dict[int, int] = {}
        head = data[:data.find(b"<sheetData")]
        for m in re.finditer(rb"<col\b([^>]*)/?>", head):
            a = dict(re.findall(rb'(\w+)="([^"]*)"', m.group(1)))
            width = 0 if a.get(b"hidden") in (b"1", b"true") else _col_px(
                float(a.get(b"width", b"8.43")))
            for c in range(int(a.get(b"min", b"1")), min(int(a.get(b"max", b"1")), 300) + 1):
                self.cols[c - 1] = width
        self.rows: dict[int, float] = {}
        self._data = data

    def row_px(self, row0: int) -> float:
        if row0 not in self.rows:
            m = re.search(rb'<row\b[^>]*?\sr="%d"[^>]*>' % (row0 + 1), self._data)
            px = self.row_default
            if m:
                a = dict(re.findall(rb'(\w+)="([^"]*)"', m.group(0)))
                if a.get(b"hidden") in (b"1", b"true"):
                    px = 0
                elif b"ht" in a:
                    px = float(a[b"ht"]) * 4 / 3
            self.rows[row0] = px
        return self.rows[row0]

    def col_px(self, col0: int) -> float:
        return self.cols.get(col0, self.col_default)

    @staticmethod
    def _at(size: Any, px: float) -> tuple[int, int]:
        i, seen = 0, 0.0
        while seen + size(i) <= px and i < 16383:
            seen += size(i)
            i += 1
        return i, int(round(px - seen))

    def anchor(self, left_pt: float, top_pt: float, width_pt: float,
               height_pt: float) -> str:
        """VML ``x:Anchor``: column, offset, row, offset of both corners (pixels)."""
        to_px = 4 / 3
        c1, dx1 = self._at(self.col_px, left_pt * to_px)
        r1, dy1 = self._at(self.row_px, top_pt * to_px)
        c2, dx2 = self._at(self.col_px, (left_pt + width_pt) * to_px)
        r2, dy2 = self._at(self.row_px, (top_pt + height_pt) * to_px)
        return f"{c1}, {dx1}, {r1}, {dy1}, {c2}, {dx2}, {r2}, {dy2}"


def _col_px(width: float) -> int:
    """A stored column width (characters) in pixels (ECMA-376 §18.3.1.13)."""
    return int((256 * width + int(128 / 7)) / 256 * 7)


# ------------------------------------------------------------------ writing


def _vml(block: int, buttons: Sequence[tuple[Button, str, int]], grid: _Grid,
         kept: Sequence[Any]) -> bytes:
    shapes = []
    for i, (b, name, spid) in enumerate(buttons, start=1):
        style = (f"position:absolute;margin-left:{b.left:g}pt;margin-top:{b.top:g}pt;"
                 f"width:{b.width:g}pt;height:{b.height:g}pt;z-index:{i};"
                 "mso-wrap-style:tight")
        shapes.append(
            f'<v:shape id={quoteattr(name)} o:spid="_x0000_s{spid}" type="#_x0000_t201" '
            f'style="{style}" o:button="t" fillcolor="buttonFace [67]" '
            'strokecolor="windowText [64]" o:insetmode="auto">'
            '<v:fill color2="buttonFace [67]" o:detectmouseclick="t"/>'
            '<o:lock v:ext="edit" rotation="t"/>'
            '<v:textbox style="mso-direction-alt:auto" o:singleclick="f">'
            '<div style="text-align:center"><font face="Calibri" size="220" color="#000000">'
            f"{escape(b.text)}</font></div></v:textbox>"
            '<x:ClientData ObjectType="Button">'
            f"<x:Anchor>{grid.anchor(b.left, b.top, b.width, b.height)}</x:Anchor>"
            "<x:PrintObject>False</x:PrintObject><x:AutoFill>False</x:AutoFill>"
            f"<x:FmlaMacro>[0]!{escape(b.macro)}</x:FmlaMacro>"
            "<x:TextHAlign>Center</x:TextHAlign><x:TextVAlign>Center</x:TextVAlign>"
            "</x:ClientData></v:shape>")
    kept_xml = "".join(etree.tostring(k, encoding="unicode") for k in kept)
    return (f'<xml xmlns:v="{VML_NS}" xmlns:o="{OFFICE_NS}" xmlns:x="{EXCEL_NS}">'
            f'<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{block}"/>'
            "</o:shapelayout>"
            '<v:shapetype id="_x0000_t201" coordsize="21600,21600" o:spt="201" '
            'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
            '<v:path shadowok="f" o:extrusionok="f" strokeok="f" fillok="f" '
            'o:connecttype="rect"/><o:lock v:ext="edit" shapetype="t"/></v:shapetype>'
            f"{kept_xml}{''.join(shapes)}</xml>").encode()


def _strip_sheet(pkg: Package, sheet_part: str) -> list[Any]:
    """Remove every form button of one sheet: VML button shapes, ``<controls>`` and their
    control-property parts, the DrawingML copies. Returns the VML elements to keep
    (comments and other shapes, and their shape types)."""
    root = pkg.xml(sheet_part)
    rels = {rid: (rtype, target) for rid, rtype, target, _el in pkg.rels(sheet_part)}
    rid_attr = f"{{{RNS}}}id"
    names: set[str] = set()
    ids: set[int] = set()
    kept: list[Any] = []
    for el in list(root):
        if not isinstance(el.tag, str):  # a comment or processing instruction
            continue
        local = etree.QName(el).localname
        if local == "legacyDrawing":
            rid = el.get(rid_attr)
            rtype, vml = rels.get(rid, ("", ""))
            if vml in pkg.parts:
                vroot = parse_xml(pkg.parts[vml], vml, pkg.path)
                for b in _vml_buttons(vroot):
                    names.add(b["name"] or "")
                    if b["spid"] is not None:
                        ids.add(b["spid"])
                kept = [k for k in vroot if etree.QName(k).localname in ("shapetype", "shape")
                        and not _is_button(k) and k.get("id") != "_x0000_t201"]
                if not any(etree.QName(k).localname == "shape" for k in kept):
                    kept = []
                pkg.remove_part(vml)
            pkg.remove_rel(sheet_part, rid)
            root.remove(el)
        elif el.tag == f"{{{MC}}}AlternateContent" and el.find(f".//{{{NS}}}controls") is not None \
                or local == "controls":
            for c in el.iter(f"{{{NS}}}control"):
                ids.add(int(c.get("shapeId", "0")))
                names.add(c.get("name") or "")
                rid = c.get(rid_attr)
                rtype, target = rels.get(rid, ("", ""))
                if rtype == CTRL_REL and target in pkg.parts:
                    pkg.remove_part(target)
                pkg.remove_rel(sheet_part, rid)
            root.remove(el)
    for el in root.iter(f"{{{NS}}}drawing"):
        rid = el.get(rid_attr)
        rtype, drawing = rels.get(rid, ("", ""))
        if drawing in pkg.parts and _strip_drawing(pkg, drawing, ids, names):
            pkg.remove_part(drawing)
            pkg.remove_rel(sheet_part, rid)
            el.getparent().remove(el)
    pkg.touch(sheet_part)
    return kept


def _is_button(el: Any) -> bool:
    cd = el.find(f"{{{EXCEL_NS}}}ClientData")
    return cd is not None and cd.get("ObjectType") == "Button"


def _strip_drawing(pkg: Package, part: str, ids: set[int], names: set[str]) -> bool:
    """Drop the DrawingML copies of form buttons; True when the drawing is then empty."""
    root = pkg.xml(part)
    for anchor in list(root):
        for pr in anchor.iter(f"{{{XDR}}}cNvPr"):
            compat = any(e.get("spid") for e in pr.iter("{*}compatExt"))
            if (pr.get("id", "").isdigit() and int(pr.get("id")) in ids) or \
                    pr.get("name") in names or compat:
                root.remove(anchor)
                break
    pkg.touch(part)
    return len(root) == 0


def _insert_legacy(root: Any, rid: str) -> None:
    el = etree.Element(f"{{{NS}}}legacyDrawing", nsmap={"r": RNS})
    el.set(f"{{{RNS}}}id", rid)
    for i, child in enumerate(root):
        tag = child.tag if isinstance(child.tag, str) else ""
        local = etree.QName(child).localname if tag else ""
        if local in _AFTER_LEGACY or tag == f"{{{MC}}}AlternateContent":
            root.insert(i, el)
            return
    root.append(el)


def rebuild(pkg: Package, buttons: Sequence[Button]) -> None:
    """Write the template's buttons afresh on every sheet that has one (see module doc)."""
    by_sheet: dict[str, list[Button]] = {}
    for b in buttons:
        by_sheet.setdefault(b.sheet, []).append(b)
    targets = [(s, pkg.sheet_paths[s]) for s in pkg.sheet_paths if s in by_sheet]
    kept = {part: _strip_sheet(pkg, part) for _s, part in targets}
    used_blocks: set[int] = set()
    for _s, part in pkg.sheet_paths.items():
        vml = _legacy_part(pkg, part) if part in pkg.parts else None
        if vml is not None:
            used_blocks |= _idmap(parse_xml(pkg.parts[vml], vml, pkg.path))
    pkg.ensure_default("vml", VML_TYPE)
    block = 0
    for sheet, part in targets:
        block += 1
        while block in used_blocks:
            block += 1
        others = kept[part]
        spid = block * 1024 + 1
        for k in others:
            if etree.QName(k).localname == "shape":
                k.set(f"{{{OFFICE_NS}}}spid", f"_x0000_s{spid}")
                spid += 1
        named: list[tuple[Button, str, int]] = []
        for i, b in enumerate(by_sheet[sheet], start=1):
            named.append((b, f"Tombol{b.macro}{i}", spid))
            spid += 1
        vml = pkg.unused_name("xl/drawings/vmlDrawing%d.vml")
        pkg.add_part(vml, _vml(block, named, _Grid(etree.tostring(pkg.xml(part))), others))
        rid = pkg.add_rel(part, VML_REL, vml)
        _insert_legacy(pkg.xml(part), rid)
        pkg.touch(part)


def ensure(pkg: Package, buttons: Sequence[Button]) -> list[tuple[str, str, str]]:
    """Rebuild the template's buttons when they are damaged; returns what was wrong."""
    why = damage(pkg, buttons)
    if why:
        rebuild(pkg, buttons)
    return why
