"""fpfit estcmd(stcox) estopts(vce(bootstrap, cluster(h) idcluster(k) ...)) with k a variable stcox
reads beside reject(), saving() or bca (the renumbering in every fit's replicates,
graphs/fpfit_stcox_renumber.py through fpfit_stcox_bootstrap.StcoxBootstrapRun), k a tvc()
variable (its tvc column rebuilt from the copy numbers) and k the variable stset read (_t made
already: nothing changes).  Bands against numpy Breslow refits of the same draws."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import norm

from graphs_helpers import run
from test_graphs_fpfit_cox_replicates import lung  # noqa: F401  (the fixture)
from test_graphs_fpfit_stcox_bootstrap_reject import _points, _terms
from test_graphs_fpfit_stcox_idcluster import REPS, SEED, _band_half, _copy_numbers, _cox, _graph_half


@pytest.fixture
def hl(lung):
    run(lung, "gen h = 1 + mod(_n, 7)")
    return lung


def _covariate_is_copy(X, idx, units, copies):
    X = X.copy()
    X[:, -1] = _copy_numbers(units, copies)
    return X, np.zeros(len(idx))


BOOT = f"reps({REPS}) seed({SEED}) cluster(h) idcluster(wt_loss)"


def test_reject_renumbers_every_fit(hl):
    """reject() never true (ll < 0): the prefix path's final fit renumbers x as the plain one."""
    half = _graph_half(hl, f"vce(bootstrap, {BOOT} reject(e(ll) > 0))")
    np.testing.assert_allclose(half, _band_half(hl, _covariate_is_copy), rtol=1e-5)


def test_saving_and_bca(hl, tmp_path):
    f = tmp_path / "bs"
    half = _graph_half(hl, f"vce(bootstrap, {BOOT} saving({f}, replace))")
    np.testing.assert_allclose(half, _band_half(hl, _covariate_is_copy), rtol=1e-5)
    assert (tmp_path / "bs.dta").exists()
    half = _graph_half(hl, f"vce(bootstrap, {BOOT} bca)")
    np.testing.assert_allclose(half, _band_half(hl, _covariate_is_copy), rtol=1e-5)


def test_saving_without_replace_fails_as_before(hl, tmp_path):
    """the first fit writes the file (its replicates renumbered), the second fails: the note."""
    f = tmp_path / "bs1"
    out, rc = run(hl, f"twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(bootstrap, {BOOT} saving({f})))",
                  stop_on_error=False)
    assert (tmp_path / "bs1.dta").exists()
    assert "not supported by mlmcli" not in out


def test_tvc_variable_renumbered(hl):
    """tvc(o) texp(1): o x 1 a covariate; idcluster(o) makes it each drawn copy's number."""
    run(hl, "gen o = mod(_n, 3)")
    half = _graph_half(hl, f"tvc(o) texp(1) vce(bootstrap, reps({REPS}) seed({SEED}) cluster(h) idcluster(o))")
    from mlmcli.graphs.fpfit_bootstrap import Draws

    ds = hl.data
    t1, t2, rows = _terms(hl, (3, 3))
    t, d = ds.numeric("_t")[rows], ds.numeric("_d")[rows]
    X = np.column_stack([t1[rows], t2[rows], ds.numeric("wt_loss")[rows]])
    units = np.unique(ds.numeric("h")[rows], return_inverse=True)[1]
    rng = np.random.default_rng(SEED)
    draws = Draws(len(t), None, units)
    B = []
    for _ in range(REPS):
        idx, copies = draws.draw(rng)
        Xr = np.column_stack([X[idx], _copy_numbers(units[idx], copies)])
        B.append(_cox(Xr, t[idx], d[idx], np.zeros(len(idx)))[:3])
    V = np.cov(np.asarray(B).T)
    X0 = _points(hl, t1, t2, rows)
    np.testing.assert_allclose(half, norm.ppf(0.975) * np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0)), rtol=1e-5)


def test_stset_time_variable_changes_nothing(hl):
    boot = f"reps({REPS}) seed({SEED}) cluster(h)"
    np.testing.assert_allclose(_graph_half(hl, f"vce(bootstrap, {boot} idcluster(time))"),
                               _graph_half(hl, f"vce(bootstrap, {boot})"), rtol=1e-10)


# idcluster()/group() over _t, _t0, _d, _st: tests/test_st_bootstrap_renumbering.py
