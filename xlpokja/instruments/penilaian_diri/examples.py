"""The bundled example answers of ``contoh_penilaian_diri.xlsm`` (made up, hand-checkable).

Respondents R01-R10 are complete. For every item of component A their answers are a
rotation of 3,3,3,3,3,4,4,4,2,1: five sheets give 3 (5 x 3 = 15) and the values x counts
add up to 30, so A = 30 / 10 = 3,00: the source's worked example (instruments.md K3.4).
R11 and R12 are incomplete sheets (blanks are not zero).
"""

from __future__ import annotations

from xlpokja.instruments.penilaian_diri.calc import COMPONENT_SLICES, ITEM_KEYS

SOURCE_A = (3, 3, 3, 3, 3, 4, 4, 4, 2, 1)
_BASE = {"B": 3, "C": 2, "D": 4, "E": 2, "F": 3}

FIELDS = {"kelompok_kerja": "Pokja AMPL Kabupaten Contoh",
          "lokasi": "Ruang rapat Bappeda", "waktu": "22 November 2026"}


def example_rows() -> list[list[object]]:
    """12 rows: respondent code + 36 answers (None = blank)."""
    rows: list[list[object]] = []
    for i in range(12):
        answers: list[object] = [None] * len(ITEM_KEYS)
        for comp, sl in COMPONENT_SLICES.items():
            for j in range(sl.start, sl.stop):
                if comp == "A":
                    v: int | None = SOURCE_A[(i + j) % 10] if i < 10 else None
                else:
                    v = max(0, min(5, _BASE[comp] + (i * 5 + j * 3) % 4 - 1))
                answers[j] = v
        if i == 10:  # R11 skipped B and C
            for j in range(COMPONENT_SLICES["B"].start, COMPONENT_SLICES["C"].stop):
                answers[j] = None
        if i == 11:  # R12 answered only the first three items of D
            answers = [v if COMPONENT_SLICES["D"].start <= j < COMPONENT_SLICES["D"].start + 3
                       else None for j, v in enumerate(answers)]
        rows.append([f"R{i + 1:02d}", *answers])
    return rows
