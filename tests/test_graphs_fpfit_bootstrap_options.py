"""twoway fpfitci/lfitci/qfitci with ``estopts(vce(bootstrap, ...))``: bootstrap.ado's options
in each fit (graphs.fpfit_bootstrap, graphs.fpfit_bootstrap_prefix; docs/fpfit_bootstrap.md).

The expected bands are computed here, outside mlm's fit code: the same draws (numpy's
generator from seed(), bsample's order -- strata by value, clusters by value, each stratum's
units drawn with ``integers(0, G, G)``), the replicates refitted by numpy least squares or a
Newton logit, V their covariance (or about b with mse), the band fit -/+ invnormal(.975) stdp.
fracpoly is kept to one candidate (``degree(1) powers(1) noscaling``: x - mean(x)), so the model
is known; the band is read from the drawn matplotlib area."""
from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from graphs_helpers import artists, drawn, run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

N = 48
LINEAR = "degree(1) powers(1) noscaling"
Z = norm.ppf(0.975)


@pytest.fixture
def s() -> Session:
    rng = np.random.default_rng(2026)
    x = np.round(rng.uniform(0.5, 4, N), 3)
    df = pd.DataFrame({"x": x, "y": np.round(1 + 0.6 * x + rng.normal(0, 1, N), 3),
                       "st": (np.arange(N) % 3).astype(float), "id": np.repeat(np.arange(12), 4)[::-1].astype(float)})
    df["yb"] = (df.y > np.median(df.y)).astype(float)
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


def _draws(n, seed, reps, strata=None, cluster=None, size=None):
    """bsample's rows for each replicate (module docstring)."""
    rng = np.random.default_rng(seed)
    members = [np.array([i]) for i in range(n)] if cluster is None else \
        [np.flatnonzero(cluster == c) for c in np.unique(cluster)]
    first = np.array([m[0] for m in members])
    groups = [np.arange(len(members))] if strata is None else \
        [np.flatnonzero(strata[first] == v) for v in np.unique(strata[first])]
    for _ in range(reps):
        picked = np.concatenate([g[rng.integers(0, len(g), size or len(g))] for g in groups])
        yield np.concatenate([members[u] for u in picked])


def _logit(y, X):
    b = np.zeros(X.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-X @ b))
        step = np.linalg.solve(X.T @ (X * (p * (1 - p))[:, None]), X.T @ (y - p))
        b += step
        if np.max(np.abs(step)) < 1e-12:
            break
    return b


def _expected(s, y, fitter, seed, reps, mse=False, keep=None, **draw):
    """(at, fit, half-width) of the linear fracpoly's band: Ix__1 = x - mean(x), then _cons."""
    x = s.data.numeric("x")
    X = np.column_stack([x - x.mean(), np.ones(N)])
    b = fitter(y, X)
    B = np.array([fitter(y[r], X[r]) for r in _draws(N, seed, reps, **draw)])
    if keep is not None:
        B = B[keep(B)]
    V = (B - b).T @ (B - b) / len(B) if mse else np.cov(B, rowvar=False, ddof=1)
    at = np.unique(x)
    X0 = np.column_stack([at - x.mean(), np.ones(at.size)])
    return at, X0 @ b, Z * np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0)), B


def _ols(y, X):
    return np.linalg.lstsq(X, y, rcond=None)[0]


def _band(graph, fig):
    """(line x, line y, lower, upper) -- the band's bounds also checked against the matplotlib
    area drawn (its vertices run along the upper bound and back along the lower one)."""
    band, line = graph.panels[0].series
    (area,) = artists(fig, "p1-s1-area")
    vertices = np.vstack([p.vertices for p in area.get_paths()])
    for bound in (band.y, band.y2):
        assert all(np.isclose(vertices[:, 1], v, rtol=1e-9, atol=1e-9).any() for v in bound)
    return np.asarray(line.x), np.asarray(line.y), np.asarray(band.y), np.asarray(band.y2)


@pytest.mark.parametrize("opts, draw, mse", [
    ("strata(st)", {"strata": "st"}, False),
    ("strata(st) mse", {"strata": "st"}, True),
    ("size(30)", {"size": 30}, False),
    ("cluster(id)", {"cluster": "id"}, False),
    ("strata(st) size(10) bca ties nowarn level(90) notable noheader nolegend verbose title(t) jackknifeopts(nodots)",
     {"strata": "st", "size": 10}, False),
])
def test_regress_band_is_the_replicates_of_the_drawn_rows(s, opts, draw, mse):
    graph, fig = drawn(s, f"twoway fpfitci y x, estopts({LINEAR} vce(bootstrap, reps(30) seed(11) {opts}))")
    x_line, fit, lower, upper = _band(graph, fig)
    draw = {k: s.data.numeric(v) if isinstance(v, str) else v for k, v in draw.items()}
    at, fit0, half, _ = _expected(s, s.data.numeric("y"), _ols, 11, 30, mse, **draw)
    np.testing.assert_allclose(x_line, at)
    np.testing.assert_allclose(fit, fit0, rtol=1e-10)
    np.testing.assert_allclose((upper - lower) / 2, half, rtol=1e-8)


def test_regress_own_cluster_is_the_prefix_cluster_in_fpfit_and_lfit(s):
    """_vce_parserun moves regress's cluster(v) into the prefix: whole clusters drawn."""
    fp, fig = drawn(s, f"twoway fpfitci y x, estopts({LINEAR} cluster(id) vce(bootstrap, reps(25) seed(3)))")
    at, fit0, half, _ = _expected(s, s.data.numeric("y"), _ols, 3, 25, cluster=s.data.numeric("id"))
    _, fit, lower, upper = _band(fp, fig)
    np.testing.assert_allclose((upper - lower) / 2, half, rtol=1e-8)
    same, _ = drawn(s, f"twoway fpfitci y x, estopts({LINEAR} vce(bootstrap, reps(25) seed(3) cluster(id)))")
    np.testing.assert_allclose(same.panels[0].series[0].y, fp.panels[0].series[0].y)
    # lfit: no band (bootstrap keeps no e(df_r), twoway__lfit_serset's invttail() is missing), but
    # predopts(stdp) draws the bootstrap standard error of the same linear form at lfit's grid
    lf, _ = drawn(s, "twoway lfit y x, estopts(cluster(id) vce(bootstrap, reps(25) seed(3))) predopts(stdp)")
    (line,) = lf.panels[0].series
    x = s.data.numeric("x")
    X0 = np.column_stack([np.asarray(line.x) - x.mean(), np.ones(len(line.x))])
    X = np.column_stack([x - x.mean(), np.ones(N)])
    B = np.array([_ols(s.data.numeric("y")[r], X[r]) for r in _draws(N, 3, 25, cluster=s.data.numeric("id"))])
    want = np.sqrt(np.einsum("ij,jk,ik->i", X0, np.cov(B, rowvar=False), X0))
    np.testing.assert_allclose(line.y, want, rtol=1e-8)
    out, rc = run(s, "twoway lfitci y x, estopts(cluster(id) vce(bootstrap, cluster(st)))", stop_on_error=False)
    assert rc == 198 and "conflicts" in out


def test_qfit_strata_standard_error(s):
    """qfitci draws no band after bootstrap (no e(df_r)); predopts(stdp) is the bootstrap's."""
    ci, _ = drawn(s, "twoway qfitci y x, estopts(vce(bootstrap, reps(20) seed(8) strata(st)))")
    assert np.all(np.isnan(ci.panels[0].series[0].y)) or len(ci.panels[0].series[0].y) == 0
    graph, _ = drawn(s, "twoway qfit y x, estopts(vce(bootstrap, reps(20) seed(8) strata(st))) predopts(stdp)")
    (line,) = graph.panels[0].series
    x, y = s.data.numeric("x"), s.data.numeric("y")
    X = np.column_stack([x, x ** 2, np.ones(N)])
    B = np.array([_ols(y[r], X[r]) for r in _draws(N, 8, 20, strata=s.data.numeric("st"))])
    at = np.asarray(line.x)
    X0 = np.column_stack([at, at ** 2, np.ones(at.size)])
    want = np.sqrt(np.einsum("ij,jk,ik->i", X0, np.cov(B, rowvar=False), X0))
    np.testing.assert_allclose(line.y, want, rtol=1e-7)


def test_logit_strata_band_against_newton_refits(s):
    graph, fig = drawn(s, f"twoway fpfitci yb x, estcmd(logit) estopts({LINEAR} vce(bootstrap, reps(30) seed(5) "
                          "strata(st)))")
    _, fit, lower, upper = _band(graph, fig)
    at, fit0, half, _ = _expected(s, s.data.numeric("yb"), _logit, 5, 30, strata=s.data.numeric("st"))
    np.testing.assert_allclose(fit, fit0, rtol=1e-6)
    np.testing.assert_allclose((upper - lower) / 2, half, rtol=1e-5)


def test_reject_leaves_the_rejected_replicates_out(s):
    graph, fig = drawn(s, f"twoway fpfitci y x, estopts({LINEAR} vce(bootstrap, reps(40) seed(9) "
                          "reject(_b[_cons] > 2.4)))")
    _, _, lower, upper = _band(graph, fig)
    at, _, half, B = _expected(s, s.data.numeric("y"), _ols, 9, 40, keep=lambda B: ~(B[:, 1] > 2.4))
    assert 5 < np.sum(_expected(s, s.data.numeric("y"), _ols, 9, 40)[3][:, 1] > 2.4) < 35  # some, not all
    np.testing.assert_allclose((upper - lower) / 2, half, rtol=1e-8)
    out, rc = run(s, f"twoway fpfitci y x, estopts({LINEAR} vce(bootstrap, reps(5) reject(_b[_cons] > 0)))")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out  # true on the full sample: r(9) inside


def test_saving_with_replace_holds_the_final_models_replicates(s, tmp_path):
    f = tmp_path / "bs.dta"
    drawn(s, f'twoway fpfitci y x, estopts({LINEAR} vce(bootstrap, reps(15) seed(2) saving("{f}", replace)))')
    _, _, _, B = _expected(s, s.data.numeric("y"), _ols, 2, 15)
    out, rc = run(s, f'use "{f}", clear')
    assert rc == 0 and s.data.label == "bootstrap: regress"
    assert list(s.data.varnames) == ["_b_Ix__1", "_b_cons"]
    np.testing.assert_allclose(s.data.numeric("_b_Ix__1"), B[:, 0].astype(np.float32), rtol=1e-6)
    assert s.data.chars["_b_cons[expression]"] == "_b[_cons]" and s.data.chars["N"] == str(N)


def test_saving_without_replace_fails_fracpoly_after_its_first_fit(s, tmp_path):
    """The model without x writes the file, every candidate then fails on it: the note; the file
    holds the constant-only model's replicates (the means of y drawn)."""
    f = tmp_path / "first.dta"
    out, rc = run(s, f'twoway fpfitci y x, estopts(vce(bootstrap, reps(12) seed(4) saving("{f}")))')
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out
    y = s.data.numeric("y")
    means = [y[r].mean() for r in _draws(N, 4, 12)]
    run(s, f'use "{f}", clear')
    assert list(s.data.varnames) == ["_b_cons"]
    np.testing.assert_allclose(s.data.numeric("_b_cons"), np.float32(means), rtol=1e-6)


def test_ml_and_grouped_files_name_their_equations(s, tmp_path):
    f = tmp_path / "lg.dta"
    drawn(s, f'twoway fpfitci yb x, estcmd(logit) estopts({LINEAR} vce(bootstrap, reps(10) seed(1) size(40) '
             f'saving("{f}", replace)))')
    run(s, f'use "{f}", clear')
    assert list(s.data.varnames) == ["yb_b_Ix__1", "yb_b_cons"]  # _prefix_expand: a named equation prefixes
    assert s.data.chars["yb_b_cons[coleq]"] == "yb"


@pytest.mark.parametrize("line", [
    f"twoway fpfitci y x, estopts({LINEAR} vce(bootstrap, reps(5) jackknifeopts(nodots)))",
    f"twoway fpfitci y x, estopts({LINEAR} vce(bootstrap, reps(5) size(100)))",
    f"twoway fpfitci y x, estopts({LINEAR} vce(bootstrap, reps(5) idcluster(new)))",
    f"twoway fpfitci y x, estopts({LINEAR} vce(bootstrap, reps(5) bogus))",
    f"twoway fpfitci yb x, estcmd(logit) estopts({LINEAR} vce(bootstrap, reps(5) size(100)))",
    f"twoway fpfitci yb x, estcmd(probit) estopts({LINEAR} vce(bootstrap, reps(5) strata(st) reject(_b[_cons] < 9)))",
])
def test_bootstrap_errors_inside_fracpoly_are_the_note(s, line):
    out, rc = run(s, line)
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out


@pytest.mark.parametrize("line, message, code", [
    ("twoway lfitci y x, estopts(vce(bootstrap, jackknifeopts(nodots)))",
     "option jackknifeopts() requires the bca option", 198),
    ("twoway lfitci y x, estopts(vce(bootstrap, size(100)))",
     "resample size must not be greater than number of observations", 498),
    # (noisily and trace with probit, logit ...: printed now, tests/test_graphs_fpfit_printed_runs.py)
])
def test_lfit_bootstrap_option_errors(s, line, message, code):
    out, rc = run(s, line, stop_on_error=False)
    assert rc == code and message in out


def test_force_hands_the_weights_to_each_replicate(s):
    """bootstrap refuses weights (fracpoly's note) unless force: then each replicate's regress is
    weighted least squares on the rows drawn."""
    run(s, "generate w = 1 + mod(_n, 3)")
    out, rc = run(s, f"twoway fpfitci y x [aw=w], estopts({LINEAR} vce(bootstrap, reps(5)))")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out
    graph, fig = drawn(s, f"twoway fpfitci y x [aw=w], estopts({LINEAR} vce(bootstrap, reps(20) seed(6) force))")
    _, fit, lower, upper = _band(graph, fig)
    x, y, w = s.data.numeric("x"), s.data.numeric("y"), s.data.numeric("w")
    X = np.column_stack([x - x.mean(), np.ones(N)])  # fracgen centres at the unweighted mean
    root = np.sqrt(w)
    b = _ols(y * root, X * root[:, None])
    B = np.array([_ols(y[r] * root[r], X[r] * root[r][:, None]) for r in _draws(N, 6, 20)])
    at = np.unique(x)
    X0 = np.column_stack([at - x.mean(), np.ones(at.size)])
    np.testing.assert_allclose(fit, X0 @ b, rtol=1e-9)
    np.testing.assert_allclose((upper - lower) / 2, Z * np.sqrt(np.einsum("ij,jk,ik->i", X0, np.cov(B, rowvar=False),
                                                                          X0)), rtol=1e-8)
    out, rc = run(s, "twoway lfit y x [fw=w], estopts(vce(bootstrap, reps(5)))", stop_on_error=False)
    assert rc == 101
    lf, _ = drawn(s, "twoway lfit y x [fw=w], estopts(vce(bootstrap, reps(20) seed(6) force)) predopts(stdp)")
    (line,) = lf.panels[0].series
    Xl = np.column_stack([x, np.ones(N)])
    Bl = np.array([_ols(y[r] * root[r], Xl[r] * root[r][:, None]) for r in _draws(N, 6, 20)])
    X0 = np.column_stack([np.asarray(line.x), np.ones(len(line.x))])
    np.testing.assert_allclose(line.y, np.sqrt(np.einsum("ij,jk,ik->i", X0, np.cov(Bl, rowvar=False), X0)), rtol=1e-8)


def test_logit_file_holds_the_replicates_the_band_uses(s, tmp_path):
    """The saved replicates (e(b) over the centred term) give the band's stdp: the file is the
    final fit's; without replace the first fit's (logit on the constant alone) and the note."""
    f = tmp_path / "lgb.dta"
    graph, fig = drawn(s, f'twoway fpfitci yb x, estcmd(logit) estopts({LINEAR} vce(bootstrap, reps(25) seed(3) '
                          f'strata(st) saving("{f}", replace)))')
    x_line, _, lower, upper = _band(graph, fig)
    x = s.data.numeric("x")
    run(s, f'use "{f}", clear')
    B = np.column_stack([s.data.numeric("yb_b_Ix__1"), s.data.numeric("yb_b_cons")])
    X0 = np.column_stack([x_line - x.mean(), np.ones(x_line.size)])
    np.testing.assert_allclose((upper - lower) / 2, Z * np.sqrt(np.einsum("ij,jk,ik->i", X0, np.cov(B, rowvar=False),
                                                                          X0)), rtol=1e-5)
    assert s.data.chars["strata"] == "st" and s.data.chars["N_strata"] == "3"


def test_logit_without_replace_writes_the_constant_only_fit(s, tmp_path):
    f = tmp_path / "first.dta"
    yb = s.data.numeric("yb")
    out, rc = run(s, f'twoway fpfitci yb x, estcmd(logit) estopts(vce(bootstrap, reps(8) seed(4) saving("{f}")))')
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out
    want = [np.log(yb[r].mean() / (1 - yb[r].mean())) for r in _draws(N, 4, 8)]
    run(s, f'use "{f}", clear')
    assert list(s.data.varnames) == ["yb_b_cons"]
    np.testing.assert_allclose(s.data.numeric("yb_b_cons"), np.float32(want), rtol=1e-5)


def test_streg_and_xtgee_files(s, tmp_path):
    run(s, "generate t = 1 + x + mod(_n, 5)\ngenerate d = mod(_n, 4) > 0\nstset t, failure(d)")
    f = tmp_path / "sw.dta"
    drawn(s, f'twoway fpfitci x y, estcmd(streg) estopts(distribution(weibull) {LINEAR} '
             f'vce(bootstrap, reps(6) seed(2) strata(st) saving("{f}", replace)))')
    g = tmp_path / "xg.dta"
    run(s, "xtset id")
    drawn(s, f'twoway fpfitci yb x, estcmd(xtgee) estopts(family(binomial) {LINEAR} '
             f'vce(bootstrap, reps(6) seed(2) saving("{g}", replace)))')
    run(s, f'use "{f}", clear')
    assert list(s.data.varnames) == ["_t_b_Ix__1", "_t_b_y", "_t_b_cons", "ln_p_b_cons"]
    assert s.data.label == "bootstrap: streg" and s.data.chars["strata"] == "st"
    run(s, f'use "{g}", clear')
    assert list(s.data.varnames) == ["_b_Ix__1", "_b_cons"] and s.data.nobs == 6
