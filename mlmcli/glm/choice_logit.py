"""McFadden's choice model ([R] asclogit): cases of alternatives, one chosen in each.

With case g's rows r (its alternatives), index u_r = x_r b + offset_r and p_r = exp(u_r) /
sum_{s in g} exp(u_s), the case's log likelihood is u_c - ln sum_{s in g} exp(u_s) (c the chosen
row); its score is x_c - sum_r p_r x_r and its Hessian -(sum_r p_r x_r x_r' - xbar xbar').
Case weights multiply a case's contribution.  The likelihood is concave; Newton from the
command's start (``newton.maximize`` through ``zero_inflated.maximize_with_variance``).  The
engine never prints.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class ChoiceData:
    X: np.ndarray         # rows = alternatives of the cases, sorted by case
    chosen: np.ndarray    # 0/1 per row, exactly one 1 per case
    case: np.ndarray      # case codes 0..G-1, nondecreasing
    offset: np.ndarray
    w: np.ndarray         # one weight per case


def case_probabilities(index: np.ndarray, case: np.ndarray) -> np.ndarray:
    """exp(u_r) / sum over the row's case of exp(u_s) (cases coded 0..G-1, any order)."""
    top = np.full(case.max() + 1, -np.inf)
    np.maximum.at(top, case, index)
    e = np.exp(index - top[case])
    sums = np.bincount(case, weights=e)
    return e / sums[case]


class ChoiceLikelihood:
    def __init__(self, data: ChoiceData):
        self.data = data
        self.G = int(data.case.max()) + 1

    def _p(self, b):
        d = self.data
        return case_probabilities(d.X @ b + d.offset, d.case)

    def case_loglik(self, b) -> np.ndarray:
        d = self.data
        with np.errstate(divide="ignore"):
            return np.bincount(d.case, weights=np.where(d.chosen == 1, np.log(self._p(b)), 0.0), minlength=self.G)

    def loglik(self, b) -> float:
        v = float(self.data.w @ self.case_loglik(np.asarray(b, float)))
        return v if np.isfinite(v) else -np.inf

    def scores(self, b) -> np.ndarray:
        """One row per case: x_c - sum_r p_r x_r."""
        d = self.data
        resid = d.chosen - self._p(b)
        out = np.zeros((self.G, d.X.shape[1]))
        np.add.at(out, d.case, d.X * resid[:, None])
        return out

    def grad_hess(self, b):
        d = self.data
        p = self._p(b)
        k = d.X.shape[1]
        wr = d.w[d.case]
        xbar = np.zeros((self.G, k))
        np.add.at(xbar, d.case, d.X * p[:, None])
        g = self.scores(b).T @ d.w
        H = -((d.X * (wr * p)[:, None]).T @ d.X - (xbar * d.w[:, None]).T @ xbar)
        return g, H


def fit_choice_logit(d: ChoiceData, start, *, iterate=300, tolerance=1e-6, ltolerance=1e-7, nrtolerance=1e-5):
    from .zero_inflated import LikelihoodFit, maximize_with_variance

    model = ChoiceLikelihood(d)
    res, V = maximize_with_variance(model, start, d.w, dict(iterate=iterate, tolerance=tolerance,
                                                            ltolerance=ltolerance, nrtolerance=nrtolerance))
    return LikelihoodFit(res.x, V, res.f, res.converged, res.limit_reached, res.steps)
