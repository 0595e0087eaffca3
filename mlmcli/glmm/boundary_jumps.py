"""The boundary jumps of ``optimize.maximize`` (its module docstring: "A variance at its
boundary"): a ln sd creeping towards a zero variance, or an atanh correlation towards +/-1, is
tried at its boundary and moved there when the likelihood is no lower (``boundary_jumps``); at
convergence the boundary is verified against an interior point (``interior_point``), the
correlations of a restored variance re-chosen from a grid (``best_correlations``).

``obj`` is an ``optimize.Objective``: its ``value``, ``boundary_direction``, ``atanh`` and
``partners``.
"""
from __future__ import annotations

import numpy as np

BOUNDARY_CHECK = (1.0, 3.0, 6.0)   # ln sd drops below the pre-jump value at which the boundary is verified
JUMP_GRADIENT = 1e-10  # a jump shrinks the variance until its pull on ln L is about this, relative
ATANH_JUMP_FROM = 2.0  # |atanh corr| (|corr| > 0.96) beyond which a correlation may jump to +/-1
CORRELATION_TRIALS = tuple(np.arctanh(np.array([-0.9, -0.6, -0.3, 0.0, 0.3, 0.6, 0.9])))


def boundary_jumps(obj, free, x, xn, fn, gn, tried, jumped):
    """Move each boundary parameter of ``free`` that moved out in this step and is still
    pulled out towards its boundary when the likelihood there is no lower; None when none
    moved, else (x, f, moved indices).  Near a zero variance the pull dlnL/dln sd = 2 v dlnL/dv
    shrinks with the variance v (near corr +/-1 with 1 - |rho|), so the jump goes out until the
    pull is ``JUMP_GRADIENT`` |ln L| (at least by 1, at most to the limit): the likelihood is
    then that of the boundary to rounding, while the covariance matrix stays well enough
    conditioned for the quadrature's arithmetic.  A refused jump is retried only after a
    further move of 1."""
    moved = []
    tol = 1e-12 * max(1.0, abs(fn))
    for j in free:
        if j in jumped:
            continue
        s, limit = obj.boundary_direction(j, xn)
        out_step = s * (xn[j] - x[j]) > 0 and s * xn[j] < s * limit
        pull = s * gn[j]
        if not out_step or not (pull > 1e-8 * max(1.0, abs(fn))):
            continue
        if j in obj.atanh and abs(xn[j]) < ATANH_JUMP_FROM:
            continue
        if s * xn[j] < s * tried.get(j, -s * np.inf) + 1.0:
            continue
        trial = xn.copy()
        size = max(1.0, 0.5 * np.log(pull / (JUMP_GRADIENT * max(1.0, abs(fn)))))
        trial[j] = s * min(s * limit, s * xn[j] + size)
        ft = obj.value(trial)
        if np.isfinite(ft) and ft >= fn - tol:
            jumped[j] = float(xn[j])
            xn, fn = trial, ft
            moved.append(j)
        else:
            tried[j] = float(xn[j])
    return (xn, fn, moved) if moved else None


def interior_point(obj, x, f, jumped):
    """A point better than the boundary optimum (x, f): a jumped parameter restored to
    ``BOUNDARY_CHECK`` beyond its value before the jump (towards the boundary), with the
    correlations of a restored ln sd re-chosen (``best_correlations``); None when the
    boundary holds."""
    tol = 1e-9 * max(1.0, abs(f))
    partners = obj.partners or {}
    for j, before in jumped.items():
        s, limit = obj.boundary_direction(j, x)
        for drop in BOUNDARY_CHECK:
            trial = x.copy()
            trial[j] = before + s * drop
            if s * trial[j] >= s * limit:
                continue
            ft = obj.value(trial)
            trial, ft = best_correlations(obj, trial, ft, partners.get(j, ()))
            if np.isfinite(ft) and ft > f + tol:
                return trial, j
    return None


def best_correlations(obj, x, f, indices):
    """x with each atanh correlation of ``indices`` moved, one after the other, to the best of
    ``CORRELATION_TRIALS`` (or left where it is).  Once a variance has jumped to zero its
    correlations no longer move the likelihood and keep whatever value they drifted to; near
    zero the covariance sd_1 sd_2 rho is what the variance gains through (its first-order
    term), so a restored variance judged at that stale correlation can look worse than the
    boundary when an interior optimum exists (mecloglog cov(un) laplace:
    docs/me_leftovers_round11.md)."""
    for c in indices:
        for z in CORRELATION_TRIALS:
            trial = x.copy()
            trial[c] = z
            ft = obj.value(trial)
            if np.isfinite(ft) and (not np.isfinite(f) or ft > f):
                x, f = trial, ft
    return x, f
