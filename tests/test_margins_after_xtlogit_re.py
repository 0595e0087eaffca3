"""``margins`` after ``xtlogit, re`` and ``xtprobit, re`` uses their predict (xtbin_p): xb by
default ("Linear prediction, predict()"), ``predict(pu0)`` = g^-1(xb) ("Pr(y=1 assuming
u_i=0)"); mlm gave the me commands' "Predicted mean, fixed portion only" by default and
refused pu0.  Seen in tests/realworld/heldout/anon-gss-joblose (``margins, predict(pu0)
dydx(*)``)."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import special

SETUP = ("clear\nset obs 300\ngenerate id = ceil(_n / 3)\ngenerate x = mod(_n * 37, 101) / 25\n"
         "generate z = mod(_n, 2)\ngenerate y = (x + mod(id * 13, 7) / 2 + mod(_n * 29, 11) / 4 > 3.6)\n"
         "xtset id\n")


def test_default_is_the_linear_prediction(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP + "quietly xtlogit y x z, re\nmargins, dydx(x)")
    assert rc == 0, out
    assert "Expression   : Linear prediction, predict()" in out
    b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))
    assert s.r["b"].values[0, 0] == pytest.approx(b["y:x"] if "y:x" in b else b["x"], rel=1e-9)


@pytest.mark.parametrize("command,link", [("xtlogit", special.expit), ("xtprobit", special.ndtr)])
def test_pu0_margin_and_slope(new_session, run, command, link):
    s = new_session()
    out, rc = run(s, SETUP + f"quietly {command} y x z, re\npredict double xb1, xb\nmargins, predict(pu0)")
    assert rc == 0, out
    assert "Expression   : Pr(y=1 assuming u_i=0), predict(pu0)" in out
    xb = s.data.numeric("xb1")
    assert s.r["b"].values[0, 0] == pytest.approx(link(xb).mean(), rel=1e-9)
    out, rc = run(s, "margins, predict(pu0) dydx(x)")
    assert rc == 0, out
    bx = s.e.matrices["b"].values[0][list(s.e.matrices["b"].colnames).index("y:x")]
    h = 1e-6
    slope = ((link(xb + h * bx) - link(xb - h * bx)) / (2 * h)).mean()
    assert s.r["b"].values[0, 0] == pytest.approx(slope, rel=1e-6)


def test_other_statistics(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP + "quietly xtlogit y x z, re\nmargins, predict(mu)")
    assert rc == 198 and "option mu not allowed" in out
    out, rc = run(s, "margins, predict(stdp)")
    assert rc == 198, out
    out, rc = run(s, "margins, predict(xb pu0)")
    assert rc == 198, out
