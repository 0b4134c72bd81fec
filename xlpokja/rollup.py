"""Rekap (roll-up): many xlpokja workbooks in one comparison workbook (issue 13, item 4).

Python (pandas DataFrames)::

    from xlpokja.rollup import rollup, write_rollup
    r = rollup(["kiriman/", "lama/pokja_a_2024.xlsm"])   # files or folders
    r.pokja          # one row per questionnaire workbook (Pokja), ranked by N
    r.rounds         # consecutive rounds of the same Pokja, one row per measure
    r.assessments    # {set: one row per assessed unit of every asesmen workbook}
    r.files, r.problems, r.left_out
    write_rollup(r, "rekap.xlsx")

Command line: ``xlpokja rekap BOOKS… -o rekap.xlsx [--json] [--lang en] [--workers N]``.

What is read. Each file is read and computed as ``xlpokja check`` and :func:`xlpokja.read`
read it (:func:`xlpokja.actions.reading`), nothing written: questionnaire workbooks
(``penilaian_diri``) and weighted-assessment workbooks (``asesmen``: ``asesmen_pokja``,
``asesmen_badan_pengelola``) are rolled up; a file that cannot be read (corrupt, not an
xlpokja workbook, refused by Hitung) or of another template is *left out*: listed on the
``Berkas`` and ``Masalah`` sheets with the reason, counted in ``left_out``, and the rekap
goes on. A folder stands for the spreadsheet files directly in it (:data:`SUFFIXES`),
sorted by name.

The rules (docs/rekap.md; written on the workbook's ``Petunjuk`` sheet):

* **Figures** are the workbooks' own (decisions.md §8–11 and §14): component scores A–F,
  X, N, band and label of each questionnaire; aspect scores, weighted total, % of the
  maximum, band of each assessed unit. Blank stays blank, never 0.
* **Ranks** are competition ranks as ``RANK.EQ`` gives them (1, 2, 2, 4) on values rounded
  to 9 decimals; ties are flagged ``SAMA`` and never broken (decisions.md §2). Pokja are
  ranked by N; an earlier round of a Pokja whose later round is in the rekap is not ranked
  (it is compared on ``Putaran``). Assessed units are ranked by weighted total across every
  workbook with the same indicator set (:func:`indicator_set`): different indicators are
  not comparable, so each set has its own sheet and ranks.
* **Rounds**: workbooks with the same Kelompok Kerja and Lokasi (sheet Ringkasan; compared
  without regard to case and spaces) are rounds of one Pokja, ordered by Waktu
  (:func:`when`). Consecutive rounds are compared per component, X, N and band. When two
  rounds' order cannot be told from Waktu, or one round is there twice, nothing is
  compared (``REKAP_URUTAN_PUTARAN``, ``REKAP_POKJA_GANDA``): never guessed.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xlpokja.core.bands import BOUNDARIES, LABELS
from xlpokja.core.problems import ERROR, WARNING, Problem, XlpokjaError, short_text
from xlpokja.core.scales import competition_rank, round9, tied, xl_text
from xlpokja.core.values import XlDate, as_text
from xlpokja.instruments.penilaian_diri import calc as q

if TYPE_CHECKING:
    import pandas as pd

QUESTIONNAIRE = "penilaian_diri"
ASSESSMENT = "asesmen"
#: the files of a folder that are read (other files in it are not workbooks: not listed)
SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm", ".xlsb", ".xls", ".ods")
COMPONENT_KEYS = tuple(c.key for c in q.COMPONENTS)
#: the measures compared between two rounds, in order
MEASURES = (*COMPONENT_KEYS, "X", "N", "band")
#: where the questionnaire keeps the fields the rekap matches on (sheet Ringkasan)
RINGKASAN = "Ringkasan"

# Catatan texts (Indonesian, as in the workbooks)
NOTE_TIE = "SAMA"
NOTE_EARLIER = "putaran sebelumnya: lihat sheet Putaran"
NOTE_UNORDERED = "urutan putaran tidak diketahui"
NOTE_TWICE = "putaran ganda"
NOTE_NO_NAME = "Kelompok Kerja kosong"
NOTE_PARTIAL = "N dari {k} komponen berdata"
NOTE_ERRORS = "{n} masalah input: lihat sheet Masalah"
NOTE_COMPLETE_ONLY = "hanya lembar lengkap dipakai"
NOTE_WEIGHTS = "bobot berbeda dari berkas lain"
NOTE_ALSO_IN = "juga dinilai di {files}"
SEP = "; "
WHEN_EXPECTED = "tanggal (sel tanggal, 2024-03-12, 12-03-2024, 12 Maret 2024), bulan dan " \
                "tahun (Maret 2024) atau tahun (2024)"


# ===================================================================== reading the files


def workbook_paths(paths: Iterable[str | Path], exclude: Iterable[str | Path] = ()
                   ) -> list[Path]:
    """The files to read: each file as given, each folder's spreadsheet files
    (:data:`SUFFIXES`, not in sub-folders, Excel's ``~$`` lock files left out) sorted by
    name; a path that does not exist is kept (it is reported as not found). ``exclude``:
    files never read (the rekap being written)."""
    skip = {_same_key(Path(p)) for p in exclude}
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():  # an earlier rekap in the folder is a result, not an input
            found = sorted((f for f in p.iterdir() if f.suffix.lower() in SUFFIXES
                            and not f.name.startswith("~$") and f.is_file()
                            and not is_rekap(f)),
                           key=lambda f: (f.name.casefold(), f.name))
            out += [f for f in found if _same_key(f) not in skip]
        elif _same_key(p) not in skip:
            out.append(p)
    seen: set[Any] = set()
    unique = []
    for p in out:  # a file named twice (as a file and inside its folder) is read once
        k = _same_key(p)
        if k not in seen:
            seen.add(k)
            unique.append(p)
    return unique


#: the ``xlpokja_template`` property of a rekap workbook (:func:`write_rollup`)
REKAP_ID = "rekap"


def is_rekap(path: Path) -> bool:
    """True for a rekap workbook :func:`write_rollup` wrote (its ``xlpokja_template``
    custom property is ``rekap``); False for anything else, unreadable files too."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            if "docProps/custom.xml" not in z.namelist():
                return False
            info = z.getinfo("docProps/custom.xml")
            if info.file_size > 1 << 20:
                return False
            data = z.read(info).decode("utf-8", "replace")
    except (OSError, zipfile.BadZipFile, RuntimeError, ValueError):
        return False
    return bool(re.search(r'name="xlpokja_template"[^>]*>\s*<(?:\w+:)?lpwstr\b[^>]*>\s*'
                          r'rekap\s*</(?:\w+:)?lpwstr>', data))


def _same_key(p: Path) -> Any:
    try:
        return p.resolve()
    except OSError:
        return p.absolute()


@dataclass
class _Read:
    """What the rekap keeps of one file (picklable: made in worker processes)."""

    path: str
    template: str | None = None
    data: dict[str, Any] | None = None  # the workbook's JSON result (questionnaire: no items)
    indicators: tuple[Any, ...] = ()  # asesmen: (aspect index, code) per indicator column
    problems: list[Problem] = field(default_factory=list)
    refused: list[Problem] = field(default_factory=list)  # why it could not be read


def _read_source(path: str, lang: str = "id") -> _Read:
    """Read one file for the rekap; never raises for a bad file (it is listed instead)."""
    from xlpokja import actions
    from xlpokja.hosts.headless.recalc import PackageBook

    out = _Read(path)
    name = Path(path).name
    try:  # as xlpokja.read and check read it (the JSON without xlpokja.read's copies)
        r = actions.reading(PackageBook(Path(path)))
    except XlpokjaError as e:
        out.refused = list(e.problems)
        return out
    except FileNotFoundError:
        out.refused = [Problem("BERKAS_TIDAK_DITEMUKAN", name, "", "berkas yang ada", path)]
        return out
    except Exception as e:  # noqa: BLE001 - one unreadable file must not stop the rekap
        out.refused = [Problem("BERKAS_RUSAK", name, "", ".xlsx/.xlsm",
                               short_text(f"{type(e).__name__}: {e}", 200))]
        return out
    out.template = r.template.TEMPLATE_ID
    out.problems = list(r.result.problems)
    if out.template in (QUESTIONNAIRE, ASSESSMENT):
        data = r.template.result_json(r.result, lang)
        out.data = {k: v for k, v in data.items() if k not in ("items", "problems")}
    if out.template == ASSESSMENT:
        out.indicators = _indicators(r.result)
    return out


def _indicators(res: Any) -> tuple[Any, ...]:
    """The indicator set of an asesmen workbook: (aspect number, code) of every indicator
    column, in column order."""
    a = res.a
    codes = res.headers[1]
    out = []
    for j, has in enumerate(a.indicator):
        if has:
            k = next((k for k in range(a.n_aspects) if a.columns[k][j]), None)
            out.append((k, xl_text(codes[j]) if j < len(codes) else ""))
    return tuple(out)


def _workers(n_files: int) -> int:
    """Worker processes for ``n_files``: one process below 24 files (starting workers
    costs more than it saves), else one per core, at most 8."""
    if n_files < 24:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def _read_all(paths: Sequence[Path], lang: str, workers: int | None) -> list[_Read]:
    n = _workers(len(paths)) if workers is None else max(1, int(workers))
    if n <= 1 or len(paths) < 2:
        return [_read_source(str(p), lang) for p in paths]
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor
    from itertools import repeat

    if "forkserver" in mp.get_all_start_methods():
        # workers forked from a small server that loaded the reader only: not from this
        # (possibly large) process, and no re-run of a caller's unguarded script
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload([
            "xlpokja.rollup", "xlpokja.actions", "xlpokja.hosts.headless.recalc",
            "python_calamine", *(f"xlpokja.instruments.{t}" for t in (QUESTIONNAIRE,
                                                                      ASSESSMENT))])
    else:  # pragma: no cover - Windows
        ctx = mp.get_context("spawn")
    chunk = max(1, len(paths) // (n * 8))
    with ProcessPoolExecutor(max_workers=n, mp_context=ctx) as pool:
        return list(pool.map(_read_source, [str(p) for p in paths], repeat(lang),
                             chunksize=chunk))


# ============================================================================ the rules


_MONTHS = {
    "januari": 1, "january": 1, "jan": 1, "februari": 2, "pebruari": 2, "february": 2,
    "feb": 2, "peb": 2, "maret": 3, "march": 3, "mar": 3, "april": 4, "apr": 4, "mei": 5,
    "may": 5, "juni": 6, "june": 6, "jun": 6, "juli": 7, "july": 7, "jul": 7, "agustus": 8,
    "august": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10, "november": 11, "nopember": 11,
    "nov": 11, "nop": 11, "desember": 12, "december": 12, "des": 12, "dec": 12,
}
_YEAR = r"(?<!\d)((?:19|20)\d\d)(?!\d)"
_MONTH = r"(?<![^\W\d_])([^\W\d_]+)\.?"



def when(value: Any) -> tuple[int, int | None, int | None] | None:
    """The time a Waktu value names, as (year, month, day) with ``None`` for what it does
    not say; ``None`` when it names no time or more than one year.

    A date cell gives its date. A whole number 1900–2100 is a year. A text gives, of the
    one year it holds (a text with two different years is not read: "2023/2024"): an ISO
    date ``2024-03-12`` or month ``2024-03``; a day-first date ``12-03-2024``, ``12/03/2024``
    or ``12.03.2024``; ``12 Maret 2024``; ``Maret 2024`` or ``03/2024``; else the year alone
    (``Semester 1 2024``). Month names in Indonesian or English, full or short. An invalid
    date (``31-02-2024``) names no time."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, XlDate):
        value = dt.date.fromisoformat(value.iso[:10]) if re.match(
            r"\d{4}-\d\d-\d\d", value.iso) else None
        if value is None:
            return None
    if isinstance(value, (dt.date, dt.datetime)):
        return (value.year, value.month, value.day)
    if isinstance(value, (int, float)):
        v = float(value)
        return (int(v), None, None) if v.is_integer() and 1900 <= v <= 2100 else None
    text = str(value).casefold()
    years = set(re.findall(_YEAR, text))
    if len(years) != 1:
        return None
    year = int(years.pop())
    for pattern, order in (
            (r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)", "ymd"),
            (r"(?<!\d)(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?!\d)", "dmy"),
            (r"(?<!\d)(\d{1,2})\s+" + _MONTH + r"\s+(\d{4})(?!\d)", "dMy"),
            (r"(?<!\d)(\d{4})-(\d{1,2})(?![\d-])", "ym"),
            (_MONTH + r"\s+(\d{4})(?!\d)", "My"),
            (r"(?<![\d./-])(\d{1,2})[./-](\d{4})(?!\d)", "my")):
        for m in re.finditer(pattern, text):
            parts = dict(zip(order, m.groups()))
            if "M" in parts:
                month = _MONTHS.get(parts["M"])
                if month is None:
                    continue  # "Semester 1 2024": a word, not a month
            else:
                month = int(parts["m"])
            day = int(parts["d"]) if "d" in parts else None
            try:
                dt.date(year, month, day or 1)
            except ValueError:
                return None
            return (year, month, day)
    return (year, None, None)


def _compare(a: tuple[Any, ...], b: tuple[Any, ...]) -> int | None:
    """-1 when ``a`` is earlier, 1 later, 0 the same time; None when it cannot be told
    (one says less than needed: "2024" against "Maret 2024")."""
    for x, y in zip(a, b):
        if x is None or y is None:
            return None
        if x != y:
            return -1 if x < y else 1
    return 0


def _norm(v: Any) -> str:
    """A field as it is compared: case and spaces ignored."""
    return " ".join(xl_text(v).split()).casefold()


def indicator_set(aspects: Sequence[Any], indicators: Sequence[Any]) -> tuple[Any, ...]:
    """What makes two asesmen workbooks comparable: their aspect names (case and spaces
    ignored) and their indicator columns (aspect and code), in order."""
    return (tuple(_norm(a) for a in aspects), tuple((k, _norm(c)) for k, c in indicators))


# ============================================================================ the result


@dataclass
class Source:
    """One input file: ``template`` (None when unknown), ``used`` (rolled up), ``reason``
    (why it was left out, Indonesian), its own problems (or those that refused it)."""

    path: Path
    display: str
    template: str | None
    used: bool
    reason: str
    problems: list[Problem]

    @property
    def errors(self) -> int:
        return sum(p.severity == ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity != ERROR for p in self.problems)


@dataclass
class AssessmentSet:
    """The asesmen workbooks with one indicator set: ``label`` (the preset's title or "Set
    indikator n"), ``sheet`` (its sheet in the rekap workbook), aspect names, the weights
    most of its files use (fractions), and one record per unit."""

    label: str
    sheet: str
    preset: str | None
    aspects: list[str]
    weights: list[float | None]
    records: list[dict[str, Any]]
    files: list[str]


@dataclass
class Rollup:
    """The rekap of many workbooks (see the module's documentation for the rules).

    Plain records (lists of dicts, JSON-ready but for dates) and, as properties, the same as
    pandas DataFrames: :attr:`pokja`, :attr:`rounds`, :attr:`assessments`, :attr:`files`,
    :attr:`problems` (columns in docs/rekap.md)."""

    sources: list[Source]
    pokja_records: list[dict[str, Any]]
    round_records: list[dict[str, Any]]
    not_compared: list[dict[str, Any]]  # Pokja with several rounds not compared: why
    sets: list[AssessmentSet]
    problem_records: list[dict[str, Any]]
    lang: str = "id"
    created: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(
        microsecond=0))

    @property
    def left_out(self) -> int:
        """Files given that are not in the rekap (unreadable or of another template)."""
        return sum(not s.used for s in self.sources)

    @property
    def rounds_compared(self) -> int:
        """Pairs of consecutive rounds compared (each gives one row per measure)."""
        return len(self.round_records) // len(MEASURES)

    @property
    def pokja(self) -> pd.DataFrame:
        """One row per questionnaire workbook: columns :data:`POKJA_COLUMNS` (keys)."""
        return _frame(self.pokja_records, [c.key for c in POKJA_COLUMNS])

    @property
    def rounds(self) -> pd.DataFrame:
        """Consecutive rounds of one Pokja, one row per measure (A–F, X, N, band)."""
        return _frame(self.round_records, [c.key for c in ROUND_COLUMNS])

    @property
    def assessments(self) -> dict[str, pd.DataFrame]:
        """Indicator set label -> one row per assessed unit (``aspects.<name>`` columns)."""
        return {s.label: _frame(s.records, [c.key for c in unit_columns(s.aspects)])
                for s in self.sets}

    @property
    def files(self) -> pd.DataFrame:
        """One row per input file: file, template, used, reason, errors, warnings."""
        return _frame([_file_record(i, s) for i, s in enumerate(self.sources, 1)],
                      [c.key for c in FILE_COLUMNS])

    @property
    def problems(self) -> pd.DataFrame:
        """Every problem per file: file, sheet, cell, code, severity, expected, found,
        message (in :attr:`lang`)."""
        return _frame([{**r, "message": r["problem"].message(self.lang)}
                       for r in self.problem_records],
                      [c.key for c in PROBLEM_COLUMNS])

    def to_json(self) -> dict[str, Any]:
        """The figures as JSON (what ``xlpokja rekap --json`` prints): dates as ISO text,
        blanks as null."""
        return {
            "schema": "xlpokja/rekap/1",
            "files_given": len(self.sources),
            "files_used": len(self.sources) - self.left_out,
            "left_out": self.left_out,
            "rounds_compared": self.rounds_compared,
            "files": [_json_safe(_file_record(i, s)) for i, s in enumerate(self.sources, 1)],
            "pokja": [_json_safe(r) for r in self.pokja_records],
            "rounds": [_json_safe(r) for r in self.round_records],
            "rounds_not_compared": [_json_safe(r) for r in self.not_compared],
            "asesmen": [{"set": s.label, "sheet": s.sheet, "preset": s.preset,
                         "aspects": s.aspects, "weights": s.weights, "files": s.files,
                         "units": [_json_safe(r) for r in s.records]} for s in self.sets],
            "problems": [{"file": r["file"], **r["problem"].to_dict(self.lang)}
                         for r in self.problem_records],
        }


def _file_record(i: int, s: Source) -> dict[str, Any]:
    return {"no": i, "file": s.display, "template": s.template or "",
            "used": s.used, "status": "direkap" if s.used else "dilewati", "reason": s.reason,
            "errors": s.errors, "warnings": s.warnings}


def _json_safe(v: Any) -> Any:
    """A record as JSON takes it: dates as ISO text, NaN as null (in lists too)."""
    if isinstance(v, dict):
        return {k: _json_safe(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_json_safe(x) for x in v]
    if isinstance(v, XlDate):
        return v.iso
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, float) and v != v:
        return None
    return v


def _frame(records: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    from xlpokja.api import frame

    return frame(records, columns)


# ===================================================================== the rekap itself


def rollup(paths: Iterable[str | Path], *, lang: str = "id", workers: int | None = None,
           exclude: Iterable[str | Path] = ()) -> Rollup:
    """Roll up the workbooks ``paths`` (files or folders, :func:`workbook_paths`).

    ``lang``: language of the problem messages of the DataFrames and the JSON (the rekap
    workbook itself is Indonesian). ``workers``: processes reading the files (``None``: one
    per core, at most 8, for 24 files or more; 1: all in this process). ``exclude``: files
    never read. Unreadable files never raise: they are left out and listed. Raises
    :class:`XlpokjaError` ``REKAP_TANPA_BUKU_KERJA`` when no path names any file."""
    files = workbook_paths(paths, exclude)
    if not files:
        given = ", ".join(str(p) for p in paths) or "tidak ada"
        raise XlpokjaError([Problem("REKAP_TANPA_BUKU_KERJA", "", "",
                                    "berkas .xlsx/.xlsm atau folder yang memuatnya",
                                    short_text(given, 200))])
    reads = _read_all(files, lang, workers)
    names = Counter(p.name.casefold() for p in files)
    display = {str(p): (p.name if names[p.name.casefold()] == 1 else str(p)) for p in files}
    sources: list[Source] = []
    extra: dict[str, list[Problem]] = {}  # path -> problems the rekap adds
    for r in reads:
        path = Path(r.path)
        if r.refused:
            why = r.refused[0]
            reason = f"[{why.code}] {why.message('id')}"
            sources.append(Source(path, "", None, False, reason, r.refused))
        elif r.template not in (QUESTIONNAIRE, ASSESSMENT):
            p = Problem("REKAP_TEMPLAT_LAIN", "", "", f"{QUESTIONNAIRE} atau {ASSESSMENT}",
                        str(r.template))
            sources.append(Source(path, "", r.template, False, p.message("id"), [p]))
        else:
            sources.append(Source(path, "", r.template, True, "", list(r.problems)))
    for s in sources:
        s.display = display[str(s.path)]
    by_path = {r.path: r for r in reads}
    used = [(s, by_path[str(s.path)]) for s in sources if s.used]
    pokja, round_recs, not_compared = _questionnaires(
        [(s, r) for s, r in used if r.template == QUESTIONNAIRE], extra)
    sets = _assessments([(s, r) for s, r in used if r.template == ASSESSMENT], extra)
    from xlpokja.layout import common

    problems: list[dict[str, Any]] = []
    for s in sources:
        if not s.used and s.template is None:
            codes = ", ".join(dict.fromkeys(p.code for p in s.problems))
            problems.append({"file": s.display, "problem": Problem(
                "REKAP_DILEWATI", "", "", "", codes)})
        mine = extra.get(str(s.path), [])
        listed = common.compact(s.problems) if s.used else s.problems
        problems += [{"file": s.display, "problem": p} for p in listed + mine]
        s.problems = s.problems + mine  # counted with the workbook's own
    counts = {s.display: (s.errors, s.warnings) for s in sources}
    for rec in pokja:
        rec["errors"], rec["warnings"] = counts[rec["file"]]
    for rec in problems:
        p = rec["problem"]
        rec.update(sheet=p.sheet, cell=p.cell, code=p.code, severity=p.severity,
                   expected=p.expected, found=p.found)
    return Rollup(sources, pokja, round_recs, not_compared, sets, problems, lang)


def _display_when(v: Any) -> Any:
    """A Waktu value as the rekap shows it: a date cell as a date, else as typed (a number
    such as the year 2025 as its text, never as a date serial)."""
    if isinstance(v, XlDate):
        try:
            return dt.date.fromisoformat(v.iso[:10])
        except ValueError:
            return v.iso
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return as_text(v)
    return v


def _questionnaires(items: list[tuple[Source, _Read]], extra: dict[str, list[Problem]]
                    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """(one record per Pokja workbook, ranked and sorted; round comparisons; Pokja whose
    rounds are not compared)."""
    recs: list[dict[str, Any]] = []
    for s, r in items:
        d = r.data or {}
        f = d.get("fields", {})
        comps = {c["key"]: c for c in d.get("components", [])}
        errors = s.errors
        notes = []
        if d.get("N_flagged"):
            notes.append(NOTE_PARTIAL.format(k=d.get("N_components")))
        if d.get("policy") == q.POLICY_COMPLETE:
            notes.append(NOTE_COMPLETE_ONLY)
        if errors:
            notes.append(NOTE_ERRORS.format(n=errors))
        recs.append({
            "file": s.display, "path": str(s.path),
            "kelompok_kerja": f.get("kelompok_kerja"), "lokasi": f.get("lokasi"),
            "waktu": _display_when(f.get("waktu")), "_waktu": f.get("waktu"),
            "respondents": d["sheets"]["filled"], "complete": d["sheets"]["complete"],
            "used": d["sheets"]["used"],
            **{k: comps.get(k, {}).get("mean") for k in COMPONENT_KEYS},
            "X": d.get("X"), "N": d.get("N"), "N_components": d.get("N_components"),
            "band": d.get("band"), "label": d.get("label"),
            "near_boundary": d.get("near_boundary"), "policy": d.get("policy"),
            "rank": None, "tied": False, "errors": errors, "warnings": s.warnings,
            "_notes": notes, "_ranked": True,
        })
    rounds, not_compared = _rounds(recs, extra)
    values = [rc["N"] if rc["_ranked"] else None for rc in recs]
    ranks = competition_rank(values)
    ties = tied(values)
    for rc, rank, t in zip(recs, ranks, ties):
        rc["rank"], rc["tied"] = rank, t
        rc["note"] = SEP.join(([NOTE_TIE] if t else []) + rc.pop("_notes"))
    recs.sort(key=lambda rc: (rc["rank"] is None, rc["rank"] or 0, rc["file"].casefold()))
    for i, rc in enumerate(recs, 1):
        rc["no"] = i
        del rc["_waktu"], rc["_ranked"]
    return recs, rounds, not_compared


def _rounds(recs: list[dict[str, Any]], extra: dict[str, list[Problem]]
            ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Group the Pokja workbooks into rounds, compare consecutive ones; mark earlier rounds
    unranked; say why a group is not compared."""
    from xlpokja.instruments.penilaian_diri.layout import RES_FIELDS

    cell = {k: ref for k, _, ref in RES_FIELDS}

    def add(rc: dict[str, Any], p: Problem) -> None:
        extra.setdefault(rc["path"], []).append(p)

    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    places: dict[str, set[str]] = {}
    for rc in recs:
        kk = _norm(rc["kelompok_kerja"])
        if not kk:
            rc["_notes"].append(NOTE_NO_NAME)
            add(rc, Problem("REKAP_TANPA_KELOMPOK_KERJA", RINGKASAN, cell["kelompok_kerja"],
                            "nama Kelompok Kerja", "kosong", WARNING))
            continue
        groups.setdefault((kk, _norm(rc["lokasi"])), []).append(rc)
        places.setdefault(kk, set()).add(_norm(rc["lokasi"]))
    for kk, locs in places.items():
        if len(locs) > 1:
            members = [rc for (k, _), g in groups.items() if k == kk for rc in g]
            shown = "; ".join(dict.fromkeys(f"'{xl_text(rc['lokasi'])}'" for rc in members))
            for rc in members:
                add(rc, Problem("REKAP_LOKASI_BERBEDA", RINGKASAN, cell["lokasi"],
                                "Lokasi yang sama", shown, WARNING))
    rounds: list[dict[str, Any]] = []
    not_compared: list[dict[str, Any]] = []
    for g in groups.values():
        if len(g) < 2:
            continue
        times = [when(rc["_waktu"]) for rc in g]
        texts = [_norm(rc["_waktu"]) for rc in g]
        twice = {i for i in range(len(g)) for j in range(len(g)) if i != j and (
            (texts[i] and texts[i] == texts[j])
            or (times[i] and times[j] and _compare(times[i], times[j]) == 0))}
        shown = "; ".join(f"'{xl_text(_display_when(rc['_waktu']))}' ({rc['file']})" for rc in g)
        base = {"kelompok_kerja": g[0]["kelompok_kerja"], "lokasi": g[0]["lokasi"],
                "files": [rc["file"] for rc in g],
                "waktu": [_display_when(rc["_waktu"]) for rc in g]}
        if twice:
            for i in sorted(twice):
                others = ", ".join(g[j]["file"] for j in sorted(twice) if j != i)
                g[i]["_notes"].append(NOTE_TWICE)
                add(g[i], Problem("REKAP_POKJA_GANDA", RINGKASAN, cell["waktu"],
                                  "Waktu setiap putaran berbeda", others, WARNING))
            not_compared.append({**base, "why": "putaran ganda"})
            continue
        if any(t is None for t in times) or any(
                _compare(a, b) is None for i, a in enumerate(times) for b in times[i + 1:]):
            for rc in g:
                rc["_notes"].append(NOTE_UNORDERED)
                add(rc, Problem("REKAP_URUTAN_PUTARAN", RINGKASAN, cell["waktu"],
                                WHEN_EXPECTED, shown, WARNING))
            not_compared.append({**base, "why": "urutan putaran tidak dapat ditentukan"})
            continue
        order = sorted(range(len(g)), key=functools.cmp_to_key(
            lambda i, j: _compare(times[i], times[j]) or 0))
        for i in order[:-1]:
            g[i]["_ranked"] = False
            g[i]["_notes"].append(NOTE_EARLIER)
        for a, b in zip(order, order[1:]):
            rounds += _compare_rounds(g[a], g[b])
    return rounds, not_compared


def _direction(change: float | None) -> str:
    if change is None:
        return ""
    c = round9(change)
    return "naik" if c > 0 else "turun" if c < 0 else "tetap"


def _compare_rounds(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for m in MEASURES:
        b, a = before[m], after[m]
        change = None if a is None or b is None else a - b
        out.append({
            "kelompok_kerja": after["kelompok_kerja"], "lokasi": after["lokasi"],
            "measure": m, "before_waktu": before["waktu"], "before": b,
            "after_waktu": after["waktu"], "after": a, "change": change,
            "direction": _direction(change), "before_file": before["file"],
            "after_file": after["file"]})
    return out


_PRESET_SHEETS = {"asesmen_pokja": "Asesmen Pokja", "asesmen_badan_pengelola": "Asesmen BP"}


def _preset_of(key: tuple[Any, ...]) -> Any:
    from xlpokja.instruments.asesmen import calc as ca

    for p in ca.PRESETS.values():
        names = [a.name for a in p.aspects]
        inds = [(names.index(i.aspect), i.code) for i in p.indicators]
        if indicator_set(names, inds) == key:
            return p
    return None


def _assessments(items: list[tuple[Source, _Read]], extra: dict[str, list[Problem]]
                 ) -> list[AssessmentSet]:
    """One :class:`AssessmentSet` per indicator set, its units ranked across its files."""
    from xlpokja.instruments.asesmen import calc as ca
    from xlpokja.instruments.asesmen import layout as al

    by_set: dict[tuple[Any, ...], list[tuple[Source, _Read]]] = {}
    for s, r in items:
        d = r.data or {}
        names = [a["name"] for a in d.get("aspects", [])]
        by_set.setdefault(indicator_set(names, r.indicators), []).append((s, r))
    out: list[AssessmentSet] = []
    custom = 0
    for key, members in by_set.items():
        preset = _preset_of(key)
        if preset is not None:
            label, sheet = preset.title, _PRESET_SHEETS.get(preset.key, preset.key[:31])
        else:
            custom += 1
            label, sheet = f"Set indikator lain {custom}", f"Asesmen lain {custom}"
        first = members[0][1].data or {}
        aspects = [xl_text(a["name"]) for a in first.get("aspects", [])]
        weights_of = {s.display: tuple(a["weight"] for a in (r.data or {}).get("aspects", []))
                      for s, r in members}
        common_w = Counter(weights_of.values()).most_common(1)[0][0]
        m = len(aspects)
        records: list[dict[str, Any]] = []
        for s, r in members:
            d = r.data or {}
            differs = weights_of[s.display] != common_w
            if differs:
                extra.setdefault(str(s.path), []).append(Problem(
                    "REKAP_BOBOT_BERBEDA", al.BOBOT,
                    f"{al.L(al.BO_WEIGHT)}{al.BOBOT_ROW0}:{al.L(al.BO_WEIGHT)}"
                    f"{al.BOBOT_ROW0 + m - 1}", _show_weights(common_w),
                    _show_weights(weights_of[s.display]), WARNING))
            for u in d.get("units", []):
                own = [x for x in (u.get("flags") or "").split(ca.FLAG_SEP)
                       if x and x != ca.FLAG_TIE]
                records.append({
                    "file": s.display, "path": str(s.path), "row": u["row"], "unit": u["name"],
                    **{f"aspects.{n}": v for n, v in zip(aspects, u["aspects"].values())},
                    "total": u["total"], "pct": u["pct"], "band": u["band"],
                    "label": u["label"], "rank": None, "tied": False,
                    "filled": u["filled"], "valid": u["valid"],
                    "_notes": own + ([NOTE_WEIGHTS] if differs else [])})
        seen: dict[str, list[dict[str, Any]]] = {}
        for rc in records:
            if _norm(rc["unit"]):
                seen.setdefault(_norm(rc["unit"]), []).append(rc)
        for group in seen.values():
            files = list(dict.fromkeys(rc["file"] for rc in group))
            if len(files) < 2:
                continue
            for rc in group:
                others = ", ".join(f for f in files if f != rc["file"])
                rc["_notes"].append(NOTE_ALSO_IN.format(files=others))
                extra.setdefault(rc["path"], []).append(Problem(
                    "REKAP_UNIT_GANDA", al.PENILAIAN, f"{al.L(al.COL_UNIT)}{rc['row']}",
                    "satu penilaian per unit", others, WARNING))
        totals = [rc["total"] for rc in records]
        for rc, rank, t in zip(records, competition_rank(totals), tied(totals)):
            rc["rank"], rc["tied"] = rank, t
            rc["note"] = SEP.join(([NOTE_TIE] if t else []) + rc.pop("_notes"))
        records.sort(key=lambda rc: (rc["rank"] is None, rc["rank"] or 0, rc["file"].casefold(),
                                     rc["row"]))
        for i, rc in enumerate(records, 1):
            rc["no"] = i
        out.append(AssessmentSet(label, sheet, preset.key if preset else None, aspects,
                                 list(common_w), records, [s.display for s, _ in members]))
    return out


def _show_weights(w: Sequence[float | None]) -> str:
    from xlpokja.instruments.asesmen import calc as ca

    return " / ".join("?" if x is None else ca.show_percent(x) for x in w)


# ================================================================= the rekap workbook


@dataclass(frozen=True)
class Col:
    """One column of a rekap sheet: record key, Indonesian header, what it is (Petunjuk),
    width (characters), number format (None: general), wrapped text."""

    key: str
    header: str
    note: str
    width: float = 10
    fmt: str | None = None
    wrap: bool = False


SCORE = "0.00"
DATE = "yyyy-mm-dd"
CHANGE = "+0.00;-0.00;0.00"
POKJA_COLUMNS: tuple[Col, ...] = (
    Col("no", "No", "nomor urut: Pokja yang diperingkat menurut peringkat, lalu yang lain", 5),
    Col("kelompok_kerja", "Kelompok Kerja", "isian Kelompok Kerja di sheet Ringkasan", 24,
        wrap=True),
    Col("lokasi", "Lokasi", "isian Lokasi di sheet Ringkasan", 16, wrap=True),
    Col("waktu", "Waktu", "isian Waktu di sheet Ringkasan (tanggal atau teks)", 12,
        DATE, wrap=True),
    Col("respondents", "Lembar terisi", "lembar (baris Jawaban) berisi sedikitnya satu jawaban",
        8),
    Col("complete", "Lembar lengkap", "lembar dengan 36 jawaban sah", 8),
    Col("used", "Lembar dipakai", "lembar yang dihitung menurut kebijakan lembar tidak "
        "lengkap buku kerja itu", 8),
    *(Col(c.key, c.key, f"nilai komponen {c.key} ({c.name}): jumlah jawaban sah / banyaknya, "
          "skala 0–5; kosong = tidak ada jawaban sah", 6.5, SCORE) for c in q.COMPONENTS),
    Col("X", "X", "jumlah nilai komponen yang berdata", 7, SCORE),
    Col("N", "N", "nilai rata-rata: X / banyaknya komponen berdata (biasanya 6)", 7, SCORE),
    Col("band", "Pita", "pita 0–5 dari N dibulatkan 2 desimal (lihat Aturan)", 5),
    Col("label", "Keterangan", "arti pita (skala sumber)", 30, wrap=True),
    Col("rank", "Peringkat", "peringkat N antar-Pokja (RANK.EQ: 1, 2, 2, 4); kosong: tanpa N, "
        "atau putaran sebelumnya", 10),
    Col("note", "Catatan", "SAMA = peringkat sama dengan Pokja lain; catatan putaran, komponen "
        "tanpa data, kebijakan, masalah", 24, wrap=True),
    Col("errors", "Masalah", "masalah (galat) dalam buku kerja: sel itu tidak dihitung", 9),
    Col("warnings", "Peringatan", "peringatan dalam buku kerja dan dari rekap", 11),
    Col("file", "Berkas", "berkas sumber", 22, wrap=True),
)
ROUND_COLUMNS: tuple[Col, ...] = (
    Col("kelompok_kerja", "Kelompok Kerja", "Pokja yang dibandingkan", 24, wrap=True),
    Col("lokasi", "Lokasi", "Lokasi (sama pada kedua putaran)", 16, wrap=True),
    Col("measure", "Ukuran", "A–F: nilai komponen; X; N; Pita (di DataFrame: band)", 7),
    Col("before_waktu", "Waktu sebelumnya", "Waktu putaran yang lebih awal", 12, DATE,
        wrap=True),
    Col("before", "Nilai sebelumnya", "nilai putaran yang lebih awal", 10, SCORE),
    Col("after_waktu", "Waktu sesudahnya", "Waktu putaran berikutnya", 12, DATE,
        wrap=True),
    Col("after", "Nilai sesudahnya", "nilai putaran berikutnya", 10, SCORE),
    Col("change", "Perubahan", "sesudah − sebelum; kosong bila salah satu tanpa data", 10,
        CHANGE),
    Col("direction", "Arah", "naik / turun / tetap (perubahan dibulatkan 9 desimal)", 7),
    Col("before_file", "Berkas sebelumnya", "berkas putaran yang lebih awal", 20, wrap=True),
    Col("after_file", "Berkas sesudahnya", "berkas putaran berikutnya", 20, wrap=True),
)
FILE_COLUMNS: tuple[Col, ...] = (
    Col("no", "No", "nomor urut berkas masukan", 5),
    Col("file", "Berkas", "berkas masukan (nama; jalur lengkap bila namanya kembar)", 30,
        wrap=True),
    Col("template", "Templat", "templat xlpokja buku kerja itu (kosong: tidak dikenal)", 16),
    Col("status", "Status", "direkap / dilewati", 9),
    Col("reason", "Alasan", "mengapa dilewati (rincian di sheet Masalah)", 60, wrap=True),
    Col("errors", "Masalah", "masalah (galat)", 9),
    Col("warnings", "Peringatan", "peringatan", 11),
)
PROBLEM_COLUMNS: tuple[Col, ...] = (
    Col("file", "Berkas", "berkas tempat masalah itu", 28, wrap=True),
    Col("sheet", "Sheet", "sheet dalam berkas itu", 12),
    Col("cell", "Sel", "sel atau rentang", 9),
    Col("code", "Kode", "kode tetap masalah", 24),
    Col("severity", "Tingkat", "galat (error) atau peringatan (warning)", 10),
    Col("expected", "Diharapkan", "yang seharusnya", 24, wrap=True),
    Col("found", "Ditemukan", "yang ditemukan", 24, wrap=True),
    Col("message", "Keterangan", "pesan lengkap", 60, wrap=True),
)


def unit_columns(aspects: Sequence[str]) -> tuple[Col, ...]:
    """The columns of an asesmen sheet: one per aspect between the unit and its total."""
    return (
        Col("no", "No", "nomor urut menurut peringkat", 5),
        Col("unit", "Unit yang dinilai", "kolom A sheet Penilaian", 24, wrap=True),
        *(Col(f"aspects.{a}", a, f"nilai aspek {a}: rata-rata indikator yang dinilai, 0–5",
              10, SCORE, wrap=True) for a in aspects),
        Col("total", "Nilai total (0–5)", "Σ bobot × nilai aspek (bobot buku kerja itu)", 9,
            SCORE, wrap=True),
        Col("pct", "% dari maksimum", "nilai total / 5", 9, "0.00%", wrap=True),
        Col("band", "Pita", "pita 0–5 dari nilai total (pita K3)", 5),
        Col("label", "Keterangan", "arti pita", 28, wrap=True),
        Col("rank", "Peringkat", "peringkat nilai total antar-unit semua berkas set ini "
            "(RANK.EQ: 1, 2, 2, 4)", 10),
        Col("note", "Catatan", "SAMA = peringkat sama; catatan buku kerja; bobot berbeda; unit "
            "yang juga dinilai di berkas lain", 24, wrap=True),
        Col("filled", "Sel terisi", "sel nilai yang terisi", 7),
        Col("valid", "Nilai sah", "nilai sah (0–5)", 7),
        Col("file", "Berkas", "berkas sumber", 20, wrap=True),
        Col("row", "Baris", "baris unit di sheet Penilaian", 6),
    )


#: how a measure is named on the Putaran sheet (the DataFrame keeps the keys)
MEASURE_LABELS = {"band": "Pita"}


def _band_format(rec: dict[str, Any], c: Col) -> str | None:
    """The band is a whole number: shown without decimals on the Putaran sheet."""
    if rec["measure"] == MEASURE_LABELS["band"] and c.fmt in (SCORE, CHANGE):
        return "0" if c.fmt == SCORE else "+0;-0;0"
    return None


PETUNJUK, POKJA, GRAFIK, PUTARAN = "Petunjuk", "Rekap Pokja", "Grafik", "Putaran"
BERKAS, MASALAH = "Berkas", "Masalah"
HEADER_ROW = 4  # title, subtitle, blank, header; data from row 5


def write_rollup(r: Rollup, out: str | Path) -> Path:
    """Write the rekap workbook ``out`` (.xlsx, no macros, Indonesian) atomically.

    Sheets: Petunjuk (what each column is, the rules), Rekap Pokja and Grafik (one bar
    chart per component and for N) when there are questionnaires, Putaran when rounds were
    compared or could not be, one sheet per asesmen indicator set, Berkas (every input file)
    and Masalah (every problem per file). Headers frozen, 2-decimal scores, printable
    (landscape, fit to width, header rows repeated). Raises :class:`XlpokjaError`
    ``REKAP_KELUARAN_XLSX`` for another extension, ``KELUARAN_TIDAK_DAPAT_DITULIS`` when
    the folder cannot be written."""
    import tempfile

    from openpyxl import Workbook

    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise XlpokjaError([Problem("REKAP_KELUARAN_XLSX", out.name, "",
                                    "berkas .xlsx (tanpa makro)", out.suffix or "tanpa akhiran")])
    if out.exists() and not (out.is_file() and is_rekap(out)):
        raise XlpokjaError([Problem("REKAP_KELUARAN_ADA", out.name, "",
                                    "berkas baru atau rekap xlpokja yang lama",
                                    "berkas lain yang sudah ada")])
    wb = Workbook()
    _petunjuk(wb.active, r)
    if r.pokja_records:
        ws = wb.create_sheet(POKJA)
        _table(ws, "REKAP PENILAIAN DIRI KELOMPOK KERJA (per Pokja)",
               f"{len(r.pokja_records)} buku kerja penilaian diri. Diurutkan menurut "
               "peringkat N; lihat sheet Petunjuk untuk arti setiap kolom.",
               POKJA_COLUMNS, r.pokja_records, freeze_col=3)
        _charts(wb.create_sheet(GRAFIK), r.pokja_records)
    if r.round_records or r.not_compared:
        ws = wb.create_sheet(PUTARAN)
        _table(ws, "PERBANDINGAN PUTARAN (Pokja yang sama, Waktu berbeda)",
               "Putaran berurutan menurut Waktu, satu baris per ukuran. Aturan urutan: "
               "sheet Petunjuk.", ROUND_COLUMNS,
               [{**x, "measure": MEASURE_LABELS.get(x["measure"], x["measure"])}
                for x in r.round_records], freeze_col=4, fmt_of=_band_format)
        _not_compared(ws, r.not_compared)
    for s in r.sets:
        ws = wb.create_sheet(s.sheet)
        weights = ", ".join(f"{a} {_show_weights([w])}" for a, w in zip(s.aspects, s.weights))
        _table(ws, f"REKAP {s.label} (unit dari semua berkas)",
               f"{len(s.files)} berkas, {len(s.records)} unit. Bobot: {weights}.",
               unit_columns(s.aspects), s.records, freeze_col=3)
    ws = wb.create_sheet(BERKAS)
    _table(ws, "BERKAS MASUKAN",
           f"{len(r.sources)} berkas: {len(r.sources) - r.left_out} direkap, {r.left_out} "
           "dilewati.", FILE_COLUMNS, [_file_record(i, s) for i, s in enumerate(r.sources, 1)],
           freeze_col=3)
    ws = wb.create_sheet(MASALAH)
    _table(ws, "MASALAH PER BERKAS",
           f"{len(r.problem_records)} baris. Pesan dalam bahasa Indonesia; kode tetap.",
           PROBLEM_COLUMNS, [{**p, "severity": "galat" if p["severity"] == ERROR
                              else "peringatan", "message": p["problem"].message("id")}
                             for p in r.problem_records], freeze_col=2)
    wb.properties.creator = "xlpokja"
    wb.properties.title = "Rekap xlpokja"
    from openpyxl.packaging.custom import StringProperty

    wb.custom_doc_props.append(StringProperty(name="xlpokja_template", value=REKAP_ID))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".xlpokja-", suffix=".xlsx", dir=out.resolve().parent)
    except OSError as e:
        raise XlpokjaError([Problem("KELUARAN_TIDAK_DAPAT_DITULIS", out.name, "",
                                    str(out.resolve().parent), e.strerror or str(e))]) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            wb.save(fh)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, out)
    except OSError as e:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise XlpokjaError([Problem("KELUARAN_TIDAK_DAPAT_DITULIS", out.name, "", str(out),
                                    e.strerror or str(e))]) from None
    return out


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="A6A6A6")
    return {
        "title": Font(bold=True, size=14, color="1F4E79"),
        "sub": Font(italic=True, color="595959"),
        "head_font": Font(bold=True, color="FFFFFF"),
        "head_fill": PatternFill("solid", fgColor="1F4E79"),
        "head_align": Alignment(wrap_text=True, vertical="center", horizontal="center"),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "wrap_left": Alignment(wrap_text=True, vertical="top", horizontal="left"),
        "top": Alignment(vertical="top"),
        "bold": Font(bold=True),
    }


def _cell_value(v: Any) -> Any:
    if isinstance(v, XlDate):
        return _display_when(v)
    if isinstance(v, float) and v != v:
        return None
    if isinstance(v, bool):
        return "ya" if v else ""
    return v


def _table(ws: Any, title: str, subtitle: str, cols: Sequence[Col],
           records: Sequence[dict[str, Any]], freeze_col: int = 1,
           fmt_of: Any = None) -> None:
    """A titled table: header on row :data:`HEADER_ROW`, frozen, filtered, printable.
    ``fmt_of(record, column)``: a number format other than the column's for one cell (or
    None)."""
    from openpyxl.utils import get_column_letter

    st = _styles()
    ws["A1"] = title
    ws["A1"].font = st["title"]
    ws["A2"] = subtitle
    ws["A2"].font = st["sub"]
    # a header word never broken: the column is as wide as its longest header word
    cols = [replace(c, width=max(c.width, 1.2 * max(map(len, c.header.split())) + 1))
            for c in cols]
    for j, c in enumerate(cols, 1):
        h = ws.cell(row=HEADER_ROW, column=j, value=c.header)
        h.font, h.fill, h.alignment, h.border = (st["head_font"], st["head_fill"],
                                                 st["head_align"], st["border"])
        ws.column_dimensions[get_column_letter(j)].width = c.width
    ws.row_dimensions[HEADER_ROW].height = _height(
        max(_lines(c.header, c.width, bold=True) for c in cols))
    # a named style per column and format (one style object per cell is slow)
    styles: dict[tuple[int, str | None], str] = {}

    def style(j: int, c: Col, fmt: str | None) -> str:
        if (j, fmt) not in styles:
            styles[(j, fmt)] = _named_style(ws.parent, c, fmt)
        return styles[(j, fmt)]

    for i, rec in enumerate(records, HEADER_ROW + 1):
        lines = 1
        for j, c in enumerate(cols, 1):
            v = _cell_value(rec.get(c.key))
            if c.key == "pct" and isinstance(v, (int, float)):
                v = v / 100  # the JSON's percentage (0–100) as a fraction with a % format
            cell = ws.cell(row=i, column=j, value=v)
            fmt = None if isinstance(v, str) else (fmt_of and fmt_of(rec, c)) or c.fmt
            cell.style = style(j, c, fmt)
            if c.wrap and isinstance(v, str):
                lines = max(lines, _lines(v, c.width))
        if lines > 1:  # wrapped texts: rows as high as their lines (no program autofits them)
            ws.row_dimensions[i].height = _height(lines)
    last = HEADER_ROW + max(len(records), 1)
    ref = f"A{HEADER_ROW}:{get_column_letter(len(cols))}{last}"
    if records:
        ws.auto_filter.ref = ref
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=freeze_col)
    _printable(ws, landscape=True)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"


def _named_style(wb: Any, c: Col, fmt: str | None) -> str:
    """The named style of a data cell of column ``c`` with number format ``fmt`` (registered
    in ``wb`` once): thin border, top-aligned, wrapped where the column wraps, dates
    left-aligned like texts."""
    from openpyxl.styles import NamedStyle

    kind = "tanggal" if c.fmt == DATE else "teks" if c.wrap else "nilai"
    name = f"xlpokja {kind} {fmt or 'umum'}"
    if name not in wb.named_styles:
        st = _styles()
        ns = NamedStyle(name=name, border=st["border"],
                        alignment=st["wrap_left" if kind == "tanggal" else
                                     "wrap" if c.wrap else "top"])
        if fmt:
            ns.number_format = fmt
        wb.add_named_style(ns)
    return name


def _lines(text: Any, width: float, bold: bool = False) -> int:
    """Lines a wrapped text takes in a column ``width`` characters wide (an estimate: a
    character of ordinary text is narrower than the ``0`` a width counts)."""
    per = max(1, int(width * (0.95 if bold else 1.15)))
    lines = 0
    for part in str(text).split("\n"):
        words, n, cur = part.split(" "), 1, 0
        for w in words:
            add = len(w) + (1 if cur else 0)
            if cur and cur + add > per:
                n, cur = n + 1, len(w)
            else:
                cur += add
            while cur > per:  # a word longer than the line
                n, cur = n + 1, cur - per
        lines += n
    return lines


def _height(lines: int) -> float:
    """Row height (points) for ``lines`` lines of 11-point text."""
    return 15.0 * lines + 2


def _printable(ws: Any, landscape: bool) -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "&A — halaman &P dari &N"


def _not_compared(ws: Any, groups: list[dict[str, Any]]) -> None:
    """Below the table: the Pokja with several workbooks whose rounds are not compared."""
    if not groups:
        return
    st = _styles()
    r = ws.max_row + 2
    ws.cell(row=r, column=1, value="Tidak dibandingkan (lihat sheet Masalah):").font = st["bold"]
    for g in groups:
        r += 1
        waktu = "; ".join(f"'{xl_text(w if not isinstance(w, dt.date) else w.isoformat())}' "
                          f"({f})" for w, f in zip(g["waktu"], g["files"]))
        ws.cell(row=r, column=1, value=f"{xl_text(g['kelompok_kerja'])} — "
                f"{xl_text(g['lokasi'])}: {g['why']}: {waktu}")


def _charts(ws: Any, records: list[dict[str, Any]]) -> None:
    """One horizontal bar chart per component A–F and one for N, over the ranked Pokja
    (the first rows of Rekap Pokja), 0–5 axis; each chart prints on its own page."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.label import DataLabelList
    from openpyxl.worksheet.pagebreak import Break, RowBreak

    st = _styles()
    ws["A1"] = "GRAFIK: nilai komponen dan N per Pokja"
    ws["A1"].font = st["title"]
    n = sum(1 for rc in records if rc["rank"] is not None)
    ws["A2"] = (f"{n} Pokja yang diperingkat (urutan sheet {POKJA}); sumbu 0–5. Putaran "
                "sebelumnya dan Pokja tanpa N tidak digambar.")
    ws["A2"].font = st["sub"]
    if n == 0:
        return
    data_ws = ws.parent[POKJA]
    first, last = HEADER_ROW + 1, HEADER_ROW + n
    # the bars' names, beside the print area: a Kelompok Kerja that is there twice (rounds
    # whose order is unknown) is told apart by its Waktu or file, a blank one by its file
    ws.cell(row=HEADER_ROW, column=LABEL_COL, value="Nama di grafik").font = st["bold"]
    ws.column_dimensions[_letter(LABEL_COL)].width = 45
    for i, label in enumerate(_chart_labels(records[:n])):
        ws.cell(row=first + i, column=LABEL_COL, value=label)
    cats = Reference(ws, min_col=LABEL_COL, min_row=first, max_row=last)
    height = min(4.0 + 0.55 * n, 60.0)  # cm
    rows_per_chart = int(height / 0.53) + 3
    breaks = RowBreak()
    row = 4
    titles = [(c.key, f"{c.key}. {c.name}") for c in q.COMPONENTS] + [
        ("N", "N (nilai rata-rata)")]
    for key, title in titles:
        ch = BarChart()
        ch.type = "bar"
        ch.style = 10
        ch.title = title
        ch.legend = None
        ch.height, ch.width = height, 17.0
        col = _col(POKJA_COLUMNS, key)
        ch.add_data(Reference(data_ws, min_col=col, min_row=HEADER_ROW, max_row=last),
                    titles_from_data=True)
        ch.set_categories(cats)
        ch.y_axis.scaling.min, ch.y_axis.scaling.max = 0, 5
        ch.y_axis.majorUnit = 1
        ch.y_axis.number_format = "0"
        ch.x_axis.scaling.orientation = "maxMin"  # rank 1 at the top
        ch.y_axis.delete = False
        ch.x_axis.delete = False
        ch.gapWidth = 40
        if n <= 60:
            ch.dataLabels = DataLabelList(showVal=True, showCatName=False, showSerName=False,
                                          showLegendKey=False, showPercent=False,
                                          showLeaderLines=False)
            ch.dataLabels.numFmt = "0.00"
        ws.add_chart(ch, f"A{row}")
        row += rows_per_chart
        breaks.append(Break(id=row - 2))
    ws.row_breaks = breaks
    _printable(ws, landscape=False)
    ws.print_area = f"A1:{_letter(LABEL_COL - 2)}{row}"


#: the column of the Grafik sheet holding the bars' names (outside the print area)
LABEL_COL = 12


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(col))


def _chart_labels(ranked: list[dict[str, Any]]) -> list[str]:
    """A distinct name per bar: the Kelompok Kerja; with the Waktu (or, if that does not tell
    them apart either, the file) when it is there more than once; the file when blank."""
    names = [" ".join(xl_text(rc["kelompok_kerja"]).split()) for rc in ranked]
    count = Counter(_norm(k) for k in names if k)
    shown = [xl_text(rc["waktu"].isoformat() if isinstance(rc["waktu"], dt.date)
                     else rc["waktu"]) for rc in ranked]
    out = []
    for i, (rc, k) in enumerate(zip(ranked, names)):
        if not k:
            out.append(rc["file"])
        elif count[_norm(k)] == 1:
            out.append(k)
        else:
            same = [j for j, x in enumerate(names) if _norm(x) == _norm(k)]
            clash = shown[i] == "" or sum(shown[j] == shown[i] for j in same) > 1
            out.append(f"{k} ({rc['file'] if clash else shown[i]})")
    return out


def _col(cols: Sequence[Col], key: str) -> int:
    return next(j for j, c in enumerate(cols, 1) if c.key == key)


def _petunjuk(ws: Any, r: Rollup) -> None:
    """What the workbook holds, the rules, and every column of every sheet."""
    from xlpokja import __version__

    st = _styles()
    ws.title = PETUNJUK
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 95
    lines: list[tuple[str, str, str]] = []  # (kind, A, B)

    def add(a: str = "", b: str = "", kind: str = "") -> None:
        lines.append((kind, a, b))

    add("REKAP xlpokja — PETUNJUK DAN KETERANGAN", kind="title")
    add("", f"Dibuat {r.created:%Y-%m-%d %H:%M} oleh xlpokja {__version__} (xlpokja rekap). "
        "Angka diambil dari buku kerja masing-masing, dihitung seperti tombol Hitung; berkas "
        "masukan tidak diubah.", kind="sub")
    add()
    add("Berkas", f"{len(r.sources)} berkas masukan: {len(r.sources) - r.left_out} direkap, "
        f"{r.left_out} dilewati (alasannya di sheet {BERKAS} dan {MASALAH}).")
    add("Penilaian diri", f"{len(r.pokja_records)} buku kerja (sheet {POKJA}, {GRAFIK}); "
        f"{r.rounds_compared} perbandingan putaran (sheet {PUTARAN}).")
    for s in r.sets:
        add("Asesmen", f"{s.label}: {len(s.records)} unit dari {len(s.files)} berkas "
            f"(sheet {s.sheet}).")
    add()
    add("ATURAN", kind="head")
    add("Kosong", "Kosong bukan nol: komponen atau aspek tanpa jawaban sah dibiarkan kosong "
        "dan tidak dihitung sebagai 0.")
    add("Pita", f"Nilai dibulatkan setengah ke atas ke 2 desimal, lalu: {_band_rule()}.")
    for b in range(6):
        add(f"  Pita {b}", LABELS[b])
    add("Peringkat", "Peringkat kompetisi seperti RANK.EQ di Excel (1, 2, 2, 4), dari nilai "
        "yang dibulatkan ke 9 desimal. Nilai sama mendapat peringkat sama dan ditandai SAMA "
        "di Catatan; tidak pernah dipecah menurut urutan berkas. Pokja diperingkat menurut N; "
        "unit asesmen menurut nilai total, di antara semua unit dengan set indikator yang sama.")
    add("Putaran", "Berkas dengan Kelompok Kerja dan Lokasi yang sama (sheet Ringkasan; huruf "
        "besar/kecil dan spasi diabaikan) adalah putaran Pokja yang sama, diurutkan menurut "
        "Waktu. Putaran berurutan dibandingkan per komponen, X, N dan pita; hanya putaran "
        "terakhir yang diperingkat.")
    add("Urutan Waktu", "Sel tanggal memberi tanggalnya. Teks: tanggal ISO (2024-03-12), "
        "tanggal dengan hari di depan (12-03-2024, 12/03/2024), 12 Maret 2024, Maret 2024, "
        "03/2024 atau tahun saja (2024, Semester 1 2024); nama bulan Indonesia atau Inggris. "
        "Teks dengan dua tahun berbeda (2023/2024) tidak dibaca. Bila urutan dua putaran tidak "
        "dapat ditentukan (mis. '2024' dan 'Maret 2024', atau teks tanpa tahun), atau putaran "
        "yang sama ada dua kali, putaran Pokja itu tidak dibandingkan dan tidak ditebak: "
        "semuanya diperingkat dan disebut di sheet Masalah.")
    add("Asesmen", "Unit dari berkas dengan aspek dan indikator yang sama (kode dan aspek "
        "setiap kolom indikator) direkap bersama; set indikator lain mendapat sheet sendiri "
        "karena tidak sebanding. Nilai total memakai bobot buku kerja masing-masing; bobot "
        "yang berbeda dari berkas lain dalam set yang sama disebut di Catatan dan Masalah.")
    add("Dilewati", "Berkas yang tidak dapat dibaca (rusak, bukan buku kerja xlpokja, ditolak "
        "Hitung) atau templat lain tidak direkap; alasannya di sheet Berkas dan Masalah. "
        "Perbaiki berkas itu (tekan Hitung untuk melihat masalahnya), lalu rekap lagi.")
    add()
    sheets = [(POKJA, POKJA_COLUMNS)] if r.pokja_records else []
    if r.round_records or r.not_compared:
        sheets.append((PUTARAN, ROUND_COLUMNS))
    sheets += [(s.sheet, unit_columns(s.aspects)) for s in r.sets]
    sheets += [(BERKAS, FILE_COLUMNS), (MASALAH, PROBLEM_COLUMNS)]
    for name, cols in sheets:
        add(f"KOLOM SHEET {name.upper()}", kind="head")
        for c in cols:
            add(c.header, c.note)
        add()
    row = 1
    for kind, a, b in lines:
        ca, cb = ws.cell(row=row, column=1, value=a or None), ws.cell(row=row, column=2,
                                                                      value=b or None)
        if kind == "title":
            ca.font = st["title"]
        elif kind == "head":
            ca.font = st["bold"]
        else:
            ca.alignment, cb.alignment = st["top"], st["wrap"]
            if kind == "sub":
                cb.font = st["sub"]
        n = _lines(b, ws.column_dimensions["B"].width) if b else 1
        if n > 1:  # wrapped: as high as its lines
            ws.row_dimensions[row].height = _height(n)
        row += 1
    _printable(ws, landscape=False)


def _band_rule() -> str:
    """The band rule in words, from :data:`xlpokja.core.bands.BOUNDARIES`."""
    def num(x: float) -> str:
        return f"{x:.2f}".replace(".", ",")

    b = BOUNDARIES
    parts = ["tanpa data → 0", f"di bawah {num(b[0])} → 1"]
    parts += [f"{num(lo)}–{num(hi - 0.01)} → {k}" for k, (lo, hi) in
              enumerate(zip(b, b[1:]), start=2)]
    parts.append(f"{num(b[-1])} ke atas → {len(b) + 1}")
    return "; ".join(parts)
