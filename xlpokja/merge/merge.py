"""Gabung: which answers found in the sources are new, and writing them into ``Jawaban``.

Pure Python on the :class:`~xlpokja.actions.book.Book` protocol, so the same action runs
headless (``xlpokja gabung``), in Excel and in LibreOffice; only reading the source files
is the host's (:mod:`xlpokja.merge.readers` with pandas headless and in Excel).

Rules (issue 13, decisions.md §1 and §4):

* every answer row found is appended below the last used row of ``Jawaban``, with its
  provenance (file, sheet, row, file time, survey submission id and time) in the columns
  :data:`~xlpokja.instruments.penilaian_diri.layout.PROVENANCE` publishes;
* a row already in the workbook (the same file, sheet and row with the same respondent and
  the same 36 cells) is not added again: merging the same files twice changes nothing;
* duplicates are flagged, never dropped: Hitung lists ``RESPONDEN_GANDA`` (same code),
  ``JAWABAN_IDENTIK`` (same answers) and ``KIRIMAN_GANDA`` (same submission) on ``Masalah``;
* an answer that is no 0–5 score is written as found (a number as a number, anything else
  as its text), so nothing is lost and Hitung names it; the source cell is named too;
* every source, column mapping and problem is appended to the ``Gabung`` log sheet.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from xlpokja.core.problems import WARNING, Problem, XlpokjaError, show_found
from xlpokja.core.values import MAX_TEXT, XlDate, XlError, as_text
from xlpokja.instruments.penilaian_diri import calc as q
from xlpokja.instruments.penilaian_diri import form
from xlpokja.instruments.penilaian_diri import layout as pd
from xlpokja.merge import columns
from xlpokja.merge.model import Grid, SourceRow, where

KIND_FORM = "formulir"
#: fields of the form that fill the résumé's (Ringkasan) when every form agrees
FORM_FIELDS = {"kelompok_kerja": "Kelompok Kerja", "lokasi": "Lokasi"}
KIND_BOOK = "buku kerja penilaian diri"
#: what a sheet without any answer is reported as
QUESTIONNAIRE = pd.TEMPLATE_ID
FORM = form.FORM_TEMPLATE_ID


@dataclass
class Source:
    """What one source sheet gave: its kind, its rows, the column mapping used, problems."""

    file: str
    sheet: str
    kind: str
    rows: list[SourceRow]
    problems: list[Problem] = field(default_factory=list)
    table: Any = None  # the columns.Table the rows came from (None for a form)
    fields: dict[str, Any] = field(default_factory=dict)  # a form's Kelompok Kerja, Lokasi

    @functools.cached_property
    def records(self) -> list[Any]:
        """The column mapping used (:class:`columns.MappingRecord`, one a column)."""
        return [] if self.table is None else columns.mapping_records(self.table)

    @functools.cached_property
    def mapping(self) -> list[str]:
        """The column mapping as text, one line a column (:func:`columns.mapping_lines`)."""
        return [] if self.table is None else columns.mapping_lines(self.table)

    def mapping_short(self) -> list[str]:
        """The mapping with every run of item columns recognised the same way in one line
        (``kolom D–AM "grp_a/A1" … "grp_f/F5" → A1 … F5 (kunci dalam jalur grup)``): for the
        command line and dialogs; the ``Gabung`` sheet keeps one line a column."""
        keys = set(q.ITEM_KEYS)
        out: list[str] = []
        run: list[tuple[Any, str]] = []

        def flush() -> None:
            if len(run) >= 3:
                (a, _), (b, _) = run[0], run[-1]
                out.append(f"kolom {a.column}–{b.column} \"{a.header}\" … \"{b.header}\" → "
                           f"{a.target} … {b.target} ({len(run)} butir, {a.how})")
            else:
                out.extend(line for _, line in run)
            run.clear()

        for rec, line in zip(self.records, self.mapping):
            item = rec.target in keys and rec.column
            if not (item and run and run[-1][0].how == rec.how):
                flush()
            if item:
                run.append((rec, line))
            else:
                out.append(line)
        flush()
        return out


@dataclass
class Report:
    """What a Gabung did (filled by :func:`gabung`; the CLI and the dialogs print it)."""

    sources: list[Source] = field(default_factory=list)
    added: list[tuple[SourceRow, int]] = field(default_factory=list)  # (row, Jawaban row)
    present: list[SourceRow] = field(default_factory=list)  # already in the workbook
    problems: list[Problem] = field(default_factory=list)  # sources' problems
    notes: list[str] = field(default_factory=list)  # files skipped and why
    log_written: bool = False

    def summary(self) -> str:
        """One paragraph in Indonesian, for dialogs and the command line."""
        n_rows = sum(len(s.rows) for s in self.sources)
        files = len({s.file for s in self.sources})
        text = (f"{files} berkas, {n_rows} lembar jawaban ditemukan: {len(self.added)} "
                f"ditambahkan ke sheet Jawaban, {len(self.present)} sudah ada (tidak "
                "ditambahkan lagi).")
        if self.added:
            rows = [r for _, r in self.added]
            text += f" Baris baru: {min(rows)}–{max(rows)}."
        if self.problems:
            text += (f" {len(self.problems)} masalah pada berkas sumber"
                     + (" (lihat sheet Gabung)." if self.log_written else "."))
        return text


# ----------------------------------------------------------------------- reading sources


def extract(grids: Sequence[Grid], ignore: Sequence[str] = ()) -> list[Source]:
    """The answers in each source sheet: a filled individual form, the ``Jawaban`` sheet of
    a questionnaire workbook, or any table whose columns map to the items (survey exports,
    tables saved by a spreadsheet program). Sheets of other xlpokja workbooks are skipped.
    Raises :class:`XlpokjaError` when a table's columns cannot be mapped (an unknown
    column, an item mapped twice): nothing is merged then."""
    out: list[Source] = []
    for g in grids:
        if g.template not in (None, "", QUESTIONNAIRE, FORM):
            continue  # another instrument's workbook: reported per file by the caller
        if g.template == QUESTIONNAIRE and g.sheet != pd.JAWABAN:
            continue
        table = None if g.template == FORM else columns.find_table(g, ignore)
        if table is None:  # a form lists its items down a column: never a table
            if g.template == FORM or (not g.template and form.is_form(g)):
                row = form.read_form(g)
                if row is not None:
                    fields = {k: v for k, (v, _cell) in form.read_fields(g).items()
                              if k in FORM_FIELDS and as_text(v).strip()}
                    out.append(Source(g.file, g.sheet, KIND_FORM, [row], _form_answers(row),
                                      fields=fields))
            continue
        rows, problems = columns.table_rows(table)
        for col in table.columns:  # an item column left out: its answers are not taken
            if col.use == columns.IGNORED and col.role.kind == columns.ITEM and col.has_data:
                problems.append(Problem(
                    "KOLOM_DIABAIKAN", where(g.file, g.sheet), f"{col.letter}{table.header_row}",
                    f"jawaban butir {col.role.key}", f"kolom {col.header!r} diabaikan",
                    WARNING))
        kind = KIND_BOOK if g.template == QUESTIONNAIRE else kind_of(table)
        out.append(Source(g.file, g.sheet, kind, rows, problems, table))
    return out


def unmatched(sources: Sequence[Source], ignore: Sequence[str]) -> list[Problem]:
    """``ABAIKAN_TIDAK_COCOK`` for every ``--abaikan`` entry that left out no column."""
    tables = [s.table for s in sources if s.table is not None]
    return [Problem("ABAIKAN_TIDAK_COCOK", "--abaikan", "", "judul kolom atau 'kolom C' yang ada",
                    repr(entry), WARNING)
            for entry in columns.unmatched_ignores(tables, ignore)]


def _form_answers(row: SourceRow) -> list[Problem]:
    """A form's answers read by the rules of every source (:func:`columns.answer_value`:
    the text "3" a program stored is 3, "n/a" is blank), in place; a warning naming the
    form's cell for each that is no answer (kept as found, for Hitung to name)."""
    out: list[Problem] = []
    read_as: dict[str, list[str]] = {}
    for j, raw in enumerate(row.answers):
        value, note = columns.answer_value(raw)
        if note:
            read_as.setdefault(note, []).append(q.ITEM_KEYS[j])
        if value is not None and not columns.is_answer(value):
            out.append(Problem("JAWABAN_SUMBER_TIDAK_SAH", where(row.file, row.sheet),
                               row.cells[j], columns.EXPECTED_ANSWER, show_found(raw), WARNING))
        row.answers[j] = value
    row.notes.extend(f"{note} ({', '.join(keys)})" for note, keys in read_as.items())
    return out


def kind_of(table: Any) -> str:
    """How a table is reported: a KoboToolbox/ODK or Google Forms export (by its metadata
    columns), or a table saved by a spreadsheet program."""
    hows = {c.role.how for c in table.columns if c.role.kind == columns.METADATA}
    ids = {c.role.kind for c in table.columns}
    if "kobo" in hows or columns.SUBMISSION_ID in ids:
        return "ekspor KoboToolbox/ODK"
    stamps = {str(c.header).strip().casefold() for c in table.columns
              if c.role.kind == columns.SUBMITTED}
    if "google" in hows or stamps & {"timestamp", "stempel waktu", "cap waktu"}:
        return "ekspor Google Forms"
    return "tabel"


def without_answers(grids: Sequence[Grid], sources: Sequence[Source]) -> list[Problem]:
    """``GABUNG_SUMBER_TANPA_JAWABAN`` for every file none of whose sheets gave answers."""
    found = {s.file for s in sources if s.rows}
    empty = {s.file for s in sources if not s.rows}
    out: list[Problem] = []
    seen: set[str] = set()
    for g in grids:
        if g.file in found or g.file in seen:
            continue
        seen.add(g.file)
        what = (f"buku kerja xlpokja {g.template!r}" if g.template not in (None, "")
                else "judul butir ada, tetapi tidak ada baris jawaban" if g.file in empty
                else "tidak ada judul butir A1–F5 atau formulir")
        out.append(Problem("GABUNG_SUMBER_TANPA_JAWABAN", g.file, "",
                           "formulir atau tabel jawaban", what, WARNING))
    return out


# ----------------------------------------------------------------------------- rows


def written(v: Any) -> Any:
    """A source value as Gabung writes it into a cell: numbers as numbers, blank as blank,
    anything else as its text (an error value as ``#N/A (galat di sumber)``, a date as
    ``2026-03-05``, a boolean as ``TRUE``, a formula without a result as ``=1+2``): nothing
    lost, and Hitung names it as a text (an error value itself would stop Hitung)."""
    if v is None:
        return None
    if isinstance(v, XlDate):
        return v.iso
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, XlError):  # as text Hitung names, not an error value that stops it
        return f"{v} (galat di sumber)"
    if isinstance(v, (int, float)):
        return v
    text = str(v)
    return text if text.strip() else None


def _same(v: Any) -> Any:
    """A cell value compared across a round trip through a workbook."""
    v = written(v)
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, str):
        return v.strip()
    return v


def cells_of(row: SourceRow) -> list[Any]:
    """The values of one ``Jawaban`` row for ``row``: respondent, 36 answers, provenance."""
    return [written(row.respondent), *(written(a) for a in row.answers),
            row.file, row.sheet or None, row.row, row.mtime or None,
            row.submission_id or None, row.submitted or None]


_N = 1 + len(q.ITEM_KEYS)  # respondent and answers, then the provenance columns


def _identity(values: Sequence[Any]) -> tuple[Any, ...] | None:
    """Which source row a ``Jawaban`` row is: the survey submission id where there is one
    (an export's rows move when submissions are deleted), else the file, sheet and row it
    came from; None for a row typed in (no provenance)."""
    file, sheet, row, _time, sid = values[_N:_N + 5]
    if _same(sid):
        return ("id", _same(sid))
    if _same(file) is None:
        return None
    return ("src", _same(file), _same(sheet) or None, _same(row))


def _content(values: Sequence[Any]) -> tuple[Any, ...]:
    """The respondent and the 36 answers, compared across a round trip through a cell."""
    return tuple(_same(v) for v in values[:_N])


# ---------------------------------------------------------------------------- action


def plan(book: Any, grids: Sequence[Grid], ignore: Sequence[str] = (),
         report: Report | None = None, sources: Sequence[Source] | None = None
         ) -> tuple[Report, list[list[Any]], int]:
    """What a Gabung would do, writing nothing: ``(report, new rows, first free row)``.

    ``report.added`` lists the rows that are new with the ``Jawaban`` row each would take;
    ``report.present`` those already in the workbook. ``sources``: what :func:`extract`
    found in ``grids`` when it ran already. Raises :class:`XlpokjaError` when a table's
    columns cannot be mapped."""
    report = report if report is not None else Report()
    sources = list(sources) if sources is not None else extract(grids, ignore)
    report.sources = sources
    report.problems.extend(without_answers(grids, sources))
    for s in sources:
        report.problems.extend(s.problems)
    report.problems.extend(unmatched(sources, ignore))
    t = pd.ANSWERS
    block = book.read_block(t.sheet, t.first_data_row, pd.COL_LAST_PROV)
    last = 0
    for i, r in enumerate(block):
        if any(v not in (None, "") for v in r):
            last = i + 1
    have: dict[tuple[Any, ...], tuple[int, tuple[Any, ...]]] = {}
    for i, r in enumerate(block[:last]):
        values = list(r) + [None] * (pd.COL_LAST_PROV - len(r))
        ident = _identity(values)
        if ident is not None:
            have.setdefault(ident, (t.first_data_row + i, _content(values)))
    new_rows: list[list[Any]] = []
    first = t.first_data_row + last
    for s in sources:
        for row in s.rows:
            values = cells_of(row)
            ident, content = _identity(values), _content(values)
            if ident in have:
                at, was = have[ident]
                report.present.append(row)
                if was != content:  # corrected in Jawaban, or a new version of the file
                    report.problems.append(_changed(row, at, values, was))
                continue
            new_rows.append(values)
            at = first + len(new_rows) - 1
            if ident is not None:
                have[ident] = (at, content)
            report.added.append((row, at))
            for v in values:
                if isinstance(v, str) and len(v) > MAX_TEXT:
                    report.problems.append(Problem(
                        "TEKS_TERLALU_PANJANG", where(row.file, row.sheet),
                        row.respondent_cell, "paling banyak 32.767 karakter",
                        f"{show_found(v)}; dipotong di Jawaban baris {at}", WARNING))
    return report, new_rows, first


def _changed(row: SourceRow, at: int, values: Sequence[Any], was: tuple[Any, ...]) -> Problem:
    """``SUMBER_BERUBAH``: a source row already merged into ``Jawaban`` row ``at`` now
    differs from that row; it is not added again (no double count), and says where."""
    now = _content(values)
    keys = ("responden", *q.ITEM_KEYS)
    diff = [k for k, a, b in zip(keys, now, was) if a != b]
    shown = ", ".join(diff[:6]) + (f" dan {len(diff) - 6} lainnya" if len(diff) > 6 else "")
    cell = row.respondent_cell if diff[0] == "responden" else \
        row.cells[q.ITEM_KEYS.index(diff[0])] if row.cells else ""
    return Problem("SUMBER_BERUBAH", where(row.file, row.sheet), cell,
                   f"sama dengan Jawaban baris {at}", f"berbeda di {shown}", WARNING)


def gabung(book: Any, res: Any, grids: Sequence[Grid] = (), ignore: Sequence[str] = (),
           report: Report | None = None, when: dt.datetime | None = None,
           notes: Sequence[str] = (), read_problems: Sequence[Problem] = (),
           sources: Sequence[Source] | None = None) -> Report:
    """The Gabung button (before its Hitung): append the answers of ``grids`` to ``Jawaban``.

    ``grids``: every sheet of every source file, read by the host; ``ignore``: headers of
    table columns to leave out; ``report``: filled in place (also returned); ``when``: the
    time written into the log (now); ``notes`` and ``read_problems``: what the host found
    while reading the files (skipped files, unreadable files), logged too; ``sources``: what
    :func:`extract` found in ``grids``, when a dry :func:`plan` ran already.
    Raises :class:`XlpokjaError` (nothing written) when no source could be read or a
    table's columns cannot be mapped. When nothing is new, nothing is written (the log
    neither): merging the same files again changes nothing."""
    report = report if report is not None else Report()
    report.notes.extend(notes)
    report.problems.extend(read_problems)
    if not grids:
        raise XlpokjaError([*read_problems, Problem(
            "GABUNG_TANPA_SUMBER", "", "", ".xlsx, .xlsm, .ods atau .csv berisi jawaban",
            "tidak ada berkas" if not read_problems else
            f"{len(read_problems)} berkas tidak terbaca")])
    report, new_rows, first = plan(book, grids, ignore, report, sources)
    if not any(s.rows for s in report.sources):
        raise XlpokjaError([*report.problems, Problem(
            "GABUNG_TANPA_SUMBER", "", "", "formulir atau tabel jawaban",
            f"{len({g.file for g in grids})} berkas tanpa jawaban")])
    if not new_rows:
        return report
    t = pd.ANSWERS
    header = book.read_row(t.sheet, t.header_row)
    missing = [c for c in pd.PROVENANCE
               if c.index > len(header) or header[c.index - 1] in (None, "")]
    for c in missing:  # a workbook made before the provenance columns existed
        book.write_value(t.sheet, f"{c.letter}{t.header_row}", c.header)
    book.write_block(t.sheet, first, 1, new_rows)
    report.notes.extend(_fill_fields(book, report.sources))
    report.log_written = _log(book, report, when or dt.datetime.now().replace(microsecond=0))
    return report


def _fill_fields(book: Any, sources: Sequence[Source]) -> list[str]:
    """Kelompok Kerja and Lokasi of the résumé (``Ringkasan``), when blank there, from the
    forms when they all name the same one (case and spacing aside); notes saying what was
    filled, or that the forms disagree (then nothing is filled)."""
    notes: list[str] = []
    refs = {key: ref for key, _label, ref in pd.RES_FIELDS}
    for key, label in FORM_FIELDS.items():
        named: dict[str, str] = {}
        for s in sources:
            v = s.fields.get(key)
            if v is not None:
                text = as_text(v).strip()
                named.setdefault(" ".join(text.casefold().split()), text)
        if not named or as_text(book.read_cell(pd.RINGKASAN, refs[key])).strip():
            continue
        if len(named) == 1:
            value = next(iter(named.values()))
            book.write_value(pd.RINGKASAN, refs[key], value)
            notes.append(f"{label} di Ringkasan diisi dari formulir: {value!r}")
        else:
            notes.append(f"formulir menyebut {len(named)} {label} berbeda "
                         f"({', '.join(repr(v) for v in list(named.values())[:4])}): isi "
                         f"{label} di Ringkasan sendiri")
    return notes


def _log(book: Any, report: Report, when: dt.datetime) -> bool:
    """Append this merge to the ``Gabung`` sheet; False when the workbook has none."""
    if pd.GABUNG not in book.sheet_names():
        return False
    stamp = when.strftime("%Y-%m-%d %H:%M:%S")
    lines: list[list[Any]] = []
    added: dict[tuple[str, str], list[int]] = {}
    for row, at in report.added:
        added.setdefault((row.file, row.sheet), []).append(at)
    present: dict[tuple[str, str], int] = {}
    for row in report.present:
        present[(row.file, row.sheet)] = present.get((row.file, row.sheet), 0) + 1
    for s in report.sources:
        rows = added.get((s.file, s.sheet), [])
        text = f"{s.kind}: {len(s.rows)} lembar dibaca, {len(rows)} ditambahkan"
        if rows:
            text += f" (Jawaban baris {min(rows)}–{max(rows)})"
        n_present = present.get((s.file, s.sheet), 0)
        if n_present:
            text += f", {n_present} sudah ada"
        lines.append([stamp, s.file, s.sheet or None, None, "ringkasan", text])
        for rec, m in zip(s.records, s.mapping):
            lines.append([stamp, s.file, s.sheet or None, rec.column or None, "pemetaan", m])
    for p in report.problems:
        lines.append([stamp, p.sheet, None, p.cell or None, "masalah",
                      f"[{p.code}] {p.message('id')}"])
    for n in report.notes:
        lines.append([stamp, None, None, None, "catatan", n])
    if not lines:
        return True
    first = pd.GABUNG_HEADER_ROW + 1
    block = book.read_block(pd.GABUNG, first, len(pd.GABUNG_COLUMNS))
    used = 0
    for i, r in enumerate(block):
        if any(v not in (None, "") for v in r):
            used = i + 1
    book.write_block(pd.GABUNG, first + used, 1, lines)
    return True


__all__ = ["Report", "Source", "cells_of", "extract", "gabung", "plan", "where", "written"]
