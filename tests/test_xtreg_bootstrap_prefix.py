"""``bootstrap [, cluster(v) idcluster(newvar)]: xtreg``: the prefix knows nothing of panels
([R] bootstrap): it draws observations (or clusters of v), and xtreg refits on the panels of the
rows drawn -- a panel's rows drawn twice are more rows of that panel -- unless idcluster() names
the panel variable ([R] bootstrap's panel example: xtset newid, cluster(idcode) idcluster(newid)),
when each drawn cluster is a panel of its own.  xtreg's own vce(bootstrap) draws whole panels.

The replicates are checked deterministically: mlm's stream is numpy's default_rng(seed)
(mlmcli.expr.random_numbers), each replicate drawing G cluster indices with ``integers(0, G, G)``;
the refits here are independent numpy within and between regressions of those samples."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"


@pytest.fixture
def panels():
    df = pd.read_csv(REF_DIR / "gee_panels.csv").astype(float)
    df["c"] = (df["id"] - 1) // 4  # clusters of four panels
    return df.sort_values(["id", "t"]).reset_index(drop=True)


def _ols(y, X):
    return np.linalg.lstsq(X, y, rcond=None)[0]


def _within(df):
    """xtreg, fe's slopes and constant: the panel-demeaned OLS, _cons = ybar - xbar'b."""
    cols = ["x", "z"]
    g = df.groupby("pid")
    Xd = (df[cols] - g[cols].transform("mean")).to_numpy()
    yd = (df["y"] - g["y"].transform("mean")).to_numpy()
    b = _ols(yd, Xd)
    return np.r_[b, df["y"].mean() - df[cols].mean().to_numpy() @ b]


def _between(df):
    """xtreg, be: OLS of the panel means (each panel once)."""
    m = df.groupby("pid")[["y", "x", "z"]].mean()
    X = np.c_[m[["x", "z"]].to_numpy(), np.ones(len(m))]
    return _ols(m["y"].to_numpy(), X)


def _replicates(df, cluster, reps, seed, fit, renumber=False):
    """The replicate coefficients: clusters in sorted order, members in data order."""
    keys = df[cluster].to_numpy() if cluster else np.arange(len(df))
    levels = np.unique(keys)
    members = [np.flatnonzero(keys == k) for k in levels]
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(reps):
        draw = rng.integers(0, len(levels), size=len(levels))
        parts = []
        for j, g in enumerate(draw):
            part = df.iloc[members[g]].copy()
            part["pid"] = j if renumber else part["id"]
            parts.append(part)
        out.append(fit(pd.concat(parts)))
    return np.array(out)


def _check(s, B):
    V = np.cov(B, rowvar=False, ddof=1)
    np.testing.assert_allclose(s.e.matrices["V"].values, V, rtol=1e-8, atol=1e-14)


def test_observations_are_resampled_not_panels(do, panels):
    rc, out, s = do("xtset id t\nbootstrap, reps(30) seed(11) nodots: xtreg y x z, fe", df=panels)
    assert rc == 0, out
    _check(s, _replicates(panels, None, 30, 11, _within))
    assert "Replications based on" not in out and "N_clust" not in s.e.scalars
    assert "clustvar" not in s.e.macros
    assert s.e.macros["cmdline"] == "bootstrap , reps(30) seed(11) nodots: xtreg y x z, fe"
    assert s.e.macros["vce"] == "bootstrap" and s.e.scalars["N_reps"] == 30
    # xtreg's own vce(bootstrap) draws panels: other replicates
    rc, _, own = do("xtset id t\nxtreg y x z, fe vce(bootstrap, reps(30) seed(11) nodots)", df=panels)
    assert rc == 0 and not np.allclose(own.e.matrices["V"].values, s.e.matrices["V"].values)


def test_cluster_draws_keep_the_panel_ids(do, panels):
    """Without idcluster() a panel drawn twice is one panel with its rows twice: the between
    estimator sees each distinct panel once."""
    rc, out, s = do("xtset id t\nbootstrap, reps(25) seed(3) cluster(c) nodots: xtreg y x z, be", df=panels)
    assert rc == 0, out
    _check(s, _replicates(panels, "c", 25, 3, _between))
    assert s.e.scalars["N_clust"] == panels["c"].nunique() and s.e.macros["clustvar"] == "c"
    assert f"(Replications based on {panels['c'].nunique()} clusters in c)" in out


def test_idcluster_naming_the_panel_variable_numbers_the_drawn_clusters(do, panels):
    text = ("gen newid = id\nxtset newid t\n"
            "bootstrap, reps(25) seed(3) cluster(id) idcluster(newid) nodots: xtreg y x z, be")
    rc, out, s = do(text, df=panels)
    assert rc == 0, out
    _check(s, _replicates(panels, "id", 25, 3, _between, renumber=True))
    assert f"(Replications based on {panels['id'].nunique()} clusters in id)" in out
    assert "newid" in s.data.df.columns and np.array_equal(s.data.df["newid"], panels["id"])
    # the same draws as xtreg's vce(bootstrap) on its panels
    rc, _, own = do("xtset id t\nxtreg y x z, be vce(bootstrap, reps(25) seed(3) nodots)", df=panels)
    np.testing.assert_allclose(own.e.matrices["V"].values, s.e.matrices["V"].values, rtol=1e-10)


@pytest.mark.parametrize("line, rc, message", [
    ("bootstrap, idcluster(k) reps(3): xtreg y x, fe", 198,
     "idcluster() can only be specified with the cluster() option"),
    ("bootstrap, cluster(cm) reps(3) nodots: xtreg y x, fe", 459, "missing values in cluster variable cm not allowed"),
])
def test_errors(do, panels, line, rc, message):
    panels["cm"] = panels["c"].where(panels.index != 5)
    got, out, _ = do(f"xtset id t\n{line}", df=panels)
    assert got == rc and message in out, out


def test_a_new_idcluster_variable_is_the_clusters_group(do, panels):
    """bootstrap.ado egens a new idcluster() variable, group(cluster), before its first run; it
    stays in the data."""
    rc, out, s = do("xtset id t\nbootstrap, reps(5) seed(1) cluster(c) idcluster(k) nodots: xtreg y x z, fe",
                    df=panels)
    assert rc == 0, out
    np.testing.assert_array_equal(s.data.df["k"], np.unique(panels["c"], return_inverse=True)[1] + 1)
