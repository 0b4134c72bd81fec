"""Button actions, written once for every template and every adapter (Excel or headless)."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from xlpokja.actions.book import Book
from xlpokja.core.problems import WARNING, Problem, XlpokjaError, short_text, show_found
from xlpokja.core.scales import is_blank, xl_key
from xlpokja.core.values import Special, XlError
from xlpokja.instruments import INSTRUMENTS, template
from xlpokja.layout import common
from xlpokja.layout.base import cell_ref, col_index, col_letter, split_ref


def template_of(book: Book) -> Any:
    """The instrument of a workbook: by its ``xlpokja_template`` property (only that
    instrument is loaded), or, when another program stripped the property, by its sheets."""
    tid = book.template_id()
    if tid in INSTRUMENTS:
        return template(tid)
    if tid is None:  # properties stripped by another program: recognise by sheets and headers
        names = book.sheet_names()
        for iid in INSTRUMENTS:
            mod = template(iid)
            if all(s in names for s in mod.REQUIRED_SHEETS) and not header_problems(book, mod):
                return mod
    hint = {"formulir_penilaian_diri": " (formulir perorangan: gabungkan ke buku kerja dengan "
                                       "xlpokja gabung)",
            "rekap": " (berkas rekap xlpokja: hasil, bukan masukan)"}.get(tid or "", "")
    raise XlpokjaError([Problem("TEMPLATE_TIDAK_DIKENAL", "", "",
                                ", ".join(INSTRUMENTS),
                                (repr(tid) + hint) if tid else "tanpa penanda")])


class Reading(NamedTuple):
    """What :func:`reading` found: the template, the core's result, the shape the tables
    need and the shape the file covers now, and the template's formula cells for that
    shape (computed once: Hitung and check use them too)."""

    template: Any
    result: Any
    shape: Any
    current: Any
    cells: list[Any]


def read(book: Book) -> tuple[Any, Any, Any, Any]:
    """Read and compute, writing nothing: (template, result, shape needed, shape now)."""
    return reading(book)[:4]


def reading(book: Book) -> Reading:
    """Read and compute, writing nothing; refused (:class:`XlpokjaError`) when the sheets,
    the header keys, the row limit, the pairing of rows or the cell classes do not allow a
    result (see :func:`header_problems`, :func:`pairing_problems`, :func:`unknown_values`)."""
    t = template_of(book)
    check_sheets = getattr(t, "check_sheets", None)
    if check_sheets:  # a missing sheet is said before any header
        check_sheets(book.sheet_names())
    moved = header_problems(book, t)
    if moved:
        raise XlpokjaError(moved)
    res, shape, cur = t.read(book)
    for ref in t.extents(shape).values():  # rows the tables would grow to: within the limit
        common.extent_rows(ref, 0)
    cells = t.formula_cells(shape)
    unpaired = pairing_problems(book, [c for c in cells if c.sheet not in t.GENERATED])
    if unpaired:
        raise XlpokjaError(unpaired)
    specials = getattr(book, "specials", None)
    found = specials() if specials else []
    own = {(c.sheet, c.ref) for c in cells} if found else set()
    res.problems.extend(screen(book, t, res, found, own))
    stop = unknown_values(res.problems, found, own)
    if stop:
        raise XlpokjaError(stop)
    return Reading(t, res, shape, cur, cells)


#: codes of cells whose value is unknown here although Excel computes with it
UNKNOWN = ("NILAI_ERROR", "SEL_GALAT", "RUMUS_TANPA_HASIL", "ANGKA_TIDAK_SAH",
           "TEKS_TERLALU_PANJANG", "RUMUS_HASIL_KOSONG")
#: cells listed one by one when Hitung stops for them (then one line with the count)
UNKNOWN_LISTED = 10


def unknown_values(problems: list[Problem], found: list[tuple[str, int, int, Special]],
                   own: set[tuple[str, str]]) -> list[Problem]:
    """Hitung stops (decisions.md §4) when an input the instrument computes with holds an
    error value (``#N/A`` from a VLOOKUP into a pasted export), a number no spreadsheet holds
    or a formula without a stored result: Excel's own formulas show an error (or compute a
    value unknown here) in every result depending on it, so no number written could match
    what a person sees. The cells are listed (``HITUNG_DIHENTIKAN`` first, with the count).
    This holds for every input cell read, names and notes too: the templates' formulas look
    at whole rows (a row "has data", a name is matched), so an error there spreads as well."""
    hard = {(sh, cell_ref(r, c)) for sh, r, c, sp in found
            if sp.kind in ("error", "number", "formula_novalue", "long_text")} - own
    stop = [p for p in problems if p.code in UNKNOWN or (p.sheet, p.cell) in hard]
    if not stop:
        return []
    head = Problem("HITUNG_DIHENTIKAN", stop[0].sheet, stop[0].cell,
                   "nilai yang dapat dihitung", f"{len(stop)} sel")
    more = [Problem("HITUNG_DIHENTIKAN", "", "", "nilai yang dapat dihitung",
                    f"{len(stop) - UNKNOWN_LISTED} sel lain tidak dicantumkan")] \
        if len(stop) > UNKNOWN_LISTED else []
    return [head, *stop[:UNKNOWN_LISTED], *more]


#: a template formula that shows another sheet's cell: ``S!B7``, ``IF(S!B7="","",S!B7)`` or
#: ``IF(TRIM(S!B7)="","",S!B7)``
_ECHO = re.compile(r"^(?:IF\((?:TRIM\()?(?P<a>(?:'[^']+'|\w+)!\$?[A-Z]+\$?\d+)\)?=\"\","
                   r"\"\",(?P=a)\)|(?P<b>(?:'[^']+'|\w+)!\$?[A-Z]+\$?\d+))$")


def pairing_problems(book: Book, cells: list[Any]) -> list[Problem]:
    """``TIDAK_BERPASANGAN`` where rows or columns of two sheets that belong together no
    longer pair: a template cell that shows another sheet's cell (an issue's name beside its
    scores, a criterion's name above its score column) last showed ``#REF!`` (the row it
    followed was deleted) or the value of *another* cell of that list (a row or column was
    inserted or deleted in one sheet only). The inputs beside it would be computed with the
    wrong row, so nothing is computed. A stale blank, or a value no cell of the list holds (a
    name changed by a program since the last calculation), is not a shift; nor is a result
    shown on another sheet (only inputs are followed), nor a single echoed setting. Adapters
    without stored values (a live Excel, where formulas are always current) are checked the
    same way through the values they read."""
    cached = getattr(book, "cached", None)
    if cached is None:
        return []
    own = {(c.sheet, c.ref) for c in cells}
    echoes: dict[tuple[str, str], list[tuple[Any, str, str, int, int]]] = {}
    for c in cells:
        m = _ECHO.match(c.formula)
        if not m:
            continue
        src_sheet, src_ref = (m.group("a") or m.group("b")).rsplit("!", 1)
        src_sheet = src_sheet.strip("'").replace("''", "'")
        r, col = split_ref(src_ref.replace("$", ""))
        if (src_sheet, cell_ref(r, col)) in own:  # a result shown elsewhere, not an input row
            continue
        echoes.setdefault((c.sheet, src_sheet), []).append((c, src_sheet, cell_ref(r, col), r, col))
    out: list[Problem] = []
    for (sheet, src_sheet), group in echoes.items():
        if len(group) < 2:  # one setting shown elsewhere: no list that could shift
            continue
        sources = [cached(src_sheet, r, col) for _, _, _, r, col in group]
        keys = {xl_key(v) for v in sources if not is_blank(v)}
        mine: list[Problem] = []
        for (c, _, src_ref, _, _), src in zip(group, sources):
            shown = cached(sheet, *split_ref(c.ref))
            if is_blank(shown) or xl_key(shown) == xl_key(src):
                continue
            if isinstance(shown, XlError) and shown == "#REF!" or xl_key(shown) in keys:
                mine.append(Problem("TIDAK_BERPASANGAN", sheet, c.ref,
                                    f"{src_sheet}!{src_ref} = {show_found(src)}",
                                    show_found(shown)))
        out += _first_few(mine, f"baris/kolom yang sama di {src_sheet}",
                          "nilai baris/kolom lain ({n} sel lagi)")
    return out


def _norm(v: Any) -> str:
    return " ".join(str(v).split()).casefold() if v is not None else ""


def layout_of(t: Any, book: Book | None = None, score_columns: bool = True) -> dict[str, Any]:
    """The published layout of ``book`` (templates whose columns vary read them from it).

    With a book, every table whose score columns follow a criteria list also gets
    ``score_columns``: ``[{"n": 1, "header": "Tingkat urgensi", "letter": "E"}, …]`` as the
    book shows them (the headers are the criteria as of the last Hitung)."""
    if book is not None and t.layout_json.__code__.co_argcount:
        data = t.layout_json(book)
    else:
        data = t.layout_json()
    if book is None or not score_columns:
        return data
    names = set(book.sheet_names())
    for table in data["tables"]:
        spec = _score_spec(table)
        if spec is None or table["sheet"] not in names:
            continue
        first, row = spec
        cells = book.read_row(table["sheet"], row)
        cols = []
        for j in range(col_index(first) - 1, len(cells)):
            if is_blank(cells[j]):
                break
            cols.append({"n": len(cols) + 1, "header": cells[j], "letter": col_letter(j + 1)})
        table["score_columns"] = cols
    return data


def _score_spec(table: dict[str, Any]) -> tuple[str, int] | None:
    """(first score column, its header row) of a table with one column per criterion."""
    if "score_columns_from" in table:
        return table["score_columns_from"], table["header_row"]
    for key, row_key in (("indicator_columns", "header_row"), ("criterion_columns", "name_row")):
        spec = table.get(key)
        if isinstance(spec, dict) and "first" in spec and row_key in spec:
            return spec["first"], spec[row_key]
    return None


def header_problems(book: Book, t: Any) -> list[Problem]:
    """``JUDUL_KOLOM_BERUBAH`` for every column of the published layout whose header cell
    holds neither its header nor its key (a column inserted, deleted or moved, a header
    overwritten): the table cannot be read by position, so nothing is computed. Where the
    expected header now stands elsewhere in the row, the message says so."""
    names = set(book.sheet_names())
    out: list[Problem] = []
    for table in layout_of(t, book, score_columns=False)["tables"]:  # no reads it needs not
        sheet = table["sheet"]
        if sheet not in names:
            continue
        # a column inserted shifts every header after it: a few, then one line
        out += _first_few(_table_headers(book, table), "judul sesuai tata letak",
                          "{n} judul lain juga tidak pada tempatnya")
    return out


def _first_few(problems: list[Problem], expected: str, found: str) -> list[Problem]:
    """The first :data:`HEADERS_LISTED` problems of one place, then one line for the rest
    (same code and sheet, the range of their cells, their count)."""
    if len(problems) <= HEADERS_LISTED + 1:  # one more is listed, not summed up
        return problems
    rest = problems[HEADERS_LISTED:]
    where = [split_ref(p.cell) for p in rest]
    top = cell_ref(min(r for r, _ in where), min(c for _, c in where))
    bottom = cell_ref(max(r for r, _ in where), max(c for _, c in where))
    return problems[:HEADERS_LISTED] + [Problem(
        rest[0].code, rest[0].sheet, f"{top}:{bottom}", expected,
        found.format(n=len(rest)))]


#: header problems listed one by one per table (the rest summed up in one line)
HEADERS_LISTED = 3


def _table_headers(book: Book, table: dict[str, Any]) -> list[Problem]:
    sheet, hr = table["sheet"], table["header_row"]
    out: list[Problem] = []
    row = book.read_row(sheet, hr)
    texts = [_norm(v) for v in row]
    for c in table["columns"]:
        i = col_index(c["letter"])
        want = {_norm(c["header"]), _norm(c["key"])}
        got = row[i - 1] if i <= len(row) else None
        if _norm(got) in want:
            continue
        elsewhere = [col_letter(j + 1) for j, x in enumerate(texts) if x in want]
        found = "kosong" if got in (None, "") else show_found(got)
        if elsewhere:
            found += f"; judul itu kini di kolom {', '.join(elsewhere)}"
        out.append(Problem("JUDUL_KOLOM_BERUBAH", sheet, f"{c['letter']}{hr}",
                           repr(c["header"]), found))
    return out


#: keys of the published layout whose entries may be dates (the time of a meeting)
DATE_KEYS = ("waktu", "tanggal")


def _date_fields(t: Any, book: Book) -> set[tuple[str, str]]:
    """(sheet, column letter) and (sheet, cell) where the layout expects a date."""
    data = layout_of(t)
    out = {(tb["sheet"], c["letter"]) for tb in data["tables"] for c in tb["columns"]
           if c["key"] in DATE_KEYS}
    return out | {(s["sheet"], s["cell"]) for s in data.get("settings", [])
                  if s["key"] in DATE_KEYS}


#: at most this many "formula in an input cell" warnings per column (then one summary line)
FORMULA_NOTES_PER_COLUMN = 3


def screen(book: Book, t: Any, res: Any, found: list[tuple[str, int, int, Special]],
           own: set[tuple[str, str]]) -> list[Problem]:
    """Name every input cell read whose content is not a typed value (decisions.md §4):
    a date where a number is expected (``TANGGAL_SEBAGAI_ANGKA``, a warning: Excel computes
    with its serial number, and so does the core), an error value (``SEL_GALAT``), a number
    no spreadsheet holds (``ANGKA_TIDAK_SAH``), a formula without a stored result
    (``RUMUS_TANPA_HASIL``, read as blank), a formula whose stored result was used
    (``RUMUS_DI_MASUKAN``, a warning; a few per column, then one line with the count).
    Cells the instrument already named, and the template's own formula cells (``own``), are
    left out. ``found`` is what the adapter's ``specials()`` listed (adapters that compute
    formulas themselves, Excel, list nothing)."""
    if not found:
        return []
    dated = _date_fields(t, book) if any(sp.kind == "date" for *_x, sp in found) else set()
    named = {(p.sheet, p.cell) for p in res.problems}
    out: list[Problem] = []
    per_column: dict[tuple[str, int], list[str]] = {}
    for sheet, r, c, sp in found:
        ref = cell_ref(r, c)
        if (sheet, ref) in own or (sheet in t.GENERATED and r >= t.GENERATED[sheet]):
            continue
        if (sheet, ref) in named and sp.kind != "long_text":  # its own code says why
            continue
        formula = short_text("=" + sp.formula, 60) if sp.formula else ""
        if sp.kind == "date":
            if (sheet, col_letter(c)) not in dated and (sheet, ref) not in dated:
                out.append(Problem("TANGGAL_SEBAGAI_ANGKA", sheet, ref,
                                   "angka, bukan tanggal", sp.text, WARNING))
        elif sp.kind == "error":
            out.append(Problem("SEL_GALAT", sheet, ref, "nilai yang sah atau kosong",
                               sp.text + (f" (dari {formula})" if formula else "")))
        elif sp.kind == "number":
            out.append(Problem("ANGKA_TIDAK_SAH", sheet, ref, "angka terhingga ≤ 9,99E+307",
                               sp.text))
        elif sp.kind == "long_text":
            out.append(Problem("TEKS_TERLALU_PANJANG", sheet, ref,
                               "paling banyak 32.767 karakter", sp.text))
        elif sp.kind == "formula_novalue":
            out.append(Problem("RUMUS_TANPA_HASIL", sheet, ref, "nilainya", formula))
        elif sp.text == "":  # ="" : COUNTA counts it, COUNTBLANK and ="" do not
            out.append(Problem("RUMUS_HASIL_KOSONG", sheet, ref, "nilai atau sel kosong",
                               formula))
        else:
            refs = per_column.setdefault((sheet, c), [])
            refs.append(ref)
            if len(refs) <= FORMULA_NOTES_PER_COLUMN:
                out.append(Problem("RUMUS_DI_MASUKAN", sheet, ref,
                                   short_text(sp.text, 40) or "(teks kosong)", formula,
                                   WARNING))
    for (sheet, c), refs in per_column.items():
        if len(refs) > FORMULA_NOTES_PER_COLUMN:
            rest = refs[FORMULA_NOTES_PER_COLUMN:]
            out.append(Problem("RUMUS_DI_MASUKAN", sheet, f"{rest[0]}:{rest[-1]}",
                               "hasil tersimpannya", f"{len(rest)} sel lain di kolom "
                               f"{col_letter(c)} berisi rumus", WARNING))
    return out


def hitung(book: Book) -> Any:
    """The Hitung button: validate, list problems, extend the tables, refresh results."""
    t, res, shape, cur, cells = reading(book)
    grew = shape != cur
    if grew or book.stores_values:
        for name, ref in t.extents(shape).items():
            book.set_defined_name(name, ref)
    values = [c.value(res) for c in cells] if book.stores_values else None
    generated = {i for i, c in enumerate(cells)
                 if c.sheet in t.GENERATED and split_ref(c.ref)[0] >= t.GENERATED[c.sheet]}
    for sheet, first_row in t.GENERATED.items():
        idx = [i for i in sorted(generated) if cells[i].sheet == sheet]
        book.write_rows(sheet, first_row, [cells[i] for i in idx],
                        None if values is None else [values[i] for i in idx])
    rest = [i for i in range(len(cells)) if i not in generated]
    # headless, every formula is written again: a row inserted or deleted by another program
    # shifts references, and the written values must stand beside the formulas that make them
    book.write_cells([cells[i] for i in rest],
                     None if values is None else [values[i] for i in rest],
                     formulas=grew or book.stores_values)
    for sheet, first_row, rows, n_cols in t.value_tables(res):
        book.write_table(sheet, first_row, rows, n_cols)
    for sheet, row, col, column in _columns(getattr(t, "value_cells", lambda _res: [])(res)):
        book.write_block(sheet, row, col, column)
    rows = common.problem_rows(res.problems)
    book.write_table(common.MASALAH, common.MASALAH_FIRST_ROW, rows, len(common.MASALAH_HEADERS))
    book.write_value(common.MASALAH, common.MASALAH_COUNT_CELL, len(res.problems))  # all
    return res


def _columns(cells: Any) -> list[tuple[str, int, int, list[list[Any]]]]:
    """Single value cells ``(sheet, ref, value)`` grouped into vertical runs, one write each
    (a tie-round status column is one call under Excel, however many rounds)."""
    runs: list[tuple[str, int, int, list[list[Any]]]] = []
    for sheet, ref, value in sorted(cells, key=lambda c: (c[0], *split_ref(c[1])[::-1])):
        row, col = split_ref(ref)
        last = runs[-1] if runs else None
        if last and last[0] == sheet and last[2] == col and last[1] + len(last[3]) == row:
            last[3].append([value])
        else:
            runs.append((sheet, row, col, [[value]]))
    return runs


#: the other buttons: action name -> the template function it runs (then Hitung runs).
#: A template offers an action by defining a function of that name taking
#: ``(book, result, **options)``; it writes inputs only (a lock record, a new tie round)
#: and Hitung then refreshes every result from them.
ACTIONS = {
    "kunci_bobot": "Kunci bobot",
    "buka_kunci": "Buka kunci bobot",
    "putaran_seri": "Putaran seri",
    "gabung": "Gabung",
}


#: the macro of ``macros/Tombol.bas`` a button is bound to (``Button.macro``) -> its action
ACTION_OF_MACRO = {"Hitung": "hitung", "KunciBobot": "kunci_bobot", "BukaKunci": "buka_kunci",
                   "PutaranSeri": "putaran_seri", "Gabung": "gabung"}


def title(action: str) -> str:
    """The button's name, as its dialog's title shows it (``Hitung``, ``Kunci bobot`` …)."""
    return "Hitung" if action == "hitung" else ACTIONS[action]


def outcome(res: Any) -> str:
    """What every host tells the person after a button ran (Indonesian, as the workbook)."""
    n = len(res.problems)
    return ("Selesai. Tidak ada masalah input." if not n else
            f"Selesai dengan {n} masalah input: lihat sheet Masalah. Isian yang bermasalah "
            "tidak dihitung.")


def _action(t: Any, action: str) -> Any:
    """The function of a button other than Hitung that template ``t`` offers, or None."""
    if action == "gabung":  # answers from many hands: the questionnaire only
        if t.TEMPLATE_ID != "penilaian_diri":
            return None
        from xlpokja.merge.merge import gabung

        return gabung
    return getattr(t, action, None) if action in ACTIONS else None


def offered(t: Any) -> list[str]:
    """The actions of template ``t``'s buttons: Hitung first, then the others."""
    return ["hitung"] + [a for a in ACTIONS
                         if (a == "gabung" and t.TEMPLATE_ID == "penilaian_diri")
                         or (a != "gabung" and hasattr(t, a))]


def run(book: Book, action: str, **options: Any) -> Any:
    """Run a button action other than Hitung, then Hitung."""
    if action == "hitung":
        return hitung(book)
    t, res, _shape, _cur = read(book)
    fn = _action(t, action)
    if fn is None:
        others = ", ".join(a for a in offered(t) if a != "hitung") or "tidak ada"
        raise XlpokjaError([Problem("AKSI_TIDAK_ADA", "", "", others, action)])
    fn(book, res, **options)
    return hitung(book)
