"""xtrho (Rodríguez and Elo, st0031): the measures checked against direct numerical
integration (scipy's quad, not the quadrature of the implementation), the layout, r() and
errors."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats


def _data(seed=3, groups=12, size=6):
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(1, groups + 1), size)
    u = rng.normal(0, 1.3, groups)[g - 1]
    x = rng.normal(size=g.size)
    y = (rng.uniform(size=g.size) < 1 / (1 + np.exp(-(-0.2 + 0.6 * x + u)))).astype(float)
    return pd.DataFrame({"id": g.astype(float), "x": x, "y": y})


def _by_hand(cdf, eta, sigma):
    u = np.linspace(-14 * sigma, 14 * sigma, 400001)  # the trapezoid rule on a fine grid

    def moment(power):
        return np.trapezoid(cdf(eta + u) ** power * stats.norm.pdf(u, scale=sigma), u)
    p, p11 = moment(1), moment(2)
    odds = p11 * (1 - 2 * p + p11) / (p - p11) ** 2
    return p, p11, odds, (p11 - p * p) / (p * (1 - p)), (odds - 1) / (odds + 1)


@pytest.mark.parametrize("cmd,cdf,s2", [("xtlogit", stats.logistic.cdf, math.pi ** 2 / 3),
                                        ("xtprobit", stats.norm.cdf, 1.0)])
def test_measures_match_direct_integration(do, cmd, cdf, s2):
    rc, out, s = do(f"{cmd} y x, i(id) re\nxtrho", df=_data())
    assert rc == 0, out
    b = s.e.coefficients()
    names = list(b.names)
    sigma = math.exp(b.b[names.index("lnsig2u:_cons")] / 2)
    xb = np.sort(b.b[names.index("y:_cons")] + b.b[names.index("y:x")] * s.data.numeric("x"))
    eta = 0.5 * (xb[35] + xb[36])  # the median of 72 values
    want = _by_hand(cdf, eta, sigma)
    got = [s.r[k] for k in ("p_1", "p11_1", "or_1", "r_1", "q_1")]
    assert got == pytest.approx(want, rel=1e-8)
    assert s.r["eta_1"] == pytest.approx(eta, rel=1e-12)
    assert s.r["rho"] == pytest.approx(sigma ** 2 / (sigma ** 2 + s2), rel=1e-12)
    assert s.r["rho"] == pytest.approx(s.e.scalars["rho"], rel=1e-9)


def test_layout_and_quantiles(do):
    rc, out, s = do("xtlogit y x, i(id) re\nxtrho, quantiles(25 75) level(90)", df=_data())
    assert rc == 0, out
    block = out[out.index("Measures of intra-class"):].splitlines()
    assert block[0] == "Measures of intra-class manifest association in random-effects logit"
    assert block[1].startswith("Evaluated at 25th percentile of linear predictor (")
    assert block[3:6] == ["-" * 59, "Measure                  |  Estimate    [90% Conf. Interval]",
                          "-" * 25 + "+" + "-" * 33]
    assert [ln[:25].strip() for ln in block[6:11]] == ["Marginal prob.", "Joint prob.", "Odds ratio",
                                                      "Pearson's r", "Yule's Q"]
    est, lo, hi = (float(v) for v in block[10][26:].split())
    assert lo < est < hi and abs(est - s.r["q_1"]) < 1e-4
    assert "Evaluated at 75th percentile of linear predictor" in out
    assert s.r["eta_1"] < s.r["eta_2"]


def test_errors(do):
    rc, out, _ = do("regress y x\nxtrho", df=_data())
    assert rc == 301 and "xtrho works only after xtlogit, xtprobit or xtcloglog" in out
    rc, out, _ = do("xtrho", df=_data())
    assert rc == 301
    rc, out, _ = do("xtlogit y x, i(id) re\nxtrho, quantiles(0 50)", df=_data())
    assert rc == 198
    rc, out, _ = do("xtlogit y x, i(id) re\nxtrho, bogus", df=_data())
    assert rc == 198 and "option bogus not allowed" in out
