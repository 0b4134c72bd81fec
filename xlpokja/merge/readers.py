"""Source files as grids (issue 13 items 2–3): CSV, .xlsx/.xlsm and .ods, every sheet.

pandas and python-calamine are used here, so the action path (which LibreOffice's own
Python runs) never imports this module.

* CSV (also ``.tsv``/``.txt``): pandas ``read_csv`` (``dtype=str``, ``keep_default_na=False``,
  no header), after the text is decoded here — UTF-8 (with or without BOM), UTF-16 with
  a BOM (Excel's "Unicode Text"), else Windows-1252, else Latin-1, with a warning
  ``SUMBER_ENKODING`` — and the separator chosen among ``;`` (Kobo's CSV, Excel in an
  Indonesian locale), ``,`` and tab by which one splits the first rows into the same
  number of fields. Every row keeps its sheet row number (a blank line is a row, as in
  Excel); a cell spelled as an Excel error literal (``#N/A``) is that error value, as
  Excel reads it; other cells stay text (``"007"`` is not 7).
* .xlsx/.xlsm: :class:`xlpokja.hosts.headless.recalc.PackageBook` — python-calamine for
  the values plus the scan of the sheet XML that recovers the error values calamine reads
  as blank (``#N/A`` in a pasted export is reported, not a blank), the package read as
  untrusted input (no DTD, size limits). pandas would only add a conversion step here.
* .ods: pandas ``read_excel(engine="calamine", header=None, sheet_name=None,
  dtype=object)``; the error cells (blank for calamine) are recovered from
  ``content.xml`` (``calcext:value-type="error"``), the ``xlpokja_template`` property from
  ``meta.xml``.

Refused with an :class:`~xlpokja.core.problems.XlpokjaError` naming the file: not a
spreadsheet (``SUMBER_BUKAN_LEMBAR_KERJA``), an old .xls or an encrypted workbook
(``SUMBER_XLS_ATAU_TERENKRIPSI``), an empty file (``SUMBER_KOSONG``), a text that cannot
be decoded (``SUMBER_TIDAK_TERBACA``), a damaged package (``BERKAS_RUSAK``), more than
:data:`~xlpokja.hosts.headless.recalc.MAX_SHEET_ROWS` rows (``BATAS_BARIS``).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import itertools
import math
import os
import stat
import zipfile
from pathlib import Path
from typing import Any

from xlpokja.core.problems import WARNING, Problem, XlpokjaError
from xlpokja.core.scales import EXCEL_ERRORS
from xlpokja.core.values import XlError, cell_value
from xlpokja.merge.model import Grid, where

TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
PACKAGE_SUFFIXES = (".xlsx", ".xlsm")
ODS_SUFFIXES = (".ods",)
#: every file name ending :func:`read_grids` reads
SUFFIXES = TEXT_SUFFIXES + PACKAGE_SUFFIXES + ODS_SUFFIXES
EXPECTED_FILE = "CSV, .xlsx, .xlsm atau .ods"
SEPARATORS = (";", ",", "\t")
_SNIFF_ROWS = 50
_ZIP = b"PK\x03\x04"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"


def _refuse(code: str, file: str, expected: str, found: str) -> XlpokjaError:
    return XlpokjaError([Problem(code, file, "", expected, found)])


def file_time(path: Path) -> str:
    """The file's modification time, ISO 8601 to the second, local time."""
    return dt.datetime.fromtimestamp(os.stat(path).st_mtime).isoformat(timespec="seconds")


def read_grids(path: Path | str, display_name: str,
               problems: list[Problem] | None = None) -> list[Grid]:
    """Every sheet of a source file (one grid for a CSV), as
    :class:`~xlpokja.merge.model.Grid`.

    ``display_name`` is the file as the person gave it (``Grid.file``, and how problems
    name it). ``problems``, when given, receives the warnings about a file that was read
    all the same (``SUMBER_ENKODING``). Raises :class:`XlpokjaError` for a file that cannot
    be read (see the module docstring; ``SUMBER_TIDAK_TERBACA`` too when the system refuses
    to read it); ``FileNotFoundError`` for a missing file. The file is only read."""
    try:
        return _read_grids(Path(path), display_name, problems)
    except FileNotFoundError:
        raise
    except OSError as e:  # no permission, a device error …
        raise _refuse("SUMBER_TIDAK_TERBACA", display_name, EXPECTED_FILE,
                      e.strerror or str(e)) from None


def _read_grids(path: Path, display_name: str, problems: list[Problem] | None) -> list[Grid]:
    from xlpokja.hosts.headless.package import MAX_TOTAL, OLE_MAGIC

    st = os.stat(path)
    suffix = path.suffix.lower()
    if not stat.S_ISREG(st.st_mode):
        raise _refuse("SUMBER_BUKAN_LEMBAR_KERJA", display_name, EXPECTED_FILE,
                      "bukan berkas biasa (folder, pipa atau perangkat)")
    if suffix not in SUFFIXES and suffix != ".xls":
        raise _refuse("SUMBER_BUKAN_LEMBAR_KERJA", display_name, EXPECTED_FILE,
                      f"berkas {suffix or 'tanpa akhiran'}")
    if st.st_size == 0:
        raise _refuse("SUMBER_KOSONG", display_name, EXPECTED_FILE, "0 bita")
    if st.st_size > MAX_TOTAL:
        raise _refuse("SUMBER_TIDAK_TERBACA", display_name,
                      f"berkas sampai {MAX_TOTAL >> 20} MB", f"{st.st_size >> 20} MB")
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:
        raise _refuse("SUMBER_XLS_ATAU_TERENKRIPSI", display_name,
                      "buku kerja .xlsx/.xlsm tanpa kata sandi, .ods atau CSV",
                      "buku kerja Excel lama (.xls) atau buku kerja yang dilindungi kata sandi")
    if suffix == ".xls":
        raise _refuse("SUMBER_BUKAN_LEMBAR_KERJA", display_name, EXPECTED_FILE,
                      "berkas .xls yang bukan buku kerja Excel (mungkin halaman web); buka "
                      "lalu Simpan Sebagai .xlsx")
    mtime = file_time(path)
    if suffix in TEXT_SUFFIXES:
        if head.startswith(_ZIP):
            raise _refuse("SUMBER_BUKAN_LEMBAR_KERJA", display_name, "teks CSV",
                          f"arsip zip (mungkin .xlsx/.ods yang diberi akhiran {suffix})")
        return [_read_csv(path, display_name, mtime, problems)]
    if not head.startswith(_ZIP):
        raise _refuse("SUMBER_BUKAN_LEMBAR_KERJA", display_name, EXPECTED_FILE,
                      f"berkas {suffix} yang bukan arsip zip (rusak, atau berformat lain)")
    if suffix in ODS_SUFFIXES:
        return _read_ods(path, display_name, mtime)
    return _read_package(path, display_name, mtime)


# --------------------------------------------------------------------------- CSV


def _decode(data: bytes, file: str, problems: list[Problem] | None) -> str:
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise _refuse("SUMBER_TIDAK_TERBACA", file, "teks UTF-16", str(e)) from None
    if b"\x00" in data:
        raise _refuse("SUMBER_TIDAK_TERBACA", file, "teks CSV",
                      "berkas biner (berisi bita nol), bukan teks")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for enc, name in (("cp1252", "Windows-1252"), ("latin-1", "Latin-1")):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if problems is not None:
            problems.append(Problem("SUMBER_ENKODING", file, "", "UTF-8", name, WARNING))
        return text
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def sniff_separator(text: str) -> str:
    """The field separator of a CSV text among :data:`SEPARATORS`: the one that splits
    the first rows into more than one field and most often into as many fields as the
    first row (ties: more fields, then the order of :data:`SEPARATORS`)."""
    best, best_score = SEPARATORS[1], (False, -1, -1)
    sample = text[:1 << 16]
    for sep in SEPARATORS:
        rows = [r for r in itertools.islice(csv.reader(io.StringIO(sample), delimiter=sep),
                                            _SNIFF_ROWS) if any(c.strip() for c in r)]
        if not rows:
            continue
        width = len(rows[0])
        score = (width > 1, sum(len(r) == width for r in rows), width)
        if score > best_score:
            best, best_score = sep, score
    return best


def _read_csv(path: Path, file: str, mtime: str, problems: list[Problem] | None) -> Grid:
    import pandas as pd

    from xlpokja.hosts.headless.recalc import MAX_SHEET_ROWS

    text = _decode(path.read_bytes(), file, problems)
    if not text.strip():
        raise _refuse("SUMBER_KOSONG", file, "baris judul dan jawaban",
                      "hanya spasi atau baris kosong")
    sep = sniff_separator(text)
    widths = [len(r) for r in csv.reader(io.StringIO(text), delimiter=sep)]
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                            header=None, names=range(max(widths)), skip_blank_lines=False)
    except (ValueError, csv.Error, pd.errors.ParserError) as e:
        raise _refuse("SUMBER_TIDAK_TERBACA", file, "teks CSV", str(e).strip()) from None
    if len(frame) != len(widths) or not isinstance(frame.index, pd.RangeIndex):
        # a row pandas splits otherwise than the csv module: rows could shift, so refuse
        raise _refuse("SUMBER_TIDAK_TERBACA", file, "teks CSV",
                      f"tanda kutip yang tidak berpasangan ({len(frame)} baris menurut pandas, "
                      f"{len(widths)} menurut modul csv)")
    if len(frame) > MAX_SHEET_ROWS:
        raise XlpokjaError([Problem("BATAS_BARIS", file, "",
                                    f"paling banyak {MAX_SHEET_ROWS:,} baris".replace(",", "."),
                                    f"{len(frame):,} baris".replace(",", "."))])
    rows = [[_csv_cell(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    while rows and not any(v is not None for v in rows[-1]):
        rows.pop()  # the empty line a final newline leaves (and trailing empty lines)
    return Grid(file, "", rows, mtime)


def _csv_cell(v: object) -> object:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    s = str(v)
    if s.strip().upper() in EXCEL_ERRORS:
        return XlError(s.strip().upper())
    return cell_value(s)


# --------------------------------------------------------------------------- .xlsx/.xlsm


def _renamed(e: XlpokjaError, path: Path, file: str) -> XlpokjaError:
    """The problems of a package reader, naming the file as the person gave it."""
    out = []
    for p in e.problems:
        sheet = file if p.sheet in ("", path.name) else where(file, p.sheet)
        out.append(dataclasses.replace(p, sheet=sheet))
    return XlpokjaError(out)


def _read_package(path: Path, file: str, mtime: str) -> list[Grid]:
    from xlpokja.hosts.headless.recalc import PackageBook

    try:
        book = PackageBook(path)
        template = book.template_id()
        grids = []
        for sheet in book.sheet_names():
            part = book.pkg.sheet_paths.get(sheet, "")
            if "chartsheet" in part.lower():  # a chart sheet holds no cells
                continue
            grids.append(Grid(file, sheet, book.source_grid(sheet), mtime,
                              template))
    except XlpokjaError as e:
        raise _renamed(e, path, file) from None
    return grids


# --------------------------------------------------------------------------- .ods


def _ods_parts(path: Path, file: str) -> tuple[bytes, bytes]:
    """``content.xml`` and ``meta.xml`` of an .ods, read as untrusted input."""
    from xlpokja.hosts.headless.package import MAX_TOTAL, _read_entry

    try:
        with zipfile.ZipFile(path) as zf:
            names = {i.filename: i for i in zf.infolist()}
            if "content.xml" not in names:
                raise _refuse("SUMBER_BUKAN_LEMBAR_KERJA", file, EXPECTED_FILE,
                              "arsip zip tanpa content.xml (bukan lembar kerja OpenDocument)")
            content = _read_entry(zf, names["content.xml"], path, MAX_TOTAL)
            meta = (_read_entry(zf, names["meta.xml"], path, MAX_TOTAL - len(content))
                    if "meta.xml" in names else b"")
    except (zipfile.BadZipFile, OSError) as e:
        raise _refuse("BERKAS_RUSAK", file, ".ods", f"bukan arsip zip ({e})") from None
    except XlpokjaError as e:
        raise _renamed(e, path, file) from None
    for name, data in (("content.xml", content), ("meta.xml", meta)):
        if b"<!DOCTYPE" in data[:4096]:
            raise _refuse("BERKAS_RUSAK", file, ".ods", f"{name}: DOCTYPE tidak diizinkan")
    return content, meta


def _ods_errors(content: bytes, file: str) -> dict[str, dict[tuple[int, int], str]]:
    """sheet -> {(row, column): error text} of the error cells in an .ods ``content.xml``
    (calamine reads them as blank)."""
    if b'value-type="error"' not in content:
        return {}
    from lxml import etree

    from xlpokja.hosts.headless.recalc import MAX_SHEET_ROWS

    out: dict[str, dict[tuple[int, int], str]] = {}
    errors: dict[tuple[int, int], str] = {}
    row = col = 0
    rep = 1
    try:
        for event, el in etree.iterparse(io.BytesIO(content), events=("start", "end"),
                                         resolve_entities=False, no_network=True,
                                         load_dtd=False, huge_tree=True):
            tag = el.tag
            if event == "start":
                if tag == _T + "table":
                    errors = out.setdefault(el.get(_T + "name", ""), {})
                    row = 0
                elif tag == _T + "table-row":
                    col = 0
                    rep = min(int(el.get(_T + "number-rows-repeated", "1")), MAX_SHEET_ROWS)
                continue
            if tag in (_T + "table-cell", _T + "covered-table-cell"):
                n = int(el.get(_T + "number-columns-repeated", "1"))
                if el.get(_CALCEXT + "value-type") == "error":
                    text = "".join(el.itertext()).strip() or "#N/A"
                    for dr in range(rep):
                        for dc in range(n):
                            errors[(row + dr + 1, col + dc + 1)] = text
                col += n
            elif tag == _T + "table-row":
                row += int(el.get(_T + "number-rows-repeated", "1"))
                el.clear()
    except (etree.XMLSyntaxError, ValueError) as e:
        raise _refuse("BERKAS_RUSAK", file, ".ods", f"content.xml: XML rusak ({e})") from None
    return out


def _ods_template(meta: bytes) -> str | None:
    if b"xlpokja_template" not in meta:
        return None
    from lxml import etree

    from xlpokja.hosts.headless.package import _PARSER

    try:
        root = etree.fromstring(meta, _PARSER)
    except etree.XMLSyntaxError:
        return None
    for el in root.iter(_META + "user-defined"):
        if el.get(_META + "name") == "xlpokja_template":
            return (el.text or "").strip() or None
    return None


def _plain(v: Any) -> Any:
    """A pandas cell as :func:`cell_value` takes it (NaN and NaT blank, Timestamp a
    datetime)."""
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    to_py = getattr(v, "to_pydatetime", None)
    if to_py is not None:
        import pandas as pd

        return None if v is pd.NaT else to_py()
    return v


def _read_ods(path: Path, file: str, mtime: str) -> list[Grid]:
    import pandas as pd

    from xlpokja.hosts.headless.recalc import MAX_SHEET_ROWS

    content, meta = _ods_parts(path, file)
    errors = _ods_errors(content, file)
    template = _ods_template(meta)
    try:
        frames = pd.read_excel(path, engine="calamine", header=None, sheet_name=None,
                               dtype=object)
    except Exception as e:  # calamine raises its own error types
        raise _refuse("BERKAS_RUSAK", file, ".ods", str(e)) from None
    grids = []
    for sheet, frame in frames.items():
        if len(frame) > MAX_SHEET_ROWS:
            raise XlpokjaError([Problem(
                "BATAS_BARIS", where(file, sheet), "",
                f"paling banyak {MAX_SHEET_ROWS:,} baris".replace(",", "."),
                f"{len(frame):,} baris".replace(",", "."))])
        rows = [[cell_value(_plain(v)) for v in row]
                for row in frame.itertuples(index=False, name=None)]
        for (r, c), text in errors.get(sheet, {}).items():
            if r > MAX_SHEET_ROWS:
                continue
            while len(rows) < r:
                rows.append([])
            if len(rows[r - 1]) < c:
                rows[r - 1].extend([None] * (c - len(rows[r - 1])))
            rows[r - 1][c - 1] = XlError(text)
        grids.append(Grid(file, str(sheet), rows, mtime, template))
    return grids
