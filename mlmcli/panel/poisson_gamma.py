"""The gamma random-effects Poisson model of ``xtpoisson, re`` (Hausman, Hall & Griliches 1984).

Panel i, observation t: y_it | nu_i ~ Poisson(nu_i lambda_it), lambda_it = exp(x_it b + offset_it),
nu_i ~ Gamma(shape theta, rate theta) (mean 1, variance alpha = 1/theta).  Integrating nu_i
out gives the panel's log likelihood in closed form, with Y_i = sum_t y_it and
L_i = sum_t lambda_it:

    l_i = sum_t (y_it ln lambda_it - ln y_it!) + ln G(theta + Y_i) - ln G(theta)
          + theta ln theta - (theta + Y_i) ln(theta + L_i)

(as alpha -> 0 it tends to the Poisson log likelihood).  Parameters (b, ln alpha), Stata's
estimation metric.  Panel weights w_i (``xtpoisson [iw=w], re``; constant within the panel):
ln L = sum_i w_i l_i, each term below weighted alike.  Gradient:

    dl_i/db        = sum_t y_it x_it - (theta + Y_i) / (theta + L_i) sum_t lambda_it x_it
    dl_i/d ln a    = -theta [psi(theta + Y_i) - psi(theta) + ln theta + 1 - ln(theta + L_i)
                             - (theta + Y_i) / (theta + L_i)]

maximised by Newton's method with step halving from the pooled Poisson estimates and ln alpha
= 0; the Hessian is the central difference of the analytic gradient; V = (-H)^-1.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import digamma, gammaln

from ..glm.newton import inverse_information
from ..glmm.numdiff import jacobian_of_gradient
from ..robust.cluster_sandwich import cluster_index, cluster_sandwich


@dataclass(frozen=True)
class PoissonGammaFit:
    """``theta`` = (b, ln alpha), ``V`` its covariance, ``loglik``, ``converged``, and the
    log likelihood after each Newton iteration (``history``)."""

    theta: np.ndarray
    V: np.ndarray
    loglik: float
    converged: bool
    history: tuple[float, ...]


class PoissonGammaModel:
    def __init__(self, y, X, group, offset=None, weight=None):
        self.y = np.asarray(y, float)
        self.X = np.asarray(X, float)
        self.group = np.asarray(group, np.int64)
        self.G = int(self.group.max()) + 1 if self.group.size else 0
        self.offset = np.zeros(len(self.y)) if offset is None else np.asarray(offset, float)
        self.Y = np.bincount(self.group, weights=self.y, minlength=self.G)
        self.w = np.ones(len(self.y)) if weight is None else np.asarray(weight, float)  # per row
        self.W = np.zeros(self.G)  # per panel (the rows' weight, constant within it)
        self.W[self.group] = self.w
        self.const = float(-(self.w * gammaln(self.y + 1)).sum())

    def _parts(self, theta_vec):
        p = self.X.shape[1]
        b, lna = theta_vec[:p], float(theta_vec[p])
        eta = self.X @ b + self.offset
        lam = np.exp(eta)
        L = np.bincount(self.group, weights=lam, minlength=self.G)
        th = np.exp(-lna)
        return b, lna, eta, lam, L, th

    def loglik(self, theta_vec) -> float:
        _, _, eta, _, L, th = self._parts(theta_vec)
        Y = self.Y
        return float((self.w * self.y) @ eta + self.const + self.W @ (gammaln(th + Y) - gammaln(th) + th * np.log(th)
                                                                       - (th + Y) * np.log(th + L)))

    def gradient(self, theta_vec) -> np.ndarray:
        _, _, _, lam, L, th = self._parts(theta_vec)
        Y = self.Y
        ratio = (th + Y) / (th + L)
        gb = self.X.T @ (self.w * (self.y - ratio[self.group] * lam))
        dth = self.W @ (digamma(th + Y) - digamma(th) + np.log(th) + 1 - np.log(th + L) - ratio)
        return np.concatenate([gb, [-th * dth]])

    def hessian(self, theta_vec) -> np.ndarray:
        """Symmetrised central differences of the analytic gradient, steps 1e-5 max(1, |theta_j|)."""
        theta_vec = np.asarray(theta_vec, float)
        return jacobian_of_gradient(self.gradient, theta_vec, 1e-5 * np.maximum(1.0, np.abs(theta_vec)))


def fit_poisson_gamma(y, X, group, offset=None, start_b=None, *, iterate: int = 300,
                      tolerance: float = 1e-6, ltolerance: float = 1e-7, weight=None) -> PoissonGammaFit:
    model = PoissonGammaModel(y, X, group, offset, weight)
    p = model.X.shape[1]
    theta = np.concatenate([np.zeros(p) if start_b is None else np.asarray(start_b, float), [0.0]])
    ll = model.loglik(theta)
    history = [ll]
    converged = False
    with np.errstate(all="ignore"):
        for _ in range(iterate):
            g = model.gradient(theta)
            H = model.hessian(theta)
            try:
                step = np.linalg.solve(-H, g)
                if not np.all(np.isfinite(step)) or g @ step <= 0:
                    raise np.linalg.LinAlgError
            except np.linalg.LinAlgError:  # not concave here: a gradient step
                step = g / max(1.0, np.abs(g).max())
            t = 1.0
            for _ in range(40):
                cand = theta + t * step
                ll_new = model.loglik(cand)
                if np.isfinite(ll_new) and ll_new >= ll - 1e-12:
                    break
                t /= 2
            else:
                break
            change = np.max(np.abs(cand - theta) / (np.abs(theta) + 1))
            gain = abs(ll_new - ll) / (abs(ll) + 1)
            theta, ll = cand, ll_new
            history.append(ll)
            # Stata's ml: converged when the scaled gradient is small and the step or gain is
            if (change < tolerance or gain < ltolerance) and abs(g @ step) < 1e-5:
                converged = True
                break
        V = inverse_information(model.hessian(theta))
    return PoissonGammaFit(theta, V, ll, converged, tuple(history))


def robust_covariance(model: PoissonGammaModel, theta, V, clusters) -> np.ndarray:
    """xtpoisson.ado's ``XTPOISSON_FE_ROBUST ..., re`` (Stata 16, 3.8.0): the sandwich V S'S V
    (``_robust ..., minus(0)``: no M/(M-1) factor) with S the cluster sums of the row scores.
    As the ado computes them, the panel totals L and Y are taken over ``clusters`` (the panels
    under vce(robust), the clusters under vce(cluster v)) and the ln alpha score, a panel-level
    quantity, sits on every row of the cluster, so its cluster sum counts it once per row."""
    p = model.X.shape[1]
    b, lna = np.asarray(theta[:p], float), float(theta[p])
    codes, G = cluster_index(clusters)
    mu = np.exp(model.X @ b + model.offset)
    L = np.bincount(codes, weights=mu, minlength=G)[codes]
    Y = np.bincount(codes, weights=model.y, minlength=G)[codes]
    th = np.exp(-lna)
    score_xb = model.y - (th + Y) * mu / (th + L)
    score_lna = th * (digamma(th) - digamma(th + Y) + np.log1p(L / th)) + Y - (th + Y) * L / (th + L)
    rows = model.w[:, None] * np.column_stack([score_xb[:, None] * model.X, score_lna])
    return cluster_sandwich(np.asarray(V, float), rows, codes, adjust=False, n_clusters=G)


@dataclass(frozen=True)
class PoissonGammaPredictions:
    """``predict`` after ``xttobit`` (and the base of ``xtpoisson, re``'s): ``xb`` = x b (+ offset,
    unless nooffset) and ``stdp`` = sqrt(x V_b x') on every row (``rows``: the estimation
    interface's PredictionRows)."""

    beta: np.ndarray
    Vb: np.ndarray
    offset_var: str | None = None
    offset_is_log: bool = False
    predict_default = "xb"

    def predict(self, statistic: str, rows) -> np.ndarray:
        from ..errors import StataError

        X = rows.fixed_design()
        if statistic == "stdp":
            return np.sqrt(np.maximum(np.einsum("ij,jk,ik->i", X, self.Vb, X), 0))
        if statistic != "xb":
            raise StataError(f"option {statistic} not allowed", 198)
        xb = X @ self.beta
        if self.offset_var and not getattr(rows, "nooffset", False):
            off = rows.variable(self.offset_var)
            xb = xb + (np.log(off) if self.offset_is_log else off)
        return xb


@dataclass(frozen=True)
class PoissonRandomEffectsPredictions(PoissonGammaPredictions):
    """``predict`` and ``margins`` after ``xtpoisson, re``: xb (the default), stdp, nu0, iru0
    and ``nooffset`` (``panel.count_predictions``)."""

    def predict_options(self) -> tuple:
        from .count_predictions import COUNT_PREDICT_OPTIONS
        return COUNT_PREDICT_OPTIONS

    @property
    def offset_spec(self) -> tuple | None:
        """(``exposure`` | ``offset``, variable) or None."""
        if not self.offset_var:
            return None
        return ("exposure" if self.offset_is_log else "offset", self.offset_var)

    def predict(self, statistic: str, rows) -> np.ndarray:
        from .count_predictions import count_statistic

        if statistic == "stdp":
            return super().predict(statistic, rows)
        xb = rows.fixed_design() @ self.beta
        with_offset = super().predict("xb", rows)
        return count_statistic(statistic, xb, with_offset)

    def margins_prediction(self, options: str):
        from .count_predictions import count_margins_prediction
        return count_margins_prediction(options, self.offset_spec)

    def margins_variables(self) -> tuple[str, ...]:
        return (self.offset_var,) if self.offset_var else ()
