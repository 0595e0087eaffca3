"""The ``egen`` functions, computed over groups.

Every function receives an :class:`EgenCall`: the rows in the sample (``if``/
``in``), an integer group code per row (``by()``/``by:``; one group when none),
the evaluated argument or variable list, and the options.  It returns the new
values over all rows (rows outside the sample are missing unless stated) and
the default storage type.

Formulas (per group g, over its non-missing values x):
- mean = sum(x)/n; total/sum = sum(x) (0 when none); count = n; min, max;
- sd = sqrt(sum((x-mean)^2)/(n-1)); median = Stata's 50th percentile;
- pctile(x), p(#): Stata's percentile (``summarize, detail`` definition);
- std = (x - mean_g)/sd_g (``mean(#)``/``std(#)`` rescale);
- rank: average of tied positions (``field``: 1 + number greater; ``track``:
  1 + number smaller; ``unique``: order of appearance breaks ties);
- group(varlist): 1..K over the sorted distinct combinations; tag: 1 on the
  first observation of each combination;
- iqr = p75 - p25; skew = m3/m2^1.5; kurt = m4/m2^2 (population moments);
  mode (ties: missing unless minmode/maxmode); pc = 100*x/total;
- rowmean/rowtotal/rowmin/rowmax/rowsd/rowmedian/rowfirst/rowlast/rownonmiss/rowmiss
  across variables; anymatch/anycount against ``values()``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from mlmcli.errors import StataError


@dataclass
class EgenCall:
    sample: np.ndarray                 # bool per row: in if/in
    groups: np.ndarray                 # int code per row (by-groups), -1 outside the sample
    x: np.ndarray | None = None        # evaluated expression (numeric)
    columns: list = field(default_factory=list)   # variables' values for varlist functions
    column_is_string: list = field(default_factory=list)
    options: dict = field(default_factory=dict)


def _per_group(call: EgenCall, reducer: Callable[[np.ndarray], float]) -> np.ndarray:
    """reducer(non-missing x of the group) broadcast to the group's sample rows."""
    out = np.full(call.sample.size, np.nan)
    x = call.x
    codes = call.groups
    valid = call.sample & ~np.isnan(x)
    order = np.argsort(codes, kind="stable")
    sorted_codes = codes[order]
    bounds = np.flatnonzero(np.diff(sorted_codes)) + 1
    for chunk in np.split(order, bounds):
        if chunk.size == 0 or codes[chunk[0]] < 0:
            continue
        vals = x[chunk][valid[chunk]]
        out[chunk] = reducer(vals)
    out[~call.sample] = np.nan
    return out


def _need_x(call: EgenCall, name: str) -> np.ndarray:
    if call.x is None:
        raise StataError(f"{name}() requires an expression", 198)
    if call.x.dtype == object:
        raise StataError("type mismatch", 109)
    return call.x


def _mean(v):
    if not v.size:
        return np.nan
    return float(v[0]) if v.min() == v.max() else float(v.mean())


def _sd(v):
    if v.size < 2:
        return np.nan
    if v.min() == v.max():
        return 0.0
    return float(np.sqrt(((v - v.mean()) ** 2).sum() / (v.size - 1)))


def _pct(p):
    from mlmcli.summary_statistics import stata_percentile
    return lambda v: stata_percentile(np.sort(v), p)


def egen_mean(call):
    _need_x(call, "mean")
    return _per_group(call, _mean), "float"


def egen_sd(call):
    _need_x(call, "sd")
    return _per_group(call, _sd), "float"


def egen_count(call):
    x = call.x
    if x is not None and x.dtype == object:
        call.x = np.where(np.array([s != "" for s in x]), 1.0, np.nan)
    _need_x(call, "count")
    return _per_group(call, lambda v: float(v.size)), "float"


def egen_total(call):
    _need_x(call, "total")
    if call.options.get("missing"):
        return _per_group(call, lambda v: float(v.sum()) if v.size else np.nan), "float"
    return _per_group(call, lambda v: float(v.sum())), "float"


def egen_min(call):
    _need_x(call, "min")
    return _per_group(call, lambda v: float(v.min()) if v.size else np.nan), "float"


def egen_max(call):
    _need_x(call, "max")
    return _per_group(call, lambda v: float(v.max()) if v.size else np.nan), "float"


def egen_median(call):
    _need_x(call, "median")
    return _per_group(call, _pct(50)), "float"


def egen_pctile(call):
    _need_x(call, "pctile")
    p = call.options.get("p", "50")
    try:
        p = float(p)
    except (TypeError, ValueError):
        raise StataError("p() invalid", 198) from None
    if not 0 < p < 100:
        raise StataError("p() must be between 0 and 100", 198)
    return _per_group(call, _pct(p)), "float"


def egen_std(call):
    x = _need_x(call, "std")
    mean = _per_group(call, _mean)
    sd = _per_group(call, _sd)
    m0 = float(call.options.get("mean", 0) or 0)
    s0 = float(call.options.get("std", 1) or 1)
    out = m0 + s0 * (x - mean) / sd
    out[~call.sample] = np.nan
    return out, "float"


def egen_rank(call):
    import pandas as pd
    x = _need_x(call, "rank")
    out = np.full(x.size, np.nan)
    valid = call.sample & ~np.isnan(x)
    if not valid.any():
        return out, "float"
    v = pd.Series(x[valid])
    groups = pd.Series(call.groups[valid])
    if call.options.get("field"):
        r = (-v).groupby(groups).rank(method="min")
    elif call.options.get("track"):
        r = v.groupby(groups).rank(method="min")
    elif call.options.get("unique"):
        r = v.groupby(groups).rank(method="first")
    else:
        r = v.groupby(groups).rank(method="average")
    out[valid] = r.to_numpy(dtype=float)
    return out, "float"


def _combo_codes(call: EgenCall) -> tuple[np.ndarray, np.ndarray]:
    """Codes 0..K-1 of the sorted distinct combinations of the varlist (-1 = excluded)."""
    n = call.sample.size
    ok = call.sample.copy()
    keys = []
    for col, is_str in zip(call.columns, call.column_is_string):
        if is_str:
            miss = np.array([v == "" for v in col], dtype=bool)
            uniq, inv = np.unique(np.asarray(col, dtype=str), return_inverse=True)
            keys.append(inv.astype(float))
        else:
            col = np.asarray(col, dtype=float)
            miss = np.isnan(col)
            keys.append(np.where(miss, np.inf, col))
        if not call.options.get("missing"):
            ok &= ~miss
    codes = np.full(n, -1, dtype=int)
    if not keys or not ok.any():
        return codes, ok
    stacked = np.column_stack([k[ok] for k in keys])
    _, inv = np.unique(stacked, axis=0, return_inverse=True)
    codes[ok] = inv.reshape(-1)
    return codes, ok


def egen_group(call):
    if not call.columns:
        raise StataError("varlist required", 100)
    codes, ok = _combo_codes(call)
    out = np.where(ok, codes + 1.0, np.nan)
    return out, "float"


def egen_tag(call):
    if not call.columns:
        raise StataError("varlist required", 100)
    codes, ok = _combo_codes(call)
    out = np.zeros(call.sample.size)
    seen = set()
    for i in np.flatnonzero(ok):
        key = (int(call.groups[i]), int(codes[i]))
        if key not in seen:
            seen.add(key)
            out[i] = 1.0
    return out, "byte"


def _row_matrix(call: EgenCall) -> np.ndarray:
    if not call.columns:
        raise StataError("varlist required", 100)
    if any(call.column_is_string):
        raise StataError("type mismatch", 109)
    return np.column_stack([np.asarray(c, dtype=float) for c in call.columns])


def _row_apply(call, func) -> np.ndarray:
    m = _row_matrix(call)
    out = np.full(m.shape[0], np.nan)
    for i in np.flatnonzero(call.sample):
        v = m[i][~np.isnan(m[i])]
        out[i] = func(v)
    return out


def egen_rowmean(call):
    return _row_apply(call, _mean), "float"


def egen_rowtotal(call):
    miss_opt = call.options.get("missing")
    return _row_apply(call, lambda v: float(v.sum()) if v.size or not miss_opt else np.nan), "float"


def egen_rowmin(call):
    return _row_apply(call, lambda v: float(v.min()) if v.size else np.nan), "float"


def egen_rowmax(call):
    return _row_apply(call, lambda v: float(v.max()) if v.size else np.nan), "float"


def egen_rowsd(call):
    return _row_apply(call, _sd), "float"


def egen_rownonmiss(call):
    return _row_apply(call, lambda v: float(v.size)), "long"


def egen_rowmiss(call):
    m = _row_matrix(call)
    out = np.where(call.sample, np.isnan(m).sum(axis=1).astype(float), np.nan)
    return out, "long"


def egen_cut(call):
    """``cut(var), at(a b c ...)``: lower bound of the interval [a,b) holding x; or ``group(#)``
    quantile groups 0..#-1 (``icodes`` gives 0,1,2 codes with ``at``)."""
    x = np.asarray(call.columns[0], dtype=float) if call.columns else _need_x(call, "cut")
    out = np.full(x.size, np.nan)
    at = call.options.get("at")
    ngroups = call.options.get("group")
    if isinstance(at, str):
        try:
            bounds = [float(t) for t in at.replace(",", " ").split()]
        except ValueError:
            raise StataError("at() invalid", 198) from None
        bounds.sort()
        for i in np.flatnonzero(call.sample & ~np.isnan(x)):
            for k in range(len(bounds) - 1):
                if bounds[k] <= x[i] < bounds[k + 1]:
                    out[i] = k if call.options.get("icodes") else bounds[k]
                    break
        return out, "float"
    if isinstance(ngroups, str):
        try:
            k = int(ngroups)
        except ValueError:
            raise StataError("group() invalid", 198) from None
        valid = call.sample & ~np.isnan(x)
        sx = np.sort(x[valid])
        from mlmcli.summary_statistics import stata_percentile
        cuts = [stata_percentile(sx, 100 * j / k) for j in range(1, k)]
        out[valid] = np.searchsorted(np.array(cuts), x[valid], side="right")
        return out, "byte"
    raise StataError("cut() requires at() or group()", 198)


def egen_iqr(call):
    _need_x(call, "iqr")
    p75, p25 = _pct(75), _pct(25)
    return _per_group(call, lambda v: p75(v) - p25(v) if v.size else np.nan), "float"


def _moment_ratio(v, power):
    if v.size == 0:
        return np.nan
    d = v - v.mean()
    m2 = (d ** 2).mean()
    return float((d ** power).mean() / m2 ** (power / 2)) if m2 > 0 else np.nan


def egen_skew(call):
    _need_x(call, "skew")
    return _per_group(call, lambda v: _moment_ratio(v, 3)), "float"


def egen_kurt(call):
    _need_x(call, "kurt")
    return _per_group(call, lambda v: _moment_ratio(v, 4)), "float"


def egen_mode(call):
    """The most frequent value; ties give missing unless ``minmode``/``maxmode``."""
    _need_x(call, "mode")

    def mode(v):
        if v.size == 0:
            return np.nan
        vals, counts = np.unique(v, return_counts=True)
        top = vals[counts == counts.max()]
        if top.size == 1:
            return float(top[0])
        if call.options.get("minmode"):
            return float(top.min())
        if call.options.get("maxmode"):
            return float(top.max())
        return np.nan
    return _per_group(call, mode), "float"


def egen_pc(call):
    """100 * x / (group total of x)."""
    x = _need_x(call, "pc")
    total = _per_group(call, lambda v: float(v.sum()))
    with np.errstate(divide="ignore", invalid="ignore"):
        out = 100.0 * x / total
    out[~call.sample | ~np.isfinite(out)] = np.nan
    return out, "float"


def egen_rowmedian(call):
    from mlmcli.summary_statistics import stata_percentile
    return _row_apply(call, lambda v: stata_percentile(np.sort(v), 50) if v.size else np.nan), "float"


def egen_rowfirst(call):
    return _row_apply(call, lambda v: float(v[0]) if v.size else np.nan), "float"


def egen_rowlast(call):
    return _row_apply(call, lambda v: float(v[-1]) if v.size else np.nan), "float"


def _values_option(call) -> np.ndarray:
    text = call.options.get("values")
    if not isinstance(text, str):
        raise StataError("option values() required", 198)
    from mlmcli.syntax.numlist import numlist

    try:
        out = numlist(text)
    except StataError as err:
        if err.rc == 134:  # a range too long to list
            raise
        raise StataError("values() invalid numlist", 121) from None
    return np.array(out, dtype=float)


def egen_anymatch(call):
    """1 if any variable equals one of ``values()``, else 0."""
    m = _row_matrix(call)
    hit = np.isin(m, _values_option(call)).any(axis=1).astype(float)
    return np.where(call.sample, hit, np.nan), "byte"


def egen_anycount(call):
    """How many of the variables equal one of ``values()``."""
    m = _row_matrix(call)
    count = np.isin(m, _values_option(call)).sum(axis=1).astype(float)
    return np.where(call.sample, count, np.nan), "byte"


FUNCTIONS: dict[str, tuple[Callable, str]] = {
    # name: (function, argument kind: "exp" or "varlist")
    "mean": (egen_mean, "exp"), "sd": (egen_sd, "exp"), "count": (egen_count, "exp"),
    "total": (egen_total, "exp"), "sum": (egen_total, "exp"), "min": (egen_min, "exp"),
    "max": (egen_max, "exp"), "median": (egen_median, "exp"), "pctile": (egen_pctile, "exp"),
    "std": (egen_std, "exp"), "rank": (egen_rank, "exp"),
    "group": (egen_group, "varlist"), "tag": (egen_tag, "varlist"),
    "rowmean": (egen_rowmean, "varlist"), "rowtotal": (egen_rowtotal, "varlist"),
    "rowmin": (egen_rowmin, "varlist"), "rowmax": (egen_rowmax, "varlist"),
    "rowsd": (egen_rowsd, "varlist"), "rownonmiss": (egen_rownonmiss, "varlist"),
    "rowmiss": (egen_rowmiss, "varlist"), "cut": (egen_cut, "varlist"),
    "iqr": (egen_iqr, "exp"), "skew": (egen_skew, "exp"), "kurt": (egen_kurt, "exp"),
    "mode": (egen_mode, "exp"), "pc": (egen_pc, "exp"), "rowmedian": (egen_rowmedian, "varlist"),
    "rowfirst": (egen_rowfirst, "varlist"), "rowlast": (egen_rowlast, "varlist"),
    "anymatch": (egen_anymatch, "varlist"), "anycount": (egen_anycount, "varlist"),
}

# functions whose result does not depend on by-groups (row-wise)
ROWWISE = {"rowmean", "rowtotal", "rowmin", "rowmax", "rowsd", "rownonmiss", "rowmiss", "cut", "rowmedian",
           "rowfirst", "rowlast", "anymatch", "anycount"}
