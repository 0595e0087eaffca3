"""``sts generate newvar = fn [newvar = fn ...] [if] [in] [, by(varlist) level(#)]``: the
Kaplan-Meier estimate and its relatives at each observation's _t (missing outside the st
sample), within by() groups, as sts.ado's Gen makes them (``mlmcli.survival.km_generate``:
doubles, n and d compressed; n, d and h only on records whose _t is a failure time).

fn: s (survivor), se(s) (Greenwood), lb(s)/ub(s) (log-log interval), se(lls) (standard error
of ln(-ln s)), n (number at risk at _t), d (failures at _t), h (d/n, the hazard's contribution),
na (Nelson-Aalen cumulative hazard), se(na), lb(na)/ub(na) (the interval na exp(-+z se(na)/na);
missing where na is 0); the ado's ns (modified K-M), dchaz (h), lb, ub (lb(s), ub(s)) and
cumrisk (1 - exp(-na)).  Anything else (f too) is ``X unknown function`` r(198)."""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.survival.sts import (by_variables, estimate, groups, st_sample, st_weights,
                                          refuse_unimplemented)
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level

STS_GENERATE_SPECS = [OptionSpec(*row) for row in (("by", None, True), ("level", 1, True), ("strata", 2, True),
                                                   ("adjustfor", 2, True), ("noshow", 4))]
REFUSED: list[OptionSpec] = []
# Gen's words (the Stata 13 manual's s, se(s), h, se(lls), lb(s), ub(s), na, se(na), lb(na), ub(na),
# n, d and the ado's undocumented ns, dchaz, lb, ub, cumrisk); f is none of them
FUNCTIONS = ("s", "ns", "se(s)", "h", "dchaz", "se(lls)", "ub(s)", "ub", "lb(s)", "lb", "n", "na", "cumrisk",
             "se(na)", "ub(na)", "lb(na)", "d")
_CANONICAL = {"dchaz": "h", "ub": "ub(s)", "lb": "lb(s)", "cumrisk": "na"}
_PAIR = re.compile(r"\s*([^\s=]+)\s*=\s*([A-Za-z]+\s*(?:\([^)]*\))?)")


def parse_pairs(text: str) -> list[tuple[str, str]]:
    pairs, pos = [], 0
    text = text.strip()
    while pos < len(text):
        match = _PAIR.match(text, pos)
        if not match:
            raise StataError("invalid syntax", 198)
        pairs.append((match.group(1), re.sub(r"\s+", "", match.group(2)).lower()))
        pos = match.end()
    if not pairs:
        raise StataError("invalid syntax", 198)
    return pairs


def cmd_sts_generate(session, cmd) -> None:
    from mlmcli.commands.data.survival_settings import require_st
    from mlmcli.syntax.options import resolve_options
    from mlmcli.syntax.varlist import check_new_name

    refuse_unimplemented(cmd.options, REFUSED)
    opts = resolve_options(cmd.options, STS_GENERATE_SPECS)
    description = require_st(session.data)
    pairs = parse_pairs(cmd.args)
    for name, function in pairs:
        if function not in FUNCTIONS:
            raise StataError(f"{function} unknown function", 198)
        check_new_name(session.data, name)
    kept = last_per_slot(pairs)
    names = [name for name, _ in kept]
    if len(set(names)) < len(names):
        raise StataError(f"{next(n for n in names if names.count(n) > 1)} already defined", 110)
    if opts.get("adjustfor") or opts.get("strata"):  # sts_adjusted: s and h of the adjusted baseline
        from mlmcli.commands.survival.sts_adjusted import generate_adjusted

        return generate_adjusted(session, cmd, opts, pairs, kept)
    pairs = kept
    level = confidence_level(opts, getattr(session, "level", 95.0))
    by_vars = by_variables(session, opts.get("by"))
    rows = st_sample(session, cmd, by_vars)
    weights = st_weights(session, description)
    columns, types = generated_columns(session, [fn for _, fn in pairs], by_vars, rows, weights, level)
    for name, function in pairs:  # every new variable at once: a failing sts generate leaves the data unchanged
        session.data.set_variable(name, columns[function], types[function])
        session.data.var_labels[name] = _label(function, level)


def last_per_slot(pairs):
    """Gen's parse: each function's local holds the last newvar typed for it (an earlier one of
    the same function -- na and cumrisk alike -- is never created), in the order typed."""
    last = {}  # one local per _CANONICAL function: na and cumrisk share one, as h and dchaz do
    for i, (_, fn) in enumerate(pairs):
        last[_CANONICAL.get(fn, fn)] = i
    return [pair for i, pair in enumerate(pairs) if last[_CANONICAL.get(pair[1], pair[1])] == i]


def generated_columns(session, functions, by_vars, rows, weights, level: float):
    """Gen's values of each function on every observation (missing outside the sample) and
    their types: AddSurv's doubles, st_ct's compressed n and d."""
    from mlmcli.storage_types import compressed_type  # st_ct: gen double, then compress
    from mlmcli.survival.km_generate import addsurv, record_values

    t_all = session.data.numeric("_t")
    found = [(mask, estimate(session, mask, weights, level)) for _, _, mask in groups(session, by_vars, rows)]
    any_failure = any((km.failed > 0).any() for _, km in found)  # Gen keeps every row without failures
    columns = {fn: np.full(session.data.nobs, np.nan) for fn in functions}
    counts = {"n": [], "d": []}
    for mask, km in found:
        keep = km.failed > 0 if any_failure else np.ones(km.time.size, bool)
        table = addsurv(km.at_risk[keep], km.failed[keep], level)
        counts["n"].append(km.at_risk)
        counts["d"].append(km.failed)
        for fn in functions:
            columns[fn][mask] = record_values(km.time[keep], table, t_all[mask], _CANONICAL.get(fn, fn))
    for fn in functions:
        canonical = _CANONICAL.get(fn, fn)
        if canonical == "h" and not (np.nan_to_num(columns[fn]) != 0).any():
            columns[fn][:] = np.nan  # Gen: h missing everywhere when its largest value is 0
        if fn == "cumrisk":
            columns[fn] = -np.expm1(-columns[fn])
    types = {fn: compressed_type(np.concatenate(counts[fn]) if counts[fn] else np.zeros(0)) if fn in counts
             else "double" for fn in functions}
    return columns, types


def _label(function: str, level: float) -> str:
    """Gen's variable labels."""
    shown = f"{level:g}"
    return {"s": "S(t+0)", "ns": "Modified K-M", "se(s)": "se(S) (Greenwood)", "se(lls)": "se(-ln ln S)",
            "lb(s)": f"S() {shown}% lower bound", "ub(s)": f"S() {shown}% upper bound", "h": "Delta_H(t)",
            "na": "Nelson-Aalen cumulative hazard", "cumrisk": "Nelson-Aalen cumulative risk",
            "se(na)": "se(Nelson-Aalen)", "lb(na)": f"Nelson-Aalen {shown}% lower bound",
            "ub(na)": f"Nelson-Aalen {shown}% upper bound", "n": "N, entering population",
            "d": "d, number of failures"}[_CANONICAL.get(function, function) if function != "cumrisk" else function]
