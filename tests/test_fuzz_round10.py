"""Round 10 of the fuzz (tests/fuzz_round10_commands.py: gmm, ml, runmlwin, gllamm thresh()/mlogit,
ivpoisson cfunction and margins, set dp comma, graph close, cls, reghdfe savefe, greshape,
xtpqml, seeout, dummies, summarize with factor variables, Unicode names, rreg, 'i. x', values at
their limits and by:): the lines it found, run on the fuzz's own data with its checks (no
internal error, no hang, the data unchanged when the line fails) and the rc each now gives; then
a test of each behaviour."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from fuzz_round10_commands import BASE, ML_PROGRAMS

RUNMLWIN = ("generate cons = 1", "sort g tt")

# (shape, setup, line, rc) as the round-10 fuzz ran them (BASE's variables made first)
FOUND = [
    # reghdfe of a depvar near 8.98e307: the projections' group sums overflowed; now fitted on
    # y / 2^j and scaled back, as regress's fit_ols (round 3)
    ("huge", ("generate __hdfe1__ = 1",), "reghdfe y x1, absorb(fe1=g fe2=f)", 0),
    ("huge", (), "reghdfe y x1, absorb(g, savefe) vce(cluster f)", 0),
    # one new name for two fixed effects: the second would meet the first (it overwrote it)
    ("full", (), "reghdfe y x1, absorb(fe1=g fe1=f)", 110),
    # reghdfe.ado is `program reghdfe, eclass` (not byable)
    ("full", (), "bysort f: reghdfe y x1, absorb(g)", 190),
    # gllamm thresh(): BFGS's finite-difference gradient met a missing neighbour (inf - inf)
    ("full", ("eq thr: x2",), "gllamm y x1 in 1/12, i(g) link(ologit) thresh(thr) nip(3)", 430),
    # xtpqml of the null model (no covariates), of an omitted covariate and of one near 1e150
    ("full", ("xtset g t",), "xtpqml c, fe", 0),
    ("full", ("xtset g t",), "xtpqml c huge if b, fe", 0),
    ("magnitudes", ("xtset g t",), "xtpqml c huge if b, fe", 430),
    # ml: numerical derivatives at a point whose neighbours' lnL is missing, or past the double range
    ("strings", (ML_PROGRAMS, "ml model d0 mynormal_d0 (mu: y = huge) /lnsigma"), "ml maximize", 430),
    ("full", (ML_PROGRAMS, "ml model lf myprobit (b = huge)"), "ml maximize", 430),
    ("full", (ML_PROGRAMS, "ml model lf0 myprobit0 (b = huge)"), "ml maximize", 430),
    # runmlwin, complex level-1 variation at a boundary: the information's difference steps left V
    # not positive definite (TypeError); one observation: no residual variance to start from
    ("holes", RUNMLWIN, "quietly runmlwin y cons x1, level2(g: cons) level1(tt: cons x1) nopause", 0),
    ("one", RUNMLWIN, "runmlwin y cons x1, level2(g: cons) level1(tt: cons x1) nopause", 2001),
    # ml at b = 1e300 (seed 6): the lf differences' steps squared past the double range; then the
    # Newton rule logged a point that no longer moves up to iterate(1e300) -- an endless range:
    # iterate(1e300) is r(198), as logit's, and "(not concave)" repeats stop at the stall rule
    ("full", (ML_PROGRAMS, "ml model lf myprobit (b = x1) in 1", "ml init x1=1e300"), "ml maximize, iterate(1e300)", 198),
    ("full", (ML_PROGRAMS, "ml model lf myprobit (b = x1) in 1", "ml init x1=1e300"), "ml maximize, iterate(2147483648)", 0),
    # gllamm thresh(): iterate() empty was int('') after the fit; a Hessian with missing cells
    # (a neighbour's ln L missing) made pinv fail
    ("magnitudes", ("eq thr: x2",), "capture gllamm o x1, i(g) link(ologit) thresh(thr) nip(3) iterate()", 198),
    ("magnitudes", ("eq thr: x2",), "gllamm o x1, i(g) link(ologit) thresh(thr) nip(3)", 430),
    # ml maximize's level() is ml_max's cilevel: refused before the fit (after it, before)
    ("strings", (ML_PROGRAMS, "ml model d0 mynormal_d0 (mu: y = huge) /lnsigma"), "ml maximize, level(100)", 198),
    # runmlwin / mixed with a random-part variable near 1e300: the Gram matrix of the collinearity
    # sweep and the start's mean square overflowed
    ("full", RUNMLWIN, "runmlwin y cons x1, level2(g: cons) level1(tt: cons huge) nopause", 1400),
    ("full", RUNMLWIN, "runmlwin y cons x1, level2(g: cons huge) level1(tt: cons) nopause", 1400),
    ("full", (), "mixed y x1 || g: huge", 1400),
    # gmm igmm with igmmweps(0): a fixed point the criteria never call settled ran 16,000 steps
    # (minutes: a hang); the repeated steps are now logged without being run
    ("full", (), "capture noisily gmm (c - exp({xb: x1 x2} + {b0})), instruments(x1 z1 z2) igmm igmmweps(0) iterate(1)", 0),
    # c.huge#c.huge past the double range: missing, as Stata's product (an overflow before)
    ("full", (), "summarize c. huge#c. huge x1", 0),
]


@pytest.mark.parametrize("shape,setup,line,rc", FOUND, ids=[f[2] for f in FOUND])
def test_round10_lines_run_as_stata_does(tmp_path, monkeypatch, shape, setup, line, rc):
    import fuzz_commands as fc

    monkeypatch.setattr(fc, "LIMIT", 20.0)
    fc.assert_line_runs(str(tmp_path), shape, BASE + tuple(setup), line, rc)


def _panel(n=60, seed=10):
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(1.0, 7.0), n // 6)
    f = np.tile([1.0, 2.0, 3.0], n // 3)
    x = rng.normal(size=n)
    y = 1 + 0.5 * x + 0.3 * g + 0.2 * f + rng.normal(size=n)
    return pd.DataFrame({"y": y, "x": x, "g": g, "f": f, "c": rng.poisson(np.exp(0.2 + 0.3 * x)).astype(float),
                         "t": np.tile(np.arange(1.0, n // 6 + 1), 6)})


# ------------------------------------------------------------------ reghdfe
def test_reghdfe_of_a_depvar_past_2_480_is_the_fit_of_y_over_a_power_of_two(do):
    """y times 2^1000: b, the saved fixed effects and rmse are 2^1000 times those of y (exact),
    R2 the same, ln L less N ln 2^1000."""
    df = _panel()
    big = df.assign(y=df["y"] * 2.0 ** 1000)
    line = "reghdfe y x, absorb(fe1=g fe2=f)"
    rc, out, small = do(line, df=df)
    assert rc == 0, out
    rc, out, large = do(line, df=big)
    assert rc == 0 and "internal error" not in out, out
    scale = 2.0 ** 1000
    np.testing.assert_allclose(large.e.matrices["b"].values, small.e.matrices["b"].values * scale, rtol=1e-12)
    for name in ("fe1", "fe2"):
        np.testing.assert_allclose(large.data.df[name], small.data.df[name] * scale, rtol=1e-9, atol=1e-9 * scale)
    assert large.e.scalars["r2"] == pytest.approx(small.e.scalars["r2"], rel=1e-12)
    assert large.e.scalars["rmse"] == pytest.approx(small.e.scalars["rmse"] * scale, rel=1e-12)
    assert large.e.scalars["ll"] == pytest.approx(small.e.scalars["ll"] - len(df) * np.log(scale), rel=1e-12)
    assert np.isnan(large.e.scalars["rss"])  # rss * 2^2000 is past the largest double: missing


def test_reghdfe_refuses_one_name_for_two_fixed_effects_and_by(do):
    df = _panel()
    rc, out, session = do("reghdfe y x, absorb(fe1=g fe1=f)", df=df)
    assert rc == 110 and "variable fe1 already defined" in out, out
    assert "fe1" not in session.data.varnames
    rc, out, _ = do("bysort f: reghdfe y x, absorb(g)", df=df)
    assert rc == 190 and "may not be combined with by" in out, out


# ------------------------------------------------------------------ xtpqml
def test_xtpqml_without_covariates_shows_the_null_model_and_a_wald_test_of_nothing(do):
    rc, out, session = do("xtset g t\nxtpqml c, fe", df=_panel())
    assert rc == 0 and "internal error" not in out, out
    assert "Wald chi2(0) =     0.00" in out and "Prob > chi2 =        ." in out, out
    assert session.e.scalars["chi2"] == 0 and np.isnan(session.e.scalars["p"])


# ------------------------------------------------------------------ ml
def test_ml_derivatives_past_the_double_range_are_mls_r430(do):
    df = _panel().assign(b=lambda d: (d["y"] > d["y"].median()).astype(float), huge=lambda d: d["x"] * 1e300)
    for model in ("ml model lf myprobit (b = huge)", "ml model lf0 myprobit0 (b = huge)",
                  "ml model d0 mynormal_d0 (mu: y = huge) /lnsigma"):
        rc, out, session = do(ML_PROGRAMS + model + "\nml maximize", df=df)
        assert rc == 430, (model, out)
        assert "could not calculate numerical derivatives -- discontinuous region with missing values encountered" in out
        assert list(session.data.df.columns) == list(df.columns)
    rc, out, _ = do(ML_PROGRAMS + "ml model lf myprobit (b = x)\nml maximize", df=df)  # ordinary data fit as before
    assert rc == 0, out


# ------------------------------------------------------------------ runmlwin
def test_runmlwin_complex_level1_at_a_boundary_has_standard_errors(do):
    """The level-1 variance function at zero for some row: the observed information's
    difference steps leave V not positive definite; the expected information there is used."""
    from fuzz_command_lines import fresh_session
    from mlmcli.runner import Runner

    session = fresh_session("holes")
    runner = Runner(session)
    for line in BASE + RUNMLWIN:
        runner.run_text(line, echo=False)
    rc = runner.run_text("runmlwin y cons x1, level2(g: cons) level1(tt: cons x1) nopause", echo=False)
    assert rc == 0, session.out.stream.getvalue()
    se = np.sqrt(np.diag(session.e.matrices["V"].values))
    assert np.all(np.isfinite(se)) and np.all(se[:2] > 0)


def test_runmlwin_on_as_many_rows_as_fixed_parameters_is_insufficient_observations(do):
    df = _panel().assign(cons=1.0, tt=lambda d: np.arange(1.0, len(d) + 1))
    rc, out, _ = do("runmlwin y cons in 1, level2(g: cons) level1(tt: cons x) nopause", df=df)
    assert rc == 2001 and "insufficient observations" in out, out


# ------------------------------------------------------------------ factor variables
def test_summarize_of_a_product_past_the_double_range_has_no_observations(do):
    df = _panel().assign(huge=lambda d: d["x"] * 1e300)
    rc, out, _ = do("summarize c.huge#c.huge c.x#c.x", df=df)
    assert rc == 0 and "internal error" not in out, out
    rows = {line.split("|")[0].strip(): line.split("|")[1].split() for line in out.splitlines() if "|" in line}
    assert rows["c.huge#c.h~e"] == ["0"] and rows["c.x#c.x"][0] == str(len(df))


def test_margins_dydx_reads_a_blank_after_the_operator_as_the_varlists_do(do):
    df = _panel()
    rc, typed_apart, _ = do("regress y i.f x\nmargins, dydx(i. f c. x)", df=df)
    assert rc == 0, typed_apart
    _, joined, _ = do("regress y i.f x\nmargins, dydx(i.f c.x)", df=df)
    assert "dy/dx" in joined and typed_apart == joined


# ------------------------------------------------------------------ gmm
def test_gmm_igmm_at_a_fixed_point_logs_the_remaining_steps_without_running_them(do):
    """igmmweps(0) can never be met; once b and W repeat to the last bit every later step is the
    same, so the log shows all igmmiterate() steps and the estimates are the fixed point's."""
    df = _panel()
    line = "gmm (c - exp({xb: x} + {b0})), instruments(x t) igmm igmmweps(0) igmmiterate(400)"
    rc, out, session = do(line, df=df)
    assert rc == 0 and "Step 401" in out and "Step 402" not in out, out
    rc, out_default, usual = do(line.replace(" igmmweps(0) igmmiterate(400)", ""), df=df)
    np.testing.assert_allclose(session.e.matrices["b"].values, usual.e.matrices["b"].values, rtol=1e-6)
