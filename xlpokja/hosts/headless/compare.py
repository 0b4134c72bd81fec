"""Compare two workbook packages part by part, ignoring timestamps."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

_STAMP = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def same_workbook(a: Path, b: Path) -> str:
    """'' when equal; otherwise a short description of the first difference."""
    if not Path(b).exists():
        return "tidak ada"
    with zipfile.ZipFile(a) as za, zipfile.ZipFile(b) as zb:
        na, nb = sorted(za.namelist()), sorted(zb.namelist())
        if na != nb:
            return f"bagian berbeda: {sorted(set(na) ^ set(nb))}"
        for name in na:
            da, db = za.read(name), zb.read(name)
            if name == "docProps/core.xml":
                da, db = _STAMP.sub(b"", da), _STAMP.sub(b"", db)
            if da != db:
                return f"isi {name} berbeda"
    return ""
