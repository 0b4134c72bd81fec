"""Reading the sources of a Gabung on a machine with Python's data libraries (headless and
Excel): :func:`xlpokja.merge.files.collect`, then :func:`xlpokja.merge.readers.read_grids`
for each file. LibreOffice reads them through its own filters instead."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from xlpokja.core.problems import Problem, XlpokjaError
from xlpokja.merge import files, readers
from xlpokja.merge.model import Grid


def read_sources(paths: Iterable[str | os.PathLike[str]], exclude: Iterable[Path] = ()
                 ) -> tuple[list[Grid], list[str], list[Problem]]:
    """``(grids, notes, unread)``: every sheet of every file found under ``paths``, the
    files left out and why, and one ``GABUNG_SUMBER_TIDAK_TERBACA`` warning per file that
    could not be read (the others are still merged). Raises :class:`FileNotFoundError`
    for a path that does not exist."""
    found, notes = files.collect(paths, exclude)
    grids: list[Grid] = []
    unread: list[Problem] = []
    for path, name in found:
        try:
            grids += readers.read_grids(path, name)
        except XlpokjaError as e:
            unread.append(files.unreadable(
                name, "; ".join(p.message().rstrip(".") for p in e.problems)))
    return grids, notes, unread
