"""``levelsof varname [if] [in] [, local(name) missing separate(s) clean]``.

Shows the distinct values of a variable in ascending order, as one line
(``1 2 3``; strings in compound quotes, `` `"a"' `"b c"' ``, unless
``clean``), stores them in ``r(levels)`` and optionally in a local macro,
which is how do-files loop over groups:

    levelsof cntryid, local(countries)
    foreach c of local countries { ... }
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import single_variable
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

OPTIONS = [OptionSpec("local", 1, takes_arg=True), OptionSpec("missing", 4),
           OptionSpec("separate", 3, takes_arg=True), OptionSpec("clean", 5)]


def cmd_levelsof(session, cmd) -> None:
    from mlmcli.render.numfmt import format_number
    from mlmcli.sample import mark_sample

    opts = resolve_options(cmd.options, OPTIONS)
    data = session.data
    name = single_variable(data, cmd.args)
    is_string = data.is_string(name)
    keep_missing = "missing" in opts
    mask = mark_sample(session, cmd, [] if keep_missing else [name], strok=True)
    if not mask.any():
        raise StataError("no observations", 2000)
    if is_string:
        values = data.df[name].to_numpy(dtype=object)[mask]
        levels = sorted({"" if v is None or v != v else str(v) for v in values})
        clean = "clean" in opts
        shown = [v if clean and " " not in v else f'`"{v}"\'' for v in levels]
    else:
        values = data.df[name].to_numpy(dtype=float, na_value=np.nan)[mask]
        from mlmcli import missing
        nan = np.isnan(values)
        shown = [format_number(v, "%18.0g").strip() for v in sorted(set(values[~nan].tolist()))]
        if keep_missing and nan.any():  # ., .a, ... .z: each its own level, in Stata's order
            shown += ["." + missing.LETTERS[k - 1] if k else "." for k in np.unique(missing.code(values[nan]))]
    sep = opts.get("separate")
    text = (sep.strip('"') if isinstance(sep, str) else " ").join(shown)
    session.print(text)
    session.set_r({"levels": text})
    if isinstance(opts.get("local"), str):
        session.locals[opts["local"].strip()] = text
