"""_b[/name] in lincom/test is _b[name:_cons] (an ancillary parameter's equation: tobit's sigma,
nbreg's and menbreg's lnalpha, meglm gamma's logs); display already read it that way."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def data():
    rng = np.random.default_rng(8)
    n = 200
    x = rng.normal(size=n)
    return pd.DataFrame({"x": x, "y": np.maximum(0, 0.4 + x + rng.normal(size=n)),
                         "c": rng.negative_binomial(2, 1 / (1 + np.exp(0.5 + 0.3 * x) / 2))})


@pytest.mark.parametrize("fit, eq", [("tobit y x, ll(0)", "sigma"), ("nbreg c x", "lnalpha")])
def test_slash_name_is_the_equations_constant(do, data, fit, eq):
    rc, out, s = do(f"quietly {fit}\nlincom _b[/{eq}]", df=data)
    assert rc == 0, out
    assert f"( 1)  [{eq}]_cons = 0" in out
    cols = list(s.e.matrices["b"].colnames)
    j = cols.index(f"{eq}:_cons")
    assert s.r["estimate"] == pytest.approx(s.e.matrices["b"].values[0][j], rel=1e-12)
    assert s.r["se"] == pytest.approx(np.sqrt(s.e.matrices["V"].values[j, j]), rel=1e-12)
    rc, out, s = do(f"test _b[/{eq}] = 1", session=s)
    assert rc == 0 and f"[{eq}]_cons = 1" in out


def test_unknown_slash_name_is_not_found(do, data):
    rc, out, _ = do("quietly tobit y x, ll(0)\nlincom _b[/nosuch]", df=data)
    assert rc == 111 and "/nosuch not found" in out
