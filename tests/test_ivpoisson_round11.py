"""ivpoisson round 11: predict after gmm and cfunction (ivpoisson_p's n, xb, xbtotal, residuals,
nooffset, equation()) against its formulas computed here in numpy from e(b) and the data;
gmm's e(b) named depvar:name (ivpoisson.ado's renaming) with _b[], test, lincom, margins,
estimates table and esttab still working; N with a thousands comma in the header
(GMMout's %10.0fc); cfunction's e(b) with its base and omitted factor columns."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from limited_models_helpers import check_error, fitted

HERE = Path(__file__).parent / "ivpoisson_reference"
DATA = pd.read_csv(HERE / "ivpoisson_sim.csv")
GMM = "ivpoisson gmm y x1 (x2 = z1 z2)"
CF = "ivpoisson cfunction y x1 (x2 = z1 z2)"


def _b(s) -> dict:
    m = s.e.matrices["b"]
    return dict(zip(m.colnames, m.values.ravel()))


def _var(s, name) -> np.ndarray:
    return s.data.numeric(name).astype(float)


def _predict(do, s, text):
    rc, out, _ = do(text, session=s)
    assert rc == 0, out
    return out


def _cfunction_pieces(s, df):
    """depvar's x b and the control term sum c (x2 - z pi), from e(b) (one endogenous: x2)."""
    b = _b(s)
    xb = b["y:x1"] * df.x1 + b["y:x2"] * df.x2 + b["y:_cons"]
    first = b["x2:x1"] * df.x1 + b["x2:z1"] * df.z1 + b["x2:z2"] * df.z2 + b["x2:_cons"]
    return xb.to_numpy(), first.to_numpy(), b["c_x2:_cons"] * (df.x2 - first).to_numpy()


def test_predict_after_cfunction_follows_ivpoisson_p(do):
    _, s = fitted(do, CF + ", exposure(expo) nolog", DATA)
    xb, first, control = _cfunction_pieces(s, DATA)
    off = np.log(DATA.expo.to_numpy(float))
    out = _predict(do, s, "predict double m")
    assert "(option n assumed; predicted number of events)" in out
    np.testing.assert_allclose(_var(s, "m"), np.exp(xb + off + control), rtol=1e-12)
    _predict(do, s, "predict double t, xbtotal")
    np.testing.assert_allclose(_var(s, "t"), xb + off + control, rtol=1e-12, atol=1e-12)
    _predict(do, s, "predict double r, residuals")
    y = DATA.y.to_numpy(float)
    np.testing.assert_allclose(_var(s, "r"), y / np.exp(xb + off + control) - 1, rtol=1e-10, atol=1e-12)
    _predict(do, s, "predict double tn, xbt nooffset")
    np.testing.assert_allclose(_var(s, "tn"), xb + control, rtol=1e-12, atol=1e-12)
    _predict(do, s, "predict double x, xb")  # depvar's equation only, with the offset
    np.testing.assert_allclose(_var(s, "x"), xb + off, rtol=1e-12, atol=1e-12)
    _predict(do, s, "predict double f, xb equation(x2)")  # the first stage, no offset
    np.testing.assert_allclose(_var(s, "f"), first, rtol=1e-12, atol=1e-12)
    _predict(do, s, "predict double c, xb equation(#3)")
    np.testing.assert_allclose(_var(s, "c"), _b(s)["c_x2:_cons"])
    labels = s.data.var_labels
    assert labels["m"] == "Predicted number of events" and labels["r"] == "Residuals"
    assert labels["t"] == "Linear prediction on covariates and residuals" and labels["x"] == "Linear prediction"
    # the moments hold at the estimates: the residuals are orthogonal to the constant
    assert abs(np.mean(_var(s, "r"))) < 1e-8


def test_predict_after_gmm_residuals_by_error_form(do):
    _, s = fitted(do, GMM + ", nolog", DATA)
    b = _b(s)
    xb = (b["y:x2"] * DATA.x2 + b["y:x1"] * DATA.x1 + b["y:_cons"]).to_numpy()
    y = DATA.y.to_numpy(float)
    _predict(do, s, "predict double r, r")
    np.testing.assert_allclose(_var(s, "r"), y - np.exp(xb), rtol=1e-10, atol=1e-10)
    _predict(do, s, "predict double t, xbtotal")
    np.testing.assert_allclose(_var(s, "t"), xb, rtol=1e-12)
    assert s.data.var_labels["t"] == "Linear prediction"
    _, s = fitted(do, GMM + ", mult offset(z1) nolog", DATA)
    b = _b(s)
    xb = (b["y:x2"] * DATA.x2 + b["y:x1"] * DATA.x1 + b["y:_cons"]).to_numpy()
    _predict(do, s, "predict double r if x1 > 0, residuals")
    expected = np.where(DATA.x1 > 0, y / np.exp(xb + DATA.z1) - 1, np.nan)
    np.testing.assert_allclose(_var(s, "r"), expected, rtol=1e-10, atol=1e-10)
    _predict(do, s, "predict double n, n nooffset")
    np.testing.assert_allclose(_var(s, "n"), np.exp(xb), rtol=1e-12)


@pytest.mark.parametrize("line, message, code", [
    ("predict a, n xb", "can only specify one of\nn, pr(), residuals, xbtotal, or xb", 198),
    ("predict a, residuals equation(x2)", "equation() invalid without xb", 198),
    ("predict a, xb equation(nothere)", "equation nothere not found", 303),
    ("predict a, xb equation(#4)", "equation #4 not found", 303),
    ("predict a, pr(1)", "option pr() is not implemented for ivpoisson in mlmcli", 198),
    ("predict a, stdp", "option stdp not allowed", 198),
])
def test_predict_errors(do, line, message, code):
    check_error(do, DATA, CF + ", nolog\n" + line, message, code)


def test_gmm_b_named_by_depvar_and_postestimation(do):
    _, s = fitted(do, GMM + ", nolog", DATA)
    assert s.e.matrices["b"].colnames == ("y:x2", "y:x1", "y:_cons")
    assert s.e.matrices["V"].rownames == ("y:x2", "y:x1", "y:_cons")
    b = _b(s)
    V = s.e.matrices["V"].values
    out = _predict(do, s, 'display %18.12g _b[x1] " " %18.12g _b[y:x1] " " %18.12g _se[x1]')
    shown = [float(v) for v in out.split()[-3:]]
    assert shown[0] == pytest.approx(b["y:x1"], rel=1e-10) == shown[1]
    assert shown[2] == pytest.approx(np.sqrt(V[1, 1]), rel=1e-10)
    out = _predict(do, s, "test x1")
    assert "[y]x1 = 0" in out and s.r["chi2"] == pytest.approx(b["y:x1"] ** 2 / V[1, 1], rel=1e-10)
    _predict(do, s, "test [y]x1 = [y]x2")
    g = np.array([-1.0, 1.0, 0.0])
    assert s.r["chi2"] == pytest.approx((b["y:x1"] - b["y:x2"]) ** 2 / (g @ V @ g), rel=1e-10)
    _predict(do, s, "lincom x1 + x2")
    g = np.array([1.0, 1.0, 0.0])
    assert s.r["estimate"] == pytest.approx(b["y:x1"] + b["y:x2"], rel=1e-10)
    assert s.r["se"] == pytest.approx(np.sqrt(g @ V @ g), rel=1e-10)
    _predict(do, s, "margins, dydx(x1)")
    mu = np.exp(b["y:x2"] * DATA.x2 + b["y:x1"] * DATA.x1 + b["y:_cons"]).to_numpy()
    assert s.r["table"].values[0, 0] == pytest.approx(b["y:x1"] * mu.mean(), rel=1e-8)
    out = _predict(do, s, "estimates store a\nestimates table a, b(%9.4f)")
    row = next(line for line in out.splitlines() if line.strip().startswith("x1 |"))
    assert float(row.split("|")[1]) == pytest.approx(b["y:x1"], abs=5e-5)
    out = _predict(do, s, "esttab a, b(4)")
    row = next(line for line in out.splitlines() if line.startswith("x1 "))
    assert float(row.split()[1].rstrip("*")) == pytest.approx(b["y:x1"], abs=5e-5)


def test_header_prints_n_with_a_comma(do):
    big = pd.concat([DATA] * 3, ignore_index=True)
    printed, s = fitted(do, GMM + ", nolog", big)
    line = next(x for x in printed.splitlines() if x.startswith("Number of parameters"))
    assert line == "Number of parameters =   3                         Number of obs  =      1,200"
    printed, _ = fitted(do, CF + ", nolog", big)
    assert "Number of obs  =      1,200" in printed


def test_cfunction_b_carries_base_and_omitted_columns(do):
    df = DATA.assign(f=np.arange(len(DATA)) % 3, w=np.arange(len(DATA)) % 2)
    df = df.assign(f1=(df.f == 1).astype(float), f2=(df.f == 2).astype(float), w1=(df.w == 1).astype(float))
    _, s = fitted(do, "ivpoisson cfunction y x1 i.f (x2 = z1 i.w), nolog", df)
    names = s.e.matrices["b"].colnames
    assert names == ("y:x1", "y:0b.f", "y:1.f", "y:2.f", "y:x2", "y:_cons",
                     "x2:x1", "x2:0b.f", "x2:1.f", "x2:2.f", "x2:z1", "x2:0b.w", "x2:1.w", "x2:_cons", "c_x2:_cons")
    b = _b(s)
    V = s.e.matrices["V"].values
    for base in ("y:0b.f", "x2:0b.f", "x2:0b.w"):
        j = names.index(base)
        assert b[base] == 0 and not V[j].any() and not V[:, j].any()
    assert s.e.scalars["k"] == 12  # the estimated parameters
    # the same model on hand-made dummies: the same estimates and VCE
    _, d = fitted(do, "ivpoisson cfunction y x1 f1 f2 (x2 = z1 w1), nolog", df)
    est = [j for j, n in enumerate(names) if "0b." not in n]
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel()[est], d.e.matrices["b"].values.ravel(),
                               rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(V[np.ix_(est, est)], d.e.matrices["V"].values, rtol=1e-6, atol=1e-12)
    # predict is unchanged by the base columns
    _predict(do, s, "predict double m")
    _predict(do, d, "predict double m")
    np.testing.assert_allclose(_var(s, "m"), _var(d, "m"), rtol=1e-8)
    rc, out, _ = do("ivpoisson", session=s)  # replay over the full e(b)
    assert rc == 0 and "c_x2" in out
