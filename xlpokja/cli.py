"""Command line: ``xlpokja build | layout | recalc | check | gabung``.

Exit codes: 0 fine; 1 check found package faults (what Excel refuses or repairs) or
disagreements, or recalc found input errors and ``--strict`` was given; 2 the workbook
could not be used (nothing was written; check lists the package faults that explain it).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from xlpokja.core.values import json_safe


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(json_safe(data), ensure_ascii=False, indent=2, allow_nan=False)
                     + "\n")


def cmd_layout(args: argparse.Namespace) -> int:
    from xlpokja import actions
    from xlpokja.hosts.headless.recalc import PackageBook

    book = PackageBook(Path(args.workbook))
    data = actions.layout_of(actions.template_of(book), book)
    if args.json:
        _print_json(data)
    else:
        for t in data["tables"]:
            print(f"Tabel {t['name']}: sheet {t['sheet']!r}, judul di baris {t['header_row']}, "
                  f"data mulai baris {t['first_data_row']}")
            for c in t["columns"]:
                print(f"  {c['letter']:>3}  {c['key']:<10} {c['header']}")
    return 0


def cmd_recalc(args: argparse.Namespace) -> int:
    from xlpokja.hosts.headless.recalc import recalc_file

    src = Path(args.workbook)
    if args.in_place:
        out = src
    elif args.output:
        out = Path(args.output)
    else:
        out = src.with_name(src.stem + "_hasil" + src.suffix)
    options = {}
    if args.action == "kunci_bobot":
        import datetime as dt

        try:
            options["when"] = (dt.datetime.fromisoformat(args.waktu) if args.waktu
                               else dt.datetime.now().replace(microsecond=0))
        except ValueError:
            from xlpokja.core.problems import Problem, XlpokjaError

            raise XlpokjaError([Problem("WAKTU_TIDAK_SAH", "--waktu", "",
                                        "waktu ISO 8601, mis. 2026-11-30T09:30",
                                        repr(args.waktu))]) from None
    res = recalc_file(src, out, in_place=args.in_place, action=args.action, **options)
    mod = res.template
    if args.json:
        _print_json(_run_json(res, args.lang, src, out))
    else:
        print(mod.resume_text(res))
        en = args.lang == "en"
        if res.buttons_rebuilt:
            print("\nThe workbook's buttons were damaged (e.g. saved by LibreOffice) or missing "
                  "(a workbook made before a button existed) and have been drawn again from the "
                  "template." if en else
                  "\nTombol buku kerja ini rusak (misalnya setelah disimpan oleh LibreOffice) "
                  "atau kurang (buku kerja dibuat sebelum tombol itu ada) dan telah dibuat ulang "
                  "sesuai templat.")
        for p in res.package_warnings:
            where = f"{p.sheet} {p.cell}" if p.cell else p.sheet
            print(f"{'Package warning' if en else 'Peringatan paket'}: {where} [{p.code}] "
                  f"{p.message(args.lang)}")
        print(f"\n{'Result written to' if en else 'Hasil ditulis ke'}: {out}")
        if getattr(res, "backup", None):
            print(f"Backup of the original: {res.backup} (kept once, never overwritten)" if en
                  else f"Cadangan berkas asli: {res.backup} (disimpan sekali, tidak ditimpa)")
    return 1 if args.strict and not res.valid else 0


def cmd_gabung(args: argparse.Namespace) -> int:
    """``xlpokja gabung SUMBER… -o BUKU``: the Gabung button without Excel."""
    import datetime as dt

    from xlpokja.core.problems import Problem, XlpokjaError
    from xlpokja.hosts.headless.recalc import recalc_file
    from xlpokja.merge import local, merge

    out = Path(args.output)
    if not out.parent.is_dir():
        raise XlpokjaError([Problem("KELUARAN_TIDAK_DAPAT_DITULIS", out.name, "",
                                    str(out.parent), "folder tidak ada")])
    if not out.exists() and out.suffix.lower() != ".xlsm":
        raise XlpokjaError([Problem("GABUNG_BUKAN_PENILAIAN_DIRI", str(out), "",
                                    "nama berkas baru berakhiran .xlsm", repr(out.name))])
    when = None
    if args.waktu:
        try:
            when = dt.datetime.fromisoformat(args.waktu)
        except ValueError:
            raise XlpokjaError([Problem("WAKTU_TIDAK_SAH", "--waktu", "",
                                        "waktu ISO 8601, mis. 2026-11-30T09:30",
                                        repr(args.waktu))]) from None
    grids, notes, unread = local.read_sources(args.sources, exclude=[out])
    from xlpokja import actions
    from xlpokja.hosts.headless.recalc import PackageBook

    created = not out.exists()
    target = None if created else PackageBook(out)
    if target is not None and actions.template_of(target).TEMPLATE_ID != "penilaian_diri":
        raise XlpokjaError([Problem("GABUNG_BUKAN_PENILAIAN_DIRI", out.name, "",
                                    "berkas penilaian diri", "templat lain")])
    if not grids:
        raise XlpokjaError([*unread, Problem(
            "GABUNG_TANPA_SUMBER", "", "", ".xlsx, .xlsm, .ods atau .csv berisi jawaban",
            f"{len(unread)} berkas tidak terbaca" if unread else "tidak ada berkas")])
    ignore = args.abaikan or ()
    sources = merge.extract(grids, ignore)  # a column that cannot be mapped stops here
    if target is not None:  # nothing new: the workbook is left as it is, byte for byte
        dry, _rows, _first = merge.plan(target, grids, ignore, sources=sources)
        if not dry.added:
            dry.notes[:0] = notes
            dry.problems[:0] = unread
            return _gabung_report(args, dry, None, out, created)
    report = merge.Report()
    options = dict(grids=grids, ignore=ignore, report=report, when=when, notes=notes,
                   read_problems=unread, sources=sources)
    if created:
        from xlpokja.hosts.headless.build import build
        from xlpokja.instruments.penilaian_diri import layout as pd

        build(pd.FILE_NAME, out)  # a fresh template, then the merge into it
        try:
            res = recalc_file(out, out, in_place=True, backup=False, action="gabung",
                              **options)
        except BaseException:
            out.unlink(missing_ok=True)  # nothing half-made is left behind
            raise
    else:
        res = recalc_file(out, out, in_place=True, action="gabung", **options)
    return _gabung_report(args, report, res, out, created)


def _gabung_report(args: argparse.Namespace, report: Any, res: Any, out: Path,
                   created: bool) -> int:
    """What ``xlpokja gabung`` prints (``res`` None: nothing was new, nothing written)."""
    from xlpokja.merge import merge

    en = args.lang == "en"
    strict_fail = bool(args.strict and (report.problems or (res is not None and not res.valid)))
    if args.json:
        data = _run_json(res, args.lang, out, out) if res is not None else {
            "workbook": out.name, "output": out.name}
        data["created"] = created
        data["written"] = res is not None
        data["gabung"] = {
            "sources": [{"file": s.file, "sheet": s.sheet, "kind": s.kind,
                         "rows": len(s.rows), "mapping": s.mapping} for s in report.sources],
            "added": [{"file": r.file, "sheet": r.sheet, "row": r.row, "respondent":
                       merge.written(r.respondent), "jawaban_row": at}
                      for r, at in report.added],
            "present": len(report.present),
            "problems": [p.to_dict(args.lang) for p in report.problems],
            "notes": report.notes,
            "log_written": report.log_written,
        }
        _print_json(data)
        return 1 if strict_fail else 0
    for s in report.sources:
        print(f"{s.file}{' [' + s.sheet + ']' if s.sheet else ''}: {s.kind}, "
              f"{len(s.rows)} {'answer sheets' if en else 'lembar jawaban'}")
        for m in s.mapping_short():
            print(f"    {m}")
    for n in report.notes:
        print(f"{'Note' if en else 'Catatan'}: {n}")
    for p in report.problems:
        print(f"{p.where()} [{p.code}] {p.message(args.lang)}")
    print()
    print(report.summary())
    if res is None:
        print(f"No new answers: {out} is unchanged." if en else
              f"Tidak ada jawaban baru: {out} tidak diubah.")
        return 1 if strict_fail else 0
    if not report.log_written:
        print("The workbook has no Gabung sheet (made before it existed): the log was not "
              "written." if en else "Buku kerja ini belum punya sheet Gabung (dibuat sebelum "
              "ada): catatan gabung tidak ditulis.")
    print()
    print(res.template.resume_text(res))
    print(f"\n{'Result written to' if en else 'Hasil ditulis ke'}: {out}")
    if getattr(res, "backup", None):
        print(f"{'Backup of the original' if en else 'Cadangan berkas asli'}: {res.backup}")
    return 1 if strict_fail else 0


def _run_json(res: Any, lang: str, src: Path, out: Path) -> dict[str, Any]:
    """``--json`` of a run that wrote ``out``: the template's result and the run's fields."""
    from xlpokja.layout import common

    data = res.template.result_json(res, lang)
    data["workbook"] = src.name
    data["output"] = out.name
    listed = common.compact(res.problems)
    data["problems_total"] = len(res.problems)
    if len(listed) < len(res.problems):  # thousands: one line per column and kind
        data["problems"] = [p.to_dict(lang) for p in listed]
    data["backup"] = getattr(res, "backup", None)
    data["buttons_rebuilt"] = bool(res.buttons_rebuilt)
    data["package_warnings"] = [p.to_dict(lang) for p in res.package_warnings]
    return data


def cmd_check(args: argparse.Namespace) -> int:
    from xlpokja.core.problems import XlpokjaError
    from xlpokja.hosts.headless.check import check_file

    engines = ["formualizer", "formulas"] if args.engine == "both" else [args.engine]
    en = args.lang == "en"
    failed = unreadable = False
    summary = []
    out = sys.stderr if args.json else sys.stdout  # --json: stdout holds the JSON only
    for wb in args.workbooks:
        found = None
        for i, engine in enumerate(engines):
            try:
                rep = check_file(Path(wb), engine, found)
            except XlpokjaError as e:  # this book cannot be used: say so, go on with the next
                print(f"{'FAILED' if en else 'GAGAL'}  {wb}  {e.message(args.lang)}", file=out)
                unreadable = True
                summary.append({"workbook": wb, "engine": engine, "ok": False, "cells": 0,
                                "package_problems": [],
                                "problems": [p.to_dict(args.lang) for p in e.problems]})
                break
            found = rep.package_problems
            status = "OK" if rep.ok else "FAILED" if en else "GAGAL"
            words = (("package findings", "formula cells checked", "differences",
                      "input problems") if en else
                     ("temuan paket", "sel rumus diperiksa", "perbedaan", "masalah input"))
            print(f"{status}  {wb}  [{engine}]  {len(rep.package_problems)} {words[0]}, "
                  f"{rep.cells} {words[1]}, {len(rep.problems)} {words[2]}, "
                  f"{len(rep.input_problems)} {words[3]}", file=out)
            if i == 0:  # the package is the same for every engine: listed once, first
                for p in rep.package_problems[:50]:
                    where = f"{p.sheet} {p.cell}" if p.cell else p.sheet
                    print(f"    {where} [{p.code}] {p.message(args.lang)}", file=out)
                if len(rep.package_problems) > 50:
                    more = len(rep.package_problems) - 50
                    print(f"    … {more} {'more package findings' if en else 'temuan paket lagi'}"
                          f" (--json)", file=out)
            for p in rep.warnings + rep.problems[:20]:
                print(f"    {p.where()} [{p.code}] {p.message(args.lang)}", file=out)
            failed |= not rep.ok
            unreadable |= not rep.evaluated
            summary.append({"workbook": wb, "engine": engine, "ok": rep.ok, "cells": rep.cells,
                            "package_problems": [p.to_dict(args.lang)
                                                 for p in rep.package_problems],
                            "warnings": [p.to_dict(args.lang) for p in rep.warnings],
                            "input_problems": [p.to_dict(args.lang)
                                               for p in rep.input_problems],
                            "problems": [p.to_dict(args.lang) for p in rep.problems]})
    if args.json:
        _print_json(summary)
    return 2 if unreadable else 1 if failed else 0


def cmd_rekap(args: argparse.Namespace) -> int:
    """``xlpokja rekap``: roll many workbooks up into one comparison workbook
    (:mod:`xlpokja.rollup`). Exit 0: written, every file rolled up; 1: written, some files
    left out (listed); 2: nothing written."""
    from xlpokja.rollup import rollup, write_rollup

    out = Path(args.output)
    r = rollup(args.books, lang=args.lang, workers=args.workers, exclude=[out])
    write_rollup(r, out)
    en = args.lang == "en"
    if args.json:
        data = r.to_json()
        data["output"] = out.name
        _print_json(data)
    else:
        used = len(r.sources) - r.left_out
        print(f"{len(r.sources)} {'files' if en else 'berkas'}: {used} "
              f"{'rolled up' if en else 'direkap'}, {r.left_out} "
              f"{'left out' if en else 'dilewati'}")
        print(f"  {'questionnaires (Pokja)' if en else 'penilaian diri (Pokja)'}: "
              f"{len(r.pokja_records)}; {'rounds compared' if en else 'putaran dibandingkan'}: "
              f"{r.rounds_compared}")
        for s in r.sets:
            print(f"  {s.label}: {len(s.records)} {'units' if en else 'unit'}, {len(s.files)} "
                  f"{'files' if en else 'berkas'}")
        for s in r.sources:
            if not s.used:
                print(f"{'LEFT OUT' if en else 'DILEWATI'}  {s.display}  "
                      f"{s.problems[0].message(args.lang)}")
        print(f"{'Written to' if en else 'Ditulis ke'}: {out}")
    return 1 if r.left_out else 0


def cmd_build(args: argparse.Namespace) -> int:
    from xlpokja.hosts.headless.build import build_all, differences
    from xlpokja.hosts.libreoffice import oxt
    from xlpokja.instruments import builds

    out = Path(args.out)
    if args.check:
        bad = differences(out) + oxt.differences(out / oxt.OXT_NAME)
        for b in bad:
            print(f"BERBEDA  {b}")
        if not bad:
            print(f"OK  {len(builds())} buku kerja dan {oxt.OXT_NAME} sama dengan hasil build")
        return 1 if bad else 0
    for path in build_all(out):
        print(path)
    print(oxt.write_oxt(out / oxt.OXT_NAME))
    return 0


def main(argv: list[str] | None = None) -> int:

    p = argparse.ArgumentParser(prog="xlpokja", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="build workbooks/ from source (VBA and buttons "
                                     "included) and the LibreOffice extension")
    b.add_argument("--out", default="workbooks")
    b.add_argument("--check", action="store_true",
                   help="compare with the committed workbooks instead of writing")
    b.set_defaults(func=cmd_build)
    lay = sub.add_parser("layout", help="print the published layout of a workbook")
    lay.add_argument("workbook")
    lay.add_argument("--json", action="store_true")
    lay.set_defaults(func=cmd_layout)
    for name, action, text in (
            ("recalc", "hitung", "run Hitung headlessly and write the results"),
            ("kunci", "kunci_bobot", ("the Kunci bobot button: record the agreed criteria and "
                                     "weights (then Hitung)")),
            ("buka-kunci", "buka_kunci", ("the Buka kunci button: clear the weights lock "
                                         "(then Hitung)")),
            ("seri", "putaran_seri", ("the Putaran seri button: add a tie round for the tied "
                                     "options only (then Hitung)"))):
        r = sub.add_parser(name, help=text)
        r.add_argument("workbook")
        where = r.add_mutually_exclusive_group()
        where.add_argument("-o", "--output")
        where.add_argument("--in-place", action="store_true",
                           help="replace the input atomically, keeping NAME.bak.xlsm")
        r.add_argument("--json", action="store_true")
        r.add_argument("--strict", action="store_true", help="exit 1 when the input has errors")
        r.add_argument("--lang", choices=("id", "en"), default="id")
        if action == "kunci_bobot":
            r.add_argument("--waktu", help="time of the lock, ISO 8601 (default: now)")
        r.set_defaults(func=cmd_recalc, action=action)
    g = sub.add_parser("gabung", help="merge filled forms, questionnaire workbooks and survey "
                                      "exports (files or folders) into a questionnaire workbook")
    g.add_argument("sources", nargs="+", metavar="SUMBER",
                   help=".xlsx/.xlsm/.ods/.csv files or folders")
    g.add_argument("-o", "--output", required=True, metavar="BUKU",
                   help="the questionnaire workbook (.xlsm) merged into; made from the "
                        "template when it does not exist")
    g.add_argument("--abaikan", action="append", metavar="JUDUL",
                   help="leave out the table column with this header (repeatable)")
    g.add_argument("--waktu", help="time written into the Gabung log, ISO 8601 (default: now)")
    g.add_argument("--json", action="store_true")
    g.add_argument("--strict", action="store_true",
                   help="exit 1 when a source or the result has problems")
    g.add_argument("--lang", choices=("id", "en"), default="id")
    g.set_defaults(func=cmd_gabung)
    c = sub.add_parser("check", help="evaluate the workbook's formulas and compare with the core")
    c.add_argument("workbooks", nargs="+")
    c.add_argument("--engine", choices=("formualizer", "formulas", "both"),
                   default="formualizer")
    c.add_argument("--json", action="store_true")
    c.add_argument("--lang", choices=("id", "en"), default="id")
    c.set_defaults(func=cmd_check)
    k = sub.add_parser("rekap", help="roll questionnaire (penilaian_diri) and asesmen "
                                     "workbooks up into one comparison workbook (.xlsx)",
                       description="Files or folders (a folder: its .xlsx/.xlsm files, sorted "
                                   "by name). Exit 0: written; 1: written, some files left "
                                   "out (listed with the reason); 2: nothing written.")
    k.add_argument("books", nargs="+", metavar="BOOK")
    k.add_argument("-o", "--output", default="rekap.xlsx", help="default: rekap.xlsx")
    k.add_argument("--json", action="store_true", help="print the figures as JSON")
    k.add_argument("--lang", choices=("id", "en"), default="id")
    k.add_argument("--workers", type=int, default=None,
                   help="processes reading the files (default: one per core from 24 files)")
    k.set_defaults(func=cmd_rekap)
    args = p.parse_args(argv)
    from xlpokja.core.problems import LANG

    token = LANG.set(getattr(args, "lang", "id") or "id")  # every message of this run
    try:
        return _run(args)
    finally:
        LANG.reset(token)  # in-process callers (tests, the Excel add-in) keep their default


def _run(args: argparse.Namespace) -> int:
    from xlpokja.core.problems import XlpokjaError

    try:
        return int(args.func(args))
    except BrokenPipeError:  # e.g. `xlpokja check … | head`: the reader has gone
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except XlpokjaError as e:
        lang = getattr(args, "lang", "id")
        print(f"xlpokja: {e.message(lang)}", file=sys.stderr)
        if getattr(args, "json", False):  # --json: stdout holds JSON, a refusal too
            _print_json({"ok": False, "written": False,
                         "problems": [p.to_dict(lang) for p in e.problems]})
        return 2
    except FileNotFoundError as e:
        print(f"xlpokja: berkas tidak ditemukan: {e.filename}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl+C: outputs are written atomically, so nothing half-done
        print("xlpokja: dihentikan (Ctrl+C); berkas masukan tidak diubah.", file=sys.stderr)
        return 130
