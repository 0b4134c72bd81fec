"""The buttons inside LibreOffice Calc: one action on the open document, and a dialog.

A workbook's button calls its VBA macro (``macros/Tombol.bas``); in LibreOffice that macro
hands the document to the Python script of the xlpokja extension (``xlpokja_lo.py``, built
by :mod:`xlpokja.hosts.libreoffice.oxt`), which calls :func:`button` here. The person then
sees a dialog with the same Indonesian text as in Excel: the problems found, or why
nothing was computed (:class:`~xlpokja.core.problems.XlpokjaError`); never a Basic or Python
error.

While the action writes, Calc's automatic calculation and screen updates are paused and
the action is grouped as one undo step. That step does not restore everything: LibreOffice
7.4 leaves what the action wrote into cells that were empty (a new Masalah row, a tie
round), so *Edit → Undo* is no way back from a Hitung — pressing Hitung again is (it
rewrites every result). An unexpected failure halfway is undone as far as Calc can, and the
dialog says to press Hitung again.
"""

from __future__ import annotations

import datetime as dt
import os
import traceback
from typing import Any

#: tests (never users) set this to a file: every dialog text is appended there as JSON
LOG_ENV = "XLPOKJA_LO_LOG"
#: tests (never users) set this to an ISO time: the time Kunci bobot records
TIME_ENV = "XLPOKJA_LO_WAKTU"


def button(doc: Any, action: str) -> str:
    """Run the button of ``action`` (``hitung`` or a key of :data:`xlpokja.actions.ACTIONS`)
    on ``doc`` (a Calc document) and show the outcome in a dialog. Returns the dialog's
    text."""
    from xlpokja import actions
    from xlpokja.core.problems import XlpokjaError
    from xlpokja.hosts.libreoffice.book import UnoBook

    title = actions.title(action)
    if doc is None or not hasattr(doc, "getSheets"):
        msg = ("Tidak ada buku kerja Calc yang terbuka: buka workbook xlpokja, klik salah satu "
               "selnya, lalu jalankan makro ini lagi.")
        _log(doc, f"xlpokja: {title} gagal", msg, True)
        return msg
    options: dict[str, Any] = {}
    if action == "kunci_bobot":
        fixed = os.environ.get(TIME_ENV)
        options["when"] = (dt.datetime.fromisoformat(fixed) if fixed else
                           dt.datetime.now().replace(microsecond=0))
    if action == "gabung":
        from xlpokja.hosts.libreoffice import sources
        from xlpokja.merge.merge import Report

        folder = sources.ask_folder(doc)
        if not folder:
            return ""  # cancelled: nothing to say
        grids, notes, unread = sources.read_sources(doc, folder)
        options.update(grids=grids, report=Report(), notes=notes, read_problems=unread)
    book = UnoBook(doc)
    undo = _undo_manager(doc)
    error = True
    doc.lockControllers()
    doc.enableAutomaticCalculation(False)
    if undo is not None:
        undo.enterUndoContext(f"xlpokja: {title}")
    failed = False
    try:
        msg = actions.outcome(actions.run(book, action, **options))
        if "report" in options:
            msg = options["report"].summary() + "\n\n" + msg
        head = f"xlpokja: {title}"
        error = False
    except XlpokjaError as e:
        msg, head = e.message("id"), f"xlpokja: {title} gagal"
    except Exception as e:  # noqa: BLE001 - shown to the person, the book is restored
        failed = True
        msg = ("Terjadi kesalahan yang tidak terduga; hasil mungkin baru sebagian ditulis. "
               "Perbaiki isian bila perlu lalu tekan Hitung lagi (semua hasil ditulis ulang). "
               f"Mohon laporkan teks ini:\n{type(e).__name__}: {e}\n"
               + "".join(traceback.format_exception(type(e), e, e.__traceback__)[-3:]))
        head = f"xlpokja: {title} gagal"
    finally:
        try:
            book.finish()
        finally:
            if undo is not None:
                undo.leaveUndoContext()
                if failed:
                    undo.undo()
            doc.enableAutomaticCalculation(True)
            doc.calculate()
            doc.unlockControllers()
    _show(doc, head, msg, error)
    return msg


def _log(doc: Any, title: str, msg: str, error: bool) -> None:
    log = os.environ.get(LOG_ENV)
    if log:
        import json

        url = doc.getURL() if doc is not None and hasattr(doc, "getURL") else ""
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"document": url, "title": title, "message": msg,
                                 "error": error}) + "\n")


def _undo_manager(doc: Any) -> Any:
    try:
        return doc.getUndoManager()
    except Exception:  # noqa: BLE001 - an older document model: no undo step
        return None


def _show(doc: Any, title: str, msg: str, error: bool) -> None:
    """A message box over the document's window (nothing shown when there is none, as in a
    hidden document); the text also goes to :data:`LOG_ENV` when a test set it."""
    _log(doc, title, msg, error)
    try:
        import uno

        ctx = uno.getComponentContext()
        toolkit = ctx.ServiceManager.createInstanceWithContext("com.sun.star.awt.Toolkit", ctx)
        ctrl = doc.getCurrentController()
        if ctrl is None:
            return
        parent = ctrl.getFrame().getContainerWindow()
        if parent is None or not parent.isVisible():
            return  # hidden document (a script, a test): no one to read the dialog
        kind = uno.Enum("com.sun.star.awt.MessageBoxType", "ERRORBOX" if error else "INFOBOX")
        box = toolkit.createMessageBox(parent, kind, 1, title, msg)  # 1 = BUTTONS_OK
        box.execute()
        box.dispose()
    except Exception:  # noqa: BLE001, S110 - no window to show it in: the result stands
        pass
