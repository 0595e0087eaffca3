"""mvtest's statistics ([MV] mvtest; mvtest_mean/_cov/_corr/_norm.ado, Stata 16 tree).  X is n x k
on the sample, w the weights (aweights scaled to sum to n, fweights as they are), N = sum w.

means (one sample): S = ML covariance, Hotelling T2 = (N - 1) d'S^-1 d, F = (N - q)/q d'S^-1 d on
    q, N - q; d = mean - mu0 (zero, equals()), or for A mean = b (equal: A = [I, -1], linear()) the
    projection d = S A'(A S A')^-1 (A mean - b) with q = rank(A S A').
covariances (one sample), S unbiased (N - 1 = n'), Bartlett-adjusted LR (Rencher 2002, ch. 7):
    equals(C): n'(1 - (2k + 1 - 2/(k + 1))/(6n' - 1)) (ln|C|/|S| + tr(S C^-1) - k) on k(k+1)/2
    diagonal: -(n' - (2k + 5)/6) ln|R| on k(k-1)/2
    spherical: -(n' - (2k^2 + k + 2)/(6k)) (k ln k + ln|S| - k ln tr S) on k(k+1)/2 - 1
    compound: with s2 = tr S/k and r the mean covariance over s2,
        -(n' - k(2k - 3)(k + 1)^2/(6(k - 1)(k^2 + k - 4))) (ln|S| - k ln s2 - (k-1) ln(1-r) - ln(1+(k-1)r))
        on k(k+1)/2 - 2
covariances by(): Box's M with its chi2 and F approximations (Rencher 2002, 257).
correlations: Lawley's test of equal correlations (compound), Jennrich's test that R equals P
    (equals()) and of equal correlation matrices across groups (by()).
normality: Mardia's skewness (b1p, chi2 with Rencher's small-sample factor) and kurtosis (b2p,
    z), Henze-Zirkler (log-normal approximation, two-sided p as mvtest_norm.ado), Doornik-Hansen
    (the variables orthonormalized by R^-1/2, each one's skewness and kurtosis transformed to
    z1, z2; chi2 = sum z1^2 + z2^2 on 2k).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError


@dataclass(frozen=True)
class Chi2Test:
    chi2: float
    df: float
    p: float


def _chi2(stat, df) -> Chi2Test:
    from mlmcli.distributions import chi2

    p = float(chi2.sf(stat, df)) if np.isfinite(stat) else float("nan")
    return Chi2Test(float(stat), float(df), p)


def _moments(X, w):
    N = float(w.sum())
    with np.errstate(over="ignore", invalid="ignore"):
        M = w @ X / N
        D = X - M
        SS = (D * w[:, None]).T @ D
    if not (np.isfinite(M).all() and np.isfinite(SS).all()):
        raise StataError("matrix has missing values", 504)  # sums past the largest double
    return N, M, SS


def _nonsingular(S, what="sample covariance matrix is singular"):
    if np.linalg.matrix_rank(S) < S.shape[0]:
        raise StataError(what, 506)


# ------------------------------------------------------------------------------ means
@dataclass(frozen=True)
class HotellingTest:
    T2: float
    F: float
    df_m: float
    df_r: float
    p: float


def hotelling_one_sample(X, w, *, mu0=None, A=None, b=None) -> HotellingTest:
    from mlmcli.distributions import f as f_dist

    N, M, SS = _moments(X, w)
    S = SS / N
    Sinv = np.linalg.pinv(S)
    if mu0 is not None:
        d = M - mu0
        q = int(np.linalg.matrix_rank(S))
    else:
        ASA = A @ S @ A.T
        Vi = np.linalg.pinv(ASA)
        q = int(np.linalg.matrix_rank(ASA))
        d = S @ A.T @ Vi @ (A @ M - b)
    if N <= q or q == 0:
        # no residual degrees of freedom for the F (mlm's rule: Stata's r(2001) for a small sample)
        raise StataError("insufficient observations", 2001)
    quad = float(d @ Sinv @ d)
    F = (N - q) / q * quad
    return HotellingTest((N - 1) * quad, F, float(q), N - q, float(f_dist.sf(F, q, N - q)))


# ------------------------------------------------------------------------ covariances
def covariance_pattern(X, w, kind: str, C=None, blocks=None) -> Chi2Test:
    N, _, SS = _moments(X, w)
    n = N - 1
    if n <= 0:
        raise StataError("insufficient observations", 2001)  # no unbiased covariance from one observation
    S = SS / n
    _nonsingular(S)
    k = S.shape[0]
    logdet = np.linalg.slogdet(S)[1]
    if kind == "equals":
        u = np.linalg.slogdet(C)[1] - logdet + np.trace(S @ np.linalg.inv(C)) - k
        return _chi2(u * n * (1 - (2 * k + 1 - 2 / (1 + k)) / (6 * n - 1)), k * (k + 1) / 2)
    if kind == "diagonal":
        d = np.sqrt(np.diag(S))
        u = np.linalg.slogdet(S / np.outer(d, d))[1]
        return _chi2(-(n - (2 * k + 5) / 6) * u, k * (k - 1) / 2)
    if kind == "spherical":
        u = k * np.log(k) + logdet - k * np.log(np.trace(S))
        return _chi2(-(n - (2 * k * k + k + 2) / (6 * k)) * u, k * (k + 1) / 2 - 1)
    if kind == "compound":
        s2 = np.trace(S) / k
        r = (S.sum() - np.trace(S)) / (k * (k - 1) * s2)
        u = logdet - k * np.log(s2) - (k - 1) * np.log1p(-r) - np.log1p((k - 1) * r)
        return _chi2(-(n - k * (2 * k - 3) * (k + 1) ** 2 / (6 * (k - 1) * (k * k + k - 4))) * u, k * (k + 1) / 2 - 2)
    # block diagonal: blocks are index lists
    a2, a3 = k * k, k ** 3
    u = logdet
    for idx in blocks:
        u -= np.linalg.slogdet(S[np.ix_(idx, idx)])[1]
        a2 -= len(idx) ** 2
        a3 -= len(idx) ** 3
    return _chi2(-(n - (2 * a3 + 3 * a2) / (6 * a2)) * u, a2 / 2)


@dataclass(frozen=True)
class BoxTest:
    modified_lr: float  # -2 ln M
    F: float
    df1: float
    df2: float
    p_F: float
    chi2: Chi2Test


def box_m(groups) -> BoxTest:
    """``groups``: (X_g, w_g) per group."""
    from mlmcli.distributions import f as f_dist

    m = len(groups)
    k = groups[0][0].shape[1]
    n = c1 = c2 = lnM = 0.0
    pooled = np.zeros((k, k))
    for i, (X, w) in enumerate(groups, start=1):
        Ni, _, SS = _moments(X, w)
        ni = Ni - 1
        if ni <= m:
            raise StataError(f"insufficient observations in sample {i}", 2001)
        _nonsingular(SS)
        n += ni
        pooled += SS
        lnM += ni * np.linalg.slogdet(SS / ni)[1]
        c1 += 1 / ni
        c2 += 1 / ni ** 2
    lnM = 0.5 * (lnM - n * np.linalg.slogdet(pooled / n)[1])
    c1 = (c1 - 1 / n) * ((2 * k * k + 3 * k - 1) / (6 * (k + 1) * (m - 1)))
    c2 = (c2 - 1 / n ** 2) * ((k - 1) * (k + 2) / (6 * (m - 1)))
    a1 = (m - 1) * k * (k + 1) / 2
    a2 = (a1 + 2) / abs(c2 - c1 * c1)
    b1 = (1 - c1 - a1 / a2) / a1
    b2 = (1 - c1 + 2 / a2) / a2
    chi2 = -2 * (1 - c1) * lnM
    chi2 = chi2 if chi2 >= 0 else float("nan")
    F = -2 * b1 * lnM if c2 > c1 * c1 else (2 * a2 * b2 * lnM) / (a1 * (1 + 2 * b2 * lnM))
    F = F if F >= 0 else float("nan")
    pF = float(f_dist.sf(F, a1, a2)) if np.isfinite(F) else float("nan")
    return BoxTest(-2 * lnM, float(F), a1, a2, pF, _chi2(chi2, a1))


# ----------------------------------------------------------------------- correlations
def _correlation(X, w):
    N, _, SS = _moments(X, w)
    _nonsingular(SS, "sample correlation matrix is singular")
    d = np.sqrt(np.diag(SS))
    if np.any(d == 0):
        raise StataError("constant variable", 504)
    return N, SS / np.outer(d, d)


def lawley_equal_correlations(X, w) -> Chi2Test:
    N, R = _correlation(X, w)
    k = R.shape[0]
    r = (R.sum() - k) / (k * (k - 1))
    low = R[np.tril_indices(k, -1)]
    t1 = float(((low - r) ** 2).sum())
    t2 = float((((R.sum(axis=0) - 1) / (k - 1) - r) ** 2).sum())
    mu = ((k - 1) ** 2 * (1 - (1 - r) ** 2)) / (k - (k - 2) * (1 - r) ** 2)
    return _chi2((N - 1) / (1 - r) ** 2 * (t1 - mu * t2), k * (k - 1) / 2 - 1)


def _jennrich_term(N, R, P, Pinv, Sinv):
    Z = np.sqrt(N) * Pinv @ (R - P)
    z = np.diag(Z)
    return float(np.trace(Z @ Z) / 2 - z @ Sinv @ z)


def jennrich_pattern(X, w, P) -> Chi2Test:
    N, R = _correlation(X, w)
    k = R.shape[0]
    Pinv = np.linalg.inv(P)
    Sinv = np.linalg.inv(np.eye(k) + P * Pinv)
    return _chi2(_jennrich_term(N, R, P, Pinv, Sinv), k * (k - 1) / 2)


def jennrich_groups(groups) -> Chi2Test:
    m = len(groups)
    parts = []
    for i, (X, w) in enumerate(groups, start=1):
        if w.sum() <= m:
            raise StataError(f"size of sample {i} too small", 2001)
        parts.append(_correlation(X, w))
    N = sum(p[0] for p in parts)
    R = sum(n * r for n, r in parts) / N
    _nonsingular(R, "mean of sample correlation matrices is singular")
    k = R.shape[0]
    Rinv = np.linalg.inv(R)
    Sinv = np.linalg.inv(np.eye(k) + R * Rinv)
    return _chi2(sum(_jennrich_term(n, r, R, Rinv, Sinv) for n, r in parts), (m - 1) * k * (k - 1) / 2)


# ------------------------------------------------------------------------- normality
@dataclass(frozen=True)
class NormalityTests:
    mskew: tuple | None  # (b1p, Chi2Test)
    mkurt: tuple | None  # (b2p, z, Chi2Test)
    hz: tuple | None  # (T, z, p, E, V)
    dh: Chi2Test | None
    dh_univariate: np.ndarray | None  # k x 4: b1 b2 z1 z2


def multivariate_normality(X, w, stats) -> NormalityTests:
    from mlmcli.distributions import norm

    k = X.shape[1]
    n, M, SS = _moments(X, w)
    skew = kurt = hz = dh = U = None
    if {"skewness", "kurtosis", "hzirkler"} & set(stats):
        Sml = SS / n
        _nonsingular(Sml)
        Sinv = np.linalg.inv(Sml)
        D = X - M
        G = D @ Sinv @ D.T  # Mahalanobis cross-products
        if "skewness" in stats:
            b1p = float(w @ (G ** 3) @ w) / (n * n)
            chi2 = ((k + 1) * (n + 1) * (n + 3)) / ((n + 1) * (k + 1) - 6) * (b1p / 6)
            skew = (b1p, _chi2(chi2, k * (k + 1) * (k + 2) / 6))
        if "kurtosis" in stats:
            b2p = float(w @ np.diag(G) ** 2) / n
            z = (b2p - k * (k + 2)) / np.sqrt(8 * k * (k + 2) / n)
            kurt = (b2p, float(z), Chi2Test(float(z * z), 1.0, float(2 * norm.cdf(-abs(z)))))
        if "hzirkler" in stats:
            hz = _henze_zirkler(G, w, n, k)
    if "dhansen" in stats:
        dh, U = _doornik_hansen(X, w, n)
    return NormalityTests(skew, kurt, hz, dh, U)


def _henze_zirkler(G, w, n, k):
    from mlmcli.distributions import norm

    b2 = 0.5 * ((2 * k + 1) * n / 4) ** (2 / (k + 4))
    g = np.diag(G)
    dist = g[:, None] + g[None, :] - 2 * G  # (x_i - x_j)' S^-1 (x_i - x_j)
    T1 = float(w @ np.exp(-0.5 * b2 * dist) @ w)
    T2 = float(w @ np.exp(-0.5 * b2 / (1 + b2) * g))
    T = T1 / n - 2 * (1 + b2) ** (-k / 2) * T2 + n * (1 + 2 * b2) ** (-k / 2)
    b4, b8 = b2 * b2, b2 ** 4
    wv = (1 + b2) * (1 + 3 * b2)
    ET = 1 - (1 + 2 * b2) ** (-k / 2) * (1 + k * b2 / (1 + 2 * b2) + k * (k + 2) * b4 / (2 * (1 + 2 * b2) ** 2))
    VT = (2 * (1 + 4 * b2) ** (-k / 2) + 2 * (1 + 2 * b2) ** (-k) * (1 + 2 * k * b4 / (1 + 2 * b2) ** 2
                                                                   + 3 * k * (k + 2) * b8 / (4 * (1 + 2 * b2) ** 4))
          - 4 * wv ** (-k / 2) * (1 + 3 * k * b4 / (2 * wv) + k * (k + 2) * b8 / (2 * wv * wv)))
    VZ = np.log1p(VT / ET ** 2)
    EZ = np.log(ET) - 0.5 * VZ
    z = (np.log(T) - EZ) / np.sqrt(VZ)
    return float(T), float(z), float(2 * norm.cdf(-abs(z))), float(ET), float(VT)


def _doornik_hansen(X, w, n):
    # small n: negative bases to fractional powers (Stata's missing), not warnings
    with np.errstate(invalid="ignore", divide="ignore"):
        return _doornik_hansen_at(X, w, n)


def _doornik_hansen_at(X, w, n):
    if n <= 3:
        # the transform of skewness divides by n - 3 (mlm's rule: Stata's r(2001) for a small sample)
        raise StataError("insufficient observations", 2001)
    N, M, SS = _moments(X, w)
    S = SS / N
    _nonsingular(S)
    d = np.sqrt(np.diag(S))
    R = S / np.outer(d, d)
    vals, H = np.linalg.eigh(R)
    Y = ((X - M) / d) @ (H * vals ** -0.5) @ H.T
    beta = 3 * (n * n + 27 * n - 70) * (n + 1) * (n + 3) / ((n - 2) * (n + 5) * (n + 7) * (n + 9))
    w2 = -1 + np.sqrt(2 * (beta - 1))
    d1 = (0.5 * np.log(w2)) ** -0.5
    d2 = (n - 3) * (n + 1) * (n * n + 15 * n - 4)
    a = (n - 2) * (n + 5) * (n + 7) * (n * n + 27 * n - 70) / (6 * d2)
    c = (n - 7) * (n + 5) * (n + 7) * (n * n + 2 * n - 5) / (6 * d2)
    kk = (n + 5) * (n + 7) * (n ** 3 + 37 * n * n + 11 * n - 313) / (12 * d2)
    U = np.zeros((X.shape[1], 4))
    total = 0.0
    for j in range(X.shape[1]):
        b1 = float(w @ Y[:, j] ** 3 / n)
        b2 = float(w @ Y[:, j] ** 4 / n)
        y = b1 * np.sqrt((w2 - 1) * (n + 1) * (n + 3) / (12 * (n - 2)))
        z1 = d1 * np.log(y + np.sqrt(1 + y * y))
        alp = a + b1 * b1 * c
        chi = abs(2 * kk * (b2 - 1 - b1 * b1))
        z2 = ((chi / (2 * alp)) ** (1 / 3) - 1 + 1 / (9 * alp)) * np.sqrt(9 * alp)
        U[j] = (b1, b2, z1, z2)
        total += z1 * z1 + z2 * z2
    return _chi2(total, 2 * X.shape[1]), U
