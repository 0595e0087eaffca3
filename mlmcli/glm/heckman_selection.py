"""Heckman's sample-selection model ([R] heckman): the numbers behind ``heckman``.

    y  = x b + u1,          observed only when  z g + u2 > 0,
    (u1, u2) ~ N(0, [[sigma^2, rho sigma], [rho sigma, 1]])

Maximum likelihood (the default), in Stata's metric theta = (b, g, athrho, ln sigma) with
rho = tanh(athrho):

    not selected:  ln Phi(-z g)
    selected:      ln Phi((z g + rho e) / sqrt(1 - rho^2)) - e^2/2 - ln(sqrt(2 pi) sigma),
                   e = (y - x b)/sigma

(the argument of Phi is z g cosh(athrho) + e sinh(athrho)).  Each observation's derivatives in
its four indices (x b, z g, athrho, ln sigma) are analytic; the gradient and Hessian are their
X' (w d) and X' diag(w h) X blocks, maximised by ``newton.maximize`` from the two-step
estimates.  Two-step (Heckman 1979): the probit of selection, lambda = phi(z g)/Phi(z g), the
regression of y on (x, lambda) over the selected rows, sigma^2 = e'e/n1 + delta-bar b_lambda^2
(delta_i = lambda_i (lambda_i + z_i g)), rho = b_lambda / sigma, and the corrected covariance
sigma^2 (X*'X*)^-1 [X*'(I - rho^2 D) X* + rho^2 X*' D Z V_g Z' D X*] (X*'X*)^-1 (Greene).
The engine never prints.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

from .newton import inverse_information, maximize

LOG_SQRT_2PI = 0.5 * np.log(2 * np.pi)


@dataclass
class SelectionData:
    """The estimation sample: ``selected`` (bool), y (any value on unselected rows), X, Z, the
    offsets and the weights."""

    selected: np.ndarray
    y: np.ndarray
    X: np.ndarray
    Z: np.ndarray
    offset: np.ndarray
    offset_select: np.ndarray
    w: np.ndarray


def _mills(t):
    """phi(t)/Phi(t) and ln Phi(t), from the tail that keeps its digits."""
    log_cdf = special.log_ndtr(t)
    return np.exp(-0.5 * t * t - LOG_SQRT_2PI - log_cdf), log_cdf


def observation_derivatives(d: SelectionData, m, z, a: float, l: float):
    """ln L_i, its gradient (n x 4) and Hessian (n x 4 x 4) in the indices (m, z, a, l)."""
    n = len(m)
    s = d.selected
    sigma, C, S = np.exp(l), np.cosh(a), np.sinh(a)
    e = np.where(s, (d.y - m) / sigma, 0.0)
    t = np.where(s, z * C + S * e, -z)
    lam, log_cdf = _mills(t)
    dlam = -lam * (t + lam)
    g = np.zeros((n, 4))
    H = np.zeros((n, 4, 4))
    # not selected: ln Phi(-z)
    ns = ~s
    g[ns, 1] = -lam[ns]
    H[ns, 1, 1] = dlam[ns]
    # selected: ln Phi(t) - e^2/2 - l - ln sqrt(2 pi)
    ts = np.zeros((n, 4))  # dt/d(m, z, a, l)
    ts[:, 0], ts[:, 1], ts[:, 2], ts[:, 3] = -S / sigma, C, z * S + C * e, -S * e
    tt = np.zeros((n, 4, 4))
    tt[:, 1, 2] = tt[:, 2, 1] = S
    tt[:, 2, 2] = t
    tt[:, 0, 2] = tt[:, 2, 0] = -C / sigma
    tt[:, 2, 3] = tt[:, 3, 2] = -C * e
    tt[:, 0, 3] = tt[:, 3, 0] = S / sigma
    tt[:, 3, 3] = S * e
    gs = lam[:, None] * ts
    gs[:, 0] += e / sigma
    gs[:, 3] += e * e - 1
    Hs = dlam[:, None, None] * ts[:, :, None] * ts[:, None, :] + lam[:, None, None] * tt
    Hs[:, 0, 0] -= 1 / sigma ** 2
    Hs[:, 0, 3] -= 2 * e / sigma
    Hs[:, 3, 0] -= 2 * e / sigma
    Hs[:, 3, 3] -= 2 * e * e
    g[s], H[s] = gs[s], Hs[s]
    ll = np.where(s, log_cdf - 0.5 * e * e - l - LOG_SQRT_2PI, log_cdf)
    return ll, g, H


class SelectionLikelihood:
    def __init__(self, data: SelectionData):
        self.data = data
        self.kx, self.kz = data.X.shape[1], data.Z.shape[1]

    def observations(self, theta):
        d = self.data
        m = d.X @ theta[:self.kx] + d.offset
        z = d.Z @ theta[self.kx:self.kx + self.kz] + d.offset_select
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            return observation_derivatives(d, m, z, float(theta[-2]), float(theta[-1]))

    def loglik(self, theta) -> float:
        v = float(self.data.w @ self.observations(np.asarray(theta, float))[0])
        return v if np.isfinite(v) else -np.inf

    def _blocks(self):
        d, n = self.data, len(self.data.w)
        return [(d.X, 0), (d.Z, 1), (np.ones((n, 1)), 2), (np.ones((n, 1)), 3)]

    def scores(self, theta):
        _, g, _ = self.observations(theta)
        return np.hstack([M * g[:, [i]] for M, i in self._blocks()])

    def grad_hess(self, theta):
        _, g, H = self.observations(theta)
        w, blocks = self.data.w, self._blocks()
        with np.errstate(over="ignore", invalid="ignore"):  # regressors near 1e300: x x' H past the double range
            grad = np.concatenate([M.T @ (w * g[:, i]) for M, i in blocks])
            rows = [np.hstack([A.T @ (B * (w * H[:, i, j])[:, None]) for B, j in blocks]) for A, i in blocks]
        hess = np.vstack(rows)
        if not (np.all(np.isfinite(grad)) and np.all(np.isfinite(hess))):
            from mlmcli.errors import derivatives_missing

            raise derivatives_missing()
        return grad, hess



class HeckmanLikelihood(SelectionLikelihood):
    """heckman's: ``SelectionLikelihood`` with ln L computed alone where only it is wanted (the
    likelihoods deriving from SelectionLikelihood keep its ``observations``-based value)."""

    def loglik(self, theta) -> float:
        """ln L alone (the step halving's trial points): the value ``observations`` gives, without
        the n x 4 x 4 second derivatives that cost twice the value."""
        d, theta = self.data, np.asarray(theta, float)
        m = d.X @ theta[:self.kx] + d.offset
        z = d.Z @ theta[self.kx:self.kx + self.kz] + d.offset_select
        a, l = float(theta[-2]), float(theta[-1])
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            s, sigma = d.selected, np.exp(l)
            e = np.where(s, (d.y - m) / sigma, 0.0)
            log_cdf = special.log_ndtr(np.where(s, z * np.cosh(a) + np.sinh(a) * e, -z))
            v = float(d.w @ np.where(s, log_cdf - 0.5 * e * e - l - LOG_SQRT_2PI, log_cdf))
        return v if np.isfinite(v) else -np.inf


def probit(Z, s, offset, w, **ml) -> tuple[np.ndarray, np.ndarray, float]:
    """A probit by Newton-Raphson: (g, V, ln L, the iteration log's steps)."""
    q = np.where(s, 1.0, -1.0)

    def evaluate(b, derivatives=True):
        # a regressor near the largest double: sums past it are missing (the maximiser's stop)
        with np.errstate(over="ignore", invalid="ignore"):
            t = q * (Z @ b + offset)
            lam, log_cdf = _mills(t)
            f = float(w @ log_cdf)
            if not derivatives:
                return f, None, None
            grad = Z.T @ (w * q * lam)
            h = -lam * (t + lam)
            return f, grad, (Z * (w * h)[:, None]).T @ Z

    fun = lambda b: evaluate(b, False)[0]  # noqa: E731
    res = maximize(fun, lambda b: evaluate(b)[1:], np.zeros(Z.shape[1]), **ml)
    _, _, H = evaluate(res.x)
    return res.x, inverse_information(H), res.f, res.steps


@dataclass
class TwoStep:
    b: np.ndarray  # outcome coefficients then lambda's
    V: np.ndarray
    gamma: np.ndarray
    V_gamma: np.ndarray
    rho: float
    sigma: float
    probit_ll: float


def two_step(d: SelectionData, **ml) -> TwoStep:
    """Heckman's two-step estimates with the corrected covariance (module docstring)."""
    gamma, Vg, probit_ll, _ = probit(d.Z, d.selected, d.offset_select, d.w, **ml)
    s = d.selected
    zg = d.Z[s] @ gamma + d.offset_select[s]
    lam, _ = _mills(zg)
    delta = lam * (lam + zg)
    Xs = np.column_stack([d.X[s], lam])
    ys = d.y[s] - d.offset[s]
    XtX_inv = np.linalg.inv(Xs.T @ Xs)
    b = XtX_inv @ (Xs.T @ ys)
    resid = ys - Xs @ b
    n1 = int(s.sum())
    b_lambda = b[-1]  # a numpy double: past 1e154 its square is inf (the caller's r(1400)), not OverflowError
    sigma2 = float(resid @ resid) / n1 + float(delta.mean()) * b_lambda ** 2
    sigma = float(np.sqrt(sigma2))
    rho = b_lambda / sigma
    Q = (Xs * delta[:, None]).T @ d.Z[s]
    middle = (Xs * (1 - rho * rho * delta)[:, None]).T @ Xs + rho * rho * Q @ Vg @ Q.T
    V = sigma2 * XtX_inv @ middle @ XtX_inv
    return TwoStep(b, V, gamma, Vg, rho, sigma, probit_ll)


def ml_start(d: SelectionData, ts: TwoStep) -> np.ndarray:
    """ML's starting values (b, g, athrho, ln sigma): heckman.ado's from the two-step -- rho
    outside [-1, 1] truncated to +-1 with sigma = lambda / rho (its default rhosigma), then
    clipped to +-0.85.  A two-step rho outside [-1, 1] says the two-step is degenerate (lambda
    nearly collinear with the outcome's regressors: a selection equation that hardly moves the
    Mills ratio), and its start can lie thousands of ln L units below the maximum, on the
    rho -> +-1 ridge where Newton creeps for hundreds of "not concave" iterations and stops short
    (pl101: 494 iterations, 5,000 below the maximum reached in 10 from here).  Then the start of
    the equations fitted separately -- the probit, the regression on the selected rows, rho = 0,
    sigma their residuals' -- is taken when its ln L is higher.  Not heckman.ado's (a choice
    without a Stata log of such data: the maximum reached is the same wherever Stata's search
    ends on it); a regular two-step is the start as Stata's."""
    kx = d.X.shape[1]
    rho, sigma = ts.rho, ts.sigma
    if abs(rho) > 1:
        rho = float(np.sign(rho))
        sigma = abs(float(ts.b[-1]))
    start = np.concatenate([ts.b[:kx], ts.gamma, [np.arctanh(np.clip(rho, -0.85, 0.85)), np.log(sigma)]])
    if abs(ts.rho) <= 1 or not np.isfinite(ts.rho):
        return start
    s = d.selected
    sw = np.sqrt(d.w[s])
    b = np.linalg.lstsq(d.X[s] * sw[:, None], (d.y[s] - d.offset[s]) * sw, rcond=None)[0]
    r = d.y[s] - d.offset[s] - d.X[s] @ b
    ssr = float(d.w[s] @ (r * r)) / float(d.w[s].sum())
    with np.errstate(divide="ignore"):  # an outcome the regressors fit exactly: no such start
        separate = np.concatenate([b, ts.gamma, [0.0, 0.5 * np.log(ssr)]])
    if not np.all(np.isfinite(separate)):
        return start
    likelihood = HeckmanLikelihood(d)
    return separate if likelihood.loglik(separate) > likelihood.loglik(start) else start


def fit_selection(d: SelectionData, start: np.ndarray, *, iterate=300, tolerance=1e-6, ltolerance=1e-7,
                  nrtolerance=1e-5, robust=False, cluster=None, frequency=False) -> LikelihoodFit:
    from .zero_inflated import LikelihoodFit, maximize_with_variance

    res, V = maximize_with_variance(HeckmanLikelihood(d), start, d.w, dict(iterate=iterate, tolerance=tolerance,
                                    ltolerance=ltolerance, nrtolerance=nrtolerance), robust=robust, cluster=cluster,
                                    frequency=frequency)
    return LikelihoodFit(res.x, V, res.f, res.converged, res.limit_reached, res.steps)


def regression_loglik(d: SelectionData) -> float:
    """The ML log likelihood of the regression of y on X over the selected rows (weighted)."""
    s = d.selected
    X, y, w = d.X[s], d.y[s] - d.offset[s], d.w[s]
    sw = np.sqrt(w)
    b = np.linalg.lstsq(X * sw[:, None], y * sw, rcond=None)[0]
    r = y - X @ b
    n = w.sum()
    s2 = float(w @ (r * r)) / n
    if not s2 > 0:  # an exact fit: Stata's ln(0) is missing, and so is the comparison test
        return float("nan")
    return float(-0.5 * n * (np.log(2 * np.pi * s2) + 1))


class ProbitSelectionLikelihood(SelectionLikelihood):
    """heckprob's likelihood in (b, g, athrho): an unselected observation ln Phi(-z g), a selected
    one ln Phi2(q x b, z g, q rho) with q = 2y - 1 (y the binary outcome, 0 or not)."""

    def _blocks(self):
        d, n = self.data, len(self.data.w)
        return [(d.X, 0), (d.Z, 1), (np.ones((n, 1)), 2)]

    def observations(self, theta):
        from .bivariate_normal import derivatives

        d = self.data
        m = d.X @ theta[:self.kx] + d.offset
        z = d.Z @ theta[self.kx:self.kx + self.kz] + d.offset_select
        a = float(theta[-1])
        rho, drho = np.tanh(a), 1 - np.tanh(a) ** 2
        d2rho = -2 * rho * drho
        s = d.selected
        q = np.where(d.y != 0, 1.0, -1.0)
        n = len(m)
        g, H = np.zeros((n, 3)), np.zeros((n, 3, 3))
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            lam, log_cdf = _mills(-z)  # not selected: ln Phi(-z)
            P, (ph, pk, pr), (phh, pkk, prr, phk, phr, pkr) = derivatives(q * m, z, q * rho)
            J = np.stack([q, np.ones(n), q * drho], axis=1)  # d(h, k, r)/d(m, z, a), diagonal
            first = np.stack([ph, pk, pr], axis=1) / P[:, None]
            second = np.empty((n, 3, 3))
            second[:, 0, 0], second[:, 1, 1], second[:, 2, 2] = phh, pkk, prr
            second[:, 0, 1] = second[:, 1, 0] = phk
            second[:, 0, 2] = second[:, 2, 0] = phr
            second[:, 1, 2] = second[:, 2, 1] = pkr
            gs = first * J
            Hs = second / P[:, None, None] * J[:, :, None] * J[:, None, :] - gs[:, :, None] * gs[:, None, :]
            Hs[:, 2, 2] += q * d2rho * pr / P
            ll = np.where(s, np.log(P), log_cdf)
        g[s], H[s] = gs[s], Hs[s]
        g[~s, 1] = -lam[~s]
        H[~s, 1, 1] = (-lam * (-z + lam))[~s]
        return ll, g, H


@dataclass
class ProbitSelectionStart:
    theta: np.ndarray
    steps: list  # the starting-values probit's iteration log ("Fitting starting values:")
    infeasible: bool  # ln L missing there: heckprob.ado starts from B = 0 (athrho 0) instead


def probit_selection_start(d: SelectionData, gamma: np.ndarray, **ml) -> ProbitSelectionStart:
    """heckprob.ado's start (its MkB0): the probit of the outcome on the selected rows with the
    Mills ratio phi(z g)/Phi(z g) of the selection probit as one more regressor; its outcome
    coefficients, the selection probit's g, and athrho = atanh of the Mills ratio's coefficient
    clipped to +-0.85.  A Mills ratio collinear with the outcome's regressors is omitted, as
    probit's _rmcoll omits the later of two collinear variables (athrho 0).  When ln L is missing
    at that start (a nearly collinear Mills ratio gives the probit coefficients in the thousands)
    the ado's fallback: every coefficient 0 ("starting from B=0").

    heckman's two-step start needed an alternative (``ml_start``); this one did not on the data
    hp100 tried (docs/slow_failing_fits.md): a near-collinear Mills ratio ends in the infeasible
    start, whose B = 0 fallback converges in a few iterations, and elsewhere it reaches a maximum
    at least as high as the separate probits' start (athrho 0, mlm's start before hp100)."""
    s = d.selected
    lam, _ = _mills(d.Z[s] @ gamma + d.offset_select[s])
    Xs = d.X[s]
    fitted = np.linalg.lstsq(Xs, lam, rcond=None)[0] if Xs.shape[1] else np.zeros(0)
    collinear = np.linalg.norm(lam - Xs @ fitted) <= 1e-9 * np.linalg.norm(lam)
    design = Xs if collinear else np.column_stack([Xs, lam])
    b, _, _, steps = probit(design, d.y[s] != 0, d.offset[s], d.w[s], **ml)
    coef, mills = (b, 0.0) if collinear else (b[:-1], float(b[-1]))
    theta = np.concatenate([coef, gamma, [np.arctanh(np.clip(mills, -0.85, 0.85))]])
    if np.all(np.isfinite(theta)) and np.isfinite(ProbitSelectionLikelihood(d).loglik(theta)):
        return ProbitSelectionStart(theta, steps, False)
    return ProbitSelectionStart(np.zeros_like(theta), steps, True)


def fit_probit_selection(d: SelectionData, start, **control):
    from .zero_inflated import LikelihoodFit, maximize_with_variance

    robust, cluster, frequency = control.pop("robust", False), control.pop("cluster", None), control.pop("frequency", False)
    res, V = maximize_with_variance(ProbitSelectionLikelihood(d), start, d.w, control, robust=robust, cluster=cluster,
                                    frequency=frequency)
    return LikelihoodFit(res.x, V, res.f, res.converged, res.limit_reached, res.steps)
