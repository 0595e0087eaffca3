"""predict's scores, ccsnell, cmgale and partial after streg (predict_streg_scores.py,
predict_streg.py) against survreg (tests/survival_reference/streg_scores.R and .json)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "streg_scores.json").read_text())


def lung():
    return pd.read_csv(HERE / "lung.csv").rename(columns={"ph.ecog": "ph_ecog", "wt.loss": "wt_loss"})


def _col(s, name):
    return np.asarray(s.data.numeric(name), float)


@pytest.mark.parametrize("fit, key, labels", [
    ("distribution(weibull) time", "weibull_time", ("[_t]", "/ln_p", "weibull")),
    ("distribution(weibull)", "weibull_hazard", ("[_t]", "/ln_p", "weibull")),
    ("distribution(lognormal)", "lognormal", ("[_t]", "/ln_sig", "lnormal")),
])
def test_scores_match_survreg(do, fit, key, labels):
    rc, out, s = do(f"stset time, failure(died)\nquietly streg age female, {fit}\npredict double s*, scores\n"
                    "predict double u1 in 1/10, score", df=lung())
    assert rc == 0, out
    assert np.allclose(_col(s, "s1"), REF[key]["s1"], rtol=1e-6, atol=1e-8)
    assert np.allclose(_col(s, "s2"), REF[key]["s2"], rtol=1e-6, atol=1e-8)
    assert np.allclose(_col(s, "u1")[:10], REF[key]["s1"][:10], rtol=1e-6) and np.isnan(_col(s, "u1")[10:]).all()
    first, second, cmd = labels
    assert s.data.var_labels["s1"] == f"equation-level score for {first} from {cmd}"
    assert s.data.var_labels["s2"] == f"equation-level score for {second} from {cmd}"


def _split():
    d = lung()
    d["id"] = np.arange(1, len(d) + 1)
    first = d[d["time"] > 200].assign(time=200, died=0, t0=0)
    second = d.assign(t0=np.where(d["time"] > 200, 200, 0))
    return pd.concat([first, second]).sort_values(["id", "time"]).reset_index(drop=True)


def test_cumulative_and_partial(do):
    split = _split()
    ref = REF["split"]
    rc, out, s = do("stset time, failure(died) id(id)\nquietly streg age female, distribution(weibull) time\n"
                    "predict double cs, ccsnell\npredict double cm, cmgale\npredict double c0, csnell\n"
                    "predict double csp, csnell partial\npredict double mgp, mgale partial\n"
                    "predict double dvp, deviance partial", df=split)
    assert rc == 0, out
    cs = _col(s, "cs")
    last = np.r_[split["id"].to_numpy()[1:] != split["id"].to_numpy()[:-1], True]
    assert np.array_equal(~np.isnan(cs), last)
    assert np.allclose(cs[last], ref["csnell"], rtol=1e-5)
    assert np.allclose(_col(s, "cm")[last], ref["mgale"], rtol=1e-5, atol=1e-7)
    assert np.allclose(_col(s, "c0"), cs, equal_nan=True)
    csp = _col(s, "csp")
    early = (split["t0"] == 0) & (split["time"] == 200) & (split["died"] == 0) & ~last
    assert np.allclose(csp[early.to_numpy()], ref["first"], rtol=1e-5)
    assert np.allclose(csp[last], ref["second"], rtol=1e-5)
    m = split["died"].to_numpy() - csp
    assert np.allclose(_col(s, "mgp"), m, rtol=1e-8)
    dev = np.sign(m) * np.sqrt(-2 * (m + split["died"].to_numpy() * np.log1p(-np.where(split["died"] > 0, m, 0))))
    assert np.allclose(_col(s, "dvp"), dev, rtol=1e-8)
    labels = s.data.var_labels
    assert (labels["cs"], labels["cm"], labels["csp"], labels["mgp"], labels["dvp"]) == (
        "Cox-Snell residual", "Martingale-like residual", "Partial Cox-Snell residual",
        "Partial martingale-like residual", "Partial deviance residual")


@pytest.mark.parametrize("line, message, code", [
    ("predict a, ccsnell partial", "option partial not allowed", 198),
    ("predict a, hazard partial", "option partial not allowed", 198),
    ("predict a b c, scores", "too many variables specified", 103),
])
def test_errors(do, line, message, code):
    rc, out, s = do("stset time, failure(died)\nquietly streg age female, distribution(weibull)\n" + line, df=lung())
    assert rc == code, out
    assert message in out and "a" not in s.data.varnames
