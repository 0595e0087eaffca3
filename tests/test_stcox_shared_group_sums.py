"""stcox, shared(): the penalized partial likelihood's gradient and Hessian from per-group sums
(survival.cox_frailty.FrailtyLikelihood: bincounts and running sums over the failure times)
against the same likelihood written out densely here -- the group indicators as covariates of an
observations x groups matrix, every failure time's risk set summed alone -- on small data with
ties (Breslow and Efron), delayed entry, group weights, an offset and a diverging record."""
from __future__ import annotations

import numpy as np
import pytest

from mlmcli.survival.cox import CoxData
from mlmcli.survival.cox_frailty import FrailtyLikelihood, penalized_fit


def dense_ppl(data: CoxData, groups: np.ndarray, b: np.ndarray, w: np.ndarray, nu: float):
    """PPL(b, w), its gradient and Hessian: Z = [X, one-hot groups], coefficients (b, w), each
    failure time's sums scaled by its own risk set's largest z theta."""
    G = int(groups.max()) + 1
    onehot = np.zeros((len(groups), G))
    onehot[np.arange(len(groups)), groups] = 1.0
    Z = np.hstack([data.X, onehot])
    eta = Z @ np.concatenate([b, w]) + (0.0 if data.offset is None else data.offset)
    q = Z.shape[1]
    ll, grad, H = 0.0, np.zeros(q), np.zeros((q, q))
    dead = data.d == 1
    for tau in np.unique(data.t[dead]):
        at_risk = (data.t0 < tau) & (data.t >= tau)
        failing = dead & (data.t == tau)
        top = eta[at_risk].max()
        r = data.w * np.exp(eta - top)
        sums = [(r[m].sum(), r[m] @ Z[m], (r[m, None] * Z[m]).T @ Z[m]) for m in (at_risk, failing)]
        (S0, S1, S2), (E0, E1, E2) = sums
        WD = data.w[failing].sum()
        ll += data.w[failing] @ eta[failing]
        grad += data.w[failing] @ Z[failing]
        terms = [(1.0, WD)] if data.ties == "breslow" else [(l / round(WD), 1.0) for l in range(round(WD))]
        for c, weight in terms:
            c = 0.0 if data.ties == "breslow" else c
            phi = S0 - c * E0
            mean = (S1 - c * E1) / phi
            ll -= weight * (np.log(phi) + top)
            grad -= weight * mean
            H -= weight * ((S2 - c * E2) / phi - np.outer(mean, mean))
    a = np.zeros(G)
    a[groups] = data.w
    ew = np.exp(w)
    p = len(b)
    ll += nu * a @ (w - ew)
    grad[p:] += nu * a * (1 - ew)
    H[p:, p:] -= np.diag(nu * a * ew)
    return ll, grad, H


def _data(seed, n=240, G=9, ties="breslow", entry=False, weights=False, offset=False):
    rng = np.random.default_rng(seed)
    groups = rng.integers(0, G, n)
    groups[:G] = np.arange(G)
    t = np.round(rng.exponential(1.0, n), 1) + 0.1  # many ties
    t0 = np.minimum(np.round(np.where(rng.random(n) < 0.4, t * rng.random(n), 0.0), 2), t - 0.05) if entry \
        else np.zeros(n)
    w = rng.integers(1, 4, G)[groups].astype(float) if weights else np.ones(n)  # constant within group
    data = CoxData(t0=np.maximum(t0, 0.0), t=t, d=(rng.random(n) < 0.7).astype(float), X=rng.normal(size=(n, 2)),
                   w=w, ties=ties, offset=rng.normal(size=n) if offset else None)
    return data, groups, rng.normal(size=2) * 0.3, rng.normal(size=G) * 0.5


CASES = [dict(ties=ties, entry=entry, weights=weights, offset=entry)
         for ties in ("breslow", "efron") for entry in (False, True) for weights in (False, True)
         if not (weights and ties == "efron")]


@pytest.mark.parametrize("case", CASES, ids=lambda c: "-".join([c["ties"]] + [k for k in ("entry", "weights") if c[k]]))
def test_group_sums_match_dense(case):
    data, groups, b, w = _data(3, **case)
    got = FrailtyLikelihood(data, groups).evaluate(b, w, 1.7)
    ref = dense_ppl(data, groups, b, w, 1.7)
    assert got[0] == pytest.approx(ref[0], rel=1e-12)
    scale = np.max(np.abs(ref[2]))
    assert np.allclose(got[1], ref[1], rtol=1e-10, atol=1e-11 * scale)
    assert np.allclose(got[2], ref[2], rtol=1e-10, atol=1e-11 * scale)
    assert np.allclose(got[2], got[2].T, atol=1e-11 * scale)


@pytest.mark.parametrize("ties", ["breslow", "efron"])
def test_diverging_record_risk_sets_summed_alone(ties):
    """x b of one record 600 above the rest: the later risk sets underflow with the common
    shift and are summed alone, each with its own (cox.py's faint risk sets)."""
    data, groups, b, w = _data(5, n=150, G=6, ties=ties)
    data.X[np.argmax(data.t * (data.d == 1) < 0.5)] = [600.0, 0.0]  # an early record
    b = np.array([1.0, 0.2])
    lik = FrailtyLikelihood(data, groups)
    got = lik.evaluate(b, w, 2.0)
    ref = dense_ppl(data, groups, b, w, 2.0)
    assert lik.base._risk_sums(np.exp(data.X @ b - 600.0)).min() < 1e-100  # some risk sets are summed alone
    scale = np.max(np.abs(ref[2]))
    assert got[0] == pytest.approx(ref[0], rel=1e-12)
    assert np.allclose(got[1], ref[1], rtol=1e-9, atol=1e-11 * scale)
    assert np.allclose(got[2], ref[2], rtol=1e-9, atol=1e-11 * scale)


def test_penalized_fit_is_the_dense_stationary_point():
    """Newton on the per-group sums stops where the dense gradient is 0, with the dense
    Hessian's inverse as its variance."""
    data, groups, _, _ = _data(7, ties="efron", entry=True, offset=True)
    fit = penalized_fit(FrailtyLikelihood(data, groups), 1.3)
    _, grad, H = dense_ppl(data, groups, fit.b, fit.w, 1.3)
    assert np.max(np.abs(grad)) < 1e-7
    assert np.allclose(fit.V, np.linalg.inv(-H)[:2, :2], rtol=1e-9)
