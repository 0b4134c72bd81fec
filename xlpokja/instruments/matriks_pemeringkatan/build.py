"""Build the Matriks Pemeringkatan workbooks (template ``matriks_pemeringkatan``, K6).

``matriks_pemeringkatan.xlsm`` (empty, the source's example criteria "Tingkat urgensi" and
"Cakupan manfaat" at 50/50) and ``contoh_matriks_pemeringkatan.xlsm`` (a made-up example:
the K6 worked example in the pairwise matrix, a tie at rank 1 of the criteria scores and
the tie round that settles it). The openpyxl helpers and :func:`save_workbook` (VBA,
buttons, cached values) are those of :mod:`xlpokja.workbook.kit`; the example data is in
:mod:`~xlpokja.instruments.matriks_pemeringkatan.examples`, the wording of the Petunjuk and
Referensi sheets in :mod:`~xlpokja.instruments.matriks_pemeringkatan.texts`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.formatting.rule import Rule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.styles.numbers import NumberFormat
from openpyxl.utils import get_column_letter as L
from openpyxl.worksheet.datavalidation import DataValidation

from xlpokja.core import mcua
from xlpokja.instruments.matriks_pemeringkatan import layout as t
from xlpokja.instruments.matriks_pemeringkatan.cells import formula_cells
from xlpokja.instruments.matriks_pemeringkatan.examples import (
    EXAMPLE_ISSUES,
    EXAMPLE_LOCK,
    EXAMPLE_PAIRS,
    EXAMPLE_ROUNDS,
    EXAMPLE_SCORES,
)
from xlpokja.instruments.matriks_pemeringkatan.texts import (
    PETUNJUK_STEPS,
    REFERENSI_RULES,
    REFERENSI_SOURCE,
)
from xlpokja.layout import panel
from xlpokja.workbook.kit import (
    BOX,
    CALC_FILL,
    CENTER,
    HEAD_FILL,
    INPUT_FILL,
    UNLOCKED,
    WRAP,
    header_cell,
    print_setup,
    protect_sheet,
    save_workbook,
    shared_sheets,
    sheet_title,
    steps_table,
    write_layout,
)

GREY = PatternFill("solid", fgColor="D9D9D9")
LOWER_FILL = PatternFill("solid", fgColor="F2F2F2")
DIAG_FILL = PatternFill("solid", fgColor="A6A6A6")
MAIN_FILL = PatternFill("solid", fgColor="C6EFCE")
BAD_FILL = PatternFill("solid", fgColor="FFC7CE")
SMALL = Font(size=9, color="555555", italic=True)
TOP = Alignment(vertical="top")
MID = Alignment(horizontal="center", vertical="top")
N_TEXT_ROWS = 500  # text validation on Isu/Kriteria reaches this far

# ======================================================================== the sheets


def _petunjuk(ws: Any) -> None:
    sheet_title(ws, "MATRIKS PEMERINGKATAN — MENETAPKAN ISU UTAMA — PETUNJUK",
           "Buku kerja xlpokja: isu hasil diskusi kelompok, skor kriteria atau perbandingan "
           "berpasangan, putaran seri")
    steps_table(ws, PETUNJUK_STEPS, height=48)


def _text_validation(ws: Any, sqref: str, what: str) -> None:
    dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1="255",
                        allow_blank=True, showErrorMessage=True, showInputMessage=True,
                        errorTitle="Teks terlalu panjang", promptTitle=what,
                        error="Paling banyak 255 karakter.", prompt=f"{what} (teks).")
    for part in sqref.split():
        dv.add(part)
    ws.add_data_validation(dv)


def _isu(ws: Any, n: int, issues: list[tuple[Any, ...]] | None) -> None:
    sheet_title(ws, "ISU — hasil diskusi kelompok",
           "Satu baris per isu. No adalah nomor isu yang dipakai di Berpasangan dan Putaran. "
           "Isu baru ditulis di bawah tabel; tekan Hitung.")
    for col, h in ((t.I_NO, "No"), (t.I_NAME, "Isu"), (t.I_GROUP, "Asal kelompok"),
                   (t.I_NOTE, "Keterangan")):
        header_cell(ws, t.ISU_HEADER, col, h)
    for i in range(n):
        r = t.issue_row(i)
        ws.cell(row=r, column=t.I_NO).alignment = MID
        ws.cell(row=r, column=t.I_NO).border = BOX
        ws.cell(row=r, column=t.I_NO).fill = CALC_FILL
        values = issues[i] if issues and i < len(issues) else (None, None, None)
        for col, v in zip((t.I_NAME, t.I_GROUP, t.I_NOTE), values):
            c = ws.cell(row=r, column=col, value=v)
            c.protection, c.fill, c.border, c.alignment = UNLOCKED, INPUT_FILL, BOX, TOP
    for col, w in ((t.I_NO, 6), (t.I_NAME, 60), (t.I_GROUP, 18), (t.I_NOTE, 40)):
        ws.column_dimensions[L(col)].width = w
        if col != t.I_NO:  # rows added below the table stay editable
            ws.column_dimensions[L(col)].protection = UNLOCKED
    last = t.ISU_ROW0 + N_TEXT_ROWS
    _text_validation(ws, f"B{t.ISU_ROW0}:B{last}", "Isu")
    _text_validation(ws, f"C{t.ISU_ROW0}:D{last}", "Asal kelompok / keterangan")
    ws.freeze_panes = f"A{t.ISU_ROW0}"
    print_setup(ws, title_rows=f"{t.ISU_HEADER}:{t.ISU_HEADER}")
    protect_sheet(ws)


def _setting(ws: Any, s: Any, row: int, value: Any) -> None:
    ws.cell(row=row, column=1, value=s.label).font = Font(bold=True)
    c = ws[s.ref]
    c.value = value
    c.protection, c.fill, c.border, c.alignment = UNLOCKED, INPUT_FILL, BOX, CENTER


def _kriteria(ws: Any, kk: int, criteria: list[tuple[Any, Any]], locked: bool = False) -> None:
    sheet_title(ws, "KRITERIA DAN BOBOT — disepakati dalam pleno",
           "Kriteria penilaian untuk menentukan isu utama (mis. tingkat urgensi dan cakupan "
           "manfaat). Bobot tidak pernah dinormalkan diam-diam.")
    for col, h in ((1, "Pengaturan"), (2, "Isian"), (3, "Dipakai")):
        header_cell(ws, 3, col, h)
    _setting(ws, t.KIND, 4, mcua.PERSEN)
    _setting(ws, t.SCALE_LO, 5, 1)
    _setting(ws, t.SCALE_HI, 6, 5)
    labels = {7: "Jumlah bobot", 8: "Status bobot", 9: "Jumlah kriteria"}
    for r, text in labels.items():
        ws.cell(row=r, column=1, value=text).font = Font(bold=True)
    for r in range(4, 10):
        c = ws.cell(row=r, column=3)
        c.fill, c.border, c.alignment = CALC_FILL, BOX, CENTER
        ws.cell(row=r, column=1).border = BOX
    ws["C8"].font = Font(bold=True, color="C00000")
    ws.merge_cells("C8:E8")
    ws["C8"].alignment = Alignment(horizontal="left", vertical="center")
    dv = DataValidation(type="list", formula1=f'"{mcua.PERSEN},{mcua.MENTAH}"', allow_blank=True,
                        showErrorMessage=True, showInputMessage=True, promptTitle="Jenis bobot",
                        prompt="Persen: jumlah bobot harus 100. Mentah: angka ≥ 0 (mis. 1–5).",
                        error="Pilih Persen atau Mentah.")
    dv.add(t.KIND.ref)
    ws.add_data_validation(dv)
    dv = DataValidation(type="list", formula1='"0,1"', allow_blank=False, showErrorMessage=True,
                        error="Skor terendah 0 atau 1.")
    dv.add(t.SCALE_LO.ref)
    ws.add_data_validation(dv)
    dv = DataValidation(type="whole", operator="between", formula1="2", formula2="10",
                        allow_blank=False, showErrorMessage=True,
                        error="Skor tertinggi: bilangan bulat 2 sampai 10.")
    dv.add(t.SCALE_HI.ref)
    ws.add_data_validation(dv)
    note = ws.cell(row=4, column=4, value="Persen: jumlah 100 · Mentah: angka ≥ 0 (mis. 1–5)")
    note.font = SMALL
    ws.cell(row=5, column=4, value="skala skor: terendah 0 atau 1").font = SMALL
    ws.cell(row=6, column=4, value="tertinggi 2–10 (bawaan 1–5)").font = SMALL
    # the weights lock: what was locked (H4:H6, G:H of the table), when, and its status
    lcol = L(t.LOCKED_SETTING_COL)
    ws[f"{lcol}3"] = "saat dikunci"
    ws[f"{lcol}3"].font = Font(italic=True, color="555555")
    for r in range(4, 7):
        c = ws[f"{lcol}{r}"]
        c.fill, c.border, c.alignment = GREY, BOX, CENTER
    for ref, label in ((t.LOCK_TIME_CELL, "Dikunci pada"), (t.LOCK_STATUS_CELL, "Status kunci")):
        r = int(ref[1:])
        lab = ws.cell(row=r, column=t.KR_LNAME, value=label)
        lab.font, lab.border = Font(bold=True), BOX
        c = ws[ref]
        c.fill, c.border, c.alignment, c.font = CALC_FILL, BOX, CENTER, Font(bold=True)
    ws[t.LOCK_STATUS_CELL].font = Font(bold=True, color="C00000")
    for col, h in ((t.KR_NO, "No"), (t.KR_NAME, "Kriteria"), (t.KR_WEIGHT, "Bobot"),
                   (t.KR_NOTE, "Keterangan"), (t.KR_CHECK, "Pemeriksaan"),
                   (t.KR_KEY, "Kunci"), (t.KR_LNAME, "Kriteria saat dikunci"),
                   (t.KR_LWEIGHT, "Bobot saat dikunci")):
        header_cell(ws, t.KR_HEADER, col, h)
    for k in range(kk):
        r = t.crit_row(k)
        name, weight = criteria[k] if k < len(criteria) else (None, None)
        for col, v in ((t.KR_NAME, name), (t.KR_WEIGHT, weight), (t.KR_NOTE, None)):
            c = ws.cell(row=r, column=col, value=v)
            c.protection, c.fill, c.border = UNLOCKED, INPUT_FILL, BOX
            c.alignment = CENTER if col == t.KR_WEIGHT else TOP
        for col in (t.KR_NO, t.KR_CHECK, t.KR_KEY, t.KR_LNAME, t.KR_LWEIGHT):
            c = ws.cell(row=r, column=col)
            c.fill, c.border = CALC_FILL, BOX
            c.alignment = MID if col in (t.KR_NO, t.KR_LWEIGHT) else TOP
            if col in (t.KR_LNAME, t.KR_LWEIGHT):
                c.fill = GREY
        if locked:
            ws.cell(row=r, column=t.KR_LNAME, value=name)
            ws.cell(row=r, column=t.KR_LWEIGHT, value=weight)
    if locked:
        for s, v in ((t.KIND, mcua.PERSEN), (t.SCALE_LO, 1), (t.SCALE_HI, 5)):
            ws[f"{lcol}{s.ref[1:]}"] = v
        ws[t.LOCK_TIME_CELL] = EXAMPLE_LOCK
    for col in (t.KR_NAME, t.KR_WEIGHT, t.KR_NOTE):
        ws.column_dimensions[L(col)].protection = UNLOCKED
    last = t.KR_ROW0 + 60
    _text_validation(ws, f"D{t.KR_ROW0}:D{last}", "Keterangan")
    # while locked (Dikunci pada filled) criteria and weights cannot be edited by hand
    unlocked = f'${t.LOCK_TIME_CELL[0]}${t.LOCK_TIME_CELL[1:]}=""'
    msg = ("Kriteria dan bobot sudah dikunci (lihat 'Dikunci pada'). Tekan Buka kunci bila "
           "pleno sepakat mengubahnya.")
    dv = DataValidation(type="custom", formula1=f"AND(LEN(B{t.KR_ROW0})<=255,{unlocked})",
                        allow_blank=True, showErrorMessage=True, showInputMessage=True,
                        errorTitle="Kriteria", promptTitle="Kriteria",
                        error="Paling banyak 255 karakter. " + msg, prompt="Kriteria (teks).")
    dv.add(f"B{t.KR_ROW0}:B{last}")
    ws.add_data_validation(dv)
    dv = DataValidation(type="custom", formula1=f"AND(ISNUMBER(C{t.KR_ROW0}),"
                                                f"C{t.KR_ROW0}>=0,{unlocked})",
                        allow_blank=True, showErrorMessage=True, showInputMessage=True,
                        errorTitle="Bobot", promptTitle="Bobot",
                        error="Bobot: angka ≥ 0. " + msg,
                        prompt="Persen: jumlah semua bobot 100. Mentah: angka ≥ 0.")
    dv.add(f"C{t.KR_ROW0}:C{last}")
    ws.add_data_validation(dv)
    widths = {"A": 24, "B": 40, "C": 16, "D": 44, "E": 30, "F": 18, "G": 24, "H": 18}
    for k, w in widths.items():
        ws.column_dimensions[k].width = w
    ws.column_dimensions[L(t.KR_KEY)].hidden = True  # helper: name, trimmed, lower case
    print_setup(ws, landscape=True)  # eight columns incl. the lock record: read at A4 width
    protect_sheet(ws)


def _skor(ws: Any, n: int, kk: int, scores: list[list[Any]] | None) -> None:
    sheet_title(ws, "SKOR KRITERIA (cara A) — satu baris per isu",
           "Skor bilangan bulat pada skala di sheet Kriteria; kosong = belum dinilai (bukan "
           "nol). Nilai = Σ bobot × skor, hanya bila semua kriteria dinilai.")
    heads = {t.SK_NO: "No", t.SK_NAME: "Isu", t.SK_TOTAL: t.SK_TOTAL_HEADER,
             t.SK_PCT: "Nilai normal", t.SK_RANK: "Peringkat", t.SK_VALID: "Skor sah",
             t.SK_NOTE: "Catatan"}
    for col, h in heads.items():
        header_cell(ws, t.SK_NAMES_ROW, col, h)
        ws.cell(row=t.SK_WEIGHT_ROW, column=col).fill = CALC_FILL
    ws.cell(row=t.SK_WEIGHT_ROW, column=t.SK_NOTE, value="Bobot →").alignment = Alignment(
        horizontal="right")
    ws.cell(row=t.SK_WEIGHT_ROW, column=t.SK_NOTE).font = Font(bold=True)
    ws.cell(row=t.SK_NAMES_ROW - 1, column=t.SK_CRIT0,
            value="Kriteria (dari sheet Kriteria)").font = Font(bold=True)
    for c in range(kk):
        col = t.SK_CRIT0 + c
        header_cell(ws, t.SK_NAMES_ROW, col, "")
        w = ws.cell(row=t.SK_WEIGHT_ROW, column=col)
        w.fill, w.border, w.alignment = CALC_FILL, BOX, CENTER
        w.font = Font(bold=True)
        ws.column_dimensions[L(col)].width = 16
    ws.row_dimensions[t.SK_NAMES_ROW].height = 48
    for i in range(n):
        r = t.skor_row(i)
        for col in heads:
            c = ws.cell(row=r, column=col)
            c.fill, c.border = CALC_FILL, BOX
            c.alignment = TOP if col in (t.SK_NAME, t.SK_NOTE) else MID
        ws.cell(row=r, column=t.SK_PCT).number_format = "0.0%"
        ws.cell(row=r, column=t.SK_TOTAL).number_format = "0.###"
        ws.cell(row=r, column=t.SK_RANK).font = Font(bold=True)
        for c in range(kk):
            cell = ws.cell(row=r, column=t.SK_CRIT0 + c)
            if scores and i < len(scores) and c < len(scores[i]):
                cell.value = scores[i][c]
            cell.protection, cell.fill, cell.border, cell.alignment = (UNLOCKED, INPUT_FILL, BOX,
                                                                      CENTER)
    for c in range(kk + 20):  # issues and criteria added later: their cells stay editable
        ws.column_dimensions[L(t.SK_CRIT0 + c)].protection = UNLOCKED
    lo, hi = f"{t.KRITERIA}!${t.K_LO_EFF[0]}${t.K_LO_EFF[1:]}", \
        f"{t.KRITERIA}!${t.K_HI_EFF[0]}${t.K_HI_EFF[1:]}"
    dv = DataValidation(type="whole", operator="between", formula1=lo, formula2=hi,
                        allow_blank=True, showErrorMessage=True, showInputMessage=True,
                        errorTitle="Skor tidak sah", promptTitle="Skor",
                        error="Isikan bilangan bulat pada skala di sheet Kriteria, atau kosongkan.",
                        prompt="Bilangan bulat pada skala (sheet Kriteria). Kosong = belum "
                               "dinilai.")
    dv.add(t.score_validation_sqref())
    ws.add_data_validation(dv)
    widths = {t.SK_NO: 5, t.SK_NAME: 40, t.SK_TOTAL: 12, t.SK_PCT: 10, t.SK_RANK: 10,
              t.SK_VALID: 8, t.SK_NOTE: 20}
    for col, w in widths.items():
        ws.column_dimensions[L(col)].width = w
    ws.freeze_panes = ws.cell(row=t.SK_ROW0, column=t.SK_CRIT0)
    print_setup(ws, landscape=True, title_rows=f"{t.SK_NAMES_ROW}:{t.SK_WEIGHT_ROW}")
    protect_sheet(ws)


def _berpasangan(ws: Any, n: int, pairs: dict[tuple[int, int], int] | None) -> None:
    sheet_title(ws, "PERBANDINGAN BERPASANGAN (cara B) — bandingkan setiap isu",
           "Pada sel kanan-atas diagonal (baris isu i, kolom isu j) tulis NOMOR isu yang lebih "
           "penting: i atau j. Segitiga kiri-bawah: boleh kosong (salinan pemeriksa).")
    labels = {3: "Perbandingan terisi", 4: "Perbandingan diperlukan N(N−1)/2",
              5: "Status matriks"}
    for r, text in labels.items():
        ws.cell(row=r, column=1, value=text).font = Font(bold=True)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        c = ws.cell(row=r, column=3)
        c.fill, c.border, c.alignment = CALC_FILL, BOX, CENTER
    ws.merge_cells("C5:F5")
    ws["C5"].font = Font(bold=True, color="1F4E78")
    heads = {t.BP_NO: "No", t.BP_NAME: "Isu", t.BP_WINS: "Menang", t.BP_DECIDED: "Terisi",
             t.BP_RANK: "Peringkat", t.BP_NOTE: "Catatan"}
    for col, h in heads.items():
        header_cell(ws, t.BP_HEADER, col, h)
    ws.cell(row=t.BP_NAMES_ROW, column=t.BP_NAME,
            value="Isu j (kolom) →").alignment = Alignment(horizontal="right", vertical="bottom")
    ws.cell(row=t.BP_NAMES_ROW, column=t.BP_NAME).font = Font(bold=True)
    m = max(n, t.MATRIX_STYLED)
    for j in range(m):
        col = t.bp_col(j)
        c = ws.cell(row=t.BP_NAMES_ROW, column=col)
        c.alignment = Alignment(text_rotation=90, vertical="bottom", horizontal="center",
                                wrap_text=True)
        c.font, c.border = Font(size=9), BOX
        header_cell(ws, t.BP_HEADER, col, "")
        ws.column_dimensions[L(col)].width = 6
    ws.row_dimensions[t.BP_NAMES_ROW].height = 150
    for i in range(m):
        r = t.bp_row(i)
        if i < n:
            for col in heads:
                c = ws.cell(row=r, column=col)
                c.fill, c.border = CALC_FILL, BOX
                c.alignment = TOP if col in (t.BP_NAME, t.BP_NOTE) else MID
            ws.cell(row=r, column=t.BP_WINS).font = Font(bold=True)
        for j in range(m):
            c = ws.cell(row=r, column=t.bp_col(j))
            c.border, c.alignment = BOX, CENTER
            if i == j:
                c.fill = DIAG_FILL
                continue
            c.protection = UNLOCKED
            c.fill = INPUT_FILL if j > i else LOWER_FILL
            if pairs and (i + 1, j + 1) in pairs:
                c.value = pairs[(i + 1, j + 1)]
    for i in range(m):  # one list per pair, for its upper and its lower cell
        for j in range(i + 1, m):
            dv = DataValidation(type="list", formula1=f'"{i + 1},{j + 1}"', allow_blank=True,
                                showErrorMessage=True, errorTitle="Pemenang tidak sah",
                                error=f"Pasangan isu {i + 1} dan {j + 1}: tulis {i + 1} atau "
                                      f"{j + 1}.")
            dv.add(f"{L(t.bp_col(j))}{t.bp_row(i)}")
            dv.add(f"{L(t.bp_col(i))}{t.bp_row(j)}")
            ws.add_data_validation(dv)
    area = f"{L(t.BP_COL0)}{t.BP_ROW0}:{L(t.bp_col(m - 1))}{t.bp_row(m - 1)}"
    first = f"{L(t.BP_COL0)}{t.BP_ROW0}"
    col_no = f"{L(t.BP_COL0)}${t.BP_HEADER}"
    ws.conditional_formatting.add(area, Rule(
        type="expression", dxf=DifferentialStyle(fill=BAD_FILL, font=Font(bold=True,
                                                                           color="9C0006")),
        formula=[f'AND({first}<>"",{first}<>$A{t.BP_ROW0},{first}<>{col_no})'],
        stopIfTrue=True))
    ws.conditional_formatting.add(area, Rule(
        type="expression", dxf=DifferentialStyle(fill=GREY),
        formula=[f'AND(ROW()<>COLUMN()+{t.BP_ROW0 - t.BP_COL0},OR($B{t.BP_ROW0}="",'
                 f'{L(t.BP_COL0)}${t.BP_NAMES_ROW}=""))']))
    widths = {t.BP_NO: 5, t.BP_NAME: 36, t.BP_WINS: 9, t.BP_DECIDED: 8, t.BP_RANK: 10,
              t.BP_NOTE: 9}
    for col, w in widths.items():
        ws.column_dimensions[L(col)].width = w
    ws.freeze_panes = ws.cell(row=t.BP_ROW0, column=t.BP_COL0)
    print_setup(ws, landscape=True, title_rows=f"{t.BP_NAMES_ROW}:{t.BP_HEADER}")
    ws.print_title_cols = "A:B"
    ws.print_area = f"A1:{L(t.bp_col(n - 1))}{t.bp_row(n - 1)}"
    protect_sheet(ws)


def _putaran(ws: Any, rounds: list[list[Any]] | None) -> None:
    sheet_title(ws, "PUTARAN SERI — hanya isu yang SAMA di peringkat 1",
           "Baris dibuat oleh tombol Putaran seri (satu per pasangan isu yang seri). Tulis "
           "nomor pemenang setiap pasangan di kolom Pemenang, lalu tekan Hitung.")
    heads = {t.PT_ROUND: "Putaran", t.PT_A: "Isu A (No)", t.PT_B: "Isu B (No)",
             t.PT_WIN: "Pemenang (No)", t.PT_NAME_A: "Isu A", t.PT_NAME_B: "Isu B",
             t.PT_WINS_A: "Menang A di putaran", t.PT_WINS_B: "Menang B di putaran",
             t.PT_CHECK: "Isian", t.PT_STATUS: "Status putaran",
             t.PT_IN_TIE: "Kedua isu seri sekarang", t.PT_DUP: "Pasangan ganda",
             t.PT_SET_OK: "Isu putaran = isu seri", t.PT_COMPLETE: "Putaran lengkap",
             t.PT_USABLE: "Putaran dapat dipakai"}
    for col, h in heads.items():
        header_cell(ws, t.PT_HEADER, col, h)
    ws.row_dimensions[t.PT_HEADER].height = 45
    for q in range(t.PT_STYLED):
        r = t.pt_row(q)
        values = rounds[q] if rounds and q < len(rounds) else None
        for col in heads:
            c = ws.cell(row=r, column=col)
            c.border = BOX
            c.alignment = TOP if col in (t.PT_NAME_A, t.PT_NAME_B, t.PT_CHECK,
                                         t.PT_STATUS) else MID
            if col == t.PT_WIN:
                c.protection, c.fill = UNLOCKED, INPUT_FILL
            elif col > t.PT_WIN:
                c.fill = CALC_FILL
            if values is not None and col <= t.PT_WIN and values[col - 1] is not None:
                c.value = values[col - 1]
    ws.column_dimensions[L(t.PT_WIN)].protection = UNLOCKED  # rounds beyond the styled rows
    dv = DataValidation(type="list", formula1=f"$B{t.PT_ROW0}:$C{t.PT_ROW0}", allow_blank=True,
                        showErrorMessage=True, errorTitle="Pemenang tidak sah",
                        error="Tulis nomor Isu A atau Isu B dari baris ini.")
    dv.add(f"D{t.PT_ROW0}:D{t.pt_row(t.PT_STYLED - 1)}")
    ws.add_data_validation(dv)
    widths = {t.PT_ROUND: 9, t.PT_A: 9, t.PT_B: 9, t.PT_WIN: 11, t.PT_NAME_A: 34,
              t.PT_NAME_B: 34, t.PT_WINS_A: 11, t.PT_WINS_B: 11, t.PT_CHECK: 16,
              t.PT_STATUS: 16}
    for col, w in widths.items():
        ws.column_dimensions[L(col)].width = w
    for col in range(t.PT_IN_TIE, t.PT_USABLE + 1):  # helpers of the round status
        ws.column_dimensions[L(col)].width = 11
        ws.column_dimensions[L(col)].hidden = True
    ws.freeze_panes = f"A{t.PT_ROW0}"
    print_setup(ws, landscape=True, title_rows=f"{t.PT_HEADER}:{t.PT_HEADER}")
    ws.print_area = f"A1:{L(t.PT_STATUS)}{t.pt_row(t.PT_STYLED - 1)}"
    protect_sheet(ws)


def _hasil(ws: Any, n: int, mode: str) -> None:
    sheet_title(ws, "HASIL — ISU UTAMA",
           "Kedua peringkat berdampingan; Cara penetapan menentukan peringkat yang menetapkan "
           "isu utama. Nilai sama: SAMA, diselesaikan hanya lewat putaran seri.")
    labels = {4: "Cara penetapan isu utama", 5: "Daftar pendek: k isu teratas",
              6: "ISU UTAMA", 7: "Status", 8: "Isu dengan peringkat 1 (sebelum putaran)",
              9: "Putaran seri yang dipakai", 10: "Masalah isian (sheet Masalah)"}
    for r, text in labels.items():
        c = ws.cell(row=r, column=1, value=text)
        c.font = Font(bold=r in (4, 6))
        c.alignment = Alignment(vertical="center", wrap_text=True)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        for col in ((3, 4) if r in (4, 5) else (3,)):
            ws.cell(row=r, column=col).border = BOX
    _setting_cell(ws, t.MODE.ref, mode)
    _setting_cell(ws, t.TOP_K.ref, t.DEFAULT_K)
    for ref in (t.H_MODE_EFF, t.H_K_EFF):
        c = ws[ref]
        c.fill, c.alignment = CALC_FILL, CENTER
    ws.cell(row=3, column=3, value="Isian").font = Font(bold=True)
    ws.cell(row=3, column=4, value="Dipakai").font = Font(bold=True)
    dv = DataValidation(type="list", formula1='"' + ",".join(t.MODES) + '"', allow_blank=True,
                        showErrorMessage=True, showInputMessage=True,
                        promptTitle="Cara penetapan",
                        prompt="Skor kriteria (cara A) atau Berpasangan (cara B).",
                        error="Pilih Skor kriteria atau Berpasangan.")
    dv.add(t.MODE.ref)
    ws.add_data_validation(dv)
    dv = DataValidation(type="whole", operator="between", formula1="1", formula2="50",
                        allow_blank=True, showErrorMessage=True,
                        error="k: bilangan bulat 1 sampai 50.")
    dv.add(t.TOP_K.ref)
    ws.add_data_validation(dv)
    for ref in (t.H_MAIN, t.H_STATUS):
        r = int(ref[1:])
        ws.merge_cells(start_row=r, start_column=3, end_row=r, end_column=8)
        c = ws[ref]
        c.fill, c.border = CALC_FILL, BOX
        c.alignment = Alignment(vertical="center", wrap_text=True)
    ws[t.H_MAIN].font = Font(bold=True, size=14, color="1F4E78")
    ws.row_dimensions[6].height = 36
    ws.row_dimensions[7].height = 30
    for ref in (t.H_TIES, t.H_ROUND, t.H_PROBLEMS):
        c = ws[ref]
        c.fill, c.alignment = CALC_FILL, CENTER
    ws[t.H_ROUND].number_format = '0;-0;"–"'
    ws.cell(row=t.HASIL_HEADER - 1, column=t.HA_SL_ORDER,
            value="Daftar pendek (urutan akhir ≤ k)").font = Font(bold=True)
    ws.cell(row=t.HASIL_HEADER - 1, column=t.HA_TOTAL,
            value="Skor kriteria").font = Font(bold=True)
    ws.cell(row=t.HASIL_HEADER - 1, column=t.HA_WINS, value="Berpasangan").font = Font(bold=True)
    ws.cell(row=t.HASIL_HEADER - 1, column=t.HA_RANK,
            value="Isu utama menurut cara terpilih").font = Font(bold=True)
    for col, h in t.HASIL_HEADERS.items():
        header_cell(ws, t.HASIL_HEADER, col, h)
    ws.row_dimensions[t.HASIL_HEADER].height = 45
    for i in range(n):
        r = t.hasil_row(i)
        for col in t.HASIL_HEADERS:
            c = ws.cell(row=r, column=col)
            c.fill, c.border = CALC_FILL, BOX
            c.alignment = TOP if col in (t.HA_NAME, t.HA_NOTE, t.HA_SL_NAME) else MID
        ws.cell(row=r, column=t.HA_PCT).number_format = "0.0%"
        ws.cell(row=r, column=t.HA_TOTAL).number_format = "0.###"
        ws.cell(row=r, column=t.HA_TIE).number_format = '"ya";"ya";'
        ws.cell(row=r, column=t.HA_FINAL).font = Font(bold=True)
    last = t.hasil_row(n - 1)
    rows = f"A{t.HASIL_ROW0}:{L(t.HA_NOTE)}{t.HASIL_ROW0 + 500}"
    fin = f"${L(t.HA_FINAL)}{t.HASIL_ROW0}"
    ws.conditional_formatting.add(rows, Rule(
        type="expression", dxf=DifferentialStyle(fill=MAIN_FILL, font=Font(bold=True)),
        formula=[f'AND({fin}=1,{t._a(t.H_MAIN)}<>"")']))
    widths = {t.HA_NO: 5, t.HA_NAME: 40, t.HA_TOTAL: 13, t.HA_PCT: 13, t.HA_RANK_A: 11,
              t.HA_WINS: 13, t.HA_RANK_B: 12, t.HA_RANK: 12, t.HA_TIE: 9, t.HA_RWINS: 11,
              t.HA_SUB: 11, t.HA_FINAL: 10, t.HA_NOTE: 26, t.HA_KEY: 8, t.HA_SL_ORDER: 8,
              t.HA_SL_NO: 5, t.HA_SL_NAME: 40}
    for col, w in widths.items():
        ws.column_dimensions[L(col)].width = w
    for col in t.HASIL_HIDDEN:  # helpers: tie flag, urutan akhir × 1000 + No
        ws.column_dimensions[L(col)].hidden = True
    ws.freeze_panes = ws.cell(row=t.HASIL_ROW0, column=t.HA_TOTAL)
    print_setup(ws, landscape=True, title_rows=f"{t.HASIL_HEADER}:{t.HASIL_HEADER}")
    del last
    protect_sheet(ws)


def _setting_cell(ws: Any, ref: str, value: Any) -> None:
    c = ws[ref]
    c.value = value
    c.protection, c.fill, c.border, c.alignment = UNLOCKED, INPUT_FILL, BOX, CENTER
    c.font = Font(bold=True)


def _stabilitas(ws: Any) -> None:
    sheet_title(ws, "STABILITAS — seberapa mantap peringkat skor kriteria",
           "Ditulis oleh Hitung: selisih urutan 1 dan 2, perubahan bobot satu kriteria yang "
           "mengubah urutan 1, skor ±1 yang mengubah urutan 1, peluang nomor 1.")
    ws["A3"] = ("Cara Berpasangan tidak memakai bobot: panel ini hanya untuk peringkat Skor "
                "kriteria (cara A).")
    ws["A3"].font = SMALL
    b0 = t.ST_BLOCK_ROW
    last = b0 + panel.BLOCK_ROWS - 1
    end = L(panel.N_COLS)
    cf = ws.conditional_formatting
    true = ["TRUE"]
    cf.add(f"A{b0 + panel.ROW_TITLE}", Rule(type="expression", formula=true, dxf=DifferentialStyle(
        font=Font(bold=True, color="1F4E78"))))
    cf.add(f"A{b0 + panel.ROW_VERDICT}", Rule(type="expression", formula=true,
                                              dxf=DifferentialStyle(font=Font(bold=True))))
    for off in panel.HEADER_ROWS:
        cf.add(f"A{b0 + off}:{end}{b0 + off}", Rule(
            type="expression", formula=true,
            dxf=DifferentialStyle(fill=HEAD_FILL, font=Font(bold=True, color="FFFFFF"))))
    s0 = b0 + panel.SHARE_OFFSET
    cf.add(f"B{s0}:B{s0 + panel.SHARE_ROWS - 1}", Rule(
        type="expression", formula=true,
        dxf=DifferentialStyle(numFmt=NumberFormat(numFmtId=9, formatCode="0%"))))
    w0 = b0 + panel.WEIGHT_OFFSET
    for r0, cnt in ((s0, panel.SHARE_ROWS), (w0, panel.MAX_CRITERIA_ROWS),
                    (b0 + panel.FLIP_OFFSET, panel.MAX_FLIP_ROWS)):
        cf.add(f"A{r0}:{end}{r0 + cnt - 1}", Rule(
            type="expression", formula=[f'$A{r0}<>""'], dxf=DifferentialStyle(
                fill=PatternFill("solid", bgColor="EAF1FB"), border=BOX)))
    for col, w in zip("ABCDEF", (44, 16, 14, 30, 14, 30)):
        ws.column_dimensions[col].width = w
    panel.add_share_chart(ws, b0, f"H{b0}", "Peluang menjadi isu utama (skor kriteria)")
    ws._charts[-1].height = 15  # cm: room for every issue's label
    print_setup(ws, landscape=True)
    ws.print_area = f"A1:T{last}"
    protect_sheet(ws)


def _referensi(ws: Any) -> None:
    sheet_title(ws, "REFERENSI — aturan perhitungan dan sumber")
    r = t.REF_RULES_ROW
    for i, text in enumerate(REFERENSI_RULES):
        cell = ws.cell(row=r, column=1, value=text)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        cell.alignment = WRAP
        cell.font = Font(bold=i == 0)
        ws.row_dimensions[r].height = 15 * (len(text) // 115 + 1) + 4
        r += 1
    r += 1
    ws.cell(row=r, column=1, value="Sumber (verbatim):").font = Font(bold=True)
    r += 1
    c = ws.cell(row=r, column=1, value=REFERENSI_SOURCE)
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
    c.alignment = WRAP
    ws.row_dimensions[r].height = 90
    r += 2
    c = ws.cell(row=r, column=1,
                value="Sumber tidak memberi tata letak format itu, skala skor, maupun aturan "
                      "seri selain \"ulangi proses\": aturan di atas adalah keputusan produk "
                      "xlpokja (decisions.md §1–5, §15, §16, §18).")
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
    c.alignment = WRAP
    c.font = SMALL
    ws.row_dimensions[r].height = 32
    ws.column_dimensions["A"].width = 100
    ws.column_dimensions["B"].width = 20
    print_setup(ws)
    protect_sheet(ws)


# ========================================================================== builders


def build_matriks(path: Path, example: bool = False) -> Path:
    """Write ``path`` (.xlsm): template, VBA, buttons and cached results."""
    issues = EXAMPLE_ISSUES if example else None
    n = max(t.MIN_ISSUES, len(issues or []))
    kk = t.MIN_CRITERIA
    rounds = EXAMPLE_ROUNDS if example else None
    shape = t.Shape(n, kk, max(t.MIN_ROUND_ROWS, len(rounds or [])))
    wb = Workbook()
    wb.remove(wb.active)
    _petunjuk(wb.create_sheet(t.PETUNJUK))
    _isu(wb.create_sheet(t.ISU), n, issues)
    _kriteria(wb.create_sheet(t.KRITERIA), kk, list(t.DEFAULT_CRITERIA), locked=example)
    _skor(wb.create_sheet(t.SKOR), n, kk, EXAMPLE_SCORES if example else None)
    _berpasangan(wb.create_sheet(t.BERPASANGAN), n, EXAMPLE_PAIRS if example else None)
    _putaran(wb.create_sheet(t.PUTARAN), rounds)
    _hasil(wb.create_sheet(t.HASIL), n, t.MODE_A)
    _stabilitas(wb.create_sheet(t.STABILITAS))
    _referensi(wb.create_sheet(t.REFERENSI))
    shared_sheets(wb[t.REFERENSI], wb.create_sheet(t.MASALAH))
    write_layout(wb, formula_cells(shape), t.extents(shape))
    wb.active = wb.sheetnames.index(t.HASIL)
    return save_workbook(wb, path, t.TEMPLATE_ID, t.TEMPLATE_VERSION,
                         "Matriks Pemeringkatan Isu Utama")


BUILDS = {
    t.FILE_NAME: lambda p: build_matriks(p),
    "contoh_" + t.FILE_NAME: lambda p: build_matriks(p, example=True),
}
