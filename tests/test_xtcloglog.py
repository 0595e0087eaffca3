"""xtcloglog: the random-effects model against lme4::glmer(binomial(cloglog), nAGQ = 12 and
30) re-maximised in (beta, lnsig2u) for Stata's metric, the comparison model against glm, the
population-averaged model against geepack::geeglm (tests/panel_more_reference/
xtcloglog_reference.R); the Stata 13 layout (xtcloglog.ado: _crcphdr, the table with /lnsig2u,
sigma_u and rho = sigma_u^2/(sigma_u^2 + pi^2/6), the LR line); predict, replay and errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).parent / "panel_more_reference"
REF = json.loads((REF_DIR / "xtcloglog_reference.json").read_text())


@pytest.fixture(scope="module")
def panels():
    return pd.read_csv(REF_DIR / "xtcloglog_panels.csv")


def _fit(do, panels, line):
    rc, out, s = do("xtset id t\n" + line, panels.copy())
    assert rc == 0, out
    return out, s


def _b_se(s):
    """(_cons, x1, x2) as R orders them, then lnsig2u."""
    names = list(s.e.matrices["b"].colnames)
    order = [names.index(n) for n in ("y:_cons", "y:x1", "y:x2", "lnsig2u:_cons")]
    return s.e.matrices["b"].values.ravel()[order], np.sqrt(np.diag(s.e.matrices["V"].values))[order]


def test_thirty_points_match_lme4(do, panels):
    """With 30 points both quadratures are converged: the same maximum to 1e-6."""
    _, s = _fit(do, panels, "xtcloglog y x1 x2, intpoints(30) nolog")
    ref = REF["re30"]
    b, se = _b_se(s)
    np.testing.assert_allclose(b[:3], ref["b"], rtol=2e-6)
    assert b[3] == pytest.approx(ref["lnsig2u"], abs=2e-5)
    np.testing.assert_allclose(se, ref["se"] + [ref["se_lnsig2u"]], rtol=2e-5)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-6)
    assert s.e.scalars["ll_c"] == pytest.approx(REF["ll_c"], abs=1e-6)
    assert s.e.scalars["chi2_c"] == pytest.approx(2 * (s.e.scalars["ll"] - REF["ll_c"]), rel=1e-9)
    sig2 = np.exp(b[3])
    assert s.e.scalars["sigma_u"] == pytest.approx(np.sqrt(sig2), rel=1e-12)
    assert s.e.scalars["rho"] == pytest.approx(sig2 / (sig2 + np.pi ** 2 / 6), rel=1e-12)


@pytest.mark.parametrize("key, line", [("re12", "xtcloglog y x1 x2"),
                                       ("offset12", "xtcloglog y x1 x2, offset(off)")])
def test_default_twelve_points_close_to_lme4(do, panels, key, line):
    """12 points: Stata's mean-variance adaptation and lme4's mode-curvature one differ by
    their quadrature error (about 3e-4 in ll here)."""
    _, s = _fit(do, panels, line + " nolog" if "," in line else line + ", nolog")
    ref = REF[key]
    b, se = _b_se(s)
    np.testing.assert_allclose(b[:3], ref["b"], rtol=1e-4)
    np.testing.assert_allclose(se[:3], ref["se"], rtol=1e-3)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-3)
    assert s.e.scalars["n_quad"] == 12 and s.e.macros["intmethod"] == "mvaghermite"


def test_layout(do, panels):
    out, s = _fit(do, panels, "xtcloglog y x1 x2")
    lines = out.splitlines()
    assert "Fitting comparison model:" in lines and "Fitting full model:" in lines
    at = lines.index("Random-effects complementary log-log model      Number of obs      =       618")
    assert lines[at + 1] == "Group variable: id                              Number of groups   =       150"
    assert lines[at + 3] == "Random effects u_i ~ Gaussian                   Obs per group: min =         2"
    assert lines[at + 7] == "Integration method: mvaghermite                 Integration points =        12"
    b, se = _b_se(s)
    table = "\n".join(lines[at:])
    assert f"    /lnsig2u |    {b[3]:.6f}"[:-1].replace("0.", ".") in table
    assert "     sigma_u |   1.034" in table and "         rho |   .39" in table
    lr = 2 * (s.e.scalars["ll"] - REF["ll_c"])
    assert lines[-1] == f"Likelihood-ratio test of rho=0: chibar2(01) = {lr:8.2f} Prob >= chibar2 = 0.000"
    assert s.e.macros["title"] == "Random-effects complementary log-log model"
    assert s.e.macros["predict"] == "xtcloglog_re_p" and s.e.macros["model"] == "re"
    rc, out, s = do("xtcloglog, eform level(90)", session=s)
    assert rc == 0
    assert "           y |     exp(b)   Std. Err.      z    P>|z|     [90% Conf. Interval]" in out
    assert f"          x1 |   {np.exp(b[1]):.6f}" in out


def test_predict_pu0_xb_stdp(do, panels):
    _, s = _fit(do, panels, "xtcloglog y x1 x2, nolog offset(off)")
    rc, out, s = do("predict xb\npredict p, pu0\npredict sp, stdp", session=s)
    assert rc == 0 and "(option xb assumed; linear prediction)" in out
    b, _ = _b_se(s)
    xb = b[0] + b[1] * panels.x1 + b[2] * panels.x2 + panels.off
    np.testing.assert_allclose(s.data.df["xb"], xb, rtol=1e-6)
    np.testing.assert_allclose(s.data.df["p"], 1 - np.exp(-np.exp(xb)), rtol=1e-6)
    assert s.data.var_labels["p"] == "Pr(y=1 assuming u_i=0)"
    rc, out, s = do("margins, predict(pu0)", session=s)
    assert rc == 0 and f"{s.data.df['p'].mean():.6f}"[1:] in out


def test_population_averaged_matches_geepack(do, panels):
    out, s = _fit(do, panels, "xtcloglog y x1 x2, pa vce(robust)")
    ref = REF["pa"]
    names = list(s.e.matrices["b"].colnames)
    order = [names.index(n) for n in ("_cons", "x1", "x2")]
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel()[order], ref["b"], rtol=1e-7)
    np.testing.assert_allclose(np.sqrt(np.diag(s.e.matrices["V"].values))[order], ref["se"], rtol=1e-6)
    assert s.e.matrices["R"].values[0][1] == pytest.approx(ref["alpha"], rel=1e-6)
    assert s.e.cmd == "xtgee" and s.e.macros["cmd2"] == "xtcloglog" and s.e.macros["predict"] == "xtcloglog_pa_p"
    assert "Link:                              cloglog" in out
    rc, out2, s = do("xtcloglog", session=s)
    assert rc == 0 and "GEE population-averaged model" in out2


@pytest.mark.parametrize("line, message, rc", [
    ("xtcloglog y x1 x2, fe", "Fixed-effects model not available", 198),
    ("xtcloglog y x1 x2 [fw=id]", "fweight not allowed in random-effects case", 101),
    ("xtcloglog y x1 x2 [pw=id]", "pweight not allowed in random-effects case", 101),
    ("xtcloglog y x1 x2, re pa", "Choose only one of re and pa", 198),
    ("xtcloglog", "last estimates not found", 301),
    ("xtcloglog y x1 x2, intpoints(3)", "number of quadrature points must be between 4 and 195", 198),
])
def test_errors(do, panels, line, message, rc):
    got, out, _ = do("xtset id t\n" + line, panels.copy())
    assert got == rc and message in out and "Traceback" not in out
