"""xtregar (Baltagi-Wu AR(1) panel models) against the estimators written from first
principles in base R (tests/xtregar_reference/xtregar_reference.R) on Grunfeld's data,
balanced and with unequally spaced observations; layout of xtregar.ado's DispFE/DispRE;
options and errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = Path(__file__).parent / "xtregar_reference"


@pytest.fixture(scope="module")
def grunfeld():
    return pd.read_csv(REF / "grunfeld.csv")


@pytest.fixture(scope="module")
def reference():
    return json.loads((REF / "xtregar_reference.json").read_text())


def _run(do, data, text, gaps=False):
    prefix = "xtset company year\n" + ("drop in 47/48\ndrop in 5\n" if gaps else "")
    rc, out, s = do(prefix + text, data)
    assert rc == 0, out
    return out, s, s.e.matrices["b"].values.ravel(), np.sqrt(np.diag(s.e.matrices["V"].values))


@pytest.mark.parametrize("gaps", [False, True])
def test_fe_matches_r(do, grunfeld, reference, gaps):
    ref = reference["gaps" if gaps else "balanced"]
    out, s, b, se = _run(do, grunfeld, "xtregar invest mvalue kstock, fe lbi", gaps)
    r = ref["fe"]
    assert np.allclose(b, r["b"], rtol=1e-8) and np.allclose(se, r["se"], rtol=1e-8)
    for key in ("sigma_u", "sigma_e", "rho_fov", "F_f", "corr", "r2_w"):
        assert s.e.scalars[key] == pytest.approx(r[key], rel=1e-8), key
    assert s.e.scalars["rho_ar"] == pytest.approx(r["rho"], rel=1e-9)
    assert s.e.scalars["N"] == r["N"]
    assert s.e.scalars["d1"] == pytest.approx(ref["lbi"]["d1"], rel=1e-9)
    assert s.e.scalars["LBI"] == pytest.approx(ref["lbi"]["LBI"], rel=1e-9)


@pytest.mark.parametrize("gaps", [False, True])
def test_re_matches_r(do, grunfeld, reference, gaps):
    r = reference["gaps" if gaps else "balanced"]["re"]
    out, s, b, se = _run(do, grunfeld, "xtregar invest mvalue kstock", gaps)
    assert s.e.macros["model"] == "re"
    assert np.allclose(b, r["b"], rtol=1e-8) and np.allclose(se, r["se"], rtol=1e-8)
    for key in ("sigma_u", "sigma_e"):
        assert s.e.scalars[key] == pytest.approx(r[key], rel=1e-8)
    assert s.e.scalars["thta_min"] == pytest.approx(r["theta_min"], rel=1e-8)
    assert s.e.scalars["thta_max"] == pytest.approx(r["theta_max"], rel=1e-8)
    assert s.e.scalars["chi2"] == pytest.approx(r["chi2"], rel=1e-8)


def test_rho_options(do, grunfeld, reference):
    ref = reference["balanced"]
    _, s, _, _ = _run(do, grunfeld, "xtregar invest mvalue kstock, fe twostep")
    assert s.e.scalars["rho_ar"] == pytest.approx(ref["rho_twostep"], rel=1e-9)
    _, s, b, se = _run(do, grunfeld, "xtregar invest mvalue kstock, fe rhof(.5)")
    assert np.allclose(b, ref["fe_rhof"]["b"], rtol=1e-8) and np.allclose(se, ref["fe_rhof"]["se"], rtol=1e-8)
    assert "rhotype" not in s.e.macros


def test_fe_layout(do, grunfeld):
    out, s, _, _ = _run(do, grunfeld, "xtregar invest mvalue kstock, fe lbi")
    lines = out.splitlines()
    i = lines.index("FE (within) regression with AR(1) disturbances  Number of obs     =        190")
    assert lines[i:i + 11] == [
        "FE (within) regression with AR(1) disturbances  Number of obs     =        190",
        "Group variable: company                         Number of groups  =         10",
        "",
        "R-sq:                                           Obs per group:",
        "     within  = 0.5927                                         min =         19",
        "     between = 0.7989                                         avg =       19.0",
        "     overall = 0.7904                                         max =         19",
        "",
        "                                                F(2,178)          =     129.49",
        "corr(u_i, Xb)  = -0.0454                        Prob > F          =     0.0000",
        ""]
    assert "      rho_ar |  .67210609" in lines
    assert "     rho_fov |  .83286469   (fraction of variance because of u_i)" in lines
    assert lines[-3].startswith("F test that all u_i=0: F(9,178) = 11.53") and lines[-3].endswith("Prob > F = 0.0000")
    assert lines[-2:] == ["modified Bhargava et al. Durbin-Watson = .68447968", "Baltagi-Wu LBI = .95635625"]


def test_re_layout_unbalanced_shows_theta_quantiles(do, grunfeld):
    out, s, _, _ = _run(do, grunfeld, "xtregar invest mvalue kstock, re", gaps=True)
    assert "------------------- theta --------------------" in out
    assert "  min      5%       median        95%      max" in out
    assert "corr(u_i, Xb)      = 0 (assumed)                Prob > chi2       =     0.0000" in out
    assert "      rho_ar |" in out and "(estimated autocorrelation coefficient)" in out
    rc, out2, _ = do("xtregar, lbi", session=s)
    assert rc == 0 and "Baltagi-Wu LBI = " in out2


@pytest.mark.parametrize("text, rc, message", [
    ("xtregar invest mvalue, re fe", 198, "specify re or fe, not both"),
    ("xtregar invest mvalue, rhof(1.2)", 198, "|rho|<1, specify a valid rho"),
    ("xtregar invest mvalue, rhotype(dw) rhof(.3)", 198, "rho cannot be fixed and estimated"),
    ("xtregar invest mvalue, rhotype(onestep) twostep", 198, "cannot specify both onestep and twostep"),
    ("xtregar invest mvalue year", 198, "time variable may not be included in varlist"),
])
def test_errors(do, grunfeld, text, rc, message):
    got, out, _ = do("xtset company year\n" + text, grunfeld)
    assert got == rc and message in out


def test_predict(do, grunfeld, reference):
    """xtrar_p: xb with the adjusted constant, ue = y - xb, u per panel (R), e = y - xb - u."""
    out, s, b, _ = _run(do, grunfeld, "xtregar invest mvalue kstock, fe\npredict xb\npredict u, u\n"
                                      "predict e, e\npredict ue, ue")
    d = s.data
    xb = b[0] * d.numeric("mvalue") + b[1] * d.numeric("kstock") + b[2]
    assert np.allclose(d.numeric("xb"), xb, rtol=1e-6)
    assert np.allclose(d.numeric("ue"), d.numeric("invest") - xb, rtol=1e-5, atol=1e-4)
    u = d.numeric("u")
    first = d.numeric("year") == 1935
    assert np.isnan(u[first]).all()
    per_panel = pd.Series(u[~first]).groupby(d.numeric("company")[~first]).first().to_numpy()
    assert np.allclose(per_panel, reference["balanced"]["predict_u"], rtol=1e-6)
    e = d.numeric("e")
    assert np.allclose(e[~first], (d.numeric("invest") - xb - u)[~first], rtol=1e-5, atol=1e-4)
    rc, out, _ = do("predict z, u e", session=s)
    assert rc == 198 and "you can only predict one statistic at a time" in out


def test_fe_margins_use_the_reposted_sample(do, grunfeld):
    """xtregar.ado's fe branch drops each panel's first observation to fit (e(N) = 190 here), then
    ``ereturn repost ..., esample(`touse3')`` with the sample marked before that drop: e(sample)
    and so margins' rows hold every panel's first observation too (200), unlike e(N)."""
    out, s, b, _ = _run(do, grunfeld, "xtregar invest mvalue kstock, fe\nmargins")
    assert s.e.scalars["N"] == 190 and int(s.e.sample.sum()) == 200
    assert "Number of obs   =        200" in out
    xb = b[0] * grunfeld.mvalue + b[1] * grunfeld.kstock + b[2]
    assert s.r["table"].values[0, 0] == pytest.approx(xb.mean(), rel=1e-9)
