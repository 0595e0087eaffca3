"""Equation-level scores of the censored-normal models (predict's ``scores`` after tobit, cnreg
and intreg): d ln L_i / d xb_i and the derivative with respect to the ancillary parameter.

tobit and cnreg (tobit_p's GenTobitScores; e(b)'s ancillary is sigma itself, Stata 13's
``sigma:_cons``), with z = (y - xb)/sigma, y the censoring limit for a censored row:

    uncensored:  z/sigma,                       z^2/sigma - 1/sigma
    left:        -phi(z)/(sigma Phi(z)),        -z phi(z)/(sigma Phi(z))
    right:       phi(z)/(sigma Phi(-z)),        z phi(z)/(sigma Phi(-z))

intreg (``ml score`` of intreg's likelihood; the ancillary is ln sigma), z_k = (y_k - xb)/sigma:

    point y1 = y2:        z/sigma,                                       z^2 - 1
    left (y1 missing):    -phi(z2)/(sigma Phi(z2)),                      -z2 phi(z2)/Phi(z2)
    right (y2 missing):   phi(z1)/(sigma Phi(-z1)),                      z1 phi(z1)/Phi(-z1)
    interval:             -(phi(z2) - phi(z1))/(sigma (Phi(z2) - Phi(z1))), -(z2 phi(z2) - z1 phi(z1))/(Phi(z2) - Phi(z1))
"""
from __future__ import annotations

import numpy as np
from scipy import special


def _phi(z):
    return np.exp(-0.5 * z * z) / np.sqrt(2 * np.pi)


def tobit_scores(y: np.ndarray, cens: np.ndarray, xb: np.ndarray, sigma: float):
    """(score of xb, score of sigma) given y (limits in place on censored rows) and cens in
    {-1, 0, 1} (NaN or another value: missing, as the ado's ``cond()`` gives)."""
    z = (y - xb) / sigma
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        mills_left = _phi(z) / (sigma * special.ndtr(z))
        mills_right = _phi(z) / (sigma * special.ndtr(-z))
        s_xb = np.select([cens == 0, cens == -1, cens == 1], [z / sigma, -mills_left, mills_right], np.nan)
        s_sigma = np.select([cens == 0, cens == -1, cens == 1],
                            [z * z / sigma - 1 / sigma, -z * mills_left, z * mills_right], np.nan)
    return s_xb, s_sigma


def interval_scores(y1: np.ndarray, y2: np.ndarray, xb: np.ndarray, sigma):
    """(score of xb, score of ln sigma) of intreg's rows (both bounds missing: missing)."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        z1, z2 = (y1 - xb) / sigma, (y2 - xb) / sigma
        point = ~np.isnan(y1) & (y1 == y2)
        left = np.isnan(y1) & ~np.isnan(y2)
        right = ~np.isnan(y1) & np.isnan(y2)
        interval = ~np.isnan(y1) & ~np.isnan(y2) & (y1 != y2)
        p = special.ndtr(z2) - special.ndtr(z1)
        f1, f2 = _phi(z1), _phi(z2)
        s_xb = np.select([point, left, right, interval],
                         [z1 / sigma, -f2 / (sigma * special.ndtr(z2)), f1 / (sigma * special.ndtr(-z1)),
                          -(f2 - f1) / (sigma * p)], np.nan)
        s_ln = np.select([point, left, right, interval],
                         [z1 * z1 - 1, -z2 * f2 / special.ndtr(z2), z1 * f1 / special.ndtr(-z1),
                          -(z2 * f2 - z1 * f1) / p], np.nan)
    return s_xb, s_ln
