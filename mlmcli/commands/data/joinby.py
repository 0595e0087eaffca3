"""``joinby [varlist] using file [, update replace _merge(varname) nolabel unmatched(none|both|master|using)]``
([D] joinby): every pairwise combination of master and using observations within groups of the
key variables (all variables the files share when no varlist is typed).

As joinby.ado: observations without a partner are dropped (``unmatched(none)``, the default) or
kept (``master``, ``using``, ``both``); then a ``_merge`` variable (or the name in ``_merge()``)
records 1 master only, 2 using only, 3 both, and with ``update`` 4 (missing master values
updated) and 5 (master disagrees; ``replace`` takes the using value), labelled ``__MERGE``.
Variables both files have keep the master's values unless ``update``.  Missing key values match
each other (the old merge's rule).  Decided without evidence: the result is ordered by the keys,
then master order, then using order (Stata documents only that the data are joined).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.commands.data.common import load_using, split_using
from mlmcli.commands.data.merge import MergeSpec, apply_update, install_merged, take_using_values
from mlmcli.errors import StataError
from mlmcli.missing import order_key
from mlmcli.syntax.options import OptionSpec, resolve_options

JOINBY_OPTIONS = [OptionSpec("unmatched", 3, takes_arg=True), OptionSpec("nolabel", 2), OptionSpec("replace"),
                  OptionSpec("update"), OptionSpec("_merge", takes_arg=True)]
_UNMATCHED = ("both", "master", "using", "none")  # joinby.ado's UnMatch: any leading part, in this order
JOIN_LABELS = {1.0: "only in master data", 2.0: "only in using data", 3.0: "both in master and using data",
               9999.0: "signature"}
UPDATE_LABELS = {1.0: "only in master data", 2.0: "only in using data",
                 3.0: "in both, master agrees with using data", 4.0: "in both, missing in master data updated",
                 5.0: "in both, master disagrees with using data", 9999.0: "signature"}


def _unmatched(opts: dict) -> str:
    text = opts.get("unmatched")
    if not isinstance(text, str) or not text.strip():
        return "none"
    word = text.strip().lower()
    for choice in _UNMATCHED:
        if choice.startswith(word):
            return choice
    raise StataError(f"{text.strip()} is invalid value for unmatch()", 198)


def _keys(session, ds, using, varlist_text: str) -> list[str]:
    if varlist_text:
        keys = ds.expand_varlist(varlist_text)
    else:
        keys = [v for v in ds.varnames if v in using.df.columns]
        if not keys:
            raise StataError("no variables in common to master and using data\nthus a join is not possible", 198)
        session.print(f"join on common variables: {' '.join(keys)}")
    for k in keys:
        if k not in using.df.columns:
            raise StataError(f"variable {k} not found", 111)
        if ds.is_string(k) != using.is_string(k):
            raise StataError(f"key variable {k} is {'str' if using.is_string(k) else 'numeric'} in using data", 106)
    return keys


def _key_columns(df: pd.DataFrame, keys: list[str], data) -> pd.DataFrame:
    """Keys on which equal values (missing ones too, . apart from .a) compare equal."""
    return pd.DataFrame({f"__mlm_k_{k}": (df[k].astype(object).astype(str) if data.is_string(k)
                                          else order_key(pd.to_numeric(df[k], errors="coerce").to_numpy(float)))
                         for k in keys}, index=df.index)


def _join(ds, using, keys: list[str], how: str):
    left, right = ds.df.copy(), using.df.copy()
    shared = [c for c in right.columns if c in left.columns and c not in keys]
    right = right.rename(columns={c: f"__mlm_u_{c}" for c in shared})
    left["__mlm_mrow"] = np.arange(len(left))
    right["__mlm_urow"] = np.arange(len(right))
    left = pd.concat([left, _key_columns(left, keys, ds)], axis=1)
    right = pd.concat([right, _key_columns(right, keys, using)], axis=1)
    kcols = [f"__mlm_k_{k}" for k in keys]
    merged = left.merge(right.drop(columns=keys), on=kcols, how=how, indicator="__mlm_side", sort=False)
    code = merged["__mlm_side"].map({"left_only": 1.0, "right_only": 2.0, "both": 3.0}).astype(float).to_numpy()
    merged = merged.drop(columns=["__mlm_side"])
    take_using_values(merged, code == 2.0, keys + shared, ds, using)
    return merged, code, shared, kcols


def cmd_joinby(session, cmd) -> None:
    opts = resolve_options(cmd.options, JOINBY_OPTIONS)
    varlist_text, file_text = split_using(cmd.args)
    if not file_text:
        raise StataError("using required", 100)
    if "replace" in opts and "update" not in opts:  # the old merge's rule (joinby passes both on)
        raise StataError("option replace requires option update", 198)
    unmatched = _unmatched(opts)
    ds = session.data
    genvar = None
    if unmatched != "none" or isinstance(opts.get("_merge"), str):
        genvar = opts["_merge"].strip() if isinstance(opts.get("_merge"), str) else "_merge"
    if genvar is not None and genvar in ds.varnames:
        raise StataError(f"variable {genvar} already defined", 110)
    using = load_using(file_text, session)
    if genvar is not None and genvar in using.df.columns:
        raise StataError(f"variable {genvar} already defined", 110)
    keys = _keys(session, ds, using, varlist_text)
    how = {"none": "inner", "master": "left", "using": "right", "both": "outer"}[unmatched]
    merged, code, shared, kcols = _join(ds, using, keys, how)
    if "update" in opts and shared:
        code = apply_update(merged, shared, code, "replace" in opts, ds)
    merged["__code"] = code
    merged = merged.sort_values(kcols + ["__mlm_mrow", "__mlm_urow"], kind="mergesort", na_position="last")
    if not len(merged):
        session.print(f"(joinby on {' '.join(keys)} is empty)")
    mopts = {k: v for k, v in opts.items() if k in ("update", "replace", "nolabel")} | {"_old_syntax": True}
    install_merged(ds, using, merged, merged["__code"].to_numpy(), shared,
                   MergeSpec("m:m", keys, file_text, mopts, genvar))
    if genvar is None:
        return
    existing = ds.value_labels.get("__MERGE")
    if existing is not None and existing.get(9999.0) != "signature":  # not joinby's own: left alone
        session.print(f"value label __MERGE for {genvar} already exists")
        return
    ds.value_labels["__MERGE"] = dict(UPDATE_LABELS if "update" in opts else JOIN_LABELS)
    ds.value_label_of[genvar] = "__MERGE"
