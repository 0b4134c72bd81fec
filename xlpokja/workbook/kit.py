"""What every workbook's builder shares: styles, headers, protection, print set-up, the
Petunjuk steps table, the Masalah and xlwings.conf sheets, and saving.

openpyxl writes sheets, styles, validation, protection and charts from the published
layout; pyOpenVBA adds the VBA module from ``macros/*.bas``; the headless Hitung then
fills every cached value and draws the template's buttons, so any reader sees results.
Each instrument's ``build.py`` uses these; ``xlpokja build`` runs them all.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.workbook.defined_name import DefinedName

from xlpokja.layout import common

MACROS_DIR = Path(__file__).resolve().parent.parent.parent / "macros"
FIXED_TIME = dt.datetime(2026, 1, 1, 0, 0, 0)

THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="1F4E78")
HEAD_FONT = Font(bold=True, color="FFFFFF")
INPUT_FILL = PatternFill("solid", fgColor="FFF9E5")
CALC_FILL = PatternFill("solid", fgColor="EAF1FB")
TITLE_FONT = Font(bold=True, size=14, color="1F4E78")
UNLOCKED = Protection(locked=False)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def sheet_title(ws: Any, text: str, sub: str = "") -> None:
    ws["A1"] = text
    ws["A1"].font = TITLE_FONT
    if sub:
        ws["A2"] = sub
        ws["A2"].font = Font(italic=True, color="555555")


def header_cell(ws: Any, row: int, col: int, text: str) -> None:
    c = ws.cell(row=row, column=col, value=text)
    c.fill, c.font, c.alignment, c.border = HEAD_FILL, HEAD_FONT, CENTER, BOX
    if len(text) > 8 and (ws.row_dimensions[row].height or 0) < 30:
        ws.row_dimensions[row].height = 30  # wrapped header text stays readable


def protect_sheet(ws: Any) -> None:
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.autoFilter = False
    ws.protection.sort = False


def print_setup(ws: Any, landscape: bool = False, title_rows: str | None = None) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    if title_rows:
        ws.print_title_rows = title_rows


def cell_policy_block(ws: Any) -> None:
    """Below what a Referensi sheet already shows: how Hitung reads each class of input cell
    (:data:`xlpokja.layout.common.CELL_POLICY`), the same text in every workbook."""
    import math

    from openpyxl.utils import get_column_letter

    r = ws.max_row + 2

    def width(c: int) -> float:
        return ws.column_dimensions[get_column_letter(c)].width or 8.43

    last = 2  # the text spans columns B..last: at least four, about 110 characters wide
    while last < 8 and (last < 4 or sum(width(c) for c in range(2, last + 2)) <= 110):
        last += 1
    chars = sum(width(c) for c in range(2, last + 1))
    ws.cell(row=r, column=1, value="Cara Hitung membaca isi sel").font = Font(
        bold=True, color="1F4E78")
    for i, (what, how) in enumerate(common.CELL_POLICY, start=r + 1):
        a = ws.cell(row=i, column=1, value=what)
        a.font, a.alignment, a.border = Font(bold=True), WRAP, BOX
        for c in range(2, last + 1):
            ws.cell(row=i, column=c).border = BOX
        b = ws.cell(row=i, column=2, value=how)
        b.alignment = WRAP
        ws.merge_cells(start_row=i, start_column=2, end_row=i, end_column=last)
        lines = max(math.ceil(len(how) / max(chars, 20)),  # the label is bold: narrower
                    math.ceil(len(what) / max(width(1) * 0.85, 8)))
        ws.row_dimensions[i].height = 15 * lines + 3


def shared_sheets(referensi: Any, masalah: Any) -> None:
    """What every template has alike: the cell-reading rules below its ``Referensi``, the
    ``Masalah`` sheet Hitung fills, and the hidden ``xlwings.conf`` sheet (created last)."""
    cell_policy_block(referensi)
    masalah_sheet(masalah)
    xlwings_conf_sheet(referensi.parent.create_sheet("xlwings.conf"))


def steps_table(ws: Any, steps: list[tuple[str, str]], height: float) -> None:
    """The instructions table of a Petunjuk sheet (first pair = headers), then where the
    buttons run (:data:`xlpokja.layout.common.HOSTS_NOTE`), protected."""
    steps = [*steps, ("", common.HOSTS_NOTE)]
    for i, (a, b) in enumerate(steps, start=4):
        ws.cell(row=i, column=1, value=a).alignment = CENTER
        ws.cell(row=i, column=2, value=b).alignment = WRAP
        if i == 4:
            header_cell(ws, i, 1, a)
            header_cell(ws, i, 2, b)
        else:  # tall enough for the text (about 95 characters a line at width 100)
            ws.row_dimensions[i].height = max(height, 15 * -(-len(b) // 95) + 3)
    ws.column_dimensions["A"].width = 9
    ws.column_dimensions["B"].width = 100
    print_setup(ws)
    protect_sheet(ws)


def masalah_sheet(ws: Any) -> None:
    sheet_title(ws, "MASALAH INPUT — diisi oleh tombol Hitung")
    ws["A2"] = "Jumlah masalah:"
    ws["A2"].font = Font(bold=True)
    for col, h in enumerate(common.MASALAH_HEADERS, start=1):
        header_cell(ws, common.MASALAH_HEADER_ROW, col, h)
    widths = [5, 12, 8, 24, 9, 28, 22, 80]
    from openpyxl.utils import get_column_letter as L

    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[L(i)].width = w
    ws.freeze_panes = f"A{common.MASALAH_FIRST_ROW}"
    print_setup(ws, landscape=True)
    protect_sheet(ws)


def xlwings_conf_sheet(ws: Any) -> None:
    ws["A1"], ws["B1"] = "UDF Modules", "xlpokja.udfs"
    ws["A2"], ws["B2"] = "Show Console", "False"
    ws.sheet_state = "hidden"


def write_layout(wb: Any, cells: Any, extents: dict[str, str]) -> None:
    """Write a template's formula cells and the defined names recording their extent."""
    for cell in cells:
        wb[cell.sheet][cell.ref].value = "=" + cell.formula
    for name, ref in extents.items():
        wb.defined_names[name] = DefinedName(name, attr_text=ref)


def save_workbook(wb: Any, path: Path, template_id: str, version: str, title: str,
                  macros: bool = True) -> Path:
    """Stamp and save the workbook and add the VBA module (``macros=False``: a plain
    ``.xlsx`` without it, such as an individual form). The cached values and the
    template's buttons are added afterwards by the headless Hitung
    (:func:`xlpokja.hosts.headless.build.build`, what ``xlpokja build`` runs)."""
    wb.properties.creator = "xlpokja"
    wb.properties.title = title
    wb.properties.created = wb.properties.modified = FIXED_TIME
    wb.custom_doc_props.append(StringProperty(name="xlpokja_template", value=template_id))
    wb.custom_doc_props.append(StringProperty(name="xlpokja_version", value=version))
    wb.calculation.fullCalcOnLoad = True
    path = Path(path)
    wb.save(path)
    if macros:
        _add_vba(path)
    return path


def _add_vba(path: Path) -> None:
    """The VBA project with the modules of ``macros/*.bas`` (pyOpenVBA, without Excel)."""
    from pyopenvba import ExcelFile

    with ExcelFile(str(path)) as f:
        project = f.add_vba_project()
        for bas in sorted(MACROS_DIR.glob("*.bas")):
            text = bas.read_text(encoding="utf-8")
            lines = [ln for ln in text.splitlines() if not ln.startswith("Attribute VB_Name")]
            project.add_module(bas.stem, "\r\n".join(lines) + "\r\n")
        f.save()
