"""ARMA(X) regression by exact maximum likelihood with the Kalman filter ([TS] arima, Methods and
formulas; arima.ado 7.5.1 and its evaluator arima_dr, Stata 16 tree).

    y_t = x_t b + u_t,   u_t = sum_i phi_i u_{t-i} + e_t + sum_j theta_j e_{t-j},   e_t ~ N(0, sigma^2)

The state space form has m = max(max AR lag, max MA lag + 1) states: alpha_{t+1} = T alpha_t +
R e_{t+1}, u_t = alpha_t[0], T's first column the phi's by lag, its superdiagonal ones, R = (1,
theta_1, ..., theta_{m-1})'.  The filter starts at the unconditional (stationary) covariance
P0 = T P0 T' + R R' (in units of sigma^2), and each observation adds

    l_t = -1/2 (ln(2 pi) + ln(sigma^2 f_t) + v_t^2 / (sigma^2 f_t))

with v_t the innovation and f_t its variance factor; a period missing in the sample (a gap)
only moves the state on.  The optimiser follows Stata's technique(bhhh 5 bfgs 10): five BHHH
steps (outer product of the per-observation scores, halved until the likelihood rises), then
BFGS (scipy) to the maximum; scores and Hessians are central differences.  Starting values as
arima.ado's: regress for b, the residuals' long AR regression for e (Monfort and Gourieroux),
then u on its AR lags and e's MA lags (sums of the AR terms and each MA term beyond .95 scaled
back to .95), sigma from that regression's RMSE with divisor N.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmcli.errors import StataError

LOG_2PI = float(np.log(2 * np.pi))


@dataclass
class ArimaSpec:
    ar: tuple[int, ...]
    ma: tuple[int, ...]

    @property
    def states(self) -> int:
        return max(max(self.ar, default=0), max(self.ma, default=0) + 1)


@dataclass
class ArimaFit:
    params: np.ndarray
    ll: float
    log: list = field(default_factory=list)  # (iteration, ll, technique)
    converged: bool = True


def _system(phi, theta, spec: ArimaSpec):
    m = spec.states
    T = np.zeros((m, m))
    for lag, v in zip(spec.ar, phi):
        T[lag - 1, 0] = v
    T[:-1, 1:] += np.eye(m - 1) if m > 1 else 0
    R = np.zeros(m)
    R[0] = 1.0
    for lag, v in zip(spec.ma, theta):
        R[lag] = v
    return T, R


def stationary(phi, spec: ArimaSpec) -> bool:
    if not spec.ar:
        return True
    poly = np.zeros(max(spec.ar) + 1)
    poly[0] = 1.0
    for lag, v in zip(spec.ar, phi):
        poly[lag] = -v
    roots = np.roots(poly[::-1])
    return bool(np.all(np.abs(roots) > 1 + 1e-10)) if roots.size else True


def _filter(params: np.ndarray, y: np.ndarray, X: np.ndarray, spec: ArimaSpec):
    """(one-step predictions of u, innovations v, their variance factors f) over the periods (v
    NaN at a gap); None outside the stationary region."""
    k, p, q = X.shape[1], len(spec.ar), len(spec.ma)
    b, phi, theta = params[:k], params[k:k + p], params[k + p:k + p + q]
    if not stationary(phi, spec):
        return None
    T, R = _system(phi, theta, spec)
    m = T.shape[0]
    RR = np.outer(R, R)
    try:
        P = np.linalg.solve(np.eye(m * m) - np.kron(T, T), RR.ravel()).reshape(m, m)
    except np.linalg.LinAlgError:
        return None
    a = np.zeros(m)
    u = y - X @ b if k else y.copy()
    pred, v, f = np.zeros(y.size), np.full(y.size, np.nan), np.ones(y.size)
    for t in range(y.size):
        pred[t] = a[0]
        if np.isnan(u[t]):
            a = T @ a
            P = T @ P @ T.T + RR
            continue
        f[t] = P[0, 0]
        v[t] = u[t] - a[0]
        K = (T @ P[:, 0]) / f[t]
        a = T @ a + K * v[t]
        P = T @ P @ T.T + RR - np.outer(K, K) * f[t]
    return pred, v, f


def loglik_terms(params: np.ndarray, y: np.ndarray, X: np.ndarray, spec: ArimaSpec) -> np.ndarray:
    """l_t for each period (0 at a gap); -inf terms outside the stationary region."""
    sigma = abs(params[-1])
    filtered = _filter(params, y, X, spec) if sigma != 0 else None
    if filtered is None:
        return np.full(y.size, -np.inf)
    _, v, f = filtered
    s2 = sigma * sigma
    out = -0.5 * (LOG_2PI + np.log(s2 * f) + v * v / (s2 * f))
    return np.where(np.isnan(v), 0.0, out)


def one_step_disturbances(params: np.ndarray, y: np.ndarray, X: np.ndarray, spec: ArimaSpec) -> np.ndarray:
    """E(u_t | y_1..y_{t-1}): the Kalman filter's one-step prediction of the ARMA disturbance at
    each period (gaps carried through by the state's prediction)."""
    filtered = _filter(params, y, X, spec)
    if filtered is None:
        raise StataError("the AR parameters are not stationary", 498)
    return filtered[0]


def scores(params, y, X, spec, h=None) -> np.ndarray:
    """Per-observation scores (rows) by central differences."""
    n, k = y.size, params.size
    S = np.zeros((n, k))
    for j in range(k):
        step = (h or 1e-6) * max(1.0, abs(params[j]))
        up, down = params.copy(), params.copy()
        up[j] += step
        down[j] -= step
        with np.errstate(invalid="ignore"):  # a step outside the stationary region: no slope there
            S[:, j] = (loglik_terms(up, y, X, spec) - loglik_terms(down, y, X, spec)) / (2 * step)
    S[~np.isfinite(S)] = 0.0
    return S


def hessian(params, y, X, spec) -> np.ndarray:
    """The Hessian of the total log likelihood by central differences of the scores."""
    k = params.size
    H = np.zeros((k, k))
    for j in range(k):
        step = 1e-5 * max(1.0, abs(params[j]))
        up, down = params.copy(), params.copy()
        up[j] += step
        down[j] -= step
        H[:, j] = (scores(up, y, X, spec).sum(axis=0) - scores(down, y, X, spec).sum(axis=0)) / (2 * step)
    return (H + H.T) / 2


def maximise(start: np.ndarray, y, X, spec, *, bhhh_steps: int = 4, max_iter: int = 300) -> ArimaFit:
    """technique(bhhh 5 bfgs 10): iterations 0-4 by BHHH (four steps), then BFGS to the maximum."""
    from scipy.optimize import minimize

    def total(p):
        v = float(np.sum(loglik_terms(p, y, X, spec)))
        return v if np.isfinite(v) else -np.inf

    b = start.astype(float).copy()
    ll = total(b)
    log = [(0, ll, "bhhh")]
    it = 0
    for it in range(1, bhhh_steps + 1):
        S = scores(b, y, X, spec)
        g = S.sum(axis=0)
        try:
            d = np.linalg.solve(S.T @ S, g)
        except np.linalg.LinAlgError:
            d = g
        step = 1.0
        for _ in range(30):
            trial = b + step * d
            new = total(trial)
            if new >= ll:
                break
            step /= 2
        else:
            trial, new = b, ll
        b, ll = trial, new
        log.append((it, ll, "bhhh"))

    def neg(p):
        v = total(p)
        return -v if np.isfinite(v) else 1e300

    def grad(p):
        return -scores(p, y, X, spec).sum(axis=0)

    state = {"it": it}

    def record(p):
        state["it"] += 1
        log.append((state["it"], total(p), "bfgs"))

    res = minimize(neg, b, jac=grad, method="BFGS", callback=record,
                   options={"gtol": 1e-7, "maxiter": max_iter})
    b = res.x
    b[-1] = abs(b[-1])
    return ArimaFit(params=b, ll=total(b), log=log, converged=bool(res.success) or res.status == 2)


def starting_values(y: np.ndarray, X: np.ndarray, spec: ArimaSpec) -> np.ndarray:
    """arima.ado's starting values (module docstring), on the sample's rows (gaps as NaN)."""
    ok = ~np.isnan(y)
    k = X.shape[1]
    if k:
        b = np.linalg.lstsq(X[ok], y[ok], rcond=None)[0]
        u = np.where(ok, y - X @ b, np.nan)
    else:
        b = np.zeros(0)
        u = y.copy()
    p, q = len(spec.ar), len(spec.ma)
    n = int(ok.sum())
    if k:  # sqrt(rmse^2 df_r / N)
        sigma = float(np.sqrt(np.nansum(u ** 2) / n))
    else:  # summarize's standard deviation
        sigma = float(np.nanstd(u, ddof=1))
    arma = np.zeros(p + q)
    if p + q:
        lags = sorted(set(spec.ar) | set(spec.ma))
        minlag, maxlag = min(lags), max(spec.ar, default=0) + max(spec.ma, default=0)
        e = _long_ar_residuals(u, minlag, maxlag)
        cols = [_lag(u, L) for L in spec.ar] + [_lag(e, L) for L in spec.ma]
        Z = np.column_stack(cols)
        use = ~np.isnan(u) & ~np.isnan(Z).any(axis=1)
        if use.sum() > Z.shape[1]:
            coef = np.linalg.lstsq(Z[use], u[use], rcond=None)[0]
            resid = u[use] - Z[use] @ coef
            total_ar = coef[:p].sum()
            if p and abs(total_ar) > 0.95:
                coef[:p] *= 0.95 / abs(total_ar)
            for j in range(p, p + q):
                if abs(coef[j]) > 0.95:
                    coef[j] = 0.95 * np.sign(coef[j])
            arma = coef
            sigma = float(np.sqrt(resid @ resid / use.sum()))
    return np.concatenate([b, arma, [sigma]])


def _lag(v: np.ndarray, k: int) -> np.ndarray:
    out = np.full(v.size, np.nan)
    if k < v.size:
        out[k:] = v[:-k] if k else v
    return out


def _long_ar_residuals(u: np.ndarray, minlag: int, maxlag: int) -> np.ndarray:
    """Monfort: the residuals of u regressed (with a constant) on its lags lo..hi, lo = min(minlag, 1)
    and hi = max(maxlag, lo + K) for the first K in 30, 25, ... leaving more than 2K rows (lo =
    minlag once K <= 10), hi lowered while the regression cannot be fitted."""
    def design(lo, hi):
        Z = np.column_stack([_lag(u, L) for L in range(lo, hi + 1)] + [np.ones(u.size)])
        return Z, ~np.isnan(u) & ~np.isnan(Z).any(axis=1)

    lo = hi = minlag
    for K in range(30, 0, -5):
        lo = min(minlag, 1) if K > 10 else minlag
        hi = max(maxlag, lo + K)
        if design(lo, hi)[1].sum() > 2 * K:
            break
    while hi > lo:
        Z, use = design(lo, hi)
        if use.sum() > Z.shape[1]:
            coef = np.linalg.lstsq(Z[use], u[use], rcond=None)[0]
            e = np.full(u.size, np.nan)
            e[use] = u[use] - Z[use] @ coef
            return e
        hi -= 1
    return u.copy()
