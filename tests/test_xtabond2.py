"""xtabond2 (Roodman's difference/system GMM) on the Arellano-Bond firm data.

Numbers against (a) Roodman (2009), "How to do xtabond2", Stata Journal 9(1):86-136, whose
abdata examples print every coefficient, standard error and test (sections 3.3 and 3.4);
(b) a published xtabond2 log of the two-step difference model
`xtabond2 n L(1/2).n w k, gmm(n, lag(2 4)) gmm(w, lag(1 3)) iv(k) nolevel twostep robust`
(a comparison of dynamic panel packages, its layout line for line);
(c) R's plm pgmm (tests/dynamic_panel_reference/xtabond2_plm.R: the models, and where its
conventions differ)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = Path(__file__).parent / "dynamic_panel_reference"
PAPER_DIFF = "xtabond2 n L.n L2.n w L.w L(0/2).(k ys) yr*, gmm(L.n) iv(w L.w L(0/2).(k ys) yr*) nolevel robust"
PAPER_DIFF_SMALL = ("xtabond2 n L.n L2.n w L.w L(0/2).(k ys) yr*, gmm(L.(n w k)) iv(L(0/2).ys yr*) "
                    "nolevel robust small")
PAPER_SYSTEM = "xtabond2 n L.n L(0/1).(w k) yr*, gmmstyle(L.(n w k)) ivstyle(yr*, equation(level)) robust small"
LOG_TWOSTEP = "xtabond2 n L(1/2).n w k , gmm(n, lag(2 4)) gmm(w, lag(1 3)) iv(k ) nolevel twostep robust"


@pytest.fixture(scope="module")
def abdata():
    d = pd.read_csv(REF / "abdata.csv")
    for v in ("n", "w", "k", "ys"):  # Stata's abdata.dta stores them as float
        d[v] = d[v].astype(np.float32).astype(float)
    return d


def _fit(do, data, text):
    rc, out, s = do("xtset id year\n" + text, data)
    assert rc == 0, out
    return out, s.e, s.e.matrices["b"].values.ravel(), np.sqrt(np.diag(s.e.matrices["V"].values))


def test_paper_one_step_difference(do, abdata):
    out, e, b, se = _fit(do, abdata, "set linesize 80\n" + PAPER_DIFF)
    assert list(e.matrices["b"].colnames)[:4] == ["L.n", "L2.n", "w", "L.w"]
    assert np.allclose(b[:4], [.6862261, -.0853582, -.6078208, .3926237], atol=2e-6)
    assert np.allclose(se[:4], [.1445943, .0560155, .1782055, .1679931], atol=2e-6)
    assert np.allclose(b[-2:], [-.0193555, -.0136171], atol=2e-6)
    assert (e.scalars["N"], e.scalars["N_g"], e.scalars["j"], e.scalars["df_m"]) == (611, 140, 41, 16)
    assert e.scalars["chi2"] == pytest.approx(1727.45, abs=0.05)
    assert (round(e.scalars["ar1"], 2), round(e.scalars["ar2"], 2)) == (-3.60, -0.52)
    assert (round(e.scalars["sargan"], 2), round(e.scalars["hansen"], 2), e.scalars["hansen_df"]) == (67.59, 31.38, 25)
    for name in ("yr1976", "yr1977", "yr1984"):
        assert f"{name} dropped due to collinearity" in out
    assert "    Hansen test excluding group:     chi2(11)   =  12.01  Prob > chi2 =  0.363" in out
    assert "    Difference (null H = exogenous): chi2(14)   =  19.37  Prob > chi2 =  0.151" in out
    assert ("    D.(w L.w k L.k L2.k ys L.ys L2.ys yr1976 yr1977 yr1978 yr1979 yr1980\n"
            "    yr1981 yr1982 yr1983 yr1984)\n") in out
    assert "\n    L(1/.).L.n\n" in out
    assert ("  iv(w L.w k L.k L2.k ys L.ys L2.ys yr1976 yr1977 yr1978 yr1979 yr1980 yr1981\n"
            "> yr1982 yr1983 yr1984)\n") in out


def test_paper_small_difference(do, abdata):
    out, e, b, se = _fit(do, abdata, PAPER_DIFF_SMALL)
    assert np.allclose(b[:3], [.8179867, -.1122756, -.6816685], atol=2e-6)
    assert np.allclose(se[:4], [.0859761, .0502366, .1425813, .202368], atol=2e-6)
    assert (e.scalars["j"], e.scalars["df_r"]) == (90, 140)
    assert e.scalars["F"] == pytest.approx(85.30, abs=0.01)
    assert (round(e.scalars["ar1"], 2), round(e.scalars["ar2"], 2)) == (-5.39, -0.78)
    assert (round(e.scalars["sargan"], 2), round(e.scalars["hansen"], 2)) == (120.62, 73.72)
    assert "    Hansen test excluding group:     chi2(65)   =  56.99  Prob > chi2 =  0.750" in out
    assert "F(16, 140)    =     85.30" in out
    assert "           n |      Coef.   Std. Err.      t    P>|t|     [95% Conf. Interval]" in out


def test_paper_one_step_system(do, abdata):
    out, e, b, se = _fit(do, abdata, PAPER_SYSTEM)
    assert list(e.matrices["b"].colnames)[-1] == "_cons"
    assert np.allclose(b[[0, 1, 2, -1]], [.9356053, -.6309761, .4826203, .5522011], atol=2e-6)
    assert np.allclose(se[[0, 1, 3, -1]], [.026569, .1192834, .0544281, .1971607], rtol=2e-5)
    assert (e.scalars["N"], e.scalars["N_g"], e.scalars["j"], e.scalars["df_r"]) == (891, 140, 113, 139)
    assert (e.scalars["g_min"], round(e.scalars["g_avg"], 2), e.scalars["g_max"]) == (6, 6.36, 8)
    # the paper's F(12, 139) = 1154.36 left the constant out of the Wald statistic; Stata 18's
    # xtabond2 includes it (test_matches_stata18_xtabond2): mlm follows the current xtabond2
    assert e.scalars["df_m"] == 12
    assert (round(e.scalars["ar1"], 2), round(e.scalars["ar2"], 2)) == (-5.46, -0.25)
    assert round(e.scalars["hansen"], 2) == 110.70
    # the paper's Sargan 186.90 divided e_d'e_d by 2 e(N) = 2 x 891; Stata 18's xtabond2 divides
    # by the 751 difference rows (test_matches_stata18_xtabond2): 186.90 x 751/891
    assert e.scalars["sargan"] == pytest.approx(186.90 * 751 / 891, abs=0.01)
    assert "yr1976 dropped due to collinearity\nyr1984 dropped due to collinearity\n" in out
    assert ("Difference-in-Hansen tests of exogeneity of instrument subsets:\n"
            "  GMM instruments for levels\n"
            "    Hansen test excluding group:     chi2(79)   =  84.33  Prob > chi2 =  0.320\n"
            "    Difference (null H = exogenous): chi2(21)   =  26.37  Prob > chi2 =  0.193\n"
            "  iv(yr1976 yr1977 yr1978 yr1979 yr1980 yr1981 yr1982 yr1983 yr1984, eq(level))\n"
            "    Hansen test excluding group:     chi2(93)   = 107.79  Prob > chi2 =  0.140\n"
            "    Difference (null H = exogenous): chi2(7)    =   2.91  Prob > chi2 =  0.893") in out
    assert ("Instruments for levels equation\n  Standard\n"
            "    yr1976 yr1977 yr1978 yr1979 yr1980 yr1981 yr1982 yr1983 yr1984\n    _cons\n"
            "  GMM-type (missing=0, separate instruments for each period unless collapsed)\n"
            "    D.(L.n L.w L.k)\n") in out


LOG_LINES = """\
Warning: Two-step estimated covariance matrix of moments is singular.
  Using a generalized inverse to calculate optimal weighting matrix for two-step estimation.
  Difference-in-Sargan/Hansen statistics may be negative.

Dynamic panel-data estimation, two-step difference GMM
------------------------------------------------------------------------------
Group variable: id                              Number of obs      =       611
Time variable : year                            Number of groups   =       140
Number of instruments = 36                      Obs per group: min =         4
@@
------------------------------------------------------------------------------
             |              Corrected
           n |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
           n |
         L1. |   .1700616   .1046652     1.62   0.104    -.0350784    .3752016
         L2. |  -.0113381   .0377205    -0.30   0.764    -.0852688    .0625926
             |
           w |  -.9510582   .1277298    -7.45   0.000    -1.201404   -.7007124
           k |   .4637223   .0718328     6.46   0.000     .3229325    .6045121
------------------------------------------------------------------------------
Instruments for first differences equation
  Standard
    D.k
  GMM-type (missing=0, separate instruments for each period unless collapsed)
    L(1/3).w
    L(2/4).n
------------------------------------------------------------------------------
Arellano-Bond test for AR(1) in first differences: z =  -1.19  Pr > z =  0.235
Arellano-Bond test for AR(2) in first differences: z =  -0.81  Pr > z =  0.417
------------------------------------------------------------------------------
Sargan test of overid. restrictions: chi2(32)   =  91.61  Prob > chi2 =  0.000
  (Not robust, but not weakened by many instruments.)
Hansen test of overid. restrictions: chi2(32)   =  47.86  Prob > chi2 =  0.035
  (Robust, but weakened by many instruments.)

Difference-in-Hansen tests of exogeneity of instrument subsets:
  gmm(n, lag(2 4))
    Hansen test excluding group:     chi2(15)   =  23.75  Prob > chi2 =  0.069
    Difference (null H = exogenous): chi2(17)   =  24.11  Prob > chi2 =  0.117
  gmm(w, lag(1 3))
    Hansen test excluding group:     chi2(14)   =  17.25  Prob > chi2 =  0.243
    Difference (null H = exogenous): chi2(18)   =  30.61  Prob > chi2 =  0.032
  iv(k)
    Hansen test excluding group:     chi2(31)   =  38.33  Prob > chi2 =  0.171
    Difference (null H = exogenous): chi2(1)    =   9.53  Prob > chi2 =  0.002"""


def test_published_two_step_log_layout(do, abdata):
    """The log's lines (its Wald line, chi2(0) = ., is left out: that run's Wald test did not
    compute; the coefficients' last digits differ by the data's float rounding at most 2e-7)."""
    out, e, b, se = _fit(do, abdata, LOG_TWOSTEP)
    head, tail = LOG_LINES.split("@@\n")
    assert head in out
    got = out[out.index("------------------------------------------------------------------------------\n     "):]
    for want_line, got_line in zip(tail.splitlines(), got.splitlines()):
        if want_line.startswith(("         L", "           w", "           k")):
            w, g = want_line.split()[2:], got_line.split()[2:]
            assert np.allclose([float(x) for x in w], [float(x) for x in g], atol=3e-7), (want_line, got_line)
        else:
            assert want_line == got_line
    assert len(got.splitlines()) >= len(tail.splitlines())


@pytest.fixture(scope="module")
def plm():
    return json.loads((REF / "xtabond2_plm.json").read_text())


@pytest.mark.parametrize("key,text", [
    ("diff_twostep", "gmm(L.n, collapse) iv(w k) nolevel twostep robust"),
    ("diff_onestep", "gmm(L.n, collapse) iv(w k) nolevel robust"),
    ("system_twostep", "gmm(L.n, collapse) iv(w k, eq(diff)) iv(w k, eq(level)) noconstant twostep robust"),
    ("system_onestep", "gmm(L.n, collapse) iv(w k, eq(diff)) iv(w k, eq(level)) noconstant robust"),
])
def test_matches_plm_collapsed(do, key, text, plm):
    data = pd.read_csv(REF / "abdata.csv")  # plm read the csv's doubles
    _, e, b, se = _fit(do, data, "xtabond2 n L.n L2.n w k, " + text)
    ref = plm[key]
    assert np.allclose(b, ref["b"], rtol=1e-6)
    assert np.allclose(se, ref["se"], rtol=1e-5)
    if "hansen" in ref:
        assert e.scalars["hansen"] == pytest.approx(ref["hansen"][0], rel=1e-6)
        assert e.scalars["hansen_df"] == ref["hansen_df"][0]
    if "ar1" in ref:
        assert e.scalars["ar1"] == pytest.approx(ref["ar1"][0][0], rel=1e-5)
        assert e.scalars["ar2"] == pytest.approx(ref["ar2"][0][0], rel=1e-5)


@pytest.mark.parametrize("steps", ["twostep vce(robust)", "vce(robust)"])
def test_h2_is_xtdpdsys(do, abdata, steps):
    """h(2) zeroes H's difference-level blocks, as xtdpdsys (checked against the [XT] manual in
    tests/test_xtabond.py): the same model gives the same numbers."""
    _, e0, b0, se0 = _fit(do, abdata, f"xtdpdsys n w k, {steps}")
    text = "xtabond2 n L.n w k, gmm(L.n) iv(w k, eq(diff)) h(2) " + steps.replace("vce(robust)", "robust")
    _, e, b, se = _fit(do, abdata, text)
    assert np.allclose(b, b0, rtol=1e-9) and np.allclose(se, se0, rtol=1e-8)
    assert e.scalars["j"] == e0.scalars["zrank"]


def test_h1_is_the_papers_2sls(do, abdata):
    """h(1) (H = I) one step is 2SLS in differences: the paper's ivregress 2sls coefficients
    (section 3.2), which it says `xtabond2 ..., h(1) nolevel small` reproduces."""
    _, e, b, _ = _fit(do, abdata, "xtabond2 n L.n L2.n w L.w L(0/2).(k ys) yr*, gmm(L.n) "
                                  "iv(w L.w L(0/2).(k ys) yr*) h(1) nolevel small")
    names = list(e.matrices["b"].colnames)
    want = {"L.n": .2689418, "L2.n": -.0669834, "w": -.5723355, "L.w": .2112242, "k": .3843826,
            "L2.ys": .0581721, "yr1978": .0429548, "yr1983": -.0062288}
    for name, value in want.items():
        assert b[names.index(name)] == pytest.approx(value, abs=2e-6), name


STATA18 = json.loads((REF / "xtabond2_stata18.json").read_text())


@pytest.mark.parametrize("spec", [k for k in STATA18 if not k.startswith("_")])
def test_matches_stata18_xtabond2(do, abdata, spec):
    """Stata 18's own xtabond2 on abdata (the json says where the values come from)."""
    ref = STATA18[spec]
    _, e, b, se = _fit(do, abdata, ref["cmd"])
    names = list(e.matrices["b"].colnames)
    for name, value in ref["coef"].items():
        assert b[names.index(name)] == pytest.approx(value, rel=2e-6), name
        assert se[names.index(name)] == pytest.approx(ref["se"][name], rel=2e-5), name
    for key, value in ref["e"].items():
        assert e.scalars[key] == pytest.approx(value, rel=2e-5, abs=1e-9), key


def test_orthogonal_layout(do, abdata):
    """Published xtabond2 logs: "Instruments for orthogonal deviations equation", FOD.(...),
    a single lag listed L4.L4.x."""
    out, e, _, _ = _fit(do, abdata, "xtabond2 n L.n w k, gmm(L.n, lag(4 4)) iv(w k) noleveleq orthogonal robust")
    assert ("Instruments for orthogonal deviations equation\n  Standard\n    FOD.(w k)\n"
            "  GMM-type (missing=0, separate instruments for each period unless collapsed)\n    L4.L.n\n") in out
    assert e.macros["transform"] == "orthogonal deviations"


def test_replay_and_level(do, abdata):
    rc, out, s = do("xtset id year\nquietly " + LOG_TWOSTEP + "\nxtabond2, level(90)", abdata)
    assert rc == 0, out
    assert "[90% Conf. Interval]" in out and "Warning" not in out
    assert "Dynamic panel-data estimation, two-step difference GMM" in out


@pytest.mark.parametrize("text,message", [
    ("xtabond2 n L.n w, gmm(L.n) orthogonal robust", "orthogonal with system GMM is not available"),
    ("xtabond2 n L.n w, gmm(L.n) orthogonal noleveleq", "orthogonal without robust or twostep"),
    ("xtabond2 n L.n w, gmm(L.n) h(4)", "h(4) invalid"),
    ("xtabond2 n L.n w, gmm(L.n, split)", "gmmstyle() suboption split is not available"),
    ("xtabond2 n L.n w, gmm(L.n) iv(w, eq(nonsense))", "equation(nonsense) invalid"),
    ("xtabond2 n L.n w, gmm(L.n) foo", "option foo not allowed"),
])
def test_refused(do, abdata, text, message):
    rc, out, _ = do("xtset id year\n" + text, abdata)
    assert rc == 198 and message in out


def test_empty_instrument_varlist_and_default_laglimits(do, abdata):
    rc, out, _ = do("xtset id year\nxtabond2 n L.n w, gmm()", abdata)
    assert rc == 100 and "varlist required" in out
    _, e1, b1, _ = _fit(do, abdata, "xtabond2 n L.n w, gmm(L.n, lag(. .)) iv(w) twostep")
    _, e2, b2, _ = _fit(do, abdata, "xtabond2 n L.n w, gmm(L.n) iv(w) twostep")
    assert np.array_equal(b1, b2)


def test_needs_xtset(do, abdata):
    rc, out, _ = do("xtabond2 n w, gmm(w)", abdata)
    assert rc == 459


def test_factor_variables_equal_indicator_variables(do, abdata):
    """i.year: 1976b.year is the base (zeros, dropped as collinear, as xtabond2 drops 0b.bin4 in
    a published log); the fit is the paper's system example with its yr* dummies."""
    out, e, b, se = _fit(do, abdata, "xtabond2 n L.n L(0/1).(w k) i.year, gmm(L.(n w k)) "
                                     "iv(i.year, eq(level)) robust small")
    _, e0, b0, se0 = _fit(do, abdata, PAPER_SYSTEM)
    assert np.allclose(b, b0, rtol=1e-9) and np.allclose(se, se0, rtol=1e-9)
    assert list(e.matrices["b"].colnames)[5:7] == ["1977.year", "1978.year"]
    assert "1976b.year dropped due to collinearity\n1984.year dropped due to collinearity" in out
    assert "        year |\n       1977  |  -.0240573" in out
    assert e.scalars["hansen"] == pytest.approx(e0.scalars["hansen"], rel=1e-9)


def test_interactions_refused(do, abdata):
    rc, out, _ = do("xtset id year\nxtabond2 n L.n c.w#c.k, gmm(L.n)", abdata)
    assert rc == 198 and "only i.varname factor variables" in out
