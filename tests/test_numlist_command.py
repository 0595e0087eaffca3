"""``numlist`` ([P] numlist): r(numlist) and its checks with Stata's messages and return codes."""
from __future__ import annotations

import pytest


@pytest.fixture
def session(new_session):
    return new_session()


@pytest.mark.parametrize("line, expanded", [
    ('numlist "1/3 8(2)12"', "1 2 3 8 10 12"),
    ('numlist "1,2,3/5,8,10 to 12"', "1 2 3 4 5 8 10 12"),        # [U] 11.1.8's eight numbers
    ('numlist "10 15:30"', "10 15 20 25 30"),
    ('numlist "4 3 to 1"', "4 3 2 1"),
    ('numlist "-1(.5)2.5"', "-1 -.5 0 .5 1 1.5 2 2.5"),
    ('numlist "9[-2]1"', "9 7 5 3 1"),
    ("numlist 5/1", "5 4 3 2 1"),
    ('numlist "0(.1).3"', "0 .1 .2 .3"),
    ('numlist "3 1 .a 2", missingokay sort', "1 2 3 .a"),
    ('numlist "", min(0)', ""),
    ('numlist "1/5", range(>=1 <=5) integer ascending', "1 2 3 4 5"),
])
def test_expanded_list(session, run, line, expanded):
    out, rc = run(session, f"{line}\ndisplay \"[`r(numlist)']\"")
    assert rc == 0, out
    assert out.strip().splitlines()[-1] == f"[{expanded}]"


@pytest.mark.parametrize("line, message, rc", [
    ('numlist "1 x"', "invalid numlist", 121),
    ('numlist "1 2 to"', "invalid numlist", 121),
    ('numlist ""', "invalid numlist has too few elements", 122),
    ('numlist "1/3", min(4)', "invalid numlist has too few elements", 122),
    ('numlist "1/3", max(2)', "invalid numlist has too many elements", 123),
    ('numlist "1/1601"', "invalid numlist has too many elements", 123),
    ('numlist "1 3 2", ascending', "invalid numlist has elements out of order", 124),
    ('numlist "1 1", ascending', "invalid numlist has elements out of order", 124),
    ('numlist "3 2 2", descending', "invalid numlist has elements out of order", 124),
    ('numlist "1/5", range(>=0 <5)', "invalid numlist has elements outside of allowed range", 125),
    ('numlist "1 1.5", integer', "invalid numlist has noninteger elements", 126),
    ('numlist "1 ."', "invalid numlist has missing values", 127),
    ('numlist "1", range(>= 0)', "invalid syntax", 198),
    ('numlist "1", max(1601)', "option max() incorrectly specified", 198),
    ('numlist "1", bogus', "option bogus not allowed", 198),
])
def test_errors(session, run, line, message, rc):
    out, code = run(session, line)
    assert code == rc and out.strip().splitlines()[-2] == message, out


SYNTAX_PROGRAM = """program define p1
    syntax [, Levels(numlist max=3 >0 integer) At(numlist sort)]
    display "[`levels'] [`at']"
end
"""


@pytest.mark.parametrize("line, expected, message, rc", [
    ("p1, levels(1/3) at(3 1 2)", "[1 2 3] [1 2 3]", None, 0),
    ("p1, lev(2 4)", "[2 4] []", None, 0),
    ("p1", "[] []", None, 0),
    ("p1, levels(1/4)", None, "levels() invalid -- invalid numlist has too many elements", 123),
    ("p1, levels(0 1)", None, "levels() invalid -- invalid numlist has elements outside of allowed range", 125),
    ("p1, levels(1.5)", None, "levels() invalid -- invalid numlist has noninteger elements", 126),
    ("p1, at(1 x)", None, "at() invalid -- invalid numlist", 121),
])
def test_syntax_numlist_options_are_expanded_and_checked(session, run, line, expected, message, rc):
    """syntax's name(numlist ...) options (the "pr() invalid -- invalid numlist has too few elements"
    form is what published logs show syntax printing)."""
    out, code = run(session, SYNTAX_PROGRAM + line)
    assert code == rc, out
    last = out.strip().splitlines()[-1 if rc == 0 else -2]
    assert last == (expected if rc == 0 else message)
