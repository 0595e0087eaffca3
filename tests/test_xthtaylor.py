"""xthtaylor (Hausman-Taylor, Amemiya-MaCurdy) against an independent computation in R
(tests/reference_values/xthtaylor_reference.R: plm's estimators on balanced panels, the
estimator by hand in R matrices on an unbalanced subsample); the layout of [XT] xthtaylor's
example 1 on the same PSID extract (xthtaylor.ado's Replay); replay; predict; errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = Path(__file__).parent / "reference_values"
MODEL = "xthtaylor y x1a x1b x2 z1 z2"


@pytest.fixture(scope="module")
def panels():
    return pd.read_csv(REF / "xthtaylor_panels.csv")


@pytest.fixture(scope="module")
def reference():
    return json.loads((REF / "xthtaylor_reference.json").read_text())


def _coefs(s):
    return s.e.matrices["b"].values.ravel(), np.sqrt(np.diag(s.e.matrices["V"].values))


@pytest.mark.parametrize("key, options, condition", [
    ("ht", "endog(x2 z2)", ""), ("am", "endog(x2 z2) amacurdy", ""), ("unbalanced", "endog(x2 z2)", " if keep"),
    ("fweights", "endog(x2 z2)", " [fw=w]")])
def test_estimates_match_r(do, panels, reference, key, options, condition):
    df = panels.copy()
    df["w"] = 1 + df["id"] % 3  # constant within panels: R fits the panels repeated w times
    rc, out, s = do(f"xtset id t\n{MODEL}{condition}, {options}", df)
    assert rc == 0, out
    ref = reference[key]
    b, se = _coefs(s)
    assert list(s.e.matrices["b"].colnames) == reference["names"]
    assert np.allclose(b, ref["b"], rtol=1e-8, atol=1e-10)
    assert np.allclose(se, ref["se"], rtol=1e-8)
    assert s.e.scalars["sigma_u"] == pytest.approx(ref["sigma_u"], rel=1e-9)
    assert s.e.scalars["sigma_e"] == pytest.approx(ref["sigma_e"], rel=1e-9)
    if key == "fweights":
        assert (s.e.scalars["N"], s.e.scalars["N_g"]) == (ref["N"], 80)
        assert s.e.macros["wtype"] == "fweight"
    if key == "unbalanced":
        assert s.e.scalars["chi2"] == pytest.approx(ref["chi2"], rel=1e-8)
        assert s.e.scalars["Tbar"] == pytest.approx(ref["Tbar"], rel=1e-12)
        assert s.e.scalars["Tcon"] == 0
        assert (s.e.scalars["N"], s.e.scalars["g_min"]) == (331, 1)


def test_kinds_and_stored_results(do, panels):
    rc, out, s = do(f"xtset id t\n{MODEL}, endog(x2 z2) constant(z1 z2) small", panels.copy())
    assert rc == 0, out
    m, sc = s.e.macros, s.e.scalars
    assert (m["TVexogenous"], m["TVendogenous"], m["TIexogenous"], m["TIendogenous"]) == ("x1a x1b", "x2", "z1", "z2")
    assert (m["cmd"], m["title"], m["predict"], m["chi2type"], m["vce"]) == (
        "xthtaylor", "Hausman-Taylor", "xtht_p", "Wald", "conventional")
    assert (sc["N"], sc["N_g"], sc["g_avg"], sc["df_m"], sc["df_r"], sc["Tcon"]) == (400, 80, 5, 5, 394, 1)
    assert sc["chi2"] == pytest.approx(sc["F"] * 5, rel=1e-12)
    assert sc["rho"] == pytest.approx(sc["sigma_u"] ** 2 / (sc["sigma_u"] ** 2 + sc["sigma_e"] ** 2))
    # small: t statistics on df_r = N - k
    assert "      t    P>|t|" in out


EXAMPLE = """
Hausman-Taylor estimation                       Number of obs      =      4165
Group variable: id                              Number of groups   =       595

                                                Obs per group: min =         7
                                                               avg =         7
                                                               max =         7

Random effects u_i ~ i.i.d.                     Wald chi2(12)      =   6891.87
                                                Prob > chi2        =    0.0000

------------------------------------------------------------------------------
       lwage |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
TVexogenous  |
         occ |  -.0207047   .0137809    -1.50   0.133    -.0477149    .0063055
       south |   .0074398    .031955     0.23   0.816    -.0551908    .0700705
        smsa |  -.0418334   .0189581    -2.21   0.027    -.0789906   -.0046761
         ind |   .0136039   .0152374     0.89   0.372    -.0162608    .0434686
TVendogenous |
         exp |   .1131328    .002471    45.79   0.000     .1082898    .1179758
        exp2 |  -.0004189   .0000546    -7.67   0.000    -.0005259   -.0003119
         wks |   .0008374   .0005997     1.40   0.163    -.0003381    .0020129
          ms |  -.0298508     .01898    -1.57   0.116    -.0670508    .0073493
       union |   .0327714   .0149084     2.20   0.028     .0035514    .0619914
TIexogenous  |
         fem |  -.1309236    .126659    -1.03   0.301    -.3791707    .1173234
         blk |  -.2857479   .1557019    -1.84   0.066    -.5909179    .0194221
TIendogenous |
          ed |    .137944   .0212485     6.49   0.000     .0962977    .1795902
             |
       _cons |   2.912726   .2836522    10.27   0.000     2.356778    3.468674
-------------+----------------------------------------------------------------
     sigma_u |  .94180304
     sigma_e |  .15180273
         rho |  .97467788   (fraction of variance due to u_i)
------------------------------------------------------------------------------
Note:  TV refers to time varying; TI refers to time invariant."""


@pytest.fixture(scope="module")
def psid(do):
    df = pd.read_csv(REF / "psid_wages.csv.gz")
    # psidextract.dta stores lwage as float: Stata computes from the float values (ms's
    # -.0298508 rounds the other way from the double data's -.02985074879)
    df["lwage"] = df["lwage"].astype(np.float32).astype(float)
    return do("xtset id t\nxthtaylor lwage occ south smsa ind exp exp2 wks ms union fem blk ed, "
              "endog(exp exp2 wks ms union ed) constant(fem blk ed)", df)


def test_manual_example_layout(psid):
    """[XT] xthtaylor example 1 (Baltagi's PSID wages): chi2(12) = 6891.87, sigma_u .94180304,
    sigma_e .15180273, ed .137944 (.0212485) as the manual prints them; the layout is
    xthtaylor.ado's Replay (columns 49/68/70, the kind headings, the Note line)."""
    rc, out, s = psid
    assert rc == 0, out
    tail = out.rstrip("\n").split("\n")[-len(EXAMPLE.split("\n")):]
    assert tail == EXAMPLE.split("\n")


def test_replay_level_and_predict(psid, run):
    rc, out, s = psid
    text, rc = run(s, "xthtaylor, level(90)")
    assert rc == 0
    assert "[90% Conf. Interval]" in text and "  .1029933    .1728946" in text  # ed at 90%
    text, rc = run(s, "predict xbhat\npredict sp, stdp")
    assert rc == 0 and "(option xb assumed; fitted values)" in text
    b = s.e.matrices["b"].values.ravel()
    df = s.data.df
    X = df[["occ", "south", "smsa", "ind", "exp", "exp2", "wks", "ms", "union", "fem", "blk", "ed"]].to_numpy(float)
    assert np.allclose(df["xbhat"].to_numpy(), X @ b[:-1] + b[-1])
    assert np.all(df["sp"].to_numpy() > 0)


@pytest.mark.parametrize("options, message", [
    ("", "option endog() required"),
    ("endog(x2) constant(z1) varying(x1a)", "may not specify both -constant()- and -varying()-"),
    ("endog(keep)", "some variables specified in -endog()- not included in main variable list"),
    ("endog(x2) constant(z1)", "z2 not included in -constant()-."),
    ("endog(x2) constant(z1 z2 x1a)", "x1a not time invariant in panels."),
    ("endog(x2) varying(x1a x1b x2 z1)", "z1 not time varying in panels."),
    ("endog(x2 z2 z1)", "There are no time-invariant exogeneous variables in the model."),
    ("endog(x1a x1b x2)", "There are no time-varying exogeneous variables in the model."),
    ("endog(x2) vce(bootstrap)", "vce(bootstrap) is not available with xthtaylor in mlmcli"),
])
def test_errors(do, panels, options, message):
    rc, out, s = do(f"xtset id t\n{MODEL}, {options}", panels.copy())
    assert rc == 198
    assert message in out


def test_underidentified_and_amacurdy_checks(do, panels):
    rc, out, _ = do("xtset id t\nxthtaylor y x1a x2 z1 z2 x1b, endog(x2 z2 x1b)", panels.copy())
    assert rc == 0  # k1 = 1 >= g2 = 1
    df = panels.copy()
    df["z3"] = df.groupby("id")["x2"].transform("mean")
    rc, out, _ = do(f"xtset id t\nxthtaylor y x1a x2 z1 z2 z3, endog(x2 z2 z3)", df)
    assert (rc, "The model is underidentified (k1<g2)" in out) == (198, True)
    rc, out, _ = do(f"xtset id t\n{MODEL} if keep, endog(x2 z2) amacurdy", panels.copy())
    assert (rc, "-amacurdy- only works with balanced data" in out) == (198, True)
    rc, out, _ = do(f"xtset id\n{MODEL}, endog(x2 z2) amacurdy", panels.copy())
    assert rc == 459


def test_failing_command_keeps_results_and_data(do, panels):
    rc, out, s = do(f"xtset id t\n{MODEL}, endog(x2 z2)\ncapture {MODEL}, endog(x2) constant(z1)", panels.copy())
    assert rc == 0 and s.e.cmd == "xthtaylor" and s.e.macros["TIendogenous"] == "z2"
    assert list(s.data.df.columns) == list(panels.columns)


def test_collinear_regressor_is_omitted(do, panels):
    df = panels.copy()
    df["x1c"] = 2 * df["x1a"]
    rc, out, s = do("xtset id t\nxthtaylor y x1a x1b x1c x2 z1 z2, endog(x2 z2)", df)
    assert rc == 0, out
    assert "note: x1c omitted because of collinearity" in out
    assert "x1c" not in s.e.matrices["b"].colnames


def test_replay_without_results_is_r301(do, panels):
    rc, out, s = do("xthtaylor", panels.copy())
    assert rc == 301 and "last estimates not found" in out
    rc, out, s = do("xtset id t\nquietly regress y x1a\nxthtaylor, level(90)", panels.copy())
    assert rc == 301


@pytest.mark.parametrize("varlist, message", [
    ("y i.z1 x1a x1b x2 z2", "factor variables not allowed")])
def test_operators_in_the_varlist(do, panels, varlist, message):
    """Factor variables are refused; time-series operators run (tests/test_heldout_batch14.py)."""
    rc, out, s = do(f"xtset id t\nxthtaylor {varlist}, endog(x2 z2)", panels.copy())
    assert rc == 101 and message in out


def test_predict_u_e_ue_xbu_match_r(do, panels, reference):
    """xtht_p: u_i = sigma_u^2 / (T_i sigma_u^2 + sigma_e^2) sum_t (y - x b) on e(sample) (T_i:
    unbalanced panels), e = y - xb - u, ue = y - xb on every row, xbu = xb + u."""
    rc, out, s = do(f"xtset id t\nquietly {MODEL} if keep, endog(x2 z2)\npredict double xb\n"
                    "predict double u, u\npredict double e, e\npredict double ue, ue\npredict double xbu, xbu\n"
                    "sort x1a\npredict double u2, u", panels.copy())
    assert rc == 0, out
    df = s.data.df
    kept = df["keep"].to_numpy() == 1
    u_ref = np.asarray(reference["unbalanced"]["u"])[df["id"].to_numpy() - 1]
    assert np.allclose(df["u"].to_numpy()[kept], u_ref[kept], rtol=1e-8, atol=1e-10)
    assert np.all(np.isnan(df["u"].to_numpy()[~kept])) and np.all(np.isnan(df["xbu"].to_numpy()[~kept]))
    assert np.allclose(df["u2"], df["u"], equal_nan=True)
    y, xb = df["y"].to_numpy(), df["xb"].to_numpy()
    assert np.allclose(df["ue"], y - xb) and np.allclose(df["e"][kept], (y - xb - df["u"])[kept])
    assert np.allclose(df["xbu"][kept], (xb + df["u"])[kept])
    assert s.data.var_labels["u"] == "u[id]" and s.data.var_labels["ue"] == "u[id] + e[id,t]"


def test_weights_checks(do, panels):
    df = panels.copy()
    df["w"] = 1 + df["id"] % 3
    rc, out, _ = do(f"xtset id t\n{MODEL} [fw=w + keep], endog(x2 z2)", df.copy())
    assert rc == 199 and "weight must be constant within id" in out
    rc, out, _ = do(f"xtset id t\n{MODEL} [iw=w], endog(x2 z2)", df.copy())
    assert rc == 101 and "iweights are not available with xthtaylor in mlmcli" in out
    rc, out, _ = do(f"xtset id t\n{MODEL} [fw=w], endog(x2 z2) amacurdy", df.copy())
    assert rc == 198 and "weights are not allowed with amacurdy" in out


def test_varlist_required_and_no_regressors(do, panels):
    rc, out, _ = do("xtset id t\nxthtaylor if keep, endog(x2)", panels.copy())
    assert rc == 100 and "varlist required" in out
    rc, out, _ = do("xtset id t\nxthtaylor y, endog(y)", panels.copy())
    assert rc == 198 and "There are no time-varying exogeneous variables in the model." in out
