"""Fixes from the twenty-sixth held-out batch (tests/realworld/README.md):

* ``xtfeis lnw ..., slope(c.exp c.exp#c.exp) cluster(id)`` (heldout/ruettenauer-ludwig): Volker
  Ludwig's FEIS estimator (SSC xtfeis.ado 2.0, read from its source).  The coefficients are
  checked against the dummy-variable regression with a constant and a slope per panel (the same
  estimator by Frisch-Waugh-Lovell), the variances against regress on the panel-detrended data
  (computed here with numpy) times the ado's degrees-of-freedom counts.
* ``ereturn display, noempty`` (the ado's last line): noemptycells/noomitted accepted.
* ``use"file"`` (heldout/baker-crime-free): the measuring harness maps a load whose file name
  follows the command word without a space.
"""
from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pytest


def _panel(seed=3, groups=40, per=6):
    rng = np.random.default_rng(seed)
    rows = []
    for g in range(1, groups + 1):
        slope = rng.normal(0.5, 0.3)
        a = rng.normal(0, 1)
        cl = (g - 1) // 4 + 1
        for t in range(1, per + 1 - (g % 3 == 0) * 2):
            x1, x2 = rng.normal() + 0.1 * t * slope, rng.normal()
            rows.append({"id": g, "t": t, "cl": cl, "x1": x1, "x2": x2, "f": int(rng.integers(1, 4)),
                         "const": g % 5, "y": a + slope * t + 0.7 * x1 - 0.4 * x2 + rng.normal()})
    df = pd.DataFrame(rows)
    df.loc[3, "x2"] = np.nan
    return df


def _detrended(df, cols):
    """Each column's residual from its panel's regression on t and a constant (numpy)."""
    out = df[cols].to_numpy(float).copy()
    for _, idx in df.groupby("id").indices.items():
        Z = np.column_stack([df["t"].to_numpy(float)[idx], np.ones(len(idx))])
        coef, *_ = np.linalg.lstsq(Z, out[idx], rcond=None)
        out[idx] -= Z @ coef
    return out


def test_xtfeis_coefficients_are_the_dummy_variable_fit(do):
    df = _panel()
    rc, out, s = do("xtset id t\nxtfeis y x1 x2, slope(t)\nmatrix bf = e(b)\nscalar ng = e(N_g)\nscalar n = e(N)\n"
                    "quietly regress y x1 x2 i.id i.id#c.t if e(sample)\nmatrix bl = e(b)", df)
    assert rc == 0, out
    assert "Fixed-effects regression with individual-specific slopes (FEIS)" in out
    assert s.matrices["bf"].colnames == ("x1", "x2")
    np.testing.assert_allclose(s.matrices["bf"].values[0], s.matrices["bl"].values[0, :2], rtol=1e-8)
    assert s.scalars["ng"] == 40 and s.scalars["n"] == len(df) - 1


def test_xtfeis_conventional_variance_and_dof(do):
    df = _panel().dropna().reset_index(drop=True)
    rc, out, s = do("xtset id t\nxtfeis y x1 x2, slope(t)", df)
    assert rc == 0, out
    e = s.e
    ty, tX = _detrended(df, ["y"])[:, 0], _detrended(df, ["x1", "x2"])
    b = np.linalg.lstsq(tX, ty, rcond=None)[0]
    u = ty - tX @ b
    N, G, K = len(df), 40, 2
    mindf = 2 * G + K - 1  # the ado: panels x cols(Z) + cols(X) - 1
    V = (u @ u) / (N - mindf) * np.linalg.inv(tX.T @ tX)
    np.testing.assert_allclose(e.matrices["V"].values, V, rtol=1e-8)
    assert e.scalars["df_r"] == N - mindf
    assert e.scalars["r2_w"] == pytest.approx(1 - (u @ u) / (ty @ ty), rel=1e-10)
    assert e.macros["vcetype"] == "conventional" and e.macros["cmd"] == "xtfeis"


def test_xtfeis_cluster_variance_is_regress_on_detrended_data_rescaled(do):
    df = _panel().dropna().reset_index(drop=True)
    det = _detrended(df, ["y", "x1", "x2"])
    df2 = df.assign(ty=det[:, 0], tx1=det[:, 1], tx2=det[:, 2])
    rc, out, s = do("xtset id t\nxtfeis y x1 x2, slope(t) cluster(cl)\nmatrix Vf = e(V)\nscalar dff = e(df_r)\n"
                    "quietly regress ty tx1 tx2, noconstant vce(cluster cl)\nmatrix Vr = e(V)", df2)
    assert rc == 0, out
    assert "Standard errors adjusted for clusters in cl" in out
    N, K = len(df), 2
    mindf = 2 + K - 1  # cols(Z) + cols(X) - 1; regress's own k is K
    np.testing.assert_allclose(s.matrices["Vf"].values, s.matrices["Vr"].values * (N - K) / (N - mindf), rtol=1e-8)
    assert s.scalars["dff"] == 10 - 1


def test_xtfeis_factor_variables_and_a_within_constant_variable(do):
    df = _panel()
    rc, out, s = do("xtset id t\nxtfeis y x1 i.f const, slope(c.t)\nmatrix b = e(b)\nmatrix V = e(V)", df)
    assert rc == 0, out
    cols = s.matrices["b"].colnames
    assert cols == ("x1", "1b.f", "2.f", "3.f", "o.const")
    assert s.matrices["b"].values[0, -1] == 0 and s.matrices["V"].values[-1, -1] == 0
    assert "(omitted)" in out


def test_xtfeis_drops_panels_with_too_few_rows(do):
    df = _panel()
    df = df[~((df["id"] == 1) & (df["t"] > 3))]  # panel 1 keeps 3 rows: slope(a b) needs 4
    rc, out, s = do("xtset id t\ngenerate t2 = t^2\nxtfeis y x1, slope(t t2)", df)
    assert rc == 0, out
    assert s.e.scalars["N_g"] == 39
    assert s.e.scalars["g_min"] == 4


@pytest.mark.parametrize("line, rc, message", [
    ("xtfeis y x1, noconstant", 198, "you must specify a slope variable or allow for individual constant"),
    ("xtfeis y x1, slope(t) cluster(f)", 198, "group variable i must be nested within clusters"),
    ("xtfeis y x1, slope(t) sp", 198, "option sp not allowed"),
    ("xtfeis y x1, slope(t) addsp(s_)", 198, "option addsp() not allowed"),
    ("xtfeis y [aw=x2], slope(t)", 101, "weights not allowed"),
])
def test_xtfeis_refusals(do, line, rc, message):
    df = _panel()
    got, out, s = do("xtset id t\n" + line, df)
    assert got == rc and message in out


def test_xtfeis_needs_a_panel_variable(do):
    rc, out, _ = do("xtfeis y x1, slope(t)", _panel())
    assert rc == 198 and "you must specify a group variable to identify panels" in out
    rc, out, s = do("xtfeis y x1, slope(t) i(id) t(t)", _panel())
    assert rc == 0, out
    assert s.e.macros["ivar"] == "id"


def test_xtfeis_results_store_and_tabulate(do):
    rc, out, s = do("xtset id t\nquietly xtfeis y x1 x2, slope(t) cluster(id)\nestimates store FEIS\n"
                    "estout FEIS, stats(N N_g r2_w)", _panel())
    assert rc == 0, out
    assert "N_g" in out and "r2_w" in out


def test_ereturn_display_noemptycells(do):
    rc, out, _ = do("set obs 20\ngenerate x = _n\ngenerate y = x + mod(_n, 3)\nregress y x\n"
                    "ereturn display, noempty\nereturn display, noomitted", None)
    assert rc == 0, out
    assert out.count("P>|t|") == 3


def test_realworld_rewrite_maps_use_glued_to_its_quote(tmp_path):
    import sys

    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "realworld"))
    try:
        from rewrite import Rewriter
    finally:
        sys.path.pop(0)
    rw = Rewriter({"AlexCapstonev1.dta": "/local/x.dta"}, str(tmp_path))
    assert rw.rewrite('use"/Users/x/AlexCapstonev1.dta"') == 'use "/local/x.dta"'
    assert rw.rewrite('generate use"x" = 1') == 'generate use"x" = 1'


# ----------------------------------------------------------------------------- xtart
def test_xtart_is_the_test_of_the_added_panel_fits(do):
    df = _panel().dropna().reset_index(drop=True)
    det = _detrended(df, ["x1", "x2"])
    means = df.groupby("id")[["x1", "x2", "t"]].transform("mean").to_numpy()
    df2 = df.assign(p1=df["x1"] - det[:, 0], p2=df["x2"] - det[:, 1], m1=means[:, 0], m2=means[:, 1], mt=means[:, 2])
    rc, out, s = do("xtset id t\nquietly xtfeis y x1 x2, slope(t)\nestimates store F\n"
                    "quietly xtreg y x1 x2 t p1 p2 m1 m2 mt, re vce(cluster id)\ntest p1 p2\nscalar c0 = r(chi2)\n"
                    "quietly xtreg y x1 x2 t m1 m2 mt, re vce(cluster id)\ntest m1 m2 mt\nscalar c1 = r(chi2)\n"
                    "xtart F\nscalar a0 = real(r(chi2))\nscalar d0 = real(\"`r(df)'\")\nxtart F, fe\nscalar a1 = real(r(chi2))", df2)
    assert rc == 0, out
    assert s.scalars["a0"] == pytest.approx(s.scalars["c0"], rel=1e-6)
    assert s.scalars["a1"] == pytest.approx(s.scalars["c1"], rel=1e-6)
    assert s.scalars["d0"] == 2
    assert "(FEIS vs. FE model)" in out and "(FE vs. RE model)" in out
    assert not any(v.startswith(("_pred_", "_mean_")) for v in s.data.varnames)
    assert s.r["estcmd"].startswith("xtreg y x1 x2 t _mean_x1")


def test_xtart_refusals(do):
    rc, out, _ = do("xtset id t\nquietly xtreg y x1, fe\nxtart", _panel())
    assert rc == 301 and "xtart needs the results of xtfeis" in out
    rc, out, _ = do("xtset id t\nquietly xtfeis y x1 i.f, slope(t)\nxtart", _panel())
    assert rc == 198
    rc, out, _ = do("xtset id t\nquietly xtfeis y x1, slope(t)\nxtart, keep(x1)", _panel())
    assert rc == 198 and "option keep() not allowed" in out
