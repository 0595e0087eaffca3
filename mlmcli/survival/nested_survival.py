"""mestreg's engine for random effects at several nested levels (``|| school: || class:``), or
at one level with covariance(identity|exchangeable) of several effects or several equations
([ME] mestreg, Stata 14): the conditional model is ``mixed_survival``'s (streg's log likelihood
of each record given eta = x beta + sum_l z_l' u_l), the effects of level l independent
N(0, Sigma_l) across groups and levels.

ln L = sum over the top-level groups of ln of the nested integral over every level's effects:
the generalized mixed-model engine's own integrators, unchanged -- ``glmm.nested.NestedModel``
(level-by-level adaptive quadrature: mvaghermite, mcaghermite, ghermite; laplace the joint
Laplace approximation) for several levels, ``glmm.single_level.SingleLevelModel`` for one,
exactly as ``glmm.likelihood.GLMMModel`` calls them, with ``mixed_survival.SurvivalRows`` as
the family.

theta = (beta, ancillaries, phi), phi per term in Stata's estimation metric (ln sd per
distinct variance, atanh of the correlations: ``glmm.levels``/``TermCovariance``, which
gives identity, independent, exchangeable and unstructured alike).  Nested levels with
quadrature are maximised as the me engine maximises them (``nested_survival_gradient``: the
analytic gradient of ``glmm.nested_quadrature_gradient``, the Hessian from its differences);
one level and laplace by ``glmm.row_family_fit`` (BFGS on central-difference gradients,
Newton-Raphson on the finite-difference Hessian).  e(b) then holds each term's variances and covariances
(exchangeable and unstructured: every pair), e(V) by the delta method.  A variance driven
to zero (ln sd below BOUNDARY_LNSD) has no curvature, so convergence is ml's criterion over
the other parameters (``converged_on_boundary``).  The EB means and posterior SDs of every
level are ``glmm.posterior.posterior_effects``'s.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.glmm.levels import Structure
from mlmcli.survival.mixed_survival import SurvivalFitCore

MAX_NODES = 2e6  # as glmm.likelihood: quadrature nodes per top-level group
BOUNDARY_LNSD = -5.0  # ln sd below it (sd < 0.007): a variance at its boundary of zero


class NestedSurvivalModel:
    """ln L(theta) of the survival rows ``family`` with fixed design X and the levels of
    ``structure`` (module docstring); the attributes ``glmm.posterior`` reads of a model."""

    def __init__(self, family, X: np.ndarray, structure: Structure, method: str, points: int):
        from mlmcli.glmm.nested import NestedModel
        from mlmcli.glmm.single_level import SingleLevelModel

        self.family = family
        self.X = np.asarray(X, float).reshape(len(X), -1)
        n = len(self.X)
        self.structure = structure
        self.method, self.Q = method, int(points)
        self.nip = self.Q
        self.rows = np.arange(n)
        self.p, self.m = self.X.shape[1], family.n_anc
        self.n_phi = structure.n_est
        self.k = self.p + self.m + self.n_phi
        self.q = sum(lv.q for lv in structure.levels)
        self.correlated = False
        levels = structure.levels
        if method != "laplace" and float(self.Q) ** self.q > MAX_NODES:
            raise ValueError(f"intmethod({method}) with {self.Q} points per random effect needs "
                             f"{float(self.Q) ** self.q:.3g} integration points per top-level group; "
                             "use intmethod(laplace) or fewer intpoints()")
        if len(levels) == 1:
            lv = levels[0]
            self.engine = SingleLevelModel(family, self.X, np.zeros(n), None, lv.group, lv.G, lv.Z, None)
        else:
            self.engine = NestedModel(family, self.X, np.zeros(n), None, structure)

    def split(self, theta):
        theta = np.asarray(theta, float)
        p, m = self.p, self.m
        return theta[:p], theta[p:p + m], theta[p + m:]

    def sigmas(self, phi) -> list[np.ndarray]:
        return self.structure.sigmas(np.asarray(phi, float))

    def group_logliks(self, theta) -> np.ndarray:
        beta, anc, phi = self.split(theta)
        S = self.sigmas(phi)
        if len(S) == 1:
            L = self.structure.levels[0].chol(phi) if self.engine.whitens(self.method) else None
            return self.engine.group_logliks(beta, anc, S[0], self.method, self.Q, L=L)
        return self.engine.group_logliks(beta, anc, S, self.method, self.Q)

    def loglik(self, theta) -> float:
        try:
            with np.errstate(all="ignore"):
                v = float(np.sum(self.group_logliks(theta)))
        except (np.linalg.LinAlgError, FloatingPointError, ValueError):
            return -np.inf
        return v if np.isfinite(v) else -np.inf

    def top_weights(self):
        """The top level's weights (the glmm gradients' ``model.top_weights``)."""
        return self.structure.levels[0].weight

    def positive_diagonal(self, x):
        """The estimation metric has no sign to normalise (``row_family_fit``'s hook)."""
        return np.asarray(x, float), np.ones(len(x))


def re_values(structure: Structure, phi: np.ndarray) -> np.ndarray:
    """e(b)'s random-effects entries at phi: per term its variances, then (exchangeable,
    unstructured) the covariances of every pair a < b, row by row."""
    vals, k = [], 0
    for lv in structure.levels:
        for blk in lv.blocks:
            S = blk.cov.cov_from_est(phi[k:k + blk.cov.n_est])
            k += blk.cov.n_est
            q = len(blk.names)
            vals += [S[i, i] for i in range(q)]
            if blk.cov.kind in ("unstructured", "exchangeable"):
                vals += [S[i, j] for i in range(q) for j in range(i + 1, q)]
    return np.asarray(vals, float)


@dataclass(frozen=True)
class NestedSurvivalFit(SurvivalFitCore):
    """The fit (``theta`` in the estimation metric), its levels, iteration logs, and per term
    the EB means and SDs (``glmm.posterior.TermEffects``: by the term's group codes)."""

    structure: Structure
    converged: bool
    limit_reached: bool
    fixed_steps: tuple
    steps: tuple
    effects: tuple

    @property
    def Sigma(self) -> np.ndarray:
        """Every level's covariance, block diagonal (outermost level first)."""
        from scipy.linalg import block_diag

        return block_diag(*self.structure.sigmas(self.theta[self.p + self.m:]))


@dataclass(frozen=True)
class _PosteriorInput:
    """What ``glmm.posterior.posterior_effects`` reads of a fit."""

    model: NestedSurvivalModel
    theta: np.ndarray
    spec: object


@dataclass(frozen=True)
class _Terms:
    terms: tuple


def _start(model: NestedSurvivalModel, fixed_theta: np.ndarray) -> np.ndarray:
    """The best of the glmm engine's grid of starting variances (every effect the same)."""
    from mlmcli.glmm.optimize import GRID_VARIANCES

    best = None
    for v in GRID_VARIANCES:
        phi = np.concatenate([blk.cov.est_from_cov(v * np.eye(blk.cov.q))
                              for lv in model.structure.levels for blk in lv.blocks])
        th = np.concatenate([fixed_theta, phi])
        ll = model.loglik(th)
        if best is None or ll > best[1]:
            best = (th, ll)
    return best[0]


def converged_on_boundary(model: NestedSurvivalModel, theta: np.ndarray) -> bool:
    """ml's criterion g'(-H)^-1 g < 1e-5 over the parameters off the boundary: a variance
    driven towards zero leaves its ln sd flat (no curvature), so the criterion over every
    parameter is never met there although the others are at their optimum."""
    from mlmcli.glm.newton import newton_direction
    from mlmcli.glmm import numdiff

    off = model.p + model.m
    names = [n for lv in model.structure.levels for blk in lv.blocks for n in blk.cov.est_names()]
    flat = {off + i for i, n in enumerate(names) if n.startswith("lns") and theta[off + i] < BOUNDARY_LNSD}
    if not flat:
        return False
    keep = np.array([i for i in range(len(theta)) if i not in flat])

    def f(x):
        full = np.array(theta, float)
        full[keep] = x
        return model.loglik(full)

    x = np.asarray(theta, float)[keep]
    h = np.maximum(1.0, np.abs(x))
    with np.errstate(invalid="ignore"):
        g = numdiff.gradient(f, x, 1e-6 * h)
        H = numdiff.hessian(f, x, 1e-4 * h, richardson=False)
    if not (np.all(np.isfinite(g)) and np.all(np.isfinite(H))):
        return False
    d, concave = newton_direction(g, H)
    return bool(concave and float(g @ d) < 1e-5)


def fit_nested_survival(dist, aft: bool, X, t, t0, d, terms, *, method: str, points: int,
                        iterate: int = 300, on_iteration=None) -> NestedSurvivalFit:
    """The fixed-effects model, then the model with random effects from its estimates
    (``terms``: the ``mixed.spec.RandomTerm`` of each equation, outermost level first);
    ``on_iteration(i, loglik)``: the full model's iterations as they are reached."""
    from mlmcli.glmm.levels import build_structure
    from mlmcli.glmm.posterior import posterior_effects
    from mlmcli.glmm.row_family_fit import RowFamilyModel, fit_row_family
    from mlmcli.mixed.inference import numerical_jacobian
    from mlmcli.survival.mixed_survival import SurvivalRows

    family = SurvivalRows(dist, aft, t, t0, d)
    X = np.asarray(X, float)
    structure = build_structure(list(terms), len(X))
    p, m = X.shape[1], family.n_anc
    start = np.zeros(p + m)
    if np.allclose(X[:, -1], 1.0):
        rate = max(float(np.sum(d)), 0.5) / float(np.sum(np.asarray(t) - np.asarray(t0)))
        start[p - 1] = -np.log(rate) if aft else np.log(rate)
    first = fit_row_family(RowFamilyModel(family, X, None, None, 1, False, False), start, iterate=iterate)
    model = NestedSurvivalModel(family, X, structure, method, points)
    if len(structure.levels) > 1 and method != "laplace":
        from mlmcli.survival.nested_survival_gradient import fit_with_gradient
        res = fit_with_gradient(model, _start(model, first.theta), first.V, iterate=iterate,
                                on_iteration=on_iteration)
    else:
        res = fit_row_family(model, _start(model, first.theta), iterate=iterate, on_iteration=on_iteration)
    phi = res.theta[p + m:]
    b = np.concatenate([res.theta[:p + m], re_values(structure, phi)])
    J = np.zeros((len(b), len(res.theta)))
    J[:p + m, :p + m] = np.eye(p + m)
    J[p + m:, p + m:] = numerical_jacobian(lambda ph: re_values(structure, ph), phi)
    V = J @ res.V @ J.T
    if hasattr(model.engine, "clear_adaptive_cache"):
        model.engine.clear_adaptive_cache()
    effects = tuple(posterior_effects(_PosteriorInput(model, res.theta, _Terms(tuple(terms))), "ebmeans"))
    converged = res.converged or (not res.limit_reached and converged_on_boundary(model, res.theta))
    return NestedSurvivalFit(b, (V + V.T) / 2, res.theta, res.V, res.loglik, first.loglik, p, m, structure,
                             converged, res.limit_reached, first.steps, res.steps, effects)
