"""Excel formulas in the grammar LibreOffice's API reads, and back for references.

``XCell.setFormula`` / ``XCellRange.setFormulaArray`` read the *API grammar* (Calc A1
references, English function names, ``;`` between arguments). An Excel formula set as it is
can be mis-read without any error: ``COUNTA(Jawaban!B5:B10)`` becomes a reference to an
unknown name and counts 1 (hosts.md §4). :func:`to_calc` rewrites what differs:

* ``Sheet!A1:B2`` and ``'Lampiran B'!A1`` → ``$Sheet.A1:B2``, ``$'Lampiran B'.A1``;
* ``,`` between arguments → ``;``; inside an array constant ``{1,2;3,4}`` → ``{1;2|3;4}``;
* ``TRUE`` / ``FALSE`` → ``TRUE()`` / ``FALSE()`` (a bare ``TRUE`` becomes the number 1);
* a ``_xlfn.`` / ``_xlws.`` prefix is dropped (Calc knows the function by its own name).

Text in double quotes is never touched. Structured references (``Table[Col]``) and 3-D
references (``Sheet1:Sheet3!A1``) are refused (:class:`ValueError`): the templates use
neither. Every formula the templates use is checked against LibreOffice's own parser and
results in the tests (``tests/hosts/libreoffice``).

Pure Python (no ``uno``): the extension and the tests import it alike.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SHEET = re.compile(r"(?<![\w.$'])([A-Za-z_\\][\w.]*)!")
_BOOL = re.compile(r"(?<![\w.$])(TRUE|FALSE)\b(?!\s*\()(?![.!])", re.IGNORECASE)
_PREFIX = re.compile(r"(?<![\w.])_xl(?:fn|ws)\.", re.IGNORECASE)


@lru_cache(maxsize=65536)
def to_calc(formula: str) -> str:
    """``formula`` (Excel A1 grammar, with or without the leading ``=``) in LibreOffice's API
    grammar, with a leading ``=``.

    Raises :class:`ValueError` for what the templates never use and this does not translate
    (structured and 3-D references, an unclosed text or sheet name)."""
    f = formula[1:] if formula.startswith("=") else formula
    out: list[str] = []
    i, n, depth_array = 0, len(f), 0
    while i < n:
        ch = f[i]
        if ch == '"':  # text: copied as it is ("" is a quote inside)
            j = _closing(f, i, "text", formula)
            out.append(f[i:j + 1])
            i = j + 1
            continue
        if ch == "'":  # 'sheet name'!
            j = _closing(f, i, "sheet name", formula)
            if j + 1 >= n or f[j + 1] != "!":
                raise ValueError(f"quoted name that is not a sheet: {formula!r}")
            out.append("$" + f[i:j + 1] + ".")
            i = j + 2
            continue
        if ch == "{":
            depth_array += 1
        elif ch == "}":
            depth_array -= 1
        elif ch == "[":
            raise ValueError(f"structured references are not translated: {formula!r}")
        elif ch == ",":
            out.append(";")
            i += 1
            continue
        elif ch == ";" and depth_array:
            out.append("|")
            i += 1
            continue
        # a run of plain formula text up to the next character that needs a decision
        j = i + 1 if ch in "{}" else i
        while j < n and f[j] not in "\"'{}[,;":
            j += 1
        out.append(_plain(f[i:j], formula))
        i = j
    return "=" + "".join(out)


def _closing(f: str, i: int, what: str, formula: str) -> int:
    """Index of the quote closing the one at ``f[i]`` (a doubled quote is one inside)."""
    q, j = f[i], i + 1
    while True:
        j = f.find(q, j)
        if j < 0:
            raise ValueError(f"{what} without its closing quote: {formula!r}")
        if f[j + 1:j + 2] != q:
            return j
        j += 2


def _plain(text: str, formula: str) -> str:
    if ":" in text and re.search(r"[\w.]:[A-Za-z_][\w.]*!", text):
        raise ValueError(f"3-D references are not translated: {formula!r}")
    text = _PREFIX.sub("", text)
    text = _SHEET.sub(r"$\1.", text)
    return _BOOL.sub(lambda m: m.group(1).upper() + "()", text)


_CALC_REF = re.compile(r"\$?('(?:[^']|'')+'|[^.:$'!]+)\.(\$?[A-Z]+\$?\d+)"
                       r"(?::(?:\$?(?:'(?:[^']|'')+'|[^.:$'!]+)\.)?(\$?[A-Z]+\$?\d+))?$")


def ref_to_excel(content: str) -> str:
    """A defined name's content as LibreOffice gives it (``$Jawaban.$A$5:$AK$54``) in Excel's
    grammar (``Jawaban!$A$5:$AK$54``, the form the templates' extents use). Anything else
    (a formula, several ranges) is returned unchanged."""
    m = _CALC_REF.match(content.strip())
    if not m:
        return content
    sheet, a, b = m.groups()
    if sheet.startswith("'") or not re.fullmatch(r"[A-Za-z_][\w.]*", sheet):
        sheet = sheet if sheet.startswith("'") else "'" + sheet.replace("'", "''") + "'"
    return f"{sheet}!{a}" + (f":{b}" if b else "")


_ROW_REF = re.compile(r'"(?:[^"]|"")*"|(?<![\w.$])(\$?[A-Za-z]{1,3})(\$?)(\d+)(?![\w(])')


def row_pattern(formula: str, row: int) -> str:
    """``formula`` of a cell in ``row`` with every relative row number written as its
    offset from ``row`` (text in quotes kept as it is): two cells of one column whose
    patterns are equal hold the same formula filled down, so Calc can copy the first one
    (``fillAuto``: relative references move, absolute ones stay) instead of parsing each.

    ``row_pattern('IF(Jawaban!A5="",B$3,C6)', 5) == 'IF(Jawaban!A[0]="",B$3,C[1])'``"""

    def rel(m: re.Match[str]) -> str:
        col, dollar, digits = m.groups()
        if col is None or dollar:  # text in quotes, or an absolute row
            return m.group(0)
        return f"{col}[{int(digits) - row}]"

    return _ROW_REF.sub(rel, formula)
