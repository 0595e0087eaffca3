"""predict after streg (mlmcli/commands/postestimation/predict_streg.py) against survreg's
fits (tests/survival_reference/predict_streg.R, .json): median time, surv, hazard, csnell,
mgale, deviance, xb (time form); hr; csurv with id(); the refusals."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "predict_streg.json").read_text())
SETUP = "stset time, failure(died)\n"


def lung():
    return pd.read_csv(HERE / "lung.csv").rename(columns={"ph.ecog": "ph_ecog", "wt.loss": "wt_loss"})


@pytest.mark.parametrize("dist", ["weibull", "lognormal", "loglogistic"])
def test_statistics_match_survreg(do, dist):
    time = " time" if dist == "weibull" else ""
    lines = [f"quietly streg age female, distribution({dist}){time}", "predict med", "predict mt, mean time",
             "predict lmed, median lntime"] + [f"predict {v}, {v}" for v in ("surv", "hazard", "csnell", "mgale",
                                                                            "deviance", "xb")]
    rc, out, s = do(SETUP + "\n".join(lines), df=lung())
    assert rc == 0, out
    assert "(option median time assumed; predicted median time)" in out
    ref = REF[dist]
    assert np.allclose(s.data.numeric("med"), ref["median"], rtol=1e-6)
    assert np.allclose(s.data.numeric("lmed"), np.log(ref["median"]), rtol=1e-7)
    assert np.allclose(s.data.numeric("mt"), ref["mean"], rtol=1e-6)
    for v in ("surv", "hazard", "csnell", "mgale", "deviance", "xb"):
        assert np.allclose(s.data.numeric(v), ref[v], rtol=1e-6, atol=1e-9), v


def test_hr_and_mean_lntime(do):
    rc, out, s = do(SETUP + "quietly streg age female, distribution(weibull)\npredict r, hr\npredict x, xb", df=lung())
    assert np.allclose(s.data.numeric("r"), np.exp(s.data.numeric("x")))
    rc, out, s = do(SETUP + "quietly streg age female, distribution(lognormal)\npredict m, mean lntime", df=lung())
    assert np.allclose(s.data.numeric("m"), REF["lognormal"]["xb"], rtol=1e-7)


def test_csurv_multiplies_a_subjects_records(do):
    df = pd.DataFrame({"id": [1, 1, 2, 2, 3, 4, 5, 6], "t": [2, 5, 3, 7, 4, 6, 8, 9], "d": [0, 1, 0, 0, 1, 1, 0, 1],
                       "x": [0, 0, 1, 1, 0, 1, 0, 1]})
    rc, out, s = do("stset t, id(id) failure(d)\nquietly streg x, distribution(weibull)\n"
                    "predict s, surv\npredict c, csurv\npredict cs, csnell", df=df)
    assert rc == 0, out
    surv, csurv = s.data.numeric("s"), s.data.numeric("c")
    assert csurv[1] == pytest.approx(surv[0] * surv[1]) and csurv[0] == pytest.approx(surv[0])
    cs = s.data.numeric("cs")
    assert np.isnan(cs[0]) and cs[1] == pytest.approx(-np.log(surv[0] * surv[1]))


@pytest.mark.parametrize("text, message", [
    ("predict m, hazard xb", "only one statistic may be specified"),
    ("predict m, hr time", "option time not allowed"),
])
def test_refusals(do, text, message):
    rc, out, s = do(SETUP + "quietly streg age female, distribution(weibull)\n" + text, df=lung())
    assert rc == 198 and message in out, out


@pytest.mark.parametrize("dist", ["gompertz", "gamma", "exponential"])
def test_mean_time_is_the_integral_of_the_survivor(do, dist):
    """The closed forms against a numerical integral of exp(ln S) (S itself checked by the log
    likelihood against R in test_streg_distributions.py)."""
    from scipy.integrate import quad

    rc, out, s = do(SETUP + f"quietly streg age female, distribution({dist})\npredict mt, mean time", df=lung())
    model = s.e.model
    eqs, _ = model.equations(s.data)
    for i in (0, 7, 100):
        one = [np.atleast_1d(e[i]) for e in eqs]
        area = quad(lambda t: float(np.exp(model.log_survivor(np.array([t]), one))[0]), 0, np.inf, epsrel=1e-10,
                    limit=500)[0]
        assert s.data.numeric("mt")[i] == pytest.approx(area, rel=1e-7)


@pytest.mark.parametrize("dist, metric", [("weibull", ""), ("weibull", "time"), ("exponential", ""), ("gamma", ""),
                                          ("loglogistic", "")])
def test_mean_lntime_is_the_mean_of_ln_t(do, dist, metric):
    """E[ln t] against a numerical integral of u f(u) over u = ln t (the family's density of ln t)."""
    from scipy.integrate import quad

    rc, out, s = do(SETUP + f"quietly streg age female, distribution({dist}) {metric}\npredict ml, mean lntime",
                    df=lung())
    assert rc == 0, out
    model = s.e.model
    eqs, _ = model.equations(s.data)
    for i in (0, 50):
        one = [np.atleast_1d(e[i]) for e in eqs]

        def density(u):
            t = np.exp(np.array([u]))
            return float(np.exp(model.dist.log_density(np.log(t), t, one, model.aft))[0])
        centre = float(np.log(model.median(one))[0])
        value = quad(lambda u: u * density(u), centre - 60, centre + 60, epsrel=1e-11, limit=1000, points=[centre])[0]
        assert s.data.numeric("ml")[i] == pytest.approx(value, rel=1e-7)


def test_mean_lntime_refused_after_gompertz(do):
    rc, out, s = do(SETUP + "quietly streg age, distribution(gompertz)\npredict m, mean lntime", df=lung())
    assert rc == 198 and "not supported by mlmcli" in out
