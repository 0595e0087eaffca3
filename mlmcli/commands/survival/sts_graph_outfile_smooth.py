"""The rows ``sts graph, outfile()`` saves for the smoothed hazard and for adjustfor()
(sts.ado 8.6.0's Graph_wrk and SmoothHazard).

hazard: SmoothHazard leaves 101 rows per group (reshaped long with by()), ``_t`` its grid
``gen tvar = tmin + (_n-1)/100*(tmax-tmin)`` -- a float -- over every group's failure times
(or tmin()/tmax(), leftboundary()); ``hazard`` kdensity's double at each grid point (the
boundary kernels' values through a float, ``bndkern``), 0 where negative, missing in the
boundary region without a boundary kernel and outside the group's own failure times;
``Vhazard`` _KDE2's variance over d/n^2 (1 with adjustfor()) at all 101 points (a float:
``gen __yy = .``), as the band computes it (mlmcli.survival.sts_hazard).  With by() the
variable is SmoothHazard's ``gen __by = by[index]`` (a float when numeric).  tmin()/tmax() drop
the float grid points outside them (Graph_wrk's ``drop if _t<tmin``).  No origin rows.

adjustfor(): KeepDead's one row per distinct ``_t`` of each group's records (failed or not),
the adjusted survivor S0 (1 - S0), ``Vh`` ``gen Vh = 1`` (a float); the origin rows as for
Kaplan-Meier."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError

FLOAT = np.float32


def hazard_frame(session, choice, group_list, weights, level, tmin, tmax) -> dict:
    from mlmcli.commands.survival.sts import estimate
    from mlmcli.commands.survival.sts_graph_estimates import adjusted_tables
    from mlmcli.survival.sts_hazard import km_contributions

    if choice.adjust:
        parts = [(t, h, np.ones_like(h)) for t, _, h in adjusted_tables(session, choice, group_list, weights)]
    else:
        parts = [(c.time, c.hazard, c.variance) for c in
                 (km_contributions(estimate(session, mask, weights, level)) for _, _, mask in group_list)]
    kept = []
    for g, (t, h, v) in enumerate(parts):  # drop if deltah == 0 | deltah == .
        on = np.isfinite(h) & (h != 0)
        if on.any():
            kept.append((g, t[on], h[on], v[on]))
    if not kept:
        raise StataError("no observations", 2000)
    every = np.concatenate([t for _, t, _, _ in kept])
    left = choice.left_boundary
    lo = tmin if np.isfinite(tmin) else (float(every.min()) if left is None else left)
    hi = tmax if np.isfinite(tmax) else float(every.max())
    grid = (lo + np.arange(101) / 100 * (hi - lo)).astype(FLOAT).astype(float)
    cols = {k: [] for k in ("g", "_t", "s", "Vh")}
    for i, (g, t, h, v) in enumerate(kept):
        typed = choice.widths[i] if i < len(choice.widths) else None
        y, var = _smoothed(grid, t, h, v, choice, typed, left)
        for k, x in (("g", np.full(101, g)), ("_t", grid), ("s", y), ("Vh", var)):
            cols[k].append(x)
    f = {k: np.concatenate(x).astype(float) for k, x in cols.items()}
    return {k: x[(f["_t"] >= tmin) & (f["_t"] <= tmax)] for k, x in f.items()}


def _smoothed(a, t, h, v, choice, typed, left):
    """(hazard, its variance) of one group at the grid points ``a``."""
    from mlmcli.graphs.smoothers import kernel, silverman_bandwidth
    from mlmcli.postest.survival_curves import BOUNDARY_KERNELS, boundary_smooth
    from mlmcli.survival.sts_hazard import hazard_variance  # (the band's, shared)

    name = choice.kernel
    width = float(typed) if typed is not None else silverman_bandwidth(t, h, "iweight")
    y = kernel(name, (a[:, None] - t[None, :]) / width) @ h / width
    b = float(typed) if typed is not None else silverman_bandwidth(t)
    L = float(t.min()) if left is None else float(left)
    R = float(t.max())
    if choice.boundary:
        if L + width >= R - width:
            raise StataError("left and right boundary regions overlap;\nspecify smaller bandwidth(s) in width()", 198)
        near = (a < L + width) | (a > R - width)
        if name in BOUNDARY_KERNELS:
            y[near] = boundary_smooth(a[near], t, h, width, L, R, name).astype(FLOAT)  # bndkern: a float
        else:
            y[near] = np.nan
    var = hazard_variance(a, t, v, b, name, (L, R, width) if choice.boundary and name in BOUNDARY_KERNELS else None)
    y = np.where(y < 0, 0.0, y)
    y[(a < L) | (a > R)] = np.nan  # each group on its own failure times
    return y, var.astype(FLOAT).astype(float)


def adjusted_frame(session, choice, group_list, weights, tmin, tmax) -> dict:
    from mlmcli.commands.survival.sts_graph_estimates import adjusted_tables

    cols = {k: [] for k in ("g", "_t", "s", "Vh")}
    for g, (times, surv, _) in enumerate(adjusted_tables(session, choice, group_list, weights)):
        s = 1.0 - surv if choice.statistic == "failure" else surv
        for k, x in (("g", np.full(times.size, g)), ("_t", times), ("s", s), ("Vh", np.ones(times.size))):
            cols[k].append(x)
    f = {k: np.concatenate(x).astype(float) for k, x in cols.items()}
    return {k: x[(f["_t"] >= tmin) & (f["_t"] <= tmax)] for k, x in f.items()}
