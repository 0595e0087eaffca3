"""stphplot and stcoxkm ([ST] stcox PH-assumption tests; stphplot.ado 6.5.4, stcoxkm.ado 6.3.3):
the drawn points read back from the matplotlib objects against the Kaplan-Meier estimate, and the
Cox model's survivor function (partial likelihood maximised by scipy, the Kalbfleisch-Prentice
baseline survivor of untied times), both written out here; titles, legends, options and errors."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import minimize

from graphs_helpers import artists, axes, double_session, figure, legend_texts, line_xy, run, segments

N = 90


@pytest.fixture()
def s():
    rng = np.random.default_rng(2)
    g = np.arange(N) % 3 + 1
    t = np.round(rng.exponential(8 * g), 4) + 0.01  # untied times
    session = double_session({"t": t, "d": (rng.uniform(size=N) < .8).astype(float), "g": g.astype(float),
                              "age": np.round(rng.uniform(30, 60, N), 1)})
    run(session, "stset t, failure(d)")
    return session


def _km(t, d):
    """The product-limit estimate at each observation's own time."""
    out = np.empty(t.size)
    for i, ti in enumerate(t):
        s = 1.0
        for u in np.unique(t[(d == 1) & (t <= ti)]):
            s *= 1 - ((t == u) & (d == 1)).sum() / (t >= u).sum()
        out[i] = s
    return out


def _ok(s, text):
    out, rc = run(s, text)
    assert rc == 0, out
    return out, figure(s.graphs[-1])


def test_stphplot_by_group(s):
    t, d, g = (s.data.numeric(v) for v in ("t", "d", "g"))
    out, fig = _ok(s, "stphplot, by(g)")
    assert "failure _d:  d" in out and "analysis time _t:  t" in out  # st_show
    for k in (1, 2, 3):
        x, y = line_xy(fig, f"p1-s{k}-connected-markers")
        mask = g == k
        km = _km(t[mask], d[mask])
        with np.errstate(divide="ignore"):
            expected_y = -np.log(-np.log(km))
        keep = np.isfinite(expected_y)
        order = np.argsort(t[mask][keep], kind="stable")
        got = np.isfinite(y)
        np.testing.assert_allclose(x[got], np.log(t[mask][keep][order]), rtol=1e-12)
        np.testing.assert_allclose(y[got], expected_y[keep][order], rtol=1e-10)
    ax = axes(fig)
    assert ax.get_ylabel() == "-ln[-ln(Survival Probability)]" and ax.get_xlabel() == "ln(analysis time)"
    assert legend_texts(fig) == ["g = 1", "g = 2", "g = 3"]


def test_stphplot_nonegative_nolntime_plot_options_noshow(s):
    t, d, g = (s.data.numeric(v) for v in ("t", "d", "g"))
    out, fig = _ok(s, "stphplot, by(g) nonegative nolntime noshow plot2opts(lpattern(dash))")
    assert "failure _d" not in out
    x, y = line_xy(fig, "p1-s1-connected-markers")
    km = _km(t[g == 1], d[g == 1])
    with np.errstate(divide="ignore"):
        expected = np.log(-np.log(km))
    keep = np.isfinite(expected)
    order = np.argsort(t[g == 1][keep])
    np.testing.assert_allclose(x[np.isfinite(y)], t[g == 1][keep][order])
    np.testing.assert_allclose(y[np.isfinite(y)], expected[keep][order], rtol=1e-10)
    ax = axes(fig)
    assert ax.get_ylabel() == "ln[-ln(Survival Probability)]" and ax.get_xlabel() == "analysis time"
    (first,), (second,) = artists(fig, "p1-s1-connected"), artists(fig, "p1-s2-connected")
    assert first.get_linestyle()[0][1] is None and second.get_linestyle()[0][1] is not None  # plot2opts(lpattern(dash))


def test_stphplot_labelled_groups_and_adjust(s):
    run(s, 'label define gl 1 "low" 2 "mid" 3 "high"\nlabel values g gl')
    _, fig = _ok(s, "stphplot, strata(g) adjust(age) noshow")
    assert legend_texts(fig) == ["g = low", "g = mid", "g = high"]
    assert s.data.numeric("age").mean() > 30  # the data keep their covariate (the centring ran on a copy)


def _cox_survival(t, d, X):
    """S(t_i | x_i) = S0(t_i)^exp(x_i b): b maximising the partial likelihood (no ties), S0 the
    Kalbfleisch-Prentice baseline survivor at x = 0."""
    order = np.argsort(t)
    t, d, X = t[order], d[order], X[order]

    def negative_log_likelihood(b):
        xb = X @ b
        risk = np.log(np.cumsum(np.exp(xb)[::-1])[::-1])  # log sum over t_j >= t_i
        return -float(np.sum(d * (xb - risk)))

    b = minimize(negative_log_likelihood, np.zeros(X.shape[1]), method="BFGS", options={"gtol": 1e-10}).x
    r = np.exp(X @ b)
    at_risk = np.cumsum(r[::-1])[::-1]
    alpha = np.where(d == 1, (1 - r / at_risk) ** (1 / r), 1.0)
    s0 = np.cumprod(alpha)
    back = np.empty_like(order)
    back[order] = np.arange(order.size)
    return (s0 ** r)[back]


def test_stcoxkm_observed_and_predicted(s):
    t, d, g = (s.data.numeric(v) for v in ("t", "d", "g"))
    out, fig = _ok(s, "quietly regress t g\nstcoxkm, by(g)")
    assert s.e.cmd == "regress"  # the estimates in memory stay
    predicted = _cox_survival(t, d, np.column_stack([g == 2, g == 3]).astype(float))
    for k in (1, 2, 3):
        mask = g == k
        order = np.argsort(t[mask], kind="stable")
        x, y = line_xy(fig, f"p1-s{k}-connected-markers")
        np.testing.assert_allclose(x, t[mask][order])
        np.testing.assert_allclose(y, _km(t[mask], d[mask])[order], rtol=1e-10)
        (steps,) = segments(fig, f"p1-s{k}-connected")
        assert len(steps) == 2 * mask.sum() - 1  # stairstep: a flat and a vertical piece per point
        px, py = line_xy(fig, f"p1-s{k + 3}-connected-markers")
        np.testing.assert_allclose(px, t[mask][order])
        np.testing.assert_allclose(py, predicted[mask][order], rtol=1e-5)
    ax = axes(fig)
    assert ax.get_ylabel() == "Survival Probability" and ax.get_xlabel() == "analysis time"
    assert legend_texts(fig) == ["Observed: g = 1", "Observed: g = 2", "Observed: g = 3",
                                 "Predicted: g = 1", "Predicted: g = 2", "Predicted: g = 3"]
    assert all(len(t.get_text().split(".")[1]) == 2 for t in ax.get_yticklabels() if t.get_text())  # %3.2f
    assert list(s.data.df.columns) == ["t", "d", "g", "age", "_st", "_d", "_t", "_t0"]


@pytest.mark.parametrize("text, rc, message", [
    ("stphplot", 198, "option by() or strata() required"),
    ("stphplot, by(g) strata(g)", 198, "only one of by() and strata() may be specified"),
    ("stphplot, strata(g)", 198, "strata() requires adjust(); perhaps you mean by()"),
    ("stphplot, by(g) zero", 198, "adjust() required with zero option"),
    ("stcoxkm", 198, "option by() required"),
    ("stcoxkm, by(g) separate obs2opts(lpattern(dash))", 198, "option obs2opts() not allowed"),  # obs#opts(): not with separate
    ("stphplot, by(nosuch)", 111, "variable nosuch not found"),
])
def test_errors(s, text, rc, message):
    out, got = run(s, text, stop_on_error=False)
    assert got == rc and message in out, out


def test_needs_st_data():
    session = double_session({"t": np.arange(1.0, 6.0), "g": np.ones(5)})
    out, rc = run(session, "stphplot, by(g)", stop_on_error=False)
    assert rc == 119 and "data not st" in out
