"""The me commands' default integration method for crossed models, and the names of an
``R.x`` term at a named level (MLMUS4 ch. 16: ``melogit y ... || group: R.m || f:``).

Stata's _me_estimate.ado makes ``d: R.x`` the random intercept of level ``d>x`` unless
intmethod() other than laplace or intpoints() other than 1 is typed; with a further level
``d>f`` beside it the model is crossed and gsem's default is the Laplacian approximation
([ME] meglm: "mvaghermite unless a crossed random-effects model is fit").  Typing
intpoints() remaps x's indicators to k effects of level d (nested; mvaghermite).  The e(b)
name is ``var(_cons[d>x])`` either way (the book reads ``_b[/var(_cons[group>m])]`` after its
intpoints(3) refit from() the Laplace fit's e(b)).  The Laplace likelihood is checked against
one computed here with scipy (joint mode and Hessian of each group's effects)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import optimize, special


def _crossed(seed=11, G=12, M=3, F=4, n=3):
    """grp; m (1..M) crossed with f (1..F) inside each grp; binary yb."""
    rng = np.random.default_rng(seed)
    rows = []
    for g in range(1, G + 1):
        um, uf = rng.normal(0, 0.9, M), rng.normal(0, 0.7, F)
        for f in range(1, F + 1):
            for m in range(1, M + 1):
                for _ in range(n):
                    x = rng.normal()
                    eta = -0.3 + 0.7 * x + um[m - 1] + uf[f - 1]
                    rows.append((g, m, f, x, float(rng.random() < special.expit(eta))))
    return pd.DataFrame(rows, columns=["grp", "m", "f", "x", "yb"])


def _b(s):
    e = s.e.matrices["b"]
    return dict(zip(e.colnames, np.asarray(e.values, float).ravel()))


def _laplace_ll(df, beta, v_m, v_f):
    """Sum over groups of the Laplace approximation to ln int p(y|u) N(u; 0, D) du, u the
    group's M m-effects and F f-effects: mode by Newton (scipy), Hessian Z'WZ + D^-1."""
    total = 0.0
    for _, d in df.groupby("grp"):
        mc = np.unique(d.m, return_inverse=True)[1]
        fc = np.unique(d.f, return_inverse=True)[1]
        M, F = mc.max() + 1, fc.max() + 1
        Z = np.zeros((len(d), M + F))
        Z[np.arange(len(d)), mc] = 1
        Z[np.arange(len(d)), M + fc] = 1
        Dinv = np.diag([1 / v_m] * M + [1 / v_f] * F)
        xb = beta[0] * d.x.to_numpy() + beta[1]
        y = d.yb.to_numpy()

        def negpost(u):
            eta = xb + Z @ u
            return -(np.sum(y * eta - np.logaddexp(0, eta)) - 0.5 * u @ Dinv @ u)

        def grad(u):
            return -(Z.T @ (y - special.expit(xb + Z @ u)) - Dinv @ u)

        u = optimize.minimize(negpost, np.zeros(M + F), jac=grad, method="BFGS", options={"gtol": 1e-10}).x
        p = special.expit(xb + Z @ u)
        H = Z.T @ (Z * (p * (1 - p))[:, None]) + Dinv
        logdetD = M * np.log(v_m) + F * np.log(v_f)
        total += -negpost(u) - 0.5 * logdetD - 0.5 * np.linalg.slogdet(H)[1]
    return total


def test_level_factor_with_a_level_below_defaults_to_laplace_and_matches_scipy(do):
    df = _crossed()
    rc, out, s = do("melogit yb x || grp: R.m || f:", df=df)
    assert rc == 0, out
    assert s.e.macros["intmethod"] == "laplace"
    assert "Integration method: laplace" in out
    b = _b(s)
    assert list(b)[2:] == ["var(_cons[grp>m]):_cons", "var(_cons[grp>f]):_cons"]
    assert "grp>m        |" in out and "var(R.m)" not in out
    ll = _laplace_ll(df, (b["yb:x"], b["yb:_cons"]), b["var(_cons[grp>m]):_cons"], b["var(_cons[grp>f]):_cons"])
    assert s.e.scalars["ll"] == pytest.approx(ll, abs=1e-6)
    rc, _, lap = do("melogit yb x || grp: R.m || f:, intmethod(laplace)", df=df)
    assert rc == 0 and lap.e.scalars["ll"] == pytest.approx(s.e.scalars["ll"], abs=1e-9)


def test_intpoints_remaps_the_level_factor_to_quadrature(do):
    """intpoints(#) typed: x's indicators are effects of level grp (nested, mvaghermite),
    with the same e(b) names; the quadrature likelihood is above the Laplace one's here."""
    df = _crossed(G=8, M=3, F=3, n=2)
    rc, out, s = do("melogit yb x || grp: R.m || f:, intpoints(5)", df=df)
    assert rc == 0, out
    assert s.e.macros["intmethod"] == "mvaghermite" and s.e.scalars["n_quad"] == 5
    assert "Integration method: mvaghermite" in out
    assert list(_b(s))[2:] == ["var(_cons[grp>m]):_cons", "var(_cons[grp>f]):_cons"]
    rc, out, s1 = do("melogit yb x || grp: R.m || f:, intpoints(1)", df=df)
    assert rc == 0 and s1.e.macros["intmethod"] == "laplace"  # intpoints(1): not remapped


def test_level_factor_alone_or_last_is_not_crossed(do):
    df = _crossed(G=10)
    df["gm"] = df.grp * 10 + df.m
    rc, _, s = do("melogit yb x || grp: R.m", df=df)
    assert rc == 0 and s.e.macros["intmethod"] == "mvaghermite"
    rc, _, s = do("melogit yb x || grp: || gm: R.f, noestimate", df=df)  # x within gm within grp: nested
    assert rc == 0 and s.e.macros["intmethod"] == "mvaghermite"


def test_stata15_names_of_the_level_factor_variance(do):
    df = _crossed()
    rc, out, s = do("""melogit yb x || grp: R.m || f:
scalar a = _b[/var(_cons[grp>m])]
scalar b = _b[/:var(_cons[grp>m])]
scalar c = _b[var(_cons[grp>m]):_cons]
scalar se = _se[/var(_cons[grp>f])]
display exp(sqrt(2*(_b[/var(_cons[grp>m])] + _b[/var(_cons[grp>f])]))*invnormal(3/4))
lincom [/]var(_cons[grp>m]) - [/]var(_cons[grp>f])
test _b[/var(_cons[grp>m])] = _b[/var(_cons[grp>f])]
nlcom sqrt(_b[/var(_cons[grp>m])])""", df=df)
    assert rc == 0, out
    b = _b(s)
    v = b["var(_cons[grp>m]):_cons"]
    for k in "abc":
        assert s.scalars[k] == pytest.approx(v, rel=1e-12)
    V = s.e.matrices["V"]
    j = list(V.colnames).index("var(_cons[grp>f]):_cons")
    assert s.scalars["se"] == pytest.approx(np.sqrt(np.asarray(V.values)[j, j]), rel=1e-10)
    mor = np.exp(np.sqrt(2 * (v + b["var(_cons[grp>f]):_cons"])) * special.ndtri(0.75))
    assert f"{mor:.6f}"[:7] in out
    assert "chi2(  1) =" in out


def test_nested_quadrature_past_its_memory_bound_is_refused(do):
    """10 levels of m and a level below: 3^11 nodes for each of the 180 rows of one top-level
    group (3.2e7 pairs; the quadrature holds one top-level group at least, ~4 GB) is refused with
    r(909) before the fit; the data stay as they were."""
    rng = np.random.default_rng(3)
    grp = np.repeat(np.arange(1, 3), 180)
    f = np.tile(np.repeat(np.arange(1, 11), 6), 6)
    m = (f + np.tile(np.arange(6), 60)) % 10 + 1
    df = pd.DataFrame({"grp": grp, "f": f, "m": m, "x": rng.normal(size=360),
                       "yb": (rng.random(360) < 0.5).astype(float)})
    rc, out, s = do("melogit yb x || grp: R.m || f:, intpoints(3)", df=df)
    assert rc == 909 and "op. sys. refuses to provide memory" in out, out
    assert s.data.df.shape == (360, 5)
    rc, out, s = do("melogit yb x || grp: R.m || f:", df=df)  # the default: laplace, fits
    assert rc == 0 and s.e.macros["intmethod"] == "laplace", out


def test_two_point_mean_variance_likelihood_does_not_depend_on_the_last_evaluation(do):
    """intpoints(2): the mean-variance update can have several fixed points, so ln L at a
    theta must not start from the nodes of the theta evaluated before it (it did: -213.52
    against -213.21 on MLMUS4's salamander model)."""
    import dataclasses

    from mlmcli.glmm.likelihood import GLMMModel

    df = _crossed(G=6, M=4, F=4, n=2)
    rc, out, s = do("melogit yb x || grp: R.m || f:", df=df)
    assert rc == 0, out
    fit = s.e.model
    spec = dataclasses.replace(fit.spec, intpoints=2, points_typed=True)
    assert spec.method == "mvaghermite" and spec.points == 2
    model = GLMMModel(spec)
    th = np.asarray(fit.theta, float)
    first = model.loglik(th)
    for j, h in ((len(th) - 2, 0.4), (0, 0.3), (len(th) - 1, -0.5)):
        t = th.copy()
        t[j] += h
        model.loglik(t)
        assert model.loglik(th) == pytest.approx(first, abs=1e-9)


def test_nested_quadrature_bound_counts_one_top_level_group(do, monkeypatch):
    """The quadrature runs in blocks of top-level groups (glmm/nested_blocks), so the bound is on
    the largest top-level group's rows x node combinations, not on all rows: with the bound at
    600 pairs, 20 schools of 10 rows x 7^2 nodes (490 a school, 9,800 in all) fit, and one
    school of 200 rows is refused."""
    import mlmcli.glmm.likelihood as likelihood

    monkeypatch.setattr(likelihood, "MAX_NESTED_WORK", 600)
    rng = np.random.default_rng(5)
    school = np.repeat(np.arange(1, 21), 10)
    klass = np.repeat(np.arange(1, 101), 2)
    u = rng.normal(size=21)[school] + 0.5 * rng.normal(size=101)[klass]
    x = rng.normal(size=200)
    y = (rng.random(200) < 1 / (1 + np.exp(-(0.3 + 0.8 * x + u)))).astype(float)
    df = pd.DataFrame({"school": school, "klass": klass, "x": x, "y": y})
    rc, out, s = do("melogit y x || school: || klass:", df=df)
    assert rc == 0 and s.e.macros["intmethod"] == "mvaghermite", out
    rc, out, _ = do("melogit y x || school: || klass:", df=df.assign(school=1))
    assert rc == 909 and "op. sys. refuses to provide memory" in out, out
