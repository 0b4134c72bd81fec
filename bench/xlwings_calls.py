"""Benchmark (not a test): xlwings calls and time of one Hitung through the xlwings adapter.

    python bench/xlwings_calls.py [--sizes 30,1000,10000]

The questionnaire (``penilaian_diri.xlsm``) is filled with N respondents through the published
layout (as ``bench/run.py`` does), opened in xlwings' remote engine the way a remote client
sends it (``tests/hosts/excel/xlwings_remote.py``), and Hitung runs through ``XlwingsBook`` on a counting
proxy of the ``xlwings.Book``. Counted: every attribute read, attribute write, call and
item access on an xlwings object (each of these is at most one round trip to Excel under
COM: an upper bound), the value/formula transfers among them, and the actions the remote
engine queues for the client. Two runs per size: the first Hitung on the filled file (the
table grows from 50 rows, so the formulas are extended) and Hitung on the grown file.
The counts must not depend on N.

xlwings' remote engine is licence-gated: run the script with a key in the environment, e.g.
``XLWINGS_LICENSE_KEY=noncommercial python bench/xlwings_calls.py`` (the offline key of the
PolyForm Noncommercial licence; the package itself never sets one).
"""

from __future__ import annotations

import argparse
import collections
import inspect
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "hosts" / "excel"))
sys.path.insert(0, str(ROOT / "bench"))

from penilaian_diri import make

#: attribute names whose access moves cell contents between Python and Excel
TRANSFERS = {"value", "formula", "clear_contents"}


class Calls:
    def __init__(self) -> None:
        self.by_kind: collections.Counter[str] = collections.Counter()

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())

    @property
    def transfers(self) -> int:
        return sum(n for k, n in self.by_kind.items() if k.split(" ")[-1] in TRANSFERS)


def _xlwings(obj: Any) -> bool:
    return type(obj).__module__.split(".")[0] == "xlwings"


def _wrap(obj: Any, calls: Calls) -> Any:
    if _xlwings(obj) or (inspect.ismethod(obj) and _xlwings(obj.__self__)):
        return Counting(obj, calls)
    return obj


class Counting:
    """Forwards to an xlwings object, counting each access; what it returns is wrapped
    again when it is an xlwings object (sheets, ranges, names, ...)."""

    def __init__(self, obj: Any, calls: Calls):
        object.__setattr__(self, "_obj", obj)
        object.__setattr__(self, "_calls", calls)

    def __getattr__(self, name: str) -> Any:
        self._calls.by_kind[f"get {name}"] += 1
        return _wrap(getattr(self._obj, name), self._calls)

    def __setattr__(self, name: str, value: Any) -> None:
        self._calls.by_kind[f"set {name}"] += 1
        setattr(self._obj, name, value)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self._calls.by_kind["call"] += 1
        return _wrap(self._obj(*args, **kwargs), self._calls)

    def __getitem__(self, key: Any) -> Any:
        self._calls.by_kind["item"] += 1
        return _wrap(self._obj[key], self._calls)

    def __iter__(self) -> Any:
        self._calls.by_kind["iter"] += 1
        for x in self._obj:
            yield _wrap(x, self._calls)


def hitung_once(xw: Any, src: Path) -> dict[str, Any]:
    from xlwings_remote import payload

    from xlpokja import actions
    from xlpokja.hosts.excel import XlwingsBook

    t0 = time.perf_counter()
    data = payload(src)
    t1 = time.perf_counter()
    book = xw.Book(json=data)
    calls = Calls()
    t2 = time.perf_counter()
    actions.run(XlwingsBook(Counting(book, calls)), "hitung")
    t3 = time.perf_counter()
    queued = book.json()["actions"]
    book.close()
    return {"calls": calls, "actions": len(queued),
            "grew": any(a["func"] in ("namesAdd", "setNameRefersTo") for a in queued),
            "kinds": collections.Counter(a["func"] for a in queued),
            "cells": sum((a["row_count"] or 0) * (a["column_count"] or 0) for a in queued),
            "payload_s": t1 - t0, "hitung_s": t3 - t2}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="30,1000,10000")
    args = ap.parse_args()
    from xlwings_remote import remote_engine

    from xlpokja.hosts.headless.recalc import recalc_file

    if not os.environ.get("XLWINGS_LICENSE_KEY"):
        sys.exit("xlwings' remote engine needs a licence key: set XLWINGS_LICENSE_KEY (e.g. "
                 "'noncommercial', PolyForm Noncommercial 1.0.0) and run again")
    xw = remote_engine(lambda _name, _value: None)
    tmp = Path(tempfile.mkdtemp(prefix="xlpokja-bench-"))
    rows = []
    try:
        for n in (int(s) for s in args.sizes.split(",")):
            src = make(n, tmp)
            first = hitung_once(xw, src)
            grown = tmp / f"grown_{n}.xlsm"
            recalc_file(src, grown)  # the table extended to N rows, as after a first Hitung
            again = hitung_once(xw, grown)
            rows.append((n, first, again))
            print(f"n={n}: first Hitung {first['calls'].total} xlwings calls "
                  f"({first['actions']} actions), {first['hitung_s']:.2f} s; again "
                  f"{again['calls'].total} calls ({again['actions']} actions), "
                  f"{again['hitung_s']:.2f} s", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print()
    print(f"{'respondents':>11} | {'run':<19} | {'xlwings calls':>13} {'transfers':>9} "
          f"{'actions':>7} {'cells sent':>10} | {'Hitung s':>8} {'payload s':>9}")
    for n, first, again in rows:
        for label, r in (("first" + (" (table grows)" if first["grew"] else ""), first),
                         ("grown file", again)):
            print(f"{n:>11} | {label:<19} | {r['calls'].total:>13} {r['calls'].transfers:>9} "
                  f"{r['actions']:>7} {r['cells']:>10} | {r['hitung_s']:>8.2f} "
                  f"{r['payload_s']:>9.2f}")
    print("\nxlwings calls = attribute reads/writes, calls and item accesses on xlwings "
          "objects (upper bound of COM round trips); transfers = value/formula reads and "
          "writes and clears among them; actions = what the remote engine queues for the "
          "client; Hitung s = the button through XlwingsBook on the remote engine; payload s "
          "= building the client's JSON from the file.")
    for n, first, _ in rows[-1:]:
        print(f"\nCalls of the first Hitung, n={n}, by kind:",
              ", ".join(f"{k} {v}" for k, v in sorted(first["calls"].by_kind.items())))
        print("Actions:", dict(first["kinds"]))
    growing = {(a["calls"].total, a["actions"]) for _, a, _ in rows if a["grew"]}
    grown = {(r["calls"].total, r["actions"]) for _, a, b in rows for r in (a, b)
             if not r["grew"]}
    same = len(growing) <= 1 and len(grown) <= 1
    print("\nCounts independent of the number of respondents:", "yes" if same else "NO")


if __name__ == "__main__":
    main()
