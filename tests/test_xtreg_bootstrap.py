"""``xtreg, vce(bootstrap)``: the panel bootstrap (mlmcli.panel.bootstrap) resamples whole
panels, its variance is the replicates' covariance, the table is [R] bootstrap's (observed
coefficients, normal-based intervals, Wald chi2 header), ``set seed``/``seed()`` make it
reproducible."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"


@pytest.fixture
def panels():
    return pd.read_csv(REF_DIR / "gee_panels.csv").astype(float)


def test_panel_bootstrap_resamples_whole_panels():
    from mlmcli.panel.bootstrap import bootstrap_variance, panel_bootstrap

    codes = np.repeat(np.arange(5), [1, 2, 3, 1, 2])
    y = np.arange(9, dtype=float)
    X = np.ones((9, 1))
    seen = []

    def estimator(yr, Xr, cr):
        # each replicate holds G = 5 panels, every one a complete original panel
        assert cr.max() + 1 == 5 and len(yr) == len(cr)
        for g in range(5):
            part = tuple(yr[cr == g])
            assert part in {(0.0,), (1.0, 2.0), (3.0, 4.0, 5.0), (6.0,), (7.0, 8.0)}
        seen.append(yr.mean())
        return np.array([yr.mean()])

    B = panel_bootstrap(estimator, y, X, codes, 40, np.random.default_rng(1))
    np.testing.assert_allclose(B[:, 0], seen)
    assert bootstrap_variance(B)[0, 0] == pytest.approx(np.var(seen, ddof=1), rel=1e-12)
    bad = panel_bootstrap(lambda *a: np.linalg.solve(np.zeros((1, 1)), np.ones(1)), y, X, codes, 3,
                          np.random.default_rng(1))
    assert bad.shape == (3, 0)


def test_layout_reproducibility_and_e(do, panels):
    rc, out, s = do("xtset id t\nset seed 10101\nxtreg y x z, fe vce(boot, reps(60))", df=panels)
    assert rc == 0, out
    lines = out.splitlines()
    i = lines.index("(running xtreg on estimation sample)")
    assert lines[i + 1:i + 6] == ["", "Bootstrap replications (60)",
                                  "----+--- 1 ---+--- 2 ---+--- 3 ---+--- 4 ---+--- 5 ", "." * 50 + "    50",
                                  "." * 10 + " " * 40 + "    60"]
    assert "                                    (Replications based on 110 clusters in id)" in lines
    assert "             |   Observed   Bootstrap                         Normal-based" in lines
    assert any(line.startswith("                                                Wald chi2(2)       =")
               for line in lines)
    assert not any("F test that all u_i=0" in line for line in lines)
    assert s.e.macros["vce"] == "bootstrap" and s.e.macros["vcetype"] == "Bootstrap"
    assert s.e.scalars["N_reps"] == 60 and "df_r" not in s.e.scalars
    se1 = np.sqrt(np.diag(s.e.matrices["V"].values))
    rc, out, s = do("set seed 10101\nxtreg y x z, fe vce(boot, reps(60))", session=s)
    np.testing.assert_allclose(np.sqrt(np.diag(s.e.matrices["V"].values)), se1, rtol=0)
    rc, out, s2 = do("xtset id t\nxtreg y x z, fe vce(boot, reps(60) seed(10101) nodots)", df=panels)
    np.testing.assert_allclose(np.sqrt(np.diag(s2.e.matrices["V"].values)), se1, rtol=0)
    assert "Bootstrap replications" not in out
    assert "(running xtreg on estimation sample)" not in out  # _prefix_note exits with nodots
    # the point estimates are the conventional fit's; the slopes' SEs near the cluster-robust ones
    # (fe's _cons, ybar - xbar b, also varies with the panels drawn)
    rc, out, s3 = do("xtset id t\nxtreg y x z, fe vce(robust)", df=panels)
    np.testing.assert_allclose(s2.e.matrices["b"].values, s3.e.matrices["b"].values, rtol=1e-12)
    robust = np.sqrt(np.diag(s3.e.matrices["V"].values))
    assert np.all(np.abs(se1[:2] / robust[:2] - 1) < 0.3)


@pytest.mark.parametrize("model", ["re", "be"])
def test_other_estimators(do, panels, model):
    rc, out, s = do(f"xtset id t\nxtreg y x z, {model} vce(bootstrap, reps(15) seed(3))", df=panels)
    assert rc == 0, out
    assert s.e.macros["vcetype"] == "Bootstrap" and s.e.scalars["N_reps"] == 15
    assert "Normal-based" in out
