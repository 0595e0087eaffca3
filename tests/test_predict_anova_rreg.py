"""predict after anova (regress's regres_p: anova.ado posts e(predict) regres_p) and after
rreg (rreg_p: xb, stdp, residuals, hat).  Numbers against hand formulas with numpy."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def data():
    rng = np.random.default_rng(7)
    n = 60
    a = rng.integers(1, 4, n)
    x = rng.normal(size=n)
    y = 1 + 0.5 * a + x + rng.normal(size=n)
    y[5] += 8  # an outlier rreg downweights
    return pd.DataFrame({"y": y, "a": a.astype(float), "x": x})


def _ols(data):
    X = np.column_stack([(data.a == 2).astype(float), (data.a == 3).astype(float), data.x, np.ones(len(data))])
    y = data.y.to_numpy()
    b = np.linalg.solve(X.T @ X, X.T @ y)
    h = np.einsum("ij,jk,ik->i", X, np.linalg.inv(X.T @ X), X)
    r = y - X @ b
    n, k = X.shape
    s2 = r @ r / (n - k)
    return X, b, h, r, s2, n, k


def test_anova_takes_regress_statistics(do, data):
    rc, out, s = do("anova y a c.x\npredict double lev, leverage\npredict double cd, cooksd\n"
                    "predict double rs, rstudent\npredict double sf, stdf\npredict double sr, stdr\n"
                    "predict double sc, score\npredict double fit", data)
    assert rc == 0, out
    X, b, h, r, s2, n, k = _ols(data)
    np.testing.assert_allclose(s.data.numeric("lev"), h, rtol=1e-8)
    np.testing.assert_allclose(s.data.numeric("cd"), r ** 2 * h / (k * s2 * (1 - h) ** 2), rtol=1e-7)
    s2_i = (r @ r - r ** 2 / (1 - h)) / (n - k - 1)  # leave-one-out variance
    np.testing.assert_allclose(s.data.numeric("rs"), r / np.sqrt(s2_i * (1 - h)), rtol=1e-7)
    np.testing.assert_allclose(s.data.numeric("sf"), np.sqrt(s2 * (1 + h)), rtol=1e-7)
    np.testing.assert_allclose(s.data.numeric("sr"), np.sqrt(s2 * (1 - h)), rtol=1e-7)
    np.testing.assert_allclose(s.data.numeric("sc"), r, rtol=1e-7, atol=1e-10)
    np.testing.assert_allclose(s.data.numeric("fit"), X @ b, rtol=1e-8)
    assert "(option xb assumed; fitted values)" in out


def test_rreg_hat_is_the_weight_corrected_leverage(do, data):
    rc, out, s = do("rreg y x, genwt(w)\npredict double hh, hat\npredict double f\n"
                    "predict double se, stdp\npredict double res, residuals", data)
    assert rc == 0, out
    w = s.data.numeric("w")
    keep = ~np.isnan(w)
    X = np.column_stack([data.x, np.ones(len(data))])
    Xs = X[keep]
    h = np.einsum("ij,jk,ik->i", X, np.linalg.inv(Xs.T @ Xs), X)
    np.testing.assert_allclose(s.data.numeric("hh"), w / w[keep].mean() * h, rtol=1e-6)
    b = s.e.matrices["b"].values.ravel()
    np.testing.assert_allclose(s.data.numeric("f"), X @ b, rtol=1e-10)
    np.testing.assert_allclose(s.data.numeric("res"), data.y - X @ b, rtol=1e-9, atol=1e-12)
    V = s.e.matrices["V"].values
    np.testing.assert_allclose(s.data.numeric("se"), np.sqrt(np.einsum("ij,jk,ik->i", X, V, X)), rtol=1e-8)
    assert s.data.var_labels["hh"] == "corrected (for w) hat diagonals"
    assert s.data.var_labels["f"] == "Fitted values" and s.data.var_labels["res"] == "residuals"
    assert s.data.var_labels["se"] == "S.E. of prediction of y"


@pytest.mark.parametrize("text,message", [
    ("predict h, hat", "command rreg must be run with option genwt() first"),
    ("predict h, cooksd", "option cooksd invalid"),
    ("predict h, nooffset", "option nooffset not allowed"),
    ("predict h, xb stdp", "options xb and stdp may not be combined"),
])
def test_rreg_refusals(do, data, text, message):
    rc, out, s = do("rreg y x\n" + text, data)
    assert rc == 198 and message in out, out
    assert "h" not in s.data.varnames
