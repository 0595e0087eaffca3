"""``roccomp refvar classvar classvar [...] [if] [in] [fweight] [, test(matname) graph summary
level(#) norefline plot#opts() rlopts() twoway_options]`` ([R] roccomp): the ROC areas of two or
more ratings of the same observations and the test that they are equal, as roccomp.ado 7.4.3's
ROCcomp computes and shows them (numbers: ``mlmcli.roc_analysis`` for each area as roctab gives
it, ``mlmcli.classic_tests.roc_area_comparison`` for the DeLong test).

graph: each rating's ROC curve (``connected``, sorted; a rating whose logistic slope is negative
turned over as the ado turns it) labelled "name ROC area: 0.#", the reference line y = x
(``lstyle(refline)``, "Reference"), ytitle "Sensitivity", xtitle "1-Specificity", both axes
labelled 0(.25)1 and formatted %4.2f.  The table (and r()) only without graph or with summary.
One classvar with by() compares the areas of independent samples (_roccom1.ado: the groups in
sort order, their variances on the diagonal).  binormal (correlated samples, no graph): each area,
its SE and interval from rocfit's binormal fit ("Fitting binormal model for: name"), the test's
covariance from the placements less those areas, as ROCcomp's COMparea; binormal with by() or
graph, and separate, are not in mlmcli and are refused by name.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.ast import Command, Option
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

SPECS = [OptionSpec(*row) for row in (
    ("graph", 1), ("summary", 3), ("binormal", 3), ("level", 1, True), ("separate", 3), ("test", None, True),
    ("norefline", 5), ("by", None, True), ("rlopts", 4, True), ("plot", None, True), ("addplot", None, True))]


def _areas(session, cmd, opts):
    from mlmcli.commands.data.common import mark, weights
    from mlmcli.roc_analysis import roc_area
    from mlmcli.syntax.options import confidence_level
    from mlmcli.syntax.varlist import counted_varlist

    ds = session.data
    names = counted_varlist(ds, cmd.args, 2, None)
    for name in names:
        if ds.is_string(name):
            raise StataError("type mismatch", 109)
    independent = len(names) == 2
    if opts.get("by") and not independent:
        raise StataError("by() option not allowed with correlated samples\nperhaps you meant to use separate", 191)
    if opts.get("separate"):
        raise StataError("option separate not supported by mlmcli", 198)
    if opts.get("binormal") and (independent or opts.get("graph")):
        raise StataError(f"option binormal not supported by mlmcli with {'by()' if independent else 'graph'}", 198)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    rows = mark(session, cmd, names)
    rows, w, _ = weights(session, cmd, rows, ("fweight",), default="fweight")
    w = np.ones(ds.nobs) if w is None else w
    refvar, classvars = names[0], names[1:]
    if independent:
        return _independent_areas(session, ds, refvar, classvars[0], rows, w, level, opts)
    for name in classvars:
        values = ds.numeric(name)[rows]
        if values.size == 0 or values.min() == values.max():
            raise StataError(f"variable {name} does not vary", 2000)
    d = ds.numeric(refvar)[rows]
    if np.any((d != 0) & (d != 1)):
        raise StataError(f"true status variable {refvar} must be 0 or 1", 198)
    contrast = _contrast(session, opts.get("test"), len(classvars))
    if d.min() == d.max():
        raise StataError("Outcome does not vary", 198)
    ratings = [ds.numeric(name)[rows] for name in classvars]
    results = [roc_area(d, c, w[rows], level=level) for c in ratings]
    if opts.get("binormal"):
        binormal = []
        for name, c, r in zip(classvars, ratings, results):
            binormal.append(binormal_area(name, d, c, w[rows], r, level))
            session.print(f"Fitting binormal model for: {name}")
        results = binormal
    return classvars, [d] * len(ratings), ratings, [w[rows]] * len(ratings), results, level, contrast, None


def binormal_area(name, d, c, w, result, level):
    """rocfit's area and its delta-method SE in place of roctab's (interval not clipped)."""
    from dataclasses import replace

    from scipy.stats import norm

    from mlmcli.classic_tests.roc_binormal import fit_binormal

    levels = np.unique(c)
    if levels.size > 20:
        raise StataError(f"option binormal not supported by mlmcli for {name}: over 20 unique values "
                         "(rocfit's continuous(.) is not in mlmcli)", 198)
    k = np.searchsorted(levels, c)
    fit = fit_binormal(np.bincount(k[d == 0], weights=w[d == 0], minlength=levels.size),
                       np.bincount(k[d == 1], weights=w[d == 1], minlength=levels.size))
    area, se = fit.indices[0]
    half = float(norm.ppf(0.5 + level / 200)) * se
    return replace(result, area=area, se=se, lb=area - half, ub=area + half)


def _independent_areas(session, ds, refvar, classvar, rows, w, level, opts):
    """_roccom1.ado: one rating, an area for each by() group (in sort order), named by its value."""
    from mlmcli.commands.graphs.ready_series import display_text
    from mlmcli.roc_analysis import roc_area
    from mlmcli.syntax.varlist import counted_varlist

    d = ds.numeric(refvar)[rows]
    if np.any((d != 0) & (d != 1)):
        raise StataError(f"true status variable {refvar} must be 0 or 1", 198)
    if d.size == 0 or d.min() == d.max():
        raise StataError("Outcome does not vary", 198)
    if not opts.get("by"):
        raise StataError("must specify by() option", 198)
    (group,) = counted_varlist(ds, opts["by"], 1, 1)
    column = ds.df[group].to_numpy()
    rows = rows & (np.array([v != "" for v in column]) if ds.is_string(group) else ~np.isnan(ds.numeric(group)))
    levels = sorted({column[i] for i in np.flatnonzero(rows)})
    contrast = _contrast(session, opts.get("test"), len(levels))
    names, ratings, statuses, weights, results = [], [], [], [], []
    for level_value in levels:
        mask = rows & (column == level_value)
        names.append(level_value if isinstance(level_value, str) else display_text(float(level_value)))
        statuses.append(ds.numeric(refvar)[mask])
        if statuses[-1].min() == statuses[-1].max():  # the group's logistic in _roccom1.ado: r(2000)
            raise StataError("outcome does not vary", 2000)
        ratings.append(ds.numeric(classvar)[mask])
        weights.append(w[mask])
        results.append(roc_area(statuses[-1], ratings[-1], weights[-1], level=level))
    return names, statuses, ratings, weights, results, level, contrast, group


def _contrast(session, name, k: int):
    if not name:
        return None
    from mlmcli.commands.program.matrix import lookup_any

    try:
        matrix = lookup_any(session, name.strip())
    except StataError:
        raise StataError(f"matrix {name.strip()} not found", 198) from None
    values = np.atleast_2d(np.asarray(matrix.values, float))
    if values.shape[1] != k:
        raise StataError(f"matrix {name.strip()} not of correct dimensions", 198)
    return values


def _graph(session, cmd, classvars, statuses, ratings, weights, results, opts, rest):
    from mlmcli.commands.graphs.built_twoway import draw_twoway
    from mlmcli.commands.graphs.ready_series import parse_options_text, session_with_columns, stata_string
    from mlmcli.graphs.syntax import PlotCall
    from mlmcli.classic_tests.roc_area_comparison import logistic_slope

    pattern = re.compile(r"^plot(\d+)(o|op|opt|opts)?$", re.I)
    typed: dict[int, list[Option]] = {}
    others = []
    for option in rest:
        match = pattern.match(option.name)
        if match and 1 <= int(match.group(1)) <= len(classvars) and option.arg is not None:
            typed.setdefault(int(match.group(1)), []).extend(parse_options_text(option.arg))
        else:
            others.append(option)
    columns, plots = [], []
    for k, (name, d, c, w, result) in enumerate(zip(classvars, statuses, ratings, weights, results), start=1):
        x, y = np.asarray(result.curve_fpr, float), np.asarray(result.curve_tpr, float)
        if logistic_slope(d, c, w) < 0:  # sensitivity and specificity turned over, the corners kept
            corner = ((x == 0) & (y == 1)) | ((x == 1) & (y == 0))
            x, y = np.where(corner, x, 1 - x), np.where(corner, y, 1 - y)
        order = np.lexsort((y, x))  # the ado's sort x sens before its connected lines
        x, y = x[order], y[order]
        label = f"{name} ROC area: 0{stata_string(round(result.area, 4))}"
        columns += [(f"__rc_x{k}", x, "1 - Specificity"), (f"__rc_s{k}", y, label)]
        plots.append(PlotCall("connected", f"__rc_s{k} __rc_x{k}", None, None, (Option("sort"), *typed.get(k, []))))
    scratch = session_with_columns(session, columns, formats="%4.2f")
    if not opts.get("norefline"):
        plots.append(PlotCall("function", "y = x", None, None, (
            Option("range", "0 1"), Option("n", "2"), Option("lstyle", "refline"), Option("yvarlabel", '"Reference"'),
            *parse_options_text(opts.get("rlopts")))))
    graph_options = [Option("ytitle", '"Sensitivity"'), Option("xtitle", '"1-Specificity"'),
                     Option("ylabel", "0(.25)1, grid"), Option("xlabel", "0(.25)1, grid"), *others]
    draw_twoway(session, scratch, cmd, plots, graph_options)


def _table(classvars, results, level: float, comparison, contrast_name, group=None, binormal=False) -> str:
    from mlmcli.render.abbrev import abbrev
    from mlmcli.render.numfmt import format_number

    def at(line, col, text):
        return line.ljust(col - 1) + text

    level_text = format(level, "g")
    spaces = {2: "      ", 4: "    "}.get(len(level_text), "   ")
    lines = ["", at("", 31, "ROC") if binormal else at(at("", 31, "ROC"), 54, "-Asymptotic Normal--"),
             at(group or "", 17, "   Obs       Area     Std. Err." + f"{spaces}[{level_text}% Conf. Interval]"),
             "-" * 73]
    for name, r in zip(classvars, results):  # by() groups: their values as they are, N without commas
        shown = name if group else abbrev(name, 12)
        row = at(shown, 15, format_number(r.n, "%8.0f" if group else "%8.0fc"))
        row = at(row, 26, format_number(r.area, "%8.4f"))
        row = at(row, 39, format_number(r.se, "%8.4f"))
        row = at(row, 54, format_number(r.lb, "%8.5f"))
        lines.append(at(row, 66, format_number(r.ub, "%8.5f")))
    lines.append("-" * 73)
    if contrast_name:
        lines.append(f"Ho: Comparison as defined by contrast matrix: {contrast_name}")
    else:
        lines.append("Ho: " + " = ".join(f"area({n if group else abbrev(n, 12)})" for n in classvars))
    lines.append(f"    chi2({comparison.df}) = {format_number(comparison.chi2, '%8.2f')}       "
                 f"Prob>chi2 = {format_number(comparison.p, '%8.4f')}")
    return "\n".join(lines)


def cmd_roccomp(session, cmd: Command) -> None:
    from mlmcli.commands.graphs.ready_series import take_options
    from mlmcli.errors import option_not_allowed
    from mlmcli.results.matrix import Matrix
    from mlmcli.classic_tests.roc_area_comparison import compare_areas, contrast_test

    opts, rest = take_options(cmd.options, SPECS)
    if not opts.get("graph"):
        extra = rest[0] if rest else next((Option(n, opts[n] if isinstance(opts[n], str) else None)
                                           for n in ("rlopts", "norefline") if n in opts), None)
        if extra is not None:
            raise option_not_allowed(extra.name, extra.arg)
    for name in ("plot", "addplot"):
        if opts.get(name):
            raise StataError(f"option {name}() not allowed", 198)
    classvars, statuses, ratings, weights, results, level, contrast, group = _areas(session, cmd, opts)
    if opts.get("graph"):
        _graph(session, cmd, classvars, statuses, ratings, weights, results, opts, rest)
    if not opts.get("graph") or opts.get("summary"):
        areas = [r.area for r in results]
        if group is None:
            comparison = compare_areas(statuses[0], ratings, weights[0], areas, contrast)
        else:  # independent samples: the areas' variances on the diagonal (_roccom1's MYTEs1)
            comparison = contrast_test(areas, np.diag([r.se ** 2 for r in results]), contrast)
        session.print(_table(classvars, results, level, comparison, (opts.get("test") or "").strip(), group,
                             bool(opts.get("binormal"))))
        k = len(classvars)
        session.set_r({"p": comparison.p, "df": float(comparison.df), "chi2": comparison.chi2, "N_g": float(k),
                       "V": Matrix(comparison.covariance, tuple(f"r{i + 1}" for i in range(k)),
                                   tuple(f"c{i + 1}" for i in range(k)))})
