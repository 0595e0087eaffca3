"""The inverse links F(eta) of the binary and ordinal families (logit, probit, cloglog) in
log space, and their derivatives: what ``family.Family`` evaluates its log densities with.

Each is written to stay accurate in the tails: ln F and ln(1 - F) from their own stable
forms rather than as the log of a difference that rounds to zero.
"""
from __future__ import annotations

import numpy as np
from scipy import special as sps

LOG_2PI = float(np.log(2 * np.pi))


# --------------------------------------------------------------------------
# cumulative distribution functions of the links, in log space
# --------------------------------------------------------------------------
def log_cdf(link: str, x: np.ndarray) -> np.ndarray:
    """ln F(x)."""
    if link == "logit":
        return -np.logaddexp(0.0, -x)
    if link == "probit":
        return sps.log_ndtr(x)
    # cloglog: F(x) = 1 - exp(-e^x)
    return np.log(-np.expm1(-np.exp(np.minimum(x, 700.0))))


def log_sf(link: str, x: np.ndarray) -> np.ndarray:
    """ln (1 - F(x))."""
    if link == "logit":
        return -np.logaddexp(0.0, x)
    if link == "probit":
        return sps.log_ndtr(-x)
    return -np.exp(np.minimum(x, 700.0))


def pdf_derivs(link: str, x: np.ndarray):
    """f(x), f'(x), f''(x) for f = F' (the density of the latent error)."""
    if link == "logit":
        p = sps.expit(x)
        f = p * (1 - p)
        f1 = f * (1 - 2 * p)
        f2 = f * (1 - 6 * f)
        return f, f1, f2
    if link == "probit":
        f = np.exp(-0.5 * x * x - 0.5 * LOG_2PI)
        return f, -x * f, (x * x - 1) * f
    # cloglog: f(x) = e^x exp(-e^x)
    e = np.exp(np.minimum(x, 700.0))
    f = np.exp(np.minimum(x, 700.0) - e)
    f1 = f * (1 - e)
    f2 = f * ((1 - e) ** 2 - e)
    return f, f1, f2


def _log_sf_or_cdf(link: str, upper: np.ndarray, x_sf: np.ndarray, x_cdf: np.ndarray) -> np.ndarray:
    """ln(1 - F(x_sf)) where ``upper``, ln F(x_cdf) elsewhere, each evaluated only where it
    is used (logit: ln(1 - F(x)) = -ln(1 + e^x) = ln F(-x); probit: ln Phi(-x))."""
    if link == "logit":
        return -np.logaddexp(0.0, np.where(upper, x_sf, -x_cdf))
    if link == "probit":
        return sps.log_ndtr(np.where(upper, -x_sf, x_cdf))
    out = np.empty(np.shape(upper))
    out[upper] = log_sf(link, x_sf[upper])
    out[~upper] = log_cdf(link, x_cdf[~upper])
    return out


def log_diff_cdf(link: str, a: np.ndarray, c: np.ndarray) -> np.ndarray:
    """ln(F(a) - F(c)) for a > c, accurate in both tails."""
    upper = c > 0  # both in the upper tail: use survival functions
    la = _log_sf_or_cdf(link, upper, c, a)
    lc = _log_sf_or_cdf(link, upper, a, c)
    with np.errstate(divide="ignore", invalid="ignore"):
        return la + np.log(-np.expm1(np.minimum(lc - la, 0.0)))


# --------------------------------------------------------------------------
# Bernoulli/binomial helpers: d^k/deta^k of ln p and ln(1-p)
# --------------------------------------------------------------------------
def _mills(x: np.ndarray) -> np.ndarray:
    """phi(x)/Phi(x), stable for large negative x."""
    return np.exp(-0.5 * x * x - 0.5 * LOG_2PI - sps.log_ndtr(x))


def binary_log_probs(link: str, eta: np.ndarray):
    """(ln p, ln(1-p)): binary_log_derivs's first two results by the same operations (the
    same bits) without its derivatives, which a log density does not need."""
    if link == "logit":
        return -np.logaddexp(0.0, -eta), -np.logaddexp(0.0, eta)
    if link == "probit":
        return sps.log_ndtr(eta), sps.log_ndtr(-eta)
    mu = np.exp(np.minimum(eta, 700.0))
    return np.log(-np.expm1(-mu)), -mu


def binary_log_derivs(link: str, eta: np.ndarray):
    """(ln p, ln(1-p), dk ln p, dk ln(1-p) for k = 1..3)."""
    if link == "logit":
        p = sps.expit(eta)
        q = 1 - p
        v = p * q
        return (-np.logaddexp(0.0, -eta), -np.logaddexp(0.0, eta),
                (q, -v, -v * (q - p)), (-p, -v, -v * (q - p)))
    if link == "probit":
        lam_p = _mills(eta)     # d/deta ln Phi(eta)
        lam_m = _mills(-eta)    # d/deta ln Phi(-eta) = -lam_m
        # lambda'(x) = -lambda (x + lambda); lambda''(x) = -lambda'(x + lambda) - lambda (1 + lambda')
        l1p = -lam_p * (eta + lam_p)
        l2p = -l1p * (eta + lam_p) - lam_p * (1 + l1p)
        l1m = -lam_m * (-eta + lam_m)
        l2m = -l1m * (-eta + lam_m) - lam_m * (1 + l1m)
        return (sps.log_ndtr(eta), sps.log_ndtr(-eta), (lam_p, l1p, l2p), (-lam_m, l1m, -l2m))
    # cloglog: ln(1-p) = -mu, ln p = ln(1 - e^-mu), mu = e^eta; d/deta ln p = s(mu),
    # s(mu) = mu/(e^mu - 1); derivatives through d/deta = mu d/dmu
    mu = np.exp(np.minimum(eta, 700.0))
    s, s1, s2 = _s_series(mu)
    a1 = s
    a2 = mu * s1
    a3 = mu * s1 + mu * mu * s2
    return (np.log(-np.expm1(-mu)), -mu, (a1, a2, a3), (-mu, -mu, -mu))


def log_cdf_derivs(link: str, x: np.ndarray, order: int):
    """[ln F(x), d/dx, d2/dx2, d3/dx3][:order+1] for the symmetric links (logit, probit)."""
    if link == "logit":
        e = np.exp(-np.abs(x))
        out = [np.minimum(x, 0.0) - np.log1p(e)]
        if order:
            inv = 1.0 / (1.0 + e)
            pos = x >= 0
            q = np.where(pos, e * inv, inv)       # 1 - F(x)
            if order == 1:
                return out + [q]
            p = 1.0 - q
            v = p * q
            out += [q, -v, -v * (q - p)][:order]
        return out
    out = [sps.log_ndtr(x)]
    if order:
        lam = _mills(x)
        l1 = -lam * (x + lam)
        l2 = -l1 * (x + lam) - lam * (1 + l1)
        out += [lam, l1, l2][:order]
    return out


def logit_log_cdf_into(x: np.ndarray, e: np.ndarray) -> np.ndarray:
    """``log_cdf_derivs("logit", x, 0)[0]`` written over x, with e as work array (the same
    operations, so the same bits; -|x| is copysign(x, -1))."""
    np.copysign(x, -1.0, out=e)
    np.exp(e, out=e)
    np.log1p(e, out=e)
    np.minimum(x, 0.0, out=x)
    return np.subtract(x, e, out=x)


def _s_series(mu: np.ndarray):
    """s(mu) = mu/(e^mu - 1) and its first two derivatives, stable for all mu >= 0."""
    small = mu < 1e-3
    m = np.where(small, 1.0, mu)
    r = np.exp(-m)
    om = -np.expm1(-m)  # 1 - r
    s = m * r / om
    s1 = r / om - m * r / om ** 2
    s2 = -2 * r / om ** 2 - m * r / om ** 2 + 2 * m * r / om ** 3
    ms = mu
    s = np.where(small, 1 - ms / 2 + ms ** 2 / 12, s)
    s1 = np.where(small, -0.5 + ms / 6 - ms ** 3 / 180, s1)
    s2 = np.where(small, 1.0 / 6 - ms ** 2 / 60, s2)
    return s, s1, s2
