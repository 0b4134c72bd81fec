"""Stakeholder analysis (Tabel 6-1 and 6-2 of the Pokja guide, K1 and K2).

The template interface (see :mod:`xlpokja.layout.common`), from the modules of this folder."""

from xlpokja.instruments.analisis_pemangku.layout import (
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
    value_tables,
)

__all__ = [
    "BUTTONS", "FILE_NAME", "GENERATED", "REQUIRED_SHEETS", "SHEETS", "TEMPLATE_ID",
    "TEMPLATE_VERSION", "extents", "formula_cells", "grown_note", "layout_json", "read",
    "result_json", "resume_text", "value_tables",
]
