"""``sts graph, separate``: the groups' curves as a ``by()`` graph, one panel per by() (or
strata()) group -- sts.ado draws ``line s _t, by(groupvars, title(...) legend(nodraw))`` on
the stacked groups, each panel one curve in the first plot style (the band under it with
``ci``), the title given to by(), byopts() added to by() -- and the y labels of the survivor
and failure functions (0 to per() in quarters, two decimals)."""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Option


def y_labels(choice) -> list[Option]:
    """ylabel(0(.25*per)per) for the survivor and failure functions; the axis' own otherwise."""
    if choice.statistic in ("cumhaz", "hazard"):
        return []
    return [Option("ylabel", f"0({0.25 * choice.per:g}){choice.per:g}, format(%4.2f)")]


def draw_separate(session, cmd, choice, by_vars, group_list, curves, opts, rest, level) -> None:
    import pandas as pd

    from mlmcli.commands.graphs.current import finish
    from mlmcli.commands.graphs.twoway import build_twoway
    from mlmcli.commands.survival.sts_graph_parts import band_points, plot_call
    from mlmcli.commands.survival.sts_graph_estimates import function_name, title
    from mlmcli.dataset import Dataset
    from mlmcli.graphs.syntax import TwowayCall

    data = session.data
    first = {v: data.df[v].to_numpy() for v in by_vars}
    pieces = []
    for (_, _, mask), curve in zip(group_list, curves):
        at = int(np.flatnonzero(mask)[0])  # the group's by() values
        n = len(curve.x)
        piece = {"_t": curve.x, "_s": curve.y}
        if curve.lower is not None:
            bx, blo, bhi = band_points(curve.x, curve.lower, curve.upper) if curve.step else \
                (curve.x, curve.lower, curve.upper)
            m = len(bx)
            piece = {"_t": np.r_[curve.x, np.full(m, np.nan)], "_s": np.r_[curve.y, np.full(m, np.nan)],
                     "_x": np.r_[np.full(n, np.nan), bx], "_lb": np.r_[np.full(n, np.nan), blo],
                     "_ub": np.r_[np.full(n, np.nan), bhi]}
            n += m
        frame = pd.DataFrame({k: np.asarray(v, float) for k, v in piece.items()})
        for v in by_vars:
            frame[v] = first[v][at]
        pieces.append(frame)
    frame = pd.concat(pieces, ignore_index=True)
    scratch = _scratch(session, Dataset(
        df=frame, types={k: ("double" if k not in by_vars else data.types.get(k, "double")) for k in frame},
        var_labels={v: data.var_labels[v] for v in by_vars if v in data.var_labels},
        value_label_of={v: data.value_label_of[v] for v in by_vars if v in data.value_label_of},
        value_labels=dict(data.value_labels)))
    plots = []
    if any(c.lower is not None for c in curves):
        plots.append(plot_call("rarea", "_lb _ub _x", 1, opts.get("ciopts"), None, (Option("color", "*.35"),)))
    plots.append(plot_call("line", "_s _t", 1, opts.get("plotopts"), None,
                       (Option("connect", "J" if curves[0].step else "l"), Option("sort"))))
    lines = title(choice, True).split("\n")  # sts.ado adds the plural "s" whenever there are groups
    heading = " ".join(f'"{line}"' for line in lines)
    word = function_name(choice)
    # one curve: no legend (legend(nodraw)); with the band: the band and the line keyed
    legend = [] if len(plots) == 1 else \
        [Option("legend", f'order(1 2) label(1 `"{level:g}% CI"\') label(2 `"{word}"\')')]
    by_title, by_legend, by_rest = _by_options(opts.get("byopts"))
    graph_opts = [Option("by", f"{' '.join(by_vars)}, " + (by_title or f"title({heading})")
                         + (f" {by_legend}" if by_legend else " legend(off)" if len(plots) == 1 else "")
                         + (f" {by_rest}" if by_rest else ""))]
    graph_opts += y_labels(choice) + legend + rest
    defaults = {"xtitle": "analysis time", "ytitle": ""}
    graph, builder = build_twoway(scratch, TwowayCall(tuple(plots), None, None, tuple(graph_opts)), cmd.text,
                                  defaults=defaults)
    finish(session, graph, builder.graph_options)


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
        name = opt.name.lower()
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
