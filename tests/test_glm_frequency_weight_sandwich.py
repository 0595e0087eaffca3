"""fweights with vce(robust) and vce(cluster) on the single-level ML commands (logit ... oprobit,
nbreg, glm, mlogit, and fpfit's ML estcmd()s): a row of weight w is w observations, so e(b),
e(V) and e(N) equal those of the data with each row repeated w times ([U] 20.23.1; the meat
sum_i w_i s_i s_i' with N/(N-1), N = sum w, not (w_i s_i)(w_i s_i)' over the rows).  The
expanded data are built here with pandas (not mlm's expand), so the check is independent."""
from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import drawn
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    rng = np.random.default_rng(20261202)
    n = 80
    x = rng.normal(size=n)
    z = rng.uniform(size=n)
    return pd.DataFrame({
        "x": x, "z": z, "c": (np.arange(n) % 11).astype(float), "w": (1 + np.arange(n) % 4).astype(float),
        "y": (rng.uniform(size=n) < 1 / (1 + np.exp(-(0.3 + 0.8 * x)))).astype(float),
        # overdispersed counts: nbreg's alpha well inside its range (at alpha -> 0 ln alpha is not identified)
        "n": rng.poisson(np.exp(0.5 + 0.4 * x) * rng.gamma(2.0, 0.5, size=n)).astype(float),
        "o": (1 + (x + rng.normal(size=n) > -0.5) + (x + rng.normal(size=n) > 0.7)).astype(float)})


def _expanded(df: pd.DataFrame) -> pd.DataFrame:
    return df.loc[df.index.repeat(df["w"].astype(int))].reset_index(drop=True)


MODELS = ["logit y x z", "logistic y x z", "probit y x z", "cloglog y x z", "poisson n x z",
          "poisson n x z, exposure(w)", "nbreg n x z", "nbreg n x z, dispersion(constant)",
          "ologit o x z", "oprobit o x z", "glm n x z, family(poisson)",
          "glm y x z, family(binomial) link(probit)", "mlogit o x z"]


def _fit(do, df, text):
    rc, out, s = do(text, df=df.copy())
    assert rc == 0, out[-2000:]
    return s.e


@pytest.mark.parametrize("vce", ["vce(robust)", "vce(cluster c)"])
@pytest.mark.parametrize("model", MODELS)
def test_frequency_weights_equal_the_expanded_rows(do, data, model, vce):
    cmd, _, opts = model.partition(",")
    weighted = _fit(do, data, f"quietly {cmd} [fw=w], {opts} {vce}")
    expanded = _fit(do, _expanded(data), f"quietly {cmd}, {opts} {vce}")
    assert weighted.scalars["N"] == expanded.scalars["N"] == data["w"].sum()
    np.testing.assert_allclose(weighted.matrices["b"].values, expanded.matrices["b"].values, rtol=1e-8, atol=1e-10)
    V, Ve = weighted.matrices["V"].values, expanded.matrices["V"].values
    assert np.max(np.abs(V - Ve)) <= 1e-8 * np.max(np.abs(Ve)), (V, Ve)
    if "cluster" in vce:
        assert weighted.scalars["N_clust"] == expanded.scalars["N_clust"] == 11


def test_the_weighted_meat_is_not_the_pweight_one(do, data):
    """The bug: fweights with vce(robust) took the pweight meat, sum (w_i s_i)(w_i s_i)' over
    the rows with n/(n-1); pweights keep that meat (their own reference values are in
    test_glm_commands_reference's logit_pw)."""
    fw = _fit(do, data, "quietly logit y x z [fw=w], vce(robust)").matrices["V"].values
    pw = _fit(do, data, "quietly logit y x z [pw=w]").matrices["V"].values
    assert not np.allclose(fw, pw, rtol=1e-3)


def _session(df: pd.DataFrame) -> Session:
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df.copy(), types={k: "double" for k in df})
    return session


@pytest.mark.parametrize("vce", ["vce(robust)", "vce(cluster c)"])
@pytest.mark.parametrize("command, y", [("logit", "y"), ("probit", "y"), ("poisson", "n"), ("nbreg", "n")])
def test_fpfit_estcmd_frequency_weights_equal_the_expanded_rows(data, command, y, vce):
    """fpfit's ML estcmd()s fit through the same engine: stdp from the same e(V).  (Not ologit/
    oprobit: their x b is the centred terms' part, centred at the unweighted mean of x as
    fracpoly's adjust does, which expanding the data moves.)"""
    text = "twoway fpfit {y} x{w}, estcmd({c}) estopts({v}) predopts(stdp)"
    weighted, _ = drawn(_session(data), text.format(y=y, w=" [fw=w]", c=command, v=vce))
    expanded, _ = drawn(_session(_expanded(data)), text.format(y=y, w="", c=command, v=vce))
    a, b = weighted.panels[0].series[0], expanded.panels[0].series[0]
    np.testing.assert_allclose(a.x, b.x)
    np.testing.assert_allclose(a.y, b.y, rtol=1e-8, atol=1e-12)
