"""``serrbar mvar svar xvar [if] [in] [, scale(#) mvopts(scatter options) addplot(plot)
twoway options]`` ([R] serrbar): drawn as serrbar.ado (3.2.2) draws it --

    twoway (rcap bot top xvar if in, ytitle(label of mvar or its name) [legend(nodraw)] options)
           (scatter mvar xvar if in, pstyle(p1) mvopts) || plot || addplot

with top = mvar + scale*svar and bot = mvar - scale*svar (labelled "Top" and "Bottom"), the
legend not drawn unless plot()/addplot() adds plots.  The typed options are the rcap's, as in
the ado, so twoway's machinery places the graph-wide ones.  The data in memory are not changed
(the plot reads a copy with the two computed columns beside the data).
"""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Command, Option
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, real_option

# _get_gropts' getallowed(MVOPts plot addplot) and the ado's own SCale(real 1)
SPECS = [OptionSpec(*row) for row in (
    ("scale", 2, True), ("mvopts", 4, True), ("plot", None, True), ("addplot", None, True),
)]


def _mvopts(opts: dict) -> tuple[Option, ...]:
    """_check4gropts mvopts: no by(), name() or saving() among the marker options."""
    from mlmcli.commands.graphs.ready_series import parse_options_text
    from mlmcli.syntax.abbreviation import abbreviates

    typed = parse_options_text(opts.get("mvopts"))
    for opt in typed:
        word = opt.name
        if word == "by":
            raise StataError("option mvopts() does not allow the by() option", 191)
        for name, least in (("name", 4), ("saving", 3)):
            if abbreviates(word, name, least):
                raise StataError(f"option mvopts() does not allow the {name}() option", 198)
    return typed


def _three_variables(session, cmd: Command) -> list[str]:
    names = list(session.data.expand_varlist(cmd.args)) if cmd.args.strip() else []
    if len(names) < 3:
        raise StataError("too few variables specified", 102)
    if len(names) > 3:
        raise StataError("too many variables specified", 103)
    return names


def cmd_serrbar(session, cmd: Command) -> None:
    from mlmcli.commands.graphs.current import finish
    from mlmcli.commands.graphs.ready_series import addplots, refuse_by_prefix, session_with_columns, take_options
    from mlmcli.commands.graphs.twoway import new_builder
    from mlmcli.graphs.syntax import PlotCall, TwowayCall
    from mlmcli.sample import mark_sample

    refuse_by_prefix(cmd, "serrbar")
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    mvar, svar, xvar = _three_variables(session, cmd)
    opts, rest = take_options(cmd.options, SPECS)
    scale = real_option(opts, "scale", 1.0)
    mvopts = _mvopts(opts)
    data = session.data
    if data.is_string(mvar) or data.is_string(svar):  # gen top = mvar + scale*svar
        raise StataError("type mismatch", 109)
    rows = np.asarray(mark_sample(session, cmd, [], strok=True), bool) if (cmd.if_exp or cmd.in_range) \
        else np.ones(data.nobs, bool)
    m, sd = data.numeric(mvar), data.numeric(svar)
    with np.errstate(invalid="ignore"):
        top = np.where(rows, m + scale * sd, np.nan)
        bot = np.where(rows, m - scale * sd, np.nan)
    scratch = session_with_columns(session, [("__srb_top", top, "Top"), ("__srb_bot", bot, "Bottom")],
                                   types="float", formats="%9.0g")
    graph_options: list[Option] = []
    added = addplots(opts, graph_options)
    ytitle = data.var_labels.get(mvar) or mvar
    rcap_options = [Option("ytitle", f'`"{ytitle}"\'')]
    if not added:
        rcap_options.append(Option("legend", "nodraw"))
    plots = [PlotCall("rcap", f"__srb_bot __srb_top {xvar}", cmd.if_exp, cmd.in_range, (*rcap_options, *rest)),
             PlotCall("scatter", f"{mvar} {xvar}", cmd.if_exp, cmd.in_range, (Option("pstyle", "p1"), *mvopts)),
             *added]
    builder = new_builder(scratch)
    graph = builder.build(TwowayCall(tuple(plots), None, None, tuple(graph_options)), cmd.text)
    for note in builder.notes:
        session.print(note)
    finish(session, graph, builder.graph_options)
