"""``graph bar``/``hbar``/``dot`` (a statistic of each y variable per ``over()`` group) and
``graph box``/``hbox`` (each y variable's distribution per group) -> ``Panel``s.

Statistics (``(mean) y1 (median) y2 ...``): those of ``collapse`` (``summary_statistics``):
mean (the default), median, p1-p99, sum, rawsum, count, percent (share of the
observations, in percent), max, min, iqr, sd, semean, first, last, firstnm, lastnm,
and ``(asis)`` (the value itself).  With weights, mean and sum are weighted, count
sums frequency weights.

Boxes (Stata's ``graph box``): the box runs from the 25th to the 75th percentile
(``summarize``'s definition) with a line at the median; whiskers reach the adjacent
values, the most extreme values within 1.5 IQR of the nearer quartile; values
beyond them are drawn as markers (``nooutsides`` leaves them out).

Layout: one position per bar (width 1); bars of one group touch (``bargap(0)``),
groups are 2/3 of a bar apart (s2color's ``bar_groupgap``), boxes 1/3 of a box apart.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.graphs.plotdata import value_text, var_title
from mlmcli.graphs.spec import Panel, Series, TextBox
from mlmcli.summary_statistics import stata_percentile, statistic

STATISTICS = ("mean", "median", "sum", "rawsum", "count", "percent", "max", "min", "iqr", "sd",
              "semean", "first", "last", "firstnm", "lastnm", "asis")
_PCT = re.compile(r"^p([1-9]|[1-9]\d)$")
GROUP_GAP = 2.0 / 3.0
BOX_GAP = 1.0 / 3.0


@dataclass(frozen=True)
class YSpec:
    """One y of a bar/dot chart: its statistic, variable and legend text."""

    stat: str
    var: str
    label: str


def parse_yvars(text: str, data: Dataset, default_stat: str = "mean") -> list[YSpec]:
    """``(stat) [name=]var ... (stat) var ...`` -> YSpecs (a stat applies until the next)."""
    out: list[YSpec] = []
    stat = default_stat
    tokens = re.findall(r"\([^)]*\)|[A-Za-z_][\w]*\s*=\s*[A-Za-z_][\w*?~-]*|\S+", text)
    for tok in tokens:
        if tok.startswith("("):
            word = tok[1:-1].strip().lower()
            if word == "med":
                word = "median"
            if word not in STATISTICS and not _PCT.match(word):
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
    return codes, ["." if np.isnan(v) else value_text(data, var, v) for v in present]


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

    def member(self, g: int) -> np.ndarray:
        """Rows of group ``g`` (the total group: every row in a group)."""
        if self.total and g == len(self.labels) - 1:
            return self.codes >= 0
        return self.codes == g


def _positions(n_outer: int, n_inner: int, per_group: int, gap: float, step: float = 1.0,
               outer_gap: float | None = None, present: np.ndarray | None = None) -> np.ndarray:
    """x positions: (outer, inner, k) -> position of bar k of group (outer, inner); ``step``:
    from one bar of a group to the next (1 + ``bargap()``/100); ``present``: (outer, inner)
    False for a group left out (``nofill``: its position NaN, no space kept)."""
    out = np.full((n_outer, n_inner, per_group), np.nan)
    pos = 0.0
    for o in range(n_outer):
        for i in range(n_inner):
            if present is not None and not present[o, i]:
                continue
            out[o, i, :] = pos + step * np.arange(per_group)
            pos += step * (per_group - 1) + 1 + gap
        pos += gap if outer_gap is None else outer_gap  # outer groups a little further apart
    return out


def _present(rows: np.ndarray, inner: Over | None, outer: Over | None, order: list[int],
             nofill: bool) -> np.ndarray | None:
    """``nofill``: (outer, inner in ``order``) True where the two over() groups share rows."""
    if not nofill or inner is None or outer is None:
        return None
    return np.array([[bool((rows & outer.member(o) & inner.member(g)).any()) for g in order]
                     for o in range(len(outer.labels))])


def _order(inner: Over | None, n_inner: int, key: np.ndarray | None) -> list[int]:
    """The inner groups' order: ``sort(#)`` by ``key``, ``descending``, ``reverse``; the
    ``total`` group stays last."""
    if inner is None:
        return list(range(n_inner))
    groups = n_inner - 1 if inner.total else n_inner
    order = list(range(groups))
    if inner.sort_by is not None and key is not None:
        order = sorted(order, key=lambda g: (np.isnan(key[g]), key[g]))
    if inner.descending:
        order = order[::-1]
    if inner.reverse:
        order = order[::-1]
    return order + ([groups] if inner.total else [])


def bar_panel(data: Dataset, rows: np.ndarray, yspecs: list[YSpec], overs: list[Over], *,
              weights: np.ndarray | None = None, asyvars: bool = False, stack: bool = False,
              percentages: bool = False, horizontal: bool = False, dots: bool = False,
              blabel: str | None = None, blabel_format: str = "%9.0g",
              looks=None, bargap: float = 0.0, blabel_look: dict | None = None,
              nofill: bool = False, ascategory: bool = False,
              showyvars: bool = False, yvar_order: dict | None = None) -> tuple[Panel, list[str]]:
    """One panel of a bar (or dot) chart over ``rows``; returns it and the series labels.
    ``ascategory``: the yvars as the first over() group (one series, the yvars along the
    category axis, the over() group around them), ordered by ``yvar_order`` (``Over`` fields of
    ``yvaroptions()``: ``sort_by``, ``descending``, ``reverse``, ``gap``); ``showyvars``: each
    bar labelled on the category axis by its yvar, the group under them.
    ``looks(style number, kind)``: Series look fields of each bar/marker series (``bar(#, ...)``,
    ``intensity()``); ``bargap``: percent of a bar between the bars of a group;
    ``blabel_look``: ``position`` (outside, inside, base, center) and TextBox fields of the
    bar labels."""
    from mlmcli.render.numfmt import format_number

    series_defs: list[tuple[str, YSpec, np.ndarray]] = []  # (label, yspec, row filter)
    inner_overs = list(overs)
    if asyvars and overs:
        first = overs[0]
        inner_overs = overs[1:]
        if len(yspecs) != 1:
            raise StataError("asyvars may be specified only with one yvar", 198)
        for g, label in enumerate(first.labels):
            series_defs.append((label, yspecs[0], first.member(g)))
    else:
        for spec in yspecs:
            series_defs.append((spec.label, spec, np.ones(data.nobs, dtype=bool)))
    # the first over() is the innermost grouping, the second groups the groups
    inner = inner_overs[0] if inner_overs else None
    outer = inner_overs[1] if len(inner_overs) >= 2 else None
    n_outer = len(outer.labels) if outer else 1
    n_inner = len(inner.labels) if inner else 1
    k = len(series_defs)
    values = np.full((n_outer, n_inner, k), np.nan)
    for o in range(n_outer):
        for i in range(n_inner):
            cell = rows.copy()
            if outer is not None:
                cell &= outer.member(o)
            if inner is not None:
                cell &= inner.member(i)
            for j, (_, spec, filt) in enumerate(series_defs):
                x = data.numeric(spec.var)
                total = None
                if spec.stat == "percent":
                    total = float(np.sum(np.isfinite(x[rows]) * (weights[rows] if weights is not None else 1)))
                sel = cell & filt
                values[o, i, j] = summary(spec.stat, x[sel], weights[sel] if weights is not None else None,
                                          total)
    # order of the inner groups: sort(#) / descending / reverse
    key = np.nanmean(values[:, :, min(inner.sort_by, k) - 1], axis=0) \
        if inner is not None and inner.sort_by is not None else None
    order = _order(inner, n_inner, key)
    values = values[:, order, :]
    inner_labels = [inner.labels[g] for g in order] if inner else [""]
    if inner is not None and inner.relabel:
        inner_labels = [inner.relabel.get(n + 1, t) for n, t in enumerate(inner_labels)]
    if ascategory:  # (1, groups, yvars) -> (groups, yvars, 1): the yvars are the inner groups
        if outer is not None:
            raise StataError("too many over() options; at most 1 allowed with ascategory", 198)
        outer = Over("", np.zeros(0), inner_labels) if inner is not None else None
        inner = Over("", np.zeros(0), [spec.label for spec in yspecs], **(yvar_order or {}))
        values = values[0][:, :, None]
        n_outer, n_inner, k = values.shape
        yvar_key = np.nanmean(values[:, :, 0], axis=0) if inner.sort_by is not None else None
        order = _order(inner, n_inner, yvar_key)  # yvaroptions(sort() descending reverse)
        values = values[:, order, :]
        inner_labels = [inner.labels[g] for g in order]
        series_defs = [("", yspecs[0], np.ones(data.nobs, dtype=bool))]
        order, nofill = list(range(n_inner)), False
    if percentages:
        sums = np.nansum(values, axis=2, keepdims=True)
        values = np.where(sums != 0, 100.0 * values / sums, np.nan)
    per_group = 1 if (stack or dots) else k
    gap = 1.0 if dots else GROUP_GAP
    if inner is not None and inner.gap is not None:
        gap = inner.gap / 100.0
    outer_gap = outer.gap / 100.0 if outer is not None and outer.gap is not None else None
    pos = _positions(n_outer, n_inner, per_group, gap, 1.0 + bargap / 100.0, outer_gap,
                     _present(rows, inner, outer, order, nofill))
    kept = np.isfinite(pos[:, :, 0]).ravel()  # nofill: the groups drawn
    series: list[Series] = []
    texts: list[TextBox] = []
    bottoms = np.zeros((n_outer, n_inner))
    where = (blabel_look or {}).get("position", "outside")
    text_fields = {k_: v for k_, v in (blabel_look or {}).items() if k_ != "position"}
    for j, (label, _, _) in enumerate(series_defs):
        x = pos[:, :, 0 if per_group == 1 else j].ravel()[kept]
        y = values[:, :, j].ravel()[kept]
        style_no = j + 1
        extra = looks(style_no, "scatter" if dots else "bar") if looks else {}
        if dots:
            px, py = (y, x)
            series.append(Series("scatter", px, py, label=label, **{"style": style_no, **extra}))
            continue
        bottom = bottoms.ravel()[kept] if stack else None
        top = y + bottom if stack else y
        series.append(Series("bar", x, top, bottom, label=label, width=1.0,
                             base=0.0, horizontal=horizontal, **{"style": style_no, **extra}))
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
    axis = "y" if (horizontal or dots) else "x"
    if showyvars and not ascategory and per_group > 1:  # a tick at each bar, its yvar's label
        categorical = _yvar_ticks(pos, [d[0] for d in series_defs], inner_labels if inner else None, outer, axis)
    else:
        categorical = _category_ticks(pos, inner_labels if inner else None, outer, axis)
    panel = Panel(tuple(series), texts=tuple(texts), **categorical)
    return panel, [d[0] for d in series_defs]


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


def _category_ticks(pos: np.ndarray, inner_labels: list[str] | None, outer: Over | None,
                    key: str) -> dict:
    """Panel fields for the category axis: a tick at each group's centre, labelled by the
    inner group, the outer group's label under its middle inner group."""
    if inner_labels is None:
        return {f"{key}ticks": (), f"{key}ticklabels": ()}
    n_outer, n_inner = pos.shape[0], pos.shape[1]
    labels, centers = [], []
    for o in range(n_outer):
        drawn = [i for i in range(n_inner) if np.isfinite(pos[o, i, 0])]  # nofill leaves some out
        for i in drawn:
            text = inner_labels[i]
            if outer is not None and i == drawn[(len(drawn) - 1) // 2]:
                text = f"{text}\n{outer.labels[o]}"
            labels.append(text)
            centers.append(float(pos[o, i].mean()))
    return {f"{key}ticks": tuple(centers), f"{key}ticklabels": tuple(labels)}


def _yvar_ticks(pos: np.ndarray, yvar_labels: list[str], inner_labels: list[str] | None,
                outer: Over | None, key: str) -> dict:
    """``showyvars``: a tick under each bar labelled by its yvar; the group's label (and the
    outer group's) on the lines under the group's middle bar."""
    labels, centers = [], []
    n_outer, n_inner, per_group = pos.shape
    for o in range(n_outer):
        for i in range(n_inner):
            if not np.isfinite(pos[o, i, 0]):
                continue
            for j in range(per_group):
                text = yvar_labels[j]
                if j == (per_group - 1) // 2:
                    text += f"\n{inner_labels[i]}" if inner_labels else ""
                    if outer is not None and i == (n_inner - 1) // 2:
                        text += f"\n{outer.labels[o]}"
                labels.append(text)
                centers.append(float(pos[o, i, j]))
    return {f"{key}ticks": tuple(centers), f"{key}ticklabels": tuple(labels)}


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
    if inner is not None and inner.gap is not None:
        gap = inner.gap / 100.0
    key = None
    if inner is not None and inner.sort_by is not None:  # sort(#): by the #th box's median
        var, filt = series_defs[min(inner.sort_by, k) - 1][1:]
        key = np.array([box_stats(data.numeric(var)[rows & filt & (inner.member(g))])[1]
                        for g in range(n_inner)])
    order = _order(inner, n_inner, key)
    pos = _positions(n_outer, n_inner, k, gap, 1.0,
                     outer.gap / 100.0 if outer is not None and outer.gap is not None else None,
                     _present(rows, inner, outer, order, nofill))
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
    categorical = _category_ticks(pos, inner_labels if inner else None, outer, "y" if horizontal else "x")
    return Panel(tuple(series), **categorical), [d[0] for d in series_defs]
