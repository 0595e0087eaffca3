"""The single-level mode search (``SingleLevelModel.modes``, behind intmethod(laplace) and the
adaptive starts) near a correlation of -1.  Sigma^-1 is then ~1e8 and b'Sigma^-1 b rounds to
~1e-8, far above the 1e-12 |h| the step halving trusts: at the mode every step was halved
down below the 1e-11 stop, each halving an evaluation of all groups (hundreds per search).
Now a step that lowers h by no more than h's rounding is taken, and a group whose steps stop
shrinking below 1e-7 has stalled (at the mode, to b Sigma^-1's noise).  Away from the
boundary the search is the same computation, bit for bit, as before."""
from __future__ import annotations

import numpy as np

from mlmcli.glm.spec import GLMSpec
from mlmcli.glmm.likelihood import GLMMModel
from mlmcli.glmm.quadrature import LOG_2PI
from mlmcli.glmm.adaptive_nodes import batched_cholesky, logdet_chol
from mlmcli.glmm.spec import GLMMSpec
from mlmcli.mixed.spec import CoefLabel, RandomTerm


def _engine(seed=1, G=60, m=12):
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(G), m)
    x = rng.normal(size=g.size)
    u = rng.normal(size=G)
    eta = 0.2 + 0.5 * x + u[g] * x - u[g]  # slope and intercept effects with correlation -1
    y = (rng.uniform(size=g.size) < 1 / (1 + np.exp(-eta))).astype(float)
    X = np.column_stack([x, np.ones(g.size)])
    fixed = GLMSpec("y", y, X, (CoefLabel("x"), CoefLabel("_cons")), "bernoulli", "logit")
    term = RandomTerm("g", g, X.copy(), ("x", "_cons"), "unstructured", G)
    model = GLMMModel(GLMMSpec(fixed, (term,), "laplace", 1))
    return model.engine, model.X @ np.array([0.5, 0.2])


def _old_modes(eng, eta0, anc, Sinv, logdet_S, tol=1e-11, maxit=100):
    """The search as it was (every group halved until none lowers h by 1e-12 |h|)."""
    G, q = eng.G, eng.q
    b = np.zeros((G, q))
    lf, d1, d2 = eng.obs_eval(eng.eta_at(eta0, b), anc, 2)
    hb = eng._h_from(lf, b, Sinv, logdet_S)
    for _ in range(maxit):
        grad, negH = eng._grad_negH(b, d1, d2, Sinv)
        L = batched_cholesky(negH)
        step = np.linalg.solve(np.einsum("gab,gcb->gac", L, L), grad[..., None])[..., 0]
        t = np.ones(G)
        for _ in range(40):
            bn = b + t[:, None] * step
            lfn, d1n, d2n = eng.obs_eval(eng.eta_at(eta0, bn), anc, 2)
            hn = eng._h_from(lfn, bn, Sinv, logdet_S)
            bad = ~(hn >= hb - 1e-12 * np.abs(hb)) | ~np.isfinite(hn)
            if not bad.any():
                break
            t = np.where(bad, t * 0.5, t)
        size = np.max(np.abs(t[:, None] * step))
        b, hb, d1, d2 = bn, hn, d1n, d2n
        if size < tol:
            break
    return b, eng._grad_negH(b, d1, d2, Sinv)[1], hb


def _counted(eng):
    calls = []
    real = eng.obs_eval
    eng.obs_eval = lambda *a: calls.append(1) or real(*a)
    return calls


def _laplace(negH, h):
    return h + LOG_2PI - logdet_chol(batched_cholesky(negH))


def _prior(corr):
    S = np.array([[1.3, corr * np.sqrt(1.3)], [corr * np.sqrt(1.3), 1.0]])
    return np.linalg.inv(S), float(np.linalg.slogdet(S)[1])


def _newton_distance(eng, eta0, Sinv, b):
    """max over groups of |Newton step| at b: how far b is from the mode, to b Sigma^-1's noise."""
    _, d1, d2 = eng.obs_eval(eng.eta_at(eta0, b), (), 2)
    grad, negH = eng._grad_negH(b, d1, d2, Sinv)
    return float(np.max(np.abs(np.linalg.solve(negH, grad[..., None])[..., 0])))


def test_near_minus_one_the_search_ends_without_the_halvings():
    eng, eta0 = _engine()
    Sinv, logdet = _prior(-1 + 4e-9)
    calls = _counted(eng)
    b_old, _, _ = _old_modes(eng, eta0, (), Sinv, logdet)
    old = len(calls)
    del calls[:]
    b_new, A_new, h_new = eng.modes(eta0, (), Sinv, logdet)
    new = len(calls)
    assert new * 5 < old, (new, old)
    # at the mode to b Sigma^-1's noise (~1e-8); the halvings had stopped some groups short
    assert _newton_distance(eng, eta0, Sinv, b_new) < 1e-7
    assert _newton_distance(eng, eta0, Sinv, b_new) <= _newton_distance(eng, eta0, Sinv, b_old)
    assert np.all(np.isfinite(_laplace(A_new, h_new)))


def test_away_from_the_boundary_the_search_is_unchanged():
    eng, eta0 = _engine(seed=2)
    for corr in (-0.6, 0.0, 0.4):
        Sinv, logdet = _prior(corr)
        b_old, A_old, h_old = _old_modes(eng, eta0, (), Sinv, logdet)
        b_new, A_new, h_new = eng.modes(eta0, (), Sinv, logdet)
        np.testing.assert_array_equal(b_new, b_old)
        np.testing.assert_array_equal(h_new, h_old)
        np.testing.assert_array_equal(A_new, A_old)
