"""twoway fpfit/fpfitci ``estcmd()`` with the ML commands' own ``estopts()`` (offset(),
exposure(), vce(opg), technique(bhhh), nbreg's dispersion(constant), the maximiser's options),
``predopts(dresid)`` after logit, logistic, probit, nbreg, ologit and oprobit, and estcmd(glm)
with the gamma, inverse Gaussian, binomial-with-denominator and nbinomial ml families, glm's
scale(x2) and vfactor(); values from R (``tests/graphs_reference/fpfit_ml_options.R``)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import norm

from graphs_helpers import drawn, legend_texts, run
from test_graphs_fpfit_estcmd import _band_matches, _session

REFERENCE = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_ml_options.json").read_text())
NOTE = "(note:  fracpoly could not fit model)"


@pytest.fixture
def s():
    session = _session({k: REFERENCE[k] for k in ("x", "t", "yc", "yb", "yg", "ym", "ynb")})
    run(session, "generate lnt = ln(t)")
    return session


@pytest.mark.parametrize("text, key", [
    ("yc x, estcmd(poisson) estopts(exposure(t))", "poisson_exposure"),
    ("yc x, estcmd(poisson) estopts(offset(lnt) nolog nodisplay difficult tech(nr 5 bfgs) iter(100) tol(1e-7))",
     "poisson_exposure"),
    ("yc x, estcmd(glm) estopts(family(poisson) exposure(t) fisher(2) mu(yc))", "poisson_exposure"),
    ("yb x, estcmd(logit) estopts(vce(opg))", "logit_opg"),
    ("yb x, estcmd(logit) estopts(technique(bhhh) trace gradient showstep nocoef notable)", "logit_opg"),
    ("ynb x, estcmd(nbreg) estopts(dispersion(constant))", "nbreg_constant"),
    ("yg x, estcmd(glm) estopts(family(gamma) link(log))", "gamma_log"),
    ("yg x, estcmd(glm) estopts(family(igaussian) link(log) scale(x2) nodisplay)", "igaussian_log"),
    ("ym x, estcmd(glm) estopts(family(binomial 20) scale(x2) vfactor(2))", "binomial20"),
    ("ynb x, estcmd(glm) estopts(family(nbinomial ml) link(log))", "nbinomial_ml")])
def test_fits_match_r(s, text, key):
    """The line R's x b (with the kept observation's offset), the band -/+ invnormal(.975) stdp."""
    rtol = 1e-4 if key in ("nbreg_constant", "nbinomial_ml") else 1e-5
    _band_matches(s, f"twoway fpfitci {text} legend(on)", REFERENCE[key], rtol_xb=rtol, atol_xb=1e-6)


def test_the_offset_moves_the_curve_by_the_kept_observations_offset(s):
    with_offset, _ = drawn(s, "twoway fpfit yc x, estcmd(poisson) estopts(exposure(t))")
    partial, _ = drawn(s, "twoway fpfit yc x, estcmd(poisson) estopts(exposure(t)) predopts(for(x))")
    y = with_offset.panels[0].series[0].y - partial.panels[0].series[0].y
    x, yc, t = (np.asarray(REFERENCE[k], float) for k in ("x", "yc", "t"))
    kept = [np.flatnonzero(x == v)[np.argmin(yc[x == v])] for v in np.unique(x)]
    jumps = np.log(t[kept])  # for(x): x b with _b[_cons] but without the offset (fracpred's pcalc)
    np.testing.assert_allclose(y, jumps, atol=1e-9)


def test_poisson_deviance_residuals_with_the_exposure(s):
    """fracpred's Poisson residual with mu = exp(x b + ln t) of the kept observation."""
    graph, _ = drawn(s, "twoway fpfit yc x, estcmd(poisson) estopts(exposure(t)) predopts(dresid)")
    mu = np.exp(np.asarray(REFERENCE["poisson_exposure"]["xb"]))
    x, yc = np.asarray(REFERENCE["x"]), np.asarray(REFERENCE["yc"], float)
    y = np.array([yc[x == v].min() for v in np.unique(x)])
    with np.errstate(divide="ignore", invalid="ignore"):
        inner = np.where(y == 0, 2 * mu, 2 * (y * np.log(np.where(y > 0, y, 1) / mu) - (y - mu)))
    np.testing.assert_allclose(graph.panels[0].series[0].y, np.sign(y - mu) * np.sqrt(inner), rtol=1e-5, atol=1e-7)


def test_binomial_denominator_variable_is_the_number(s):
    run(s, "generate m = 20")
    number, _ = drawn(s, "twoway fpfitci ym x, estcmd(glm) estopts(family(binomial 20) scale(x2) vfactor(2))")
    variable, _ = drawn(s, "twoway fpfitci ym x, estcmd(glm) estopts(family(binomial m) scale(x2) vfactor(2))")
    for a, b in zip(number.panels[0].series, variable.panels[0].series):
        np.testing.assert_allclose(a.y, b.y, rtol=1e-10)
    run(s, "replace m = . in 3")  # glm drops the row, fracpoly's sample keeps it: test_graphs_fpfit_command_sample
    out, rc = run(s, "twoway fpfit ym x, estcmd(glm) estopts(family(binomial m))")
    assert rc == 0


def test_logit_deviance_residuals_at_the_kept_observations(s):
    graph, fig = drawn(s, "twoway fpfit yb x, estcmd(logit) predopts(dresid) legend(on)")
    np.testing.assert_allclose(graph.panels[0].series[0].y, REFERENCE["logit_dresid"]["dresid"], rtol=1e-5,
                               atol=1e-7)
    assert legend_texts(fig) == ["deviance residuals for yb"]
    same, _ = drawn(s, "twoway fpfit yb x, estcmd(logistic) predopts(dresid)")
    np.testing.assert_allclose(same.panels[0].series[0].y, graph.panels[0].series[0].y, rtol=1e-9)
    probit, _ = drawn(s, "twoway fpfit yb x, estcmd(probit) predopts(dresid)")
    p = norm.cdf(drawn(s, "twoway fpfit yb x, estcmd(probit)")[0].panels[0].series[0].y)
    x, yb = np.asarray(REFERENCE["x"]), np.asarray(REFERENCE["yb"])
    kept_y = np.array([yb[x == v].min() for v in np.unique(x)])
    expected = np.where(kept_y == 1, np.sqrt(-2 * np.log(p)), -np.sqrt(-2 * np.log1p(-p)))
    np.testing.assert_allclose(probit.panels[0].series[0].y, expected, rtol=1e-9)


def test_logit_deviance_residuals_with_frequency_weights(s):
    """fweights: the kept observation's pattern has M = its weight (predict's weighted deviance
    residual), and fracpred multiplies by sqrt(w / mean w) over the observations kept."""
    run(s, "generate w = 1 + mod(_n, 3)")
    graph, _ = drawn(s, "twoway fpfit yb x [fw=w], estcmd(logit) predopts(dresid)")
    fit, _ = drawn(s, "twoway fpfit yb x [fw=w], estcmd(logit)")
    p = 1 / (1 + np.exp(-fit.panels[0].series[0].y))
    x, yb = np.asarray(REFERENCE["x"]), np.asarray(REFERENCE["yb"])
    w = 1 + np.arange(1, len(x) + 1) % 3
    kept = [np.flatnonzero(x == v)[np.lexsort((np.arange((x == v).sum()), yb[x == v]))[0]] for v in np.unique(x)]
    m, y = w[kept], yb[kept]
    d = np.where(y == 1, np.sqrt(2 * m * -np.log(p)), -np.sqrt(2 * m * -np.log1p(-p)))
    np.testing.assert_allclose(graph.panels[0].series[0].y, d * np.sqrt(m / m.mean()), rtol=1e-9)


@pytest.mark.parametrize("text", [
    "twoway fpfit ynb x, estcmd(nbreg) predopts(dresid)", "twoway fpfit yc x, estcmd(ologit) predopts(dresid)",
    "twoway fpfit yc x, estcmd(oprobit) predopts(dresid)", "twoway fpfit yb x [pw=t], estcmd(logit) predopts(dresid)"])
def test_deviance_residuals_fracpred_leaves_missing(s, text):
    """fracpred: no residual after nbreg; ologit/oprobit's predict has no deviance and logit's
    fails with pweights -- captured, the variable stays missing: nothing drawn, no note."""
    out, rc = run(s, text)
    assert rc == 0 and NOTE not in out
    graph, fig = drawn(s, text + " legend(on)")
    assert np.all(np.isnan(graph.panels[0].series[0].y)) or len(graph.panels[0].series[0].y) == 0


def test_iterate_reached_keeps_the_result(s):
    """iterate() typed: ml's warning, fracpoly keeps the estimates (a line different from the
    converged one); iterate(0) draws the starting values' line."""
    full, _ = drawn(s, "twoway fpfit yb x, estcmd(logit)")
    short, _ = drawn(s, "twoway fpfit yb x, estcmd(logit) estopts(iterate(1))")
    a, b = full.panels[0].series[0].y, short.panels[0].series[0].y
    assert len(b) == len(a) and np.all(np.isfinite(b)) and not np.allclose(a, b, atol=1e-6)


@pytest.mark.parametrize("text", [
    "twoway fpfit yb x, estcmd(logit) estopts(exposure(t))", "twoway fpfit yc x, estcmd(poisson) estopts(nocoef)",
    "twoway fpfit yb x, estcmd(logit) estopts(iterate(-1))", "twoway fpfit yc x, estcmd(poisson) estopts(exposure(x) offset(t))",
    "twoway fpfit yg x, estcmd(glm) estopts(family(gamma) scale(dev))",
    "twoway fpfit yg x, estcmd(glm) estopts(family(gamma) disp(2))",
    "twoway fpfit yg x, estcmd(glm) estopts(family(gamma) irls)",
    "twoway fpfit yc x, estcmd(glm) estopts(family(poisson) irls scale(dev) disp(2))",
    "twoway fpfit yg x, estcmd(glm) estopts(family(gamma) scale(2) vce(robust))",
    "twoway fpfit yb x [pw=t], estcmd(logit) estopts(vce(opg))",
    "twoway fpfit yb x, estcmd(logit) estopts(technique(newton))",
    "twoway fpfit yc x, estcmd(glm) estopts(family(poisson) asis)",
    "twoway fpfit yb x, estcmd(logistic) estopts(noconstant)"])
def test_options_that_make_the_command_fail_give_the_note(s, text):
    """The command failing inside fracpoly, or (glm's irls: no e(ll)) fracpoly finding no powers."""
    out, rc = run(s, text)
    assert rc == 0 and NOTE in out, out
