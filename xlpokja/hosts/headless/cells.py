"""Cells calamine reads as blank or as a plain value although they are not: error values,
formulas with or without a stored result.

The sheet's XML is searched for ``<f`` and ``t="e"`` only (a C-speed byte search), so a
sheet of typed values costs one pass of ``re`` and nothing else; each hit is parsed alone.
SpreadsheetML under a namespace prefix (``<x:c>``) is read as well.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import unescape

from xlpokja.core.values import Special
from xlpokja.layout.base import col_letter, split_ref

_PREFIX = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet\b")
_ATTR = re.compile(rb"""\b([A-Za-z_:][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ENT = {"&quot;": '"', "&apos;": "'"}


def _text(b: bytes) -> str:
    return unescape(b.decode("utf-8", "replace"), _ENT)


def _position(data: bytes, p: bytes, start: int) -> str | None:
    """The reference of a cell written without ``r`` (allowed by the standard): its row's
    ``r`` (or the rows counted), and the column after the previous cell of the row."""
    row_start = data.rfind(b"<" + p + b"row", 0, start)
    if row_start < 0:
        return None
    row = 0  # each row: its r, or the row after the previous one (rare; small writers)
    heads = re.compile(rb"<" + re.escape(p) + rb"row([\s>/][^>]*)")
    for h in heads.finditer(data, 0, data.find(b">", row_start) + 1):
        m = re.search(rb"""\br\s*=\s*["'](\d+)["']""", h.group(1))
        row = int(m.group(1)) if m else row + 1
    col = 0
    cells = re.compile(rb"<" + re.escape(p) + rb"c([\s>/][^>]*)")
    for c in cells.finditer(data, row_start, start + len(p) + 3):
        r = re.search(rb"""\br\s*=\s*["']([A-Z]+)\d+["']""", c.group(1))
        col = split_ref(r.group(1).decode() + "1")[1] if r else col + 1
    return f"{col_letter(max(col, 1))}{row}"


def prefix(data: bytes) -> bytes:
    """The namespace prefix of a sheet's SpreadsheetML (``b"x:"``), or ``b""``."""
    m = _PREFIX.search(data)
    return (m.group(1) + b":") if m and m.group(1) else b""


def count_rows(data: bytes) -> int:
    """How many ``<row>`` elements a sheet has (bytes.count: no parse)."""
    p = prefix(data)
    return sum(data.count(b"<" + p + b"row" + end) for end in (b" ", b">", b"/", b"\n", b"\t"))


def _hits(data: bytes, p: bytes) -> list[int]:
    """Positions of ``<f`` (a formula) and `` t="e"`` (an error value), found with
    ``bytes.find`` (memchr speed: a regex alternation tries every byte)."""
    out: list[int] = []
    for needle, ends in ((b"<" + p + b"f", b" \t\r\n/>"), (b' t="e"', b""), (b" t='e'", b"")):
        i = data.find(needle)
        while i >= 0:
            nxt = data[i + len(needle):i + len(needle) + 1]
            if not ends or (nxt and nxt in ends):  # "<formula1>", "<fill>" are not formulas
                out.append(i)
            i = data.find(needle, i + 1)
    return sorted(out)


def scan(data: bytes) -> dict[tuple[int, int], Special]:
    """(row, column) -> :class:`Special` for every error-value or formula cell of a sheet."""
    p = prefix(data)
    pe = re.escape(p)
    open_c = b"<" + p + b"c"
    close_c = b"</" + p + b"c>"
    vpat = re.compile(rb"<" + pe + rb"v(?:\s[^>]*)?(?:/>|>(.*?)</" + pe + rb"v>)", re.DOTALL)
    fpat = re.compile(rb"<" + pe + rb"f(\s[^>]*?)?(?:/>|>(.*?)</" + pe + rb"f>)", re.DOTALL)
    shared: dict[str, str] = {}
    out: dict[tuple[int, int], Special] = {}
    done = -1
    for hit in _hits(data, p):
        start = data.rfind(open_c, 0, hit + 1)
        while start >= 0 and data[start + len(open_c):start + len(open_c) + 1] not in b" \t\r\n>/":
            start = data.rfind(open_c, 0, start)  # "<col", "<cfRule"… are not cells
        if start < 0 or start <= done:
            continue
        head_end = data.find(b">", start)
        head = data[start:head_end + 1]
        if head.endswith(b"/>"):
            end = head_end + 1
        else:
            end = data.find(close_c, head_end)
            end = len(data) if end < 0 else end + len(close_c)
        done = start
        attrs = {k.decode(): (a or b).decode()
                 for k, a, b in _ATTR.findall(head)}
        ref = attrs.get("r") or _position(data, p, start)
        if not ref:
            continue
        body = data[head_end + 1:end]
        v = vpat.search(body)
        stored = _text(v.group(1)) if v and v.group(1) else ""  # <v/>: an empty result
        f = fpat.search(body)
        formula = ""
        if f:
            fattrs = {k.decode(): (a or b).decode()
                      for k, a, b in _ATTR.findall(f.group(1) or b"")}
            formula = _text(f.group(2)) if f.group(2) else ""
            if fattrs.get("t") == "shared":
                si = fattrs.get("si", "")
                if formula:
                    shared[si] = formula
                else:
                    formula = shared.get(si, "")
        is_error = attrs.get("t") == "e"
        try:
            key = split_ref(ref)
        except (ValueError, KeyError):
            continue
        if f is None:
            out[key] = Special("error", "", stored)
        elif not v or (stored == "" and attrs.get("t") not in ("str", "inlineStr")):
            out[key] = Special("formula_novalue", formula, "")
        else:
            out[key] = Special("error" if is_error else "formula", formula, stored)
    return out
