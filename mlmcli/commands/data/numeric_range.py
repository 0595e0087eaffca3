"""``range varname #first #last [#obs]`` ([D] range): an evenly spaced float variable,
first to last over #obs observations (default _N), adding observations when #obs > _N
(as range.ado: ``set obs`` then ``generate ... in 1/#obs``)."""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import fit_storage
from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.varlist import check_new_name
from mlmcli.textscan import split_words


def _count(session, text: str) -> int:
    from mlmcli.expr import evaluate_number

    value = evaluate_number(session, text)
    if not np.isfinite(value) or value != int(value) or value < 0:
        raise invalid_syntax()
    return int(value)


def cmd_range(session, cmd) -> None:
    from mlmcli.expr import evaluate_number

    words = split_words(cmd.args.strip())
    if not 3 <= len(words) <= 4:
        raise invalid_syntax()
    ds = session.data
    name = words[0]
    check_new_name(ds, name)
    first, last = (evaluate_number(session, w) for w in words[1:3])
    if ds.nobs == 0 and len(words) == 3:
        raise invalid_syntax()
    n = _count(session, words[3]) if len(words) == 4 else ds.nobs
    if n < 1:
        raise StataError("Obs. nos. out of range", 198)
    if n > ds.nobs:  # set obs prints its own line, as range.ado's
        from mlmcli.runner import Runner, current_runner

        (current_runner(session) or Runner(session)).execute(f"set obs {n}")
    values = np.full(ds.nobs, np.nan)
    if n > 1:  # (_n-1)/(#obs-1)*(last-first)+first, in that order, as range.ado's generate
        values[:n] = np.arange(n) / (n - 1) * (last - first) + first
    values = fit_storage(values, "float")
    ds.set_variable(name, values, "float")
    missing = int(np.isnan(values).sum())
    if missing:
        session.print(f"({missing:,} missing value{'s' if missing != 1 else ''} generated)")
