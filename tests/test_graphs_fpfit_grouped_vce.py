"""twoway fpfit/fpfitci ``estcmd(clogit|xtgee)`` with estopts(vce(opg)), technique(bhhh) alone
and nonest against R (tests/graphs_reference/fpfit_grouped_vce.R on fpfit_grouped.json's data:
the exact conditional logit's OPG and rows'-score sandwich), xtgee's vce(bootstrap) reproducible
with seed(); what fails inside fracpoly (the note), clogit under any replication prefix among it
(graphs.fpfit_grouped_replicates: frac_154's first fit has no covariate).  xtgee's
vce(jackknife ...): tests/test_graphs_fpfit_xtgee_jackknife.py."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from graphs_helpers import drawn, run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

HERE = Path(__file__).parent / "graphs_reference"
DATA = json.loads((HERE / "fpfit_grouped.json").read_text())
REF = json.loads((HERE / "fpfit_grouped_vce.json").read_text())


@pytest.fixture
def s():
    df = pd.DataFrame({k: np.asarray(DATA[k], float) for k in ("x", "y", "g", "t")})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    run(session, "gen c2 = mod(g, 5) + (t > 2)\ngen w = mod(g, 3) + 1\ngen c = ceil(g/4)\n")
    return session


CASES = {
    "clogit_opg": "estcmd(clogit) estopts(group(g) vce(opg))",
    "clogit_bhhh": "estcmd(clogit) estopts(group(g) technique(bhhh))",
    "clogit_nonest": "estcmd(clogit) estopts(group(g) vce(cluster c2) nonest)",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_curve_and_band_match_r(s, case):
    ref = REF[case.replace("bhhh", "opg")]
    graph, _ = drawn(s, f"twoway fpfitci y x, {CASES[case]}")
    band, line = graph.panels[0].series
    keep = np.asarray(ref.get("drawn", [True] * len(ref["at"])), bool)
    np.testing.assert_allclose(line.x, np.asarray(ref["at"])[keep])
    np.testing.assert_allclose(line.y, np.asarray(ref["xb"])[keep], rtol=1e-5, atol=1e-7)
    q = norm.ppf(0.975)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * q), np.asarray(ref["se"])[keep], rtol=1e-5)


def test_bootstrap_is_reproducible_with_seed(s):
    def half(text):
        band = drawn(s, text)[0].panels[0].series[0]
        return band.y2 - band.y

    for estcmd in ("estcmd(xtgee) estopts(i(g) family(binomial) vce(bootstrap, reps(10) seed(5)))",):
        first = half(f"twoway fpfitci y x, {estcmd}")
        np.testing.assert_array_equal(first, half(f"twoway fpfitci y x, {estcmd}"))
        other = half(f"twoway fpfitci y x, {estcmd.replace('seed(5)', 'seed(6)')}")
        ok = np.isfinite(first)
        assert ok.any() and not np.allclose(first[ok], other[ok])


@pytest.mark.parametrize("text", [
    "twoway fpfit y x, estcmd(clogit) estopts(group(g) nonest)",  # nonest needs vce(cluster)
    "twoway fpfit y x [pw=w], estcmd(clogit) estopts(group(g) vce(opg))",
    "twoway fpfit y x [fw=w], estcmd(clogit) estopts(group(g) vce(bootstrap))",  # bootstrap: no weights
    "twoway fpfit y x, estcmd(xtgee) estopts(i(g) vce(opg))",  # xtgee's _vce_parse
    # clogit under the prefix: frac_154's first fit, without covariates, leaves no e(b) to expand
    "twoway fpfitci y x, estcmd(clogit) estopts(group(g) vce(jackknife))",
    "twoway fpfitci y x, estcmd(clogit) estopts(group(g) vce(bootstrap, reps(20) seed(5)))",
    "twoway fpfit y x, estcmd(clogit) estopts(group(g) vce(jackknife, cluster(c)))",
    "twoway fpfit y x [fw=w], estcmd(clogit) estopts(group(g) vce(jackknife))",
    # xtgee's jackknife posts F, not chi2: with a constant every deviance ties with the model
    # without x's, so no powers (graphs.fpfit_xtgee_jackknife)
    "twoway fpfitci y x, estcmd(xtgee) estopts(i(g) family(binomial) corr(exchangeable) vce(jackknife))",
    "twoway fpfitci y x [fw=w], estcmd(xtgee) estopts(i(g) family(binomial) corr(exchangeable) vce(jackknife))",
])
def test_the_command_failing_inside_fracpoly_is_the_note(s, text):
    out, rc = run(s, text)
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out, out


@pytest.mark.parametrize("sub", ["cluster(c)", "cluster(g) mse", "cluster(c) saving(jk)", "cluster(c) keep"])
def test_xtgee_jackknife_cluster_is_the_note(s, sub, tmp_path, monkeypatch):
    """_vce_parserun appends cluster(panelvar) to the typed cluster(): jackknife's
    "option cluster() not allowed" in frac_154's first fit, before any file or variable
    (graphs.fpfit_grouped_replicates)."""
    monkeypatch.chdir(tmp_path)
    names = list(s.data.varnames)
    out, rc = run(s, f"twoway fpfit y x, estcmd(xtgee) estopts(i(g) vce(jackknife, {sub}))")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out, out
    assert not (tmp_path / "jk.dta").exists() and s.data.varnames == names


@pytest.mark.parametrize("sub", ["saving(jk, replace)", "keep", "reject(e(N) < 0)", "n(e(N))", "cluster(c) saving(jk)"])
def test_clogit_with_the_prefixs_outputs_fails_before_writing_anything(s, sub, tmp_path, monkeypatch):
    """The first fit (no covariate) stops the prefix before postfile or keep: the note, no file,
    the data unchanged."""
    monkeypatch.chdir(tmp_path)
    names = list(s.data.varnames)
    out, rc = run(s, f"twoway fpfitci y x, estcmd(clogit) estopts(group(g) vce(jackknife, {sub}))")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out, out
    assert not (tmp_path / "jk.dta").exists() and s.data.varnames == names
