"""Builder of the individual form ``formulir_penilaian_diri.xlsx`` from its layout
(:mod:`.form`): a plain workbook, one sheet, no macros, buttons or external links, so that
Excel, LibreOffice, WPS, Google Sheets and phone apps open it without a warning. The
headless build (:func:`xlpokja.hosts.headless.build.build`) then caches the values of its
formulas and fixes its time stamps."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.pagebreak import Break

from xlpokja.instruments.penilaian_diri import calc as q
from xlpokja.instruments.penilaian_diri import form as f
from xlpokja.layout.base import cell_ref, col_letter
from xlpokja.workbook.kit import (
    BOX,
    CENTER,
    INPUT_FILL,
    UNLOCKED,
    header_cell,
    print_setup,
    protect_sheet,
    save_workbook,
)

#: column widths (characters): about 94 in all, inside an A4 portrait page at 100 %
WIDTHS = {f.COL_KEY: 5.5, f.COL_NO: 5.5, f.COL_TEXT: 22, f.COL_TEXT_END: 42,
          f.COL_ANSWER: 10, f.COL_CHECK: 9.5}
#: characters of 10-point text per line of the statement column (C:D), kept on the safe side
STATEMENT_CHARS = 76
LINE = 12.75  # points per line of 10-point text
MIN_ROW = 18  # points: room to write a number by hand on the printed form
BLUE = "1F4E78"
HEADING_FILL = PatternFill("solid", fgColor="DDEBF7")
TOP_WRAP = Alignment(wrap_text=True, vertical="top")
MIDDLE = Alignment(vertical="center", wrap_text=True)


def _merge(ws: Any, row: int, c1: int, c2: int) -> None:
    ws.merge_cells(start_row=row, start_column=c1, end_row=row, end_column=c2)


def _box(ws: Any, row: int, c1: int, c2: int) -> None:
    for c in range(c1, c2 + 1):
        ws.cell(row=row, column=c).border = BOX


def _lines(text: str, chars: int) -> int:
    return max(1, len(textwrap.wrap(text, chars)))


def _top(ws: Any) -> None:
    last = f.LAST_COL
    ws.cell(row=f.ROW_TITLE, column=1, value=f.FORM_TITLE).font = Font(bold=True, size=14,
                                                                        color=BLUE)
    ws.cell(row=f.ROW_TITLE, column=1).alignment = Alignment(horizontal="center")
    _merge(ws, f.ROW_TITLE, 1, last)
    ws.row_dimensions[f.ROW_TITLE].height = 22
    ws.cell(row=f.ROW_PETUNJUK_LABEL, column=1, value=f.PETUNJUK_LABEL).font = Font(bold=True)
    for row, text, font, chars in ((f.ROW_PETUNJUK, f.PETUNJUK, Font(size=10), 100),
                                   (f.ROW_SOURCE, f.PETUNJUK_SOURCE_NOTE,
                                    Font(size=9, italic=True, color="595959"), 115)):
        c = ws.cell(row=row, column=1, value=text)
        c.font, c.alignment = font, TOP_WRAP
        _merge(ws, row, 1, last)
        ws.row_dimensions[row].height = LINE * _lines(text, chars) + 3
    ws.row_dimensions[f.ROW_SOURCE + 1].height = 6
    for fld in f.FIELDS:
        lab = ws.cell(row=fld.row, column=f.FIELD_LABEL_COL, value=f"{fld.label}:")
        lab.font, lab.alignment = Font(bold=fld is f.RESPONDENT, size=10), MIDDLE
        _merge(ws, fld.row, f.FIELD_LABEL_COL, f.FIELD_VALUE_COL - 1)
        for c in range(f.FIELD_VALUE_COL, last + 1):
            cell = ws.cell(row=fld.row, column=c)
            cell.fill, cell.border, cell.protection = INPUT_FILL, BOX, UNLOCKED
        ws.cell(row=fld.row, column=f.FIELD_VALUE_COL).alignment = Alignment(
            vertical="center", horizontal="left")
        _merge(ws, fld.row, f.FIELD_VALUE_COL, last)
        ws.row_dimensions[fld.row].height = 20
    status = ws.cell(row=f.ROW_STATUS, column=1)
    status.font, status.alignment = Font(bold=True, color=BLUE), MIDDLE
    _merge(ws, f.ROW_STATUS, 1, f.FIELD_VALUE_COL - 1)
    warn = ws.cell(row=f.ROW_STATUS, column=f.FIELD_VALUE_COL)
    warn.font, warn.alignment = Font(bold=True, color="C00000"), MIDDLE
    _merge(ws, f.ROW_STATUS, f.FIELD_VALUE_COL, last)
    ws.row_dimensions[f.ROW_STATUS].height = 18
    ws.row_dimensions[f.ROW_STATUS + 1].height = 6


def _table(ws: Any) -> None:
    for col, text in f.HEADERS:
        header_cell(ws, f.ROW_HEADER, col, text)
    header_cell(ws, f.ROW_HEADER, f.COL_TEXT_END, "")
    _merge(ws, f.ROW_HEADER, f.COL_TEXT, f.COL_TEXT_END)
    ws.row_dimensions[f.ROW_HEADER].height = 28
    for h in f.HEADINGS:
        r = h.row
        ws.cell(row=r, column=f.COL_KEY, value=h.component.key).alignment = CENTER
        ws.cell(row=r, column=f.COL_NO, value=h.component.form_name).alignment = MIDDLE
        for c in range(1, f.LAST_COL + 1):
            cell = ws.cell(row=r, column=c)
            cell.fill, cell.border, cell.font = HEADING_FILL, BOX, Font(bold=True, color=BLUE)
        _merge(ws, r, f.COL_NO, f.COL_TEXT_END)
        ws.row_dimensions[r].height = 20
    for s in f.STATEMENTS:
        r, it = s.row, s.item
        key = ws.cell(row=r, column=f.COL_KEY, value=it.key)
        key.alignment, key.font = CENTER, Font(bold=True, size=10)
        no = ws.cell(row=r, column=f.COL_NO, value=it.source_no)
        no.alignment, no.font = CENTER, Font(size=10)
        text = ws.cell(row=r, column=f.COL_TEXT, value=it.text)
        text.alignment, text.font = MIDDLE, Font(size=10)
        _box(ws, r, 1, f.LAST_COL)
        _merge(ws, r, f.COL_TEXT, f.COL_TEXT_END)
        ans = ws.cell(row=r, column=f.COL_ANSWER)
        ans.fill, ans.protection, ans.alignment = INPUT_FILL, UNLOCKED, CENTER
        ans.font = Font(bold=True, size=12)
        chk = ws.cell(row=r, column=f.COL_CHECK)
        chk.alignment, chk.font = CENTER, Font(bold=True, size=9, color="C00000")
        ws.row_dimensions[r].height = max(MIN_ROW, LINE * _lines(it.text, STATEMENT_CHARS) + 6)
    dv = DataValidation(type="list", formula1='"' + ",".join(map(str, q.SCALE)) + '"',
                        allow_blank=True, showErrorMessage=True, showInputMessage=True,
                        promptTitle=f.PROMPT_TITLE, prompt=f.PROMPT,
                        errorTitle=f.ERROR_TITLE, error=f.ERROR)
    for first, last in _blocks([s.row for s in f.STATEMENTS]):
        a = col_letter(f.COL_ANSWER)
        dv.add(f"{a}{first}:{a}{last}" if last > first else f"{a}{first}")
    ws.add_data_validation(dv)
    name2 = ws.cell(row=f.ROW_NAME2, column=1)
    name2.font, name2.alignment = Font(italic=True, size=10), MIDDLE
    _merge(ws, f.ROW_NAME2, 1, f.LAST_COL)
    ws.row_dimensions[f.ROW_NAME2].height = 20
    ws.row_dimensions[f.ROW_CLOSING - 1].height = 6
    close = ws.cell(row=f.ROW_CLOSING, column=1, value=f.CLOSING)
    close.font, close.alignment = Font(italic=True, size=9, color="595959"), TOP_WRAP
    _merge(ws, f.ROW_CLOSING, 1, f.LAST_COL)
    ws.row_dimensions[f.ROW_CLOSING].height = LINE * _lines(f.CLOSING, 115) + 3


def _blocks(rows: list[int]) -> list[tuple[int, int]]:
    """Runs of consecutive row numbers: [(first, last), ...]."""
    out: list[tuple[int, int]] = []
    for r in rows:
        if out and out[-1][1] == r - 1:
            out[-1] = (out[-1][0], r)
        else:
            out.append((r, r))
    return out


def _print(ws: Any) -> None:
    print_setup(ws, title_rows=f.PRINT_TITLE_ROWS)
    ws.print_area = f.PRINT_AREA
    ws.page_margins.top, ws.page_margins.bottom = 0.6, 0.7
    ws.page_margins.header, ws.page_margins.footer = 0.3, 0.3
    ws.oddFooter.center.text = "Halaman &P dari &N"
    ws.oddFooter.center.size = 9
    ws.oddFooter.left.text = f.FORM_TITLE.title()
    ws.oddFooter.left.size = 8
    ws.row_breaks.append(Break(id=f.BREAK_AFTER))


def build_form(path: Path) -> Path:
    """Write the blank form to ``path`` (.xlsx): the layout of :mod:`.form`, a 0–5 drop-down
    on each answer cell, the formulas of :func:`.form.formula_cells` (without cached values:
    the headless build adds them), everything but the input cells locked (sheet protection
    without a password), two A4 portrait pages."""
    wb = Workbook()
    ws = wb.active
    ws.title = f.FORM_SHEET
    for col, w in WIDTHS.items():
        ws.column_dimensions[col_letter(col)].width = w
    _top(ws)
    _table(ws)
    for cell in f.formula_cells():
        ws[cell.ref] = "=" + cell.formula
    ws.sheet_view.showGridLines = False
    ref = cell_ref(f.RESPONDENT.row, f.FIELD_VALUE_COL)
    ws.sheet_view.selection[0].activeCell = ref
    ws.sheet_view.selection[0].sqref = ref
    _print(ws)
    protect_sheet(ws)
    return save_workbook(wb, path, f.FORM_TEMPLATE_ID, f.FORM_VERSION,
                         "Formulir Penilaian Diri Kelompok Kerja", macros=False)
