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
  mad = median(|x - median(x)|); mdev = mean(|x - mean(x)|);
- cut(x), at(numlist): the lower end of the interval [a_k, a_k+1) holding x (``icodes``:
  k = 0, 1, ...), or ``group(#)`` quantile groups 0 .. #-1; ``label``: "a_k-" labels.
The functions across variables, the text functions and the sequences are in
``egen_rowwise.py``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from mlmcli.egen_rowwise import FUNCTIONS as ROW_FUNCTIONS, ROWWISE as ROW_RESULTS, mean_of as _mean
from mlmcli.egen_rowwise import percentile_option
from mlmcli import group_reductions as grouped
from mlmcli.errors import StataError
from mlmcli.missing import MAX_DOUBLE, order_key
from mlmcli.syntax.options import real_option
from mlmcli.sorted_codes import first_of_each, group_sizes, row_codes, text_codes
from mlmcli.summary_statistics import moments


@dataclass
class EgenCall:
    sample: np.ndarray                 # bool per row: in if/in
    groups: np.ndarray                 # int code per row (by-groups), -1 outside the sample
    x: np.ndarray | None = None        # evaluated expression (numeric)
    columns: list = field(default_factory=list)   # variables' values for varlist functions
    column_is_string: list = field(default_factory=list)
    options: dict = field(default_factory=dict)
    text: str = ""                     # the argument as typed (fill()'s numlist)
    texts: list | None = None          # per column, each value as shown (value labels), when asked
    value_labels: dict = field(default_factory=dict)  # out: labels for the new variable (group, cut)
    weights: np.ndarray | None = None  # xtile()'s weights() variable; wtmean()'s weight() values


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


def _over_groups(call: EgenCall, statistic: Callable[[grouped.Groups, np.ndarray], np.ndarray]) -> np.ndarray:
    """_per_group for the statistics group_reductions computes for all groups at once:
    statistic(groups, their non-missing x) per group, on each of the group's sample rows."""
    groups = grouped.Groups(call.groups, call.sample & ~np.isnan(call.x))
    out = groups.spread(statistic(groups, groups.values(call.x)))
    out[~call.sample] = np.nan
    return out


def _need_x(call: EgenCall, name: str) -> np.ndarray:
    if call.x is None:
        raise StataError(f"{name}() requires an expression", 198)
    if call.x.dtype == object:
        raise StataError("type mismatch", 109)
    return call.x


def _pct(p):
    from mlmcli.summary_statistics import stata_percentile
    return lambda v: stata_percentile(np.sort(v), p)


def egen_mean(call):
    _need_x(call, "mean")
    return _over_groups(call, grouped.means), "float"


def egen_sd(call):
    _need_x(call, "sd")
    return _over_groups(call, grouped.sds), "float"


def egen_count(call):
    x = call.x
    if x is not None and x.dtype == object:
        call.x = np.where(np.array([s != "" for s in x]), 1.0, np.nan)
    _need_x(call, "count")
    out = group_sizes(call.groups, call.sample & ~np.isnan(call.x))  # _per_group's counts, at once
    out[~call.sample] = np.nan
    return out, "float"


def egen_total(call):
    _need_x(call, "total")
    if call.options.get("missing"):
        return _over_groups(call, lambda g, v: np.where(g.counts > 0, grouped.sums(g, v), np.nan)), "float"
    return _over_groups(call, grouped.sums), "float"


def egen_min(call):
    _need_x(call, "min")
    return _over_groups(call, grouped.Groups.minima), "float"


def egen_max(call):
    _need_x(call, "max")
    return _over_groups(call, grouped.Groups.maxima), "float"


def egen_median(call):
    _need_x(call, "median")
    return _over_groups(call, lambda g, v: grouped.percentiles(g, v, 50)), "float"


def egen_pctile(call):
    _need_x(call, "pctile")
    p = percentile_option(call)
    return _over_groups(call, lambda g, v: grouped.percentiles(g, v, p)), "float"


def egen_mad(call):
    """Median absolute deviation from the median."""
    _need_x(call, "mad")
    med = _pct(50)
    return _per_group(call, lambda v: med(np.abs(v - med(v))) if v.size else np.nan), "float"


def egen_mdev(call):
    """Mean absolute deviation from the mean."""
    _need_x(call, "mdev")
    return _per_group(call, lambda v: _mean(np.abs(v / 2 - _mean(v) / 2)) * 2 if v.size else np.nan), "float"


def egen_std(call):
    x = _need_x(call, "std")
    mean = _over_groups(call, grouped.means)
    sd = _over_groups(call, grouped.sds)
    m0 = real_option(call.options, "mean", 0.0)  # _gstd.ado: Mean(real 0) Std(real 1)
    s0 = real_option(call.options, "std", 1.0)
    with np.errstate(all="ignore"):  # sd 0 or missing: missing, as Stata's division
        dev = x - mean
        halved = ~np.isfinite(dev) & np.isfinite(x) & np.isfinite(mean)  # both signs near 8.9e307
        dev[halved] = (x[halved] / 2 - mean[halved] / 2) / sd[halved] * 2
        dev[~halved] = dev[~halved] / sd[~halved]
        out = m0 + s0 * dev
    out[~call.sample | ~(np.abs(out) <= MAX_DOUBLE)] = np.nan
    return out, "float"


def egen_rank(call):
    import pandas as pd
    x = _need_x(call, "rank")
    if sum(bool(call.options.get(k)) for k in ("field", "track", "unique")) > 1:  # _grank.ado
        raise StataError("only one of field, track, or unique may be specified", 198)
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
            keys.append(text_codes(col).astype(float))  # np.unique's inverse
        else:
            col = np.asarray(col, dtype=float)
            miss = np.isnan(col)
            keys.append(order_key(col))  # . < .a < ... < .z, each its own value
        if not call.options.get("missing"):
            ok &= ~miss
    codes = np.full(n, -1, dtype=int)
    if not keys or not ok.any():
        return codes, ok
    codes[ok] = row_codes([k[ok] for k in keys])
    return codes, ok


def egen_group(call):
    """1..K over the sorted distinct combinations; ``label``: each number labelled with the
    combination's values (value labels where the variables have them), ``truncate(#)``
    characters of each."""
    if not call.columns:
        raise StataError("varlist required", 100)
    codes, ok = _combo_codes(call)
    out = np.where(ok, codes + 1.0, np.nan)
    if "label" in call.options and call.texts is not None:
        width = call.options.get("truncate")
        width = int(width) if width is not None else None
        for i in np.flatnonzero(ok):
            value = float(codes[i] + 1)
            if value not in call.value_labels:
                call.value_labels[value] = " ".join(t[i][:width] if width else t[i] for t in call.texts)
    return out, "float"


def egen_tag(call):
    if not call.columns:
        raise StataError("varlist required", 100)
    codes, ok = _combo_codes(call)
    out = np.zeros(call.sample.size)
    rows = np.flatnonzero(ok)
    if rows.size:  # the first row of each (by-group, combination)
        out[rows[first_of_each(row_codes([call.groups[rows].astype(np.int64), codes[rows]]))]] = 1.0
    return out, "byte"


def egen_cut(call):
    """``cut(var), at(a b c ...)``: lower bound of the interval [a,b) holding x; or ``group(#)``
    quantile groups 0..#-1 (``icodes``, or ``label``, gives 0,1,2 codes with ``at``)."""
    from mlmcli.syntax.options import real_option

    if call.column_is_string and call.column_is_string[0]:  # _gcut.ado's gen `x' = `exp'
        raise StataError("type mismatch", 109)
    x = np.asarray(call.columns[0], dtype=float) if call.columns else _need_x(call, "cut")
    out = np.full(x.size, np.nan)
    at = call.options.get("at")
    # _gcut.ado: Group(real 0); 0 means not given
    ngroups = real_option(call.options, "group", 0.0) if isinstance(call.options.get("group"), str) else 0.0
    if not math.isfinite(ngroups):  # Python reads "inf"/"nan"; syntax's real does not
        raise StataError("option group() incorrectly specified", 198)
    if not isinstance(at, str) and ngroups == 0:
        raise StataError("one of at() or group() must be specified", 198)
    if isinstance(at, str) and ngroups != 0:
        raise StataError("cannot specify both at() and group() option", 198)
    if isinstance(at, str):
        from mlmcli.syntax.numlist import numlist
        try:
            bounds = [float(t) for t in numlist(at.replace(",", " "))]
        except StataError:
            raise StataError("at() invalid", 198) from None
        if any(b < a for a, b in zip(bounds, bounds[1:])):  # syntax's AT(numlist asc)
            raise StataError("at() invalid -- invalid numlist has elements out of order", 124)
        # _gcut.ado: label implies icodes (the codes 0, 1, 2 ... carry the left-hand ends)
        icodes = bool(call.options.get("icodes")) or "label" in call.options
        for i in np.flatnonzero(call.sample & ~np.isnan(x)):
            for k in range(len(bounds) - 1):
                if bounds[k] <= x[i] < bounds[k + 1]:
                    out[i] = k if icodes else bounds[k]
                    break
        if "label" in call.options:  # every cut point's code, the top one's too: "0-", "10-", ...
            for k in range(len(bounds)):
                call.value_labels[float(k)] = _number_text(bounds[k]) + "-"
        return out, "float"
    # the ado's pctile ..., nq(group): a whole number from 2 to the observations plus one
    if ngroups < 2 or ngroups != int(ngroups):
        raise StataError("option nquantiles() incorrectly specified", 198)
    k = int(ngroups)
    if k - 1 > x.size:  # pctile keeps its cut points in the first observations
        raise StataError("nquantiles() must be less than or equal to number of observations plus one", 198)
    valid = call.sample & ~np.isnan(x)
    sx = np.sort(x[valid])
    from mlmcli.summary_statistics import stata_percentile
    cuts = [stata_percentile(sx, 100 * j / k) for j in range(1, k)]
    out[valid] = np.searchsorted(np.array(cuts), x[valid], side="right")
    if "label" in call.options and sx.size:  # each group's lowest value: "1-", "7-", ...
        for code in np.unique(out[valid]):
            call.value_labels[float(code)] = _number_text(x[valid][out[valid] == code].min()) + "-"
    return out, "byte"


# _pctile, which the ado calls, returns at most 4,096 percentiles (r(r1) ... r(r4096))
MAX_PERCENTILES = 4096


def _check_percentile_count(count) -> None:
    if count > MAX_PERCENTILES:
        raise StataError(f"too many percentiles; at most {MAX_PERCENTILES:,} may be requested", 198)


def egen_xtile(call):
    """egenmore's ``xtile(var)`` (_gxtile.ado, byable): within each by-group, _pctile's cut
    points r_1 < ... at ``nquantiles(#)`` (the 100k/# percentiles; default the median) or at
    ``percentiles(numlist)``, ``weights(var)`` as aweights, ``altdef``; category 1 for
    x <= r_1, then i + 1 for x > r_i, missing where x is."""
    from mlmcli.summary_statistics import altdef_percentile, stata_percentile, weighted_percentile
    from mlmcli.syntax.numlist import numlist

    x = _need_x(call, "xtile")
    opts = call.options
    nq, pct = opts.get("nquantiles"), opts.get("percentiles", opts.get("p"))
    if isinstance(nq, str) and isinstance(pct, str):
        raise StataError("do not specify percentiles and nquantiles", 198)
    weights = opts.get("weights")
    if opts.get("altdef") and isinstance(weights, str):
        raise StataError("weights are not allowed with altdef", 111)
    if isinstance(nq, str):
        try:
            k = float(nq)
        except ValueError:
            raise StataError("nquantiles() invalid", 198) from None
        if not k >= 2:
            raise StataError("nquantiles() must be greater than or equal to 2", 198)
        # the ado's numlist 100/k(100/k)100-100/k: nq(2.5) is the 40th percentile alone
        count = math.floor((100 - 100 / k) / (100 / k) + 1e-9) if math.isfinite(k) else math.inf
        _check_percentile_count(count)
        percents = [100.0 * j / k for j in range(1, int(count) + 1)]
    elif isinstance(pct, str):
        percents = sorted(float(v) for v in numlist(pct))
        _check_percentile_count(len(percents))
    else:
        percents = [50.0]
    w = call.weights if isinstance(weights, str) else None
    out = np.full(x.size, np.nan)
    valid = call.sample & ~np.isnan(x) & (np.ones(x.size, bool) if w is None else ~np.isnan(w))
    for g in np.unique(call.groups[valid]):
        rows = np.flatnonzero(valid & (call.groups == g))
        order = np.argsort(x[rows], kind="stable")
        sx = x[rows][order]
        if opts.get("altdef"):
            cuts = [altdef_percentile(sx, p) for p in percents]
        elif w is None:
            cuts = [stata_percentile(sx, p) for p in percents]
        else:
            cuts = [weighted_percentile(sx, w[rows][order], p) for p in percents]
        out[rows] = np.searchsorted(np.asarray(cuts), x[rows], side="left") + 1
    return out, "float"


def _number_text(v: float) -> str:
    from mlmcli.render.numfmt import format_number
    return format_number(float(v), "%9.0g").strip()


def egen_iqr(call):
    _need_x(call, "iqr")

    def iqr(g, v):
        ordered = g.sorted_values(v)
        return grouped.percentiles(g, v, 75, ordered) - grouped.percentiles(g, v, 25, ordered)
    return _over_groups(call, iqr), "float"


def _moment_ratio(v, power):
    """summarize, detail's skewness (3) or kurtosis (4), scaled (summary_statistics.moments)."""
    if v.size == 0:
        return np.nan
    return moments(v)["skewness" if power == 3 else "kurtosis"]


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
    total = _over_groups(call, grouped.sums)  # missing past the largest double, as _gpc.ado's sum()
    with np.errstate(all="ignore"):  # 100*x past the largest double: missing, as Stata's product
        out = 100.0 * x / total
    out[~call.sample | ~np.isfinite(out)] = np.nan
    return out, "float"


def egen_wtmean(call):
    """Kantor's ``wtmean(exp), weight(exp)`` (_gwtmean.ado, SSC): within each by-group of the
    sample, sum(exp*w) / sum(!missing(exp)*w), the terms with a missing product left out as
    Stata's sum() does; the group's value on all its sample rows, missing where the sum of
    weights is 0.  Without weight() it is mean()."""
    x = _need_x(call, "wtmean")
    w = np.ones(x.size) if call.weights is None else call.weights
    with np.errstate(all="ignore"):
        num_terms, den_terms = x * w, np.where(np.isnan(x), 0.0, 1.0) * w
    groups = grouped.Groups(call.groups, call.sample)
    num = grouped.sums(groups, groups.values(np.where(np.isnan(num_terms), 0.0, num_terms)))
    den = grouped.sums(groups, groups.values(np.where(np.isnan(den_terms), 0.0, den_terms)))
    with np.errstate(all="ignore"):
        ratio = np.where(den != 0, num / den, np.nan)
    out = groups.spread(ratio)
    out[~call.sample | ~np.isfinite(out)] = np.nan
    return out, "float"


FUNCTIONS: dict[str, tuple[Callable, str]] = {
    # name: (function, argument kind: "exp", "varlist", "numlist" or "none")
    "mean": (egen_mean, "exp"), "sd": (egen_sd, "exp"), "count": (egen_count, "exp"),
    "total": (egen_total, "exp"), "sum": (egen_total, "exp"), "min": (egen_min, "exp"),
    "max": (egen_max, "exp"), "median": (egen_median, "exp"), "pctile": (egen_pctile, "exp"),
    "std": (egen_std, "exp"), "rank": (egen_rank, "exp"),
    "group": (egen_group, "varlist"), "tag": (egen_tag, "varlist"), "cut": (egen_cut, "varlist"),
    "xtile": (egen_xtile, "exp"), "wtmean": (egen_wtmean, "exp"),
    "iqr": (egen_iqr, "exp"), "skew": (egen_skew, "exp"), "kurt": (egen_kurt, "exp"),
    "mode": (egen_mode, "exp"), "pc": (egen_pc, "exp"), "mad": (egen_mad, "exp"), "mdev": (egen_mdev, "exp"),
    **ROW_FUNCTIONS,
}

# functions whose result does not depend on by-groups (row-wise)
ROWWISE = {"cut"} | ROW_RESULTS
