"""``fracgen``: the fractional polynomial terms of a variable (Stata 13's fracgen.ado).

    fracgen varname # [# ...] [if] [in] [, noscaling replace name(stub) adjust(mean|no|#)
        center(...) index(#)]

Creates stub_1, stub_2, ... (stub: name() or varname, cut to 6 characters; index() the first
number) as doubles: x^p (log x for 0; a repeated power multiplies the previous term by log x) of
X = (varname + shift) / scale over the if/in sample (frac_xo: shifted when varname has a value
<= 0, scaled by a power of 10 unless noscaling), minus the term at adjust() when given (by
default not adjusted).  Power 1 alone without adjust() or name() creates nothing (r(names) is
varname).  r(names), r(shift), r(scale), r(adj#).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, integer_option

FRACGEN_OPTIONS = [OptionSpec("noscaling", 5), OptionSpec("replace", 7), OptionSpec("name", 2, takes_arg=True),
                   OptionSpec("adjust", 1, takes_arg=True), OptionSpec("center", 4, takes_arg=True),
                   OptionSpec("index", 1, takes_arg=True)]


def cmd_fracgen(session, cmd) -> None:
    from mlmcli.commands.estimation.fracpoly_output import adjust_point, generate_terms
    from mlmcli.fractional_polynomials import shift_and_scale
    from mlmcli.parser import parse_arguments
    from mlmcli.sample import mark_sample
    from mlmcli.syntax.options import resolve_options

    line = parse_arguments(cmd.args, "fracgen")
    if line.weight is not None:
        raise StataError("weights not allowed", 101)
    words = line.args.split()
    if not words:
        raise StataError("varlist required", 100)
    ds = session.data
    names = ds.expand_varlist(words[0])
    if len(names) > 1:
        raise StataError("too many variables specified", 103)
    x = names[0]
    powers = []
    for word in words[1:]:
        try:
            powers.append(float(word))
        except ValueError:
            raise StataError("invalid syntax", 198) from None
    if not powers:
        raise StataError("powers required", 198)
    opts = resolve_options(line.options, FRACGEN_OPTIONS)
    index = integer_option(opts, "index", 1)  # syntax's index(integer 1)
    if opts.get("adjust") is not None and opts.get("center") is not None:
        raise StataError("options adjust() and center() may not be specified together", 198)
    adjust = opts.get("adjust") if opts.get("adjust") is not None else opts.get("center")
    if adjust is not None and str(adjust).strip() == "no":
        adjust = None
    stub = str(opts["name"]).strip() if opts.get("name") else None
    scaling = not opts.get("noscaling")
    if powers == [1.0] and adjust is None and stub is None:
        session.set_r({"names": x, "shift": 0.0, "scale": 1.0})
        return
    if ds.is_string(x):
        raise StataError("type mismatch", 109)
    index = min(index, 99 - len(powers)) if index + len(powers) > 99 else index
    stub = (stub or x)[:6]
    out = [f"{stub}_{k}" if k < 10 else f"{stub}{k}" for k in range(index, index + len(powers))]
    for name in out:
        if name in ds.varnames and not opts.get("replace"):
            raise StataError(f"{name} already defined", 110)
    touse = np.asarray(mark_sample(session, line), bool)
    xv = ds.numeric(x)
    frame = xv[touse & np.isfinite(xv)]
    if frame.size == 0:
        raise StataError("no observations", 2000)
    shift, scale = shift_and_scale(frame, scaling)
    at = None if adjust is None else adjust_point(adjust, frame)
    for name in out:
        if name in ds.varnames:
            ds.drop_variables([name])
    say = " ".join(p for p in (f"if {line.if_exp}" if line.if_exp else "", _in_text(cmd.args)) if p)
    at_values = generate_terms(session, x, xv[touse], touse, tuple(powers), shift, scale, at, scaling, out, say)
    r = {"names": " ".join(out), "shift": shift, "scale": scale}
    if at is not None:
        r.update({f"adj{j}": a for j, a in enumerate(at_values, start=1)})
    session.set_r(r)


def _in_text(text: str) -> str:
    import re

    m = re.search(r"\bin\s+(\S+)", text.split(",")[0])
    return f"in {m.group(1)}" if m else ""
