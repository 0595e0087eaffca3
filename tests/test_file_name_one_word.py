"""A file name is one word, quoted when it holds blanks: ``save my file`` is ``invalid 'file'``
r(198) (as export delimited's ``using`` file), never a file named "my file.dta", and the data in
memory stay as they were.  The rule sits where every file command turns typed text into a path
(data/common.dta_path/plain_path; program/files.one_filename for log/cmdlog)."""
from __future__ import annotations

import pytest

SETUP = "clear\ninput x y\n1 2\n3 4\nend"


@pytest.fixture
def session(new_session, run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = new_session()
    run(s, SETUP)
    return s


@pytest.mark.parametrize("line, word", [
    ("save my file", "file"),
    ("save my file, replace", "file"),
    ("saveold a b c", "b"),
    ("use my file, clear", "file"),
    ("use x using my file, clear", "file"),
    ("describe using my file", "file"),
    ("merge 1:1 x using my file", "file"),
    ("log using my log", "log"),
    ("log using my log, text replace", "log"),
    ("cmdlog using my cmds", "cmds"),
    ("export excel using my book, replace", "book"),
])
def test_a_second_word_is_invalid(session, run, tmp_path, line, word):
    before = session.data.df.copy()
    out, code = run(session, line, stop_on_error=False)
    assert code == 198 and out.splitlines()[-2:] == [f"invalid '{word}'", "r(198);"]
    assert list(tmp_path.iterdir()) == []
    assert session.data.df.equals(before)


def test_quoted_names_with_blanks_are_one_file(session, run, tmp_path):
    out, rc = run(session, 'save "my file"\nlog using "my log", text\nlog close\nuse "my file", clear')
    assert rc == 0, out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my file.dta", "my log.log"]
    assert session.data.df["y"].tolist() == [2, 4]


def test_append_takes_several_files(session, run, tmp_path):
    out, rc = run(session, "save one\nappend using one one", stop_on_error=False)
    assert rc == 0, out
    assert session.data.nobs == 6
