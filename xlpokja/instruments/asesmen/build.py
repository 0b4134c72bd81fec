"""Build the weighted aspect assessment workbooks (template ``asesmen``).

``asesmen_pokja.xlsm`` (K4 preset), ``asesmen_badan_pengelola.xlsm`` (K10 "Kinerja
lembaga" preset) and ``contoh_asesmen_pokja.xlsm`` (K4, filled with a made-up example).
The openpyxl helpers and :func:`save_workbook` (VBA, Hitung buttons, cached values) are
those of :mod:`xlpokja.workbook.kit`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import RadarChart, Reference
from openpyxl.chart.data_source import StrRef
from openpyxl.chart.series import SeriesLabel
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter as L
from openpyxl.worksheet.datavalidation import DataValidation

from xlpokja.instruments.asesmen import calc as ca
from xlpokja.instruments.asesmen import layout as t
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

#: light fills, one per aspect (cycled)
ASPECT_FILLS = ("DDEBF7", "FCE4D6", "E2EFDA", "FFF2CC", "EDE2F6", "D9E1F2", "FBE2D5")
NUM_FORMATS = {
    (t.HASIL, t.H_TOTAL): "0.000", (t.HASIL, t.H_PCT): "0.0%",
    (t.HASIL, t.H_FILLED): "0;-0;;@", (t.HASIL, t.H_VALID): "0;-0;;@",
}

# ====================================================================== the example

#: contoh_asesmen_pokja.xlsm: made-up districts of one province, K4 indicator order
#: K1-K7, P1-P3, KA1-KA5, ME1-ME4, KU1-KU2 (None = not assessed).
EXAMPLE_PROVINCE = "Provinsi Contoh"
EXAMPLE_UNITS: list[list[Any]] = [
    # the source's worked example (K4): 3.0 / 4.0 / 2.5 / 3.5 / 2.0 -> 3.075, 61.5 %, band 3
    ["Kabupaten Contoh A", 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 2, 3, 2, 3, None, 3, 4, 3, 4, 2, 2],
    # B and C tie at 3.5 (4/3/4/3/3 and 3/4/4/3.5/2.5): shared rank, flagged SAMA
    ["Kota Contoh B", 4, 4, 4, 4, 4, 4, 4, 3, 3, 3, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3],
    ["Kabupaten Contoh C", 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 3, 4, 3, 4, 2, 3],
    # Keuangan not assessed: no total, flagged, never counted as 0
    ["Kabupaten Contoh D", 2, 3, 2, 3, 2, 3, 2, 3, 3, 2, 3, 3, 2, 2, 3, 2, 3, 2, 3, None, None],
    ["Kabupaten Contoh E", 5, 4, 5, 4, 5, 4, 4, 5, 5, 4, 4, 5, 4, 4, 5, 4, 4, 5, 4, 4, 4],
    ["Kabupaten Contoh F", 2, 1, 2, 1, 1, 2, 0, 2, 1, 2, 1, 2, 2, 1, 1, 2, 1, 1, 2, 1, 0],
]
EXAMPLE_EVIDENCE = {
    ("Kabupaten Contoh A", "K1"): "SK Bupati tentang Pokja AMPL (contoh)",
    ("Kabupaten Contoh A", "KA5"): "belum ada informasi: tidak dinilai",
    ("Kabupaten Contoh A", "KU1"): "DPA Bappeda: dana operasional Pokja (contoh)",
    ("Kabupaten Contoh D", "KU1"): "dokumen anggaran belum diterima",
    ("Kabupaten Contoh D", "KU2"): "dokumen anggaran belum diterima",
}
EXAMPLE_CHOICE = "Kabupaten Contoh A"


# ======================================================================== the sheets


def _petunjuk(ws: Any, preset: ca.Preset) -> None:
    sheet_title(ws, f"{preset.title} — PETUNJUK",
           "Buku kerja xlpokja: penilaian indikator 0–5, nilai aspek, bobot dan nilai total")
    unit = "Badan Pengelola Sarana" if preset is ca.K10 else "Pokja kabupaten/kota"
    steps = [
        ("Langkah", "Apa yang dilakukan"),
        ("1", f"Sheet Penilaian: satu baris per unit yang dinilai (mis. setiap {unit}). Tulis "
              "nama unit di kolom A, lalu nilai 0–5 (bilangan bulat) untuk setiap indikator. "
              "0 buruk sekali – 5 baik sekali, skala yang sama dengan penilaian diri."),
        ("2", "Indikator yang tidak dinilai dibiarkan KOSONG. Kosong bukan nol: tidak dihitung. "
              "Aspek yang sama sekali tanpa nilai membuat unit itu tanpa nilai total (ditandai), "
              "tidak pernah dihitung sebagai 0."),
        ("3", "Sheet Bukti: tulis bukti atau catatan untuk setiap nilai pada sel yang sama "
              "seperti di Penilaian (baris = unit, kolom = indikator)."),
        ("4", "Sheet Bobot: bobot setiap aspek (dalam persen). Jumlahnya harus 100 %; bila tidak, "
              "tidak ada nilai total sama sekali sampai bobot diperbaiki (tidak dinormalkan "
              "diam-diam). Aspeknya tetap (\"aspek yang akan dimonev sebaiknya diikuti\"); "
              "bobot dan catatan boleh diubah."),
        ("5", "Indikator boleh diubah: ubah uraian atau kode di baris judul Penilaian, pindahkan "
              "indikator ke aspek lain lewat baris Aspek (daftar pilihan), atau tambah indikator "
              "di KANAN kolom terakhir (isi Aspek, Kode dan Uraian). Unit baru ditulis di bawah "
              "tabel. Lalu tekan Hitung: semua rumus diperluas."),
        ("6", "Tekan tombol Hitung (di sheet Ringkasan atau Penilaian). Semua isian diperiksa; "
              "masalah (teks, nilai di luar 0–5, pecahan, bobot tidak 100 %, aspek tanpa nilai, "
              "nama ganda) dicatat di sheet Masalah dengan sheet, sel, yang diharapkan dan yang "
              "ditemukan. Nilai yang bermasalah tidak dihitung."),
        ("7", "Sheet Hasil: per unit nilai setiap aspek (rata-rata indikatornya), nilai total "
              "tertimbang (0–5), persentase dari nilai maksimum, pita dan keterangan, peringkat "
              "(nilai sama mendapat peringkat sama dan ditandai SAMA) dan catatan."),
        ("8", "Sheet Ringkasan: pilih unit di sel C4 (kosong = unit peringkat 1); grafik radar "
              "membandingkan nilai aspek unit itu dengan rata-rata semua unit."),
        ("9", "Aturan perhitungan, skala, pita dan tabel sumber ada di sheet Referensi."),
        ("", "Tanpa Python pun buku kerja ini tetap menghitung dengan rumus Excel biasa; Python "
             "menambah pemeriksaan lengkap, daftar Masalah dan perluasan tabel."),
        ("", "Sel berwarna krem adalah isian. Sel rumus terkunci (proteksi sheet tanpa kata "
             "sandi) agar rumus tidak terhapus tidak sengaja."),
    ]
    steps_table(ws, steps, height=45)


def _aspect_fill(preset: ca.Preset, aspect: str) -> PatternFill:
    k = preset.aspect_names.index(aspect) if aspect in preset.aspect_names else 0
    return PatternFill("solid", fgColor=ASPECT_FILLS[k % len(ASPECT_FILLS)])


def _text_row_height(preset: ca.Preset, width: float) -> float:
    longest = max(len(ind.text) for ind in preset.indicators)
    lines = longest / (1.15 * width) + 1.5  # 9-point text
    return max(60.0, min(409.0, 12.0 * lines))


def _penilaian(ws: Any, preset: ca.Preset, n_rows: int, rows: list[list[Any]] | None) -> None:
    sheet_title(ws, f"PENILAIAN — {preset.title}",
           "Satu baris per unit; nilai 0–5 (bilangan bulat), kosong = tidak dinilai. Unit baru "
           "di bawah tabel, indikator baru di kanan; lalu tekan Hitung.")
    width = 14 if preset is ca.K10 else 13
    labels = {t.ASPECT_ROW: "Aspek", t.CODE_ROW: t.UNIT_KEY_LABEL, t.TEXT_ROW: preset.unit_header}
    for r, text in labels.items():
        header_cell(ws, r, t.COL_UNIT, text)
    for j, ind in enumerate(preset.indicators):
        col = t.ind_col(j)
        fill = _aspect_fill(preset, ind.aspect)
        a = ws.cell(row=t.ASPECT_ROW, column=col, value=ind.aspect)
        a.fill, a.border, a.alignment = fill, BOX, CENTER
        a.font = Font(bold=True, size=9)
        header_cell(ws, t.CODE_ROW, col, ind.code)
        x = ws.cell(row=t.TEXT_ROW, column=col, value=ind.text)
        x.fill, x.border = fill, BOX
        x.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
        x.font = Font(size=9)
        ws.column_dimensions[L(col)].width = width
    ws.row_dimensions[t.ASPECT_ROW].height = 30
    ws.row_dimensions[t.CODE_ROW].height = 18
    ws.row_dimensions[t.TEXT_ROW].height = _text_row_height(preset, width)
    last_col = t.ind_col(len(preset.indicators) - 1)
    for i in range(n_rows):
        r = t.FIRST_ROW + i
        values = rows[i] if rows and i < len(rows) else None
        for col in range(1, last_col + 1):
            c = ws.cell(row=r, column=col)
            if values is not None and col - 1 < len(values) and values[col - 1] is not None:
                c.value = values[col - 1]
            c.protection, c.fill, c.border = UNLOCKED, INPUT_FILL, BOX
            if col > 1:
                c.alignment = CENTER
    ws.column_dimensions["A"].width = 34
    dv = DataValidation(type="whole", operator="between", formula1="0", formula2="5",
                        allow_blank=True, showErrorMessage=True, showInputMessage=True,
                        errorTitle="Nilai tidak sah", promptTitle="Nilai 0–5",
                        error="Isikan bilangan bulat 0 sampai 5, atau kosongkan bila tidak "
                              "dinilai.",
                        prompt="0 buruk sekali – 5 baik sekali. Kosong = tidak dinilai.")
    dv.add(t.score_validation_sqref())  # to the sheet's end: new rows and columns too
    ws.add_data_validation(dv)
    m = len(preset.aspects)
    lv = DataValidation(type="list", formula1=t.aspect_ref(m), allow_blank=True,
                        showErrorMessage=True, errorTitle="Aspek tidak dikenal",
                        error="Pilih salah satu aspek dari sheet Bobot.")
    lv.add(t.aspect_validation_sqref())
    ws.add_data_validation(lv)
    ws.freeze_panes = ws.cell(row=t.FIRST_ROW, column=t.COL_IND0)
    print_setup(ws, landscape=True, title_rows=f"{t.ASPECT_ROW}:{t.TEXT_ROW}")
    ws.print_title_cols = "A:A"
    ws.page_setup.fitToWidth = 2 if len(preset.indicators) > 25 else 1
    # not protected: the sheet holds input only, headers included (indicators are editable)


def _bukti(ws: Any, preset: ca.Preset, n_rows: int,
           notes: dict[tuple[int, int], str] | None) -> None:
    sheet_title(ws, "BUKTI / CATATAN — per unit dan indikator",
           "Sel yang sama seperti di Penilaian. Judul dan nama unit diambil dari Penilaian "
           "(rumus).")
    labels = {t.ASPECT_ROW: "Aspek", t.CODE_ROW: t.UNIT_KEY_LABEL, t.TEXT_ROW: preset.unit_header}
    for r, text in labels.items():
        header_cell(ws, r, t.COL_UNIT, text)
    nc = len(preset.indicators)
    for j, ind in enumerate(preset.indicators):
        col = t.ind_col(j)
        fill = _aspect_fill(preset, ind.aspect)
        for r in (t.ASPECT_ROW, t.TEXT_ROW):
            c = ws.cell(row=r, column=col)
            c.fill, c.border = fill, BOX
            c.alignment = CENTER if r == t.ASPECT_ROW else Alignment(
                wrap_text=True, vertical="top", horizontal="left")
            c.font = Font(bold=r == t.ASPECT_ROW, size=9)
        c = ws.cell(row=t.CODE_ROW, column=col)
        c.fill, c.font, c.alignment, c.border = _hfill(), Font(bold=True, color="FFFFFF"), \
            CENTER, BOX
        ws.column_dimensions[L(col)].width = 22
        ws.column_dimensions[L(col)].protection = UNLOCKED
    extra = ws.column_dimensions[L(t.ind_col(nc))]  # columns for indicators added later
    extra.min, extra.max = t.ind_col(nc), t.ind_col(nc) + 99
    extra.width, extra.protection = 22, UNLOCKED
    ws.row_dimensions[t.ASPECT_ROW].height = 30
    ws.row_dimensions[t.TEXT_ROW].height = _text_row_height(preset, 22)
    for i in range(n_rows):
        r = t.FIRST_ROW + i
        a = ws.cell(row=r, column=1)
        a.fill, a.border = CALC_FILL, BOX
        for j in range(nc):
            c = ws.cell(row=r, column=t.ind_col(j))
            c.protection, c.fill, c.border, c.alignment = UNLOCKED, INPUT_FILL, BOX, WRAP
            if notes and (i, j) in notes:
                c.value = notes[(i, j)]
    ws.column_dimensions["A"].width = 34
    ws.freeze_panes = ws.cell(row=t.FIRST_ROW, column=t.COL_IND0)
    print_setup(ws, landscape=True, title_rows=f"{t.ASPECT_ROW}:{t.TEXT_ROW}")
    ws.print_title_cols = "A:A"
    ws.page_setup.fitToWidth = (nc + 6) // 7  # about seven notes columns per page
    protect_sheet(ws)


def _hfill() -> PatternFill:
    from xlpokja.workbook.kit import HEAD_FILL

    return HEAD_FILL


def _bobot(ws: Any, preset: ca.Preset) -> None:
    m = len(preset.aspects)
    sheet_title(ws, "BOBOT ASPEK",
           "Bobot dalam persen; jumlahnya harus 100 %. Bobot tidak pernah dinormalkan "
           "diam-diam: bila jumlahnya bukan 100 %, tidak ada nilai total.")
    for col, h in enumerate(["No", "Aspek", "Bobot", "Jumlah indikator", "Catatan"], start=1):
        header_cell(ws, t.BOBOT_HEADER, col, h)
    for k, a in enumerate(preset.aspects):
        r = t.BOBOT_ROW0 + k
        ws.cell(row=r, column=t.BO_NO, value=k + 1).alignment = CENTER
        ws.cell(row=r, column=t.BO_NAME, value=a.name).alignment = WRAP  # fixed: locked
        for col, v in ((t.BO_WEIGHT, a.weight), (t.BO_NOTE, a.note)):
            c = ws.cell(row=r, column=col, value=v)
            c.protection, c.fill = UNLOCKED, INPUT_FILL
            c.alignment = WRAP
        ws.cell(row=r, column=t.BO_WEIGHT).number_format = "0.00%"
        ws.cell(row=r, column=t.BO_NAME).fill = _aspect_fill(preset, a.name)
        ws.cell(row=r, column=t.BO_COUNT).alignment = CENTER
        for col in range(1, 6):
            ws.cell(row=r, column=col).border = BOX
        ws.row_dimensions[r].height = 30
    rs = t.BOBOT_ROW0 + m
    ws.cell(row=rs, column=t.BO_NAME, value="Jumlah").font = Font(bold=True)
    ws.cell(row=rs, column=t.BO_WEIGHT).number_format = "0.00%"
    for col in range(1, 6):
        c = ws.cell(row=rs, column=col)
        c.border, c.fill = BOX, CALC_FILL
    ws.cell(row=rs, column=t.BO_WEIGHT).font = Font(bold=True)
    ws.cell(row=rs, column=t.BO_NOTE).font = Font(bold=True, color="C00000")
    ws.cell(row=rs, column=t.BO_COUNT).alignment = CENTER
    notes: list[tuple[str, str]] = []
    if preset is ca.K4:
        notes = [
            ("Rasional pembobotan (sumber, verbatim):", ca.K4_RATIONALE),
            ("Bobot di sumber (verbatim):", ca.K4_WEIGHTS_TEXT),
            ("Catatan:", "Bobot \"20\" dan \"10\" tercetak tanpa % dan dibaca sebagai 20 % dan "
                         "10 % (jumlah 100 %). Rasional menyebut kelembagaan sebagai faktor "
                         "pendukung dan kelima aspek \"sama penting\", padahal kelembagaan "
                         "berbobot 25 %: bobot sumber dipakai sebagai bawaan dan boleh diubah "
                         "Pokja. Di dalam satu aspek setiap indikator berbobot sama (nilai aspek "
                         "= rata-rata indikatornya)."),
        ]
    else:
        notes = [("Catatan bobot:", ca.K10_WEIGHTS_NOTE),
                 ("Catatan:", "Di dalam satu aspek setiap indikator berbobot sama (nilai aspek "
                              "= rata-rata indikatornya).")]
    r = rs + 2
    for head, text in notes:
        ws.cell(row=r, column=1, value=head).font = Font(bold=True)
        r += 1
        c = ws.cell(row=r, column=1, value=text)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
        c.alignment = WRAP
        ws.row_dimensions[r].height = 15 * (len(text) // 95 + 1) + 4
        r += 2
    widths = {"A": 5, "B": 30, "C": 11, "D": 11, "E": 58}
    for k, w in widths.items():
        ws.column_dimensions[k].width = w
    print_setup(ws)
    protect_sheet(ws)


def _hasil(ws: Any, preset: ca.Preset, n_rows: int) -> None:
    m = len(preset.aspects)
    sheet_title(ws, "HASIL — satu baris per unit (baris sama dengan Penilaian)",
           "Dihitung; jangan diisi. Nilai aspek = rata-rata indikator yang dinilai; nilai total "
           "= Σ bobot × nilai aspek; peringkat kompetisi (nilai sama ditandai SAMA).")
    for c in t.HASIL_COLUMNS:
        header_cell(ws, t.HASIL_HEADER, c.index, c.header)
    for k, a in enumerate(preset.aspects):
        header_cell(ws, t.HASIL_HEADER, t.H_ASPECT0 + k, a.name)
    ws.cell(row=t.HASIL_HEADER - 1, column=t.H_ASPECT0, value="Nilai aspek (0–5)").font = Font(
        bold=True)
    ws.row_dimensions[t.HASIL_HEADER].height = 45
    for i in range(n_rows):
        r = t.HASIL_ROW0 + i
        for col in range(1, t.H_ASPECT0 + m):
            c = ws.cell(row=r, column=col)
            c.fill, c.border = CALC_FILL, BOX
            if col in (t.H_LABEL, t.H_FLAGS):
                # no wrap: Hitung rewrites these rows without row heights
                c.alignment = Alignment(vertical="top")
                c.font = Font(size=9)
            elif col != t.H_UNIT:
                c.alignment = Alignment(horizontal="center", vertical="top")
            else:
                c.alignment = Alignment(vertical="top")
            if col >= t.H_ASPECT0:
                c.number_format = "0.00"
            fmt = NUM_FORMATS.get((t.HASIL, col))
            if fmt:
                c.number_format = fmt
    widths = {t.H_UNIT: 28, t.H_RANK: 10, t.H_TOTAL: 11, t.H_PCT: 11, t.H_BAND: 5,
              t.H_LABEL: 64, t.H_FILLED: 7, t.H_VALID: 7, t.H_FLAGS: 34}
    for col, w in widths.items():
        ws.column_dimensions[L(col)].width = w
    for k in range(m):
        ws.column_dimensions[L(t.H_ASPECT0 + k)].width = 13
    ws.freeze_panes = ws.cell(row=t.HASIL_ROW0, column=2)
    print_setup(ws, landscape=True, title_rows=f"{t.HASIL_HEADER}:{t.HASIL_HEADER}")
    protect_sheet(ws)


def _ringkasan(ws: Any, preset: ca.Preset, choice: Any) -> None:
    m = len(preset.aspects)
    sheet_title(ws, f"RINGKASAN — {preset.title}",
           "Pilih unit di C4 (kosong = unit peringkat 1). Grafik: nilai aspek unit itu dan "
           "rata-rata semua unit.")
    labels = {4: "Pilih unit", 5: "Unit yang ditampilkan (baris di Penilaian →)",
              6: "Nilai total tertimbang (0–5)", 7: "Persentase dari nilai maksimum (5)",
              8: "Pita dan keterangan", 9: "Peringkat", 10: "Catatan",
              12: "Unit dinilai (ada nilai sah)", 13: "Unit dengan nilai total",
              14: "Status bobot (sheet Bobot)", 15: "Masalah input (sheet Masalah)"}
    for r, text in labels.items():
        c = ws.cell(row=r, column=2, value=text)
        c.font = Font(bold=r in (4, 6, 8))
        c.alignment = Alignment(vertical="top", wrap_text=True)
    ch = ws[t.CHOICE.ref]
    ch.value = choice
    ch.protection, ch.fill, ch.border = UNLOCKED, INPUT_FILL, BOX
    ws.merge_cells("C4:F4")
    dv = DataValidation(type="list", formula1=t.UNIT_NAME, allow_blank=True,
                        showErrorMessage=False, showInputMessage=True,
                        promptTitle="Pilih unit", prompt="Kosong = unit peringkat 1")
    dv.add(t.CHOICE.ref)
    ws.add_data_validation(dv)
    for r in range(5, 16):
        if r == 11:
            continue
        c = ws.cell(row=r, column=3)
        c.fill, c.border = CALC_FILL, BOX
        c.alignment = Alignment(vertical="top", wrap_text=True, horizontal="left")
        if r == 5:  # F5 holds the row number
            ws.merge_cells(start_row=r, start_column=3, end_row=r, end_column=5)
        elif r not in (6, 7, 9, 12, 13):
            ws.merge_cells(start_row=r, start_column=3, end_row=r, end_column=6)
    row_cell = ws[t.R_ROW]
    row_cell.fill, row_cell.border, row_cell.alignment = CALC_FILL, BOX, CENTER
    ws["C6"].number_format = "0.000"
    ws["C6"].font = Font(bold=True, size=14, color="1F4E78")
    ws["C7"].number_format = "0.0%"
    ws["C8"].font = Font(bold=True)
    ws.row_dimensions[8].height = 32
    ws.row_dimensions[10].height = 30
    for col, h in enumerate(["No", "Aspek", "Bobot", t.UNIT_SERIES, t.MEAN_SERIES,
                             "Unit berdata"], start=1):
        header_cell(ws, t.R_ASPECT_HEADER, col, h)
    ws.row_dimensions[t.R_ASPECT_HEADER].height = 30
    for k in range(m):
        r = t.R_ASPECT_ROW0 + k
        ws.cell(row=r, column=1, value=k + 1).alignment = CENTER
        for col in range(1, 7):
            c = ws.cell(row=r, column=col)
            c.border = BOX
            if col > 1:
                c.fill = CALC_FILL
        ws.cell(row=r, column=3).number_format = "0.00%"
        ws.cell(row=r, column=4).number_format = "0.00"
        ws.cell(row=r, column=5).number_format = "0.00"
        for col in (3, 4, 5, 6):
            ws.cell(row=r, column=col).alignment = CENTER
        ws.cell(row=r, column=2).alignment = Alignment(wrap_text=True, vertical="center")
        ws.row_dimensions[r].height = 20
    note = ws.cell(row=t.R_ASPECT_ROW0 + m, column=2,
                   value="Grafik: aspek tanpa nilai tampil di titik 0; itu bukan nilai 0 (lihat "
                         "Catatan). Rata-rata semua unit: hanya unit yang punya nilai aspek itu.")
    note.font = Font(italic=True, size=9, color="555555")
    widths = {"A": 5, "B": 36, "C": 16, "D": 16, "E": 16, "F": 12}
    for k, w in widths.items():
        ws.column_dimensions[k].width = w

    chart = RadarChart()
    chart.type = "marker"
    chart.style = 26
    chart.title = "Nilai aspek (skala 0–5)"
    r0, r1 = t.R_ASPECT_ROW0, t.R_ASPECT_ROW0 + m - 1
    data = Reference(ws, min_col=4, max_col=5, min_row=t.R_ASPECT_HEADER, max_row=r1)
    cats = Reference(ws, min_col=2, min_row=r0, max_row=r1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 5
    chart.y_axis.majorUnit = 1
    chart.y_axis.number_format = "0"
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    chart.legend.position = "b"
    for s, color in zip(chart.series, ("1F4E78", "C55A11")):
        s.graphicalProperties.line.solidFill = color
        s.graphicalProperties.line.width = 28575
        s.marker.symbol = "circle"
        s.marker.size = 7
        s.marker.graphicalProperties.solidFill = color
        s.marker.graphicalProperties.line.solidFill = color
    chart.series[0].tx = SeriesLabel(strRef=StrRef(f"'{t.RINGKASAN}'!$D${t.R_ASPECT_HEADER}"))
    chart.height, chart.width = 11, 18
    ws.add_chart(chart, f"B{r1 + 4}")
    print_setup(ws)
    protect_sheet(ws)


def _referensi(ws: Any, preset: ca.Preset) -> None:
    sheet_title(ws, "REFERENSI — skala, pita, aturan perhitungan dan tabel sumber")
    header_cell(ws, 3, 1, "Nilai")
    header_cell(ws, 3, 2, "Arti (skala penilaian diri, K3)")
    meaning = {0: "buruk sekali", 5: "baik sekali"}
    for v in range(6):
        ws.cell(row=t.REF_SCALE_ROW + v, column=1, value=v).alignment = CENTER
        ws.cell(row=t.REF_SCALE_ROW + v, column=2, value=meaning.get(v, ""))
    for col, h in enumerate(["Pita", "Batas bawah (nilai dibulatkan 2 desimal)", "Keterangan"],
                            start=1):
        header_cell(ws, t.REF_BAND_HEADER, col, h)
    for i, (band, lo, label) in enumerate(t.BAND_TABLE):
        r = t.REF_BAND_ROW0 + i
        ws.cell(row=r, column=1, value=band).alignment = CENTER
        ws.cell(row=r, column=2, value="tidak ada nilai" if lo is None else lo)
        ws.cell(row=r, column=2).number_format = "0.00"
        ws.cell(row=r, column=2).alignment = CENTER
        ws.cell(row=r, column=3, value=label).alignment = Alignment(wrap_text=True,
                                                                   vertical="center")
        ws.row_dimensions[r].height = 30
    ws.row_dimensions[3].height = ws.row_dimensions[t.REF_BAND_HEADER].height = 45
    rules = [
        "Aturan yang dipakai (keputusan produk, karena sumber diam atau tidak konsisten):",
        "1. Kosong bukan nol: indikator yang tidak dinilai dibiarkan kosong; tidak dihitung dan "
        "dilaporkan (Sel terisi / Nilai sah di Hasil).",
        "2. Nilai indikator: bilangan bulat 0–5, skala dan keterangan sama dengan penilaian diri "
        "(K3), karena sumber menyatakan \"prinsipnya sama dengan penilaian diri sendiri\". "
        "0 adalah nilai sah (buruk sekali).",
        "3. Nilai aspek = rata-rata nilai sah indikator aspek itu (setiap indikator berbobot sama "
        "di dalam aspeknya). Aspek sebuah indikator ditentukan oleh baris Aspek di Penilaian.",
        "4. Nilai total = Σ bobot × nilai aspek, dengan bobot seperti diisi di sheet Bobot; "
        "jumlah bobot harus 100 %. Bila tidak, tidak ada nilai total untuk unit mana pun "
        "(bobot tidak dinormalkan diam-diam) dan hal ini dicatat di Masalah.",
        "5. Aspek tanpa satu pun nilai sah: unit itu tidak mendapat nilai total (ditandai "
        "\"aspek tanpa nilai\"), tidak pernah dihitung seolah aspek itu bernilai 0. Pada grafik "
        "radar aspek itu tampil di titik 0: lihat catatannya.",
        "6. Persentase = nilai total / 5 (nilai maksimum) × 100 %.",
        "7. Pita: nilai total dibulatkan setengah ke atas 2 desimal; tidak ada nilai → 0; "
        "< 1,50 → 1; 1,50–2,49 → 2; 2,50–3,49 → 3; 3,50–4,49 → 4; ≥ 4,50 → 5, dengan keterangan "
        "skala K3. Nilai dalam 0,01 dari batas ditandai \"dekat batas\".",
        "8. Peringkat kompetisi seperti RANK/RANK.EQ Excel (1, 2, 2, 4) atas nilai total yang "
        "dibulatkan 9 desimal, hanya di antara unit yang punya nilai total. Nilai sama ditandai "
        "SAMA dan tidak dipecah menurut urutan baris; pemecahan hanya lewat langkah yang "
        "dicatat (putaran penilaian ulang).",
        "9. Baris dengan nama tetapi tanpa nilai, atau nilai tanpa nama, ditandai (peringatan); "
        "baris kosong dilewati. Nama unit ganda: peringatan.",
        "10. Masukan salah (teks, pecahan, di luar 0–5) tidak dihitung dan dicatat di sheet "
        "Masalah dengan sheet, sel, yang diharapkan dan yang ditemukan; hasil dari masukan "
        "tidak sah tidak ditampilkan seolah sah. Berkas yang gagal dibaca tidak diubah.",
        "11. Angka di laporan teks memakai format Indonesia (koma desimal); format angka di buku "
        "kerja netral sehingga Excel menampilkannya sesuai pengaturan wilayah pengguna.",
    ]
    if preset is ca.K10:
        rules.append("12. Bobot sama 1/3 per aspek BUKAN dari sumber: sepakati bobot dalam rapat "
                     "Pokja. Keterangan pita memakai kalimat skala K3 (menyebut \"Pokja\"); untuk "
                     "Badan Pengelola dibaca sebagai \"lembaga\".")
    r = t.REF_RULES_ROW
    for i, text in enumerate(rules):
        cell = ws.cell(row=r, column=1, value=text)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        cell.alignment = WRAP
        cell.font = Font(bold=i == 0)
        ws.row_dimensions[r].height = 15 * (len(text) // 110 + 1) + 3
        r += 1
    r += 1
    ws.cell(row=r, column=1, value=f"Sumber: {preset.source}").font = Font(bold=True)
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
    ws.cell(row=r, column=1).alignment = WRAP
    ws.row_dimensions[r].height = 32
    r += 1
    if preset is ca.K4:
        for col, h in enumerate(["Aspek (verbatim)", "No", "Uraian (verbatim)",
                                 "Kode / aspek di buku kerja"], start=1):
            header_cell(ws, r, col, h)
        r += 1
        for (head, no, text), ind in zip(ca.K4_SOURCE, ca.K4.indicators):
            ws.cell(row=r, column=1, value=head or None)
            ws.cell(row=r, column=2, value=no).alignment = CENTER
            ws.cell(row=r, column=3, value=text).alignment = WRAP
            ws.cell(row=r, column=4, value=f"{ind.code} / {ind.aspect}")
            if len(text) > 45:
                ws.row_dimensions[r].height = 30
            for col in range(1, 5):
                ws.cell(row=r, column=col).border = BOX
            r += 1
        r += 1
        ws.cell(row=r, column=1, value="Aspek (Bobot), verbatim:").font = Font(bold=True)
        r += 1
        c = ws.cell(row=r, column=1, value=ca.K4_WEIGHTS_TEXT)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        c.alignment = WRAP
        ws.row_dimensions[r].height = 48
        r += 2
        c = ws.cell(row=r, column=1,
                    value="Nama aspek kanonik: tabel menulis \"Koordinasi dan advokasi\" dan "
                          "\"Monitoring\", daftar bobot \"Koordinas& Advokasi\" dan \"Monitoring & "
                          "evaluasi\"; buku kerja memakai Kelembagaan, Perencanaan, Koordinasi dan "
                          "Advokasi, Monitoring dan Evaluasi, Keuangan. Sumber tidak memberi "
                          "patokan per indikator; kolom Bukti mencatat dasar setiap nilai.")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        c.alignment = WRAP
        ws.row_dimensions[r].height = 48
    else:
        for col, h in enumerate(["No", "Monitoring Kegiatan", "Monitoring Output",
                                 "Evaluasi Hasil"], start=1):
            header_cell(ws, r, col, h)
        r += 1
        for no, a, b, c_ in ca.K10_ROWS:
            ws.cell(row=r, column=1, value=no).alignment = CENTER
            for col, v in ((2, a if a else "(tidak ada)"), (3, b), (4, c_)):
                ws.cell(row=r, column=col, value=v).alignment = WRAP
            for col in range(1, 5):
                ws.cell(row=r, column=col).border = BOX
            ws.row_dimensions[r].height = 15 * (max(len(a or ""), len(b), len(c_)) // 34 + 1) + 4
            r += 1
        r += 1
        c = ws.cell(row=r, column=1,
                    value="Kode indikator di buku kerja: MK/MO/EH + nomor baris sumber (baris 10 "
                          "tidak punya entri Monitoring Kegiatan: 11 + 12 + 12 = 35 indikator). "
                          "Teks verbatim, termasuk salah ketik sumber.")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        c.alignment = WRAP
        ws.row_dimensions[r].height = 32
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 30 if preset is ca.K10 else 16
    ws.column_dimensions["C"].width = 50 if preset is ca.K4 else 34
    ws.column_dimensions["D"].width = 34
    print_setup(ws)
    protect_sheet(ws)


# ========================================================================== builders


def build_asesmen(path: Path, preset: ca.Preset = ca.K4, example: bool = False) -> Path:
    """Write ``path`` (.xlsm): template, VBA, buttons and cached results."""
    rows = [list(u) for u in EXAMPLE_UNITS] if example else None
    n_rows = max(t.MIN_ROWS, len(rows or []))
    m, nc = len(preset.aspects), len(preset.indicators)
    notes = None
    if example:
        codes = [ind.code for ind in preset.indicators]
        names = [u[0] for u in EXAMPLE_UNITS]
        notes = {(names.index(u), codes.index(k)): v for (u, k), v in EXAMPLE_EVIDENCE.items()}
    shape = t.Shape(n_rows, nc, m)
    wb = Workbook()
    wb.remove(wb.active)
    _petunjuk(wb.create_sheet(t.PETUNJUK), preset)
    _penilaian(wb.create_sheet(t.PENILAIAN), preset, n_rows, rows)
    _bukti(wb.create_sheet(t.BUKTI), preset, n_rows, notes)
    _bobot(wb.create_sheet(t.BOBOT), preset)
    _hasil(wb.create_sheet(t.HASIL), preset, n_rows)
    _ringkasan(wb.create_sheet(t.RINGKASAN), preset, EXAMPLE_CHOICE if example else None)
    _referensi(wb.create_sheet(t.REFERENSI), preset)
    shared_sheets(wb[t.REFERENSI], wb.create_sheet(t.MASALAH))
    write_layout(wb, t.formula_cells(shape), t.extents(shape) | {t.ASPECT_NAME: t.aspect_ref(m)})
    wb.active = wb.sheetnames.index(t.RINGKASAN)
    title = preset.title.title().replace("Ampl", "AMPL")
    return save_workbook(wb, path, t.TEMPLATE_ID, t.TEMPLATE_VERSION, title)


BUILDS = {
    t.FILE_NAME: lambda p: build_asesmen(p, ca.K4),
    t.FILE_NAME_BP: lambda p: build_asesmen(p, ca.K10),
    "contoh_" + t.FILE_NAME: lambda p: build_asesmen(p, ca.K4, example=True),
}
