"""Maximising the marginal log likelihood over all parameters.

Stata's three phases are kept ([ME] meglm, the iteration log):

1. ``Fitting fixed-effects model:`` the single-level GLM (``mlmcli.glm.fit``),
   whose estimates start the fixed effects and ancillary parameters;
2. ``Refining starting values:`` the log likelihood at a grid of equal random-effects
   variances (0.1, 0.5, 1, 0.02) with zero covariances, keeping the best node
   (``Grid node i:``);
3. ``Fitting full model:`` quasi-Newton (BFGS) iterations from a finite-difference
   Hessian at the start (measured again after two "not concave" iterations in a row: measuring
   only its variance rows and columns was faster, but left a random-slope xtmelogit at a worse,
   singular end point -- tests/test_glmm_optimizer_paths.py),
   with step halving (``(backed up)``), on the analytic
   gradient when the engine has one (one level and nested levels: every method) and central
   differences otherwise; then Newton steps on an accurate Hessian (Richardson
   extrapolation of finite differences with steps scaled by the standard errors)
   until the step vanishes, so the optimum is exact to rounding.

A variance at its boundary.  When the likelihood is largest at a zero variance, its
ln sd s runs to -infinity and the likelihood approaches its limit only as
L0 + c exp(2s): every iteration gains a little less, the curvature in s fades with the
gradient, and the iterations creep (often "not concave") without end.  Stata stops
there on its tolerances and reports a tiny variance.  Here a ln sd that keeps falling
while its gradient still pulls it down is tried at a value where the variance no longer
matters to the likelihood (``boundary_jumps``): if the likelihood there is at least as
high, the parameter jumps there and the other parameters are optimised with it at the
boundary.  At convergence the boundary is verified: the likelihood with that
variance restored to (a fraction of) its value before the jump must not be higher;
if it is, the maximisation resumes from that better interior point without jumps for
that parameter.  The restored variance is judged with its correlations re-chosen from a
grid (they stopped mattering at the jump and kept whatever value they had drifted to).

A correlation at +/-1 is the same ridge in z = atanh(rho): 1 - |rho| ~ 2 exp(-2|z|), so the
likelihood approaches its limit as L1 - c exp(-2|z|) and z creeps outwards.  An atanh
parameter (``Objective.atanh``) beyond |z| = 2 that keeps moving out while its gradient
pulls it out jumps the same way, towards +/-``ATANH_BOUND``, and is verified the same way.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..glm.newton import NewtonResult, newton_direction
from ..results.glmm import IterationStep
from . import numdiff
from .boundary_jumps import ATANH_JUMP_FROM, boundary_jumps, interior_point
from .levels import ATANH_BOUND, LNSD_FLOOR

GRID_VARIANCES = (0.1, 0.5, 1.0, 0.02)
BOUNDARY = LNSD_FLOOR - 1.0   # a ln sd below the floor: the variance is zero to the likelihood
REFRESH_AFTER = 2  # "not concave" iterations in a row after which the Hessian is measured again
# backed-up, not concave iterations in a row, each changing ln L by less than ltolerance, after
# which the fit stops unconverged: a likelihood whose rounding noise is larger than the steps
# (a Poisson count near 9e15 beside random effects: each term ~3e17, ln L ~ -700) backs up for
# ever short of any optimum; ml would run to its 16,000 iterations, each a line search
STALLED_AFTER = 5
RETURN_BY = 1.0  # a jumped parameter carried back inwards by this much is interior again
# |atanh corr| beyond which (1 - |corr| < 2e-6) the analytic gradient, written in b with
# Sigma^-1, has lost its digits (at a jumped corr of 1 - 5e-9 its ln sd components were
# off by a factor of 5 and BFGS stalled short of the optimum): central differences of the
# values, which keep theirs, take over
ANALYTIC_ATANH = 7.0
SLOW_POLISH = 0.7  # quasi-Newton polish steps shrinking slower than this hand over to the accurate Hessian
ACCURATE_ROUNDS = 10  # at most this many Newton steps on polish's accurate Hessian
STATA_RULE_LNSD = -3.0  # a ln sd below this (sd < 0.05) may be creeping to its boundary


@dataclass
class Objective:
    """f(theta) with its gradient (analytic or central differences) and Hessians."""

    f: callable
    k: int
    grad_fn: callable | None = None
    evaluations: int = 0
    log_sd: tuple = ()  # indices of ln sd parameters (variances that may sit at zero)
    atanh: tuple = ()  # indices of atanh correlations (correlations that may sit at +/-1)
    partners: dict = None  # ln sd index -> the atanh indices of its correlations
    at_boundary: tuple = ()  # set by ``maximize``: the parameters it left at their boundary
    extrapolate_settled: bool = False  # a settled Hessian as the Richardson extrapolate of its two steps
    _last_gradient: tuple | None = field(default=None, repr=False, compare=False)

    def boundary_direction(self, j: int, x) -> tuple[float, float]:
        """(sign of the way out, limit) of boundary parameter j at x: ln sd down to
        ``BOUNDARY``, atanh corr away from 0 to +/-``ATANH_BOUND``."""
        if j in self.log_sd:
            return -1.0, BOUNDARY
        s = 1.0 if x[j] >= 0 else -1.0
        return s, s * ATANH_BOUND

    def value(self, x) -> float:
        self.evaluations += 1
        return self.f(x)

    def steps(self, x) -> np.ndarray:
        return 1e-4 * np.maximum(1.0, np.abs(x))

    def analytic(self, x) -> bool:
        """Whether the analytic gradient is used at x (see ``ANALYTIC_ATANH``)."""
        return self.grad_fn is not None and all(abs(x[j]) <= ANALYTIC_ATANH for j in self.atanh)

    def gradient(self, x) -> np.ndarray:
        """The gradient at x; the last one is kept: the search's final gradient is polish's
        first, and polish's last quasi-Newton round and its first accurate round ask at the
        same x again (two gradients of the ~25 of a one-level ordinal fit: what its final
        Hessian's settling check costs)."""
        key = (np.asarray(x, float).tobytes(), self.grad_fn)
        if self._last_gradient is not None and self._last_gradient[0] == key:
            return self._last_gradient[1].copy()
        g = self._gradient(x)
        self._last_gradient = (key, np.array(g, float))
        return g

    def _gradient(self, x) -> np.ndarray:
        g = _finite_value(self.grad_fn, x) if self.grad_fn is not None else None
        if g is not None and not self.analytic(x):
            # a correlation past ANALYTIC_ATANH: only the analytic gradient's ln sd and atanh
            # components lose their digits; they alone come from central differences of the
            # values (2u values for u of them, not 2k: policy-diffusion's melogit spent two
            # thirds of its time in 80-value gradients)
            untrusted = sorted(set(self.log_sd) | set(self.atanh))
            g = g.copy()
            h = self.steps(x)
            for j in untrusted:
                e = np.zeros_like(x)
                e[j] = h[j]
                g[j] = (self.value(x + e) - self.value(x - e)) / (2 * h[j])
            if not np.all(np.isfinite(g)):
                g = None
        return g if g is not None else numdiff.gradient(self.value, x, self.steps(x))

    def rough_hessian(self, x, f0=None, g0=None) -> np.ndarray:
        h = 1e-3 * np.maximum(1.0, np.abs(x))
        if self.grad_fn is not None:
            g0 = self.gradient(x) if g0 is None else g0
            return numdiff.forward_jacobian_of_gradient(self.gradient, x, h, g0)
        return numdiff.hessian(self.value, x, h, f0, richardson=False)

    def accurate_hessian(self, x, se: np.ndarray, f0=None) -> np.ndarray:
        """Central differences of the analytic gradient with steps of 0.002 standard errors
        (truncation error ~1e-8 relative; the gradient is exact to ~1e-13, so the
        differences are too), checked against half those steps and halved further where the
        likelihood is not quadratic over them (``numdiff.settled_jacobian_of_gradient``; with
        ``extrapolate_settled``, nested quadrature, the extrapolate of J(h) and J(h/2) rather
        than J(h)); without one, the Richardson Hessian of the values with
        steps of 0.2 (then 0.1) SE.  With a correlation past ``ANALYTIC_ATANH`` only the
        analytic gradient's ln sd and atanh components lose their digits: the rows of the
        others come from its differences, the variance block from the values (with 43
        parameters, 86 gradients and ~70 values instead of ~7,400 values)."""
        ok = np.isfinite(se) & (se > 0)
        scale = np.maximum(1.0, np.abs(x))
        h = 2e-3 * np.where(ok, se, 1e-2 * scale)
        # an all but unidentified parameter (a correlation at +/-1: SE in the thousands)
        # would be stepped far off the point, into another regime of the likelihood
        h = np.clip(h, 1e-8 * scale, 5e-2 * scale)
        if self.analytic(x):
            variance = tuple(self.log_sd) + tuple(self.atanh)
            return numdiff.settled_jacobian_of_gradient(self.grad_fn, x, h, variance if variance else None,
                                                        extrapolate=self.extrapolate_settled)
        h_value = np.minimum(0.2 * np.where(ok, se, 1e-2 * scale), 0.5 * scale)
        if self.grad_fn is not None:
            trusted = np.ones(len(x), bool)
            trusted[list(self.log_sd) + list(self.atanh)] = False
            return numdiff.hessian_from_gradient_rows(self.grad_fn, self.value, x, trusted, h, h_value, f0)
        return numdiff.hessian(self.value, x, h_value, f0, richardson=True)


def maximize(obj: Objective, x0: np.ndarray, iterate: int = 16000, tolerance: float = 1e-6,
             ltolerance: float = 1e-7, on_iteration=None, nrtolerance: float = 1e-5,
             difficult: bool = False) -> NewtonResult:
    """BFGS from a finite-difference Hessian.

    Converged when the Newton decrement g'(-H)^-1 g falls below 1e-12 |f| (the optimum
    to rounding), or -- on a flat ridge, e.g. a correlation running to +/-1 -- when three
    successive iterations change f by less than 1e-14 relative, or when no ascent is
    possible even from a fresh Hessian and the last change met Stata's ``ltolerance``.
    Away from the boundaries (``_stata_rule_applies``) also where ml stops: the last step
    changed f by less than ``ltolerance`` or x by less than ``tolerance`` (relative) and
    g'(-H)^-1 g < ``nrtolerance`` -- ``polish`` then takes the estimates to the optimum, so
    only the log's length changes (a large sigma_u creeps along a flat ridge for ~25 more
    iterations otherwise: docs/xtlogit_flat_ridge.md).
    A variance (``obj.log_sd``) whose optimum is zero is moved to the boundary and the
    boundary verified (module docstring).  ``iterate`` caps the iterations (not
    converged).  ``difficult`` (ml's option): in nonconcave regions the step of
    ``difficult_direction`` instead of the modified Newton step -- another path, the same
    maximum."""
    free = tuple(obj.log_sd) + tuple(obj.atanh)
    rule = (tolerance, ltolerance, nrtolerance)
    direction = difficult_direction if difficult else newton_direction
    res, jumped = _bfgs(obj, x0, iterate, ltolerance, on_iteration, free, 0, rule, direction)
    steps = list(res.steps)
    while res.converged and jumped:
        better = interior_point(obj, res.x, res.f, jumped)
        if better is None:
            break
        x1, j = better
        free = tuple(i for i in free if i != j)
        res, jumped = _bfgs(obj, x1, iterate, ltolerance, on_iteration, free, len(steps), rule, direction)
        steps += res.steps
    obj.at_boundary = tuple(sorted(jumped))
    return NewtonResult(res.x, res.f, res.converged, steps, res.hessian)


def difficult_direction(g: np.ndarray, H: np.ndarray) -> tuple[np.ndarray, bool]:
    """ml's ``difficult`` stepping: where -H is not positive definite, Newton along the
    eigenvectors of the right curvature and steepest ascent (the gradient's component over the
    largest right curvature, the line search sets its length) along the others, rather than
    ``newton_direction``'s absolute eigenvalues; the Newton step where -H is."""
    d, concave = newton_direction(g, H)
    if concave or not np.all(np.isfinite(H)):
        return d, concave
    w, V = np.linalg.eigh(-H)
    right = w > 1e-6 * max(float(np.max(np.abs(w))), 1e-12)
    scale = float(np.max(w[right])) if right.any() else float(np.max(np.abs(w)))
    c = V.T @ g
    return V @ np.where(right, c / np.where(right, w, 1.0), c / max(scale, 1e-12)), False


def _bfgs(obj: Objective, x0, iterate, ltolerance, on_iteration, free, it0, rule=None,
          direction=newton_direction):
    """The BFGS iterations of ``maximize`` (numbered from ``it0``), with boundary jumps
    for the ln sd indices ``free``; returns the result and {index: ln sd before its jump}."""
    x = np.asarray(x0, float).copy()
    f = obj.value(x)
    steps: list[IterationStep] = []
    jumped: dict[int, float] = {}
    landed: dict[int, tuple] = {}  # where each jumped parameter landed, and its way out
    if not np.isfinite(f):
        return NewtonResult(x, f, False, [IterationStep(it0, f)]), jumped
    g = obj.gradient(x)
    H = obj.rough_hessian(x, f, g)
    converged = False
    it = it0
    restarted = False
    flat = 0
    last_change = np.inf
    moved_by = np.inf  # the last step's relative change in x (ml's mreldif)
    tried: dict[int, float] = {}
    bent = 0  # successive iterations whose Hessian was not concave
    stalled = 0  # successive backed-up, not concave iterations that changed f by < ltolerance
    while True:
        d, concave = direction(g, H)
        bent = 0 if concave else bent + 1
        if bent >= REFRESH_AFTER and not restarted:
            # BFGS's updates never turn a wrong-signed curvature round: measure it afresh
            H = obj.rough_hessian(x, f, g)
            d, concave = direction(g, H)
            bent = 0 if concave else 1
        if not restarted:
            steps.append(IterationStep(it, f, "" if concave else "(not concave)"))
            if on_iteration:
                on_iteration(it, f)
        dec = float(g @ d)
        if abs(dec) < 1e-12 * max(1.0, abs(f)) or np.max(np.abs(d)) < 1e-9:
            # ml declares no convergence where the Hessian is not concave: a start that no
            # step can leave (its likelihood flat in a parameter, as a variance of 0.1 beside
            # data near 1e150) has not converged; a stop after steps keeps the rules above
            converged = concave or it > it0
            break
        if (rule is not None and concave and not restarted and it > it0 and 0.0 <= dec < rule[2]
                and (last_change < rule[1] or moved_by < rule[0]) and _stata_rule_applies(obj, x, jumped)):
            converged = True
            break
        if it - it0 >= iterate:
            break
        t = 1.0
        backed = False
        for _ in range(40):
            xn = x + t * d
            fn = obj.value(xn)
            if np.isfinite(fn) and fn >= f + 1e-4 * t * min(dec, 0.0) - 1e-12 * abs(f):
                break
            t *= 0.5
            backed = True
        else:
            fn = -np.inf
        if not np.isfinite(fn) and restarted and (not np.all(np.isfinite(H))
                                                  or np.isfinite(last_change) and last_change > ltolerance):
            # no direction at all (a fresh Hessian that is not finite), or no ascent along a
            # fresh Newton direction after steps that still changed ln L by more than
            # ltolerance (below, the fit would stop short; a start has no change to judge by,
            # and there a noisy likelihood's chance rise is no climb):
            # the finite-difference curvature can point nowhere there; the gradient itself
            # still climbs, as ml's steepest-ascent steps do
            xn, fn, flat_gradient = _gradient_step(obj, x, f, g)
            if flat_gradient:  # the gradient itself is zero to rounding: the optimum
                converged = True
                break
        if not np.isfinite(fn):
            if restarted:  # no ascent along a fresh Newton direction nor the gradient
                converged = last_change <= ltolerance
                break
            H = obj.rough_hessian(x, f, g)
            restarted = True
            continue
        restarted = False
        if backed:
            steps[-1] = IterationStep(it, f, "(backed up)")
        gn = obj.gradient(xn)
        moved = boundary_jumps(obj, free, x, xn, fn, gn, tried, jumped)
        if moved:
            xn, fn, js = moved
            gn = obj.gradient(xn)
            for j in js:  # the jumped ln sd no longer moves the likelihood: decouple it
                landed[j] = (float(xn[j]), obj.boundary_direction(j, xn)[0])
                H[j, :] = 0.0
                H[:, j] = 0.0
                H[j, j] = -1.0
        else:
            s, y = xn - x, gn - g
            sy = float(s @ y)
            if sy < 0:  # curvature condition for maximisation: s'y < 0 (Hessian negative definite)
                Hs = H @ s
                H = H - np.outer(Hs, Hs) / float(s @ Hs) + np.outer(y, y) / sy
        last_change = abs(fn - f) / (abs(f) + 1)
        moved_by = float(np.max(np.abs(xn - x) / (np.abs(x) + 1.0), initial=0.0))
        flat = flat + 1 if last_change < 1e-14 else 0
        stalled = stalled + 1 if backed and not concave and last_change < ltolerance else 0
        x, f, g = xn, max(fn, f), gn
        _drop_returned(x, jumped, landed)
        it += 1
        if flat >= 3:
            steps.append(IterationStep(it, f))
            converged = True
            break
        if stalled >= STALLED_AFTER:  # noise, not a ridge: no convergence (ml's would iterate on)
            steps.append(IterationStep(it, f, "(not concave)"))
            break
    return NewtonResult(x, f, converged, steps, H), jumped


def _drop_returned(x, jumped: dict, landed: dict) -> None:
    """Forget the jump of a parameter the iterations carried back inwards, by more than
    ``RETURN_BY`` from where it landed: it is interior again, and ``polish`` must move it with
    the others (left frozen, a melogit cov(un) whose ln sd jumped and came back stopped ~1e-5
    SE short of the optimum, off in the printed digits)."""
    for j, (at, way_out) in list(landed.items()):
        if way_out * (x[j] - at) < -RETURN_BY:
            del jumped[j], landed[j]


def _gradient_step(obj: Objective, x, f: float, g) -> tuple[np.ndarray, float, bool]:
    """A step up the gradient, halved until the value rises by Armijo's rule: (x', f(x'),
    False); (x, -inf, flat) when none rises, flat when the gradient is zero to rounding."""
    gg = float(g @ g)
    if not np.isfinite(gg):
        return x, -np.inf, False
    if gg <= 1e-24 * max(1.0, f * f):
        return x, -np.inf, True
    t = 1.0 / max(1.0, float(np.max(np.abs(g))))
    for _ in range(40):
        xn = x + t * g
        fn = obj.value(xn)
        if np.isfinite(fn) and fn > f + 1e-4 * t * gg:
            return xn, fn, False
        t *= 0.5
    return x, -np.inf, False


def _stata_rule_applies(obj: Objective, x, jumped) -> bool:
    """Whether ml's stopping rule may end the iterations at x: no ln sd heading for a zero
    variance (below ``STATA_RULE_LNSD``) and no correlation past ``ATANH_JUMP_FROM``, whose
    creep the boundary jumps resolve (a variance Stata would report as tiny is put at 0)."""
    if jumped or not obj.log_sd:  # no log_sd: no jumps either, the creep is left to run out
        return False
    return (all(x[j] > STATA_RULE_LNSD for j in obj.log_sd)
            and all(abs(x[j]) < ATANH_JUMP_FROM for j in obj.atanh))


def polish(obj: Objective, x: np.ndarray, f: float, H_approx: np.ndarray, rounds: int = 30):
    """Drive the gradient to zero, then compute the accurate Hessian there.

    Newton steps on the quasi-Newton Hessian (cheap: one gradient each, linear
    convergence) until the step is below 1e-9 standard errors; the accurate Hessian at
    that point (steps sized by its SEs); one more Newton step on it if still needed.
    Parameters ``maximize`` left at their boundary (``obj.at_boundary``) stay there: the
    likelihood is flat along them to rounding, so a Newton step would only wander and their
    SE (huge) says nothing about the steps the others need.
    Returns (x, f, H) with H the accurate Hessian at the returned x."""
    free = np.ones(len(x), bool)
    free[list(obj.at_boundary)] = False
    se_guess = _se(H_approx, 1e-2 * np.maximum(1.0, np.abs(x)))
    H = H_approx
    rel = np.inf
    for _ in range(rounds):
        g = obj.gradient(x)
        d, concave = _newton_step(g, H, free)
        if not np.all(np.isfinite(d)):
            break
        last, rel = rel, np.max(np.abs(d) / np.maximum(se_guess, 1e-12))
        if rel < 1e-9 or rel > SLOW_POLISH * last:
            break  # at the optimum, or creeping on a poor quasi-Newton Hessian: the accurate one's steps
        fn = obj.value(x + d)
        if not np.isfinite(fn) or fn < f - 1e-10 * max(1.0, abs(f)):
            break
        x, f = x + d, max(f, fn)
    H = obj.accurate_hessian(x, se_guess, f)
    se1 = _se(H, se_guess)
    if np.max(np.abs(np.log(se1 / se_guess))[free], initial=0.0) > 1.0:  # steps sized on a guess off by > e-fold
        se_guess = np.where(free, se1, se_guess)
        H = obj.accurate_hessian(x, se_guess, f)
    # Newton steps on the accurate Hessian (one gradient each) until they vanish: when the
    # quasi-Newton rounds above ran out short of the optimum (ml's stopping rule ends BFGS
    # earlier on a flat ridge), one step leaves the estimates off in the printed digits
    moved = False
    threshold = 1e-8
    for _ in range(ACCURATE_ROUNDS):
        d, concave = _newton_step(obj.gradient(x), H, free)
        if not (concave and np.all(np.isfinite(d)) and np.max(np.abs(d) / np.maximum(se_guess, 1e-12)) > threshold):
            break
        fn = obj.value(x + d)
        if not (np.isfinite(fn) and fn >= f - 1e-10 * max(1.0, abs(f))):
            break
        x, f, moved, threshold = x + d, max(f, fn), True, 1e-10
    if moved:
        H = obj.accurate_hessian(x, np.where(free, _se(H, se_guess), se_guess), f)
    return x, f, H


def _newton_step(g, H, free):
    """``newton_direction`` in the ``free`` coordinates (the others do not move)."""
    d = np.zeros(len(g))
    if not free.any():
        return d, True
    sub, concave = newton_direction(g[free], H[np.ix_(free, free)])
    d[free] = sub
    return d, concave


def _se(H, fallback):
    """Standard errors from a Hessian, the fallback where they are not finite and positive."""
    try:
        v = np.diag(np.linalg.inv(-H))
    except np.linalg.LinAlgError:
        return fallback
    se = np.sqrt(np.where(v > 0, v, np.nan))
    return np.where(np.isfinite(se) & (se > 0), se, fallback)


def _finite_value(fn, x) -> np.ndarray | None:
    """fn(x) where fn is given, computes and is finite everywhere; else None (use a fallback)."""
    if fn is None:
        return None
    try:
        g = fn(x)
    except (np.linalg.LinAlgError, FloatingPointError, ValueError):
        return None
    return g if np.all(np.isfinite(g)) else None
