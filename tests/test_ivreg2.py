"""``ivreg2`` (SSC) against first-principles numpy computations made here (two explicit OLS
stages, canonical correlations from a generalized eigenproblem, N R2 of the residuals on Z, the
two-step GMM objective, robust first-stage Wald statistics) and ivreg2.ado's layout (DispMain's
columns).  The engine also reproduced ivreg2's own Stata output (the sim_cluster fixtures that
restatr/ivreg2r publishes) to 1e-8 when it was written; see docs/ivreg2.md."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import linalg, stats


def _data(n=400, seed=7):
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(40), n // 40)
    x1, z1, z2, z3 = rng.normal(size=(4, n))
    a = rng.normal(size=40)[g]
    u = rng.normal(size=n) * (1 + 0.5 * np.abs(z1)) + a
    v = rng.normal(size=n)
    e1 = 0.6 * z1 + 0.4 * z2 - 0.3 * z3 + 0.5 * x1 + v + 0.5 * u
    e2 = 0.3 * z1 - 0.5 * z2 + 0.6 * z3 + rng.normal(size=n) + 0.3 * u
    y = 1 + 0.8 * x1 + 1.5 * e1 - 0.7 * e2 + u
    return pd.DataFrame(dict(y=y, x1=x1, e1=e1, e2=e2, z1=z1, z2=z2, z3=z3, g=g.astype(float)))


def _ols(X, y):
    return np.linalg.lstsq(X, y, rcond=None)[0]


def _mats(df, endog=("e1",), inst=("z1", "z2", "z3")):
    n = len(df)
    X2 = np.column_stack([df.x1, np.ones(n)])
    Y = df[list(endog)].to_numpy()
    Z1 = df[list(inst)].to_numpy()
    return df.y.to_numpy(), Y, X2, Z1


def _tsls(df, **kw):
    y, Y, X2, Z1 = _mats(df, **kw)
    Z = np.column_stack([X2, Z1])
    Yhat = Z @ _ols(Z, Y)  # the first stage, one OLS per endogenous variable
    Xh = np.column_stack([Yhat, X2])
    X = np.column_stack([Y, X2])
    b = _ols(Xh, y)  # the second stage
    return y, X, Z, Xh, b, y - X @ b


def _fit(do, df, options=""):
    rc, out, s = do(f"ivreg2 y x1 (e1 = z1 z2 z3){', ' + options if options else ''}", df=df)
    assert rc == 0, out
    return out, s


def test_2sls_unadjusted_matches_two_explicit_stages(do):
    df = _data()
    out, s = _fit(do, df)
    y, X, Z, Xh, b, u = _tsls(df)
    n, k = X.shape
    V = (u @ u / n) * np.linalg.inv(Xh.T @ Xh)
    c = s.e.coefficients()
    assert np.allclose(c.b, b, rtol=1e-9)
    assert np.allclose(c.V, V, rtol=1e-8)
    # Sargan: N times the uncentered R2 of the residuals on all instruments
    fitted = Z @ _ols(Z, u)
    sargan = n * (fitted @ fitted) / (u @ u)
    assert s.e.scalars["j"] == pytest.approx(sargan, rel=1e-9)
    assert s.e.scalars["jp"] == pytest.approx(stats.chi2.sf(sargan, 2), rel=1e-8)
    # Anderson: N times the smallest squared canonical correlation of e1 and Z1 given X2
    _, Y, X2, Z1 = _mats(df)
    M = lambda A: A - X2 @ _ols(X2, A)  # noqa: E731
    Yt, Zt = M(Y), M(Z1)
    r2 = linalg.eigh(Yt.T @ Zt @ np.linalg.solve(Zt.T @ Zt, Zt.T @ Yt), Yt.T @ Yt, eigvals_only=True).min()
    assert s.e.scalars["idstat"] == pytest.approx(n * r2, rel=1e-9)
    assert s.e.scalars["cdf"] == pytest.approx(r2 / (1 - r2) * (n - 5) / 3, rel=1e-9)
    # F of the slopes on V, rescaled to the small-sample scale: W/2 (N-K)/N
    W = b[:2] @ np.linalg.solve(V[:2, :2], b[:2])
    assert s.e.scalars["F"] == pytest.approx(W / 2 * (n - k) / n, rel=1e-9)
    rss = u @ u
    assert s.e.scalars["rmse"] == pytest.approx(np.sqrt(rss / n), rel=1e-12)
    assert s.e.scalars["r2u"] == pytest.approx(1 - rss / (df.y @ df.y), rel=1e-12)


def test_robust_and_cluster_sandwich_hansen_j_and_kleibergen_paap(do):
    df = _data()
    y, X, Z, Xh, b, u = _tsls(df)
    n, k = X.shape
    A = np.linalg.inv(Xh.T @ Xh)
    _, Y, X2, Z1 = _mats(df)
    M = lambda B: B - X2 @ _ols(X2, B)  # noqa: E731
    Yt, Zt = M(Y)[:, 0], M(Z1)
    for options, groups in (("robust", np.arange(n)), ("cluster(g)", df.g.to_numpy())):
        out, s = _fit(do, df, options)
        sums = lambda S: pd.DataFrame(S).groupby(groups).sum().to_numpy()  # noqa: E731
        Sx = sums(Xh * u[:, None])
        V = A @ Sx.T @ Sx @ A
        assert np.allclose(s.e.coefficients().V, V, rtol=1e-8), options
        # Hansen J: the two-step GMM objective with S from the 2SLS residuals
        Sz = sums(Z * u[:, None])
        Wm = np.linalg.inv(Sz.T @ Sz / n)
        bg = np.linalg.solve(X.T @ Z @ Wm @ Z.T @ X, X.T @ Z @ Wm @ Z.T @ y)
        g = Z.T @ (y - X @ bg)
        assert s.e.scalars["j"] == pytest.approx(g @ Wm @ g / n, rel=1e-8), options
        # one endogenous regressor: KP rk Wald = the robust Wald test of Z1 in the partialled first
        # stage; KP rk LM = the same form with the scores of e1 itself
        pi = _ols(Zt, Yt)
        Zi = np.linalg.inv(Zt.T @ Zt)
        for resid, key in ((Yt - Zt @ pi, "wald"), (Yt, "lm")):
            Sv = sums(Zt * resid[:, None])
            stat = pi @ np.linalg.solve(Zi @ Sv.T @ Sv @ Zi, pi)
            if key == "lm":
                assert s.e.scalars["idstat"] == pytest.approx(stat, rel=1e-8), options
            else:
                m = len(np.unique(groups))
                scale = (n - 1) * m / (m - 1) / (n - 5) if options != "robust" else n / (n - 5)
                assert s.e.scalars["widstat"] == pytest.approx(stat / scale / 3, rel=1e-8), options


def test_small_cluster_factor_and_t_statistics(do):
    df = _data()
    _, s0 = _fit(do, df, "cluster(g)")
    out, s1 = _fit(do, df, "cluster(g) small")
    n, k, m = 400, 3, 40
    assert np.allclose(s1.e.coefficients().V, s0.e.coefficients().V * (n - 1) / (n - k) * m / (m - 1), rtol=1e-12)
    assert s1.e.scalars["Fdf2"] == m - 1
    assert s1.e.scalars["F"] == pytest.approx(s0.e.scalars["F"], rel=1e-10)
    assert "      t    P>|t|" in out


def test_liml_kappa_and_anderson_rubin(do):
    df = _data()
    out, s = _fit(do, df, "liml")
    y, Y, X2, Z1 = _mats(df)
    Z = np.column_stack([X2, Z1])
    Wm = np.column_stack([y, Y])
    resid = lambda B, C: B - C @ _ols(C, B)  # noqa: E731
    W1, Wz = resid(Wm, X2), resid(Wm, Z)
    lam = linalg.eigh(W1.T @ W1, Wz.T @ Wz, eigvals_only=True).min()
    X = np.column_stack([Y, X2])
    Xz = resid(X, Z)
    A = X.T @ X - lam * Xz.T @ Xz
    b = np.linalg.solve(A, X.T @ y - lam * Xz.T @ resid(y[:, None], Z)[:, 0])
    u = y - X @ b
    assert np.allclose(s.e.coefficients().b, b, rtol=1e-9)
    assert np.allclose(s.e.coefficients().V, (u @ u / 400) * np.linalg.inv(A), rtol=1e-8)
    assert s.e.scalars["lambda"] == pytest.approx(lam, rel=1e-10)
    assert s.e.scalars["arubin"] == pytest.approx(400 * np.log(lam), rel=1e-8)
    assert "k               =" in out and "Anderson-Rubin statistic (overidentification test of all instruments):" in out
    assert "10% maximal LIML size" in out


def test_liml_robust_sandwich_and_hansen_j_from_liml_residuals(do):
    df = _data()
    out, s = _fit(do, df, "liml robust")
    y, Y, X2, Z1 = _mats(df)
    Z = np.column_stack([X2, Z1])
    X = np.column_stack([Y, X2])
    resid = lambda B, C: B - C @ _ols(C, B)  # noqa: E731
    Wm = np.column_stack([y, Y])
    lam = linalg.eigh(resid(Wm, X2).T @ resid(Wm, X2), resid(Wm, Z).T @ resid(Wm, Z), eigvals_only=True).min()
    Xz = resid(X, Z)
    A = X.T @ X - lam * Xz.T @ Xz
    b = np.linalg.solve(A, X.T @ y - lam * Xz.T @ resid(y[:, None], Z)[:, 0])
    u = y - X @ b
    Xh = X - Xz
    Ai = np.linalg.inv(A)
    V = Ai @ (Xh * u[:, None]).T @ (Xh * u[:, None]) @ Ai
    assert np.allclose(s.e.coefficients().V, V, rtol=1e-8)
    S = (Z * u[:, None]).T @ (Z * u[:, None]) / 400
    W = np.linalg.inv(S)
    bg = np.linalg.solve(X.T @ Z @ W @ Z.T @ X, X.T @ Z @ W @ Z.T @ y)
    g = Z.T @ (y - X @ bg)
    assert s.e.scalars["j"] == pytest.approx(g @ W @ g / 400, rel=1e-8)
    assert "Anderson-Rubin statistic" not in out and "Hansen J statistic" in out


def test_gmm2s_robust_is_the_efficient_two_step_estimator(do):
    df = _data()
    y, X, Z, Xh, b, u = _tsls(df)
    S = (Z * u[:, None]).T @ (Z * u[:, None]) / 400
    Wm = np.linalg.inv(S)
    G = X.T @ Z @ Wm @ Z.T @ X
    bg = np.linalg.solve(G, X.T @ Z @ Wm @ Z.T @ y)
    out, s = _fit(do, df, "gmm2s robust")
    assert np.allclose(s.e.coefficients().b, bg, rtol=1e-9)
    assert np.allclose(s.e.coefficients().V, 400 * np.linalg.inv(G), rtol=1e-8)
    assert "2-Step GMM estimation\n---------------------\n\nEstimates efficient for arbitrary heteroskedasticity\n" \
           "Statistics robust to heteroskedasticity\n" in out


def test_two_endogenous_anderson_statistic_and_stock_yogo_rows(do):
    df = _data()
    rc, out, s = do("ivreg2 y x1 (e1 e2 = z1 z2 z3)", df=df)
    assert rc == 0, out
    _, Y, X2, Z1 = _mats(df, endog=("e1", "e2"))
    M = lambda A: A - X2 @ _ols(X2, A)  # noqa: E731
    Yt, Zt = M(Y), M(Z1)
    r2 = linalg.eigh(Yt.T @ Zt @ np.linalg.solve(Zt.T @ Zt, Zt.T @ Yt), Yt.T @ Yt, eigvals_only=True).min()
    assert s.e.scalars["idstat"] == pytest.approx(400 * r2, rel=1e-9)
    assert s.e.scalars["iddf"] == 2
    # Stock and Yogo tabulate no relative bias for K1=2 below L1=4; the size rows for L1=3
    assert "10% maximal IV size             13.43" in out
    assert "maximal IV relative bias" not in out


def test_layout_columns_follow_dispmain(do):
    df = _data()
    out, _ = _fit(do, df, "cluster(g)")
    lines = out.splitlines()
    top = lines.index("IV (2SLS) estimation")
    assert lines[top + 1] == "-" * 20 and lines[top + 2] == ""
    assert lines[top + 3] == "Estimates efficient for homoskedasticity only"
    assert lines[top + 4] == "Statistics robust to heteroskedasticity and clustering on g"
    nobs = lines[top + 6]
    assert nobs.startswith("Number of clusters (g) = ") and nobs.index("Number of obs =") == 54
    assert nobs[32:38] == "    40" and nobs.endswith("=      400")
    assert lines[top + 7][54:].startswith("F(  2,    39) = ")
    assert lines[top + 9].startswith("Total (centered) SS     = ") and lines[top + 9][54:].startswith("Centered R2   = ")
    under = next(i for i, l in enumerate(lines) if l.startswith("Underidentification test (Kleibergen-Paap rk LM"))
    assert len(lines[under]) == 78 and lines[under + 1].startswith(" " * 51 + "Chi-sq(3) P-val =    0.")
    assert len(lines[under + 1]) == 78 and lines[under + 2] == "-" * 78
    assert lines[under + 4] == "                         (Kleibergen-Paap rk Wald F statistic):" + lines[under + 4][63:]
    assert lines[under + 5].startswith("Stock-Yogo weak ID test critical values:  5% maximal IV relative bias")
    assert lines[under + 5].endswith("13.91")
    assert "NB: Critical values are for Cragg-Donald F statistic and i.i.d. errors." in lines
    assert "Hansen J statistic (overidentification test of all instruments):" in out
    assert lines[-4:] == ["Instrumented:         e1", "Included instruments: x1", "Excluded instruments: z1 z2 z3",
                          "-" * 78]
    assert "(Std. Err. adjusted" not in out


def test_varlists_wrap_at_column_23():
    from mlmcli.render.ivreg2 import varlist_lines

    names = [f"variable{i:02d}" for i in range(8)]
    lines = varlist_lines("Included instruments:", names)
    assert lines[0] == "Included instruments: " + " ".join(names[:5])
    assert lines[1] == " " * 22 + " ".join(names[5:])


def test_ols_without_endogenous_regressors_has_no_test_footer(do):
    rc, out, s = do("ivreg2 y x1 z1", df=_data())
    assert rc == 0 and "OLS estimation" in out and "Underidentification" not in out
    assert out.rstrip().endswith("Included instruments: x1 z1\n" + "-" * 78)


@pytest.mark.parametrize("options, message", [
    ("cue", "ivreg2's cue option is not implemented in mlmcli"),
    ("redundant(z1)", "ivreg2's redundant() option is not implemented in mlmcli"),
    ("b0(B)", "ivreg2's b0() option is not implemented in mlmcli"),
    ("partial(e1)", "Error: e1 listed in partial() but does not appear as exogenous."),
    ("cluster(g x1 z1)", "cluster() takes one or two variables"),
    ("fuller(1)", "ivreg2's fuller() option is not implemented in mlmcli"),
])
def test_refused_options_are_named(do, options, message):
    df = _data()
    rc, out, s = do(f"ivreg2 y x1 (e1 = z1 z2 z3), {options}", df=df)
    assert rc == 198 and message in out
    assert s.e is None or getattr(s.e, "cmd", None) != "ivreg2"


def test_e_sample_marks_the_estimation_rows(do):
    df = _data()
    df.loc[3, "z2"] = np.nan
    rc, out, s = do("ivreg2 y x1 (e1 = z1 z2 z3)\ncount if e(sample)", df=df)
    assert rc == 0 and "399" in out.splitlines()[-1]


def test_identification_error(do):
    rc, out, _ = do("ivreg2 y x1 (e1 e2 z3 = z1)", df=_data())
    assert rc == 481


@pytest.mark.parametrize("options", ["", "robust", "cluster(g)", "ffirst endog(e1)"])
def test_fweights_equal_the_expanded_data(do, options):
    df = _data()
    df["f"] = 1.0 + (np.arange(len(df)) % 3)
    rc, out, s = do(f"ivreg2 y x1 (e1 = z1 z2 z3) [fw=f], {options}".rstrip(", "), df=df)
    assert rc == 0, out
    assert f"(sum of wgt is {df.f.sum():14.4e})" in out  # %14.4e: "    7.9900e+02"
    big = df.loc[df.index.repeat(df.f.astype(int))].reset_index(drop=True)
    rc, out2, s2 = do(f"ivreg2 y x1 (e1 = z1 z2 z3), {options}".rstrip(", "), df=big)
    assert rc == 0, out2
    assert np.allclose(s.e.coefficients().b, s2.e.coefficients().b, rtol=1e-9)
    assert np.allclose(s.e.coefficients().V, s2.e.coefficients().V, rtol=1e-8)
    for k in ("N", "F", "j", "idstat", "cdf", "widstat", "arf", "sstat", "estat"):
        if k in s2.e.scalars:
            assert s.e.scalars[k] == pytest.approx(s2.e.scalars[k], rel=1e-8), k


def test_aweights_are_weighted_2sls_normalised_to_n(do):
    df = _data()
    df["a"] = 0.5 + (np.arange(len(df)) % 4)
    rc, out, s = do("ivreg2 y x1 (e1 = z1 z2 z3) [aw=a]", df=df)
    assert rc == 0, out
    n = len(df)
    w = df.a.to_numpy() * n / df.a.sum()
    sw = np.sqrt(w)[:, None]
    y, Y, X2, Z1 = _mats(df)
    X = np.column_stack([Y, X2]) * sw
    Z = np.column_stack([X2, Z1]) * sw
    yw = y * sw[:, 0]
    Xh = Z @ _ols(Z, X)
    b = _ols(Xh, yw)
    u = yw - X @ b
    assert np.allclose(s.e.coefficients().b, b, rtol=1e-9)
    assert np.allclose(s.e.coefficients().V, (u @ u / n) * np.linalg.inv(Xh.T @ Xh), rtol=1e-8)
    rc, out, s = do("ivreg2 y x1 (e1 = z1 z2 z3) [pw=a]", df=df)
    assert rc == 0 and "Statistics robust to heteroskedasticity" in out
    rc, out, _ = do("ivreg2 y x1 (e1 = z1 z2 z3) [iw=a], robust", df=df)
    assert rc == 101 and "iweights not allowed with robust or gmm" in out


def test_replay_and_predict(do):
    df = _data()
    rc, out, s = do("ivreg2 y x1 (e1 = z1 z2 z3)\nivreg2, level(90)\npredict double r, residuals", df=df)
    assert rc == 0, out
    assert "[90% Conf. Interval]" in out
    y, X, Z, Xh, b, u = _tsls(df)
    assert np.allclose(s.data.numeric("r"), u, rtol=1e-9)


@pytest.mark.parametrize("options", ["", "robust", "cluster(g)"])
def test_endog_c_statistic_is_a_difference_of_gmm_objectives(do, options):
    """Restricted fit: e1 is an instrument too; both objectives with S from its 2SLS residuals."""
    df = _data()
    out, s = _fit(do, df, ("endog(e1) " + options).strip())
    y, Y, X2, Z1 = _mats(df)
    X = np.column_stack([Y, X2])
    Z = np.column_stack([X2, Z1])
    Zr = np.column_stack([Z, Y])
    P = Zr @ _ols(Zr, X)
    ur = y - X @ _ols(P, y)
    n = len(y)
    if not options:
        S = (ur @ ur / n) * Zr.T @ Zr / n
    else:
        groups = np.arange(n) if options == "robust" else df.g.to_numpy()
        Sg = pd.DataFrame(Zr * ur[:, None]).groupby(groups).sum().to_numpy()
        S = Sg.T @ Sg / n

    def objective(Zm, S_):
        W = np.linalg.inv(S_)
        b = np.linalg.solve(X.T @ Zm @ W @ Zm.T @ X, X.T @ Zm @ W @ Zm.T @ y)
        g = Zm.T @ (y - X @ b)
        return g @ W @ g / n

    c = objective(Zr, S) - objective(Z, S[:5, :5])
    assert s.e.scalars["estat"] == pytest.approx(c, rel=1e-8)
    lines = out.splitlines()
    i = lines.index("-endog- option:")
    assert lines[i + 1].startswith("Endogeneity test of endogenous regressors: ") and len(lines[i + 1]) == 78
    assert lines[i + 3] == "Regressors tested:    e1" and lines[i + 4] == "-" * 78


def _partial(df, cols, X2):
    A = df[list(cols)].to_numpy()
    return A - X2 @ _ols(X2, A)


def test_ffirst_statistics_from_explicit_regressions(do):
    df = _data()
    rc, out, s = do("ivreg2 y x1 (e1 e2 = z1 z2 z3), ffirst", df=df)
    assert rc == 0, out
    n = len(df)
    X2 = np.column_stack([df.x1, np.ones(n)])
    Yt, Zt, yt = _partial(df, ("e1", "e2"), X2), _partial(df, ("z1", "z2", "z3"), X2), _partial(df, ("y",), X2)[:, 0]
    P = lambda A: Zt @ _ols(Zt, A)  # noqa: E731
    first = s.e.matrices["first"]
    rows = list(first.rownames)
    L = 5
    for j in range(2):
        yj = Yt[:, j]
        rss_u, rss_r = ((yj - P(yj)) ** 2).sum(), (yj ** 2).sum()
        F = ((rss_r - rss_u) / 3) / (rss_u / (n - L))
        assert first.values[rows.index("F"), j] == pytest.approx(F, rel=1e-9)
        assert first.values[rows.index("pr2"), j] == pytest.approx(1 - rss_u / rss_r, rel=1e-9)
        o = Yt[:, 1 - j]
        e = yj - o * (P(o) @ yj) / (P(o) @ o)  # 2SLS of y_j on the other endogenous regressor
        pe = P(e)
        swf = (pe @ pe / 2) / ((e - pe) @ (e - pe) / (n - L))
        assert first.values[rows.index("SWF"), j] == pytest.approx(swf, rel=1e-9)
        assert first.values[rows.index("SWchi2"), j] == pytest.approx(swf * 2 * n / (n - L), rel=1e-9)
    ry = yt - P(yt)
    arf = ((yt @ yt - ry @ ry) / 3) / (ry @ ry / (n - L))
    assert s.e.scalars["arf"] == pytest.approx(arf, rel=1e-9)
    assert s.e.scalars["archi2"] == pytest.approx(arf * 3 * n / (n - L), rel=1e-9)
    assert s.e.scalars["sstat"] == pytest.approx(n * (P(yt) @ P(yt)) / (yt @ yt), rel=1e-9)
    lines = out.splitlines()
    i = lines.index("Summary results for first-stage regressions")
    assert lines[i + 1] == "-" * 43 and lines[i + 3] == " " * 43 + "(Underid)" + " " * 12 + "(Weak id)"
    assert lines[i + 4] == "Variable     | F(  3,   395)  P-val | SW Chi-sq(  2) P-val | SW F(  2,   395)"
    row = lines[i + 5]
    assert row.startswith("e1           |") and row[36] == "|" and row[59] == "|"
    assert float(row[17:25]) == pytest.approx(first.values[rows.index("F"), 0], abs=0.006)
    assert "NB: Critical values are for Sanderson-Windmeijer F statistic." in lines
    ar = next(ln for ln in lines if ln.startswith("Anderson-Rubin Wald test           F(3,395)="))
    assert ar.index("P-val=") == 60
    assert "Number of excluded instruments       L1 =          3" in lines
    assert lines.index("IV (2SLS) estimation") > lines.index("Number of excluded instruments       L1 =          3")


def test_ffirst_robust_wald_forms(do):
    df = _data()
    rc, out, s = do("ivreg2 y x1 (e1 = z1 z2 z3), ffirst cluster(g)", df=df)
    assert rc == 0, out
    n, m, L = len(df), 40, 5
    X2 = np.column_stack([df.x1, np.ones(n)])
    Yt, Zt = _partial(df, ("e1",), X2)[:, 0], _partial(df, ("z1", "z2", "z3"), X2)
    pi = _ols(Zt, Yt)
    r = Yt - Zt @ pi
    Sg = pd.DataFrame(Zt * r[:, None]).groupby(df.g.to_numpy()).sum().to_numpy()
    Zi = np.linalg.inv(Zt.T @ Zt)
    W = pi @ np.linalg.solve(Zi @ Sg.T @ Sg @ Zi, pi)
    first = s.e.matrices["first"]
    assert first.values[list(first.rownames).index("F"), 0] == pytest.approx(
        W / 3 * (n - L) / (n - 1) * (m - 1) / m, rel=1e-8)
    assert "NB: first-stage test statistics cluster-robust" in out
    assert "Number of clusters             N_clust  =         40" in out
    # Stock-Wright S: all instruments, the residuals of y on X2, S summed within clusters
    Z = np.column_stack([X2, df[["z1", "z2", "z3"]].to_numpy()])
    ry = df.y.to_numpy() - X2 @ _ols(X2, df.y.to_numpy())
    Sg = pd.DataFrame(Z * ry[:, None]).groupby(df.g.to_numpy()).sum().to_numpy()
    g = Z.T @ ry
    assert s.e.scalars["sstat"] == pytest.approx(g @ np.linalg.pinv(Sg.T @ Sg) @ g, rel=1e-7)


@pytest.mark.parametrize("options", ["", "robust"])
def test_orthog_c_statistic_uses_the_full_equations_s(do, options):
    df = _data()
    out, s = _fit(do, df, ("orthog(z3) " + options).strip())
    y, X, Z, Xh, b, u = _tsls(df)
    n = len(y)
    S = (u @ u / n) * Z.T @ Z / n if not options else (Z * u[:, None]).T @ (Z * u[:, None]) / n

    def objective(cols):
        Zm, W = Z[:, cols], np.linalg.inv(S[np.ix_(cols, cols)])
        bb = np.linalg.solve(X.T @ Zm @ W @ Zm.T @ X, X.T @ Zm @ W @ Zm.T @ y)
        g = Zm.T @ (y - X @ bb)
        return g @ W @ g / n

    c = objective([0, 1, 2, 3, 4]) - objective([0, 1, 2, 3])
    assert s.e.scalars["cstat"] == pytest.approx(c, rel=1e-8)
    assert s.e.macros["clist"] == "z3"
    lines = out.splitlines()
    i = lines.index("-orthog- option:")
    head = "Hansen J statistic (eqn. excluding suspect orthog. conditions): " if options else \
        "Sargan statistic (eqn. excluding suspect orthogonality conditions):"
    assert lines[i + 1].startswith(head) and len(lines[i + 1]) == 78
    assert lines[i + 3].startswith("C statistic (exogeneity/orthogonality of suspect instruments): ")
    assert lines[i + 5] == "Instruments tested:   z3"
    rc, out, _ = do("ivreg2 y x1 (e1 = z1 z2 z3), orthog(e1)", df=df)
    assert rc == 198 and "Error: e1 listed in orthog() but does not appear as exogenous." in out


@pytest.mark.parametrize("options", ["first", "first robust"])
def test_first_shows_each_first_stage_regression(do, options):
    df = _data()
    rc, out, s = do(f"ivreg2 y x1 (e1 = z1 z2 z3), {options}", df=df)
    assert rc == 0, out
    n = len(df)
    Z = np.column_stack([df.z1, df.z2, df.z3, df.x1, np.ones(n)])
    e1 = df.e1.to_numpy()
    b = _ols(Z, e1)
    r = e1 - Z @ b
    ZZi = np.linalg.inv(Z.T @ Z)
    V = (r @ r / (n - 5)) * ZZi if options == "first" else ZZi @ (Z * r[:, None]).T @ (Z * r[:, None]) @ ZZi * n / (n - 5)
    lines = out.splitlines()
    i = lines.index("First-stage regression of e1:")
    assert lines[i - 5:i] == ["", "First-stage regressions", "-" * 23, "", ""]
    assert lines[i + 1] == "" and lines[i + 3] == "Number of obs =                    400"
    rows = {ln.split("|")[0].strip(): ln for ln in lines[i + 4:i + 15] if "|" in ln}
    for name, coef, se in zip(("z1", "z2", "z3", "x1", "_cons"), b, np.sqrt(np.diag(V))):
        fields = rows[name].split("|")[1].split()
        assert float(fields[0]) == pytest.approx(coef, rel=1e-6, abs=1e-7)
        assert float(fields[1]) == pytest.approx(se, rel=1e-6)
    j = lines.index("F test of excluded instruments:")
    assert lines[j + 1].startswith("  F(  3,   395) = ") and lines[j + 3].startswith("Sanderson-Windmeijer")
    assert "Summary results for first-stage regressions" in out


def test_two_way_cluster_is_cameron_gelbach_miller(do):
    df = _data()
    df["h"] = (np.arange(len(df)) % 7).astype(float)
    rc, out, s = do("ivreg2 y x1 (e1 = z1 z2 z3), cluster(g h) small", df=df)
    assert rc == 0, out
    y, X, Z, Xh, b, u = _tsls(df)
    n, k = X.shape
    A = np.linalg.inv(Xh.T @ Xh)

    def meat(groups):
        S = pd.DataFrame(Xh * u[:, None]).groupby(groups).sum().to_numpy()
        return S.T @ S

    g, h = df.g.to_numpy(), df.h.to_numpy()
    V = A @ (meat(g) + meat(h) - meat(g * 100 + h)) @ A
    m = 7  # the smaller number of clusters
    assert np.allclose(s.e.coefficients().V, V * (n - 1) / (n - k) * m / (m - 1), rtol=1e-8)
    assert s.e.scalars["N_clust"] == 7 and s.e.scalars["N_clust1"] == 40 and s.e.scalars["N_clust2"] == 7
    assert s.e.scalars["Fdf2"] == 6 and s.e.macros["vce"] == "robust two-way cluster"
    lines = out.splitlines()
    i = next(j for j, ln in enumerate(lines) if ln.startswith("Number of clusters (g) ="))
    assert lines[i + 1].startswith("Number of clusters (h) = " + " " * 7 + "     7")  # _col(33) %6.0f
    assert lines[i + 1][54:].startswith("F(  2,     6) = ")
    assert "Statistics robust to heteroskedasticity and clustering on g and h" in lines


@pytest.mark.parametrize("options", ["", "robust small", "cluster(g) ffirst"])
def test_partial_leaves_the_other_estimates_unchanged(do, options):
    """Frisch-Waugh-Lovell: partialling x1 and the constant out keeps e1's estimate, V and the
    tests (sdofminus keeps the small-sample counts), and drops x1 and _cons from the table."""
    df = _data()
    rc, out, s = do(f"ivreg2 y x1 (e1 = z1 z2 z3), partial(x1) {options}", df=df)
    assert rc == 0, out
    rc, out_full, s_full = do(f"ivreg2 y x1 (e1 = z1 z2 z3), {options}", df=df)
    c, cf = s.e.coefficients(), s_full.e.coefficients()
    assert list(c.names) == ["e1"]
    assert c.b[0] == pytest.approx(cf.b[0], rel=1e-10)
    assert c.V[0, 0] == pytest.approx(cf.V[0, 0], rel=1e-8)
    for k in ("j", "idstat", "cdf", "widstat", "rmse", "df_r", "arf"):  # not sstat: its moments lose X2
        if k in s_full.e.scalars:
            assert s.e.scalars[k] == pytest.approx(s_full.e.scalars[k], rel=1e-8), k
    assert s.e.scalars["Fdf1"] == 1 and s.e.macros["partial"] == "x1"
    lines = out.splitlines()
    i = lines.index("Partialled-out:       x1 _cons")
    assert lines[i + 1] == " " * 22 + "nb: total SS, model F and R2s are after partialling-out;"
    assert "Included instruments:" not in out and "       _cons |" not in out


def test_kclass_is_the_k_class_estimator(do):
    df = _data()
    rc, out, s = do("ivreg2 y x1 (e1 = z1 z2 z3), kclass(0.7)", df=df)
    assert rc == 0, out
    y, Y, X2, Z1 = _mats(df)
    X = np.column_stack([Y, X2])
    Z = np.column_stack([X2, Z1])
    Xz = X - Z @ _ols(Z, X)
    yz = y - Z @ _ols(Z, y)
    A = X.T @ X - 0.7 * Xz.T @ Xz
    b = np.linalg.solve(A, X.T @ y - 0.7 * Xz.T @ yz)
    u = y - X @ b
    assert np.allclose(s.e.coefficients().b, b, rtol=1e-9)
    assert np.allclose(s.e.coefficients().V, (u @ u / 400) * np.linalg.inv(A), rtol=1e-8)
    lines = out.splitlines()
    i = lines.index("k-class estimation")
    assert lines[i + 2] == "k               =0.70000" and lines[i + 3] == ""
    assert "Stock-Yogo weak ID test critical values:" + " " * 23 + "<not available>" in lines


def test_replay_shows_first_stage_blocks_only_when_asked(do):
    df = _data()
    rc, out, s = do("ivreg2 y x1 (e1 = z1 z2 z3), ffirst\nivreg2\nivreg2, ffirst", df=df)
    assert rc == 0, out
    assert out.count("Summary results for first-stage regressions") == 2  # the fit and the ffirst replay
    rc, out, s = do("ivreg2 y x1 (e1 = z1 z2 z3)\nivreg2, first", df=df)
    assert rc == 0 and "Unable to display first-stage estimates; macro e(first) is missing" in out
    assert "Unable to display summary of first-stage estimates; macro e(first) is missing" in out
