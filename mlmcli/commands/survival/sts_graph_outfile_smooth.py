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

FLOAT = np.float32


def hazard_frame(session, choice, group_list, weights, level, tmin, tmax) -> dict:
    from mlmcli.commands.survival.sts import estimate
    from mlmcli.commands.survival.sts_graph_estimates import adjusted_tables
    from mlmcli.survival.sts_hazard import Contributions, grid_range, hazard_at, km_contributions, nonzero

    if choice.adjust:
        parts = [Contributions(t, h, np.ones_like(h)) for t, _, h in adjusted_tables(session, choice, group_list, weights)]
    else:
        parts = [km_contributions(estimate(session, mask, weights, level)) for _, _, mask in group_list]
    kept = [(g, c) for g, c in enumerate(nonzero(c) for c in parts) if c.time.size]  # groups with rows
    lo, hi = grid_range([c for _, c in kept], None if not np.isfinite(tmin) else tmin,
                        None if not np.isfinite(tmax) else tmax, choice.left_boundary)
    grid = (lo + np.arange(101) / 100 * (hi - lo)).astype(FLOAT).astype(float)
    cols = {k: [] for k in ("g", "_t", "s", "Vh")}
    for i, (g, c) in enumerate(kept):
        typed = choice.widths[i] if i < len(choice.widths) else None
        smooth = hazard_at(grid, c, choice.kernel, typed, choice.boundary, choice.left_boundary, float_boundary=True)
        variance = smooth.variance.astype(FLOAT).astype(float)  # gen __yy = .: a float
        for k, x in (("g", np.full(101, g)), ("_t", grid), ("s", smooth.y), ("Vh", variance)):
            cols[k].append(x)
    f = {k: np.concatenate(x).astype(float) for k, x in cols.items()}
    return {k: x[(f["_t"] >= tmin) & (f["_t"] <= tmax)] for k, x in f.items()}


def adjusted_frame(session, choice, group_list, weights, tmin, tmax) -> dict:
    from mlmcli.commands.survival.sts_graph_estimates import adjusted_tables

    cols = {k: [] for k in ("g", "_t", "s", "Vh")}
    for g, (times, surv, _) in enumerate(adjusted_tables(session, choice, group_list, weights)):
        s = 1.0 - surv if choice.statistic == "failure" else surv
        for k, x in (("g", np.full(times.size, g)), ("_t", times), ("s", s), ("Vh", np.ones(times.size))):
            cols[k].append(x)
    f = {k: np.concatenate(x).astype(float) for k, x in cols.items()}
    return {k: x[(f["_t"] >= tmin) & (f["_t"] <= tmax)] for k, x in f.items()}
