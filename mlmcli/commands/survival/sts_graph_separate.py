"""``sts graph, separate``: the groups' curves as a ``by()`` graph, one panel per by() (or
strata()) group -- sts.ado draws ``line s _t, by(groupvars, title(...) legend(nodraw))`` on
the stacked groups, each panel one curve in the first plot style (the band under it with
``ci``), the title given to by(), byopts() added to by(), then the lost/entered/at-risk
labels and the censoring marks (sts_graph_separate_marks), each group's in its panel -- and the
y labels of the survivor and failure functions (0 to per() in quarters, two decimals).
addplot(): the ado's ``graph addplot`` takes no by() graph, so it is Stata's error."""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Option
from mlmcli.text_bytes import string_storage_type


def y_labels(choice) -> list[Option]:
    """ylabel(0(.25*per)per) for the survivor and failure functions; the axis' own otherwise."""
    if choice.statistic in ("cumhaz", "hazard"):
        return []
    return [Option("ylabel", f"0({0.25 * choice.per:g}){choice.per:g}, format(%4.2f)")]


def draw_separate(session, cmd, choice, by_vars, group_list, curves, opts, rest, level, drawn, rows) -> None:
    """The by() graph (``rows``: the graph's rows its labels and marks read, as outfile() saves
    them); with ``addplot()`` it is made (the current graph) and then Stata's error:
    the ado adds the plots with ``graph addplot``, which takes only a twoway graph, not a by()
    graph (graph.ado: ``Graph family bygraph_g does not support addplot.`` r(198))."""
    from mlmcli.commands.graphs.current import finish
    from mlmcli.commands.graphs.twoway import build_twoway
    from mlmcli.commands.survival.sts_graph_estimates import function_name, title
    from mlmcli.commands.survival.sts_graph_parts import plot_call
    from mlmcli.commands.survival.sts_graph_separate_marks import panel_marks
    from mlmcli.errors import StataError
    from mlmcli.graphs.syntax import TwowayCall

    marks = panel_marks(drawn, rows, len(curves), choice.statistic == "cumhaz", opts.get("censopts"))
    scratch = _scratch(session, _stacked(session.data, by_vars, group_list, curves, marks))
    plots = []
    band = any(c.lower is not None for c in curves)
    if band:
        plots.append(plot_call("rarea", "_lb _ub _x", 1, opts.get("ciopts"), None, (Option("color", "*.35"),)))
    plots.append(plot_call("line", "_s _t", 1, opts.get("plotopts"), None,
                       (Option("connect", "J" if curves[0].step else "l"), Option("sort"))))
    plots += marks.plots  # the labels, then the censoring marks, in every panel
    lines = title(choice, True).split("\n")  # sts.ado adds the plural "s" whenever there are groups
    heading = " ".join(f'"{line}"' for line in lines)
    word = function_name(choice)
    added = bool(drawn.addplot and str(drawn.addplot).strip())
    # with the band: the band and the line keyed (legend(order())); otherwise legend(nodraw),
    # unless addplot() is typed (the ado then sets no legend)
    legend = [] if not band else \
        [Option("legend", f'order(1 2) label(1 `"{level:g}% CI"\') label(2 `"{word}"\')')]
    by_title, by_legend, by_rest = _by_options(opts.get("byopts"))
    graph_opts = [Option("by", f"{' '.join(by_vars)}, " + (by_title or f"title({heading})")
                         + (f" {by_legend}" if by_legend else " legend(off)" if not (band or added) else "")
                         + (f" {by_rest}" if by_rest else ""))]
    graph_opts += y_labels(choice) + legend + rest
    defaults = {"xtitle": "analysis time", "ytitle": ""}
    graph, builder = build_twoway(scratch, TwowayCall(tuple(plots), None, None, tuple(graph_opts)), cmd.text,
                                  defaults=defaults)
    finish(session, graph, builder.graph_options)
    if added:
        raise StataError("Graph family bygraph_g does not support addplot.", 198)


def _stacked(data, by_vars, group_list, curves, marks):
    """The groups' pieces one after another: each its curve (and band), its labels and marks,
    and its by() values on every row."""
    import pandas as pd

    from mlmcli.commands.survival.sts_graph_parts import band_points
    from mlmcli.dataset import Dataset

    first = {v: data.df[v].to_numpy() for v in by_vars}
    pieces = []
    for (_, _, mask), curve, numbers, texts in zip(group_list, curves, marks.numbers, marks.texts):
        at = int(np.flatnonzero(mask)[0])  # the group's by() values
        columns = {"_t": curve.x, "_s": curve.y}
        if curve.lower is not None:
            columns.update(zip(("_x", "_lb", "_ub"), band_points(curve.x, curve.lower, curve.upper) if curve.step
                               else (curve.x, curve.lower, curve.upper)))
        columns.update(numbers)
        n = max(len(v) for v in list(columns.values()) + list(texts.values()))
        frame = pd.DataFrame({k: np.r_[np.asarray(v, float), np.full(n - len(v), np.nan)]
                              for k, v in columns.items()})
        for k, v in texts.items():
            frame[k] = list(v) + [""] * (n - len(v))
        for v in by_vars:
            frame[v] = first[v][at]
        pieces.append(frame)
    frame = pd.concat(pieces, ignore_index=True)
    strings = {k for t in marks.texts for k in t}
    for k in strings:
        frame[k] = frame[k].fillna("")
    types = {k: data.types.get(k, "double") if k in by_vars else "double" for k in frame}
    types.update({k: string_storage_type(frame[k]) for k in strings})
    labels = {v: data.var_labels[v] for v in by_vars if v in data.var_labels}
    return Dataset(df=frame, types=types, var_labels={**labels, **marks.var_labels},
                   value_label_of={v: data.value_label_of[v] for v in by_vars if v in data.value_label_of},
                   value_labels=dict(data.value_labels))


def _by_options(text):
    """byopts(): (its title(), its legend(), the rest) as text -- ParseByOpts: a typed title()
    replaces the by() title, a typed legend() the by() legend's default."""
    if not text:
        return None, None, ""
    from mlmcli.syntax.options import read_options

    title = legend = None
    rest = []
    for opt in read_options(str(text)):
        piece = opt.name if opt.arg is None else f"{opt.name}({opt.arg})"
        name = opt.name
        if len(name) >= 2 and "title".startswith(name):
            title = piece
        elif len(name) >= 3 and "legend".startswith(name):
            legend = piece
        else:
            rest.append(piece)
    return title, legend, " ".join(rest)


def _scratch(session, dataset):
    import copy

    scratch = copy.copy(session)
    scratch.data = dataset
    scratch.by_vars = ()
    return scratch
