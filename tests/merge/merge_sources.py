"""Source files as the field makes them, generated for the Gabung tests (nothing committed):
a KoboToolbox CSV (``;``, group paths, metadata, "n/a", a resubmitted ``_uuid``), a Kobo
XLSX exported with labels, a Google Forms CSV (grid headers), tables saved by Excel.

Every builder takes the answers it writes (:func:`answer_matrix`), so a test compares what
was read with what was written, not with what the reader computes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from pathlib import Path

import openpyxl

from xlpokja.instruments.penilaian_diri.calc import COMPONENTS, ITEM_KEYS, ITEMS

#: the labels a Kobo form designer would give the 0–5 choices
KOBO_LABELS = {0: "0 - buruk sekali", 1: "1 - kurang sekali", 2: "2 - kurang", 3: "3 - cukup",
               4: "4 - baik", 5: "5 - baik sekali"}
COMPONENT_NAME = {c.key: c.form_name for c in COMPONENTS}


def answer_matrix(n: int, seed: int, blank_rate: float = 0.08) -> list[list[int | None]]:
    """n rows of 36 answers 0–5, some blank (None)."""
    rnd = random.Random(seed)
    return [[None if rnd.random() < blank_rate else rnd.randint(0, 5) for _ in ITEM_KEYS]
            for _ in range(n)]


def kobo_path(key: str) -> str:
    """Kobo's header of an item with "include group names": ``grp_a/A1``; component B sits
    in a nested group (``penilaian/grp_b/B1``)."""
    comp = key[0].lower()
    return f"penilaian/grp_{comp}/{key}" if comp == "b" else f"grp_{comp}/{key}"


KOBO_META_BEFORE = ["start", "end", "today", "deviceid", "identitas/nama"]
KOBO_META_AFTER = ["meta/instanceID", "_id", "_uuid", "_submission_time", "_validation_status",
                   "_notes", "_status", "_submitted_by", "__version__", "_tags", "_index"]


def kobo_csv(path: Path, answers: list[list[int | None]], *, duplicate_of: int | None = None,
             blank_as: str = "n/a") -> list[str]:
    """A Kobo CSV export ("XML values and headers", group separator "/", ``;``, every field
    quoted). Blank answers are written as ``blank_as`` on even rows and empty on odd rows.
    ``duplicate_of``: append a resubmission of that row (same ``_uuid``). Returns the
    ``_uuid`` of every data row."""
    header = KOBO_META_BEFORE + [kobo_path(k) for k in ITEM_KEYS] + KOBO_META_AFTER
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    w.writerow(header)
    rows = list(range(len(answers))) + ([duplicate_of] if duplicate_of is not None else [])
    uuids = []
    for n, i in enumerate(rows):
        uid = f"5b1c{i:04d}-7d2e-4c55-9a51-0c3e2f{i:06d}"
        uuids.append(uid)
        start = dt.datetime(2026, 11, 3, 8, 0) + dt.timedelta(minutes=7 * i)
        vals = [("" if i % 2 else blank_as) if v is None else str(v) for v in answers[i]]
        w.writerow([start.isoformat() + ".000+07:00",
                    (start + dt.timedelta(minutes=5)).isoformat() + ".000+07:00",
                    start.date().isoformat(), f"collect:{i:04d}", f"Anggota {i + 1:02d}",
                    *vals, f"uuid:{uid}", str(100 + n), uid,
                    (start + dt.timedelta(hours=1)).isoformat(), "", "", "submitted_via_web",
                    "", "vW9gXxk", "", str(n + 1)])
    path.write_text(out.getvalue(), encoding="utf-8")
    return uuids


def kobo_xlsx_labels(path: Path, answers: list[list[int | None]]) -> None:
    """A Kobo XLSX export with labels: the headers are the statements (component A with its
    group label before a "/"), the answers the choice labels, the time a date cell."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Penilaian Diri Pokja"
    heads = ["start", "end", "Nama / kode responden"]
    for it in ITEMS:
        heads.append(f"{COMPONENT_NAME['A']}/{it.text}" if it.component == "A" else it.text)
    heads += ["_id", "_uuid", "_submission_time", "_validation_status", "_index"]
    ws.append(heads)
    for i, row in enumerate(answers):
        start = dt.datetime(2026, 11, 3, 8) + dt.timedelta(minutes=i)
        ws.append([start.isoformat() + ".000+07:00",
                   (start + dt.timedelta(hours=1)).isoformat() + ".000+07:00",
                   f"R{i + 1:02d}", *[None if v is None else KOBO_LABELS[v] for v in row],
                   200 + i, f"uuid-{i}", start + dt.timedelta(hours=2), None, i + 1])
    wb.save(path)


def google_forms_csv(path: Path, answers: list[list[int | None]]) -> None:
    """A Google Forms response CSV: Timestamp, Email Address, the respondent, one grid per
    component (``Title [statement]``); answers as the choices read: "3", "0 - buruk sekali",
    "5 - baik sekali"."""
    heads = ["Timestamp", "Email Address", "Nama / kode responden"]
    heads += [f"{COMPONENT_NAME[it.component]} [{it.text}]" for it in ITEMS]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(heads)
    for i, row in enumerate(answers):
        vals = ["" if v is None else {0: "0 - buruk sekali", 5: "5 - baik sekali"}.get(v, str(v))
                for v in row]
        w.writerow([f"2026/11/03 {9 + i // 60}:{i % 60:02d}:02 AM GMT+7",
                    f"anggota{i + 1}@contoh.id", f"G{i + 1:02d}", *vals])
    path.write_text(out.getvalue(), encoding="utf-8")


def excel_table(path: Path, answers: list[list[int | None]], *, title: bool = False,
                respondents: list[object] | None = None) -> int:
    """A table saved by Excel: ``Responden`` and the keys (spelled as people type them:
    ``a1``, ``A 2``) in row 1, or under a title and a blank row (row 3). Returns the header
    row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    if title:
        ws.append(["Rekap kuesioner penilaian diri Pokja 2026"])
        ws.append([])
    keys = [k.lower() if j % 3 == 0 else (f"{k[0]} {k[1:]}" if j % 3 == 1 else k)
            for j, k in enumerate(ITEM_KEYS)]
    ws.append(["Responden", *keys])
    for i, row in enumerate(answers):
        who = respondents[i] if respondents else f"R{i + 1:02d}"
        ws.append([who, *row])
    wb.save(path)
    return 3 if title else 1
