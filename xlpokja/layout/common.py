"""Parts every template shares: the ``Masalah`` sheet, sheet checks, extents.

Every instrument (``xlpokja/instruments/<id>/``) offers this template interface, gathered
in its ``__init__.py`` (``xlpokja.instruments.TEMPLATES[id]``):

* ``TEMPLATE_ID``, ``TEMPLATE_VERSION``, ``FILE_NAME``, ``SHEETS``, ``REQUIRED_SHEETS``;
* ``GENERATED``: sheets whose rows from a given row down are wholly computed;
* ``BUTTONS``: its form buttons (:class:`xlpokja.layout.base.Button`);
* ``read(book) -> (result, shape, current_shape)``: read and compute, writing nothing;
  ``shape`` is what the formulas must cover, ``current_shape`` what they cover now;
* ``formula_cells(shape)``: every computed cell (formula + core value);
* ``extents(shape)``: defined names recording how far formulas reach;
* ``grown_note(shape, current)``: where to point a person when the formulas lag the data;
* ``value_tables(result)`` (and ``value_cells(result)``): what Python writes as values;
* ``result_json``, ``resume_text``, ``layout_json``;
* the other buttons it offers, each ``(book, result, **options)``: ``kunci_bobot``,
  ``buka_kunci``, ``putaran_seri``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from xlpokja.core.problems import ERROR, Problem, XlpokjaError

MASALAH = "Masalah"
MASALAH_HEADERS = ("No", "Sheet", "Sel", "Kode", "Tingkat", "Diharapkan", "Ditemukan",
                   "Keterangan")
MASALAH_HEADER_ROW = 4
MASALAH_FIRST_ROW = 5
MASALAH_COUNT_CELL = "C2"


#: how Hitung reads each class of input cell (shown on every Referensi sheet; decisions.md §4)
CELL_POLICY = (
    ("Angka", "dibaca sebagai angka; di luar skala, pecahan pada skala bulat, atau negatif "
              "pada bobot: dicatat di Masalah dan tidak dihitung."),
    ("Kosong", "tidak menjawab / belum dinilai, bukan nol. Sel berisi spasi saja bukan "
               "kosong: dicatat sebagai teks."),
    ("Teks", "pada kolom angka: dicatat (termasuk angka yang tersimpan sebagai teks, mis. "
             "'3' dari ekspor) dan tidak dihitung; pada kolom nama/catatan: dipakai apa adanya."),
    ("TRUE/FALSE", "bukan angka (seperti COUNT di Excel): dicatat dan tidak dihitung."),
    ("Tanggal", "Excel menghitung tanggal sebagai angka seri (5 Jan 2024 = 45.296), begitu pula "
                "Hitung: biasanya di luar skala, dicatat beserta tanggalnya."),
    ("Galat (#N/A, #DIV/0!, #REF!)", "Hitung dihentikan dan sel-selnya disebut: rumus Excel "
                                     "sendiri menampilkan galat pada hasil yang memakainya."),
    ("Rumus di sel isian", "dipakai hasil tersimpannya, dengan catatan di Masalah; rumus tanpa "
                           "hasil tersimpan (dari program lain) atau yang hasilnya teks kosong "
                           "(\"\"): "
                           "Hitung dihentikan."),
    ("Kolom disisipkan/dihapus", "judul kolom diperiksa: tabel yang bergeser tidak dihitung "
                                 "(kembalikan susunan kolom). Baris disisipkan di tabel isian "
                                 "diikutkan; baris yang tidak lagi berpasangan antar-sheet "
                                 "disebut dan tidak dihitung."),
)


#: problems of one kind in one column listed one by one on Masalah (the rest: one line)
LISTED_PER_COLUMN = 20


def compact(problems: Sequence[Problem], per_column: int = LISTED_PER_COLUMN) -> list[Problem]:
    """The problems as listed: every one when there are few; beyond ``per_column`` of one
    code in one column of one sheet, one more line for that column with the count and the
    cells' range (thousands of answers stored as text make a few hundred lines, not
    360,000). Nothing is dropped from the count: the summary lines carry it."""
    groups: dict[tuple[str, str, str], list[Problem]] = {}
    for p in problems:
        col = re.match(r"[A-Z]*", p.cell).group(0)  # type: ignore[union-attr]
        groups.setdefault((p.sheet, col, p.code), []).append(p)
    if all(len(g) <= per_column + 1 for g in groups.values()):
        return list(problems)
    out: list[Problem] = []
    for (sheet, col, code), ps in groups.items():
        if len(ps) <= per_column + 1:  # one more is listed, not summed up
            out += ps
            continue
        out += ps[:per_column]
        rest = ps[per_column:]
        if rest:
            first, last = rest[0].cell.split(":")[0], rest[-1].cell.split(":")[-1]
            out.append(Problem(code, sheet, f"{first}:{last}" if col else "", rest[0].expected,
                               f"{rest[0].found} dan {len(rest) - 1} sel lain di kolom "
                               f"{col or '-'}", rest[0].severity))
    return out


def problem_rows(problems: Sequence[Problem]) -> list[list[Any]]:
    """The rows of the ``Masalah`` sheet: always Indonesian, like the workbook (``--lang``
    changes what the command prints, not the file; ``check`` compares these rows)."""
    return [[i, p.sheet, p.cell, p.code, "galat" if p.severity == ERROR else "peringatan",
             p.expected, p.found, p.message("id")]
            for i, p in enumerate(compact(problems), start=1)]


def check_sheets(names: Sequence[str], required: Sequence[str]) -> None:
    missing = [s for s in required if s not in names]
    if missing:
        raise XlpokjaError([Problem("SHEET_TIDAK_ADA", s, "", repr(s), ", ".join(names))
                            for s in missing])


#: rows a table's defined name may cover (a name widened to whole columns is refused, not
#: followed to the sheet's last row)
MAX_EXTENT_ROWS = 30_000


def extent_rows(ref: str | None, default: int) -> int:
    """Rows covered by a defined name such as ``Jawaban!$A$5:$AK$54``; raises ``BATAS_BARIS``
    beyond :data:`MAX_EXTENT_ROWS`."""
    m = re.search(r"\$?[A-Z]+\$?(\d+):\$?[A-Z]+\$?(\d+)\s*$", ref or "")
    if not m:
        return default
    n = max(1, int(m.group(2)) - int(m.group(1)) + 1)
    if n > MAX_EXTENT_ROWS:
        raise XlpokjaError([Problem("BATAS_BARIS", ref.split("!")[0].strip("'") if ref else "",
                                    "", f"nama tabel yang mencakup paling banyak "
                                    f"{MAX_EXTENT_ROWS:,} baris".replace(",", "."),
                                    f"{ref} ({n:,} baris)".replace(",", "."))])
    return n


def extent_cols(ref: str | None, default: int) -> int:
    """Columns covered by a defined name such as ``Penilaian!$C$6:$W$6``."""
    from xlpokja.layout.base import col_index

    m = re.search(r"\$?([A-Z]+)\$?\d+:\$?([A-Z]+)\$?\d+\s*$", ref or "")
    if not m:
        return default
    return max(1, col_index(m.group(2)) - col_index(m.group(1)) + 1)


def masalah_json() -> dict[str, Any]:
    """Where Hitung lists the problems (the same in every template)."""
    return {"sheet": MASALAH, "header_row": MASALAH_HEADER_ROW,
            "first_data_row": MASALAH_FIRST_ROW, "columns": list(MASALAH_HEADERS)}


def problems_text(problems: Sequence[Problem], limit: int = 10) -> list[str]:
    """The problem lines of a text résumé (in the language of the run, ``--lang``)."""
    from xlpokja.core.problems import LANG

    en = LANG.get() == "en"
    if not problems:
        return ["Input problems: none." if en else "Masalah input: tidak ada."]
    n_err = sum(p.severity == ERROR for p in problems)
    out = [f"Input problems: {len(problems)} ({n_err} errors) — see sheet Masalah:" if en
           else f"Masalah input: {len(problems)} ({n_err} galat) — lihat sheet Masalah:"]
    problems = compact(problems)
    out += [f"  {p.where()} [{p.code}] {p.message()}" for p in problems[:limit]]
    if len(problems) > limit:
        more = len(problems) - limit
        out.append(f"  … and {more} more" if en else f"  … dan {more} lainnya")
    if n_err:
        out.append("PROVISIONAL RESULT: entries with problems are not counted." if en
                   else "HASIL SEMENTARA: isian yang bermasalah tidak dihitung.")
    return out


#: the last line of every Petunjuk sheet: where the buttons run (README, "Where the buttons run")
HOSTS_NOTE = ("Tombol berjalan di Excel dengan add-in xlwings dan Python; tombol hijau "
              "\"(xlwings Lite)\" di Excel 365/2021 dengan add-in xlwings Lite (tanpa Python); "
              "dan di LibreOffice Calc setelah ekstensi xlpokja.oxt dipasang sekali (Alat > "
              "Pengelola Ekstensi; tanpa Python). Di LibreOffice fungsi PKJ_KETERANGAN dan "
              "PKJ_VALIDASI tidak ada: sel itu menampilkan hasil rumus biasa yang sama. Setelah "
              "disimpan di LibreOffice, jalankan Hitung dari Alat > Makro > Jalankan Makro > "
              "xlpokja_lo > hitung bila tombolnya hilang.")
