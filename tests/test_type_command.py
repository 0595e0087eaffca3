"""type ([R] type): the file's lines, tabs expanded or shown as <T>, starbang, lines(#),
SMCL files shown as text unless asis, and Stata's errors."""
from __future__ import annotations

import pytest


@pytest.fixture
def files(tmp_path):
    text = "a\tb\n*! version 1.0\n{smcl}\nline {bf:bold} {c -(}x{c )-}\n"
    (tmp_path / "t.txt").write_text(text)
    (tmp_path / "t.smcl").write_text(text)
    return tmp_path


def _type(do, line):
    rc, out, _ = do(line + "\n")
    return rc, out.splitlines()


def test_text_file_as_is_with_tabs_expanded(do, files):
    rc, lines = _type(do, f'type "{files / "t.txt"}"')
    assert rc == 0 and lines == ["a       b", "*! version 1.0", "{smcl}", "line {bf:bold} {c -(}x{c )-}"]


def test_options(do, files):
    assert _type(do, f'type "{files / "t.txt"}", showtabs')[1][0] == "a<T>b"
    assert _type(do, f'type "{files / "t.txt"}", starbang')[1] == ["*! version 1.0"]
    assert _type(do, f'type "{files / "t.txt"}", lines(2)')[1] == ["a       b", "*! version 1.0"]
    assert _type(do, f'type "{files / "t.txt"}", smcl')[1][2:] == ["line bold {x}"]


def test_smcl_files_are_interpreted_unless_asis(do, files):
    assert _type(do, f'type "{files / "t.smcl"}"')[1][1:] == ["*! version 1.0", "line bold {x}"]
    assert _type(do, f'type "{files / "t.smcl"}", asis')[1][2] == "{smcl}"


def test_crlf_lines_and_no_final_newline(do, tmp_path):
    (tmp_path / "w.txt").write_bytes(b"one\r\ntwo")
    assert _type(do, f'type "{tmp_path / "w.txt"}"')[1] == ["one", "two"]


def test_errors(do, files):
    rc, lines = _type(do, f'type "{files / "none.txt"}"')
    assert rc == 601 and lines[0] == f"file {files / 'none.txt'} not found"
    rc, lines = _type(do, f'type "{files / "t.txt"}", asis smcl')
    assert rc == 198
    rc, lines = _type(do, f'type "{files / "t.txt"}", lines(x)')
    assert rc == 198 and lines[0] == "option lines() incorrectly specified"
    rc, lines = _type(do, f'type "{files / "t.txt"}", bogus')
    assert rc == 198 and lines[0] == "option bogus not allowed"
