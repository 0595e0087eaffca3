"""bootstrap's idcluster(v)/group(v) over a variable that fpfit's estcmd(streg) or stcrreg reads
(graphs/fpfit_streg_renumber.py, survival/stcrreg_renumbering.py).

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
def test_fpfit_streg_strata_and_factor_ancillary_with_other_columns_in_every_replicate(hl, sub, name):
    """No replicate's strata()/i.v columns are the full fit's (7 copies; sex 1-2, ph_ecog 0-3):
    all missing, bootstrap's r(2000) inside fracpoly's capture -- the note (since sg33; the
    replicates with the full fit's columns: tests/test_st_bootstrap_renumbering_streg_strata.py)."""
    extra = "strata(sex)" if name == "sex" else "ancillary(i.ph_ecog)"
    out, rc = run(hl, "twoway fpfitci age wt_loss, estcmd(streg) estopts(distribution(weibull) "
                      f"{extra} vce(bootstrap, reps(5) seed(1) cluster(h) {sub}))", stop_on_error=False)
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out, out


def _exponential_offset(X, t0, t, d, offset):
    """Exponential PH regression with an offset: ll = sum d (x b + o) - exp(x b + o) (t - t0)."""
    Z = np.column_stack([X, np.ones(len(t))])
    b = np.zeros(Z.shape[1])
    b[-1] = np.log(d.sum() / ((t - t0) * np.exp(offset)).sum())
    for _ in range(100):
        mu = np.exp(Z @ b + offset) * (t - t0)
        step = np.linalg.solve((Z * mu[:, None]).T @ Z, Z.T @ (d - mu))
        b = b + step
        if np.max(np.abs(step)) < 1e-12:
            break
    return b


def test_fpfit_streg_group_offset(hl):
    """group(off), off the offset(): each replicate's offset is _loop_bs's numbers (the full-sample
    fits, and so the powers, keep the offset as it is)."""
    run(hl, "gen off = mod(_n, 3) / 10")
    graph, _ = drawn(hl, "twoway fpfitci age wt_loss, estcmd(streg) estopts(distribution(exponential) offset(off) "
                         f"vce(bootstrap, reps({REPS}) seed({SEED}) cluster(h) idcluster(k) group(off)))")
    band = graph.panels[0].series[0]
    half = (band.y2 - band.y) / 2
    from mlmcli.graphs.fpfit_bootstrap import Draws

    ds = hl.data
    age, wt, off_all = ds.numeric("age"), ds.numeric("wt_loss"), ds.numeric("off")
    best = None
    powers = (-2, -1, -0.5, 0, 0.5, 1, 2, 3)
    for i, p in enumerate(powers):  # fracpoly's pair: the full-sample fit whose line is drawn
        for q in powers[i:]:
            t1, t2, rows = _terms(hl, (p, q))
            t0, t, d = (ds.numeric(v)[rows] for v in ("_t0", "_t", "_d"))
            X = np.column_stack([t1[rows], t2[rows], wt[rows]])
            b = _exponential_offset(X, t0, t, d, off_all[rows])
            order = np.lexsort((age[rows], wt[rows]))
            first = np.flatnonzero(rows)[order][np.r_[True, np.diff(wt[rows][order]) != 0]]
            X0 = np.column_stack([_points(hl, t1, t2, rows), np.ones(first.size)])
            gap = np.max(np.abs(X0 @ b + off_all[first] - (band.y2 - half)))
            if best is None or gap < best[0]:
                best = (gap, X, t0, t, d, rows, X0)
    gap, X, t0, t, d, rows, X0 = best
    assert gap < 1e-5
    units = np.unique(ds.numeric("h")[rows], return_inverse=True)[1]
    rng = np.random.default_rng(SEED)
    draws = Draws(len(t), None, units)
    B = []
    for _ in range(REPS):
        idx, copies = draws.draw(rng)
        B.append(_exponential_offset(X[idx], t0[idx], t[idx], d[idx],
                                     _group_numbers(units[idx], copies, off_all[rows][idx])))
    V = np.cov(np.asarray(B).T)
    np.testing.assert_allclose(half, norm.ppf(0.975) * np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0)), rtol=1e-5)


# stcrreg: stcrreg.ado's stset rerun (ParseCompete)

CR_REF = json.loads((HERE / "stcrreg_renumbering.json").read_text())
CR_MODEL = "stcrreg age thickness, compete({}) vce(bootstrap, reps(12) seed(7) cluster(h) {})"


@pytest.fixture
def mel():
    import pandas as pd

    from test_graphs_fpfit_cox_replicates import _session

    df = pd.read_csv(HERE / "melanoma.csv").astype(float)
    df["h"] = 1 + np.arange(len(df)) % 9
    s = _session(df)
    run(s, "stset time, failure(status==1)")
    run(s, "gen cr = status")
    return s


def _ref_se(key):
    B = np.array([[np.nan if x is None else x for x in row] for row in CR_REF[key]], float)
    return np.std(B[np.all(np.isfinite(B), axis=1)], axis=0, ddof=1)


def _refit_se(status_of):
    """The bootstrap SEs of mlm's own stcrreg on each replicate's data, renumbered here."""
    import pandas as pd

    from test_graphs_fpfit_cox_replicates import _session

    df = pd.read_csv(HERE / "melanoma.csv").astype(float)
    draws = pd.read_csv(HERE / "stcrreg_renumbering_draws.csv")
    B = []
    for rep in range(1, 13):
        w = draws[draws["rep"] == rep]
        s = df.iloc[w["row"].to_numpy() - 1].reset_index(drop=True).copy()
        s["status"] = status_of(w["h"].to_numpy(), w["copy"].to_numpy(), s["status"].to_numpy())
        one = _session(s)
        run(one, "stset time, failure(status==1)")
        run(one, "stcrreg age thickness, compete(status==3)")
        B.append(np.asarray(one.e.matrices["b"].values, float).ravel())
    return np.std(np.asarray(B), axis=0, ddof=1)


def test_stcrreg_draws_are_the_references(mel):
    """The committed draws are mlm's: the plain bootstrap is R's finegray on them."""
    run(mel, CR_MODEL.format("status==3", ""))
    np.testing.assert_allclose(_e_se(mel), _ref_se("plain"), rtol=1e-6)


@pytest.mark.parametrize("sub", ["idcluster(_t)", "idcluster(_t0)", "idcluster(_d)", "idcluster(k) group(_d)",
                                 "idcluster(_st)"])
def test_stcrreg_st_variables_are_rebuilt_by_stset(mel, sub):
    """ParseCompete's stset reruns rebuild _t, _t0, _d, _st from stset's own variables before the
    fit: the replicates are the plain ones (no longer refused)."""
    run(mel, CR_MODEL.format("status==3", sub))
    np.testing.assert_allclose(_e_se(mel), _ref_se("plain"), rtol=1e-6)


def test_stcrreg_idcluster_covariate(mel):
    run(mel, CR_MODEL.format("status==3", "idcluster(thickness)"))
    np.testing.assert_allclose(_e_se(mel), _ref_se("idcluster_thickness"), rtol=1e-6)
    # the prefix typed draws and reads the same
    run(mel, "bootstrap, reps(12) seed(7) cluster(h) idcluster(thickness): stcrreg age thickness, compete(status==3)")
    np.testing.assert_allclose(_e_se(mel), _ref_se("idcluster_thickness"), rtol=1e-6)


def test_stcrreg_idcluster_failure_and_compete_variable(mel):
    """idcluster(status), status both stset's failure() and compete()'s: copy 1's records fail,
    copy 3's compete, the others censored."""
    run(mel, CR_MODEL.format("status==3", "idcluster(status)"))
    np.testing.assert_allclose(_e_se(mel), _refit_se(lambda h, copy, status: _copy_numbers(h, copy)), rtol=1e-6)
    np.testing.assert_allclose(_e_se(mel), _ref_se("idcluster_status"), rtol=1e-2)  # finegray's ties (R script)
    assert np.all(mel.data.numeric("status") == mel.data.numeric("cr"))


def test_stcrreg_group_failure_and_compete_variable(mel):
    run(mel, CR_MODEL.format("status==3", "idcluster(k) group(status)"))
    np.testing.assert_allclose(_e_se(mel), _refit_se(lambda h, copy, status: _group_numbers(h, copy, status)),
                               rtol=1e-6)
    np.testing.assert_allclose(_e_se(mel), _ref_se("group_status"), rtol=1e-2)


def test_stcrreg_compete_variable_both_events_fails_the_replicates(mel):
    """idcluster(cr), cr compete()'s only: copy 3's records compete, and one of them failing is
    ParseCompete's r(459) inside _loop_bs's capture -- every replicate here (R's NA rows too)."""
    out, rc = run(mel, CR_MODEL.format("cr==3", "idcluster(cr)"), stop_on_error=False)
    assert rc == 2000 and "xxxxxxxxxxxx" in out and "insufficient observations to compute bootstrap standard " \
                                                    "errors" in out, out
    assert all(x is None for row in CR_REF["idcluster_cr"] for x in row)


def test_stcrreg_factor_variable_levels_never_the_full_fit_s(mel):
    """i.sex (levels 0, 1) with group(sex): a replicate's sex numbers start at 1, so none names the
    full fit's 0b.sex 1.sex: every replicate missing (was mlm's refusal;
    tests/test_st_factor_renumbering.py has the replicates that enter)."""
    out, rc = run(mel, "bootstrap, reps(3) seed(1) cluster(h) idcluster(k) group(sex): stcrreg age i.sex, "
                       "compete(status==3)", stop_on_error=False)
    assert rc == 2000 and "xxx" in out, out


def _e_se(s):
    return np.sqrt(np.diag(s.e.matrices["V"].values))
