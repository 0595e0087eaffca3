"""predict after areg (areg_p) and reghdfe (reghdfe_p: residuals, d, xbd, dresiduals and score
from the residuals the fit saved with resid/residuals()).  Numbers against the least-squares
dummy-variable regression solved with numpy (the same fit, the group effects explicit)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def data():
    rng = np.random.default_rng(11)
    g = np.repeat(np.arange(12), 5)
    x = rng.normal(size=g.size)
    y = 2 + x + g * 0.3 + rng.normal(size=g.size)
    w = 1.0 + (np.arange(g.size) % 3)
    out = pd.DataFrame({"y": y, "x": x, "g": g.astype(float), "w": w, "t": np.tile(np.arange(5.0), 12)})
    return out


def _dummy_fit(df, rows, w=None):
    """(b_x, cons, d per row, residuals, xb) of y on x and group dummies over ``rows``; the
    constant as areg/reghdfe report it, cons = weighted mean of y - b x (d then has weighted
    mean zero), xb = b x + cons."""
    d = df[rows]
    G = pd.get_dummies(d.g).to_numpy(float)
    X = np.column_stack([d.x.to_numpy(), G])
    ww = np.ones(len(d)) if w is None else d[w].to_numpy()
    sw = np.sqrt(ww)
    coef = np.linalg.lstsq(X * sw[:, None], d.y.to_numpy() * sw, rcond=None)[0]
    fitted = X @ coef
    bx = coef[0]
    cons = np.average(d.y - bx * d.x, weights=ww)
    xb = bx * d.x.to_numpy() + cons
    return bx, cons, fitted - xb, d.y.to_numpy() - fitted, xb


def test_reghdfe_resid_and_its_predictions(do, data):
    rc, out, s = do("reghdfe y x, absorb(g) resid\npredict r, residuals\npredict dd, d\npredict f, xbd\n"
                    "predict dr, dresiduals\npredict sc, score\npredict xb0", data)
    assert rc == 0, out
    rows = np.ones(len(data), bool)
    bx, cons, d, r, xb = _dummy_fit(data, rows)
    b = s.e.matrices["b"].values.ravel()
    np.testing.assert_allclose(b, [bx, cons], rtol=1e-8)
    num = s.data.numeric
    np.testing.assert_allclose(num("_reghdfe_resid"), r, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(num("r"), r, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(num("sc"), r, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(num("dd"), d, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(num("f"), xb + d, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(num("dr"), d + r, rtol=1e-7, atol=1e-9)
    assert s.e.macros["resid"] == "_reghdfe_resid"
    labels = s.data.var_labels
    assert (labels["dd"], labels["f"], labels["r"]) == ("d[g]", "Xb + d[g]", "Residuals")
    assert s.data.types["dd"] == "double"  # reghdfe_p ignores the storage type
    assert "(option xb assumed; fitted values)" in out


def test_reghdfe_named_residuals_outside_the_sample(do, data):
    rc, out, s = do("reghdfe y x if t < 4, absorb(g) residuals(e1)\npredict dd, d", data)
    assert rc == 0, out
    rows = (data.t < 4).to_numpy()
    _, _, d, r, _ = _dummy_fit(data, rows)
    e1 = s.data.numeric("e1")
    assert np.isnan(e1[~rows]).all() and np.isnan(s.data.numeric("dd")[~rows]).all()
    np.testing.assert_allclose(e1[rows], r, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(s.data.numeric("dd")[rows], d, rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("text,rc,message", [
    ("reghdfe y x, absorb(g)\npredict r, residuals", 198,
     "you must add the resid option to reghdfe before running this prediction"),
    ("reghdfe y x, absorb(g) resid\ndrop _reghdfe_resid\npredict r, d", 111, "variable _reghdfe_resid not found"),
    ("reghdfe y x, absorb(g) residuals(y)", 110, "variable y already defined"),
    ("reghdfe y x, absorb(g) resid\npredict r, d xbd", 198, "options d and xbd are mutually exclusive"),
])
def test_reghdfe_refusals(do, data, text, rc, message):
    got, out, s = do(text, data)
    assert got == rc and message in out, out
    assert "r" not in s.data.varnames


def test_reghdfe_resid_replaces_its_default_variable(do, data):
    rc, out, s = do("reghdfe y x, absorb(g) resid\nreghdfe y, absorb(g) resid", data)
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("_reghdfe_resid"),
                               data.y - data.groupby("g").y.transform("mean"), atol=1e-9)


def test_areg_in_sample_statistics_and_weights(do, data):
    rc, out, s = do("areg y x [aw=w] if t < 4, absorb(g)\npredict dd, d\npredict f, xbd\npredict r, residuals\n"
                    "predict sc, scores\npredict dr, dresiduals\npredict xb0", data)
    assert rc == 0, out
    rows = (data.t < 4).to_numpy()
    bx, cons, d, r, xb = _dummy_fit(data, rows, w="w")
    num = s.data.numeric
    for name in ("dd", "f", "r", "sc"):
        assert np.isnan(num(name)[~rows]).all(), name  # e(sample) only
    np.testing.assert_allclose(num("dd")[rows], d, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(num("f")[rows], xb + d, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(num("r")[rows], r, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(num("sc"), num("r"), equal_nan=True)
    b = s.e.matrices["b"].values.ravel()
    np.testing.assert_allclose(num("dr"), data.y - b[0] * data.x - b[1], rtol=1e-5, atol=1e-6)  # every row
    labels = s.data.var_labels
    assert (labels["dd"], labels["f"], labels["dr"], labels["sc"], labels["xb0"]) == (
        "d[g]", "Xb + d[g]", "d[g] + residual", "Residuals", "Xb")
