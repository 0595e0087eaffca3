"""Where the adaptive quadratures of ``single_level`` put their nodes: each group's mode of
h_j and the curvature -h_j'' there (``modes``, the Newton search of all groups at once) and the
mean-variance fixed point of ``mvaghermite`` (``mv_fixed_point``: the posterior mean and
covariance of b_j computed by the quadrature itself, iterated), with the node placement
``Adaptive`` (mu_j, R_j: nodes b = mu_j + R_j t) and the batched Cholesky factors they use.

``AdaptiveNodes`` holds these steps for ``SingleLevelModel``, which supplies the group sums,
the log density at the observations and the quadrature itself (``gsum``, ``obs_eval``,
``quadrature``, ``cache``, ``last_modes``)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .node_arithmetic import column_grams, posterior_moments, quadratic_forms, row_grams
from .quadrature import LOG_2PI

# ``SingleLevelModel.modes``: a group's search has stalled after this many Newton steps in a
# row below STALL_SIZE, none under half its smallest step so far
STALL_STEPS = 3
STALL_SIZE = 1e-7
EPS = np.finfo(float).eps

CACHED_ITERATIONS = 50  # mean-variance updates from the previous fixed point before restarting from the modes
# up to this many points a dimension the mean-variance update can have several fixed points (two
# points: ln L -29.30 from the modes, -33.47 from another theta's nodes): each evaluation starts
# from the modes, searched from zero, so ln L is a function of the parameters (docs/mv_order_independent.md)
FROM_MODES_POINTS = 3


def batched_cholesky(A: np.ndarray) -> np.ndarray:
    """Cholesky factors of (G, q, q) matrices; non-PD ones are lifted by a multiple of I."""
    if A.shape[-1] == 1 and (A > 0).all():
        return np.sqrt(A)  # LAPACK's 1 x 1 factor, bit for bit, without its per-matrix call
    try:
        return np.linalg.cholesky(A)
    except np.linalg.LinAlgError:
        w = np.linalg.eigvalsh(A)
        q = A.shape[-1]
        scale = np.maximum(np.abs(np.diagonal(A, axis1=1, axis2=2)).max(axis=1), 1e-300)
        lift = np.where(w[:, 0] > 1e-12 * scale, 0.0, -w[:, 0] + 1e-8 * scale)
        return np.linalg.cholesky(A + lift[:, None, None] * np.eye(q))


def logdet_chol(L: np.ndarray) -> np.ndarray:
    return np.log(L.diagonal(axis1=-2, axis2=-1)).sum(axis=-1)


@dataclass
class Adaptive:
    """Node locations and scales per group: ``mu`` (G, q), ``R`` (G, q, q) lower triangular."""

    mu: np.ndarray
    R: np.ndarray


class AdaptiveNodes:
    """The mode search and the mean-variance fixed point of ``SingleLevelModel``."""

    def _grad_negH(self, b, d1, d2, Sinv):
        if self.intercept_only:
            return self.gsum(d1)[:, None] - b @ Sinv, (-self.gsum(d2))[:, None, None] + Sinv
        return (self.gsum(self.Z * d1[:, None]) - b @ Sinv,
                self._sym(self.gsum(self.ZZ * (-d2)[:, None])) + Sinv)

    def _h_from(self, lf, b, Sinv, logdet_S):
        quad = quadratic_forms(b, Sinv)
        return self.gsum(lf) - 0.5 * quad - 0.5 * (logdet_S + self.q * LOG_2PI)

    def modes(self, eta0, anc, Sinv, logdet_S, b0=None, tol=1e-11, maxit=100):
        """(mode (G, q), -h'' at the mode (G, q, q), h at the mode (G,)).

        Newton steps for all groups at once, each group's step halved while it would
        lower h_j; log density and derivatives come from one fused evaluation per trial
        point, reused for the next step once accepted.  The search ends when every group's
        last step is below ``tol`` or the group has stalled.  Near a correlation of +/-1,
        Sigma^-1 is huge and the rounding of b Sigma^-1 and b'Sigma^-1 b is far above ``tol``
        and 1e-12 |h|: every step that happened to lower h by that noise was halved down
        to nothing (up to 40 evaluations of all groups each, stopping groups short of the
        mode), and at the mode the steps only wander.  So a step may lower h by h's own
        rounding (``slack``); a group whose halved step falls below ``tol`` stays where it
        is (step 0: the end for it, as a step below ``tol`` was); and a group has stalled
        after ``STALL_STEPS`` steps in a row below ``STALL_SIZE`` none of which is under
        half its smallest step so far -- a search still converging shrinks its steps far
        faster (quadratically).  With Sigma well conditioned none of this fires and the
        search runs exactly as before."""
        G, q = self.G, self.q
        b = np.zeros((G, q)) if b0 is None else b0.copy()
        lf, d1, d2 = self.obs_eval(self.eta_at(eta0, b), anc, 2)
        hb = self._h_from(lf, b, Sinv, logdet_S)
        abs_Sinv = np.abs(Sinv)
        best = np.full(G, np.inf)
        stalled = np.zeros(G, int)
        for _ in range(maxit):
            grad, negH = self._grad_negH(b, d1, d2, Sinv)
            L = batched_cholesky(negH)
            if q == 1:
                step = grad / (L[:, :, 0] ** 2)
            else:
                step = np.linalg.solve(row_grams(L), grad[..., None])[..., 0]
            if not np.all(np.isfinite(step)):
                # b + t step is non-finite for every t > 0, so is h there: all 40 halvings
                # would fail and the search end below with b as it is (a line-search trial at
                # impossible cut points, lf = -inf at every b, spent 41 evaluations here)
                break
            full = np.max(np.abs(step), axis=1)
            stalled = np.where((full < STALL_SIZE) & (full >= 0.5 * best), stalled + 1, 0)
            best = np.minimum(best, full)
            # h's own rounding at b: b'Sigma^-1 b is off by about eps |b|'|Sigma^-1||b|, far
            # below 1e-12 |h| unless Sigma is near singular
            slack = np.maximum(1e-12 * np.abs(hb), 16 * EPS * quadratic_forms(np.abs(b), abs_Sinv))
            t = np.ones(G)
            bad = None
            for _ in range(40):
                bn = b + t[:, None] * step
                if bad is None:
                    lfn, d1n, d2n = self.obs_eval(self.eta_at(eta0, bn), anc, 2)
                else:  # only the halved groups moved: the others' rows keep their bits
                    lfn, d1n, d2n = self._obs_eval_groups(eta0, bn, anc, bad, (lfn, d1n, d2n))
                hn = self._h_from(lfn, bn, Sinv, logdet_S)
                bad = (~(hn >= hb - slack) | ~np.isfinite(hn)) & (t > 0)
                if not bad.any():
                    break
                t = np.where(bad, t * 0.5, t)
                t = np.where(bad & (t * full < tol), 0.0, t)  # below tol: stay
            size = np.max(np.abs(t[:, None] * step))
            if not np.all(np.isfinite(hn)):
                break
            b, hb, d1, d2 = bn, hn, d1n, d2n
            if size < tol or np.all((np.max(np.abs(t[:, None] * step), axis=1) < tol)
                                    | (stalled >= STALL_STEPS)):
                break
        return b, self._grad_negH(b, d1, d2, Sinv)[1], hb

    def mv_fixed_point(self, eta0, anc, Sinv, logdet_S, start: Adaptive | None, rule, tol):
        """Posterior mean/covariance adaptation iterated to its fixed point.

        From ``start``, or with ``start=None`` from the previous evaluation's fixed point
        (the cache).  A cached start far from this point's posterior -- e.g. left by a
        trial step to a huge variance in a line search -- may not converge, or only
        to nonsense: after ``CACHED_ITERATIONS`` without convergence the iteration
        restarts from the mode and curvature -- unless it has shrunk the update a
        thousandfold by then: a skewed posterior (an all-0 or all-1 panel under a large
        variance) contracts slowly, ~80 updates to ``tol``, and the restart threw 50 away
        (docs/xtlogit_flat_ridge.md).  Returns the quadrature
        (``quadrature``'s tuple) at the last nodes, which the update moved by less than
        ``tol`` posterior SDs, and the nodes themselves."""
        cached = self.cache.get("mv")
        from_cache = start is None and cached is not None and cached.mu.shape == (self.G, self.q)
        ad = cached if from_cache else (start if start is not None else self.mode_start(eta0, anc, Sinv, logdet_S))
        first = None
        for it in range(200):
            if from_cache and it == CACHED_ITERATIONS and not (first is not None and delta < 1e-3 * first):
                break  # no headway from the cached nodes: restart from the modes (below)
            res = self.quadrature(eta0, anc, Sinv, logdet_S, ad, rule)
            p, B = res[1], res[2]
            m, _, C = posterior_moments(p, B)
            Rn = batched_cholesky(C)
            sd = np.sqrt(C.diagonal(axis1=1, axis2=2))
            with np.errstate(divide="ignore", invalid="ignore"):  # a posterior SD of 0 (a degenerate fit)
                delta = max((np.abs(m - ad.mu) / sd).max(), (np.abs(Rn - ad.R) / sd[:, :, None]).max())
            if not np.isfinite(delta):
                break
            first = delta if first is None else first
            if delta < tol:
                self.cache["mv"] = ad
                return res, ad
            ad = Adaptive(m, Rn)
        if from_cache:  # no convergence from the cached nodes: start afresh from the modes
            self.cache.pop("mv", None)
            return self.mv_fixed_point(eta0, anc, Sinv, logdet_S, self.mode_start(eta0, anc, Sinv, logdet_S),
                                       rule, tol)
        self.cache["mv"] = ad
        return res, ad

    def remember_modes(self, mode, hmode) -> None:
        """The next mode search's start: these modes, unless they or h there are not finite
        (a trial step far off, e.g. a line search's, whose NaN modes would otherwise start
        every later search -- each evaluation -inf from then on); then none (from zero),
        as the nested engine does."""
        finite = np.all(np.isfinite(mode)) and np.all(np.isfinite(hmode))
        self.last_modes = mode if finite else None

    def clear_adaptive_cache(self) -> None:
        """Forget the last mean-variance nodes (the next evaluation starts from the modes)."""
        self.cache.pop("mv", None)
        for blocks in self._blocks.values():
            for b in blocks:
                b.clear_adaptive_cache()

    def finite_fixed_point(self, eta0, anc, Sinv, logdet_S, rule, tol):
        """``mv_fixed_point`` from the cached nodes (the modes when none are cached) and, when
        its posterior weights are not all finite, once more from the modes: the start the
        analytic gradients need (with few points always from the modes, as ``group_logliks``)."""
        if round(len(rule.logc) ** (1 / self.q)) <= FROM_MODES_POINTS:
            return self.mv_fixed_point(eta0, anc, Sinv, logdet_S, self.mode_start(eta0, anc, Sinv, logdet_S, True),
                                       rule, tol)
        res, ad = self.mv_fixed_point(eta0, anc, Sinv, logdet_S, None, rule, tol)
        if not np.all(np.isfinite(res[1])):
            self.clear_adaptive_cache()
            res, ad = self.mv_fixed_point(eta0, anc, Sinv, logdet_S, self.mode_start(eta0, anc, Sinv, logdet_S),
                                          rule, tol)
        return res, ad

    def mode_start(self, eta0, anc, Sinv, logdet_S, from_zero: bool = False) -> Adaptive:
        """Mode and curvature nodes, the start of the mean-variance iteration (``from_zero``: the
        mode search from b = 0, not the last modes: the same nodes whatever ran before)."""
        mode, negH, hmode = self.modes(eta0, anc, Sinv, logdet_S, None if from_zero else self.last_modes)
        self.remember_modes(mode, hmode)
        Linv = np.linalg.inv(batched_cholesky(negH))
        return Adaptive(mode, batched_cholesky(column_grams(Linv)))
