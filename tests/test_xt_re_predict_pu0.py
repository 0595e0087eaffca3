"""predict after xtlogit, re and xtprobit, re (Stata's xtbin_p: xb, pu0, stdp): pu0 is
invlogit(xb) / normal(xb) with the label "Pr(y=1 assuming u_i=0)" -- it was ``option pu0 not
allowed``; the default prints xtbin_p's note; two statistics are its bare error 198."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import special


def _panel(seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(1, 41), 6)
    x = rng.normal(size=g.size)
    u = rng.normal(size=41)[g]
    y = (rng.random(g.size) < special.expit(-0.2 + 0.8 * x + u)).astype(float)
    return pd.DataFrame({"id": g.astype(float), "x": x, "y": y})


@pytest.mark.parametrize("cmd, F", [("xtlogit", special.expit), ("xtprobit", special.ndtr)])
def test_pu0_xb_stdp(do, cmd, F):
    rc, out, s = do(f"xtset id\nquietly {cmd} y x, re\npredict a\npredict p, pu0\npredict q if id <= 5, pu0\n"
                    "predict se, stdp", _panel())
    assert rc == 0, out
    assert "(option xb assumed; linear prediction)" in out.splitlines()
    assert "(210 missing values generated)" in out
    b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))
    d = s.data
    xb = b["y:x"] * d.numeric("x") + b["y:_cons"]
    np.testing.assert_allclose(d.numeric("a"), xb.astype(np.float32), rtol=1e-6)
    np.testing.assert_allclose(d.numeric("p"), F(xb).astype(np.float32), rtol=1e-6)
    q = d.numeric("q")
    assert np.isnan(q[d.numeric("id") > 5]).all()
    np.testing.assert_allclose(q[d.numeric("id") <= 5], F(xb[d.numeric("id") <= 5]).astype(np.float32), rtol=1e-6)
    assert (d.numeric("se") > 0).all()
    assert d.var_labels["a"] == "Linear prediction"
    assert d.var_labels["p"] == "Pr(y=1 assuming u_i=0)"
    assert d.var_labels["se"] == "S.E. of prediction of y"


@pytest.mark.parametrize("text, rc, message", [
    ("predict z, pu0 xb", 198, "invalid syntax"),
    ("predict z, pr stdp", 198, "invalid syntax"),  # pr itself is Stata 14's (test_predict_xtbinary_marginal_pr)
    ("predict x, pu0", 110, "variable x already defined"),
    ("predict x", 110, "variable x already defined"),
])
def test_errors(do, text, rc, message):
    rc0, _, s = do("xtset id\nquietly xtlogit y x, re", _panel())
    assert rc0 == 0
    got, out, s = do(text, session=s)
    assert got == rc and message in out.splitlines()
    assert "(option xb assumed" not in out
