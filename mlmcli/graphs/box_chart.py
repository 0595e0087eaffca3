"""``graph box``/``hbox``: each y variable's distribution per ``over()`` group -> a ``Panel``.

Boxes (Stata's ``graph box``): the box runs from the 25th to the 75th percentile
(``summarize``'s definition) with a line at the median; whiskers reach the adjacent
values, the most extreme values within 1.5 IQR of the nearer quartile; values
beyond them are drawn as markers (``nooutsides`` leaves them out).  Boxes are 1/3 of a box
apart.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.graphs.category_layout import (category_ticks, group_order, nested_overs, positions, present_groups,
                                          yvar_ticks)
from mlmcli.graphs.categorical import Over, drawn_order, sort_key, yvar_sort_key
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


def _values(data: Dataset, parts: tuple, cell: np.ndarray) -> np.ndarray:
    """The values of a box: its (variable, row filter) parts on the rows ``cell``, pooled."""
    return np.concatenate([data.numeric(var)[cell & filt] for var, filt in parts])


def box_panel(data: Dataset, rows: np.ndarray, yvars: list[str], overs: list[Over], *,
              horizontal: bool = False, outsides: bool = True, medtype: str = "line",
              asyvars: bool = False, looks=None, boxgap: float | None = None,
              box_fields: dict | None = None, median_marker: dict | None = None,
              nofill: bool = False, ascategory: bool = False, showyvars: bool = False,
              yvar_labels: list[str] | None = None, yvar_order: dict | None = None,
              outside_texts: dict | None = None) -> tuple[Panel, list[str]]:
    """One panel of a box plot over ``rows``.  ``looks(style number, kind)``: Series look
    fields of each box (kind ``box``) and its outside values (``scatter``, ``marker(#, ...)``);
    ``boxgap``: percent of a box between boxes; ``box_fields``: fields every box takes
    (``medline()``, ``cwhiskers lines()``, ``alsize()``); ``median_marker``: the look of
    ``medtype(marker)``'s markers (``medmarker()``).  The yvars (``yvar_labels``: their texts)
    are laid out as an over() group, ``yvar_order`` its Over fields (``yvaroptions()``: sort(#)
    by each yvar's median, descending, reverse, gap() between a group's boxes, total: a box of
    every yvar's values); ``ascategory`` makes them the innermost categories (one series) and
    one yvar with three over()s the first over(); ``showyvars`` labels each box by its yvar;
    ``outside_texts``: box style number -> each row's text, labelling that box's outside values
    (``marker(#, mlabel(var))``)."""
    every = np.ones(data.nobs, dtype=bool)
    labels = yvar_labels or [var_title(data, var) for var in yvars]
    title = ""
    if len(overs) == 3 and not asyvars:  # one yvar, three over()s: the first as the innermost level
        if len(yvars) != 1 or ascategory:
            raise StataError("too many over() options; at most 2 allowed", 198)
        first, overs = overs[0], overs[1:]
        defs = [(label, ((yvars[0], first.member(g)),), g + 1) for g, label in enumerate(first.labels)]
        group = replace(first, labels=[d[0] for d in defs])
        ascategory, title = True, labels[0]
    elif asyvars and overs:
        first, overs = overs[0], overs[1:]
        defs = [(label, ((var, first.member(g)),), len(yvars) * g + n + 1)
                for g, label in enumerate(first.labels) for n, var in enumerate(yvars)]
        group = Over("", np.zeros(0), [d[0] for d in defs])
    else:
        defs = [(labels[n], ((var, every),), n + 1) for n, var in enumerate(yvars)]
        group = Over("", np.zeros(0), [d[0] for d in defs], **(yvar_order or {}))
        if group.total:  # a box of every yvar's values
            defs.append(("Total", tuple(p for d in defs for p in d[1]), len(defs) + 1))
            group = replace(group, labels=group.labels + ["Total"])
    inner, outer, n_inner, n_outer = nested_overs(overs)
    k = len(defs)
    gap = BOX_GAP if boxgap is None else boxgap / 100.0

    def medians(over: Over, n: int):  # sort(#): by the #th box's median in each group
        def by_box(j: int) -> np.ndarray:
            parts = defs[min(j, k) - 1][1]
            return np.array([box_stats(_values(data, parts, rows & over.member(g)))[1] for g in range(n)])
        return by_box

    if outer is not None:
        outer = drawn_order(outer, group_order(outer, n_outer, sort_key(data, outer, rows, n_outer,
                                                                         medians(outer, n_outer))))
    order = group_order(inner, n_inner, sort_key(data, inner, rows, n_inner, medians(inner, n_inner)))
    yorder = group_order(group, k, yvar_sort_key(data, group, rows, [d[1] for d in defs], lambda _: np.array(
        [box_stats(_values(data, d[1], rows))[1] for d in defs])))
    defs = [defs[j] for j in yorder]
    box_labels = [d[0] for d in defs]
    if group.relabel:  # the first of three over()s: relabel() numbers the groups as drawn
        box_labels = [group.relabel.get(n + 1, t) for n, t in enumerate(box_labels)]
    inner_labels = [inner.labels[i] for i in order] if inner else None
    if inner is not None and inner.relabel:
        inner_labels = [inner.relabel.get(n + 1, t) for n, t in enumerate(inner_labels)]
    present = present_groups(rows, inner, outer, order, nofill)
    axis = "y" if horizontal else "x"
    if ascategory:  # the yvars innermost, boxes gap apart, the groups' gap() added around them
        between = group.gap_or(gap)
        pos = positions(n_outer, n_inner, k, between + (inner.gap_or(gap) if inner else gap), 1.0 + between,
                        outer.gap_or(gap) if outer else gap, present)
        categorical = yvar_ticks(pos, box_labels, inner_labels, outer, axis)
    else:
        step = 1.0 + (group.gap / 100.0 if group.gap is not None else 0.0)  # a group's boxes touch
        pos = positions(n_outer, n_inner, k, inner.gap_or(gap) if inner else gap, step,
                        outer.gap_or(gap) if outer is not None else None, present)
        categorical = (yvar_ticks(pos, box_labels, inner_labels, outer, axis) if showyvars and k > 1
                       else category_ticks(pos, inner_labels, outer, axis))
    drawn = [[(j, d[1])] for j, d in enumerate(defs)] if not ascategory else [list(enumerate(d[1] for d in defs))]
    styles = [d[2] for d in defs] if not ascategory else [1]
    series_labels = box_labels if not ascategory else [title]
    series: list[Series] = []
    for boxes, style_no, label in zip(drawn, styles, series_labels):
        xs, stats, lo, hi, out_x, out_y, out_text = [], [], [], [], [], [], []
        texts = (outside_texts or {}).get(style_no)
        for o in range(n_outer):
            for slot, i in enumerate(order):
                cell = rows.copy()
                if outer is not None:
                    cell &= outer.member(o)
                if inner is not None:
                    cell &= inner.member(i)
                for j, parts in boxes:
                    p25, p50, p75, lower, upper, outside = box_stats(_values(data, parts, cell))
                    position = pos[o, slot, j]
                    if not np.isfinite(p50) or not np.isfinite(position):
                        continue
                    xs.append(position)
                    stats.append((p25, p50, p75))
                    lo.append(lower)
                    hi.append(upper)
                    out_x += [position] * outside.size
                    if texts is None:
                        out_y += list(outside)
                        continue
                    for var, filt in parts:  # in row order, each outside value with its row's label
                        v = data.numeric(var)
                        hit = cell & filt & np.isfinite(v) & ((v < lower) | (v > upper))
                        out_y += list(v[hit])
                        out_text += list(texts[hit])
        extra = looks(style_no, "box") if looks else {}
        series.append(Series("box", np.array(xs), np.array(lo), np.array(hi), label=label,
                             stats=np.array(stats).reshape(-1, 3), width=1.0,
                             horizontal=horizontal, **{"style": style_no, **(box_fields or {}), **extra}))
        if medtype == "marker":
            med = np.array(stats).reshape(-1, 3)[:, 1] if stats else np.empty(0)
            px, py = (med, np.array(xs)) if horizontal else (np.array(xs), med)
            series.append(Series("scatter", px, py, label=label, legend=False,
                                 **{"style": extra.get("style", style_no), "color": "#ffffff", "marker": "O",
                                    **(median_marker or {})}))
        if outsides and out_x:
            px, py = (np.array(out_y), np.array(out_x)) if horizontal else (np.array(out_x), np.array(out_y))
            marker = looks(style_no, "scatter") if looks else {}
            series.append(Series("scatter", px, py, label=label, legend=False,
                                 labels=tuple(out_text) if texts is not None else None,
                                 **{"style": extra.get("style", style_no), "marker": "Oh",
                                    **({"color": extra["color"]} if "color" in extra else {}), **marker}))
    return Panel(tuple(series), **categorical), series_labels
