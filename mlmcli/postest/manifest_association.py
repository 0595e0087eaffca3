"""Intra-class association of two binary responses in one cluster of a random-intercept
binary model (Rodríguez and Elo 2003, Stata Journal 3(1), st0031: ``xtrho``).

With linear predictor eta, random intercept u ~ N(0, sigma^2) and inverse link F (logit:
the logistic cdf; probit: Phi; cloglog: 1 - exp(-exp(.))), two responses of one cluster
are independent given u, so

    p   = Pr(y1 = 1)          = E_u F(eta + u)                 (marginal probability)
    p11 = Pr(y1 = 1, y2 = 1)  = E_u F(eta + u)^2               (joint probability)
    odds ratio  OR = p11 p00 / (p10 p01),  p10 = p01 = p - p11,  p00 = 1 - 2p + p11
    Pearson's r    = (p11 - p^2) / (p (1 - p))
    Yule's Q       = (OR - 1) / (OR + 1)

and the latent-response correlation rho = sigma^2 / (sigma^2 + s^2) with s^2 = pi^2/3
(logit), 1 (probit), pi^2/6 (cloglog).  E_u is adaptive quadrature over z = u / sigma in [-15, 15].
Every measure is monotone in sigma at fixed eta, so its confidence interval is the measure
at the two ends of the interval of sigma (from the Wald interval of ln sigma^2).
"""
from __future__ import annotations

import math

import numpy as np

LATENT_VARIANCE = {"logit": math.pi ** 2 / 3, "probit": 1.0, "cloglog": math.pi ** 2 / 6}
MEASURES = ("Marginal prob.", "Joint prob.", "Odds ratio", "Pearson's r", "Yule's Q")


def inverse_link(link: str, eta: np.ndarray) -> np.ndarray:
    from scipy.special import expit, ndtr

    if link == "logit":
        return expit(eta)
    if link == "probit":
        return ndtr(eta)
    return -np.expm1(-np.exp(eta))


def manifest_measures(link: str, eta: float, sigma: float) -> tuple[float, ...]:
    """(p, p11, OR, Pearson's r, Yule's Q) at linear predictor ``eta`` and random-intercept
    standard deviation ``sigma``."""
    from scipy import integrate

    def moment(power: int) -> float:
        # adaptive quadrature: Gauss-Hermite converges slowly here (the logistic cdf has
        # poles at distance pi from the real axis)
        return integrate.quad(lambda z: float(inverse_link(link, np.array(eta + sigma * z))) ** power
                              * math.exp(-z * z / 2) / math.sqrt(2 * math.pi), -15.0, 15.0,
                              epsabs=1e-14, epsrel=1e-12, limit=200)[0]

    p, p11 = moment(1), moment(2)
    p10 = p - p11
    p00 = 1.0 - 2.0 * p + p11
    odds = p11 * p00 / (p10 * p10) if p10 > 0 else math.inf
    r = (p11 - p * p) / (p * (1 - p)) if 0 < p < 1 else math.nan
    q = (odds - 1) / (odds + 1) if math.isfinite(odds) else 1.0
    return p, p11, odds, r, q


def latent_rho(link: str, sigma: float) -> float:
    return sigma ** 2 / (sigma ** 2 + LATENT_VARIANCE[link])
