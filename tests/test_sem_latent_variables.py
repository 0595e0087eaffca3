"""sem with single-level latent variables (measurement models, CFA, structural paths among
latent and observed variables) against independent computations written here: the closed form
of a just-identified one-factor model, lavaan's published three-factor CFA of the
Holzinger-Swineford data (tests/data/sem/README.md), scipy minimisations of
F_ML = log|Sigma| + tr(S Sigma^-1) - log|S| - p (plus the mean part where needed), a numerical
Hessian of an independently written log likelihood, and the empirical Bayes formula."""
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import minimize

SCIPY = {"ftol": 1e-15, "gtol": 1e-10, "maxiter": 100000, "maxfun": 1000000}
HS = Path(__file__).parent / "data" / "sem" / "HolzingerSwineford1939.csv"


def b_se(session, name):
    b, V = session.e.matrices["b"], session.e.matrices["V"]
    j = b.colnames.index(name)
    return float(b.values[0, j]), math.sqrt(max(float(V.values[j, j]), 0.0))


def moments(Y):
    m = Y.mean(axis=0)
    D = Y - m
    return m, D.T @ D / len(Y)


def f_ml(Sigma, S):
    sign, logdet = np.linalg.slogdet(Sigma)
    if sign <= 0:
        return 1e10
    return logdet + np.trace(S @ np.linalg.inv(Sigma)) - np.linalg.slogdet(S)[1] - len(S)


def normal_ll(Y, mu, Sigma):
    n, p = Y.shape
    D = Y - mu
    sign, logdet = np.linalg.slogdet(Sigma)
    return -0.5 * (n * p * np.log(2 * np.pi) + n * logdet + np.einsum("ij,jk,ik->", D, np.linalg.inv(Sigma), D))


def two_factor_estimates(session):
    """(loadings, factor covariance, error covariance) of sem (F1 -> x1 x2 x3) (F2 -> x4 x5 x6) from e(b)."""
    phi = np.array([[b_se(session, "var(F1):_cons")[0], b_se(session, "cov(F1,F2):_cons")[0]],
                    [b_se(session, "cov(F1,F2):_cons")[0], b_se(session, "var(F2):_cons")[0]]])
    lam = np.zeros((6, 2))
    lam[0, 0] = lam[3, 1] = 1.0
    for row, v, f, col in [(1, "x2", "F1", 0), (2, "x3", "F1", 0), (4, "x5", "F2", 1), (5, "x6", "F2", 1)]:
        lam[row, col] = b_se(session, f"{v}:{f}")[0]
    theta = np.diag([b_se(session, f"var(e.x{k}):_cons")[0] for k in range(1, 7)])
    return lam, phi, theta


def simulated(n=400, seed=7):
    rng = np.random.default_rng(seed)
    f1 = rng.normal(size=n)
    z = 0.4 * f1 + rng.normal(size=n)
    f2 = 0.6 * f1 - 0.3 * z + 0.7 * rng.normal(size=n)
    cols = {"x1": 1 + f1, "x2": 2 + 0.8 * f1, "x3": 1.2 * f1, "x4": f2, "x5": 3 + 0.7 * f2, "x6": 0.9 * f2}
    sd = {"x1": .6, "x2": .7, "x3": .5, "x4": .6, "x5": .7, "x6": .5}
    df = pd.DataFrame({k: v + sd[k] * rng.normal(size=n) for k, v in cols.items()})
    df["z"] = z
    return df


@pytest.fixture
def fitted(do):
    def fit(text, df):
        rc, out, session = do(text, df=df.copy())
        assert rc == 0, out
        return out, session
    return fit


def test_just_identified_one_factor_reproduces_the_sample_covariance(fitted):
    df = simulated()[["x1", "x2", "x3"]]
    out, s = fitted("sem (F -> x1 x2 x3)", df)
    m, S = moments(df.to_numpy())
    phi = S[0, 1] * S[0, 2] / S[1, 2]  # closed form with the first loading fixed at 1
    lam2, lam3 = S[1, 2] / S[0, 2], S[1, 2] / S[0, 1]
    lam = np.array([1.0, lam2, lam3])
    theta = np.diag(S) - lam ** 2 * phi
    assert b_se(s, "x2:F")[0] == pytest.approx(lam2, rel=1e-6)
    assert b_se(s, "x3:F")[0] == pytest.approx(lam3, rel=1e-6)
    assert b_se(s, "var(F):_cons")[0] == pytest.approx(phi, rel=1e-6)
    for k, v in enumerate(("x1", "x2", "x3")):
        assert b_se(s, f"var(e.{v}):_cons")[0] == pytest.approx(theta[k], rel=1e-6)
        assert b_se(s, f"{v}:_cons")[0] == pytest.approx(m[k], rel=1e-9)
    assert s.e.scalars["df_ms"] == 0 and s.e.scalars["chi2_ms"] == pytest.approx(0.0, abs=1e-6)
    assert s.e.scalars["ll"] == pytest.approx(normal_ll(df.to_numpy(), m, S), rel=1e-9)
    assert "LR test of model vs. saturated: chi2(0)   =      0.00, Prob > chi2 =      ." in out
    assert " ( 1)  [x1]F = 1" in out
    # sem_fit__describe_line: the names start two columns past the longest "Kind:" shown
    assert re.search(r"^Endogenous variables\n\nMeasurement:  x1 x2 x3\n\nExogenous variables\n\nLatent:       F$", out, re.M)
    assert re.search(r"^Measurement  \|\n  x1 <-      \|\n           F \|          1  \(constrained\)$", out, re.M)


# lavaan 0.6 tutorial (https://lavaan.ugent.be/tutorial/cfa.html): cfa(HS.model, data = HolzingerSwineford1939)
LAVAAN_HS = {  # e(b) name: (estimate, standard error from the expected information)
    "x2:Visual": (0.554, 0.100), "x3:Visual": (0.729, 0.109), "x5:Textual": (1.113, 0.065),
    "x6:Textual": (0.926, 0.055), "x8:Speed": (1.180, 0.165), "x9:Speed": (1.082, 0.151),
    "cov(Visual,Textual):_cons": (0.408, 0.074), "cov(Visual,Speed):_cons": (0.262, 0.056),
    "cov(Textual,Speed):_cons": (0.173, 0.049),
    "var(e.x1):_cons": (0.549, 0.114), "var(e.x2):_cons": (1.134, 0.102), "var(e.x3):_cons": (0.844, 0.091),
    "var(e.x4):_cons": (0.371, 0.048), "var(e.x5):_cons": (0.446, 0.058), "var(e.x6):_cons": (0.356, 0.043),
    "var(e.x7):_cons": (0.799, 0.081), "var(e.x8):_cons": (0.488, 0.074), "var(e.x9):_cons": (0.566, 0.071),
    "var(Visual):_cons": (0.809, 0.145), "var(Textual):_cons": (0.979, 0.112), "var(Speed):_cons": (0.384, 0.086),
}
HS_MODEL = "sem (Visual -> x1 x2 x3) (Textual -> x4 x5 x6) (Speed -> x7 x8 x9)"


def _hs_sigma(t):
    """The three-factor model's covariance: t = 6 loadings, 9 error variances, 3 variances, 3 covariances."""
    L = np.zeros((9, 3))
    L[[0, 3, 6], [0, 1, 2]] = 1.0
    L[[1, 2, 4, 5, 7, 8], [0, 0, 1, 1, 2, 2]] = t[:6]
    Phi = np.diag(t[15:18])
    Phi[0, 1] = Phi[1, 0] = t[18]
    Phi[0, 2] = Phi[2, 0] = t[19]
    Phi[1, 2] = Phi[2, 1] = t[20]
    return L @ Phi @ L.T + np.diag(t[6:15])


HS_NAMES = ["x2:Visual", "x3:Visual", "x5:Textual", "x6:Textual", "x8:Speed", "x9:Speed"] + [
    f"var(e.x{k}):_cons" for k in range(1, 10)] + ["var(Visual):_cons", "var(Textual):_cons", "var(Speed):_cons",
                                                  "cov(Visual,Textual):_cons", "cov(Visual,Speed):_cons",
                                                  "cov(Textual,Speed):_cons"]


@pytest.mark.skipif(not HS.exists(), reason="tests/data/sem/HolzingerSwineford1939.csv absent")
def test_holzinger_swineford_three_factor_cfa_matches_lavaan(fitted):
    df = pd.read_csv(HS)[[f"x{k}" for k in range(1, 10)]]
    out, s = fitted(HS_MODEL + "\nestat gof, stats(all)", df)
    for name, (est, _) in LAVAAN_HS.items():
        assert round(b_se(s, name)[0], 3) == pytest.approx(est, abs=1e-9), name
    e = s.e.scalars
    assert round(e["chi2_ms"], 3) == 85.306 and e["df_ms"] == 24
    r = s.r.scalars if hasattr(s.r, "scalars") else s.r
    assert round(r["chi2_bs"], 3) == 918.852 and r["df_bs"] == 36
    assert (round(r["cfi"], 3), round(r["tli"], 3), round(r["rmsea"], 3), round(r["srmr"], 3)) == (
        0.931, 0.896, 0.092, 0.065)
    assert (round(r["lb90_rmsea"], 3), round(r["ub90_rmsea"], 3), round(r["pclose"], 3)) == (0.071, 0.114, 0.001)
    # lavaan's standard errors come from the expected information; with the estimates of mlm the
    # expected information written here gives lavaan's published values
    Y = df.to_numpy()
    n = len(Y)
    m, S = moments(Y)
    t = np.array([b_se(s, nm)[0] for nm in HS_NAMES])
    Sigma = _hs_sigma(t)
    Om = np.linalg.inv(Sigma)
    J = np.zeros((45, len(t)))
    iu = np.triu_indices(9)
    for j in range(len(t)):
        h = np.zeros(len(t))
        h[j] = 1e-6
        J[:, j] = ((_hs_sigma(t + h) - _hs_sigma(t - h)) / 2e-6)[iu]
    D = np.zeros((81, 45))  # duplication matrix
    for k, (a, b) in enumerate(zip(*iu)):
        D[a * 9 + b, k] = D[b * 9 + a, k] = 1.0
    info = 0.5 * n * J.T @ D.T @ np.kron(Om, Om) @ D @ J
    se_expected = np.sqrt(np.diag(np.linalg.inv(info)))
    for nm, se in zip(HS_NAMES, se_expected):
        assert round(se, 3) == pytest.approx(LAVAAN_HS[nm][1], abs=1.01e-3), nm
    # Stata's OIM: the observed information, here by central differences of the normal log likelihood
    ll = lambda tt: normal_ll(Y, m, _hs_sigma(tt))
    H = np.zeros((len(t), len(t)))
    step = 1e-4
    for a in range(len(t)):
        for b in range(len(t)):
            ea, eb = np.eye(len(t))[a] * step, np.eye(len(t))[b] * step
            H[a, b] = (ll(t + ea + eb) - ll(t + ea - eb) - ll(t - ea + eb) + ll(t - ea - eb)) / (4 * step * step)
    se_oim = np.sqrt(np.diag(np.linalg.inv(-H)))
    for nm, se in zip(HS_NAMES, se_oim):
        assert b_se(s, nm)[1] == pytest.approx(se, rel=2e-4), nm
    assert b_se(s, "x1:_cons")[0] == pytest.approx(m[0], rel=1e-9)
    assert "         chi2_ms(24) |     85.306   model vs. saturated" in out
    assert "                 CFI |      0.931   Comparative fit index" in out
    assert " ( 3)  [x7]Speed = 1" in out
    assert re.search(r"^ cov\(Visual, \|\n    Textual\) \|   \.408", out, re.M)


def test_structural_model_with_observed_exogenous_matches_scipy(fitted):
    df = simulated()
    out, s = fitted("sem (F1 -> x1-x3) (F2 -> x4-x6) (F2 <- F1 z)", df)
    Y = df[["x1", "x2", "x3", "x4", "x5", "x6", "z"]].to_numpy()
    n = len(Y)
    m, S = moments(Y)

    def implied(t):
        lam = np.array([1.0, t[0], t[1], 1.0, t[2], t[3]])
        beta, gamma, phi, vz, c, psi = t[4:10]
        theta = t[10:16]
        # (F1, z, F2): F2 = beta F1 + gamma z + zeta
        C = np.array([[phi, c], [c, vz]])
        T = np.array([[1, 0], [0, 1], [beta, gamma]])
        cov_eta = T @ C @ T.T
        cov_eta[2, 2] += psi
        L = np.zeros((7, 3))
        L[:3, 0] = lam[:3]
        L[3:6, 2] = lam[3:]
        L[6, 1] = 1.0
        return L @ cov_eta @ L.T + np.diag(list(theta) + [0.0])

    start = np.array([1, 1, 1, 1, 0.5, 0, 1, S[6, 6], 0, 0.5] + [0.5] * 6, float)
    res = minimize(lambda t: f_ml(implied(t), S), start, method="L-BFGS-B", options=SCIPY)
    assert s.e.scalars["chi2_ms"] == pytest.approx(n * res.fun, rel=1e-5, abs=1e-6)
    assert s.e.scalars["df_ms"] == 7 * 10 / 2 - (16 + 1 + 6)  # p(p+3)/2 moments; 16 covariance parameters, mean(z), 6 intercepts
    for name, value in [("F2:F1", res.x[4]), ("F2:z", res.x[5]), ("var(e.F2):_cons", res.x[9]),
                        ("cov(z,F1):_cons", res.x[8]), ("x5:F2", res.x[2])]:
        assert b_se(s, name)[0] == pytest.approx(value, rel=1e-4, abs=1e-6), name
    assert s.e.scalars["ll"] == pytest.approx(normal_ll(Y, m, implied(res.x)), rel=1e-9)
    assert re.search(r"^Structural   \|\n  F2 <-      \|\n          F1 \|", out, re.M)
    assert out.index("Structural   |") < out.index("Measurement  |")
    assert "Measurement:  x1 x2 x3 x4 x5 x6\nLatent:       F2" in out and "Observed:     z\nLatent:       F1" in out
    assert "     mean(z) |" in out and "   var(e.F2) |" in out and "   cov(z,F1) |" in out


def test_constraints_error_covariance_and_covstructure_match_scipy(fitted):
    df = simulated()
    out, s = fitted("sem (F1 -> x1@1 x2@c1 x3@c1) (F2 -> x4 x5 x6), cov(e.x1*e.x4) covstructure(_LEx, diagonal)", df)
    Y = df[["x1", "x2", "x3", "x4", "x5", "x6"]].to_numpy()
    m, S = moments(Y)

    def implied(t):
        L = np.zeros((6, 2))
        L[:, 0] = [1, t[0], t[0], 0, 0, 0]
        L[:, 1] = [0, 0, 0, 1, t[1], t[2]]
        Th = np.diag(t[3:9])
        Th[0, 3] = Th[3, 0] = t[11]
        return L @ np.diag(t[9:11]) @ L.T + Th

    res = minimize(lambda t: f_ml(implied(t), S), np.array([1, 1, 1] + [0.5] * 8 + [0.0]), method="L-BFGS-B",
                   options=SCIPY)
    assert s.e.scalars["chi2_ms"] == pytest.approx(len(Y) * res.fun, rel=1e-5)
    assert b_se(s, "x2:F1")[0] == b_se(s, "x3:F1")[0] == pytest.approx(res.x[0], rel=1e-4)
    assert b_se(s, "cov(e.x1,e.x4):_cons")[0] == pytest.approx(res.x[11], rel=1e-4, abs=1e-6)
    assert "cov(F1,F2):_cons" not in s.e.matrices["b"].colnames
    assert " ( 2)  [x2]F1 - [x3]F1 = 0" in out and " ( 1)  [x1]F1 = 1" in out


def test_predict_latent_is_the_empirical_bayes_mean_and_xb_uses_it(fitted):
    df = simulated()
    out, s = fitted("sem (F1 -> x1 x2 x3) (F2 -> x4 x5 x6)\npredict f1 f2, latent\npredict g, latent(F2)\n"
                    "predict p*, xb\npredict q, xb(x5)", df)
    Y = df[["x1", "x2", "x3", "x4", "x5", "x6"]].to_numpy()
    lam, phi, theta = two_factor_estimates(s)
    nu = np.array([b_se(s, f"x{k}:_cons")[0] for k in range(1, 7)])
    Sigma = lam @ phi @ lam.T + theta
    eb = (Y - nu) @ np.linalg.solve(Sigma, lam @ phi)
    data = s.data.df
    assert np.allclose(data["f1"], eb[:, 0], rtol=1e-5, atol=1e-6)
    assert np.allclose(data["f2"], eb[:, 1], rtol=1e-5, atol=1e-6)
    assert np.allclose(data["g"], eb[:, 1], rtol=1e-5, atol=1e-6)
    assert np.allclose(data["q"], nu[4] + lam[4, 1] * eb[:, 1], rtol=1e-5, atol=1e-6)
    assert np.allclose(data["p1"], nu[0] + eb[:, 0], rtol=1e-5, atol=1e-6)


def test_standardized_loadings_and_correlations(fitted):
    df = simulated()
    _, raw = fitted("sem (F1 -> x1 x2 x3) (F2 -> x4 x5 x6)", df)
    out, s = fitted("sem (F1 -> x1 x2 x3) (F2 -> x4 x5 x6), standardized", df)
    phi1, phi2 = b_se(raw, "var(F1):_cons")[0], b_se(raw, "var(F2):_cons")[0]
    lam2 = b_se(raw, "x2:F1")[0]
    var_x2 = lam2 ** 2 * phi1 + b_se(raw, "var(e.x2):_cons")[0]
    shown = {}  # the standardized table's rows, by equation and label
    for eq, rows in s.e.result.equations:
        shown.update({(eq, r.label): r.coef for r in rows})
    for r in (r for g in s.e.result.variance_groups for r in g):
        shown[(r.label, "")] = r.coef
    assert shown[("x2", "F1")] == pytest.approx(lam2 * math.sqrt(phi1 / var_x2), rel=1e-6)
    assert shown[("cov(F1,F2)", "")] == pytest.approx(b_se(raw, "cov(F1,F2):_cons")[0] / math.sqrt(phi1 * phi2),
                                                      rel=1e-6)
    assert shown[("var(F1)", "")] == pytest.approx(1.0)
    assert "Standardized |      Coef.   Std. Err." in out
    # standardized is a display option: e(b) stays in the variables' units
    assert b_se(s, "x2:F1") == pytest.approx(b_se(raw, "x2:F1"), rel=1e-9)
    assert s.e.scalars["ll"] == pytest.approx(raw.e.scalars["ll"], rel=1e-12)


@pytest.mark.parametrize("text, message", [
    ("sem (F -> x1 x2 x3), method(adf)", "method(adf) not available"),
    ("sem (F -> x1 x2 x3), vce(jackknife)", "vcetype 'jackknife' not allowed"),
    ("sem (F -> x1 x2 x3), means(x1)", "means of latent exogenous variables only"),
    ("sem (F -> x1 x2 x3), reliability(x1 .8)", "option reliability() not available"),
    ("sem (F -> x1 x2 x3 _cons@0)", "_cons may not be an endogenous variable"),
    ("sem (F -> x1 x2 x3, logit)", "option logit not allowed"),
    ("sem (F -> x1 x2 x3), cov(F*x9)", "variable x9 not found"),
    ("sem (F -> x1 x2 x3), covstruct(_LEx, banded)", "structure banded not available"),
    ("sem (f -> x1 x2 x3), latent(f G)", "latent variable G not found"),
    ("sem (f -> x1 x2 x3), latent(G)", "variable f not found"),
])
def test_refusals_are_stata_errors(do, text, message):
    rc, out, _ = do(text, df=simulated())
    assert rc in (198, 111) and message in out, out


def test_nocapslatent_and_latent_option(fitted):
    df = simulated().rename(columns={"x1": "X1"})
    _, s = fitted("sem (f -> X1 x2 x3), latent(f) nocapslatent", df)
    assert "X1:f" in s.e.matrices["b"].colnames
    assert s.e.macros["lxvars"] == "f"


def test_estat_gof_after_a_path_model_without_latent_variables_is_refused(do):
    rc, out, _ = do("sem (x2 <- x1)\nestat gof", df=simulated())
    assert rc == 321 and "without latent variables" in out


def test_estat_eqgof_r_squared_and_overall_cd(fitted):
    df = simulated()
    out, s = fitted("sem (F1 -> x1 x2 x3) (F2 -> x4 x5 x6)\nestat eqgof", df)
    lam, phi, theta = two_factor_estimates(s)
    Sigma = lam @ phi @ lam.T + theta
    eqfit = s.r["eqfit"].values
    assert np.allclose(eqfit[:, 0], np.diag(Sigma), rtol=1e-8)
    assert np.allclose(eqfit[:, 3], 1 - np.diag(theta) / np.diag(Sigma), rtol=1e-8)
    assert np.allclose(eqfit[:, 5], eqfit[:, 3], rtol=1e-8)  # mc2 = R2 in a measurement model
    assert s.r["CD"] == pytest.approx(1 - np.linalg.det(theta) / np.linalg.det(Sigma), rel=1e-8)
    assert "Equation-level goodness of fit" in out and re.search(r"^     overall \|", out, re.M)


def test_mlmv_matches_an_independent_casewise_likelihood(fitted):
    df = simulated(n=250, seed=3)[["x1", "x2", "x3", "x4", "x5", "x6"]]
    rng = np.random.default_rng(11)
    Y = df.to_numpy().copy()
    Y[rng.random(Y.shape) < 0.12] = np.nan
    Y[0, :] = np.nan  # a row without any observed value is left out
    data = pd.DataFrame(Y, columns=df.columns)
    out, s = fitted("sem (F1 -> x1 x2 x3) (F2 -> x4 x5 x6), method(mlmv)", data)
    rows = Y[np.isfinite(Y).any(axis=1)]

    seen = np.isfinite(rows)
    by_pattern = {}
    for y, o in zip(rows, seen):
        by_pattern.setdefault(o.tobytes(), (o, []))[1].append(y[o])

    def casewise(mu, Sigma):
        """Each row's normal log density of its observed values, summed."""
        total = 0.0
        for o, ys in by_pattern.values():
            D = np.array(ys) - mu[o]
            S = Sigma[np.ix_(o, o)]
            quad = np.einsum("ij,ij->i", D, np.linalg.solve(S, D.T).T)
            total += -0.5 * np.sum(o.sum() * np.log(2 * np.pi) + np.linalg.slogdet(S)[1] + quad)
        return total

    def implied(t):
        L = np.zeros((6, 2))
        L[:, 0] = [1, t[0], t[1], 0, 0, 0]
        L[:, 1] = [0, 0, 0, 1, t[2], t[3]]
        Phi = np.array([[t[4], t[6]], [t[6], t[5]]])
        return t[13:19], L @ Phi @ L.T + np.diag(t[7:13])

    start = np.concatenate([[1, 1, 1, 1, 0.5, 0.5, 0.2], np.full(6, 0.5), np.nanmean(Y, axis=0)])
    res = minimize(lambda t: -casewise(*implied(t)) / len(rows), start, method="L-BFGS-B", options=SCIPY)
    assert s.e.scalars["N"] == len(rows) == 249
    assert s.e.scalars["ll"] == pytest.approx(-res.fun * len(rows), rel=1e-8)
    for name, value in [("x2:F1", res.x[0]), ("x6:F2", res.x[3]), ("cov(F1,F2):_cons", res.x[6]),
                        ("x3:_cons", res.x[15])]:
        assert b_se(s, name)[0] == pytest.approx(value, rel=1e-4), name
    # the saturated model's ll (EM) is an upper bound, reached by an unrestricted optimiser
    def sat(t):
        C = np.zeros((6, 6))
        C[np.tril_indices(6)] = t[6:]
        return t[:6], C @ C.T
    t0 = np.concatenate([np.nanmean(Y, axis=0), np.linalg.cholesky(np.diag(np.nanvar(Y, axis=0)))[np.tril_indices(6)]])
    sres = minimize(lambda t: -casewise(*sat(t)) / len(rows), t0, method="L-BFGS-B", options=SCIPY)
    assert s.e.scalars["chi2_ms"] == pytest.approx(2 * (-sres.fun * len(rows) - s.e.scalars["ll"]), rel=1e-4)
    assert "Estimation method  = mlmv" in out and s.e.macros["method"] == "mlmv"


def test_replay_standardized_and_level(fitted):
    df = simulated()
    out, s = fitted("sem (F1 -> x1 x2 x3), nolog standardized\nsem\nsem, level(90)", df)
    assert out.count("Standardized |      Coef.") == 3  # standardized stays a property of the fit's display
    assert "[90% Conf. Interval]" in out
    out, _ = fitted("sem (F1 -> x1 x2 x3), nolog\nsem, standardized", df)
    assert out.count("Standardized |      Coef.") == 1


def test_mimic_model_is_x_conditional(fitted):
    """(F -> y) (F <- x): the observed exogenous moments are not shown, and the estimates and
    their OIM standard errors are those of the likelihood of y given x, written here."""
    df = simulated(n=300, seed=5)
    out, s = fitted("sem (F2 -> x4 x5 x6) (F2 <- x1 z), nolog", df)
    Y = df[["x4", "x5", "x6"]].to_numpy()
    X = df[["x1", "z"]].to_numpy()

    def nll(t):
        nu, lam, gam, psi, theta = t[0:3], np.array([1.0, t[3], t[4]]), t[5:7], t[7], t[8:11]
        mu = nu + np.outer(X @ gam, lam)
        Sigma = psi * np.outer(lam, lam) + np.diag(theta)
        D = Y - mu
        sign, logdet = np.linalg.slogdet(Sigma)
        if sign <= 0:
            return 1e10
        return 0.5 * (len(Y) * (3 * np.log(2 * np.pi) + logdet) + np.einsum("ij,jk,ik->", D, np.linalg.inv(Sigma), D))

    start = np.concatenate([Y.mean(axis=0), [1, 1, 0, 0, 0.5], np.full(3, 0.5)])
    res = minimize(lambda t: nll(t) / len(Y), start, method="L-BFGS-B", options=SCIPY)
    t = res.x
    H = np.zeros((len(t), len(t)))
    step = 1e-4
    for a in range(len(t)):
        for b in range(len(t)):
            ea, eb = np.eye(len(t))[a] * step, np.eye(len(t))[b] * step
            H[a, b] = -(nll(t + ea + eb) - nll(t + ea - eb) - nll(t - ea + eb) + nll(t - ea - eb)) / (4 * step ** 2)
    se = np.sqrt(np.diag(np.linalg.inv(-H)))
    for name, k in [("x5:F2", 3), ("x6:F2", 4), ("F2:x1", 5), ("F2:z", 6), ("var(e.F2):_cons", 7),
                    ("var(e.x4):_cons", 8), ("x4:_cons", 0)]:
        b, s_e = b_se(s, name)
        assert b == pytest.approx(t[k], rel=1e-4, abs=1e-6), name
        assert s_e == pytest.approx(se[k], rel=1e-3), name
    assert not any(n.startswith(("mean(", "var(x1", "var(z", "cov(x1")) for n in s.e.matrices["b"].colnames)
    assert s.e.scalars["df_ms"] == 5 * 8 / 2 - (11 + 2 + 3)  # + the exogenous means and (co)variances
    assert "Observed:     x1 z" in out


def test_estat_residuals_are_sample_minus_fitted_moments(fitted):
    df = simulated()
    out, s = fitted("sem (F1 -> x1 x2 x3) (F2 -> x4 x5 x6)\nestat residuals", df)
    Y = df[["x1", "x2", "x3", "x4", "x5", "x6"]].to_numpy()
    m, S = moments(Y)
    lam, phi, theta = two_factor_estimates(s)
    Sigma = lam @ phi @ lam.T + theta
    assert np.allclose(s.r["res_cov"].values, S - Sigma, atol=1e-6)
    assert np.allclose(s.r["res_mean"].values, 0.0, atol=1e-8)
    assert "  Covariance residuals" in out and re.search(r"^             raw \|      0\.000", out, re.M)


def test_estat_residuals_normalized_is_refused(do):
    rc, out, _ = do("sem (F1 -> x1 x2 x3)\nestat residuals, normalized", df=simulated())
    assert rc == 198 and "normalized not available" in out


def growth_data(n=300, seed=2):
    rng = np.random.default_rng(seed)
    i = 10 + 2 * rng.normal(size=n)
    s = 1.5 + 0.5 * rng.normal(size=n) + 0.1 * (i - 10)
    return pd.DataFrame({f"y{t}": i + t * s + rng.normal(size=n) for t in range(4)})


def test_growth_curve_with_means_and_noconstant_matches_scipy(fitted):
    df = growth_data()
    text = " ".join(f"(y{t} <- I@1 S@{t})" for t in range(4))
    out, s = fitted(f"sem {text}, means(I S) noconstant nolog", df)
    Y = df.to_numpy()
    m, S = moments(Y)
    L = np.column_stack([np.ones(4), np.arange(4.0)])

    def nll(t):
        mu = L @ t[0:2]
        Phi = np.array([[t[2], t[4]], [t[4], t[3]]])
        Sigma = L @ Phi @ L.T + np.diag(t[5:9])
        return -normal_ll(Y, mu, Sigma) if np.linalg.slogdet(Sigma)[0] > 0 else 1e10

    res = minimize(lambda t: nll(t) / len(Y), np.array([m[0], m[1] - m[0], 1, 0.1, 0, 1, 1, 1, 1]),
                   method="L-BFGS-B", options=SCIPY)
    for name, k in [("mean(I):_cons", 0), ("mean(S):_cons", 1), ("var(I):_cons", 2), ("var(S):_cons", 3),
                    ("cov(I,S):_cons", 4), ("var(e.y2):_cons", 7)]:
        assert b_se(s, name)[0] == pytest.approx(res.x[k], rel=1e-4, abs=1e-6), name
    assert not any(n.endswith(":_cons") and ":" in n and n.split(":")[0].startswith("y") for n in s.e.matrices["b"].colnames)
    assert s.e.scalars["df_ms"] == 4 * 7 / 2 - 9
    assert "    mean(I) |" in out and " ( 4)  [y1]S = 1" in out
    _, paths = fitted("sem " + " ".join(f"(y{t} <- I@1 S@{t}, nocons)" for t in range(4)) + ", means(I S) nolog", df)
    assert paths.e.scalars["ll"] == pytest.approx(s.e.scalars["ll"], rel=1e-10)  # nocons typed in each path


def test_vce_robust_is_the_sandwich_of_the_rows_scores(fitted):
    df = simulated(n=250, seed=4)[["x1", "x2", "x3"]]
    _, s = fitted("sem (F -> x1 x2 x3), vce(robust) nolog", df)
    Y = df.to_numpy()
    names = ["x1:_cons", "x2:F", "x2:_cons", "x3:F", "x3:_cons", "var(e.x1):_cons", "var(e.x2):_cons",
             "var(e.x3):_cons", "var(F):_cons"]
    t = np.array([b_se(s, nm)[0] for nm in names])

    def row_ll(tt):  # each row's log density under the one-factor model
        lam = np.array([1.0, tt[1], tt[3]])
        mu = np.array([tt[0], tt[2], tt[4]])
        Sigma = tt[8] * np.outer(lam, lam) + np.diag(tt[5:8])
        D = Y - mu
        return -0.5 * (3 * np.log(2 * np.pi) + np.linalg.slogdet(Sigma)[1]
                       + np.einsum("ij,jk,ik->i", D, np.linalg.inv(Sigma), D))

    h = 1e-6
    scores = np.column_stack([(row_ll(t + h * e) - row_ll(t - h * e)) / (2 * h) for e in np.eye(len(t))])
    H = np.zeros((len(t), len(t)))
    for a in range(len(t)):
        ea = np.eye(len(t))[a] * 1e-5
        H[:, a] = (scores_at(row_ll, t + ea) - scores_at(row_ll, t - ea)) / 2e-5
    Hinv = np.linalg.inv(H)
    n = len(Y)
    V = Hinv @ (scores.T @ scores) @ Hinv * n / (n - 1)
    for k, nm in enumerate(names):
        assert b_se(s, nm)[1] == pytest.approx(math.sqrt(V[k, k]), rel=2e-4), nm
    assert s.e.macros["vcetype"] == "Robust"


def scores_at(row_ll, t, h=1e-6):
    """The summed score at t (central differences of the summed row log densities)."""
    return np.array([(row_ll(t + h * e).sum() - row_ll(t - h * e).sum()) / (2 * h) for e in np.eye(len(t))])


def test_estat_residuals_refused_with_missing_value_patterns(do):
    df = simulated()
    df.loc[:9, "x1"] = np.nan
    rc, out, _ = do("sem (F1 -> x1 x2 x3), method(mlmv)\nestat residuals", df=df)
    assert rc == 322 and "multiple missing-value patterns present" in out


def test_estat_gof_after_vce_robust_shows_the_residuals_only(do):
    rc, out, _ = do("sem (F1 -> x1 x2 x3 x4), vce(robust)\nestat gof, stats(all)", df=simulated())
    assert rc == 0 and "Note: model was fit with vce(robust); only stats(residuals) valid." in out
    assert "SRMR |" in out and "RMSEA" not in out


def test_predict_notes_labels_and_xblatent(fitted):
    df = simulated()
    out, s = fitted("sem (F1 -> x1-x3) (F2 -> x4-x6) (F2 <- F1 z), nolog\npredict f1 f2, latent\n"
                    "predict h, xblatent\npredict y*", df)
    assert "(latent(F1 F2) assumed)" in out and "(xblatent(F2) assumed)" in out
    assert "(xb(x1 x2 x3 x4 x5 x6) assumed)" in out
    data = s.data
    assert data.var_labels["f1"] == "Factor score (F1)" and data.var_labels["y1"] == "Linear prediction (x1)"
    expected = b_se(s, "F2:F1")[0] * data.df["f1"] + b_se(s, "F2:z")[0] * data.df["z"]
    assert np.allclose(data.df["h"], expected, rtol=1e-5, atol=1e-6)
    assert np.allclose(data.df["y5"], b_se(s, "x5:_cons")[0] + b_se(s, "x5:F2")[0] * data.df["f2"], rtol=1e-5,
                       atol=1e-6)


def test_noxconditional_shows_the_exogenous_moments_at_their_sample_values(fitted):
    df = simulated()
    _, cond = fitted("sem (F2 -> x4 x5 x6) (F2 <- x1 z), nolog", df)
    _, full = fitted("sem (F2 -> x4 x5 x6) (F2 <- x1 z), nolog noxconditional", df)
    m, S = moments(df[["x1", "z"]].to_numpy())
    assert b_se(full, "mean(x1):_cons")[0] == pytest.approx(m[0], rel=1e-6)
    assert b_se(full, "cov(x1,z):_cons")[0] == pytest.approx(S[0, 1], rel=1e-5)
    assert b_se(full, "F2:z") == pytest.approx(b_se(cond, "F2:z"), rel=1e-5)
    assert full.e.scalars["ll"] == pytest.approx(cond.e.scalars["ll"], rel=1e-10)


def test_factor_scores_use_each_rows_observed_variables(fitted):
    df = simulated()
    df.loc[:4, "x2"] = np.nan
    out, s = fitted("sem (F1 -> x1 x2 x3), method(mlmv) nolog\npredict f, latent\npredict p*, xb", df)
    lam = np.array([1.0, b_se(s, "x2:F1")[0], b_se(s, "x3:F1")[0]])
    phi = b_se(s, "var(F1):_cons")[0]
    theta = np.diag([b_se(s, f"var(e.x{k}):_cons")[0] for k in (1, 2, 3)])
    nu = np.array([b_se(s, f"x{k}:_cons")[0] for k in (1, 2, 3)])
    o = [0, 2]  # the first rows' observed variables: x1 and x3
    Sigma = phi * np.outer(lam, lam) + theta
    y = df[["x1", "x2", "x3"]].to_numpy()[:5]
    eb = (y[:, o] - nu[o]) @ np.linalg.solve(Sigma[np.ix_(o, o)], phi * lam[o])
    assert np.allclose(s.data.df["f"][:5], eb, rtol=1e-5, atol=1e-6)
    assert np.allclose(s.data.df["p2"][:5], nu[1] + lam[1] * eb, rtol=1e-5, atol=1e-6)  # x2's xb needs only F1
