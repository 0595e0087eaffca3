"""``sts graph, hazard``: the kernel-smoothed hazard (sts.ado's SmoothHazard, [ST] sts graph).

Per group, the hazard contributions Delta H_j = d_j/n_j at the distinct failure times (after
adjustfor(), the baseline's basehc) are smoothed by kdensity [iw = Delta H] at 101 equally
spaced points from the first to the last failure time of all groups (or tmin()/tmax()):
h(a) = sum_j K((a - t_j)/b) Delta H_j / b -- stcurve's smoother, ``smoothed_hazard`` of
mlmcli/postest/survival_curves.py, called here with the contributions as they are (x b = 0).
b: width() (one per group, "." the default) or kdensity's default.  Boundary handling (the
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
from mlmcli.postest.survival_curves import BOUNDARY_KERNELS, boundary_kernel
from mlmcli.postest.survival_curves import smoothed_hazard as smoothed_hazard_curve


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


def smoothed_hazards(groups: list[Contributions], kernel_name: str = "epanechnikov", widths=(),
                     boundary: bool = True, tmin: float | None = None, tmax: float | None = None,
                     level: float | None = None, *, left_boundary: float | None = None) -> list[HazardCurve]:
    """One smoothed hazard per group on the common grid; ``level``: with the band;
    ``left_boundary`` (leftboundary(#)): L of every group, and the grid's start without tmin."""
    from mlmcli.graphs.smoothers import silverman_bandwidth

    kept = [_nonzero(g) for g in groups]
    if not any(g.time.size for g in kept):
        raise StataError("no observations", 2000)
    every = np.concatenate([g.time for g in kept])
    lo = (float(every.min()) if left_boundary is None else left_boundary) if tmin is None else tmin
    hi = float(every.max()) if tmax is None else tmax
    out = []
    for i, g in enumerate(kept):
        typed = widths[i] if i < len(widths) else None
        h = float(typed) if typed is not None else silverman_bandwidth(g.time, g.hazard, "iweight")
        L = float(g.time.min()) if left_boundary is None else float(left_boundary)
        R = float(g.time.max())
        if boundary and L + h >= R - h:
            raise StataError("left and right boundary regions overlap;\nspecify smaller bandwidth(s) in width()", 198)
        curve = smoothed_hazard_curve(g.time, g.hazard, 0.0, "", lo, hi, kernel_name, h, boundary, left_boundary=L)
        inside = (curve.t >= L) & (curve.t <= R)  # each group on its own range of failure times
        at, y = curve.t[inside], curve.y[inside]
        lower = upper = None
        if level is not None and g.variance is not None:
            b = h if typed is not None else silverman_bandwidth(g.time)
            edges = (L, R, h) if boundary and kernel_name in BOUNDARY_KERNELS else None
            lower, upper = _band(g, at, y, b, kernel_name, level, edges)
        out.append(HazardCurve(at, y, lower, upper, h))
    return out


def _nonzero(g: Contributions) -> Contributions:
    """SmoothHazard's ``drop if deltah == 0 | deltah == .``."""
    keep = np.isfinite(g.hazard) & (g.hazard != 0)
    return Contributions(g.time[keep], g.hazard[keep], None if g.variance is None else g.variance[keep])


def _band(g: Contributions, at, y, b: float, kernel_name: str, level: float, edges=None):
    """y exp(-+z sd/y); ``edges`` (L, R, h): the boundary kernel's variance within h of L or R."""
    from mlmcli.distributions import norm

    sd = np.sqrt(hazard_variance(at, g.time, g.variance, b, kernel_name, edges))
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
