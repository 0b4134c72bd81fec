"""The LibreOffice host's pure-Python parts (no soffice needed): the formula grammar, the
filled-down pattern, and a press without a document."""

from __future__ import annotations

import pytest

from xlpokja.hosts.libreoffice.formula import ref_to_excel, row_pattern, to_calc
from xlpokja.hosts.libreoffice.macro import button


@pytest.mark.parametrize(("excel", "calc"), [
    ("IF(1,2,3)", "=IF(1;2;3)"),
    ("COUNTA(Jawaban!B5:B10)", "=COUNTA($Jawaban.B5:B10)"),  # as is, Calc counts 1
    ('MID("a, b; c"&A1,3,999)', '=MID("a, b; c"&A1;3;999)'),  # text untouched
    ("SUM('Lampiran B'!A1:B2,'It''s'!C3)", "=SUM($'Lampiran B'.A1:B2;$'It''s'.C3)"),
    ("IF(A1=\"\",FALSE,TRUE)", "=IF(A1=\"\";FALSE();TRUE())"),
    ("{1,2;3,4}", "={1;2|3;4}"),
    ("_xlfn.IFS(A1,1)", "=IFS(A1;1)"),
])
def test_excel_formula_in_calc_grammar(excel, calc):
    assert to_calc(excel) == calc
    assert to_calc("=" + excel) == calc


@pytest.mark.parametrize("bad", ["Table1[Col]", "SUM(Sheet1:Sheet3!A1)", '"open'])
def test_untranslatable_formula_is_refused(bad):
    with pytest.raises(ValueError):
        to_calc(bad)


def test_defined_name_back_in_excel_grammar():
    assert ref_to_excel("$Jawaban.$A$5:$AK$54") == "Jawaban!$A$5:$AK$54"
    assert ref_to_excel("$Jawaban.$A$5:$Jawaban.$AK$54") == "Jawaban!$A$5:$AK$54"
    assert ref_to_excel("$'Lampiran B'.$A$1") == "'Lampiran B'!$A$1"


def test_row_pattern_tells_filled_down_formulas():
    assert row_pattern('IF(Jawaban!A5="",B$3,C6)', 5) == row_pattern(
        'IF(Jawaban!A9="",B$3,C10)', 9) == 'IF(Jawaban!A[0]="",B$3,C[1])'
    # text is not moved by a fill: "A5" in row 5 and "A6" in row 6 are different formulas
    assert row_pattern('"A5"&A5', 5) != row_pattern('"A6"&A6', 6)
    assert row_pattern("LOG10(A5)", 5) == "LOG10(A[0])"  # a function is not a reference
    assert row_pattern("$A5+A$5", 5) == "$A[0]+A$5"


def test_press_without_a_document_says_so(monkeypatch, tmp_path):
    log = tmp_path / "log.jsonl"
    monkeypatch.setenv("XLPOKJA_LO_LOG", str(log))
    msg = button(None, "hitung")
    assert msg.startswith("Tidak ada buku kerja Calc yang terbuka")
    assert '"error": true' in log.read_text()
