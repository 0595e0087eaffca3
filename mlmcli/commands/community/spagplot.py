"""``spagplot yvar xvar, id(varlist) [nofit noover twoway_options]`` (Mitchell's community
command, SSC): a spaghetti plot, one line per id, plus the overall linear fit.

As the ado-file does: without ``nofit`` each id's line is its own least-squares line, the
fitted values of ``regress y i.id*x`` (a fully interacted model, so per id
``yhat = a_id + b_id x``; an id whose x does not vary gets its mean of y), drawn as
``scatter yhat x, connect(L) msymbol(i) sort(id x)``; ``nofit`` joins the observed y instead.
Unless ``noover``, ``lfit y x, lwidth(vthick)`` over all observations is laid on top (the ado's
lfit carries no if/in), with ``legend(off)`` and the note ``Spaghetti plot of y x id id``.
"""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Command, Option
from mlmcli.commands.graphs.current import finish
from mlmcli.commands.graphs.ready_series import (
    graph_from_series, look_of, numeric_variables, refuse_by_prefix, sample_rows, take_options, var_title_of)
from mlmcli.errors import StataError
from mlmcli.graphs.syntax import PlotCall, TwowayCall
from mlmcli.syntax.options import OptionSpec, required_text_option
from mlmcli.sorted_codes import row_codes

SPAGPLOT_SPECS = [OptionSpec("id", 2, True), OptionSpec("nofit", 5), OptionSpec("noover", 6)]


def id_line_fits(y: np.ndarray, x: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Per group g the least-squares line ``a_g + b_g x`` at each x (the fitted values of
    ``y ~ i.g * x``); a group whose x is constant gets its mean of y.  y and x near the largest
    double are taken divided by powers of two (exact; the fit is the same), a fitted value past
    the double range is missing."""
    from mlmcli.ols import depvar_scale

    top = depvar_scale(y)
    y, x = y / top, x / depvar_scale(x)
    fitted = np.empty_like(y)
    for g in np.unique(groups):
        at = groups == g
        xs, ys = x[at], y[at]
        dx = xs - xs.mean()
        sxx = float(dx @ dx)
        slope = float(dx @ (ys - ys.mean())) / sxx if sxx > 1e-12 * max(1.0, float(xs @ xs)) else 0.0
        fitted[at] = ys.mean() + slope * dx
    with np.errstate(over="ignore"):
        fitted = fitted * top
    return np.where(np.isfinite(fitted), fitted, np.nan)


def _id_present(ds, id_vars) -> np.ndarray:
    present = np.ones(ds.nobs, bool)
    for v in id_vars:
        present &= (ds.column(v).to_numpy(dtype=object).astype(str) != "") if ds.is_string(v) else ~np.isnan(ds.numeric(v))
    return present


def _id_codes(ds, name: str) -> np.ndarray:
    """An id as numbers in its sort order (a string id: the rank of its value)."""
    if ds.is_string(name):
        return np.unique(ds.column(name).to_numpy(dtype=object).astype(str), return_inverse=True)[1].astype(float)
    return ds.numeric(name)


def cmd_spagplot(session, cmd: Command) -> None:
    """``spagplot yvar xvar [if] [in], id(varlist) [nofit noover twoway_options]``."""
    from mlmcli.graphs import plot_options as popt
    from mlmcli.graphs.series_parts import line_breaks
    from mlmcli.graphs.spec import Series
    from mlmcli.commands.graphs.twoway import new_builder

    refuse_by_prefix(cmd, "spagplot")
    yvar, xvar = numeric_variables(session, cmd, 2)
    opts, rest = take_options(cmd.options, SPAGPLOT_SPECS)
    id_vars = session.data.expand_varlist(required_text_option(opts, "id"))
    # marksample marks y and x only; xi: regress ... i.id*x drops a missing id (a string id is
    # allowed, as xi's i. takes strings)
    rows = sample_rows(session, cmd, [yvar, xvar]) & _id_present(session.data, id_vars)
    if not rows.any():
        raise StataError("no observations", 2000)
    y = session.data.numeric(yvar)[rows]
    x = session.data.numeric(xvar)[rows]
    keys = [_id_codes(session.data, v)[rows] for v in id_vars]
    groups = row_codes(keys)
    fit = not opts.get("nofit")
    shown = id_line_fits(y, x, groups) if fit else y
    order = np.lexsort([x] + keys[::-1])  # sort(id x): ids, then x within id
    xs, ys = x[order], shown[order]
    look = look_of([], popt.LINE_SPECS + popt.COMMON_SPECS, cmd.name)
    spaghetti = Series("line", xs, ys, breaks=line_breaks(xs, "ascending"), label="",
                       **look.ready_fields("line", 1))
    defaults = {"note": f"Spaghetti plot of {yvar} {xvar} id {' '.join(id_vars)}",
                "ytitle": "Fitted values" if fit else var_title_of(session, yvar),
                "xtitle": var_title_of(session, xvar)}
    graph_opts = [Option("legend", "off")] + list(rest) if fit else list(rest)
    builder = new_builder(session)
    if fit and not opts.get("noover"):
        from dataclasses import replace

        overall = PlotCall("lfit", f"{yvar} {xvar}", None, None, (Option("lwidth", "vthick"),))
        graph = builder.build(TwowayCall((overall,), None, None, tuple(graph_opts)), cmd.text,
                              defaults=defaults)
        panel = graph.panels[0]
        fit_series = tuple(replace(s, style=2) for s in panel.series)
        graph = replace(graph, panels=(replace(panel, series=(spaghetti,) + fit_series),))
    else:
        graph = graph_from_series(builder, graph_opts, cmd.text, defaults, [spaghetti])
    for note in builder.notes:
        session.print(note)
    finish(session, graph, builder.graph_options)
