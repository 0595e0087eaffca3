"""margins after glm (predict's default mu = m h(x b + offset), any link) and after
xtpoisson, re (gamma effects: xb by default, nu0, iru0), against R's fits with the averages
and delta-method SEs computed by hand (tests/reference_values/glm_xtpoisson_margins.R)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"
REF = json.loads((REF_DIR / "glm_xtpoisson_margins.json").read_text())


@pytest.fixture
def data():
    return pd.read_csv(REF_DIR / "glm_xtpoisson_margins.csv").astype(float)


def _table(s):
    t = s.r["table"].values
    return t[0], t[1]  # margins, SEs


def _check(s, key, col=0, rel_b=1e-6, rel_se=1e-5):
    margin, se = _table(s)
    assert margin[col] == pytest.approx(REF[key][0], rel=rel_b)
    assert se[col] == pytest.approx(REF[key][1], rel=rel_se)


def test_glm_poisson_exposure_margins(do, data):
    rc, out, s = do("quietly glm y x i.f, family(poisson) exposure(t)\nmargins", df=data)
    assert rc == 0, out
    assert "Expression   : Predicted mean y, predict()" in out
    assert s.e.matrices["b"].values[0][[0, 2, 3, 4]] == pytest.approx(REF["A_b"], rel=1e-6)
    _check(s, "A_margin")
    rc, out, s = do("margins f", session=s)
    assert rc == 0, out
    for lev in (1, 2, 3):
        _check(s, f"A_f{lev}", lev - 1)
    rc, out, s = do("margins, dydx(x)", session=s)
    assert rc == 0 and "dy/dx w.r.t. : x" in out
    _check(s, "A_dydx")
    rc, out, s = do("margins, predict(xb)", session=s)
    assert rc == 0 and "Expression   : Linear prediction, predict(xb)" in out
    _check(s, "A_xb")
    rc, out, s = do("margins, predict(eta nooffset)", session=s)
    assert rc == 0 and _table(s)[0][0] == pytest.approx(REF["A_xb"][0] - np.log(data.t).mean(), rel=1e-6)


def test_glm_binomial_denominators_probit_margins(do, data):
    rc, out, s = do("quietly glm k x i.f, family(binomial m) link(probit)\nmargins\nmargins, dydx(x)", df=data)
    assert rc == 0, out
    assert "Expression   : Predicted mean k, predict()" in out
    se_b = np.sqrt(np.diag(s.e.matrices["V"].values))[[0, 2, 3, 4]]
    assert se_b == pytest.approx(REF["B_se"], rel=1e-6)  # OIM, as Stata's
    _check(s, "B_dydx")
    rc, out, s = do("margins", session=s)
    _check(s, "B_margin")


@pytest.mark.parametrize("statistic", ["stdp", "pearson", "deviance", "response", "working", "score"])
def test_glm_margins_refuse_stochastic_statistics(do, data, statistic):
    rc, out, _ = do(f"quietly glm y x, family(poisson)\nmargins, predict({statistic})", df=data)
    assert rc == 498
    assert "prediction is a function of possibly stochastic quantities other than e(b)" in out
    rc, out, _ = do("quietly glm y x, family(poisson)\nmargins, predict(nonsense)", df=data)
    assert rc == 198 and "option nonsense not allowed" in out


def test_xtpoisson_re_margins(do, data):
    rc, out, s = do("xtset g\nquietly xtpoisson yp x, re exposure(t)\nmargins", df=data)
    assert rc == 0, out
    assert s.e.scalars["ll"] == pytest.approx(REF["C_ll"][0], rel=1e-8)
    assert "Expression   : Linear prediction, predict()" in out
    _check(s, "C_xb")
    rc, out, s = do("margins, predict(nu0)", session=s)
    assert rc == 0 and "Predicted number of events (assuming u_i=0), predict(nu0)" in out
    _check(s, "C_nu0")
    rc, out, s = do("margins, predict(iru0)", session=s)
    _check(s, "C_iru0")
    rc, out, s = do("margins, predict(nu0) dydx(x)", session=s)
    _check(s, "C_dydx_nu0")
    rc, out, s = do("margins, predict(stdp)", session=s)
    assert rc == 498


def test_xtpoisson_re_predict_nu0_iru0(do, data):
    rc, out, s = do("xtset g\nquietly xtpoisson yp x, re exposure(t)\npredict a, nu0\npredict b, iru0\n"
                    "predict d", df=data)
    assert rc == 0, out
    b = REF["C_b"]
    xb = b[0] * data.x.to_numpy() + b[1]
    df = s.data.df
    assert df.a.to_numpy() == pytest.approx(data.t.to_numpy() * np.exp(xb), rel=1e-5)
    assert df.b.to_numpy() == pytest.approx(np.exp(xb), rel=1e-5)
    assert df.d.to_numpy() == pytest.approx(xb + np.log(data.t.to_numpy()), rel=1e-5, abs=1e-6)
