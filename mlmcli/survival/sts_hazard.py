"""``sts graph, hazard``: the kernel-smoothed hazard (sts.ado's SmoothHazard, [ST] sts graph).

Per group, the hazard contributions Delta H_j = d_j/n_j at the distinct failure times (after
adjustfor(), the baseline's basehc) are smoothed by kdensity [iw = Delta H] at 101 equally
spaced points from the first to the last failure time of all groups (or tmin()/tmax()):
h(a) = sum_j K((a - t_j)/b) Delta H_j / b -- the smoother of stcurve's ``smoothed_hazard``
(mlmcli/postest/survival_curves.py) over the contributions as they are (``hazard_at``, which
``sts graph, outfile()`` reads at its float grid too).  b: width() (one per group, "." the default) or kdensity's default.  Boundary handling (the
default): the estimate is kept on [L + b, R - b] of the group's failure times (an error when
that is empty); with epan2, biweight and rectangle the points within b of L or R take the
boundary kernels instead (sts.ado's ``_sts_bndkdensity``; ``boundary_smooth`` of
survival_curves, as stcurve's).  noboundary: kept on [L, R].  Negative values are 0.

The pointwise band (ci): variance sum_j K((a - t_j)/b)^2 d_j/n_j^2 / b^2 (Klein and
Moeschberger's 6.2.4; sts.ado's _KDE2 over d/n^2) with b from width() or, without it, the
unweighted rule 0.9 min(sd, IQR/1.349)/N^(1/5) of the failure times as the ado computes it;
with a boundary kernel, at the points within h of L or R, sum_j K_q(u_j)^2 d_j/n_j^2 / h^2
with the smoothing's own width h (the ado's second ``_sts_bndkdensity`` call, over d/n^2 with
``wwidth``; Klein and Moeschberger's variance with K_q for K);
the interval h exp(+-z sd/h).  Numbers in, numbers out.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError
from mlmcli.postest.survival_curves import BOUNDARY_KERNELS, boundary_kernel, boundary_smooth


@dataclass(frozen=True)
class Contributions:
    """One group's failure times and hazard contributions (d/n, d/n^2 for the variance)."""

    time: np.ndarray
    hazard: np.ndarray
    variance: np.ndarray | None = None


@dataclass(frozen=True)
class HazardCurve:
    at: np.ndarray
    y: np.ndarray
    lower: np.ndarray | None
    upper: np.ndarray | None
    width: float


def km_contributions(km) -> Contributions:
    """d/n and d/n^2 at the failure times of a Kaplan-Meier table."""
    dead = (km.failed > 0) & (km.at_risk > 0)
    n, d = km.at_risk[dead], km.failed[dead]
    return Contributions(km.time[dead], d / n, d / n ** 2)


@dataclass(frozen=True)
class GroupHazard:
    """One group's smoothed hazard at every grid point: ``y`` missing (NaN) where sts leaves it
    so (the boundary region without a boundary kernel, outside the group's failure times);
    ``variance`` (None without d/n^2) at every point; ``width`` the smoothing's."""

    y: np.ndarray
    variance: np.ndarray | None
    width: float


def smoothed_hazards(groups: list[Contributions], kernel_name: str = "epanechnikov", widths=(),
                     boundary: bool = True, tmin: float | None = None, tmax: float | None = None,
                     level: float | None = None, *, left_boundary: float | None = None
                     ) -> list[HazardCurve | None]:
    """One smoothed hazard per group on the common grid; ``level``: with the band;
    ``left_boundary`` (leftboundary(#)): L of every group, and the grid's start without tmin.
    A group without failures has no curve (None): SmoothHazard drops its rows before numbering
    the groups, so width()'s #th number is the #th group with failures."""
    kept = [nonzero(g) for g in groups]
    lo, hi = grid_range(kept, tmin, tmax, left_boundary)
    grid = lo + (hi - lo) * np.arange(101) / 100
    out: list[HazardCurve | None] = []
    i = -1
    for g in kept:
        if not g.time.size:
            out.append(None)
            continue
        i += 1
        typed = widths[i] if i < len(widths) else None
        smooth = hazard_at(grid, g, kernel_name, typed, boundary, left_boundary)
        inside = ~np.isnan(smooth.y)
        at, y = grid[inside], smooth.y[inside]
        lower = upper = None
        if level is not None and smooth.variance is not None:
            lower, upper = _band(y, smooth.variance[inside], level)
        out.append(HazardCurve(at, y, lower, upper, smooth.width))
    return out


def grid_range(kept: list[Contributions], tmin: float | None, tmax: float | None,
               left_boundary: float | None) -> tuple[float, float]:
    """SmoothHazard's grid ends: the first (or leftboundary()) and last failure time of all
    groups, or tmin()/tmax()."""
    if not any(g.time.size for g in kept):
        raise StataError("no observations", 2000)
    every = np.concatenate([g.time for g in kept])
    lo = (float(every.min()) if left_boundary is None else left_boundary) if tmin is None else tmin
    hi = float(every.max()) if tmax is None else tmax
    return lo, hi


def hazard_at(at: np.ndarray, g: Contributions, kernel_name: str, typed_width, boundary: bool,
              left_boundary: float | None, *, float_boundary: bool = False) -> GroupHazard:
    """One group's (nonzero) contributions smoothed at the points ``at``: h(a) = sum_j
    K((a - t_j)/b) Delta H_j / b, b the typed width or kdensity's default; within b of L or R
    the boundary kernel's value or missing; negative values 0; the variance with the band's
    width (module docstring).  ``float_boundary``: the boundary kernel's values through a float,
    as sts.ado's ``bndkern`` variable holds them (what outfile() saves; the graph draws doubles)."""
    from mlmcli.graphs.smoothers import kernel, silverman_bandwidth

    h = float(typed_width) if typed_width is not None else silverman_bandwidth(g.time, g.hazard, "iweight")
    L = float(g.time.min()) if left_boundary is None else float(left_boundary)
    R = float(g.time.max())
    y = kernel(kernel_name, (at[:, None] - g.time[None, :]) / h) @ g.hazard / h
    edges = None
    if boundary:
        if L + h >= R - h:
            raise StataError("left and right boundary regions overlap;\nspecify smaller bandwidth(s) in width()", 198)
        near = (at < L + h) | (at > R - h)
        if kernel_name in BOUNDARY_KERNELS:
            y[near] = boundary_smooth(at[near], g.time, g.hazard, h, L, R, kernel_name)
            if float_boundary:
                y[near] = y[near].astype(np.float32)
            edges = (L, R, h)
        else:
            y[near] = np.nan
    y = np.where(y < 0, 0.0, y)
    y[(at < L) | (at > R)] = np.nan  # each group on its own range of failure times
    variance = None
    if g.variance is not None:
        b = float(typed_width) if typed_width is not None else silverman_bandwidth(g.time)
        variance = hazard_variance(at, g.time, g.variance, b, kernel_name, edges)
    return GroupHazard(y, variance, h)


def nonzero(g: Contributions) -> Contributions:
    """SmoothHazard's ``drop if deltah == 0 | deltah == .``."""
    keep = np.isfinite(g.hazard) & (g.hazard != 0)
    return Contributions(g.time[keep], g.hazard[keep], None if g.variance is None else g.variance[keep])


def _band(y, variance, level: float):
    """y exp(-+z sd/y)."""
    from mlmcli.distributions import norm

    sd = np.sqrt(variance)
    z = float(norm.ppf(0.5 + level / 200.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        spread = np.where(y > 0, np.exp(z * sd / y), np.nan)
        return y / spread, y * spread


def hazard_variance(at, times, variance, b: float, kernel_name: str, edges=None) -> np.ndarray:
    """Var of the smoothed hazard at ``at``: sum_j K((x - t_j)/b)^2 v_j / b^2 (Klein and
    Moeschberger 6.2.4, v_j = d/n^2); ``edges`` (L, R, h): within h of L or R the boundary
    kernel's squares over h^2 instead."""
    from mlmcli.graphs.smoothers import kernel

    k = kernel(kernel_name, (at[:, None] - times[None, :]) / b)
    var = (k ** 2) @ variance / b ** 2
    if edges is not None:
        L, R, h = edges
        near = (at < L + h) | (at > R - h)
        var[near] = boundary_squares(at[near], times, h, L, R, kernel_name) @ variance / h ** 2
    return var


def boundary_squares(points, times, h: float, L: float, R: float, kernel_name: str) -> np.ndarray:
    """K_q((x - t_j)/h)^2 at points x near L (q = (x - L)/h) or R (the mirror image), K_q the
    boundary kernel boundary_smooth uses (q held in [0, 1])."""
    left = points < (L + R) / 2
    q = np.clip(np.where(left, points - L, R - points) / h, 0.0, 1.0)
    u = (points[:, None] - np.asarray(times, float)[None, :]) / h
    u = np.where(left[:, None], u, -u)
    return boundary_kernel(kernel_name, u, q[:, None]) ** 2
