"""``ipolate yvar xvar [if] [in], generate(newvar) [epolate by(varlist)]`` ([D] ipolate):
linear interpolation (and extrapolation) of yvar on xvar, a new double variable; byable
(``by g: ipolate ...`` is ``by(g)``).  The numbers: mlmcli/panel/interpolation.py."""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.commands.data.common import mark
from mlmcli.errors import StataError
from mlmcli.panel.interpolation import interpolate
from mlmcli.syntax.options import OptionSpec, required_text_option, resolve_options
from mlmcli.syntax.varlist import check_new_name, counted_varlist


def cmd_ipolate(session, cmd) -> None:
    opts = resolve_options(cmd.options, [OptionSpec("generate", 1, True), OptionSpec("by", 2, True),
                                         OptionSpec("epolate", 1)])
    ds = session.data
    names = counted_varlist(ds, cmd.args, 2, 2)
    for n in names:
        if ds.is_string(n):
            raise StataError("type mismatch", 109)
    new = required_text_option(opts, "generate")
    by = list(session.by_vars or ())
    if by and opts.get("by"):
        raise StataError("option by() may not be combined with by prefix", 190)
    if isinstance(opts.get("by"), str):
        by = ds.expand_varlist(opts["by"])
    check_new_name(ds, new)
    use = mark(session, cmd) if not session.by_vars else _mark_all(session, cmd)
    groups = None
    if by:
        frame = pd.DataFrame({v: ds.df[v] for v in by})
        groups = frame.groupby(by, dropna=False, sort=True).ngroup().to_numpy()
    z = interpolate(ds.numeric(names[0]), ds.numeric(names[1]), groups, use, bool(opts.get("epolate")))
    ds.set_variable(new, z, "double")
    missing = int(np.isnan(z).sum())
    if missing:
        session.print(f"({missing} missing value{'s' if missing != 1 else ''} generated)")


def _mark_all(session, cmd) -> np.ndarray:
    """if/in over all observations under ``by`` (ipolate is byable(onecall))."""
    saved = session.by_vars
    session.by_vars = ()
    try:
        return mark(session, cmd)
    finally:
        session.by_vars = saved
