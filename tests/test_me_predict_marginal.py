"""``predict ..., mu|pr marginal`` after the me commands (Stata 14+): the mean integrated over
the random-effects distribution, checked against an independent fine-grid numeric integral."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _data(seed=3, groups=30, per=6):
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(1, groups + 1), per)
    x = rng.normal(size=g.size)
    u = np.repeat(rng.normal(scale=1.0, size=groups), per)
    s = np.repeat(rng.normal(scale=0.5, size=groups), per)
    eta = -0.3 + 0.8 * x + u + s * x
    y = (rng.uniform(size=g.size) < 1 / (1 + np.exp(-eta))).astype(float)
    k = np.digitize(eta + rng.logistic(size=g.size), [-1.0, 0.5]) + 1.0
    return pd.DataFrame({"y": y, "k": k, "x": x, "g": g.astype(float)})


def _grid_integral(fn, sd):
    """int fn(sd * u) phi(u) du on a fine trapezoid grid (independent of Gauss-Hermite)."""
    u = np.linspace(-10, 10, 20001)
    dens = np.exp(-0.5 * u * u) / np.sqrt(2 * np.pi)
    return np.array([np.trapezoid(fn(i, s * u) * dens, u) for i, s in enumerate(sd)])


def _fit(new_session, run, cmd):
    s = new_session(_data())
    out, rc = run(s, cmd)
    assert rc == 0, out
    return s


def test_random_intercept_marginal_probability(new_session, run):
    s = _fit(new_session, run, "quietly melogit y x || g:, intpoints(30)\npredict pm, pr marginal\n"
             "predict mu0, mu marginal")
    fit = s.e.model
    sig2 = float(fit.re_covariance(0)[0, 0])
    xb = fit.beta[0] * s.data.df["x"].to_numpy() + fit.beta[1]
    want = _grid_integral(lambda i, v: 1 / (1 + np.exp(-(xb[i] + v))), np.full(len(xb), np.sqrt(sig2)))
    got = s.data.df["pm"].to_numpy()
    assert np.allclose(got, want, atol=1e-7)
    assert np.allclose(s.data.df["mu0"].to_numpy(), got)
    # the population average is flatter than the conditional-at-zero curve
    cond = 1 / (1 + np.exp(-xb))
    assert np.all(np.abs(got - 0.5) <= np.abs(cond - 0.5) + 1e-12)


def test_random_slope_marginal_mean(new_session, run):
    s = _fit(new_session, run, "quietly melogit y x || g: x, cov(un) intpoints(7)\n"
             "predict pm, marginal intpoints(40)")
    fit = s.e.model
    S = np.asarray(fit.re_covariance(0))
    x = s.data.df["x"].to_numpy()
    names = list(fit.re_terms()[0].names)
    Z = np.column_stack([x if n == "x" else np.ones_like(x) for n in names])
    sd = np.sqrt(np.einsum("ij,jk,ik->i", Z, S, Z))
    xb = fit.beta[0] * x + fit.beta[1]
    want = _grid_integral(lambda i, v: 1 / (1 + np.exp(-(xb[i] + v))), sd)
    assert np.allclose(s.data.df["pm"].to_numpy(), want, atol=1e-7)


def test_ordinal_outcome_marginal(new_session, run):
    s = _fit(new_session, run, "quietly meologit k x || g:, intpoints(30)\n"
             "predict p1, pr marginal outcome(#1)\npredict p3, pr marginal outcome(3)")
    fit = s.e.model
    x = s.data.df["x"].to_numpy()
    sd = np.full(len(x), np.sqrt(float(fit.re_covariance(0)[0, 0])))
    cut = np.asarray(fit.anc, float)
    xb = fit.beta[0] * x
    F = lambda t: 1 / (1 + np.exp(-t))  # noqa: E731
    p1 = _grid_integral(lambda i, v: 1 - F(xb[i] + v - cut[0]), sd)
    p3 = _grid_integral(lambda i, v: F(xb[i] + v - cut[-1]), sd)
    assert np.allclose(s.data.df["p1"].to_numpy(), p1, atol=1e-7)
    assert np.allclose(s.data.df["p3"].to_numpy(), p3, atol=1e-7)


@pytest.mark.parametrize("opts", ["reffects marginal", "mu marginal fixedonly", "eta marginal",
                                  "xb marginal", "mu marginal modes"])
def test_marginal_refused_where_stata_refuses(new_session, run, opts):
    s = _fit(new_session, run, "quietly melogit y x || g:")
    out, rc = run(s, f"predict z, {opts}")
    assert rc == 198, out
    assert "z" not in s.data.df.columns


def test_stub_star_after_an_ordinal_fit(new_session, run):
    """``predict stub*, mu`` after meologit/meglm family(ordinal): one variable per outcome, the
    same as three names typed; ``predict stub*, eta``: one variable, stub1 (the me commands'
    {stub*|newvarlist}; heldout/paul-johnson/ex_11_2.do)."""
    s = _fit(new_session, run, "quietly meologit k x || g:\npredict m*, mu\npredict q1 q2 q3, pr\n"
             "predict e*, eta\npredict e0, eta")
    df = s.data.df
    for i in (1, 2, 3):
        assert np.allclose(df[f"m{i}"], df[f"q{i}"])
    assert np.allclose(df["e1"], df["e0"]) and "e2" not in df.columns
    out, rc = run(s, "predict m*, mu")
    assert rc == 110, out
