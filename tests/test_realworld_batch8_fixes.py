"""Forms the eighth held-out batch of real do-files (tests/realworld/README.md) used that mlm
refused, each checked here:

- ``reg D.(y L.y), cluster(id)``: an operated group whose items are operated themselves
  (D.(L.y) is LD.y, Stata's spelling);
- ``ivreg D.y (DL.y = L2.y), nocons cluster(id)``: Stata's pre-10 IV command (ivreg.ado 5.5),
  2SLS with regress's small-sample statistics and layout, e(cmd) ivreg;
- ``estimates table POLS FE FD_OLS AH AB, keep(L.y DL.y) se``: keep() names an operated
  coefficient in any operator order, and models whose e(b) names no equations (regress,
  xtreg, ivreg, xtabond) share one panel whatever their depvars -- the layout of the table the
  do-file's author pasted from Stata under it.

Numbers are checked against numpy computed here from first principles.
"""
from __future__ import annotations

import numpy as np
import pandas as pd


def _panel(seed: int = 5, n: int = 60, t: int = 6) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(1, n + 1):
        a = rng.normal()
        y = a + rng.normal()
        for s in range(1, t + 1):
            if s > 1:
                y = 0.5 * y + a + rng.normal()
            rows.append((i, s, y))
    return pd.DataFrame(rows, columns=["id", "t", "y"])


def _differences(df: pd.DataFrame):
    """Per row: D.y, LD.y, L2.y (NaN where a lag is missing)."""
    g = df.groupby("id").y
    lag1, lag2, lag3 = g.shift(1), g.shift(2), g.shift(3)
    return df.y - lag1, lag1 - lag2, lag2, lag3


def test_regress_operated_group_with_operated_items(do):
    df = _panel()
    dy, dly, _l2, _l3 = _differences(df)
    ok = dy.notna() & dly.notna()
    X = np.column_stack([dly[ok], np.ones(ok.sum())])
    beta, *_ = np.linalg.lstsq(X, dy[ok], rcond=None)
    rc, out, s = do("xtset id t\nregress D.(y L.y), cluster(id)\n", df)
    assert rc == 0, out
    assert list(s.e.matrices["b"].colnames) == ["LD.y", "_cons"]
    assert np.allclose(s.e.matrices["b"].values.ravel(), beta)
    assert s.e.macros["depvar"] == "D.y" and s.e.scalars["N"] == ok.sum()


def _iv(df, cluster: bool):
    dy, dly, l2, _l3 = _differences(df)
    ok = (dy.notna() & dly.notna() & l2.notna()).to_numpy()
    y, x, z = dy.to_numpy()[ok], dly.to_numpy()[ok, None], l2.to_numpy()[ok, None]
    n, k = len(y), 1
    xhat = z @ np.linalg.solve(z.T @ z, z.T @ x)  # first stage
    A = xhat.T @ x
    b = np.linalg.solve(A, xhat.T @ y)
    u = y - x @ b
    if not cluster:
        return b, (u @ u / (n - k)) * np.linalg.inv(xhat.T @ xhat), ok
    ids = df.id.to_numpy()[ok]
    meat = np.zeros((k, k))
    groups = np.unique(ids)
    for g in groups:
        sg = xhat[ids == g].T @ u[ids == g]
        meat += np.outer(sg, sg)
    G = len(groups)
    Ainv = np.linalg.inv(xhat.T @ xhat)
    return b, G / (G - 1) * (n - 1) / (n - k) * Ainv @ meat @ Ainv, ok


def test_ivreg_is_2sls_with_regress_small_sample_statistics(do):
    df = _panel(seed=11)
    b, V, ok = _iv(df, cluster=True)
    rc, out, s = do("xtset id t\nivreg D.y (DL.y = L2.y), nocons cluster(id)\n", df)
    assert rc == 0, out
    assert s.e.cmd == "ivreg" and s.e.macros["cmd"] == "ivreg"
    assert s.e.macros["instd"] == "LD.y" and s.e.macros["insts"] == "L2.y"
    assert np.allclose(s.e.matrices["b"].values.ravel(), b)
    assert np.allclose(s.e.matrices["V"].values, V)
    assert s.e.scalars["N"] == ok.sum() and s.e.scalars["df_r"] == 59  # clusters - 1
    lines = out.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("Instrumental variables (2SLS) regression"))
    assert lines[head].endswith(f"Number of obs = {ok.sum():>7d}")
    assert lines[head].index("Number of obs") == 55  # regress's right block, not ivregress's
    assert "(Std. Err. adjusted for 60 clusters in id)" in out
    assert "Instrumented:  LD.y" in out and "Instruments:   L2.y" in out
    t = b[0] / np.sqrt(V[0, 0])
    assert f"{t:.2f}" in next(line for line in lines if line.strip().startswith("LD."))


def test_ivreg_unadjusted_shows_the_anova_block_under_its_title(do):
    df = _panel(seed=12)
    dy, dly, l2, _ = _differences(df)
    ok = (dy.notna() & dly.notna() & l2.notna()).to_numpy()
    y, x, z = dy.to_numpy()[ok], dly.to_numpy()[ok], l2.to_numpy()[ok]
    X, Z = np.column_stack([x, np.ones(len(y))]), np.column_stack([z, np.ones(len(y))])
    Xh = Z @ np.linalg.solve(Z.T @ Z, Z.T @ X)
    b = np.linalg.solve(Xh.T @ X, Xh.T @ y)
    u = y - X @ b
    V = (u @ u / (len(y) - 2)) * np.linalg.inv(Xh.T @ Xh)
    rc, out, s = do("xtset id t\nivreg D.y (DL.y = L2.y)\n", df)
    assert rc == 0, out
    assert np.allclose(s.e.matrices["b"].values.ravel(), b) and np.allclose(s.e.matrices["V"].values, V)
    lines = out.splitlines()
    i = lines.index("Instrumental variables (2SLS) regression")
    assert lines[i + 1] == "" and lines[i + 2].startswith("      Source |       SS       df       MS")
    assert np.isclose(s.e.scalars["rss"], u @ u)
    # replay with a level; only after ivreg (ivreg.ado: error 301)
    rc, out, _ = do("ivreg, level(90)\n", session=s)
    assert rc == 0 and "[90% Conf. Interval]" in out
    rc, out, _ = do("xtset id t\nregress y L.y\nivreg\n", df)
    assert rc == 301


def test_ivreg_refusals(do):
    df = _panel(seed=13)
    rc, out, _ = do("xtset id t\nivreg D.y (DL.y = L2.y), hc2\n", df)
    assert rc == 198 and "option hc2 invalid" in out
    for option in ("beta", "first"):
        rc, out, _ = do(f"xtset id t\nivreg D.y (DL.y = L2.y), {option}\n", df)
        assert rc == 198 and "not implemented" in out


def test_estimates_table_one_panel_and_operator_order_in_keep(do):
    df = _panel(seed=14)
    rc, out, s = do("xtset id t\nquietly regress y L.y\nestimates store POLS\n"
                    "quietly regress D.(y L.y)\nestimates store FD\n"
                    "quietly ivreg D.y (DL.y = L2.y), nocons\nestimates store AH\n"
                    "estimates table POLS FD AH, b(%7.4f) keep(L.y DL.y) se\n", df)
    assert rc == 0, out
    table = out[out.index("    Variable |"):].splitlines()
    assert table[2] == "           y |"  # one panel, no depvar rows
    assert table[3].startswith("         L1. |") and table[5].startswith("         LD. |")
    assert not any(line.startswith("D.y ") for line in table)
    dy, dly, _l2, _ = _differences(df)
    ok = dy.notna() & dly.notna()
    beta, *_ = np.linalg.lstsq(np.column_stack([dly[ok], np.ones(ok.sum())]), dy[ok], rcond=None)
    assert f"{beta[0]:.4f}" in table[5]
    # models whose e(b) names its equation (logit's b:y) keep their depvar panels
    noise = np.random.default_rng(1).normal(scale=2.0, size=(2, len(df)))
    df["b"] = (df.y + noise[0] > df.y.median()).astype(int)
    df["c"] = (df.y + noise[1] > df.y.median()).astype(int)
    rc, out, _ = do("quietly logit b y\nestimates store L1\nquietly logit c y\nestimates store L2\n"
                    "estimates table L1 L2\n", df)
    assert rc == 0, out
    rows = out.splitlines()
    assert any(line.startswith("b            |") for line in rows)
    assert any(line.startswith("c            |") for line in rows)
