"""The numbers and marks ``sts graph`` writes on its curves (Stata's sts.ado, Graph_wrk):

- ``lost`` (``lostopts()``): above each flat part of the curve, the number lost in it --
  censored minus entered, or with ``enter`` the number censored;
- ``enter``: also the number entering, beneath each flat part;
- ``atrisk`` (``atriskopts()``): beneath each flat part, the number at risk after the failure
  that begins it;
- ``censored(single)``: a hash mark at each time with censored records, ``censored(number)``
  also the number censored above it; ``censored(multiple)``: one hash mark per censored
  record, side by side.

All of them read the graph's rows (sts_graph_outfile_rows.graph_rows, from st_ct's table in
sts_graph_st_ct), the very rows ``outfile()`` saves: the labels are its rows at the middle of
each flat part (``label`` 1 lost, 2 entered), written (max - min)/30 of the function above
(lost) or below (entered, at risk) their part's function, each a ``scatter`` label
(``msymbol(none) mlabposition(0) pstyle(p1)``); counts of 0 are not written.  The censoring
marks are its copies of the rows with censored records (``expw`` 2), moved as the ado moves
them; with ``censored()`` only a subject's last record counts as censored (st_ct's RCens), so
a subject's intermediate records (stset id()) get no mark."""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Option
from mlmcli.commands.survival.sts_graph_parts import plot_call  # (one plot_call, shared with the curves)


def label_text(value: float) -> str:
    """A count as ``mlabel()`` shows it (%9.0g)."""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.7g}"


def count_labels(rows: dict, lost: bool, entered: bool):
    """(columns, string columns, {kind: [(group, varlist, label variable)]}) of the lost and
    entered/at-risk labels of every group, from the graph's rows (not its origin rows)."""
    parts = rows["flg"] != 1 if "flg" in rows else np.ones(rows["g"].size, bool)
    heights = rows["part_s"][parts & np.isfinite(rows["part_s"])]
    eps = max((heights.max() - heights.min()) / 30.0, 0.0) if heights.size else 0.0  # summ s
    columns, strings, plots = {}, {}, {}
    for g in np.unique(rows["g"]).astype(int):
        for kind, on, sign, code, count in (("lost", lost, 1.0, 1, "cens"), ("enter", entered, -1.0, 2, "ent")):
            at = parts & (rows["g"] == g) & (rows["label"] == code)
            if not on or not at.any():
                continue
            k = g + 1
            columns[f"_{kind}x{k}"], columns[f"_{kind}y{k}"] = rows["_t"][at], rows["part_s"][at] + sign * eps
            strings[f"_{kind}n{k}"] = [label_text(c) for c in rows[count][at]]
            plots.setdefault(kind, []).append((k, f"_{kind}y{k} _{kind}x{k}", f"_{kind}n{k}"))
    return columns, strings, plots


def label_plots(plots: dict, lostopts, atriskopts) -> list:
    """The scatters of the labels: lost ones first, then entered/at risk (the ado's order),
    each ``pstyle(p1)`` as the ado draws them, the typed ``lostopts()``/``atriskopts()`` last."""
    out = []
    for kind, typed in (("lost", lostopts), ("enter", atriskopts)):
        for _, varlist, label in plots.get(kind, []):
            base = (Option("msymbol", "none"), Option("mlabel", label), Option("mlabposition", "0"))
            out.append(plot_call("scatter", varlist, 1, typed, None, base))
    return out


def censor_marks(rows: dict, n_groups: int) -> list:
    """Per group (x, y, number censored) of its censoring marks: the graph's rows the ado draws
    its rspike at (``expw`` 2; with ``number`` the first copies, where the function is kept),
    in time order."""
    out = []
    mark = (rows["expw"] == 2) & np.isfinite(rows["s"])
    for g in range(n_groups):
        at = np.flatnonzero(mark & (rows["g"] == g))
        at = at[np.argsort(rows["_t"][at], kind="stable")]
        out.append((rows["_t"][at], rows["s"][at], rows["cens"][at]))
    return out


def censor_number(marks, k: int, lift: float, censopts):
    """``censored(number)``: the count above each hash mark, at the mark's top (.02 above the
    curve, or the range/45 of the cumulative hazard) with ``mlabposition(12) mlabcolor(black)``."""
    x, y, counts = marks
    if not x.size:
        return {}, {}, []
    cols = {f"_cnx{k}": x, f"_cny{k}": y + lift}
    strings = {f"_cnn{k}": [label_text(c) for c in counts]}
    base = (Option("msymbol", "none"), Option("mlabel", f"_cnn{k}"), Option("mlabposition", "12"),
            Option("mlabcolor", "black"))
    return cols, strings, [plot_call("scatter", f"_cny{k} _cnx{k}", k, without_mlabel(censopts), None, base)]


# s2color's linestyle tick (the axes' ticks): black, thin
TICK_LOOK = (Option("lcolor", "black"), Option("lwidth", "thin"))


def tick_spikes(points, lift: float, censopts):
    """The censoring marks as Graph_wrk draws them: one ``rspike`` of every group's marks from
    the curve to ``lift`` above it (.02; the cumulative hazard's range/45), ``lstyle(tick)``,
    then ``censopts()``.  points: (x, y) per group.  (columns, [PlotCall]) -- none without marks."""
    from mlmcli.graphs.syntax import PlotCall
    from mlmcli.syntax.options import read_options

    x = np.concatenate([p[0] for p in points]) if points else np.array([])
    y = np.concatenate([p[1] for p in points]) if points else np.array([])
    if not x.size:
        return {}, []
    options = TICK_LOOK + (tuple(read_options(censopts)) if censopts else ())
    return {"_ctx": x, "_cty": y, "_ctu": y + lift}, [PlotCall("rspike", "_cty _ctu _ctx", None, None, options)]


def spike_lift(rows: dict, cumhaz: bool) -> float:
    """.02 above the curve; for the cumulative hazard (max - min of its values)/45."""
    if not cumhaz:
        return 0.02
    every = rows["s"][np.isfinite(rows["s"])]
    return float(every.max() - every.min()) / 45.0 if every.size else 0.0


def without_mlabel(text):
    """censopts() without ``mlabel()``, which the manual does not allow there."""
    if not text:
        return text
    from mlmcli.errors import StataError
    from mlmcli.syntax.options import read_options

    if any(o.name.startswith("mlabe") and o.name in ("mlabel", "mlabe") for o in read_options(text)):
        raise StataError("option mlabel() not allowed", 198)
    return text
