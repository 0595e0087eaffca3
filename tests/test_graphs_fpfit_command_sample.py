"""twoway fpfit when the estimation command's own variable is missing on rows of the plot's
sample (graphs.fpfit_command_sample): fracpoly keeps the rows (its markout is x and y's), the
command drops them in every fit, and fracpred predicts if e(sample) -- the points whose kept row
the command dropped are missing.  Also estcmd(cnreg)'s offset() and maximize options.  Values
from R (tests/graphs_reference/fpfit_command_sample.R), checked on the plotted objects."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import t as student_t

from graphs_helpers import artists, drawn, run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

REF = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_command_sample.json").read_text())
NOTE = "(note:  fracpoly could not fit model)"


@pytest.fixture
def s() -> Session:
    cols = ("x", "yc", "t", "yb", "m", "yn", "c", "c_missing", "o")
    df = pd.DataFrame({k: np.array([np.nan if v is None else v for v in REF[k]], float) for k in cols})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


def _expected(key):
    xb = np.array([np.nan if v is None else v for v in REF[key]["xb"]], float)
    inside = np.asarray(REF[key].get("in_sample", [True] * xb.size), bool)
    return np.asarray(REF["at"]), xb, inside


def _check_line(series, at, values, rtol=1e-6):
    """The drawn series: the points where ``values`` is not missing (the line passes over the rest)."""
    ok = np.isfinite(values)
    np.testing.assert_allclose(series.x, at[ok])
    np.testing.assert_allclose(series.y, values[ok], rtol=rtol, atol=1e-8)


def test_poisson_exposure_missing_points_out_of_esample(s):
    at, xb, inside = _expected("poisson")
    assert (~inside).sum() >= 3
    graph, fig = drawn(s, "twoway fpfit yc x, estcmd(poisson) estopts(exposure(t))")
    _check_line(graph.panels[0].series[0], at, np.where(inside, xb, np.nan))
    (lines,) = artists(fig, "p1-s1-line")
    vertices = np.concatenate(lines.get_segments())
    assert np.isin(np.round(vertices[:, 0], 6), np.round(at[inside], 6)).all()
    # predopts(all): x b + ln t is missing anyway where t is
    everywhere, _ = drawn(s, "twoway fpfit yc x, estcmd(poisson) estopts(exposure(t)) predopts(all)")
    _check_line(everywhere.panels[0].series[0], at, np.where(inside, xb, np.nan))


def test_glm_binomial_denominator_missing_and_predopts_all(s):
    at, xb, inside = _expected("binomial")
    graph, _ = drawn(s, "twoway fpfitci yb x, estcmd(glm) estopts(family(binomial m))")
    band, line = graph.panels[0].series
    _check_line(line, at, np.where(inside, xb, np.nan))
    np.testing.assert_allclose(band.x, at[inside])
    # all: glm's predict, xb everywhere (the denominator is not in x b); the band stays e(sample)'s
    everywhere, _ = drawn(s, "twoway fpfitci yb x, estcmd(glm) estopts(family(binomial m)) predopts(all)")
    band_all, line_all = everywhere.panels[0].series
    _check_line(line_all, at, xb)
    np.testing.assert_allclose(band_all.x, at[inside])


def test_cnreg_censored_variable_missing(s):
    at, xb, inside = _expected("cnreg_missing")
    graph, _ = drawn(s, "twoway fpfit yn x, estcmd(cnreg) estopts(censored(c_missing))")
    _check_line(graph.panels[0].series[0], at, np.where(inside, xb, np.nan))
    # dresid after cnreg is missing everywhere (fracpred's dist 6); with all still nothing
    resid, _ = drawn(s, "twoway fpfit yn x, estcmd(cnreg) estopts(censored(c_missing)) predopts(dresid all)")
    assert not np.isfinite(resid.panels[0].series[0].y).any()


def test_cnreg_offset_in_every_fit_and_in_x_b(s):
    at, xb, _ = _expected("cnreg_offset")
    graph, _ = drawn(s, "twoway fpfitci yn x, estcmd(cnreg) estopts(censored(c) offset(o))")
    band, line = graph.panels[0].series
    _check_line(line, at, xb)
    np.testing.assert_allclose((band.y + band.y2) / 2, line.y, rtol=1e-10)
    assert np.all(band.y2 > band.y)


def test_cnreg_maximize_options(s):
    plain, _ = drawn(s, "twoway fpfit yn x, estcmd(cnreg) estopts(censored(c))")
    same, _ = drawn(s, "twoway fpfit yn x, estcmd(cnreg) estopts(censored(c) iterate(50) tolerance(1e-7) "
                       "ltolerance(1e-8) nrtolerance(1e-6) trace nolog)")
    np.testing.assert_allclose(same.panels[0].series[0].y, plain.panels[0].series[0].y, rtol=1e-6)
    loose, _ = drawn(s, "twoway fpfit yn x, estcmd(cnreg) estopts(censored(c) nonrtolerance)")
    np.testing.assert_allclose(loose.panels[0].series[0].y, plain.panels[0].series[0].y, rtol=1e-4)


@pytest.mark.parametrize("options", [
    "censored(c) iterate(1)",  # cnreg's r(430) on the constant-only and every model
    "censored(c) technique(bfgs)", "censored(c) difficult", "censored(c) gradient", "censored(c) vce(opg)",
    "censored(c) from(b0)", "censored(c) exposure(t)"])
def test_cnreg_options_it_does_not_have_or_failing_fits_give_the_note(s, options):
    out, rc = run(s, f"twoway fpfit yn x, estcmd(cnreg) estopts({options})")
    assert rc == 0 and NOTE in out
    graph, _ = drawn(s, f"twoway fpfit yn x, estcmd(cnreg) estopts({options})")
    assert not np.isfinite(graph.panels[0].series[0].y).any()


def test_cnreg_band_quantile_uses_commands_own_n(s):
    """e(df_r) = e(N) - df_m, e(N) cnreg's rows (the censored()-missing rows out)."""
    graph, _ = drawn(s, "twoway fpfitci yn x, estcmd(cnreg) estopts(censored(c_missing)) predopts(stdp)")
    band, line = graph.panels[0].series
    n = int(np.isfinite(np.array([np.nan if v is None else v for v in REF["c_missing"]], float)).sum())
    q = student_t.ppf(0.975, n - 2)
    stdp_rows = np.isin(line.x, band.x)
    np.testing.assert_allclose((band.y2 - band.y) / 2, q * line.y[stdp_rows], rtol=1e-8)
