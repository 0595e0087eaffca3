"""twoway fpfit/fpfitci ``estcmd()``: fracpoly with logit, logistic, probit, poisson, nbreg,
ologit and oprobit (the powers by deviance, fracpred's linear predictor and its stdp, the band with the normal
quantile), fracpred's Poisson deviance residuals, Stata's note when fracpoly cannot fit, and the
refusals; values from R (``tests/graphs_reference/fpfit_estcmd.R``, ``fpfit_estcmd.json``)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from graphs_helpers import drawn, legend_texts, run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

REFERENCE = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_estcmd.json").read_text())
NOTE = "(note:  fracpoly could not fit model)"


def _session(columns: dict) -> Session:
    df = pd.DataFrame({k: np.asarray(v, float) for k, v in columns.items()})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


def _band_matches(session, text: str, ref: dict, rtol_xb: float = 1e-5, atol_xb: float = 1e-7):
    """The fpfitci drawn by ``text``: its line R's x b at the distinct x, its band x b -/+ the
    normal quantile times R's stdp, keyed as Stata keys it.  -> (graph, fig, band, line)."""
    graph, fig = drawn(session, text)
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.x, ref["at"])
    np.testing.assert_allclose(line.y, ref["xb"], rtol=rtol_xb, atol=atol_xb)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), ref["se"], rtol=1e-6)
    assert legend_texts(fig) == ["95% CI", "Fitted values"]
    return graph, fig, band, line


@pytest.fixture
def s():
    columns = {k: REFERENCE[k] for k in ("x", "yb", "yc")}
    columns["w"] = np.arange(len(REFERENCE["x"])) % 3 + 1
    return _session(columns)


@pytest.mark.parametrize("command, y, key", [
    ("logit", "yb", "logit"), ("logistic", "yb", "logit"), ("probit", "yb", "probit"), ("poisson", "yc", "poisson")])
def test_maximum_likelihood_fits_match_r(s, command, y, key):
    graph, fig, band, line = _band_matches(s, f"twoway fpfitci {y} x, estcmd({command}) legend(on)",
                                           REFERENCE[key])
    np.testing.assert_allclose((band.y2 + band.y) / 2, line.y, rtol=1e-12, atol=1e-12)
    lo, hi = fig.axes[0].get_ylim()
    assert lo <= band.y.min() and hi >= band.y2.max()


def test_estcmd_changes_the_curve_and_stdp(s):
    plain, _ = drawn(s, "twoway fpfit yb x")
    logit, _ = drawn(s, "twoway fpfit yb x, estcmd(logit) predopts(stdp)")
    np.testing.assert_allclose(logit.panels[0].series[0].y, REFERENCE["logit"]["se"], rtol=1e-6)
    assert not np.allclose(plain.panels[0].series[0].y, logit.panels[0].series[0].y)
    regress, _ = drawn(s, "twoway fpfit yb x, estcmd(reg)")  # frac_chk: reg... is regress
    np.testing.assert_allclose(regress.panels[0].series[0].y, plain.panels[0].series[0].y)


def test_poisson_deviance_residuals(s):
    graph, fig = drawn(s, "twoway fpfit yc x, estcmd(poisson) predopts(dresid) legend(on)")
    np.testing.assert_allclose(graph.panels[0].series[0].y, REFERENCE["poisson_dresid"], rtol=1e-5, atol=1e-7)
    assert legend_texts(fig) == ["deviance residuals for yc"]


def test_frequency_weights_are_the_rows_repeated(s):
    weighted, _ = drawn(s, "twoway fpfitci yb x [fw=w], estcmd(logit)")
    run(s, "expand w")
    expanded, _ = drawn(s, "twoway fpfitci yb x, estcmd(logit)")
    for a, b in zip(weighted.panels[0].series, expanded.panels[0].series):
        np.testing.assert_allclose(a.y, b.y, rtol=1e-6)


def test_reporting_options_change_nothing(s):
    plain, _ = drawn(s, "twoway fpfitci yb x, estcmd(logit)")
    typed, _ = drawn(s, "twoway fpfitci yb x, estcmd(logit) estopts(or nolog level(90) degree(2))")
    for a, b in zip(plain.panels[0].series, typed.panels[0].series):
        np.testing.assert_allclose(a.y, b.y)


def test_robust_band(s):
    graph, _ = drawn(s, "twoway fpfitci yb x, estcmd(logit) estopts(vce(robust))")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.y, REFERENCE["logit"]["xb"], rtol=1e-5, atol=1e-7)
    assert not np.allclose(band.y2 - band.y, 2 * norm.ppf(0.975) * np.asarray(REFERENCE["logit"]["se"]))


@pytest.mark.parametrize("command", [
    "twoway fpfit yb x, estcmd(foo)", "twoway fpfitci yb x [aw=w], estcmd(logit)",
    "twoway fpfitci yb x, estcmd(probit) estopts(beta)", "twoway fpfit yc x, estcmd(poisson) estopts(vce(hc2))",
    "twoway fpfit yb x, estcmd(logit) estopts(bogus)", "twoway fpfitci yc x, estcmd(nbreg) estopts(bogus(1))",
    "twoway fpfit yb x, estcmd(ologit) estopts(nolog bogus)", "twoway fpfit yb x, estcmd(logit) estopts(vce(bogus))",
    "twoway fpfit yc x, estcmd(poisson) estopts(degree(12))", "twoway fpfit yc x, estcmd(poisson) estopts(cluster(nosuch))",
    "twoway fpfit yc x, estcmd(xtreg)"])  # not xtset (and xtreg re posts no e(ll))
def test_fracpoly_failing_draws_nothing_with_statas_note(s, command):
    """twoway__fpfit_serset: capture fracpoly ...; on failure the note and an empty plot."""
    out, rc = run(s, command)
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out
    graph, _ = drawn(s, command)
    assert all(len(series.x) == 0 for series in graph.panels[0].series)


@pytest.mark.parametrize("command, message, code", [
    # (xtlogit's bootstrap reject() is honoured now: tests/test_graphs_fpfit_xt_bootstrap_reject.py; its
    # noisily too: tests/test_graphs_fpfit_printed_runs.py)
    ("twoway fpfitci yb x, estcmd(logit) stdf", "option stdf not allowed", 198)])
def test_refusals(s, command, message, code):
    out, rc = run(s, command, stop_on_error=False)
    assert rc == code and message in out, out


def test_an_outcome_logit_cannot_fit_is_fracpolys_failure(s):
    """logit of an outcome that is never 0 fails (r(2000)) inside fracpoly: the note, no line."""
    run(s, "generate one = 1")
    out, rc = run(s, "twoway fpfitci one x, estcmd(logit)")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out


NBREG = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_nbreg.json").read_text())


def test_nbreg_fit_matches_r():
    """estcmd(nbreg): the powers by the negative binomial deviance (b and alpha maximised
    together), fracpred's x b and its stdp from nbreg's V (ln alpha estimated with b), the band
    with the normal quantile; nbreg's reporting options change nothing; dispersion(constant)
    fits NB1 (tests/test_graphs_fpfit_ml_options.py: its values), dresid draws nothing (fracpred
    has no residual after nbreg).  Values from R
    (tests/graphs_reference/fpfit_nbreg.R: MASS::glm.nb, the observed information)."""
    session = _session({"x": NBREG["x"], "y": NBREG["y"]})
    _, _, _, line = _band_matches(session, "twoway fpfitci y x, estcmd(nbreg) legend(on)", NBREG["nbreg"])
    poisson, _ = drawn(session, "twoway fpfit y x, estcmd(poisson)")
    assert not np.allclose(poisson.panels[0].series[0].y, line.y)
    same, _ = drawn(session, "twoway fpfit y x, estcmd(nbreg) estopts(irr nolog dispersion(mean))")
    np.testing.assert_allclose(same.panels[0].series[0].y, line.y, rtol=1e-10)
    nb1, _ = drawn(session, "twoway fpfit y x, estcmd(nbreg) estopts(dispersion(constant))")
    assert np.all(np.isfinite(nb1.panels[0].series[0].y)) and not np.allclose(nb1.panels[0].series[0].y, line.y)
    out, rc = run(session, "twoway fpfit y x, estcmd(nbreg) predopts(dresid)")  # fracpred: no residual
    assert rc == 0 and np.all(np.isnan(drawn(session, "twoway fpfit y x, estcmd(nbreg) predopts(dresid)")[0]
                                       .panels[0].series[0].y))
    out, rc = run(session, "twoway fpfit y x, estcmd(nbreg) estopts(hascons)")  # regress's: fracpoly fails
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out


ORDINAL = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_ordinal.json").read_text())


@pytest.mark.parametrize("command", ["ologit", "oprobit"])
def test_ordinal_fits_match_r(command):
    """estcmd(ologit|oprobit): no constant (the cutpoints), the powers by deviance, fracpred's
    x b -- the centred terms times b, so for(x) draws the same -- and its stdp from the inverse
    observed information of (b, cutpoints), the band with the normal quantile; estopts(noconstant),
    which these commands do not have, makes fracpoly fail (Stata's note, nothing drawn).  Values
    from R (tests/graphs_reference/fpfit_ordinal.R: MASS::polr, refined by Newton steps)."""
    session = _session({"x": ORDINAL["x"], "y": np.asarray(ORDINAL["y"]) * 10})  # categories 10 ... 40
    _, _, _, line = _band_matches(session, f"twoway fpfitci y x, estcmd({command}) legend(on)", ORDINAL[command],
                                  rtol_xb=1e-7, atol_xb=1e-9)
    partial, _ = drawn(session, f"twoway fpfit y x, estcmd({command}) predopts(for(x))")
    np.testing.assert_allclose(partial.panels[0].series[0].y, line.y, rtol=1e-10)
    out, rc = run(session, f"twoway fpfit y x, estcmd({command}) estopts(noconstant)")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out
    out, rc = run(session, f"twoway fpfit y x, estcmd({command}) predopts(dresid)")  # predict has no deviance
    assert rc == 0 and NOTE not in out


def _fp_terms(z, powers):
    """fracgen's terms of z for the powers (0 the log; a repeated power times ln z)."""
    terms, last = [], None
    for p in powers:
        t = np.log(z) if p == 0 else z ** p
        terms.append(terms[-1] * np.log(z) if p == last else t)
        last = p
    return np.column_stack(terms)


@pytest.mark.parametrize("command, y, key", [("logit", "yb", "logit"), ("poisson", "yc", "poisson")])
def test_for_x_adds_the_constant_as_fracpred_does(s, command, y, key):
    """predopts(for(x)) after an ML command with a constant: fracpred's pcalc, the sum of
    _b[Ix__j]*Ix__j plus _b[_cons], and with stdp vcalc, the terms' quadratic form plus
    V[_cons,_cons] and 2 V[_cons,j] Ix__j -- here by Newton's method on fracpoly's centred
    design (R's powers; x in 0.6 ... 6, so no shift and scale 1)."""
    x, yy = np.asarray(REFERENCE["x"], float), np.asarray(REFERENCE[y], float)
    powers = REFERENCE[key]["powers"]
    centre = _fp_terms(np.array([x.mean()]), powers)[0]
    X = np.column_stack([_fp_terms(x, powers) - centre, np.ones_like(x)])
    b = np.zeros(X.shape[1])
    for _ in range(50):
        eta = X @ b
        mu = 1 / (1 + np.exp(-eta)) if command == "logit" else np.exp(eta)
        weight = mu * (1 - mu) if command == "logit" else mu
        info = X.T @ (weight[:, None] * X)
        b = b + np.linalg.solve(info, X.T @ (yy - mu))
    V = np.linalg.inv(info)
    at = np.unique(x)
    Ix = _fp_terms(at, powers) - centre
    graph, _ = drawn(s, f"twoway fpfit {y} x, estcmd({command}) predopts(for(x))")
    np.testing.assert_allclose(graph.panels[0].series[0].y, Ix @ b[:-1] + b[-1], rtol=1e-6, atol=1e-8)
    graph, _ = drawn(s, f"twoway fpfit {y} x, estcmd({command}) predopts(for(x) stdp)")
    k = len(powers)
    variance = np.einsum("ij,jk,ik->i", Ix, V[:k, :k], Ix) + V[k, k] + 2 * Ix @ V[k, :k]
    np.testing.assert_allclose(graph.panels[0].series[0].y, np.sqrt(variance), rtol=1e-6)
    np.testing.assert_allclose(graph.panels[0].series[0].y, REFERENCE[key]["se"], rtol=1e-6)  # = x b's stdp


def test_for_x_after_noconstant_with_an_ancillary_parameter_stops_at_b_cons(s):
    """nbreg without a constant: e(V)'s row after the terms is ln alpha's, which fracpred reads
    as the constant's, and pcalc's _b[_cons] is not in the model: fracpred's error, uncaptured
    (tests/test_graphs_fpfit_for_ancillary.py: the stdp that vcalc computes)."""
    out, rc = run(s, "twoway fpfit yc x, estcmd(nbreg) estopts(noconstant) predopts(for(x))", stop_on_error=False)
    assert rc == 111 and "[_cons] not found" in out
    out, rc = run(s, "twoway fpfit yc x, estcmd(poisson) estopts(noconstant) predopts(for(x))")
    assert rc == 0 and NOTE not in out  # no ancillary parameter: the centred terms' part
