"""rvfplot, rvpplot, lvr2plot, avplot, avplots, cprplot, acprplot after regress: the points
drawn (checked against least squares computed here with numpy), titles, notes and Stata's
errors."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import all_texts, axes, figure, make_session, run


@pytest.fixture()
def s():
    session = make_session(n=60, seed=5)
    out, rc = run(session, "regress y x z")
    assert rc == 0, out
    return session


def ok(session, text):
    out, rc = run(session, text)
    assert rc == 0, out
    return out


def fails(session, text):
    return run(session, text, stop_on_error=False)


def ols(y, *columns):
    X = np.column_stack([*columns, np.ones(len(y))])
    b = np.linalg.lstsq(X, y, rcond=None)[0]
    return b, y - X @ b, X


def data(s, *names):
    return [s.data.numeric(n) for n in names]


def pairs(series):
    """The (x, y) points of a series, finite ones, sorted (row order does not matter)."""
    keep = np.isfinite(series.x) & np.isfinite(series.y)
    return sorted(zip(np.round(series.x[keep], 9), np.round(series.y[keep], 9)))


def test_rvfplot_residuals_against_fitted_values(s):
    ok(s, "rvfplot")
    y, x, z = data(s, "y", "x", "z")
    b, resid, X = ols(y, x, z)
    (points,) = s.graphs[-1].panels[0].series
    assert points.kind == "scatter"
    assert pairs(points) == sorted(zip(np.round(X @ b, 9), np.round(resid, 9)))
    ax = axes(figure(s.graphs[-1]))
    assert ax.get_ylabel() == "Residuals" and ax.get_xlabel() == "Fitted values"


def test_rvfplot_takes_scatter_and_twoway_options(s):
    ok(s, "rvfplot, yline(0) mcolor(red) title(Diagnostics) name(rvf) addplot(lfit y x)")
    graph = s.graphs[-1]
    assert graph.name == "rvf" and graph.title == "Diagnostics"
    assert [series.kind for series in graph.panels[0].series] == ["scatter", "line"]


def test_rvpplot_residuals_against_the_predictor(s):
    ok(s, "rvpplot x")
    y, x, z = data(s, "y", "x", "z")
    _, resid, _ = ols(y, x, z)
    (points,) = s.graphs[-1].panels[0].series
    assert pairs(points) == sorted(zip(np.round(x, 9), np.round(resid, 9)))
    ax = axes(figure(s.graphs[-1]))
    assert ax.get_ylabel() == "Residuals" and ax.get_xlabel() == "x"
    out, rc = fails(s, "rvpplot h")
    assert rc == 398 and "h is not in the model" in out


def test_lvr2plot_leverage_and_normalized_residual_squared(s):
    ok(s, "lvr2plot")
    y, x, z = data(s, "y", "x", "z")
    _, resid, X = ols(y, x, z)
    h = np.einsum("ij,jk,ik->i", X, np.linalg.inv(X.T @ X), X)
    nrs = resid ** 2 / np.sum(resid ** 2)
    graph = s.graphs[-1]
    (points,) = graph.panels[0].series
    assert pairs(points) == sorted(zip(np.round(nrs, 9), np.round(h, 9)))
    ax = axes(figure(graph))
    assert ax.get_ylabel() == "Leverage" and ax.get_xlabel() == "Normalized residual squared"
    assert list(graph.ylines) == pytest.approx([3 / 60])  # (df_m + 1)/N: the mean leverage
    assert list(graph.xlines) == pytest.approx([1 / 60])


def test_lvr2plot_after_robust_is_refused(s):
    ok(s, "regress y x z, vce(robust)")
    out, rc = fails(s, "lvr2plot")
    assert rc == 198 and "leverage plot not available after robust estimation" in out
    ok(s, "rvfplot")  # residuals do not depend on the VCE


def test_avplot_slope_is_the_coefficient_and_note(s):
    ok(s, "avplot x")
    y, x, z = data(s, "y", "x", "z")
    b, _, X = ols(y, x, z)
    _, ey = ols(y, z)[:2]
    _, ex = ols(x, z)[:2]
    points, line = s.graphs[-1].panels[0].series
    assert pairs(points) == sorted(zip(np.round(ex, 9), np.round(ey, 9)))
    slope = np.polyfit(line.x[np.isfinite(line.x)], line.y[np.isfinite(line.y)], 1)[0]
    assert slope == pytest.approx(b[0], rel=1e-9)
    assert list(line.x[np.isfinite(line.x)]) == sorted(line.x[np.isfinite(line.x)])  # sort `evx'
    rss = np.sum((y - X @ b) ** 2)
    se = np.sqrt(rss / (60 - 3) * np.linalg.inv(X.T @ X)[0, 0])
    from mlmcli.render.numfmt import format_number

    def g9(v):
        return format_number(v, "%9.0g").strip()

    note = f"coef = {g9(b[0])}, se = {g9(se)}, t = {g9(round(b[0] / se, 2))}"
    fig = figure(s.graphs[-1])
    assert note in all_texts(fig)
    ax = axes(fig)
    assert ax.get_ylabel() == "e( y | X )" and ax.get_xlabel() == "e( x | X )"
    assert s.graphs[-1].legend in ("off", None) or not s.graphs[-1].legend


def test_avplot_of_a_variable_not_in_the_model(s):
    ok(s, "avplot g")
    y, x, z, g = data(s, "y", "x", "z", "g")
    _, resid, _ = ols(y, x, z)
    _, eg = ols(g, x, z)[:2]
    points, _ = s.graphs[-1].panels[0].series
    assert pairs(points) == sorted(zip(np.round(eg, 9), np.round(resid, 9)))


def test_avplot_robust_note(s):
    ok(s, "regress y x z, vce(robust)")
    ok(s, "avplot z")
    assert any(t.startswith("coef = ") and "(robust) se = " in t for t in all_texts(figure(s.graphs[-1])))


@pytest.mark.parametrize("command, rc, message", [
    ("avplot y", 398, "cannot include dependent variable"),
    ("avplot", 100, "varlist required"),
    ("avplot x z", 103, "too many variables specified"),
    ("avplots, addplot(line y x)", 198, "option addplot() not allowed"),
    ("rvfplot, by(g)", 191, "option by() not allowed"),
    ("rvfplot if x > 1", 101, "if not allowed"),
    ("rvfplot, foo", 198, "option foo not allowed"),
    ("avplot x, rlopts(bar)", 198, "option bar not allowed"),
    ("by g: rvfplot", 190, "rvfplot may not be combined with by"),
])
def test_stata_errors(s, command, rc, message):
    out, code = fails(s, command)
    assert code == rc and message in out


def test_avplots_combines_one_plot_per_coefficient(s):
    ok(s, "avplots, rows(1) title(All)")
    graph = s.graphs[-1]
    assert graph.title == "All"
    assert len(graph.parts) == 2 and graph.rows == 1
    assert [p.xtitle for p in graph.parts] == ["e( x | X )", "e( z | X )"]
    assert all(not g.name.startswith("__avplots") for g in s.graphs)  # the parts are dropped


def test_avplot_factor_variable_level_and_base(s):
    ok(s, "regress y x i.g")
    out, rc = fails(s, "avplot 1.g")
    assert rc == 399 and "(1b.g was dropped from model)" in out
    ok(s, "avplot 3.g")
    assert axes(figure(s.graphs[-1])).get_xlabel() == "e( 3.g | X )"


def test_cprplot_component_plus_residual(s):
    ok(s, "cprplot x, lowess")
    y, x, z = data(s, "y", "x", "z")
    b, resid, _ = ols(y, x, z)
    points, line, smooth = s.graphs[-1].panels[0].series
    cpr = resid + b[0] * x
    assert pairs(points) == sorted(zip(np.round(x, 9), np.round(cpr, 9)))
    c = np.polyfit(x, cpr, 1)
    np.testing.assert_allclose(line.y[np.isfinite(line.y)], np.polyval(c, line.x[np.isfinite(line.x)]), rtol=1e-9)
    assert axes(figure(s.graphs[-1])).get_ylabel() == "Component plus residual"
    out, rc = fails(s, "cprplot h")
    assert rc == 398 and "h is not in the model" in out


def test_acprplot_augmented_component(s):
    ok(s, "acprplot z")
    y, x, z = data(s, "y", "x", "z")
    b, resid, _ = ols(y, x, z, z * z)
    points, line = s.graphs[-1].panels[0].series
    acpr = resid + b[1] * z + b[2] * z * z
    assert pairs(points) == sorted(zip(np.round(z, 9), np.round(acpr, 9)))
    assert axes(figure(s.graphs[-1])).get_ylabel() == "Augmented component plus residual"


def test_cprplot_lowess_after_weights_is_refused(s):
    ok(s, "regress y x z [aw=w]")
    out, rc = fails(s, "cprplot x, lowess")
    assert rc == 398 and "not possible with weighted fit" in out


def test_not_after_other_fits_or_without_constant(s):
    ok(s, "regress y x z, noconstant")
    out, rc = fails(s, "rvfplot")
    assert rc == 301 and "not appropriate after regress, nocons" in out
    ok(s, "logit h x")
    for command in ("rvfplot", "avplot x", "lvr2plot", "cprplot x"):
        out, rc = fails(s, command)
        assert rc == 301 and "last estimates not found" in out, command


def test_rvfplot_with_weights_and_factor_variables(s):
    ok(s, "regress y x i.g [aw=w]")
    ok(s, "rvfplot")
    y, x, g, w = data(s, "y", "x", "g", "w")
    X = np.column_stack([x, g == 2, g == 3, np.ones(60)]).astype(float)
    b = np.linalg.solve(X.T @ (X * w[:, None]), X.T @ (w * y))
    (points,) = s.graphs[-1].panels[0].series
    assert pairs(points) == sorted(zip(np.round(X @ b, 9), np.round(y - X @ b, 9)))


def test_after_anova(s):
    ok(s, "anova y g c.x")
    ok(s, "rvfplot")
    ok(s, "rvpplot g")
    ok(s, "avplot x")
    ok(s, "cprplot x")
    out, rc = fails(s, "cprplot g")
    assert rc == 398 and "g is not a continuous variable in the model" in out


def test_the_real_do_files_lines_draw_after_a_regress(s):
    """The corpus's diagnostic-plot lines (docs/graph_real_lines.md, class "command" before)."""
    import re
    from pathlib import Path

    import pandas as pd

    corpus = Path(__file__).parent / "graphs_reference" / "real_graph_lines.txt"
    lines, where = [], ""
    for ln in corpus.read_text(encoding="utf-8").splitlines():
        if ln.startswith("# "):
            where = ln[2:]
        # the fourth round's lines name their own regressors (tests/test_graphs_real_lines_fourth.py)
        elif re.match(r"(rvfplot|rvpplot|lvr2plot|avplots?|cprplot|acprplot)\b", ln) and \
                not where.startswith(("kmongeon/", "bdemeshev/", "reisportela/")):
            lines.append(ln)
    assert len(lines) >= 5
    s.data.df["make"] = pd.Series([f"car{i}" for i in range(60)], dtype=object)
    s.data.types["make"] = "str6"
    ok(s, "regress y x z")
    for line in lines:
        ok(s, line)
    assert {g.name for g in s.graphs} >= {"lvr2", "rvf"}


def test_avplot_cluster_se_is_the_fits_and_the_data_stay_as_they_were(s):
    ok(s, "regress y x z i.g, vce(cluster g)")
    before = s.data.df.copy()
    ok(s, "avplot x")
    from mlmcli.render.numfmt import format_number

    V = s.e.matrices["V"]
    se = float(np.sqrt(V.values[0, 0]))
    b = float(s.e.matrices["b"].values[0, 0])
    note = (f"coef = {format_number(b, '%9.0g').strip()}, (robust) se = {format_number(se, '%9.0g').strip()}, "
            f"t = {format_number(round(b / se, 2), '%9.0g').strip()}")
    assert note in all_texts(figure(s.graphs[-1]))
    assert s.data.df.equals(before)


def test_cprplot_mspline_and_lowess_labels_with_addplot(s):
    ok(s, "cprplot x, msopts(bands(5)) lowess addplot(scatter y x)")
    series = s.graphs[-1].panels[0].series
    assert [x.kind for x in series][:2] == ["scatter", "line"] and len(series) == 5
    from graphs_helpers import legend_texts

    texts = legend_texts(figure(s.graphs[-1]))
    assert "Lowess smooth" in texts and "Spline smooth" in texts  # yvarlabel(); the legend drawn with addplot()
    ok(s, "twoway mspline y x, sort")  # cprplot.ado's mspline takes sort
