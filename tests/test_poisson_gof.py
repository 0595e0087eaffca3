"""estat gof after poisson (poisgof.ado, Stata 12/13): the deviance and Pearson statistics
summed here with numpy from the model's predicted counts, poisgof's printed layout and r(),
its syntax errors; glm has no estat gof."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.special import xlogy
from scipy.stats import chi2 as chi2_dist

from graphs_helpers import double_session, run
from mlmcli.render.numfmt import format_number


@pytest.fixture()
def s():
    rng = np.random.default_rng(11)
    n = 40
    x = np.round(rng.uniform(0, 3, n), 2)
    t = np.round(rng.uniform(1, 4, n), 1)
    y = rng.poisson(t * np.exp(0.2 + 0.5 * x)).astype(float)
    y[:3] = 0  # zeros: y*ln(y) is 0 there
    return double_session({"y": y, "x": x, "t": t, "fw": (np.arange(n) % 3 + 1)})


def ok(s, text):
    out, rc = run(s, text)
    assert rc == 0, out
    return out


def fails(s, text):
    out, rc = run(s, text, stop_on_error=True)
    assert rc != 0, out
    return out.strip().splitlines()[-2], rc


def by_hand(s, w=None):
    ok(s, "capture drop __mu\nquietly predict double __mu, n")
    y, mu = s.data.numeric("y"), s.data.numeric("__mu")
    w = np.ones_like(y) if w is None else w
    dev = 2 * np.sum(w * (xlogy(y, y) - xlogy(y, mu) - (y - mu)))
    pear = np.sum(w * (y - mu) ** 2 / mu)
    return dev, pear


def test_deviance_and_pearson_layout_and_r(s):
    ok(s, "quietly poisson y x, exposure(t)")
    dev, pear = by_hand(s)
    out = ok(s, "estat gof")
    df = 40 - 1 - 1
    ok(s, "scalar d = r(chi2_d)\nscalar p = r(chi2_p)\nscalar pd = r(p_d)\nscalar pp = r(p_p)\nscalar k = r(df)")
    sc = {k: s.scalars[k] for k in ("d", "p", "pd", "pp", "k")}
    assert sc["d"] == pytest.approx(dev, rel=1e-8)
    assert sc["p"] == pytest.approx(pear, rel=1e-8)
    assert sc["k"] == df
    assert sc["pd"] == pytest.approx(chi2_dist.sf(dev, df), rel=1e-7)
    assert sc["pp"] == pytest.approx(chi2_dist.sf(pear, df), rel=1e-7)
    expected = ["",
                "         Deviance goodness-of-fit = " + format_number(dev, "%9.0g"),
                f"         Prob > chi2({df})          =    " + format_number(chi2_dist.sf(dev, df), "%6.4f"),
                "",
                "         Pearson goodness-of-fit  = " + format_number(pear, "%9.0g"),
                f"         Prob > chi2({df})          =    " + format_number(chi2_dist.sf(pear, df), "%6.4f")]
    assert out.rstrip("\n").split("\n") == expected


def test_frequency_weights_enter_the_sums(s):
    ok(s, "quietly poisson y x [fweight=fw]")
    dev, pear = by_hand(s, s.data.numeric("fw"))
    ok(s, "quietly estat gof\nscalar d = r(chi2_d)\nscalar p = r(chi2_p)\nscalar k = r(df)")
    assert s.scalars["d"] == pytest.approx(dev, rel=1e-8)
    assert s.scalars["p"] == pytest.approx(pear, rel=1e-8)
    assert s.scalars["k"] == s.data.numeric("fw").sum() - 2


def test_pearson_option_prints_the_old_two_lines(s):
    ok(s, "quietly poisson y x")
    _, pear = by_hand(s)
    out = ok(s, "estat gof, pearson")
    assert out.rstrip("\n").split("\n") == [
        "", "         Goodness-of-fit chi2  = " + format_number(pear, "%9.0g"),
        "         Prob > chi2(38)       =    " + format_number(chi2_dist.sf(pear, 38), "%6.4f")]
    ok(s, "scalar c = r(chi2)")
    assert s.scalars["c"] == pytest.approx(pear, rel=1e-8)


@pytest.mark.parametrize("line, message, rc", [
    ("estat gof y", "varlist not allowed", 101),
    ("estat gof if x > 1", "if not allowed", 101),
    ("estat gof in 1/5", "in range not allowed", 101),
    ("estat gof [fw=fw]", "weights not allowed", 101),
    ("estat gof, group(4)", "option group() not allowed", 198),
])
def test_syntax_errors(s, line, message, rc):
    ok(s, "quietly poisson y x")
    last, code = fails(s, line)
    assert (last, code) == (message, rc)


def test_glm_has_no_estat_gof(s):
    ok(s, "quietly glm y x, family(poisson)")
    assert fails(s, "estat gof") == ("invalid subcommand gof", 321)
