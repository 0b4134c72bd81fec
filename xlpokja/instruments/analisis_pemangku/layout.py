"""The published layout of ``analisis_pemangku.xlsm`` (Tabel 6-1 and Tabel 6-2).

One description serves the builder, the Hitung action, the headless engine and
``xlpokja layout``: sheets, tables, the formula of every computed cell and its value
as the core computes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from xlpokja.core.problems import ERROR, Problem, format_number
from xlpokja.instruments.analisis_pemangku import calc as sk
from xlpokja.layout import common
from xlpokja.layout.base import Button, Column, FormulaCell, Table, abs_range, col_letter

TEMPLATE_ID = "analisis_pemangku"
TEMPLATE_VERSION = "1"
FILE_NAME = "analisis_pemangku.xlsm"

PETUNJUK, IDENT, ANALISIS, HASIL, PETA = "Petunjuk", "Identifikasi", "Analisis", "Hasil", "Peta"
REFERENSI, MASALAH = "Referensi", common.MASALAH
SHEETS = (PETUNJUK, IDENT, ANALISIS, HASIL, PETA, REFERENSI, MASALAH)
REQUIRED_SHEETS = (IDENT, ANALISIS, HASIL, PETA, REFERENSI, MASALAH)
GENERATED: dict[str, int] = {}
MAX_ROW = 1048576

# ------------------------------------------------------------- Tabel 6-1 Identifikasi
IDENT_TABLE = Table(
    name="identifikasi", sheet=IDENT, header_row=4, first_data_row=5,
    columns=(
        Column("peran", "Peran dalam Pokja", 1),
        Column("lembaga", "Nama Lembaga", 2),
        Column("kontak", "Nama Kontak Person yang diusulkan", 3),
        Column("nomor", "Nomor Kontak", 4),
        Column("perencana", "Perencana", 5),
        Column("pelaku_langsung", "Pelaku Program langsung", 6),
        Column("pelaku_tidak_langsung", "Pelaku Program Tidak langsung", 7),
        Column("bukan_pelaku", "Bukan pelaku program", 8),
        Column("ring", "Ring", 9, note="Ring I / Ring II / Ring III (Tabel 2-1)"),
        Column("catatan", "Catatan (kekuatan, kelemahan, peluang, ancaman)", 10),
    ),
    min_rows=30,
)
IDENT_EXTENT = "PMK_IDENTIFIKASI"
ID_MARK0 = 5  # E..H: the four Keterkaitan checks
ID_LAST = 10

# ------------------------------------------------------------------ Tabel 6-2 Analisis
A_ROLE, A_NAME, A_S3, A_S4, A_S5, A_SKOR, A_RISK, A_NILAI = 1, 2, 3, 4, 5, 6, 7, 8
A_RANK, A_KET, A_SARAN, A_NOTE = 9, 10, 11, 12
SCORE_TABLE = Table(
    name="analisis", sheet=ANALISIS, header_row=4, first_data_row=6,
    columns=(
        Column("peran", "(1) Peran dalam Pokja", A_ROLE),
        Column("nama", "(2) Nama Orang dan asal lembaga", A_NAME),
        Column("keputusan", "(3) Pengambilan keputusan (politis)", A_S3, note="1–4"),
        Column("teknis", "(4) Pelaksanaan teknis pembangunan AMPL", A_S4, note="1–4"),
        Column("mempengaruhi", "(5) Mempengaruhi pihak-pihak lain (swasta, masyarakat, LSM, "
               "dll)", A_S5, note="1–4"),
        Column("skor", "(6) Skor", A_SKOR, "formula", "(3)+(4)+(5)"),
        Column("resiko", "(7) Kekurangan jika orang tersebut dilibatkan", A_RISK, note="1–4"),
        Column("nilai_akhir", "(8) Nilai akhir", A_NILAI, "formula", "(6)−(7)"),
        Column("peringkat", "Peringkat dalam kelompok", A_RANK, "formula"),
        Column("keterangan", "Keterangan", A_KET, "formula"),
        Column("saran", "Saran (peta pengaruh–risiko)", A_SARAN, "formula"),
        Column("catatan", "Uraian kekurangan / catatan", A_NOTE),
    ),
    min_rows=30,
)
SCORE_EXTENT = "PMK_ANALISIS"
SCORE_NUMBER_ROW = 5  # "(1) ... (8)" as in the source

# ------------------------------------------------------------------------------ Hasil
REKAP_HEADER = 4
REKAP_ROW0 = 5  # role groups in rows 5..7, total in row 8
REKAP_TOTAL = REKAP_ROW0 + len(sk.ROLES)
(R_PERSONS, R_MARK0, R_NO_MARK, R_CONTACT, R_SCORED, R_UNSCORED, R_INVALID,
 R_MEAN) = 2, 3, 7, 8, 9, 10, 11, 12
REKAP_HEADERS = (["Peran dalam Pokja", "Orang (Tabel 6-1)"] + list(sk.KETERKAITAN)
                 + ["Tanpa tanda", "Kontak belum lengkap", "Dinilai (Tabel 6-2)",
                    "Belum dinilai", "Nilai tidak sah", "Rata-rata nilai akhir"])
LIST_TITLE_ROW = 11
LIST_HEADER = 12
LIST_ROW0 = 13
LIST_HEADERS = ("Peran dalam Pokja", "Peringkat", "Nama Orang dan asal lembaga", "Skor (6)",
                "Resiko (7)", "Nilai akhir (8)", "Saran", "Keterangan", "Baris di Analisis")

# ------------------------------------------------------------------------------- Peta
PETA_DATA_TITLE = 30
PETA_HEADER = 31
PETA_ROW0 = 32
PETA_CAPACITY = 3 * 10 * 4  # distinct (Skor 3-12, Resiko 1-4) points per role group
PETA_HEADERS = ["Peran", "Skor (6)", "Resiko (7)", "Jumlah orang", "Nama"] + [""] + [
    f"{h} {r}" for r in sk.ROLES for h in ("x", "y", "n")]
PETA_SERIES_COL0 = 7  # G: x, y, n of the first role group
PETA_OFFSETS = (-0.22, 0.0, 0.22)  # x offsets so groups at one point stay apart

# -------------------------------------------------------------------------- Referensi
REF_ROLES_ROW = 5  # A5:A7
REF_MARKS_ROW = 5  # C5:C8
REF_RINGS_ROW = 5  # E5:E7 (name), F (description)
REF_INST_HEADER = 10
REF_INST_ROW0 = 11  # G11.. institutions
NAME_ROLES, NAME_MARKS, NAME_RINGS, NAME_INST = "PMK_PERAN", "PMK_TANDA", "PMK_RING", "PMK_LEMBAGA"
REF_QUAD_HEADER = 10
REF_QUAD_ROW0 = 11  # A11:E14: quadrant, influence, risk, short label, what to do

RING_TEXT = (
    "Pengambil keputusan dan pihak yang bisa mempangaruhi keputusan",
    "Pelaku langsung, yang melaksanakan program-program AMPL",
    "Pelaku tidak langsung yang keber-adaannya diperlukan untuk mendukung dan memperkuat "
    "pelaksanaan program",
)
INSTITUTIONS = (
    "Bappeda", "Dinas Pekerjaan Umum", "Dinas Kesehatan",
    "Badan Pemberdayaan Masyarakat dan Pemerintahan Desa",
    "Badan/Dinas Pengelolaan Lingkungan Hidup", "Dinas Pendidikan", "Dinas Kehutanan",
    "Dinas Infokom", "Perguruan Tinggi", "Lembaga Swadaya Masyarakat",
    "Asosiasi profesi/Perkumpulan", "Media masa cetak maupun elektronik", "Tim Penggerak PKK",
    "Pakar/tokoh masyarakat", "Wakil rakyat (anggota DPRD) yang peduli",
    "Perguruan Tinggi yang peduli terhadap AMPL", "LSM/NGO yang peduli terhadap AMPL",
)


def last_row(table: Table, n: int) -> int:
    return table.first_data_row + n - 1


def extents(shape: tuple[int, int]) -> dict[str, str]:
    n_id, n_sc = shape
    return {IDENT_EXTENT: abs_range(IDENT, 1, IDENT_TABLE.first_data_row, ID_LAST,
                                    last_row(IDENT_TABLE, n_id)),
            SCORE_EXTENT: abs_range(ANALISIS, 1, SCORE_TABLE.first_data_row, A_NOTE,
                                    last_row(SCORE_TABLE, n_sc))}


def grown_note(shape: tuple[int, int], cur: tuple[int, int]) -> tuple[str, str]:
    if shape[0] != cur[0]:
        return IDENT, f"A{last_row(IDENT_TABLE, cur[0]) + 1}"
    return ANALISIS, f"A{last_row(SCORE_TABLE, cur[1]) + 1}"


# ==================================================================== the result


@dataclass
class Result:
    ident: sk.Identified
    scored: sk.Scored
    n_ident_rows: int
    n_score_rows: int
    problems: list[Problem] = field(default_factory=list)
    template: Any = None

    @property
    def valid(self) -> bool:
        return not any(p.severity == ERROR for p in self.problems)

    def row_of(self, i: int) -> int:
        return SCORE_TABLE.first_data_row + i


def _last_nonblank(block: Sequence[Sequence[Any]], n_cols: int) -> int:
    last = 0
    for i, r in enumerate(block):
        if any(v not in (None, "") for v in r[:n_cols]):
            last = i + 1
    return last


def _pad(block: list[list[Any]], n: int, n_cols: int) -> list[list[Any]]:
    rows = [(list(r) + [None] * n_cols)[:n_cols] for r in block[:n]]
    return rows + [[None] * n_cols for _ in range(n - len(rows))]


def _id_locate(i: int, k: int) -> str:
    col = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)[k]
    return f"{col_letter(col)}{IDENT_TABLE.first_data_row + i}"


def _sc_locate(i: int, k: int) -> str:
    col = (A_ROLE, A_NAME, A_S3, A_S4, A_S5, A_RISK)[k]
    return f"{col_letter(col)}{SCORE_TABLE.first_data_row + i}"


def compute(id_block: list[list[Any]], sc_block: list[list[Any]], n_id: int,
            n_sc: int) -> Result:
    """Compute from the raw table bodies (rows from the first data row down)."""
    id_rows = _pad(id_block, n_id, ID_LAST)
    full = _pad(sc_block, n_sc, A_NOTE)
    sc_rows = [[r[A_ROLE - 1], r[A_NAME - 1], r[A_S3 - 1], r[A_S4 - 1], r[A_S5 - 1],
                r[A_RISK - 1]] for r in full]
    ident = sk.identify_rows(id_rows, sheet=IDENT, locate=_id_locate)
    scored = sk.score_rows(sc_rows, sheet=ANALISIS, locate=_sc_locate)
    return Result(ident, scored, n_id, n_sc, ident.problems + scored.problems)


def read(book: Any) -> tuple[Result, tuple[int, int], tuple[int, int]]:
    common.check_sheets(book.sheet_names(), REQUIRED_SHEETS)
    cur = (common.extent_rows(book.defined_name(IDENT_EXTENT), IDENT_TABLE.min_rows),
           common.extent_rows(book.defined_name(SCORE_EXTENT), SCORE_TABLE.min_rows))
    id_block = book.read_block(IDENT, IDENT_TABLE.first_data_row, ID_LAST)
    sc_block = book.read_block(ANALISIS, SCORE_TABLE.first_data_row, A_NOTE)
    shape = (max(cur[0], _last_nonblank(id_block, ID_LAST)),
             max(cur[1], _last_nonblank(sc_block, A_NOTE)))
    return compute(id_block, sc_block, *shape), shape, cur


# ================================================================== formula cells


def _valid_count(rng: str) -> str:
    return "(" + "+".join(f"({rng}={v})" for v in range(sk.SCORE_LO, sk.SCORE_HI + 1)) + ")"


def _in_list(ref: str, values: Sequence[str]) -> str:
    return "OR(" + ",".join(f'{ref}="{v}"' for v in values) + ")"


def formula_cells(shape: tuple[int, int]) -> list[FormulaCell]:
    n_id, n_sc = shape
    L = col_letter
    cells: list[FormulaCell] = []
    add = cells.append
    f0, fl = SCORE_TABLE.first_data_row, last_row(SCORE_TABLE, n_sc)
    roles_abs = f"${L(A_ROLE)}${f0}:${L(A_ROLE)}${fl}"
    nilai_abs = f"${L(A_NILAI)}${f0}:${L(A_NILAI)}${fl}"
    A, C, E, F, G, H, I = (L(c) for c in (A_ROLE, A_S3, A_S5, A_SKOR, A_RISK, A_NILAI, A_RANK))
    st = sk
    for i in range(n_sc):
        r = f0 + i
        scores = f"{C}{r}:{E}{r}"
        risk_ok = _in_list(f"{G}{r}", [str(v) for v in range(1, 5)]).replace('"', "")
        role_ok = _in_list(f"{A}{r}", sk.ROLES)
        add(FormulaCell(ANALISIS, f"{F}{r}",
                        f'IF(SUMPRODUCT({_valid_count(scores)})=3,SUM({scores}),"")',
                        lambda res, i=i: _b(res.scored.skor[i])))
        add(FormulaCell(ANALISIS, f"{H}{r}", f'IF(AND({F}{r}<>"",{risk_ok}),{F}{r}-{G}{r},"")',
                        lambda res, i=i: _b(res.scored.nilai[i])))
        add(FormulaCell(ANALISIS, f"{I}{r}",
                        f'IF(AND({H}{r}<>"",{role_ok}),'
                        f'COUNTIFS({roles_abs},{A}{r},{nilai_abs},">"&{H}{r})+1,"")',
                        lambda res, i=i: _b(res.scored.rank[i])))
        n_filled = f"COUNTA({scores},{G}{r})"
        n_valid = f"(SUMPRODUCT({_valid_count(scores)})+{risk_ok})"
        add(FormulaCell(
            ANALISIS, f"{L(A_KET)}{r}",
            f'IF(COUNTA({A}{r}:{E}{r},{G}{r})=0,"",'
            f'IF({n_filled}>{n_valid},"{st.STATUS_INVALID}",'
            f'IF({n_filled}<4,"{st.STATUS_UNSCORED}",'
            f'IF(NOT({role_ok}),IF({A}{r}="","{st.STATUS_NO_ROLE}","{st.STATUS_BAD_ROLE}"),'
            f'IF(COUNTIFS({roles_abs},{A}{r},{nilai_abs},{H}{r})>1,"{st.STATUS_TIE}","")))))',
            lambda res, i=i: res.scored.status[i]))
        q = {k: v[0] for k, v in sk.QUADRANTS.items()}
        add(FormulaCell(
            ANALISIS, f"{L(A_SARAN)}{r}",
            f'IF({H}{r}="","",IF({F}{r}>={sk.HIGH_INFLUENCE},'
            f'IF({G}{r}>={sk.HIGH_RISK},"{q[True, True]}","{q[True, False]}"),'
            f'IF({G}{r}>={sk.HIGH_RISK},"{q[False, True]}","{q[False, False]}")))',
            lambda res, i=i: res.scored.quadrant_label(i)))

    # Hasil: recap per role group
    i0, il = IDENT_TABLE.first_data_row, last_row(IDENT_TABLE, n_id)

    def idr(col: int) -> str:
        return abs_range(IDENT, col, i0, col, il)

    def anr(col: int) -> str:
        return abs_range(ANALISIS, col, f0, col, fl)

    id_role = idr(1)
    marks = [idr(ID_MARK0 + k) for k in range(4)]
    for g, role in enumerate(sk.ROLES):
        row = REKAP_ROW0 + g
        rc = f"$A{row}"
        add(FormulaCell(HASIL, f"{L(R_PERSONS)}{row}", f"COUNTIFS({id_role},{rc})",
                        lambda res, role=role: res.ident.persons[role]))
        for k in range(4):
            f = "+".join(f'COUNTIFS({id_role},{rc},{marks[k]},"{m}")' for m in sk.MARKS)
            add(FormulaCell(HASIL, f"{L(R_MARK0 + k)}{row}", f,
                            lambda res, role=role, k=k: res.ident.marks[role][k]))
        blank4 = "*".join(f'({m}="")' for m in marks)
        add(FormulaCell(HASIL, f"{L(R_NO_MARK)}{row}", f"SUMPRODUCT(({id_role}={rc})*{blank4})",
                        lambda res, role=role: res.ident.no_mark[role]))
        add(FormulaCell(HASIL, f"{L(R_CONTACT)}{row}",
                        f'SUMPRODUCT(({id_role}={rc})*((({idr(3)}="")+({idr(4)}=""))>0))',
                        lambda res, role=role: res.ident.incomplete_contact[role]))
        an_role = anr(A_ROLE)
        add(FormulaCell(HASIL, f"{L(R_SCORED)}{row}",
                        f'COUNTIFS({an_role},{rc},{anr(A_NILAI)},">=-1000")',
                        lambda res, role=role: _count(res, role, lambda s, i: s.nilai[i]
                                                      is not None)))
        add(FormulaCell(HASIL, f"{L(R_UNSCORED)}{row}",
                        f'COUNTIFS({an_role},{rc},{anr(A_KET)},"{sk.STATUS_UNSCORED}")',
                        lambda res, role=role: _count(res, role, lambda s, i: s.status[i]
                                                      == sk.STATUS_UNSCORED)))
        add(FormulaCell(HASIL, f"{L(R_INVALID)}{row}",
                        f'COUNTIFS({an_role},{rc},{anr(A_KET)},"{sk.STATUS_INVALID}")',
                        lambda res, role=role: _count(res, role, lambda s, i: s.status[i]
                                                      == sk.STATUS_INVALID)))
        add(FormulaCell(HASIL, f"{L(R_MEAN)}{row}",
                        f'IF({L(R_SCORED)}{row}=0,"",SUMIFS({anr(A_NILAI)},{an_role},{rc})'
                        f"/{L(R_SCORED)}{row})",
                        lambda res, role=role: _b(_mean(res, role))))
    t = REKAP_TOTAL
    for col, fn in [(R_PERSONS, lambda res: sum(res.ident.persons.values())),
                    *[(R_MARK0 + k, lambda res, k=k: sum(m[k] for m in res.ident.marks.values()))
                      for k in range(4)],
                    (R_NO_MARK, lambda res: sum(res.ident.no_mark.values())),
                    (R_CONTACT, lambda res: sum(res.ident.incomplete_contact.values())),
                    (R_SCORED, lambda res: sum(_count(res, r, lambda s, i: s.nilai[i] is not None)
                                               for r in sk.ROLES)),
                    (R_UNSCORED, lambda res: sum(_count(res, r, lambda s, i: s.status[i]
                                                        == sk.STATUS_UNSCORED) for r in sk.ROLES)),
                    (R_INVALID, lambda res: sum(_count(res, r, lambda s, i: s.status[i]
                                                       == sk.STATUS_INVALID) for r in sk.ROLES))]:
        add(FormulaCell(HASIL, f"{L(col)}{t}", f"SUM({L(col)}{REKAP_ROW0}:{L(col)}{t - 1})", fn))
    return cells


def _b(x: Any) -> Any:
    return "" if x is None else x


def _count(res: Result, role: str, pred: Any) -> int:
    s = res.scored
    return sum(1 for i in range(len(s)) if s.roles[i] == role and pred(s, i))


def _mean(res: Result, role: str) -> float | None:
    s = res.scored
    vals = [s.nilai[i] for i in range(len(s)) if s.roles[i] == role and s.nilai[i] is not None]
    return sum(vals) / len(vals) if vals else None


# ============================================================ tables Python writes


def invitation_rows(res: Result) -> list[list[Any]]:
    s = res.scored
    out = []
    for i in sk.invitation_list(s):
        if s.empty[i]:
            continue
        out.append([s.roles[i], s.rank[i], s.names[i], s.skor[i], s.risk[i], s.nilai[i],
                    s.quadrant_label(i), s.status[i] or None, res.row_of(i)])
    return out


def map_rows(res: Result) -> list[list[Any]]:
    """Chart data: one row per (role group, Skor, Resiko) point, with how many people
    and who; the x/y/n columns of its role group feed that group's bubble series."""
    s = res.scored
    order = sk.invitation_list(s)
    out = []
    for g, role in enumerate(sk.ROLES):
        points: dict[tuple[float, float], list[str]] = {}
        for i in order:
            if s.roles[i] == role and s.nilai[i] is not None:
                points.setdefault((s.skor[i], s.risk[i]), []).append(
                    "" if s.names[i] is None else str(s.names[i]))
        for (x, y), names in sorted(points.items()):
            row: list[Any] = [role, x, y, len(names), _names(names), None] + [None] * 9
            c = 6 + 3 * g
            row[c:c + 3] = [x + PETA_OFFSETS[g], y, len(names)]
            out.append(row)
    return out


def _names(names: list[str]) -> str:
    text = "; ".join(names[:8])
    return text + (f"; … (+{len(names) - 8})" if len(names) > 8 else "")


def value_tables(res: Result) -> list[tuple[str, int, list[list[Any]], int]]:
    return [(HASIL, LIST_ROW0, invitation_rows(res), len(LIST_HEADERS)),
            (PETA, PETA_ROW0, map_rows(res), len(PETA_HEADERS))]


# ===================================================================== JSON / text


def layout_json() -> dict[str, Any]:
    return {
        "template": TEMPLATE_ID,
        "version": TEMPLATE_VERSION,
        "sheets": list(SHEETS),
        "tables": [
            IDENT_TABLE.to_json() | {"extent_name": IDENT_EXTENT,
                                     "values": {"peran": list(sk.ROLES),
                                                "tanda": list(sk.MARKS),
                                                "ring": list(sk.RINGS)}},
            SCORE_TABLE.to_json() | {"extent_name": SCORE_EXTENT,
                                     "values": {"peran": list(sk.ROLES),
                                                "skor": "bilangan bulat 1–4; kosong = belum "
                                                        "dinilai"}},
        ],
        "settings": [],
        "outputs": {
            "recap": {"sheet": HASIL, "header_row": REKAP_HEADER, "first_data_row": REKAP_ROW0,
                      "columns": REKAP_HEADERS},
            "invitation_list": {"sheet": HASIL, "header_row": LIST_HEADER,
                                "first_data_row": LIST_ROW0, "columns": list(LIST_HEADERS)},
            "problems": common.masalah_json(),
        },
    }


def result_json(res: Result, lang: str = "id") -> dict[str, Any]:
    s = res.scored
    people = []
    for i in range(len(s)):
        if s.empty[i]:
            continue
        people.append({"row": res.row_of(i), "role": s.roles[i], "name": s.names[i],
                       "skor": s.skor[i], "resiko": s.risk[i], "nilai_akhir": s.nilai[i],
                       "rank": s.rank[i], "tied": s.tie[i], "status": s.status[i],
                       "quadrant": s.quadrant_label(i) or None})
    invitations = invitation_rows(res)
    groups = {}
    for role in sk.ROLES:
        groups[role] = {
            "persons_identified": res.ident.persons[role],
            "keterkaitan": dict(zip(sk.KETERKAITAN, res.ident.marks[role])),
            "no_mark": res.ident.no_mark[role],
            "incomplete_contact": res.ident.incomplete_contact[role],
            "scored": _count(res, role, lambda s, i: s.nilai[i] is not None),
            "unscored": _count(res, role, lambda s, i: s.status[i] == sk.STATUS_UNSCORED),
            "mean_nilai_akhir": _mean(res, role),
            "invitation": [r[2] for r in invitations if r[0] == role and r[1]],
        }
    return {"schema": "xlpokja/analisis_pemangku/1", "template": TEMPLATE_ID,
            "groups": groups, "people": people, "valid": res.valid,
            "problems": [p.to_dict(lang) for p in res.problems]}


def resume_text(res: Result) -> str:
    out = ["ANALISIS PEMANGKU KEPENTINGAN (Tabel 6-1 dan Tabel 6-2)", ""]
    rows = invitation_rows(res)
    for role in sk.ROLES:
        out.append(f"{role}:")
        mine = [r for r in rows if r[0] == role]
        if not mine:
            out.append("  (belum ada)")
        for r in mine:
            rank = "–" if r[1] is None else str(r[1])
            val = "–" if r[5] is None else format_number(r[5])
            out.append(f"  {rank:>3}. {str(r[2] or ''):<40} nilai akhir {val:>3}  "
                       f"{r[6] or ''}{'  ' + r[7] if r[7] else ''}")
        out.append("")
    out += common.problems_text(res.problems)
    return "\n".join(out)


#: the form buttons (built by ``xlpokja build``, rebuilt by Hitung when damaged)
BUTTONS = (Button(ANALISIS, 640.0, 2.0), Button(HASIL, 640.0, 2.0))
