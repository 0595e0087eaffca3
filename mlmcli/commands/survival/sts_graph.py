"""``sts graph [if] [in] [, by(varlist) failure ci level(#) noorigin tmin(#) tmax(#)
plotopts() plot#opts() ciopts() ci#opts() twoway_options]``: the Kaplan-Meier survivor (or
failure) function as a step line per by() group, drawn as a twoway graph like sts_graph.ado's:
title "Kaplan-Meier survival estimate", x title "analysis time", y labels 0.00 ... 1.00, a
legend "g = 1" ... with by(), and the pointwise log-log confidence band as an rarea under each
line with ``ci``.  What else it estimates -- adjustfor()/strata(), hazard, the bands of gwood and
cna, per(), separate -- and sts.ado's rules for them: sts_graph_estimates and sts_graph_separate;
what it draws besides the curves (lost, atrisk, censored(), addplot(), risktable, outfile()):
sts_graph_extras.
Options of Stata's sts graph that mlm does not draw are refused."""
from __future__ import annotations

import copy
import re

import numpy as np

from mlmcli.ast import Option
from mlmcli.commands.survival import sts_graph_extras as extras
from mlmcli.commands.survival.sts import (by_variables, groups, st_sample, st_weights, refused_spec, show_st,
                                          unsupported)
from mlmcli.commands.survival.sts_graph_estimates import (adjusted_rows, function_name, graph_choice, group_curves,
                                                          title)
# (_plot: the drawing pieces moved to sts_graph_parts, which the estimated curves share)
from mlmcli.commands.survival.sts_graph_extras import EXTRA_SPECS
from mlmcli.commands.survival.sts_graph_parts import band_points, plot_call as _plot, step_points
from mlmcli.commands.survival.sts_graph_separate import draw_separate, y_labels
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, number_option

STS_GRAPH_SPECS = [OptionSpec(*row) for row in (
    ("by", None, True), ("failure", 4), ("ci", None), ("level", 1, True), ("noorigin", None),
    ("tmin", None, True), ("tmax", None, True), ("plotopts", None, True), ("ciopts", None, True),
    ("cumhaz", None), ("na", None), ("censored", 4, True), ("censopts", None, True),
    ("survival", 3), ("hazard", 1), ("adjustfor", 2, True), ("strata", 2, True), ("separate", 3),
    ("gwood", 1), ("cna", None), ("per", None, True), ("kernel", 1, True), ("width", None, True),
    ("noboundary", 3), ("noshow", 4), ("leftboundary", None, True),
)] + EXTRA_SPECS
# Stata 13's sts graph options mlm does not draw (refused, never ignored): none left
REFUSED: list[OptionSpec] = []
NUMBERED = re.compile(r"^(plot|ci)(\d+)opts$", re.IGNORECASE)


def cmd_sts_graph(session, cmd) -> None:
    from mlmcli.commands.graphs.current import finish
    from mlmcli.commands.graphs.twoway import build_twoway
    from mlmcli.graphs.graph_options import is_graph_option
    from mlmcli.graphs.syntax import TwowayCall
    from mlmcli.syntax.options import resolve_options

    if cmd.args.strip():
        raise StataError("varlist not allowed", 101)
    mine, numbered, rest = [], {}, []
    for opt in cmd.options:
        match = NUMBERED.match(opt.name)
        if match:
            numbered[(match.group(1).lower(), int(match.group(2)))] = opt.arg or ""
        elif (spec := refused_spec(opt.name, REFUSED)) is not None:
            raise unsupported(spec)
        elif any(s.matches(opt.name) for s in STS_GRAPH_SPECS):
            mine.append(opt)
        elif is_graph_option(opt.name):
            rest.append(opt)
        else:
            raise StataError(f"option {opt.name} not allowed", 198)
    opts = resolve_options(mine, STS_GRAPH_SPECS)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    choice = graph_choice(session, opts)  # sts_graph_estimates: what is estimated, Graph_wrk's checks
    by_vars = list(choice.strata) or by_variables(session, opts.get("by"))
    rows = st_sample(session, cmd, by_vars) & adjusted_rows(session, choice.adjust)
    weights = st_weights(session, _description(session))
    failure = choice.statistic == "failure"
    cumhaz = choice.statistic == "cumhaz"
    tmin = number_option(opts, "tmin", -np.inf)
    tmax = number_option(opts, "tmax", np.inf)
    columns: dict[str, np.ndarray] = {}
    censored = _censored_choice(opts.get("censored"))
    drawn = extras.read(opts, by_vars, censored, [o.name for o in rest])
    if drawn.risk:  # its refused suboptions before the settings print
        from mlmcli.commands.survival.sts_risk_table import check_risk_table

        check_risk_table(drawn.risk)
    show_st(session, opts, _description(session))  # the ado's st_show, after its checks of the options
    if choice.deferred is not None:
        raise choice.deferred
    kms = []  # (table, the function at each row) per group, for the at-risk table
    bands, lines = [], []  # every band is drawn first, so no band hides another group's line
    group_list = groups(session, by_vars, rows)
    for kind, k in numbered:
        if k > len(group_list):
            raise StataError(f"{kind}{k}opts() invalid: there {'is' if len(group_list) == 1 else 'are'} "
                              f"only {len(group_list)} group{'' if len(group_list) == 1 else 's'}", 198)
    curves = group_curves(session, choice, group_list, weights, level, bool(opts.get("noorigin")), tmin, tmax)
    if any(c is None for c in curves):  # hazard: a group without failures is not drawn (SmoothHazard)
        group_list = [g for g, c in zip(group_list, curves) if c is not None]
        curves = [c for c in curves if c is not None]
    if drawn.enter or drawn.atrisk or censored:
        curves = st_origin_curves(curves, choice, bool(opts.get("noorigin")), tmin, tmax)
    if choice.separate:
        marked = graph_rows(session, choice, opts, drawn, by_vars, group_list, weights, tmin, tmax)
        draw_separate(session, cmd, choice, by_vars, group_list, curves, opts, rest, level, drawn, marked)
        return _save_outfile(session, drawn, choice, opts, by_vars, group_list, weights, level, tmin, tmax)
    for k, ((label, _, mask), curve) in enumerate(zip(group_list, curves), start=1):
        xs, ys = curve.x, curve.y
        columns.update({f"_t{k}": xs, f"_s{k}": ys})
        if curve.lower is not None:
            bx, blo, bhi = band_points(xs, curve.lower, curve.upper) if curve.step else (xs, curve.lower, curve.upper)
            columns.update({f"_x{k}": bx, f"_lb{k}": blo, f"_ub{k}": bhi})
            bands.append(_plot("rarea", f"_lb{k} _ub{k} _x{k}", k, opts.get("ciopts"), numbered.get(("ci", k)),
                               (Option("color", "*.35"),)))
        lines.append((_plot("line", f"_s{k} _t{k}", k, opts.get("plotopts"), numbered.get(("plot", k)),
                            (Option("connect", "J" if curve.step else "l"),)),
                      label or function_name(choice)))
        km = curve.km
        if km is None:  # the hazard and adjustfor() curves: no table (their marks are refused)
            continue
        _, row_values, _, _ = step_points(km, failure, True, -np.inf, np.inf, cumhaz)  # one per table row
        kms.append((km, row_values * choice.per))
    # the labels and marks: the graph's rows, which outfile() saves (st_ct's, its row at time 0 too)
    marked = graph_rows(session, choice, opts, drawn, by_vars, group_list, weights, tmin, tmax)
    more_columns, strings, var_labels, more = extras.mark_plots(drawn, marked, len(group_list), cumhaz,
                                                                opts.get("censopts"))
    columns.update(more_columns)
    added, added_options, below = extras.added(drawn)
    plots = (added if below else []) + bands + [plot for plot, _ in lines] + more + ([] if below else added)
    first = len(added) if below else 0  # the curves' plot numbers (legend keys) after addplot(, below)'s
    line_items = [(first + len(bands) + i, text) for i, (_, text) in enumerate(lines, start=1)]
    # the entries' texts as label()s, so a typed legend(label(# "text")) replaces them
    if by_vars:  # one entry per group (the bands share their line's colour)
        keyed = line_items
    elif bands:
        keyed = [(first + 1, f"{level:g}% CI")] + line_items
    else:  # one curve: no legend unless legend(on) is typed
        keyed = line_items
    legend = (" ".join(f'label({i} `"{text}"\')' for i, text in keyed)
              + f' order({" ".join(str(i) for i, _ in keyed)})')
    # a typed legend() is read after these in one legend() (graph options' legend()s do not merge)
    typed = [o for o in rest if o.name.startswith("leg")]
    rest = [o for o in rest if not o.name.startswith("leg")]
    turned_on = any(re.search(r"(^|\s)on(\s|$)", o.arg or "") for o in typed)
    if added and not (by_vars or bands):  # the ado's default legend: every plot keyed
        legend = " ".join(f'label({i} `"{text}"\')' for i, text in keyed)
    elif not (by_vars or bands or turned_on):
        legend += " off"
    legend = " ".join([legend] + [o.arg or "" for o in typed])
    graph_opts = y_labels(choice) + [Option("legend", legend)] + rest + added_options
    defaults = {"title": title(choice, bool(by_vars)), "xtitle": "analysis time", "ytitle": ""}
    scratch = extras.extend_scratch(_scratch_session(session, columns), session, strings, var_labels, bool(added))
    graph, builder = build_twoway(scratch, TwowayCall(tuple(plots), None, None, tuple(graph_opts)), cmd.text,
                                  defaults=defaults)
    graph = extras.with_risk_table(graph, drawn, session, by_vars, group_list, kms, tmin, tmax)
    finish(session, graph, builder.graph_options)
    _save_outfile(session, drawn, choice, opts, by_vars, group_list, weights, level, tmin, tmax)


def _save_outfile(session, drawn, choice, opts, by_vars, group_list, weights, level, tmin, tmax) -> None:
    """outfile(): the graph's data saved (after the graph, as the ado's last step)."""
    if drawn.outfile is not None:
        from mlmcli.commands.survival.sts_graph_outfile import save_outfile

        save_outfile(session, drawn.outfile, choice, opts, drawn, by_vars, group_list, weights, level, tmin, tmax)


def graph_rows(session, choice, opts, drawn, by_vars, group_list, weights, tmin: float, tmax: float):
    """The rows Graph_wrk draws the labels and marks from (sts_graph_outfile_rows.graph_rows, what
    outfile() saves); None without labels or marks (or rows)."""
    if not (drawn.lost or drawn.atrisk or drawn.censored) or choice.adjust or choice.statistic == "hazard":
        return None
    from mlmcli.commands.survival.sts_graph_outfile_rows import graph_rows as rows_of

    return rows_of(session, choice, opts, drawn, bool(by_vars), group_list, weights, tmin, tmax)[0]


def st_origin_curves(curves, choice, noorigin: bool, tmin: float, tmax: float) -> list:
    """With ``enter``, ``atrisk`` or ``censored()`` Graph_wrk keeps st_ct's row at time 0 (the
    records entering there; S = 1, 0 for the failure function and the cumulative hazard) in the
    data it draws the curve from, so under ``noorigin`` -- and for the cumulative hazard, which
    sets it -- a group with records entering at 0 still starts at time 0 (within tmin()/tmax();
    no band there: the bounds are missing where the function is 1 or 0)."""
    from dataclasses import replace

    if not (noorigin or choice.statistic == "cumhaz") or not tmin <= 0 <= tmax:
        return curves
    start = 0.0 if choice.statistic in ("failure", "cumhaz") else choice.per
    out = []
    for curve in curves:
        km = curve.km
        if km is None or km.entry != 0 or not curve.x.size or curve.x[0] <= 0:
            out.append(curve)
            continue
        lower, upper = ((None, None) if curve.lower is None else
                        (np.r_[np.nan, curve.lower], np.r_[np.nan, curve.upper]))
        out.append(replace(curve, x=np.r_[0.0, curve.x], y=np.r_[start, curve.y], lower=lower, upper=upper))
    return out


def _censored_choice(text) -> str | None:
    """censored(single|number|multiple): the word, or None."""
    from mlmcli.syntax.abbreviation import abbreviates

    if text is None:
        return False
    word = (text or "").strip().lower()
    for name, full in (("single", "single"), ("number", "numbered"), ("multiple", "multiple")):
        if word and abbreviates(word, full, 1):  # the ado reads censored(numbered) too
            return name
    raise StataError("censored() invalid", 198)


def _description(session):
    from mlmcli.commands.data.survival_settings import require_st

    return require_st(session.data)


def _scratch_session(session, columns: dict):
    """A session whose data are the step points (columns padded with missing to one length)."""
    import pandas as pd

    from mlmcli.dataset import Dataset

    n = max((len(v) for v in columns.values()), default=0)
    frame = pd.DataFrame({k: np.r_[np.asarray(v, float), np.full(n - len(v), np.nan)] for k, v in columns.items()})
    scratch = copy.copy(session)
    scratch.data = Dataset(df=frame, types={k: "double" for k in frame})
    scratch.by_vars = ()
    return scratch
