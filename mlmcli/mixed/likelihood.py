"""``MixedModel``: the (RE)ML likelihood of one ``MixedSpec`` as a function of theta or of (beta, phi).

Relative covariance factor per term k: S_k = Sigma_k / sigma^2 = Lambda_k Lambda_k', with
Lambda_k = D_k^-1 Lambda~_k(theta), D_k the root mean squares of Z_k's columns (so theta ~ 1
whatever the units of Z).  For a given theta the fixed effects and sigma^2 are profiled
out (``profiled_deviance``):

    d(theta) = log|L|^2 + n' (1 + log(2 pi r^2(theta) / n')) (+ log|R_X|^2 for REML),

n' = n (ML) or n - p (REML), through the reduction of the nested per-group statistics
(``nested_statistics``) or the blocked Cholesky factor of a crossed design
(``blocked_cholesky``).  Gradients come from one reverse (adjoint) pass:
d d / d theta_i = 2 tr(Y Lambda_i) with Y = Lambda' d d / d S.

The estimation metric phi (Stata's: ln sd / atanh corr per term, then ln sigma_e) maps
to and from theta through each term's ``TermCovariance``; ``loglik_phi``,
``loglik_full`` (x = (beta, phi)) and ``group_logliks`` (per highest-level group) are
what the standard errors and the sandwich (``sandwich``) differentiate.
"""
from __future__ import annotations

import numpy as np

from ..errors import StataError
from .nested_statistics import NestedStatistics, is_nested
from .optimizer import gradient
from .profiled_deviance import (LOG2PI, Reduction, deviance_seeds, loglik_at, loglik_seeds,
                                nested_adjoint, profile, reduce_nested, top_logliks)
from .random_effects_term import TermCovariance, split_theta
from .spec import MixedSpec
from .weights import model_weights


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
        if self._last_forward is not None and not self.nested and self._blocked is not None:
            # (a state is valid until the next forward pass: relcov_adjoint uses its own at once)
            self._blocked.recycle(self._last_forward[1])
        self._last_forward = None  # freed before the new pass (a crossed one holds two Q2 x Q2)
        if self.nested:
            tape: list = []
            out = (reduce_nested(self.stats, lambdas, tape=tape), tape)
        else:
            out = self.blocked.forward(lambdas)
        self._last_forward = (key, out)
        return out

    def forget_forward(self) -> None:
        """Drop the kept forward pass and the crossed evaluations' scratch (after the fit)."""
        self._last_forward = None
        if self._blocked is not None:
            self._blocked.release_scratch()

    def release_after_fit(self) -> None:
        """Drop what only the optimisation and the standard errors use -- the kept forward pass,
        a crossed design's Schur evaluator with its pair pattern -- when the estimates are in;
        a later evaluation (dfmethod()'s derivatives, say) rebuilds the evaluator from the spec."""
        self.forget_forward()
        if self._blocked is not None:
            self._blocked.forget_evaluator()

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
        Y = self.blocked.adjoint(lambdas, state, M_bar, ld_bar)
        if getattr(state, "U", True) is None:  # the factor became Sigma^-1: no second reverse pass
            self._last_forward = None
        return pf, Y

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
        dl_ds2 = 0.5 * (pf.r2 / s2 - dof) / s2  # not r2 / s2**2: past the double range near 1e150
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
        """Per highest-level-group ML log likelihood at x = (beta, phi) (nested only); without
        random effects each observation is its own top-level unit (its weighted normal ln f)."""
        lams, s2 = self.from_phi(x[self.p:])
        if not self.spec.terms:
            r = np.asarray(self.spec.y, float) - self.X @ np.asarray(x[:self.p], float)
            lf = -0.5 * (LOG2PI + np.log(s2) + r * r / s2)
            return lf if self.obs_w is None else self.obs_w * lf
        # the sandwich's scores move one coordinate at a time, most of them beta's: the
        # reduction depends on phi only, so the last one is kept
        key = np.asarray(x[self.p:], float).tobytes()
        cached = getattr(self, "_top_reduction", None)
        if cached is None or cached[0] != key:
            cached = (key, self.reduce(lams, keep_top=True))
            self._top_reduction = cached
        return top_logliks(cached[1], x[:self.p], s2)

    def group_beta_scores(self, beta: np.ndarray, phi: np.ndarray) -> np.ndarray:
        """d l_g / d beta per highest-level group (p x G) at (beta, phi): l_g is quadratic in
        beta, -(v'M~_g v) / (2 sigma^2) with v = (-beta, 1), so the score is (M~_g v)[:p] /
        sigma^2 (without random effects, w_i r_i x_i / sigma^2 per observation)."""
        lams, s2 = self.from_phi(phi)
        beta = np.asarray(beta, float)
        if not self.spec.terms:
            r = np.asarray(self.spec.y, float) - self.X @ beta
            wr = r if self.obs_w is None else self.obs_w * r
            return self.X.T * (wr / s2)
        key = np.asarray(phi, float).tobytes()
        cached = getattr(self, "_top_reduction", None)
        if cached is None or cached[0] != key:
            cached = (key, self.reduce(lams, keep_top=True))
            self._top_reduction = cached
        v = np.append(-beta, 1.0)
        return np.tensordot(v, cached[1].top_M, axes=(0, 0))[:self.p] / s2

    def ols_loglik(self) -> float:
        """Linear regression log likelihood with the same method and weights (Lambda = 0)."""
        zero = [np.zeros((c.q, c.q)) for c in self.covs]
        return -0.5 * profile(self.reduce(zero), self.reml).deviance
