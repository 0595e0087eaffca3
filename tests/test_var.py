"""var and its postestimation tests: numbers against base R (tests/var_reference/var_reference.R:
lm() per equation, det/chol/eigen; the vars package is not packaged here), layouts against
Stata 13 logs and the ado files' _tab layouts, errors against var.ado's messages."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "var_reference"
DATA = pd.read_csv(HERE / "var_data.csv").astype(float)


def _reference() -> dict:
    out: dict[str, list[float]] = {}
    for line in (HERE / "var_reference.txt").read_text().split("\n"):
        if line.strip():
            key, value = line.split()
            out.setdefault(key.partition("[")[0], []).append(float(value))
    return out


REF = _reference()


def _run(do, text):
    rc, printed, s = do("tsset t\n" + text, DATA.copy())
    assert rc == 0, printed
    return printed, s


def _eq(s, i):
    sc = s.e.scalars
    key = "F" if f"F_{i}" in sc else "chi2"
    return [sc[f"rmse_{i}"], sc[f"r2_{i}"], sc[f"{key}_{i}"] * (sc[f"df_m{i}"] if key == "F" else 1), sc[f"df_m{i}"]]


def _check_fit(s, case, neqs):
    """b, the standard errors, ll, FPE, |Sigma_ml|, the criteria and each equation's summary
    against R's values of ``case``."""
    e = s.e
    np.testing.assert_allclose(e.matrices["b"].values.ravel(), REF[f"{case}_b"], rtol=1e-9)
    np.testing.assert_allclose(np.sqrt(np.diag(e.matrices["V"].values)), REF[f"{case}_se"], rtol=1e-9)
    for key in ("ll", "fpe", "detsig_ml"):
        assert e.scalars[key] == pytest.approx(REF[f"{case}_{key}"][0], rel=1e-9)
    np.testing.assert_allclose([e.scalars[k] for k in ("aic", "hqic", "sbic")], REF[f"{case}_ic"], rtol=1e-9)
    for i in range(1, neqs + 1):
        np.testing.assert_allclose(_eq(s, i), REF[f"{case}_eq{i}"], rtol=1e-9)


def test_var_default_against_r(do):
    _, s = _run(do, "var y1 y2 y3")
    e = s.e
    _check_fit(s, "A", 3)
    assert e.scalars["N"] == 88 and e.scalars["df_eq"] == 7 and e.scalars["mlag"] == 2
    assert e.matrices["b"].colnames[:3] == ("y1:L.y1", "y1:L2.y1", "y1:L.y2")
    assert e.macros["lags"] == "1 2" and e.macros["endog"] == "y1 y2 y3"


def test_var_dfk_small_lutstats_exog_against_r(do):
    _, s = _run(do, "var y1 y2, lags(1 3) exog(x) dfk small lutstats")
    e = s.e
    _check_fit(s, "B", 2)
    assert e.scalars["df_r"] == 87 - 6
    # e(bf): lag 2 not fitted, 0 in its place
    bf = dict(zip(e.matrices["bf"].colnames, e.matrices["bf"].values.ravel()))
    assert bf["y1:L2.y1"] == 0 and bf["y1:L3.y2"] == pytest.approx(REF["B_b"][3], rel=1e-12)


def test_var_noconstant_against_r(do):
    _, s = _run(do, "var y1 y2, lags(1) noconstant")
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), REF["C_b"], rtol=1e-9)
    np.testing.assert_allclose(np.sqrt(np.diag(s.e.matrices["V"].values)), REF["C_se"], rtol=1e-9)
    for i in (1, 2):
        np.testing.assert_allclose(_eq(s, i), REF[f"C_eq{i}"], rtol=1e-9)
    assert s.e.scalars["ll"] == pytest.approx(REF["C_ll"][0], rel=1e-9)
    np.testing.assert_allclose([s.e.scalars[k] for k in ("aic", "hqic", "sbic")], REF["C_ic"], rtol=1e-9)


def test_var_layout(do):
    """Stata 13's header (a published log of var, lags(1/1): ``No. of obs`` at column 52), the
    _vardisprmse summary and the coefficient table's lag groups."""
    printed, _ = _run(do, "var y1 y2, lags(1)")
    lines = printed.split("\n")
    i = lines.index("Vector autoregression")
    assert lines[i + 2].startswith("Sample:  2 - 90") and lines[i + 2][51:] == "No. of obs      =        89"
    assert lines[i + 3].startswith("Log likelihood = ") and lines[i + 3][51:].startswith("AIC             = ")
    assert lines[i + 4].startswith("FPE            = ") and lines[i + 4][51:].startswith("HQIC            = ")
    assert lines[i + 5].startswith("Det(Sigma_ml)  = ") and lines[i + 5][51:].startswith("SBIC            = ")
    assert lines[i + 7] == "Equation           Parms      RMSE     R-sq      chi2     P>chi2"
    assert lines[i + 8] == "-" * 64
    row = lines[i + 9]
    assert row[:17] == "y1" + " " * 15 and row[17:23] == "     3" and len(row) == 64
    assert "          y1 |" in lines and "         L1. |" in printed


def test_var_lutstats_and_small_header(do):
    printed, _ = _run(do, "var y1 y2, lutstats small")
    line = next(ln for ln in printed.split("\n") if ln.startswith("Log likelihood"))
    assert line[37:47] == "(lutstats)"
    assert "Equation           Parms      RMSE     R-sq         F      P > F" in printed
    assert "P>|t|" in printed


@pytest.mark.parametrize("text,message,rc", [
    ("var y1 y2, constraints(1)", "option constraints() of var is not implemented in mlmcli", 198),
    ("var y1 y2, nolog", "log and nolog cannot be specified without constraints()", 198),
    ("var y1 y2, iterate(5)", "iterate() cannot be specified without constraints()", 198),
    ("var y1 y2, lags(0)", "lags() invalid -- invalid numlist has elements outside of allowed range", 125),
    ("var y1 nosuch", "variable nosuch not found", 111),
])
def test_var_errors(do, text, message, rc):
    got, printed, s = do("tsset t\n" + text, DATA.copy())
    assert got == rc and message in printed


def test_var_needs_tsset(do):
    rc, printed, _ = do("var y1 y2", DATA.copy())
    assert rc == 111 and "time variable not set" in printed


def test_var_replay(do):
    printed, _ = _run(do, "quietly var y1 y2\nvar")
    assert printed.count("Vector autoregression") == 1


# ---------------------------------------------------------------- postestimation
def test_vargranger_against_r(do):
    printed, s = _run(do, "quietly var y1 y2 y3\nvargranger")
    g = s.r["gstats"].values
    want = [REF[f"A_granger_{i}_{j}"][0] for i in (1, 2, 3) for j in [*[k for k in (1, 2, 3) if k != i], "all"]]
    np.testing.assert_allclose(g[:, 0], want, rtol=1e-9)
    assert list(g[:, 1]) == [2, 2, 4] * 3
    lines = printed.split("\n")
    i = lines.index("   Granger causality Wald tests")
    assert lines[i + 1] == "  +" + "-" * 66 + "+"
    assert lines[i + 2] == "  |          Equation           Excluded |   chi2     df Prob > chi2 |"
    assert lines[i + 4].startswith("  |                y1                 y2 |") and len(lines[i + 4]) == 70
    assert lines[i + 7] == "  |" + "-" * 38 + "+" + "-" * 27 + "|"  # a rule after each equation


def test_varstable_against_r(do):
    printed, s = _run(do, "quietly var y1 y2 y3\nvarstable")
    np.testing.assert_allclose(s.r["Modulus"].values.ravel(), REF["A_eig_mod"], rtol=1e-9)
    assert "  |        Eigenvalue        |   Modulus   |" in printed
    assert "   All the eigenvalues lie inside the unit circle.\n   VAR satisfies stability condition." in printed
    row = next(ln for ln in printed.split("\n") if "i  |" in ln)
    assert len(row) == 44 and row[15] in "+-" and row[29] == "|"


def test_varwle_against_r(do):
    _, s = _run(do, "quietly var y1 y2 y3\nvarwle")
    chi2 = s.r["chi2"].values
    for a, lag in enumerate((1, 2)):
        want = [REF[f"A_wle_{lag}_{i}"][0] for i in (1, 2, 3)] + REF[f"A_wle_{lag}_all"]
        np.testing.assert_allclose(chi2[a], want, rtol=1e-9)
    assert list(s.r["df"].values[0]) == [3, 3, 3, 9]


def test_varnorm_against_r(do):
    _, s = _run(do, "quietly var y1 y2 y3\nvarnorm")
    T = 88
    sk, ku = np.asarray(REF["A_skew"]), np.asarray(REF["A_kurt"])
    np.testing.assert_allclose(s.r["skewness"].values[:3, 0], sk, rtol=1e-9)
    np.testing.assert_allclose(s.r["kurtosis"].values[:3, 0], ku, rtol=1e-9)
    jb = T * (sk ** 2 / 6 + (ku - 3) ** 2 / 24)
    np.testing.assert_allclose(s.r["jb"].values[:, 0], [*jb, jb.sum()], rtol=1e-9)
    # dfk: e(Sigma) with divisor T - m orthogonalizes the residuals, and a note says so
    printed, s = _run(do, "quietly var y1 y2, lags(1 3) exog(x) dfk small lutstats\nvarnorm, skewness kurtosis")
    np.testing.assert_allclose(s.r["skewness"].values[:2, 0], REF["B_skew"], rtol=1e-9)
    np.testing.assert_allclose(s.r["kurtosis"].values[:2, 0], REF["B_kurt"], rtol=1e-9)
    assert "Jarque-Bera test" not in printed and printed.rstrip().endswith("dfk estimator used in computations")


def test_varlmar_against_r(do):
    printed, s = _run(do, "quietly var y1 y2 y3\nvarlmar")
    np.testing.assert_allclose(s.r["lm"].values[:, 1], REF["A_lmar_1"] + REF["A_lmar_2"], rtol=1e-9)
    assert "   H0: no autocorrelation at lag order" in printed
    rc, printed, _ = do("tsset t\nquietly var y1 y2\nvarlmar, mlag(0)", DATA.copy())
    assert rc == 198 and "mlag() must be a strictly positive integer" in printed


def test_varsoc_against_r_and_layout(do):
    printed, s = _run(do, "varsoc y1 y2 y3")
    stats = s.r["stats"].values
    for p in range(5):
        ll, fpe, aic, hq, sb = REF[f"D_{p}"]
        np.testing.assert_allclose(stats[p, [1, 5, 6, 7, 8]], [ll, fpe, aic, hq, sb], rtol=1e-9)
    lr = 2 * (stats[1:, 1] - stats[:-1, 1])
    np.testing.assert_allclose(stats[1:, 2], lr, rtol=1e-12)
    assert s.r["N"] == 86
    lines = printed.split("\n")
    i = lines.index("   Selection-order criteria")
    assert lines[i + 1].startswith("   Sample:  5 - 90") and lines[i + 1][48:] == "Number of obs      =        86"
    assert lines[i + 3] == "  |lag |    LL      LR      df    p      FPE       AIC      HQIC      SBIC    |"
    # lag 1 has the smallest criteria here: the stars at their columns
    row1 = lines[i + 6]
    assert len(row1) == 79 and row1[46] == "*" and row1[56] == "*" and row1[66] == "*" and row1[76] == "*"
    assert lines[i + 11] == "   Endogenous:  y1 y2 y3" and lines[i + 12] == "    Exogenous:  _cons"


def test_varsoc_after_var_uses_its_sample(do):
    _, s = _run(do, "quietly var y1 y2 y3, lags(1/4)\nvarsoc")
    np.testing.assert_allclose(s.r["stats"].values[2, 1], REF["D_2"][0], rtol=1e-9)


@pytest.mark.parametrize("text,message", [
    ("varstable, graph pgrid(5)", "option pgrid() of varstable is not implemented in mlmcli"),  # graph: test_var_graphs
    ("varstable, amat(A)", "option amat() of varstable is not implemented in mlmcli"),
    ("varnorm, cholesky", "cholesky cannot be specified after var"),
])
def test_postestimation_refusals(do, text, message):
    rc, printed, _ = do("tsset t\nquietly var y1 y2\n" + text, DATA.copy())
    assert rc == 198 and message in printed


def test_postestimation_needs_var(do):
    rc, printed, _ = do("tsset t\nvargranger", DATA.copy())
    assert rc == 301


# ---------------------------------------------------------------- fcast compute
def test_fcast_compute_against_r(do):
    _, s = _run(do, "quietly var y1 y2\nfcast compute f_, step(5)")
    ds = s.data
    t = ds.numeric("t")
    assert len(t) == 95
    new = t > 90
    for j, y in enumerate(("y1", "y2"), start=1):
        np.testing.assert_allclose(ds.numeric(f"f_{y}")[new], REF[f"E_f{j}"], rtol=1e-9)
        np.testing.assert_allclose(ds.numeric(f"f_{y}_SE")[new], REF[f"E_se{j}"], rtol=1e-9)
        lb, ub, f = ds.numeric(f"f_{y}_LB")[new], ds.numeric(f"f_{y}_UB")[new], ds.numeric(f"f_{y}")[new]
        np.testing.assert_allclose((ub - lb) / 2, 1.959963984540054 * np.asarray(REF[f"E_se{j}"]), rtol=1e-9)
        np.testing.assert_allclose((ub + lb) / 2, f, rtol=1e-12)
        # the last observed value carries into the forecast variable; earlier rows are missing
        assert ds.numeric(f"f_{y}")[t == 90][0] == ds.numeric(y)[t == 90][0]
        assert np.isnan(ds.numeric(f"f_{y}")[t < 90]).all()
    assert [v for v in ds.varnames if v.startswith("f_")] == [
        "f_y1", "f_y2", "f_y1_LB", "f_y1_UB", "f_y1_SE", "f_y2_LB", "f_y2_UB", "f_y2_SE"]
    assert ds.var_labels["f_y1"] == "f_y1, dyn(91)" and ds.var_labels["f_y2_SE"] == "SE for f_y2"


def test_fcast_compute_notes_and_errors(do):
    printed, s = _run(do, "quietly var y1 y2, exog(x)\nfcast compute g_, step(2) dynamic(80)")
    assert "since 80 is in the estimation sample, nose is implicitly specified" in printed
    assert "g_y1_SE" not in s.data.varnames
    rc, printed, s = do("tsset t\nquietly var y1 y2\nfcast compute f_\nfcast compute f_", DATA.copy())
    assert rc == 110 and "f_y1 already defined" in printed
    rc, printed, _ = do("tsset t\nquietly var y1 y2\nfcast compute f_, dynamic(95)", DATA.copy())
    assert rc == 198 and "forecast must begin no later than one period after estimation period" in printed
    rc, printed, _ = do("tsset t\nquietly var y1 y2\nfcast graph f_y1", DATA.copy())
    assert rc == 111 and "variable f_y1 not found" in printed  # fcast graph: tests/test_var_graphs.py


def test_postestimation_estimates_option(do):
    _, s = _run(do, "quietly var y1 y2 y3\nestimates store full\nquietly var y1 y2, lags(1)\n"
                    "vargranger, estimates(full)\nvarsoc, estimates(full) maxlag(4)")
    # varsoc on the stored model's sample (t = 3..90), its lags 1..4 refitted there
    assert s.r["N"] == 86 and s.r["stats"].values.shape == (5, 9)
    rc, printed, _ = do("tsset t\nquietly var y1 y2\nvarwle, estimates(nosuch)", DATA.copy())
    assert rc == 111 and "cannot restore estimates(nosuch)" in printed
    rc, printed, _ = do("tsset t\nvarsoc y1 y2, rmexog", DATA.copy())
    assert rc == 198 and "rmexog can only be specified with estimates()" in printed


def test_varsoc_after_var_restricts_to_e_sample(do):
    _, s = _run(do, "quietly var y1 y2 y3 in 1/60, lags(1/4)\nvarsoc")
    assert s.r["N"] == 56


def test_fcast_compute_from_stored_results(do):
    _, s = _run(do, "quietly var y1 y2\nestimates store two\nquietly var y1 y2 y3, lags(1)\n"
                    "fcast compute f_, step(5) estimates(two)")
    new = s.data.numeric("t") > 90
    np.testing.assert_allclose(s.data.numeric("f_y1")[new], REF["E_f1"], rtol=1e-9)
    assert "f_y3" not in s.data.varnames


# ---------------------------------------------------------------- irf
def _irf_frame(s):
    return s.irf_active.frame


def test_irf_create_against_r(do, tmp_path):
    _, s = _run(do, f"quietly var y1 y2\nirf set {tmp_path / 'r1'}\nirf create base, step(4)")
    f = _irf_frame(s)
    assert (tmp_path / "r1.irf").exists()
    for step in range(5):
        at = f[f["step"] == step]
        for col, stat in (("irf", "irf"), ("stdirf", "sirf"), ("oirf", "oirf"), ("stdoirf", "soirf")):
            # R's vec order: (response r, impulse k) at (k - 1) K + r
            got = [at[(at["impulse"] == imp) & (at["response"] == resp)][col].iloc[0]
                   for imp in ("y1", "y2") for resp in ("y1", "y2")]
            np.testing.assert_allclose(got, REF[f"F_{stat}_{step}"], rtol=1e-6, atol=1e-9)
    at = f[f["step"] == 4]
    got = [at[(at["impulse"] == imp) & (at["response"] == resp)]["fevd"].iloc[0]
           for imp in ("y1", "y2") for resp in ("y1", "y2")]
    # R's fevd vector: (response r, impulse k) at (k - 1) K + r
    np.testing.assert_allclose(got, REF["F_fevd_4"], rtol=1e-9)
    got = [at[(at["impulse"] == imp) & (at["response"] == resp)]["stdfevd"].iloc[0]
           for imp in ("y1", "y2") for resp in ("y1", "y2")]
    np.testing.assert_allclose(got, REF["F_sfevd_4"], rtol=1e-5)


def test_irf_table_layout(do, tmp_path):
    printed, _ = _run(do, f"set linesize 80\nquietly var y1 y2\nirf set {tmp_path / 'r2'}\n"
                          "irf create base, step(4)\nirf table oirf fevd, impulse(y1) response(y2)")
    lines = printed.split("\n")
    i = lines.index("+--------+-----------------------------------+")  # one 3-column block a table
    assert lines[i + 1] == "|        |    (1)         (1)         (1)    |"
    assert lines[i + 2] == "|  step  |   oirf       Lower       Upper    |"
    assert lines[i + 3] == "|--------+-----------------------------------|"
    assert lines[i + 4].startswith("|0       | -.124944") and lines[i + 4].endswith("|") and len(lines[i + 4]) == 46
    assert "95% lower and upper bounds reported" in lines
    assert "(1) irfname = base, impulse = y1, and response = y2" in lines
    assert printed.count("|  step  |   fevd       Lower       Upper    |") == 1


def test_irf_ctable_and_errors(do, tmp_path):
    printed, _ = _run(do, f"quietly var y1 y2\nirf set {tmp_path / 'r3'}\nirf create base, step(4)\n"
                          "irf ctable (base y1 y2 oirf, noci) (base y2 y2 irf, noci stderror)")
    assert "|  step  |   oirf    |   irf         S.E.    |" in printed
    assert "(2) irfname = base, impulse = y2, and response = y2" in printed
    assert "lower and upper bounds reported" not in printed
    rc, printed, _ = do(f"tsset t\nquietly var y1 y2\nirf set {tmp_path / 'r4'}\nirf create base\n"
                        "irf create base", DATA.copy())
    assert rc == 498 and "irfname base already exists" in printed
    rc, printed, _ = do("tsset t\nquietly var y1 y2\nirf create base", DATA.copy())
    assert rc == 198 and "no irf file active" in printed
    rc, printed, _ = do(f"tsset t\nquietly var y1 y2\nirf set {tmp_path / 'r5'}\nirf create b\n"
                        "irf table sirf", DATA.copy())
    assert rc == 111 and "variable sirf not found" in printed  # no svar results in the file (sirf: test_svar.py)
    rc, printed, _ = do("tsset t\nirf graph oirf", DATA.copy())
    assert rc == 198 and "no irf file active" in printed  # irf graph: tests/test_var_graphs.py


def test_varbasic_nograph(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    printed, s = _run(do, "varbasic y1 y2, nograph step(4)")
    assert "Vector autoregression" in printed and "(file" not in printed  # varirf create is captured
    assert s.e.macros["cmdline"].startswith("varbasic y1 y2") and s.e.cmd == "var"
    f = _irf_frame(s)
    at = f[(f["step"] == 1) & (f["impulse"] == "y1") & (f["response"] == "y2")]
    assert at["irf"].iloc[0] == pytest.approx(REF["F_irf_1"][1], rel=1e-9)
    assert (tmp_path / "_varbasic.irf").exists()
    rc, printed, s = do("tsset t\nvarbasic y1 y2, fevd step(4)", DATA.copy())  # varirf graph fevd
    assert rc == 0 and s.r["stats"] == "fevd" and s.r["k"] == 4 and s.graphs
    rc, printed, _ = do("tsset t\nvarbasic y1 y2, irf fevd", DATA.copy())
    assert rc == 198 and "more than one statistic specified" in printed


def test_var_exog_collinear_with_depvars_and_varsoc_maxlag(do):
    rc, printed, _ = do("tsset t\nvar y1 y2, exog(y1)", DATA.copy())
    assert rc == 198 and "the exogenous variables may not be collinear with the dependent variables" in printed
    rc, printed, _ = do("tsset t\nvarsoc y1 y2, maxlag(100)", DATA.copy())
    assert rc == 198 and "maxlag(100) not feasible with 90 observations" in printed


def test_predict_after_var(do):
    printed, s = _run(do, "quietly var y1 y2\npredict f1\npredict r2, residuals equation(y2)\n"
                          "predict s1, stdp eq(#1)")
    assert "(option xb assumed; fitted values)" in printed
    ds = s.data
    t = ds.numeric("t")
    y1, y2 = ds.numeric("y1"), ds.numeric("y2")
    lag = lambda v, k: np.concatenate([np.full(k, np.nan), v[:-k]])  # noqa: E731
    X = np.column_stack([lag(y1, 1), lag(y1, 2), lag(y2, 1), lag(y2, 2), np.ones(len(t))])
    B = s.e.matrices["b"].values.reshape(2, -1)  # e(b) itself is checked against R above
    np.testing.assert_allclose(ds.numeric("f1")[2:], (X @ B[0])[2:], rtol=1e-6)
    np.testing.assert_allclose(ds.numeric("r2")[2:], (y2 - X @ B[1])[2:], rtol=1e-5, atol=1e-6)
    V = s.e.matrices["V"].values[:5, :5]
    np.testing.assert_allclose(ds.numeric("s1")[2:], np.sqrt(np.einsum("ij,jk,ik->i", X, V, X))[2:], rtol=1e-6)
    assert np.isnan(ds.numeric("f1")[:2]).all() and ds.var_labels["r2"] == "Residuals"
    rc, printed, _ = do("tsset t\nquietly var y1 y2\npredict z, equation(#3)", DATA.copy())
    assert rc == 303 and "equation #3 not found" in printed
    rc, printed, _ = do("tsset t\nquietly var y1 y2\npredict z, xb stdp", DATA.copy())
    assert rc == 198 and "more than one statistic specified" in printed
