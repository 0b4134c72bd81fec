"""The example data of ``contoh_matriks_pemeringkatan.xlsm`` (made up, hand-checkable).

Four issues of a made-up PDAM: in mode A (criteria 50/50) issues 1 and 3 tie at rank 1 and
the recorded tie round settles it for issue 1; the pairwise matrix is the K6 worked example;
the criteria and weights were locked before the groups scored.
"""

from __future__ import annotations

#: contoh_matriks_pemeringkatan.xlsm — made-up issues of a made-up PDAM
EXAMPLE_ISSUES = [
    ("Kehilangan air (NRW) tinggi", "Kelompok 1", "contoh rekaan"),
    ("Tekanan air rendah pada jam puncak", "Kelompok 2", "contoh rekaan"),
    ("Pengaduan pelanggan lambat ditangani", "Kelompok 3", "contoh rekaan"),
    ("Cakupan pelayanan belum menjangkau daerah pinggiran", "Kelompok 1", "contoh rekaan"),
]
#: mode A, 50/50: I1 5,4 = 450 and I3 4,5 = 450 tie at rank 1; I2 3,3 and I4 4,2 = 300 (rank 3)
EXAMPLE_SCORES = [[5, 4], [3, 3], [4, 5], [4, 2]]
#: mode B, the K6 worked example: I1 beats I2, I3, I4; I2 beats I3; I3 beats I4; I4 beats I2
EXAMPLE_PAIRS = {(1, 2): 1, (1, 3): 1, (1, 4): 1, (2, 3): 2, (2, 4): 4, (3, 4): 3}
#: the tie round the facilitator ran for the mode-A tie (I1 against I3): I1 wins
EXAMPLE_ROUNDS = [[1, 1, 3, 1]]
#: the plenary locked the criteria and weights before the groups scored
EXAMPLE_LOCK = "2026-01-01 09:00"
