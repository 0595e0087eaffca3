"""xtologit/xtoprobit ``startgrid(numlist)`` ([XT] xtologit: "improve starting value of the
random-intercept parameter by performing a grid search"): meologit's startgrid(numlist) on
sigma2_u, the model's only variance.

Checked by hand: the full model's iteration 0 is the best of the random-intercept ordered logit
likelihoods (dense Gauss-Hermite) at the pooled ologit estimates (scipy) with sigma2_u at node 0
(.1) and at each value typed; the maximum reached is the default fit's."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import minimize
from scipy.special import expit


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(23)
    rows = []
    for g in range(1, 51):
        u = rng.normal(0, 1.6)
        for _ in range(8):
            x = rng.normal()
            s = 0.6 * x + u + rng.logistic()
            rows.append((float(g), x, 1.0 + (s > -0.5) + (s > 1.0)))
    return pd.DataFrame(rows, columns=["id", "x", "y"])


def _cell_probs(eta, cuts, y):
    lo = np.where(y == 1, 0.0, expit(cuts[np.clip(y.astype(int) - 2, 0, 1)] - eta))
    hi = np.where(y == 3, 1.0, expit(cuts[np.clip(y.astype(int) - 1, 0, 1)] - eta))
    return hi - lo


def _ologit(df):
    x, y = df["x"].to_numpy(), df["y"].to_numpy()
    f = lambda a: -np.sum(np.log(_cell_probs(a[0] * x, a[1:], y)))  # noqa: E731
    return minimize(f, np.array([0.0, -0.5, 0.5]), method="BFGS", options={"gtol": 1e-10}).x


def _loglik(df, b, cuts, var):
    t, w = np.polynomial.hermite.hermgauss(100)
    x, y = df["x"].to_numpy(), df["y"].to_numpy()
    u = np.sqrt(2 * var) * t
    with np.errstate(divide="ignore"):  # far nodes underflow to probability 0: weight 0 below
        li = np.log(_cell_probs(b * x[:, None] + u[None, :], cuts, y[:, None]))
    g = df["id"].to_numpy().astype(int) - 1
    per = np.zeros((g.max() + 1, len(t)))
    np.add.at(per, g, li)
    m = per.max(axis=1, keepdims=True)
    return float(np.sum(m[:, 0] + np.log(np.exp(per - m) @ (w / np.sqrt(np.pi)))))


def _full_model_start(out: str) -> float:
    tail = out.split("Fitting full model:", 1)[1]
    return float(re.search(r"Iteration 0:\s+log likelihood = +(\S+)", tail).group(1))


def test_grid_picks_the_best_node(do, data):
    rc, out, s = do("xtset id\nxtologit y x, startgrid(.5 2 4) intpoints(30)", df=data)
    assert rc == 0, out
    a = _ologit(data)
    lls = {v: _loglik(data, a[0], a[1:], v) for v in (0.1, 0.5, 2.0, 4.0)}
    best = max(lls, key=lls.get)
    assert best != 0.1  # the grid moved the start off node 0
    assert _full_model_start(out) == pytest.approx(lls[best], rel=2e-7)
    ll_grid = s.e.scalars["ll"]
    rc, out0, s = do("xtologit y x, intpoints(30)", session=s)
    assert rc == 0, out0
    assert _full_model_start(out0) != pytest.approx(_full_model_start(out), rel=1e-6)
    assert ll_grid == pytest.approx(s.e.scalars["ll"], rel=1e-9)


def test_xtoprobit_accepts_it(do, data):
    rc, out, s = do("xtset id\nxtoprobit y x, startgrid(1 3) nolog", df=data)
    assert rc == 0, out
    rc, _, s2 = do("xtset id\nxtoprobit y x, nolog", df=data)
    assert s.e.scalars["ll"] == pytest.approx(s2.e.scalars["ll"], rel=1e-9)


@pytest.mark.parametrize("typed", ["startgrid(0 1)", "startgrid(a b)", "startgrid(_cons[id])"])
def test_bad_grid(do, data, typed):
    rc, out, s = do(f"xtset id\nxtologit y x, {typed}", df=data)
    assert rc == 198 and f"option {typed} invalid" in out
