"""teffects ra and ipw: the estimates and robust SEs against a stacked estimating-equation
sandwich written here from first principles (analytic derivatives, numpy), point estimates
against mlm's own logit/mlogit/probit/regress (other code paths), the layout against
_teffects_replay.ado and the [TE] manual's examples, predict, e() and errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.special import expit


def _data(n=500, seed=7):
    rng = np.random.default_rng(seed)
    x1 = rng.normal(size=n)
    x2 = rng.binomial(1, 0.4, n).astype(float)
    t = rng.binomial(1, expit(-0.3 + 0.8 * x1 - 0.5 * x2)).astype(float)
    y = 2 + 1.5 * t + x1 + 0.7 * x2 + 0.5 * t * x1 + rng.normal(size=n)
    u = rng.uniform(size=n)
    t3 = np.where(u < 0.3, 0, np.where(u < 0.65, 1, 2)).astype(float)
    y3 = 1 + t3 + x1 + rng.normal(size=n)
    w = rng.integers(1, 4, n).astype(float)
    return pd.DataFrame(dict(y=y, t=t, x1=x1, x2=x2, t3=t3, y3=y3, w=w))


DATA = _data()


def _fit(do, text, df=DATA):
    rc, printed, s = do(text, df.copy())
    assert rc == 0, printed
    b = s.e.matrices["b"].values.ravel()
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    return printed, s, b, se


def _design(df):
    return np.column_stack([df.x1, df.x2, np.ones(len(df))])


def _sandwich(A, g):
    Ai = np.linalg.inv(A)
    return Ai @ (g.T @ g) @ Ai.T


def _ra_reference(df, atet=False, w=None):
    """tau, mu0, beta0, beta1 and their sandwich: the equations and their derivatives by hand."""
    X, y, t = _design(df), df.y.to_numpy(), df.t.to_numpy()
    w = np.ones(len(df)) if w is None else w
    b0 = np.linalg.solve(X.T @ (X * (w * (1 - t))[:, None]), X.T @ (w * (1 - t) * y))
    b1 = np.linalg.solve(X.T @ (X * (w * t)[:, None]), X.T @ (w * t * y))
    s = t if atet else np.ones(len(df))
    m0, m1 = X @ b0, X @ b1
    mu0 = np.sum(w * s * m0) / np.sum(w * s)
    tau = np.sum(w * s * (m1 - m0)) / np.sum(w * s)
    p = X.shape[1]
    g = np.column_stack([s * (m1 - m0 - tau), s * (m0 - mu0), ((1 - t) * (y - m0))[:, None] * X,
                         (t * (y - m1))[:, None] * X])
    K = 2 + 2 * p
    A = np.zeros((K, K))
    sw = w * s
    A[0, 0] = -sw.sum()
    A[0, 2:2 + p] = -(sw @ X)
    A[0, 2 + p:] = sw @ X
    A[1, 1] = -sw.sum()
    A[1, 2:2 + p] = sw @ X
    A[2:2 + p, 2:2 + p] = -X.T @ (X * (w * (1 - t))[:, None])
    A[2 + p:, 2 + p:] = -X.T @ (X * (w * t)[:, None])
    V = _sandwich(A, g * w[:, None])
    return np.concatenate([[tau, mu0], b0, b1]), np.sqrt(np.diag(V))


def _ipw_reference(df, w=None):
    """tau, mu0, gamma (logit) and their sandwich, derivatives by hand."""
    X, y, t = _design(df), df.y.to_numpy(), df.t.to_numpy()
    w = np.ones(len(df)) if w is None else w
    gam = np.zeros(X.shape[1])
    for _ in range(50):
        p = expit(X @ gam)
        gam += np.linalg.solve(X.T @ (X * (w * p * (1 - p))[:, None]), X.T @ (w * (t - p)))
    p = expit(X @ gam)
    a = t / p + (1 - t) / (1 - p)
    mu1 = np.sum(w * a * t * y) / np.sum(w * a * t)
    mu0 = np.sum(w * a * (1 - t) * y) / np.sum(w * a * (1 - t))
    tau = mu1 - mu0
    d = y - mu0 - tau * t
    g = np.column_stack([a * d * t, a * d, (t - p)[:, None] * X])
    da = np.where(t == 1, -(1 - p) / p, p / (1 - p))[:, None] * X  # d a / d gamma
    K = 2 + X.shape[1]
    A = np.zeros((K, K))
    A[0, 0] = A[0, 1] = A[1, 0] = -np.sum(w * a * t)
    A[1, 1] = -np.sum(w * a)
    A[0, 2:] = (w * d * t) @ da
    A[1, 2:] = (w * d) @ da
    A[2:, 2:] = -X.T @ (X * (w * p * (1 - p))[:, None])
    V = _sandwich(A, g * w[:, None])
    return np.concatenate([[tau, mu0], gam]), np.sqrt(np.diag(V))


def _doubly_robust_reference(df, method):
    """ipwra or aipw ATE: tau, mu0, beta0, beta1, gamma and their sandwich, derivatives by hand."""
    X, y, t = _design(df), df.y.to_numpy(), df.t.to_numpy()
    n, k = X.shape
    gam = np.zeros(k)
    for _ in range(50):
        p = expit(X @ gam)
        gam += np.linalg.solve(X.T @ (X * (p * (1 - p))[:, None]), X.T @ (t - p))
    p = expit(X @ gam)
    a = t / p + (1 - t) / (1 - p) if method == "ipwra" else np.ones(n)
    b0 = np.linalg.solve(X.T @ (X * (a * (1 - t))[:, None]), X.T @ (a * (1 - t) * y))
    b1 = np.linalg.solve(X.T @ (X * (a * t)[:, None]), X.T @ (a * t * y))
    m0, m1 = X @ b0, X @ b1
    da1 = -((1 - p) / p)[:, None] * X  # d (1/p) / d gamma
    da0 = (p / (1 - p))[:, None] * X   # d (1/(1-p)) / d gamma
    if method == "ipwra":
        v0, v1 = m0, m1
        dv0_b0, dv1_b1 = X, X
        dv0_g, dv1_g = np.zeros((n, k)), np.zeros((n, k))
    else:
        v0, v1 = m0 + (1 - t) * (y - m0) / (1 - p), m1 + t * (y - m1) / p
        dv0_b0 = (1 - (1 - t) / (1 - p))[:, None] * X
        dv1_b1 = (1 - t / p)[:, None] * X
        dv0_g = ((1 - t) * (y - m0))[:, None] * da0
        dv1_g = (t * (y - m1))[:, None] * da1
    mu0, tau = v0.mean(), (v1 - v0).mean()
    g = np.column_stack([v1 - v0 - tau, v0 - mu0, (a * (1 - t) * (y - m0))[:, None] * X,
                         (a * t * (y - m1))[:, None] * X, (t - p)[:, None] * X])
    i0, i1, ig = slice(2, 2 + k), slice(2 + k, 2 + 2 * k), slice(2 + 2 * k, 2 + 3 * k)
    A = np.zeros((2 + 3 * k, 2 + 3 * k))
    A[0, 0] = A[1, 1] = -n
    A[0, i0], A[0, i1], A[0, ig] = -dv0_b0.sum(0), dv1_b1.sum(0), (dv1_g - dv0_g).sum(0)
    A[1, i0], A[1, ig] = dv0_b0.sum(0), dv0_g.sum(0)
    A[i0, i0] = -X.T @ (X * (a * (1 - t))[:, None])
    A[i1, i1] = -X.T @ (X * (a * t)[:, None])
    if method == "ipwra":  # the outcome scores depend on gamma through the weights
        A[i0, ig] = X.T @ (((1 - t) * (y - m0))[:, None] * da0)
        A[i1, ig] = X.T @ ((t * (y - m1))[:, None] * da1)
    A[ig, ig] = -X.T @ (X * (p * (1 - p))[:, None])
    V = _sandwich(A, g)
    return np.concatenate([[tau, mu0], b0, b1, gam]), np.sqrt(np.diag(V))


@pytest.mark.parametrize("method", ["ipwra", "aipw"])
def test_doubly_robust_match_hand_written_sandwich(do, method):
    printed, s, b, se = _fit(do, f"teffects {method} (y x1 x2) (t x1 x2), nolog")
    ref_b, ref_se = _doubly_robust_reference(DATA, method)
    np.testing.assert_allclose(b, ref_b, rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(se, ref_se, rtol=1e-6)
    assert s.e.matrices["b"].colnames[2::3] == ("OME0:x1", "OME1:x1", "TME1:x1")
    title = {"ipwra": "IPW regression adjustment", "aipw": "augmented IPW"}[method]
    assert f"Estimator      : {title}" in printed and "Treatment model: logit" in printed
    assert ("Outcome model  : linear by ML" in printed) == (method == "aipw")


@pytest.mark.parametrize("stat", ["ate", "atet"])
def test_ra_matches_hand_written_sandwich(do, stat):
    _, s, b, se = _fit(do, f"teffects ra (y x1 x2) (t), {stat} nolog")
    ref_b, ref_se = _ra_reference(DATA, atet=stat == "atet")
    np.testing.assert_allclose(b, ref_b, rtol=1e-9, atol=1e-10)
    np.testing.assert_allclose(se, ref_se, rtol=1e-6)
    lead = stat.upper()
    assert s.e.matrices["b"].colnames[:5] == (f"{lead}:r1vs0.t", "POmean:0.t", "OME0:x1", "OME0:x2", "OME0:_cons")
    assert s.e.matrices["b"].colnames[5:] == ("OME1:x1", "OME1:x2", "OME1:_cons")


def test_ra_pweights_match_hand_written_sandwich(do):
    _, _, b, se = _fit(do, "teffects ra (y x1 x2) (t) [pw=w], nolog")
    ref_b, ref_se = _ra_reference(DATA, w=DATA.w.to_numpy())
    np.testing.assert_allclose(b, ref_b, rtol=1e-9, atol=1e-10)
    np.testing.assert_allclose(se, ref_se, rtol=1e-6)


def test_ipw_matches_hand_written_sandwich(do):
    _, s, b, se = _fit(do, "teffects ipw (y) (t x1 x2), nolog")
    ref_b, ref_se = _ipw_reference(DATA)
    np.testing.assert_allclose(b, ref_b, rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(se, ref_se, rtol=1e-6)
    assert s.e.matrices["b"].colnames == ("ATE:r1vs0.t", "POmean:0.t", "TME1:x1", "TME1:x2", "TME1:_cons")
    assert s.e.macros["tmodel"] == "logit" and s.e.macros["subcmd"] == "ipw"


def test_ipw_pweights_match_hand_written_sandwich(do):
    _, _, b, se = _fit(do, "teffects ipw (y) (t x1 x2) [pw=w], nolog")
    ref_b, ref_se = _ipw_reference(DATA, w=DATA.w.to_numpy())
    np.testing.assert_allclose(b, ref_b, rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(se, ref_se, rtol=1e-6)


def test_multivalued_point_estimates_against_mlogit_and_regress(do):
    rc, printed, s = do("mlogit t3 x1, baseoutcome(0)\nmatrix M = e(b)\nteffects ipw (y3) (t3 x1), pomeans nolog",
                        DATA.copy())
    assert rc == 0, printed
    b = s.e.matrices["b"].values.ravel()
    m = s.matrices["M"].values.ravel()  # mlogit's e(b): the base outcome's zeros, then outcomes 1 and 2
    X = np.column_stack([DATA.x1, np.ones(len(DATA))])
    np.testing.assert_allclose(b[3:], m[-4:], rtol=1e-6)
    eta = np.column_stack([np.zeros(len(DATA)), X @ b[3:5], X @ b[5:7]])
    p = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    t3 = DATA.t3.to_numpy().astype(int)
    own = p[np.arange(len(DATA)), t3]
    for j in range(3):
        a = (t3 == j) / own
        assert b[j] == pytest.approx(np.sum(a * DATA.y3) / np.sum(a), rel=1e-9)
    assert "Treatment model: (multinomial) logit" in printed
    _, s2, b2, _ = _fit(do, "teffects ra (y3 x1) (t3), atet tlevel(2) nolog")
    preds = [X @ np.linalg.lstsq(X[t3 == j], DATA.y3[t3 == j], rcond=None)[0] for j in range(3)]
    tr = t3 == 2
    assert b2[0] == pytest.approx(np.mean(preds[1][tr] - preds[0][tr]), rel=1e-9)
    assert b2[1] == pytest.approx(np.mean(preds[2][tr] - preds[0][tr]), rel=1e-9)
    assert b2[2] == pytest.approx(np.mean(preds[0][tr]), rel=1e-9)
    assert s2.e.scalars["treated"] == 2 and s2.e.scalars["control"] == 0 and s2.e.macros["tlevels"] == "0 1 2"


def test_layout_follows_teffects_replay(do):
    df = DATA.copy()
    printed, s, b, se = _fit(do, 'label define sm 0 "nonsmoker" 1 "smoker"\nlabel values t sm\n'
                                 "teffects ra (y x1 x2) (t)", df)
    lines = printed.split("\n")
    at = lines.index(next(ln for ln in lines if ln.startswith("Treatment-effects estimation")))
    assert lines[at - 3].startswith("Iteration 0:   EE criterion = ")
    assert lines[at - 2].startswith("Iteration 1:   EE criterion = ")
    assert lines[at] == "Treatment-effects estimation                    Number of obs     =        500"
    assert lines[at + 1:at + 4] == ["Estimator      : regression adjustment", "Outcome model  : linear",
                                    "Treatment model: none"]
    f = lambda v: f"{v:.7g}".lstrip("0") if abs(v) < 1 else f"{v:.7g}"  # noqa: E731
    assert lines[at + 4:at + 13] == [
        "-" * 78,
        "             |               Robust",
        "           y |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]",
        "-------------+----------------------------------------------------------------",
        "ATE          |",
        "           t |",
        "    (smoker  |",
        "         vs  |",
        lines[at + 12]]
    assert lines[at + 12].startswith(" nonsmoker)  |" + f(b[0]).rjust(11) + f(se[0]).rjust(11))
    assert lines[at + 13:at + 16] == ["-------------+----------------------------------------------------------------",
                                      "POmean       |", "           t |"]
    assert lines[at + 16].startswith("  nonsmoker  |" + f(b[1]).rjust(11))
    assert lines[at + 17] == "-" * 78


def test_unlabelled_levels_and_aequations(do):
    printed, *_ = _fit(do, "teffects ipw (y) (t x1 x2), aequations nolog")
    assert "   (1 vs 0)  |" in printed and "          0  |" in printed
    assert "TME1         |" in printed and "Iteration" not in printed
    assert "Outcome model  : weighted mean" in printed and "Estimator      : inverse-probability weights" in printed


def test_predict_after_ra_and_ipw(do):
    text = ("teffects ra (y x1 x2) (t), nolog\npredict te\npredict c0 c1, cmean\n"
            "teffects ipw (y) (t x1 x2), nolog\npredict ps0\npredict p0 p1, ps")
    rc, printed, s = do(text, DATA.copy())
    assert rc == 0, printed
    assert "(option te assumed; treatment effect)" in printed and "(option ps assumed; propensity score)" in printed
    ref_b, _ = _ra_reference(DATA)
    X = _design(DATA)
    d = s.data.df
    np.testing.assert_allclose(d["te"], (X @ ref_b[5:8] - X @ ref_b[2:5]).astype(np.float32), rtol=1e-6)
    np.testing.assert_allclose(d["c1"], (X @ ref_b[5:8]).astype(np.float32), rtol=1e-6)
    gam = _ipw_reference(DATA)[0][2:]
    np.testing.assert_allclose(d["p1"], expit(X @ gam).astype(np.float32), rtol=1e-6)
    np.testing.assert_allclose(d["ps0"], d["p0"])
    assert s.data.var_labels["te"] == "treatment effect, t: 1 vs 0"
    assert s.data.var_labels["p1"] == "propensity score, t=1"


@pytest.mark.parametrize("text, message, rc", [
    ("teffects ra (y x1) (t), ate atet", "options ate and atet may not be combined", 184),
    ("teffects foo (y x1) (t)", "invalid procedure; expected one of ra, ipw, ipwra, aipw, nnmatch, or psmatch", 198),
    ("teffects ra (y x1)", "requires an outcome equation and a treatment equation", 198),
    ("teffects ra (y x1) (t), vce(bootstrap)", "vcetype 'bootstrap' not allowed", 198),
    ("teffects ra (y x1) (t x2)", "treatment model may not have covariates", 198),
    ("teffects ipw (y) (t x1, probit) [iw=w]", "iweights not supported", 101),
    ("teffects ra (y x1, tobit) (t)", "outcome model tobit not allowed", 198),
    ("teffects ra (y x1) (t), control(5)", "control(5) invalid", 198),
    ("teffects ra (y x1 t) (t)", "the treatment variable cannot be in the outcome-model specification", 198),
    ("teffects ipw (y) (t x1 t)", "the treatment variable cannot be repeated in the treatment-model", 198),
    ("teffects ra (t x1) (t)", "the outcome variable cannot be the same as the treatment variable", 198),
    ("teffects ra (y x1) (t", "parentheses unbalanced", 132),
    ("teffects aipw (y x1) (t x1), atet", "option atet not allowed with teffects aipw", 198),
])
def test_errors_leave_data_alone(do, text, message, rc):
    got_rc, printed, s = do(text, DATA.copy())
    assert got_rc == rc and message in printed
    assert list(s.data.df.columns) == list(DATA.columns)


def test_margins_refused_and_replay(do):
    # teffects.ado posts e(marginsnotok) _ALL; [TE] teffects postestimation lists no margins
    rc, printed, s = do("teffects ra (y x1 x2) (t), nolog\nmargins", DATA.copy())
    assert rc == 322 and "margins not appropriate after teffects" in printed
    rc, printed, s = do("teffects ipw (y) (t x1 x2), nolog\nmargins, dydx(x1)", DATA.copy())
    assert rc == 322 and "margins not appropriate after teffects" in printed
    rc, printed, s = do("teffects ra (y x1 x2) (t), nolog\nteffects, level(90)", DATA.copy())
    assert rc == 0 and "[90% Conf. Interval]" in printed


def _balance_reference(df, atet=False):
    """Raw and IPW-weighted standardized differences and variance ratios, written from the
    definitions (_tebalance_summarize.ado: weights normalized to mean 1, iweighted variances)."""
    X, t = _design(df), df.t.to_numpy()
    gam = _ipw_reference(df)[0][2:]
    p = expit(X @ gam)
    w = np.where(t == 1, 1 / p, 1 / (1 - p)) * (p if atet else 1.0)
    w = w / w.mean()
    out = []
    for x in (df.x1.to_numpy(), df.x2.to_numpy()):
        def mv(v, ww):
            m = np.sum(ww * v) / ww.sum()
            return m, np.sum(ww * (v - m) ** 2) / (ww.sum() - 1)
        m0, v0 = mv(x[t == 0], np.ones((t == 0).sum()))
        m1, v1 = mv(x[t == 1], np.ones((t == 1).sum()))
        m0x, v0x = mv(x[t == 0], w[t == 0])
        m1x, v1x = mv(x[t == 1], w[t == 1])
        out.append([(m1 - m0) / np.sqrt((v0 + v1) / 2), (m1x - m0x) / np.sqrt((v0x + v1x) / 2), v1 / v0, v1x / v0x])
    return np.array(out), w, t


@pytest.mark.parametrize("stat", ["ate", "atet"])
def test_tebalance_summarize_against_definitions(do, stat):
    rc, printed, s = do(f"teffects ipw (y) (t x1 x2), {stat} nolog\ntebalance summarize", DATA.copy())
    assert rc == 0, printed
    ref, w, t = _balance_reference(DATA, atet=stat == "atet")
    np.testing.assert_allclose(s.r["table"].values, ref, rtol=1e-7)
    assert s.r["table"].colnames == ("std_diff:Raw", "std_diff:Weighted", "ratio:Raw", "ratio:Weighted")
    sizes = s.r["size"].values
    np.testing.assert_allclose(sizes[:, 0], [500, t.sum(), (1 - t).sum()])
    np.testing.assert_allclose(sizes[1:, 1], [w[t == 1].sum(), w[t == 0].sum()], rtol=1e-9)
    lines = printed.split("\n")
    at = lines.index("  Covariate balance summary")
    assert lines[at + 2:at + 5] == ["                        Raw     Weighted", "  " + "-" * 41,
                                    "  Number of obs =       500        500.0"]
    assert "                  |Standardized differences          Variance ratio" in lines
    row = next(ln for ln in lines if ln.startswith("               x1 |"))
    from mlmcli.render.numfmt import format_number

    assert row.split("|")[1].split() == [format_number(v, "%9.0g").strip() for v in ref[0]]


def test_tebalance_refusals(do):
    rc, printed, _ = do("teffects ra (y x1) (t), nolog\ntebalance summarize", DATA.copy())
    assert rc == 322 and "tebalance is not allowed after teffects ra" in printed
    rc, printed, _ = do("tebalance summarize", DATA.copy())
    assert rc == 322 and "teffects or stteffects estimation results not found" in printed
    rc, printed, _ = do("teffects ipw (y) (t x1), nolog\ntebalance foo", DATA.copy())
    assert rc == 198 and "tebalance foo is invalid" in printed


def test_teoverlap_densities_match_kdensity_of_the_propensity_score(do):
    text = ("teffects ipw (y) (t x1 x2), nolog\npredict p0 p1, ps\nteoverlap\n"
            "matrix R = (r(bwidth0), r(bwidth1), r(n0))\n"
            "kdensity p0 if t == 1, kernel(triangle) n(500) nograph")
    rc, printed, s = do(text, DATA.copy())
    assert rc == 0, printed
    R = s.matrices["R"].values.ravel()
    ps0 = s.data.df["p0"].to_numpy(float)
    # Silverman's bandwidth of the treated group's scores, as kdensity computes it
    assert s.r["bwidth"] == pytest.approx(R[1], rel=1e-5) and R[2] == 500
    v = ps0[DATA.t.to_numpy() == 0]
    iqr = np.subtract(*np.percentile(v, [75, 25]))
    assert R[0] == pytest.approx(0.9 * min(v.std(ddof=1), iqr / 1.349) * len(v) ** -0.2, rel=1e-4)
    rc, printed, _ = do("teffects ra (y x1) (t), nolog\nteoverlap", DATA.copy())
    assert rc == 321 and "not supported after ra estimation" in printed
