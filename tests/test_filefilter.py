"""filefilter ([D] filefilter): byte patterns with the help file's codes, r() counts checked
with bytes.count, replace required over an existing file, failures leave files alone."""
from __future__ import annotations

import pytest

from mlmcli.commands.data.file_filter import pattern_bytes

RAW = b'a`b\r\nc$d "q"\r\n'


@pytest.mark.parametrize("typed, expected", [
    (r"\W", b"\r\n"), (r"\U", b"\n"), (r"\M", b"\r"), (r"\BS", b"\\"), (r"\t", b"\t"),
    (r"\LQ", b"`"), (r"\RQ", b"'"), (r"\Q", b'"'), (r"\$", b"$"), (r"\096d", b"`"), (r"\60h", b"`"),
    (r'"\6BhText\100dText"', b"kTextdText"), ('"left quote"', b"left quote"), ('""', b"")])
def test_pattern_codes(typed, expected):
    assert pattern_bytes(typed) == expected


def test_filefilter_replaces_and_counts(do, tmp_path):
    src, dst = tmp_path / "in.txt", tmp_path / "out.txt"
    src.write_bytes(RAW)
    rc, out, s = do(f'filefilter "{src}" "{dst}", from(\\W) to(\\U)')
    assert rc == 0 and out == "" and dst.read_bytes() == RAW.replace(b"\r\n", b"\n")
    assert (s.r["occurrences"], s.r["bytes_from"], s.r["bytes_to"]) == (RAW.count(b"\r\n"), 2, 1)
    rc, out, s = do(f'filefilter "{src}" "{dst}", from(\\LQ) to("left quote") replace')
    assert rc == 0 and dst.read_bytes() == RAW.replace(b"`", b"left quote")


def test_filefilter_never_overwrites_without_replace(do, tmp_path):
    src, dst = tmp_path / "in.txt", tmp_path / "out.txt"
    src.write_bytes(RAW)
    dst.write_bytes(b"keep me")
    for line, want_rc, msg in (
            (f'filefilter "{src}" "{dst}", from(a) to(b)', 602, "already exists"),
            (f'filefilter "{tmp_path / "none.txt"}" "{tmp_path / "x.txt"}", from(a) to(b)', 601, "not found"),
            (f'filefilter "{src}" "{dst}", from(a) replace', 198, "options from() and to() are required"),
            (f'filefilter "{src}" "{dst}", from(\\zz) to(b) replace', 198, "invalid code in pattern"),
            (f'filefilter "{src}" "{dst}", ebcdic2ascii replace', 198, "not supported"),
            (f'filefilter "{src}", from(a) to(b)', 198, "invalid syntax")):
        rc, out, s = do(line)
        assert rc == want_rc and msg in out, (line, out)
        assert dst.read_bytes() == b"keep me" and src.read_bytes() == RAW
