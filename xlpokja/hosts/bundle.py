"""The part of this package a host's buttons import, for the hosts that carry their own
copy of it: xlwings Lite (``main.py`` inside the workbook, :mod:`.headless.lite`) and
LibreOffice (the extension, :mod:`.libreoffice.oxt`). Build time only.

The part is the import closure of the host's entry modules and every instrument (loaded by
name), read from the source (``ast``): no headless host, no builders. Third-party imports
are reported so that each builder can refuse what its host cannot install.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Sequence
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # .../xlpokja
#: third-party imports inside functions of shared modules that no button reaches (the
#: headless engines' and the builders' parts): allowed in a carried copy
NOT_ON_ACTION_PATH = {"formulas": "xlpokja.udfs.formulas_functions (headless engine)",
                      "openpyxl": "xlpokja.layout.panel (the builders' chart)"}


def module_files() -> dict[str, Path]:
    """Every module of the package: dotted name -> file."""
    out = {}
    for path in PACKAGE_DIR.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _imports(name: str, path: Path,
             files: dict[str, Path]) -> tuple[set[str], set[str], set[str]]:
    """(xlpokja modules, other top-level modules imported when the module loads, other
    top-level modules imported only inside a function) of ``name``."""
    ours, eager, lazy = set(), set(), set()
    is_pkg = path.name == "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    in_function: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            in_function |= {id(n) for n in ast.walk(node) if n is not node}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            mods = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_pkg else name.split(".")[:-1]
                base = base[:len(base) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            mods = [mod] + [f"{mod}.{a.name}" for a in node.names]
        else:
            continue
        for m in mods:
            if m.split(".")[0] == "xlpokja":
                if m in files:
                    ours.add(m)
            elif m and m.split(".")[0] not in sys.stdlib_module_names | {"__future__"}:
                (lazy if id(node) in in_function else eager).add(m.split(".")[0])
    return ours, eager, lazy


def closure(roots: Sequence[str]) -> tuple[list[str], set[str], set[str]]:
    """(xlpokja modules imported from ``roots`` and every instrument, sorted; third-party
    top-level modules they import when loaded; those imported only inside functions)."""
    from xlpokja.instruments import INSTRUMENTS

    files = module_files()
    todo = [*roots, *(f"xlpokja.instruments.{i}" for i in INSTRUMENTS)]
    seen: set[str] = set()
    eager: set[str] = set()
    lazy: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        parts = name.split(".")
        todo += [".".join(parts[:k]) for k in range(1, len(parts))]  # its packages too
        ours, now, later = _imports(name, files[name], files)
        todo += sorted(ours - seen)
        eager |= now
        lazy |= later
    return sorted(seen), eager, lazy - eager
