"""The instruments, one folder each, named by its template id (the same name as the
workbook file, the JSON schema id, the tests and the benchmark). Each folder holds:

* ``calc.py``: the pure calculation (no Excel, file or dataframe library);
* ``layout.py``: the published layout of its sheets, every formula and the core value
  of each formula cell, reading a workbook through the ``Book`` protocol, the JSON result
  and the text résumé (``result.py`` beside it where that part is large);
* ``build.py``: the workbook builder (openpyxl, with :mod:`xlpokja.workbook.kit`), whose
  ``BUILDS`` maps each file of ``workbooks/`` it makes to a function writing it;
* ``examples.py`` where the example data is large.

Adding an instrument: add its folder and one line to ``INSTRUMENTS``.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from types import ModuleType

INSTRUMENTS = (
    "penilaian_diri",
    "analisis_pemangku",
    "asesmen",
    "mcua_stpp",
    "matriks_pemeringkatan",
    "prioritas_mps",
)

#: what every instrument's package offers (optional: value_cells and the other buttons,
#: kunci_bobot, buka_kunci, putaran_seri); see xlpokja/layout/common.py
INTERFACE = ("TEMPLATE_ID", "TEMPLATE_VERSION", "FILE_NAME", "SHEETS", "REQUIRED_SHEETS",
             "GENERATED", "BUTTONS", "read", "formula_cells", "extents", "value_tables",
             "grown_note", "layout_json", "result_json", "resume_text")

_loaded: dict[str, ModuleType] = {}


def template(iid: str) -> ModuleType:
    """The template interface of one instrument (its package), loaded on first use; raises
    ``ImportError`` saying what is missing when the folder does not offer the interface."""
    if iid not in _loaded:
        mod = import_module(f"{__name__}.{iid}")
        missing = [n for n in INTERFACE if not hasattr(mod, n)]
        if missing or mod.TEMPLATE_ID != iid:
            raise ImportError(f"instrument {iid!r}: TEMPLATE_ID {mod.TEMPLATE_ID!r} must be "
                              f"the folder name; missing from __init__.py: {missing}")
        _loaded[iid] = mod
    return _loaded[iid]


def __getattr__(name: str) -> dict[str, ModuleType]:
    """``TEMPLATES``: template id -> the instrument's template interface (its package), every
    instrument loaded when first asked for (one instrument alone: :func:`template`)."""
    if name != "TEMPLATES":
        raise AttributeError(name)
    return {iid: template(iid) for iid in INSTRUMENTS}


#: the individual forms (issue 13): plain ``.xlsx`` files, no macros, buttons or Hitung;
#: template id (custom property ``xlpokja_template``) -> the module describing the form
#: (``FORM_FILE_NAME``, ``FORM_TEMPLATE_ID``, ``FORM_SHEET``, ``formula_cells``,
#: ``is_form``, ``read_form``); built by its instrument's ``BUILDS`` like any workbook
FORMS = {"formulir_penilaian_diri": "penilaian_diri.form"}


def form(template_id: str | None) -> ModuleType | None:
    """The module of the individual form with this template id, or ``None``."""
    name = FORMS.get(template_id or "")
    return import_module(f"{__name__}.{name}") if name else None


def builds() -> dict[str, Callable[[Path], Path]]:
    """Every workbook file ``xlpokja build`` writes -> the builder writing its sheets and VBA
    (the builders import openpyxl, so they are loaded only here; the headless host fills
    the values and buttons: :mod:`xlpokja.hosts.headless.build`)."""
    out: dict[str, Callable[[Path], Path]] = {}
    for name in INSTRUMENTS:
        out.update(import_module(f"{__name__}.{name}.build").BUILDS)
    return out
