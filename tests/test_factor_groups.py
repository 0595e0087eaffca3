"""Parentheses inside factor-variable interactions ([U] 11.4.3): ``i.a##c.(x1 x2)``,
``i.a#c.(x1 x2)``, ``a#(b c)``, ``(a b)#c`` distribute over the group.  Seen in
tests/realworld/heldout/nor-solidarity (``mixed y i.rantrt##c.(time_1 time_2) || id: ...``)."""
from __future__ import annotations

import numpy as np

SETUP = ("clear\nset obs 90\ngenerate a = mod(_n, 3)\ngenerate b = mod(_n, 2)\ngenerate c = mod(_n, 5) > 2\n"
         "generate x1 = _n / 10\ngenerate x2 = sqrt(_n)\ngenerate g = mod(_n, 9)\n"
         "generate y = x1 + a * x2 + mod(_n * 7, 5) + b\n")


def _fit(run, s, text):
    out, rc = run(s, text)
    assert rc == 0, out
    return dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))


def test_group_in_factorial_matches_the_written_out_terms(new_session, run):
    s = new_session()
    grouped = _fit(run, s, SETUP + "regress y i.a##c.(x1 x2)")
    written = _fit(run, s, "regress y i.a x1 x2 i.a#c.x1 i.a#c.x2")
    assert set(grouped) == set(written)
    assert all(np.isclose(grouped[k], written[k]) for k in written)


def test_group_in_interaction_and_on_the_left(new_session, run):
    s = new_session()
    grouped = _fit(run, s, SETUP + "regress y i.a#c.(x1 x2)")
    written = _fit(run, s, "regress y i.a#c.x1 i.a#c.x2")
    assert grouped.keys() == written.keys() and all(np.isclose(grouped[k], written[k]) for k in written)
    grouped = _fit(run, s, "regress y a#(b c)")
    written = _fit(run, s, "regress y a#b a#c")
    assert grouped.keys() == written.keys()
    grouped = _fit(run, s, "regress y c.x1#(i.a)")  # a group of one
    written = _fit(run, s, "regress y c.x1#i.a")
    assert grouped.keys() == written.keys()
    grouped = _fit(run, s, "regress y (a b)#c.x1")
    written = _fit(run, s, "regress y a#c.x1 b#c.x1")
    assert grouped.keys() == written.keys()


def test_mixed_with_a_grouped_interaction(new_session, run):
    s = new_session()
    grouped = _fit(run, s, SETUP + "mixed y i.a##c.(x1 x2) || g: x1, covariance(unstructured)")
    written = _fit(run, s, "mixed y i.a x1 x2 i.a#c.x1 i.a#c.x2 || g: x1, covariance(unstructured)")
    fixed = [k for k in written if ":" not in k or k.startswith("y:")]  # variances sit at 0 here
    assert all(np.isclose(grouped[k], written[k], rtol=1e-5, atol=1e-7) for k in fixed), (grouped, written)


def test_bad_groups(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP + "regress y i.a#c.()")
    assert rc == 198, out
    out, rc = run(s, "regress y i.a#c.(x1 nosuch)")
    assert rc == 111, out


def test_bare_group_is_its_items(new_session, run):
    """A group with no operator, ``($x)``, stands for its items as typed (HRS rural-care
    replication, tests/realworld/heldout/anon-hrs-rural-care: ``svy: logit y i.a##i.b ($x)``)."""
    s = new_session()
    grouped = _fit(run, s, SETUP + "logit c i.a##i.b (c.x1 x2)")
    written = _fit(run, s, "logit c i.a##i.b c.x1 x2")
    assert grouped.keys() == written.keys() and all(np.isclose(grouped[k], written[k]) for k in written)
    grouped = _fit(run, s, "regress y ((i.a) x1)")  # nested
    written = _fit(run, s, "regress y i.a x1")
    assert grouped.keys() == written.keys()
    out, rc = run(s, "regress y (x1 nosuch)")
    assert rc == 111, out
