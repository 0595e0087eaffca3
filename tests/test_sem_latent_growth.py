"""sem with latent variables at the observation level (measurement models, latent growth
curves; mlmcli/commands/estimation/sem_latent.py, mlmcli/sem/latent_model.py), on data
generated here, against independent computations: the multivariate normal likelihood
maximised with scipy, the closed form of a just-identified one-factor model, and a mixed
model of the same growth curve fitted by statsmodels' MixedLM."""
import math

import numpy as np
import pandas as pd
import pytest
from scipy import optimize

LOADINGS = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0], [1.0, 3.0]])


def growth_data(seed=126, n=300):
    rng = np.random.default_rng(seed)
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    u = rng.multivariate_normal([0, 0], [[1.0, 0.2], [0.2, 0.4]], size=n)
    i = 0.5 + 0.3 * x1 + 0.2 * x2 + u[:, 0]
    s = 1.0 + u[:, 1]
    cols = {}
    for k in range(4):
        cols[f"c{k + 1}"] = rng.normal(size=n)
        cols[f"t{k + 1}"] = i + s * k + 0.4 * cols[f"c{k + 1}"] + rng.normal(0, 0.7 + 0.1 * k, n)
    return pd.DataFrame({**cols, "x1": x1, "x2": x2})


def b_of(session, name):
    b = session.e.matrices["b"]
    return float(b.values[0, b.colnames.index(name)])


def se_of(session, name):
    V = session.e.matrices["V"]
    j = V.colnames.index(name)
    return math.sqrt(float(V.values[j, j]))


def mvn_ll(y, mu, sigma):
    n, p = y.shape
    d = y - mu
    sign, logdet = np.linalg.slogdet(sigma)
    if sign <= 0:
        return -np.inf
    return float(-0.5 * (n * p * np.log(2 * np.pi) + n * logdet + np.sum(d @ np.linalg.inv(sigma) * d)))


def scipy_growth_fit(y, equal_residuals):
    """ML of the linear latent growth model: theta = means (2), Cholesky of the latent
    covariance (3), log residual variances (1 or 4)."""
    def unpack(th):
        L = np.array([[th[2], 0.0], [th[3], th[4]]])
        resid = np.exp(th[5:]) if not equal_residuals else np.repeat(np.exp(th[5]), 4)
        return LOADINGS @ th[:2], LOADINGS @ (L @ L.T) @ LOADINGS.T + np.diag(resid), L @ L.T, resid

    def neg(th):
        mu, sigma, _, _ = unpack(th)
        return -mvn_ll(y, mu, sigma)

    start = np.r_[y[:, 0].mean(), 1.0, 1.0, 0.0, 0.5, np.zeros(1 if equal_residuals else 4)]
    res = optimize.minimize(neg, start, method="BFGS", options={"gtol": 1e-8, "maxiter": 5000})
    mu, sigma, phi, resid = unpack(res.x)
    return -res.fun, res.x[:2], phi, resid


GROWTH = ("sem (t1 <- i@1 s@0 _cons@0) (t2 <- i@1 s@1 _cons@0) (t3 <- i@1 s@2 _cons@0)"
          " (t4 <- i@1 s@3 _cons@0), latent(i s) means(i s) nolog")


@pytest.mark.parametrize("equal", [False, True])
def test_latent_growth_curve_matches_the_normal_likelihood_maximised_by_scipy(do, equal):
    df = growth_data()
    text = GROWTH + (" var(e.t1@v e.t2@v e.t3@v e.t4@v)" if equal else "")
    rc, out, s = do(text, df=df.copy())
    assert rc == 0, out
    ll, means, phi, resid = scipy_growth_fit(df[["t1", "t2", "t3", "t4"]].to_numpy(), equal)
    assert math.isclose(s.e.scalars["ll"], ll, rel_tol=1e-8)
    assert np.allclose([b_of(s, "mean(i):_cons"), b_of(s, "mean(s):_cons")], means, atol=1e-5)
    assert np.allclose([b_of(s, "var(i):_cons"), b_of(s, "var(s):_cons"), b_of(s, "cov(i,s):_cons")],
                       [phi[0, 0], phi[1, 1], phi[0, 1]], atol=1e-5)
    assert np.allclose([b_of(s, f"var(e.t{k}):_cons") for k in range(1, 5)], resid, atol=1e-5)
    free = 6 if equal else 9
    assert s.e.scalars["rank"] == free and s.e.scalars["df_ms"] == 14 - free
    assert "Measurement  |" in out and "           s |          2  (constrained)" in out
    assert "     mean(i) |" in out and "    cov(i,s) |" in out
    if equal:  # the tied variances: one estimate, constraints listed against the first
        assert "[var(e.t1)]_cons - [var(e.t4)]_cons = 0" in out
        assert len({round(b_of(s, f"var(e.t{k}):_cons"), 10) for k in range(1, 5)}) == 1


def test_one_factor_model_takes_the_closed_form_of_a_just_identified_model(do):
    rng = np.random.default_rng(7)
    f = rng.normal(size=250)
    df = pd.DataFrame({f"y{k}": 2.0 + (0.5 + 0.3 * k) * f + rng.normal(size=250) for k in (1, 2, 3)})
    rc, out, s = do("sem (F -> y1 y2 y3), nolog", df=df.copy())
    assert rc == 0, out
    C = np.cov(df.to_numpy(), rowvar=False, bias=True)
    var_f = C[0, 1] * C[0, 2] / C[1, 2]
    lam = [1.0, C[1, 2] / C[0, 2], C[1, 2] / C[0, 1]]  # the first loading anchored at 1
    assert b_of(s, "y1:F") == 1.0 and "( 1)  [y1]F = 1" in out
    assert np.allclose([b_of(s, "y2:F"), b_of(s, "y3:F")], lam[1:], rtol=1e-6)
    assert math.isclose(b_of(s, "var(F):_cons"), var_f, rel_tol=1e-6)
    for k in range(3):
        assert math.isclose(b_of(s, f"var(e.y{k + 1}):_cons"), C[k, k] - lam[k] ** 2 * var_f, rel_tol=1e-6)
        assert math.isclose(b_of(s, f"y{k + 1}:_cons"), df[f"y{k + 1}"].mean(), rel_tol=1e-9)
    saturated = mvn_ll(df.to_numpy(), df.to_numpy().mean(axis=0), C)
    assert math.isclose(s.e.scalars["ll"], saturated, rel_tol=1e-9) and s.e.scalars["df_ms"] == 0


def test_growth_curve_with_covariates_equals_the_mixed_model_of_statsmodels(do):
    """Equal residual variances and c_k paths, no slope on x1 x2: the random-coefficient model
    outcome = b0 + b1 t + b2 x1 + b3 x2 + b4 c + u0 + u1 t + e; sem's e(ll) adds the observed
    exogenous variables' saturated normal likelihood."""
    smf = pytest.importorskip("statsmodels.formula.api")
    df = growth_data(seed=5, n=250)
    rc, out, s = do("sem (t1 <- i@1 s@0 _cons@0 c1@b) (t2 <- i@1 s@1 _cons@0 c2@b) (t3 <- i@1 s@2 _cons@0 c3@b)"
                    " (t4 <- i@1 s@3 _cons@0 c4@b) (i <- _cons x1 x2) (s <- _cons x1@0 x2@0), latent(i s)"
                    " cov(e.i*e.s) var(e.t1@v e.t2@v e.t3@v e.t4@v) nolog", df=df.copy())
    assert rc == 0, out
    long = pd.DataFrame({"id": np.repeat(np.arange(len(df)), 4), "t": np.tile(np.arange(4.0), len(df)),
                         "y": df[["t1", "t2", "t3", "t4"]].to_numpy().ravel(),
                         "c": df[["c1", "c2", "c3", "c4"]].to_numpy().ravel(),
                         "x1": np.repeat(df["x1"].to_numpy(), 4), "x2": np.repeat(df["x2"].to_numpy(), 4)})
    m = smf.mixedlm("y ~ t + x1 + x2 + c", long, groups="id", re_formula="~t").fit(reml=False, method="lbfgs")
    assert math.isclose(b_of(s, "i:_cons"), m.fe_params["Intercept"], abs_tol=1e-4)
    assert math.isclose(b_of(s, "s:_cons"), m.fe_params["t"], abs_tol=1e-4)
    assert math.isclose(b_of(s, "i:x1"), m.fe_params["x1"], abs_tol=1e-4)
    assert math.isclose(b_of(s, "t1:c1"), m.fe_params["c"], abs_tol=1e-4)
    assert b_of(s, "t2:c2") == b_of(s, "t1:c1")
    assert math.isclose(b_of(s, "var(e.t1):_cons"), m.scale, rel_tol=1e-4)
    exog = df[["c1", "c2", "c3", "c4", "x1", "x2"]].to_numpy()
    exog_ll = mvn_ll(exog, exog.mean(axis=0), np.cov(exog, rowvar=False, bias=True))
    assert math.isclose(s.e.scalars["ll"] - exog_ll, m.llf, rel_tol=1e-6)
    assert "Structural   |" in out and "  i <-       |" in out and "cov(e.i,e.s) |" in out
    assert out.index("Structural   |") < out.index("Measurement  |")


def test_estimates_save_use_and_replay_show_the_same_table(do, tmp_path):
    df = growth_data()
    path = tmp_path / "lgcm.ster"
    rc, out, s = do(f'{GROWTH}\nestimates save "{path}"\nestimates use "{path}"\nestimates replay\nestat ic',
                    df=df.copy())
    assert rc == 0, out
    table = out[out.index("     mean(i) |"):].splitlines()[0]
    assert out.count(table) == 2
    assert s.e.scalars["rank"] == 9


@pytest.mark.parametrize("text, message", [
    ("sem (t1 <- i x1), latent(i) nolog", "latent exogenous variables beside observed exogenous"),
    (GROWTH + " vce(cluster x1)", "vce(cluster) is not available"),
    ("sem (t1 <- I) (t2 <- I), means(t1) nolog", "means(t1)"),
    ("sem (t1 <- i@1) (t2 <- i@1), latent(i j) nolog", "latent variable j not found"),
])
def test_what_mlm_does_not_fit_is_refused_and_the_data_stay(do, text, message):
    df = growth_data()
    rc, out, s = do(text, df=df.copy())
    assert rc == 198 and message in out
    pd.testing.assert_frame_equal(s.data.df[df.columns].reset_index(drop=True), df)


def with_missing(df):
    out = df.copy()
    out.loc[0:39, "t3"] = np.nan
    out.loc[20:79, "t4"] = np.nan
    out.loc[150:169, "t1"] = np.nan
    return out


def fiml_ll(y, mu, sigma):
    """The normal log likelihood of each row's observed values, summed (independent of mlm)."""
    total = 0.0
    seen = ~np.isnan(y)
    for key in {tuple(r) for r in seen}:
        rows = np.all(seen == key, axis=1)
        idx = np.flatnonzero(key)
        total += mvn_ll(y[np.ix_(rows, idx)], mu[idx], sigma[np.ix_(idx, idx)])
    return total


MLMV = ("sem (t1 <- L1@1 L2@0) (t2 <- L1@1 L2@1) (t3 <- L1@1 L2@2) (t4 <- L1@1 L2@3), means(L1 L2)"
        " noconstant method(mlmv) nolog")


def test_mlmv_maximises_the_likelihood_of_the_observed_values(do):
    df = with_missing(growth_data())
    rc, out, s = do(MLMV, df=df.copy())
    assert rc == 0, out
    y = df[["t1", "t2", "t3", "t4"]].to_numpy()

    def neg(th):
        L = np.array([[th[2], 0.0], [th[3], th[4]]])
        sigma = LOADINGS @ (L @ L.T) @ LOADINGS.T + np.diag(np.exp(th[5:]))
        return -fiml_ll(y, LOADINGS @ th[:2], sigma)

    res = optimize.minimize(neg, np.r_[0.5, 1.0, 1.0, 0.0, 0.5, np.zeros(4)], method="BFGS",
                            options={"gtol": 1e-7, "maxiter": 5000})
    assert math.isclose(s.e.scalars["ll"], -res.fun, rel_tol=1e-8)
    assert np.allclose([b_of(s, "mean(L1):_cons"), b_of(s, "mean(L2):_cons")], res.x[:2], atol=1e-4)
    assert s.e.scalars["N"] == len(df) and s.e.macros["method"] == "mlmv"
    assert "Estimation method  = mlmv" in out
    assert not any(name.endswith(":_cons") and not name.startswith(("mean(", "var(", "cov("))
                   for name in s.e.matrices["b"].colnames)  # noconstant: no intercepts at all

    def neg_saturated(th):  # the unrestricted normal of the observed values
        L = np.zeros((4, 4))
        L[np.tril_indices(4)] = th[4:]
        return -fiml_ll(y, th[:4], L @ L.T)

    start = np.r_[np.nanmean(y, axis=0), np.eye(4)[np.tril_indices(4)] * 2.0]
    sat = optimize.minimize(neg_saturated, start, method="BFGS", options={"gtol": 1e-7, "maxiter": 10000})
    assert math.isclose(s.e.scalars["chi2_ms"], 2 * (-sat.fun - s.e.scalars["ll"]), rel_tol=1e-4, abs_tol=1e-4)
    assert s.e.scalars["df_ms"] == 14 - 9


def test_robust_standard_errors_are_the_sandwich_of_the_observations_scores(do):
    df = with_missing(growth_data(n=200))
    rc, out, s = do(MLMV + " vce(robust)", df=df.copy())
    assert rc == 0, out
    names = ["mean(L1):_cons", "mean(L2):_cons", "var(e.t1):_cons", "var(e.t2):_cons", "var(e.t3):_cons",
             "var(e.t4):_cons", "var(L1):_cons", "var(L2):_cons", "cov(L1,L2):_cons"]
    theta = np.array([b_of(s, nm) for nm in names])
    y = df[["t1", "t2", "t3", "t4"]].to_numpy()

    def row_lls(th):
        phi = np.array([[th[6], th[8]], [th[8], th[7]]])
        sigma = LOADINGS @ phi @ LOADINGS.T + np.diag(th[2:6])
        mu = LOADINGS @ th[:2]
        return np.array([fiml_ll(row[None, :], mu, sigma) for row in y])

    h = 1e-6
    S = np.column_stack([(row_lls(theta + h * e) - row_lls(theta - h * e)) / (2 * h) for e in np.eye(len(theta))])
    H = np.column_stack([(S_plus.sum(axis=0) - S_minus.sum(axis=0)) / (2e-4) for S_plus, S_minus in
                         [(np.column_stack([(row_lls(theta + 1e-4 * e + h * f) - row_lls(theta + 1e-4 * e - h * f))
                                            / (2 * h) for f in np.eye(len(theta))]),
                           np.column_stack([(row_lls(theta - 1e-4 * e + h * f) - row_lls(theta - 1e-4 * e - h * f))
                                            / (2 * h) for f in np.eye(len(theta))])) for e in np.eye(len(theta))]])
    Hinv = np.linalg.inv(-0.5 * (H + H.T))
    n = len(y)
    V = Hinv @ (S.T @ S) @ Hinv * n / (n - 1)
    for k, nm in enumerate(names):
        assert math.isclose(se_of(s, nm), math.sqrt(V[k, k]), rel_tol=2e-3), nm
    assert "Robust" in out.splitlines()[out.splitlines().index("-" * 78) + 1]


def test_predict_latent_gives_the_empirical_bayes_means(do):
    df = with_missing(growth_data())
    rc, out, s = do(MLMV + "\npredict l1 l2, latent\npredict s_only, latent(L2)", df=df.copy())
    assert rc == 0, out
    mean = np.array([b_of(s, "mean(L1):_cons"), b_of(s, "mean(L2):_cons")])
    phi = np.array([[b_of(s, "var(L1):_cons"), b_of(s, "cov(L1,L2):_cons")],
                    [b_of(s, "cov(L1,L2):_cons"), b_of(s, "var(L2):_cons")]])
    theta = np.diag([b_of(s, f"var(e.t{k}):_cons") for k in range(1, 5)])
    y = df[["t1", "t2", "t3", "t4"]].to_numpy()
    got = s.data.df[["l1", "l2"]].to_numpy()
    for r in (0, 25, 100, 160):  # rows with t3, t3 and t4, nothing and t1 missing
        seen = ~np.isnan(y[r])
        lam = LOADINGS[seen]
        sigma = lam @ phi @ lam.T + theta[np.ix_(seen, seen)]
        expected = mean + phi @ lam.T @ np.linalg.solve(sigma, y[r, seen] - lam @ mean)
        assert np.allclose(got[r], expected, rtol=1e-5), r
    assert np.allclose(s.data.df["s_only"], s.data.df["l2"])


def test_noconstant_alone_fits_paths_through_the_origin(do):
    df = growth_data()
    rc, out, s = do("sem (t2 <- t1 c2), noconstant nolog", df=df.copy())
    assert rc == 0, out
    X = df[["t1", "c2"]].to_numpy()
    beta = np.linalg.lstsq(X, df["t2"].to_numpy(), rcond=None)[0]
    assert np.allclose([b_of(s, "t2:t1"), b_of(s, "t2:c2")], beta, rtol=1e-6)
    assert "t2:_cons" not in s.e.matrices["b"].colnames
