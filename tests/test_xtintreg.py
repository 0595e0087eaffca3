"""xtintreg (random-effects interval regression) against a first-principles likelihood in R
(tests/panel_more_reference/xtintreg_reference.R: each panel's integral over u by
stats::integrate, optim and optimHess; the pooled model by survival::survreg), the Stata 13
layout (xttobit's: _crcphdr, /sigma_u, /sigma_e, rho, the LR line under ``intreg``, the
observation summary with the interval line), predict, replay and errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).parent / "panel_more_reference"
REF = json.loads((REF_DIR / "xtintreg_reference.json").read_text())


@pytest.fixture(scope="module")
def panels():
    df = pd.read_csv(REF_DIR / "xtintreg_panels.csv")
    df["off"] = 0.1 * df["t"]
    return df


def _fit(do, panels, line):
    rc, out, s = do("xtset id t\n" + line, panels.copy())
    assert rc == 0, out
    return out, s


@pytest.mark.parametrize("key, line", [("re", "xtintreg ylo yhi x1 x2, intreg intpoints(30)"),
                                       ("offset", "xtintreg ylo yhi x1 x2, offset(off) intreg intpoints(30)")])
def test_estimates_match_first_principles(do, panels, key, line):
    _, s = _fit(do, panels, line + " nolog")
    ref = REF[key]
    b = s.e.matrices["b"].values.ravel()
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    assert list(s.e.matrices["b"].colnames) == ["ylo:x1", "ylo:x2", "ylo:_cons", "sigma_u:_cons", "sigma_e:_cons"]
    np.testing.assert_allclose(b, ref["b"] + [ref["sigma_u"], ref["sigma_e"]], rtol=2e-5)
    np.testing.assert_allclose(se, ref["se"], rtol=2e-3)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-6)
    assert s.e.scalars["ll_c"] == pytest.approx(ref["ll_c"], abs=1e-6)
    assert s.e.scalars["chi2_c"] == pytest.approx(2 * (ref["ll"] - ref["ll_c"]), rel=1e-6)
    su, sg = ref["sigma_u"], ref["sigma_e"]
    assert s.e.scalars["rho"] == pytest.approx(su ** 2 / (su ** 2 + sg ** 2), rel=1e-4)


def test_default_twelve_points(do, panels):
    _, s = _fit(do, panels, "xtintreg ylo yhi x1 x2, nolog")
    ref = REF["re"]
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-4)
    assert s.e.scalars["n_quad"] == 12 and s.e.macros["chi2_ct"] == "Wald"
    su, v = s.e.scalars["sigma_u"], s.e.matrices["V"].values[3, 3]
    assert s.e.scalars["chi2_c"] == pytest.approx(su * su / v, rel=1e-12)


def test_layout_and_counts(do, panels):
    out, s = _fit(do, panels, "xtintreg ylo yhi x1 x2, intreg")
    lo, hi = panels.ylo, panels.yhi
    counts = (int(lo.isna().sum()), int((lo == hi).sum()), int(hi.isna().sum()),
              int((lo < hi).sum()))
    assert (s.e.scalars["N_lc"], s.e.scalars["N_unc"], s.e.scalars["N_rc"], s.e.scalars["N_int"]) == counts
    lines = out.splitlines()
    assert "Fitting comparison model:" in lines and "Fitting full model:" in lines
    at = lines.index("Random-effects interval regression              Number of obs      =       483")
    assert lines[at + 3] == "Random effects u_i ~ Gaussian                   Obs per group: min =         2"
    assert lines[at + 13] == "         ylo |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]"
    assert any(ln.startswith("    /sigma_u |   .79") for ln in lines)
    assert any(ln.startswith("         rho |   .40") for ln in lines)
    lr = s.e.scalars["chi2_c"]
    assert f"Likelihood-ratio test of sigma_u=0: chibar2(01)= {lr:7.2f} Prob>=chibar2 = 0.000" in lines
    assert lines[-4:] == [f"  Observation summary: {counts[0]:9d}  left-censored observations",
                          f"                      {counts[1]:9d}     uncensored observations",
                          f"                      {counts[2]:9d} right-censored observations",
                          f"                      {counts[3]:9d}       interval observations"]
    rc, out, s = do("xtintreg, level(90)", session=s)
    assert rc == 0 and "[90% Conf. Interval]" in out and "interval observations" in out


def test_predict(do, panels):
    _, s = _fit(do, panels, "xtintreg ylo yhi x1 x2, nolog")
    rc, out, s = do("predict xb\npredict p, pr0(0,2)", session=s)
    assert rc == 0, out
    b = s.e.matrices["b"].values.ravel()
    xb = b[0] * panels.x1 + b[1] * panels.x2 + b[2]
    np.testing.assert_allclose(s.data.df["xb"], xb, rtol=1e-7)
    from scipy.stats import norm

    sig = np.hypot(s.e.scalars["sigma_u"], s.e.scalars["sigma_e"])
    np.testing.assert_allclose(s.data.df["p"], norm.cdf((2 - xb) / sig) - norm.cdf((0 - xb) / sig), rtol=1e-6)


@pytest.mark.parametrize("line, message, rc", [
    ("xtintreg ylo yhi x1, fe", "Fixed-effects model not available", 198),
    ("xtintreg ylo yhi x1, pa", "Population-averaged model not available", 198),
    ("xtintreg ylo yhi x1 [fw=id]", "fweights not allowed", 101),
    ("xtintreg ylo yhi x1, intpoints(2)", "number of quadrature points must be between 4 and 195", 198),
    ("xtintreg ylo", "too few variables specified", 102),
    ("replace yhi = ylo - 1 in 1\nxtintreg ylo yhi x1", "observations with ylo > yhi not allowed", 198),
    ("xtintreg", "last estimates not found", 301),
])
def test_errors(do, panels, line, message, rc):
    got, out, _ = do("xtset id t\n" + line, panels.copy())
    assert got == rc and message in out and "Traceback" not in out
