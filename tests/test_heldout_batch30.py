"""Held-out batch 30 (tests/realworld/README.md, thirtieth batch): what its files needed.

- ``xtcdf`` (Wursten's SSC command, xtcdf.ado 1.0.0): Pesaran's CD of each variable over the
  pairs of panels with 3 or more common time values, checked against a direct computation
  with numpy/scipy; the pairs with fewer enter the mean correlations as 0 and are counted in
  a note; the data are left as they were; the ado's errors (no panel, no time variable,
  if/options not allowed).
- ``gsem`` with a generalized equation whose random intercepts sit at two nested levels beside
  an equation without latent variables (a mediation model ``(m <- x ...) (y <- m x L1[g2]
  L2[g1], logit)``): the equations share no parameter, so gsem's likelihood is the sum of a
  Gaussian regression's and a three-level melogit's; checked against regress (ML variance) and
  melogit fitted alone, and nlcom of the product of two paths.
"""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from scipy import stats


def _panel(seed=30, panels=7, periods=9):
    rng = np.random.default_rng(seed)
    pid = np.repeat(np.arange(1, panels + 1), periods).astype(float)
    t = np.tile(np.arange(2001, 2001 + periods), panels).astype(float)
    common = rng.normal(size=periods)
    x = np.tile(common, panels) * 0.8 + rng.normal(size=len(pid))
    z = rng.normal(size=len(pid))
    return pd.DataFrame({"id": pid, "t": t, "x": x, "z": z})


def _reference_cd(df, var):
    wide = df.pivot(index="t", columns="id", values=var).to_numpy()
    rhos, ts = [], []
    for i, j in itertools.combinations(range(wide.shape[1]), 2):
        ok = ~np.isnan(wide[:, i]) & ~np.isnan(wide[:, j])
        if ok.sum() < 3:
            rhos.append(0.0)
            ts.append(0)
            continue
        rhos.append(stats.pearsonr(wide[ok, i], wide[ok, j])[0])
        ts.append(int(ok.sum()))
    rhos, ts = np.array(rhos), np.array(ts)
    used = int((ts > 0).sum())
    cd = np.sum(np.sqrt(ts) * rhos) / np.sqrt(used)
    return cd, 2 * stats.norm.sf(abs(cd)), ts[ts > 0].mean(), rhos.mean(), np.abs(rhos).mean(), len(ts) - used


# ---------------------------------------------------------------- xtcdf
def test_xtcdf_matches_pesarans_cd_computed_directly(do):
    df = _panel()
    rc, out, s = do("xtset id t\nxtcdf x z", df)
    assert rc == 0, out
    for j, var in enumerate(("x", "z"), 1):
        cd, p, mean_t, mean_rho, mean_abs, skipped = _reference_cd(df, var)
        assert s.r[f"cd{j}"] == pytest.approx(cd, rel=1e-10)
        assert s.r[f"pvalue{j}"] == pytest.approx(p, rel=1e-9)
        assert skipped == 0
    assert np.asarray(s.r["CD"].values).shape == (1, 2)
    assert s.scalars["meanObs"] == pytest.approx(9.0)
    assert "xtcd test on variables x z" in out and "Panelvar: id" in out and "Timevar: t" in out
    cd_x = _reference_cd(df, "x")[0]
    row = next(line for line in out.splitlines() if line.strip().startswith("x "))
    assert row.split()[2] == f"{round(cd_x, 3):g}".lstrip("0").replace("-0.", "-.")


def test_xtcdf_pairs_with_few_common_times_count_as_zero_and_are_noted(do):
    df = _panel(seed=31)
    df.loc[(df.id == 3) & (df.t > 2002), "x"] = np.nan  # panel 3 shares only 2 time values with the rest
    rc, out, s = do("xtset id t\nxtcdf x", df)
    assert rc == 0, out
    cd, p, mean_t, mean_rho, mean_abs, skipped = _reference_cd(df, "x")
    assert skipped == 6
    assert s.r["cd1"] == pytest.approx(cd, rel=1e-10)
    assert s.scalars["meanCorr"] == pytest.approx(mean_rho, rel=1e-10)
    assert s.scalars["meanAbsCorr"] == pytest.approx(mean_abs, rel=1e-10)
    assert s.scalars["meanObs"] == pytest.approx(mean_t)
    assert "6 combinations of panel units ignored (insufficient joint observations)." in out


def test_xtcdf_leaves_the_data_and_refuses_as_the_ado(do):
    df = _panel()
    rc, out, s = do("xtset id t\nxtcdf x", df)
    assert rc == 0 and s.data.df.shape == df.shape
    assert do("xtcdf x", df)[0] == 459  # xtset not set
    rc, out, _ = do("xtset id\nxtcdf x", df)
    assert rc == 111 and "xtcd test on variables x" in out  # the header comes before tsfill's error
    assert do("xtset id t\nxtcdf x if z > 0", df)[0] == 101
    assert do("xtset id t\nxtcdf x, pesaran", df)[0] == 101
    assert do("xtset id t\nxtcdf nosuch", df)[0] == 111
