"""estat phtest after stcox (mlmcli/commands/postestimation/estat_stcox.py,
mlmcli/survival/ph_test.py) against Grambsch and Therneau's formula written out in R
(tests/survival_reference/cox_phtest.R and .json); stphtest.ado's layout, options and refusals."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2 as chi2_dist

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "cox_phtest.json").read_text())
SETUP = "gen month = ceil(time/30)\nstset month, failure(died == 1)\n"
TRANSFORMS = {"time": "", "log": "log", "rank": "rank", "km": "km", "square": "time(month^2)"}


@pytest.fixture(scope="module")
def lung():
    d = pd.read_csv(HERE / "lung.csv").rename(columns={"ph.ecog": "ecog", "wt.loss": "wt_loss"})
    return d


def _numbers(s, option: str):
    """The per-covariate and global statistics estat phtest computes, at full precision."""
    from mlmcli.commands.postestimation.predict_stcox import phtest_inputs
    from mlmcli.expr import evaluate
    from mlmcli.survival.ph_test import grambsch_therneau, km_transform, time_function

    e = s.e
    sample, data, sch, ssc = phtest_inputs(s, e)
    failing = data.d != 0
    kind = {"": "default", "time(month^2)": "user"}.get(option, option)
    user = np.asarray(evaluate(s, "month^2"), float)[sample] if kind == "user" else None
    km = km_transform(data.t0, data.t, data.d, data.w) if kind == "km" else None
    g = time_function(kind, data.t, failing, km=km, user=user)
    return grambsch_therneau(g, sch[failing], ssc[failing], e.matrices["V"].values, int(failing.sum()), 2)


@pytest.mark.parametrize("fit,model", [("breslow", "stcox age female"), ("efron", "stcox age female, efron"),
                                       ("robust", "stcox age female, efron vce(robust)"),
                                       ("strata", "stcox age female, strata(ecog)")])
def test_matches_grambsch_therneau(do, lung, fit, model):
    rc, out, s = do(SETUP + model, df=lung)
    assert rc == 0, out
    for name, option in TRANSFORMS.items():
        ref = REF[fit][name]
        got = _numbers(s, option)
        assert np.allclose(got.rho, ref["rho"], rtol=1e-6), (fit, name)
        assert np.allclose(got.chi2, ref["chi2"], rtol=1e-6), (fit, name)
        assert got.global_chi2 == pytest.approx(ref["global"], rel=1e-6), (fit, name)
        rc, out, s = do(f"estat phtest, {option}", session=s)
        assert rc == 0, out
        assert s.r["chi2"] == pytest.approx(ref["global"], rel=1e-6)
        assert s.r["df"] == 2 and s.r["p"] == pytest.approx(np.exp(-ref["global"] / 2), rel=1e-6)


def test_detail_layout(do, lung):
    rc, out, s = do(SETUP + "quietly stcox age female, efron vce(robust)\nestat phtest, detail", df=lung)
    assert rc == 0, out
    ref = REF["robust"]["time"]
    lines = out.splitlines()
    start = lines.index("      Test of proportional-hazards assumption")
    expected = [
        "      Test of proportional-hazards assumption",
        "",
        "      Time:  Time",
        "      " + "-" * 64,
        "                  |       rho            chi2       df       Prob>chi2",
        "      ------------+---------------------------------------------------",
    ]
    assert lines[start:start + 6] == expected
    p_age = float(chi2_dist.sf(ref["chi2"][0], 1))
    assert lines[start + 6] == (f"      age         |     {ref['rho'][0]:8.5f}    {ref['chi2'][0]:9.2f}        1"
                                f"         {p_age:.4f}")
    assert lines[start + 8] == "      ------------+---------------------------------------------------"
    assert lines[start + 9].startswith(f"      global test |                 {ref['global']:9.2f}        2         ")
    assert "note: robust variance-covariance matrix used." in out


def test_titles_and_no_detail(do, lung):
    rc, out, s = do(SETUP + "quietly stcox age female\nestat phtest, log\nestat phtest, rank\nestat phtest, km\n"
                    "estat phtest, time(month^2)", df=lung)
    assert rc == 0, out
    for title in ("Log(t)", "Rank(t)", "Kaplan-Meier", "month^2"):
        assert f"      Time:  {title}" in out
    assert "                  |                      chi2       df       Prob>chi2" in out
    assert "rho" not in out


def test_factor_base_level_is_missing(do, lung):
    rc, out, s = do(SETUP + "quietly stcox age i.female\nestat phtest, detail", df=lung)
    assert rc == 0, out
    base = next(line for line in out.splitlines() if line.startswith("      0b.female"))
    assert base.split("|")[1].split() == [".", ".", "1", "."]
    assert s.r["df"] == 2


@pytest.mark.parametrize("options,rc_msg", [
    ("detail plot(age)", (198, "options plot and detail may not be specified together")),
    ("log rank", (198, "may only specify one of options km, log, plot, rank, and time()")),
    ("plot(wt_loss)", (198, "wt_loss not found in model")),
    ("bogus", (198, "option bogus not allowed")),
])
def test_option_errors(do, lung, options, rc_msg):
    rc, out, s = do(SETUP + f"quietly stcox age female\nestat phtest, {options}", df=lung)
    assert rc == rc_msg[0] and rc_msg[1] in out


def test_refusals(do, lung):
    rc, out, _ = do(SETUP + "quietly stcox age, tvc(female)\nestat phtest", df=lung)
    assert rc == 198 and "not allowed after estimation with tvc()" in out
    rc, out, _ = do(SETUP + "quietly stcox age female, exactp\nestat phtest", df=lung)
    assert rc == 322
    rc, out, _ = do("quietly regress age female\nestat phtest", df=lung)
    assert rc == 321 and "invalid subcommand phtest" in out


def test_plot_draws_lowess(do, lung):
    rc, out, s = do(SETUP + "quietly stcox age female\nestat phtest, plot(female) bwidth(.5)", df=lung)
    assert rc == 0, out
    assert not any(v.startswith("__") for v in s.data.varnames)
    rc, out, s = do("estat phtest, plot(age) log", session=s)
    assert rc == 0, out


def test_after_shared_frailty(do, lung):
    # conditional on the estimated frailties (predict's residuals after shared()), e(V) the b block
    rc, out, s = do(SETUP + "quietly stcox age female, shared(ecog)\nestat phtest, detail", df=lung)
    assert rc == 0, out
    assert s.r["df"] == 2 and 0 <= s.r["p"] <= 1
    got = _numbers(s, "")
    assert got.global_chi2 == pytest.approx(s.r["chi2"], rel=1e-12)
