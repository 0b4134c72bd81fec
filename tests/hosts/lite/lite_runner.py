"""Run a workbook's xlwings Lite ``main.py`` as Lite would, in a fresh process (tests only).

Reads one JSON request on stdin: ``{"main": <main.py text>, "scripts": [{"script",
"payload"}], "udfs": [{"func_name", "args"}], "now": ISO time for Kunci bobot}``; writes
``{"scripts": [{"actions", "printed"}], "udfs": [result], "xlpokja_file": …}`` on stdout.

Like Lite: ``XLWINGS_ON_SERVER=true`` (set by the caller) makes ``@script``/``@func`` xlwings'
server decorators; each script runs through xlwings' own dispatcher
``custom_scripts_call`` on ``xlwings.Book(json=payload)`` (the book Lite builds from what Excel
sends), each UDF through ``custom_functions_call`` with the data Office.js sends. The
packages that Lite does not install (:data:`BLOCKED`) cannot be imported here, and the
process does not see the repository: ``xlpokja`` comes from the zip inside ``main.py``.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import sys
import types

#: not in the Lite flavour's requirements.txt: importing them fails, as under Pyodide
BLOCKED = {"formualizer", "formulas", "openpyxl", "pyopenvba", "python_calamine", "lxml",
           "pandas", "oletools"}


class _Blocker:
    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"{name} is not installed under xlwings Lite")
        return None


def main() -> None:
    request = json.load(sys.stdin)
    sys.meta_path.insert(0, _Blocker())
    mod = types.ModuleType("main")
    mod.__file__ = "main.py"
    sys.modules["main"] = mod
    exec(compile(request["main"], "main.py", "exec"), mod.__dict__)
    if request.get("now"):  # Kunci bobot records the time of the press: fix it
        import datetime as dt

        mod._xlpokja()
        import xlpokja.hosts.lite

        fixed = dt.datetime.fromisoformat(request["now"])
        xlpokja.hosts.lite.now = lambda: fixed

    import xlwings as xw
    from xlwings.server import custom_functions_call, custom_scripts_call

    out: dict = {"scripts": [], "udfs": []}
    for call in request.get("scripts", []):
        book = xw.Book(json=call["payload"])
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed):
                asyncio.run(custom_scripts_call(mod, call["script"],
                                                typehint_to_value={xw.Book: book}))
            out["scripts"].append({"actions": book.json()["actions"],
                                   "printed": printed.getvalue()})
        finally:
            book.close()
    for call in request.get("udfs", []):
        data = {"func_name": call["func_name"], "args": call["args"],
                "version": xw.__version__, "client": "Office.js", "runtime": "1.4",
                "culture_info_name": "id-ID", "date_format": "dd/mm/yyyy",
                "caller_address": "Sheet1!A1"}
        out["udfs"].append(asyncio.run(custom_functions_call(data, mod)))
    import xlpokja

    out["xlpokja_file"] = xlpokja.__file__
    out["modules"] = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
