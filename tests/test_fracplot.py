"""fracplot after fracpoly regress (Stata 13's fracplot.ado): the band, the component and the
component plus residual against numpy least squares on fracpoly's centred terms, the titles,
the variables used, and the refusals."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = Path(__file__).parent / "fracpoly_reference"
Z95 = 1.959963984540054


@pytest.fixture(scope="module")
def data():
    return pd.read_csv(REF / "fp.csv")


def _fit(session, data):
    ds = session.data
    t1, t2 = ds.numeric("Ix__1"), ds.numeric("Ix__2")
    z, y = data["z"].to_numpy(), data["y"].to_numpy()
    X = np.column_stack([t1, t2, z, np.ones(y.size)])
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    resid = y - X @ beta
    V = resid @ resid / (y.size - 4) * np.linalg.inv(X.T @ X)
    return X, beta, resid, V


def test_component_plus_residual_from_numpy(do, data):
    rc, out, session = do("quietly fracpoly regress y x z\nfracplot", df=data)
    assert rc == 0, out
    X, beta, resid, V = _fit(session, data)
    k = [0, 1, 3]  # for(x): x's terms and the constant (fracpred's pcalc)
    comp = X[:, k] @ beta[k]
    se = np.sqrt(np.einsum("ij,jk,ik->i", X[:, k], V[np.ix_(k, k)], X[:, k]))
    graph = session.graphs[-1]
    band, scatter, line = graph.panels[0].series
    x = data["x"].to_numpy()
    order = np.argsort(x, kind="stable")
    np.testing.assert_allclose(line.y, comp[order].astype(np.float32), rtol=1e-6)
    np.testing.assert_allclose(band.y, (comp - Z95 * se)[order], rtol=1e-5)
    np.testing.assert_allclose(band.y2, (comp + Z95 * se)[order], rtol=1e-5)
    np.testing.assert_allclose(np.sort(scatter.y), np.sort(comp + resid), rtol=1e-5)
    assert graph.ytitle == "Partial predictor+residual of y" and graph.xtitle == "x"
    assert "Fractional Polynomial (-.5 2)," in str(graph.title) and "adjusted for covariates" in str(graph.title)
    assert list(session.data.varnames) == list(data.columns) + ["Ix__1", "Ix__2"]


def test_covariate_component(do, data):
    rc, out, session = do("quietly fracpoly regress y x z\nfracplot z", df=data)
    assert rc == 0, out
    X, beta, resid, V = _fit(session, data)
    comp = X[:, [2, 3]] @ beta[[2, 3]]
    line = session.graphs[-1].panels[0].series[2]
    z = data["z"].to_numpy()
    np.testing.assert_allclose(line.y, comp[np.argsort(z, kind="stable")].astype(np.float32), rtol=1e-6)
    assert "Fractional Polynomial (1)" in str(session.graphs[-1].title)


@pytest.mark.parametrize("setup, line, message, code", [
    ("", "fracplot", "last estimates not found", 301),
    ("quietly fracpoly regress y x z", "fracplot w", "variable w not found", 111),
    ("quietly fracpoly regress y x z", "fracplot y", "y not in model", 198),
    ("quietly fracpoly regress y x z", "fracplot, addplot(scatter y x)", "plot() and addplot() are not implemented", 198),
    ("generate byte b = y > 4\nquietly fracpoly logit b x", "fracplot", "fracplot after fracpoly logit is not implemented", 199),
])
def test_refusals(do, data, setup, line, message, code):
    rc, out, _ = do(f"{setup}\n{line}" if setup else line, df=data)
    assert rc == code and message in out, out
