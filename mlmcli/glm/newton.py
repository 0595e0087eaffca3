"""Newton-Raphson maximisation with step halving, logged as Stata's ``ml`` logs it.

Each iteration i records the objective at the current point (``Iteration i:
log likelihood = ...``), marked ``(not concave)`` when the Hessian is not
negative definite there (the step then uses the absolute eigenvalues of -H) and
``(backed up)`` when the full step had to be halved.  Stata's stopping rule (parameter
change <= tolerance or objective change <= ltolerance, and g'(-H)^-1 g <= nrtolerance, taken at
a concave iteration) decides convergence, also when the point it reaches is "(not concave)"
(ml's premature convergence on a flat ridge, [R] maximize); afterwards, at Stata's default
tolerances or stricter, the engine keeps polishing with plain Newton steps while they still
improve the objective, so the optimum
is exact to rounding error (the printed log still ends where Stata's rule was met; Newton's
quadratic convergence makes that polish smaller than the digits Stata prints).  With a
looser tolerance(), ltolerance() or nrtolerance() the result is the iterate where the rule
was met, as Stata's ml reports it (its e(ll) the last logged one): polishing would report
numbers Stata would not.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ..iteration_listener import ReportedLog, current
from ..results.glmm import IterationDetail, IterationStep

# ``stall``'s value for the ml-based fits that pass one: iterations "(not concave)" in a row after
# which the fit stops, not converged (ml's r(430) after the table).  A parameter the likelihood
# barely depends on (sigma_v -> 0 in frontier, a separated outcome in mprobit/slogit/ivprobit, an
# evaluator's unused parameter in ml) leaves -H singular for ever, and Newton would creep through
# iterate()'s 16,000 iterations (decided without a Stata log of these cases)
NOT_CONCAVE_STALL = 100

# whether ``maximize`` logs the iterations that repeat earlier ones without taking them (tests set
# it False to compare with the log of every step taken)
SKIP_REPEATS = True


@dataclass
class NewtonResult:
    x: np.ndarray
    f: float
    converged: bool
    steps: list[IterationStep] = field(default_factory=list)
    hessian: np.ndarray | None = None
    limit_reached: bool = False  # stopped by ``iterate`` (not by a failed step)
    details: list[IterationDetail] = field(default_factory=list)  # with ``record``: each iteration's


def newton_direction(g: np.ndarray, H: np.ndarray) -> tuple[np.ndarray, bool]:
    """The ascent direction (-H)^-1 g and whether -H was positive definite.

    When it is not, the eigenvalues of -H are replaced by their absolute values (floored
    at 1e-6 of the largest), the usual modified Newton step: it ascends and keeps the
    scale of the curvature where the curvature is right."""
    A = -H
    try:
        return _cholesky_solve(A, g), True
    except np.linalg.LinAlgError:
        pass
    if not np.all(np.isfinite(A)):
        return g / max(np.max(np.abs(g)), 1.0), False
    w, V = np.linalg.eigh(A)
    w = np.maximum(np.abs(w), 1e-6 * max(np.max(np.abs(w)), 1e-12))
    return V @ ((V.T @ g) / w), False


def _private_linalg():
    """numpy's LAPACK gufuncs behind np.linalg.cholesky and np.linalg.solve (numpy 1.24 to 2.x), or
    None when this numpy lacks them or they no longer answer as the public functions do: they are
    private, so a numpy that renames or changes them falls back to the public path, never fails."""
    try:
        from numpy.linalg import _umath_linalg as gufuncs
        A = np.array([[4.0, 2.0], [2.0, 3.0]])
        g = np.array([1.0, 2.0])
        L = np.linalg.cholesky(A)
        public = np.linalg.solve(L.T, np.linalg.solve(L, g))
        Lp = gufuncs.cholesky_lo(A, signature="d->d")
        private = gufuncs.solve1(Lp.T, gufuncs.solve1(Lp, g, signature="dd->d"), signature="dd->d")
        return gufuncs if np.array_equal(public, private) else None
    except Exception:  # noqa: BLE001 - any failure of a private API means: use the public one
        return None


_umath_linalg = _private_linalg()


def _raise_linalg_error(err, flag):
    raise np.linalg.LinAlgError("Matrix is not positive definite or singular")


def _cholesky_solve(A: np.ndarray, g: np.ndarray) -> np.ndarray:
    """np.linalg.solve(L.T, np.linalg.solve(L, g)) with L = np.linalg.cholesky(A), raising
    LinAlgError as they do: for float64 arrays their gufuncs are called directly under the
    errstate they set (the same LAPACK calls, so the same bits), without the ~10 us of checks
    and conversions around each -- Newton takes one per iteration, and Cox fits of a few ms
    take ~10 (a replicated fracpoly plot, thousands)."""
    if (_umath_linalg is None or type(A) is not np.ndarray or type(g) is not np.ndarray or A.ndim != 2
            or g.ndim != 1 or A.dtype != np.float64 or g.dtype != np.float64 or A.shape != (len(g), len(g))
            or not len(g)):
        L = np.linalg.cholesky(A)
        return np.linalg.solve(L.T, np.linalg.solve(L, g))
    with np.errstate(call=_raise_linalg_error, invalid="call", over="ignore", divide="ignore", under="ignore"):
        L = _umath_linalg.cholesky_lo(A, signature="d->d")
        return _umath_linalg.solve1(L.T, _umath_linalg.solve1(L, g, signature="dd->d"), signature="dd->d")


def inverse_information(H: np.ndarray, *, pseudo_inverse: bool = False) -> np.ndarray:
    """The model-based VCE (-H)^-1 at the optimum; where -H is singular, all missing or (with
    ``pseudo_inverse``) its Moore-Penrose pseudo-inverse."""
    try:
        return np.linalg.inv(-H)
    except np.linalg.LinAlgError:
        return np.linalg.pinv(-H) if pseudo_inverse else np.full_like(H, np.nan)


def objective_of(evaluate: Callable, *, share_derivatives: bool = False) -> tuple[Callable, Callable]:
    """``fun`` and ``grad_hess`` for ``maximize`` from a likelihood's one ``evaluate(b,
    derivatives=True) -> (f, g, H)`` (the value alone with ``derivatives=False``).

    ``share_derivatives``: ``fun`` evaluates the derivatives too and ``grad_hess`` at the same b
    (bit for bit) returns them instead of evaluating again -- the point a step is accepted at is
    the next iteration's, so an iteration costs one evaluation instead of two.  Only for a
    likelihood whose value is the same bits with and without derivatives (the caller's check)."""
    if not share_derivatives:
        def fun(b):
            return evaluate(b, derivatives=False)[0]

        def grad_hess(b):
            _, g, H = evaluate(b)
            return g, H

        return fun, grad_hess
    last: list = [None, None, None]  # (b's bytes, g, H) of fun's latest evaluation

    def shared_fun(b):
        f, g, H = evaluate(b)
        last[:] = [np.asarray(b, float).tobytes(), g, H]
        return f

    def shared_grad_hess(b):
        if last[0] is not None and last[0] == np.asarray(b, float).tobytes():
            return last[1], last[2]
        _, g, H = evaluate(b)
        return g, H

    return shared_fun, shared_grad_hess


def maximize(fun: Callable[[np.ndarray], float],
             grad_hess: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]],
             x0: np.ndarray, iterate: int = 300, tolerance: float = 1e-6,
             ltolerance: float = 1e-7, nrtolerance: float = 1e-5, polish: int = 8,
             f0: float | None = None, stall: int = 0, record: bool = False,
             on_iteration: Callable[[int, float], None] | None = None) -> NewtonResult:
    """Maximise ``fun`` from ``x0``; ``grad_hess(x)`` returns (gradient, Hessian).  Not
    converged: ``limit_reached`` tells ``iterate`` iterations done (``iterate=0``: the
    starting values) from a step that found no ascent.  ``stall`` > 0: also stop (not
    converged) after that many "(not concave)" iterations in a row (a likelihood flat or
    unbounded toward a boundary, where the steps would creep through all of ``iterate``).
    ``record``: ``details`` holds each iteration's b, gradient, negative Hessian, the steps
    tried and the convergence criteria (maximize's trace, gradient, hessian, showstep and
    showtolerance; iterations that repeat a cycle (``_repeat_cycle``) have none).
    ``on_iteration(i, f)``: each line of the log as it is reached (None: whoever
    ``iteration_listener.current()`` names, if anyone)."""
    x = np.asarray(x0, float).copy()
    details: list[IterationDetail] = []
    criteria = None
    f = fun(x) if f0 is None else f0
    steps: list[IterationStep] = []
    converged = limit = False
    H = None
    if not np.isfinite(f):
        return NewtonResult(x, f, False, [IterationStep(0, f)], None)
    if on_iteration is None:
        on_iteration = current()
    if on_iteration is not None:
        steps = ReportedLog(on_iteration, value=lambda step: step.loglik, number=lambda step: step.iteration)
    it = flat = 0
    seen: dict[bytes, int] = {}  # each iteration's exact state (x, f) -> its number
    path: list[np.ndarray] = []  # x at iteration i
    while True:
        state = x.tobytes() + np.float64(f).tobytes()
        if state in seen and SKIP_REPEATS:
            # the same x and f bit for bit as iteration seen[state]: every later iteration repeats
            # that cycle exactly (ml logs them all to iterate(), nrtolerance(0) or tolerance(0)
            # ltolerance(0) never holding), so the rest of the log is the cycle's lines again
            start = seen[state]
            res = _repeat_cycle(grad_hess, steps, steps[start:it], path[start:it], it, iterate, flat, stall)
            res.details, res.steps = details, list(res.steps)
            return res
        seen[state] = it
        path.append(x.copy())
        g, H = grad_hess(x)
        d, concave = newton_direction(g, H)
        steps.append(IterationStep(it, f, "" if concave else "(not concave)"))
        tries: list[tuple[float, float]] = []
        if record:
            details.append(IterationDetail(it, x.copy(), np.array(g, float), -np.array(H, float), (), criteria))
        if len(x) == 0:
            converged = True
            break
        if it >= iterate:
            limit = True
            break
        t, backed = 1.0, False
        fn = fun(x + d)
        tries.append((t, fn))
        while not (np.isfinite(fn) and fn >= f - 1e-12 * abs(f)) and t > 1e-10:
            t *= 0.5
            backed = True
            fn = fun(x + t * d)
            tries.append((t, fn))
        if record:
            details[-1] = dataclasses.replace(details[-1], tries=tuple(tries))
        if not np.isfinite(fn) or (fn < f - 1e-12 * abs(f)):
            break  # no ascent possible: report what we have (not converged)
        if backed:
            steps[-1] = IterationStep(it, f, "(backed up)" if concave else "(not concave)")
        xn = x + t * d
        dx = np.max(np.abs(xn - x) / (np.abs(x) + 1))
        df = abs(fn - f) / (abs(f) + 1)
        nr = float(g @ d) if concave else np.inf
        criteria = (float(dx), float(df), nr)
        flat = 0 if concave else flat + 1
        x, f = xn, fn
        it += 1
        if stall and flat >= stall:
            steps.append(IterationStep(it, f, "(not concave)"))
            break
        if (dx <= tolerance or df <= ltolerance) and nr <= nrtolerance:
            g, H = grad_hess(x)
            d, concave = newton_direction(g, H)
            steps.append(IterationStep(it, f, "" if concave else "(not concave)"))
            if record:
                details.append(IterationDetail(it, x.copy(), np.array(g, float), -np.array(H, float), (), criteria))
            # ml declares convergence here even when the last iteration is "(not concave)" ([R]
            # maximize, difficult: "when the default stepper declares convergence and the last
            # iteration is 'not concave'"): a flat direction whose Hessian rounds past 0
            converged = True
            break
    if converged and not loosened(tolerance, ltolerance, nrtolerance):
        x, f, H = _polish(fun, grad_hess, x, f, H, polish, g, (d, concave))
    return NewtonResult(x, f, converged, list(steps), H, limit, details)


def _repeat_cycle(grad_hess, steps, cycle, xs, i, iterate, flat, stall) -> NewtonResult:
    """The end of ``maximize`` once its iterations repeat: iteration ``i`` onwards are the lines
    ``cycle`` (at the points ``xs``) in turn -- their values and notes ("(not concave)",
    "(backed up)") -- until the log's line ``iterate`` (its note the direction's only, no step
    taken there) or until ``stall`` "(not concave)" steps in a row, as the loop would have gone
    on; the result is the loop's: x at the last line and the Hessian where the loop took it."""
    period = len(cycle)
    concave = [not step.note.startswith("(not") for step in cycle]
    first = i
    while True:
        k = (i - first) % period
        if i >= iterate:
            steps.append(IterationStep(i, cycle[k].loglik, "" if concave[k] else "(not concave)"))
            _, H = grad_hess(xs[k])
            return NewtonResult(xs[k], cycle[k].loglik, False, steps, H, True)
        steps.append(IterationStep(i, cycle[k].loglik, cycle[k].note))
        flat = 0 if concave[k] else flat + 1
        i += 1
        if stall and flat >= stall:
            after = (i - first) % period
            steps.append(IterationStep(i, cycle[after].loglik, "(not concave)"))
            _, H = grad_hess(xs[k])  # the loop's H: the one of the step just taken
            return NewtonResult(xs[after], cycle[after].loglik, False, steps, H, False)


def loosened(tolerance: float, ltolerance: float, nrtolerance: float) -> bool:
    """Whether a stopping rule is looser than ml's defaults (1e-6, 1e-7, 1e-5)."""
    return tolerance > 1e-6 or ltolerance > 1e-7 or nrtolerance > 1e-5


def _polish(fun, grad_hess, x, f, H, rounds, g=None, direction=None):
    """Further pure Newton steps while they raise the objective (quadratic convergence); ``g``
    and ``H``: the gradient and Hessian at x already (the converged iterate's), not evaluated again;
    ``direction``: newton_direction(g, H) already taken there (the convergence check's), not
    factored again."""
    for _ in range(rounds):
        if g is None:
            g, H = grad_hess(x)
            direction = None
        d, concave = newton_direction(g, H) if direction is None else direction
        if not concave or not np.all(np.isfinite(d)):
            break
        fn = fun(x + d)
        if not np.isfinite(fn) or fn < f - 1e-13 * abs(f):
            break
        x, f, g = x + d, max(fn, f), None
        if np.max(np.abs(d) / (np.abs(x) + 1)) < 1e-13:
            break
    return x, f, H
