"""Interpretation bands of the 0-5 scale (decisions.md §10, instruments.md K3.6).

The score is rounded half-up to 2 decimals, then looked up: no data -> 0;
below 1.50 -> 1; 1.50-2.49 -> 2; 2.50-3.49 -> 3; 3.50-4.49 -> 4; 4.50 and
above -> 5. Values within 0.01 of a boundary are flagged.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

#: Band number -> label, verbatim from the source's "Skala" (S000 L3362-3367).
LABELS: dict[int, str] = {
    0: "Tidak dapat dikaji atau tidak ada informasi",
    1: "Pengelolaan Pokja perlu mendapat perhatian secepatnya dan menyeluruh untuk "
    "kelangsungan Pokja",
    2: "Pengelolaan Pokja perlu perbaikan dalam aspek yang luas",
    3: "Pengelolaan Pokja perlu perbaikan dalam aspek tertentu",
    4: "Pengelolaan Pokja dapat diterima, dengan beberapa kemungkinan perbaikan",
    5: "Pengelolaan Pokja dapat diterima dan perlu dipertahankan",
}

#: Lower bounds (rounded score) of bands 2..5; band 1 starts at 0.
BOUNDARIES: tuple[float, ...] = (1.50, 2.50, 3.50, 4.50)


def round_half_up(value: float, decimals: int = 2) -> float:
    """Round half-up on the shortest decimal repr, as Excel's ROUND does for positives."""
    q = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(value))).quantize(q, rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Band:
    """A score placed on the interpretation scale."""

    band: int
    label: str
    rounded: float | None
    near_boundary: bool

    def text(self) -> str:
        """``"3 – label"``, with a near-boundary note."""
        note = ""
        if self.near_boundary and self.rounded is not None:
            b = min(BOUNDARIES, key=lambda x: abs(x - self.rounded))
            note = f" (dekat batas {b:.2f})".replace(".", ",")
        return f"{self.band} – {self.label}{note}"


def band_of(score: float | None) -> Band:
    """Band of a 0-5 score; ``None`` means no data (band 0)."""
    if score is None:
        return Band(0, LABELS[0], None, False)
    r = round_half_up(score, 2)
    band = 1 + sum(r >= b for b in BOUNDARIES)
    hundredths = round(r * 100)
    near = any(abs(hundredths - round(b * 100)) <= 1 for b in BOUNDARIES)
    return Band(band, LABELS[band], r, near)


def keterangan(score: object, n_valid: object) -> str:
    """The band text of a 0–5 score (what ``PKJ_KETERANGAN`` shows): "no data" when no valid
    answer lies behind it (``n_valid`` blank or 0), an ``#PKJ!`` message for a score that is
    not a number on the 0–5 scale. decisions.md §10."""
    import math

    from xlpokja.core.problems import format_number

    if n_valid in (None, "") or (isinstance(n_valid, (int, float)) and n_valid == 0):
        return band_of(None).text()
    if isinstance(score, bool) or not isinstance(score, (int, float)) or math.isnan(score):
        return f"#PKJ! skor harus angka 0–5 (ditemukan {score!r})"
    if not 0 <= score <= 5:
        return f"#PKJ! skor harus 0–5 (ditemukan {format_number(float(score))})"
    return band_of(float(score)).text()
