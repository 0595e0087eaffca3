"""Two conditional distributions of gllamm's that ``glm.family.Family`` lacks, with its interface
(``logf``, ``logf_over``, ``logf_derivs``, ``derivs``, ``subset``, ``n_anc``; ``RowFamily`` holds
the two evaluation methods they share -- mestreg's ``survival.mixed_survival.SurvivalRows`` too), so that the glmm
engine's quadrature (``single_level.SingleLevelModel``) integrates them unchanged.

``ThresholdOrdinal`` -- an ordinal response whose thresholds depend on covariates (gllamm's
``thresh(eqname)``; Rabe-Hesketh, Skrondal & Pickles, gllamm manual 2004, sec. 2.3.3):
y in 1..K, Pr(y <= s | eta) = F(kappa_s - eta), kappa_s = w'alpha_s (w: the threshold
equation's variables and a constant), so

    logf = ln(F(kappa_y - eta) - F(kappa_{y-1} - eta)),  kappa_0 = -inf, kappa_K = +inf.

The ancillary parameters are alpha_1, ..., alpha_{K-1} (each r = len(w) long) in that order.
Thresholds out of order at an observation make its probability negative: logf = -inf there.

``ChoiceSets`` -- gllamm's ``link(mlogit)`` on expanded data (``expanded(id choice o)``): the
rows of one choice set (one original observation) are its alternatives, each with its own
linear predictor eta_a, and the chosen alternative c has

    Pr(c) = exp(eta_c) / sum_a exp(eta_a)

(McFadden's conditional logit).  The set's log probability is given to its chosen row, 0 to
the others, so sums over rows are the sets' log likelihoods.  The rows of a set must be
contiguous (the caller sorts them); ``subset`` keeps whole sets (the engine's blocks are whole
groups, and a set lies inside one group).  d1 = 1[chosen] - p_a is the exact score in eta_a;
d2 = -p_a (1 - p_a) the diagonal of the Hessian (its off-diagonal p_a p_b, which a per-row
derivative cannot carry, only slows the engine's search for the modes; the adaptive nodes
themselves are the posterior moments the quadrature computes).
"""
from __future__ import annotations

import numpy as np

from ..glm.inverse_links import log_cdf, log_diff_cdf, log_sf, pdf_derivs


def _col(a: np.ndarray, ndim: int) -> np.ndarray:
    a = np.asarray(a)
    return a.reshape(a.shape + (1,) * (ndim - a.ndim))


class RowFamily:
    """The engine's evaluation methods every row family shares, from its ``logf`` and ``derivs``."""

    def logf_over(self, eta, anc=(), scratch=None):
        eta[...] = self.logf(eta, anc)
        return eta

    def logf_derivs(self, eta, anc=(), order: int = 2):
        return [self.logf(eta, anc)] + (list(self.derivs(eta, anc, order)) if order else [])


class ThresholdOrdinal(RowFamily):
    """Ordinal response 1..``ncat`` with thresholds ``W alpha_s`` (module docstring)."""

    def __init__(self, link: str, y: np.ndarray, W: np.ndarray, ncat: int):
        self.link = link
        self.y = np.asarray(y, np.int64)
        self.W = np.asarray(W, float).reshape(len(self.y), -1)
        self.ncat = int(ncat)
        self.r = self.W.shape[1]
        self._split = None

    @property
    def n_anc(self) -> int:
        return (self.ncat - 1) * self.r

    def subset(self, rows) -> "ThresholdOrdinal":
        return ThresholdOrdinal(self.link, self.y[rows], self.W[rows], self.ncat)

    def thresholds(self, anc) -> np.ndarray:
        """(n, K-1): kappa_s of every observation."""
        A = np.asarray(anc, float).reshape(self.ncat - 1, self.r)
        return self.W @ A.T

    def _bounds(self, eta, anc):
        """(a, c) = (kappa_y - eta, kappa_{y-1} - eta), +/-inf at the ends."""
        kap = self.thresholds(anc)
        full = np.column_stack([np.full(len(self.y), -np.inf), kap, np.full(len(self.y), np.inf)])
        idx = np.arange(len(self.y))
        nd = np.ndim(eta)
        return _col(full[idx, self.y], nd) - eta, _col(full[idx, self.y - 1], nd) - eta

    def _rows(self):
        """Row indices of the first, the last and the middle categories."""
        if self._split is None:
            first, last = self.y == 1, self.y == self.ncat
            self._split = (np.flatnonzero(first), np.flatnonzero(last), np.flatnonzero(~first & ~last))
        return self._split

    def logf(self, eta, anc=()):
        """Each row evaluates only its own term (the first and last categories one cdf)."""
        eta = np.asarray(eta, float)
        nd = eta.ndim
        kap = self.thresholds(anc)
        first, last, mid = self._rows()
        out = np.empty(eta.shape)
        with np.errstate(invalid="ignore", divide="ignore"):
            if first.size:
                out[first] = log_cdf(self.link, _col(kap[first, 0], nd) - eta[first])
            if last.size:
                out[last] = log_sf(self.link, _col(kap[last, self.ncat - 2], nd) - eta[last])
            if mid.size:
                ym = self.y[mid]
                a = _col(kap[mid, ym - 1], nd) - eta[mid]
                c = _col(kap[mid, ym - 2], nd) - eta[mid]
                out[mid] = np.where(a > c, log_diff_cdf(self.link, a, c), -np.inf)
        return np.where(np.isnan(out), -np.inf, out)

    def derivs(self, eta, anc=(), order: int = 2):
        eta = np.asarray(eta, float)
        a, c = self._bounds(eta, anc)
        fa = [np.where(np.isfinite(a), v, 0.0) for v in pdf_derivs(self.link, np.where(np.isfinite(a), a, 0.0))]
        fc = [np.where(np.isfinite(c), v, 0.0) for v in pdf_derivs(self.link, np.where(np.isfinite(c), c, 0.0))]
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            P = np.exp(self.logf(eta, anc))
            g1 = -(fa[0] - fc[0]) / P
            g2 = (fa[1] - fc[1]) / P
            out = [g1, g2 - g1 * g1]
            if order > 2:
                out.append(-(fa[2] - fc[2]) / P - 3 * g2 * g1 + 2 * g1 ** 3)
        return tuple(out[:order])


class ChoiceSets(RowFamily):
    """Conditional logit over contiguous choice sets (module docstring)."""

    n_anc = 0

    def __init__(self, chosen: np.ndarray, set_id: np.ndarray):
        self.chosen = np.asarray(chosen, bool)
        self.set_id = np.asarray(set_id)
        new = np.ones(len(self.set_id), bool)
        new[1:] = self.set_id[1:] != self.set_id[:-1]
        self.starts = np.flatnonzero(new)
        self.row_set = np.cumsum(new) - 1  # each row's set, 0.. within this block

    def subset(self, rows) -> "ChoiceSets":
        return ChoiceSets(self.chosen[rows], self.set_id[rows])

    def _log_probs(self, eta):
        """ln p_a (the shape of eta): eta_a minus its set's log-sum-exp."""
        eta = np.asarray(eta, float)
        m = np.maximum.reduceat(eta, self.starts, axis=0)
        m = np.where(np.isfinite(m), m, 0.0)
        s = np.add.reduceat(np.exp(eta - m[self.row_set]), self.starts, axis=0)
        return eta - (np.log(s) + m)[self.row_set]

    def logf(self, eta, anc=()):
        lp = self._log_probs(eta)
        return np.where(_col(self.chosen, lp.ndim), lp, 0.0)

    def derivs(self, eta, anc=(), order: int = 2):
        lp = self._log_probs(eta)
        p = np.exp(lp)
        out = [_col(self.chosen, lp.ndim) - p, -p * (1 - p), -p * (1 - p) * (1 - 2 * p)]
        return tuple(out[:order])
