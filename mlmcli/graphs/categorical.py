"""``graph bar``/``hbar``/``dot``: a statistic of each y variable per ``over()`` group ->
``Panel``s (``graph box``/``hbox`` in ``box_chart``; the layout in ``category_layout``).

Statistics (``(mean) y1 (median) y2 ...``): those of ``collapse`` (``summary_statistics``):
mean (the default), median, p1-p99, sum, rawsum, count, percent (share of the
observations, in percent), max, min, iqr, sd, semean, first, last, firstnm, lastnm,
and ``(asis)`` (the value itself).  With weights, mean and sum are weighted, count
sums frequency weights.

Layout: one position per bar (width 1); bars of one group touch (``bargap(0)``),
groups are 2/3 of a bar apart (s2color's ``bar_groupgap``).  A dot chart's lines are 2 apart
(a line's area, 1 wide, and a gap of 1); the markers of several yvars share their group's line
unless ``linegap()`` (or ``yvaroptions(gap())``) gives each its own.
"""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, replace

import numpy as np

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.graphs.category_layout import (category_ticks, group_order, nested_overs, positions, present_groups,
                                            yvar_ticks)
from mlmcli.graphs.plotdata import value_text, var_title
from mlmcli.graphs.syntax import text_lines
from mlmcli.graphs.spec import Panel, Series, TextBox
from mlmcli.summary_statistics import stata_percentile, statistic

STATISTICS = ("mean", "median", "sum", "rawsum", "count", "percent", "max", "min", "iqr", "sd",
              "semean", "first", "last", "firstnm", "lastnm", "asis")
_PCT = re.compile(r"^p([1-9]|[1-9]\d)$")
GROUP_GAP = 2.0 / 3.0
DOT_GAP = 1.0  # between a dot chart's groups, in line areas


@dataclass(frozen=True)
class YSpec:
    """One y of a bar/dot chart: its statistic, variable and legend text."""

    stat: str
    var: str
    label: str


def is_statistic(word: str) -> bool:
    """A statistic ``(stat)`` names: ``STATISTICS`` or p1-p99."""
    return word in STATISTICS or bool(_PCT.match(word))


def parse_yvars(text: str, data: Dataset, default_stat: str = "mean") -> list[YSpec]:
    """``(stat) [name=]var ... (stat) var ...`` -> YSpecs (a stat applies until the next)."""
    out: list[YSpec] = []
    stat = default_stat
    tokens = re.findall(r"\([^)]*\)|[^\W\d]\w*\s*=\s*[^\W\d][\w*?~-]*|\S+", text)
    for tok in tokens:
        if tok.startswith("("):
            word = tok[1:-1].strip().lower()
            if word == "med":
                word = "median"
            if not is_statistic(word):
                raise StataError(f"{word} invalid statistic", 198)
            stat = word
            continue
        label = None
        if "=" in tok:
            label, tok = (t.strip() for t in tok.split("=", 1))
        for var in data.expand_varlist(tok):
            data.numeric(var)  # strings: type mismatch
            out.append(YSpec(stat, var, label or _stat_label(stat, data, var)))
    if not out:
        raise StataError("varlist required", 100)
    return out


def _stat_label(stat: str, data: Dataset, var: str) -> str:
    if stat == "asis":
        return var_title(data, var)
    return f"{stat} of {var}"


def summary(stat: str, values: np.ndarray, weights: np.ndarray | None = None,
            total: float | None = None) -> float:
    """One statistic of the non-missing values (``percent`` needs the total count)."""
    ok = np.isfinite(values)
    values = values[ok]
    w = weights[ok] if weights is not None else None
    if stat == "asis":
        return float(values[0]) if values.size else np.nan
    if stat == "count":
        return float(w.sum()) if w is not None else float(values.size)
    if stat == "percent":
        count = float(w.sum()) if w is not None else float(values.size)
        return 100.0 * count / total if total else np.nan
    if w is not None and stat in ("mean", "sum"):
        if values.size == 0:
            return np.nan if stat == "mean" else 0.0
        return float(w @ values / w.sum()) if stat == "mean" else float(w @ values)
    if stat in ("first", "last", "firstnm", "lastnm"):
        if values.size == 0:
            return np.nan
        return float(values[0] if stat.startswith("first") else values[-1])
    if stat == "median":
        stat = "p50"
    if stat == "iqr":
        sx = np.sort(values)
        return stata_percentile(sx, 75) - stata_percentile(sx, 25) if sx.size else np.nan
    return statistic(stat, values)


def _mean_of_drawn(values: np.ndarray, axis: int) -> np.ndarray:
    """sort(#)'s key: the mean of a group's values over the other over()'s groups; missing
    for a group with none (no numpy warning of an empty slice)."""
    with np.errstate(invalid="ignore", over="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanmean(values, axis=axis)


def group_codes(data: Dataset, var: str, rows: np.ndarray, missing: bool = False, labels: bool = True
                ) -> tuple[np.ndarray, list[str]]:
    """Codes 0..G-1 of ``var``'s distinct values on ``rows`` (sorted; -1 elsewhere) and the
    group labels (value labels, else the values; strings as themselves; ``labels`` False:
    the values)."""
    codes = np.full(data.nobs, -1)
    if data.is_string(var):
        col = data.column(var).fillna("").astype(str).to_numpy()
        present = [v for v in sorted(set(col[rows])) if missing or v != ""]
        index = {v: i for i, v in enumerate(present)}
        for i in np.flatnonzero(rows):
            codes[i] = index.get(col[i], -1)
        return codes, present
    values = data.numeric(var)
    use = rows & (np.isfinite(values) | missing)
    present = np.unique(values[use])  # NaN sorts last
    for k, v in enumerate(present):
        hit = use & ((values == v) | (np.isnan(values) & np.isnan(v)))
        codes[hit] = k
    if not labels:
        return codes, ["." if np.isnan(v) else value_text(Dataset(), var, v) for v in present]
    # a value label typed as quoted strings is drawn as that many lines (as xlabel()'s texts)
    return codes, ["." if np.isnan(v) else text_lines(value_text(data, var, v)) for v in present]


@dataclass(frozen=True)
class Over:
    """An ``over(var, ...)`` grouping: codes per row, labels, and the ordering options."""

    var: str
    codes: np.ndarray
    labels: list[str]
    sort_by: int | None = None       # sort(#): by the #th y's statistic (boxes: the median)
    descending: bool = False
    relabel: dict | None = None
    gap: float | None = None         # gap(#): between this over's groups, percent of a bar
    reverse: bool = False            # reverse: the groups in reverse order
    total: bool = False              # total: the last label is a group of every row (``Total``)
    gap_scale: float | None = None   # gap(*#): # times the default gap
    sort_var: tuple | None = None    # sort(varname) / sort((stat) varname): (statistic, variable)

    def gap_or(self, default: float) -> float:
        """The gap between this group's groups, in bars: ``gap(#)``, ``gap(*#)`` (# times
        ``default``) or ``default``."""
        if self.gap is not None:
            return self.gap / 100.0
        return default * self.gap_scale if self.gap_scale is not None else default

    def member(self, g: int) -> np.ndarray:
        """Rows of group ``g`` (the total group: every row in a group)."""
        if self.total and g == len(self.labels) - 1:
            return self.codes >= 0
        return self.codes == g




@dataclass(frozen=True)
class _Source:
    """One series of a bar/dot chart: its label, statistic, the (variable, row filter) parts
    whose values it pools (one, but for ``yvaroptions(total)``) and its plot style number."""

    label: str
    stat: str
    parts: tuple
    style: int


def _sources(data: Dataset, yspecs: list[YSpec], overs: list[Over], asyvars: bool
             ) -> tuple[list[_Source], list[Over]]:
    """The series (the yvars, or with ``asyvars`` the first over() group's groups) and the
    over() groups left to lay out."""
    if asyvars and overs:
        if len(yspecs) != 1:
            raise StataError("asyvars may be specified only with one yvar", 198)
        first, spec = overs[0], yspecs[0]
        return ([_Source(label, spec.stat, ((spec.var, first.member(g)),), g + 1)
                 for g, label in enumerate(first.labels)], list(overs[1:]))
    every = np.ones(data.nobs, dtype=bool)
    return [_Source(spec.label, spec.stat, ((spec.var, every),), n + 1) for n, spec in enumerate(yspecs)], list(overs)


def _pooled_total(sources: list[_Source]) -> _Source:
    """``yvaroptions(total)``: a last series ``Total``, the statistic of every yvar's values
    pooled, as an over() group's ``total`` pools its groups (the yvars as the categories of one
    long variable, which is what ``ascategory`` makes of them)."""
    stats = {s.stat for s in sources}
    if len(stats) > 1:
        raise StataError("yvaroptions(total) requires the same statistic for every yvar", 198)
    return _Source("Total", stats.pop(), tuple(p for s in sources for p in s.parts), len(sources) + 1)


def _value(data: Dataset, src: _Source, cell: np.ndarray, rows: np.ndarray,
           weights: np.ndarray | None) -> float:
    """``src``'s statistic on the rows ``cell`` (``percent``: of its variables' non-missing
    values on ``rows``)."""
    values, w = [], []
    for var, filt in src.parts:
        sel = cell & filt
        values.append(data.numeric(var)[sel])
        if weights is not None:
            w.append(weights[sel])
    total = None
    if src.stat == "percent":
        total = sum(float(np.sum(np.isfinite(data.numeric(var)[rows]) * (weights[rows] if weights is not None else 1)))
                    for var in dict.fromkeys(v for v, _ in src.parts))
    return summary(src.stat, np.concatenate(values), np.concatenate(w) if weights is not None else None, total)


def sort_key(data: Dataset, over: Over | None, rows: np.ndarray, n: int, by_values) -> np.ndarray | None:
    """The values ``over``'s groups are sorted by: ``sort(varname)`` (the variable's mean in
    each group), ``sort((stat) varname)`` (that statistic), ``sort(#)`` (``by_values(#)``: the
    #th y's statistic in each group); None: not sorted."""
    if over is None:
        return None
    if over.sort_var is not None:
        stat, var = over.sort_var
        x = data.numeric(var)
        return np.array([summary(stat, x[rows & over.member(g)]) for g in range(n)])
    return by_values(over.sort_by) if over.sort_by is not None else None


def yvar_sort_key(data: Dataset, yvars: Over, rows: np.ndarray, part_lists: list, by_values) -> np.ndarray | None:
    """The values the yvars are sorted by (``yvaroptions(sort())``): ``sort(#)`` as
    ``by_values``; ``sort([(stat)] varname)`` the statistic (default the mean) of the variable
    over each yvar's observations -- the rows of ``rows`` where one of its (variable, row filter)
    ``parts`` is not missing, as an over() group's are its rows.  With no yvar missing every yvar
    has the same rows: the values tie and the yvars keep their typed order (``descending``
    reverses it)."""
    if len(yvars.codes):  # the first of three over()s laid out as the yvars: an over() group
        return sort_key(data, yvars, rows, len(part_lists), by_values)
    if yvars.sort_var is None:
        return by_values(yvars.sort_by) if yvars.sort_by is not None else None
    stat, var = yvars.sort_var
    x = data.numeric(var)
    keys = []
    for parts in part_lists:
        used = np.zeros(data.nobs, dtype=bool)
        for name, filt in parts:
            used |= filt & np.isfinite(data.numeric(name))
        keys.append(summary(stat, x[rows & used]))
    return np.array(keys)


def drawn_order(over: Over, order: list[int]) -> Over:
    """``over`` with its groups in ``order`` (``relabel()`` numbering the groups as drawn):
    labels, and codes renumbered so that ``member(i)`` is the ith group drawn."""
    codes = np.full_like(over.codes, -1)
    for new, old in enumerate(order):
        codes[over.codes == old] = new
    labels = [over.labels[g] for g in order]
    if over.relabel:
        labels = [over.relabel.get(n + 1, t) for n, t in enumerate(labels)]
    return replace(over, codes=codes, labels=labels, relabel=None, sort_by=None, sort_var=None,
                   descending=False, reverse=False)


def bar_panel(data: Dataset, rows: np.ndarray, yspecs: list[YSpec], overs: list[Over], *,
              weights: np.ndarray | None = None, asyvars: bool = False, stack: bool = False,
              percentages: bool = False, horizontal: bool = False, dots: bool = False,
              blabel: str | None = None, blabel_format: str = "%9.0g",
              looks=None, bargap: float | None = None, blabel_look: dict | None = None,
              nofill: bool = False, ascategory: bool = False, showyvars: bool = False,
              yvar_order: dict | None = None, linegap: float | None = None) -> tuple[Panel, list[str]]:
    """One panel of a bar (or dot) chart over ``rows``; returns it and the series labels.

    ``yvar_order``: ``yvaroptions()``'s over_subopts as ``Over`` fields (``sort_by``,
    ``descending``, ``reverse``, ``gap``, ``total``): the yvars ordered, spaced and totalled as
    an over() group is -- the bars (markers) of each group, or with ``ascategory`` the categories
    (one series, the yvars along the category axis as the first over() group, the over() groups,
    up to two, around them).  ``showyvars``: each bar labelled on the category axis by its yvar,
    the group under them.  ``looks(style number, kind)``: Series look fields of each bar/marker
    series (``bar(#, ...)``, ``intensity()``; # the yvar's number as typed); ``bargap``: percent
    of a bar between the bars of a group (None: ``yvaroptions(gap())``, else 0); ``linegap``: a
    dot chart's yvar lines that many percent of a line's area apart (0: one line; None:
    ``yvaroptions(gap())`` percent of an area between them, else one line); ``blabel_look``:
    ``position`` (outside, inside, base, center) and TextBox fields of the bar labels."""
    from mlmcli.render.numfmt import format_number

    if len(overs) == 3 and not asyvars:  # one yvar, three over()s: the first as the innermost level
        if len(yspecs) != 1 or ascategory:
            raise StataError("too many over() options; at most 2 allowed", 198)
        first = overs[0]
        sources, inner_overs = _sources(data, yspecs, overs, True)
        yvars = replace(first, labels=[s.label for s in sources])
        ascategory, title = True, yspecs[0].label
    else:
        sources, inner_overs = _sources(data, yspecs, overs, asyvars)
        yvars = Over("", np.zeros(0), [s.label for s in sources], **(yvar_order or {}))
        if yvars.total:
            sources.append(_pooled_total(sources))
            yvars = replace(yvars, labels=yvars.labels + ["Total"])
        title = ""
    inner, outer, n_inner, n_outer = nested_overs(inner_overs)
    k = len(sources)
    values = np.full((n_outer, n_inner, k), np.nan)
    for o in range(n_outer):
        for i in range(n_inner):
            cell = rows.copy()
            if outer is not None:
                cell &= outer.member(o)
            if inner is not None:
                cell &= inner.member(i)
            for j, src in enumerate(sources):
                values[o, i, j] = _value(data, src, cell, rows, weights)
    # order of the groups: sort(#|varname|(stat) varname) / descending / reverse
    if outer is not None:
        outer_order = group_order(outer, n_outer, sort_key(
            data, outer, rows, n_outer, lambda j: _mean_of_drawn(values[:, :, min(j, k) - 1], 1)))
        values = values[outer_order]
        outer = drawn_order(outer, outer_order)
    key = sort_key(data, inner, rows, n_inner, lambda j: _mean_of_drawn(values[:, :, min(j, k) - 1], 0))
    order = group_order(inner, n_inner, key)
    values = values[:, order, :]
    inner_labels = [inner.labels[g] for g in order] if inner else [""]
    if inner is not None and inner.relabel:
        inner_labels = [inner.relabel.get(n + 1, t) for n, t in enumerate(inner_labels)]
    # order of the yvars: yvaroptions(sort() descending reverse), their total last
    yorder = group_order(yvars, k, yvar_sort_key(data, yvars, rows, [src.parts for src in sources],
                                                 lambda _: np.nanmean(values, axis=(0, 1))))
    values = values[:, :, yorder]
    sources = [sources[j] for j in yorder]
    yvar_labels = [s.label for s in sources]
    if yvars.relabel:  # over()'s relabel(): the groups as drawn
        yvar_labels = [yvars.relabel.get(n + 1, t) for n, t in enumerate(yvar_labels)]
    axis = "y" if horizontal else "x"  # graph dot: horizontal unless vertical is typed
    present = present_groups(rows, inner, outer, order, nofill)
    if ascategory:  # the yvars as the innermost categories: one series, a bar (line) per yvar
        gap = yvars.gap_or(DOT_GAP if dots else GROUP_GAP)

        def extra(over: Over | None) -> float:  # over()'s gap(): room added between its groups
            return over.gap_or(gap) if over is not None else gap

        nested = positions(n_outer, n_inner, k, gap + extra(inner), 1.0 + gap, extra(outer), present)
        categorical = yvar_ticks(nested, yvar_labels, inner_labels if inner else None, outer, axis)
        pos = nested.reshape(n_outer * n_inner, k, 1)
        values = values.reshape(n_outer * n_inner, k, 1)
        n_outer, n_inner, k = values.shape
        inner_labels, sources, per_group = yvar_labels, [_Source(title, sources[0].stat, (), 1)], 1
    else:
        if dots:  # one line per group, or with linegap() one per yvar
            step = (linegap / 100.0 if linegap is not None
                    else 1.0 + yvars.gap / 100.0 if yvars.gap is not None else 0.0)
            per_group = k if step > 0 else 1
        else:
            step = 1.0 + (bargap if bargap is not None else yvars.gap if yvars.gap is not None else 0.0) / 100.0
            per_group = 1 if stack else k
        default = DOT_GAP if dots else GROUP_GAP
        gap = inner.gap_or(default) if inner is not None else default
        outer_gap = outer.gap_or(gap) if outer is not None else None
        pos = positions(n_outer, n_inner, per_group, gap, step, outer_gap, present)
        if per_group > 1 and (showyvars or dots):  # a tick (a dot line) at each bar
            categorical = yvar_ticks(pos, yvar_labels if showyvars else None, inner_labels if inner else None,
                                     outer, axis)
        else:
            categorical = category_ticks(pos, inner_labels if inner else None, outer, axis)
    if percentages:
        sums = np.nansum(values, axis=2, keepdims=True)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # a group summing to 0, or a
            values = np.where((sums != 0) & np.isfinite(sums), 100.0 * values / sums, np.nan)  # sum or 100 x
        values = np.where(np.isfinite(values), values, np.nan)  # past the double range: missing
    kept = np.isfinite(pos[:, :, 0]).ravel()  # nofill: the groups drawn
    series: list[Series] = []
    texts: list[TextBox] = []
    bottoms = np.zeros((n_outer, n_inner))
    where = (blabel_look or {}).get("position", "outside")
    text_fields = {k_: v for k_, v in (blabel_look or {}).items() if k_ != "position"}
    for j, src in enumerate(sources):
        label = src.label
        x = pos[:, :, 0 if per_group == 1 else j].ravel()[kept]
        y = values[:, :, j].ravel()[kept]
        style_no = src.style
        extra_look = looks(style_no, "scatter" if dots else "bar") if looks else {}
        if dots:
            px, py = (y, x) if horizontal else (x, y)
            series.append(Series("scatter", px, py, label=label, **{"style": style_no, **extra_look}))
            continue
        bottom = bottoms.ravel()[kept] if stack else None
        top = y + bottom if stack else y
        series.append(Series("bar", x, top, bottom, label=label, width=1.0,
                             base=0.0, horizontal=horizontal, **{"style": style_no, **extra_look}))
        if stack:
            bottoms = bottoms + np.nan_to_num(values[:, :, j])
        per_bar = blabel in ("bar", "name", "group") or (blabel == "total" and not stack)
        if per_bar:
            groups = [g for g, keep in zip((inner_labels[i] for _ in range(n_outer) for i in range(n_inner)), kept)
                      if keep]
            for xi, yi, ti, group in zip(x, y, top, groups):
                if not np.isfinite(yi):
                    continue
                text = (label if blabel == "name" else group if blabel == "group"
                        else format_number(yi, blabel_format).strip())
                base = ti - yi if stack else 0.0
                texts.append(_bar_label(xi, ti, base, text, where, horizontal, text_fields))
    if blabel == "total" and stack:
        totals = np.nansum(values, axis=2).ravel()[kept]
        for xi, ti in zip(pos[:, :, 0].ravel()[kept], totals):
            texts.append(_bar_label(xi, ti, 0.0, format_number(ti, blabel_format).strip(), where,
                                    horizontal, text_fields))
    panel = Panel(tuple(series), texts=tuple(texts), **categorical)
    return panel, [s.label for s in sources]


def _bar_label(x: float, top: float, base: float, text: str, where: str, horizontal: bool,
               fields: dict) -> TextBox:
    """A bar's label ``blabel(..., position())``: outside (beyond its end), inside (within, at
    its end), base (at its base) or center."""
    at = {"outside": top, "inside": top, "base": base, "center": (top + base) / 2}[where]
    up = top >= base
    if horizontal:
        place = {"outside": "e" if up else "w", "inside": "w" if up else "e", "base": "e" if up else "w",
                 "center": "c"}[where]
        return TextBox(at, x, text, place, **{"size": 7.0, **fields})
    place = {"outside": "n" if up else "s", "inside": "s" if up else "n", "base": "n" if up else "s",
             "center": "c"}[where]
    return TextBox(x, at, text, place, **{"size": 7.0, **fields})


