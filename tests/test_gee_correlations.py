"""``xtgee``'s working correlations ar #, stationary #, nonstationary #, fixed, its families
gamma, igaussian, nbinomial #, binomial #, the power link, nmp, rgf and weights against an
independent GEE fit in R (tests/reference_values/gee_correlations_reference.R, written from
[XT] xtgee's Methods and formulas), and their refusals."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"
REF = json.loads((REF_DIR / "gee_correlations_reference.json").read_text())["fits"]
SETUP = ("xtset id t\ngen double yg = exp(y/2)\ngen yk = yb + (yc > 1) + (x > 0)\ngen w = mod(id, 3) + 1\n"
         "matrix F = (1, .5, .3, .1 \\ .5, 1, .5, .3 \\ .3, .5, 1, .5 \\ .1, .3, .5, 1)\n")
CASES = {
    "gaussian_ar1": "xtgee y x z if balanced, corr(ar 1)",
    "gaussian_ar2_force": "xtgee y x z if !balanced, corr(ar 2) force",
    "poisson_stationary2": "xtgee yc x z if balanced, family(poisson) corr(stationary 2)",
    "poisson_nonstationary2_force": "xtgee yc x z if !balanced, family(poisson) corr(nonstationary 2) force",
    "binomial_nonstationary1": "xtgee yb x z if balanced, family(binomial) corr(nonst 1)",
    "gaussian_fixed": "xtgee y x z if balanced, corr(fixed F)",
    "gamma_exchangeable": "xtgee yg x z if !balanced, family(gamma)",
    "gamma_log_ar1": "xtgee yg x z if balanced, family(gamma) link(log) corr(ar1)",
    "igaussian_log_exchangeable": "xtgee yg x z if !balanced, family(igaussian) link(log)",
    "nbinomial_half_exchangeable": "xtgee yc x z if !balanced, family(nbinomial 0.5)",
    "binomial3_ar1": "xtgee yk x z if balanced, family(binomial 3) corr(ar 1)",
    "poisson_sqrt_exchangeable": "xtgee yc x z if !balanced, family(poisson) link(power 0.5)",
    "gaussian_nmp_rgf": "xtgee y x z if !balanced, nmp rgf",
    "poisson_fweight": "xtgee yc x z if !balanced [fw=w], family(poisson)",
}


@pytest.fixture
def panels():
    return pd.read_csv(REF_DIR / "gee_panels.csv").astype(float)


def _b_se_R(s):
    names = list(s.e.matrices["b"].colnames)
    order = [names.index(n) for n in ("_cons", "x", "z")]
    return (s.e.matrices["b"].values[0][order], np.sqrt(np.diag(s.e.matrices["V"].values))[order],
            np.asarray(s.e.matrices["R"].values))


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("vce", ["conventional", "robust"])
def test_against_the_r_gee_fit(do, panels, case, vce):
    rc, out, s = do(SETUP + f"{CASES[case]} vce({vce}) nolog", df=panels)
    assert rc == 0, out
    ref = REF[case]
    b, se, R = _b_se_R(s)
    np.testing.assert_allclose(b, ref["b"], rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(se, ref[f"se_{vce}"], rtol=1e-7)
    np.testing.assert_allclose(R, np.asarray(ref["R"]), rtol=1e-7, atol=1e-10)


def test_pweights_are_robust(do, panels):
    rc, out, s = do(SETUP + "xtgee yc x z if !balanced [pw=w], family(poisson) nolog", df=panels)
    assert rc == 0, out
    ref = REF["poisson_pweight"]
    b, se, _ = _b_se_R(s)
    np.testing.assert_allclose(b, ref["b"], rtol=1e-8)
    np.testing.assert_allclose(se, ref["se_robust"], rtol=1e-7)
    assert s.e.macros["vcetype"] == "Semirobust" and s.e.macros["wtype"] == "pweight"


def test_header_names_the_structure_family_and_link(do, panels):
    rc, out, s = do(SETUP + "xtgee yg x z if balanced, family(gamma) corr(ar 1) nolog", df=panels)
    assert rc == 0, out
    assert "Correlation:                         AR(1)" in out
    assert "Family:                              gamma" in out
    assert "Link:                           reciprocal" in out
    assert s.e.macros["corr"] == "AR1" and s.e.macros["scale"] == "x2"  # FixScale's default for gamma
    rc, out, s = do(SETUP + "xtgee yc x z if !balanced, family(nbinomial 0.5) corr(stationary 2) force nolog",
                    df=panels)
    assert rc == 0, out
    assert "negative binomial(k=0.5)" in out and "stationary(2)" in out
    assert s.e.macros["link"] == "log"


def test_predict_mu_with_binomial_denominator(do, panels):
    rc, out, s = do(SETUP + "xtgee yk x z if balanced, family(binomial 3) nolog\npredict m\npredict xb, xb",
                    df=panels)
    assert rc == 0, out
    m, xb = s.data.numeric("m"), s.data.numeric("xb")
    np.testing.assert_allclose(m, 3 / (1 + np.exp(-xb)), rtol=1e-6)


@pytest.mark.parametrize("command, rc, message", [
    ("xtgee y x z if balanced, corr(ar 4)", 198, "requires more than 4 time periods"),
    ("xtgee y x z, corr(ar x)", 198, "corr() invalid"),
    ("xtgee y x z if balanced, corr(fixed G)", 503, "must be 4 x 4"),
    ("xtgee yc x z, family(poisson) link(probit)", 198, "link(probit) not allowed with family(poisson)"),
    ("xtgee yc x z, family(poisson) link(nbinomial)", 198, "link(nbinomial) not allowed"),
    ("xtgee yb x z, family(binomial 1 2)", 198, "family() invalid"),
    ("xtgee yc x z [pw=t], family(poisson)", 199, "weight must be constant within id"),
])
def test_refusals_leave_data_alone(do, panels, command, rc, message):
    got, out, s = do("xtset id t\nmatrix G = I(3)\n" + command, df=panels)
    assert got == rc and message in out, out
    assert s.data.nobs == len(panels) and s.e is None
