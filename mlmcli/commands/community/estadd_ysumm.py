"""``estadd ysumm [, stats]`` (estadd.ado's estadd_ysumm, read in benjann/estout): summary
statistics of the first dependent variable over e(sample), added as e(<prefix><stat>) (prefix
``y``).  The statistics are summarize's with the model's weights (e(wtype) e(wexp); pweights
as aweights); ``stats`` are mean sum min max range sd var cv semean skewness kurtosis median
p1 p5 p10 p25 p50 p75 p90 p95 p99 iqr q (p25 p50 p75) all; the default is mean sd min max.
They are added in estadd's order: iqr semean cv range, then p99 ... p1 kurtosis skewness var
sd max min sum mean."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

ORDER = ("p99", "p95", "p90", "p75", "p50", "p25", "p10", "p5", "p1", "kurtosis", "skewness", "var", "sd", "max",
         "min", "sum", "mean")
DERIVED = ("iqr", "semean", "cv", "range")
SPECS = [OptionSpec(n, m) for n, m in (("mean", 2), ("sum", 2), ("min", 2), ("max", 2), ("range", 2), ("sd", 2),
                                        ("var", 1), ("cv", 2), ("semean", 3), ("skewness", 2), ("kurtosis", 1),
                                        ("median", 3), ("p1", 2), ("p5", 2), ("p10", 3), ("p25", 3), ("p50", 3),
                                        ("p75", 3), ("p90", 3), ("p95", 3), ("p99", 3), ("iqr", 3), ("q", 1),
                                        ("all", 3))]
_DETAIL = {"p99", "p95", "p90", "p75", "p50", "p25", "p10", "p5", "p1", "kurtosis", "skewness", "iqr"}


def ysumm_statistics(options) -> list[str]:
    """The statistics asked for, in the order estadd adds them."""
    opts = resolve_options(options, SPECS)
    if opts.get("all"):
        return list(DERIVED) + list(ORDER)
    asked = {n for n in opts if opts.get(n)}
    if asked & {"q"}:
        asked |= {"p25", "p50", "p75"}
    if "median" in asked:
        asked.add("p50")
    stats = [s for s in DERIVED if s in asked] + [s for s in ORDER if s in asked]
    return stats or ["sd", "max", "min", "mean"]


def estadd_ysumm(session, rest, prefix: str, replace: bool, quiet: bool) -> None:
    """Add the statistics ``rest`` = (text, options) asks for to the active results."""
    import dataclasses

    from mlmcli.commands.community.estpost_tabstat import weighted_statistic
    from mlmcli.estimation import active as estimates
    from mlmcli.expr import evaluate
    from mlmcli.render.numfmt import format_number

    text, options = rest
    if text.strip():
        raise StataError("invalid syntax", 198)
    stats = ysumm_statistics(options)
    e = estimates.active(session)
    if e.sample is None:
        raise StataError("e(sample) information not available", 498)
    if e.macros.get("subpop"):
        raise StataError("estadd ysumm after a subpopulation estimate is not available in mlm", 198)
    prefix = prefix or "y"
    for stat in stats:
        if not replace and any(prefix + stat in t for t in (e.scalars, e.macros, e.matrices)):
            raise StataError(f"e({prefix}{stat}) already defined", 110)
    depvar = (e.macros.get("depvar", "").split() or [""])[0]
    if depvar not in session.data.varnames:
        raise StataError(f"variable {depvar} not found", 111)
    wtype = {"pweight": "aweight"}.get(e.macros.get("wtype", ""), e.macros.get("wtype", ""))
    if wtype == "iweight" and _DETAIL & set(stats):
        raise StataError("iweights not allowed with detail", 101)
    sample = np.asarray(e.sample, bool)
    y = np.asarray(session.data.numeric(depvar), float)[sample]
    w = None
    if wtype:
        w = np.asarray(evaluate(session, e.macros.get("wexp", "").lstrip().lstrip("=").strip()), float)[sample]
    values = [weighted_statistic({"var": "variance"}.get(s, s), y, w, wtype or None) for s in stats]
    session.e = dataclasses.replace(e, scalars={**e.scalars, **{prefix + s: v for s, v in zip(stats, values)}})
    if not quiet:
        session.print("")
        session.print("added scalars:")
        for stat, value in zip(stats, values):
            session.print(f"{f'e({prefix}{stat}) = ':>25} {format_number(float(value), '%9.0g').strip()}")
