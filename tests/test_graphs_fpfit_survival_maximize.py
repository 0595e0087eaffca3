"""ml's maximize options in fpfit's estopts() with estcmd(weibull|ereg|streg)
(``graphs.fpfit_survival_maximize``): options that change only ml's path (difficult, the
display options, nonrtolerance at the optimum) leave the curve as it is; technique(bhhh) alone
makes the band the outer product of the gradient's (checked against mlm's streg vce(opg) at the
same powers, itself checked against R in tests/test_streg_*); iterate(0) keeps ml's starting
values (every FP slope 0: a flat x b) with ml's warning instead of failing."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import drawn, run
from mlmcli.distributions import norm
from test_graphs_fpfit_weibull_ereg_vce import _at, _streg_band, s  # noqa: F401 -- the fixture

PATH_ONLY = "difficult trace gradient hessian showstep showtolerance nonrtolerance"


def _curve(s, cmd: str, opts: str):
    if cmd == "streg":
        out, rc = run(s, "stset y, failure(d)")
        assert rc == 0, out
        text = f"twoway fpfitci x g, estcmd(streg) estopts(distribution(weibull) {opts})"
    else:
        text = f"twoway fpfitci y x, estcmd({cmd}) estopts(dead(d) {opts})"
    graph, _ = drawn(s, text)
    band, line = graph.panels[0].series
    return np.asarray(line.y, float), np.asarray(band.y2, float) - np.asarray(band.y, float), line


@pytest.mark.parametrize("cmd", ["weibull", "ereg", "streg"])
def test_path_only_options_leave_the_curve(s, cmd):
    from mlmcli.session import Output, Session  # a second session on the same data
    import io

    plain, plain_band, _ = _curve(s, cmd, "")
    other = Session(out=Output(io.StringIO()))
    other.data = s.data
    y, band, _ = _curve(other, cmd, PATH_ONLY)
    np.testing.assert_allclose(y, plain, rtol=1e-7)
    np.testing.assert_allclose(band, plain_band, rtol=1e-6)


def test_weibull_bhhh_band_is_opg(s):
    y, band, line = _curve(s, "weibull", "technique(bhhh)")
    xb, se = _at(*_streg_band(s, "vce(opg)"), np.asarray(line.x))
    _, oim_band, _ = _curve(s, "weibull", "")
    np.testing.assert_allclose(y, xb, rtol=1e-4)  # bhhh stops by ml's tolerances, near nr's optimum
    np.testing.assert_allclose(band, 2 * float(norm.ppf(0.975)) * se, rtol=1e-3)
    assert np.max(np.abs(band / oim_band - 1)) > 0.01  # not the OIM band


def test_streg_bhhh_band_is_opg(s):
    from mlmcli.session import Output, Session
    import io

    _, bhhh, _ = _curve(s, "streg", "technique(bhhh)")
    other = Session(out=Output(io.StringIO()))
    other.data = s.data
    _, opg, _ = _curve(other, "streg", "vce(opg)")
    np.testing.assert_allclose(bhhh, opg, rtol=1e-3)
    _, oim, _ = _curve(other, "streg", "")
    assert np.max(np.abs(bhhh / oim - 1)) > 0.05


@pytest.mark.parametrize("cmd", ["weibull", "ereg", "streg"])
def test_iterate_zero_keeps_the_start(s, cmd):
    y, _, _ = _curve(s, cmd, "iterate(0)")
    assert np.ptp(y) < 1e-9 * max(1.0, abs(y[0]))  # ml's start: the FP slopes 0
    fitted, _, _ = _curve(s, cmd, "")
    assert np.ptp(fitted) > 0.1


def test_technique_with_frailty_is_refused_as_by_streg(s):
    run(s, "stset y, failure(d)")
    out, rc = run(s, "twoway fpfit x g, estcmd(streg) estopts(distribution(weibull) frailty(gamma) technique(bhhh))")
    assert rc == 198 and "option technique() with frailty() not supported by mlmcli" in out
