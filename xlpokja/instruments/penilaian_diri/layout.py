"""The published layout of ``penilaian_diri.xlsm`` and everything derived from it.

One description serves the template builder (sheets, headers, formulas), the
Hitung action (where to read, what to extend, where to write problems), the
headless engine (the value of every formula cell, from the core) and
``xlpokja layout`` (the JSON contract for other programs).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from xlpokja.core.bands import BOUNDARIES, LABELS, band_of, keterangan
from xlpokja.core.problems import DATE_NOTE, ERROR, WARNING, Problem, format_number
from xlpokja.instruments.penilaian_diri import calc as q
from xlpokja.instruments.penilaian_diri import stats as st
from xlpokja.layout import common
from xlpokja.layout.base import (
    GABUNG_BUTTON,
    Button,
    Column,
    FormulaCell,
    Setting,
    Table,
    abs_range,
    col_letter,
)

TEMPLATE_ID = "penilaian_diri"
TEMPLATE_VERSION = "3"
FILE_NAME = "penilaian_diri.xlsm"
TITLE = "LEMBAR PENILAIAN DIRI SENDIRI KELOMPOK KERJA"

PETUNJUK, FORMULIR, JAWABAN, STATUS = "Petunjuk", "Formulir", "Jawaban", "Status"
TABULASI, RINGKASAN, REFERENSI, MASALAH = "Tabulasi", "Ringkasan", "Referensi", "Masalah"
GABUNG = "Gabung"  # the log of merges (optional: workbooks made before it lack it)
STATISTIK = "Statistik"  # questionnaire statistics (issue 13): see its block below
SHEETS = (PETUNJUK, FORMULIR, JAWABAN, STATUS, TABULASI, RINGKASAN, STATISTIK, REFERENSI,
          MASALAH, GABUNG)
#: Statistik is not required: a workbook built before it still computes (its figures are in
#: ``recalc --json``), Hitung writes it when it is there
REQUIRED_SHEETS = (JAWABAN, STATUS, TABULASI, RINGKASAN, REFERENSI, MASALAH)

# ------------------------------------------------------------------ the answer table
_ITEM_COL0 = 2  # column B holds item A1
ANSWERS = Table(
    name="jawaban",
    sheet=JAWABAN,
    header_row=4,
    first_data_row=5,
    columns=(
        Column("responden", "Responden", 1, note="kode atau nama, boleh anonim"),
        *(Column(k, k, _ITEM_COL0 + j) for j, k in enumerate(q.ITEM_KEYS)),
    ),
    min_rows=50,
)
COL_RESP = 1
COL_FIRST_ITEM = _ITEM_COL0
COL_LAST_ITEM = _ITEM_COL0 + 35
#: where a row came from, written by Gabung right of the answers (empty for rows typed in).
#: Optional: a workbook made before they existed has blank headers there.
PROVENANCE = (
    Column("sumber_berkas", "Sumber: berkas", COL_LAST_ITEM + 1, "provenance",
           "berkas asal jawaban (relatif terhadap folder yang digabung)"),
    Column("sumber_sheet", "Sumber: sheet", COL_LAST_ITEM + 2, "provenance",
           "sheet asal; kosong untuk CSV"),
    Column("sumber_baris", "Sumber: baris", COL_LAST_ITEM + 3, "provenance",
           "baris asal di sheet itu"),
    Column("waktu_berkas", "Waktu berkas", COL_LAST_ITEM + 4, "provenance",
           "waktu perubahan berkas asal (ISO 8601)"),
    Column("id_kiriman", "ID kiriman", COL_LAST_ITEM + 5, "provenance",
           "_uuid KoboToolbox/ODK"),
    Column("waktu_kiriman", "Waktu kiriman", COL_LAST_ITEM + 6, "provenance",
           "waktu kirim (KoboToolbox, Google Forms)"),
)
COL_LAST_PROV = PROVENANCE[-1].index
#: defined name that records how far the table's formulas reach
EXTENT_NAME = "PD_JAWABAN"
MAX_ROW = 1048576  # validation covers the item columns to the sheet's end

# -------------------------------------------------------------------------- Status
# One computed row per answer row, on the same row number as in Jawaban. Kept off the
# answer sheet so the (possibly 10,000-row) input is never rewritten by Hitung.
STATUS_HEADER_ROW = 4
ST_TERISI, ST_SAH, ST_DIPAKAI, ST_KET, ST_RESP = 1, 2, 3, 4, 5
STATUS_COLUMNS = (
    Column("terisi", "Terisi", ST_TERISI, "formula", "jumlah sel jawaban yang terisi"),
    Column("sah", "Sah", ST_SAH, "formula", "jumlah jawaban sah (0–5)"),
    Column("dipakai", "Dipakai", ST_DIPAKAI, "formula", "1 bila lembar dipakai menurut kebijakan"),
    Column("keterangan", "Keterangan", ST_KET, "formula", "kosong / lengkap / ..."),
    Column("responden", "Responden", ST_RESP, "formula", "kode responden baris ini (Jawaban)"),
)
#: sheets whose rows from the given row down are wholly computed and rewritten by Hitung
GENERATED = {STATUS: ANSWERS.first_data_row}
STATUS_TEXT = {"empty": "kosong", "complete": "lengkap", "invalid": "ada jawaban tidak sah",
               "partial": "belum lengkap"}

# --------------------------------------------------------------------------- Gabung
#: the merge log: one line per source read, column mapped and problem found; appended to
#: by every Gabung, never rewritten (earlier merges stay readable)
GABUNG_HEADER_ROW = 4
GABUNG_COLUMNS = (
    Column("waktu", "Waktu gabung", 1, "log"),
    Column("berkas", "Berkas", 2, "log"),
    Column("sheet", "Sheet", 3, "log"),
    Column("sel", "Sel / kolom", 4, "log"),
    Column("jenis", "Jenis", 5, "log", "ringkasan / pemetaan / masalah / catatan"),
    Column("keterangan", "Keterangan", 6, "log"),
)

# ------------------------------------------------------------------------ Referensi
REF_SCALE_ROW = 4  # values 0..5 in rows 4..9
REF_BAND_HEADER = 11
REF_BAND_ROW0 = 12  # band 0 in row 12, band 5 in row 17
POLICY = Setting(
    "kebijakan", REFERENSI, "C20", "Kebijakan lembar tidak lengkap",
    tuple(q.POLICY_LABELS.values()), q.POLICY_LABELS[q.POLICY_AVAILABLE],
)
REF_RULES_ROW = 22
BOUNDS_RANGE = abs_range(REFERENSI, 2, REF_BAND_ROW0 + 1, 2, REF_BAND_ROW0 + 5)
LABELS_RANGE = abs_range(REFERENSI, 3, REF_BAND_ROW0, 3, REF_BAND_ROW0 + 5)

# ------------------------------------------------------------------------- Tabulasi
TAB_ITEM_HEADER = 5
TAB_ITEM_ROW0 = 6  # item j in row 6 + j
TAB_COMP_HEADER = 44
TAB_COMP_ROW0 = 45  # component c in row 45 + c
TAB_COUNT_COL0 = 5  # E..J: counts of 0..5
TAB_N, TAB_BLANK, TAB_INVALID, TAB_TOTAL, TAB_MEAN = 11, 12, 13, 14, 15  # K L M N O
TAB_PROD_COL0 = 17  # Q..V: value x count (components)

# ------------------------------------------------------------------------ Ringkasan
RES_FIELDS = (("kelompok_kerja", "Kelompok Kerja", "C3"), ("lokasi", "Lokasi", "C4"),
              ("waktu", "Waktu", "C5"))
RES_HEADER = 7
RES_ROW0 = 8  # component c in row 8 + c
RES_X, RES_K, RES_N, RES_NOTE, RES_SCORE = 14, 15, 16, 17, 19
RES_FILLED, RES_COMPLETE, RES_USED, RES_POLICY, RES_INVALID, RES_CHECK = 21, 22, 23, 24, 25, 26

# -------------------------------------------------------------------------- Masalah
MASALAH_HEADERS, MASALAH_HEADER_ROW = common.MASALAH_HEADERS, common.MASALAH_HEADER_ROW
MASALAH_FIRST_ROW, MASALAH_COUNT_CELL = common.MASALAH_FIRST_ROW, common.MASALAH_COUNT_CELL


def last_row(n_rows: int) -> int:
    return ANSWERS.first_data_row + n_rows - 1


def extent_ref(n_rows: int) -> str:
    return abs_range(JAWABAN, 1, ANSWERS.first_data_row, COL_LAST_ITEM, last_row(n_rows))


def validation_sqref() -> str:
    return (f"{col_letter(COL_FIRST_ITEM)}{ANSWERS.first_data_row}:"
            f"{col_letter(COL_LAST_ITEM)}{MAX_ROW}")


def status_text(filled: int, valid: int) -> str:
    if filled == 0:
        return STATUS_TEXT["empty"]
    if valid == len(q.ITEM_KEYS):
        return STATUS_TEXT["complete"]
    return STATUS_TEXT["invalid"] if valid < filled else STATUS_TEXT["partial"]


# ============================================================== reading the answer table


@dataclass
class TableRead:
    """The answer table as read from a workbook, validated cell by cell."""

    answers: q.Answers
    problems: list[Problem]  # header + cell + respondent problems
    n_data_rows: int  # rows up to the last non-empty one
    #: per answer row, the provenance columns (``PROVENANCE`` order) as read; blank: None
    provenance: list[list[Any]] = field(default_factory=list)


def _locate(i: int, j: int | None) -> str:
    col = COL_RESP if j is None else COL_FIRST_ITEM + j
    return f"{col_letter(col)}{ANSWERS.first_data_row + i}"


def read_table(matrix: Sequence[Sequence[Any]], n_rows: int | None = None,
               extra_headers: Sequence[tuple[str, Any]] = ()) -> TableRead:
    """Read the table from its header row down (columns A..AK).

    ``n_rows`` pads the table to the formatted extent; ``extra_headers`` are
    (cell, value) pairs of non-empty headers right of the table's known columns.
    """
    header = list(matrix[0]) if matrix else []
    problems: list[Problem] = []
    for j, key in enumerate(q.ITEM_KEYS):
        col = COL_FIRST_ITEM - 1 + j
        found = header[col] if col < len(header) else None
        text = "" if found is None else str(found).strip()
        if text.upper() != key:
            problems.append(Problem("JUDUL_KOLOM_BERUBAH", JAWABAN,
                                    f"{col_letter(col + 1)}{ANSWERS.header_row}",
                                    repr(key), repr(found) if found not in (None, "") else "kosong"))
    for ref, value in extra_headers:
        problems.append(Problem("BUTIR_TIDAK_DIKENAL", JAWABAN, ref,
                                "butir A1–F5 saja", repr(value)))
    body = [list(r) for r in matrix[1:]]
    last = 0
    for i, r in enumerate(body):
        if any(v not in (None, "") for v in r[:COL_LAST_ITEM]):
            last = i + 1
    body = body[:last]
    if n_rows is not None and n_rows > last:
        body += [[None] * COL_LAST_ITEM for _ in range(n_rows - last)]
    respondents = [r[0] if r else None for r in body]
    rows = [r[COL_FIRST_ITEM - 1:COL_LAST_ITEM] for r in body]
    answers = q.read_answers(respondents, rows, sheet=JAWABAN, locate=_locate)
    n_prov = len(PROVENANCE)
    prov = [(r[COL_LAST_ITEM:COL_LAST_PROV] + [None] * n_prov)[:n_prov] for r in body]
    flags = duplicate_flags(answers, prov)
    return TableRead(answers, problems + answers.problems + flags, last, prov)


def _source_of(prov: Sequence[Any]) -> str:
    """" (dari ani.xlsx)" for a merged row, "" for a row typed in."""
    f = prov[0] if prov else None
    return "" if f in (None, "") else f" (dari {f})"


def duplicate_flags(answers: q.Answers, prov: Sequence[Sequence[Any]]) -> list[Problem]:
    """Warnings for the same sheet entered twice, flagged and never dropped (both rows
    count): ``JAWABAN_IDENTIK`` where a row repeats every answer of an earlier row (at
    least :data:`calc.IDENTICAL_MIN` valid answers, blanks in the same items), and
    ``KIRIMAN_GANDA`` where two rows carry the same survey submission id (``ID kiriman``)
    or the same respondent with the same submission time."""
    out: list[Problem] = []
    for i, first in q.identical_rows(answers):
        out.append(Problem(
            "JAWABAN_IDENTIK", JAWABAN, _locate(i, None), "lembar yang berbeda",
            f"{answers.valid[i]} jawaban sama dengan baris {ANSWERS.first_data_row + first}"
            f"{_source_of(prov[first] if first < len(prov) else ())}", WARNING))
    ids: dict[str, int] = {}
    sent: dict[tuple[str, str], int] = {}
    i_id, i_time = 4, 5  # id_kiriman, waktu_kiriman in PROVENANCE
    for i, p in enumerate(prov):
        sid = "" if p[i_id] is None else str(p[i_id]).strip()
        when = "" if p[i_time] is None else str(p[i_time]).strip()
        who = answers.respondents[i] if i < len(answers.respondents) else None
        who = "" if who is None else str(who).strip().casefold()
        ref = f"{PROVENANCE[i_id].letter}{ANSWERS.first_data_row + i}"
        if sid:
            if sid in ids:
                out.append(Problem("KIRIMAN_GANDA", JAWABAN, ref, "ID kiriman yang unik",
                                   f"{sid!r} juga di baris {ANSWERS.first_data_row + ids[sid]}",
                                   WARNING))
                continue
            ids[sid] = i
        if who and when:
            if (who, when) in sent:
                out.append(Problem(
                    "KIRIMAN_GANDA", JAWABAN,
                    f"{PROVENANCE[i_time].letter}{ANSWERS.first_data_row + i}",
                    "satu kiriman per responden dan waktu",
                    f"responden dan waktu {when!r} sama dengan baris "
                    f"{ANSWERS.first_data_row + sent[(who, when)]}", WARNING))
            else:
                sent[(who, when)] = i
    return out


def read_policy(raw: Any) -> tuple[str, list[Problem]]:
    """Policy key from the setting cell; unknown text -> default + a problem."""
    text = "" if raw is None else str(raw).strip()
    for key, label in q.POLICY_LABELS.items():
        if text == label:
            return key, []
    if text == "":
        return q.POLICY_AVAILABLE, []
    return q.POLICY_AVAILABLE, [Problem(
        "PENGATURAN_TIDAK_SAH", POLICY.sheet, POLICY.ref,
        " atau ".join(repr(x) for x in POLICY.choices), repr(text))]


_SHORT = {
    "NILAI_BUKAN_ANGKA": "bukan angka",
    "NILAI_DI_LUAR_SKALA": "di luar 0–5",
    "NILAI_BUKAN_BULAT": "bukan bilangan bulat",
    "NILAI_ERROR": "galat Excel",
    "RESPONDEN_GANDA": "responden ganda",
    "LEMBAR_TANPA_JAWABAN": "tanpa jawaban",
    "JAWABAN_IDENTIK": "sama dengan lembar lain",
    "JUDUL_KOLOM_BERUBAH": "judul kolom berubah",
    "BUTIR_TIDAK_DIKENAL": "butir tidak dikenal",
}


def _respondent(res: Any, i: int) -> Any:
    """Status column E: the respondent code of answer row i, as Excel's echo shows it."""
    r = res.table.answers.respondents
    v = r[i] if i < len(r) else None
    return "" if v is None else v


def _short_found(found: str) -> str:
    """What the résumé line quotes of a problem: without the date note and without where a
    merged row came from (the workbook's own formula sees the answer table A:AK only)."""
    return found.partition(" " + DATE_NOTE)[0].partition(" (dari ")[0]


def validation_summary(table: TableRead) -> str:
    """One line for the résumé: how many problems and where the first ones are, within the
    answer table A:AK (what the cell's own formula looks at; a column right of the table is
    listed on Masalah only)."""
    probs = [p for p in table.problems if p.code not in ("BUTIR_TIDAK_DIKENAL", "KIRIMAN_GANDA")]
    a = table.answers
    filled = sum(1 for f in a.filled if f > 0)
    complete = a.valid.count(len(q.ITEM_KEYS))
    if not probs:
        return f"Tidak ada masalah: {filled} lembar terisi, {complete} lengkap."
    # the number Excel computes with, as the workbook's own formula shows it (no date note)
    shown = "; ".join(f"{p.cell} {_SHORT.get(p.code, p.code)} "
                      f"({_short_found(p.found)})" for p in probs[:3])
    more = f"; dan {len(probs) - 3} lainnya" if len(probs) > 3 else ""
    return f"{len(probs)} masalah: {shown}{more}. Tekan Hitung, lalu lihat sheet Masalah."


# ===================================================================== the result


@dataclass
class Result:
    """Everything the workbook computes, as the core computes it."""

    table: TableRead
    tab: q.Tabulation
    policy_raw: Any
    fields: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    template: Any = None  # the template module, set by recalc for the CLI
    stats: st.Statistics | None = None  # set by compute()
    has_statistik: bool = True  # the workbook has the Statistik sheet (Hitung writes it)

    @property
    def valid(self) -> bool:
        return not any(p.severity == ERROR for p in self.problems)


def compute(table: TableRead, policy_raw: Any, fields: dict[str, Any] | None = None) -> Result:
    policy, pproblems = read_policy(policy_raw)
    tab = q.tabulate(table.answers, policy)
    return Result(table, tab, policy_raw, dict(fields or {}), pproblems + table.problems,
                  stats=st.statistics(table.answers.values, tab.used))


def _blank(x: float | None) -> Any:
    return "" if x is None else x


# ================================================================== formula cells


def _is_value(r: str, v: int) -> str:
    """1 where the cells of ``r`` hold the number v. In Excel text never equals a number
    (unlike COUNTIF, which counts the text "3" as 3), but a blank equals 0, so 0 also
    needs ``<>""``. ISNUMBER over a range is avoided: formualizer 0.13 does not
    vectorise it."""
    return f'({r}=0)*({r}<>"")' if v == 0 else f"({r}={v})"


def _valid_sum(r: str) -> str:
    return "(" + "+".join(_is_value(r, v) for v in q.SCALE) + ")"


def formula_cells(n_rows: int) -> list[FormulaCell]:
    """Every computed cell of the workbook for an answer table of ``n_rows`` rows."""
    first, last = ANSWERS.first_data_row, last_row(n_rows)
    cells: list[FormulaCell] = []
    add = cells.append
    L = col_letter
    fi, li = L(COL_FIRST_ITEM), L(COL_LAST_ITEM)
    pol = f"{POLICY.sheet}!${POLICY.ref[0]}${POLICY.ref[1:]}"
    lengkap = q.POLICY_LABELS[q.POLICY_COMPLETE]

    # Status: one row per answer row
    T, S, D, K = (L(c) for c in (ST_TERISI, ST_SAH, ST_DIPAKAI, ST_KET))
    for i in range(n_rows):
        r = first + i
        row = f"{JAWABAN}!{fi}{r}:{li}{r}"
        # filled = not blank as COUNTBLANK sees it: a formula giving "" is blank, as in the core
        add(FormulaCell(STATUS, f"{T}{r}", f"COLUMNS({row})-COUNTBLANK({row})",
                        lambda res, i=i: res.tab.filled[i]))
        add(FormulaCell(STATUS, f"{S}{r}", f"SUMPRODUCT({_valid_sum(row)})",
                        lambda res, i=i: res.tab.valid[i]))
        add(FormulaCell(STATUS, f"{D}{r}",
                        f'IF(AND({T}{r}>0,OR({pol}<>"{lengkap}",{S}{r}=36)),1,0)',
                        lambda res, i=i: res.tab.used[i]))
        st = STATUS_TEXT
        add(FormulaCell(STATUS, f"{K}{r}",
                        f'IF({T}{r}=0,"{st["empty"]}",IF({S}{r}=36,"{st["complete"]}",'
                        f'IF({S}{r}<{T}{r},"{st["invalid"]}","{st["partial"]}")))',
                        lambda res, i=i: status_text(res.tab.filled[i], res.tab.valid[i])))
        who = f"{JAWABAN}!{L(ANSWERS.column('responden').index)}{r}"
        add(FormulaCell(STATUS, f"{L(ST_RESP)}{r}", f'IF({who}="","",{who})',
                        lambda res, i=i: _respondent(res, i)))

    used = abs_range(STATUS, ST_DIPAKAI, first, ST_DIPAKAI, last)
    filled = abs_range(STATUS, ST_TERISI, first, ST_TERISI, last)
    sah = abs_range(STATUS, ST_SAH, first, ST_SAH, last)

    def stat_cells(row: int, stats: Any, count_formula: Any, n_blank: Any, n_invalid: Any,
                   blank_f: str, invalid_f: str) -> None:
        for v in q.SCALE:
            add(FormulaCell(TABULASI, f"{L(TAB_COUNT_COL0 + v)}{row}", count_formula(v),
                            lambda res, v=v: stats(res).counts[v]))
        add(FormulaCell(TABULASI, f"{L(TAB_N)}{row}",
                        f"SUM({L(TAB_COUNT_COL0)}{row}:{L(TAB_COUNT_COL0 + 5)}{row})",
                        lambda res: stats(res).n))
        add(FormulaCell(TABULASI, f"{L(TAB_BLANK)}{row}", blank_f, n_blank))
        add(FormulaCell(TABULASI, f"{L(TAB_INVALID)}{row}", invalid_f, n_invalid))
        add(FormulaCell(TABULASI, f"{L(TAB_TOTAL)}{row}",
                        "+".join(f"{v}*{L(TAB_COUNT_COL0 + v)}{row}" for v in q.SCALE[1:]),
                        lambda res: stats(res).total))
        add(FormulaCell(TABULASI, f"{L(TAB_MEAN)}{row}",
                        f'IF({L(TAB_N)}{row}=0,"",{L(TAB_TOTAL)}{row}/{L(TAB_N)}{row})',
                        lambda res: _blank(stats(res).mean)))

    # Tabulasi: items
    for j, key in enumerate(q.ITEM_KEYS):
        row = TAB_ITEM_ROW0 + j
        rng = abs_range(JAWABAN, COL_FIRST_ITEM + j, first, COL_FIRST_ITEM + j, last)
        stat_cells(
            row, lambda res, key=key: res.tab.items[key],
            lambda v, rng=rng: f"SUMPRODUCT({_is_value(rng, v)}*{used})",
            lambda res, key=key: res.tab.blanks[key],
            lambda res, key=key: res.tab.invalid[key],
            f'SUMPRODUCT(({rng}="")*({filled}>0))',
            f"ROWS({rng})-COUNTBLANK({rng})-SUMPRODUCT({_valid_sum(rng)})",
        )
    # Tabulasi: components
    for c, comp in enumerate(q.COMPONENTS):
        row = TAB_COMP_ROW0 + c
        sl = q.COMPONENT_SLICES[comp.key]
        r1, r2 = TAB_ITEM_ROW0 + sl.start, TAB_ITEM_ROW0 + sl.stop - 1
        keys = q.ITEM_KEYS[sl]
        stat_cells(
            row, lambda res, k=comp.key: res.tab.components[k],
            lambda v, r1=r1, r2=r2: f"SUM({L(TAB_COUNT_COL0 + v)}{r1}:{L(TAB_COUNT_COL0 + v)}{r2})",
            lambda res, keys=keys: sum(res.tab.blanks[k] for k in keys),
            lambda res, keys=keys: sum(res.tab.invalid[k] for k in keys),
            f"SUM({L(TAB_BLANK)}{r1}:{L(TAB_BLANK)}{r2})",
            f"SUM({L(TAB_INVALID)}{r1}:{L(TAB_INVALID)}{r2})",
        )
        for v in q.SCALE:
            add(FormulaCell(TABULASI, f"{L(TAB_PROD_COL0 + v)}{row}",
                            f"{v}*{L(TAB_COUNT_COL0 + v)}{row}",
                            lambda res, k=comp.key, v=v: res.tab.components[k].products[v]))

    # Ringkasan
    def band_formula(score: str, n: str) -> str:
        return f"IF({n}=0,0,MATCH(ROUND({score},2),{BOUNDS_RANGE},1))"

    def label_formula(score: str, n: str, band: str) -> str:
        native = f'{band}&" – "&INDEX({LABELS_RANGE},{band}+1)'
        return f"IFERROR(PKJ_KETERANGAN({score},{n}),{native})"

    def label_value(score: float | None, n: int) -> str:
        return keterangan(_blank(score), n)

    for c, comp in enumerate(q.COMPONENTS):
        row, trow = RES_ROW0 + c, TAB_COMP_ROW0 + c
        D, E, F = f"D{row}", f"E{row}", f"F{row}"
        add(FormulaCell(RINGKASAN, D,
                        f'IF({TABULASI}!{L(TAB_N)}{trow}=0,"",{TABULASI}!{L(TAB_MEAN)}{trow})',
                        lambda res, k=comp.key: _blank(res.tab.components[k].mean)))
        add(FormulaCell(RINGKASAN, E, f"{TABULASI}!{L(TAB_N)}{trow}",
                        lambda res, k=comp.key: res.tab.components[k].n))
        add(FormulaCell(RINGKASAN, F, band_formula(D, E),
                        lambda res, k=comp.key: band_of(res.tab.components[k].mean).band))
        add(FormulaCell(RINGKASAN, f"G{row}", label_formula(D, E, F),
                        lambda res, k=comp.key: label_value(res.tab.components[k].mean,
                                                            res.tab.components[k].n),
                        udf=True))
    r0, r5 = RES_ROW0, RES_ROW0 + 5
    add(FormulaCell(RINGKASAN, f"D{RES_X}", f"SUM(D{r0}:D{r5})", lambda res: res.tab.x))
    add(FormulaCell(RINGKASAN, f"D{RES_K}", f"COUNT(D{r0}:D{r5})", lambda res: res.tab.k))
    N = f"D{RES_N}"
    add(FormulaCell(RINGKASAN, N, f'IF(D{RES_K}=0,"",D{RES_X}/D{RES_K})',
                    lambda res: _blank(res.tab.n_score)))
    add(FormulaCell(RINGKASAN, f"E{RES_N}", f"SUM(E{r0}:E{r5})",
                    lambda res: sum(s.n for s in res.tab.components.values())))
    add(FormulaCell(RINGKASAN, f"F{RES_N}", band_formula(N, f"D{RES_K}"),
                    lambda res: band_of(res.tab.n_score).band))
    add(FormulaCell(RINGKASAN, f"G{RES_N}", label_formula(N, f"D{RES_K}", f"F{RES_N}"),
                    lambda res: label_value(res.tab.n_score, res.tab.k), udf=True))
    add(FormulaCell(
        RINGKASAN, f"B{RES_NOTE}",
        f'IF(AND(D{RES_K}>0,D{RES_K}<6),"Perhatian: N dihitung dari "&D{RES_K}&'
        f'" komponen yang berdata, bukan 6.","")',
        lambda res: (f"Perhatian: N dihitung dari {res.tab.k} komponen yang berdata, bukan 6."
                     if res.tab.n_flagged else "")))
    add(FormulaCell(RINGKASAN, f"D{RES_SCORE}", f'IF({N}="","",ROUND({N},2))',
                    lambda res: "" if res.tab.n_score is None else band_of(res.tab.n_score).rounded))
    add(FormulaCell(RINGKASAN, f"E{RES_SCORE}", f"G{RES_N}",
                    lambda res: label_value(res.tab.n_score, res.tab.k), udf=True))
    add(FormulaCell(RINGKASAN, f"D{RES_FILLED}", f'COUNTIF({filled},">0")',
                    lambda res: res.tab.sheets_filled))
    add(FormulaCell(RINGKASAN, f"D{RES_COMPLETE}", f"COUNTIF({sah},36)",
                    lambda res: res.tab.sheets_complete))
    add(FormulaCell(RINGKASAN, f"D{RES_USED}", f"SUM({used})", lambda res: res.tab.sheets_used))
    add(FormulaCell(RINGKASAN, f"D{RES_POLICY}", pol,
                    lambda res: "" if res.policy_raw is None else res.policy_raw))
    inv = abs_range(TABULASI, TAB_INVALID, TAB_ITEM_ROW0, TAB_INVALID, TAB_ITEM_ROW0 + 35)
    add(FormulaCell(RINGKASAN, f"D{RES_INVALID}", f"SUM({inv})",
                    lambda res: sum(res.tab.invalid.values())))
    table_rng = abs_range(JAWABAN, 1, ANSWERS.header_row, COL_LAST_ITEM, last)
    add(FormulaCell(
        RINGKASAN, f"D{RES_CHECK}",
        f"IFERROR(PKJ_VALIDASI({table_rng}),IF(D{RES_INVALID}=0,"
        f'"Tidak ada jawaban tidak sah. Pemeriksaan lengkap: tekan Hitung.",'
        f'D{RES_INVALID}&" jawaban tidak sah: tekan Hitung, lalu lihat sheet Masalah."))',
        lambda res: validation_summary(res.table), udf=True))
    return cells


# ===================================================================== layout JSON


def layout_json() -> dict[str, Any]:
    return {
        "template": TEMPLATE_ID,
        "version": TEMPLATE_VERSION,
        "sheets": list(SHEETS),
        "tables": [ANSWERS.to_json() | {
            "extent_name": EXTENT_NAME,
            "status_sheet": {"sheet": STATUS, "header_row": STATUS_HEADER_ROW,
                             "first_data_row": ANSWERS.first_data_row,
                             "columns": [{"key": c.key, "header": c.header, "letter": c.letter}
                                         for c in STATUS_COLUMNS],
                             "note": "dihitung; baris sama dengan baris di Jawaban"},
            "provenance": [{"key": c.key, "header": c.header, "letter": c.letter,
                            "note": c.note} for c in PROVENANCE],
            "values": "bilangan bulat 0–5; kosong = tidak menjawab",
            "grows": "baris baru di bawah tabel diikutkan oleh Hitung / xlpokja recalc",
        }],
        "settings": [POLICY.to_json()] + [
            {"key": k, "sheet": RINGKASAN, "cell": ref, "label": label}
            for k, label, ref in RES_FIELDS],
        "outputs": {
            "components": {c.key: {"sheet": RINGKASAN, "cell": f"D{RES_ROW0 + i}"}
                           for i, c in enumerate(q.COMPONENTS)},
            "X": {"sheet": RINGKASAN, "cell": f"D{RES_X}"},
            "N": {"sheet": RINGKASAN, "cell": f"D{RES_N}"},
            "problems": common.masalah_json(),
            "statistics": statistik_json(),
        },
    }


# ===================================================================== JSON results


def result_json(res: Result, lang: str = "id") -> dict[str, Any]:
    tab = res.tab

    def stats_json(s: q.Stats) -> dict[str, Any]:
        return {"freq": {str(v): s.counts[v] for v in q.SCALE},
                "value_x_count": {str(v): s.products[v] for v in q.SCALE},
                "n": s.n, "total": s.total, "mean": s.mean}

    band = tab.band
    return {
        "schema": "xlpokja/penilaian_diri/1",
        "template": TEMPLATE_ID,
        "fields": res.fields,
        "policy": tab.policy,
        "sheets": {"rows": tab.n_rows, "filled": tab.sheets_filled,
                   "complete": tab.sheets_complete, "used": tab.sheets_used},
        "components": [
            {"key": c.key, "name": c.name, **stats_json(tab.components[c.key]),
             "blank": sum(tab.blanks[k] for k in q.ITEM_KEYS[q.COMPONENT_SLICES[c.key]]),
             "invalid": sum(tab.invalid[k] for k in q.ITEM_KEYS[q.COMPONENT_SLICES[c.key]]),
             "band": tab.component_band(c.key).band, "label": tab.component_band(c.key).label,
             "near_boundary": tab.component_band(c.key).near_boundary}
            for c in q.COMPONENTS],
        "items": [
            {"key": it.key, "component": it.component, "source_no": it.source_no,
             **stats_json(tab.items[it.key]), "blank": tab.blanks[it.key],
             "invalid": tab.invalid[it.key]}
            for it in q.ITEMS],
        "X": tab.x,
        "N": tab.n_score,
        "N_components": tab.k,
        "N_flagged": tab.n_flagged,
        "band": band.band,
        "label": band.label,
        "N_rounded": band.rounded,
        "near_boundary": band.near_boundary,
        "statistics": statistics_json(res),
        "valid": res.valid,
        "problems": [p.to_dict(lang) for p in res.problems],
    }


def resume_text(res: Result) -> str:
    """The résumé table of the source (K3.5/K3.6), as text, Indonesian numbers."""
    tab = res.tab
    out = ["RESUME HASIL PENILAIAN KELOMPOK KERJA"]
    for key, label, _ in RES_FIELDS:
        v = res.fields.get(key)
        out.append(f"{label:<15}: {'' if v in (None, '') else v}")
    out.append("")
    out.append(f"{'No':<4}{'Aspek yang dinilai':<45}{'Nilai':>7}{'Jawaban sah':>13}  Pita")
    for i, c in enumerate(q.COMPONENTS, start=1):
        s = tab.components[c.key]
        val = "–" if s.mean is None else format_number(s.mean, 2)
        out.append(f"{str(i) + '.':<4}{c.name + ' (' + c.key + ')':<45}{val:>7}{s.n:>13}  "
                   f"{band_of(s.mean).band}")
    out.append(f"{'':<4}{'Jumlah nilai (X)':<45}{format_number(tab.x, 2):>7}")
    n_txt = "–" if tab.n_score is None else format_number(tab.n_score, 2)
    out.append(f"{'':<4}{'Nilai rata-rata (N) = X / ' + str(tab.k or 6):<45}{n_txt:>7}")
    out.append("")
    out.append(f"Skor Penilaian : {n_txt}  →  {tab.band.text()}")
    if tab.n_flagged:
        out.append(f"Perhatian: N dihitung dari {tab.k} komponen yang berdata, bukan 6.")
    out.append(f"Lembar terisi: {tab.sheets_filled}, lengkap: {tab.sheets_complete}, dipakai: "
               f"{tab.sheets_used} ({q.POLICY_LABELS[tab.policy]})")
    if res.stats is not None:
        out.append(statistics_line(res))
    out += common.problems_text(res.problems)
    return "\n".join(out)


def check_sheets(names: Sequence[str]) -> None:
    common.check_sheets(names, REQUIRED_SHEETS)


# ============================================================ the template interface


def read(book: Any) -> tuple[Result, int, int]:
    """Read and compute, writing nothing: (result, rows needed, rows covered now)."""
    check_sheets(book.sheet_names())
    t = ANSWERS
    n_cur = common.extent_rows(book.defined_name(EXTENT_NAME), t.min_rows)
    block = book.read_block(t.sheet, t.header_row, COL_LAST_PROV)
    header = book.read_row(t.sheet, t.header_row)
    extra = [(f"{col_letter(c + 1)}{t.header_row}", v) for c, v in enumerate(header)
             if c + 1 > COL_LAST_ITEM and v not in (None, "")
             and not _provenance_header(c + 1, v)]
    table = read_table(block, n_rows=n_cur, extra_headers=extra)
    n_rows = max(n_cur, table.n_data_rows)
    if n_rows > n_cur:
        table = read_table(block, n_rows=n_rows, extra_headers=extra)
    fields = {k: book.read_cell(RINGKASAN, ref) for k, _, ref in RES_FIELDS}
    res = compute(table, book.read_cell(POLICY.sheet, POLICY.ref), fields)
    res.has_statistik = STATISTIK in book.sheet_names()
    return res, n_rows, n_cur


def _provenance_header(col: int, value: Any) -> bool:
    """True where ``value`` is the header of the provenance column at ``col``."""
    for c in PROVENANCE:
        if c.index == col:
            return str(value).strip().casefold() in (c.header.casefold(), c.key)
    return False


def extents(n_rows: int) -> dict[str, str]:
    return {EXTENT_NAME: extent_ref(n_rows)}


def value_tables(res: Result) -> list[tuple[str, int, list[list[Any]], int]]:
    return statistik_tables(res)


def value_cells(res: Result) -> list[tuple[str, str, Any]]:
    return statistik_cells(res)


def grown_note(n_rows: int, n_cur: int) -> tuple[str, str]:
    """(sheet, cell) of the first row the formulas do not cover yet."""
    return JAWABAN, f"A{last_row(n_cur) + 1}"


# bands shown in Referensi: (band, lower bound or None, label)
BAND_TABLE = [(0, None, LABELS[0])] + [
    (b, lo, LABELS[b]) for b, lo in zip(range(1, 6), (0.0,) + BOUNDARIES)]


#: the form buttons (built by ``xlpokja build``, rebuilt by Hitung when damaged)
BUTTONS = (Button(RINGKASAN, 745.0, 36.0), Button(JAWABAN, 4.0, 2.0),
           Button(JAWABAN, 120.0, 2.0, *GABUNG_BUTTON))


# ================================================= Statistik (issue 13: questionnaire statistics)
# Cronbach's α per component (listwise and pairwise), corrected item–total correlations,
# answers per item and straight-lining (:mod:`stats`). Hitung writes every figure as a value
# (no formulas): the fixed cells below through ``value_cells``, the list of straight-lining
# respondents, whose length varies, through ``value_tables`` from its first row down (the
# sheet's last table: a value table replaces everything below its first row).
STAT_USED_CELL = "C3"  # rows the statistics use (the missing-answer policy's rows)
STAT_COMP_HEADER = 9  # after a blank row, a heading and three notes
STAT_COMP_ROW0 = STAT_COMP_HEADER + 1  # component c in row 10 + c
STAT_COMP_COLUMNS = (
    Column("kode", "Kode", 1, "label"),
    Column("komponen", "Komponen", 2, "label"),
    Column("butir", "Butir", 3, "label", "jumlah butir komponen"),
    Column("alpha_listwise", "α lembar lengkap", 4, "value",
           "listwise: hanya responden yang menjawab sah semua butir komponen"),
    Column("n_listwise", "Responden", 5, "value", "responden yang dipakai α lembar lengkap"),
    Column("alpha_pairwise", "α semua jawaban", 6, "value",
           "pairwise: tiap pasangan butir dari responden yang menjawab keduanya"),
    Column("n_pairwise_min", "Responden (pasangan terkecil)", 7, "value",
           "responden paling sedikit di antara pasangan butir"),
)
STAT_ITEM_HEADER = STAT_COMP_ROW0 + len(q.COMPONENTS) + 3  # blank, heading, note
STAT_ITEM_ROW0 = STAT_ITEM_HEADER + 1  # item j in row 20 + j
STAT_ITEM_COLUMNS = (
    Column("kode", "Kode", 1, "label"),
    Column("pernyataan", "Pernyataan", 2, "label"),
    Column("n", "Jawaban sah", 3, "value", "sama dengan Tabulasi"),
    Column("blank", "Kosong", 4, "value", "sama dengan Tabulasi"),
    Column("invalid", "Tidak sah", 5, "value", "sama dengan Tabulasi"),
    Column("item_total_r", "Korelasi butir–total", 6, "value",
           "terkoreksi: dengan jumlah butir lain komponennya, dari lembar lengkap per komponen"),
    Column("n_listwise", "Responden", 7, "value",
           "responden yang dipakai korelasi (lembar lengkap per komponen)"),
)
STAT_SL_HEADING = STAT_ITEM_ROW0 + len(q.ITEMS) + 1  # after a blank row
STAT_SL_ELIGIBLE = f"C{STAT_SL_HEADING + 2}"  # heading, note, then these two
STAT_SL_COUNT = f"C{STAT_SL_HEADING + 3}"
STAT_LIST_HEADER = STAT_SL_HEADING + 5
STAT_LIST_ROW0 = STAT_LIST_HEADER + 1
STAT_LIST_COLUMNS = (
    Column("no", "No", 1, "value"),
    Column("responden", "Responden", 2, "value"),
    Column("baris", "Baris di Jawaban", 3, "value"),
    Column("nilai", "Nilai semua butir", 4, "value"),
)


def _stat_col(columns: Sequence[Column], key: str) -> str:
    return next(c.letter for c in columns if c.key == key)


def statistik_cells(res: Result) -> list[tuple[str, str, Any]]:
    """The fixed figures of the Statistik sheet: (sheet, cell, value), None = blank. Nothing
    when the workbook has no Statistik sheet (built before it)."""
    if not res.has_statistik or res.stats is None:
        return []
    s, tab = res.stats, res.tab
    out: list[tuple[str, str, Any]] = [(STATISTIK, STAT_USED_CELL, s.n_used)]
    for c, comp in enumerate(q.COMPONENTS):
        cs, row = s.components[comp.key], STAT_COMP_ROW0 + c
        for key, v in (("alpha_listwise", cs.alpha_listwise), ("n_listwise", cs.n_listwise),
                       ("alpha_pairwise", cs.alpha_pairwise),
                       ("n_pairwise_min", cs.n_pairwise_min)):
            out.append((STATISTIK, f"{_stat_col(STAT_COMP_COLUMNS, key)}{row}", v))
    item_stats = {it.key: it for cs in s.components.values() for it in cs.items}
    letters = [c.letter for c in STAT_ITEM_COLUMNS[2:]]
    for j, key in enumerate(q.ITEM_KEYS):
        it, row = item_stats[key], STAT_ITEM_ROW0 + j
        values = (tab.items[key].n, tab.blanks[key], tab.invalid[key], it.item_total_r, it.n)
        out += [(STATISTIK, f"{col}{row}", v) for col, v in zip(letters, values)]
    out.append((STATISTIK, STAT_SL_ELIGIBLE, s.straight_lining.eligible))
    out.append((STATISTIK, STAT_SL_COUNT, s.straight_lining.count))
    return out


def straight_lining_rows(res: Result) -> list[list[Any]]:
    """One row per straight-lining respondent: No, respondent, Jawaban row, the answer."""
    sl = res.stats.straight_lining if res.stats else None
    if sl is None:
        return []
    return [[n, _respondent(res, i), ANSWERS.first_data_row + i, v]
            for n, (i, v) in enumerate(zip(sl.rows, sl.values), start=1)]


def statistik_tables(res: Result) -> list[tuple[str, int, list[list[Any]], int]]:
    if not res.has_statistik:
        return []
    return [(STATISTIK, STAT_LIST_ROW0, straight_lining_rows(res), len(STAT_LIST_COLUMNS))]


def statistics_json(res: Result) -> dict[str, Any]:
    """The ``"statistics"`` key of :func:`result_json`.

    ``n_used``: rows used (the missing-answer policy's). ``components``: per component A–F,
    ``alpha_listwise`` (Cronbach's α from the ``n_listwise`` rows that answered all ``k``
    items) and ``alpha_pairwise`` (each covariance from the rows answering both items;
    ``n_pairwise_min`` the fewest rows of any pair), null where undefined; ``items``: per
    item ``item_total_r`` (corrected item–total Pearson r, on the component's ``n_listwise``
    rows; null where undefined) and ``n``, ``blank``, ``invalid`` (valid answers, blanks and
    invalid answers of the item, the tabulation's). ``straight_lining``: among the
    ``eligible`` rows (used, 36 valid answers), ``count`` gave one answer to every item:
    their Jawaban ``rows``, ``respondents`` and ``values``."""
    s, tab = res.stats, res.tab
    if s is None:
        return {}
    sl = s.straight_lining
    return {
        "n_used": s.n_used,
        "components": [
            {"key": c.key, "k": cs.k, "alpha_listwise": cs.alpha_listwise,
             "n_listwise": cs.n_listwise, "alpha_pairwise": cs.alpha_pairwise,
             "n_pairwise_min": cs.n_pairwise_min,
             "items": [{"key": it.key, "item_total_r": it.item_total_r,
                        "n": tab.items[it.key].n, "blank": tab.blanks[it.key],
                        "invalid": tab.invalid[it.key]} for it in cs.items]}
            for c in q.COMPONENTS for cs in (s.components[c.key],)],
        "straight_lining": {
            "eligible": sl.eligible, "count": sl.count,
            "rows": [ANSWERS.first_data_row + i for i in sl.rows],
            "respondents": [_respondent(res, i) for i in sl.rows],
            "values": list(sl.values)},
    }


def statistics_line(res: Result) -> str:
    """One line of the résumé: α (lembar lengkap) per component and straight-lining."""
    s = res.stats
    if s is None:
        return ""
    alphas = " · ".join(
        f"{c.key} {'–' if a is None else format_number(a, 2)}"
        for c in q.COMPONENTS for a in (s.components[c.key].alpha_listwise,))
    return (f"Konsistensi (α lembar lengkap): {alphas}; jawaban seragam: "
            f"{s.straight_lining.count} lembar"
            + (" (sheet Statistik)." if res.has_statistik else "."))


def statistik_json() -> dict[str, Any]:
    """Where the Statistik sheet holds its figures (``layout_json()["outputs"]``)."""
    def table(header: int, first: int, columns: Sequence[Column]) -> dict[str, Any]:
        return {"header_row": header, "first_data_row": first,
                "columns": [{"key": c.key, "header": c.header, "letter": c.letter,
                             "kind": c.kind, "note": c.note} for c in columns]}

    return {
        "sheet": STATISTIK,
        "optional": True,
        "used_cell": STAT_USED_CELL,
        "components": table(STAT_COMP_HEADER, STAT_COMP_ROW0, STAT_COMP_COLUMNS)
        | {"rows": [c.key for c in q.COMPONENTS]},
        "items": table(STAT_ITEM_HEADER, STAT_ITEM_ROW0, STAT_ITEM_COLUMNS)
        | {"rows": list(q.ITEM_KEYS)},
        "straight_lining": {"eligible_cell": STAT_SL_ELIGIBLE, "count_cell": STAT_SL_COUNT,
                            **table(STAT_LIST_HEADER, STAT_LIST_ROW0, STAT_LIST_COLUMNS),
                            "note": "satu baris per responden; tabel terakhir sheet ini"},
        "note": "nilai ditulis oleh Hitung (bukan rumus); kosong = tidak dapat dihitung",
    }
