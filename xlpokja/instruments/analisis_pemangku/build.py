"""Build ``analisis_pemangku.xlsm`` (Tabel 6-1 and 6-2) from its published layout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BubbleChart, Reference, Series
from openpyxl.chart.label import DataLabelList
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter as L
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from xlpokja.instruments.analisis_pemangku import calc as sk
from xlpokja.instruments.analisis_pemangku import layout as ap
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

BAD_FILL = PatternFill("solid", fgColor="F8CBAD")
GREY_FILL = PatternFill("solid", fgColor="E7E6E6")
TIE_FILL = PatternFill("solid", fgColor="FFE699")
ROLE_COLORS = ("1F4E78", "C55A11", "548235")


def _list_dv(source: str, prompt: str, strict: bool = True) -> DataValidation:
    return DataValidation(type="list", formula1=source, allow_blank=True,
                          showErrorMessage=strict, showInputMessage=True, prompt=prompt,
                          errorTitle="Isian tidak ada di daftar",
                          error="Pilih dari daftar (lihat sheet Referensi).")


def _input_rows(ws: Any, first: int, n: int, cols: list[int]) -> None:
    for r in range(first, first + n):
        for c in cols:
            cell = ws.cell(row=r, column=c)
            cell.protection, cell.fill, cell.border = UNLOCKED, INPUT_FILL, BOX
    for c in cols:  # rows typed or pasted below the table stay editable
        ws.column_dimensions[L(c)].protection = UNLOCKED


def _petunjuk(ws: Any) -> None:
    sheet_title(ws, "ANALISIS PEMANGKU KEPENTINGAN AMPL — PETUNJUK",
           "Tabel 6-1 (identifikasi) dan Tabel 6-2 (analisis) Buku Panduan Pokja AMPL")
    steps = [
        ("Langkah", "Apa yang dilakukan"),
        ("1", "Identifikasi (Tabel 6-1): satu baris per lembaga / orang yang diusulkan. Pilih "
              "Peran dalam Pokja (Pengurus Inti, Anggota Pengurus, Mitra Pokja), isi nama "
              "lembaga, kontak person dan nomornya, beri tanda ✓ pada keterkaitan dengan "
              "pembangunan AMPL, dan pilih Ring (I, II, III) bila diketahui."),
        ("2", "Analisis (Tabel 6-2): satu baris per orang. Kolom (3)–(5) diberi skor 1–4 "
              "(semakin kuat pengaruhnya, semakin mendekati 4). Kolom (7) diberi skor 1–4 "
              "(semakin besar risikonya, semakin besar nilainya)."),
        ("3", "Skor (6) = (3)+(4)+(5) dan Nilai akhir (8) = (6) − (7) dihitung otomatis, juga "
              "peringkat di dalam setiap kelompok peran. Nilai sama diberi peringkat sama dan "
              "ditandai SAMA; keputusan di antara mereka diambil dalam rapat."),
        ("4", "Baris yang skornya belum lengkap ditandai 'belum dinilai': tampil, tetapi tidak "
              "diperingkat. Kosong bukan nol. Nilai akhir negatif diberi warna."),
        ("5", "Tekan Hitung: semua isian diperiksa (masalah dicatat di sheet Masalah), daftar "
              "undangan per kelompok di sheet Hasil dan peta pengaruh–risiko di sheet Peta "
              "diperbarui. Baris baru di bawah tabel ikut dihitung."),
        ("6", "Kesimpulan (sumber): semakin besar nilai akhir, semakin tepat orang tersebut "
              "diposisikan sesuai peran yang diharapkan. Peta di sheet Peta membantu memutuskan "
              "siapa yang diundang ke pertemuan orientasi pembentukan Pokja."),
        ("", "Tanpa Python, rumus Excel tetap menghitung (6), (8), peringkat dan rekap; "
             "Python menambah pemeriksaan lengkap, daftar undangan dan peta."),
    ]
    steps_table(ws, steps, height=48)


def _identifikasi(ws: Any, n: int, rows: list[list[Any]] | None) -> None:
    t = ap.IDENT_TABLE
    sheet_title(ws, "TABEL 6-1 ALAT BANTU IDENTIFIKASI PEMANGKU KEPENTINGAN PEMBANGUNAN AMPL",
           "Satu baris per lembaga / orang. Beri tanda ✓ (atau v, x, ya) pada keterkaitan.")
    ws.cell(row=3, column=ap.ID_MARK0,
            value="Keterkaitan dengan pembangunan AMPL (beri tanda check)")
    ws.merge_cells(start_row=3, start_column=ap.ID_MARK0, end_row=3,
                   end_column=ap.ID_MARK0 + 3)
    header_cell(ws, 3, ap.ID_MARK0, ws.cell(row=3, column=ap.ID_MARK0).value)
    for c in t.columns:
        header_cell(ws, t.header_row, c.index, c.header)
    ws.row_dimensions[3].height = 30
    ws.row_dimensions[t.header_row].height = 60
    _input_rows(ws, t.first_data_row, n, [c.index for c in t.columns])
    for i, row in enumerate(rows or []):
        for j, v in enumerate(row):
            ws.cell(row=t.first_data_row + i, column=j + 1, value=v)
    for c in range(ap.ID_MARK0, ap.ID_MARK0 + 4):
        for r in range(t.first_data_row, t.first_data_row + n):
            ws.cell(row=r, column=c).alignment = CENTER
    widths = [18, 28, 26, 16, 11, 11, 11, 11, 9, 40]
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[L(i)].width = w
    f, last = t.first_data_row, ap.MAX_ROW
    for dv, ref in [
        (_list_dv(f"={ap.NAME_ROLES}", "Pengurus Inti / Anggota Pengurus / Mitra Pokja"),
         f"A{f}:A{last}"),
        (_list_dv(f"={ap.NAME_INST}", "Pilih dari daftar atau ketik nama lembaga lain",
                  strict=False), f"B{f}:B{last}"),
        (_list_dv(f"={ap.NAME_MARKS}", "Tanda ✓ bila terkait; kosong bila tidak"),
         f"E{f}:H{last}"),
        (_list_dv(f"={ap.NAME_RINGS}", "Ring I / II / III (Tabel 2-1)"), f"I{f}:I{last}"),
    ]:
        dv.add(ref)
        ws.add_data_validation(dv)
    ws.freeze_panes = f"C{f}"
    print_setup(ws, landscape=True, title_rows=f"{t.header_row}:{t.header_row}")
    # input only: not protected, rows can be inserted anywhere


def _analisis(ws: Any, n: int, rows: list[list[Any]] | None) -> None:
    t = ap.SCORE_TABLE
    sheet_title(ws, "TABEL 6-2 ALAT BANTU ANALISIS PEMANGKU KEPENTINGAN DALAM PEMBANGUNAN AMPL",
           "Kolom (3)–(5) dan (7): skor 1–4. (6), (8), peringkat, keterangan dan saran "
           "dihitung.")
    for c1, c2, text in [(ap.A_S3, ap.A_S5, "Kekuatan Pengaruh"),
                         (ap.A_SKOR, ap.A_SKOR, "Dampak Positif"),
                         (ap.A_RISK, ap.A_RISK, "Resiko")]:
        header_cell(ws, 3, c1, text)
        if c2 > c1:
            ws.merge_cells(start_row=3, start_column=c1, end_row=3, end_column=c2)
    for c in t.columns:
        header_cell(ws, t.header_row, c.index, c.header)
        if c.header.startswith("("):
            ws.cell(row=ap.SCORE_NUMBER_ROW, column=c.index,
                    value=c.header.split(")")[0] + ")").alignment = CENTER
    ws.row_dimensions[t.header_row].height = 80
    inputs = [ap.A_ROLE, ap.A_NAME, ap.A_S3, ap.A_S4, ap.A_S5, ap.A_RISK, ap.A_NOTE]
    _input_rows(ws, t.first_data_row, n, inputs)
    for i, row in enumerate(rows or []):
        for col, v in zip(inputs, row):
            ws.cell(row=t.first_data_row + i, column=col, value=v)
    for r in range(t.first_data_row, t.first_data_row + n):
        for c in (ap.A_S3, ap.A_S4, ap.A_S5, ap.A_RISK):
            ws.cell(row=r, column=c).alignment = CENTER
        for c in (ap.A_SKOR, ap.A_NILAI, ap.A_RANK, ap.A_KET, ap.A_SARAN):
            cell = ws.cell(row=r, column=c)
            cell.fill, cell.border, cell.alignment = CALC_FILL, BOX, CENTER
    widths = {ap.A_ROLE: 18, ap.A_NAME: 30, ap.A_S3: 12, ap.A_S4: 12, ap.A_S5: 14,
              ap.A_SKOR: 8, ap.A_RISK: 14, ap.A_NILAI: 9, ap.A_RANK: 11, ap.A_KET: 16,
              ap.A_SARAN: 22, ap.A_NOTE: 34}
    for c, w in widths.items():
        ws.column_dimensions[L(c)].width = w
    f, last = t.first_data_row, ap.MAX_ROW
    roles = _list_dv(f"={ap.NAME_ROLES}", "Pengurus Inti / Anggota Pengurus / Mitra Pokja")
    roles.add(f"A{f}:A{last}")
    ws.add_data_validation(roles)
    dv = DataValidation(type="whole", operator="between", formula1="1", formula2="4",
                        allow_blank=True, showErrorMessage=True, showInputMessage=True,
                        errorTitle="Skor tidak sah", promptTitle="Skor 1–4",
                        error="Isikan bilangan bulat 1 sampai 4, atau kosongkan bila belum "
                              "dinilai.",
                        prompt="1 lemah … 4 kuat (risiko: 4 = risiko terbesar). Kosong = belum "
                               "dinilai.")
    dv.add(f"{L(ap.A_S3)}{f}:{L(ap.A_S5)}{last}")
    dv.add(f"{L(ap.A_RISK)}{f}:{L(ap.A_RISK)}{last}")
    ws.add_data_validation(dv)
    H, J = L(ap.A_NILAI), L(ap.A_KET)
    rng_h = f"{H}{f}:{H}{last}"
    ws.conditional_formatting.add(rng_h, CellIsRule(operator="lessThan", formula=["0"],
                                                    fill=BAD_FILL, font=Font(bold=True,
                                                                             color="9C0006")))
    rng_j = f"{J}{f}:{J}{last}"
    for text, fill in [(sk.STATUS_UNSCORED, GREY_FILL), (sk.STATUS_TIE, TIE_FILL),
                       (sk.STATUS_INVALID, BAD_FILL), (sk.STATUS_BAD_ROLE, BAD_FILL)]:
        ws.conditional_formatting.add(rng_j, FormulaRule(formula=[f'{J}{f}="{text}"'],
                                                         fill=fill))
    ws.freeze_panes = f"C{f}"
    print_setup(ws, landscape=True, title_rows=f"{t.header_row}:{ap.SCORE_NUMBER_ROW}")
    protect_sheet(ws)
    ws.protection.insertRows = False
    ws.protection.deleteRows = False


def _hasil(ws: Any) -> None:
    sheet_title(ws, "HASIL — rekap per kelompok peran dan daftar undangan",
           "Rekap dihitung rumus Excel; daftar undangan diperbarui oleh tombol Hitung.")
    ws.cell(row=3, column=1, value="Rekap per kelompok peran").font = Font(bold=True)
    for c, h in enumerate(ap.REKAP_HEADERS, start=1):
        header_cell(ws, ap.REKAP_HEADER, c, h)
    ws.row_dimensions[ap.REKAP_HEADER].height = 60
    for g, role in enumerate(sk.ROLES):
        ws.cell(row=ap.REKAP_ROW0 + g, column=1, value=role)
    ws.cell(row=ap.REKAP_TOTAL, column=1, value="Jumlah").font = Font(bold=True)
    for r in range(ap.REKAP_ROW0, ap.REKAP_TOTAL + 1):
        for c in range(1, len(ap.REKAP_HEADERS) + 1):
            cell = ws.cell(row=r, column=c)
            cell.border = BOX
            if c > 1:
                cell.fill, cell.alignment = CALC_FILL, CENTER
        ws.cell(row=r, column=ap.R_MEAN).number_format = "0.00"
    ws.cell(row=ap.LIST_TITLE_ROW, column=1,
            value="Daftar undangan per kelompok peran (urut peringkat; SAMA = nilai sama, "
                  "diputuskan dalam rapat)").font = Font(bold=True)
    for c, h in enumerate(ap.LIST_HEADERS, start=1):
        header_cell(ws, ap.LIST_HEADER, c, h)
    widths = [18, 11, 32, 9, 9, 10, 22, 16, 10, 14, 12, 12]
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[L(i)].width = w
    ws.freeze_panes = f"A{ap.LIST_ROW0}"
    print_setup(ws, landscape=True, title_rows=f"{ap.LIST_HEADER}:{ap.LIST_HEADER}")
    protect_sheet(ws)


def _peta(ws: Any) -> None:
    sheet_title(ws, "PETA PEMANGKU — kekuatan pengaruh (6) terhadap risiko (7)",
           "Setiap gelembung = orang dengan skor yang sama dalam satu kelompok peran; angka = "
           "jumlah orang. Garis tengah: pengaruh 7,5 dan risiko 2,5.")
    chart = BubbleChart()
    chart.style = 18
    chart.title = "Pengaruh (6) vs risiko (7) per kelompok peran"
    first, last = ap.PETA_ROW0, ap.PETA_ROW0 + ap.PETA_CAPACITY - 1
    for g, role in enumerate(sk.ROLES):
        c = ap.PETA_SERIES_COL0 + 3 * g
        x = Reference(ws, min_col=c, min_row=first, max_row=last)
        y = Reference(ws, min_col=c + 1, min_row=first, max_row=last)
        z = Reference(ws, min_col=c + 2, min_row=first, max_row=last)
        s = Series(values=y, xvalues=x, zvalues=z, title=role)
        s.graphicalProperties.solidFill = ROLE_COLORS[g]
        s.dLbls = DataLabelList()
        s.dLbls.showBubbleSize = True
        for attr in ("showVal", "showSerName", "showCatName", "showLegendKey"):
            setattr(s.dLbls, attr, False)
        chart.series.append(s)
    for k, (key, (short, _)) in enumerate(sk.QUADRANTS.items()):
        r = ap.REF_QUAD_ROW0 + k
        s = Series(values=Reference(ws.parent[ap.REFERENSI], min_col=4, min_row=r),
                   xvalues=Reference(ws.parent[ap.REFERENSI], min_col=3, min_row=r),
                   zvalues=Reference(ws.parent[ap.REFERENSI], min_col=6, min_row=r),
                   title_from_data=False, title=short)
        s.graphicalProperties.noFill = True
        s.graphicalProperties.line.noFill = True
        s.dLbls = DataLabelList()
        s.dLbls.showSerName = True
        for attr in ("showVal", "showBubbleSize", "showCatName", "showLegendKey"):
            setattr(s.dLbls, attr, False)
        chart.series.append(s)
    chart.bubbleScale = 40
    chart.x_axis.title = "Kekuatan pengaruh: Skor (6) = (3)+(4)+(5)"
    chart.y_axis.title = "Risiko (7)"
    chart.x_axis.scaling.min, chart.x_axis.scaling.max = 2.5, 12.5
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0.5, 4.5
    chart.x_axis.majorUnit, chart.y_axis.majorUnit = 1, 1
    # the axes cross at the quadrant borders: influence 7.5, risk 2.5
    chart.x_axis.crossesAt = 7.5
    chart.y_axis.crossesAt = 2.5
    chart.x_axis.tickLblPos = chart.y_axis.tickLblPos = "low"
    chart.x_axis.delete = chart.y_axis.delete = False
    chart.legend.position = "b"
    from openpyxl.chart.legend import LegendEntry

    chart.legend.legendEntry = [LegendEntry(idx=len(sk.ROLES) + k, delete=True)
                                for k in range(len(sk.QUADRANTS))]
    chart.height, chart.width = 12, 22
    ws.add_chart(chart, "A3")
    col = 15
    header_cell(ws, 3, col, "Kuadran")
    header_cell(ws, 3, col + 1, "Apa yang dilakukan")
    for k, (key, (short, long)) in enumerate(sk.QUADRANTS.items()):
        c = ws.cell(row=4 + k, column=col, value=short)
        c.font, c.alignment = Font(bold=True), WRAP
        ws.cell(row=4 + k, column=col + 1, value=long).alignment = WRAP
        ws.row_dimensions[4 + k].height = 48
    ws.cell(row=9, column=col, value=f"Pengaruh besar: Skor (6) ≥ {sk.HIGH_INFLUENCE}; risiko "
            f"besar: Resiko (7) ≥ {sk.HIGH_RISK} (keputusan produk, lihat Referensi)."
            ).alignment = WRAP
    ws.merge_cells(start_row=9, start_column=col, end_row=9, end_column=col + 1)
    ws.row_dimensions[9].height = 32
    ws.column_dimensions[L(col)].width = 20
    ws.column_dimensions[L(col + 1)].width = 50
    ws.cell(row=ap.PETA_DATA_TITLE, column=1,
            value="Data grafik (diisi tombol Hitung)").font = Font(bold=True)
    for c, h in enumerate(ap.PETA_HEADERS, start=1):
        if h:
            header_cell(ws, ap.PETA_HEADER, c, h)
    for c, w in enumerate([16, 8, 8, 8, 40, 2] + [8] * 9, start=1):
        if c < col:
            ws.column_dimensions[L(c)].width = w
    print_setup(ws, landscape=True)
    protect_sheet(ws)


def _referensi(ws: Any) -> None:
    sheet_title(ws, "REFERENSI — daftar pilihan, kuadran dan aturan")
    wb = ws.parent
    for col, head, values in [(1, "Peran dalam Pokja", sk.ROLES),
                              (3, "Tanda check", sk.MARKS)]:
        header_cell(ws, ap.REF_ROLES_ROW - 1, col, head)
        for i, v in enumerate(values):
            ws.cell(row=ap.REF_ROLES_ROW + i, column=col, value=v)
    header_cell(ws, ap.REF_RINGS_ROW - 1, 5, "Ring (Tabel 2-1)")
    header_cell(ws, ap.REF_RINGS_ROW - 1, 6, "Keterangan")
    for i, (ring, text) in enumerate(zip(sk.RINGS, ap.RING_TEXT)):
        ws.cell(row=ap.REF_RINGS_ROW + i, column=5, value=ring)
        ws.cell(row=ap.REF_RINGS_ROW + i, column=6, value=text).alignment = WRAP
    header_cell(ws, ap.REF_INST_HEADER, 8, "Lembaga (daftar sumber; boleh ditambah)")
    for i, name in enumerate(ap.INSTITUTIONS):
        c = ws.cell(row=ap.REF_INST_ROW0 + i, column=8, value=name)
        c.protection, c.fill = UNLOCKED, INPUT_FILL
    n_inst_rows = len(ap.INSTITUTIONS) + 30  # room for the user's own institutions
    for i in range(len(ap.INSTITUTIONS), n_inst_rows):
        c = ws.cell(row=ap.REF_INST_ROW0 + i, column=8)
        c.protection, c.fill = UNLOCKED, INPUT_FILL
    names = {
        ap.NAME_ROLES: f"{ap.REFERENSI}!$A${ap.REF_ROLES_ROW}:$A${ap.REF_ROLES_ROW + 2}",
        ap.NAME_MARKS: f"{ap.REFERENSI}!$C${ap.REF_MARKS_ROW}:$C${ap.REF_MARKS_ROW + 3}",
        ap.NAME_RINGS: f"{ap.REFERENSI}!$E${ap.REF_RINGS_ROW}:$E${ap.REF_RINGS_ROW + 2}",
        ap.NAME_INST: f"{ap.REFERENSI}!$H${ap.REF_INST_ROW0}:$H$"
                      f"{ap.REF_INST_ROW0 + n_inst_rows - 1}",
    }
    for k, v in names.items():
        wb.defined_names[k] = DefinedName(k, attr_text=v)
    heads = ["Kuadran", "Pengaruh besar?", "x (pusat)", "y (pusat)", "Apa yang dilakukan",
             "ukuran"]
    for c, h in enumerate(heads, start=1):
        if c != 2:
            header_cell(ws, ap.REF_QUAD_HEADER, c, h)
    header_cell(ws, ap.REF_QUAD_HEADER, 2, "Pengaruh / risiko")
    centers = {(True, False): (10.0, 1.5), (True, True): (10.0, 3.5),
               (False, False): (5.0, 1.5), (False, True): (5.0, 3.5)}
    for k, (key, (short, long)) in enumerate(sk.QUADRANTS.items()):
        r = ap.REF_QUAD_ROW0 + k
        ws.cell(row=r, column=1, value=short)
        ws.cell(row=r, column=2, value=("besar" if key[0] else "kecil") + " / " +
                ("besar" if key[1] else "kecil"))
        ws.cell(row=r, column=3, value=centers[key][0])
        ws.cell(row=r, column=4, value=centers[key][1])
        ws.cell(row=r, column=5, value=long).alignment = WRAP
        ws.cell(row=r, column=6, value=0.001)
        ws.row_dimensions[r].height = 45
    rules = [
        "Aturan yang dipakai:",
        "1. Kolom (3)–(5) dan (7): bilangan bulat 1–4. Kosong = belum dinilai (bukan nol). "
        "Teks, pecahan atau angka di luar 1–4 dicatat di sheet Masalah dan tidak dihitung.",
        "2. (6) Skor = (3)+(4)+(5), 3–12. (8) Nilai akhir = (6) − (7), −1 sampai 11; nilai "
        "negatif diberi warna.",
        "3. Peringkat di dalam setiap kelompok peran (Pengurus Inti, Anggota Pengurus, Mitra "
        "Pokja), dari nilai akhir terbesar. Nilai sama mendapat peringkat sama (1, 2, 2, 4) "
        "dan ditandai SAMA; urutan baris tidak memutuskan.",
        "4. Baris dengan skor yang belum lengkap: 'belum dinilai', tampil tetapi tidak "
        "diperingkat.",
        f"5. Peta pengaruh–risiko (keputusan produk, bukan dari sumber): pengaruh besar bila "
        f"Skor (6) ≥ {sk.HIGH_INFLUENCE} (titik tengah 3–12 adalah 7,5); risiko besar bila "
        f"Resiko (7) ≥ {sk.HIGH_RISK} (titik tengah 1–4 adalah 2,5).",
        "6. Tanda check: ✓, v, x atau ya (huruf besar/kecil sama). 'Bukan pelaku program' "
        "tidak digabung dengan 'Pelaku Program …' (dicatat sebagai peringatan).",
        "7. Ring (Tabel 2-1) dan Keterkaitan (Tabel 6-1) dicatat terpisah; tidak dipetakan "
        "otomatis karena sumber tidak menyamakannya.",
        "Sumber: Buku Panduan Pokja AMPL, 6.1 Memetakan Pelaku AMPL Daerah, Tabel 6-1 dan "
        "Tabel 6-2; Tabel 2-1 Level Pemangku Kepentingan AMPL.",
    ]
    r0 = ap.REF_QUAD_ROW0 + 6
    for i, text in enumerate(rules):
        c = ws.cell(row=r0 + i, column=1, value=text)
        ws.merge_cells(start_row=r0 + i, start_column=1, end_row=r0 + i, end_column=6)
        c.alignment = WRAP
        ws.row_dimensions[r0 + i].height = 32
    for c, w in zip("ABCDEFGH", [22, 16, 14, 10, 60, 8, 4, 40]):
        ws.column_dimensions[c].width = w
    ws.column_dimensions["F"].width = 50
    print_setup(ws, landscape=True)
    protect_sheet(ws)


def build(path: Path, example: bool = False) -> Path:
    from xlpokja.instruments.analisis_pemangku.examples import IDENT_ROWS, SCORE_ROWS

    id_rows = IDENT_ROWS if example else None
    sc_rows = SCORE_ROWS if example else None
    n_id = max(ap.IDENT_TABLE.min_rows, len(id_rows or []))
    n_sc = max(ap.SCORE_TABLE.min_rows, len(sc_rows or []))
    wb = Workbook()
    wb.remove(wb.active)
    for name in ap.SHEETS:
        wb.create_sheet(name)
    _petunjuk(wb[ap.PETUNJUK])
    _identifikasi(wb[ap.IDENT], n_id, id_rows)
    _analisis(wb[ap.ANALISIS], n_sc, sc_rows)
    _hasil(wb[ap.HASIL])
    _referensi(wb[ap.REFERENSI])
    _peta(wb[ap.PETA])
    shared_sheets(wb[ap.REFERENSI], wb[ap.MASALAH])
    write_layout(wb, ap.formula_cells((n_id, n_sc)), ap.extents((n_id, n_sc)))
    wb.active = wb.sheetnames.index(ap.ANALISIS)
    return save_workbook(wb, path, ap.TEMPLATE_ID, ap.TEMPLATE_VERSION,
                         "Analisis Pemangku Kepentingan AMPL")


__all__ = ["build"]


BUILDS = {
    ap.FILE_NAME: lambda p: build(p),
    "contoh_" + ap.FILE_NAME: lambda p: build(p, example=True),
}
