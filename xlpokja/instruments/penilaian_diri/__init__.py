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
    value_tables,
)


def gabung(book, res, **options):  # noqa: ANN001, ANN003, ANN201
    """The Gabung button: :func:`xlpokja.merge.merge.gabung` (then Hitung runs)."""
    from xlpokja.merge.merge import gabung as merge_into

    return merge_into(book, res, **options)


__all__ = [
    "BUTTONS", "FILE_NAME", "GENERATED", "REQUIRED_SHEETS", "SHEETS", "TEMPLATE_ID",
    "TEMPLATE_VERSION", "extents", "gabung", "formula_cells", "grown_note", "layout_json", "read",
    "result_json", "resume_text", "value_tables",
]
