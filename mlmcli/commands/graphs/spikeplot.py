"""``spikeplot varname [if] [in] [fw aw iw] [, round(#) fraction root addplot() twoway_options]``
([R] spikeplot): a spike at each distinct value of round(varname, #) as tall as its frequency
(the sum of the weights there), its fraction of the (by-group's) total with ``fraction``, or
the square root of the frequency with ``root`` -- what spikeplot.ado (1.3.4) computes, drawn
as its ``twoway spike freq value if first, ytitle() xtitle() by() options`` is: every twoway
option and ``by()`` work as on ``twoway spike``.  The data in memory are not changed (the plot
reads a copy with the computed columns beside the data).
"""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Command, Option
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, real_option

SPECS = [OptionSpec(*row) for row in (
    ("round", 1, True), ("fraction", 4), ("root", 4), ("plot", None, True), ("addplot", None, True),
)]


def spike_heights(values: np.ndarray, weights: np.ndarray, groups: np.ndarray, how: str):
    """(height, first) for each row: the sum of the weights of the rows with its (group, value),
    over its group's total with ``how == "fraction"``, the square root with ``"root"``; ``first``
    marks one row per (group, value), the one the ado's ``by by data: _n == 1`` keeps."""
    import pandas as pd

    frame = pd.DataFrame({"g": groups, "v": values, "w": weights})
    height = frame.groupby(["g", "v"], sort=False)["w"].transform("sum").to_numpy(float)
    if how == "fraction":
        height = height / frame.groupby("g", sort=False)["w"].transform("sum").to_numpy(float)
    elif how == "root":
        height = np.sqrt(height)
    return height, ~frame.duplicated(["g", "v"]).to_numpy()


def _by_variables(session, options: list[Option]) -> list[str]:
    by = next((o for o in reversed(options) if o.name == "by"), None)
    if by is None or not by.arg:
        return []
    return list(session.data.expand_varlist(by.arg.split(",", 1)[0]))


def cmd_spikeplot(session, cmd: Command) -> None:
    from mlmcli.commands.data.common import mark, single_variable, weights
    from mlmcli.commands.graphs.current import finish
    from mlmcli.commands.graphs.ready_series import (addplots, refuse_by_prefix, session_with_columns, take_options,
                                                     var_title_of)
    from mlmcli.commands.graphs.twoway import new_builder
    from mlmcli.expr.functions import stata_round
    from mlmcli.graphs.syntax import PlotCall, TwowayCall

    refuse_by_prefix(cmd, "spikeplot")
    opts, rest = take_options(cmd.options, SPECS)
    how = "fraction" if opts.get("fraction") else "root" if opts.get("root") else "frequency"
    if opts.get("fraction") and opts.get("root"):
        raise StataError("must choose only one of root and frac options", 198)
    unit = real_option(opts, "round", 0.0)
    name = single_variable(session.data, cmd.args)
    if session.data.is_string(name):
        raise StataError("type mismatch", 109)
    by_vars = _by_variables(session, rest)
    rows = mark(session, cmd, [name])
    rows, w, _ = weights(session, cmd, rows, ("fweight", "aweight", "iweight"), default="fweight")
    data = session.data
    values = np.asarray(stata_round(data.numeric(name), unit), float)
    if by_vars:  # each row's by-group (missing by values are a group of their own, as by: makes them)
        keys = data.df[by_vars].astype(str).agg("\x1f".join, axis=1).to_numpy()
    else:
        keys = np.zeros(data.nobs, dtype=int)
    wt = np.ones(data.nobs) if w is None else np.asarray(w, float)
    heights = np.full(data.nobs, np.nan)
    first = np.zeros(data.nobs)
    idx = np.flatnonzero(rows)
    if idx.size:
        heights[idx], once = spike_heights(values[idx], wt[idx], keys[idx], how)
        first[idx[once]] = 1
    ytitle = {"fraction": "Fraction", "root": "Root of frequency"}.get(how, "Frequency")
    xtitle = var_title_of(session, name)
    scratch = session_with_columns(
        session, [("__spk_h", heights, ytitle), ("__spk_v", np.where(rows, values, np.nan), xtitle),
                  ("__spk_1", first, None)],
        types={"__spk_1": "byte"}, formats={"__spk_v": data.formats.get(name, "%9.0g")})
    typed = (Option("ytitle", f'`"{ytitle}"\''), Option("xtitle", f'`"{xtitle}"\''), *rest)
    graph_options: list[Option] = []
    plots = [PlotCall("spike", "__spk_h __spk_v", "__spk_1", None, typed), *addplots(opts, graph_options)]
    builder = new_builder(scratch)
    graph = builder.build(TwowayCall(tuple(plots), None, None, tuple(graph_options)), cmd.text)
    for note in builder.notes:
        session.print(note)
    finish(session, graph, builder.graph_options)
