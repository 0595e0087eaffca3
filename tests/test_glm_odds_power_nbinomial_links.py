"""``glm`` with ``link(opower #)`` (glim_l12) and ``link(nbinomial)`` (glim_l04): fits, predict
mu/xb against R (tests/reference_values/glm_odds_power_nbinomial_links.R -> .json, custom
link-glm objects), the header's link line and e() as glm.ado posts them, and the errors."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest

from mlmcli.runner import Runner
from mlmcli.session import Output, Session
from test_glm_command import _run

ROOT = Path(__file__).resolve().parents[1]
REF = json.loads((ROOT / "tests/reference_values/glm_odds_power_nbinomial_links.json").read_text())["models"]
CASES = {
    "opower_minus_one": ("glm hi ses, family(binomial) link(opower -1)",
                         "((u/(1-u))^(-1)-1)/(-1)", "Odds power", "glim_l12"),
    "opower_minus": ("glm hi ses, family(binomial) link(opower -.3)",
                     "((u/(1-u))^(-.3)-1)/(-.3)", "Odds power", "glim_l12"),
    "nbinomial_half": ("glm cnt ses, family(nbinomial .5) link(nbinomial)",
                       "ln(u/(u+(1/.5)))", "Neg. Binomial", "glim_l04"),
    "poisson_nblink": ("glm cnt ses, family(poisson) link(nb)", "ln(u/(u+(1/1)))", "Neg. Binomial", "glim_l04"),
}


@pytest.fixture(scope="module")
def hsb():
    s = Session(out=Output(io.StringIO()))
    r = Runner(s)
    assert r.run_text(f"use {ROOT / 'samples/data/hsb.dta'}, clear\n"
                      "generate hi = mathach > 13\ngenerate cnt = floor(max(mathach, 0) / 3)") == 0
    return s, r


@pytest.mark.parametrize("name", sorted(CASES))
def test_fit_predict_header_and_e_match_r_and_glm_ado(hsb, name):
    s, r = hsb
    command, linkf, linkt, code = CASES[name]
    ref = REF[name]
    rc, out = _run(s, r, command + " nolog" if "," in command else command)
    assert rc == 0, out
    e = s.e
    np.testing.assert_allclose(e.matrices["b"].values[0], ref["b"], rtol=1e-6, atol=2e-7)  # R: Nelder-Mead polish
    np.testing.assert_allclose(np.sqrt(np.diag(e.matrices["V"].values)), ref["se"], rtol=1e-5)
    for key, ekey in (("ll", "ll"), ("deviance", "deviance"), ("pearson", "deviance_p")):
        assert e.scalars[ekey] == pytest.approx(ref[key], rel=1e-6), key
    line = next(ln for ln in out.split("\n") if ln.startswith("Link function"))
    assert line == ("Link function    : g(u) = " + linkf).ljust(51) + f"[{linkt}]"
    assert (e.macros["linkf"], e.macros["linkt"], e.macros["link"]) == (linkf, linkt, code)
    if code == "glim_l12":
        assert e.scalars["power"] == float(command.split("opower ")[1].rstrip(")"))
    else:
        assert "power" not in e.scalars  # glm.ado: e(power) is "." there, no scalar
    rc, out = _run(s, r, "capture drop m xb\npredict m, mu\npredict xb, xb")
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("m")[:5], ref["mu"], rtol=1e-6)
    np.testing.assert_allclose(s.data.numeric("xb")[:5], ref["xb"], rtol=1e-6, atol=3e-7)


def test_opower_zero_is_the_logit(hsb):
    """glm.ado's MapLink: opower 0 maps to glim_l02, the logit."""
    s, r = hsb
    rc, out = _run(s, r, "glm hi ses, family(binomial) link(opower 0) nolog")
    assert rc == 0
    b = s.e.matrices["b"].values[0].copy()
    assert "g(u) = ln(u/(1-u))" in out and "[Logit]" in out
    _run(s, r, "quietly glm hi ses, family(binomial) link(logit)")
    np.testing.assert_allclose(b, s.e.matrices["b"].values[0], rtol=1e-9)


def test_binomial_denominator_in_the_odds_power_line():
    s = Session(out=Output(io.StringIO()))
    r = Runner(s)
    rc, out = _run(s, r, """clear
input y n x
1 4 1
2 4 2
2 5 3
3 5 4
4 6 5
3 4 6
end
glm y x, family(binomial n) link(opower .5) nolog""")
    assert rc == 0, out
    assert "Link function    : g(u) = ((u/(n-u))^(.5)-1)/(.5)  [Odds power]" in out.split("\n")


def test_nbinomial_link_with_a_binomial_denominator_maps_the_mean_itself():
    """glm.ado takes family(binomial n) link(nbinomial) (a nonstandard combination): glim_l04's
    mu = (1/k)/(exp(-eta) - 1), k = 1 (MapFL's default), on the mean itself, n only in the
    variance and the likelihood -- against R's maximisation of that likelihood
    (tests/reference_values/glm_nbinomial_link_binomial.R)."""
    import pandas as pd

    from mlmcli.dataset import Dataset

    ref = json.loads((ROOT / "tests/reference_values/glm_nbinomial_link_binomial.json").read_text())
    s = Session(out=Output(io.StringIO()))
    r = Runner(s)
    df = pd.DataFrame({k: np.asarray(ref[k], float) for k in ("y", "n", "x")})
    s.data = Dataset(df=df, types={k: "double" for k in df})
    rc, out = _run(s, r, "glm y x, family(binomial n) link(nbinomial) nolog")
    assert rc == 0, out
    e = s.e
    np.testing.assert_allclose(e.matrices["b"].values[0], [ref["b"][1], ref["b"][0]], rtol=1e-6)
    np.testing.assert_allclose(np.sqrt(np.diag(e.matrices["V"].values)), [ref["se"][1], ref["se"][0]], rtol=1e-5)
    for key, ekey in (("ll", "ll"), ("deviance", "deviance"), ("pearson", "deviance_p")):
        assert e.scalars[ekey] == pytest.approx(ref[key], rel=1e-6), key  # ml's stopping rule vs R's polish
    assert "Link function    : g(u) = ln(u/(u+(1/1)))" in out and "[Neg. Binomial]" in out
    rc, out = _run(s, r, "predict double m, mu")
    np.testing.assert_allclose(s.data.numeric("m")[:5], ref["mu"], rtol=1e-6)


@pytest.mark.parametrize("link, message", [
    ("opower", "invalid # in link(opower #)"), ("opower a", "invalid # in link(opower #)"),
    ("nbinomial 2", "link() invalid")])
def test_errors(hsb, link, message):
    s, r = hsb
    before = s.data.nobs
    rc, out = _run(s, r, f"glm hi ses, family(binomial) link({link})")
    assert rc == 198 and message in out and "Traceback" not in out
    assert s.data.nobs == before


def test_nbinomial_ml_link_takes_nbregs_alpha(hsb):
    """family(nbinomial ml) link(nbinomial): glm.ado's k = nbreg's e(alpha), read by glim_l04 too:
    the fit is family(nbinomial k) link(nbinomial) at that k."""
    s, r = hsb
    rc, out = _run(s, r, "glm cnt ses, family(nbinomial ml) link(nbinomial) nolog")
    assert rc == 0, out
    b_ml = s.e.matrices["b"].values[0].copy()
    k = float(s.e.macros["linkf"].split("(1/")[1].rstrip(")"))
    _run(s, r, "quietly nbreg cnt ses")
    alpha = s.e.scalars["alpha"]
    assert k == pytest.approx(alpha, rel=1e-5)
    _run(s, r, f"quietly glm cnt ses, family(nbinomial {alpha!r}) link(nbinomial)")
    np.testing.assert_allclose(b_ml, s.e.matrices["b"].values[0], rtol=1e-7)
