"""``screeplot [matname] [, neigen(#) mean meanlopts(cline options) addplot(plot) twoway
options]`` ([MV] screeplot): drawn as screeplot.ado (1.2.0) draws it --

    twoway (connected eigen number in 1/neigen, title("Scree plot of eigenvalues after pca") options)
           [(function y = mean, range(1 neigen) yvarlabel("Mean") lstyle(refline) n(2) meanlopts)]
           [addplot]

with the eigenvalues of e(Ev) (pca, factor) or of the vector ``matname`` sorted in decreasing
order, labelled "Eigenvalues", against their number ("Number").  ci() is refused (not
implemented).  The data in memory are not changed.
"""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Command, Option
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, integer_option

SPECS = [OptionSpec("neigen", 1, True), OptionSpec("mean", 2), OptionSpec("meanlopts", 5, True),
         OptionSpec("ci", 2, True, arg_optional=True), OptionSpec("addplot", None, True)]


def _eigenvalues(session, cmd: Command) -> tuple[np.ndarray, str]:
    words = cmd.args.split()
    if len(words) > 1:
        raise StataError("invalid syntax", 198)
    if words:
        from mlmcli.commands.program.matrix import lookup_any
        m = lookup_any(session, words[0])
        values = np.asarray(m.values, float)
        if values.ndim == 2 and min(values.shape) != 1:
            raise StataError(f"matrix {words[0]} invalid; vector expected", 503)
        return values.ravel(), "Scree plot of eigenvalues"
    e = session.e
    if e is None:
        raise StataError("last estimates not found", 301)
    if "eigen" not in e.macros.get("properties", "").split() or "Ev" not in e.matrices:
        raise StataError("screeplot only valid after manova, canon, ca, and estimation commands with "
                         "e(property) eigen", 321)
    return np.asarray(e.matrices["Ev"].values, float).ravel(), f"Scree plot of eigenvalues after {e.cmd}"


def cmd_screeplot(session, cmd: Command) -> None:
    from mlmcli.commands.graphs.current import finish
    from mlmcli.commands.graphs.ready_series import (addplots, parse_options_text, refuse_by_prefix,
                                                     session_with_columns, take_options)
    from mlmcli.commands.graphs.twoway import new_builder
    from mlmcli.graphs.syntax import PlotCall, TwowayCall

    refuse_by_prefix(cmd, "screeplot")
    if cmd.if_exp or cmd.in_range or cmd.weight is not None:
        raise StataError("invalid syntax", 198)
    opts, rest = take_options(cmd.options, SPECS)
    if "ci" in opts:
        raise StataError("screeplot, ci() is not implemented in mlmcli", 199)
    values, title = _eigenvalues(session, cmd)
    values = np.sort(values.astype(np.float32).astype(float))[::-1]  # gen float, sorted decreasing
    k = len(values)
    shown = min(k, integer_option(opts, "neigen", 32000))
    eigen = np.where(np.arange(k) < shown, values, np.nan)
    number = np.arange(1, k + 1, dtype=float)
    scratch = session_with_columns(session, [("__scree_eigen", eigen, "Eigenvalues"),
                                             ("__scree_number", number, "Number")], types="float")
    graph_options: list[Option] = []
    plots = [PlotCall("connected", "__scree_eigen __scree_number", None, None,
                      (Option("title", f'`"{title}"\''), *rest))]
    if opts.get("mean"):
        mean = float(np.mean(values[:shown]))
        plots.append(PlotCall("function", f"y = {mean!r}", None, None,
                              (Option("range", f"1 {shown}"), Option("yvarlabel", '"Mean"'),
                               Option("lstyle", "refline"), Option("n", "2"),
                               *parse_options_text(opts.get("meanlopts")))))
    plots += addplots(opts, graph_options)
    builder = new_builder(scratch)
    graph = builder.build(TwowayCall(tuple(plots), None, None, tuple(graph_options)), cmd.text)
    for note in builder.notes:
        session.print(note)
    finish(session, graph, builder.graph_options)
