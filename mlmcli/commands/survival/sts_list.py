"""``sts list [if] [in] [, by(varlist) at(numlist) failure survival level(#) noshow]``: the
Kaplan-Meier table (Time, Beg. Total, Fail, Net Lost, Survivor Function, Std. Error and the
log-log interval) at every time, or at the at() times (failures since the previous at() time,
the number at risk at the time, and the function evaluated there)."""
from __future__ import annotations

import numpy as np

from mlmcli.commands.survival.sts import (by_variables, estimate, groups, st_sample, st_weights,
                                          refuse_unimplemented)
from mlmcli.commands.survival.sts_adjusted import list_adjusted
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level

STS_LIST_SPECS = [OptionSpec(*row) for row in (
    ("by", None, True), ("at", None, True), ("failure", 1), ("survival", None), ("level", 1, True),
    ("noshow", 4), ("strata", 2, True), ("adjustfor", 2, True),
)]
REFUSED = [OptionSpec(*row) for row in (
    ("compare", 1), ("enter", 1), ("na", None), ("cumhaz", None),
    ("saving", None, True), ("risktable", None, True, True), ("cna", None),
)]


def cmd_sts_list(session, cmd) -> None:
    from mlmcli.commands.data.survival_settings import require_st
    from mlmcli.render.survival import render_st_show
    from mlmcli.render.survival_sts import render_sts_list
    from mlmcli.syntax.numlist import numlist
    from mlmcli.syntax.options import resolve_options

    if cmd.args.strip():
        raise StataError("varlist not allowed", 101)
    refuse_unimplemented(cmd.options, REFUSED)
    opts = resolve_options(cmd.options, STS_LIST_SPECS)
    if opts.get("failure") and opts.get("survival"):
        raise StataError("options failure and survival may not be combined", 198)
    description = require_st(session.data)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    if opts.get("adjustfor") or opts.get("strata"):  # sts_adjusted: the adjusted function's listing
        return list_adjusted(session, cmd, opts, description)
    by_vars = by_variables(session, opts.get("by"))
    rows = st_sample(session, cmd, by_vars)
    weights = st_weights(session, description)
    at = np.sort(np.asarray(numlist(opts["at"]), float)) if opts.get("at") else None
    failure = bool(opts.get("failure"))
    listed = []
    for _, heading, mask in groups(session, by_vars, rows):
        km = estimate(session, mask, weights, level)
        listed.append((heading, table_rows(km, failure) if at is None else at_rows(session, km, mask, weights,
                                                                                  at, failure)))
    if not opts.get("noshow"):
        session.print(render_st_show(description))
    session.print(render_sts_list(listed, failure, level, at is not None))


def _function(km, index, failure: bool):
    """(S or 1-S, se, lower, upper) at table rows ``index`` (-1: before the first row)."""
    def pick(values, before):
        return np.where(index >= 0, values[np.maximum(index, 0)], before)

    s = pick(km.survival, 1.0)
    se, lb, ub = (pick(v, np.nan) for v in (km.std_error, km.lower, km.upper))
    if failure:
        s, lb, ub = 1.0 - s, 1.0 - ub, 1.0 - lb
    return s, se, lb, ub


def table_rows(km, failure: bool) -> list[tuple]:
    """One row per time where a record fails or is lost (an entry-only time is folded into
    Net Lost of its row: rows are the times where Stata's table has a failure or a loss)."""
    index = np.arange(km.time.size)
    s, se, lb, ub = _function(km, index, failure)
    return [(km.time[i], km.at_risk[i], km.failed[i], km.net_lost[i], s[i], se[i], lb[i], ub[i])
            for i in index if km.failed[i] or km.censored[i] or km.entered[i]]


def at_rows(session, km, mask, weights, at: np.ndarray, failure: bool) -> list[tuple]:
    """At each at() time: at risk then (t0 < u <= t), failures in (previous time, u], the
    function at u."""
    from mlmcli.commands.survival.sts import st_columns

    t0, t, d = st_columns(session, mask)
    w = np.ones_like(t) if weights is None else weights[mask]
    s, se, lb, ub = _function(km, km.at(at), failure)
    out, previous = [], -np.inf
    for k, u in enumerate(at):
        total = float(w[(t0 < u) & (t >= u)].sum())
        fail = float(w[(d != 0) & (t > previous) & (t <= u)].sum())
        out.append((u, total, fail, None, s[k], se[k], lb[k], ub[k]))
        previous = u
    return out
