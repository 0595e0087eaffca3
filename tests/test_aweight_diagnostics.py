"""predict's rstandard, rstudent, cooksd, dfits and welsch after ``regress [aweight]`` (and
iweights), and the fit plots' ``predopts()`` of them.  mlm's reading of Stata's built-in
_predict (``mlmcli.postest.regression_diagnostics``): Stata's leverage h = x (X'WX)^-1 x' (the
aweights rescaled to sum to N) and each statistic that of an observation of rescaled weight one
at (x, y).  Values from R (``tests/graphs_reference/aweight_diagnostics.R``, which states the
reading; ``aweight_diagnostics.json``): R's own deletion diagnostics of the weighted lm at the
rows whose rescaled weight is one, and the reading's values from R's building blocks at every
row and at the plots' grid."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import drawn, legend_texts, run, segments
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

REFERENCE = json.loads((Path(__file__).parent / "graphs_reference" / "aweight_diagnostics.json").read_text())
STATISTICS = ("rstandard", "rstudent", "cooksd", "dfits", "welsch")
LABELS = {"rstandard": "Standardized residuals", "rstudent": "Studentized residuals", "cooksd": "Cook's D",
          "dfits": "DFITS", "welsch": "Welsch distance"}


@pytest.fixture
def s():
    df = pd.DataFrame({k: np.asarray(REFERENCE[k], float) for k in ("x", "z", "y", "aw")})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


def _predict(s, setup: str, statistic: str) -> np.ndarray:
    out, rc = run(s, f"quietly regress {setup}\ncapture drop v\npredict double v, {statistic}")
    assert rc == 0, out
    return s.data.numeric("v").copy()


@pytest.mark.parametrize("statistic", STATISTICS)
def test_predict_after_aweights(s, statistic):
    v = _predict(s, "y x z [aw=aw]", statistic)
    np.testing.assert_allclose(v, REFERENCE["stata"][statistic], rtol=1e-9, atol=1e-13)
    assert s.data.var_labels["v"] == LABELS[statistic]


@pytest.mark.parametrize("statistic", ["rstandard", "rstudent", "cooksd", "dfits"])
def test_at_rows_of_weight_one_they_are_rs_deletion_diagnostics(s, statistic):
    """R's rstandard/rstudent/cooks.distance/dffits of lm(weights = aw), exact leave-one-out
    algebra, at the observations whose rescaled weight is one; elsewhere R weights the residual
    by sqrt(w) and the leverage by w, which Stata's hat does not."""
    v = _predict(s, "y x z [aw=aw]", statistic)
    unit = REFERENCE["unit"]
    np.testing.assert_allclose(v[unit], np.asarray(REFERENCE["r"][statistic])[unit], rtol=1e-9)
    others = np.setdiff1d(np.arange(len(v)), unit)
    assert not np.allclose(v[others], np.asarray(REFERENCE["r"][statistic])[others], rtol=1e-3)


@pytest.mark.parametrize("statistic", STATISTICS + ("hat", "covratio"))
def test_equal_aweights_and_iweights_of_one_are_unweighted(s, statistic):
    plain = _predict(s, "y x z", statistic)
    run(s, "generate double c = 2.5\ngenerate double one = 1")
    np.testing.assert_allclose(_predict(s, "y x z [aw=c]", statistic), plain, rtol=1e-10)
    np.testing.assert_allclose(_predict(s, "y x z [iw=one]", statistic), plain, rtol=1e-10)


def test_sample_only_statistics_are_missing_outside_e_sample(s):
    v = _predict(s, "y x z [aw=aw] if _n > 3", "welsch")
    assert np.isnan(v[:3]).all()
    r = _predict(s, "y x z [aw=aw] if _n > 3", "rstandard")
    assert np.isfinite(r[:3]).all()  # out of sample, as predict computes it wherever x and y are


@pytest.mark.parametrize("statistic", STATISTICS)
def test_lfit_predopts_after_aweights(s, statistic):
    """The line drawn: grid point i paired with observation i's y (twoway__lfit_serset)."""
    graph, fig = drawn(s, f"twoway lfit y x [aw=aw], n(5) predopts({statistic}) legend(on)")
    (polyline,) = segments(fig, "p1-s1-line")
    np.testing.assert_allclose(polyline[:, 0], REFERENCE["grid"], rtol=1e-12)
    np.testing.assert_allclose(polyline[:, 1], REFERENCE["grid_stata"][statistic], rtol=1e-9)
    assert legend_texts(fig) == [LABELS[statistic]]
    lo, hi = fig.axes[0].get_ylim()
    assert lo <= min(REFERENCE["grid_stata"][statistic]) and hi >= max(REFERENCE["grid_stata"][statistic])


def test_lfitci_band_around_rstandard(s):
    graph, fig = drawn(s, "twoway lfitci y x [aw=aw], n(5) predopts(rstandard)")
    band, line = graph.panels[0].series
    stat, half = np.asarray(REFERENCE["grid_stata"]["rstandard"]), np.asarray(REFERENCE["grid_band_halfwidth"])
    (polyline,) = segments(fig, "p1-s2-line")
    np.testing.assert_allclose(polyline[:, 1], stat, rtol=1e-9)
    np.testing.assert_allclose(band.y, stat - half, rtol=1e-9)
    np.testing.assert_allclose(band.y2, stat + half, rtol=1e-9)


@pytest.mark.parametrize("plot, statistic", [("qfit", "cooksd"), ("qfitci", "rstudent"), ("lfit", "dfits")])
def test_atobs_draws_predicts_numbers(s, plot, statistic):
    """With atobs the points are the observations: predict after the same regress."""
    graph, fig = drawn(s, f"twoway {plot} y x [aw=aw], atobs predopts({statistic})")
    run(s, "generate double x2 = x^2")
    v = _predict(s, "y x x2 [aw=aw]" if plot.startswith("q") else "y x [aw=aw]", statistic)
    order = np.argsort(s.data.numeric("x"), kind="stable")
    (polyline,) = segments(fig, "p1-s2-line" if plot.endswith("ci") else "p1-s1-line")
    np.testing.assert_allclose(polyline[:, 1], v[order], rtol=1e-10)


@pytest.mark.parametrize("statistic", STATISTICS)
def test_pweights_are_robust_estimation(s, statistic):
    """regres_p: after pweights e(vcetype) is Robust, and these are not allowed."""
    run(s, "quietly regress y x z [pw=aw]")
    out, rc = run(s, f"predict v, {statistic}", stop_on_error=False)
    assert rc == 198 and f"option {statistic} not allowed after robust estimation" in out, out
    assert "v" not in s.data.df.columns
    out, rc = run(s, f"twoway lfit y x [pw=aw], predopts({statistic})", stop_on_error=False)
    assert rc == 198 and f"option {statistic} not allowed after robust estimation" in out, out


def test_dfbeta_after_aweights_is_still_refused(s):
    run(s, "quietly regress y x z [aw=aw]")
    out, rc = run(s, "predict v, dfbeta(x)", stop_on_error=False)
    assert rc == 398 and "not possible after weighted regression" in out
    out, rc = run(s, "twoway lfit y x [aw=aw], predopts(dfbeta(x))", stop_on_error=False)
    assert rc == 398 and "not possible after weighted regression" in out


def test_a_leverage_above_one_gives_missing_statistics(s):
    """Stata's h = x (X'WX)^-1 x' is R's hat value over the rescaled weight, so a light
    observation far out can have h > 1: sqrt(1 - h) is missing, and so is every statistic
    built on it; Cook's D, e^2 h / (k s^2 (1 - h)^2), has no square root."""
    run(s, "replace aw = 0.001 in 1\nreplace x = 40 in 1")
    h = _predict(s, "y x z [aw=aw]", "hat")
    assert h[0] > 1 and (h[1:] < 1).all()
    for statistic in ("rstandard", "rstudent", "dfits", "welsch"):
        v = _predict(s, "y x z [aw=aw]", statistic)
        assert np.isnan(v[0]) and np.isfinite(v[1:]).all(), statistic
    e = _predict(s, "y x z [aw=aw]", "residuals")
    s2 = s.e.scalars["rmse"] ** 2
    assert _predict(s, "y x z [aw=aw]", "cooksd")[0] == pytest.approx(e[0] ** 2 * h[0] / (3 * s2 * (1 - h[0]) ** 2))
