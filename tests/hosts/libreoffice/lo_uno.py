#!/usr/bin/env python3
"""Drive LibreOffice Calc over UNO the way a person would: open a workbook, type into cells,
save it as ``.xlsm`` in LibreOffice's own format; or open a workbook and list its buttons and
macro libraries.

Run with the interpreter that has LibreOffice's Python bridge (Debian ``python3-uno``: the
system ``python3``): ``python3 tests/hosts/libreoffice/lo_uno.py < jobs.json``.  Standard
library and ``uno`` only (no project imports): the venv's Python cannot import ``uno``.

Input (stdin, or the first argument: the JSON text or a file holding it)::

    {"jobs": [JOB, ...], "timeout": 300, "soffice": "/path/to/soffice"}

``timeout`` (seconds, whole run): soffice is killed when it is reached, the job under way fails.
soffice always runs with a private profile in a temporary directory and its own pipe name, and
is always ended (terminate, then SIGTERM / SIGKILL to its own process group), even on errors.
Output (stdout): ``{"ok": true, "results": [RESULT, ...], "seconds": {...}}``; a job that fails
gives ``{"error": "..."}`` as its result, the others still run.  Exit code 0 unless soffice could
not be started (then 2, with ``{"ok": false, "error": ...}``).

Jobs
----
``{"kind": "fill", "src": PATH, "dst": PATH, "cells": [CELL, ...]}``
    open ``src`` hidden (document macros never run), type every ``CELL`` in order, save to
    ``dst`` with the filter ``"Calc MS Excel 2007 VBA XML"`` (``.xlsm``), close.
    ``{"sheet": S, "edit": "insert_rows"|"delete_rows"|"insert_cols"|"delete_cols", "at": N,
    "count": 1}`` inserts or deletes rows/columns (1-based ``at``) as the menu does, references
    adjusted.  ``CELL`` = ``{"sheet": "Jawaban", "cell": "B5", "value": 3}``: a number is typed with
    ``setValue``, a string with ``setString``, ``None`` clears the cell; ``"formula": "=..."``
    instead of ``value`` uses ``setFormula`` (LibreOffice's API grammar).
    Result: ``{"dst": PATH, "typed": N, "filter": NAME}``.
``{"kind": "save", "src": PATH, "dst": PATH}``: a fill job without cells (open and save again).
``{"kind": "press", "src": PATH, "dst": PATH, "sheet": S, "macro": "Tombol.Hitung",
"cells": [CELL, ...]}``
    open ``src`` with its macros allowed, type the cells, press the button of ``sheet``
    bound to ``macro`` (its event's script is invoked, as a click does), save to ``dst``.
    Result: ``{"dst", "typed", "script", "press_seconds"}``.  ``"script": URL`` is invoked
    instead when the sheet has no such button (a file written by openpyxl, which drops
    them).  Needs the top-level ``"extension": PATH`` (the ``.oxt``, installed with
    ``unopkg`` into the private profile before soffice starts) and takes
    ``"env": {NAME: VALUE}`` (set for soffice).
``{"kind": "inspect", "path": PATH}``
    open ``path`` hidden and list, per sheet, the form controls on its draw page and the
    document's macro libraries.  Result::

        {"sheets": {SHEET: [{"name", "label", "type", "form", "index", "events":
                             [{"listener", "method", "script_type", "script"}]}]},
         "libraries": {LIB: [MODULE, ...]}, "modules": {LIB: {MODULE: first 400 chars}},
         "vba_mode": bool}
``{"kind": "read", "path": PATH, "cells": [{"sheet", "cell"}]}``
    the value LibreOffice shows: ``{"values": [{"type", "value", "string", "formula"}]}``.

Option ``"formats": true`` on the top-level object prints the export filter names found.
"""
# UNO raises its own exception types through the bridge; a broken control or a dying soffice
# must not stop the listing or the clean-up, hence the broad excepts.
# ruff: noqa: BLE001, S110

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import uuid
from pathlib import Path

import uno  # LibreOffice's bridge: the system python3 with python3-uno
from com.sun.star.beans import PropertyValue

XLSM_FILTER = "Calc MS Excel 2007 VBA XML"
NEVER_EXECUTE = 0  # com.sun.star.document.MacroExecMode.NEVER_EXECUTE
ALWAYS_EXECUTE = 4  # MacroExecMode.ALWAYS_EXECUTE_NO_WARN: a person who trusts the file
CONNECT_SECONDS = 60
OPTIONS: dict = {}  # top-level "options": {"all_shapes": true} lists every shape too


def _props(**kw) -> tuple:
    out = []
    for k, v in kw.items():
        p = PropertyValue()
        p.Name, p.Value = k, v
        out.append(p)
    return tuple(out)


def _url(path: str) -> str:
    return uno.systemPathToFileUrl(str(Path(path).resolve()))


class Office:
    """One private soffice process (own profile, own pipe), always terminated by ``close``."""

    def __init__(self, soffice: str | None = None):
        self.soffice = soffice or shutil.which("soffice") or "soffice"
        self.tmp = tempfile.mkdtemp(prefix="lo_uno_")
        self.pipe = "xlpokja_" + uuid.uuid4().hex
        self.proc: subprocess.Popen | None = None
        self.desktop = None
        self.ctx = None
        self._lock = threading.Lock()
        self.extra_args: list[str] = []  # more -env: settings (the shared extension cache)

    def start(self) -> None:
        profile = Path(self.tmp) / "profile"
        cmd = [self.soffice, "--headless", "--invisible", "--norestore", "--nologo",
               "--nodefault", "--nolockcheck",
               f"--accept=pipe,name={self.pipe};urp;",
               f"-env:UserInstallation={uno.systemPathToFileUrl(str(profile))}",
               *self.extra_args]
        # own session: the whole tree (soffice script, oosplash, soffice.bin) is one group we
        # can end by its id
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     env=office_env(),
                                     stderr=subprocess.DEVNULL, start_new_session=True)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + CONNECT_SECONDS
        last = None
        while time.monotonic() < deadline:
            code = self.proc.poll()
            # the first start with a new profile may restart itself (exit code 81)
            if code not in (None, 0, 81):
                raise RuntimeError(f"soffice exited with {code}")
            try:
                self.ctx = resolver.resolve(
                    f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext")
                break
            except Exception as exc:  # NoConnectException until it listens
                last = exc
                time.sleep(0.25)
        else:
            raise RuntimeError(f"could not connect to soffice: {last}")
        self.desktop = self.ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", self.ctx)

    def install(self, oxt: str) -> str:
        """Install the extension ``oxt`` with ``unopkg`` before :meth:`start`: into this
        profile, or, run as root (where unopkg refuses a user install), ``--shared`` into a
        shared-extension folder of its own in the temporary directory (never the system's).
        Returns the script location the buttons find it in (``user`` or ``share``)."""
        profile = Path(self.tmp) / "profile"
        unopkg = shutil.which("unopkg") or str(Path(self.soffice).resolve().with_name("unopkg"))
        cmd = [unopkg, "add", "--suppress-license",
               f"-env:UserInstallation={uno.systemPathToFileUrl(str(profile))}"]
        where = "user"
        if os.geteuid() == 0:
            shared = uno.systemPathToFileUrl(str(Path(self.tmp) / "shared"))
            cmd += ["--shared", f"-env:UNO_SHARED_PACKAGES_CACHE={shared}"]
            self.extra_args.append(f"-env:UNO_SHARED_PACKAGES_CACHE={shared}")
            where = "share"
        r = subprocess.run([*cmd, str(Path(oxt).resolve())], capture_output=True, text=True,
                           env=office_env(),
                           timeout=180, check=False, stdin=subprocess.DEVNULL)
        if r.returncode != 0:
            raise RuntimeError(f"unopkg add failed ({r.returncode}): {r.stdout} {r.stderr}")
        return where

    def open(self, path: str, macros: bool = False):
        doc = self.desktop.loadComponentFromURL(
            _url(path), "_blank", 0,
            _props(Hidden=True, MacroExecutionMode=ALWAYS_EXECUTE if macros else NEVER_EXECUTE,
                   ReadOnly=False,
                   UpdateDocMode=0))  # 0 = NO_UPDATE: no link updates, no dialogs
        if doc is None:
            raise RuntimeError(f"LibreOffice could not open {path}")
        return doc

    def close(self) -> None:
        """Terminate soffice: politely, then by signal to its process group."""
        try:
            if self.desktop is not None:
                done = threading.Event()

                def _terminate():
                    try:
                        self.desktop.terminate()
                    except Exception:
                        pass  # DisposedException: the bridge went away, as expected
                    done.set()

                t = threading.Thread(target=_terminate, daemon=True)
                t.start()
                done.wait(15)
        finally:
            self.desktop = self.ctx = None
            self.kill(grace=15)
            shutil.rmtree(self.tmp, ignore_errors=True)

    def kill(self, grace: float = 0.0) -> None:
        """End the process group we started: wait ``grace`` seconds for it to exit by
        itself, then SIGTERM, then SIGKILL.  Safe to call twice and from the watchdog."""
        with self._lock:
            proc, self.proc = self.proc, None
            if proc is None:
                return
            if grace:
                try:
                    proc.wait(timeout=grace)
                except subprocess.TimeoutExpired:
                    pass
            # the launcher (soffice script, oosplash) may be gone while soffice.bin lives on
            # in the group: signal the group (its id = the pid of the process we started)
            for sig in (signal.SIGTERM, signal.SIGKILL):
                if not _group_alive(proc):
                    break
                try:
                    os.killpg(proc.pid, sig)
                except ProcessLookupError:
                    break
                deadline = time.monotonic() + 5
                while time.monotonic() < deadline and _group_alive(proc):
                    time.sleep(0.1)


def office_env() -> dict:
    """The environment soffice and unopkg get: ours without any virtual environment (an
    activated venv's ``bin`` first on PATH makes LibreOffice's embedded Python take that
    venv's standard library, another Python build: with PYTHONPATH set, registering a
    Python extension then fails), as a person's LibreOffice runs."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONHOME")}
    env["PATH"] = os.pathsep.join(
        d for d in env.get("PATH", "").split(os.pathsep)
        if d and not (Path(d).parent / "pyvenv.cfg").exists())
    return env


def _group_alive(proc: subprocess.Popen) -> bool:
    proc.poll()  # reap our own child, a zombie still counts as a member
    try:
        os.killpg(proc.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# ------------------------------------------------------------------------------ jobs


def _close_doc(doc) -> None:
    try:
        doc.close(True)
    except Exception:
        try:
            doc.dispose()
        except Exception:
            pass


def job_fill(office: Office, job: dict) -> dict:
    doc = office.open(job["src"])
    try:
        n = _type(doc, job.get("cells", []))
        dst = job["dst"]
        Path(dst).parent.mkdir(parents=True, exist_ok=True)
        filt = job.get("filter", XLSM_FILTER)
        doc.storeToURL(_url(dst), _props(FilterName=filt, Overwrite=True))
        return {"dst": dst, "typed": n, "filter": filt}
    finally:
        _close_doc(doc)


def _type(doc, cells: list[dict]) -> int:
    """Type ``cells`` (see the module docstring) into the open document."""
    sheets = doc.getSheets()
    n = 0
    for c in cells:
        sheet = sheets.getByName(c["sheet"])
        if "edit" in c:  # a structural edit, as Insert/Delete Rows/Columns in the menu
            axis = sheet.getRows() if c["edit"].endswith("rows") else sheet.getColumns()
            protected = sheet.isProtected()
            if protected:  # the person lifts the protection (no password) first
                sheet.unprotect("")
            if c["edit"].startswith("insert"):
                axis.insertByIndex(c["at"] - 1, c.get("count", 1))
            else:
                axis.removeByIndex(c["at"] - 1, c.get("count", 1))
            if protected:
                sheet.protect("")
            n += 1
            continue
        cell = sheet.getCellRangeByName(c["cell"])
        if "formula" in c:
            cell.setFormula(c["formula"])
        else:
            v = c.get("value")
            if v is None:
                cell.setString("")
                cell.clearContents(1 | 2 | 4 | 16)  # VALUE, DATETIME, STRING, FORMULA
            elif isinstance(v, bool):
                cell.setValue(1.0 if v else 0.0)
            elif isinstance(v, (int, float)):
                cell.setValue(float(v))
            else:
                cell.setString(str(v))
        n += 1
    return n


def job_press(office: Office, job: dict) -> dict:
    """Open ``src`` with its macros allowed (as a person who trusts the file), type
    ``cells``, press the button on ``sheet`` bound to ``macro`` (e.g. ``Tombol.Hitung``):
    invoke the script its event is bound to, as a click does; save to ``dst``."""
    doc = office.open(job["src"], macros=True)
    try:
        typed = _type(doc, job.get("cells", []))
        sheet = doc.getSheets().getByName(job["sheet"])
        bound = [e["script"] for c in _controls(sheet) for e in c.get("events", [])
                 if e.get("script", "").split("?")[0].endswith("." + job["macro"])]
        if not bound and job.get("script"):  # a file whose buttons another program dropped
            bound = [job["script"]]
        if not bound:
            raise RuntimeError(f"no button bound to {job['macro']} on {job['sheet']}")
        script = doc.getScriptProvider().getScript(bound[0])
        t = time.monotonic()
        script.invoke((), (), ())
        seconds = time.monotonic() - t
        dst = job["dst"]
        Path(dst).parent.mkdir(parents=True, exist_ok=True)
        doc.storeToURL(_url(dst), _props(FilterName=XLSM_FILTER, Overwrite=True))
        return {"dst": dst, "typed": typed, "script": bound[0], "press_seconds": seconds}
    finally:
        _close_doc(doc)


def _events(form, index: int) -> list[dict]:
    out = []
    try:
        for e in form.getScriptEvents(index):
            out.append({"listener": e.ListenerType, "method": e.EventMethod,
                        "script_type": e.ScriptType, "script": e.ScriptCode})
    except Exception as exc:
        out.append({"error": repr(exc)})
    return out


def _prop(obj, name, default=None):
    try:
        if obj.getPropertySetInfo().hasPropertyByName(name):
            return obj.getPropertyValue(name)
    except Exception:
        pass
    return default


def _controls(sheet) -> list[dict]:
    page = sheet.getDrawPage()
    out = []
    for i in range(page.getCount()):
        shape = page.getByIndex(i)
        entry = {"shape_type": shape.getShapeType()}
        try:
            entry["shape_name"] = shape.getName()
        except Exception:
            pass
        if not shape.supportsService("com.sun.star.drawing.ControlShape"):
            if OPTIONS.get("all_shapes"):
                out.append(entry)
            continue
        model = shape.getControl()
        entry.update({"name": model.Name, "label": _prop(model, "Label"),
                      "type": model.getImplementationName()})
        form = model.getParent()
        entry["form"] = getattr(form, "Name", None)
        idx = None
        for k in range(form.getCount()):
            if form.getByIndex(k) == model:
                idx = k
                break
        entry["index"] = idx
        entry["events"] = _events(form, idx) if idx is not None else []
        try:
            pos, size = shape.getPosition(), shape.getSize()
            entry["rect"] = [pos.X, pos.Y, size.Width, size.Height]
        except Exception:
            pass
        try:
            anchor = shape.getPropertyValue("Anchor")
            a = anchor.getCellAddress() if hasattr(anchor, "getCellAddress") else None
            if a is not None:
                entry["anchor"] = [a.Row, a.Column]
        except Exception:
            pass
        out.append(entry)
    return out


def job_inspect(office: Office, job: dict) -> dict:
    doc = office.open(job["path"])
    try:
        sheets = doc.getSheets()
        res = {"sheets": {}, "libraries": {}, "modules": {}}
        for name in sheets.getElementNames():
            res["sheets"][name] = _controls(sheets.getByName(name))
        libs = doc.BasicLibraries
        try:
            res["vba_mode"] = bool(libs.VBACompatibilityMode)
        except Exception:
            res["vba_mode"] = None
        for lib in libs.getElementNames():
            try:
                libs.loadLibrary(lib)
                cont = libs.getByName(lib)
                names = list(cont.getElementNames())
                res["libraries"][lib] = names
                res["modules"][lib] = {m: str(cont.getByName(m))[:400] for m in names}
            except Exception as exc:
                res["libraries"][lib] = {"error": repr(exc)}
        return res
    finally:
        _close_doc(doc)


def job_read(office: Office, job: dict) -> dict:
    doc = office.open(job["path"])
    try:
        sheets = doc.getSheets()
        vals = []
        for c in job["cells"]:
            cell = sheets.getByName(c["sheet"]).getCellRangeByName(c["cell"])
            t = cell.getType().value  # EMPTY / VALUE / TEXT / FORMULA
            vals.append({"type": t, "value": cell.getValue(), "string": cell.getString(),
                         "formula": cell.getFormula()})
        return {"values": vals}
    finally:
        _close_doc(doc)


JOBS = {"fill": job_fill, "save": job_fill, "inspect": job_inspect, "read": job_read,
        "press": job_press}


def filter_names(office: Office) -> list[str]:
    ff = office.ctx.ServiceManager.createInstanceWithContext(
        "com.sun.star.document.FilterFactory", office.ctx)
    return sorted(n for n in ff.getElementNames() if "Excel" in n)


def main(argv: list[str]) -> int:
    if len(argv) > 1:  # a JSON text or the name of a JSON file
        raw = argv[1] if argv[1].lstrip().startswith("{") else Path(argv[1]).read_text()
    else:
        raw = sys.stdin.read()
    spec = json.loads(raw)
    OPTIONS.update(spec.get("options", {}))
    timeout = float(spec.get("timeout", 300))
    office = Office(spec.get("soffice"))
    t0 = time.monotonic()
    timed_out = threading.Event()
    for key, value in spec.get("env", {}).items():  # soffice inherits them
        os.environ[key] = value

    def _watchdog():  # a hung soffice: kill it, the pending UNO call then fails
        timed_out.set()
        office.kill()

    timer = threading.Timer(timeout, _watchdog)
    timer.daemon = True
    timer.start()
    out: dict = {"ok": True, "results": [], "seconds": {}}
    try:
        try:
            if spec.get("extension"):
                out["extension_location"] = office.install(spec["extension"])
            office.start()
        except Exception as exc:
            why = f"timeout after {timeout:g} s: " if timed_out.is_set() else ""
            out = {"ok": False, "error": f"{why}{type(exc).__name__}: {exc}"}
            return 2
        out["seconds"]["start"] = round(time.monotonic() - t0, 2)
        if spec.get("formats"):
            out["filters"] = filter_names(office)
        for job in spec.get("jobs", []):
            t1 = time.monotonic()
            try:
                res = JOBS[job["kind"]](office, job)
            except Exception as exc:
                res = {"error": f"{type(exc).__name__}: {exc}",
                       "trace": traceback.format_exc(limit=3)}
                if timed_out.is_set():
                    res["error"] = f"timeout after {timeout:g} s: " + res["error"]
            res["seconds"] = round(time.monotonic() - t1, 2)
            out["results"].append(res)
    finally:
        timer.cancel()
        t2 = time.monotonic()
        office.close()
        if out.get("ok"):
            out["seconds"]["close"] = round(time.monotonic() - t2, 2)
            out["seconds"]["total"] = round(time.monotonic() - t0, 2)
        sys.stdout.write(json.dumps(out, ensure_ascii=False))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
