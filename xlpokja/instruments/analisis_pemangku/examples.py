"""Example rows of ``contoh_analisis_pemangku.xlsm`` (made up, hand-checkable).

Tabel 6-2 holds the two worked examples of instruments.md K1 (4, 3, 2 with risk 2 ->
Skor 9, Nilai akhir 7; 1, 1, 1 with risk 2 -> 3, 1), a tie, a negative value
(1, 1, 1 with risk 4 -> -1) and a person not yet scored.
"""

from __future__ import annotations

PI, AP, MP = "Pengurus Inti", "Anggota Pengurus", "Mitra Pokja"

# role, lembaga, kontak, nomor, perencana, langsung, tidak langsung, bukan, ring, catatan
IDENT_ROWS: list[list[object]] = [
    [PI, "Bappeda", "Ir. Siti Rahma", "0812-1111-2222", "✓", None, None, None, "Ring I",
     "Kekuatan: memegang perencanaan daerah"],
    [PI, "Dinas Pekerjaan Umum", "Budi Santoso, ST", "0813-2222-3333", None, "✓", None, None,
     "Ring II", None],
    [PI, "Dinas Kesehatan", "dr. Ani Lestari", "0811-3333-4444", None, "✓", None, None,
     "Ring II", None],
    [AP, "Badan Pemberdayaan Masyarakat dan Pemerintahan Desa", "Agus Salim", None, None,
     None, "✓", None, "Ring III", "Nomor kontak belum ada"],
    [AP, "Badan/Dinas Pengelolaan Lingkungan Hidup", "Rina Wati", "0815-5555-6666", "✓", "✓",
     None, None, "Ring II", None],
    [AP, "Dinas Pendidikan", "Drs. Hasan", "0816-6666-7777", None, None, "✓", None, "Ring III",
     None],
    [MP, "Tim Penggerak PKK", "Ibu Yuni", "0817-7777-8888", None, None, "✓", None, "Ring III",
     None],
    [MP, "Perguruan Tinggi", "Dr. Wahyu", "0818-8888-9999", "✓", None, None, None, "Ring III",
     None],
    [MP, "Media masa cetak maupun elektronik", "Dewi (Radio Suara Warga)", "0819-9999-0000",
     None, None, None, "✓", "Ring III", None],
    [MP, "Lembaga Swadaya Masyarakat", "Yayasan Air Bersih", None, None, None, None, None,
     None, "Belum tahu kaitannya"],
]

# role, nama, (3), (4), (5), (7), catatan
SCORE_ROWS: list[list[object]] = [
    [PI, "Ir. Siti Rahma (Bappeda)", 4, 3, 2, 2, "Jadwal padat"],
    [PI, "Budi Santoso, ST (Dinas PU)", 3, 4, 3, 1, None],
    [PI, "dr. Ani Lestari (Dinas Kesehatan)", 3, 3, 3, 2, None],
    [AP, "Agus Salim (BPMPD)", 2, 2, 3, 1, None],
    [AP, "Rina Wati (BLH)", 3, 2, 2, 1, None],
    [AP, "Drs. Hasan (Dinas Pendidikan)", 1, 1, 1, 2, "Kurang aktif"],
    [AP, "Pak Joko (Kecamatan)", 1, 1, 1, 4, "Sering berbenturan kepentingan"],
    [MP, "Ibu Yuni (TP PKK)", 2, 3, 4, 2, None],
    [MP, "Dr. Wahyu (Perguruan Tinggi)", 3, 4, 2, 3, None],
    [MP, "Dewi (Radio Suara Warga)", 2, 1, 4, None, "Risiko belum dibahas"],
]
