"""Linearized scores of tobit's and intreg's censored-normal fit (svy: tobit, svy: intreg):
each observation's w_i s_i(theta) (-H)^-1 in the fit's metric theta = (b/sigma, 1/sigma),
carried to (b, ln sigma) by the fit's Jacobian.  The likelihood is the one
``censored_normal.fit_censored_normal`` maximised (its data centred by the same shift, which
moves only the constant and so no derivative).  Engine: never prints."""
from __future__ import annotations

import numpy as np

from mlmcli.censored_normal import CensoredData, CensoredNormalLikelihood
from mlmcli.errors import StataError


def censored_influence(data: CensoredData, theta: np.ndarray, shift: float) -> np.ndarray:
    """n x (p+1): the influence of each row on (b, ln sigma) at the optimum ``theta`` of the
    data centred by ``shift``."""
    centred = CensoredData(data.lo - shift, data.hi - shift, data.X, data.offset, data.w)
    model = CensoredNormalLikelihood(centred)
    H = model.grad_hess(theta)[1]
    try:
        bread = np.linalg.inv(-H)
    except np.linalg.LinAlgError:
        raise StataError("Hessian is not negative semidefinite", 430) from None
    p = data.X.shape[1]
    gamma, delta = theta[:p], float(theta[p])
    J = np.zeros((p + 1, p + 1))  # d(b, ln sigma) / d(gamma, delta)
    J[:p, :p] = np.eye(p) / delta
    J[:p, p] = -gamma / delta ** 2
    J[p, p] = -1.0 / delta
    return (model.scores(theta) * data.w[:, None]) @ bread @ J.T


def centring_shift(data: CensoredData, has_constant: bool) -> float:
    """The shift fit_censored_normal takes off the bounds: the weighted mean of the midpoints
    (or the finite bound) less the offset; 0 without a constant."""
    if not has_constant:
        return 0.0
    z = np.where(np.isfinite(data.lo) & np.isfinite(data.hi), (data.lo + data.hi) / 2,
                 np.where(np.isfinite(data.lo), data.lo, data.hi)) - data.offset
    return float(data.w @ z / data.w.sum())
