"""margins, expression(): a predict() part that reads the rows (an offset or exposure, streg's
_t) is evaluated through the prediction's row_response, as margins' own predict() is --
expression(predict(n)) after poisson with exposure() is predict(n)'s margin (the exposure was
left out before)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def counts():
    rng = np.random.default_rng(5)
    n = 200
    x = rng.normal(size=n)
    t = rng.uniform(1, 4, size=n)
    y = rng.poisson(t * np.exp(0.3 + 0.5 * x))
    return pd.DataFrame({"y": y.astype(float), "x": x, "t": t})


def _table(s):
    t = s.r["table"].values
    return t[0], t[1]


def test_expression_keeps_the_exposure(do, counts):
    rc, out, s = do("quietly poisson y x, exposure(t)\nmargins, predict(n)", df=counts)
    assert rc == 0, out
    plain = _table(s)
    rc, out, s = do("margins, expression(predict(n))", session=s)
    assert rc == 0, out
    expr = _table(s)
    assert expr[0][0] == pytest.approx(plain[0][0], rel=1e-10)
    assert expr[1][0] == pytest.approx(plain[1][0], rel=1e-7)
    b = s.e.matrices["b"].values[0]
    mu = counts.t * np.exp(b[0] * counts.x + b[1])
    assert expr[0][0] == pytest.approx(mu.mean(), rel=1e-10)
