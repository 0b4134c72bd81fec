"""xlwings Lite: what the workbook's own ``main.py`` runs when a Lite sheet button is pressed.

xlwings Lite (a free Excel add-in) runs Python inside Excel (Pyodide); the code lives in the
workbook (``xl/webextensions/webextension1.xml``, written by ``xlpokja build``:
:mod:`xlpokja.hosts.headless.lite`). Its ``main.py`` carries this package and has one
``@script`` per sheet button, each calling :func:`tombol` with the button's action, and one
``@func`` per UDF of :mod:`xlpokja.udfs`.

The book a Lite script gets is xlwings' remote book: the values Excel sent when the button
was pressed, and writes queued as actions that Lite applies to the workbook. The adapter is
the same :class:`~xlpokja.hosts.excel.XlwingsBook` as under desktop Excel (its remote branch
reads its own writes back through an overlay, so an action that writes inputs and then runs
Hitung never computes from stale values).

Under Lite itself (``sys.platform == "emscripten"``) the queued writes are applied inside the
script (``await book.flush()``), with the protection of the sheets written lifted through
Office.js around them and restored as it was: the templates protect their sheets, and
xlwings has no protect/unprotect action. Whether Excel accepts this is on the checklist of
``docs/lite.md``; elsewhere (xlwings' remote engine on Linux, the tests) the actions are left
in ``book.json()`` for the caller.

Messages go to Lite's output pane (``print``), in Indonesian: the scripts open the task pane.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

#: True inside xlwings Lite (Pyodide)
IN_LITE = sys.platform == "emscripten"


def now() -> dt.datetime:
    """The local time of the person pressing the button (Pyodide's clock is UTC: the
    browser's time-zone offset is applied)."""
    t = dt.datetime.now().replace(microsecond=0)
    if IN_LITE:  # pragma: no cover - only inside Excel
        try:
            import js

            offset = int(js.Date.new().getTimezoneOffset())  # minutes, UTC - local
            t = dt.datetime.utcnow().replace(microsecond=0) - dt.timedelta(minutes=offset)
        except Exception:  # noqa: BLE001 - keep Pyodide's clock
            pass
    return t


def run(book: Any, action: str) -> tuple[bool, str]:
    """Run one button's action on a remote ``xlwings.Book``: (done, message). Nothing is
    written when the action refuses (the message says why)."""
    from xlpokja import actions
    from xlpokja.core.problems import XlpokjaError
    from xlpokja.hosts.excel import XlwingsBook

    options = {"when": now()} if action == "kunci_bobot" else {}
    try:
        res = actions.run(XlwingsBook(book), action, **options)
    except XlpokjaError as e:
        return False, f"xlpokja: {actions.title(action)} gagal.\n{e.message('id')}"
    return True, f"xlpokja: {actions.title(action)}. {actions.outcome(res)}"


async def tombol(book: Any, action: str) -> Any:
    """The body of every Lite sheet button: run the action, apply its writes (under Lite),
    print the outcome. Returns the book, as xlwings' script wrapper expects."""
    done, text = run(book, action)
    if done and IN_LITE:  # pragma: no cover - only inside Excel
        try:
            await _apply(book)
        except Exception as e:  # noqa: BLE001 - tell the person, in their language
            from xlpokja.actions import title

            text = (f"xlpokja: {title(action)} gagal: Excel menolak menulis hasilnya ({e}).\n"
                    "Jika sheet terkunci, buka kuncinya (Tinjau > Buka Proteksi Lembar), "
                    "tekan tombol lagi, lalu kunci kembali.")
    print(text)
    return book


def written_sheets(book: Any) -> list[str]:
    """The sheets the queued actions write to, in workbook order."""
    names = [s.name for s in book.sheets]
    pos = {a.get("sheet_position") for a in book.json().get("actions", [])}
    return [names[i] for i in sorted(p for p in pos if isinstance(p, int))]


async def _apply(book: Any) -> None:  # pragma: no cover - only inside Excel
    """Apply the queued writes now, each written sheet unprotected meanwhile and protected
    again with its own options (Office.js ``WorksheetProtection``)."""
    sheets = written_sheets(book)
    lifted = await _unprotect(sheets)
    try:
        await book.flush()
    finally:
        if lifted:
            await _protect(lifted)


async def _excel_run(body: Any) -> None:  # pragma: no cover - only inside Excel
    import js
    from pyodide.ffi import create_proxy

    proxy = create_proxy(body)
    try:
        await js.Excel.run(proxy)
    finally:
        proxy.destroy()


async def _unprotect(sheets: list[str]) -> dict[str, Any]:  # pragma: no cover - Excel only
    lifted: dict[str, Any] = {}

    async def body(context: Any) -> None:
        found = []
        for name in sheets:
            prot = context.workbook.worksheets.getItem(name).protection
            prot.load("protected,options")
            found.append((name, prot))
        await context.sync()
        for name, prot in found:
            if prot.protected:
                lifted[name] = prot.options
                prot.unprotect()
        await context.sync()

    await _excel_run(body)
    return lifted


async def _protect(lifted: dict[str, Any]) -> None:  # pragma: no cover - only inside Excel
    async def body(context: Any) -> None:
        for name, options in lifted.items():
            context.workbook.worksheets.getItem(name).protection.protect(options)
        await context.sync()

    await _excel_run(body)


__all__ = ["IN_LITE", "now", "run", "tombol", "written_sheets"]
