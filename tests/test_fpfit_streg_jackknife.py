"""twoway fpfit/fpfitci estcmd(streg) estopts(vce(jackknife, saving() keep n() reject()
idcluster())): streg under the prefix in every fit fracpoly makes
(mlmcli/graphs/fpfit_streg_jackknife.py): saving()'s replicates and n()'s rejections against
survreg refits (tests/survival_reference/fpfit_streg_jackknife_outputs.R, .json), and what
Stata's prefix does with keep, reject(), idcluster() and a file without replace."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import t as student

from graphs_helpers import drawn, run, survival_reference_session

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "fpfit_streg_jackknife_outputs.json").read_text())
NOTE = "(note:  fracpoly could not fit model)"
# powers(1 2): five candidates, each refitted on every replicate when reject() or n() can reject one
PLOT = "twoway fpfitci age wt_loss, estcmd(streg) estopts(d(lognormal) powers(1 2) vce(jackknife{}))"
# n() and reject() refit the same five candidates on the same replicates: tests/fit_memo.py
pytestmark = pytest.mark.usefixtures("fit_memo")


def _lung():
    return survival_reference_session("lung.csv", "stset time, failure(died)")


@pytest.fixture
def s():
    return _lung()


def _band(graph):
    band, line = graph.panels[0].series
    return band.y2 - band.y, line.y


@pytest.fixture(scope="module")
def plain_band():
    """The band of the plain ``vce(jackknife)`` plot, drawn once for the file's tests that compare
    with it (each fit a jackknife of five candidates: ~4 s), in a session of its own."""
    graph, _ = drawn(_lung(), PLOT.format(""))
    return _band(graph)


def test_saving_holds_the_final_models_replicates(s, tmp_path, plain_band):
    f = tmp_path / "jk"
    graph, _ = drawn(s, PLOT.format(f", saving({f}, replace double)"))
    np.testing.assert_allclose(_band(graph), plain_band, rtol=1e-12)
    out, rc = run(s, f"use {f}, clear")
    assert rc == 0, out
    names = ["_t_b_Iage__1", "_t_b_Iage__2", "_t_b_wt_loss", "_t_b_cons", "ln_sig_b_cons"]
    assert list(s.data.varnames) == names
    values = np.column_stack([s.data.numeric(v) for v in names])
    np.testing.assert_allclose(values, REF["replicates"], rtol=1e-5, atol=1e-8)


def test_n_rejects_the_replicates_with_another_count(s):
    """n(e(N_fail)): a replicate leaving out a censored record keeps n0 failures, not n0 - 1:
    rejected, so V and e(df_r) are the failures' replicates'."""
    graph, _ = drawn(s, PLOT.format(", n(e(N_fail))"))
    width, xb = _band(graph)
    np.testing.assert_allclose(graph.panels[0].series[1].x, REF["at"])
    np.testing.assert_allclose(xb, REF["xb"], rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(width / (2 * student.ppf(0.975, REF["df_r_nfail"])), REF["se_nfail"], rtol=1e-4)


def test_reject_keep_and_saving_without_replace(s, tmp_path, plain_band):
    graph, _ = drawn(s, PLOT.format(", reject(_b[wt_loss] < -0.0024)"))
    assert not np.allclose(_band(graph)[0], plain_band[0])
    before = list(s.data.varnames)
    # reject() true on the full sample: r(9) in fracpoly's first fit; keep: every candidate's
    # _t_b_cons exists after the first fit (confirm new variable); saving() without replace: the
    # second fit finds the file the first wrote
    for opts in (", reject(1)", ", keep", f", saving({tmp_path / 'new'})"):
        out, rc = run(s, PLOT.format(opts))
        assert rc == 0 and NOTE in out, (opts, out)
    assert list(s.data.varnames) == before


def test_idcluster_needs_cluster_and_leaves_nothing(s):
    run(s, "generate cl = mod(_n, 20)")
    clustered, _ = drawn(s, PLOT.format(", cluster(cl)"))
    graph, _ = drawn(s, PLOT.format(", cluster(cl) idcluster(nid)"))
    np.testing.assert_allclose(_band(graph), _band(clustered), rtol=1e-12)
    assert "nid" not in s.data.varnames
    out, rc = run(s, PLOT.format(", idcluster(nid)"))
    assert rc == 0 and NOTE in out, out
