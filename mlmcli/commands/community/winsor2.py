"""``winsor2`` (Lian Yujun, ``ssc install winsor2``): winsorize or trim variables, overall or
within groups.  As winsor2.ado 1.1 (2014.12.16, read in the SSC mirror) does:

    winsor2 varlist [if] [in] [, suffix(str) replace trim cuts(# #) by(varlist) label]

The bounds are the cuts' percentiles of each variable over the rows with it nonmissing (and
if/in): ``_pctile`` without by() (cut 0: the variable's minimum over all rows, 100: its maximum,
as the ado's ``qui sum`` without if/in), ``egen pctile()`` within the by() groups, stored in the
variable's type.  Winsorizing puts values beyond a bound at the bound; ``trim`` makes them
missing.  New variables ``<var>_w`` (trim: ``_tr``; ``suffix()``) have the variable's type (by()
and winsorizing: egen's float); ``replace`` changes the variable itself -- with by() every row
outside if/in too becomes missing, as the ado's unqualified ``replace`` of its egen result does.
The variable label is the old one (or the name), with ``label`` followed by
"-Winsor(p#,p#)" or "-Trim(p#,p#)".  cuts() are swapped when the first is larger; a cut
strictly between 0 and 1 prints the ado's warning; ``cuts(0 100)`` prints "option cuts(0 100)
is incorrect, no action taken." and changes nothing.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.sample import mark_sample
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"winsor2": "winsor2 varlist [if] [in] [, suffix(str) replace trim cuts(# #) by(varlist) label]"}

OPTIONS = [OptionSpec("suffix", 1, takes_arg=True), OptionSpec("replace", None), OptionSpec("trim", 1),
           OptionSpec("cuts", 1, takes_arg=True), OptionSpec("by", 2, takes_arg=True), OptionSpec("label", 1)]


def cmd_winsor2(session, cmd) -> None:
    from mlmcli.summary_statistics import stata_percentile

    ds = session.data
    opts = resolve_options(cmd.options, OPTIONS)
    from mlmcli.commands.statistics.cluster_variables import numeric_varlist

    variables = numeric_varlist(ds, cmd.args, default_all=False)
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    replace, trim = bool(opts.get("replace")), bool(opts.get("trim"))
    suffix = str(opts.get("suffix") or "").strip()
    if replace and suffix:
        raise StataError("suffix() cannot be specified with replace", 198)
    suffix = suffix or ("_tr" if trim else "_w")
    low, high = _cuts(session, opts.get("cuts"), trim)
    if low is None:
        return
    if not replace:
        for v in variables:
            if f"{v}{suffix}" in ds.varnames:
                raise StataError(f"variable {v}{suffix} already exist, re-specify option -suffix()-\n"
                                 f"Suffix {suffix} is invalid for {v}", 111)
    by = ds.expand_varlist(str(opts["by"])) if opts.get("by") else []
    qualified = mark_sample(session, cmd, [], strok=True)
    groups = _groups(ds, by) if by else None
    for v in variables:
        _one(session, ds, v, qualified, groups, low, high, trim, replace, suffix, bool(opts.get("label")),
             stata_percentile)


def _cuts(session, text, trim: bool):
    if text is None:
        return 1.0, 99.0
    from mlmcli.syntax.numlist import numlist

    values = numlist(str(text))
    if len(values) < 2:
        raise StataError("invalid numlist has too few elements", 122)
    if len(values) > 2:
        raise StataError("invalid numlist has too many elements", 123)
    if any(x < 0 for x in values):
        raise StataError("invalid numlist has elements outside of allowed range", 125)
    if any(x > 100 for x in values):
        raise StataError("invalid numlist has elements outside of allowed range", 125)
    low, high = sorted(values)
    if 0 < low < 1 or 0 < high < 1:
        what = "trim" if trim else "winsor"
        session.print(f"Warning: cuts(1   99) means {what} at   1th percentile and 99th percentile,\n"
                      f"         cuts(0.1 90) means {what} at 0.1th percentile and 90th percentile,\n"
                      f"         make sure cuts({_num(low)} {_num(high)}) you specified is what you want. ")
    if low == 0 and high == 100:
        session.print(f"option cuts({' '.join(_num(x) for x in values)}) is incorrect, no action taken.")
        return None, None
    return low, high


def _num(x: float) -> str:
    """A number as numlist leaves it in a macro (.5, 99, 1e+10 ...)."""
    from mlmcli.render.numfmt import format_number

    return format_number(x, "%18.0g").strip()


def _groups(ds, by: list[str]) -> np.ndarray:
    import pandas as pd

    keys = [ds.df[v].astype(str).to_numpy() if ds.is_string(v) else ds.numeric(v) for v in by]
    frame = pd.DataFrame({str(i): k for i, k in enumerate(keys)})
    return frame.groupby(list(frame.columns), dropna=False, sort=True).ngroup().to_numpy()


def _one(session, ds, v, qualified, groups, low, high, trim, replace, suffix, label, percentile) -> None:
    from mlmcli.storage_types import fit_storage

    x = ds.numeric(v).astype(float)
    vtype = ds.types.get(v, "float")
    rows = qualified & ~np.isnan(x)
    if groups is None:
        lo_b, hi_b = np.full(ds.nobs, np.nan), np.full(ds.nobs, np.nan)
        values = np.sort(x[rows])
        everywhere = x[~np.isnan(x)]
        lo_b[:] = percentile(values, low) if low != 0 else (everywhere.min() if everywhere.size else np.nan)
        hi_b[:] = percentile(values, high) if high != 100 else (everywhere.max() if everywhere.size else np.nan)
        bound_type = "double"  # the ado's locals carry the bounds at full precision
    else:
        lo_b, hi_b = np.full(ds.nobs, np.nan), np.full(ds.nobs, np.nan)
        idx = np.flatnonzero(rows)
        by_group = idx[np.argsort(groups[idx], kind="stable")]  # one sort, not a scan per group
        starts = np.flatnonzero(np.r_[True, np.diff(groups[by_group]) != 0])
        for a, b in zip(starts, np.r_[starts[1:], len(by_group)]):
            members = by_group[a:b]
            values = np.sort(x[members])
            lo_b[members] = percentile(values, low) if low != 0 else values.min()
            hi_b[members] = percentile(values, high) if high != 100 else values.max()
        lo_b, hi_b = fit_storage(lo_b, vtype), fit_storage(hi_b, vtype)  # egen `vtype' pL = ...
        bound_type = vtype
    with np.errstate(invalid="ignore"):
        if trim:
            out = np.where((x < lo_b) | (x > hi_b), np.nan, x)
        else:
            out = np.minimum(np.maximum(x, lo_b), hi_b)
    new_type = vtype
    if groups is not None and not trim:
        out = fit_storage(out, vtype)  # egen `vtype' tL = rowmax(), rowmin()
        if not replace:
            new_type = "float"  # egen k_w = rowmin(...): egen's default type
    if replace:
        target = v
        keep = rows if (groups is None or trim) else np.ones(ds.nobs, bool)
        values = np.where(keep, np.where(rows, out, np.nan), x)
        if bound_type == "double" and vtype in ("byte", "int", "long") and \
                np.any(np.abs(values[rows] - np.round(values[rows])) > 0):
            new_type = "float"  # replace promotes an integer variable for non-integer values
    else:
        target = f"{v}{suffix}"
        values = np.where(rows, out, np.nan)
    values = fit_storage(values, new_type)
    old_label = ds.var_labels.get(v) or v
    if replace:
        ds.set_variable(v, values, vtype=new_type)
    else:
        ds.set_variable(target, values, vtype=new_type)
    text = old_label
    if label:
        low_text = _num(low)
        low_text = "0" + low_text if low < 1 else low_text
        text = f"{old_label}-{'Trim' if trim else 'Winsor'}(p{low_text},p{_num(high)})"
    ds.var_labels[target] = text
