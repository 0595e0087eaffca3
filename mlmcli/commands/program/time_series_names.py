"""``tsunab`` and ``tsrevar`` ([P] unab, [P] tsrevar): time-series varlists for programs.

    tsunab lmacname : varlist [, min(#) max(#) name(string)]     (tsunab.ado 1.0.1)
    tsrevar [varlist] [, substitute list]

``tsunab`` expands operators (``L(1/2).y`` -> ``L.y L2.y``) as well as abbreviations and
wildcards.  ``tsrevar`` puts each operated variable's values into a new temporary double
variable (``__000000`` ..., dropped when the program that made it ends) and returns the
list with those names in r(varlist); ``list`` returns the variables the list is made of,
creating nothing.
"""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options
from mlmcli.time_series_ops import expand_ts_varlist, split_operated


def cmd_tsunab(session, cmd) -> None:
    from mlmcli.commands.program.syntax import macro_target

    name, rest = macro_target(cmd.args)
    body, options, _ = split_options(rest)
    opts = resolve_options(options, [OptionSpec("min", 3, True), OptionSpec("max", 3, True),
                                     OptionSpec("name", 4, True)])
    try:
        lo = int(opts.get("min", 1))
        hi = int(opts.get("max", 32000))
    except ValueError:
        raise StataError("invalid syntax", 198) from None
    names = expand_ts_varlist(session.data, body) if body.strip() else []
    session.locals[name] = " ".join(names)
    n = len(names)
    if lo <= n <= hi:
        return
    rc = 102 if n < lo else 103
    label = opts.get("name")
    if not isinstance(label, str) or not label.strip():
        raise StataError(f"{' '.join(names)}:", rc)
    label = label.strip()
    head = f"{label}:  too {'few' if n < lo else 'many'} variables specified"
    if lo == hi:
        need = f"{lo} variable{'s' if hi > 1 else ''} required"
    elif lo <= 0:
        need = "0 or 1 variables required" if hi == 1 else f"{hi} or fewer variables required"
    elif hi >= 32000:
        need = f"{lo} or more variables required"
    else:
        need = f"{lo} - {hi} variables required"
    raise StataError(f"{head}\n{' ' * (len(label) + 3)}{need}", rc)


def cmd_tsrevar(session, cmd) -> None:
    opts = resolve_options(cmd.options, [OptionSpec("substitute", 1), OptionSpec("list", 1)])
    if opts.get("substitute") and opts.get("list"):
        raise StataError("only one of substitute or list may be specified", 198)
    if cmd.if_exp is not None or cmd.in_range is not None:
        raise StataError("if not allowed" if cmd.if_exp is not None else "in range not allowed", 101)
    ds = session.data
    names = expand_ts_varlist(ds, cmd.args) if cmd.args.strip() else []
    out: list[str] = []
    if opts.get("list"):
        for name in names:
            parts = split_operated(name)
            base = parts[1] if parts else name
            if base not in out:
                out.append(base)
        session.set_r({"varlist": " ".join(out)})
        return
    made: dict[str, str] = {}
    for name in names:
        if not split_operated(name):
            out.append(name)
            continue
        if name not in made:
            values = ds.numeric(name)
            made[name] = temporary_name(session)
            ds.set_variable(made[name], values, "double")
        out.append(made[name])
    session.set_r({"varlist": " ".join(out)})


def temporary_name(session) -> str:
    """The next ``__000000`` name (tempvar's counter); a program's go when it ends."""
    counter = getattr(session, "_temp_counter", 0)
    token = f"__{counter:06X}"
    session._temp_counter = counter + 1
    if session.return_frames:
        session.return_frames[-1].setdefault("temps", []).append(token)
    return token
