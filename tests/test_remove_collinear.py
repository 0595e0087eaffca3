"""``_rmcoll`` ([P] _rmcoll): r(varlist) with collinear variables flagged o., and its notes."""
from __future__ import annotations

import pytest

DATA = """clear
input y x1 x2 a b w
1 1 2 0 1 1
2 2 4 1 1 1
3 3 1 0 2 2
4 1 5 1 2 0
5 2 . 2 1 1
6 5 3 2 1 1
end
generate x3 = x1 + x2
generate k = 7
"""


@pytest.fixture
def session(new_session, run):
    session = new_session()
    out, rc = run(session, DATA)
    assert rc == 0, out
    return session


@pytest.mark.parametrize("line, notes, varlist", [
    ("_rmcoll x1 x2 x3", ["x3 omitted because of collinearity"], "x1 x2 o.x3"),
    ("_rmcoll x3 x1 x2", ["x2 omitted because of collinearity"], "x3 x1 o.x2"),  # the later one goes
    ("_rmcoll x1 x2 x3, forcedrop", ["x3 omitted because of collinearity"], "x1 x2"),
    ("_rmcoll x1 x2 x3, collinear", [], "x1 x2 x3"),
    ("_rmcoll x1 k", ["k omitted because of collinearity"], "x1 o.k"),      # collinear with _cons
    ("_rmcoll x1 k, noconstant", [], "x1 k"),
    ("_rmcoll x1 x2 x3 if y < 3", ["x2 omitted because of collinearity", "x3 omitted because of collinearity"],
     "x1 o.x2 o.x3"),                                  # on rows 1-2, x2 = 2 x1
    ("_rmcoll x1 x2 x3 [fweight=w]", ["x3 omitted because of collinearity"], "x1 x2 o.x3"),
    ("_rmcoll i.a x1", [], "i.a x1"),
    ("_rmcoll i.a x1, expand", [], "0b.a 1.a 2.a x1"),
    ("_rmcoll i.a#i.b", ["2o.a#2o.b identifies no observations in the sample"],
     "0b.a#1b.b 0.a#2.b 1.a#1.b 1.a#2.b 2.a#1.b 2o.a#2o.b"),
])
def test_rmcoll(session, run, line, notes, varlist):
    out, rc = run(session, f"{line}\ndisplay \"[`r(varlist)']\"")
    assert rc == 0, out
    lines = out.strip().splitlines()
    assert [ln[len("note: "):] for ln in lines if ln.startswith("note: ")] == notes
    assert lines[-1] == f"[{varlist}]"


def test_k_omitted(session, run):
    out, rc = run(session, "_rmcoll x1 x2 x3 if y < 3\nreturn list")
    assert rc == 0 and "r(k_omitted) =  2" in out, out


@pytest.mark.parametrize("line, message, rc", [
    ("_rmcoll", "varlist required", 100),
    ("_rmcoll x1 if y > 10", "no observations", 2000),
    ("_rmcoll x1, logit", "option logit not allowed", 198),
    ("_rmcoll nosuch", "variable nosuch not found", 111),
])
def test_errors(session, run, line, message, rc):
    out, code = run(session, line)
    assert code == rc and message in out, out
