"""prais: numbers against R (tests/time_series_reference/prais.R: the quasi-differenced
regression fitted by lm() from first principles, sandwich's HC1 for vce(robust)), the layout
prais.ado displays, predict/test after it and prais.ado's errors."""
from __future__ import annotations


import numpy as np
import pytest

from time_series_helpers import SERIES, reference, run_tsset

REF = reference("prais")


def _fit(do, text, setup="tsset t\n"):
    return run_tsset(do, text, setup.split()[1])


def _check(s, ref, se=True):
    b = s.e.matrices["b"].values.ravel()
    np.testing.assert_allclose(b, np.atleast_1d(ref["b"]), rtol=1e-6)
    if se:
        np.testing.assert_allclose(np.sqrt(np.diag(s.e.matrices["V"].values)), np.atleast_1d(ref["se"]), rtol=1e-6)
    sc = s.e.scalars
    assert sc["rho"] == pytest.approx(ref["rho"], rel=1e-9)
    assert sc["ic"] == ref["iterations"] and sc["N"] == ref["N"]
    for key in ("rss", "mss", "F", "r2", "r2_a", "rmse", "dw", "dw_0"):
        assert sc[key] == pytest.approx(ref[key], rel=1e-6), key


@pytest.mark.parametrize("case,options", [("pw", ""), ("corc", ", corc"), ("twostep", ", twostep"),
                                          ("robust", ", vce(robust)"), ("rhotype_freg", ", rhotype(freg)"),
                                          ("rhotype_tscorr", ", rhotype(tscorr)"), ("rhotype_dw", ", rhotype(dw)"),
                                          ("rhotype_theil", ", rhotype(theil)"), ("rhotype_nagar", ", rhot(nag)")])
def test_against_r(do, case, options):
    _, s = _fit(do, f"prais y x1 x2{options}")
    _check(s, REF[case])


def test_noconstant(do):
    _, s = _fit(do, "prais y x1, noconstant")
    _check(s, REF["nocons"])
    assert s.e.scalars["df_m"] == 1 and s.e.macros["cons"] == "noconstant"


@pytest.mark.parametrize("case,options", [("gaps_pw", ""), ("gaps_corc", ", corc")])
def test_gaps_restart_rho(do, case, options):
    printed, s = _fit(do, f"prais y x1 x2{options}", setup="tsset tg\n")
    _check(s, REF[case])
    assert "Number of gaps in sample:  2\n(note: computations for rho restarted at each gap)" in printed
    assert s.e.scalars["N_gaps"] == 2


def test_ssesearch_minimises_sse(do):
    _, s = _fit(do, "prais y x1 x2, ssesearch")
    assert s.e.scalars["rho"] == pytest.approx(REF["ssesearch_rho"], abs=1e-6)
    assert s.e.macros["method"] == "SSE search"


def test_layout(do):
    printed, s = _fit(do, "prais y x1 x2")
    ref = REF["pw"]
    log = ["", "Iteration 0:  rho = 0.0000"] + [f"Iteration {i}:  rho = {r:6.4f}" for i, r in
                                                enumerate(ref["log"], start=1)]
    lines = printed.split("\n")
    start = lines.index("Iteration 0:  rho = 0.0000") - 2
    assert lines[start + 1:start + 2 + len(ref["log"]) + 1] == log
    body = lines[start + 2 + len(ref["log"]) + 1:]
    assert body[:4] == ["", "Prais-Winsten AR(1) regression -- iterated estimates", "",
                        "      Source |       SS       df       MS              Number of obs =      60"]
    assert body[4].endswith("F(  2,    57) =   17.73")
    while body and body[-1] == "":
        body.pop()
    tail = body[-5:]
    assert tail[0] == "-------------+" + "-" * 64
    assert tail[1] == "         rho |   .6468185"
    assert tail[2] == "-" * 78
    assert tail[3] == f"Durbin-Watson statistic (original)    {ref['dw_0']:8.6f}"
    assert tail[4] == f"Durbin-Watson statistic (transformed) {ref['dw']:8.6f}"


def test_corc_title_nodw_nolog_robust(do):
    printed, s = _fit(do, "prais y x1 x2, corc twostep nodw nolog vce(robust)")
    assert "Cochrane-Orcutt AR(1) regression -- twostep estimates" in printed
    assert "Iteration" not in printed and "Durbin-Watson" not in printed
    assert "Semirobust" in printed and s.e.macros["vcetype"] == "Semirobust"
    assert s.e.macros["tranmeth"] == "corc" and s.e.macros["method"] == "twostep"


def test_predict_and_test(do):
    printed, s = _fit(do, "prais y x1 x2\npredict xb\npredict e, resid\npredict se, stdp\ntest x1 x2")
    assert "(option xb assumed; fitted values)" in printed
    np.testing.assert_allclose(s.data.numeric("xb"), np.array(REF["pw"]["xb"], dtype=np.float32), rtol=1e-6)
    np.testing.assert_allclose(s.data.numeric("e"), (SERIES["y"] - np.array(REF["pw"]["xb"])).astype(np.float32),
                               rtol=1e-5, atol=1e-6)
    b = s.e.matrices["b"].values.ravel()[:2]
    V = s.e.matrices["V"].values[:2, :2]
    assert s.r["F"] == pytest.approx(float(b @ np.linalg.solve(V, b)) / 2, rel=1e-9)


@pytest.mark.parametrize("text,rc,message", [
    ("prais y x1 x2, twostep ssesearch", 198, "options twostep and ssesearch are mutually exclusive"),
    ("prais y x1 x2, beta", 198, "Options beta, depname() not allowed"),
    ("prais y x1 x2 [aw=x2]", 101, "weights not allowed"),
    ("prais y x1 x2, rhotype(foo)", 198, "Invalid option for rho(rho_method):  , k(4) foo"),
    ("prais y x1 x2\npredict h, hat", 198, "hat invalid"),
    ("regress y x1\nprais", 301, "last estimates not found"),
])
def test_errors(do, text, rc, message):
    got, printed, _ = do("tsset t\n" + text, SERIES.copy())
    assert got == rc and message in printed, printed


def test_needs_tsset(do):
    rc, printed, _ = do("prais y x1 x2", SERIES.copy())
    assert rc == 111 and "time variable not set" in printed


def test_nonconvergence_is_r430_after_the_table(do):
    rc, printed, s = do("tsset t\nprais y x1 x2, iterate(2)", SERIES.copy())
    assert rc == 430 and "convergence not achieved" in printed and "Durbin-Watson" in printed
    assert s.e.macros["converge"] == "false"


@pytest.mark.parametrize("case,options", [("panel_pw", ""), ("panel_corc", ", corc")])
def test_panel_data(do, case, options):
    """xtset data: rho pooled over the panels, each panel's first row a run's first row; tsreport's
    gap count includes the panel change, as tsreport under version 6 counts it."""
    data = SERIES.assign(id=np.repeat([1.0, 2.0], 30), tp=np.tile(np.arange(1.0, 31.0), 2))
    rc, printed, s = do(f"xtset id tp\nprais y x1 x2{options}", data)
    assert rc == 0, printed
    _check(s, REF[case])
    assert "Number of gaps in sample:  1   (gap count includes panel changes)" in printed


def test_negative_model_ss_is_shown_as_stata_shows_it():
    """RSS above the centred TSS of y* (possible: the transformed constant varies): model SS 0,
    F 0 with Prob > F 1, R-squared missing -- as in a published Stata log of prais."""
    from mlmcli.commands.estimation.prais import clamp_model_ss
    from mlmcli.ols import fit_ols

    y = np.array([1.0, 1.01, 0.99, 1.0, 1.02])
    X = np.column_stack([np.arange(1.0, 6.0), np.array([0.2, -0.1, 0.3, 0.0, 0.1])])
    fit = fit_ols(y, X, constant=True)
    assert fit.mss < 0
    fixed = clamp_model_ss(fit)
    assert fixed.mss == 0 and fixed.F == 0 and fixed.p_F == 1 and np.isnan(fixed.r2) and np.isnan(fixed.r2_a)
    assert fixed.tss == fit.tss and fixed.rss == fit.rss
