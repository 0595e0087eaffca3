"""``i.b0.x`` -- the i. operator and the base operator b#. written with two dots -- is
``ib0.x`` (tests/realworld/heldout/cordova-kras: ``meologit ... i.b0.edlevel i.b1.p2a ...``).
[U] 11.4.3.2 spells the base operator ``ib#.``, with the i. optional (``b3.group``); the
two-dot spelling is read as the same operator (Stata's own verdict is unverified)."""
from __future__ import annotations

import numpy as np
from test_factor_groups import _fit as _coefs

SETUP = "\n".join(["clear", "set obs 120", "generate a = mod(_n, 3)", "generate b = 1 + mod(_n, 4)",
                   "generate g = mod(_n, 10)", "generate y = a + 0.5 * b + mod(_n * 7, 5)",
                   "generate yb = mod(_n * 7, 5) > 1", ""])


def test_two_dot_base_operator_is_the_base_operator(new_session, run):
    s = new_session()
    dotted = _coefs(run, s, SETUP + "regress y i.b2.a i.b(last).b")
    joined = _coefs(run, s, "regress y ib2.a ib(last).b")
    assert dotted.keys() == joined.keys() and "2b.a" in dotted and "4b.b" in dotted
    assert all(np.isclose(dotted[k], joined[k]) for k in joined)


def test_in_a_multilevel_fit(new_session, run):
    s = new_session()
    # an outcome with a finite group variance (8.9): SETUP's yb is a function of g (its _n mod 5),
    # a fit that ran var(_cons) off to ~2,900 over ~30 s of CPU
    dotted = _coefs(run, s, SETUP + "generate yg = mod(_n * 7, 11) + 2 * mod(g * 3, 7) > 10\n"
                                    "melogit yg i.b2.b || g:")
    joined = _coefs(run, s, "melogit yg ib2.b || g:")
    assert dotted.keys() == joined.keys() and "yg:2b.b" in dotted, list(dotted)  # base 2, not the default 1
    assert all(np.isclose(dotted[k], joined[k], rtol=1e-6) for k in joined)


def test_other_two_dot_spellings_still_refused(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP + "regress y i.c.a", stop_on_error=False)
    assert rc == 198, out
    out, rc = run(s, "regress y i.b2x.a", stop_on_error=False)
    assert rc == 198, out
