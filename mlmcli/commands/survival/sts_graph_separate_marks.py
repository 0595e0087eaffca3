"""The labels and marks of ``sts graph, separate`` (sts.ado 8.6.0, Graph_wrk): ``lost``,
``enter``, ``atrisk`` and ``censored(single|number|multiple)`` in each by() panel.

The ado computes them on the stacked groups exactly as for the overlaid graph (the labels' lift
(max - min)/30 and the marks' move (range of analysis time)/450 or /350 over every group) and
draws each as one plot of all the groups -- ``(scatter s2 _t, msymbol(none) mlabel() pstyle(p1))``
for the numbers lost, then entered or at risk; ``(rspike ..., lstyle(tick))`` for the censoring
marks and with ``number`` ``(scatter tu _t, mlabel(cens) mlabpos(12) mlabcolor(black))`` -- after
the curve's ``(line s _t, by(...))``, so the by() graph puts each group's rows in its panel.
Here each group's rows become columns of its own piece of the stacked data, under one name per
plot (``_lostx``, ``_ctx`` ...)."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmcli.ast import Option


@dataclass
class PanelMarks:
    """Per group (in group_list's order): its numeric columns and its text columns; the plots
    drawn after the curve (in the ado's order) and the variables' labels."""

    numbers: list[dict] = field(default_factory=list)
    texts: list[dict] = field(default_factory=list)
    plots: list = field(default_factory=list)
    var_labels: dict = field(default_factory=dict)


def panel_marks(drawn, choice, curves, opts, tmin: float, tmax: float) -> PanelMarks:
    """The labels and marks of every panel (none when nothing of them is asked for)."""
    from mlmcli.commands.survival import sts_graph_marks as marks

    n = len(curves)
    out = PanelMarks([{} for _ in range(n)], [{} for _ in range(n)])
    if not (drawn.lost or drawn.atrisk or drawn.censored):
        return out
    kms = _tables(choice, curves, tmin, tmax)  # lost, atrisk and censored() go only with Kaplan-Meier curves
    cumhaz = choice.statistic == "cumhaz"
    if drawn.lost or drawn.atrisk:
        _count_labels(out, drawn, kms, tmin, tmax)
    if drawn.censored:
        # separate: the ado resets `s' itself on its origin rows (1*per; 0 with failure), not
        # the group's last value as with overlaid curves -- it matters only to the rows' order
        origin = None if opts.get("noorigin") or cumhaz else (0.0 if choice.statistic == "failure" else choice.per)
        rows, span = marks.censor_rows(kms, tmin, tmax, origin)
        lift = marks.spike_lift(kms, cumhaz)
        _censor_marks(out, drawn.censored, rows, span, lift, opts.get("censopts"))
    return out


def _tables(choice, curves, tmin: float, tmax: float):
    """(Kaplan-Meier table, the plotted function at each of its rows) per group, as the overlaid
    graph's labels and marks read them: st_ct's row at time 0 too, the rows within tmin()/tmax()
    (sts_graph_marks.st_rows)."""
    from mlmcli.commands.survival.sts_graph_marks import st_rows
    from mlmcli.commands.survival.sts_graph_parts import step_points

    failure, cumhaz = choice.statistic == "failure", choice.statistic == "cumhaz"
    start = 0.0 if failure or cumhaz else choice.per
    out = []
    for curve in curves:
        _, values, _, _ = step_points(curve.km, failure, True, -np.inf, np.inf, cumhaz)  # one per table row
        out.append(st_rows(curve.km, values * choice.per, start, tmin, tmax))
    return out


def _count_labels(out: PanelMarks, drawn, kms, tmin, tmax) -> None:
    """lost/enter/atrisk: sts_graph_marks.count_labels's group columns moved into each group's
    piece; one scatter per kind of label that some group has."""
    from mlmcli.commands.survival import sts_graph_marks as marks

    mode = "atrisk" if drawn.atrisk else "enter" if drawn.enter else "net"
    values = {id(km): v for km, v in kms}
    columns, strings, found = marks.count_labels([km for km, _ in kms], lambda km: values[id(km)], mode,
                                                 drawn.lost, drawn.enter or drawn.atrisk, tmin, tmax)
    shared = {}
    for kind, text in (("lost", "Number lost"), ("enter", "Number entered")):
        if not found.get(kind):
            continue
        for k, _, _ in found[kind]:
            out.numbers[k - 1].update({f"_{kind}x": columns[f"_{kind}x{k}"], f"_{kind}y": columns[f"_{kind}y{k}"]})
            out.texts[k - 1][f"_{kind}n"] = strings[f"_{kind}n{k}"]
        shared[kind] = [(1, f"_{kind}y _{kind}x", f"_{kind}n")]
        out.var_labels[f"_{kind}y"] = text
    out.plots += marks.label_plots(shared, drawn.lostopts, drawn.atriskopts)


def _censor_marks(out: PanelMarks, how: str, rows, span: float, lift: float, censopts) -> None:
    """censored(): one rspike of every group's hash marks (``lstyle(tick)`` and censopts()), and
    with ``number`` one scatter of the counts at the marks' tops."""
    from mlmcli.commands.survival import sts_graph_marks as marks
    from mlmcli.graphs.syntax import PlotCall
    from mlmcli.syntax.options import read_options

    typed = tuple(read_options(censopts)) if censopts else ()
    any_mark = any_count = False
    for k, group in enumerate(rows):
        x, y = marks.multiple_marks(group, span) if how == "multiple" else marks.single_marks(group, span)
        if not x.size:
            continue
        any_mark = True
        out.numbers[k].update({"_ctx": x, "_cty": y, "_ctu": y + lift})
        if how == "number":
            any_count = True
            out.numbers[k].update({"_cnx": x, "_cny": y + lift})
            out.texts[k]["_cnn"] = [marks.label_text(c) for c in group.censored[group.censored > 0]]
    if any_mark:
        out.plots.append(PlotCall("rspike", "_cty _ctu _ctx", None, None, marks.TICK_LOOK + typed))
        out.var_labels.update({"_cty": "Censored", "_ctu": "Censored"})
    if any_count:  # the ado's scatter has no pstyle(): its own plot number's style
        marks.without_mlabel(censopts)  # mlabel() in censopts(): refused, as for the overlaid counts
        base = (Option("msymbol", "none"), Option("mlabel", "_cnn"), Option("mlabposition", "12"),
                Option("mlabcolor", "black"))
        out.plots.append(PlotCall("scatter", "_cny _cnx", None, None, base + typed))
        out.var_labels["_cny"] = "Censored"
