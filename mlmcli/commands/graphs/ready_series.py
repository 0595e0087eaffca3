"""What the distribution graph commands (``histogram``, ``kdensity``, ``qnorm``, ``pnorm``,
``lowess``, ``lpoly``) share: their variables and sample, their own options split from
twoway's, ``addplot()``, numbers written into generated plot options, and graphs whose first
series is ready-made (a density or smooth computed by the command).

Each command builds a ``twoway`` graph as Stata's ado-file does (the same plots, titles and
notes), so every twoway option works on it; the numbers come from ``mlmcli.graphs.smoothers``.
"""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Command, Option
from mlmcli.commands.graphs.twoway import mark_function, new_builder, session_on
from mlmcli.errors import StataError, option_not_allowed
from mlmcli.graphs.syntax import PlotCall, TwowayCall, parse_twoway
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import counted_varlist

REFLINE = "emerald"  # s2color's refline colour (normal curves, reference lines)


def compound_quoted(text: str) -> str:
    """Text as a Stata compound-quoted string (safe for any quotes inside)."""
    return '`"' + text + "\"'"


def number_text(value: float) -> str:
    return repr(float(value))


def stata_string(value: float) -> str:
    """Stata's ``string(#)``: %12.0g without the leading zero (``.62``)."""
    from mlmcli.render.numfmt import format_number

    return format_number(value, "%12.0g").strip()


def display_text(value: float) -> str:
    """A number as ``display`` shows it (%10.0g)."""
    from mlmcli.render.numfmt import format_number

    return format_number(value, "%10.0g").strip()


def take_options(options, specs: list[OptionSpec]) -> tuple[dict, list[Option]]:
    """Split typed options into those ``specs`` declare (resolved) and the rest (as typed)."""
    mine, rest = [], []
    for opt in options:
        (mine if any(s.matches(opt.name) for s in specs) else rest).append(opt)
    return resolve_options(mine, specs), rest


def addplots(opts: dict, graph_options: list[Option]) -> list[PlotCall]:
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


def added_plots(text: str) -> tuple[list[PlotCall], list[Option], bool]:
    """``addplot(plot [|| plot ...] [, below])`` -> (the plots, the twoway options typed
    after ``||`` ``,``, below): ``below`` ([G-3] addplot_option) may end any plot's options
    or the ``|| ,`` options (marginsplot.ado's ``_parse expand ... common(BELOW)`` takes it
    from whichever plot it is typed in)."""
    from dataclasses import replace

    call = parse_twoway(text)
    plots = list(call.plots)
    below = any(o.name == "below" for o in list(call.options) + [o for p in plots for o in p.options])
    options = [o for o in call.options if o.name != "below"]
    plots = [replace(p, options=tuple(o for o in p.options if o.name != "below")) for p in plots]
    if call.if_exp is not None or call.in_range is not None:  # `(scatter y x) (line y x) if z`: every plot's
        plots = [replace(p, if_exp=call.if_exp if p.if_exp is None else f"({p.if_exp}) & ({call.if_exp})"
                         if call.if_exp is not None else p.if_exp, in_range=p.in_range or call.in_range)
                 for p in plots]
    return plots, options, below


# options of a plot's look that mean more than its look: a command whose ready series takes the
# options typed (kdensity's density, qnorm's markers) draws that series as a plot when one is typed
# (``series_as_plot``); where a look option is read for a part (lpoly's lineopts()) they are refused
NOT_LOOK = ("recast", "yaxis", "xaxis", "horizontal", "yvarlabel", "xvarlabel")
NOT_LOOK_SPECS = [OptionSpec(*row) for row in (("recast", None), ("yaxis", None), ("xaxis", None), ("horizontal", 3),
                                               ("vertical", 4), ("yvarlabel", 4), ("xvarlabel", 4))]


def series_as_plot(session, kind: str, columns, typed: list[Option], order=None):
    """The series of ``twoway <kind> <columns>, <typed options of kind>`` drawn on the data in
    memory with ``columns`` beside it -- (stem, values, variable label) row by row, y first, the
    rows in ``order`` (None: as they are) -- as an ado-file draws its computed variables.
    Returns those series and the typed options left for the graph (``horizontal`` is refused as
    ``option horizontal not allowed`` where the plot type has none: ``line``, ``scatter``)."""
    from mlmcli.commands.graphs.twoway import new_builder
    from mlmcli.graphs import plots as plot_types
    from mlmcli.graphs.syntax import plot_kind

    recast = next((o for o in reversed(typed) if o.name == "recast"), None)
    if recast is not None and not recast.arg:
        raise StataError("recast() invalid", 198)
    target = plot_kind(recast.arg.strip()) if recast is not None else kind
    specs = plot_types.option_specs(target)
    mine = [o for o in typed if o.name == "recast" or any(s.matches(o.name) for s in specs)]
    graph_options = [o for o in typed if not any(o is m for m in mine)]
    for option in graph_options:  # twoway line and scatter have no horizontal: a recast() type may
        if option.name in ("horizontal", "vertical"):
            raise option_not_allowed(option.name, option.arg)
    names = [_free_name(session.data, stem) for stem, _, _ in columns]
    scratch = session_with_columns(session, [(n, values, label) for n, (_, values, label) in zip(names, columns)],
                                   order)
    builder = new_builder(scratch)
    graph = builder.build(TwowayCall((PlotCall(kind, " ".join(names), None, None, tuple(mine)),), None, None, ()))
    for note in builder.notes:
        session.print(note)
    return list(graph.panels[0].series), graph_options


def session_with_columns(session, columns, order=None, types="double", formats=None):
    """A copy of ``session`` whose data are the data in memory with ``columns`` -- (name, values,
    variable label or None), shorter ones padded with missing -- beside them, the rows in
    ``order`` (None: as they are), and no by() prefix: what an ado-file draws on after adding its
    computed variables.  ``types`` is their storage type, one for all or name -> type (double
    where it names none); ``formats`` their display format likewise (None, or a name it leaves
    out: no format set)."""
    from dataclasses import replace

    def column_setting(setting, name, default):  # one for all columns, or name -> setting
        return setting.get(name, default) if isinstance(setting, dict) else setting

    data = session.data
    rows = max([len(data.df)] + [len(values) for _, values, _ in columns])
    frame = data.df.reindex(range(rows)) if rows > len(data.df) else data.df
    frame = frame.assign(**{name: np.concatenate([np.asarray(values, float), np.full(rows - len(values), np.nan)])
                            for name, values, _ in columns})
    if order is not None and not np.array_equal(order, np.arange(len(order))):
        frame = frame.iloc[order].reset_index(drop=True)
    chosen_formats = {n: column_setting(formats, n, None) for n, _, _ in columns}
    return session_on(session, replace(
        data, df=frame, var_labels={**data.var_labels, **{n: label for n, _, label in columns if label is not None}},
        types={**data.types, **{n: column_setting(types, n, "double") for n, _, _ in columns}},
        value_label_of=dict(data.value_label_of),
        formats={**data.formats, **{n: f for n, f in chosen_formats.items() if f is not None}}))


def _free_name(data, stem: str) -> str:
    name, k = stem, 0
    while name in data.df.columns:
        k += 1
        name = f"{stem}{k}"
    return name


def look_of(typed: list[Option], specs, command: str, session=None):
    """The look (``plot_options.look``) of options typed for a ready series; Stata's notes on
    style names it does not know are printed (with ``session``)."""
    from mlmcli.graphs import plot_options as popt
    from mlmcli.graphs.look_options import refuse

    opts = resolve_options(typed, specs)
    refuse(opts, NOT_LOOK, f"{command}: ")
    notes: list[str] = []
    found = popt.look(opts, notes)
    if session is not None:
        for note in notes:
            session.print(note)
    return found


def numeric_variables(session, cmd: Command, count: int) -> list[str]:
    names = counted_varlist(session.data, grouped_varlist(cmd.args), count, count)
    for name in names:
        session.data.numeric(name)
    return names


def grouped_varlist(text: str) -> str:
    """A varlist typed as one parenthesized group glued to the command word (``hist(re1pred)``,
    agrogan1's multilevel do-files; ``lowess(y x)``) read as its names, as twoway's plots read
    ``scatter(golf income)`` (docs/graph_real_lines.md, rl45) -- Stata's own reading of such a
    non-time-series varname is unverified (docs/graphs_natural_scale.md)."""
    from mlmcli.textscan import matching_close

    body = text.strip()
    if body.startswith("(") and matching_close(body, 0, "(") == len(body) - 1:
        return body[1:-1]
    return text


def sample_rows(session, cmd: Command, names: list[str]) -> np.ndarray:
    rows = mark_function(session)(cmd.if_exp, cmd.in_range, names)
    if not rows.any():
        raise StataError("no observations", 2000)
    return rows


def var_title_of(session, name: str) -> str:
    from mlmcli.graphs.plotdata import var_title

    return var_title(session.data, name)


def plot_call(kind: str, varlist: str, cmd: Command, options: list[Option], weighted: bool = False) -> PlotCall:
    return PlotCall(kind, varlist, cmd.if_exp, cmd.in_range, tuple(options),
                    cmd.weight if weighted else None)


def refuse_by_prefix(cmd: Command, name: str) -> None:
    if any(p.name == "by" for p in cmd.prefixes):
        raise StataError(f"{name} may not be combined with by", 190)


def parse_options_text(text) -> tuple[Option, ...]:
    from mlmcli.syntax.options import read_options

    return read_options(text) if isinstance(text, str) else ()


def build_with_series(session, cmd, call: TwowayCall, defaults: dict, first_series: list):
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
            raise option_not_allowed(o.name, o.arg)
    look = look_of(typed_look, look_specs, cmd.name, session)
    first_series = [replace(s, **look.ready_fields("line", s.style)) for s in first_series]
    builder = new_builder(session)
    # replace() keeps each plot's weight (addplot(scatter y x [aw=w])) and immediate flag
    shifted = [replace(p, options=p.options + (Option("pstyle", f"p{k + 2}"),) if not any(
                   o.name.startswith("psty") for o in p.options) else p.options)
               for k, p in enumerate(call.plots)]
    if shifted:
        graph = builder.build(TwowayCall(tuple(shifted), None, None, graph_opts), cmd.text,
                              defaults=defaults)
        panel = graph.panels[0]
        graph = replace(graph, panels=(replace(panel, series=tuple(first_series) + panel.series),))
        if "ytitle" not in builder.graph_options:
            graph = replace(graph, ytitle=defaults["ytitle"])
    else:
        graph = graph_from_series(builder, graph_opts, cmd.text, defaults, first_series)
    for note in builder.notes:
        session.print(note)
    return graph, builder


def graph_from_series(builder, options, command: str, defaults: dict, series: list):
    """A one-panel graph of ready series with the graph options applied."""
    from mlmcli.graphs import graph_options as gopt
    from mlmcli.graphs.spec import Graph, Panel

    gopts = gopt.resolve_graph_options(options)
    builder.graph_options = gopts
    if "by" in gopts:
        raise StataError("option by() not allowed", 198)
    from dataclasses import replace

    fields = dict(defaults)
    fields["scheme"] = builder.scheme
    common = gopt.apply_affixes(fields, gopt.common_fields(gopts, builder.notes))
    for axis in ("xaxis", "yaxis"):  # a command's own axis (qnorm's nogrid) keeps what is not typed, as in build()
        if axis in defaults and axis in common:
            typed = common[axis]
            common[axis] = replace(defaults[axis], **{k: getattr(typed, k) for k in typed.__dataclass_fields__
                                                      if getattr(typed, k) != getattr(type(typed)(), k)})
    fields.update(common)
    return Graph(panels=(Panel(tuple(series)),), name=gopt.graph_name(gopt.last(gopts, "name"))[0],
                 command=command, **fields)


def refline_color() -> str:
    from mlmcli.graphs.style import NAMED_COLORS

    return NAMED_COLORS[REFLINE]
