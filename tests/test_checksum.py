"""checksum ([D] checksum): the POSIX cksum CRC (published check value for "123456789", and
the coreutils cksum program when present), the report, save/saving() and r()."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from mlmcli.commands.data.file_checksum import posix_cksum


def test_posix_cksum_check_values():
    assert posix_cksum(b"123456789") == 930766865  # `printf 123456789 | cksum`
    assert posix_cksum(b"") == 4294967295


@pytest.mark.skipif(shutil.which("cksum") is None, reason="no cksum program")
def test_matches_the_cksum_program(tmp_path):
    data = bytes(range(256)) * 40 + b"tail"
    path = tmp_path / "blob.bin"
    path.write_bytes(data)
    value, size = subprocess.run(["cksum", str(path)], capture_output=True, text=True, timeout=120).stdout.split()[:2]
    assert (posix_cksum(data), len(data)) == (int(value), int(size))


def test_checksum_report_save_and_errors(do, tmp_path):
    path = tmp_path / "nine.txt"
    path.write_bytes(b"123456789")
    rc, out, s = do(f'checksum "{path}"')
    assert rc == 0 and out == f"Checksum for {path} = 930766865, size = 9\n"
    assert (s.r["version"], s.r["filelen"], s.r["checksum"]) == (1, 9, 930766865)
    rc, out, s = do(f'checksum "{path}", save')
    assert rc == 0 and out == "" and (tmp_path / "nine.sum").read_text() == "1 9 930766865\n"
    rc, out, s = do(f'checksum "{path}", save')
    assert rc == 602 and "already exists" in out
    rc, out, s = do(f'checksum "{path}", save replace')
    assert rc == 0
    other = tmp_path / "other.txt"
    rc, out, s = do(f'checksum "{path}", saving("{other}")')
    assert rc == 0 and other.read_text() == "1 9 930766865\n"
    other.write_text("keep")
    rc, out, s = do(f'checksum "{path}", saving("{other}")')
    assert rc == 602 and other.read_text() == "keep"
    rc, out, s = do(f'checksum "{path}", saving("{other}", replace)')
    assert rc == 0 and other.read_text() == "1 9 930766865\n"
    rc, out, s = do(f'checksum "{tmp_path / "none.dta"}"')
    assert rc == 601
