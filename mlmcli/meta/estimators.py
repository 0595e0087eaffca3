"""Pooling K effect sizes y with within-study variances v ([META] meta summarize, Methods and
formulas): the between-study variance tau2 by REML, ML, empirical Bayes, DerSimonian-Laird,
Sidik-Jonkman, Hedges and Hunter-Schmidt; the common-/fixed-effect inverse-variance estimate;
Cochran's Q, I2 and H2; the Knapp-Hartung standard error and the prediction interval.

Every estimator takes a design matrix X (a column of ones for meta summarize; meta regress
passes its moderators) so meta regress shares them.  The formulas are metafor's (rma.uni),
which Stata's Methods and formulas state in the same form.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

RANDOM_METHODS = ("reml", "mle", "ebayes", "dlaird", "sjonkman", "hedges", "hschmidt")
METHOD_NAMES = {"reml": "REML", "mle": "ML", "ebayes": "Empirical Bayes", "dlaird": "DerSimonian-Laird",
                "sjonkman": "Sidik-Jonkman", "hedges": "Hedges", "hschmidt": "Hunter-Schmidt",
                "invvariance": "Inverse-variance", "mhaenszel": "Mantel-Haenszel", "peto": "Peto"}
_TOL = 1e-10
_MAX_ITER = 1000


def wls(X: np.ndarray, y: np.ndarray, w: np.ndarray):
    """Weighted least squares: (b, (X'WX)^-1, P = W - W X (X'WX)^-1 X' W)."""
    XtW = X.T * w
    inv = np.linalg.pinv(XtW @ X)
    b = inv @ (XtW @ y)
    P = np.diag(w) - XtW.T @ inv @ XtW
    return b, inv, P


def _iterative(y, v, X, method: str) -> tuple[float, int, bool]:
    """REML, ML or EB by Fisher scoring from the Hedges start (metafor's rma.uni), step-halving
    to stay non-negative; EB solves y'Py = K - p (Paule-Mandel's equation) by bisection."""
    K, p = X.shape
    if method == "ebayes":
        def excess(t):
            _, _, P = wls(X, y, 1.0 / (v + t))
            return float(y @ P @ y) - (K - p)
        if excess(0.0) <= 0:
            return 0.0, 0, True
        hi = 1.0
        while excess(hi) > 0:
            hi *= 2
        lo = 0.0
        for it in range(200):
            mid = (lo + hi) / 2
            if excess(mid) > 0:
                lo = mid
            else:
                hi = mid
            if hi - lo < _TOL * max(1.0, hi):
                return (lo + hi) / 2, it + 1, True
        return (lo + hi) / 2, 200, False
    tau2 = max(0.0, _noniterative(y, v, X, "hedges"))
    for it in range(1, _MAX_ITER + 1):
        w = 1.0 / (v + tau2)
        _, _, P = wls(X, y, w)
        Py = P @ y
        if method == "reml":
            step = (float(Py @ Py) - np.trace(P)) / float(np.sum(P * P))
        else:
            step = (float(Py @ Py) - float(np.sum(w))) / float(np.sum(w * w))
        new = tau2 + step
        while new < 0:
            step /= 2
            new = tau2 + step
            if abs(step) < _TOL:
                new = 0.0
                break
        if abs(new - tau2) < _TOL:
            return new, it, True
        tau2 = new
    return tau2, _MAX_ITER, False


def _noniterative(y, v, X, method: str) -> float:
    K, p = X.shape
    if method == "dlaird":
        _, _, P = wls(X, y, 1.0 / v)
        return max(0.0, (float(y @ P @ y) - (K - p)) / np.trace(P))
    if method == "hedges":
        _, _, P = wls(X, y, np.ones(K))
        rss = float(y @ P @ y)
        return max(0.0, (rss - np.trace(P @ np.diag(v))) / (K - p))
    if method == "hschmidt":
        _, _, P = wls(X, y, 1.0 / v)
        return max(0.0, (float(y @ P @ y) - K) / float(np.sum(1.0 / v)))
    if method == "sjonkman":
        start = float(np.sum((y - y.mean()) ** 2)) / K
        if start == 0:
            return 0.0
        _, _, P = wls(X, y, 1.0 / (v + start))
        return start * float(y @ P @ y) / (K - p)
    raise ValueError(method)


@dataclass(frozen=True)
class Tau2:
    value: float
    iterations: int = 0
    converged: bool = True


def estimate_tau2(y, v, X=None, method: str = "reml") -> Tau2:
    """The between-study variance by ``method`` (a name of RANDOM_METHODS)."""
    y = np.asarray(y, float)
    v = np.asarray(v, float)
    X = np.ones((len(y), 1)) if X is None else np.asarray(X, float)
    if method in ("reml", "mle", "ebayes"):
        value, it, ok = _iterative(y, v, X, method)
        return Tau2(max(0.0, value), it, ok)
    return Tau2(_noniterative(y, v, X, method))


@dataclass(frozen=True)
class Pooled:
    """A meta-analysis of K studies: the overall effect ``theta`` with its standard error
    ``se`` (Knapp-Hartung's when asked), the test statistic and its distribution's df (None:
    normal), heterogeneity and the study weights (summing to 1)."""

    K: int
    theta: float
    se: float
    stat: float
    p: float
    df: float | None
    Q: float
    Q_df: int
    Q_p: float
    tau2: float
    I2: float
    H2: float
    weights: np.ndarray
    model: str
    method: str
    ci: tuple[float, float]
    pi: tuple[float, float] | None = None
    iterations: int = 0
    converged: bool = True


def cochran_q(y, v, X=None) -> float:
    X = np.ones((len(y), 1)) if X is None else X
    _, _, P = wls(X, y, 1.0 / v)
    return float(y @ P @ y)


def typical_variance(v) -> float:
    """s2, the 'typical' within-study variance of Higgins and Thompson: I2 = tau2/(tau2 + s2)."""
    w = 1.0 / np.asarray(v, float)
    return (len(w) - 1) * float(w.sum()) / (float(w.sum()) ** 2 - float(np.sum(w * w)))


def pool(y, v, model: str = "random", method: str = "reml", level: float = 95.0, se_method: str = "",
         tdist: bool = False, predinterval: float | None = None, tau2: float | None = None) -> Pooled:
    """meta summarize's overall effect.  ``model``: random, common or fixed; ``se_method``:
    '' or 'khartung'; ``tdist``: t(K-1) for the test and interval; ``predinterval``: its level."""
    from mlmcli.distributions import chi2, norm, t as student

    y = np.asarray(y, float)
    v = np.asarray(v, float)
    K = len(y)
    Q = cochran_q(y, v) if K > 1 else 0.0
    Q_df = K - 1
    Q_p = float(chi2.sf(Q, Q_df)) if K > 1 else float("nan")
    iterations, converged = 0, True
    if model == "random":
        if tau2 is None:
            fit = estimate_tau2(y, v, None, method) if K > 1 else Tau2(0.0)
            tau2, iterations, converged = fit.value, fit.iterations, fit.converged
        s2 = typical_variance(v) if K > 1 else float("nan")
        I2 = 100 * tau2 / (tau2 + s2) if K > 1 else float("nan")
        H2 = (tau2 + s2) / s2 if K > 1 else float("nan")
    else:
        tau2 = 0.0
        I2 = 100 * max(0.0, (Q - Q_df) / Q) if K > 1 and Q > 0 else 0.0
        H2 = Q / Q_df if K > 1 else float("nan")
    w = 1.0 / (v + tau2)
    theta = float(np.sum(w * y) / np.sum(w))
    se = float(1.0 / np.sqrt(np.sum(w)))
    df = None
    if se_method == "khartung":
        se = float(np.sqrt(np.sum(w * (y - theta) ** 2) / ((K - 1) * np.sum(w))))
        df = K - 1
    elif tdist:
        df = K - 1
    alpha = (100 - level) / 200
    stat = theta / se
    if df is None:
        crit = float(norm.isf(alpha))
        p = float(2 * norm.sf(abs(stat)))
    else:
        crit = float(student.isf(alpha, df))
        p = float(2 * student.sf(abs(stat), df))
    pi = None
    if predinterval is not None and K > 2:
        half = float(student.isf((100 - predinterval) / 200, K - 2)) * np.sqrt(tau2 + 1.0 / np.sum(w))
        pi = (theta - half, theta + half)
    return Pooled(K=K, theta=theta, se=se, stat=stat, p=p, df=df, Q=Q, Q_df=Q_df, Q_p=Q_p, tau2=tau2,
                  I2=I2, H2=H2, weights=w / w.sum(), model=model, method=method,
                  ci=(theta - crit * se, theta + crit * se), pi=pi, iterations=iterations, converged=converged)


def subgroup_q(groups: list[Pooled]) -> tuple[float, int, float]:
    """The test of group differences: Q_b = sum_g (theta_g - theta_.)^2 / se_g^2, df G-1."""
    from mlmcli.distributions import chi2

    th = np.array([g.theta for g in groups])
    w = 1.0 / np.array([g.se for g in groups]) ** 2
    mean = float(np.sum(w * th) / np.sum(w))
    Qb = float(np.sum(w * (th - mean) ** 2))
    return Qb, len(groups) - 1, float(chi2.sf(Qb, len(groups) - 1))
