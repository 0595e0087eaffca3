"""slogit (dimension 1): numbers against R (tests/slogit_reference/slogit.R: VGAM's rank-1
reduced-rank multinomial logit, the same model: b = -C, phi = A, theta the intercepts) and the
standard errors against the observed information of the likelihood written here from first
principles; ml display's layout (constraint, /phi1_# and /theta# rows, base outcome), the
footnote, test, estimates, errors.  Data: tests/mprobit_reference/make_data.py."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent
_spec = importlib.util.spec_from_file_location("slogit_make_data", HERE / "mprobit_reference" / "make_data.py")
_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_mod)
DATA = pd.DataFrame(_mod.rows(), columns=["y", "x1", "x2"]).astype(float)
REF = {}
for _line in (HERE / "slogit_reference" / "values.txt").read_text().splitlines():
    _tag, _name, *_vals = _line.split()
    REF[_name] = float(_vals[0])
LABELS = "label define yl 1 one 2 two 3 three\nlabel values y yl\n"


def _loglik(params, X, y):
    """b (2), phi2, theta1, theta2; phi1 = 1, outcome 3 the base."""
    b, phi2, t1, t2 = params[:2], params[2], params[3], params[4]
    s = X @ b
    eta = np.column_stack([t1 - s, t2 - phi2 * s, np.zeros(len(s))])
    eta -= eta.max(axis=1, keepdims=True)
    logp = eta - np.log(np.exp(eta).sum(axis=1, keepdims=True))
    return logp[np.arange(len(y)), y].sum()


def _observed_se(params, X, y):
    k, h = len(params), 1e-4
    H = np.zeros((k, k))
    for i in range(k):
        for j in range(k):
            def f(di, dj):
                q = params.copy()
                q[i] += di
                q[j] += dj
                return _loglik(q, X, y)
            H[i, j] = (f(h, h) - f(h, -h) - f(-h, h) + f(-h, -h)) / (4 * h * h)
    return np.sqrt(np.diag(np.linalg.inv(-H)))


def test_fit_against_vgam_and_layout(do):
    rc, printed, s = do(LABELS + "slogit y x1 x2", DATA.copy())
    assert rc == 0, printed
    b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))
    assert s.e.matrices["b"].colnames == ("dim1:x1", "dim1:x2", "phi1_1:_cons", "phi1_2:_cons", "theta1:_cons",
                                          "theta2:_cons")
    got = [b["dim1:x1"], b["dim1:x2"], b["phi1_2:_cons"], b["theta1:_cons"], b["theta2:_cons"]]
    ref = [REF["x1"], REF["x2"], REF["phi2"], REF["theta1"], REF["theta2"]]
    np.testing.assert_allclose(got, ref, rtol=1e-5)
    assert b["phi1_1:_cons"] == 1.0
    assert s.e.scalars["ll"] == pytest.approx(REF["ll"], abs=1e-6)
    X, y = DATA[["x1", "x2"]].to_numpy(), DATA.y.astype(int).to_numpy() - 1
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    names = s.e.matrices["b"].colnames
    mine = [se[names.index(n)] for n in ("dim1:x1", "dim1:x2", "phi1_2:_cons", "theta1:_cons", "theta2:_cons")]
    np.testing.assert_allclose(mine, _observed_se(np.array(got), X, y), rtol=1e-4)
    np.testing.assert_allclose(mine, [REF["se:x1"], REF["se:x2"], REF["se:I(latvar.mat)"], REF["se:(Intercept):1"],
                                      REF["se:(Intercept):2"]], rtol=1e-3)  # VGAM's information
    lines = printed.split("\n")
    assert "Stereotype logistic regression                    Number of obs   =        300" in lines
    assert " ( 1)  [phi1_1]_cons = 1" in lines
    assert "     /phi1_1 |          1  (constrained)" in lines
    assert "     /phi1_3 |          0  (base outcome)" in lines
    assert "     /theta3 |          0  (base outcome)" in lines
    assert "(y=three is the base outcome)" in lines
    assert s.e.scalars["chi2"] == pytest.approx(
        float(np.array(got[:2]) @ np.linalg.solve(s.e.matrices["V"].values[:2, :2], np.array(got[:2]))), rel=1e-8)


def test_base_outcome_by_label_same_likelihood(do):
    rc, printed, s = do(LABELS + "slogit y x1 x2, baseoutcome(one) nolog\ntest x1\nestimates store s1\n"
                                 "estimates replay s1", DATA.copy())
    assert rc == 0, printed
    assert s.e.scalars["ll"] == pytest.approx(REF["ll"], abs=1e-6)
    assert " ( 1)  [phi1_2]_cons = 1" in printed and "(y=one is the base outcome)" in printed
    assert " ( 1)  [dim1]x1 = 0" in printed and "Iteration" not in printed
    assert printed.count("Stereotype logistic regression") == 2


@pytest.mark.parametrize("text, message, code", [
    ("slogit y", "too few variables specified", 102),
    ("slogit y x1 x2, dimension(3)", "dimension() must be a positive integer and cannot exceed 2", 198),
    ("slogit y x1 x2, dimension(2)", "option dimension() above 1 not supported by mlmcli with slogit", 198),
    ("slogit y x1, baseoutcome(9)", "baseoutcome(9) is not an outcome of y", 459),
    ("slogit y x1 if y == 1", "there is only one outcome in y", 148),
    ("slogit y x1, vce(jackknife)", "option vce(jackknife) not supported by mlmcli with slogit", 198),
])
def test_errors(do, text, message, code):
    rc, printed, _ = do(LABELS + text, DATA.copy())
    assert rc == code and message in printed


def test_predict_probabilities_and_index(do):
    rc, printed, s = do(LABELS + "slogit y x1 x2, nolog\npredict p1 p2 p3\npredict xb, xb\npredict pt, outcome(two)",
                        DATA.copy())
    assert rc == 0, printed
    b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))
    sidx = DATA.x1 * b["dim1:x1"] + DATA.x2 * b["dim1:x2"]
    eta = np.column_stack([b["theta1:_cons"] - sidx, b["theta2:_cons"] - b["phi1_2:_cons"] * sidx, 0 * sidx])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    got = np.column_stack([s.data.numeric(v) for v in ("p1", "p2", "p3")])
    np.testing.assert_allclose(got, P, rtol=1e-6)
    np.testing.assert_allclose(s.data.numeric("xb"), sidx, rtol=1e-6)
    np.testing.assert_allclose(s.data.numeric("pt"), P[:, 1], rtol=1e-6)
    assert "(option pr assumed; predicted probabilities)" in printed


def _row_loglik(params, X, y):
    b, phi2, t1, t2 = params[:2], params[2], params[3], params[4]
    s = X @ b
    eta = np.column_stack([t1 - s, t2 - phi2 * s, np.zeros(len(s))])
    logp = eta - np.log(np.exp(eta).sum(axis=1, keepdims=True))
    return logp[np.arange(len(y)), y]


@pytest.mark.parametrize("options, clusters", [("vce(robust)", None), ("vce(cluster cl)", 10)])
def test_sandwich_from_first_principles(do, options, clusters):
    data = DATA.copy()
    data["cl"] = np.ceil((np.arange(len(data)) + 1) / 10)
    rc, printed, s = do(LABELS + f"slogit y x1 x2, nolog {options}", data)
    assert rc == 0, printed
    b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))
    names = ("dim1:x1", "dim1:x2", "phi1_2:_cons", "theta1:_cons", "theta2:_cons")
    params = np.array([b[n] for n in names])
    X, y = DATA[["x1", "x2"]].to_numpy(), DATA.y.astype(int).to_numpy() - 1
    h = 1e-6
    S = np.column_stack([(_row_loglik(params + h * e, X, y) - _row_loglik(params - h * e, X, y)) / (2 * h)
                         for e in np.eye(5)])
    n = len(y)
    if clusters:
        S = pd.DataFrame(S).groupby(data["cl"].to_numpy()).sum().to_numpy()
    G = len(S)
    # bread: the inverse of the observed information
    k, hh = 5, 1e-4
    H = np.zeros((k, k))
    for i in range(k):
        for j in range(k):
            def f(di, dj):
                q = params.copy()
                q[i] += di
                q[j] += dj
                return _loglik(q, X, y)
            H[i, j] = (f(hh, hh) - f(hh, -hh) - f(-hh, hh) + f(-hh, -hh)) / (4 * hh * hh)
    B = np.linalg.inv(-H)
    V = B @ (S.T @ S) @ B * (G / (G - 1) if clusters else n / (n - 1))
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    colnames = s.e.matrices["b"].colnames
    np.testing.assert_allclose([se[colnames.index(c)] for c in names], np.sqrt(np.diag(V)), rtol=1e-4)
    assert "Log pseudolikelihood" in printed and s.e.macros["vcetype"] == "Robust"
    if clusters:
        assert s.e.scalars["N_clust"] == 30 and "(Std. Err. adjusted for 30 clusters in cl)" in printed
