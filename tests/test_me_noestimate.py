"""``noestimate`` of the me commands ([SEM] gsem estimation options: "do not fit the model; show
starting values instead", in the coeflegend style): e(b) holds the full model's start, e(ll) the
log likelihood there, nothing is maximised.

Checked by hand: the default start is the fixed-effects logit (maximised here with scipy) with
var(_cons[id]) at the refining grid's first node .1; e(ll) is the random-intercept likelihood at
that point by a dense Gauss-Hermite rule; startvalues(zero) starts every coefficient at 0;
constraints() hold at the start; from(e(b)) of a noestimate run refits to the default fit."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import minimize
from scipy.special import expit


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(17)
    rows = []
    for g in range(1, 21):
        u = rng.normal(0, 0.9)
        for _ in range(15):
            x = rng.normal()
            rows.append((float(g), x, float(rng.random() < expit(-0.3 + 0.6 * x + u))))
    return pd.DataFrame(rows, columns=["id", "x", "y"])


def _loglik(df, b0, b1, var):
    t, w = np.polynomial.hermite.hermgauss(60)
    eta = (b0 + b1 * df["x"].to_numpy())[:, None] + np.sqrt(2 * var) * t[None, :]
    y = df["y"].to_numpy()[:, None]
    li = y * eta - np.logaddexp(0, eta)
    g = df["id"].to_numpy().astype(int) - 1
    per = np.zeros((g.max() + 1, len(t)))
    np.add.at(per, g, li)
    m = per.max(axis=1, keepdims=True)
    return float(np.sum(m[:, 0] + np.log(np.exp(per - m) @ (w / np.sqrt(np.pi)))))


def _b(s):
    return dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))


def test_default_start_posted_not_fitted(do, data):
    rc, out, s = do("melogit y x || id:, noestimate", df=data)
    assert rc == 0, out
    X, y = data["x"].to_numpy(), data["y"].to_numpy()
    res = minimize(lambda a: -np.sum(y * (a[0] + a[1] * X) - np.logaddexp(0, a[0] + a[1] * X)),
                   np.zeros(2), method="BFGS", options={"gtol": 1e-10})
    b = _b(s)
    assert b["y:_cons"] == pytest.approx(res.x[0], abs=1e-6) and b["y:x"] == pytest.approx(res.x[1], abs=1e-6)
    assert b["var(_cons[id]):_cons"] == pytest.approx(0.1, rel=1e-12)
    assert s.e.scalars["ll"] == pytest.approx(_loglik(data, res.x[0], res.x[1], 0.1), rel=1e-7)
    assert s.e.scalars["converged"] == 0
    assert "Fitting full model" not in out and "convergence not achieved" not in out
    assert "Refining starting values:" in out
    lines = out.splitlines()
    assert any(ln.split()[:1] == ["x"] and ln.rstrip().endswith("_b[x]") for ln in lines)
    assert any(ln.rstrip().endswith("_b[var(_cons[id]):_cons]") for ln in lines)
    assert "Std. Err." not in out and "Legend" in out


def test_startvalues_zero(do, data):
    rc, out, s = do("melogit y x || id:, startvalues(zero) noestimate", df=data)
    assert rc == 0, out
    b = _b(s)
    assert b["y:_cons"] == 0 and b["y:x"] == 0
    assert s.e.scalars["ll"] == pytest.approx(_loglik(data, 0.0, 0.0, b["var(_cons[id]):_cons"]), rel=1e-7)


def test_constraints_hold_at_the_start(do, data):
    rc, out, s = do("constraint 1 _b[x] = 0.5\nmelogit y x || id:, constraints(1) noestimate", df=data)
    assert rc == 0, out
    b = _b(s)
    assert b["y:x"] == pytest.approx(0.5, abs=1e-12)
    assert s.e.scalars["ll"] == pytest.approx(_loglik(data, b["y:_cons"], 0.5, b["var(_cons[id]):_cons"]), rel=1e-7)


def test_from_the_posted_start_refits_the_model(do, data):
    rc, out, s = do("melogit y x || id:, noestimate\nmatrix b0 = e(b)\n"
                    "melogit y x || id:, from(b0) nolog\nscalar ll1 = e(ll)\n"
                    "melogit y x || id:, nolog", df=data)
    assert rc == 0, out
    assert s.scalars["ll1"] == pytest.approx(s.e.scalars["ll"], rel=1e-9)


def test_meglm_gaussian_residual_variance_start(do, data):
    df = data.assign(z=data["x"] * 2 + data["y"])
    rc, out, s = do("meglm z x || id:, noestimate", df=df)
    assert rc == 0, out
    b = _b(s)
    X = np.column_stack([df["x"], np.ones(len(df))])
    coef, *_ = np.linalg.lstsq(X, df["z"].to_numpy(), rcond=None)
    assert b["z:x"] == pytest.approx(coef[0], abs=1e-6)
    resid = df["z"].to_numpy() - X @ coef
    assert b["var(e.z):_cons"] == pytest.approx(np.mean(resid ** 2), rel=1e-5)  # the ML residual variance
