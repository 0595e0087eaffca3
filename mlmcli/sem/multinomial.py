"""gsem's multinomial logit ``(i.y <- x M[g]@1), mlogit`` fitted by the glmm engine.

y takes K values; outcome k != base has the linear predictor eta_k = x'beta_k + M[g] (the
random intercept shared by every outcome equation, its loading fixed at 1 as typed), the base
outcome eta = 0, and Pr(y = k | M) = exp(eta_k) / sum_l exp(eta_l) ([SEM] example 41g).  Each
observation becomes a choice set of K rows (``glmm.row_families.ChoiceSets``): row k carries
x in the columns of beta_k and a 1 in the random-effect design, the base row zeros, so the
glmm engine's one-level adaptive quadrature (``single_level``, mvaghermite with 7 points:
gsem's default) integrates M ~ N(0, sigma^2) out; the me engine's optimiser (``glmm.optimize``:
BFGS on the analytic gradient of ``single_level_gradient``, ln sigma its boundary-aware
parameter, then Newton steps on the accurate Hessian) maximises it from the fit without M.
Without a latent variable it is mlogit's likelihood.

Weights multiply each observation's log density inside the group's integral (gsem's weights
are at the observation level).  V: (-H)^-1 (OIM); vce(robust|cluster) and pweights: the
sandwich over the groups' scores (each observation its own group without a latent
variable), (-H)^-1 (sum_g s_g s_g') (-H)^-1 G / (G - 1), the scores being the central
differences of each group's ln L.  e(V) is reported in gsem's metric: var(M[g]) = sigma^2.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from mlmcli.robust.cluster_sandwich import cluster_index, cluster_sandwich


@dataclass(frozen=True)
class MultinomialData:
    codes: np.ndarray  # 0..K-1 per observation
    K: int
    base: int
    X: np.ndarray  # (n, p): the estimable columns, the constant last
    group: np.ndarray | None  # codes 0..G-1 of the latent variable's groups, None without one
    weights: np.ndarray | None = None

    @property
    def outcomes(self) -> list[int]:
        """The indices of the non-base outcomes: one equation each."""
        return [k for k in range(self.K) if k != self.base]


@dataclass(frozen=True)
class MultinomialEstimates:
    b: np.ndarray  # beta_k stacked by outcome, then var(M) when there is a latent variable
    V: np.ndarray
    loglik: float
    fixed_loglik: float | None  # the fit without the latent variable (the start)
    fixed_steps: tuple[float, ...]  # its iteration log
    steps: tuple[float, ...]
    converged: bool
    limit_reached: bool
    n_clusters: int | None


def choice_rows(data: MultinomialData):
    """(ChoiceSets family, X, Z or None, row groups or None, row weights or None) of the
    expanded data, the sets ordered by group (each set contiguous, as the engine needs)."""
    from mlmcli.glmm.row_families import ChoiceSets

    n, p = data.X.shape
    K = data.K
    order = np.argsort(data.group, kind="stable") if data.group is not None else np.arange(n)
    alt = np.tile(np.arange(K), n)
    chosen = alt == np.repeat(data.codes[order], K)
    X = np.zeros((n * K, p * (K - 1)))
    for j, k in enumerate(data.outcomes):
        X[k::K, j * p:(j + 1) * p] = data.X[order]
    family = ChoiceSets(chosen, np.repeat(np.arange(n), K))
    w = None if data.weights is None else np.repeat(np.asarray(data.weights, float)[order], K)
    if data.group is None:
        return family, X, None, None, w
    Z = (alt != data.base).astype(float)[:, None]
    return family, X, Z, np.repeat(data.group[order], K), w


class _Likelihood:
    """ln L(x), its analytic gradient and each unit's ln L, x = (beta, ln sd of M) (the me
    engine's coordinates: a variance at zero is its boundary, ``optimize``)."""

    def __init__(self, data: MultinomialData, latent: bool, points: int):
        from mlmcli.glmm.single_level import SingleLevelModel

        family, X, Z, group, w = choice_rows(data)
        self.family, self.X, self.w, self.points = family, X, w, points
        self.K, self.n = data.K, len(data.codes)
        self.engine = None
        if latent:
            self.engine = SingleLevelModel(family, X, np.zeros(len(X)), w, group, int(group.max()) + 1, Z, None)

    def _split(self, x):
        x = np.asarray(x, float)
        return (x[:-1], np.array([[np.exp(2 * x[-1])]])) if self.engine is not None else (x, None)

    def units(self, x) -> np.ndarray:
        """ln L of each group (with the latent variable) or of each observation."""
        beta, Sigma = self._split(x)
        with np.errstate(all="ignore"):
            if self.engine is not None:
                return self.engine.group_logliks(beta, (), Sigma, "mvaghermite", self.points)
            lf = self.family.logf(self.X @ beta)
            lf = lf if self.w is None else lf * self.w
            return lf.reshape(self.n, self.K).sum(axis=1)

    def value(self, x) -> float:
        try:
            v = float(np.sum(self.units(x)))
        except (np.linalg.LinAlgError, FloatingPointError, ValueError):
            return -np.inf
        return v if np.isfinite(v) else -np.inf

    def gradient(self, x) -> np.ndarray:
        from mlmcli.glmm.single_level_gradient import one_effect_gradient

        beta, Sigma = self._split(x)
        with np.errstate(all="ignore"):
            if self.engine is None:
                d1 = self.family.derivs(self.X @ beta, (), 1)[0]
                return self.X.T @ (d1 if self.w is None else d1 * self.w)
            gb, _, gp = one_effect_gradient(self.engine, beta, (), Sigma, [2 * Sigma], "mvaghermite", self.points)
        return np.concatenate([gb, gp])


def _maximize(lik: _Likelihood, x0: np.ndarray, iterate: int, latent: bool):
    """The me engine's maximisation (``glmm.optimize``): BFGS on the analytic gradient, then
    Newton steps on the accurate Hessian.  (x, ln L, H, steps, converged, limit reached)."""
    from mlmcli.glmm.optimize import Objective, maximize, polish

    obj = Objective(lik.value, len(x0), lik.gradient)
    if latent:
        obj.log_sd = (len(x0) - 1,)
    if not np.isfinite(lik.value(x0)):
        from mlmcli.errors import StataError

        raise StataError("initial values not feasible", 1400)
    res = maximize(obj, x0, iterate=iterate)
    H = res.hessian if res.hessian is not None else obj.rough_hessian(res.x, res.f)
    x, f = res.x, res.f
    if res.converged:
        x, f, H = polish(obj, res.x, res.f, H)
    steps = [s.loglik for s in res.steps]
    if f > res.f + 1e-9 * max(1.0, abs(res.f)):
        steps.append(f)
    return x, f, H, tuple(steps), bool(res.converged), bool(res.limit_reached)


def fit(data: MultinomialData, *, points: int = 7, robust: bool = False, cluster: np.ndarray | None = None,
        iterate: int = 300) -> MultinomialEstimates:
    """The ML fit; ``robust``: the sandwich over the latent variable's groups or the
    observations (``cluster``: observation-level codes of clusters, which must nest the groups)."""
    latent = data.group is not None
    # the optimiser works on columns scaled to a largest |value| of 1 (age squared in the
    # thousands beside indicators makes BFGS crawl); estimates and V are scaled back
    scale = np.max(np.abs(data.X), axis=0)
    scale = np.where(scale > 0, scale, 1.0)
    data = dataclasses.replace(data, X=data.X / scale)
    k_beta = data.X.shape[1] * (data.K - 1)
    bare = _Likelihood(data, False, points)
    xb, fb, Hb, steps_b, conv_b, lim_b = _maximize(bare, np.zeros(k_beta), iterate, False)
    if latent:
        lik = _Likelihood(data, True, points)
        start = np.concatenate([xb, [np.log(0.5)]])
        x, f, H, steps, converged, limit = _maximize(lik, start, iterate, True)
    else:
        lik, x, f, H, steps, converged, limit = bare, xb, fb, Hb, steps_b, conv_b, lim_b
    V = _invert(H)
    n_clusters = None
    if robust:
        S = _scores(lik, x)
        codes, n_clusters = (None, S.shape[0]) if cluster is None else cluster_index(_unit_codes(data, cluster, latent))
        # one cluster (or one observation): N_c/(N_c - 1) is missing, the robust VCE with it (as mlogit's)
        V = cluster_sandwich(V, S, codes, n_clusters=n_clusters)
    T = np.concatenate([np.tile(1.0 / scale, data.K - 1), [1.0] if latent else []])
    with np.errstate(over="ignore", invalid="ignore"):  # x1 ~ 1e-150: variances past the double range are missing
        x, V = x * T, V * np.outer(T, T)
    V = np.where(np.isfinite(V), V, np.nan)
    b = x.copy()
    if latent:  # gsem's metric: the variance exp(2 ln sd), its row of V by the delta method
        J = np.eye(len(x))
        b[-1] = float(np.exp(2 * x[-1]))
        J[-1, -1] = 2 * b[-1]
        V = J @ V @ J.T
    return MultinomialEstimates(b, (V + V.T) / 2, f, fb if latent else None, steps_b if latent else (), steps,
                                converged, limit, n_clusters)


def _invert(H: np.ndarray) -> np.ndarray:
    if not np.all(np.isfinite(H)):
        return np.full_like(H, np.nan)
    try:
        return np.linalg.inv(-H)
    except np.linalg.LinAlgError:
        return np.linalg.pinv(-H)


def _scores(lik: _Likelihood, x: np.ndarray) -> np.ndarray:
    """(units, k): central differences of each unit's ln L."""
    out = []
    for j in range(len(x)):
        h = 1e-5 * max(1.0, abs(x[j]))
        e = np.zeros(len(x))
        e[j] = h
        out.append((lik.units(x + e) - lik.units(x - e)) / (2 * h))
    return np.column_stack(out)


def _unit_codes(data: MultinomialData, cluster: np.ndarray, latent: bool) -> np.ndarray:
    """The cluster of each score row (groups or observations, in the engine's order)."""
    if not latent:
        return np.asarray(cluster)
    out = np.full(int(data.group.max()) + 1, -1)
    out[data.group] = cluster
    return out


def loglik_at(data: MultinomialData, x: np.ndarray, points: int = 7) -> float:
    """ln L at (beta, ln sd): the engine's value, for checks against an independent computation."""
    return _Likelihood(data, data.group is not None, points).value(x)

