"""``marksample``, ``mark`` and ``markout`` ([P] mark): the to-use variable of a program."""
from __future__ import annotations

import pytest

DATA = """clear
input x y str3 s w
1 2 "a" 1
. 3 "b" 2
3 . "" 0
4 5 "d" .
5 6 "e" 1
end
generate row = _n
program define showsample
    syntax varlist [if] [in] [fweight aweight] [, *]
    marksample touse, `options'
    local rows
    capture levelsof row if `touse', local(rows) separate(,)
    display "[`rows']"
end
"""


@pytest.fixture
def session(new_session, run):
    session = new_session()
    out, rc = run(session, DATA)
    assert rc == 0, out
    return session


def show(run, session, text: str) -> str:
    out, rc = run(session, text)
    assert rc == 0, out
    return out.strip().splitlines()[-1]


@pytest.mark.parametrize("line, rows", [
    ("showsample x y", "[1,4,5]"),
    ("showsample x", "[1,3,4,5]"),
    ("showsample x y if x > 1", "[4,5]"),
    ("showsample x y in 1/4", "[1,4]"),
    ("showsample x [fweight=w]", "[1,5]"),              # w = 0 and w = . are out
    ("showsample x [fweight=w], zeroweight", "[1,3,5]"),  # w = 0 stays, w = . is out
    ("showsample x y, novarlist", "[1,2,3,4,5]"),
    ("showsample x s", "[]"),                           # a string variable without strok: all out
    ("showsample x s, strok", "[1,4,5]"),               # with strok: its empty string is out
    ("showsample x if y > 2", "[3,4,5]"),               # y = . is > 2 (true): row 3 in
])
def test_marksample_after_syntax(session, run, line, rows):
    assert show(run, session, line) == rows


def test_marksample_makes_a_temporary_byte_variable_dropped_with_the_program(session, run):
    out, rc = run(session, "program define typeof\n syntax varlist\n marksample t\n"
                           " display \"`t' `:type `t''\"\nend\ntypeof x\ndescribe, short")
    assert rc == 0, out
    assert "__000000 byte" in out
    out, rc = run(session, "confirm variable __000000")
    assert rc == 111


def test_marksample_outside_a_program_without_syntax_marks_everything(session, run):
    # the locals syntax would fill are empty: no if, in, weight or varlist restricts
    out, rc = run(session, "marksample t\ncount if `t'")
    assert rc == 0 and out.strip().splitlines()[-1] == "5", out


def test_mark_and_markout(session, run):
    assert show(run, session, "mark m if x > 2\nlevelsof row if m, local(r) separate(,)\ndisplay \"[`r']\"") \
        == "[2,3,4,5]"                                  # x = . counts as > 2
    assert show(run, session, "markout m y\nlevelsof row if m, local(r) separate(,)\ndisplay \"[`r']\"") \
        == "[2,4,5]"
    assert show(run, session, "mark m2 [aweight=w]\nmarkout m2 s, strok\nlevelsof row if m2, local(r) separate(,)\n"
                              "display \"[`r']\"") == "[1,2,5]"


def test_markout_sysmissok_keeps_system_missing_only(session, run):
    out, rc = run(session, "replace x = .a in 1\nmark m\nmarkout m x, sysmissok\nlist m, noobs clean")
    assert rc == 0, out
    assert out.split()[-5:] == ["0", "1", "1", "1", "1"]


def test_markout_with_operators_and_factor_variables(session, run):
    out, rc = run(session, "generate t = _n\ntsset t\nmark m\nmarkout m L.y i.x\nlist m, noobs clean")
    assert rc == 0, out
    assert out.split()[-5:] == ["0", "0", "1", "0", "1"]  # L.y is missing in rows 1 and 4, x in row 2


@pytest.mark.parametrize("line, message, rc", [
    ("mark x", "variable x already defined", 110),
    ("mark", "invalid syntax", 198),
    ("marksample", "invalid syntax", 198),
    ("marksample a b", "invalid syntax", 198),
    ("marksample a, bogus", "option bogus not allowed", 198),
    ("markout", "varlist required", 100),
    ("markout nosuch x", "variable nosuch not found", 111),
    ("markout s x", "type mismatch", 109),
    ("markout x y if y", "if not allowed", 101),
])
def test_errors(session, run, line, message, rc):
    before, _ = run(session, "describe, short")
    out, code = run(session, line)
    assert code == rc and message in out, out
    assert run(session, "describe, short")[0] == before  # the data as before
