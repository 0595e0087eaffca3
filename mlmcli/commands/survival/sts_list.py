"""``sts list [if] [in] [, survival failure cumhaz|na by(varlist) at(#|numlist) compare enter
level(#) noshow saving(filename[, replace])]``: the Kaplan-Meier (failure, Nelson-Aalen) table
(Time, Beg. Total, Fail, Net Lost or Lost and Enter, the function, its standard error and
interval) at every time, or at the at() times (the row in effect there, failures since the
previous at() time), or with compare the groups' functions side by side at the at() times
(default at(10): about ten times over the data) -- sts.ado's List, Listat and Licompu."""
from __future__ import annotations

import numpy as np

from mlmcli.commands.survival.sts import (at_times, by_variables, compare_texts, group_key, groups, st_columns,
                                          st_sample, st_weights, refuse_unimplemented, show_st)
from mlmcli.commands.survival.sts_adjusted import list_adjusted
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level

STS_LIST_SPECS = [OptionSpec(*row) for row in (
    ("by", None, True), ("at", None, True), ("failure", 1), ("survival", 3), ("level", 1, True),
    ("noshow", 4), ("cumhaz", 4), ("na", None), ("compare", 1), ("enter", 1), ("saving", 3, True),
    ("strata", 2, True), ("adjustfor", 2, True),
)]
REFUSED: list[OptionSpec] = []


def cmd_sts_list(session, cmd) -> None:
    from mlmcli.commands.data.survival_settings import require_st
    from mlmcli.commands.survival.sts_list_saving import parse_saving, save_compare, save_listing
    from mlmcli.render.survival_sts import render_sts_compare, render_sts_list
    from mlmcli.survival.km_listing import at_rows, compare_values, grid, listing_table
    from mlmcli.syntax.options import resolve_options

    if cmd.args.strip():
        raise StataError("varlist not allowed", 101)
    refuse_unimplemented(cmd.options, REFUSED)
    opts = resolve_options(cmd.options, STS_LIST_SPECS)
    if opts.get("cumhaz") and opts.get("na"):
        raise StataError("options cumhaz and na may not be combined", 198)
    saving = parse_saving(opts["saving"]) if opts.get("saving") is not None else None
    chosen = [w for w in ("survival", "failure", "cumhaz", "na") if opts.get(w)]
    if len(chosen) > 1:
        raise StataError(f"options {chosen[0]} and {chosen[1]} may not be combined", 198)
    function = "na" if chosen and chosen[0] in ("cumhaz", "na") else "failure" if opts.get("failure") else "survival"
    description = require_st(session.data)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    if opts.get("adjustfor") or opts.get("strata"):  # sts_adjusted: the adjusted function's listing
        return list_adjusted(session, cmd, opts, description, saving)
    by_vars = by_variables(session, opts.get("by"))
    compare = bool(opts.get("compare"))
    if compare and not by_vars:
        raise StataError("compare requires by()" if function == "na" else "compare requires by() or strata()", 198)
    at_text = opts.get("at") or ("10" if compare else None)
    at = at_times(str(at_text)) if at_text else None
    show_st(session, opts, description)
    rows = st_sample(session, cmd, by_vars)
    weights = st_weights(session, description)
    enter = bool(opts.get("enter"))
    found = groups(session, by_vars, rows)
    tables = []
    for _, _, mask in found:
        t0, t, d = st_columns(session, mask)
        tables.append(listing_table(t0, t, d, None if weights is None else weights[mask], level, function, enter))
    if isinstance(at, tuple):
        at = grid(tables, at[1])
    keys = [group_key(session, by_vars, mask) for _, _, mask in found]
    if compare:
        values = [compare_values(table, at) for table in tables]
        chunks = [(by_vars, [compare_texts(session, by_vars, key) for key in keys[i:i + 6]], values[i:i + 6])
                  for i in range(0, len(keys), 6)]
        session.print(render_sts_compare(chunks, function, at))
        if saving:
            save_compare(session, *saving, by_vars, keys, at, values, function)
        return
    if at is not None:
        listed = [(heading, at_rows(table, at, function)) for (_, heading, _), table in zip(found, tables)]
    else:
        listed = [(heading, _table_rows(table, enter)) for (_, heading, _), table in zip(found, tables)]
    session.print(render_sts_list(listed, function == "failure", level, at is not None, function=function,
                                  enter=enter and at is None))
    if saving:
        save_listing(session, *saving, by_vars, [(key, rows_) for key, (_, rows_) in zip(keys, listed)], function,
                     level, "at" if at is not None else "table", enter)


def _table_rows(table, enter: bool) -> list[tuple]:
    """List's rows: without enter the row at time 0 is not shown."""
    keep = np.ones(table.time.size, bool) if enter else table.time != 0
    return [(table.time[i], table.at_risk[i], table.failed[i], table.lost[i], table.value[i], table.se[i],
             table.lower[i], table.upper[i], table.entered[i]) for i in np.flatnonzero(keep)]
