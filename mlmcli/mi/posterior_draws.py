"""The univariate imputation models of [MI] mi impute: fit on the observed rows, draw the
parameters from their (approximate) posterior, draw the missing values (Methods and formulas
of mi impute regress, pmm, logit, ologit, mlogit and poisson).

- regress: OLS b, s^2 on the n observed rows with q columns; sigma*^2 = s^2 (n - q) / g with
  g ~ chi2(n - q); beta* = b + sigma* chol((X'X)^-1) u; y = x beta* + sigma* e.
- pmm: beta* as regress; each missing row takes the observed value of one of its knn
  nearest neighbours, nearness |x_i beta* - x_j b| (observed rows predicted with b).
- logit, ologit, mlogit, poisson: maximum likelihood b and V = inverse information;
  beta* ~ N(b, V); the missing values drawn from the model at beta*.  Perfect prediction
  (an indicator column on which the outcome does not vary, or a fit that does not converge)
  stops with r(498) unless ``augment``: then the fit adds, for each of the p predictors, its
  mean +/- sd (the others at their means) once with each of the K outcomes, each record
  weighted (p + 1) / (2 p K) (White, Daniel and Royston 2010, as [MI] mi impute's augment).

The random numbers are numpy's (the session's generator), not Stata's: the same model and
seed give other draws than Stata, from the same distributions.  Pure computation: no output.
"""
from __future__ import annotations

import numpy as np
from scipy import special

from mlmcli.errors import StataError

TITLES = {"regress": "linear regression", "pmm": "predictive mean matching", "logit": "logistic regression",
          "ologit": "ordered logistic regression", "mlogit": "multinomial logistic regression",
          "poisson": "Poisson regression"}
CATEGORICAL = ("logit", "ologit", "mlogit")


class PerfectPrediction(Exception):
    """The observed data predict the outcome perfectly (without ``augment``)."""


def _mvn(rng, mean: np.ndarray, cov: np.ndarray) -> np.ndarray:
    cov = (cov + cov.T) / 2
    vals, vecs = np.linalg.eigh(cov)
    return mean + vecs @ (np.sqrt(np.clip(vals, 0, None)) * rng.standard_normal(len(mean)))


def _ols(X, y, w):
    XtX = X.T @ (X * w[:, None])
    b = np.linalg.solve(XtX, X.T @ (w * y))
    resid = y - X @ b
    return b, XtX, float(resid @ (w * resid))


def _posterior_ols(rng, X, y, w):
    """(OLS b, a posterior draw of the coefficients, of sigma^2) as mi impute regress."""
    w = np.ones(len(y)) if w is None else w
    n, q = X.shape
    if n <= q:
        raise StataError("insufficient observations", 2001)
    b, XtX, rss = _ols(X, y, w)
    sigma2 = rss / rng.chisquare(n - q)
    return b, _mvn(rng, b, sigma2 * np.linalg.inv(XtX)), sigma2


def draw_regress(rng, X, y, Xmis, w=None) -> np.ndarray:
    _, beta, sigma2 = _posterior_ols(rng, X, y, w)
    return Xmis @ beta + np.sqrt(sigma2) * rng.standard_normal(len(Xmis))


def nearest_donors(observed: np.ndarray, targets: np.ndarray, k: int) -> np.ndarray:
    """Rows of ``observed`` (len(targets) x k): the k observed predictions nearest each target,
    nearest first (a tie in distance: the one nearer the target in sorted order first).

    The k nearest of a sorted vector are a run of k next to where the target would be inserted,
    so they lie among the k on either side of it: a window of 2k per target, not a distance to
    every observed row (a missing x observed matrix, 67 MB at hsb's 1,454 x 5,731, and
    quadratic in n)."""
    n = len(observed)
    order = np.argsort(observed, kind="stable")
    ranked = observed[order]
    width = min(2 * k, n)
    inserted = np.searchsorted(ranked, targets)
    start = np.clip(inserted - k, 0, n - width)
    window = start[:, None] + np.arange(width)
    distance = np.abs(ranked[window] - targets[:, None])
    # a tie in distance: nearer the insertion point in sorted order first (on each side the
    # distance grows away from it, so the k taken are a run on each side inside the window)
    away = np.abs(window - inserted[:, None] + 0.5)
    closest = np.lexsort((away, distance), axis=1)[:, :k]
    return order[np.take_along_axis(window, closest, axis=1)]


def draw_pmm(rng, X, y, Xmis, knn: int, w=None) -> np.ndarray:
    b, beta, _ = _posterior_ols(rng, X, y, w)
    n = len(y)
    k = min(knn, n)
    if k < n:
        nearest = nearest_donors(X @ b, Xmis @ beta, k)
    else:
        nearest = np.tile(np.arange(n), (len(Xmis), 1))
    picked = nearest[np.arange(len(Xmis)), rng.integers(0, k, size=len(Xmis))]
    return y[picked]


# ---------------------------------------------------------------- maximum likelihood fits
def _newton(loglik_grad_hess, start: np.ndarray, max_iter: int = 100, diverged=None):
    """Newton-Raphson with step halving; (estimate, inverse negative Hessian, converged).
    ``diverged(beta)``: true when the estimates run off to a separation (stops the search)."""
    beta = start.copy()
    ll, g, H = loglik_grad_hess(beta)
    for _ in range(max_iter):
        if diverged is not None and diverged(beta):
            return beta, None, False
        try:
            step = np.linalg.solve(-H, g)
        except np.linalg.LinAlgError:
            return beta, None, False
        t = 1.0
        while t > 1e-10:
            new = beta + t * step
            ll_new, g_new, H_new = loglik_grad_hess(new)
            if np.isfinite(ll_new) and ll_new >= ll - 1e-12:
                break
            t /= 2
        else:
            return beta, None, False
        done = abs(ll_new - ll) < 1e-10 * (abs(ll) + 1e-8) and np.max(np.abs(t * step)) < 1e-7
        beta, ll, g, H = new, ll_new, g_new, H_new
        if done:
            try:
                return beta, np.linalg.inv(-H), True
            except np.linalg.LinAlgError:
                return beta, None, False
    return beta, None, False


def _logit_fit(X, y, w):
    def f(beta):
        eta = X @ beta
        ll = float(np.sum(w * (y * eta - np.logaddexp(0, eta))))
        p = special.expit(eta)
        return ll, X.T @ (w * (y - p)), -(X.T @ (X * (w * p * (1 - p))[:, None]))
    return _newton(f, np.zeros(X.shape[1]), diverged=lambda beta: _separating(X @ beta))


def _poisson_fit(X, y, w):
    def f(beta):
        eta = np.clip(X @ beta, -700, 700)
        mu = np.exp(eta)
        return float(np.sum(w * (y * eta - mu))), X.T @ (w * (y - mu)), -(X.T @ (X * (w * mu)[:, None]))
    start = np.zeros(X.shape[1])
    start[-1] = np.log(max(np.average(y, weights=w), 1e-8))  # the constant is the last column
    return _newton(f, start)


def _mlogit_fit(X, Y, w):
    """Y: n x K indicators, category 0 the base; parameters stacked by category 1..K-1."""
    n, q = X.shape
    K = Y.shape[1]

    def f(theta):
        B = np.column_stack([np.zeros(q), theta.reshape(K - 1, q).T])
        eta = X @ B
        lse = special.logsumexp(eta, axis=1)
        P = np.exp(eta - lse[:, None])
        ll = float(np.sum(w * (np.sum(Y * eta, axis=1) - lse)))
        g = (X.T @ (w[:, None] * (Y - P)))[:, 1:].T.ravel()
        H = np.zeros((q * (K - 1), q * (K - 1)))
        for a in range(1, K):
            for c in range(1, K):
                weight = w * P[:, a] * ((a == c) - P[:, c])
                H[(a - 1) * q:a * q, (c - 1) * q:c * q] = -(X.T @ (X * weight[:, None]))
        return ll, g, H
    return _newton(f, np.zeros(q * (K - 1)), diverged=lambda theta: _separating(X @ theta.reshape(K - 1, q).T))


def _separating(eta: np.ndarray) -> bool:
    """A linear predictor beyond +/-50 (a fitted probability within 2e-22 of 0 or 1): the
    estimates are running off to infinity, as they do only when the outcome is separated."""
    return bool(np.max(np.abs(eta)) > 50) if eta.size else False


def _ologit_probs(eta, cuts):
    edges = np.concatenate([[-np.inf], cuts, [np.inf]])
    F = special.expit(edges[None, :] - eta[:, None])
    return np.clip(np.diff(F, axis=1), 1e-300, None), F


def _ologit_fit(X, codes, K, w):
    """X without a constant; parameters beta then K-1 cutpoints (P(y <= j) = F(cut_j - xb))."""
    q = X.shape[1]

    def f(theta):
        beta, cuts = theta[:q], theta[q:]
        if np.any(np.diff(cuts) <= 0):
            return -np.inf, np.zeros_like(theta), -np.eye(len(theta))
        P, F = _ologit_probs(X @ beta, cuts)
        return float(np.sum(w * np.log(P[np.arange(len(codes)), codes]))), None, None
    theta0 = np.concatenate([np.zeros(q), np.log(np.cumsum(np.bincount(codes, weights=w, minlength=K))[:-1]
                                                 / (np.sum(w) - np.cumsum(np.bincount(codes, weights=w, minlength=K))[:-1]))])

    def with_derivatives(theta):  # central differences of the log likelihood (few parameters)
        ll, _, _ = f(theta)
        if not np.isfinite(ll):
            return ll, np.zeros_like(theta), -np.eye(len(theta))
        h = 1e-5
        d = len(theta)
        g = np.zeros(d)
        H = np.zeros((d, d))
        for i in range(d):
            e = np.zeros(d)
            e[i] = h
            g[i] = (f(theta + e)[0] - f(theta - e)[0]) / (2 * h)
            for j in range(i, d):
                e2 = np.zeros(d)
                e2[j] = h
                H[i, j] = H[j, i] = (f(theta + e + e2)[0] - f(theta + e - e2)[0] - f(theta - e + e2)[0]
                                     + f(theta - e - e2)[0]) / (4 * h * h)
        return ll, g, H
    return _newton(with_derivatives, theta0, max_iter=60)


def _perfectly_predicted(X, codes, K) -> bool:
    """An indicator column on one of whose values the outcome takes a single category."""
    for j in range(X.shape[1]):
        col = X[:, j]
        values = np.unique(col)
        if len(values) != 2:
            continue
        for v in values:
            if len(np.unique(codes[col == v])) == 1 and K > 1:
                return True
    return False


def _augmented(X, codes, K, w, has_constant: bool):
    """White, Daniel and Royston's augmentation: 2 p K weighted records at mean +/- sd."""
    cols = [j for j in range(X.shape[1]) if not (has_constant and j == X.shape[1] - 1)]
    p = len(cols)
    if p == 0:
        return X, codes, w
    mean = np.average(X, axis=0, weights=w)
    sd = np.sqrt(np.average((X - mean) ** 2, axis=0, weights=w))
    rows, outs = [], []
    for j in cols:
        for sign in (-1, 1):
            for k in range(K):
                r = mean.copy()
                r[j] = mean[j] + sign * sd[j]
                rows.append(r)
                outs.append(k)
    extra_w = np.full(len(rows), (p + 1) / (2 * p * K))
    return (np.vstack([X, np.array(rows)]), np.concatenate([codes, np.array(outs, dtype=int)]),
            np.concatenate([w, extra_w]))


def draw_categorical(rng, method: str, X, y, Xmis, *, augment: bool, w=None) -> np.ndarray:
    """logit, ologit, mlogit: X has the constant as its last column (dropped for ologit)."""
    w = np.ones(len(y)) if w is None else w
    if method == "logit":  # two values: imputed as themselves; 0/1 (logit's zero/nonzero) otherwise
        levels = np.unique(y) if len(np.unique(y)) == 2 else np.array([0.0, 1.0])
        codes = (y != levels[0]).astype(int) if len(np.unique(y)) == 2 else (y != 0).astype(int)
    else:
        levels = np.unique(y)
        codes = np.searchsorted(levels, y)
    K = len(levels)
    if K < 2:
        return np.full(len(Xmis), levels[0]) if K else np.full(len(Xmis), np.nan)
    if method == "ologit":
        X, Xmis = X[:, :-1], Xmis[:, :-1]
    perfect = _perfectly_predicted(X, codes, K)
    if perfect and not augment:
        raise PerfectPrediction
    if perfect:
        X, codes, w = _augmented(X, codes, K, w, has_constant=method != "ologit")
    base = int(np.argmax(np.bincount(codes, weights=w, minlength=K)))  # mlogit's base: the most frequent
    order = [base] + [k for k in range(K) if k != base]
    b, V, ok = _fit_categorical(method, X, codes, K, w, order)
    if not ok and augment and not perfect:
        # separation a continuous predictor (or several) makes: the fit diverges -- perfect
        # prediction, which augment answers with the augmented records as for an indicator
        X, codes, w = _augmented(X, codes, K, w, has_constant=method != "ologit")
        b, V, ok = _fit_categorical(method, X, codes, K, w, order)
    if not ok:
        if not augment:
            raise PerfectPrediction
        raise StataError("convergence not achieved", 430)
    beta = _mvn(rng, b, V)
    u = rng.random(len(Xmis))
    if method == "logit":
        return levels[(u < special.expit(Xmis @ beta)).astype(int)]
    if method == "mlogit":
        q = X.shape[1]
        B = np.column_stack([np.zeros(q), beta.reshape(K - 1, q).T])
        eta = Xmis @ B
        P = np.exp(eta - special.logsumexp(eta, axis=1)[:, None])
        picked = np.minimum((np.cumsum(P, axis=1) < u[:, None]).sum(axis=1), K - 1)
        return levels[np.array(order)[picked]]
    q = X.shape[1]
    cuts = np.sort(beta[q:])
    P, _ = _ologit_probs(Xmis @ beta[:q], cuts)
    P = P / P.sum(axis=1, keepdims=True)
    picked = np.minimum((np.cumsum(P, axis=1) < u[:, None]).sum(axis=1), K - 1)
    return levels[picked]


def _fit_categorical(method, X, codes, K, w, order):
    if method == "logit":
        return _logit_fit(X, codes.astype(float), w)
    if method == "mlogit":
        Y = (codes[:, None] == np.array(order)[None, :]).astype(float)
        return _mlogit_fit(X, Y, w)
    return _ologit_fit(X, codes, K, w)


def draw_poisson(rng, X, y, Xmis, w=None) -> np.ndarray:
    w = np.ones(len(y)) if w is None else w
    if np.any(y < 0) or np.any(y != np.round(y)):
        raise StataError("the imputation variable of mi impute poisson must be a nonnegative integer", 459)
    b, V, ok = _poisson_fit(X, y, w)
    if not ok:
        raise StataError("convergence not achieved", 430)
    beta = _mvn(rng, b, V)
    return rng.poisson(np.exp(np.clip(Xmis @ beta, -700, 700))).astype(float)


def draw(rng, method: str, X, y, Xmis, *, knn: int = 0, augment: bool = False) -> np.ndarray:
    """One imputation of the missing rows (``Xmis``) of ``y`` from the observed rows ``X``, ``y``."""
    if method == "regress":
        return draw_regress(rng, X, y, Xmis)
    if method == "pmm":
        return draw_pmm(rng, X, y, Xmis, knn)
    if method == "poisson":
        return draw_poisson(rng, X, y, Xmis)
    return draw_categorical(rng, method, X, y, Xmis, augment=augment)
