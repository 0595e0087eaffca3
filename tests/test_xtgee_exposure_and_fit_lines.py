"""xtgee's table shows the exposure()/offset() row and e(offset) as xtgee.ado sets it (its
_coef_table), and under corr(independent) the header's Pearson chi2 / Deviance and dispersion
lines (geerpt); the stored e(df_pear) (N, N - k with nmp), e(chi2_dev) (the Pearson sum, as
SaveMac names it), e(chi2_dis), e(deviance), e(dispers).  Checked against statsmodels' Poisson
GLM with the same exposure: under independence the GEE is that GLM."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

sm = pytest.importorskip("statsmodels.api")


@pytest.fixture(scope="module")
def panel():
    rng = np.random.default_rng(7135)
    G, T = 25, 6
    g = np.repeat(np.arange(1, G + 1), T)
    x = rng.normal(size=G * T)
    pop = np.round(np.exp(rng.normal(6, 0.5, size=G * T)))
    y = rng.poisson(pop * np.exp(-5 + 0.4 * x + rng.normal(0, 0.3, size=G)[g - 1])).astype(float)
    return pd.DataFrame({"g": g, "t": np.tile(np.arange(1, T + 1), G), "x": x, "pop": pop,
                         "lpop": np.log(pop), "y": y})


def test_exposure_row_and_macro(do, panel):
    rc, out, s = do("xtgee y x, i(g) family(poisson) exposure(pop)\n", df=panel)
    assert rc == 0, out
    row = next(line for line in out.splitlines() if "(exposure)" in line)
    assert row.split("|")[0].strip() == "ln(pop)" and row.split("|")[1].split()[0] == "1"
    assert s.e.macros["offset"] == "ln(pop)"
    rc, out, s = do("xtgee y x, i(g) family(poisson) offset(lpop) corr(exc)\n", df=panel)
    assert rc == 0 and s.e.macros["offset"] == "lpop"
    assert any(line.split("|")[0].strip() == "lpop" and "(offset)" in line for line in out.splitlines())
    rc, out, s = do("xtgee y x, i(g) family(poisson)\n", df=panel)
    assert "(exposure)" not in out and "offset" not in s.e.macros


def test_independent_fit_lines_against_glm(do, panel):
    rc, out, s = do("xtgee y x, i(g) family(poisson) exposure(pop) corr(independent)\n", df=panel)
    assert rc == 0, out
    X = sm.add_constant(panel[["x"]].to_numpy())
    glm = sm.GLM(panel["y"].to_numpy(), X, family=sm.families.Poisson(), exposure=panel["pop"].to_numpy()).fit(tol=1e-12)
    N = len(panel)
    e = s.e.scalars
    assert e["df_pear"] == N
    assert e["chi2_dev"] == pytest.approx(glm.pearson_chi2, rel=1e-7)
    assert e["deviance"] == pytest.approx(glm.deviance, rel=1e-7)
    assert e["chi2_dis"] == pytest.approx(glm.pearson_chi2 / N, rel=1e-7)
    assert e["dispers"] == pytest.approx(glm.deviance / N, rel=1e-7)
    lines = out.splitlines()
    pearson = next(line for line in lines if line.startswith("Pearson chi2("))
    assert pearson.startswith(f"Pearson chi2({N}):")
    assert float(pearson[32:42]) == pytest.approx(glm.pearson_chi2, abs=0.006)
    assert pearson[48:56] == "Deviance" and float(pearson.split("=")[1]) == pytest.approx(glm.deviance, abs=0.006)
    dispersion = next(line for line in lines if line.startswith("Dispersion (Pearson):"))
    assert float(dispersion[33:42]) == pytest.approx(glm.pearson_chi2 / N, rel=1e-5)
    rc, _, s = do("xtgee y x, i(g) family(poisson) exposure(pop) corr(independent) nmp\n", df=panel)
    assert s.e.scalars["df_pear"] == N - 2


def test_no_fit_lines_without_independence(do, panel):
    rc, out, _ = do("xtgee y x, i(g) family(poisson) exposure(pop) corr(exchangeable)\n", df=panel)
    assert rc == 0 and "Pearson chi2(" not in out and "Dispersion (Pearson)" not in out
