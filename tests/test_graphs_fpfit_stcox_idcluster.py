"""twoway fpfitci estcmd(stcox) estopts(vce(bootstrap, cluster(h) idcluster(k) [group(g)])) with k or g
a variable stcox reads (graphs/fpfit_stcox_renumber.py): bsample writes each drawn copy's number
(1, 2, ... by the cluster drawn) into k and _loop_bs renumbers g within the copies, so every
replicate's stcox is refitted on the renumbered strata() or covariate.  The band is checked
against a numpy Breslow Cox refit of the same draws (mlm's stream, ``fpfit_bootstrap.Draws``),
renumbered here from bsample's rules; idcluster(y) -- whose FP terms, not y, the fits read --
leaves the band as without it."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import norm

from graphs_helpers import drawn, run
from test_graphs_fpfit_cox_replicates import lung  # noqa: F401  (the fixture)
from test_graphs_fpfit_stcox_bootstrap_reject import _points, _terms

REPS, SEED = 12, 7


def _cox(X, t, d, strata, offset=None):
    """Breslow partial-likelihood Newton-Raphson within strata (b from 0)."""
    b = np.zeros(X.shape[1])
    offset = np.zeros(len(t)) if offset is None else offset
    for _ in range(60):
        grad, hess = np.zeros_like(b), np.zeros((b.size, b.size))
        for s in np.unique(strata):
            Xs, ts, ds = X[strata == s], t[strata == s], d[strata == s]
            r = np.exp(Xs @ b + offset[strata == s])
            for tj in np.unique(ts[ds == 1]):
                risk, events = ts >= tj, (ts == tj) & (ds == 1)
                s0, s1 = r[risk].sum(), r[risk] @ Xs[risk]
                s2 = (Xs[risk] * r[risk][:, None]).T @ Xs[risk]
                m = events.sum()
                grad += Xs[events].sum(0) - m * s1 / s0
                hess -= m * (s2 / s0 - np.outer(s1, s1) / s0 ** 2)
        step = np.linalg.solve(-hess, grad)
        b = b + step
        if np.max(np.abs(step)) < 1e-10:
            break
    return b


def _copy_numbers(units, copies):
    """bsample's idcluster(): 1, 2, ... over the drawn copies ordered by the cluster drawn."""
    ids, first = np.unique(copies, return_index=True)
    order = np.lexsort((ids, units[first]))
    number = np.empty(ids.max() + 1)
    number[ids[order]] = np.arange(1, ids.size + 1)
    return number[copies]


def _band_half(lung, new_design):
    """fpfitci's half-width from numpy refits of the draws (``new_design(idx, copies)`` -> X,
    strata of the replicate)."""
    from mlmcli.graphs.fpfit_bootstrap import Draws

    ds = lung.data
    t1, t2, rows = _terms(lung, (3, 3))
    t, d = ds.numeric("_t")[rows], ds.numeric("_d")[rows]
    X = np.column_stack([t1[rows], t2[rows], ds.numeric("wt_loss")[rows]])
    h = ds.numeric("h")[rows]
    units = np.unique(h, return_inverse=True)[1]
    rng = np.random.default_rng(SEED)
    draws = Draws(len(t), None, units)
    B = []
    for _ in range(REPS):
        idx, copies = draws.draw(rng)
        Xr, strata, *offset = new_design(X[idx], idx, units[idx], copies)
        B.append(_cox(Xr, t[idx], d[idx], strata, *offset))
    V = np.cov(np.asarray(B).T)
    X0 = _points(lung, t1, t2, rows)
    return norm.ppf(0.975) * np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0))


def _graph_half(lung, estopts):
    graph, _ = drawn(lung, f"twoway fpfitci age wt_loss, estcmd(stcox) estopts({estopts})")
    band = graph.panels[0].series[0]
    return (band.y2 - band.y) / 2


@pytest.fixture
def hl(lung):
    run(lung, "gen h = 1 + mod(_n, 7)")
    return lung


def test_idcluster_strata_variable_each_copy_a_stratum(hl):
    """strata(s3) with idcluster(s3): each replicate's strata are the drawn copies, not s3 (with
    idcluster(h) of the clusters h themselves, the copies' strata would give the same partial
    likelihood as h's: a duplicated stratum is two strata)."""
    run(hl, "gen s3 = mod(_n, 3)")
    boot = f"vce(bootstrap, reps({REPS}) seed({SEED}) cluster(h) idcluster(s3))"
    half = _graph_half(hl, f"strata(s3) {boot}")

    def design(X, idx, units, copies):
        return X, _copy_numbers(units, copies)

    np.testing.assert_allclose(half, _band_half(hl, design), rtol=1e-5)
    s3 = hl.data.numeric("s3")[_terms(hl, (3, 3))[2]]
    plain = _band_half(hl, lambda X, idx, units, copies: (X, s3[idx]))  # s3 as drawn
    assert np.max(np.abs(half - plain)) > 1e-3


def test_idcluster_covariate_is_the_copy_number(hl):
    half = _graph_half(hl, f"vce(bootstrap, reps({REPS}) seed({SEED}) cluster(h) idcluster(wt_loss))")

    def design(X, idx, units, copies):
        X = X.copy()
        X[:, -1] = _copy_numbers(units, copies)
        return X, np.zeros(len(idx))

    np.testing.assert_allclose(half, _band_half(hl, design), rtol=1e-5)


def test_idcluster_offset(hl):
    run(hl, "gen o = mod(_n, 3) / 10")
    half = _graph_half(hl, f"offset(o) vce(bootstrap, reps({REPS}) seed({SEED}) cluster(h) idcluster(o))")

    def design(X, idx, units, copies):
        return X, np.zeros(len(idx)), _copy_numbers(units, copies)

    np.testing.assert_allclose(half, _band_half(hl, design), rtol=1e-5)


def test_group_strata_variable_renumbered_within_copies(hl):
    half = _graph_half(hl, f"strata(sex) vce(bootstrap, reps({REPS}) seed({SEED}) cluster(h) idcluster(k) group(sex))")
    sex = None

    def design(X, idx, units, copies):
        pairs = np.column_stack([copies, sex[idx]])  # each (copy, sex) a stratum of its own
        return X, np.unique(pairs, axis=0, return_inverse=True)[1].reshape(-1)

    t1, t2, rows = _terms(hl, (3, 3))
    sex = hl.data.numeric("sex")[rows]
    np.testing.assert_allclose(half, _band_half(hl, design), rtol=1e-5)
    assert "k" not in hl.data.df.columns  # made inside twoway's preserve


def test_idcluster_y_leaves_the_band(hl):
    boot = f"reps({REPS}) seed({SEED}) cluster(h)"
    np.testing.assert_allclose(_graph_half(hl, f"vce(bootstrap, {boot} idcluster(age))"),
                               _graph_half(hl, f"vce(bootstrap, {boot})"), rtol=1e-10)


# idcluster()/group() over _t, _t0, _d, _st: tests/test_st_bootstrap_renumbering.py
