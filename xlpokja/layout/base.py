"""Building blocks of a published template layout (no Excel library imported)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


def col_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    out = ""
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


@functools.lru_cache(maxsize=4096)
def col_index(letters: str) -> int:
    """A -> 1, AA -> 27."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


def split_ref(ref: str) -> tuple[int, int]:
    """``"B7"`` -> (row 7, column 2)."""
    m = _REF.match(ref)
    if not m:
        raise ValueError(f"not a cell reference: {ref!r}")
    return int(m.group(2)), col_index(m.group(1))


def cell_ref(row: int, col: int) -> str:
    return f"{col_letter(col)}{row}"


def abs_range(sheet: str, c1: int, r1: int, c2: int, r2: int) -> str:
    """Absolute range with the sheet, e.g. ``Jawaban!$B$5:$B$54``."""
    s = f"'{sheet}'" if not sheet.isalnum() else sheet
    return f"{s}!${col_letter(c1)}${r1}:${col_letter(c2)}${r2}"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    index: int  # 1-based sheet column
    kind: str = "input"  # "input" or "formula"
    note: str = ""

    @property
    def letter(self) -> str:
        return col_letter(self.index)


@dataclass(frozen=True)
class Table:
    """An input table: header row, first data row, one column per key."""

    name: str
    sheet: str
    header_row: int
    first_data_row: int
    columns: tuple[Column, ...]
    min_rows: int  # rows formatted and covered by formulas in a fresh template

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "sheet": self.sheet,
            "header_row": self.header_row,
            "first_data_row": self.first_data_row,
            "columns": [
                {"key": c.key, "header": c.header, "letter": c.letter, "kind": c.kind}
                for c in self.columns
            ],
        }


def _typed(text: str) -> Any:
    """A whole-number text as the number it means; any other text as it is."""
    return int(text) if text.strip().lstrip("-").isdigit() else text


@dataclass(frozen=True)
class Setting:
    """A single input cell (e.g. a policy choice)."""

    key: str
    sheet: str
    ref: str
    label: str
    choices: tuple[str, ...] = ()
    default: str = ""

    def to_json(self) -> dict[str, Any]:
        """Typed: a choice or default that is a whole number is published as a number (write
        it as a number: a text "5" in a number cell is a problem)."""
        return {"key": self.key, "sheet": self.sheet, "cell": self.ref, "label": self.label,
                "choices": [_typed(c) for c in self.choices], "default": _typed(self.default),
                "type": "number" if self.choices and all(
                    isinstance(_typed(c), int) for c in self.choices) else "text"}


@dataclass(frozen=True)
class FormulaCell:
    """A computed cell: its formula (for the builder and Excel) and its value as the core
    computes it (for headless recalc and for check)."""

    sheet: str
    ref: str
    formula: str  # without the leading "="
    value: Callable[[Any], Any]
    udf: bool = False  # the formula calls a Python UDF


@dataclass(frozen=True)
class Button:
    """A form button of a template: where it sits (points from the sheet's top-left
    corner), its caption and the macro of ``macros/Tombol.bas`` it runs."""

    sheet: str
    left: float
    top: float
    text: str = "Hitung"
    macro: str = "Hitung"
    width: float = 110.0
    height: float = 32.0


#: caption and macro (of ``macros/Tombol.bas``) of the buttons besides Hitung
SERI = ("Putaran seri", "PutaranSeri")
KUNCI = ("Kunci bobot", "KunciBobot")
BUKA = ("Buka kunci", "BukaKunci")
GABUNG_BUTTON = ("Gabung…", "Gabung")
