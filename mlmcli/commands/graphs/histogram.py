"""``histogram varname``: the bins as a twoway histogram plot, with ``normal``, ``kdensity``
and ``addlabels`` overlays as Stata's histogram.ado draws them."""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Command, Option
from mlmcli.commands.graphs.current import finish
from mlmcli.commands.graphs.ready_series import (
    REFLINE, addplots, compound_quoted, display_text, number_text, numeric_variables,
    parse_options_text, plot_call, refuse_by_prefix, sample_rows, take_options, var_title_of)
from mlmcli.commands.graphs.twoway import build_twoway
from mlmcli.errors import StataError
from mlmcli.summary_statistics import normal_moments
from mlmcli.graphs.syntax import PlotCall, TwowayCall
from mlmcli.syntax.options import OptionSpec, resolve_options


HISTOGRAM_SPECS = [OptionSpec(*row) for row in (
    ("discrete", 1), ("bin", None, True), ("width", 1, True), ("start", None, True),
    ("density", 3), ("fraction", 4), ("frequency", 4), ("percent", None), ("kdensity", 4),
    ("kdenopts", 5, True), ("normal", 4), ("normopts", 5, True), ("addlabels", 4),
    ("addlabopts", 7, True), ("plot", None, True), ("addplot", None, True),
)]


def cmd_histogram(session, cmd: Command) -> None:
    """``histogram varname [if] [in] [fweight] [, bin() width() start() discrete
    density|fraction|frequency|percent normal kdensity addlabels by() ...]``."""
    from mlmcli.graphs import smoothers
    from mlmcli.graphs.graph_options import number
    from mlmcli.graphs.axis_spec import Axis

    refuse_by_prefix(cmd, "histogram")
    (var,) = numeric_variables(session, cmd, 1)
    opts, rest = take_options(cmd.options, HISTOGRAM_SPECS)
    kinds = [k for k in ("density", "fraction", "frequency", "percent") if opts.get(k)]
    if len(kinds) > 1:
        raise StataError(f"options {' '.join(kinds)} may not be combined", 198)
    kind = kinds[0] if kinds else "density"
    if opts.get("discrete") and "bin" in opts:
        raise StataError("options discrete and bin() may not be combined", 198)
    if "bin" in opts and "width" in opts:
        raise StataError("options bin() and width() may not be combined", 198)
    normal = bool(opts.get("normal") or "normopts" in opts)
    kdens = bool(opts.get("kdensity") or "kdenopts" in opts)
    by = any(o.name == "by" for o in rest)
    if by and kind == "frequency" and (normal or kdens):
        dens = " ".join(k for k, on in (("normal", normal), ("kdensity", kdens)) if on)
        raise StataError(f"option frequency may not be combined with the {dens} and by() option"
                         + ("s" if normal and kdens else ""), 191)
    rows = sample_rows(session, cmd, [var])
    weights = None
    if cmd.weight is not None:
        from mlmcli.commands.data.common import weights as read_weights

        rows, weights, _ = read_weights(session, cmd, rows, ("fweight",), default="fweight")
        if not rows.any():  # every row's weight 0: no observations, as when the sample is empty
            raise StataError("no observations", 2000)
    values = session.data.numeric(var)[rows]
    w = weights[rows] if weights is not None else None
    spec: dict = {"kind": kind, "discrete": bool(opts.get("discrete"))}
    if "bin" in opts:
        bins = number(opts["bin"], "bin")
        if bins < 1 or bins != int(bins):
            raise StataError("bin() must be a positive integer", 198)
        spec["bins"] = int(bins)
    if "width" in opts:
        spec["width"] = number(opts["width"], "width")
        if spec["width"] <= 0:
            raise StataError("width() must be positive", 198)
    if "start" in opts:
        spec["start"] = number(opts["start"], "start")
    try:
        bins = smoothers.histogram_bins(values, w=w, **spec)
    except StataError as err:
        if "start()" in err.message:
            raise StataError(f"option start() may not be larger than minimum of {var}", 198) from None
        raise
    if not by:
        if spec["discrete"]:
            session.print(f"(start={display_text(bins.start)}, width={display_text(bins.width)})")
        else:
            session.print(f"(bin={bins.bins}, start={display_text(bins.start)}, width={display_text(bins.width)})")
    hist_options = [Option(kind)]
    if spec["discrete"] or by or "width" in spec:
        hist_options += [Option("start", number_text(bins.lower if not spec["discrete"] else bins.start)),
                         Option("width", number_text(bins.width))]
        if spec["discrete"]:
            hist_options.append(Option("discrete"))
    else:
        hist_options += [Option("start", number_text(bins.lower)), Option("bin", str(bins.bins))]
    lo, hi = bins.lower, bins.upper
    plots = [plot_call("histogram", var, cmd, hist_options + list(rest), weighted=True)]
    if kdens:
        extra = list(parse_options_text(opts.get("kdenopts")))
        plots.append(plot_call("kdensity", var, cmd, [
            Option("range", f"{number_text(lo)} {number_text(hi)}"), Option("area", number_text(bins.area)),
            Option("lcolor", REFLINE)] + extra, weighted=True))
    if normal:
        mean, sd = normal_moments(values, w, bins.n)
        extra = list(parse_options_text(opts.get("normopts")))
        plots.append(PlotCall("function", f"y = normalden(x, {number_text(mean)}, {number_text(sd)})*{number_text(bins.area)}",
                              None, None, tuple([Option("range", f"{number_text(lo)} {number_text(hi)}"),
                                                 Option("lcolor", REFLINE),
                                                 Option("yvarlabel", compound_quoted(f"normal {var}"))] + extra)))
    # legend(nodraw), as histogram.ado types it: under by() the overall legend stays off too (by_panel_legends)
    legend = [] if ("plot" in opts or "addplot" in opts) else [Option("legend", "nodraw")]
    plots += addplots(opts, legend)
    defaults = {"ytitle": kind.capitalize(), "xtitle": var_title_of(session, var),
                "yaxis": Axis(tight_low=True)}
    if any(o.name.startswith("hor") for o in rest):  # horizontal: the axes trade titles
        defaults = {"xtitle": defaults["ytitle"], "ytitle": defaults["xtitle"],
                    "xaxis": Axis(tight_low=True)}
    call = TwowayCall(tuple(plots), None, None, tuple(legend))
    graph, builder = build_twoway(session, call, cmd.text, defaults=defaults)
    if opts.get("addlabels") or "addlabopts" in opts:
        graph = _with_bar_labels(graph, _label_look(opts.get("addlabopts"), builder.notes))
    finish(session, graph, builder.graph_options)


ADDLABOPTS = [OptionSpec(*row) for row in (
    ("mlabsize", 5, True), ("mlabcolor", 5, True), ("mlabangle", 5, True), ("mlabposition", 5, True),
    ("mlabgap", 5, True), ("mlabformat", 6, True),
)]
_CLOCK_PLACE = {0: "c", 12: "n", 1: "ne", 2: "ne", 3: "e", 4: "se", 5: "se", 6: "s", 7: "sw", 8: "sw",
                9: "w", 10: "nw", 11: "nw"}


def _label_look(text, notes: list[str]) -> dict:
    """``addlabopts(mlabsize() mlabcolor() mlabangle() mlabposition() mlabgap() mlabformat())``
    -> TextBox fields of the bar labels (size, colour, angle, placement, offset) and their
    display format."""
    from mlmcli.graphs import graph_options as gopt
    from mlmcli.graphs import look_options as look
    from mlmcli.graphs import style

    opts = resolve_options(parse_options_text(text), ADDLABOPTS)
    out: dict = {}
    if "mlabsize" in opts:
        out["size"] = style.text_size(opts["mlabsize"])
    if "mlabcolor" in opts:
        out["color"] = gopt.color_value(opts["mlabcolor"], notes)
    if "mlabangle" in opts and str(opts["mlabangle"]).strip():  # mlabangle() empty: the default
        out["angle"] = gopt.angle_value(opts["mlabangle"])
    if "mlabposition" in opts:
        out["place"] = _CLOCK_PLACE[gopt.clock_position(opts["mlabposition"])]
    if "mlabgap" in opts:
        out["offset"] = look.relative_size(opts["mlabgap"], "mlabgap")
    if "mlabformat" in opts:
        out["format"] = gopt.display_format(opts["mlabformat"])
    return out


def _with_bar_labels(graph, look: dict | None = None):
    """``addlabels``: each bar's height written above it (%9.0g, as Stata's mlabel), with the
    look of ``addlabopts()``."""
    from dataclasses import replace

    from mlmcli.graphs.spec import TextBox
    from mlmcli.render.numfmt import format_number

    look = dict(look or {})
    fmt = look.pop("format", "%9.0g")
    panels = []
    for panel in graph.panels:
        texts = list(panel.texts)
        for s in panel.series:
            if s.kind == "bar" and s.style == 1:
                fields = {"place": "e" if s.horizontal else "n", "size": 7.0, **look}
                for x, y in zip(s.x, s.y):
                    if np.isfinite(y):
                        tx, ty = (y, x) if s.horizontal else (x, y)
                        texts.append(TextBox(tx, ty, format_number(y, fmt).strip(), **fields))
        panels.append(replace(panel, texts=tuple(texts)))
    return replace(graph, panels=tuple(panels))


