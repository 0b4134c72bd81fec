"""The package's imports: no cycles, and they flow one way (core <- layout kits <- instruments
<- actions <- hosts <- command line); an instrument imports no other instrument; the pure
calculations import no Excel, file or dataframe library."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, imported_excel_libraries

from xlpokja.instruments import INSTRUMENTS

PACKAGE = ROOT / "xlpokja"

#: layer of each part of the package: a module imports only from its own layer or below
LAYERS = [
    ("xlpokja.core", 0),
    ("xlpokja.layout", 1),
    ("xlpokja.workbook", 1),
    ("xlpokja.instruments", 2),
    ("xlpokja.merge.model", 1),  # the shapes Gabung's parts share (pure)
    ("xlpokja.merge.readers", 4),  # pandas, python-calamine, the headless package reader
    ("xlpokja.merge.local", 4),
    ("xlpokja.merge", 2),  # pure: the Gabung action of the questionnaire, on every host
    ("xlpokja.actions", 3),
    ("xlpokja.udfs", 3),
    ("xlpokja.hosts", 4),
    ("xlpokja.cli", 5),
    ("xlpokja.api", 5),
    ("xlpokja.rollup", 5),
    ("xlpokja.excel", 5),
    ("xlpokja.__main__", 5),
]


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """Every xlpokja module ``name`` imports, at module level or inside a function."""
    is_pkg = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_pkg else name.split(".")[:-1]
                base = base[:len(base) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            targets = [f"{mod}.{a.name}" if f"{mod}.{a.name}" in MODULES else mod
                       for a in node.names]
        else:
            continue
        found |= {t for t in targets if t in MODULES and t != name}
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _layer(name: str) -> int:
    for prefix, rank in LAYERS:
        if name == prefix or name.startswith(prefix + "."):
            return rank
    return 5  # the package itself


def _instrument(name: str) -> str | None:
    parts = name.split(".")
    return parts[2] if len(parts) > 2 and parts[1] == "instruments" else None


def test_every_module_is_in_a_layer():
    assert "xlpokja.core.scales" in GRAPH and len(GRAPH) > 40
    assert [] == [m for m in GRAPH if m != "xlpokja" and not any(
        m == p or m.startswith(p + ".") for p, _ in LAYERS)]


def test_no_import_cycles():
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(GRAPH[node]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for start in sorted(GRAPH):
        if start not in state:
            visit(start, [start])
    assert [] == cycles


def test_imports_flow_one_way():
    upward = [(a, b) for a, deps in GRAPH.items() for b in deps
              if _layer(b) > _layer(a) and b != "xlpokja"]
    assert [] == sorted(upward)


def test_an_instrument_imports_no_other_instrument():
    crossing = [(a, b) for a, deps in GRAPH.items() for b in deps
                if _instrument(a) and _instrument(b) and _instrument(a) != _instrument(b)]
    assert [] == sorted(crossing)


def test_every_instrument_has_its_folder_files_and_interface():
    from xlpokja.instruments import INTERFACE, TEMPLATES, builds

    for name in INSTRUMENTS:
        folder = PACKAGE / "instruments" / name
        assert {"__init__.py", "calc.py", "layout.py", "build.py"} <= {
            p.name for p in folder.iterdir()}, name
        assert [] == [n for n in INTERFACE if not hasattr(TEMPLATES[name], n)], name
        assert name == TEMPLATES[name].TEMPLATE_ID
    committed = {p.name for p in (ROOT / "workbooks").glob("*.xls[xm]")}
    assert committed == set(builds())  # every workbook is built by one instrument


def test_one_instrument_loads_no_other():
    code = ("import sys, xlpokja.instruments.penilaian_diri.calc; print(sorted({m.split('.')[2] "
            "for m in sys.modules if m.startswith('xlpokja.instruments.')}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert "['penilaian_diri']" == out.stdout.strip(), out.stderr


def test_pure_calculations_import_no_excel_library():
    pure = ["xlpokja.core.scales", "xlpokja.core.bands", "xlpokja.core.problems",
            "xlpokja.core.mcua", "xlpokja.core.stability", "xlpokja.layout.base",
            *[f"xlpokja.instruments.{name}.calc" for name in INSTRUMENTS]]
    assert "[]" == imported_excel_libraries(*pure)
