"""The ``marginsplot`` graph of a margins result (a ``Graph`` spec; ``draw`` renders it).

Each margin is a point with coordinates in its dimensions (``_at`` and the at() variables
that vary, over() and marginlist variables, ``_deriv`` the dy/dx variable).  As Stata's
marginsplot: the x axis is the first at() variable that varies (else the first dimension
that varies), every combination of the remaining dimensions is a plot (p1, p2, ... colours,
legend keys ``weurope=0`` or the value label), ``bydimension()`` dimensions make panels.
Estimates are ``connected`` (``recast()``: line, scatter, connected), intervals ``rcap``
(``recastci()``: rcap, rspike, rarea, rline), both in the plot's colour.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError
from mlmcli.graphs.spec import Graph, Panel, Series
from mlmcli.graphs.style import series_color

RECAST = ("connected", "line", "scatter")
RECAST_CI = ("rcap", "rspike", "rarea", "rline")


@dataclass(frozen=True)
class PlotPoint:
    """One margin: its estimate, interval and coordinates (dimension -> (value, label))."""

    b: float
    lo: float
    hi: float
    coords: dict


def _lighter(color: str, share: float = 0.55) -> str:
    """The colour mixed with white (an rarea band under its connected line)."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    mix = [round(c + (255 - c) * share) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def choose_dimensions(points, order, at_vars, *, x=None, plot=None, by=None):
    """(x dimension or None, plot dimensions, by dimensions) as module docstring."""
    varying = [d for d in order if len({p.coords.get(d, (None,))[0] for p in points}) > 1]
    for group in (x and [x], plot, by):
        for d in group or ():
            if d not in order:
                raise StataError(f"dimension {d} not found in margins results", 198)
    if x is None:
        rest = [d for d in varying if d not in (plot or []) and d not in (by or [])]
        ats = [d for d in rest if d in at_vars]
        x = ats[0] if ats else (rest[0] if rest else None)
    if x == "_at" and at_vars:  # _at on x: the at() variable's values
        x = at_vars[0]
    by = list(by or [])
    if plot is None:
        plot = [d for d in varying if d != x and d not in by and not (x in at_vars and d == "_at")]
    return x, list(plot), by


def _label(dims, key, labels: dict, points) -> str:
    parts = []
    for d, v in zip(dims, key):
        text = next((p.coords[d][1] for p in points if p.coords.get(d, (None,))[0] == v), str(v))
        numeric = text == (str(int(v)) if float(v).is_integer() else f"{v:g}")
        parts.append(f"{labels.get(d, d)}={text}" if numeric else text)
    return ", ".join(parts)


def marginsplot_graph(points, order, at_vars, *, x=None, plot=None, by=None, recast="connected",
                      recastci="rcap", ci=True, title="", ytitle="", xtitle=None, dim_labels=None,
                      name="Graph", command="") -> Graph:
    """The Graph of the margins (module docstring)."""
    if recast not in RECAST:
        raise StataError(f"recast({recast}) not allowed", 198)
    if recastci not in RECAST_CI:
        raise StataError(f"recastci({recastci}) not allowed", 198)
    labels = dict(dim_labels or {})
    x, plot, by = choose_dimensions(points, order, at_vars, x=x, plot=plot, by=by)

    def key(p, dims):
        return tuple(p.coords.get(d, (0.0, ""))[0] for d in dims)

    by_keys = sorted({key(p, by) for p in points})
    plot_keys = sorted({key(p, plot) for p in points})
    categorical = x is not None and x not in at_vars
    xticks = xlabels = None
    if x is None:
        xticks, xlabels = (0.0,), ("",)
    elif categorical:
        vals = sorted({p.coords[x][0] for p in points if x in p.coords})
        xticks = tuple(vals)
        xlabels = tuple(next(p.coords[x][1] for p in points if p.coords.get(x, (None,))[0] == v) for v in vals)
    panels = []
    for bk in by_keys:
        series = []
        for k, pk in enumerate(plot_keys, start=1):
            pts = [p for p in points if key(p, by) == bk and key(p, plot) == pk]
            if not pts:
                continue
            xs = np.array([p.coords[x][0] if x is not None else 0.0 for p in pts], float)
            order_ = np.argsort(xs, kind="stable")
            xs = xs[order_]
            b = np.array([pts[i].b for i in order_])
            lo = np.array([pts[i].lo for i in order_])
            hi = np.array([pts[i].hi for i in order_])
            text = _label(plot, pk, labels, points) if plot else ""
            color = series_color(k)
            if ci:
                if recastci == "rarea":
                    series.append(Series("area", xs, lo, hi, style=k, legend=False, color=_lighter(color)))
                elif recastci == "rline":
                    series.append(Series("line", xs, lo, style=k, legend=False, pattern="dash"))
                    series.append(Series("line", xs, hi, style=k, legend=False, pattern="dash"))
                else:
                    series.append(Series(recastci, xs, lo, hi, style=k, legend=False))
            series.append(Series(recast, xs, b, label=text, style=k, legend=bool(plot)))
        panels.append(Panel(tuple(series), title=_label(by, bk, labels, points) if by else "",
                            xticks=xticks, xticklabels=xlabels))
    if xtitle is None:
        xtitle = labels.get(x, x) if x is not None else ""
    note = ""
    return Graph(tuple(panels), xtitle=xtitle, ytitle=ytitle, title=title, note=note,
                 legend="auto", name=name, command=command, share_y=True)


def points_from(rows) -> list[PlotPoint]:
    """PlotPoints of margins result rows (``results.margins.MarginRow``; base levels skipped)."""
    out = []
    for r in rows:
        if r.base or not r.estimable:
            continue
        out.append(PlotPoint(r.b, r.lo, r.hi, {d: (v, t) for d, v, t in r.dims}))
    return out
