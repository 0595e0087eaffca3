"""The pieces of ``sts graph``'s drawing the plain, estimated and separate graphs share: the
step line's points, the band's stairs and a plot call in a group's pstyle."""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Option


def step_points(km, failure: bool, noorigin: bool, tmin: float, tmax: float, cumhaz: bool = False):
    """(times, estimate, lower, upper) of the step line: (0, 1) first unless noorigin -- (0, 0)
    for the Nelson-Aalen cumulative hazard, sum d/n -- then one point per table row, within
    [tmin, tmax]."""
    xs, ys, lo, hi = km.time, km.survival, km.lower, km.upper
    if cumhaz:
        from mlmcli.survival.kaplan_meier import nelson_aalen

        ys = nelson_aalen(km)[0]
    if not noorigin:
        start = min(0.0, km.entry)
        xs, ys = np.r_[start, xs], np.r_[0.0 if cumhaz else 1.0, ys]
        lo, hi = np.r_[np.nan, lo], np.r_[np.nan, hi]
    if failure:
        ys, lo, hi = 1.0 - ys, 1.0 - hi, 1.0 - lo
    keep = (xs >= tmin) & (xs <= tmax)
    return xs[keep], ys[keep], lo[keep], hi[keep]


def band_points(xs, lo, hi):
    """The band's stairs: each bound held until the next time (x doubled), as connect(J) draws
    the line; no band where the interval is missing (before the first failure, at S = 0)."""
    if xs.size == 0:
        return xs, lo, hi
    bx = np.repeat(xs, 2)[1:]
    blo = np.repeat(lo, 2)[:-1]
    bhi = np.repeat(hi, 2)[:-1]
    return bx, blo, bhi


def plot_call(kind, varlist, k, common, own, extra):
    """The PlotCall of one of sts graph's plots: ``pstyle(p#)`` of group k, then ``extra``, then
    the typed options (the common ones, then the group's own)."""
    from mlmcli.graphs.syntax import PlotCall
    from mlmcli.syntax.options import read_options

    options = (Option("pstyle", f"p{k}"),) + tuple(extra)
    for text in (common, own):
        if text:
            options += tuple(read_options(text))
    return PlotCall(kind, varlist, None, None, options)
