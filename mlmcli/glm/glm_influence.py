"""glm's hat diagonals, Cook's distance, likelihood, Anscombe and adjusted deviance residuals
(glim_p and the variance programs glim_v1..glim_v6; [R] glm postestimation).

With mu, V(mu) and mu' = d mu / d eta on the estimation sample, W = mu'^2 / V (IRLS's weight)
and w the prior weights (aweights rescaled to mean 1; 1 without weights):

- hat: h = W x (X' diag(W w) X)^-1 x'  (glim_p's regress of z on X [iw = W w], mse1, stdp^2 W);
- cooksd: h r^2 / (rank (1 - h)^2) with r = (y - mu)/sqrt(V phi), rank = e(rank), phi = e(phi);
- likelihood: sign(y - mu) sqrt(h r_P^2 + d), r_P = (y - mu)/sqrt(V (1 - h)), d the unit deviance;
- anscombe: Gaussian y - mu; Poisson 3/2 (y^(2/3) - mu^(2/3))/mu^(1/6); gamma 3 (y^(1/3) -
  mu^(1/3))/mu^(1/3); inverse Gaussian (ln y - ln mu)/sqrt(mu); binomial 3/2 (y^(2/3) H(y/m) -
  mu^(2/3) H(mu/m))/(mu (1 - mu/m))^(1/6); negative binomial (H(-k y) - H(-k mu) + 3/2 (y^(2/3)
  - mu^(2/3)))/(mu + k mu^2)^(1/6), H(z) = 2F1(2/3, 1/3; 5/3; z) (glim_v's ``_hyp2f1``; taken
  to be this function, as in Hardin & Hilbe's and statsmodels' formulas);
- deviance adjustment (``deviance adjusted``, added to the deviance residual): Gaussian 0;
  binomial (1 - 2 mu/m)/(6 sqrt(mu (1 - mu/m))); Poisson 1/(6 sqrt(mu)); gamma sqrt(phi)/3;
  inverse Gaussian and negative binomial refused (r(198), as glim_v5/glim_v6).
"""
from __future__ import annotations

import numpy as np
from scipy import special

from ..errors import StataError


def _h(z):
    return special.hyp2f1(2 / 3, 1 / 3, 5 / 3, z)


def anscombe_residuals(family, y: np.ndarray, mu: np.ndarray, m: np.ndarray) -> np.ndarray:
    """glim_v's Anscombe residual (``todo`` 4) of ``family`` (an ``exponential_family.Family``)."""
    name = family.name
    with np.errstate(invalid="ignore", divide="ignore"):
        if name == "gaussian":
            return y - mu
        if name == "poisson":
            return 1.5 * (np.cbrt(y) ** 2 - np.cbrt(mu) ** 2) / mu ** (1 / 6)
        if name == "gamma":
            return 3 * (np.cbrt(y) - np.cbrt(mu)) / np.cbrt(mu)
        if name == "igaussian":
            return (np.log(y) - np.log(mu)) / np.sqrt(mu)
        if name == "binomial":
            return (1.5 * (np.cbrt(y) ** 2 * _h(y / m) - np.cbrt(mu) ** 2 * _h(mu / m))
                    / (mu * (1 - mu / m)) ** (1 / 6))
        k = family.k
        return ((_h(-k * y) - _h(-k * mu) + 1.5 * (np.cbrt(y) ** 2 - np.cbrt(mu) ** 2))
                / (mu + k * mu * mu) ** (1 / 6))


def deviance_adjustment(family, mu: np.ndarray, m: np.ndarray, phi: float) -> np.ndarray:
    """glim_v's ``todo`` 6 (r(198) for the inverse Gaussian and negative binomial families)."""
    name = family.name
    with np.errstate(invalid="ignore", divide="ignore"):
        if name == "gaussian":
            return np.zeros_like(mu)
        if name == "binomial":
            return (1 - 2 * mu / m) / (6 * np.sqrt(mu * (1 - mu / m)))
        if name == "poisson":
            return 1 / (6 * np.sqrt(mu))
        if name == "gamma":
            return np.full_like(mu, 1 / (3 * np.sqrt(1 / phi)))
    if name == "nbinomial":
        raise StataError("Adjusted deviance residuals not supported for this family", 198)
    raise StataError("", 198)  # glim_v5 exits 198 without a message


def hat_diagonals(X: np.ndarray, W: np.ndarray, w: np.ndarray, sample: np.ndarray) -> np.ndarray:
    """h = W x (X' diag(W w) X)^-1 x' on the ``sample`` rows, NaN elsewhere."""
    out = np.full(len(W), np.nan)
    rows = np.flatnonzero(sample)
    Xs = X[rows]
    info = Xs.T @ (Xs * (W[rows] * w[rows])[:, None])
    inv = np.linalg.pinv(info)  # omitted (all-zero) columns drop out, as regress's
    out[rows] = W[rows] * np.einsum("ij,jk,ik->i", Xs, inv, Xs)
    return out
