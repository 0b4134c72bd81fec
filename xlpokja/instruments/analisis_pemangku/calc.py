"""Stakeholder identification and scoring (instruments.md K2 "Tabel 6-1", K1 "Tabel 6-2").

Rules (decisions.md §1-4, §12-13):

* scores (3)-(5) and risk (7) are whole numbers 1-4; blank = not yet scored;
* (6) Skor = (3)+(4)+(5) (3-12); (8) Nilai akhir = (6) - (7) (-1-11);
* a row with any score blank is "belum dinilai": shown, not ranked; a row with a bad
  score is "nilai tidak sah" (a problem), not ranked;
* ranks are competition ranks (1, 2, 2, 4) within each role group, by (8) descending;
  ties are flagged "SAMA" and never broken by input order.

The quadrant of the influence/risk map is a product decision (not in the sources):
influence Skor (6) >= 8 is high (the midpoint of 3-12 is 7.5), risk (7) >= 3 is high
(the midpoint of 1-4 is 2.5).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from xlpokja.core.problems import WARNING, Problem, show_found
from xlpokja.core.scales import classify_int, competition_rank, expected_text, tied

ROLES = ("Pengurus Inti", "Anggota Pengurus", "Mitra Pokja")
_ROLE_KEYS = {r.casefold(): r for r in ROLES}
KETERKAITAN = ("Perencana", "Pelaku Program langsung", "Pelaku Program Tidak langsung",
               "Bukan pelaku program")
#: accepted check marks (compared case-insensitively, as Excel's COUNTIFS does)
MARKS = ("✓", "v", "x", "ya")
_MARK_KEYS = frozenset(m.casefold() for m in MARKS)
RINGS = ("Ring I", "Ring II", "Ring III")
_RING_KEYS = {r.casefold(): r for r in RINGS}
SCORE_LO, SCORE_HI = 1, 4
HIGH_INFLUENCE = 8  # Skor (6) at or above: high influence
HIGH_RISK = 3  # Resiko (7) at or above: high risk

STATUS_INVALID = "nilai tidak sah"
STATUS_UNSCORED = "belum dinilai"
STATUS_NO_ROLE = "peran belum diisi"
STATUS_BAD_ROLE = "peran tidak dikenal"
STATUS_TIE = "SAMA"

#: (high influence, high risk) -> (short label for cells, what to do)
QUADRANTS: dict[tuple[bool, bool], tuple[str, str]] = {
    (True, False): ("Libatkan penuh",
                    "Pengaruh besar, risiko kecil: calon utama; undang ke pertemuan orientasi "
                    "dan tawarkan peran sesuai kelompoknya."),
    (True, True): ("Libatkan, kelola risiko",
                   "Pengaruh besar, risiko besar: tetap dilibatkan, tetapi dekati lebih dulu "
                   "dan sepakati cara mengelola kekurangannya."),
    (False, False): ("Beri informasi",
                     "Pengaruh kecil, risiko kecil: libatkan sebagai anggota atau mitra; beri "
                     "informasi rutin."),
    (False, True): ("Pantau",
                    "Pengaruh kecil, risiko besar: belum prioritas untuk diundang; pantau dan "
                    "tinjau kembali."),
}


def quadrant(skor: float, risk: float) -> tuple[bool, bool]:
    return skor >= HIGH_INFLUENCE, risk >= HIGH_RISK


def _blank(v: object) -> bool:
    return v is None or v == ""


def role_of(v: object) -> str | None:
    """Canonical role name, or None when ``v`` is not one (Excel's = ignores case)."""
    return _ROLE_KEYS.get(v.casefold()) if isinstance(v, str) else None


ROLE_EXPECTED = " / ".join(ROLES)


# ====================================================================== Tabel 6-2


@dataclass
class Scored:
    """Tabel 6-2 read and computed, one entry per table row (blank rows included)."""

    roles: list[str | None]  # canonical role or None
    names: list[object]
    skor: list[float | None]  # (6)
    risk: list[float | None]  # (7) when valid
    nilai: list[float | None]  # (8)
    rank: list[int | None]  # within role group
    tie: list[bool]
    status: list[str]  # "" for a ranked row without tie, else a status text
    empty: list[bool]
    problems: list[Problem] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.roles)

    def quadrant_label(self, i: int) -> str:
        if self.nilai[i] is None:
            return ""
        return QUADRANTS[quadrant(self.skor[i], self.risk[i])][0]  # type: ignore[arg-type]


def score_rows(rows: Sequence[Sequence[object]], *, sheet: str,
               locate: Callable[[int, int], str]) -> Scored:
    """``rows[i]`` = (role, name, s3, s4, s5, risk) raw cells; ``locate(i, k)`` gives the
    address of field k (0 role, 1 name, 2-4 scores, 5 risk)."""
    n = len(rows)
    out = Scored([None] * n, [None] * n, [None] * n, [None] * n, [None] * n, [None] * n,
                 [False] * n, [""] * n, [False] * n)
    expected = expected_text(SCORE_LO, SCORE_HI)
    for i, raw in enumerate(rows):
        role_raw, name, *vals = (list(raw) + [None] * 6)[:6]
        out.names[i] = name
        if all(_blank(v) for v in (role_raw, name, *vals)):
            out.empty[i] = True
            continue
        parsed = []
        n_filled = n_valid = 0
        for k, v in enumerate(vals):
            val, code = classify_int(v, SCORE_LO, SCORE_HI)
            if code == "":
                parsed.append(None)
                continue
            n_filled += 1
            if code is None:
                n_valid += 1
                parsed.append(val)
            else:
                parsed.append(None)
                out.problems.append(Problem(code, sheet, locate(i, 2 + k), expected,
                                            show_found(v)))
        s3, s4, s5, r7 = parsed
        if s3 is not None and s4 is not None and s5 is not None:
            out.skor[i] = s3 + s4 + s5
        out.risk[i] = r7
        if out.skor[i] is not None and r7 is not None:
            out.nilai[i] = out.skor[i] - r7  # type: ignore[operator]
        role = role_of(role_raw)
        out.roles[i] = role
        if _blank(role_raw):
            out.problems.append(Problem("PERAN_KOSONG", sheet, locate(i, 0), ROLE_EXPECTED,
                                        "kosong", WARNING))
        elif role is None:
            out.problems.append(Problem("PERAN_TIDAK_DIKENAL", sheet, locate(i, 0),
                                        ROLE_EXPECTED, show_found(role_raw)))
        if _blank(name):
            out.problems.append(Problem("NAMA_KOSONG", sheet, locate(i, 1),
                                        "Nama Orang dan asal lembaga", "kosong", WARNING))
        if n_filled > n_valid:
            out.status[i] = STATUS_INVALID
        elif n_filled < 4:
            out.status[i] = STATUS_UNSCORED
        elif role is None:
            out.status[i] = STATUS_NO_ROLE if _blank(role_raw) else STATUS_BAD_ROLE
    ranked = [v if r is not None else None for v, r in zip(out.nilai, out.roles)]
    out.rank = competition_rank(ranked, out.roles)
    out.tie = tied(ranked, out.roles)
    for i in range(n):
        if out.tie[i]:
            out.status[i] = STATUS_TIE
    _duplicates(out, sheet, locate)
    return out


def _duplicates(out: Scored, sheet: str, locate: Callable[[int, int], str]) -> None:
    seen: dict[tuple[str | None, str], int] = {}
    for i, name in enumerate(out.names):
        if _blank(name) or out.roles[i] is None:
            continue
        key = (out.roles[i], str(name).strip().casefold())
        if key in seen:
            out.problems.append(Problem(
                "NAMA_GANDA", sheet, locate(i, 1), out.roles[i] or "",
                f"{str(name).strip()!r} juga di {locate(seen[key], 1)}", WARNING))
        else:
            seen[key] = i


def invitation_list(s: Scored) -> list[int]:
    """Row indices in invitation order: by role group, ranked rows by rank (ties keep the
    table order for display only; their shared rank and SAMA flag show the tie), then
    the rows not ranked."""
    order = []
    for role in ROLES:
        idx = [i for i in range(len(s)) if s.roles[i] == role]
        ranked = sorted((i for i in idx if s.rank[i] is not None), key=lambda i: (s.rank[i], i))
        order += ranked + [i for i in idx if s.rank[i] is None]
    return order


# ====================================================================== Tabel 6-1


@dataclass
class Identified:
    """Tabel 6-1 read: per role group, persons, checks per category, completeness."""

    persons: dict[str, int]
    marks: dict[str, list[int]]  # role -> count per KETERKAITAN category
    no_mark: dict[str, int]
    incomplete_contact: dict[str, int]
    problems: list[Problem] = field(default_factory=list)


def identify_rows(rows: Sequence[Sequence[object]], *, sheet: str,
                  locate: Callable[[int, int], str]) -> Identified:
    """``rows[i]`` = (role, lembaga, kontak, nomor, m1, m2, m3, m4, ring, catatan)."""
    res = Identified({r: 0 for r in ROLES}, {r: [0] * 4 for r in ROLES},
                     {r: 0 for r in ROLES}, {r: 0 for r in ROLES})
    mark_expected = "tanda " + " / ".join(repr(m) for m in MARKS) + " atau kosong"
    for i, raw in enumerate(rows):
        cells = (list(raw) + [None] * 10)[:10]
        role_raw, lembaga, kontak, nomor, *marks = cells[:8]
        ring, note = cells[8], cells[9]
        if all(_blank(v) for v in cells):
            continue
        role = role_of(role_raw)
        if _blank(role_raw):
            res.problems.append(Problem("PERAN_KOSONG", sheet, locate(i, 0), ROLE_EXPECTED,
                                        "kosong", WARNING))
        elif role is None:
            res.problems.append(Problem("PERAN_TIDAK_DIKENAL", sheet, locate(i, 0),
                                        ROLE_EXPECTED, show_found(role_raw)))
        checked = []
        for k, m in enumerate(marks):
            if _blank(m):
                checked.append(False)
            elif isinstance(m, str) and m.casefold() in _MARK_KEYS:
                checked.append(True)
            else:
                checked.append(False)
                res.problems.append(Problem("TANDA_TIDAK_SAH", sheet, locate(i, 4 + k),
                                            mark_expected, show_found(m)))
        if checked[3] and (checked[1] or checked[2]):
            both = [KETERKAITAN[k] for k in (1, 2) if checked[k]]
            res.problems.append(Problem("TANDA_BERTENTANGAN", sheet, locate(i, 7),
                                        " atau ".join(repr(k) for k in KETERKAITAN[1:3]),
                                        "juga " + ", ".join(repr(b) for b in both), WARNING))
        if not _blank(ring) and not (isinstance(ring, str) and ring.casefold() in _RING_KEYS):
            res.problems.append(Problem("RING_TIDAK_DIKENAL", sheet, locate(i, 8),
                                        " / ".join(RINGS) + " atau kosong", show_found(ring),
                                        WARNING))
        if role is None:
            continue
        res.persons[role] += 1
        for k in range(4):
            res.marks[role][k] += checked[k]
        if all(_blank(m) for m in marks):
            res.no_mark[role] += 1
        if _blank(kontak) or _blank(nomor):
            res.incomplete_contact[role] += 1
    return res


__all__ = ["ROLES", "KETERKAITAN", "MARKS", "RINGS", "QUADRANTS", "Scored", "Identified",
           "score_rows", "identify_rows", "invitation_list", "role_of", "quadrant"]
