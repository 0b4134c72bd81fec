"""The published layout of the weighted aspect assessment workbooks (``asesmen``).

``asesmen_pokja.xlsm`` (K4, Tabel 3-1 Buku 2: five aspects, 21 indicators, weights
25/20/25/20/10 %) and ``asesmen_badan_pengelola.xlsm`` (K10 "Kinerja lembaga": three
aspects, 35 indicators, equal weights) share this layout; only the header rows of
``Penilaian`` and the aspect table of ``Bobot`` differ. One description serves the
builder, the Hitung action, the headless engine and ``xlpokja layout``.

The indicator set is read from the header rows of ``Penilaian`` (aspect, code, text):
the aspect row decides which aspect a column counts for, so a user may edit the texts,
move an indicator to another aspect or add indicator columns to the right, and Hitung
extends every formula. The aspects are fixed per workbook (K4: "aspek yang akan dimonev
sebaiknya diikuti"): their number is the defined name ``AS_ASPEK``, their names are locked
on ``Bobot`` and printed in the header of ``Hasil``; their weights are edited on ``Bobot``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from xlpokja.core.bands import BOUNDARIES, LABELS, keterangan
from xlpokja.core.problems import ERROR, WARNING, Problem, format_number, show_found
from xlpokja.instruments.asesmen import calc as ca
from xlpokja.layout import common
from xlpokja.layout.base import Button, Column, FormulaCell, Setting, Table, abs_range, col_letter

TEMPLATE_ID = "asesmen"
TEMPLATE_VERSION = "1"
FILE_NAME = "asesmen_pokja.xlsm"
FILE_NAME_BP = "asesmen_badan_pengelola.xlsm"

PETUNJUK, PENILAIAN, BUKTI, BOBOT = "Petunjuk", "Penilaian", "Bukti", "Bobot"
HASIL, RINGKASAN, REFERENSI, MASALAH = "Hasil", "Ringkasan", "Referensi", common.MASALAH
SHEETS = (PETUNJUK, PENILAIAN, BUKTI, BOBOT, HASIL, RINGKASAN, REFERENSI, MASALAH)
REQUIRED_SHEETS = (PENILAIAN, BUKTI, BOBOT, HASIL, RINGKASAN, REFERENSI, MASALAH)
MAX_ROW = 1048576


class Shape(NamedTuple):
    """What the formulas cover: unit rows, indicator columns, aspects."""

    rows: int
    cols: int
    aspects: int


# ------------------------------------------------------------------------ Penilaian
ASPECT_ROW, CODE_ROW, TEXT_ROW = 3, 4, 5
FIRST_ROW = 6
COL_UNIT, COL_IND0 = 1, 2  # A: unit, B..: one column per indicator
MIN_ROWS = 40
EXTENT_NAME = "AS_PENILAIAN"  # Penilaian!$A$6:<last indicator column><last unit row>
UNIT_NAME = "AS_UNIT"  # Penilaian!$A$6:$A$<last unit row> (list of the unit chooser)
ASPECT_NAME = "AS_ASPEK"  # Bobot!$B$5:$B$<4 + aspects> (fixed per workbook)
VALIDATION_LAST_COL = "XFD"  # score validation covers every column and row to the end

# -------------------------------------------------------------------------- Bobot
BOBOT_HEADER, BOBOT_ROW0 = 4, 5
BO_NO, BO_NAME, BO_WEIGHT, BO_COUNT, BO_NOTE = 1, 2, 3, 4, 5

# -------------------------------------------------------------------------- Hasil
HASIL_HEADER, HASIL_ROW0 = 5, FIRST_ROW  # same row numbers as Penilaian
H_UNIT, H_RANK, H_TOTAL, H_PCT, H_BAND, H_LABEL, H_FILLED, H_VALID, H_FLAGS = range(1, 10)
H_ASPECT0 = 10  # J..: one column per aspect, in Bobot order
HASIL_COLUMNS = (
    Column("unit", "Unit yang dinilai", H_UNIT, "formula"),
    Column("peringkat", "Peringkat", H_RANK, "formula", "peringkat kompetisi (1, 2, 2, 4)"),
    Column("total", "Nilai total (0–5)", H_TOTAL, "formula", "Σ bobot × nilai aspek, 9 desimal"),
    Column("persen", "% dari maksimum", H_PCT, "formula", "nilai total / 5 (format %)"),
    Column("pita", "Pita", H_BAND, "formula", "pita K3 0–5"),
    Column("keterangan", "Keterangan", H_LABEL, "formula"),
    Column("terisi", "Sel terisi", H_FILLED, "formula"),
    Column("dinilai", "Nilai sah", H_VALID, "formula"),
    Column("catatan", "Catatan", H_FLAGS, "formula", "SAMA, aspek tanpa nilai, ..."),
)
#: sheets whose rows from the given row down are wholly computed and rewritten by Hitung
#: (every formula cell of Hasil is in those rows: its header row holds text only, the
#: aspect names as built, since the aspects are fixed per workbook)
GENERATED = {HASIL: HASIL_ROW0}

# ---------------------------------------------------------------------- Ringkasan
CHOICE = Setting("unit_ditampilkan", RINGKASAN, "C4", "Unit yang ditampilkan (pilih)")
R_ROW, R_NAME, R_TOTAL, R_PCT, R_LABEL, R_RANK, R_FLAGS = "F5", "C5", "C6", "C7", "C8", "C9", "C10"
R_ASSESSED, R_WITH_TOTAL, R_WEIGHTS, R_PROBLEMS = "C12", "C13", "C14", "C15"
R_ASPECT_HEADER, R_ASPECT_ROW0 = 17, 18
UNIT_SERIES = "Nilai unit"  # header of the unit's column (and chart series) when none is shown
MEAN_SERIES = "Rata-rata semua unit"

# ---------------------------------------------------------------------- Referensi
REF_SCALE_ROW = 4  # values 0..5 in rows 4..9
REF_BAND_HEADER = 11
REF_BAND_ROW0 = 12  # band 0 in row 12, band 5 in row 17
REF_RULES_ROW = 20
BOUNDS_RANGE = abs_range(REFERENSI, 2, REF_BAND_ROW0 + 1, 2, REF_BAND_ROW0 + 5)
LABELS_RANGE = abs_range(REFERENSI, 3, REF_BAND_ROW0, 3, REF_BAND_ROW0 + 5)
BAND_TABLE = [(0, None, LABELS[0])] + [
    (b, lo, LABELS[b]) for b, lo in zip(range(1, 6), (0.0,) + BOUNDARIES)]

L = col_letter


def last_row(n_rows: int) -> int:
    return FIRST_ROW + n_rows - 1


def ind_col(j: int) -> int:
    """Sheet column of indicator column j (0-based)."""
    return COL_IND0 + j


def extent_ref(shape: Shape) -> str:
    return abs_range(PENILAIAN, COL_UNIT, FIRST_ROW, ind_col(shape.cols - 1), last_row(shape.rows))


def unit_ref(shape: Shape) -> str:
    return abs_range(PENILAIAN, COL_UNIT, FIRST_ROW, COL_UNIT, last_row(shape.rows))


def aspect_ref(m: int) -> str:
    return abs_range(BOBOT, BO_NAME, BOBOT_ROW0, BO_NAME, BOBOT_ROW0 + m - 1)


def weight_sum_ref(m: int) -> str:
    return f"{L(BO_WEIGHT)}{BOBOT_ROW0 + m}"


def weight_status_ref(m: int) -> str:
    return f"{L(BO_NOTE)}{BOBOT_ROW0 + m}"


def score_validation_sqref() -> str:
    return f"{L(COL_IND0)}{FIRST_ROW}:{VALIDATION_LAST_COL}{MAX_ROW}"


def aspect_validation_sqref() -> str:
    return f"{L(COL_IND0)}{ASPECT_ROW}:{VALIDATION_LAST_COL}{ASPECT_ROW}"


def locator(m: int) -> ca.Locate:
    def locate(kind: str, i: int, j: int) -> tuple[str, str]:
        if kind == "score":
            return PENILAIAN, f"{L(ind_col(j))}{FIRST_ROW + i}"
        if kind == "name":
            return PENILAIAN, f"{L(COL_UNIT)}{FIRST_ROW + i}"
        if kind == "aspect":
            return PENILAIAN, f"{L(ind_col(j))}{ASPECT_ROW}"
        if kind == "code":
            return PENILAIAN, f"{L(ind_col(j))}{CODE_ROW}"
        if kind == "aspect_name":
            return BOBOT, f"{L(BO_NAME)}{BOBOT_ROW0 + i}"
        if kind == "weight":
            return BOBOT, f"{L(BO_WEIGHT)}{BOBOT_ROW0 + i}"
        if kind == "weight_sum":
            return BOBOT, weight_sum_ref(m)
        raise ValueError(kind)

    return locate


# ====================================================================== the result


@dataclass
class Result:
    """Everything the workbook computes, as the core computes it."""

    a: ca.Assessment
    shape: Shape
    headers: tuple[list[Any], list[Any], list[Any]]  # aspect, code, text rows (cols long)
    weights_raw: list[Any]
    choice: Any
    chosen: int | None  # unit index shown on Ringkasan
    problems: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not any(p.severity == ERROR for p in self.problems)

    def display_name(self, i: int) -> Any:
        v = self.a.names[i]
        return "" if ca.is_blank(v) else v


def _choose(a: ca.Assessment, choice: Any) -> tuple[int | None, list[Problem]]:
    """The unit shown on Ringkasan: the chosen one, else the first with rank 1."""
    problems = []
    if not ca.is_blank(choice):
        key = ca._xl_key(choice)
        for i, name in enumerate(a.names):
            if not ca.is_blank(name) and ca._xl_key(name) == key:
                return i, []
        problems.append(Problem("PILIHAN_UNIT_TIDAK_ADA", CHOICE.sheet, CHOICE.ref,
                                "nama unit di kolom A sheet Penilaian",
                                show_found(choice), WARNING))
    for i, r in enumerate(a.ranks):
        if r == 1:
            return i, problems
    return None, problems


def compute(names: Sequence[Any], rows: Sequence[Sequence[Any]],
            headers: tuple[list[Any], list[Any], list[Any]], aspect_names: Sequence[Any],
            weights: Sequence[Any], choice: Any, shape: Shape,
            extra: Sequence[Problem] = ()) -> Result:
    a = ca.assess(names, rows, headers[0], aspect_names, weights, codes=headers[1],
                  texts=headers[2], locate=locator(len(aspect_names)))
    chosen, cproblems = _choose(a, choice)
    rows_ = [p for p in a.problems if p.sheet == PENILAIAN and _row_of(p.cell) >= FIRST_ROW]
    head = [p for p in a.problems if not (p.sheet == PENILAIAN and _row_of(p.cell) >= FIRST_ROW)]
    problems = head + list(extra) + cproblems + rows_
    return Result(a, shape, headers, list(weights), choice, chosen, problems)


def _row_of(ref: str) -> int:
    digits = "".join(ch for ch in ref if ch.isdigit())
    return int(digits) if digits else 0


# ==================================================================== formula cells


def _is_value(r: str, v: int) -> str:
    """1 where the cells of ``r`` hold the number v: text never equals a number (unlike
    COUNTIF, which counts the text "3" as 3), a blank equals 0, hence ``<>""`` for 0.
    ISNUMBER over a range is avoided: formualizer 0.13 does not vectorise it."""
    return f'({r}=0)*({r}<>"")' if v == 0 else f"({r}={v})"


def _valid_sum(r: str) -> str:
    return "(" + "+".join(_is_value(r, v) for v in range(6)) + ")"


def _value_sum(r: str) -> str:
    return "(" + "+".join(f"({r}={v})" if v == 1 else f"{v}*({r}={v})"
                          for v in range(1, 6)) + ")"


def _blank(x: Any) -> Any:
    return "" if x is None else x


def _label_value(total: float | None) -> str:
    return keterangan(_blank(total), 0 if total is None else 1)


def formula_cells(shape: Shape) -> list[FormulaCell]:
    """Every computed cell of the workbook for ``shape``."""
    n, nc, m = shape
    first, last = FIRST_ROW, last_row(n)
    c1, c2 = L(ind_col(0)), L(ind_col(nc - 1))
    cells: list[FormulaCell] = []
    add = cells.append
    asp = f"{PENILAIAN}!${c1}${ASPECT_ROW}:${c2}${ASPECT_ROW}"
    status = f"{BOBOT}!${L(BO_NOTE)}${BOBOT_ROW0 + m}"
    ok = ca.STATUS_OK
    name_cells = [f"{BOBOT}!${L(BO_NAME)}${BOBOT_ROW0 + k}" for k in range(m)]
    weight_cells = [f"{BOBOT}!${L(BO_WEIGHT)}${BOBOT_ROW0 + k}" for k in range(m)]
    ac = [L(H_ASPECT0 + k) for k in range(m)]  # Hasil aspect columns
    A, B, C, D, E, F, G, H, I = (L(c) for c in range(1, 10))
    totals = f"${C}${first}:${C}${last}"
    hnames = f"${A}${first}:${A}${last}"

    # -------------------------------------------------------- Hasil: one row per unit
    for i in range(n):
        r = first + i
        row = f"{PENILAIAN}!${c1}{r}:${c2}{r}"
        a_ = f"{A}{r}"
        add(FormulaCell(HASIL, a_, f'IF({PENILAIAN}!{A}{r}="","",{PENILAIAN}!{A}{r})',
                        lambda res, i=i: res.display_name(i)))
        add(FormulaCell(HASIL, f"{B}{r}", f'IF({C}{r}="","",RANK({C}{r},{totals},0))',
                        lambda res, i=i: _blank(res.a.ranks[i])))
        cnt_all = f"{ac[0]}{r}:{ac[-1]}{r}"
        wsum = "+".join(f"{ac[k]}{r}*{weight_cells[k]}" for k in range(m))
        add(FormulaCell(HASIL, f"{C}{r}",
                        f'IF(OR({status}<>"{ok}",COUNT({cnt_all})<{m}),"",ROUND({wsum},9))',
                        lambda res, i=i: _blank(res.a.totals[i])))
        add(FormulaCell(HASIL, f"{D}{r}", f'IF({C}{r}="","",{C}{r}/{ca.SCALE_MAX})',
                        lambda res, i=i: _blank(res.a.pct(i))))
        add(FormulaCell(HASIL, f"{E}{r}",
                        f'IF(OR({status}<>"{ok}",AND({a_}="",{G}{r}=0)),"",'
                        f'IF({C}{r}="",0,MATCH(ROUND({C}{r},2),{BOUNDS_RANGE},1)))',
                        lambda res, i=i: "" if (b := res.a.band(i)) is None else b.band))
        add(FormulaCell(HASIL, f"{F}{r}",
                        f'IF({E}{r}="","",IFERROR(PKJ_KETERANGAN({C}{r},COUNT({C}{r})),'
                        f'{E}{r}&" – "&INDEX({LABELS_RANGE},{E}{r}+1)))',
                        lambda res, i=i: "" if res.a.band(i) is None
                        else _label_value(res.a.totals[i]), udf=True))
        add(FormulaCell(HASIL, f"{G}{r}", f"COUNTA({row})",
                        lambda res, i=i: res.a.filled[i]))
        add(FormulaCell(HASIL, f"{H}{r}", f"SUMPRODUCT({_valid_sum(row)})",
                        lambda res, i=i: res.a.valid[i]))
        missing = "&".join(f'IF({ac[k]}{r}="",", "&{name_cells[k]},"")' for k in range(m))
        sep = ca.FLAG_SEP
        flags = "&".join([
            f'IF({C}{r}="","",IF(SUMPRODUCT(({totals}={C}{r})*1)>1,"{sep}{ca.FLAG_TIE}",""))',
            f'IF(AND({a_}="",{G}{r}>0),"{sep}{ca.FLAG_NO_NAME}","")',
            f'IF(AND({a_}<>"",{G}{r}=0),"{sep}{ca.FLAG_NOT_SCORED}","")',
            f'IF({G}{r}>{H}{r},"{sep}"&({G}{r}-{H}{r})&"'
            f'{ca.FLAG_INVALID.replace("{n}", "")}","")',
            f'IF(AND({G}{r}>0,COUNT({cnt_all})<{m}),"{sep}{ca.FLAG_MISSING}"&'
            f'MID({missing},3,32767),"")',
            f'IF(AND(OR({a_}<>"",{G}{r}>0),{status}<>"{ok}"),"{sep}{ca.FLAG_NO_WEIGHTS}","")',
            f'IF({a_}="","",IF(SUMPRODUCT(({hnames}={a_})*1)>1,"{sep}{ca.FLAG_DUPLICATE}",""))',
        ])
        add(FormulaCell(HASIL, f"{I}{r}", f"MID({flags},3,32767)",
                        lambda res, i=i: res.a.flags(i)))
        for k in range(m):
            mask = f"({asp}={name_cells[k]})"
            cnt = f"SUMPRODUCT({mask}*{_valid_sum(row)})"
            sm = f"SUMPRODUCT({mask}*{_value_sum(row)})"
            add(FormulaCell(HASIL, f"{ac[k]}{r}", f'IF({cnt}=0,"",{sm}/{cnt})',
                            lambda res, i=i, k=k: _blank(res.a.mean(i, k))))

    # ------------------------------------------------------------------- Bukti
    for hr, idx in ((ASPECT_ROW, 0), (CODE_ROW, 1), (TEXT_ROW, 2)):
        for j in range(nc):
            col = L(ind_col(j))
            add(FormulaCell(BUKTI, f"{col}{hr}",
                            f'IF({PENILAIAN}!{col}{hr}="","",{PENILAIAN}!{col}{hr})',
                            lambda res, j=j, idx=idx: _blank(
                                None if ca.is_blank(res.headers[idx][j]) else
                                res.headers[idx][j])))
    for i in range(n):
        r = first + i
        add(FormulaCell(BUKTI, f"{A}{r}", f'IF({PENILAIAN}!{A}{r}="","",{PENILAIAN}!{A}{r})',
                        lambda res, i=i: res.display_name(i)))

    # ------------------------------------------------------------------- Bobot
    w0, w1 = BOBOT_ROW0, BOBOT_ROW0 + m - 1
    WC, NC = L(BO_WEIGHT), L(BO_COUNT)
    for k in range(m):
        add(FormulaCell(BOBOT, f"{NC}{BOBOT_ROW0 + k}",
                        f"SUMPRODUCT(({asp}={L(BO_NAME)}{BOBOT_ROW0 + k})*1)",
                        lambda res, k=k: sum(res.a.columns[k])))
    wr = f"{WC}{w0}:{WC}{w1}"
    add(FormulaCell(BOBOT, weight_sum_ref(m), f"SUM({wr})",
                    lambda res: sum(x for x in res.weights_raw
                                    if isinstance(x, (int, float)) and not isinstance(x, bool))))
    add(FormulaCell(BOBOT, f"{NC}{BOBOT_ROW0 + m}", f"SUM({NC}{w0}:{NC}{w1})",
                    lambda res: sum(map(sum, res.a.columns))))
    add(FormulaCell(BOBOT, weight_status_ref(m),
                    f'IF(COUNT({wr})<{m},"{ca.STATUS_NOT_NUMBER}",IF(MIN({wr})<0,'
                    f'"{ca.STATUS_NEGATIVE}",IF(ABS({weight_sum_ref(m)}-1)>1E-9,'
                    f'"{ca.STATUS_NOT_100}","{ok}")))',
                    lambda res: res.a.weights.status))

    # --------------------------------------------------------------- Ringkasan
    ranks = f"{HASIL}!${B}${first}:${B}${last}"
    hn = f"{HASIL}!{hnames}"
    ch = f"${CHOICE.ref[0]}${CHOICE.ref[1:]}"
    off = first - 1
    add(FormulaCell(RINGKASAN, R_ROW,
                    f'IF(AND({ch}<>"",ISNUMBER(MATCH({ch},{hn},0))),MATCH({ch},{hn},0)+{off},'
                    f'IFERROR(MATCH(1,{ranks},0)+{off},""))',
                    lambda res: "" if res.chosen is None else res.chosen + first))
    row_ref = f"${R_ROW[0]}${R_ROW[1:]}"

    def pick(col: int) -> str:
        rng = f"{HASIL}!${L(col)}${first}:${L(col)}${last}"
        return f'IF({row_ref}="","",INDEX({rng},{row_ref}-{off}))'

    def chosen_value(f: Any) -> Any:
        return lambda res: "" if res.chosen is None else f(res, res.chosen)

    add(FormulaCell(RINGKASAN, R_NAME, pick(H_UNIT),
                    chosen_value(lambda res, i: res.display_name(i))))
    add(FormulaCell(RINGKASAN, R_TOTAL, pick(H_TOTAL),
                    chosen_value(lambda res, i: _blank(res.a.totals[i]))))
    add(FormulaCell(RINGKASAN, R_PCT, pick(H_PCT),
                    chosen_value(lambda res, i: _blank(res.a.pct(i)))))
    add(FormulaCell(RINGKASAN, R_LABEL, pick(H_LABEL),
                    chosen_value(lambda res, i: "" if res.a.band(i) is None
                                 else _label_value(res.a.totals[i])), udf=True))
    add(FormulaCell(RINGKASAN, R_RANK, pick(H_RANK),
                    chosen_value(lambda res, i: _blank(res.a.ranks[i]))))
    add(FormulaCell(RINGKASAN, R_FLAGS, pick(H_FLAGS),
                    chosen_value(lambda res, i: res.a.flags(i))))
    add(FormulaCell(RINGKASAN, R_ASSESSED, f'COUNTIF({HASIL}!${H}${first}:${H}${last},">0")',
                    lambda res: res.a.units_assessed))
    add(FormulaCell(RINGKASAN, R_WITH_TOTAL, f"COUNT({HASIL}!{totals})",
                    lambda res: res.a.units_with_total))
    add(FormulaCell(RINGKASAN, R_WEIGHTS, status, lambda res: res.a.weights.status))
    add(FormulaCell(RINGKASAN, R_PROBLEMS, f"{MASALAH}!${common.MASALAH_COUNT_CELL[0]}$"
                                           f"{common.MASALAH_COUNT_CELL[1:]}",
                    lambda res: len(res.problems)))
    name_ref = f"${R_NAME[0]}${R_NAME[1:]}"
    add(FormulaCell(RINGKASAN, f"D{R_ASPECT_HEADER}",
                    f'IF({name_ref}="","{UNIT_SERIES}",{name_ref})',
                    lambda res: UNIT_SERIES if res.chosen is None or res.display_name(
                        res.chosen) == "" else res.display_name(res.chosen)))
    for k in range(m):
        r = R_ASPECT_ROW0 + k
        rng = f"{HASIL}!${ac[k]}${first}:${ac[k]}${last}"
        add(FormulaCell(RINGKASAN, f"B{r}", f'IF({name_cells[k]}="","",{name_cells[k]})',
                        lambda res, k=k: _blank(None if ca.is_blank(res.a.aspect_names[k])
                                                else res.a.aspect_names[k])))
        add(FormulaCell(RINGKASAN, f"C{r}", f'IF({weight_cells[k]}="","",{weight_cells[k]})',
                        lambda res, k=k: _blank(None if ca.is_blank(res.weights_raw[k])
                                                else res.weights_raw[k])))
        add(FormulaCell(RINGKASAN, f"D{r}", pick(H_ASPECT0 + k),
                        chosen_value(lambda res, i, k=k: _blank(res.a.mean(i, k)))))
        add(FormulaCell(RINGKASAN, f"E{r}", f'IF(COUNT({rng})=0,"",SUM({rng})/COUNT({rng}))',
                        lambda res, k=k: _blank(res.a.aspect_mean_over_units(k))))
        add(FormulaCell(RINGKASAN, f"F{r}", f"COUNT({rng})",
                        lambda res, k=k: res.a.aspect_units(k)))
    return cells


# ================================================================= the interface


def check_sheets(names: Sequence[str]) -> None:
    common.check_sheets(names, REQUIRED_SHEETS)


def _nonblank(v: Any) -> bool:
    return not ca.is_blank(v)


def read(book: Any) -> tuple[Result, Shape, Shape]:
    """Read and compute, writing nothing: (result, shape needed, shape covered now)."""
    check_sheets(book.sheet_names())
    ext = book.defined_name(EXTENT_NAME)
    cur_rows = common.extent_rows(ext, MIN_ROWS)
    cur_cols = common.extent_cols(ext, 1 + len(ca.K4.indicators)) - 1
    m = common.extent_rows(book.defined_name(ASPECT_NAME), len(ca.K4.aspects))
    cur = Shape(cur_rows, max(1, cur_cols), m)

    width = max(len(book.read_row(PENILAIAN, ASPECT_ROW)), cur.cols + 1)
    block = book.read_block(PENILAIAN, ASPECT_ROW, width)
    block += [[None] * width for _ in range(FIRST_ROW - ASPECT_ROW - len(block))]
    heads = block[:FIRST_ROW - ASPECT_ROW]
    body = block[FIRST_ROW - ASPECT_ROW:]
    last_head = 0
    for c in range(COL_IND0 - 1, width):
        if any(_nonblank(h[c]) for h in heads):
            last_head = c + 1
    n_cols = max(cur.cols, last_head - 1)
    span = 1 + n_cols
    last = 0
    stray: dict[int, int] = {}
    for i, r in enumerate(body):
        if any(_nonblank(v) for v in r[:span]):
            last = i + 1
        for c in range(span, len(r)):
            if _nonblank(r[c]):
                stray[c] = stray.get(c, 0) + 1
    n_rows = max(cur.rows, last)
    shape = Shape(n_rows, n_cols, m)
    body = body[:n_rows] + [[None] * width for _ in range(n_rows - len(body))]
    names = [r[0] for r in body]
    rows = [r[1:span] for r in body]
    headers: tuple[list[Any], list[Any], list[Any]] = (
        [heads[0][c] for c in range(1, span)], [heads[1][c] for c in range(1, span)],
        [heads[2][c] for c in range(1, span)])
    extra = [Problem("NILAI_TANPA_INDIKATOR", PENILAIAN, f"{L(c + 1)}{ASPECT_ROW}",
                     "aspek, kode dan uraian indikator di baris judul",
                     f"judul kosong, {k} sel berisi") for c, k in sorted(stray.items())]
    bobot = book.read_block(BOBOT, BOBOT_ROW0, BO_WEIGHT)[:m]
    bobot += [[None] * BO_WEIGHT for _ in range(m - len(bobot))]
    aspect_names = [r[BO_NAME - 1] for r in bobot]
    weights = [r[BO_WEIGHT - 1] for r in bobot]
    choice = book.read_cell(CHOICE.sheet, CHOICE.ref)
    res = compute(names, rows, headers, aspect_names, weights, choice, shape, extra)
    return res, shape, cur


def extents(shape: Shape) -> dict[str, str]:
    return {EXTENT_NAME: extent_ref(shape), UNIT_NAME: unit_ref(shape)}


def value_tables(res: Result) -> list[tuple[str, int, list[list[Any]], int]]:
    return []


def grown_note(shape: Shape, cur: Shape) -> tuple[str, str]:
    """(sheet, cell) of the first row or column the formulas do not cover yet."""
    if shape.rows > cur.rows:
        return PENILAIAN, f"A{last_row(cur.rows) + 1}"
    return PENILAIAN, f"{L(ind_col(cur.cols))}{CODE_ROW}"


# ====================================================================== layout JSON


def _preset_columns(p: ca.Preset) -> list[dict[str, Any]]:
    return [{"key": ind.code, "header": ind.text, "aspect": ind.aspect,
             "letter": L(ind_col(j)), "kind": "input"} for j, ind in enumerate(p.indicators)]


#: the label of column A in the code row (the table's header row)
UNIT_KEY_LABEL = "Kode"

def _book_columns(book: Any) -> tuple[list[dict[str, Any]], str]:
    """The indicator columns as the workbook has them (code row = key, aspect carried right
    across merged aspect cells, indicator text), and the preset they equal (or "")."""
    rows = [book.read_row(PENILAIAN, r) for r in (ASPECT_ROW, CODE_ROW, TEXT_ROW)]
    width = max(len(r) for r in rows)
    rows = [r + [None] * (width - len(r)) for r in rows]
    cols: list[dict[str, Any]] = []
    aspect = None
    for c in range(COL_IND0 - 1, width):
        if _nonblank(rows[0][c]):
            aspect = str(rows[0][c]).strip()
        if not any(_nonblank(r[c]) for r in rows):
            continue  # an empty column (inserted): the indicators are found by their codes
        cols.append({"key": str(rows[1][c] or "").strip(), "header": str(rows[2][c] or ""),
                     "aspect": aspect, "letter": L(c + 1), "kind": "input"})
    keys = [c["key"] for c in cols]
    preset = next((p.key for p in ca.PRESETS.values()
                   if keys == [ind.code for ind in p.indicators]), "")
    return cols, preset


def layout_json(book: Any = None) -> dict[str, Any]:
    """The published layout; with ``book``, of that workbook (its own indicator columns,
    e.g. the 35 of ``asesmen_badan_pengelola``), else of the ``asesmen_pokja`` preset."""
    unit = Column("unit", UNIT_KEY_LABEL, COL_UNIT,
                  note="nama unit yang dinilai, unik (judul di baris uraian)")
    table = Table("penilaian", PENILAIAN, CODE_ROW, FIRST_ROW, (unit,), MIN_ROWS).to_json()
    if book is not None:
        cols, preset = _book_columns(book)
    else:
        cols, preset = _preset_columns(ca.K4), ca.K4.key
    table["columns"] += cols
    return {
        "template": TEMPLATE_ID,
        "version": TEMPLATE_VERSION,
        "sheets": list(SHEETS),
        "tables": [table | {
            "header_rows": {"aspect": ASPECT_ROW, "code": CODE_ROW, "text": TEXT_ROW},
            "preset": preset or "disesuaikan",
            "presets": {p.key: _preset_columns(p) for p in ca.PRESETS.values()},
            "indicator_columns": {
                "first": L(COL_IND0), "key_row": CODE_ROW, "aspect_row": ASPECT_ROW,
                "text_row": TEXT_ROW,
                "rule": "satu kolom per indikator mulai kolom B; kode di baris 4 adalah kunci, "
                        "aspek di baris 3 menentukan aspek kolom itu. 'columns' memuat "
                        "kolom buku kerja ini (xlpokja layout BUKU)."},
            "extent_name": EXTENT_NAME,
            "values": "bilangan bulat 0–5; kosong = tidak dinilai",
            "grows": "baris dan kolom indikator baru diikutkan oleh Hitung / xlpokja recalc",
            "evidence_sheet": {"sheet": BUKTI, "first_data_row": FIRST_ROW,
                               "note": "bukti/catatan (teks) per unit × indikator, sel sama "
                                       "dengan di Penilaian"},
            "results_sheet": {
                "sheet": HASIL, "header_row": HASIL_HEADER, "first_data_row": HASIL_ROW0,
                "columns": [{"key": c.key, "header": c.header, "letter": c.letter}
                            for c in HASIL_COLUMNS],
                "aspect_columns_from": L(H_ASPECT0),
                "note": "dihitung; baris sama dengan baris di Penilaian; satu kolom per aspek "
                        "mulai kolom J, urutan seperti di Bobot"},
        }, {
            "name": "bobot", "sheet": BOBOT, "header_row": BOBOT_HEADER,
            "first_data_row": BOBOT_ROW0,
            "columns": [{"key": "aspek", "header": "Aspek", "letter": L(BO_NAME), "kind": "input"},
                        {"key": "bobot", "header": "Bobot", "letter": L(BO_WEIGHT),
                         "kind": "input"},
                        {"key": "indikator", "header": "Jumlah indikator",
                         "letter": L(BO_COUNT), "kind": "formula"}],
            "rows": "satu per aspek; jumlah aspek tetap per buku kerja (nama " + ASPECT_NAME
                    + "); baris sesudahnya: jumlah bobot (kolom C) dan status (kolom E)",
            "values": "pecahan: 0,25 = 25 %; jumlah harus 100 %",
            "defaults": {p.key: [{"aspek": a.name, "bobot": a.weight} for a in p.aspects]
                         for p in ca.PRESETS.values()},
        }],
        "settings": [CHOICE.to_json() | {"note": "kosong = unit peringkat 1"}],
        "outputs": {
            "unit": {"sheet": RINGKASAN, "cell": R_NAME},
            "row": {"sheet": RINGKASAN, "cell": R_ROW},
            "total": {"sheet": RINGKASAN, "cell": R_TOTAL},
            "percent": {"sheet": RINGKASAN, "cell": R_PCT},
            "label": {"sheet": RINGKASAN, "cell": R_LABEL},
            "rank": {"sheet": RINGKASAN, "cell": R_RANK},
            "units_assessed": {"sheet": RINGKASAN, "cell": R_ASSESSED},
            "units_with_total": {"sheet": RINGKASAN, "cell": R_WITH_TOTAL},
            "weights_status": {"sheet": RINGKASAN, "cell": R_WEIGHTS},
            "aspects": {"sheet": RINGKASAN, "first_row": R_ASPECT_ROW0,
                        "columns": {"aspek": "B", "bobot": "C", "nilai_unit": "D",
                                    "rata_rata": "E", "unit_berdata": "F"}},
            "problems": common.masalah_json(),
        },
    }


# ====================================================================== JSON results


def _num(x: Any) -> Any:
    return None if x is None else x


def result_json(res: Result, lang: str = "id") -> dict[str, Any]:
    a = res.a
    units = []
    for i in range(a.n_units):
        if a.blank_row(i):
            continue
        b = a.band(i)
        t = a.totals[i]
        units.append({
            "row": FIRST_ROW + i,
            "name": _num(None if ca.is_blank(a.names[i]) else a.names[i]),
            "aspects": {ca.xl_text(n): a.mean(i, k) for k, n in enumerate(a.aspect_names)},
            "total": t,
            "pct": None if t is None else t / ca.SCALE_MAX * 100,
            "band": None if b is None else b.band,
            "label": None if b is None else _label_value(t),
            "rank": a.ranks[i],
            "tied": a.ties[i],
            "filled": a.filled[i],
            "valid": a.valid[i],
            "flags": a.flags(i),
        })
    return {
        "schema": "xlpokja/asesmen/1",
        "template": TEMPLATE_ID,
        "units": units,
        "aspects": [{"name": n, "weight": a.weights.values[k],
                     "n_indicators": sum(c and d for c, d in zip(a.columns[k], a.indicator)),
                     "mean_over_units": a.aspect_mean_over_units(k)}
                    for k, n in enumerate(a.aspect_names)],
        "weights_ok": a.weights.ok,
        "weights_sum": a.weights.total,
        "weights_status": a.weights.status,
        "units_assessed": a.units_assessed,
        "units_with_total": a.units_with_total,
        "shown_unit": None if res.chosen is None else res.display_name(res.chosen),
        "shape": {"rows": res.shape.rows, "indicator_columns": res.shape.cols,
                  "aspects": res.shape.aspects},
        "valid": res.valid,
        "problems": [p.to_dict(lang) for p in res.problems],
    }


def resume_text(res: Result) -> str:
    """Units by rank, as an Indonesian text table."""
    a = res.a
    out = ["HASIL ASESMEN TERTIMBANG"]
    ws = ", ".join(f"[{k + 1}] {ca.xl_text(n)} "
                   f"{'?' if w is None else ca.show_percent(w)}"
                   for k, (n, w) in enumerate(zip(a.aspect_names, a.weights.values)))
    out.append(f"Aspek dan bobot: {ws}")
    total = "–" if a.weights.total is None else ca.show_percent(a.weights.total)
    out.append(f"Jumlah bobot: {total} ({a.weights.status})")
    out.append("")
    head = f"{'Peringkat':>9}  {'Unit':<28}" + "".join(f"{'[' + str(k + 1) + ']':>6}"
                                                     for k in range(a.n_aspects))
    out.append(head + f"{'Total':>7}{'%':>7}  Pita  Catatan")
    order = sorted((i for i in range(a.n_units) if not a.blank_row(i)),
                   key=lambda i: (a.ranks[i] is None, a.ranks[i] or 0, i))
    for i in order:
        name = ca.xl_text(a.names[i])[:28]
        rank = "–" if a.ranks[i] is None else str(a.ranks[i])
        means = "".join(f"{'–' if x is None else format_number(x, 2):>6}" for x in a.means(i))
        t = a.totals[i]
        tt = "–" if t is None else format_number(t, 3)
        pc = "–" if t is None else format_number(t / ca.SCALE_MAX * 100, 1)
        b = a.band(i)
        out.append(f"{rank:>9}  {name:<28}{means}{tt:>7}{pc:>7}  {'' if b is None else b.band:>4}"
                   f"  {a.flags(i)}")
    out.append("")
    out.append(f"Unit dinilai: {a.units_assessed}, dengan nilai total: {a.units_with_total}")
    out += common.problems_text(res.problems)
    return "\n".join(out)


#: the form buttons (built by ``xlpokja build``, rebuilt by Hitung when damaged)
BUTTONS = (Button(RINGKASAN, 560.0, 40.0), Button(PENILAIAN, 640.0, 2.0))
