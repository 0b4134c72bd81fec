"""A sheet of a workbook file as Gabung's :class:`~xlpokja.merge.model.Grid`, read the way the
headless host reads every workbook (:class:`~xlpokja.hosts.headless.recalc.PackageBook`:
python-calamine for the values, the scan of the sheet's XML for what calamine cannot tell,
such as error values)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from xlpokja.core.problems import Problem, XlpokjaError
from xlpokja.hosts.headless.recalc import PackageBook
from xlpokja.merge.model import Grid


def grid_of(path: Path, sheet: str | None = None, *, file: str | None = None) -> Grid:
    """The sheet ``sheet`` (default: the first) of the ``.xlsx``/``.xlsm`` file ``path``.

    Every cell as :func:`xlpokja.core.values.cell_value` classifies it (an error value as
    :class:`~xlpokja.core.values.XlError`, a date as :class:`~xlpokja.core.values.XlDate`),
    ``rows[r][c]`` the cell at row ``r + 1``, column ``c + 1``. ``file`` names the file in
    problems (default: its name); ``mtime`` is the file's modification time (local, ISO 8601
    to the second); ``template`` its ``xlpokja_template`` property.

    Raises :class:`~xlpokja.core.problems.XlpokjaError`: ``BERKAS_RUSAK`` (not a workbook
    package), ``SHEET_TIDAK_ADA``, ``BATAS_BARIS`` (more rows than
    :data:`~xlpokja.hosts.headless.recalc.MAX_SHEET_ROWS`).
    """
    path = Path(path)
    book = PackageBook(path)
    names = book.sheet_names()
    name = sheet if sheet is not None else (names[0] if names else "")
    if name not in names:
        raise XlpokjaError([Problem("SHEET_TIDAK_ADA", file or path.name, "", repr(name),
                                    ", ".join(names))])
    rows = book.source_grid(name)
    mtime = dt.datetime.fromtimestamp(os.stat(path).st_mtime).isoformat(timespec="seconds")
    return Grid(file=file or path.name, sheet=name, rows=rows, mtime=mtime,
                template=book.template_id())
