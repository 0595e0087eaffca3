"""The ``marginsplot`` graph of a margins result, made as Stata's marginsplot makes it: the
margins become a small dataset and the graph is a ``twoway`` of it, so every plot type,
plot option and graph option works exactly as in ``twoway`` (``build.TwowayBuilder``).

The dataset (``MarginsPlot.data``) has one observation per margin: ``_margin``, ``_ci_lb``,
``_ci_ub``, the x position ``_x``, the plot number ``_plot``, the panel number ``_by`` and each
dimension under its own name (``_at``, ``_deriv``, the at(), over() and marginlist
variables; a name the margins' own columns take is left out).

Dimensions (``choose_dimensions``), as Stata's marginsplot.ado: of the dimensions that
identify the margins, the first (an at() variable when one varies) is the x axis and every
combination of the others is a plot; ``bydimension()`` dimensions make panels and
``graphdimension()`` dimensions separate graphs (``graph_groups``), and the dimensions no
typed option covers fill the first untyped of plot(), by(), graph().  A continuous x (an at() variable) is placed
at its values; a categorical one (factor levels, ``_deriv``, several dimensions) at its
level values, or at 1, 2, ... when several dimensions or ``_deriv`` make it, and labelled.

The twoway command (``MarginsPlot.plots``): for each plot j the interval plot
(``rcap _ci_lb _ci_ub _x if _plot == j``, ``recastci()``) and then the margins plot
(``connected _margin _x if _plot == j``, ``recast()``), both ``pstyle(pj)``: the intervals are
legend keys 1..k and the margins keys k+1..2k (Stata's numbering, so ``legend(order(3 "a"
4 "b"))`` works as in Stata); the legend shows the margins keys when there are several plots.
With ``recast(bar)`` and ``recast(area)`` the margins plots come first (keys 1..k), as
marginsplot.ado writes that twoway (``margins_first``).
"""
from __future__ import annotations

import re

from dataclasses import dataclass

import numpy as np

from mlmcli.ast import Option
from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.graphs.axis_spec import Axis
from mlmcli.graphs.syntax import PlotCall

RECAST = ("scatter", "line", "connected", "bar", "area", "spike", "dropline")
RECAST_CI = ("rarea", "rbar", "rspike", "rcap", "rcapsym", "rline", "rconnected", "rscatter")
# plot types drawn along the y axis by their own horizontal option (the others swap x and y)
_HORIZONTAL_OPTION = ("bar", "area", "spike", "dropline") + RECAST_CI
MANY_XLABELS = 25  # more x values than this: default axis labelling unless allxlabels
RESERVED = ("_margin", "_ci_lb", "_ci_ub", "_x", "_plot", "_by")
CI_AREA_INTENSITY = "*.45"  # recastci(rarea): a lighter band under the plot's line


@dataclass(frozen=True)
class PlotPoint:
    """One margin: its estimate, interval and coordinates (dimension -> (value, label))."""

    b: float
    lo: float
    hi: float
    coords: dict


@dataclass(frozen=True)
class LabelRule:
    """How a dimension's groups are labelled (marginsplot's label options and dimopts).

    ``simple``: None (Stata's default: a labelled value alone, an unlabelled one as
    ``name=value``), ``"all"`` (values alone: ``allsimplelabels``) or ``"none"`` (always
    ``name=value``: ``nosimplelabels``); ``nolabels``: values, not value labels;
    ``separator``: between the dimensions of a group; ``labels``: texts for the groups in
    order (``labels()``); ``elabels``: group number -> text (``elabels()``);
    ``names``: dimension -> the text before ``=`` (``derivlabels``' variable labels)."""

    simple: str | None = None
    nolabels: bool = False
    separator: str = ", "
    labels: tuple[str, ...] = ()
    elabels: tuple[tuple[int, str], ...] = ()
    names: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Dimension:
    """The dimensions a role (x, plot, by, graph) is given, and how its groups are labelled."""

    names: tuple[str, ...]
    rule: LabelRule = LabelRule()


@dataclass
class MarginsPlot:
    """The twoway of a margins result: its dataset, plots, graph-level options and the
    ``Graph`` fields marginsplot sets unless the typed options say otherwise."""

    data: Dataset
    plots: list[PlotCall]
    options: list[Option]
    defaults: dict
    n_plots: int
    plot_texts: tuple[str, ...] = ()
    margins_offset: int = 0  # plots before the margins plots (their intervals, unless margins_first)


def points_from(rows) -> list[PlotPoint]:
    """PlotPoints of margins result rows (``results.margins.MarginRow``; base levels skipped)."""
    out = []
    for r in rows:
        if r.base or not r.estimable:
            continue
        out.append(PlotPoint(r.b, r.lo, r.hi, {d: (v, t) for d, v, t in r.dims}))
    return out


# marginsplot.ado's SetupMV makes _outcome and _equation copies of _predict, which the margins
# file always has: these dimensions may be named even for a single predict (one constant value)
ALWAYS_DIMENSIONS = ("_predict", "_outcome", "_equation")


def _coord(p: PlotPoint, dim: str) -> tuple[float, str]:
    if dim in ALWAYS_DIMENSIONS and dim not in p.coords:  # one predict(): _predict is 1 throughout
        return (1.0, "")
    return p.coords.get(dim, (0.0, ""))


def _identity(p: PlotPoint, dim: str):
    """What tells margins apart along ``dim``: its value; for ``_deriv`` also its name (the
    dy/dx rows of several continuous variables share the value 0)."""
    coord = _coord(p, dim)
    return coord if dim == "_deriv" else coord[0]


def _constant_within(points, dim: str, groups: list[str]) -> bool:
    """Does ``dim`` take one value within every group of ``groups`` (and overall without them)?"""
    seen: dict = {}
    for p in points:
        key = tuple(_identity(p, d) for d in groups)
        if seen.setdefault(key, _identity(p, dim)) != _identity(p, dim):
            return False
    return True


def identifying(points, candidates, start=()) -> list[str]:
    """marginsplot.ado's search for the dimensions that identify the margins: from ``start``,
    each candidate in turn is added unless it is constant or constant within the groups of
    those already chosen; the search stops once every margin is alone in its group."""
    chosen = list(start)
    for d in candidates:
        if _constant_within(points, d, []) or (chosen and _constant_within(points, d, chosen)):
            continue
        chosen.append(d)
        if len({tuple(_identity(p, c) for c in chosen) for p in points}) == len(points):
            break
    return chosen


_AT_DIMENSION = re.compile(r"at\((\w+)\)")


def dimension_names(typed, order, at_vars) -> list[str]:
    """The dimensions a typed dimlist names (marginsplot.ado's ParseDim): ``at(name)`` is the
    at() variable ``name`` (a token with ``at(`` in another shape is "invalid dimension
    specification" r(198)); any other token a dimension of the margins.  A name the margins do
    not have: "name not a dimension in margins results" r(322) (the ado's FindVar)."""
    out = []
    for token in typed:
        if "at(" in token:
            match = _AT_DIMENSION.fullmatch(token)
            if match is None:
                raise StataError(f"invalid dimension specification: {token}", 198)
            name = match.group(1)
            if name not in at_vars:
                raise StataError(f"{name} not a dimension in margins results", 322)
        else:
            name = token
            if name not in order and name not in ALWAYS_DIMENSIONS:
                raise StataError(f"{name} not a dimension in margins results", 322)
        out.append(name)
    return out


def choose_dimensions(points, order, at_vars, *, x=None, plot=None, by=None, graph=None):
    """(x, plot, by and graph dimensions, the dimensions added to plot()) as marginsplot.ado
    chooses them: the untyped dimensions that identify the margins beyond the typed ones
    (``identifying``, in ``order``: at() variables, marginlist, over(), ``_at``, ``_deriv``)
    give x its first when x is not typed, and the rest go to plot() when it is not typed, else
    to by(), else to graph(), else they are added to the typed plot() (the ado's note then
    names them).  ``at(name)`` names the at() dimension of ``name`` (``dimension_names``)."""
    x, plot, by, graph = (dimension_names(g, order, at_vars) if g is not None else None
                          for g in (x, plot, by, graph))
    if x == ["_at"] and at_vars:  # _at on x: the at() variable's values
        x = [at_vars[0]]
    typed = [d for g in (x, plot, by, graph) for d in g or ()]
    added = [d for d in identifying(points, [d for d in order if d not in typed], typed) if d not in typed]
    if not x:
        x, added = added[:1], added[1:]
    extra: list[str] = []
    if not plot:
        plot, added = added, []
    elif not by:
        by, added = added, []
    elif not graph:
        graph, added = added, []
    elif added:
        plot, extra = plot + added, added
    return x, plot, by or [], graph or [], extra


# ---------------------------------------------------------------- labels
def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def group_label(dims, key, rule: LabelRule, index: int) -> str:
    """The label of one group (``key``: its (value, label) per dimension); ``index``: its
    1-based position among the groups (``labels()``, ``elabels()``)."""
    typed = dict(rule.elabels)
    if index in typed:
        return typed[index]
    if 0 < index <= len(rule.labels):
        return rule.labels[index - 1]
    names = dict(rule.names)
    parts = []
    for d, (value, text) in zip(dims, key):
        numeric = text == _number_text(value) or text == ""
        if rule.nolabels and d != "_deriv":
            text, numeric = _number_text(value), True
        name = names.get(d, d)
        if rule.simple == "all":
            parts.append(text or _number_text(value))
        elif rule.simple == "none" or numeric:
            parts.append(f"{name}={text or _number_text(value)}")
        else:
            parts.append(text)
    return rule.separator.join(parts)


def _groups(points, dims: tuple[str, ...]) -> list[tuple]:
    """The distinct keys of ``dims`` among the points, sorted by value (then label); with
    ``_deriv`` in the order margins reported them (r(b)'s: dy/dx of x, L.x2, x2 share the value 0)."""
    if "_deriv" in dims:
        return list(dict.fromkeys(tuple(_coord(p, d) for d in dims) for p in points))
    keys = {tuple(_coord(p, d) for d in dims) for p in points}
    return sorted(keys, key=lambda key: tuple((v, t) for v, t in key))


def plot_members(points, plot: Dimension) -> list[list[PlotPoint]]:
    """The points of each plot, in plot order (plot j of ``marginsplot_twoway``)."""
    return [[p for p in points if tuple(_coord(p, d) for d in plot.names) == key]
            for key in _groups(points, plot.names)]


# ---------------------------------------------------------------- the dataset and the plots
def graph_groups(points, graph: Dimension) -> list[tuple[str, list[PlotPoint]]]:
    """``graphdimension()``: (label, points) of each graph, in order (one group without it)."""
    keys = _groups(points, graph.names)
    return [(group_label(graph.names, key, graph.rule, i) if graph.names else "",
             [p for p in points if tuple(_coord(p, d) for d in graph.names) == key])
            for i, key in enumerate(keys, 1)]


def marginsplot_twoway(points, order, at_vars, *, x: Dimension, plot: Dimension, by: Dimension,
                       recast="connected", recastci="rcap", ci=True,
                       horizontal=False, allxlabels=False, title="", ytitle="", xtitle="",
                       level=95.0, var_labels=None, value_labels=None, plotopts=(), ciopts=(),
                       plot_k=None, ci_k=None, xlabels_typed=False, byopts="", margins_first=False) -> MarginsPlot:
    """The twoway of the margins (module docstring).

    ``plotopts``/``ciopts``: options of every margins/interval plot; ``plot_k``/``ci_k``:
    plot number -> options of that plot (``plot#opts()``/``ci#opts()``), applied after;
    ``var_labels``/``value_labels``: the dataset's variable labels and value-label tables
    of the dimensions (name -> text, name -> {value: text}); ``xlabels_typed``: the user's
    own x-axis rule (then marginsplot places no labels of its own); ``byopts``: the
    suboptions of the panels' ``by()``; ``margins_first``: the margins plots before the
    intervals (marginsplot.ado's order for ``recast(area)`` and ``recast(bar)``)."""
    if recast not in RECAST:
        raise StataError(f"recast({recast}) not allowed", 198)
    if recastci not in RECAST_CI:
        raise StataError(f"recastci({recastci}) not allowed", 198)
    plot_keys = _groups(points, plot.names)
    by_keys = _groups(points, by.names)
    x_keys = _groups(points, x.names)
    continuous = len(x.names) == 1 and x.names[0] in at_vars
    by_position = len(x.names) > 1 or "_deriv" in x.names or "_at" in x.names
    if x.names:
        positions = {key: (float(i) if by_position else float(key[0][0])) for i, key in enumerate(x_keys, 1)}
    else:  # one margin, or one dy/dx: nothing varies along the axis
        positions = {(): 0.0}
    n = len(points)
    cols: dict[str, np.ndarray] = {name: np.zeros(n) for name in RESERVED}
    labels = dict(var_labels or {})
    for i, p in enumerate(points):
        cols["_margin"][i], cols["_ci_lb"][i], cols["_ci_ub"][i] = p.b, p.lo, p.hi
        cols["_x"][i] = positions[tuple(_coord(p, d) for d in x.names)]
        cols["_plot"][i] = plot_keys.index(tuple(_coord(p, d) for d in plot.names)) + 1
        cols["_by"][i] = by_keys.index(tuple(_coord(p, d) for d in by.names)) + 1
    for d in order:
        if d not in RESERVED:
            cols[d] = np.array([_coord(p, d)[0] for p in points], float)
    import pandas as pd

    data = Dataset(df=pd.DataFrame(cols), types={c: "double" for c in cols})
    data.var_labels.update({"_margin": ytitle, "_x": xtitle, "_ci_lb": f"{level:g}% CI",
                            "_ci_ub": f"{level:g}% CI"})
    data.var_labels.update({d: t for d, t in labels.items() if d in cols})
    for d, table in (value_labels or {}).items():
        if d in cols and table:
            data.value_labels[f"_mp_{d}"] = dict(table)
            data.value_label_of[d] = f"_mp_{d}"
    x_texts = {positions[key]: group_label(x.names, key, x.rule, i) for i, key in enumerate(x_keys, 1)} \
        if x.names else {0.0: ""}
    if not continuous:
        data.value_labels["_mp_x"] = dict(x_texts)
        data.value_label_of["_x"] = "_mp_x"
    data.value_labels["_mp_by"] = {float(i): group_label(by.names, key, by.rule, i)
                                   for i, key in enumerate(by_keys, 1)}
    data.value_label_of["_by"] = "_mp_by"

    k = len(plot_keys)
    cis, margins, texts = [], [], []
    for j, key in enumerate(plot_keys, 1):
        text = group_label(plot.names, key, plot.rule, j) if plot.names else ""
        texts.append(text)
        style = [Option("pstyle", f"p{j}")]
        if ci:
            own = style + [Option("yvarlabel", _quoted(f"{level:g}% CI"))]
            if recastci == "rarea":
                own.append(Option("color", CI_AREA_INTENSITY))
            if horizontal:
                own.append(Option("horizontal"))
            cis.append(PlotCall(recastci, "_ci_lb _ci_ub _x", f"_plot == {j}", None,
                                tuple(own + list(ciopts) + list((ci_k or {}).get(j, ())))))
        own = style + [Option("yvarlabel", _quoted(text))]
        varlist = "_margin _x"
        if horizontal:
            if recast in _HORIZONTAL_OPTION:
                own.append(Option("horizontal"))
            else:
                varlist = "_x _margin"
        margins.append(PlotCall(recast, varlist, f"_plot == {j}", None,
                                tuple(own + list(plotopts) + list((plot_k or {}).get(j, ())))))
    defaults: dict = {"title": title}
    axis_title, value_title = (xtitle, ytitle) if not horizontal else (ytitle, xtitle)
    defaults["xtitle"], defaults["ytitle"] = axis_title, value_title
    offset = k if ci and not margins_first else 0
    if k > 1:
        defaults["legend_order"] = tuple((j + offset, "") for j in range(1, k + 1))
    else:
        defaults["legend"] = "off"
    if not xlabels_typed and (allxlabels or len(x_texts) <= MANY_XLABELS):
        ticks = tuple(sorted(x_texts))
        letter = "y" if horizontal else "x"
        defaults[f"{letter}ticks"] = ticks
        if not continuous:
            defaults[f"{letter}axis"] = Axis(ticklabels=tuple((t, x_texts[t]) for t in ticks))
    options: list[Option] = []
    if by.names:
        options.append(Option("by", '_by, note("") ' + byopts))
    plots = margins + cis if margins_first else cis + margins
    return MarginsPlot(data, plots, options, defaults, k, tuple(texts), offset)


def addplot_legend_order(mp: MarginsPlot, ci: bool, n_added: int, below: bool) -> tuple[tuple[int, str], ...]:
    """The ``legend(order())`` marginsplot.ado types when ``addplot()`` is given (with one plot
    too): with ``below`` the added plots' keys 1..a first and each margins plot's key shifted by a;
    without it the margins keys and then the added plots' keys.  A margins key's text is its
    plot's label ("1" without a plot dimension: the label of plot number 1)."""
    k = mp.n_plots
    offset = mp.margins_offset + (n_added if below else 0)
    margins = tuple((offset + j, mp.plot_texts[j - 1] or str(j)) for j in range(1, k + 1))
    first = (k if ci else 0) + k
    added = tuple((i, "") for i in range(1, n_added + 1)) if below else \
        tuple((first + i, "") for i in range(1, n_added + 1))
    return added + margins if below else margins + added


def _quoted(text: str) -> str:
    """Text as a Stata compound-quoted string."""
    return '`"' + text + "\"'"


def margins_beside(data: Dataset, margins: Dataset) -> Dataset:
    """The dataset in memory with the margins' variables (``RESERVED``, labels and all) beside
    it, observation i of the margins in observation i (more observations, missing elsewhere,
    when the margins outnumber the data): marginsplot's plots and ``addplot()``'s plots then
    draw from one dataset, the added plots from the data in memory ([G-3] addplot_option)."""
    import pandas as pd

    taken = [name for name in RESERVED if name in data.df.columns]
    if taken:
        raise StataError(f"variable {taken[0]} already defined: marginsplot names its own variables "
                         f"{', '.join(RESERVED)}; rename it to use addplot()", 110)
    out = data.copy()
    n = max(data.nobs, margins.nobs)
    frame = out.df.reindex(range(n))
    for name in frame.columns:
        if data.is_string(name):
            frame[name] = frame[name].fillna("")
    for name in RESERVED:
        frame[name] = np.concatenate([margins.numeric(name), np.full(n - margins.nobs, np.nan)])
        out.types[name] = "double"
        if name in margins.var_labels:
            out.var_labels[name] = margins.var_labels[name]
        if name in margins.value_label_of:
            table = margins.value_label_of[name]
            out.value_label_of[name] = table
            out.value_labels[table] = dict(margins.value_labels[table])
    out.df = frame
    return out
