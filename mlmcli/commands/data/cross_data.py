"""``cross using filename`` ([D] cross): every pairwise combination of the observations in
memory with those of filename, as cross.ado makes it: master observation 1 with each using
observation in order, then master observation 2, ...; a variable in both keeps the master's
values (cross.ado's merge); the using file's new variables bring their labels and formats.
The data are left unsorted; silent."""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import adopt_metadata, load_using, split_using
from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.options import resolve_options


def cmd_cross(session, cmd) -> None:
    resolve_options(cmd.options, [])
    before, using = split_using(cmd.args)
    if using is None:
        raise StataError("using required", 100)
    if before or not using:
        raise invalid_syntax()
    other = load_using(using, session)
    ds = session.data.copy()
    m, u = ds.nobs, other.nobs
    ds.take_rows(np.repeat(np.arange(m), u))
    added = [v for v in other.varnames if v not in ds.varnames]
    theirs = np.tile(np.arange(u), m)
    for name in added:
        column = other.df[name].to_numpy()
        ds.set_variable(name, column[theirs] if len(theirs) else column[:0], other.types.get(name))
    adopt_metadata(ds, other, added)
    ds.sortedby = ()
    ds.changed = True
    session.data = ds
