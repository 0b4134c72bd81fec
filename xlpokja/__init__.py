"""xlpokja: spreadsheet add-in and headless workbook engine for Pokja AMPL.

``xlpokja.read(path)`` gives the result of any xlpokja workbook, with pandas views
(:func:`xlpokja.api.read`). It is loaded on first use, so ``import xlpokja`` stays light:
this file is also carried into LibreOffice and xlwings Lite, whose Python has no pandas."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """``read``: :func:`xlpokja.api.read`, imported when first asked for (by name, so the
    copies the buttons carry, :mod:`xlpokja.hosts.bundle`, do not take the analysts' API)."""
    if name == "read":
        from importlib import import_module

        return import_module("xlpokja.api").read
    raise AttributeError(f"module 'xlpokja' has no attribute {name!r}")
