"""Poisson pseudo-maximum likelihood absorbing several fixed effects (the community command
``ppmlhdfe``, Correia, Guimaraes and Zylkin 2020), by ppmlhdfe 2.3's IRLS (``GLM::solve`` and
``GLM::inner_irls`` of ppmlhdfe.mata).

Before the fit, ``multiway_absorb.drop_singletons(..., zero_sum_of=y)`` drops, repeatedly until
none is left, the rows of any fixed effect's group that has one row or whose depvar sums to zero
(ftools' ``drop_singletons`` with the depvar as an iweight and zero_threshold: the "fe"
separation check).  y and each regressor
are divided by their standard deviations (reghdfe_standardize: unweighted, at least 1e-3); mu
starts at (y + mean y) / 2, raised to max(0.05 y, 1e-3).  Each iteration: the working variable
z = eta - offset - 1 + y / mu and X are partialled out of the fixed effects with weights
w * mu; b is weighted least squares of the partialled z on the partialled X; eta = z - resid +
offset, mu = exp(eta) (at least 100 epsilon); the deviance 2 {sum w (mu - y) + sum_{y>0} w y
(log y - eta)}; eps = |change of deviance| / max(min(deviance, previous), 0.1); converged at the
first iteration with eps < tolerance solved exactly at the final inner tolerance.  The inner
tolerance schedule is the ado's: 1e-4 at the start, cut tenfold (or to the order of eps)
whenever eps falls below it, and once more when a cubic extrapolation of log eps predicts
convergence, never below max(1e-12, min(itol, tolerance / 10)); while it is above 11 times the
tolerance (and the predicted eps is above it) b comes from the normal equations ("fast
solver").  With one fixed effect (or none) the partialling out is exact in one sweep, as
reghdfe's (one iteration, accuracy 0), so the iterations, deviances and tolerances are the
ado's; with more, the sweeps are mlm's alternating projections to the same tolerance, not
reghdfe's conjugate-gradient solver, so the inner iteration counts (and the deviances before
the tolerance is tight) are mlm's own.

VCE as ``reghdfe_solve_ols(..., "vce_asymptotic")`` gives it on the last iteration's partialled
data: bread (X' W X)^-1 over the partialled X plus their weighted means and a constant (W the
IRLS weights scaled to sum to N), meat sum (e w)^2 / fw x x' (robust, times N / (N - 1)) or the
clusters' summed scores (times G / (G - 1)); the Wald chi2 b' V^-1 b over the slopes.  d = z -
resid - X b, demeaned with the IRLS weights; as the ado, z is the working variable of the
iteration before the last (inner_irls' ``swap(z, z_last)`` hands back the older one).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from scipy.special import gammaln

from mlmcli.errors import StataError
from mlmcli.panel.multiway_absorb import partial_out
from mlmcli.robust.cluster_sandwich import cluster_sandwich

EPS1 = 2.220446049250313e-16  # Mata's epsilon(1)


def standardize(A: np.ndarray) -> np.ndarray:
    """reghdfe_standardize's divisors: each column's standard deviation, at least 1e-3."""
    n = A.shape[0]
    with np.errstate(invalid="ignore"):  # a constant column near 2^53: the difference rounds below 0 (missing)
        sd = np.sqrt((np.einsum("ij,ij->j", A, A) - A.sum(axis=0) ** 2 / n) / (n - 1)) if n > 1 else np.ones(A.shape[1])
    return np.maximum(np.nan_to_num(sd, nan=1e-3), 1e-3)


def _predict_eps(history: list, eps: float | None) -> float | None:
    """predict_eps: log eps appended to the last three, then a cubic (no intercept) through
    them extrapolated one step; None (Mata's missing) until three are known."""
    size = len(history)
    pos = sum(h is not None for h in history)
    log_eps = math.log(eps) if eps is not None and eps > 0 else None
    abort = pos + 1 < size
    if pos < size:
        history[pos] = log_eps
    else:
        history[:] = history[1:] + [log_eps]
    if abort or any(h is None for h in history):
        return None
    t = np.arange(1, size + 1, dtype=float)
    coef = np.linalg.lstsq(np.column_stack([t, t ** 2, t ** 3]), np.asarray(history, float), rcond=None)[0]
    nxt = size + 1.0
    return float(math.exp(np.dot([nxt, nxt ** 2, nxt ** 3], coef)))


def _inrange(z: float, a: float | None, b: float | None) -> bool:
    """Stata's inrange() with None as missing: a missing bound is open."""
    return (a is None or a <= z) and (b is None or z <= b)


@dataclass
class IterationLine:
    iteration: int
    deviance: float
    eps: float | None
    inner_iterations: int
    inner_tol: float
    min_eta: float
    exact_partial: bool
    exact_solver: bool
    below: bool


@dataclass
class IrlsFit:
    b: np.ndarray            # slopes then _cons, in the data's units
    V: np.ndarray
    N: float
    deviance: float
    ll: float
    ll_0: float
    chi2: float
    rss: float
    iterations: int
    subiterations: int
    log: list[IterationLine] = field(default_factory=list)
    d: np.ndarray | None = None      # sum of the fixed effects on the rows
    irls_weights: np.ndarray | None = None
    n_clusters: int | None = None
    separated: int = 0       # zero-y rows whose mu went to zero (the ado's "mu" criterion)


def _weighted_lstsq(X: np.ndarray, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    if X.shape[1] == 0:
        return np.zeros(0)
    s = np.sqrt(w)
    return np.linalg.lstsq(X * s[:, None], y * s, rcond=None)[0]


def _edit_to_zero(A: np.ndarray, tol: float) -> None:
    A[np.abs(A) <= tol] = 0.0


def irls(y: np.ndarray, X: np.ndarray, codes: list[np.ndarray], *, true_w: np.ndarray | None = None,
         fweight: bool = False, offset: np.ndarray | None = None, tolerance: float = 1e-8,
         itolerance: float = 1e-9, maxiter: int = 10000, cluster: np.ndarray | None = None,
         want_d: bool = False, scales: tuple | None = None) -> IrlsFit:
    """The fit on rows already free of singletons and fe-separated groups; X has no collinear
    columns (``collinear_with_effects``).  ``scales``: (sd of y, sds of X) when they come from a
    larger sample (the ado standardizes before its separation checks drop rows)."""
    n, k = X.shape
    w_true = np.ones(n) if true_w is None else np.asarray(true_w, float)
    if scales is None:
        scales = (float(standardize(y[:, None])[0]), standardize(X) if k else np.ones(0))
    sd_y, sd_x = scales
    ys, xs = y / sd_y, X / sd_x if k else X
    G = len(codes)
    highest = max(1e-12, min(itolerance, 0.1 * tolerance))
    inner_tol = max(1e-4, tolerance)
    mu = 0.5 * (ys + np.average(ys, weights=w_true))
    mu = np.maximum(mu, np.maximum(0.05 * ys, 1e-3))  # censor_mu
    eta = np.log(mu)
    off = np.zeros(n) if offset is None else np.asarray(offset, float)
    positive = ys > 0
    log_y = np.log(np.where(positive, ys, 1.0))
    eps = deviance = alt_tol = None
    ok, iteration, subiter = 0, 0, 0
    z = z_last = np.zeros(n)
    history: list = [None, None, None]
    lines: list[IterationLine] = []
    data = resid = irls_w = b = None
    while ok < 1:
        iteration += 1
        if iteration > maxiter:
            raise StataError(f"Failed to converge in {maxiter:4.0f} iterations (eps={eps if eps is not None else 0:9.6e})", 430)
        fast_partial = iteration > 1
        fast_solver = bool(k) and inner_tol > tolerance * 11
        predicted = _predict_eps(history, eps)
        fast_solver = fast_solver and (predicted is None or predicted > tolerance)
        irls_w = w_true * mu
        z = eta - off - 1 + ys / mu
        data = np.column_stack([z, xs])
        _edit_to_zero(data, min(tolerance, 1e-12))
        data, inner_iterations = partial_out(data, codes, tol=inner_tol, weights=irls_w, weight_kind="aweight")
        accuracy = 0.0 if G == 1 else inner_tol
        _edit_to_zero(data, min(tolerance, 1e-12))
        subiter += inner_iterations
        if fast_solver:
            xyxy = (data * irls_w[:, None]).T @ data
            b = np.linalg.lstsq(xyxy[1:, 1:], xyxy[1:, 0], rcond=None)[0]
        else:
            b = _weighted_lstsq(data[:, 1:], data[:, 0], irls_w)
        resid = data[:, 0] - data[:, 1:] @ b
        eta = z - resid + off
        mu = np.maximum(np.exp(eta), 100 * EPS1)
        z, z_last = z_last, z
        old_deviance = deviance
        dev = float(np.sum((mu - ys) * w_true) + np.sum((ys * w_true)[positive] * (log_y - eta)[positive]))
        if 2 * dev / n < EPS1:
            dev = 0.0
        dev = 2 * (0.0 if abs(dev) < EPS1 else dev)
        deviance = max(dev, 0.0)
        delta = None if old_deviance is None else old_deviance - deviance
        if delta is not None and deviance < 0.1 * delta:
            delta = deviance
        if iteration > 1:
            eps = abs(delta) / max(min(deviance, old_deviance), 0.1)
            if eps < tolerance and not fast_solver and (accuracy <= 1.1 * highest or G == 1):
                ok += 1
        lines.append(IterationLine(iteration, deviance * sd_y, eps, inner_iterations, inner_tol, float(eta.min()),
                                   not fast_partial, not fast_solver, ok > 0))
        if ok >= 1:
            break
        if eps is not None and eps < inner_tol:
            inner_tol = max(min(0.1 * inner_tol, alt_tol) if alt_tol is not None else 0.1 * inner_tol, highest)
            alt_tol = 10.0 ** -math.ceil(math.log10(1 / max(0.1 * eps, EPS1)))
        if (_inrange(tolerance, predicted, eps) and 1.1 <= inner_tol / highest <= 10.1
                and accuracy / highest <= 10.1):
            inner_tol *= 0.1
    fit = _finish(ys, y, xs, data, resid, b, irls_w, w_true, mu, eta, z, off, offset is not None, sd_y, sd_x,
                  fweight, cluster, deviance * sd_y, iteration, subiter, lines, want_d)
    # the "mu" check's criterion (log 1e-6, made stricter when eta is low where y > 0): rows it
    # flags are separated, which the ado's simplex/ReLU checks would have dropped before the fit
    septol = math.log(1e-6) + min(float(eta[positive].min()) + 5 if positive.any() else 0.0, 0.0)
    fit.separated = int(np.count_nonzero((eta <= septol) & ~positive))
    return fit


def _finish(ys, y, xs, data, resid, b_s, irls_w, w_true, mu, eta, z_prev, off, has_offset, sd_y, sd_x,
            fweight, cluster, deviance, iterations, subiter, lines, want_d) -> IrlsFit:
    n, k = xs.shape
    N = float(w_true.sum()) if fweight else float(n)
    w_n = irls_w * (N / irls_w.sum())
    zero = ys == 0
    ll_terms = np.where(zero, -mu * sd_y, y * (eta + math.log(sd_y)) - mu * sd_y - gammaln(y + 1))
    ll = float(np.sum(ll_terms * w_true))
    ybar = float(np.average(ys, weights=w_true))
    ll0_terms = np.where(zero, -ybar * sd_y, y * (math.log(ybar) + math.log(sd_y)) - ybar * sd_y - gammaln(y + 1))
    ll_0 = float(np.sum(ll0_terms * w_true))
    means_x = np.average(xs, axis=0, weights=irls_w) if k else np.zeros(0)
    cons = float(np.average(np.log(mu), weights=irls_w) - means_x @ b_s)
    if has_offset:
        cons -= float(np.average(off, weights=irls_w))
    Xc = np.column_stack([data[:, 1:] + means_x, np.ones(n)])
    bread = np.linalg.pinv((Xc * w_n[:, None]).T @ Xc)
    scores = Xc * (resid * w_n)[:, None]
    n_clusters = None if cluster is None else int(cluster.max()) + 1
    V_s = cluster_sandwich(bread, scores, cluster, fweight=w_true if fweight else None,
                           n_clusters=N if cluster is None else n_clusters)
    chi2 = float("nan")
    if k:
        try:
            chi2 = float(b_s @ np.linalg.solve(V_s[:k, :k], b_s))
        except np.linalg.LinAlgError:
            pass
    scale = np.r_[sd_x, 1.0]
    b = np.r_[b_s, cons] / scale
    b[-1] += math.log(sd_y)
    V = V_s / np.outer(scale, scale)
    d = None
    if want_d:
        d = z_prev - resid - (xs @ b_s if k else 0.0)
        d = d - np.average(d, weights=irls_w)
    return IrlsFit(b=b, V=V, N=N, deviance=deviance, ll=ll, ll_0=ll_0, chi2=chi2, rss=float(w_n @ resid ** 2),
                   iterations=iterations, subiterations=subiter, log=lines, d=d, irls_weights=irls_w,
                   n_clusters=n_clusters)


def collinear_with_effects(X: np.ndarray, codes: list[np.ndarray], w: np.ndarray, itolerance: float = 1e-9) -> np.ndarray:
    """Mask of X's columns kept by ppmlhdfe's remove_collinears: X partialled out of the
    fixed effects (weights: the user's), then _rmcoll's rank check of X' W X
    (reghdfe_rmcoll)."""
    from mlmcli.collinear_columns import independent_columns

    if X.shape[1] == 0:
        return np.zeros(0, bool)
    swept, _ = partial_out(X, codes, tol=itolerance, weights=w, weight_kind="aweight")
    before = np.einsum("ij,ij->j", X * w[:, None], X)
    after = np.einsum("ij,ij->j", swept * w[:, None], swept)
    swept = swept.copy()
    swept[:, after <= min(1e-6, itolerance / 10) * np.maximum(before, 1e-300)] = 0.0
    return independent_columns((swept * w[:, None]).T @ swept)
