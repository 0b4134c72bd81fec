"""The names the workbooks' buttons and settings call (``RunPython "import xlpokja.excel as
x; x.hitung()"`` in ``macros/Tombol.bas``): kept stable for workbooks already in use. The
Excel host itself is :mod:`xlpokja.hosts.excel`; Gabung is here, not there, because it reads
files with pandas, which xlwings Lite (whose bundle holds the Excel host) cannot."""

from xlpokja.hosts.excel import XlwingsBook, buka_kunci, button, hitung, kunci_bobot, putaran_seri


def gabung(folder: str) -> None:
    """Target of the Gabung button (``RunPython "import xlpokja.excel as x;
    x.gabung('FOLDER')"``, the folder chosen in Excel's folder picker): the forms, workbooks
    and survey exports in ``folder`` (and its subfolders) into this workbook's ``Jawaban``,
    read with :mod:`xlpokja.merge.readers`, then Hitung. The open workbook's own file is
    never read; the source files are never written."""
    import xlwings as xw

    from xlpokja.merge import local, merge

    book = xw.Book.caller()
    try:
        grids, notes, unread = local.read_sources([folder], exclude=[book.fullname] if
                                                  book.fullname else [])
    except FileNotFoundError:
        book.app.alert(f"Folder tidak ditemukan: {folder}", title="xlpokja: Gabung gagal")
        return
    button("gabung", book, grids=grids, report=merge.Report(), notes=notes,
            read_problems=unread)


__all__ = ["XlwingsBook", "buka_kunci", "gabung", "hitung", "kunci_bobot", "putaran_seri"]
