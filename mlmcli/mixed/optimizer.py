"""Minimisation of the profiled deviance d(theta) over theta with bounds.

Stage 1: L-BFGS-B (scipy) with forward-difference gradients, from the best
of a few scalings of the start.  Stage 2: Newton steps on a central-difference
Hessian over the coordinates off their bounds, taken while they do not raise
d beyond its evaluation noise, until the step is below 1e-9 relative -- this
brings theta to ~1e-7 relative, as a log likelihood "equal in every printed
digit" needs.  Every evaluation is O(groups q^3), so numerical derivatives
are cheap.

Stata's ``tolerance(#)`` (relative change in the parameters, default 1e-6) and
``ltolerance(#)`` (relative change in the log likelihood, default 1e-7) scale
these internal criteria, which are stricter than Stata's own, by their ratio to
Stata's defaults: at the defaults the fit is the usual one, a looser value stops
earlier, a stricter one later.  With ``s_p = tolerance/1e-6`` and
``s_l = ltolerance/1e-7``: L-BFGS-B stops when the relative decrease of d is
below ``1e-11 s_l`` (scipy's ftol); the Newton polish stops when its relative
step is below ``1e-9 s_p`` or the relative decrease of d below ``1e-15 s_l``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
from scipy.optimize import minimize


DEFAULT_TOLERANCE = 1e-6  # Stata's tolerance(): relative change in the parameters
DEFAULT_LTOLERANCE = 1e-7  # Stata's ltolerance(): relative change in the log likelihood


@dataclass
class OptimResult:
    theta: np.ndarray
    deviance: float
    converged: bool
    history: list[float] = field(default_factory=list)  # deviance per iteration
    n_eval: int = 0
    message: str = ""


def gradient(f: Callable, x: np.ndarray, lower: np.ndarray, f0: float | None = None,
             rel: float = 1e-5) -> np.ndarray:
    """Central differences; forward when the backward point crosses a bound."""
    g = np.zeros_like(x)
    for i in range(len(x)):
        h = rel * max(abs(x[i]), 0.1)
        xp = x.copy()
        xp[i] += h
        xm = x.copy()
        xm[i] -= h
        if xm[i] < lower[i]:
            fx = f(x) if f0 is None else f0
            g[i] = (f(xp) - fx) / h
        else:
            g[i] = (f(xp) - f(xm)) / (2 * h)
    return g


def hessian(f: Callable, x: np.ndarray, steps: np.ndarray, f0: float | None = None) -> np.ndarray:
    """Central-difference Hessian with per-coordinate steps."""
    k = len(x)
    H = np.zeros((k, k))
    fx = f(x) if f0 is None else f0
    E = np.diag(steps)
    fp = [f(x + E[i]) for i in range(k)]
    fm = [f(x - E[i]) for i in range(k)]
    for i in range(k):
        H[i, i] = (fp[i] - 2 * fx + fm[i]) / steps[i] ** 2
        for j in range(i):
            v = (f(x + E[i] + E[j]) - f(x + E[i] - E[j]) - f(x - E[i] + E[j])
                 + f(x - E[i] - E[j])) / (4 * steps[i] * steps[j])
            H[i, j] = H[j, i] = v
    return H


def minimize_deviance(dev: Callable[[np.ndarray], float], start: np.ndarray, lower: np.ndarray,
                      maxiter: int = 16000,
                      on_iteration: Callable[[int, float], None] | None = None,
                      tolerance: float = DEFAULT_TOLERANCE,
                      ltolerance: float = DEFAULT_LTOLERANCE) -> OptimResult:
    """Minimise ``dev`` over theta >= lower; see the module docstring."""
    tolerance, ltolerance = max(float(tolerance), 0.0), max(float(ltolerance), 0.0)  # <0: never met
    step_tol = 1e-9 * tolerance / DEFAULT_TOLERANCE
    ftol = 1e-11 * ltolerance / DEFAULT_LTOLERANCE
    polish_ftol = 1e-15 * ltolerance / DEFAULT_LTOLERANCE
    count = [0]
    cache: dict[bytes, float] = {}

    def f(x):
        x = np.maximum(np.asarray(x, float), lower)
        key = x.tobytes()
        if key not in cache:
            count[0] += 1
            v = dev(x)
            cache[key] = v if np.isfinite(v) else 1e300
            if len(cache) > 256:
                cache.pop(next(iter(cache)))
        return cache[key]

    def forward_gradient(x):
        fx = f(x)
        g = np.zeros_like(x)
        for i in range(len(x)):
            h = 1e-6 * max(abs(x[i]), 0.1)
            xp = x.copy()
            xp[i] += h
            g[i] = (f(xp) - fx) / h
        return g

    history: list[float] = []

    def record(v):
        history.append(float(v))
        if on_iteration is not None:
            on_iteration(len(history) - 1, -0.5 * float(v))

    x0 = np.asarray(start, float)
    best, fbest = x0, f(x0)
    for s in (0.25, 0.5, 2.0):
        cand = np.where(lower == 0, x0 * s, x0 * s)
        fc = f(cand)
        if fc < fbest:
            best, fbest = cand, fc
    record(fbest)
    if maxiter <= 0:
        return OptimResult(best, fbest, False, history, count[0], "iteration limit reached")

    def local_run(x_start):
        """L-BFGS-B then Newton polish from x_start: (x, d, converged, message, limit hit)."""
        bounds = [(lo if np.isfinite(lo) else None, None) for lo in lower]
        res = minimize(lambda x: f(x), x_start, jac=forward_gradient, method="L-BFGS-B",
                       bounds=bounds, callback=lambda xk: record(f(xk)),
                       options={"maxiter": maxiter, "ftol": ftol, "gtol": 1e-7, "maxcor": 20})
        x = np.maximum(res.x, lower)
        fx = f(x)
        if res.nit >= maxiter:  # iterate(#) reached: Stata reports non-convergence
            return x, fx, False, "iteration limit reached", True
        converged = bool(res.success) or res.status == 0
        # Newton polish on the free coordinates
        polished = False
        for _ in range(20):
            g = gradient(f, x, lower, fx, rel=1e-4)
            free = ~((x <= lower + 1e-10) & (g > 0))
            if not free.any():
                polished = True
                break
            idx = np.flatnonzero(free)
            steps = 1e-4 * np.maximum(np.abs(x[idx]), 0.05)

            def fsub(z, idx=idx):
                xx = x.copy()
                xx[idx] = z
                return f(xx)

            H = hessian(fsub, x[idx], steps, fx)
            try:
                w, V = np.linalg.eigh(H)
            except np.linalg.LinAlgError:
                break
            if w.min() <= 0:
                break
            step = -(V @ ((V.T @ g[idx]) / w))
            if np.all(np.abs(step) <= 1e-10 * (1 + np.abs(x[idx]))):
                polished = True
                break
            t = 1.0
            improved = False
            f_before = fx
            # the full Newton step is taken unless it raises d beyond the evaluation noise
            noise = 1e-12 * max(1.0, abs(fx))
            while t > 1e-4:
                xn = x.copy()
                xn[idx] = np.maximum(x[idx] + t * step, lower[idx])
                fn = f(xn)
                if fn < fx or (t == 1.0 and fn <= fx + noise):
                    x, fx, improved = xn, min(fn, fx), True
                    break
                t *= 0.5
            if not improved:
                polished = True
                break
            record(fx)
            if np.all(np.abs(t * step) <= step_tol * (1 + np.abs(x[idx]))):
                polished = True
                break
            if f_before - fx < polish_ftol * max(1.0, abs(fx)):
                polished = True
                break
        return x, fx, converged or polished, str(res.message), False

    x, fx, converged, message, limit = local_run(best)
    # a zero diagonal of Lambda can be a saddle (the deviance is flat to first order
    # there): try leaving the bound and re-optimise when that lowers d
    for _ in range(3):
        if limit:
            break
        diag = lower == 0
        scale = max(float(x[diag].max()) if diag.any() else 0.0, 0.1)
        at_bound = np.flatnonzero(diag & (x <= 1e-6 * scale))
        escape = None
        for i in at_bound:
            for delta in (0.5, 0.1, 0.01):
                xt = x.copy()
                xt[i] = delta * scale
                if f(xt) < fx - 1e-9 * max(1.0, abs(fx)):
                    escape = xt
                    break
            if escape is not None:
                break
        if escape is None:
            break
        x, fx, converged, message, limit = local_run(escape)
    return OptimResult(x, fx, converged, history, count[0], message)
