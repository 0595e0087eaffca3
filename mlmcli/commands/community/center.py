"""``center`` (Ben Jann, ``ssc install center``): centered or standardized copies of variables,
group-wise under ``by``.  A compatible implementation written from the package's help
(13apr2017; the ado-file was not available to read):

    [by varlist:] center varlist [weight] [if] [in] [, casewise prefix(prefix) generate(newvar)
        standardize replace double nolabel addtolabel(string) meansave[(prefix|newvar)]
        sdsave(prefix|newvar)]

For each variable a new variable ``c_<name>`` (``prefix()``; ``generate()`` for a single
variable) holds x - mean, or (x - mean) / sd with ``standardize``, over the observations used:
those in if/in with x (with ``casewise``: every variable of varlist) and the weight nonmissing;
missing elsewhere.  Weighted means are sum(w x)/W; the standard deviation follows the help's
technical note (summarize's rules): W - 1 in the denominator for fweights and iweights,
W - W/N for aweights and pweights.  The new variables are float (``double``: double) and
labelled with the variable's label (or name) followed by " (centered)" or " (standardized)"
(``addtolabel()``; ``nolabel``: no label).  ``meansave`` keeps the means as ``m_<name>``
(``meansave(prefix)``, or ``meansave(newvar)`` with ``generate()``).

Decided without the ado-file (said so in the help page): nothing is printed; the means and
standard deviations saved are unlabelled and of the centered variables' type; ``sdsave`` needs
its prefix (the help's default was not available); a plain ``[weight]`` is an aweight;
``theta()`` (quasi-demeaning) and ``inplace`` are refused.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.sample import mark_sample, mark_weight
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import check_new_name

HELP = {"center": "center varlist [weight] [if] [in] [, casewise prefix() generate() standardize replace double "
                  "nolabel addtolabel() meansave[()] sdsave()]"}

OPTIONS = [OptionSpec("casewise", 1), OptionSpec("prefix", 3, takes_arg=True),
           OptionSpec("generate", 1, takes_arg=True), OptionSpec("standardize", 1), OptionSpec("replace", 1),
           OptionSpec("double", 1), OptionSpec("nolabel", 3), OptionSpec("addtolabel", 1, takes_arg=True),
           OptionSpec("meansave", 4, takes_arg=True, arg_optional=True),
           OptionSpec("sdsave", 2, takes_arg=True, arg_optional=True),
           OptionSpec("theta", 2, takes_arg=True), OptionSpec("inplace", 1)]


def group_moments(x: np.ndarray, w: np.ndarray | None, kind: str) -> tuple[float, float]:
    """Mean and standard deviation of x (weights w of kind 'f', 'i', 'a', 'p'), summarize's rules."""
    n = x.size
    if n == 0:
        return np.nan, np.nan
    if w is None:
        mean = float(np.mean(x))
        sd = float(np.sqrt(np.sum((x - mean) ** 2) / (n - 1))) if n > 1 else np.nan
        return mean, sd
    total = float(np.sum(w))
    mean = float(np.sum(w * x) / total)
    ss = float(np.sum(w * (x - mean) ** 2))
    denominator = total - 1 if kind in ("f", "i") else total - total / n
    return mean, float(np.sqrt(ss / denominator)) if denominator > 0 else np.nan


def _names(ds, variables, opts) -> tuple[list[str], list[str], list[str]]:
    """The new variables' names: centered, means, standard deviations ('' where not asked)."""
    generate = str(opts.get("generate") or "").strip()
    if generate:
        if "prefix" in opts:
            raise StataError("options prefix() and generate() may not be combined", 198)
        if len(variables) > 1:
            raise StataError("too many variables specified", 103)
        if len(generate.split()) != 1:
            raise StataError(f"{generate} invalid name", 198)
        out = [generate]
    else:
        prefix = str(opts.get("prefix", "c_") or "").strip()
        out = [prefix + v for v in variables]

    def saved(option, default_prefix):
        if option not in opts:
            return [""] * len(variables)
        arg = opts[option] if isinstance(opts[option], str) else ""
        arg = arg.strip()
        if not arg and default_prefix is None:
            raise StataError(f"option {option}() requires a prefix in mlm's center", 198)
        if generate and arg:
            return [arg]
        return [(arg or default_prefix) + v for v in variables]

    return out, saved("meansave", "m_"), saved("sdsave", None)


def cmd_center(session, cmd) -> None:
    from mlmcli.by_groups import by_groups

    ds = session.data
    opts = resolve_options(cmd.options, OPTIONS)
    for refused in ("theta", "inplace"):
        if refused in opts:
            raise StataError(f"option {refused} not allowed in mlm's center", 198)
    if not cmd.args.strip():
        raise StataError("varlist required", 100)
    variables = ds.expand_varlist(cmd.args)
    for v in variables:
        if ds.is_string(v):
            raise StataError(f"string variables not allowed in varlist;\n{v} is a string variable", 109)
    kind = "a"
    if cmd.weight is not None:
        kind = cmd.weight.kind.lower()[0] if cmd.weight.kind.lower() != "weight" else "a"
    out, means, sds = _names(ds, variables, opts)
    for name in [n for n in out + means + sds if n]:
        if not (name in ds.varnames and opts.get("replace")):
            check_new_name(ds, name)
    base = mark_sample(session, cmd, variables if opts.get("casewise") else [])
    base, w = mark_weight(session, cmd, base)
    if w is not None:
        if kind == "f" and np.any(w[base] != np.round(w[base])):
            raise StataError("may not use noninteger frequency weights", 401)
        if kind != "i" and np.any(w[base] < 0):
            raise StataError("negative weights encountered", 402)
    by_vars = list(getattr(session, "by_vars", None) or ())
    groups = [mask for _, mask in by_groups(ds, by_vars)] if by_vars else [np.ones(ds.nobs, bool)]
    standardize = bool(opts.get("standardize"))
    vtype = "double" if opts.get("double") else "float"
    results = []
    for v, name, mean_name, sd_name in zip(variables, out, means, sds):
        x = ds.numeric(v)
        use = base & ~np.isnan(x)
        value, mean_col, sd_col = (np.full(ds.nobs, np.nan) for _ in range(3))
        for group in groups:
            rows = use & group
            mean, sd = group_moments(x[rows], None if w is None else w[rows], kind)
            mean_col[rows], sd_col[rows] = mean, sd
            value[rows] = (x[rows] - mean) / sd if standardize else x[rows] - mean
        results.append((v, name, value, mean_name, mean_col, sd_name, sd_col))
    suffix = opts.get("addtolabel")
    if suffix is None:
        suffix = " (standardized)" if standardize else " (centered)"
    elif len(suffix) >= 2 and suffix[0] == suffix[-1] == '"':  # quotes keep a leading space
        suffix = suffix[1:-1]
    for v, name, value, mean_name, mean_col, sd_name, sd_col in results:  # nothing fails from here on
        label = (ds.var_labels.get(v) or v) + str(suffix)
        for new, col in ((name, value), (mean_name, mean_col), (sd_name, sd_col)):
            if not new:
                continue
            if new in ds.varnames:
                ds.drop_variables([new])
            ds.set_variable(new, col, vtype)
        if not opts.get("nolabel"):
            ds.var_labels[name] = label[:80]
    ds.changed = True
