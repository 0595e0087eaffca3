"""tebalance density after teffects ipw (_tebalance_density.ado's DensityIPW): the raw and
inverse-probability-weighted kernel densities of a covariate per treatment level, worked out
here from first principles (a logit fitted by Newton's method, Stata's Epanechnikov kernel,
Silverman's bandwidth with Stata's percentiles); the graph's panels, keys and r(); errors."""
from __future__ import annotations

import numpy as np
import pytest
from test_teffects import DATA


def _logit_probs(df):
    X = np.column_stack([df.x1, df.x2, np.ones(len(df))])
    t = df.t.to_numpy()
    b = np.zeros(3)
    for _ in range(50):
        p = 1 / (1 + np.exp(-X @ b))
        b += np.linalg.solve((X * (p * (1 - p))[:, None]).T @ X, X.T @ (t - p))
    return 1 / (1 + np.exp(-X @ b))


def _pctile(x, q):
    """Stata's summarize, detail percentile (no weights)."""
    x = np.sort(x)
    n = len(x)
    k = n * q / 100
    i = int(np.floor(k))
    return x[i] if k != i else (x[i - 1] + x[i]) / 2


def _silverman(x):
    m = min(x.std(ddof=1), (_pctile(x, 75) - _pctile(x, 25)) / 1.349)
    return 0.9 * m / len(x) ** 0.2


def _epanechnikov_density(x, w, at, h):
    u = (at[:, None] - x[None, :]) / h
    k = np.where(np.abs(u) < np.sqrt(5), 0.75 * (1 - u * u / 5) / np.sqrt(5), 0.0)
    return (k * w).sum(axis=1) / (h * w.sum())


@pytest.mark.parametrize("stat", ["ate", "atet"])
def test_densities_from_first_principles(do, stat):
    rc, out, s = do(f"teffects ipw (y) (t x1 x2), {stat} nolog\ntebalance density x1", DATA.copy())
    assert rc == 0, out
    p = _logit_probs(DATA)
    t = DATA.t.to_numpy()
    ipw = np.where(t == 1, 1 / p, 1 / (1 - p)) * (p if stat == "atet" else 1)
    graph = s.graphs[-1]
    assert [panel.title for panel in graph.panels] == ["Raw", "Weighted"]
    for k, (level, tag) in enumerate(((0, "c"), (1, "t"))):
        x = DATA.x1.to_numpy()[t == level]
        h = _silverman(x)
        assert s.r[f"bw{tag}_raw"] == pytest.approx(h, rel=1e-10) and s.r[f"bw{tag}_adj"] == s.r[f"bw{tag}_raw"]
        assert s.r[f"N{tag}_raw"] == len(x) == s.r[f"N{tag}_adj"]
        grid = x.min() - h + np.arange(len(x)) * (x.max() - x.min() + 2 * h) / (len(x) - 1)
        for panel, w in ((graph.panels[0], np.ones(len(x))), (graph.panels[1], ipw[t == level])):
            line = panel.series[k]
            assert np.allclose(line.x, grid, rtol=0, atol=1e-12)
            assert np.allclose(line.y, _epanechnikov_density(x, w, grid, h), rtol=1e-9, atol=1e-14)
    assert s.r["kernel"] == "epanechnikov"
    assert graph.title == "Balance plot" and graph.ytitle == "Density" and graph.xtitle == "x1"
    assert graph.legend_labels == ((1, "control"), (2, "treated"))


def test_options(do):
    rc, out, s = do("teffects ipw (y) (t x1 x2), nolog\nlabel variable x1 \"First covariate\"\n"
                    "tebalance density x1, n(40) bwidth(*2) kernel(gaussian)", DATA.copy())
    assert rc == 0, out
    x = DATA.x1.to_numpy()[DATA.t.to_numpy() == 1]
    assert s.r["bwt_raw"] == pytest.approx(2 * _silverman(x), rel=1e-10) and s.r["Nt_raw"] == 40
    assert s.r["kernel"] == "gaussian" and s.graphs[-1].xtitle == "First covariate"
    assert len(s.graphs[-1].panels[0].series[1].x) == 40


@pytest.mark.parametrize("text, rc, message", [
    ("tebalance density", 100, "varlist required"),
    ("tebalance density x1, n(0)", 198, "number of points for the kernel density estimate must be greater than zero"),
    ("tebalance density x1, bwidth(2)", 198, "invalid bwidth(2) specification"),
    ("tebalance density x1, kernel(foo)", 198, "invalid kernel function"),
])
def test_errors(do, text, rc, message):
    got, out, _ = do("teffects ipw (y) (t x1 x2), nolog\n" + text, DATA.copy())
    assert got == rc and message in out, out


def test_keys_from_value_labels_and_legend_off(do):
    rc, out, s = do('label define tl 0 "Never" 1 "Smoker"\nlabel values t tl\n'
                    "teffects ipw (y) (t x1 x2), nolog\ntebalance density x1", DATA.copy())
    assert rc == 0 and s.graphs[-1].legend_labels == ((1, "Never"), (2, "Smoker")), out
    rc, out, s = do("teffects ipw (y) (t x1 x2), nolog\ntebalance density x1, legend(off)", DATA.copy())
    assert rc == 0 and s.graphs[-1].legend == "off" and "note:" not in out, out
