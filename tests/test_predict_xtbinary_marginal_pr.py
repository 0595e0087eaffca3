"""``predict newvar, pr`` after ``xtlogit, re`` / ``xtprobit, re`` (tenth held-out batch of real
do-files; the standing held-out failure of heldout/anon-union-mundlak):

Stata 14 added ``pr`` to xtbin_p (xtlogit postestimation: "pr calculates the probability of a
positive outcome that is marginal with respect to the random effect, which means that the
probability is calculated by integrating the prediction function with respect to the random
effect over its entire support"); xtbin_p 1.1.1 passes it to _xtcmd_p, which predicts gsem's
marginal probability with ``e(n_quad)`` quadrature points (``intpoints()`` another number) and
labels the variable "Pr(depvar=1)".  The expected numbers are computed here from the fit's own
coefficients: the Gauss-Hermite rule of numpy, and scipy's adaptive quadrature of the same
integral (which the rule must approach)."""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import integrate, special, stats


def _panel(seed: int = 31, groups: int = 50, size: int = 6) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    gid = np.repeat(np.arange(1, groups + 1), size)
    x = rng.normal(size=gid.size)
    u = rng.normal(0, 1.5, groups)[gid - 1]
    y = (rng.random(gid.size) < special.expit(-0.3 + 0.8 * x + u)).astype(float)
    return pd.DataFrame({"id": gid.astype(float), "x": x, "y": y})


def _gh_marginal(cdf, xb, sigma, points):
    t, w = np.polynomial.hermite.hermgauss(points)
    return sum(wk * cdf(xb + np.sqrt(2.0) * sigma * tk) for tk, wk in zip(t, w)) / np.sqrt(np.pi)


def _fit(s, run, command):
    out, rc = run(s, f"xtset id\n{command} y x, nolog\nscalar bx = _b[x]\nscalar bc = _b[_cons]\n"
                     "scalar su = e(sigma_u)")
    assert rc == 0, out
    xb = s.scalars["bx"] * s.data.df["x"].to_numpy() + s.scalars["bc"]
    return xb, s.scalars["su"]


def test_xtlogit_pr_is_the_probability_integrated_over_the_random_effect(new_session, run):
    s = new_session(_panel())
    xb, su = _fit(s, run, "xtlogit")
    out, rc = run(s, "predict double p, pr\npredict double p7, pr intpoints(7)\npredict p0, pu0")
    assert rc == 0, out
    df = s.data.df
    np.testing.assert_allclose(df["p"], _gh_marginal(special.expit, xb, su, 12), rtol=1e-10)
    np.testing.assert_allclose(df["p7"], _gh_marginal(special.expit, xb, su, 7), rtol=1e-10)
    exact = [integrate.quad(lambda u, v=v: special.expit(v + u) * stats.norm.pdf(u, scale=su), -np.inf, np.inf)[0]
             for v in xb[:5]]
    np.testing.assert_allclose(df["p"].to_numpy()[:5], exact, atol=1e-4)
    # the marginal probability is pulled toward 1/2 relative to the one at u_i = 0
    assert np.all(np.abs(df["p"] - 0.5) < np.abs(df["p0"] - 0.5) + 1e-12)
    assert s.data.var_labels["p"] == "Pr(y=1)"


def test_xtprobit_pr_matches_the_closed_form(new_session, run):
    s = new_session(_panel(seed=5))
    xb, su = _fit(s, run, "xtprobit")
    out, rc = run(s, "predict double q, pr")
    assert rc == 0, out
    # for the probit link the integral is Phi(xb / sqrt(1 + sigma_u^2)); 12 points come close
    np.testing.assert_allclose(s.data.df["q"], stats.norm.cdf(xb / np.sqrt(1 + su ** 2)), atol=1e-5)
    np.testing.assert_allclose(s.data.df["q"], _gh_marginal(special.ndtr, xb, su, 12), rtol=1e-10)


def test_pr_with_another_statistic_or_bad_intpoints_is_refused(new_session, run):
    s = new_session(_panel())
    _fit(s, run, "xtlogit")
    assert run(s, "predict a, pr xb")[1] == 198
    assert run(s, "predict b, pr intpoints(0)")[1] == 198
    out, rc = run(s, "predict c, pu0 intpoints(7)")
    assert rc == 198 and "intpoints() not allowed" in out
    assert "a" not in s.data.df and "b" not in s.data.df and "c" not in s.data.df
