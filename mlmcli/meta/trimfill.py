"""Duval and Tweedie's nonparametric trim-and-fill ([META] meta trimfill): the number of
missing studies k0 by the linear (L0) or run (R0) estimator, iterating a pooled estimate of the
studies left after trimming the k0 most extreme ones on the side opposite the missing ones;
then the trimmed studies mirrored about that estimate are filled in and all studies pooled.
The side, when not given, is the one Egger's regression points to (metafor's trimfill: a
negative slope of the effect sizes on their standard errors puts missing studies on the right).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.meta.estimators import pool
from mlmcli.meta.regression import meta_regress

_MAX_ITER = 100


@dataclass(frozen=True)
class TrimFill:
    side: str
    k0: int
    iterations: int
    filled_y: np.ndarray
    filled_v: np.ndarray
    iter_model: str
    iter_method: str


def default_side(y, v, model: str, method: str) -> str:
    X = np.column_stack([np.sqrt(v), np.ones(len(y))])
    fit = meta_regress(y, v, X, model, method)
    return "right" if fit.b[0] < 0 else "left"


def trim_and_fill(y, v, side: str = "", estimator: str = "linear", iter_model: str = "fixed",
                  iter_method: str = "invvariance", pool_model: str = "random",
                  pool_method: str = "reml") -> TrimFill:
    y = np.asarray(y, float)
    v = np.asarray(v, float)
    if not side:
        side = default_side(y, v, pool_model, pool_method)
    flip = -1.0 if side == "right" else 1.0
    ys = flip * y
    order = np.argsort(ys, kind="stable")
    ys, vs = ys[order], v[order]
    K = len(ys)
    k0, previous, iterations = 0, -1, 0
    beta = 0.0
    while k0 != previous:
        previous = k0
        iterations += 1
        if iterations > _MAX_ITER:
            raise ArithmeticError("trim-and-fill did not converge")
        beta = pool(ys[:K - k0], vs[:K - k0], iter_model, iter_method).theta
        centred = ys - beta
        ranks = np.empty(K)
        ranks[np.argsort(np.abs(centred), kind="stable")] = np.arange(1, K + 1)
        signed = np.sign(centred) * ranks
        if estimator == "run":
            negatives = -signed[signed < 0]
            k0 = (K - (negatives.max() if negatives.size else 0)) - 1
        else:
            k0 = (4 * signed[signed > 0].sum() - K * (K + 1)) / (2 * K - 1)
        k0 = int(max(0, np.floor(k0 + 0.5)))
        k0 = min(k0, K - 1)
    filled_y = flip * (2 * beta - ys[K - k0:]) if k0 else np.array([])
    filled_v = vs[K - k0:] if k0 else np.array([])
    return TrimFill(side=side, k0=k0, iterations=iterations, filled_y=np.asarray(filled_y, float),
                    filled_v=np.asarray(filled_v, float), iter_model=iter_model, iter_method=iter_method)
