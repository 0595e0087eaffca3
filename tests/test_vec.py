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
    assert lines[i + 7].startswith("    0      12     ") and lines[i + 7].endswith("62.9953    29.68")
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


def test_vec_errors(do):
    rc, printed = _fails(do, "vec y x z, rank(3)")
    assert rc == 498 and "rank() must be less than 3" in printed
    rc, printed = _fails(do, "vec y x z, trend(quad)")
    assert rc == 198 and "trend(quad) is not a valid trend specification" in printed
    rc, printed = _fails(do, "vec y x z, bconstraints(1)")
    assert rc == 198 and "bconstraints() of vec is not implemented" in printed
    rc, printed = _fails(do, "vec y x z, iterate(5)")
    assert rc == 198 and "iterate() cannot be specified when no constraints() are specified" in printed
    rc, printed = _fails(do, "vecrank y x z, sindicators(t)")
    assert rc == 198 and "sindicators() of vec and vecrank is not implemented" in printed
    rc, printed = _fails(do, "vec y x z if t != 50")
    assert rc == 498 and "the sample has gaps" in printed
    rc, printed = _fails(do, "vec y")
    assert rc == 102
    rc, printed = _fails(do, "vec")
    assert rc == 301 and "vec results not found" in printed
    rc, printed = _fails(do, "vec y x z, mai")
    assert rc == 198 and "mai of vec is not implemented" in printed
