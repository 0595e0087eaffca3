"""bootstrap's idcluster(v)/group(v) over the st variables _t, _t0, _d, _st with stcox and streg
(mlmcli/survival/st_renumbering.py, survival/st_bootstrap_renumbering.py,
graphs/fpfit_stcox_renumber.py).

bsample drops v and renames its cluster numbers (1, 2, ... over the drawn copies by the cluster
drawn) to v; nothing reruns stset, so each replicate's stcox/streg reads the numbers as the exit
times (_t), entry times (_t0), failure indicator (_d: every record a failure) or sample marker
(_st: nothing changes).  Each test refits the same draws (mlm's stream for ``seed()``:
numpy's default_rng, ``mlmcli.replication.draws``) with a numpy Breslow Cox (delayed entry:
at risk at t_j when t0 < t_j <= t) or a numpy Newton exponential regression, renumbering the
data from bsample's rule written out here, and compares the bootstrap standard errors.  Once
idcluster(_t) silently read the original _t (the same SEs as idcluster(_d))."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import norm

from graphs_helpers import drawn, run
from test_graphs_fpfit_cox_replicates import lung  # noqa: F401  (the fixture)
from test_graphs_fpfit_stcox_bootstrap_reject import _points, _terms

REPS, SEED = 12, 7


def _cox(X, t0, t, d):
    """Breslow partial-likelihood Newton-Raphson from b = 0; at risk at t_j: t0 < t_j <= t."""
    b = np.zeros(X.shape[1])
    for _ in range(80):
        grad, hess = np.zeros_like(b), np.zeros((b.size, b.size))
        r = np.exp(X @ b)
        for tj in np.unique(t[d != 0]):
            risk, events = (t0 < tj) & (t >= tj), (t == tj) & (d != 0)
            s0, s1 = r[risk].sum(), r[risk] @ X[risk]
            s2 = (X[risk] * r[risk][:, None]).T @ X[risk]
            m = events.sum()
            grad += X[events].sum(0) - m * s1 / s0
            hess -= m * (s2 / s0 - np.outer(s1, s1) / s0 ** 2)
        step = np.linalg.solve(-hess, grad)
        b = b + step
        if np.max(np.abs(step)) < 1e-11:
            break
    return b


def test_the_numpy_cox_is_coxph():
    """The refits' own Cox against R's coxph (tests/survival_reference/st_renumbering_cox.R):
    delayed entry at copy-like numbers, and every record a failure."""
    import json
    from pathlib import Path

    import pandas as pd

    here = Path(__file__).parent / "survival_reference"
    ref = json.loads((here / "st_renumbering_cox.json").read_text())
    df = pd.read_csv(here / "lung.csv")
    t0 = 1.0 + (np.arange(len(df)) + 1) % 7
    t = df["time"].to_numpy(float) + 10
    np.testing.assert_allclose(_cox(df[["age"]].to_numpy(float), t0, t, df["died"].to_numpy(float)), ref["entry"],
                               rtol=1e-7)
    np.testing.assert_allclose(_cox(df[["age", "sex"]].to_numpy(float), t0, t, np.ones(len(df))), ref["all_fail"],
                               rtol=1e-7)


def _exponential(X, t0, t, d):
    """Exponential PH regression (with a constant) by Newton: ll = sum d x b - exp(x b) (t - t0)."""
    Z = np.column_stack([X, np.ones(len(t))])
    b = np.zeros(Z.shape[1])
    b[-1] = np.log(d.sum() / (t - t0).sum())
    for _ in range(100):
        mu = np.exp(Z @ b) * (t - t0)
        step = np.linalg.solve((Z * mu[:, None]).T @ Z, Z.T @ (d - mu))
        b = b + step
        if np.max(np.abs(step)) < 1e-12:
            break
    return b


def _copy_numbers(units, copies):
    """bsample's idcluster(): 1, 2, ... over the drawn copies ordered by the cluster drawn."""
    ids, first = np.unique(copies, return_index=True)
    order = np.lexsort((ids, units[first]))
    number = np.empty(ids.max() + 1)
    number[ids[order]] = np.arange(1, ids.size + 1)
    return number[copies]


def _group_numbers(units, copies, v):
    """_loop_bs's group(v): 1, 2, ... over the distinct (copy number, v), in that order."""
    pairs = np.column_stack([_copy_numbers(units, copies), v])
    return np.unique(pairs, axis=0, return_inverse=True)[1].reshape(-1) + 1.0


def _draws(n_rows, clusters, reps=REPS, seed=SEED):
    from mlmcli.replication.draws import draw, resampling_units

    units = resampling_units(n_rows, clusters)
    rng = np.random.default_rng(seed)
    return [draw(units, rng) for _ in range(reps)]


def _e_se(s):
    return np.sqrt(np.diag(s.e.matrices["V"].values))


@pytest.fixture
def hl(lung):
    run(lung, "gen h = 1 + mod(_n, 7)")
    return lung


def _columns(s, *names):
    return [s.data.numeric(n) for n in names]


def _plain_se(s, new_times, fitter=_cox, columns=("age",), reps=REPS):
    """The bootstrap SEs of numpy refits of the draws: ``new_times(idx, units, copies)`` -> (t0,
    t, d) of the replicate, or None where it fails."""
    X = np.column_stack(_columns(s, *columns))
    h = s.data.numeric("h")
    units = np.unique(h, return_inverse=True)[1]
    B, failed = [], 0
    for sample in _draws(len(h), units, reps):
        idx, copies = sample.rows, sample.codes
        times = new_times(idx, units[idx], copies)
        if times is None:
            failed += 1
            continue
        B.append(fitter(X[idx], *times))
    return np.std(np.asarray(B), axis=0, ddof=1), failed


def test_stcox_idcluster_t_is_the_copy_number(hl):
    out, rc = run(hl, f"stcox age, vce(bootstrap, reps({REPS}) seed({SEED}) cluster(h) idcluster(_t))")
    assert rc == 0, out
    d = hl.data.numeric("_d")
    se, _ = _plain_se(hl, lambda idx, units, copies: (np.zeros(idx.size), _copy_numbers(units, copies), d[idx]))
    np.testing.assert_allclose(_e_se(hl), se, rtol=1e-6)
    # the prefix typed draws and reads the same
    run(hl, f"bootstrap, reps({REPS}) seed({SEED}) cluster(h) idcluster(_t): stcox age")
    np.testing.assert_allclose(_e_se(hl), se, rtol=1e-6)
    assert np.all(hl.data.numeric("_t") == hl.data.numeric("time"))  # _loop_bs's restore


def test_stcox_idcluster_d_every_record_a_failure(hl):
    run(hl, f"stcox age, vce(bootstrap, reps({REPS}) seed({SEED}) cluster(h) idcluster(_d))")
    t = hl.data.numeric("_t")
    se, _ = _plain_se(hl, lambda idx, units, copies: (np.zeros(idx.size), t[idx], np.ones(idx.size)))
    np.testing.assert_allclose(_e_se(hl), se, rtol=1e-6)
    d = hl.data.numeric("_d")
    plain, _ = _plain_se(hl, lambda idx, units, copies: (np.zeros(idx.size), t[idx], d[idx]))
    assert np.max(np.abs(se - plain) / plain) > 0.05  # the original _d would give another SE


def test_stcox_idcluster_st_changes_nothing(hl):
    run(hl, f"stcox age, vce(bootstrap, reps({REPS}) seed({SEED}) cluster(h) idcluster(_st))")
    renumbered = _e_se(hl)
    run(hl, f"stcox age, vce(bootstrap, reps({REPS}) seed({SEED}) cluster(h))")
    np.testing.assert_allclose(renumbered, _e_se(hl), rtol=1e-12)


def test_stcox_group_t_renumbered_within_copies(hl):
    run(hl, f"stcox age, vce(bootstrap, reps({REPS}) seed({SEED}) cluster(h) idcluster(k) group(_t))")
    t, d = _columns(hl, "_t", "_d")
    se, _ = _plain_se(hl, lambda idx, units, copies: (np.zeros(idx.size), _group_numbers(units, copies, t[idx]),
                                                      d[idx]))
    np.testing.assert_allclose(_e_se(hl), se, rtol=1e-6)


def test_stcox_idcluster_t0_delayed_entry_at_the_copy_number(hl):
    """Every exit after the largest copy number (7): each record enters at its copy's number."""
    run(hl, "gen tt = time + 10")
    run(hl, "stset tt, failure(died)")
    run(hl, f"stcox age, vce(bootstrap, reps({REPS}) seed({SEED}) cluster(h) idcluster(_t0))")
    t, d = _columns(hl, "_t", "_d")
    se, _ = _plain_se(hl, lambda idx, units, copies: (_copy_numbers(units, copies), t[idx], d[idx]))
    np.testing.assert_allclose(_e_se(hl), se, rtol=1e-6)


@pytest.mark.parametrize("command", [
    f"stcox age, vce(bootstrap, reps({REPS}) seed({SEED}) cluster(h) idcluster(_t0))",
    f"bootstrap, reps({REPS}) seed({SEED}) cluster(h) idcluster(k) group(_t0): stcox age",
])
def test_stcox_entry_not_before_exit_is_refused(hl, command):
    """Times in hundreds of days (1 to 11) and copies numbered up to 7: some replicate has a
    record with _t0 >= _t, which stcox's cox may read in a way not established: mlm's refusal."""
    run(hl, "gen tt = ceil(time / 100)")
    run(hl, "stset tt, failure(died)")
    out, rc = run(hl, command, stop_on_error=False)
    assert rc == 198 and "renumbering _t0: a replicate with a record whose _t0 >= _t under stcox not supported " \
                         "by mlmcli" in out, out
    assert np.all(hl.data.numeric("_t0") == 0)


def _cox_strata(X, t, d, strata):
    """Breslow Cox within strata (no delayed entry)."""
    b = np.zeros(X.shape[1])
    for _ in range(80):
        grad, hess = np.zeros_like(b), np.zeros((b.size, b.size))
        for s in np.unique(strata):
            Xs, ts, ds_ = X[strata == s], t[strata == s], d[strata == s]
            r = np.exp(Xs @ b)
            for tj in np.unique(ts[ds_ != 0]):
                risk, events = ts >= tj, (ts == tj) & (ds_ != 0)
                s0, s1 = r[risk].sum(), r[risk] @ Xs[risk]
                s2 = (Xs[risk] * r[risk][:, None]).T @ Xs[risk]
                m = events.sum()
                grad += Xs[events].sum(0) - m * s1 / s0
                hess -= m * (s2 / s0 - np.outer(s1, s1) / s0 ** 2)
        step = np.linalg.solve(-hess, grad)
        b = b + step
        if np.max(np.abs(step)) < 1e-11:
            break
    return b


def test_stcox_idcluster_covariate_is_the_copy_number(hl):
    """A covariate renumbered: each replicate's stcox reads the copy numbers as its values (was
    silently read as it was)."""
    run(hl, f"stcox age sex, vce(bootstrap, reps({REPS}) seed({SEED}) cluster(h) idcluster(age))")
    t, d, sex = _columns(hl, "_t", "_d", "sex")
    h = hl.data.numeric("h")
    units = np.unique(h, return_inverse=True)[1]
    B = []
    for sample in _draws(len(h), units):
        idx, copies = sample.rows, sample.codes
        X = np.column_stack([_copy_numbers(units[idx], copies), sex[idx]])
        B.append(_cox(X, np.zeros(idx.size), t[idx], d[idx]))
    np.testing.assert_allclose(_e_se(hl), np.std(np.asarray(B), axis=0, ddof=1), rtol=1e-6)


def test_stcox_group_strata_variable(hl):
    run(hl, f"stcox age, strata(sex) vce(bootstrap, reps({REPS}) seed({SEED}) cluster(h) idcluster(k) group(sex))")
    age, t, d, sex, h = _columns(hl, "age", "_t", "_d", "sex", "h")
    units = np.unique(h, return_inverse=True)[1]
    B = []
    for sample in _draws(len(h), units):
        idx, copies = sample.rows, sample.codes
        B.append(_cox_strata(age[idx][:, None], t[idx], d[idx], _group_numbers(units[idx], copies, sex[idx])))
    np.testing.assert_allclose(_e_se(hl), np.std(np.asarray(B), axis=0, ddof=1), rtol=1e-6)


def test_streg_group_covariate(hl):
    run(hl, f"streg age, distribution(exponential) nohr vce(bootstrap, reps({REPS}) seed({SEED}) cluster(h) "
            f"idcluster(k) group(age))")
    t, d, age = _columns(hl, "_t", "_d", "age")
    h = hl.data.numeric("h")
    units = np.unique(h, return_inverse=True)[1]
    B = []
    for sample in _draws(len(h), units):
        idx, copies = sample.rows, sample.codes
        B.append(_exponential(_group_numbers(units[idx], copies, age[idx])[:, None], np.zeros(idx.size), t[idx],
                              d[idx]))
    np.testing.assert_allclose(_e_se(hl), np.std(np.asarray(B), axis=0, ddof=1), rtol=1e-6)


def test_factor_renumbered_to_other_levels_in_every_replicate(hl):
    """i.sex renumbered 1..7 over 7 clusters: no replicate names the full fit's columns (0b.sex
    1.sex), so every one is missing, not the data as they were (refused before sg33; factor
    variables, strata() and ancillary(): tests/test_st_bootstrap_renumbering_streg_strata.py)."""
    out, rc = run(hl, "stcox age i.sex, vce(bootstrap, reps(5) cluster(h) idcluster(sex))", stop_on_error=False)
    assert rc == 2000 and "insufficient observations to compute bootstrap standard errors" in out, out


def test_streg_idcluster_d_every_record_a_failure(hl):
    run(hl, f"streg age, distribution(exponential) nohr vce(bootstrap, reps({REPS}) seed({SEED}) cluster(h) "
            f"idcluster(_d))")
    t = hl.data.numeric("_t")
    se, _ = _plain_se(hl, lambda idx, units, copies: (np.zeros(idx.size), t[idx], np.ones(idx.size)), _exponential)
    np.testing.assert_allclose(_e_se(hl), se, rtol=1e-6)


def test_streg_idcluster_t(hl):
    run(hl, f"streg age, distribution(exponential) nohr vce(bootstrap, reps({REPS}) seed({SEED}) cluster(h) "
            f"idcluster(_t))")
    d = hl.data.numeric("_d")
    se, _ = _plain_se(hl, lambda idx, units, copies: (np.zeros(idx.size), _copy_numbers(units, copies), d[idx]),
                      _exponential)
    np.testing.assert_allclose(_e_se(hl), se, rtol=1e-6)


def test_streg_entry_not_before_exit_fails_the_replicate(hl):
    """The streg ados' ``assert t0 < t`` (r(498)) inside _loop_bs's capture: that replicate is
    missing (an x), the rest summarised."""
    reps = 40
    out, rc = run(hl, f"streg age, distribution(exponential) nohr vce(bootstrap, reps({reps}) seed({SEED}) "
                      f"cluster(h) idcluster(_t0))")
    assert rc == 0, out
    t, d = _columns(hl, "_t", "_d")

    def times(idx, units, copies):
        t0 = _copy_numbers(units, copies)
        return None if np.any(t0 >= t[idx]) else (t0, t[idx], d[idx])

    se, failed = _plain_se(hl, times, _exponential, reps=reps)
    assert 0 < failed < reps and hl.e.scalars["N_misreps"] == failed
    assert "x" in out.split("Bootstrap replications")[1].split("\n")[2]
    np.testing.assert_allclose(_e_se(hl), se, rtol=1e-6)


# fpfit's estcmd(stcox): every replicate of the final fit renumbered the same way

def _band_half(lung, new_times):
    """fpfitci's half-width from numpy refits of fpfit's draws (``fpfit_bootstrap.Draws``)."""
    from mlmcli.graphs.fpfit_bootstrap import Draws

    ds = lung.data
    t1, t2, rows = _terms(lung, (3, 3))
    t0, t, d = (ds.numeric(v)[rows] for v in ("_t0", "_t", "_d"))
    X = np.column_stack([t1[rows], t2[rows], ds.numeric("wt_loss")[rows]])
    units = np.unique(ds.numeric("h")[rows], return_inverse=True)[1]
    rng = np.random.default_rng(SEED)
    draws = Draws(len(t), None, units)
    B = []
    for _ in range(REPS):
        idx, copies = draws.draw(rng)
        B.append(_cox(X[idx], *new_times(t0[idx], t[idx], d[idx], units[idx], copies)))
    V = np.cov(np.asarray(B).T)
    X0 = _points(lung, t1, t2, rows)
    return norm.ppf(0.975) * np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0))


def _graph_half(lung, estopts):
    graph, _ = drawn(lung, f"twoway fpfitci age wt_loss, estcmd(stcox) estopts({estopts})")
    band = graph.panels[0].series[0]
    return (band.y2 - band.y) / 2


def test_fpfit_idcluster_t(hl):
    half = _graph_half(hl, f"vce(bootstrap, reps({REPS}) seed({SEED}) cluster(h) idcluster(_t))")
    np.testing.assert_allclose(half, _band_half(hl, lambda t0, t, d, units, copies:
                                                (t0, _copy_numbers(units, copies), d)), rtol=1e-5)


def test_fpfit_idcluster_d(hl):
    half = _graph_half(hl, f"vce(bootstrap, reps({REPS}) seed({SEED}) cluster(h) idcluster(_d))")
    np.testing.assert_allclose(half, _band_half(hl, lambda t0, t, d, units, copies:
                                                (t0, t, np.ones(t.size))), rtol=1e-5)


def test_fpfit_group_t(hl):
    half = _graph_half(hl, f"vce(bootstrap, reps({REPS}) seed({SEED}) cluster(h) idcluster(k) group(_t))")
    np.testing.assert_allclose(half, _band_half(hl, lambda t0, t, d, units, copies:
                                                (t0, _group_numbers(units, copies, t), d)), rtol=1e-5)
    assert "k" not in hl.data.df.columns  # made inside twoway's preserve


def test_fpfit_idcluster_st_leaves_the_band(hl):
    boot = f"reps({REPS}) seed({SEED}) cluster(h)"
    np.testing.assert_allclose(_graph_half(hl, f"vce(bootstrap, {boot} idcluster(_st))"),
                               _graph_half(hl, f"vce(bootstrap, {boot})"), rtol=1e-10)


def test_fpfit_entry_not_before_exit_is_refused(hl):
    run(hl, "gen tt = ceil(time / 100)")
    run(hl, "stset tt, failure(died)")
    out, rc = run(hl, f"twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(bootstrap, reps({REPS}) "
                      f"seed({SEED}) cluster(h) idcluster(_t0)))", stop_on_error=False)
    assert rc == 198 and out.strip().splitlines()[-2].startswith(
        "estopts(): bootstrap's idcluster()/group() renumbering _t0: a replicate"), out


def test_fpfit_reject_sees_the_renumbered_failures(hl):
    """bootstrap's reject() judges each replicate's e(): after idcluster(_d) every record is a
    failure, so ``reject(e(N_fail) == e(N))`` (false on the full sample) rejects every replicate:
    fewer than two usable, bootstrap fails in every fit -- fracpoly's note; with idcluster(k) none
    is rejected and the band is the plain one."""
    base = (f"twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(bootstrap, reps({REPS}) seed({SEED}) "
            "cluster(h) idcluster({}) reject(e(N_fail) == e(N))))")
    out, rc = run(hl, base.format("_d"))
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out, out
    np.testing.assert_allclose(_graph_half(hl, base.format("k").split("estopts(")[1][:-1]),
                               _graph_half(hl, f"vce(bootstrap, reps({REPS}) seed({SEED}) cluster(h))"), rtol=1e-10)


# fpfit's estcmd(streg): x, _t, _t0, _d rebuilt in each replicate (test_st_bootstrap_renumbering_streg_stcrreg.py)

def test_fpfit_streg_idcluster_st_leaves_the_band(hl):
    base = ("twoway fpfitci age wt_loss, estcmd(streg) estopts(distribution(exponential) "
            "vce(bootstrap, reps(8) seed(3) cluster(h){}))")
    plain, _ = drawn(hl, base.format(""))
    for sub in (" idcluster(_st)", " idcluster(k)", " idcluster(age)"):
        graph, _ = drawn(hl, base.format(sub))
        np.testing.assert_allclose(graph.panels[0].series[0].y2, plain.panels[0].series[0].y2, rtol=1e-12)


def test_stcox_idcluster_t_restarts_in_each_bootstrap_stratum(hl):
    """bsample under version 13: NewClustID numbers the copies 1, 2, ... within each of bootstrap's
    strata() (``uniq``, one numbering across them, only for callers above 13)."""
    from mlmcli.replication.draws import draw, resampling_units

    run(hl, "gen h2 = sex * 10 + mod(_n, 5)")
    run(hl, f"stcox age, vce(bootstrap, reps({REPS}) seed({SEED}) strata(sex) cluster(h2) idcluster(_t))")
    age, d, h2, sex = _columns(hl, "age", "_d", "h2", "sex")
    units = np.unique(h2, return_inverse=True)[1]
    sampling = resampling_units(len(h2), units, sex)
    rng = np.random.default_rng(SEED)
    B = []
    for _ in range(REPS):
        sample = draw(sampling, rng)
        idx, copies = sample.rows, sample.codes
        t = np.empty(idx.size)
        for s in np.unique(sex[idx]):
            mine = sex[idx] == s
            t[mine] = _copy_numbers(units[idx][mine], copies[mine])
        B.append(_cox(age[idx][:, None], np.zeros(idx.size), t, d[idx]))
    np.testing.assert_allclose(_e_se(hl), np.std(np.asarray(B), axis=0, ddof=1), rtol=1e-6)


@pytest.mark.parametrize("sub", ["idcluster(_t)", "idcluster(_d)", "idcluster(k) group(_t)"])
def test_noisily_prints_the_renumbered_replicates(hl, tmp_path, sub):
    """vce(bootstrap, noisily): each replicate's printed stcox is a run on the replicate's data with
    bsample's numbers in the variable -- the same b as the replicate the variance uses (saving())."""
    import re

    f = tmp_path / "reps"
    out, rc = run(hl, f"stcox age, nohr vce(bootstrap, reps(3) seed({SEED}) cluster(h) {sub} noisily "
                      f"saving({f}, replace))")
    assert rc == 0, out
    printed = [float(m) for m in re.findall(r"^\s+age \|\s+(-?[\d.]+)", out.split("Bootstrap replications")[1],
                                            re.M)][:3]
    run(hl, f"use {f}, clear")
    np.testing.assert_allclose(printed, hl.data.numeric(hl.data.varnames[0]), rtol=1e-3)  # %9.0g shown


def _cox_tvc(X, Z, t0, t, d, texp):
    """Breslow Cox with time-varying columns Z * texp(t_j) at each failure time t_j (b from 0)."""
    k = X.shape[1] + Z.shape[1]
    b = np.zeros(k)
    for _ in range(80):
        grad, hess = np.zeros(k), np.zeros((k, k))
        for tj in np.unique(t[d != 0]):
            W = np.column_stack([X, Z * texp(tj)])
            r = np.exp(W @ b)
            risk, events = (t0 < tj) & (t >= tj), (t == tj) & (d != 0)
            s0, s1 = r[risk].sum(), r[risk] @ W[risk]
            s2 = (W[risk] * r[risk][:, None]).T @ W[risk]
            m = events.sum()
            grad += W[events].sum(0) - m * s1 / s0
            hess -= m * (s2 / s0 - np.outer(s1, s1) / s0 ** 2)
        step = np.linalg.solve(-hess, grad)
        b = b + step
        if np.max(np.abs(step)) < 1e-11:
            break
    return b


def test_fpfit_tvc_texp_at_the_renumbered_t(hl):
    """tvc(sex) texp(ln(_t)) with idcluster(_t): stcox.ado evaluates texp() on the replicate's _t,
    the copy numbers -- the tvc term sex * ln(copy number of the failure time)."""
    from mlmcli.graphs.fpfit_bootstrap import Draws

    half = _graph_half(hl, f"tvc(sex) texp(ln(_t)) vce(bootstrap, reps({REPS}) seed({SEED}) cluster(h) "
                           "idcluster(_t))")
    ds = hl.data
    t1, t2, rows = _terms(hl, (3, 3))
    t0, d, sex = (ds.numeric(v)[rows] for v in ("_t0", "_d", "sex"))
    X = np.column_stack([t1[rows], t2[rows], ds.numeric("wt_loss")[rows]])
    units = np.unique(ds.numeric("h")[rows], return_inverse=True)[1]
    rng = np.random.default_rng(SEED)
    draws = Draws(len(d), None, units)
    B = []
    for _ in range(REPS):
        idx, copies = draws.draw(rng)
        B.append(_cox_tvc(X[idx], sex[idx][:, None], t0[idx], _copy_numbers(units[idx], copies), d[idx], np.log))
    V = np.cov(np.asarray(B).T)[:3, :3]  # the band: the main equation's terms and x
    X0 = _points(hl, t1, t2, rows)
    np.testing.assert_allclose(half, norm.ppf(0.975) * np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0)), rtol=1e-5)


# stcrreg: the replicates rebuilt (test_st_bootstrap_renumbering_streg_stcrreg.py)
