"""``stgen``, ``stvary`` and ``stfill``: variables of multiple-record st data (stgen.ado,
stvary.ado, stfill.ado).

    stgen [type] newvar = function(exp)      ever never always min max when when0 count count0
                                             minage maxage avgage nfailures() ngaps() gaplen() hasgap()
    stvary [varlist] [if] [in] [, noshow]
    stfill varlist [if] [in], {baseline | forward} [noshow]

The subject is stset's id() (each record its own without it); a subject's records are taken
in time order (_t).  stgen and stfill leave the data sorted by _st, id and _t when there is
an id(), as their ados do.  Missing compares as Stata compares it: ``exp != 0`` is true where
exp is missing.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.data.survival_settings import require_st
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

FUNCTIONS = ("ever", "never", "always", "min", "max", "when", "when0", "count", "count0", "minage", "maxage",
             "avgage", "nfailu", "gaplen", "hasgap", "ngaps")
NO_EXP = ("nfailu", "gaplen", "hasgap", "ngaps")


def _sort_st(ds) -> None:
    """sort _st id _t (stable)."""
    from mlmcli.by_groups import sort_dataset

    idv = ds.chars.get("st_id", "")
    if idv:
        sort_dataset(ds, ["_st", idv, "_t"])


def _subject_starts(ds, st: np.ndarray) -> np.ndarray:
    """Each record's subject code among the _st records (data sorted by _st id _t); -1 elsewhere."""
    idv = ds.chars.get("st_id", "")
    codes = np.full(ds.nobs, -1, np.int64)
    rows = np.flatnonzero(st)
    if not rows.size:
        return codes
    if not idv:
        codes[rows] = np.arange(rows.size)
        return codes
    ids = ds.df[idv].to_numpy()[rows]
    new = np.r_[True, ids[1:] != ids[:-1]]
    codes[rows] = np.cumsum(new) - 1
    return codes


def _per_subject(codes, values, reduce, empty=np.nan) -> np.ndarray:
    out = np.full(len(codes), np.nan)
    for c in np.unique(codes[codes >= 0]):
        sel = codes == c
        v = values[sel]
        out[sel] = reduce(v) if v.size else empty
    return out


def _running(codes, values, fn) -> np.ndarray:
    out = np.full(len(codes), np.nan)
    for c in np.unique(codes[codes >= 0]):
        sel = np.flatnonzero(codes == c)
        out[sel] = fn(values[sel])
    return out


def _nonzero(z):
    return (z != 0) | np.isnan(z)


def _stgen_values(session, ds, fcn: str, exp: str | None) -> tuple[np.ndarray, str]:
    """(values, storage type before compress) of stgen's function; the data sorted first."""
    from mlmcli.commands.data.common import evaluate

    def numeric_exp():
        value = np.asarray(evaluate(session, exp))
        if value.dtype.kind in "OUS":
            raise StataError("type mismatch", 109)  # stgen's functions take a numeric exp
        return np.broadcast_to(value.astype(float), (ds.nobs,)).copy()

    idv = ds.chars.get("st_id", "")
    if idv and fcn not in ("minage", "maxage", "avgage"):
        _sort_st(ds)
    st = ds.numeric("_st") == 1
    codes = _subject_starts(ds, st)
    n = ds.nobs
    z = numeric_exp() if exp is not None else None
    s = float(ds.chars.get("st_s", "1") or 1)
    o_text = ds.chars.get("st_o", "0") or "0"
    o = ds.numeric(o_text) if o_text in ds.varnames else np.full(n, float(o_text))
    t, t0, d = ds.numeric("_t"), ds.numeric("_t0"), ds.numeric("_d")
    nan = np.full(n, np.nan)
    if fcn in ("ever", "never", "always"):
        if not idv:
            ok = st & ~np.isnan(z)
            val = (z != 0) if fcn in ("ever", "always") else (z == 0)
            return np.where(ok, val.astype(float), np.nan), "byte"
        if fcn == "always":
            count = _per_subject(codes, (~_nonzero(z)).astype(float), np.sum)
            return np.where(st, (count == 0).astype(float), np.nan), "byte"
        count = _per_subject(codes, _nonzero(z).astype(float), np.sum)
        return np.where(st, ((count != 0) if fcn == "ever" else (count == 0)).astype(float), np.nan), "byte"
    if fcn in ("min", "max"):
        v = np.where(st, z, np.nan)
        if idv:
            reduce = (lambda a: np.nanmax(a) if np.any(~np.isnan(a)) else np.nan) if fcn == "max" else \
                (lambda a: np.nanmin(a) if np.any(~np.isnan(a)) else np.nan)
            v = np.where(st, _per_subject(codes, v, reduce), np.nan)
        return v, "double"
    if fcn in ("when", "when0"):
        if fcn == "when" or ds.chars.get("st_bt0"):
            base = ds.numeric(ds.chars["st_bt"] if fcn == "when" else ds.chars["st_bt0"])
        else:  # stgen.ado's z_when0 without a time0() variable: st_bt * scale + origin, as it computes it
            base = ds.numeric(ds.chars["st_bt"]) * s + o
        v = np.where(_nonzero(z) & st, base, np.nan)
        if not idv:
            return v, "float"
        first = lambda a: np.nanmin(a) if np.any(~np.isnan(a)) else np.nan  # noqa: E731
        return np.where(st, _per_subject(codes, v, first), np.nan), "double"
    if fcn == "count0":
        b = np.where(st, _nonzero(z).astype(float), np.nan)
        return (np.where(st, _running(codes, b, np.cumsum), np.nan) if idv else b), "float"
    if fcn == "count":
        if not idv:
            return np.zeros(n), "byte"
        b = _nonzero(z).astype(float)
        previous = _running(codes, b, lambda a: np.r_[0.0, np.cumsum(a)[:-1]])
        return np.where(st, previous, np.nan), "float"
    if fcn in ("maxage", "minage", "avgage"):
        def as_float(x):  # a float variable: past its largest value, missing
            with np.errstate(over="ignore", invalid="ignore"):
                out = x.astype(np.float32).astype(float)
            return np.where(np.isinf(out), np.nan, out)

        def age(tt):
            with np.errstate(over="ignore", invalid="ignore"):
                return as_float((tt * s + o - z) / s)
        if fcn == "avgage":
            v = as_float((age(t) + age(t0)) / 2)
        else:
            v = age(t if fcn == "maxage" else t0)
        return np.where(st, v, np.nan), "float"
    if not idv:
        return np.where(st, 0.0, np.nan), "byte"
    if fcn == "nfailu":
        prev = _running(codes, (d != 0).astype(float), lambda a: np.r_[0.0, np.cumsum(a)[:-1]])
        return np.where(st, prev, np.nan), "long"
    gap = _running(codes, t0 - np.r_[np.nan, t[:-1]], lambda a: np.r_[0.0, a[1:]])
    if fcn == "gaplen":
        return np.where(st, gap, np.nan), "double"
    if fcn == "ngaps":
        return np.where(st, _running(codes, (gap != 0).astype(float), np.cumsum), np.nan), "long"
    total = _per_subject(codes, np.nan_to_num(gap), np.sum)
    return np.where(st, (total > 0).astype(float), np.nan), "byte"  # hasgap


def cmd_stgen(session, cmd) -> None:
    from mlmcli.commands.data.common import fit_storage
    from mlmcli.storage_types import compressed_type
    from mlmcli.syntax.varlist import check_new_name

    ds = session.data
    require_st(ds)
    if cmd.options:
        raise StataError("invalid syntax", 198)
    m = re.fullmatch(r"\s*(?:(\w+)\s+)?(\w+)\s*=\s*(\w+)\s*\((.*)\)\s*", cmd.args or "", re.S)
    if not m:
        raise StataError("invalid syntax", 198)
    vtype, name, fcn, exp = m.group(1), m.group(2), m.group(3), m.group(4).strip()
    if vtype is not None and vtype not in ("byte", "int", "float", "double"):
        raise StataError(f"{vtype} invalid storage type", 198)
    check_new_name(ds, name)
    key = fcn[:6]
    if key not in FUNCTIONS:
        raise StataError(f"unknown function {fcn}()", 133)
    if (key in NO_EXP) == bool(exp):
        raise StataError("invalid syntax", 198)
    if cmd.if_exp or cmd.in_range is not None:
        raise StataError("if not allowed" if cmd.if_exp else "in not allowed", 101)
    work = ds.copy()
    scratch_session = _with_data(session, work)
    values, base_type = _stgen_values(scratch_session, work, key, exp or None)
    if vtype is not None:
        values, final = fit_storage(values, vtype), vtype
    else:  # the ado's gen type, then compress (the ages stay float, the indicators byte)
        values = fit_storage(values, base_type)
        keep = base_type == "byte" or key in ("minage", "maxage", "avgage")
        final = base_type if keep else compressed_type(values)
    work.set_variable(name, values, final)
    session.data = work
    missing = int(np.isnan(values).sum())
    if missing:
        session.print(f"({missing} missing value{'s' if missing > 1 else ''} generated)")


def _with_data(session, data):
    import copy

    scratch = copy.copy(session)
    scratch.data = data
    return scratch


def _system_variables(ds) -> set:
    c = ds.chars
    return {"_t", "_t0", "_st", "_d", "_origin", c.get("st_id", ""), c.get("st_bt", ""), c.get("st_bt0", ""),
            c.get("st_bd", ""), c.get("st_w", "")}


def cmd_stvary(session, cmd) -> None:
    """stvary: per variable, the subjects for whom it is constant, varies, and is never, always
    or sometimes missing (stvary.ado's DoStat; over the _st records)."""
    from mlmcli.commands.data.common import mark
    from mlmcli.render.st_tools import render_stvary
    from mlmcli.render.survival import render_st_show

    ds = session.data
    desc = require_st(ds)
    opts = resolve_options(cmd.options, [OptionSpec("noshow", 6)])
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else list(ds.varnames)
    if not opts.get("noshow") and ds.chars.get("st_show") != "noshow":
        session.print(render_st_show(desc))
    rows = mark(session, cmd) & (ds.numeric("_st") == 1)
    idv = desc.id
    skip = _system_variables(ds)
    idx = np.flatnonzero(rows)
    if idv:
        idx = idx[np.lexsort((ds.numeric("_t")[idx], ds.df[idv].to_numpy()[idx]))]
        ids = ds.df[idv].to_numpy()[idx]
        starts = np.r_[True, ids[1:] != ids[:-1]] if idx.size else np.zeros(0, bool)
        subject = np.cumsum(starts) - 1
    table, r = [], {}
    for v in names:
        if v in skip:
            continue
        if ds.is_string(v):
            values = ds.df[v].fillna("").astype(str).to_numpy(object)[idx]
            present = values != ""
        else:
            values = ds.numeric(v)[idx]
            present = ~np.isnan(values)
        if not idv:
            n = len(idx)
            always = int((~present).sum())
            row = {"cons": n - always, "varies": 0, "never": n - always, "always": always, "miss": 0}
        else:
            nsub = int(subject.max()) + 1 if idx.size else 0
            cons = varies = never = always = 0
            for k in range(nsub):
                sel = subject == k
                vals, ok = values[sel], present[sel]
                base = vals[ok][0] if ok.any() else None
                if ok.any() and np.all(vals[ok] == base):
                    cons += 1
                if ok.any() and np.any(vals[ok] != base):
                    varies += 1
                never += int(ok.all())
                always += int(not ok.any())
            row = {"cons": cons, "varies": varies, "never": never, "always": always,
                   "miss": nsub - never - always}
        table.append((v, row))
        r = {k: float(x) for k, x in row.items()}
    session.print(render_stvary(table))
    session.set_r(r)


def cmd_stfill(session, cmd) -> None:
    """stfill varlist, baseline | forward: fill in the subject's values (stfill.ado)."""
    from mlmcli.commands.data.common import mark
    from mlmcli.render.survival import render_st_show

    ds = session.data
    desc = require_st(ds)
    opts = resolve_options(cmd.options, [OptionSpec("baseline", 1), OptionSpec("forward", 1), OptionSpec("noshow", 6)])
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else []
    if not names:
        raise StataError("varlist required", 100)
    chosen = int(bool(opts.get("baseline"))) + int(bool(opts.get("forward")))
    if chosen > 1:
        raise StataError("may specify only one of options forward and baseline", 198)
    if chosen < 1:
        raise StataError("must specify either baseline or forward", 198)
    if not opts.get("noshow") and ds.chars.get("st_show") != "noshow":
        session.print(render_st_show(desc))
    session.print("")
    if not desc.id:
        session.print("(note: stfill with single-record data amounts to a request to do nothing)")
        return
    may = mark(session, cmd)
    work = ds.copy()
    work.set_variable("__stfill_may", may.astype(float), "byte")
    _sort_st(work)
    may = work.numeric("__stfill_may") == 1
    work.drop_variables(["__stfill_may"])
    st = work.numeric("_st") == 1
    codes = _subject_starts(work, st)
    lines = ["replace all values with value at earliest observed:" if opts.get("baseline")
             else "replace missing values with previously observed values:"]
    skip = _system_variables(work)
    for v in names:
        if v in skip:
            continue
        string = work.is_string(v)
        old = work.df[v].to_numpy(object if string else float).copy()
        new = old.copy()
        is_missing = (lambda a: a == "") if string else np.isnan
        if string:
            old = np.where(pd_isna(old), "", old).astype(object)
            new = old.copy()
        for c in np.unique(codes[codes >= 0]):
            sel = np.flatnonzero(codes == c)
            for pos, i in enumerate(sel):
                if not (may[i] and st[i]):
                    continue
                if opts.get("baseline"):
                    new[i] = new[sel[0]]
                elif pos > 0 and is_missing(np.asarray([new[i]]))[0]:
                    new[i] = new[sel[pos - 1]]
        changed = ~((old == new) | (is_missing(old) & is_missing(new))) if not string else old != new
        replaced = int(changed.sum())
        to_missing = int((changed & is_missing(new)).sum())
        if replaced:
            work.set_variable(v, new if string else new.astype(float))
        line = " " * max(16 - len(v), 0) + f"{v}:  {replaced} real {'change ' if replaced == 1 else 'changes'} made"
        lines.append(line + (f"; {to_missing} to missing" if to_missing else ""))
    session.data = work
    session.print("\n".join(lines))


def pd_isna(values):
    import pandas as pd

    return pd.isna(values)
