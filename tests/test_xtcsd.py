"""``xtcsd`` (De Hoyos and Sarafidis's SSC command, xtcsd.ado 1.1.1; tenth held-out batch: a panel
package's cross-checks on Munnell's productivity data run ``xtcsd, pesaran`` after xtreg fe and
re).  The statistics are recomputed here from the within residuals with pandas/scipy: Pesaran's
CD = sqrt(2/(N(N-1))) sum_{i<j} sqrt(T_ij) rho_ij (each pair over its common periods), Friedman's
(T-1)((N-1) R_ave + 1) from Spearman correlations over the complete periods."""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats


def _panel(seed: int = 8, n: int = 7, t: int = 12, drop: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ids = np.repeat(np.arange(1, n + 1), t)
    year = np.tile(np.arange(1, t + 1), n)
    common = rng.normal(size=t)[year - 1]  # a shock every panel shares: dependence to find
    x = rng.normal(size=n * t)
    d = pd.DataFrame({"id": ids.astype(float), "year": year.astype(float), "x": x,
                      "y": 1 + 0.5 * x + rng.normal(size=n)[ids - 1] + 0.8 * common + rng.normal(size=n * t)})
    if drop:
        d = d.drop(index=rng.choice(len(d), drop, replace=False)).reset_index(drop=True)
    return d


def _within_residuals(d: pd.DataFrame) -> pd.Series:
    dm = d[["y", "x"]] - d.groupby("id")[["y", "x"]].transform("mean")
    b = (dm.x @ dm.y) / (dm.x @ dm.x)
    return dm.y - b * dm.x


def _cd(d: pd.DataFrame, resid: pd.Series) -> float:
    wide = d.assign(e=resid).pivot(index="year", columns="id", values="e")
    n, total = wide.shape[1], 0.0
    for i in range(n):
        for j in range(i + 1, n):
            pair = wide.iloc[:, [i, j]].dropna()
            total += np.sqrt(len(pair)) * pair.corr().iloc[0, 1]
    return float(np.sqrt(2 / (n * (n - 1))) * total)


def test_pesaran_after_fixed_effects_balanced_and_unbalanced(new_session, run):
    for drop in (0, 9):
        d = _panel(drop=drop)
        s = new_session(d)
        out, rc = run(s, "xtset id year\nquietly xtreg y x, fe\nxtcsd, pesaran abs")
        assert rc == 0, out
        cd = _cd(d, _within_residuals(d))
        np.testing.assert_allclose(s.r["pesaran"], cd, rtol=1e-9)
        text = out.splitlines()
        line = [ln for ln in text if ln.startswith("Pesaran's test")][0]
        assert line == (f"Pesaran's test of cross sectional independence = {cd:9.3f}, "
                        f"Pr = {2 * stats.norm.sf(abs(cd)):6.4f}")
        assert any(ln.startswith("Average absolute value of the off-diagonal elements = ") for ln in text)


def test_friedman_over_complete_periods(new_session, run):
    d = _panel(seed=2)
    s = new_session(d)
    out, rc = run(s, "xtset id year\nquietly xtreg y x, fe\nxtcsd, friedman")
    assert rc == 0, out
    wide = d.assign(e=_within_residuals(d)).pivot(index="year", columns="id", values="e").dropna()
    rho = stats.spearmanr(wide.to_numpy()).statistic
    n = wide.shape[1]
    r_ave = (rho.sum() - n) / (n * (n - 1))
    np.testing.assert_allclose(s.r["fried"], (12 - 1) * ((n - 1) * r_ave + 1), rtol=1e-9)


def test_after_random_effects_and_the_ados_refusals(new_session, run):
    s = new_session(_panel())
    out, rc = run(s, "xtset id year\nquietly xtreg y x, re\nxtcsd, pesaran")
    assert rc == 0 and np.isfinite(s.r["pesaran"]), out
    out, rc = run(s, "xtcsd")
    assert rc == 0 and "Method option not specified" in out
    out, rc = run(s, "xtcsd, pesaran friedman")
    assert rc == 0 and "Too many method options specified" in out
    assert run(s, "xtcsd, frees")[1] == 198
    out, rc = run(s, "quietly regress y x\nxtcsd, pesaran")
    assert rc == 301 and "last estimates not xtreg" in out
