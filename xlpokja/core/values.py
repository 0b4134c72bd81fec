"""The classes of value a spreadsheet cell holds, as every adapter hands them to the core.

An adapter (headless, Excel, LibreOffice) reads a cell as one of:

* ``None`` — blank (an empty text ``""`` is blank too, as for Excel's ``COUNTBLANK``);
* ``float`` / ``int`` — a number Excel can hold (finite, magnitude ≤ :data:`EXCEL_MAX`);
* :class:`XlDate` — a number shown as a date: a ``float`` (Excel's serial day number,
  which is what Excel's formulas compute with) that remembers how it was shown;
* ``str`` — text;
* ``bool`` — TRUE / FALSE;
* :class:`XlError` — an error value (``#N/A``, ``#DIV/0!`` …), also a number no spreadsheet
  holds (NaN, infinity, beyond :data:`EXCEL_MAX`: ``#NUM!``).

A formula in an input cell is read as its stored result; a formula without a stored
result is read as blank; adapters list both (:class:`Special`) so that
:func:`xlpokja.actions.screen` names every such cell (decisions.md §4: nothing counted or
dropped silently).
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass

#: the largest magnitude Excel stores in a cell (Excel specifications and limits)
EXCEL_MAX = 9.99999999999999e307
#: the most characters Excel holds in one cell (Excel specifications and limits)
MAX_TEXT = 32767

_EPOCH = _dt.datetime(1899, 12, 30)


class XlError(str):
    """An Excel error value read from a cell (``XlError("#N/A")``); compares as its text."""

    __slots__ = ()


class XlDate(float):
    """A date or time cell: its Excel serial number (1900 system), shown as ``iso``."""

    iso: str

    def __new__(cls, serial: float, iso: str) -> XlDate:
        obj = super().__new__(cls, serial)
        obj.iso = iso
        return obj

    def __reduce__(self) -> tuple[object, ...]:
        return (XlDate, (float(self), self.iso))


def excel_serial(value: _dt.date | _dt.datetime | _dt.time | _dt.timedelta) -> XlDate:
    """The serial Excel computes with for a date/time value a reader returned."""
    if isinstance(value, _dt.timedelta):
        return XlDate(value.total_seconds() / 86400, str(value))
    if isinstance(value, _dt.time):
        secs = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
        return XlDate(secs / 86400, value.isoformat())
    if not isinstance(value, _dt.datetime):
        value = _dt.datetime(value.year, value.month, value.day)
        iso = value.date().isoformat()
    else:
        iso = value.isoformat(sep=" ") if (value.hour, value.minute, value.second) != (0, 0, 0) \
            else value.date().isoformat()
    serial = (value - _EPOCH).total_seconds() / 86400
    if serial < 61:  # Excel's 1900 leap-year bug: serials before 1 March 1900 are one less
        serial -= 1
    return XlDate(serial, iso)


def cell_value(v: object) -> object:
    """One raw value of a reader (calamine, xlwings, UNO) as the core receives it."""
    t = type(v)
    if t is float:
        return v if -EXCEL_MAX <= v <= EXCEL_MAX else XlError("#NUM!")  # NaN fails both
    if t is str:
        return None if v == "" else v
    if v is None or t is int or t is bool or t is XlError or t is XlDate:
        return v
    if isinstance(v, (_dt.date, _dt.time, _dt.timedelta)):
        return excel_serial(v)
    if isinstance(v, float):
        return cell_value(float(v))
    return v


def as_text(v: object) -> str:
    """A cell value as the text a person reads in it: blank ``""``, a date as its ISO date,
    a whole number without ``.0`` (a code typed as 7 is "7"), anything else ``str``."""
    if v is None:
        return ""
    if isinstance(v, XlDate):
        return v.iso
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def json_safe(v: object) -> object:
    """``v`` with every NaN and infinity (not JSON) as ``None`` (JSON null), in dicts, lists
    and tuples too: what ``--json`` and :func:`xlpokja.read` give."""
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if isinstance(v, dict):
        return {k: json_safe(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [json_safe(x) for x in v]
    return v


def is_bad_number(v: object) -> bool:
    """A float no spreadsheet cell holds (NaN, ±infinity, beyond :data:`EXCEL_MAX`)."""
    return isinstance(v, float) and not (math.isfinite(v) and abs(v) <= EXCEL_MAX)


@dataclass(frozen=True)
class Special:
    """An input cell whose value is not simply typed: ``kind`` is ``"error"`` (an error
    value), ``"formula"`` (a formula with its stored result), ``"formula_novalue"`` (a
    formula without a stored result), or ``"number"`` (a number no spreadsheet holds)."""

    kind: str
    formula: str = ""
    text: str = ""  # the stored result or error as written in the file
