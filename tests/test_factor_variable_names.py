"""``fvexpand`` and ``fvunab`` ([P] fvexpand, [P] unab): factor-variable lists for programs."""
from __future__ import annotations

import pytest

DATA = """clear
input a b x str2 s g
0 1 1.5 "a" 1
1 1 2 "b" 2
0 2 3 "c" 3
1 2 . "d" .
2 1 4 "e" 1
end
"""


@pytest.fixture
def session(new_session, run):
    session = new_session()
    out, rc = run(session, DATA)
    assert rc == 0, out
    return session


def last_line(run, session, text: str) -> str:
    out, rc = run(session, text)
    assert rc == 0, out
    return out.strip().splitlines()[-1]


@pytest.mark.parametrize("varlist, expanded", [
    ("i.a", "0b.a 1.a 2.a"),
    ("ib1.a", "0.a 1b.a 2.a"),
    ("i.g", "1b.g 2.g 3.g"),                           # g's missing value is no level
    ("i.a if a < 2", "0b.a 1.a"),
    ("i.a in 1/2", "0b.a 1.a"),
    ("i.a#i.b", "0b.a#1b.b 0b.a#2o.b 1o.a#1b.b 1.a#2.b 2o.a#1b.b 2o.a#2o.b"),  # 2,2 is empty
    ("c.x#i.a x", "0b.a#co.x 1.a#c.x 2.a#c.x x"),
    ("a##b", "0b.a 1.a 2.a 1b.b 2.b 0b.a#1b.b 0b.a#2o.b 1o.a#1b.b 1.a#2.b 2o.a#1b.b 2o.a#2o.b"),
    ("x b", "x b"),
])
def test_fvexpand(session, run, varlist, expanded):
    assert last_line(run, session, f"fvexpand {varlist}\ndisplay \"`r(varlist)'\"") == expanded


def test_fvexpand_flags(session, run):
    out, rc = run(session, "fvexpand i.a x\nreturn list")
    assert rc == 0 and 'r(fvops) : "true"' in out and "tsops" not in out, out
    out, rc = run(session, "fvexpand x b\nreturn list")
    assert rc == 0 and "fvops" not in out and 'r(varlist) : "x b"' in out, out
    out, rc = run(session, "generate t = _n\ntsset t\nfvexpand L.x\nreturn list")
    assert rc == 0 and 'r(tsops) : "true"' in out and "fvops" not in out, out


@pytest.mark.parametrize("varlist, expanded", [
    ("i.(a b) c.x#i.a x g", "i.a i.b c.x#i.a x g"),
    ("ib2.a a##c.x", "ib2.a a##c.x"),
    ("i.(a-x)", "i.a i.b i.x"),
    ("i.a#c.(b x)", "i.a#c.b i.a#c.x"),
])
def test_fvunab(session, run, varlist, expanded):
    assert last_line(run, session, f"fvunab v : {varlist}\ndisplay \"`v'\"") == expanded


@pytest.mark.parametrize("line, message, rc", [
    ("fvunab v : i.nosuch", "variable nosuch not found", 111),
    ("fvunab v : i.a x, max(1)", "too many variables specified", 103),
    ("fvunab v : i.a, min(2) name(indep)", "indep:  too few variables specified", 102),
    ("fvunab v i.a", "invalid syntax", 198),
    ("fvexpand i.x", "x:  factor variables may not contain noninteger values", 452),
    ("fvexpand i.nosuch", "variable nosuch not found", 111),
    ("fvexpand i.a, bogus", "option bogus not allowed", 198),
])
def test_errors(session, run, line, message, rc):
    out, code = run(session, line)
    assert code == rc and message in out, out
