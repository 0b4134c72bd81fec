"""Headers to items, answer labels to numbers, tables to respondents' rows
(xlpokja/merge/columns.py), on grids built here: hand-checkable cases and properties."""

from __future__ import annotations

import math
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xlpokja.core.bands import LABELS
from xlpokja.core.problems import WARNING, XlpokjaError
from xlpokja.core.values import XlDate, XlError
from xlpokja.instruments.penilaian_diri.calc import COMPONENTS, ITEM_KEYS, ITEMS
from xlpokja.merge.columns import (
    BLANK,
    ITEM,
    METADATA,
    PROVENANCE,
    RESPONDENT,
    SUBMISSION_ID,
    SUBMITTED,
    UNKNOWN,
    answer_value,
    find_table,
    is_answer,
    map_header,
    mapping_lines,
    mapping_records,
    table_rows,
)
from xlpokja.merge.model import Grid

TEXT = {it.key: it.text for it in ITEMS}
GRID_TITLE = {c.key: c.form_name for c in COMPONENTS}


# --------------------------------------------------------------------------- headers

@pytest.mark.parametrize("header,key,how", [
    ("A1", "A1", "key"), (" a1 ", "A1", "key"), ("A 1", "A1", "key"), ("b.8", "B8", "key"),
    ("F-5", "F5", "key"), ("D07", "D7", "key"),
    ("grp_a/A1", "A1", "path"), ("A/A1", "A1", "path"), ("penilaian/grp_b/B3", "B3", "path"),
    ("grp_e-E2", "E2", "path"),
    ("A1. Organisasi dapat mengidentifikasi stakeholders utama", "A1", "lead"),
    ("A1 - Organisasi dapat …", "A1", "lead"), ("C4: informasi", "C4", "lead"),
    ("Organisasi dapat mengidentifikasi stakeholders utama", "A1", "text"),
    ("  ORGANISASI   dapat mengidentifikasi “stakeholders” utama!!", "A1", "text"),
    ("Rapat Pokja memberikan peluang untuk saling berbagi pengalaman gagasan dan saran antar "
     "anggota", "D2", "text"),
    ("Hubungan dengan stakeholders utama/Organisasi dapat membedakan harapan stakeholders",
     "A2", "text_path"),
    ("grp_b/Pokja mengembangkan kepedulian/pemahaman tentang AMPL diantara para stakeholders",
     "B2", "text_path"),
    ("12. Stakeholders terlibat dalam identifikasi isu-isu", "A3", "text_number"),
    ("Hubungan dengan stakeholders utama [Organisasi dapat mengidentifikasi stakeholders "
     "utama]", "A1", "grid"),
    ("Sistem Informasi [C5]", "C5", "grid"),
])
def test_item_headers(header, key, how):
    role = map_header(header)
    assert (role.kind, role.key, role.how) == (ITEM, key, how)


@pytest.mark.parametrize("header,kind,rank", [
    ("Responden", RESPONDENT, 0), ("Kode responden", RESPONDENT, 0), ("Kode", RESPONDENT, 0),
    ("Nama / kode responden", RESPONDENT, 0), ("NAMA", RESPONDENT, 1),
    ("identitas/nama", RESPONDENT, 1), ("Nama / kode responden (boleh anonim)", RESPONDENT, 0),
    ("Kode responden [wajib]:", RESPONDENT, 0),
    ("_uuid", SUBMISSION_ID, 0), ("ID kiriman", SUBMISSION_ID, 0),
    ("meta/instanceID", SUBMISSION_ID, 1), ("instanceID", SUBMISSION_ID, 1),
    ("meta-instanceID", SUBMISSION_ID, 1), ("KEY", SUBMISSION_ID, 2),
    ("_submission_time", SUBMITTED, 0), ("Timestamp", SUBMITTED, 0),
    ("Stempel waktu", SUBMITTED, 0), ("Waktu kiriman", SUBMITTED, 0),
    ("SubmissionDate", SUBMITTED, 0), ("end", SUBMITTED, 9),
    ("Sumber: berkas", PROVENANCE, 0), ("Sumber: baris", PROVENANCE, 0),
    ("Waktu berkas", PROVENANCE, 0),
    *[(h, METADATA, 0) for h in (
        "start", "today", "deviceid", "username", "phonenumber", "simserial", "subscriberid",
        "audit", "_id", "_index", "_validation_status", "_notes", "_status", "_submitted_by",
        "__version__", "_version_", "_tags", "_xform_id_string", "formhub/uuid",
        "meta/rootUuid", "meta/deprecatedID", "_geolocation", "_attachments", "_parent_index",
        "Email Address", "Alamat email", "Score", "Skor", "Nilai total", "SubmitterName")],
    (None, BLANK, 0), ("   ", BLANK, 0),
])
def test_role_headers(header, kind, rank):
    role = map_header(header)
    assert (role.kind, role.rank) == (kind, rank)


@pytest.mark.parametrize("header,how", [
    ("Catatan", ""), ("B9", "no_item"), ("A7", "no_item"), ("G1", "no_item"),
    ("A2 - Organisasi dapat mengidentifikasi stakeholders utama", "conflict"),
    ("A. Hubungan dengan stakeholders utama", ""), ("Organisasi dapat", ""), (3.0, ""),
    ("JAWABAN — satu baris per lembar penilaian", ""),
])
def test_unknown_headers(header, how):
    role = map_header(header)
    assert (role.kind, role.how) == (UNKNOWN, how)


_SEPARATORS = st.sampled_from([" ", "  ", "\t", "\n", " - ", ", ", ". ", "; ", " / ", "_",
                               "\u00a0", " “", "” ", " ‘", "’ ", "(", ") ", "! "])


@st.composite
def respelled(draw, text: str) -> str:
    """``text`` with every letter's case drawn, the words joined by drawn spacing and
    punctuation, its own punctuation dropped or kept, and punctuation around it."""
    words = re.findall(r"\w+", text)
    out = draw(st.sampled_from(["", " ", "“", "\"", "  ("]))
    for i, w in enumerate(words):
        w = "".join(ch.upper() if draw(st.booleans()) else ch.lower() for ch in w)
        out += w + (draw(_SEPARATORS) if i < len(words) - 1 else "")
    return out + draw(st.sampled_from(["", ".", "?", "”", " :", ")  ", "…"]))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_spelling_of_a_statement_maps_to_its_item(data):
    it = data.draw(st.sampled_from(ITEMS))
    spelled = data.draw(respelled(it.text))
    role = map_header(spelled)
    assert (role.kind, role.key) == (ITEM, it.key), spelled
    grid = f"{GRID_TITLE[it.component]} [{spelled}]"
    assert map_header(grid).key == it.key, grid
    path = f"grp_{it.component.lower()}/{spelled}"
    assert map_header(path).key == it.key, path


def test_no_two_statements_collide():
    assert len({map_header(it.text).key for it in ITEMS}) == 36


# --------------------------------------------------------------------------- answers

@pytest.mark.parametrize("raw,value", [
    (3, 3), (3.0, 3.0), (0, 0), ("3", 3), ("3.0", 3), ("3,0", 3), (" 3 ", 3), ("0", 0),
    ("3 - cukup", 3), ("3. cukup", 3), ("3 (cukup)", 3), ("(3) cukup", 3), ("3 = cukup", 3),
    ("3: cukup", 3), ("3 – cukup", 3), ("[4] baik", 4),
    ("buruk sekali", 0), ("Baik Sekali", 5), ("0 - buruk sekali", 0), ("5 baik sekali", 5),
    *[(LABELS[b], b) for b in range(1, 6)], (f"{4} - {LABELS[4]}", 4),
])
def test_answers_read_as_numbers(raw, value):
    got, note = answer_value(raw)
    assert got == value and is_answer(got)
    assert type(got) is type(value)
    assert bool(note) == (isinstance(raw, str) and any(ch.isalpha() for ch in raw))


BLANK_TOKENS = ["", "  ", "n/a", "na", "N/A", "NA", "-", "—", "tidak tahu", "Tidak Tahu",
                "tidak menjawab", "tidak dapat dikaji", LABELS[0], LABELS[0].upper()]


@pytest.mark.parametrize("raw", [None, *BLANK_TOKENS])
def test_blank_tokens_are_blank(raw):
    assert answer_value(raw)[0] is None


@pytest.mark.parametrize("raw", [
    "cukup", "sangat baik", "3 cukup", "3 - baik sekali", "5 - buruk sekali", "7 - cukup",
    "3 - tidak tahu", "3.5 - cukup", "1.000", "1,000", "=1+2", "(3)", "nan", "?", "3/5",
])
def test_other_texts_stay_as_found(raw):
    assert answer_value(raw) == (raw, "")


@pytest.mark.parametrize("raw,value", [
    (7, 7), (-1, -1), (2.5, 2.5), ("7", 7), ("-1", -1), ("2,5", 2.5), ("2.5", 2.5),
    ("10", 10), (True, True), (False, False), ("#N/A", XlError("#N/A")),
    (" #div/0! ", XlError("#DIV/0!")), (XlError("#REF!"), XlError("#REF!")),
    (XlDate(45600.0, "2024-11-03"), XlDate(45600.0, "2024-11-03")),
])
def test_non_answers_keep_their_value(raw, value):
    got, _ = answer_value(raw)
    assert got == value and type(got) is type(value)
    assert not is_answer(got)


@settings(max_examples=400, deadline=None)
@given(token=st.sampled_from(BLANK_TOKENS[2:]), pad_l=st.sampled_from(["", " ", "\t", "  "]),
       pad_r=st.sampled_from(["", " ", "\n"]), flips=st.lists(st.booleans(), min_size=60,
                                                               max_size=60))
def test_a_blank_token_is_never_zero(token, pad_l, pad_r, flips):
    spelled = "".join(ch.upper() if f else ch.lower() for ch, f in zip(token, flips))
    value, _ = answer_value(pad_l + spelled + pad_r)
    assert value is None


_NON_SCALE = st.one_of(
    st.integers(min_value=-10**9, max_value=10**9).filter(lambda x: x not in range(6)),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12).filter(
        lambda x: x not in range(6)),
)


@settings(max_examples=500, deadline=None)
@given(x=_NON_SCALE, label=st.sampled_from(["", " - cukup", ". baik", " (kurang)"]))
def test_a_non_scale_number_never_maps_into_the_scale(x, label):
    texts = [str(x), f"{x:.2f}", f"{x:.2f}".replace(".", ","), f"{x:.3f}".replace(".", ",")]
    for raw in [x, *[t + label for t in texts]]:
        value, _ = answer_value(raw)
        assert not is_answer(value) or (isinstance(raw, str) and value == _rounded(raw)), raw


def _rounded(text: str) -> float:
    """What a two-decimal text of x says (x = 2.999 printed "3.00" is 3: the text, not x)."""
    m = re.match(r"-?\d+(?:[.,]\d{1,2})?(?![\d.,])", text)
    return float(m.group(0).replace(",", ".")) if m else math.nan


@settings(max_examples=200, deadline=None)
@given(v=st.integers(0, 5), form=st.sampled_from(
    ["{v}", "{v}.0", "{v},0", " {v} ", "{v} - x", "{v}. x", "{v} (x)", "({v}) x", "{v} = x"]))
def test_a_scale_number_in_any_accepted_form_is_that_number(v, form):
    assert answer_value(form.format(v=v))[0] == v


# --------------------------------------------------------------------------- tables

def grid(rows, file="kobo.csv", sheet=""):
    return Grid(file, sheet, [list(r) for r in rows], mtime="2026-11-03T12:00:00")


def full_header(key_of=lambda k: k):
    return [key_of(k) for k in ITEM_KEYS]


def test_a_small_kobo_table_hand_checked():
    head = ["start", "_uuid", "grp_a/A1", "grp_a/A2", "_submission_time", "Nama", None, "end"]
    g = grid([head,
              ["s", "u1", "3", "n/a", "2026-11-03T10:00", "Ani", None, "e"],
              ["s", "u2", "5 - baik sekali", "7", "2026-11-03T10:05", "Budi", None, "e"],
              [None] * 8,
              [None, None, None, None, None, None, None, None],
              ["s", "u1", "3", "", "2026-11-03T10:09", "Ani", None, "e"]])
    t = find_table(g)
    assert t.header_row == 1 and t.items == {"A1": 2, "A2": 3}
    assert t.submission_id == 1 and t.submitted == 4 and t.respondent == [5]
    assert t.missing == [k for k in ITEM_KEYS if k not in ("A1", "A2")]
    assert mapping_lines(t) == [
        'kolom A "start" → metadata, dilewati',
        'kolom B "_uuid" → ID kiriman',
        'kolom C "grp_a/A1" → A1 (kunci dalam jalur grup)',
        'kolom D "grp_a/A2" → A2 (kunci dalam jalur grup)',
        'kolom E "_submission_time" → waktu kiriman',
        'kolom F "Nama" → responden',
        'kolom H "end" → waktu kiriman lain, dilewati',
        "34 butir tidak ada di sumber: jawabannya kosong: " + ", ".join(t.missing),
    ]
    assert mapping_lines(t, "en")[1] == 'column B "_uuid" → submission id'
    rows, problems = table_rows(t)
    assert [r.row for r in rows] == [2, 3, 6]  # the empty stretch does not end the table
    assert [r.respondent for r in rows] == ["Ani", "Budi", "Ani"]
    assert [r.answers[:2] for r in rows] == [[3, None], [5, 7], [3, None]]
    assert all(a is None for r in rows for a in r.answers[2:])
    assert rows[0].cells[:3] == ["C2", "D2", ""] and rows[0].respondent_cell == "F2"
    assert rows[0].notes == ["'n/a' dibaca kosong (A2)"]
    assert rows[1].notes == ["'5 - baik sekali' dibaca 5 (A1)"]
    assert (rows[0].submission_id, rows[0].submitted) == ("u1", "2026-11-03T10:00")
    assert rows[0].mtime == "2026-11-03T12:00:00" and rows[0].file == "kobo.csv"
    assert [(p.code, p.sheet, p.cell, p.severity) for p in problems] == [
        ("JAWABAN_SUMBER_TIDAK_SAH", "kobo.csv", "D3", WARNING),
        ("KIRIMAN_GANDA", "kobo.csv", "B6", WARNING)]
    assert problems[0].found == "'7'"  # the source cell as it is (a CSV holds text)
    assert "B2" in problems[1].found and "'u1'" in problems[1].found


def test_header_under_a_title_and_component_row():
    g = grid([["JAWABAN — satu baris per lembar penilaian"], ["Isi nilai 0–5 …"],
              [None, "A. Hubungan dengan stakeholders utama"],
              ["Responden", *full_header()],
              ["R01", *[3] * 36]], "pokja.xlsm", "Jawaban")
    t = find_table(g)
    assert t.header_row == 4 and t.missing == []
    rows, problems = table_rows(t)
    assert rows[0].row == 5 and rows[0].answers == [3] * 36 and problems == []
    assert rows[0].cells[-1] == "AK5" and rows[0].sheet == "Jawaban"


def test_not_a_table():
    assert find_table(grid([["Judul"], ["Responden", "Nama"], ["R1", "x"]])) is None
    assert find_table(grid([])) is None
    # a printed form or a tabulation: key and statement on one row, the next item below
    form = [["LEMBAR PENILAIAN"], [None], ["A", "Hubungan dengan stakeholders utama", "Nilai"],
            *[[it.key, it.text, None] for it in ITEMS[:6]],
            [None], ["B", "Komunikasi"], *[[it.key, it.text, 3] for it in ITEMS[6:14]]]
    assert find_table(grid(form)) is None
    keys_only = [["Butir", "Nilai"], *[[k, 3] for k in ITEM_KEYS]]
    assert find_table(grid(keys_only)) is None
    # statements without keys, the answer beside them: the last of a component too
    no_keys = [[it.text, None, 3] for it in ITEMS[:6]] + [[None], ["Komunikasi"]] + [
        [it.text, None, 3] for it in ITEMS[6:14]]
    assert find_table(grid(no_keys)) is None
    # the header is searched in the first 30 rows only
    assert find_table(grid([[None]] * 30 + [["A1"], [3]])) is None
    assert find_table(grid([[None]] * 29 + [["A1"], [3]])).header_row == 30


def test_unmapped_columns_stop_the_import_one_problem_each():
    g = grid([["Responden", "A1", "Catatan", None, "B9", "A2", None],
              ["R1", 3, "baik", None, 4, 2, None],
              ["R2", 3, None, "x", None, 2, None]], "data/kuesioner.xlsx", "Lembar1")
    with pytest.raises(XlpokjaError) as e:
        find_table(g)
    probs = e.value.problems
    assert [(p.code, p.sheet, p.cell) for p in probs] == [
        ("KOLOM_SUMBER_TIDAK_DIKENAL", "data/kuesioner.xlsx [Lembar1]", "C1"),
        ("KOLOM_SUMBER_TIDAK_DIKENAL", "data/kuesioner.xlsx [Lembar1]", "D1"),
        ("KOLOM_SUMBER_TIDAK_DIKENAL", "data/kuesioner.xlsx [Lembar1]", "E1")]
    assert probs[0].found == "'Catatan'"
    assert "D3: 'x'" in probs[1].found and '--abaikan "kolom D"' in probs[1].found
    assert "B9 bukan butir K3" in probs[2].found
    text = e.value.message()
    assert "--abaikan" in text and "data/kuesioner.xlsx [Lembar1]!C1" in text
    assert "--abaikan" in e.value.message("en")
    t = find_table(g, ignore=[" catatan ", "KOLOM d", "b9"])
    assert t.items == {"A1": 1, "A2": 5}
    assert [c.use for c in t.columns][2:5] == ["ignored"] * 3
    assert mapping_lines(t)[2] == 'kolom C "Catatan" → diabaikan (--abaikan)'


def test_an_item_named_twice_stops_the_import():
    g = grid([["grp_a/A1", "A2", "A1. Organisasi dapat mengidentifikasi stakeholders utama"],
              [3, 3, 4]])
    with pytest.raises(XlpokjaError) as e:
        find_table(g)
    (p,) = e.value.problems
    assert (p.code, p.cell, p.expected) == ("BUTIR_SUMBER_GANDA", "C1", "A1")
    assert "kolom A 'grp_a/A1'" in p.found and "kolom C 'A1. Organisasi" in p.found
    t = find_table(g, ignore=["grp_a/A1"])
    assert t.items == {"A1": 2, "A2": 1}
    assert table_rows(t)[0][0].answers[:2] == [4, 3]


def test_bad_answers_are_kept_and_reported_at_the_source_cell():
    date = XlDate(46329.0, "2026-11-03")
    g = grid([["Kode responden", "A1", "A2", "A3", "A4", "A5", "A6", "B1"],
              ["R1", "sangat baik", 7, XlError("#N/A"), 2.5, date, True, "tidak tahu"]],
             "kobo.xlsx", "Data")
    rows, problems = table_rows(find_table(g))
    assert rows[0].answers[:7] == ["sangat baik", 7, XlError("#N/A"), 2.5, date, True, None]
    assert type(rows[0].answers[2]) is XlError and type(rows[0].answers[4]) is XlDate
    assert [(p.code, p.cell, p.severity) for p in problems] == [
        ("JAWABAN_SUMBER_TIDAK_SAH", c, WARNING) for c in ("B2", "C2", "D2", "E2", "F2", "G2")]
    assert [p.found for p in problems] == [
        "'sangat baik'", "7", "#N/A", "2,5", "46.329 (tanggal 2026-11-03)", "TRUE"]
    assert all(p.sheet == "kobo.xlsx [Data]" for p in problems)
    assert "tidak ada yang hilang" in problems[0].message()


def test_duplicate_submissions_are_flagged_not_dropped():
    g = grid([["_uuid", "Responden", "Timestamp", "A1"],
              ["u1", "Ani", "2026-11-03 10:00", 3],
              ["u2", "Budi", "2026-11-03 10:00", 4],
              ["u3", "ani", "2026-11-03 10:00", 3],   # same respondent, same time
              ["u2", "Budi", "2026-11-03 10:00", 4],  # same _uuid (and same time): once
              ["u4", "Ani", "2026-11-03 11:00", 5]])
    rows, problems = table_rows(find_table(g))
    assert len(rows) == 5
    assert [(p.code, p.cell, p.expected) for p in problems] == [
        ("KIRIMAN_GANDA", "B4", "responden dan waktu kiriman unik"),
        ("KIRIMAN_GANDA", "A5", "ID kiriman unik")]
    assert "juga di B2" in problems[0].found and "juga di A3" in problems[1].found


def test_respondent_falls_back_to_the_next_column_and_metadata_only_rows_are_named():
    g = grid([["Nama", "Kode", "A1", "_id"],
              ["Ani", "K1", 3, 1],
              ["Budi", None, 4, 2],
              [None, None, None, 3],
              [None, None, "-", 4]])
    t = find_table(g)
    assert t.respondent == [1, 0]  # a code before a name
    rows, problems = table_rows(t)
    assert [(r.respondent, r.respondent_cell) for r in rows] == [
        ("K1", "B2"), ("Budi", "A3"), (None, "B5")]
    assert rows[2].answers[0] is None and rows[2].notes == ["'-' dibaca kosong (A1)"]
    assert [(p.code, p.cell) for p in problems] == [("BARIS_SUMBER_TANPA_JAWABAN", "D4")]
    lines = mapping_lines(t)
    assert lines[0] == 'kolom A "Nama" → responden (bila kolom responden pertama kosong)'
    assert lines[1] == 'kolom B "Kode" → responden'


def test_no_respondent_column_is_said():
    t = find_table(grid([full_header(), [1] * 36]))
    assert mapping_lines(t) == [f'kolom {r.column} "{r.header}" → {r.header} (kunci)'
                                for r in mapping_records(t)[:36]] + [
        "tidak ada kolom responden: kode responden kosong"]
    assert table_rows(t)[0][0].respondent is None


def test_the_jawaban_sheets_provenance_columns():
    head = ["Responden", *full_header(), "Sumber: berkas", "Sumber: sheet", "Sumber: baris",
            "Waktu berkas", "ID kiriman", "Waktu kiriman"]
    g = grid([head,
              ["R1", *[2] * 36, "kobo.csv", None, 7, "2026-11-01T09:00:00", "u7",
               "2026-11-01T08:00"],
              ["R2", *[1] * 36, None, None, None, None, None, None]], "pokja.xlsm", "Jawaban")
    t = find_table(g)
    assert t.provenance == {"berkas": 37, "sheet": 38, "baris": 39, "waktu_berkas": 40}
    rows, problems = table_rows(t)
    assert problems == []
    assert (rows[0].submission_id, rows[0].submitted) == ("u7", "2026-11-01T08:00")
    # a merged row keeps where it first came from (the workbook it passed through: a note)
    assert (rows[0].file, rows[0].sheet, rows[0].row, rows[0].mtime) == (
        "kobo.csv", "", 7, "2026-11-01T09:00:00")
    assert rows[0].notes == ["lewat pokja.xlsm [Jawaban] baris 2"]
    assert (rows[1].file, rows[1].sheet, rows[1].row) == ("pokja.xlsm", "Jawaban", 3)
    assert rows[1].notes == [] and rows[1].submission_id == ""
    assert mapping_lines(t)[37] == 'kolom AL "Sumber: berkas" → asal: berkas (dibawa)'


def test_numbers_and_dates_as_ids_and_times():
    g = grid([["_uuid", "_submission_time", "Responden", "A1"],
              [12345.0, XlDate(46329.5, "2026-11-03 12:00:00"), 7.0, 3]])
    (row,), _ = table_rows(find_table(g))
    assert (row.submission_id, row.submitted, row.respondent) == (
        "12345", "2026-11-03 12:00:00", 7.0)


def test_labels_of_many_cells_give_one_note_per_label():
    g = grid([["Responden", "A1", "A2", "A3"], ["R", "3 - cukup", "3 - cukup", "0 - buruk sekali"]])
    (row,), _ = table_rows(find_table(g))
    assert row.notes == ["'3 - cukup' dibaca 3 (A1, A2)", "'0 - buruk sekali' dibaca 0 (A3)"]


def test_columns_run_without_dataframe_or_excel_libraries():
    """The Gabung button runs this module inside LibreOffice's own Python."""
    code = ("import sys, xlpokja.merge.columns; print(sorted({m.split('.')[0] for m in "
            "sys.modules} & {'pandas', 'numpy', 'openpyxl', 'lxml', 'python_calamine', "
            "'xlwings'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=False)
    assert out.stdout.strip() == "[]", out.stderr
