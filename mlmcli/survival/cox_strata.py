"""stcox's strata(): the partial likelihood as the sum of one likelihood per stratum (each
stratum its own risk sets and baseline hazard, the coefficients common), and the record
subsets of CoxData the strata, the exact methods and tvc() build on."""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from mlmcli.survival.cox import CoxData, PartialLikelihood


def subset(data: CoxData, rows: np.ndarray) -> CoxData:
    """The records ``rows`` of data (their offset too)."""
    return replace(data, t0=data.t0[rows], t=data.t[rows], d=data.d[rows], X=data.X[rows], w=data.w[rows],
                   offset=None if data.offset is None else data.offset[rows])


def likelihood_for(data: CoxData):
    """The likelihood object of one stratum: Breslow/Efron, or an exact method's."""
    if data.ties in ("exactp", "exactm"):
        from mlmcli.survival.cox_exact import ExactLikelihood
        return ExactLikelihood(data)
    return PartialLikelihood(data)


class StratifiedLikelihood:
    """ll(b) = sum over strata of each stratum's ll(b); gradient, Hessian and the score
    residuals likewise (a record's score residual is its stratum's)."""

    def __init__(self, data: CoxData, strata: np.ndarray | None):
        self.data = data
        codes = np.zeros(len(data.t), int) if strata is None else np.unique(strata, return_inverse=True)[1]
        self.groups = [np.flatnonzero(codes == g) for g in range(int(codes.max()) + 1 if codes.size else 0)]
        self.parts = [likelihood_for(subset(data, rows)) for rows in self.groups]

    def evaluate(self, b: np.ndarray, derivatives: bool = True):
        p = len(b)
        ll, grad, H = 0.0, np.zeros(p), np.zeros((p, p))
        for part in self.parts:
            l, g, h = part.evaluate(b, derivatives)
            ll += l
            grad = grad + g
            H = H + h
        return ll, grad, H

    def value_free_of_derivatives(self) -> bool:
        return all(getattr(part, "value_free_of_derivatives", lambda: False)() for part in self.parts)

    def score_residuals(self, b: np.ndarray) -> np.ndarray:
        U = np.zeros_like(self.data.X, dtype=float)
        for rows, part in zip(self.groups, self.parts):
            U[rows] = part.score_residuals(b)
        return U


def strata_codes(ds, names: list[str], sample: np.ndarray) -> np.ndarray | None:
    """One code per combination of the strata variables' values (None without strata())."""
    if not names:
        return None
    from mlmcli.panel.groups import group_codes

    codes = np.zeros(int(sample.sum()), dtype=np.int64)
    for name in names:
        c = group_codes(ds, name, sample)
        codes = codes * (int(c.max()) + 1) + c
    return np.unique(codes, return_inverse=True)[1]


def build_likelihood(data, strata: np.ndarray | None, tvc_columns: np.ndarray | None, g: np.ndarray | None):
    """(likelihood, rows): the stratified likelihood of data, with tvc() the likelihood of the
    records split at the failure times (rows: the record of each piece; None unsplit)."""
    from dataclasses import replace

    from mlmcli.survival.cox_tvc import split_at_failures, time_function_at

    if tvc_columns is None:
        return StratifiedLikelihood(data, strata), None
    pieces = split_at_failures(data.t0, data.t, data.d, data.t[data.d == 1])
    r = pieces.rows
    g_end = time_function_at(pieces.t, data.t, g)
    X = np.column_stack([data.X[r], tvc_columns[r] * g_end[:, None]])
    split = replace(data, t0=pieces.t0, t=pieces.t, d=pieces.d, X=X, w=data.w[r],
                    offset=None if data.offset is None else data.offset[r])
    return StratifiedLikelihood(split, None if strata is None else strata[r]), r
