"""``xlpokja build``: every workbook of ``workbooks/`` from source, without Excel.

The instrument's builder writes the sheets and the VBA module (openpyxl and pyOpenVBA,
:mod:`xlpokja.workbook.kit`); the headless Hitung then fills every cached value and draws
the template's buttons (the same code that repairs them later), so any reader sees
results; last, the xlwings Lite flavour (its code and sheet buttons,
:mod:`xlpokja.hosts.headless.lite`) is added beside the VBA. An individual form (a plain
``.xlsx``) gets none of these, only the cached values of its formulas (:func:`finish_form`).
The file appears atomically, with the permission bits a new file gets.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from xlpokja.hosts.headless import lite
from xlpokja.hosts.headless.package import Package, current_umask
from xlpokja.hosts.headless.recalc import recalc_file
from xlpokja.instruments import builds


def build(name: str, out: Path) -> Path:
    """Write the workbook file ``name`` (a key of :func:`xlpokja.instruments.builds`) to
    ``out``."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=out.suffix, dir=out.parent)
    os.close(fd)
    try:
        builds()[name](Path(tmp))
        os.chmod(tmp, 0o666 & ~current_umask())
        if Path(name).suffix.lower() == ".xlsx":  # an individual form: no Hitung, no Lite
            finish_form(Path(tmp))
        else:
            recalc_file(Path(tmp), Path(tmp), in_place=True, backup=False, fixed_time=True)
            add_lite(Path(tmp), name)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return out


def add_lite(path: Path, name: str) -> None:
    """Add the xlwings Lite flavour to the built workbook ``path`` (in place)."""
    from xlpokja.actions import template_of
    from xlpokja.hosts.headless.recalc import PackageBook

    template = template_of(PackageBook(path))
    pkg = Package(path)
    lite.add(pkg, template, name)
    pkg.save(path, mode=os.stat(path).st_mode)


def finish_form(path: Path) -> None:
    """Finish a built individual form ``path`` (a plain ``.xlsx``, in place): the values of
    its formulas for a blank form cached (so a viewer that does not calculate shows them),
    the time stamps fixed (the same bytes every build), the package as Excel opens it. No
    macros, buttons or Lite parts are added. See :data:`xlpokja.instruments.FORMS`."""
    from xlpokja.hosts.headless.recalc import _modified_as_created
    from xlpokja.instruments import form

    pkg = Package(path)
    layout = form(pkg.custom_property("xlpokja_template"))
    if layout is None:
        raise ValueError(f"{path.name}: not an individual form (xlpokja_template)")
    for cell in layout.formula_cells():
        pkg.sheet(cell.sheet).set(cell.ref, cell.value(None))
    _modified_as_created(pkg)
    pkg.save(path, mode=os.stat(path).st_mode)


def build_all(out_dir: Path) -> list[Path]:
    """Every workbook of ``workbooks/`` into ``out_dir``."""
    return [build(name, Path(out_dir) / name) for name in builds()]


def differences(committed: Path) -> list[str]:
    """What differs between a fresh build and the workbooks in ``committed`` (timestamps
    aside): one line per differing or missing file; empty when they are the same."""
    from xlpokja.hosts.headless.compare import same_workbook

    bad = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in build_all(Path(tmp)):
            diff = same_workbook(path, Path(committed) / path.name)
            if diff:
                bad.append(f"{Path(committed) / path.name}: {diff}")
    return bad
