"""Which files a Gabung reads: the files and folders a person named (no third-party library,
so every host, LibreOffice's Python too, lists them the same way)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from xlpokja.core.problems import WARNING, Problem

#: the file kinds Gabung reads (the case of the suffix does not matter)
SUFFIXES = (".xlsx", ".xlsm", ".ods", ".csv")


def _skipped(name: str) -> bool:
    """Lock files and backups that sit beside workbooks: ``~$x.xlsx`` (Excel),
    ``.~lock.x.ods#`` (LibreOffice), hidden files, ``x.bak.xlsm`` (``--in-place``)."""
    return name.startswith(("~$", ".")) or ".bak." in name


def collect(paths: Iterable[str | os.PathLike[str]], exclude: Iterable[Path] = ()
            ) -> tuple[list[tuple[Path, str]], list[str]]:
    """The files to read, in a stable order, each with the name Gabung records for it.

    A file is named by its file name; a folder's files (its subfolders too, sorted) by
    their path from the folder, under the folder's own name (``formulir/ani.xlsx``), so the
    same command names the same files the same way wherever it is run. ``exclude`` (the
    workbook written into) is never read. Returns ``(files, notes)``: notes say, in
    Indonesian, which files were left out and why. A path that does not exist raises
    :class:`FileNotFoundError`."""
    out: list[tuple[Path, str]] = []
    notes: list[str] = []
    skip = set()
    for e in exclude:
        try:
            skip.add(Path(e).resolve())
        except OSError:
            pass
    seen: set[Path] = set()

    def add(path: Path, name: str) -> None:
        real = path.resolve()
        if real in skip or real in seen:
            return
        if path.suffix.lower() not in SUFFIXES:
            notes.append(f"{name}: dilewati, bukan {', '.join(SUFFIXES)}")
            return
        seen.add(real)
        out.append((path, name))

    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise FileNotFoundError(2, "tidak ditemukan", str(raw))
        if p.is_dir():
            base = p.resolve().name or p.name
            found = []
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in files:
                    if _skipped(f):
                        continue
                    full = Path(root) / f
                    found.append((full, f"{base}/{full.relative_to(p).as_posix()}"))
            for full, name in sorted(found, key=lambda x: x[1]):
                add(full, name)
        else:
            add(p, p.name)
    return out, notes


def unreadable(name: str, why: str) -> Problem:
    """``GABUNG_SUMBER_TIDAK_TERBACA`` for the source file ``name`` (a warning: the other
    files are still merged); ``why`` says what the reader found."""
    return Problem("GABUNG_SUMBER_TIDAK_TERBACA", name, "",
                   "berkas .xlsx, .xlsm, .ods atau .csv yang utuh", why, WARNING)
