"""pergram and cumsp ([TS] pergram, [TS] cumsp; pergram.ado 1.3.2, cumsp.ado 1.3.1): the
log-standardized periodogram and the cumulative spectral distribution read back from the
matplotlib objects and checked against the discrete Fourier transform written out here as sums of
cosines and sines (no FFT); the ados' fixed axes, titles and notes, generate() and errors."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import all_texts, axes, double_session, figure, line_xy, run

N = 64


def _series(n=N, seed=5):
    rng = np.random.default_rng(seed)
    e = rng.normal(size=n)
    x = np.empty(n)
    x[0] = e[0]
    for t in range(1, n):
        x[t] = 0.5 * x[t - 1] + e[t]
    return x + 3


@pytest.fixture()
def s():
    session = double_session({"t": np.arange(1, N + 1), "x": _series()})
    run(session, "tsset t")
    return session


def _raw(x):
    """|sum_t (x_t - xbar) e^{-2 pi i k t / n}|^2 at k = 0..n-1, summed directly."""
    n = x.size
    xm = x - x.mean()
    t = np.arange(n)
    k = t[:, None]
    re = (xm * np.cos(2 * np.pi * k * t / n)).sum(axis=1)
    im = (xm * np.sin(2 * np.pi * k * t / n)).sum(axis=1)
    return re ** 2 + im ** 2


def _ok(s, text):
    out, rc = run(s, text)
    assert rc == 0, out
    return figure(s.graphs[-1])


def test_pergram_points_axes_and_titles(s):
    x = s.data.numeric("x")
    fig = _ok(s, "pergram x")
    px, py = line_xy(fig, "p1-s1-connected-markers")
    expected = np.clip(np.log(_raw(x) / ((x - x.mean()) @ (x - x.mean()))), -6, 6)
    np.testing.assert_allclose(px, np.arange(N // 2 + 1) / N)  # the frequencies up to .5
    # frequency 0: the log of rounding noise in sum(x - xbar), clipped at -6 (or missing at exactly 0)
    np.testing.assert_allclose(py[1:], expected[1:N // 2 + 1], rtol=1e-9, atol=1e-12)
    assert py[0] == -6 or np.isnan(py[0])
    ax = axes(fig)
    assert [t.get_text() for t in ax.get_yticklabels() if t.get_text()] == [
        "-6.00", "-4.00", "-2.00", "0.00", "2.00", "4.00", "6.00"]
    assert [t.get_text() for t in ax.get_xticklabels() if t.get_text()] == [
        "0.00", "0.10", "0.20", "0.30", "0.40", "0.50"]
    right = axes(fig, "panel1-axis2")
    assert [t.get_text() for t in right.get_yticklabels() if t.get_text()][0] == "-6.00"
    assert right.get_ylim() == ax.get_ylim()
    assert ax.get_ylabel() == "Log Periodogram of x" and ax.get_xlabel() == "Frequency"
    texts = all_texts(fig)
    assert "Sample spectral density function" in texts and "Evaluated at the natural frequencies" in texts


def test_pergram_label_title_and_generate(s):
    x = s.data.numeric("x")
    s.data.var_labels["x"] = "Sales"
    fig = _ok(s, "pergram x, generate(raw)")
    assert axes(fig).get_ylabel() == "Sales\nLog Periodogram"
    raw = s.data.numeric("raw")
    np.testing.assert_allclose(raw[1:], _raw(x)[1:], rtol=1e-9)
    assert s.data.var_labels["raw"] == "Log periodogram for x" and s.data.formats["raw"] == "%10.0g"


def test_pergram_of_an_operated_series_nograph(s):
    x = s.data.numeric("x")
    out, rc = run(s, "pergram D.x, gen(d) nograph")
    assert rc == 0 and not s.graphs, out
    d = s.data.numeric("d")
    assert np.isnan(d[0])  # D.x is missing in the first period
    np.testing.assert_allclose(d[2:], _raw(np.diff(x))[1:], rtol=1e-9)


def test_cumsp_distribution(s):
    x = s.data.numeric("x")
    fig = _ok(s, "cumsp x, gen(F)")
    raw = _raw(x)
    expected = np.cumsum(raw) / raw[:N // 2 + 1].sum()
    px, py = line_xy(fig, "p1-s1-connected-markers")
    np.testing.assert_allclose(px, np.arange(N // 2 + 1) / N)
    np.testing.assert_allclose(py, expected[:N // 2 + 1], rtol=1e-9, atol=1e-12)
    assert py[-1] == pytest.approx(1.0)
    ax = axes(fig)
    assert [t.get_text() for t in ax.get_yticklabels() if t.get_text()] == [
        "0.00", "0.20", "0.40", "0.60", "0.80", "1.00"]
    assert ax.get_ylabel() == "Cumulative spectral distribution of x" and ax.get_xlabel() == "Frequency"
    texts = all_texts(fig)
    assert "Sample spectral distribution function" in texts
    assert "Points evaluated at the natural frequencies" in texts
    F = s.data.numeric("F")
    np.testing.assert_allclose(F[:N // 2 + 1], expected[:N // 2 + 1], rtol=1e-9, atol=1e-12)
    assert np.isnan(F[N // 2 + 1:]).all()  # beyond frequency .5: missing


def test_unsorted_data_are_taken_in_time_order(s):
    x = s.data.numeric("x").copy()
    run(s, "gsort -t")
    _ok(s, "pergram x, gen(raw)")
    raw = s.data.numeric("raw")[::-1]  # back in time order
    np.testing.assert_allclose(raw[1:], _raw(x)[1:], rtol=1e-9)


@pytest.mark.parametrize("text, rc, message", [
    ("pergram x, gen(a b)", 198, "generate() should name one new variable"),
    ("cumsp x, gen(x)", 198, "generate() should name one new variable"),
    ("cumsp x, nograph", 198, "option nograph not allowed"),
    ("pergram x, nograph gen(g) title(a)", 198, "option title() not allowed"),
    ("pergram x y", 103, "too many variables specified"),
])
def test_errors(s, text, rc, message):
    out, got = run(s, text, stop_on_error=False)
    assert got == rc and message in out, out


def test_gaps_are_refused(s):
    out, rc = run(s, "drop in 20\npergram x", stop_on_error=False)
    assert rc == 198 and "time series may not have gaps" in out
    out, rc = run(s, "cumsp x", stop_on_error=False)
    assert rc == 198 and "time series may not have gaps" in out
