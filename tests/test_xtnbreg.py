"""``xtnbreg``: Hausman-Hall-Griliches negative binomial panel models against R
(tests/reference_values/xtnbreg_reference.R: the random-effects likelihood by numerical
integration over the Beta-distributed effect, the conditional fixed-effects likelihood and the
pooled constant-dispersion model, each maximised by optim()), the layout and refusals."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"
REF = json.loads((REF_DIR / "xtnbreg_reference.json").read_text())


@pytest.fixture
def panels():
    return pd.read_csv(REF_DIR / "gee_panels.csv").astype(float)


def _b(s, prefix=""):
    names = list(s.e.matrices["b"].colnames)
    vals = s.e.matrices["b"].values[0]
    V = s.e.matrices["V"].values
    idx = [names.index(prefix + n) for n in ("_cons", "x", "z")]
    return vals[idx], np.sqrt(np.diag(V))[idx]


def test_random_effects_against_integrated_likelihood(do, panels):
    rc, out, s = do("xtset id t\nxtnbreg yc x z, re nolog", df=panels)
    assert rc == 0, out
    ref = REF["re"]
    b, se = _b(s, "yc:")
    np.testing.assert_allclose(b, ref["b"], rtol=2e-5, atol=1e-6)
    np.testing.assert_allclose(se, ref["se"][:3], rtol=2e-3)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-6)
    names = list(s.e.matrices["b"].colnames)
    lnr = s.e.matrices["b"].values[0][names.index("ln_r:_cons")]
    lns = s.e.matrices["b"].values[0][names.index("ln_s:_cons")]
    assert lns == pytest.approx(ref["ln_s"], rel=1e-4)
    assert lnr == pytest.approx(ref["ln_r"], rel=1e-3)  # the likelihood is flat in ln_r here
    assert s.e.scalars["chi2_c"] == pytest.approx(2 * (ref["ll"] - REF["pooled_ll"]), abs=1e-4)


def test_fixed_effects_against_conditional_likelihood(do, panels):
    rc, out, s = do("xtset id t\nxtnbreg yc x z, fe nolog", df=panels)
    assert rc == 0, out
    ref = REF["fe"]
    b, se = _b(s, "yc:")  # xtnbreg.ado's NAMES `yname':x, fe as re
    np.testing.assert_allclose(b, ref["b"], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(se, ref["se"], rtol=1e-3)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-7)
    assert s.e.scalars["N"] == ref["N"] and s.e.scalars["N_g"] == ref["N_g"]
    assert "note: 3 groups (10 obs) dropped because of all zero outcomes" in out


def test_layout_replay_and_predict(do, panels):
    rc, out, s = do("xtset id t\nxtnbreg yc x z, nolog", df=panels)
    lines = out.splitlines()
    i = lines.index("Random effects u_i ~ Beta                       Obs per group: min =         2")
    assert lines[i - 3].startswith("Random-effects negative binomial regression     Number of obs      =       443")
    assert lines[i + 5].startswith("Log likelihood  = ")
    assert any(line.startswith("       /ln_r |") for line in lines)
    assert any(line.startswith("           s |") for line in lines)
    assert lines[-1].startswith("LR test vs. pooled: chibar2(01) = ")
    assert "Prob >= chibar2 = " in lines[-1]
    rc, out, s = do("xtnbreg, irr\npredict n0, nu0\npredict xb, xb", session=s)
    assert rc == 0, out
    assert "          yc |        IRR   Std. Err." in out
    df = s.data.df
    np.testing.assert_allclose(df["n0"], np.exp(df["xb"]), rtol=1e-6)
    rc, out, s = do("xtnbreg yc x z, fe irr nolog", session=s)
    assert out.splitlines()[2].startswith("Conditional FE negative binomial regression")


@pytest.mark.parametrize("command, rc, message", [
    ("xtnbreg yc x z", 459, "panel variable not set"),
    ("xtnbreg yc x z, i(id) fe re", 198, "choose one of re, fe, or pa"),
    ("xtnbreg yc x z, i(id) pa fe", 198, "choose one of re, fe, or pa"),
    ("xtnbreg yc x z, i(id) vce(robust)", 198, "vcetype 'robust' not allowed"),  # _vce_parse, opt(OIM)
    ("xtnbreg y x z, i(id)", 459, "must be greater than or equal to zero"),
    ("xtnbreg yc x z [fw=t], i(id)", 101, "fweights not allowed"),
    ("xtnbreg", 301, "last estimates not found"),
])
def test_refusals(do, panels, command, rc, message):
    got, out, s = do(command, df=panels)
    assert got == rc and message in out, out
    assert s.e is None and s.data.nobs == len(panels)


def test_pa_is_xtgee_negative_binomial(do, panels):
    """xtnbreg.ado hands pa to ``xtgee ..., fam(nbinom) link(log)`` and then sets e(cmd2)
    xtnbreg, e(predict) xtnbreg_pa_p; the fit is xtgee's (its numbers are tested against R in
    the xtgee tests), its table the GEE one with irr's IRR column; typed alone it replays."""
    rc, out, s = do("xtset id t\nxtnbreg yc x z, pa nolog", df=panels)
    assert rc == 0, out
    assert "GEE population-averaged model" in out and "negative binomial(k=1)" in out
    e = s.e
    assert (e.cmd, e.macros["cmd2"], e.macros["predict"], e.macros["model"]) == ("xtgee", "xtnbreg", "xtnbreg_pa_p", "pa")
    b = e.matrices["b"].values.copy()
    rc, out2, s = do("xtgee yc x z, family(nbinomial) link(log) nolog", session=s)
    np.testing.assert_allclose(s.e.matrices["b"].values, b, rtol=1e-12)
    assert out2.split("GEE population-averaged model")[1] == out.split("GEE population-averaged model")[1]
    rc, out3, s = do("xtnbreg yc x z, pa nolog\nxtnbreg, irr", session=s)
    assert rc == 0 and "          yc |        IRR   Std. Err." in out3


@pytest.mark.parametrize("model", ["fe", "re"])
def test_iterate_caps_the_newton_steps(do, panels, model):
    rc, out, s = do(f"xtset id t\nxtnbreg yc x z, {model} iterate(1)", df=panels)
    assert rc == 0, out
    assert "convergence not achieved" in out and s.e.scalars["converged"] == 0
