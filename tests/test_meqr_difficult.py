"""``difficult`` after xtmelogit/xtmepoisson/meqr*: _xtme_estimate's mlopts list ``DIFficult``
(ml's other stepping in nonconcave regions), so ``diff`` is accepted and the fit reaches the
same maximum as without it; two letters are not enough."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _counts(seed: int = 11) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(1, 31), 15)
    x = rng.normal(size=g.size)
    u = rng.normal(scale=0.5, size=31)[g]
    s = rng.normal(scale=0.3, size=31)[g]
    n = rng.poisson(np.exp(0.3 + (0.4 + s) * x + u))
    return pd.DataFrame({"g": g, "x": x, "n": n.astype(float)})


@pytest.mark.parametrize("command", ["meqrpoisson", "xtmepoisson"])
def test_difficult_reaches_the_same_maximum(new_session, run, command):
    s = new_session(_counts())
    out, rc = run(s, f"{command} n x || g: x, cov(unstr) nolog")
    assert rc == 0, out
    ll, b = s.e.scalars["ll"], s.e.matrices["b"].values[0].copy()
    out, rc = run(s, f"{command} n x || g: x, cov(unstr) diff lap nolog")
    assert rc == 0, out
    assert s.e.macros["laplace"] == "laplace"
    out, rc = run(s, f"{command} n x || g: x, cov(unstr) dif nolog")
    assert rc == 0, out
    assert s.e.scalars["ll"] == pytest.approx(ll, abs=1e-6)
    np.testing.assert_allclose(s.e.matrices["b"].values[0], b, atol=1e-4)


def test_two_letters_are_not_difficult(new_session, run):
    s = new_session(_counts())
    out, rc = run(s, "meqrpoisson n x || g:, di")
    assert rc == 198 and "option di not allowed" in out
