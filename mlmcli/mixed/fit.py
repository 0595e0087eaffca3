"""``fit_mixed(spec) -> MixedFit``: estimation, inference and stored results.

theta^ minimises the profiled (RE)ML deviance d(theta) of ``likelihood.MixedModel``;
then beta^ = (X'V^-1X)^-1 X'V^-1 y and sigma^2 = r^2 / n' (n' = n, or n - p for REML)
in closed form; phi = Stata's estimation metric (``random_effects_term``);
V(beta^) = sigma^2 (R_X R_X')^-1; V(phi^) the inverse negative Hessian of the log
likelihood in phi (``phi_hessian``, ``inference``); for pweights / vce(robust|cluster)
the sandwich of ``sandwich.robust_vce``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ..errors import StataError
from ..results.matrix import Matrix
from ..results.mixed import GroupSummary, IterationLog, MixedResult
from . import inference as inf
from .blas_threads import quiet_numerics, single_threaded_blas
from .likelihood import MixedModel
from .nested_statistics import is_nested
from .moment_start import moment_start
from .optimizer import minimize_deviance
from .phi_hessian import phi_hessian, phi_hessian_from_theta, phi_hessian_from_values
from .profiled_deviance import profile
from .sandwich import robust_vce
from .spec import MixedSpec
from .varcorr import MixedFitQueries



def _shown(loglik: float) -> str:
    """A log likelihood as the iteration log tells values apart (8 significant digits)."""
    return f"{loglik:.8g}"


def compact_history(history: list[float], final: float) -> list[float]:
    """Iterations whose printed log likelihood (8 significant digits) changes, then
    the optimum once more, as Stata's log ends with a repeated value."""
    out: list[float] = []
    for v in list(history) + [final]:
        if not out or _shown(-0.5 * v) != _shown(-0.5 * out[-1]):
            out.append(v)
    out[-1] = final
    out.append(final)
    return out


class LoggedIterations:
    """``on_iteration`` as the printed log numbers its lines: the optimiser's evaluations
    whose log likelihood changes (``compact_history``) as they come, then (``finish``) the
    log's last lines, the optimum."""

    def __init__(self, on_iteration: Callable[[int, float], None] | None):
        self.target = on_iteration
        self.shown: list[float] = []

    def callback(self) -> Callable[[int, float], None] | None:
        """What the optimiser is given: None (as before) when no one listens."""
        return self if self.target is not None else None

    def __call__(self, i: int, loglik: float) -> None:
        if self.target is not None and (not self.shown or _shown(loglik) != _shown(self.shown[-1])):
            self._emit(loglik)

    def finish(self, history: list[float]) -> None:
        """``history``: the compacted deviances the log shows."""
        for v in history[len(self.shown):] if self.target is not None else ():
            self._emit(-0.5 * v)

    def _emit(self, loglik: float) -> None:
        self.target(len(self.shown), loglik)
        self.shown.append(loglik)


# A variance estimated at 0 has ln sd = -inf in the engine (theta = 0 exactly).  Stata's
# optimizer stops on its tolerances at a large negative finite ln sd instead (logs show
# var(_cons) of order 1e-17 .. 1e-33), and e(b) holds that number.  e(b) here holds
# ln sigma_e + BOUNDARY_LN_SD_RATIO: an sd 5.6e-9 times the residual sd, whose variance
# ratio (3e-17) is below double precision's epsilon -- zero to the likelihood (the same
# floor, ln sqrt(eps) - 1, as the glmm optimizer's boundary).  Its e(V) row and column are
# 0: the likelihood does not change with it there, and Stata's invsym() zeroes a
# pivot it cannot invert.  The exact number Stata stops at depends on its iterations; this
# one is a decision without a Stata log to match it digit for digit.  A correlation at +/-1
# (atanh = +/-inf) is kept the same way at +/-BOUNDARY_ATANH (|corr| = 1 - 4e-9, the glmm
# optimizer's bound).
BOUNDARY_LN_SD_RATIO = -19.0
BOUNDARY_ATANH = 10.0


def _finite_boundary(b: np.ndarray, V: np.ndarray, names) -> None:
    """e(b)'s -inf ln sd (a variance at 0) and +/-inf atanh (a correlation at +/-1) -> the
    finite boundary values; their e(V) rows and columns 0."""
    eqs = [n.split(":", 1)[0] for n in names]
    base = b[eqs.index("lnsig_e")] if "lnsig_e" in eqs else np.nan
    for j, eq in enumerate(eqs):
        if eq.startswith("lns") and np.isneginf(b[j]) and np.isfinite(base):
            b[j] = base + BOUNDARY_LN_SD_RATIO
        elif eq.startswith("atr") and np.isinf(b[j]):
            b[j] = np.sign(b[j]) * BOUNDARY_ATANH
        else:
            continue
        V[j, :] = 0.0
        V[:, j] = 0.0


def _vanished_sd(model, phi: np.ndarray) -> np.ndarray:
    """ln sds whose variance is zero to the likelihood (below ln sigma_e +
    BOUNDARY_LN_SD_RATIO, where the optimum left a tiny positive sd): on the boundary like
    -inf, so kept out of the Hessian, whose row for them would be flat and make the whole
    inverse -- every SE -- missing."""
    out = np.zeros(len(phi), bool)
    n_re = sum(c.n_est for c in model.covs)
    if n_re >= len(phi) or not np.isfinite(phi[n_re]):
        return out
    names = [n for c in model.covs for n in c.est_names()]
    for j, name in enumerate(names):
        out[j] = name.startswith("lns") and phi[j] < phi[n_re] + BOUNDARY_LN_SD_RATIO
    return out


def _off_boundary(model, phi: np.ndarray, finite: np.ndarray) -> np.ndarray:
    """``finite`` without the correlations at +/-1 to working precision (|atanh| past
    BOUNDARY_ATANH: a zero diagonal of Lambda leaves atanh ~18.7, not inf, from rounding):
    the likelihood is flat along them, and the sandwich's H_phi, whose inverse is taken
    whole, would make every robust SE missing (the ELSA memory-support fits)."""
    names = [n for c in model.covs for n in c.est_names()] + ["lnsig_e"]
    return np.array([j for j in finite if not (names[j].startswith("atr")
                                                and abs(phi[j]) >= BOUNDARY_ATANH)], int)


@dataclass
class MixedFit(MixedFitQueries):
    """Estimates of a fit; ``result()``, ``e_matrices()``, ``blups()``, ``fitted()``, ``scalars()``."""

    spec: MixedSpec
    model: MixedModel
    theta: np.ndarray
    beta: np.ndarray
    sigma2: float
    phi: np.ndarray
    V_beta: np.ndarray
    V_phi: np.ndarray
    loglik: float
    converged: bool
    history: list[float] = field(default_factory=list)
    ll_linear: float = float("nan")
    V_cross: np.ndarray | None = None  # cov(beta, phi) (robust only)
    n_clusters: int | None = None
    beta_influence: np.ndarray | None = None  # per highest-level group (robust only; sandwich)

    margins_influence_weighted = True  # the influence below carries the sampling weights

    def margins_influence(self, X=None) -> tuple[np.ndarray, np.ndarray]:
        """vce(unconditional): per highest-level group (indexed by its group code) the group's
        influence on beta (``sandwich``) in e(b)'s columns -- the variance parameters' zero:
        margins after mixed predicts x b only -- and its cluster code.  Refused after a fit
        without a robust VCE (Stata's r(322))."""
        from .sandwich import NEEDS_ROBUST, cluster_codes

        if not self.robust or self.beta_influence is None:
            raise StataError(NEEDS_ROBUST, 322)
        spec = self.spec
        est = [j for j, lab in enumerate(spec.coef_labels) if not (lab.base or lab.omitted)]
        IF = np.zeros((self.beta_influence.shape[0], len(spec.coef_labels) + len(self.phi)))
        IF[:, est] = self.beta_influence
        return IF, cluster_codes(spec)[0]

    @property
    def robust(self) -> bool:
        return self.V_cross is not None

    @property
    def phi_names(self) -> list[str]:
        return [n for c in self.model.covs for n in c.est_names()] + ["lnsig_e"]

    def nobs(self) -> int:
        if self.spec.fweight is not None:
            return int(round(float(np.sum(self.spec.fweight))))
        return self.spec.n_rows

    def group_summaries(self) -> tuple[GroupSummary, ...]:
        out, seen = [], set()
        for k, t in enumerate(self.spec.terms):
            if t.levelvar in seen:
                continue
            seen.add(t.levelvar)
            total = self.nobs()
            if t.crossed_factor:
                out.append(GroupSummary("_all", 1, total, float(total), total))
                continue
            # frequency weights count as replicated observations, as in N
            fw = None if self.spec.fweight is None else np.asarray(self.spec.fweight, float)
            if t.level_factor:  # ``school: R.class``: Stata counts the schools, not the cells
                cnt = np.rint(np.bincount(t.level_group, weights=fw)).astype(int)
            else:
                cnt = np.rint(np.bincount(t.group, weights=fw, minlength=t.n_groups) if self.spec.group_sums is None
                              else self.spec.group_sums.group_counts(k)).astype(int)
            cnt = cnt[cnt > 0]
            out.append(GroupSummary(t.levelvar, len(cnt), int(cnt.min()), float(cnt.mean()),
                                    int(cnt.max())))
        return tuple(out)

    def n_re_params(self) -> int:
        return sum(c.n_est for c in self.model.covs)

    def result(self) -> MixedResult:
        with quiet_numerics():
            return self._result()

    def _result(self) -> MixedResult:
        spec = self.spec
        fixed = inf.fixed_rows(spec.coef_labels, self.beta, self.V_beta, spec.level)
        chi2, df, p = inf.wald_test(spec.coef_labels, self.beta, self.V_beta)
        random, residual = inf.random_tables(self.model.covs, [t.levelvar for t in spec.terms],
                                             self.phi, self.V_phi, spec.level)
        # Stata labels the likelihood "pseudolikelihood" under pweights and any robust VCE
        pseudo = self.robust
        lr = None
        k = self.n_re_params()
        if not pseudo and not self.robust and k > 0:
            lr = inf.lr_vs_linear(self.loglik, self.ll_linear, k)
        return MixedResult(
            method="REML" if self.model.reml else "ML", depvar=spec.depvar, nobs=self.nobs(),
            groups=self.group_summaries(), fixed=fixed, random=random, residual=residual,
            loglik=self.loglik, wald_chi2=chi2, wald_df=df, wald_p=p, lr_test=lr,
            level=spec.level, pseudo=pseudo, vce="robust" if self.robust else "oim",
            cluster_var=spec.cluster_var if self.robust else None,
            n_clusters=self.n_clusters, converged=self.converged,
            crossed=any(t.crossed_factor for t in spec.terms),
            iteration_log=IterationLog(gradient=tuple(-0.5 * h for h in self.history)))

    def e_matrices(self) -> tuple[Matrix, Matrix]:
        """e(b) and e(V) with Stata's column names (fixed part, then lns/atr/lnsig_e)."""
        spec = self.spec
        fixed_names, fixed_vals, est_idx = [], [], []
        k = 0
        for j, lab in enumerate(spec.coef_labels):
            fixed_names.append(f"{spec.depvar}:{lab.name}")
            if lab.base or lab.omitted:
                fixed_vals.append(0.0)
            else:
                fixed_vals.append(float(self.beta[k]))
                est_idx.append(j)
                k += 1
        names = tuple(fixed_names + [f"{n}:_cons" for n in self.phi_names])
        b = np.array(fixed_vals + list(self.phi))
        nf = len(fixed_names)
        V = np.zeros((len(names), len(names)))
        V[np.ix_(est_idx, est_idx)] = self.V_beta
        V[nf:, nf:] = self.V_phi
        if self.V_cross is not None:
            V[np.ix_(est_idx, range(nf, len(names)))] = self.V_cross
            V[np.ix_(range(nf, len(names)), est_idx)] = self.V_cross.T
        _finite_boundary(b, V, names)
        return Matrix(b[None, :], ("y1",), names), Matrix(V, names, names)

    def scalars(self) -> dict[str, float]:
        """e() scalars: N ll k k_f k_r chi2 df_m p converged, and per level N_g/g_min/g_avg/g_max
        (as lists in ``N_g`` ... since Stata stores them as matrices)."""
        chi2, df, p = inf.wald_test(self.spec.coef_labels, self.beta, self.V_beta)
        k_r = len(self.phi)
        gs = self.group_summaries()
        return {
            "N": float(self.nobs()), "ll": self.loglik, "k": float(len(self.spec.coef_labels) + k_r),
            "k_f": float(len(self.spec.coef_labels)), "k_r": float(k_r), "chi2": chi2,
            "df_m": float(df), "p": p, "converged": float(self.converged),
            "N_g": [g.n_groups for g in gs], "g_min": [g.min for g in gs],
            "g_avg": [g.avg for g in gs], "g_max": [g.max for g in gs],
        }

    def blups(self):
        from .blups import predict_random_effects
        if self.spec.group_sums is not None:
            from .group_sums import rows_not_held  # (imports scipy.sparse)
            raise rows_not_held("predicting random effects")
        with quiet_numerics():
            return predict_random_effects(self)

    def fitted(self) -> np.ndarray:
        from .blups import fitted_values
        if self.spec.group_sums is not None:
            from .group_sums import rows_not_held
            raise rows_not_held("predicting fitted values")
        with quiet_numerics():
            return fitted_values(self)

    def small_sample(self, method: str, information: str = "eim"):
        """t/F inference with Stata 14's dfmethod(``method``) (``small_sample``); kept per
        (method, information), so ``lincom``/``test``/``contrast ..., small`` after the fit
        reuse the one mixed computed (a copy by ``dataclasses.replace`` starts afresh)."""
        from .small_sample import SmallSampleInference
        cache = self.__dict__.setdefault("_small_sample_cache", {})
        key = (method.lower(), information)
        if key not in cache:
            with single_threaded_blas(), quiet_numerics():
                cache[key] = SmallSampleInference(self, method, information)
        return cache[key]

    def residual_covariance(self, rows: np.ndarray) -> np.ndarray:
        """R = sigma^2 I for the observations ``rows`` (i.i.d. errors)."""
        return self.sigma2 * np.eye(len(rows))

    def within_covariance(self, rows: np.ndarray, correlation: bool = False) -> np.ndarray:
        """V = sum_k Z_k G_k Z_k' (pairs in the same group of term k) + R over the
        observations ``rows``: ``estat wcorrelation`` (``within_group``)."""
        from .within_group import implied_covariance
        return implied_covariance(self, rows, correlation)

def fit_mixed(spec: MixedSpec, on_iteration: Callable[[int, float], None] | None = None) -> MixedFit:
    """Fit ``spec`` by ML or REML; see the package docstring for the API."""
    if spec.group_sums is None and spec.terms and not is_nested(spec):
        import scipy.linalg  # noqa: F401 -- loaded before its BLAS is set to one thread
    with single_threaded_blas(), quiet_numerics():
        if spec.residuals is not None and not spec.residuals.plain:
            # residual_fit builds on this module: estimate.fit_mixed dispatches to it
            raise ValueError("a residuals() structure is fitted by mlmcli.mixed.estimate.fit_mixed")
        return _fit(spec, on_iteration)


def _fits_perfectly(spec: MixedSpec) -> bool:
    """The fixed part alone reproduces y (e.g. a constant outcome): the residual variance
    is 0 and the likelihood unbounded, so no optimum exists (Stata: r(1400))."""
    if spec.group_sums is not None:
        return spec.group_sums.fits_perfectly()
    y = np.asarray(spec.y, dtype=float)
    X = np.asarray(spec.X, dtype=float).reshape(len(y), -1)
    yy = float(y @ y)
    if X.shape[1]:
        # the normal equations settle the usual case (a residual far from 0) cheaply;
        # only a near-perfect fit needs the least-squares residual itself
        Xy, XX = X.T @ y, X.T @ X
        d = np.sqrt(np.diag(XX))
        try:  # columns scaled to unit length (Jacobi), so rounding stays near eps
            z = np.linalg.solve(XX / np.outer(d, d), Xy / d)
            rss = yy - float((Xy / d) @ z)
        except (np.linalg.LinAlgError, FloatingPointError):
            rss = 0.0
        if not np.isfinite(rss):
            rss = 0.0
        if rss > 1e-8 * max(1.0, yy):
            return False
    resid = y - X @ np.linalg.lstsq(X, y, rcond=None)[0] if X.shape[1] else y
    return float(resid @ resid) <= 1e-24 * max(1.0, float(y @ y))


def _collinear(model: MixedModel) -> bool:
    """X'WX singular to working precision (collinear columns): no beta^ exists, whatever
    rounding lets a Cholesky factor through at some theta."""
    p = model.p
    if not p:
        return False
    xx = (model.stats.xx if model.nested else model.blocked.M)[:p, :p]
    d = np.sqrt(np.maximum(np.diag(xx), 0.0))
    if np.any(d <= 0):
        return True
    return bool(np.linalg.eigvalsh(xx / np.outer(d, d)).min() <= 1e-12)


def _fit(spec: MixedSpec, on_iteration: Callable[[int, float], None] | None) -> MixedFit:
    n = spec.n_rows
    if n == 0:
        raise StataError("no observations", 2000)
    if any(t.q == 0 for t in spec.terms):
        raise StataError("random-effects equation with no variables and noconstant", 198)
    if _fits_perfectly(spec):
        raise StataError("initial values not feasible", 1400)
    model = MixedModel(spec)
    logged = LoggedIterations(on_iteration)
    if _collinear(model):
        raise StataError("initial values not feasible", 1400)
    reml = model.reml
    robust = spec.vce in ("robust", "cluster") or spec.pweight is not None or any(
        t.pweight is not None for t in spec.terms)
    if reml and (spec.fweight is not None or any(t.fweight is not None for t in spec.terms)
                 or spec.pweight is not None or any(t.pweight is not None for t in spec.terms)):
        raise StataError("REML not supported with weights", 101)  # _xtmixed_estimate.ado
    if robust and reml:
        raise StataError("REML not supported with robust variance estimation", 198)
    if robust and not model.nested:
        raise StataError("vce(robust) requires nested random effects", 198)
    if model.covs:
        start = moment_start(spec, model)  # crossed random intercepts: ANOVA estimates
        scalings = () if start is not None else (0.25, 0.5, 2.0)
        if start is None:
            start = np.concatenate([c.theta_start() for c in model.covs])
        opt = minimize_deviance(model.deviance, start, model.lower, spec.iterate, logged.callback(),
                                tolerance=spec.tolerance, ltolerance=spec.ltolerance,
                                dev_grad=model.deviance_gradient if model.exact_gradient else None,
                                column_flips=model.column_flips(),
                                curvature=model.curvature_guess, start_scalings=scalings)
        theta, converged, history = opt.theta, opt.converged, opt.history
    else:
        theta, converged, history = np.zeros(0), True, []
    # the forward pass at theta is kept: the SEs' reverse pass below reuses it
    red = model.forward(model.lambdas(theta))[0]
    pf = profile(red, reml)
    if not np.isfinite(pf.deviance):
        raise StataError("initial values not feasible", 1400)
    dof = red.n - model.p if reml else red.n
    sigma2 = pf.r2 / dof
    loglik = -0.5 * pf.deviance
    history = compact_history(history, pf.deviance)
    logged.finish(history)
    phi = model.phi_from(theta, sigma2)
    p = model.p
    V_beta = sigma2 * np.linalg.inv(pf.RX @ pf.RX.T) if p else np.zeros((0, 0))
    finite = np.flatnonzero(np.isfinite(phi) & ~_vanished_sd(model, phi))
    V_phi = np.full((len(phi), len(phi)), np.nan)
    V_cross = None
    n_clusters = beta_influence = None
    if not robust:
        H_phi = None
        if not model.exact_gradient:
            H_phi = phi_hessian_from_values(model, phi, finite, loglik)
        elif model.covs and len(finite) == len(phi):
            H_phi = phi_hessian_from_theta(model, theta, phi, pf)
        if H_phi is None:
            # an undefined atanh (a correlation of effects whose variances vanished) does not
            # move the likelihood: any value evaluates it, 0 does
            H_phi = phi_hessian(model, np.where(np.isnan(phi), 0.0, phi), finite)
        V_phi[np.ix_(finite, finite)] = inf.invert_negative_hessian(H_phi)
    else:
        V_beta, V_phi, V_cross, n_clusters, beta_influence = robust_vce(model, pf.beta, phi, V_beta, loglik, _off_boundary(model, phi, finite))
    # the forward pass kept at theta^ (per-group arrays, or the Schur complement's factor) is
    # not needed after the standard errors: freed before the linear regression's reduction,
    # which would otherwise add its own to it (C, 300,000 groups: ~20 MB more at the peak);
    # so is a crossed design's pair pattern, which the stored fit would keep (InstEval: 16 MB)
    model.release_after_fit()
    ll_lin = model.ols_loglik()
    return MixedFit(spec, model, theta, pf.beta, float(sigma2), phi, V_beta, V_phi, float(loglik),
                    bool(converged), history, float(ll_lin), V_cross, n_clusters, beta_influence)
