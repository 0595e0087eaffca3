"""``biplot varlist [if] [in] [, options]`` ([MV] biplot): observations and variables in the same
two dimensions, as biplot.ado 1.1.0 and _biplotmat.ado 1.3.0 (Stata 16 tree) draw and report them
(numbers: ``mlmcli.multivariate.biplot_coordinates``):

    twoway (pcarrow 0 0 dim2 dim1 of the variables, headlabel, labels placed by _plotpos arrows)
           [(pcarrow ... of -variables, pstyle(p1arrow) lpattern(dash) headlabel) with negcol]
           (scatter dim2 dim1 of the observations, pstyle(p1), labelled by their number or rowlabel()),
           title("Biplot") legend(label(1 "Variables") label(2 "Observations") span)
           xtitle("Dimension 1") ytitle("Dimension 2")

then "Biplot of # observations and # variables" and the explained variances.  Options: alpha(),
dim(), mahalanobis, std, stretch(), negcol, norow, nocolumn, xnegate, ynegate, rowlabel(),
norowlabel, rowopts() colopts() negcolopts() (with name() and nolabel), generate(), nograph.
The ado scales both axes with its aspect-axis toolkit (preferred aspect, label count 7), which
mlm does not have: the axes are twoway's own and an aspectratio() typed is twoway's.  Refused by
name: table, separate, rowover(), autoaspect.
"""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Command, Option
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

SPECS = [OptionSpec(*row) for row in (
    ("mahalanobis", 3), ("alpha", 3, True), ("dim", None, True), ("stretch", 2, True), ("table", 3),
    ("separate", 3), ("negcol", 6), ("norow", 5), ("nocolumn", 4), ("xnegate", 4), ("ynegate", 4),
    ("autoaspect", 4), ("nograph", 3), ("rowover", None, True), ("generate", 3, True), ("std", None),
    ("norowlabel", None), ("rowlabel", None, True), ("rowopts", 3, True), ("colopts", 3, True),
    ("negcolopts", 6, True))]
_SUBOPTIONS = [OptionSpec("nolabel", 5), OptionSpec("name", None, True)]


def _number(text, name: str, low: float, high: float | None) -> float:
    try:
        value = float(str(text).strip())
    except ValueError:
        raise StataError(f"option {name}() incorrectly specified", 198) from None
    if value < low or (high is not None and value > high):
        raise StataError(f"{name}() invalid -- invalid numlist has elements outside of allowed range", 125)
    return value


def _part_options(text):
    """(name(), nolabel, the other options) of rowopts()/colopts()/negcolopts()."""
    from mlmcli.commands.graphs.ready_series import parse_options_text, take_options

    opts, rest = take_options(list(parse_options_text(text)), _SUBOPTIONS)
    name = opts.get("name")
    return (name.strip().strip('"') if isinstance(name, str) else None), bool(opts.get("nolabel")), rest


def _arrow_positions(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """_plotpos.ado's ``arrows`` rule: a label beyond the arrow's head, by its direction."""
    with np.errstate(divide="ignore", invalid="ignore"):
        pos = np.full(x.size, np.nan)
        pos[(x > 0) & (y > 0) & (y >= x)] = 1
        pos[(x > 0) & (y > 0) & (y < x)] = 2
        pos[(x < 0) & (y > 0) & (y >= -x)] = 11
        pos[(x < 0) & (y > 0) & (y < -x)] = 10
        pos[(x > 0) & (y < 0) & (-y > x)] = 5
        pos[(x > 0) & (y < 0) & (-y < x)] = 4
        pos[(x < 0) & (y < 0) & (y >= x)] = 8
        pos[(x < 0) & (y < 0) & (y < x)] = 7
        steep, flat = np.abs(y / x) >= 2.5, np.abs(x / y) >= 2.5
        pos[(y >= 0) & steep] = 12
        pos[(y < 0) & steep] = 6
        pos[(x < 0) & flat] = 9
        pos[(x >= 0) & flat] = 3
    return pos


def _row_labels(session, rows: np.ndarray, typed: str | None) -> list[str]:
    """GenerateLabelVar: the observation number, or rowlabel()'s string, value label or %9.2f."""
    from mlmcli.render.numfmt import format_number

    index = np.flatnonzero(rows)
    if not typed:
        return [str(i + 1) for i in index]
    ds = session.data
    name = ds.resolve(typed.strip())
    if ds.is_string(name):
        return [str(ds.df[name].iloc[i]) for i in index]
    values = ds.numeric(name)
    out = []
    for i in index:
        text = format_number(values[i], "%9.2f").strip() if not np.isnan(values[i]) else "."
        if name in ds.value_label_of:
            label = ds.value_label_text(name, float(values[i]))
            text = label if label else text
        out.append(text)
    return out


def cmd_biplot(session, cmd: Command) -> None:
    from mlmcli.commands.graphs.ready_series import refuse_by_prefix, take_options
    from mlmcli.commands.graphs.twoway import mark_function
    from mlmcli.multivariate.biplot_coordinates import biplot_coordinates
    from mlmcli.render.numfmt import format_number
    from mlmcli.results.matrix import Matrix
    from mlmcli.syntax.varlist import check_new_name, counted_varlist

    refuse_by_prefix(cmd, "biplot")
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    ds = session.data
    names = counted_varlist(ds, cmd.args, 2, None)
    for name in names:
        ds.numeric(name)
    opts, rest = take_options(cmd.options, SPECS)
    for refused in ("table", "separate", "rowover", "autoaspect"):
        if opts.get(refused):
            raise StataError(f"option {refused}{'()' if refused == 'rowover' else ''} not supported by mlmcli", 198)
    if opts.get("norow") and opts.get("nocolumn"):
        raise StataError("norow and nocolumn may not be specified together", 198)
    if opts.get("nocolumn") and opts.get("negcol"):
        raise StataError("negcol and nocolumn may not be specified together", 198)
    if opts.get("norowlabel") and opts.get("rowlabel"):
        raise StataError("norowlabel and rowlabel() may not be specified together", 198)
    rows = np.asarray(mark_function(session)(cmd.if_exp, cmd.in_range, names), bool)
    n = int(rows.sum())
    if n < 2:
        raise StataError("biplot requires at least 2 rows (observations)", 503)
    X = np.column_stack([ds.numeric(v)[rows] for v in names])
    sd = X.std(axis=0, ddof=1)
    kept = [v for v, s in zip(names, sd) if s != 0]
    alpha = _number(opts["alpha"], "alpha", 0, 1) if "alpha" in opts else None
    multanddiv = None
    if opts.get("mahalanobis"):
        multanddiv = float(np.sqrt(n - 1))
        if alpha not in (None, 0):
            raise StataError("nonzero alpha() may not be specified with mahalanobis", 198)
        alpha = 0.0
    for name in names:
        if name not in kept:
            session.print(f"note: {name} dropped because of zero variance")
    if len(kept) < 2:
        raise StataError("biplot requires at least 2 columns", 503)
    dims = (1, 2)
    if "dim" in opts:
        words = str(opts["dim"]).split()
        if len(words) != 2 or not all(w.isdecimal() and int(w) >= 1 for w in words):
            raise StataError("option dim() incorrectly specified", 198)
        dims = (int(words[1]), int(words[0]))  # dim(# #): the first is the y dimension
        if max(dims) > len(kept):
            raise StataError("dim() invalid -- invalid numlist has elements outside of allowed range", 125)
    stretch = _number(opts["stretch"], "stretch", 1e-300, None) if "stretch" in opts else None
    generate = str(opts.get("generate") or "").split()
    if opts.get("generate") is not None and len(generate) != 2:
        raise StataError("option generate() incorrectly specified", 198)
    for name in generate:
        check_new_name(ds, name)
    X = np.column_stack([ds.numeric(v)[rows] for v in kept])
    alpha = 0.5 if alpha is None else alpha
    result = biplot_coordinates(X, dims, alpha, bool(opts.get("std")), bool(opts.get("xnegate")),
                                bool(opts.get("ynegate")), multanddiv, stretch)
    if not result.singular_values_unique:
        session.print("Note: Singular values not unique.")
    labels = [] if opts.get("norowlabel") else _row_labels(session, rows, opts.get("rowlabel"))
    if not opts.get("nograph"):
        _draw(session, cmd, kept, result, labels, opts, rest, dims)
    i, j = dims
    lines = ["", f"Biplot of {n} observations and {len(kept)} variables", "",
             f"    Explained variance by component {i} {format_number(result.rho1, '%7.4f')}",
             f"    Explained variance by component {j} {format_number(result.rho2, '%7.4f')}",
             f"             Total explained variance {format_number(result.rho1 + result.rho2, '%7.4f')}"]
    session.print("\n".join(lines))
    columns = (f"dim{i}", f"dim{j}")
    r = {"rho": result.rho1 + result.rho2, f"rho{i}": result.rho1, f"rho{j}": result.rho2, "alpha": alpha,
         "U": Matrix(result.rows, tuple(_row_names(session, rows, opts)), columns),
         "V": Matrix(result.unstretched, tuple(kept), columns)}
    if stretch is not None:
        r["Vstretch"] = Matrix(result.columns, tuple(kept), columns)
    session.set_r(r)
    if generate:
        for name, k, dim in zip(generate, (0, 1), (i, j)):
            column = np.full(ds.nobs, np.nan)
            column[rows] = result.rows[:, k]
            ds.set_variable(name, column, "float")
            ds.var_labels[name] = f"Observations dim {dim}"


def _row_names(session, rows, opts) -> list[str]:
    """r(U)'s row names: the observation numbers, or rowlabel()'s strings ('.' dropped, blanks '_')."""
    typed = opts.get("rowlabel")
    if typed and session.data.is_string(session.data.resolve(typed.strip())):
        names = _row_labels(session, rows, typed)
        return [(t.replace(".", "").replace(" ", "_") or str(i + 1))
                for t, i in zip(names, np.flatnonzero(rows))]
    return [str(i + 1) for i in np.flatnonzero(rows)]


def _draw(session, cmd, variables, result, labels, opts, rest, dims) -> None:
    from mlmcli.commands.graphs.built_twoway import draw_twoway
    from mlmcli.commands.graphs.ready_series import compound_quoted, session_with_columns
    from mlmcli.graphs.syntax import PlotCall

    n, p = result.rows.shape[0], result.columns.shape[0]
    negcol = bool(opts.get("negcol"))
    vx = np.concatenate([result.columns[:, 0]] + ([-result.columns[:, 0]] if negcol else []))
    vy = np.concatenate([result.columns[:, 1]] + ([-result.columns[:, 1]] if negcol else []))
    position = _arrow_positions(np.concatenate([result.rows[:, 0], vx]), np.concatenate([result.rows[:, 1], vy]))
    length = n + len(vx)
    columns = [("__bp_d1", np.concatenate([result.rows[:, 0], vx]), None),
               ("__bp_d2", np.concatenate([result.rows[:, 1], vy]), None),
               ("__bp_pos", position, None), ("__bp_zero", np.zeros(length), None),
               ("__bp_origin", np.zeros(length), None)]  # the negative arrows: a legend key of their own
    scratch = session_with_columns(session, columns)
    marks = [""] * len(scratch.data.df)
    marks[:n] = labels if labels else [""] * n
    marks[n:length] = list(variables) * (2 if negcol else 1)
    scratch.data.df["__bp_mark"] = marks
    scratch.data.types["__bp_mark"] = "str32"
    row_name, row_nolabel, row_rest = _part_options(opts.get("rowopts"))
    col_name, col_nolabel, col_rest = _part_options(opts.get("colopts"))
    neg_name, neg_nolabel, neg_rest = _part_options(opts.get("negcolopts"))
    which = np.full(len(scratch.data.df), 0.0)
    which[:n], which[n:n + p] = 1, 2
    if negcol:
        which[n + p:length] = 3
    scratch.data.df["__bp_part"] = which
    scratch.data.types["__bp_part"] = "byte"
    plots, legend = [], []
    position_typed = lambda options: any(o.name.startswith("mlabp") or o.name.startswith("mlabvp")  # noqa: E731
                                         for o in options)
    if not opts.get("nocolumn"):
        own = [Option("headlabel")] + ([] if col_nolabel else [Option("mlabel", "__bp_mark")])
        own += [] if position_typed(col_rest) else [Option("mlabvposition", "__bp_pos")]
        plots.append(PlotCall("pcarrow", "__bp_zero __bp_zero __bp_d2 __bp_d1", "__bp_part == 2", None,
                              tuple(own + col_rest)))
        legend.append(col_name or "Variables")
    if negcol:
        own = [Option("pstyle", "p1arrow"), Option("lpattern", "dash"), Option("headlabel")]
        own += [] if neg_nolabel else [Option("mlabel", "__bp_mark")]
        own += [] if position_typed(neg_rest) else [Option("mlabvposition", "__bp_pos")]
        plots.append(PlotCall("pcarrow", "__bp_origin __bp_origin __bp_d2 __bp_d1", "__bp_part == 3", None,
                              tuple(own + neg_rest)))
        legend.append(neg_name or "-Variables")
    if not opts.get("norow"):
        own = [] if position_typed(row_rest) else [Option("mlabvposition", "__bp_pos")]
        own += [Option("pstyle", "p1")] + ([] if (row_nolabel or not labels) else [Option("mlabel", "__bp_mark")])
        plots.append(PlotCall("scatter", "__bp_d2 __bp_d1", "__bp_part == 1", None, tuple(own + row_rest)))
        legend.append(row_name or "Observations")
    label_text = " ".join(f"label({k} {compound_quoted(t)})" for k, t in enumerate(legend, start=1))
    i, j = dims
    graph_options = [Option("title", '"Biplot"'), Option("legend", f"{label_text} span"),
                     Option("xtitle", f'"Dimension {i}"'), Option("ytitle", f'"Dimension {j}"'), *rest]
    draw_twoway(session, scratch, cmd, plots, graph_options)
