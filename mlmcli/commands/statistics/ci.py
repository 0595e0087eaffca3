"""``ci`` and ``cii``: confidence intervals for means, proportions, Poisson rates and variances.

Stata 13's syntax (ci.ado 3.4 / cii.ado 3.3, which Stata 14+ keep as ci_14_0 and cii_14_0):

    ci varlist [if] [in] [aw fw] [, binomial [exact|wald|wilson|agresti|jeffreys] poisson
        exposure(varname) level(#) by(varlist) total separator(#)]
    cii #obs #mean #sd            cii #obs #succ [, exact|wald|wilson|agresti|jeffreys]
    cii #exposure #events, poisson

Stata 14's: ``ci means|proportions|variances ...`` and ``cii means|proportions|variances ...``
(a first word naming the parameter selects it; otherwise the words are Stata 13's).  Each
prints the table of ci.ado (numbers from ``mlmcli.confidence_intervals``) and leaves r(N),
r(mean), r(se), r(lb), r(ub) of the last variable (Stata 14's forms add r(level), r(citype),
r(proportion), r(Var), r(sd), r(kurtosis)).  ci's binomial skips a variable that is not 0/1
and poisson one with negative values, without a word, as ci.ado does.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

_PARAMETERS = {"mean": "means", "means": "means", "prop": "proportions", "proportion": "proportions",
               "proportions": "proportions", "var": "variances", "variance": "variances", "variances": "variances"}
_METHODS = ("exact", "wald", "wilson", "agresti", "jeffreys")
_HEADINGS = {"exact": "-- Binomial Exact --", "wald": "-- Binomial Wald ---", "wilson": "------ Wilson ------",
             "agresti": "-- Agresti-Coull ---", "jeffreys": "----- Jeffreys -----", "poisson": "-- Poisson  Exact --"}
_NAMES = {"exact": "Binomial Exact", "wald": "Wald", "wilson": "Wilson", "agresti": "Agresti-Coull"}
_CI_OPTIONS = [OptionSpec("level", 1, takes_arg=True), OptionSpec("binomial", 1), OptionSpec("poisson", 1),
               OptionSpec("exact", 3), OptionSpec("wald", 2), OptionSpec("wilson", 1), OptionSpec("agresti", 1),
               OptionSpec("jeffreys", 1), OptionSpec("exposure", 1, takes_arg=True), OptionSpec("total", 1),
               OptionSpec("separator", 3, takes_arg=True), OptionSpec("by", 2, takes_arg=True),
               OptionSpec("sd"), OptionSpec("bonett", 3), OptionSpec("normal")]


def _parameter(args: str) -> tuple[str | None, str]:
    words = args.split(None, 1)
    if words and words[0].lower() in _PARAMETERS:
        return _PARAMETERS[words[0].lower()], (words[1] if len(words) > 1 else "")
    return None, args


def _method(opts: dict) -> str | None:
    chosen = [m for m in _METHODS if opts.get(m)]
    if len(chosen) > 1:
        raise StataError("only one of exact, wald, agresti, wilson, and jeffreys options allowed", 198)
    return chosen[0] if chosen else None


def _refuse(opts: dict, names: tuple[str, ...], what: str) -> None:
    for name in names:
        if opts.get(name):
            raise StataError(f"option {name}{'()' if name in ('exposure', 'by') else ''} is not allowed with {what}", 198)


def cmd_ci(session, cmd) -> None:
    param, varlist = _parameter(cmd.args)
    opts = resolve_options(cmd.options, _CI_OPTIONS)
    level = confidence_level(opts, float(getattr(session, "level", 95.0)))
    separator = _separator(opts)
    method = _method(opts)
    if param is None:
        _refuse(opts, ("sd", "bonett", "normal"), "ci")
        if method and not opts.get("binomial"):
            raise StataError("exact, wald, agresti, wilson and jeffreys options require the binomial option "
                             "to be specified", 198)
        kind = "binomial" if opts.get("binomial") else ("poisson" if opts.get("poisson") or opts.get("exposure")
                                                          else "means")
        if opts.get("binomial") and opts.get("exposure"):
            raise StataError("option exposure() invalid", 198)
        allowed = ("aweight", "fweight") if kind == "means" else ("fweight",)
        version = 13
    else:
        if opts.get("by"):
            raise StataError("option by() is not allowed", 198)
        if param == "means":
            _refuse(opts, ("binomial", "sd", "bonett") + _METHODS, "ci means")
            kind, allowed = ("poisson" if opts.get("poisson") or opts.get("exposure") else "means"), ("aweight", "fweight")
        elif param == "proportions":
            _refuse(opts, ("poisson", "binomial", "exposure", "sd", "bonett", "normal"), "ci proportions")
            kind, allowed = "binomial", ("fweight",)
        else:
            _refuse(opts, ("poisson", "binomial", "exposure", "normal") + _METHODS, "ci variances")
            kind, allowed = "variances", ("fweight",)
        version = 14
    by_vars = list(getattr(session, "by_vars", None) or ())
    if opts.get("by"):  # ci.ado's old by(): "by varlist: ci" (the data sorted by it)
        if by_vars:
            raise StataError("by() option may not be combined with by prefix", 190)
        from mlmcli.by_groups import is_sorted
        from mlmcli.errors import not_sorted

        by_vars = session.data.expand_varlist(str(opts["by"]).split())
        if not is_sorted(session.data, by_vars):
            raise not_sorted()
    if opts.get("total") and not by_vars:
        raise StataError("option total may only be specified with by", 198)
    ds = session.data
    variables = ds.expand_varlist(varlist, allow_empty=True) if varlist.strip() else list(ds.varnames)
    exposure = ds.resolve(str(opts["exposure"]).strip()) if opts.get("exposure") else None
    spec = dict(kind=kind, method=method or "exact", level=level, separator=separator, version=version,
                exposure=exposure, sd=bool(opts.get("sd")), bonett=bool(opts.get("bonett")), allowed=allowed)
    if not by_vars:
        return _report(session, cmd, variables, spec, None)
    from mlmcli.by_groups import by_groups

    everything = None
    for label, mask in by_groups(ds, by_vars):
        session.print("")
        session.print("-" * session.linesize)
        session.print(f"-> {label}")
        _report(session, cmd, variables, spec, mask)
    if opts.get("total"):
        session.print("")
        session.print("-" * 79)
        session.print("-> Total")
        _report(session, cmd, variables, spec, everything)


def _separator(opts: dict) -> int:
    if opts.get("separator") is None:
        return 5
    try:
        value = int(str(opts["separator"]).strip())
    except ValueError:
        raise StataError("option separator() incorrectly specified", 198) from None
    if value < 0:
        raise StataError("option separator() must be >= 0", 198)
    return value


def _report(session, cmd, variables, spec: dict, by_mask) -> None:
    """One table over the rows of ``by_mask`` (None: all) and r() of its last row."""
    from mlmcli import confidence_intervals as cis
    from mlmcli.commands.data.common import weights
    from mlmcli.results.descriptive import IntervalRow
    from mlmcli.sample import mark_sample
    from mlmcli.summary_statistics import moments, weighted_moments

    ds = session.data
    base = mark_sample(session, cmd, [spec["exposure"]] if spec["exposure"] else [])
    if by_mask is not None:
        base &= by_mask
    if cmd.weight is not None and spec["kind"] in ("binomial", "poisson") and "aw" == cmd.weight.kind[:2]:
        raise StataError("aweights not allowed", 101)
    base, w, wkind = weights(session, cmd, base, spec["allowed"], default="fweight" if spec["version"] == 14 and
                             spec["kind"] != "means" else "aweight")
    kind, level = spec["kind"], spec["level"]
    rows, last, kurtosis = [], None, None
    if kind == "binomial" and spec["version"] == 14:  # ci proportions' check of the variables
        binary = [v for v in variables if not ds.is_string(v) and _is_binary(ds.numeric(v)[base])]
        if variables and not binary:
            session.print("no binary (0/1) variables found; nothing to compute")
            return
        spec = dict(spec, note="Note: The results are produced only for binary (0/1) variables."
                    if len(binary) < len(variables) else "")
    one_sided, low_note, high_note = False, "", ""
    for var in variables:
        if ds.is_string(var):
            continue
        x = ds.numeric(var)
        use = base & ~np.isnan(x)
        xs = x[use]
        ws = w[use] if w is not None else None
        m = weighted_moments(xs, ws, wkind) if ws is not None else moments(xs)
        fmt = _estimate_format(ds, var)
        if kind == "binomial":
            if not np.all((x[base] == 0) | (x[base] == 1) | np.isnan(x[base])) or m["N"] == 0:
                continue
            n = int(m["N"])
            k = int(m["mean"] * n + 0.5)
            iv = cis.binomial_interval(n, k, level, spec["method"])
            mark = "*" if iv.one_sided else _clip_mark(iv)
            fmt = fmt if spec["version"] == 13 else "%9.0g"
        elif kind == "poisson":
            if np.any(x[base] < 0) or m["N"] == 0:
                continue
            n = m["N"]
            k = int(m["mean"] * n + 0.5)
            if spec["exposure"]:
                ex = ds.numeric(spec["exposure"])[use]
                if np.any(ex <= 0):
                    raise StataError(f"variable {spec['exposure']} <= 0", 402)
                n = float(np.sum(ex * (ws if ws is not None else 1.0)))
            iv = cis.poisson_interval(n, k, level)
            mark = "*" if iv.one_sided else ""
        elif kind == "variances":
            if m["N"] < 2:
                continue
            if spec["bonett"]:
                expanded = np.repeat(xs, ws.astype(int)) if ws is not None else xs
                kurtosis = cis.bonett_kurtosis(expanded)
                iv = cis.bonett_interval(float(m["N"]), float(m["Var"]), kurtosis, level)
            else:
                iv = cis.variance_interval(float(m["N"]), float(m["Var"]), level)
            mark = ""
        else:
            iv = cis.mean_interval(float(m["N"]), float(m["mean"]), float(np.sqrt(m["Var"])), level)
            mark = ""
        one_sided |= iv.one_sided
        if iv.clipped_low:
            low_note = f"(*) The {_NAMES[spec['method']]} interval was clipped at the lower endpoint"
        if iv.clipped_high:
            high_note = f"(**) The {_NAMES[spec['method']]} interval was clipped at the upper endpoint"
        row = IntervalRow(var, iv.n, iv.estimate, iv.se, iv.lb, iv.ub, mark, fmt)
        if spec["sd"]:
            row = IntervalRow(var, iv.n, float(np.sqrt(iv.estimate)), None, float(np.sqrt(iv.lb)),
                              float(np.sqrt(iv.ub)), "", fmt)
        rows.append(row)
        last = (iv, row, kurtosis)
    _show(session, spec, rows, (one_sided, low_note, high_note), last)


def _show(session, spec: dict, rows: list, marks: tuple, last) -> None:
    """The table of ``rows`` with its notes ((one-sided, lower clip, upper clip)) and r()."""
    from mlmcli.render.descriptive import render_interval_table
    from mlmcli.results.descriptive import IntervalTable

    one_sided, low_note, high_note = marks
    level = spec["level"]
    notes = []
    if one_sided:
        notes.append(f"(*) one-sided, {_number(100 - (100 - level) / 2)}% confidence interval")
    elif low_note or high_note:  # ci: one blank line above both; cii: one above each
        notes.extend(["\n".join(t for t in (low_note, high_note) if t)] if not spec.get("immediate")
                     else [t for t in (low_note, high_note) if t])
    if spec.get("note"):
        notes.append(spec["note"])
    table = IntervalTable(rows=tuple(rows), level=level, separator=spec["separator"],
                          column=_column(spec), count="Exposure" if spec["kind"] == "poisson" else "Obs",
                          heading=_heading(spec), variances=spec["kind"] == "variances", notes=tuple(notes))
    session.print("")
    session.print(render_interval_table(table))
    session.set_r(_returns(spec, last))


def _heading(spec: dict) -> str:
    if spec["kind"] == "variances":
        return "------ Bonett ------" if spec["bonett"] else ""
    if spec["kind"] == "binomial":
        return _HEADINGS[spec["method"]]
    return _HEADINGS["poisson"] if spec["kind"] == "poisson" else ""


def _column(spec: dict) -> str:
    if spec["kind"] == "variances":
        return "Std. Dev." if spec["sd"] else "Variance"
    return "Proportion" if spec["kind"] == "binomial" and spec["version"] == 14 else "Mean"


def _is_binary(x: np.ndarray) -> bool:
    x = x[~np.isnan(x)]
    return bool(len(x)) and bool(np.all((x == 0) | (x == 1)))


def _clip_mark(iv) -> str:
    return " ".join(m for m, on in (("*", iv.clipped_low), ("**", iv.clipped_high)) if on)


def _estimate_format(ds, var: str) -> str:
    """ci.ado: a variable's %w.df (or %w.dfc) display format gives %9.d(c), else %9.0g."""
    import re

    found = re.fullmatch(r"%-?\d*\.(\d+)(fc?)", ds.format_of(var) or "")
    return f"%9.{found.group(1)}{found.group(2)}" if found else "%9.0g"


def _number(value: float) -> str:
    return f"{value:.15g}"


def _returns(spec: dict, last) -> dict:
    """r() of the last row: Stata 13's N mean se lb ub; Stata 14's forms add their own."""
    if last is None:
        return {"N": 0.0} if spec["version"] == 13 else {"level": spec["level"]}
    iv, row, kurtosis = last
    if spec["kind"] == "variances":
        out = {"level": spec["level"], "ub": row.ub, "lb": row.lb}
        if spec["bonett"]:
            out["kurtosis"] = kurtosis
        if spec["sd"]:
            out["sd"] = row.estimate
        out.update(Var=iv.estimate, N=iv.n, citype="bonett" if spec["bonett"] else "normal")
        return out
    out = {"N": iv.n, "mean": iv.estimate, "se": iv.se, "lb": iv.lb, "ub": iv.ub}
    if spec["version"] == 14:
        out["level"] = spec["level"]
        if spec["kind"] == "binomial":
            out["proportion"] = iv.estimate
            out["citype"] = spec["method"]
        else:
            out["citype"] = "poisson" if spec["kind"] == "poisson" else "normal"
            out["exposure"] = spec["exposure"] or ""
    return out


def cmd_cii(session, cmd) -> None:
    """cii's forms: by parameter word (Stata 14) or by the count of numbers (Stata 13)."""
    from mlmcli import confidence_intervals as cis
    from mlmcli.results.descriptive import IntervalRow

    if cmd.if_exp is not None or cmd.in_range is not None or cmd.weight is not None:
        raise StataError("invalid syntax", 198)  # (an immediate command takes no if/in/weights)
    param, rest = _parameter(cmd.args)
    opts = resolve_options(cmd.options, _CI_OPTIONS)
    level = confidence_level(opts, float(getattr(session, "level", 95.0)))
    method = _method(opts)
    numbers = [_number_argument(session, w) for w in rest.split()]
    for name in ("exposure", "total", "separator", "by", "normal"):
        if opts.get(name):
            raise StataError(f"option {name}{'()' if name in ('exposure', 'separator', 'by') else ''} not allowed", 198)
    version = 13 if param is None else 14
    if param is None:
        _refuse(opts, ("sd", "bonett"), "cii")
        if len(numbers) == 3 and not (opts.get("poisson") or opts.get("binomial") or method):
            kind = "means"
        elif len(numbers) == 2:
            kind = "poisson" if opts.get("poisson") else "binomial"
            if opts.get("poisson") and method:
                raise StataError("only one of exact, wald, agresti, wilson, and jeffreys options allowed", 198)
        else:
            raise StataError("invalid syntax", 198)
    elif param == "means":
        _refuse(opts, ("binomial", "sd", "bonett") + _METHODS, "cii means")
        kind = "poisson" if opts.get("poisson") else "means"
        if len(numbers) != (2 if kind == "poisson" else 3):
            raise StataError("you must specify 2 arguments with cii means, poisson: #exposure and #events"
                             if kind == "poisson" else
                             "you must specify 3 arguments with cii means: #obs, #mean, and #sd", 198)
    elif param == "proportions":
        _refuse(opts, ("poisson", "binomial", "sd", "bonett"), "cii proportions")
        kind = "binomial"
        if len(numbers) != 2:
            raise StataError("you must specify 2 arguments with cii proportions: #obs and #succ", 198)
    else:
        _refuse(opts, ("poisson", "binomial") + _METHODS, "cii variances")
        kind = "variances"
        what = "sd" if opts.get("sd") else "variance"
        if len(numbers) != (3 if opts.get("bonett") else 2):
            raise StataError(f"you must specify 3 arguments with cii variances, bonett: #obs, #{what}, and #kurtosis"
                             if opts.get("bonett") else
                             f"you must specify 2 arguments with cii variances: #obs and #{what}", 198)
    spec = dict(kind=kind, method=method or "exact", level=level, separator=5, version=version, exposure=None,
                sd=bool(opts.get("sd")), bonett=bool(opts.get("bonett")), immediate=True)
    low_note = high_note = ""
    kurtosis = None
    if kind == "means":
        n, mean, sd = numbers
        _positive_integer(n, "#obs")
        if sd < 0 or (version == 14 and sd == 0):
            raise StataError("third argument, #sd, must be a positive number" if version == 14
                             else "sd must be nonnegative", 198)
        iv = cis.mean_interval(n, mean, sd, level)
    elif kind == "poisson":
        exposure, events = numbers
        if exposure <= 0:
            raise StataError("first argument, #exposure, must be a positive number", 198)
        k = _successes(events, exposure, "#events")
        iv = cis.poisson_interval(exposure, k, level)
    elif kind == "binomial":
        n, succ = numbers
        _positive_integer(n, "#obs")
        k = _successes(succ, n, "#succ")
        if k > n:
            raise StataError(f"the number of successes, {k}, cannot exceed the number of observations, {int(n)}", 198)
        iv = cis.binomial_interval(int(n), k, level, spec["method"])
        name = _NAMES.get(spec["method"], "")
        low_note = f"The {name} interval was clipped at the lower endpoint." if iv.clipped_low else ""
        high_note = f"The {name} interval was clipped at the upper endpoint." if iv.clipped_high else ""
    else:
        n, var = numbers[0], numbers[1]
        if n != int(n) or n <= 1:
            raise StataError("first argument, #obs, must be an integer greater than 1", 198)
        if var <= 0:
            raise StataError(f"second argument, #{'sd' if spec['sd'] else 'variance'}, must be positive", 198)
        var = var ** 2 if spec["sd"] else var
        if spec["bonett"]:
            kurtosis = numbers[2]
            if kurtosis <= 0:
                raise StataError("third argument, #kurtosis, must be positive", 198)
            iv = cis.bonett_interval(n, var, kurtosis, level)
        else:
            iv = cis.variance_interval(n, var, level)
    row = IntervalRow("", iv.n, iv.estimate, iv.se, iv.lb, iv.ub, "*" if iv.one_sided else "")
    if spec["sd"]:
        row = IntervalRow("", iv.n, float(np.sqrt(iv.estimate)), None, float(np.sqrt(iv.lb)), float(np.sqrt(iv.ub)))
    _show(session, spec, [row], (iv.one_sided, low_note, high_note), (iv, row, kurtosis))


def _number_argument(session, word: str) -> float:
    from mlmcli.expr import evaluate_number

    value = evaluate_number(session, word)
    if value is None or not np.isfinite(value):
        raise StataError(f"{word} found where number expected", 7)
    return float(value)


def _positive_integer(n: float, what: str) -> None:
    if n != int(n) or n < 1:
        raise StataError(f"first argument, {what}, must be a positive integer", 198 if n < 1 else 7)


def _successes(value: float, n: float, what: str) -> int:
    """#succ or #events: a count, or a fraction of ``n`` when below 1 (cii.ado)."""
    if value < 0:
        raise StataError(f"second argument, {what}, must be a nonnegative integer or between 0 and 1", 198)
    if value < 1:
        return int(value * n + 0.5)
    if value != int(value):
        raise StataError(f"second argument, {what}, must be a nonnegative integer or between 0 and 1", 7)
    return int(value)
