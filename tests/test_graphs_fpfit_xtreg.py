"""twoway fpfit/fpfitci with estcmd(xtreg) (``graphs.fpfit_xtreg``) and estcmd(mprobit)
(``graphs.fpfit_grouped_models``).

xtreg fe, be and mle: the powers are those of the largest e(ll) over the degree-2 candidates --
found here by running mlm's ``xtreg`` command on every pair of terms -- and the curve and band
are that command's ``predict, xb`` and ``stdp`` at the chosen terms (t on e(df_r) after fe and
be, the normal quantile after mle).  xtreg re (the default) and pa post no e(ll): fracpoly
fails, Stata's note.  mprobit: fracpred's refusal, or the note where mprobit.ado fails."""
from __future__ import annotations

import io
from itertools import combinations_with_replacement

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import drawn, run
from mlmcli.dataset import Dataset
from mlmcli.distributions import norm, t as student_t
from mlmcli.session import Output, Session

NOTE = "(note:  fracpoly could not fit model)"
POWERS = (-2, -1, -0.5, 0, 0.5, 1, 2, 3)


def _data() -> pd.DataFrame:
    n = np.arange(1, 61)
    panel = np.ceil(n / 5)
    x = 1.0 + (n * 7) % 9  # range 8: fracpoly's scale is 1, no shift
    y = 2 + 0.8 * np.log(x) + 0.05 * x ** 2 / 4 + ((n * 5) % 7) / 3 + panel / 10 + 0.3 * np.sin(n)
    m = 1.0 + (x > 3) + (x > 6)
    return pd.DataFrame({"id": panel, "x": x, "y": y, "m": m})


@pytest.fixture
def s() -> Session:
    df = _data()
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    run(session, "xtset id")
    return session


def _terms(x, p1, p2):
    a = np.log(x) if p1 == 0 else x ** p1
    b = (np.log(x) if p2 == 0 else x ** p2) * (np.log(x) if p1 == p2 else 1)
    return a, b


def _plain(s, model, p1, p2):
    """xtreg y t1 t2, model at the powers: (e(ll), e(df_r) or NaN)."""
    a, b = _terms(s.data.numeric("x"), p1, p2)
    s.data.set_variable("t1", a, vtype="double")
    s.data.set_variable("t2", b, vtype="double")
    out, rc = run(s, f"quietly xtreg y t1 t2, {model}")
    assert rc == 0, out
    return s.e.scalars["ll"], s.e.scalars.get("df_r", float("nan"))


@pytest.mark.parametrize("model", ["fe", "be", "mle"])
def test_fe_be_mle_curve_and_band_are_xtreg_at_the_powers_of_the_largest_ll(s, model):
    graph, _ = drawn(s, f"twoway fpfitci y x, estcmd(xtreg) estopts({model})")
    band, line = graph.panels[0].series
    lls = {pair: _plain(s, model, *pair)[0] for pair in combinations_with_replacement(POWERS, 2)}
    best = max(lls, key=lls.get)
    _, df_r = _plain(s, model, *best)
    run(s, "predict double xb, xb\npredict double se, stdp")
    x = s.data.numeric("x")
    at, first = np.unique(x, return_index=True)
    xb, se = s.data.numeric("xb")[first], s.data.numeric("se")[first]
    np.testing.assert_allclose(line.x, at)
    np.testing.assert_allclose(line.y, xb, rtol=1e-7)
    q = float(student_t.ppf(0.975, df_r)) if model != "mle" else float(norm.ppf(0.975))
    np.testing.assert_allclose(band.y, xb - q * se, rtol=1e-6)
    np.testing.assert_allclose(band.y2, xb + q * se, rtol=1e-6)


@pytest.mark.parametrize("estopts", ["", "estopts(re)", "estopts(pa)", "estopts(re sa)",
                                     "estopts(fe be)", "estopts(fe bogus)", "estopts(fe noconstant)",
                                     "estopts(be nocons)", "estopts(pa corr(ar 1))", "estopts(pa c(exchangeable))",
                                     "estopts(fe corr(ar 1))", "estopts(mle corr(independent))",
                                     "estopts(fe tolerance(1e-3))", "estopts(be difficult)",
                                     "estopts(mle technique(newton))"])
def test_no_ell_or_a_failing_xtreg_is_the_note(s, estopts):
    out, rc = run(s, f"twoway fpfitci y x, estcmd(xtreg) {estopts}")
    assert rc == 0 and NOTE in out
    assert not np.isfinite(s.graphs[-1].panels[0].series[1].y).any()


def test_not_xtset_is_the_note_and_i_names_the_panels(s):
    plain, _ = drawn(s, "twoway fpfit y x, estcmd(xtreg) estopts(fe)")
    run(s, "xtset, clear")
    out, rc = run(s, "twoway fpfit y x, estcmd(xtreg) estopts(fe)")
    assert rc == 0 and NOTE in out
    with_i, _ = drawn(s, "twoway fpfit y x, estcmd(xtreg) estopts(fe i(id))")
    np.testing.assert_allclose(with_i.panels[0].series[0].y, plain.panels[0].series[0].y)


def test_mle_from_starts_every_fit_the_same_curve(s):
    """from() starts each fit (xtreg_ml.ado skips the constant-only fit): the same maximum, so the
    same curve and band; names the search's fits lack need ``skip`` (else fracpoly's first fit
    fails: the note), as does a matrix that does not exist."""
    plain, _ = drawn(s, "twoway fpfitci y x, estcmd(xtreg) estopts(mle)")
    run(s, "matrix b0 = (0.5, 0.1, 2, 0.3, 0.5)\n"
           "matrix colnames b0 = y:Ix__1 y:Ix__2 y:_cons sigma_u:_cons sigma_e:_cons\n"
           "matrix bc = (2, 0.3, 0.5)\nmatrix colnames bc = y:_cons sigma_u:_cons sigma_e:_cons")
    for start in ("b0, skip", "bc"):
        typed, _ = drawn(s, f"twoway fpfitci y x, estcmd(xtreg) estopts(mle from({start}))")
        (band0, line0), (band1, line1) = plain.panels[0].series, typed.panels[0].series
        np.testing.assert_allclose(line1.y, line0.y, rtol=1e-7)
        np.testing.assert_allclose(band1.y2, band0.y2, rtol=1e-7)
    # iterate(0): each fit stops where it starts, so from()'s _cons moves the curve
    stopped, _ = drawn(s, "twoway fpfit y x, estcmd(xtreg) estopts(mle iterate(0))")
    started, _ = drawn(s, "twoway fpfit y x, estcmd(xtreg) estopts(mle iterate(0) from(bc))")
    assert not np.allclose(started.panels[0].series[0].y, stopped.panels[0].series[0].y)
    for start in ("b0", "nosuch"):
        out, rc = run(s, f"twoway fpfit y x, estcmd(xtreg) estopts(mle from({start}))")
        assert rc == 0 and NOTE in out, start


def test_mprobit_fits_then_fracpred_refuses(s):
    for estopts in ("", "estopts(baseoutcome(2) intpoints(20) probitparam vce(robust) nolog)"):
        out, rc = run(s, f"twoway fpfit m x, estcmd(mprobit) {estopts}", stop_on_error=False)
        assert rc == 198 and "mprobit not yet supported by fracpred" in out, estopts


@pytest.mark.parametrize("text", ["gen one = 1\ntwoway fpfit one x, estcmd(mprobit)",  # r(148)
                                  "twoway fpfit y x, estcmd(mprobit)",  # 60 outcomes: r(149)
                                  "twoway fpfit m x [aw=x], estcmd(mprobit)",
                                  "twoway fpfit m x, estcmd(mprobit) estopts(noconstant)",  # r(102)
                                  "twoway fpfit m x, estcmd(mprobit) estopts(baseoutcome(7))",  # r(459)
                                  "twoway fpfit m x, estcmd(mprobit) estopts(intpoints(0))",  # r(498)
                                  "twoway fpfit m x, estcmd(mprobit) estopts(bogus)"])
def test_mprobit_failing_is_the_note(s, text):
    out, rc = run(s, text)
    assert rc == 0 and NOTE in out


@pytest.mark.parametrize("text", ["twoway fpfit y x, estcmd(xtlogit) estopts(pa)",  # xtgee: no e(ll)
                                  "xtset, clear\ntwoway fpfit y x, estcmd(xtlogit)",  # r(459)
                                  "twoway fpfit y x, estcmd(xtlogit) estopts(i(nosuch))"])
def test_xtlogit_pa_or_no_panels_is_the_note(s, text):
    out, rc = run(s, text)
    assert rc == 0 and NOTE in out


def test_xtreg_fe_robust_widens_the_band_not_the_curve(s):
    """vce(robust): the panel-clustered sandwich (tests/test_graphs_fpfit_cox_xtlogit.py checks it
    with pweights against xtreg's own stdp); the curve is the conventional fit's."""
    plain, _ = drawn(s, "twoway fpfitci y x, estcmd(xtreg) estopts(fe)")
    robust, _ = drawn(s, "twoway fpfitci y x, estcmd(xtreg) estopts(fe vce(robust))")
    np.testing.assert_allclose(robust.panels[0].series[1].y, plain.panels[0].series[1].y)
    width = [g.panels[0].series[0].y2 - g.panels[0].series[0].y for g in (plain, robust)]
    assert not np.allclose(width[0], width[1])


def test_mle_tolerances_and_path_options_leave_the_curve(s):
    """mle's ml options change the path to the maximum, not the maximum: the same curve and band."""
    plain, _ = drawn(s, "twoway fpfitci y x, estcmd(xtreg) estopts(mle)")
    typed, _ = drawn(s, "twoway fpfitci y x, estcmd(xtreg) estopts(mle tolerance(1e-3) ltol(1e-4) nrtol(1e-3) "
                        "difficult technique(nr dfp) trace gradient showstep)")
    (band0, line0), (band1, line1) = plain.panels[0].series, typed.panels[0].series
    np.testing.assert_allclose(line1.y, line0.y, rtol=1e-7)
    np.testing.assert_allclose(band1.y, band0.y, rtol=1e-7)
    np.testing.assert_allclose(band1.y2, band0.y2, rtol=1e-7)


def test_mle_technique_bhhh_draws_the_opg_band(s):
    graph, _ = drawn(s, "twoway fpfitci y x, estcmd(xtreg) estopts(mle technique(bhhh))")
    band, line = graph.panels[0].series
    lls = {pair: _plain(s, "mle", *pair)[0] for pair in combinations_with_replacement(POWERS, 2)}
    a, b = _terms(s.data.numeric("x"), *max(lls, key=lls.get))
    s.data.set_variable("t1", a, vtype="double")
    s.data.set_variable("t2", b, vtype="double")
    out, rc = run(s, "quietly xtreg y t1 t2, mle technique(bhhh)\npredict double xb, xb\npredict double se, stdp")
    assert rc == 0 and s.e.macros["vcetype"] == "OPG", out
    at, first = np.unique(s.data.numeric("x"), return_index=True)
    xb, se = s.data.numeric("xb")[first], s.data.numeric("se")[first]
    q = float(norm.ppf(0.975))
    np.testing.assert_allclose(line.y, xb, rtol=1e-7)
    np.testing.assert_allclose(band.y2, xb + q * se, rtol=1e-6)
    plain, _ = drawn(s, "twoway fpfitci y x, estcmd(xtreg) estopts(mle)")
    assert not np.allclose(plain.panels[0].series[0].y2, band.y2)
