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


# ---------------------------------------------------------------- gsem: equations fitted one by one
def _nested(seed=32, outer=6, inner=4, size=25):
    rng = np.random.default_rng(seed)
    g1 = np.repeat(np.arange(1, outer + 1), inner * size).astype(float)
    g2 = np.repeat(np.arange(1, outer * inner + 1), size).astype(float)  # numbered across the file
    n = len(g1)
    x = rng.normal(size=n)
    z = rng.normal(size=n)
    m = 0.5 * x - 0.3 * z + rng.normal(size=n)
    eta = -0.4 + 0.6 * m + 0.3 * x + rng.normal(0, 0.6, outer)[g1.astype(int) - 1] \
        + rng.normal(0, 0.5, outer * inner)[g2.astype(int) - 1]
    y = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(float)
    crossed = np.tile(np.arange(1, 5), n // 4).astype(float)  # not nested in g1
    return pd.DataFrame({"g1": g1, "g2": g2, "x": x, "z": z, "m": m, "y": y, "crossed": crossed})


def _eb(s):
    b = s.e.matrices["b"]
    return dict(zip(b.colnames, np.asarray(b.values, float).ravel()))


def test_gsem_multilevel_random_intercepts_are_the_three_level_melogit(do):
    df = _nested()
    rc, out, s = do("gsem (y <- x L1[g2] L2[g1], logit)", df)
    assert rc == 0, out
    g = _eb(s)
    ll_g = float(s.e.scalars["ll"])
    rc, out, s2 = do("melogit y x || g1: || g2:", df)
    assert rc == 0, out
    me = _eb(s2)
    assert ll_g == pytest.approx(float(s2.e.scalars["ll"]), rel=1e-9)
    assert g["y:x"] == pytest.approx(me["y:x"], rel=1e-6)
    assert g["var(L2[g1]):_cons"] == pytest.approx(me["var(_cons[g1]):_cons"], rel=1e-5)
    assert g["var(L1[g2]):_cons"] == pytest.approx(me["var(_cons[g1>g2]):_cons"], rel=1e-5)
    assert g["y:L1[g2]"] == 1.0 and g["y:L2[g1]"] == 1.0
    assert not any(n.startswith("cov(") for n in g)  # latent variables at different levels: independent


def test_gsem_mediation_beside_a_multilevel_logit_is_the_sum_of_two_fits(do):
    df = _nested()
    rc, out, s = do("gsem (m <- x z) (y <- m x L1[g2] L2[g1], family(bernoulli) link(logit))", df)
    assert rc == 0, out
    g = _eb(s)
    names = list(s.e.matrices["b"].colnames)
    assert names[:3] == ["m:x", "m:z", "m:_cons"] and names[-1] == "var(e.m):_cons"
    assert names.index("var(L1[g2]):_cons") < names.index("var(e.m):_cons")
    V = np.asarray(s.e.matrices["V"].values, float)
    ll = float(s.e.scalars["ll"])
    nlcom_out = do("nlcom _b[m:x]*_b[y:m]", session=s)
    assert nlcom_out[0] == 0, nlcom_out[1]
    product_se = float(np.sqrt(np.diag(np.asarray(s.r["V"].values, float)))[0])

    # the Gaussian equation: OLS with the ML variance RSS/N
    X = np.column_stack([df.x, df.z, np.ones(len(df))])
    beta, rss = np.linalg.lstsq(X, df.m, rcond=None)[:2]
    n = len(df)
    sigma2 = float(rss[0]) / n
    ll_m = -0.5 * n * (np.log(2 * np.pi * sigma2) + 1)
    se_ml = np.sqrt(np.diag(sigma2 * np.linalg.inv(X.T @ X)))
    assert [g["m:x"], g["m:z"], g["m:_cons"]] == pytest.approx(list(beta), rel=1e-7)
    assert g["var(e.m):_cons"] == pytest.approx(sigma2, rel=1e-7)
    assert np.sqrt(np.diag(V))[:3] == pytest.approx(se_ml, rel=1e-5)
    # the logit equation: the three-level melogit alone
    rc, out, s2 = do("melogit y m x || g1: || g2:", df)
    me = _eb(s2)
    assert ll == pytest.approx(ll_m + float(s2.e.scalars["ll"]), rel=1e-8)
    assert g["y:m"] == pytest.approx(me["y:m"], rel=1e-6)
    # no parameter shared: V block diagonal, and nlcom's delta method on the product
    assert np.allclose(V[:3, 3:-1], 0.0)
    v_mx, v_ym = V[names.index("m:x"), names.index("m:x")], V[names.index("y:m"), names.index("y:m")]
    assert product_se == pytest.approx(np.sqrt(g["y:m"] ** 2 * v_mx + g["m:x"] ** 2 * v_ym), rel=1e-8)
    assert int(s.e.scalars["N"]) == n and s.e.macros["depvar"] == "m y"


def test_gsem_equation_wise_samples_and_a_second_family(do):
    df = _nested(seed=33)
    df["c"] = np.random.default_rng(5).poisson(np.exp(0.2 + 0.3 * df.x))
    df.loc[:9, "c"] = np.nan  # only the count equation loses these rows
    rc, out, s = do("gsem (y <- x M1[g2], logit) (c <- x, poisson)", df)
    assert rc == 0, out
    rc1, _, s1 = do("melogit y x || g2:", df)
    rc2, _, s2 = do("poisson c x", df)
    assert float(s.e.scalars["ll"]) == pytest.approx(float(s1.e.scalars["ll"]) + float(s2.e.scalars["ll"]),
                                                      rel=1e-8)
    assert int(s.e.scalars["N"]) == len(df)  # the rows used by any equation
    assert _eb(s)["c:x"] == pytest.approx(_eb(s2)["c:x"], rel=1e-6)


def test_gsem_refuses_crossed_levels_and_robust_across_equations(do):
    df = _nested()
    rc, out, _ = do("gsem (y <- x L1[crossed] L2[g1], logit)", df)
    assert rc == 198 and "not nested" in out
    rc, out, _ = do("gsem (m <- x) (y <- m L1[g2] L2[g1], logit), vce(robust)", df)
    assert rc == 198 and "not available" in out
    rc, out, _ = do("gsem (m <- x L1[g2]) (y <- m L2[g1], logit)", df)  # latent variables in two equations
    assert rc == 198


# ---------------------------------------------------------------- xtoverid after xtreg, re
def _re_panel(seed=34, panels=30, periods=6):
    rng = np.random.default_rng(seed)
    pid = np.repeat(np.arange(1, panels + 1), periods).astype(float)
    t = np.tile(np.arange(1, periods + 1), panels).astype(float)
    u = rng.normal(0, 1.0, panels)[pid.astype(int) - 1]
    x1 = rng.normal(size=len(pid)) + 0.6 * u  # correlated with the panel effect
    x2 = rng.normal(size=len(pid))
    y = 1 + 0.5 * x1 - 0.4 * x2 + u + rng.normal(size=len(pid))
    return pd.DataFrame({"id": pid, "t": t, "x1": x1, "x2": x2, "y": y})


def _overid_reference(df, sigma_u, sigma_e, cluster: bool):
    """The ado's auxiliary GLS regression on a balanced panel: y - theta*ybar on x - theta*xbar,
    the within deviations x - xbar and (1 - theta); Wald test of the deviations."""
    T = df.groupby("id").size().iloc[0]
    theta = 1 - np.sqrt(sigma_e ** 2 / (T * sigma_u ** 2 + sigma_e ** 2))
    g = df.groupby("id")
    ys = df.y - theta * g.y.transform("mean")
    cols = [df[c] - theta * g[c].transform("mean") for c in ("x1", "x2")]
    devs = [df[c] - g[c].transform("mean") for c in ("x1", "x2")]
    X = np.column_stack(cols + devs + [np.full(len(df), 1 - theta)])
    XtXi = np.linalg.inv(X.T @ X)
    b = XtXi @ X.T @ ys
    if cluster:
        e = ys - X @ b
        S = np.zeros((X.shape[1], X.shape[1]))
        for _, idx in df.groupby("id").indices.items():
            s = X[idx].T @ e.to_numpy()[idx]
            S += np.outer(s, s)
        G, N, K = df.id.nunique(), len(df), X.shape[1]
        V = XtXi @ S @ XtXi * G / (G - 1) * (N - 1) / (N - K)  # xtreg, re's cluster VCE (panel/gls.py)
    else:  # RSS*/(N - 2K - 1) of the augmented regression is sigma_e^2 exactly (balanced Swamy-Arora)
        V = sigma_e ** 2 * XtXi
    gam, Vg = b[2:4], V[2:4, 2:4]
    j = float(gam @ np.linalg.solve(Vg, gam))
    return j, float(stats.chi2.sf(j, 2))


@pytest.mark.parametrize("vce", ["", "vce(cluster id)"])
def test_xtoverid_is_the_wald_test_of_the_within_deviations(do, vce):
    df = _re_panel()
    rc, out, s = do(f"xtset id t\nxtreg y x1 x2, re {vce}", df)
    assert rc == 0, out
    b_before = np.asarray(s.e.matrices["b"].values).copy()
    su, se = float(s.e.scalars["sigma_u"]), float(s.e.scalars["sigma_e"])
    rc, out, s = do("xtoverid", session=s)
    assert rc == 0, out
    j, p = _overid_reference(df, su, se, cluster=bool(vce))
    assert float(s.r["j"]) == pytest.approx(j, rel=1e-6)
    assert float(s.r["jdf"]) == 2 and float(s.r["jp"]) == pytest.approx(p, rel=1e-5)
    assert "Sargan-Hansen statistic" in out and "Chi-sq(2)" in out
    assert ("robust cluster(id)" in out) == bool(vce)
    assert np.array_equal(np.asarray(s.e.matrices["b"].values), b_before)  # e() and the data kept
    assert list(s.data.df.columns) == ["id", "t", "x1", "x2", "y"]


def test_xtoverid_refusals(do):
    df = _re_panel()
    assert do("xtset id t\nxtreg y x1 x2, fe\nxtoverid", df)[0] == 198
    assert do("regress y x1\nxtoverid", df)[0] == 301
    assert do("xtset id t\nxtreg y x1 i.t, re\nxtoverid", df)[0] == 101


def test_gsem_gaussian_equations_with_factor_variables_match_the_joint_engine(do):
    rng = np.random.default_rng(36)
    x = (rng.random(120) < 0.5).astype(float)
    m = x + rng.normal(size=120)
    df = pd.DataFrame({"x": x, "m": m, "y": m + rng.normal(size=120)})
    rc, out_fv, s_fv = do("gsem (m <- i.x) (y <- m)", df)  # was refused: several equations beside a factor variable
    assert rc == 0, out_fv
    rc, out, s = do("gsem (m <- x) (y <- m)", df)  # the Gaussian path models' joint engine
    assert float(s_fv.e.scalars["ll"]) == pytest.approx(float(s.e.scalars["ll"]), rel=1e-10)
    assert _eb(s_fv)["m:1.x"] == pytest.approx(_eb(s)["m:x"], rel=1e-8)
    se_fv = np.sqrt(np.diag(np.asarray(s_fv.e.matrices["V"].values, float)))
    se = np.sqrt(np.diag(np.asarray(s.e.matrices["V"].values, float)))
    assert se_fv[list(s_fv.e.matrices["b"].colnames).index("y:m")] == pytest.approx(se[1 + 1], rel=1e-6)
    assert out_fv.count("Iteration 0:") == 1


# ---------------------------------------------------------------- esttab stats() of estadd local
def test_esttab_stats_show_estadd_local_text(do):
    rng = np.random.default_rng(37)
    df = pd.DataFrame({"x": rng.normal(size=60)})
    df["y"] = df.x + rng.normal(size=60)
    rc, out, s = do("eststo clear\nquietly regress y x\nestadd local fe No\neststo\nquietly regress y\n"
                    "estadd local fe Yes\neststo\nesttab, stats(N fe r2, labels(\"N\" \"Fixed effects\"))", df)
    assert rc == 0, out
    row = next(line for line in out.splitlines() if line.startswith("Fixed effe~s"))  # varwidth(12) abbreviates
    assert row.split()[2:] == ["No", "Yes"]
    n_row = next(line for line in out.splitlines() if line.startswith("N "))
    assert n_row.split()[1:] == ["60", "60"]
    rc, out, _ = do("estout, stats(fe) cells(b)", session=s)
    assert rc == 0 and any(line.split()[1:] == ["No", "Yes"] for line in out.splitlines() if line.startswith("fe"))


def test_gsem_fitted_by_equation_refuses_pweights(do):
    df = _nested()
    rc, out, _ = do("gsem (m <- x) (y <- m L1[g2] L2[g1], logit) [pw = 1 + z*z]", df)
    assert rc == 101 and "pweights" in out
