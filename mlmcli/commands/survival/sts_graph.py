"""``sts graph [if] [in] [, by(varlist) failure ci level(#) noorigin tmin(#) tmax(#)
plotopts() plot#opts() ciopts() ci#opts() twoway_options]``: the Kaplan-Meier survivor (or
failure) function as a step line per by() group, drawn as a twoway graph like sts_graph.ado's:
title "Kaplan-Meier survival estimate", x title "analysis time", y labels 0.00 ... 1.00, a
legend "g = 1" ... with by(), and the pointwise log-log confidence band as an rarea under each
line with ``ci``.  Options of Stata's sts graph that mlm does not draw are refused."""
from __future__ import annotations

import copy
import re

import numpy as np

from mlmcli.ast import Option
from mlmcli.commands.survival import sts_graph_extras as extras
from mlmcli.commands.survival.sts import (by_variables, estimate, groups, st_sample, st_weights,
                                          refused_spec, unsupported)
from mlmcli.commands.survival.sts_graph_extras import EXTRA_SPECS
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level

STS_GRAPH_SPECS = [OptionSpec(*row) for row in (
    ("by", None, True), ("failure", 4), ("ci", None), ("level", 1, True), ("noorigin", None),
    ("tmin", None, True), ("tmax", None, True), ("plotopts", None, True), ("ciopts", None, True),
    ("cumhaz", None), ("na", None), ("censored", 4, True), ("censopts", None, True),
)] + EXTRA_SPECS
# Stata 13's sts graph options mlm does not draw (refused, never ignored)
REFUSED = [OptionSpec(*row) for row in (
    ("strata", None, True), ("adjustfor", None, True), ("separate", None), ("hazard", None), ("gwood", None), ("cna", None), ("per", None, True),
    ("kernel", None, True), ("width", None, True), ("noshow", None),
)]
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
    by_vars = by_variables(session, opts.get("by"))
    rows = st_sample(session, cmd, by_vars)
    weights = st_weights(session, _description(session))
    failure = bool(opts.get("failure"))
    cumhaz = bool(opts.get("cumhaz") or opts.get("na"))
    if cumhaz and failure:
        raise StataError("options failure and cumhaz may not be combined", 198)
    if cumhaz and opts.get("ci"):
        raise StataError("option ci with cumhaz not supported by mlmcli", 198)
    tmin = _number(opts, "tmin", -np.inf)
    tmax = _number(opts, "tmax", np.inf)
    columns: dict[str, np.ndarray] = {}
    censored = _censored_choice(opts.get("censored"))
    drawn = extras.read(opts, by_vars, censored, [o.name for o in rest])
    kms = []  # (table, the function at each row) per group, for the labels, marks and at-risk table
    bands, lines, marks = [], [], []  # every band is drawn first, so no band hides another group's line
    group_list = groups(session, by_vars, rows)
    for kind, k in numbered:
        if k > len(group_list):
            raise StataError(f"{kind}{k}opts() invalid: there {'is' if len(group_list) == 1 else 'are'} "
                              f"only {len(group_list)} group{'' if len(group_list) == 1 else 's'}", 198)
    for k, (label, _, mask) in enumerate(group_list, start=1):
        km = estimate(session, mask, weights, level)
        xs, ys, lbs, ubs = step_points(km, failure, bool(opts.get("noorigin")), tmin, tmax, cumhaz)
        columns.update({f"_t{k}": xs, f"_s{k}": ys})
        if opts.get("ci"):
            bx, blo, bhi = band_points(xs, lbs, ubs)
            columns.update({f"_x{k}": bx, f"_lb{k}": blo, f"_ub{k}": bhi})
            bands.append(_plot("rarea", f"_lb{k} _ub{k} _x{k}", k, opts.get("ciopts"), numbered.get(("ci", k)),
                               (Option("color", "*.35"),)))
        lines.append((_plot("line", f"_s{k} _t{k}", k, opts.get("plotopts"), numbered.get(("plot", k)),
                            (Option("connect", "J"),)),
                      label or ("Cumulative hazard" if cumhaz else "Failure function" if failure
                                else "Survivor function")))
        _, row_values, _, _ = step_points(km, failure, True, -np.inf, np.inf, cumhaz)  # one per table row
        kms.append((km, row_values))
        if censored in ("single", "number"):  # a hash mark on the line at each time with a censored record
            at = km.censored > 0
            cx, cy = km.time[at], row_values[at]
            keep = (cx >= tmin) & (cx <= tmax)
            columns.update({f"_cx{k}": cx[keep], f"_cy{k}": cy[keep]})
            marks.append(_plot("scatter", f"_cy{k} _cx{k}", k, opts.get("censopts"), None,
                               (Option("msymbol", "pipe"),)))
    more_columns, strings, var_labels, more = extras.mark_plots(drawn, kms, tmin, tmax, cumhaz, opts.get("censopts"))
    columns.update(more_columns)
    added, added_options, below = extras.added(drawn)
    plots = (added if below else []) + bands + [plot for plot, _ in lines] + marks + more + ([] if below else added)
    first = len(added) if below else 0  # the curves' plot numbers (legend keys) after addplot(, below)'s
    line_items = [(first + len(bands) + i, text) for i, (_, text) in enumerate(lines, start=1)]
    # the entries' texts as label()s, so a typed legend(label(# "text")) replaces them
    if by_vars:  # one entry per group (the bands share their line's colour)
        keyed = line_items
    elif opts.get("ci"):
        keyed = [(first + 1, f"{level:g}% CI")] + line_items
    else:  # one curve: no legend unless legend(on) is typed
        keyed = line_items
    legend = (" ".join(f'label({i} `"{text}"\')' for i, text in keyed)
              + f' order({" ".join(str(i) for i, _ in keyed)})')
    # a typed legend() is read after these in one legend() (graph options' legend()s do not merge)
    typed = [o for o in rest if o.name.lower().startswith("leg")]
    rest = [o for o in rest if not o.name.lower().startswith("leg")]
    turned_on = any(re.search(r"(^|\s)on(\s|$)", o.arg or "") for o in typed)
    if added and not (by_vars or opts.get("ci")):  # the ado's default legend: every plot keyed
        legend = " ".join(f'label({i} `"{text}"\')' for i, text in keyed)
    elif not (by_vars or opts.get("ci") or turned_on):
        legend += " off"
    legend = " ".join([legend] + [o.arg or "" for o in typed])
    graph_opts = ([] if cumhaz else [Option("ylabel", "0(.25)1, format(%4.2f)")]) + [Option("legend", legend)] + rest \
        + added_options
    defaults = {"title": "Nelson-Aalen cumulative hazard estimate" if cumhaz else
                "Kaplan-Meier " + ("failure" if failure else "survival") + " estimate",
                "xtitle": "analysis time", "ytitle": ""}
    scratch = extras.extend_scratch(_scratch_session(session, columns), session, strings, var_labels, bool(added))
    graph, builder = build_twoway(scratch, TwowayCall(tuple(plots), None, None, tuple(graph_opts)), cmd.text,
                                  defaults=defaults)
    graph = extras.with_risk_table(graph, drawn, session, by_vars, group_list, kms, tmin, tmax)
    finish(session, graph, builder.graph_options)
    if drawn.outfile is not None:
        from mlmcli.commands.survival.sts_graph_outfile import save_outfile

        save_outfile(session, drawn.outfile, by_vars, group_list, kms, opts, failure, cumhaz, tmin, tmax)


def step_points(km, failure: bool, noorigin: bool, tmin: float, tmax: float, cumhaz: bool = False):
    """(times, estimate, lower, upper) of the step line: (0, 1) first unless noorigin -- (0, 0)
    for the Nelson-Aalen cumulative hazard, sum d/n -- then one point per table row, within
    [tmin, tmax]."""
    xs, ys, lo, hi = km.time, km.survival, km.lower, km.upper
    if cumhaz:
        with np.errstate(divide="ignore", invalid="ignore"):
            ys = np.cumsum(np.where(km.at_risk > 0, km.failed / km.at_risk, 0.0))
    if not noorigin:
        start = min(0.0, km.entry)
        xs, ys = np.r_[start, xs], np.r_[0.0 if cumhaz else 1.0, ys]
        lo, hi = np.r_[np.nan, lo], np.r_[np.nan, hi]
    if failure:
        ys, lo, hi = 1.0 - ys, 1.0 - hi, 1.0 - lo
    keep = (xs >= tmin) & (xs <= tmax)
    return xs[keep], ys[keep], lo[keep], hi[keep]


def band_points(xs, lo, hi):
    """The band's stairs: each bound held until the next time (x doubled), as connect(J) draws
    the line; no band where the interval is missing (before the first failure, at S = 0)."""
    if xs.size == 0:
        return xs, lo, hi
    bx = np.repeat(xs, 2)[1:]
    blo = np.repeat(lo, 2)[:-1]
    bhi = np.repeat(hi, 2)[:-1]
    return bx, blo, bhi


def _plot(kind, varlist, k, common, own, extra):
    from mlmcli.commands.survival.sts_graph_marks import plot_call

    return plot_call(kind, varlist, k, common, own, extra)


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


def _number(opts, name, default):
    if name not in opts:
        return default
    try:
        return float(opts[name])
    except (TypeError, ValueError):
        raise StataError(f"{name}() invalid", 198) from None


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
