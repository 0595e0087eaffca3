"""``syntax``'s weight element ([P] syntax): the types a spec lists (full names or two-letter
abbreviations, as many ado files write ``[aw fw pw iw]``), `weight' holding the full name, the
first listed type for an untyped ``[weight=...]``, ``/`` for an `exp' without its ``=``, and
the refusal of a type the spec does not list."""
from __future__ import annotations

import pytest

DATA = """clear
set obs 5
generate x = _n
generate w = _n - 1
program define wfull
    syntax varlist [aweight fweight]
    display "[`weight'|`exp']"
end
program define wshort
    syntax varlist [pw fw iw]
    display "[`weight'|`exp']"
end
program define wbare
    syntax varlist [fw aw/]
    marksample touse
    quietly count if `touse'
    display "[`weight'|`exp'|" r(N) "]"
end
"""


@pytest.fixture
def session(new_session, run):
    session = new_session()
    out, rc = run(session, DATA)
    assert rc == 0, out
    return session


@pytest.mark.parametrize("line, shown", [
    ("wfull x [aw=w]", "[aweight|= w]"),
    ("wfull x [fweight=w]", "[fweight|= w]"),
    ("wfull x [weight=w]", "[aweight|= w]"),      # untyped: the first type the spec lists
    ("wfull x", "[|]"),
    ("wshort x [pweight=w]", "[pweight|= w]"),
    ("wshort x [iw=w]", "[iweight|= w]"),
    ("wshort x [weight=w]", "[pweight|= w]"),
    ("wbare x [fw=w]", "[fweight|w|4]"),           # `exp' without "="; marksample still reads it
])
def test_syntax_weight_locals(session, run, line, shown):
    out, rc = run(session, line)
    assert rc == 0, out
    assert out.strip().splitlines()[-1] == shown


@pytest.mark.parametrize("line, message", [
    ("wfull x [pw=w]", "pweights not allowed"),
    ("wshort x [aweight=w]", "aweights not allowed"),
])
def test_a_type_the_spec_does_not_list_is_refused(session, run, line, message):
    out, rc = run(session, line)
    assert rc == 101 and message in out


def test_a_word_that_is_no_weight_type_is_an_invalid_spec(session, run):
    out, rc = run(session, "program define bad\nsyntax varlist [fw xx]\nend\nbad x")
    assert rc == 197 and "invalid syntax specification" in out
