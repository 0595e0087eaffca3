"""``fit_multinomial(spec) -> MultinomialFit``: maximum likelihood of the multinomial logit
model (Stata's ``mlogit``).

Outcomes k = 0..K-1 (the sorted values of the dependent variable), b the base outcome.  With
x_i the covariates (the estimable design columns) and beta_k the coefficients of outcome k
(beta_b = 0),

    Pr(y_i = k) = exp(x_i beta_k) / sum_j exp(x_i beta_j),
    log L = sum_i w_i (x_i beta_{y_i} - log sum_j exp(x_i beta_j)).

theta stacks the K-1 free equations in outcome order (each equation's columns together).
Gradient d/d beta_k = X' diag(w) (1[y = k] - p_k); Hessian block (k, l) =
-X' diag(w p_k (1[k = l] - p_l)) X.  Newton-Raphson (``newton.maximize``) from the
constant-only model (intercepts ln(W_k / W_b), slopes 0), whose log likelihood
sum_k W_k ln(W_k / W) is ll_0 and Stata's ``Iteration 0``; without a constant the start is
theta = 0 (every probability 1/K) and there is no ll_0 (mlogit.ado hands ml no ``lf0()`` under
noconstant, so ml's ``wald(-k)`` becomes the Wald test of every coefficient: e(ll_0) and
e(r2_p) are missing, e(chi2type) Wald).

w_i: fweights, pweights or iweights as they are (fweights: e(N) their sum; pweights and
iweights: e(N) the observations).  V = (-H)^-1; with pweights or vce(robust|cluster) the
sandwich (-H)^-1 (G/(G-1) sum_c s_c s_c') (-H)^-1, s_c the clusters' w-weighted scores
(``fit.sandwich``; fweights with vce(robust) are the rows repeated).

``constraints`` (R theta = r, ``constraints()``): the maximiser works on gamma with
theta = theta_0 + N gamma (``inference.ConstraintMap``: N spans R's null space), starting from
the start projected onto the constraints; V = N (N'(-H)N)^-1 N' (the sandwich's scores s N).
ml_model.ado ("constraints imply a model Wald test") then sets ``wald()`` and drops mlogit's
``lf0()``: the Wald test of the slopes (``model_test``), e(ll_0) and e(r2_p) missing.
``start`` (from()): theta's starting values, nan where from() gives none (the constant-only
start there); Iteration 0 is then the log likelihood at the start.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from scipy import special
from scipy.linalg import blas

from ..errors import StataError
from ..mixed.blas_threads import quiet_numerics
from ..mixed.inference import invert_negative_hessian
from ..results.glmm import IterationLog, IterationPhase, IterationStep
from ..results.matrix import Matrix
from .fit import sandwich
from .inference import ConstraintMap
from .newton import NewtonResult, maximize


@dataclass(frozen=True)
class MultinomialSpec:
    """The model as the command built it: ``y`` the outcome index (0..K-1) of each row,
    ``outcomes`` their values, ``eq_names`` e(b)'s equation names, ``base`` the base
    outcome's index; ``X`` the estimable design columns, ``labels`` all design labels
    (CoefLabel: base and omitted ones included)."""

    depvar: str
    y: np.ndarray
    outcomes: tuple[float, ...]
    eq_names: tuple[str, ...]
    base: int
    X: np.ndarray
    labels: tuple
    fweight: np.ndarray | None = None
    pweight: np.ndarray | None = None
    iweight: np.ndarray | None = None
    vce: str = "oim"
    cluster: np.ndarray | None = None
    cluster_var: str | None = None
    constant: bool = True
    iterate: int = 300
    tolerance: float = 1e-6
    ltolerance: float = 1e-7
    nrtolerance: float = 1e-5
    record: bool = False  # the iterations' details (maximize's trace, gradient, ... options)
    constraints: object = None  # glm.spec.LinearConstraints over theta, or None
    start: np.ndarray | None = None  # from(): theta's starting values (nan: the default)

    @property
    def K(self) -> int:
        return len(self.outcomes)

    def weights(self) -> np.ndarray:
        w = next((v for v in (self.fweight, self.pweight, self.iweight) if v is not None), None)
        return np.ones(len(self.y)) if w is None else np.asarray(w, float)


class MultinomialModel:
    """log L(theta) and its derivatives (module docstring)."""

    def __init__(self, spec: MultinomialSpec):
        self.spec = spec
        self.X = np.asarray(spec.X, float).reshape(len(spec.y), -1)
        self.w = spec.weights()
        self.p = self.X.shape[1]
        self.free = [k for k in range(spec.K) if k != spec.base]
        self.k = self.p * len(self.free)
        self.Y = np.zeros((len(spec.y), len(self.free)))
        for j, k in enumerate(self.free):
            self.Y[:, j] = spec.y == k

    def coefficients(self, theta) -> np.ndarray:
        """theta -> B (p x K-1), equation j in column j."""
        return np.asarray(theta, float).reshape(len(self.free), self.p).T

    def _index(self, theta) -> tuple[np.ndarray, np.ndarray]:
        """(eta of the free outcomes, log(1 + sum_j exp(eta_j))) -- the base outcome's eta is 0;
        the sum is taken relative to the row's largest eta, so no exp overflows."""
        eta = self.X @ self.coefficients(theta)
        top = np.maximum(eta.max(axis=1), 0.0)
        return eta, top + np.log(np.exp(-top) + np.exp(eta - top[:, None]).sum(axis=1))

    def probabilities(self, theta) -> tuple[np.ndarray, np.ndarray]:
        """(eta of the free outcomes, their probabilities), n x (K-1) each."""
        eta, lse = self._index(theta)
        return eta, np.exp(eta - lse[:, None])

    def loglik(self, theta) -> float:
        eta, lse = self._index(theta)
        v = float(np.sum(self.w * (np.einsum("ij,ij->i", self.Y, eta) - lse)))
        return v if np.isfinite(v) else -np.inf

    def scores(self, theta) -> np.ndarray:
        """n x k per-observation gradient contributions (e(b)'s order of the free equations)."""
        _, P = self.probabilities(theta)
        R = (self.Y - P) * self.w[:, None]
        return np.concatenate([self.X * R[:, [j]] for j in range(len(self.free))], axis=1)

    def gradient(self, theta, P: np.ndarray | None = None) -> np.ndarray:
        P = self.probabilities(theta)[1] if P is None else P
        return (self.X.T @ ((self.Y - P) * self.w[:, None])).T.ravel()

    def hessian(self, theta, P: np.ndarray | None = None) -> np.ndarray:
        """Block (j, l) = -X' diag(w p_j (1[j = l] - p_l)) X: one weighted X'X per pair j <= l.
        Each block is symmetric, so only its upper triangle is computed (``weighted_gram``)
        and block (l, j) is block (j, l) itself."""
        P = self.probabilities(theta)[1] if P is None else P
        m, p = len(self.free), self.p
        H = np.empty((self.k, self.k))
        for j in range(m):
            wp = self.w * P[:, j]
            for l in range(j, m):
                # signs folded in so the weights are >= 0 whenever w is
                block = weighted_gram(self.X, wp * (1.0 - P[:, j]) if j == l else wp * P[:, l])
                H[j * p:(j + 1) * p, l * p:(l + 1) * p] = -block if j == l else block
                if l != j:
                    H[l * p:(l + 1) * p, j * p:(j + 1) * p] = block
        return H

    def grad_hess(self, theta):
        P = self.probabilities(theta)[1]
        return self.gradient(theta, P), self.hessian(theta, P)


def weighted_gram(X: np.ndarray, d: np.ndarray) -> np.ndarray:
    """X' diag(d) X, exactly symmetric.  With d >= 0 it is A'A for A = X sqrt(d), which BLAS's
    syrk forms at half a general product's cost (the upper triangle, mirrored); a d of both
    signs (iweights) is its positive part's Gram less its negative part's."""
    if d.size and d.min() < 0:
        return _nonnegative_gram(X, np.maximum(d, 0.0)) - _nonnegative_gram(X, np.maximum(-d, 0.0))
    return _nonnegative_gram(X, d)


def _nonnegative_gram(X: np.ndarray, d: np.ndarray) -> np.ndarray:
    if 0 in X.shape:  # syrk refuses an empty operand (and complains on stderr)
        return np.zeros((X.shape[1], X.shape[1]))
    A = X * np.sqrt(d)[:, None]
    G = blas.dsyrk(1.0, A.T, trans=0, lower=0)  # A.T is Fortran-ordered: no copy
    lower = np.tril_indices_from(G, -1)
    G[lower] = G.T[lower]
    return G


def constant_only_start(model: MultinomialModel) -> tuple[np.ndarray, float]:
    """theta of the constant-only model and its log likelihood sum_k W_k ln(W_k / W); without
    a constant theta = 0 and its log likelihood."""
    spec = model.spec
    theta = np.zeros(model.k)
    if not spec.constant:
        return theta, model.loglik(theta)
    counts = np.bincount(spec.y.astype(int), weights=model.w, minlength=spec.K)
    cons = model.p - 1  # the constant is the design's last column
    for j, k in enumerate(model.free):
        theta[j * model.p + cons] = np.log(counts[k] / counts[spec.base])
    total = counts.sum()
    ll0 = float(np.sum(counts * np.log(counts / total)))
    return theta, ll0


@dataclass
class MultinomialFit:
    """Estimates of a multinomial logit; e(b)/e(V) (``e_matrices``), predictions
    (``predict``: pr, xb, stdp of an outcome)."""

    spec: MultinomialSpec
    model: MultinomialModel
    theta: np.ndarray
    V: np.ndarray
    loglik: float
    ll_0: float
    converged: bool
    phases: list = field(default_factory=list)
    robust: bool = False
    n_clusters: int | None = None
    limit_reached: bool = False
    level: float = 95.0
    replicate: object = None  # glm.inference.Replicates after vce(bootstrap|jackknife)
    # fitted on shifted columns: each row's influence (-H')^-1 s'_j there, mapped by T (svy)
    influence_rows: np.ndarray | None = None
    # fitted on shifted columns: e(b), e(V) in that metric (glm.rescaled_fit.FittedMetric), where
    # margins' delta method differentiates
    fitted_metric: object = None

    def margins_fitted_metric(self):
        """The fitted metric margins' delta method works in (None: the user's units); after
        vce(bootstrap|jackknife) the replicates' V there (``replicate_metric``)."""
        return self.fitted_metric

    def nobs(self) -> int:
        if self.spec.fweight is not None:
            return int(round(float(np.sum(self.spec.fweight))))
        return len(self.spec.y)

    def iteration_log(self) -> IterationLog:
        return IterationLog(tuple(self.phases))

    def estimable(self) -> list[int]:
        return [j for j, lab in enumerate(self.spec.labels) if not (lab.base or lab.omitted)]

    def column_names(self) -> list[str]:
        """e(b)'s columns: every outcome's equation (the base one's names ``o.``-prefixed,
        as Stata 13 posts the base equation's zeros)."""
        names = []
        for k, eq in enumerate(self.spec.eq_names):
            for lab in self.spec.labels:
                name = lab.name
                if k == self.spec.base and not (lab.base or lab.omitted):
                    name = omitted_name(name)
                names.append(f"{eq}:{name}")
        return names

    def positions(self) -> list[int]:
        """e(b)'s column of each element of theta."""
        est, q = self.estimable(), len(self.spec.labels)
        return [k * q + j for k in self.model.free for j in est]

    def e_matrices(self) -> tuple[Matrix, Matrix]:
        names = tuple(self.column_names())
        idx = self.positions()
        b = np.zeros(len(names))
        b[idx] = self.theta
        V = np.zeros((len(names), len(names)))
        V[np.ix_(idx, idx)] = self.V
        return Matrix(b[None, :], ("y1",), names), Matrix(V, names, names)

    def equation_coefficients(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(beta_k, V_kk) of outcome k over the estimable columns (zeros for the base)."""
        p = self.model.p
        if k == self.spec.base:
            return np.zeros(p), np.zeros((p, p))
        j = self.model.free.index(k)
        sl = slice(j * p, (j + 1) * p)
        return self.theta[sl], self.V[sl, sl]

    def slopes_df(self) -> int:
        """The model test's degrees of freedom: the estimable slopes of the free equations."""
        slopes = sum(1 for j in self.estimable() if self.spec.labels[j].name != "_cons")
        return slopes * len(self.model.free)

    def model_test(self) -> tuple[float, int, float, str]:
        """(chi2, df, p, type): LR against the constant-only model, or with a sandwich VCE
        the Wald test that every slope is zero."""
        from ..distributions import chi2 as chi2_dist

        df = self.slopes_df()
        if not self.robust and self.replicate is None and self.ll_0 == self.ll_0:
            stat = max(2 * (self.loglik - self.ll_0), 0.0)
            return stat, df, float(chi2_dist.sf(stat, df)) if df else float("nan"), "LR"
        p = self.model.p
        slope_cols = [i for i, j in enumerate(self.estimable()) if self.spec.labels[j].name != "_cons"]
        idx = [f * p + c for f in range(len(self.model.free)) for c in slope_cols]
        if not idx:
            return float("nan"), 0, float("nan"), "Wald"
        if self.spec.constraints is not None:  # ml's wald(): [R] test, dropping what V cannot test
            from ..postest.wald import Constraint, wald_test
            rows = [Constraint(np.eye(len(self.theta))[i], 0.0) for i in idx]
            w = wald_test(rows, self.theta, self.V, [""] * len(rows))
            return w.chi2, w.df, w.p, "Wald"
        b, Vs = self.theta[idx], self.V[np.ix_(idx, idx)]
        if not (np.isfinite(b).all() and np.isfinite(Vs).all()):  # a diverged fit: the test is missing
            return float("nan"), len(idx), float("nan"), "Wald"
        stat = float(b @ np.linalg.pinv(Vs) @ b)
        rank = int(np.linalg.matrix_rank(Vs))
        return stat, rank, float(chi2_dist.sf(stat, rank)), "Wald"

    # ---- predictions ------------------------------------------------------------
    def statistics(self) -> tuple[str, ...]:
        return ("pr", "xb", "stdp")

    def probabilities_at(self, X: np.ndarray) -> np.ndarray:
        """n x K probabilities of every outcome at the design rows X."""
        etas = np.column_stack([X @ self.equation_coefficients(k)[0] for k in range(self.spec.K)])
        with np.errstate(invalid="ignore"):
            return np.exp(etas - special.logsumexp(etas, axis=1)[:, None])

    def predict(self, statistic: str, rows, *, outcome: int | None = None) -> np.ndarray:
        """``pr`` (Pr(y = outcome)), ``xb`` (x beta_outcome) or ``stdp`` (its standard error)
        on every row in memory; outcome None: the first outcome."""
        if statistic not in self.statistics():
            raise StataError(f"option {statistic} not allowed", 198)
        k = 0 if outcome is None else outcome
        X = rows.fixed_design()
        beta, Vk = self.equation_coefficients(k)
        if statistic == "xb":
            return X @ beta
        if statistic == "stdp":
            return np.sqrt(np.maximum(np.einsum("ij,jk,ik->i", X, Vk, X), 0))
        return self.probabilities_at(X)[:, k]

    def margins_prediction(self, options: str):
        """margins' hook: mlogit and svy: mlogit post ``margins_choice_models.MlogitFit``, which
        overrides this with the covariates' design; the plain fit is the one other commands fit
        inside themselves (mprobit's and slogit's starting values, fpfit's, replicate refits)
        and carries no design for margins to evaluate."""
        raise StataError("margins after this multinomial logit fit not supported by mlmcli", 198)

    def result(self, level: float | None = None):
        from .multinomial_report import multinomial_result
        return multinomial_result(self, level)


def probability_derivatives(P: np.ndarray, base: int, j: int, l: int | None = None) -> np.ndarray:
    """n x K: column k is d Pr(y = k) / d xb_j (``l`` None) or d2 Pr(y = k) / d xb_j d xb_l of the
    softmax probabilities P (mlogit_p's D1P/D2P, Stata 15's predict, pr d1() d2()); the base
    outcome's index is fixed at 0, so a derivative in it is 0 as mlogit_p defines it."""
    n, K = P.shape
    if j == base or l == base:
        return np.zeros_like(P)
    dj = np.eye(K)[j][None, :] - P[:, [j]]  # delta_kj - P_j
    if l is None:
        return P * dj
    dl = np.eye(K)[l][None, :] - P[:, [l]]
    return P * (dj * dl - P[:, [j]] * ((j == l) - P[:, [l]]))


def omitted_name(name: str) -> str:
    """A coefficient name marked omitted as Stata writes it: ``o.age``, ``2o.site``, ``o._cons``
    (each part of an interaction; a base level keeps its ``b``)."""
    parts = []
    for part in name.split("#"):
        m = re.fullmatch(r"(\d+)(b?)\.(.+)", part)
        if m:
            parts.append(part if m.group(2) else f"{m.group(1)}o.{m.group(3)}")
        elif part.startswith("c.") or part.startswith("o."):
            parts.append(part if part.startswith("o.") else "co." + part[2:])
        else:
            parts.append("o." + part)
    return "#".join(parts)


def _clusters(spec: MultinomialSpec) -> np.ndarray | None:
    """0..G-1 cluster codes (None: vce(robust), each row its own cluster)."""
    if spec.cluster is None:
        return None
    from ..robust.cluster_sandwich import cluster_index

    return cluster_index(spec.cluster)[0]


def fit_multinomial(spec: MultinomialSpec, level: float = 95.0) -> MultinomialFit:
    """Fit ``spec`` by maximum likelihood (module docstring).  A regressor near 1e9 (in the
    user's units every equation's Hessian block is singular to rounding: 'not concave' to the
    iteration limit) is fitted on shifted columns (``rescaled_fit.shifted_columns``: each
    equation's constant takes the shift) and mapped back, equation by equation."""
    import dataclasses

    from .rescaled_fit import (constrained_in_user_units, constraints_in_metric, details_to_user, equations_map,
                               equations_metric, free_start, mapped_back, shifted_columns)

    X = np.asarray(spec.X, float).reshape(len(spec.y), -1)
    rescaling = None
    if free_start(spec.start):
        rescaling = shifted_columns(X, spec.labels)
    if rescaling is None:
        return _fit_multinomial(spec, level)
    m = spec.K - 1
    start = None
    if spec.start is not None:
        start = np.concatenate([rescaling.from_user(part)
                                for part in np.asarray(spec.start, float).reshape(m, -1)])
    T = equations_map([rescaling] * m, [X.shape[1]] * m)
    fit = _fit_multinomial(dataclasses.replace(spec, X=rescaling.apply(X), start=start,
                                               constraints=constraints_in_metric(spec.constraints, lambda _: T)),
                           level)
    theta, V = constrained_in_user_units(spec.constraints, *mapped_back(T, fit.theta, fit.V))
    with quiet_numerics():
        influence = fit.model.scores(fit.theta) @ invert_negative_hessian(fit.model.hessian(fit.theta)) @ T.T
    metric = equations_metric([rescaling] * m, [X.shape[1]] * m, fit.theta, fit.V, fit.positions(),
                              len(fit.column_names()))
    return dataclasses.replace(fit, spec=spec, model=MultinomialModel(spec), theta=theta, V=V,
                               influence_rows=influence, fitted_metric=metric,
                               phases=details_to_user(fit.phases, lambda _: T))


def _fit_multinomial(spec: MultinomialSpec, level: float = 95.0) -> MultinomialFit:
    with quiet_numerics():
        model = MultinomialModel(spec)
        start, ll0 = constant_only_start(model)
        cons = spec.constraints
        cmap = ConstraintMap(model.k, *((cons.R, cons.r) if cons is not None else (None, None)))
        moved = spec.start is not None or cmap.active
        if spec.start is not None:
            start = np.where(np.isfinite(spec.start), spec.start, start)

        def f(gm):
            return model.loglik(cmap.theta(gm))

        def gh(gm):
            return cmap.reduced(*model.grad_hess(cmap.theta(gm)))

        gamma0 = cmap.gamma(start)
        if cmap.m == 0:  # the constraints fix every parameter
            res = NewtonResult(gamma0, f(gamma0), True, [IterationStep(0, f(gamma0))])
        else:
            res = maximize(f, gh, gamma0, iterate=spec.iterate, tolerance=spec.tolerance,
                           ltolerance=spec.ltolerance, nrtolerance=spec.nrtolerance, f0=None if moved else ll0,
                           record=spec.record)
        if not np.isfinite(res.f):
            raise StataError("initial values not feasible", 1400)
        theta = cmap.theta(res.x)
        H = cmap.reduced_hessian(model.hessian(theta))
        robust = spec.vce in ("robust", "cluster") or spec.pweight is not None
        n_clusters = None
        if robust:
            codes = _clusters(spec)
            V = cmap.vcov(sandwich(H, cmap.reduced_scores(model.scores(theta)), codes, spec.fweight))
            n_clusters = int(codes.max()) + 1 if codes is not None else None
        else:
            V = cmap.vcov(invert_negative_hessian(H))
        V = cmap.exactly_fixed(V)
    # module docstring: no lf0() under noconstant; ml_model.ado drops lf0() under constraints
    ll0 = float(ll0) if spec.constant and spec.constraints is None else float("nan")
    fit = MultinomialFit(spec, model, theta, (V + V.T) / 2, float(res.f), ll0, bool(res.converged),
                         [IterationPhase("", tuple(res.steps))], robust, n_clusters, bool(res.limit_reached),
                         level)
    if spec.record:  # the records over theta, named as e(b)'s columns
        import dataclasses

        names = fit.column_names()
        details = []
        for d in res.details:
            t = cmap.theta(d.b)
            g, H = model.grad_hess(t)
            details.append(dataclasses.replace(d, b=t, gradient=g, neg_hessian=-H))
        fit.phases[-1] = dataclasses.replace(fit.phases[-1], details=tuple(details),
                                             names=tuple(names[j] for j in fit.positions()))
    return fit
