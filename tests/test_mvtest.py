"""mvtest: means, covariances, correlations and normality against base-R textbook formulas
(tests/systems_reference/mvtest.R), R's manova (means, by()), and numpy from the definitions
(Mardia, Henze-Zirkler, Doornik-Hansen, Jennrich); the layout of mvtest_*.ado; errors."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from systems_helpers import DATA, check_error, reference, run_ok

REF = reference("mvtest")
MANOVA = reference("manova")
Y = DATA[["y1", "y2", "y3"]].values
_run = run_ok


def test_means_one_sample(do):
    printed, s = _run(do, "mvtest means y1 y2 y3")
    ref = REF["means_equal"]
    assert s.r["T2"] == pytest.approx(ref["T2"], rel=1e-9) and s.r["F"] == pytest.approx(ref["F"], rel=1e-9)
    assert (s.r["df_m"], s.r["df_r"]) == (2, 46) and s.r["p_F"] == pytest.approx(ref["p"], rel=1e-7)
    assert printed.splitlines()[-3:] == [
        "          Hotelling T2 =     16.65", "     Hotelling F(2,46) =      8.15", "              Prob > F =    0.0009"]
    assert "\nTest that all means are the same\n\n          Hotelling T2 =     16.65\n" in printed
    _, s = _run(do, "mvtest means y1 y2 y3, zero")
    assert s.r["T2"] == pytest.approx(REF["means_zero"]["T2"], rel=1e-9)
    _, s = _run(do, "matrix m = (0,0,0)\nmvtest means y1 y2 y3, equals(m)")
    assert s.r["T2"] == pytest.approx(REF["means_zero"]["T2"], rel=1e-9)
    _, s = _run(do, "matrix A = (1,0,-1 \\ 0,1,-1)\nmvtest means y1 y2 y3, linear(A)")
    assert s.r["T2"] == pytest.approx(REF["means_equal"]["T2"], rel=1e-9)


def test_means_by_groups_is_manova(do):
    printed, s = _run(do, "mvtest means y1 y2 y3, by(g)")
    for row, name in zip(s.r["stat_m"].values, ("Wilks", "Pillai", "Hotelling-Lawley", "Roy")):
        np.testing.assert_allclose(row[:5], MANOVA["oneway"]["g"][name], rtol=1e-7)
    assert "Test for equality of 3 group means, assuming homogeneity" in printed
    assert "              Wilks' lambda |   0.9023    6.0      86.0      0.76     0.6063   e" in printed
    rc, printed, _ = do("mvtest means y1 y2 y3, by(g) heterogeneous", DATA.copy())
    assert rc == 198 and "not implemented in mlmcli" in printed


def test_covariances(do):
    printed, s = _run(do, "mvtest covariances y1 y2 y3")
    assert s.r["chi2"] == pytest.approx(REF["diagonal"], rel=1e-9) and s.r["df"] == 3
    assert "\nTest that covariance matrix is diagonal\n\n   Adjusted LR chi2(3) =      1.29\n" \
           "           Prob > chi2 =    0.7307" in printed
    _, s = _run(do, "mvtest cov y1 y2 y3, spherical")
    assert s.r["chi2"] == pytest.approx(REF["spherical"], rel=1e-9) and s.r["df"] == 5
    printed, s = _run(do, "mvtest cov y1 y2 y3, by(g)")
    box = REF["box"]
    assert s.r["chi2"] == pytest.approx(box["chi2"], rel=1e-9) and s.r["F_Box"] == pytest.approx(box["F"], rel=1e-9)
    assert s.r["df_r_Box"] == pytest.approx(box["df2"], rel=1e-9) and s.r["p_F_Box"] == pytest.approx(box["p_F"], rel=1e-7)
    assert "      Box F(12,9813.5) =      0.79      Prob > F =  0.6634" in printed
    assert "          Box chi2(12) =      9.47   Prob > chi2 =  0.6623" in printed
    assert f"      Modified LR chi2 = {box['M']:9.4f}" in printed


def test_compound_covariance_from_first_principles(do):
    _, s = _run(do, "mvtest cov y1 y2 y3, compound")
    S = np.cov(Y.T)
    k, nu = 3, 47
    s2 = np.trace(S) / k
    r = (S.sum() - np.trace(S)) / (k * (k - 1) * s2)
    # Rencher (2002, 7.15): |S| / (s2^k (1 - r)^(k-1) (1 + (k-1) r))
    u = np.linalg.det(S) / (s2 ** k * (1 - r) ** (k - 1) * (1 + (k - 1) * r))
    chi2 = -(nu - k * (k + 1) ** 2 * (2 * k - 3) / (6 * (k - 1) * (k * k + k - 4))) * np.log(u)
    assert s.r["chi2"] == pytest.approx(chi2, rel=1e-9) and s.r["df"] == 4


def test_correlations(do):
    printed, s = _run(do, "mvtest correlations y1 y2 y3")
    assert s.r["chi2"] == pytest.approx(REF["lawley"], rel=1e-9) and s.r["df"] == 2
    assert "Test that correlation matrix is compound symmetric (all correlations equal)" in printed
    _, s = _run(do, "mvtest corr y1 y2 y3, by(h)")
    # Jennrich (1970): with c_i the group correlations, R their n-weighted mean,
    # chi2 = sum_i [tr(Z_i^2)/2 - dg(Z_i)' (I + R * R^-1)^-1 dg(Z_i)], Z_i = sqrt(n_i) R^-1 (C_i - R)
    groups = [Y[DATA.h.values == v] for v in (1, 2)]
    Cs = [np.corrcoef(G.T) for G in groups]
    ns = [len(G) for G in groups]
    R = sum(n * C for n, C in zip(ns, Cs)) / sum(ns)
    Ri = np.linalg.inv(R)
    chi2 = 0.0
    for n, C in zip(ns, Cs):
        Z = np.sqrt(n) * Ri @ (C - R)
        z = np.diag(Z)
        chi2 += np.trace(Z @ Z) / 2 - z @ np.linalg.solve(np.eye(3) + R * Ri, z)
    assert s.r["chi2"] == pytest.approx(chi2, rel=1e-9) and s.r["df"] == 3


def _mardia_hz_dh(X):
    n, k = X.shape
    D = X - X.mean(axis=0)
    S = D.T @ D / n
    Si = np.linalg.inv(S)
    b1 = sum((D[i] @ Si @ D[j]) ** 3 for i in range(n) for j in range(n)) / n ** 2
    b2 = sum((D[i] @ Si @ D[i]) ** 2 for i in range(n)) / n
    # Henze-Zirkler (1990): beta = ((2k+1) n / 4)^(1/(k+4)) / sqrt(2)
    beta = ((2 * k + 1) * n / 4) ** (1 / (k + 4)) / np.sqrt(2)
    t = beta ** 2
    hz = (sum(np.exp(-t / 2 * (D[i] - D[j]) @ Si @ (D[i] - D[j])) for i in range(n) for j in range(n)) / n
          - 2 * (1 + t) ** (-k / 2) * sum(np.exp(-t / (2 * (1 + t)) * D[i] @ Si @ D[i]) for i in range(n))
          + n * (1 + 2 * t) ** (-k / 2))
    # Doornik-Hansen (2008): V^-1/2 D, then the correlation matrix's symmetric inverse root
    d = np.sqrt(np.diag(S))
    C = S / np.outer(d, d)
    lam, H = np.linalg.eigh(C)
    Yt = (D / d) @ H @ np.diag(lam ** -0.5) @ H.T
    total = 0.0
    for j in range(k):
        sk = np.mean(Yt[:, j] ** 3)
        ku = np.mean(Yt[:, j] ** 4)
        bet = 3 * (n ** 2 + 27 * n - 70) * (n + 1) * (n + 3) / ((n - 2) * (n + 5) * (n + 7) * (n + 9))
        om2 = -1 + np.sqrt(2 * (bet - 1))
        delta = 1 / np.sqrt(np.log(np.sqrt(om2)))
        y = sk * np.sqrt((om2 - 1) * (n + 1) * (n + 3) / (12 * (n - 2)))
        z1 = delta * np.log(y + np.sqrt(y ** 2 + 1))
        dd = (n - 3) * (n + 1) * (n ** 2 + 15 * n - 4)
        a = (n - 2) * (n + 5) * (n + 7) * (n ** 2 + 27 * n - 70) / (6 * dd)
        c = (n - 7) * (n + 5) * (n + 7) * (n ** 2 + 2 * n - 5) / (6 * dd)
        kk = (n + 5) * (n + 7) * (n ** 3 + 37 * n ** 2 + 11 * n - 313) / (12 * dd)
        alpha = a + c * sk ** 2
        chi = 2 * kk * (ku - 1 - sk ** 2)
        z2 = ((chi / (2 * alpha)) ** (1 / 3) - 1 + 1 / (9 * alpha)) * np.sqrt(9 * alpha)
        total += z1 ** 2 + z2 ** 2
    return b1, b2, hz, total


def test_normality_against_the_definitions(do):
    printed, s = _run(do, "mvtest normality y1 y2 y3, stats(all)")
    b1, b2, hz, dh = _mardia_hz_dh(Y)
    n, k = 48, 3
    assert s.r["mskew"] == pytest.approx(b1, rel=1e-9) and s.r["mkurt"] == pytest.approx(b2, rel=1e-9)
    chi2_skew = (k + 1) * (n + 1) * (n + 3) / ((n + 1) * (k + 1) - 6) * b1 / 6
    assert s.r["chi2_mskew"] == pytest.approx(chi2_skew, rel=1e-9) and s.r["df_mskew"] == 10
    z = (b2 - k * (k + 2)) / np.sqrt(8 * k * (k + 2) / n)
    assert s.r["z_mkurt"] == pytest.approx(z, rel=1e-9)
    assert s.r["hz"] == pytest.approx(hz, rel=1e-9)
    assert s.r["chi2_dh"] == pytest.approx(dh, rel=1e-9) and s.r["df_dh"] == 6
    assert s.r["p_dh"] == pytest.approx(stats.chi2.sf(dh, 6), rel=1e-9)
    lines = printed.splitlines()
    at = lines.index("Test for multivariate normality")
    assert lines[at + 2] == ("    Mardia mSkewness =  " + f"{b1:.7f}".lstrip("0") + f"    chi2(10) = {chi2_skew:8.3f}   Prob>chi2 =  "
                             f"{stats.chi2.sf(chi2_skew, 10):6.4f}")
    assert lines[at + 5].startswith("    Doornik-Hansen                   chi2(6) =")


def test_normality_univariate_bivariate_and_default(do):
    printed, s = _run(do, "mvtest normality y1 y2 y3, univariate bivariate")
    _, t = _run(do, "sktest y1")
    assert s.r["Utest"].values[0, 3] == pytest.approx(t.r["P_chi2"], rel=1e-9)
    assert "    Variable |  Pr(Skewness)   Pr(Kurtosis)  adj chi2(2)    Prob>chi2" in printed
    assert "    Pair of variables          |      chi2    df   Prob>chi2" in printed
    _, b, _, dh12 = _mardia_hz_dh(Y[:, :2])
    assert s.r["Btest"].values[0, 0] == pytest.approx(dh12, rel=1e-9)
    assert "Mardia" not in printed and "Doornik-Hansen                   chi2(6)" in printed


def test_fweights_repeat_rows(do):
    _, s = _run(do, "mvtest cov y1 y2 y3 [fw=fw], by(g)")
    big = DATA.loc[DATA.index.repeat(DATA.fw.astype(int))].reset_index(drop=True)
    _, t = _run(do, "mvtest cov y1 y2 y3, by(g)", big)
    assert s.r["chi2"] == pytest.approx(t.r["chi2"], rel=1e-10)


@pytest.mark.parametrize("text, rc, message", [
    ("mvtest", 198, "subcommand and varlist required"),
    ("mvtest foo y1", 198, "unknown subcommand of mvtest: foo"),
    ("mvtest means y1 y1 y2", 198, "duplicate variables: y1"),
    ("mvtest means y1 y2, zero equal", 198, "exactly one hypothesis should be specified"),
    ("mvtest cov y1", 102, "too few variables specified"),
    ("mvtest cov y1 y2, diagonal spherical", 198, "only one hypothesis may be specified"),
    ("mvtest corr y1 y2", 102, "compound symmetry test requires at least three variables"),
    ("mvtest norm y1 y2, stats(bogus)", 198, "option bogus not allowed"),
    ("mvtest norm y1 y2 [aw=fw]", 101, "aweights not allowed"),
])
def test_errors(do, text, rc, message):
    check_error(do, text, rc, message)
