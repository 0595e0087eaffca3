"""xtnbreg, re|fe under vce(bootstrap|jackknife) and the prefixes (commands.estimation.xtnbreg_replicates):
the replicates' V against mlm's own xtnbreg refitted here on the same draws (the panels drawn by
``mlmcli.replication.draws`` from numpy's generator seeded by seed(), each drawn copy a panel) and
on the panels left out one at a time; Stata's printed header, Replications line and e().
Data: tests/reference_values/xtnbreg_replicates_panel.csv (24 panels of 5, HHG's NB with Beta
panel effects, drawn by numpy)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"


@pytest.fixture(scope="module")
def panel():
    return pd.read_csv(REF_DIR / "xtnbreg_replicates_panel.csv").astype(float)


def _b(s):
    return s.e.matrices["b"].values.reshape(-1)


def _refit(do, data: pd.DataFrame, model: str):
    rc, out, s = do(f"xtset id\nxtnbreg y x z, {model} nolog", df=data)
    assert rc == 0, out
    return _b(s)


@pytest.mark.parametrize("model", ["re", "fe"])
def test_bootstrap_is_the_spread_of_refits_on_the_same_draws(do, panel, model):
    from mlmcli.replication.draws import draw, resampling_units

    rc, out, s = do(f"xtset id t\nxtnbreg y x z, {model} vce(bootstrap, reps(8) seed(4))", df=panel)
    assert rc == 0, out
    codes = panel["id"].to_numpy().astype(int) - 1
    units = resampling_units(len(panel), codes, None, None)
    rng = np.random.default_rng(4)
    B = []
    for _ in range(8):
        d = draw(units, rng)
        data = panel.iloc[d.rows].copy()
        data["id"] = np.asarray(d.codes, float) + 1  # each drawn copy a panel of its own (idcluster)
        B.append(_refit(do, data.reset_index(drop=True), model))  # fe draw 7: was r(9999) (lnG noise)
    V = s.e.matrices["V"].values
    np.testing.assert_allclose(V, np.cov(np.array(B), rowvar=False), rtol=2e-4, atol=1e-9)
    sc, mac = s.e.scalars, s.e.macros
    assert sc["N_reps"] == 8 and sc["N_clust"] == 24 and "df_r" not in sc
    assert mac["vce"] == "bootstrap" and mac["vcetype"] == "Bootstrap" and mac["prefix"] == "bootstrap"
    assert mac["clustvar"] == "id" and mac["chi2type"] == "Wald"
    slopes = [0, 1]  # x and z (not _cons, ln_r, ln_s): _prefix_model_test's slopes
    W = float(_b(s)[slopes] @ np.linalg.solve(V[np.ix_(slopes, slopes)], _b(s)[slopes]))
    assert sc["chi2"] == pytest.approx(W, rel=1e-9)
    lines = out.splitlines()
    assert "(running xtnbreg on estimation sample)" in lines and "Bootstrap replications (8)" in lines
    assert "Iteration" not in out
    assert "(Replications based on 24 clusters in id)".rjust(78) in lines
    assert "             |   Observed   Bootstrap                         Normal-based" in lines
    assert " " * 48 + "Wald chi2(2)       =" + f"{W:10.2f}" in lines


@pytest.mark.parametrize("model", ["re", "fe"])
def test_jackknife_is_leave_one_panel_out(do, panel, model):
    from scipy import stats

    rc, out, s = do(f"xtset id t\nxtnbreg y x z, {model} vce(jackknife)", df=panel)
    assert rc == 0, out
    B = np.array([_refit(do, panel[panel["id"] != j].reset_index(drop=True), model) for j in range(1, 25)])
    n = len(B)
    centred = B - B.mean(axis=0)
    V = s.e.matrices["V"].values
    np.testing.assert_allclose(V, (n - 1) / n * centred.T @ centred, rtol=2e-4, atol=1e-9)
    sc, mac = s.e.scalars, s.e.macros
    assert sc["N_reps"] == 24 and sc["df_r"] == 23 and sc["N_clust"] == 24 and "chi2" not in sc
    assert mac["vcetype"] == "Jackknife" and "chi2type" not in mac
    b = _b(s)
    W = float(b[:2] @ np.linalg.solve(V[:2, :2], b[:2]))
    assert sc["F"] == pytest.approx(W / 2, rel=1e-9)
    assert sc["p"] == pytest.approx(stats.f.sf(W / 2, 2, 23), rel=1e-9)
    lines = out.splitlines()
    assert "Jackknife replications (24)" in lines
    assert " " * 48 + "F(     2,      23) =" + f"{W / 2:10.2f}" in lines
    assert any(ln.startswith("Log likelihood  = ") and "Prob > F" in ln for ln in lines)
    assert "             |              Jackknife" in lines and "P>|t|" in out
    if model == "re":  # the ancillary rows' limits are t-based; the LR test of the full fit kept
        t = stats.t.ppf(0.975, 23)
        row = next(ln for ln in lines if ln.lstrip().startswith("/ln_s"))
        assert float(row.split()[-2]) == pytest.approx(b[-1] - t * np.sqrt(V[-1, -1]), rel=1e-5)
        assert lines[-1].startswith("LR test vs. pooled: chibar2(01) = ")
    else:
        assert "LR test" not in out


def test_prefix_typed_leaves_out_observations(do, panel):
    rc, out, s = do("xtset id t\njackknife, nodots: xtnbreg y x z, fe", df=panel)
    assert rc == 0, out
    assert s.e.scalars["N_reps"] == 120 and s.e.scalars["df_r"] == 119 and "N_clust" not in s.e.scalars
    assert "Replications based on" not in out
    assert s.e.macros["cmdline"].startswith("jackknife") and s.e.macros["cmd"] == "xtnbreg"
    assert "             |              Jackknife" in out.splitlines()  # xtnbreg's own table


def test_prefix_cluster_is_the_panels(do, panel):
    rc, out, s = do("xtset id t\njackknife, cluster(id) nodots: xtnbreg y x z, fe", df=panel)
    assert rc == 0, out
    _, _, v = do("xtset id t\nxtnbreg y x z, fe vce(jackknife, nodots)", df=panel)
    np.testing.assert_allclose(s.e.matrices["V"].values, v.e.matrices["V"].values, rtol=1e-10)
    assert "(Replications based on 24 clusters in id)".rjust(78) in out.splitlines()


@pytest.mark.parametrize("line, rc, message", [
    ("xtnbreg y x z, fe vce(jackknife, cluster(id))", 198, "option cluster() not allowed"),
    ("xtnbreg y x z, vce(robust)", 198, "vcetype 'robust' not allowed"),
    ("xtnbreg y x z, fe vce(cluster id)", 198, "vcetype 'cluster' not allowed"),
])
def test_refusals(do, panel, line, rc, message):
    got, out, s = do("xtset id t\n" + line, df=panel)
    assert got == rc and message in out
