"""The ranking matrix choosing the isu utama (Matriks Pemeringkatan, K6).

The template interface (see :mod:`xlpokja.layout.common`), from the modules of this folder."""

from xlpokja.instruments.matriks_pemeringkatan.book import (
    buka_kunci,
    kunci_bobot,
    putaran_seri,
    read,
)
from xlpokja.instruments.matriks_pemeringkatan.cells import formula_cells
from xlpokja.instruments.matriks_pemeringkatan.layout import (
    BUTTONS,
    FILE_NAME,
    GENERATED,
    REQUIRED_SHEETS,
    SHEETS,
    TEMPLATE_ID,
    TEMPLATE_VERSION,
    extents,
    grown_note,
    layout_json,
)
from xlpokja.instruments.matriks_pemeringkatan.result import result_json, resume_text, value_tables

__all__ = [
    "BUTTONS", "FILE_NAME", "GENERATED", "REQUIRED_SHEETS", "SHEETS", "TEMPLATE_ID",
    "TEMPLATE_VERSION", "buka_kunci", "extents", "formula_cells", "grown_note",
    "kunci_bobot", "layout_json", "putaran_seri", "read", "result_json", "resume_text",
    "value_tables",
]
