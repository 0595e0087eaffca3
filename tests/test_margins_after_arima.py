"""margins after arima (commands/postestimation/margins_arima.py): the default one-step xb of an
AR(1) and an MA(1) regression, at() and dydx() setting the regressor in every period, structural,
y after arima(1,1,0) (L.y + the D.y prediction), over() by a subset of periods, and the refusals.
Reference: the exact one-step predictions written here from first principles -- AR(1): x_1 b at
the first period, x_t b + rho (y_{t-1} - x_{t-1} b) after; MA(1): the innovations algorithm,
v_0 = s2 (1 + t^2), k_t = t s2 / v_{t-1}, uhat_{t+1} = k_t (u_t - uhat_t), v_t = s2 (1 + t^2) -
k_t^2 v_{t-1} -- averaged at e(b), delta-method SEs sqrt(J V J') from central differences in e(b)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from margins_delta_helpers import check_margin, delta_reference


@pytest.fixture(scope="module")
def series():
    rng = np.random.default_rng(8)
    n = 150
    x = rng.normal(size=n)
    e = rng.normal(size=n + 1)
    ar = np.zeros(n)
    for t in range(n):
        ar[t] = (0.6 * ar[t - 1] if t else 0.0) + e[t + 1]
    ma = e[1:] + 0.5 * e[:-1]
    return pd.DataFrame(dict(t=np.arange(1.0, n + 1), x=x, y=1 + 0.8 * x + ar, w=1 + 0.8 * x + ma,
                             z=np.cumsum(0.3 + 0.8 * x + ar), late=(np.arange(n) >= 75).astype(float)))


def _ar1(eq="y", y="y", at=None, shift=0.0, structural=False):
    def pred(c, d):
        x = (np.full(len(d), at) if at is not None else d.x.to_numpy()) + shift
        xb = c[f"{eq}:_cons"] + c[f"{eq}:x"] * x
        if structural:
            return xb
        u = d[y].to_numpy() - xb
        out = xb.copy()
        out[1:] += c["ARMA:L.ar"] * u[:-1]
        return out
    return pred


def _ma1(c, d):
    xb = c["w:_cons"] + c["w:x"] * d.x.to_numpy()
    u = d.w.to_numpy() - xb
    theta, s2 = c["ARMA:L.ma"], c["sigma:_cons"] ** 2
    uhat, v = np.zeros(len(u)), s2 * (1 + theta ** 2)
    for t in range(len(u) - 1):
        k = theta * s2 / v
        uhat[t + 1] = k * (u[t] - uhat[t])
        v = s2 * (1 + theta ** 2) - k * k * v
    return xb + uhat


def _slope(fn_at):
    def d(c, df, h=1e-5):
        return (fn_at(h)(c, df) - fn_at(-h)(c, df)) / (2 * h)
    return d


def test_arima_ar1_default_at_dydx_structural(do, series):
    rc, out, s = do("tsset t\nquietly arima y x, ar(1)\nmargins", df=series)
    assert rc == 0, out
    assert "Expression   : xb prediction, one-step, predict()" in out and "Model VCE    : OPG" in out
    check_margin(s, delta_reference(s, series, _ar1()))
    rc, out, s = do("margins, at(x=(0 1))", session=s)
    assert rc == 0, out
    check_margin(s, delta_reference(s, series, _ar1(at=0.0)), 0)
    check_margin(s, delta_reference(s, series, _ar1(at=1.0)), 1)
    rc, out, s = do("margins, dydx(x)", session=s)
    assert rc == 0 and "dy/dx w.r.t. : x" in out
    check_margin(s, delta_reference(s, series, _slope(lambda h: _ar1(shift=h))))
    rc, out, s = do("margins, predict(xb structural)", session=s)
    assert rc == 0 and "Expression   : xb prediction, structural, predict(xb structural)" in out
    check_margin(s, delta_reference(s, series, _ar1(structural=True)))
    rc, out, s = do("margins, over(late)", session=s)
    assert rc == 0, out
    full = pd.DataFrame({"v": np.arange(len(series))})

    def part(flag):
        return lambda c, d: _ar1()(c, series)[series.late.to_numpy() == flag]
    check_margin(s, delta_reference(s, full, part(0.0)), 0)
    check_margin(s, delta_reference(s, full, part(1.0)), 1)


def test_arima_ma1_innovations(do, series):
    rc, out, s = do("tsset t\nquietly arima w x, ma(1)\nmargins", df=series)
    assert rc == 0, out
    check_margin(s, delta_reference(s, series, _ma1))


def test_arima_differenced_y(do, series):
    rc, out, s = do("tsset t\nquietly arima z x, arima(1,1,0)\nmargins, predict(y)", df=series)
    assert rc == 0 and "Expression   : y prediction, one-step, predict(y)" in out
    diffed = pd.DataFrame({"x": series.x.diff(), "y": series.z.diff(), "lag": series.z.shift(1)}).iloc[1:]

    def ypred(c, d):
        c = {k.replace("D.x", "x"): v for k, v in c.items()}
        return _ar1(eq="z")({**c, "z:x": c["z:x"]}, d) + d.lag.to_numpy()
    check_margin(s, delta_reference(s, diffed, ypred))
    rc, out, s = do("margins", session=s)
    assert rc == 0
    check_margin(s, delta_reference(s, diffed, lambda c, d: _ar1(eq="z")(
        {k.replace("D.x", "x"): v for k, v in c.items()}, d)))


def test_arima_refusals(do, series):
    rc, out, s = do("tsset t\nquietly arima y x, ar(1)\nmargins, predict(mse)", df=series)
    assert rc == 322 and "predict option mse not appropriate with margins" in out  # e(marginsnotok)
    for typed, code in (("residuals", 322), ("yresiduals", 322), ("stdp", 322), ("dynamic(40)", 198),
                        ("pr", 198), ("xb y", 198)):
        rc, out, s = do(f"margins, predict({typed})", session=s)
        assert rc == code, (typed, out)


def test_marginsplot_after_arima_draws_the_margins(series):
    import io

    from graphs_helpers import artists, axes, figure, run
    from mlmcli.dataset import Dataset
    from mlmcli.session import Output, Session

    s = Session(out=Output(io.StringIO()))
    s.data = Dataset(df=series.copy())
    out, rc = run(s, "tsset t\nquietly arima y x, ar(1)\nquietly margins, at(x=(-1 0 1))\nmarginsplot")
    assert rc == 0 and "Variables that uniquely identify margins: x" in out
    fig = figure(s.graphs[-1])
    assert axes(fig).get_ylabel() == "Xb Prediction, One-step"  # the Expression label, proper-cased
    (markers,) = artists(fig, "p1-s2-connected-markers")
    assert list(markers.get_xdata()) == [-1.0, 0.0, 1.0]
    np.testing.assert_allclose(markers.get_ydata(), s.r["table"].values[0], rtol=1e-12)
