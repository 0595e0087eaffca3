"""Newton-Raphson maximisation with step halving, logged as Stata's ``ml`` logs it.

Each iteration i records the objective at the current point (``Iteration i:
log likelihood = ...``), marked ``(not concave)`` when the Hessian is not
negative definite there (the step then uses the absolute eigenvalues of -H) and
``(backed up)`` when the full step had to be halved.  Stata's stopping rule (parameter change <= tolerance
or objective change <= ltolerance, and g'(-H)^-1 g <= nrtolerance) decides
convergence; afterwards, at Stata's default tolerances or stricter, the engine keeps
polishing with plain Newton steps while they still improve the objective, so the optimum
is exact to rounding error (the printed log still ends where Stata's rule was met; Newton's
quadratic convergence makes that polish smaller than the digits Stata prints).  With a
looser tolerance(), ltolerance() or nrtolerance() the result is the iterate where the rule
was met, as Stata's ml reports it (its e(ll) the last logged one): polishing would report
numbers Stata would not.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ..results.glmm import IterationStep

# ``stall``'s value for the ml-based fits that pass one: iterations "(not concave)" in a row after
# which the fit stops, not converged (ml's r(430) after the table).  A parameter the likelihood
# barely depends on (sigma_v -> 0 in frontier, a separated outcome in mprobit/slogit/ivprobit, an
# evaluator's unused parameter in ml) leaves -H singular for ever, and Newton would creep through
# iterate()'s 16,000 iterations (decided without a Stata log of these cases)
NOT_CONCAVE_STALL = 100


@dataclass
class NewtonResult:
    x: np.ndarray
    f: float
    converged: bool
    steps: list[IterationStep] = field(default_factory=list)
    hessian: np.ndarray | None = None
    limit_reached: bool = False  # stopped by ``iterate`` (not by a failed step)


def newton_direction(g: np.ndarray, H: np.ndarray) -> tuple[np.ndarray, bool]:
    """The ascent direction (-H)^-1 g and whether -H was positive definite.

    When it is not, the eigenvalues of -H are replaced by their absolute values (floored
    at 1e-6 of the largest), the usual modified Newton step: it ascends and keeps the
    scale of the curvature where the curvature is right."""
    A = -H
    try:
        L = np.linalg.cholesky(A)
        return np.linalg.solve(L.T, np.linalg.solve(L, g)), True
    except np.linalg.LinAlgError:
        pass
    if not np.all(np.isfinite(A)):
        return g / max(np.max(np.abs(g)), 1.0), False
    w, V = np.linalg.eigh(A)
    w = np.maximum(np.abs(w), 1e-6 * max(np.max(np.abs(w)), 1e-12))
    return V @ ((V.T @ g) / w), False


def inverse_information(H: np.ndarray, *, pseudo_inverse: bool = False) -> np.ndarray:
    """The model-based VCE (-H)^-1 at the optimum; where -H is singular, all missing or (with
    ``pseudo_inverse``) its Moore-Penrose pseudo-inverse."""
    try:
        return np.linalg.inv(-H)
    except np.linalg.LinAlgError:
        return np.linalg.pinv(-H) if pseudo_inverse else np.full_like(H, np.nan)


def objective_of(evaluate: Callable) -> tuple[Callable, Callable]:
    """``fun`` and ``grad_hess`` for ``maximize`` from a likelihood's one ``evaluate(b,
    derivatives=True) -> (f, g, H)`` (the value alone with ``derivatives=False``)."""
    def fun(b):
        return evaluate(b, derivatives=False)[0]

    def grad_hess(b):
        _, g, H = evaluate(b)
        return g, H

    return fun, grad_hess


def maximize(fun: Callable[[np.ndarray], float],
             grad_hess: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]],
             x0: np.ndarray, iterate: int = 300, tolerance: float = 1e-6,
             ltolerance: float = 1e-7, nrtolerance: float = 1e-5, polish: int = 8,
             f0: float | None = None, stall: int = 0) -> NewtonResult:
    """Maximise ``fun`` from ``x0``; ``grad_hess(x)`` returns (gradient, Hessian).  Not
    converged: ``limit_reached`` tells ``iterate`` iterations done (``iterate=0``: the
    starting values) from a step that found no ascent.  ``stall`` > 0: also stop (not
    converged) after that many "(not concave)" iterations in a row (a likelihood flat or
    unbounded toward a boundary, where the steps would creep through all of ``iterate``)."""
    x = np.asarray(x0, float).copy()
    f = fun(x) if f0 is None else f0
    steps: list[IterationStep] = []
    converged = limit = False
    H = None
    if not np.isfinite(f):
        return NewtonResult(x, f, False, [IterationStep(0, f)], None)
    it = flat = 0
    while True:
        g, H = grad_hess(x)
        d, concave = newton_direction(g, H)
        steps.append(IterationStep(it, f, "" if concave else "(not concave)"))
        if len(x) == 0:
            converged = True
            break
        if it >= iterate:
            limit = True
            break
        t, backed = 1.0, False
        fn = fun(x + d)
        while not (np.isfinite(fn) and fn >= f - 1e-12 * abs(f)) and t > 1e-10:
            t *= 0.5
            backed = True
            fn = fun(x + t * d)
        if not np.isfinite(fn) or (fn < f - 1e-12 * abs(f)):
            break  # no ascent possible: report what we have (not converged)
        if backed:
            steps[-1] = IterationStep(it, f, "(backed up)" if concave else "(not concave)")
        xn = x + t * d
        dx = np.max(np.abs(xn - x) / (np.abs(x) + 1))
        df = abs(fn - f) / (abs(f) + 1)
        nr = float(g @ d) if concave else np.inf
        flat = 0 if concave else flat + 1
        fixed = dx <= 1e-15 and abs(fn - f) <= 1e-15 * (abs(f) + 1)  # moved by rounding only
        x, f = xn, fn
        it += 1
        if fixed and not ((dx <= tolerance or df <= ltolerance) and nr <= nrtolerance):
            # a step that moved nothing: every later iteration is this one again (to the digits
            # logged) and the rule (nrtolerance(0), tolerance(0) ltolerance(0)) never holds --
            # ml logs them all to iterate(), so the log is filled without stepping
            # ("(not concave)" ones only until the stall rule, which they would meet: iterate(1e300)
            # made this range endless)
            last = iterate if not (stall and not concave) else min(iterate, it + stall - flat)
            steps.extend(IterationStep(i, f, steps[-1].note if steps[-1].note != "(backed up)" else "")
                         for i in range(it, last + 1))
            g, H = grad_hess(x)
            limit = last == iterate
            break
        if stall and flat >= stall:
            steps.append(IterationStep(it, f, "(not concave)"))
            break
        if (dx <= tolerance or df <= ltolerance) and nr <= nrtolerance:
            g, H = grad_hess(x)
            d, concave = newton_direction(g, H)
            steps.append(IterationStep(it, f, "" if concave else "(not concave)"))
            converged = concave
            break
    if converged and not loosened(tolerance, ltolerance, nrtolerance):
        x, f, H = _polish(fun, grad_hess, x, f, H, polish, g)
    return NewtonResult(x, f, converged, steps, H, limit)


def loosened(tolerance: float, ltolerance: float, nrtolerance: float) -> bool:
    """Whether a stopping rule is looser than ml's defaults (1e-6, 1e-7, 1e-5)."""
    return tolerance > 1e-6 or ltolerance > 1e-7 or nrtolerance > 1e-5


def _polish(fun, grad_hess, x, f, H, rounds, g=None):
    """Further pure Newton steps while they raise the objective (quadratic convergence); ``g``
    and ``H``: the gradient and Hessian at x already (the converged iterate's), not evaluated again."""
    for _ in range(rounds):
        if g is None:
            g, H = grad_hess(x)
        d, concave = newton_direction(g, H)
        if not concave or not np.all(np.isfinite(d)):
            break
        fn = fun(x + d)
        if not np.isfinite(fn) or fn < f - 1e-13 * abs(f):
            break
        x, f, g = x + d, max(fn, f), None
        if np.max(np.abs(d) / (np.abs(x) + 1)) < 1e-13:
            break
    return x, f, H
