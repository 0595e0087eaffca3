"""``fit_mixed(spec) -> MixedFit``: estimation, inference and stored results.

theta^ minimises the profiled (RE)ML deviance (``profiled_deviance``), beta^
and sigma^2 follow in closed form; then phi = Stata's estimation metric
(``random_effects_term``), V(phi^) from the Hessian (``inference``), and for
pweights / vce(robust|cluster) the sandwich

    V = B (G/(G-1) sum_c s_c s_c') B,   B = blockdiag(H_beta^-1, H_phi^-1)

with H the Hessian of the ML (pseudo) log likelihood in (beta, phi) (its
beta-phi block left out, as in Stata's block-diagonal information) and s_c
the scores of cluster c (sums of the per-highest-level-group scores).
"""
from __future__ import annotations

import contextlib
import warnings
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ..errors import StataError
from ..results.matrix import Matrix
from ..results.mixed import GroupSummary, IterationLog, MixedResult
from . import inference as inf
from .blas_threads import single_threaded_blas
from .nested_statistics import NestedStatistics, is_nested
from .moment_start import moment_start
from .optimizer import gradient, hessian, minimize_deviance
from .phi_hessian import phi_hessian, phi_hessian_from_theta, phi_hessian_from_values, phi_steps
from .profiled_deviance import (LOG2PI, Reduction, deviance_seeds, loglik_at, loglik_seeds,
                                nested_adjoint, profile, reduce_nested, top_logliks)
from .random_effects_term import TermCovariance, split_theta
from .spec import MixedSpec
from .varcorr import MixedFitQueries
from .weights import model_weights


@contextlib.contextmanager
def quiet_numerics():
    """No floating-point or library warnings reach the user (boundary fits overflow
    exp() in CIs on purpose: the result is inf/NaN, printed as Stata does)."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def column_scale(Z: np.ndarray, n: int, kind: str) -> np.ndarray:
    """Root mean square of each column of Z (one common value for identity and
    exchangeable, whose structure a per-column rescaling would not preserve)."""
    return scale_from_mean_squares(np.mean(np.asarray(Z, float).reshape(n, -1) ** 2, axis=0), kind)


def scale_from_mean_squares(mean_squares: np.ndarray, kind: str) -> np.ndarray:
    rms = np.sqrt(mean_squares)
    rms = np.where(np.isfinite(rms) & (rms > 0), rms, 1.0)
    if kind in ("identity", "exchangeable"):
        rms = np.full_like(rms, np.sqrt(np.mean(rms ** 2)))
    return rms


def term_covariances(spec: MixedSpec) -> list[TermCovariance]:
    """One TermCovariance per term with Stata's (level, equation) numbering."""
    levels: dict[str, int] = {}
    eqs: dict[str, int] = {}
    out = []
    for t in spec.terms:
        lv = levels.setdefault(t.levelvar, len(levels) + 1)
        eqs[t.levelvar] = eqs.get(t.levelvar, 0) + 1
        out.append(TermCovariance(t.covariance, tuple(t.names), lv, eqs[t.levelvar],
                                  getattr(t, "factor", None)))
    return out


class MixedModel:
    """The likelihood of one spec as a function of theta, or of (beta, phi)."""

    def __init__(self, spec: MixedSpec):
        self.spec = spec
        self.reml = spec.method.upper() == "REML"
        self.covs = term_covariances(spec)
        sums = spec.group_sums  # the rows reduced elsewhere (lazy data): see group_sums.py
        n = spec.n_rows
        self.X = np.asarray(spec.X, float).reshape(n, -1) if sums is None else np.empty((0, sums.p))
        self.p = self.X.shape[1]
        self.obs_w, self.group_w = model_weights(spec)
        self.nested = sums is not None or is_nested(spec)
        self._blocked = None  # BlockedSystem (imports scipy: only for crossed models and BLUPs)
        self._last_forward = None
        if self.nested:
            robust = spec.vce in ("robust", "cluster") or spec.pweight is not None or any(
                t.pweight is not None for t in spec.terms)
            self.stats = (sums.statistics(keep_top=robust) if sums is not None else
                          NestedStatistics.build(spec, self.obs_w, self.group_w, keep_top=robust))
        else:
            if any(w is not None for w in self.group_w):
                raise StataError("weights at higher levels require nested random effects", 459)
            from .blocked_cholesky import BlockedSystem
            self._blocked = BlockedSystem(spec, self.obs_w)
        self.lower = (np.concatenate([c.theta_lower() for c in self.covs])
                      if self.covs else np.zeros(0))
        self.zscale = ([column_scale(t.Z, n, c.kind) for t, c in zip(spec.terms, self.covs)] if sums is None
                       else [scale_from_mean_squares(sums.square_sums(k) / n, c.kind)
                             for k, c in enumerate(self.covs)])

    @property
    def blocked(self):
        if self._blocked is None:
            from .blocked_cholesky import BlockedSystem
            self._blocked = BlockedSystem(self.spec, self.obs_w)
        return self._blocked

    # --- theta metric -----------------------------------------------------
    def lambdas(self, theta: np.ndarray) -> list[np.ndarray]:
        """Lambda per term: D^-1 Lambda~(theta), theta parametrising the columns of Z
        scaled to unit root mean square (so theta ~ 1 whatever the units of Z)."""
        return [lam / d[:, None] for lam, d in
                zip(split_theta(self.covs, np.asarray(theta, float)), self.zscale)]

    def reduce(self, lambdas: list[np.ndarray], keep_top: bool = False) -> Reduction:
        if self.nested:
            return reduce_nested(self.stats, lambdas, keep_top)
        return self.blocked.reduce(lambdas)

    def deviance(self, theta: np.ndarray) -> float:
        red = self.forward(self.lambdas(theta))[0]
        return profile(red, self.reml).deviance

    def forward(self, lambdas: list[np.ndarray]):
        """(Reduction, what the adjoint needs) at ``lambdas``; the last one is kept, so a
        gradient at the point of the previous deviance evaluation costs only its reverse pass."""
        key = b"".join(np.ascontiguousarray(lam).tobytes() for lam in lambdas)
        if self._last_forward is not None and self._last_forward[0] == key:
            return self._last_forward[1]
        self._last_forward = None  # freed before the new pass (a crossed one holds two Q2 x Q2)
        if self.nested:
            tape: list = []
            out = (reduce_nested(self.stats, lambdas, tape=tape), tape)
        else:
            out = self.blocked.forward(lambdas)
        self._last_forward = (key, out)
        return out

    def forget_forward(self) -> None:
        self._last_forward = None

    def relcov_adjoint(self, lambdas: list[np.ndarray], seeds):
        """(ProfiledFit, [Lambda_k' d f / d S_k]) at ``lambdas``: f is given by ``seeds(pf)``
        -> (d f / d M~, d f / d log|L|^2) (``profiled_deviance``); S_k = Lambda_k Lambda_k'.
        The list is None where the likelihood is not finite."""
        red, state = self.forward(lambdas)
        pf = profile(red, self.reml)
        if state is None or not np.isfinite(pf.deviance):
            return pf, None
        M_bar, ld_bar = seeds(pf)
        if self.nested:
            S_bar = nested_adjoint(self.stats, state, M_bar, ld_bar)
            return pf, [lam.T @ Sb for lam, Sb in zip(lambdas, S_bar)]
        return pf, self.blocked.adjoint(lambdas, state, M_bar, ld_bar)

    def deviance_gradient(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        """d(theta) and its gradient: d d / d theta_i = tr(S^ dS/dtheta_i) = 2 tr(Y Lambda_i),
        Y = Lambda' S^ (S^ = d d / d S, symmetric; Lambda is linear in theta, Lambda_i = d Lambda
        / d theta_i)."""
        theta = np.asarray(theta, float)
        lams = self.lambdas(theta)
        n = self.reduce_n
        pf, Y = self.relcov_adjoint(lams, lambda pf: deviance_seeds(pf, n, self.reml))
        if Y is None:
            return np.inf, np.zeros_like(theta)
        return pf.deviance, self.theta_gradient(Y)

    def theta_gradient(self, Y: list[np.ndarray]) -> np.ndarray:
        """d f / d theta_i = 2 tr(Y_k Lambda_i) from the adjoints Y_k = Lambda_k' d f / d S_k."""
        grad = []
        for cov, d, Yk in zip(self.covs, self.zscale, Y):
            basis = cov.lam_basis() / d[None, :, None]
            grad.append(2 * np.einsum("ba,iab->i", Yk, basis))
        return np.concatenate(grad) if grad else np.zeros(0)

    def theta_of_phi(self, phi: np.ndarray) -> np.ndarray:
        """The theta (scaled metric of ``lambdas``) of the estimation-metric vector phi."""
        sigma2 = float(np.exp(2 * phi[-1]))
        out, k = [], 0
        for c, d in zip(self.covs, self.zscale):
            S = c.cov_from_est(phi[k:k + c.n_est]) / sigma2
            out.append(c.theta_from_relcov(S * np.outer(d, d)))
            k += c.n_est
        return np.concatenate(out) if out else np.zeros(0)

    def curvature_guess(self, theta: np.ndarray) -> np.ndarray:
        """A diagonal guess of the Hessian of d(theta) to scale the first BFGS step: for a
        term with G groups each parameter counts like sum_g log(1 + theta^2 n_g), whose
        second derivative in theta is about 2 G / theta^2 once theta^2 n_g >> 1.  Only for
        scalar terms (random intercepts); otherwise NaN (BFGS starts from a scaled identity)."""
        if any(cov.q != 1 for cov in self.covs):
            return np.full(len(theta), np.nan)
        out, k = [], 0
        for cov, t in zip(self.covs, self.spec.terms):
            scale = max(float(np.max(np.abs(theta[k:k + cov.n_theta]))), 0.1)
            for i in range(cov.n_theta):
                out.append(2.0 * t.n_groups / max(abs(theta[k + i]), 0.1 * scale) ** 2)
            k += cov.n_theta
        return np.array(out)

    def column_flips(self) -> list:
        out, k = [], 0
        for c in self.covs:
            out += c.column_flips(k)
            k += c.n_theta
        return out

    @property
    def exact_gradient(self) -> bool:
        """False where no reverse pass exists (a sparse Schur complement): differences."""
        return self.nested or not self.blocked.sparse

    @property
    def reduce_n(self) -> float:
        return self.stats.n if self.nested else self.blocked.n

    def loglik_phi_gradient(self, phi: np.ndarray) -> tuple[float, np.ndarray]:
        """(RE)ML log likelihood at phi (ML profiled over beta) and its gradient in phi.

        With S_k = Sigma_k / sigma^2 and S^_k = d l / d S_k (adjoint):
        d l / d Sigma_k = S^_k / sigma^2;  d l / d sigma^2 = -n'/(2 sigma^2) + r^2/(2 sigma^4)
        - sum_k tr(S^_k S_k) / sigma^2  (n' = n, or n - p for REML); then the chain rule
        through Sigma_k(phi) (``TermCovariance.cov_jacobian``) and sigma^2 = exp(2 phi_e)."""
        phi = np.asarray(phi, float)
        try:
            lams, s2 = self.from_phi(phi)
        except (ValueError, np.linalg.LinAlgError):
            return -np.inf, np.full(len(phi), np.nan)
        if not (np.isfinite(s2) and s2 > 0 and all(np.all(np.isfinite(lam)) for lam in lams)):
            return -np.inf, np.full(len(phi), np.nan)
        pf, Y = self.relcov_adjoint(lams, lambda pf: loglik_seeds(pf, s2, self.reml))
        if Y is None:
            return -np.inf, np.zeros_like(phi)
        n = self.reduce_n
        dof = n - self.p if self.reml else n
        ld = pf.deviance - (dof * (1 + LOG2PI + np.log(pf.r2 / dof)) + (pf.logdet_RX if self.reml else 0.0))
        ll = -0.5 * (dof * (LOG2PI + np.log(s2)) + ld + (pf.logdet_RX if self.reml else 0.0) + pf.r2 / s2)
        grad, k = [], 0
        dl_ds2 = -0.5 * dof / s2 + 0.5 * pf.r2 / s2 ** 2
        if any(np.min(np.abs(np.linalg.eigvals(lam))) <= 1e-10 * max(np.abs(lam).max(), 1e-300)
               for lam in lams):
            # a singular Lambda (a correlation of +-1 to working precision): Y does not
            # determine d l / d S; central differences of l instead
            return float(ll), gradient(self.loglik_phi, phi, np.full(len(phi), -np.inf), ll, 1e-5)
        for cov, lam, Yk in zip(self.covs, lams, Y):
            ne = cov.n_est
            Sb = np.linalg.solve(lam.T, Yk)
            Sb = 0.5 * (Sb + Sb.T)
            grad.append(np.einsum("ab,jab->j", Sb / s2, cov.cov_jacobian(phi[k:k + ne])))
            dl_ds2 -= float(np.trace(Yk @ lam)) / s2
            k += ne
        grad.append(np.array([dl_ds2 * 2 * s2]))
        return float(ll), np.concatenate(grad)

    # --- estimation metric phi = (per term est params..., ln sigma_e) ------------
    def phi_from(self, theta: np.ndarray, sigma2: float) -> np.ndarray:
        parts = [c.est_from_cov(sigma2 * L @ L.T) for c, L in zip(self.covs, self.lambdas(theta))]
        return np.concatenate(parts + [np.array([0.5 * np.log(sigma2)])])

    def from_phi(self, phi: np.ndarray) -> tuple[list[np.ndarray], float]:
        sigma2 = float(np.exp(2 * phi[-1]))
        lams, k = [], 0
        for c in self.covs:
            S = c.cov_from_est(phi[k:k + c.n_est]) / sigma2
            lams.append(c.lam(c.theta_from_relcov(S)))
            k += c.n_est
        return lams, sigma2

    def loglik_phi(self, phi: np.ndarray) -> float:
        """(RE)ML log likelihood at phi, ML profiled over beta (-inf where undefined)."""
        try:
            lams, s2 = self.from_phi(phi)
        except (ValueError, np.linalg.LinAlgError):
            return -np.inf
        if not (np.isfinite(s2) and s2 > 0 and all(np.all(np.isfinite(lam)) for lam in lams)):
            return -np.inf
        red = self.reduce(lams)
        if self.reml:
            return loglik_at(red, None, s2, True)
        pf = profile(red, False)
        return loglik_at(red, pf.beta, s2, False)

    def loglik_full(self, x: np.ndarray) -> float:
        """ML log likelihood at x = (beta, phi)."""
        lams, s2 = self.from_phi(x[self.p:])
        return loglik_at(self.reduce(lams), x[:self.p], s2, False)

    def group_logliks(self, x: np.ndarray) -> np.ndarray:
        """Per highest-level-group ML log likelihood at x = (beta, phi) (nested only)."""
        lams, s2 = self.from_phi(x[self.p:])
        return top_logliks(self.reduce(lams, keep_top=True), x[:self.p], s2)

    def ols_loglik(self) -> float:
        """Linear regression log likelihood with the same method and weights (Lambda = 0)."""
        zero = [np.zeros((c.q, c.q)) for c in self.covs]
        return -0.5 * profile(self.reduce(zero), self.reml).deviance


def compact_history(history: list[float], final: float) -> list[float]:
    """Iterations whose printed log likelihood (8 significant digits) changes, then
    the optimum once more, as Stata's log ends with a repeated value."""
    def key(v: float) -> str:
        return f"{-0.5 * v:.8g}"

    out: list[float] = []
    for v in list(history) + [final]:
        if not out or key(v) != key(out[-1]):
            out.append(v)
    out[-1] = final
    out.append(final)
    return out


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
        """t/F inference with Stata 14's dfmethod(``method``) (``small_sample``)."""
        from .small_sample import SmallSampleInference
        with single_threaded_blas(), quiet_numerics():
            return SmallSampleInference(self, method, information)

    def residual_covariance(self, rows: np.ndarray) -> np.ndarray:
        """R = sigma^2 I for the observations ``rows`` (i.i.d. errors)."""
        return self.sigma2 * np.eye(len(rows))

    def within_covariance(self, rows: np.ndarray, correlation: bool = False) -> np.ndarray:
        """V = sum_k Z_k G_k Z_k' (pairs in the same group of term k) + R over the
        observations ``rows``: ``estat wcorrelation`` (``within_group``)."""
        from .within_group import implied_covariance
        return implied_covariance(self, rows, correlation)


def _clusters(spec: MixedSpec) -> tuple[np.ndarray, int]:
    """Cluster code per highest-level group (clusters must contain whole groups)."""
    top = spec.terms[0]
    cl = np.asarray(spec.cluster if spec.cluster is not None else top.group, np.int64)
    per = np.full(top.n_groups, -1, np.int64)
    per[top.group] = cl
    if np.any(per[top.group] != cl):
        raise StataError(f"highest-level groups are not nested within {spec.cluster_var}", 459)
    uniq, codes = np.unique(per, return_inverse=True)
    return codes, len(uniq)


def robust_vce(model: MixedModel, beta: np.ndarray, phi: np.ndarray, V_beta: np.ndarray,
               loglik: float):
    """Sandwich (V_beta, V_phi, cov(beta, phi), clusters): see the module docstring."""
    spec, p = model.spec, model.p
    finite = np.flatnonzero(np.isfinite(phi))
    V_phi = np.full((len(phi), len(phi)), np.nan)
    idx = np.concatenate([np.arange(p), p + finite])
    x0 = np.concatenate([beta, phi])

    def f(z):
        x = x0.copy()
        x[idx] = z
        return model.loglik_full(x)

    def g(z):
        x = x0.copy()
        x[idx] = z
        return model.group_logliks(x)

    # l is exactly quadratic in beta, so beta steps can be large (less rounding noise)
    steps = np.concatenate([0.1 * np.sqrt(np.diag(V_beta)) if p else np.zeros(0),
                            phi_steps(phi[finite])])
    H = hessian(f, x0[idx], steps, loglik)
    S = np.zeros((len(idx), model.stats.top_groups))
    for i in range(len(idx)):
        e = np.zeros(len(idx))
        e[i] = steps[i]
        S[i] = (g(x0[idx] + e) - g(x0[idx] - e)) / (2 * steps[i])
    codes, G = _clusters(spec)
    Sc = np.zeros((len(idx), G))
    for i in range(len(idx)):
        Sc[i] = np.bincount(codes, weights=S[i], minlength=G)
    meat = (G / (G - 1)) * Sc @ Sc.T if G > 1 else np.full((len(idx), len(idx)), np.nan)
    # Stata's bread is block diagonal (beta | variance parameters), as its
    # information matrix is: checked against Stata's pisa2000 example
    bread = np.zeros_like(H)
    bread[:p, :p] = -inf.invert_negative_hessian(H[:p, :p])
    bread[p:, p:] = -inf.invert_negative_hessian(H[p:, p:])
    Vr = bread @ meat @ bread
    V_beta = Vr[:p, :p]
    V_phi[np.ix_(finite, finite)] = Vr[p:, p:]
    V_cross = np.full((p, len(phi)), np.nan)
    V_cross[:, finite] = Vr[:p, p:]
    return V_beta, V_phi, V_cross, G


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
    if _collinear(model):
        raise StataError("initial values not feasible", 1400)
    reml = model.reml
    robust = spec.vce in ("robust", "cluster") or spec.pweight is not None or any(
        t.pweight is not None for t in spec.terms)
    if robust and reml:
        raise StataError("option reml not allowed with pweights or vce(robust)", 198)
    if robust and not model.nested:
        raise StataError("vce(robust) requires nested random effects", 198)
    if model.covs:
        start = moment_start(spec, model)  # crossed random intercepts: ANOVA estimates
        scalings = () if start is not None else (0.25, 0.5, 2.0)
        if start is None:
            start = np.concatenate([c.theta_start() for c in model.covs])
        opt = minimize_deviance(model.deviance, start, model.lower, spec.iterate, on_iteration,
                                tolerance=spec.tolerance, ltolerance=spec.ltolerance,
                                dev_grad=model.deviance_gradient if model.exact_gradient else None,
                                column_flips=model.column_flips(),
                                curvature=model.curvature_guess, start_scalings=scalings)
        theta, converged, history = opt.theta, opt.converged, opt.history
        opt_hessian = (opt.hessian_at, opt.hessian)
    else:
        theta, converged, history = np.zeros(0), True, []
        opt_hessian = None
    # the forward pass at theta is kept: the SEs' reverse pass below reuses it
    red = model.forward(model.lambdas(theta))[0]
    pf = profile(red, reml)
    if not np.isfinite(pf.deviance):
        raise StataError("initial values not feasible", 1400)
    dof = red.n - model.p if reml else red.n
    sigma2 = pf.r2 / dof
    loglik = -0.5 * pf.deviance
    history = compact_history(history, pf.deviance)
    phi = model.phi_from(theta, sigma2)
    p = model.p
    V_beta = sigma2 * np.linalg.inv(pf.RX @ pf.RX.T) if p else np.zeros((0, 0))
    finite = np.flatnonzero(np.isfinite(phi))
    V_phi = np.full((len(phi), len(phi)), np.nan)
    V_cross = None
    n_clusters = None
    if not robust:
        H_phi = None
        if not model.exact_gradient:
            H_phi = phi_hessian_from_values(model, phi, finite, loglik)
        elif model.covs and len(finite) == len(phi):
            H_phi = phi_hessian_from_theta(model, theta, phi, pf, opt_hessian)
        if H_phi is None:
            H_phi = phi_hessian(model, phi, finite)
        V_phi[np.ix_(finite, finite)] = inf.invert_negative_hessian(H_phi)
    else:
        V_beta, V_phi, V_cross, n_clusters = robust_vce(model, pf.beta, phi, V_beta, loglik)
    ll_lin = model.ols_loglik()
    model.forget_forward()  # the kept factor is not needed after the fit
    return MixedFit(spec, model, theta, pf.beta, float(sigma2), phi, V_beta, V_phi, float(loglik),
                    bool(converged), history, float(ll_lin), V_cross, n_clusters)
