"""The weights lock (Kunci bobot / Buka kunci) of the MCUA family, written once.

Criteria and weights are agreed in plenary and locked before groups score; the lock is
recorded (decisions.md §16). A template describes where its lock record lives with a
:class:`Lock` and calls :func:`record` / :func:`clear` from its button actions; the
record is input only (copies of the criteria rows and settings, and the time), so
Hitung and the workbook's own formulas decide the lock status from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from xlpokja.core.problems import Problem, XlpokjaError

NONE, OK, CHANGED = "belum dikunci", "terkunci", "BERUBAH"


@dataclass(frozen=True)
class Lock:
    sheet: str
    first_row: int  # first criterion row
    copy_col: int  # first of the two columns holding the locked name and weight
    settings_row: int  # first settings row
    settings_copy_col: int  # column holding the locked settings
    time_cell: str
    status_cell: str


def record(book: Any, lock: Lock, lock_status: str, weights_ok: bool,
           problems: Sequence[Problem], weights_status: Problem,
           rows: Sequence[Sequence[Any]], settings: Sequence[Any],
           when: dt.datetime | None = None) -> None:
    """Kunci bobot: refuse (nothing written) while the weights are not valid or changed
    since an earlier lock; else record ``rows`` (name, weight), ``settings`` and when."""
    if lock_status == CHANGED:
        raise XlpokjaError([Problem("BOBOT_BERUBAH", lock.sheet, lock.status_cell,
                                    "Buka kunci dulu", CHANGED)])
    if not weights_ok:
        raise XlpokjaError(list(problems) or [weights_status])
    when = when or dt.datetime.now().replace(microsecond=0)
    book.write_block(lock.sheet, lock.first_row, lock.copy_col, [list(r) for r in rows])
    book.write_block(lock.sheet, lock.settings_row, lock.settings_copy_col,
                     [[v] for v in settings])
    book.write_value(lock.sheet, lock.time_cell, when.strftime("%Y-%m-%d %H:%M"))


def clear(book: Any, lock: Lock, n_rows: int, n_settings: int) -> None:
    """Buka kunci: clear the record; the criteria and weights stay as they are."""
    book.write_block(lock.sheet, lock.first_row, lock.copy_col, [[None, None]] * n_rows)
    book.write_block(lock.sheet, lock.settings_row, lock.settings_copy_col,
                     [[None]] * n_settings)
    book.write_value(lock.sheet, lock.time_cell, None)
