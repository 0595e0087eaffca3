"""twoway fpfit/fpfitci: fracpoly's ``estopts()`` (noconstant, degree(), powers(), center()),
regress's ``vce()`` on the band, fracpred's ``predopts()`` (stdp, for(), dresid), weights -- each
checked against a brute-force search and fit written out here."""
from __future__ import annotations

from itertools import combinations_with_replacement

import numpy as np
import pytest

from graphs_helpers import artists, drawn, legend_texts, make_session, run, segments

POWERS = (-2, -1, -0.5, 0, 0.5, 1, 2, 3)


@pytest.fixture
def s():
    return make_session()


def _terms(z, powers):
    out = []
    for i, p in enumerate(powers):
        if i and p == powers[i - 1]:
            out.append(out[-1] * np.log(z))
        else:
            out.append(np.log(z) if p == 0 else z ** p)
    return np.column_stack(out)


def _brute_force(y, x, *, constant=True, degree=2, powers=POWERS, w=None, center="mean", scaling=True):
    """fracpoly by hand: x (positive) scaled by 10^floor(log10(range)) (noscaling: by 1); every
    pair of powers fitted by (weighted) least squares, with or without a constant; the best by
    RSS; the final terms centred at the mean of x (center "no": not centred)."""
    scale = 10.0 ** np.floor(np.log10(x.max() - x.min())) if scaling else 1.0
    z = x / scale
    w = np.ones_like(y) if w is None else w * len(y) / w.sum()
    best = None
    for pw in combinations_with_replacement(sorted(powers), degree):
        X = _terms(z, pw)
        if constant:
            X = np.column_stack([X, np.ones_like(y)])
        b = np.linalg.solve(X.T @ (w[:, None] * X), X.T @ (w * y))
        rss = w @ (y - X @ b) ** 2
        if best is None or rss < best[0]:
            best = (rss, pw)
    pw = best[1]
    at = np.mean(z) if center == "mean" else 1.0 if center == "no" else center / scale
    centre = _terms(np.array([at]), pw)[0] if center != "no" else np.zeros(len(pw))

    def design(v):
        T = _terms(v / scale, pw) - centre
        return np.column_stack([T, np.ones_like(v)]) if constant else T

    X = design(x)
    bread = np.linalg.inv(X.T @ (w[:, None] * X))
    b = bread @ X.T @ (w * y)
    return pw, b, bread, design, X, w


def test_noconstant_searches_and_fits_without_a_constant(s):
    graph, fig = drawn(s, "twoway fpfitci y z, estopts(noconstant)")
    band, line = graph.panels[0].series
    z, y = s.data.numeric("z"), s.data.numeric("y")
    pw, b, bread, design, X, _ = _brute_force(y, z, constant=False)
    at = np.unique(z)
    np.testing.assert_allclose(line.x, at)
    np.testing.assert_allclose(line.y, design(at) @ b, rtol=1e-8)
    e = y - X @ b
    s2 = e @ e / (len(y) - 2)
    from scipy.stats import t as student_t

    se = np.sqrt(s2 * np.einsum("ij,jk,ik->i", design(at), bread, design(at)))
    np.testing.assert_allclose(band.y2 - line.y, student_t.ppf(.975, len(y) - 2) * se, rtol=1e-8)
    plain, _ = drawn(s, "twoway fpfit y z")
    assert not np.allclose(plain.panels[0].series[0].y, line.y)


def test_degree_powers_and_center(s):
    z, y = s.data.numeric("z"), s.data.numeric("y")
    graph, _ = drawn(s, "twoway fpfit y z, estopts(degree(1) powers(-1 0 1 2))")
    pw, b, _, design, _, _ = _brute_force(y, z, degree=1, powers=(-1, 0, 1, 2))
    np.testing.assert_allclose(graph.panels[0].series[0].y, design(np.unique(z)) @ b, rtol=1e-8)
    graph, _ = drawn(s, "twoway fpfit y z, estopts(noconstant center(2))")  # centred at z = 2
    pw, b, _, design, _, _ = _brute_force(y, z, constant=False, center=2.0)
    np.testing.assert_allclose(graph.panels[0].series[0].y, design(np.unique(z)) @ b, rtol=1e-8)


@pytest.mark.parametrize("vce", ["robust", "hc3", "cluster g"])
def test_band_from_regress_vce(s, vce):
    from scipy.stats import t as student_t

    graph, fig = drawn(s, f"twoway fpfitci y z, estopts(vce({vce})) level(90)")
    band, line = graph.panels[0].series
    z, y = s.data.numeric("z"), s.data.numeric("y")
    pw, b, bread, design, X, _ = _brute_force(y, z)
    e = y - X @ b
    n, k = X.shape
    if vce == "cluster g":
        g = s.data.numeric("g")
        U = np.array([(X[g == c] * e[g == c, None]).sum(axis=0) for c in np.unique(g)])
        V, df = 3 / 2 * (n - 1) / (n - k) * bread @ (U.T @ U) @ bread, 2
    else:
        h = np.einsum("ij,jk,ik->i", X, bread, X)
        omega = e ** 2 * (n / (n - k) if vce == "robust" else 1 / (1 - h) ** 2)
        V, df = bread @ (X.T @ (X * omega[:, None])) @ bread, n - k
    at = np.unique(z)
    se = np.sqrt(np.einsum("ij,jk,ik->i", design(at), V, design(at)))
    np.testing.assert_allclose(line.y, design(at) @ b, rtol=1e-8)
    np.testing.assert_allclose(band.y2 - line.y, student_t.ppf(.95, df) * se, rtol=1e-8)
    (area,) = artists(fig, "p1-s1-area")
    verts = np.concatenate([p.vertices for p in area.get_paths()])
    assert verts[:, 1].max() == pytest.approx((line.y + student_t.ppf(.95, df) * se).max())


def test_bootstrap_band_uses_the_normal_quantile(s):
    """Without e(df_r) (bootstrap), the serset program takes invnormal: the band's half-width
    is z times the bootstrap stdp, which predopts(stdp) draws with the same draws."""
    from scipy.stats import norm

    opts = "estopts(vce(bootstrap, reps(25) seed(4)))"
    graph, _ = drawn(s, f"twoway fpfitci y z, {opts}")
    band, line = graph.panels[0].series
    sp, _ = drawn(s, f"twoway fpfit y z, {opts} predopts(stdp)")
    np.testing.assert_allclose(band.y2 - line.y, norm.ppf(.975) * sp.panels[0].series[0].y, rtol=1e-9)


def test_fracpred_stdp_and_for(s):
    z, y = s.data.numeric("z"), s.data.numeric("y")
    pw, b, bread, design, X, _ = _brute_force(y, z)
    e = y - X @ b
    s2 = e @ e / (len(y) - 3)
    at = np.unique(z)
    graph, fig = drawn(s, "twoway fpfit y z, predopts(stdp) legend(on)")
    np.testing.assert_allclose(graph.panels[0].series[0].y,
                               np.sqrt(s2 * np.einsum("ij,jk,ik->i", design(at), bread, design(at))), rtol=1e-8)
    assert legend_texts(fig) == ["S.E. of the prediction"]
    # for(z): fracpred's pcalc, sum of _b[Ix__j]*Ix__j plus _b[_cons] (the model has a constant),
    # and vcalc, the terms' quadratic form plus V[_cons,_cons] and 2 V[_cons,j] Ix__j
    Ix, V = design(at)[:, :2], s2 * bread
    graph, _ = drawn(s, "twoway fpfit y z, predopts(for(z))")
    np.testing.assert_allclose(graph.panels[0].series[0].y, Ix @ b[:2] + b[2], rtol=1e-8)
    graph, _ = drawn(s, "twoway fpfit y z, predopts(for(z) stdp)")
    variance = np.einsum("ij,jk,ik->i", Ix, V[:2, :2], Ix) + V[2, 2] + 2 * Ix @ V[2, :2]
    np.testing.assert_allclose(graph.panels[0].series[0].y, np.sqrt(variance), rtol=1e-8)
    # without a constant (noconstant: V has no _cons row) the centred terms' part alone
    pw0, b0, bread0, design0, X0, _ = _brute_force(y, z, constant=False)
    e0 = y - X0 @ b0
    V0 = e0 @ e0 / (len(y) - 2) * bread0
    graph, _ = drawn(s, "twoway fpfit y z, estopts(noconstant) predopts(for(z))")
    np.testing.assert_allclose(graph.panels[0].series[0].y, design0(at) @ b0, rtol=1e-8)
    graph, _ = drawn(s, "twoway fpfit y z, estopts(noconstant) predopts(for(z) stdp)")
    np.testing.assert_allclose(graph.panels[0].series[0].y,
                               np.sqrt(np.einsum("ij,jk,ik->i", design0(at), V0, design0(at))), rtol=1e-8)


@pytest.mark.parametrize("weight", ["", "[aw=w]"])
def test_fracpred_dresid(s, weight):
    """predopts(dresid): fracpred.ado's deviance residual for regress, y - xb (weighted:
    times sqrt(w / mean w)), at each distinct z of the observations twoway__fpfit_serset keeps
    (sorted by z and y: the first, the smallest y at that z)."""
    run(s, "replace z = round(z, .5)")  # ties: several observations at one z
    z, y, w = (s.data.numeric(v) for v in ("z", "y", "w"))
    assert len(np.unique(z)) < len(z)
    pw, b, bread, design, X, _ = _brute_force(y, z, w=w if weight else None)
    at = np.unique(z)
    first = np.array([np.flatnonzero(z == v)[np.argmin(y[z == v])] for v in at])
    want = y[first] - design(at) @ b
    if weight:
        want = want * np.sqrt(w[first] / w[first].mean())
    graph, fig = drawn(s, f"twoway fpfitci y z {weight}, predopts(dresid) legend(on)")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.x, at)
    np.testing.assert_allclose(line.y, want, rtol=1e-8, atol=1e-12)
    assert legend_texts(fig) == ["95% CI", "deviance residuals for y"]
    np.testing.assert_allclose((band.y + band.y2) / 2, want, rtol=1e-8, atol=1e-12)  # the band around it
    graph, _ = drawn(s, f"twoway fpfit y z {weight}, predopts(dresid for(z))")  # for() wins
    np.testing.assert_allclose(graph.panels[0].series[0].y, design(at)[:, :2] @ b[:2] + b[2], rtol=1e-8)


def test_weights(s):
    z, y, w = (s.data.numeric(v) for v in ("z", "y", "w"))
    graph, _ = drawn(s, "twoway fpfit y z [aw=w]")
    pw, b, _, design, _, _ = _brute_force(y, z, w=w)
    np.testing.assert_allclose(graph.panels[0].series[0].y, design(np.unique(z)) @ b, rtol=1e-8)
    graph, _ = drawn(s, "twoway fpfit y z [fw=w]")
    np.testing.assert_allclose(graph.panels[0].series[0].y, design(np.unique(z)) @ b, rtol=1e-8)
    plain, _ = drawn(s, "twoway fpfit y z")
    assert not np.allclose(plain.panels[0].series[0].y, graph.panels[0].series[0].y)


def test_noscaling_draws_the_same_curve_from_the_powers_of_x(s):
    """estopts(noscaling): the powers of z itself, not of z / 100; with a constant the fitted
    curve and its band are the scaled fit's (a scaled term is a combination of the unscaled
    ones); without a constant and uncentred, log z is not a multiple of log(z / 100), and the fit
    is the unscaled one written out here."""
    run(s, "replace z = z * 100")  # a range of some hundreds: fracpoly divides by 100
    z, y = s.data.numeric("z"), s.data.numeric("y")
    assert 100 <= z.max() - z.min() < 1000
    at = np.unique(z)
    scaled, _ = drawn(s, "twoway fpfitci y z")
    graph, fig = drawn(s, "twoway fpfitci y z, estopts(noscaling degree(2))")
    pw, b, bread, design, X, _ = _brute_force(y, z, scaling=False)
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.y, design(at) @ b, rtol=1e-8)
    np.testing.assert_allclose(line.y, scaled.panels[0].series[1].y, rtol=1e-8)
    np.testing.assert_allclose(band.y2, scaled.panels[0].series[0].y2, rtol=1e-7)
    (drawn_curve,) = segments(fig, "p1-s2-line")  # the polyline on the axes
    np.testing.assert_allclose(drawn_curve[:, 1], design(drawn_curve[:, 0]) @ b, rtol=1e-8)
    graph, _ = drawn(s, "twoway fpfit y z, estopts(noscaling noconstant center(no))")
    pw, b, _, design, _, _ = _brute_force(y, z, constant=False, center="no", scaling=False)
    np.testing.assert_allclose(graph.panels[0].series[0].y, design(at) @ b, rtol=1e-8)
    default, _ = drawn(s, "twoway fpfit y z, estopts(noconstant center(no))")
    pw2, b2, _, design2, _, _ = _brute_force(y, z, constant=False, center="no")
    np.testing.assert_allclose(default.panels[0].series[0].y, design2(at) @ b2, rtol=1e-8)
    assert not np.allclose(default.panels[0].series[0].y, graph.panels[0].series[0].y)


@pytest.mark.parametrize("command, message, code", [
    ("twoway fpfit y z, predopts(xb)", "option xb not allowed", 198),
    ("twoway fpfit y z, predopts(for(x))", "x was not an xvar", 198),
    ("twoway fpfitci y z, stdf estopts(robust)", "option stdf not allowed after robust estimation", 198)])
def test_refusals(s, command, message, code):
    out, rc = run(s, command, stop_on_error=False)
    assert rc == code and message in out, (command, out)


@pytest.mark.parametrize("command", [
    "twoway fpfit y z, estopts(bogus)", "twoway fpfitci y z, estopts(nolog)", "twoway fpfit y z, estopts(vce(bogus))",
    "twoway fpfitci y z, estopts(vce(robust) cluster(w))", "twoway fpfit y z, estopts(cluster(nosuchvar))",
    "twoway fpfit y z, estopts(degree(12))", "twoway fpfit y z, estopts(degree(0))",
    "twoway fpfit y z, estopts(degree(1.5))", "twoway fpfit y z, estopts(center(mean) adjust(no))",
    "twoway fpfit y z, estopts(center(bogus))", "twoway fpfit y z [aw=w], estopts(vce(bootstrap))",
    "twoway fpfit y z, estopts(noconstant vce(jackknife, saving(jk)))"])
def test_estopts_errors_are_fracpoly_failing_under_twoways_capture(s, command):
    """twoway__fpfit_serset runs ``capture fracpoly `cmd' `y' `x' [`weight'], `regopts'``: an
    error of fracpoly's own options (frac_154's degree() check ...) or of regress's (an option it
    does not know, in frac_154's uncaptured constant-only fit) is the note, nothing drawn."""
    out, rc = run(s, command)
    assert rc == 0 and out.count("(note:  fracpoly could not fit model)") == 1, out
    graph, _ = drawn(s, command)
    assert all(len(series.x) == 0 for series in graph.panels[0].series)
