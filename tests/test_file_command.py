"""file open/write/read/close/query ([P] file): the text written, lines read back with r(eof),
and Stata's errors (r(602) without replace, r(110) a handle in use, r(601) not open)."""
from __future__ import annotations

import pytest


@pytest.fixture
def session(new_session):
    s = new_session()
    yield s
    from mlmcli.commands.program.file_command import close_all
    close_all(s)


def test_write_directives_give_stata_text(session, run, tmp_path):
    path = tmp_path / "out.txt"
    out, rc = run(session, f'file open fh using "{path}", write\n'
                           'file write fh "hello" _tab "x" _col(12) "|" _n\n'
                           'file write fh %6.2f (1/3) " " (2+2) " " ("s" + "t") _skip(3) "z" _n(2) _char(65)\n'
                           'file write fh _dup(3) "ab" `"q"uoted"' "'" ' _n\n'
                           'file write fh "abc" _column(2) "d" _s(2) "e" _n\n'
                           'file close fh\n')
    assert rc == 0, out
    assert path.read_text() == ('hello\tx    |\n  0.33 4 st   z\n\nAababab'
                                'q"uoted\nabcd  e\n')


def test_column_continues_across_writes_and_append(session, run, tmp_path):
    path = tmp_path / "out.txt"
    path.write_text("12345")
    out, rc = run(session, f'file open fh using "{path}", write append\n'
                           'file write fh _col(8) "x"\nfile write fh _col(10) "y" _n\nfile close fh\n')
    assert rc == 0, out
    assert path.read_text() == "12345  x y\n"


def test_read_lines_and_eof(session, run, tmp_path):
    path = tmp_path / "in.txt"
    path.write_bytes(b"first line\r\nsecond\n\nlast")
    out, rc = run(session, f'file open fh using "{path}", read text\n'
                           'forvalues i = 1/5 {\n  file read fh l\n  display "[`l\'] " r(eof)\n}\n'
                           'file close fh\n')
    assert rc == 0, out
    assert out.splitlines() == ["[first line] 0", "[second] 0", "[] 0", "[last] 0", "[] 1"]
    assert session.r == {"eof": 1}


def test_never_overwrites_without_replace(session, run, tmp_path):
    path = tmp_path / "keep.txt"
    path.write_text("precious\n")
    out, rc = run(session, f'file open fh using "{path}", write\n')
    assert rc == 602 and out.splitlines()[0] == f"file {path} already exists"
    assert path.read_text() == "precious\n"
    assert session._file_handles == {}


def test_handle_errors(session, run, tmp_path):
    path = tmp_path / "a.txt"
    out, rc = run(session, f'file open fh using "{path}", write\nfile open fh using "{path}", write replace\n')
    assert rc == 110 and "file handle fh already exists" in out
    out, rc = run(session, "file close nosuch\n")
    assert rc == 601 and out.startswith("file handle nosuch not found")
    out, rc = run(session, "file write nosuch \"x\"\n")
    assert rc == 601
    out, rc = run(session, "file close _all\nfile close fh\n")
    assert rc == 601
    out, rc = run(session, f'file open fh using "{tmp_path / "none.txt"}", read\n')
    assert rc == 601 and "not found" in out


def test_a_failing_write_writes_nothing_of_its_line(session, run, tmp_path):
    path = tmp_path / "a.txt"
    out, rc = run(session, f'file open fh using "{path}", write\nfile write fh "a" _n\n'
                           'file write fh "partial" (nosuchvar) _n\n')
    assert rc == 111 and "nosuchvar not found" in out
    out, rc = run(session, "file write fh 1\n")  # [P] file: parentheses are required
    assert rc == 198
    out, rc = run(session, 'file write fh %5s (1)\n')
    assert rc == 109
    run(session, "file close fh\n")
    assert path.read_text() == "a\n"


def test_refusals_and_options(session, run, tmp_path):
    path = tmp_path / "b.txt"
    for line, rc_expected in ((f'file open fh using "{path}", write binary', 198),
                              (f'file open fh using "{path}", read write', 198),
                              (f'file open fh using "{path}"', 198),
                              (f'file open fh "{path}", write', 100),
                              ("file seek fh 0", 198)):
        out, rc = run(session, line + "\n")
        assert rc == rc_expected, (line, out)
    assert not path.exists()


def test_query_and_clear_all_closes(session, run, tmp_path):
    out, rc = run(session, "file query\n")
    assert out.strip() == "(no files open)"
    run(session, f'file open results using "{tmp_path / "q.txt"}", write\n')
    out, rc = run(session, "file query\n")
    assert "results" in out and "write" in out and "q.txt" in out
    run(session, "clear all\n")
    assert session._file_handles == {}


def test_read_from_write_handle_is_refused(session, run, tmp_path):
    out, rc = run(session, f'file open fh using "{tmp_path / "c.txt"}", write\nfile read fh x\n')
    assert rc == 198


def test_char_writes_the_byte_and_read_decodes_windows_1252(session, run, tmp_path):
    path = tmp_path / "bytes.txt"
    out, rc = run(session, f'file open fh using "{path}", write\nfile write fh _char(233) _char(65) _n\n'
                           'file close fh\n')
    assert rc == 0 and path.read_bytes() == b"\xe9A\n"
    (tmp_path / "mixed.txt").write_bytes(b"caf\xe9\nna\xefve\rold mac\n")  # Windows-1252
    out, rc = run(session, f'file open fh using "{tmp_path / "mixed.txt"}", read\n'
                           'forvalues i = 1/3 {\n  file read fh l\n  display "[`l\'] " r(eof)\n}\nfile close fh\n')
    assert rc == 0 and out.splitlines() == ["[caf\u00e9] 0", "[na\u00efve] 0", "[old mac] 0"]
