"""UDFs take xlwings-style (lists, None) and engine-style (ndarray, EMPTY) arguments alike."""

from __future__ import annotations

import numpy as np

from xlpokja.udfs import pkj_keterangan, pkj_validasi


def test_keterangan():
    assert "3 – Pengelolaan Pokja perlu perbaikan dalam aspek tertentu" == pkj_keterangan(3.2, 10)
    assert pkj_keterangan("", 0).startswith("0 – Tidak dapat dikaji")
    assert pkj_keterangan(2.49, 4).endswith("(dekat batas 2,50)")
    assert pkj_keterangan(np.array([[3.2]], dtype=object), np.array([[10]])) == \
        pkj_keterangan(3.2, 10)
    assert pkj_keterangan("x", 3).startswith("#PKJ!")
    assert pkj_keterangan(6, 3).startswith("#PKJ! skor harus 0–5")


def test_validasi_reports_cells():
    header = ["Responden", *[f"{c}{i}" for c, n in zip("ABCDEF", (6, 8, 5, 7, 5, 5))
                             for i in range(1, n + 1)]]
    rows = [header, ["R1", "x"] + [3] * 35, ["R2"] + [4] * 36]
    assert pkj_validasi(rows).startswith("1 masalah: B5 bukan angka ('x')")
    clean = [header, ["R1"] + [3] * 36]
    assert "Tidak ada masalah: 1 lembar terisi, 1 lengkap." == pkj_validasi(clean)
    arr = np.array(clean, dtype=object)
    assert pkj_validasi(arr) == pkj_validasi(clean)
