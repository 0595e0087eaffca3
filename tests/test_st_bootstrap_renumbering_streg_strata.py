"""bootstrap's idcluster(v)/group(v) over streg's strata() variable or the factor of ancillary(i.v)
(mlmcli/survival/st_factor_renumbering.py; the plain streg and fpfit's estcmd(streg)).

Stata 13's streg builds strata(v) with ``xi, prefix(_S) i.v`` (dummies named by v's values, the
lowest dropped) and ancillary(i.v) with factor variables; bootstrap's _check_omit posts a replicate
whose e(b) has another number of columns missing, and _loop_bs posts missing a full-sample
``_b[eq:name]`` the replicate lacks: a replicate enters V only when its columns are the full fit's,
its coefficients then where the full fit's of the same names are.  Checked against R's survreg
(Weibull AFT, a scale per stratum) on mlm's own draws renumbered by bsample's and _loop_bs's
rules: tests/survival_reference/streg_strata_renumbering.R (.json, draws .csv)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import norm

from graphs_helpers import drawn, run
from test_graphs_fpfit_cox_replicates import lung  # noqa: F401  (the fixture)
from test_st_bootstrap_renumbering import _copy_numbers, _group_numbers

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "streg_strata_renumbering.json").read_text())


@pytest.fixture
def hg(lung):
    run(lung, "gen h = 1 + mod(_n, 7)")
    run(lung, "gen g = cond(h == 1 & mod(_n, 2) == 0, 8, h)")  # levels 1..8: 8 only inside cluster 1
    return lung


def _ref(key):
    B = np.array([[np.nan if x is None else x for x in row] for row in REF[key]], float)
    complete = np.all(np.isfinite(B), axis=1)
    return np.std(B[complete], axis=0, ddof=1), int((~complete).sum())


def _se(s):
    """e(V)'s standard errors without the base columns (mlm's e(b) keeps i.v's ``1b.v``; strata()'s
    xi dummies have none)."""
    V = s.e.matrices["V"]
    keep = [j for j, name in enumerate(V.colnames) if "b." not in name.split(":")[-1]]
    return np.sqrt(np.diag(V.values))[keep]


def test_draws_are_mlms():
    """The committed draws are mlm's stream for seed(7) (the R script refits these)."""
    import pandas as pd

    from mlmcli.replication.draws import draw, resampling_units

    draws = pd.read_csv(HERE / "streg_strata_renumbering_draws.csv")
    w = draws[draws["case"] == "h"]
    n = 228
    h = 1 + (np.arange(n) + 1) % 7
    sample = draw(resampling_units(n, np.unique(h, return_inverse=True)[1]), np.random.default_rng(7))
    first = w[w["rep"] == 1]
    np.testing.assert_array_equal(first["row"].to_numpy() - 1, sample.rows)
    np.testing.assert_array_equal(first["copy"].to_numpy(), sample.codes)


def test_strata_idcluster_over_its_own_clusters(hg):
    """cluster(sex) idcluster(sex): two copies numbered 1, 2 -- xi's _Ssex_2 again in every
    replicate, each copy a stratum (R: survreg factor(s) + strata(s))."""
    out, rc = run(hg, "streg age, distribution(weibull) time strata(sex) vce(bootstrap, reps(12) seed(7) "
                      "cluster(sex) idcluster(sex))")
    assert rc == 0, out
    se, missing = _ref("strata_sex_idcluster_sex")
    assert missing == 0 and hg.e.scalars.get("N_misreps", 0) == 0
    assert tuple(hg.e.matrices["b"].colnames) == ("_t:age", "_t:_Ssex_2", "_t:_cons", "ln_p:_Ssex_2", "ln_p:_cons")
    np.testing.assert_allclose(_se(hg), se, rtol=1e-5)


def test_strata_group_keeps_the_replicates_with_the_full_columns(hg):
    """group(g) beside idcluster(k): g's numbers 1..M over the (copy, g) pairs; M = 8 (cluster 1
    drawn once) names the full fit's _Sg_2.._Sg_8, any other M other columns: missing (x)."""
    out, rc = run(hg, "streg age, distribution(weibull) time strata(g) vce(bootstrap, reps(40) seed(7) "
                      "cluster(h) idcluster(k) group(g))")
    assert rc == 0, out
    se, missing = _ref("strata_g_group_g")
    assert 0 < missing < 40 and hg.e.scalars["N_misreps"] == missing
    names = hg.e.matrices["b"].colnames
    assert [n for n in names if n.startswith("ln_p:")] == [f"ln_p:_Sg_{k}" for k in range(2, 9)] + ["ln_p:_cons"]
    assert "_t:_Sg_8" in names and "_Sg_8 |" in out
    dots = out.split("Bootstrap replications (40)")[1].split("\n")[2]
    assert dots.count("x") == missing, dots
    assert "one or more parameters could not be estimated in %d bootstrap replicates" % missing in out
    np.testing.assert_allclose(_se(hg), se, rtol=1e-5)


def test_ancillary_factor_group_keeps_the_replicates_with_the_full_levels(hg):
    """ancillary(i.g): a column per level; the replicates with g's levels 1..8 enter V (R:
    survreg's strata(g) alone, ln_p = -log(scale))."""
    out, rc = run(hg, "streg age, distribution(weibull) time ancillary(i.g) vce(bootstrap, reps(40) seed(7) "
                      "cluster(h) idcluster(k) group(g))")
    assert rc == 0, out
    se, missing = _ref("ancillary_g_group_g")
    assert hg.e.scalars["N_misreps"] == missing
    np.testing.assert_allclose(_se(hg), se, rtol=1e-5)


def test_strata_with_other_columns_in_every_replicate(hg):
    """idcluster(sex) over 7 clusters: every replicate's strata are 1..7, never the full fit's
    _Ssex_2 alone: all missing, bootstrap's "insufficient observations"."""
    out, rc = run(hg, "streg age, distribution(weibull) strata(sex) vce(bootstrap, reps(5) seed(7) cluster(h) "
                      "idcluster(sex))", stop_on_error=False)
    # _bs_sum 1.2.2's Error2000
    assert rc == 2000 and "insufficient observations to compute bootstrap standard errors" in out, out
    assert "xxxxx" in out


def test_xi_suffixes():
    from mlmcli.survival.st_factor_renumbering import XiColumns, dropped_level, xi_suffixes

    assert xi_suffixes([3, 1, 2, 2]) == (2.0, 3.0)
    assert xi_suffixes([0, 2, 3]) == (2.0, 3.0)  # xi drops the lowest level's dummy
    assert xi_suffixes([-1, 0.5, 7]) == (2.0, 3.0)  # not natural numbers: 1, 2, ... in order
    assert dropped_level([3, 1, 2, 2, 3], False) == 1 and dropped_level([3, 1, 2, 2, 3], True) == 2  # ties: first
    full = XiColumns("v", xi_suffixes([0, 2, 3]))
    assert full.matches({"v": np.array([1, 2, 3, 3])}.get) and not full.matches({"v": np.array([1, 2])}.get)
    frequent = XiColumns("v", (1.0, 3.0), most_frequent=True)  # _dta[omit]: 2 dropped
    assert frequent.matches({"v": np.array([1, 2, 2, 3])}.get) and not frequent.matches({"v": np.array([1, 2, 3])}.get)
    assert not XiColumns("v", (2.0, 3.0), present=False).matches({"v": np.array([1, 2, 3])}.get)


# fpfit's estcmd(streg): every replicate of the final fit renumbered the same way

def _strata_columns(g):
    return np.column_stack([g == k for k in range(2, 9)]).astype(float)


def test_fpfit_strata_group_band_from_the_replicates_with_the_full_columns(hg):
    """fpfitci estcmd(streg) strata(g) with group(g): the band's V over the replicates whose g
    numbers are 1..8 (xi's _Sg_2.._Sg_8 again), each refitted with its copies' strata; checked
    against numpy exponential refits of fpfit's own draws (``fpfit_bootstrap.Draws``)."""
    from mlmcli.graphs.fpfit_bootstrap import Draws
    from test_graphs_fpfit_stcox_bootstrap_reject import _points, _terms
    from test_st_bootstrap_renumbering import _exponential

    graph, _ = drawn(hg, "twoway fpfitci age wt_loss, estcmd(streg) estopts(distribution(exponential) strata(g) "
                         "vce(bootstrap, reps(40) seed(7) cluster(h) idcluster(k) group(g)))")
    band = graph.panels[0].series[0]
    half = (band.y2 - band.y) / 2
    ds = hg.data
    g_all, wt = ds.numeric("g"), ds.numeric("wt_loss")
    best = None
    powers = (-2, -1, -0.5, 0, 0.5, 1, 2, 3)
    for i, p in enumerate(powers):  # fracpoly's pair: the one whose full-sample fit is the line
        for q in powers[i:]:
            t1, t2, rows = _terms(hg, (p, q))
            t0, t, d = (ds.numeric(v)[rows] for v in ("_t0", "_t", "_d"))
            X = np.column_stack([t1[rows], t2[rows], wt[rows], _strata_columns(g_all[rows])])
            b = _exponential(X, t0, t, d)
            order = np.lexsort((ds.numeric("age")[rows], wt[rows]))
            first = np.flatnonzero(rows)[order][np.r_[True, np.diff(wt[rows][order]) != 0]]
            X0 = np.column_stack([_points(hg, t1, t2, rows), _strata_columns(g_all[first]), np.ones(first.size)])
            gap = np.max(np.abs(X0 @ b - (band.y2 - half)))
            if best is None or gap < best[0]:
                best = (gap, X, t0, t, d, rows, X0)
    gap, X, t0, t, d, rows, X0 = best
    assert gap < 1e-5
    g = g_all[rows]
    units = np.unique(ds.numeric("h")[rows], return_inverse=True)[1]
    rng = np.random.default_rng(7)
    draws = Draws(len(t), None, units)
    B, missing = [], 0
    for _ in range(40):
        idx, copies = draws.draw(rng)
        new = _group_numbers(units[idx], copies, g[idx])
        if tuple(np.unique(new)[1:]) != tuple(range(2, 9)):  # other columns: the replicate missing
            missing += 1
            continue
        Xr = X[idx].copy()
        Xr[:, 3:] = _strata_columns(new)
        B.append(_exponential(Xr, t0[idx], t[idx], d[idx]))
    assert 0 < missing < 40
    V = np.cov(np.asarray(B).T)
    np.testing.assert_allclose(half, norm.ppf(0.975) * np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0)), rtol=1e-5)


def test_continuous_ancillary_covariate_group(hg):
    """ancillary(z) with group(z): each replicate's ln_p equation reads _loop_bs's numbers (refused
    before sg33); the SEs are those of streg refitted on each draw's data renumbered here."""
    import pandas as pd

    from test_graphs_fpfit_cox_replicates import _session
    from test_st_bootstrap_renumbering import _draws

    run(hg, "gen z = mod(_n, 3)")
    out, rc = run(hg, "streg age, distribution(weibull) time ancillary(z) vce(bootstrap, reps(8) seed(7) "
                      "cluster(h) idcluster(k) group(z))")
    assert rc == 0, out
    ds = hg.data
    df = pd.DataFrame({v: ds.numeric(v) for v in ("time", "died", "age", "z")})
    h = ds.numeric("h")
    units = np.unique(h, return_inverse=True)[1]
    B = []
    for sample in _draws(len(h), units, reps=8):
        rep = df.iloc[sample.rows].reset_index(drop=True).copy()
        rep["z"] = _group_numbers(units[sample.rows], sample.codes, rep["z"].to_numpy())
        one = _session(rep)
        run(one, "stset time, failure(died)")
        run(one, "streg age, distribution(weibull) time ancillary(z)")
        B.append(np.asarray(one.e.matrices["b"].values, float).ravel())
    np.testing.assert_allclose(_se(hg), np.std(np.asarray(B), axis=0, ddof=1), rtol=1e-5)


# i.v in the main equation (stcox and streg): the replicates with v's full levels

def _main_factor_se(hg, fitter, reps=40):
    """numpy refits (with i.g's indicators 2..8 rebuilt from the group numbers) of the replicates
    whose g numbers are 1..8; the others missing."""
    from test_st_bootstrap_renumbering import _draws

    ds = hg.data
    t0, t, d, age, g, h = (ds.numeric(v) for v in ("_t0", "_t", "_d", "age", "g", "h"))
    units = np.unique(h, return_inverse=True)[1]
    B, missing = [], 0
    for sample in _draws(len(h), units, reps):
        idx = sample.rows
        new = _group_numbers(units[idx], sample.codes, g[idx])
        if tuple(np.unique(new)) != tuple(range(1, 9)):
            missing += 1
            continue
        B.append(fitter(np.column_stack([age[idx], _strata_columns(new)]), t0[idx], t[idx], d[idx]))
    return np.std(np.asarray(B), axis=0, ddof=1), missing


@pytest.mark.parametrize("command", ["stcox", "streg"])
def test_main_equation_factor_group(hg, command):
    """i.g with group(g): Stata 13's factor variables name a column per level, so a replicate
    enters V when its g numbers are g's levels 1..8 (else _check_omit's missing replicate); each
    refitted on its copies' indicators (numpy Breslow Cox, numpy exponential)."""
    from test_st_bootstrap_renumbering import _cox, _exponential

    line = "stcox age i.g" if command == "stcox" else "streg age i.g, distribution(exponential) nohr"
    sep = "," if command == "stcox" else ""
    out, rc = run(hg, f"{line}{sep} vce(bootstrap, reps(40) seed(7) cluster(h) idcluster(k) group(g))")
    assert rc == 0, out
    se, missing = _main_factor_se(hg, _cox if command == "stcox" else _exponential)
    assert 0 < missing < 40 and hg.e.scalars["N_misreps"] == missing
    np.testing.assert_allclose(_se(hg), se, rtol=1e-5)


def test_fpfit_ancillary_factor_group_band(hg):
    """fpfitci estcmd(streg) distribution(weibull) ancillary(i.g) with group(g): the band's V over
    the replicates whose g numbers are 1..8, each refitted with ln_p's indicators rebuilt from the
    numbers (the reference refits use mlm's Weibull engine, itself checked against survreg, on
    fpfit's own draws renumbered here)."""
    from mlmcli.graphs.fpfit_bootstrap import Draws
    from mlmcli.survival.parametric_fit import StregData, fit
    from test_graphs_fpfit_stcox_bootstrap_reject import _points, _terms

    graph, _ = drawn(hg, "twoway fpfitci age wt_loss, estcmd(streg) estopts(distribution(weibull) ancillary(i.g) "
                         "vce(bootstrap, reps(30) seed(7) cluster(h) idcluster(k) group(g)))")
    band = graph.panels[0].series[0]
    half = (band.y2 - band.y) / 2
    ds = hg.data
    g_all, wt = ds.numeric("g"), ds.numeric("wt_loss")

    def weibull(X, A, t0, t, d):
        res, _ = fit(StregData(t0, t, d, np.ones(len(t)), [X, A], "weibull", False, None), None)
        return np.asarray(res.x, float)

    best = None
    powers = (-2, -1, -0.5, 0, 0.5, 1, 2, 3)
    for i, p in enumerate(powers):  # fracpoly's pair: the one whose full-sample fit is the line
        for q in powers[i:]:
            t1, t2, rows = _terms(hg, (p, q))
            t0, t, d = (ds.numeric(v)[rows] for v in ("_t0", "_t", "_d"))
            X = np.column_stack([t1[rows], t2[rows], wt[rows], np.ones(int(rows.sum()))])
            A = np.column_stack([_strata_columns(g_all[rows]), np.ones(int(rows.sum()))])
            b = weibull(X, A, t0, t, d)
            X0 = np.column_stack([_points(hg, t1, t2, rows), np.ones(_points(hg, t1, t2, rows).shape[0])])
            gap = np.max(np.abs(X0 @ b[:4] - (band.y2 - half)))
            if best is None or gap < best[0]:
                best = (gap, X, t0, t, d, rows, X0, b)
    gap, X, t0, t, d, rows, X0, b = best
    assert gap < 1e-5
    g = g_all[rows]
    units = np.unique(ds.numeric("h")[rows], return_inverse=True)[1]
    rng = np.random.default_rng(7)
    draws = Draws(len(t), None, units)
    B, missing = [], 0
    for _ in range(30):
        idx, copies = draws.draw(rng)
        new = _group_numbers(units[idx], copies, g[idx])
        if tuple(np.unique(new)) != tuple(range(1, 9)):
            missing += 1
            continue
        A = np.column_stack([_strata_columns(new), np.ones(idx.size)])
        B.append(weibull(X[idx], A, t0[idx], t[idx], d[idx])[:4])
    assert 0 < missing < 30
    V = np.cov(np.asarray(B).T)
    np.testing.assert_allclose(half, norm.ppf(0.975) * np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0)), rtol=1e-4)
