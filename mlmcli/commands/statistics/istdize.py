"""``istdize``: indirect standardization ([R] dstdize), as istdize.ado.

    istdize casevar_s popvar_s stratavars using filename [if] [in],
        {popvars(casevar_p popvar_p) | rate(ratevar_p {#|crudevar_p})} [by(groupvars) print
        format(%fmt) level(#)]

casevar_s holds a group's total observed cases (the same in each of its observations).  The
standard (using) file gives each stratum's rate, from popvars() as cases/population with the
crude rate their totals' ratio (istdize.ado's popvars() branch names an undefined macro and
fails; mlm does what the manual describes), or from rate().  r(k), r(by), r(c#), r(cases_obs),
r(cases_exp), r(smr), r(lb_smr), r(ub_smr), r(crude), r(adj), r(lb_adj), r(ub_adj).
"""
from __future__ import annotations

import os

import numpy as np

from mlmcli.commands.data.common import dta_path, mark, unquote
from mlmcli.commands.statistics.dstdize import is_missing_value, stratum_values
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

OPTIONS = [OptionSpec("by", None, True), OptionSpec("popvars", 3, True), OptionSpec("rate", None, True),
           OptionSpec("print", 2), OptionSpec("format", 1, True), OptionSpec("level", 1, True)]


def _standard_rates(path_text: str, opts: dict, strata: list[str]) -> tuple[dict, float, list]:
    """{stratum: rate}, the crude rate and the printable rows, from the using file."""
    from mlmcli.fileformats.dispatch import read_dataset

    path = dta_path(path_text)
    if not os.path.exists(path):
        raise StataError(f"file {unquote(path_text)} not found", 601)
    std = read_dataset(path)
    for name in strata:
        if name not in std.varnames:
            raise StataError(f"In using data: variable {name} not found", 111)
    every = np.ones(std.nobs, dtype=bool)
    keys = list(zip(*(stratum_values(std, s, every, decode=False) for s in strata)))
    shown = list(zip(*(stratum_values(std, s, every, decode=True) for s in strata)))
    if isinstance(opts.get("popvars"), str):
        words = opts["popvars"].split()
        if len(words) < 1:
            raise StataError("must specify standards population's cases count variable", 198)
        if len(words) < 2:
            raise StataError("must specify standards population's count variable", 198)
        for name in words[:2]:
            if name not in std.varnames:
                raise StataError(f"In using data: variable {name} not found", 111)
        cases, pops = std.numeric(words[0]), std.numeric(words[1])
        sums: dict = {}
        for key, c, p in zip(keys, cases, pops):
            a, b = sums.get(key, (0.0, 0.0))
            sums[key] = (a + (0.0 if np.isnan(c) else c), b + (0.0 if np.isnan(p) else p))
        rates = {k: (a / b if b else float("nan")) for k, (a, b) in sums.items()}
        crude = float(np.nansum(cases) / np.nansum(pops))
    else:
        words = str(opts["rate"]).split()
        if len(words) < 2:
            raise StataError("must specify standards population's stratum-level\n"
                             "rate variable and crude rate (variable or value)", 198)
        if words[0] not in std.varnames:
            raise StataError(f"In using data: variable {words[0]} not found", 198)
        try:
            crude_values = np.array([float(words[1])])
        except ValueError:
            if words[1] not in std.varnames:
                raise StataError(f"In using data: variable {words[1]} not found", 198) from None
            crude_values = std.numeric(words[1])
        if np.nanmin(crude_values) < 0 or np.nanmax(crude_values) > 1:
            raise StataError("Pop Crude Rate must be between 0 and 1", 198)
        if np.nanmin(crude_values) != np.nanmax(crude_values):
            raise StataError("In using data: crude rate not the same for all obs.", 198)
        crude = float(np.nanmin(crude_values))
        rate_values = std.numeric(words[0])
        if np.nanmin(rate_values) < 0 or np.nanmax(rate_values) > 1:
            raise StataError("In using data: Rates must be between 0 and 1", 198)
        rates = {}
        for key, v in zip(keys, rate_values):
            if key in rates:
                raise StataError("In using data: One or more repeated strata", 198)
            rates[key] = float(v)
    printable = dict(zip(keys, shown))
    return rates, crude, printable


def cmd_istdize(session, cmd) -> None:
    from mlmcli.render.numfmt import is_valid_format
    from mlmcli.standardization import indirect, value_order

    head, sep, path_text = (cmd.args or "").partition(" using ")
    if not sep:
        raise StataError("using required", 100)
    opts = resolve_options(cmd.options, OPTIONS)
    ds = session.data
    names = ds.expand_varlist(head)
    if len(names) < 3:
        raise StataError("too few variables specified", 102)
    cases_var, pop_var, strata = names[0], names[1], names[2:]
    fmt = opts["format"].strip() if isinstance(opts.get("format"), str) else "%10.6f"
    fmt1 = fmt if isinstance(opts.get("format"), str) else "%8.6f"
    if not is_valid_format(fmt) or not any(c in fmt for c in "fg"):
        raise StataError("invalid format string", 198)
    if not opts.get("popvars") and not opts.get("rate"):
        raise StataError("must specify either rate() or popvars() option", 198)
    if opts.get("popvars") and opts.get("rate"):
        raise StataError("options rate() and popvars() may not be specified together", 198)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    rates, crude, printable = _standard_rates(path_text.strip(), opts, strata)
    by = ds.expand_varlist(opts["by"]) if isinstance(opts.get("by"), str) else []
    rows = mark(session, cmd, [], strok=True)
    keys = list(zip(*(stratum_values(ds, s, rows, decode=False) for s in strata)))
    shown = list(zip(*(stratum_values(ds, s, rows, decode=True) for s in strata)))
    groups = list(zip(*(stratum_values(ds, b, rows, decode=False) for b in by))) if by else [()] * len(keys)
    keep = [not any(is_missing_value(v) for v in k + g) for k, g in zip(keys, groups)]
    cases, pops = ds.numeric(cases_var)[rows], ds.numeric(pop_var)[rows]
    order: list = []
    strata_pops: dict = {}
    observed: dict = {}
    for ok, key, group, c, p in zip(keep, keys, groups, cases, pops):
        if not ok:
            continue
        if group not in strata_pops:
            order.append(group)
            strata_pops[group] = {}
        strata_pops[group][key] = strata_pops[group].get(key, 0.0) + (0.0 if np.isnan(p) else float(p))
        if not np.isnan(c):
            if group in observed and observed[group] != c:
                raise StataError(f"values of {cases_var} must be the same for all observations"
                                 + (" in a group" if by else ""), 499)
            observed[group] = float(c)
    if not order:
        raise StataError("no observations", 2000)
    for group in order:
        c = observed.get(group, float("nan"))
        if np.isnan(c) or c < 0 or c != int(c):
            raise StataError(f"{cases_var} must have nonnegative integer values", 499)
        if any(v < 0 or v != int(v) for v in strata_pops[group].values()):
            raise StataError(f"{pop_var} must have nonnegative integer values", 499)
        if c > sum(strata_pops[group].values()):
            raise StataError(f"total {cases_var} must be <= total {pop_var}", 499)
    order.sort(key=value_order)
    results = indirect([(g, strata_pops[g], observed[g]) for g in order], rates, crude, level)
    decoded = {k: s for k, s in zip(keys, shown)}
    _show(session, strata, by, cmd, results, decoded, printable, rates, crude, level, fmt, fmt1,
          bool(opts.get("print")))
    _store(session, by, results)


def _show(session, strata, by, cmd, results, decoded, printable, rates, crude, level, fmt, fmt1, print_standard):
    from dataclasses import replace

    from mlmcli.render.standardization import render_istdize
    from mlmcli.results.standardization import IstdizeReport
    from mlmcli.standardization import value_order

    if by:
        headers = tuple("-> " + " ".join(by) + "= " + "".join(_text(v) + " " for v in g.group) for g in results)
    elif cmd.if_exp:
        headers = (("-> " + ("if " + cmd.if_exp.strip())[2:22]).rstrip(),)
    else:
        headers = ("-> Total Sample",)
    table = tuple((printable[k], rates[k]) for k in sorted(rates, key=value_order)) if print_standard else ()
    shown = tuple(replace(g, rows=tuple(replace(r, stratum=decoded.get(r.stratum, r.stratum)) for r in g.rows))
                  for g in results)
    session.print(render_istdize(IstdizeReport(tuple(strata), tuple(by), headers, not by, table, crude, shown,
                                               level, fmt, fmt1)))


def _text(v) -> str:
    from mlmcli.render.numfmt import format_number

    return v if isinstance(v, str) else format_number(v, "%9.0g").strip()


def _store(session, by, results) -> None:
    from mlmcli.results.matrix import Matrix

    cols = tuple(f"c{i + 1}" for i in range(len(results)))

    def row(values):
        return Matrix(np.array([values], float), ("r1",), cols)

    r: dict = {"by": " ".join(by), "k": float(len(results)),
               "cases_obs": row([g.cases for g in results]), "cases_exp": row([g.expected for g in results]),
               "smr": row([g.smr for g in results]), "lb_smr": row([g.smr_lower for g in results]),
               "ub_smr": row([g.smr_upper for g in results]), "crude": row([g.crude for g in results]),
               "adj": row([g.adjusted for g in results]), "lb_adj": row([g.lower for g in results]),
               "ub_adj": row([g.upper for g in results])}
    for i, g in enumerate(results):
        r[f"c{i + 1}"] = " ".join(_text(v) for v in g.group)
    session.set_r(r)
