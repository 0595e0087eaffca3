"""Latent growth curves in sem: ``_cons`` in paths (intercepts fixed ``_cons@0``, free
``(i <- _cons x1)``, shared ``_cons@b``; ``(L <- _cons)`` as L's mean), ``means()``/``mean()``,
variance()/covariance() typed inside a path, on data simulated here.  Where the models are
the same, the growth curve is checked against mixed's random-coefficient fit of the long data
(log likelihood, fixed effects, variance components): with observed exogenous variables sem's
e(ll) adds their saturated normal likelihood, computed here with numpy."""
import math

import numpy as np
import pandas as pd
import pytest


def growth_data(seed=126, n=300, missing=0.0):
    rng = np.random.default_rng(seed)
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    u = rng.multivariate_normal([0, 0], [[1.0, 0.2], [0.2, 0.4]], size=n)
    i = 0.5 + 0.3 * x1 + 0.2 * x2 + u[:, 0]
    s = 1.0 + 0.25 * x1 + u[:, 1]
    cols = {}
    for k in range(4):
        cols[f"c{k + 1}"] = rng.normal(size=n)
        y = i + s * k + 0.4 * cols[f"c{k + 1}"] + rng.normal(0, 0.7 + 0.1 * k, n)
        if missing and k:
            y[rng.random(n) < missing] = np.nan
        cols[f"t{k + 1}"] = y
    return pd.DataFrame({**cols, "x1": x1, "x2": x2})


def long_of(df):
    n = len(df)
    return pd.DataFrame({"id": np.repeat(np.arange(1, n + 1), 4), "wave": np.tile(np.arange(1, 5), n),
                         "tt": np.tile(np.arange(4.0), n), "y": df[["t1", "t2", "t3", "t4"]].to_numpy().ravel(),
                         "c": df[["c1", "c2", "c3", "c4"]].to_numpy().ravel(),
                         "x1": np.repeat(df["x1"].to_numpy(), 4), "x2": np.repeat(df["x2"].to_numpy(), 4)})


def b(session, name):
    e = session.e.matrices["b"]
    return float(e.values[0, e.colnames.index(name)])


def saturated_ll(X):
    n, p = X.shape
    W = np.cov(X, rowvar=False, bias=True)
    return float(-0.5 * n * (p * np.log(2 * np.pi) + np.linalg.slogdet(W)[1] + p))


def mixed_components(session):
    """(fixed effects by name, var(tt), var(_cons), cov(tt,_cons), residual variance of wave 1
    and the ratios of the others) from mixed's e(b)."""
    sd_t, sd_c = math.exp(b(session, "lns1_1_1:_cons")), math.exp(b(session, "lns1_1_2:_cons"))
    rho = math.tanh(b(session, "atr1_1_1_2:_cons"))
    sig = math.exp(2 * b(session, "lnsig_e:_cons"))
    names = session.e.matrices["b"].colnames
    ratios = [math.exp(2 * b(session, f"r_lns{k}ose:_cons")) for k in (2, 3, 4) if f"r_lns{k}ose:_cons" in names]
    return sd_t ** 2, sd_c ** 2, rho * sd_t * sd_c, [sig] + [sig * r for r in ratios]


LINEAR = ("sem (t1 <- i@1 s@0 _cons@0) (t2 <- i@1 s@1 _cons@0) (t3 <- i@1 s@2 _cons@0)"
          " (t4 <- i@1 s@3 _cons@0), latent(i s) means(i s) nolog")


@pytest.mark.parametrize("equal", [True, False])
def test_linear_growth_curve_equals_mixed_with_an_unstructured_random_slope(do, equal):
    df = growth_data()
    rc, out, s = do(LINEAR + (" var(e.t1@v e.t2@v e.t3@v e.t4@v)" if equal else ""), df=df.copy())
    assert rc == 0, out
    rc, mout, m = do("mixed y tt || id: tt, cov(un)" + ("" if equal else " residuals(independent, by(wave))"),
                     df=long_of(df))
    assert rc == 0, mout
    assert math.isclose(s.e.scalars["ll"], m.e.scalars["ll"], rel_tol=1e-8)
    var_t, var_c, cov_tc, resid = mixed_components(m)
    assert math.isclose(b(s, "mean(i):_cons"), b(m, "y:_cons"), abs_tol=2e-6)
    assert math.isclose(b(s, "mean(s):_cons"), b(m, "y:tt"), abs_tol=2e-6)
    assert np.allclose([b(s, "var(i):_cons"), b(s, "var(s):_cons"), b(s, "cov(i,s):_cons")],
                       [var_c, var_t, cov_tc], atol=2e-5)
    sem_resid = [b(s, f"var(e.t{k}):_cons") for k in range(1, 5)]
    assert np.allclose(sem_resid, resid * 4 if equal else resid, atol=2e-5)
    # the intercepts fixed at 0 are in e(b), shown and listed as constraints
    assert all(b(s, f"t{k}:_cons") == 0.0 for k in range(1, 5))
    assert "[t3]_cons = 0" in out and "       _cons |          0  (constrained)" in out
    assert s.e.scalars["df_ms"] == 14 - (6 if equal else 9)


def test_growth_curve_with_missing_waves_by_mlmv_equals_mixed_on_the_observed_rows(do):
    df = growth_data(seed=11, n=260, missing=0.2)
    rc, out, s = do(LINEAR + " method(mlmv)", df=df.copy())
    assert rc == 0, out
    long = long_of(df).dropna(subset=["y"])
    rc, mout, m = do("mixed y tt || id: tt, cov(un) residuals(independent, by(wave))", df=long)
    assert rc == 0, mout
    assert math.isclose(s.e.scalars["ll"], m.e.scalars["ll"], rel_tol=1e-8)
    var_t, var_c, cov_tc, resid = mixed_components(m)
    assert np.allclose([b(s, "mean(i):_cons"), b(s, "mean(s):_cons")], [b(m, "y:_cons"), b(m, "y:tt")], atol=2e-6)
    assert np.allclose([b(s, "var(i):_cons"), b(s, "var(s):_cons"), b(s, "cov(i,s):_cons")],
                       [var_c, var_t, cov_tc], atol=2e-5)
    assert np.allclose([b(s, f"var(e.t{k}):_cons") for k in range(1, 5)], resid, atol=2e-5)


def test_conditional_growth_curve_with_latent_intercepts_equals_mixed_with_interactions(do):
    """(i <- _cons x1 x2) (s <- _cons x1 x2), c_k@eqt, equal residual variances, cov(e.i*e.s):
    mixed y tt x1 x2 c c.x1#c.tt c.x2#c.tt || id: tt, cov(un)."""
    df = growth_data(seed=5, n=280)
    rc, out, s = do("sem (t1 <- i@1 s@0 _cons@0 c1@eqt) (t2 <- i@1 s@1 _cons@0 c2@eqt)"
                    " (t3 <- i@1 s@2 _cons@0 c3@eqt) (t4 <- i@1 s@3 _cons@0 c4@eqt) (i <- _cons x1 x2)"
                    " (s <- _cons x1 x2), latent(i s) cov(e.i*e.s) var(e.t1@eqv e.t2@eqv e.t3@eqv e.t4@eqv)"
                    " nolog", df=df.copy())
    assert rc == 0, out
    rc, mout, m = do("mixed y tt x1 x2 c c.x1#c.tt c.x2#c.tt || id: tt, cov(un)", df=long_of(df))
    assert rc == 0, mout
    exog = df[["c1", "c2", "c3", "c4", "x1", "x2"]].to_numpy()
    assert math.isclose(s.e.scalars["ll"] - saturated_ll(exog), m.e.scalars["ll"], rel_tol=1e-8)
    pairs = {"i:_cons": "y:_cons", "s:_cons": "y:tt", "i:x1": "y:x1", "i:x2": "y:x2", "t1:c1": "y:c",
             "s:x1": "y:c.x1#c.tt", "s:x2": "y:c.x2#c.tt"}
    for sem_name, mixed_name in pairs.items():
        assert math.isclose(b(s, sem_name), b(m, mixed_name), abs_tol=2e-6), sem_name
    var_t, var_c, cov_tc, resid = mixed_components(m)
    assert np.allclose([b(s, "var(e.i):_cons"), b(s, "var(e.s):_cons"), b(s, "cov(e.i,e.s):_cons")],
                       [var_c, var_t, cov_tc], atol=2e-5)
    assert math.isclose(b(s, "var(e.t3):_cons"), resid[0], abs_tol=2e-5)
    # the labels hold in e(b) and are listed against the first use
    assert b(s, "t2:c2") == b(s, "t4:c4") == b(s, "t1:c1")
    assert "[t1]c1 - [t4]c4 = 0" in out and "[var(e.t1)]_cons - [var(e.t2)]_cons = 0" in out
    assert "  i <-       |" in out and out.index("  i <-       |") < out.index("   var(e.t1) |")


def test_a_path_from_cons_alone_to_an_exogenous_latent_variable_is_its_mean(do):
    df = growth_data(seed=3)
    base = ("sem (t1 <- i@1 s@0 _cons@0) (t2 <- i@1 s@1 _cons@0) (t3 <- i@1 s@2 _cons@0)"
            " (t4 <- i@1 s@3 _cons@0)")
    rc, out1, s1 = do(base + ", latent(i s) mean(i s) nolog", df=df.copy())
    rc2, out2, s2 = do(base + " (i <- _cons) (s <- _cons), latent(i s) nolog", df=df.copy())
    assert rc == 0 and rc2 == 0, out2
    assert s1.e.matrices["b"].colnames == s2.e.matrices["b"].colnames
    assert np.allclose(s1.e.matrices["b"].values, s2.e.matrices["b"].values, atol=1e-7)
    assert s2.e.macros["lxvars"] == "i s"
    # the intercepts fixed by one _cons-only path, from the latent side (anchors typed as @ on the indicators)
    rc3, out3, s3 = do("sem (S -> t1@0 t2@1 t3@2 t4@3) (I -> t1@1 t2@1 t3@1 t4@1) (t1 t2 t3 t4 <- _cons@0),"
                       " mean(S I) nolog", df=df.copy())
    assert rc3 == 0, out3
    assert math.isclose(s3.e.scalars["ll"], s1.e.scalars["ll"], rel_tol=1e-10)
    assert math.isclose(b(s3, "mean(S):_cons"), b(s1, "mean(s):_cons"), abs_tol=1e-6)


def test_options_inside_paths_and_shared_intercepts(do):
    """A fixed-effects model in the SEM framework: (y_k <- U@1 c_k@a _cons@b, var(e.y_k@c)),
    U correlated with every c_k.  Equivalently y_k | c = const + a c_k + g'c + w + e: mixed y c
    c1-c4 || id: with the same a, residual variance and ll (less the saturated ll of c1-c4)."""
    df = growth_data(seed=9)
    paths = " ".join(f"(t{k} <- U@1 c{k}@a _cons@b, var(e.t{k}@c))" for k in range(1, 5))
    rc, out, s = do(f"sem {paths}, nolog", df=df.copy())
    assert rc == 0, out
    outside = " ".join(f"(t{k} <- U@1 c{k}@a _cons@b)" for k in range(1, 5))
    rc2, out2, s2 = do(f"sem {outside}, var(e.t1@c e.t2@c e.t3@c e.t4@c) nolog", df=df.copy())
    assert rc2 == 0 and np.allclose(s.e.matrices["b"].values, s2.e.matrices["b"].values, atol=1e-8)
    assert len({b(s, f"t{k}:_cons") for k in range(1, 5)}) == 1
    assert len({b(s, f"var(e.t{k}):_cons") for k in range(1, 5)}) == 1
    assert "[t1]_cons - [t4]_cons = 0" in out
    long = long_of(df)
    for k in range(1, 5):
        long[f"cw{k}"] = np.repeat(df[f"c{k}"].to_numpy(), 4)
    rc, mout, m = do("mixed y c cw1 cw2 cw3 cw4 || id:", df=long)
    assert rc == 0, mout
    assert math.isclose(b(s, "t1:c1"), b(m, "y:c"), abs_tol=2e-6)
    assert math.isclose(b(s, "var(e.t1):_cons"), math.exp(2 * b(m, "lnsig_e:_cons")), abs_tol=2e-5)
    cs = df[["c1", "c2", "c3", "c4"]].to_numpy()
    assert math.isclose(s.e.scalars["ll"] - saturated_ll(cs), m.e.scalars["ll"], rel_tol=1e-8)


def test_an_arrow_typed_without_spaces(do):
    df = growth_data(seed=4)
    typed = "sem (t1 <- I@1 S@0) (t2 <- I@1 S@1) (t3 <- I@1 S@2) (t4 <- I@1 S@3) (x1 x2{} I S), cov(e.I*e.S) nolog"
    rc, out, s = do(typed.format("->"), df=df.copy())
    rc2, out2, s2 = do(typed.format(" -> "), df=df.copy())
    assert rc == 0 and rc2 == 0, out
    assert s.e.matrices["b"].colnames == s2.e.matrices["b"].colnames
    assert np.allclose(s.e.matrices["b"].values, s2.e.matrices["b"].values)
    assert "I:x2" in s.e.matrices["b"].colnames and "cov(e.I,e.S):_cons" in s.e.matrices["b"].colnames


@pytest.mark.parametrize("text, rc, message", [
    ("sem (_cons <- L) (L -> t1 t2 t3)", 198, "_cons may not be an endogenous variable"),
    ("sem (L -> t1 t2 t3) (t1 <- _cons, nocons)", 198, "_cons and noconstant may not be combined"),
    ("sem (L -> t1 t2 t3) (t1 <- L, foo)", 198, "option foo not allowed"),
    ("sem (L -> t1 t2 t3) (c1 <- _cons@0)", 198, "c1 has no other paths"),
    ("sem (L -> t1 t2 t3 _cons@)", 198, "_cons@: invalid constraint"),
    ("sem (L -> t1 t2 t3), means(t1)", 198, "means(t1)"),
    ("sem (L -> t1 t2 t3) (t1 <- L, var(e.t9@1))", 111, "t9"),
])
def test_bad_uses_are_refused_and_leave_no_results(do, text, rc, message):
    got, out, s = do(text, df=growth_data(n=60))
    assert got == rc and message in out, out
    assert s.e is None or s.e.cmd != "sem"
