"""twoway lfit/qfit/lfitci/qfitci with ``estopts(vce(hc2|hc3|jackknife|bootstrap))`` and
``predopts()`` statistics that need the outcome; the numbers are checked against formulas
written out here (sandwiches, leave-one-out refits) and against regress + predict."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import artists, drawn, legend_texts, make_session, run


@pytest.fixture
def s():
    return make_session()


def _xy(s):
    return s.data.numeric("x"), s.data.numeric("y")


def _design(x, degree=1):
    return np.column_stack([x ** p for p in range(1, degree + 1)] + [np.ones_like(x)])


def _leverage_vce(x, y, kind, degree=1):
    """V of y on (x[, x^2], 1): hc2/hc3 written out, the jackknife by refitting without each row."""
    X = _design(x, degree)
    bread = np.linalg.inv(X.T @ X)
    b = bread @ X.T @ y
    e = y - X @ b
    n = len(y)
    if kind == "jackknife":
        B = np.array([np.linalg.lstsq(np.delete(X, i, 0), np.delete(y, i), rcond=None)[0] for i in range(n)])
        D = B - B.mean(axis=0)
        return b, (n - 1) / n * D.T @ D, n - 1
    h = np.einsum("ij,jk,ik->i", X, bread, X)
    omega = e ** 2 / (1 - h) ** (1 if kind == "hc2" else 2)
    return b, bread @ (X.T @ (X * omega[:, None])) @ bread, n - X.shape[1]


@pytest.mark.parametrize("kind, degree", [("hc2", 1), ("hc3", 1), ("jackknife", 1), ("hc3", 2), ("jackknife", 2)])
def test_band_from_the_leverage_vces(s, kind, degree):
    from scipy.stats import t as student_t

    plot = "lfitci" if degree == 1 else "qfitci"
    graph, fig = drawn(s, f"twoway {plot} y x, n(7) estopts(vce({kind})) level(90)")
    band, line = graph.panels[0].series
    x, y = _xy(s)
    b, V, df = _leverage_vce(x, y, kind, degree)
    X0 = _design(line.x, degree)
    se = np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0))
    q = student_t.ppf(.95, df)
    np.testing.assert_allclose(line.y, X0 @ b, rtol=1e-9)
    np.testing.assert_allclose(band.y, X0 @ b - q * se, rtol=1e-8)
    np.testing.assert_allclose(band.y2, X0 @ b + q * se, rtol=1e-8)
    (area,) = artists(fig, "p1-s1-area")  # the band drawn is that band
    verts = np.concatenate([p.vertices for p in area.get_paths()])
    assert verts[:, 1].max() == pytest.approx((X0 @ b + q * se).max())
    assert verts[:, 1].min() == pytest.approx((X0 @ b - q * se).min())


def test_hc_band_matches_regress_and_predict(s):
    """The same numbers as ``regress, vce(hc3)`` then ``predict, stdp``/``stdf`` (stdf is
    allowed: regres_p refuses it only when e(vcetype) is "Robust")."""
    from scipy.stats import t as student_t

    graph, _ = drawn(s, "twoway lfitci y x, atobs stdf estopts(vce(hc3))")
    band, line = graph.panels[0].series
    run(s, "quietly regress y x, vce(hc3)\npredict double sp, stdp\npredict double fx, xb")
    order = np.argsort(s.data.numeric("x"), kind="stable")
    np.testing.assert_allclose(line.y, s.data.numeric("fx")[order], rtol=1e-9)
    stdf = np.sqrt(s.data.numeric("sp") ** 2 + s.e.scalars["rmse"] ** 2)[order]
    np.testing.assert_allclose(band.y2 - line.y, student_t.ppf(.975, 58) * stdf, rtol=1e-9)


def test_bootstrap_draws_and_the_missing_band(s):
    """vce(bootstrap): predict's stdp from the bootstrap V, the draws regress's (reps(), seed());
    the band is missing (bootstrap posts no e(df_r), so invttail(e(df_r), .) is missing)."""
    graph, fig = drawn(s, "twoway lfit y x, atobs predopts(stdp) estopts(vce(bootstrap, reps(30) seed(17)))")
    (line,) = graph.panels[0].series
    run(s, "quietly regress y x, vce(bootstrap, reps(30) seed(17) nodots)\npredict double sp, stdp")
    order = np.argsort(s.data.numeric("x"), kind="stable")
    np.testing.assert_allclose(line.y, s.data.numeric("sp")[order], rtol=1e-9)
    x, y = _xy(s)
    _, V_ols, _ = _leverage_vce(x, y, "hc2")
    ols_sp = np.sqrt(np.einsum("ij,jk,ik->i", _design(line.x), V_ols, _design(line.x)))
    assert 0.5 < np.median(line.y / ols_sp) < 2  # the same sampling variance, roughly
    other, _ = drawn(s, "twoway lfit y x, atobs predopts(stdp) estopts(vce(bootstrap, reps(30) seed(18)))")
    assert not np.allclose(other.panels[0].series[0].y, line.y)  # seed() honoured
    fewer, _ = drawn(s, "twoway lfit y x, atobs predopts(stdp) estopts(vce(bootstrap, reps(5) seed(17)))")
    assert not np.allclose(fewer.panels[0].series[0].y, line.y)  # reps() honoured
    graph, fig = drawn(s, "twoway lfitci y x, n(9) estopts(vce(bootstrap, reps(10) seed(1))) legend(on)")
    band, fit = graph.panels[0].series
    assert band.x.size == 0 and fit.x.size == 9
    assert legend_texts(fig) == ["95% CI", "Fitted values"]


def _leave_one_out(x, y, degree=1):
    """Each influence statistic by its definition, refitting without each row."""
    X = _design(x, degree)
    n, k = X.shape
    bread = np.linalg.inv(X.T @ X)
    b = bread @ X.T @ y
    e = y - X @ b
    s2 = e @ e / (n - k)
    h = np.einsum("ij,jk,ik->i", X, bread, X)
    out = {name: np.empty(n) for name in ("rstudent", "cooksd", "dfits", "covratio", "dfbeta")}
    for i in range(n):
        Xi, yi = np.delete(X, i, 0), np.delete(y, i)
        bi = np.linalg.lstsq(Xi, yi, rcond=None)[0]
        ei = yi - Xi @ bi
        s2i = ei @ ei / (n - 1 - k)
        out["rstudent"][i] = e[i] / np.sqrt(s2i * (1 - h[i]))
        out["cooksd"][i] = (b - bi) @ (X.T @ X) @ (b - bi) / (k * s2)
        out["dfits"][i] = (X[i] @ b - X[i] @ bi) / np.sqrt(s2i * h[i])
        out["covratio"][i] = np.linalg.det(s2i * np.linalg.inv(Xi.T @ Xi)) / np.linalg.det(s2 * bread)
        out["dfbeta"][i] = (b[0] - bi[0]) / np.sqrt(s2i * bread[0, 0])
    out["residuals"] = out["score"] = e
    out["rstandard"] = e / np.sqrt(s2 * (1 - h))
    out["welsch"] = out["dfits"] * np.sqrt((n - 1) / (1 - h))
    return out


@pytest.mark.parametrize("statistic, label", [
    ("residuals", "Residuals"), ("score", "Residuals"), ("rstandard", "Standardized residuals"),
    ("rstudent", "Studentized residuals"), ("cooksd", "Cook's D"), ("dfits", "DFITS"),
    ("welsch", "Welsch distance"), ("covratio", "COVRATIO"), ("dfbeta(x)", "DFBETA x")])
def test_outcome_statistics_at_the_observations(s, statistic, label):
    graph, fig = drawn(s, f"twoway lfit y x, atobs predopts({statistic}) legend(on)")
    (line,) = graph.panels[0].series
    x, y = _xy(s)
    order = np.argsort(x, kind="stable")
    expected = _leave_one_out(x, y)[statistic.split("(")[0]][order]
    np.testing.assert_allclose(line.x, x[order])
    np.testing.assert_allclose(line.y, expected, rtol=1e-8, atol=1e-12)
    assert legend_texts(fig) == [label]


def test_qfit_dfbeta_of_x_with_x_squared_in_the_model(s):
    graph, _ = drawn(s, "twoway qfit y x, atobs predopts(dfbeta(x))")
    x, y = _xy(s)
    order = np.argsort(x, kind="stable")
    np.testing.assert_allclose(graph.panels[0].series[0].y, _leave_one_out(x, y, 2)["dfbeta"][order], rtol=1e-8)


def test_grid_points_pair_with_the_datas_observations(s):
    """Stata's fit puts grid point i in observation i: its outcome is y[i]; past _N it is
    missing; the e(sample)-only statistics are missing where observation i is not in the sample."""
    run(s, "replace y = . in 2")
    n = 64  # four points past the 60 observations
    graph, _ = drawn(s, f"twoway lfit y x, n({n}) predopts(residuals)")
    (line,) = graph.panels[0].series
    x, y = _xy(s)
    ok = np.isfinite(y)
    X = _design(x[ok])
    b = np.linalg.lstsq(X, y[ok], rcond=None)[0]
    grid = np.linspace(x[ok].min(), x[ok].max(), n)
    expected = y[:n] - (grid[:60] * b[0] + b[1])
    keep = np.isfinite(expected)
    np.testing.assert_allclose(line.x, grid[:60][keep])
    np.testing.assert_allclose(line.y, expected[keep], rtol=1e-10)
    graph, _ = drawn(s, f"twoway lfit y x if g != 2, n({n}) predopts(rstandard)")  # any observation
    assert graph.panels[0].series[0].x.size == 59
    graph, _ = drawn(s, f"twoway lfit y x if g != 2, n({n}) predopts(welsch)")  # e(sample) only
    in_sample = (s.data.numeric("g") != 2) & ok
    assert graph.panels[0].series[0].x.size == int(in_sample.sum())
    grid = np.linspace(x[in_sample].min(), x[in_sample].max(), n)  # over the sample's x
    np.testing.assert_allclose(graph.panels[0].series[0].x, grid[:60][in_sample])


def test_pr_bounds_from_a_variable_and_a_scalar_expression(s):
    from scipy.stats import norm

    graph, fig = drawn(s, "twoway lfit y x, n(6) predopts(pr(g, 1+3)) legend(on)")
    (line,) = graph.panels[0].series
    x, y = _xy(s)
    X = _design(x)
    b = np.linalg.lstsq(X, y, rcond=None)[0]
    e = y - X @ b
    sd = np.sqrt(e @ e / 58)
    xb = line.x * b[0] + b[1]
    lower = s.data.numeric("g")[:6]  # point i: observation i's g
    np.testing.assert_allclose(line.y, norm.cdf((4 - xb) / sd) - norm.cdf((lower - xb) / sd), rtol=1e-9)
    assert legend_texts(fig) == ["Pr(g<y<1+3)"]
    out, rc = run(s, "twoway lfit y x, n(6) predopts(e(h, g))", stop_on_error=False)
    assert rc == 0, out  # h <= g in every observation: allowed
    out, rc = run(s, "twoway lfit y x, n(6) predopts(pr(g, h))", stop_on_error=False)
    assert rc == 198 and "b must be >= a" in out
    out, rc = run(s, "twoway lfit y x, n(6) predopts(pr(nosuch, 1))", stop_on_error=False)
    assert rc == 111


@pytest.mark.parametrize("command, message, code", [
    ("twoway lfit y x [aw=w], predopts(dfbeta(x))", "not possible after weighted regression", 398),
    ("twoway lfit y x, predopts(dfbeta(g))", "g not found in list of covariates", 322),
    ("twoway lfit y x, predopts(rstudent) estopts(robust)", "option rstudent not allowed after robust", 198),
    ("twoway lfit y x, predopts(cooksd) estopts(vce(jackknife))", "not allowed after jackknife estimation", 198),
    ("twoway lfit y x [aw=w], estopts(vce(jackknife))", "aweights not allowed", 101),
    ("twoway lfit y x [aw=w], estopts(vce(bootstrap))", "weights not allowed with vce(bootstrap)", 101),
    ("twoway lfit y x, estopts(vce(bootstrap, bogus))", "option bogus not allowed", 198),
    ("twoway lfit y x, estopts(vce(hc2 x))", "vcetype 'hc2 x' not allowed", 198),
    ("twoway lfitci y x, estopts(vce(hc3) cluster(g))", "only one of cluster() or vce(hc3) is allowed", 198),
    ("twoway lfitci y x, estopts(vce(robust) cluster(g))", "only one of cluster() or vce(robust) is allowed", 198),
    ("twoway lfitci y x, estopts(vce(jackknife) robust)", "options vce() and robust may not be combined", 198)])
def test_refusals(s, command, message, code):
    out, rc = run(s, command, stop_on_error=False)
    assert rc == code and message in out, (command, out)


def test_score_is_allowed_after_robust(s):
    graph, _ = drawn(s, "twoway lfit y x, atobs predopts(score) estopts(robust)")
    x, y = _xy(s)
    np.testing.assert_allclose(graph.panels[0].series[0].y, _leave_one_out(x, y)["score"][np.argsort(x, kind="stable")])


@pytest.mark.parametrize("plot, degree, sub", [("lfitci", 1, "cluster(c)"), ("qfitci", 2, "cl(c) mse"),
                                               ("lfitci", 1, ") cluster(c")])  # regress's own cluster()
def test_band_from_the_cluster_jackknife(s, plot, degree, sub):
    """estopts(vce(jackknife, cluster())): V = (G-1)/G sum_g (b_(g) - bbar)(b_(g) - bbar)' (mse:
    about b) from refits without each cluster, t on G - 1 degrees of freedom."""
    from scipy.stats import t as student_t

    run(s, "generate c = mod(_n * 5, 8)")
    graph, fig = drawn(s, f"twoway {plot} y x, n(9) estopts(vce(jackknife, {sub}))")
    band, line = graph.panels[0].series
    x, y = _xy(s)
    codes = s.data.numeric("c")
    X = _design(x, degree)
    b = np.linalg.lstsq(X, y, rcond=None)[0]
    B = np.array([np.linalg.lstsq(X[codes != g], y[codes != g], rcond=None)[0] for g in np.unique(codes)])
    G = len(B)
    D = B - (b if "mse" in sub else B.mean(axis=0))
    V = (G - 1) / G * D.T @ D
    X0 = _design(line.x, degree)
    half = student_t.ppf(.975, G - 1) * np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0))
    np.testing.assert_allclose(line.y, X0 @ b, rtol=1e-9)
    np.testing.assert_allclose(band.y2 - band.y, 2 * half, rtol=1e-8)
    (area,) = artists(fig, "p1-s1-area")
    verts = np.concatenate([p.vertices for p in area.get_paths()])
    assert verts[:, 1].max() == pytest.approx((X0 @ b + half).max())


def test_jackknife_band_leaves_out_a_replicate_without_a_regressor(s):
    """x a dummy for the last observation: leaving it out leaves x constant, which that replicate's
    regress omits; jackknife.ado's loop posts missing values there, so the band's V is the
    jackknife of the other replicates (G = n - 1, t on G - 1 degrees of freedom)."""
    from scipy.stats import t as student_t

    run(s, "replace x = _n == _N")
    graph, _ = drawn(s, "twoway lfitci y x, n(3) estopts(vce(jackknife))")
    band, line = graph.panels[0].series
    x, y = _xy(s)
    X = _design(x, 1)
    b = np.linalg.lstsq(X, y, rcond=None)[0]
    B = np.array([np.linalg.lstsq(np.delete(X, i, 0), np.delete(y, i), rcond=None)[0] for i in range(len(y) - 1)])
    G = len(B)
    D = B - B.mean(axis=0)
    V = (G - 1) / G * D.T @ D
    X0 = _design(line.x, 1)
    half = student_t.ppf(.975, G - 1) * np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0))
    np.testing.assert_allclose(band.y2 - band.y, 2 * half, rtol=1e-8)
