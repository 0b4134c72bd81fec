"""Weighted aspect assessment (Tabel 3-1 Buku 2, K4; the Kinerja lembaga preset, K10).

The template interface (see :mod:`xlpokja.layout.common`), from the modules of this folder."""

from xlpokja.instruments.asesmen.layout import (
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
