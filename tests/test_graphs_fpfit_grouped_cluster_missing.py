"""twoway fpfit/fpfitci with the cluster variable missing on rows of the plot's sample, where the
grouped commands and jackknife take it (graphs.fpfit_command_sample, docs/fpfit_cluster_sample.md):

- ``estcmd(clogit) estopts(group(g) vce(cluster c))``: fracpoly's sample keeps the rows (points,
  x's scaling, the centring); clogit.ado marks c out before dropping the groups whose outcome no
  longer varies -- checked against R (tests/graphs_reference/fpfit_grouped_cluster_missing.R);
- an ``offset()`` missing there with clogit and xtgee (and xtgee's ``exposure()`` missing or
  <= 0): the same markout, against R too;
- ``estcmd(mlogit)``: mlogit fits on its own rows (an outcome constant there: the note), then
  fracpred's refusal;
- ``vce(jackknife, cluster(c) ...)``: jackknife.ado's "missing values not allowed in cluster
  variable" r(459) on the command's e(sample), in fracpoly's first fit: the note, no file written
  -- unless the command's sample leaves those rows out for another reason (a missing offset)."""
from __future__ import annotations

import io
import json
import os
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
REF = json.loads((HERE / "fpfit_grouped_cluster_missing.json").read_text())
NOTE = "(note:  fracpoly could not fit model)"


@pytest.fixture
def s(tmp_path):
    os.chdir(tmp_path)
    df = pd.DataFrame({k: np.asarray(DATA[k], float) for k in ("x", "y", "g", "t")})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    rows = " | ".join(f"_n == {r}" for r in REF["missing_rows"])
    run(session, f"gen c = ceil(g/4)\ngen cfull = c\nreplace c = . if {rows}\n")
    return session


def _assert_line_and_band(graph, ref):
    band, line = graph.panels[0].series
    keep = np.asarray(ref["drawn"], bool)
    assert (~keep).any()
    np.testing.assert_allclose(line.x, np.asarray(REF["at"])[keep])
    np.testing.assert_allclose(line.y, np.asarray(ref["xb"], float)[keep], rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), np.asarray(ref["se"])[keep], rtol=1e-5)


def test_clogit_fits_on_the_rows_with_a_cluster_and_draws_where_they_are(s):
    graph, _ = drawn(s, "twoway fpfitci y x, estcmd(clogit) estopts(group(g) vce(cluster c))")
    _assert_line_and_band(graph, REF)


def test_clogit_with_the_cluster_everywhere_draws_otherwise(s):
    # the rows matter: with c complete the groups of rows 1 and 39 stay, and the line moves
    line = drawn(s, "twoway fpfit y x, estcmd(clogit) estopts(group(g) vce(cluster cfull))")[0].panels[0].series[0]
    at = np.asarray(REF["at"])
    common = np.isin(at, line.x) & np.asarray(REF["drawn"], bool)
    assert not np.allclose(line.y[np.isin(line.x, at[common])], np.asarray(REF["xb"])[common], rtol=1e-3)


@pytest.mark.parametrize("case, estcmd", [
    ("clogit_offset", "estcmd(clogit) estopts(group(g) offset(o))"),
    ("xtgee_offset", "estcmd(xtgee) estopts(i(g) family(binomial) corr(exchangeable) offset(o))"),
])
def test_offset_missing_is_out_of_the_commands_sample(s, case, estcmd):
    run(s, "gen double o = t/4 if c < .")
    graph, _ = drawn(s, f"twoway fpfitci y x, {estcmd}")
    _assert_line_and_band(graph, REF[case])


def test_xtgee_exposure_not_positive_is_marked_out(s):
    # xtgee.ado: gen double offset = ln(exposure) -- missing for e <= 0, then marked out
    run(s, "gen double e = cond(c < ., exp(t/4), -1)")
    graph, _ = drawn(s, "twoway fpfitci y x, estcmd(xtgee) estopts(i(g) family(binomial) exposure(e))")
    _assert_line_and_band(graph, REF["xtgee_offset"])


def test_mlogit_fits_on_its_rows_then_fracpred_refuses(s):
    out, rc = run(s, "twoway fpfit g x, estcmd(mlogit) estopts(vce(cluster c))")
    assert rc == 198 and "mlogit not yet supported by fracpred" in out
    run(s, "gen k = cond(c < ., 1, 2)")  # two outcomes, one of them only where c is missing
    out, rc = run(s, "twoway fpfit k x, estcmd(mlogit) estopts(vce(cluster c))")
    assert rc == 0 and NOTE in out
    out, rc = run(s, "twoway fpfit k x, estcmd(mlogit) estopts(vce(cluster cfull))")
    assert rc == 198 and "mlogit not yet supported by fracpred" in out


@pytest.mark.parametrize("estcmd, extra", [("", ""), ("estcmd(logit)", ""), ("estcmd(poisson)", ""),
                                           ("estcmd(glm)", "family(poisson) ")])
@pytest.mark.parametrize("outputs", ["", " saving(jk, replace)", " keep", " reject(e(N) < 5)"])
def test_jackknife_cluster_missing_is_r459_inside_fracpoly(s, estcmd, extra, outputs):
    out, rc = run(s, f"twoway fpfitci y x, {estcmd} estopts({extra}vce(jackknife, cluster(c){outputs}))")
    assert rc == 0 and NOTE in out, out
    assert not Path("jk.dta").exists() and s.data.varnames[:4] == ["x", "y", "g", "t"]


def test_jackknife_cluster_missing_only_where_the_command_drops_the_row(s):
    # poisson's offset missing on the same rows: they are out of e(sample), jackknife's check passes
    run(s, "gen off = 0.1 * t if c < .")
    ours = drawn(s, "twoway fpfitci y x, estcmd(poisson) estopts(offset(off) vce(jackknife, cluster(c) "
                    "saving(jk, replace)))")[0].panels[0].series
    full = drawn(s, "twoway fpfitci y x, estcmd(poisson) estopts(offset(off) vce(jackknife, cluster(cfull)))"
                 )[0].panels[0].series
    assert Path("jk.dta").exists()
    for a, b in zip(ours, full):
        np.testing.assert_allclose(a.x, b.x)
        np.testing.assert_allclose(a.y, b.y, rtol=1e-10)
    assert np.isfinite(ours[1].y).all() and len(ours[1].x) < len(REF["at"])
