"""``prsnperd`` (Alexis Dinno's dthaz package, SSC): person-level survival data to
person-period data for discrete-time hazard models, as prsnperd.ado (version 8 branch) does:

    prsnperd idvar timevar [censorvar] [, cswitch]

Each observation is expanded to ``timevar`` copies, sorted by ``idvar``, and numbered
``_period`` = 1, 2, ... within ``idvar``.  With a censoring variable (0 = event, 1 =
censored; ``cswitch``: 1 = event, 0 = censored) it also makes the period indicators
``_d1``-``_d``max, the event indicator ``_Y`` (1 in the last period of an observed event) and
``_status`` (1 left, 2 stayed, 3 censored), and says "No variation in event occurrence for
period #!" for a period whose rows are all events or all non-events.

The ado's ``truncate()``, ``pretrunc()``, ``tvp()``, ``fev()`` and ``copyleft`` are refused
(r(198)).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"prsnperd": "prsnperd idvar timevar [censorvar] [, cswitch] : person-period data "
                    "(community command, dthaz)"}

_REFUSED = ("truncate", "pretrunc", "tvp", "fev", "copyleft")


def cmd_prsnperd(session, cmd) -> None:
    ds = session.data
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else []
    if not names:
        raise StataError("varlist required", 100)
    if len(names) > 3:
        raise StataError("too many variables specified", 103)
    if len(names) < 2:
        raise StataError("too few variables specified", 102)
    for name in names:
        if ds.is_string(name):
            raise StataError("type mismatch", 109)
    opts = resolve_options(cmd.options, [OptionSpec("cswitch", 2)] + [
        OptionSpec(name, 1, takes_arg=name not in ("copyleft",)) for name in _REFUSED])
    for name in _REFUSED:
        if opts.get(name) not in (None, False):
            raise StataError(f"option {name}() not available in mlm's prsnperd (expand by hand)", 198)
    cswitch = bool(opts.get("cswitch"))
    idvar, timevar = names[0], names[1]
    censor = names[2] if len(names) == 3 else None
    new = ["_period"] + ([] if censor is None else ["_Y", "_status"])
    for name in new:
        if name in ds.varnames:
            raise StataError(f"variable {name} already defined", 110)
    if cswitch:
        session.print("\nCSwitch option ON. Assuming 0 = censored; 1 = event/failure for censor variable.\n")
    times = ds.numeric(timevar)
    copies = np.where(np.isnan(times) | (times < 1), 1, np.floor(np.nan_to_num(times, nan=1.0))).astype(np.int64)
    if censor is not None:
        top = int(np.nanmax(times)) if np.any(~np.isnan(times)) else 0
        if any(f"_d{k}" in ds.varnames for k in range(1, top + 1)):
            raise StataError(f"variable _d{next(k for k in range(1, top + 1) if f'_d{k}' in ds.varnames)} "
                             "already defined", 110)
    # expand, then sort by idvar: each observation's copies beside it, in id order
    rows = np.repeat(np.arange(ds.nobs), copies)
    ids = ds.numeric(idvar)[rows]
    rows = rows[np.argsort(np.where(np.isnan(ids), np.inf, ids), kind="stable")]
    ds.replace_rows(ds.df.iloc[rows].reset_index(drop=True), rows)
    ds.sortedby = (idvar,)
    ids = ds.numeric(idvar)
    starts = np.r_[True, ids[1:] != ids[:-1]] if len(ids) else np.zeros(0, bool)
    group_start = np.maximum.accumulate(np.where(starts, np.arange(len(ids)), 0))
    period = np.arange(len(ids)) - group_start + 1
    ds.set_variable("_period", period.astype(float), "float")  # the ado's generate: the default type
    ds.changed = True
    if censor is None:
        return
    times = ds.numeric(timevar)
    cens = ds.numeric(censor)
    maxl = int(np.nanmax(times)) if np.any(~np.isnan(times)) else 0
    for k in range(1, maxl + 1):
        ds.set_variable(f"_d{k}", (period == k).astype(float), "float")
    event_code = 1.0 if cswitch else 0.0
    y = ((period == times) & (cens == event_code)).astype(float)
    ds.set_variable("_Y", y, "float")
    ds.var_labels["_Y"] = "0: Event did not happen; 1: Event happened"
    status = 1 + (1 - y)
    status = np.where((status == 2) & (period == times) & (cens == 1.0 - event_code), 3, status)
    ds.set_variable("_status", status, "float")
    ds.var_labels["_status"] = "1: Left; 2: Stayed; 3: Censored"
    for k in range(1, maxl + 1):
        at = period == k
        if not np.any(at & (y == 1)) or not np.any(at & (y == 0)):
            session.print(f"No variation in event occurrence for period {k}!")
