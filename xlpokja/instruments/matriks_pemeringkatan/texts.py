"""The wording of the text sheets of the Matriks Pemeringkatan workbooks.

``Petunjuk``: the steps of the meeting, as the facilitator runs them; ``Referensi``: the
calculation rules (product decisions, decisions.md §1–5, §15, §16, §18) and the source,
verbatim. :mod:`~xlpokja.instruments.matriks_pemeringkatan.build` lays them out.
"""

from __future__ import annotations

#: the Petunjuk table (first pair = headers)
PETUNJUK_STEPS = [
    ("Langkah", "Apa yang dilakukan dalam pertemuan"),
    ("1", "Peserta dibagi dalam beberapa kelompok; setiap kelompok mengidentifikasi isu-isu "
          "utama dan mempresentasikannya. Tulis semua isu di sheet Isu: satu baris per isu, "
          "dengan asal kelompok. Isu baru boleh ditambah di bawah tabel (tekan Hitung)."),
    ("2", "Sepakati kriteria penilaian, misalnya tingkat urgensi dan cakupan manfaat, di "
          "sheet Kriteria: nama dan bobot. Jenis bobot Persen (jumlah harus 100) atau Mentah "
          "(angka ≥ 0). Pilih skala skor (bawaan 1–5). Setelah disepakati pleno, tekan "
          "Kunci bobot (sheet Kriteria) SEBELUM kelompok menilai: waktu kunci dicatat; "
          "kriteria, bobot, jenis bobot dan skala tidak dapat diubah lagi kecuali dengan "
          "Buka kunci. Bila diubah juga, status kunci BERUBAH dan skor kriteria tidak "
          "memberi nilai (cara Berpasangan tidak memakai bobot)."),
    ("3", "Cara A — Skor kriteria: di sheet Skor beri skor setiap isu pada setiap kriteria "
          "(bilangan bulat pada skala). Sel kosong = belum dinilai, BUKAN nol: isu itu belum "
          "mendapat nilai."),
    ("4", "Cara B — Berpasangan (\"Bandingkan setiap isu terpilih\"): di sheet Berpasangan, "
          "pada sel kanan-atas diagonal (baris isu i, kolom isu j) tulis NOMOR isu yang "
          "lebih penting, i atau j (daftar pilihan). N isu memerlukan N(N−1)/2 "
          "perbandingan. Segitiga kiri-bawah boleh dikosongkan."),
    ("5", "Di sheet Hasil pilih Cara penetapan (Skor kriteria atau Berpasangan) dan k "
          "untuk daftar pendek, lalu tekan Hitung. Isu dengan nilai terbesar ditetapkan "
          "sebagai isu utama. Kedua peringkat tampil berdampingan."),
    ("6", "\"Ulangi proses jika terdapat isu yang mempunyai nilai sama\": bila isu utama "
          "tertulis SAMA, tekan Putaran seri. Sheet Putaran mendapat satu baris per "
          "pasangan isu yang seri saja; tulis nomor pemenang setiap pasangan, tekan Hitung. "
          "Bila putaran itu sendiri seri, tekan Putaran seri lagi (putaran berikutnya)."),
    ("7", "Semua masalah isian (skor di luar skala, teks, bobot tidak 100, pemenang yang "
          "bukan salah satu pasangan, isian segitiga bawah yang bertentangan, matriks belum "
          "lengkap) tercantum di sheet Masalah dengan sheet, sel, yang diharapkan dan yang "
          "ditemukan."),
    ("8", "Sheet Stabilitas: seberapa mantap peringkat skor kriteria (selisih urutan 1 dan "
          "2, perubahan bobot yang mengubah urutan 1, skor ±1, peluang nomor 1). Aturan "
          "perhitungan ada di sheet Referensi."),
    ("", "Tanpa Python pun buku kerja ini tetap menghitung nilai, kemenangan, peringkat dan "
         "isu utama dengan rumus Excel biasa; Python menambah pemeriksaan lengkap, daftar "
         "Masalah, perluasan tabel, putaran seri dan panel stabilitas."),
    ("", "Sel berwarna krem adalah isian. Sel rumus terkunci (proteksi sheet tanpa kata "
         "sandi) agar rumus tidak terhapus tidak sengaja."),
]

#: the Referensi rules, one paragraph each (the first is a heading)
REFERENSI_RULES = [
    "Aturan yang dipakai (keputusan produk, karena sumber tidak memberi format matriksnya):",
    "1. Kosong bukan nol: skor atau perbandingan yang kosong berarti belum dinilai; tidak "
    "pernah dihitung sebagai 0. Nilai 0 hanya sah bila skala dimulai dari 0.",
    "2. Dua cara, keduanya didukung (\"kriteria penilaian\" dan \"Bandingkan setiap isu "
    "terpilih\"): Skor kriteria (cara A) dan Berpasangan (cara B). Pengaturan Cara "
    "penetapan di sheet Hasil memilih peringkat yang menetapkan isu utama; kedua "
    "peringkat selalu ditampilkan.",
    "3. Cara A: Nilai = Σ bobot × skor, dengan bobot dan skor seperti diisi (tanpa "
    "normalisasi per kolom). Jenis bobot Persen: jumlah harus 100, bila tidak tidak ada "
    "nilai sama sekali (bobot tidak dinormalkan diam-diam). Jenis Mentah: angka ≥ 0. "
    "Nilai normal = Nilai ÷ (Σ bobot × skor tertinggi), hanya kolom tambahan. Isu hanya "
    "mendapat nilai bila semua kriteria dinilai dengan skor sah.",
    "4. Cara B: setiap pasangan dibandingkan sekali: N isu memerlukan N(N−1)/2 "
    "perbandingan. Pada sel segitiga atas (baris isu i, kolom isu j > i) ditulis nomor "
    "pemenang, i atau j. Nilai isu = banyaknya menang. Peringkat hanya ada bila semua "
    "perbandingan terisi; selama matriks belum lengkap, cara B tidak menetapkan isu "
    "utama. Segitiga bawah adalah salinan pemeriksa: boleh kosong; bila diisi harus sama "
    "dengan sel atasnya, kalau bertentangan perbandingan itu tidak dihitung.",
    "5. Peringkat kompetisi seperti RANK Excel (1, 2, 2, 4), atas nilai yang dibulatkan 9 "
    "desimal. Nilai sama ditandai SAMA dan tidak pernah dipecah menurut urutan baris.",
    "6. Putaran seri (\"Ulangi proses jika terdapat isu yang mempunyai nilai sama\"): bila "
    "beberapa isu sama di peringkat 1, tombol Putaran seri membuat satu baris per pasangan "
    "isu yang seri saja. Putaran terakhir yang lengkap dan isunya masih sama dengan isu "
    "seri sekarang dipakai: banyaknya menang di putaran itu memberi sub-peringkat, dan "
    "Urutan akhir = peringkat + sub-peringkat − 1. Putaran yang isunya tidak lagi sama "
    "(skor atau perbandingan berubah) kedaluwarsa dan tidak dipakai (peringatan). Putaran "
    "yang sendiri seri membiarkan SAMA: jalankan putaran berikutnya (nomor bertambah; "
    "putaran selalu memuat semua isu yang seri di peringkat 1).",
    "7. Isu utama = satu-satunya isu dengan Urutan akhir 1. Selama masih seri, atau "
    "peringkat cara terpilih belum ada, isu utama belum ditetapkan.",
    "8. Daftar pendek: isu dengan Urutan akhir ≤ k (bawaan 3); bila ada yang seri di "
    "batas, daftar bisa lebih panjang dari k.",
    "9. Stabilitas (cara A): selisih urutan 1 dan 2 (TIPIS bila < 5 %), perubahan bobot "
    "satu kriteria (bobot lain menyesuaikan, jumlah tetap) yang mengubah urutan 1, skor "
    "±1 yang mengubah urutan 1, dan peluang nomor 1 dari 2.000 vektor bobot acak di "
    "sekitar bobot yang disepakati (benih tetap, hasil dapat diulang). Cara B tidak "
    "memakai bobot.",
    "10. Masukan salah (teks, pecahan, di luar skala, pemenang yang bukan salah satu "
    "pasangan) tidak dihitung dan dicatat di sheet Masalah dengan sheet, sel, yang "
    "diharapkan dan yang ditemukan; hasil dari masukan tidak sah tidak ditampilkan "
    "seolah sah. Berkas yang gagal dibaca tidak diubah.",
    "11. Angka di laporan teks memakai format Indonesia (koma desimal); format angka di "
    "buku kerja netral sehingga Excel menampilkannya sesuai pengaturan wilayah pengguna.",
    "12. Kunci bobot (decisions.md §16): kriteria dan bobot disepakati pleno lalu dikunci "
    "sebelum kelompok menilai. Tombol Kunci bobot mencatat nama kriteria, bobot, jenis bobot "
    "dan skala skor seperti diisi (kolom G:H dan H4:H6 sheet Kriteria) serta waktunya "
    "(Dikunci pada). Bila salah satunya berubah setelah dikunci, Status kunci = BERUBAH, "
    "Status bobot = \"berubah setelah dikunci\" dan tidak ada nilai skor kriteria sama "
    "sekali (masalah BOBOT_BERUBAH) sampai isian dikembalikan atau Buka kunci ditekan. "
    "Bobot yang tidak sah tidak dapat dikunci. Skor yang diisi sebelum dikunci diberi "
    "peringatan BOBOT_BELUM_DIKUNCI. Cara Berpasangan tidak memakai bobot dan tidak "
    "terpengaruh.",
]

#: the source, verbatim
REFERENSI_SOURCE = (
    "Peningkatan Manajemen Pelayanan Air Bersih PDAM — Penyusunan Skema Tindakan "
    "Peningkatan Pelayanan Publik (STPP), USAID–LGSP, Mei 2009; Tahap 2, Topik 1 "
    "\"Isu Utama Pelayanan PDAM\"; bahan: \"Format: Matriks Pemeringkatan\". Langkah "
    "2: \"Fasilitator memandu peserta menyepakati kriteria penilaian untuk menentukan "
    "isu utama. Misalnya, kriteria berdasarkan tingkat urgensi dan cakupan manfaat.\" "
    "Langkah 3: \"... tayangkan format Matriks Pemeringkatan. Isikan isu-isu hasil "
    "diskusi kelompok ke dalam format tersebut. Bandingkan setiap isu terpilih. Isu "
    "dengan nilai terbesar ditetapkan sebagai isu utama. Ulangi proses jika terdapat "
    "isu yang mempunyai nilai sama.\"")
