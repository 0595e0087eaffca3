"""``xtline`` ([XT] xtline): each panel's series over time.

    xtline varlist [if] [in] [, i(varname) t(varname) cline_options byopts() addplot()
                                twoway_options]
    xtline varname [if] [in], overlay [i() t() plot#opts(cline_options) cline_options
                                       addplot() twoway_options]

Without ``overlay``: ``twoway line varlist t, sort by(panel[, byopts])``, one graph region per
panel.  ``overlay``: one ``line`` per panel on one graph, in the plot styles p1, p2 ..., its
legend key the panel's value label (or value), the y title the variable's label.  The panel
and time variables are ``xtset``'s unless ``i()``/``t()`` name them (Stata's r(459) when
neither says).
"""
from __future__ import annotations

import re

from mlmcli.ast import Command, Option
from mlmcli.commands.graphs.current import finish
from mlmcli.commands.graphs.ready_series import (addplots, compound_quoted, refuse_by_prefix,
                                                 take_options, var_title_of)
from mlmcli.commands.graphs.twoway import build_twoway, mark_function
from mlmcli.errors import StataError
from mlmcli.graphs.syntax import PlotCall, TwowayCall
from mlmcli.syntax.options import OptionSpec

XTLINE_SPECS = [OptionSpec(*row) for row in (
    ("overlay", None), ("i", None, True), ("t", None, True), ("byopts", 5, True),
    ("addplot", None, True),
)]
_PLOT_OPTS = re.compile(r"^plot(\d+)opts$", re.I)


def _panel_and_time(session, opts: dict) -> tuple[str, str]:
    from mlmcli.commands.data.panel_settings import panel_setting, time_setting

    data = session.data
    panel = data.resolve(opts["i"].strip()) if isinstance(opts.get("i"), str) else panel_setting(data)
    if panel is None:
        raise StataError("panel variable not set; use xtset varname ...", 459)
    tvar = data.resolve(opts["t"].strip()) if isinstance(opts.get("t"), str) else time_setting(data)
    if tvar is None:
        raise StataError("time variable not set; use xtset panelvar timevar ... or t()", 459)
    for name in (panel, tvar):
        data.numeric(name)
    return panel, tvar


def cmd_xtline(session, cmd: Command) -> None:
    from mlmcli.graphs import plot_options as popt
    from mlmcli.graphs.plotdata import value_text
    from mlmcli.syntax.options import read_options

    refuse_by_prefix(cmd, "xtline")
    names = session.data.expand_varlist(cmd.args)
    if not names:
        raise StataError("varlist required", 100)
    for name in names:
        session.data.numeric(name)
    plot_opts = {int(m.group(1)): o.arg for o in cmd.options if (m := _PLOT_OPTS.match(o.name))}
    typed = [o for o in cmd.options if not _PLOT_OPTS.match(o.name)]
    opts, rest = take_options(typed, XTLINE_SPECS)
    panel, tvar = _panel_and_time(session, opts)
    line_specs = popt.LINE_SPECS + popt.CONNECT_SPECS + popt.COMMON_SPECS
    line_opts = [o for o in rest if any(s.matches(o.name) for s in line_specs)]
    graph_opts = [o for o in rest if o not in line_opts]
    if any(o.name == "by" for o in graph_opts):
        raise StataError("option by() not allowed", 198)
    sort = [] if any(o.name == "sort" for o in line_opts) else [Option("sort", None)]
    defaults: dict = {}
    if opts.get("overlay"):
        if len(names) > 1:
            raise StataError("too many variables specified", 103)
        rows = mark_function(session)(cmd.if_exp, cmd.in_range, [names[0], tvar, panel])
        values = sorted(set(session.data.numeric(panel)[rows]))
        if not values:
            raise StataError("no observations", 2000)
        plots = []
        for k, value in enumerate(values, start=1):
            own = list(read_options(plot_opts[k])) if isinstance(plot_opts.get(k), str) else []
            label = value_text(session.data, panel, value)
            plots.append(PlotCall("line", f"{names[0]} {tvar}", f"{panel} == {float(value)!r}", None,
                                  tuple(line_opts + sort + own
                                        + [Option("yvarlabel", compound_quoted(label))])))
        defaults["ytitle"] = var_title_of(session, names[0])
        if not any(o.name.startswith("leg") for o in graph_opts):
            graph_opts.append(Option("legend", "on"))
    else:
        if plot_opts:
            raise StataError("option plot#opts() allowed only with overlay", 198)
        by = panel + (", " + opts["byopts"] if isinstance(opts.get("byopts"), str) else "")
        graph_opts.append(Option("by", by))
        plots = [PlotCall("line", " ".join(names + [tvar]), None, None, tuple(line_opts + sort))]
    graph_opts_list = list(graph_opts)
    plots += addplots(opts, graph_opts_list)
    call = TwowayCall(tuple(plots), cmd.if_exp, cmd.in_range, tuple(graph_opts_list))
    graph, builder = build_twoway(session, call, cmd.text, defaults=defaults)
    finish(session, graph, builder.graph_options)

