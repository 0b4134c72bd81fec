"""The individual form (``formulir_penilaian_diri.xlsx``): one respondent, the 36 statements
of K3 with a 0–5 choice each, and the reader that gets the answers out of a filled copy.

instruments.md K3.2 (title and "Petunjuk Pengisian", verbatim, with the sentence adapted to a
drop-down list beside it) and K3.3 (the statements, verbatim, from :data:`calc.ITEMS`).

One description serves the builder (:mod:`.form_build`, openpyxl), the headless build (the
cached values of the formula cells, :func:`formula_cells`) and Gabung (:func:`read_form`).
Plain Python, no Excel library: the Gabung action runs it inside every host.

The sheet ``Formulir`` (row numbers of a fresh form; a filled copy may have rows inserted or
its cells shifted by a column, and is read by the item keys, not by these numbers)::

    row 1        title (K3.2)                                    A1:F1
    row 2        "Petunjuk Pengisian:"
    row 3        the instruction, adapted to the drop-down list  A3:F3
    row 4        the source's instruction, verbatim              A4:F4
    rows 6-9     label A:C, value D:F (unlocked): Nama / kode responden, Kelompok Kerja,
                 Lokasi, Tanggal pengisian
    row 10       "Terisi: n dari 36" (A10:C10) and the warning (D10:F10), formulas
    row 12       header: Kode | No. asli | Pernyataan (C:D) | Nilai (0–5) | Periksa
    rows 13-28   A and B: a heading row (letter in A, form wording B:D), then one row per
                 statement: key A, No. asli B, statement C:D, answer E (drop-down, unlocked),
                 check F (formula); manual page break after row 28
    row 29       page 2: "Nama / kode responden: …" (formula, so a separated page is named)
    rows 30-55   C, D, E and F, as above
    row 57       closing note
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from xlpokja.core.problems import Problem, XlpokjaError
from xlpokja.core.scales import classify_int
from xlpokja.core.values import as_text
from xlpokja.instruments.penilaian_diri import calc as q
from xlpokja.instruments.penilaian_diri.layout import TITLE
from xlpokja.layout.base import FormulaCell, cell_ref, col_letter
from xlpokja.merge.model import Grid, SourceRow, where

FORM_FILE_NAME = "formulir_penilaian_diri.xlsx"
FORM_TEMPLATE_ID = "formulir_penilaian_diri"  # custom document property ``xlpokja_template``
FORM_VERSION = "1"
FORM_SHEET = "Formulir"
FORM_TITLE = TITLE  # "LEMBAR PENILAIAN DIRI SENDIRI KELOMPOK KERJA" (K3.2)

PETUNJUK_LABEL = "Petunjuk Pengisian:"
#: K3.2 verbatim (the paper form: circle a score)
PETUNJUK_SOURCE = ("Berikan penilaian (sesuai dengan pengalaman di Pokja selama ini) dengan "
                   "melingkari skor pada pernyataan dibawah ini. Skala nilai 0-5, artinya : "
                   "0 buruk sekali – 5 baik sekali")
#: the same instruction for this file: choose from the drop-down list (or write on paper)
PETUNJUK = ("Berikan penilaian (sesuai dengan pengalaman di Pokja selama ini) dengan memilih "
            "nilai 0–5 dari daftar pilihan di kolom Nilai pada setiap pernyataan di bawah ini "
            "(pada lembar cetak: tulis nilainya). Skala nilai 0-5, artinya : 0 buruk sekali – "
            "5 baik sekali. Pernyataan yang tidak dijawab dibiarkan kosong: kosong bukan nol. "
            "Kolom Kode jangan diubah: dengan kode itu jawaban digabungkan.")
PETUNJUK_SOURCE_NOTE = f"Teks formulir cetak (sumber): “{PETUNJUK_SOURCE}”"
CLOSING = ("Terima kasih. Simpan berkas ini (nama berkas boleh diganti, mis. dengan nama atau "
           "kode Anda) lalu kirimkan kepada koordinator Pokja; lembar cetak diserahkan kepada "
           "koordinator untuk diketik.")

# ------------------------------------------------------------------------ columns
COL_KEY, COL_NO, COL_TEXT, COL_TEXT_END, COL_ANSWER, COL_CHECK = 1, 2, 3, 4, 5, 6
LAST_COL = COL_CHECK
HEADERS = ((COL_KEY, "Kode"), (COL_NO, "No. asli"), (COL_TEXT, "Pernyataan"),
           (COL_ANSWER, "Nilai (0–5)"), (COL_CHECK, "Periksa"))
#: a field's label spans A:C, its value D:F
FIELD_LABEL_COL, FIELD_VALUE_COL = 1, 4

#: what the check column shows beside an answer that is not a whole number 0–5
NOT_ON_SCALE = "bukan 0–5"
PROMPT_TITLE = "Nilai 0–5"
PROMPT = "0 buruk sekali – 5 baik sekali; kosongkan bila tidak menjawab"
ERROR_TITLE = "Nilai tidak sah"
ERROR = "Pilih 0, 1, 2, 3, 4 atau 5 dari daftar, atau kosongkan bila tidak menjawab."


@dataclass(frozen=True)
class FormField:
    """A field above the statements: its label (column A, merged A:C) and value cell
    (column D, merged D:F, unlocked)."""

    key: str
    label: str
    row: int

    @property
    def label_ref(self) -> str:
        return cell_ref(self.row, FIELD_LABEL_COL)

    @property
    def value_ref(self) -> str:
        return cell_ref(self.row, FIELD_VALUE_COL)


RESPONDENT = FormField("responden", "Nama / kode responden", 6)
FIELDS = (RESPONDENT, FormField("kelompok_kerja", "Kelompok Kerja", 7),
          FormField("lokasi", "Lokasi", 8), FormField("tanggal", "Tanggal pengisian", 9))
OPTIONAL_FIELDS = FIELDS[1:]

ROW_TITLE, ROW_PETUNJUK_LABEL, ROW_PETUNJUK, ROW_SOURCE = 1, 2, 3, 4
ROW_STATUS = 10  # "Terisi: n dari 36" in A (A:C), the warning in D (D:F)
ROW_HEADER = 12  # the table header, repeated on page 2 (print titles)
#: the first component of page 2: A and B (14 statements) on page 1 under the title and
#: fields, C–F (22) on page 2
PAGE2_FIRST = "C"


@dataclass(frozen=True)
class StatementRow:
    item: q.Item
    row: int

    @property
    def answer_ref(self) -> str:
        return cell_ref(self.row, COL_ANSWER)

    @property
    def check_ref(self) -> str:
        return cell_ref(self.row, COL_CHECK)


@dataclass(frozen=True)
class HeadingRow:
    component: q.Component
    row: int


def _rows() -> tuple[tuple[HeadingRow, ...], tuple[StatementRow, ...], int, int, int]:
    headings, statements = [], []
    r = ROW_HEADER + 1
    name_row = break_after = 0
    for comp in q.COMPONENTS:
        if comp.key == PAGE2_FIRST:
            break_after, name_row = r - 1, r
            r += 1
        headings.append(HeadingRow(comp, r))
        r += 1
        for it in q.ITEMS:
            if it.component == comp.key:
                statements.append(StatementRow(it, r))
                r += 1
    return tuple(headings), tuple(statements), break_after, name_row, r + 1


#: component heading rows, statement rows (in :data:`calc.ITEM_KEYS` order), the row the
#: manual page break follows, the row naming the respondent on page 2, the closing note
HEADINGS, STATEMENTS, BREAK_AFTER, ROW_NAME2, ROW_CLOSING = _rows()
FIRST_STATEMENT_ROW, LAST_STATEMENT_ROW = STATEMENTS[0].row, STATEMENTS[-1].row
LAST_ROW = ROW_CLOSING
PRINT_AREA = f"A1:{col_letter(LAST_COL)}{LAST_ROW}"
PRINT_TITLE_ROWS = f"{ROW_HEADER}:{ROW_HEADER}"
ANSWER_REFS: tuple[str, ...] = tuple(s.answer_ref for s in STATEMENTS)


# ------------------------------------------------------------------ formula cells


def _answers_range() -> str:
    return f"{col_letter(COL_ANSWER)}{FIRST_STATEMENT_ROW}:{col_letter(COL_ANSWER)}" \
           f"{LAST_STATEMENT_ROW}"


def _checks_range() -> str:
    return f"{col_letter(COL_CHECK)}{FIRST_STATEMENT_ROW}:{col_letter(COL_CHECK)}" \
           f"{LAST_STATEMENT_ROW}"


def _on_scale(v: Any) -> bool:
    return classify_int(v, 0, 5)[1] is None


def _bad(v: Any) -> bool:
    return classify_int(v, 0, 5)[1] not in (None, "")


def _answers_of(src: SourceRow | None) -> list[Any]:
    return list(src.answers) if src is not None else [None] * len(q.ITEM_KEYS)


def _check_value(j: int) -> Any:
    return lambda src: NOT_ON_SCALE if _bad(_answers_of(src)[j]) else ""


def _filled_value(src: SourceRow | None) -> str:
    n = sum(1 for v in _answers_of(src) if _on_scale(v))
    return f"Terisi: {n} dari {len(q.ITEM_KEYS)}"


def _warning_value(src: SourceRow | None) -> str:
    n = sum(1 for v in _answers_of(src) if _bad(v))
    return f"{n} jawaban bukan 0–5: perbaiki sel yang bertanda di kolom Periksa" if n else ""


NAME2_PREFIX = f"{RESPONDENT.label}: "
NAME2_BLANK = NAME2_PREFIX + "…" * 40


def _name2_value(src: SourceRow | None) -> str:
    who = None if src is None else src.respondent
    if who is None:
        return NAME2_BLANK
    if isinstance(who, float) and who.is_integer():
        who = int(who)
    return NAME2_PREFIX + str(who)


def formula_cells() -> list[FormulaCell]:
    """Every formula of the form (sheet :data:`FORM_SHEET`) with its value as the core
    computes it from a :class:`~xlpokja.merge.model.SourceRow` of the form (``None``: a blank
    form; what the build caches). Only COUNTA, COUNTIF, IF, ISERROR, ISNUMBER, AND, INT and
    ``&``: Excel, LibreOffice, WPS and Google Sheets compute them alike.

    * the check cell of each statement (column F): :data:`NOT_ON_SCALE` when the answer is
      not blank and not a whole number 0–5 (text, an error value, 7, 2.5, TRUE), else "";
    * ``A10``: "Terisi: n dari 36", n the answers that are whole numbers 0–5;
    * ``D10``: how many answers are not, or "";
    * the page-2 line naming the respondent (``D6``).
    """
    ans, chk = _answers_range(), _checks_range()
    w = f'"{NOT_ON_SCALE}"'
    cells = []
    for j, s in enumerate(STATEMENTS):
        a = s.answer_ref
        cells.append(FormulaCell(
            FORM_SHEET, s.check_ref,
            f'IF(ISERROR({a}),{w},IF({a}="","",IF(ISNUMBER({a}),IF(AND({a}>=0,{a}<=5,'
            f'{a}=INT({a})),"",{w}),{w})))', _check_value(j)))
    cells.append(FormulaCell(
        FORM_SHEET, cell_ref(ROW_STATUS, 1),
        f'"Terisi: "&(COUNTA({ans})-COUNTIF({chk},{w}))&" dari {len(q.ITEM_KEYS)}"',
        _filled_value))
    cells.append(FormulaCell(
        FORM_SHEET, cell_ref(ROW_STATUS, FIELD_VALUE_COL),
        f'IF(COUNTIF({chk},{w})=0,"",COUNTIF({chk},{w})&" jawaban bukan 0–5: perbaiki sel '
        f'yang bertanda di kolom Periksa")', _warning_value))
    who = RESPONDENT.value_ref
    cells.append(FormulaCell(
        FORM_SHEET, cell_ref(ROW_NAME2, 1),
        f'IF({who}="","{NAME2_BLANK}","{NAME2_PREFIX}"&{who})', _name2_value))
    return cells


# ======================================================================= reading


def _norm(v: Any) -> str:
    """A label or key as compared: text only, trimmed, case and a trailing colon ignored."""
    if not isinstance(v, str):
        return ""
    return " ".join(v.split()).rstrip(":").strip().casefold()


_KEYS = {k.casefold(): k for k in q.ITEM_KEYS}
_LABELS = {_norm(f.label): f for f in FIELDS}
#: at least this many item keys in one column make a sheet without the template property
#: a form (with fewer, it is not read as one)
MIN_KEYS = len(q.ITEM_KEYS) // 2


def _scan(grid: Grid) -> tuple[dict[int, dict[str, list[int]]], dict[str, tuple[int, int]]]:
    """Item keys by column (column -> key -> 1-based rows) and the first cell of each field
    label (key -> (row, column))."""
    keys: dict[int, dict[str, list[int]]] = {}
    labels: dict[str, tuple[int, int]] = {}
    for r, row in enumerate(grid.rows, 1):
        for c, v in enumerate(row, 1):
            if not isinstance(v, str) or len(v) > 40:
                continue
            t = _norm(v)
            if t in _KEYS:
                keys.setdefault(c, {}).setdefault(_KEYS[t], []).append(r)
            elif t in _LABELS and _LABELS[t].key not in labels:
                labels[_LABELS[t].key] = (r, c)
    return keys, labels


def _key_column(keys: dict[int, dict[str, list[int]]]) -> int | None:
    """The column holding the most distinct item keys (the leftmost of equals)."""
    if not keys:
        return None
    return max(sorted(keys), key=lambda c: len(keys[c]))


def is_form(grid: Grid) -> bool:
    """Whether ``grid`` is the sheet of an individual form.

    A workbook carrying another xlpokja template (``grid.template``) is never a form. A
    sheet of a file carrying :data:`FORM_TEMPLATE_ID` is the form when it is named
    :data:`FORM_SHEET` or holds an item key or a field label (a sheet a person added to the
    file is not). A file without the property (its properties lost on the way) is a form
    when the sheet holds the label "Nama / kode responden" and one column holds at least
    :data:`MIN_KEYS` of the 36 item keys as whole cells.
    """
    if grid.template is not None and grid.template != FORM_TEMPLATE_ID:
        return False
    keys, labels = _scan(grid)
    if grid.template == FORM_TEMPLATE_ID:
        return grid.sheet == FORM_SHEET or bool(keys) or bool(labels)
    col = _key_column(keys)
    return RESPONDENT.key in labels and col is not None and len(keys[col]) >= MIN_KEYS


def _cell(grid: Grid, r: int, c: int) -> Any:
    row = grid.rows[r - 1] if 0 < r <= len(grid.rows) else []
    return row[c - 1] if 0 < c <= len(row) else None


def _answer_column(grid: Grid, key_col: int, first_row: int) -> int:
    """The answer column: under the header "Nilai…" of the header row (the row above the
    first statement whose key-column cell reads "Kode"), else at the layout's distance from
    the key column (a form saved with its cells shifted keeps that distance)."""
    for r in range(first_row - 1, 0, -1):
        if _norm(_cell(grid, r, key_col)) == "kode":
            row = grid.rows[r - 1]
            for c in range(key_col + 1, len(row) + 1):
                if _norm(row[c - 1]).startswith("nilai"):
                    return c
            break
    return key_col + COL_ANSWER - COL_KEY


def _text(v: Any) -> str:
    """A field value as text for :attr:`SourceRow.submitted`: a date as its ISO date."""
    return as_text(v).strip()


def read_fields(grid: Grid) -> dict[str, tuple[Any, str]]:
    """The fields above the statements found in ``grid``: key (``responden``,
    ``kelompok_kerja``, ``lokasi``, ``tanggal``) -> (value as found, its cell). The value
    cell is found beside its label (:data:`FIELD_VALUE_COL` - :data:`FIELD_LABEL_COL`
    columns to the right), wherever the label now is; a field whose label is gone is left
    out."""
    _, labels = _scan(grid)
    out = {}
    for key, (r, c) in labels.items():
        vc = c + FIELD_VALUE_COL - FIELD_LABEL_COL
        out[key] = (_cell(grid, r, vc), cell_ref(r, vc))
    return out


def read_form(grid: Grid) -> SourceRow | None:
    """One respondent's answers from a filled form, or ``None`` when ``grid`` is not a form
    (:func:`is_form`).

    The statement rows are found by their item keys in the key column (the column holding
    most keys), so rows a person inserted, or cells a program shifted by a column, do not
    matter; each answer is the cell of the answer column (:func:`_answer_column`) on its
    key's row, kept as found (a number, ``None`` for blank, text, an error value, a date:
    never dropped; Hitung names what is not an answer). ``cells[j]`` is the cell of item
    ``calc.ITEM_KEYS[j]``. ``respondent`` is the value beside the label "Nama / kode
    responden" and ``row`` its row (the first statement's row, with a note, when the label
    is gone); ``submitted`` is the "Tanggal pengisian" as written (a date as ISO
    ``YYYY-MM-DD``); ``mtime`` is the grid's.

    Raises :class:`~xlpokja.core.problems.XlpokjaError` when the answers cannot be told
    apart: an item key missing from the key column (``FORMULIR_BUTIR_HILANG``) or found
    there twice (``FORMULIR_BUTIR_GANDA``), every problem naming ``file [sheet]`` and cell.
    """
    if not is_form(grid):
        return None
    keys, labels = _scan(grid)
    at = where(grid.file, grid.sheet)
    col = _key_column(keys)
    found = keys.get(col, {}) if col is not None else {}
    letter = col_letter(col if col is not None else COL_KEY)
    problems = []
    for key in q.ITEM_KEYS:
        rows = found.get(key, [])
        if not rows:
            problems.append(Problem("FORMULIR_BUTIR_HILANG", at, f"{letter}:{letter}", key,
                                    f"kolom {letter}"))
        elif len(rows) > 1:
            problems.append(Problem("FORMULIR_BUTIR_GANDA", at, f"{letter}{rows[1]}", key,
                                    " dan ".join(f"{letter}{r}" for r in rows)))
    if problems or col is None:
        raise XlpokjaError(problems)
    first = min(rows[0] for rows in found.values())
    ans_col = _answer_column(grid, col, first)
    answers, cells = [], []
    for key in q.ITEM_KEYS:
        r = found[key][0]
        answers.append(_cell(grid, r, ans_col))
        cells.append(cell_ref(r, ans_col))
    fields = read_fields(grid)
    notes = []
    if RESPONDENT.key in fields:
        respondent, respondent_cell = fields[RESPONDENT.key]
        row = labels[RESPONDENT.key][0]
    else:
        respondent, respondent_cell, row = None, "", first
        notes.append(f"label '{RESPONDENT.label}' tidak ditemukan: responden kosong")
    when = fields.get("tanggal", (None, ""))[0]
    return SourceRow(file=grid.file, sheet=grid.sheet, row=row, respondent=respondent,
                     answers=answers, cells=cells, respondent_cell=respondent_cell,
                     mtime=grid.mtime, submitted=_text(when), notes=notes)

