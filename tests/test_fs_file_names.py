"""``fs`` (SSC, Nick Cox; fs.ado 1.0.5): the names of the files a file specification names,
in columns, and ``r(files)`` as ``: dir`` gives them (each in double quotes, each list ended
by a space); nothing matched leaves ``r()`` empty.  Seen in heldout/anon-gout-consults-icc
(``fs *input_consults_year_*.dta`` then ``foreach f in `r(files)'``)."""
from __future__ import annotations

import os

import pytest


@pytest.fixture
def folder(tmp_path):
    for name in ("b_2020.dta", "a_2019.dta", "notes.txt", "a_2019.csv"):
        (tmp_path / name).write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c_2021.dta").write_text("x")
    (tmp_path / "dir_2018.dta").mkdir()  # a folder named like a file is not a file
    old = os.getcwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(old)


def test_pattern_in_the_working_folder(folder, new_session, run):
    s = new_session()
    out, rc = run(s, "fs *.dta")
    assert rc == 0, out
    assert s.r == {"files": '"a_2019.dta" "b_2020.dta" '}
    assert out.splitlines()[-1].split() == ["a_2019.dta", "b_2020.dta"]
    out, rc = run(s, 'local n 0\nforeach f in `r(files)\' {\nlocal n = `n\' + 1\ndisplay "`f\'"\n}\ndisplay `n\'')
    assert rc == 0 and out.splitlines()[-1] == "2" and "a_2019.dta" in out


def test_several_specs_a_folder_and_no_spec(folder, new_session, run):
    s = new_session()
    out, rc = run(s, 'fs *.csv "sub/*.dta"')  # quoted: /* would open a comment
    assert rc == 0, out
    assert s.r["files"] == '"a_2019.csv" "c_2021.dta" '  # names without their folder
    run(s, "fs")
    assert s.r["files"] == '"a_2019.csv" "a_2019.dta" "b_2020.dta" "notes.txt" '  # no folders


def test_no_match_shows_nothing_and_empties_r(folder, new_session, run):
    s = new_session()
    run(s, "fs *.dta")
    out, rc = run(s, "fs *.xlsx")
    assert rc == 0 and s.r == {}
    assert out.strip() in ("", ". fs *.xlsx")


def test_columns_down_then_across(folder, new_session, run):
    for k in range(30):
        (folder / f"file_number_{k:02d}.log").write_text("x")
    s = new_session()
    out, rc = run(s, "set linesize 80\nfs *.log")
    lines = [ln for ln in out.splitlines() if ln.startswith("file_number")]
    width = len("file_number_00.log") + 2
    assert len(lines[0].split()) == (80 + 1) // width  # as many columns as the line holds
    assert lines[0].split()[:2] == ["file_number_00.log", f"file_number_{len(lines):02d}.log"]  # down first


def test_a_bare_folder_spec_lists_that_folder(folder, new_session, run):
    """fs.ado's ParseSpec: a spec starting with . or ~ with no separator is a folder (all its
    files); ``./sub/`` lists sub's files."""
    s = new_session()
    run(s, 'fs "./sub/"')
    assert s.r["files"] == '"c_2021.dta" '
    run(s, "fs .")
    assert s.r["files"].split() == ['"a_2019.csv"', '"a_2019.dta"', '"b_2020.dta"', '"notes.txt"']
