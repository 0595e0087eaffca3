"""From a parsed ``twoway`` command and the data to a ``Graph`` (pure data).

The caller supplies the dataset and ``mark(if_exp, in_range, varnames)``, which
returns the boolean sample of a plot (Stata's ``marksample``: the if/in
condition and no missing value in the variables); for ``twoway function``,
``evaluate(expression, x_values, x_name)`` (the expression engine lives above
this layer).  Notes Stata would print (an unknown colour) are returned beside the
graph in ``notes``; messages a command prints (``(bin=…)``) in ``messages``.
Each plot type's series are built by ``mlmcli.graphs.plots``.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

import numpy as np

from mlmcli.ast import InRange, Option
from mlmcli.dataset import Dataset
from mlmcli.errors import StataError, option_not_allowed
from mlmcli.graphs.axis_formats import default_axis_formats, with_variable_formats
from mlmcli.graphs.view_style_options import view_style_option
from mlmcli.graphs import graph_options as gopt
from mlmcli.graphs import plot_options as popt
from mlmcli.graphs import data_plots
from mlmcli.graphs import recast as recast_plots
from mlmcli.graphs.view_types import BANDED, without_own_type
from mlmcli.graphs.plotdata import PlotData, by_groups, value_text, var_title  # noqa: F401 (re-exported)
from mlmcli.graphs.spec import Graph, Panel, Series
from mlmcli.graphs.style_lists import split_lists
from mlmcli.graphs.syntax import PlotCall, TwowayCall, title_text
from mlmcli.graphs.view_types import ONE_Y

# what scatteri's points are drawn as by recast(): the yxtype styles; the wider types read them
# as the range plots and pci do (too few variables, or pairs)
_IMMEDIATE_RECASTS = ONE_Y + data_plots.WIDER_KINDS
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

Mark = Callable[[str | None, InRange | None, list[str]], np.ndarray]
Evaluate = Callable[[str, np.ndarray, str], np.ndarray]
# weigh(weight, mask, allowed kinds) -> (mask without rows of missing/zero weight, weights, kind)
Weigh = Callable[[object, np.ndarray, tuple[str, ...]], tuple[np.ndarray, np.ndarray]]
WEIGHTS_ALLOWED = {"histogram": ("fweight",), "kdensity": ("fweight", "aweight"),
                   "scatter": ("aweight", "fweight", "pweight"),  # weighted markers
                   "connected": ("aweight", "fweight", "pweight"),
                   # the range plots whose draw calls yxview's _draw_points (yxview_rscatter_draw,
                   # _rcapsym_draw, _rconnected_draw): weighted markers at both ends, as scatter's
                   "rscatter": ("aweight", "fweight", "pweight"), "rcapsym": ("aweight", "fweight", "pweight"),
                   "rconnected": ("aweight", "fweight", "pweight"),
                   # the plots without markers: twoway_yxview_parse's (and twoway_y2xview_parse's,
                   # inherited) [aw fw pw], and their draws never read the weight -- the same picture
                   **{kind: ("aweight", "fweight", "pweight")
                      for kind in ("rcap", "rspike", "rline", "rarea", "rbar", "rbarm", "tsrline",
                                   "line", "area", "bar", "spike", "dropline")},
                   # weighted least squares, as regress (pweights: the fit, not its band)
                   "lfit": ("aweight", "fweight", "pweight"), "qfit": ("aweight", "fweight", "pweight"),
                   "lfitci": ("aweight", "fweight"), "qfitci": ("aweight", "fweight"),
                   "fpfit": ("aweight", "fweight", "pweight"), "fpfitci": ("aweight", "fweight", "pweight")}

BY_SUBOPTIONS = [OptionSpec(*row) for row in (
    ("cols", 1, True), ("columns", 3, True), ("rows", 1, True), ("total", 3), ("missing", 4),
    ("note", None, True), ("legend", 3, True), ("title", 2, True), ("subtitle", 3, True),
    ("caption", 3, True), ("rescale", 2), ("yrescale", 2), ("xrescale", 2), ("compact", 3),
    ("noedgelabel", 6), ("edgelabel", 4), ("ixaxes", 2), ("iyaxes", 2), ("ixticks", 3),
    ("iyticks", 3), ("ixtitle", 5), ("iytitle", 5), ("ixlabel", 3), ("iylabel", 3),
    ("iscale", 2, True), ("scale", None, True), ("imargin", 2, True), ("style", None, True), ("holes", 3, True),
    ("colfirst", 4), ("noiyaxes", 4), ("noixaxes", 4), ("noiytitle", 7), ("noixtitle", 7),
    ("plotregion", 5, True), ("graphregion", 6, True), ("nototal", 5), ("noxrescale", 4),
    ("noyrescale", 4), ("norescale", 3), ("b1title", 2, True), ("l1title", 2, True),
    ("noixlabel", 5), ("noiylabel", 5), ("noixticks", 5), ("noiyticks", 5), ("rowfirst", 4),
    # bygraph_g.class's own names (IXLabels, IYTicks, IXTitles ...: plural) and abbreviations
    # (its syntax: IXaxes NOIXaxes Rescale YRescale NORescale NOXRescale; IXTicks before IXTitles,
    # so ixt/ixti are the ticks -- by_option.sthlp: iyt:ick, iytit:le, iyl:abel, iy:axes, yr:escale)
    ("ixlabels", 3), ("iylabels", 3), ("ixtitles", 5), ("iytitles", 5), ("noixlabels", 5),
    ("noiylabels", 5), ("noixtitles", 7), ("noiytitles", 7),
    ("clegend", 4, True), ("t1title", 2, True), ("t2title", 2, True), ("b2title", 2, True),
    ("l2title", 2, True), ("r1title", 2, True), ("r2title", 2, True),
)]
# by()'s ixaxes ... iytitle: what every panel shows, not only the edge panels
# ("xline": the axis line itself -- bygraph_g.class's set_axes_shown: without ixaxes an inner
# panel's axis is not drawn at all, its grid lines are: axis.class's real_draw, gridonly)
_BY_SYNONYMS = {"ixlabels": "ixlabel", "iylabels": "iylabel", "ixtitles": "ixtitle", "iytitles": "iytitle",
                "noixlabels": "noixlabel", "noiylabels": "noiylabel", "noixtitles": "noixtitle",
                "noiytitles": "noiytitle"}


def _every_panel(sub: dict) -> tuple[str, ...]:
    """What the panels' axes show (Graph.every_panel).  bygraph_g.class: set_axes_shown sets
    every panel axis' draw_view from indiv_[xy]axes (s2color: no; ixaxes/iyaxes yes) and
    set_outer_axes turns the edge panels' on; set_axes_labels/set_axes_ticks set the labels and
    ticks of *every* axis, the edge ones too, from indiv_[xy]labels/ticks (s2color: yes;
    noixlabel/noixticks no).  axis.class's real_draw draws nothing of an axis whose draw_view is
    off but its grid, so ixlabel/ixticks alone show nothing more (the help: they matter "in the
    rare event where specifying iyaxis did not result in the labels being displayed"), and
    noixlabel/noixticks take the labels/ticks off every panel ("no-xlabel", "no-xticks")."""
    every: list[str] = []
    for d in ("x", "y"):
        if sub.get(f"i{d}axes") and not sub.get(f"noi{d}axes"):
            every += [f"{d}label", f"{d}ticks", f"{d}line"]
        if sub.get(f"i{d}title"):
            every.append(f"{d}title")
        if sub.get(f"noi{d}label"):
            every = [w for w in every if w != f"{d}label"] + [f"no-{d}label"]
        if sub.get(f"noi{d}ticks"):
            every = [w for w in every if w != f"{d}ticks"] + [f"no-{d}ticks"]
    return tuple(every)
COMPACT_GAP = 2.0  # points between the panels of by(..., compact)


def read_by(data: Dataset, by_arg: str, notes: list[str] | None = None) -> tuple[list[str], dict]:
    """``by(varlist [, suboptions])`` -> (variables, resolved suboptions).  ``style()``, a
    bystyle ([G-4] bystyle): ``default``; ``compact`` (the ``compact`` suboption); ``altleg``
    (the legend at 6 o'clock in two columns: where mlmcli puts a by-graph's legend); ``stata7``
    ("like that provided by Stata 7": the manuals describe no more, so the closest documented
    look, compact's, is drawn); another name gets Stata's note and the default look."""
    body, sub_opts, _ = split_options(by_arg)
    sub = resolve_options(sub_opts, BY_SUBOPTIONS)
    if "style" in sub:
        word = str(sub.pop("style")).strip().lower()
        if word in ("compact", "stata7"):
            sub["compact"] = True
        elif word not in ("default", "altleg") and notes is not None:
            from mlmcli.graphs.named_styles import style_note

            style_note(notes, word, "bystyle")
    return data.expand_varlist(body), sub


def by_graph_fields(data: Dataset, by_vars: list[str], sub: dict, n_panels: int,
                    notes: list[str] | None = None) -> dict:
    """Graph fields from ``by()``'s suboptions: the ``Graphs by ...`` note (``note()``),
    titles (with their textbox suboptions), ``cols()``/``rows()``, ``colfirst``, ``holes()``,
    ``rescale``/``yrescale``/``xrescale``, ``compact``/``imargin()`` (the gap between
    panels), ``iscale()``, ``ixaxes`` ... ``iytitle`` and ``noedgelabel`` (what each panel
    shows), ``plotregion()``/``graphregion()``, the side titles ``t1title()`` ... ``r2title()``."""
    from mlmcli.graphs import look_options as look
    from mlmcli.syntax.numlist import numlist

    notes = notes if notes is not None else []
    fields: dict = {"note": "Graphs by " + " and ".join(var_title(data, v) for v in by_vars)}
    typed = {k: [v] for k, v in sub.items() if k in ("title", "subtitle", "caption", "note", "t1title", "t2title",
                                                     "b1title", "b2title", "l1title", "l2title", "r1title",
                                                     "r2title")}
    titles = gopt.title_fields(typed, notes)
    if "title_affixes" in titles:  # by(v, note("My note", suffix)): after the "Graphs by" note
        titles = gopt.apply_affixes(fields, titles)
        titles.pop("title_affixes", None)
    fields.update(titles)
    sides = gopt.side_titles(typed)
    if sides:
        fields["side_titles"] = tuple(sorted(sides.items()))
    holes = [int(v) for v in numlist(str(sub["holes"]))] if isinstance(sub.get("holes"), str) else []
    if any(h < 1 for h in holes):
        raise StataError("option holes() incorrectly specified", 198)
    cells = n_panels + len(set(holes))
    cols = 0
    for key in ("cols", "columns"):
        if isinstance(sub.get(key), str):
            cols = max(int(gopt.number(sub[key], "cols")), 1)
    if isinstance(sub.get("rows"), str) and not cols:
        rows = max(int(gopt.number(sub["rows"], "rows")), 1)
        cols = int(np.ceil(cells / rows))
        if sub.get("colfirst"):
            fields["rows"] = rows
    fields["cols"] = cols
    if holes:
        fields["holes"] = tuple(sorted(set(holes)))
    if sub.get("colfirst"):
        fields["colfirst"] = True
    if sub.get("rescale") or sub.get("yrescale"):
        fields["share_y"] = False
    if sub.get("rescale") or sub.get("xrescale"):
        fields["share_x"] = False
    if sub.get("compact"):
        fields["gap"] = COMPACT_GAP
    if isinstance(sub.get("imargin"), str):
        fields["gap"] = max(look.in_points(look.margin_value(sub["imargin"], "imargin", notes)))
    if isinstance(sub.get("iscale"), str):
        word = sub["iscale"].strip()
        value = gopt.number(word[1:] if word.startswith("*") else word, "iscale")
        if value <= 0:
            raise StataError("option iscale() incorrectly specified", 198)
        fields["inner_scale"] = value
    every = _every_panel({_BY_SYNONYMS.get(k, k): v for k, v in sub.items()})
    if every:
        fields["every_panel"] = every
    if sub.get("noedgelabel"):
        fields["edge_labels"] = False
    if isinstance(sub.get("graphregion"), str):  # the overall graph region
        fields.update(gopt.region_fields({"graphregion": [sub["graphregion"]]}, notes))
    if isinstance(sub.get("plotregion"), str):  # the overall plot region: where the panels are arrayed
        found = look.region(sub["plotregion"], notes)
        margin = look.in_points(found["margin"]) if found["margin"] is not None else None
        fields["trellis_region"] = tuple(sorted(
            {"fill": found["fill"], "edge": found["edge"], "align": found["align"], "margin": margin}.items()))
    return fields


def graph_name(arg) -> str:
    """``name(gname[, replace])`` -> gname (default ``Graph``)."""
    return gopt.graph_name(arg)[0]


def own_stream(seed: int):
    """``random_stream`` of a builder made outside a session: one stream from ``seed``, carried on
    across the fits of its graphs (``seed()`` restarts it), as the session's is."""
    held: list = []

    def stream(restart: int | None = None):
        if restart is not None or not held:
            held[:] = [np.random.default_rng(seed if restart is None else restart)]
        return held[0]

    return stream


class TwowayBuilder:
    """Builds the Graph for one ``twoway`` call."""

    def __init__(self, data: Dataset, mark: Mark, evaluate: Evaluate | None = None,
                 seed: int = 123456789, weigh: Weigh | None = None, scheme: str = "s2color"):
        self.data = data
        self.scheme = scheme  # the default scheme (`set scheme`); scheme() overrides it
        self.mark = mark
        self.evaluate = evaluate
        self.weigh = weigh
        self.seed = seed
        self.random_stream = own_stream(seed)  # the twoway command sets the session's (fpfit_bootstrap.replicate_stream)
        self.notes: list[str] = []
        self.messages: list[str] = []
        self.graph_options: dict = {}  # the whole-graph options of the last build (name(), saving())
        self.by_panels = False  # building a by() graph's panels (contour: one set of cuts for all)
        self.jackknife_hooks = None  # set by the twoway command: estopts(vce(jackknife, ...))'s session side
        self.matrices: dict = {}  # the session's matrices (estcmd(xtgee) estopts(corr(fixed matname)))
        self.date_value = None  # set by the twoway command: (%t kind, "01jan2001") -> its number or None

    # -------------------------------------------------------------- resolving
    def color(self, arg) -> str | None:
        return gopt.color_value(arg, self.notes) if isinstance(arg, str) else None

    def resolve(self, call: TwowayCall) -> tuple[list[PlotData], dict]:
        from mlmcli.graphs import plots

        graph_opts: dict = {}

        def add(opts: dict) -> None:
            for name, values in opts.items():
                graph_opts.setdefault(name, []).extend(values)

        surfaces = [p for p in call.plots if p.kind in ("contour", "contourline")]
        z_typed = [o for o in call.options if surfaces and any(s.matches(o.name) for s in plots.Z_OPTIONS)]
        graph_typed = [o for o in call.options if o not in z_typed]
        if any(p.kind in ("tsline", "tsrline") for p in call.plots):  # tlabel(01jan2001) ...
            from mlmcli.graphs.time_series import time_axis_options

            graph_typed = list(time_axis_options(self.data, graph_typed, self.date_value))
        add(gopt.resolve_graph_options(graph_typed))
        out: list[PlotData] = []
        style = 1
        for plot in call.plots:
            if z_typed and plot.kind in ("contour", "contourline"):  # zlabel() ... clegend() typed
                from dataclasses import replace as with_options  # for the graph: the contour's

                # the contour's legend options; without a contour plot a contourline takes them to
                # say (a note) that they have nothing to draw
                filled = any(p.kind == "contour" for p in surfaces)
                mine_z = [o for o in z_typed if plot.kind == "contour" or o.name.startswith("zla")
                          or not filled]
                plot = with_options(plot, options=tuple(plot.options) + tuple(mine_z))
            if plot.kind in ("tsline", "tsrline"):  # line/rline against tsset's time variable
                from mlmcli.graphs.time_series import as_line_plot

                plot = as_line_plot(self.data, plot, self.notes, self.date_value)
            if plot.kind in BANDED:  # their parser's own type() and recast()
                plot = without_own_type(plot)
            recast = next((o for o in plot.options if o.name == "recast"), None)
            if recast is not None:  # recast(plottype): the same variables drawn as another type
                from dataclasses import replace as with_kind

                from mlmcli.graphs.syntax import plot_kind

                if not recast.arg:
                    raise StataError("recast() invalid", 198)
                target = plot_kind(recast.arg.strip())
                plot = with_kind(plot, options=tuple(o for o in plot.options if o is not recast))
                if plot.kind in recast_plots.COMPUTED:  # the computed curve drawn as that type
                    recast_plots.check_target(target)
                else:
                    if plot.immediate and target not in _IMMEDIATE_RECASTS:
                        # scatteri: recast() is its yxview's type; one yxtype lacks is scatter
                        from mlmcli.graphs.view_types import view_type

                        target = view_type(target, "yxtype", "scatter", self.notes)
                    plot, target = with_kind(plot, kind=target), None
            else:
                target = None
            kind_specs = plots.option_specs(plot.kind)
            if target is not None:  # the options of both types: the curve's and its look's
                kind_specs = kind_specs + [s for s in plots.option_specs(target)
                                           if not any(k.name == s.name for k in kind_specs)]
            mine_typed: list[Option] = []
            theirs: list[Option] = []
            for opt in plot.options:
                if any(s.matches(opt.name) for s in kind_specs):
                    mine_typed.append(opt)
                elif gopt.is_graph_option(opt.name):
                    theirs.append(opt)
                elif not view_style_option(plot.kind, opt.name):  # else: taken, the view lacks that part
                    raise option_not_allowed(opt.name, opt.arg)
                elif OptionSpec("mlabel", 2).matches(opt.name) and isinstance(opt.arg, str):
                    # yxview's `unab` of the label variables: they must exist
                    names = [w for w in opt.arg.split() if w != "."]
                    if names:
                        self.data.expand_varlist(" ".join(names))
            mine = resolve_options(mine_typed, kind_specs)
            if "symbol" in mine:  # s(): the marker symbol (plot_options.MARKER_SPECS)
                mine["msymbol"] = mine.pop("symbol") + mine.get("msymbol", [])
            if (target or plot.kind) == "line":
                # [G-2] graph twoway line: it "allows you to specify ... msymbol(), [but] ignores
                # its setting" -- as every view part a plot lacks (view_style_option), nothing said
                mine.pop("msymbol", None)
            if mine.get("estopts"):  # estopts(vce(bs|jk ...)): syntax.vce_synonyms
                from mlmcli.syntax.vce_synonyms import canonical_estopts

                mine["estopts"] = [canonical_estopts(t) if isinstance(t, str) else t for t in mine["estopts"]]
            add(gopt.resolve_graph_options(theirs))
            data = plots.resolve_plot(self, plot, mine, call)
            data.recast = target
            if plot.weight is not None:
                allowed = WEIGHTS_ALLOWED.get(plot.kind)
                if allowed is None or self.weigh is None:
                    raise StataError("weights not allowed", 101)
                data.mask, data.weights, data.weight_kind = self.weigh(plot.weight, data.mask, allowed)
            data.axis = popt.axis_number(mine, "yaxis")
            ys, xs = popt.axis_numbers(mine, "yaxis"), popt.axis_numbers(mine, "xaxis")
            data.yaxes = () if ys in ((1,), (2,), (1, 2)) else ys  # those Series.axis says
            data.xaxes = () if xs == (1,) else xs
            n_styles = plots.styles_used(data)
            per_y = split_lists(mine, n_styles)  # style lists: mcolor(red blue), one entry per y
            typed_styles = [popt.look(o, []).style for o in per_y]  # pstyle(p#) first: the default colour
            typed_style = popt.look(mine, []).style if len(set(typed_styles)) == 1 else typed_styles[0]
            if len(set(typed_styles)) > 1:  # pstyle(p3 p1), pstyle(. p2): each y its own
                data.styles = [style + k if t is None else t for k, t in enumerate(typed_styles)]
            elif typed_style is not None:
                data.styles = [typed_style + k if typed_style else 0 for k in range(n_styles)]  # ci: every y
            else:
                data.styles = list(range(style, style + n_styles))
            style += n_styles
            scheme = gopt.last(graph_opts, "scheme") or self.scheme
            data.looks = [popt.look(o, self.notes, plots.default_color(plot.kind, s, scheme, t is not None
                                                                      or typed_style is not None))
                          for o, s, t in zip(per_y, data.styles, typed_styles)]
            data.look = data.looks[0]
            data.y_options = per_y  # connect(), cmissing(), mlabel(): each y's entry
            data.typed_style = any(t is not None for t in typed_styles)
            out.append(data)
        cycle = gopt.last(graph_opts, "pcycle")
        if cycle is not None:  # pcycle(#): the plot styles start again at p1 after # plots
            every = int(gopt.number(cycle, "pcycle"))
            if every < 1:
                raise StataError("option pcycle() incorrectly specified", 198)
            for data in out:
                if not data.typed_style:
                    data.styles = [(s - 1) % every + 1 for s in data.styles]
        return out, graph_opts

    # -------------------------------------------------------------- series
    def series(self, plot: PlotData, rows: np.ndarray) -> list[Series]:
        """The series one plot draws over the rows ``rows`` (a panel's sample)."""
        from mlmcli.graphs import plots

        out = plots.build_series(self, plot, rows)
        return recast_plots.recast_series(out, plot, self) if plot.recast else out

    # -------------------------------------------------------------- the graph
    def build(self, call: TwowayCall, command: str = "", *, defaults: dict | None = None) -> Graph:
        """The Graph of ``call``; ``defaults``: Graph fields a command sets unless its
        options say otherwise (``histogram``'s titles)."""
        from mlmcli.graphs import plots

        plots_data, gopts = self.resolve(call)
        self.graph_options = gopts
        # function and scatteri draw without data ([G-2] graph twoway scatteri: "immediate")
        def data_free(p) -> bool:
            return p.kind == "function" or bool(getattr(p.call, "immediate", None))

        if not any(p.mask.any() for p in plots_data if not data_free(p)):
            if not any(data_free(p) for p in plots_data):
                raise StataError("no observations", 2000)
        by_arg = gopt.last(gopts, "by")
        panels, by_fields, by_legend = self.panels(plots_data, by_arg)
        from mlmcli.graphs.contour import line_legend_fields

        fields: dict = {"scheme": self.scheme, **line_legend_fields(plots_data, gopts, self.notes), **(defaults or {})}
        fields.update(by_fields)
        # Stata's default axis titles: each plot's, distinct ones joined by "/"
        titles_of: dict = {}  # ("x" or "y", axis number) -> its plots' titles
        for p in plots_data:
            text = plots.x_title(self, p)
            on = titles_of.setdefault(("x", (p.xaxes or (1,))[0]), [])
            if text and text not in on:
                on.append(text)
        for panel in panels:
            for s in panel.series:  # y axes 1 and 2 share the first title, as they always did
                on = titles_of.setdefault(("y", max(s.y_axes()[0], 2) if s.y_axes()[0] > 2 else 1), [])
                # a surface (contour) titles the y axis by its y variable; its legend keys are
                # empty series that title nothing
                keyed = s.legend and len(s.x) > 0 or s.kind in ("contour", "heatmap", "contourline")
                if keyed and s.label and s.label not in on and not s.horizontal:
                    on.append(s.label)
        xtitles = titles_of.get(("x", 1), [])
        ylabels = titles_of.get(("y", 1), [])
        horizontal = any(s.horizontal for panel in panels for s in panel.series)
        if horizontal:
            xtitles, ylabels = [s.label for panel in panels for s in panel.series if s.legend][:1], xtitles
        fields.setdefault("xtitle", "/".join(xtitles))
        fields.setdefault("ytitle", "/".join(ylabels))
        value_labels = self._axis_value_labels(plots_data)
        own_opts = gopts
        if isinstance(by_arg, str):  # title and region options outside by(): the panels', not the graph's
            from mlmcli.graphs.by_panel_titles import by_panel_options, retitled

            own_opts, panel_fields, typed = by_panel_options(gopts, self.notes)
            fields.update(panel_fields)
            panels = retitled(panels, typed)
            for name in ("title", "note", "caption"):  # a command's own title (lowess's) is replaced
                if name in gopts and name in (defaults or {}) and fields.get(name) is defaults[name]:  # by
                    fields.pop(name)  # the typed one, wherever that one is drawn
        common = gopt.apply_affixes(fields, gopt.common_fields(own_opts, self.notes, value_labels=value_labels))
        if isinstance(by_arg, str):  # legend() outside by(): its contents, the panels' on/off and place
            from mlmcli.graphs.by_panel_legends import split_legends

            common = split_legends(common, gopts, self.notes)
        if by_legend is not None:
            common.update(gopt.legend_fields(by_legend, self.notes, common.get("legend_look")))
        for axis in ("xaxis", "yaxis"):
            if axis in fields and axis in common:
                base = fields[axis]
                typed = common[axis]
                changed = {k: getattr(typed, k) for k in typed.__dataclass_fields__
                           if getattr(typed, k) != getattr(type(typed)(), k)}
                common[axis] = replace(base, **changed)
        fields.update(common)
        fields.update(with_variable_formats(fields, default_axis_formats(self.data, plots_data)))
        from mlmcli.graphs.more_axes import with_default_titles

        fields.update(with_default_titles(fields.get("more_axes", ()), titles_of))
        return Graph(panels=tuple(panels), name=graph_name(gopt.last(gopts, "name")),
                     command=command, **fields)

    def _axis_value_labels(self, plots_data: list[PlotData]):
        """``xlabel(, valuelabel)``: the value labels of the first plot's x (or y) variable."""
        def for_axis(letter: str):
            def labels() -> dict | None:
                for p in plots_data:
                    name = p.x if letter == "x" else (p.ys[0] if p.ys else None)
                    if name and not self.data.is_string(name):
                        lab = self.data.value_label_of.get(name)
                        if lab:
                            return {float(k): v for k, v in self.data.value_labels.get(lab, {}).items()}
                return None
            return labels
        return for_axis

    def panels(self, plots_data: list[PlotData], by_arg) -> tuple[list[Panel], dict, str | None]:
        """One panel, or one per by-group (plus ``total``); Graph fields from ``by()``'s
        suboptions (note, cols, rescaling, titles); the ``legend()`` typed inside ``by()``."""
        everything = np.ones(self.data.nobs, dtype=bool)
        if not isinstance(by_arg, str):
            series = [s for p in plots_data for s in self.series(p, everything)]
            return [Panel(tuple(series))], {}, None
        by_vars, sub = read_by(self.data, by_arg, self.notes)
        in_any = np.zeros(self.data.nobs, dtype=bool)
        for p in plots_data:
            in_any |= p.mask
        panels = []
        self.by_panels = True  # contour: the whole sample's cuts in every panel
        try:
            for title, rows in by_groups(self.data, by_vars, in_any, bool(sub.get("missing"))):
                panels.append(Panel(tuple(s for p in plots_data for s in self.series(p, rows)), title=title))
            if sub.get("total"):
                panels.append(Panel(tuple(s for p in plots_data for s in self.series(p, in_any)),
                                    title="Total"))
        finally:
            self.by_panels = False
        fields = by_graph_fields(self.data, by_vars, sub, len(panels), self.notes)
        if any(p.kind == "contour" for p in plots_data):  # one contour legend, by(..., clegend(on))
            from mlmcli.graphs.contour_ramp import by_graph_ramp

            panels, fields["by_ramp"] = by_graph_ramp(panels, sub.get("clegend"), self.notes)
        return panels, fields, sub.get("legend")
