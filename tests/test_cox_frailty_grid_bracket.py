"""stcox shared(): the profile score's grid is fitted from large theta down only as far as the
first bracket of its root (survival/cox_frailty.fit_shared_frailty).  The points below it never
changed which bracket was taken; only brentq's first warm start is another (the bracket's end, not
the grid's last point), so the fit agrees with the whole grid's to the Newton fits' tolerance.

The reference below is the whole-grid search written out from the module's own pieces."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import brentq

from mlmcli.survival import cox_frailty as cf
from mlmcli.survival.cox import CoxData

KIDNEY = Path(__file__).with_name("survival_reference") / "kidney.csv"


def whole_grid(data, groups):
    """(theta, se_theta, b, V, loglik, grid points fitted) with every grid point fitted first."""
    lik = cf.FrailtyLikelihood(data, groups)
    cache, last = {}, [None]

    def fit_at(x):
        if x not in cache:
            cache[x] = cf.penalized_fit(lik, float(np.exp(-x)), last[0])
            last[0] = (cache[x].b, cache[x].w)
        return cache[x]

    def score(x):
        nu = float(np.exp(-x))
        return -nu * cf.nu_score(fit_at(x), lik, nu)

    grid = np.arange(3.0, cf.LOWEST_LN_THETA - 1e-9, -1.0)
    values = [score(x) for x in grid]
    brackets = [j for j in range(len(grid) - 1) if values[j] < 0 <= values[j + 1]]
    if not brackets:
        return None
    j = brackets[0]
    root = brentq(score, grid[j + 1], grid[j], xtol=1e-13, rtol=1e-14, maxiter=200)
    h = 1e-4
    se_ln = float(np.sqrt(-1.0 / ((score(root + h) - score(root - h)) / (2 * h))))
    theta = float(np.exp(root))
    final = cf.penalized_fit(lik, 1.0 / theta, (fit_at(root).b, fit_at(root).w))
    return theta, theta * se_ln, final.b, final.V, cf.marginal_loglik(final, lik, 1.0 / theta), grid[j + 1]


def _kidney(ties):
    df = pd.read_csv(KIDNEY)
    groups = np.unique(df["id"].to_numpy(), return_inverse=True)[1]
    X = np.column_stack([df["age"].to_numpy(float), df["female"].to_numpy(float)])
    return CoxData(t0=np.zeros(len(df)), t=df["time"].to_numpy(float), d=df["status"].to_numpy(float), X=X,
                   w=np.ones(len(df)), ties=ties), groups


def _simulated(theta, seed, G=40, m=4):
    """Gamma frailties of variance ``theta`` (0: none) over G groups of m records, two covariates."""
    rng = np.random.default_rng(seed)
    groups = np.repeat(np.arange(G), m)
    frailty = rng.gamma(1 / theta, theta, G) if theta > 0 else np.ones(G)
    X = rng.normal(size=(G * m, 2))
    t = rng.exponential(1 / (frailty[groups] * np.exp(X @ [0.5, -0.3])))
    c = rng.exponential(2.0, G * m)
    return CoxData(t0=np.zeros(G * m), t=np.minimum(t, c), d=(t <= c).astype(float), X=X, w=np.ones(G * m)), groups


CASES = {
    "kidney-breslow": lambda: _kidney("breslow"),
    "kidney-efron": lambda: _kidney("efron"),
    "theta-2": lambda: _simulated(2.0, 1),
    "theta-0.3": lambda: _simulated(0.3, 2),
    "theta-0.05": lambda: _simulated(0.05, 5, G=60, m=6),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_fit_is_the_whole_grids(case):
    data, groups = CASES[case]()
    ref = whole_grid(data, groups)
    fitted_nu = []
    real = cf.penalized_fit

    def counted(lik, nu, start=None, iterate=200):
        fitted_nu.append(nu)
        return real(lik, nu, start, iterate)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cf, "penalized_fit", counted)
        fit = cf.fit_shared_frailty(data, groups)
    if ref is None:
        assert fit is None
        return
    theta, se_theta, b, V, ll, lower = ref
    assert fit is not None
    np.testing.assert_allclose(fit.theta, theta, rtol=1e-9)
    np.testing.assert_allclose(fit.se_theta, se_theta, rtol=1e-5)  # a difference quotient of the score
    np.testing.assert_allclose(fit.b, b, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(fit.V, V, rtol=1e-8, atol=1e-14)
    np.testing.assert_allclose(fit.loglik, ll, rtol=1e-12)
    # the grid was fitted from 3 down to the bracket's lower end and no further
    ln_theta = -np.log(np.array(fitted_nu))
    on_grid = np.isclose(ln_theta, np.round(ln_theta), atol=1e-12, rtol=0)
    assert ln_theta[on_grid].min() == pytest.approx(lower, abs=1e-12)


def test_no_root_is_the_cox_model_after_the_whole_grid():
    """Without a frailty the profile likelihood falls from theta = 0: every grid point is fitted
    and no bracket found (theta = 0, the Cox model)."""
    data, groups = _simulated(0.0, 4)
    assert whole_grid(data, groups) is None
    assert cf.fit_shared_frailty(data, groups) is None
