"""``tab2 varlist [if] [in] [fweight] [, firstonly tabulate-options]`` ([R] tabulate, tab2): the
two-way table of every pair of variables (with ``firstonly``, of the first variable with each of
the others), each headed ``-> tabulation of x by y`` followed by the if/in typed, as tab2.ado
displays it.  Each table is ``tabulate``'s own; its options are ``tabulate``'s."""
from __future__ import annotations

import dataclasses

from mlmcli.commands.data.tables import cmd_tabulate, condition_text
from mlmcli.errors import StataError
from mlmcli.parser import weight_kind


def cmd_tab2(session, cmd) -> None:
    firstonly = [o for o in cmd.options if len(o.name) >= 5 and "firstonly".startswith(o.name) and o.arg is None]
    if cmd.weight is not None and weight_kind(cmd.weight) not in ("fweight", "weight"):
        raise StataError(f"{weight_kind(cmd.weight)}s not allowed", 101)  # tab2.ado's [fweight]
    names = session.data.expand_varlist(cmd.args)
    if len(names) < 2:
        raise StataError("too few variables specified", 102)
    rest = tuple(o for o in cmd.options if o not in firstonly)
    tail = condition_text(cmd)
    for i, row in enumerate(names[:1] if firstonly else names[:-1]):
        for col in names[i + 1:]:
            session.print("")
            session.print(f"-> tabulation of {row} by {col} {tail}".rstrip())
            cmd_tabulate(session, dataclasses.replace(cmd, args=f"{row} {col}", options=rest))
