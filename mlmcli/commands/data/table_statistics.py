"""The statistics of Stata 17's ``table`` ([R] table, statistic()): their names, titles and
values over one cell's observations, unweighted or with f/a/i/pweights.

Weights (docs/table_collect.md): frequency is the sum of the weights in the cell and percent
and proportion its share of the sum over the table's observations; mean, variance and sd are
summarize's weighted ones (aweights and pweights rescaled to sum to the number of
observations, the variance divided by the sum of the weights - 1); total is the sum of w x
(w rescaled so for aweights/pweights); percentiles are summarize's weighted ones; count is the
number of observations (the sum of the weights for fweights); min, max and range ignore the
weights.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

TITLES = {"frequency": "Frequency", "percent": "Percent", "proportion": "Proportion",
          "rawfrequency": "Unweighted frequency", "rawpercent": "Unweighted percent",
          "rawproportion": "Unweighted proportion",
          "fvfrequency": "Factor-variable frequency", "fvpercent": "Factor-variable percent",
          "fvproportion": "Factor-variable proportion",
          "fvrawfrequency": "Unweighted factor-variable frequency",
          "fvrawpercent": "Unweighted factor-variable percent",
          "fvrawproportion": "Unweighted factor-variable proportion",
          "mean": "Mean", "sd": "Standard deviation", "variance": "Variance", "median": "Median",
          "q1": "First quartile", "q2": "Second quartile", "q3": "Third quartile",
          "min": "Minimum value", "max": "Maximum value",
          "count": "Number of nonmissing observations", "total": "Total", "iqr": "Interquartile range",
          "semean": "Standard error of the mean", "range": "Range", "sumw": "Sum of weights",
          "cv": "Coefficient of variation",
          "sebinomial": "Standard error of the mean, binomial distribution",
          "sepoisson": "Standard error of the mean, Poisson distribution",
          "skewness": "Skewness", "kurtosis": "Kurtosis"}
# table's help: the names and their shortest abbreviations (None: the full name only)
_NAMES = (("frequency", 4), ("percent", 4), ("proportion", 4), ("rawfrequency", 7), ("rawpercent", 7),
          ("rawproportion", 7), ("fvfrequency", 6), ("fvpercent", 6), ("fvproportion", 6),
          ("fvrawfrequency", 9), ("fvrawpercent", 9), ("fvrawproportion", 9), ("variance", 3),
          ("skewness", 4), ("kurtosis", 4))
_ALIASES = {"sum": "total", "n": "count"}
PERCENTILE = re.compile(r"p([1-9]|[1-9]\d)$")
_QUARTILE = {"q1": 25, "q2": 50, "q3": 75, "median": 50}
# statistics of the observations, no variable
COUNTING = ("frequency", "percent", "proportion", "rawfrequency", "rawpercent", "rawproportion")
# one value per level of a variable
FACTOR = ("fvfrequency", "fvpercent", "fvproportion", "fvrawfrequency", "fvrawpercent", "fvrawproportion")
_SHARES = ("percent", "proportion", "fvpercent", "fvproportion", "rawpercent", "rawproportion",
           "fvrawpercent", "fvrawproportion")  # the ones with across()
_ONLY_FWEIGHTS = ("sebinomial", "sepoisson")  # collapse's rule: r(135) with other weights


@dataclass(frozen=True)
class Stat:
    """One requested statistic: of ``var`` (None for frequency/percent/proportion); percent's
    and proportion's ``across`` variable; a factor-variable statistic's ``level`` (value)."""

    name: str
    var: str | None = None
    across: str | None = None
    level: float | None = None


def canonical(word: str) -> str:
    """The statistic's full name: an alias or an abbreviation table's help allows expanded."""
    from mlmcli.syntax.abbreviation import resolve_choice
    low = word.lower()
    return _ALIASES.get(low) or resolve_choice(low, _NAMES) or low


def known(stat: str) -> bool:
    return stat in TITLES or bool(PERCENTILE.match(stat))


def statistic_title(stat: str) -> str:
    m = PERCENTILE.match(stat)
    if m:
        n = int(m.group(1))
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix} percentile"
    return TITLES.get(stat, stat)


def parse_statistics(texts: list[str], ds) -> list[Stat]:
    """statistic(name [varlist] [, across(v)]) options -> the statistics, each once."""
    out = []
    for text in texts:
        body, options, _ = split_options(text)
        words = body.split()
        if not words:
            raise StataError("statistic() invalid", 198)
        stat = canonical(words[0])
        if not known(stat):
            raise StataError(f"statistic {words[0]} is not available in mlm's table", 198)
        if options and stat not in _SHARES:
            raise StataError(f"statistic({text.strip()}): suboptions are not available in mlm's table", 198)
        across = resolve_options(options, [OptionSpec("across", takes_arg=True)]).get("across")
        across = ds.resolve(across.strip()) if isinstance(across, str) else None
        if stat in COUNTING:
            if len(words) > 1:
                raise StataError(f"statistic({words[0]}) takes no variables in mlm's table", 198)
            out.append(Stat(stat, None, across))
            continue
        if len(words) < 2:
            raise StataError(f"statistic({words[0]}) requires a varlist", 100)
        for name in ds.expand_varlist(" ".join(words[1:])):
            if ds.is_string(name):
                raise StataError("type mismatch", 109)
            out.append(Stat(stat, name, across))
    return list(dict.fromkeys(out))


def _weighted_mean_var(x: np.ndarray, w: np.ndarray, kind: str) -> tuple[float, float, float]:
    """(mean, variance, the weights' sum as the variance counts it) with summarize's weights."""
    from mlmcli.summary_statistics import weighted_moments
    m = weighted_moments(x, w, "aweight" if kind == "pweight" else kind)
    n = float(w.sum()) if kind in ("fweight", "iweight") else float(x.size)
    return m["mean"], m["Var"], n


def _share(name: str, mask: np.ndarray, base: np.ndarray, w) -> float:
    """A (weighted) count of ``mask``, or its percent/proportion of ``base``'s."""
    count = float(mask.sum()) if w is None else float(w[mask].sum())
    if name.endswith("frequency"):
        return count
    whole = float(base.sum()) if w is None else float(w[base].sum())
    share = count / whole if whole else np.nan
    return 100.0 * share if name.endswith("percent") else share


def value(stat: Stat, x, mask: np.ndarray, base: np.ndarray, w, kind: str | None) -> float:
    """The statistic over the observations of ``mask`` (percent/proportion: as a share of
    those of ``base``)."""
    from mlmcli.summary_statistics import statistic, weighted_percentile
    if "raw" in stat.name:  # the unweighted frequency, percent or proportion
        w = None
    if stat.name in COUNTING + FACTOR:
        if stat.name in FACTOR:  # the level's share of the variable's nonmissing values
            base = mask & ~np.isnan(x)
            mask = base & (x == stat.level)
        return _share(stat.name, mask, base, w)
    keep = mask & ~np.isnan(x)
    v = x[keep]
    if w is None or kind is None:
        if stat.name == "sumw":
            return float(v.size)
        if stat.name in _ONLY_FWEIGHTS:
            return _standard_error(stat.name, float(v.mean()) if v.size else np.nan, float(v.size))
        return statistic({"total": "sum", "q1": "p25", "q2": "p50", "q3": "p75"}.get(stat.name, stat.name), v)
    ww = w[keep]
    if stat.name in ("min", "max", "range"):
        return statistic(stat.name, v[ww > 0])
    if stat.name == "sumw":
        return float(ww.sum())
    if stat.name == "count":
        return float(ww.sum()) if kind == "fweight" else float(v.size)
    if v.size == 0:
        return 0.0 if stat.name == "total" else np.nan
    scaled = ww * v.size / ww.sum() if kind in ("aweight", "pweight") else ww
    if stat.name == "total":
        return float((scaled * v).sum())
    if stat.name in _ONLY_FWEIGHTS:  # fweights: the observations repeated
        return _standard_error(stat.name, float((ww * v).sum() / ww.sum()), float(ww.sum()))
    if stat.name in ("iqr", *_QUARTILE) or PERCENTILE.match(stat.name):
        order = np.argsort(v, kind="mergesort")
        sx, sw = v[order], ww[order]
        if stat.name == "iqr":
            return weighted_percentile(sx, sw, 75) - weighted_percentile(sx, sw, 25)
        p = _QUARTILE.get(stat.name) or int(stat.name[1:])
        return weighted_percentile(sx, sw, p)
    mean, var, n = _weighted_mean_var(v, ww, kind)
    if stat.name == "mean":
        return mean
    if stat.name == "variance":
        return var
    if stat.name == "sd":
        return math.sqrt(var) if var == var else np.nan
    if stat.name == "semean":
        return math.sqrt(var / n) if var == var and n > 0 else np.nan
    if stat.name == "cv":
        return math.sqrt(var) / mean if var == var and mean else np.nan
    if stat.name in ("skewness", "kurtosis"):
        from mlmcli.summary_statistics import weighted_moments
        return weighted_moments(v, ww, "aweight" if kind == "pweight" else kind)[stat.name]
    raise StataError(f"{stat.name} invalid statistic", 198)


def _standard_error(name: str, mean: float, n: float) -> float:
    """sebinomial sqrt(p(1-p)/n) (p the mean of a 0/1 variable; missing outside [0, 1]) and
    sepoisson sqrt(mean/n) (missing for a negative mean), as collapse computes them."""
    if not n or mean != mean:
        return np.nan
    spread = mean * (1 - mean) if name == "sebinomial" else mean
    return math.sqrt(spread / n) if spread >= 0 else np.nan


def check_weights(stats: list[Stat], kind: str | None) -> None:
    """sebinomial and sepoisson take fweights only (collapse: r(135))."""
    for s in stats:
        if s.name in _ONLY_FWEIGHTS and kind not in (None, "fweight"):
            raise StataError(f"{s.name} not allowed with {kind}s", 135)
