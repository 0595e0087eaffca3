"""Commands that add or draw observations: ``expand``, ``fillin``, ``sample``, ``bsample``
([D] expand, [D] fillin, [D] sample, [R] bsample).

Draws use the session's generator (``set seed``); the numbers differ from Stata's (see
``mlmcli/expr/random_numbers.py``), the sampling scheme is Stata's.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.commands.data.common import commas, evaluate, mark
from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import check_new_name


def _new_data(ds, df: pd.DataFrame, source) -> None:
    """Install new rows (row i a copy of current row ``source[i]``, -1: a new one; e(sample)
    goes with the copies); the data are no longer known to be sorted."""
    ds.replace_rows(df.reset_index(drop=True), source)
    ds.sortedby = ()
    ds.changed = True


def _string_safe_take(df: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame:
    return df.iloc[rows].reset_index(drop=True)


# ----------------------------------------------------------------------------- expand
def cmd_expand(session, cmd) -> None:
    """``expand [=]exp [if] [in] [, generate(newvar)]``: each selected observation is replaced
    by round(exp) copies, the new ones appended at the end of the data; exp < 1 or missing
    keeps the observation once ([D] expand).  ``generate()`` marks the copies 1, originals 0."""
    opts = resolve_options(cmd.options, [OptionSpec("generate", 1, takes_arg=True)])
    text = cmd.args.strip()
    if text.startswith("="):
        text = text[1:].strip()
    if not text:
        raise invalid_syntax()
    ds = session.data
    gen = opts.get("generate")
    if gen is not None:
        gen = gen.strip()
        check_new_name(ds, gen)
    n = ds.nobs
    values = np.asarray(evaluate(session, text))
    if values.dtype == object:
        raise StataError("type mismatch", 109)
    counts = np.broadcast_to(np.asarray(values, dtype=float), (n,))
    with np.errstate(invalid="ignore"):
        counts = np.where(np.isfinite(counts), np.floor(counts + 0.5), 1.0)
    counts = np.where(counts < 1, 1.0, counts)
    selected = mark(session, cmd)
    extra = np.where(selected, counts - 1, 0).astype(np.int64)
    total = int(extra.sum())
    if total > 2_000_000_000:
        raise StataError("no room to add more observations", 901)
    copies = np.repeat(np.arange(n), extra)
    new_rows = np.concatenate([np.arange(n), copies])
    df = _string_safe_take(ds.df, new_rows)
    if gen is not None:
        df[gen] = np.concatenate([np.zeros(n), np.ones(total)])
        ds.types[gen] = "byte"
    _new_data(ds, df, new_rows)
    session.print(f"({commas(total)} observation{'s' if total != 1 else ''} created)")


# ----------------------------------------------------------------------------- fillin
def cmd_fillin(session, cmd) -> None:
    """``fillin varlist``: add the combinations of varlist's values that are missing from the
    data, the other variables missing; ``_fillin`` is 1 on the added observations; the data
    end sorted by varlist ([D] fillin)."""
    resolve_options(cmd.options, [])
    if cmd.if_exp or cmd.in_range:
        raise StataError("if not allowed" if cmd.if_exp else "in range not allowed", 101)
    ds = session.data
    names = ds.expand_varlist(cmd.args)
    if len(names) < 2:
        raise StataError("too few variables specified", 102)
    if "_fillin" in ds.df.columns:
        raise StataError("variable _fillin already defined", 110)
    # syntax varlist(min=2) keeps a repeated name (`fillin g g` passes the count); a variable
    # repeated adds no combination, so each is crossed once
    names = list(dict.fromkeys(names))
    df = ds.df
    levels = [pd.unique(df[v]) for v in names]
    # the crossed table before it is built: past Stata's observations or the free memory, r(909)
    # (`fillin _all` on 14 variables of 40 values is 40^14 rows)
    from math import prod

    from mlmcli.limits import MAX_OBS, memory_error, require_memory

    combinations = prod(len(values) for values in levels)
    if combinations > MAX_OBS:
        raise memory_error()
    require_memory(combinations * (len(names) + 1) * 8.0 * 3)
    full = pd.MultiIndex.from_product(levels, names=names).to_frame(index=False)
    key = df[names].copy()
    key["__have"] = True
    merged = full.merge(key.drop_duplicates(subset=names), on=names, how="left")
    missing = merged.loc[merged["__have"].isna(), names]
    added = pd.DataFrame(index=range(len(missing)), columns=df.columns)
    for name in df.columns:
        if name in names:
            added[name] = missing[name].to_numpy()
        elif ds.is_string(name):
            added[name] = ""
        else:
            added[name] = np.nan
    out = pd.concat([df.assign(_fillin=0.0), added.assign(_fillin=1.0)], ignore_index=True)
    for name in df.columns:
        out[name] = out[name].astype(df[name].dtype) if not ds.is_string(name) else out[name].astype(object)
    order = np.lexsort([_sort_key(out[v], ds.is_string(v)) for v in reversed(names)])
    out = out.iloc[order].reset_index(drop=True)
    ds.replace_rows(out, np.concatenate([np.arange(len(df)), np.full(len(added), -1)])[order])
    ds.types["_fillin"] = "byte"
    ds.sortedby = tuple(names)
    ds.changed = True


def _sort_key(col: pd.Series, is_string: bool) -> np.ndarray:
    if is_string:
        return pd.factorize(col.astype(str), sort=True)[0]
    from mlmcli.missing import order_key
    return order_key(col.to_numpy(dtype=float))


# ----------------------------------------------------------------------------- sample
def cmd_sample(session, cmd) -> None:
    """``sample # [if] [in] [, count by(groupvars)]``: keep a random #% (``count``: #
    observations) of the selected observations, without replacement, within each by-group;
    observations outside if/in are kept ([D] sample)."""
    from mlmcli.expr import evaluate_number
    from mlmcli.expr.random_numbers import generator
    opts = resolve_options(cmd.options, [OptionSpec("count"), OptionSpec("by", takes_arg=True)])
    text = cmd.args.strip()
    if not text:
        raise invalid_syntax()
    try:
        amount = float(evaluate_number(session, text))
    except (TypeError, ValueError):
        raise StataError(f"{text} invalid", 198) from None
    if np.isnan(amount) or amount < 0 or (not opts.get("count") and amount > 100):
        raise StataError(f"{text} must be between 0 and 100" if not opts.get("count") else f"{text} invalid", 198)
    ds = session.data
    selected = mark(session, cmd)
    groups = _groups(ds, opts.get("by"))
    rng = generator(session)
    keep = ~selected
    for g in np.unique(groups[selected]):
        rows = np.flatnonzero(selected & (groups == g))
        k = min(int(amount), rows.size) if opts.get("count") else int(np.floor(rows.size * amount / 100 + 0.5))
        keep[rng.choice(rows, size=k, replace=False)] = True
    dropped = int((~keep).sum())
    if dropped:
        _new_data(ds, ds.df[keep], np.flatnonzero(keep))
    session.print(f"({commas(dropped)} observation{'s' if dropped != 1 else ''} deleted)")


def _groups(ds, by_text) -> np.ndarray:
    if not isinstance(by_text, str) or not by_text.strip():
        return np.zeros(ds.nobs, dtype=np.int64)
    names = ds.expand_varlist(by_text)
    return ds.df.groupby(names, sort=True, dropna=False).ngroup().to_numpy()


# ----------------------------------------------------------------------------- bsample
def cmd_bsample(session, cmd) -> None:
    """``bsample [exp] [if] [in] [, strata(varlist) cluster(varlist) idcluster(newvar)
    weight(varname)]``: replace the data with a bootstrap sample of exp observations (or
    clusters), drawn with replacement, within each stratum; default exp is the number of
    observations (clusters) in each stratum; observations outside if/in are dropped.
    ``weight()`` keeps the data and stores how often each observation was drawn (0 outside
    if/in) ([R] bsample)."""
    from mlmcli.expr import evaluate_number
    from mlmcli.expr.random_numbers import generator
    opts = resolve_options(cmd.options, [OptionSpec("strata", takes_arg=True), OptionSpec("cluster", takes_arg=True),
                                         OptionSpec("idcluster", takes_arg=True), OptionSpec("weight", takes_arg=True)])
    ds = session.data
    selected = mark(session, cmd)
    if not selected.any():
        raise StataError("no observations", 2000)
    size = None
    if cmd.args.strip():
        size = evaluate_number(session, cmd.args.strip())
        if np.isnan(size) or size < 1 or size != np.floor(size):
            raise StataError(f"{cmd.args.strip()} invalid: the sample size must be a positive integer", 198)
        size = int(size)
    strata = _groups(ds, opts.get("strata"))
    if isinstance(opts.get("cluster"), str):
        clusters = _groups(ds, opts["cluster"])
    else:
        if opts.get("idcluster"):
            raise StataError("idcluster() requires cluster()", 198)
        clusters = np.arange(ds.nobs)
    idname = opts.get("idcluster", "").strip() if isinstance(opts.get("idcluster"), str) else None
    wname = opts.get("weight", "").strip() if isinstance(opts.get("weight"), str) else None
    if wname and idname:
        raise StataError("options weight() and idcluster() may not be combined", 198)
    if wname:
        wname = ds.resolve(wname)
        if ds.is_string(wname):
            raise StataError("type mismatch", 109)
    if idname:
        check_new_name(ds, idname)
    rng = generator(session)
    drawn_rows: list[np.ndarray] = []
    drawn_ids: list[np.ndarray] = []
    next_id = 1
    for s in np.unique(strata[selected]):
        in_stratum = np.flatnonzero(selected & (strata == s))
        ids, counts = np.unique(clusters[in_stratum], return_counts=True)
        k = ids.size if size is None else size
        if size is not None and size > ids.size:
            what = "clusters" if isinstance(opts.get("cluster"), str) else "observations"
            raise StataError(f"resample size must not be greater than number of {what}", 498)
        picks = rng.choice(ids, size=k, replace=True)
        # each cluster's rows in data order, found once (not a pass over the data per draw)
        order = in_stratum[np.argsort(clusters[in_stratum], kind="stable")]
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        where = np.searchsorted(ids, picks)
        for j in where:
            rows = order[starts[j]:starts[j] + counts[j]]
            drawn_rows.append(rows)
            drawn_ids.append(np.full(rows.size, float(next_id)))
            next_id += 1
    rows = np.concatenate(drawn_rows) if drawn_rows else np.array([], dtype=np.int64)
    if wname:  # observations outside if/in get weight 0
        ds.set_variable(wname, np.bincount(rows, minlength=ds.nobs).astype(float))
        return
    df = _string_safe_take(ds.df, rows)  # observations outside if/in are dropped
    if idname:
        df[idname] = np.concatenate(drawn_ids)
        ds.types[idname] = "float"
    _new_data(ds, df, rows)
