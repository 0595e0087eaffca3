"""``xtile``, ``pctile``, ``_pctile`` ([D] pctile) and ``mvencode``/``mvdecode`` ([D] mvencode).

xtile: category k of x is the k-th interval between the cut points c_1 < ... < c_{q-1}
(x <= c_1 is 1, c_{k-1} < x <= c_k is k, x > c_{q-1} is q); the cut points are the
percentiles 100 k / q of summarize (``altdef``: interpolated; weights: the weighted
percentiles), or the values of ``cutpoints(varname)``.  pctile stores the cut points in the
first q - 1 observations of a new variable (``genp()``: their percentages).  _pctile returns
them (or the percentiles of ``percentiles(numlist)``) in r(r1), r(r2), ...
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.data.common import commas, evaluate, mark, split_assignment, weights
from mlmcli.errors import StataError, invalid_syntax
from mlmcli.missing import code as missing_code, extended
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options
from mlmcli.syntax.varlist import check_new_name, parse_typed_name

QUANTILE_OPTIONS = [OptionSpec("nquantiles", 1, takes_arg=True), OptionSpec("cutpoints", 1, takes_arg=True),
                    OptionSpec("altdef"), OptionSpec("genp", takes_arg=True)]


def _setup(session, cmd, allow_cutpoints: bool):
    opts = resolve_options(cmd.options, QUANTILE_OPTIONS)
    if "cutpoints" in opts and not allow_cutpoints:
        raise StataError("option cutpoints() not allowed", 198)
    if "genp" in opts and allow_cutpoints:
        raise StataError("option genp() not allowed", 198)
    left, right = split_assignment(cmd.args)
    vtype, name = parse_typed_name(left)
    ds = session.data
    check_new_name(ds, name)
    x = np.asarray(evaluate(session, right))
    if x.dtype == object:
        raise StataError("type mismatch", 109)
    x = np.broadcast_to(np.asarray(x, dtype=float), (ds.nobs,)).copy()
    rows = mark(session, cmd)
    rows &= np.isfinite(x)
    rows, w, kind = weights(session, cmd, rows, ("fweight", "aweight", "pweight"))
    if opts.get("altdef") and w is not None:
        raise StataError("weights not allowed with altdef", 101)
    if "cutpoints" in opts and "nquantiles" in opts:
        raise StataError("options cutpoints() and nquantiles() may not be combined", 198)
    nq = integer_option(opts, "nquantiles", 2, minimum=2)
    return opts, ds, vtype, name, x, rows, w, nq


def cmd_xtile(session, cmd) -> None:
    """``xtile newvar = exp [if] [in] [weight] [, nquantiles(#) cutpoints(varname) altdef]``."""
    from mlmcli.summary_statistics import quantile_cutpoints
    opts, ds, vtype, name, x, rows, w, nq = _setup(session, cmd, allow_cutpoints=True)
    if isinstance(opts.get("cutpoints"), str):
        cvar = ds.resolve(opts["cutpoints"].strip())
        cuts = np.sort(ds.numeric(cvar)[np.isfinite(ds.numeric(cvar))])
        if cuts.size == 0:
            raise StataError(f"cutpoints() variable {cvar} has no nonmissing values", 198)
    else:
        cuts = quantile_cutpoints(x[rows], None if w is None else w[rows], nq, bool(opts.get("altdef")))
    out = np.full(ds.nobs, np.nan)
    out[rows] = np.searchsorted(cuts, x[rows], side="left") + 1.0
    top = np.nanmax(out) if rows.any() else 1
    ds.set_variable(name, out, vtype or ("byte" if top <= 100 else "int" if top <= 32740 else "long"))


def cmd_pctile(session, cmd) -> None:
    """``pctile [type] newvar = exp [if] [in] [weight] [, nquantiles(#) genp(newvarp) altdef]``."""
    from mlmcli.commands.data.generate import default_numeric_type
    from mlmcli.summary_statistics import quantile_cutpoints
    opts, ds, vtype, name, x, rows, w, nq = _setup(session, cmd, allow_cutpoints=False)
    genp = opts.get("genp").strip() if isinstance(opts.get("genp"), str) else None
    if genp:
        check_new_name(ds, genp)
        if genp == name:
            raise StataError(f"{genp} mentioned more than once", 198)
    if nq - 1 > ds.nobs:
        raise StataError("nquantiles() must be less than or equal to number of observations plus one", 198)
    cuts = quantile_cutpoints(x[rows], None if w is None else w[rows], nq, bool(opts.get("altdef")))
    out = np.full(ds.nobs, np.nan)
    out[:nq - 1] = cuts
    ds.set_variable(name, out, vtype or default_numeric_type(session))
    if genp:
        pct = np.full(ds.nobs, np.nan)
        pct[:nq - 1] = 100.0 * np.arange(1, nq) / nq
        ds.set_variable(genp, pct, default_numeric_type(session))


def cmd__pctile(session, cmd) -> None:
    """``_pctile varname [if] [in] [weight] [, nquantiles(#) | percentiles(numlist) altdef]``:
    r(r1), r(r2), ... the cut points of nquantiles() (default 2: the median) or the percentiles
    typed.  (The messages for the two options together, for a percentile outside (0, 100) and
    r(2000) without observations are this program's: Stata's are not verified.)"""
    from mlmcli.summary_statistics import altdef_percentile, quantile_cutpoints, stata_percentile, weighted_percentile
    from mlmcli.syntax.numlist import numlist

    opts = resolve_options(cmd.options, [OptionSpec("nquantiles", 1, takes_arg=True),
                                         OptionSpec("percentiles", 1, takes_arg=True), OptionSpec("altdef")])
    ds = session.data
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else []
    if len(names) != 1:
        raise StataError("too many variables specified" if names else "varlist required", 103 if names else 100)
    if ds.is_string(names[0]):
        raise StataError("type mismatch", 109)
    x = ds.numeric(names[0])
    rows = mark(session, cmd) & np.isfinite(x)
    rows, w, _ = weights(session, cmd, rows, ("fweight", "aweight", "pweight"))
    altdef = bool(opts.get("altdef"))
    if altdef and w is not None:
        raise StataError("weights not allowed with altdef", 101)
    if opts.get("percentiles") is not None and opts.get("nquantiles") is not None:
        raise StataError("options nquantiles() and percentiles() may not be combined", 198)
    xs, ws = x[rows], None if w is None else w[rows]
    if not xs.size:
        raise StataError("no observations", 2000)
    if isinstance(opts.get("percentiles"), str):
        ps = numlist(opts["percentiles"])
        if any(not 0 < p < 100 for p in ps):
            raise StataError("percentiles() must be between 0 and 100", 198)
        order = np.argsort(xs, kind="stable")
        sx = xs[order]
        cuts = [altdef_percentile(sx, p) if altdef else stata_percentile(sx, p) if ws is None
                else weighted_percentile(sx, ws[order], p) for p in ps]
    else:
        cuts = list(quantile_cutpoints(xs, ws, integer_option(opts, "nquantiles", 2, minimum=2), altdef))
    session.set_r({f"r{k}": float(v) for k, v in enumerate(cuts, start=1)})


# ----------------------------------------------------------------------------- mvencode / mvdecode
_CODE_RE = re.compile(r"^\.[a-z]?$")


def _mv_rules(text: str, decode: bool):
    """``mv()``: decode: [(numbers, code)], encode: [(code or "else" or None, number)]."""
    rules = []
    for part in text.split("\\"):
        part = part.strip()
        if not part:
            raise invalid_syntax()
        if "=" in part:
            left, right = (t.strip() for t in part.split("=", 1))
        else:
            left, right = (part, ".") if decode else (None, part)
        if decode:
            from mlmcli.syntax.numlist import numlist
            if not _CODE_RE.match(right):
                raise StataError(f"{right} invalid missing-value code", 198)
            try:
                values = numlist(left)
            except StataError:
                raise StataError("mv() invalid", 198) from None
            rules.append((np.array(values, dtype=float), extended(right[1:])))
        else:
            if left is not None and left != "else" and not _CODE_RE.match(left):
                raise StataError(f"{left} invalid missing-value code", 198)
            try:
                number = float(right)
            except ValueError:
                raise StataError("mv() invalid", 198) from None
            if not np.isfinite(number):
                raise StataError("mv() invalid", 198)
            rules.append((left, number))
    return rules


def _numeric_varlist(ds, text: str) -> list[str]:
    names = ds.expand_varlist(text) if text.strip() else list(ds.varnames)
    return [n for n in names if not ds.is_string(n)]  # string variables are left alone


def _mv_setup(session, cmd, decode: bool):
    """(options, mv() rules, dataset, numeric variables, selected rows) of mvdecode/mvencode."""
    specs = [OptionSpec("mv", takes_arg=True)] + ([] if decode else [OptionSpec("override")])
    opts = resolve_options(cmd.options, specs)
    if not isinstance(opts.get("mv"), str):
        raise StataError("option mv() required", 198)
    rules = _mv_rules(opts["mv"], decode=decode)
    ds = session.data
    return opts, rules, ds, _numeric_varlist(ds, cmd.args), mark(session, cmd, strok=True)


def cmd_mvdecode(session, cmd) -> None:
    """``mvdecode varlist [if] [in], mv(numlist | numlist=mvc [\\ numlist=mvc ...])``: the
    listed numbers become missing (``.`` or the code given)."""
    opts, rules, ds, names, rows = _mv_setup(session, cmd, decode=True)
    changes = []
    for name in names:
        x = ds.numeric(name).copy()
        hit_total = 0
        for values, code in rules:
            hit = rows & np.isin(x, values) & np.isfinite(x)
            x[hit] = code
            hit_total += int(hit.sum())
        changes.append((name, x, hit_total))
    for name, x, n in changes:
        if n:
            ds.set_variable(name, x)
            session.print(f"{name}: {commas(n)} missing value{'s' if n != 1 else ''} generated")


def cmd_mvencode(session, cmd) -> None:
    """``mvencode varlist [if] [in], mv(# | mvc=# [\\ mvc=# ...] [\\ else=#]) [override]``:
    missing values become numbers; a number the variable already takes is refused unless
    ``override``."""
    opts, rules, ds, names, rows = _mv_setup(session, cmd, decode=False)
    changes = []
    for name in names:
        x = ds.numeric(name)
        new = x.copy()
        codes = missing_code(x)
        done = ~np.isnan(x) | ~rows
        for code, number in rules:
            if code is None or code == "else":
                hit = ~done
            else:
                hit = ~done & (codes == missing_code(extended(code[1:])))
            if hit.any() and not opts.get("override") and np.any(x[np.isfinite(x)] == number):
                raise StataError(f"{name}: {format_plain(number)} already used; no changes made "
                                 f"(option override uses it anyway)", 9)
            new[hit] = number
            done |= hit
        changes.append((name, new, int((np.isnan(x) & ~np.isnan(new)).sum())))
    from mlmcli.commands.data.common import fit_storage, smallest_type
    for name, new, n in changes:
        if n:
            vtype = ds.types.get(name, "float")
            vtype = smallest_type(new, vtype) if vtype in ("byte", "int", "long") else vtype
            ds.set_variable(name, fit_storage(new, vtype), vtype)
            session.print(f"{name}: {commas(n)} missing value{'s' if n != 1 else ''} recoded")


def format_plain(x: float) -> str:
    from mlmcli.render.numfmt import format_number
    return format_number(x, "%9.0g").strip()
