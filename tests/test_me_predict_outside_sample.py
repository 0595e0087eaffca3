"""``predict`` after ``melogit ... if id != 3``: what Stata 13 predicts outside e(sample).

Stata's meglm_p hands the empirical Bayes statistics to gsem_p, whose Stata 13 behaviour
(kept under version control, ``_caller() < 14.2``) is: the posterior means are computed from the
estimation sample only (``esample = e(sample)``), then ``FILL`` copies each group's value to the
other if/in observations of that group (``bysort gvars (var): replace var = var[1] if touse``)
and sets the rest missing.  So:

- a group with observations in e(sample) gets its EB prediction from those observations only,
  on every row of the group (also rows outside e(sample): a missing outcome, an ``if``);
- a group wholly outside e(sample) (``id == 3`` here) gets missing reffects, mu and eta;
- ``xb`` and ``mu, fixedonly`` need no random effects and are predicted on every row.

(Stata 14.2+ computes the EB predictions on the if/in rows from their own data instead; that
is not the Stata 13 behaviour mlmcli follows.)  Checked against a hand computation: the
posterior mean of u_j by dense quadrature of f(y_j | u) phi(u; 0, var) over the group's
estimation rows, at e(b)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.special import expit


@pytest.fixture(scope="module")
def fitted(do):
    rng = np.random.default_rng(31)
    rows = []
    for g in range(1, 21):
        u = rng.normal(0, 1.0)
        for _ in range(12):
            x = rng.normal()
            rows.append((float(g), x, float(rng.random() < expit(-0.2 + 0.7 * x + u))))
    df = pd.DataFrame(rows, columns=["id", "x", "y"])
    df.loc[40, "y"] = np.nan  # id 4: a row outside e(sample) by its missing outcome
    rc, out, s = do("melogit y x if id != 3 & _n != 42 || id:, intpoints(20) nolog\n"  # _n 42 (id 4): by the if
                    "predict mu\npredict re, reffects\npredict eta, eta\npredict xb, xb\n"
                    "predict mufix, mu fixedonly\npredict mu4 if id == 4", df=df)
    assert rc == 0, out
    return df, s, out


def _eb_mean(y, eta_fixed, var):
    """E(u | y_j) for the logit random intercept by a dense Gauss-Hermite rule (exact enough)."""
    t, w = np.polynomial.hermite.hermgauss(80)
    u = np.sqrt(2 * var) * t
    eta = eta_fixed[:, None] + u[None, :]
    ll = np.sum(y[:, None] * eta - np.logaddexp(0, eta), axis=0)
    k = w * np.exp(ll - ll.max())
    return float(np.sum(k * u) / np.sum(k))


def _column(s, name):
    return s.data.df[name].to_numpy(float)


def test_eb_means_use_the_estimation_rows_and_fill_the_group(fitted):
    df, s, _ = fitted
    b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))
    var = b["var(_cons[id]):_cons"]
    esample = np.asarray(s.e.sample, bool)
    assert not esample[40] and not esample[41] and not esample[(df["id"] == 3).to_numpy()].any()
    re, mu, eta = _column(s, "re"), _column(s, "mu"), _column(s, "eta")
    x = df["x"].to_numpy()
    for g in (1, 4, 20):
        rows = (df["id"] == g).to_numpy()
        use = rows & esample
        want = _eb_mean(df["y"].to_numpy()[use], b["y:_cons"] + b["y:x"] * x[use], var)
        assert re[rows] == pytest.approx(np.full(rows.sum(), want), abs=1e-6)  # intpoints(20)
        assert eta[rows] == pytest.approx(b["y:_cons"] + b["y:x"] * x[rows] + want, abs=2e-5)
        assert mu[rows] == pytest.approx(expit(b["y:_cons"] + b["y:x"] * x[rows] + want), abs=1e-5)
    # rows 41 (y missing) and 42 (the if) are in group 4: its value, from its sample rows only;
    # row 42's outcome, were it used, would move the prediction well beyond the tolerance
    g4 = (df["id"] == 4).to_numpy()
    with_42 = g4 & (esample | (np.arange(len(df)) == 41))
    other = _eb_mean(df["y"].to_numpy()[with_42], b["y:_cons"] + b["y:x"] * x[with_42], var)
    assert abs(other - re[41]) > 1e-2 and np.isfinite(mu[40]) and np.isfinite(mu[41])


def test_group_outside_the_sample_is_missing(fitted):
    df, s, out = fitted
    g3 = (df["id"] == 3).to_numpy()
    for name in ("re", "mu", "eta"):
        assert np.all(np.isnan(_column(s, name)[g3]))
        assert np.all(np.isfinite(_column(s, name)[~g3]))
    assert "(12 missing values generated)" in out


def test_fixed_portion_everywhere(fitted):
    df, s, _ = fitted
    b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))
    xb = b["y:_cons"] + b["y:x"] * df["x"].to_numpy()
    assert _column(s, "xb") == pytest.approx(xb, rel=1e-6)  # float storage
    assert _column(s, "mufix") == pytest.approx(expit(xb), rel=1e-6)


def test_if_restricts_the_rows_filled(fitted):
    df, s, _ = fitted
    g4 = (df["id"] == 4).to_numpy()
    mu4 = _column(s, "mu4")
    assert np.all(np.isnan(mu4[~g4]))
    assert mu4[g4] == pytest.approx(_column(s, "mu")[g4], abs=1e-12)
