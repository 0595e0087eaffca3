"""Minimisation of the profiled deviance d(theta) over theta >= lower.

Stage 1: projected BFGS with the analytic gradient (``MixedModel.deviance_gradient``;
central differences when only d is given), from the best of a few scalings of the
start: coordinates on their bound whose gradient points outward are held; an
Armijo backtracking line search on the projected path; the inverse-Hessian
approximation restarts when it stops giving descent, or when two tiny full steps in a row found d curving
downwards (off a saddle at a zero diagonal, where a kept curvature guess far too large
would creep on with tiny steps).  Stage 2: Newton steps on
the Hessian obtained by central differences of the gradient over the coordinates
off their bounds, until the step is below 1e-9 relative -- theta to ~1e-8
relative, as a log likelihood equal in every printed digit needs (or after a full
Newton step below 1e-7 relative, whose error is of the order of its square).  Stage 1
hands over to stage 2 as soon as the decrease its quadratic model predicts is below the
rounding of d (1e-15 relative), where a line search can no longer see progress.  A zero
diagonal of Lambda can be a saddle (d is flat there to first order), or a stop
where the column's sign is wrong (its gradient points out of the bound): the
search is restarted from the column with reversed sign, or off the bound, when
that lowers d.  A search still running after FACE_PROBE_AT steps with a Lambda row turning
towards its zero diagonal (a correlation going to +/-1: in theta a curved valley that BFGS
follows in many small steps) is offered the optimum of that row's face, searched with the
row in polar form where the valley is straight (``boundary_faces.face_probe``).

Stata's ``tolerance(#)`` (relative change in the parameters, default 1e-6) and
``ltolerance(#)`` (relative change in the log likelihood, default 1e-7) scale
these internal criteria, which are stricter than Stata's own, by their ratio to
Stata's defaults.  With ``s_p = tolerance/1e-6`` and ``s_l = ltolerance/1e-7``:
stage 1 stops when the relative decrease of d is below ``min(1e-11 s_l, 1e-10)``
and the relative step below ``min(1e-6 s_p, 1e-5)``, or the projected gradient vanishes; the Newton
polish stops when its relative step is below ``1e-9 s_p`` or the relative
decrease of d below ``1e-15 s_l``.  No scipy.optimize: importing it costs more
than most fits.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from .boundary_faces import face_probe, lambda_rows

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
    """Central-difference Hessian of a function value with per-coordinate steps."""
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


def hessian_from_gradient(grad: Callable[[np.ndarray], np.ndarray], x: np.ndarray,
                          steps: np.ndarray, richardson: bool = False) -> np.ndarray:
    """Hessian by central differences of an exact gradient, symmetrised:
    H[:, j] = (g(x + h_j e_j) - g(x - h_j e_j)) / 2 h_j, error O(h^2) (with
    ``richardson``: (4 H(h/2) - H(h)) / 3, error O(h^4))."""
    def central(hs):
        cols = []
        for j in range(len(x)):
            e = np.zeros(len(x))
            e[j] = hs[j]
            cols.append((grad(x + e) - grad(x - e)) / (2 * hs[j]))
        return np.array(cols).T

    H = central(np.asarray(steps, float))
    if richardson:
        H = (4 * central(0.5 * np.asarray(steps, float)) - H) / 3
    return 0.5 * (H + H.T)


class _Objective:
    """d and its gradient with a small cache; out-of-range or failed values are +huge."""

    def __init__(self, dev, dev_grad, lower):
        self.dev, self.dev_grad, self.lower = dev, dev_grad, lower
        self.count = 0
        self.cache: dict[bytes, tuple[float, np.ndarray | None]] = {}

    def _store(self, key, val):
        self.cache[key] = val
        if len(self.cache) > 256:
            self.cache.pop(next(iter(self.cache)))

    def value(self, x):
        x = np.maximum(np.asarray(x, float), self.lower)
        key = x.tobytes()
        if key not in self.cache:
            self.count += 1
            v = float(self.dev(x)) if self.dev is not None else float(self.dev_grad(x)[0])
            self._store(key, (v if np.isfinite(v) else 1e300, None))
        return self.cache[key][0]

    def value_grad(self, x):
        x = np.maximum(np.asarray(x, float), self.lower)
        key = x.tobytes()
        hit = self.cache.get(key)
        if hit is not None and hit[1] is not None:
            return hit
        if self.dev_grad is None:
            v = self.value(x)
            g = gradient(self.value, x, self.lower, v, rel=1e-6)
        else:
            self.count += 1
            v, g = self.dev_grad(x)
            v = float(v)
            if not np.isfinite(v):
                v, g = 1e300, np.zeros_like(x)
        self._store(key, (v, np.asarray(g, float)))
        return v, np.asarray(g, float)


def _free(x, g, lower):
    """Coordinates not held on their bound (held: on the bound with the gradient pointing out)."""
    return ~((x <= lower) & (g > 0))


def _short_of_bound(obj: _Objective, x, step, lower, xn, fn, share: float = 0.5):
    """(point, d) after a steepest-descent step that was clipped onto a bound: the same
    direction taken only ``share`` of the way to the nearest bound instead, when d is lower
    there.  A diagonal of Lambda on its bound 0 may be a saddle of d (d is even in it, so its
    gradient there is 0 whatever the curvature): the scaled steepest descent, sized by the
    largest gradient component -- the finest level's under large sampling weights -- put
    such a diagonal there, and BFGS then spent ~10 steps doubling it back out (or a column
    flip and a second run).  Where the bound is the better point, nothing changes."""
    room = x - lower
    toward = (step < 0) & np.isfinite(lower) & (room > 0)
    if not np.any(toward & (x + step < lower)):
        return xn, fn
    frac = float(np.min(share * room[toward] / -step[toward]))
    xm = x + frac * step
    fm = obj.value(xm)
    return (xm, fm) if fm < fn else (xn, fn)


def _bfgs(obj: _Objective, x, lower, maxiter, record, ftol, xtol, curvature=None, probe=None):
    """Projected BFGS; returns (x, f, converged, iterations).  ``curvature(x)``: a diagonal
    estimate of the Hessian, whose inverse starts the iteration (else a scaled identity).
    ``probe(x, f, x_half, f_half) -> (x, f, iterations) | None``: asked once, after FACE_PROBE_AT
    iterations (x_half, f_half: the point half way there and its d), for a lower point (``boundary_faces.face_probe``); the
    search restarts from it."""
    f, g = obj.value_grad(x)
    k = len(x)
    Hinv = None
    scaled_identity = False
    if curvature is not None:
        c = np.asarray(curvature(x), float)
        if np.all(np.isfinite(c)) and np.all(c > 0):
            Hinv = np.diag(1.0 / c)
    it = 0
    x_half, f_half = x, f
    concave_full_steps = 0  # consecutive full steps along which d curved downwards
    while it < maxiter:
        free = _free(x, g, lower)
        gf = np.where(free, g, 0.0)
        if np.max(np.abs(gf)) <= 1e-10 * max(1.0, abs(f)) * 1e-3:
            return x, f, True, it
        fresh = Hinv is None
        if fresh:
            # first step (or restart): steepest descent scaled to move x by at most ~0.5
            scale = 0.5 / max(np.max(np.abs(gf)), 1e-300) * max(1.0, np.max(np.abs(x)))
            Hinv = np.eye(k) * min(scale, 1.0)
            scaled_identity = True
        d = -(Hinv @ gf)
        d = np.where(free, d, 0.0)
        slope = float(gf @ d)
        if not slope < 0:
            if fresh:  # steepest descent itself is no descent (a gradient of nan/inf): give up, as a
                return x, f, False, it  # restart would build the same direction for ever
            Hinv = None
            continue
        if obj.dev_grad is not None and -slope <= 1e-15 * max(1.0, abs(f)):
            # the decrease the quadratic model predicts is below the rounding of d: no line
            # search can see it (it would spend ~10 evaluations failing); the Newton polish,
            # on the exact gradient, takes over from here
            return x, f, True, it
        t = 1.0
        accepted = False
        for _ in range(40):
            xn = np.maximum(x + t * d, lower)
            fn = obj.value(xn)
            if fn <= f + 1e-4 * float(g @ (xn - x)) and fn < 1e300:
                accepted = True
                break
            t *= 0.5
        if not accepted:
            if np.allclose(Hinv, Hinv[0, 0] * np.eye(k)):
                return x, f, False, it
            Hinv = None
            continue
        if fresh:
            xn, fn = _short_of_bound(obj, x, t * d, lower, xn, fn)
        fn, gn = obj.value_grad(xn)
        it += 1
        record(fn)
        s = xn - x
        yv = gn - g
        f_old = f
        x, f, g = xn, fn, gn
        sy = float(s @ yv)
        if sy > 1e-12 * np.linalg.norm(s) * np.linalg.norm(yv):
            rho = 1.0 / sy
            if scaled_identity:
                Hinv = np.eye(k) * (sy / float(yv @ yv))
                scaled_identity = False
            V = np.eye(k) - rho * np.outer(s, yv)
            Hinv = V @ Hinv @ V.T + rho * np.outer(s, s)
            concave_full_steps = 0
        elif t == 1.0 and np.max(np.abs(s)) <= 1e-4 * max(1.0, float(np.max(np.abs(x)))):
            # d curves downwards along a tiny step taken whole (off a saddle at a zero
            # diagonal): the update is skipped, and a kept Hinv (a curvature guess far too
            # large there) would creep on with the same step for thousands of iterations;
            # twice in a row, the scaled steepest descent with backtracking restarts the scale
            concave_full_steps += 1
            if concave_full_steps >= 2:
                Hinv, concave_full_steps = None, 0
        else:
            concave_full_steps = 0
        small_f = f_old - f <= ftol * max(1.0, abs(f))
        small_x = np.all(np.abs(s) <= xtol * (1.0 + np.abs(x)))
        if small_f and small_x:
            return x, f, True, it
        if it == FACE_PROBE_AT // 2:
            x_half, f_half = x, f
        if probe is not None and it == FACE_PROBE_AT:
            found = probe(x, f, x_half, f_half)
            if found is not None:
                x, f, used = found
                it += used
                g = obj.value_grad(x)[1]
                Hinv, concave_full_steps = None, 0
    return x, f, False, it


# A search still running after this many BFGS steps is usually crawling along a curved valley
# of theta towards a Lambda row's zero diagonal (a correlation going to +/-1): see _face_probe.
FACE_PROBE_AT = 12
FACE_BUDGET = 60  # BFGS steps of each face search: a probe that finds nothing costs at most these


def _newton_polish(obj: _Objective, x, lower, record, step_tol, polish_ftol):
    """Newton steps on a central-difference Hessian of the gradient (free coordinates)."""
    fx, g = obj.value_grad(x)
    for _ in range(20):
        free = _free(x, g, lower) & ~((x <= lower) & (np.abs(g) <= 1e-12))
        if not free.any():
            return x, fx, True
        idx = np.flatnonzero(free)
        steps = 1e-5 * np.maximum(np.abs(x[idx]), 0.05)

        def gsub(z, idx=idx):
            xx = x.copy()
            xx[idx] = z
            return obj.value_grad(xx)[1][idx]

        # one-sided near a bound: the central point must stay feasible
        steps = np.minimum(steps, np.where(np.isfinite(lower[idx]), np.maximum(x[idx] - lower[idx], 0), np.inf))
        if np.any(steps <= 0):
            return x, fx, True
        H = hessian_from_gradient(gsub, x[idx], steps)
        try:
            w, V = np.linalg.eigh(H)
        except np.linalg.LinAlgError:
            return x, fx, False
        if not np.all(np.isfinite(w)) or w.min() <= 0:
            return x, fx, False
        step = -(V @ ((V.T @ g[idx]) / w))
        if np.all(np.abs(step) <= 1e-10 * (1 + np.abs(x[idx]))):
            return x, fx, True
        t = 1.0
        improved = False
        noise = 1e-12 * max(1.0, abs(fx))
        while t > 1e-4:
            xn = x.copy()
            xn[idx] = np.maximum(x[idx] + t * step, lower[idx])
            fn = obj.value(xn)
            if fn < fx or (t == 1.0 and fn <= fx + noise):
                improved = True
                break
            if t == 1.0 and fn <= fx + 1e-9 * max(1.0, abs(fx)):
                # within the rounding of d (cancellation in r^2): the gradient decides
                gn = obj.value_grad(xn)[1]
                if np.linalg.norm(gn[idx]) < 0.5 * np.linalg.norm(g[idx]):
                    improved = True
                    break
            t *= 0.5
        if not improved:
            return x, fx, True
        f_before = fx
        x = xn
        fx = obj.value(x)  # the gradient there only if another step follows (a reverse pass)
        record(fx)
        if np.all(np.abs(t * step) <= step_tol * (1 + np.abs(x[idx]))):
            return x, fx, True
        if t == 1.0 and np.all(np.abs(step) <= 100 * step_tol * (1 + np.abs(x[idx]))):
            # a full Newton step this small (1e-7 relative) leaves an error of order its
            # square: another Hessian (2k gradients) would only confirm it
            return x, fx, True
        if f_before - fx < polish_ftol * max(1.0, abs(fx)):
            return x, fx, True
        fx, g = obj.value_grad(x)
    return x, fx, False


def _flip_columns(obj: _Objective, x, lower, column_flips):
    """A Lambda column held on its zero diagonal by an outward gradient is a stop of the
    projected search, not a minimum: reversing the column's sign (same Lambda Lambda')
    reverses that gradient.  Returns the flipped point when one such column exists."""
    if not column_flips:
        return None
    _, g = obj.value_grad(x)
    for i, below in column_flips:
        if x[i] <= lower[i] and g[i] > 0 and len(below) and np.any(x[below] != 0):
            xf = x.copy()
            xf[below] = -xf[below]
            return xf
    return None


def minimize_deviance(dev: Callable[[np.ndarray], float] | None, start: np.ndarray, lower: np.ndarray,
                      maxiter: int = 16000,
                      on_iteration: Callable[[int, float], None] | None = None,
                      tolerance: float = DEFAULT_TOLERANCE,
                      ltolerance: float = DEFAULT_LTOLERANCE,
                      dev_grad: Callable[[np.ndarray], tuple[float, np.ndarray]] | None = None,
                      column_flips: list[tuple[int, np.ndarray]] | None = None,
                      curvature: Callable[[np.ndarray], np.ndarray] | None = None,
                      start_scalings: tuple[float, ...] = (0.25, 0.5, 2.0)
                      ) -> OptimResult:
    """Minimise ``dev`` (or ``dev_grad`` -> (d, gradient)) over theta >= lower; see the module
    docstring.  ``column_flips``: (diagonal index, indices below it) of each column of a
    triangular Lambda, whose sign can be reversed without changing d.  ``start_scalings``:
    multiples of the start also tried, the best of them starting the search (none for a
    start estimated from the data, ``moment_start``)."""
    tolerance, ltolerance = max(float(tolerance), 0.0), max(float(ltolerance), 0.0)  # <0: never met
    step_tol = 1e-9 * tolerance / DEFAULT_TOLERANCE
    xtol = min(1e-6 * tolerance / DEFAULT_TOLERANCE, 1e-5)
    ftol = min(1e-11 * ltolerance / DEFAULT_LTOLERANCE, 1e-10)
    polish_ftol = 1e-15 * ltolerance / DEFAULT_LTOLERANCE
    loose = tolerance > DEFAULT_TOLERANCE or ltolerance > DEFAULT_LTOLERANCE
    lower = np.asarray(lower, float)
    obj = _Objective(dev, dev_grad, lower)
    history: list[float] = []

    def record(v):
        history.append(float(v))
        if on_iteration is not None:
            on_iteration(len(history) - 1, -0.5 * float(v))

    x0 = np.maximum(np.asarray(start, float), lower)
    best, fbest = x0, obj.value(x0)
    for s in start_scalings:
        cand = np.maximum(x0 * s, lower)
        fc = obj.value(cand)
        if fc < fbest:
            best, fbest = cand, fc
    record(fbest)
    if maxiter <= 0:
        return OptimResult(best, fbest, False, history, obj.count, "iteration limit reached")

    used = [0]
    rows = lambda_rows(column_flips or [])
    probe = None
    if rows:
        def face_search(dev_grad, z0, zl, budget, steps):
            face = _Objective(None, dev_grad, zl)
            z, fz, _, it = _bfgs(face, z0, zl, budget, steps.append, ftol, xtol)
            return z, fz, it
        probe = face_probe(obj, lower, rows, record, face_search, max(0, min(FACE_BUDGET, maxiter // 4)))

    def local_run(x_start):
        """BFGS then Newton polish: (x, d, converged, message, limit hit)."""
        x, fx, conv, it = _bfgs(obj, x_start, lower, maxiter - used[0], record, ftol, xtol,
                                curvature, probe)
        used[0] += it
        if used[0] >= maxiter:  # iterate(#) reached: Stata reports non-convergence
            return x, fx, False, "iteration limit reached", True
        if conv and loose:  # looser than Stata's defaults: stage 1 is enough
            return x, fx, True, "", False
        if dev_grad is None:  # no exact gradient: a Hessian of differenced gradients is noise
            return x, fx, conv, "", False
        x, fx, polished = _newton_polish(obj, x, lower, record, step_tol, polish_ftol)
        return x, fx, conv or polished, "", False

    x, fx, converged, message, limit = local_run(best)
    for _ in range(3):
        if limit:
            break
        flipped = _flip_columns(obj, x, lower, column_flips or [])
        if flipped is not None:
            xn, fn, cn, mn, limit = local_run(flipped)
            if fn < fx - 1e-12 * max(1.0, abs(fx)):
                x, fx, converged, message = xn, fn, cn, mn
                continue
        diag = lower == 0
        scale = max(float(x[diag].max()) if diag.any() else 0.0, 0.1)
        at_bound = np.flatnonzero(diag & (x <= 1e-6 * scale))
        escape = None
        for i in at_bound:
            for delta in (0.5, 0.1, 0.01):
                xt = x.copy()
                xt[i] = delta * scale
                if obj.value(xt) < fx - 1e-9 * max(1.0, abs(fx)):
                    escape = xt
                    break
            if escape is not None:
                break
        if escape is None:
            break
        x, fx, converged, message, limit = local_run(escape)
    return OptimResult(x, fx, converged, history, obj.count, message)
