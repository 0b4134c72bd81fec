"""Gabung as a new user would run it (issue 13, "Done when"): 25 individual forms filled with
openpyxl, 5 typed and saved by LibreOffice itself (one with a bad answer, one a duplicate of
another member's form), a KoboToolbox-style export and a Google-Forms-style export of other
members, all merged by ``xlpokja gabung FOLDER -o BUKU``. The résumé equals a calculation
made here from the answers alone; merging again changes nothing; no source is modified."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import random
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import cli_in_process
from tests.hosts.libreoffice.test_libreoffice_roundtrip import SOFFICE, UNO_PYTHON, run_driver
from xlpokja.instruments.penilaian_diri import calc as q
from xlpokja.instruments.penilaian_diri import form as f

ROOT = Path(__file__).resolve().parents[2]
FORM = ROOT / "workbooks" / f.FORM_FILE_NAME
LABELS = {0: "0 - buruk sekali", 1: "1 - kurang sekali", 2: "2 - kurang", 3: "3 - cukup",
          4: "4 - baik", 5: "5 - baik sekali"}


def _answers(rnd: random.Random, blanks: float = 0.05) -> list[int | None]:
    return [None if rnd.random() < blanks else rnd.randint(0, 5) for _ in q.ITEM_KEYS]


def _fill_form(out: Path, code: str, answers: list[object]) -> None:
    wb = openpyxl.load_workbook(FORM)
    ws = wb[f.FORM_SHEET]
    ws[f.RESPONDENT.value_ref] = code
    for s, v in zip(f.STATEMENTS, answers):
        ws[s.answer_ref] = v
    wb.save(out)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def expected_resume(rows: list[list[object]]) -> dict:
    """The résumé computed from the answers alone (decisions.md §8–9): a component is the
    mean of every valid answer (a whole number 0–5) to its items; X the sum; N = X / 6."""
    comps = {}
    for c in q.COMPONENTS:
        keys = [k for k in q.ITEM_KEYS if k[0] == c.key]
        vals = [r[q.ITEM_KEYS.index(k)] for r in rows for k in keys]
        ok = [v for v in vals if isinstance(v, int) and 0 <= v <= 5]
        comps[c.key] = (sum(ok) / len(ok), len(ok))
    x = sum(m for m, _ in comps.values())
    return {"components": comps, "X": x, "N": x / 6, "sheets": len(rows)}


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> tuple[Path, list[list[object]], dict]:
    """The folder of sources and every respondent's answers as the calculation must see
    them (a bad answer as the raw value; duplicates kept)."""
    if SOFFICE is None or UNO_PYTHON is None:
        pytest.skip("LibreOffice with python3-uno is needed for the saved-by-LibreOffice forms")
    tmp = tmp_path_factory.mktemp("gabung")
    folder = tmp / "jawaban_pokja"
    (folder / "formulir").mkdir(parents=True)
    (folder / "formulir_lo").mkdir()
    rnd = random.Random(20261130)
    rows: list[list[object]] = []
    facts: dict = {}
    for i in range(25):
        a = _answers(rnd)
        _fill_form(folder / "formulir" / f"anggota_{i + 1:02d}.xlsx", f"R{i + 1:02d}", a)
        rows.append(a)
    # five forms typed into and saved by LibreOffice: L03 has a 7, L05 repeats R07's form
    jobs = []
    for i in range(5):
        code = f"L{i + 1:02d}" if i < 4 else "R07"
        a = list(rows[6]) if i == 4 else _answers(rnd)
        if i == 2:
            a[10] = 7
            facts["bad_cell"] = f.STATEMENTS[10].answer_ref
        cells = [{"sheet": f.FORM_SHEET, "cell": f.RESPONDENT.value_ref, "value": code}]
        cells += [{"sheet": f.FORM_SHEET, "cell": s.answer_ref, "value": v}
                  for s, v in zip(f.STATEMENTS, a) if v is not None]
        jobs.append({"kind": "fill", "src": str(FORM),
                     "dst": str(folder / "formulir_lo" / f"{code.lower()}_lo.xlsx"),
                     "cells": cells, "filter": "Calc MS Excel 2007 XML"})
        rows.append(a)
    run_driver(jobs, timeout=300)
    # a KoboToolbox export: ';', group paths, metadata, labels, "n/a" for blanks
    kobo = []
    with open(folder / "kobo_export.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["start", "end", "kode_responden",
                    *(f"grp_{k[0].lower()}/{k}" for k in q.ITEM_KEYS),
                    "_id", "_uuid", "_submission_time", "_validation_status", "_index"])
        for j in range(8):
            a = _answers(rnd, 0.1)
            w.writerow(["2026-11-20T09:00:00", "2026-11-20T09:20:00", f"K{j + 1:02d}",
                        *("n/a" if v is None else (LABELS[v] if j % 2 else str(v)) for v in a),
                        1000 + j, f"9f1c{j:04d}-aaaa-bbbb-cccc-0000000000{j:02d}",
                        f"2026-11-20T09:2{j}:00", "", j + 1])
            kobo.append(a)
    rows += kobo
    # a Google Forms export: Timestamp, e-mail, grid headers "Title [statement]"
    with open(folder / "google_forms.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        titles = {c.key: c.form_name for c in q.COMPONENTS}
        w.writerow(["Timestamp", "Email Address", "Nama / kode responden",
                    *(f"{titles[it.component]} [{it.text}]" for it in q.ITEMS)])
        for j in range(6):
            a = _answers(rnd)
            w.writerow([f"11/2{j}/2026 10:0{j}:00", f"anggota{j}@contoh.id", f"G{j + 1:02d}",
                        *("" if v is None else (LABELS[v] if j % 3 == 0 else str(v))
                          for v in a)])
            rows.append(a)
    return folder, rows, facts


def _gabung(capsys, folder: Path, book: Path) -> tuple[int, dict]:
    code, out, err = cli_in_process(capsys, "gabung", folder, "-o", book, "--json",
                                    "--waktu", "2026-11-30T10:00")
    assert code == 0, err
    return code, json.loads(out)


@pytest.mark.libreoffice
def test_everything_merges_into_one_resume_equal_to_the_answers(sources, tmp_path, capsys):
    folder, rows, facts = sources
    before = {p: _sha(p) for p in folder.rglob("*") if p.is_file()}
    book = tmp_path / "pokja.xlsm"
    _code, data = _gabung(capsys, folder, book)
    want = expected_resume(rows)
    assert data["created"] and data["written"]
    assert data["sheets"]["filled"] == want["sheets"] == 44
    for comp in data["components"]:
        mean, n = want["components"][comp["key"]]
        assert comp["mean"] == pytest.approx(mean, abs=1e-12)
        assert comp["n"] == n
    assert data["X"] == pytest.approx(want["X"], abs=1e-12)
    assert data["N"] == pytest.approx(want["N"], abs=1e-12)
    kinds = {s["file"].split("/", 1)[1]: s["kind"] for s in data["gabung"]["sources"]}
    assert kinds["kobo_export.csv"] == "ekspor KoboToolbox/ODK"
    assert kinds["google_forms.csv"] == "ekspor Google Forms"
    assert sum(1 for k in kinds.values() if k == "formulir") == 30
    # the bad answer: named at its source cell, kept in Jawaban, named there by Hitung
    bad = [p for p in data["gabung"]["problems"] if p["code"] == "JAWABAN_SUMBER_TIDAK_SAH"]
    assert [(p["sheet"], p["cell"]) for p in bad] == [
        ("jawaban_pokja/formulir_lo/l03_lo.xlsx [Formulir]", facts["bad_cell"])]
    codes = {p["code"] for p in data["problems"]}
    assert {"NILAI_DI_LUAR_SKALA", "RESPONDEN_GANDA", "JAWABAN_IDENTIK"} <= codes
    # the duplicate is flagged, not dropped: both R07 rows are in Jawaban
    respondents = [a["respondent"] for a in data["gabung"]["added"]]
    assert respondents.count("R07") == 2 and len(respondents) == 44
    # merging again changes nothing, byte for byte; no source was touched
    sha = _sha(book)
    _code, again = _gabung(capsys, folder, book)
    assert not again["written"] and again["gabung"]["present"] == 44
    assert _sha(book) == sha
    assert not (tmp_path / "pokja.bak.xlsm").exists()
    assert before == {p: _sha(p) for p in folder.rglob("*") if p.is_file()}


@pytest.mark.libreoffice
def test_merged_workbook_is_a_normal_questionnaire(sources, tmp_path, capsys):
    """The merged workbook recalculates to the same result, passes ``check`` under both
    engines, and its Gabung sheet logs every source, mapping and problem."""
    from tests.conftest import check_both_engines
    from xlpokja.hosts.headless.recalc import PackageBook
    from xlpokja.instruments.penilaian_diri import layout as pd

    folder, rows, _facts = sources
    book = tmp_path / "pokja.xlsm"
    _gabung(capsys, folder, book)
    check_both_engines([book])
    pb = PackageBook(book)
    log = [r for r in pb.read_block(pd.GABUNG, pd.GABUNG_HEADER_ROW + 1, 6) if any(r)]
    kinds = [r[4] for r in log]
    assert kinds.count("ringkasan") == 32  # 30 forms, 2 exports
    assert kinds.count("pemetaan") > 36 * 2
    assert "masalah" in kinds and all(r[0] == "2026-11-30 10:00:00" for r in log)
    header = pb.read_row(pd.JAWABAN, pd.ANSWERS.header_row)
    assert [header[c.index - 1] for c in pd.PROVENANCE] == [c.header for c in pd.PROVENANCE]
    first = pb.read_block(pd.JAWABAN, pd.ANSWERS.first_data_row, pd.COL_LAST_PROV)[0]
    assert first[0] == "R01" and first[pd.COL_LAST_ITEM:pd.COL_LAST_ITEM + 3] == [
        "jawaban_pokja/formulir/anggota_01.xlsx", f.FORM_SHEET, f.RESPONDENT.row]
    dt.datetime.fromisoformat(first[pd.COL_LAST_ITEM + 3])  # the file's time, ISO 8601
