"""The two shapes every part of Gabung shares (pure Python: the LibreOffice host runs it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Grid:
    """One sheet of a source file, as read.

    ``rows[r][c]`` is the cell at sheet row ``r + 1``, column ``c + 1``, as
    :func:`xlpokja.core.values.cell_value` classifies it (``None`` blank, number, text,
    ``bool``, :class:`~xlpokja.core.values.XlDate`, :class:`~xlpokja.core.values.XlError`);
    rows may be ragged. ``file`` is the file as the person gave it (relative to the folder
    given, never an absolute path of this machine); ``sheet`` is ``""`` for a CSV file.
    """

    file: str
    sheet: str
    rows: list[list[Any]]
    mtime: str = ""  # the file's modification time, ISO 8601 to the second (local time)
    template: str | None = None  # the file's ``xlpokja_template`` property, if any

    @property
    def where(self) -> str:
        """How problems name this sheet: ``forms/ani.xlsx [Formulir]`` or ``kobo.csv``."""
        return where(self.file, self.sheet)


def where(file: str, sheet: str) -> str:
    """The ``sheet`` field of a :class:`~xlpokja.core.problems.Problem` about a source
    cell: the file, and the sheet in brackets (none for CSV)."""
    return f"{file} [{sheet}]" if sheet else file


@dataclass
class SourceRow:
    """One respondent's answers found in a source, and where each came from.

    ``answers`` holds 36 values in the order of
    :data:`xlpokja.instruments.penilaian_diri.calc.ITEM_KEYS`: a number where the source
    gave one (or a label that maps to one), ``None`` for blank (and "n/a", "tidak tahu"),
    and the raw value (text, :class:`~xlpokja.core.values.XlError`, date …) where it is no
    answer, so that nothing is lost and Hitung names it. ``cells[j]`` is the source cell
    of item j (``""`` where the source has no such item); ``row`` is the 1-based sheet row
    (for a form, the row of its respondent field).
    """

    file: str
    sheet: str
    row: int
    respondent: Any
    answers: list[Any]
    cells: list[str]
    respondent_cell: str = ""
    mtime: str = ""
    submission_id: str = ""  # Kobo/ODK ``_uuid`` (or ``meta/instanceID``), else ""
    submitted: str = ""  # submission time as the source wrote it (Kobo, Google Forms)
    notes: list[str] = field(default_factory=list)  # e.g. labels mapped to numbers
