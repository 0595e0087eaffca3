"""Empirical Bayes predictions of the random effects and fitted values.

b~ = Lambda u~ with (L L') u~ = Lambda'Z'W(y - X beta^) (the conditional modes,
= posterior means for a linear model).  Standard errors as Stata's
``predict, reses``:

- after ML: the conditional SD, sqrt(diag(sigma^2 Lambda C Lambda')) with C the
  group's diagonal block of (L L')^-1;
- after REML: the comparative SE, which adds the uncertainty of beta^:
  C + F (R_X R_X')^-1 F',  F = (L L')^-1 Lambda'Z'WX.

Fitted values: x beta^ + sum_k z_k b~_k[group_k].
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class TermPredictions:
    """Per group of one term: ``modes`` (G, q) and ``se`` (G, q), columns as ``names``."""

    levelvar: str
    names: tuple[str, ...]
    modes: np.ndarray
    se: np.ndarray


def predict_random_effects(fit) -> list[TermPredictions]:
    """One TermPredictions per term of ``fit.spec`` (model order)."""
    model = fit.model
    lams = model.lambdas(fit.theta)
    Vb = fit.V_beta / fit.sigma2 if (model.reml and model.p) else None
    modes, var = model.blocked.modes_and_variances(lams, fit.beta, Vb)
    out = []
    for k, t in enumerate(fit.spec.terms):
        v = np.diagonal(var[k], axis1=1, axis2=2) * fit.sigma2
        out.append(TermPredictions(t.levelvar, tuple(t.names), modes[k], np.sqrt(np.maximum(v, 0))))
    return out


def fitted_values(fit) -> np.ndarray:
    """x beta^ + Z b~ (all random effects)."""
    spec = fit.spec
    n = len(spec.y)
    yhat = fit.model.X @ fit.beta if fit.model.p else np.zeros(n)
    for t, pred in zip(spec.terms, predict_random_effects(fit)):
        Z = np.asarray(t.Z, float).reshape(n, -1)
        yhat = yhat + np.einsum("ij,ij->i", Z, pred.modes[t.group])
    return yhat
