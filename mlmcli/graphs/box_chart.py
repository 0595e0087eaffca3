"""``graph box``/``hbox``: each y variable's distribution per ``over()`` group -> a ``Panel``.

Boxes (Stata's ``graph box``): the box runs from the 25th to the 75th percentile
(``summarize``'s definition) with a line at the median; whiskers reach the adjacent
values, the most extreme values within 1.5 IQR of the nearer quartile; values
beyond them are drawn as markers (``nooutsides`` leaves them out).  Boxes are 1/3 of a box
apart.
"""
from __future__ import annotations

import numpy as np

from mlmcli.dataset import Dataset
from mlmcli.graphs.category_layout import category_ticks, group_order, positions, present_groups
from mlmcli.graphs.categorical import Over, drawn_order, sort_key
from mlmcli.graphs.plotdata import var_title
from mlmcli.graphs.spec import Panel, Series
from mlmcli.summary_statistics import stata_percentile

BOX_GAP = 1.0 / 3.0


def box_stats(values: np.ndarray) -> tuple[float, float, float, float, float, np.ndarray]:
    """(p25, median, p75, lower adjacent, upper adjacent, outside values) of the non-missing values."""
    x = np.sort(values[np.isfinite(values)])
    if x.size == 0:
        nan = float("nan")
        return nan, nan, nan, nan, nan, np.empty(0)
    p25, p50, p75 = (stata_percentile(x, p) for p in (25, 50, 75))
    iqr = p75 - p25
    inside = x[(x >= p25 - 1.5 * iqr) & (x <= p75 + 1.5 * iqr)]
    lower = float(inside.min()) if inside.size else p25
    upper = float(inside.max()) if inside.size else p75
    outside = x[(x < lower) | (x > upper)]
    return p25, p50, p75, lower, upper, outside


def box_panel(data: Dataset, rows: np.ndarray, yvars: list[str], overs: list[Over], *,
              horizontal: bool = False, outsides: bool = True, medtype: str = "line",
              asyvars: bool = False, looks=None, boxgap: float | None = None,
              box_fields: dict | None = None, median_marker: dict | None = None,
              nofill: bool = False) -> tuple[Panel, list[str]]:
    """One panel of a box plot over ``rows``.  ``looks(style number, kind)``: Series look
    fields of each box (kind ``box``) and its outside values (``scatter``, ``marker(#, ...)``);
    ``boxgap``: percent of a box between boxes; ``box_fields``: fields every box takes
    (``medline()``, ``cwhiskers lines()``, ``alsize()``); ``median_marker``: the look of
    ``medtype(marker)``'s markers (``medmarker()``)."""
    series_defs: list[tuple[str, str, np.ndarray]] = []
    inner_overs = list(overs)
    if asyvars and overs:
        first = overs[0]
        inner_overs = overs[1:]
        for g, label in enumerate(first.labels):
            for var in yvars:
                series_defs.append((label, var, first.member(g)))
    else:
        for var in yvars:
            series_defs.append((var_title(data, var), var, np.ones(data.nobs, dtype=bool)))
    # the first over() is the innermost grouping, the second groups the groups
    inner = inner_overs[0] if inner_overs else None
    outer = inner_overs[1] if len(inner_overs) >= 2 else None
    n_outer = len(outer.labels) if outer else 1
    n_inner = len(inner.labels) if inner else 1
    k = len(series_defs)
    gap = BOX_GAP if boxgap is None else boxgap / 100.0
    if inner is not None:
        gap = inner.gap_or(gap)

    def medians(over: Over, n: int):  # sort(#): by the #th box's median in each group
        def by_box(j: int) -> np.ndarray:
            var, filt = series_defs[min(j, k) - 1][1:]
            return np.array([box_stats(data.numeric(var)[rows & filt & over.member(g)])[1] for g in range(n)])
        return by_box

    if outer is not None:
        outer = drawn_order(outer, group_order(outer, n_outer, sort_key(data, outer, rows, n_outer,
                                                                         medians(outer, n_outer))))
    order = group_order(inner, n_inner, sort_key(data, inner, rows, n_inner, medians(inner, n_inner)))
    pos = positions(n_outer, n_inner, k, gap, 1.0,
                    outer.gap_or(gap) if outer is not None else None,
                    present_groups(rows, inner, outer, order, nofill))
    series: list[Series] = []
    for j, (label, var, filt) in enumerate(series_defs):
        xs, stats, lo, hi, out_x, out_y = [], [], [], [], [], []
        values_all = data.numeric(var)
        for o in range(n_outer):
            for slot, i in enumerate(order):
                cell = rows & filt
                if outer is not None:
                    cell &= outer.member(o)
                if inner is not None:
                    cell &= inner.member(i)
                p25, p50, p75, lower, upper, outside = box_stats(values_all[cell])
                position = pos[o, slot, j]
                if not np.isfinite(p50) or not np.isfinite(position):
                    continue
                xs.append(position)
                stats.append((p25, p50, p75))
                lo.append(lower)
                hi.append(upper)
                out_x += [position] * outside.size
                out_y += list(outside)
        extra = looks(j + 1, "box") if looks else {}
        series.append(Series("box", np.array(xs), np.array(lo), np.array(hi), label=label,
                             stats=np.array(stats).reshape(-1, 3), width=1.0,
                             horizontal=horizontal, **{"style": j + 1, **(box_fields or {}), **extra}))
        if medtype == "marker":
            med = np.array(stats).reshape(-1, 3)[:, 1] if stats else np.empty(0)
            px, py = (med, np.array(xs)) if horizontal else (np.array(xs), med)
            series.append(Series("scatter", px, py, label=label, legend=False,
                                 **{"style": extra.get("style", j + 1), "color": "#ffffff", "marker": "O",
                                    **(median_marker or {})}))
        if outsides and out_x:
            px, py = (np.array(out_y), np.array(out_x)) if horizontal else (np.array(out_x), np.array(out_y))
            marker = looks(j + 1, "scatter") if looks else {}
            series.append(Series("scatter", px, py, label=label, legend=False,
                                 **{"style": extra.get("style", j + 1), "marker": "Oh",
                                    **({"color": extra["color"]} if "color" in extra else {}), **marker}))
    inner_labels = [inner.labels[i] for i in order] if inner else [""]
    if inner is not None and inner.relabel:
        inner_labels = [inner.relabel.get(n + 1, t) for n, t in enumerate(inner_labels)]
    categorical = category_ticks(pos, inner_labels if inner else None, outer, "y" if horizontal else "x")
    return Panel(tuple(series), **categorical), [d[0] for d in series_defs]
