"""MPS programme priorities (Penetapan Program Prioritas, K7).

The template interface (see :mod:`xlpokja.layout.common`), from the modules of this folder."""

from xlpokja.instruments.prioritas_mps.cells import formula_cells
from xlpokja.instruments.prioritas_mps.layout import (
    BUTTONS,
    FILE_NAME,
    GENERATED,
    REQUIRED_SHEETS,
    SHEETS,
    TEMPLATE_ID,
    TEMPLATE_VERSION,
    buka_kunci,
    extents,
    grown_note,
    kunci_bobot,
    layout_json,
    putaran_seri,
    read,
)
from xlpokja.instruments.prioritas_mps.result import (
    result_json,
    resume_text,
    value_cells,
    value_tables,
)

__all__ = [
    "BUTTONS", "FILE_NAME", "GENERATED", "REQUIRED_SHEETS", "SHEETS", "TEMPLATE_ID",
    "TEMPLATE_VERSION", "buka_kunci", "extents", "formula_cells", "grown_note",
    "kunci_bobot", "layout_json", "putaran_seri", "read", "result_json", "resume_text",
    "value_cells", "value_tables",
]
