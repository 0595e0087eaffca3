"""jackknife's idcluster() inside fpfit's estopts(vce(jackknife, ...)) after the ML estcmds,
jackknife's e(N_clust) with cluster(), and _jk_sum's r(2000) (docs/vce_old_options.md).

jackknife.ado (Stata 12, 35602 chars) reads idcluster() only with ``keep``: it renames its
cluster numbering to the name in the data after merging the pseudovalues (``capture confirm
new variable``, else ``confirm variable`` and ``drop``: an existing variable is overwritten, as
in Stata 16's 9.13.0), and it drops the numbering from the saving() file; without
cluster() it is "option idcluster() requires the cluster() option" r(198).  With cluster() it
posts e(N_clust), e(cluster) and e(clustvar).  _jk_sum's Error2000: "insufficient
observations to compute jackknife standard errors" / "no results will be saved", r(2000)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import drawn, run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

REF = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_ml_replicates.json").read_text())


@pytest.fixture
def s() -> Session:
    df = pd.DataFrame({k: np.asarray(REF[k], float) for k in ("x", "y", "g")})
    df["other"] = np.arange(len(df), dtype=float)
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


def test_idcluster_draws_the_cluster_band(s):
    """idcluster() with cluster() (and with keep, a new name or the cluster variable itself):
    the band is jackknife's over g's clusters, as without it; nothing is left in the data."""
    base, _ = drawn(s, "twoway fpfitci y x, estcmd(poisson) estopts(vce(jackknife, cluster(g)))")
    kept, _ = drawn(s, "twoway fpfitci y x, estcmd(poisson) estopts(vce(jackknife, cluster(g) keep))")
    for extra, same in (("idcluster(newid)", base), ("keep idcluster(newid)", kept), ("keep idcluster(g)", kept)):
        graph, _ = drawn(s, f"twoway fpfitci y x, estcmd(poisson) estopts(vce(jackknife, cluster(g) {extra}))")
        assert len(graph.panels[0].series) == len(same.panels[0].series)
        for mine, theirs in zip(graph.panels[0].series, same.panels[0].series):
            np.testing.assert_allclose(mine.y, theirs.y)
        assert "newid" not in s.data.varnames
    # the band itself is the leave-one-cluster-out one (R's refits)
    se = (base.panels[0].series[0].y2 - base.panels[0].series[0].y)
    from scipy.stats import t as student_t
    q = student_t.ppf(0.975, REF["jackknife_cluster"]["df_r"])
    np.testing.assert_allclose(se / (2 * q), REF["jackknife_cluster"]["se"], rtol=1e-5)


def test_keep_idcluster_over_a_variable_the_fits_do_not_read(s):
    """jackknife.ado drops an existing idcluster() variable and renames its numbering over it
    (no ``confirm new variable`` error): over ``other``, which no fit reads, the graph is keep's
    with a new name -- the note with a constant (every later fit fails on keep's pseudovalue
    names), the line with noconstant degree(1) -- and ``other`` is as before (the data restored)."""
    before = s.data.df["other"].to_numpy().copy()
    for fp in ("", "noconstant degree(1) "):
        new, _ = drawn(s, f"twoway fpfitci y x, estcmd(poisson) estopts({fp}vce(jackknife, cluster(g) keep idcluster(newid)))")
        over, _ = drawn(s, f"twoway fpfitci y x, estcmd(poisson) estopts({fp}vce(jackknife, cluster(g) keep idcluster(other)))")
        assert len(over.panels[0].series) == len(new.panels[0].series)
        for mine, theirs in zip(over.panels[0].series, new.panels[0].series):
            np.testing.assert_allclose(mine.y, theirs.y)
            if getattr(mine, "y2", None) is not None:  # the band
                np.testing.assert_allclose(mine.y2, theirs.y2)
        np.testing.assert_array_equal(s.data.df["other"].to_numpy(), before)
        assert "newid" not in s.data.varnames
    out, rc = run(s, "twoway fpfit y x, estcmd(poisson) estopts(vce(jackknife, cluster(g) keep idcluster(other)))")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out
    out, rc = run(s, "twoway fpfit y x, estcmd(poisson) estopts(noconstant degree(1) "
                     "vce(jackknife, cluster(g) keep idcluster(other)))")
    assert rc == 0 and "note" not in out


def test_keep_idcluster_over_x(s):
    """Over x: with a constant every fit after the first fails on keep's names anyway (the
    note); with noconstant degree(1) the final fit reads the renumbered x (fracgen's terms and
    the points drawn at the cluster numbers 1..G: tests/test_graphs_fpfit_idcluster_x.py)."""
    out, rc = run(s, "twoway fpfit y x, estcmd(poisson) estopts(vce(jackknife, cluster(g) keep idcluster(x)))")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out
    graph, _ = drawn(s, "twoway fpfit y x, estcmd(poisson) estopts(noconstant degree(1) "
                        "vce(jackknife, cluster(g) keep idcluster(x)))")
    np.testing.assert_allclose(graph.panels[0].series[0].x, np.arange(1.0, 11.0))


def _with_group_numbers(s):
    """gid: jackknife's numbering of g (1..G in g's sorted order), wv a weight, off an offset."""
    n = len(s.data.df)
    s.data.df["gid"] = np.unique(s.data.df["g"].to_numpy(), return_inverse=True)[1] + 1.0
    s.data.df["wv"] = 1.0 + np.arange(n) % 3
    s.data.df["off"] = (np.arange(n) % 4) / 4.0
    for name in ("gid", "wv", "off"):
        s.data.types[name] = "double"


@pytest.mark.parametrize("over, direct, plain", [
    # a pweight: the final fit's weights are the cluster numbers
    ("twoway fpfitci y x [pw=wv], estcmd(poisson) estopts({} idcluster(wv)))",
     "twoway fpfitci y x [pw=gid], estcmd(poisson) estopts({}))",
     "twoway fpfitci y x [pw=wv], estcmd(poisson) estopts({}))"),
    # offset(): the final fit's offset and the x b drawn (x b + offset at each x's row)
    ("twoway fpfit y x, estcmd(poisson) estopts(offset(off) {} idcluster(off)))",
     "twoway fpfit y x, estcmd(poisson) estopts(offset(gid) {}))",
     "twoway fpfit y x, estcmd(poisson) estopts(offset(off) {}))"),
    # y with offset(): the final fit's outcome and the row kept at each x (sort x y)
    ("twoway fpfit y x, estcmd(poisson) estopts(offset(off) {} idcluster(y)))",
     "twoway fpfit gid x, estcmd(poisson) estopts(offset(off) {}))",
     "twoway fpfit y x, estcmd(poisson) estopts(offset(off) {}))"),
    # y with dresid: the residuals of the numbering at the rows kept
    ("twoway fpfit y x, estcmd(poisson) predopts(dresid) estopts({} idcluster(y)))",
     "twoway fpfit gid x, estcmd(poisson) predopts(dresid) estopts({}))",
     "twoway fpfit y x, estcmd(poisson) predopts(dresid) estopts({}))"),
])
def test_keep_idcluster_over_a_variable_a_later_fit_reads(s, over, direct, plain):
    """With noconstant degree(1) the final fit runs after the first candidate's jackknife renamed
    g's numbering over the variable: the graph is that of the same command with a variable
    holding g's group numbers (jackknife.ado's numbering) in its place, and the variable is
    restored after (twoway__fpfit_serset's preserve)."""
    _with_group_numbers(s)
    opts = "noconstant degree(1) vce(jackknife, cluster(g) keep"
    before = s.data.df.copy()
    over_graph, _ = drawn(s, over.format(opts))
    pd.testing.assert_frame_equal(s.data.df, before)
    direct_graph, _ = drawn(s, direct.format(opts))
    plain_graph, _ = drawn(s, plain.format(opts))
    assert not np.allclose(direct_graph.panels[0].series[0].y, plain_graph.panels[0].series[0].y, equal_nan=True)
    assert len(over_graph.panels[0].series) == len(direct_graph.panels[0].series)
    for mine, theirs in zip(over_graph.panels[0].series, direct_graph.panels[0].series):
        assert np.isfinite(mine.y).any()
        np.testing.assert_allclose(mine.y, theirs.y)
        if getattr(mine, "y2", None) is not None:  # the band
            np.testing.assert_allclose(mine.y2, theirs.y2)


def test_keep_idcluster_over_the_outcome(s):
    """Over y with noconstant degree(1): the first candidate (-2) fits on y and survives alone
    (every later candidate fails on keep's names), then its jackknife renames g's numbering 1..G
    over y, so the final fit is poisson's of that numbering: the graph of a variable holding
    g's group numbers (egen's group(), g's sorted values) with keep alone; y restored after.
    logit's later fits see an outcome 1..G that does not vary: the note."""
    y = s.data.df["y"].to_numpy().copy()
    codes = np.unique(s.data.df["g"].to_numpy(), return_inverse=True)[1]
    s.data.df["gid"] = codes + 1.0
    s.data.types["gid"] = "double"
    opts = "noconstant degree(1) vce(jackknife, cluster(g) keep{})"
    over, _ = drawn(s, "twoway fpfitci y x, estcmd(poisson) estopts(" + opts.format(" idcluster(y)") + ")")
    np.testing.assert_array_equal(s.data.df["y"].to_numpy(), y)
    direct, _ = drawn(s, "twoway fpfitci gid x, estcmd(poisson) estopts(" + opts.format("") + ")")
    plain, _ = drawn(s, "twoway fpfitci y x, estcmd(poisson) estopts(" + opts.format("") + ")")
    assert not np.allclose(direct.panels[0].series[0].y, plain.panels[0].series[0].y, equal_nan=True)
    assert len(over.panels[0].series) == len(direct.panels[0].series)
    for mine, theirs in zip(over.panels[0].series, direct.panels[0].series):
        np.testing.assert_allclose(mine.y, theirs.y)
        if getattr(mine, "y2", None) is not None:  # the band
            np.testing.assert_allclose(mine.y2, theirs.y2)
    out, rc = run(s, "twoway fpfit y x, estcmd(logit) estopts(" + opts.format(" idcluster(y)") + ")")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out
    out, rc = run(s, "twoway fpfit y x, estcmd(logit) estopts(" + opts.format("") + ")")
    assert rc == 0 and "note" not in out


def test_idcluster_without_cluster_fails_fracpoly(s):
    """jackknife's r(198) in fracpoly's first fit: twoway's note, no line."""
    out, rc = run(s, "twoway fpfit y x, estcmd(poisson) estopts(vce(jackknife, idcluster(newid)))")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out


def test_jackknife_cluster_posts_n_clust(s):
    out, rc = run(s, "quietly poisson y x, vce(jackknife, cluster(g))")
    assert rc == 0
    G = len(np.unique(REF["g"]))
    assert s.e.scalars["N_clust"] == G and s.e.macros["clustvar"] == "g" and s.e.scalars["df_r"] == G - 1
    out, rc = run(s, "quietly poisson y x, vce(jackknife)")
    assert "N_clust" not in s.e.scalars


def test_too_few_replicates_is_jk_sum_r2000():
    """Every replicate but one failing: _jk_sum's Error2000 (as _bs_sum's for the bootstrap)."""
    from mlmcli.commands.estimation.cluster_replicates import replicate_variance
    from mlmcli.errors import StataError

    class Quiet:
        def print(self, text):
            pass

    def refit(rows, new_codes, row_frequencies=None):
        if 0 not in rows:  # only the replicate leaving out cluster 0 fails... all others need it
            raise ValueError("replicate failed")
        if 1 not in rows or 2 not in rows:
            raise ValueError("replicate failed")
        return np.zeros(1)

    codes = np.arange(4)
    settings = {"mse": False, "dots": False}
    with pytest.raises(StataError) as caught:
        replicate_variance(Quiet(), "jackknife", settings, np.zeros(1), refit, codes, "poisson")
    assert caught.value.rc == 2000
    assert caught.value.message == ("insufficient observations to compute jackknife standard errors\n"
                                    "no results will be saved")
