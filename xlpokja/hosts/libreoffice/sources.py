"""The Gabung button inside LibreOffice: the folder asked for with Calc's own folder dialog,
the source files read through LibreOffice's own filters (no pandas in LibreOffice's
Python), each opened hidden, read-only and with its macros never run, then closed.

The files are found by :func:`xlpokja.merge.files.collect` and their sheets classified by
:class:`~xlpokja.hosts.libreoffice.book.UnoBook`, the same reader the buttons use, so an
error value in a source is an error value here too.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from xlpokja.core.problems import Problem
from xlpokja.merge.files import collect, unreadable
from xlpokja.merge.model import Grid

#: tests (never users) set this to a folder: the folder dialog is not shown
FOLDER_ENV = "XLPOKJA_LO_FOLDER"
#: the CSV filter: separators comma, semicolon or tab; quote ", UTF-8, from line 1
CSV_FILTER = "Text - txt - csv (StarCalc)"
CSV_OPTIONS = "44/59/9,34,76,1"


def ask_folder(doc: Any) -> str | None:
    """The folder the person picked (``None``: cancelled)."""
    fixed = os.environ.get(FOLDER_ENV)
    if fixed:
        return fixed
    import uno

    ctx = uno.getComponentContext()
    picker = ctx.ServiceManager.createInstanceWithContext(
        "com.sun.star.ui.dialogs.FolderPicker", ctx)
    picker.setTitle("Gabung: pilih folder berisi formulir dan ekspor jawaban")
    url = doc.getURL()
    if url:
        picker.setDisplayDirectory(url.rsplit("/", 1)[0])
    if picker.execute() != 1:
        return None
    return uno.fileUrlToSystemPath(picker.getDirectory())


def _props(**kw: Any) -> tuple[Any, ...]:
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

    out = []
    for k, v in kw.items():
        p = PropertyValue()
        p.Name, p.Value = k, v
        out.append(p)
    return tuple(out)


def _grids(desktop: Any, path: Path, name: str) -> list[Grid]:
    import uno

    from xlpokja.hosts.libreoffice.book import UnoBook

    kw: dict[str, Any] = dict(Hidden=True, ReadOnly=True, MacroExecutionMode=0,
                              UpdateDocMode=0)
    if path.suffix.lower() == ".csv":
        kw.update(FilterName=CSV_FILTER, FilterOptions=CSV_OPTIONS)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(str(path.resolve())),
                                       "_blank", 0, _props(**kw))
    if doc is None or not hasattr(doc, "getSheets"):
        if doc is not None:
            doc.close(True)
        raise ValueError("bukan lembar kerja")
    try:
        book = UnoBook(doc)
        template = book.template_id()
        mtime = dt.datetime.fromtimestamp(path.stat().st_mtime).replace(
            microsecond=0).isoformat(sep=" ")
        out = []
        for sheet in book.sheet_names():
            _rows, cols = book._used(sheet)
            rows = book.read_block(sheet, 1, max(cols, 1))
            out.append(Grid(name, "" if path.suffix.lower() == ".csv" else sheet, rows,
                            mtime, template))
        return out
    finally:
        doc.close(True)


def read_sources(doc: Any, folder: str) -> tuple[list[Grid], list[str], list[Problem]]:
    """``(grids, notes, unread)`` of every source file under ``folder``, as
    :func:`xlpokja.merge.local.read_sources` gives them headless; ``doc`` (the workbook
    merged into) is never read."""
    import uno

    own = [Path(uno.fileUrlToSystemPath(doc.getURL()))] if doc.getURL() else []
    found, notes = collect([folder], exclude=own)
    ctx = uno.getComponentContext()
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    grids: list[Grid] = []
    unread: list[Problem] = []
    for path, name in found:
        try:
            grids += _grids(desktop, path, name)
        except Exception as e:  # noqa: BLE001 - one bad file: reported, the others merged
            unread.append(unreadable(name, f"{type(e).__name__}: {e}"))
    return grids, notes, unread
