"""The names the workbooks' buttons and settings call (``RunPython "import xlpokja.excel as
x; x.hitung()"`` in ``macros/Tombol.bas``): kept stable for workbooks already in use. The
Excel host itself is :mod:`xlpokja.hosts.excel`."""

from xlpokja.hosts.excel import (
    XlwingsBook,
    buka_kunci,
    gabung,
    hitung,
    kunci_bobot,
    putaran_seri,
)

__all__ = ["XlwingsBook", "buka_kunci", "gabung", "hitung", "kunci_bobot", "putaran_seri"]
