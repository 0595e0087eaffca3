"""bootstrap's idcluster(v)/group(v) over a variable that fpfit's estcmd(streg) or stcrreg reads
(graphs/fpfit_streg_renumber.py, commands/estimation/stcrreg_renumbering.py).

fpfit estcmd(streg): each replicate's streg reads bsample's copy numbers as x, _t, _t0, _d, the
offset (as plain streg does: tests/test_st_bootstrap_renumbering.py); the band is checked against
numpy exponential refits of fpfit's own draws (``fpfit_bootstrap.Draws``), renumbered by bsample's
rule written out in that test file.

stcrreg: ParseCompete reruns stset (failure(compete) then the original failure()), so _t, _t0 and
_d are rebuilt from stset's own variables in each replicate: idcluster(_t|_t0|_d|_st) leaves the
replicates as they were; the compete() variable or stset's failure variable renumbered makes each
record's outcome what its copy number says.  Checked against R's finegray + coxph on the same
draws (tests/survival_reference/stcrreg_renumbering.R and .json)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import norm

from graphs_helpers import drawn, run
from test_graphs_fpfit_cox_replicates import lung  # noqa: F401  (the fixture)
from test_graphs_fpfit_stcox_bootstrap_reject import _points, _terms
from test_st_bootstrap_renumbering import _copy_numbers, _exponential, _group_numbers

REPS, SEED = 12, 7
HERE = Path(__file__).parent / "survival_reference"


@pytest.fixture
def hl(lung):
    run(lung, "gen h = 1 + mod(_n, 7)")
    return lung


# fpfit's estcmd(streg)

def _powers(s, line):
    """fracpoly's chosen powers: the degree-2 pair whose full-sample exponential fit is the line."""
    ds = s.data
    best = None
    powers = (-2, -1, -0.5, 0, 0.5, 1, 2, 3)
    for i, p in enumerate(powers):
        for q in powers[i:]:
            t1, t2, rows = _terms(s, (p, q))
            t0, t, d = (ds.numeric(v)[rows] for v in ("_t0", "_t", "_d"))
            b = _exponential(np.column_stack([t1[rows], t2[rows], ds.numeric("wt_loss")[rows]]), t0, t, d)
            X0 = np.column_stack([_points(s, t1, t2, rows), np.ones(len(line))])
            gap = np.max(np.abs(X0 @ b - line))
            if best is None or gap < best[0]:
                best = (gap, (p, q))
    assert best[0] < 1e-5, best
    return best[1]


def _band(s, estopts):
    graph, _ = drawn(s, f"twoway fpfitci age wt_loss, estcmd(streg) estopts(distribution(exponential) {estopts})")
    band = graph.panels[0].series[0]
    return band, (band.y2 - band.y) / 2


def _numpy_half(s, powers, renumber, reps=REPS):
    """fpfitci's half-width from numpy refits of fpfit's draws; ``renumber(idx, units, copies, cols)``
    -> (X, t0, t, d) of the replicate, or None where streg fails it (a missing replicate)."""
    from mlmcli.graphs.fpfit_bootstrap import Draws

    ds = s.data
    t1, t2, rows = _terms(s, powers)
    cols = {v: ds.numeric(v)[rows] for v in ("_t0", "_t", "_d", "wt_loss")}
    X = np.column_stack([t1[rows], t2[rows], cols["wt_loss"]])
    units = np.unique(ds.numeric("h")[rows], return_inverse=True)[1]
    rng = np.random.default_rng(SEED)
    draws = Draws(len(X), None, units)
    B = []
    for _ in range(reps):
        idx, copies = draws.draw(rng)
        got = renumber(idx, units[idx], copies, {k: v[idx] for k, v in cols.items()}, X[idx])
        if got is not None:
            B.append(_exponential(*got))
    V = np.cov(np.asarray(B).T)
    X0 = np.column_stack([_points(s, t1, t2, rows), np.ones(_points(s, t1, t2, rows).shape[0])])
    return norm.ppf(0.975) * np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0))


BOOT = f"vce(bootstrap, reps({REPS}) seed({SEED}) cluster(h) {{}})"


def test_fpfit_streg_idcluster_t(hl):
    band, half = _band(hl, BOOT.format("idcluster(_t)"))
    powers = _powers(hl, band.y2 - half)
    np.testing.assert_allclose(half, _numpy_half(hl, powers, lambda idx, units, copies, c, X: (
        X, c["_t0"], _copy_numbers(units, copies), c["_d"])), rtol=1e-5)


def test_fpfit_streg_idcluster_d(hl):
    band, half = _band(hl, BOOT.format("idcluster(_d)"))
    powers = _powers(hl, band.y2 - half)
    np.testing.assert_allclose(half, _numpy_half(hl, powers, lambda idx, units, copies, c, X: (
        X, c["_t0"], c["_t"], np.ones(idx.size))), rtol=1e-5)


def test_fpfit_streg_group_x(hl):
    """group(wt_loss): the covariate beside y's FP terms is _loop_bs's numbers in each replicate."""
    band, half = _band(hl, BOOT.format("idcluster(k) group(wt_loss)"))
    powers = _powers(hl, band.y2 - half)

    def renumber(idx, units, copies, c, X):
        X = X.copy()
        X[:, 2] = _group_numbers(units, copies, c["wt_loss"])
        return X, c["_t0"], c["_t"], c["_d"]
    np.testing.assert_allclose(half, _numpy_half(hl, powers, renumber), rtol=1e-5)
    assert "k" not in hl.data.df.columns


def test_fpfit_streg_entry_not_before_exit_is_a_missing_replicate(hl):
    """idcluster(_t0) with tt = 6 + time/13 (copies numbered 1 to 7): a replicate with _t0 >= _t is the streg ados'
    r(498) inside _loop_bs's capture -- missing; the band from the others."""
    run(hl, "gen tt = 6 + time / 13")
    run(hl, "stset tt, failure(died)")
    band, half = _band(hl, BOOT.format("idcluster(_t0)").replace(f"reps({REPS})", "reps(30)"))
    powers = _powers(hl, band.y2 - half)
    failed = []

    def renumber(idx, units, copies, c, X):
        t0 = _copy_numbers(units, copies)
        if np.any(t0 >= c["_t"]):
            failed.append(1)
            return None
        return X, t0, c["_t"], c["_d"]
    np.testing.assert_allclose(half, _numpy_half(hl, powers, renumber, reps=30), rtol=1e-5)
    assert 0 < len(failed) < 30


@pytest.mark.parametrize("sub, name", [("idcluster(ph_ecog)", "ph_ecog"), ("idcluster(k) group(sex)", "sex")])
def test_fpfit_streg_strata_and_factor_ancillary_still_refused(hl, sub, name):
    extra = "strata(sex)" if name == "sex" else "ancillary(i.ph_ecog)"
    out, rc = run(hl, "twoway fpfitci age wt_loss, estcmd(streg) estopts(distribution(weibull) "
                      f"{extra} vce(bootstrap, reps(5) seed(1) cluster(h) {sub}))", stop_on_error=False)
    assert rc == 198 and f"renumbering {name}, which streg reads, not supported by mlmcli with estcmd(streg)" \
        in out, out
