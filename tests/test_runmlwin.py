"""runmlwin (SSC; Leckie and Charlton's interface to MLwiN) on mlm's mixed engine: IGLS is
maximum likelihood and RIGLS is REML, so every number is compared with ``mixed`` fitted to the
same model in the same session (fixed part, (co)variances and their standard errors in the
variance metric of ``estat sd, variance post``, the log likelihood); the layout is checked against
runmlwin.ado's runmlwin_display (column positions read from the ado-file: docs/runmlwin.md)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _data(seed: int = 3, groups: int = 25, per: int = 8) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(1, groups + 1), per)
    x = rng.normal(size=g.size)
    u0 = rng.normal(scale=0.8, size=groups + 1)[g]
    u1 = rng.normal(scale=0.4, size=groups + 1)[g]
    school = np.ceil(g / 5)
    v = rng.normal(scale=0.5, size=int(school.max()) + 1)[school.astype(int)]
    y = 1 + 0.5 * x + u0 + u1 * x + v + rng.normal(size=g.size)
    return pd.DataFrame({"school": school, "id": g.astype(float), "obs": np.arange(1.0, g.size + 1),
                         "cons": 1.0, "x": x, "y": y})


def _e(session):
    e = session.e
    b = dict(zip(e.matrices["b"].colnames, np.asarray(e.matrices["b"].values, float).ravel()))
    V = np.asarray(e.matrices["V"].values, float)
    se = dict(zip(e.matrices["b"].colnames, np.sqrt(np.diag(V))))
    return e, b, se


@pytest.mark.parametrize("method, mixed_method", [("", "mle"), ("rigls", "reml")])
def test_random_slope_equals_mixed(new_session, run, method, mixed_method):
    s = new_session(_data())
    out, rc = run(s, f"runmlwin y cons x, level2(id: cons x) level1(obs: cons) nopause {method}")
    assert rc == 0, out
    e, b, se = _e(s)
    ll = e.scalars["ll"]
    m = new_session(_data())
    out2, rc2 = run(m, f"quietly mixed y cons x, noconstant || id: cons x, noconstant cov(un) {mixed_method}\n"
                       "scalar mll = e(ll)\nquietly estat sd, variance post")
    assert rc2 == 0, out2
    _, mb, mse = _e(m)
    pairs = {"FP1:cons": "y:cons", "FP1:x": "y:x", "RP2:var(cons)": "id:var(cons)",
             "RP2:cov(cons\\x)": "id:cov(cons,x)", "RP2:var(x)": "id:var(x)", "RP1:var(cons)": "Residual:var(e)"}
    assert list(b) == list(pairs)  # runmlwin's order: FP, then by level, lower triangle by rows
    for ours, theirs in pairs.items():
        assert b[ours] == pytest.approx(mb[theirs], rel=1e-7, abs=1e-10)
        assert se[ours] == pytest.approx(mse[theirs], rel=1e-6, abs=1e-10)
    out3, _ = run(m, "display %21.15g scalar(mll)")
    assert ll == pytest.approx(float(out3.split()[-1]), rel=1e-10)
    assert e.scalars["deviance"] == pytest.approx(-2 * ll)
    assert e.macros["method"] == ("RIGLS" if method else "IGLS")
    assert e.cmd == "runmlwin" and e.scalars["k_f"] == 2 and e.scalars["k_r"] == 4 and e.scalars["N"] == 200


def test_three_levels_and_diagonal_equal_mixed(new_session, run):
    s = new_session(_data())
    out, rc = run(s, "runmlwin y cons x, level3(school: cons) level2(id: cons x, diagonal) level1(obs: cons) nopause")
    assert rc == 0, out
    e, b, se = _e(s)
    m = new_session(_data())
    out2, rc2 = run(m, "quietly mixed y cons x, noconstant || school: cons, noconstant || id: cons x, noconstant "
                       "cov(ind) mle\nquietly estat sd, variance post")
    assert rc2 == 0, out2
    _, mb, mse = _e(m)
    assert list(b) == ["FP1:cons", "FP1:x", "RP3:var(cons)", "RP2:var(cons)", "RP2:var(x)", "RP1:var(cons)"]
    for ours, theirs in (("RP3:var(cons)", "school:var(cons)"), ("RP2:var(x)", "id:var(x)"),
                         ("RP1:var(cons)", "Residual:var(e)"), ("FP1:x", "y:x")):
        assert b[ours] == pytest.approx(mb[theirs], rel=1e-6)
        assert se[ours] == pytest.approx(mse[theirs], rel=1e-5)
    assert e.macros["ivars"] == "school id" and e.scalars["numlevels"] == 3
    assert "Level 3: school" in out and "Level 2: id" in out and "Level 1: obs" in out
    lines = out.splitlines()
    at = lines.index(" Level Variable |   Groups    Minimum    Average    Maximum")
    assert lines[at + 2].split() == ["school", "|", "5", "40", "40.0", "40"]
    assert lines[at + 3].split() == ["id", "|", "25", "8", "8.0", "8"]


def test_layout(new_session, run):
    s = new_session(_data())
    out, rc = run(s, "runmlwin y cons x, level2(id: cons x) level1(obs: cons) nopause rigls")
    assert rc == 0
    lines = out.splitlines()
    head = next(k for k, line in enumerate(lines) if line.startswith("MLwiN"))
    assert lines[head].index("Number of obs") == 48 and lines[head].index("=") == 67
    assert lines[head].endswith("200") and lines[head + 1] == "Normal response model"
    assert lines[head + 2] == "Estimation algorithm: RIGLS"
    assert lines[head + 4] == "-" * 59 and lines[head + 7] == "-" * 16 + "+" + "-" * 42
    fit = next(k for k, line in enumerate(lines) if line.startswith("Run time (seconds)"))
    assert lines[fit].index("=") == 26 and lines[fit + 2].startswith("Log restricted-likelihood =")
    assert lines[fit + 3].startswith("Restricted-deviance       =")
    assert lines[fit + 4] == "-" * 78
    assert lines[fit + 5] == ("           y |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]")
    assert lines[fit + 6] == "-" * 13 + "+" + "-" * 64
    assert lines[fit + 7].startswith("        cons |")
    re_head = lines.index("   Random-effects Parameters |   Estimate   Std. Err.     [95% Conf. Interval]")
    assert lines[re_head - 2] == "" and lines[re_head + 1] == "-" * 29 + "+" + "-" * 48
    assert lines[re_head + 2] == "Level 2: id" + " " * 18 + "|"
    assert [line.split("|")[0].strip() for line in lines[re_head + 3:re_head + 6]] == \
        ["var(cons)", "cov(cons,x)", "var(x)"]
    e, b, se = _e(s)
    row = lines[re_head + 4]
    est, err, lo, hi = (float(v) for v in row.split("|")[1].split())
    assert est == pytest.approx(b["RP2:cov(cons\\x)"], rel=1e-5)
    assert lo == pytest.approx(b["RP2:cov(cons\\x)"] - 1.959963985 * se["RP2:cov(cons\\x)"], rel=1e-5)
    out2, _ = run(s, "runmlwin, nogroup noretable")
    assert "Observations per Group" not in out2 and "Random-effects" not in out2
    out3, _ = run(s, "runmlwin, level(90) sd")
    assert "[90% Conf. Interval]" in out3 and "sd(cons)" in out3
    sd = float(next(line for line in out3.splitlines() if "sd(cons)" in line and "Level" not in line)
               .split("|")[1].split()[0])
    assert sd == pytest.approx(np.sqrt(b["RP2:var(cons)"]), rel=1e-5)


def test_postestimation(new_session, run):
    s = new_session(_data())
    out, rc = run(s, "quietly runmlwin y cons, level2(id: cons) level1(obs: cons) nopause\nestimates store m0\n"
                     "quietly runmlwin y cons x, level2(id: cons) level1(obs: cons) nopause\nestimates store m1\n"
                     "estimates table m0 m1, se stats(deviance)\nlrtest m0 m1\npredict xb1, xb\n"
                     "matrix list e(RP2)")
    assert rc == 0, out
    assert "deviance" in out and "RP2" in out and "LR chi2(1)" in out
    dev = [float(v) for line in out.splitlines() if line.strip().startswith("deviance")
           for v in line.split("|")[1].split()]
    e, b, _ = _e(s)
    assert dev[1] == pytest.approx(e.scalars["deviance"], rel=1e-7)
    df = s.data.df
    assert np.allclose(df["xb1"], np.float32(b["FP1:cons"] + b["FP1:x"] * df["x"]), rtol=1e-6)


def test_refusals_and_checks(new_session, run):
    s = new_session(_data())
    out, rc = run(s, "runmlwin y cons x, level2(id: cons) level1(obs: cons) mcmc(burnin(500))")
    assert rc == 198 and "MLwiN's MCMC is not available; mlm fits IGLS/RIGLS" in out
    out, rc = run(s, "runmlwin y cons x, level2(id: cons) level1(obs:) discrete(distribution(binomial) "
                     "link(logit) denominator(cons))")
    assert rc == 198 and "melogit" in out and "mepoisson" in out
    out, rc = run(s, "runmlwin y cons x, level2(id: cons) level1(obs:) nopause")
    assert rc == 198 and "level-1 variance" in out
    out, rc = run(s, "runmlwin y cons x, level2(id: cons) nopause")
    assert rc == 198 and "option level1() required" in out
    out, rc = run(s, "runmlwin y cons x, level2(id school: cons) level1(obs: cons)")
    assert rc == 198 and "Only one level 2 ID is allowed" in out
    out, rc = run(s, "runmlwin y cons x, level2(id: cons) level1(obs: cons) or")
    assert rc == 198 and "Odds ratio options is only valid for univariate logit models" in out
    out, rc = run(s, "sort x\nrunmlwin y cons x, level2(id: cons) level1(obs: cons)")
    assert rc == 198 and "The data must be sorted according to the order of the model hierarchy: id obs." in out
    before = s.data.df["x"].to_numpy().copy()
    out, rc = run(s, "runmlwin y cons x, level2(id: cons) level1(obs: cons) forcesort")
    assert rc == 0 and "Warning: The data have been resorted" in out
    assert np.array_equal(s.data.df["x"].to_numpy(), before)  # the data in memory keep their order
    out, rc = run(s, "runmlwin y cons x, level2(id: cons) level1(obs: cons) weights(level1(w))")
    assert rc == 198


def test_replay_needs_runmlwin_results(new_session, run):
    s = new_session(_data())
    out, rc = run(s, "runmlwin")
    assert rc == 301


# ---------------------------------------------------------------- complex level-1 variation
def _hetero_data(seed: int = 7, groups: int = 15, per: int = 6) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(1, groups + 1), per)
    x = rng.uniform(-1.5, 1.5, size=g.size)
    y = 2 + 0.7 * x + rng.normal(scale=0.9, size=groups + 1)[g] + rng.normal(size=g.size) * np.sqrt(1 + 0.5 * x)
    return pd.DataFrame({"id": g.astype(float), "obs": np.arange(1.0, g.size + 1), "cons": 1.0, "x": x, "y": y})


def _dense_fit(df: pd.DataFrame, reml: bool):
    """The same model by brute force: the whole n x n V, beta by GLS, theta = (var_u, s00, s01)
    maximised by Nelder-Mead from the answer's neighbourhood, the information by central
    differences -- independent of mlmcli.mixed.level1_variance's per-group algebra."""
    from scipy.optimize import minimize

    y = df["y"].to_numpy()
    X = df[["cons", "x"]].to_numpy()
    same = (df["id"].to_numpy()[:, None] == df["id"].to_numpy()[None, :]).astype(float)
    x = df["x"].to_numpy()

    def ll(t):
        h = t[1] + 2 * t[2] * x
        if t[0] < 0 or np.any(h <= 0):
            return -np.inf
        V = t[0] * same + np.diag(h)
        Vi = np.linalg.inv(V)
        XVX = X.T @ Vi @ X
        b = np.linalg.solve(XVX, X.T @ Vi @ y)
        r = y - X @ b
        n, p = X.shape
        value = -0.5 * (np.linalg.slogdet(V)[1] + r @ Vi @ r)
        if reml:
            return value - 0.5 * ((n - p) * np.log(2 * np.pi) + np.linalg.slogdet(XVX)[1])
        return value - 0.5 * n * np.log(2 * np.pi)

    best = minimize(lambda t: -ll(t), np.array([0.8, 1.0, 0.2]), method="Nelder-Mead",
                    options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 20000, "maxfev": 40000})
    t = best.x
    h = 1e-4
    H = np.zeros((3, 3))
    for i in range(3):
        for j in range(3):
            ei, ej = np.eye(3)[i] * h, np.eye(3)[j] * h
            H[i, j] = (ll(t + ei + ej) - ll(t + ei - ej) - ll(t - ei + ej) + ll(t - ei - ej)) / (4 * h * h)
    return t, -best.fun, np.sqrt(np.diag(np.linalg.inv(-H)))


@pytest.mark.parametrize("method", ["", "rigls"])
def test_level1_variance_function_against_dense_likelihood(new_session, run, method):
    """heldout/anon-milner-tariffs' models 6-8: level1(id: cons x, elements(A)) with A = (1,1,0):
    var(e_i) = s00 + 2 s01 x_i."""
    df = _hetero_data()
    s = new_session(df)
    out, rc = run(s, f"matrix A = (1,1,0)\nrunmlwin y cons x, level2(id: cons) level1(obs: cons x, elements(A)) "
                     f"nopause {method}")
    assert rc == 0, out
    e, b, se = _e(s)
    assert list(b) == ["FP1:cons", "FP1:x", "RP2:var(cons)", "RP1:var(cons)", "RP1:cov(cons\\x)"]
    t, ll, t_se = _dense_fit(df, bool(method))
    assert e.scalars["ll"] == pytest.approx(ll, rel=1e-9)
    ours = [b["RP2:var(cons)"], b["RP1:var(cons)"], b["RP1:cov(cons\\x)"]]
    assert ours == pytest.approx(list(t), rel=1e-4, abs=1e-6)
    ours_se = [se["RP2:var(cons)"], se["RP1:var(cons)"], se["RP1:cov(cons\\x)"]]
    assert ours_se == pytest.approx(list(t_se), rel=2e-3)
    assert e.scalars["converged"] == 1 and e.scalars["k_r"] == 3
    lines = out.splitlines()
    assert "Level 1: obs" + " " * 17 + "|" in lines
    assert any(line.split("|")[0].strip() == "cov(cons,x)" for line in lines)
    out2, rc2 = run(s, "predict p1\npredict p2, stdp")
    assert rc2 == 0
    assert np.allclose(s.data.df["p1"], np.float32(b["FP1:cons"] + b["FP1:x"] * df["x"]), rtol=1e-6)


def test_engine_equals_mixed_without_a_variance_function(new_session, run):
    """mlmcli.mixed.level1_variance on the model mixed fits (level1 = cons, unstructured level 2):
    the same (restricted) log likelihood, estimates and standard errors."""
    from mlmcli.mixed.level1_variance import RandomPart, fit

    df = _data()
    X = df[["cons", "x"]].to_numpy()
    higher = [RandomPart(df["id"].to_numpy(), X, ((0, 0), (1, 0), (1, 1)))]
    level1 = RandomPart(np.arange(len(df)), df[["cons"]].to_numpy(), ((0, 0),))
    for reml in (False, True):
        m = new_session(df)
        out, rc = run(m, f"quietly mixed y cons x, noconstant || id: cons x, noconstant cov(un) "
                         f"{'reml' if reml else 'mle'}\nscalar mll = e(ll)\nquietly estat sd, variance post\n"
                         "display %21.15g scalar(mll)")
        assert rc == 0, out
        _, mb, mse = _e(m)
        f = fit(df["y"].to_numpy(), X, higher, level1, np.array([0.5, 0.0, 0.1, 1.0]), reml)
        assert f.converged and f.ll == pytest.approx(float(out.split()[-1]), rel=1e-12)
        ours = dict(zip(["var(cons)", "cov(cons,x)", "var(x)", "var(e)"], f.theta))
        ours_se = dict(zip(["var(cons)", "cov(cons,x)", "var(x)", "var(e)"], np.sqrt(np.diag(f.V))[2:]))
        for name, key in (("var(cons)", "id:var(cons)"), ("cov(cons,x)", "id:cov(cons,x)"),
                          ("var(x)", "id:var(x)"), ("var(e)", "Residual:var(e)")):
            assert ours[name] == pytest.approx(mb[key], rel=1e-6)
            assert ours_se[name] == pytest.approx(mse[key], rel=1e-5)
        assert f.beta == pytest.approx([mb["y:cons"], mb["y:x"]], rel=1e-7)
        assert np.sqrt(np.diag(f.V))[:2] == pytest.approx([mse["y:cons"], mse["y:x"]], rel=1e-7)


def test_partial_elements_at_level_2_and_collinearity(new_session, run):
    df = _data()
    df["x2"] = 2 * df["x"]
    s = new_session(df)
    out, rc = run(s, "matrix B = (1,1,0)\nrunmlwin y cons x x2, level2(id: cons x, elements(B)) "
                     "level1(obs: cons) nopause")
    assert rc == 0, out
    assert "note: x2 omitted because of collinearity" in out
    e, b, se = _e(s)
    assert list(b) == ["FP1:cons", "FP1:x", "RP2:var(cons)", "RP2:cov(cons\\x)", "RP1:var(cons)"]
    out, rc = run(s, "matrix C = (1,2,1)\nrunmlwin y cons x, level2(id: cons x, elements(C)) level1(obs: cons)")
    assert rc == 198 and "should be 0" in out


def test_single_level_is_least_squares_and_initsprevious(new_session, run):
    """level1() alone: the ML fit of a linear regression (b as regress's, var = RSS/N);
    initsprevious starts from the last estimates and ends at the same optimum."""
    s = new_session(_data())
    out, rc = run(s, "quietly regress y x\nscalar rss = e(rss)\nscalar n = e(N)\nmatrix B = e(b)\n"
                     "runmlwin y cons x, level1(obs: cons) nopause")
    assert rc == 0, out
    e, b, _ = _e(s)
    reg = np.asarray(s.matrices["B"].values, float).ravel()
    assert [b["FP1:x"], b["FP1:cons"]] == pytest.approx(list(reg), rel=1e-9)
    assert b["RP1:var(cons)"] == pytest.approx(s.scalars["rss"] / s.scalars["n"], rel=1e-7)
    assert "Observations per Group" not in out and e.scalars["numlevels"] == 1
    out, rc = run(s, "matrix A = (1,1,0)\nquietly runmlwin y cons x, level2(id: cons) level1(obs: cons x, elements(A))\n"
                     "scalar first = e(ll)\nquietly runmlwin y cons x, level2(id: cons) "
                     "level1(obs: cons x, elements(A)) initsprevious\ndisplay e(ll) - scalar(first)")
    assert rc == 0, out
    assert abs(float(out.split()[-1])) < 1e-7
