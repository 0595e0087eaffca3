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

from mlmcli.ast import Option


@dataclass
class PanelMarks:
    """Per group (in group_list's order): its numeric columns and its text columns; the plots
    drawn after the curve (in the ado's order) and the variables' labels."""

    numbers: list[dict] = field(default_factory=list)
    texts: list[dict] = field(default_factory=list)
    plots: list = field(default_factory=list)
    var_labels: dict = field(default_factory=dict)


def panel_marks(drawn, rows, n: int, cumhaz: bool, censopts) -> PanelMarks:
    """The labels and marks of every panel (none when nothing of them is asked for): ``rows``
    the graph's rows (sts_graph_outfile_rows.graph_rows, what outfile() saves, the stacked
    groups' with separate's origin rows) or None."""
    out = PanelMarks([{} for _ in range(n)], [{} for _ in range(n)])
    if rows is None or not (drawn.lost or drawn.atrisk or drawn.censored):
        return out
    if drawn.lost or drawn.atrisk:
        _count_labels(out, drawn, rows)
    if drawn.censored:
        _censor_marks(out, drawn.censored, rows, cumhaz, censopts)
    return out


def _count_labels(out: PanelMarks, drawn, rows) -> None:
    """lost/enter/atrisk: sts_graph_marks.count_labels's group columns moved into each group's
    piece; one scatter per kind of label that some group has."""
    from mlmcli.commands.survival import sts_graph_marks as marks

    columns, strings, found = marks.count_labels(rows, drawn.lost, drawn.enter or drawn.atrisk)
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


def _censor_marks(out: PanelMarks, how: str, rows, cumhaz: bool, censopts) -> None:
    """censored(): one rspike of every group's hash marks (``lstyle(tick)`` and censopts()), and
    with ``number`` one scatter of the counts at the marks' tops."""
    from mlmcli.commands.survival import sts_graph_marks as marks
    from mlmcli.graphs.syntax import PlotCall
    from mlmcli.syntax.options import read_options

    typed = tuple(read_options(censopts)) if censopts else ()
    lift = marks.spike_lift(rows, cumhaz)
    any_mark = any_count = False
    for k, (x, y, counts) in enumerate(marks.censor_marks(rows, len(out.numbers))):
        if not x.size:
            continue
        any_mark = True
        out.numbers[k].update({"_ctx": x, "_cty": y, "_ctu": y + lift})
        if how == "number":
            any_count = True
            out.numbers[k].update({"_cnx": x, "_cny": y + lift})
            out.texts[k]["_cnn"] = [marks.label_text(c) for c in counts]
    if any_mark:
        out.plots.append(PlotCall("rspike", "_cty _ctu _ctx", None, None, marks.TICK_LOOK + typed))
        out.var_labels.update({"_cty": "Censored", "_ctu": "Censored"})
    if any_count:  # the ado's scatter has no pstyle(): its own plot number's style
        marks.without_mlabel(censopts)  # mlabel() in censopts(): refused, as for the overlaid counts
        base = (Option("msymbol", "none"), Option("mlabel", "_cnn"), Option("mlabposition", "12"),
                Option("mlabcolor", "black"))
        out.plots.append(PlotCall("scatter", "_cny _cnx", None, None, base + typed))
        out.var_labels["_cny"] = "Censored"
