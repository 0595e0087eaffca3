"""The leverage statistics after a weighted ``regress``: ``predict``'s and the fit plots'
``predopts()``.  Stata's leverage is x (X'WX)^-1 x' with the weights regress uses (aweights
rescaled to sum to N); with fweights each statistic is that of one copy of the observation in
the regression on the rows repeated (aweights' rstandard ... welsch: test_aweight_diagnostics.py).
Values from R (``tests/regress_reference/
weighted_leverage.R``, which states how R's conventions are converted; ``weighted_leverage.json``)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import drawn, legend_texts, run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

REFERENCE = json.loads((Path(__file__).parent / "regress_reference" / "weighted_leverage.json").read_text())
FWEIGHT_STATISTICS = ("hat", "rstandard", "rstudent", "cooksd", "dfits", "welsch", "covratio")


@pytest.fixture
def s():
    df = pd.DataFrame({k: np.asarray(REFERENCE[k], float) for k in ("x", "z", "y", "fw", "aw")})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


@pytest.mark.parametrize("statistic", FWEIGHT_STATISTICS)
def test_after_fweights_each_observation_is_one_of_its_copies(s, statistic):
    out, rc = run(s, f"quietly regress y x z [fw=fw]\npredict double v, {statistic}")
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("v"), REFERENCE["fweight"][statistic], rtol=1e-9, atol=1e-13)


def test_fweights_equal_the_rows_repeated(s):
    """The same statistics from the unweighted regression on the expanded data."""
    run(s, "quietly regress y x z [fw=fw]")
    weighted = {}
    for statistic in FWEIGHT_STATISTICS:
        run(s, f"predict double {statistic}, {statistic}")
        weighted[statistic] = s.data.numeric(statistic).copy()
    run(s, "generate long id = _n\nexpand fw\nsort id\nquietly regress y x z")
    first = np.r_[True, np.diff(s.data.numeric("id")) != 0]
    for statistic in FWEIGHT_STATISTICS:
        run(s, f"predict double e_{statistic}, {statistic}")
        np.testing.assert_allclose(s.data.numeric(f"e_{statistic}")[first], weighted[statistic], rtol=1e-9)


@pytest.mark.parametrize("statistic", ["hat", "covratio"])
def test_after_aweights_stata_s_leverage(s, statistic):
    out, rc = run(s, f"quietly regress y x z [aw=aw]\npredict double v, {statistic}")
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("v"), REFERENCE["aweight"][statistic], rtol=1e-9, atol=1e-13)
    label = {"hat": "Leverage", "covratio": "COVRATIO"}[statistic]
    assert s.data.var_labels["v"] == label


def test_aweighted_leverage_is_not_rs(s):
    """R's weighted hat values carry a factor w_i (rescaled): Stata's are those divided by it."""
    run(s, "quietly regress y x z [aw=aw]\npredict double h, hat")
    aw = np.asarray(REFERENCE["aw"])
    wn = aw * len(aw) / aw.sum()
    h = s.data.numeric("h")
    assert not np.allclose(h, h * wn)
    assert np.sum(h * wn) == pytest.approx(3.0, rel=1e-9)  # R's trace: the number of coefficients


@pytest.mark.parametrize("setup, statistic, message, code", [
    ("[aw=aw]", "dfbeta(x)", "not possible after weighted regression", 398),
    ("[fw=fw]", "dfbeta(x)", "not possible after weighted regression", 398),
    ("[pw=aw]", "hat", "option hat not allowed after robust estimation", 198)])
def test_refusals_leave_the_data_alone(s, setup, statistic, message, code):
    run(s, f"quietly regress y x z {setup}")
    out, rc = run(s, f"predict v, {statistic}", stop_on_error=False)
    assert rc == code and message in out, out
    assert "v" not in s.data.df.columns


@pytest.mark.parametrize("weight", ["fweight", "aweight"])
def test_lfit_predopts_hat_with_weights(s, weight):
    typed = {"fweight": "[fw=fw]", "aweight": "[aw=aw]"}[weight]
    graph, fig = drawn(s, f"twoway lfit y x {typed}, n(5) predopts(hat) legend(on)")
    (line,) = graph.panels[0].series
    np.testing.assert_allclose(line.x, REFERENCE["grid"], rtol=1e-12)
    np.testing.assert_allclose(line.y, REFERENCE[f"grid_hat_{weight}"], rtol=1e-9)
    assert legend_texts(fig) == ["Leverage"]
    ax = fig.axes[0]
    lo, hi = ax.get_ylim()
    assert lo <= min(REFERENCE[f"grid_hat_{weight}"]) and hi >= max(REFERENCE[f"grid_hat_{weight}"])


@pytest.mark.parametrize("typed, statistic", [
    ("[fw=fw]", "rstudent"), ("[fw=fw]", "cooksd"), ("[fw=fw]", "welsch"), ("[aw=aw]", "covratio"),
    ("[aw=aw]", "hat")])
def test_lfit_atobs_draws_predicts_numbers_after_weights(s, typed, statistic):
    graph, fig = drawn(s, f"twoway lfit y x {typed}, atobs predopts({statistic})")
    run(s, f"quietly regress y x {typed}\npredict double v, {statistic}")
    order = np.argsort(s.data.numeric("x"), kind="stable")
    np.testing.assert_allclose(graph.panels[0].series[0].y, s.data.numeric("v")[order], rtol=1e-10)


@pytest.mark.parametrize("command, message, code", [
    ("twoway lfit y x [fw=fw], predopts(dfbeta(x))", "not possible after weighted regression", 398),
    ("twoway lfit y x [aw=aw], predopts(dfbeta(x))", "not possible after weighted regression", 398)])
def test_plot_refusals(s, command, message, code):
    out, rc = run(s, command, stop_on_error=False)
    assert rc == code and message in out, out
