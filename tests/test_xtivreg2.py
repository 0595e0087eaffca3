"""``xtivreg2, fe`` against 2SLS with panel dummies (LSDV) computed here with numpy: the same
slopes, V = rss/(N - N_g) (X'PzX)^-1 over the slopes (ivreg2's dofminus = N_g), xtivreg2.ado's
FIXED EFFECTS ESTIMATION block, its singleton rule and its messages."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _panel(seed=3, G=30):
    rng = np.random.default_rng(seed)
    ids = np.repeat(np.arange(G), 6)[:-3]
    n = len(ids)
    a = rng.normal(size=G)[ids]
    x1, z1, z2, u = rng.normal(size=(4, n))
    e = 0.7 * z1 + 0.5 * z2 + a + 0.5 * u + rng.normal(size=n)
    y = 1 + 0.5 * x1 + 1.2 * e + 2 * a + u
    t = np.concatenate([np.arange(np.sum(ids == g)) for g in range(G)])
    return pd.DataFrame(dict(id=ids.astype(float), t=t.astype(float), y=y, x1=x1, e=e, z1=z1, z2=z2,
                             c=(ids // 3).astype(float)))


def _lsdv(df):
    D = pd.get_dummies(df.id).to_numpy(float)
    X = np.column_stack([df.e, df.x1, D])
    Z = np.column_stack([df.z1, df.z2, df.x1, D])
    Xh = Z @ np.linalg.lstsq(Z, X, rcond=None)[0]
    b = np.linalg.lstsq(Xh, df.y.to_numpy(), rcond=None)[0]
    u = df.y.to_numpy() - X @ b
    return b, u, np.linalg.pinv(Xh.T @ Xh), D.shape[1]


def test_fe_equals_2sls_with_panel_dummies(do):
    df = _panel()
    rc, out, s = do("xtset id t\nxtivreg2 y x1 (e = z1 z2), fe", df=df)
    assert rc == 0, out
    b, u, XtPX, G = _lsdv(df)
    n = len(df)
    c = s.e.coefficients()
    assert list(c.names) == ["e", "x1"]
    assert np.allclose(c.b, b[:2], rtol=1e-9)
    assert np.allclose(c.V, (u @ u) / (n - G) * XtPX[:2, :2], rtol=1e-7)
    sc = s.e.scalars
    assert sc["N_g"] == G and sc["df_a"] == G and sc["df_b"] == 2 and sc["df_m"] == G + 2
    assert sc["Fdf2"] == n - 2 - G
    assert sc["rmse"] == pytest.approx(np.sqrt(u @ u / (n - G)), rel=1e-10)
    assert sc["sigma_e"] == sc["rmse"]
    lines = out.splitlines()
    i = lines.index("FIXED EFFECTS ESTIMATION")
    assert lines[i - 1] == "" and lines[i + 1] == "-" * 24
    assert lines[i + 2] == "Number of groups =        30                    Obs per group: min =         3"
    assert lines[i + 3] == " " * 63 + "avg =       5.9"
    assert lines[i + 4] == " " * 63 + "max =         6"
    assert lines[i + 5] == "" and lines[i + 6] == "IV (2SLS) estimation"
    assert "_cons" not in out


def test_singletons_dropped_with_the_warning(do):
    df = _panel()
    df.loc[0, "id"] = 99
    rc, out, s = do("xtset id t\nxtivreg2 y x1 (e = z1 z2), fe", df=df)
    assert rc == 0, out
    assert "Warning - singleton groups detected.  1 observation(s) not used." in out
    assert s.e.scalars["N"] == len(df) - 1 and s.e.scalars["singleton"] == 1
    rc, out, _ = do("count if e(sample)", session=s)
    assert rc == 0 and out.strip().splitlines()[-1].strip() == str(len(df) - 1)
    b, _, _, _ = _lsdv(df.iloc[1:])
    assert np.allclose(s.e.coefficients().b, b[:2], rtol=1e-9)


def test_cluster_nesting_and_refusals(do):
    df = _panel()
    rc, out, s = do("xtset id t\nxtivreg2 y x1 (e = z1 z2), fe cluster(c)", df=df)
    assert rc == 0 and "Number of clusters (c) =            10" in out
    assert s.e.scalars["df_m"] == 2  # clustered: the panels use no degrees of freedom
    rc, out, _ = do("xtset id t\nxtivreg2 y x1 (e = z1 z2), fe cluster(t)", df=df)
    assert rc == 198 and "cluster option not supported if a panel spans more than one cluster" in out
    for options, message in (("", "error - must specify either fe or fd option"),
                             ("fe fd", "error - must specify either fe or fd option"),
                             ("fe cue", "xtivreg2's cue option is not implemented in mlmcli")):
        rc, out, _ = do(f"xtset id t\nxtivreg2 y x1 (e = z1 z2), {options}", df=df)
        assert rc == 198 and message in out, options
    rc, out, _ = do("xtivreg2 y x1 (e = z1 z2), fe", df=df)
    assert rc == 459
    df["k"] = df.id * 2
    rc, out, _ = do("xtset id t\nxtivreg2 y k (e = z1 z2), fe", df=df)
    assert rc == 198 and "collinear with the panel variable id" in out


def test_fd_is_2sls_on_first_differences(do):
    df = _panel()
    rc, out, s = do("xtset id t\nxtivreg2 y x1 (e = z1 z2), fd", df=df)
    assert rc == 0, out
    d = df.sort_values(["id", "t"])
    lag = d.groupby("id").shift(1)
    ok = (d.t - lag.t) == 1
    D = (d - lag)[ok]
    n = len(D)
    X = np.column_stack([D.e, D.x1, np.ones(n)])
    Z = np.column_stack([D.x1, np.ones(n), D.z1, D.z2])
    Xh = Z @ np.linalg.lstsq(Z, X, rcond=None)[0]
    b = np.linalg.lstsq(Xh, D.y.to_numpy(), rcond=None)[0]
    u = D.y.to_numpy() - X @ b
    c = s.e.coefficients()
    assert list(c.names) == ["D.e", "D.x1", "_cons"]
    assert np.allclose(c.b, b, rtol=1e-9)
    assert np.allclose(c.V, (u @ u / n) * np.linalg.inv(Xh.T @ Xh), rtol=1e-8)
    sizes = D.groupby(d.id[ok]).size()
    assert s.e.scalars["N_g"] == len(sizes) and s.e.scalars["g_min"] == sizes.min()
    assert s.e.macros["xtmodel"] == "fd" and s.e.scalars["df_m"] == 2
    lines = out.splitlines()
    i = lines.index("FIRST DIFFERENCES ESTIMATION")
    assert lines[i + 1] == "-" * 28 and lines[i + 2].startswith("Number of groups =        30")
    assert "Instrumented:         D.e" in lines
