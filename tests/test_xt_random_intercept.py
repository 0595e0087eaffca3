"""xtlogit, re / xtprobit, re / xtpoisson, re normal: numbers against lme4 (nAGQ = 12;
tests/reference_values/meqr_reference.R), the xt layout (/lnsig2u, sigma_u, rho, the LR test of
rho = 0), e(b)'s lnsig2u:_cons, replay with or, and errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
REF = {r["command"]: r for r in json.loads((ROOT / "tests" / "reference_values" / "meqr_reference.json").read_text())}


def _panel(seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(1, 61), 6)
    x = rng.normal(size=g.size)
    u = rng.normal(scale=1.0, size=61)[g]
    y = (rng.random(g.size) < 1 / (1 + np.exp(-(-0.2 + 0.8 * x + u)))).astype(float)
    return pd.DataFrame({"id": g, "x": x, "y": y, "c": rng.poisson(np.exp(0.3 + 0.5 * x + 0.5 * u)).astype(float)})


@pytest.mark.parametrize("command", [c for c in REF if c.startswith("xt")])
def test_estimates_match_lme4(shared_dir, new_session, run, command):
    ref = REF[command]
    data = "bangladesh" if "c_use" in command else "epilepsy"
    s = new_session()
    out, rc = run(s, f"use {shared_dir / 'data' / 'glmm' / (data + '.dta')}, clear\nquietly {command}")
    assert rc == 0, out
    e = s.e
    b = dict(zip(e.matrices["b"].colnames, e.matrices["b"].values[0]))
    se = dict(zip(e.matrices["V"].colnames, np.sqrt(np.diag(e.matrices["V"].values))))
    assert e.scalars["ll"] == pytest.approx(ref["loglik"], abs=1e-5)
    dep = e.macros["depvar"]
    for rname, coef in ref["fixed"].items():
        name = f"{dep}:{'_cons' if rname == '(Intercept)' else rname}"
        assert b[name] == pytest.approx(coef, abs=5e-5 * max(1, abs(coef))), name
        assert se[name] == pytest.approx(ref["se"][rname], rel=2e-3), name
    assert b["lnsig2u:_cons"] == pytest.approx(2 * ref["lns"], abs=1e-3)
    assert e.scalars["sigma_u"] == pytest.approx(np.exp(ref["lns"]), rel=1e-3)


def test_layout_and_replay_with_odds_ratios(do):
    rc, out, s = do("xtset id\nxtlogit y x, re nolog", _panel())
    assert rc == 0, out
    lines = out.splitlines()
    k = lines.index("Random-effects logistic regression              Number of obs      =       360")
    assert lines[k + 1] == "Group variable: id                              Number of groups   =        60"
    assert lines[k + 3].startswith("Random effects u_i ~ Gaussian                   Obs per group: min =")
    assert lines[k + 7] == "Integration method: mvaghermite                 Integration points =        12"
    assert lines[k + 10].startswith("Log likelihood  = ") and lines[k + 10][48:].startswith("Prob > chi2")
    t = lines.index("-------------+----------------------------------------------------------------", k + 13)
    names = [ln[:13] for ln in lines[t + 1:]]
    assert names[:7] == ["           x ", "       _cons ", "-------------", "    /lnsig2u ", "-------------",
                         "     sigma_u ", "         rho "]
    assert lines[t + 4][36:53] == " " * 17  # no z and P for /lnsig2u
    assert lines[t + 8] == "-" * 78
    lr = lines[t + 9]
    assert lr.startswith("Likelihood-ratio test of rho=0: chibar2(01) = ") and lr[54:73] == " Prob >= chibar2 = "
    assert len(lr) == 78
    e = s.e
    lnsig2u = e.matrices["b"].values[0, -1]
    assert e.matrices["b"].colnames == ("y:x", "y:_cons", "lnsig2u:_cons")
    assert e.scalars["rho"] == pytest.approx(np.exp(lnsig2u) / (np.exp(lnsig2u) + np.pi ** 2 / 3))
    assert e.cmd == "xtlogit" and e.macros["model"] == "re"
    rc, out, _ = do("xtlogit, or\nscalar v = exp([lnsig2u]_b[_cons])\ndisplay v/(v + _pi^2/3)", session=s)
    assert rc == 0 and "           y | Odds Ratio   Std. Err." in out
    assert float(out.splitlines()[-1]) == pytest.approx(e.scalars["rho"], rel=1e-6)


def test_probit_and_poisson_normal(do):
    rc, out, s = do("xtprobit y x, i(id) nolog", _panel())
    assert rc == 0 and "Random-effects probit regression" in out
    lnsig2u = s.e.matrices["b"].values[0, -1]
    assert s.e.scalars["rho"] == pytest.approx(np.exp(lnsig2u) / (np.exp(lnsig2u) + 1))
    rc, out, s = do("xtpoisson c x, i(id) re normal irr nolog", _panel())
    assert rc == 0, out
    assert "Random-effects Poisson regression" in out and "           c |        IRR" in out
    assert "rho" not in out and "Likelihood-ratio test of sigma_u=0: chibar2(01) = " in out
    # Stata 13's xtps_ren.ado: "... chibar2(01) = %8.2f Pr>=chibar2 = %5.3f", 78 columns
    lr = next(ln for ln in out.splitlines() if ln.startswith("Likelihood-ratio test of sigma_u=0"))
    assert len(lr) == 78 and lr[58:73] == " Pr>=chibar2 = "
    chi2 = s.e.scalars["chi2_c"]
    assert lr[50:58] == (f"{chi2:8.2f}" if 0.005 < chi2 < 1e4 else lr[50:58])


@pytest.mark.parametrize("text, rc, message", [
    ("xtlogit y x", 459, "panel variable not set"),
    ("xtlogit y x, i(id) irr", 198, "option irr not allowed"),
    ("xtprobit y x, i(id) or", 198, "option or not allowed"),
    ("xtlogit y x, i(id) intpoints(0)", 198, "intpoints()"),
    ("xtlogit y x [fw=id], i(id)", 101, "fweight not allowed for fixed- and random-effects cases"),
    ("xtpoisson c x, i(id) re intpoints(7)", 198, "option intpoints() not allowed"),
    ("xtlogit y x, i(id) fe re", 198, "options fe and re may not be combined"),
])
def test_errors(do, text, rc, message):
    got, out, _ = do(text, _panel())
    assert got == rc and message in out, out


def test_gamma_model_matches_numerical_integration(shared_dir, new_session, run):
    """xtpoisson, re against R's integrate() over the gamma-distributed effect
    (tests/reference_values/xtpoisson_gamma_reference.R)."""
    ref = json.loads((ROOT / "tests" / "reference_values" / "xtpoisson_gamma_reference.json").read_text())
    s = new_session()
    out, rc = run(s, f"use {shared_dir / 'data' / 'glmm' / 'epilepsy.dta'}, clear\n{ref['command']}")
    assert rc == 0, out
    e = s.e
    assert e.scalars["ll"] == pytest.approx(ref["loglik"], abs=1e-6)
    assert e.scalars["ll"] - e.scalars["chi2_c"] / 2 == pytest.approx(ref["ll_poisson"], abs=1e-6)
    b = e.matrices["b"].values[0]
    se = np.sqrt(np.diag(e.matrices["V"].values))
    assert e.matrices["b"].colnames[-1] == "lnalpha:_cons"
    np.testing.assert_allclose(b, ref["b"], atol=2e-6)
    np.testing.assert_allclose(se, ref["se"], rtol=1e-4)
    lines = out.splitlines()
    assert "Random effects u_i ~ Gamma                      Obs per group: min =         4" in lines
    assert not any(ln.startswith("Integration method") for ln in lines)
    assert any(ln.startswith("    /lnalpha |") for ln in lines) and any(ln.startswith("       alpha |") for ln in lines)
    assert lines[-1].startswith("Likelihood-ratio test of alpha=0: chibar2(01) = ")
    assert e.scalars["alpha"] == pytest.approx(np.exp(b[-1]))


def test_predict_xb_after_the_random_effects_models(do):
    rc, out, s = do("quietly xtpoisson c x, i(id) re\npredict xb\npredict s, stdp\n"
                    "quietly xtlogit y x, i(id) re\npredict xb2", _panel())
    assert rc == 0, out
    d = s.data
    assert np.isfinite(d.numeric("xb")).all() and (d.numeric("s") > 0).all()
    b = s.e.matrices["b"].values[0]
    np.testing.assert_allclose(d.numeric("xb2"), (b[0] * d.numeric("x") + b[1]).astype(np.float32), rtol=1e-6)
    rc, out, _ = do("predict f, fitted", session=s)
    assert rc == 198


def test_overflowing_interval_bounds_are_missing_without_warnings(do):
    """A near-zero variance with a huge bootstrap SE: /lnsig2u's interval runs to +-1e4, and
    _diparm's exp(.5*@) and exp(@)/(c+exp(@)) of the upper bound are Stata's missing (exp()
    overflows), shown ``.``, the lower ones 0 -- and numpy's overflow warnings do not leak."""
    import warnings

    from mlmcli.missing import stata_exp

    assert stata_exp(709.0) == pytest.approx(np.exp(709.0)) and np.isnan(stata_exp(710.0))
    assert stata_exp(-1e6) == 0.0 and np.isnan(stata_exp(float("nan")))
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        rc, out, s = do("clear\nset obs 120\nset seed 7\ngen g = ceil(_n/6)\ngen x = rnormal()\n"
                        "gen y = runiform() < invlogit(x)\nxtset g\n"
                        "xtlogit y x, re vce(bootstrap, reps(3) seed(2) nodots)")
    assert rc == 0, out
    b = s.e.matrices["b"].values.ravel()
    se = float(np.sqrt(s.e.matrices["V"].values[-1, -1]))
    hi = b[-1] + 1.959963984540054 * se
    assert hi / 2 > 710  # the case: exp() of the bound overflows
    rows = {ln.split("|")[0].strip(): ln.split("|")[1].split() for ln in out.splitlines()
            if ln.strip().startswith(("sigma_u |", "rho |"))}
    assert rows["sigma_u"][-2:] == ["0", "."] and rows["rho"][-2:] == ["0", "."]
    assert float(rows["sigma_u"][0]) == pytest.approx(np.exp(b[-1] / 2), rel=2e-3)  # shown to 3 digits
