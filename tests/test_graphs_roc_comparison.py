"""roccomp ([R] roccomp; roccomp.ado 7.4.3) for correlated ratings: the areas, their DeLong
covariance and the chi2 test against numpy computed here from the Mann-Whitney kernel
psi(x, y) = 1{x > y} + 1/2 1{x = y} over every positive-negative pair; the table's layout (the
ado's columns), r(), the graph's curves read back from matplotlib, test() and the errors."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import chi2, norm

from graphs_helpers import axes, double_session, figure, legend_texts, line_xy, run


@pytest.fixture()
def s():
    rng = np.random.default_rng(9)
    n = 150
    status = (rng.uniform(size=n) < .4).astype(float)
    return double_session({"status": status,
                           "mod1": np.round((status * 1.2 + rng.normal(size=n)) * 2) / 2,
                           "mod2": np.round((status * 1.8 + rng.normal(size=n)) * 2) / 2,
                           "mod3": -np.round((status * 1.0 + rng.normal(size=n)) * 2) / 2,
                           "w": rng.integers(1, 4, n).astype(float)})


def _delong(d, ratings, w):
    """Areas, S and the pairwise chi2 from the kernel matrices."""
    pos, neg = d == 1, d == 0
    wp, wn = w[pos], w[neg]
    n1, n0 = wp.sum(), wn.sum()
    areas, v10s, v01s = [], [], []
    for c in ratings:
        psi = (c[pos][:, None] > c[neg][None, :]) + 0.5 * (c[pos][:, None] == c[neg][None, :])
        a = wp @ psi @ wn / (n1 * n0)
        areas.append(a)
        v10s.append(psi @ wn / n0 - a)
        v01s.append(wp @ psi / n1 - a)
    V10, V01 = np.column_stack(v10s), np.column_stack(v01s)
    S = (V10.T * wp) @ V10 / (n1 - 1) / n1 + (V01.T * wn) @ V01 / (n0 - 1) / n0
    return np.array(areas), S


def _three(s, text):
    """(output, areas, S) of ``text`` (a roccomp of mod1-mod3) and the kernel computation."""
    d = s.data.numeric("status")
    out, rc = run(s, text)
    assert rc == 0, out
    return (out, *_delong(d, [s.data.numeric(v) for v in ("mod1", "mod2", "mod3")], np.ones(d.size)))


def test_three_ratings_table_and_stored_results(s):
    out, areas, S = _three(s, "roccomp status mod1 mod2 mod3")
    L = np.array([[1, -1, 0], [1, 0, -1]])  # the pairs (1,2), (1,3): (2,3) depends on them
    diff = L @ areas
    stat = diff @ np.linalg.solve(L @ S @ L.T, diff)
    assert s.r["chi2"] == pytest.approx(stat, rel=1e-9) and s.r["df"] == 2
    assert s.r["p"] == pytest.approx(chi2.sf(stat, 2), rel=1e-9) and s.r["N_g"] == 3
    np.testing.assert_allclose(s.r["V"].values, S, rtol=1e-9)
    lines = out.splitlines()
    assert lines[1] == " " * 30 + "ROC" + " " * 20 + "-Asymptotic Normal--"
    assert lines[2] == "                   Obs       Area     Std. Err.      [95% Conf. Interval]"
    assert lines[3] == "-" * 73
    se = np.sqrt(np.diag(S))
    z = norm.ppf(.975)
    expected = (f"mod1{'150':>18}{areas[0]:11.4f}{se[0]:13.4f}{max(areas[0] - z * se[0], 0):15.5f}"
                f"{min(areas[0] + z * se[0], 1):12.5f}")
    assert lines[4] == expected
    assert lines[8] == "Ho: area(mod1) = area(mod2) = area(mod3)"
    assert lines[9] == f"    chi2(2) = {stat:8.2f}       Prob>chi2 = {chi2.sf(stat, 2):8.4f}"


def test_weights_and_level(s):
    d, w = s.data.numeric("status"), s.data.numeric("w")
    ratings = [s.data.numeric(v) for v in ("mod1", "mod2")]
    out, rc = run(s, "roccomp status mod1 mod2 [fw=w], level(90)")
    assert rc == 0, out
    areas, S = _delong(d, ratings, w)
    stat = (areas[0] - areas[1]) ** 2 / (S[0, 0] + S[1, 1] - 2 * S[0, 1])
    assert s.r["chi2"] == pytest.approx(stat, rel=1e-9) and s.r["df"] == 1
    assert "[90% Conf. Interval]" in out and f"{int(w.sum()):,}" in out


def test_contrast_matrix(s):
    out, areas, S = _three(s, "matrix C = (1, 0, -1)\nroccomp status mod1 mod2 mod3, test(C)")
    stat = (areas[0] - areas[2]) ** 2 / (S[0, 0] + S[2, 2] - 2 * S[0, 2])
    assert s.r["chi2"] == pytest.approx(stat, rel=1e-9)
    assert "Ho: Comparison as defined by contrast matrix: C" in out


def _curve(d, c):
    """(1 - specificity, sensitivity) at each cutpoint 'rating >= c', from (1, 1) to (0, 0)."""
    cuts = np.unique(c)
    x = [((c >= k) & (d == 0)).sum() / (d == 0).sum() for k in cuts] + [0.0]
    y = [((c >= k) & (d == 1)).sum() / (d == 1).sum() for k in cuts] + [0.0]
    return np.array(x), np.array(y)


def test_graph_curves_legend_and_axes(s):
    d = s.data.numeric("status")
    out, rc = run(s, "roccomp status mod1 mod3, graph")
    assert rc == 0 and "ROC" not in out, out  # graph alone: no table
    fig = figure(s.graphs[-1])
    x, y = line_xy(fig, "p1-s1-connected-markers")
    ex, ey = _curve(d, s.data.numeric("mod1"))
    order = np.lexsort((ey, ex))
    np.testing.assert_allclose(np.sort(x), np.sort(ex))
    np.testing.assert_allclose(y, ey[order])
    # mod3 rises with status's absence: its logistic slope is negative, the curve is turned over
    x3, y3 = line_xy(fig, "p1-s2-connected-markers")
    fx, fy = _curve(d, s.data.numeric("mod3"))
    corner = ((fx == 0) & (fy == 1)) | ((fx == 1) & (fy == 0))
    fx, fy = np.where(corner, fx, 1 - fx), np.where(corner, fy, 1 - fy)
    np.testing.assert_allclose(sorted(zip(x3, y3)), sorted(zip(fx, fy)))
    areas, _ = _delong(d, [s.data.numeric("mod1"), s.data.numeric("mod3")], np.ones(d.size))
    assert legend_texts(fig) == [f"mod1 ROC area: 0{f'{areas[0]:.4f}'.lstrip('0').rstrip('0')}",
                                 f"mod3 ROC area: 0{f'{areas[1]:.4f}'.lstrip('0').rstrip('0')}", "Reference"]
    ax = axes(fig)
    assert ax.get_ylabel() == "Sensitivity" and ax.get_xlabel() == "1-Specificity"
    assert [t.get_text() for t in ax.get_xticklabels() if t.get_text()] == ["0.00", "0.25", "0.50", "0.75", "1.00"]


def test_graph_with_summary_prints_the_table(s):
    out, rc = run(s, "roccomp status mod1 mod2, graph summary norefline")
    assert rc == 0 and "Ho: area(mod1) = area(mod2)" in out
    assert "Reference" not in legend_texts(figure(s.graphs[-1]))


def test_independent_samples_by_group(s):
    d, c = s.data.numeric("status"), s.data.numeric("mod1")
    g = np.arange(d.size) % 3 + 1.0
    s.data.set_variable("g", g, "byte")
    out, rc = run(s, "roccomp status mod1, by(g)")
    assert rc == 0, out
    areas, variances = [], []
    for k in (1, 2, 3):
        a, S = _delong(d[g == k], [c[g == k]], np.ones(int((g == k).sum())))
        areas.append(a[0])
        variances.append(S[0, 0])
    L = np.array([[1, -1, 0], [1, 0, -1]])
    diff = L @ np.array(areas)
    stat = diff @ np.linalg.solve(L @ np.diag(variances) @ L.T, diff)
    assert s.r["chi2"] == pytest.approx(stat, rel=1e-9) and s.r["df"] == 2
    np.testing.assert_allclose(np.diag(s.r["V"].values), variances, rtol=1e-9)
    lines = out.splitlines()
    assert lines[2].startswith("g                  Obs       Area")
    assert lines[4].startswith("1                   50     " + f"{areas[0]:.4f}")
    assert lines[8] == "Ho: area(1) = area(2) = area(3)"
    out, rc = run(s, "roccomp status mod1, by(g) graph")
    assert rc == 0
    assert legend_texts(figure(s.graphs[-1]))[0].startswith("1 ROC area: 0.")


@pytest.mark.parametrize("text, rc, message", [
    ("roccomp status mod1", 198, "must specify by() option"),
    ("roccomp status mod1 mod2, by(mod3)", 191, "by() option not allowed with correlated samples"),
    ("roccomp status mod1 mod2, binormal graph", 198, "option binormal not supported by mlmcli with graph"),
    ("roccomp mod1 status mod2", 198, "true status variable mod1 must be 0 or 1"),
    ("roccomp status mod1 mod2 if status == 1", 198, "Outcome does not vary"),
    ("roccomp status mod1 mod2, title(x)", 198, "option title() not allowed"),
    ("roccomp status mod1 mod2, graph plot(scatter mod1 mod2)", 198, "option plot() not allowed"),
    ("roccomp status mod1 mod2, test(nosuch)", 198, "matrix nosuch not found"),
])
def test_errors(s, text, rc, message):
    out, got = run(s, text, stop_on_error=False)
    assert got == rc and message in out, out
