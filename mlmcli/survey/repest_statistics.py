"""repest's built-in statistics (its n_cmds: means, summarize, freq, corr) under one analytic
weight, their flags and coverage, as repest.ado 1.12.4 computes them with summarize,
tabulate and correlate [aw = weight] (read, not copied).

Every function takes the rows of one by/over cell: the variables as float arrays and the
weight; an observation with a missing or non-positive weight is out, as under Stata's
marksample.  Results are lists of (name, value); names are repest's (``x_m``, ``x_mean``,
``x_1``, ``c_x_y``, coverage ``x_x``).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.summary_statistics import weighted_moments, weighted_percentile

SUMMARIZE_STATS = ("mean sd min max sum_w p1 p5 p10 p25 p50 p75 p90 p95 p99 skewness kurtosis sum N Var "
                   "iqr idr sd_ub Var_ub")


def _usable(w: np.ndarray) -> np.ndarray:
    return ~np.isnan(w) & (w > 0)


def means(columns: dict[str, np.ndarray], w: np.ndarray, pct: bool) -> list[tuple[str, float]]:
    out = []
    for name, x in columns.items():
        ok = _usable(w) & ~np.isnan(x)
        value = float(np.average(x[ok], weights=w[ok])) if ok.any() else np.nan
        out.append((f"{name}_m", value * 100 if pct else value))
    return out


def check_stats(stats: list[str]) -> None:
    """repest_summarize's check: each statname must be found in its list (a substring test)."""
    for stat in stats:
        if stat not in SUMMARIZE_STATS:
            raise StataError("estimate suboption stats must contain elements computed in stata's summarize "
                             "command", 198)


def summarize(columns: dict[str, np.ndarray], w: np.ndarray, stats: list[str]) -> list[tuple[str, float]]:
    """summarize [aw], detail's figures; sd and Var are the population's (times (N-1)/N),
    sd_ub and Var_ub summarize's own, idr p90 - p10, iqr p75 - p25."""
    out = []
    for name, x in columns.items():
        ok = _usable(w) & ~np.isnan(x)
        xs, ws = x[ok], w[ok]
        m = weighted_moments(xs, ws, "aweight")
        n = xs.size
        order = np.argsort(xs, kind="stable")
        sx, sw = xs[order], ws[order]

        def pct(p):
            return weighted_percentile(sx, sw, p)

        for stat in stats:
            if n == 0:
                value = np.nan
            elif stat == "sd":
                value = m["sd"] * np.sqrt((n - 1) / n) if n > 1 else np.nan
            elif stat == "Var":
                value = m["Var"] * (n - 1) / n if n > 1 else np.nan
            elif stat == "sd_ub":
                value = m["sd"] if n > 1 else np.nan
            elif stat == "Var_ub":
                value = m["Var"] if n > 1 else np.nan
            elif stat == "idr":
                value = pct(90) - pct(10)
            elif stat == "iqr":
                value = pct(75) - pct(25)
            elif stat.startswith("p") and stat[1:].isdigit():
                value = pct(int(stat[1:]))
            elif stat == "N":
                value = float(n)
            else:
                value = m[stat]
            out.append((f"{name}_{stat}", float(value)))
    return out


def _level_name(level: float) -> str:
    text = f"{level:.12g}"
    return text.replace("-", "m")


def freq(name: str, x: np.ndarray, w: np.ndarray, levels: list[float], count: bool) -> list[tuple[str, float]]:
    """tabulate x [aw] (percentages) or unweighted counts (``count``) at each level; a level
    not seen is 0; no observation at all gives missing values."""
    ok = _usable(w) & ~np.isnan(x) if not count else ~np.isnan(x)
    total = float(w[ok].sum()) if not count else float(ok.sum())
    out = []
    for level in levels:
        hit = ok & (x == level)
        if not ok.any():
            value = np.nan
        elif count:
            value = float(hit.sum())
        else:
            value = 100 * float(w[hit].sum()) / total
        out.append((f"{name}_{_level_name(level)}", value))
    return out


def _corr(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    if x.size < 2:
        return np.nan
    mx, my = np.average(x, weights=w), np.average(y, weights=w)
    sxy = np.sum(w * (x - mx) * (y - my))
    sxx, syy = np.sum(w * (x - mx) ** 2), np.sum(w * (y - my) ** 2)
    return float(sxy / np.sqrt(sxx * syy)) if sxx > 0 and syy > 0 else np.nan


def corr(columns: dict[str, np.ndarray], w: np.ndarray, pairwise: bool) -> list[tuple[str, float]]:
    """correlate [aw] (listwise) or each pair's (``pairwise``): ``c_x_y`` / ``pwc_x_y``, the
    names' variables cut to 12 characters."""
    names = list(columns)
    arrays = [columns[n] for n in names]
    base = _usable(w)
    listwise = base.copy()
    for a in arrays:
        listwise &= ~np.isnan(a)
    out = []
    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            ok = base & ~np.isnan(arrays[i]) & ~np.isnan(arrays[j]) if pairwise else listwise
            value = _corr(arrays[i][ok], arrays[j][ok], w[ok])
            prefix = "pwc" if pairwise else "c"
            out.append((f"{prefix}_{names[i][:12]}_{names[j][:12]}", value))
    return out


def coverage(valid: np.ndarray, w: np.ndarray) -> float:
    """The weighted share of the cell's observations (with a usable weight) in ``valid``."""
    ok = _usable(w)
    return float(np.average(valid[ok].astype(float), weights=w[ok])) if ok.any() else np.nan


def too_few(mask: np.ndarray, groups: np.ndarray | None, rule: str | None, min_obs: int, min_groups: int) -> int:
    """repest_flags: 1 when the observations in ``mask`` are fewer than min_obs or (rule
    "groups") sit in fewer than min_groups groups (schools)."""
    if rule is None:
        return 0
    n = int(mask.sum())
    if rule == "obs" or groups is None:
        return int(n < min_obs)
    g = groups[mask]
    g = g[~np.isnan(g)] if g.dtype.kind == "f" else g
    return int(n < min_obs or len(np.unique(g)) < min_groups)


def too_few_binary(mask: np.ndarray, x: np.ndarray, groups, rule, min_obs: int, min_groups: int) -> int:
    """repest_flags, binarytest: a regressor taking two values is flagged when either value's
    observations are too few."""
    ok = mask & ~np.isnan(x)
    values = np.unique(x[ok])
    if values.size != 2:
        return too_few(ok, groups, rule, min_obs, min_groups)
    return max(too_few(ok & (x == v), groups, rule, min_obs, min_groups) for v in values)
