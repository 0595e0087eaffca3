"""``qnorm`` and ``pnorm``: a variable's sorted values against the normal quantiles or
probabilities, with the reference line y = x."""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Command
from mlmcli.commands.graphs.current import finish
from mlmcli.commands.graphs.ready_series import (
    NOT_LOOK_SPECS, addplots, graph_from_series, look_of, numeric_variables, parse_options_text, refline_color,
    refuse_by_prefix, sample_rows, series_as_plot, take_options, var_title_of)
from mlmcli.commands.graphs.twoway import new_builder
from mlmcli.graphs.syntax import TwowayCall
from mlmcli.syntax.options import OptionSpec

UNIT_TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)  # pnorm.ado's and pchi.ado's xlabel(0(.25)1)


QNORM_SPECS = [OptionSpec(*row) for row in (
    ("grid", 1), ("rlopts", 4, True), ("plot", None, True), ("addplot", None, True),
)]


def as_float32(values: np.ndarray) -> np.ndarray:
    """Stata stores these plotting variables as float: round to single precision (beyond
    float's range: missing, as a float variable holds it)."""
    from mlmcli.normality_tests import as_float

    return as_float(values)


def _sorted_sample(session, cmd: Command, name: str):
    """qnorm/pnorm: (variable, options, other options, sorted values, i/(N+1) as float,
    mean, sd)."""
    refuse_by_prefix(cmd, name)
    (var,) = numeric_variables(session, cmd, 1)
    opts, rest = take_options(cmd.options, QNORM_SPECS)
    rows = sample_rows(session, cmd, [var])
    x = np.sort(session.data.numeric(var)[rows])
    n = x.size
    p = as_float32(np.arange(1, n + 1) / (n + 1))
    from mlmcli.summary_statistics import moments

    both = moments(x) if n else {"mean": float("nan"), "sd": float("nan")}  # scaled: finite near 1e307
    mean, sd = both["mean"], both["sd"] if n > 1 else float("nan")
    return var, opts, rest, x, p, mean, sd


def cmd_qnorm(session, cmd: Command) -> None:
    """``qnorm varname [if] [in] [, grid rlopts() ...]``: the sorted values against the normal
    quantiles mean + sd * invnormal(i/(N+1)), with the reference line y = x."""
    from scipy.stats import norm

    from mlmcli.summary_statistics import stata_percentile

    var, opts, rest, x, p, mean, sd = _sorted_sample(session, cmd, "qnorm")
    z = as_float32(norm.ppf(p) * sd + mean)
    fmt = session.data.format_of(var)  # qnorm.ado: `format `fmt' `Z'`: both axes in var's format
    defaults = {"ytitle": var_title_of(session, var), "xtitle": "Inverse Normal",
                "xaxis": _axis(fmt), "yaxis": _axis(fmt)}
    if opts.get("grid"):
        ys = [stata_percentile(x, q) for q in (5, 10, 25, 50, 75, 90, 95)]
        xs = [mean + sd * float(norm.ppf(q)) for q in (.05, .10, .25, .50, .75, .90, .95)]
        defaults.update(note="Grid lines are 5, 10, 25, 50, 75, 90, and 95 percentiles",
                        xlines=tuple(xs), ylines=tuple(ys))
    quantile_graph(session, cmd, z, x, rest, opts, defaults, var)


def cmd_pnorm(session, cmd: Command) -> None:
    """``pnorm varname [if] [in] [, grid rlopts() ...]``: normal((x - mean)/sd) of the sorted
    values against i/(N+1), with the reference line y = x."""
    from scipy.stats import norm

    var, opts, rest, x, p, mean, sd = _sorted_sample(session, cmd, "pnorm")
    with np.errstate(invalid="ignore", divide="ignore"):  # sd 0 or missing: normal(.) is missing
        fhat = as_float32(norm.cdf((x - mean) / sd))
    # pnorm.ado: `format `F' `Psubi' %9.2f` and xlabel(0(.25)1) ylabel(0(.25)1), as pchi's
    defaults = {"ytitle": f"Normal F[({var}-m)/s]", "xtitle": "Empirical P[i] = i/(N+1)",
                "xticks": UNIT_TICKS, "yticks": UNIT_TICKS, "xaxis": _axis("%9.2f"), "yaxis": _axis("%9.2f")}
    if opts.get("grid"):
        defaults.update(xlines=(0.25, 0.5, 0.75), ylines=(0.25, 0.5, 0.75))
    quantile_graph(session, cmd, p, fhat, rest, opts, defaults, var, unit=True)


def _axis(fmt: str):
    from mlmcli.graphs.axis_spec import Axis

    return Axis(grid=False, var_format=fmt)


def quantile_graph(session, cmd, xs, ys, rest, opts, defaults, var, unit: bool = False,
                   reference=None, key: str | None = None) -> None:
    """Markers at (xs, ys) and the reference line y = x (s2color's refline: emerald) over the
    range of xs (0 to 1 with ``unit``), or through ``reference`` = (x, y) (quantile's line);
    ``key``: the markers' legend text (default: var's title)."""
    from dataclasses import replace

    from mlmcli.ast import Option
    from mlmcli.graphs import plot_options as popt
    from mlmcli.graphs.axis_spec import Axis
    from mlmcli.graphs.spec import Series

    key = var_title_of(session, var) if key is None else key
    marker_specs = popt.MARKER_SPECS + popt.COMMON_SPECS
    typed = [o for o in rest if any(s.matches(o.name) for s in marker_specs)]
    left: list = []
    if any(any(s.matches(o.name) for s in NOT_LOOK_SPECS) for o in typed):
        # the ado's `scatter var Z, sort <options>`: recast(), yaxis(), yvarlabel() ... act on it
        points, left = series_as_plot(session, "scatter", [("__q_y", np.asarray(ys), key),
                                                           ("__q_x", np.asarray(xs), "")], typed)
    else:
        look = look_of(typed, marker_specs, cmd.name, session)
        points = [Series("scatter", np.asarray(xs), np.asarray(ys), label=key,
                         **look.ready_fields("scatter", 1))]
    finite = np.asarray(xs, dtype=float)[np.isfinite(np.asarray(xs, dtype=float))]
    # one observation: sd and so every quantile are missing, as the ado's Z; no reference range
    lo, hi = (0.0, 1.0) if unit else (float(finite.min()), float(finite.max())) if finite.size else (np.nan, np.nan)
    rx, ry = (np.array([lo, hi]), np.array([lo, hi])) if reference is None else reference
    typed_ref = list(parse_options_text(opts.get("rlopts")))
    if any(any(s.matches(o.name) for s in NOT_LOOK_SPECS) for o in typed_ref):
        references = _reference_as_plot(session, rx, ry, typed_ref)
    else:
        ref_look = look_of(typed_ref, popt.LINE_SPECS + popt.COMMON_SPECS, cmd.name, session)
        fields = ref_look.ready_fields("line", 2)
        if ref_look.style is None:
            fields.setdefault("color", refline_color())
        references = [Series("line", np.asarray(rx, float), np.asarray(ry, float), label="Reference", **fields)]
    graph_options = [o for o in rest if o not in typed] + left
    # the markers are the first plot: their columns' formats, not an addplot()'s (plain: new variables)
    defaults = dict({"legend": "off", "xaxis": Axis(grid=False, var_format=""),
                     "yaxis": Axis(grid=False, var_format="")}, **defaults)
    plots = addplots(opts, graph_options)
    # the ado's addplot() plots come after its scatter and reference line: styles p3, p4 ...
    plots = [replace(p, options=p.options + (Option("pstyle", f"p{k + 3}"),)) if not any(
                 o.name.startswith("psty") for o in p.options) else p for k, p in enumerate(plots)]
    call = TwowayCall(tuple(plots), None, None, tuple(graph_options))
    builder = new_builder(session)
    if plots:
        graph = builder.build(call, cmd.text, defaults=defaults)
        panel = graph.panels[0]
        graph = replace(graph, panels=(replace(panel, series=(*points, *references) + panel.series),),
                        legend="auto" if builder.graph_options.get("legend") is None else graph.legend)
    else:
        graph = graph_from_series(builder, tuple(graph_options), cmd.text, defaults, [*points, *references])
    for note in builder.notes:
        session.print(note)
    finish(session, graph, builder.graph_options)




def _reference_as_plot(session, rx: np.ndarray, ry: np.ndarray, typed: list) -> list:
    """``rlopts()`` with ``recast()``, ``yaxis()`` ...: the ado's ``function y=x, range(Z) n(2)
    lstyle(refline) yvarlabel("Reference") <rlopts>``, the line through its two points drawn as
    that plot (the second plot's style; refline's colour where a line is drawn and no colour or
    style is typed)."""
    from dataclasses import replace

    from mlmcli.ast import Option
    from mlmcli.errors import StataError, option_not_allowed

    styled = any(o.name.startswith(("psty", "lsty", "lc", "col")) for o in typed)
    series, left = series_as_plot(session, "line", [("__q_ry", ry, "Reference"), ("__q_rx", rx, "")],
                                  [Option("pstyle", "p2")] + typed)
    if left:
        raise option_not_allowed(left[0].name, left[0].arg)
    if styled:
        return series
    return [replace(s, color=refline_color()) if s.kind == "line" else s for s in series]
