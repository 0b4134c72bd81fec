"""How recalc is invoked and what it is given (issue 11): the input is never changed except
through --in-place (backup once, serialised runs), hostile or foreign files are refused with a
message and never a traceback or a hang."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, ROOT, sha


def cli(*args: object, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xlpokja", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=timeout)


def _refused(r: subprocess.CompletedProcess, *words: str) -> None:
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    for w in words:
        assert w in r.stderr, r.stderr


@pytest.fixture
def book(tmp_path: Path) -> Path:
    p = tmp_path / "isi.xlsm"
    shutil.copy(EXAMPLE, p)
    return p


def test_output_onto_the_input_is_refused(book: Path) -> None:
    before = sha(book)
    _refused(cli("recalc", book, "-o", book), "KELUARAN_SAMA_DENGAN_MASUKAN")
    _refused(cli("recalc", book, "-o", book.parent / "." / book.name),
             "KELUARAN_SAMA_DENGAN_MASUKAN")
    os.link(book, book.parent / "link.xlsm")
    _refused(cli("recalc", book, "-o", book.parent / "link.xlsm"), "KELUARAN_SAMA_DENGAN_MASUKAN")
    assert sha(book) == before


def test_in_place_keeps_the_first_original_once(book: Path) -> None:
    original = sha(book)
    assert cli("recalc", book, "--in-place").returncode == 0
    bak = book.with_name("isi.bak.xlsm")
    assert sha(bak) == original
    assert cli("recalc", book, "--in-place").returncode == 0
    assert sha(bak) == original  # not overwritten by the first run's output


def test_a_run_on_a_locked_book_is_refused(book: Path) -> None:
    before = sha(book)
    with open(book, "rb") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)  # another xlpokja is replacing it
        _refused(cli("recalc", book, "--in-place"), "BERKAS_SEDANG_DIPROSES")
        _refused(cli("recalc", book, "-o", book.parent / "o.xlsm"), "BERKAS_SEDANG_DIPROSES")
    assert sha(book) == before and not book.with_name("isi.bak.xlsm").exists()


def test_a_pipe_or_a_device_as_input_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipa.xlsm"
    os.mkfifo(fifo)
    _refused(cli("recalc", fifo, "-o", tmp_path / "o.xlsm", timeout=30), "bukan berkas biasa")
    _refused(cli("recalc", "/dev/zero", "-o", tmp_path / "o.xlsm", timeout=30))


def test_bad_lock_time_is_a_message(tmp_path: Path) -> None:
    src = ROOT / "workbooks" / "contoh_mcua_stpp.xlsm"
    _refused(cli("kunci", src, "-o", tmp_path / "o.xlsm", "--waktu", "besok"), "--waktu")


# ------------------------------------------------------------------ foreign and hostile files
def _rezip(src: Path, dst: Path, edit) -> Path:  # noqa: ANN001
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            got = edit(info.filename, zin.read(info))
            if got is not None:
                zout.writestr(info.filename, got)
    return dst


def test_encrypted_or_old_xls(tmp_path: Path) -> None:
    p = tmp_path / "rahasia.xlsm"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000)
    _refused(cli("recalc", p, "-o", tmp_path / "o.xlsm"), "terenkripsi", ".xls")


def test_no_content_types(book: Path, tmp_path: Path) -> None:
    p = _rezip(book, tmp_path / "x.xlsm",
               lambda n, b: None if n == "[Content_Types].xml" else b)
    _refused(cli("recalc", p, "-o", tmp_path / "o.xlsm"), "[Content_Types].xml")


def test_strict_open_xml(book: Path, tmp_path: Path) -> None:
    main = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    p = _rezip(book, tmp_path / "x.xlsm", lambda n, b: b.replace(
        main, b"http://purl.oclc.org/ooxml/spreadsheetml/main") if n == "xl/workbook.xml" else b)
    _refused(cli("recalc", p, "-o", tmp_path / "o.xlsm"), "Strict")


def test_unknown_compression_and_encrypted_entry(book: Path, tmp_path: Path) -> None:
    for field, value, word in (("compress_type", 9, "kompresi"), ("flag_bits", 0x1, "")):
        p = tmp_path / f"{field}.xlsm"
        with zipfile.ZipFile(book) as zin, zipfile.ZipFile(p, "w") as zout:
            for info in zin.infolist():
                zout.writestr(info, zin.read(info))
        data = bytearray(p.read_bytes())
        # patch the central directory and local header of the first entry
        with zipfile.ZipFile(p) as z:
            first = z.infolist()[0]
        off = first.header_offset
        if field == "compress_type":
            data[off + 8:off + 10] = (9).to_bytes(2, "little")
            cd = data.rfind(b"PK\x01\x02", 0, len(data))
            cd = data.find(b"PK\x01\x02")
            data[cd + 10:cd + 12] = (9).to_bytes(2, "little")
        else:
            data[off + 6:off + 8] = (1).to_bytes(2, "little")
            cd = data.find(b"PK\x01\x02")
            data[cd + 8:cd + 10] = (1).to_bytes(2, "little")
        p.write_bytes(bytes(data))
        _refused(cli("recalc", p, "-o", tmp_path / "o.xlsm"), *(w for w in [word] if w))


def test_zip_bomb(tmp_path: Path, book: Path) -> None:
    p = _rezip(book, tmp_path / "bom.xlsm", lambda n, b: b)
    with zipfile.ZipFile(p, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/bom.bin", b"\0" * (600 << 20))
    _refused(cli("recalc", p, "-o", tmp_path / "o.xlsm", timeout=120))


def test_billion_laughs_and_path_traversal(book: Path, tmp_path: Path) -> None:
    lol = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>')
    p = _rezip(book, tmp_path / "lol.xlsm", lambda n, b: lol + b.split(b"?>", 1)[-1]
               if n == "xl/worksheets/sheet2.xml" else b)
    _refused(cli("recalc", p, "-o", tmp_path / "o.xlsm", timeout=60), "DOCTYPE")
    p = _rezip(book, tmp_path / "trav.xlsm", lambda n, b: b)
    with zipfile.ZipFile(p, "a") as z:
        z.writestr("../../evil.txt", b"x")
    _refused(cli("recalc", p, "-o", tmp_path / "o.xlsm"), "tidak aman")
    assert not (tmp_path.parent / "evil.txt").exists()
