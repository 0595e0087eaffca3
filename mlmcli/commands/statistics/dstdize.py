"""``dstdize``: direct standardization of rates ([R] dstdize), as dstdize.ado (Stata 13).

    dstdize casevar popvar stratavars [if] [in], by(groupvars) [using(filename) base(#|string)
        saving(filename[, replace]) print format(%fmt) level(#) nores]

saving() writes the standard population (the strata, popvar summed, _stdrate its share) before
the results are shown, as dstdize.ado does.

The standard population: all the data (default), the by() group base() (one by() variable), or
the using() file's popvar by stratavars (the whole file: mlm applies no if/in to it).  r(k),
r(Nobs), r(crude), r(adj), r(lb), r(ub), r(se), r(by), r(c1) ... (r(by) only with nores).
Numbers in mlmcli.standardization.
"""
from __future__ import annotations

import math

import numpy as np

from mlmcli.commands.data.common import mark, unquote
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

OPTIONS = [OptionSpec("by", None, True), OptionSpec("base", 2, True), OptionSpec("using", None, True),
           OptionSpec("nores"), OptionSpec("saving", 3, True), OptionSpec("print", 2), OptionSpec("format", 1, True),
           OptionSpec("level", 1, True)]


def stratum_values(ds, name: str, rows: np.ndarray, decode: bool) -> list:
    """Each selected observation's value: strings, numbers, or (decode) label texts cut to 8."""
    if ds.is_string(name):
        return [str(v) for v in ds.df[name].to_numpy(dtype=object)[rows]]
    x = ds.numeric(name)[rows]
    if decode and ds.value_label_of.get(name):
        out = []
        for v in x:
            text = ds.value_label_text(name, v) if not np.isnan(v) else None
            out.append(text[:8] if text is not None else ("" if np.isnan(v) else _plain(v)))
        return out
    return [float(v) for v in x]


def _plain(v: float) -> str:
    from mlmcli.render.numfmt import format_number

    return format_number(v, "%9.0g").strip()


def is_missing_value(v) -> bool:
    return v == "" if isinstance(v, str) else math.isnan(v)


def cmd_dstdize(session, cmd) -> None:
    from mlmcli.render.numfmt import is_valid_format
    from mlmcli.standardization import standardize

    opts = resolve_options(cmd.options, OPTIONS)
    ds = session.data
    names = ds.expand_varlist(cmd.args)
    if len(names) < 3:
        raise StataError("too few variables specified", 102)
    if not isinstance(opts.get("by"), str):
        raise StataError("option by() required", 198)
    by = ds.expand_varlist(opts["by"])
    cases_var, pop_var, strata = names[0], names[1], names[2:]
    level = confidence_level(opts, getattr(session, "level", 95.0))
    fmt = opts["format"].strip() if isinstance(opts.get("format"), str) else "%10.6f"
    if not is_valid_format(fmt) or not any(c in fmt for c in "fg"):
        raise StataError("invalid format string", 198)
    saving = _saving_path(opts.get("saving")) if opts.get("saving") else None
    rows = mark(session, cmd, [], strok=True)
    if not rows.any():
        raise StataError("no observations", 2000)
    for v in (cases_var, pop_var):
        if ds.is_string(v):
            raise StataError("type mismatch", 109)
    d, n = ds.numeric(cases_var)[rows], ds.numeric(pop_var)[rows]
    known_d, known_n = np.nan_to_num(d, nan=np.inf), np.nan_to_num(n, nan=np.inf)
    for x, name in ((known_d, cases_var), (known_n, pop_var)):
        if ((x < 0) | ((x != np.floor(x)) & np.isfinite(x))).any():
            raise StataError(f"{name} must have nonnegative integer values", 499)
    if (known_d > known_n).any():
        message = f"{cases_var} must be <= {pop_var}"
        if not ((d > n) & ~np.isnan(d)).any():
            message += f"\n{cases_var} has missing values which you need to manually exclude"
        raise StataError(message, 499)
    if opts.get("using") and opts.get("base"):
        raise StataError("using() and base() may not be specified together", 198)
    standard = _standard(session, ds, opts, rows, strata, pop_var, by)
    total = sum(standard.values())
    shares = {k: v / total for k, v in standard.items()}
    if saving is not None:
        _save_standard(session, ds, strata, pop_var, standard, shares, saving)
    stratum_keys = list(zip(*(stratum_values(ds, s, rows, decode=False) for s in strata)))
    shown_values = list(zip(*(stratum_values(ds, s, rows, decode=True) for s in strata)))
    group_values = list(zip(*(stratum_values(ds, b, rows, decode=False) for b in by)))
    keep = [not any(is_missing_value(v) for v in key) for key in stratum_keys]
    excluded = len(keep) - sum(keep)
    cells: dict = {}
    shown_of: dict = {}
    for ok, key, shown, group, pop, case in zip(keep, stratum_keys, shown_values, group_values, n, d):
        if not ok:
            continue
        p, c = cells.get((group, key), (0.0, 0.0))
        cells[(group, key)] = (p + pop, c + case)
        shown_of[key] = shown
    from scipy.stats import norm

    results = standardize(cells, shares, float(norm.ppf(0.5 + level / 200)))
    _show(session, strata, by, standard, shares, total, results, shown_of, level, fmt, excluded, bool(opts.get("print")))
    _store(session, opts, by, results)


def _standard(session, ds, opts, rows, strata, pop_var, by) -> dict:
    """{stratum values: population} of the standard population."""
    if isinstance(opts.get("using"), str):
        from mlmcli.commands.data.common import dta_path
        from mlmcli.fileformats.dispatch import read_dataset

        path = dta_path(opts["using"])
        import os

        if not os.path.exists(path):
            raise StataError(f"file {unquote(opts['using'])} not found", 601)
        source = read_dataset(path)
        missing = [v for v in strata + [pop_var] if v not in source.varnames]
        if missing:
            raise StataError(f"In using data: variable {missing[0]} not found", 111)
        chosen = np.ones(source.nobs, dtype=bool)
    elif isinstance(opts.get("base"), str):
        if len(by) > 1:
            raise StataError("may only specify one by() variable when using base()", 198)
        source, chosen = ds, rows & _base_rows(ds, by[0], unquote(opts["base"]))
    else:
        source, chosen = ds, rows
    pops = source.numeric(pop_var)[chosen]
    keys = list(zip(*(stratum_values(source, s, chosen, decode=False) for s in strata)))
    out: dict = {}
    for key, pop in zip(keys, pops):
        if any(is_missing_value(v) for v in key):
            continue
        out[key] = out.get(key, 0.0) + (0.0 if np.isnan(pop) else float(pop))
    if not out:
        raise StataError("no observations", 2000)
    return out


def _saving_path(text: str) -> str:
    """saving(filename[, replace]): the .dta path, refused if it exists without replace."""
    from mlmcli.commands.data.common import dta_save_path
    from mlmcli.syntax.options import suboptions

    name, subs = suboptions(str(text))
    return dta_save_path(name, any(o.name == "replace" for o in subs))


def _save_standard(session, ds, strata, pop_var, standard, shares, path) -> None:
    """The standard population as dstdize.ado saves it: the strata, popvar and _stdrate."""
    import pandas as pd

    from mlmcli.dataset import Dataset
    from mlmcli.dta import write_dta
    from mlmcli.standardization import value_order

    keys = sorted(standard, key=value_order)
    columns = {s: [k[i] for k in keys] for i, s in enumerate(strata)}
    columns[pop_var] = [standard[k] for k in keys]
    columns["_stdrate"] = [shares[k] for k in keys]
    types = {s: ds.types.get(s, "double") for s in strata}
    types.update({pop_var: "double", "_stdrate": "float"})
    out = Dataset(df=pd.DataFrame(columns), types=types)
    for s in strata:
        if s in ds.value_label_of:
            out.value_label_of[s] = ds.value_label_of[s]
            out.value_labels[ds.value_label_of[s]] = ds.value_labels.get(ds.value_label_of[s], {})
    write_dta(out, path)


def _base_rows(ds, name: str, base: str) -> np.ndarray:
    """base(): the group's rows by its string value, its value label's text, or its number."""
    if ds.is_string(name):
        chosen = ds.df[name].to_numpy(dtype=object) == base
    else:
        x = ds.numeric(name)
        chosen = np.array([ds.value_label_text(name, v) == base if not np.isnan(v) else False for v in x])
        if not chosen.any():
            try:
                chosen = x == float(base)
            except ValueError:
                raise StataError(f"base({base}) value invalid", 499) from None
    if not chosen.any():
        raise StataError(f"base({base}) value invalid", 499)
    return chosen


def _show(session, strata, by, standard, shares, total, results, shown_of, level, fmt, excluded, print_standard):
    from dataclasses import replace

    from mlmcli.render.standardization import render_dstdize
    from mlmcli.results.standardization import DstdizeReport
    from mlmcli.standardization import value_order

    table = ()
    if print_standard:
        table = tuple((shown_of.get(k, k), standard[k], shares[k]) for k in sorted(standard, key=value_order))
    shown = tuple(replace(g, rows=tuple(replace(r, stratum=shown_of.get(r.stratum, r.stratum)) for r in g.rows))
                  for g in results)
    session.print(render_dstdize(DstdizeReport(tuple(strata), tuple(by), table, total, shown, level, fmt, excluded)))


def _store(session, opts, by, results) -> None:
    from mlmcli.results.matrix import Matrix

    r: dict = {"by": " ".join(by)}
    if not opts.get("nores"):
        k = len(results)
        cols = tuple(f"c{i + 1}" for i in range(k))

        def row(values, name):
            return Matrix(np.array([values], float), (name,), cols)

        r.update({"k": float(k),
                  "Nobs": row([g.pop for g in results], "Nobs"),
                  "crude": row([9.0 if math.isnan(g.crude) else g.crude for g in results], "Crude"),
                  "adj": row([9.0 if math.isnan(g.adjusted) else g.adjusted for g in results], "Adjusted"),
                  "lb": row([g.lower for g in results], "Left"), "ub": row([g.upper for g in results], "Right"),
                  "se": row([g.se for g in results], "Se")})
        for i, g in enumerate(results):
            r[f"c{i + 1}"] = " ".join(_group_text(v) for v in g.group)
    session.set_r(r)


def _group_text(v) -> str:
    return v if isinstance(v, str) else _plain(v)
