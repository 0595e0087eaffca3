"""xtabond and xtdpdsys (Arellano-Bond / Blundell-Bond GMM) on the Arellano-Bond firm data:
numbers against R's plm (tests/dynamic_panel_reference/xtabond_plm.R: its conventions and how
the test bridges them) and against Stata's printed output (the [XT] xtabond manual's AR tests,
quoted in plm's inst/tests/test_mtest.R, https://rdrr.io/github/ycroissant/plm/src/inst/tests/test_mtest.R;
the [XT] xtdpd manual's system example, reproduced in
https://studylibfr.com/doc/10134072/dynamic-panel-data-analysis---stata); layout from
xtdpd.ado's HDisplay and xtdpd_estat.ado; predict; errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = Path(__file__).parent / "dynamic_panel_reference"
MODEL = "xtabond n l(0/1).w l(0/2).(k ys), lags(2) noconstant"
EXAMPLE = "xtabond n l(0/1).w l(0/2).(k ys) yr1980-yr1984 year, lags(2) noconstant"


@pytest.fixture(scope="module")
def abdata():
    return pd.read_csv(REF / "abdata.csv")


@pytest.fixture(scope="module")
def floats(abdata):
    """The data as Stata's abdata.dta holds them: n, w, k and ys stored as float."""
    d = abdata.copy()
    for v in ("n", "w", "k", "ys"):
        d[v] = d[v].astype(np.float32).astype(float)
    return d


@pytest.fixture(scope="module")
def plm():
    return json.loads((REF / "xtabond_plm.json").read_text())


def _fit(do, data, text):
    rc, out, s = do("xtset id year\n" + text, data)
    assert rc == 0, out
    return out, s, s.e.matrices["b"].values.ravel(), np.sqrt(np.diag(s.e.matrices["V"].values))


def test_one_step_matches_plm(do, abdata, plm):
    _, s, b, se = _fit(do, abdata, MODEL + " vce(robust)")
    assert list(s.e.matrices["b"].colnames) == plm["names"]
    assert np.allclose(b, plm["onestep_b"], rtol=1e-8)
    assert np.allclose(se, plm["onestep_se_robust"], rtol=1e-7)
    assert s.e.macros["vcetype"] == "Robust" and "sargan" not in s.e.scalars
    assert (s.e.scalars["N"], s.e.scalars["N_g"], s.e.scalars["g_min"], s.e.scalars["g_max"]) == (611, 140, 4, 6)


def test_two_step_and_windmeijer_match_plm(do, abdata, plm):
    _, s, b, se = _fit(do, abdata, MODEL + " twostep")
    assert np.allclose(b, plm["twostep_b"], rtol=1e-7)
    assert np.allclose(se, plm["twostep_se"], rtol=1e-6)
    assert s.e.scalars["sargan"] == pytest.approx(plm["twostep_sargan"][0], rel=1e-7)
    assert s.e.scalars["zrank"] - len(b) == plm["sargan_df"][0]
    _, s, b, se = _fit(do, abdata, MODEL + " twostep vce(robust)")
    assert np.allclose(se, plm["twostep_se_windmeijer"], rtol=1e-6)
    assert s.e.macros["vcetype"] == "WC-Robust"


def _ar_lines(out):
    return [ln for ln in out.splitlines() if ln.startswith("  |   ")]


def test_ar_tests_and_sargan_as_stata_prints_them(do, floats):
    """[XT] xtabond examples 1 and 2 (yr1980-yr1984 year, noconstant): m1 = -3.9394 (p = 0.0001),
    m2 = -.54239 (0.5876); with vce(robust) -3.5996 (0.0003) and -.51603 (0.6058)."""
    rc, out, s = do(f"xtset id year\n{EXAMPLE}\nestat abond\nestat sargan\n{EXAMPLE} vce(robust)\nestat abond",
                    floats)
    assert rc == 0, out
    assert _ar_lines(out) == ["  |   1  |-3.9394  0.0001 |", "  |   2  |-.54239  0.5876 |",
                              "  |   1  |-3.5996  0.0003 |", "  |   2  |-.51603  0.6058 |"]
    box = out[out.index("Arellano-Bond test for zero"):].splitlines()
    assert box[1:4] == ["  +-----------------------+", "  |Order |  z     Prob > z|", "  |------+----------------|"]
    assert "Number of instruments =     41" in out
    assert "        chi2(25)     =  " in out and "        Prob > chi2  =    0.0000" in out


def test_system_gmm_matches_stata_example(do, floats):
    """xtdpdsys n L(0/2).(w k) yr1980-yr1984 year, vce(robust) = the [XT] xtdpd manual's example
    1, to the digits printed."""
    text = "xtdpdsys n L(0/2).(w k) yr1980-yr1984 year, lags(1) vce(robust)\nestat abond, artests(4)"
    out, s, b, se = _fit(do, floats, text)
    stata_b = [.8221535, -.5427935, .3703602, -.0726314, .3638069, -.1222996, -.0901355, -.0308622,
               -.0718417, -.0384806, -.0121768, -.0050903, .0058631, -10.59198]
    stata_se = [.093387, .1881721, .1656364, .0907148, .0657524, .0701521, .0344142, .016946, .0293223,
                .0373631, .0498519, .0655011, .0119867, 23.92087]
    assert np.allclose(b, stata_b, rtol=3e-6, atol=1e-7)  # _cons: 7 digits of -10.59198
    assert np.allclose(se, stata_se, rtol=1e-6, atol=1e-7)
    assert s.e.scalars["zrank"] == 47 and s.e.scalars["df_m"] == 13
    assert [ln[10:17] for ln in _ar_lines(out)] == ["-4.6414", "-1.0572", "-.19492", " .04472"]
    assert ("        Standard: D.w LD.w L2D.w D.k LD.k L2D.k D.yr1980 D.yr1981 D.yr1982\n"
            "                  D.yr1983 D.yr1984 D.year\nInstruments for level equation\n"
            "        GMM-type: LD.n\n        Standard: _cons") in out


def test_header_layout(do, abdata):
    out, s, _, _ = _fit(do, abdata, EXAMPLE)
    lines = out.splitlines()
    i = lines.index("Arellano-Bond dynamic panel-data estimation     Number of obs     =        611")
    assert lines[i:i + 12] == [
        "Arellano-Bond dynamic panel-data estimation     Number of obs     =        611",
        "Group variable: id                              Number of groups  =        140",
        "Time variable: year",
        "                                                Obs per group:",
        "                                                              min =          4",
        "                                                              avg =   4.364286",
        "                                                              max =          6",
        "",
        "Number of instruments =     41                  Wald chi2(16)     =    1757.07",
        "                                                Prob > chi2       =     0.0000",
        "One-step results",
        "-" * 78]
    assert "        GMM-type: L(2/.).n" in lines
    assert "Instruments for level equation" not in out


def test_constant_from_level_equation(do, abdata):
    """With a constant, xtabond adds a level equation whose one instrument is 1: the one-step
    slopes are the noconstant ones (block-diagonal weight) and _cons the mean level residual."""
    _, s0, b0, _ = _fit(do, abdata, "xtabond n l(0/1).w k")
    rc, out, s = do("xtset id year\nxtabond n l(0/1).w k, noconstant", abdata)
    b1 = s.e.matrices["b"].values.ravel()
    assert np.allclose(b0[:-1], b1, rtol=1e-9)
    d = abdata.sort_values(["id", "year"])
    lag = d.groupby("id")[["n", "w"]].shift(1)
    resid = d["n"] - (b0[0] * lag["n"] + b0[1] * d["w"] + b0[2] * lag["w"] + b0[3] * d["k"])
    assert b0[-1] == pytest.approx(resid.dropna().mean(), rel=1e-9)
    assert s0.e.macros["system"] == "system" and s0.e.scalars["N"] == 751
    assert "        Standard: _cons" in _fit(do, abdata, "xtabond n l(0/1).w k")[0]


def test_predict(do, abdata):
    rc, out, s = do("xtset id year\n" + MODEL + "\npredict xb\npredict res, e\npredict dres, e difference\n"
                    "predict sd, stdp", abdata)
    assert rc == 0, out
    assert "(option xb assumed; fitted values)" in out
    ds = s.data
    b = s.e.matrices["b"].values.ravel()
    X = np.column_stack([ds.numeric(n) for n in s.e.matrices["b"].colnames])
    xb = X @ b
    ok = np.isfinite(xb)
    assert np.allclose(ds.numeric("xb")[ok], xb[ok], rtol=1e-6)
    assert np.allclose(ds.numeric("res")[ok], (ds.numeric("n") - xb)[ok], rtol=1e-5, atol=1e-6)
    assert np.isfinite(ds.numeric("dres")).sum() == 611
    rc, out, _ = do("predict z, stdp difference", session=s)
    assert rc == 198 and "stdp not allowed with difference" in out


@pytest.mark.parametrize("text, rc, message", [
    ("xtabond n w, lags(0)", 198, "lags of dependent variable must >=1"),
    ("xtabond n w, vce(cluster id)", 198, "vcetype 'cluster' not allowed"),
    ("xtabond n w, artests(9)", 498, "artests() cannot exceed the number of time periods"),
    ("xtabond L.n w", 198, "depvar may not contain time-series operators"),
    ("xtdpdsys n w, inst(k)", 198, "option inst() not allowed with xtdpdsys"),
    ("xtabond n w\nestat abond", 198, "artests not computed for one-step system estimator with vce(gmm)"),
])
def test_errors(do, abdata, text, rc, message):
    got, out, _ = do("xtset id year\n" + text, abdata)
    assert got == rc and message in out


def test_needs_xtset_and_replays(do, abdata):
    rc, out, _ = do("xtabond n w", abdata)
    assert rc == 459 and "must specify panelvar and timevar; use xtset" in out
    rc, out, s = do("xtset id year\n" + MODEL + "\nxtabond, level(90)", abdata)
    assert rc == 0 and out.count("Arellano-Bond dynamic panel-data estimation") == 2 and "[90% Conf. Interval]" in out
    rc, out, _ = do("test L.n L2.n", session=s)
    assert rc == 0 and "chi2(  2)" in out


@pytest.mark.parametrize("key, options", [
    ("pre", "pre(w)"), ("endogenous", "endogenous(w)"), ("maxlags", "pre(w) maxldep(2) maxlags(2)")])
def test_predetermined_and_endogenous_match_plm(do, abdata, plm, key, options):
    """pre(w): w's levels lagged 1 and more as GMM-type instruments, endogenous(w) lagged 2 and
    more; maxldep(2)/maxlags(2) cut them at lags 3 and 2 (plm: lag(log(wage), 1:99) ...)."""
    ref = plm[key]
    _, s, b, se = _fit(do, abdata, f"xtabond n k, {options} noconstant vce(robust)")
    assert list(s.e.matrices["b"].colnames) == ["L.n", "w", "k"]
    assert np.allclose(b, ref["onestep_b"], rtol=1e-7) and np.allclose(se, ref["onestep_se_robust"], rtol=1e-6)
    _, s, b, se = _fit(do, abdata, f"xtabond n k, {options} noconstant twostep vce(robust)")
    assert np.allclose(b, ref["twostep_b"], rtol=1e-6) and np.allclose(se, ref["twostep_se_windmeijer"], rtol=1e-5)
    _, s, _, _ = _fit(do, abdata, f"xtabond n k, {options} noconstant twostep")
    assert s.e.scalars["sargan"] == pytest.approx(ref["twostep_sargan"][0], rel=1e-6)
    assert s.e.scalars["zrank"] - 3 == ref["sargan_df"][0]


def test_collinear_regressor_is_omitted(do, abdata):
    rc, out, s = do("xtset id year\ngenerate w2 = 2*w\nxtabond n w w2, noconstant", abdata)
    assert rc == 0 and "note: w2 omitted because of collinearity" in out
    assert list(s.e.matrices["b"].colnames) == ["L.n", "w"]
    rc, out, _ = do("xtset id year\nxtabond n w [fw=id]", abdata)
    assert rc == 101 and "weights not allowed" in out
    rc, out, _ = do("xtset id year\nxtabond n i.id", abdata)
    assert rc == 101 and "factor-variable operators not allowed" in out
