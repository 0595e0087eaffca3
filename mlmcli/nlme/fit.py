"""The Lindstrom-Bates alternating algorithm and what a fit reports.

Lindstrom & Bates (1990); Pinheiro & Bates (2000, sect. 7.2); Stata [ME] menl, "Methods and
formulas".  Starting values: nonlinear least squares without random effects
(``pnls_step.nls_start``) from the typed ``{a=#}`` values, 0 elsewhere (or 1 where 0 makes
the mean function missing, e.g. ``log({a0})``), then an LME step at u = 0 for the relative
variances.  Each alternation:

1. PNLS: (theta, u) minimising |y - f(theta, u)|^2 + sum_i |Delta u_i|^2 for the current Delta;
2. LME: linearize f at (theta, u) and maximise the (RE)ML likelihood of the linear mixed
   model w = X theta + Z u + e in the relative variances (``lme_step``).

Convergence (Stata's rule): the relative change of (theta, lambda) at most ``tolerance`` and
that of the linearization log likelihood at most ``ltolerance``.  Once declared, the
alternation continues (within ``iterate``, at most 25 more times) until the parameters change
by less than 1e-10 relative, so that the reported digits are those of the fixed point, not of where the rule
happened to stop.  Reaching ``iterate`` alternations first leaves ``converged`` false.

Inference from the last LME step (Stata's menl, nlme's nlme): V(theta) = sigma^2 A^-1 with A
= X' sigma^2 V^-1 X of the final linearization; the variance parameters' standard errors
from the inverse of minus the Hessian (central differences) of the theta-profiled (RE)ML log
likelihood in (ln sd(u_r), ln sigma), carried to variances and standard deviations by the
delta method, confidence intervals on the log scale.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from mlmcli.nlme.linearized_model import linearize, mean_value, working_response
from mlmcli.nlme.lme_step import GroupSums, LinearizedLME, LMEState
from mlmcli.nlme.pnls_step import nls_start, pnls
from mlmcli.nlme.spec import NLMESpec


@dataclass
class NLMEFit:
    spec: NLMESpec
    theta: np.ndarray
    u: np.ndarray
    state: LMEState
    V_theta: np.ndarray
    V_log_sd: np.ndarray  # covariance of (ln sd(u_1..u_q), ln sigma)
    converged: bool
    history: list[float] = field(default_factory=list)

    def predict(self, statistic: str, rows):
        from mlmcli.errors import StataError
        raise StataError("predict after menl is not implemented in mlm", 198)

    @property
    def loglik(self) -> float:
        return self.state.loglik

    @property
    def log_sd(self) -> np.ndarray:
        """(ln sd(u_1) .. ln sd(u_q), ln sigma)."""
        log_sigma = 0.5 * math.log(self.state.sigma2)
        return np.concatenate([self.state.log_lambda + log_sigma, [log_sigma]])

    def variance_rows(self, level: float, metric: str):
        """(label, estimate, se, lo, hi) of each random effect and of the residual in the
        ``variance`` or ``sd`` metric; the CI is exp(ln est -+ z se(ln est))."""
        from mlmcli.distributions import norm
        z = float(norm.ppf(0.5 + level / 200.0))
        se_log = np.sqrt(np.clip(np.diag(self.V_log_sd), 0, None))
        k = 2.0 if metric == "variance" else 1.0
        prefix = "var" if metric == "variance" else "sd"
        labels = [f"{prefix}({name})" for name in self.spec.random] + [f"{prefix}(Residual)"]
        out = []
        for lab, ls, s in zip(labels, self.log_sd, se_log):
            est = math.exp(k * ls)
            se_l = k * s  # se of ln(est)
            out.append((lab, est, est * se_l, math.exp(k * ls - z * se_l), math.exp(k * ls + z * se_l)))
        return out


def start_values(spec: NLMESpec) -> np.ndarray:
    """Typed ``{a=#}`` values, 0 elsewhere; where 0 leaves the mean function missing, 1 for
    the free parameters and the constants of the linear combinations."""
    theta = np.zeros(spec.n_fixed)
    k = sum(c.X.shape[1] for c in spec.combinations)
    for i, v in enumerate(spec.free_start):
        if v is not None:
            theta[k + i] = v
    u = np.zeros((spec.n_groups, spec.q))
    if np.all(np.isfinite(mean_value(spec, theta, u))):
        return theta
    alt = theta.copy()
    j = 0
    for c in spec.combinations:
        for m, name in enumerate(c.names):
            if name == "_cons":
                alt[j + m] = 1.0
        j += c.X.shape[1]
    for i, v in enumerate(spec.free_start):
        if v is None:
            alt[k + i] = 1.0
    return alt


def _relative_change(new: np.ndarray, old: np.ndarray) -> float:
    if not len(new):
        return 0.0
    return float(np.max(np.abs(new - old) / (np.abs(old) + 1.0)))


def fit_nlme(spec: NLMESpec) -> NLMEFit:
    """The Lindstrom-Bates fit (module docstring); a singular linearized design (parameters
    the data cannot tell apart, e.g. {a} + {b}) is r(498), not an internal error."""
    from mlmcli.errors import StataError

    try:
        return _fit(spec)
    except np.linalg.LinAlgError:
        raise StataError("menl: the parameters are not identified (the derivatives of the "
                         "function in the fixed parameters are collinear)", 498) from None


def _fit(spec: NLMESpec) -> NLMEFit:
    from mlmcli.errors import StataError

    sums = GroupSums(spec.group, spec.n_groups)
    theta = start_values(spec)
    if not np.all(np.isfinite(mean_value(spec, theta, np.zeros((spec.n_groups, spec.q))))):
        raise StataError("initial values not feasible", 1400)
    theta, _ = nls_start(spec, theta)
    u = np.zeros((spec.n_groups, spec.q))

    def lme_at(theta, u, start):
        f, X, Z = linearize(spec, theta, u)
        if not (np.all(np.isfinite(X)) and np.all(np.isfinite(Z)) and np.all(np.isfinite(f))):
            raise StataError("could not evaluate the nonlinear function: missing values in the "
                             "linearization", 430)
        lme = LinearizedLME(X, Z, working_response(spec, f, X, Z, theta, u), sums, spec.reml)
        return lme, lme.optimize(start)

    lme, state = lme_at(theta, u, np.zeros(spec.q))
    history = [state.loglik]
    converged = False
    polish = 0
    for _ in range(spec.iterate):
        theta_new, u = pnls(spec, theta, u, state.log_lambda, sums)
        lme, new = lme_at(theta_new, u, state.log_lambda)
        history.append(new.loglik)
        d_par = max(_relative_change(theta_new, theta),
                    _relative_change(np.exp(new.log_lambda), np.exp(state.log_lambda)))
        d_ll = abs(new.loglik - state.loglik) / (abs(state.loglik) + 1.0)
        theta, state = theta_new, new
        if d_par <= spec.tolerance and d_ll <= spec.ltolerance:
            converged = True
        if converged:
            polish += 1
            if d_par <= 1e-10 or polish > 25:  # the fixed point, or as near as rounding lets it
                break
    V_theta = state.sigma2 * np.linalg.pinv(state.A) if spec.n_fixed else np.zeros((0, 0))
    fit = NLMEFit(spec, theta, u, state, V_theta, np.zeros((spec.q + 1, spec.q + 1)), converged, history)
    fit.V_log_sd = _variance_parameter_covariance(lme, fit.log_sd)
    return fit


def _variance_parameter_covariance(lme: LinearizedLME, x: np.ndarray) -> np.ndarray:
    """(-H)^-1 of the theta-profiled log likelihood in (ln sd, ln sigma): central second
    differences at steps h and h/2 combined by Richardson extrapolation, (4 H(h/2) - H(h)) / 3,
    which removes the h^2 error term (h = 1e-3: what is left is rounding, ~1e-8 relative)."""
    f = lme.log_likelihood_sd
    k = len(x)
    f0 = f(x)

    def hessian(h):
        E = np.eye(k) * h
        H = np.zeros((k, k))
        for i in range(k):
            H[i, i] = (f(x + E[i]) - 2 * f0 + f(x - E[i])) / h ** 2
            for j in range(i):
                H[i, j] = H[j, i] = (f(x + E[i] + E[j]) - f(x + E[i] - E[j]) - f(x - E[i] + E[j])
                                     + f(x - E[i] - E[j])) / (4 * h * h)
        return H

    H = (4 * hessian(5e-4) - hessian(1e-3)) / 3
    try:
        V = np.linalg.inv(-H)
    except np.linalg.LinAlgError:
        return np.full((k, k), np.nan)
    return V if np.all(np.isfinite(V)) and np.all(np.diag(V) > 0) else np.full((k, k), np.nan)
