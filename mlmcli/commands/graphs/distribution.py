"""Distribution graphs: ``histogram``, ``kdensity``, ``qnorm``, ``pnorm``, ``lowess``, ``lpoly``.

Each builds a ``twoway`` graph as Stata's ado-file does (the same plots, titles and
notes), so every twoway option works on it; the numbers come from
``mlmcli.graphs.smoothers``.  ``kdensity``, ``lowess`` and ``lpoly`` also take
``generate()`` and ``nograph``; ``kdensity`` and ``lpoly`` leave r() results.
"""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Command, InRange, Option
from mlmcli.commands.graphs.twoway import build_twoway, mark_function, new_builder
from mlmcli.commands.graphs.current import finish
from mlmcli.errors import StataError
from mlmcli.graphs.syntax import PlotCall, TwowayCall, parse_twoway
from mlmcli.syntax.options import OptionSpec, resolve_options

REFLINE = "emerald"  # s2color's refline colour (normal curves, reference lines)


def _q(text: str) -> str:
    """Text as a Stata compound-quoted string (safe for any quotes inside)."""
    return '`"' + text + "\"'"


def _number(value: float) -> str:
    return repr(float(value))


def _string(value: float) -> str:
    """Stata's ``string(#)``: %12.0g without the leading zero (``.62``)."""
    from mlmcli.render.numfmt import format_number

    return format_number(value, "%12.0g").strip()


def _display(value: float) -> str:
    """A number as ``display`` shows it (%10.0g)."""
    from mlmcli.render.numfmt import format_number

    return format_number(value, "%10.0g").strip()


def _take(options, specs: list[OptionSpec]) -> tuple[dict, list[Option]]:
    """Split typed options into those ``specs`` declare (resolved) and the rest (as typed)."""
    mine, rest = [], []
    for opt in options:
        (mine if any(s.matches(opt.name) for s in specs) else rest).append(opt)
    return resolve_options(mine, specs), rest


def _addplots(opts: dict, graph_options: list[Option]) -> list[PlotCall]:
    """The plots of ``addplot()``/``plot()``; the twoway options typed inside them
    (``addplot(line y x || , title(T))``) join ``graph_options``."""
    plots: list[PlotCall] = []
    for name in ("plot", "addplot"):
        text = opts.get(name)
        if isinstance(text, str) and text.strip():
            call = parse_twoway(text)
            plots.extend(call.plots)
            graph_options.extend(call.options)
    return plots


# options of a plot's look that mean more than its look: where a command draws a ready series
# (the density of kdensity, qnorm's markers, lpoly's smooth) they are refused
_NOT_LOOK = ("recast", "yaxis", "xaxis", "horizontal", "yvarlabel", "xvarlabel")


def _look_of(typed: list[Option], specs, command: str):
    """The look (``plot_options.look``) of options typed for a ready series."""
    from mlmcli.graphs import plot_options as popt
    from mlmcli.graphs.look_options import refuse

    opts = resolve_options(typed, specs)
    refuse(opts, _NOT_LOOK, f"{command}: ")
    return popt.look(opts, [])


def _draw(session, cmd: Command, plots: list[PlotCall], options: list[Option], *,
          defaults: dict | None = None) -> None:
    call = TwowayCall(tuple(plots), None, None, tuple(options))
    graph, builder = build_twoway(session, call, cmd.text, defaults=defaults)
    finish(session, graph, builder.graph_options)


def _variable(session, cmd: Command, count: int) -> list[str]:
    names = session.data.expand_varlist(cmd.args)
    if len(names) > count:
        raise StataError("too many variables specified", 103)
    if len(names) < count:
        raise StataError("too few variables specified", 102)
    for name in names:
        session.data.numeric(name)
    return names


def _sample(session, cmd: Command, names: list[str]) -> np.ndarray:
    rows = mark_function(session)(cmd.if_exp, cmd.in_range, names)
    if not rows.any():
        raise StataError("no observations", 2000)
    return rows


def _title(session, name: str) -> str:
    from mlmcli.graphs.plotdata import var_title

    return var_title(session.data, name)


def _plot(kind: str, varlist: str, cmd: Command, options: list[Option], weighted: bool = False) -> PlotCall:
    return PlotCall(kind, varlist, cmd.if_exp, cmd.in_range, tuple(options),
                    cmd.weight if weighted else None)


def _no_by(cmd: Command, name: str) -> None:
    if any(p.name == "by" for p in cmd.prefixes):
        raise StataError(f"{name} may not be combined with by", 190)


# ---------------------------------------------------------------- histogram
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
    from mlmcli.graphs.spec import Axis

    _no_by(cmd, "histogram")
    (var,) = _variable(session, cmd, 1)
    opts, rest = _take(cmd.options, HISTOGRAM_SPECS)
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
    by = any(o.name.lower() == "by" for o in rest)
    if by and kind == "frequency" and (normal or kdens):
        dens = " ".join(k for k, on in (("normal", normal), ("kdensity", kdens)) if on)
        raise StataError(f"option frequency may not be combined with the {dens} and by() option"
                         + ("s" if normal and kdens else ""), 191)
    rows = _sample(session, cmd, [var])
    weights = None
    if cmd.weight is not None:
        from mlmcli.commands.data.common import weights as read_weights

        rows, weights, _ = read_weights(session, cmd, rows, ("fweight",), default="fweight")
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
            session.print(f"(start={_display(bins.start)}, width={_display(bins.width)})")
        else:
            session.print(f"(bin={bins.bins}, start={_display(bins.start)}, width={_display(bins.width)})")
    hist_options = [Option(kind)]
    if spec["discrete"] or by or "width" in spec:
        hist_options += [Option("start", _number(bins.lower if not spec["discrete"] else bins.start)),
                         Option("width", _number(bins.width))]
        if spec["discrete"]:
            hist_options.append(Option("discrete"))
    else:
        hist_options += [Option("start", _number(bins.lower)), Option("bin", str(bins.bins))]
    lo, hi = bins.lower, bins.upper
    plots = [_plot("histogram", var, cmd, hist_options + list(rest), weighted=True)]
    if kdens:
        extra = list(parse_options_text(opts.get("kdenopts")))
        plots.append(_plot("kdensity", var, cmd, [
            Option("range", f"{_number(lo)} {_number(hi)}"), Option("area", _number(bins.area)),
            Option("lcolor", REFLINE)] + extra, weighted=True))
    if normal:
        mean = float(np.average(values, weights=w))
        sd = float(np.sqrt(np.average((values - mean) ** 2, weights=w) * bins.n / (bins.n - 1))) \
            if bins.n > 1 else float("nan")
        extra = list(parse_options_text(opts.get("normopts")))
        plots.append(PlotCall("function", f"y = normalden(x, {_number(mean)}, {_number(sd)})*{_number(bins.area)}",
                              None, None, tuple([Option("range", f"{_number(lo)} {_number(hi)}"),
                                                 Option("lcolor", REFLINE),
                                                 Option("yvarlabel", _q(f"normal {var}"))] + extra)))
    legend = [] if ("plot" in opts or "addplot" in opts) else [Option("legend", "off")]
    plots += _addplots(opts, legend)
    defaults = {"ytitle": kind.capitalize(), "xtitle": _title(session, var),
                "yaxis": Axis(tight_low=True)}
    if any(o.name.lower().startswith("hor") for o in rest):  # horizontal: the axes trade titles
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
    if "mlabangle" in opts:
        out["angle"] = gopt.angle_value(opts["mlabangle"])
    if "mlabposition" in opts:
        out["place"] = _CLOCK_PLACE[gopt.clock_position(opts["mlabposition"])]
    if "mlabgap" in opts:
        out["offset"] = look.relative_size(opts["mlabgap"], "mlabgap")
    if "mlabformat" in opts:
        out["format"] = gopt.display_format(opts["mlabformat"])
    return out


def parse_options_text(text) -> tuple[Option, ...]:
    from mlmcli.syntax.options import read_options

    return read_options(text) if isinstance(text, str) else ()


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


# ---------------------------------------------------------------- kdensity
KDENSITY_SPECS = [OptionSpec(*row) for row in (
    ("kernel", 1, True), ("bwidth", 2, True), ("width", 1, True), ("generate", 1, True),
    ("n", None, True), ("at", None, True), ("nograph", 4), ("normal", 3), ("normopts", 5, True),
    ("student", 3, True), ("stopts", 4, True), ("plot", None, True), ("addplot", None, True),
    ("biweight", 2), ("cosine", 3), ("epanechnikov", 2), ("gaussian", 3), ("parzen", 3),
    ("rectangle", 3), ("triangle", 3), ("epan2", None),
)]


def cmd_kdensity(session, cmd: Command) -> None:
    """``kdensity varname [if] [in] [weight] [, kernel() bwidth() n() at() generate()
    nograph normal student() ...]``."""
    from mlmcli.graphs import smoothers
    from mlmcli.graphs.graph_options import number
    from mlmcli.graphs.plots import kernel_name
    from mlmcli.syntax.varlist import check_new_name

    _no_by(cmd, "kdensity")
    (var,) = _variable(session, cmd, 1)
    opts, rest = _take(cmd.options, KDENSITY_SPECS)
    if any(o.name.lower() == "by" for o in rest):
        raise StataError("option by() not allowed", 198)
    old = [k for k in ("biweight", "cosine", "epanechnikov", "gaussian", "parzen", "rectangle",
                       "triangle", "epan2") if opts.get(k)]
    if len(old) > 1 or (old and "kernel" in opts):
        raise StataError("only one kernel may be specified" if len(old) > 1 else
                         "kernel(): old syntax may not be combined with new syntax", 198)
    kernel = old[0] if old else kernel_name(opts.get("kernel"))
    if "at" in opts and "n" in opts:
        raise StataError("may not specify both the at() and n() options", 198)
    if "bwidth" in opts and "width" in opts:
        raise StataError("options width() and bwidth() may not be combined", 198)
    h_typed = number(opts.get("bwidth", opts.get("width", "0")), "bwidth")
    if h_typed < 0:
        raise StataError("bandwidth must be positive", 198)
    names = [n for n in (opts.get("generate") or "").split()]
    if names:
        if len(names) == 1 and "at" not in opts or len(names) > 2:
            raise StataError("invalid syntax", 198)
        for name in names:
            check_new_name(session.data, name)
    rows = mark_function(session)(cmd.if_exp, cmd.in_range, [var])
    weights, wkind = None, None
    if cmd.weight is not None:
        from mlmcli.commands.data.common import weights as read_weights

        rows, weights, wkind = read_weights(session, cmd, rows, ("fweight", "aweight", "iweight"))
    values = session.data.numeric(var)[rows]
    w = weights[rows] if weights is not None else None
    if values.size == 0:
        raise StataError("no observations", 2000)
    h = h_typed or smoothers.silverman_bandwidth(values, w, wkind or "fweight")
    nobs = session.data.nobs
    if "at" in opts:
        at_var = session.data.resolve(opts["at"].strip())
        at_all = session.data.numeric(at_var)
        at = at_all[np.isfinite(at_all)]
        n = max(1, at.size)
    else:
        n = int(number(opts["n"], "n")) if "n" in opts else 50
        if n <= 1:
            n = 50
        if n > nobs:
            n = nobs
            session.print(f"(n() set to {n})")
        at = smoothers.density_grid(values, h, n)
    density = smoothers.kernel_density(values, at, h, kernel, w)
    scale = 1.0 / (n * float(np.mean(density))) if density.size and np.mean(density) else float("nan")
    session.set_r({"bwidth": h, "n": float(n), "scale": scale, "kernel": kernel})

    def store() -> None:
        if names:
            if "at" in opts:  # one density per observation with a non-missing at()
                xs, ds = at_all.copy(), np.full(nobs, np.nan)
                ds[np.isfinite(at_all)] = density
            else:
                xs, ds = np.full(nobs, np.nan), np.full(nobs, np.nan)
                xs[:n], ds[:n] = at, density
            if len(names) == 2:
                session.data.set_variable(names[0], xs, "float")
                session.data.var_labels[names[0]] = _title(session, var)
            session.data.set_variable(names[-1], ds, "float")
            session.data.var_labels[names[-1]] = f"density: {_title(session, var)}"
    if opts.get("nograph"):
        store()
        return
    # the graph: the estimate as a line over its points (a variable-free plot), plus overlays
    bw = f"{h:6.4f}" if round(h, 4) != 0 else f"{h:10.3e}"
    note = f"kernel = {kernel}, bandwidth = {bw.strip()}"
    plots, extra_series = _density_plots(session, cmd, opts, values, w, at, density)
    defaults = {"title": "Kernel density estimate", "ytitle": "Density",
                "xtitle": _title(session, var), "note": note, "legend_cols": 1}
    call = TwowayCall(tuple(plots + _addplots(opts, rest)), None, None, tuple(rest))
    graph, builder = _build_with_series(session, cmd, call, defaults, extra_series)
    store()
    finish(session, graph, builder.graph_options)


def _density_plots(session, cmd, opts, values, w, at, density):
    """The overlays of ``kdensity`` (``normal``, ``student()``) as function plots, and the
    estimate itself as a ready series."""
    from mlmcli.graphs.spec import Series

    mean = float(np.average(values, weights=w))
    var = float(np.average((values - mean) ** 2, weights=w))
    n = float(np.sum(w)) if w is not None else float(values.size)
    sd = float(np.sqrt(var * n / (n - 1))) if n > 1 else float("nan")
    lo, hi = float(np.min(at)), float(np.max(at))
    plots: list[PlotCall] = []
    if opts.get("normal") or "normopts" in opts:
        plots.append(PlotCall("function", f"y = normalden(x, {_number(mean)}, {_number(sd)})", None, None,
                              (Option("range", f"{_number(lo)} {_number(hi)}"),
                               Option("yvarlabel", _q("Normal density")))
                              + parse_options_text(opts.get("normopts"))))
    if "student" in opts:
        from mlmcli.graphs.graph_options import number

        df = number(opts["student"], "student")
        if df < 1:
            raise StataError("student() must be a positive integer", 198)
        z = f"((x-{_number(mean)})/{_number(sd)})"
        tden = (f"exp(lngamma(({df}+1)/2)-lngamma({df}/2))/sqrt({df}*_pi)"
                f"*(1+{z}^2/{df})^(-({df}+1)/2)/{_number(sd)}")
        plots.append(PlotCall("function", f"y = {tden}", None, None,
                              (Option("range", f"{_number(lo)} {_number(hi)}"),
                               Option("yvarlabel", _q(f"t density, df = {df:g}")))
                              + parse_options_text(opts.get("stopts"))))
    order = np.argsort(at, kind="stable")
    estimate = Series("line", np.asarray(at)[order], np.asarray(density)[order],
                      label="Kernel density estimate", style=1)
    return plots, [estimate]


def _build_with_series(session, cmd, call: TwowayCall, defaults: dict, first_series: list):
    """A twoway graph whose first plot is a ready series (the density estimate): the
    call's plots take the styles after it; the estimate takes the look options typed
    on the command (its cline options)."""
    from dataclasses import replace

    from mlmcli.graphs import plot_options as popt
    from mlmcli.graphs.graph_options import is_graph_option

    look_specs = popt.LINE_SPECS + popt.COMMON_SPECS
    typed_look = [o for o in call.options if any(s.matches(o.name) for s in look_specs)]
    graph_opts = tuple(o for o in call.options if not any(s.matches(o.name) for s in look_specs))
    for o in graph_opts:
        if not is_graph_option(o.name):
            raise StataError(f"option {o.name} not allowed", 198)
    look = _look_of(typed_look, look_specs, cmd.name)
    first_series = [replace(s, **look.series_fields("line")) for s in first_series]
    builder = new_builder(session)
    shifted = [PlotCall(p.kind, p.varlist, p.if_exp, p.in_range,
                        p.options + (Option("pstyle", f"p{k + 2}"),) if not any(
                            o.name.lower().startswith("psty") for o in p.options) else p.options)
               for k, p in enumerate(call.plots)]
    if shifted:
        graph = builder.build(TwowayCall(tuple(shifted), None, None, graph_opts), cmd.text,
                              defaults=defaults)
        panel = graph.panels[0]
        graph = replace(graph, panels=(replace(panel, series=tuple(first_series) + panel.series),))
        if "ytitle" not in builder.graph_options:
            graph = replace(graph, ytitle=defaults["ytitle"])
    else:
        graph = _graph_from_series(builder, graph_opts, cmd.text, defaults, first_series)
    for note in builder.notes:
        session.print(note)
    return graph, builder


def _graph_from_series(builder, options, command: str, defaults: dict, series: list):
    """A one-panel graph of ready series with the graph options applied."""
    from mlmcli.graphs import graph_options as gopt
    from mlmcli.graphs.spec import Graph, Panel

    gopts = gopt.resolve_graph_options(options)
    builder.graph_options = gopts
    if "by" in gopts:
        raise StataError("option by() not allowed", 198)
    fields = dict(defaults)
    fields["scheme"] = builder.scheme
    fields.update(gopt.apply_affixes(fields, gopt.common_fields(gopts, builder.notes)))
    return Graph(panels=(Panel(tuple(series)),), name=gopt.graph_name(gopt.last(gopts, "name"))[0],
                 command=command, **fields)


# ---------------------------------------------------------------- qnorm, pnorm
QNORM_SPECS = [OptionSpec(*row) for row in (
    ("grid", 1), ("rlopts", 5, True), ("plot", None, True), ("addplot", None, True),
)]


def _float32(values: np.ndarray) -> np.ndarray:
    """Stata stores these plotting variables as float: round to single precision."""
    return np.asarray(values, dtype=np.float32).astype(float)


def _sorted_sample(session, cmd: Command, name: str):
    """qnorm/pnorm: (variable, options, other options, sorted values, i/(N+1) as float,
    mean, sd)."""
    _no_by(cmd, name)
    (var,) = _variable(session, cmd, 1)
    opts, rest = _take(cmd.options, QNORM_SPECS)
    rows = _sample(session, cmd, [var])
    x = np.sort(session.data.numeric(var)[rows])
    n = x.size
    p = _float32(np.arange(1, n + 1) / (n + 1))
    mean, sd = float(np.mean(x)), float(np.std(x, ddof=1)) if n > 1 else float("nan")
    return var, opts, rest, x, p, mean, sd


def cmd_qnorm(session, cmd: Command) -> None:
    """``qnorm varname [if] [in] [, grid rlopts() ...]``: the sorted values against the normal
    quantiles mean + sd * invnormal(i/(N+1)), with the reference line y = x."""
    from scipy.stats import norm

    from mlmcli.summary_statistics import stata_percentile

    var, opts, rest, x, p, mean, sd = _sorted_sample(session, cmd, "qnorm")
    z = _float32(norm.ppf(p) * sd + mean)
    defaults = {"ytitle": _title(session, var), "xtitle": "Inverse Normal"}
    if opts.get("grid"):
        ys = [stata_percentile(x, q) for q in (5, 10, 25, 50, 75, 90, 95)]
        xs = [mean + sd * float(norm.ppf(q)) for q in (.05, .10, .25, .50, .75, .90, .95)]
        defaults.update(note="Grid lines are 5, 10, 25, 50, 75, 90, and 95 percentiles",
                        xlines=tuple(xs), ylines=tuple(ys))
    _quantile_graph(session, cmd, z, x, rest, opts, defaults, var)


def cmd_pnorm(session, cmd: Command) -> None:
    """``pnorm varname [if] [in] [, grid rlopts() ...]``: normal((x - mean)/sd) of the sorted
    values against i/(N+1), with the reference line y = x."""
    from scipy.stats import norm

    var, opts, rest, x, p, mean, sd = _sorted_sample(session, cmd, "pnorm")
    fhat = _float32(norm.cdf((x - mean) / sd))
    defaults = {"ytitle": f"Normal F[({var}-m)/s]", "xtitle": "Empirical P[i] = i/(N+1)"}
    if opts.get("grid"):
        defaults.update(xlines=(0.25, 0.5, 0.75), ylines=(0.25, 0.5, 0.75))
    _quantile_graph(session, cmd, p, fhat, rest, opts, defaults, var, unit=True)


def _quantile_graph(session, cmd, xs, ys, rest, opts, defaults, var, unit: bool = False) -> None:
    """Markers at (xs, ys) and the reference line y = x (s2color's refline: emerald)."""
    from dataclasses import replace

    from mlmcli.graphs import plot_options as popt
    from mlmcli.graphs.spec import Axis, Series

    marker_specs = popt.MARKER_SPECS + popt.COMMON_SPECS
    typed = [o for o in rest if any(s.matches(o.name) for s in marker_specs)]
    look = _look_of(typed, marker_specs, cmd.name)
    points = Series("scatter", np.asarray(xs), np.asarray(ys), label=_title(session, var), style=1,
                    **look.series_fields("scatter"))
    lo, hi = (0.0, 1.0) if unit else (float(np.nanmin(xs)), float(np.nanmax(xs)))
    ref_look = _look_of(list(parse_options_text(opts.get("rlopts"))), popt.LINE_SPECS + popt.COMMON_SPECS,
                        cmd.name)
    fields = ref_look.series_fields("line")
    fields.setdefault("color", _refline())
    reference = Series("line", np.array([lo, hi]), np.array([lo, hi]), label="Reference", style=2,
                       **fields)
    graph_options = [o for o in rest if o not in typed]
    defaults = dict(defaults, legend="off", xaxis=Axis(grid=False), yaxis=Axis(grid=False))
    plots = _addplots(opts, graph_options)
    call = TwowayCall(tuple(plots), None, None, tuple(graph_options))
    builder = new_builder(session)
    if plots:
        graph = builder.build(call, cmd.text, defaults=defaults)
        panel = graph.panels[0]
        graph = replace(graph, panels=(replace(panel, series=(points, reference) + panel.series),),
                        legend="auto" if builder.graph_options.get("legend") is None else graph.legend)
    else:
        graph = _graph_from_series(builder, tuple(graph_options), cmd.text, defaults, [points, reference])
    for note in builder.notes:
        session.print(note)
    finish(session, graph, builder.graph_options)


def _refline() -> str:
    from mlmcli.graphs.style import NAMED_COLORS

    return NAMED_COLORS[REFLINE]


# ---------------------------------------------------------------- lowess
LOWESS_SPECS = [OptionSpec(*row) for row in (
    ("mean", 1), ("noweight", 3), ("bwidth", 2, True), ("logit", 2), ("adjust", 1),
    ("nograph", 3), ("generate", 3, True), ("lineopts", 5, True), ("rlopts", 5, True),
    ("plotopts", 5, True), ("plot", None, True), ("addplot", None, True), ("sort", 1),
)]


def cmd_lowess(session, cmd: Command) -> None:
    """``lowess yvar xvar [if] [in] [, mean noweight bwidth(#) logit adjust generate()
    nograph lineopts() by() ...]``."""
    from mlmcli.graphs import smoothers
    from mlmcli.graphs.build import read_by
    from mlmcli.graphs.graph_options import number
    from mlmcli.graphs.plotdata import by_groups
    from mlmcli.syntax.varlist import check_new_name

    _no_by(cmd, "lowess")
    yvar, xvar = _variable(session, cmd, 2)
    opts, rest = _take(cmd.options, LOWESS_SPECS)
    if isinstance(opts.get("generate"), str):
        check_new_name(session.data, opts["generate"].strip())
    rows = _sample(session, cmd, [yvar, xvar])
    bw = number(opts["bwidth"], "bwidth") if "bwidth" in opts else 0.8
    if bw <= 0 or bw >= 1:
        bw = 0.8
    by_arg = next((o.arg for o in rest if o.name.lower() == "by"), None)
    groups = [("", rows)]
    if isinstance(by_arg, str):
        by_vars, sub = read_by(session.data, by_arg)
        groups = by_groups(session.data, by_vars, rows, bool(sub.get("missing")))
        if len(groups) < 2:
            raise StataError("by() variable takes on only one value", 198)
    smooth = np.full(session.data.nobs, np.nan)
    y_all, x_all = session.data.numeric(yvar), session.data.numeric(xvar)
    for _, members in groups:
        x, y = x_all[members], y_all[members]
        if x.size >= 3 and float(x.max() - x.min()) >= 1e-30:
            s = smoothers.lowess(y, x, bw, mean=bool(opts.get("mean")),
                                 weighted=not opts.get("noweight"), adjust=bool(opts.get("adjust")),
                                 logit=bool(opts.get("logit")))
            smooth[np.flatnonzero(members)] = s
    def store() -> None:
        if isinstance(opts.get("generate"), str):
            name = opts["generate"].strip()
            session.data.set_variable(name, smooth, "float")
            session.data.var_labels[name] = f"lowess {yvar} {xvar}"

    if opts.get("nograph"):
        store()
        return
    title = ("Running mean smoother" if opts.get("mean") else
             "Running line smoother" if opts.get("noweight") else "Lowess smoother")
    lowess_options = [Option(k) for k in ("mean", "noweight", "logit", "adjust") if opts.get(k)]
    lowess_options.append(Option("bwidth", _number(bw)))
    line_opts = parse_options_text(opts.get("lineopts")) + parse_options_text(opts.get("rlopts"))
    plots = [_plot("scatter", f"{yvar} {xvar}", cmd, list(parse_options_text(opts.get("plotopts")))),
             _plot("lowess", f"{yvar} {xvar}", cmd, lowess_options + list(line_opts))]
    legend = [] if ("plot" in opts or "addplot" in opts) else [Option("legend", "off")]
    plots += _addplots(opts, legend)
    from mlmcli.render.numfmt import format_number

    defaults = {"title": title, "note": f"bandwidth = {format_number(bw, '%9.0g').strip()}",
                "ytitle": _title(session, yvar), "xtitle": _title(session, xvar)}
    from mlmcli.graphs.plot_options import MARKER_SPECS as marker_specs

    scatter_opts = [o for o in rest if any(s.matches(o.name) for s in marker_specs)]
    graph_opts = [o for o in rest if o not in scatter_opts]
    plots[0] = PlotCall(plots[0].kind, plots[0].varlist, plots[0].if_exp, plots[0].in_range,
                        plots[0].options + tuple(scatter_opts))
    if opts.get("logit"):
        plots = plots[1:]
    call = TwowayCall(tuple(plots), None, None, tuple(legend + graph_opts))
    graph, builder = build_twoway(session, call, cmd.text, defaults=defaults)
    store()
    finish(session, graph, builder.graph_options)


# ---------------------------------------------------------------- lpoly
LPOLY_SPECS = [OptionSpec(*row) for row in (
    ("kernel", 1, True), ("bwidth", 2, True), ("degree", 3, True), ("generate", 3, True),
    ("n", None, True), ("at", None, True), ("nograph", 4), ("noscatter", 4),
    ("lineopts", 5, True), ("plot", None, True), ("addplot", None, True),
    ("ci", None), ("level", 1, True), ("se", None, True), ("pwidth", 2, True), ("var", 1, True),
    ("ciopts", 3, True), ("generateci", 9, True), ("generatevar", 9, True),
)]


def cmd_lpoly(session, cmd: Command) -> None:
    """``lpoly yvar xvar [if] [in] [, kernel() bwidth() degree() n() at() generate() nograph
    noscatter lineopts() ...]`` (the confidence band options are refused: their pilot
    bandwidth is not documented precisely enough to reproduce)."""
    from mlmcli.graphs import smoothers
    from mlmcli.graphs.graph_options import number
    from mlmcli.graphs.plots import kernel_name
    from mlmcli.syntax.varlist import check_new_name

    _no_by(cmd, "lpoly")
    yvar, xvar = _variable(session, cmd, 2)
    opts, rest = _take(cmd.options, LPOLY_SPECS)
    for name in ("ci", "se", "pwidth", "var", "ciopts", "generateci", "generatevar", "level"):
        if name in opts:
            raise StataError(f"option {name}() is not supported by mlmcli's lpoly (no standard "
                             "errors)" if name != "ci" else
                             "option ci is not supported by mlmcli's lpoly (no standard errors)", 198)
    rows = mark_function(session)(cmd.if_exp, cmd.in_range, [yvar, xvar])
    if rows.sum() <= 1:
        raise StataError("no observations" if not rows.any() else "insufficient observations",
                         2000 if not rows.any() else 2001)
    x, y = session.data.numeric(xvar)[rows], session.data.numeric(yvar)[rows]
    degree = int(number(opts.get("degree", "0"), "degree"))
    if degree < 0:
        raise StataError("degree() must be a nonnegative number", 198)
    kernel = kernel_name(opts.get("kernel"))
    if "bwidth" in opts:
        h = number(opts["bwidth"], "bwidth")
        if h <= 0:
            raise StataError("bwidth() must be a positive number", 198)
    else:
        h = smoothers.rot_bandwidth(y, x, degree, kernel)
    names = (opts.get("generate") or "").split()
    for name in names:
        check_new_name(session.data, name)
    if len(names) == 1 and "at" not in opts:
        raise StataError("at() must be specified for generate() to work with one variable", 198)
    if len(names) > 2:
        raise StataError("generate(): too many variables specified", 198)
    nobs = session.data.nobs
    if "at" in opts:
        at_var = session.data.resolve(opts["at"].strip())
        at_all = session.data.numeric(at_var)
        grid = at_all[np.isfinite(at_all)]
    else:
        n = int(number(opts.get("n", "50"), "n"))
        if n <= 0:
            raise StataError("n() must be a positive number", 198)
        if n <= 1:
            n = 50
        if n > nobs:
            n = nobs
            session.print(f"(n() set to {n})")
        grid = np.linspace(float(x.min()), float(x.max()), n)
    smooth = smoothers.local_polynomial(y, x, grid, h, degree, kernel)
    session.set_r({"bwidth": h, "ngrid": float(np.isfinite(smooth).sum()), "degree": float(degree),
                   "kernel": kernel})

    def store() -> None:
        if names:
            if "at" in opts:
                full = np.full(nobs, np.nan)
                full[np.isfinite(at_all)] = smooth
                session.data.set_variable(names[-1], full, "float")
            else:
                xs, ss = np.full(nobs, np.nan), np.full(nobs, np.nan)
                xs[:grid.size], ss[:grid.size] = grid, smooth
                session.data.set_variable(names[0], xs, "float")
                session.data.set_variable(names[1], ss, "float")
                session.data.var_labels[names[0]] = "lpoly smoothing grid"
                session.data.var_labels[names[1]] = f"lpoly smooth: {_title(session, yvar)}"
    if opts.get("nograph"):
        store()
        return
    from dataclasses import replace

    from mlmcli.graphs import plot_options as popt
    from mlmcli.graphs.spec import Series

    line_look = _look_of(list(parse_options_text(opts.get("lineopts"))), popt.LINE_SPECS + popt.COMMON_SPECS,
                         cmd.name)
    ok = np.isfinite(smooth)
    series = Series("line", grid[ok], smooth[ok], label="lpoly smooth",
                    style=1 if opts.get("noscatter") else 2, **line_look.series_fields("line"))
    defaults = {"title": "Local polynomial smooth",
                "note": f"kernel = {kernel}, degree = {degree}, bandwidth = {_string(round(h, 2))}",
                "ytitle": _title(session, yvar), "xtitle": _title(session, xvar), "legend": "off"}
    plots = [] if opts.get("noscatter") else [_plot("scatter", f"{yvar} {xvar}", cmd, [])]
    marker_specs = popt.MARKER_SPECS
    scatter_opts = [o for o in rest if any(s.matches(o.name) for s in marker_specs)]
    graph_opts = [o for o in rest if o not in scatter_opts]
    if plots:
        plots[0] = PlotCall(plots[0].kind, plots[0].varlist, plots[0].if_exp, plots[0].in_range,
                            tuple(scatter_opts))
    plots += _addplots(opts, graph_opts)
    builder = new_builder(session)
    if plots:
        graph = builder.build(TwowayCall(tuple(plots), None, None, tuple(graph_opts)), cmd.text,
                              defaults=defaults)
        panel = graph.panels[0]
        series_all = panel.series[:1] + (series,) + panel.series[1:] if not opts.get("noscatter") \
            else (series,) + panel.series
        graph = replace(graph, panels=(replace(panel, series=series_all),))
    else:
        graph = _graph_from_series(builder, tuple(graph_opts), cmd.text, defaults, [series])
    for note in builder.notes:
        session.print(note)
    store()
    finish(session, graph, builder.graph_options)
