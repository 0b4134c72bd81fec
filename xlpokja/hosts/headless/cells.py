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
from xlpokja.layout.base import split_ref

_PREFIX = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet\b")
_ATTR = re.compile(rb"""\b([A-Za-z_:][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ENT = {"&quot;": '"', "&apos;": "'"}


def _text(b: bytes) -> str:
    return unescape(b.decode("utf-8", "replace"), _ENT)


def scan(data: bytes) -> dict[tuple[int, int], Special]:
    """(row, column) -> :class:`Special` for every error-value or formula cell of a sheet."""
    m = _PREFIX.search(data)
    p = (m.group(1) + b":") if m and m.group(1) else b""
    pe = re.escape(p)
    token = re.compile(rb"<" + pe + rb"f[\s/>]|\st\s*=\s*[\"']e[\"']")
    open_c = b"<" + p + b"c"
    close_c = b"</" + p + b"c>"
    vpat = re.compile(rb"<" + pe + rb"v(?:\s[^>]*)?>(.*?)</" + pe + rb"v>", re.DOTALL)
    fpat = re.compile(rb"<" + pe + rb"f(\s[^>]*?)?(?:/>|>(.*?)</" + pe + rb"f>)", re.DOTALL)
    shared: dict[str, str] = {}
    out: dict[tuple[int, int], Special] = {}
    done = -1
    for hit in token.finditer(data):
        start = data.rfind(open_c, 0, hit.start() + 1)
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
        ref = attrs.get("r")
        if not ref:
            continue  # a cell without a reference: calamine places it, we cannot name it
        body = data[head_end + 1:end]
        v = vpat.search(body)
        stored = _text(v.group(1)) if v else ""
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
