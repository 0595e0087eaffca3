"""``constraint``: define (``constraint [define] # exp``), list/dir, drop, get and free, kept in
the session as typed; ``clear all`` drops them ([R] constraint)."""
from __future__ import annotations

import pytest

from graphs_helpers import make_session, run


@pytest.fixture
def s():
    return make_session(n=10)


def test_define_list_and_dir(s):
    run(s, "constraint 1 x = 2*z")
    run(s, "constraint define 12 [y]x + z = 1")
    out, rc = run(s, "constraint list")
    assert rc == 0 and out.splitlines() == ["     1:  x = 2*z", "    12:  [y]x + z = 1"]
    assert run(s, "constraint dir 12")[0].splitlines() == ["    12:  [y]x + z = 1"]
    assert run(s, "constraint dir 2/11")[0] == ""
    run(s, "constraint 1 z = 0")  # a number defined again is replaced
    assert s.constraints == {1: "z = 0", 12: "[y]x + z = 1"}


def test_drop_get_and_free(s):
    run(s, "constraint 1 x = 1")
    run(s, "constraint 2 z = 1")
    run(s, "constraint get 2")
    assert s.r == {"defined": 1.0, "contents": "z = 1"}
    run(s, "constraint free")
    assert s.r == {"free": "3"}
    run(s, "constraint drop 1 7")
    assert s.constraints == {2: "z = 1"}
    run(s, "constraint get 1")
    assert s.r == {"defined": 0.0}
    run(s, "constraint free")
    assert s.r == {"free": "1"}
    run(s, "constraint drop _all")
    assert s.constraints == {} and run(s, "constraint list")[0] == ""


def test_clear_all_drops_them(s):
    run(s, "constraint 5 x = 0")
    run(s, "clear")
    assert s.constraints == {5: "x = 0"}
    run(s, "clear all")
    assert s.constraints == {}


@pytest.mark.parametrize("command, message, code", [
    ("constraint 2000 x = 1", "constraint numbers must be between 1 and 1999", 198),
    ("constraint 1.5 x = 1", "constraint numbers must be between 1 and 1999", 198),
    ("constraint 3", "invalid syntax", 198),
    ("constraint drop", "invalid syntax", 198),
    ("constraint get", "invalid syntax", 198),
    ("constraint bogus", "unrecognized command:  constraint bogus", 199)])
def test_errors(s, command, message, code):
    out, rc = run(s, command, stop_on_error=False)
    assert rc == code and message in out, out
    assert s.constraints == {}


def test_help_page(s):
    out, rc = run(s, "help constraint")
    assert rc == 0 and "constraint drop" in out
