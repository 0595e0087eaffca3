"""svar (short-run, aeq()/beq()): A and B against the Cholesky factor of e(Sigma) for the
exactly identified recursive model, the standard errors against the Fisher information
(T/2) J'(Sigma^-1 # Sigma^-1) J with J = d vec(A^-1 B B' A^-1') / d theta taken numerically here,
an overidentified model's optimum against a likelihood written here (zero numerical gradient)
and its LR test; the layout of svar.ado's header and table; errors."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "vec_reference"
DATA = pd.read_csv(HERE / "vec_data.csv").astype(float)
SETUP = ("tsset t\ngen dy = D.y\ngen dx = D.x\ngen dz = D.z\n"
         "matrix A = (1,0,0\\.,1,0\\.,.,1)\nmatrix B = (.,0,0\\0,.,0\\0,0,.)\n")


def _run(do, text):
    rc, printed, s = do(SETUP + text, DATA.copy())
    assert rc == 0, printed
    return printed, s


def _sigma_of(p, k=3):
    A = p[:k * k].reshape(k, k, order="F")
    B = p[k * k:].reshape(k, k, order="F")
    Ai = np.linalg.inv(A)
    return Ai @ B @ B.T @ Ai.T


def _loglik(p, S, T, k=3):
    Sig = _sigma_of(p, k)
    return -T / 2 * (k * np.log(2 * np.pi) + np.log(np.linalg.det(Sig)) + np.trace(np.linalg.solve(Sig, S)))


def test_recursive_model_is_the_cholesky_factor(do):
    _, s = _run(do, "svar dy dx dz, aeq(A) beq(B)")
    e = s.e
    S = e.matrices["Sigma"].values
    L = np.linalg.cholesky(S)
    D = np.diag(np.diag(L))
    np.testing.assert_allclose(e.matrices["B"].values, D, atol=1e-7)
    np.testing.assert_allclose(e.matrices["A"].values, D @ np.linalg.inv(L), atol=1e-7)
    T = e.scalars["N"]
    assert e.scalars["ll"] == pytest.approx(_loglik(e.matrices["b"].values.ravel(), S, T), rel=1e-10)
    assert e.scalars["oid_df"] == 0 and e.scalars["N_cns"] == 12


def test_standard_errors_are_the_inverse_fisher_information(do):
    _, s = _run(do, "svar dy dx dz, aeq(A) beq(B)")
    e = s.e
    p = e.matrices["b"].values.ravel()
    V = e.matrices["V"].values
    free = np.diag(V) > 0
    S, T = e.matrices["Sigma"].values, e.scalars["N"]
    h = 1e-6
    J = []
    for j in np.flatnonzero(free):
        d = np.zeros_like(p)
        d[j] = h
        J.append(((_sigma_of(p + d) - _sigma_of(p - d)) / (2 * h)).flatten(order="F"))
    J = np.array(J).T
    Si = np.linalg.inv(_sigma_of(p))
    info = T / 2 * J.T @ np.kron(Si, Si) @ J
    np.testing.assert_allclose(V[np.ix_(free, free)], np.linalg.inv(info), rtol=1e-6, atol=1e-10)


def test_overidentified_model_and_lr_test(do):
    printed, s = _run(do, "matrix A2 = (1,0,0\\.,1,0\\0,.,1)\nsvar dy dx dz, aeq(A2) beq(B)")
    e = s.e
    assert e.scalars["oid_df"] == 1 and "Overidentified model" in printed
    p = e.matrices["b"].values.ravel()
    S, T = e.matrices["Sigma"].values, e.scalars["N"]
    assert e.scalars["ll"] == pytest.approx(_loglik(p, S, T), rel=1e-10)
    free = np.diag(e.matrices["V"].values) > 0
    for j in np.flatnonzero(free):  # the optimum: no ascent along any free parameter
        d = np.zeros_like(p)
        d[j] = 1e-5
        assert abs(_loglik(p + d, S, T) - _loglik(p - d, S, T)) / 2e-5 < 1e-4
    from mlmcli.distributions import chi2

    lr = 2 * (e.scalars["ll_var"] - e.scalars["ll"])
    assert e.scalars["chi2_oid"] == pytest.approx(lr, rel=1e-12)
    line = [ln for ln in printed.split("\n") if ln.startswith("LR test of identifying restrictions")][0]
    assert line.startswith("LR test of identifying restrictions: chi2(1) = ")
    assert line.endswith("Prob > chi2 =" + f"{chi2.sf(lr, 1):6.3f}")


def test_svar_layout(do):
    printed, _ = _run(do, "svar dy dx dz, aeq(A) beq(B)")
    lines = printed.split("\n")
    i = lines.index("Structural vector autoregression")
    assert lines[i + 2] == " ( 1)  [a_1_1]_cons = 1" and lines[i + 13] == " (12)  [b_3_2]_cons = 0"
    assert lines[i + 15] == "Sample:  4 - 160" + " " * 35 + "No. of obs      =       157"
    assert lines[i + 16].startswith("Exactly identified model" + " " * 27 + "Log likelihood  = ")
    assert "      /a_1_1 |          1  (constrained)" in lines
    assert any(ln.startswith("      /b_1_1 |   1.1") for ln in lines)
    assert "Estimating short-run parameters" in lines and any(ln.startswith("Iteration 0:") for ln in lines)
    printed, _ = _run(do, "quietly svar dy dx dz, aeq(A) beq(B)\nsvar, nocnsreport")
    assert "[a_1_1]_cons" not in printed and "Exactly identified model" in printed


@pytest.mark.parametrize("text, code, message", [
    ("svar dy dx dz", 198, "no constraints specified"),
    ("svar dy dx dz, aconstraints(1)", 198, "option aconstraints() of svar is not implemented"),
    ("svar dy dx dz, lrconstraints(1)", 198, "option lrconstraints() of svar is not implemented"),
    ("matrix K = (1,0,0\\0,.,0\\0,0,.)\nsvar dy dx dz, aeq(A) bcns(K)", 498,
     "b_1_1 is not constrained to be equal to another element"),
    ("matrix K = (1.5,0,0\\0,.,0\\0,0,.)\nsvar dy dx dz, aeq(A) bcns(K)", 198, "non-integer element"),
    ("svar dy dx dz, aeq(Q)", 198, "aeq(Q) does not define a matrix"),
    ("matrix C = (1,0\\.,1)\nsvar dy dx dz, aeq(C)", 198, "aeq() matrix does not have the correct row dimension"),
    ("svar", 301, "last estimates not found"),
    ("matrix A3 = (.,.,.\\.,.,.\\.,.,1)\nsvar dy dx dz, aeq(A3)", 498,
     "the constraints are not sufficient for identification")])
def test_svar_errors(do, text, code, message):
    rc, printed, _ = do(SETUP + text, DATA.copy())
    assert rc == code and message in printed, printed


def test_long_run_model_is_the_cholesky_factor_of_the_long_run_covariance(do):
    """lreq() with C lower triangular: C C' = Abar^-1 Sigma Abar^-1', Abar = I - A_1 - A_2 from
    the underlying var's coefficients; B = Abar C reproduces Sigma."""
    printed, s = _run(do, "matrix C = (.,0,0\\.,.,0\\.,.,.)\nsvar dy dx dz, lreq(C)")
    e = s.e
    k = 3
    bvar = e.matrices["b_var"].values.reshape(k, -1)
    abar = np.eye(k) - (bvar[:, 0:6:2] + bvar[:, 1:6:2])  # lags 1 and 2 of each variable
    np.testing.assert_allclose(e.matrices["A1"].values, abar, rtol=1e-10)
    S = e.matrices["Sigma"].values
    Ai = np.linalg.inv(abar)
    np.testing.assert_allclose(e.matrices["C"].values, np.linalg.cholesky(Ai @ S @ Ai.T), atol=1e-7)
    B = e.matrices["B"].values
    np.testing.assert_allclose(B @ B.T, S, atol=1e-8)
    assert "Estimating long-run parameters" in printed and " ( 1)  [c_1_2]_cons = 0" in printed
    assert "      /c_1_2 |          0  (constrained)" in printed and e.macros["lrmodel"] == "lrmodel"
    rc, out, _ = do(SETUP + "matrix C = (.,0,0\\.,.,0\\.,.,.)\nsvar dy dx dz, lreq(C) aeq(A)", DATA.copy())
    assert rc == 198 and "short-run and long-run constraints may not both be specified" in out


def _irf_frame(s):
    from mlmcli.commands.postestimation.irf_file import IrfFile

    return IrfFile.load(s.irf_active.path).frame


def test_irf_create_after_svar_sirf(do, tmp_path):
    """The recursive model's A^-1 B is the Cholesky factor, so sirf and its standard errors are
    oirf's (checked against Lutkepohl's closed forms in tests/test_var.py); sfevd then is fevd."""
    _, s = _run(do, f"quietly svar dy dx dz, aeq(A) beq(B)\nirf create s1, set({tmp_path / 'f'}) step(6)")
    frame = _irf_frame(s)
    np.testing.assert_allclose(frame.sirf, frame.oirf, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(frame.stdsirf, frame.stdoirf, rtol=1e-4, atol=1e-8)
    np.testing.assert_allclose(frame.sfevd, frame.fevd, rtol=1e-6, atol=1e-9)
    assert s.irf_active.meta["s1"]["model"] == "svar"


def test_long_run_sirf_accumulates_to_c(do, tmp_path):
    """In the long-run model the cumulated structural responses tend to C = Abar^-1 B."""
    _, s = _run(do, f"matrix C = (.,0,0\\.,.,0\\.,.,.)\nquietly svar dy dx dz, lreq(C)\n"
                    f"irf create lr, set({tmp_path / 'g'}) step(200)")
    frame = _irf_frame(s)
    C = s.e.matrices["C"].values
    names = ["dy", "dx", "dz"]
    for i, resp in enumerate(names):
        for j, imp in enumerate(names):
            rows = frame[(frame.impulse == imp) & (frame.response == resp)]
            assert rows.sirf.sum() == pytest.approx(C[i, j], abs=1e-6)


def test_var_postestimation_after_svar(do):
    """The var tests run on svar's underlying var; varnorm orthogonalizes the residuals by
    A^-1 B (here the long-run model's B, A = I) unless cholesky."""
    _, s = _run(do, "matrix C = (.,0,0\\.,.,0\\.,.,.)\nquietly svar dy dx dz, lreq(C)\nvarnorm, skewness")
    resid = s.e.model.resid
    P = np.linalg.solve(s.e.matrices["A"].values, s.e.matrices["B"].values)
    w = np.linalg.solve(P, resid.T).T
    np.testing.assert_allclose(s.r["skewness"].values[:3, 0], (w ** 3).mean(axis=0), rtol=1e-8)
    _, s2 = _run(do, "matrix C = (.,0,0\\.,.,0\\.,.,.)\nquietly svar dy dx dz, lreq(C)\nvarnorm, skewness cholesky")
    _, s3 = _run(do, "quietly var dy dx dz\nvarnorm, skewness")
    np.testing.assert_allclose(s2.r["skewness"].values, s3.r["skewness"].values, rtol=1e-12)
    _, s4 = _run(do, "quietly svar dy dx dz, aeq(A) beq(B)\nvarstable")
    _, s5 = _run(do, "quietly var dy dx dz\nvarstable")
    np.testing.assert_allclose(s4.r["Modulus"].values, s5.r["Modulus"].values, rtol=1e-12)


def test_cross_parameter_constraints(do):
    """bcns(): zeros fix elements, equal integers make them equal -- here one common diagonal of
    B; the optimum of the likelihood written here along the free directions."""
    printed, s = _run(do, "matrix K = (1,0,0\\0,1,0\\0,0,1)\nsvar dy dx dz, aeq(A) bcns(K)")
    e = s.e
    p = e.matrices["b"].values.ravel()
    Bm = e.matrices["B"].values
    assert Bm[0, 0] == pytest.approx(Bm[1, 1], rel=1e-12) and Bm[1, 1] == pytest.approx(Bm[2, 2], rel=1e-12)
    assert e.scalars["oid_df"] == 2 and e.scalars["N_cns"] == 14
    lines = printed.split("\n")  # the zeros first, then the equalities (_svar_cnsmac)
    assert " ( 7)  [b_1_2]_cons = 0" in lines and " (13)  [b_1_1]_cons - [b_2_2]_cons = 0" in lines
    S, T = e.matrices["Sigma"].values, e.scalars["N"]
    diag = np.zeros_like(p)
    diag[[9, 13, 17]] = 1.0  # b_1_1, b_2_2, b_3_3 together
    directions = [diag] + [np.eye(18)[j] for j in (1, 2, 5)]  # and a_2_1, a_3_1, a_3_2
    for d in directions:
        slope = (_loglik(p + 1e-5 * d, S, T) - _loglik(p - 1e-5 * d, S, T)) / 2e-5
        assert abs(slope) < 1e-4
    se = np.sqrt(np.diag(e.matrices["V"].values))
    assert se[9] == pytest.approx(se[13]) and se[9] > 0


def test_fcast_compute_after_svar_is_the_underlying_vars(do):
    _, s1 = _run(do, "quietly svar dy dx dz, aeq(A) beq(B)\nfcast compute f_, step(3)")
    _, s2 = _run(do, "quietly var dy dx dz\nfcast compute f_, step(3)")
    for v in ("f_dy", "f_dx_SE", "f_dz_UB"):
        np.testing.assert_allclose(s1.data.numeric(v), s2.data.numeric(v), rtol=1e-12, equal_nan=True)
