"""xlpokja buttons for LibreOffice Calc (the script of the xlpokja extension, ``.oxt``).

A workbook's button calls its VBA macro (``Tombol.Hitung`` …); in LibreOffice that macro
calls the function of the same name here with the document (``ThisComponent``). The
calculation is the Python package ``xlpokja`` in the ``pythonpath`` folder beside this file:
the same code as in Excel and headless, with nothing to install but the extension.

Each function also works bound to a button directly (it then receives the button's event
and takes the document the script runs in).
"""

import os
import sys

# our own copy first, before any other xlpokja LibreOffice's Python may see (the script
# provider appends the pythonpath folder; __file__ is set only after this module ran)
_HERE = os.path.join(os.path.dirname(os.path.abspath((lambda: 0).__code__.co_filename)),
                     "pythonpath")
if os.path.isdir(_HERE) and sys.path[:1] != [_HERE]:
    sys.path.insert(0, _HERE)


def _document(args):
    """The workbook: given by the VBA button, else the document the macro runs in (Tools >
    Macros > Run Macro), else the one in front."""
    if args and hasattr(args[0], "getSheets"):
        return args[0]
    ctx = XSCRIPTCONTEXT  # noqa: F821 - given by LibreOffice's script provider
    doc = ctx.getDocument()
    if doc is None or not hasattr(doc, "getSheets"):
        doc = ctx.getDesktop().getCurrentComponent()
    return doc


def _press(name, args):
    from xlpokja.hosts.libreoffice.macro import button

    return button(_document(args), name)


def hitung(*args):
    """Hitung: check the inputs, extend the tables, refresh every result."""
    return _press("hitung", args)


def kunci_bobot(*args):
    """Kunci bobot: record the agreed criteria, weights and scale, then Hitung."""
    return _press("kunci_bobot", args)


def buka_kunci(*args):
    """Buka kunci bobot: release the recorded weights, then Hitung."""
    return _press("buka_kunci", args)


def putaran_seri(*args):
    """Putaran seri: a tie round for the tied options only, then Hitung."""
    return _press("putaran_seri", args)


def gabung(*args):
    """Gabung: pick a folder; its forms, workbooks and survey exports into Jawaban."""
    return _press("gabung", args)


g_exportedScripts = (hitung, kunci_bobot, buka_kunci, putaran_seri, gabung)
