"""The maximiser behind ``ml model``/``ml maximize`` with a user's evaluator program: the
starting-value search (``initial:``, ``feasible:``, ``alternative:``, ``rescale:``, ``rescale
eq:``), the iterations under ``technique()`` and the variance (OIM, robust, cluster).

The likelihood arrives as two callables over the parameter vector b (the command layer runs
the evaluator): ``value(b)`` -> the log likelihood (-inf where it cannot be evaluated) and
``derivatives(b)`` -> (ll, g, H, S) with S the observations' scores (N x p) or None (d0).

- Search: ml search's steps as its log names them.  What ml does inside each step (its random
  draws, its rescaling) is not documented to the digit, so the searched start is mlm's: the
  ``initial:`` value (the likelihood at the start) is Stata's, the later lines are not; the
  maximum the iterations reach is the same.  ``alternative:`` tries other constants for each
  equation, ``rescale:`` the best multiple c b of the whole vector, ``rescale eq:`` the best
  multiple of each equation's coefficients and then of its constant alone.  No feasible
  start: ml's ``could not find feasible values`` r(491).
- Iterations: technique(nr) is ``glm.newton.maximize`` (step halving, ``(not concave)`` and
  ``(backed up)``, ml's stopping rule); bhhh/dfp/bfgs and turns of several are
  ``conditional_techniques.maximise_techniques``.  Linear constraints: the maximisation runs
  over gamma, b = b0 + N gamma (``glm.inference.ConstraintMap``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from mlmcli.errors import StataError
from mlmcli.glm.newton import NOT_CONCAVE_STALL
from mlmcli.results.glmm import IterationStep


# technique(nr) stops, not converged, after newton's NOT_CONCAVE_STALL "(not concave)" iterations
# in a row (an evaluator's parameter the likelihood does not depend on)
STALL = NOT_CONCAVE_STALL


@dataclass
class SearchResult:
    b: np.ndarray
    ll: float
    lines: list[tuple[str, float, str]] = field(default_factory=list)  # (label, ll, note)


@dataclass
class MaximizeResult:
    b: np.ndarray
    ll: float
    steps: list[IterationStep]
    converged: bool
    iterations: int
    details: list = field(default_factory=list)  # with ``record``: IterationDetail over b (technique nr)


def search_start(value: Callable, b0: np.ndarray, equations, *, alternative: bool = True,
                 rescale: bool = True, bounds: dict | None = None) -> SearchResult:
    """ml search from ``b0``; ``equations``: per equation (its parameter positions, the
    position of its constant or None); ``bounds`` {a constant's position: (lb, ub)}: the
    alternative step tries that constant over the range (ml search's bounds) instead of
    offsets from its current value."""
    b = np.asarray(b0, float).copy()
    ll = value(b)
    if not np.isfinite(ll):
        out = SearchResult(b, -np.inf, [("initial:", -np.inf, "(could not be evaluated)")])
        found = _feasible(value, b, equations)
        if found is None:
            raise StataError("could not find feasible values", 491)
        b, ll = found
        out.lines.append(("feasible:", ll, ""))
    else:
        out = SearchResult(b, ll, [("initial:", ll, "")])
        if alternative:
            b, ll = _alternative(value, b, ll, equations, bounds or {})
            out.lines.append(("alternative:", ll, ""))
    if rescale:
        everything = np.arange(b.size)
        if np.any(b != 0):
            b, ll = _scaled(value, b, ll, everything)
        out.lines.append(("rescale:", ll, ""))
        if len(equations) > 1:
            for positions, constant in equations:
                positions = np.asarray(positions, int)
                if np.any(b[positions] != 0):
                    b, ll = _scaled(value, b, ll, positions)
                if constant is not None:
                    b, ll = _shifted(value, b, ll, constant)
            out.lines.append(("rescale eq:", ll, ""))
    out.b, out.ll = b, ll
    return out


_FEASIBLE_CONSTANTS = (1.0, 0.5, 2.0, 0.1, 5.0, 10.0, -1.0, 25.0, 100.0, -0.5, 1000.0, -5.0)


def _feasible(value, b, equations):
    """The first start with a finite likelihood: every constant set to one value, then the
    constants one equation at a time, then the slopes zeroed as well."""
    constants = [c for _, c in equations if c is not None]
    for zero_slopes in (False, True):
        base = np.zeros_like(b) if zero_slopes else b
        # every constant at once, then each equation's alone
        for which in [constants] + [[c] for c in constants]:
            for v in _FEASIBLE_CONSTANTS:
                trial = base.copy()
                trial[which] = v
                ll = value(trial)
                if np.isfinite(ll):
                    return trial, ll
    return None


def _alternative(value, b, ll, equations, bounds):
    for _, constant in equations:
        if constant is not None:
            ranged = constant in bounds  # values in the range, or offsets from the best so far
            for v in np.linspace(*bounds[constant], 11) if ranged else (-1.0, 1.0, -0.5, 0.5, 2.0, -2.0):
                trial = b.copy()
                trial[constant] = v if ranged else b[constant] + v
                f = value(trial)
                if np.isfinite(f) and f > ll:
                    b, ll = trial, f
    return b, ll


def _best_on_line(fun, ll, candidates):
    """The best of ``candidates`` (t values) for ``fun(t)`` with ll at t0, then refined by
    halving the bracket around it: (t, value) or None when none improves on ll."""
    best_t, best = None, ll
    for t in candidates:
        f = fun(t)
        if np.isfinite(f) and f > best:
            best_t, best = t, f
    if best_t is None:
        return None
    step = abs(best_t) * 0.5 if best_t else 0.5
    for _ in range(6):
        for t in (best_t - step, best_t + step):
            f = fun(t)
            if np.isfinite(f) and f > best:
                best_t, best = t, f
        step *= 0.5
    return best_t, best


def _moved(value, b, ll, move, candidates):
    """b moved by ``move(b, t)`` for the best t (``_best_on_line``), or b itself."""
    found = _best_on_line(lambda t: value(move(b, t)), ll, candidates)
    return (b, ll) if found is None else (move(b, found[0]), found[1])


def _scaled(value, b, ll, positions):
    def move(x, c):
        x = x.copy()
        x[positions] = c * x[positions]
        return x

    return _moved(value, b, ll, move, [2.0 ** k for k in range(-6, 7) if k] + [-1.0])


def _shifted(value, b, ll, position):
    def move(x, t):
        x = x.copy()
        x[position] += t
        return x

    return _moved(value, b, ll, move, [s * 2.0 ** k for k in range(-2, 5) for s in (1, -1)])


def maximize(value: Callable, derivatives: Callable, b0: np.ndarray, cmap, schedule,
             *, iterate: int = 16000, tolerance: float = 1e-6, ltolerance: float = 1e-7,
             nrtolerance: float = 1e-5, score_weights: np.ndarray | None = None,
             record: bool = False, on_iteration=None) -> MaximizeResult:
    """Maximise over gamma (b = ``cmap.theta(gamma)``) from ``b0`` under ``schedule``
    ([(technique, count)], ``conditional_techniques.technique_schedule``); bhhh's matrix is
    sum_j w_j s_j s_j' over the score rows s_j (``score_weights`` w, as vce(opg)'s).
    ``record`` (technique nr alone): ``details``, each iteration's b, gradient and negative
    Hessian over b (not gamma), the steps tried and the convergence criteria.
    ``on_iteration(i, loglik)``: each iteration as it is reached."""
    gamma0 = cmap.gamma(np.asarray(b0, float))
    full: dict[bytes, tuple] = {}  # gamma's bytes -> (g, H) over b, for ``details``

    def fun(gamma):
        return value(cmap.theta(gamma))

    def reduced(gamma):
        ll, g, H, S = derivatives(cmap.theta(gamma))
        if record:
            full[np.asarray(gamma, float).tobytes()] = (np.asarray(g, float), np.asarray(H, float))
        return (ll, *cmap.reduced(g, H), S)

    if [t for t, _ in schedule] == ["nr"]:
        from mlmcli.glm.newton import maximize as newton

        res = newton(fun, lambda x: reduced(x)[1:3], gamma0, iterate=iterate, tolerance=tolerance,
                     ltolerance=ltolerance, nrtolerance=nrtolerance, stall=STALL, record=record,
                     on_iteration=on_iteration)
        details = [_over_b(d, cmap, full) for d in res.details]
        return MaximizeResult(cmap.theta(res.x), res.f, res.steps, res.converged, len(res.steps) - 1, details)
    from mlmcli.conditional_techniques import maximise_techniques

    def both(_X, _y, _groups, gamma):
        ll, g, H, _ = reduced(gamma)
        return ll, g, H

    def outer(_X, _y, _groups, gamma):
        G = cmap.reduced_scores(reduced(gamma)[3])
        return (G if score_weights is None else G * score_weights[:, None]).T @ G

    gamma, ll, _, log, converged = maximise_techniques(both, outer, None, None, None, schedule,
                                                       max_iter=iterate, start=gamma0,
                                                       tolerances=(tolerance, ltolerance, nrtolerance),
                                                       on_iteration=on_iteration)
    steps = [IterationStep(i, entry[0], entry[1], entry[2] if len(entry) > 2 else "")
             for i, entry in enumerate(log)]
    return MaximizeResult(cmap.theta(gamma), ll, steps, converged, len(steps) - 1)


def _over_b(detail, cmap, full):
    """An IterationDetail of the maximisation over gamma, with b, g and -H over b."""
    import dataclasses

    g, H = full.get(np.asarray(detail.b, float).tobytes(), (None, None))
    if g is None:  # not seen by reduced(): as recorded
        return detail
    return dataclasses.replace(detail, b=cmap.theta(detail.b), gradient=g, neg_hessian=-H)


def model_vce(cmap, H: np.ndarray) -> np.ndarray:
    """OIM: N (N'(-H)N)^-1 N' (pseudo-inverse where singular)."""
    from mlmcli.glm.newton import inverse_information

    return cmap.exactly_fixed(cmap.vcov(inverse_information(cmap.reduced_hessian(H), pseudo_inverse=True)))


def robust_vce(cmap, H: np.ndarray, S: np.ndarray, weights, weight_type: str | None,
               clusters=None) -> tuple[np.ndarray, int | None]:
    """The sandwich V (-H)^-1 B (-H)^-1 with ml's small-sample factor: n/(n-1) (n the
    observations, the sum of fweights) or G/(G-1) over G clusters; scores weighted by the
    weights (fweights count each observation w times).  Returns (V, G or None)."""
    from mlmcli.glm.newton import inverse_information

    Vg = inverse_information(cmap.reduced_hessian(H), pseudo_inverse=True)
    G = cmap.reduced_scores(S)
    from mlmcli.robust.cluster_sandwich import cluster_index, cluster_sandwich

    w = np.ones(len(G)) if weights is None else np.asarray(weights, float)
    groups, n_groups = (None, None) if clusters is None else cluster_index(clusters)
    V = cmap.vcov(cluster_sandwich(Vg, G * w[:, None], groups, fweight=w if weight_type == "fweight" else None))
    return cmap.exactly_fixed(V), n_groups
