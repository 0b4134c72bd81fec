"""Survey exports and saved tables as respondents' answers (issue 13 item 3; instruments.md
K3.2–K3.6; domain-anchors.md §5.2).

Pure Python (no pandas: the Gabung button runs this inside LibreOffice's own Python). A
source sheet (:class:`~xlpokja.merge.model.Grid`) that holds a TABLE of answers — a
KoboToolbox/ODK or Google Forms export, a table saved by Excel, LibreOffice, WPS or Google
Sheets, the ``Jawaban`` sheet of another questionnaire workbook — becomes one
:class:`~xlpokja.merge.model.SourceRow` per respondent:

* :func:`map_header` — what one header cell names (:class:`ColumnRole`);
* :func:`find_table` — the header row and every column's role (:class:`Table`), or an
  :class:`~xlpokja.core.problems.XlpokjaError` when a column cannot be placed;
* :func:`answer_value` — one answer cell as a number 0–5, blank, or the raw value;
* :func:`table_rows` — the respondents' rows, and the warnings about them;
* :func:`mapping_lines` / :func:`mapping_records` — the mapping used, to print and to write.

Headers (:func:`map_header`): the names of roles first, then the item forms; "normalised"
text ignores case, spacing, punctuation, curly quotes and accents (only letters and digits
are compared):

=====================================  ===================================================
header                                 read as
=====================================  ===================================================
``Responden``, ``Kode responden``,     the respondent (a code-like column before a
``Nama / kode responden``, ``Kode``,   name-like one; the next is used where the first is
``Nama``, ``Nama responden`` …, also   blank)
with a note in brackets after it
``_uuid``, ``ID kiriman``;             the submission id (the first of these kinds
``meta/instanceID``, ``instanceID``;   present; the others are metadata)
``KEY`` (ODK Central)
``_submission_time``,                  the submission time (``end`` only when none of the
``Waktu kiriman``, ``SubmissionDate``, others is present)
``Timestamp``, ``Stempel waktu``;
``end``
``Sumber: berkas``, ``Sumber: sheet``, where a merged row first came from (the Jawaban
``Sumber: baris``, ``Waktu berkas``    sheet of a questionnaire workbook): kept in the
                                       row's notes
Kobo/ODK metadata (``start``,          metadata, skipped (listed in the mapping)
``today``, ``deviceid``, ``_id``,
``_index``, ``_validation_status``,
``__version__``, ``formhub/uuid``,
``meta/…``, ``_attachments`` …);
Google Forms ``Email Address`` /
``Alamat email``, ``Score`` / ``Skor``
/ ``Nilai total``
``A1`` … ``F5``, ``a 1``, ``A.1``      the item (a key-shaped name that is no item, such
                                       as ``B9``, is an unknown column)
``grp_a/A1``, ``A/A1``,                the item: the last part of a group path (``/`` as
``penilaian/grp_b/B3``, ``grp_a-A1``   Kobo writes it, ``-`` as ODK Central does)
``Judul [Organisasi dapat …]``,        the item whose statement (or key) is in the
``Judul [A1]``                         brackets (a Google Forms grid)
the statement, normalised              the item
``grp/…/statement``                    the item (Kobo labels with group names)
``1. statement``                       the item (a number before the statement)
``A1. statement``, ``A1 - …``,         the item by its key; when the text after the key is
``A1 …``                               another item's statement, an unknown column
=====================================  ===================================================

Answers (:func:`answer_value`):

=================================================  =========================================
cell                                               answer
=================================================  =========================================
a number 0–5 (``3``, ``3.0``)                      that number
text ``"3"``, ``"3.0"``, ``"3,0"``, ``" 3 "``      3 (a decimal comma or point with one or
                                                   two digits)
``"3 - cukup"``, ``"3. cukup"``, ``"3 = cukup"``,  3, whatever the label says, unless it is
``"3: cukup"``, ``"3 (cukup)"``, ``"(3) cukup"``   another value's scale text (then as found)
``"buruk sekali"`` / ``"0 buruk sekali"``          0 (K3.2)
``"baik sekali"`` / ``"5 baik sekali"``            5 (K3.2)
an interpretation label of K3.6 (bands 1–5)        its number (:data:`xlpokja.core.bands.LABELS`)
empty, spaces, ``n/a``, ``na``, ``N/A``, ``-``,    blank (``None``), never 0
``tidak tahu``, ``tidak menjawab``,
``tidak dapat dikaji``, ``Tidak dapat dikaji atau
tidak ada informasi`` (K3.6 band 0)
text ``"#N/A"`` (a CSV), other error literals      the error value, as Excel reads it
another number (``7``, ``-1``, ``2.5``; text        as found (a number text as its number),
``"7"``), text, an error value, a date, TRUE       reported by :func:`table_rows`
=================================================  =========================================
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from xlpokja.core.bands import LABELS
from xlpokja.core.problems import LANG, WARNING, Problem, XlpokjaError, short_text, show_found
from xlpokja.core.scales import EXCEL_ERRORS
from xlpokja.core.values import XlDate, XlError, as_text
from xlpokja.instruments.penilaian_diri.calc import ITEM_KEYS, ITEMS
from xlpokja.instruments.penilaian_diri.layout import PROVENANCE as JAWABAN_PROVENANCE
from xlpokja.layout.base import col_letter
from xlpokja.merge.model import Grid, SourceRow, where

#: rows searched for the header row (the Jawaban sheet has it in row 4, under a title)
HEADER_SEARCH_ROWS = 30

#: rows below a header candidate searched for item names (a vertical list: a form's next
#: component comes after a blank row and a component title)
_LIST_LOOKAHEAD = 40
#: what a cell of an answer column must hold (the ``expected`` of a problem)
EXPECTED_ANSWER = "bilangan bulat 0–5, label skala (mis. '3 - cukup') atau kosong"
EXPECTED_COLUMN = ("kunci butir A1…F5, teks pernyataan, atau kolom responden/metadata yang "
                   "dikenal")

# --------------------------------------------------------------------------- roles

ITEM = "item"
RESPONDENT = "respondent"
SUBMISSION_ID = "submission_id"
SUBMITTED = "submitted"
PROVENANCE = "provenance"
METADATA = "metadata"
IGNORED = "ignored"
BLANK = "blank"
UNKNOWN = "unknown"

#: provenance columns the Jawaban sheet carries after its answer columns (written by
#: Gabung): header -> the part of where the row first came from
_PART = {"sumber_berkas": "berkas", "sumber_sheet": "sheet", "sumber_baris": "baris",
         "waktu_berkas": "waktu_berkas"}
PROVENANCE_HEADERS: dict[str, str] = {c.header: _PART[c.key] for c in JAWABAN_PROVENANCE
                                      if c.key in _PART}
ID_HEADER = next(c.header for c in JAWABAN_PROVENANCE if c.key == "id_kiriman")
TIME_HEADER = next(c.header for c in JAWABAN_PROVENANCE if c.key == "waktu_kiriman")


@dataclass(frozen=True)
class ColumnRole:
    """What one header names.

    ``kind`` is one of :data:`ITEM` (``key`` the item key), :data:`RESPONDENT`,
    :data:`SUBMISSION_ID`, :data:`SUBMITTED`, :data:`PROVENANCE` (``key`` one of
    ``berkas``/``sheet``/``baris``/``waktu_berkas``), :data:`METADATA`, :data:`BLANK`,
    :data:`UNKNOWN`. ``how`` says how it was recognised (an item: ``key``, ``path``,
    ``lead``, ``text``, ``text_path``, ``text_number``, ``grid``; metadata: ``kobo`` or
    ``google``; unknown: ``no_item`` (key-shaped, not an item) or ``conflict``, with
    ``detail`` naming the item), ``rank`` orders columns of one kind (0 first)."""

    kind: str
    key: str = ""
    how: str = ""
    rank: int = 0
    detail: str = ""


def _compact(text: str) -> str:
    """Letters and digits only, case- and accent-free: what two spellings must share."""
    t = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in t.casefold() if ch.isalnum())


def _light(text: str) -> str:
    """Case-free, spacing collapsed (names such as ``_uuid`` keep their punctuation)."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


_STATEMENT: dict[str, str] = {_compact(it.text): it.key for it in ITEMS}
_KEYS = frozenset(ITEM_KEYS)
_KEY_ONLY = re.compile(r"[\(\[]?\s*([A-Za-z])\s*[.\-_]?\s*0?(\d{1,2})\s*[\)\]]?")
_KEY_LEAD = re.compile(r"[\(\[]?\s*([A-Fa-f])\s*[.\-_]?\s*0?(\d)\s*[\)\]]?"
                       r"(?:\s*[.:=|\-–—)]\s*|\s+)(\S.*)", re.DOTALL)
_NUMBER_LEAD = re.compile(r"[\(\[]?\s*\d{1,3}\s*[\)\]]?\s*(?:[.:\-–—)]\s*|\s+)(\S.*)", re.DOTALL)
_NOTE = re.compile(r"\s*[\(\[][^\(\)\[\]]*[\)\]]\s*[:*]?\s*$")  # a closing "(…)"
_GRID = re.compile(r"(.*?)\[([^\[\]]*)\]\s*", re.DOTALL)

# submission id: Kobo _uuid and Gabung's own column first, then the XForm instanceID (Kobo
# exports both), then ODK Central's KEY
_ID_NAMES = {"_uuid": 0, _light(ID_HEADER): 0, "meta/instanceid": 1, "instanceid": 1,
             "meta-instanceid": 1, "key": 2}
_TIME_NAMES = {"_submission_time": 0, _light(TIME_HEADER): 0, "submissiondate": 0,
               "timestamp": 0, "stempel waktu": 0, "end": 9}
_RESPONDENT_NAMES = {
    **dict.fromkeys(map(_compact, (
        "Responden", "Respondent", "Kode", "Kode responden", "Nama / kode responden",
        "Nama atau kode responden", "Kode / nama responden", "Nama / kode", "Kode / nama",
        "ID responden", "No responden", "Nomor responden", "Kode anggota",
        "Respondent code", "Respondent ID")), 0),
    **dict.fromkeys(map(_compact, (
        "Nama", "Nama responden", "Name", "Nama lengkap", "Nama anggota",
        "Respondent name", "Full name")), 1),
}
_PROVENANCE = {_compact(h): k for h, k in PROVENANCE_HEADERS.items()}
_KOBO_META = frozenset((
    "start", "today", "deviceid", "username", "phonenumber", "simserial", "subscriberid",
    "audit", "audit_url", "_id", "_index", "_validation_status", "_notes", "_status",
    "_submitted_by", "__version__", "_version_", "_version__001", "_tags",
    "_xform_id_string", "_xform_id", "_geolocation", "_attachments", "_parent_index",
    "_parent_table_name", "_media_count", "_total_media", "_media_all_received",
    "_submission__id", "_submission__uuid", "_submission__submission_time",
    "_submission__validation_status", "_submission__notes", "_submission__status",
    "_submission__submitted_by", "_submission___version__", "_submission__tags",
    "formhub/uuid", "instancename", "start-geopoint",
    # ODK Central CSV
    "submitterid", "submittername", "attachmentspresent", "attachmentsexpected", "status",
    "reviewstate", "deviceid", "edits", "formversion",
))
_META_PREFIXES = ("meta/", "meta-", "__system/", "formhub/", "_start-geopoint",
                  "_submission__")
_GOOGLE_META = frozenset(map(_compact, (
    "Email Address", "Email", "Alamat email", "Alamat e-mail", "Score", "Skor", "Nilai total",
    "Total score", "Skor total")))


def _key_of(text: str) -> str | None:
    """``A1``, ``a 1``, ``A.1``, ``(A1)`` -> ``"A1"``; any letter-number shape -> that shape
    (``B9``, ``G1``), which is not an item; else ``None``."""
    m = _KEY_ONLY.fullmatch(text.strip())
    return f"{m.group(1).upper()}{int(m.group(2))}" if m else None


def _statement(text: str) -> str | None:
    return _STATEMENT.get(_compact(text))


def _in_path(text: str) -> tuple[str, str] | None:
    """The item at the end of a group path: (key, how) for ``grp_a/A1`` (``path``) or
    ``grp/…/statement`` (``text_path``; a statement may hold ``/`` itself, so the longest
    tail that is a statement wins)."""
    if "/" in text:
        tail = text.rsplit("/", 1)[1]
        key = _key_of(tail)
        if key in _KEYS:
            return key, "path"
        for i, ch in enumerate(text):
            if ch == "/":
                found = _statement(text[i + 1:])
                if found:
                    return found, "text_path"
    if "-" in text:  # ODK Central joins group and name with "-"
        key = _key_of(text.rsplit("-", 1)[1])
        head = text.rsplit("-", 1)[0].strip()
        if key in _KEYS and head and " " not in head:
            return key, "path"
    return None


def map_header(text: object) -> ColumnRole:
    """The role of one header cell (see the module's table). Never raises; a header that
    names nothing known is ``ColumnRole(UNKNOWN)``."""
    raw = unicodedata.normalize("NFKC", as_text(text)).strip()
    if not raw:
        return ColumnRole(BLANK)
    light = _light(raw)
    compact = _compact(raw)
    last = light.rsplit("/", 1)[-1]
    # known names first: "Nama / kode responden" is a respondent, not a path
    if compact in _PROVENANCE and not light.startswith("_"):
        return ColumnRole(PROVENANCE, _PROVENANCE[compact])
    if light in _ID_NAMES:
        return ColumnRole(SUBMISSION_ID, rank=_ID_NAMES[light])
    if light in _TIME_NAMES:
        return ColumnRole(SUBMITTED, rank=_TIME_NAMES[light])
    if light in _KOBO_META or light.startswith(_META_PREFIXES) or last in _KOBO_META:
        return ColumnRole(METADATA, how="kobo")
    if compact in _GOOGLE_META:
        return ColumnRole(METADATA, how="google")
    bare = _compact(_NOTE.sub("", raw))  # "Nama / kode responden (boleh anonim)"
    for name in (compact, bare, _compact(last) if "/" in light else ""):  # identitas/nama
        if name in _RESPONDENT_NAMES:
            return ColumnRole(RESPONDENT, rank=_RESPONDENT_NAMES[name])
    key = _key_of(raw)
    if key is not None:
        return ColumnRole(ITEM, key, "key") if key in _KEYS else ColumnRole(
            UNKNOWN, how="no_item", detail=key)
    found = _statement(raw)
    if found:
        return ColumnRole(ITEM, found, "text")
    m = _GRID.fullmatch(raw)
    if m and m.group(2).strip():
        inner = m.group(2).strip()
        key = _key_of(inner)
        found = key if key in _KEYS else _statement(inner)
        if found is None:
            lead = _KEY_LEAD.fullmatch(inner)
            if lead:
                found = _lead_key(lead)
        if found:
            return ColumnRole(ITEM, found, "grid")
    path = _in_path(raw)
    if path:
        return ColumnRole(ITEM, path[0], path[1])
    lead = _KEY_LEAD.fullmatch(raw)
    if lead:
        key = f"{lead.group(1).upper()}{int(lead.group(2))}"
        other = _statement(lead.group(3))
        if key in _KEYS and other not in (None, key):
            return ColumnRole(UNKNOWN, how="conflict", detail=f"{key}/{other}")
        if key in _KEYS:
            return ColumnRole(ITEM, key, "lead")
    num = _NUMBER_LEAD.fullmatch(raw)
    if num:
        found = _statement(num.group(1))
        if found:
            return ColumnRole(ITEM, found, "text_number")
    return ColumnRole(UNKNOWN)


def _lead_key(m: re.Match[str]) -> str | None:
    key = f"{m.group(1).upper()}{int(m.group(2))}"
    other = _statement(m.group(3))
    return key if key in _KEYS and other in (None, key) else None


# --------------------------------------------------------------------------- answers

_SCALE_TEXT: dict[str, int] = {
    _compact("buruk sekali"): 0,
    _compact("baik sekali"): 5,
    **{_compact(LABELS[b]): b for b in range(1, 6)},
}
_BLANK_WORDS = frozenset(map(_compact, (
    "n/a", "na", "tidak tahu", "tidak menjawab", "tidak dapat dikaji", "tidak ada informasi",
    LABELS[0])))
_BLANK_MARKS = frozenset(("-", "–", "—", "--", "---"))
_NUMBER = re.compile(r"[+-]?\d{1,15}(?:[.,]\d{1,2})?")
_LABEL_AFTER = re.compile(r"(\d{1,2})\s*(?:[.:=\-–—)]\s*|\s*[\(\[](?=.*[\)\]]$)|\s+)(.*)",
                          re.DOTALL)
_LABEL_BEFORE = re.compile(r"[\(\[]\s*(\d{1,2})\s*[\)\]]\s*[.:=\-–—]?\s*(.*)", re.DOTALL)


def is_answer(v: object) -> bool:
    """A valid answer as Hitung counts it: a whole number 0–5 (not TRUE/FALSE, not a date)."""
    t = type(v)
    return (t is int or t is float) and v in (0, 1, 2, 3, 4, 5)


def answer_value(raw: object) -> tuple[Any, str]:
    """One answer cell as Hitung should receive it: ``(value, note)``.

    ``value`` is an ``int``/``float`` 0–5 for an answer (text read as its number is an
    ``int``), ``None`` for blank (also "n/a", "tidak tahu" … : never 0), else the cell as
    found (a number text as its number), for :func:`table_rows` to report. ``note`` says
    how a text with letters or a blank mark was read (``"'3 - cukup' dibaca 3"``), else
    ``""``. The accepted forms are tabled in the module docstring."""
    t = type(raw)
    if raw is None or t is int or t is float or t is bool or t is XlError or t is XlDate:
        return raw, ""
    if not isinstance(raw, str):
        return raw, ""
    s = unicodedata.normalize("NFKC", raw).strip()
    if not s:
        return None, ""
    shown = repr(short_text(raw.strip(), 40))
    if s.upper() in EXCEL_ERRORS:
        return XlError(s.upper()), ""
    if s in _BLANK_MARKS or _compact(s) in _BLANK_WORDS:
        return None, f"{shown} dibaca kosong"
    if _NUMBER.fullmatch(s):
        v = float(s.replace(",", "."))
        if v.is_integer() and 0 <= v <= 5:
            return int(v), ""
        return (int(v) if v.is_integer() else v), ""
    scale = _SCALE_TEXT.get(_compact(s))
    if scale is not None:
        return scale, f"{shown} dibaca {scale}"
    m = _LABEL_BEFORE.fullmatch(s) or _LABEL_AFTER.fullmatch(s)
    if m:
        n = int(m.group(1))
        label = m.group(2).strip().rstrip(")]").strip()
        said = _SCALE_TEXT.get(_compact(label))
        spaced = m.re is _LABEL_AFTER and not re.match(r"\d{1,2}\s*[.:=\-–—)(\[]", s)
        ok = (0 <= n <= 5 and any(ch.isalpha() for ch in label) and not label[:1].isdigit()
              and said in (None, n) and _compact(label) not in _BLANK_WORDS
              and (not spaced or said == n))
        if ok:
            return n, f"{shown} dibaca {n}"
    return raw, ""


# --------------------------------------------------------------------------- the table


@dataclass
class TableColumn:
    """One column of a source table: ``index`` 0-based, ``letter`` as the sheet shows it,
    ``header`` the header cell as read, ``role`` as :func:`map_header` gave it, ``use``
    what the import does with it (a role kind, or :data:`IGNORED`, or :data:`METADATA`
    for a second id/time column); ``has_data``: a cell below the header is not blank."""

    index: int
    letter: str
    header: Any
    role: ColumnRole
    use: str
    has_data: bool = False

    @property
    def text(self) -> str:
        return as_text(self.header)


@dataclass
class Table:
    """A table of answers found in a :class:`Grid` (by :func:`find_table`).

    ``header_row`` is the 1-based sheet row of the headers; ``columns`` every column up to
    the widest row; ``items`` item key -> column index (0-based) for the items present,
    ``missing`` the item keys the table lacks (their answers are blank); ``respondent``
    the respondent columns, the one to read first first; ``submission_id`` and
    ``submitted`` the column used for each (or ``None``); ``provenance`` part -> column."""

    grid: Grid
    header_row: int
    columns: list[TableColumn]
    items: dict[str, int]
    missing: list[str]
    respondent: list[int] = field(default_factory=list)
    submission_id: int | None = None
    submitted: int | None = None
    provenance: dict[str, int] = field(default_factory=dict)


def _blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _ignored(ignore: Iterable[str]) -> tuple[set[str], set[str]]:
    """(header texts, column letters) to skip: ``"Catatan"`` or ``"kolom C"``."""
    texts, letters = set(), set()
    for entry in ignore:
        e = _light(str(entry))
        m = re.fullmatch(r"(?:kolom|column)\s+([a-z]{1,3})", e)
        if m:
            letters.add(m.group(1).upper())
        elif e:
            texts.add(e)
    return texts, letters


def unmatched_ignores(tables: Iterable[Table], ignore: Iterable[str]) -> list[str]:
    """The ``--abaikan`` entries that left out no column of any of ``tables`` (a typo, or a
    header spelled otherwise), as the person wrote them."""
    used_texts: set[str] = set()
    used_letters: set[str] = set()
    for t in tables:
        for c in t.columns:
            if c.use == IGNORED:
                used_letters.add(c.letter)
                used_texts.add(_light(as_text(c.header)))
    out = []
    for entry in ignore:
        texts, letters = _ignored([entry])
        if not (texts & used_texts or letters & used_letters):
            out.append(str(entry))
    return out


def _is_header_row(grid: Grid, r: int, roles: list[ColumnRole], listed: set[int]) -> bool:
    """A row with an item column that is no line of a vertical list (a printed form or a
    tabulation: ``A1 | statement`` on one row, further items above or below in the same
    column). ``listed``: the columns of the list lines seen above, updated."""
    item_cols = [c for c, role in enumerate(roles) if role.kind == ITEM]
    if not item_cols:
        return False
    is_list = (len(item_cols) > 1 and len({roles[c].key for c in item_cols}) == 1) or any(
        c in listed for c in item_cols)
    for below in grid.rows[r + 1:r + 1 + _LIST_LOOKAHEAD]:  # answers, never item names
        if is_list:
            break
        is_list = any(map_header(below[c]).kind == ITEM for c in item_cols
                      if c < len(below) and isinstance(below[c], str))
    if is_list:
        listed.update(item_cols)
    return not is_list


def find_table(grid: Grid, ignore: Sequence[str] = ()) -> Table | None:
    """The table of answers in a sheet: its header row (the first of the first
    :data:`HEADER_SEARCH_ROWS` rows with an item column, a line of a vertical list
    excepted: ``A1 | statement`` on one row, or items below an item header, as on
    a printed form, the individual form or the Tabulasi sheet) and every column's role.

    ``ignore``: header texts (case and spacing free) or ``"kolom C"`` for columns to skip
    (the command line's ``--abaikan``). Returns ``None`` when no row names an item (not a
    table of answers: another reader's sheet). Raises :class:`XlpokjaError` with one
    :class:`Problem` per column (``sheet`` = :func:`~xlpokja.merge.model.where`, ``cell`` =
    the header cell) for a column that cannot be placed (``KOLOM_SUMBER_TIDAK_DIKENAL``: an
    unknown header, or a blank header over data) and for an item named by two columns
    (``BUTIR_SUMBER_GANDA``); nothing of such a sheet is imported."""
    header_r = None
    listed: set[int] = set()
    for r, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
        roles = [map_header(v) for v in row]
        if _is_header_row(grid, r, roles, listed):
            header_r = r
            break
    if header_r is None:
        return None
    head = grid.rows[header_r]
    width = max((len(row) for row in grid.rows[header_r:]), default=0)
    texts, letters = _ignored(ignore)
    sheet = where(grid.file, grid.sheet)
    hrow = header_r + 1
    columns: list[TableColumn] = []
    for c in range(width):
        header = head[c] if c < len(head) else None
        role = map_header(header)
        letter = col_letter(c + 1)
        has_data = any(c < len(row) and not _blank(row[c]) for row in grid.rows[header_r + 1:])
        use = role.kind
        if letter in letters or (role.kind != BLANK and _light(as_text(header)) in texts):
            use = IGNORED
        columns.append(TableColumn(c, letter, header, role, use, has_data))
    problems: list[Problem] = []
    items: dict[str, int] = {}
    for col in columns:
        if col.use == UNKNOWN or (col.use == BLANK and col.has_data):
            problems.append(Problem("KOLOM_SUMBER_TIDAK_DIKENAL", sheet, f"{col.letter}{hrow}",
                                    EXPECTED_COLUMN, _unknown_found(grid, header_r, col)))
        elif col.use == ITEM:
            first = items.get(col.role.key)
            if first is None:
                items[col.role.key] = col.index
            else:
                a = columns[first]
                problems.append(Problem(
                    "BUTIR_SUMBER_GANDA", sheet, f"{col.letter}{hrow}", col.role.key,
                    f"kolom {a.letter} {_quote(a.text)} dan kolom {col.letter} "
                    f"{_quote(col.text)}"))
    if problems:
        raise XlpokjaError(problems)
    table = Table(grid, hrow, columns, items, [k for k in ITEM_KEYS if k not in items])
    for kind in (SUBMISSION_ID, SUBMITTED):
        cands = sorted((c for c in columns if c.use == kind), key=lambda c: c.role.rank)
        for extra in cands[1:]:
            extra.use = METADATA
        if cands:
            setattr(table, kind, cands[0].index)
    table.respondent = [c.index for c in sorted(
        (c for c in columns if c.use == RESPONDENT), key=lambda c: c.role.rank)]
    table.provenance = {c.role.key: c.index for c in columns if c.use == PROVENANCE}
    return table


def _quote(text: str) -> str:
    return repr(short_text(text, 60))


def _unknown_found(grid: Grid, header_r: int, col: TableColumn) -> str:
    if col.role.kind == BLANK:
        for r, row in enumerate(grid.rows[header_r + 1:], header_r + 2):
            if col.index < len(row) and not _blank(row[col.index]):
                return (f"judul kosong di atas data ({col.letter}{r}: "
                        f"{show_found(row[col.index])}); lewati dengan --abaikan "
                        f"\"kolom {col.letter}\"")
    text = _quote(col.text)
    if col.role.how == "conflict":
        key, other = col.role.detail.split("/")
        return f"{text}: kunci {key}, tetapi teksnya pernyataan {other}"
    if col.role.how == "no_item":
        return f"{text}: {col.role.detail} bukan butir K3 (A1–A6, B1–B8, C1–C5, D1–D7, E1–E5, " \
               "F1–F5)"
    return text


# --------------------------------------------------------------------------- rows


def _text_of(v: object) -> str:
    return "" if _blank(v) else as_text(v).strip()


def table_rows(table: Table) -> tuple[list[SourceRow], list[Problem]]:
    """The respondents' rows of a :class:`Table`, and the warnings about them.

    One :class:`SourceRow` per data row with something in an item or respondent column
    (rows below an empty stretch count too); answers in ``ITEM_KEYS`` order through
    :func:`answer_value`, ``cells`` the source cells (``""`` for a missing item). Problems
    (all warnings, ``sheet`` = :func:`~xlpokja.merge.model.where`, nothing dropped):
    ``JAWABAN_SUMBER_TIDAK_SAH`` for an answer cell that is no answer (the value is kept
    for Hitung to name), ``KIRIMAN_GANDA`` for a second row with the same submission id,
    or the same respondent and submission time (naming both cells; both rows kept),
    ``BARIS_SUMBER_TANPA_JAWABAN`` for a row skipped although it holds metadata."""
    grid = table.grid
    sheet = where(grid.file, grid.sheet)
    positions = [table.items.get(k) for k in ITEM_KEYS]
    letters = [col_letter(c + 1) if c is not None else "" for c in positions]
    item_cols = [c for c in positions if c is not None]
    resp_cols = table.respondent
    other_cols = [c.index for c in table.columns if c.use not in (ITEM, RESPONDENT, BLANK)]
    rows: list[SourceRow] = []
    problems: list[Problem] = []
    seen_id: dict[str, str] = {}
    seen_time: dict[tuple[str, str], str] = {}
    memo: dict[str, tuple[Any, str]] = {}  # an export repeats a few labels in every row
    for r in range(table.header_row, len(grid.rows)):
        row = grid.rows[r]
        n = len(row)
        sheet_row = r + 1

        def cell(c: int | None, row: list[Any] = row, n: int = n) -> Any:
            return row[c] if c is not None and c < n else None

        if all(_blank(cell(c)) for c in item_cols) and all(_blank(cell(c)) for c in resp_cols):
            filled = [c for c in other_cols if not _blank(cell(c))]
            if filled:
                c = filled[0]
                problems.append(Problem(
                    "BARIS_SUMBER_TANPA_JAWABAN", sheet, f"{col_letter(c + 1)}{sheet_row}",
                    "jawaban atau responden",
                    f"{_quote(table.columns[c].text)} {show_found(cell(c))}", WARNING))
            continue
        respondent, resp_ref = None, ""
        for c in resp_cols:
            v = cell(c)
            if not _blank(v):
                respondent, resp_ref = v, f"{col_letter(c + 1)}{sheet_row}"
                break
        if not resp_ref and resp_cols:
            resp_ref = f"{col_letter(resp_cols[0] + 1)}{sheet_row}"
        answers: list[Any] = []
        cells: list[str] = []
        read_as: dict[str, list[str]] = {}
        for j, c in enumerate(positions):
            if c is None:
                answers.append(None)
                cells.append("")
                continue
            raw = cell(c)
            ref = f"{letters[j]}{sheet_row}"
            if type(raw) is str:
                got = memo.get(raw)
                if got is None:
                    got = memo[raw] = answer_value(raw)
                value, note = got
            else:
                value, note = answer_value(raw)
            if note:
                read_as.setdefault(note, []).append(ITEM_KEYS[j])
            if value is not None and not is_answer(value):
                problems.append(Problem("JAWABAN_SUMBER_TIDAK_SAH", sheet, ref, EXPECTED_ANSWER,
                                        show_found(raw), WARNING))
            answers.append(value)
            cells.append(ref)
        notes = [f"{note} ({', '.join(keys)})" for note, keys in read_as.items()]
        sid = _text_of(cell(table.submission_id))
        when = _text_of(cell(table.submitted))
        # a row another Gabung wrote keeps where it first came from: merging that workbook
        # beside its own sources (or twice) then finds the same rows, not new ones
        file, sh, row_no, mtime = grid.file, grid.sheet, sheet_row, grid.mtime
        part = ({k: _text_of(cell(c)) for k, c in table.provenance.items()}
                if table.provenance else {})
        if part.get("berkas"):
            notes.insert(0, f"lewat {where(grid.file, grid.sheet)} baris {sheet_row}")
            file, sh = part["berkas"], part.get("sheet", "")
            row_no = int(float(part["baris"])) if _is_number(part.get("baris")) else 0
            mtime = part.get("waktu_berkas") or ""
        out = SourceRow(file, sh, row_no, respondent, answers, cells,
                        respondent_cell=resp_ref, mtime=mtime, submission_id=sid,
                        submitted=when, notes=notes)
        rows.append(out)
        flagged = False
        if sid:
            id_ref = f"{col_letter(table.submission_id + 1)}{sheet_row}"  # type: ignore[operator]
            if sid in seen_id:
                problems.append(Problem("KIRIMAN_GANDA", sheet, id_ref, "ID kiriman unik",
                                        f"{_quote(sid)} juga di {seen_id[sid]}", WARNING))
                flagged = True
            else:
                seen_id[sid] = id_ref
        who = _text_of(respondent).casefold()
        if who and when:
            key = (who, when)
            if key in seen_time:
                if not flagged:
                    problems.append(Problem(
                        "KIRIMAN_GANDA", sheet, resp_ref, "responden dan waktu kiriman unik",
                        f"{_quote(_text_of(respondent))} pada {when} juga di {seen_time[key]}",
                        WARNING))
            else:
                seen_time[key] = resp_ref
    return rows, problems


def _is_number(text: str | None) -> bool:
    try:
        return text is not None and float(text).is_integer()
    except ValueError:
        return False


# --------------------------------------------------------------------------- the mapping

_HOW = {
    "key": ("kunci", "key"),
    "path": ("kunci dalam jalur grup", "key in a group path"),
    "lead": ("kunci di awal judul", "key at the start of the header"),
    "text": ("teks pernyataan", "statement text"),
    "text_path": ("teks pernyataan dalam jalur grup", "statement text in a group path"),
    "text_number": ("teks pernyataan sesudah nomor", "statement text after a number"),
    "grid": ("pernyataan dalam judul kisi Google Forms", "statement in a Google Forms grid"),
}
_USE = {
    RESPONDENT: ("responden", "respondent"),
    SUBMISSION_ID: ("ID kiriman", "submission id"),
    SUBMITTED: ("waktu kiriman", "submission time"),
    METADATA: ("metadata, dilewati", "metadata, skipped"),
    IGNORED: ("diabaikan (--abaikan)", "ignored (--abaikan)"),
    BLANK: ("kolom kosong, dilewati", "empty column, skipped"),
}
_PROVENANCE_USE = {
    "berkas": ("asal: berkas (dibawa)", "origin: file (carried over)"),
    "sheet": ("asal: sheet (dibawa)", "origin: sheet (carried over)"),
    "baris": ("asal: baris (dibawa)", "origin: row (carried over)"),
    "waktu_berkas": ("asal: waktu berkas (dibawa)", "origin: file time (carried over)"),
}


@dataclass(frozen=True)
class MappingRecord:
    """One line of the mapping, for writing into the workbook: ``column`` the letter
    (``""`` for the line about missing items), ``header`` the header text, ``target`` what
    it became (an item key, ``responden``, ``ID kiriman`` … ; the missing items' keys),
    ``how`` how it was recognised (Indonesian)."""

    column: str
    header: str
    target: str
    how: str


def _lang(lang: str | None) -> int:
    return 1 if (lang or LANG.get()) == "en" else 0


def mapping_records(table: Table, lang: str | None = None) -> list[MappingRecord]:
    """The mapping :func:`find_table` chose, one record per column with a header or data
    (an empty column without header is left out), then one for the items the table lacks
    (none when it has all 36) and one when no column names the respondent."""
    i = _lang(lang)
    out: list[MappingRecord] = []
    first_resp = table.respondent[0] if table.respondent else None
    for col in table.columns:
        if col.use == BLANK and not col.has_data:
            continue
        if col.use == ITEM:
            target, how = col.role.key, _HOW[col.role.how][i]
        elif col.use == PROVENANCE:
            target, how = _PROVENANCE_USE[col.role.key][i], ""
        elif col.use == RESPONDENT and col.index != first_resp:
            target = ("responden (bila kolom responden pertama kosong)",
                      "respondent (where the first respondent column is blank)")[i]
            how = ""
        elif col.use == METADATA and col.role.kind in (SUBMISSION_ID, SUBMITTED):
            target = (f"{_USE[col.role.kind][0]} lain, dilewati",
                      f"another {_USE[col.role.kind][1]}, skipped")[i]
            how = ""
        else:
            target, how = _USE.get(col.use, ("?", "?"))[i], ""
        out.append(MappingRecord(col.letter, col.text, target, how))
    if table.missing:
        n = len(table.missing)
        out.append(MappingRecord("", "", ", ".join(table.missing), (
            f"{n} butir tidak ada di sumber: jawabannya kosong",
            f"{n} items not in the source: their answers are blank")[i]))
    if not table.respondent:
        out.append(MappingRecord("", "", "", (
            "tidak ada kolom responden: kode responden kosong",
            "no respondent column: the respondent codes are blank")[i]))
    return out


def mapping_lines(table: Table, lang: str | None = None) -> list[str]:
    """The mapping as text, one line per source column (``kolom C "grp_a/A1" → A1 (kunci
    dalam jalur grup)``, ``kolom B "_uuid" → ID kiriman``, ``kolom F "start" → metadata,
    dilewati``), then the items the source lacks; Indonesian, or English for
    ``lang="en"`` (default: the run's language, :data:`xlpokja.core.problems.LANG`)."""
    i = _lang(lang)
    word = ("kolom", "column")[i]
    lines = []
    for rec in mapping_records(table, lang):
        how = f" ({rec.how})" if rec.how and rec.column else ""
        if rec.column:
            lines.append(f'{word} {rec.column} "{short_text(rec.header, 60)}" → '
                         f"{rec.target}{how}")
        elif rec.target:
            lines.append(f"{rec.how}: {rec.target}")
        else:
            lines.append(rec.how)
    return lines


__all__ = [
    "ColumnRole", "MappingRecord", "Table", "TableColumn", "answer_value", "find_table",
    "is_answer", "map_header", "mapping_lines", "mapping_records", "table_rows",
    "PROVENANCE_HEADERS", "ID_HEADER", "TIME_HEADER", "unmatched_ignores",
]
