"""The self-assessment questionnaire (Lembar Penilaian Diri Sendiri Kelompok Kerja, K3).

The template interface (see :mod:`xlpokja.layout.common`), from the modules of this folder."""

from xlpokja.instruments.penilaian_diri.layout import (
    BUTTONS,
    FILE_NAME,
    GENERATED,
    REQUIRED_SHEETS,
    SHEETS,
    TEMPLATE_ID,
    TEMPLATE_VERSION,
    extents,
    formula_cells,
    grown_note,
    layout_json,
    read,
    result_json,
    resume_text,
    value_cells,
    value_tables,
)

__all__ = [
    "BUTTONS", "FILE_NAME", "GENERATED", "REQUIRED_SHEETS", "SHEETS", "TEMPLATE_ID",
    "TEMPLATE_VERSION", "extents", "formula_cells", "grown_note", "layout_json", "read",
    "result_json", "resume_text", "value_cells", "value_tables",
]
