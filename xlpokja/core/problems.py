"""Input problems (*masalah*): collected, never raised one at a time.

Every problem names the sheet and cell, what was expected and what was found,
and carries a stable code (decisions.md §4). Messages are Indonesian by
default, English on request.
"""

from __future__ import annotations

import contextvars
import re
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"

# code -> (Indonesian template, English template). Placeholders: {expected}, {found}.
MESSAGES: dict[str, tuple[str, str]] = {
    "NILAI_BUKAN_ANGKA": (
        "Nilai harus {expected}, ditemukan teks {found}; jawaban ini tidak dihitung.",
        "Value must be {expected}, found text {found}; this answer is not counted.",
    ),
    "NILAI_DI_LUAR_SKALA": (
        "Nilai harus {expected}, ditemukan {found}; jawaban ini tidak dihitung.",
        "Value must be {expected}, found {found}; this answer is not counted.",
    ),
    "NILAI_BUKAN_BULAT": (
        "Nilai harus {expected}, ditemukan pecahan {found}; jawaban ini tidak dihitung.",
        "Value must be {expected}, found fraction {found}; this answer is not counted.",
    ),
    "NILAI_ERROR": (
        "Nilai harus {expected}, ditemukan galat Excel {found}; jawaban ini tidak dihitung.",
        "Value must be {expected}, found Excel error {found}; this answer is not counted.",
    ),
    "HITUNG_DIHENTIKAN": (
        "Hitung dihentikan: {found} masukan berisi galat Excel, angka yang tidak sah atau "
        "rumus tanpa hasil (harus {expected}). Excel sendiri menampilkan galat pada hasil yang "
        "memakainya, jadi tidak ada hasil yang ditulis. Perbaiki sel berikut, lalu tekan Hitung "
        "lagi; berkas masukan tidak diubah.",
        "Hitung stopped: {found} of input hold an Excel error, an invalid number or a formula "
        "without a result (must be {expected}). Excel itself shows errors in the results that "
        "use them, so no result is written. Fix the cells below, then press Hitung again; the "
        "input file is unchanged.",
    ),
    "TANGGAL_SEBAGAI_ANGKA": (
        "Sel berisi tanggal; Excel menghitungnya sebagai angka seri {found}, dan begitu pula "
        "di sini (harus {expected}). Ketik angkanya bila tanggal itu tidak disengaja.",
        "The cell holds a date; Excel computes with its serial number {found}, and so is it "
        "done here (it must be {expected}). Type the number if the date was not intended.",
    ),
    "SEL_GALAT": (
        "Sel masukan berisi galat Excel {found} (harus {expected}); sel ini tidak dihitung. "
        "Perbaiki sumbernya (mis. VLOOKUP yang tidak menemukan) atau ketik nilainya.",
        "The input cell holds the Excel error {found} (it must be {expected}); it is not "
        "counted. Fix its source (e.g. a VLOOKUP that found nothing) or type the value.",
    ),
    "ANGKA_TIDAK_SAH": (
        "Sel masukan berisi angka yang tidak dapat disimpan Excel ({found}; harus {expected}); "
        "sel ini tidak dihitung.",
        "The input cell holds a number Excel cannot store ({found}; it must be {expected}); "
        "it is not counted.",
    ),
    "TEKS_TERLALU_PANJANG": (
        "Sel masukan berisi teks {found}, melebihi batas sel Excel ({expected}); Excel akan "
        "memotong atau memperbaiki berkas. Persingkat teksnya.",
        "The input cell holds a text {found}, beyond Excel's cell limit ({expected}); Excel "
        "would cut it or repair the file. Shorten the text.",
    ),
    "RUMUS_TANPA_HASIL": (
        "Sel masukan berisi rumus {found} tanpa hasil tersimpan, jadi nilainya tidak diketahui "
        "dan tidak dihitung. Buka lalu simpan berkas di Excel atau LibreOffice (hasilnya "
        "tersimpan), atau ketik {expected}.",
        "The input cell holds the formula {found} without a stored result, so its value is "
        "unknown and not counted. Open and save the file in Excel or LibreOffice (which "
        "stores the result), or type {expected}.",
    ),
    "RUMUS_HASIL_KOSONG": (
        "Sel masukan berisi rumus {found} yang hasilnya teks kosong: sebagian rumus Excel "
        "menghitungnya terisi (COUNTA), sebagian kosong (COUNTBLANK), jadi hasilnya tidak "
        "dapat dipastikan. Ganti dengan {expected}.",
        "The input cell holds the formula {found} whose result is empty text: some Excel "
        "formulas count it as filled (COUNTA), others as blank (COUNTBLANK), so no result can "
        "be certain. Replace it with {expected}.",
    ),
    "RUMUS_DI_MASUKAN": (
        "Sel masukan berisi rumus {found}; dipakai hasil tersimpannya {expected}. Hasil "
        "tersimpan bisa usang: ganti rumus dengan nilainya (Tempel Nilai) agar pasti.",
        "The input cell holds the formula {found}; its stored result {expected} is used. A "
        "stored result can be stale: replace the formula by its value (Paste Values) to be "
        "sure.",
    ),
    "TIDAK_BERPASANGAN": (
        "Sel ini mengikuti {expected}, tetapi terakhir menampilkan {found}: baris atau kolom "
        "disisipkan atau dihapus di satu sheet saja, sehingga isian di sheet ini tidak lagi "
        "berpasangan dengan barisnya. Tidak ada yang dihitung. Sisipkan atau hapus baris/kolom "
        "yang sama di sheet ini juga (atau Urungkan), lalu tekan Hitung lagi.",
        "This cell follows {expected}, but last showed {found}: a row or column was inserted "
        "or deleted in one sheet only, so the entries on this sheet no longer pair with their "
        "row. Nothing is computed. Insert or delete the same row/column on this sheet too (or "
        "Undo), then press Hitung again.",
    ),
    "PENILAI_GANDA": (
        "Harus {expected}; {found}. Kedua baris ikut dirata-rata: hapus salah satu bila terisi "
        "dua kali.",
        "Must be {expected}; {found}. Both rows count in the mean: delete one if it was "
        "entered twice.",
    ),
    "UTAMA_GANDA": (
        "Nama kegiatan utama harus {expected}; {found}. Kegiatan pendukung mengikuti baris "
        "pertama dengan nama itu: beri nama yang berbeda.",
        "Main activity names must be {expected}; {found}. Supporting activities follow the "
        "first row with that name: give them different names.",
    ),
    "RESPONDEN_GANDA": (
        "Kode responden harus {expected}; {found} sudah dipakai. Periksa apakah lembar ini "
        "terisi dua kali: kedua baris tetap dihitung, hapus salah satunya bila memang ganda.",
        "Respondent code must be {expected}; {found} is used twice. Check whether this sheet "
        "was entered twice: both rows still count; delete one if it is a duplicate.",
    ),
    # ---- Gabung (issue 13): the same sheet twice, flagged and never dropped
    "JAWABAN_IDENTIK": (
        "Jawaban baris ini harus {expected}; {found}. Mungkin lembar yang sama masuk dua kali "
        "(formulir terkirim dua kali, atau ekspor survei digabung bersama formulirnya). Kedua "
        "baris tetap dihitung: hapus salah satunya bila memang ganda.",
        "The answers of this row must be {expected}; {found}. Perhaps the same sheet came in "
        "twice (a form sent twice, or a survey export merged beside its forms). Both rows "
        "still count: delete one if it is a duplicate.",
    ),
    "KIRIMAN_GANDA": (
        "Kiriman survei harus {expected}; {found}. Ekspor yang sama mungkin digabung dua kali "
        "atau responden mengirim dua kali. Kedua baris tetap dihitung: hapus salah satunya "
        "bila memang ganda.",
        "Survey submissions must be {expected}; {found}. The same export may have been merged "
        "twice, or the respondent submitted twice. Both rows still count: delete one if it is "
        "a duplicate.",
    ),
    "KOLOM_DIABAIKAN": (
        "Kolom ini memuat {expected}, tetapi {found} (--abaikan): jawaban butir itu dari sheet "
        "ini tidak diambil dan kosong di Jawaban. --abaikan berlaku untuk semua berkas; bila "
        "kolom ini tidak dimaksud, gabung tanpa --abaikan ini atau pakai --abaikan \"kolom C\".",
        "This column holds {expected}, but {found} (--abaikan): that item's answers of this "
        "sheet are not taken and are blank in Jawaban. --abaikan applies to every file; if "
        "this column was not meant, merge without it or use --abaikan \"kolom C\".",
    ),
    "ABAIKAN_TIDAK_COCOK": (
        "--abaikan harus {expected}; {found} tidak cocok dengan kolom mana pun (salah ketik?).",
        "--abaikan must name {expected}; {found} matches no column (a typo?).",
    ),
    "SUMBER_BERUBAH": (
        "Baris sumber ini sudah digabung dan harus {expected}, tetapi {found}: jawabannya "
        "diperbaiki di Jawaban, atau berkasnya versi baru. Tidak ditambahkan lagi (tidak "
        "dihitung dua kali). Bila berkas ini versi baru, hapus baris lama di Jawaban lalu "
        "gabung lagi.",
        "This source row was merged before and must be {expected}, but it is {found}: its "
        "answers were corrected in Jawaban, or the file is a new version. It is not added "
        "again (never counted twice). If the file is a new version, delete the old row in "
        "Jawaban and merge again.",
    ),
    "GABUNG_BUKAN_PENILAIAN_DIRI": (
        "Gabung hanya untuk buku kerja penilaian diri ({expected}); ditemukan {found}.",
        "Gabung works on self-assessment workbooks only ({expected}); found {found}.",
    ),
    "GABUNG_TANPA_SUMBER": (
        "Tidak ada berkas sumber yang dapat dibaca ({expected}); ditemukan {found}.",
        "No source file could be read ({expected}); found {found}.",
    ),
    "GABUNG_SUMBER_TANPA_JAWABAN": (
        "Berkas ini tidak berisi formulir atau tabel jawaban ({expected}); ditemukan {found}. "
        "Berkas dilewati.",
        "This file holds no form or answer table ({expected}); found {found}. It is skipped.",
    ),
    "GABUNG_SUMBER_TIDAK_TERBACA": (
        "Berkas sumber tidak dapat dibaca ({expected}): {found}. Berkas dilewati; berkas lain "
        "tetap digabung.",
        "The source file cannot be read ({expected}): {found}. It is skipped; the other files "
        "are merged.",
    ),
    "LEMBAR_TANPA_JAWABAN": (
        "Baris berisi responden tetapi tidak ada jawaban ({expected}); ditemukan {found}.",
        "Row names a respondent but has no answers ({expected}); found {found}.",
    ),
    "JUDUL_KOLOM_BERUBAH": (
        "Judul kolom harus {expected}, ditemukan {found}. Kolom disisipkan, dihapus, dipindah "
        "atau judulnya diketik ulang: tabel tidak dapat dibaca menurut kolomnya, jadi tidak ada "
        "yang dihitung. Kembalikan susunan kolom (Urungkan, atau hapus kolom sisipan) dan "
        "judulnya, lalu tekan Hitung lagi.",
        "Column header must be {expected}, found {found}. A column was inserted, deleted or "
        "moved, or the header retyped: the table cannot be read by its columns, so nothing is "
        "computed. Restore the columns (Undo, or delete the inserted column) and their headers, "
        "then press Hitung again.",
    ),
    "BUTIR_TIDAK_DIKENAL": (
        "Kolom di luar daftar butir ({expected}) berisi {found}; kolom ini tidak dihitung.",
        "A column outside the item list ({expected}) holds {found}; it is not counted.",
    ),
    "PENGATURAN_TIDAK_SAH": (
        "Pengaturan harus {expected}, ditemukan {found}; dipakai nilai bawaan.",
        "Setting must be {expected}, found {found}; the default is used.",
    ),
    "SHEET_TIDAK_ADA": (
        "Sheet {expected} tidak ditemukan; sheet yang ada: {found}. Jangan mengganti nama sheet.",
        "Sheet {expected} not found; sheets present: {found}. Do not rename sheets.",
    ),
    "BERKAS_RUSAK": (
        "Berkas tidak dapat dibaca sebagai buku kerja Excel ({expected}): {found}.",
        "The file cannot be read as an Excel workbook ({expected}): {found}.",
    ),
    "PAKET_TOMBOL": (
        "Tombol templat rusak atau hilang: {found}. Tekan Hitung di Excel atau jalankan "
        "`xlpokja recalc`: tombol dibuat ulang sesuai templat{expected}.",
        "The template's buttons are damaged or missing: {found}. Press Hitung in Excel or run "
        "`xlpokja recalc`: the buttons are rebuilt from the template{expected}.",
    ),
    "KELUARAN_TIDAK_DAPAT_DITULIS": (
        "Hasil tidak dapat ditulis ke {expected}: {found}. Pilih folder lain dengan -o; "
        "berkas masukan tidak diubah.",
        "The result cannot be written to {expected}: {found}. Choose another folder with -o; "
        "the input file is unchanged.",
    ),
    "KELUARAN_TANPA_MAKRO": (
        "Buku kerja ini membawa makro dan tombol, jadi hasilnya harus {expected}; ditemukan "
        "{found}. Berkas .xlsx tidak dapat memuat makro.",
        "This workbook carries macros and buttons, so the result must be {expected}; found "
        "{found}. An .xlsx file cannot hold macros.",
    ),
    "KELUARAN_SAMA_DENGAN_MASUKAN": (
        "Hasil akan menimpa berkas masukan ({found}); harus {expected}. Pakai --in-place bila "
        "memang ingin mengganti masukan (cadangan disimpan sekali).",
        "The result would overwrite the input file ({found}); it must be {expected}. Use "
        "--in-place to replace the input on purpose (a backup is kept once).",
    ),
    "BERKAS_SEDANG_DIPROSES": (
        "Berkas ini sedang diproses: {found} (harus {expected}). Tunggu sampai selesai, lalu "
        "jalankan lagi.",
        "This file is being processed: {found} (there must be {expected}). Wait until it "
        "finishes, then run again.",
    ),
    "BATAS_BARIS": (
        "Ditemukan {found}; xlpokja membaca {expected} (sebuah Pokja punya 15–30 anggota). "
        "Tidak ada yang dihitung. Hapus baris kosong berformat di bawah tabel, kembalikan nama "
        "tabel ke barisnya, atau bagi data ke beberapa buku kerja.",
        "Found {found}; xlpokja reads {expected} (a Pokja has 15–30 members). Nothing is "
        "computed. Delete formatted empty rows below the table, set the table's name back to "
        "its rows, or split the data into several workbooks.",
    ),
    "TEKAN_HITUNG": (
        "Isian berubah sejak Hitung terakhir: {found} (harus {expected}). Tekan Hitung (atau "
        "xlpokja recalc); rumus diperiksa pada salinan yang sudah dihitung.",
        "The entries changed since the last Hitung: {found} (must be {expected}). Press Hitung "
        "(or xlpokja recalc); the formulas were checked on a recalculated copy.",
    ),
    "WAKTU_TIDAK_SAH": (
        "Waktu (--waktu) harus {expected}; ditemukan {found}. Tidak ada yang ditulis.",
        "The time (--waktu) must be {expected}; found {found}. Nothing is written.",
    ),
    "MASUKAN_HANYA_BACA": (
        "--in-place mengganti berkas masukan, tetapi berkas itu {found} (harus {expected}). "
        "Tulis hasil ke berkas lain dengan -o, atau ubah izin berkas lebih dulu.",
        "--in-place replaces the input file, but it is {found} (it must be {expected}). Write "
        "the result to another file with -o, or change the file's permissions first.",
    ),
    "TEMPLATE_TIDAK_DIKENAL": (
        "Buku kerja bukan templat xlpokja yang dikenal ({expected}); ditemukan {found}.",
        "The workbook is not a known xlpokja template ({expected}); found {found}.",
    ),
    "PERAN_TIDAK_DIKENAL": (
        "Peran dalam Pokja harus {expected}, ditemukan {found}; baris ini tidak dihitung "
        "dan tidak diperingkat.",
        "Role in the Pokja must be {expected}, found {found}; this row is not counted or "
        "ranked.",
    ),
    "PERAN_KOSONG": (
        "Baris berisi data tetapi Peran dalam Pokja kosong (harus {expected}); baris ini "
        "tidak dihitung dan tidak diperingkat.",
        "The row holds data but its role is blank (must be {expected}); it is not counted "
        "or ranked.",
    ),
    "NAMA_KOSONG": (
        "Baris berisi data tetapi {expected} kosong; ditemukan {found}.",
        "The row holds data but {expected} is blank; found {found}.",
    ),
    "NAMA_GANDA": (
        "Nama sebaiknya unik dalam satu kelompok peran ({expected}); {found}.",
        "Names should be unique within a role group ({expected}); {found}.",
    ),
    "TANDA_TIDAK_SAH": (
        "Tanda check harus {expected}, ditemukan {found}; tanda ini tidak dihitung.",
        "A check mark must be {expected}, found {found}; this mark is not counted.",
    ),
    "TANDA_BERTENTANGAN": (
        "'Bukan pelaku program' tidak dapat digabung dengan {expected}; ditemukan {found}.",
        "'Not a programme actor' cannot be combined with {expected}; found {found}.",
    ),
    "RING_TIDAK_DIKENAL": (
        "Ring harus {expected}, ditemukan {found}; isian ini diabaikan.",
        "Ring must be {expected}, found {found}; this entry is ignored.",
    ),
    "GRAFIK_PENUH": (
        "Grafik memuat paling banyak {expected}; ditemukan {found}. Sisanya tetap ada di "
        "daftar, tidak di grafik.",
        "The chart holds at most {expected}; found {found}. The rest are in the list, not "
        "on the chart.",
    ),
    "RUMUS_BERBEDA": (
        "Hasil rumus harus {expected} (dihitung inti xlpokja), mesin rumus memberi {found}.",
        "Formula result must be {expected} (xlpokja core), the formula engine gave {found}.",
    ),
    "RUMUS_BELUM_DIPERLUAS": (
        "Rumus harus mencakup data yang ada ({expected}), tetapi baru mencakup {found}: data "
        "ditambahkan sesudah Hitung terakhir. Tekan Hitung atau jalankan `xlpokja recalc`.",
        "The formulas must cover the data present ({expected}) but cover only {found}: data "
        "was added after the last Hitung. Press Hitung or run `xlpokja recalc`.",
    ),
    "RUMUS_GALAT": (
        "Sel rumus harus berisi hasil ({expected}), ditemukan galat {found}.",
        "Formula cell must hold a result ({expected}), found error {found}.",
    ),
    # weighted aspect assessment (asesmen)
    "BOBOT_TIDAK_100": (
        "Jumlah bobot aspek harus {expected}, ditemukan {found}; tidak ada nilai total untuk "
        "unit mana pun (bobot tidak dinormalkan diam-diam).",
        "Aspect weights must sum to {expected}, found {found}; no unit gets a total (weights "
        "are never silently normalised).",
    ),
    "BOBOT_TIDAK_SAH": (
        "Bobot aspek harus {expected}, ditemukan {found}; tidak ada nilai total untuk unit "
        "mana pun.",
        "An aspect weight must be {expected}, found {found}; no unit gets a total.",
    ),
    "ASPEK_TIDAK_DIKENAL": (
        "Aspek indikator harus salah satu aspek di sheet Bobot ({expected}), ditemukan "
        "{found}; nilai pada kolom ini tidak masuk aspek mana pun.",
        "An indicator's aspect must be one of the aspects on sheet Bobot ({expected}), found "
        "{found}; the scores in this column count for no aspect.",
    ),
    "ASPEK_TANPA_INDIKATOR": (
        "Aspek {expected} tidak memiliki indikator di sheet Penilaian ({found}); tidak ada "
        "unit yang mendapat nilai total.",
        "Aspect {expected} has no indicator on sheet Penilaian ({found}); no unit gets a "
        "total.",
    ),
    "ASPEK_KOSONG": (
        "Nama aspek di sheet Bobot harus diisi ({expected}), ditemukan {found}.",
        "An aspect name on sheet Bobot must be filled in ({expected}), found {found}.",
    ),
    "ASPEK_GANDA": (
        "Nama aspek harus unik ({expected}); {found} dipakai lebih dari sekali.",
        "Aspect names must be unique ({expected}); {found} is used more than once.",
    ),
    "ASPEK_TANPA_NILAI": (
        "Unit harus punya {expected}; ditemukan {found}. Nilai total tidak dihitung (aspek "
        "tanpa nilai tidak dianggap 0).",
        "A unit needs {expected}; found {found}. No total is computed (an aspect without "
        "scores is never counted as 0).",
    ),
    "NILAI_TANPA_INDIKATOR": (
        "Kolom berisi nilai tetapi bukan indikator: harus ada {expected}; ditemukan {found}. "
        "Nilai di kolom ini tidak dihitung.",
        "A column holds scores but is not an indicator: it needs {expected}; found {found}. "
        "Its scores are not counted.",
    ),
    "KODE_GANDA": (
        "Kode sebaiknya unik ({expected}); ditemukan {found} lebih dari sekali.",
        "Codes should be unique ({expected}); found {found} more than once.",
    ),
    "UNIT_TANPA_NILAI": (
        "Baris berisi nama unit tetapi belum ada nilai (harus {expected}); ditemukan {found}. "
        "Unit ini tidak diperingkat.",
        "The row names a unit but holds no score (expected {expected}); found {found}. The "
        "unit is not ranked.",
    ),
    "UNIT_TANPA_NAMA": (
        "Baris berisi nilai tetapi {expected} kosong; ditemukan {found}.",
        "The row holds scores but the {expected} is blank; found {found}.",
    ),
    "UNIT_GANDA": (
        "Nama unit sebaiknya unik ({expected}); {found}. Periksa apakah unit ini diisi dua "
        "kali.",
        "Unit names should be unique ({expected}); {found}. Check whether the unit was "
        "entered twice.",
    ),
    "PILIHAN_UNIT_TIDAK_ADA": (
        "Unit yang dipilih harus {expected}, ditemukan {found}; ditampilkan unit peringkat 1.",
        "The chosen unit must be {expected}, found {found}; the rank-1 unit is shown.",
    ),
    # ------------------------------------------------ MCUA family (K5, K6, K7), shared
    "AKSI_TIDAK_ADA": (
        "Buku kerja ini tidak punya tombol itu; aksi yang ada: {expected}; diminta {found}.",
        "This workbook has no such button; actions offered: {expected}; asked for {found}.",
    ),
    "KRITERIA_KOSONG": (
        "Baris kriteria harus {expected}, ditemukan {found}; kriteria ini tidak dipakai.",
        "A criterion row must be {expected}, found {found}; this criterion is not used.",
    ),
    "KRITERIA_GANDA": (
        "Nama kriteria harus unik ({expected}); {found} dipakai dua kali.",
        "Criterion names must be unique ({expected}); {found} is used twice.",
    ),
    "BOBOT_KRITERIA_TIDAK_SAH": (
        "Bobot harus {expected}, ditemukan {found}; tidak ada nilai total sampai bobot "
        "diperbaiki.",
        "A weight must be {expected}, found {found}; no totals until the weight is fixed.",
    ),
    "BOBOT_KRITERIA_TIDAK_100": (
        "Jumlah bobot (persen) harus {expected}, ditemukan {found}; tidak ada nilai total "
        "(bobot tidak dinormalkan diam-diam). Perbaiki bobot atau pilih jenis bobot 'Mentah'.",
        "Percentage weights must sum to {expected}, found {found}; no totals (weights are never "
        "silently normalised). Fix the weights or choose weight type 'Mentah' (raw).",
    ),
    "BOBOT_SEMUA_NOL": (
        "Paling sedikit satu bobot harus {expected}; ditemukan {found}.",
        "At least one weight must be {expected}; found {found}.",
    ),
    "BOBOT_NOL": (
        "Kriteria dengan bobot 0 tidak ikut menentukan urutan ({expected}); ditemukan {found}.",
        "A criterion weighted 0 plays no part in the ranking ({expected}); found {found}.",
    ),
    "BOBOT_BERUBAH": (
        "Kriteria dan bobot sudah dikunci ({expected}), tetapi sekarang {found}; tidak ada "
        "nilai total. Kembalikan isian yang dikunci, atau Buka kunci lalu Kunci bobot lagi.",
        "Criteria and weights were locked ({expected}) but now {found}; no totals. Restore "
        "the locked entries, or unlock and lock again.",
    ),
    "BOBOT_BELUM_DIKUNCI": (
        "Bobot sebaiknya {expected} sebelum kelompok menilai; ditemukan {found}.",
        "Weights should be {expected} before groups score; found {found}.",
    ),
    "SKOR_KOSONG": (
        "Skor harus {expected}, ditemukan sel kosong; baris ini tidak dihitung sampai "
        "semua kriteria dinilai (kosong bukan nol).",
        "A score must be {expected}, found a blank cell; this row is not counted until every "
        "criterion is scored (blank is not zero).",
    ),
    "SKALA_TIDAK_SAH": (
        "Skala skor harus {expected}, ditemukan {found}; dipakai skala bawaan.",
        "The score scale must be {expected}, found {found}; the default scale is used.",
    ),
    "KRITERIA_KONSTAN": (
        "Kriteria ini memberi skor yang sama untuk semua pilihan ({expected}); ditemukan "
        "{found}: kriteria ini tidak membedakan apa pun.",
        "This criterion gives every option the same score ({expected}); found {found}: it "
        "does not discriminate.",
    ),
    "PUTARAN_TIDAK_PERLU": (
        "Putaran seri dibuat hanya untuk {expected}; ditemukan {found}.",
        "A tie round is made only for {expected}; found {found}.",
    ),
    "PUTARAN_KEDALUWARSA": (
        "Putaran seri ini untuk {expected}, tetapi sekarang {found}; hasilnya tidak dipakai.",
        "This tie round was for {expected}, but now {found}; its result is not used.",
    ),
    # ------------------------------------------------ STPP MCUA (K5)
    "USULAN_TANPA_KODE": (
        "Setiap usulan perlu {expected}; ditemukan {found}. Tanpa kode usulan ini tidak dapat "
        "dinilai.",
        "Every proposed action needs {expected}; found {found}. Without a code it cannot be "
        "scored.",
    ),
    "KODE_USULAN_TIDAK_SAH": (
        "Kode usulan harus {expected}; ditemukan {found} (Excel membaca tanda itu sebagai "
        "operator).",
        "An action code must be {expected}; found {found} (Excel reads that sign as an "
        "operator).",
    ),
    "KELOMPOK_TIDAK_DIKENAL": (
        "Kelompok harus salah satu dari {expected}; ditemukan {found}; usulan ini tidak "
        "dihitung.",
        "The group must be one of {expected}; found {found}; this action is not counted.",
    ),
    "SKOR_TANPA_USULAN": (
        "Baris skor perlu {expected}; ditemukan {found}; baris ini tidak dihitung.",
        "A score row needs {expected}; found {found}; this row is not counted.",
    ),
    "USULAN_TIDAK_DIKENAL": (
        "Kode harus {expected}; ditemukan {found}; baris ini tidak dihitung.",
        "The code must be {expected}; found {found}; this row is not counted.",
    ),
    "USULAN_KELOMPOK_LAIN": (
        "Sheet ini untuk {expected}; ditemukan {found}; baris ini tidak dihitung. Nilai "
        "usulan itu di sheet kelompoknya.",
        "This sheet is for {expected}; found {found}; this row is not counted. Score that "
        "action on its own group's sheet.",
    ),
    "USULAN_BELUM_DINILAI": (
        "Usulan perlu {expected}; ditemukan {found}; usulan ini belum punya total.",
        "The action needs {expected}; found {found}; it has no total yet.",
    ),
    "SKOR_TANPA_KRITERIA": (
        "Kolom ini tidak punya kriteria ({expected}); ditemukan {found}; sel ini tidak "
        "dihitung.",
        "This column has no criterion ({expected}); found {found}; the cell is not counted.",
    ),
    # ------------------------------------------------ Matriks pemeringkatan (K6)
    "ISU_TANPA_NAMA": (
        "Baris berisi {found} tetapi {expected} kosong; baris ini tidak ikut diperingkat.",
        "The row holds {found} but the {expected} is blank; it is not ranked.",
    ),
    "ISU_GANDA": (
        "Nama isu sebaiknya unik ({expected}); {found}. Periksa apakah isu ini tercatat dua "
        "kali oleh kelompok yang berbeda.",
        "Issue names should be unique ({expected}); {found}. Check whether two groups "
        "recorded the same issue.",
    ),
    "ISU_BELUM_DINILAI": (
        "Isu perlu {expected}; ditemukan {found}; isu ini belum diperingkat.",
        "The issue needs {expected}; found {found}; it is not ranked yet.",
    ),
    "SKOR_TANPA_ISU": (
        "Skor hanya untuk baris yang punya {expected}; ditemukan {found}; skor ini tidak "
        "dihitung.",
        "Scores belong to rows that have {expected}; found {found}; these scores are not "
        "counted.",
    ),
    "PASANGAN_TIDAK_SAH": (
        "Pemenang pasangan ini harus nomor {expected} (angka); ditemukan {found}; "
        "perbandingan ini belum dihitung.",
        "The winner of this pair must be number {expected} (a number); found {found}; the "
        "comparison is not counted yet.",
    ),
    "PASANGAN_BERTENTANGAN": (
        "Sel segitiga bawah hanya salinan pemeriksa: harus {expected}; ditemukan {found}. "
        "Perbandingan ini tidak dihitung sampai keduanya sama (atau sel bawah dikosongkan).",
        "A lower-triangle cell is only a check copy: it must be {expected}; found {found}. "
        "The comparison is not counted until both agree (or the lower cell is cleared).",
    ),
    "PASANGAN_ISU_KOSONG": (
        "Sel ini harus {expected}; ditemukan {found}; isian diabaikan.",
        "This cell must be {expected}; found {found}; the entry is ignored.",
    ),
    "PASANGAN_DIAGONAL": (
        "Diagonal (isu dengan dirinya sendiri) harus {expected}; ditemukan {found}; isian "
        "diabaikan.",
        "The diagonal (an issue against itself) must be {expected}; found {found}; the entry "
        "is ignored.",
    ),
    "PASANGAN_BELUM_LENGKAP": (
        "Matriks berpasangan perlu {expected}; ditemukan {found}. Peringkat berpasangan dan "
        "isu utama belum ditetapkan sampai semua pasangan dibandingkan.",
        "The pairwise matrix needs {expected}; found {found}. No pairwise ranking and no main "
        "issue until every pair is compared.",
    ),
    "SERI_PEMENANG_TIDAK_SAH": (
        "Pemenang dalam putaran seri harus nomor {expected}; ditemukan {found}; putaran ini "
        "belum lengkap.",
        "The winner in a tie round must be number {expected}; found {found}; the round is "
        "not complete.",
    ),
    "SERI_BELUM_LENGKAP": (
        "Putaran seri perlu {expected}; ditemukan {found}; hasilnya belum dipakai.",
        "The tie round needs {expected}; found {found}; its result is not used yet.",
    ),
    "SERI_PASANGAN_GANDA": (
        "Putaran seri harus memuat {expected}; ditemukan {found}; hasilnya tidak dipakai. "
        "Buat putaran baru dengan tombol Putaran seri.",
        "A tie round must hold {expected}; found {found}; its result is not used. Make a new "
        "round with the Putaran seri button.",
    ),
    "SERI_BELUM_SELESAI": (
        "Lengkapi dulu {expected} sebelum membuat putaran baru; ditemukan {found}.",
        "First complete {expected} before making a new round; found {found}.",
    ),
    # ------------------------------------------------ Prioritas MPS (K7)
    "KEGIATAN_TANPA_NAMA": (
        "Baris berisi data tetapi {expected} {found}; baris ini tetap dihitung, beri nama "
        "agar dapat dipilih sebagai kegiatan utama di sheet Pendukung.",
        "The row holds data but the {expected} is {found}; it is still computed; name it so "
        "that it can be chosen as a main activity on sheet Pendukung.",
    ),
    "KEGIATAN_GANDA": (
        "Setiap baris harus berisi {expected}; {found} dipakai lebih dari sekali. Kegiatan "
        "pendukung selalu mengikuti baris pertama dengan nama itu.",
        "Each row must hold a {expected}; {found} is used more than once. Supporting "
        "activities always follow the first row with that name.",
    ),
    "KEGIATAN_JENIS_KOSONG": (
        "Jenis kegiatan harus {expected}, ditemukan {found}.",
        "The activity type must be {expected}, found {found}.",
    ),
    "KEGIATAN_JENIS_TIDAK_DIKENAL": (
        "Jenis kegiatan harus {expected}, ditemukan {found}.",
        "The activity type must be {expected}, found {found}.",
    ),
    "KEGIATAN_BELUM_DINILAI": (
        "Kegiatan utama perlu {expected}; ditemukan {found}. Kegiatan ini belum "
        "diperingkat.",
        "A main activity needs {expected}; found {found}. It is not ranked yet.",
    ),
    "SUBSEKTOR_KOSONG": (
        "Sub-sektor harus {expected}, ditemukan {found}; kegiatan ini tidak diperingkat.",
        "The sub-sector must be {expected}, found {found}; this activity is not ranked.",
    ),
    "SUBSEKTOR_TIDAK_DIKENAL": (
        "Sub-sektor harus {expected}, ditemukan {found}; kegiatan ini tidak diperingkat.",
        "The sub-sector must be {expected}, found {found}; this activity is not ranked.",
    ),
    "PENDUKUNG_NAMA_KOSONG": (
        "Baris berisi kegiatan utama tetapi {expected} {found}.",
        "The row names a main activity but the {expected} is {found}.",
    ),
    "PENDUKUNG_UTAMA_KOSONG": (
        "Kegiatan pendukung harus menyebut {expected}; ditemukan {found}. Tanpa kegiatan "
        "utama tidak ada peringkat.",
        "A supporting activity must name a {expected}; found {found}. Without a main "
        "activity it has no rank.",
    ),
    "PENDUKUNG_UTAMA_TIDAK_ADA": (
        "Kegiatan utama harus {expected}; {found} tidak ada di sana. Kegiatan pendukung ini "
        "tidak mendapat peringkat.",
        "The main activity must be a {expected}; {found} is not there. This supporting "
        "activity gets no rank.",
    ),
    "PENDUKUNG_UTAMA_NON_INFRASTRUKTUR": (
        "Sumber hanya mengatur kegiatan pendukung dari {expected}; {found} adalah kegiatan "
        "non-infrastruktur. Peringkatnya tetap diwarisi: periksa apakah memang demikian.",
        "The source only covers supporting activities of an {expected}; {found} is "
        "non-infrastructure. The rank is still inherited: check that this is intended.",
    ),
    "PENDUKUNG_UTAMA_TANPA_PERINGKAT": (
        "Kegiatan pendukung mewarisi peringkat dari {expected}; {found} belum berperingkat, "
        "jadi kegiatan pendukung ini juga belum.",
        "A supporting activity inherits the rank of a {expected}; {found} has no rank yet, "
        "so neither does this supporting activity.",
    ),
    # ------------------------------------------------ the package as Excel opens it
    # (xlpokja/hosts/headless/package_check.py): sheet = the part, cell = the element
    "PAKET_XML_RUSAK": (
        "Bagian paket ini harus {expected}; ditemukan: {found}. Excel tidak dapat membuka "
        "berkas ini.",
        "This package part must be {expected}; found: {found}. Excel cannot open the file.",
    ),
    "PAKET_TIPE_KONTEN": (
        "Tipe konten harus {expected}; ditemukan: {found}. Excel menolak membuka berkas ini "
        "(\"format atau ekstensi berkas tidak sah\").",
        "The content type must be {expected}; found: {found}. Excel refuses to open the file "
        "(\"file format or file extension is not valid\").",
    ),
    "PAKET_VBA_HILANG": (
        "Buku kerja .xlsm harus memuat proyek VBA ({expected}); ditemukan: {found}. Makro dan "
        "tombol (Hitung dan lainnya) sudah hilang: berkas ini pernah disimpan sebagai .xlsx "
        "atau oleh program yang membuang makro. Cara memulihkan: buka templat asli (folder "
        "workbooks/, atau buat ulang dengan `xlpokja build`) dan salin isian ke sana; sampai "
        "itu, hasil tetap dapat dihitung tanpa tombol dengan `xlpokja recalc`.",
        "An .xlsm workbook must hold a VBA project ({expected}); found: {found}. The macros "
        "and the buttons (Hitung and the others) are gone: the file was saved as .xlsx or by "
        "a program that drops macros. To recover: open the original template (folder "
        "workbooks/, or make it again with `xlpokja build`) and copy the entries into it; "
        "until then `xlpokja recalc` still computes the results without buttons.",
    ),
    "PAKET_URUTAN_BARIS": (
        "Baris harus berurutan naik: {expected}; ditemukan: {found}. Excel akan menawarkan "
        "perbaikan dan dapat membuang isi sel.",
        "Rows must be in increasing order: {expected}; found: {found}. Excel offers to repair "
        "the file and may drop cells.",
    ),
    "PAKET_URUTAN_SEL": (
        "Sel harus berurutan naik per kolom: {expected}; ditemukan: {found}. Excel akan "
        "menawarkan perbaikan dan dapat membuang isi sel.",
        "Cells must be in increasing column order: {expected}; found: {found}. Excel offers to "
        "repair the file and may drop cells.",
    ),
    "PAKET_NAMA_TIDAK_SAH": (
        "Nama terdefinisi harus {expected}; ditemukan: {found}. Excel akan memperbaiki berkas "
        "dan membuang nama ini.",
        "A defined name must be {expected}; found: {found}. Excel repairs the file and drops "
        "the name.",
    ),
    "PAKET_NAMA_GANDA": (
        "Nama terdefinisi harus unik: {expected}; ditemukan: {found}. Excel akan memperbaiki "
        "berkas dan membuang salinannya (misalnya judul cetak).",
        "A defined name must be unique: {expected}; found: {found}. Excel repairs the file and "
        "drops the copies (print titles, for instance).",
    ),
    "PAKET_TARGET_HILANG": (
        "Relasi harus menunjuk ke {expected}; ditemukan: {found}. Excel akan memperbaiki "
        "berkas dan membuang bagian yang merujuknya.",
        "A relationship must point to {expected}; found: {found}. Excel repairs the file and "
        "drops what refers to it.",
    ),
    "PAKET_ID_RELASI_GANDA": (
        "Relasi harus punya {expected}; ditemukan: {found}.",
        "A relationship must have an {expected}; found: {found}.",
    ),
    "PAKET_ID_SHEET_GANDA": (
        "Setiap sheet harus punya {expected}; ditemukan: {found}. Excel akan memperbaiki "
        "berkas.",
        "Every sheet must have a {expected}; found: {found}. Excel repairs the file.",
    ),
    "PAKET_NAMA_SHEET": (
        "Nama sheet harus {expected}; ditemukan: {found}. Excel akan memperbaiki berkas.",
        "A sheet name must be {expected}; found: {found}. Excel repairs the file.",
    ),
    "PAKET_ID_BENTUK": (
        "Tombol/kontrol formulir perlu {expected}; ditemukan: {found}. Excel atau LibreOffice "
        "dapat menghilangkan tombol ini.",
        "A form button/control needs {expected}; found: {found}. Excel or LibreOffice may "
        "lose the button.",
    ),
    "PAKET_VALIDASI_PANJANG": (
        "Batas rumus validasi data: {expected}; ditemukan: {found}. Excel akan membuang "
        "validasi ini.",
        "Data-validation formula limit ({expected}); found: {found}. Excel drops the "
        "validation.",
    ),
    "PAKET_RUMUS_PANJANG": (
        "Batas rumus sel: {expected}; ditemukan: {found}. Excel akan memperbaiki berkas dan "
        "membuang rumus ini.",
        "Cell formula limit ({expected}); found: {found}. Excel repairs the file and drops "
        "the formula.",
    ),
    "PAKET_TEKS_PANJANG": (
        "Batas teks sel: {expected}; ditemukan: {found}. Excel akan memperbaiki berkas.",
        "Cell text limit ({expected}); found: {found}. Excel repairs the file.",
    ),
    "PAKET_ANGKA_TIDAK_SAH": (
        "Nilai angka sel harus {expected}; ditemukan: {found} (NaN dan tak hingga bukan nilai "
        "sel Excel). Excel akan memperbaiki berkas.",
        "A number cell must hold a {expected}; found: {found} (NaN and infinity are not Excel "
        "cell values). Excel repairs the file.",
    ),
    "PAKET_TEKS_BERSAMA_HILANG": (
        "Sel teks bersama harus menunjuk {expected}; ditemukan: {found}. Excel akan "
        "memperbaiki berkas.",
        "A shared-string cell must point to an {expected}; found: {found}. Excel repairs the "
        "file.",
    ),
    "PAKET_TEMUAN_LAIN": (
        "Masih ada temuan {expected} lain di bagian ini: {found}; tidak dicantumkan satu per "
        "satu.",
        "More {expected} findings in this part: {found}; not listed one by one.",
    ),
    # ------------------------------------------------ Gabung: survey exports and saved tables
    # (issue 13 item 3; xlpokja/merge/columns.py, xlpokja/merge/readers.py): sheet = the
    # source file [sheet], cell = the source cell; the source is never changed
    "KOLOM_SUMBER_TIDAK_DIKENAL": (
        "Kolom ini harus {expected}; judulnya {found}. Tidak ada yang diambil dari sheet ini, "
        "agar tidak ada jawaban yang hilang diam-diam. Ganti judul kolom di salinan sumber "
        "(kunci butir seperti A1, atau teks pernyataannya), atau lewati kolom ini dengan "
        "--abaikan \"judul\" (atau --abaikan \"kolom C\"), lalu gabung lagi.",
        "This column must be {expected}; its header is {found}. Nothing is taken from this "
        "sheet, so that no answer is lost silently. Rename the column in a copy of the source "
        "(an item key such as A1, or its statement text), or skip it with --abaikan "
        "\"header\" (or --abaikan \"kolom C\"), then merge again.",
    ),
    "BUTIR_SUMBER_GANDA": (
        "Butir {expected} dipetakan dari dua kolom: {found}. Tidak ada yang diambil dari sheet "
        "ini, karena tidak jelas kolom mana jawabannya. Ganti judul salah satu kolom di salinan "
        "sumber, atau lewati satu dengan --abaikan \"judul\", lalu gabung lagi.",
        "Item {expected} is named by two columns: {found}. Nothing is taken from this sheet, "
        "since it is unclear which column holds the answers. Rename one of them in a copy of "
        "the source, or skip one with --abaikan \"header\", then merge again.",
    ),
    "JAWABAN_SUMBER_TIDAK_SAH": (
        "Jawaban di sumber harus {expected}, ditemukan {found}. Nilai ini dibawa apa adanya ke "
        "Jawaban (tidak ada yang hilang) dan Hitung menandainya serta tidak menghitungnya; "
        "perbaiki di sumber atau di Jawaban.",
        "An answer in the source must be {expected}, found {found}. The value is carried as "
        "it is into Jawaban (nothing is lost), where Hitung flags it and does not count it; "
        "fix it in the source or in Jawaban.",
    ),
    "BARIS_SUMBER_TANPA_JAWABAN": (
        "Baris ini tidak berisi {expected}, hanya {found}; baris ini tidak diambil.",
        "This row holds no {expected}, only {found}; it is not taken.",
    ),
    "SUMBER_BUKAN_LEMBAR_KERJA": (
        "Berkas ini harus {expected}; ditemukan {found}. Berkas ini tidak dibaca.",
        "The file must be {expected}; found {found}. It is not read.",
    ),
    "SUMBER_XLS_ATAU_TERENKRIPSI": (
        "Berkas ini {found}; harus {expected}. Buka di Excel atau LibreOffice, hapus kata "
        "sandi bila ada, Simpan Sebagai .xlsx (atau CSV UTF-8), lalu gabung lagi; berkas ini "
        "tidak diubah.",
        "The file is {found}; it must be {expected}. Open it in Excel or LibreOffice, remove "
        "the password if any, Save As .xlsx (or CSV UTF-8), then merge again; the file is "
        "not changed.",
    ),
    "SUMBER_KOSONG": (
        "Berkas kosong ({found}); harus {expected}. Tidak ada yang dibaca.",
        "The file is empty ({found}); it must be {expected}. Nothing is read.",
    ),
    "SUMBER_TIDAK_TERBACA": (
        "Berkas tidak dapat dibaca sebagai {expected}: {found}. Simpan ulang sebagai CSV "
        "UTF-8 atau .xlsx, lalu gabung lagi.",
        "The file cannot be read as {expected}: {found}. Save it again as CSV UTF-8 or .xlsx, "
        "then merge again.",
    ),
    "SUMBER_ENKODING": (
        "Berkas teks ini bukan {expected}; dibaca sebagai {found}. Periksa huruf khusus pada "
        "judul dan nama; simpan sebagai \"CSV UTF-8\" agar pasti.",
        "This text file is not {expected}; it is read as {found}. Check special letters in "
        "headers and names; save it as \"CSV UTF-8\" to be sure.",
    ),
    # --- issue 13, the individual form (instruments/penilaian_diri/form.py) ---
    "FORMULIR_BUTIR_HILANG": (
        "Baris butir {expected} tidak ditemukan di kolom kode formulir ({found}), jadi jawaban "
        "formulir ini tidak dapat dibaca dengan pasti. Kembalikan baris itu (salin dari "
        "formulir kosong) atau ketik kembali kodenya.",
        "The row of item {expected} is not found in the form's code column ({found}), so the "
        "answers of this form cannot be read with certainty. Restore that row (copy it from a "
        "blank form) or type its code again.",
    ),
    "FORMULIR_BUTIR_GANDA": (
        "Kode butir {expected} ada lebih dari sekali di kolom kode formulir ({found}), jadi "
        "tidak pasti jawaban mana yang dimaksud. Hapus baris yang berlebih.",
        "Item code {expected} occurs more than once in the form's code column ({found}), so "
        "it is not certain which answer is meant. Delete the extra row.",
    ),
    # --- rekap (issue 13, items 4 and 6: xlpokja rekap, xlpokja.rollup) ---
    "REKAP_KELUARAN_ADA": (
        "Rekap tidak ditulis: berkas keluaran harus {expected}, tetapi sudah ada {found} "
        "(mungkin salah satu buku kerja masukan). Berkas itu tidak ditimpa; pilih nama lain "
        "dengan -o.",
        "The roll-up is not written: the output must be {expected}, but there is {found} "
        "(perhaps one of the input workbooks). That file is not overwritten; choose another "
        "name with -o.",
    ),
    "REKAP_DILEWATI": (
        "Berkas ini tidak ikut direkap ({found}); alasannya di baris berikutnya. Berkas lain "
        "tetap direkap.",
        "This file is left out of the roll-up ({found}); the reason is on the next lines. The "
        "other files are rolled up.",
    ),
    "REKAP_TEMPLAT_LAIN": (
        "Buku kerja templat {found} tidak direkap: rekap menerima {expected}.",
        "A workbook of template {found} is not rolled up: the roll-up takes {expected}.",
    ),
    "BERKAS_TIDAK_DITEMUKAN": (
        "Berkas atau folder tidak ditemukan: {found} (harus {expected}).",
        "File or folder not found: {found} (it must be {expected}).",
    ),
    "REKAP_TANPA_BUKU_KERJA": (
        "Tidak ada buku kerja untuk direkap (harus {expected}); ditemukan {found}. Tidak ada "
        "berkas yang ditulis.",
        "No workbook to roll up (it must be {expected}); found {found}. Nothing was written.",
    ),
    "REKAP_KELUARAN_XLSX": (
        "Berkas rekap harus {expected}; ditemukan {found}. Tidak ada berkas yang ditulis.",
        "The roll-up file must be {expected}; found {found}. Nothing was written.",
    ),
    "REKAP_TANPA_KELOMPOK_KERJA": (
        "Kelompok Kerja kosong, jadi berkas ini tidak dapat dipasangkan dengan putaran lain "
        "Pokja yang sama. Isi {expected}.",
        "Kelompok Kerja is blank, so this file cannot be paired with other rounds of the same "
        "Pokja. Fill in {expected}.",
    ),
    "REKAP_POKJA_GANDA": (
        "Kelompok Kerja, Lokasi dan Waktu yang sama ada di berkas lain ({found}): putaran yang "
        "sama tercatat dua kali, jadi putaran Pokja ini tidak dibandingkan. Hapus salah satu "
        "berkas, atau perbaiki Waktu (harus {expected}).",
        "The same Kelompok Kerja, Lokasi and Waktu are in another file ({found}): one round is "
        "recorded twice, so this Pokja's rounds are not compared. Remove one file, or correct "
        "Waktu (it must be {expected}).",
    ),
    "REKAP_URUTAN_PUTARAN": (
        "Urutan putaran Pokja ini tidak dapat ditentukan dari Waktu ({found}), jadi putarannya "
        "tidak dibandingkan (tidak ditebak). Tulis Waktu sebagai {expected}.",
        "The order of this Pokja's rounds cannot be told from Waktu ({found}), so its rounds "
        "are not compared (not guessed). Write Waktu as {expected}.",
    ),
    "REKAP_LOKASI_BERBEDA": (
        "Kelompok Kerja yang sama tercatat dengan Lokasi berbeda ({found}): dianggap Pokja "
        "berbeda dan putarannya tidak dibandingkan. Samakan Lokasi (harus {expected}) bila ini "
        "Pokja yang sama.",
        "The same Kelompok Kerja is recorded with different Lokasi ({found}): taken as "
        "different Pokja, their rounds are not compared. Write the same Lokasi (it must be "
        "{expected}) if it is the same Pokja.",
    ),
    "REKAP_BOBOT_BERBEDA": (
        "Bobot aspek berkas ini ({found}) berbeda dengan bobot berkas lain dengan indikator "
        "yang sama ({expected}): nilai totalnya tidak sepenuhnya sebanding. Peringkat dihitung "
        "dari nilai total masing-masing berkas.",
        "This file's aspect weights ({found}) differ from those of other files with the same "
        "indicators ({expected}): its totals are not fully comparable. Ranks use each file's "
        "own totals.",
    ),
    "REKAP_UNIT_GANDA": (
        "Unit yang sama dinilai di berkas lain juga ({found}); setiap baris tercantum dan "
        "diperingkat. Hapus salah satu bila itu penilaian yang sama (harus {expected}).",
        "The same unit is assessed in another file too ({found}); every row is listed and "
        "ranked. Remove one if it is the same assessment (it must be {expected}).",
    ),
}


#: the language messages are given in when no language is asked for (``--lang``): "id"/"en"
LANG: contextvars.ContextVar[str] = contextvars.ContextVar("xlpokja_lang", default="id")

#: Indonesian fragments of "expected"/"found" texts and their English, longest first
_EN = sorted([
    ("kegiatan utama yang sudah berperingkat", "a main activity that is already ranked"),
    ("lembar yang berbeda", "a different sheet"),
    ("berkas baru atau rekap xlpokja yang lama", "a new file or an earlier xlpokja roll-up"),
    ("berkas lain yang sudah ada", "another existing file"),
    ("formulir perorangan: gabungkan ke buku kerja dengan xlpokja gabung",
     "an individual form: merge it into a workbook with xlpokja gabung"),
    ("berkas rekap xlpokja: hasil, bukan masukan", "an xlpokja roll-up: a result, not an input"),
    ("unik", "unique"),
    ("sama dengan Jawaban baris", "the same as Jawaban row"),
    ("jawaban butir", "the answers of item"),
    ("diabaikan", "ignored"),
    ("judul kolom atau 'kolom C' yang ada", "an existing column header or 'kolom C'"),
    ("berbeda di", "different in"),
    ("dipotong di Jawaban baris", "cut in Jawaban row"),
    ("paling banyak 32.767 karakter", "at most 32,767 characters"),
    ("kunci butir A1…F5, teks pernyataan, atau kolom responden/metadata yang dikenal",
     "an item key A1…F5, a statement text, or a known respondent/metadata column"),
    ("label skala (mis.", "a scale label (e.g."),
    ("responden dan waktu kiriman unik", "a unique respondent and submission time"),
    ("ID kiriman unik", "a unique submission id"),
    ("jawaban atau responden", "answers or a respondent"),
    ("judul kosong di atas data", "a blank header over data"),
    ("bukan butir K3", "not a K3 item"),
    ("berkas .xlsx, .xlsm, .ods atau .csv yang utuh",
     "an intact .xlsx, .xlsm, .ods or .csv file"),
    (".xlsx, .xlsm, .ods atau .csv berisi jawaban", ".xlsx, .xlsm, .ods or .csv with answers"),
    ("tidak ada judul butir A1–F5 atau formulir", "no item header A1–F5 and no form"),
    ("berkas tanpa jawaban", "files without answers"),
    ("berkas tidak terbaca", "files unreadable"),
    ("tidak ada berkas", "no file"),
    ("templat lain", "another template"),
    ("nama berkas baru berakhiran .xlsm", "a new file name ending in .xlsm"),
    ("buku kerja xlpokja", "xlpokja workbook"),
    ("jawaban sama dengan baris", "answers equal to row"),
    ("ID kiriman yang unik", "a unique submission id"),
    ("juga di baris", "also in row"),
    ("juga di", "also in"),
    ("satu kiriman per responden dan waktu", "one submission per respondent and time"),
    ("responden dan waktu", "respondent and time"),
    ("sama dengan baris", "the same as row"),
    ("(dari ", "(from "),
    ("berkas penilaian diri", "a self-assessment file"),
    ("formulir atau tabel jawaban", "a form or an answer table"),
    ("nilai yang dapat dihitung", "a value that can be computed"),
    ("nilai atau sel kosong", "a value or an empty cell"),
    ("XML rusak (baris", "broken XML (line"),
    ("ada dua kali dalam arsip", "occurs twice in the archive"),
    ("bagian", "part"),
    ("XML yang utuh", "well-formed XML"),
    ("tidak ada", "none"),
    ("paket yang dapat dibaca untuk menghitung rumus",
     "a package that can be read to compute the formulas"),
    ("bukan berkas biasa", "not a regular file"),
    ("bukan arsip zip", "not a zip archive"),
    ("tidak aman", "unsafe"),
    ("tidak diizinkan", "not allowed"),
    ("isi terlalu besar", "content too large"),
    ("kolom", "column"),
    ("nilai yang sah atau kosong", "a valid value or blank"),
    ("nilai sah pada setiap aspek", "a valid score in every aspect"),
    ("skor untuk setiap indikator", "a score for every indicator"),
    ("kegiatan utama infrastruktur", "an infrastructure main activity"),
    ("aspek tanpa nilai", "aspects without a score"),
    ("kriteria/bobot/skala berbeda dari saat dikunci",
     "criteria/weights/scale differ from the lock"),
    ("indikator/bobot/jenis bobot/skala berbeda dari saat dikunci",
     "indicators/weights/weight kind/scale differ from the lock"),
    ("tidak ada isu yang sama di peringkat", "no issues tied at rank"),
    ("nama kegiatan utama dari sheet Kegiatan", "a main activity name from sheet Kegiatan"),
    ("(sama untuk satu putaran)", "(the same for one round)"),
    ("angka terhingga", "a finite number"),
    ("hasil tersimpannya", "its stored result"),
    ("(teks kosong)", "(empty text)"),
    ("judul sesuai tata letak", "headers as in the layout"),
    ("judul lain juga tidak pada tempatnya", "more headers out of place"),
    ("baris/kolom yang sama di", "the same row/column of"),
    ("nilai baris/kolom lain", "another row's/column's value"),
    ("sel lagi", "more cells"),
    ("judul itu kini di kolom", "that header now stands in column"),
    ("sel lain mengikuti", "more cells following"),
    ("sel lain juga bergeser", "more cells shifted too"),
    ("sel lain di kolom", "more cells in column"),
    ("angka, bukan tanggal", "a number, not a date"),
    ("hasil Python sesuai isian", "Python results matching the entries"),
    ("sel hasil Python usang", "stale Python-written cells"),
    ("berkas lain, atau --in-place", "another file, or --in-place"),
    ("tidak ada proses lain", "no other process"),
    ("xlpokja lain sedang mengubah berkas ini", "another xlpokja run is changing this file"),
    ("nama tabel yang mencakup", "a table name covering"),
    ("satu baris per penilai per usulan", "one row per rater per action"),
    ("sudah menilai", "already scored"),
    ("unik di sheet", "unique on sheet"),
    ("diikuti baris", "the row followed is"),
    ("dikunci pada", "locked at"),
    ("tidak ada skor", "no score"),
    ("bilangan bulat", "a whole number"),
    ("paling banyak", "at most"),
    ("atau kosong", "or blank"),
    ("terendah", "lowest"),
    ("tertinggi", "highest"),
    ("angka ≥", "a number ≥"),
    ("putaran", "round"),
    ("(tanggal ", "(date "),
    ("tanggal", "date"),
    ("nilainya", "its value"),
    ("indikator", "indicators"),
    ("kosong", "blank"),
    ("baris", "rows"),
    ("tanda", "mark"),
    ("teks", "text"),
    ("atau", "or"),
    ("dan", "and"),
    ("sel", "cells"),
], key=lambda p: -len(p[0]))
_EN_RE = re.compile("|".join(r"(?<!\w)" + re.escape(a) + (r"(?!\w)" if a[-1].isalnum() else "")
                             for a, _ in _EN))
_EN_MAP = dict(_EN)


def english(fragment: str) -> str:
    """An "expected"/"found" fragment in English: known Indonesian phrases replaced outside
    quoted cell values ('…'), which stay as the person typed them."""
    parts = re.split(r"('[^']*')", fragment)
    return "".join(p if i % 2 else _EN_RE.sub(lambda m: _EN_MAP[m.group(0)], p)
                   for i, p in enumerate(parts))


@dataclass(frozen=True)
class Problem:
    """One input problem at one place in a workbook."""

    code: str
    sheet: str
    cell: str
    expected: str
    found: str
    severity: str = ERROR

    def message(self, lang: str | None = None) -> str:
        """The problem as a sentence, in Indonesian (``id``) or English (``en``: the
        expected/found fragments translated too, quoted cell values left as they are);
        ``None``: the language of the run (:data:`LANG`, set by ``--lang``)."""
        lang = lang or LANG.get()
        templates = MESSAGES[self.code]
        if lang == "en":
            return templates[1].format(expected=english(self.expected),
                                       found=english(self.found))
        return templates[0].format(expected=self.expected, found=self.found)

    def where(self) -> str:
        """``Sheet!Cell`` (or just the sheet when the cell is unknown)."""
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    def __str__(self) -> str:
        return f"{self.where()} [{self.code}] {self.message('en')}"

    def to_dict(self, lang: str | None = None) -> dict[str, str]:
        d = asdict(self)
        d["message"] = self.message(lang)
        return d


class XlpokjaError(Exception):
    """A problem that stops the run; the input file is left untouched."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))

    def message(self, lang: str | None = None) -> str:
        return "\n".join(f"{p.where() + ' ' if p.where() else ''}[{p.code}] {p.message(lang)}"
                         for p in self.problems)


#: how a date is annotated after the number Excel computes with: "45.296 (tanggal 2024-01-05)"
DATE_NOTE = "(tanggal "


def short_text(text: str, limit: int = 80) -> str:
    """``text`` cut to ``limit`` characters with "…" and the full length, so a message never
    repeats a pasted page."""
    if len(text) <= limit:
        return text
    return f"{text[:limit - 1]}… ({format_number(len(text))} karakter)"


def show_found(value: object) -> str:
    """How a found cell value is quoted in a message (long texts shortened; dates as the
    date and the serial number Excel computes with; booleans as Excel shows them)."""
    from xlpokja.core.values import XlDate, XlError

    if value is None:
        return "kosong"
    if isinstance(value, XlError):
        return str(value)
    if isinstance(value, str):
        return repr(short_text(value))
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, XlDate):
        return f"{format_number(float(value))} {DATE_NOTE}{value.iso})"
    if isinstance(value, float):
        return format_number(value)
    return short_text(str(value))


def format_number(value: float, decimals: int | None = None) -> str:
    """A number in Indonesian convention: ``,`` decimal, ``.`` thousands."""
    if decimals is None:
        if abs(float(value)) >= 1e15:  # as Excel shows it: 9,98E+307, not 308 digits
            return f"{float(value):.2E}".replace(".", ",")
        if float(value).is_integer():
            text = f"{int(value):,}"
        else:
            text = f"{value:,.6f}".rstrip("0")
            if text.endswith("."):  # 3.0000000001: more digits than six, not "3,"
                text = f"{float(value):,.12f}".rstrip("0")
    else:
        text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
