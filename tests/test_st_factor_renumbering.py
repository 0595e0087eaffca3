"""bootstrap's cluster() idcluster(k) group(v) over a factor of a term with another factor
(``i.g#i.sex``), over ``ib(freq).v``, and over streg's strata() v with v[omit] or _dta[omit]
(mlmcli/survival/st_factor_renumbering.py; these were mlm's refusals, r(198)).

A replicate enters V exactly when its e(b) columns are the full fit's (bootstrap.ado's
``_check_omit fullmat, get``, _loop_bs's ``_check_omit, check`` and captured ``_b[eq:name]``);
any other is missing.  Checked against survival::survreg (Weibull AFT) and survival::coxph
(Breslow) refits of mlm's own draws, renumbered and screened independently in R:
tests/survival_reference/st_factor_renumbering.R (.json; draws
streg_strata_renumbering_draws.csv)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from graphs_helpers import drawn, run
from test_graphs_fpfit_cox_replicates import lung  # noqa: F401  (the fixture)

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "st_factor_renumbering.json").read_text())
BOOT = "vce(bootstrap, reps(40) seed(7) cluster(h) idcluster(k) group({v}))"


@pytest.fixture
def hg(lung):
    run(lung, "gen h = 1 + mod(_n, 7)")
    run(lung, "gen g = cond(h == 1 & mod(_n, 2) == 0, 8, h)")  # levels 1..8: 8 only inside cluster 1
    run(lung, "gen f = h")  # 32, 33, 33, 33, 33, 32, 32 rows: ib(freq)'s base 2
    return lung


def _ref(key):
    B = np.array([[np.nan if x is None else x for x in row] for row in REF[key]], float)
    complete = np.all(np.isfinite(B), axis=1)
    return np.std(B[complete], axis=0, ddof=1), int((~complete).sum())


def _se(s):
    """e(V)'s standard errors without the base (``b.``) columns."""
    V = s.e.matrices["V"]
    keep = [j for j, name in enumerate(V.colnames) if "b." not in name.split(":")[-1]]
    return np.sqrt(np.diag(V.values))[keep]


def _dots(out, reps=40):
    return out.split(f"Bootstrap replications ({reps})")[1].split("\n")[2]


def test_reference_screens():
    """The R script's full-sample cells and base are the data's (sex 1, 2 within every g)."""
    assert REF["full_cells"] == [10 * g + s for g in range(1, 9) for s in (1, 2)]
    assert REF["full_base"] == 2


@pytest.mark.parametrize("line, key, v", [
    ("streg age, distribution(weibull) time ancillary(i.g#i.sex)", "ancillary_cells", "g"),
    ("streg age, distribution(weibull) time ancillary(ib(freq).f)", "ancillary_freq", "f"),
    ("stcox age i.g#i.sex,", "stcox_cells", "g"),
    ("stcox age ib(freq).f,", "stcox_freq", "f"),
])
def test_factor_terms_keep_the_replicates_with_the_full_columns(hg, line, key, v):
    """i.g#i.sex: the replicates whose g numbers are 1..8 with every (g, sex) cell present;
    ib(freq).f: those whose f numbers are 1..7 with 2 the most frequent (the first copy 32 rows,
    the second 33); the others missing (x, e(N_misreps))."""
    out, rc = run(hg, f"{line} {BOOT.format(v=v)}")
    assert rc == 0, out
    se, missing = _ref(key)
    assert 0 < missing < 40 and hg.e.scalars["N_misreps"] == missing
    assert _dots(out).count("x") == missing
    np.testing.assert_allclose(_se(hg), se, rtol=1e-5)


def test_strata_with_dta_omit(hg):
    """strata(f) with _dta[omit]: xi drops the most frequent level (_Sf_2) in the full fit and,
    f being a new variable in each replicate, the replicate's most frequent number there: the
    replicates whose dropped number is 2 enter V (R: survreg with f's base 2)."""
    run(hg, "char _dta[omit] prevalent")
    out, rc = run(hg, f"streg age, distribution(weibull) time strata(f) {BOOT.format(v='f')}")
    assert rc == 0, out
    names = hg.e.matrices["b"].colnames
    assert [n for n in names if n.startswith("ln_p:")] == [f"ln_p:_Sf_{k}" for k in (1, 3, 4, 5, 6, 7)] + ["ln_p:_cons"]
    se, missing = _ref("strata_dta_omit")
    assert 0 < missing < 40 and hg.e.scalars["N_misreps"] == missing
    np.testing.assert_allclose(_se(hg), se, rtol=1e-5)


def test_strata_with_variable_omit_every_replicate_missing(hg):
    """strata(g) with g[omit] 3: the full fit's dummies are _Sg_1, _Sg_2, _Sg_4.._Sg_8; a
    replicate's g (bsample's/_loop_bs's new variable) has no g[omit], so its xi drops number 1 and
    never names _Sg_1: every replicate missing, _bs_sum's "insufficient observations" r(2000)."""
    run(hg, "char g[omit] 3")
    out, rc = run(hg, "streg age, distribution(weibull) strata(g) vce(bootstrap, reps(5) seed(7) cluster(h) "
                      "idcluster(k) group(g))", stop_on_error=False)
    assert rc == 2000 and "insufficient observations to compute bootstrap standard errors" in out, out
    assert "xxxxx" in out


def test_strata_level_only_outside_the_sample_every_replicate_missing(hg):
    """xi runs on every row in memory: with ``if g != 8`` the full fit's _Sg_8 is zero on its
    sample (an omitted column); a replicate naming _Sg_8 estimates it, one not naming it has
    another number of columns: every replicate missing."""
    out, rc = run(hg, "streg age if g != 8, distribution(weibull) strata(g) vce(bootstrap, reps(5) seed(7) "
                      "cluster(h) idcluster(k) group(g))", stop_on_error=False)
    assert rc == 2000 and "xxxxx" in out, out


def test_strata_dta_omit_idcluster_over_its_own_clusters(hg):
    """idcluster(sex) with cluster(sex) and _dta[omit]: the full fit drops the more frequent sex
    (1: 138 of 228 rows), and each replicate's copy 1 -- sex 1's cluster when both are drawn
    (copies are numbered by the cluster drawn), else a tie, which xi breaks to the lowest: _Ssex_2
    in every replicate, the same fits as without _dta[omit] (R: survreg,
    streg_strata_renumbering.json)."""
    ref = json.loads((HERE / "streg_strata_renumbering.json").read_text())["strata_sex_idcluster_sex"]
    run(hg, "char _dta[omit] prevalent")
    out, rc = run(hg, "streg age, distribution(weibull) time strata(sex) vce(bootstrap, reps(12) seed(7) "
                      "cluster(sex) idcluster(sex))")
    assert rc == 0, out
    assert hg.e.scalars.get("N_misreps", 0) == 0
    np.testing.assert_allclose(_se(hg), np.std(np.asarray(ref, float), axis=0, ddof=1), rtol=1e-5)


def test_fpfit_ancillary_factor_interaction_band(hg):
    """fpfitci estcmd(streg) distribution(weibull) ancillary(i.g#i.sex) with group(g) (mlm's
    refusal before): the band's V over the replicates whose g numbers are 1..8 with every (g, sex)
    cell, each refitted with ln_p's cell indicators rebuilt from the numbers (mlm's Weibull engine,
    itself checked against survreg, on fpfit's own draws renumbered here)."""
    from scipy.stats import norm

    from mlmcli.graphs.fpfit_bootstrap import Draws
    from mlmcli.survival.parametric_fit import StregData, fit
    from test_graphs_fpfit_stcox_bootstrap_reject import _points, _terms
    from test_st_bootstrap_renumbering import _group_numbers

    graph, _ = drawn(hg, "twoway fpfitci age wt_loss, estcmd(streg) estopts(distribution(weibull) "
                         "ancillary(i.g#i.sex) vce(bootstrap, reps(30) seed(7) cluster(h) idcluster(k) group(g)))")
    band = graph.panels[0].series[0]
    half = (band.y2 - band.y) / 2
    ds = hg.data
    g_all, sex_all, wt = ds.numeric("g"), ds.numeric("sex"), ds.numeric("wt_loss")
    cells = [(a, b) for a in range(1, 9) for b in (1, 2)][1:]

    def ancillary(g, sex):
        return np.column_stack([(g == a) & (sex == b) for a, b in cells] + [np.ones(g.size, bool)]).astype(float)

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
            b = weibull(X, ancillary(g_all[rows], sex_all[rows]), t0, t, d)
            P = _points(hg, t1, t2, rows)
            X0 = np.column_stack([P, np.ones(P.shape[0])])
            gap = np.max(np.abs(X0 @ b[:4] - (band.y2 - half)))
            if best is None or gap < best[0]:
                best = (gap, X, t0, t, d, rows, X0)
    gap, X, t0, t, d, rows, X0 = best
    assert gap < 1e-5
    g, sex = g_all[rows], sex_all[rows]
    full = {(a, b) for a, b in zip(g, sex)}
    units = np.unique(ds.numeric("h")[rows], return_inverse=True)[1]
    rng = np.random.default_rng(7)
    draws = Draws(len(t), None, units)
    B, missing = [], 0
    for _ in range(30):
        idx, copies = draws.draw(rng)
        new = _group_numbers(units[idx], copies, g[idx])
        if tuple(np.unique(new)) != tuple(range(1, 9)) or {(a, b) for a, b in zip(new, sex[idx])} != full:
            missing += 1
            continue
        B.append(weibull(X[idx], ancillary(new, sex[idx]), t0[idx], t[idx], d[idx])[:4])
    assert 0 < missing < 30
    V = np.cov(np.asarray(B).T)
    np.testing.assert_allclose(half, norm.ppf(0.975) * np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0)), rtol=1e-4)


def test_stcrreg_factor_variable_group(lung):
    """stcrreg age i.g with group(g) (mlm's refusal before): the replicates whose g numbers are
    1..10 (cluster 1 drawn once) enter V, each refitted on its copies' indicators; the others
    missing.  R: finegray + coxph on mlm's draws (stcrreg_factor_renumbering.R/.json)."""
    import pandas as pd

    from test_graphs_fpfit_cox_replicates import _session

    df = pd.read_csv(HERE / "melanoma.csv").astype(float)
    s = _session(df)
    run(s, "gen h = 1 + mod(_n - 1, 9)")
    run(s, "gen g = cond(h == 1 & mod(_n, 2) == 0, 10, h)")
    run(s, "stset time, failure(status==1)")
    out, rc = run(s, "stcrreg age i.g, compete(status==3) vce(bootstrap, reps(40) seed(7) cluster(h) idcluster(k) "
                     "group(g))")
    assert rc == 0, out
    B = np.array([[np.nan if x is None else x for x in row] for row in
                  json.loads((HERE / "stcrreg_factor_renumbering.json").read_text())["group_g"]], float)
    complete = np.all(np.isfinite(B), axis=1)
    assert s.e.scalars["N_misreps"] == int((~complete).sum()) == 24
    np.testing.assert_allclose(_se(s), np.std(B[complete], axis=0, ddof=1), rtol=1e-5)


def test_stcox_interaction_empty_cells_must_match(hg):
    """i.g#i.w with w = 1 wherever g == 1: the full fit's cell (1, 2) is empty (an omitted column);
    a replicate enters when its g numbers are 1..8 and its empty cells are exactly that one (its
    number 1 is cluster 1's g == 1 rows, w 1 there); each refitted by a numpy Breslow Cox
    (checked against coxph in test_st_bootstrap_renumbering.py) on the cells' indicators."""
    from test_st_bootstrap_renumbering import _cox, _draws, _group_numbers

    run(hg, "gen w = cond(g == 1, 1, sex)")
    out, rc = run(hg, f"stcox age i.g#i.w, {BOOT.format(v='g')}")
    assert rc == 0, out
    assert hg.e.matrices["b"].colnames[:4] == ("age", "1b.g#1b.w", "1o.g#2o.w", "2.g#1.w")
    ds = hg.data
    t0, t, d, age, g, w, h = (ds.numeric(v) for v in ("_t0", "_t", "_d", "age", "g", "w", "h"))
    units = np.unique(h, return_inverse=True)[1]
    cells = [(a, b) for a in range(1, 9) for b in (1, 2) if (a, b) not in ((1, 1), (1, 2))]
    full = {(a, b) for a, b in zip(g, w)}
    B, missing = [], 0
    for sample in _draws(len(h), units, 40):
        idx = sample.rows
        new = _group_numbers(units[idx], sample.codes, g[idx])
        if tuple(np.unique(new)) != tuple(range(1, 9)) or {(a, b) for a, b in zip(new, w[idx])} != full:
            missing += 1
            continue
        X = np.column_stack([age[idx]] + [(new == a) & (w[idx] == b) for a, b in cells]).astype(float)
        B.append(_cox(X, t0[idx], t[idx], d[idx]))
    assert 0 < missing < 40 and hg.e.scalars["N_misreps"] == missing
    V = hg.e.matrices["V"]
    keep = [j for j, name in enumerate(V.colnames) if V.values[j, j] != 0]
    np.testing.assert_allclose(np.sqrt(np.diag(V.values))[keep], np.std(np.asarray(B), axis=0, ddof=1), rtol=1e-6)


def test_stcox_interaction_empty_cell_moved_every_replicate_missing(hg):
    """i.g#i.w with w = 1 wherever g == 8: the full fit's empty cell is (8, 2), but g's 8 rows
    are cluster 1's and take number 2 in a replicate drawing it once (numbers follow the copies),
    so no replicate has the full fit's empty cells: all missing, r(2000)."""
    run(hg, "gen w = cond(g == 8, 1, sex)")
    out, rc = run(hg, f"stcox age i.g#i.w, {BOOT.format(v='g').replace('reps(40)', 'reps(8)')}",
                  stop_on_error=False)
    assert rc == 2000 and "xxxxxxxx" in out, out
