"""``sts generate newvar = fn [newvar = fn ...] [if] [in] [, by(varlist) level(#)]``: the
Kaplan-Meier estimate and its relatives at each observation's _t (missing outside the st
sample), within by() groups.

fn: s (survivor), f (failure, 1 - s), se(s) (Greenwood), lb(s)/ub(s) (log-log interval),
se(lls) (standard error of ln(-ln s)), n (number at risk at _t), d (failures at _t),
h (d/n, the hazard's contribution), na (Nelson-Aalen cumulative hazard), se(na), lb(na)/ub(na)
(the interval na exp(-+z se(na)/na), sts.ado's AddSurv; missing where na is 0)."""
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
FUNCTIONS = ("s", "f", "se(s)", "lb(s)", "ub(s)", "se(lls)", "n", "d", "h", "na", "se(na)", "lb(na)", "ub(na)")
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
    names = [name for name, _ in pairs]
    for name, function in pairs:
        if function not in FUNCTIONS:
            raise StataError(f"{function} unknown function", 198)
        check_new_name(session.data, name)
    if len(set(names)) < len(names):
        raise StataError(f"{next(n for n in names if names.count(n) > 1)} already defined", 110)
    if opts.get("adjustfor") or opts.get("strata"):  # sts_adjusted: s and h of the adjusted baseline
        from mlmcli.commands.survival.sts_adjusted import generate_adjusted

        return generate_adjusted(session, cmd, opts, pairs)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    by_vars = by_variables(session, opts.get("by"))
    rows = st_sample(session, cmd, by_vars)
    weights = st_weights(session, description)
    t_all = session.data.numeric("_t")
    columns = {name: np.full(session.data.nobs, np.nan) for name in names}
    for _, _, mask in groups(session, by_vars, rows):
        km = estimate(session, mask, weights, level)
        index = km.at(t_all[mask])  # each record's _t is a row of its group's table
        for name, function in pairs:
            columns[name][mask] = values_at(km, function, level)[index]
    for name in names:  # every new variable at once: a failing sts generate leaves the data unchanged
        session.data.set_variable(name, columns[name], "float")


def values_at(km, function: str, level: float) -> np.ndarray:
    """The function at every row of the table ``km``."""
    from mlmcli.survival.kaplan_meier import nelson_aalen

    with np.errstate(divide="ignore", invalid="ignore"):
        if function == "s":
            return km.survival
        if function == "f":
            return 1.0 - km.survival
        if function == "se(s)":
            return km.std_error
        if function == "lb(s)":
            return km.lower
        if function == "ub(s)":
            return km.upper
        if function == "se(lls)":
            return np.where(np.isnan(km.lower), np.nan, np.sqrt(km.greenwood) / np.abs(np.log(km.survival)))
        if function == "n":
            return km.at_risk
        if function == "d":
            return km.failed
        if function == "h":
            return np.where(km.at_risk > 0, km.failed / km.at_risk, 0.0)
    aalen = dict(zip(("na", "se(na)", "lb(na)", "ub(na)"), nelson_aalen(km, level)))
    if function in aalen:
        return aalen[function]
    raise StataError(f"{function} unknown function", 198)
