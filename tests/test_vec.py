"""vecrank and vec: numbers against R (tests/vec_reference/vec_reference.R: urca's ca.jo/cajorls
and a first-principles reduced-rank regression for the trends urca lacks), layouts against the
ado files' columns (vecrank.ado's Disp, vec.ado's DISPRMSE, _vecauxdisp.ado) and Stata 10-13
logs of vec, errors against _vecu.ado's messages."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "vec_reference"
DATA = pd.read_csv(HERE / "vec_data.csv").astype(float)
REF = json.loads((HERE / "vec_reference.json").read_text())
TRENDS = ("none", "rconstant", "constant", "rtrend", "trend")


def _run(do, text, data=None):
    rc, printed, s = do("tsset t\n" + text, (DATA if data is None else data).copy())
    assert rc == 0, printed
    return printed, s


def _fails(do, text, data=None):
    rc, printed, _ = do("tsset t\n" + text, (DATA if data is None else data).copy())
    return rc, printed


@pytest.mark.parametrize("trend", TRENDS)
def test_vecrank_statistics_against_r(do, trend):
    _, s = _run(do, f"vecrank y x z, trend({trend})")
    e, ref = s.e, REF[trend]
    np.testing.assert_allclose(e.matrices["lambda"].values.ravel(), ref["lambda"], rtol=1e-8)
    np.testing.assert_allclose(e.matrices["trace"].values.ravel(), ref["trace"], rtol=1e-8)
    np.testing.assert_allclose(e.matrices["max"].values.ravel(), ref["max"], rtol=1e-8)
    np.testing.assert_allclose(e.matrices["ll"].values.ravel(), ref["ll"], rtol=1e-10)
    np.testing.assert_allclose(e.matrices["k_rank"].values.ravel(), ref["parms"])
    T, ll, parms = 158, np.asarray(ref["ll"]), np.asarray(ref["parms"])
    np.testing.assert_allclose(e.matrices["sbic"].values.ravel(), (-2 * ll + np.log(T) * parms) / T, rtol=1e-10)
    if "urca_lambda" in ref:  # urca's own estimator agrees
        np.testing.assert_allclose(e.matrices["lambda"].values.ravel(), ref["urca_lambda"], rtol=1e-7)
        np.testing.assert_allclose(e.matrices["trace"].values.ravel(), ref["urca_trace"], rtol=1e-6)
    assert e.scalars["N"] == 158 and e.scalars["n_lags"] == 2 and e.macros["trend"] == trend


def test_vecrank_layout_and_rank_selection(do):
    printed, s = _run(do, "vecrank y x z")
    e = s.e
    # the trace statistics 62.995, 21.067, 0.184 against 29.68, 15.41, 3.76 at 5% and 35.65,
    # 20.04, 6.65 at 1% (Osterwald-Lenum, trend constant): rank 2 is the first not rejected
    assert e.scalars["k_ce95"] == 2 and e.scalars["k_ce99"] == 2
    lines = printed.split("\n")
    i = lines.index(" " * 23 + "Johansen tests for cointegration")
    assert lines[i + 1] == "Trend: constant" + " " * 41 + "Number of obs =     158"
    assert lines[i + 2] == "Sample:  3 - 160" + " " * 49 + "Lags =       2"
    assert lines[i + 3] == "-" * 79
    assert lines[i + 4] == " " * 57 + "5%"
    assert lines[i + 5] == "maximum                                      trace    critical"
    assert lines[i + 6] == "  rank    parms       LL       eigenvalue  statistic    value"
    # the rank-0 row's eigenvalue is a missing value (a published Statalist vecrank log: "0 90
    # 2271.8509 . 280.5480 192.89")
    assert lines[i + 7] == "    0      12      -681.7432           .     62.9953    29.68"
    assert lines[i + 9].endswith("0.12381      0.1842*    3.76")
    assert lines[i + 10].rstrip().endswith("0.00117") and lines[i + 11] == "-" * 79


def test_vecrank_max_ic_levela(do):
    printed, s = _run(do, "vecrank y x z, max ic levela notrace")
    assert "trace" not in printed.split("Lags =")[1].split("\n")[2]
    assert "maximum                                       max      5% critical  1% critical" in printed
    assert "  rank    parms       LL       eigenvalue     SBIC       HQIC       AIC" in printed
    sbic = s.e.matrices["sbic"].values.ravel()
    assert s.e.scalars["k_cesbic"] == int(np.argmin(sbic))
    printed, _ = _run(do, "vecrank y x z, levela")
    assert "0.1842*1*5   3.76         6.65" in printed and "21.0667      15.41" in printed


@pytest.mark.parametrize("trend", TRENDS)
def test_vec_against_r(do, trend):
    _, s = _run(do, f"vec y x z, trend({trend})")
    e, ref = s.e, REF[trend]["vec"]
    K = 3
    b = e.matrices["b"].values.ravel()
    m = len(b) // K
    np.testing.assert_allclose(b, np.asarray(ref["b"]).reshape(m, K).T.ravel(), rtol=1e-7, atol=1e-10)
    np.testing.assert_allclose(np.sqrt(np.diag(e.matrices["V"].values)), ref["se"], rtol=1e-7)
    np.testing.assert_allclose(e.matrices["beta"].values.ravel(), ref["beta"], rtol=1e-7, atol=1e-10)
    se_beta = np.sqrt(np.diag(e.matrices["V_beta"].values))
    np.testing.assert_allclose(se_beta[1:1 + len(ref["beta_se"])], ref["beta_se"], rtol=1e-7)
    np.testing.assert_allclose(e.matrices["alpha"].values.ravel(), ref["alpha"], rtol=1e-7)
    assert e.scalars["ll"] == pytest.approx(ref["ll"][0], rel=1e-10)
    assert e.scalars["detsig_ml"] == pytest.approx(ref["detsig_ml"][0], rel=1e-8)
    assert e.scalars["k_rank"] == ref["parms"]
    np.testing.assert_allclose([e.scalars[f"rmse_{i}"] for i in (1, 2, 3)], ref["rmse"], rtol=1e-8)
    if "urca_beta" in REF[trend]:  # cajorls's normalized beta (without the constant it adds)
        np.testing.assert_allclose(e.matrices["betavec"].values.ravel(), REF[trend]["urca_beta"], rtol=1e-6)


def test_vec_layout(do):
    printed, s = _run(do, "vec y x z")
    lines = printed.split("\n")
    i = lines.index("Vector error-correction model")
    assert lines[i + 2] == "Sample:  3 - 160" + " " * 35 + "No. of obs      =       158"
    assert lines[i + 3].startswith(" " * 51 + "AIC             = ")
    assert lines[i + 4].startswith("Log likelihood = ")
    assert lines[i + 7] == "Equation           Parms      RMSE     R-sq      chi2     P>chi2"
    assert lines[i + 9].startswith("D_y                   5     1.09261")
    assert "Cointegrating equations" in lines
    j = lines.index("Cointegrating equations")
    assert lines[j + 2] == "Equation           Parms    chi2     P>chi2"
    assert lines[j + 4].startswith("_ce1                  2   ")
    assert lines[j + 7] == "Identification:  beta is exactly identified"
    assert lines[j + 9] == " " * 17 + "Johansen normalization restriction imposed"
    assert any(ln.startswith("           y |          1          .        .       .            .           .")
               for ln in lines)
    assert e_names(s)[:3] == ("D_y:L._ce1", "D_y:LD.y", "D_y:LD.x")


def e_names(s):
    return s.e.matrices["b"].colnames


def test_vec_chi2_and_r2_follow_qsur(do):
    """Each equation's chi2 tests every regressor, the constant too, and R-sq is uncentered
    (regress, noconstant on a design holding the constant), as the Stata logs' R-sq near 1."""
    _, s = _run(do, "vec y x z")
    e = s.e
    b, V = e.matrices["b"].values.ravel(), e.matrices["V"].values
    m = 5
    chi2 = b[:m] @ np.linalg.solve(V[:m, :m], b[:m])
    assert e.scalars["chi2_1"] == pytest.approx(chi2, rel=1e-10)
    assert e.scalars["df_m1"] == m


def test_vec_alpha_and_pi_tables(do):
    printed, s = _run(do, "vec y x z, alpha pi nobtable")
    assert "Adjustment parameters" in printed and "Impact parameters" in printed
    assert "Cointegrating equations" not in printed
    pi = s.e.matrices["pi"].values.ravel().reshape(3, 3)
    alpha = s.e.matrices["alpha"].values.ravel()[:, None]
    beta = s.e.matrices["betavec"].values.ravel()[None, :]
    np.testing.assert_allclose(pi, alpha @ beta, rtol=1e-12)


@pytest.mark.parametrize("text, code, message", [
    ("vec y x z, rank(3)", 498, "rank() must be less than 3"),
    ("vec y x z, trend(quad)", 198, "trend(quad) is not a valid trend specification"),
    ("vec y x z, bconstraints(1)", 198, "bconstraints() of vec is not implemented"),
    ("vec y x z, iterate(5)", 198, "iterate() cannot be specified when no constraints() are specified"),
    ("vecrank y x z, seasonal", 198, "seasonal of vec and vecrank is not implemented"),
    ("vec y x z if t != 50", 498, "the sample has gaps"),
    ("vec y", 102, "too few variables specified"),
    ("vec", 301, "vec results not found"),
    ("vecrank", 301, "vecrank results not found"),
    ("vec y x z, mai", 198, "mai of vec is not implemented"),
    ("vec y x z, pi noptable", 198, "pi cannot be specified with noptable"),
    ("quietly regress y x\nvecnorm", 498, "vecnorm only works after vec"),
    ("veclmar", 498, "e(sample) not found"),
    ("vecstable", 498, "vecstable only works after vec"),
    ("quietly vec y x z\nvecstable, estimates(nosuch)", 111, "estimation result nosuch not found"),
    ("quietly vec y x z\nveclmar, usece(x)", 198, "usece() of veclmar is not implemented")])
def test_vec_errors(do, text, code, message):
    rc, printed = _fails(do, text)
    assert rc == code and message in printed, printed


def test_predict_after_vec(do):
    """ce is beta'(y, _trend, _cons); xb + residuals is D.y; the residuals on e(sample) are the
    fit's; levels is xb + L.y (vec_p_w.ado)."""
    printed, s = _run(do, "vec y x z, trend(rtrend)\npredict double ce1, ce\npredict double xb1\n"
                          "predict double r1, residuals\npredict double lv1, levels\npredict double s1, stdp")
    assert "(option xb assumed; fitted values)" in printed
    ds, e = s.data, s.e
    t = ds.numeric("t")
    beta = e.matrices["beta"].values.ravel()  # y x z _trend _cons
    trend = np.maximum(t - 2, 0)  # _trend: 1 at t = 3, the first period of the sample, 0 before
    ce = beta[0] * ds.numeric("y") + beta[1] * ds.numeric("x") + beta[2] * ds.numeric("z") + beta[3] * trend + beta[4]
    np.testing.assert_allclose(ds.numeric("ce1"), ce, rtol=1e-10)
    y = DATA["y"].to_numpy()
    np.testing.assert_allclose(ds.numeric("xb1")[2:] + ds.numeric("r1")[2:], np.diff(y)[1:], rtol=1e-10)
    np.testing.assert_allclose(ds.numeric("r1")[2:], e.model.resid[:, 0], atol=1e-10)
    np.testing.assert_allclose(ds.numeric("lv1")[2:], ds.numeric("xb1")[2:] + y[1:-1], rtol=1e-10)
    assert np.isnan(ds.numeric("xb1")[:2]).all() and np.all(ds.numeric("s1")[2:] > 0)
    rc, printed = _fails(do, "vec y x z\npredict double u, usece(x)")
    assert rc == 198 and "usece() of predict after vec is not implemented" in printed


def test_vecnorm_and_veclmar_on_the_conditional_var(do):
    """vecnorm's statistics from vec's residuals orthogonalized by Omega's Cholesky factor
    (Omega = e(omega), the ML residual covariance); veclmar's first LM statistic from the
    auxiliary regression of D.y on the regressors and the residuals' lag (Johansen's VECM
    residuals: the conditional VAR _vec_postvar fits has the same)."""
    _, s = _run(do, "vec y x z\nvecnorm")
    e = s.e
    resid, omega = e.model.resid, e.matrices["omega"].values
    np.testing.assert_allclose(resid.T @ resid / len(resid), omega, rtol=1e-10)
    w = np.linalg.solve(np.linalg.cholesky(omega), resid.T).T
    skew = (w ** 3).mean(axis=0)
    np.testing.assert_allclose(s.r["skewness"].values[:3, 0], skew, rtol=1e-8)
    _, s = _run(do, "vec y x z\nveclmar, mlag(1)")
    y = DATA[["y", "x", "z"]].to_numpy()
    dy = np.diff(y, axis=0)  # rows t = 2..160
    D, LD = dy[1:], dy[:-1]  # t = 3..160
    beta = s.e.matrices["betavec"].values.ravel()
    full = s.e.matrices["beta"].values.ravel()
    Lce = y[1:-1] @ beta + full[-1]
    u = s.e.model.resid
    Lu = np.vstack([np.zeros((1, 3)), u[:-1]])
    X = np.column_stack([LD, Lce, Lu, np.ones(len(D))])
    res = D - X @ np.linalg.lstsq(X, D, rcond=None)[0]
    T = len(D)
    lm = (T - X.shape[1] - 0.5) * np.log(np.linalg.det(u.T @ u / T) / np.linalg.det(res.T @ res / T))
    assert s.r["lm"].values[0, 1] == pytest.approx(lm, rel=1e-8)


def test_vecstable(do):
    printed, s = _run(do, "vec y x z, lags(3)\nvecstable")
    mods = s.r["Modulus"].values.ravel()
    assert len(mods) == 9 and np.sum(np.abs(mods - 1) < 1e-8) == 2 and np.all(mods[2:] < 1)
    assert "   The VECM specification imposes 2 unit moduli." in printed
    printed, s = _run(do, "vec y x z, rank(2)\nvecstable")
    assert "   The VECM specification imposes a unit modulus." in printed and s.r["unitmod"] == 1


def test_vec_postestimation_on_stored_results(do):
    """estimates(name): the stored vec results are tested while other results are active."""
    _, s = _run(do, "quietly vec y x z, lags(3)\nvecstable\nestimates store v1\nquietly regress y x\n"
                    "vecstable, estimates(v1)")
    assert s.e.cmd == "regress" and np.sum(np.abs(s.r["Modulus"].values.ravel() - 1) < 1e-8) == 2
    _, s2 = _run(do, "quietly vec y x z, lags(3)\nvecnorm, skewness")
    _, s3 = _run(do, "quietly vec y x z, lags(3)\nestimates store v1\nquietly regress y x\n"
                     "vecnorm, estimates(v1) skewness")
    np.testing.assert_allclose(s3.r["skewness"].values, s2.r["skewness"].values, rtol=1e-12)


def test_irf_after_vec_tends_to_the_granger_representation(do, tmp_path):
    """irf create after vec: the simple responses of the levels VAR the VECM implies tend to
    Johansen's C = beta_perp (alpha_perp' Gamma beta_perp)^-1 alpha_perp', Gamma = I - Gamma_1;
    oirf by the Cholesky factor of Omega N/(N - df_m); no standard errors (vecirf_create)."""
    from mlmcli.commands.postestimation.irf_file import IrfFile

    _, s = _run(do, f"quietly vec y x z, rank(1) lags(2)\nirf create v1, set({tmp_path / 'v'}) step(400)")
    e = s.e
    K = 3
    alpha = e.matrices["alpha"].values.reshape(K, 1)
    beta = e.matrices["betavec"].values.reshape(K, 1)
    b = dict(zip(e.matrices["b"].colnames, e.matrices["b"].values.ravel()))
    eqs, ys = ["D_y", "D_x", "D_z"], ["y", "x", "z"]
    G1 = np.array([[b[f"{eq}:LD.{v}"] for v in ys] for eq in eqs])

    def perp(M):
        U, _, _ = np.linalg.svd(M)
        return U[:, M.shape[1]:]

    ap, bp = perp(alpha), perp(beta)
    C = bp @ np.linalg.inv(ap.T @ (np.eye(K) - G1) @ bp) @ ap.T
    frame = IrfFile.load(s.irf_active.path).frame
    last = frame[frame.step == 400]
    for i, resp in enumerate(ys):
        for j, imp in enumerate(ys):
            row = last[(last.impulse == imp) & (last.response == resp)]
            assert row.irf.iloc[0] == pytest.approx(C[i, j], abs=1e-6)
    N, df_m = e.scalars["N"], e.scalars["df_m"]
    P = np.linalg.cholesky(e.matrices["omega"].values * N / (N - df_m))  # vecirf_create scales Omega
    first = frame[frame.step == 0]
    for i, resp in enumerate(ys):
        for j, imp in enumerate(ys):
            assert first[(first.impulse == imp) & (first.response == resp)].oirf.iloc[0] == pytest.approx(P[i, j])
    assert frame.stdirf.isna().all() and s.irf_active.meta["v1"]["model"] == "vec"


def test_sindicators_against_r(do):
    """sindicators(): the indicators enter unrestricted beside the lagged differences (urca's
    ca.jo dumvar; tests/vec_reference/vec_sind_reference.json)."""
    ref = json.loads((HERE / "vec_sind_reference.json").read_text())
    setup = "gen s1 = mod(t, 4) == 1\ngen s2 = mod(t, 4) == 2\ngen s3 = mod(t, 4) == 3\n"
    _, s = _run(do, setup + "vecrank y x z, sindicators(s1 s2 s3)")
    np.testing.assert_allclose(s.e.matrices["lambda"].values.ravel(), ref["lambda"], rtol=1e-7)
    np.testing.assert_allclose(s.e.matrices["trace"].values.ravel(), ref["trace"], rtol=1e-7)
    assert s.e.macros["sindicators"] == "s1 s2 s3"
    printed, s = _run(do, setup + "vec y x z, sindicators(s1 s2 s3)\npredict double r2, residuals equation(#2)")
    e = s.e
    np.testing.assert_allclose(e.matrices["betavec"].values.ravel(), ref["beta"], rtol=1e-6)
    np.testing.assert_allclose(e.matrices["alpha"].values.ravel(), ref["alpha"], rtol=1e-6)
    b = dict(zip(e.matrices["b"].colnames, e.matrices["b"].values.ravel()))
    mine = [b[f"{eq}:{v}"] for v in ("s1", "s2", "s3") for eq in ("D_y", "D_x", "D_z")]
    np.testing.assert_allclose(mine, ref["sind"], rtol=1e-6)
    assert e.macros["covariates"] == "LD.y LD.x LD.z s1 s2 s3"
    np.testing.assert_allclose(s.data.numeric("r2")[2:], e.model.resid[:, 1], atol=1e-10)
    rc, out, _ = do("tsset t\n" + setup + "vec y x z, sindicators(s1) trend(none)", DATA.copy())
    assert rc == 198 and "sindicators() cannot be specified with trend(none)" in out
