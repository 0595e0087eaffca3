"""``mdesc`` (Rose Anne Medeiros and Dan Blanchette, ``ssc install mdesc``): a table of how many
observations each variable has missing.  A compatible implementation written from the
package's help and ado-file (version 2.1):

    mdesc [varlist] [if] [in] [, abbreviate(#) any all none]

``any``/``all``/``none``: one row counting the observations missing any / all / none of the
variables (with one variable, any and all are ignored with a note).  Stored: ``r(miss)``,
``r(total)``, ``r(percent)`` (of the last row) and the macros ``r(miss_vars)`` and
``r(notmiss_vars)`` (the table of each variable).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.render.abbrev import abbrev as stata_abbrev
from mlmcli.render.numfmt import format_number
from mlmcli.sample import mark_sample
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options

HELP = {"mdesc": "mdesc [varlist] [if] [in] [, abbreviate(#) any all none]"}

OPTIONS = [OptionSpec("abbreviate", 2, takes_arg=True), OptionSpec("any"), OptionSpec("all"),
           OptionSpec("none", 2)]


def _missing(ds, name: str) -> np.ndarray:
    if ds.is_string(name):
        return ds.df[name].astype(str).to_numpy() == ""
    return np.isnan(ds.numeric(name))


def _pct(miss: int, total: int) -> float:
    return miss / total * 100 if total else float("nan")


def cmd_mdesc(session, cmd) -> None:
    ds = session.data
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else list(ds.varnames)
    opts = resolve_options(cmd.options, OPTIONS)
    mode = [m for m in ("any", "all", "none") if opts.get(m)]
    if len(mode) > 1:
        raise StataError("specify only the any option or the all option or the none", 198)
    if mode and mode[0] in ("any", "all") and len(names) == 1:
        session.print(f"since only 1 variable was specified, the {mode[0]} option will be ignored")
        mode = []
    width = min(integer_option(opts, "abbreviate", 12), 32)
    c1, c2, c3 = (17, 16, 47) if width <= 16 else (width + 2, width + 1, width + 30)
    session.print()
    if mode == ["none"]:
        session.print(f"{'':<{c1 - 1}}|      None                        Percent              ")
        session.print(f"{'    Variable':<{c1 - 1}}|     Missing          Total     Not Missing")
    else:
        session.print(f"{'    Variable':<{c1 - 1}}|     Missing          Total     Percent Missing")
    rule = "-" * c2 + "+" + "-" * c3
    session.print(rule)
    touse = mark_sample(session, cmd)
    total = int(touse.sum())
    result: dict = {}
    if not mode:
        miss_vars, notmiss_vars = [], []
        for name in names:
            miss = int((_missing(ds, name) & touse).sum())
            label = stata_abbrev(name, width)
            session.print(f"{label:>{c1 - 2}} | {format_number(float(miss), '%11.0gc')}    "
                          f"{format_number(float(total), '%11.0gc')}       {format_number(_pct(miss, total), '%8.2f')}")
            (miss_vars if miss > 0 else notmiss_vars).append(name)
            result = {"miss": float(miss), "total": float(total), "percent": _pct(miss, total)}
        result.update({"miss_vars": " ".join(miss_vars), "notmiss_vars": " ".join(notmiss_vars)})
    else:
        flags = np.array([_missing(ds, n) for n in names])
        hit = {"any": flags.any(axis=0), "all": flags.all(axis=0), "none": ~flags.any(axis=0)}[mode[0]]
        miss = int((hit & touse).sum())
        label = stata_abbrev(f"{'no' if mode[0] == 'none' else mode[0]} vars", width)
        session.print(f"{label:>{c1 - 2}} |    {format_number(float(miss), '%8.0gc')}    "
                      f"{format_number(float(total), '%8.0gc')}       {format_number(_pct(miss, total), '%8.2f')}")
        result = {"miss": float(miss), "total": float(total), "percent": _pct(miss, total)}
    session.print(rule)
    session.set_r(result)
