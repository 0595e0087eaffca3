"""``distinct`` (Gary Longton and Nick Cox, ``ssc install distinct``): how many observations
and how many distinct values each variable has, or the variables jointly.  A compatible
implementation written from the package's help and ado-file (version 1.2.1):

    distinct [varlist] [if] [in] [, missing abbrev(#) joint minimum(#) maximum(#)]

Observations with a missing value (``""`` for strings) are left out, variable by variable
(with ``joint``: in any of the variables), unless ``missing``.  ``minimum()``/``maximum()``
show only variables with that many distinct values (given the wrong way round, they are
swapped with a note).  Stored: ``r(N)`` and ``r(ndistinct)`` of the last variable examined.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.errors import StataError
from mlmcli.render.abbrev import abbrev as stata_abbrev
from mlmcli.render.numfmt import format_number
from mlmcli.sample import mark_sample
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options

HELP = {"distinct": "distinct [varlist] [if] [in] [, missing abbrev(#) joint minimum(#) maximum(#)]"}


def _present(ds, name: str) -> np.ndarray:
    if ds.is_string(name):
        return ds.df[name].astype(str).to_numpy() != ""
    return ~np.isnan(ds.numeric(name))


def _count(ds, names: list[str], rows: np.ndarray) -> tuple[int, int]:
    """(observations, distinct values) over ``rows``: missing values count as values here."""
    if not rows.any():
        return 0, 0
    frame = pd.DataFrame({k: (ds.df[n].astype(str) if ds.is_string(n) else ds.df[n].astype(float))
                          for k, n in enumerate(names)})[rows]
    return int(rows.sum()), int(len(frame.drop_duplicates()))


def cmd_distinct(session, cmd) -> None:
    opts = resolve_options(cmd.options, [OptionSpec("missing", 4), OptionSpec("abbrev", 1, takes_arg=True),
                                         OptionSpec("joint", 1), OptionSpec("minimum", 3, takes_arg=True),
                                         OptionSpec("maximum", 3, takes_arg=True)])
    ds = session.data
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else list(ds.varnames)
    if not names:
        raise StataError("no variables defined", 111)
    low, high = integer_option(opts, "minimum", 0), integer_option(opts, "maximum", None)
    if high is not None and low > high:
        session.print(f"min({low}) max({high}) interpreted as min({high}) max({low})")
        low, high = high, low
    base = mark_sample(session, cmd)
    keep_missing = bool(opts.get("missing"))

    def shown(k: int) -> bool:
        return k >= low and (high is None or k <= high)

    if opts.get("joint"):
        rows = base.copy()
        if not keep_missing:
            for n in names:
                rows &= _present(ds, n)
        n_obs, n_distinct = _count(ds, names, rows)
        session.print()
        session.print("        Observations")
        session.print("      total   distinct")
        if shown(n_distinct):
            session.print(f"{format_number(n_obs, '%11.0g')}  {format_number(n_distinct, '%9.0g')}")
    else:
        width = integer_option(opts, "abbrev", None)
        width = max(width if width is not None else max(len(n) for n in names), 5)
        session.print()
        session.print(" " * (width + 2) + "|        Observations")
        session.print(" " * (width + 2) + "|      total   distinct")
        session.print("-" * (width + 2) + "+" + "-" * 22)
        n_obs = n_distinct = 0
        for n in names:
            rows = base if keep_missing else base & _present(ds, n)
            n_obs, n_distinct = _count(ds, [n], rows)
            if shown(n_distinct):
                label = stata_abbrev(n, width)
                session.print(f" {label:>{width}} |  {format_number(n_obs, '%9.0g')}  "
                              f"{format_number(n_distinct, '%9.0g')}")
    session.set_r({"N": float(n_obs), "ndistinct": float(n_distinct)})
