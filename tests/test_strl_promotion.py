"""append, merge, reshape and stack widen a string variable to the wider of the two types
(common.wider_type); a strL on either side makes strL, as Stata promotes str# to strL.
The helper once took strL for str2045, so appending a 3,000-byte strL onto a str5 left a
str2045 variable holding 3,000 bytes."""
from __future__ import annotations

import pytest


@pytest.fixture
def files(new_session, run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    session = new_session(None)
    printed, rc = run(session, 'clear\nset obs 2\ngen strL s = "a"\nreplace s = 3000 * "x" in 2\ngen id = _n\n'
                               'save L\nclear\nset obs 1\ngen str5 s = "abcde"\ngen id = 9\nsave S\n'
                               'gen str40 w = "b"\nsave W\n')
    assert rc == 0, printed
    return session


def _type(run, session, name):
    printed, rc = run(session, f'local t : type {name}\ndisplay "`t\'"')
    assert rc == 0, printed
    return printed.split()[-1]


def test_append_strl_onto_str(files, run):
    printed, rc = run(files, "use S, clear\nappend using L")
    assert rc == 0, printed
    assert _type(run, files, "s") == "strL"
    printed, _ = run(files, "display strlen(s[3])")
    assert printed.split()[-1] == "3000"


def test_merge_str_into_strl(files, run):
    printed, rc = run(files, "use L, clear\nmerge 1:1 id using S, nogenerate")
    assert rc == 0, printed
    assert _type(run, files, "s") == "strL"


def test_str_widths_still_take_the_wider(files, run):
    printed, rc = run(files, "use S, clear\nrename s w\nappend using W")
    assert rc == 0, printed
    assert _type(run, files, "w") == "str40"
