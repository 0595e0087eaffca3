"""twoway fpfit/fpfitci ``estcmd(glm)`` with ``estopts(family() link())``: the powers by
glm's deviance, fracpred's x b and stdp, the band with the normal quantile, glm's deviance
residuals; values from R (``tests/graphs_reference/fpfit_glm.R``, ``fpfit_glm.json``; the
binomial-logit and Poisson glm against the estcmd(logit|poisson) values of ``fpfit_estcmd.json``)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from graphs_helpers import drawn, legend_texts, run
from test_graphs_fpfit_estcmd import REFERENCE as ESTCMD, _band_matches, _session

REFERENCE = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_glm.json").read_text())
NOTE = "(note:  fracpoly could not fit model)"


@pytest.fixture
def s():
    columns = {k: REFERENCE[k] for k in ("x", "yg", "yb")}
    columns["w"] = np.arange(len(REFERENCE["x"])) % 3 + 1
    columns["yc"] = np.arange(len(REFERENCE["x"])) % 4
    return _session(columns)


@pytest.mark.parametrize("y, options, key", [
    ("yg", "", "gaussian"), ("yg", "family(gaussian) link(identity)", "gaussian"),
    ("yg", "fam(gau) eform nolog", "gaussian"), ("yb", "family(binomial) link(cloglog)", "cloglog"),
    ("yb", "fam(bin) link(cl) vce(oim)", "cloglog")])
def test_glm_fits_match_r(s, y, options, key):
    graph, fig, band, line = _band_matches(s, f"twoway fpfitci {y} x, estcmd(glm) estopts({options}) legend(on)",
                                           REFERENCE[key])
    lo, hi = fig.axes[0].get_ylim()
    assert lo <= band.y.min() and hi >= band.y2.max()
    assert legend_texts(fig) == ["95% CI", "Fitted values"]


@pytest.mark.parametrize("y, options, key", [
    ("yb", "family(binomial)", "logit"), ("yb", "family(binomial) link(probit)", "probit"),
    ("yc", "family(poisson) link(log)", "poisson")])
def test_glm_is_logit_probit_and_poisson_for_their_families(y, options, key):
    s = _session({k: ESTCMD[k] for k in ("x", "yb", "yc")})
    _band_matches(s, f"twoway fpfitci {y} x, estcmd(glm) estopts({options}) legend(on)", ESTCMD[key])


def test_gaussian_glm_is_regress_with_the_normal_quantile(s):
    """The same powers and line as regress's fpfit; the band's half-width regress's stdp times
    invnormal(.975), not invttail(e(df_r), .025): glm keeps no e(df_r)."""
    glm, _ = drawn(s, "twoway fpfitci yg x, estcmd(glm)")
    reg, _ = drawn(s, "twoway fpfitci yg x")
    np.testing.assert_allclose(glm.panels[0].series[1].y, reg.panels[0].series[1].y, rtol=1e-9)
    g_band, r_band = glm.panels[0].series[0], reg.panels[0].series[0]
    ratio = (g_band.y2 - g_band.y) / (r_band.y2 - r_band.y)
    from scipy.stats import norm, t
    np.testing.assert_allclose(ratio, norm.ppf(0.975) / t.ppf(0.975, len(REFERENCE["x"]) - 3), rtol=1e-8)


@pytest.mark.parametrize("y, options, key", [("yg", "family(gaussian)", "gaussian"),
                                             ("yb", "family(binomial) link(cloglog)", "cloglog")])
def test_glm_deviance_residuals(s, y, options, key):
    graph, fig = drawn(s, f"twoway fpfit {y} x, estcmd(glm) estopts({options}) predopts(dresid) legend(on)")
    line = graph.panels[0].series[0]
    np.testing.assert_allclose(line.x, REFERENCE[key]["at"])
    np.testing.assert_allclose(line.y, REFERENCE[key]["dresid"], rtol=1e-5, atol=1e-7)
    assert legend_texts(fig) == [f"deviance residuals for {y}"]


def test_frequency_weights_are_the_rows_repeated(s):
    weighted, _ = drawn(s, "twoway fpfitci yb x [fw=w], estcmd(glm) estopts(family(binomial) link(cloglog))")
    rows = np.repeat(np.arange(len(REFERENCE["x"])), np.arange(len(REFERENCE["x"])) % 3 + 1)
    t = _session({"x": np.asarray(REFERENCE["x"])[rows], "yb": np.asarray(REFERENCE["yb"])[rows]})
    repeated, _ = drawn(t, "twoway fpfitci yb x, estcmd(glm) estopts(family(binomial) link(cloglog))")
    for a, b in zip(weighted.panels[0].series, repeated.panels[0].series):
        np.testing.assert_allclose(a.y, b.y, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("command", [
    "twoway fpfit yg x, estcmd(glm) estopts(family(binomial))",  # y outside [0, 1]: glm's r(499)
    "twoway fpfit yb x [aw=w], estcmd(glm) estopts(family(binomial))",
    "twoway fpfitci yg x, estcmd(glm) estopts(bogus)", "twoway fpfit yb x, estcmd(glm) estopts(f(b) beta)"])
def test_glm_failing_inside_fracpoly_draws_nothing(s, command):
    out, rc = run(s, command)
    assert rc == 0 and NOTE in out, out
    graph, _ = drawn(s, command)
    assert all(len(series.x) == 0 for series in graph.panels[0].series)


def test_glm_opg_band_is_logits():
    """glm's vce(opg) for the binomial logit: ml's scores are logit's, so logit's OPG band."""
    s = _session({k: ESTCMD[k] for k in ("x", "yb")})
    glm, _ = drawn(s, "twoway fpfitci yb x, estcmd(glm) estopts(family(binomial) vce(opg))")
    logit, _ = drawn(s, "twoway fpfitci yb x, estcmd(logit) estopts(vce(opg))")
    plain, _ = drawn(s, "twoway fpfitci yb x, estcmd(glm) estopts(family(binomial))")
    width = [g.panels[0].series[0].y2 - g.panels[0].series[0].y for g in (glm, logit, plain)]
    np.testing.assert_allclose(width[0], width[1], rtol=1e-5)
    assert np.max(np.abs(width[0] / width[2] - 1)) > 0.01


@pytest.mark.parametrize("y, same, other", [
    ("yg", "family(gaussian) link(identity)", "family(gaussian) link(power 1)"),
    ("yc", "family(poisson) link(log)", "family(poisson) link(power 0)"),
    ("yb", "family(binomial) link(cloglog)", "family(binomial 1) link(cloglog)")])
def test_other_links_and_denominators_are_glms(s, y, same, other):
    """power 1 is the identity, power 0 the log, a denominator of 1 the Bernoulli: the same curve."""
    a, _ = drawn(s, f"twoway fpfitci {y} x, estcmd(glm) estopts({same})")
    b, _ = drawn(s, f"twoway fpfitci {y} x, estcmd(glm) estopts({other})")
    for u, v in zip(a.panels[0].series, b.panels[0].series):
        np.testing.assert_allclose(u.y, v.y, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("options", ["family(gaussian) link(log)", "family(poisson) link(identity)",
                                     "family(binomial) link(loglog)", "family(binomial) link(log)",
                                     "family(nbinomial 0.5)", "family(poisson) link(power 0.5)"])
def test_other_links_draw_a_line_or_statas_note(s, options):
    y = "yc" if "poisson" in options or "nbinomial" in options else "yb" if "binomial" in options else "yg"
    out, rc = run(s, f"twoway fpfit {y} x, estcmd(glm) estopts({options})")
    graph, _ = drawn(s, f"twoway fpfit {y} x, estcmd(glm) estopts({options})")
    line = graph.panels[0].series[0].y
    assert rc == 0 and (NOTE in out or (len(line) and np.all(np.isfinite(line)))), out


def test_robust_band_is_logits():
    """glm's vce(robust) (the sandwich with N/(N-1)) for the binomial logit: logit's robust band."""
    s = _session({k: ESTCMD[k] for k in ("x", "yb")})
    glm, _ = drawn(s, "twoway fpfitci yb x, estcmd(glm) estopts(family(binomial) vce(robust))")
    logit, _ = drawn(s, "twoway fpfitci yb x, estcmd(logit) estopts(vce(robust))")
    plain, _ = drawn(s, "twoway fpfitci yb x, estcmd(glm) estopts(family(binomial))")
    width = [g.panels[0].series[0].y2 - g.panels[0].series[0].y for g in (glm, logit, plain)]
    np.testing.assert_allclose(width[0], width[1], rtol=1e-5)
    assert np.max(np.abs(width[0] / width[2] - 1)) > 0.01
