"""The series each ``twoway`` plot type draws, computed from the data of one panel.

Plot types and their variables:

    scatter, line, connected      y1 [y2 ...] x      one series per y
    area, bar, spike, dropline    y x                (base(#): where bars/spikes start)
    rarea, rbar, rspike, rcap,    y1 y2 x            a range per x
    rcapsym, rscatter, rline, rconnected, rbarm
    function                      [y =] f(x), range(# #) n(#) x(name)
    histogram, kdensity           v
    lowess, lfit, qfit, lfitci, qfitci, lpoly   y x  (a smooth or fit of y on x)

The series come from ``data_plots`` (the values as they are) and ``fitted_plots``
(histograms, densities, smooths and fits); this module holds each type's options and variables.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from mlmcli.errors import StataError
from mlmcli.graphs import contour, data_plots, fitted_plots, paired_plots, smooth_plots, smoothers
from mlmcli.graphs import plot_options as popt
from mlmcli.graphs.data_plots import immediate_points
from mlmcli.graphs.fitted_plots import HISTOGRAM_FILL
from mlmcli.graphs.fpfit_no_powers import fpfit_or_note
from mlmcli.graphs.series_parts import last_option as _last
from mlmcli.graphs.spec import Series
from mlmcli.syntax.options import OptionSpec
from mlmcli.textscan import split_words
from mlmcli.time_series_ops import expand_ts_varlist, is_time_series_operator


def _o(name: str, abbrev: int | None, takes_arg: bool = True) -> OptionSpec:
    return OptionSpec(name, abbrev, takes_arg, repeatable=True)


_M, _C = popt.MARKER_SPECS, popt.CONNECT_SPECS
_L = popt.LINE_SPECS + popt.OLD_LINE_SPECS
_LC = popt.LINE_SPECS  # the ci plots and contourline: clcolor() ... are their own options
_CL = [_o("connect", 1)]  # cline_options' connect() (the fit plots' is not read yet: still refused)
_A, _X = popt.AREA_SPECS, popt.COMMON_SPECS
_BASE = [_o("base", None)]
_BARW = [_o("barwidth", 4)]
_SORT = [_o("sort", None, False), _o("cmissing", 4)]
_FIT = [_o("range", 1), _o("n", None), _o("atobs", 5, False), _o("estopts", 4),
        _o("predopts", 5)]
_FITCI = _FIT + [_o(*row) for row in (
    ("level", 3), ("stdp", None, False), ("stdf", None, False), ("stdr", None, False),
    ("nofit", 5, False), ("fitplot", 4), ("ciplot", 3), ("alcolor", 3), ("alwidth", 3),
    ("alpattern", 3), ("clcolor", 3), ("clwidth", 3), ("clpattern", 3), ("acolor", 2),
    ("clstyle", 3), ("alstyle", 3),
)]
_PC = [_o("headlabel", 5, False)]
_SURFACE = [_o(*row) for row in (
    ("ccuts", 3), ("levels", 3), ("minmax", None, False), ("crule", 3), ("scolor", 3), ("ecolor", 3),
    ("ccolors", 4), ("interp", 3), ("format", 3))]
# the z (contour legend) axis and legend: twoway options Stata applies to the contour plot's
# legend, taken as the contour plot's own when typed after the whole graph too
Z_OPTIONS = [_o(*row) for row in (
    ("zlabel", 3), ("ztitle", 3), ("ztick", None), ("zscale", 3), ("zmlabel", 4), ("zmtick", None),
    ("clegend", None))]
_SURFACE = _SURFACE + Z_OPTIONS
_ARROW = [_o("mangle", 3), _o("barbsize", 4)]
_FP = [_o("estcmd", 4), _o("estopts", 4), _o("predopts", 5)]
_CI = [s for s in _FITCI if s not in _FIT]  # level(), stdp/stdf/stdr, nofit, fitplot(), ciplot(), looks
_KERNEL = [_o("kernel", 1), _o("bwidth", 2)]
# twoway__kdensity_gen's help: the kernel names kdensity takes, and width(), "the old syntax",
# still read (zhangyiceee/stata_learn: twoway kdensity ttl_exp, biweight)
KERNEL_WORDS = smoothers.KERNEL_WORDS
_KERNEL_OLD = [_o(w, a, False) for w, a in zip(KERNEL_WORDS, (2, 3, 2, 3, 3, 3, 3, None))] + [_o("width", 1)]
_HIST = [_o(*row) for row in (
    ("discrete", 4, False), ("bin", None), ("width", 1), ("start", None), ("density", 3, False),
    ("fraction", 4, False), ("frequency", 4, False), ("percent", None, False), ("gap", None),
)]

OPTION_SPECS: dict[str, list[OptionSpec]] = {
    "scatter": _M + popt.JITTER_SPECS + _L + _C + _X,
    # [G-2] graph twoway line: "line, while it allows you to specify the marker_option msymbol(),
    # ignores its setting" (its example `line yvar xvar, msymbol(O) connect(none)`): taken, not drawn
    "line": _L + _C + _X + [_o("msymbol", 1)],
    "connected": _M + popt.JITTER_SPECS + _L + _C + _X,
    "area": _A + _L + _X + _BASE + _SORT + [_o("nodropbase", 6, False)],
    "bar": _A + _L + _X + _BASE + _BARW,
    "spike": _L + popt.SPIKE_OLD_SPECS + _X + _BASE,
    "dropline": _L + _M + _X + _BASE,
    "rarea": _A + _L + _X + _SORT,
    # sort (yxview's): the bars drawn in x order, later ones over earlier ones; mwidth: as rbarm
    "rbar": _A + _L + _X + _BARW + [_o("mwidth", None, False), _o("msize", 3), _o("sort", None, False)],
    "rbarm": _A + _L + _X + _BARW + [_o("msize", 3), _o("sort", None, False)],  # marker_bars
    "rspike": _L + popt.SPIKE_OLD_SPECS + _X,
    "rcap": _L + popt.SPIKE_OLD_SPECS + _X + [_o("msize", 4)],
    "rcapsym": _L + _M + _X,
    "rscatter": _M + _X,
    "rline": _L + _C + _X,
    "rconnected": _M + _L + _C + _X,
    "function": _L + _X + _CL + [_o("range", 1), _o("n", None), _o("x", None), _o("droplines", 4),
                           _o("base", None)],
    "histogram": _A + _L + _X + _HIST + _BARW,
    "kdensity": _L + _X + _KERNEL + _KERNEL_OLD + [_o("range", 1), _o("n", None), _o("area", None)],
    # sort: the smooth is drawn in x order already (Kohler's `lowess y x, sort`)
    "lowess": _L + _X + [_o("bwidth", 2), _o("mean", 1, False), _o("noweight", 3, False), _o("sort", None, False),
                         _o("logit", 2, False), _o("adjust", 1, False)],
    "lfit": _L + _X + _FIT,
    "qfit": _L + _X + _FIT,
    "lfitci": _LC + _A + _X + _FITCI,
    "qfitci": _LC + _A + _X + _FITCI,
    "lpoly": _L + _X + _KERNEL + [_o("degree", 3), _o("n", None)],
    "lpolyci": _LC + _A + _X + _KERNEL + [_o(*row) for row in (
        ("degree", 3), ("n", None), ("level", 3), ("pwidth", 2), ("var", 1), ("nofit", 5, False),
        ("fitplot", 4), ("ciplot", 3), ("alcolor", 3), ("alwidth", 3), ("alpattern", 3),
        ("clcolor", 3), ("clwidth", 3), ("clpattern", 3), ("acolor", 2), ("clstyle", 3), ("alstyle", 3),
        # twoway_lpolyci_parse.class (Stata 12's 03jan2007, 13's 01jun2013) reads SMOOTHPlot() and
        # uses it nowhere: accepted, the picture as without it, as in Stata
        ("smoothplot", 7))],
    # smooth_plots: median bands and splines, fractional polynomials, dot plots
    "mband": _L + _X + [_o("bands", 1)],
    # sort: drawn in x order already (cprplot.ado's `mspline ..., sort`)
    "mspline": _L + _X + [_o("bands", 1), _o("n", None), _o("sort", None, False)],
    "fpfit": _L + _X + _FP,
    "fpfitci": _LC + _A + _X + _FP + _CI,
    "dot": _M + _X + [_o(*row) for row in (
        ("dotextend", 4), ("base", None), ("ndots", 2), ("dstyle", 3), ("dsymbol", 3), ("dcolor", 3),
        ("dfcolor", 3), ("dsize", 3), ("dlstyle", 4), ("dlcolor", 4), ("dlwidth", 4))],
    # paired_plots: y1 x1 y2 x2
    "pcspike": _L + _X + _PC,
    "pccapsym": _L + _M + _X + _PC,
    "pcarrow": _L + _M + _X + _PC + _ARROW,
    "pcbarrow": _L + _M + _X + _PC + _ARROW,
    "pcscatter": _M + _X + _PC,
    # contour: z y x
    "contour": _X + _SURFACE + [_o("heatmap", 4, False)],
    "contourline": _LC + _X + _SURFACE + [_o("colorlines", 6, False), _o("reversekey", 4, False),
                                         _o("clwidths", 3)],
}
N_VARIABLES = {"area": 2, "bar": 2, "spike": 2, "dropline": 2, "rarea": 3, "rbar": 3, "rbarm": 3,
               "rspike": 3, "rcap": 3, "rcapsym": 3, "rscatter": 3, "rline": 3,
               "rconnected": 3, "histogram": 1, "kdensity": 1, "lowess": 2, "lfit": 2,
               "qfit": 2, "lfitci": 2, "qfitci": 2, "lpoly": 2, "lpolyci": 2,
               "mband": 2, "mspline": 2, "fpfit": 2, "fpfitci": 2, "dot": 2,
               "pcspike": 4, "pccapsym": 4, "pcarrow": 4, "pcbarrow": 4, "pcscatter": 4,
               "contour": 3, "contourline": 3}


# the plot types Stata draws sideways (``horizontal``/``vertical``): scatter, line, the fits
# and the smooths have no such option
TURNABLE = ("area", "bar", "spike", "dropline", "rarea", "rbar", "rbarm", "rspike", "rcap", "rcapsym",
            "rscatter", "rline", "rconnected", "function", "histogram", "kdensity", "dot",
            "pcspike", "pccapsym", "pcarrow", "pcbarrow", "pcscatter")  # pc*: refused in paired_plots


def option_specs(kind: str) -> list[OptionSpec]:
    specs = OPTION_SPECS[kind]
    if kind not in TURNABLE:
        specs = [spec for spec in specs if spec.name not in ("horizontal", "vertical")]
    return specs


def default_color(kind: str, style_no: int, scheme: str | None, typed_style: bool = False) -> str:
    """The colour a plot has before its options: ``color(*.5)`` dims this one."""
    from mlmcli.graphs.style import series_color

    return HISTOGRAM_FILL if kind == "histogram" and not typed_style else series_color(style_no, scheme)


# twoway bar|dot y1 y2 ... x: documented as "yvar xvar", but Stata takes several y variables
# (Kohler's ancomp_2.do and anvotstrat.do ran `twoway bar comp5 ... comp1 axis, fcolor(gs16 gs12
# ...)` and `twoway dot d0 d1 sorter, mstyle(p1 p1)`, stylelists one element per y): each y a
# plot of its own style, as scatter's ys.  twoway area too: [G-2] graph twoway area's own
# cmissing() example is `twoway area y1 y2 x, cmissing(n)`.
SEVERAL_Y = ("bar", "dot", "area", "spike", "dropline")  # twoway_bar_parse's rule (rl40)
# the plot types whose cmissing(n) keeps the rows with a missing value, to break there
GAP_KINDS = ("area", "rarea", "rline", "rconnected")


def styles_used(plot) -> int:
    """Plot styles a plot takes: one per y variable of scatter/line/connected (and of bar/dot
    given several), else one."""
    if plot.kind in ("scatter", "line", "connected") + SEVERAL_Y:
        return max(len(plot.ys), 1)
    return 1


def resolve_plot(ctx, plot, opts: dict, call):
    """Variables and sample of one plot (``PlotData``)."""
    from mlmcli.graphs.plotdata import PlotData

    kind = plot.kind
    if kind == "function" or plot.immediate:
        if plot.immediate:
            immediate_points(plot.varlist)  # its errors now, not when drawing
            for name in ("mlabel", "mlabvposition"):
                if name in opts:
                    raise StataError(f"option {name}() not allowed with scatteri: its labels are "
                                     '"text" and (#) after each point', 198)
        mask = np.ones(ctx.data.nobs, dtype=bool)
        return PlotData(plot, kind, [], None, opts, mask, [])
    # twoway_yxview_parse's varlist(numeric ts): operators and groups, `scatter (golf income)`;
    # no factor variables (`lfit y x i.g`)
    for word in split_words(plot.varlist):
        if "#" in word or ("." in word and not is_time_series_operator(word.split(".", 1)[0])):
            raise StataError("factor variables not allowed", 101)
    names = expand_ts_varlist(ctx.data, plot.varlist)
    if not names:
        raise StataError("varlist required", 100)
    wanted = N_VARIABLES.get(kind)
    if kind in SEVERAL_Y and len(names) > 2:
        wanted = None  # bar/dot y1 y2 ... x: as scatter's varlist (Kohler's do-files; see styles_used)
    if wanted is not None and len(names) > wanted:
        raise StataError("too many variables specified", 103)
    if len(names) < (wanted or 2):
        raise StataError("too few variables specified", 102)
    for name in names:
        ctx.data.numeric(name)  # strings: type mismatch
    if kind in ("histogram", "kdensity"):
        ys, x = names, None
        marked = names
    else:
        ys, x = names[:-1], names[-1]
        # an observation shows every y it has (marked on x only): scatter/line/connected, and
        # bar/dot given several y (scatter y0 y1 x after -separate- draws each y where it is)
        several = kind in ("scatter", "line", "connected") or (kind in SEVERAL_Y and len(ys) > 1)
        # area's and the range lines' cmissing(n): a row without y (or x) stays, a break (as a
        # line's): [G-2] graph twoway area's and rarea's own examples, rline's quick start
        gap_rows = (kind in GAP_KINDS
                    and str(_last(opts, "cmissing") or "").strip().lower().startswith("n"))
        marked = [x] if several or gap_rows else names
        if gap_rows:  # [G-2] graph twoway area's own example: a row with x missing too breaks it
            marked = []
    mask = ctx.mark(plot.if_exp, plot.in_range, marked) & ctx.mark(call.if_exp, call.in_range, marked)
    gaps = str(_last(opts, "cmissing") or "").lower().split()
    if x is not None and marked == [x] and not any(w.startswith("n") for w in gaps):
        # (cmissing(n) keeps the rows without a y: the line breaks there)
        any_y = np.zeros(ctx.data.nobs, dtype=bool)
        for y in ys:
            any_y |= np.isfinite(ctx.data.numeric(y))
        mask &= any_y
    label_list = _last(opts, "mlabel")
    if isinstance(label_list, str) and label_list.strip():  # mlabel(varlist), its shorthands kept
        opts["mlabel"] = [*opts["mlabel"][:-1], " ".join(_label_variables(ctx.data, label_list))]
    position = _last(opts, "mlabvposition")
    if isinstance(position, str):
        ctx.data.resolve(position.strip())
    return PlotData(plot, kind, ys, x, opts, mask, [])


def _label_variables(data, text: str) -> list[str]:
    """``mlabel()``'s varlist expanded (``lab1-lab3``, ``lab*``), the stylelist shorthands
    (``.``, ``=``, ``..``) left for ``style_lists.expand``."""
    from mlmcli.graphs.style_lists import SHORTHANDS

    out: list[str] = []
    for word in text.split():
        out += [word] if word in SHORTHANDS else data.expand_varlist(word)
    return out


def x_title(ctx, plot) -> str:
    """The x-axis title this plot contributes (Stata joins distinct ones with "/");
    ``xvarlabel()`` names it."""
    from mlmcli.graphs.plotdata import var_title
    from mlmcli.graphs.syntax import title_text

    relabel = _last(plot.options, "xvarlabel")
    if isinstance(relabel, str):
        return title_text(relabel)

    if plot.call.immediate:
        return ""
    if plot.kind == "function":
        return str(_last(plot.options, "x") or "x").strip()
    if plot.kind == "kdensity":
        return "x"
    if plot.kind == "histogram":
        return var_title(ctx.data, plot.ys[0])
    return var_title(ctx.data, plot.x) if plot.x else ""


def build_series(ctx, plot, rows: np.ndarray) -> list[Series]:
    keep = rows & plot.mask
    builder = data_plots.immediate if plot.call.immediate and plot.kind not in paired_plots.PAIRED_KINDS \
        else _BUILDERS[plot.kind]
    out = builder(ctx, plot, keep)
    relabel = _last(plot.options, "yvarlabel")
    if isinstance(relabel, str):
        from mlmcli.graphs.syntax import title_text

        out = [replace(s, label=title_text(relabel)) if s.style != 0 else s for s in out]
    if plot.axis != 1 or plot.yaxes or plot.xaxes:
        out = [replace(s, axis=plot.axis, yaxes=plot.yaxes, xaxes=plot.xaxes) for s in out]
    return out


_BUILDERS = {
    "scatter": data_plots.points, "line": data_plots.points, "connected": data_plots.points,
    "area": data_plots.area, "bar": data_plots.bar, "spike": data_plots.spike,
    "dropline": data_plots.spike, **{kind: data_plots.ranges for kind in (
        "rarea", "rbar", "rbarm", "rspike", "rcap", "rscatter", "rcapsym", "rline", "rconnected")},
    "function": data_plots.function, "histogram": fitted_plots.histogram,
    "kdensity": fitted_plots.kdensity, "lowess": fitted_plots.lowess, "lfit": fitted_plots.fit,
    "qfit": fitted_plots.fit, "lfitci": fitted_plots.fit, "qfitci": fitted_plots.fit,
    "lpoly": fitted_plots.lpoly, "lpolyci": fitted_plots.lpoly,
    "mband": smooth_plots.mband, "mspline": smooth_plots.mspline, "fpfit": fpfit_or_note,
    "fpfitci": fpfit_or_note, "dot": smooth_plots.dot,
    **{kind: paired_plots.paired for kind in paired_plots.PAIRED_KINDS},
    "contour": contour.contour, "contourline": contour.contour,
}
