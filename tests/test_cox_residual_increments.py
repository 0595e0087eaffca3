"""predict after stcox: the per-failure-time quantities computed side by side
(cox_residuals._increments, _alphas) against their per-time definitions written as loops."""
import numpy as np
from scipy.optimize import brentq

from mlmcli.survival.cox import CoxData, PartialLikelihood
from mlmcli.survival.cox_residuals import _alphas, _increments


def _data(rng, n=400, ties="efron", weights=False):
    X = rng.normal(size=(n, 2))
    t = np.ceil(rng.exponential(1.0, n) * 20)  # many tied failure times
    d = (rng.random(n) < 0.7).astype(float)
    w = rng.integers(1, 4, n).astype(float) if weights else np.ones(n)
    return CoxData(t=t, t0=np.zeros(n), d=d, X=X, w=w, offset=None, ties=ties)


def test_efron_increments_match_the_per_time_sums():
    rng = np.random.default_rng(7)
    data = _data(rng)
    lik = PartialLikelihood(data)
    b = np.array([0.3, -0.2])
    r = data.w * np.exp(data.X @ b)
    at_risk, failing, means = _increments(lik, r, data.X)
    for k, tau in enumerate(lik.times):
        risk = (data.t >= tau)
        dead = risk & (data.t == tau) & (data.d == 1)
        S0, E0 = r[risk].sum(), r[dead].sum()
        S1, E1 = r[risk] @ data.X[risk], r[dead] @ data.X[dead]
        M = int(dead.sum())
        c = np.arange(M) / M
        phi = S0 - c * E0
        assert np.isclose(at_risk[k], np.sum(1 / phi), rtol=1e-12)
        assert np.isclose(failing[k], np.sum((1 - c) / phi), rtol=1e-12)
        assert np.allclose(means[k], ((S1 - c[:, None] * E1) / phi[:, None]).mean(axis=0), rtol=1e-12)


def test_alphas_solve_each_failure_time_equation():
    rng = np.random.default_rng(11)
    n = 300
    k = np.sort(rng.integers(0, 60, n))
    k = np.unique(k, return_inverse=True)[1]
    r = np.exp(rng.normal(size=n))
    w = rng.integers(1, 3, n).astype(float)
    w[rng.random(n) < 0.5] = 1.0
    K = k.max() + 1
    S0 = np.bincount(k, w * r, minlength=K) * rng.uniform(1.5, 30, K)
    S0[3] = np.bincount(k, w * r, minlength=K)[3]  # everyone at risk fails: alpha 0
    got = _alphas(r, w, k, S0)
    assert got[3] == 0.0
    for j in range(K):
        if j == 3:
            continue
        rj, wj = r[k == j], w[k == j]
        u = brentq(lambda u: np.sum(wj * rj / -np.expm1(rj * u)) - S0[j], -1e6, -1e-14, xtol=1e-300, rtol=1e-15)
        assert np.isclose(got[j], np.exp(u), rtol=1e-12, atol=0), j


def test_lone_failure_uses_the_closed_form():
    r, w, k = np.array([2.0]), np.array([1.0]), np.array([0])
    assert _alphas(r, w, k, np.array([10.0]))[0] == (1 - 2.0 / 10.0) ** (1 / 2.0)
