"""The sample of the epitab commands that read variables (cs, cc, ir): numeric variables, an
optional by() variable, if/in, fweights, and Stata's errors for them."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def epitab_sample(session, cmd, count: int, by_text: str = ""):
    """(names, by variable or None, rows in the sample, each row's frequency weight)."""
    from mlmcli.commands.data.common import mark, weights
    from mlmcli.syntax.varlist import counted_varlist

    ds = session.data
    names = counted_varlist(ds, cmd.args, count, count)
    for name in names:
        if ds.is_string(name):
            raise StataError("type mismatch", 109)
    if "," in by_text:   # _epitab_by_parse's missing suboption
        raise StataError("option missing not allowed", 198)
    if len(by_text.split()) > 1:
        raise StataError("too many variables specified", 103)
    by_names = counted_varlist(ds, by_text, 1, 1) if by_text.strip() else []
    rows = mark(session, cmd, names + by_names, strok=True)
    rows, w, _ = weights(session, cmd, rows, ("fweight",), default="fweight")
    if not rows.any():
        raise StataError("no observations", 2000)
    count_of_row = np.ones(int(rows.sum())) if w is None else np.asarray(w, dtype=float)[rows]
    return names, (by_names[0] if by_names else None), rows, count_of_row
