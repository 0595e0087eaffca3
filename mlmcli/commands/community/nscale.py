"""``nscale`` (SSC): copies of variables rescaled to lie between 0 and 1, (x - min) / (max - min).
A compatible implementation following the package's ado-file (versions 2.1.2 and 3.0):

    nscale varlist [, generate(namelist) prefix(name) postfix(name) separator replace|nopostfix
        missing(#) up down reverse tabulate]

Each variable is cloned (clonevar: type, format, variable label, characteristics) under its new
name -- generate()'s n-th name, with prefix()/postfix() added (``separator``: joined by "_"),
``<name>_01`` where no name was given -- or overwritten with ``replace`` (2.1.2: ``nopostfix``).
Its value label is detached, then every value becomes (x - min)/(max - min) over the nonmissing
values; ``missing(#)`` sets # to missing first (``up``: values >= #, ``down``: values <= #) and the
minimum and maximum are taken over the values kept.  ``reverse`` takes 1 - x; ``tabulate``
tabulates each new variable.  Nothing else is printed (the ado-file runs quietly); replace's
storage promotion holds: byte and int become float, long becomes double.
The ado-file's ``interactive`` mode (it prompts for input), ``extract()`` and ``numbering()``
are refused.
"""
from __future__ import annotations

import numpy as np

from mlmcli.characteristics import copy_for
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"nscale": "nscale varlist [, generate(namelist) prefix(name) postfix(name) separator replace missing(#) "
                  "up down reverse tabulate] : rescale variables to 0-1 (community command)"}

OPTIONS = [OptionSpec("replace", 7), OptionSpec("nopostfix", 6), OptionSpec("generate", 1, takes_arg=True),
           OptionSpec("prefix", 3, takes_arg=True), OptionSpec("postfix", 4, takes_arg=True),
           OptionSpec("separator", 3), OptionSpec("missing", 1, takes_arg=True), OptionSpec("up", 1),
           OptionSpec("down", 1), OptionSpec("reverse", 1), OptionSpec("tabulate", 1),
           OptionSpec("tab", 3), OptionSpec("interactive", 1), OptionSpec("quietly", 1),
           OptionSpec("extract", 1, takes_arg=True), OptionSpec("numbering", 3, takes_arg=True)]

_PROMOTED = {"byte": "float", "int": "float", "long": "double"}


def _targets(variables: list[str], opts: dict) -> list[str]:
    """The new variables' names (the variables themselves under replace)."""
    replace = "replace" in opts or "nopostfix" in opts
    generate = str(opts.get("generate") or "").split()
    prefix, postfix = (str(opts.get(o) or "").strip() for o in ("prefix", "postfix"))
    if replace and (generate or prefix or postfix):
        raise StataError("option generate(), prefix() or postfix() may not be combined with replace", 198)
    if replace:
        return list(variables)
    if generate and len(generate) != len(variables):
        raise StataError("option generate():\ttoo " + ("many" if len(generate) > len(variables) else "few")
                         + " names specified", 103)
    sep = "_" if "separator" in opts else ""
    names = []
    for i, var in enumerate(variables):
        name = generate[i] if generate else var
        if prefix:
            name = prefix + sep + name
        if postfix:
            name = name + sep + postfix
        names.append(name + "_01" if name == var else name)
    return names


def _rescaled(x: np.ndarray, opts: dict) -> np.ndarray:
    keep = np.isfinite(x)
    y = x.copy()
    if "missing" in opts:
        try:
            m = float(str(opts["missing"]).strip())
        except ValueError:
            raise StataError("invalid numlist", 121) from None
        drop = x >= m if "up" in opts else x <= m if "down" in opts else x == m
        y[drop & keep] = np.nan
    kept = y[np.isfinite(y)]
    low, high = (float(kept.min()), float(kept.max())) if kept.size else (np.nan, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        y = (y - low) / (high - low)  # max == min: 0/0, missing as in Stata
    y[~np.isfinite(y)] = np.nan
    return 1 - y if "reverse" in opts else y


def cmd_nscale(session, cmd) -> None:
    ds = session.data
    variables = ds.expand_varlist(cmd.args) if cmd.args.strip() else []
    if not variables:
        raise StataError("varlist required", 100)
    for var in variables:
        if ds.is_string(var):
            raise StataError("type mismatch", 109)
    if cmd.if_exp or cmd.in_range:
        raise StataError("if not allowed" if cmd.if_exp else "in range not allowed", 101)
    opts = resolve_options(cmd.options, OPTIONS)
    if "tab" in opts:
        opts["tabulate"] = True
    for refused in ("interactive", "extract", "numbering"):
        if refused in opts:
            raise StataError(f"option {refused} not allowed", 198)
    if "up" in opts and "down" in opts:
        raise StataError("option up may not be combined with down", 198)
    if ("up" in opts or "down" in opts) and "missing" not in opts:
        raise StataError("option up or down requires missing() to be set", 198)
    if "interactive" not in opts and "quietly" in opts:
        session.print("option quietly only applies if nscale is running in interactive mode")
    if "separator" in opts and not (opts.get("prefix") or opts.get("postfix")):
        session.print("option separator only applies if prefix() or postfix() is set")
    targets = _targets(variables, opts)
    replace = targets == variables
    if not replace:
        seen = set()
        for name in targets:
            if name in ds.varnames or name in seen:
                raise StataError(f"variable {name} already defined", 110)
            seen.add(name)
    values = [_rescaled(ds.numeric(var).astype(float), opts) for var in variables]  # all checked first
    for var, new, y in zip(variables, targets, values):
        vtype = ds.types.get(var, "float")
        vtype = _PROMOTED.get(vtype, vtype)
        if vtype == "float":
            y = y.astype(np.float32).astype(float)
        ds.set_variable(new, y, vtype)
        if not replace:
            ds.var_labels[new] = ds.var_labels.get(var, "")
            if var in ds.formats:
                ds.formats[new] = ds.formats[var]
            copy_for(ds.chars, var, new)
        if vtype != ds.types.get(var) and ds.formats.get(new) in ("%8.0g", "%12.0g"):
            ds.formats[new] = "%9.0g" if vtype == "float" else "%10.0g"  # replace's promotion
        ds.value_label_of.pop(new, None)
    ds.changed = True
    if "tabulate" in opts:
        from mlmcli.runner import Runner, current_runner

        runner = current_runner(session) or Runner(session)
        for new in targets:
            runner.execute(f"tabulate {new}")
