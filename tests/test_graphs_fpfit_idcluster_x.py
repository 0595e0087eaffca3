"""fpfit/fpfitci after the ML estcmds with ``estopts(noconstant degree(1) vce(jackknife, cluster(c)
keep idcluster(x)))``: jackknife's keep renames its cluster numbering 1..G over the plotted x
after each fit (graphs.fpfit_renumbered_x).  frac_154's candidates use its own copy of the
original x, so with keep (every candidate after the first fails on keep's pseudovalue name) the
first candidate, power -2, is fracpoly's model; the final fracgen reads the renumbered x --
shift and scale from 1..G, each term centred at the original x's mean -- and the points are
drawn at x = 1..G.  The data are as before after the graph (twoway__fpfit_serset's preserve).

Checked against numpy: Newton's method for the final fit and the leave-one-cluster-out fits, the
jackknife variance (G-1)/G sum (b_j - mean b)^2 and t(G-1) for the band."""
from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from scipy.stats import t as student_t

from graphs_helpers import artists, drawn, run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session


def _session(df: pd.DataFrame) -> Session:
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


@pytest.fixture
def data() -> pd.DataFrame:
    rng = np.random.default_rng(23)
    n = 90
    c = rng.integers(0, 15, n).astype(float) * 3 + 7  # 15 clusters, numbered 1..15 by jackknife
    x = np.round(rng.uniform(0, 50, n))  # x has 0: fracpoly shifts it; its scale is 10
    x[0] = 0.0
    y = rng.poisson(np.exp(0.3 + 0.02 * x)).astype(float)
    yb = (rng.uniform(size=n) < 1 / (1 + np.exp(-(x - 25) / 15))).astype(float)
    return pd.DataFrame({"x": x, "y": y, "yb": yb, "c": c})


def _fit_one(term, y, command):
    """b of ``command y term, noconstant`` by Newton's method."""
    b = 0.0
    for _ in range(100):
        eta = b * term
        if command == "poisson":
            mu = np.exp(eta)
            grad, info = term @ (y - mu), term @ (mu * term)
        else:  # logit
            p = 1 / (1 + np.exp(-eta))
            grad, info = term @ (y - p), term @ (p * (1 - p) * term)
        step = grad / info
        b += step
        if abs(step) < 1e-13:
            break
    return b


def _expected(df, yname, command, level=95.0):
    """(at, x b, lower, upper): the final fit on the renumbered x's power -2 term."""
    x, y, c = df["x"].to_numpy(), df[yname].to_numpy(), df["c"].to_numpy()
    gid = np.unique(c, return_inverse=True)[1] + 1.0
    G = int(gid.max())
    scale = 10.0 ** np.floor(np.log10(G - 1))  # frac_xo's on 1..G (no shift: min 1)
    centre = (x.mean() / scale) ** -2.0  # frac_adj's mean of the original x, on the new scale
    term = (gid / scale) ** -2.0 - centre
    b = _fit_one(term, y, command)
    reps = np.array([_fit_one(term[gid != g], y[gid != g], command) for g in range(1, G + 1)])
    V = (G - 1) / G * np.sum((reps - reps.mean()) ** 2)
    at = np.arange(1.0, G + 1)
    t_at = (at / scale) ** -2.0 - centre
    xb = b * t_at
    half = student_t.ppf(0.5 + level / 200, G - 1) * np.abs(t_at) * np.sqrt(V)
    return at, xb, xb - half, xb + half


@pytest.mark.parametrize("yname, command", [("y", "poisson"), ("yb", "logit")])
def test_line_and_band_at_the_cluster_numbers(data, yname, command):
    s = _session(data.copy())
    before = s.data.df.copy()
    graph, fig = drawn(s, f"twoway fpfitci {yname} x, estcmd({command}) "
                          "estopts(noconstant degree(1) vce(jackknife, cluster(c) keep idcluster(x)))")
    at, xb, lower, upper = _expected(data, yname, command)
    (line,) = artists(fig, "p1-s2-line")
    (xy,) = [np.asarray(seg) for seg in line.get_segments()]
    np.testing.assert_allclose(xy[:, 0], at)
    np.testing.assert_allclose(xy[:, 1], xb, rtol=1e-6, atol=1e-9)
    (area,) = artists(fig, "p1-s1-area")
    band = graph.panels[0].series[0]
    np.testing.assert_allclose(band.x, at)
    np.testing.assert_allclose(band.y, lower, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(band.y2, upper, rtol=1e-6, atol=1e-9)
    vertices = np.vstack([p.vertices for p in area.get_paths()])
    assert np.isclose(vertices[:, 0].min(), 1.0) and np.isclose(vertices[:, 0].max(), at[-1])
    assert np.isclose(vertices[:, 1].min(), min(lower.min(), upper.min()))
    assert np.isclose(vertices[:, 1].max(), max(lower.max(), upper.max()))
    pd.testing.assert_frame_equal(s.data.df, before)  # x as before after the graph


def test_fpfit_line_alone_and_with_a_constant(data):
    """fpfit draws the same line; with a constant every fit after the first fails on keep's
    ``y_b_cons``: the note, as before."""
    s = _session(data.copy())
    graph, fig = drawn(s, "twoway fpfit y x, estcmd(poisson) "
                          "estopts(noconstant degree(1) vce(jackknife, cluster(c) keep idcluster(x)))")
    at, xb, _, _ = _expected(data, "y", "poisson")
    (line,) = graph.panels[0].series
    np.testing.assert_allclose(line.x, at)
    np.testing.assert_allclose(line.y, xb, rtol=1e-6, atol=1e-9)
    out, rc = run(s, "twoway fpfit y x, estcmd(poisson) estopts(vce(jackknife, cluster(c) keep idcluster(x)))")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out


# x also the weight, offset() or exposure(): tests/test_graphs_fpfit_idcluster_reads.py
