"""Builder of the self-assessment questionnaire workbook (``penilaian_diri.xlsm``): Petunjuk,
Formulir, Jawaban, Status, Tabulasi, Ringkasan, Statistik, Referensi, Masalah, Gabung, from
the layout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from xlpokja.instruments.penilaian_diri import calc as q
from xlpokja.instruments.penilaian_diri import layout as pd
from xlpokja.instruments.penilaian_diri.form import FORM_FILE_NAME
from xlpokja.instruments.penilaian_diri.form_build import build_form
from xlpokja.layout.base import split_ref
from xlpokja.workbook.kit import (
    BOX,
    CALC_FILL,
    CENTER,
    HEAD_FILL,
    HEAD_FONT,
    INPUT_FILL,
    TITLE_FONT,
    UNLOCKED,
    WRAP,
    header_cell,
    print_setup,
    protect_sheet,
    save_workbook,
    shared_sheets,
    sheet_title,
    steps_table,
)


def _petunjuk(ws: Any) -> None:
    sheet_title(ws, "PENILAIAN DIRI KELOMPOK KERJA (POKJA AMPL) — PETUNJUK",
           "Buku kerja xlpokja: tabulasi lembar penilaian diri sendiri kelompok kerja")
    steps = [
        ("Langkah", "Apa yang dilakukan"),
        ("1", "Cetak sheet Formulir (satu lembar per anggota). Setiap anggota melingkari "
              "nilai 0–5 pada setiap pernyataan (0 buruk sekali – 5 baik sekali)."),
        ("2", "Salin jawaban ke sheet Jawaban: satu baris per lembar, satu kolom per butir "
              "(A1 … F5). Kolom Responden boleh berisi kode atau nama (boleh anonim)."),
        ("2a", "Atau kumpulkan jawaban tanpa mengetik: setiap anggota mengisi berkas "
               "formulir_penilaian_diri.xlsx (pilihan 0–5, tanpa makro), atau survei "
               "KoboToolbox/ODK/Google Forms. Simpan semua berkas (.xlsx, .xlsm, .ods, .csv) "
               "dalam satu folder, lalu tekan Gabung (atau: xlpokja gabung FOLDER -o buku.xlsm). "
               "Jawaban ditambahkan ke Jawaban dengan asal barisnya (kolom AL–AQ); berkas yang "
               "sama tidak ditambahkan dua kali; lembar ganda ditandai di Masalah, tidak dibuang. "
               "Pemetaan kolom dan masalah tiap berkas dicatat di sheet Gabung."),
        ("3", "Butir yang tidak dijawab dibiarkan KOSONG. Kosong bukan nol: nilai 0 berarti "
              "'buruk sekali' dan ikut dihitung."),
        ("4", "Tabel boleh diperpanjang: tulis atau tempel baris baru di bawahnya, lalu tekan "
              "Hitung. Rumus dan hasil ikut diperluas; sheet Status menunjukkan per baris "
              "berapa butir terisi dan sah, dan apakah lembar itu dipakai."),
        ("5", "Tekan tombol Hitung (di sheet Ringkasan atau Jawaban). Semua jawaban diperiksa; "
              "masalah (teks, nilai di luar 0–5, pecahan, responden ganda) dicatat di sheet "
              "Masalah dengan sheet, sel, yang diharapkan dan yang ditemukan."),
        ("6", "Baca hasil di sheet Tabulasi (tabel frekuensi) dan Ringkasan (nilai A–F, X, N, "
              "pita dan keterangan, grafik). Isi Kelompok Kerja, Lokasi dan Waktu di Ringkasan. "
              "Sheet Statistik menilai kuesionernya, bukan Pokja: apakah butir-butir satu "
              "komponen dijawab searah (alfa Cronbach) dan siapa memberi nilai sama untuk semua "
              "butir."),
        ("7", "Aturan perhitungan, skala dan pita ada di sheet Referensi. Pilih di sana apakah "
              "lembar yang tidak lengkap ikut dipakai (bawaan: dipakai per butir)."),
        ("", "Tanpa Python pun buku kerja ini tetap menghitung dengan rumus Excel biasa; "
             "Python menambah pemeriksaan lengkap, daftar Masalah dan perluasan tabel."),
        ("", "Sel berwarna krem adalah isian. Sel rumus terkunci (proteksi sheet tanpa kata "
             "sandi) agar rumus tidak terhapus tidak sengaja."),
    ]
    steps_table(ws, steps, height=45)


def _formulir(ws: Any) -> None:
    ws["A1"] = pd.TITLE
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = "Petunjuk Pengisian:"
    ws["A2"].font = Font(bold=True)
    ws["A3"] = ("Berikan penilaian (sesuai dengan pengalaman di Pokja selama ini) dengan "
                "melingkari skor pada pernyataan dibawah ini. Skala nilai 0-5, artinya : "
                "0 buruk sekali – 5 baik sekali")
    ws.merge_cells("A3:I3")
    ws["A3"].alignment = WRAP
    ws.row_dimensions[3].height = 32
    ws["A4"] = "Nama / kode responden: ................................................"
    row = 6
    for comp in q.COMPONENTS:
        ws.cell(row=row, column=1, value=comp.key)
        ws.cell(row=row, column=2, value=comp.form_name)
        ws.cell(row=row, column=3, value="No. asli")
        ws.cell(row=row, column=4, value="Nilai")
        ws.merge_cells(start_row=row, start_column=4, end_row=row, end_column=9)
        for col in range(1, 10):
            c = ws.cell(row=row, column=col)
            c.font, c.fill, c.border = HEAD_FONT, HEAD_FILL, BOX
        row += 1
        for it in q.ITEMS:
            if it.component != comp.key:
                continue
            ws.cell(row=row, column=1, value=it.key).alignment = CENTER
            ws.cell(row=row, column=2, value=it.text).alignment = WRAP
            ws.cell(row=row, column=3, value=it.source_no).alignment = CENTER
            for v in q.SCALE:
                c = ws.cell(row=row, column=4 + v, value=v)
                c.alignment, c.border = CENTER, BOX
            for col in (1, 2, 3):
                ws.cell(row=row, column=col).border = BOX
            ws.row_dimensions[row].height = 30 if len(it.text) > 60 else 16
            row += 1
        row += 1
    ws.column_dimensions["A"].width = 5
    ws.column_dimensions["B"].width = 70
    ws.column_dimensions["C"].width = 7
    for col in "DEFGHI":
        ws.column_dimensions[col].width = 4
    print_setup(ws, title_rows="1:2")
    protect_sheet(ws)


def _jawaban(ws: Any, n_rows: int, example: list[list[Any]] | None) -> None:
    t = pd.ANSWERS
    sheet_title(ws, "JAWABAN — satu baris per lembar penilaian",
           "Isi nilai 0–5 (bilangan bulat). Kosongkan butir yang tidak dijawab. Baris baru "
           "boleh ditambah di bawah tabel; tekan Hitung.")
    for c, comp in enumerate(q.COMPONENTS):
        sl = q.COMPONENT_SLICES[comp.key]
        c1, c2 = pd.COL_FIRST_ITEM + sl.start, pd.COL_FIRST_ITEM + sl.stop - 1
        ws.cell(row=3, column=c1, value=f"{comp.key}. {comp.name}")
        ws.merge_cells(start_row=3, start_column=c1, end_row=3, end_column=c2)
        ws.cell(row=3, column=c1).alignment = CENTER
        ws.cell(row=3, column=c1).fill = PatternFill(
            "solid", fgColor=("DDEBF7" if c % 2 == 0 else "FCE4D6"))
    ws.row_dimensions[3].height = 30
    for col in t.columns:
        header_cell(ws, t.header_row, col.index, col.header)
    # where merged rows came from (written by Gabung; empty for rows typed in)
    p0, p1 = pd.PROVENANCE[0].index, pd.PROVENANCE[-1].index
    ws.cell(row=3, column=p0, value="Asal baris (diisi oleh Gabung)")
    ws.merge_cells(start_row=3, start_column=p0, end_row=3, end_column=p1)
    ws.cell(row=3, column=p0).alignment = CENTER
    ws.cell(row=3, column=p0).fill = PatternFill("solid", fgColor="EDEDED")
    for col in pd.PROVENANCE:
        header_cell(ws, t.header_row, col.index, col.header)
    for i in range(n_rows):
        r = t.first_data_row + i
        values = example[i] if example and i < len(example) else None
        for col in range(1, pd.COL_LAST_ITEM + 1):
            c = ws.cell(row=r, column=col)
            if values is not None and values[col - 1] is not None:
                c.value = values[col - 1]
            c.protection, c.fill, c.border = UNLOCKED, INPUT_FILL, BOX
            if col > 1:
                c.alignment = CENTER
    from openpyxl.utils import get_column_letter as L

    for col in range(1, pd.COL_LAST_ITEM + 1):
        ws.column_dimensions[L(col)].width = 18 if col == 1 else 4.3
    for col in pd.PROVENANCE:
        ws.column_dimensions[col.letter].width = {"sumber_berkas": 26, "waktu_berkas": 20,
                                                  "id_kiriman": 20, "waktu_kiriman": 20
                                                  }.get(col.key, 14)
    dv = DataValidation(type="whole", operator="between", formula1="0", formula2="5",
                        allow_blank=True, showErrorMessage=True, showInputMessage=True,
                        errorTitle="Nilai tidak sah", promptTitle="Nilai 0–5",
                        error="Isikan bilangan bulat 0 sampai 5, atau kosongkan bila tidak "
                              "menjawab.",
                        prompt="0 buruk sekali – 5 baik sekali. Kosong = tidak menjawab.")
    dv.add(pd.validation_sqref())  # to the sheet's end: pasted rows are validated too
    ws.add_data_validation(dv)
    ws.freeze_panes = ws.cell(row=t.first_data_row, column=2)
    print_setup(ws, landscape=True, title_rows=f"{t.header_row}:{t.header_row}")
    # not protected: the sheet holds input only (its per-row results are on Status), so
    # rows can be pasted or inserted anywhere below the header


def _gabung(ws: Any) -> None:
    sheet_title(ws, "GABUNG — catatan setiap penggabungan jawaban",
                "Ditulis oleh tombol Gabung / xlpokja gabung: berkas yang dibaca, pemetaan "
                "kolom, dan masalah per berkas. Catatan lama tidak dihapus.")
    for c in pd.GABUNG_COLUMNS:
        header_cell(ws, pd.GABUNG_HEADER_ROW, c.index, c.header)
    for letter, width in zip("ABCDEF", (19, 34, 14, 11, 11, 100)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = ws.cell(row=pd.GABUNG_HEADER_ROW + 1, column=1)
    print_setup(ws, landscape=True,
                title_rows=f"{pd.GABUNG_HEADER_ROW}:{pd.GABUNG_HEADER_ROW}")


def _status(ws: Any) -> None:
    sheet_title(ws, "STATUS LEMBAR — dihitung per baris Jawaban",
           "Baris yang sama dengan baris di sheet Jawaban. Jangan diisi: Hitung menulis "
           "ulang sheet ini.")
    for c in pd.STATUS_COLUMNS:
        header_cell(ws, pd.STATUS_HEADER_ROW, c.index, c.header)
    from openpyxl.utils import get_column_letter as L

    for c in pd.STATUS_COLUMNS:
        ws.column_dimensions[L(c.index)].width = 24 if c.index in (pd.ST_KET, pd.ST_RESP) else 9
    ws.freeze_panes = f"A{pd.ANSWERS.first_data_row}"
    print_setup(ws, title_rows=f"{pd.STATUS_HEADER_ROW}:{pd.STATUS_HEADER_ROW}")
    protect_sheet(ws)


def _tabulasi(ws: Any) -> None:
    sheet_title(ws, "TABULASI — berapa yang memberi nilai 0, 1, 2, 3, 4 dan 5",
           "Frekuensi per butir dan per komponen; rata-rata = Σ(nilai × jumlah) / jumlah "
           "jawaban sah (skala 0–5). Kosong dan tidak sah tidak dihitung.")
    heads = ["Kode", "Komponen", "No. asli", "Pernyataan"] + [f"Nilai {v}" for v in q.SCALE] + [
        "Jawaban sah", "Kosong", "Tidak sah", "Σ nilai × jumlah", "Rata-rata"]
    for col, h in enumerate(heads, start=1):
        header_cell(ws, pd.TAB_ITEM_HEADER, col, h)
    for j, it in enumerate(q.ITEMS):
        r = pd.TAB_ITEM_ROW0 + j
        ws.cell(row=r, column=1, value=it.key)
        ws.cell(row=r, column=2, value=it.component)
        ws.cell(row=r, column=3, value=it.source_no)
        ws.cell(row=r, column=4, value=it.text)
    ws.cell(row=pd.TAB_COMP_HEADER - 1, column=1, value="Per komponen").font = Font(bold=True)
    heads2 = ["Kode", "Komponen", "", ""] + [f"Nilai {v}" for v in q.SCALE] + [
        "Jawaban sah", "Kosong", "Tidak sah", "Σ nilai × jumlah", "Rata-rata", ""] + [
        f"{v} × jumlah" for v in q.SCALE]
    for col, h in enumerate(heads2, start=1):
        if h:
            header_cell(ws, pd.TAB_COMP_HEADER, col, h)
    for c, comp in enumerate(q.COMPONENTS):
        r = pd.TAB_COMP_ROW0 + c
        ws.cell(row=r, column=1, value=comp.key)
        ws.cell(row=r, column=2, value=comp.name)
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=4)
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 10
    ws.column_dimensions["C"].width = 7
    ws.column_dimensions["D"].width = 48
    for col in "EFGHIJKLMNOQRSTUV":
        ws.column_dimensions[col].width = 9
    print_setup(ws, landscape=True, title_rows=f"{pd.TAB_ITEM_HEADER}:{pd.TAB_ITEM_HEADER}")
    protect_sheet(ws)


def _ringkasan(ws: Any, fields: dict[str, str] | None) -> None:
    ws["A1"] = "RESUME HASIL PENILAIAN KELOMPOK KERJA"
    ws["A1"].font = TITLE_FONT
    for key, label, ref in pd.RES_FIELDS:
        row = int(ref[1:])
        ws.cell(row=row, column=1, value=f"{label} :").font = Font(bold=True)
        c = ws[ref]
        c.value = (fields or {}).get(key)
        c.protection, c.fill, c.border = UNLOCKED, INPUT_FILL, BOX
        ws.merge_cells(f"{ref}:G{row}")
    for col, h in enumerate(["No", "Aspek yang dinilai", "Kode", "Nilai", "Jawaban sah",
                             "Pita", "Keterangan"], start=1):
        header_cell(ws, pd.RES_HEADER, col, h)
    for c, comp in enumerate(q.COMPONENTS):
        r = pd.RES_ROW0 + c
        ws.cell(row=r, column=1, value=f"{c + 1}.")
        ws.cell(row=r, column=2, value=comp.name)
        ws.cell(row=r, column=3, value=comp.key)
    labels = {pd.RES_X: "Jumlah nilai (X)", pd.RES_K: "Komponen berdata",
              pd.RES_N: "Nilai rata rata (Skor perkembangan Pokja) (N) = X / 6",
              pd.RES_SCORE: "Skor Penilaian",
              pd.RES_FILLED: "Lembar terisi", pd.RES_COMPLETE: "Lembar lengkap (36 jawaban sah)",
              pd.RES_USED: "Lembar dipakai", pd.RES_POLICY: "Kebijakan lembar tidak lengkap",
              pd.RES_INVALID: "Jawaban tidak sah", pd.RES_CHECK: "Pemeriksaan"}
    for r, text in labels.items():
        ws.cell(row=r, column=2, value=text).font = Font(bold=r in (pd.RES_N, pd.RES_SCORE))
        ws.cell(row=r, column=2).alignment = Alignment(vertical="top", wrap_text=True)
    for r in range(pd.RES_ROW0, pd.RES_N + 1):
        for col in range(1, 8):
            ws.cell(row=r, column=col).border = BOX
        ws.cell(row=r, column=4).number_format = "0.00"
        ws.cell(row=r, column=7).alignment = WRAP
        ws.row_dimensions[r].height = 30
    ws.cell(row=pd.RES_K, column=4).number_format = "0"
    ws.cell(row=pd.RES_SCORE, column=4).number_format = "0.00"
    ws.cell(row=pd.RES_SCORE, column=4).font = Font(bold=True, size=16, color="1F4E78")
    ws.cell(row=pd.RES_SCORE, column=5).font = Font(bold=True)
    ws.cell(row=pd.RES_SCORE, column=5).alignment = WRAP
    ws.merge_cells(start_row=pd.RES_SCORE, start_column=5, end_row=pd.RES_SCORE, end_column=7)
    ws.row_dimensions[pd.RES_SCORE].height = 34
    ws.cell(row=pd.RES_NOTE, column=2).font = Font(italic=True, color="C00000")
    ws.merge_cells(start_row=pd.RES_CHECK, start_column=4, end_row=pd.RES_CHECK, end_column=7)
    ws.cell(row=pd.RES_CHECK, column=4).alignment = WRAP
    ws.row_dimensions[pd.RES_CHECK].height = 45
    ws.merge_cells(start_row=pd.RES_POLICY, start_column=4, end_row=pd.RES_POLICY, end_column=7)
    for r in range(pd.RES_X, pd.RES_CHECK + 1):
        ws.cell(row=r, column=4).fill = CALC_FILL
    widths = {"A": 5, "B": 46, "C": 6, "D": 9, "E": 11, "F": 6, "G": 52}
    for k, w in widths.items():
        ws.column_dimensions[k].width = w
    chart = BarChart()
    chart.type = "col"
    chart.title = "Nilai komponen A–F (skala 0–5)"
    chart.y_axis.title = "Nilai"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 5
    chart.y_axis.majorUnit = 1
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    chart.legend = None
    data = Reference(ws, min_col=4, min_row=pd.RES_ROW0, max_row=pd.RES_ROW0 + 5)
    cats = Reference(ws, min_col=3, min_row=pd.RES_ROW0, max_row=pd.RES_ROW0 + 5)
    chart.add_data(data, titles_from_data=False)
    chart.set_categories(cats)
    chart.dataLabels = DataLabelList()
    chart.dataLabels.showVal = True
    chart.dataLabels.showSerName = False
    chart.dataLabels.showCatName = False
    chart.dataLabels.showLegendKey = False
    chart.dataLabels.numFmt = "0.00"
    chart.height, chart.width = 7.5, 16
    ws.add_chart(chart, f"B{pd.RES_CHECK + 2}")
    print_setup(ws)
    protect_sheet(ws)


def _referensi(ws: Any) -> None:
    sheet_title(ws, "REFERENSI — skala, pita dan aturan perhitungan")
    header_cell(ws, 3, 1, "Nilai")
    header_cell(ws, 3, 2, "Arti pada formulir")
    meaning = {0: "buruk sekali", 5: "baik sekali"}
    for v in q.SCALE:
        ws.cell(row=pd.REF_SCALE_ROW + v, column=1, value=v)
        ws.cell(row=pd.REF_SCALE_ROW + v, column=2, value=meaning.get(v, ""))
    for col, h in enumerate(["Pita", "Batas bawah (skor dibulatkan 2 desimal)", "Keterangan"],
                            start=1):
        header_cell(ws, pd.REF_BAND_HEADER, col, h)
    for i, (band, lo, label) in enumerate(pd.BAND_TABLE):
        r = pd.REF_BAND_ROW0 + i
        ws.cell(row=r, column=1, value=band)
        ws.cell(row=r, column=2, value="tidak ada jawaban sah" if lo is None else lo)
        ws.cell(row=r, column=2).number_format = "0.00"
        ws.cell(row=r, column=3, value=label).alignment = WRAP
    ws.cell(row=19, column=1, value="Pengaturan").font = Font(bold=True)
    ws.cell(row=int(pd.POLICY.ref[1:]), column=1, value=pd.POLICY.label)
    c = ws[pd.POLICY.ref]
    c.value = pd.POLICY.default
    c.protection, c.fill, c.border = UNLOCKED, INPUT_FILL, BOX
    dv = DataValidation(type="list", formula1='"' + ",".join(pd.POLICY.choices) + '"',
                        allow_blank=False, showErrorMessage=True,
                        error="Pilih salah satu kebijakan dari daftar.")
    dv.add(pd.POLICY.ref)
    ws.add_data_validation(dv)
    rules = [
        "Aturan yang dipakai (keputusan produk, karena sumber diam atau keliru):",
        "1. Kosong bukan nol: sel kosong = tidak menjawab; tidak dihitung dan dilaporkan.",
        "2. Skala 0–5 dengan enam komponen A–F dan 36 butir (teks 'Cara menghitung' yang menyebut "
        "0–4 dan 'ABCDE' adalah kekeliruan sumber).",
        "3. Nilai 0 adalah skor sah ('buruk sekali'), seperti tercetak pada formulir.",
        "4. Nilai komponen = jumlah jawaban sah pada komponen / banyaknya jawaban sah (tetap "
        "pada skala 0–5). Tabel frekuensi (jumlah tiap nilai 0–5, nilai × jumlah) ada di Tabulasi.",
        "5. X = jumlah nilai komponen; N = X / 6. Bila ada komponen tanpa jawaban sah, N = "
        "rata-rata komponen yang berdata, dan hal ini ditandai.",
        "6. Pita: skor dibulatkan setengah ke atas 2 desimal; tidak ada data → 0; < 1,50 → 1; "
        "1,50–2,49 → 2; 2,50–3,49 → 3; 3,50–4,49 → 4; ≥ 4,50 → 5. Skor dalam 0,01 dari batas "
        "ditandai 'dekat batas'.",
        "7. Lembar tidak lengkap dipakai per butir (bawaan); pengaturan di atas dapat "
        "mengecualikannya. Jumlah lembar terisi dan lengkap selalu ditampilkan.",
        "8. Nilai bukan bilangan bulat 0–5 (teks, pecahan, di luar skala) tidak dihitung dan "
        "dicatat di sheet Masalah dengan sheet, sel, yang diharapkan dan yang ditemukan.",
        "Sumber: Buku Panduan Kelompok Kerja AMPL, Buku 2, 'Lembar Penilaian Diri Sendiri "
        "Kelompok Kerja', 'Cara menghitung' dan 'Resume Hasil Penilaian Kelompok Kerja'.",
    ]
    for i, text in enumerate(rules):
        cell = ws.cell(row=pd.REF_RULES_ROW + i, column=1, value=text)
        ws.merge_cells(start_row=pd.REF_RULES_ROW + i, start_column=1,
                       end_row=pd.REF_RULES_ROW + i, end_column=3)
        cell.alignment = WRAP
        ws.row_dimensions[pd.REF_RULES_ROW + i].height = 30
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 22
    ws.column_dimensions["C"].width = 70
    print_setup(ws)
    protect_sheet(ws)


# ============================================== Statistik (issue 13: questionnaire statistics)

_STAT_WIDTHS = {"A": 7, "B": 50, "C": 11, "D": 11, "E": 11, "F": 11, "G": 12}
_STAT_NOTE_FONT = Font(color="333333")
_STAT_HEADING_FONT = Font(bold=True, size=12, color="1F4E78")
_STAT_ALPHA_NOTES = (
    "α (alfa Cronbach) menunjukkan apakah butir-butir satu komponen dijawab searah: responden "
    "yang memberi nilai tinggi pada satu butir juga memberi nilai tinggi pada butir lain "
    "komponen itu. Biasanya antara 0 dan 1. α ≥ 0,70 umumnya dianggap konsisten; di bawah "
    "0,50 lemah (butir-butirnya mungkin dipahami berbeda-beda); α negatif berarti butir-"
    "butirnya saling berlawanan. Dengan sedikit responden (kurang dari sekitar 10) α mudah "
    "berubah-ubah.",
    "α BUKAN nilai Pokja: α tinggi tidak berarti Pokja baik, hanya bahwa jawaban-jawabannya "
    "saling sejalan; nilai A–F dan N di Ringkasan tidak berubah karenanya.",
    "Jawaban kosong diperlakukan dua cara. α lembar lengkap: hanya responden yang menjawab sah "
    "SEMUA butir komponen itu (listwise). α semua jawaban: keterkaitan setiap pasangan butir "
    "dihitung dari responden yang menjawab kedua butir itu (pairwise; karena tiap pasangan "
    "memakai responden yang berbeda, α ini dapat sedikit melewati 1); kolom Responden di "
    "sebelahnya = jumlah responden paling sedikit di antara pasangan butir. Tanpa jawaban "
    "kosong keduanya sama. Sel kosong = tidak dapat dihitung (kurang dari 2 responden, atau "
    "jawaban tidak bervariasi).",
)
_STAT_ITEM_NOTE = (
    "Korelasi butir–total (terkoreksi): seberapa searah jawaban pada butir ini dengan jumlah "
    "jawaban butir-butir LAIN dalam komponennya (korelasi Pearson, dari −1 sampai 1), dihitung "
    "dari responden yang menjawab sah semua butir komponen itu (seperti α lembar lengkap). Di "
    "bawah 0,30 umumnya berarti butir itu kurang sejalan dengan butir lainnya; angka negatif "
    "patut diperiksa (pernyataannya mungkin dipahami terbalik). Jawaban sah, kosong dan tidak "
    "sah sama dengan sheet Tabulasi."
)
_STAT_SL_NOTE = (
    "Responden yang memberi nilai yang sama untuk ke-36 butir (misalnya semuanya 3). Bisa jadi "
    "memang begitu pendapatnya, bisa juga lembar diisi tanpa membaca pernyataannya: periksa "
    "lembarnya. Hanya lembar yang dipakai dengan 36 jawaban sah yang diperiksa. Lembar-lembar "
    "ini tetap dihitung; tidak ada yang dikeluarkan."
)


def _lines(text: str, chars: float) -> int:
    """Lines ``text`` takes wrapped at word boundaries in a column of ``chars`` characters."""
    import textwrap

    return max(1, len(textwrap.wrap(text, int(chars))))


def _note_row(ws: Any, row: int, text: str, last_col: int, chars: float) -> None:
    """A wrapped paragraph across columns A..last_col, tall enough for its text."""
    c = ws.cell(row=row, column=1, value=text)
    c.alignment, c.font = WRAP, _STAT_NOTE_FONT
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)
    ws.row_dimensions[row].height = 15 * _lines(text, chars) + 3


def _statistik(ws: Any) -> None:
    """The Statistik sheet: headings, explanations and labels; Hitung writes the figures."""
    from openpyxl.utils import get_column_letter as L

    sheet_title(ws, "STATISTIK KUESIONER — konsistensi jawaban dan pola pengisian",
                "Diisi oleh tombol Hitung (angka, bukan rumus). Angka-angka ini menilai "
                "kuesioner dan cara mengisinya, bukan kinerja Pokja.")
    row, col = split_ref(pd.STAT_USED_CELL)
    ws.cell(row=row, column=1, value="Lembar dipakai (menurut kebijakan di Referensi)").font = (
        Font(bold=True))
    ws.cell(row=row, column=col).fill = CALC_FILL
    ws.cell(row=row, column=col).border = BOX
    last = len(pd.STAT_COMP_COLUMNS)
    chars = sum(_STAT_WIDTHS.values()) * 1.1  # characters a merged line holds, about
    # 1. α per component: heading, notes, table
    r0 = pd.STAT_COMP_HEADER - len(_STAT_ALPHA_NOTES) - 1
    ws.cell(row=r0, column=1, value="1. Konsistensi per komponen: alfa Cronbach (α)").font = (
        _STAT_HEADING_FONT)
    for i, text in enumerate(_STAT_ALPHA_NOTES, start=r0 + 1):
        _note_row(ws, i, text, last, chars)
    for c in pd.STAT_COMP_COLUMNS:
        header_cell(ws, pd.STAT_COMP_HEADER, c.index, c.header)
    ws.row_dimensions[pd.STAT_COMP_HEADER].height = 45  # three lines
    for i, comp in enumerate(q.COMPONENTS):
        r = pd.STAT_COMP_ROW0 + i
        ws.cell(row=r, column=1, value=comp.key).alignment = CENTER
        ws.cell(row=r, column=2, value=comp.name).alignment = WRAP
        k = q.COMPONENT_SLICES[comp.key].stop - q.COMPONENT_SLICES[comp.key].start
        ws.cell(row=r, column=3, value=k).alignment = CENTER
        for c in pd.STAT_COMP_COLUMNS:
            cell = ws.cell(row=r, column=c.index)
            cell.border = BOX
            if c.kind == "value":
                cell.fill, cell.alignment = CALC_FILL, CENTER
                cell.number_format = "0.00" if c.key.startswith("alpha") else "0"
    # 2. per item: heading, note, table
    ws.cell(row=pd.STAT_ITEM_HEADER - 2, column=1,
            value="2. Per butir: jawaban dan korelasi butir–total").font = _STAT_HEADING_FONT
    _note_row(ws, pd.STAT_ITEM_HEADER - 1, _STAT_ITEM_NOTE, last, chars)
    for c in pd.STAT_ITEM_COLUMNS:
        header_cell(ws, pd.STAT_ITEM_HEADER, c.index, c.header)
    text_chars = _STAT_WIDTHS["B"] * 1.1  # characters a line of column B holds, about
    text_align = Alignment(wrap_text=True, vertical="center")
    for j, it in enumerate(q.ITEMS):
        r = pd.STAT_ITEM_ROW0 + j
        ws.cell(row=r, column=1, value=it.key).alignment = CENTER
        ws.cell(row=r, column=2, value=it.text).alignment = text_align
        ws.row_dimensions[r].height = 15 * _lines(it.text, text_chars) + 3
        for c in pd.STAT_ITEM_COLUMNS:
            cell = ws.cell(row=r, column=c.index)
            cell.border = BOX
            if c.kind == "value":
                cell.fill, cell.alignment = CALC_FILL, CENTER
                cell.number_format = "0.00" if c.key == "item_total_r" else "0"
    # 3. straight-lining: heading, note, two figures, the list (written below its header)
    h = pd.STAT_SL_HEADING
    ws.cell(row=h, column=1, value="3. Jawaban seragam (straight-lining)").font = (
        _STAT_HEADING_FONT)
    _note_row(ws, h + 1, _STAT_SL_NOTE, last, chars)
    for ref, label in ((pd.STAT_SL_ELIGIBLE, "Lembar dipakai dengan 36 jawaban sah"),
                       (pd.STAT_SL_COUNT, "Lembar dengan jawaban seragam")):
        row, col = split_ref(ref)
        ws.cell(row=row, column=1, value=label).font = Font(bold=True)
        ws.cell(row=row, column=col).fill = CALC_FILL
        ws.cell(row=row, column=col).border = BOX
    for c in pd.STAT_LIST_COLUMNS:
        header_cell(ws, pd.STAT_LIST_HEADER, c.index, c.header)
    for k, w in _STAT_WIDTHS.items():
        ws.column_dimensions[k].width = w
    ws.column_dimensions[L(last + 1)].width = 3
    print_setup(ws)
    protect_sheet(ws)


def build_penilaian_diri(path: Path, example: bool = False) -> Path:
    """Write ``path`` (.xlsm): template, VBA, buttons and cached results."""
    from xlpokja.instruments.penilaian_diri import examples

    rows = examples.example_rows() if example else None
    n_rows = max(pd.ANSWERS.min_rows, len(rows or []))
    wb = Workbook()
    wb.remove(wb.active)
    _petunjuk(wb.create_sheet(pd.PETUNJUK))
    _formulir(wb.create_sheet(pd.FORMULIR))
    _jawaban(wb.create_sheet(pd.JAWABAN), n_rows, rows)
    _status(wb.create_sheet(pd.STATUS))
    _tabulasi(wb.create_sheet(pd.TABULASI))
    _ringkasan(wb.create_sheet(pd.RINGKASAN), examples.FIELDS if example else None)
    _statistik(wb.create_sheet(pd.STATISTIK))
    _referensi(wb.create_sheet(pd.REFERENSI))
    shared_sheets(wb[pd.REFERENSI], wb.create_sheet(pd.MASALAH))
    _gabung(wb.create_sheet(pd.GABUNG))
    for cell in pd.formula_cells(n_rows):
        c = wb[cell.sheet][cell.ref]
        c.value = "=" + cell.formula
        if cell.sheet in (pd.TABULASI,) and c.column in (pd.TAB_MEAN,):
            c.number_format = "0.00"
        if cell.sheet == pd.STATUS:
            c.fill, c.border, c.alignment = CALC_FILL, BOX, CENTER
    wb.defined_names[pd.EXTENT_NAME] = DefinedName(pd.EXTENT_NAME, attr_text=pd.extent_ref(n_rows))
    wb.active = wb.sheetnames.index(pd.RINGKASAN)
    return save_workbook(wb, path, pd.TEMPLATE_ID, pd.TEMPLATE_VERSION,
                         "Penilaian Diri Kelompok Kerja")


BUILDS = {
    pd.FILE_NAME: lambda p: build_penilaian_diri(p, example=False),
    "contoh_" + pd.FILE_NAME: lambda p: build_penilaian_diri(p, example=True),
    FORM_FILE_NAME: build_form,  # the individual form, a plain .xlsx (issue 13)
}
