"""mestreg's engine: parametric survival models with random effects at one level ([ME] mestreg,
Stata 14), on the generalized mixed-model engine's quadrature.

The conditional model is streg's (``parametric_distributions``): given the random effects u_j
of group j, record i has the linear predictor of the _t equation

    eta_ij = x_ij beta + z_ij u_j,    u_j ~ N(0, Sigma),

in the log relative-hazard metric (exponential, Weibull, Gompertz; hazard ratios) or the
accelerated failure-time metric (``time``; lognormal, loglogistic and gamma always), and
contributes streg's log likelihood of ln t (with left truncation at t0 > 0)

    ll_ij = d (ln f(t) + ln t) + (1 - d) ln S(t) - ln S(t0).

ln L_j = ln of the integral of exp(sum_i ll_ij) over N(0, Sigma): mean-variance adaptive
Gauss-Hermite quadrature by default (``mvaghermite``, 7 points), ``mcaghermite``,
``ghermite`` or ``laplace`` -- ``glmm.single_level.SingleLevelModel`` with this module's
``SurvivalRows`` as its family, maximised by ``glmm.row_family_fit`` in the Cholesky
metric (beta, ancillaries, L of Sigma = L L'); e(b) then holds Sigma's variances and
covariances (Stata 14's ``/:var(_cons[id])``), e(V) by the delta method.

The derivatives of ll in eta (for the posterior modes): for the hazard-metric families
ll = d (eta + c) - exp(eta) Lambda0, so d1 = d + Delta, d2 = Delta with Delta = ln S(t) - ln S(t0);
the time-metric exponential and Weibull are the same in -p eta; the others by central
differences (five-point stencil).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.glmm.row_families import RowFamily


def _col(a, ndim: int) -> np.ndarray:
    a = np.asarray(a)
    return a.reshape(a.shape + (1,) * (ndim - a.ndim))


class SurvivalRows(RowFamily):
    """streg's log likelihood per record as a row family of the glmm engine (module docstring)."""

    def __init__(self, dist, aft: bool, t, t0, d):
        self.dist, self.aft = dist, bool(aft)
        self.t = np.asarray(t, float)
        self.t0 = np.asarray(t0, float)
        self.d = np.asarray(d, float)
        self.lt = np.log(self.t)
        self.late = self.t0 > 0
        self.lt0 = np.log(np.where(self.late, self.t0, 1.0))

    @property
    def n_anc(self) -> int:
        return len(self.dist.aux)

    def subset(self, rows) -> "SurvivalRows":
        return SurvivalRows(self.dist, self.aft, self.t[rows], self.t0[rows], self.d[rows])

    def _eqs(self, eta, anc):
        return [eta] + [float(a) for a in np.atleast_1d(anc)]

    def parts(self, eta, anc):
        """(ln f + ln t, ln S(t), ln S(t0)) at every row (and node)."""
        eta = np.asarray(eta, float)
        nd = eta.ndim
        eqs = self._eqs(eta, anc)
        lt, t = _col(self.lt, nd), _col(self.t, nd)
        with np.errstate(all="ignore"):
            lf = self.dist.log_density(lt, t, eqs, self.aft)
            ls = self.dist.log_survivor(lt, t, eqs, self.aft)
            ls0 = self.dist.log_survivor(_col(self.lt0, nd), _col(np.where(self.late, self.t0, 1.0), nd), eqs, self.aft)
        return lf, ls, np.where(_col(self.late, nd), ls0, 0.0)

    def logf(self, eta, anc=()):
        lf, ls, ls0 = self.parts(eta, anc)
        d = _col(self.d, np.ndim(lf))
        out = np.where(d > 0, lf, ls) - ls0
        return np.where(np.isnan(out), -np.inf, out)

    def derivs(self, eta, anc=(), order: int = 2):
        eta = np.asarray(eta, float)
        name = self.dist.name
        scale = None
        if name in ("exponential", "weibull", "gompertz") and not self.aft:
            scale = 1.0
        elif name == "exponential":
            scale = -1.0
        elif name == "weibull":
            scale = -float(np.exp(np.atleast_1d(anc)[0]))
        if scale is not None:
            _, ls, ls0 = self.parts(eta, anc)
            delta = ls - ls0
            d = _col(self.d, eta.ndim)
            out = [scale * (d + delta), scale ** 2 * delta, scale ** 3 * delta]
            return tuple(out[:order])
        h = 1e-3
        f = [self.logf(eta + k * h, anc) for k in (-2, -1, 0, 1, 2)]
        d1 = (f[0] - 8 * f[1] + 8 * f[3] - f[4]) / (12 * h)
        d2 = (-f[0] + 16 * f[1] - 30 * f[2] + 16 * f[3] - f[4]) / (12 * h * h)
        d3 = (-f[0] + 2 * f[1] - 2 * f[3] + f[4]) / (2 * h ** 3)
        return tuple([d1, d2, d3][:order])

    def _eta_derivs_exact(self, anc) -> bool:
        """Whether ``derivs`` is in closed form (else five-point differences in eta)."""
        return self.dist.name in ("exponential", "weibull") or (self.dist.name == "gompertz" and not self.aft)

    def anc_dense(self, eta, anc, with_derivs: bool = False):
        """Per ancillary parameter j (the glmm engine's gradients read it as of
        ``glm.family.Family``): d ln f/d alpha_j shaped like eta, and with ``with_derivs`` also
        d d1/d alpha_j and d d2/d alpha_j.  Five-point differences in alpha_j (per record, no
        pass over the groups): ln f at steps of 1e-3 (truncation ~h^4, rounding ~1e-13 |ln f|),
        the eta derivatives at 1e-2 when they are themselves differences (their rounding
        divided by a wider step), 1e-3 otherwise."""
        anc = np.asarray(anc, float)
        out = []
        for j in range(len(anc)):
            L = _five_point(lambda a: self.logf(eta, a), anc, j, 1e-3)
            if not with_derivs:
                out.append((L,))
                continue
            h = 1e-3 if self._eta_derivs_exact(anc) else 1e-2
            D1 = _five_point(lambda a: self.derivs(eta, a, 1)[0], anc, j, h)
            D2 = _five_point(lambda a: self.derivs(eta, a, 2)[1], anc, j, h)
            out.append((L, D1, D2))
        return out


def _five_point(fun, anc, j: int, h: float):
    """d fun/d anc_j by the five-point stencil (error ~h^4)."""
    def at(k):
        a = np.array(anc, float)
        a[j] += k * h
        return fun(a)
    return (at(-2) - 8 * at(-1) + 8 * at(1) - at(2)) / (12 * h)



def re_parameters(L: np.ndarray, correlated: bool) -> np.ndarray:
    """Sigma's variances, then (correlated) its covariances in Stata's order: cov(z_a, z_b) for
    a < b, row by row."""
    S = L @ L.T
    q = S.shape[0]
    out = list(np.diag(S))
    if correlated:
        out += [S[a, b] for a in range(q) for b in range(a + 1, q)]
    return np.asarray(out, float)


@dataclass(frozen=True)
class SurvivalFitCore:
    """What every mestreg fit holds: ``b``/``V`` in Stata's metric (beta, ancillaries,
    variances, covariances), ``theta``/``V_theta`` in the engine's metric, the log likelihoods
    of the model and of the model without random effects, the numbers of coefficients and
    ancillary parameters."""

    b: np.ndarray
    V: np.ndarray
    theta: np.ndarray
    V_theta: np.ndarray
    loglik: float
    ll_fixed: float
    p: int
    m: int


@dataclass(frozen=True)
class MixedSurvivalFit(SurvivalFitCore):
    """The one-level fit (``theta`` in the Cholesky metric), its iteration logs, the EB means
    and SDs."""

    q: int
    correlated: bool
    converged: bool
    limit_reached: bool
    fixed_steps: tuple
    steps: tuple
    eb_means: np.ndarray | None  # (G, q)
    eb_sds: np.ndarray | None  # (G, q)
    robust: bool = False  # V is the cluster sandwich (pweights, vce(robust|cluster))
    n_clusters: int | None = None

    @property
    def Sigma(self) -> np.ndarray:
        from mlmcli.glmm.row_family_fit import cholesky_factor

        L = cholesky_factor(self.theta[self.p + self.m:], self.q, self.correlated)
        return L @ L.T


def _to_stata(theta, p, m, q, correlated):
    from mlmcli.glmm.row_family_fit import cholesky_factor

    L = cholesky_factor(theta[p + m:], q, correlated)
    return np.concatenate([theta[:p + m], re_parameters(L, correlated)])


def _jacobian(fun, x, h=1e-6):
    x = np.asarray(x, float)
    f0 = fun(x)
    J = np.empty((len(f0), len(x)))
    for k in range(len(x)):
        step = h * max(1.0, abs(x[k]))
        e = np.zeros(len(x))
        e[k] = step
        J[:, k] = (fun(x + e) - fun(x - e)) / (2 * step)
    return J


def posterior_effects(model, theta) -> tuple[np.ndarray, np.ndarray]:
    """EB means and posterior SDs of u_j (G, q) at theta: the mean-variance adaptive nodes'
    fixed point (after laplace the modes and the curvature's SDs)."""
    with np.errstate(over="ignore", invalid="ignore"):  # as the fit's likelihood: pweights near 1e300
        return _posterior_effects(model, theta)


def _posterior_effects(model, theta) -> tuple[np.ndarray, np.ndarray]:
    eng = model.engine
    beta, anc, _ = model.split(theta)
    L = model.factor(theta)
    Sigma = L @ L.T
    # block by block when the groups' nodes are many (``SingleLevelModel.group_blocks``)
    blocks = [eng] if model.method == "laplace" else eng.group_blocks("mvaghermite", model.nip)
    parts = [_block_effects(model, blk, beta, anc, Sigma) for blk in blocks]
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def _block_effects(model, eng, beta, anc, Sigma) -> tuple[np.ndarray, np.ndarray]:
    """(EB means, SDs) of the groups of ``eng`` (the model's engine or one of its blocks)."""
    from mlmcli.glmm.quadrature import product_rule

    eta0 = eng.eta0(beta)
    Sinv, logdet_S = eng.prior(Sigma, "mvaghermite", np.linalg.cholesky(Sigma) if model.q > 1 else None)
    mode, negH, _ = eng.modes(eta0, anc, Sinv, logdet_S, None)
    if model.method == "laplace":
        cov = np.linalg.inv(negH)
        mu = mode
    else:
        eng.clear_adaptive_cache()
        _, ad = eng.mv_fixed_point(eta0, anc, Sinv, logdet_S, eng.mode_start(eta0, anc, Sinv, logdet_S),
                                   product_rule(model.nip, model.q), 1e-10)
        mu, cov = ad.mu, np.einsum("gab,gcb->gac", ad.R, ad.R)
    if eng.whitens(model.method if model.method != "laplace" else "mvaghermite"):
        F = eng.factor if eng.factor is not None else np.linalg.cholesky(Sigma)
        mu = mu @ F.T
        cov = np.einsum("ab,gbc,dc->gad", F, cov, F)
    return np.asarray(mu), np.sqrt(np.diagonal(cov, axis1=1, axis2=2))


def cluster_sandwich(model, theta, V, group_cluster: np.ndarray) -> tuple[np.ndarray, int]:
    """(V (C/(C-1) sum_c s_c s_c') V, C): s_c the sum of the central-difference scores
    d ln L_j / d theta of the groups j in cluster c (``group_cluster``: cluster code per group),
    the me commands' robust VCE (``glmm.estimate``)."""
    from mlmcli.glmm.derivatives import group_scores

    from mlmcli.robust.cluster_sandwich import cluster_index, cluster_sandwich

    codes, C = cluster_index(group_cluster)
    return cluster_sandwich(V, group_scores(model, theta), codes, n_clusters=C), C


def fit_mixed_survival(dist, aft: bool, X, t, t0, d, Z, group, *, correlated: bool, method: str, points: int,
                       iterate: int = 300, weights: np.ndarray | None = None,
                       group_cluster: np.ndarray | None = None, on_iteration=None) -> MixedSurvivalFit:
    """The fixed-effects model, then the model with random effects from its estimates.
    ``weights``: each record's log likelihood times its weight (pweights, iweights);
    ``group_cluster`` (a cluster code per group): V is then the cluster sandwich;
    ``on_iteration(i, loglik)``: the full model's iterations as they are reached."""
    from mlmcli.glmm.row_family_fit import RowFamilyModel, fit_row_family, n_cholesky

    family = SurvivalRows(dist, aft, t, t0, d)
    X = np.asarray(X, float)
    q = np.asarray(Z).reshape(len(X), -1).shape[1]
    bare = RowFamilyModel(family, X, None, None, 1, False, False, w_obs=weights)
    p, m = X.shape[1], family.n_anc
    start = np.zeros(p + m)
    if np.allclose(X[:, -1], 1.0):
        rate = max(float(np.sum(d)), 0.5) / float(np.sum(np.asarray(t) - np.asarray(t0)))
        start[p - 1] = -np.log(rate) if aft else np.log(rate)
    first = fit_row_family(bare, start, iterate=iterate)
    model = RowFamilyModel(family, X, Z, group, points, True, correlated, w_obs=weights)
    model.method = method
    nc = n_cholesky(q, correlated)
    full_start = np.concatenate([first.theta, np.full(q, 0.3), np.zeros(nc - q)])
    res = fit_row_family(model, full_start, iterate=iterate, on_iteration=on_iteration)
    V_theta, n_clusters = res.V, None
    if group_cluster is not None:
        with np.errstate(over="ignore", invalid="ignore"):  # scores past 1e154 (pweights near 1e300): not finite
            V_theta, n_clusters = cluster_sandwich(model, res.theta, res.V, np.asarray(group_cluster))
    b = _to_stata(res.theta, p, m, q, correlated)
    J = _jacobian(lambda v: _to_stata(v, p, m, q, correlated), res.theta)
    V = J @ V_theta @ J.T
    mu, sd = posterior_effects(model, res.theta)
    return MixedSurvivalFit(b, (V + V.T) / 2, res.theta, V_theta, res.loglik, first.loglik, p, m, q, correlated,
                            res.converged, res.limit_reached, first.steps, res.steps, mu, sd,
                            group_cluster is not None, n_clusters)
