"""``tsfill`` and ``tsappend`` ([TS] tsfill, [TS] tsappend): new observations for the times
a ``tsset`` series lacks, as tsfill.ado 6.2.1 and tsappend.ado 1.1.5 make them.

    tsfill [, full]
    tsappend, {add(#) | last(date) tsfmt(string)} [panel(#)]

New observations hold the panel and time values and missing elsewhere (tsappend's
``last()`` on panel data copies a panel's last observation and then clears every variable
but the panel, the time and names starting with ``_``, as _tsappend3 does).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.panel.time_settings import panel_setting, time_setting
from mlmcli.errors import StataError
from mlmcli.panel.time_settings import from_hex21
from mlmcli.syntax.options import OptionSpec, resolve_options


def _settings(ds) -> tuple[str | None, str, float]:
    tvar = time_setting(ds)
    if tvar is None:
        raise StataError("time variable not set, use tsset varname ...", 111)
    return panel_setting(ds), tvar, from_hex21(ds.chars.get("_TSdelta"))


def _no_if_in(cmd) -> None:
    if cmd.if_exp is not None:
        raise StataError("if not allowed", 101)
    if cmd.in_range is not None:
        raise StataError("in range not allowed", 101)
    if cmd.args.strip():
        raise StataError("varlist not allowed", 101)


def _append_rows(ds, panel, tvar, keys: list[tuple[float, float]], sort: bool,
                 template_rows=None, keep_underscore: bool = False) -> None:
    """Add observations with (panel, time) = ``keys``; then sort by panel and time (tsfill)
    or leave them at the end (tsappend's sortpreserve).  ``template_rows``: the row each new
    observation copies before its other variables are cleared."""
    if not keys:
        return
    df = ds.df
    n = len(df)
    if template_rows is None:
        added = pd.DataFrame({c: ([""] * len(keys) if ds.is_string(c) else np.full(len(keys), np.nan))
                              for c in df.columns})
    else:
        added = df.iloc[np.asarray(template_rows)].reset_index(drop=True).copy()
        for c in df.columns:
            if c in (panel, tvar) or (keep_underscore and c.startswith("_")):
                continue
            added[c] = "" if ds.is_string(c) else np.nan
    if panel:
        added[panel] = [k[0] for k in keys]
    added[tvar] = [k[1] for k in keys]
    out = pd.concat([df, added], ignore_index=True)
    for c in df.columns:
        out[c] = out[c].astype(object) if ds.is_string(c) else out[c].astype(df[c].dtype if df[c].dtype.kind == "f" else float)
    source = np.concatenate([np.arange(n), np.full(len(keys), -1)])
    if sort:
        p = out[panel].to_numpy(float) if panel else np.zeros(len(out))
        t = out[tvar].to_numpy(float)
        order = np.lexsort((np.arange(len(out)), np.nan_to_num(t, nan=np.inf), np.nan_to_num(p, nan=np.inf)))
        out, source = out.iloc[order].reset_index(drop=True), source[order]
        ds.sortedby = tuple(v for v in (panel, tvar) if v)
    else:
        ds.sortedby = ()
    ds.replace_rows(out, source)
    ds.changed = True


append_time_rows = _append_rows  # fcast compute's tsfill/tsappend (commands/postestimation/var_forecast.py)


def _panels(ds, panel, tvar):
    """{panel value: sorted nonmissing times} (one panel, key 0, without a panel variable)."""
    t = ds.numeric(tvar)
    p = ds.numeric(panel) if panel else np.zeros(len(t))
    ok = ~np.isnan(t) & ~np.isnan(p)
    frame = pd.DataFrame({"p": p[ok], "t": t[ok]})
    return {k: np.sort(g.to_numpy()) for k, g in frame.groupby("p")["t"]}


def missing_times(ds, panel, tvar, delta: float, full: bool = False) -> list[tuple[float, float]]:
    """The (panel, time) pairs tsfill adds: the times between each panel's first and last
    (``full``: between the earliest and latest of all panels), delta apart."""
    groups = _panels(ds, panel, tvar)
    if not groups:
        return []
    lo = min(g[0] for g in groups.values())
    hi = max(g[-1] for g in groups.values())

    def between(a: float, b: float) -> list[float]:  # a + delta, a + 2 delta, ... before b
        return [a + delta * j for j in range(1, int(round((b - a) / delta)))]

    keys = []
    for p, times in groups.items():
        new = [t for a, b in zip(times[:-1], times[1:]) for t in between(a, b)]
        if full:
            new = ([lo + delta * j for j in range(int(round((times[0] - lo) / delta)))] + new
                   + between(times[-1], hi + delta))
        keys.extend((p, t) for t in new)
    return sorted(keys)


def cmd_tsfill(session, cmd) -> None:
    """``tsfill [, full]``."""
    opts = resolve_options(cmd.options, [OptionSpec("full", 1)])
    _no_if_in(cmd)
    ds = session.data
    panel, tvar, delta = _settings(ds)
    t = ds.numeric(tvar)
    if opts.get("full") and np.isnan(t).any():
        raise StataError(f"timevar ({tvar}) may not contain missing values when option full is specified", 451)
    _check_repeats(ds, panel, tvar)
    _append_rows(ds, panel, tvar, missing_times(ds, panel, tvar, delta, bool(opts.get("full"))), sort=True)


def _check_repeats(ds, panel, tvar) -> None:
    t = ds.numeric(tvar)
    p = ds.numeric(panel) if panel else np.zeros(len(t))
    ok = ~np.isnan(t)
    if pd.DataFrame({"p": p[ok], "t": t[ok]}).duplicated().any():
        # tsfill.ado swaps the two messages (its "within panel" is printed without a panel)
        raise StataError("repeated time values in sample" if panel else "repeated time values within panel", 451)


def _positive_add(text, strictly: bool) -> int:
    try:
        value = float(str(text).strip())
    except ValueError:
        raise StataError("add() must specify a positive integer ", 198) from None
    if value != int(value):
        raise StataError("add() must specify a positive integer ", 198)
    if value <= 0:
        raise StataError("add() must specify a strictly positive integer " if strictly
                         else "add() must specify a positive integer ", 198)
    return int(value)


def _last_time(session, last, tsfmt) -> float:
    """last() read by the tsfmt() pseudofunction: ``tq(2014q4)``."""
    if tsfmt is None:
        raise StataError("tsfmt() must be specified with last()", 198)
    from mlmcli.expr import evaluate_number

    return evaluate_number(session, f"{str(tsfmt).strip()}({str(last).strip()})")


def cmd_tsappend(session, cmd) -> None:
    """``tsappend, add(#)`` / ``tsappend, last(date) tsfmt(string)`` [``panel(#)``]."""
    opts = resolve_options(cmd.options, [OptionSpec("add", 3, True), OptionSpec("last", 4, True),
                                         OptionSpec("tsfmt", 5, True), OptionSpec("panel", 5, True)])
    _no_if_in(cmd)
    add, last, tsfmt, one = (opts.get(k) for k in ("add", "last", "tsfmt", "panel"))
    if add is not None and tsfmt is not None:
        raise StataError("specify add() or tsfmt(), not both", 198)
    if add is None and last is None:
        raise StataError("you must specify either add() or last() ", 198)
    if add is not None and last is not None:
        raise StataError("you must specify either add() or last() , not both", 198)
    ds = session.data
    panel, tvar, delta = _settings(ds)
    if panel and np.isnan(ds.numeric(panel)).any():
        raise StataError("missing values in panel variable not allowed", 198)
    if one is not None and not panel:
        raise StataError("no panel variable has been tsset", 198)
    if one is not None:
        try:
            one_value = float(str(one).strip())
            assert one_value == int(one_value)
        except (ValueError, AssertionError):
            raise StataError("panel() must specify an integer that corresponds to a panel", 7) from None
        if not np.any(ds.numeric(panel) == one_value):
            raise StataError(f"no observations for which {panel} == {str(one).strip()}", 2000)
    _check_repeats(ds, panel, tvar)
    if np.isnan(ds.numeric(tvar)).any():
        raise StataError("the time variable may not be missing", 198)
    # every check before the data change (a failing command leaves the data as they were)
    if not ds.nobs:  # no last period to extend from
        raise StataError("no observations", 2000)
    target = _last_time(session, last, tsfmt) if last is not None else None
    n_add = _positive_add(add, strictly=not panel) if add is not None else None
    _append_rows(ds, panel, tvar, missing_times(ds, panel, tvar, delta), sort=True)  # its tsreport + tsfill
    groups = _panels(ds, panel, tvar)
    if not panel or one is not None:
        key = 0.0 if not panel else one_value
        tmax = groups[key][-1]
        target = target if last is not None else tmax + n_add
        if target <= tmax:
            text = f"{target:.0f}" if float(target).is_integer() else repr(target)
            if panel:
                session.print(f"{text} is already in panel {str(one).strip()} ")
            else:
                session.print(f"{text} is already in the dataset")
            session.set_r({"add": 0.0})
            return
        count = (target - tmax) / delta if last is not None else float(n_add)
        keys = [(key, tmax + delta * j) for j in range(1, int(count) + 1)]
        _append_rows(ds, panel, tvar, keys, sort=False)
        session.set_r({"add": float(count)})
        return
    if last is not None:  # _tsappend3: every panel up to last()
        first = next(iter(groups))
        if target <= groups[first][-1]:
            session.print(f"Some panels have observations later than {target:.0f}")
        keys, rows, total = [], [], 0.0
        p, t = ds.numeric(panel), ds.numeric(tvar)
        for key, times in groups.items():
            tmax = times[-1]
            copies = max((target - tmax) / delta + 1, 1)
            total += copies
            src = int(np.flatnonzero((p == key) & (t == tmax))[0])
            for j in range(1, int(round(copies))):
                keys.append((key, tmax + delta * j))
                rows.append(src)
        _append_rows(ds, panel, tvar, keys, sort=False, template_rows=rows, keep_underscore=True)
        session.set_r({"add": total - max(groups)})  # _tsappend3: r(sum) - r(max) of the panel ids
        return
    # _tsappend4: add() periods after each panel's last
    keys = [(key, times[-1] + delta * j) for key, times in groups.items() for j in range(1, n_add + 1)]
    _append_rows(ds, panel, tvar, keys, sort=False)
    session.set_r({"add": float(n_add)})
