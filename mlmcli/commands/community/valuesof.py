"""``valuesof`` (Ben Jann, ``ssc install valuesof``): the values of a variable as a list in
``r(values)``.  A compatible implementation written from the package's ado-file (version 1.0.2,
20may2008) and moremata's ``mm_invtokens()`` (1.0.2):

    valuesof varname [if] [in] [, format(%fmt) missing]

Every observation of the sample gives one element, in the data's order (not the distinct
values: ``levelsof`` gives those).  The sample is ``marksample, strok``: missing values and
empty strings are left out unless ``missing`` is given.  A numeric value is written with
``strofreal(x, format)`` (default ``%18.0g``, a period for the decimal point whatever ``set
dp`` says; a missing value is ``.``); an element holding a double quote is wrapped in compound
quotes, one holding a blank in double quotes, an empty one is ``""``.  The ado clears r()
and sets ``r(values)`` only, then displays it.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.missing import text as missing_text
from mlmcli.render.numfmt import format_number_with_period
from mlmcli.sample import mark_sample
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"valuesof": "valuesof varname [if] [in] [, format(%fmt) missing]"}

OPTIONS = [OptionSpec("format", 1, takes_arg=True), OptionSpec("missing", 4)]


def invtokens(tokens: list[str]) -> str:
    """moremata's mm_invtokens(): the elements joined by blanks, quoted where needed."""
    out = []
    for tok in tokens:
        if '"' in tok:
            tok = '`"' + tok + '"\''
        elif " " in tok:
            tok = '"' + tok + '"'
        elif tok == "":
            tok = '""'
        out.append(tok)
    return " ".join(out)


def cmd_valuesof(session, cmd) -> None:
    ds = session.data
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else []
    if len(names) != 1:
        raise StataError("too many variables specified" if names else "varlist required",
                         103 if names else 100)
    var = names[0]
    opts = resolve_options(cmd.options, OPTIONS)
    fmt = str(opts.get("format") or "").strip() or "%18.0g"
    if opts.get("format") and not _valid_format(fmt):
        raise StataError(f"'{fmt}' found where format expected", 7)
    varlist = () if opts.get("missing") else (var,)
    touse = mark_sample(session, cmd, varlist, strok=True)
    rows = np.flatnonzero(touse)
    if ds.is_string(var):
        column = ds.df[var].to_numpy(dtype=object)
        tokens = ["" if column[i] is None else str(column[i]) for i in rows]
    else:
        values = ds.numeric(var)
        tokens = [missing_text(values[i]) if np.isnan(values[i])
                  else format_number_with_period(float(values[i]), fmt).strip() for i in rows]
    text = invtokens(tokens)
    session.set_r({"values": text})  # st_rclear() then st_global("r(values)")
    session.print(text)


def _valid_format(fmt: str) -> bool:
    from mlmcli.render.numfmt import format_number

    if not fmt.startswith("%"):
        return False
    try:
        format_number(1.0, fmt)
    except Exception:  # noqa: BLE001 -- any failure means Stata's confirm format fails
        return False
    return True
