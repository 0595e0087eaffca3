"""Fine and Gray's proportional subdistribution hazards model (stcrreg's engine).

Each subject has an exit time T_i and a status: 1 the failure of interest, 2 a competing
failure, 0 censored.  G is the Kaplan-Meier estimate of the censoring distribution (the
censored subjects its events), taken at left limits: G(t-) = prod_{u < t} (1 - c(u)/Y(u)),
Y(u) the subjects with T >= u, c(u) those censored at u.  At a failure time tau_k the
subdistribution risk set holds every subject with T_j >= tau_k (weight 1) and every
competing-failed subject with T_j < tau_k, weighted G(tau_k-)/G(T_j-).  With
r_j = weight_j exp(x_j b + offset_j) and S0, S1, S2 the risk-set sums of r, r x, r x x':
  ll = sum_k [ sum_{D_k} (x b + offset) - d_k log S0(tau_k) ]    (Breslow's form for ties)
the log pseudolikelihood, its score and Hessian as Cox's.

The robust variance is Fine and Gray's (1999): V = I^-1 (sum_i u_i u_i') I^-1 with
u_i = eta_i + psi_i, eta_i the subject's score residual in the weighted risk sets and psi_i
the term of the estimated G:
  q(u)  = sum_{tau_k >= u} d_k G(tau_k-)/S0_k [ C1(u) - xbar_k C0(u) ],
          C0(u), C1(u) = sum over competing subjects with T_j < u of r_j/G(T_j-) (times x_j);
  psi_i = [censored] q(T_i)/Y(T_i) - sum_{u <= T_i} c(u) q(u)/Y(u)^2,
as R's cmprsk::crr computes them (clusters sum the u_i).  The baseline cumulative subhazard
is Breslow's, H0(t) = sum_{tau_k <= t} d_k / S0(tau_k) at b with the offset-free index.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError


@dataclass
class CompetingData:
    t: np.ndarray          # exit times
    status: np.ndarray     # 1 failure of interest, 2 competing failure, 0 censored
    X: np.ndarray          # n x p
    offset: np.ndarray     # n (zeros without offset())
    w: np.ndarray | None = None  # stset's weights (None: ones)


def _suffix(values: np.ndarray) -> np.ndarray:
    """sum over positions i.. of values (first axis), with a trailing zero row."""
    tail = np.cumsum(values[::-1], axis=0)[::-1]
    return np.concatenate([tail, np.zeros((1,) + values.shape[1:])], axis=0)


def _prefix(values: np.ndarray) -> np.ndarray:
    """sum over positions ..i-1 of values (first axis): row 0 is zero."""
    return np.concatenate([np.zeros((1,) + values.shape[1:]), np.cumsum(values, axis=0)], axis=0)


class SubdistributionLikelihood:
    """ll(b), its gradient and Hessian, the score residuals and the baseline (module docstring)."""

    def __init__(self, data: CompetingData):
        self.data = data
        self.p = data.X.shape[1]  # the coefficients (tvc()'s subclass adds its columns)
        order = np.argsort(data.t, kind="stable")
        self.order = order
        self.ts = data.t[order]
        self.st = data.status[order]
        self.Xs = data.X[order]
        self.offs = data.offset[order]
        self.ws = np.ones(len(order)) if data.w is None else np.asarray(data.w, float)[order]
        self.row_weights = data.w  # the weights of score_residuals' rows (None: ones)
        fail = self.st == 1
        self.times = np.unique(self.ts[fail])
        self.d = np.bincount(np.searchsorted(self.times, self.ts[fail]), weights=self.ws[fail],
                             minlength=len(self.times))
        # the censoring Kaplan-Meier (weighted) at left limits, at the failure times and at each subject's T
        cens = self.st == 0
        cens_times, where = np.unique(self.ts[cens], return_inverse=True)
        cens_counts = np.bincount(where, weights=self.ws[cens], minlength=len(cens_times))
        self.cens_times, self.cens_counts = cens_times, cens_counts
        self.censoring_km(_suffix(self.ws)[np.searchsorted(self.ts, cens_times, "left")])
        self.first_at_or_after = np.searchsorted(self.ts, self.times, "left")  # T_j >= tau_k from here
        self.competing = self.st == 2

    def censoring_km(self, at_risk: np.ndarray) -> None:
        """G(t-) at the failure times and at each subject's T from Y(u) = ``at_risk`` at the
        censoring times (delayed entry: subdistribution_grid's risk sets)."""
        self.cens_at_risk = at_risk
        km = np.cumprod(1.0 - self.cens_counts / at_risk) if self.cens_times.size else np.zeros(0)

        def g_minus(x):
            k = np.searchsorted(self.cens_times, x, "left")  # censoring times < x
            return np.where(k > 0, km[np.maximum(k - 1, 0)] if km.size else 1.0, 1.0)

        self.G_tau = g_minus(self.times)
        self.G_subject = g_minus(self.ts)

    def _risk_sums(self, r: np.ndarray, values: np.ndarray | None = None) -> np.ndarray:
        """sum over each failure time's subdistribution risk set of r (times values)."""
        v = r if values is None else r.reshape((-1,) + (1,) * (values.ndim - 1)) * values
        regular = _suffix(v)[self.first_at_or_after]
        weighted = np.where(self.competing.reshape((-1,) + (1,) * (v.ndim - 1)),
                            v / self.G_subject.reshape((-1,) + (1,) * (v.ndim - 1)), 0.0)
        earlier = _prefix(weighted)[self.first_at_or_after]  # competing subjects with T_j < tau_k
        return regular + self.G_tau.reshape((-1,) + (1,) * (v.ndim - 1)) * earlier

    def _index(self, b: np.ndarray) -> np.ndarray:
        return (self.Xs @ b if self.Xs.shape[1] else np.zeros(len(self.ts))) + self.offs

    def evaluate(self, b: np.ndarray, derivatives: bool = True):
        eta = self._index(b)
        shift = float(np.max(eta)) if eta.size else 0.0
        r = self.ws * np.exp(eta - shift)
        S0 = self._risk_sums(r)
        S1 = self._risk_sums(r, self.Xs)
        fail = self.st == 1
        with np.errstate(divide="ignore", invalid="ignore"):  # a risk set underflowing at a far b: ll = -inf
            ll = float(self.ws[fail] @ eta[fail] - self.d @ (np.log(S0) + shift))
            mean = S1 / S0[:, None]
        grad = self.ws[fail] @ self.Xs[fail] - self.d @ mean
        p = self.Xs.shape[1]
        H = np.zeros((p, p))
        if derivatives and p:
            S2 = self._risk_sums(r, self.Xs[:, :, None] * self.Xs[:, None, :])
            H = -np.einsum("k,kij->ij", self.d / S0, S2) + np.einsum("k,ki,kj->ij", self.d, mean, mean)
        return ll, grad, H

    def score_residuals(self, b: np.ndarray, censoring_term: bool = True) -> np.ndarray:
        """u_i = eta_i + psi_i per subject and unit of its weight, in the data's order (n x p);
        censoring_term=False: eta_i alone (G treated as known: predict's esr)."""
        X, ts, st = self.Xs, self.ts, self.st
        n, p = X.shape
        eta = self._index(b)
        shift = float(np.max(eta)) if n else 0.0
        e = np.exp(eta - shift)
        S0, S1 = self._risk_sums(self.ws * e), self._risk_sums(self.ws * e, X)
        xbar = S1 / S0[:, None]
        a = self.d / S0
        # eta_i: failure times at or before T_i with weight 1; later ones (competing) weighted
        upto = np.searchsorted(self.times, ts, "right")
        ca, cB = _prefix(a), _prefix(a[:, None] * xbar)
        ga, gB = _suffix(self.G_tau * a), _suffix((self.G_tau * a)[:, None] * xbar)
        A = ca[upto] + np.where(self.competing, ga[upto] / self.G_subject, 0.0)
        B = cB[upto] + np.where(self.competing[:, None], gB[upto] / self.G_subject[:, None], 0.0)
        U = -e[:, None] * (X * A[:, None] - B)
        fail = st == 1
        U[fail] += X[fail] - xbar[np.searchsorted(self.times, ts[fail])]
        # psi_i: the censoring-distribution term at the censoring times u
        if self.cens_times.size and censoring_term:
            u = self.cens_times
            comp_w = np.where(self.competing, self.ws * e / self.G_subject, 0.0)
            before = np.searchsorted(ts, u, "left")  # subjects with T_j < u
            C0 = _prefix(comp_w)[before]
            C1 = _prefix(comp_w[:, None] * X)[before]
            from_k = np.searchsorted(self.times, u, "left")  # failure times >= u
            g0 = _suffix(self.d * self.G_tau / S0)[from_k]
            g1 = _suffix((self.d * self.G_tau / S0)[:, None] * xbar)[from_k]
            q = C1 * g0[:, None] - C0[:, None] * g1
            Y, c = self.cens_at_risk.astype(float), self.cens_counts
            compensator = _prefix(c[:, None] * q / (Y ** 2)[:, None])
            through = np.searchsorted(u, ts, "right")  # censoring times <= T_i
            psi = -compensator[through]
            cens = st == 0
            at = np.searchsorted(u, ts[cens])
            psi[cens] += q[at] / Y[at][:, None]
            U = U + psi
        out = np.empty_like(U)
        out[self.order] = U
        return out

    def schoenfeld(self, b: np.ndarray) -> np.ndarray:
        """x_i - xbar(T_i) on the failures of interest (xbar over the weighted subdistribution
        risk set), missing on the others; the data's order (n x p)."""
        r = self.ws * np.exp(self._index(b))
        xbar = self._risk_sums(r, self.Xs) / self._risk_sums(r)[:, None]
        out = np.full(self.Xs.shape, np.nan)
        fail = self.st == 1
        out[fail] = self.Xs[fail] - xbar[np.searchsorted(self.times, self.ts[fail])]
        back = np.empty_like(out)
        back[self.order] = out
        return back

    def baseline(self, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(failure times, Breslow's baseline cumulative subhazard at them): sum d_k / S0(tau_k)."""
        with np.errstate(over="ignore", invalid="ignore"):  # exp(x b) past the double range: missing
            S0 = self._risk_sums(self.ws * np.exp(self._index(b)))
            return self.times, np.cumsum(np.where(np.isfinite(S0), self.d / S0, np.nan))


COUNTED = ("fweight", "iweight")  # weights stcrreg.ado counts as copies of whole subjects


def stcrreg_weights(kind: str, w: np.ndarray) -> np.ndarray | None:
    """stcrreg.ado's stset weights on its sample (None without): pweights rescaled to sum to
    the number of observations (which moves the log pseudolikelihood, not b or V); iweights
    must be positive (``iweights may not be negative in stcrreg``, r(498))."""
    if not kind:
        return None
    w = np.asarray(w, float)
    if kind == "iweight" and np.any(w <= 0):
        raise StataError("iweights may not be negative in stcrreg", 498)
    return w / w.sum() * w.size if kind == "pweight" else w


def robust_variance(lik: SubdistributionLikelihood, b: np.ndarray, V: np.ndarray,
                    clusters: np.ndarray | None, weight_kind: str = "") -> np.ndarray:
    """V (sum_g u_g u_g') V with u_g the cluster's sum of its subjects' weighted u_i -- each
    subject its own cluster without clusters.  stcrreg.ado passes fweights and iweights to
    _robust as iweights sqrt(w) ("whole new subjects"): sum w u u' without clusters, clusters
    summing sqrt(w_i) u_i; pweights w_i u_i (sum w^2 u u')."""
    U = lik.score_residuals(b)
    w = lik.row_weights
    if w is not None:
        w = np.asarray(w, float)
        U = U * (np.sqrt(w) if weight_kind in COUNTED else w)[:, None]
    from mlmcli.robust.cluster_sandwich import cluster_sandwich

    return cluster_sandwich(V, U, clusters, adjust=False)


def stcrreg_variance(lik: SubdistributionLikelihood, b: np.ndarray, V: np.ndarray, clusters: np.ndarray | None,
                     weight_kind: str, *, n_obs: int, subjects_weight: float, clusters_are_ids: bool,
                     noadjust: bool = False) -> tuple[np.ndarray, float | None]:
    """(V, e(N_clust)): the robust variance times M/(M-1) (none with noadjust).  M the
    clusters (vce(cluster v) or stset's id()) or the observations, as _robust's; with
    fweights and iweights stcrreg.ado's nsubj -- the subjects' weights summed -- unless the
    clusters are vce(cluster v)'s, and e(N_clust) that M."""
    V = robust_variance(lik, b, V, clusters, weight_kind)
    groups = int(clusters.max()) + 1 if clusters is not None else None
    counted = weight_kind in COUNTED and (clusters is None or clusters_are_ids)
    m = subjects_weight if counted else (groups if groups is not None else n_obs)
    if not noadjust and m > 1:
        V = V * (m / (m - 1.0))
    return V, (None if clusters is None else (m if counted else groups))


def fit_subdistribution(data: CompetingData, start: np.ndarray | None = None, *, iterate: int = 16000,
                        tolerance: float = 1e-6, ltolerance: float = 1e-7, nrtolerance: float = 1e-5,
                        likelihood: SubdistributionLikelihood | None = None, constraints=None):
    """Newton-Raphson from ``start`` (zeros without): (likelihood, NewtonResult, (-H)^-1);
    ``likelihood``: another one on ``data`` (tvc(): subdistribution_grid); ``constraints``:
    (R, r), R b = r as ml imposes them (``glm.inference.constrained_maximize``)."""
    from mlmcli.glm.newton import inverse_information, maximize, objective_of

    lik = SubdistributionLikelihood(data) if likelihood is None else likelihood
    p = lik.p
    b0 = np.zeros(p) if start is None else np.asarray(start, float)
    fun, grad_hess = objective_of(lik.evaluate)
    if p == 0:  # the null model (stcrreg.ado posts it without running ml): nothing to maximise
        from mlmcli.glm.newton import NewtonResult
        return lik, NewtonResult(b0, fun(b0), True, []), np.zeros((0, 0))
    control = dict(iterate=iterate, tolerance=tolerance, ltolerance=ltolerance, nrtolerance=nrtolerance)
    if not np.isfinite(fun(b0)):  # from() far out: a risk set's sum underflows to 0 (ml's message)
        raise StataError("initial values not feasible", 1400)
    if not np.any(getattr(lik, "d", np.ones(1)) != 0):  # no failure of interest: ln L is 0 at every b
        control["iterate"] = 0  # (stcox's rule, survival/cox.py: "convergence not achieved" at once)
    if constraints is not None:
        from mlmcli.glm.inference import constrained_maximize

        res, V = constrained_maximize(fun, grad_hess, b0, *constraints, **control)
        return lik, res, V
    res = maximize(fun, grad_hess, b0, **control)
    _, _, H = lik.evaluate(res.x)
    return lik, res, inverse_information(H, pseudo_inverse=True)
