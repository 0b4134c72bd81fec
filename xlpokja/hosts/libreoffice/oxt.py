"""The LibreOffice extension ``xlpokja.oxt``: the buttons' Python side for Calc.

``xlpokja build`` writes it next to the workbooks. A person installs it once
(*Tools → Extension Manager → Add*, or ``unopkg add xlpokja.oxt``); the workbooks' buttons
then run Hitung inside LibreOffice with LibreOffice's own Python — no Python, pip or numpy
to install (LibreOffice on Windows and macOS bundles a Python without either).

Contents (a zip, byte-for-byte the same for the same sources, so ``build --check`` can
compare it)::

    META-INF/manifest.xml        the python/ folder is a script folder
    description.xml              identifier, version, name, LibreOffice 7.0 or later
    description/xlpokja.txt      what it does, in Indonesian (shown by the Extension Manager)
    python/xlpokja_lo.py         the button functions (hosts/libreoffice/xlpokja_lo.py)
    python/pythonpath/xlpokja/   what the buttons import (:func:`xlpokja.hosts.bundle.closure`
                                 of :data:`ROOTS`: core, actions, layout, the instruments
                                 without their builders, this host)

A button's script URL is then
``vnd.sun.star.script:xlpokja.oxt|python|xlpokja_lo.py$hitung?language=Python&location=user:uno_packages``
(``share:uno_packages`` when installed for all users): :data:`SCRIPT_URL`.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

import xlpokja
from xlpokja.hosts.bundle import NOT_ON_ACTION_PATH, PACKAGE_DIR, closure, module_files

OXT_NAME = "xlpokja.oxt"
IDENTIFIER = "org.xlpokja.libreoffice"
ENTRY = "xlpokja_lo.py"
#: ``{name}``: the function of :data:`ENTRY`; ``{location}``: ``user`` or ``share``
SCRIPT_URL = ("vnd.sun.star.script:" + OXT_NAME + "|python|" + ENTRY +
              "${name}?language=Python&location={location}:uno_packages")
#: where the carried code starts (:func:`xlpokja.hosts.bundle.closure`; every instrument
#: is added)
ROOTS = ("xlpokja.hosts.libreoffice.macro", "xlpokja.actions")
#: modules LibreOffice's own Python provides
PROVIDED = {"uno", "unohelper", "com"}
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="http://openoffice.org/2001/manifest">
 <manifest:file-entry manifest:media-type="application/vnd.sun.star.framework-script"
   manifest:full-path="python/"/>
</manifest:manifest>
"""

DESCRIPTION = """<?xml version="1.0" encoding="UTF-8"?>
<description xmlns="http://openoffice.org/extensions/description/2006"
  xmlns:d="http://openoffice.org/extensions/description/2006"
  xmlns:xlink="http://www.w3.org/1999/xlink">
 <identifier value="{identifier}"/>
 <version value="{version}"/>
 <display-name>
  <name lang="id">xlpokja: tombol Hitung untuk LibreOffice Calc</name>
  <name lang="en">xlpokja: Hitung buttons for LibreOffice Calc</name>
 </display-name>
 <extension-description>
  <src xlink:href="description/xlpokja.txt" lang="id"/>
 </extension-description>
 <dependencies>
  <l:LibreOffice-minimal-version xmlns:l="http://libreoffice.org/extensions/description/2011"
    value="7.0" l:name="LibreOffice 7.0"/>
 </dependencies>
</description>
"""

TEXT = """Tombol Hitung, Kunci bobot, Buka kunci bobot dan Putaran seri pada workbook xlpokja
(Pokja AMPL) dijalankan di LibreOffice Calc dengan Python bawaan LibreOffice: tidak perlu
memasang Python, pip atau numpy. Perhitungannya sama dengan di Excel dan mode headless.
Versi {version}.
"""


def _package_files() -> list[tuple[str, Path]]:
    """(path inside ``pythonpath/xlpokja``, file) of every module the buttons import.
    Refuses (:class:`RuntimeError`) a third-party import LibreOffice's Python lacks (no pip,
    no numpy there), except inside a function no button reaches."""
    names, eager, lazy = closure(ROOTS)
    missing = sorted((eager | lazy) - PROVIDED - set(NOT_ON_ACTION_PATH))
    if missing:
        raise RuntimeError(f"LibreOffice extension: the buttons' code imports {missing}, "
                           "which LibreOffice's own Python does not have")
    files = module_files()
    return [(files[n].relative_to(PACKAGE_DIR).as_posix(), files[n]) for n in names]


def contents() -> dict[str, bytes]:
    """Every entry of the extension, by its path inside the zip."""
    version = xlpokja.__version__
    here = Path(__file__).parent
    files = {
        "META-INF/manifest.xml": MANIFEST.encode(),
        "description.xml": DESCRIPTION.format(identifier=IDENTIFIER, version=version).encode(),
        "description/xlpokja.txt": TEXT.format(version=version).encode(),
        f"python/{ENTRY}": (here / ENTRY).read_bytes(),
    }
    for rel, path in _package_files():
        files[str(PurePosixPath("python/pythonpath/xlpokja") / rel)] = path.read_bytes()
    return files


def write_oxt(out: Path) -> Path:
    """Write the extension to ``out`` (entries sorted, fixed times: reproducible)."""
    out = Path(out)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in sorted(contents().items()):
            info = zipfile.ZipInfo(name, _FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return out


def differences(committed: Path) -> list[str]:
    """What differs between the extension the sources make and ``committed``."""
    committed = Path(committed)
    if not committed.is_file():
        return [f"{committed}: missing (run xlpokja build)"]
    want = contents()
    with zipfile.ZipFile(committed) as zf:
        have = {n: zf.read(n) for n in zf.namelist()}
    bad = sorted(set(want) ^ set(have)) + sorted(n for n in want.keys() & have.keys()
                                                 if want[n] != have[n])
    return [f"{committed}: {n} differs" for n in bad[:10]] + (
        [f"{committed}: {len(bad) - 10} more entries differ"] if len(bad) > 10 else [])
