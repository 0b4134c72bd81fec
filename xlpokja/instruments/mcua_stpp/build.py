"""Build ``mcua_stpp.xlsm`` (K5 MCUA) and ``contoh_mcua_stpp.xlsm`` (filled example).

The layout is :mod:`xlpokja.instruments.mcua_stpp.layout`, the formulas
:mod:`xlpokja.instruments.mcua_stpp.cells`; openpyxl helpers and
:func:`save_workbook` (VBA, buttons, cached values) are those of :mod:`xlpokja.workbook.kit`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter as L
from openpyxl.worksheet.datavalidation import DataValidation

from xlpokja.core import mcua
from xlpokja.instruments.mcua_stpp import calc as stpp
from xlpokja.instruments.mcua_stpp import layout as t
from xlpokja.instruments.mcua_stpp.cells import formula_cells
from xlpokja.layout import panel
from xlpokja.workbook.kit import (
    BOX,
    CALC_FILL,
    CENTER,
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

GREY = PatternFill("solid", fgColor="EDEDED")
INPUT_ROWS = 500  # rows formatted and unlocked for input below each table header
CODE_LIST = f"{t.USULAN}!$A${t.US_ROW0}:$A${t.US_ROW0 + INPUT_ROWS}"
SCALE_LO = f"{t.KRITERIA}!${t.LO_CELL[0]}${t.LO_CELL[1:]}"
SCALE_HI = f"{t.KRITERIA}!${t.HI_CELL[0]}${t.HI_CELL[1:]}"

# ====================================================================== the example
#: contoh_mcua_stpp.xlsm: made-up actions of a made-up PDAM. Teknis carries the source's
#: worked example (K5): weights 40/30/30, U1 3,2,3 / U2 2,3,3 / U3 3,3,2 -> 270, 260, 270,
#: U1 and U3 tied at rank 1, settled by tie round 1 (U3 wins it).
EXAMPLE_CRITERIA = [("Tingkat urgensi", 40, "seberapa mendesak masalah yang diatasi"),
                    ("Cakupan manfaat", 30, "berapa banyak pelanggan yang merasakan"),
                    ("Kemudahan pelaksanaan", 30, "biaya, waktu dan kewenangan PDAM")]
EXAMPLE_OPTIONS = [
    ("U1", "Teknis", "Penggantian pipa distribusi yang bocor di zona 3", "Topik 1 Teknis"),
    ("U2", "Teknis", "Pemasangan meter induk per zona pelayanan", "Topik 1 Teknis"),
    ("U3", "Teknis", "Penambahan kapasitas IPA 20 liter/detik", "Topik 1 Teknis"),
    ("F1", "Finansial", "Penyesuaian tarif bertahap sesuai kajian FCR", "Topik 6 Keuangan"),
    ("F2", "Finansial", "Penagihan rekening tertunggak dengan loket keliling",
     "Topik 6 Keuangan"),
    ("F3", "Finansial", "Pinjaman perbankan untuk perluasan jaringan", "Topik 6 Keuangan"),
    ("M1", "Manajemen (P3O)", "SOP penanganan pengaduan pelanggan 1x24 jam",
     "Topik 2 Prosedur"),
    ("M2", "Manajemen (P3O)", "Pelatihan petugas baca meter", "Topik 4 Personil"),
    ("M3", "Manajemen (P3O)", "Perda tarif dan subsidi silang", "Topik 3 Kebijakan"),
    ("M4", "Manajemen (P3O)", "Unit pengaduan di struktur organisasi", "Topik 5 Organisasi"),
]
#: per group sheet: (code, rater, scores)
EXAMPLE_SCORES = {
    "Teknis": [("U1", "Kelompok Teknis", [3, 2, 3]), ("U2", "Kelompok Teknis", [2, 3, 3]),
               ("U3", "Kelompok Teknis", [3, 3, 2])],
    # three raters each: means and spreads differ
    "Finansial": [("F1", "Andi", [4, 3, 2]), ("F1", "Budi", [5, 3, 2]), ("F1", "Citra", [4, 4, 3]),
                  ("F2", "Andi", [3, 4, 4]), ("F2", "Budi", [3, 4, 5]), ("F2", "Citra", [2, 4, 4]),
                  ("F3", "Andi", [2, 2, 3]), ("F3", "Budi", [3, 2, 2]),
                  ("F3", "Citra", [2, 3, None])],  # incomplete: not counted, listed
    # M3 and M4 tie (4,5,2 and 4,2,5 -> 370 each) and no round has been held yet: SAMA
    "Manajemen": [("M1", "Kelompok P3O", [5, 4, 3]), ("M2", "Kelompok P3O", [3, 4, 4]),
                  ("M3", "Kelompok P3O", [4, 5, 2]), ("M4", "Kelompok P3O", [4, 2, 5])],
}
#: tie round 1 of Teknis (U1 vs U3), re-scored: U3 wins
EXAMPLE_ROUNDS = [(1, "Teknis", "U1", [3, 2, 2]), (1, "Teknis", "U3", [3, 3, 2])]
EXAMPLE_LOCK = "2026-01-01 09:00"


# ========================================================================== sheets


def _petunjuk(ws: Any) -> None:
    sheet_title(ws, "MCUA — MATRIKS PENILAIAN USULAN TINDAKAN PENINGKATAN KUALITAS PELAYANAN PDAM",
           "Tahap 4 Topik 7: Prioritisasi Tindakan Peningkatan Pelayanan (Teknik MCUA)")
    steps = [
        ("Langkah", "Apa yang dilakukan"),
        ("1", ("Pleno: isi sheet Kriteria (nama kriteria dan bobot). Pilih jenis bobot: Persen "
              "(jumlah harus 100) atau Mentah (mis. bobot 1–5). Pilih skala skor (bawaan 1–5).")),
        ("2", ("Tekan Kunci bobot (sheet Kriteria). Waktu kunci dicatat; kriteria, bobot dan "
              "skala tidak dapat diubah lagi kecuali dengan Buka kunci. Bila diubah juga (mis. "
              "ditempel), tidak ada total sampai dikembalikan.")),
        ("3", ("Isi sheet Usulan: satu baris per usulan tindakan dengan kode unik (T1, F1, M1 …) "
              "dan kelompoknya: Teknis, Finansial atau Manajemen (P3O).")),
        ("4", ("Tiga kelompok menilai di sheet Teknis, Finansial dan Manajemen: satu baris per "
              "penilai per usulan (kode usulan, nama penilai, skor setiap kriteria). Baris "
              "dihitung bila semua kriteria terisi skor yang sah. Kosong bukan nol.")),
        ("5", ("Tekan Hitung. Sheet Nilai: rata-rata skor para penilai, B×N (bobot × nilai), "
              "Total, peringkat dalam kelompok, SAMA bila seri. Sebaran: selisih skor tertinggi "
              "dan terendah antar penilai. Masalah: semua isian yang perlu diperbaiki.")),
        ("6", ("Ada yang SAMA? Tekan Putaran seri: sheet Putaran mendapat baris hanya untuk "
              "usulan yang seri. Kelompok menilai ulang usulan itu, lalu tekan Hitung: hasilnya "
              "dicatat sebagai sub-peringkat dan Urutan akhir. Masih seri: putaran berikutnya.")),
        ("7", ("Baca Ringkasan (daftar prioritas per aspek Teknis, Finansial, Manajemen) dan "
              "Stabilitas: seberapa yakin urutan pertama (selisih, bobot yang menentukan, skor "
              "±1 yang membalik, peluang nomor 1 bila bobot sedikit berbeda).")),
        ("", ("Tanpa Python pun rumus Excel menghitung Nilai dan peringkat; Python menambah "
             "pemeriksaan, Masalah, Sebaran, Ringkasan, Stabilitas, putaran seri dan kunci.")),
        ("", "Sel krem adalah isian; sel rumus terkunci (proteksi sheet tanpa kata sandi)."),
    ]
    steps_table(ws, steps, height=48)


def _cell(ws: Any, ref: str, value: Any = None, *, fill: Any = None, bold: bool = False,
          fmt: str | None = None, unlocked: bool = False) -> Any:
    c = ws[ref]
    if value is not None:
        c.value = value
    c.border = BOX
    if fill is not None:
        c.fill = fill
    if bold:
        c.font = Font(bold=True)
    if fmt:
        c.number_format = fmt
    if unlocked:
        c.protection = UNLOCKED
    return c


def _kriteria(ws: Any, example: bool, k: int) -> None:
    sheet_title(ws, "KRITERIA DAN BOBOT (disepakati dalam pleno)",
           "Total = Σ bobot × skor, bobot dan skor seperti diisi: tidak ada normalisasi per "
           "kolom. Bobot Persen harus berjumlah 100.")
    for s, v in zip(t.SETTINGS, (mcua.PERSEN, 1, 5)):
        r = int(s.ref[1:])
        _cell(ws, f"B{r}", s.label, bold=True)
        _cell(ws, s.ref, v, fill=INPUT_FILL, unlocked=True).alignment = CENTER
        _cell(ws, f"{L(t.LOCKED_SETTING_COL)}{r}", fill=GREY).alignment = CENTER
    ws[f"{L(t.LOCKED_SETTING_COL)}3"] = "saat dikunci"
    ws[f"{L(t.LOCKED_SETTING_COL)}3"].font = Font(italic=True, color="555555")
    for ref, label in ((t.SUM_CELL, "Jumlah bobot"), (t.STATUS_CELL, "Status bobot"),
                       (t.LOCK_TIME_CELL, "Dikunci pada"), (t.LOCK_STATUS_CELL, "Status kunci"),
                       (t.LO_CELL, "Skala dipakai")):
        r = int(ref[1:])
        _cell(ws, f"E{r}", label, bold=True)
        _cell(ws, ref, fill=CALC_FILL, bold=True).alignment = CENTER
    _cell(ws, t.HI_CELL, fill=CALC_FILL, bold=True).alignment = CENTER
    ws[t.STATUS_CELL].font = Font(bold=True, color="C00000")
    dv = DataValidation(type="list", formula1='"Persen,Mentah"', allow_blank=False)
    dv.add(t.KIND.ref)
    lo = DataValidation(type="list", formula1='"0,1"', allow_blank=False)
    lo.add(t.LOW.ref)
    hi = DataValidation(type="whole", operator="between", formula1="2", formula2="10",
                        allow_blank=False, showErrorMessage=True,
                        errorTitle="Skala", error="Skor tertinggi: bilangan bulat 2–10.")
    hi.add(t.HIGH.ref)
    heads = ["No", "Kriteria", "Bobot", "Keterangan", "Kriteria saat dikunci",
             "Bobot saat dikunci", "Cek"]
    for col, h in enumerate(heads, start=1):
        header_cell(ws, t.KR_HEADER, col, h)
    last_input = t.KR_ROW0 + 49
    for r in range(t.KR_ROW0, last_input + 1):
        formatted = r < t.KR_ROW0 + k
        for col in (t.KR_NAME, t.KR_WEIGHT, t.KR_NOTE):
            c = ws.cell(row=r, column=col)
            c.protection = UNLOCKED
            if formatted:
                c.fill, c.border, c.alignment = INPUT_FILL, BOX, WRAP
        if formatted:
            for col in (t.KR_NO, t.KR_LNAME, t.KR_LWEIGHT, t.KR_CHECK):
                c = ws.cell(row=r, column=col)
                c.border, c.alignment = BOX, CENTER
                c.fill = GREY if col in (t.KR_LNAME, t.KR_LWEIGHT) else CALC_FILL
    locked = f'${t.LOCK_TIME_CELL[0]}${t.LOCK_TIME_CELL[1:]}=""'
    msg = ("Kriteria dan bobot sudah dikunci (lihat 'Dikunci pada'). Tekan Buka kunci bila "
           "pleno sepakat mengubahnya.")
    name_dv = DataValidation(type="custom", formula1=locked, allow_blank=True,
                             showErrorMessage=True, errorTitle="Terkunci", error=msg)
    name_dv.add(f"B{t.KR_ROW0}:B{last_input}")
    w_dv = DataValidation(type="custom", formula1=f"AND(ISNUMBER(C{t.KR_ROW0}),"
                                                 f"C{t.KR_ROW0}>=0,{locked})",
                          allow_blank=True, showErrorMessage=True, errorTitle="Bobot",
                          error="Bobot: angka ≥ 0 (Persen: jumlah 100). " + msg)
    w_dv.add(f"C{t.KR_ROW0}:C{last_input}")
    for v in (dv, lo, hi, name_dv, w_dv):
        ws.add_data_validation(v)
    if example:
        for c, (name, w, note) in enumerate(EXAMPLE_CRITERIA):
            r = t.kr_row(c)
            ws.cell(row=r, column=t.KR_NAME, value=name)
            ws.cell(row=r, column=t.KR_WEIGHT, value=w)
            ws.cell(row=r, column=t.KR_NOTE, value=note)
            ws.cell(row=r, column=t.KR_LNAME, value=name)
            ws.cell(row=r, column=t.KR_LWEIGHT, value=w)
        for s, v in zip(t.SETTINGS, (mcua.PERSEN, 1, 5)):
            ws[f"{L(t.LOCKED_SETTING_COL)}{s.ref[1:]}"] = v
        ws[t.LOCK_TIME_CELL] = EXAMPLE_LOCK
    ws["B8"] = ("Contoh kriteria dari kosakata sumber (bukan bawaan): tingkat urgensi, cakupan "
                "manfaat.")
    ws["B8"].font = Font(italic=True, color="555555")
    for col, w in zip("ABCDEFG", (6, 34, 11, 40, 24, 18, 9)):
        ws.column_dimensions[col].width = w
    ws.freeze_panes = f"A{t.KR_ROW0}"
    print_setup(ws, landscape=True, title_rows=f"{t.KR_HEADER}:{t.KR_HEADER}")
    protect_sheet(ws)


def _usulan(ws: Any, example: bool, n: int) -> None:
    sheet_title(ws, "USULAN TINDAKAN PENINGKATAN KUALITAS PELAYANAN",
           "Satu baris per usulan; kode unik; kelompok menentukan sheet penilaiannya.")
    for col, h in enumerate(["Kode", "Kelompok", "Usulan tindakan", "Asal (Topik)",
                             "Keterangan"], start=1):
        header_cell(ws, t.US_HEADER, col, h)
    for r in range(t.US_ROW0, t.US_ROW0 + n):
        for col in range(1, 6):
            c = ws.cell(row=r, column=col)
            c.fill, c.border, c.alignment = INPUT_FILL, BOX, WRAP
    last_ = t.US_ROW0 + INPUT_ROWS
    code = DataValidation(type="custom", formula1=f"COUNTIF($A${t.US_ROW0}:$A${last_},"
                                                  f"A{t.US_ROW0})=1",
                          showErrorMessage=True, errorTitle="Kode",
                          error="Kode usulan harus unik.")
    code.add(f"A{t.US_ROW0}:A{last_}")
    grp = DataValidation(type="list", formula1=t.GROUP_RANGE, showErrorMessage=True,
                         errorTitle="Kelompok", error="Pilih Teknis, Finansial atau "
                                                      "Manajemen (P3O).")
    grp.add(f"B{t.US_ROW0}:B{last_}")
    src = DataValidation(type="list", formula1=f"{t.REFERENSI}!$B$10:$B$15", allow_blank=True,
                         showErrorMessage=False)
    src.add(f"D{t.US_ROW0}:D{last_}")
    for v in (code, grp, src):
        ws.add_data_validation(v)
    if example:
        for i, row in enumerate(EXAMPLE_OPTIONS):
            for j, v in enumerate(row):
                ws.cell(row=t.US_ROW0 + i, column=j + 1, value=v)
    for col, w in zip("ABCDE", (8, 18, 60, 20, 30)):
        ws.column_dimensions[col].width = w
    ws.freeze_panes = f"A{t.US_ROW0}"
    print_setup(ws, landscape=True, title_rows=f"{t.US_HEADER}:{t.US_HEADER}")


def _scoring(ws: Any, group: str, k: int, n_rows: int, rows: list | None,
             round_sheet: bool = False) -> None:
    if round_sheet:
        sheet_title(ws, "PUTARAN SERI — menilai ulang hanya usulan yang seri",
               "Baris dibuat oleh tombol Putaran seri; isi skor, lalu tekan Hitung. Status "
               "diisi oleh Hitung.")
        heads = ["Putaran", "Kelompok", "Kode usulan", "Usulan tindakan", "Status",
                 "Total", "Sub-peringkat", "Lengkap"]
        s0, inputs, formulas = t.P_SCORE0, (t.P_NO, t.P_GROUP, t.P_CODE), (
            t.P_TEXT, t.P_STATUS, t.P_TOTAL, t.P_SUB, t.P_DONE)
    else:
        sheet_title(ws, f"PENILAIAN KELOMPOK {group.upper()}",
               "Satu baris per penilai per usulan. Skor bilangan bulat pada skala di sheet "
               "Kriteria; kosong bukan nol.")
        heads = ["Kode usulan", "Usulan tindakan", "Penilai", "Lengkap"]
        s0, inputs, formulas = t.G_SCORE0, (t.G_CODE, t.G_RATER), (t.G_TEXT, t.G_DONE)
    ws["A3"] = "Kriteria dipakai:"
    ws["A3"].font = Font(bold=True)
    ws[t.USED_CELL].fill, ws[t.USED_CELL].border = CALC_FILL, BOX
    for col, h in enumerate(heads, start=1):
        header_cell(ws, t.G_HEADER, col, h)
    for c in range(k):
        header_cell(ws, t.G_HEADER, s0 + c, "")
    ws.row_dimensions[t.G_HEADER].height = 45
    last_ = t.G_ROW0 + INPUT_ROWS
    for r in range(t.G_ROW0, last_ + 1):
        fmt = r < t.G_ROW0 + n_rows
        for col in list(inputs) + list(range(s0, s0 + k + 10)):
            c = ws.cell(row=r, column=col)
            c.protection = UNLOCKED
            if fmt and col < s0 + k:
                c.fill, c.border, c.alignment = INPUT_FILL, BOX, CENTER
        if fmt:
            for col in formulas:
                c = ws.cell(row=r, column=col)
                c.fill, c.border = CALC_FILL, BOX
                c.alignment = WRAP if col in (t.G_TEXT, t.P_TEXT) and (
                    col == (t.P_TEXT if round_sheet else t.G_TEXT)) else CENTER
    score = DataValidation(type="whole", operator="between", formula1=SCALE_LO,
                           formula2=SCALE_HI, allow_blank=True, showErrorMessage=True,
                           errorTitle="Skor", error="Skor: bilangan bulat pada skala di sheet "
                                                    "Kriteria (Skala dipakai).")
    score.add(f"{L(s0)}{t.G_ROW0}:XFD{t.MAX_ROW}")
    code = DataValidation(type="list", formula1=CODE_LIST, allow_blank=True,
                          showErrorMessage=True, errorTitle="Kode usulan",
                          error="Pilih kode dari sheet Usulan.")
    code.add(f"{L(t.P_CODE if round_sheet else t.G_CODE)}{t.G_ROW0}:"
             f"{L(t.P_CODE if round_sheet else t.G_CODE)}{t.MAX_ROW}")
    ws.add_data_validation(score)
    ws.add_data_validation(code)
    if round_sheet:
        no = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="1",
                            allow_blank=True)
        no.add(f"A{t.G_ROW0}:A{t.MAX_ROW}")
        grp = DataValidation(type="list", formula1=t.GROUP_RANGE, allow_blank=True)
        grp.add(f"B{t.G_ROW0}:B{t.MAX_ROW}")
        ws.add_data_validation(no)
        ws.add_data_validation(grp)
        for i, (no_, g, code_, scores) in enumerate(rows or []):
            r = t.G_ROW0 + i
            ws.cell(row=r, column=t.P_NO, value=no_)
            ws.cell(row=r, column=t.P_GROUP, value=g)
            ws.cell(row=r, column=t.P_CODE, value=code_)
            for c, v in enumerate(scores):
                ws.cell(row=r, column=s0 + c, value=v)
        widths = {"A": 9, "B": 16, "C": 10, "D": 40, "E": 13, "F": 9, "G": 10, "H": 9}
    else:
        for i, (code_, rater, scores) in enumerate(rows or []):
            r = t.G_ROW0 + i
            ws.cell(row=r, column=t.G_CODE, value=code_)
            ws.cell(row=r, column=t.G_RATER, value=rater)
            for c, v in enumerate(scores):
                ws.cell(row=r, column=s0 + c, value=v)
        widths = {"A": 11, "B": 42, "C": 18, "D": 9}
    for col, w in widths.items():
        ws.column_dimensions[col].width = w
    for c in range(k + 10):
        ws.column_dimensions[L(s0 + c)].width = 12
    ws.freeze_panes = f"{L(s0)}{t.G_ROW0}"
    print_setup(ws, landscape=True, title_rows=f"{t.G_HEADER}:{t.G_HEADER}")
    protect_sheet(ws)


def _nilai(ws: Any, k: int, n: int) -> None:
    sheet_title(ws, "NILAI — rata-rata skor, B×N (bobot × nilai), total dan peringkat per kelompok",
           "Dihitung; baris sama dengan baris di sheet Usulan. Total hanya bila bobot sah dan "
           "ada baris penilai yang lengkap.")
    ws.cell(row=3, column=t.N_MEAN0, value="Rata-rata skor para penilai").font = Font(bold=True)
    ws.cell(row=3, column=t.N_MEAN0 + k, value="B×N = bobot × rata-rata").font = Font(bold=True)
    for c in t.NILAI_COLUMNS:
        header_cell(ws, t.N_HEADER, c.index, c.header)
    for c in range(2 * k):
        header_cell(ws, t.N_HEADER, t.N_MEAN0 + c, "")
    ws.row_dimensions[t.N_HEADER].height = 62
    fmts = {t.N_TOTAL: "0.00", t.N_PCT: "0.0%"}
    for r in range(t.N_ROW0, t.N_ROW0 + n):
        for col in range(1, t.N_MEAN0 + 2 * k):
            c = ws.cell(row=r, column=col)
            c.fill, c.border = CALC_FILL, BOX
            if col not in (t.N_TEXT, t.N_NOTE):
                c.alignment = CENTER
            c.number_format = fmts.get(col, "0.00" if col >= t.N_MEAN0 else "General")
    ws.cell(row=t.N_ROW0, column=t.N_TOTAL).font = Font(bold=True)
    for col, w in zip("ABCDEFGHIJ", (8, 16, 42, 10, 11, 9, 10, 12, 9, 20)):
        ws.column_dimensions[col].width = w
    for c in range(2 * k):
        ws.column_dimensions[L(t.N_MEAN0 + c)].width = 11
    ws.freeze_panes = f"D{t.N_ROW0}"
    print_setup(ws, landscape=True, title_rows=f"{t.N_HEADER}:{t.N_HEADER}")
    protect_sheet(ws)


def _sebaran(ws: Any, k: int, n: int) -> None:
    sheet_title(ws, "SEBARAN — selisih skor tertinggi dan terendah antar penilai",
           "Diisi oleh Hitung. Selisih besar = penilai belum sepakat: bahas sebelum "
           "menetapkan prioritas. Kosong bila kurang dari dua penilai.")
    for col, h in enumerate(["Kode", "Kelompok", "Usulan tindakan", "Penilai"], start=1):
        header_cell(ws, t.S_HEADER, col, h)
    for c in range(k):
        header_cell(ws, t.S_HEADER, 5 + c, "")
    ws.row_dimensions[t.S_HEADER].height = 45
    for r in range(t.S_ROW0, t.S_ROW0 + n):
        for col in range(1, 5 + k):
            c = ws.cell(row=r, column=col)
            c.border, c.number_format = BOX, "0.##" if col >= 5 else "General"
            if col != 3:
                c.alignment = CENTER
    for col, w in zip("ABCD", (8, 16, 42, 9)):
        ws.column_dimensions[col].width = w
    for c in range(k):
        ws.column_dimensions[L(5 + c)].width = 12
    print_setup(ws, landscape=True, title_rows=f"{t.S_HEADER}:{t.S_HEADER}")
    protect_sheet(ws)


def _ringkasan(ws: Any) -> None:
    sheet_title(ws, "RINGKASAN — PRIORITAS TINDAKAN PER ASPEK",
           "Tiga daftar terpisah (Teknis, Finansial, Manajemen/P3O); urutan akhir memakai "
           "hasil putaran seri bila ada. Diisi oleh Hitung.")
    labels = {t.R_STATUS: "Status bobot", t.R_LOCK: "Status kunci", t.R_LOCKED_AT: "Dikunci pada",
              t.R_WITH_TOTAL: "Usulan dengan total", t.R_TIES: "Usulan masih SAMA",
              t.R_PROBLEMS: "Masalah input"}
    for ref, label in labels.items():
        r = int(ref[1:])
        _cell(ws, f"A{r}", label, bold=True)
        ws.merge_cells(f"A{r}:B{r}")
        _cell(ws, ref, fill=CALC_FILL, bold=True).alignment = CENTER
    for r in range(t.R_ROW0, t.R_ROW0 + 80):
        for col in (4, 5):
            ws.cell(row=r, column=col).number_format = "0.00" if col == 4 else "0.0%"
    for col, w in zip("ABCDEFGHI", (10, 14, 48, 12, 9, 10, 12, 9, 22)):
        ws.column_dimensions[col].width = w
    print_setup(ws, landscape=True)
    protect_sheet(ws)


def _stabilitas(ws: Any) -> None:
    sheet_title(ws, "STABILITAS — seberapa yakin urutan pertama?",
           "Per kelompok: selisih nomor 1 dan 2, kriteria yang paling menentukan, skor ±1 yang "
           "membalik urutan, dan peluang menjadi nomor 1 bila bobot sedikit berbeda.")
    for g, name in enumerate(stpp.GROUPS):
        first = t.ST_ROW0 + g * t.ST_BLOCK_ROWS
        ws.cell(row=first + panel.ROW_TITLE, column=1).font = Font(bold=True, size=13,
                                                                    color="1F4E78")
        ws.cell(row=first + panel.ROW_VERDICT, column=1).font = Font(bold=True)
        for h in panel.HEADER_ROWS:
            for col in range(1, panel.N_COLS + 1):
                c = ws.cell(row=first + h, column=col)
                c.font, c.fill = Font(bold=True), CALC_FILL
        for i in range(panel.SHARE_ROWS):
            ws.cell(row=first + panel.SHARE_OFFSET + i, column=2).number_format = "0%"
        for i in range(panel.MAX_CRITERIA_ROWS):
            for col in (2, 3, 5):
                ws.cell(row=first + panel.WEIGHT_OFFSET + i, column=col).number_format = "0.##"
        panel.add_share_chart(ws, first, f"H{first + panel.ROW_SHARE_HEAD}",
                              f"Peluang nomor 1 — {name}")
    for col, w in zip("ABCDEF", (42, 14, 14, 30, 14, 30)):
        ws.column_dimensions[col].width = w
    print_setup(ws, landscape=True)
    protect_sheet(ws)


def _referensi(ws: Any) -> None:
    sheet_title(ws, "REFERENSI — aturan perhitungan")
    ws["A4"] = "Kelompok"
    ws["A4"].font = Font(bold=True)
    for i, g in enumerate(stpp.GROUPS):
        ws.cell(row=t.REF_GROUP_ROW0 + i, column=2, value=g).border = BOX
    ws["A9"] = "Asal usulan (Tahap 4)"
    ws["A9"].font = Font(bold=True)
    for i, s in enumerate(t.SOURCES):
        ws.cell(row=10 + i, column=2, value=s).border = BOX
    rules = [
        ("Total", ("Total = Σ (bobot × rata-rata skor) = jumlah B×N, dengan bobot dan skor seperti "
                  "diisi. Tidak ada normalisasi per kolom (normalisasi dapat mengubah pemenang).")),
        ("Bobot", ("Persen: jumlah harus 100; bila tidak, tidak ada total (tidak dinormalkan "
                  "diam-diam). Mentah: angka ≥ 0 bebas (mis. 1–5). % maks = total ÷ (Σ bobot × "
                  "skor tertinggi) hanya pembanding.")),
        ("Kunci", ("Kriteria, bobot dan skala disepakati pleno lalu dikunci sebelum kelompok "
                  "menilai (waktu dicatat). Bila berubah setelah dikunci: tidak ada total.")),
        ("Skor", ("Bilangan bulat pada skala (bawaan 1–5; bisa 0/1 sampai 2–10). Kosong bukan "
                 "nol: baris penilai dihitung hanya bila semua kriteria terisi sah.")),
        ("Beberapa penilai", ("Nilai = rata-rata skor baris penilai yang lengkap untuk usulan itu; "
                             "sebaran = skor tertinggi − terendah (sheet Sebaran).")),
        ("Peringkat", ("Peringkat kompetisi (1, 2, 2, 4) dalam setiap kelompok, pada total yang "
                      "dibulatkan 9 desimal. Seri ditandai SAMA dan tidak pernah diputus urutan "
                      "baris.")),
        ("Putaran seri", ("Hanya usulan yang seri dinilai ulang dengan kriteria dan bobot yang "
                         "sama; peringkat di putaran menjadi sub-peringkat; Urutan akhir = "
                         "peringkat + sub-peringkat − 1. Putaran yang usulannya tidak lagi seri "
                         "(mis. skor diubah) kedaluwarsa dan tidak dipakai.")),
        ("Stabilitas", ("Selisih nomor 1 − nomor 2 (TIPIS bila < 5 %); per kriteria perubahan "
                       "bobot terkecil (bobot lain diskalakan sebanding) yang mengubah nomor 1, "
                       "dihitung tepat; skor ±1 satu sel yang mengubah nomor 1; peluang nomor 1 "
                       f"dari {t.ROUND_SAMPLES} vektor bobot acak Dirichlet di sekitar bobot "
                       f"yang disepakati (konsentrasi 100, benih {t.ROUND_SEED}: hasil "
                       "berulang sama).")),
        ("Sumber", ("Modul STPP PDAM Tahap 4 Topik 7 (Teknik MCUA). Kriteria, skala dan aturan "
                   "seri tidak diberikan sumber: aturan di atas adalah keputusan xlpokja.")),
    ]
    r = 18
    for head, text in rules:
        ws.cell(row=r, column=1, value=head).font = Font(bold=True)
        c = ws.cell(row=r, column=2, value=text)
        c.alignment = WRAP
        ws.row_dimensions[r].height = 15 * (len(text) // 90 + 1) + 4
        r += 1
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 100
    print_setup(ws)
    protect_sheet(ws)


# ========================================================================== build


def build(path: Path, example: bool = False) -> Path:
    k = t.MIN_CRITERIA
    n = t.MIN_OPTIONS
    wb = Workbook()
    wb.remove(wb.active)
    for name in t.SHEETS:
        wb.create_sheet(name)
    _petunjuk(wb[t.PETUNJUK])
    _kriteria(wb[t.KRITERIA], example, k)
    _usulan(wb[t.USULAN], example, n)
    for g, sh in enumerate(t.GROUP_SHEETS):
        _scoring(wb[sh], stpp.GROUPS[g], k, t.MIN_RATER_ROWS,
                 EXAMPLE_SCORES[sh] if example else None)
    _scoring(wb[t.PUTARAN], "", k, t.MIN_ROUND_ROWS, EXAMPLE_ROUNDS if example else None,
             round_sheet=True)
    _nilai(wb[t.NILAI], k, n)
    _sebaran(wb[t.SEBARAN], k, n)
    _ringkasan(wb[t.RINGKASAN])
    _stabilitas(wb[t.STABILITAS])
    _referensi(wb[t.REFERENSI])
    shared_sheets(wb[t.REFERENSI], wb[t.MASALAH])
    shape = t.Shape(n, k, (t.MIN_RATER_ROWS,) * 3, t.MIN_ROUND_ROWS)
    write_layout(wb, formula_cells(shape), t.extents(shape))
    wb.active = wb.sheetnames.index(t.RINGKASAN)
    return save_workbook(wb, path, t.TEMPLATE_ID, t.TEMPLATE_VERSION,
                         "MCUA Prioritas Tindakan STPP")


BUILDS = {
    t.FILE_NAME: lambda p: build(p, example=False),
    "contoh_" + t.FILE_NAME: lambda p: build(p, example=True),
}
