"""``levelvar: R.x`` at a named level ([ME] mixed, [ME] me: R.varname): one random effect per
level of x inside each group of the level, independent with one variance (identity
covariance) -- a random intercept at (level, x) when alone, and a level that further levels
below it may cross (``|| group: R.m || f:``, MLMUS ch. 16).  Checked against statsmodels'
MixedLM (variance components per group), an exact Gaussian likelihood, the equivalent nested
formulations, and a Gauss-Hermite integral written here for the logit model."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import special

statsmodels = pytest.importorskip("statsmodels.formula.api")


def _school_class(seed=1, S=20, C=4, n=5):
    rng = np.random.default_rng(seed)
    rows = []
    for s in range(1, S + 1):
        us = rng.normal(0, 1)
        for c in range(1, C + 1):
            uc = rng.normal(0, 0.7)
            for _ in range(n):
                x = rng.normal()
                rows.append((s, c, s * 10 + c, x, 1 + 0.5 * x + us + uc + rng.normal()))
    return pd.DataFrame(rows, columns=["school", "class", "sc", "x", "y"])


def _group_m_f(seed=2, G=25, M=3, F=4, n=2):
    """f nested within grp, crossed with m inside each grp."""
    rng = np.random.default_rng(seed)
    rows = []
    for g in range(1, G + 1):
        um = rng.normal(0, 0.9, M)
        for f in range(1, F + 1):
            uf = rng.normal(0, 0.6)
            for m in range(1, M + 1):
                for _ in range(n):
                    x = rng.normal()
                    eta = -0.2 + 0.6 * x + um[m - 1] + uf
                    rows.append((g, m, f, g * 10 + m, x, eta + rng.normal(),
                                 float(rng.random() < special.expit(eta))))
    return pd.DataFrame(rows, columns=["grp", "m", "f", "gm", "x", "y", "yb"])


def _b(s):
    return np.asarray(s.e.matrices["b"].values, float).reshape(-1)


def _fit(do, df, line):
    rc, out, s = do(line, df=df)
    assert rc == 0, out
    return s, out


def test_mixed_level_factor_is_the_cell_intercept_and_matches_statsmodels(do):
    df = _school_class()
    s, out = _fit(do, df, "mixed y x || school: R.class")
    ll, b = s.e.scalars["ll"], _b(s)
    s2, _ = _fit(do, df, "mixed y x || sc:")
    assert ll == pytest.approx(s2.e.scalars["ll"], abs=1e-6)
    assert b == pytest.approx(_b(s2), rel=1e-5, abs=1e-7)
    # the level's groups are the schools (20 of 20 obs), not the 80 cells
    assert "Group variable: school" in out and "Number of groups   =        20" in out
    assert np.asarray(s.e.matrices["N_g"].values).ravel().tolist() == [20]
    assert "var(R.class)" in out
    sm = statsmodels.mixedlm("y ~ x", df, groups="school", re_formula="0",
                             vc_formula={"class": "0 + C(Q('class'))"}).fit(reml=False, method="lbfgs")
    assert ll == pytest.approx(sm.llf, abs=1e-3)
    assert ll >= sm.llf - 1e-6
    assert b[:2] == pytest.approx(np.asarray(sm.fe_params)[[1, 0]], abs=2e-3)


def test_mixed_level_factor_with_the_level_intercept_is_the_nested_model(do):
    df = _school_class(seed=5)
    nested, _ = _fit(do, df, "mixed y x || school: || class:")
    for line in ("mixed y x || school: || school: R.class", "mixed y x || school: R.class || school:"):
        s, out = _fit(do, df, line)
        assert s.e.scalars["ll"] == pytest.approx(nested.e.scalars["ll"], abs=1e-6)
        assert _b(s)[:2] == pytest.approx(_b(nested)[:2], rel=1e-5)
        assert out.count("school: Identity") == 2


def _gaussian_ll(df, beta, v_m, v_f, v_e):
    """The exact ML log likelihood of y = x b + u_{grp,m} + v_{grp,f} + e, group by group."""
    total = 0.0
    for _, d in df.groupby("grp"):
        r = d.y.to_numpy() - beta[0] * d.x.to_numpy() - beta[1]
        Zm = (d.m.to_numpy()[:, None] == np.unique(d.m)[None]).astype(float)
        Zf = (d.f.to_numpy()[:, None] == np.unique(d.f)[None]).astype(float)
        V = v_m * Zm @ Zm.T + v_f * Zf @ Zf.T + v_e * np.eye(len(r))
        _, logdet = np.linalg.slogdet(V)
        total += -0.5 * (len(r) * np.log(2 * np.pi) + logdet + r @ np.linalg.solve(V, r))
    return total


def test_mixed_level_factor_with_a_crossed_level_below(do):
    df = _group_m_f()
    s, out = _fit(do, df, "mixed y x || grp: R.m || f:")
    ll = s.e.scalars["ll"]
    b = _b(s)  # x, _cons, lns1_1_1, lns2_1_1, lnsig_e
    assert ll == pytest.approx(_gaussian_ll(df, b[:2], np.exp(2 * b[2]), np.exp(2 * b[3]), np.exp(2 * b[4])),
                               abs=1e-6)
    sm = statsmodels.mixedlm("y ~ x", df, groups="grp", re_formula="0",
                             vc_formula={"m": "0 + C(m)", "f": "0 + C(f)"}).fit(reml=False, method="lbfgs")
    assert ll == pytest.approx(sm.llf, abs=1e-3) and ll >= sm.llf - 1e-6
    assert np.asarray(s.e.matrices["N_g"].values).ravel().tolist() == [25, 100]
    assert s.e.macros["revars"] == "R.m _cons" and s.e.macros["redim"] == "1 1"
    assert "var(R.m)" in out
    # predict, reffects: R.m's effect of each row's (grp, m) cell first, then f's: the BLUPs
    # Sigma Z' V^-1 (y - X b) of each group
    rc, out, s = do("predict u1 u2, reffects", session=s)
    assert rc == 0, out
    u1, u2 = s.data.df.u1.to_numpy(), s.data.df.u2.to_numpy()
    v_m, v_f, v_e = np.exp(2 * b[2]), np.exp(2 * b[3]), np.exp(2 * b[4])
    for _, d in df.groupby("grp"):
        r = d.y.to_numpy() - b[0] * d.x.to_numpy() - b[1]
        Zm = (d.m.to_numpy()[:, None] == np.unique(d.m)[None]).astype(float)
        Zf = (d.f.to_numpy()[:, None] == np.unique(d.f)[None]).astype(float)
        Vinv_r = np.linalg.solve(v_m * Zm @ Zm.T + v_f * Zf @ Zf.T + v_e * np.eye(len(r)), r)
        assert u1[d.index] == pytest.approx(Zm @ (v_m * Zm.T @ Vinv_r), abs=1e-6)
        assert u2[d.index] == pytest.approx(Zf @ (v_f * Zf.T @ Vinv_r), abs=1e-6)
    reml, _ = _fit(do, df, "mixed y x || grp: R.m || f:, reml")
    sm_reml = statsmodels.mixedlm("y ~ x", df, groups="grp", re_formula="0",
                                  vc_formula={"m": "0 + C(m)", "f": "0 + C(f)"}).fit(reml=True, method="lbfgs")
    assert reml.e.scalars["ll"] == pytest.approx(sm_reml.llf, abs=1e-3)


def _logit_ll(df, beta, v_m, v_f, outer=20, inner=30):
    """ln L of melogit yb x || grp: R.m || f: by Gauss-Hermite: the m effects of a group
    (outer rule per dimension) and, given them, each f's intercept (inner rule)."""
    t1, w1 = np.polynomial.hermite_e.hermegauss(outer)
    t2, w2 = np.polynomial.hermite_e.hermegauss(inner)
    w1, w2 = w1 / w1.sum(), w2 / w2.sum()
    total = 0.0
    for _, d in df.groupby("grp"):
        M = d.m.nunique()
        grids = np.meshgrid(*([t1] * M), indexing="ij")
        U = np.sqrt(v_m) * np.stack([g.ravel() for g in grids], 1)           # (K, M)
        W = np.prod(np.meshgrid(*([w1] * M), indexing="ij"), axis=0).ravel()  # (K,)
        mcode = np.unique(d.m, return_inverse=True)[1]
        log_cond = np.zeros(len(W))
        for _, df_f in d.groupby("f"):
            idx = df_f.index.to_numpy()
            eta = (beta[0] * d.x.loc[idx].to_numpy() + beta[1])[None, :, None] \
                + U[:, mcode[d.index.get_indexer(idx)]][:, :, None] + np.sqrt(v_f) * t2[None, None, :]
            yv = d.yb.loc[idx].to_numpy()[None, :, None]
            lp = np.sum(yv * eta - np.logaddexp(0, eta), axis=1)              # (K, inner)
            log_cond += special.logsumexp(lp, axis=1, b=w2)
        total += special.logsumexp(log_cond, b=W)
    return total


def test_melogit_level_factor_alone_is_the_cell_intercept(do):
    df = _group_m_f(seed=3, G=20)
    s, out = _fit(do, df, "melogit yb x || grp: R.m")
    cell, _ = _fit(do, df, "melogit yb x || gm:")
    assert s.e.scalars["ll"] == pytest.approx(cell.e.scalars["ll"], abs=1e-5)
    assert _b(s) == pytest.approx(_b(cell), rel=1e-4, abs=1e-6)
    assert "Group variable:             grp" in out and "Number of groups   =        20" in out


def test_melogit_level_factor_with_many_levels_and_a_level_nested_in_its_cells(do):
    """Nothing below crosses x: the k effects of a group integrate one by one (no 7^k rule),
    the fit is the cells' random intercept, and a level nested in the cells stays nested."""
    df = _group_m_f(seed=6, G=20)
    df["m8"] = np.arange(len(df)) % 8
    df["gm8"] = df.grp * 10 + df.m8
    df["pair"] = df.gm8 * 10 + (np.arange(len(df)) // 16) % 2
    s, out = _fit(do, df, "melogit yb x || grp: R.m8")
    cell, _ = _fit(do, df, "melogit yb x || gm8:")
    assert s.e.scalars["ll"] == pytest.approx(cell.e.scalars["ll"], abs=1e-6)
    assert "Number of groups   =        20" in out and "grp>m8" in out and "var(R.m8)" not in out
    # a level typed after grp: R.m8 makes a crossed model (default laplace, test_me_crossed_default);
    # intmethod(mvaghermite) asks for quadrature, where pair nests in the cells
    s, out = _fit(do, df, "melogit yb x || grp: R.m8 || pair:, intmethod(mvaghermite)")
    cell, _ = _fit(do, df, "melogit yb x || gm8: || pair:")
    assert s.e.scalars["ll"] == pytest.approx(cell.e.scalars["ll"], abs=1e-6)
    assert np.asarray(s.e.matrices["N_g"].values).ravel()[0] == 20


def test_melogit_level_factor_with_a_crossed_level_below(do):
    df = _group_m_f(seed=4, G=20)
    # intpoints(7): quadrature (the default is laplace, test_me_crossed_default)
    s, out = _fit(do, df, "melogit yb x || grp: R.m || f:, intpoints(7)\npredict r*, reffects")
    b = _b(s)  # x, _cons, var(_cons[grp>m]), var(_cons[grp>f])
    assert s.e.scalars["ll"] == pytest.approx(_logit_ll(df, b[:2], b[2], b[3]), abs=2e-4)
    assert np.asarray(s.e.matrices["N_g"].values).ravel().tolist() == [20, 80]
    assert s.e.macros["revars"] == "R.m _cons"
    assert "grp>m" in out and "var(R.m)" not in out and "grp>f" in out
    data = s.data.df
    # r1: one value per (grp, m) cell, varying over m; r2: one per (grp, f)
    assert (data.groupby(["grp", "m"]).r1.nunique() == 1).all()
    assert (data.groupby(["grp", "f"]).r2.nunique() == 1).all()
    assert data.groupby("grp").r1.nunique().min() == 3
