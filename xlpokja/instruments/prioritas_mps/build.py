"""Build the MPS priority workbooks (template ``prioritas_mps``, K7).

``prioritas_mps.xlsm`` (empty: no indicators, the Pokja agrees its own) and
``contoh_prioritas_mps.xlsm`` (a made-up example: indicators labelled "contoh", a few main
activities per sub-sector, one tie, supporting activities, a non-infrastructure main
activity with a supporting activity, one activity not yet scored). The openpyxl helpers
and :func:`save_workbook` (VBA, Hitung buttons, cached values) are those of
:mod:`xlpokja.workbook.kit`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter as L
from openpyxl.worksheet.datavalidation import DataValidation

from xlpokja.instruments.prioritas_mps import calc as cm
from xlpokja.instruments.prioritas_mps import layout as t
from xlpokja.instruments.prioritas_mps.cells import formula_cells
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
    write_layout,
)

TITLE = "PENETAPAN PRIORITAS PROGRAM/KEGIATAN SANITASI (MPS Proses-02)"
MAX = t.MAX_ROW
EXTRA_COLS = 200  # score columns formatted (unlocked) right of the indicators
LB_STYLED_ROWS = 300  # rows of Lampiran B formatted by column
GREY = PatternFill("solid", fgColor="EDEDED")  # the lock record (written by Kunci bobot)
EXAMPLE_LOCK = "2026-01-01 09:00"  # the example shows a recorded lock

# ====================================================================== the example

#: made-up indicators, clearly labelled: the source's example weights are not in the seed
EXAMPLE_INDICATORS: list[tuple[str, float, str]] = [
    ("Tingkat urgensi (contoh)", 30, "5 = sangat mendesak … 1 = tidak mendesak"),
    ("Cakupan penerima manfaat (contoh)", 25, "5 = > 10.000 jiwa … 1 = < 500 jiwa"),
    ("Kesiapan lahan dan DED (contoh)", 20, "5 = lahan dan DED siap … 1 = belum ada"),
    ("Dukungan masyarakat (contoh)", 15, "5 = kesepakatan tertulis … 1 = ada penolakan"),
    ("Kesesuaian dengan SSK (contoh)", 10, "5 = prioritas SSK … 1 = tidak ada di SSK"),
]
PROG_AL = "Program Pengembangan Kinerja Pengelolaan Air Limbah"
PROG_SP = "Program Pengembangan Kinerja Pengelolaan Persampahan"
PROG_DR = "Program Pengembangan Drainase Perkotaan"
PROG_PH = "Program Pengembangan Lingkungan Sehat"
INF, NON = cm.INFRA, cm.NON_INFRA
#: (sub-sector, program, main activity, jenis, scores, note); totals with 30/25/20/15/10
EXAMPLE_ACTIVITIES: list[tuple[Any, ...]] = [
    ("Air Limbah", PROG_AL, "Pembangunan IPLT kapasitas 20 m³/hari", INF, [5, 4, 3, 4, 5],
     "lahan IPLT lama tersedia"),
    ("Air Limbah", PROG_AL, "Pembangunan IPAL komunal (Sanimas) 5 lokasi", INF, [4, 4, 4, 5, 4],
     "lokasi dari usulan kelurahan"),
    ("Air Limbah", PROG_AL, "Penyusunan Perda pengelolaan air limbah domestik", NON,
     [3, 3, 5, 3, 4], "naskah akademik sudah ada"),
    ("Persampahan", PROG_SP, "Pembangunan TPS 3R Kecamatan Kota", INF, [4, 5, 4, 4, 4],
     "total sama dengan armroll"),
    ("Persampahan", PROG_SP, "Pengadaan alat angkut sampah (2 armroll)", NON, [5, 4, 4, 3, 5],
     "non-infrastruktur menurut sumber"),
    ("Persampahan", PROG_SP, "Pembangunan sel baru TPA (sanitary landfill)", INF,
     [5, 5, 2, 3, 5], "DED belum ada"),
    ("Drainase", PROG_DR, "Normalisasi saluran primer 2 km", INF, [4, 4, 3, 4, 4],
     "rawan genangan"),
    ("Drainase", PROG_DR, "Penyusunan masterplan drainase perkotaan", NON, [3, 4, 5, 4, 5],
     ""),
    ("Drainase", PROG_DR, "Pembangunan sumur resapan 200 unit", INF, [3, 3, 4, 5, 3], ""),
    ("PHBS", PROG_PH, "Program STBM 5 pilar di 10 desa", NON, [5, 4, 5, 5, 5], ""),
    ("PHBS", PROG_PH, "Kampanye cuci tangan pakai sabun di sekolah", NON, [3, 3, 5, 4, 4],
     ""),
    ("PHBS", PROG_PH, "Pembinaan sanitasi pasar tradisional", NON, [None] * 5,
     "belum dinilai: data pasar belum lengkap"),
]
#: (supporting activity, main activity)
EXAMPLE_SUPPORTING: list[tuple[str, str]] = [
    ("Penyusunan DED IPLT", "Pembangunan IPLT kapasitas 20 m³/hari"),
    ("Pengadaan truk tinja 2 unit", "Pembangunan IPLT kapasitas 20 m³/hari"),
    ("Sosialisasi dan pembentukan KSM", "Pembangunan IPAL komunal (Sanimas) 5 lokasi"),
    ("Pengadaan lahan TPS 3R", "Pembangunan TPS 3R Kecamatan Kota"),
    ("Pelatihan operator TPS 3R", "Pembangunan TPS 3R Kecamatan Kota"),
    ("Pelatihan pengemudi dan jadwal ritasi", "Pengadaan alat angkut sampah (2 armroll)"),
    ("Pembebasan lahan sempadan saluran", "Normalisasi saluran primer 2 km"),
]

# ======================================================================== the sheets

SOURCE_STEPS = [
    "Telaah kembali prioritas program yang telah disusun didalam SSK",
    "Diskusikan dan sepakati pembobotan untuk masing-masing indikator (tidak harus seperti "
    "contoh).",
    "Masukkan kegiatan utama saja (pada kolom 1) untuk kegiatan infrastruktur (seperti: "
    "Pembangunan TPA, TPS 3R, IPLT dsb) dan non-infrastruktur yang tidak berpengaruh secara "
    "langsung terhadap kegiatan infrastruktur (seperti: penyusunan masterplan, penyusunan "
    "Perda, pengadaan alat angkut sampah, Program STBM dsb).",
    "Hitung total skor dan urutkan program berdasarkan prioritas. Back up perhitungan harus "
    "dimasukkan dalam lampiran.",
    "Urutkan program/kegiatan yang mempunyai score tertinggi pada urutan teratas. Kegiatan "
    "pendukung dari kegiatan utama inftrastruktur secara otomatis memiliki prioritas yang "
    "sama dengan kegiatan utamanya.",
    "Masukkan dan urutkan program sesuai prioritas dan lengkapi kegiatan-kegiatan "
    "pendukungnya.",
    "Lakukan prioritasi untuk Air Limbah, Persampahan, Drainase dan PHBS terkait sanitasi.",
    "Lakukan pembahasan hasil prioritasi program ditingkat PokjaKab./Kota.",
    "Finalisasi program dan kegiatan prioritas versi Pokja Kab./Kota (sebelum konsultasi "
    "dengan SKPD terkait)",
    "Konsultasikan dan internalisasikan kepada Kepala SKPD terkait.",
]
WORKBOOK_STEPS = [
    "Di luar buku kerja: siapkan daftar program dan kegiatan dari SSK. Nama program SSK boleh "
    "ditulis di kolom Program sheet Kegiatan.",
    "Sheet Indikator: tulis indikator yang disepakati dan bobotnya. Templat kosong TIDAK "
    "memuat indikator atau bobot (contoh Petunjuk Teknis tidak tersedia): semuanya harus "
    "disepakati Pokja; buku kerja contoh memakai indikator buatan bertanda \"(contoh)\". "
    "Pilih jenis bobot Persen (jumlah harus 100) atau Mentah, dan "
    "skala skor (bawaan 1–5). Indikator boleh ditambah di bawah tabel. Setelah disepakati "
    "pleno, tekan Kunci bobot (sheet Indikator): waktu kunci dicatat; indikator, bobot, jenis "
    "bobot dan skala tidak dapat diubah lagi kecuali dengan Buka kunci. Bila diubah juga, "
    "status bobot menjadi \"berubah setelah dikunci\" dan tidak ada total.",
    "Sheet Kegiatan: satu baris per kegiatan UTAMA (kolom Kegiatan utama = kolom 1) dengan "
    "Sub-sektor dan Jenis (Infrastruktur / Non-infrastruktur), lalu skor setiap indikator "
    "(kolom G dst.; judul dan bobot mengikuti sheet Indikator). Kosong = belum dinilai, bukan "
    "0. Kegiatan pendukung TIDAK ditulis di sini, tetapi di sheet Pendukung.",
    "Tekan Hitung. Sheet Hasil: total skor = Σ bobot × skor, skor normal, peringkat dalam "
    "sub-sektor. Sheet Lampiran B (back up perhitungan) ditulis ulang oleh Hitung, siap "
    "dicetak sebagai lampiran.",
    "Total tertinggi = peringkat 1. Total sama = peringkat sama, ditandai SAMA (tidak dipecah "
    "menurut urutan baris). Ada yang SAMA? Tekan Putaran seri (sheet Hasil atau Putaran): "
    "sheet Putaran mendapat baris hanya untuk kegiatan yang seri; Pokja menilai ulang "
    "kegiatan itu, lalu tekan Hitung: hasilnya dicatat sebagai Sub-peringkat dan Urutan "
    "akhir. Masih seri: putaran berikutnya. Sheet Pendukung: tulis kegiatan pendukung dan "
    "pilih kegiatan utamanya; urutannya otomatis sama dengan urutan akhir kegiatan utama.",
    "Lampiran B menyusun kegiatan utama menurut peringkat, masing-masing diikuti kegiatan "
    "pendukungnya (↳, peringkat sama). Lengkapi sheet Pendukung sampai semua kegiatan "
    "pendukung tercatat, lalu tekan Hitung.",
    "Peringkat dihitung terpisah untuk setiap sub-sektor: Air Limbah, Persampahan, Drainase, "
    "PHBS. Sheet Stabilitas menunjukkan per sub-sektor seberapa yakin urutan pertama "
    "(selisih, bobot yang menentukan, skor ±1 yang membalik urutan).",
    "Bahas Hasil, Lampiran B, Stabilitas dan Masalah dalam rapat Pokja. Ubah skor atau bobot "
    "yang disepakati, lalu tekan Hitung lagi.",
    "Simpan salinan buku kerja ini sebagai versi Pokja; cetak Lampiran B (A4 mendatar).",
    "Di luar buku kerja: konsultasikan Lampiran B kepada Kepala SKPD terkait.",
]


def _petunjuk(ws: Any) -> None:
    sheet_title(ws, f"{TITLE} — PETUNJUK",
           "Buku kerja xlpokja: indikator dan bobot yang disepakati, skor kegiatan utama, "
           "peringkat per sub-sektor, kegiatan pendukung, Lampiran B")
    for col, h in enumerate(("Langkah", "Sumber (MPS Proses-02, verbatim)",
                             "Apa yang dilakukan di buku kerja ini"), start=1):
        header_cell(ws, 4, col, h)
    for k, (src, wbk) in enumerate(zip(SOURCE_STEPS, WORKBOOK_STEPS)):
        r = 5 + k
        ws.cell(row=r, column=1, value=k + 1).alignment = CENTER
        ws.cell(row=r, column=2, value=src).alignment = WRAP
        ws.cell(row=r, column=3, value=wbk).alignment = WRAP
        for col in (1, 2, 3):
            ws.cell(row=r, column=col).border = BOX
        ws.row_dimensions[r].height = 15 * (max(len(src) // 50, len(wbk) // 70) + 1) + 4
    notes = [
        "Tombol Hitung ada di sheet Indikator, Kegiatan, Hasil dan Putaran; tombol Kunci bobot "
        "dan Buka kunci di sheet Indikator; tombol Putaran seri di sheet Hasil dan Putaran. "
        "Semua isian diperiksa; "
        "masalah dicatat di sheet Masalah (sheet, sel, yang diharapkan, yang ditemukan).",
        "Tanpa Python pun buku kerja ini tetap menghitung total, peringkat dan peringkat "
        "kegiatan pendukung dengan rumus Excel biasa; Python menambah pemeriksaan lengkap, "
        "daftar Masalah, perluasan tabel, Lampiran B dan Stabilitas.",
        "Sel berwarna krem adalah isian. Sel rumus terkunci (proteksi sheet tanpa kata sandi).",
    ]
    r = 5 + len(SOURCE_STEPS) + 1
    for text in notes:
        c = ws.cell(row=r, column=1, value=text)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
        c.alignment = WRAP
        ws.row_dimensions[r].height = 32
        r += 1
    ws.column_dimensions["A"].width = 9
    ws.column_dimensions["B"].width = 55
    ws.column_dimensions["C"].width = 75
    print_setup(ws, landscape=True, title_rows="4:4")
    protect_sheet(ws)


def _input(c: Any) -> None:
    c.protection, c.fill, c.border = UNLOCKED, INPUT_FILL, BOX


def _calc(c: Any) -> None:
    c.fill, c.border = CALC_FILL, BOX


def _dv(ws: Any, sqref: str, **kw: Any) -> None:
    dv = DataValidation(allow_blank=True, showErrorMessage=True, showInputMessage=True, **kw)
    dv.add(sqref)
    ws.add_data_validation(dv)


def _indikator(ws: Any, nc: int, example: bool) -> None:
    sheet_title(ws, "INDIKATOR DAN BOBOT — disepakati Pokja (langkah 2)",
           "Indikator \"(contoh)\" BUKAN dari sumber: ganti dengan indikator yang disepakati "
           "Pokja. Baris baru di bawah tabel ikut dihitung setelah Hitung." if example else
           "Sengaja kosong: indikator contoh sumber (Petunjuk Teknis) tidak tersedia dan langkah "
           "2 meminta Pokja menyepakati sendiri. Tulis indikator mulai baris 11; baris baru di "
           "bawah tabel ikut dihitung setelah Hitung.")
    header_cell(ws, 3, 1, "Pengaturan")
    header_cell(ws, 3, 2, "Isian")
    header_cell(ws, 3, 3, "Dipakai")
    header_cell(ws, 3, 4, "Keterangan")
    header_cell(ws, 3, t.LOCKED_SETTING_COL, "Saat dikunci")
    settings = [
        (t.KIND, cm.PERSEN, "Persen: jumlah bobot harus 100. Mentah: angka ≥ 0 bebas "
                            "(mis. 1–5); total tetap Σ bobot × skor."),
        (t.SCALE_LO, 1, "0 atau 1"),
        (t.SCALE_HI, 5, "2 sampai 10 (bawaan 5). Skor di sheet Kegiatan harus bilangan bulat "
                        "pada skala ini."),
    ]
    for s, default, note in settings:
        r = int(s.ref[1:])
        ws.cell(row=r, column=1, value=s.label).font = Font(bold=True)
        c = ws[s.ref]
        c.value = default
        _input(c)
        c.alignment = CENTER
        _calc(ws.cell(row=r, column=3))
        ws.cell(row=r, column=3).alignment = CENTER
        ws.cell(row=r, column=4, value=note).alignment = WRAP
        lc = ws.cell(row=r, column=t.LOCKED_SETTING_COL,
                     value=default if example else None)
        lc.fill, lc.border, lc.alignment = GREY, BOX, CENTER
        ws.row_dimensions[r].height = 30
    _dv(ws, t.KIND.ref, type="list", formula1=f'"{cm.PERSEN},{cm.MENTAH}"',
        errorTitle="Jenis bobot", error="Pilih Persen atau Mentah.",
        promptTitle="Jenis bobot", prompt="Persen (jumlah 100) atau Mentah")
    _dv(ws, t.SCALE_LO.ref, type="list", formula1='"0,1"', errorTitle="Skor terendah",
        error="Skor terendah 0 atau 1.")
    _dv(ws, t.SCALE_HI.ref, type="whole", operator="between", formula1="2", formula2="10",
        errorTitle="Skor tertinggi", error="Skor tertinggi: bilangan bulat 2 sampai 10.")
    for ref, label in ((t.WSUM, "Jumlah bobot"), (t.WSTATUS, "Status bobot"),
                       (t.NACTIVE, "Indikator aktif")):
        r = int(ref[1:])
        ws.cell(row=r, column=1, value=label).font = Font(bold=True)
        c = ws[ref]
        _calc(c)
        c.alignment = Alignment(horizontal="left", vertical="center")
        c.font = Font(bold=True, color="1F4E78")
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=3)
    ws[t.WSUM].number_format = "0.###"
    for ref, label in ((t.LOCK_TIME_CELL, "Dikunci pada"), (t.LOCK_STATUS_CELL, "Status kunci")):
        r = int(ref[1:])
        lab = ws.cell(row=r, column=t.LOCKED_SETTING_COL - 1, value=label)
        lab.font, lab.alignment = Font(bold=True), Alignment(horizontal="right")
        c = ws[ref]
        c.fill, c.border = (GREY if ref == t.LOCK_TIME_CELL else CALC_FILL), BOX
        c.alignment, c.font = CENTER, Font(bold=True, color="1F4E78")
    if example:
        ws[t.LOCK_TIME_CELL] = EXAMPLE_LOCK
    for col, h in ((t.I_NO, "No"), (t.I_NAME, "Indikator"), (t.I_WEIGHT, "Bobot"),
                   (t.I_NOTE, t.I_NOTE_HEADER),
                   (t.I_STATUS, "Status"), (t.I_LNAME, "Indikator saat dikunci"),
                   (t.I_LWEIGHT, "Bobot saat dikunci")):
        header_cell(ws, t.IND_HEADER, col, h)
    ws.row_dimensions[t.IND_HEADER].height = 32
    rows = EXAMPLE_INDICATORS if example else []
    for j in range(nc):
        r = t.ind_row(j)
        _calc(ws.cell(row=r, column=t.I_NO))
        ws.cell(row=r, column=t.I_NO).alignment = CENTER
        for col in (t.I_NAME, t.I_WEIGHT, t.I_NOTE):
            _input(ws.cell(row=r, column=col))
            ws.cell(row=r, column=col).alignment = WRAP
        ws.cell(row=r, column=t.I_WEIGHT).alignment = CENTER
        ws.cell(row=r, column=t.I_WEIGHT).number_format = "0.###"
        _calc(ws.cell(row=r, column=t.I_STATUS))
        ws.cell(row=r, column=t.I_STATUS).alignment = CENTER
        for col in (t.I_LNAME, t.I_LWEIGHT):
            c = ws.cell(row=r, column=col)
            c.fill, c.border = GREY, BOX
            c.alignment = WRAP if col == t.I_LNAME else CENTER
        ws.cell(row=r, column=t.I_LWEIGHT).number_format = "0.###"
        if j < len(rows):
            name, w, note = rows[j]
            ws.cell(row=r, column=t.I_NAME, value=name)
            ws.cell(row=r, column=t.I_WEIGHT, value=w)
            ws.cell(row=r, column=t.I_NOTE, value=note)
            ws.cell(row=r, column=t.I_LNAME, value=name)  # the example is locked
            ws.cell(row=r, column=t.I_LWEIGHT, value=w)
        ws.row_dimensions[r].height = 30
    for col in (t.I_NAME, t.I_WEIGHT, t.I_NOTE):  # rows added later stay editable
        ws.column_dimensions[L(col)].protection = UNLOCKED
    first = t.IND_ROW0
    # edits of indicators and weights are refused while the weights are locked
    unlocked = f'${t.LOCK_TIME_CELL[0]}${t.LOCK_TIME_CELL[1:]}=""'
    msg = ("Indikator dan bobot sudah dikunci (lihat 'Dikunci pada'). Tekan Buka kunci bila "
           "pleno sepakat mengubahnya.")
    _dv(ws, f"B{first}:B{MAX}", type="custom", formula1=f"AND(LEN(B{first})<=255,{unlocked})",
        errorTitle="Indikator", error="Nama indikator paling panjang 255 karakter. " + msg)
    _dv(ws, f"C{first}:C{MAX}", type="custom",
        formula1=f"AND(ISNUMBER(C{first}),C{first}>=0,{unlocked})",
        errorTitle="Bobot", error="Bobot: angka ≥ 0 (jenis Persen: jumlah semua bobot 100). "
                                  + msg,
        promptTitle="Bobot", prompt="Angka ≥ 0. Persen: jumlah 100.")
    _dv(ws, f"D{first}:D{MAX}", type="textLength", operator="lessThanOrEqual", formula1="1000",
        errorTitle="Penjelasan", error="Paling panjang 1000 karakter.")
    for col, w in zip("ABCDEFG", (22, 44, 12, 56, 22, 30, 11)):
        ws.column_dimensions[col].width = w
    ws.freeze_panes = f"A{t.IND_ROW0}"
    print_setup(ws, landscape=True, title_rows=f"{t.IND_HEADER}:{t.IND_HEADER}")
    protect_sheet(ws)


def _kegiatan(ws: Any, shape: t.Shape, example: bool) -> None:
    n, nc = shape.rows, shape.cols
    sheet_title(ws, "KEGIATAN UTAMA — skor per indikator (langkah 3)",
           "Satu baris per kegiatan utama; kegiatan pendukung di sheet Pendukung. Skor: "
           "bilangan bulat pada skala di sheet Indikator; kosong = belum dinilai.")
    for c in t.KEGIATAN_COLUMNS:
        header_cell(ws, t.K_HEADER, c.index, c.header)
    ws.cell(row=3, column=t.K_IND0, value="Skor per indikator →").font = Font(bold=True)
    w = ws.cell(row=t.K_WEIGHT_ROW, column=t.K_NOTE, value="Bobot →")
    w.font, w.alignment = Font(bold=True), Alignment(horizontal="right")
    for j in range(nc):
        col = t.score_col(j)
        header_cell(ws, t.K_HEADER, col, "")
        c = ws.cell(row=t.K_WEIGHT_ROW, column=col)
        _calc(c)
        c.alignment, c.number_format = CENTER, "0.###"
        ws.column_dimensions[L(col)].width = 14
    ws.row_dimensions[t.K_HEADER].height = 60
    rows = EXAMPLE_ACTIVITIES if example else []
    for i in range(n):
        r = t.FIRST_ROW + i
        for col in range(1, t.score_col(nc - 1) + 1):
            c = ws.cell(row=r, column=col)
            _input(c)
            c.alignment = CENTER if col in (t.K_NO,) or col >= t.K_IND0 else Alignment(
                vertical="top", wrap_text=False)
        if i < len(rows):
            sub, prog, name, jenis, scores, note = rows[i]
            vals = [i + 1, sub, prog, name, jenis, note or None, *scores]
            for col, v in enumerate(vals, start=1):
                if v is not None:
                    ws.cell(row=r, column=col, value=v)
    for c in t.KEGIATAN_COLUMNS:  # rows added later stay editable
        ws.column_dimensions[c.letter].protection = UNLOCKED
    extra = ws.column_dimensions[L(t.score_col(nc))]
    extra.min, extra.max = t.score_col(nc), t.score_col(nc) + EXTRA_COLS
    extra.width, extra.protection = 14, UNLOCKED
    for j in range(nc):
        ws.column_dimensions[L(t.score_col(j))].protection = UNLOCKED
    first = t.FIRST_ROW
    lo, hi = (f"{t.INDIKATOR}!${r[0]}${r[1:]}" for r in (t.EFF_LO, t.EFF_HI))
    _dv(ws, t.score_validation_sqref(), type="whole", operator="between", formula1=lo,
        formula2=hi, errorTitle="Skor tidak sah",
        error="Isikan bilangan bulat pada skala di sheet Indikator, atau kosongkan bila belum "
              "dinilai.", promptTitle="Skor",
        prompt="Bilangan bulat pada skala di sheet Indikator. Kosong = belum dinilai.")
    _dv(ws, f"B{first}:B{MAX}", type="list", formula1='"' + ",".join(cm.SUBSECTORS) + '"',
        errorTitle="Sub-sektor", error="Pilih " + ", ".join(cm.SUBSECTORS) + ".")
    _dv(ws, f"E{first}:E{MAX}", type="list", formula1='"' + ",".join(cm.JENIS) + '"',
        errorTitle="Jenis", error="Pilih Infrastruktur atau Non-infrastruktur.")
    _dv(ws, f"A{first}:A{MAX}", type="whole", operator="greaterThanOrEqual", formula1="1",
        errorTitle="No", error="Nomor urut: bilangan bulat ≥ 1.")
    for col, limit in (("C", 255), ("D", 255), ("F", 1000)):
        _dv(ws, f"{col}{first}:{col}{MAX}", type="textLength", operator="lessThanOrEqual",
            formula1=str(limit), errorTitle="Teks terlalu panjang",
            error=f"Paling panjang {limit} karakter.")
    for col, wd in zip("ABCDEF", (5, 14, 30, 44, 17, 26)):
        ws.column_dimensions[col].width = wd
    ws.freeze_panes = ws.cell(row=t.FIRST_ROW, column=t.K_IND0)
    print_setup(ws, landscape=True, title_rows=f"{t.K_HEADER}:{t.K_WEIGHT_ROW}")
    ws.print_title_cols = "A:D"
    protect_sheet(ws)


def _hasil(ws: Any, shape: t.Shape) -> None:
    n, nc = shape.rows, shape.cols
    sheet_title(ws, "HASIL — total skor dan peringkat dalam sub-sektor (baris sama dengan Kegiatan)",
           "Dihitung; jangan diisi. Total = Σ bobot × skor (hanya bila semua indikator dinilai "
           "sah dan bobot OK). Peringkat kompetisi dalam sub-sektor; seri ditandai SAMA sampai "
           "diputus Putaran seri (Sub-peringkat, Urutan akhir).")
    for c in t.HASIL_COLUMNS:
        header_cell(ws, t.HASIL_HEADER, c.index, c.header)
    for j in range(nc):
        header_cell(ws, t.HASIL_HEADER, t.H_IND0 + j, "")
        ws.column_dimensions[L(t.H_IND0 + j)].width = 12
    ws.cell(row=t.HASIL_HEADER - 1, column=t.H_IND0,
            value="Skor sah per indikator →").font = Font(bold=True)
    ws.row_dimensions[t.HASIL_HEADER].height = 60
    fmts = {t.H_TOTAL: "0.###", t.H_PCT: "0.0%", t.H_FILLED: "0;-0;;@", t.H_VALID: "0;-0;;@"}
    for i in range(n):
        r = t.HASIL_ROW0 + i
        for col in range(1, t.H_IND0 + nc):
            c = ws.cell(row=r, column=col)
            _calc(c)
            if col in (t.H_NAME, t.H_NOTE):
                c.alignment = Alignment(vertical="top")  # no wrap: rows are rewritten
                if col == t.H_NOTE:
                    c.font = Font(name="Calibri", size=9)
            else:
                c.alignment = Alignment(horizontal="center", vertical="top")
            if col in fmts:
                c.number_format = fmts[col]
        ws.cell(row=r, column=t.H_RANK).font = Font(bold=True)
        ws.cell(row=r, column=t.H_FINAL).font = Font(bold=True)
    for col, wd in zip(range(1, 13), (44, 13, 17, 11, 11, 11, 7, 7, 7, 60, 11, 11)):
        ws.column_dimensions[L(col)].width = wd
    ws.freeze_panes = ws.cell(row=t.HASIL_ROW0, column=2)
    print_setup(ws, landscape=True, title_rows=f"{t.HASIL_HEADER}:{t.HASIL_HEADER}")
    protect_sheet(ws)


def _pendukung(ws: Any, ns: int, example: bool) -> None:
    sheet_title(ws, "KEGIATAN PENDUKUNG — peringkat sama dengan kegiatan utamanya (langkah 5–6)",
           "\"Kegiatan pendukung dari kegiatan utama infrastruktur secara otomatis memiliki "
           "prioritas yang sama dengan kegiatan utamanya.\" Tidak ada skor sendiri.")
    for c in t.PENDUKUNG_COLUMNS:
        header_cell(ws, t.P_HEADER, c.index, c.header)
    rows = EXAMPLE_SUPPORTING if example else []
    for s in range(ns):
        r = t.P_ROW0 + s
        for col in (t.P_NO, t.P_NAME, t.P_MAIN):
            _input(ws.cell(row=r, column=col))
        ws.cell(row=r, column=t.P_NO).alignment = CENTER
        for col in (t.P_SUB, t.P_RANK, t.P_NOTE):
            c = ws.cell(row=r, column=col)
            _calc(c)
            c.alignment = CENTER if col == t.P_RANK else Alignment(vertical="top")
        ws.cell(row=r, column=t.P_RANK).font = Font(bold=True)
        ws.cell(row=r, column=t.P_NOTE).font = Font(name="Calibri", size=9)
        if s < len(rows):
            ws.cell(row=r, column=t.P_NO, value=s + 1)
            ws.cell(row=r, column=t.P_NAME, value=rows[s][0])
            ws.cell(row=r, column=t.P_MAIN, value=rows[s][1])
    for col in (t.P_NO, t.P_NAME, t.P_MAIN):
        ws.column_dimensions[L(col)].protection = UNLOCKED
    first = t.P_ROW0
    _dv(ws, f"C{first}:C{MAX}", type="list", formula1=t.NAMES_NAME,
        errorTitle="Kegiatan utama", error="Pilih kegiatan utama dari sheet Kegiatan.",
        promptTitle="Kegiatan utama", prompt="Pilih dari daftar kegiatan utama (sheet Kegiatan)")
    _dv(ws, f"B{first}:B{MAX}", type="textLength", operator="lessThanOrEqual", formula1="255",
        errorTitle="Kegiatan pendukung", error="Paling panjang 255 karakter.")
    _dv(ws, f"A{first}:A{MAX}", type="whole", operator="greaterThanOrEqual", formula1="1",
        errorTitle="No", error="Nomor urut: bilangan bulat ≥ 1.")
    for col, wd in zip("ABCDEF", (5, 42, 44, 14, 12, 50)):
        ws.column_dimensions[col].width = wd
    ws.freeze_panes = f"A{t.P_ROW0}"
    print_setup(ws, landscape=True, title_rows=f"{t.P_HEADER}:{t.P_HEADER}")
    protect_sheet(ws)


def _putaran(ws: Any, nc: int, nr: int) -> None:
    sheet_title(ws, "PUTARAN SERI — menilai ulang hanya kegiatan utama yang seri",
           "Baris dibuat oleh tombol Putaran seri (satu putaran per blok yang seri dalam "
           "sub-sektor). Isi skor ulang setiap indikator, lalu tekan Hitung. Status ditulis "
           "oleh Hitung: dipakai / kedaluwarsa / belum lengkap.")
    for c in t.PUTARAN_COLUMNS:
        header_cell(ws, t.R_HEADER, c.index, c.header)
    for j in range(nc):
        header_cell(ws, t.R_HEADER, t.R_SCORE0 + j, "")
        ws.column_dimensions[L(t.R_SCORE0 + j)].width = 12
    ws.cell(row=3, column=t.R_SCORE0, value="Skor ulang per indikator →").font = Font(bold=True)
    ws.row_dimensions[t.R_HEADER].height = 62
    inputs = (t.R_NO, t.R_GROUP, t.R_NAME)
    for q in range(nr):
        r = t.R_ROW0 + q
        for col in range(1, t.R_SCORE0 + nc):
            c = ws.cell(row=r, column=col)
            if col in inputs or col >= t.R_SCORE0:
                _input(c)
            else:
                _calc(c)
            c.alignment = Alignment(vertical="top") if col in (t.R_NAME, t.R_TEXT) else CENTER
        ws.cell(row=r, column=t.R_TOTAL).number_format = "0.###"
    for col in (*inputs, *range(t.R_SCORE0, t.R_SCORE0 + 60)):
        ws.column_dimensions[L(col)].protection = UNLOCKED
    _dv(ws, f"B{t.R_ROW0}:B{MAX}", type="list", formula1='"' + ",".join(cm.SUBSECTORS) + '"',
        errorTitle="Sub-sektor", error="Pilih sub-sektor.")
    _dv(ws, f"C{t.R_ROW0}:C{MAX}", type="list", formula1=t.NAMES_NAME,
        errorTitle="Kegiatan utama", error="Pilih kegiatan utama dari sheet Kegiatan.")
    for col, wd in zip(range(1, t.R_SCORE0), (9, 14, 44, 22, 14, 11, 11, 9)):
        ws.column_dimensions[L(col)].width = wd
    ws.freeze_panes = ws.cell(row=t.R_ROW0, column=t.R_SCORE0)
    print_setup(ws, landscape=True, title_rows=f"{t.R_HEADER}:{t.R_HEADER}")
    protect_sheet(ws)


def _lampiran(ws: Any, nc: int) -> None:
    ws["A1"] = t.LB_TITLE
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = ("Back up perhitungan: kegiatan utama per sub-sektor menurut peringkat, diikuti "
                "kegiatan pendukungnya (↳, peringkat sama). Ditulis ulang oleh tombol Hitung.")
    ws["A2"].font = Font(italic=True, color="555555")
    for col, h in enumerate(t.LB_HEADERS, start=1):
        header_cell(ws, t.LB_HEADER, col, h)
    for j in range(nc):
        header_cell(ws, t.LB_HEADER, t.LB_IND0 + j, "")
        c = ws.cell(row=t.LB_WEIGHT_ROW, column=t.LB_IND0 + j)
        _calc(c)
        c.alignment, c.number_format = CENTER, "0.###"
        ws.column_dimensions[L(t.LB_IND0 + j)].width = 13
    w = ws.cell(row=t.LB_WEIGHT_ROW, column=t.LB_IND0 - 1, value="Bobot →")
    w.font, w.alignment = Font(bold=True), Alignment(horizontal="right")
    ws.row_dimensions[t.LB_HEADER].height = 60
    # Hitung rewrites the rows as values, keeping each position's format: format by column
    fmts = {5: "0.###", 6: "0.0"}
    for r in range(t.LB_ROW0, t.LB_ROW0 + LB_STYLED_ROWS):
        for col in range(1, t.LB_IND0 + nc):
            c = ws.cell(row=r, column=col)
            if col in (1, 5, 6) or col >= t.LB_IND0:
                c.alignment = Alignment(horizontal="center")
            if col in fmts:
                c.number_format = fmts[col]
            if col == 7:
                c.font = Font(name="Calibri", size=9)
    for col, wd in zip("ABCDEFG", (10, 46, 17, 26, 10, 10, 40)):
        ws.column_dimensions[col].width = wd
    ws.freeze_panes = f"C{t.LB_ROW0}"
    print_setup(ws, landscape=True, title_rows=f"{t.LB_HEADER}:{t.LB_WEIGHT_ROW}")
    protect_sheet(ws)


def _stabilitas(ws: Any) -> None:
    sheet_title(ws, "STABILITAS — seberapa yakin urutan pertama dalam setiap sub-sektor?",
           "Per sub-sektor: selisih nomor 1 dan 2, indikator yang bobotnya paling menentukan, "
           "skor ±1 yang membalik urutan, dan peluang menjadi nomor 1 bila bobot sedikit "
           "berbeda. Ditulis ulang oleh Hitung.")
    for g, name in enumerate(cm.SUBSECTORS):
        first = t.block_row(g)
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
                c = ws.cell(row=first + panel.WEIGHT_OFFSET + i, column=col)
                c.number_format, c.alignment = "0.##", Alignment(horizontal="center")
        for i in range(panel.MAX_FLIP_ROWS):
            c = ws.cell(row=first + panel.FLIP_OFFSET + i, column=3)
            c.alignment = Alignment(horizontal="center")
        panel.add_share_chart(ws, first, f"H{first + panel.ROW_SHARE_HEAD}",
                              f"Peluang nomor 1 — {name}")
        ws._charts[-1].height = 18  # room for ten two-line activity names
    for col, w in zip("ABCDEF", (46, 30, 14, 42, 14, 42)):
        ws.column_dimensions[col].width = w
    print_setup(ws, landscape=True)
    protect_sheet(ws)


def _referensi(ws: Any) -> None:
    sheet_title(ws, "REFERENSI — aturan perhitungan (keputusan produk di mana sumber diam)")
    rules = [
        "Sumber: MPS Proses-02 \"Review SSK dan Penetapan Prioritas\" (Pelaksana: Pokja "
        "Kabupaten/Kota, 6 minggu). Keluaran: Bab 2 Prioritas Pembangunan Sanitasi; Lampiran B "
        "Perhitungan Prioritas Pembangunan Sanitasi.",
        "1. Indikator dan bobot ditentukan dan disepakati Pokja (langkah 2, \"tidak harus "
        "seperti contoh\"). Contoh indikator/bobot dari Petunjuk Teknis tidak tersedia: buku "
        "kerja ini tidak memuat indikator bawaan.",
        "2. Bobot dipakai seperti diisi, tidak pernah dinormalkan diam-diam. Jenis Persen: "
        "jumlah harus 100, bila tidak, tidak ada total sama sekali. Jenis Mentah: angka ≥ 0 "
        "bebas. Bobot 0: indikator itu tidak ikut menentukan (peringatan).",
        "3. Skor: bilangan bulat pada skala yang dipilih (bawaan 1–5; terendah 0 atau 1, "
        "tertinggi 2–10). Kosong = belum dinilai, bukan 0. Teks, pecahan, nilai di luar skala "
        "tidak dihitung dan dicatat di Masalah.",
        "4. Total skor = Σ (bobot × skor) atas semua indikator (\"penjumlahan bobot dan skor\" "
        "dibaca sebagai jumlah hasil kali), dibulatkan 9 desimal. Kegiatan mendapat total hanya "
        "bila SEMUA indikator dinilai sah.",
        "5. Skor normal = total / (jumlah bobot × skor tertinggi): 0–100 %, kolom tambahan "
        "saja; peringkat memakai total.",
        "6. Peringkat dihitung terpisah untuk setiap sub-sektor (Air Limbah, Persampahan, "
        "Drainase, PHBS; langkah 7): peringkat kompetisi 1, 2, 2, 4. Total sama mendapat "
        "peringkat sama dan ditandai SAMA; tidak dipecah menurut urutan baris. Pemecahan hanya "
        "lewat langkah yang dicatat: putaran seri.",
        "6a. Putaran seri (bukan dari sumber; keputusan xlpokja): hanya kegiatan utama yang "
        "seri dinilai ulang dengan indikator dan bobot yang sama (sheet Putaran); peringkat di "
        "putaran menjadi sub-peringkat; Urutan akhir = peringkat + sub-peringkat − 1. Putaran "
        "dipakai hanya bila lengkap dan kegiatannya tepat satu blok yang masih seri dalam "
        "sub-sektornya; putaran bersarang dijumlahkan (Σ (sub − 1) + 1). Putaran yang "
        "kegiatannya tidak lagi seri (skor/bobot berubah) kedaluwarsa dan tidak dipakai "
        "(peringatan). Putaran yang sendiri seri membiarkan SAMA: jalankan putaran berikutnya.",
        "7. Kegiatan pendukung tidak dinilai; peringkatnya = urutan akhir kegiatan utamanya "
        "(langkah 5). Kegiatan utama dicari menurut nama (tidak peka huruf besar/kecil; nama "
        "kegiatan utama harus unik). Sumber tidak mengatur pendukung dari kegiatan "
        "non-infrastruktur: aturan yang sama dipakai dan ditandai (peringatan).",
        "8. Program dan kegiatan dipakai bergantian di sumber (langkah 4–6): yang diperingkat "
        "adalah kegiatan utama; kolom Program hanya keterangan.",
        "9. Klasifikasi infrastruktur / non-infrastruktur adalah penilaian Pokja (sumber "
        "menyebut pengadaan alat angkut sampah sebagai non-infrastruktur).",
        "10. Sumber menyebut tiga sub-sektor sasaran PPSP (air limbah, persampahan, drainase), "
        "tetapi prioritisasi dilakukan untuk empat (ditambah PHBS terkait sanitasi, langkah 7).",
        "11. Stabilitas (bukan dari sumber, alat bantu diskusi): selisih nomor 1 dan 2 (TIPIS "
        "bila < 5 %), perubahan bobot satu indikator yang mengubah nomor 1 (bobot lain "
        "disesuaikan sebanding), skor ±1 yang mengubah nomor 1, dan peluang menjadi nomor 1 "
        "dengan 2.000 vektor bobot acak di sekitar bobot yang disepakati.",
        "12. Kunci bobot (langkah 2; bukan dari sumber): indikator, bobot, jenis bobot dan "
        "skala disepakati pleno lalu dikunci sebelum kegiatan dinilai; waktu kunci dicatat "
        "(sheet Indikator, juga di kaki Lampiran B). Selama terkunci isian itu ditolak; bila "
        "tetap berubah, status kunci BERUBAH, status bobot \"berubah setelah dikunci\" dan "
        "tidak ada total sampai isian dikembalikan atau Buka kunci lalu Kunci bobot lagi.",
        "13. Masukan salah dicatat di sheet Masalah dengan sheet, sel, yang diharapkan dan yang "
        "ditemukan; hasil dari masukan tidak sah tidak ditampilkan seolah sah. Berkas yang "
        "gagal dibaca tidak diubah.",
    ]
    r = 3
    for i, text in enumerate(rules):
        c = ws.cell(row=r, column=1, value=text)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
        c.alignment = WRAP
        c.font = Font(bold=i == 0)
        ws.row_dimensions[r].height = 15 * (len(text) // 105 + 1) + 4
        r += 1
    r += 1
    header_cell(ws, r, 1, "Sub-sektor")
    header_cell(ws, r, 2, "Jenis kegiatan")
    for k in range(max(len(cm.SUBSECTORS), len(cm.JENIS))):
        r += 1
        if k < len(cm.SUBSECTORS):
            ws.cell(row=r, column=1, value=cm.SUBSECTORS[k]).border = BOX
        if k < len(cm.JENIS):
            ws.cell(row=r, column=2, value=cm.JENIS[k]).border = BOX
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 40
    ws.column_dimensions["C"].width = 40
    print_setup(ws)
    protect_sheet(ws)


# ========================================================================== builders


def build(path: Path, example: bool = False) -> Path:
    """Write ``path`` (.xlsm): template, VBA, buttons and cached results."""
    nc = max(t.MIN_IND, len(EXAMPLE_INDICATORS) if example else 0)
    n = max(t.MIN_ROWS, len(EXAMPLE_ACTIVITIES) if example else 0)
    ns = max(t.MIN_SUP, len(EXAMPLE_SUPPORTING) if example else 0)
    shape = t.Shape(n, nc, ns, t.MIN_ROUND_ROWS)
    wb = Workbook()
    wb.remove(wb.active)
    _petunjuk(wb.create_sheet(t.PETUNJUK))
    _indikator(wb.create_sheet(t.INDIKATOR), nc, example)
    _kegiatan(wb.create_sheet(t.KEGIATAN), shape, example)
    _hasil(wb.create_sheet(t.HASIL), shape)
    _pendukung(wb.create_sheet(t.PENDUKUNG), ns, example)
    _putaran(wb.create_sheet(t.PUTARAN), nc, shape.rounds)
    _lampiran(wb.create_sheet(t.LAMPIRAN), nc)
    _stabilitas(wb.create_sheet(t.STABILITAS))
    _referensi(wb.create_sheet(t.REFERENSI))
    shared_sheets(wb[t.REFERENSI], wb.create_sheet(t.MASALAH))
    write_layout(wb, formula_cells(shape), t.extents(shape))
    wb.active = wb.sheetnames.index(t.KEGIATAN)
    return save_workbook(wb, path, t.TEMPLATE_ID, t.TEMPLATE_VERSION,
                         "Penetapan Prioritas Program Sanitasi (MPS)")


BUILDS = {
    t.FILE_NAME: lambda p: build(p),
    "contoh_" + t.FILE_NAME: lambda p: build(p, example=True),
}
