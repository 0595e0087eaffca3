"""``dotplot varlist [if] [in] [, over(var) nx(#) ny(#) incr(#) center mean|median bar bounded
nogroup scatter_options twoway_options]``: the distribution of a variable as columns of dots,
one column per ``over()`` group or per variable.

The steps are dotplot.ado's (version 3.5.3, 25may2005, as in Stata 12/13):

- y is grouped into ``ny()`` (35) bins: ``yprec`` = the smallest gap between sorted distinct
  values; when (max - min)/ny is not below it, y is rounded to multiples of
  round((max - min)/ny, yprec) (``bounded``: the midpoints of ``autocode()``'s intervals);
  ``nogroup`` keeps y as it is.
- the observations of one column and one y bin get offsets 0, 1, 2 ... (``center``: centred
  on the column), drawn at x + offset/nx with nx = int(cols * ((1+center) * max offset +
  cols^.3)) per unit of the columns' x range (``nx()`` typed: that number).
- one column without ``center``: x is the dot's count in its bin (``xtitle`` "Frequency").
- ``mean``/``median``: a plus at every dot's x at the column's mean/median; ``bar``: a
  ``-`` label at the mean -/+ one sd (``mean``), else at the 25th and 75th percentiles.
- the scatter gets ``ylabel(, nogrid) xlabel(, nogrid) legend(off)``, the y title (the
  variable's label; none for several variables), the x title (the over() variable's label),
  ``xscale(range())`` of the columns +/- half a column, the over() groups (every ``incr()``-th;
  at most 25) or the variables as x labels; the typed options follow.
"""
from __future__ import annotations

import math

import numpy as np

from mlmcli.ast import Command
from mlmcli.commands.graphs.ready_series import refuse_by_prefix, take_options
from mlmcli.errors import StataError
from mlmcli.expr.functions import stata_round
from mlmcli.syntax.options import OptionSpec

DOTPLOT_SPECS = [OptionSpec(*row) for row in (
    ("over", 4, True), ("by", 2, True), ("nx", 2, True), ("ny", 2, True), ("bounded", 2), ("incr", 1, True),
    ("centre", 2), ("center", 2), ("bar", 1), ("mean", 4), ("median", 3), ("nogroup", 4),
    ("ylog", 3), ("xlog", 3),
)]
_ONE = "__dp_"  # prefix of the plotting variables of the temporary dataset


def _integer(opts: dict, name: str, default: int) -> int:
    if name not in opts:
        return default
    text = str(opts[name]).strip()
    try:
        value = float(text)
    except ValueError:
        raise StataError(f"option {name}() incorrectly specified", 198) from None
    if value != int(value):
        raise StataError(f"option {name}() incorrectly specified", 198)
    return int(value)


def autocode(x: np.ndarray, n: int, lo: float, hi: float) -> np.ndarray:
    """Stata's autocode(): the upper bound of the one of n equal intervals of [lo, hi] holding x."""
    width = (hi - lo) / n
    k = np.clip(np.ceil((x - lo) / width), 1, n)
    return lo + k * width


def grouped_y(y: np.ndarray, ny: int, bounded: bool, log: bool = False) -> np.ndarray:
    """dotplot.ado's Group_y: y rounded to about ``ny`` bins (see the module docstring);
    ``ylog``: log(y) binned so (its "Here if ylog" branch), the bins' values exp() back."""
    if ny <= 0:  # the ado's (max - min)/ny is missing, and so is round(y, .): every y missing
        return np.full(len(y), np.nan)
    if log:
        if np.min(y) <= 0:
            raise StataError("nonpositive values encountered", 411)
        ly = np.log(y)
        lo, hi = float(np.min(ly)), float(np.max(ly))
        steps = np.diff(np.sort(ly))
        steps = steps[steps > 0]
        yprec = float(steps.min()) if steps.size else 0.0
        yr = (hi - lo) / ny
        yprec = 0.0 if yr < yprec else float(stata_round(np.array([yr]), yprec)[0])
        if bounded and yprec > 0:
            return np.exp(autocode(ly, ny, lo, hi) - yr / 2)
        return np.exp(stata_round(ly, yprec))
    lo, hi = float(np.min(y)), float(np.max(y))
    steps = np.diff(np.sort(y))
    steps = steps[steps > 0]
    yprec = float(steps.min()) if steps.size else 0.0
    yprec = 0.0 if (hi - lo) / ny < yprec else float(stata_round(np.array([(hi - lo) / ny]), yprec)[0])
    if bounded and yprec > 0:
        return autocode(y, ny, lo, hi) - (hi - lo) / (2 * ny)
    return stata_round(y, yprec)


def _offsets(x: np.ndarray, yc: np.ndarray, centre: bool) -> np.ndarray:
    """Within each (x, yc) cell, in the cell's order: 0, 1, 2 ... (centred: _n - (_N+1)/2)."""
    order = np.lexsort((yc, x))
    out = np.empty(x.size)
    start = 0
    while start < order.size:
        end = start
        while end + 1 < order.size and x[order[end + 1]] == x[order[start]] and yc[order[end + 1]] == yc[order[start]]:
            end += 1
        n = end - start + 1
        k = np.arange(n, dtype=float)
        out[order[start:end + 1]] = k + 1 - (n + 1) / 2 if centre else k
        start = end + 1
    return out


def _label_text(data, var: str, value: float) -> str:
    from mlmcli.graphs.plotdata import value_text

    return value_text(data, var, value)


def cmd_dotplot(session, cmd: Command) -> None:
    from mlmcli.commands.graphs.twoway import mark_function
    from mlmcli.graphs.plotdata import var_title
    from mlmcli.summary_statistics import stata_percentile

    refuse_by_prefix(cmd, "dotplot")
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    data = session.data
    names = data.expand_varlist(cmd.args) if cmd.args.strip() else []
    if not names:
        raise StataError("varlist required", 100)
    for name in names:
        if data.is_string(name):
            raise StataError("string variables not allowed in varlist;\n" + f"{name} is a string variable", 109)
    opts, rest = take_options(cmd.options, DOTPLOT_SPECS)
    if "by" in opts:  # dotplot.ado under version 9 and later
        raise StataError("option by() not allowed", 198)
    xlog, ylog = bool(opts.get("xlog")), bool(opts.get("ylog"))
    nx, ny, incr = _integer(opts, "nx", 0), _integer(opts, "ny", 35), _integer(opts, "incr", 1)
    centre = bool(opts.get("centre") or opts.get("center"))
    average = None
    if opts.get("mean"):
        average = "mean"
    if opts.get("median"):
        if average:
            raise StataError("invalid syntax", 198)
        average = "median"
    over = opts.get("over")
    if over is not None and len(names) > 1:
        raise StataError("only 1 variable may be plotted with by()", 198)
    if incr <= 0:
        raise StataError("incr() must be greater than 0", 198)
    mark = mark_function(session)
    rows = mark(cmd.if_exp, cmd.in_range, [])
    xlabels: list[tuple[float, str]] = []
    ytitle = var_title(data, names[0])
    if over is not None:
        by = data.resolve(str(over).strip())
        y_all = data.numeric(names[0])
        ok = rows & np.isfinite(y_all)
        if data.is_string(by):  # encode: the sorted strings as 1, 2, ...
            col = data.column(by).fillna("").astype(str).to_numpy()
            ok &= col != ""
            levels = sorted(set(col[ok]))
            x = np.array([levels.index(v) + 1.0 if k else np.nan for v, k in zip(col, ok)])[ok]
            text_of = {float(i + 1): v for i, v in enumerate(levels)}
        else:
            x_all = data.numeric(by)
            ok &= np.isfinite(x_all)
            x = x_all[ok]
            text_of = None
        if not ok.any():
            raise StataError("no observations", 2000)
        y = y_all[ok]
        distinct = np.unique(x)
        cols = distinct.size
        if cols / incr > 25:
            incr = int(cols / 25) + 1
        last = math.nan
        for value in distinct[::incr]:
            shown = round(float(value), 2)
            if shown != last:
                last = shown
                text = text_of[float(value)] if text_of else _label_text(data, by, float(value))
                xlabels.append((shown, text))
        xtitle = var_title(data, by)
    else:
        if len(names) > 1:
            ys = [data.numeric(v)[rows] for v in names]
            y = np.concatenate(ys)
            x = np.concatenate([np.full(v.size, k + 1.0) for k, v in enumerate(ys)])
            keep = np.isfinite(y)
            y, x = y[keep], x[keep]
            xlabels = [(k + 1.0, var_title(data, v)) for k, v in enumerate(names)]
            ytitle = ""
        else:
            y = data.numeric(names[0])[rows]
            y = y[np.isfinite(y)]
            x = np.ones(y.size)
        if y.size == 0:
            raise StataError("no observations", 2000)
        cols = len(names)
        xtitle = ""  # the ado sets no x title here
    lo_x, hi_x = float(x.min()), float(x.max())
    if xlog and lo_x <= 0:  # the ado's Xoffset, "Here if xlog": error 411
        raise StataError("nonpositive values encountered", 411)
    xrange = math.log(hi_x) - math.log(lo_x) if xlog else hi_x - lo_x
    if abs(xrange) < 1e-6:
        xrange = 1.0
    xoffset = 0.5 * xrange / cols
    if xlog:
        x0, x1 = math.exp(math.log(lo_x) - xoffset * (1 + centre)), math.exp(math.log(hi_x) + xoffset * 2)
    else:
        x0, x1 = lo_x - xoffset * (1 + centre), hi_x + xoffset * 2
    yc = y.copy() if opts.get("nogroup") else grouped_y(y, ny, bool(opts.get("bounded")), ylog)
    extra: dict[str, np.ndarray] = {}

    def per_column(stat) -> np.ndarray:  # egen ..., by(x): each dot gets its column's statistic
        out = np.empty(y.size)
        for value in np.unique(x):
            at = x == value
            out[at] = stat(y[at])
        return out

    if average == "mean":
        extra["ym"] = per_column(lambda v: float(np.mean(v)))
    elif average == "median":
        extra["ym"] = per_column(lambda v: stata_percentile(np.sort(v), 50))
    if opts.get("bar"):
        if average == "mean":
            sd = per_column(lambda v: float(np.std(v, ddof=1)) if v.size > 1 else np.nan)
            extra["yb1"], extra["yb2"] = extra["ym"] - sd, extra["ym"] + sd
        else:
            extra["yb1"] = per_column(lambda v: stata_percentile(np.sort(v), 25))
            extra["yb2"] = per_column(lambda v: stata_percentile(np.sort(v), 75))
    offsets = _offsets(x, yc, centre)
    if nx == 0:
        nx = int(cols * ((1 + centre) * float(offsets.max()) + cols ** .3))
    session.set_r({"nx": float(nx), "ny": float(ny)})
    per_unit = nx / xrange
    xc = np.exp(np.log(x) + offsets / per_unit) if xlog else x + offsets / per_unit
    if not centre and cols == 1:  # one column: x is the dot's count in its bin
        xc = offsets + 1
        xtitle, x0, x1, xlabels = "Frequency", 0.0, float(per_unit), []
    scales = ("xscale(log)" if xlog else "") + (" yscale(log)" if ylog else "")
    formats = {data.format_of(v) for v in names}  # the ado's yvarformat(): the yvars' one format
    _draw(session, cmd, rest, yc, xc, extra, ytitle, xtitle, x0, x1, xlabels, scales,
          formats.pop() if len(formats) == 1 else None)


def _draw(session, cmd, rest, yc, xc, extra, ytitle, xtitle, x0, x1, xlabels, scales="", yformat=None) -> None:
    """Stata's one scatter of yc [yb1 yb2] [ym] against xc, msymbol(. none none plus), the bar
    ends labelled ``-`` at position 0: here one plot per y (the same p1, p2 ... styles), the
    typed scatter options on the dots, the typed twoway options after dotplot's own."""
    import pandas as pd

    from mlmcli.commands.graphs.twoway import draw_twoway
    from mlmcli.dataset import Dataset
    from mlmcli.graphs.graph_options import is_graph_option

    columns = {"yc": yc, "xc": xc, **extra, "dash": np.array(["-"] * xc.size, dtype=object)}
    frame = Dataset(df=pd.DataFrame({_ONE + k: v for k, v in columns.items()}),
                    types={_ONE + k: ("str1" if k == "dash" else "double") for k in columns})
    frame.var_labels[_ONE + "yc"] = ytitle
    shown = lambda o: o.name if o.arg is None else f"{o.name}({o.arg})"  # noqa: E731
    on_dots = " ".join(shown(o) for o in rest if not is_graph_option(o.name))
    graph_opts = " ".join(shown(o) for o in rest if is_graph_option(o.name))
    plots = [f"(scatter {_ONE}yc {_ONE}xc, {on_dots})"]
    for end in ("yb1", "yb2"):
        if end in extra:
            plots.append(f"(scatter {_ONE}{end} {_ONE}xc, msymbol(none) mlabel({_ONE}dash) mlabposition(0))")
    if "ym" in extra:
        plots.append(f"(scatter {_ONE}ym {_ONE}xc, msymbol(plus))")
    options = ["ylabel(, nogrid)", "xlabel(, nogrid)", f'ytitle(`"{ytitle}"\')', f'xtitle(`"{xtitle}"\')',
               f"xscale(range({x0:.17g} {x1:.17g}))"]
    if xlabels:
        options.append("xlabel(" + " ".join(f'{v:.17g} `"{t}"\'' for v, t in xlabels) + ")")
    options.append("legend(off)")
    if yformat:  # dotplot.ado: yvarformat(`fmt') when every yvar has that format
        options.append(f"yvarformat({yformat})")
    if scales:  # xlog/ylog: the ado's xscale(log)/yscale(log), before the typed options
        options.append(scales)
    saved = session.data
    session.data = frame
    try:
        draw_twoway(session, " ".join(plots) + ", " + " ".join(options) + " " + graph_opts, cmd.text)
    finally:
        session.data = saved
