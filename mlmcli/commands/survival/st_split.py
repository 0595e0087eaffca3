"""``stsplit`` and ``stjoin``: split st records into episodes and join them back (stsplit.ado,
stjoin.ado); the episodes from ``mlmcli.survival.splitting``.

    stsplit [type] newvar [=exp] [if], {at(numlist) | every(exp)} [after(spec) trim codesplit(#)
            nopreserve fast]
    stsplit [if], at(failures) [strata(varlist) riskset(newvar) list nopreserve fast]
    stjoin [, censored(numlist)]

The split records keep stset's settings: their _t0/_t/_d, the time variable (``_t*scale +
origin``) and the failure variable (missing, or codesplit(), on every episode but a record's
last) change as stsplit.ado's ModifyUserVars changes them, so stset run again gives the same
records.  Record order (a decision without Stata's evidence where Stata's sort is unstable):
the used records in their order, each followed by its episodes, then the other records; for
at(failures) too (stsplit.ado leaves those sorted by failure time).
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.data.survival_settings import require_st
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

SPLIT_SPECS = [OptionSpec("at", 2, takes_arg=True), OptionSpec("every", 2, takes_arg=True),
               OptionSpec("after", 2, takes_arg=True), OptionSpec("trim", 4),
               OptionSpec("codesplit", 2, takes_arg=True),
               OptionSpec("nopreserve", 5), OptionSpec("fast", 4), OptionSpec("strata", 2, takes_arg=True),
               OptionSpec("riskset", 1, takes_arg=True), OptionSpec("list", 1)]


def _base(session, ds, exp_text: str | None, after: str | None, rows: np.ndarray) -> np.ndarray:
    """stsplit.ado's After: the analysis time at which each record's subject had the event
    (its negative: _t + base is the time since the event)."""
    from mlmcli.commands.data.common import evaluate

    n = ds.nobs
    if exp_text is not None and after is not None:
        raise StataError("=exp and after() may not be specified together", 198)
    if exp_text is not None:
        exp, on_time, how = exp_text, True, "min"
    else:
        text = after.strip()
        m = re.fullmatch(r"(time|t|_t)\s*=(.*)", text, re.S)
        if m is None:
            exp, on_time, how = text, True, "asis"
        else:
            on_time = m.group(1) == "time"
            rest = m.group(2).strip()
            f = re.fullmatch(r"(asis|min)\s*\((.*)\)", rest, re.S)
            exp, how = (f.group(2), f.group(1)) if f else (rest, "const")
    values = np.asarray(evaluate(session, exp), float)
    values = np.broadcast_to(values, (n,)).astype(float)
    ids = ds.numeric(ds.chars["st_id"])
    t = ds.numeric("_t")
    base = np.full(n, np.nan)
    for g in np.unique(ids[rows]):
        members = np.flatnonzero(rows & (ids == g))
        members = members[np.argsort(t[members], kind="stable")]
        v = values[members]
        if how == "min":
            chosen = np.fmin.reduce(v) if np.any(~np.isnan(v)) else np.nan
        elif how == "const":
            if not np.all((v == v[0]) | (np.isnan(v) & np.isnan(v[0]))):
                raise StataError("option after() must be constant within " + ds.chars["st_id"], 198)
            chosen = v[-1]
        else:
            chosen = v[-1]
        base[members] = chosen
    if on_time:
        o, s = _origin(ds), float(ds.chars.get("st_s", "1") or 1)
        return (o - base) / s
    return -base


def _origin(ds) -> np.ndarray:
    text = ds.chars.get("st_o", "0") or "0"
    try:
        return np.full(ds.nobs, float(text))
    except ValueError:
        return ds.numeric(text)


def _at_points(ds, text: str, base_given: bool) -> np.ndarray:
    from mlmcli.syntax.numlist import numlist

    if "max" in text:
        t = ds.numeric("_t")[ds.numeric("_st") == 1]
        text = text.replace("max", repr(float(np.max(t)) + 1 if t.size else float("nan")))
    values = np.unique(np.asarray(numlist(text), float))
    if not values.size:
        raise StataError("invalid numlist", 121)
    if not base_given and values.min() < 0:
        raise StataError("invalid numlist has elements outside of allowed range", 125)
    return values


def _store(vals, current: str):
    from mlmcli.commands.data.common import fit_storage, smallest_type

    vtype = smallest_type(vals, current) if current != "double" else "double"
    return fit_storage(vals, vtype), vtype


def _compressed(values: np.ndarray, vtype: str):
    from mlmcli.commands.data.common import fit_storage
    from mlmcli.storage_types import compressed_type

    values = fit_storage(values, vtype)
    return values, compressed_type(values, vtype) if vtype in ("float", "double") else vtype


def _install(ds, episodes, updates: dict, types: dict) -> None:
    """The new records: every variable copied from its source record, then ``updates``."""
    df = ds.df.iloc[episodes.source].reset_index(drop=True)
    for name, values in updates.items():
        df[name] = values
    ds.replace_rows(df, episodes.source)
    ds.types.update(types)
    ds.sortedby = ()
    ds.changed = True


def _user_variables(ds, episodes, codesplit: float) -> tuple[dict, dict]:
    """ModifyUserVars: the time variable(s) from _t/_t0 on used records, the failure variable
    set to codesplit() where a record was split off."""
    updates, types = {}, {}
    st = ds.numeric("_st")[episodes.source] == 1
    origin = _origin(ds)[episodes.source]
    scale = float(ds.chars.get("st_s", "1") or 1)
    for char, times in (("st_bt", episodes.t), ("st_bt0", episodes.t0)):
        name = ds.chars.get(char, "")
        if name and name in ds.varnames:
            new = np.where(st, times * scale + origin, ds.numeric(name)[episodes.source])
            updates[name], types[name] = _store(new, ds.types.get(name, "float"))
    bd = ds.chars.get("st_bd", "")
    if bd and bd in ds.varnames:
        new = np.where(episodes.split_off, codesplit, ds.numeric(bd)[episodes.source])
        updates[bd], types[bd] = _store(new, ds.types.get(bd, "float"))
    return updates, types


def add_st_note(ds, text: str) -> None:
    """st_note.ado: the st notes are _dta[st_n0] (their number) and _dta[st_n1], ..."""
    try:
        last = int(ds.chars.get("st_n0", "0"))
    except ValueError:
        last = 0
    ds.chars["st_n0"] = str(last + 1)
    ds.chars[f"st_n{last + 1}"] = text


def _created(session, before: int, after: int) -> None:
    from mlmcli.commands.data.common import commas

    k = after - before
    if k:
        s = "s" if k > 1 else ""
        session.print(f"({commas(k)} observation{s} (episode{s}) created)")
    else:
        session.print("(no new episodes generated)")


def cmd_stsplit(session, cmd) -> None:
    from mlmcli.commands.data.common import evaluate, mark
    from mlmcli.survival import splitting
    from mlmcli.syntax.varlist import check_new_name, parse_typed_name

    ds = session.data
    require_st(ds)
    if not ds.chars.get("st_id"):
        raise StataError("stsplit requires that you have previously stset an id() variable", 198)
    opts = resolve_options(cmd.options, SPLIT_SPECS)
    if cmd.in_range is not None:
        raise StataError("in not allowed", 101)
    at, every = opts.get("at"), opts.get("every")
    if at is None and every is None:
        raise StataError("options at() or every() should be specified", 198)
    if at is not None and every is not None:
        raise StataError("options at() and every() may not be specified together", 198)
    left, _, exp_text = cmd.args.partition("=")
    exp_text = exp_text.strip() if "=" in cmd.args else None
    at_failures = at is not None and at.strip() != "" and "failures".startswith(at.strip())
    codesplit = np.nan
    if opts.get("codesplit") is not None and str(opts["codesplit"]).strip() not in ("", "."):
        try:
            codesplit = float(str(opts["codesplit"]).strip())
        except ValueError:
            raise StataError("codesplit() must be a number", 198) from None
    rows = mark(session, cmd) & (ds.numeric("_st") == 1)
    t0, t, d = (ds.numeric(v).astype(float) for v in ("_t0", "_t", "_d"))
    n0 = ds.nobs
    if at_failures:
        return _split_failures(session, ds, cmd, opts, left, exp_text, rows, t0, t, d, n0)
    for name in ("strata", "riskset", "list"):
        if opts.get(name) is not None:
            raise StataError(f"option {name}{'()' if name != 'list' else ''} not allowed", 198)
    if every is not None and opts.get("trim"):
        raise StataError("option trim not allowed", 198)
    if not left.strip():
        raise StataError("varlist required", 100)
    vtype, name = parse_typed_name(left.strip())
    if vtype is not None and vtype.startswith("str"):
        raise StataError("type mismatch", 109)
    check_new_name(ds, name)
    given_base = exp_text is not None or opts.get("after") is not None
    base = _base(session, ds, exp_text, opts.get("after"), rows) if given_base else np.zeros(n0)
    if every is not None:
        e = np.broadcast_to(np.asarray(evaluate(session, str(every)), float), (n0,))
        with np.errstate(over="ignore"):  # stsplit.ado holds every() in a float: checked as stored
            stored = e.astype(np.float32).astype(float)
        e = np.where(np.isinf(stored) & np.isfinite(e), np.nan, stored)
        if np.any(np.isnan(e[rows])):
            raise StataError("option every() must be nonmissing", 498)
        if np.any(e[rows] <= 0):
            raise StataError("option every() must be strictly positive", 498)
        episodes = splitting.split_every(t0, t, d, rows, np.asarray(e, float), base)
        points = None
    else:
        points = _at_points(ds, str(at), given_base)
        episodes = splitting.split_at(t0, t, d, rows, points, base)
    marker, marker_type = _compressed(episodes.marker, vtype or "float")
    updates, types = _user_variables(ds, episodes, codesplit)
    st = ds.numeric("_st")[episodes.source].copy()
    note = None
    if opts.get("trim"):
        used = np.r_[np.ones(len(episodes.source) - (n0 - int(rows.sum())), bool),
                     np.zeros(n0 - int(rows.sum()), bool)]
        lo32, hi32 = np.float32(points[0]), np.float32(points[-1])
        with np.errstate(invalid="ignore"):
            low = marker.astype(np.float32) < lo32
            high = marker.astype(np.float32) == hi32
        lb, ub = int((low & used).sum()), int((high & used).sum())
        if lb or ub:
            st = np.where(low | high, 0.0, st)
            from mlmcli.commands.data.common import plain_number
            a1, an = plain_number(points[0]), plain_number(points[-1])
            note = (f"{name}<={a1} & {name}>{an} trimmed" if lb and ub else
                    f"{name}<={a1} trimmed" if lb else f"{name}>{an} trimmed")
            trim_msg = f"({lb} + {ub} obs. trimmed due to lower and upper bounds)"
        else:
            trim_msg = "(no obs. trimmed because none out of range)"
    t_new, t_type = _compressed(episodes.t, "double")
    t0_new, t0_type = _compressed(episodes.t0, "double")
    updates.update({"_t0": t0_new, "_t": t_new, "_d": episodes.d, "_st": st})
    types.update({"_t0": t0_type, "_t": t_type})
    _install(ds, episodes, updates, types)
    ds.set_variable(name, marker, marker_type)
    ds.var_labels[name] = "observation interval"
    if opts.get("trim"):
        session.print(trim_msg)
        if note:
            add_st_note(ds, note)
    _created(session, n0, ds.nobs)


def _split_failures(session, ds, cmd, opts, left, exp_text, rows, t0, t, d, n0) -> None:
    from mlmcli.commands.data.common import mark
    from mlmcli.render.st_tools import render_failure_times
    from mlmcli.survival import splitting
    from mlmcli.syntax.varlist import check_new_name, parse_typed_name

    if left.strip() or exp_text is not None:
        raise StataError("varlist not allowed", 101)
    for name in ("after", "trim", "codesplit"):
        if opts.get(name) is not None:
            raise StataError(f"option {name}{'()' if name != 'trim' else ''} not allowed", 198)
    rname = rtype = None
    if opts.get("riskset") is not None:
        rtype, rname = parse_typed_name(str(opts["riskset"]).strip())
        check_new_name(ds, rname)
    st = ds.numeric("_st").copy()
    strata = np.zeros(n0)
    lines = []
    if opts.get("strata") is not None:
        names = ds.expand_varlist(str(opts["strata"]))
        if not 1 <= len(names) <= 5:
            raise StataError("too many variables specified" if len(names) > 5 else "varlist required",
                             103 if len(names) > 5 else 100)
        ok = mark(session, cmd, names, strok=True)
        dropped = rows & ~ok
        if dropped.any():
            lines.append(f"{int(dropped.sum())} records marked _st==0 because of missings in strata "
                         f"({' '.join(names)})")
            st[dropped] = 0
        rows = rows & ok
        keys = [ds.df[v].to_numpy() for v in names]
        codes = np.zeros(n0)
        sub = np.flatnonzero(rows)
        if sub.size:
            frame = np.rec.fromarrays([k[sub] for k in keys]) if len(keys) > 1 else keys[0][sub]
            codes[sub] = np.unique(frame, return_inverse=True)[1].ravel()
        strata = codes
    times = splitting.failure_times(t, d, rows, strata)
    nevent = sum(len(v) for v in times.values())
    for line in lines:
        session.print(line)
    if nevent == 0:
        session.print("(there are no failures)")
        return
    session.print(f"({nevent} failure time{'s' if nevent > 1 else ''})")
    if opts.get("list"):
        session.print(render_failure_times([times[k] for k in sorted(times)], session.linesize))
    if opts.get("strata") is not None and any(len(v) == 0 for v in times.values()):
        session.print("note: there are strata without failures")
    episodes = splitting.split_failures(t0, t, d, rows, strata)
    updates, types = _user_variables(ds, episodes, np.nan)
    t_new, t_type = _compressed(episodes.t, "double")
    t0_new, t0_type = _compressed(episodes.t0, "double")
    updates.update({"_t0": t0_new, "_t": t_new, "_d": episodes.d, "_st": st[episodes.source]})
    types.update({"_t0": t0_type, "_t": t_type})
    _install(ds, episodes, updates, types)
    if rname:
        risk, risk_type = _compressed(episodes.marker, rtype or "float")
        ds.set_variable(rname, risk, risk_type)
        ds.var_labels[rname] = "identifier of risk sets"
    _created(session, n0, ds.nobs)


def cmd_stjoin(session, cmd) -> None:
    """``stjoin [, censored(numlist)]``: join the split records back (stjoin.ado)."""
    from mlmcli.survival.splitting import join_groups
    from mlmcli.syntax.numlist import numlist

    ds = session.data
    require_st(ds)
    opts = resolve_options(cmd.options, [OptionSpec("censored", 1, takes_arg=True)])
    if cmd.args.strip() or cmd.if_exp or cmd.in_range is not None:
        raise StataError("varlist not allowed" if cmd.args.strip() else
                         "if not allowed" if cmd.if_exp else "in range not allowed", 101)
    idv = ds.chars.get("st_id", "")
    if not idv:
        session.print("(stjoin amounts to a request to do nothing with single-record data)")
        return
    censored_text = opts.get("censored")
    bd = ds.chars.get("st_bd", "")
    has_bd = bool(bd) and bd in ds.varnames
    if censored_text is None and has_bd and not ds.chars.get("st_ev"):
        censored_text = "0"
        session.print("(option censored(0) assumed)")
    censored = np.asarray(numlist(str(censored_text), missing_ok=True), float) if censored_text else np.zeros(0)
    n0 = ds.nobs
    st = ds.numeric("_st") == 1
    if st.any():
        rows = np.flatnonzero(st)
        ids, t0, t, d = (ds.numeric(v)[rows] for v in (idv, "_t0", "_t", "_d"))
        origin, scale = _origin(ds)[rows], float(ds.chars.get("st_s", "1") or 1)
        bt_name, bt0_name = ds.chars.get("st_bt", ""), ds.chars.get("st_bt0", "")
        bt = ds.numeric(bt_name)[rows] if bt_name in ds.varnames else t * scale + origin
        bt0 = ds.numeric(bt0_name)[rows] if bt0_name and bt0_name in ds.varnames else t0 * scale + origin
        bdv = ds.numeric(bd)[rows] if has_bd else np.where(d == 1, 1.0, np.nan)
        skip = {"_st", "_t0", "_t", "_d", idv, bt_name, bt0_name, bd}
        others = [v for v in ds.varnames if v not in skip]
        pattern = np.zeros(len(rows), np.int64)
        if others:
            frame = ds.df.iloc[rows][others].astype(object).where(ds.df.iloc[rows][others].notna(), None)
            pattern = frame.apply(lambda r: hash(tuple(r)), axis=1).to_numpy()
        order = np.lexsort((t, ids))
        with np.errstate(invalid="ignore"):
            is_cens = np.isnan(bdv) | np.isin(np.float32(bdv), censored.astype(np.float32))
        is_cens &= d == 0
        groups = join_groups(ids[order], t0[order], t[order], bt0[order], bt[order], is_cens[order],
                             pattern[order])
        last = np.r_[groups[1:] != groups[:-1], True]
        first = np.r_[True, groups[1:] != groups[:-1]]
        keep_first, keep_last = rows[order][first], rows[order][last]
        source = np.r_[keep_first, np.flatnonzero(~st)]
        df = ds.df.iloc[source].reset_index(drop=True)
        k = len(keep_first)
        for name in [v for v in ("_t", "_d", bt_name, bd) if v and v in ds.varnames]:
            col = ds.df[name].to_numpy()
            df.loc[:k - 1, name] = col[keep_last]
        ds.replace_rows(df, source)
        ds.sortedby = ()
        ds.changed = True
    session.print(f"({n0 - ds.nobs} obs. eliminated)")
    if n0 == ds.nobs and not censored_text:
        session.print("(perhaps you need to specify stjoin's censored() option)")
