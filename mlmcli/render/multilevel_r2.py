"""``mlmr2``'s table of Rights-Sterba R-squared measures.  The layout is mlm's own (mlmr2's
output was not available): one row per measure, the total, within-cluster and
between-cluster proportions in columns, the conflation warnings below."""
from __future__ import annotations

from mlmcli.render.numfmt import format_number
from mlmcli.results.multilevel_r2 import MEASURES, MultilevelR2

_SOURCES = {
    "f1": "fixed slopes, level-1 part of the predictors",
    "f2": "fixed slopes, level-2 part of the predictors",
    "v": "random-slope variation",
    "m": "random-intercept variation",
    "f": "fixed slopes (f1 + f2)",
    "fv": "fixed slopes and slope variation",
    "fvm": "fixed slopes, slope and intercept variation",
}


def _cell(value) -> str:
    return " " * 11 if value is None else format_number(value, "%11.4f")


def render_multilevel_r2(res: MultilevelR2) -> str:
    line = "-" * 13 + "+" + "-" * 36
    out = ["", f"R-squared measures (Rights & Sterba 2019) for {res.depvar}, groups {res.levelvar}", "",
           "-" * 50, f"{'Measure':>12} | {'Total':>10} {'Within':>11} {'Between':>11}", line]
    for key in MEASURES:
        within = res.within.get(key if key != "fv" else "fv")
        if key == "f":
            within = None
        between = res.between.get(key)
        out.append(f"{key:>12} |{_cell(res.total[key])}{_cell(within)}{_cell(between)}".rstrip())
    out.append("-" * 50)
    for key in MEASURES:
        out.append(f"{key:>5}: {_SOURCES[key]}")
    out.append("Within: over f1 + v + residual variance (fv there: f1 + v); between: over f2 + m.")
    for name in res.fixed_conflated:
        out.append(f"Warning: {name} varies within and between clusters under one fixed slope; "
                   "its level-1 and level-2 effects may be conflated.")
    for name in res.random_conflated:
        out.append(f"Warning: {name} has a random slope and varies between clusters; "
                   "v and m may be conflated (cluster-mean-centre it).")
    return "\n".join(out)
