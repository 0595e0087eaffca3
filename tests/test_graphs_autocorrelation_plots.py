"""ac and pac ([TS] corrgram; ac.ado 1.4.7, pac.ado 1.5.0): the droplines, the confidence bands
(Bartlett's formula for ac, 1/sqrt(n) for pac), pac's standardized residual variances, titles and
notes, read back from the matplotlib objects and checked against numpy computed here from the
definitions; generate(), nograph and the ados' errors."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import norm

from graphs_helpers import all_texts, artists, axes, double_session, figure, line_xy, run


def _series(n=80, seed=11):
    rng = np.random.default_rng(seed)
    e = rng.normal(size=n)
    x = np.empty(n)
    x[0] = e[0]
    for t in range(1, n):
        x[t] = 0.6 * x[t - 1] + e[t]
    return x


@pytest.fixture()
def s():
    session = double_session({"t": np.arange(1, 81), "x": _series()})
    run(session, "tsset t")
    return session


def _ac(x, lags):
    xm = x - x.mean()
    return np.array([xm[k:] @ xm[:-k] for k in range(1, lags + 1)]) / (xm @ xm)


def _pac(x, lags):
    """The last coefficient of the OLS of x_t on x_{t-1..t-k} and a constant, and
    (N - 1) s^2 / sum (x - mean)^2 of that regression."""
    xm = x - x.mean()
    pac, svar = [], []
    for k in range(1, lags + 1):
        y = xm[k:]
        X = np.column_stack([xm[k - j:len(xm) - j] for j in range(1, k + 1)] + [np.ones(len(y))])
        b, *_ = np.linalg.lstsq(X, y, rcond=None)
        resid = y - X @ b
        pac.append(b[k - 1])
        svar.append((len(y) - 1) * (resid @ resid) / (len(y) - k - 1) / (xm @ xm))
    return np.array(pac), np.array(svar)


def _drawn(s, text):
    out, rc = run(s, text)
    assert rc == 0, out
    return out, figure(s.graphs[-1])


def _band(fig):
    (area,) = artists(fig, "p1-s1-area")
    verts = np.concatenate([p.vertices for p in area.get_paths()])
    return verts


def _spikes(fig):
    (coll,) = artists(fig, "p1-s2-rspike")
    return np.array([seg for seg in coll.get_segments()])


def test_ac_droplines_and_bartlett_band(s):
    x = s.data.numeric("x")
    _, fig = _drawn(s, "ac x, lags(12)")
    ac = _ac(x, 12)
    spikes = _spikes(fig)  # each a segment from 0 to AC_k at lag k
    np.testing.assert_allclose(spikes[:, 0, 0], np.arange(1, 13))
    np.testing.assert_allclose(spikes[:, 0, 1], 0, atol=1e-12)
    np.testing.assert_allclose(spikes[:, 1, 1], ac, rtol=1e-10)
    mx, my = line_xy(fig, "p1-s3-scatter")
    np.testing.assert_allclose(my, ac, rtol=1e-10)
    se = np.sqrt((1 + 2 * np.concatenate([[0], np.cumsum(ac ** 2)[:-1]])) / 80)
    verts = _band(fig)
    z = norm.ppf(0.975)
    for lag in range(1, 13):
        at = verts[np.isclose(verts[:, 0], lag), 1]
        np.testing.assert_allclose([at.min(), at.max()], [-z * se[lag - 1], z * se[lag - 1]], rtol=1e-10)
    ax = axes(fig)
    assert ax.get_ylabel() == "Autocorrelations of x" and ax.get_xlabel() == "Lag"
    texts = all_texts(fig)
    assert "Bartlett's formula for MA(q) 95% confidence bands" in texts
    assert not fig.legends and ax.get_legend() is None  # legend(nodraw)
    assert all(t.count(".") == 1 and len(t.split(".")[1]) == 2 for t in
               [t.get_text() for t in ax.get_yticklabels() if t.get_text()])  # %-5.2f labels


def test_ac_level_and_default_lags(s):
    x = s.data.numeric("x")
    _, fig = _drawn(s, "ac x, level(90)")
    spikes = _spikes(fig)
    assert len(spikes) == min(80 // 2 - 2, 40)  # 38 lags by default
    ac = _ac(x, 38)
    np.testing.assert_allclose(spikes[:, 1, 1], ac, rtol=1e-10)
    verts = _band(fig)
    z = norm.ppf(0.95)
    np.testing.assert_allclose(verts[np.isclose(verts[:, 0], 1), 1].max(), z / np.sqrt(80), rtol=1e-10)
    assert "Bartlett's formula for MA(q) 90% confidence bands" in all_texts(fig)


def test_ac_generate_and_nograph(s):
    x = s.data.numeric("x")
    out, rc = run(s, "ac x, lags(5) generate(r) nograph")
    assert rc == 0, out
    r = s.data.numeric("r")
    np.testing.assert_allclose(r[:5], _ac(x, 5), rtol=1e-10)
    assert np.isnan(r[5:]).all()
    assert s.data.var_labels["r"] == "Autocorrelations of x" and s.data.formats["r"] == "%10.0g"


def test_ac_of_a_differenced_series(s):
    x = s.data.numeric("x")
    _, fig = _drawn(s, "ac D.x, lags(6)")
    np.testing.assert_allclose(_spikes(fig)[:, 1, 1], _ac(np.diff(x), 6), rtol=1e-10)
    assert axes(fig).get_ylabel() == "Autocorrelations of D.x"


def test_pac_droplines_band_and_srv(s):
    x = s.data.numeric("x")
    _, fig = _drawn(s, "pac x, lags(10) srv")
    pac, svar = _pac(x, 10)
    spikes = _spikes(fig)
    np.testing.assert_allclose(spikes[:, 1, 1], pac, rtol=1e-9)
    sx, sy = line_xy(fig, "p1-s4-scatter")
    np.testing.assert_allclose(sx, np.arange(1, 11))
    np.testing.assert_allclose(sy, svar, rtol=1e-9)
    verts = _band(fig)
    z = norm.ppf(0.975) / np.sqrt(80)
    np.testing.assert_allclose([verts[:, 1].min(), verts[:, 1].max()], [-z, z], rtol=1e-10)
    np.testing.assert_allclose([verts[:, 0].min(), verts[:, 0].max()], [1, 10])
    ax = axes(fig)
    assert ax.get_ylabel() == "Partial autocorrelations of x" and ax.get_xlabel() == "Lag"
    texts = all_texts(fig)
    assert "95% Confidence bands [se = 1/sqrt(n)]" in texts
    assert "Standardized variances" in texts  # srv: the legend is drawn


def test_pac_yule_walker(s):
    x = s.data.numeric("x")
    _, fig = _drawn(s, "pac x, lags(6) yw")
    ac = _ac(x, 6)
    # Yule-Walker: PAC_k is the last coefficient of the k-th order Toeplitz system R phi = r
    expected = []
    for k in range(1, 7):
        R = np.array([[1.0 if i == j else ac[abs(i - j) - 1] for j in range(k)] for i in range(k)])
        expected.append(np.linalg.solve(R, ac[:k])[-1])
    np.testing.assert_allclose(_spikes(fig)[:, 1, 1], expected, rtol=1e-9)


def test_pac_default_lags_and_generate(s):
    x = s.data.numeric("x")
    out, rc = run(s, "pac x, gen(p)")
    assert rc == 0, out
    p = s.data.numeric("p")
    np.testing.assert_allclose(p[:38], _pac(x, 38)[0], rtol=1e-8)
    assert np.isnan(p[38:]).all()
    assert s.data.var_labels["p"] == "Partial autocorrelations of x"


def test_fft_takes_the_sample_rows_as_consecutive(s):
    x = s.data.numeric("x")
    out, rc = run(s, "drop in 30\nac x, lags(5) fft gen(f) nograph\nac x, lags(5) gen(g) nograph")
    assert rc == 0 and "(note: time series has 1 gap)" in out, out
    kept = np.delete(x, 29)
    np.testing.assert_allclose(s.data.numeric("f")[:5], _ac(kept, 5), rtol=1e-10)  # the gap not seen
    assert not np.allclose(s.data.numeric("g")[:5], _ac(kept, 5))  # without fft, lags are by time
    out, rc = run(s, "pac x, lags(5) fft gen(p1) nograph\npac x, lags(5) gen(p2) nograph")
    assert rc == 0, out
    np.testing.assert_array_equal(s.data.numeric("p1"), s.data.numeric("p2"))  # pac.ado never reads fft


def test_gap_note(s):
    out, rc = run(s, "drop in 30\nac x, lags(4)\npac x, lags(4)")
    assert rc == 0 and out.count("(note: time series has 1 gap)") == 2, out


@pytest.mark.parametrize("text, rc, message", [
    ("ac x, nograph", 198, "generate() must be specified with nograph"),
    ("ac x, gen(a b)", 198, "generate() should name one new variable"),
    ("ac x, gen(x)", 110, "x already defined"),
    ("ac x, lags(80)", 498, "lags() too large; must be less than 80"),
    ("ac x, lags(0)", 498, "lags() must be greater than zero"),
    ("ac x, nograph gen(g) title(a)", 198, "option title() not allowed"),
    ("pac x, nograph gen(g) srv", 198, "option srv not allowed"),
    ("pac x, lags(39)", 498, "lags() too large; must be less than 38"),
    ("pac x in 1/5", 2001, "number of observations must be greater than 5"),
    ("pac x, yw srv", 198, "cannot specify srv with yw"),
    ("ac x y", 103, "too many variables specified"),
    ("ac x, level(5)", 198, "level() must be between 10 and 99.99 inclusive"),
])
def test_errors(s, text, rc, message):
    out, got = run(s, text, stop_on_error=False)
    assert got == rc and message in out, out


def test_needs_tsset():
    session = double_session({"x": _series(20)})
    out, rc = run(session, "ac x", stop_on_error=False)
    assert rc == 111 and "time variable not set" in out
