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

#: template id -> the instrument's template interface (its package)
TEMPLATES: dict[str, ModuleType] = {
    name: import_module(f"{__name__}.{name}") for name in INSTRUMENTS}
assert all(t.TEMPLATE_ID == name for name, t in TEMPLATES.items())


def builds() -> dict[str, Callable[[Path], Path]]:
    """Every workbook file ``xlpokja build`` writes -> the builder writing its sheets and VBA
    (the builders import openpyxl, so they are loaded only here; the headless host fills
    the values and buttons: :mod:`xlpokja.hosts.headless.build`)."""
    out: dict[str, Callable[[Path], Path]] = {}
    for name in INSTRUMENTS:
        out.update(import_module(f"{__name__}.{name}.build").BUILDS)
    return out
