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
from mlmcli.commands.graphs.twoway import mark_function, new_builder
from mlmcli.errors import StataError
from mlmcli.graphs.syntax import PlotCall, TwowayCall, parse_twoway
from mlmcli.syntax.options import OptionSpec, resolve_options

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
    after ``||`` ``,``, below): ``below`` ([G-3] addplot_option) ends the last plot's options
    or the ``|| ,`` options."""
    from dataclasses import replace

    call = parse_twoway(text)
    plots = list(call.plots)
    below = any(o.name.lower() == "below" for o in call.options + plots[-1].options)
    options = [o for o in call.options if o.name.lower() != "below"]
    plots[-1] = replace(plots[-1], options=tuple(o for o in plots[-1].options if o.name.lower() != "below"))
    if call.if_exp is not None or call.in_range is not None:  # `(scatter y x) (line y x) if z`: every plot's
        plots = [replace(p, if_exp=call.if_exp if p.if_exp is None else f"({p.if_exp}) & ({call.if_exp})"
                         if call.if_exp is not None else p.if_exp, in_range=p.in_range or call.in_range)
                 for p in plots]
    return plots, options, below


# options of a plot's look that mean more than its look: where a command draws a ready series
# (the density of kdensity, qnorm's markers, lpoly's smooth) they are refused
_NOT_LOOK = ("recast", "yaxis", "xaxis", "horizontal", "yvarlabel", "xvarlabel")


def look_of(typed: list[Option], specs, command: str, session=None):
    """The look (``plot_options.look``) of options typed for a ready series; Stata's notes on
    style names it does not know are printed (with ``session``)."""
    from mlmcli.graphs import plot_options as popt
    from mlmcli.graphs.look_options import refuse

    opts = resolve_options(typed, specs)
    refuse(opts, _NOT_LOOK, f"{command}: ")
    notes: list[str] = []
    found = popt.look(opts, notes)
    if session is not None:
        for note in notes:
            session.print(note)
    return found


def numeric_variables(session, cmd: Command, count: int) -> list[str]:
    names = session.data.expand_varlist(cmd.args)
    if len(names) > count:
        raise StataError("too many variables specified", 103)
    if len(names) < count:
        raise StataError("too few variables specified", 102)
    for name in names:
        session.data.numeric(name)
    return names


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
            raise StataError(f"option {o.name} not allowed", 198)
    look = look_of(typed_look, look_specs, cmd.name, session)
    first_series = [replace(s, **look.ready_fields("line", s.style)) for s in first_series]
    builder = new_builder(session)
    # replace() keeps each plot's weight (addplot(scatter y x [aw=w])) and immediate flag
    shifted = [replace(p, options=p.options + (Option("pstyle", f"p{k + 2}"),) if not any(
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
    fields = dict(defaults)
    fields["scheme"] = builder.scheme
    fields.update(gopt.apply_affixes(fields, gopt.common_fields(gopts, builder.notes)))
    return Graph(panels=(Panel(tuple(series)),), name=gopt.graph_name(gopt.last(gopts, "name"))[0],
                 command=command, **fields)


def refline_color() -> str:
    from mlmcli.graphs.style import NAMED_COLORS

    return NAMED_COLORS[REFLINE]
