"""Held-out batch 35 (tests/realworld/README.md, thirty-fifth batch): what its files needed, on
data made here.

- xtgls with an AR(1) whose estimated rho leaves [-1, 1]: xtgls.ado's mc1/mc2 make the panel's
  first row sqrt(1 - rho^2) times itself -- missing -- and _regress, mat accum and glsaccum skip
  it; e(N) still counts it.  Checked against a numpy replication of the ado's steps.
- ``xtdes, i(id) t(wave)`` (and xtsum/xttab/xttrans with i()/t()) declares the panel as
  ``xtset`` does (_xt.ado calls ``xtset i t``): a later xtprobit needs no xtset.
- streg/stcox ``forceshared`` and _st_err_sharedgaps: shared() with delayed entries or gaps is
  r(498) without it, a warning with it.
- streg's ``base`` (baselevels) shows the factors' base levels.
- egen cut(), at() label: the codes 0, 1, 2 ... (label implies icodes, _gcut.ado).
- import delimited numericcols()/stringcols().
- xtnbreg re's log likelihood at r, s near 1e30: shifted by the panel sums it keeps its
  digits (shifted by s it lost them and a far step read a log likelihood above 0).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


# ----------------------------------------------------------------------------- xtgls, |rho| > 1
def _ado_xtgls(df, corr: str, panels: str):
    """xtgls.ado's one-step FGLS by hand: OLS, rho_i (rhotype regress), the Prais-Winsten rows
    (missing first rows where |rho| > 1 dropped), Sigma from the transformed OLS residuals
    (diagonal mean squares or E'E/T over the periods with every panel), then GLS."""
    df = df.sort_values(["id", "t"]).reset_index(drop=True)
    y = df["y"].to_numpy(float)
    X = np.column_stack([df["x"].to_numpy(float), np.ones(len(df))])
    ids = df["id"].to_numpy()
    t = df["t"].to_numpy()
    panels_ = np.unique(ids)
    e = y - X @ np.linalg.lstsq(X, y, rcond=None)[0]
    rho = {}
    for p in panels_:
        ep = e[ids == p]
        rho[p] = float(ep[1:] @ ep[:-1] / (ep[:-1] @ ep[:-1]))
    if corr == "ar1":
        sizes = {p: (ids == p).sum() for p in panels_}
        common = sum(rho[p] * sizes[p] for p in panels_) / sum(sizes.values())
        rho = {p: common for p in panels_}
    ys, Xs, keep = y.copy(), X.copy(), np.ones(len(y), bool)
    for p in panels_:
        rows = np.flatnonzero(ids == p)
        r = rho[p]
        ys[rows[1:]] = y[rows[1:]] - r * y[rows[:-1]]
        Xs[rows[1:]] = X[rows[1:]] - r * X[rows[:-1]]
        if abs(r) > 1:
            keep[rows[0]] = False
        else:
            ys[rows[0]] = np.sqrt(1 - r * r) * y[rows[0]]
            Xs[rows[0]] = np.sqrt(1 - r * r) * X[rows[0]]
    ys, Xs, ids, t = ys[keep], Xs[keep], ids[keep], t[keep]
    e = ys - Xs @ np.linalg.lstsq(Xs, ys, rcond=None)[0]
    M, T = len(panels_), len(np.unique(df["t"]))
    index = {p: j for j, p in enumerate(panels_)}
    if panels == "hetero":
        Sigma = np.diag([np.mean(e[ids == p] ** 2) for p in panels_])
    else:
        E = pd.DataFrame({"id": ids, "t": t, "e": e}).pivot(index="t", columns="id", values="e").dropna()
        Sigma = E.to_numpy().T @ E.to_numpy() / T
    inv = np.linalg.inv(Sigma)
    A, c = np.zeros((2, 2)), np.zeros(2)
    for period in np.unique(t):
        rows = np.flatnonzero(t == period)
        W = inv[np.ix_([index[p] for p in ids[rows]], [index[p] for p in ids[rows]])]
        A += Xs[rows].T @ W @ Xs[rows]
        c += Xs[rows].T @ W @ ys[rows]
    V = np.linalg.inv(A)
    return V @ c, V


@pytest.fixture(scope="module")
def short_panels():
    """12 panels of 6 periods whose OLS residuals trend: several rho_i above 1."""
    rng = np.random.default_rng(3505)
    ids = np.repeat(np.arange(1, 13), 6)
    t = np.tile(np.arange(2003, 2009), 12)
    x = rng.normal(size=ids.size)
    drift = rng.normal(0, 1.5, 12)[ids - 1] * (t - 2003)
    y = 1 + 0.5 * x + drift + rng.normal(0, 0.5, ids.size)
    return pd.DataFrame({"id": ids, "t": t, "x": x, "y": y})


@pytest.fixture(scope="module")
def few_long_panels():
    """5 panels of 10 periods (Sigma of panels(correlated) invertible), quadratic drifts: rho_i
    1.018, 0.895, 0.886, 1.211, 1.157."""
    rng = np.random.default_rng(3509)
    ids = np.repeat(np.arange(1, 6), 10)
    t = np.tile(np.arange(1, 11), 5)
    x = rng.normal(size=ids.size)
    y = 1 + 0.5 * x + rng.normal(0.3, 0.2, 5)[ids - 1] * t ** 2 + rng.normal(0, 0.5, ids.size)
    return pd.DataFrame({"id": ids, "t": t, "x": x, "y": y})


@pytest.mark.parametrize("data, corr, panels", [("short_panels", "psar1", "hetero"),
                                                ("few_long_panels", "psar1", "correlated"),
                                                ("short_panels", "ar1", "hetero"),
                                                ("few_long_panels", "psar1", "hetero")])
def test_xtgls_rho_outside_the_unit_interval_as_the_ado(do, request, data, corr, panels):
    df = request.getfixturevalue(data)
    b_ref, V_ref = _ado_xtgls(df, corr, panels)
    rc, out, s = do(f"xtset id t\nxtgls y x, panels({panels}) corr({corr})", df=df.copy())
    assert rc == 0, out
    b = s.e.matrices["b"].values.ravel()
    V = s.e.matrices["V"].values
    assert np.allclose(b, b_ref, rtol=1e-8, atol=1e-10)
    assert np.allclose(V, V_ref, rtol=1e-7, atol=1e-12)
    assert s.e.scalars["N"] == len(df)  # the left-out first rows still counted, as SetGlob's $X_nobs


def test_some_rho_really_leaves_the_unit_interval(short_panels):
    """The fixture exercises the case (a rho_i above 1), not only the ordinary one."""
    df = short_panels.sort_values(["id", "t"])
    X = np.column_stack([df["x"], np.ones(len(df))])
    e = df["y"].to_numpy() - X @ np.linalg.lstsq(X, df["y"].to_numpy(), rcond=None)[0]
    rhos = [float(ep[1:] @ ep[:-1] / (ep[:-1] @ ep[:-1])) for ep in np.split(e, 12)]
    assert max(abs(r) for r in rhos) > 1


# ----------------------------------------------------------------------------- xtdes, i() t()
@pytest.fixture(scope="module")
def binary_panel():
    rng = np.random.default_rng(3506)
    ids = np.repeat(np.arange(1, 151), 5)
    wave = np.tile(np.arange(1, 6), 150)
    x = rng.normal(size=ids.size)
    u = rng.normal(0, 0.8, 150)[ids - 1]
    y = (-0.3 + 0.6 * x + u + rng.normal(size=ids.size) > 0).astype(float)
    return pd.DataFrame({"g1_id": ids, "wave": wave, "x": x, "y": y})


def test_xtdes_i_t_declares_the_panel_for_what_follows(do, binary_panel):
    rc, out, s = do("xtdes, i(g1_id) t(wave)\nxtprobit y x, re nolog", df=binary_panel.sample(frac=1, random_state=1))
    assert rc == 0, out
    rc2, out2, s2 = do("xtset g1_id wave\nxtprobit y x, re nolog", df=binary_panel.copy())
    assert rc2 == 0, out2
    assert np.allclose(s.e.matrices["b"].values, s2.e.matrices["b"].values, rtol=1e-7)
    assert s.e.macros["ivar"] == "g1_id"
    rc3, out3, _ = do("xtdes, i(g1_id) t(wave)\nxtset", df=binary_panel.copy())
    assert rc3 == 0 and "panel variable:  g1_id" in out3 and "time variable:  wave" in out3, out3


def test_xtsum_i_without_t_declares_the_panel_alone(do, binary_panel):
    rc, out, _ = do("xtset g1_id wave\nxtsum x, i(wave)\nxtset", df=binary_panel.copy())
    assert rc == 0, out
    assert "warning: existing panel variable is not wave" in out
    assert "panel variable:  wave" in out.split("xtsum")[-1]


def test_xtdes_t_required(do, binary_panel):
    rc, out, _ = do("xtdes, i(g1_id)", df=binary_panel.copy())
    assert rc == 459 and "must specify timevar" in out, out


# ----------------------------------------------------------------------------- streg forceshared, base
@pytest.fixture(scope="module")
def recurrent():
    """Children with recurrent episodes: records (t0, t] per child, exponential gaps with a
    gamma frailty, a binary covariate and a 3-level factor."""
    rng = np.random.default_rng(3507)
    rows = []
    for i in range(1, 181):
        x, g, fr = rng.integers(0, 2), rng.integers(1, 4), rng.gamma(2.0, 0.5)
        t, end = 0.0, rng.uniform(2, 5)
        rate = 0.8 * fr * np.exp(0.4 * x - 0.2 * (g - 1))
        while t < end:
            w = rng.exponential(1 / rate)
            stop, d = (t + w, 1) if t + w < end else (end, 0)
            rows.append((i, t, stop, d, x, g))
            t = stop
    return pd.DataFrame(rows, columns=["id", "t0", "t", "d", "x", "g"])


ST = "stset t, id(id) failure(d) enter(time t0) exit(time .)\n"


def test_forceshared_is_accepted_and_changes_nothing_without_delayed_entry(do, recurrent):
    fit = "streg x i.g, dist(exp) frailty(gamma) shared(id) nolog"
    rc, out, s = do(ST + fit, df=recurrent.copy())
    assert rc == 0, out
    rc2, out2, s2 = do(ST + fit + " forceshared", df=recurrent.copy())
    assert rc2 == 0, out2
    assert "Warning: option shared()" not in out2  # no delayed entry (each child enters at 0)
    assert np.array_equal(s.e.matrices["b"].values, s2.e.matrices["b"].values)


def test_shared_with_delayed_entry_needs_forceshared(do, recurrent):
    late = recurrent[~((recurrent["t0"] == 0) & (recurrent["id"] % 5 == 0))]  # every 5th child enters late
    fit = "streg x, dist(exp) frailty(gamma) shared(id) nolog"
    rc, out, _ = do(ST + fit, df=late.copy())
    assert rc == 498 and "delayed entries or gaps detected" in out, out
    rc, out, s = do(ST + fit + " forceshared", df=late.copy())
    assert rc == 0 and "Warning: option shared() is used in the presence of delayed entries or gaps" in out, out
    rc, out, _ = do(ST + "stcox x, shared(id) nolog", df=late.copy())
    assert rc == 498, out
    rc, out, _ = do(ST + "stcox x, shared(id) forceshared nolog", df=late.copy())
    assert rc == 0, out
    rc, out, _ = do(ST + fit + " forcesh", df=late.copy())  # FORCESHARED: no abbreviation
    assert rc == 198, out


def test_streg_base_shows_the_base_levels(do, recurrent):
    rc, out, s = do(ST + "streg x i.g, dist(exp) base nolog", df=recurrent.copy())
    assert rc == 0, out
    assert "1  (base)" in out
    rc, out2, s2 = do(ST + "streg x i.g, dist(exp) nolog", df=recurrent.copy())
    assert rc == 0 and "(base)" not in out2
    assert np.array_equal(s.e.matrices["b"].values, s2.e.matrices["b"].values)
    # the hazard ratios shown are exp(b) of e(b)
    b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values.ravel()))
    assert f"{np.exp(b['_t:2.g']):.6f}".lstrip("0")[:6] in out


# ----------------------------------------------------------------------------- egen cut() label
def test_egen_cut_label_gives_integer_codes(do):
    x = np.array([10.0, 20.0, 40.0, 90.0, 133.35, 140.0, 14.0])
    rc, out, s = do("egen c = cut(x), at (15,35.75,79.7,133.35) label", df=pd.DataFrame({"x": x}))
    assert rc == 0, out
    bounds = np.array([15, 35.75, 79.7, 133.35])
    want = np.where((x >= bounds[0]) & (x < bounds[-1]), np.searchsorted(bounds, x, side="right") - 1, np.nan)
    got = s.data.df["c"].to_numpy(float)
    assert np.array_equal(np.isnan(got), np.isnan(want)) and np.array_equal(got[~np.isnan(got)], want[~np.isnan(want)])
    assert s.data.value_labels["c"] == {0.0: "15-", 1.0: "35.75-", 2.0: "79.7-", 3.0: "133.35-"}


# ----------------------------------------------------------------------------- import delimited
def test_import_delimited_numericcols_and_stringcols(do, tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("a,b,c\n1,x,3\n2,NA,04\n")
    rc, out, s = do(f'import delimited "{path}", numericcols(_all) clear')
    assert rc == 0, out
    assert s.data.df["a"].tolist() == [1, 2] and np.isnan(s.data.df["b"].to_numpy(float)).all()
    assert s.data.df["c"].tolist() == [3, 4]
    rc, out, s = do(f'import delimited "{path}", stringcols(1 3) clear')
    assert rc == 0, out
    assert s.data.is_string("a") and s.data.is_string("c") and s.data.df["c"].tolist() == ["3", "04"]
    assert s.data.is_string("b")
    rc, out, _ = do(f'import delimited "{path}", numericcols(0) clear')
    assert rc == 198, out


# ----------------------------------------------------------------------------- xtnbreg re, far r and s
def test_re_nbreg_panel_term_keeps_its_digits_at_large_r_and_s():
    """ln B(r + Sl, s + Sy) - ln B(r, s) tends to Sl ln p + Sy ln(1 - p), p = r/(r + s), as r, s
    grow (the beta mixing degenerates); at r, s near 1e30 the computed panel part must agree to
    the first-order remainder, and a log likelihood of counts is never above 0."""
    from mlmcli.panel.negative_binomial import re_loglik

    rng = np.random.default_rng(3508)
    codes = np.repeat(np.arange(20), 10)
    X = np.column_stack([rng.normal(size=200), np.ones(200)])
    b = np.array([0.3, 1.0])
    lam = np.exp(X @ b)
    y = rng.poisson(lam).astype(float)
    from scipy.special import gammaln

    for ln_r, ln_s in ((70.0, 72.0), (180.0, 190.0)):
        r, s = np.exp(ln_r), np.exp(ln_s)
        p = r / (r + s)
        Sl = np.bincount(codes, lam)
        Sy = np.bincount(codes, y)
        obs = gammaln(lam + y) - gammaln(lam) - gammaln(y + 1)
        limit = float(np.sum(Sl * np.log(p) + Sy * np.log1p(-p)) + obs.sum())
        ll = re_loglik(X, y, codes, np.r_[b, ln_r, ln_s])
        assert np.isfinite(ll) and ll < 0
        assert ll == pytest.approx(limit, rel=1e-9)
