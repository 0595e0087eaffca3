"""The four multivariate tests of manova and manovatest ([MV] manova, Methods and formulas).

H is a hypothesis SSCP matrix on nu_h degrees of freedom, E the residual SSCP on nu_e, p the
number of dependent variables, lambda_i the eigenvalues of E^-1 H, s = min(p, nu_h),
m = (|p - nu_h| - 1)/2, n = (nu_e - p - 1)/2:

    Wilks' lambda       W = prod 1/(1 + lambda_i); Rao's F: t = sqrt((p^2 nu_h^2 - 4)/(p^2 + nu_h^2 - 5))
                        (1 when that denominator is not positive), df1 = p nu_h,
                        df2 = (nu_e + nu_h - (p + nu_h + 1)/2) t - (p nu_h - 2)/2,
                        F = (1 - W^(1/t))/W^(1/t) df2/df1; exact when s <= 2
    Pillai's trace      V = sum lambda_i/(1 + lambda_i); F = (2n + s + 1)/(2m + s + 1) V/(s - V) on
                        s(2m + s + 1), s(2n + s + 1); exact when s = 1
    Lawley-Hotelling    U = sum lambda_i; F = 2(s n + 1) U/(s^2 (2m + s + 1)) on s(2m + s + 1),
                        2(s n + 1); exact when s = 1
    Roy's largest root  theta = max lambda_i; F = theta (nu_e - r + nu_h)/r, r = max(p, nu_h), on
                        r, nu_e - r + nu_h; an upper bound on F unless s = 1 (then exact)
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError


@dataclass(frozen=True)
class MultivariateTest:
    """One of the four: its letter (W P L R), statistic, F, df1, df2, p and kind (e a u)."""

    letter: str
    statistic: float
    F: float
    df1: float
    df2: float
    p: float
    kind: str


@dataclass(frozen=True)
class TermTests:
    df: float
    eigenvalues: np.ndarray
    s: float
    m: float
    n: float
    tests: tuple[MultivariateTest, ...]


def sscp_eigenvalues(H: np.ndarray, E: np.ndarray) -> np.ndarray:
    """The eigenvalues of E^-1 H in decreasing order (E symmetric positive definite)."""
    try:
        L = np.linalg.cholesky((E + E.T) / 2)
    except np.linalg.LinAlgError:  # a residual SSCP of less than full rank (a perfect fit)
        raise StataError("matrix not positive definite", 506) from None
    Li = np.linalg.inv(L)
    vals = np.linalg.eigvalsh(Li @ ((H + H.T) / 2) @ Li.T)
    return np.clip(np.sort(vals)[::-1], 0.0, None)


def multivariate_tests(H: np.ndarray, E: np.ndarray, nu_h: float, nu_e: float) -> TermTests:
    # numpy scalars: a term of no degrees of freedom (omitted) or no residual df gives missing
    # statistics (Stata's x/0), not a Python ZeroDivisionError
    p, nu_h, nu_e = np.float64(H.shape[0]), np.float64(nu_h), np.float64(nu_e)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return _tests(H, E, p, nu_h, nu_e)


def _tests(H, E, p, nu_h, nu_e) -> TermTests:
    from mlmcli.distributions import f as f_dist

    lam = sscp_eigenvalues(H, E)
    s = np.float64(min(p, nu_h))
    m = (abs(p - nu_h) - 1) / 2
    n = (nu_e - p - 1) / 2

    def test(letter, stat, F, df1, df2, kind):
        if nu_h <= 0 or nu_e <= 0:
            F = np.nan  # a term with no degrees of freedom (omitted): nothing is tested
        with np.errstate(invalid="ignore", divide="ignore"):
            pv = float(f_dist.sf(F, df1, df2)) if np.isfinite(F) and df1 > 0 and df2 > 0 else float("nan")
        return MultivariateTest(letter, float(stat), float(F), float(df1), float(df2), pv, kind)

    W = float(np.prod(1 / (1 + lam)))
    den = p * p + nu_h * nu_h - 5
    t = float(np.sqrt((p * p * nu_h * nu_h - 4) / den)) if den > 0 else 1.0
    df1 = p * nu_h
    df2 = (nu_e + nu_h - (p + nu_h + 1) / 2) * t - (p * nu_h - 2) / 2
    root = W ** (1 / t)
    wilks = test("W", W, (1 - root) / root * df2 / df1, df1, df2, "e" if s <= 2 else "a")
    V = float(np.sum(lam / (1 + lam)))
    a1, a2 = s * (2 * m + s + 1), s * (2 * n + s + 1)
    pillai = test("P", V, (2 * n + s + 1) / (2 * m + s + 1) * V / (s - V), a1, a2, "e" if s == 1 else "a")
    U = float(np.sum(lam))
    b2 = 2 * (s * n + 1)
    lawley = test("L", U, b2 * U / (s * s * (2 * m + s + 1)), a1, b2, "e" if s == 1 else "a")
    theta = float(lam[0]) if lam.size else 0.0
    r = max(p, nu_h)
    roy = test("R", theta, theta * (nu_e - r + nu_h) / r, r, nu_e - r + nu_h, "e" if s == 1 else "u")
    return TermTests(float(nu_h), lam, s, m, n, (wilks, pillai, lawley, roy))


def residual_sscp(Y: np.ndarray, X: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, int]:
    """E = Y'W(I - P)Y of the weighted least-squares fit of Y on X, and rank(X)."""
    sw = np.sqrt(w)
    Xw, Yw = X * sw[:, None], Y * sw[:, None]
    with np.errstate(over="ignore", invalid="ignore"):
        YY = Yw.T @ Yw
    if not np.isfinite(YY).all():  # past the largest double: matrix accum's missing values
        raise StataError("matrix has missing values", 504)
    if Xw.shape[1] == 0:
        return YY, 0
    coef, _, rank, sv = np.linalg.lstsq(Xw, Yw, rcond=None)
    tol = sv.max() * max(Xw.shape) * 1e-12 if sv.size else 0.0
    R = Yw - Xw @ coef
    return R.T @ R, int(np.sum(sv > tol))
