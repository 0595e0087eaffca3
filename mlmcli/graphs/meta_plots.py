"""The meta suite's graphs as pure data ([META] meta forestplot, meta funnelplot, meta
galbraithplot): the builders take computed rows and points and return a ``Graph``.

Forest plot: one row per study (a square sized by its weight -- area proportional to the weight
-- and its confidence interval), the overall effect as a diamond, note rows (heterogeneity and
tests) below it, the study labels on the left and the text columns (effect size with CI,
weight) on the right of the plot region; the no-effect line and, with ``esrefline``, a dashed
line at the overall effect.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.graphs.axis_spec import Axis
from mlmcli.graphs.spec import Graph, Panel, RefLine, Series, TextBox
from mlmcli.graphs.style import parse_color


@dataclass(frozen=True)
class ForestRow:
    """``kind``: study, overall (a diamond), group (a subgroup's diamond), heading or note;
    ``columns``: the texts of the right-hand columns."""

    label: str
    kind: str
    es: float = float("nan")
    lo: float = float("nan")
    hi: float = float("nan")
    weight: float = float("nan")
    columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class ForestLook:
    ci_color: str | None = None
    marker_color: str | None = None
    marker_symbol: str = "S"
    diamond_color: str | None = None
    crop: tuple[float | None, float | None] = (None, None)


def forest_graph(rows: list[ForestRow], headings: tuple[str, ...], *, null_value: float | None,
                 log_scale: bool, es_refline: float | None, look: ForestLook = ForestLook(),
                 xtitle: str = "", typed_range: tuple[float, float] | None = None) -> Graph:
    """``typed_range``: an ``xscale(range())`` the axis must include (the text columns are
    placed beyond the axis' right end)."""
    n = len(rows)
    pos = np.array([n - i for i in range(n)], dtype=float)
    study = [i for i, r in enumerate(rows) if r.kind == "study" and np.isfinite(r.es)]
    series = []
    crop_lo, crop_hi = look.crop
    if study:
        lo = np.array([rows[i].lo for i in study])
        hi = np.array([rows[i].hi for i in study])
        if crop_lo is not None:
            lo = np.maximum(lo, crop_lo)
        if crop_hi is not None:
            hi = np.minimum(hi, crop_hi)
        series.append(Series("rspike", pos[study], lo, hi, horizontal=True, style=1, legend=False,
                             color=parse_color(look.ci_color or "black"), line_color=parse_color(look.ci_color or "black")))
        weights = np.array([rows[i].weight for i in study])
        scales = np.sqrt(np.where(np.isfinite(weights), weights, 0) / max(np.nanmax(weights), 1e-12)) * 2.2 \
            if np.any(np.isfinite(weights)) else np.ones(len(study))
        series.append(Series("scatter", np.array([rows[i].es for i in study]), pos[study], style=1,
                             legend=False, marker=look.marker_symbol, color=parse_color(look.marker_color) if look.marker_color else None,
                             marker_scales=np.maximum(scales, 0.3)))
    for i, r in enumerate(rows):
        if r.kind in ("overall", "group") and np.isfinite(r.es):
            half = 0.35
            series.append(Series("area", np.array([r.lo, r.es, r.hi]), np.array([pos[i], pos[i] - half, pos[i]]),
                                 np.array([pos[i], pos[i] + half, pos[i]]), style=2, legend=False,
                                 color=parse_color(look.diamond_color or ("maroon" if r.kind == "overall" else "forest_green"))))
    finite = [v for r in rows for v in (r.lo, r.hi, r.es) if np.isfinite(v)]
    if crop_lo is not None:
        finite = [max(v, crop_lo) for v in finite]
    if crop_hi is not None:
        finite = [min(v, crop_hi) for v in finite]
    if null_value is not None:
        finite.append(null_value)
    xmin, xmax = (min(finite), max(finite)) if finite else (0.0, 1.0)
    if typed_range is not None:
        xmin, xmax = min(xmin, typed_range[0]), max(xmax, typed_range[1])
    texts = []
    top = float(n + 1)

    def column_x(j: int) -> float:
        # beyond the axis' right end, each column 40% of the plot region's width further
        if log_scale and xmin > 0:
            span = np.log(xmax / xmin)
            return float(xmax * np.exp(span * (0.06 + 0.3 * j)))
        span = xmax - xmin or 1.0
        return float(xmax + span * (0.06 + 0.3 * j))

    for j, title in enumerate(headings):
        texts.append(TextBox(x=column_x(j), y=top, text=title, place="e", size=8))
    for i, r in enumerate(rows):
        for j, text in enumerate(r.columns):
            if text:
                texts.append(TextBox(x=column_x(j), y=float(pos[i]), text=text, place="e", size=8))
    reflines = []
    if null_value is not None:
        reflines.append(RefLine("x", float(null_value), color=parse_color("gs8"), pattern="solid"))
    if es_refline is not None:
        reflines.append(RefLine("x", float(es_refline), color=parse_color("maroon"), pattern="dash"))
    labels = tuple(r.label for r in rows) + ("Study",)
    ticks = tuple(float(p) for p in pos) + (top,)
    panel = Panel(series=tuple(series), yticks=ticks, yticklabels=labels, texts=tuple(texts))
    widest = max((len(x) for x in labels), default=5)
    # the text columns sit inside the plot region, right of the data: the x axis runs over the
    # data's range only (its line and ticks), and the graph grows wider with the columns
    end = column_x(len(headings)) if headings else xmax
    ticks = _ticks(xmin, xmax, log_scale)
    return Graph(panels=(panel,), xtitle=xtitle, ytitle="", legend="off", reflines=tuple(reflines),
                 xaxis=Axis(log=log_scale, range=(xmin, end), extend=False, grid=False), xticks=ticks,
                 yaxis=Axis(range=(0.5, top + 0.8), grid=False),
                 size=(5.0 + 1.6 * len(headings) + widest * 0.06, min(24.0, max(4.0, 0.3 * (n + 3)))))


def _ticks(lo: float, hi: float, log_scale: bool) -> tuple[float, ...]:
    """About five labelled values within the data's range (powers of 2 on a log scale)."""
    if log_scale and lo > 0 and hi / lo >= 4:
        k = np.arange(np.floor(np.log2(lo)), np.ceil(np.log2(hi)) + 1)
        step = max(1, int(np.ceil(len(k) / 6)))
        vals = [float(2.0 ** x) for x in k[::step]]
        kept = tuple(v for v in vals if lo * 0.999 <= v <= hi * 1.001)
        if len(kept) >= 3:
            return kept
    from mlmcli.graphs.nice_numbers import natural_ticks
    return tuple(float(v) for v in natural_ticks(lo, hi, 5) if lo - 1e-12 <= v <= hi + 1e-12)


def funnel_graph(es: np.ndarray, se: np.ndarray, theta: float, level: float, *, filled_es=None,
                 filled_se=None, xtitle: str = "Effect size", contours=None) -> Graph:
    """Standard errors (reversed y axis) against effect sizes, the pseudo confidence limits
    theta -/+ z se and the line at theta; imputed studies (trim-and-fill) as hollow markers."""
    from mlmcli.distributions import norm

    z = float(norm.isf((100 - level) / 200))
    top = float(np.nanmax(np.r_[se, filled_se if filled_se is not None else []]))
    grid = np.linspace(0, top * 1.05, 50)
    series = [Series("line", theta - z * grid, grid, style=2, legend=True, label=f"{level:g}% pseudo CI",
                     color=parse_color("navy")),
              Series("line", theta + z * grid, grid, style=2, legend=False, color=parse_color("navy")),
              Series("line", np.array([theta, theta]), np.array([0, top * 1.05]), style=3, legend=True,
                     label="Estimated θ", color=parse_color("maroon")),
              Series("scatter", np.asarray(es, float), np.asarray(se, float), style=1, label="Studies",
                     color=parse_color("navy"))]
    if filled_es is not None and len(filled_es):
        series.append(Series("scatter", np.asarray(filled_es, float), np.asarray(filled_se, float), style=4,
                             label="Imputed studies", marker="Oh", color=parse_color("orange")))
    return Graph(panels=(Panel(series=tuple(series)),), xtitle=xtitle, ytitle="Standard error",
                 yaxis=Axis(reverse=True), legend="on")


def galbraith_graph(precision: np.ndarray, standardized: np.ndarray, slope: float, level: float) -> Graph:
    """Standardised effect sizes against precision, the regression line through the origin with
    slope theta (the common-effect estimate) and its band -/+ z."""
    from mlmcli.distributions import norm

    z = float(norm.isf((100 - level) / 200))
    xs = np.array([0.0, float(np.nanmax(precision)) * 1.05])
    series = (Series("scatter", precision, standardized, style=1, label="Studies", color=parse_color("navy")),
              Series("line", xs, slope * xs, style=2, label="Regression line", color=parse_color("maroon")),
              Series("line", xs, slope * xs - z, style=3, label=f"{level:g}% CI", color=parse_color("forest_green"),
                     pattern="dash"),
              Series("line", xs, slope * xs + z, style=3, legend=False, color=parse_color("forest_green"), pattern="dash"),
              Series("line", xs, np.zeros(2), style=4, label="No effect", color=parse_color("gs8")))
    return Graph(panels=(Panel(series=series),), xtitle="Precision", ytitle="Standardized effect size",
                 legend="on")
