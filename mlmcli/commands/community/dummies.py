"""``dummies`` (``ssc install dummies``): one indicator variable per distinct value of each
variable named,

    dummies varlist [if] [in] [, prefix(str)]

named the prefix (default: the variable's own name) followed by the value -- ``dummies race``
over race's values 1, 2 and 3 makes race1, race2 and race3, as the do-files using it read
them.  Each is a byte 1/0, missing where the variable is missing or outside if/in, labelled
``var==value``.  Values must be non-negative integers (they become part of a name); a name
already in use is ``variable ... already defined`` r(110) and creates nothing.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.sample import mark_sample
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import check_new_name

HELP = {"dummies": "dummies varlist [if] [in] [, prefix(str)]"}


def cmd_dummies(session, cmd) -> None:
    ds = session.data
    if not cmd.args.strip():
        raise StataError("varlist required", 100)
    names = ds.expand_varlist(cmd.args)
    opts = resolve_options(cmd.options, [OptionSpec("prefix", 3, takes_arg=True)])
    prefix = str(opts.get("prefix") or "").strip()
    planned = []  # (new name, source, value, selected rows): all checked before any is made
    taken = set(ds.varnames)
    for var in names:
        if ds.is_string(var):
            raise StataError(f"string variables not allowed in varlist;\n{var} is a string variable", 109)
        use = mark_sample(session, cmd, [var])
        x = ds.numeric(var)
        values = np.unique(x[use])
        if np.any((values < 0) | (values != np.floor(values))):
            raise StataError(f"{var} has values that are not non-negative integers; dummies names its "
                             "variables by value", 459)
        for value in values:
            new = f"{prefix or var}{int(value)}"
            if new in taken:
                raise StataError(f"variable {new} already defined", 110)
            check_new_name(ds, new)
            taken.add(new)
            planned.append((new, var, float(value), use))
    for new, var, value, use in planned:
        x = ds.numeric(var)
        ds.set_variable(new, np.where(use, (x == value).astype(float), np.nan), "byte")
        ds.var_labels[new] = f"{var}=={int(value)}"
    ds.changed = bool(planned) or ds.changed
